//! # usOS `governance`
//!
//! The cooperative's decisions: proposals decided by hybrid voting power with transitive,
//! per-category liquid delegation, executing calls on the cooperative's contracts (governance
//! is their admin) or any other.
//!
//! ## Power
//! A decision distributes a budget of points (default 10^12): by default 25% equally among
//! members, 25% by merit in the proposal's category, 50% by capital share, all as they were at
//! the proposal's snapshot block. A pool with no holders at the snapshot gives its weight to
//! the others pro rata (see [`power`]). The tally keeps the pools apart per choice.
//!
//! ## Categories
//! Governance knows its categories (created and changed by proposal, `set_params`) and, per
//! category, the calls its proposals may carry (`set_action_rule`). A proposal in an unknown
//! category, or with an action its category may not carry, is refused, so nobody files an
//! upgrade under the laxest rules.
//!
//! ## Delegation
//! Per category, a member delegates everything it holds and everything delegated to it to
//! one account (a member, a representative, a bot); a cycle or a chain longer than the
//! category's `max_depth` is refused. Only members delegate, and an exit ends a member's
//! delegations. A proposal uses the delegations of its snapshot. A delegator who votes takes
//! its points, and those flowing through it, back from whoever it delegated to, whichever votes
//! first.
//!
//! ## Where the power comes from
//! membership, merit and capital report every change to governance in the same transaction
//! (`MembershipListener`, `MeritListener`, `CapitalListener`), and governance keeps the
//! inputs, the totals and each account's delegated inflow as histories. Merit counts from the
//! block a credential is issued until merit reports it revoked, superseded, lapsed or expired;
//! `propose` first has merit sweep the category's expired credentials, so none counts in a
//! later snapshot. Capital counts against the whole pool (see [`power`]).
//!
//! ## Cost
//! `cast_vote`, `delegate`, `undelegate`, `finalise` read and write O(`max_depth`) cells;
//! `propose` and `execute` O(1) plus their texts and actions, and `propose`'s sweep of at most
//! 4 expired credentials; an exit ends at most 16 delegations. Nothing iterates over members
//! or delegators (see `forest.rs` and `data.rs`).
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
mod forest;
pub mod front;
pub mod power;
pub mod relay;
pub mod shell;
pub mod types;
pub mod vote;

#[cfg(test)]
mod bounds_tests;
#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod relay_tests;

pub use self::governance::{Governance, GovernanceRef};
pub use errors::Error;
pub use types::*;

// ink!'s generated dispatch panics on undecodable input (it reverts the call): the shell
// allows `clippy::panic` for that; the rules, in the core modules, deny it.
#[allow(clippy::panic)]
#[ink::contract]
mod governance {
    use crate::{
        data::{Events, GovernanceData},
        errors::Error,
        events::{FrontChanged, ProposalExecuted, TreasuryFunded, TreasuryPaid},
        front,
        relay::{SignedVote, VotingKey},
        shell,
        types::*,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
    };
    use usos_primitives::{
        traits::{
            CapitalListener, ExpirySweep, MemberChange, MembershipListener, MeritListener, VoteLock,
        },
        CapitalInput, CategoryId, HouseholdId, ListenerError, Rate,
    };

    /// Expired credentials a proposal's sweep may note; more due and `propose` is refused
    /// (`ExpiriesPending`) until someone sweeps merit directly.
    const PROPOSE_SWEEP: u32 = 4;

    #[ink(storage)]
    pub struct Governance {
        data: GovernanceData,
    }

