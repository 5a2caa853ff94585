//! Host tests of the governance core: scenarios a cooperative would notice, and random
//! histories checked against the naive reference model (`reference.rs`).

use crate::{
    data::GovernanceData, errors::Error, events::GovernanceEvent, power, reference::Model, types::*,
};
use proptest::prelude::*;
use usos_primitives::{AccountId, BasisPoints, BlockNumber, CapitalInput, CategoryId, Rate, Share};

pub(crate) const THIS: u8 = 200;
pub(crate) const DEPLOYER: u8 = 201;
pub(crate) const MEMBERSHIP: u8 = 202;
pub(crate) const MERIT: u8 = 203;
pub(crate) const CAPITAL: u8 = 204;
pub(crate) const FINANCE: CategoryId = 1;
const TECH: CategoryId = 2;
const BUDGET: u128 = 1_000_000_000_000;
/// A category no one created.
const UNKNOWN: CategoryId = 77;
const ADMIT: [u8; 4] = [1, 2, 3, 4];

pub(crate) fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn bps(v: u16) -> BasisPoints {
    BasisPoints::new(v).unwrap()
}

/// Votes in the last `OVERRIDE` blocks that carry delegated points extend a proposal once.
const OVERRIDE: BlockNumber = 2;
const GRACE: BlockNumber = MIN_GRACE;

fn params(max_depth: u8) -> CategoryParams {
    CategoryParams {
        voting_delay: 0,
        voting_period: 5,
        timelock: 2,
        max_depth,
        override_window: OVERRIDE,
        ..CategoryParams::standard()
    }
}

pub(crate) fn fresh(max_depth: u8, f: impl FnOnce(GovernanceData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let config = Config {
            budget: BUDGET,
            grace: GRACE,
            open_per_member: 100,
        };
        let mut g = GovernanceData::new(acc(THIS), acc(DEPLOYER), config).unwrap();
        g.connect(
            acc(DEPLOYER),
            Sources {
                membership: acc(MEMBERSHIP),
                merit: acc(MERIT),
                capital: acc(CAPITAL),
            },
            vec![(FINANCE, params(max_depth)), (TECH, params(max_depth))],
            vec![(
                FINANCE,
                ActionRule {
                    callee: acc(MEMBERSHIP),
                    selector: Some(ADMIT),
                },
            )],
        )
        .unwrap();
        f(g);
        Ok(())
    })
    .expect("off-chain test environment");
}

pub(crate) fn join(g: &mut GovernanceData, now: BlockNumber, n: u8) {
    g.membership_changed(acc(MEMBERSHIP), now, acc(n), true, None)
        .unwrap();
}

pub(crate) fn plain(raw: u128) -> CapitalInput {
    CapitalInput { raw, fixed: None }
}

/// A proposal with one vote window [1, 5] and snapshot 0.
pub(crate) fn propose(g: &mut GovernanceData, by: u8, category: CategoryId) -> ProposalId {
    let text = ProposalText {
        title: "t".into(),
        description: "ipfs://d".into(),
    };
    g.propose(acc(by), 0, category, text, Vec::new(), true)
        .unwrap()
        .0
}

#[test]
fn a_chain_of_three_counts_at_the_top_and_an_override_takes_points_back() {
    fresh(8, |mut g| {
        for n in 1..=4 {
            join(&mut g, 0, n);
        }
        // 1 → 2 → 3 in finance; 4 stays alone.
        g.delegate(acc(1), 0, FINANCE, acc(2)).unwrap();
        g.delegate(acc(2), 0, FINANCE, acc(3)).unwrap();
        let id = propose(&mut g, 4, FINANCE);
        g.cast_vote(acc(3), 1, id, Choice::For).unwrap();
        assert_eq!(g.tally(id).for_.equal, 3, "3 counts for 1, 2 and itself");
        g.cast_vote(acc(2), 2, id, Choice::Against).unwrap();
        let t = g.tally(id);
        assert_eq!(
            (t.for_.equal, t.against.equal),
            (1, 2),
            "2 takes itself and 1 back"
        );
        // In the other order: 1 votes first, then 3 gets only 2 and itself... here 2 voted.
        g.cast_vote(acc(1), 3, id, Choice::Abstain).unwrap();
        let t = g.tally(id);
        assert_eq!((t.for_.equal, t.against.equal, t.abstain.equal), (1, 1, 1));
        assert_eq!(
            g.cast_vote(acc(1), 3, id, Choice::For),
            Err(Error::AlreadyVoted)
        );
    });
}

#[test]
fn a_delegator_voting_before_its_delegate_is_not_counted_twice() {
    fresh(8, |mut g| {
        for n in 1..=3 {
            join(&mut g, 0, n);
        }
        g.delegate(acc(1), 0, FINANCE, acc(2)).unwrap();
        g.delegate(acc(2), 0, FINANCE, acc(3)).unwrap();
        let id = propose(&mut g, 1, FINANCE);
        g.cast_vote(acc(1), 1, id, Choice::Against).unwrap();
        g.cast_vote(acc(3), 1, id, Choice::For).unwrap();
        let t = g.tally(id);
        assert_eq!((t.for_.equal, t.against.equal), (2, 1));
    });
}

