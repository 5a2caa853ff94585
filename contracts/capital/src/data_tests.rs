//! Host tests of the capital core: scenarios, and random histories (joins, exits, household
//! moves, deposits, withdrawals, contributions, cap changes) checked at every past block
//! against the exact reference computed from that block's state.

use crate::{
    data::CapitalData,
    errors::Error,
    events::CapitalEvent,
    reference::{floor, reference, Case},
    types::{CapsBps, Stake},
    waterfill::Caps,
};
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
        1 => prop_oneof![Just((300u16, 500u16)), Just((1_000, 1_500)), Just((2_000, 2_000)), Just((2_500, 4_000)), Just((5_000, 6_000))]
            .prop_map(|(i, h)| Op::SetCaps(i, h)),
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

    /// The reference shares of every account in this state.
    fn expected(&self) -> BTreeMap<u8, u128> {
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
        let mut groups: BTreeMap<HouseholdId, Vec<u8>> = BTreeMap::new();
        for (a, h) in &self.members {
            if let Some(h) = h {
                groups.entry(*h).or_default().push(*a);
            }
        }
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
        out
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
    fn share_at_every_block_equals_the_reference_of_that_block(ops in prop::collection::vec(op(), 1..45)) {
        fresh(|mut core| {
            let mut model = Model { caps: (300, 500), ..Model::default() };
            let mut now: BlockNumber = 1;
            let mut by_block: BTreeMap<BlockNumber, BTreeMap<u8, u128>> = BTreeMap::new();
            // What governance would know from the reports alone.
            let mut told: BTreeMap<AccountId, CapitalInput> = BTreeMap::new();
            let mut rate = Rate::UNBOUNDED;
            for op in &ops {
                if let Op::Next(n) = op {
                    by_block.insert(now, model.expected());
                    now += n;
                    continue;
                }
                let got = apply_to_core(&mut core, &model, op, now);
                let expected = model.apply(op, now);
                assert_eq!(got.clone().map(drop), expected, "{op:?} at block {now}");
                for event in got.unwrap_or_default() {
                    if let CapitalEvent::Report(report) = event {
                        rate = report.rate;
                        told.extend(report.changes);
                    }
                }
                for a in 1..=ACCOUNTS {
                    let input = told.get(&account(a)).copied().unwrap_or_default();
                    assert_eq!(
                        input.share(rate),
                        core.share_at(account(a), now).0,
                        "reported share of {a} after {op:?} at {now}"
                    );
                }
            }
            by_block.insert(now, model.expected());
            for block in 1..=now {
                let Some((_, shares)) = by_block.range(..=block).next_back() else { continue };
                for a in 1..=ACCOUNTS {
                    let want = shares.get(&a).copied().unwrap_or(0);
                    assert_eq!(core.share_at(account(a), block).0, want, "share of {a} at {block}");
                }
            }
        });
    }
}
