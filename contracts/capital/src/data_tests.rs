//! Host tests of the capital core: scenarios, and random histories (joins, exits, household
//! moves, deposits, withdrawals, contributions, cap changes) checked at every past block
//! against the exact reference computed from that block's state.

use crate::{
    data::CapitalData,
    errors::Error,
    events::CapitalEvent,
    reference::{floor, reference, Case, Reference, Regime, Q},
    types::{CapsBps, RecorderLimit, Stake},
    waterfill::Caps,
};
use num_bigint::BigInt;
use proptest::prelude::*;
use std::collections::BTreeMap;
use usos_primitives::{
    AccountId, BasisPoints, BlockNumber, CapitalInput, Hash, HouseholdId, Rate, Share,
};

const ADMIN: u8 = 0;
const MEMBERSHIP: u8 = 99;
const ACCOUNTS: u8 = 12;
const LOCK: BlockNumber = 2;

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn fresh(f: impl FnOnce(CapitalData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut data = CapitalData::new(account(ADMIN), account(MEMBERSHIP), 1).unwrap();
        data.set_lock(account(ADMIN), LOCK).unwrap();
        f(data);
        Ok(())
    })
    .expect("off-chain test environment");
}

fn caps(individual: u16, household: u16) -> CapsBps {
    CapsBps {
        individual: BasisPoints::new(individual).unwrap(),
        household: BasisPoints::new(household).unwrap(),
    }
}

#[test]
fn a_whale_holds_three_percent_and_a_late_deposit_does_not_change_the_past() {
    fresh(|mut c| {
        for n in 1..=40 {
            c.membership_changed(account(MEMBERSHIP), 1, account(n), true, None)
                .unwrap();
            c.deposit(account(n), 1, if n == 1 { 1_000_000 } else { 100 })
                .unwrap();
        }
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        assert_eq!(c.share_at(account(1), 1), three_percent);
        // 39 others share 97% equally.
        assert_eq!(c.share_at(account(2), 1).0, Share::ONE.0 * 97 / 100 / 39);
        let before = c.share_at(account(2), 1);
        c.deposit(account(2), 5, 1_000_000).unwrap();
        assert_eq!(c.share_at(account(2), 1), before, "the past is fixed");
        assert_eq!(c.share_at(account(2), 5), three_percent);
        // Two at their caps: the 38 others share 94%.
        assert_eq!(c.share_at(account(3), 5).0, Share::ONE.0 * 94 / 100 / 38);
        assert!(c.share_at(account(3), 5) < c.share_at(account(3), 4));
    });
}

/// 40 investors of 1,000 (accounts 1 to 40) and a whale (account 41), all singles.
#[test]
fn a_whale_deposit_never_lowers_other_investors_shares_in_a_full_pool() {
    // The review's finding against a rate-spread bound: a whale depositing 4,000,000 made the
    // largest stake huge, `λ` collapsed and the 40 investors' shares fell to 0.0075% each.
    // Here the caps fill the pool: the whale's deposit beyond its cap changes no one's share.
    fresh(|mut c| {
        for n in 1..=41 {
            c.membership_changed(account(MEMBERSHIP), 1, account(n), true, None)
                .unwrap();
        }
        for n in 1..=40 {
            c.deposit(account(n), 1, 1_000).unwrap();
        }
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        // 40 × 3% = 120%: the caps can fill the pool, 1/40,000 per unit, 2.5% each.
        for n in 1..=40 {
            assert_eq!(c.share_at(account(n), 1).0, Share::ONE.0 / 40);
        }
        // Block 2: the whale stakes 1,238, the smallest stake at its cap next to 40,000
        // (1,238 × 97% / 40,000 >= 3% > 1,237 × 97% / 40,000). Like any member at its cap,
        // it takes its 3% from the 40: 97% / 40 = 2.425% each.
        c.deposit(account(41), 2, 1_238).unwrap();
        let investor = Share::ONE.0 * 97 / 100 / 40;
        assert_eq!(c.share_at(account(41), 2), three_percent);
        for n in 1..=40 {
            assert_eq!(c.share_at(account(n), 2).0, investor);
        }
        // Block 3: the whale deposits up to 4,000,000 (99% of all stake). It still holds 3%,
        // and no investor's share went down: 97% / 40 each, not 0.0075%.
        c.deposit(account(41), 3, 4_000_000 - 1_238).unwrap();
        assert_eq!(c.stake(account(41)).raw(), Some(4_000_000));
        assert_eq!(c.share_at(account(41), 3), three_percent);
        for n in 1..=40 {
            assert_eq!(c.share_at(account(n), 3), c.share_at(account(n), 2));
            assert_eq!(c.share_at(account(n), 3).0, investor);
        }
        assert!(c.rate_at(3).unwrap().same_as(c.rate_at(2).unwrap()));
        assert!(c.rate_at(3).unwrap().same_as(Rate {
            num: Share::ONE.0 - three_percent.0,
            den: 40_000
        }));
        // 100% allocated, less the floors.
        let sum: u128 = (1..=41).map(|n| c.share_at(account(n), 3).0).sum();
        assert!(sum <= Share::ONE.0 && sum + 41 >= Share::ONE.0);
    });
}

