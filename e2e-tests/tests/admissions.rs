//! Batched admissions on the real Wasm: `membership.admit_many` tells each listener once, and
//! leaves the cooperative exactly as the same admissions one by one would.

use governance::{Action, PoolAmounts};
use ink_sandbox::AccountId32;
use membership::{events::Admitted, Error, StakeholderClass};
use usos_e2e_tests::{
    id,
    proposals::{execute, queue},
    Coop,
};
use usos_primitives::CapitalInput;

type Done = Result<(), Error>;

const USER: StakeholderClass = StakeholderClass::User;

fn deposit(c: &mut Coop, who: &AccountId32, amount: u128) {
    let capital = c.capital.clone();
    let out =
        c.chain
            .call_with_value::<Result<(), capital::Error>>(&capital, who, "deposit", (), amount);
    assert_eq!(out.value, Ok(()), "deposit");
}

/// What a member would see of the cooperative after the admissions: who is a member, each
/// account's power in the general category, the totals, what capital told governance, the rate.
#[derive(Debug, PartialEq)]
struct View {
    members: Vec<bool>,
    count: u32,
    power: Vec<PoolAmounts>,
    totals: PoolAmounts,
    told: Vec<CapitalInput>,
    pending: u32,
    admitted: usize,
}

fn view(c: &mut Coop, accounts: &[AccountId32], admitted: usize) -> View {
    // Whatever one report could not carry, anyone's flushes deliver.
    let capital = c.capital.clone();
    let admin = c.admin.clone();
    while c.chain.query::<u32>(&capital, "pending_reports", ()) > 0 {
        let out =
            c.chain
                .call::<Result<u32, capital::Error>>(&capital, &admin, "flush_reports", ());
        assert!(out.value.is_ok(), "{:?}", out.value);
    }
    let block = c.chain.block();
    c.chain.advance(1);
    let (membership, governance) = (c.membership.clone(), c.governance.clone());
    let members = accounts
        .iter()
        .map(|a| c.chain.query(&membership, "is_member", id(a)))
        .collect();
    let count = c.chain.query(&membership, "member_count", ());
    let power = accounts
        .iter()
        .map(|a| {
            c.chain
                .query::<Result<PoolAmounts, governance::Error>>(
                    &governance,
                    "power_at",
                    (0u32, id(a), block),
                )
                .expect("a past block")
        })
        .collect();
    let totals = c.chain.query(&governance, "totals_at", (0u32, block));
    let told = accounts
        .iter()
        .map(|a| c.chain.query(&capital, "told", id(a)))
        .collect();
    let pending = c.chain.query(&capital, "pending_reports", ());
    View {
        members,
        count,
        power,
        totals,
        told,
        pending,
        admitted,
    }
}

/// A cooperative with a member, a staked member, and a former member who kept its stake; then
/// three newcomers and the former member are admitted, by `admit_many` or one by one.
fn twin(batch: bool) -> View {
    let mut c = Coop::new();
    let old = c.member("old");
    let rich = c.member("rich");
    let saver = c.member("saver");
    deposit(&mut c, &rich, 5_000_000_000);
    deposit(&mut c, &saver, 1_000_000_000);
    let (admin, membership) = (c.admin.clone(), c.membership.clone());
    let out = c
        .chain
        .call::<Done>(&membership, &admin, "remove", id(&saver));
    assert_eq!(out.value, Ok(()), "saver leaves, keeping its stake");
    c.chain.advance(1);
    let new: Vec<AccountId32> = ["n1", "n2", "n3"].map(|n| c.chain.account(n)).to_vec();

    let joining = [
        new[0].clone(),
        saver.clone(),
        new[1].clone(),
        new[2].clone(),
    ];
    let admitted = if batch {
        // Also an existing member and a repeat, which are skipped.
        let mut entries: Vec<_> = joining.iter().map(|a| (id(a), USER)).collect();
        entries.insert(1, (id(&old), USER));
        entries.push((id(&new[0]), USER));
        let out = c
            .chain
            .call::<Done>(&membership, &admin, "admit_many", entries);
        assert_eq!(out.value, Ok(()));
        out.events_of::<Admitted>().len()
    } else {
        joining
            .iter()
            .map(|a| {
                let out = c
                    .chain
                    .call::<Done>(&membership, &admin, "admit", (id(a), USER));
                assert_eq!(out.value, Ok(()));
                out.events_of::<Admitted>().len()
            })
            .sum()
    };
    let everyone = [vec![old, rich, saver], new].concat();
    view(&mut c, &everyone, admitted)
}

