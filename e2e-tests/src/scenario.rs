//! One cooperative's life, short enough for a real node, on any [`Backend`]. The sandbox test
//! (`tests/scenario.rs`) and the node test (`tests/node.rs`, feature `node`) both run it.
//!
//! Alice uploads the eight codes (six contracts, two fronts) and a factory, and creates "Riverside" in one call: Alice, Bob
//! and Charlie are the founders, Alice and Bob hold "finance". The three stake; Bob delegates
//! finance to Alice. Alice proposes, in finance, to admit Dave; she votes For with Bob's power,
//! Bob overrides her and votes Against, Charlie votes For. The proposal is finalised, refused
//! before its timelock ends, executed after it, and Dave is a member.

use crate::{
    backend::{Backend, BackendExt},
    coop::test_params,
    factory::{coop_params, finance, Bundles},
    Contract, Coop,
};
use factory::{CodeHashes, Cooperative};
use governance::{events::VoteCast, Choice, Outcome, ProposalId, ProposalState, Tally};
use ink::primitives::AccountId;
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use scale::Encode;
use std::rc::Rc;
use usos_primitives::CategoryId;

/// The founding category's id (0 is the constitution).
pub const FINANCE: CategoryId = 1;
/// What each founder stakes.
pub const STAKE: u128 = 1_000_000_000;

/// What the scenario saw, for the tests to check.
#[derive(Debug)]
pub struct Life {
    pub cooperative: Cooperative,
    /// Alice, Bob and Charlie.
    pub founders: [AccountId; 3],
    pub members_before: u32,
    pub members_after: u32,
    pub dave_admitted: bool,
    /// The three votes' events: Alice's, Bob's override, Charlie's.
    pub votes: Vec<VoteCast>,
    /// What `execute` answered before the timelock ended.
    pub early_execute: Result<(), governance::Error>,
    pub state_after: ProposalState,
    pub tally: Tally,
    pub outcome: Outcome,
}

fn at(address: AccountId, bundle: &Rc<crate::Bundle>) -> Contract {
    Contract {
        address: AccountId32::new(*address.as_ref()),
        bundle: bundle.clone(),
    }
}

fn progress(backend: &impl Backend, text: &str) {
    println!("[{}] {text}", backend.name());
}

