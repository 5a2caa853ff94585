//! # usOS `merit`
//!
//! Credentials per decision category, attested by swarm vote: the meritocracy pool. The admin
//! (governance) creates categories with their rules and grants the first credentials; after
//! that any member nominates a member for a level (`Issue(level)`) or for revocation
//! (`Revoke`), and the category's holders approve or reject during a window. The admin may
//! also revoke directly.
//!
//! ## How a swarm decides
//! - **Who attests.** A member, not the nominee, once, holding a live credential in the
//!   category that was issued before the nomination (a credential issued later, even a
//!   promotion of a holder, does not vote on it); for `Issue(level)`, a credential of that
//!   level or higher, as a ranked collective promotes. Any level attests a `Revoke`.
//! - **What passes.** With `required = max(min_attestations, ceil(min_holder_share *
//!   holders))`: an issue needs more approvals than rejections and at least `required`
//!   approvals; a revocation needs at least `required` approvals that are also at least
//!   `revoke_majority` (default two thirds) of those who attested.
//! - **When.** Early only when the outcome can no longer change: the attestation after which
//!   it would pass even if every holder who has not attested rejected, or fail even if they
//!   all approved. Otherwise anyone `finalise`s it after the window, on the counts then: it
//!   passes, or is `Rejected` if it could not have passed even had everyone who stayed away
//!   approved, or `Expired` (too few attested). The outcome depends on who attested how, not
//!   on the order, so a minority that nominates and approves in one block decides nothing
//!   before the others have had their window: the holders who show up decide.
//! - **Fixed at nomination:** the electorate (the live holders, the nominee excepted: the most
//!   that may attest), `required`, the revocation majority and the window, so a change of
//!   rules during the window does not move the goalposts.
//!
//! A member holds at most one live credential per category: a new one (a higher level, say)
//! supersedes the old, so a member's merit in a category is its live credential's points. It
//! holds credentials in at most `MAX_HELD` categories.
//!
//! ## Members only
//! merit listens to `membership`: when a member leaves or is removed, every credential it holds
//! ends in that block (`CredentialLapsed`, reported to governance as 0 points), so a former
//! member holds nothing (no attesting, no reviewing of category missions) and re-admission
//! starts afresh. A nominee who left before its nomination is decided gets nothing
//! (`NomineeLeft`).
//!
//! ## Expiry without iteration
//! `merit_at(member, category, block)` reads the member's checkpointed `(points, ends_at)`.
//! `category_total_at(category, block)` and `holders_at` use [`tally::ExpiringTally`]: credentials
//! are appended in issue order, and since a category's lifetime may be lengthened but never
//! shortened, their expiries are in the same order, so "expired by block B" is a prefix found by
//! binary search; revocations and supersessions are subtracted through an append-only history
//! and a Fenwick tree over the entry index. Every query is O(log n) storage reads, exact at
//! every block, with no processing step that anyone must remember to run. `note_expiry` frees
//! the slot and emits `CredentialExpired`, which tells governance; `sweep(category, limit)`
//! notes a category's expired credentials in expiry order, each once (a cursor over the tally),
//! and governance runs one before every proposal, so expired merit stops counting there too.
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
pub mod decision;
#[cfg(test)]
mod decision_tests;
pub mod errors;
pub mod events;
pub mod tally;
#[cfg(test)]
mod tally_tests;
pub mod types;

#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod swarm_tests;

