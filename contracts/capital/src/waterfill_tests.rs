//! The waterfilling solver and the spread bound against the exact reference (`reference.rs`),
//! in every regime: the caps fill the pool (waterfilling), they cannot (plain proportional
//! shares), or they fill it exactly; then the spread bound (no unit of stake worth more than
//! `MAX_RATE_SPREAD` times another) lowers `λ` where it binds.
//!
//! The properties: (1) no member above `c`, no household above `C`, never above 100% in all;
//! (2) members below `c` and outside full households hold shares in the ratio of their stakes;
//! (3) a stake of 1 next to stakes of 1,000 never holds more than 1/100 of their share;
//! (4) every share is the floor of the exact reference's, and the rate is the reference's;
//! (5) no per-unit rate (`share / raw`) is more than `K` times another.

use crate::{
    reference::{exact_spread, floor, floored_spread, q, reference, Case, Regime, Q},
    types::MAX_RATE_SPREAD,
    waterfill::{bound_spread, household_rate, solve, Caps, Rate, Unit},
};
use num_bigint::BigInt;
use proptest::{prelude::*, strategy::ValueTree, test_runner::TestRunner};
use usos_primitives::{BasisPoints, Share};

/// The contract's shares, grouped like the reference (singles, then each household), and
/// whether each group uses its own household rate (a full household).
struct Solved {
    /// What `solve` returns, before the spread bound.
    fill: Rate,
    /// The final rate, after `bound_spread`.
    rate: Rate,
    shares: Vec<Vec<Share>>,
    full: Vec<bool>,
}

/// The largest single stake of the case, singles and household members alike.
fn r_max(case: &Case) -> u128 {
    case.singles
        .iter()
        .chain(case.households.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
}

/// What the contract computes: `solve` over every unit, then `bound_spread` (every household
/// is passed: those that cannot be full at `solve`'s rate are ignored by it).
fn contract_shares(case: &Case) -> Solved {
    let mut units: Vec<Unit> = case.singles.iter().map(|r| Unit::Member(*r)).collect();
    units.extend(case.households.iter().map(|h| Unit::Household(h)));
    let fill = solve(&units, 0, case.caps).expect("solvable");
    let households: Vec<&[u128]> = case.households.iter().map(|h| h.as_slice()).collect();
    let rate = bound_spread(fill, r_max(case), &households, case.caps).expect("bounded");
    let c = case.caps.individual;
    let mut shares = vec![case
        .singles
        .iter()
        .map(|r| rate.share(*r, c))
        .collect::<Vec<_>>()];
    let mut full = vec![false];
    for h in &case.households {
        let mu = household_rate(h, rate, case.caps).expect("household rate");
        full.push(mu.is_some());
        let r = mu.unwrap_or(rate);
        shares.push(h.iter().map(|raw| r.share(*raw, c)).collect());
    }
    Solved {
        fill,
        rate,
        shares,
        full,
    }
}

/// A rate as an exact rational, `None` when unbounded.
fn exact(rate: Rate) -> Option<Q> {
    (rate.den > 0).then(|| Q::new(big(rate.num), big(rate.den)))
}

fn total(case: &Case) -> u128 {
    case.singles
        .iter()
        .chain(case.households.iter().flatten())
        .sum()
}

fn big(n: u128) -> BigInt {
    BigInt::from(n)
}

fn share(bps: u16) -> Share {
    BasisPoints::new(bps).unwrap().to_share()
}

fn raw() -> impl Strategy<Value = u128> {
    prop_oneof![
        2 => Just(0u128),
        10 => 1u128..1_000,
        3 => 1_000u128..1_000_000,
        1 => 1_000_000u128..1_000_000_000_000_000_000_000_000,
    ]
}

/// Stakes that differ wildly: 1 planck next to 1,000, next to whales.
fn wild_raw() -> impl Strategy<Value = u128> {
    prop_oneof![
        1 => Just(0u128),
        3 => Just(1u128),
        2 => 2u128..100,
        3 => Just(1_000u128),
        2 => 100u128..1_000_000,
        1 => Just(1_000_000u128),
        1 => 1_000_000u128..1_000_000_000_000_000_000_000_000,
    ]
}

fn bps(preferred: u16) -> impl Strategy<Value = Share> {
    prop_oneof![3 => Just(preferred), 1 => 1u16..=10_000]
        .prop_map(|b| BasisPoints::new(b).unwrap().to_share())
}

/// An individual cap between 1% and 10%, a household cap from it to 10% above it.
fn small_caps() -> impl Strategy<Value = Caps> {
    (
        prop_oneof![
            2 => prop::sample::select(vec![100u16, 250, 300, 400, 500, 1_000]),
            1 => 100u16..=1_000,
        ],
        prop_oneof![1 => Just(0u16), 1 => Just(200u16), 2 => 0u16..=1_000],
    )
        .prop_map(|(individual, extra)| Caps {
            individual: share(individual),
            household: share(individual + extra),
        })
}

/// The original generator: many members, any caps.
fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(raw(), 0..45),
        prop::collection::vec(prop::collection::vec(raw(), 1..5), 0..6),
        bps(300),
        bps(500),
    )
        .prop_map(|(singles, households, individual, household)| Case {
            singles,
            households,
            caps: Caps {
                individual,
                household,
            },
        })
}

