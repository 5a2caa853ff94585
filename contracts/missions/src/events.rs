//! Events: PSP22's `Transfer` and `Approval` (the standard's names and fields, so explorers
//! recognise them) and the missions' own; mission and accounts are topics.

use crate::{token::Balance, types::MissionId};
pub use usos_primitives::events::{AdminChanged, CodeUpgraded};
use usos_primitives::{AccountId, BlockNumber, Hash};

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    #[ink(topic)]
    pub from: Option<AccountId>,
    #[ink(topic)]
    pub to: Option<AccountId>,
    pub value: u128,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    #[ink(topic)]
    pub owner: AccountId,
    #[ink(topic)]
    pub spender: AccountId,
    pub amount: u128,
}

/// A mission opened with its bounty in escrow; `mission(id)` tells how it was funded.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionCreated {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub creator: AccountId,
    pub bounty: Balance,
    pub deadline: BlockNumber,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub claimant: AccountId,
}

/// Governance set how long a claim may go without a submission.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimTimeoutChanged {
    pub blocks: BlockNumber,
}

/// A claim ended before payment: given up by its claimant (`by == claimant`) or ended by
/// `by` after the claim timeout without a submission.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclaimed {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub claimant: AccountId,
    pub by: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub claimant: AccountId,
    pub evidence: Hash,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub claimant: AccountId,
    #[ink(topic)]
    pub reviewer: AccountId,
    pub approve: bool,
}

/// The reviewers rejected a submission; the claimant may submit again.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionRejected {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub claimant: AccountId,
}

/// The bounty went out of escrow to the contributor.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionPaid {
    #[ink(topic)]
    pub mission: MissionId,
    #[ink(topic)]
    pub contributor: AccountId,
    pub bounty: Balance,
    /// The payout was recorded in `capital` as the contributor's labour: labour recording is
    /// enabled and the cooperative funded the mission (`Funding::by_cooperative`).
    pub labour_recorded: bool,
}

/// Cancelled or expired: the escrow went back to the creator.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissionClosed {
    #[ink(topic)]
    pub mission: MissionId,
    pub expired: bool,
    pub refunded: Balance,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabourRecordingChanged {
    pub enabled: bool,
}

/// What a core operation returns for the shell to emit, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissionsEvent {
    Transfer(Transfer),
    Approval(Approval),
    MissionCreated(MissionCreated),
    Claimed(Claimed),
    Submitted(Submitted),
    Reviewed(Reviewed),
    SubmissionRejected(SubmissionRejected),
    MissionPaid(MissionPaid),
    MissionClosed(MissionClosed),
    LabourRecordingChanged(LabourRecordingChanged),
    AdminChanged(AdminChanged),
    Unclaimed(Unclaimed),
    ClaimTimeoutChanged(ClaimTimeoutChanged),
}
