//! A vote, counted in O(depth) (see `data.rs`), through a [`Ballot`]: what every vote on one
//! proposal reads and writes (the proposal, its tally, capital's rate at the snapshot), read
//! once and written once. A direct vote opens and closes its own ballot; a relayed batch
//! (`relay.rs`) keeps one per proposal for the whole batch, so its votes pay those cells once.
//! pallet-contracts charges every storage access its benchmarked proof, whatever the cell's
//! size, so the cells a vote touches are its cost (#18).

use crate::{
    data::{amounts, Events, GovernanceData},
    errors::Error,
    events::*,
    types::*,
};
use ink::prelude::vec::Vec;
use usos_primitives::{AccountId, BlockNumber, Rate};

/// One proposal as its votes see it, kept in memory between `open_ballot` and `close_ballot`.
#[derive(Debug, Clone)]
pub struct Ballot {
    pub id: ProposalId,
    proposal: Proposal,
    tally: Tally,
    rate: Rate,
    /// Whether the proposal may hold records in the earlier build's cells (upgrades).
    earlier: bool,
    /// Whether a vote extended the proposal (its cell is written back only then).
    extended: bool,
    /// Whether a vote counted (the tally is written back only then).
    counted: bool,
}

impl GovernanceData {
    /// Reads what every vote on `id` needs.
    pub fn open_ballot(&self, id: ProposalId) -> Result<Ballot, Error> {
        let proposal = self.proposal(id)?;
        Ok(Ballot {
            id,
            tally: self.tallies.get(id).unwrap_or_default(),
            rate: self.rate_at(proposal.snapshot),
            earlier: self.has_earlier_records(id),
            proposal,
            extended: false,
            counted: false,
        })
    }

    /// Writes back what the ballot's votes changed.
    pub fn close_ballot(&mut self, ballot: &Ballot) {
        if ballot.extended {
            self.proposals.insert(ballot.id, &ballot.proposal);
        }
        if ballot.counted {
            self.tallies.insert(ballot.id, &ballot.tally);
        }
    }

    pub fn cast_vote(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        id: ProposalId,
        choice: Choice,
    ) -> Result<Events, Error> {
        let mut ballot = self.open_ballot(id)?;
        let events = self.vote_in(&mut ballot, caller, now, choice)?;
        self.close_ballot(&ballot);
        Ok(events)
    }

    /// `caller`'s vote on the ballot's proposal. Everything is computed and checked before the
    /// first write, so a refused vote (one entry of a relayed batch, whose refusal does not
    /// revert the call) changes neither storage nor the ballot.
    pub fn vote_in(
        &mut self,
        ballot: &mut Ballot,
        caller: AccountId,
        now: BlockNumber,
        choice: Choice,
    ) -> Result<Events, Error> {
        let (id, p) = (ballot.id, &ballot.proposal);
        if p.status != Status::Open || now <= p.snapshot || now > p.vote_end {
            return Err(Error::VotingClosed);
        }
        let record = self.record(id, caller, ballot.earlier);
        if record.vote.is_some() {
            return Err(Error::AlreadyVoted);
        }
        let (c, s) = (p.category, p.snapshot);
        let own = self.own_at(c, caller, s);
        let agg = own
            .checked_add(self.inflow_at(c, caller, s))
            .ok_or(Error::Overflow)?;
        let agg = amounts(agg, ballot.rate);
        if agg.is_zero() {
            return Err(Error::NoVotingPower);
        }
        let counted = agg.saturating_sub(record.withheld);
        // Late and carrying others' points: their owners get a window to override it. Every
        // delegator is a member (exits end delegations), so the equal pool tells exactly.
        let carries_delegated = counted.equal > u128::from(own.members);
        let window = p.params.override_window;
        let extend = carries_delegated && !p.extended && now.saturating_add(window) > p.vote_end;
        let vote_end = if extend {
            now.checked_add(window).ok_or(Error::Overflow)?
        } else {
            p.vote_end
        };
        // The voter's capital stays until this vote is over, an extension included.
        let until = p
            .vote_end
            .saturating_add(if p.extended { 0 } else { window });
        let mut tally = ballot.tally;
        // Up the chain as it was at the snapshot, to the nearest ancestor that voted: each
        // ancestor withholds what this vote counts, and that ancestor's vote loses it.
        let mut up_records: Vec<(AccountId, VoterRecord)> = Vec::new();
        let mut overrode = None;
        let mut next = self.delegate_at(c, caller, s);
        let mut steps: u8 = 0;
        while let Some(up) = next {
            if steps >= MAX_DEPTH {
                break;
            }
            steps = steps.saturating_add(1);
            let mut theirs = self.record(id, up, ballot.earlier);
            theirs.withheld = theirs
                .withheld
                .checked_add(counted)
                .ok_or(Error::Overflow)?;
            let voted = theirs.vote.as_mut().map(|vote| {
                vote.counted = vote.counted.saturating_sub(counted);
                let lost = tally.get_mut(vote.choice);
                *lost = lost.saturating_sub(counted);
            });
            up_records.push((up, theirs));
            if voted.is_some() {
                overrode = Some(up);
                break;
            }
            next = self.delegate_at(c, up, s);
        }
        let mine = tally.get_mut(choice);
        *mine = mine.checked_add(counted).ok_or(Error::Overflow)?;
        // Nothing below can fail: the writes.
        let mut events = Vec::with_capacity(2);
        events.push(GovernanceEvent::VoteCast(VoteCast {
            proposal: id,
            voter: caller,
            choice,
            counted,
            overrode,
        }));
        if extend {
            ballot.proposal.vote_end = vote_end;
            ballot.proposal.extended = true;
            ballot.extended = true;
            events.push(GovernanceEvent::VotingExtended(VotingExtended {
                proposal: id,
                vote_end,
            }));
        }
        ballot.tally = tally;
        ballot.counted = true;
        if self.voted_until.get(caller).unwrap_or(0) < until {
            self.voted_until.insert(caller, &until);
        }
        for (up, theirs) in &up_records {
            self.records.insert((id, *up), theirs);
        }
        let vote = Some(Vote { choice, counted });
        self.records
            .insert((id, caller), &VoterRecord { vote, ..record });
        Ok(events)
    }
}
