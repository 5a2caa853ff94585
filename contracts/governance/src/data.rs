//! The governance core: plain Rust over ink! storage cells. Caller, block and the contract's
//! own account come in as arguments; every change returns its events.
//!
//! The power inputs (membership, merit points, capital) are reported by the source contracts
//! in the same transaction as the change (`forest.rs` keeps them and the delegation forest);
//! this file holds proposals, votes and the tally.
//!
//! ## The tally in O(depth)
//! For a proposal with snapshot `S`, `agg(V)` is what `V` and everyone whose chain reaches `V`
//! hold at `S` (the forest keeps these subtree sums, checkpointed). A vote by `V` counts
//! `agg(V) - withheld(V)`, where `withheld(V)` is what voters below `V` already counted; it then
//! walks up `V`'s chain at `S` (at most `max_depth` steps), adding what it counted to each
//! ancestor's `withheld` until it meets an ancestor that voted, whose vote loses exactly that.
//! So whoever votes first, every point is counted once, by the first voter on its chain.

use crate::{errors::Error, events::*, power, types::*};
use ink::{
    prelude::{vec, vec::Vec},
    storage::{Lazy, Mapping},
};
use usos_primitives::{
    AccountId, BlockNumber, CapitalInput, CategoryId, Checkpoints, Rate, CONSTITUTION,
};

pub type Events = Vec<GovernanceEvent>;

// Everything that can change while a proposal executes (its actions may call governance back)
// lives in Mapping/Lazy cells, written at once; the root holds only what never changes.
#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct GovernanceData {
    /// This contract's own account: the caller of its self-governed messages.
    pub(crate) this: AccountId,
    deployer: AccountId,
    pub(crate) sources: Lazy<Sources>,
    config: Lazy<Config>,
    /// The categories: a proposal names one of these, whose parameters it copies.
    params: Mapping<CategoryId, CategoryParams>,
    /// `(category, callee, selector)`: the calls a category's proposals may carry; `None`
    /// stands for every message of the callee.
    carries: Mapping<(CategoryId, AccountId, Option<[u8; 4]>), ()>,
    next_proposal: Lazy<ProposalId>,
    pub(crate) proposals: Mapping<ProposalId, Proposal>,
    texts: Mapping<ProposalId, ProposalText>,
    actions: Mapping<ProposalId, Vec<Action>>,
    pub(crate) tallies: Mapping<ProposalId, Tally>,
    outcomes: Mapping<ProposalId, Outcome>,
    /// Each account's vote and withheld points on each proposal (`vote.rs`).
    pub(crate) records: Mapping<(ProposalId, AccountId), VoterRecord>,
    /// The earlier build's two cells for a record: read for proposals below `records_from`
    /// only, where a contract upgraded in place may still hold votes in them.
    pub(crate) votes: Mapping<(ProposalId, AccountId), Vote>,
    pub(crate) withheld: Mapping<(ProposalId, AccountId), PoolAmounts>,
    /// The first proposal whose records are all in `records`: 0 for a contract instantiated
    /// with it; absent in one upgraded in place until its next `propose` sets it.
    records_from: Lazy<ProposalId>,
    // ----- power inputs, as the sources report them (forest.rs) -----
    pub(crate) member: Checkpoints<AccountId, bool>,
    pub(crate) merit: Checkpoints<(AccountId, CategoryId), u128>,
    pub(crate) capital: Checkpoints<AccountId, CapitalInput>,
    pub(crate) rate: Checkpoints<(), Rate>,
    /// Members, plain stake and fixed shares of everyone (merit is per category, below).
    pub(crate) totals: Checkpoints<(), Weights>,
    pub(crate) merit_total: Checkpoints<CategoryId, u128>,
    // ----- the delegation forest, per category (forest.rs) -----
    pub(crate) delegate: Checkpoints<(CategoryId, AccountId), Option<AccountId>>,
    /// Sum of the weights of everyone whose chain reaches the account (not its own).
    pub(crate) inflow: Checkpoints<(CategoryId, AccountId), Weights>,
    /// How many accounts delegate to the account at distance 1, 2, ..., MAX_DEPTH.
    pub(crate) below: Mapping<(CategoryId, AccountId), [u32; MAX_DEPTH as usize]>,
    /// Categories the account currently delegates in.
    pub(crate) delegating_in: Mapping<AccountId, Vec<CategoryId>>,
    /// Per member, its proposals still in voting (not finalised or canceled).
    open_by: Mapping<AccountId, u32>,
    /// Per direct voter, the last block of the latest-ending proposal it voted on (with room for
    /// an extension): capital refuses its withdrawals until then.
    pub(crate) voted_until: Mapping<AccountId, BlockNumber>,
    /// Per account, the key its relayed votes are signed with, if it registered one
    /// (relay.rs).
    pub(crate) voting_keys: Mapping<AccountId, crate::relay::VotingKey>,
}

