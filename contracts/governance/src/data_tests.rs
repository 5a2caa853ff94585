//! Host tests of the governance core: scenarios a cooperative would notice, and random
//! histories checked against the naive reference model (`reference.rs`).

use crate::{data::GovernanceData, errors::Error, power, reference::Model, types::*};
use proptest::prelude::*;
use usos_primitives::{AccountId, BasisPoints, BlockNumber, CapitalInput, CategoryId, Rate, Share};

const THIS: u8 = 200;
const DEPLOYER: u8 = 201;
const MEMBERSHIP: u8 = 202;
const MERIT: u8 = 203;
const CAPITAL: u8 = 204;
const FINANCE: CategoryId = 1;
const TECH: CategoryId = 2;
const BUDGET: u128 = 1_000_000_000_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn bps(v: u16) -> BasisPoints {
    BasisPoints::new(v).unwrap()
}

fn params(max_depth: u8) -> CategoryParams {
    CategoryParams {
        voting_delay: 0,
        voting_period: 5,
        timelock: 2,
        max_depth,
        ..CategoryParams::standard()
    }
}

fn fresh(max_depth: u8, f: impl FnOnce(GovernanceData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let config = Config {
            budget: BUDGET,
            grace: 10,
        };
        let mut g =
            GovernanceData::new(acc(THIS), acc(DEPLOYER), params(max_depth), config).unwrap();
        g.connect(
            acc(DEPLOYER),
            Sources {
                membership: acc(MEMBERSHIP),
                merit: acc(MERIT),
                capital: acc(CAPITAL),
            },
        )
        .unwrap();
        f(g);
        Ok(())
    })
    .expect("off-chain test environment");
}

fn join(g: &mut GovernanceData, now: BlockNumber, n: u8) {
    g.membership_changed(acc(MEMBERSHIP), now, acc(n), true, None)
        .unwrap();
}

fn plain(raw: u128) -> CapitalInput {
    CapitalInput { raw, fixed: None }
}

/// A proposal with one vote window [1, 5] and snapshot 0.
fn propose(g: &mut GovernanceData, by: u8, category: CategoryId) -> ProposalId {
    let text = ProposalText {
        title: "t".into(),
        description: "ipfs://d".into(),
    };
    g.propose(acc(by), 0, category, text, Vec::new()).unwrap().0
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
        assert_eq!(g.state(id, 18), Ok(ProposalState::Expired));
        assert_eq!(g.execute(18, id), Err(Error::Expired));
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
            g.set_params(acc(1), Some(FINANCE), params(3)),
            Err(Error::NotGovernance)
        );
        let mut bad = params(3);
        bad.weights.capital = bps(4_000);
        assert_eq!(
            g.set_params(acc(THIS), Some(FINANCE), bad),
            Err(Error::InvalidParams)
        );
        g.set_params(acc(THIS), Some(FINANCE), params(3)).unwrap();
        assert_eq!(g.params(FINANCE).max_depth, 3);
        assert_eq!(g.params(TECH).max_depth, 8);
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
                Vec::new()
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

// ----- random histories against the reference model -----

const N: u8 = 7;

#[derive(Debug, Clone)]
enum Op {
    Member(u8, bool),
    Merit(u8, CategoryId, u32),
    Capital(Rate, Vec<(u8, CapitalInput)>),
    Delegate(u8, CategoryId, u8),
    Undelegate(u8, CategoryId),
    Propose(u8, CategoryId),
    Vote(u8, u8, Choice),
    Advance(BlockNumber),
}