/// Few staking units (1–40), wildly different stakes, caps between 1% and 10%: often too few
/// to fill the pool under the caps.
fn few() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(wild_raw(), 0..=36),
        prop::collection::vec(prop::collection::vec(wild_raw(), 1..=4), 0..=4),
        small_caps(),
    )
        .prop_filter("at least one unit", |(s, h, _)| s.len() + h.len() >= 1)
        .prop_map(|(singles, households, caps)| Case {
            singles,
            households,
            caps,
        })
}

/// `1/c` singles, one fewer or one more: the caps fill the pool exactly, fall just short of
/// it, or just exceed it.
fn near_exact_fill() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec![250u16, 400, 500, 1_000, 2_000]),
        -1i32..=1,
        prop::collection::vec(wild_raw().prop_filter("staked", |r| *r > 0), 41),
    )
        .prop_map(|(individual, delta, raws)| {
            let n = (10_000 / i32::from(individual) + delta) as usize;
            Case {
                singles: raws[..n].to_vec(),
                households: Vec::new(),
                caps: Caps {
                    individual: share(individual),
                    household: share(individual),
                },
            }
        })
}

/// A healthy cooperative: 1–80 singles and a few households with similar stakes (within a
/// factor of five), sometimes a whale up to 40 times the base stake. Mostly enough members to
/// fill the pool, and a rate spread the bound often leaves alone: exact waterfilling.
fn similar() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec![1u128, 7, 1_000, 123_457, 1_000_000_000_000_000_000]),
        prop::collection::vec(1u128..=5, 1..=80),
        prop::collection::vec(prop::collection::vec(1u128..=5, 1..=4), 0..=4),
        prop_oneof![2 => Just(None), 1 => (1u128..=40).prop_map(Some)],
        small_caps(),
    )
        .prop_map(|(base, singles, households, whale, caps)| Case {
            singles: singles.into_iter().chain(whale).map(|k| k * base).collect(),
            households: households
                .into_iter()
                .map(|h| h.into_iter().map(|k| k * base).collect())
                .collect(),
            caps,
        })
}

fn any_case() -> impl Strategy<Value = Case> {
    prop_oneof![2 => case(), 3 => few(), 1 => near_exact_fill(), 2 => similar()]
}

/// Property 3's cases: one stake of 1 next to `n` stakes of 1,000 (1 <= n <= 40), each alone or
/// in a household, the 1 alone or in a household with some of them.
fn one_next_to_thousands() -> impl Strategy<Value = (Case, (usize, usize))> {
    (
        1usize..=40,
        prop::collection::vec(1usize..=4, 0..=3),
        0usize..=3,
        small_caps(),
    )
        .prop_map(|(n, sizes, with_one, caps)| {
            let mut left = n;
            let mut households: Vec<Vec<u128>> = Vec::new();
            for size in sizes {
                let size = size.min(left);
                left -= size;
                households.push(vec![1_000; size]);
            }
            let mut singles = vec![1_000u128; left];
            // Where the 1 is: (group, index) as in `Solved::shares`.
            let at = if with_one == 0 || households.is_empty() {
                singles.insert(0, 1);
                (0, 0)
            } else {
                let g = (with_one - 1) % households.len();
                households[g].push(1);
                (g + 1, households[g].len() - 1)
            };
            households.retain(|h| !h.is_empty());
            let at = match at {
                (0, i) => (0, i),
                _ => {
                    let g = households.iter().position(|h| h.contains(&1)).unwrap();
                    (g + 1, households[g].len() - 1)
                }
            };
            (
                Case {
                    singles,
                    households,
                    caps,
                },
                at,
            )
        })
}