impl GovernanceData {
    pub fn new(this: AccountId, deployer: AccountId, config: Config) -> Result<Self, Error> {
        config.check().map_err(Error::OutOfBounds)?;
        let mut data = Self {
            this,
            deployer,
            sources: Lazy::default(),
            config: Lazy::default(),
            params: Mapping::default(),
            carries: Mapping::default(),
            next_proposal: Lazy::default(),
            proposals: Mapping::default(),
            texts: Mapping::default(),
            actions: Mapping::default(),
            tallies: Mapping::default(),
            outcomes: Mapping::default(),
            records: Mapping::default(),
            votes: Mapping::default(),
            withheld: Mapping::default(),
            records_from: Lazy::default(),
            member: Checkpoints::default(),
            merit: Checkpoints::default(),
            capital: Checkpoints::default(),
            rate: Checkpoints::default(),
            totals: Checkpoints::default(),
            merit_total: Checkpoints::default(),
            delegate: Checkpoints::default(),
            inflow: Checkpoints::default(),
            below: Mapping::default(),
            delegating_in: Mapping::default(),
            open_by: Mapping::default(),
            voted_until: Mapping::default(),
            voting_keys: Mapping::default(),
        };
        data.config.set(&config);
        data.records_from.set(&0);
        Ok(data)
    }

    // ----- set-up and self-government -----

    /// The deployer names the source contracts, the first categories and what each may
    /// carry, once, before anyone joins. Later changes are proposals.
    pub fn connect(
        &mut self,
        caller: AccountId,
        sources: Sources,
        categories: Vec<(CategoryId, CategoryParams)>,
        rules: Vec<(CategoryId, ActionRule)>,
    ) -> Result<Events, Error> {
        if caller != self.deployer {
            return Err(Error::NotDeployer);
        }
        if self.sources.get().is_some() {
            return Err(Error::AlreadyConnected);
        }
        if categories.len() > MAX_SETUP_CATEGORIES || rules.len() > MAX_SETUP_RULES {
            return Err(Error::InvalidParams);
        }
        for (_, params) in &categories {
            params.check().map_err(Error::OutOfBounds)?;
        }
        // Every check before the first write: a refusal changes nothing.
        if rules
            .iter()
            .any(|(c, _)| !categories.iter().any(|(known, _)| known == c))
        {
            return Err(Error::UnknownCategory);
        }
        self.sources.set(&sources);
        let mut events = vec![GovernanceEvent::Connected(Connected {
            membership: sources.membership,
            merit: sources.merit,
            capital: sources.capital,
        })];
        for (category, params) in categories {
            self.params.insert(category, &params);
            events.push(GovernanceEvent::ParamsChanged(ParamsChanged { category }));
        }
        for (category, rule) in rules {
            events.push(self.carry(category, rule, true)?);
        }
        Ok(events)
    }

    /// Governance itself, or its deployer while setting it up (before `connect`).
    pub fn ensure_self_or_setup(&self, caller: AccountId) -> Result<(), Error> {
        if caller == self.this || (caller == self.deployer && self.sources.get().is_none()) {
            Ok(())
        } else {
            Err(Error::NotGovernance)
        }
    }

    pub fn ensure_self(&self, caller: AccountId) -> Result<(), Error> {
        if caller == self.this {
            Ok(())
        } else {
            Err(Error::NotGovernance)
        }
    }

    /// Governance only: `category`'s parameters; a new id creates the category.
    pub fn set_params(
        &mut self,
        caller: AccountId,
        category: CategoryId,
        params: CategoryParams,
    ) -> Result<Events, Error> {
        self.ensure_self(caller)?;
        params.check().map_err(Error::OutOfBounds)?;
        self.params.insert(category, &params);
        Ok(vec![GovernanceEvent::ParamsChanged(ParamsChanged {
            category,
        })])
    }

    /// Governance only: whether `category`'s proposals may carry calls matching `rule`.
    pub fn set_action_rule(
        &mut self,
        caller: AccountId,
        category: CategoryId,
        rule: ActionRule,
        allowed: bool,
    ) -> Result<Events, Error> {
        self.ensure_self(caller)?;
        if category == CONSTITUTION && rule.callee == self.this && !allowed {
            return Err(Error::ConstitutionRule);
        }
        Ok(vec![self.carry(category, rule, allowed)?])
    }

