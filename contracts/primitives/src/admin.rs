//! The account that administers a contract: the cooperative's governance. Every usOS contract
//! checks and hands over administration the same way.

use crate::{events::AdminChanged, AccountId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Admin(AccountId);

/// The caller is not the admin; each contract turns it into its own `Error::NotAdmin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAdmin;

impl Admin {
    pub fn new(account: AccountId) -> Self {
        Admin(account)
    }

    pub fn account(&self) -> AccountId {
        self.0
    }

    pub fn ensure(&self, caller: AccountId) -> Result<(), NotAdmin> {
        if caller == self.0 {
            Ok(())
        } else {
            Err(NotAdmin)
        }
    }

    /// The admin hands administration to `new`.
    pub fn hand_over(
        &mut self,
        caller: AccountId,
        new: AccountId,
    ) -> Result<AdminChanged, NotAdmin> {
        self.ensure(caller)?;
        let previous = core::mem::replace(&mut self.0, new);
        Ok(AdminChanged { previous, new })
    }
}

/// The code was not installed: no such code, or a code that cannot run this contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpgradeFailed;

/// Replaces the calling contract's code with `code_hash`, keeping its storage, and emits
/// `CodeUpgraded`; the caller checks that the admin asked. Only a code that runs this
/// contract is installed (`front::runs_this_contract`: it answers `version()` on this
/// contract's storage and is no front): another contract's code, a front, a code without
/// `version` or no code at all would leave the contract unable to run any message, for good.
pub fn upgrade_code(code_hash: crate::Hash) -> Result<(), UpgradeFailed> {
    if !crate::front::runs_this_contract(&code_hash) {
        return Err(UpgradeFailed);
    }
    replace_code(code_hash)
}

/// Replaces the calling contract's code with `code_hash` unchecked (a front and its whole code
/// swap places: `front::use_front`, which checks them itself), and emits `CodeUpgraded`.
pub fn replace_code(code_hash: crate::Hash) -> Result<(), UpgradeFailed> {
    use ink::env::DefaultEnvironment;
    ink::env::set_code_hash::<DefaultEnvironment>(&code_hash).map_err(|_| UpgradeFailed)?;
    ink::env::emit_event::<DefaultEnvironment, _>(crate::events::CodeUpgraded { code_hash });
    Ok(())
}