    /// Makes `action`'s call and says whether it succeeded, by the runtime's revert flag: an
    /// ink! message that returns `Err` reverts, whatever its output, and one returning `true`,
    /// `Some(_)` or a number succeeded. ink! 5's call builder hides the flag (it decodes a
    /// reverted callee's output as if it had succeeded), so the call goes to the host function
    /// directly. Re-entry is allowed: an action may change governance itself, and the
    /// cooperative's contracts report back to governance while they run.
    #[cfg(target_arch = "wasm32")]
    fn perform(action: &Action) -> bool {
        use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
        let mut input = Vec::with_capacity(action.input.len().saturating_add(4));
        input.extend_from_slice(&action.selector);
        input.extend_from_slice(&action.input);
        let value = action.value.to_le_bytes();
        // Limits of 0: whatever the transaction has left.
        HostFnImpl::call_v2(
            CallFlags::ALLOW_REENTRY,
            action.callee.as_ref(),
            0,
            0,
            None,
            &value,
            &input,
            None,
        )
        .is_ok()
    }

    /// Off-chain (host builds, metadata): cross-contract calls are not run there.
    #[cfg(not(target_arch = "wasm32"))]
    fn perform(_action: &Action) -> bool {
        false
    }

    impl Governance {
        /// Governance with `config`; the deployer then `connect`s membership, merit and
        /// capital and names the first categories.
        #[ink(constructor)]
        pub fn new(config: Config) -> Result<Self, Error> {
            let data = GovernanceData::new(Self::env().account_id(), Self::env().caller(), config)?;
            Ok(Self { data })
        }

        /// The deployer, once: the contracts whose reports make voting power, the first
        /// categories with their parameters, and the actions each category may carry.
        #[ink(message)]
        pub fn connect(
            &mut self,
            sources: Sources,
            categories: Vec<(CategoryId, CategoryParams)>,
            rules: Vec<(CategoryId, ActionRule)>,
        ) -> Result<(), Error> {
            let events = self
                .data
                .connect(self.env().caller(), sources, categories, rules)?;
            self.emit(events);
            Ok(())
        }

        /// A member proposes `actions` (executed in order if it passes) in `category`, which
        /// must carry each of them. merit first notes the category's expired credentials.
        #[ink(message)]
        pub fn propose(
            &mut self,
            category: CategoryId,
            title: String,
            description: String,
            actions: Vec<Action>,
        ) -> Result<ProposalId, Error> {
            let (caller, now) = self.context();
            let noted = self.sweep_merit(category)?;
            let text = ProposalText { title, description };
            let (id, events) = self
                .data
                .propose(caller, now, category, text, actions, noted)?;
            self.emit(events);
            Ok(id)
        }

        #[ink(message)]
        pub fn cast_vote(&mut self, proposal: ProposalId, choice: Choice) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.cast_vote(caller, now, proposal, choice)?;
            self.emit(events);
            Ok(())
        }

        /// Anyone (a relayer, the cooperative's service, a member's bot): up to `MAX_BATCH`
        /// votes, each signed off-chain by its voter (see `relay`), each counted exactly as
        /// that voter's `cast_vote`. One entry's refusal (a bad signature, a second vote, a
        /// closed proposal) is reported in its place and as `VoteRefused`, and changes nothing;
        /// the rest are counted.
        #[ink(message)]
        pub fn cast_votes(
            &mut self,
            batch: Vec<SignedVote>,
        ) -> Result<Vec<Result<(), Error>>, Error> {
            let now = self.env().block_number();
            shell::cast_votes(&mut self.data, now, batch)
        }

        /// The caller's key for relayed votes (a compressed secp256k1 public key): set, rotate
        /// (a new key) or revoke (`None`). An account that is itself an ecdsa key needs none.
        #[ink(message)]
        pub fn set_voting_key(&mut self, key: Option<VotingKey>) -> Result<(), Error> {
            let events = self.data.set_voting_key(self.env().caller(), key)?;
            self.emit(events);
            Ok(())
        }

        #[ink(message)]
        pub fn voting_key(&self, account: AccountId) -> Option<VotingKey> {
            self.data.voting_key(account)
        }

        /// The hash `vote.voter` signs for `vote` (its signature field is ignored): what a
        /// wallet or bot signs, read from the contract itself.
        #[ink(message)]
        pub fn vote_hash(&self, vote: SignedVote) -> [u8; 32] {
            self.data.vote_hash(&vote)
        }