#[test]
fn cycles_and_long_chains_are_refused_and_undelegate_frees() {
    fresh(2, |mut g| {
        for n in [1, 2, 3, 9] {
            join(&mut g, 0, n);
        }
        g.delegate(acc(1), 0, FINANCE, acc(2)).unwrap();
        g.delegate(acc(2), 0, FINANCE, acc(3)).unwrap();
        assert_eq!(g.delegate(acc(3), 0, FINANCE, acc(1)), Err(Error::Cycle));
        assert_eq!(
            g.delegate(acc(1), 0, FINANCE, acc(1)),
            Err(Error::SelfDelegation)
        );
        // 1 → 2 → 3 has length 2 = max; 3 → 4 would make it 3, and so would 0 → 1.
        assert_eq!(g.delegate(acc(3), 0, FINANCE, acc(4)), Err(Error::TooDeep));
        assert_eq!(g.delegate(acc(9), 0, FINANCE, acc(1)), Err(Error::TooDeep));
        // Other categories are separate trees.
        g.delegate(acc(3), 0, TECH, acc(1)).unwrap();
        g.undelegate(acc(2), 1, FINANCE).unwrap();
        g.delegate(acc(3), 1, FINANCE, acc(4)).unwrap();
        assert_eq!(g.undelegate(acc(2), 1, FINANCE), Err(Error::NotDelegating));
    });
}

#[test]
fn delegation_and_power_after_the_snapshot_change_nothing() {
    fresh(8, |mut g| {
        join(&mut g, 0, 1);
        join(&mut g, 0, 2);
        g.capital_changed(
            acc(CAPITAL),
            0,
            Rate { num: 1, den: 100 },
            vec![(acc(1), plain(10))],
        )
        .unwrap();
        let id = propose(&mut g, 1, FINANCE);
        // After the snapshot: 2 delegates to 1 and stakes; 3 joins.
        g.delegate(acc(2), 1, FINANCE, acc(1)).unwrap();
        g.capital_changed(
            acc(CAPITAL),
            1,
            Rate { num: 1, den: 200 },
            vec![(acc(2), plain(90))],
        )
        .unwrap();
        join(&mut g, 1, 3);
        g.cast_vote(acc(1), 2, id, Choice::For).unwrap();
        let t = g.tally(id);
        assert_eq!((t.for_.equal, t.for_.capital), (1, 10 / 100));
        assert_eq!(g.totals_at(FINANCE, 0).equal, 2);
        assert_eq!(
            g.cast_vote(acc(3), 2, id, Choice::For),
            Err(Error::NoVotingPower)
        );
    });
}

#[test]
fn the_lifecycle_queues_behind_the_timelock_and_expires_after_grace() {
    fresh(8, |mut g| {
        join(&mut g, 0, 1);
        join(&mut g, 0, 2);
        let id = propose(&mut g, 1, FINANCE);
        assert_eq!(g.state(id, 0), Ok(ProposalState::Pending));
        assert_eq!(
            g.cast_vote(acc(1), 0, id, Choice::For),
            Err(Error::VotingClosed)
        );
        g.cast_vote(acc(1), 1, id, Choice::For).unwrap();
        assert_eq!(g.state(id, 1), Ok(ProposalState::Active));
        assert_eq!(g.finalise(5, id), Err(Error::VotingNotEnded));
        assert_eq!(g.state(id, 6), Ok(ProposalState::Succeeded));
        g.finalise(6, id).unwrap();
        assert_eq!(g.state(id, 6), Ok(ProposalState::Queued));
        assert_eq!(g.execute(7, id), Err(Error::Timelocked));
        assert_eq!(g.state(id, 8 + GRACE - 1), Ok(ProposalState::Queued));
        assert_eq!(g.state(id, 8 + GRACE), Ok(ProposalState::Expired));
        assert_eq!(g.execute(8 + GRACE, id), Err(Error::Expired));
        assert_eq!(g.execute(8, id), Ok(Vec::new()));
        assert_eq!(g.state(id, 8), Ok(ProposalState::Executed));
        assert_eq!(g.execute(8, id), Err(Error::NotQueued));
        assert_eq!(g.cancel(acc(1), 8, id), Err(Error::NotOpen));
    });
}

#[test]
fn quorum_approval_cancel_and_self_government() {
    fresh(8, |mut g| {
        for n in 1..=10 {
            join(&mut g, 0, n);
        }
        // One vote of ten members: 10% of the equal pool = 1/10 of the whole budget here
        // (merit and capital are empty, so equal holds it all), below the 20% quorum.
        let lonely = propose(&mut g, 1, FINANCE);
        g.cast_vote(acc(1), 1, lonely, Choice::For).unwrap();
        let o = g.outcome(lonely).unwrap();
        assert_eq!(o.for_.equal, BUDGET / 10);
        assert!(o.approved && !o.quorum_met);
        g.finalise(6, lonely).unwrap();
        assert_eq!(g.state(lonely, 6), Ok(ProposalState::Defeated));
        // 2 For, 2 Against: not more than half.
        let tie = propose(&mut g, 1, FINANCE);
        for (n, choice) in [
            (1, Choice::For),
            (2, Choice::For),
            (3, Choice::Against),
            (4, Choice::Against),
        ] {
            g.cast_vote(acc(n), 1, tie, choice).unwrap();
        }
        assert!(!g.outcome(tie).unwrap().approved);
        assert_eq!(g.cancel(acc(2), 1, tie), Err(Error::NotProposer));
        g.cancel(acc(THIS), 1, tie).unwrap();
        assert_eq!(g.state(tie, 1), Ok(ProposalState::Canceled));
        assert_eq!(
            g.set_params(acc(1), FINANCE, params(3)),
            Err(Error::NotGovernance)
        );
        let mut bad = params(3);
        bad.weights.capital = bps(4_000);
        assert_eq!(
            g.set_params(acc(THIS), FINANCE, bad),
            Err(Error::OutOfBounds(Param::Weights))
        );
        g.set_params(acc(THIS), FINANCE, params(3)).unwrap();
        assert_eq!(g.params(FINANCE).map(|p| p.max_depth), Some(3));
        assert_eq!(g.params(TECH).map(|p| p.max_depth), Some(8));
        assert_eq!(
            g.membership_changed(acc(1), 0, acc(1), true, None),
            Err(Error::UnknownSource)
        );
        assert_eq!(
            g.propose(
                acc(99),
                0,
                FINANCE,
                ProposalText {
                    title: "x".into(),
                    description: "".into()
                },
                Vec::new(),
                true
            )
            .map(|_| ()),
            Err(Error::NotMember)
        );
    });
}