    fn carry(
        &mut self,
        category: CategoryId,
        rule: ActionRule,
        allowed: bool,
    ) -> Result<GovernanceEvent, Error> {
        if !self.params.contains(category) {
            return Err(Error::UnknownCategory);
        }
        let key = (category, rule.callee, rule.selector);
        if allowed {
            self.carries.insert(key, &());
        } else {
            self.carries.remove(key);
        }
        Ok(GovernanceEvent::ActionRuleChanged(ActionRuleChanged {
            category,
            callee: rule.callee,
            selector: rule.selector,
            allowed,
        }))
    }

    /// Whether `category`'s proposals may carry a call of `selector` on `callee`. The
    /// constitution always carries calls to governance itself.
    pub fn carries(&self, category: CategoryId, callee: AccountId, selector: [u8; 4]) -> bool {
        (category == CONSTITUTION && callee == self.this)
            || self.carries.contains((category, callee, Some(selector)))
            || self.carries.contains((category, callee, None::<[u8; 4]>))
    }

    pub fn set_config(&mut self, caller: AccountId, config: Config) -> Result<Events, Error> {
        self.ensure_self(caller)?;
        config.check().map_err(Error::OutOfBounds)?;
        self.config.set(&config);
        Ok(vec![GovernanceEvent::ConfigChanged(ConfigChanged {
            budget: config.budget,
            grace: config.grace,
            open_per_member: config.open_per_member,
        })])
    }

    // ----- proposals -----

    /// A member proposes in a known category, with actions that category may carry.
    /// `expiries_noted`: merit has noted every credential of the category that has expired
    /// (the shell runs merit's sweep first), so the snapshot cannot count stale merit.
    pub fn propose(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        category: CategoryId,
        text: ProposalText,
        actions: Vec<Action>,
        expiries_noted: bool,
    ) -> Result<(ProposalId, Events), Error> {
        if !self.is_member_now(caller) {
            return Err(Error::NotMember);
        }
        let params = self.params(category).ok_or(Error::UnknownCategory)?;
        if text.title.trim_ascii().is_empty() {
            return Err(Error::EmptyTitle);
        }
        if text.title.len() > MAX_TITLE_LEN {
            return Err(Error::TitleTooLong);
        }
        if text.description.len() > MAX_DESCRIPTION_LEN {
            return Err(Error::DescriptionTooLong);
        }
        if actions.len() > MAX_ACTIONS {
            return Err(Error::TooManyActions);
        }
        if actions.iter().any(|a| a.input.len() > MAX_ACTION_INPUT) {
            return Err(Error::ActionTooLarge);
        }
        for (index, action) in actions.iter().enumerate() {
            if !self.carries(category, action.callee, action.selector) {
                let index = u32::try_from(index).map_err(|_| Error::Overflow)?;
                return Err(Error::ActionNotAllowed(index));
            }
        }
        if !expiries_noted {
            return Err(Error::ExpiriesPending);
        }
        let open = self.open_by.get(caller).unwrap_or(0);
        if open >= self.config().open_per_member {
            return Err(Error::TooManyOpenProposals);
        }
        let snapshot = now
            .checked_add(params.voting_delay)
            .ok_or(Error::Overflow)?;
        let vote_end = snapshot
            .checked_add(params.voting_period)
            .ok_or(Error::Overflow)?;
        let id = self.next_proposal.get().unwrap_or(0);
        self.next_proposal
            .set(&id.checked_add(1).ok_or(Error::Overflow)?);
        if self.records_from.get().is_none() {
            // Upgraded in place: proposals from this one on keep their records in one cell.
            self.records_from.set(&id);
        }
        let config = self.config();
        let proposal = Proposal {
            proposer: caller,
            category,
            snapshot,
            vote_end,
            params,
            budget: config.budget,
            grace: config.grace,
            status: Status::Open,
            extended: false,
        };
        self.proposals.insert(id, &proposal);
        self.open_by
            .insert(caller, &open.checked_add(1).ok_or(Error::Overflow)?);
        self.actions.insert(id, &actions);
        let event = ProposalCreated {
            proposal: id,
            proposer: caller,
            category,
            title: text.title.clone(),
            snapshot,
            vote_end,
            actions: u32::try_from(actions.len()).map_err(|_| Error::Overflow)?,
        };
        self.texts.insert(id, &text);
        Ok((id, vec![GovernanceEvent::ProposalCreated(event)]))
    }