/// Property 3's cases where the caps fill the pool exactly, or just fail or just exceed it:
/// `1/c` units (one fewer, one more), each a single 1,000 or a household of 1,000s with `C = c`
/// (it holds one cap too), and the 1 alone (one more unit) or inside one of the households.
fn one_next_to_thousands_near_exact() -> impl Strategy<Value = (Case, (usize, usize))> {
    (
        prop::sample::select(vec![250u16, 400, 500, 1_000]),
        -1i32..=1,
        prop::collection::vec(prop_oneof![3 => Just(1usize), 1 => 2usize..=4], 41),
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(individual, delta, sizes, alone, which)| {
            let units = (10_000 / i32::from(individual) + delta) as usize;
            let others = if alone { units - 1 } else { units };
            let mut singles = Vec::new();
            let mut households: Vec<Vec<u128>> = Vec::new();
            for size in &sizes[..others] {
                match size {
                    1 => singles.push(1_000u128),
                    n => households.push(vec![1_000; *n]),
                }
            }
            let at = if alone || households.is_empty() {
                singles.insert(0, 1);
                (0, 0)
            } else {
                let g = which.index(households.len());
                households[g].push(1);
                (g + 1, households[g].len() - 1)
            };
            let cap = share(individual);
            (
                Case {
                    singles,
                    households,
                    caps: Caps {
                        individual: cap,
                        household: cap,
                    },
                },
                at,
            )
        })
}

fn raws_of(case: &Case) -> Vec<Vec<u128>> {
    let mut raws = vec![case.singles.clone()];
    raws.extend(case.households.iter().cloned());
    raws
}

/// Property 5 (the spread): over every member with stake, the largest per-unit rate is at most
/// `K` times the smallest, exactly for the reference's shares and up to the floor (one unit
/// per share) for the contract's.
fn check_spread(
    case: &Case,
    solved: &Solved,
    exact_shares: &[Vec<Q>],
) -> Result<(), TestCaseError> {
    let raws = raws_of(case);
    let floored: Vec<(u128, u128)> = raws
        .iter()
        .flatten()
        .copied()
        .zip(solved.shares.iter().flatten().map(|s| s.0))
        .collect();
    prop_assert!(floored_spread(&floored), "floored spread in {:?}", case);
    let exact: Vec<(u128, Q)> = raws
        .iter()
        .flatten()
        .copied()
        .zip(exact_shares.iter().flatten().cloned())
        .collect();
    prop_assert!(exact_spread(&exact), "exact spread in {:?}", case);
    Ok(())
}

/// Property 3, literally and in general: whenever `r_b >= 1,000 · r_a > 0` (a stake of 1 next
/// to a stake of 1,000, in any company), `100 · s_a <= s_b`, floors included.
fn check_hundredth(case: &Case, solved: &Solved) -> Result<(), TestCaseError> {
    let mut members: Vec<(u128, u128)> = raws_of(case)
        .iter()
        .flatten()
        .copied()
        .zip(solved.shares.iter().flatten().map(|s| s.0))
        .filter(|(r, _)| *r > 0)
        .collect();
    members.sort();
    // The smallest share among the members from each position on (stakes at least as large).
    let mut suffix_min = vec![u128::MAX; members.len() + 1];
    for i in (0..members.len()).rev() {
        suffix_min[i] = suffix_min[i + 1].min(members[i].1);
    }
    for (ra, sa) in &members {
        let Some(thousand) = ra.checked_mul(1_000) else {
            continue;
        };
        let from = members.partition_point(|(r, _)| *r < thousand);
        let smallest = suffix_min[from];
        prop_assert!(
            smallest == u128::MAX || sa * 100 <= smallest,
            "1/100: {} for {} next to {} for {} or more in {:?}",
            sa,
            ra,
            smallest,
            thousand,
            case
        );
    }
    Ok(())
}

/// Property 2: two members below the individual cap and outside full households hold shares in
/// the ratio of their stakes, up to the floor: `|s_a·r_b − s_b·r_a| <= max(r_a, r_b)`.
fn check_ratios(case: &Case, solved: &Solved) -> Result<(), TestCaseError> {
    let c = case.caps.individual;
    let plain: Vec<(u128, u128)> = raws_of(case)
        .iter()
        .zip(&solved.shares)
        .zip(&solved.full)
        .filter(|(_, full)| !**full)
        .flat_map(|((raws, shares), _)| raws.iter().copied().zip(shares.iter().map(|s| s.0)))
        .filter(|(r, s)| *r > 0 && *s < c.0)
        .collect();
    for (i, (ra, sa)) in plain.iter().enumerate() {
        for (rb, sb) in plain.iter().skip(i + 1) {
            let gap = big(*sa) * big(*rb) - big(*sb) * big(*ra);
            prop_assert!(
                gap.magnitude() <= big(*ra.max(rb)).magnitude(),
                "{}/{} vs {}/{} in {:?}",
                sa,
                ra,
                sb,
                rb,
                case
            );
        }
    }
    Ok(())
}

