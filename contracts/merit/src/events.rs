//! Events of the merit contract; member, category and nomination are topics.

use crate::types::{Level, NominationId, NominationKind, Points};
use ink::prelude::string::String;
pub use usos_primitives::events::{AdminChanged, CodeUpgraded, ListenerChanged};
use usos_primitives::{AccountId, BlockNumber, CategoryId, Hash};

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCreated {
    #[ink(topic)]
    pub category: CategoryId,
    pub name: String,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesChanged {
    #[ink(topic)]
    pub category: CategoryId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominated {
    #[ink(topic)]
    pub nomination: NominationId,
    #[ink(topic)]
    pub nominee: AccountId,
    #[ink(topic)]
    pub category: CategoryId,
    pub kind: NominationKind,
    pub by: AccountId,
    pub evidence: Hash,
    /// Approvals needed at least (see `Nomination::required`).
    pub required: u32,
    /// The most holders that may attest it: the category's live holders, the nominee excepted.
    pub electorate: u32,
    pub closes_at: BlockNumber,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attested {
    #[ink(topic)]
    pub nomination: NominationId,
    #[ink(topic)]
    pub attester: AccountId,
    pub approve: bool,
}

/// The nomination closed without issuing or revoking: `rejected` when its status is
/// `Rejected`; `false` for `Expired` and `NomineeLeft`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NominationFailed {
    #[ink(topic)]
    pub nomination: NominationId,
    pub rejected: bool,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialIssued {
    #[ink(topic)]
    pub member: AccountId,
    #[ink(topic)]
    pub category: CategoryId,
    pub level: Level,
    pub points: Points,
    pub expires_at: Option<BlockNumber>,
    /// `None`: granted by the admin.
    pub nomination: Option<NominationId>,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRevoked {
    #[ink(topic)]
    pub member: AccountId,
    #[ink(topic)]
    pub category: CategoryId,
    /// `None`: revoked by the admin.
    pub nomination: Option<NominationId>,
}

/// Someone noted that a credential reached its expiry (it stopped counting at `expired_at`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialExpired {
    #[ink(topic)]
    pub member: AccountId,
    #[ink(topic)]
    pub category: CategoryId,
    pub expired_at: BlockNumber,
}

/// The member left the cooperative (or was removed): its credential ended with its membership.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialLapsed {
    #[ink(topic)]
    pub member: AccountId,
    #[ink(topic)]
    pub category: CategoryId,
}

/// What a core operation returns for the shell to emit, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeritEvent {
    CategoryCreated(CategoryCreated),
    RulesChanged(RulesChanged),
    Nominated(Nominated),
    Attested(Attested),
    NominationFailed(NominationFailed),
    CredentialIssued(CredentialIssued),
    CredentialRevoked(CredentialRevoked),
    CredentialExpired(CredentialExpired),
    CredentialLapsed(CredentialLapsed),
    AdminChanged(AdminChanged),
}

impl MeritEvent {
    /// `(member, category, live points now)` when the event changes a member's points.
    pub fn points_now(&self) -> Option<(AccountId, CategoryId, Points)> {
        match self {
            MeritEvent::CredentialIssued(e) => Some((e.member, e.category, e.points)),
            MeritEvent::CredentialRevoked(e) => Some((e.member, e.category, 0)),
            MeritEvent::CredentialExpired(e) => Some((e.member, e.category, 0)),
            MeritEvent::CredentialLapsed(e) => Some((e.member, e.category, 0)),
            _ => None,
        }
    }
}
