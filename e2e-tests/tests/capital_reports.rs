//! capital's reports to governance, bounded per call (#17, item 3), on the real Wasm: no
//! storage cell or report outgrows ink!'s 16 KiB buffer at the tightest caps `set_caps`
//! accepts, a cap crossing of many members at once tells governance at most a bounded number
//! of changes per call, and anyone flushes the rest. Each withdrawal keeps working.

use capital::{
    events::ReportsPending,
    report::{MAX_TOLD, TOLD_PER_CALL},
    CapsBps, Error,
};
use governance::events::PowerChanged;
use ink_sandbox::AccountId32;
use usos_e2e_tests::{chain::Outcome, fanout::Fanout, id, Coop};
use usos_primitives::{BasisPoints, CapitalInput, Share};

type Done = Result<(), Error>;

fn deposit(coop: &mut Coop, who: &AccountId32, amount: u128) -> Outcome<Done> {
    let capital = coop.capital.clone();
    coop.chain
        .call_with_value(&capital, who, "deposit", (), amount)
}

fn withdraw(coop: &mut Coop, who: &AccountId32, amount: u128) -> Outcome<Done> {
    let capital = coop.capital.clone();
    coop.chain.call(&capital, who, "withdraw", amount)
}

fn pending(coop: &mut Coop) -> u32 {
    coop.chain.query(&coop.capital, "pending_reports", ())
}

/// Flushes until nothing waits; returns how many calls it took.
fn flush_all(coop: &mut Coop) -> usize {
    let capital = coop.capital.clone();
    let stranger = coop.chain.account("keeper");
    let mut calls = 0;
    while pending(coop) > 0 {
        let out = coop
            .chain
            .call::<Result<u32, Error>>(&capital, &stranger, "flush_reports", ());
        assert!(out.value.is_ok(), "flush: {:?}", out.value);
        told_at_most_a_bound(&out);
        calls += 1;
        assert!(calls < 1_000, "the queue drains");
    }
    let out = coop
        .chain
        .call::<Result<u32, Error>>(&capital, &stranger, "flush_reports", ());
    assert_eq!(out.value, Err(Error::NothingPending));
    calls
}

/// Governance heard of at most the caller and `TOLD_PER_CALL` queued accounts.
fn told_at_most_a_bound<R>(out: &Outcome<R>) {
    let told = out.events_of::<PowerChanged>().len();
    assert!(told <= MAX_TOLD, "{told} changes told in one call");
}

fn set_caps(coop: &mut Coop, individual: u16, household: u16) {
    let caps = CapsBps {
        individual: BasisPoints::new(individual).unwrap(),
        household: BasisPoints::new(household).unwrap(),
    };
    let (capital, admin) = (coop.capital.clone(), coop.admin.clone());
    let out = coop.chain.call::<Done>(&capital, &admin, "set_caps", caps);
    assert_eq!(out.value, Ok(()));
}

/// Governance's capital power of `who` equals capital's share, and what capital says it told.
fn governance_agrees(coop: &mut Coop, who: &AccountId32) {
    let block = coop.chain.block();
    let share: Share = coop
        .chain
        .query(&coop.capital, "CapitalView::share_at", (id(who), block));
    let power: Result<governance::PoolAmounts, governance::Error> =
        coop.chain
            .query(&coop.governance, "power_at", (0u32, id(who), block));
    assert_eq!(power.unwrap().capital, share.0, "governance's view");
}

#[test]
fn at_the_tightest_caps_352_fixed_shares_leave_deposits_and_withdrawals_working() {
    // 22 full households of 16 at caps of 1% and 1%: 352 members hold a fixed share. Before
    // the fix capital kept them in one cell, (account, share) each, 48 bytes: 16.9 KB, past
    // ink!'s 16 KiB buffer, and reported them all to governance in one call.
    let mut coop = Coop::new();
    set_caps(&mut coop, 100, 100);
    let mut members = Vec::new();
    for h in 0..22 {
        let founder = coop.member(&format!("founder{h}"));
        let others: Vec<AccountId32> = (1..16)
            .map(|i| coop.member(&format!("member{h}.{i}")))
            .collect();
        coop.household(&founder, &others);
        members.push(founder);
        members.extend(others);
    }
    for (i, m) in members.iter().enumerate() {
        let out = deposit(&mut coop, m, 100 + i as u128);
        assert!(!out.reverted, "deposit {i} trapped");
        assert_eq!(out.value, Ok(()), "deposit {i}");
        told_at_most_a_bound(&out);
    }
    flush_all(&mut coop);
    coop.chain.advance(1);
    for m in &members {
        governance_agrees(&mut coop, m);
    }
    // Every one of them is at a fixed share, and each can still take its deposit back.
    let told: CapitalInput = coop.chain.query(&coop.capital, "told", id(&members[5]));
    assert!(told.fixed.is_some(), "{told:?}");
    for m in members.iter().step_by(7) {
        let out = withdraw(&mut coop, m, 100);
        assert!(!out.reverted, "withdrawal trapped");
        assert_eq!(out.value, Ok(()));
        told_at_most_a_bound(&out);
    }
    flush_all(&mut coop);
    coop.chain.advance(1);
    for m in members.iter().step_by(5) {
        governance_agrees(&mut coop, m);
    }
}