        /// Delegate, in `category`, everything one holds and receives to `to`.
        #[ink(message)]
        pub fn delegate(&mut self, category: CategoryId, to: AccountId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.delegate(caller, now, category, to)?;
            self.emit(events);
            Ok(())
        }

        #[ink(message)]
        pub fn undelegate(&mut self, category: CategoryId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.undelegate(caller, now, category)?;
            self.emit(events);
            Ok(())
        }

        /// Anyone, after the voting period.
        #[ink(message)]
        pub fn finalise(&mut self, proposal: ProposalId) -> Result<(), Error> {
            let events = self.data.finalise(self.env().block_number(), proposal)?;
            self.emit(events);
            Ok(())
        }

        /// Anyone, after the timelock: governance makes the proposal's calls, in order. If one
        /// fails (traps, or returns `Err`), everything reverts and the proposal stays queued.
        /// Actions call messages that return nothing or a `Result`.
        #[ink(message)]
        pub fn execute(&mut self, proposal: ProposalId) -> Result<(), Error> {
            let actions = self.data.execute(self.env().block_number(), proposal)?;
            for action in &actions {
                if !perform(action) {
                    return Err(Error::ActionFailed);
                }
            }
            self.env().emit_event(ProposalExecuted { proposal });
            Ok(())
        }

        /// Anyone: sends native currency to the treasury (governance's own account), with an
        /// event. (A plain balance transfer to the account funds it too, without the event.)
        #[ink(message, payable)]
        pub fn fund(&mut self) -> Result<(), Error> {
            let value = self.env().transferred_value();
            if value == 0 {
                return Err(Error::NothingSent);
            }
            let from = self.env().caller();
            self.env().emit_event(TreasuryFunded { from, value });
            Ok(())
        }

        /// Governance only (a passed proposal's action): pays `value` of the treasury's native
        /// currency to `to`, any account, contract or not.
        #[ink(message)]
        pub fn pay(&mut self, to: AccountId, value: Balance) -> Result<(), Error> {
            self.data.ensure_self(self.env().caller())?;
            self.env()
                .transfer(to, value)
                .map_err(|_| Error::TransferFailed)?;
            self.env().emit_event(TreasuryPaid { to, value });
            Ok(())
        }

        /// The treasury's native balance.
        #[ink(message)]
        pub fn treasury(&self) -> Balance {
            self.env().balance()
        }

        /// The proposer or governance, before execution.
        #[ink(message)]
        pub fn cancel(&mut self, proposal: ProposalId) -> Result<(), Error> {
            let (caller, now) = self.context();
            let events = self.data.cancel(caller, now, proposal)?;
            self.emit(events);
            Ok(())
        }

        /// Governance only: a category's parameters; a new id creates the category.
        #[ink(message)]
        pub fn set_params(
            &mut self,
            category: CategoryId,
            params: CategoryParams,
        ) -> Result<(), Error> {
            let events = self
                .data
                .set_params(self.env().caller(), category, params)?;
            self.emit(events);
            Ok(())
        }

        /// Governance only: whether `category`'s proposals may carry calls matching `rule`.
        #[ink(message)]
        pub fn set_action_rule(
            &mut self,
            category: CategoryId,
            rule: ActionRule,
            allowed: bool,
        ) -> Result<(), Error> {
            let events = self
                .data
                .set_action_rule(self.env().caller(), category, rule, allowed)?;
            self.emit(events);
            Ok(())
        }

        /// Governance only: the decision budget and the execution grace period.
        #[ink(message)]
        pub fn set_config(&mut self, config: Config) -> Result<(), Error> {
            let events = self.data.set_config(self.env().caller(), config)?;
            self.emit(events);
            Ok(())
        }