#[test]
fn refusals_change_nothing() {
    fresh(|mut c| {
        assert_eq!(c.deposit(account(1), 1, 10), Err(Error::NotMember));
        assert_eq!(
            c.membership_changed(account(5), 1, account(1), true, None),
            Err(Error::NotMembership)
        );
        c.membership_changed(account(MEMBERSHIP), 1, account(1), true, None)
            .unwrap();
        c.deposit(account(1), 1, 10).unwrap();
        assert_eq!(c.withdraw(account(1), 2, 5, 0), Err(Error::Locked));
        assert_eq!(
            c.withdraw(account(1), 3, 11, 0),
            Err(Error::InsufficientStake)
        );
        assert_eq!(
            c.set_caps(account(1), 3, caps(300, 500)),
            Err(Error::NotAdmin)
        );
        assert_eq!(
            c.set_caps(account(ADMIN), 3, caps(600, 500)),
            Err(Error::InvalidCaps)
        );
        assert_eq!(
            c.set_caps(account(ADMIN), 3, caps(99, 500)),
            Err(Error::InvalidCaps)
        );
        assert_eq!(
            c.record_contribution(account(1), 3, account(1), 5, Hash::from([1; 32])),
            Err(Error::NotRecorder)
        );
        assert_eq!(
            c.stake(account(1)),
            Stake {
                deposited: 10,
                contributed: 0,
                locked_until: 1 + LOCK
            }
        );
        c.withdraw(account(1), 3, 10, 0).unwrap();
        assert_eq!(c.stake(account(1)).deposited, 0);
    });
}

#[test]
fn a_voter_withdraws_only_after_its_vote_is_over() {
    fresh(|mut c| {
        c.membership_changed(account(MEMBERSHIP), 1, account(1), true, None)
            .unwrap();
        c.deposit(account(1), 1, 10).unwrap();
        // The deposit's own lock ends at 3; governance says its vote runs to block 9.
        assert_eq!(c.withdraw(account(1), 9, 10, 9), Err(Error::VoteLocked));
        assert_eq!(
            c.stake(account(1)).deposited,
            10,
            "the refusal changed nothing"
        );
        c.withdraw(account(1), 10, 10, 9).unwrap();
    });
}

#[test]
fn a_recorder_records_at_most_its_limit_per_period_and_governance_corrects() {
    fresh(|mut c| {
        for n in 1..=2 {
            c.membership_changed(account(MEMBERSHIP), 1, account(n), true, None)
                .unwrap();
        }
        let limit = RecorderLimit {
            amount: 100,
            period: 10,
        };
        assert_eq!(
            c.set_recorder(account(1), 1, account(5), Some(limit)),
            Err(Error::NotAdmin)
        );
        let zero = RecorderLimit { period: 0, ..limit };
        assert_eq!(
            c.set_recorder(account(ADMIN), 1, account(5), Some(zero)),
            Err(Error::InvalidLimit)
        );
        c.set_recorder(account(ADMIN), 1, account(5), Some(limit))
            .unwrap();
        let evidence = Hash::from([3; 32]);
        c.record_contribution(account(5), 2, account(2), 60, evidence)
            .unwrap();
        assert_eq!(
            c.record_contribution(account(5), 3, account(2), 41, evidence),
            Err(Error::RecorderLimit)
        );
        c.record_contribution(account(5), 3, account(2), 40, evidence)
            .unwrap();
        // The next period starts at the first record after this one ends (block 11).
        assert_eq!(
            c.record_contribution(account(5), 10, account(2), 1, evidence),
            Err(Error::RecorderLimit)
        );
        c.record_contribution(account(5), 11, account(2), 100, evidence)
            .unwrap();
        assert_eq!(c.stake(account(2)).contributed, 200);
        // Governance, with no limit, corrects what should not have been recorded.
        assert_eq!(
            c.correct_contribution(account(5), 12, account(2), 50, evidence),
            Err(Error::NotAdmin)
        );
        assert_eq!(
            c.correct_contribution(account(ADMIN), 12, account(2), 201, evidence),
            Err(Error::InsufficientContribution)
        );
        c.correct_contribution(account(ADMIN), 12, account(2), 150, evidence)
            .unwrap();
        assert_eq!(c.stake(account(2)).contributed, 50);
        assert_eq!(c.raw_at(account(2), 12), 50);
        assert_eq!(c.raw_at(account(2), 11), 200, "the past is kept");
        c.set_recorder(account(ADMIN), 13, account(5), None)
            .unwrap();
        assert_eq!(
            c.record_contribution(account(5), 13, account(2), 1, evidence),
            Err(Error::NotRecorder)
        );
    });
}

