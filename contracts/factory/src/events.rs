//! Events of the factory; the creator and the new governance are topics.
use crate::types::CodeHashes;
use ink::prelude::string::String;
use usos_primitives::AccountId;

/// A cooperative was created: every address, and who created it.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CooperativeCreated {
    #[ink(topic)]
    pub creator: AccountId,
    #[ink(topic)]
    pub governance: AccountId,
    pub name: String,
    pub membership: AccountId,
    pub merit: AccountId,
    pub capital: AccountId,
    pub missions: AccountId,
    pub profiles: AccountId,
}

/// The factory changed hands; `to: None` renounced it (its codes are fixed for good).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnershipTransferred {
    #[ink(topic)]
    pub from: AccountId,
    pub to: Option<AccountId>,
}

/// The owner changed the code new cooperatives are made of.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesChanged {
    pub codes: CodeHashes,
}