/// Properties 1, 3, 4 and 5: the contract's shares are the floor of the exact reference's, in
/// every regime; no member above `c`, no household above `C`, never more than 100% in all;
/// `solve` finds the reference's rate exactly and the bound lowers it exactly as the reference
/// does; the per-unit rates lie within a factor `K`.
fn check_against_reference(case: &Case) -> Result<Solved, TestCaseError> {
    let solved = contract_shares(case);
    let expected = reference(case);
    for (group, (g, e)) in solved.shares.iter().zip(&expected.shares).enumerate() {
        for (got, exact) in g.iter().zip(e) {
            prop_assert_eq!(got.0, floor(exact), "group {} of {:?}", group, case);
        }
    }
    let c = case.caps.individual;
    let all: Vec<Share> = solved.shares.iter().flatten().copied().collect();
    prop_assert!(all.iter().all(|s| *s <= c), "individual cap");
    for h in &solved.shares[1..] {
        let total: u128 = h.iter().map(|s| s.0).sum();
        prop_assert!(total <= case.caps.household.0, "household cap");
    }
    let sum: u128 = all.iter().map(|s| s.0).sum();
    prop_assert!(sum <= Share::ONE.0, "never above 100%");
    prop_assert_eq!(
        exact(solved.fill),
        expected.fill.clone(),
        "solve: exactly λ_fill"
    );
    prop_assert_eq!(
        exact(solved.rate),
        expected.lambda.clone(),
        "exactly the final λ"
    );
    if expected.spread {
        prop_assert!(
            solved.rate.min(solved.fill) == solved.rate && !solved.rate.same_as(solved.fill)
        );
    } else {
        prop_assert!(solved.rate.same_as(solved.fill), "the bound does not bind");
    }
    match expected.regime {
        Regime::Waterfill => {
            prop_assert!(solved.fill.den > 0, "bounded");
            if !expected.spread {
                // The caps leave no room: 100%, less at most one unit of rounding per member.
                prop_assert!(
                    sum + all.len() as u128 >= Share::ONE.0,
                    "100% when the caps allow it: {}",
                    sum
                );
            }
        }
        Regime::Proportional => {
            prop_assert!(expected.sup < q(Share::ONE.0));
            prop_assert_eq!(
                solved.fill,
                Rate {
                    num: Share::ONE.0,
                    den: total(case)
                },
                "the whole stake"
            );
            // What the caps can hold at most, less the rounding, is more than what they hold.
            prop_assert!(q(sum) <= expected.sup, "unallocated: {}", sum);
        }
        Regime::Unbounded => {
            prop_assert_eq!(solved.fill, Rate::UNBOUNDED);
            // Only an empty pool stays unbounded.
            prop_assert_eq!(solved.rate == Rate::UNBOUNDED, total(case) == 0);
        }
    }
    check_spread(case, &solved, &expected.shares)?;
    check_hundredth(case, &solved)?;
    Ok(solved)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    /// Properties 1 to 5 in every regime.
    #[test]
    fn shares_equal_the_exact_reference_respect_every_cap_follow_the_stakes_and_the_spread(
        case in any_case()
    ) {
        let solved = check_against_reference(&case)?;
        check_ratios(&case, &solved)?;
    }

    /// The contract passes most members as `linear_rest`: `solve`'s rate must not change when a
    /// member that cannot reach a cap is moved out of the candidates, as long as the caps can
    /// fill the pool. When they cannot, a linear rest (never capped) would fill it: the rate
    /// then brings one of those members to its cap, so the contract takes it as a candidate
    /// and goes on until every staking unit is one (at most `⌊1/c⌋` of them). The spread bound
    /// comes after, over the candidates (see `data.rs`).
    #[test]
    fn members_below_every_cap_can_be_summed_as_linear_rest(case in any_case()) {
        let rate = contract_shares(&case).fill;
        let c = case.caps.individual;
        let (capped, below): (Vec<u128>, Vec<u128>) = case
            .singles
            .iter()
            .partition(|r| rate.share(**r, c) == c);
        let mut units: Vec<Unit> = capped.iter().map(|r| Unit::Member(*r)).collect();
        units.extend(case.households.iter().map(|h| Unit::Household(h)));
        let rest: u128 = below.iter().sum();
        let again = solve(&units, rest, case.caps).unwrap();
        if rest > 0 && reference(&case).regime == Regime::Proportional {
            prop_assert!(below.iter().any(|r| again.reaches(*r, c)), "{:?}", case);
        } else {
            prop_assert_eq!((again.num, again.den), (rate.num, rate.den));
        }
    }
}