/// What governance was told so far, replayed from the reports in `events`.
fn hear(
    core: &mut CapitalData,
    told: &mut BTreeMap<AccountId, CapitalInput>,
    rate: &mut Rate,
    events: Vec<CapitalEvent>,
) {
    for event in events {
        if let CapitalEvent::Report(report) = event {
            // A governance that takes every change.
            core.commit(&report, report.changes.len() as u32);
            *rate = report.rate;
            told.extend(report.changes);
        }
    }
}

/// Like `hear`, for a governance that takes only the first `most` changes of each report.
fn hear_some(
    core: &mut CapitalData,
    told: &mut BTreeMap<AccountId, CapitalInput>,
    rate: &mut Rate,
    events: Vec<CapitalEvent>,
    most: usize,
) {
    for event in events {
        if let CapitalEvent::Report(report) = event {
            let taken = report.changes.len().min(most);
            core.commit(&report, taken as u32);
            *rate = report.rate;
            told.extend(report.changes.into_iter().take(taken));
        }
    }
}

/// `hear` what a core call returned (evaluated first, so the core is free again).
macro_rules! tell {
    ($core:ident, $told:expr, $rate:expr, $events:expr $(,)?) => {{
        let events = $events;
        hear(&mut $core, $told, $rate, events)
    }};
}

#[test]
fn five_members_one_deposits_one_planck_it_holds_its_proportional_part_not_3_percent() {
    fresh(|mut c| {
        let (mut told, mut rate) = (BTreeMap::new(), Rate::UNBOUNDED);
        for n in 1..=5 {
            let events = c
                .membership_changed(account(MEMBERSHIP), 1, account(n), true, None)
                .unwrap();
            tell!(c, &mut told, &mut rate, events);
        }
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        // Alone, its proportional part is the whole pool: capped at 3%.
        tell!(
            c,
            &mut told,
            &mut rate,
            c.deposit(account(5), 1, 1).unwrap()
        );
        assert_eq!(c.share_at(account(5), 1), three_percent);
        assert_eq!(
            c.rate_at(1),
            Some(Rate {
                num: Share::ONE.0,
                den: 1
            })
        );
        // The four others stake 1,000 to 4,000: 10,001 in all, the five caps hold 15% at most,
        // so proportional: 1/10,001 per unit. The four are capped at 3%; the 1 planck holds
        // its proportional part, 1/10,001 ≈ 0.01%, not 3%.
        for n in 1..=4 {
            let events = c.deposit(account(n), 2, 1_000 * u128::from(n)).unwrap();
            tell!(c, &mut told, &mut rate, events);
        }
        for n in 1..=4 {
            assert_eq!(c.share_at(account(n), 2), three_percent);
        }
        let proportional = Rate {
            num: Share::ONE.0,
            den: 10_001,
        };
        let small = c.share_at(account(5), 2);
        assert_eq!(small, Share(99_990_000_999_900), "1/10,001");
        assert_eq!(c.rate_at(2), Some(proportional));
        // 12% and 1/10,001 allocated, the rest not; governance agrees from the reports alone.
        let sum: u128 = (1..=5).map(|n| c.share_at(account(n), 2).0).sum();
        assert_eq!(sum, 4 * three_percent.0 + small.0);
        assert_eq!(rate, proportional);
        assert_eq!(
            told[&account(5)],
            CapitalInput {
                raw: 1,
                fixed: None
            }
        );
        for n in 1..=4 {
            assert_eq!(told[&account(n)].fixed, Some(three_percent));
        }
        for n in 1..=5 {
            assert_eq!(told[&account(n)].share(rate), c.share_at(account(n), 2).0);
        }
    });
}

/// A whale of 10^6 and `small` stakers of 1 planck each, all singles at the default caps.
fn whale_and_small_stakers(small: u8, check: impl FnOnce(&CapitalData)) {
    fresh(|mut c| {
        for n in 1..=small + 1 {
            c.membership_changed(account(MEMBERSHIP), 1, account(n), true, None)
                .unwrap();
            c.deposit(account(n), 1, if n == 1 { 1_000_000 } else { 1 })
                .unwrap();
        }
        check(&c);
    });
}

