//! # usOS `capital`
//!
//! The capital-stake registry with caps: the capital pool, 50% of every decision's points by
//! default. Members deposit native currency (`deposit`, payable); governance and authorised
//! recorders (the missions contract, for paid labour) record contributions with an evidence
//! hash, each recorder within its limit per period; governance corrects a recorded
//! contribution with evidence. Deposits can be withdrawn once the lock period governance sets
//! has passed and every proposal the member voted on has ended (asked of governance); former
//! members can withdraw too, and their stake stops counting the moment they leave.
//!
//! ## Shares
//! A member's share of the pool is `min(c, λ·raw)` with one global `λ`, as large as possible
//! such that the shares sum to at most 100%; a household's members together hold at most `C`,
//! split among them the same way (see [`waterfill`] for the exact definition and solver).
//! Defaults: `c` = 3% (300 basis points), `C` = 5% (500); governance sets both (at least 1%,
//! `c <= C`). With too few staking members to fill the pool under the caps, the shares are
//! plain proportional instead: `min(c, raw / pool)`, households alike (at most `C`, split by
//! stake), and what the caps cut stays unallocated.
//!
//! In plain words: when the caps can fill the pool, exact waterfilling; when they cannot, plain
//! proportional shares; governance passes the unallocated part of capital's weight to the
//! other pools. Where the caps fill the pool, what a capped member stakes above its cap
//! changes no one's share: a whale's deposit cannot switch the other investors off.
//!
//! ## Cost
//! No message iterates over members. A change updates two 4-ary storage heaps (O(log₄ N)), then
//! re-solves `λ` over the units that can reach a cap, read best-first from the heaps: at most
//! `⌊1/c⌋ <= 100` of them, plus their households (at most 16 members each).
//!
//! ## Reports to governance, bounded
//! Governance values a member's stake at `λ`, or at the fixed share capital tells it (a cap,
//! or a full household's own rate). When `λ` moves many members can reach or leave a cap at
//! once, and each one told costs governance up to 16 × 8 inflow updates. So capital keeps what
//! it told per account and queues the units (single members, households) whose fixed shares
//! may have moved; a call tells its own account at once and then at most 16 queued changes
//! (32 accounts examined), of which governance takes a prefix within its own work bound and
//! answers how many; `flush_reports` (anyone) tells the next ones, `pending_reports`
//! says how many units wait, and a call that leaves some waiting emits `ReportsPending`. No
//! storage cell grows with the members: the units with a fixed share each hold at least 1%,
//! so there are at most 100 (see [`report`]).
//!
//! ## History
//! Counted stake, household, `λ`, each full household's own rate, the caps and the pool total
//! are checkpointed, so `share_at(account, block)` answers for any past block in O(log n) reads,
//! and a deposit after a proposal's snapshot changes nothing for that proposal.
//!
//! membership reports every membership and household change through `MembershipListener`, in
//! the same transaction, so capital's households are membership's at every block.
// cargo-contract denies this lint in release builds; deny it on the host too, outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;
pub mod heap;
#[cfg(test)]
mod heap_tests;
pub mod report;
#[cfg(test)]
mod report_tests;
pub mod types;
pub mod waterfill;

#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod waterfill_tests;