/// Runs the scenario; panics with the step's name if a step the scenario expects to succeed
/// fails.
pub fn cooperative_life(b: &mut impl Backend) -> Life {
    let [alice, bob, charlie, dave] = ["alice", "bob", "charlie", "dave"].map(|n| b.account(n));
    let bundles = Bundles::load();
    let codes = CodeHashes {
        membership: b.upload(&bundles.membership, "alice"),
        merit: b.upload(&bundles.merit, "alice"),
        capital: b.upload(&bundles.capital, "alice"),
        governance: b.upload(&bundles.governance, "alice"),
        governance_front: b.upload(&bundles.governance_front, "alice"),
        missions: b.upload(&bundles.missions, "alice"),
        missions_front: b.upload(&bundles.missions_front, "alice"),
        profiles: b.upload(&bundles.profiles, "alice"),
    };
    let factory = b.instantiate(&bundles.factory, "alice", "new", codes.encode());
    progress(b, "eight codes uploaded, factory instantiated");

    let params = coop_params(vec![alice, bob, charlie], vec![finance(vec![alice, bob])]);
    let created: Result<Cooperative, factory::Error> = b.send(
        &factory,
        "alice",
        "create_cooperative",
        (String::from("Riverside"), params, codes),
    );
    let cooperative = created.expect("create_cooperative");
    let membership = at(cooperative.membership, &bundles.membership);
    let capital = at(cooperative.capital, &bundles.capital);
    let governance = at(cooperative.governance, &bundles.governance);
    progress(
        b,
        "Riverside created in one call: founders Alice, Bob, Charlie",
    );

    for who in ["alice", "bob", "charlie"] {
        let staked = b.submit(&capital, who, "deposit", Vec::new(), STAKE);
        let result: Result<(), capital::Error> = staked.value();
        result.unwrap_or_else(|e| panic!("{who}'s deposit: {e:?}"));
    }
    let delegated: Result<(), governance::Error> =
        b.send(&governance, "bob", "delegate", (FINANCE, alice));
    delegated.expect("Bob delegates finance to Alice");
    progress(b, "three stakes; Bob delegates finance to Alice");

    let members_before: u32 = b.query(&membership, "member_count", ());
    let admit_dave = Coop::action(&membership, "admit", (dave, StakeholderClass::User));
    let proposed: Result<ProposalId, governance::Error> = b.send(
        &governance,
        "alice",
        "propose",
        (
            FINANCE,
            String::from("Admit Dave"),
            String::from("ipfs://dave"),
            vec![admit_dave],
        ),
    );
    let proposal = proposed.expect("Alice proposes");
    // Votes open the block after the snapshot, which is one block after the proposal.
    b.advance(2);

    let mut votes = Vec::new();
    for (who, choice) in [
        ("alice", Choice::For),
        ("bob", Choice::Against),
        ("charlie", Choice::For),
    ] {
        let cast = b.submit(
            &governance,
            who,
            "cast_vote",
            (proposal, choice).encode(),
            0,
        );
        let result: Result<(), governance::Error> = cast.value();
        result.unwrap_or_else(|e| panic!("{who}'s vote: {e:?}"));
        votes.extend(cast.events_of::<VoteCast>());
    }
    progress(b, "Alice votes For, Bob overrides her Against, Charlie For");

    let periods = test_params();
    b.advance(periods.voting_period.saturating_add(1));
    let finalised: Result<(), governance::Error> = b.send(&governance, "bob", "finalise", proposal);
    finalised.expect("finalise after the vote");
    let early_execute = b.send(&governance, "charlie", "execute", proposal);
    b.advance(periods.timelock);
    let executed: Result<(), governance::Error> =
        b.send(&governance, "charlie", "execute", proposal);
    executed.expect("execute after the timelock");
    progress(b, "finalised, executed after the timelock");

    let state: Result<ProposalState, governance::Error> = b.query(&governance, "state", proposal);
    let outcome: Result<Outcome, governance::Error> = b.query(&governance, "outcome", proposal);
    Life {
        cooperative,
        founders: [alice, bob, charlie],
        members_before,
        members_after: b.query(&membership, "member_count", ()),
        dave_admitted: b.query(&membership, "is_member", dave),
        votes,
        early_execute,
        state_after: state.expect("the proposal's state"),
        tally: b.query(&governance, "tally", proposal),
        outcome: outcome.expect("the proposal's outcome"),
    }
}

/// Checks what a member would notice; both backends' tests call it.
pub fn check(life: &Life) {
    let [alice, bob, charlie] = life.founders;
    assert_eq!((life.members_before, life.members_after), (3, 4));
    assert!(life.dave_admitted, "the executed proposal admitted Dave");
    assert_eq!(life.early_execute, Err(governance::Error::Timelocked));
    assert_eq!(life.state_after, ProposalState::Executed);

    let voters: Vec<_> = life.votes.iter().map(|v| (v.voter, v.overrode)).collect();
    assert_eq!(
        voters,
        vec![(alice, None), (bob, Some(alice)), (charlie, None)],
        "Bob's vote overrides the delegate he chose"
    );
    // Alice first counted herself and Bob: two members.
    assert_eq!(life.votes[0].counted.equal, 2);

    // One member, one credential, one stake each: For has two of each, Against one.
    let (yes, no) = (&life.tally.for_, &life.tally.against);
    assert_eq!((yes.equal, no.equal), (2, 1));
    assert_eq!(
        (yes.merit, no.merit),
        (3, 3),
        "level 2 in finance: 3 points each"
    );
    assert!(no.capital > 0, "Bob's stake counts");
    assert_eq!(yes.capital, no.capital * 2);
    assert!(life.outcome.approved && life.outcome.quorum_met);
    assert!(life.outcome.for_.equal > life.outcome.against.equal);
}
