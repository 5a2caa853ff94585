//! Values missions stores and returns.

use crate::token::Balance;
use ink::prelude::{string::String, vec::Vec};
use usos_primitives::{AccountId, BlockNumber, CategoryId, Hash};

pub type MissionId = u64;

pub const MAX_TITLE_LEN: usize = 64;
pub const MAX_REVIEWERS: usize = 8;

/// Who reviews submitted work.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Reviewers {
    /// These accounts (1 to MAX_REVIEWERS).
    Accounts(Vec<AccountId>),
    /// Live holders of this merit category (asked of `merit`).
    Category(CategoryId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct MissionSpec {
    pub title: String,
    /// Hash of the description (its URI or document).
    pub description: Hash,
    pub bounty: Balance,
    /// Claims, submissions and reviews happen before this block; from it on the mission can
    /// be expired and its escrow returned.
    pub deadline: BlockNumber,
    pub reviewers: Reviewers,
    /// Approvals (or rejections) that decide a submission, at least 1.
    pub approvals_needed: u32,
    pub max_claimants: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MissionStatus {
    Open,
    Paid,
    Cancelled,
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Mission {
    pub creator: AccountId,
    pub spec: MissionSpec,
    pub claimants: u32,
    pub status: MissionStatus,
    pub paid_to: Option<AccountId>,
}

/// A claimant's work on a mission. A rejection starts a new review round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Claim {
    pub evidence: Option<Hash>,
    pub round: u32,
    pub approvals: u32,
    pub rejections: u32,
}
