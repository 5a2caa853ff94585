//! No sequence of parameter changes governance accepts can stop it deciding: afterwards a
//! unanimous proposal in every category still passes and executes, and the constitution can
//! restore the defaults. Changes it refuses change nothing.

use crate::{
    data::GovernanceData,
    data_tests::{acc, CAPITAL, DEPLOYER, FINANCE, MEMBERSHIP, MERIT, THIS},
    errors::Error,
    types::*,
};
use proptest::prelude::*;
use usos_primitives::{BasisPoints, BlockNumber, CapitalInput, CategoryId, Rate, CONSTITUTION};

const MEMBERS: u8 = 3;

fn defaults() -> Config {
    Config {
        budget: 1_000_000_000_000,
        grace: 14_400,
        open_per_member: 4,
    }
}

#[derive(Debug, Clone)]
enum Change {
    Params(CategoryId, CategoryParams),
    Config(Config),
}

/// Around every bound: zero, the bound, one past it, and the extremes.
fn blocks() -> impl Strategy<Value = BlockNumber> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(MIN_GRACE - 1),
        Just(MIN_GRACE),
        Just(MAX_WINDOW),
        Just(MAX_WINDOW + 1),
        Just(u32::MAX),
        0u32..=200,
    ]
}

fn bps() -> impl Strategy<Value = BasisPoints> {
    prop_oneof![
        Just(0u16),
        Just(1),
        Just(MAX_QUORUM),
        Just(MAX_APPROVAL),
        Just(MAX_APPROVAL + 1),
        Just(BasisPoints::MAX),
        0u16..=BasisPoints::MAX
    ]
    .prop_map(|v| BasisPoints::new(v).unwrap_or(BasisPoints::ZERO))
}

fn weights() -> impl Strategy<Value = PoolWeights> {
    let whole = (0u16..=10_000, 0u16..=10_000).prop_map(|(a, b)| {
        let (low, high) = (a.min(b), a.max(b));
        [low, high - low, 10_000 - high]
    });
    let corner = prop_oneof![
        Just([10_000, 0, 0]),
        Just([0, 10_000, 0]),
        Just([5_000, 5_000, 0])
    ];
    let parts = prop_oneof![whole, corner, any::<[u16; 3]>()];
    (parts, any::<prop::sample::Index>()).prop_map(|(w, i)| {
        let bp = |v: u16| BasisPoints::new(v.min(10_000)).unwrap();
        // Put the parts in every order, so the equal pool is sometimes the empty one.
        let r = i.index(3);
        PoolWeights {
            equal: bp(w[r]),
            merit: bp(w[(r + 1) % 3]),
            capital: bp(w[(r + 2) % 3]),
        }
    })
}

fn params() -> impl Strategy<Value = CategoryParams> {
    (
        weights(),
        (blocks(), blocks(), blocks(), blocks()),
        (bps(), bps()),
        0u8..=9,
    )
        .prop_map(
            |(weights, (voting_delay, voting_period, timelock, override_window), (a, q), d)| {
                CategoryParams {
                    weights,
                    voting_delay,
                    voting_period,
                    approval: a,
                    quorum: q,
                    timelock,
                    max_depth: d,
                    override_window,
                }
            },
        )
}

fn config() -> impl Strategy<Value = Config> {
    (
        prop_oneof![
            Just(0u128),
            Just(3),
            Just(MIN_BUDGET - 1),
            Just(MIN_BUDGET),
            Just(MAX_BUDGET),
            Just(u128::MAX),
            any::<u64>().prop_map(u128::from)
        ],
        blocks(),
        0u32..=3,
    )
        .prop_map(|(budget, grace, open_per_member)| Config {
            budget,
            grace,
            open_per_member,
        })
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (prop::sample::select(vec![CONSTITUTION, FINANCE]), params())
            .prop_map(|(c, p)| Change::Params(c, p)),
        config().prop_map(Change::Config),
    ]
}