#[test]
fn thirty_two_stakers_of_one_planck_next_to_a_whale_hold_their_proportional_part() {
    // 33 units at 3% hold 99% at most: the caps cannot fill the pool, shares are proportional,
    // 1/1,000,032 per unit: the whale is capped at 3%, each staker of 1 planck holds
    // 1/1,000,032 of the pool, not 3%.
    whale_and_small_stakers(32, |c| {
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        assert_eq!(c.share_at(account(1), 1), three_percent);
        for n in 2..=33 {
            assert_eq!(c.share_at(account(n), 1).0, Share::ONE.0 / 1_000_032);
        }
        assert_eq!(
            c.rate_at(1),
            Some(Rate {
                num: Share::ONE.0,
                den: 1_000_032
            })
        );
    });
}

#[test]
fn thirty_three_stakers_of_one_planck_next_to_a_whale_fill_the_pool_by_waterfilling() {
    // 34 units at 3% can hold 102%: the caps can fill the pool, so waterfilling: the whale
    // holds 3% and the 33 stakers of 1 planck share the other 97%, 2.94% each.
    whale_and_small_stakers(33, |c| {
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        assert_eq!(c.share_at(account(1), 1), three_percent);
        let each = (Share::ONE.0 - three_percent.0) / 33;
        for n in 2..=34 {
            assert_eq!(c.share_at(account(n), 1).0, each);
        }
        assert!(c.rate_at(1).unwrap().same_as(Rate {
            num: Share::ONE.0 - three_percent.0,
            den: 33
        }));
        let sum: u128 = (1..=34).map(|n| c.share_at(account(n), 1).0).sum();
        assert_eq!(sum, three_percent.0 + 33 * each);
        assert!(sum + 34 >= Share::ONE.0, "100%, less the floors");
    });
}

#[test]
fn a_household_in_a_pool_the_caps_cannot_fill_splits_its_cap_by_stake() {
    fresh(|mut c| {
        // A household of three (10, 10, 20) and two singles (1 and 1,000): 1,041 in all.
        for (n, h) in [
            (1, Some(7)),
            (2, Some(7)),
            (3, Some(7)),
            (4, None),
            (5, None),
        ] {
            c.membership_changed(account(MEMBERSHIP), 1, account(n), true, h)
                .unwrap();
        }
        for (n, x) in [(1, 10), (2, 10), (3, 20), (4, 1), (5, 1_000)] {
            c.deposit(account(n), 1, x).unwrap();
        }
        // 1,041 in all; the caps hold 3% + 3% + 5% = 11% at most: proportional, 1/1,041 per
        // unit. The 1,000 is capped at 3%; the three hold 10/1,041, 10/1,041 and 20/1,041,
        // 3.84%, below the 5% household cap: the household is not full and follows `λ`.
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        let proportional = Rate {
            num: Share::ONE.0,
            den: 1_041,
        };
        assert_eq!(c.rate_at(1), Some(proportional));
        assert_eq!(c.household_rate_at(7, 1), None);
        assert_eq!(c.share_at(account(1), 1), Share(9_606_147_934_678_194));
        assert_eq!(c.share_at(account(3), 1), Share(19_212_295_869_356_388));
        assert_eq!(c.share_at(account(4), 1), Share(960_614_793_467_819));
        assert_eq!(c.share_at(account(5), 1), three_percent);
        // Member 5 leaves: 41 in all, 1/41 per unit; the household would hold 9%, full: 5%
        // split 1:1:2, at its own rate 5% / 40 per unit; member 4 holds 1/41 ≈ 2.44%.
        c.membership_changed(account(MEMBERSHIP), 2, account(5), false, None)
            .unwrap();
        let five_percent = BasisPoints::new(500).unwrap().to_share();
        let own = c.household_rate_at(7, 2).expect("full");
        assert!(own.same_as(Rate {
            num: five_percent.0,
            den: 40
        }));
        let bps = |b: u16| BasisPoints::new(b).unwrap().to_share();
        assert_eq!(c.share_at(account(1), 2), bps(125));
        assert_eq!(c.share_at(account(2), 2), bps(125));
        assert_eq!(c.share_at(account(3), 2), bps(250));
        assert_eq!(c.share_at(account(4), 2), Share(24_390_243_902_439_024));
        assert_eq!(
            c.rate_at(2),
            Some(Rate {
                num: Share::ONE.0,
                den: 41
            })
        );
    });
}

/// `n` members (accounts from 100 on, past the fixed ones), singles, staking `stake(i)`.
fn singles(n: u16, stake: impl Fn(u16) -> u128, check: impl FnOnce(&CapitalData)) {
    fresh(|mut c| {
        for i in 0..n {
            let a = many(i);
            c.membership_changed(account(MEMBERSHIP), 1, a, true, None)
                .unwrap();
            c.deposit(a, 1, stake(i)).unwrap();
        }
        check(&c);
    });
}