#[test]
fn a_whale_leaving_brings_twenty_members_to_the_cap_and_the_rest_is_flushed_by_anyone() {
    // 20 members of 100 next to a whale of 10,000, at the default caps (3%): proportional,
    // 0.83% each. The whale withdraws: 5% each, so all twenty reach the cap at once.
    let mut coop = Coop::new();
    let whale = coop.member("whale");
    assert_eq!(deposit(&mut coop, &whale, 10_000).value, Ok(()));
    let members: Vec<AccountId32> = (0..20).map(|i| coop.member(&format!("m{i}"))).collect();
    for m in &members {
        assert_eq!(deposit(&mut coop, m, 100).value, Ok(()));
    }
    assert_eq!(pending(&mut coop), 0);
    let out = withdraw(&mut coop, &whale, 10_000);
    assert_eq!(
        out.value,
        Ok(()),
        "the whale's withdrawal never waits on others"
    );
    told_at_most_a_bound(&out);
    let waiting = out.events_of::<ReportsPending>();
    assert_eq!(waiting.len(), 1, "the call says how many units wait");
    assert_eq!(waiting[0].pending, pending(&mut coop));
    // Four leaves wait, and the whale's own unit (it left the cap; it was told at once).
    assert_eq!(pending(&mut coop), 20 - TOLD_PER_CALL as u32 + 1);
    // Until flushed, governance counts the last four at λ·raw, above the cap (a lag anyone
    // ends in one call).
    let three_percent = BasisPoints::new(300).unwrap().to_share();
    let told_fixed = |coop: &mut Coop| {
        members
            .iter()
            .filter(|m| {
                let told: CapitalInput = coop.chain.query(&coop.capital, "told", id(m));
                told.fixed == Some(three_percent)
            })
            .count()
    };
    assert_eq!(told_fixed(&mut coop), TOLD_PER_CALL);
    assert_eq!(flush_all(&mut coop), 1);
    assert_eq!(told_fixed(&mut coop), 20);
    coop.chain.advance(1);
    for m in members.iter().chain([&whale]) {
        governance_agrees(&mut coop, m);
    }
}

#[test]
fn members_who_delegate_everywhere_reaching_the_cap_at_once_never_block_a_withdrawal() {
    // 32 leaves, each delegating in 16 categories through a chain of 8: telling governance
    // of one costs 128 inflow updates (≈ 56 G, 310 KB of proof). Before the fix all 32 were
    // told in the whale's call; 8 of them already exhaust governance (ListenerFailed).
    let mut f = Fanout::new(32);
    let out = f.whale_leaves();
    assert_eq!(out.value, Ok(()));
    // Governance takes the whale's own change and as many others as MAX_REPORT_STEPS
    // allows (one leaf): the call stays well inside a block (2 s of ref_time, 5 MiB).
    assert_eq!(out.events_of::<PowerChanged>().len(), 2);
    assert!(out.ref_time < 250_000_000_000, "{} ref_time", out.ref_time);
    assert!(
        out.proof_size < 1_048_576,
        "{} bytes of proof",
        out.proof_size
    );
    // 31 leaves and the whale's own unit wait; each flush tells one more leaf.
    assert_eq!(pending(&mut f.coop), 32);
    let mut flushes = 0;
    while pending(&mut f.coop) > 0 {
        let flushed = f.flush();
        assert!(flushed.value.is_ok(), "{:?}", flushed.value);
        assert_eq!(flushed.events_of::<PowerChanged>().len(), 1);
        assert!(flushed.ref_time < 250_000_000_000);
        assert!(flushed.proof_size < 1_048_576);
        flushes += 1;
    }
    assert_eq!(flushes, 31);
    f.coop.chain.advance(1);
    let leaves = f.leaves.clone();
    for leaf in &leaves {
        governance_agrees(&mut f.coop, leaf);
    }
}

#[test]
fn a_household_that_keeps_depositing_never_holds_the_queue() {
    // Household `a, b, c` is full (5% cap) and all three delegate in 16 categories through a
    // chain of 8: governance takes one of them per report. `d, e` is a second full household
    // (`d` delegates everywhere, `e` in one category). `a` deposits a planck between anyone's
    // flushes: its household's own rate moves, so `b`'s fixed share moves again and the next
    // flush is spent on `b` again. Before the fix the household kept its place at the head and
    // `e`, behind it, was never told; with the first fix (any unit not fully taken went to the
    // back) `a`'s own call, where governance takes only `a`, sent `e`'s untouched unit to the
    // back instead, when `a` deposited before each flush.
    for deposit_first in [false, true] {
        held_by_a_household(deposit_first);
    }
}