pub use self::merit::{Merit, MeritRef};
pub use errors::Error;
pub use types::*;

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod merit {
    use crate::{
        data::{Events, MeritData},
        errors::Error,
        events::{ListenerChanged, MeritEvent},
        types::*,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
    };
    use usos_primitives::{
        traits::{
            answered, is_member_at, ExpirySweep, MemberChange, MembershipListener, MeritListener,
            MeritView,
        },
        CategoryId, HouseholdId, ListenerError, SweepError,
    };

    #[ink(storage)]
    pub struct Merit {
        data: MeritData,
        membership: AccountId,
        /// Told of every change of a member's live points (governance).
        listener: Option<AccountId>,
    }

    impl Merit {
        /// Merit of the cooperative whose members `membership` records; `admin` is governance.
        #[ink(constructor)]
        pub fn new(admin: AccountId, membership: AccountId) -> Self {
            Self {
                data: MeritData::new(admin),
                membership,
                listener: None,
            }
        }

        /// Admin: create a category; returns its id. `rules.revoke_majority` must lie in
        /// 5,001..=10,000 basis points (6,667, two thirds, is the usual choice).
        #[ink(message)]
        pub fn create_category(
            &mut self,
            name: String,
            rules: CategoryRules,
        ) -> Result<CategoryId, Error> {
            let (category, events) = self
                .data
                .create_category(self.env().caller(), name, rules)?;
            self.apply(events)?;
            Ok(category)
        }

        /// Admin: change a category's rules (its lifetime may only grow). Open nominations keep
        /// the thresholds, electorate and window fixed when they were made.
        #[ink(message)]
        pub fn set_rules(
            &mut self,
            category: CategoryId,
            rules: CategoryRules,
        ) -> Result<(), Error> {
            let events = self.data.set_rules(self.env().caller(), category, rules)?;
            self.apply(events)
        }

        /// Admin: grant a credential directly (bootstrapping a category, or a governance decision).
        #[ink(message)]
        pub fn grant(
            &mut self,
            member: AccountId,
            category: CategoryId,
            level: Level,
            evidence: Hash,
        ) -> Result<(), Error> {
            let (caller, now) = self.context();
            self.data.ensure_admin(caller)?;
            let member_is_member = self.is_member(member)?;
            let events = self.data.grant(
                caller,
                now,
                member_is_member,
                member,
                category,
                level,
                evidence,
            )?;
            self.apply(events)
        }

        /// Admin: revoke a member's credential.
        #[ink(message)]
        pub fn revoke(&mut self, member: AccountId, category: CategoryId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.revoke(caller, now, member, category)?;
            self.apply(events)
        }

        /// A member nominates `nominee` (itself included) for a credential (`Issue(level)`) or
        /// for revocation (`Revoke`). Fixes the electorate (the category's live holders, the
        /// nominee excepted), the approvals required, the revocation majority and the window;
        /// refused if the electorate is smaller than the approvals required (`TooFewHolders`).
        #[ink(message)]
        pub fn nominate(
            &mut self,
            nominee: AccountId,
            category: CategoryId,
            kind: NominationKind,
            evidence: Hash,
        ) -> Result<NominationId, Error> {
            let (caller, now) = self.context();
            let caller_is_member = self.is_member(caller)?;
            let nominee_is_member = self.is_member(nominee)?;
            let (id, events) = self.data.nominate(
                caller,
                now,
                caller_is_member,
                nominee_is_member,
                nominee,
                category,
                kind,
                evidence,
            )?;
            self.apply(events)?;
            Ok(id)
        }

        /// A holder approves or rejects the nomination: a member, not the nominee, once, whose
        /// live credential in the category was issued before the nomination and, for
        /// `Issue(level)`, is of that level or higher. It decides the nomination only when the
        /// outcome can no longer change: it passes even if everyone who has not attested
        /// rejects (issued or revoked now), or fails even if they all approve (`Rejected`).
        #[ink(message)]
        pub fn attest(&mut self, nomination: NominationId, approve: bool) -> Result<(), Error> {
            let (caller, now) = self.context();
            let caller_is_member = self.is_member(caller)?;
            let nominee = self
                .data
                .nomination(nomination)
                .ok_or(Error::UnknownNomination)?
                .nominee;
            let nominee_is_member = self.is_member(nominee)?;
            let events = self.data.attest(
                caller,
                now,
                caller_is_member,
                nominee_is_member,
                nomination,
                approve,
            )?;
            self.apply(events)
        }

        /// Anyone, after the window: decide a nomination still open, on its counts. Passed
        /// (an issue: more approvals than rejections and at least `required`; a revocation: at
        /// least `required` approvals and `revoke_majority` of those attesting): issued or
        /// revoked (`NomineeLeft` if the nominee of an issue is no longer a member). Failed:
        /// `Rejected` if it would have failed even had everyone who stayed away approved,
        /// `Expired` otherwise.
        #[ink(message)]
        pub fn finalise(&mut self, nomination: NominationId) -> Result<(), Error> {
            let nominee = self
                .data
                .nomination(nomination)
                .ok_or(Error::UnknownNomination)?
                .nominee;
            let nominee_is_member = self.is_member(nominee)?;
            let events =
                self.data
                    .finalise(self.env().block_number(), nominee_is_member, nomination)?;
            self.apply(events)
        }

        /// Note that a credential expired (frees its slot, emits `CredentialExpired`).
        #[ink(message)]
        pub fn note_expiry(
            &mut self,
            member: AccountId,
            category: CategoryId,
        ) -> Result<(), Error> {
            let events = self
                .data
                .note_expiry(self.env().block_number(), member, category)?;
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
            self.membership
        }

        #[ink(message)]
        pub fn category(&self, category: CategoryId) -> Option<Category> {
            self.data.category(category)
        }

        #[ink(message)]
        pub fn nomination(&self, nomination: NominationId) -> Option<Nomination> {
            self.data.nomination(nomination)
        }

        /// The member's credential in `category`, if live now.
        #[ink(message)]
        pub fn credential(&self, member: AccountId, category: CategoryId) -> Option<Credential> {
            self.data
                .credential_at_now(member, category, self.env().block_number())
        }

        /// Number of live holders of `category` at the end of `block`.
        #[ink(message)]
        pub fn holders_at(&self, category: CategoryId, block: BlockNumber) -> u32 {
            self.data.holders_at(category, block)
        }

        fn context(&self) -> (AccountId, BlockNumber) {
            (self.env().caller(), self.env().block_number())
        }

        /// Asks `membership` whether `account` is a member now.
        fn is_member(&self, account: AccountId) -> Result<bool, Error> {
            is_member_at(self.membership, account, self.env().block_number())
                .ok_or(Error::MembershipUnavailable)
        }

        /// Admin: the contract told of every change of a member's live points (governance),
        /// in the same transaction; `None` for nobody.
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

        /// Reports each credential change to the listener, then emits the events. A refusal
        /// reverts the whole call, so governance never disagrees with merit.
        fn apply(&self, events: Events) -> Result<(), Error> {
            if let Some(listener) = self.listener {
                for (member, category, points) in events.iter().filter_map(MeritEvent::points_now) {
                    let mut target: ink::contract_ref!(MeritListener) = listener.into();
                    answered(
                        target
                            .call_mut()
                            .merit_changed(member, category, points)
                            .try_invoke(),
                    )
                    .ok_or(Error::ListenerFailed)?;
                }
            }
            self.emit(events);
            Ok(())
        }

        fn emit(&self, events: Events) {
            for event in events {
                match event {
                    MeritEvent::CategoryCreated(e) => self.env().emit_event(e),
                    MeritEvent::RulesChanged(e) => self.env().emit_event(e),
                    MeritEvent::Nominated(e) => self.env().emit_event(e),
                    MeritEvent::Attested(e) => self.env().emit_event(e),
                    MeritEvent::NominationFailed(e) => self.env().emit_event(e),
                    MeritEvent::CredentialIssued(e) => self.env().emit_event(e),
                    MeritEvent::CredentialRevoked(e) => self.env().emit_event(e),
                    MeritEvent::CredentialExpired(e) => self.env().emit_event(e),
                    MeritEvent::CredentialLapsed(e) => self.env().emit_event(e),
                    MeritEvent::AdminChanged(e) => self.env().emit_event(e),
                }
            }
        }
    }

    impl ExpirySweep for Merit {
        /// Anyone: note, in expiry order, up to `limit` (at most `MAX_SWEEP`) expired
        /// credentials of `category`; `true` when none that has expired is left unnoted.
        #[ink(message)]
        fn sweep(&mut self, category: CategoryId, limit: u32) -> Result<bool, SweepError> {
            let (done, events) = self
                .data
                .sweep(self.env().block_number(), category, limit)
                .map_err(|_| SweepError::Failed)?;
            self.apply(events).map_err(|_| SweepError::Failed)?;
            Ok(done)
        }
    }

    impl MembershipListener for Merit {
        /// membership, in the same transaction: an exit ends every credential of the member.
        #[ink(message)]
        fn membership_changed(
            &mut self,
            account: AccountId,
            is_member: bool,
            _household: Option<HouseholdId>,
        ) -> Result<(), ListenerError> {
            if self.env().caller() != self.membership {
                return Err(ListenerError::UnknownCaller);
            }
            if is_member {
                return Ok(());
            }
            let events = self
                .data
                .member_left(self.env().block_number(), account)
                .map_err(|_| ListenerError::Failed)?;
            self.apply(events).map_err(|_| ListenerError::Failed)
        }

        /// Each change as `membership_changed` takes it: only exits change merit.
        #[ink(message)]
        fn membership_changed_many(
            &mut self,
            changes: Vec<MemberChange>,
        ) -> Result<(), ListenerError> {
            if self.env().caller() != self.membership {
                return Err(ListenerError::UnknownCaller);
            }
            let now = self.env().block_number();
            let mut events = Events::new();
            for (account, _, _) in changes.into_iter().filter(|(_, is_member, _)| !is_member) {
                events.extend(
                    self.data
                        .member_left(now, account)
                        .map_err(|_| ListenerError::Failed)?,
                );
            }
            self.apply(events).map_err(|_| ListenerError::Failed)
        }
    }

    impl MeritView for Merit {
        /// Merit points of `member` in `category` at the end of `block`.
        #[ink(message)]
        fn merit_at(&self, member: AccountId, category: CategoryId, block: BlockNumber) -> Points {
            self.data.merit_at(member, category, block)
        }

        /// Live merit points of all holders of `category` at the end of `block`.
        #[ink(message)]
        fn category_total_at(&self, category: CategoryId, block: BlockNumber) -> u128 {
            self.data.category_total_at(category, block)
        }
    }
}