fn setup() -> GovernanceData {
    let mut g = GovernanceData::new(acc(THIS), acc(DEPLOYER), defaults()).unwrap();
    let sources = Sources {
        membership: acc(MEMBERSHIP),
        merit: acc(MERIT),
        capital: acc(CAPITAL),
    };
    let categories = vec![
        (CONSTITUTION, CategoryParams::standard()),
        (FINANCE, CategoryParams::standard()),
    ];
    g.connect(acc(DEPLOYER), sources, categories, Vec::new())
        .unwrap();
    for n in 1..=MEMBERS {
        g.membership_changed(acc(MEMBERSHIP), 0, acc(n), true, None)
            .unwrap();
    }
    // Merit in finance, and capital: every pool is held by the members.
    g.merit_changed(acc(MERIT), 0, acc(1), FINANCE, 3).unwrap();
    let stake = CapitalInput {
        raw: 10,
        fixed: None,
    };
    g.capital_changed(acc(CAPITAL), 0, Rate::UNBOUNDED, vec![(acc(2), stake)])
        .unwrap();
    g
}

/// Every member votes For a proposal in `category`; it must pass and execute.
fn unanimous(
    g: &mut GovernanceData,
    now: BlockNumber,
    category: CategoryId,
    actions: Vec<Action>,
) -> Result<BlockNumber, TestCaseError> {
    let text = ProposalText {
        title: "restore".into(),
        description: String::new(),
    };
    let (id, _) = g
        .propose(acc(1), now, category, text, actions, true)
        .map_err(|e| TestCaseError::fail(format!("propose: {e:?}")))?;
    let p = g
        .proposal(id)
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let voting = p.snapshot + 1;
    for n in 1..=MEMBERS {
        prop_assert_eq!(
            g.cast_vote(acc(n), voting, id, Choice::For).map(drop),
            Ok(())
        );
    }
    let ended = p.vote_end + 1;
    prop_assert_eq!(g.finalise(ended, id).map(drop), Ok(()));
    prop_assert_eq!(g.state(id, ended), Ok(ProposalState::Queued));
    let at = ended + p.params.timelock;
    prop_assert!(g.execute(at, id).is_ok(), "category {} executes", category);
    Ok(at)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_accepted_change_stops_governance(changes in prop::collection::vec(change(), 1..8)) {
        ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
            let mut g = setup();
            for change in &changes {
                let before = (g.config(), g.params(CONSTITUTION), g.params(FINANCE));
                let result = match change {
                    Change::Params(c, p) => g.set_params(acc(THIS), *c, *p),
                    Change::Config(config) => g.set_config(acc(THIS), *config),
                };
                match result {
                    Ok(_) => {}
                    Err(Error::OutOfBounds(_)) => {
                        let after = (g.config(), g.params(CONSTITUTION), g.params(FINANCE));
                        assert_eq!(before, after, "a refused change changes nothing");
                    }
                    Err(e) => panic!("unexpected refusal {e:?}"),
                }
            }
            let restore = Action {
                callee: acc(THIS),
                selector: [0; 4],
                input: Vec::new(),
                value: 0,
            };
            let run = || -> Result<(), TestCaseError> {
                let now = unanimous(&mut g, 1, FINANCE, Vec::new())?;
                let now = unanimous(&mut g, now, CONSTITUTION, vec![restore])?;
                // What the constitution's actions would call: the defaults, accepted again.
                prop_assert!(g.set_config(acc(THIS), defaults()).is_ok());
                for c in [CONSTITUTION, FINANCE] {
                    prop_assert!(g.set_params(acc(THIS), c, CategoryParams::standard()).is_ok());
                }
                unanimous(&mut g, now, FINANCE, Vec::new())?;
                Ok(())
            };
            let outcome = run();
            assert!(outcome.is_ok(), "{outcome:?} after {changes:?}");
            Ok(())
        })
        .unwrap();
    }
}