#[test]
fn a_batch_admits_exactly_as_admissions_one_by_one() {
    let one_by_one = twin(false);
    let batched = twin(true);
    assert_eq!(
        batched.admitted, 4,
        "four admitted, the member and the repeat skipped"
    );
    assert_eq!(batched.count, 6);
    assert!(
        batched.told.iter().any(|t| *t != CapitalInput::default()),
        "the returning saver's stake counts again: {:?}",
        batched.told
    );
    assert_eq!(batched, one_by_one);
}

#[test]
fn an_empty_oversized_or_strangers_batch_is_refused_whole() {
    let mut c = Coop::new();
    let stranger = c.chain.account("stranger");
    let (admin, membership) = (c.admin.clone(), c.membership.clone());
    let one = vec![(id(&stranger), USER)];
    let out = c
        .chain
        .call::<Done>(&membership, &stranger, "admit_many", one);
    assert_eq!(out.value, Err(Error::NotAdmin));
    let none: Vec<(ink::primitives::AccountId, StakeholderClass)> = Vec::new();
    let out = c
        .chain
        .call::<Done>(&membership, &admin, "admit_many", none);
    assert_eq!(out.value, Err(Error::EmptyBatch));
    let too_many: Vec<_> = (0..=membership::data::MAX_ADMIT_BATCH)
        .map(|i| (id(&c.chain.account(&format!("x{i}"))), USER))
        .collect();
    let out = c
        .chain
        .call::<Done>(&membership, &admin, "admit_many", too_many);
    assert_eq!(out.value, Err(Error::BatchTooLarge));
    assert_eq!(c.chain.query::<u32>(&membership, "member_count", ()), 0);

    // Nobody but membership tells a listener of admissions, not even of none.
    for forged in [vec![(id(&stranger), true, None::<u32>)], Vec::new()] {
        for listener in [
            c.capital.clone(),
            c.governance.clone(),
            c.merit.clone(),
            c.profiles.clone(),
        ] {
            let out = c.chain.call::<Result<(), usos_primitives::ListenerError>>(
                &listener,
                &stranger,
                "MembershipListener::membership_changed_many",
                forged.clone(),
            );
            assert_eq!(
                out.value,
                Err(usos_primitives::ListenerError::UnknownCaller),
                "{} ({} changes)",
                listener.bundle.name,
                forged.len()
            );
        }
    }
    let block = c.chain.block();
    c.chain.advance(1);
    let power = c.chain.query::<Result<PoolAmounts, governance::Error>>(
        &c.governance,
        "power_at",
        (0u32, id(&stranger), block),
    );
    assert_eq!(
        power.map(|p| p.equal),
        Ok(0),
        "the stranger holds no member's share"
    );
}

/// Three full batches (`MAX_ADMIT_BATCH` each) by one proposal execute within one block's
/// proof (the normal dispatch class's 75% of 5 MiB); a fourth would not (SECURITY row 56).
#[test]
fn three_full_batches_by_one_proposal_fit_one_block() {
    let (mut c, voters) = Coop::governed_with(3);
    let max = membership::data::MAX_ADMIT_BATCH;
    let actions = full_batches(&mut c, 3);
    let p = queue(&mut c, &voters, 0, actions);
    execute_within_a_block(&mut c, &voters[0], p, "3 admit_many of 30");
    let membership = c.membership.clone();
    assert_eq!(
        c.chain.query::<u32>(&membership, "member_count", ()),
        u32::try_from(3 * max + 3).unwrap()
    );
    // Executed once: a second execute is refused, nothing is admitted twice.
    assert!(execute(&mut c, &voters[0], p).is_err());
}

