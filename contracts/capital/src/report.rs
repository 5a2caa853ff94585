//! What governance is told, bounded per call.
//!
//! When `λ` moves, many members can reach or leave a cap at once, and each of them costs
//! governance up to `MAX_DELEGATIONS × MAX_DEPTH` inflow writes. So capital keeps, per account,
//! what governance was last told ([`Reports::told`]), and a queue of the *units* (a single
//! member, or a household) whose members may have to be told again. Every call that changes
//! capital tells its own account first, then works through the queue for at most
//! [`EXAMINED_PER_CALL`] accounts and [`TOLD_PER_CALL`] changes; governance takes a prefix of
//! them within its own work bound and says how many, and only those count as told (a unit
//! leaves the queue once all its changes were taken; a unit partly taken goes to the back, and
//! a flush always takes the head's first change, so no unit holds the head). Every unit counts
//! at least 1 toward the examined bound, an empty household too. Anyone drains the rest with
//! `flush_reports`. No storage cell holds more than the units with a fixed share (each holds at
//! least the individual cap, >= 1%, so at most 100 of them).

use crate::types::UnitId;
use ink::{
    prelude::vec::Vec,
    storage::{Lazy, Mapping},
};
use usos_primitives::{AccountId, CapitalInput, Rate};

/// Accounts a call examines from the queue (a household, at most 16 members, always fits).
#[cfg(not(test))]
pub const EXAMINED_PER_CALL: usize = 32;
/// Changes a call tells governance from the queue, besides its own account's.
#[cfg(not(test))]
pub const TOLD_PER_CALL: usize = 16;
/// Changes one report carries at most: its own account, and the queued changes (or, when
/// the first queued unit is a household with more, its members).
pub const MAX_TOLD: usize = 1 + if TOLD_PER_CALL > crate::data::MAX_HOUSEHOLD {
    TOLD_PER_CALL
} else {
    crate::data::MAX_HOUSEHOLD
};
// Host tests use tiny bounds, so that their dozen accounts exercise the queue.
#[cfg(test)]
pub const EXAMINED_PER_CALL: usize = 4;
#[cfg(test)]
pub const TOLD_PER_CALL: usize = 2;

/// A unit with a fixed share at the last solve and what fixed it: a full household's own
/// rate, and how many of its members are at the individual cap. When neither moved (and the
/// caps did not), its members' fixed shares did not move either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct FixedUnit {
    pub unit: UnitId,
    pub own: Option<Rate>,
    pub capped: u8,
}

#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Reports {
    /// What governance was last told of each account.
    told: Mapping<AccountId, CapitalInput>,
    /// The units with a fixed share at the last solve.
    fixed: Lazy<Vec<FixedUnit>>,
    /// Units to look at again, from `head` (inclusive) to `tail` (exclusive).
    queue: Mapping<u32, UnitId>,
    queued: Mapping<UnitId, ()>,
    head: u32,
    tail: u32,
}

impl Reports {
    pub fn told(&self, account: AccountId) -> CapitalInput {
        self.told.get(account).unwrap_or_default()
    }

    pub fn tell(&mut self, account: AccountId, input: CapitalInput) {
        if input == CapitalInput::default() {
            self.told.remove(account);
        } else {
            self.told.insert(account, &input);
        }
    }

    /// Units waiting to be looked at again.
    pub fn pending(&self) -> u32 {
        self.tail.wrapping_sub(self.head)
    }

    pub fn fixed_units(&self) -> Vec<FixedUnit> {
        self.fixed.get().unwrap_or_default()
    }

    /// Replaces the fixed units by `now` and queues every unit whose members' fixed shares may
    /// have moved: those that appeared, went or changed, the households in `changed`, and all
    /// of them when the caps changed.
    pub fn solved(&mut self, now: Vec<FixedUnit>, changed: &[UnitId], caps_changed: bool) {
        let before = self.fixed_units();
        for u in &now {
            if caps_changed || !before.contains(u) {
                self.enqueue(u.unit);
            }
        }
        for u in &before {
            if caps_changed || !now.iter().any(|n| n.unit == u.unit) {
                self.enqueue(u.unit);
            }
        }
        for unit in changed {
            self.enqueue(*unit);
        }
        self.fixed.set(&now);
    }

    fn enqueue(&mut self, unit: UnitId) {
        if self.queued.contains(unit) {
            return;
        }
        self.queued.insert(unit, &());
        self.queue.insert(self.tail, &unit);
        self.tail = self.tail.wrapping_add(1);
    }

    /// The `i`-th queued unit from the head.
    pub fn queued_at(&self, i: u32) -> Option<UnitId> {
        if i >= self.pending() {
            return None;
        }
        self.queue.get(self.head.wrapping_add(i))
    }

    /// Takes the head unit off the queue.
    pub fn pop(&mut self) {
        if let Some(unit) = self.queued_at(0) {
            self.queued.remove(unit);
        }
        self.queue.remove(self.head);
        if self.head != self.tail {
            self.head = self.head.wrapping_add(1);
        }
    }

    /// Queues `unit` (again) unless it is queued.
    pub fn requeue(&mut self, unit: UnitId) {
        self.enqueue(unit);
    }

    /// Moves the head unit to the back of the queue, after governance took part of it: a unit
    /// whose changes keep moving (its members depositing between flushes) cannot keep the
    /// units behind it from being told.
    pub fn rotate(&mut self) {
        if let Some(unit) = self.queued_at(0) {
            self.pop();
            self.enqueue(unit);
        }
    }
}