#[test]
fn an_empty_pool_gives_its_weight_to_the_others_pro_rata() {
    let w = PoolWeights {
        equal: bps(2_500),
        merit: bps(2_500),
        capital: bps(5_000),
    };
    let totals = PoolAmounts {
        equal: 10,
        merit: 0,
        capital: Share::ONE.0,
    };
    let b = power::pool_budgets(BUDGET, w, totals);
    assert_eq!(
        (b.equal, b.merit, b.capital),
        (BUDGET / 3, 0, BUDGET * 2 / 3)
    );
    let none = power::pool_budgets(BUDGET, w, PoolAmounts::default());
    assert!(none.is_zero());
}

#[test]
fn one_planck_of_capital_no_longer_buys_a_young_cooperative() {
    fresh(8, |mut g| {
        for n in 1..=5 {
            join(&mut g, 0, n);
        }
        // Five founders, no merit; founder 1 stakes one planck and capital (few stakers,
        // proportional) caps it at 3% of the pool: 97% of the pool is unallocated.
        let cap = Share(3 * Share::SCALE / 100);
        g.capital_changed(
            acc(CAPITAL),
            0,
            Rate {
                num: Share::SCALE,
                den: 1,
            },
            vec![(
                acc(1),
                CapitalInput {
                    raw: 1,
                    fixed: Some(cap),
                },
            )],
        )
        .unwrap();
        let id = propose(&mut g, 1, FINANCE);
        g.cast_vote(acc(1), 1, id, Choice::For).unwrap();
        let o = g.outcome(id).unwrap();
        let points = o.for_.total().unwrap();
        // Equal: 1/5 of 0.25/0.265 of the budget; capital: 0.015/0.265 of it. Was ≈ 73%.
        let equal = BUDGET * 2_500 / 2_650 / 5;
        let capital = BUDGET * 150 / 2_650;
        assert!(points.abs_diff(equal + capital) <= 2, "{points}");
        assert!(points < BUDGET / 4, "one planck holds {points} of {BUDGET}");
        assert!(!o.passed() || o.for_.total().unwrap() * 5 < BUDGET * 2);
    });
}

#[test]
fn strangers_cannot_delegate_and_cannot_freeze_a_members_delegation() {
    fresh(1, |mut g| {
        join(&mut g, 0, 1);
        join(&mut g, 0, 2);
        // Throwaway accounts try to chain themselves under member 1 (max_depth 1).
        assert_eq!(
            g.delegate(acc(9), 0, FINANCE, acc(1)),
            Err(Error::NotMember)
        );
        assert_eq!(
            g.delegate(acc(8), 0, FINANCE, acc(9)),
            Err(Error::NotMember)
        );
        // Member 1 can still delegate: nothing hangs under it.
        g.delegate(acc(1), 0, FINANCE, acc(2)).unwrap();
        assert_eq!(g.delegate_now(FINANCE, acc(1)), Some(acc(2)));
        assert_eq!(
            g.delegate(acc(1), 0, UNKNOWN, acc(2)),
            Err(Error::UnknownCategory)
        );
    });
}

#[test]
fn an_exit_ends_the_members_delegations_in_every_category() {
    fresh(8, |mut g| {
        for n in 1..=3 {
            join(&mut g, 0, n);
        }
        g.merit_changed(acc(MERIT), 0, acc(1), FINANCE, 4).unwrap();
        g.delegate(acc(1), 0, FINANCE, acc(2)).unwrap();
        g.delegate(acc(1), 0, TECH, acc(3)).unwrap();
        g.delegate(acc(2), 0, FINANCE, acc(3)).unwrap();
        assert_eq!(g.power_at(FINANCE, acc(3), 0).unwrap().equal, 3);
        // Member 1 is removed; merit reports its credential ended in the same transaction.
        g.membership_changed(acc(MEMBERSHIP), 1, acc(1), false, None)
            .unwrap();
        g.merit_changed(acc(MERIT), 1, acc(1), FINANCE, 0).unwrap();
        assert_eq!(g.delegate_now(FINANCE, acc(1)), None);
        assert_eq!(g.delegate_now(TECH, acc(1)), None);
        let p3 = g.power_at(FINANCE, acc(3), 1).unwrap();
        assert_eq!((p3.equal, p3.merit), (2, 0));
        assert_eq!(g.power_at(TECH, acc(3), 1).unwrap().equal, 1);
        assert_eq!(g.totals_at(FINANCE, 1).merit, 0);
        assert_eq!(g.undelegate(acc(1), 1, FINANCE), Err(Error::NotDelegating));
        // The past is kept: at block 0 the chain held all three.
        assert_eq!(g.power_at(FINANCE, acc(3), 0).unwrap().equal, 3);
    });
}