fn many(i: u16) -> AccountId {
    let mut bytes = [100u8; 32];
    bytes[..2].copy_from_slice(&i.to_le_bytes());
    AccountId::from(bytes)
}

#[test]
fn thirty_three_capped_stakes_leave_the_last_percent_to_a_stake_of_one() {
    // 33 stakes of 1,000 at 3% hold 99%; with the stake of 1 the caps can fill the pool, and
    // waterfilling hands it the last 1%: a third of their 3%, what the capped members leave.
    singles(
        34,
        |i| if i == 0 { 1 } else { 1_000 },
        |c| {
            let three_percent = BasisPoints::new(300).unwrap().to_share();
            assert_eq!(
                c.share_at(many(0), 1),
                BasisPoints::new(100).unwrap().to_share()
            );
            for i in 1..34 {
                assert_eq!(c.share_at(many(i), 1), three_percent);
            }
        },
    );
}

#[test]
fn caps_filling_the_pool_exactly_hold_every_staker_at_its_cap() {
    // 30 singles of 1 planck (90% of caps) and two full households, [1,000, 1,000] and
    // [2,000, 500] (5% each): the caps fill the pool exactly, and everyone at its cap is the
    // waterfilling answer: `λ` unbounded, each planck at 3%, each household at 5%.
    fresh(|mut c| {
        let members: [(u16, Option<HouseholdId>, u128); 4] = [
            (30, Some(1), 1_000),
            (31, Some(1), 1_000),
            (32, Some(2), 2_000),
            (33, Some(2), 500),
        ];
        for i in 0..30 {
            c.membership_changed(account(MEMBERSHIP), 1, many(i), true, None)
                .unwrap();
            c.deposit(many(i), 1, 1).unwrap();
        }
        for (i, h, x) in members {
            c.membership_changed(account(MEMBERSHIP), 1, many(i), true, h)
                .unwrap();
            c.deposit(many(i), 1, x).unwrap();
        }
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        assert_eq!(c.rate_at(1), Some(Rate::UNBOUNDED));
        for i in 0..30 {
            assert_eq!(c.share_at(many(i), 1), three_percent);
        }
        let bps = |b: u16| BasisPoints::new(b).unwrap().to_share();
        assert_eq!(c.share_at(many(30), 1), bps(250));
        assert_eq!(c.share_at(many(31), 1), bps(250));
        assert_eq!(c.share_at(many(32), 1), three_percent);
        assert_eq!(c.share_at(many(33), 1), bps(200));
        assert!(c.household_rate_at(1, 1).is_some() && c.household_rate_at(2, 1).is_some());
        let sum: u128 = (0..34).map(|i| c.share_at(many(i), 1).0).sum();
        assert_eq!(sum, Share::ONE.0);
    });
}

#[test]
fn a_large_healthy_cooperative_is_plain_waterfilling() {
    // 200 similar stakes (900 to 1,100, 200,000 in all) and a whale of 22,222 (10% of all
    // stake): the whale is capped at 3%, the others share 97% in the ratio of their stakes.
    let stake = |i: u16| {
        if i == 200 {
            22_222
        } else {
            900 + 10 * u128::from(i % 21)
        }
    };
    singles(201, stake, |c| {
        let rest: u128 = (0..200).map(stake).sum();
        let rest_share = Share::ONE.0 - BasisPoints::new(300).unwrap().to_share().0;
        assert!(c.rate_at(1).unwrap().same_as(Rate {
            num: rest_share,
            den: rest
        }));
        assert_eq!(
            c.share_at(many(200), 1),
            BasisPoints::new(300).unwrap().to_share()
        );
        for i in 0..200 {
            assert_eq!(c.share_at(many(i), 1).0, stake(i) * rest_share / rest);
        }
        let sum: u128 = (0..=200).map(|i| c.share_at(many(i), 1).0).sum();
        assert!(sum + 201 >= Share::ONE.0, "100%, less the floors");
    });
}

// ----- random histories against the reference -----

#[derive(Debug, Clone)]
enum Op {
    Admit(u8),
    Exit(u8),
    Join(u8, HouseholdId),
    LeaveHousehold(u8),
    Deposit(u8, u128),
    Withdraw(u8, u128),
    Contribute(u8, u128),
    SetCaps(u16, u16),
    Next(u32),
}

fn amount() -> impl Strategy<Value = u128> {
    prop_oneof![4 => 1u128..100, 2 => 100u128..10_000, 1 => Just(1_000_000u128), 1 => Just(0u128)]
}