/// Property 3 for one case: the stake of 1 at `(g, i)` next to stakes of 1,000.
fn check_one_next_to_thousands(case: &Case, (g, i): (usize, usize)) -> Result<(), TestCaseError> {
    let solved = check_against_reference(case)?;
    check_ratios(case, &solved)?;
    let regime = reference(case).regime;
    let c = case.caps.individual;
    let one = solved.shares[g][i].0;
    if regime == Regime::Proportional {
        // Never more than its proportional part of the pool (the bound only lowers it).
        let proportional = Share::ONE.0 / total(case);
        prop_assert!(
            one <= proportional,
            "its part of the pool: {} > {}",
            one,
            proportional
        );
    }
    for (group, shares) in solved.shares.iter().enumerate() {
        for (j, s) in shares.iter().enumerate() {
            if (group, j) == (g, i) {
                continue;
            }
            // Literally, in every regime, capped or not, single or in a household.
            prop_assert!(
                one * 100 <= s.0,
                "1/100: {} vs {} in {:?} ({:?})",
                one,
                s.0,
                case,
                regime
            );
            let same_rate =
                (group == g && solved.full[g]) || (!solved.full[group] && !solved.full[g]);
            if same_rate && s.0 < c.0 {
                prop_assert!(
                    one * 1_000 <= s.0,
                    "1/1000: {} vs {} in {:?}",
                    one,
                    s.0,
                    case
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    /// Property 3: a stake of 1 next to stakes of 1,000 (alone or in households, capped or not)
    /// never holds more than 1/100 of their share, in every regime; 1/1,000 of it when it
    /// follows the same rate as one below its cap; in the proportional regime no more than its
    /// own proportional part `1/R` of the pool.
    #[test]
    fn a_stake_of_one_never_holds_more_than_a_hundredth_of_a_stake_of_a_thousand(
        (case, at) in one_next_to_thousands()
    ) {
        check_one_next_to_thousands(&case, at)?;
    }

    /// The same where the caps fill the pool exactly, just fail to or just exceed it.
    #[test]
    fn a_stake_of_one_holds_a_hundredth_at_most_where_the_caps_fill_the_pool_exactly(
        (case, at) in one_next_to_thousands_near_exact()
    ) {
        check_one_next_to_thousands(&case, at)?;
    }
}

#[test]
fn the_generators_cover_every_regime_with_and_without_the_bound() {
    let mut runner = TestRunner::deterministic();
    // [regime][spread]
    let mut count = [[0usize; 2]; 3];
    let strategy = any_case();
    for _ in 0..1_500 {
        let case = strategy.new_tree(&mut runner).unwrap().current();
        let expected = reference(&case);
        let at = match expected.regime {
            Regime::Waterfill => 0,
            Regime::Proportional => 1,
            Regime::Unbounded => 2,
        };
        count[at][usize::from(expected.spread)] += 1;
    }
    eprintln!("regimes (waterfilling, proportional, exact/empty) × (free, bound): {count:?}");
    assert!(count[0][0] > 150, "pure waterfilling: {count:?}");
    assert!(count[0][1] > 150, "waterfilling, bound: {count:?}");
    assert!(count[1][0] > 50, "pure proportional: {count:?}");
    assert!(count[1][1] > 150, "proportional, bound: {count:?}");
    assert!(count[2][1] > 25, "exact fill, bound: {count:?}");
    let mut runner = TestRunner::deterministic();
    let mut exact = [0usize; 2];
    let strategy = one_next_to_thousands_near_exact();
    for _ in 0..300 {
        let (case, _) = strategy.new_tree(&mut runner).unwrap().current();
        let expected = reference(&case);
        exact[usize::from(expected.regime == Regime::Unbounded)] += 1;
    }
    assert!(exact[1] > 60, "exact fill next to thousands: {exact:?}");
}

fn default_caps() -> Caps {
    Caps {
        individual: share(300),
        household: share(500),
    }
}

/// `solve` then `bound_spread` over singles only.
fn singles_rate(raws: &[u128], caps: Caps) -> (Rate, Rate) {
    let units: Vec<Unit> = raws.iter().map(|r| Unit::Member(*r)).collect();
    let fill = solve(&units, 0, caps).unwrap();
    let r_max = raws.iter().copied().max().unwrap_or(0);
    (fill, bound_spread(fill, r_max, &[], caps).unwrap())
}

#[test]
fn a_large_healthy_cooperative_is_unchanged_by_the_bound() {
    // 200 similar stakes (900 to 1,100, 200,000 in all) and a whale of 22,222, 10% of all
    // stake. The whale is capped at 3% (its rate 3% / 22,222), the others share 97% at
    // 97% / 200,000 per unit: 3.6 times the whale's, within the spread of 10.
    let caps = default_caps();
    let mut raws: Vec<u128> = (0..200u128).map(|i| 900 + 10 * (i % 21)).collect();
    let rest: u128 = raws.iter().sum();
    raws.push(22_222);
    let (fill, rate) = singles_rate(&raws, caps);
    assert_eq!(rate, fill, "the bound does not bind");
    let rest_share = Share::ONE.0 - caps.individual.0;
    assert!(rate.same_as(Rate {
        num: rest_share,
        den: rest
    }));
    assert_eq!(rate.share(22_222, caps.individual), caps.individual);
    assert_eq!(
        rate.share(1_000, caps.individual).0,
        1_000 * rest_share / rest
    );
    // Pure waterfilling: 100% allocated, less the floors.
    let sum: u128 = raws.iter().map(|r| rate.share(*r, caps.individual).0).sum();
    assert!(sum <= Share::ONE.0 && sum + 201 >= Share::ONE.0);
    let case = Case {
        singles: raws,
        households: Vec::new(),
        caps,
    };
    let expected = reference(&case);
    assert_eq!(expected.regime, Regime::Waterfill);
    assert!(!expected.spread);
}

#[test]
fn a_whale_is_capped_at_three_percent_and_the_rest_hold_at_most_ten_times_its_rate() {
    let caps = default_caps();
    // One whale with 1,000,000 and 100 members with 100 each (1% of all stake).
    let mut raws = vec![1_000_000u128];
    raws.extend([100u128; 100]);
    let (fill, rate) = singles_rate(&raws, caps);
    // Waterfilling alone would hand the other 97% to that 1% of stake, 970 times the whale's
    // rate per unit.
    assert_eq!(
        fill.share(100, caps.individual),
        Share(9_700_000_000_000_000)
    );
    // Bounded: 10 × 3% / 10^6 per unit, 0.003% each; the whale still holds 3%, and 96.7% stay
    // unallocated.
    assert!(rate.same_as(Rate {
        num: MAX_RATE_SPREAD * caps.individual.0,
        den: 1_000_000
    }));
    assert_eq!(rate.share(1_000_000, caps.individual), caps.individual);
    assert_eq!(rate.share(100, caps.individual), Share(30_000_000_000_000));
}

#[test]
fn too_few_members_leave_the_pool_partly_unallocated() {
    let caps = default_caps();
    // Ten singles staking 1..=10 and a household staking 10, 10, 20: 95 in all. Eleven units
    // can hold at most 10 × 3% + 5% = 35%: the shares are proportional, `λ = 1/95`.
    let household = [10u128, 10, 20];
    let mut units: Vec<Unit> = (1..=10).map(Unit::Member).collect();
    units.push(Unit::Household(&household));
    let fill = solve(&units, 0, caps).unwrap();
    assert_eq!(
        fill,
        Rate {
            num: Share::ONE.0,
            den: 95
        }
    );
    // The lowest per-unit rate is the household's own, 5% / 40 (below 3% / 20): 1/95 is 8.4
    // times it, within the spread of 10, so the bound leaves `λ` alone.
    let rate = bound_spread(fill, 20, &[&household], caps).unwrap();
    assert_eq!(rate, fill);
    // 1/95 and 2/95 are below 3%; 3/95 and more are capped.
    assert_eq!(rate.share(1, caps.individual), Share(Share::ONE.0 / 95));
    assert_eq!(rate.share(2, caps.individual), Share(2 * Share::ONE.0 / 95));
    assert_eq!(rate.share(3, caps.individual), caps.individual);
    assert_eq!(rate.share(10, caps.individual), caps.individual);
    // The household's three at 3% each would hold 9%: capped at 5%, split by stake.
    let mu = household_rate(&household, rate, caps)
        .unwrap()
        .expect("full");
    assert!(mu.same_as(Rate {
        num: caps.household.0,
        den: 40
    }));
    let shares: Vec<Share> = household
        .iter()
        .map(|r| mu.share(*r, caps.individual))
        .collect();
    assert_eq!(shares.iter().map(|s| s.0).sum::<u128>(), caps.household.0);
    assert_eq!(shares[0], Share(12_500_000_000_000_000));
    assert_eq!(shares[2], Share(25_000_000_000_000_000));
    // Held: 1/95 + 2/95 + 8 × 3% + 5%; the other ~68% stays unallocated.
    let held: u128 = (1..=10)
        .map(|r| rate.share(r, caps.individual).0)
        .chain(shares.iter().map(|s| s.0))
        .sum();
    assert_eq!(
        held,
        Share::ONE.0 / 95 + 2 * Share::ONE.0 / 95 + 8 * caps.individual.0 + caps.household.0
    );
}

#[test]
fn only_an_empty_pool_or_caps_filling_it_exactly_are_unbounded_for_solve() {
    let caps = Caps {
        individual: share(1_000),
        household: share(1_000),
    };
    assert_eq!(solve(&[], 0, caps), Ok(Rate::UNBOUNDED));
    assert_eq!(
        solve(&[Unit::Member(0), Unit::Household(&[0, 0])], 0, caps),
        Ok(Rate::UNBOUNDED)
    );
    // An empty pool stays unbounded through the bound.
    assert_eq!(
        bound_spread(Rate::UNBOUNDED, 0, &[&[0, 0]], caps),
        Ok(Rate::UNBOUNDED)
    );
    // Ten singles at 10%: exactly 100%. The bound makes it 10 × 10% / 10,000 per unit, and
    // every one is still at its cap: the smallest stake is a tenth of the largest.
    let ten: Vec<u128> = (1..=10).map(|r| r * 1_000).collect();
    let (fill, rate) = singles_rate(&ten, caps);
    assert_eq!(fill, Rate::UNBOUNDED);
    assert!(rate.same_as(Rate {
        num: MAX_RATE_SPREAD * caps.individual.0,
        den: 10_000
    }));
    assert!(ten
        .iter()
        .all(|r| rate.share(*r, caps.individual) == caps.individual));
    // Nine: 90% at most, proportional, 1/45,000, below 10 × 10% / 9,000: unchanged.
    let nine: Vec<u128> = (1..=9).map(|r| r * 1_000).collect();
    let (fill, rate) = singles_rate(&nine, caps);
    assert_eq!(
        fill,
        Rate {
            num: Share::ONE.0,
            den: 45_000
        }
    );
    assert_eq!(rate, fill);
}

#[test]
fn thirty_three_capped_stakes_leave_one_planck_no_more_than_a_hundredth() {
    // 33 stakes of 1,000 at a 3% cap hold 99%; the stake of 1 brings the caps to 102%, so
    // they can fill the pool: waterfilling alone hands the last 1% to the stake of 1, a third
    // of a 1,000-stake's share, for one planck. The bound: 10 × 3% / 1,000 per unit, so the 1
    // holds 0.03%, exactly a hundredth of their 3%, and 0.97% stays unallocated.
    let caps = default_caps();
    let mut raws = vec![1u128];
    raws.extend([1_000u128; 33]);
    let (fill, rate) = singles_rate(&raws, caps);
    assert_eq!(fill.share(1, caps.individual), share(100));
    assert!(rate.same_as(Rate {
        num: MAX_RATE_SPREAD * caps.individual.0,
        den: 1_000
    }));
    assert_eq!(rate.share(1_000, caps.individual), caps.individual);
    assert_eq!(rate.share(1, caps.individual), share(3));
    assert_eq!(100 * rate.share(1, caps.individual).0, caps.individual.0);
}

#[test]
fn caps_filling_the_pool_exactly_no_longer_hand_every_planck_its_cap() {
    // 30 singles of 1 planck (30 × 3% = 90%) and two full households (2 × 5% = 10%): the caps
    // fill the pool exactly, and without the bound every staker sits at its cap: 3% per
    // planck. The lowest per-unit rate is the largest stake's, 3% / 2,000 (the households' own
    // rates are 5% / 2,000 and 5% / 1,250), so `λ` is 10 × 3% / 2,000: each planck holds
    // 0.015%; the households stay full and hold their 5%; 89.55% stays unallocated.
    let caps = default_caps();
    let (even, uneven) = ([1_000u128, 1_000], [2_000u128, 500]);
    let mut units: Vec<Unit> = (0..30).map(|_| Unit::Member(1)).collect();
    units.push(Unit::Household(&even));
    units.push(Unit::Household(&uneven));
    let fill = solve(&units, 0, caps).unwrap();
    assert_eq!(fill, Rate::UNBOUNDED);
    assert_eq!(fill.share(1, caps.individual), caps.individual);
    let rate = bound_spread(fill, 2_000, &[&even, &uneven], caps).unwrap();
    assert!(rate.same_as(Rate {
        num: MAX_RATE_SPREAD * caps.individual.0,
        den: 2_000
    }));
    assert_eq!(rate.share(1, caps.individual), Share(150_000_000_000_000));
    let mu = household_rate(&even, rate, caps).unwrap().expect("full");
    assert_eq!(mu.share(1_000, caps.individual), share(250));
    let mu = household_rate(&uneven, rate, caps).unwrap().expect("full");
    assert_eq!(mu.share(2_000, caps.individual), caps.individual);
    assert_eq!(mu.share(500, caps.individual), share(200));
    // The tight pair: the 2,000 at its cap (3% / 2,000 per unit) and a planck at 10 times it.
    let case = Case {
        singles: vec![1; 30],
        households: vec![even.to_vec(), uneven.to_vec()],
        caps,
    };
    let expected = reference(&case);
    assert_eq!(expected.regime, Regime::Unbounded);
    assert!(expected.spread);
    let solved = contract_shares(&case);
    let held: u128 = solved.shares.iter().flatten().map(|s| s.0).sum();
    assert_eq!(held, 30 * 150_000_000_000_000 + 2 * caps.household.0);
}

#[test]
fn a_whale_next_to_one_small_staker_discounts_both() {
    // [1, 1,000] at 3%: the caps hold 6% at most, so the shares are proportional, 1/1,001 of
    // the pool per unit. The 1,000 is cut by its cap from 99.9% to 3%, and the 1 would keep
    // its 1/1,001 ≈ 0.1%: a thirtieth of the capped 3%, not a hundredth. Bounded, the 1 holds
    // 10 × 3% / 1,000 = 0.03%, 3% / 100.
    let caps = default_caps();
    let (fill, rate) = singles_rate(&[1, 1_000], caps);
    assert_eq!(
        fill,
        Rate {
            num: Share::ONE.0,
            den: 1_001
        }
    );
    assert_eq!(fill.share(1, caps.individual), Share(Share::ONE.0 / 1_001));
    assert_eq!(rate.share(1_000, caps.individual), caps.individual);
    assert_eq!(rate.share(1, caps.individual), share(3));
    assert_eq!(100 * rate.share(1, caps.individual).0, caps.individual.0);
}

#[test]
fn a_household_whose_own_rate_is_the_lowest_bounds_the_rest() {
    // A household of [100, 100] at C = 5%, c = 3%, and ten singles of 1: 210 in all. The
    // caps hold 10 × 3% + 5% = 35%: proportional, 1/210 per unit. The household would hold
    // 2 × 3% (100/210 is far above 3%): full, 2.5% each, at its own 5% / 200 per unit, below
    // 3% / 100. So `λ` is 10 × 5% / 200 = 0.25% per unit, below 1/210 ≈ 0.48%; the household
    // stays full (0.25% × 100 = 25% each).
    let caps = default_caps();
    let household = [100u128, 100];
    let mut units: Vec<Unit> = (0..10).map(|_| Unit::Member(1)).collect();
    units.push(Unit::Household(&household));
    let fill = solve(&units, 0, caps).unwrap();
    assert_eq!(
        fill,
        Rate {
            num: Share::ONE.0,
            den: 210
        }
    );
    let rate = bound_spread(fill, 100, &[&household], caps).unwrap();
    assert!(rate.same_as(Rate {
        num: MAX_RATE_SPREAD * caps.household.0,
        den: 200
    }));
    assert_eq!(rate.share(1, caps.individual), share(25));
    let mu = household_rate(&household, rate, caps)
        .unwrap()
        .expect("full");
    assert_eq!(mu.share(100, caps.individual), share(250));
    // A stake of 1 holds a tenth of a stake of 100's share: 10 × 1/100, the spread exactly.
    assert_eq!(10 * rate.share(1, caps.individual).0, share(250).0);
}
