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
