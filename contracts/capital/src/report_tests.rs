//! Reports at the tightest caps `set_caps` accepts: many fixed shares, and each call tells
//! governance a bounded number of changes (the host's bounds are tiny, see `report`).

use crate::{
    data::CapitalData,
    events::{CapitalEvent, PowerReport},
    report::{EXAMINED_PER_CALL, MAX_TOLD},
    CapsBps, Error,
};
use ink::scale::Encode;
use std::collections::BTreeMap;
use usos_primitives::{AccountId, BasisPoints, CapitalInput, Rate};

fn admin() -> AccountId {
    AccountId::from([0; 32])
}

const MEMBERSHIP: [u8; 32] = [99; 32];

fn member(h: u16, i: u16) -> AccountId {
    let mut bytes = [7u8; 32];
    bytes[..2].copy_from_slice(&h.to_le_bytes());
    bytes[2..4].copy_from_slice(&i.to_le_bytes());
    AccountId::from(bytes)
}

/// A capital core in a fresh off-chain environment.
fn fresh(f: impl FnOnce(CapitalData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        f(CapitalData::new(admin(), AccountId::from(MEMBERSHIP), 1).unwrap());
        Ok(())
    })
    .unwrap();
}

/// Replays reports into governance's view and checks each told at most the bound.
fn hear(
    core: &mut CapitalData,
    told: &mut BTreeMap<AccountId, CapitalInput>,
    rate: &mut Rate,
    events: Vec<CapitalEvent>,
) {
    for event in events {
        if let CapitalEvent::Report(report) = event {
            assert!(
                report.changes.len() <= MAX_TOLD,
                "{} told",
                report.changes.len()
            );
            // A governance that takes every change.
            core.commit(&report, report.changes.len() as u32);
            *rate = report.rate;
            told.extend(report.changes);
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
fn three_hundred_and_fifty_two_fixed_shares_are_told_a_few_at_a_time() {
    fresh(|mut c| {
        let (mut told, mut rate) = (BTreeMap::new(), Rate::UNBOUNDED);
        let tightest = CapsBps {
            individual: BasisPoints::new(100).unwrap(),
            household: BasisPoints::new(100).unwrap(),
        };
        tell!(
            c,
            &mut told,
            &mut rate,
            c.set_caps(admin(), 1, tightest).unwrap(),
        );
        let mut all = Vec::new();
        for h in 0..22u16 {
            for i in 0..16u16 {
                let m = member(h, i);
                let events = c
                    .membership_changed(AccountId::from(MEMBERSHIP), 1, m, true, Some(u32::from(h)))
                    .unwrap();
                tell!(c, &mut told, &mut rate, events);
                all.push(m);
            }
        }
        for (n, m) in all.iter().enumerate() {
            tell!(
                c,
                &mut told,
                &mut rate,
                c.deposit(*m, 2, 100 + n as u128).unwrap(),
            );
        }
        // 22 households, each full at 1%: 352 fixed shares in per-account cells, 22 units.
        let units = c.fixed_now();
        assert_eq!(units.len(), 22);
        assert!(units.encoded_size() < 16 * 1024 / 4);
        for m in &all {
            let input = told.get(m).copied().unwrap_or_default();
            assert!(input.fixed.is_some());
            assert_eq!(input.share(rate), c.share_at(*m, 2).0);
            assert_eq!(input, c.told(*m));
        }
        // One deposit at a time: each call tells its own household at once.
        assert_eq!(c.pending_reports(), 0);
        assert_eq!(c.flush_reports(), Err(Error::NothingPending));
        // New caps move all 352 fixed shares: the change tells one household, anyone the rest.
        let looser = CapsBps {
            individual: BasisPoints::new(100).unwrap(),
            household: BasisPoints::new(200).unwrap(),
        };
        tell!(
            c,
            &mut told,
            &mut rate,
            c.set_caps(admin(), 2, looser).unwrap(),
        );
        assert_eq!(c.pending_reports(), 21);
        let mut flushes = 0;
        while c.pending_reports() > 0 {
            tell!(c, &mut told, &mut rate, c.flush_reports().unwrap());
            flushes += 1;
        }
        assert_eq!(flushes, 21, "one household (16 members) per flush");
        // The smallest household (1.8% of the pool) is no longer full at 2%.
        assert_eq!(c.fixed_now().len(), 21);
        for m in &all {
            let input = told.get(m).copied().unwrap_or_default();
            assert_eq!(input.share(rate), c.share_at(*m, 2).0);
            assert_eq!(input, c.told(*m));
        }
        // Withdrawals work, each telling at most the bound, and governance still agrees.
        for m in all.iter().step_by(9) {
            tell!(c, &mut told, &mut rate, c.withdraw(*m, 3, 100, 0).unwrap());
        }
        while c.pending_reports() > 0 {
            tell!(c, &mut told, &mut rate, c.flush_reports().unwrap());
        }
        for m in &all {
            let input = told.get(m).copied().unwrap_or_default();
            assert_eq!(input.share(rate), c.share_at(*m, 3).0);
        }
    });
}

#[test]
fn what_governance_does_not_take_stays_queued_and_the_movers_own_change_is_never_lost() {
    fresh(|mut c| {
        let whale = member(99, 0);
        let small: Vec<AccountId> = (0..6).map(|i| member(0, i)).collect();
        for m in small.iter().chain([&whale]) {
            let events = c
                .membership_changed(AccountId::from(MEMBERSHIP), 1, *m, true, None)
                .unwrap();
            let (mut told, mut rate) = (BTreeMap::new(), Rate::UNBOUNDED);
            tell!(c, &mut told, &mut rate, events);
        }
        let (mut told, mut rate) = (BTreeMap::new(), Rate::UNBOUNDED);
        tell!(
            c,
            &mut told,
            &mut rate,
            c.deposit(whale, 2, 10_000).unwrap()
        );
        for m in &small {
            tell!(c, &mut told, &mut rate, c.deposit(*m, 2, 100).unwrap());
        }
        // The whale leaves the pool: the six reach the 3% cap at once. A governance that
        // takes only the first change (the whale's) leaves every unit queued.
        let events = c.withdraw(whale, 3, 10_000, 0).unwrap();
        let Some(CapitalEvent::Report(report)) = events.first().cloned() else {
            panic!("a report first");
        };
        assert_eq!(report.own, Some(whale));
        assert_eq!(report.changes[0].0, whale);
        let queued = c.pending_reports();
        c.commit(&report, 1);
        assert_eq!(c.pending_reports(), queued, "nothing else was taken");
        assert_eq!(c.told(whale).raw, 0, "the whale's own change is told");
        assert_eq!(c.told(small[0]).fixed, None, "not yet");
        // Taken none at all (a listener that takes nothing): the mover waits in the queue.
        let events = c.deposit(small[0], 4, 1).unwrap();
        let Some(CapitalEvent::Report(report)) = events.first().cloned() else {
            panic!("a report first");
        };
        c.commit(&report, 0);
        assert_ne!(c.told(small[0]).raw, 101);
        while c.pending_reports() > 0 {
            tell!(c, &mut told, &mut rate, c.flush_reports().unwrap());
        }
        assert_eq!(c.told(small[0]).raw, 101, "told by a later flush");
        for m in &small {
            assert_eq!(
                c.told(*m).share(rate),
                c.share_at(*m, 4).0,
                "governance's view after the flushes"
            );
        }
    });
}

/// The report among `events`.
fn report_of(events: Vec<CapitalEvent>) -> PowerReport {
    events
        .into_iter()
        .find_map(|e| match e {
            CapitalEvent::Report(r) => Some(r),
            _ => None,
        })
        .expect("a report")
}

/// A governance that takes the first `most` changes of the report among `events` (all of
/// them for `None`); returns the report's rate.
fn take(c: &mut CapitalData, events: Vec<CapitalEvent>, most: Option<u32>) -> Rate {
    let report = report_of(events);
    let all = report.changes.len() as u32;
    c.commit(&report, most.map_or(all, |m| m.min(all)));
    report.rate
}

fn join(c: &mut CapitalData, now: u32, m: AccountId, household: Option<u32>) {
    let events = c
        .membership_changed(AccountId::from(MEMBERSHIP), now, m, true, household)
        .unwrap();
    take(c, events, None);
}

#[test]
fn a_household_whose_shares_keep_moving_never_holds_the_queue() {
    // Whichever comes first between flushes, the attacker's deposit or the flush: a unit none
    // of whose changes were taken (in the attacker's own call) must keep its place.
    for deposit_first in [false, true] {
        held_by_a_household(deposit_first);
    }
}

fn held_by_a_household(deposit_first: bool) {
    fresh(|mut c| {
        // Two full households (5% cap) among 40 small singles. Governance takes one change
        // per report (each of these members delegates everywhere, say). The attacker `a`
        // deposits a planck between flushes: its household's own rate moves, so `b`'s share
        // moves again and the next flush takes `b` again. Kept at the head, the household
        // would keep `e`, behind it, from ever being told.
        let [a, b, cc] = [member(1, 0), member(1, 1), member(1, 2)];
        let [d, e] = [member(2, 0), member(2, 1)];
        for m in [a, b, cc] {
            join(&mut c, 1, m, Some(1));
        }
        for m in [d, e] {
            join(&mut c, 1, m, Some(2));
        }
        let fillers: Vec<AccountId> = (0..40).map(|i| member(50, i)).collect();
        for m in &fillers {
            join(&mut c, 1, *m, None);
        }
        for m in &fillers {
            let events = c.deposit(*m, 2, 100).unwrap();
            take(&mut c, events, None);
        }
        for (m, amount) in [(a, 100), (b, 100), (cc, 100), (d, 150), (e, 150)] {
            let events = c.deposit(m, 2, amount).unwrap();
            take(&mut c, events, None);
        }
        while c.pending_reports() > 0 {
            let events = c.flush_reports().unwrap();
            take(&mut c, events, None);
        }
        assert!(c.told(e).fixed.is_some(), "both households are full");
        let mut now = 3;
        let events = c.deposit(a, now, 1).unwrap();
        take(&mut c, events, Some(1));
        let events = c.deposit(d, now, 1).unwrap();
        take(&mut c, events, Some(1));
        let mut rate = Rate::UNBOUNDED;
        for _ in 0..6 {
            now += 1;
            if deposit_first {
                let events = c.deposit(a, now, 1).unwrap();
                take(&mut c, events, Some(1));
            }
            let events = c.flush_reports().unwrap();
            rate = take(&mut c, events, Some(1));
            if !deposit_first {
                let events = c.deposit(a, now, 1).unwrap();
                rate = take(&mut c, events, Some(1));
            }
        }
        assert_eq!(
            c.told(e).share(rate),
            c.share_at(e, now).0,
            "e was told while a kept depositing (deposit first: {deposit_first})"
        );
    });
}

#[test]
fn empty_households_count_toward_what_one_report_examines() {
    fresh(|mut c| {
        // Ten members each found a household and leave it, while nobody listens: ten empty
        // households wait in the queue beside the leavers. Counted as 0, they would all be
        // read by every report.
        for i in 0..10u16 {
            let m = member(3, i);
            for household in [Some(u32::from(i)), None] {
                let events = c
                    .membership_changed(AccountId::from(MEMBERSHIP), 1, m, true, household)
                    .unwrap();
                take(&mut c, events, Some(0));
            }
        }
        assert!(c.pending_reports() >= 10);
        let report = report_of(c.flush_reports().unwrap());
        assert!(
            report.ends.len() <= EXAMINED_PER_CALL,
            "{} units read by one report",
            report.ends.len()
        );
        c.commit(&report, report.changes.len() as u32);
        while c.pending_reports() > 0 {
            let report = report_of(c.flush_reports().unwrap());
            assert!(report.ends.len() <= EXAMINED_PER_CALL);
            c.commit(&report, report.changes.len() as u32);
        }
    });
}

/// Members in four households and two singles, all staked, under caps of `cap_bps`; then three of
/// them leave, keeping their stakes. Returns what governance ends up told of `everyone` and
/// their shares, after `changes` are heard one by one or as one batch
/// (`membership_changed_many`), and anyone's flushes.
fn after_changes(batch: bool, cap_bps: u16) -> Vec<(CapitalInput, u128)> {
    let mut result = Vec::new();
    fresh(|mut c| {
        let (mut told, mut rate) = (BTreeMap::new(), Rate::UNBOUNDED);
        let caps = CapsBps {
            individual: BasisPoints::new(cap_bps).unwrap(),
            household: BasisPoints::new(cap_bps).unwrap(),
        };
        tell!(
            c,
            &mut told,
            &mut rate,
            c.set_caps(admin(), 1, caps).unwrap()
        );
        let mut everyone = Vec::new();
        for h in 0..4u16 {
            for i in 0..4u16 {
                everyone.push((member(h, i), Some(u32::from(h))));
            }
        }
        everyone.push((member(50, 0), None));
        everyone.push((member(51, 0), None));
        for (n, (m, household)) in everyone.iter().enumerate() {
            let events = c
                .membership_changed(AccountId::from(MEMBERSHIP), 1, *m, true, *household)
                .unwrap();
            tell!(c, &mut told, &mut rate, events);
            tell!(
                c,
                &mut told,
                &mut rate,
                c.deposit(*m, 1, 100 + 10 * n as u128).unwrap()
            );
        }
        let leavers = [everyone[1], everyone[6], everyone[16]];
        for (m, _) in leavers {
            let events = c
                .membership_changed(AccountId::from(MEMBERSHIP), 2, m, false, None)
                .unwrap();
            tell!(c, &mut told, &mut rate, events);
        }
        // Back they come (one into another household), with two newcomers.
        let newcomers = [(member(60, 0), None), (member(61, 0), Some(3))];
        let changes = [
            (leavers[0].0, Some(0)),
            newcomers[0],
            (leavers[1].0, Some(2)),
            (leavers[2].0, None),
            newcomers[1],
        ];
        if batch {
            let list: Vec<_> = changes.iter().map(|(m, h)| (*m, true, *h)).collect();
            tell!(
                c,
                &mut told,
                &mut rate,
                c.membership_changed_many(AccountId::from(MEMBERSHIP), 3, &list)
                    .unwrap()
            );
        } else {
            for (m, household) in changes {
                tell!(
                    c,
                    &mut told,
                    &mut rate,
                    c.membership_changed(AccountId::from(MEMBERSHIP), 3, m, true, household)
                        .unwrap()
                );
            }
        }
        while c.pending_reports() > 0 {
            tell!(c, &mut told, &mut rate, c.flush_reports().unwrap());
        }
        for (m, _) in everyone.iter().chain(newcomers.iter()) {
            let input = told.get(m).copied().unwrap_or_default();
            assert_eq!(input, c.told(*m), "capital's record of what it told");
            assert_eq!(input.share(rate), c.share_at(*m, 3).0, "governance agrees");
            result.push((input, input.share(rate)));
        }
    });
    result
}

#[test]
fn a_batch_told_once_leaves_governance_where_one_by_one_does() {
    // At the tightest caps every stake is a fixed share; under loose ones none is, and a
    // returning single's own change reaches governance only through the queue.
    for (cap_bps, fixed) in [(100, true), (5_000, false)] {
        let batched = after_changes(true, cap_bps);
        assert_eq!(batched, after_changes(false, cap_bps), "caps {cap_bps} bps");
        assert_eq!(
            batched.iter().any(|(input, _)| input.fixed.is_some()),
            fixed,
            "caps {cap_bps} bps"
        );
    }
}
