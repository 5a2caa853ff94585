//! What governance's two codes do alike around the core: emit its events and count a relayed
//! batch. The whole code (`lib.rs`) and the front (`governance_front`, the hot path in small
//! code) both call these, so a vote counts and reads the same whichever code runs it.

use crate::{
    data::{Events, GovernanceData},
    errors::Error,
    events::{GovernanceEvent, VoteRefused},
    relay::{SignedVote, VotingKey, MAX_BATCH},
};
use ink::{env::DefaultEnvironment as Env, prelude::vec::Vec};
use usos_primitives::{BlockNumber, ListenerError};

pub fn emit(events: Events) {
    for event in events {
        match event {
            GovernanceEvent::Connected(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ProposalCreated(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::VoteCast(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::VotingExtended(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::DelegationChanged(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ProposalFinalised(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ProposalExecuted(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ProposalCanceled(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ParamsChanged(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ActionRuleChanged(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::ConfigChanged(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::PowerChanged(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::VotingKeyChanged(e) => ink::env::emit_event::<Env, _>(e),
        }
    }
}

/// What the hot path emits (`cast_vote`, `cast_votes`, `delegate`, `undelegate` and the
/// sources' reports): votes, extended voting periods, delegations and power changes, nothing
/// else (checked on every call of host `data_tests::tallies_match_the_naive_model`).
pub fn is_hot(event: &GovernanceEvent) -> bool {
    matches!(
        event,
        GovernanceEvent::VoteCast(_)
            | GovernanceEvent::VotingExtended(_)
            | GovernanceEvent::DelegationChanged(_)
            | GovernanceEvent::PowerChanged(_)
    )
}

/// [`emit`] for the hot path's events only, in a fraction of its code (the front's). Any other
/// event traps, so it can never be lost; none occurs ([`is_hot`]).
#[allow(clippy::panic)]
pub fn emit_hot(events: Events) {
    for event in events {
        match event {
            GovernanceEvent::VoteCast(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::VotingExtended(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::DelegationChanged(e) => ink::env::emit_event::<Env, _>(e),
            GovernanceEvent::PowerChanged(e) => ink::env::emit_event::<Env, _>(e),
            // Unreachable: the hot path emits nothing else (the property test checks every
            // call); a trap, should it ever, loses no event.
            _ => panic!("not an event of the hot path"),
        }
    }
}

/// A source's report (membership, merit or capital telling governance of a change), answered
/// as the listener traits say: `UnknownCaller` to anyone but the connected source.
pub fn listener<T>(
    result: Result<(T, Events), Error>,
    emit: fn(Events),
) -> Result<T, ListenerError> {
    match result {
        Ok((value, events)) => {
            emit(events);
            Ok(value)
        }
        Err(Error::UnknownSource) => Err(ListenerError::UnknownCaller),
        Err(_) => Err(ListenerError::Failed),
    }
}

/// [`listener`] for a report that answers nothing but its events.
pub fn told(result: Result<Events, Error>, emit: fn(Events)) -> Result<(), ListenerError> {
    listener(result.map(|events| ((), events)), emit)
}

/// `cast_votes`: each signed vote recovered and counted as its voter's `cast_vote`; a refused
/// entry is reported in its place and as `VoteRefused`, and changes nothing.
pub fn cast_votes(
    data: &mut GovernanceData,
    now: BlockNumber,
    batch: Vec<SignedVote>,
) -> Result<Vec<Result<(), Error>>, Error> {
    cast_votes_with(data, now, batch, emit)
}

/// [`cast_votes`] emitting its votes' events with `emit` (the front's: [`emit_hot`]).
pub fn cast_votes_with(
    data: &mut GovernanceData,
    now: BlockNumber,
    batch: Vec<SignedVote>,
    emit: fn(Events),
) -> Result<Vec<Result<(), Error>>, Error> {
    if batch.is_empty() {
        return Err(Error::EmptyBatch);
    }
    if batch.len() > MAX_BATCH {
        return Err(Error::BatchTooLarge);
    }
    let signed: Vec<(SignedVote, Option<VotingKey>)> = batch
        .into_iter()
        .map(|vote| {
            let hash = data.vote_hash(&vote);
            let mut key = [0u8; 33];
            let recovered = ink::env::ecdsa_recover(&vote.signature, &hash, &mut key)
                .ok()
                .map(|()| key);
            (vote, recovered)
        })
        .collect();
    let outcomes = data.relayed_votes(now, &signed);
    let mut results = Vec::with_capacity(outcomes.len());
    for ((vote, _), outcome) in signed.iter().zip(outcomes) {
        match outcome {
            Ok(events) => {
                emit(events);
                results.push(Ok(()));
            }
            Err(error) => {
                ink::env::emit_event::<Env, _>(VoteRefused {
                    proposal: vote.proposal,
                    voter: vote.voter,
                    error,
                });
                results.push(Err(error));
            }
        }
    }
    Ok(results)
}