#[test]
fn unknown_categories_and_actions_a_category_may_not_carry_are_refused() {
    fresh(8, |mut g| {
        join(&mut g, 0, 1);
        let text = || ProposalText {
            title: "t".into(),
            description: String::new(),
        };
        let action = |callee: u8, selector: [u8; 4]| Action {
            callee: acc(callee),
            selector,
            input: Vec::new(),
            value: 0,
        };
        let propose = |g: &mut GovernanceData, c, actions| {
            g.propose(acc(1), 0, c, text(), actions, true)
                .map(|(id, _)| id)
        };
        assert_eq!(
            propose(&mut g, UNKNOWN, Vec::new()),
            Err(Error::UnknownCategory)
        );
        let upgrade = action(MEMBERSHIP, [9, 9, 9, 9]);
        let admit = action(MEMBERSHIP, ADMIT);
        assert_eq!(
            propose(&mut g, FINANCE, vec![admit.clone(), upgrade.clone()]),
            Err(Error::ActionNotAllowed(1))
        );
        assert_eq!(
            propose(&mut g, TECH, vec![admit.clone()]),
            Err(Error::ActionNotAllowed(0))
        );
        assert_eq!(g.proposal_count(), 0, "refusals change nothing");
        assert!(propose(&mut g, FINANCE, vec![admit.clone()]).is_ok());
        // Only governance changes what a category carries; an unknown category has no rules.
        let any = ActionRule {
            callee: acc(MEMBERSHIP),
            selector: None,
        };
        assert_eq!(
            g.set_action_rule(acc(1), TECH, any, true),
            Err(Error::NotGovernance)
        );
        assert_eq!(
            g.set_action_rule(acc(THIS), UNKNOWN, any, true),
            Err(Error::UnknownCategory)
        );
        g.set_action_rule(acc(THIS), TECH, any, true).unwrap();
        assert!(g.carries(TECH, acc(MEMBERSHIP), [9, 9, 9, 9]));
        assert!(propose(&mut g, TECH, vec![upgrade, admit]).is_ok());
        g.set_action_rule(acc(THIS), TECH, any, false).unwrap();
        assert!(!g.carries(TECH, acc(MEMBERSHIP), ADMIT));
        // A new category is a proposal too.
        assert_eq!(
            g.set_params(acc(1), UNKNOWN, params(8)),
            Err(Error::NotGovernance)
        );
        g.set_params(acc(THIS), UNKNOWN, params(8)).unwrap();
        assert!(propose(&mut g, UNKNOWN, Vec::new()).is_ok());
    });
}

#[test]
fn a_rule_withdrawn_after_proposing_stops_the_execution() {
    fresh(8, |mut g| {
        join(&mut g, 0, 1);
        let admit = Action {
            callee: acc(MEMBERSHIP),
            selector: ADMIT,
            input: Vec::new(),
            value: 0,
        };
        let text = ProposalText {
            title: "t".into(),
            description: String::new(),
        };
        let id = g
            .propose(acc(1), 0, FINANCE, text, vec![admit], true)
            .unwrap()
            .0;
        g.cast_vote(acc(1), 1, id, Choice::For).unwrap();
        g.finalise(6, id).unwrap();
        let rule = ActionRule {
            callee: acc(MEMBERSHIP),
            selector: Some(ADMIT),
        };
        g.set_action_rule(acc(THIS), FINANCE, rule, false).unwrap();
        assert_eq!(g.execute(8, id), Err(Error::ActionNotAllowed(0)));
        assert_eq!(g.state(id, 8), Ok(ProposalState::Queued));
    });
}

#[test]
fn a_proposal_waits_until_expired_merit_is_noted() {
    fresh(8, |mut g| {
        join(&mut g, 0, 1);
        let text = ProposalText {
            title: "t".into(),
            description: String::new(),
        };
        assert_eq!(
            g.propose(acc(1), 0, FINANCE, text, Vec::new(), false)
                .map(|_| ()),
            Err(Error::ExpiriesPending)
        );
        assert_eq!(g.proposal_count(), 0);
    });
}

#[test]
fn unallocated_capital_weight_passes_to_the_other_pools() {
    let w = PoolWeights {
        equal: bps(2_500),
        merit: bps(2_500),
        capital: bps(5_000),
    };
    let full = PoolAmounts {
        equal: 10,
        merit: 40,
        capital: Share::ONE.0,
    };
    let b = power::pool_budgets(BUDGET, w, full);
    assert_eq!(
        (b.equal, b.merit, b.capital),
        (BUDGET / 4, BUDGET / 4, BUDGET / 2)
    );
    // Only 10% of the pool allocated: capital weighs 5%, equal and merit 25% each, of 55%.
    let tenth = PoolAmounts {
        capital: Share::ONE.0 / 10,
        ..full
    };
    let b = power::pool_budgets(BUDGET, w, tenth);
    assert_eq!(b.capital, BUDGET * 500 / 5_500);
    assert_eq!(b.equal, BUDGET * 2_500 / 5_500);
    assert_eq!(b.merit, b.equal);
    // The same share is worth the same points whether the pool is full or not.
    let tally = Tally {
        for_: PoolAmounts {
            capital: Share::ONE.0 / 100,
            ..PoolAmounts::default()
        },
        ..Tally::default()
    };
    let p = CategoryParams::standard();
    let full_points = power::outcome(&p, BUDGET, full, &tally).for_.capital;
    let tenth_points = power::outcome(&p, BUDGET, tenth, &tally).for_.capital;
    assert_eq!(full_points, BUDGET / 2 / 100);
    assert_eq!(tenth_points, BUDGET * 500 / 5_500 / 10);
}