/// 12 accounts fill the pool under the caps only from 10% up: these reach both regimes.
fn some_caps() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        Just((300u16, 500u16)),
        Just((1_000, 1_500)),
        Just((2_000, 2_000)),
        Just((2_500, 4_000)),
        Just((5_000, 6_000))
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let who = 1u8..=ACCOUNTS;
    prop_oneof![
        4 => who.clone().prop_map(Op::Admit),
        1 => who.clone().prop_map(Op::Exit),
        3 => (who.clone(), 1u32..=3).prop_map(|(a, h)| Op::Join(a, h)),
        1 => who.clone().prop_map(Op::LeaveHousehold),
        6 => (who.clone(), amount()).prop_map(|(a, x)| Op::Deposit(a, x)),
        2 => (who.clone(), amount()).prop_map(|(a, x)| Op::Withdraw(a, x)),
        2 => (who.clone(), amount()).prop_map(|(a, x)| Op::Contribute(a, x)),
        1 => some_caps().prop_map(|(i, h)| Op::SetCaps(i, h)),
        3 => (1u32..3).prop_map(Op::Next),
    ]
}

#[derive(Debug, Clone, Default)]
struct Model {
    members: BTreeMap<u8, Option<HouseholdId>>,
    stakes: BTreeMap<u8, Stake>,
    caps: (u16, u16),
}

impl Model {
    fn apply(&mut self, op: &Op, now: BlockNumber) -> Result<(), Error> {
        match *op {
            Op::Admit(a) => {
                self.members.entry(a).or_insert(None);
            }
            Op::Exit(a) => {
                self.members.remove(&a);
            }
            Op::Join(a, h) => {
                if let Some(slot) = self.members.get_mut(&a) {
                    *slot = Some(h);
                }
            }
            Op::LeaveHousehold(a) => {
                if let Some(slot) = self.members.get_mut(&a) {
                    *slot = None;
                }
            }
            Op::Deposit(a, x) => {
                if !self.members.contains_key(&a) {
                    return Err(Error::NotMember);
                }
                if x == 0 {
                    return Err(Error::ZeroAmount);
                }
                let s = self.stakes.entry(a).or_default();
                s.deposited += x;
                s.locked_until = s.locked_until.max(now + LOCK);
            }
            Op::Withdraw(a, x) => {
                if x == 0 {
                    return Err(Error::ZeroAmount);
                }
                let s = self.stakes.entry(a).or_default();
                if s.deposited < x {
                    return Err(Error::InsufficientStake);
                }
                if now < s.locked_until {
                    return Err(Error::Locked);
                }
                s.deposited -= x;
            }
            Op::Contribute(a, x) => {
                if !self.members.contains_key(&a) {
                    return Err(Error::NotMember);
                }
                if x == 0 {
                    return Err(Error::ZeroAmount);
                }
                self.stakes.entry(a).or_default().contributed += x;
            }
            Op::SetCaps(i, h) => self.caps = (i, h),
            Op::Next(_) => {}
        }
        Ok(())
    }

    fn raw(&self, a: u8) -> u128 {
        self.stakes
            .get(&a)
            .map_or(0, |s| s.deposited + s.contributed)
    }

    /// The reference shares of every account in this state (waterfilling when the caps can
    /// fill the pool, else plain proportional over the whole stake), and the reference itself
    /// (`λ` and which rule gave it).
    fn expected(&self) -> (BTreeMap<u8, u128>, Reference) {
        let c = caps(self.caps.0, self.caps.1);
        let mut case = Case {
            singles: Vec::new(),
            households: Vec::new(),
            caps: Caps {
                individual: c.individual.to_share(),
                household: c.household.to_share(),
            },
        };
        let singles: Vec<u8> = self
            .members
            .iter()
            .filter(|(_, h)| h.is_none())
            .map(|(a, _)| *a)
            .collect();
        case.singles = singles.iter().map(|a| self.raw(*a)).collect();
        let groups = self.households();
        case.households = groups
            .values()
            .map(|g| g.iter().map(|a| self.raw(*a)).collect())
            .collect();
        let r = reference(&case);
        let mut out = BTreeMap::new();
        for (a, s) in singles.iter().zip(&r.shares[0]) {
            out.insert(*a, floor(s));
        }
        for (g, shares) in groups.values().zip(&r.shares[1..]) {
            for (a, s) in g.iter().zip(shares) {
                out.insert(*a, floor(s));
            }
        }
        (out, r)
    }

    fn households(&self) -> BTreeMap<HouseholdId, Vec<u8>> {
        let mut groups: BTreeMap<HouseholdId, Vec<u8>> = BTreeMap::new();
        for (a, h) in &self.members {
            if let Some(h) = h {
                groups.entry(*h).or_default().push(*a);
            }
        }
        groups
    }

