//! Values merit stores and returns.

use ink::prelude::{string::String, vec::Vec};
use usos_primitives::{AccountId, BasisPoints, BlockNumber, CategoryId, Hash};

/// Merit points a credential carries.
pub type Points = u32;
/// A credential level, 1-based: level `n` carries `level_points[n - 1]` points.
pub type Level = u8;
pub type NominationId = u64;

/// A category name is at most this many bytes.
pub const MAX_NAME_LEN: usize = 32;
/// A category has at most this many levels.
pub const MAX_LEVELS: usize = 10;
/// A member holds live credentials in at most this many categories: leaving the cooperative
/// ends each of them, so the work of an exit is bounded.
pub const MAX_HELD: usize = 16;
/// A sweep (`sweep`, or the one `propose` runs in governance) examines at most this many
/// credentials of a category per call.
pub const MAX_SWEEP: u32 = 64;

/// How a category issues credentials; set by the admin (governance).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CategoryRules {
    /// At least this many approvals (>= 1) ...
    pub min_attestations: u32,
    /// ... and at least this share of the category's holders at nomination time.
    pub min_holder_share: BasisPoints,
    /// Attestation window in blocks (>= 1), from the nomination.
    pub window: BlockNumber,
    /// Points of levels 1..=len (1 to MAX_LEVELS levels, each > 0).
    pub level_points: Vec<Points>,
    /// Blocks a credential stays live; `None`: until revoked. May be lengthened, never
    /// shortened (see the crate docs).
    pub lifetime: Option<BlockNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Category {
    pub name: String,
    pub rules: CategoryRules,
}

/// A member's live credential in a category (at most one: a new one supersedes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Credential {
    pub level: Level,
    pub points: Points,
    pub evidence: Hash,
    pub issued_at: BlockNumber,
    /// First block at which it no longer counts; `None`: never expires.
    pub expires_at: Option<BlockNumber>,
    /// Its position in the category's tally.
    pub tally_index: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum NominationKind {
    /// Issue a credential of this level.
    Issue(Level),
    /// Revoke the nominee's live credential.
    Revoke,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum NominationStatus {
    Open,
    /// Approvals reached the threshold: the credential was issued (or revoked).
    Approved,
    /// Rejections reached the threshold.
    Rejected,
    /// The window closed with neither threshold reached.
    Expired,
    /// The nominee left the cooperative before the nomination was decided: nothing issued.
    NomineeLeft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Nomination {
    pub kind: NominationKind,
    pub nominee: AccountId,
    pub category: CategoryId,
    pub evidence: Hash,
    pub nominated_by: AccountId,
    /// Attestations are accepted while `block < closes_at`.
    pub closes_at: BlockNumber,
    /// Approvals (or rejections) needed, fixed at nomination.
    pub required: u32,
    pub approvals: u32,
    pub rejections: u32,
    pub status: NominationStatus,
}