#[test]
fn voting_against_never_lifts_a_proposal_over_quorum() {
    fresh(8, |mut g| {
        for n in 1..=10 {
            join(&mut g, 0, n);
        }
        // One For of ten members: 10% of the budget, under the 20% quorum. Three opponents
        // voting Against add nothing to the turnout that counts.
        let id = propose(&mut g, 1, FINANCE);
        g.cast_vote(acc(1), 1, id, Choice::For).unwrap();
        for n in 2..=4 {
            g.cast_vote(acc(n), 1, id, Choice::Against).unwrap();
        }
        let o = g.outcome(id).unwrap();
        assert!(!o.quorum_met, "Against does not count towards quorum");
        // Abstentions do.
        g.cast_vote(acc(5), 1, id, Choice::Abstain).unwrap();
        assert!(g.outcome(id).unwrap().quorum_met);
    });
}

#[test]
fn a_proposer_cancels_only_while_pending_then_only_governance() {
    fresh(8, |mut g| {
        join(&mut g, 0, 1);
        let text = || ProposalText {
            title: "t".into(),
            description: String::new(),
        };
        // Snapshot at 3: Pending until then.
        let early = g
            .propose(acc(1), 2, FINANCE, text(), Vec::new(), true)
            .unwrap()
            .0;
        g.cancel(acc(1), 2, early).unwrap();
        let late = g
            .propose(acc(1), 2, FINANCE, text(), Vec::new(), true)
            .unwrap()
            .0;
        assert_eq!(g.cancel(acc(1), 3, late), Err(Error::NotPending));
        assert_eq!(g.state(late, 3), Ok(ProposalState::Active));
        g.cancel(acc(THIS), 3, late).unwrap();
        assert_eq!(g.state(late, 3), Ok(ProposalState::Canceled));
    });
}