fn op() -> impl Strategy<Value = Op> {
    let a = || 1..=N;
    let cat = || prop_oneof![Just(FINANCE), Just(TECH)];
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
    ];
    prop_oneof![
        3 => (a(), prop::bool::weighted(0.8)).prop_map(|(x, m)| Op::Member(x, m)),
        2 => (a(), cat(), 0u32..50).prop_map(|(x, c, p)| Op::Merit(x, c, p)),
        2 => (rate, prop::collection::vec((a(), input), 1..3)).prop_map(|(r, v)| Op::Capital(r, v)),
        6 => (a(), cat(), a()).prop_map(|(x, c, to)| Op::Delegate(x, c, to)),
        2 => (a(), cat()).prop_map(|(x, c)| Op::Undelegate(x, c)),
        2 => (a(), cat()).prop_map(|(x, c)| Op::Propose(x, c)),
        10 => (a(), 0u8..3, choice).prop_map(|(x, p, ch)| Op::Vote(x, p, ch)),
        2 => (1u32..3).prop_map(Op::Advance),
    ]
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
    let mut proposals: Vec<(ProposalId, CategoryId, BlockNumber, BlockNumber)> = Vec::new();
    let mut counted_votes = 0usize;
    for op in ops {
        match op {
            Op::Member(x, is) => {
                g.membership_changed(acc(MEMBERSHIP), now, acc(x), is, None)
                    .unwrap();
                m.member.entry(acc(x)).or_default().push((now, is));
            }
            Op::Merit(x, c, p) => {
                g.merit_changed(acc(MERIT), now, acc(x), c, p).unwrap();
                m.merit
                    .entry((acc(x), c))
                    .or_default()
                    .push((now, u128::from(p)));
            }
            Op::Capital(rate, changes) => {
                let changes: Vec<_> = changes.into_iter().map(|(x, i)| (acc(x), i)).collect();
                g.capital_changed(acc(CAPITAL), now, rate, changes.clone())
                    .unwrap();
                m.rate.push((now, rate));
                for (x, i) in changes {
                    m.capital.entry(x).or_default().push((now, i));
                }
            }
            Op::Delegate(x, c, to) => {
                let same = m.delegate_now(c, acc(x)) == Some(acc(to));
                let expected = if same {
                    Ok(())
                } else {
                    m.check_delegate(c, acc(x), acc(to), usize::from(max_depth), &accounts)
                };
                let got = g.delegate(acc(x), now, c, acc(to)).map(|_| ());
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
                let got = g.undelegate(acc(x), now, c).map(|_| ());
                prop_assert_eq!(got, expected);
                if got.is_ok() {
                    m.delegate.entry((c, acc(x))).or_default().push((now, None));
                }
            }
            Op::Propose(x, c) => {
                let text = ProposalText {
                    title: "p".into(),
                    description: String::new(),
                };
                let member = m
                    .member
                    .get(&acc(x))
                    .and_then(|h| h.last())
                    .is_some_and(|(_, v)| *v);
                match g.propose(acc(x), now, c, text, Vec::new()) {
                    Ok((id, _)) => {
                        prop_assert!(member);
                        proposals.push((id, c, now, now + 5));
                    }
                    Err(e) => prop_assert!(!member && e == Error::NotMember),
                }
            }
            Op::Vote(x, p, choice) => {
                let Some(&(id, c, s, end)) = proposals.get(usize::from(p)) else {
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
                let got = g.cast_vote(acc(x), now, id, choice).map(|_| ());
                prop_assert_eq!(got, expected);
                if got.is_ok() {
                    m.votes.insert((id, acc(x)), choice);
                    counted_votes += 1;
                }
            }
            Op::Advance(n) => now += n,
        }
        // After every step, every proposal's tally is the model's.
        for &(id, c, s, _) in &proposals {
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
            let o = power::outcome(&g.proposal(id).unwrap().params, BUDGET, totals, &got);
            let spent = [o.for_, o.against, o.abstain]
                .iter()
                .map(|a| a.total().unwrap())
                .sum::<u128>();
            prop_assert!(spent <= BUDGET, "{} points of a {} budget", spent, BUDGET);
        }
    }
    if std::env::var("GOV_STATS").is_ok() {
        eprintln!("votes {} proposals {}", counted_votes, proposals.len());
    }
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
