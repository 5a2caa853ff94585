//! Events of the membership contract; members, households and the acting account are topics.

use crate::types::StakeholderClass;
use ink::prelude::vec::Vec;
pub use usos_primitives::events::{AdminChanged, CodeUpgraded};
use usos_primitives::{AccountId, BlockNumber, HouseholdId};

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admitted {
    #[ink(topic)]
    pub member: AccountId,
    pub class: StakeholderClass,
    #[ink(topic)]
    pub by: AccountId,
}

/// The admin ended a membership.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    #[ink(topic)]
    pub member: AccountId,
    #[ink(topic)]
    pub by: AccountId,
}

/// A member left by itself.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    #[ink(topic)]
    pub member: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassChanged {
    #[ink(topic)]
    pub member: AccountId,
    pub class: StakeholderClass,
}

/// A household was created; its founder is its first member.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdCreated {
    #[ink(topic)]
    pub household: HouseholdId,
    #[ink(topic)]
    pub founder: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdInvited {
    #[ink(topic)]
    pub household: HouseholdId,
    #[ink(topic)]
    pub invitee: AccountId,
    pub by: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdJoined {
    #[ink(topic)]
    pub household: HouseholdId,
    #[ink(topic)]
    pub member: AccountId,
}

/// A member left its household: by itself, or because its membership ended.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdLeft {
    #[ink(topic)]
    pub household: HouseholdId,
    #[ink(topic)]
    pub member: AccountId,
}

/// The contracts told of every membership and household change (capital, governance).
/// `member` asked to leave `household`; it stays in it until `effective_at`, when anyone may
/// complete the exit (`complete_household_exit`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdLeaving {
    #[ink(topic)]
    pub household: HouseholdId,
    #[ink(topic)]
    pub member: AccountId,
    pub effective_at: BlockNumber,
}

/// Leaving a household now takes `delay` blocks.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdDelayChanged {
    pub delay: BlockNumber,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenersChanged {
    pub listeners: Vec<AccountId>,
}

/// What a core operation returns for the shell to emit, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembershipEvent {
    Admitted(Admitted),
    Removed(Removed),
    Left(Left),
    ClassChanged(ClassChanged),
    HouseholdCreated(HouseholdCreated),
    HouseholdInvited(HouseholdInvited),
    HouseholdJoined(HouseholdJoined),
    HouseholdLeft(HouseholdLeft),
    HouseholdLeaving(HouseholdLeaving),
    HouseholdDelayChanged(HouseholdDelayChanged),
    AdminChanged(AdminChanged),
    ListenersChanged(ListenersChanged),
}

impl MembershipEvent {
    /// The account whose membership or household this event changed, if any.
    pub fn changed_account(&self) -> Option<AccountId> {
        match self {
            MembershipEvent::Admitted(e) => Some(e.member),
            MembershipEvent::Removed(e) => Some(e.member),
            MembershipEvent::Left(e) => Some(e.member),
            MembershipEvent::HouseholdCreated(e) => Some(e.founder),
            MembershipEvent::HouseholdJoined(e) => Some(e.member),
            MembershipEvent::HouseholdLeft(e) => Some(e.member),
            MembershipEvent::ClassChanged(_)
            | MembershipEvent::HouseholdInvited(_)
            | MembershipEvent::HouseholdLeaving(_)
            | MembershipEvent::HouseholdDelayChanged(_)
            | MembershipEvent::AdminChanged(_)
            | MembershipEvent::ListenersChanged(_) => None,
        }
    }
}