    fn pool(&self) -> u128 {
        self.members.keys().map(|a| self.raw(*a)).sum()
    }
}

/// What must hold at `block` whose state `model` was: every share the reference's; no member
/// above `c`, no household above `C`, never above 100% (property 1); members that follow the
/// same rate below `c` (outside full households, or in the same full household) in the ratio
/// of their stakes (property 2); nobody worth more per unit of stake than `λ`, so a stake of 1
/// never holds more than 1/1,000 of the share of a stake of 1,000 that follows `λ` below its
/// cap (property 3); `λ` the reference's exactly: `1/pool` when the caps cannot fill the
/// pool, unbounded only for an empty pool or caps filling it exactly, and 100% allocated
/// (less the floors) when the caps can fill it.
fn check_block(core: &CapitalData, model: &Model, block: BlockNumber) {
    let (shares, expected) = model.expected();
    let share = |a: u8| core.share_at(account(a), block).0;
    for a in 1..=ACCOUNTS {
        let want = shares.get(&a).copied().unwrap_or(0);
        assert_eq!(share(a), want, "share of {a} at {block}");
    }
    let c = caps(model.caps.0, model.caps.1);
    let (individual, household) = (c.individual.to_share().0, c.household.to_share().0);
    assert!(
        (1..=ACCOUNTS).all(|a| share(a) <= individual),
        "c at {block}"
    );
    let groups = model.households();
    for (h, members) in &groups {
        let held: u128 = members.iter().map(|a| share(*a)).sum();
        assert!(held <= household, "C for household {h} at {block}");
    }
    let sum: u128 = (1..=ACCOUNTS).map(share).sum();
    assert!(sum <= Share::ONE.0, "100% at {block}");
    // Every staked member: the rate it follows (`None`: `λ`; `Some(h)`: full household `h`'s
    // own), its raw stake and its share.
    let staked: Vec<(Option<HouseholdId>, u128, u128)> = model
        .members
        .iter()
        .map(|(a, h)| {
            let own = h.filter(|h| core.household_rate_at(*h, block).is_some());
            (own, core.raw_at(account(*a), block), share(*a))
        })
        .filter(|(_, raw, _)| *raw > 0)
        .collect();
    let below: Vec<&(Option<HouseholdId>, u128, u128)> =
        staked.iter().filter(|(_, _, s)| *s < individual).collect();
    for (i, (ha, ra, sa)) in below.iter().enumerate() {
        for (_, rb, sb) in below.iter().skip(i + 1).filter(|(hb, ..)| hb == ha) {
            let gap = BigInt::from(*sa) * BigInt::from(*rb) - BigInt::from(*sb) * BigInt::from(*ra);
            assert!(
                gap.magnitude() <= BigInt::from(*ra.max(rb)).magnitude(),
                "{sa}/{ra} vs {sb}/{rb} at {block}"
            );
        }
    }
    // No rate yet: nothing happened, the pool is empty.
    let rate = core.rate_at(block).unwrap_or(Rate::UNBOUNDED);
    let exact = (rate.den > 0).then(|| Q::new(BigInt::from(rate.num), BigInt::from(rate.den)));
    assert_eq!(exact, expected.lambda, "λ at {block}");
    if rate.den > 0 {
        for (_, raw, s) in &staked {
            assert!(*s <= rate.linear(*raw), "{s} for {raw} above λ at {block}");
        }
    }
    let lowest = below
        .iter()
        .filter(|(h, ..)| h.is_none())
        .map(|(_, r, s)| Q::new(BigInt::from(*s) + 1, BigInt::from(*r)))
        .min();
    if let Some(lowest) = lowest {
        for (_, r, s) in &staked {
            let per_unit = Q::new(BigInt::from(*s), BigInt::from(*r));
            assert!(per_unit < lowest, "{s} for {r} at {block}: {staked:?}");
        }
    }
    match expected.regime {
        Regime::Proportional => assert_eq!(
            rate,
            Rate {
                num: Share::ONE.0,
                den: model.pool()
            },
            "proportional at {block}"
        ),
        Regime::Unbounded => {
            assert_eq!(rate, Rate::UNBOUNDED, "unbounded at {block}");
            if model.pool() > 0 {
                assert!(
                    sum + u128::from(ACCOUNTS) >= Share::ONE.0,
                    "everyone at its cap at {block}"
                );
            }
        }
        Regime::Waterfill => {
            assert!(rate.den > 0, "bounded at {block}");
            assert!(
                sum + u128::from(ACCOUNTS) >= Share::ONE.0,
                "filled at {block}"
            );
        }
    }
}