pub use self::capital::{Capital, CapitalRef};
pub use errors::Error;
pub use types::*;

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod capital {
    use crate::{
        data::{CapitalData, Events},
        errors::Error,
        events::{CapitalEvent, ListenerChanged, PowerReport, ReportsPending},
        types::{CapsBps, Recorder, RecorderLimit, Stake},
        waterfill::Rate,
    };
    use ink::{codegen::TraitCallBuilder, prelude::vec::Vec};
    use usos_primitives::{
        traits::{
            answered, CapitalListener, CapitalRecorder, CapitalView, MemberChange,
            MembershipListener, VoteLock,
        },
        CapitalInput, HouseholdId, ListenerError, RecordError, Share,
    };

    #[ink(storage)]
    pub struct Capital {
        data: CapitalData,
        /// Told of `λ` and of every changed capital input (governance).
        listener: Option<AccountId>,
    }

    impl Capital {
        /// Capital of the cooperative whose `membership` reports to it; `admin` is governance.
        #[ink(constructor)]
        pub fn new(admin: AccountId, membership: AccountId) -> Result<Self, Error> {
            let data = CapitalData::new(admin, membership, Self::env().block_number())?;
            Ok(Self {
                data,
                listener: None,
            })
        }

        /// Invest the transferred native currency.
        #[ink(message, payable)]
        pub fn deposit(&mut self) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self
                .data
                .deposit(caller, now, self.env().transferred_value())?;
            self.apply(events)
        }

        /// Take back `amount` of deposited currency once unlocked and once every proposal the
        /// caller voted on has ended.
        #[ink(message)]
        pub fn withdraw(&mut self, amount: Balance) -> Result<(), Error> {
            let (caller, now) = self.context();
            let voted_until = self.voted_until(caller)?;
            let events = self.data.withdraw(caller, now, amount, voted_until)?;
            self.env()
                .transfer(caller, amount)
                .map_err(|_| Error::TransferFailed)?;
            self.apply(events)
        }

        /// Admin: the individual and household caps, in basis points.
        #[ink(message)]
        pub fn set_caps(&mut self, caps: CapsBps) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.set_caps(caller, now, caps)?;
            self.apply(events)
        }

        /// Admin: blocks a deposit stays locked.
        #[ink(message)]
        pub fn set_lock(&mut self, lock_blocks: BlockNumber) -> Result<(), Error> {
            let events = self.data.set_lock(self.env().caller(), lock_blocks)?;
            self.apply(events)
        }

        /// Admin: `recorder` may record contributions up to `limit` per period (`None`: not at
        /// all).
        #[ink(message)]
        pub fn set_recorder(
            &mut self,
            recorder: AccountId,
            limit: Option<RecorderLimit>,
        ) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.set_recorder(caller, now, recorder, limit)?;
            self.apply(events)
        }

        /// Admin (by proposal): remove `removed` of `member`'s recorded contributions, citing
        /// `evidence`.
        #[ink(message)]
        pub fn correct_contribution(
            &mut self,
            member: AccountId,
            removed: Balance,
            evidence: Hash,
        ) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self
                .data
                .correct_contribution(caller, now, member, removed, evidence)?;
            self.apply(events)
        }

        #[ink(message)]
        pub fn set_admin(&mut self, new_admin: AccountId) -> Result<(), Error> {
            let events = self.data.set_admin(self.env().caller(), new_admin)?;
            self.apply(events)
        }

        /// Admin: replace this contract's code; storage is kept. Only code that runs this
        /// contract is installed (`UpgradeFailed` otherwise: no such code, a front, another
        /// contract's code; `usos_primitives::upgrade_code`).
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<(), Error> {
            self.data.ensure_admin(self.env().caller())?;
            usos_primitives::upgrade_code(code_hash).map_err(|_| Error::UpgradeFailed)
        }

        /// The code's version: 1, or 2 for the `v2` build the upgrade test installs.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            if cfg!(feature = "v2") {
                2
            } else {
                1
            }
        }

        #[ink(message)]
        pub fn admin(&self) -> AccountId {
            self.data.admin()
        }

        #[ink(message)]
        pub fn membership(&self) -> AccountId {
            self.data.membership()
        }

        #[ink(message)]
        pub fn stake(&self, account: AccountId) -> Stake {
            self.data.stake(account)
        }

        #[ink(message)]
        pub fn lock_blocks(&self) -> BlockNumber {
            self.data.lock_blocks()
        }

        /// `account`'s recorder limit and use, if it is a recorder.
        #[ink(message)]
        pub fn recorder(&self, account: AccountId) -> Option<Recorder> {
            self.data.recorder(account)
        }

        /// Stake that counted for `account` at the end of `block` (0 for non-members).
        #[ink(message)]
        pub fn raw_at(&self, account: AccountId, block: BlockNumber) -> Balance {
            self.data.raw_at(account, block)
        }

        /// The global rate `λ` at the end of `block` (shares per unit of stake): the
        /// waterfilling rate, or `1 / pool` when the caps cannot fill the pool; unbounded only
        /// for an empty pool or caps filling it exactly (everyone at its cap).
        #[ink(message)]
        pub fn rate_at(&self, block: BlockNumber) -> Option<Rate> {
            self.data.rate_at(block)
        }

        /// A full household's own rate at the end of `block`.
        #[ink(message)]
        pub fn household_rate_at(
            &self,
            household: HouseholdId,
            block: BlockNumber,
        ) -> Option<Rate> {
            self.data.household_rate_at(household, block)
        }

        /// Total stake that counted at the end of `block`.
        #[ink(message)]
        pub fn pool_at(&self, block: BlockNumber) -> Balance {
            self.data.pool_at(block)
        }

        #[ink(message)]
        pub fn caps_at(&self, block: BlockNumber) -> Option<CapsBps> {
            self.data.caps_at(block)
        }

        /// Anyone: tell governance the next queued capital changes (after many members reached
        /// or left a cap at once). Returns the units still waiting; `NothingPending` if none,
        /// `NoListener` while nobody listens.
        #[ink(message)]
        pub fn flush_reports(&mut self) -> Result<u32, Error> {
            if self.listener.is_none() {
                return Err(Error::NoListener);
            }
            let events = self.data.flush_reports()?;
            self.apply(events)?;
            Ok(self.data.pending_reports())
        }

        /// Units whose members governance has still to be told of.
        #[ink(message)]
        pub fn pending_reports(&self) -> u32 {
            self.data.pending_reports()
        }

        /// What governance was last told of `account`'s capital input.
        #[ink(message)]
        pub fn told(&self, account: AccountId) -> CapitalInput {
            self.data.told(account)
        }

        fn context(&self) -> (AccountId, BlockNumber) {
            (self.env().caller(), self.env().block_number())
        }

        /// What governance (the listener) says: the end of the last proposal `account` voted
        /// on. Without governance, nothing locks.
        fn voted_until(&self, account: AccountId) -> Result<BlockNumber, Error> {
            let Some(governance) = self.listener else {
                return Ok(0);
            };
            let governance: ink::contract_ref!(VoteLock) = governance.into();
            governance
                .call()
                .voted_until(account)
                .try_invoke()
                .ok()
                .and_then(|r| r.ok())
                .ok_or(Error::GovernanceUnavailable)
        }

        /// Admin: the contract told of `λ` and every changed capital input (governance), in
        /// the same transaction; `None` for nobody.
        #[ink(message)]
        pub fn set_listener(&mut self, listener: Option<AccountId>) -> Result<(), Error> {
            self.data.ensure_admin(self.env().caller())?;
            self.listener = listener;
            self.env().emit_event(ListenerChanged { listener });
            Ok(())
        }

        #[ink(message)]
        pub fn listener(&self) -> Option<AccountId> {
            self.listener
        }

        /// Tells the listener what changed and records what it took (nothing without a
        /// listener), then emits the events (and how many units wait to be told, if any). A
        /// refusal reverts the whole call, so governance never disagrees with what capital
        /// records as told.
        fn apply(&mut self, events: Events) -> Result<(), Error> {
            let mut reported = false;
            for event in &events {
                if let CapitalEvent::Report(report) = event {
                    reported = true;
                    // Nobody listening takes nothing: the movers stay queued, and a listener
                    // set later hears of them by `flush_reports`.
                    let taken = match self.listener {
                        Some(listener) => self.tell(listener, report)?,
                        None => 0,
                    };
                    self.data.commit(report, taken);
                }
            }
            self.emit(events);
            let pending = self.data.pending_reports();
            if reported && pending > 0 {
                self.env().emit_event(ReportsPending { pending });
            }
            Ok(())
        }

        /// The listener's answer: how many of the report's changes it took.
        fn tell(&self, listener: AccountId, report: &PowerReport) -> Result<u32, Error> {
            let mut target: ink::contract_ref!(CapitalListener) = listener.into();
            answered(
                target
                    .call_mut()
                    .capital_changed(report.rate, report.changes.clone())
                    .try_invoke(),
            )
            .ok_or(Error::ListenerFailed)
        }

        fn emit(&self, events: Events) {
            for event in events {
                match event {
                    CapitalEvent::Deposited(e) => self.env().emit_event(e),
                    CapitalEvent::ContributionRecorded(e) => self.env().emit_event(e),
                    CapitalEvent::Withdrawn(e) => self.env().emit_event(e),
                    CapitalEvent::CapsChanged(e) => self.env().emit_event(e),
                    CapitalEvent::LockChanged(e) => self.env().emit_event(e),
                    CapitalEvent::RecorderChanged(e) => self.env().emit_event(e),
                    CapitalEvent::ContributionCorrected(e) => self.env().emit_event(e),
                    CapitalEvent::AdminChanged(e) => self.env().emit_event(e),
                    CapitalEvent::Report(_) => {}
                }
            }
        }
    }

    impl CapitalView for Capital {
        #[ink(message)]
        fn share_at(&self, account: AccountId, block: BlockNumber) -> Share {
            self.data.share_at(account, block)
        }
    }

    impl CapitalRecorder for Capital {
        /// Admin or recorder: record `amount` of contribution (labour, resources) for `member`.
        #[ink(message)]
        fn record_contribution(
            &mut self,
            member: AccountId,
            amount: Balance,
            evidence: Hash,
        ) -> Result<(), RecordError> {
            let (caller, now) = self.context();
            let events = self
                .data
                .record_contribution(caller, now, member, amount, evidence)
                .map_err(|e| match e {
                    Error::NotRecorder => RecordError::NotRecorder,
                    Error::NotMember => RecordError::NotMember,
                    Error::ZeroAmount => RecordError::ZeroAmount,
                    _ => RecordError::Failed,
                })?;
            self.apply(events).map_err(|_| RecordError::Failed)
        }
    }

    impl MembershipListener for Capital {
        #[ink(message)]
        fn membership_changed(
            &mut self,
            account: AccountId,
            is_member: bool,
            household: Option<HouseholdId>,
        ) -> Result<(), ListenerError> {
            let (caller, now) = self.context();
            let events = self
                .data
                .membership_changed(caller, now, account, is_member, household)
                .map_err(|e| match e {
                    Error::NotMembership => ListenerError::UnknownCaller,
                    _ => ListenerError::Failed,
                })?;
            self.apply(events).map_err(|_| ListenerError::Failed)
        }

        /// Each change as `membership_changed` takes it, `λ` solved once, and governance told
        /// once (or later, by `flush_reports`, what one report cannot carry).
        #[ink(message)]
        fn membership_changed_many(
            &mut self,
            changes: Vec<MemberChange>,
        ) -> Result<(), ListenerError> {
            let (caller, now) = self.context();
            let events = self
                .data
                .membership_changed_many(caller, now, &changes)
                .map_err(|e| match e {
                    Error::NotMembership => ListenerError::UnknownCaller,
                    _ => ListenerError::Failed,
                })?;
            self.apply(events).map_err(|_| ListenerError::Failed)
        }
    }
}
