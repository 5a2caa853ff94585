//! The waterfilling solver against the exact reference (`reference.rs`), in every regime: the
//! caps fill the pool (waterfilling), they cannot (plain proportional shares), or they fill it
//! exactly (everyone at its cap).
//!
//! The properties: (1) no member above `c`, no household above `C`, never above 100% in all;
//! (2) members that follow the same rate below `c` (outside full households, or in the same
//! full household) hold shares in the ratio of their stakes; (3) no member holds more per unit
//! of stake than `λ`, so a stake of 1 holds at most 1/1,000 of the share of a stake of 1,000
//! that follows `λ` below its cap, exactly 1/1,000 when it follows `λ` too; it holds more only
//! when a cap cuts the 1,000-stakes, and then (a) its proportional part `1/R` of the pool when
//! the caps cannot fill it, never more, or (b) the waterfilling rate when they can, its part of
//! what the capped members leave; (4) every share is the floor of the exact reference's, and
//! the rate is the reference's; (5) where the caps fill the pool, raising a capped member's
//! stake lowers no other member's share.

use crate::{
    reference::{floor, q, reference, Case, Reference, Regime, Q},
    waterfill::{household_rate, solve, Caps, Rate, Unit},
};
use num_bigint::BigInt;
use proptest::{prelude::*, strategy::ValueTree, test_runner::TestRunner};
use usos_primitives::{BasisPoints, Share};

/// The contract's shares, grouped like the reference (singles, then each household), and
/// whether each group uses its own household rate (a full household).
struct Solved {
    rate: Rate,
    shares: Vec<Vec<Share>>,
    full: Vec<bool>,
}

