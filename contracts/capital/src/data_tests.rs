//! Host tests of the capital core: scenarios, and random histories (joins, exits, household
//! moves, deposits, withdrawals, contributions, cap changes) checked at every past block
//! against the exact reference computed from that block's state, spread bound included.

use crate::{
    data::CapitalData,
    errors::Error,
    events::CapitalEvent,
    reference::{floor, floored_spread, reference, Case, Reference, Regime, Q},
    types::{CapsBps, Stake, MAX_RATE_SPREAD},
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
        // Waterfilling alone would hand the 39 others 97% for 0.4% of the stake (97% / 3,900
        // per unit, 8,000 times the whale's 3% / 10^6). Bounded at 10 × 3% / 10^6 per unit,
        // each holds 0.003%; the rest stays unallocated.
        assert_eq!(
            c.share_at(account(2), 1).0,
            100 * MAX_RATE_SPREAD * three_percent.0 / 1_000_000
        );
        let before = c.share_at(account(2), 1);
        c.deposit(account(2), 5, 1_000_000).unwrap();
        assert_eq!(c.share_at(account(2), 1), before, "the past is fixed");
        assert_eq!(c.share_at(account(2), 5), three_percent);
        // The largest stake is now 1,000,100: the others' rate drops a little.
        assert_eq!(
            c.share_at(account(3), 5).0,
            100 * MAX_RATE_SPREAD * three_percent.0 / 1_000_100
        );
        assert!(c.share_at(account(3), 5) < c.share_at(account(3), 4));
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
        assert_eq!(c.withdraw(account(1), 2, 5), Err(Error::Locked));
        assert_eq!(c.withdraw(account(1), 3, 11), Err(Error::InsufficientStake));
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
        c.withdraw(account(1), 3, 10).unwrap();
        assert_eq!(c.stake(account(1)).deposited, 0);
    });
}

/// What governance was told so far, replayed from the reports in `events`.
fn tell(told: &mut BTreeMap<AccountId, CapitalInput>, rate: &mut Rate, events: Vec<CapitalEvent>) {
    for event in events {
        if let CapitalEvent::Report(report) = event {
            *rate = report.rate;
            told.extend(report.changes);
        }
    }
}