        /// Governance only: replace this contract's code; storage is kept. The contract then
        /// runs `code_hash` whole: a front it ran before is dropped (a proposal installs the
        /// new release's front with `use_front` as its next action). A front's code is refused
        /// (`IsAFront`): it cannot run without the whole code. Only code that runs this contract
        /// is installed (`UpgradeFailed` otherwise: no such code, another contract's code or
        /// front; `usos_primitives::upgrade_code`).
        #[ink(message)]
        pub fn set_code(&mut self, code_hash: Hash) -> Result<(), Error> {
            self.data.ensure_self(self.env().caller())?;
            if usos_primitives::front::set_code(front::RULES_CODE, code_hash)? {
                self.env().emit_event(FrontChanged { front: None });
            }
            Ok(())
        }

        /// Governance, or its deployer before `connect`: run the hot path (votes, relayed
        /// votes, delegations, capital's and merit's reports) in the small code `front`, which
        /// hands every other message to this whole code ([`front`]); `None` runs the whole code
        /// again. The front must be one built with this code (it is asked for the build's
        /// fingerprint, `NotAFront` otherwise), so a careless proposal cannot leave governance
        /// running code that reads its storage otherwise. Installing the running front again
        /// changes nothing.
        #[ink(message)]
        pub fn use_front(&mut self, front: Option<Hash>) -> Result<(), Error> {
            self.data.ensure_self_or_setup(self.env().caller())?;
            if usos_primitives::front::use_front(front::RULES_CODE, front::FINGERPRINT, front)? {
                self.env().emit_event(FrontChanged { front });
            }
            Ok(())
        }

        /// The code running the hot path, if a front runs (the contract's code hash), and the
        /// whole code it hands the rest to.
        #[ink(message)]
        pub fn front(&self) -> Option<(Hash, Hash)> {
            usos_primitives::front::front(front::RULES_CODE)
        }

        /// The code's version: 1, or 2 for the `v2` build the upgrade test installs.
        #[ink(message)]
        pub fn version(&self) -> u32 {
            front::VERSION
        }

        // ----- queries -----

        #[ink(message)]
        pub fn proposal(&self, proposal: ProposalId) -> Option<Proposal> {
            self.data.proposal(proposal).ok()
        }

        #[ink(message)]
        pub fn proposal_text(&self, proposal: ProposalId) -> Option<ProposalText> {
            self.data.proposal_text(proposal)
        }

        #[ink(message)]
        pub fn proposal_actions(&self, proposal: ProposalId) -> Vec<Action> {
            self.data.proposal_actions(proposal)
        }

        #[ink(message)]
        pub fn proposal_count(&self) -> ProposalId {
            self.data.proposal_count()
        }

        #[ink(message)]
        pub fn state(&self, proposal: ProposalId) -> Result<ProposalState, Error> {
            self.data.state(proposal, self.env().block_number())
        }

        /// Pool amounts per choice (members, merit points, capital shares).
        #[ink(message)]
        pub fn tally(&self, proposal: ProposalId) -> Tally {
            self.data.tally(proposal)
        }

        /// Decision points per choice and pool, and the verdict so far.
        #[ink(message)]
        pub fn outcome(&self, proposal: ProposalId) -> Result<Outcome, Error> {
            self.data.outcome(proposal)
        }

        #[ink(message)]
        pub fn vote_of(&self, proposal: ProposalId, voter: AccountId) -> Option<Vote> {
            self.data.vote_of(proposal, voter)
        }

        /// What `account` holds and receives in `category` at `block`, in pool units.
        #[ink(message)]
        pub fn power_at(
            &self,
            category: CategoryId,
            account: AccountId,
            block: BlockNumber,
        ) -> Result<PoolAmounts, Error> {
            self.data.power_at(category, account, block)
        }

        #[ink(message)]
        pub fn totals_at(&self, category: CategoryId, block: BlockNumber) -> PoolAmounts {
            self.data.totals_at(category, block)
        }