fn apply_to_core(
    c: &mut CapitalData,
    model: &Model,
    op: &Op,
    now: BlockNumber,
) -> Result<Vec<CapitalEvent>, Error> {
    let tell = |c: &mut CapitalData, a: u8, member: bool, h: Option<HouseholdId>| {
        c.membership_changed(account(MEMBERSHIP), now, account(a), member, h)
    };
    match *op {
        Op::Admit(a) if !model.members.contains_key(&a) => tell(c, a, true, None),
        Op::Exit(a) if model.members.contains_key(&a) => tell(c, a, false, None),
        Op::Join(a, h) if model.members.contains_key(&a) => tell(c, a, true, Some(h)),
        Op::LeaveHousehold(a) if model.members.contains_key(&a) => tell(c, a, true, None),
        Op::Admit(_) | Op::Exit(_) | Op::Join(..) | Op::LeaveHousehold(_) => Ok(Vec::new()),
        Op::Deposit(a, x) => c.deposit(account(a), now, x),
        Op::Withdraw(a, x) => c.withdraw(account(a), now, x, 0),
        Op::Contribute(a, x) => {
            c.record_contribution(account(ADMIN), now, account(a), x, Hash::from([7; 32]))
        }
        Op::SetCaps(i, h) => c.set_caps(account(ADMIN), now, caps(i, h)),
        Op::Next(_) => Ok(Vec::new()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_500))]

    #[test]
    fn share_at_every_block_equals_the_reference_of_that_block(
        take in prop_oneof![2 => Just(usize::MAX), 1 => 1usize..=3],
        start in prop_oneof![1 => Just(None), 2 => some_caps().prop_map(Some)],
        founders in prop::collection::vec(amount(), 0..=ACCOUNTS as usize),
        ops in prop::collection::vec(op(), 1..45),
    ) {
        // Most histories start with caps at which a dozen members can fill the pool, and with
        // some founders staking at block 1.
        let founding = founders.iter().enumerate().flat_map(|(n, x)| {
            let a = n as u8 + 1;
            [Op::Admit(a), Op::Deposit(a, *x)]
        });
        let ops: Vec<Op> = start
            .map(|(i, h)| Op::SetCaps(i, h))
            .into_iter()
            .chain(founding)
            .chain(ops)
            .collect();
        fresh(|mut core| {
            let mut model = Model { caps: (300, 500), ..Model::default() };
            let mut now: BlockNumber = 1;
            let mut by_block: BTreeMap<BlockNumber, Model> = BTreeMap::new();
            // What governance would know from the reports alone.
            let mut told: BTreeMap<AccountId, CapitalInput> = BTreeMap::new();
            let mut rate = Rate::UNBOUNDED;
            for op in &ops {
                if let Op::Next(n) = op {
                    by_block.insert(now, model.clone());
                    now += n;
                    continue;
                }
                let got = apply_to_core(&mut core, &model, op, now);
                let expected = model.apply(op, now);
                assert_eq!(got.clone().map(drop), expected, "{op:?} at block {now}");
                // A governance that takes at most `take` changes per report.
                hear_some(&mut core, &mut told, &mut rate, got.unwrap_or_default(), take);
                let agrees = |core: &CapitalData, told: &BTreeMap<AccountId, CapitalInput>, rate: Rate, a: u8| {
                    let input = told.get(&account(a)).copied().unwrap_or_default();
                    input.share(rate) == core.share_at(account(a), now).0
                };
                if let Op::Deposit(a, _) | Op::Withdraw(a, _) | Op::Contribute(a, _) = op {
                    assert!(agrees(&core, &told, rate, *a), "{a} is told at once after {op:?}");
                }
                if core.pending_reports() == 0 {
                    for a in 1..=ACCOUNTS {
                        assert!(agrees(&core, &told, rate, a), "nothing pending, {a} after {op:?}");
                    }
                }
                // Anyone flushes what is left; every flush tells fewer units are waiting.
                let mut flushes = 0;
                while core.pending_reports() > 0 {
                    let events = core.flush_reports().unwrap();
                    hear_some(&mut core, &mut told, &mut rate, events, take);
                    flushes += 1;
                    assert!(flushes < 1_000, "the flushes drain the queue");
                }
                assert_eq!(core.flush_reports(), Err(Error::NothingPending));
                assert!(core.fixed_now().len() <= 100, "at most 100 fixed units");
                for a in 1..=ACCOUNTS {
                    assert!(agrees(&core, &told, rate, a), "reported share of {a} after {op:?} at {now}");
                    assert_eq!(told.get(&account(a)).copied().unwrap_or_default(), core.told(account(a)));
                }
            }
            by_block.insert(now, model.clone());
            for block in 1..=now {
                let Some((_, state)) = by_block.range(..=block).next_back() else { continue };
                check_block(&core, state, block);
            }
        });
    }
}
