//! The waterfilling solver against the exact reference (`reference.rs`).

use crate::{
    reference::{floor, reference, Case},
    waterfill::{household_rate, solve, Caps, Rate, Unit},
};
use proptest::prelude::*;
use usos_primitives::{BasisPoints, Share};

fn contract_shares(case: &Case) -> (Rate, Vec<Vec<Share>>) {
    let mut units: Vec<Unit> = case.singles.iter().map(|r| Unit::Member(*r)).collect();
    units.extend(case.households.iter().map(|h| Unit::Household(h)));
    let rate = solve(&units, 0, case.caps).expect("solvable");
    let c = case.caps.individual;
    let mut shares = vec![case
        .singles
        .iter()
        .map(|r| rate.share(*r, c))
        .collect::<Vec<_>>()];
    for h in &case.households {
        let mu = household_rate(h, rate, case.caps).expect("household rate");
        let r = mu.unwrap_or(rate);
        shares.push(h.iter().map(|raw| r.share(*raw, c)).collect());
    }
    (rate, shares)
}

fn raw() -> impl Strategy<Value = u128> {
    prop_oneof![
        2 => Just(0u128),
        10 => 1u128..1_000,
        3 => 1_000u128..1_000_000,
        1 => 1_000_000u128..1_000_000_000_000_000_000_000_000,
    ]
}

fn bps(preferred: u16) -> impl Strategy<Value = Share> {
    prop_oneof![3 => Just(preferred), 1 => 1u16..=10_000]
        .prop_map(|b| BasisPoints::new(b).unwrap().to_share())
}

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn shares_equal_the_exact_reference_and_respect_every_cap(case in case()) {
        let (_, got) = contract_shares(&case);
        let expected = reference(&case);
        for (group, (g, e)) in got.iter().zip(&expected.shares).enumerate() {
            for (got, exact) in g.iter().zip(e) {
                prop_assert_eq!(got.0, floor(exact), "group {} of {:?}", group, case);
            }
        }
        let c = case.caps.individual;
        let all: Vec<Share> = got.iter().flatten().copied().collect();
        prop_assert!(all.iter().all(|s| *s <= c), "individual cap");
        for h in &got[1..] {
            let total: u128 = h.iter().map(|s| s.0).sum();
            prop_assert!(total <= case.caps.household.0, "household cap");
        }
        let sum: u128 = all.iter().map(|s| s.0).sum();
        prop_assert!(sum <= Share::ONE.0, "never above 100%");
        if expected.lambda.is_some() {
            // The caps leave no room: 100%, less at most one unit of rounding per member.
            prop_assert!(sum + all.len() as u128 >= Share::ONE.0, "100% when the caps allow it: {}", sum);
        }
    }

    /// The contract passes most members as `linear_rest`: the rate must not change when a
    /// member that cannot reach a cap is moved out of the candidates.
    #[test]
    fn members_below_every_cap_can_be_summed_as_linear_rest(case in case()) {
        let (rate, _) = contract_shares(&case);
        let c = case.caps.individual;
        let (capped, below): (Vec<u128>, Vec<u128>) = case
            .singles
            .iter()
            .partition(|r| rate.share(**r, c) == c);
        let mut units: Vec<Unit> = capped.iter().map(|r| Unit::Member(*r)).collect();
        units.extend(case.households.iter().map(|h| Unit::Household(h)));
        let rest: u128 = below.iter().sum();
        let again = solve(&units, rest, case.caps).unwrap();
        prop_assert_eq!((again.num, again.den), (rate.num, rate.den));
    }
}

#[test]
fn a_whale_is_capped_at_three_percent_and_the_rest_share_the_remainder() {
    let caps = Caps {
        individual: BasisPoints::new(300).unwrap().to_share(),
        household: BasisPoints::new(500).unwrap().to_share(),
    };
    // One whale with 1,000,000 and 100 members with 100 each.
    let mut units = vec![Unit::Member(1_000_000)];
    units.extend((0..100).map(|_| Unit::Member(100)));
    let rate = solve(&units, 0, caps).unwrap();
    assert_eq!(rate.share(1_000_000, caps.individual), caps.individual);
    // The other 97% split evenly among 100 members.
    assert_eq!(
        rate.share(100, caps.individual),
        Share(9_700_000_000_000_000)
    );
}

#[test]
fn too_few_members_leave_the_pool_partly_unallocated() {
    let caps = Caps {
        individual: BasisPoints::new(300).unwrap().to_share(),
        household: BasisPoints::new(500).unwrap().to_share(),
    };
    let units: Vec<Unit> = (1..=10).map(Unit::Member).collect();
    let rate = solve(&units, 0, caps).unwrap();
    assert_eq!(rate, Rate::UNBOUNDED);
    assert_eq!(rate.share(7, caps.individual), caps.individual);
    // A household of three at 3% each would hold 9%: capped at 5%, split by stake.
    let household = [10u128, 10, 20];
    let mu = household_rate(&household, rate, caps)
        .unwrap()
        .expect("full");
    let shares: Vec<Share> = household
        .iter()
        .map(|r| mu.share(*r, caps.individual))
        .collect();
    assert_eq!(shares.iter().map(|s| s.0).sum::<u128>(), caps.household.0);
    assert_eq!(shares[0], Share(12_500_000_000_000_000));
    assert_eq!(shares[2], Share(25_000_000_000_000_000));
}