#[test]
fn five_members_one_deposits_one_planck_it_holds_3_percent_at_most_and_no_more_than_its_part() {
    fresh(|mut c| {
        let (mut told, mut rate) = (BTreeMap::new(), Rate::UNBOUNDED);
        for n in 1..=5 {
            let events = c
                .membership_changed(account(MEMBERSHIP), 1, account(n), true, None)
                .unwrap();
            tell(&mut told, &mut rate, events);
        }
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        // Alone, its proportional part is the whole pool: capped at 3%. The bound (10 × 3% / 1
        // per unit) does not change that.
        tell(&mut told, &mut rate, c.deposit(account(5), 1, 1).unwrap());
        assert_eq!(c.share_at(account(5), 1), three_percent);
        assert!(c.rate_at(1).unwrap().same_as(Rate {
            num: MAX_RATE_SPREAD * three_percent.0,
            den: 1
        }));
        // The four others stake 1,000 to 4,000: 10,001 in all, the five caps hold 15% at most,
        // so proportional: 1/10,001 per unit. The largest stake, 4,000, is capped at a rate of
        // 3% / 4,000: bounded at ten times that, 0.0075% per unit, the 1 planck holds 0.0075%,
        // below its proportional part 1/10,001 ≈ 0.01%.
        for n in 1..=4 {
            let events = c.deposit(account(n), 2, 1_000 * u128::from(n)).unwrap();
            tell(&mut told, &mut rate, events);
        }
        for n in 1..=4 {
            assert_eq!(c.share_at(account(n), 2), three_percent);
        }
        let bounded = Rate {
            num: MAX_RATE_SPREAD * three_percent.0,
            den: 4_000,
        };
        let small = c.share_at(account(5), 2);
        assert_eq!(small.0, 75_000_000_000_000, "0.0075%");
        assert!(small.0 < Share::ONE.0 / 10_001, "below 1 planck of 10,001");
        assert!(c.rate_at(2).unwrap().same_as(bounded));
        // 12% and 0.0075% allocated, the rest not; governance agrees from the reports alone.
        let sum: u128 = (1..=5).map(|n| c.share_at(account(n), 2).0).sum();
        assert_eq!(sum, 4 * three_percent.0 + small.0);
        assert!(rate.same_as(bounded));
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
fn thirty_two_stakers_of_one_planck_next_to_a_whale_hold_a_tenth_of_its_rate_each() {
    // 33 units at 3% hold 99% at most: the caps cannot fill the pool, shares are proportional
    // (1/1,000,032 per unit), then bounded at ten times the whale's rate: 10 × 3% / 10^6 =
    // 0.00003% each, not 1/1,000,032 ≈ 0.0001%.
    whale_and_small_stakers(32, |c| {
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        assert_eq!(c.share_at(account(1), 1), three_percent);
        for n in 2..=33 {
            assert_eq!(c.share_at(account(n), 1).0, 300_000_000_000);
        }
        assert!(c.rate_at(1).unwrap().same_as(Rate {
            num: MAX_RATE_SPREAD * three_percent.0,
            den: 1_000_000
        }));
    });
}

#[test]
fn thirty_three_stakers_of_one_planck_next_to_a_whale_fill_the_caps_yet_hold_a_tenth_of_its_rate() {
    // 34 units at 3% can hold 102%: the caps can fill the pool, and waterfilling alone would
    // hand the 33 stakers of 1 planck the other 97% (2.94% each). Bounded at ten times the
    // whale's rate, they hold 10 × 3% / 10^6 = 0.00003% each, as with 32 of them; the whale
    // holds 3%, and 96.99% stays unallocated.
    whale_and_small_stakers(33, |c| {
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        assert_eq!(c.share_at(account(1), 1), three_percent);
        for n in 2..=34 {
            assert_eq!(c.share_at(account(n), 1).0, 300_000_000_000);
        }
        let sum: u128 = (1..=34).map(|n| c.share_at(account(n), 1).0).sum();
        assert_eq!(sum, three_percent.0 + 33 * 300_000_000_000);
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
        // 1/1,041 per unit, proportional; the largest stake, 1,000, is capped at a rate of
        // 3% / 1,000, so the bound lowers `λ` to ten times that: 0.03% per unit.
        let three_percent = BasisPoints::new(300).unwrap().to_share();
        let bounded = Rate {
            num: MAX_RATE_SPREAD * three_percent.0,
            den: 1_000,
        };
        assert!(c.rate_at(1).unwrap().same_as(bounded));
        // At 0.03% per unit the three hold 0.3%, 0.3%, 0.6%: 1.2%, below the 5% household cap
        // (so they would at 1/1,041, 3.84%), so the household is not full and follows λ.
        assert_eq!(c.household_rate_at(7, 1), None);
        assert_eq!(c.share_at(account(1), 1), Share(3_000_000_000_000_000));
        assert_eq!(c.share_at(account(3), 1), Share(6_000_000_000_000_000));
        assert_eq!(c.share_at(account(4), 1), Share(300_000_000_000_000));
        assert_eq!(c.share_at(account(5), 1), three_percent);
        // Member 5 leaves: 41 in all, 1/41 per unit; the household would hold 9%, full: 5%
        // split 1:1:2, at its own rate 5% / 40 per unit, the lowest (3% / 20 is above it). The
        // bound: 10 × 5% / 40 = 1.25% per unit, below 1/41; the household stays full.
        c.membership_changed(account(MEMBERSHIP), 2, account(5), false, None)
            .unwrap();
        let five_percent = BasisPoints::new(500).unwrap().to_share();
        let own = c.household_rate_at(7, 2).expect("full");
        assert!(own.same_as(Rate {
            num: five_percent.0,
            den: 40
        }));
        assert_eq!(c.share_at(account(1), 2), Share(12_500_000_000_000_000));
        assert_eq!(c.share_at(account(3), 2), Share(25_000_000_000_000_000));
        assert_eq!(c.share_at(account(4), 2), Share(12_500_000_000_000_000));
        assert!(c.rate_at(2).unwrap().same_as(Rate {
            num: MAX_RATE_SPREAD * five_percent.0,
            den: 40
        }));
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
fn thirty_three_capped_stakes_leave_one_planck_no_more_than_a_hundredth() {
    // 33 stakes of 1,000 at 3% hold 99%: waterfilling alone hands the last 1% to a stake of 1.
    // Bounded at 10 × 3% / 1,000 per unit, it holds 0.03%, a hundredth of their 3%.
    singles(
        34,
        |i| if i == 0 { 1 } else { 1_000 },
        |c| {
            let three_percent = BasisPoints::new(300).unwrap().to_share();
            assert_eq!(c.share_at(many(0), 1).0, three_percent.0 / 100);
            for i in 1..34 {
                assert_eq!(c.share_at(many(i), 1), three_percent);
            }
        },
    );
}

#[test]
fn caps_filling_the_pool_exactly_no_longer_hand_every_planck_its_cap() {
    // 30 singles of 1 planck (90% of caps) and two full households, [1,000, 1,000] and
    // [2,000, 500] (5% each): the caps fill the pool exactly. Bounded at 10 × 3% / 2,000 per
    // unit (the 2,000's capped rate is the lowest), each planck holds 0.015%, not 3%.
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
        assert!(c.rate_at(1).unwrap().same_as(Rate {
            num: MAX_RATE_SPREAD * three_percent.0,
            den: 2_000
        }));
        for i in 0..30 {
            assert_eq!(c.share_at(many(i), 1), Share(150_000_000_000_000));
        }
        let bps = |b: u16| BasisPoints::new(b).unwrap().to_share();
        assert_eq!(c.share_at(many(30), 1), bps(250));
        assert_eq!(c.share_at(many(31), 1), bps(250));
        assert_eq!(c.share_at(many(32), 1), three_percent);
        assert_eq!(c.share_at(many(33), 1), bps(200));
        assert!(c.household_rate_at(1, 1).is_some() && c.household_rate_at(2, 1).is_some());
    });
}

#[test]
fn a_large_healthy_cooperative_is_unchanged_by_the_bound() {
    // 200 similar stakes (900 to 1,100, 200,000 in all) and a whale of 22,222 (10% of all
    // stake): the whale is capped at 3%, the others share 97%, at 3.6 times the whale's rate.
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
    /// fill the pool, else plain proportional over the whole stake, then the spread bound), and
    /// the reference itself (the final `λ`, which rule gave it, whether the bound binds).
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
/// above `c`, no household above `C`, never above 100% (property 1); members below `c` and
/// outside full households in the ratio of their stakes (property 2); `λ` the reference's
/// exactly (`1/pool` when the caps cannot fill the pool and the bound does not bind); no
/// per-unit rate more than `K` times another, up to the floor (property 5).
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
    let plain: Vec<(u128, u128)> = model
        .members
        .iter()
        .filter(|(_, h)| h.is_none_or(|h| core.household_rate_at(h, block).is_none()))
        .map(|(a, _)| (core.raw_at(account(*a), block), share(*a)))
        .filter(|(raw, s)| *raw > 0 && *s < individual)
        .collect();
    for (i, (ra, sa)) in plain.iter().enumerate() {
        for (rb, sb) in plain.iter().skip(i + 1) {
            let gap = BigInt::from(*sa) * BigInt::from(*rb) - BigInt::from(*sb) * BigInt::from(*ra);
            assert!(
                gap.magnitude() <= BigInt::from(*ra.max(rb)).magnitude(),
                "{sa}/{ra} vs {sb}/{rb} at {block}"
            );
        }
    }
    let staked: Vec<(u128, u128)> = model
        .members
        .keys()
        .map(|a| (core.raw_at(account(*a), block), share(*a)))
        .collect();
    assert!(floored_spread(&staked), "spread at {block}: {staked:?}");
    // No rate yet: nothing happened, the pool is empty.
    let rate = core.rate_at(block).unwrap_or(Rate::UNBOUNDED);
    let exact = (rate.den > 0).then(|| Q::new(BigInt::from(rate.num), BigInt::from(rate.den)));
    assert_eq!(exact, expected.lambda, "λ at {block}");
    if expected.spread {
        return;
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
        Regime::Unbounded => assert_eq!(rate, Rate::UNBOUNDED, "unbounded at {block}"),
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
        Op::Withdraw(a, x) => c.withdraw(account(a), now, x),
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
                tell(&mut told, &mut rate, got.unwrap_or_default());
                for a in 1..=ACCOUNTS {
                    let input = told.get(&account(a)).copied().unwrap_or_default();
                    assert_eq!(
                        input.share(rate),
                        core.share_at(account(a), now).0,
                        "reported share of {a} after {op:?} at {now}"
                    );
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
