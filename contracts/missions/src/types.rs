//! Values missions stores and returns.

use crate::token::Balance;
use ink::prelude::{string::String, vec::Vec};
use usos_primitives::{AccountId, BlockNumber, CategoryId, Hash};

pub type MissionId = u64;

pub const MAX_TITLE_LEN: usize = 64;
pub const MAX_REVIEWERS: usize = 8;
/// Blocks a claimant may hold a claim without submitting (since claiming, or since its last
/// rejection) before anyone may end the claim, until governance sets another: a day at
/// 6-second blocks.
pub const DEFAULT_CLAIM_TIMEOUT: BlockNumber = 14_400;
/// The shortest claim timeout governance may set (an hour: a claimant must have time to work),
/// and the longest (a year).
pub const MIN_CLAIM_TIMEOUT: BlockNumber = 600;
pub const MAX_CLAIM_TIMEOUT: BlockNumber = 5_256_000;

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
    /// Approvals (or rejections) that decide a submission: at least 1, and for listed
    /// reviewers at most their number.
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

/// Whose money a mission's bounty is, fixed at creation. Only the cooperative's own money buys
/// labour: a payout is recorded in `capital` (when labour recording is enabled) for `Minted`
/// and `Treasury` missions only. A `Member` mission pays its bounty and records nothing, so a
/// member cannot turn its own tokens into capital stake (and voting power) through a mission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Funding {
    /// `create_funded_mission`: the admin (governance) minted the bounty into escrow.
    Minted,
    /// `create_mission` by the admin: escrowed from the admin's own balance (a treasury payout).
    Treasury,
    /// `create_mission` by anyone else: escrowed from the creator's own balance.
    Member,
}

impl Funding {
    /// Whether the cooperative paid for the mission, i.e. whether its payout may be labour.
    pub fn by_cooperative(self) -> bool {
        match self {
            Funding::Minted | Funding::Treasury => true,
            Funding::Member => false,
        }
    }
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
    /// Whose money the bounty is; decides whether the payout is recorded as labour.
    pub funding: Funding,
    /// Submissions waiting for their review round to end (a rejection ends one; a payout
    /// closes the mission). While any waits, only the admin may cancel the mission.
    pub awaiting_review: u32,
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
    /// The block of the claim, or of its last rejection: the claim's timeout runs from here.
    pub working_since: BlockNumber,
    /// The claim timeout when it was claimed: a later `set_claim_timeout` does not shorten it.
    pub timeout: BlockNumber,
}