    /// Anyone, after the voting period: Defeated, or Queued behind the timelock.
    pub fn finalise(&mut self, now: BlockNumber, id: ProposalId) -> Result<Events, Error> {
        let mut p = self.proposal(id)?;
        if p.status != Status::Open {
            return Err(Error::NotOpen);
        }
        if now <= p.vote_end {
            return Err(Error::VotingNotEnded);
        }
        let outcome = self.outcome_of(&p, id);
        let eta = if !outcome.passed() {
            p.status = Status::Defeated;
            None
        } else if now > p.vote_end.saturating_add(p.grace) {
            // Left unfinalised past its grace: closed, never executable (a passed proposal
            // must not wait for years and be executed against a changed cooperative).
            p.status = Status::Stale;
            None
        } else {
            let eta = now.checked_add(p.params.timelock).ok_or(Error::Overflow)?;
            p.status = Status::Queued { eta };
            Some(eta)
        };
        self.proposals.insert(id, &p);
        self.outcomes.insert(id, &outcome);
        self.close_open(p.proposer);
        Ok(vec![GovernanceEvent::ProposalFinalised(
            ProposalFinalised {
                proposal: id,
                outcome,
                eta,
            },
        )])
    }

    /// Anyone, once the timelock has passed: marks the proposal executed and hands back its
    /// actions for the shell to call (a failing action reverts all of it, marking included).
    pub fn execute(&mut self, now: BlockNumber, id: ProposalId) -> Result<Vec<Action>, Error> {
        let mut p = self.proposal(id)?;
        let Status::Queued { eta } = p.status else {
            return Err(Error::NotQueued);
        };
        if now < eta {
            return Err(Error::Timelocked);
        }
        if now >= eta.saturating_add(p.grace) {
            return Err(Error::Expired);
        }
        // The rules are checked again: a rule the cooperative withdrew since the proposal was
        // made no longer lets it through.
        let actions = self.actions.get(id).unwrap_or_default();
        for (index, action) in actions.iter().enumerate() {
            if !self.carries(p.category, action.callee, action.selector) {
                let index = u32::try_from(index).map_err(|_| Error::Overflow)?;
                return Err(Error::ActionNotAllowed(index));
            }
        }
        p.status = Status::Executed;
        self.proposals.insert(id, &p);
        Ok(actions)
    }

    /// The proposer while the proposal is Pending; governance (by proposal) any time before
    /// execution.
    pub fn cancel(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        id: ProposalId,
    ) -> Result<Events, Error> {
        let mut p = self.proposal(id)?;
        if caller != p.proposer && caller != self.this {
            return Err(Error::NotProposer);
        }
        let state = self.state_of(&p, id, now);
        match state {
            ProposalState::Pending
            | ProposalState::Active
            | ProposalState::Succeeded
            | ProposalState::Queued => {}
            _ => return Err(Error::NotOpen),
        }
        // After the vote opens, only the cooperative (by proposal) may stop a proposal.
        if caller != self.this && state != ProposalState::Pending {
            return Err(Error::NotPending);
        }
        if p.status == Status::Open {
            self.close_open(p.proposer);
        }
        p.status = Status::Canceled;
        self.proposals.insert(id, &p);
        Ok(vec![GovernanceEvent::ProposalCanceled(ProposalCanceled {
            proposal: id,
            by: caller,
        })])
    }

    // ----- queries -----

    pub fn config(&self) -> Config {
        // Set by the constructor; the fallback is never used.
        self.config.get().unwrap_or(Config {
            budget: 0,
            grace: 0,
            open_per_member: 0,
        })
    }

    pub fn params(&self, category: CategoryId) -> Option<CategoryParams> {
        self.params.get(category)
    }

    pub fn sources(&self) -> Option<Sources> {
        self.sources.get()
    }

    pub fn proposal(&self, id: ProposalId) -> Result<Proposal, Error> {
        self.proposals.get(id).ok_or(Error::UnknownProposal)
    }

    pub fn proposal_text(&self, id: ProposalId) -> Option<ProposalText> {
        self.texts.get(id)
    }

    pub fn proposal_actions(&self, id: ProposalId) -> Vec<Action> {
        self.actions.get(id).unwrap_or_default()
    }

    pub fn proposal_count(&self) -> ProposalId {
        self.next_proposal.get().unwrap_or(0)
    }

    pub fn tally(&self, id: ProposalId) -> Tally {
        self.tallies.get(id).unwrap_or_default()
    }

    pub fn vote_of(&self, id: ProposalId, voter: AccountId) -> Option<Vote> {
        let earlier = self.has_earlier_records(id);
        self.record(id, voter, earlier).vote
    }