/// What the contract computes: `solve` over every unit, then each household's own rate.
fn contract_shares(case: &Case) -> Solved {
    let mut units: Vec<Unit> = case.singles.iter().map(|r| Unit::Member(*r)).collect();
    units.extend(case.households.iter().map(|h| Unit::Household(h)));
    let rate = solve(&units, 0, case.caps).expect("solvable");
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
    Solved { rate, shares, full }
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

/// The proportional rate `1 / R` over the whole stake (unbounded for an empty pool).
fn proportional(case: &Case) -> Rate {
    match total(case) {
        0 => Rate::UNBOUNDED,
        den => Rate {
            num: Share::ONE.0,
            den,
        },
    }
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
/// fill the pool: exact waterfilling.
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

/// Every member as `(group, raw, share)`, groups as in `Solved::shares`.
fn members(case: &Case, solved: &Solved) -> Vec<(usize, u128, u128)> {
    raws_of(case)
        .iter()
        .zip(&solved.shares)
        .enumerate()
        .flat_map(|(g, (raws, shares))| raws.iter().zip(shares).map(move |(r, s)| (g, *r, s.0)))
        .collect()
}

/// Property 2: two members below the individual cap that follow the same rate (both outside
/// full households: `λ`; or both in the same full household: its `μ_h`) hold shares in the
/// ratio of their stakes, up to the floor: `|s_a·r_b − s_b·r_a| <= max(r_a, r_b)`.
fn check_ratios(case: &Case, solved: &Solved) -> Result<(), TestCaseError> {
    let c = case.caps.individual.0;
    // The rate a member follows: `None` for `λ`, `Some(group)` for a full household's own.
    let plain: Vec<(Option<usize>, u128, u128)> = members(case, solved)
        .into_iter()
        .filter(|(_, r, s)| *r > 0 && *s < c)
        .map(|(g, r, s)| (solved.full[g].then_some(g), r, s))
        .collect();
    for (i, (ga, ra, sa)) in plain.iter().enumerate() {
        for (gb, rb, sb) in plain.iter().skip(i + 1).filter(|(gb, ..)| gb == ga) {
            let gap = big(*sa) * big(*rb) - big(*sb) * big(*ra);
            prop_assert!(
                gap.magnitude() <= big(*ra.max(rb)).magnitude(),
                "{}/{} vs {}/{} (rate {:?}, {:?}) in {:?}",
                sa,
                ra,
                sb,
                rb,
                ga,
                gb,
                case
            );
        }
    }
    Ok(())
}

/// Property 3 in general: no member holds more per unit of stake than `λ` (`s <= ⌊λ·r⌋`), so
/// none holds more per unit than a member `b` that follows `λ` below its cap, up to the floor:
/// `s_a / r_a < (s_b + 1) / r_b` (for `r_a = 1`, `r_b = 1,000`: `1,000 · s_a <= s_b`).
fn check_per_unit(case: &Case, solved: &Solved) -> Result<(), TestCaseError> {
    let c = case.caps.individual.0;
    let all: Vec<(usize, u128, u128)> = members(case, solved)
        .into_iter()
        .filter(|(_, r, _)| *r > 0)
        .collect();
    if solved.rate.den > 0 {
        for (_, r, s) in &all {
            prop_assert!(
                *s <= solved.rate.linear(*r),
                "{} for {} in {:?}",
                s,
                r,
                case
            );
        }
    }
    let lowest = all
        .iter()
        .filter(|(g, _, s)| !solved.full[*g] && *s < c)
        .map(|(_, r, s)| Q::new(big(*s) + 1, big(*r)))
        .min();
    if let Some(lowest) = lowest {
        for (_, r, s) in &all {
            prop_assert!(
                Q::new(big(*s), big(*r)) < lowest,
                "{} for {} above {} per unit in {:?}",
                s,
                r,
                lowest,
                case
            );
        }
    }
    Ok(())
}

/// Properties 1 to 4: the contract's shares are the floor of the exact reference's, in every
/// regime; no member above `c`, no household above `C`, never more than 100% in all; `solve`
/// finds the reference's rate exactly (`1 / R` when the caps cannot fill the pool, unbounded
/// only for an empty pool or caps filling it exactly); the same-rate ratios; no member worth
/// more per unit than `λ`.
fn check_against_reference(case: &Case) -> Result<(Solved, Reference), TestCaseError> {
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
    prop_assert_eq!(exact(solved.rate), expected.lambda.clone(), "exactly λ");
    // Rounding: at most one unit short per member.
    let filled = sum + all.len() as u128 >= Share::ONE.0;
    match expected.regime {
        Regime::Waterfill => {
            prop_assert!(solved.rate.den > 0, "bounded");
            prop_assert!(filled, "100% when the caps can fill the pool: {}", sum);
        }
        Regime::Proportional => {
            prop_assert!(expected.sup < q(Share::ONE.0));
            prop_assert_eq!(solved.rate, proportional(case), "the whole stake");
            // What the caps can hold at most, less the rounding, is more than what they hold.
            prop_assert!(q(sum) <= expected.sup, "unallocated: {}", sum);
        }
        Regime::Unbounded => {
            prop_assert_eq!(solved.rate, Rate::UNBOUNDED);
            if total(case) > 0 {
                // The caps fill the pool exactly: everyone at its cap, 100% in all.
                prop_assert!(expected.sup == q(Share::ONE.0));
                prop_assert!(filled, "everyone at its cap: {}", sum);
            }
        }
    }
    check_ratios(case, &solved)?;
    check_per_unit(case, &solved)?;
    Ok((solved, expected))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    /// Properties 1 to 4 in every regime.
    #[test]
    fn shares_equal_the_exact_reference_respect_every_cap_and_follow_the_stakes(
        case in any_case()
    ) {
        check_against_reference(&case)?;
    }

    /// The contract passes most members as `linear_rest`: `solve`'s rate must not change when a
    /// member that cannot reach a cap is moved out of the candidates, as long as the caps can
    /// fill the pool. When they cannot, a linear rest (never capped) would fill it: the rate
    /// then brings one of those members to its cap, so the contract takes it as a candidate
    /// and goes on until every staking unit is one (at most `⌊1/c⌋` of them; see `data.rs`).
    #[test]
    fn members_below_every_cap_can_be_summed_as_linear_rest(case in any_case()) {
        let rate = contract_shares(&case).rate;
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

/// Every member at the individual cap, as `(group, index)`.
fn capped(case: &Case, solved: &Solved) -> Vec<(usize, usize)> {
    let c = case.caps.individual;
    solved
        .shares
        .iter()
        .enumerate()
        .flat_map(|(g, shares)| {
            shares
                .iter()
                .enumerate()
                .filter(move |(_, s)| **s == c)
                .map(move |(j, _)| (g, j))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    /// Property 5: where the caps fill the pool, raising the stake of a member at its cap
    /// (single or in a household) lowers no other member's share. It changes none, nor `λ`: the
    /// member stays at its cap and `F` is unchanged from its new, lower cap point on, so
    /// `F(λ) = 1` still; a full household keeps its `μ_h` the same way.
    #[test]
    fn raising_a_capped_stake_lowers_no_other_share_where_the_caps_fill_the_pool(
        case in any_case(),
        which in any::<prop::sample::Index>(),
        extra in prop_oneof![1u128..1_000, 1_000u128..1_000_000_000_000_000_000_000_000],
    ) {
        let before = contract_shares(&case);
        let capped = capped(&case, &before);
        if capped.is_empty() || reference(&case).regime != Regime::Waterfill {
            return Ok(());
        }
        let (g, j) = capped[which.index(capped.len())];
        let mut raised = case.clone();
        match g {
            0 => raised.singles[j] += extra,
            _ => raised.households[g - 1][j] += extra,
        }
        let (after, expected) = check_against_reference(&raised)?;
        prop_assert_eq!(expected.regime, Regime::Waterfill);
        prop_assert!(after.rate.same_as(before.rate), "λ in {:?}", raised);
        prop_assert_eq!(after.shares[g][j], case.caps.individual);
        for (group, (old, new)) in before.shares.iter().zip(&after.shares).enumerate() {
            for (k, (old, new)) in old.iter().zip(new).enumerate() {
                if (group, k) != (g, j) {
                    prop_assert!(new >= old, "{:?} lowered in {:?}", (group, k), raised);
                    prop_assert_eq!(new, old, "{:?} in {:?}", (group, k), raised);
                }
            }
        }
    }
}

/// Property 3 for one case: the stake of 1 at `(g, i)` next to stakes of 1,000. Returns the
/// regime when the 1 holds more than 1/1,000 of some 1,000-stake's share (a cap cut it).
fn check_one_next_to_thousands(
    case: &Case,
    (g, i): (usize, usize),
) -> Result<Option<Regime>, TestCaseError> {
    let (solved, expected) = check_against_reference(case)?;
    let c = case.caps.individual;
    let one = solved.shares[g][i].0;
    // Its proportional part of the pool, `min(c, ⌊1/R⌋)`.
    let part = proportional(case).share(1, c).0;
    let mut cut = false;
    for (group, shares) in solved.shares.iter().enumerate() {
        for (j, s) in shares.iter().enumerate() {
            if (group, j) == (g, i) {
                continue;
            }
            let s = s.0;
            // The 1,000 follows `λ` below its cap, or the 1's own full household's rate.
            let with_lambda = !solved.full[group] && s < c.0;
            let with_one = group == g && solved.full[g] && s < c.0;
            if with_lambda || with_one {
                prop_assert!(one * 1_000 <= s, "1/1000: {} vs {} in {:?}", one, s, case);
                if with_one || !solved.full[g] {
                    // The same rate: exactly 1/1,000, up to the floor.
                    prop_assert!(s < (one + 1) * 1_000, "{} vs {} in {:?}", one, s, case);
                }
            } else if one * 1_000 > s {
                cut = true;
            }
        }
    }
    match expected.regime {
        // (a) Its proportional part, never more (less in a full household: `μ_h <= λ`).
        Regime::Proportional if solved.full[g] => prop_assert!(one <= part),
        Regime::Proportional => prop_assert_eq!(one, part, "its part in {:?}", case),
        // (b) The waterfilling rate: at least its proportional part (`λ >= 1/R`), and what
        // more it holds comes from what the capped members leave.
        Regime::Waterfill if !solved.full[g] => {
            prop_assert_eq!(one, solved.rate.share(1, c).0);
            prop_assert!(one >= part, "at least its part in {:?}", case);
        }
        Regime::Waterfill => {}
        // The caps fill the pool exactly: everyone at its cap, the waterfilling answer.
        Regime::Unbounded if !solved.full[g] => prop_assert_eq!(one, c.0),
        Regime::Unbounded => {}
    }
    Ok(cut.then_some(expected.regime))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    /// Property 3: a stake of 1 next to stakes of 1,000 (alone or in households, capped or
    /// not). Whenever a 1,000-stake follows `λ` below its cap (or the 1's own full household's
    /// rate), the 1 holds at most 1/1,000 of its share, exactly 1/1,000 (up to the floor) when
    /// both follow the same rate. It can hold more only next to a 1,000-stake that a cap cuts
    /// (its own `c`, or its household's `C`), and then (a) in the proportional regime (the caps
    /// cannot fill the pool) exactly its proportional part `⌊1/R⌋` of the pool, never more
    /// (less in a full household of its own), or (b) where the caps fill the pool, the
    /// waterfilling rate `min(c, λ)`, at least `1/R`: its part of what the capped members
    /// leave (everyone at its cap when the caps fill the pool exactly).
    #[test]
    fn a_stake_of_one_holds_a_thousandth_of_a_thousand_unless_a_cap_cuts_theirs(
        (case, at) in one_next_to_thousands()
    ) {
        check_one_next_to_thousands(&case, at)?;
    }

    /// The same where the caps fill the pool exactly, just fail to or just exceed it.
    #[test]
    fn a_stake_of_one_next_to_thousands_where_the_caps_fill_the_pool_exactly(
        (case, at) in one_next_to_thousands_near_exact()
    ) {
        check_one_next_to_thousands(&case, at)?;
    }
}

#[test]
fn the_generators_cover_every_regime_and_both_exceptions() {
    let mut runner = TestRunner::deterministic();
    // Waterfilling, proportional, caps filling the pool exactly, an empty pool; waterfilling
    // with a capped member (property 5).
    let mut count = [0usize; 5];
    let strategy = any_case();
    for _ in 0..1_500 {
        let case = strategy.new_tree(&mut runner).unwrap().current();
        let expected = reference(&case);
        count[match expected.regime {
            Regime::Waterfill => 0,
            Regime::Proportional => 1,
            Regime::Unbounded if total(&case) > 0 => 2,
            Regime::Unbounded => 3,
        }] += 1;
        if expected.regime == Regime::Waterfill
            && !capped(&case, &contract_shares(&case)).is_empty()
        {
            count[4] += 1;
        }
    }
    eprintln!(
        "regimes (waterfilling, proportional, exact, empty; capped in waterfilling): {count:?}"
    );
    assert!(count[0] > 300, "waterfilling: {count:?}");
    assert!(count[1] > 200, "proportional: {count:?}");
    assert!(count[2] > 25, "exact fill: {count:?}");
    assert!(
        count[4] > 150,
        "a capped member where the caps fill the pool: {count:?}"
    );
    // The 1 next to 1,000s: how often a cap cuts theirs and it holds more than 1/1,000, by
    // regime: (a) proportional, (b) waterfilling, (b) exact fill.
    let mut cut = [0usize; 3];
    let mut tally = |case: &Case, at: (usize, usize)| match check_one_next_to_thousands(case, at)
        .expect("property 3")
    {
        Some(Regime::Proportional) => cut[0] += 1,
        Some(Regime::Waterfill) => cut[1] += 1,
        Some(Regime::Unbounded) => cut[2] += 1,
        None => {}
    };
    let mut runner = TestRunner::deterministic();
    let strategy = one_next_to_thousands();
    for _ in 0..300 {
        let (case, at) = strategy.new_tree(&mut runner).unwrap().current();
        tally(&case, at);
    }
    let mut runner = TestRunner::deterministic();
    let strategy = one_next_to_thousands_near_exact();
    for _ in 0..300 {
        let (case, at) = strategy.new_tree(&mut runner).unwrap().current();
        tally(&case, at);
    }
    eprintln!("more than 1/1000 (proportional, waterfilling, exact): {cut:?}");
    assert!(cut[0] > 30, "(a): {cut:?}");
    assert!(cut[1] > 30, "(b): {cut:?}");
    assert!(cut[2] > 10, "(b), exactly: {cut:?}");
}

fn default_caps() -> Caps {
    Caps {
        individual: share(300),
        household: share(500),
    }
}

/// `solve` over singles only.
fn singles_rate(raws: &[u128], caps: Caps) -> Rate {
    let units: Vec<Unit> = raws.iter().map(|r| Unit::Member(*r)).collect();
    solve(&units, 0, caps).unwrap()
}

#[test]
fn a_large_healthy_cooperative_is_plain_waterfilling() {
    // 200 similar stakes (900 to 1,100, 200,000 in all) and a whale of 22,222, 10% of all
    // stake. The whale is capped at 3%, the others share 97% at 97% / 200,000 per unit.
    let caps = default_caps();
    let mut raws: Vec<u128> = (0..200u128).map(|i| 900 + 10 * (i % 21)).collect();
    let rest: u128 = raws.iter().sum();
    raws.push(22_222);
    let rate = singles_rate(&raws, caps);
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
    // 100% allocated, less the floors.
    let sum: u128 = raws.iter().map(|r| rate.share(*r, caps.individual).0).sum();
    assert!(sum <= Share::ONE.0 && sum + 201 >= Share::ONE.0);
    let case = Case {
        singles: raws,
        households: Vec::new(),
        caps,
    };
    assert_eq!(reference(&case).regime, Regime::Waterfill);
}

#[test]
fn a_whale_is_capped_at_three_percent_and_the_rest_share_the_remainder() {
    let caps = default_caps();
    // One whale with 1,000,000 and 100 members with 100 each (1% of all stake).
    let mut raws = vec![1_000_000u128];
    raws.extend([100u128; 100]);
    let rate = singles_rate(&raws, caps);
    assert_eq!(rate.share(1_000_000, caps.individual), caps.individual);
    // The other 97% split evenly among 100 members.
    assert_eq!(rate.share(100, caps.individual), share(97));
}

#[test]
fn too_few_members_leave_the_pool_partly_unallocated() {
    let caps = default_caps();
    // Ten singles staking 1..=10 and a household staking 10, 10, 20: 95 in all. Eleven units
    // can hold at most 10 × 3% + 5% = 35%: the shares are proportional, `λ = 1/95`.
    let household = [10u128, 10, 20];
    let mut units: Vec<Unit> = (1..=10).map(Unit::Member).collect();
    units.push(Unit::Household(&household));
    let rate = solve(&units, 0, caps).unwrap();
    assert_eq!(
        rate,
        Rate {
            num: Share::ONE.0,
            den: 95
        }
    );
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
    assert_eq!(shares[0], share(125));
    assert_eq!(shares[2], share(250));
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
fn only_an_empty_pool_or_caps_filling_it_exactly_are_unbounded() {
    let caps = Caps {
        individual: share(1_000),
        household: share(1_000),
    };
    assert_eq!(solve(&[], 0, caps), Ok(Rate::UNBOUNDED));
    assert_eq!(
        solve(&[Unit::Member(0), Unit::Household(&[0, 0])], 0, caps),
        Ok(Rate::UNBOUNDED)
    );
    // Ten singles at 10%: exactly 100%, everyone at its cap (the waterfilling answer).
    let ten: Vec<u128> = (1..=10).map(|r| r * 1_000).collect();
    let rate = singles_rate(&ten, caps);
    assert_eq!(rate, Rate::UNBOUNDED);
    assert!(ten
        .iter()
        .all(|r| rate.share(*r, caps.individual) == caps.individual));
    // Nine: 90% at most, proportional, 1/45,000.
    let nine: Vec<u128> = (1..=9).map(|r| r * 1_000).collect();
    assert_eq!(
        singles_rate(&nine, caps),
        Rate {
            num: Share::ONE.0,
            den: 45_000
        }
    );
}

#[test]
fn thirty_three_capped_stakes_leave_the_last_percent_to_a_stake_of_one() {
    // Exception (b): 33 stakes of 1,000 at a 3% cap hold 99%; the stake of 1 brings the caps
    // to 102%, so they can fill the pool, and waterfilling hands the last 1% to the stake of
    // 1: a third of a 1,000-stake's share, for one planck, and 100% in all.
    let caps = default_caps();
    let mut raws = vec![1u128];
    raws.extend([1_000u128; 33]);
    let rate = singles_rate(&raws, caps);
    assert!(rate.same_as(Rate {
        num: share(100).0,
        den: 1
    }));
    assert_eq!(rate.share(1, caps.individual), share(100));
    assert_eq!(rate.share(1_000, caps.individual), caps.individual);
    let case = Case {
        singles: raws,
        households: Vec::new(),
        caps,
    };
    assert_eq!(reference(&case).regime, Regime::Waterfill);
    let solved = contract_shares(&case);
    assert_eq!(
        solved.shares[0].iter().map(|s| s.0).sum::<u128>(),
        Share::ONE.0
    );
}

#[test]
fn caps_filling_the_pool_exactly_hold_every_staker_at_its_cap() {
    // 30 singles of 1 planck (30 × 3% = 90%) and two full households (2 × 5% = 10%): the caps
    // fill the pool exactly, so everyone at its cap is the waterfilling answer: `λ` is
    // unbounded, each planck holds 3%, each household 5%, split by its own rate.
    let caps = default_caps();
    let (even, uneven) = ([1_000u128, 1_000], [2_000u128, 500]);
    let mut units: Vec<Unit> = (0..30).map(|_| Unit::Member(1)).collect();
    units.push(Unit::Household(&even));
    units.push(Unit::Household(&uneven));
    let rate = solve(&units, 0, caps).unwrap();
    assert_eq!(rate, Rate::UNBOUNDED);
    assert_eq!(rate.share(1, caps.individual), caps.individual);
    let mu = household_rate(&even, rate, caps).unwrap().expect("full");
    assert_eq!(mu.share(1_000, caps.individual), share(250));
    let mu = household_rate(&uneven, rate, caps).unwrap().expect("full");
    assert_eq!(mu.share(2_000, caps.individual), caps.individual);
    assert_eq!(mu.share(500, caps.individual), share(200));
    let case = Case {
        singles: vec![1; 30],
        households: vec![even.to_vec(), uneven.to_vec()],
        caps,
    };
    assert_eq!(reference(&case).regime, Regime::Unbounded);
    let solved = contract_shares(&case);
    let held: u128 = solved.shares.iter().flatten().map(|s| s.0).sum();
    assert_eq!(held, Share::ONE.0);
}

#[test]
fn a_stake_of_one_next_to_a_capped_thousand_holds_its_proportional_part() {
    // Exception (a): [1, 1,000] at 3%: the caps hold 6% at most, so the shares are
    // proportional, 1/1,001 of the pool per unit. The 1,000 is cut by its cap from 99.9% to
    // 3%; the 1 keeps exactly its 1/1,001 ≈ 0.1%, a thirtieth of the capped 3%, never more.
    let caps = default_caps();
    let rate = singles_rate(&[1, 1_000], caps);
    assert_eq!(
        rate,
        Rate {
            num: Share::ONE.0,
            den: 1_001
        }
    );
    assert_eq!(rate.share(1_000, caps.individual), caps.individual);
    assert_eq!(
        rate.share(1, caps.individual),
        Share(999_000_999_000_999),
        "1/1,001"
    );
}

#[test]
fn a_stake_of_one_next_to_a_full_household_holds_its_proportional_part() {
    // Exception (a) by the household cap: a household of [100, 100] and ten singles of 1, 210
    // in all. The caps hold 10 × 3% + 5% = 35% at most: proportional, 1/210 per unit. The
    // household would hold 2 × 3%: full, 2.5% each at its own 5% / 200 per unit; each 1 holds
    // exactly its 1/210 ≈ 0.48%, a fifth of a 100-stake's share rather than 1/100.
    let caps = default_caps();
    let household = [100u128, 100];
    let mut units: Vec<Unit> = (0..10).map(|_| Unit::Member(1)).collect();
    units.push(Unit::Household(&household));
    let rate = solve(&units, 0, caps).unwrap();
    assert_eq!(
        rate,
        Rate {
            num: Share::ONE.0,
            den: 210
        }
    );
    assert_eq!(rate.share(1, caps.individual), Share(4_761_904_761_904_761));
    let mu = household_rate(&household, rate, caps)
        .unwrap()
        .expect("full");
    assert!(mu.same_as(Rate {
        num: caps.household.0,
        den: 200
    }));
    assert_eq!(mu.share(100, caps.individual), share(250));
}
