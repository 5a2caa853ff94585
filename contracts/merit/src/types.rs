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
/// credentials of a category per call: each noted one is reported to governance, which loads
/// governance's code into the call's proof again (about 55 KB each).
pub const MAX_SWEEP: u32 = 16;

/// The revocation majority a cooperative should use unless it has a reason not to: two thirds
/// of those attesting (6,666 basis points, so exactly two thirds, 2 of 3 or 6 of 9, passes).
pub const DEFAULT_REVOKE_MAJORITY: BasisPoints = match BasisPoints::new(6_666) {
    Some(majority) => majority,
    None => BasisPoints::ONE_HUNDRED_PERCENT,
};

/// How a category issues credentials; set by the admin (governance).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CategoryRules {
    /// At least this many approvals (>= 1) ...
    pub min_attestations: u32,
    /// ... and at least this share of the category's holders at nomination time.
    pub min_holder_share: BasisPoints,
    /// A revocation also needs approvals of at least this share of those attesting
    /// (`approvals * 10_000 >= revoke_majority * (approvals + rejections)`): 5,001 to 10,000
    /// basis points, default [`DEFAULT_REVOKE_MAJORITY`] (6,666: two thirds). An issue needs
    /// a simple majority (more approvals than rejections).
    pub revoke_majority: BasisPoints,
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

/// Where a nomination stands. It *passes* when, for `Issue(level)`, approvals > rejections and
/// approvals >= `required`; for `Revoke`, approvals >= `required` and approvals are at least
/// `revoke_majority` of those who attested. It is decided early, by the attestation after
/// which no way the rest of the electorate could attest would change the outcome; otherwise
/// by `finalise` after the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum NominationStatus {
    /// Not decided yet.
    Open,
    /// It passed (early: it would have passed even had every holder who had not attested
    /// rejected): the credential was issued (or revoked).
    Approved,
    /// It failed and could not have passed even had every holder of the electorate who had not
    /// attested approved: the rejections (with `required`) defeat it. Decided early, or by
    /// `finalise`.
    Rejected,
    /// The window closed and it failed only for want of attestations: had the holders who
    /// stayed away approved, it would have passed. Decided by `finalise` only. Also a passed
    /// nomination whose credential can no longer be issued (its level was removed since, or
    /// the nominee holds credentials in `MAX_HELD` categories): it closes instead of staying
    /// open for good.
    Expired,
    /// It passed, but the nominee of an `Issue` had left the cooperative: nothing issued.
    NomineeLeft,
}

/// A swarm nomination. Everything its decision needs is fixed when it is made, so a change of
/// the category's rules during the window does not move the goalposts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Nomination {
    pub kind: NominationKind,
    pub nominee: AccountId,
    pub category: CategoryId,
    pub evidence: Hash,
    pub nominated_by: AccountId,
    /// The block of the nomination: only credentials already held then attest it.
    pub nominated_at: BlockNumber,
    /// Attestations are accepted while `block < closes_at`; `finalise` from `closes_at` on.
    pub closes_at: BlockNumber,
    /// The category's live holders when it was nominated, the nominee excepted: the most that
    /// may attest it. (For `Issue(level)` it still counts holders below `level`, who may not:
    /// early decisions are then rarer, never wrong.)
    pub electorate: u32,
    /// Credentials the category had ever issued when it was nominated (its tally's length):
    /// an attester's credential must be one of them, i.e. issued before the nomination (at or
    /// before `nominated_at`, and not later in that block).
    pub issued_before: u32,
    /// Approvals needed at least: `max(min_attestations, ceil(min_holder_share * holders))`.
    pub required: u32,
    /// For `Revoke`: the share of those attesting that must approve (the category's
    /// `revoke_majority` at nomination).
    pub revoke_majority: BasisPoints,
    pub approvals: u32,
    pub rejections: u32,
    pub status: NominationStatus,
}
