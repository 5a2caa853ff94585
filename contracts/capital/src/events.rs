//! Events of the capital contract; the member is a topic.

use crate::types::{Balance, CapsBps};
pub use usos_primitives::events::{AdminChanged, CodeUpgraded, ListenerChanged};
use usos_primitives::{AccountId, BlockNumber, Hash};

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deposited {
    #[ink(topic)]
    pub member: AccountId,
    pub amount: Balance,
    pub locked_until: BlockNumber,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionRecorded {
    #[ink(topic)]
    pub member: AccountId,
    pub amount: Balance,
    #[ink(topic)]
    pub evidence: Hash,
    pub by: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    #[ink(topic)]
    pub member: AccountId,
    pub amount: Balance,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapsChanged {
    pub caps: CapsBps,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockChanged {
    pub lock_blocks: BlockNumber,
}

/// `recorder` may now record up to its limit (`None`: it may no longer record).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecorderChanged {
    #[ink(topic)]
    pub recorder: AccountId,
    pub limit: Option<crate::types::RecorderLimit>,
}

/// Governance removed `removed` of `member`'s recorded contributions (a correction, with
/// evidence).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionCorrected {
    #[ink(topic)]
    pub member: AccountId,
    pub removed: Balance,
    #[ink(topic)]
    pub evidence: Hash,
}

/// After a call, units whose members governance has still to be told of (a cap crossing of
/// many members at once): anyone tells them with `flush_reports`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportsPending {
    pub pending: u32,
}

/// What a core operation returns for the shell to emit, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapitalEvent {
    Deposited(Deposited),
    ContributionRecorded(ContributionRecorded),
    Withdrawn(Withdrawn),
    CapsChanged(CapsChanged),
    LockChanged(LockChanged),
    RecorderChanged(RecorderChanged),
    ContributionCorrected(ContributionCorrected),
    AdminChanged(AdminChanged),
    /// Not an ink! event: what the listener (governance) is told, in the same transaction.
    Report(PowerReport),
}

/// The rate `λ` after a change and the capital inputs to tell governance: the mover's own
/// first (`own`), then those of the queued units this report looked at, in queue order;
/// `ends[i]` counts the changes up to the `i`-th unit's last. Governance takes a prefix, and
/// `CapitalData::commit` records what it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerReport {
    pub rate: usos_primitives::Rate,
    pub changes: ink::prelude::vec::Vec<(AccountId, usos_primitives::CapitalInput)>,
    pub own: Option<AccountId>,
    pub ends: ink::prelude::vec::Vec<u32>,
}
