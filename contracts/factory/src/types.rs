//! What a cooperative is made of, and what its founders choose.

use governance::{CategoryParams, Config};
use ink::prelude::{string::String, vec::Vec};
use merit::{CategoryRules, Level};
use usos_primitives::{AccountId, Hash};

pub const MAX_FOUNDERS: usize = 64;
pub const MAX_FOUNDING_CATEGORIES: usize = 8;
pub const MAX_NAME_LEN: usize = 64;

/// The uploaded code of the six contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CodeHashes {
    pub membership: Hash,
    pub merit: Hash,
    pub capital: Hash,
    pub governance: Hash,
    pub missions: Hash,
    pub profiles: Hash,
}

/// A merit category the cooperative starts with, and its first holders.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct FoundingCategory {
    pub name: String,
    pub rules: CategoryRules,
    /// Founders holding a credential from the start (they must be among the founders).
    pub holders: Vec<(AccountId, Level)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct CoopParams {
    /// Governance parameters of every category until governance sets its own.
    pub defaults: CategoryParams,
    pub config: Config,
    /// The first members.
    pub founders: Vec<AccountId>,
    pub categories: Vec<FoundingCategory>,
}

/// The addresses of one cooperative's contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Cooperative {
    pub membership: AccountId,
    pub merit: AccountId,
    pub capital: AccountId,
    pub governance: AccountId,
    pub missions: AccountId,
    pub profiles: AccountId,
}

/// Which contract a step of the set-up concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Part {
    Membership,
    Merit,
    Capital,
    Governance,
    Missions,
    Profiles,
}
