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

/// The code could not be replaced (unknown code hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpgradeFailed;

/// Replaces the calling contract's code with `code_hash`, keeping its storage, and emits
/// `CodeUpgraded`. The caller checks that the admin asked.
#[inline(always)]
pub fn upgrade_code(code_hash: crate::Hash) -> Result<(), UpgradeFailed> {
    use ink::env::DefaultEnvironment;
    ink::env::set_code_hash::<DefaultEnvironment>(&code_hash).map_err(|_| UpgradeFailed)?;
    ink::env::emit_event::<DefaultEnvironment, _>(crate::events::CodeUpgraded { code_hash });
    Ok(())
}
