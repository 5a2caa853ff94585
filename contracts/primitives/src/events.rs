//! Events every usOS contract emits the same way: one definition, so indexers see one
//! signature (and a contract linking another's call builder does not carry two).

use crate::{AccountId, Hash};

/// The admin (the cooperative's governance) handed administration over.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminChanged {
    #[ink(topic)]
    pub previous: AccountId,
    #[ink(topic)]
    pub new: AccountId,
}

/// The contract's code was replaced (`set_code`); its storage was kept.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUpgraded {
    #[ink(topic)]
    pub code_hash: Hash,
}

/// The contract now reports its changes to `listener` (governance), or to nobody.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerChanged {
    pub listener: Option<AccountId>,
}

/// The contract now runs its hot messages in the code `front` (`None`: in its whole code again;
/// see `front`). Its signature topic is the one governance's event had when it was declared
/// there (`Option<usos_primitives::Hash>`), so indexers keep recognising it.
#[ink::event(signature_topic = "c69c98169f6170d692d1046b9485e51063eaa36c91f5687c09b0b15457da5c16")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontChanged {
    pub front: Option<Hash>,
}