#[test]
fn a_member_has_at_most_a_few_proposals_in_voting() {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let config = Config {
            budget: BUDGET,
            grace: GRACE,
            open_per_member: 2,
        };
        let mut g = GovernanceData::new(acc(THIS), acc(DEPLOYER), config).unwrap();
        let sources = Sources {
            membership: acc(MEMBERSHIP),
            merit: acc(MERIT),
            capital: acc(CAPITAL),
        };
        g.connect(
            acc(DEPLOYER),
            sources,
            vec![(FINANCE, params(8))],
            Vec::new(),
        )
        .unwrap();
        join(&mut g, 0, 1);
        join(&mut g, 0, 2);
        let a = propose(&mut g, 1, FINANCE);
        let _b = propose(&mut g, 1, FINANCE);
        let text = ProposalText {
            title: "spam".into(),
            description: String::new(),
        };
        assert_eq!(
            g.propose(acc(1), 0, FINANCE, text.clone(), Vec::new(), true)
                .map(|_| ()),
            Err(Error::TooManyOpenProposals)
        );
        assert_eq!(g.open_proposals(acc(1)), 2);
        // Another member is not affected; a finalised proposal frees a slot.
        assert!(g
            .propose(acc(2), 0, FINANCE, text.clone(), Vec::new(), true)
            .is_ok());
        g.finalise(6, a).unwrap();
        assert!(g
            .propose(acc(1), 6, FINANCE, text, Vec::new(), true)
            .is_ok());
        let zero = Config {
            open_per_member: 0,
            ..config
        };
        assert_eq!(
            g.set_config(acc(THIS), zero),
            Err(Error::OutOfBounds(Param::OpenPerMember))
        );
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_late_delegate_vote_gives_its_delegators_time_to_override() {
    fresh(8, |mut g| {
        for n in 1..=3 {
            join(&mut g, 0, n);
        }
        g.delegate(acc(1), 0, FINANCE, acc(2)).unwrap();
        let id = propose(&mut g, 3, FINANCE);
        // Voting runs 1..=5; the delegate votes in the last block with 1's point.
        let events = g.cast_vote(acc(2), 5, id, Choice::For).unwrap();
        assert!(events.contains(&GovernanceEvent::VotingExtended(
            crate::events::VotingExtended {
                proposal: id,
                vote_end: 5 + OVERRIDE,
            }
        )));
        let p = g.proposal(id).unwrap();
        assert_eq!((p.vote_end, p.extended), (5 + OVERRIDE, true));
        assert_eq!(g.finalise(6, id), Err(Error::VotingNotEnded));
        // The delegator overrides inside the window; a second late vote does not extend again.
        g.cast_vote(acc(1), 6, id, Choice::Against).unwrap();
        assert_eq!(g.proposal(id).unwrap().vote_end, 5 + OVERRIDE);
        let t = g.tally(id);
        assert_eq!((t.for_.equal, t.against.equal), (1, 1));
        // A vote counting only its own points never extends.
        let own = propose(&mut g, 3, FINANCE);
        g.cast_vote(acc(3), 5, own, Choice::For).unwrap();
        assert_eq!(g.proposal(own).unwrap().vote_end, 5);
        // Voters' capital stays until their proposals are over, extensions included.
        assert_eq!(g.voted_until(acc(2)), 5 + OVERRIDE);
        assert_eq!(g.voted_until(acc(3)), 5 + OVERRIDE);
        assert_eq!(g.voted_until(acc(9)), 0);
    });
}

// ----- random histories against the reference model -----

const N: u8 = 7;

#[derive(Debug, Clone)]
enum Op {
    Member(u8, bool),
    Merit(u8, CategoryId, u32),
    Capital(Rate, Vec<(u8, CapitalInput)>),
    Delegate(u8, CategoryId, u8),
    Undelegate(u8, CategoryId),
    /// Proposer, category, whether merit's sweep had noted every expired credential.
    Propose(u8, CategoryId, bool),
    Vote(u8, u8, Choice),
    Advance(BlockNumber),
}

fn op() -> impl Strategy<Value = Op> {
    let a = || 1..=N;
    let cat = || prop_oneof![4 => Just(FINANCE), 4 => Just(TECH), 1 => Just(UNKNOWN)];
    let choice = prop_oneof![
        Just(Choice::For),
        Just(Choice::Against),
        Just(Choice::Abstain)
    ];
    let input = (
        0u128..1_000,
        prop::option::weighted(0.3, 0u128..5 * 10u128.pow(16)),
    )
        .prop_map(|(raw, fixed)| CapitalInput {
            raw,
            fixed: fixed.map(Share),
        });
    let rate = prop_oneof![
        1 => Just(Rate::UNBOUNDED),
        5 => (1u128..10u128.pow(16), 1u128..10_000).prop_map(|(num, den)| Rate { num, den }),
        // Few stakers: capital's proportional regime, one share per unit of the whole pool.
        2 => (1u128..10_000).prop_map(|pool| Rate { num: Share::SCALE, den: pool }),
    ];
    prop_oneof![
        3 => (a(), prop::bool::weighted(0.8)).prop_map(|(x, m)| Op::Member(x, m)),
        2 => (a(), cat(), 0u32..50).prop_map(|(x, c, p)| Op::Merit(x, c, p)),
        2 => (rate, prop::collection::vec((a(), input), 1..3)).prop_map(|(r, v)| Op::Capital(r, v)),
        6 => (a(), cat(), a()).prop_map(|(x, c, to)| Op::Delegate(x, c, to)),
        2 => (a(), cat()).prop_map(|(x, c)| Op::Undelegate(x, c)),
        2 => (a(), cat(), prop::bool::weighted(0.9)).prop_map(|(x, c, n)| Op::Propose(x, c, n)),
        10 => (a(), 0u8..3, choice).prop_map(|(x, p, ch)| Op::Vote(x, p, ch)),
        2 => (1u32..3).prop_map(Op::Advance),
    ]
}

/// The hot path (`cast_vote`, `delegate`, `undelegate`, the sources' reports; `cast_votes`
/// counts each vote by `cast_vote`'s core) emits only what governance's front can emit
/// (`shell::emit_hot` traps on anything else): checked on every call of the random runs below.
fn hot_only(result: &Result<crate::data::Events, Error>) -> Result<(), TestCaseError> {
    if let Ok(events) = result {
        prop_assert!(
            events.iter().all(crate::shell::is_hot),
            "the hot path emitted {:?}",
            events
        );
    }
    Ok(())
}

fn run(max_depth: u8, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut outcome = Ok(());
    fresh(max_depth, |mut g| {
        outcome = check(&mut g, max_depth, ops);
    });
    outcome
}

fn check(g: &mut GovernanceData, max_depth: u8, ops: Vec<Op>) -> Result<(), TestCaseError> {
    let accounts: Vec<AccountId> = (1..=N).map(acc).collect();
    let mut m = Model::default();
    let mut now: BlockNumber = 1;
    // (id, category, snapshot, vote_end)
    // (id, category, snapshot, vote_end, extended)
    let mut proposals: Vec<(ProposalId, CategoryId, BlockNumber, BlockNumber, bool)> = Vec::new();
    let mut counted_votes = 0usize;
    for op in ops {
        match op {
            Op::Member(x, is) => {
                let was = m.is_member_now(acc(x));
                let result = g.membership_changed(acc(MEMBERSHIP), now, acc(x), is, None);
                hot_only(&result)?;
                result.unwrap();
                m.member.entry(acc(x)).or_default().push((now, is));
                if was && !is {
                    // An exit ends its delegations (governance) and its credentials (merit,
                    // which reports 0 points in each category it held).
                    for c in [FINANCE, TECH] {
                        if m.delegate_now(c, acc(x)).is_some() {
                            m.delegate.entry((c, acc(x))).or_default().push((now, None));
                        }
                        let held = latest_of(m.merit.get(&(acc(x), c))).unwrap_or(0);
                        if held > 0 {
                            let result = g.merit_changed(acc(MERIT), now, acc(x), c, 0);
                            hot_only(&result)?;
                            result.unwrap();
                            m.merit.entry((acc(x), c)).or_default().push((now, 0));
                        }
                    }
                }
            }
            // merit issues credentials to members only.
            Op::Merit(x, _, p) if p > 0 && !m.is_member_now(acc(x)) => {}
            Op::Merit(x, c, p) => {
                let result = g.merit_changed(acc(MERIT), now, acc(x), c, p);
                hot_only(&result)?;
                result.unwrap();
                m.merit
                    .entry((acc(x), c))
                    .or_default()
                    .push((now, u128::from(p)));
            }
            Op::Capital(rate, changes) => {
                let changes: Vec<_> = changes.into_iter().map(|(x, i)| (acc(x), i)).collect();
                let (taken, events) = g
                    .capital_changed(acc(CAPITAL), now, rate, changes.clone())
                    .unwrap();
                hot_only(&Ok(events))?;
                assert!(taken >= 1, "the first change is always taken");
                m.rate.push((now, rate));
                for (x, i) in changes.into_iter().take(taken as usize) {
                    m.capital.entry(x).or_default().push((now, i));
                }
            }
            Op::Delegate(x, c, to) => {
                let same = m.delegate_now(c, acc(x)) == Some(acc(to));
                let expected = if !m.is_member_now(acc(x)) {
                    Err(Error::NotMember)
                } else if c == UNKNOWN {
                    Err(Error::UnknownCategory)
                } else if same {
                    Ok(())
                } else {
                    m.check_delegate(c, acc(x), acc(to), usize::from(max_depth), &accounts)
                };
                let result = g.delegate(acc(x), now, c, acc(to));
                hot_only(&result)?;
                let got = result.map(|_| ());
                prop_assert_eq!(got, expected, "delegate {} -> {} in {}", x, to, c);
                if got.is_ok() {
                    m.delegate
                        .entry((c, acc(x)))
                        .or_default()
                        .push((now, Some(acc(to))));
                }
            }
            Op::Undelegate(x, c) => {
                let expected = match m.delegate_now(c, acc(x)) {
                    Some(_) => Ok(()),
                    None => Err(Error::NotDelegating),
                };
                let result = g.undelegate(acc(x), now, c);
                hot_only(&result)?;
                let got = result.map(|_| ());
                prop_assert_eq!(got, expected);
                if got.is_ok() {
                    m.delegate.entry((c, acc(x))).or_default().push((now, None));
                }
            }
            Op::Propose(x, c, noted) => {
                let text = ProposalText {
                    title: "p".into(),
                    description: String::new(),
                };
                let expected = if !m.is_member_now(acc(x)) {
                    Err(Error::NotMember)
                } else if c == UNKNOWN {
                    Err(Error::UnknownCategory)
                } else if !noted {
                    Err(Error::ExpiriesPending)
                } else {
                    Ok(())
                };
                match g.propose(acc(x), now, c, text, Vec::new(), noted) {
                    Ok((id, _)) => {
                        prop_assert_eq!(expected, Ok(()));
                        proposals.push((id, c, now, now + 5, false));
                    }
                    Err(e) => prop_assert_eq!(expected, Err(e)),
                }
            }
            Op::Vote(x, p, choice) => {
                let Some(&(id, c, s, end, extended)) = proposals.get(usize::from(p)) else {
                    continue;
                };
                let expected = if now <= s || now > end {
                    Err(Error::VotingClosed)
                } else if m.votes.contains_key(&(id, acc(x))) {
                    Err(Error::AlreadyVoted)
                } else if m.power(c, acc(x), s, &accounts).is_zero() {
                    Err(Error::NoVotingPower)
                } else {
                    Ok(())
                };
                let result = g.cast_vote(acc(x), now, id, choice);
                hot_only(&result)?;
                let got = result.map(|_| ());
                prop_assert_eq!(got, expected);
                if got.is_ok() {
                    m.votes.insert((id, acc(x)), choice);
                    counted_votes += 1;
                    // A late vote counting someone else's points extends the vote, once.
                    let carries = m.carries_others(id, c, acc(x), s, &accounts);
                    if carries && !extended && now + OVERRIDE > end {
                        proposals[usize::from(p)] = (id, c, s, now + OVERRIDE, true);
                    }
                    let want_end = proposals[usize::from(p)].3;
                    prop_assert_eq!(g.proposal(id).unwrap().vote_end, want_end);
                }
            }
            Op::Advance(n) => now += n,
        }
        // After every step, every proposal's tally is the model's.
        for &(id, c, s, _, _) in &proposals {
            let want = m.tally(id, c, s, &accounts);
            let got = g.tally(id);
            for (w, h) in [
                (want.for_, got.for_),
                (want.against, got.against),
                (want.abstain, got.abstain),
            ] {
                prop_assert_eq!(h.equal, w.equal, "equal pool of proposal {}", id);
                prop_assert_eq!(h.merit, w.merit, "merit pool of proposal {}", id);
                // Capital: one floor per subtree instead of one per account.
                prop_assert!(
                    h.capital.abs_diff(w.capital) <= u128::from(N),
                    "capital pool of proposal {}: {} vs {}",
                    id,
                    h.capital,
                    w.capital
                );
            }
            let totals = g.totals_at(c, s);
            let model_totals = m.totals(c, s, &accounts);
            prop_assert_eq!(totals.equal, model_totals.equal);
            prop_assert_eq!(totals.merit, model_totals.merit);
            prop_assert!(totals.capital.abs_diff(model_totals.capital) <= u128::from(N));
            let params = g.proposal(id).unwrap().params;
            let o = power::outcome(&params, BUDGET, totals, &got);
            let spent = [o.for_, o.against, o.abstain]
                .iter()
                .map(|a| a.total().unwrap())
                .sum::<u128>();
            prop_assert!(spent <= BUDGET, "{} points of a {} budget", spent, BUDGET);
            check_pool_budgets(params.weights, totals)?;
        }
    }
    if std::env::var("GOV_STATS").is_ok() {
        eprintln!("votes {} proposals {}", counted_votes, proposals.len());
    }
    Ok(())
}

/// The latest value of a model history.
fn latest_of<T: Copy>(history: Option<&Vec<(BlockNumber, T)>>) -> Option<T> {
    history?.last().map(|(_, v)| *v)
}

/// Capital counts against the whole pool: with `A` of it allocated, capital's budget is
/// `B · W_c·A / (W_e + W_m + W_c·A)` and the rest reaches the held pools in their weights'
/// ratio, so nothing but rounding is lost. Computed here in plain u128, independently.
fn check_pool_budgets(w: PoolWeights, totals: PoolAmounts) -> Result<(), TestCaseError> {
    let b = power::pool_budgets(BUDGET, w, totals);
    let one = Share::SCALE;
    let held = |weight: BasisPoints, total: u128| {
        if total > 0 {
            u128::from(weight.get()) * one
        } else {
            0
        }
    };
    let (e, m) = (held(w.equal, totals.equal), held(w.merit, totals.merit));
    let c = u128::from(w.capital.get()) * totals.capital.min(one);
    let sum = e + m + c;
    if sum == 0 {
        prop_assert!(b.is_zero());
        return Ok(());
    }
    // BUDGET · weight fits: 10^12 · 10^22.
    for (got, weight) in [(b.equal, e), (b.merit, m), (b.capital, c)] {
        prop_assert_eq!(got, BUDGET * weight / sum);
    }
    prop_assert!(BUDGET - b.total().unwrap() <= 3, "only rounding is lost");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn tallies_match_the_naive_model(
        max_depth in 1u8..=4,
        joined in prop::collection::vec(prop::bool::weighted(0.8), N as usize),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        // Most accounts start as members, so proposals and votes happen.
        let setup = joined
            .into_iter()
            .zip(1..=N)
            .filter(|(j, _)| *j)
            .map(|(_, x)| Op::Member(x, true));
        run(max_depth, setup.chain(ops).collect())?;
    }
}

#[test]
fn a_capital_report_is_taken_only_as_far_as_its_inflow_updates_allow() {
    fresh(8, |mut g| {
        // A chain of 8 in both categories, and ten leaves under it: telling governance of one
        // leaf's stake costs 2 × 8 inflow updates.
        let chain: Vec<u8> = (10..18).collect();
        let leaves: Vec<u8> = (20..30).collect();
        for n in chain.iter().chain(&leaves) {
            join(&mut g, 0, *n);
        }
        for category in [FINANCE, TECH] {
            for pair in chain.windows(2).rev() {
                g.delegate(acc(pair[0]), 0, category, acc(pair[1])).unwrap();
            }
            for leaf in &leaves {
                g.delegate(acc(*leaf), 0, category, acc(chain[0])).unwrap();
            }
        }
        let changes: Vec<_> = leaves.iter().map(|l| (acc(*l), plain(100))).collect();
        let rate = Rate { num: 1, den: 1 };
        let (taken, events) = g.capital_changed(acc(CAPITAL), 1, rate, changes).unwrap();
        // 8 leaves make MAX_REPORT_STEPS (128) updates: the other two wait for capital.
        assert_eq!(taken as usize, MAX_REPORT_STEPS / 16);
        assert_eq!(events.len(), 8);
        let top = chain[7];
        assert_eq!(g.power_at(FINANCE, acc(top), 1).unwrap().capital, 8 * 100);
        assert_eq!(
            g.power_at(TECH, acc(leaves[9]), 1).unwrap().capital,
            0,
            "not taken"
        );
        // The first change is taken whatever it costs.
        let (taken, _) = g
            .capital_changed(acc(CAPITAL), 2, rate, vec![(acc(leaves[9]), plain(100))])
            .unwrap();
        assert_eq!(taken, 1);
    });
}

#[test]
fn a_capital_report_never_costs_more_than_its_bound() {
    fresh(8, |mut g| {
        // Fifteen leaves delegate under a chain of 8 in FINANCE only (8 updates each: 120),
        // then one leaf that delegates in both categories (16). Checked only before each
        // change, the report would take it too and cost 136; a change is taken only if a full
        // chain in each of its categories still fits.
        let chain: Vec<u8> = (10..18).collect();
        let light: Vec<u8> = (20..35).collect();
        let heavy = 40u8;
        for n in chain.iter().chain(&light).chain([&heavy]) {
            join(&mut g, 0, *n);
        }
        for category in [FINANCE, TECH] {
            for pair in chain.windows(2).rev() {
                g.delegate(acc(pair[0]), 0, category, acc(pair[1])).unwrap();
            }
            g.delegate(acc(heavy), 0, category, acc(chain[0])).unwrap();
        }
        for leaf in &light {
            g.delegate(acc(*leaf), 0, FINANCE, acc(chain[0])).unwrap();
        }
        let changes: Vec<_> = light
            .iter()
            .chain([&heavy])
            .map(|l| (acc(*l), plain(100)))
            .collect();
        let rate = Rate { num: 1, den: 1 };
        let (taken, events) = g.capital_changed(acc(CAPITAL), 1, rate, changes).unwrap();
        assert_eq!(taken, 15, "the heavy leaf waits for the next report");
        assert_eq!(events.len(), 15);
        assert_eq!(
            g.power_at(TECH, acc(chain[7]), 1).unwrap().capital,
            0,
            "nothing of the heavy leaf reached the top"
        );
        // On its own, in the next report, it is taken.
        let (taken, _) = g
            .capital_changed(acc(CAPITAL), 2, rate, vec![(acc(heavy), plain(100))])
            .unwrap();
        assert_eq!(taken, 1);
        assert_eq!(g.power_at(TECH, acc(chain[7]), 2).unwrap().capital, 100);
    });
}

#[test]
fn a_batch_of_membership_changes_counts_as_each_one_and_only_from_membership() {
    fresh(8, |mut g| {
        assert_eq!(
            g.membership_changed_many(acc(9), 1, &[]),
            Err(Error::UnknownSource),
            "even an empty batch from anyone else"
        );
        let batch = [
            (acc(1), true, None),
            (acc(2), true, None),
            (acc(3), true, None),
        ];
        let events = g
            .membership_changed_many(acc(MEMBERSHIP), 1, &batch)
            .unwrap();
        assert_eq!(events.len(), 3, "one PowerChanged each");
        assert_eq!(g.totals_at(FINANCE, 1).equal, 3);
        // The same as one by one: a repeat of a member changes nothing.
        let again = g
            .membership_changed_many(acc(MEMBERSHIP), 2, &[(acc(2), true, None)])
            .unwrap();
        assert!(again.is_empty());
        assert_eq!(g.totals_at(FINANCE, 2).equal, 3);
    });
}