        #[ink(message)]
        pub fn delegate_of(&self, category: CategoryId, account: AccountId) -> Option<AccountId> {
            self.data.delegate_now(category, account)
        }

        #[ink(message)]
        pub fn delegate_at(
            &self,
            category: CategoryId,
            account: AccountId,
            block: BlockNumber,
        ) -> Option<AccountId> {
            self.data.delegate_at(category, account, block)
        }

        /// How many of `member`'s proposals are still in voting.
        #[ink(message)]
        pub fn open_proposals(&self, member: AccountId) -> u32 {
            self.data.open_proposals(member)
        }

        /// A category's parameters; `None`: no such category.
        #[ink(message)]
        pub fn params(&self, category: CategoryId) -> Option<CategoryParams> {
            self.data.params(category)
        }

        /// Whether `category`'s proposals may carry a call of `selector` on `callee`.
        #[ink(message)]
        pub fn carries(&self, category: CategoryId, callee: AccountId, selector: [u8; 4]) -> bool {
            self.data.carries(category, callee, selector)
        }

        #[ink(message)]
        pub fn config(&self) -> Config {
            self.data.config()
        }

        #[ink(message)]
        pub fn sources(&self) -> Option<Sources> {
            self.data.sources()
        }

        fn context(&self) -> (AccountId, BlockNumber) {
            (self.env().caller(), self.env().block_number())
        }

        /// Asks merit to note `category`'s expired credentials (it reports each back, so the
        /// call may re-enter); whether none is left. Before `connect` there is nothing to note.
        fn sweep_merit(&self, category: CategoryId) -> Result<bool, Error> {
            let Some(sources) = self.data.sources() else {
                return Ok(true);
            };
            let mut merit: ink::contract_ref!(ExpirySweep) = sources.merit.into();
            let result = merit
                .call_mut()
                .sweep(category, PROPOSE_SWEEP)
                .call_flags(ink::env::CallFlags::ALLOW_REENTRY)
                .try_invoke();
            match result {
                Ok(Ok(Ok(done))) => Ok(done),
                _ => Err(Error::SweepFailed),
            }
        }

        fn emit(&self, events: Events) {
            shell::emit(events)
        }
    }

    impl VoteLock for Governance {
        /// The last block of the latest-ending proposal `account` voted on directly; capital
        /// keeps its deposits until after it.
        #[ink(message)]
        fn voted_until(&self, account: AccountId) -> BlockNumber {
            self.data.voted_until(account)
        }
    }

    impl MembershipListener for Governance {
        #[ink(message)]
        fn membership_changed(
            &mut self,
            account: AccountId,
            is_member: bool,
            household: Option<HouseholdId>,
        ) -> Result<(), ListenerError> {
            let (caller, now) = self.context();
            let result = self
                .data
                .membership_changed(caller, now, account, is_member, household);
            shell::told(result, shell::emit)
        }

        #[ink(message)]
        fn membership_changed_many(
            &mut self,
            changes: Vec<MemberChange>,
        ) -> Result<(), ListenerError> {
            let (caller, now) = self.context();
            let result = self.data.membership_changed_many(caller, now, &changes);
            shell::told(result, shell::emit)
        }
    }

    impl MeritListener for Governance {
        #[ink(message)]
        fn merit_changed(
            &mut self,
            member: AccountId,
            category: CategoryId,
            points: u32,
        ) -> Result<(), ListenerError> {
            let (caller, now) = self.context();
            let result = self
                .data
                .merit_changed(caller, now, member, category, points);
            shell::told(result, shell::emit)
        }
    }

    impl CapitalListener for Governance {
        #[ink(message)]
        fn capital_changed(
            &mut self,
            rate: Rate,
            changes: Vec<(AccountId, CapitalInput)>,
        ) -> Result<u32, ListenerError> {
            let (caller, now) = self.context();
            let result = self.data.capital_changed(caller, now, rate, changes);
            shell::listener(result, shell::emit)
        }
    }
}