/// A cooperative of the previous release whose membership alone is upgraded: its listeners
/// cannot take a batch, so `admit_many` is refused whole and `admit` still works.
#[test]
fn listeners_of_the_previous_release_refuse_a_batch_whole() {
    let mut c = Coop::previous_release();
    let admin = c.admin.clone();
    let current = std::rc::Rc::new(usos_e2e_tests::Bundle::load("membership"));
    let hash = c.chain.upload(&current, &admin);
    let old = c.membership.clone();
    let out = c
        .chain
        .call::<Result<(), Error>>(&old, &admin, "set_code", hash);
    assert_eq!(out.value, Ok(()), "membership upgraded in place");
    let membership = c.chain.at(old.id(), &current);
    let (a, b) = (c.chain.account("a"), c.chain.account("b"));
    let out = c.chain.call::<Done>(
        &membership,
        &admin,
        "admit_many",
        vec![(id(&a), USER), (id(&b), USER)],
    );
    assert_eq!(out.value, Err(Error::ListenerFailed));
    assert_eq!(c.chain.query::<u32>(&membership, "member_count", ()), 0);
    let out = c
        .chain
        .call::<Done>(&membership, &admin, "admit", (id(&a), USER));
    assert_eq!(out.value, Ok(()), "one by one still works");
}

/// The same three batches by one proposal while capital's queue holds its heaviest reports
/// (32 members who delegate in all 16 categories through a chain of 8 pass their cap at
/// once): each batch's report carries as much of that queue as one call may, and the proposal
/// still fits one block.
#[test]
fn three_batches_behind_the_heaviest_queued_reports_still_fit_one_block() {
    let mut f = usos_e2e_tests::fanout::Fanout::new(32);
    f.coop.hand_over();
    let actions = full_batches(&mut f.coop, 3);
    // The top of the chain votes with everyone's delegated power, the whale for itself.
    let voters = [f.chain[fanout_top()].clone(), f.whale.clone()];
    let p = queue(&mut f.coop, &voters, 0, actions);
    assert_eq!(f.whale_leaves().value, Ok(()));
    let capital = f.coop.capital.clone();
    let queued: u32 = f.coop.chain.query(&capital, "pending_reports", ());
    assert!(queued >= 16, "the heaviest reports wait: {queued}");
    execute_within_a_block(
        &mut f.coop,
        &voters[0],
        p,
        &format!("3 admit_many of 30 behind {queued} queued reports"),
    );
}

fn fanout_top() -> usize {
    usos_e2e_tests::fanout::CHAIN - 1
}

/// `n` proposal actions, each `admit_many` of `MAX_ADMIT_BATCH` fresh accounts.
fn full_batches(c: &mut Coop, n: usize) -> Vec<Action> {
    let max = membership::data::MAX_ADMIT_BATCH;
    (0..n)
        .map(|a| {
            let entries: Vec<_> = (0..max)
                .map(|i| (id(&c.chain.account(&format!("joiner{a}-{i}"))), USER))
                .collect();
            let action = Coop::action(&c.membership, "admit_many", entries);
            assert!(action.input.len() <= governance::MAX_ACTION_INPUT);
            action
        })
        .collect()
}

/// `by` executes queued proposal `p`, which must succeed within the normal dispatch class's
/// 75% of a 5 MiB block; prints its cost after `what`.
fn execute_within_a_block(c: &mut Coop, by: &AccountId32, p: governance::ProposalId, what: &str) {
    let governance = c.governance.clone();
    let out = c
        .chain
        .call::<Result<(), governance::Error>>(&governance, by, "execute", p);
    assert_eq!(out.value, Ok(()));
    println!(
        "execute {what}: ref_time {}, proof_size {}",
        out.ref_time, out.proof_size
    );
    assert!(
        out.proof_size <= 3_932_160,
        "proof {} over the normal class's share of a 5 MiB block",
        out.proof_size
    );
}