    /// The decision points so far (final once the voting period is over).
    pub fn outcome(&self, id: ProposalId) -> Result<Outcome, Error> {
        let p = self.proposal(id)?;
        Ok(self
            .outcomes
            .get(id)
            .unwrap_or_else(|| self.outcome_of(&p, id)))
    }

    pub fn state(&self, id: ProposalId, now: BlockNumber) -> Result<ProposalState, Error> {
        let p = self.proposal(id)?;
        Ok(self.state_of(&p, id, now))
    }

    /// Pool totals at `block` for `category`: everyone's members, merit and capital.
    pub fn totals_at(&self, category: CategoryId, block: BlockNumber) -> PoolAmounts {
        let t = self.totals.value_at(&(), block).unwrap_or_default();
        let merit = self.merit_total.value_at(&category, block).unwrap_or(0);
        amounts(Weights { merit, ..t }, self.rate_at(block))
    }

    /// What `account` would count in `category` at `block`, before any override.
    pub fn power_at(
        &self,
        category: CategoryId,
        account: AccountId,
        block: BlockNumber,
    ) -> Result<PoolAmounts, Error> {
        Ok(amounts(
            self.subtree_at(category, account, block)?,
            self.rate_at(block),
        ))
    }

    fn state_of(&self, p: &Proposal, id: ProposalId, now: BlockNumber) -> ProposalState {
        match p.status {
            Status::Canceled => ProposalState::Canceled,
            Status::Executed => ProposalState::Executed,
            Status::Defeated => ProposalState::Defeated,
            Status::Stale => ProposalState::Expired,
            Status::Queued { eta } => {
                if now >= eta.saturating_add(p.grace) {
                    ProposalState::Expired
                } else {
                    ProposalState::Queued
                }
            }
            Status::Open if now <= p.snapshot => ProposalState::Pending,
            Status::Open if now <= p.vote_end => ProposalState::Active,
            Status::Open if !self.outcome_of(p, id).passed() => ProposalState::Defeated,
            Status::Open if now > p.vote_end.saturating_add(p.grace) => ProposalState::Expired,
            Status::Open => ProposalState::Succeeded,
        }
    }

    fn outcome_of(&self, p: &Proposal, id: ProposalId) -> Outcome {
        let totals = self.totals_at(p.category, p.snapshot);
        power::outcome(&p.params, p.budget, totals, &self.tally(id))
    }

    /// The last block a direct vote of `account` is still open (its capital stays until then).
    pub fn voted_until(&self, account: AccountId) -> BlockNumber {
        self.voted_until.get(account).unwrap_or(0)
    }

    /// How many of `member`'s proposals are in voting.
    pub fn open_proposals(&self, member: AccountId) -> u32 {
        self.open_by.get(member).unwrap_or(0)
    }

    fn close_open(&mut self, proposer: AccountId) {
        let open = self.open_by.get(proposer).unwrap_or(0).saturating_sub(1);
        if open == 0 {
            self.open_by.remove(proposer);
        } else {
            self.open_by.insert(proposer, &open);
        }
    }

    /// What a contract upgraded in place from the earlier build holds: no `records_from`.
    #[cfg(test)]
    pub(crate) fn forget_records_from(&mut self) {
        fn key_of<T: ink::storage::traits::StorageKey>(_: &T) -> u32 {
            T::KEY
        }
        ink::env::clear_contract_storage(&key_of(&self.records_from));
    }

    /// Whether proposal `id` may hold records in the earlier build's cells.
    pub(crate) fn has_earlier_records(&self, id: ProposalId) -> bool {
        id < self.records_from.get().unwrap_or(ProposalId::MAX)
    }

    /// `account`'s record on proposal `id`; with `earlier`, one the earlier build wrote is read
    /// from its two cells until the record is written again.
    pub(crate) fn record(&self, id: ProposalId, account: AccountId, earlier: bool) -> VoterRecord {
        match self.records.get((id, account)) {
            Some(record) => record,
            None if earlier => VoterRecord {
                vote: self.votes.get((id, account)),
                withheld: self.withheld.get((id, account)).unwrap_or_default(),
            },
            None => VoterRecord::default(),
        }
    }

    pub(crate) fn rate_at(&self, block: BlockNumber) -> Rate {
        self.rate.value_at(&(), block).unwrap_or(Rate::UNBOUNDED)
    }
}

/// Pool amounts of summed weights at rate `λ`.
pub fn amounts(w: Weights, rate: Rate) -> PoolAmounts {
    PoolAmounts {
        equal: u128::from(w.members),
        merit: w.merit,
        capital: rate.linear(w.plain_raw).saturating_add(w.fixed),
    }
}