fn held_by_a_household(deposit_first: bool) {
    let mut f = Fanout::bare(4);
    let [a, b, c, d] = [0, 1, 2, 3].map(|i| f.leaves[i].clone());
    let e = f.coop.member("e");
    f.delegate_up(&e, 0..1);
    f.coop.household(&a, &[b.clone(), c.clone()]);
    f.coop.household(&d, std::slice::from_ref(&e));
    // 40 singles of 100 (the chain, the whale and 31 more) keep the caps feasible.
    let mut singles = f.chain.clone();
    singles.push(f.whale.clone());
    singles.extend((0..31).map(|i| f.coop.member(&format!("single{i}"))));
    for (who, amount) in singles.iter().map(|s| (s, 100)).chain([
        (&a, 100),
        (&b, 100),
        (&c, 100),
        (&d, 150),
        (&e, 150),
    ]) {
        assert_eq!(f.deposit(who, amount).value, Ok(()));
    }
    flush_all(&mut f.coop);
    let told: CapitalInput = f.coop.chain.query(&f.coop.capital, "told", id(&e));
    assert!(told.fixed.is_some(), "the households are full");
    assert_eq!(f.deposit(&a, 1).value, Ok(()));
    assert_eq!(f.deposit(&d, 1).value, Ok(()));
    let attack = |f: &mut Fanout| {
        let out = f.deposit(&a, 1);
        assert_eq!(out.value, Ok(()));
        assert!(out.ref_time < 250_000_000_000, "{} ref_time", out.ref_time);
    };
    for _ in 0..6 {
        if deposit_first {
            attack(&mut f);
        }
        let flushed = f.flush();
        assert!(flushed.value.is_ok(), "{:?}", flushed.value);
        if !deposit_first {
            attack(&mut f);
        }
    }
    f.coop.chain.advance(1);
    governance_agrees(&mut f.coop, &e);
}

#[test]
fn a_report_never_costs_governance_more_than_one_full_chain() {
    // The whale delegates in 15 categories at depth 8: its own change costs governance 120
    // inflow updates. Checked only before each change, its withdrawal also took a leaf's
    // (128 more): 248, twice the bound. Now a change is taken only if a full chain in each of
    // its categories still fits, and the leaves wait for anyone's flush.
    let mut f = Fanout::new(32);
    let whale = f.whale.clone();
    f.delegate_up(&whale, 0..15);
    let out = f.whale_leaves();
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<PowerChanged>().len(),
        1,
        "only the whale's own change"
    );
    assert!(out.ref_time < 100_000_000_000, "{} ref_time", out.ref_time);
    assert!(
        out.proof_size < 700_000,
        "{} bytes of proof",
        out.proof_size
    );
    assert_eq!(
        pending(&mut f.coop),
        33,
        "the leaves and the whale's own unit"
    );
    assert_eq!(flush_all(&mut f.coop), 32);
    f.coop.chain.advance(1);
    for who in f.leaves.clone().iter().chain([&whale]) {
        governance_agrees(&mut f.coop, who);
    }
}

#[test]
fn a_listener_set_later_hears_of_every_account_that_moved() {
    // Capital keeps working while nobody listens (between deployment and wiring, or while a
    // governance is replaced). Before the fix it recorded every change as told to nobody, and
    // a listener set later never heard of the accounts that did not move again.
    let mut coop = Coop::new();
    let (capital, admin) = (coop.capital.clone(), coop.admin.clone());
    let out = coop.chain.call::<Done>(
        &capital,
        &admin,
        "set_listener",
        None::<ink::primitives::AccountId>,
    );
    assert_eq!(out.value, Ok(()));
    let members: Vec<AccountId32> = (0..5).map(|i| coop.member(&format!("m{i}"))).collect();
    for (i, m) in members.iter().enumerate() {
        assert_eq!(deposit(&mut coop, m, 100 * (i as u128 + 1)).value, Ok(()));
    }
    assert_eq!(pending(&mut coop), 5, "every mover waits");
    let keeper = coop.chain.account("keeper");
    let out = coop
        .chain
        .call::<Result<u32, Error>>(&capital, &keeper, "flush_reports", ());
    assert_eq!(out.value, Err(Error::NoListener));
    let governance = coop.governance.id();
    let out = coop
        .chain
        .call::<Done>(&capital, &admin, "set_listener", Some(governance));
    assert_eq!(out.value, Ok(()));
    flush_all(&mut coop);
    coop.chain.advance(1);
    for m in &members {
        governance_agrees(&mut coop, m);
    }
}
