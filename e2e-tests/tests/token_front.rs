//! The token's front (#18, item 1): PSP22's transfers, approvals and balances in small code.
//! On the real Wasm: a missions contract running `missions_front` answers, refuses and emits
//! exactly as its twin running the whole code, for a fraction of the proof; every other
//! message (missions, burns, metadata) is handed to the whole code; only the admin installs a
//! front, and only a front of its own build; an upgrade runs the new code whole; the front
//! cannot be instantiated on its own.

use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use missions::Error;
use std::{fmt::Debug, rc::Rc};
use usos_e2e_tests::{
    bundle::checkout_abi_dir,
    chain::Outcome,
    id,
    proposals::{execute, pass, queue},
    twin::{code_hash, Seen},
    Bundle, Chain, Coop,
};
use usos_primitives::{events::FrontChanged, psp22::PSP22Error};

struct Life {
    seen: Vec<Seen>,
    /// (call, proof_size) of each call.
    proofs: Vec<(&'static str, u64)>,
    balances: Vec<u128>,
    allowances: Vec<u128>,
}

fn note<R: Debug>(life: &mut Life, call: &'static str, out: Outcome<R>) {
    life.proofs.push((call, out.proof_size));
    life.seen.push(Seen::of(call, &out));
}

type Done = Result<(), PSP22Error>;

/// Holders h0..h2 and a spender: mints, transfers (zero, to oneself, too much, to the escrow),
/// allowances (spent, exceeded, overflowing, underflowing), burns, reads, a mission's escrow and
/// raw calls.
fn life(mut coop: Coop) -> Life {
    let mut life = Life {
        seen: Vec::new(),
        proofs: Vec::new(),
        balances: Vec::new(),
        allowances: Vec::new(),
    };
    let h: Vec<AccountId32> = (0..3).map(|i| coop.member(&format!("h{i}"))).collect();
    let spender = coop.chain.account("spender");
    let (admin, missions) = (coop.admin.clone(), coop.missions.clone());
    let escrow = missions.id();
    let c = &mut coop.chain;
    // Minting is the admin's (handed over to the whole code).
    for who in &h[..2] {
        let out = c.call::<Result<(), Error>>(&missions, &admin, "mint", (id(who), 1_000u128));
        assert_eq!(out.value, Ok(()));
        note(&mut life, "mint", out);
    }
    let no_data = Vec::<u8>::new();
    let transfers = [
        (&h[0], id(&h[1]), 300u128),
        (&h[0], id(&h[2]), 0),
        (&h[0], id(&h[0]), 50),
        (&h[2], id(&h[0]), 1),
        (&h[1], escrow, 10),
        (&h[1], id(&h[2]), u128::MAX),
        (&spender, id(&h[0]), 5),
    ];
    for (who, to, value) in transfers {
        let out = c.call::<Done>(
            &missions,
            who,
            "PSP22::transfer",
            (to, value, no_data.clone()),
        );
        note(&mut life, "transfer", out);
    }
    // PSP22's `data` argument, which the token ignores, of every length the front reads in a
    // different number of chunks.
    for len in [1usize, 31, 32, 33, 100] {
        let data = vec![7u8; len];
        let out = c.call::<Done>(
            &missions,
            &h[0],
            "PSP22::transfer",
            (id(&h[2]), 2u128, data),
        );
        note(&mut life, "transfer", out);
    }
    let allowance_calls: [(&AccountId32, &'static str, u128); 5] = [
        (&h[0], "PSP22::approve", 200),
        (&h[0], "PSP22::increase_allowance", 50),
        (&h[0], "PSP22::increase_allowance", u128::MAX),
        (&h[0], "PSP22::decrease_allowance", 20),
        (&h[0], "PSP22::decrease_allowance", 1_000),
    ];
    for (who, message, value) in allowance_calls {
        let out = c.call::<Done>(&missions, who, message, (id(&spender), value));
        // approve runs in the front; its two variants are handed over.
        let call = if message == "PSP22::approve" {
            "approve"
        } else {
            "allowance"
        };
        note(&mut life, call, out);
    }
    let spends = [
        (id(&h[0]), id(&h[2]), 100u128),
        (id(&h[0]), id(&h[2]), 500),
        (id(&h[0]), escrow, 1),
        (id(&h[1]), id(&h[2]), 1),
    ];
    for (from, to, value) in spends {
        let out = c.call::<Done>(
            &missions,
            &spender,
            "PSP22::transfer_from",
            (from, to, value, no_data.clone()),
        );
        note(&mut life, "transfer_from", out);
    }
    // Burns and the metadata are handed over.
    let out = c.call::<Done>(&missions, &h[1], "PSP22Burnable::burn", 7u128);
    note(&mut life, "burn", out);
    let out = c.call::<Done>(
        &missions,
        &spender,
        "PSP22Burnable::burn_from",
        (id(&h[0]), 10u128),
    );
    note(&mut life, "burn_from", out);
    // A mission escrows h1's bounty (handed over) and the escrow shows in the balances.
    let spec = missions::MissionSpec {
        title: "Fix the roof".into(),
        description: Hash::from([4; 32]),
        bounty: 100,
        deadline: 1_000,
        reviewers: missions::Reviewers::Accounts(vec![id(&h[2])]),
        approvals_needed: 1,
        max_claimants: Some(1),
    };
    let out = c.call::<Result<u64, Error>>(&missions, &h[1], "create_mission", spec);
    note(&mut life, "create_mission", out);

    // Raw calls, as a careless client might make them: a transfer with bytes after its
    // arguments (ink! ignores them), one cut short, a paid one (an unpayable message: a trap),
    // a selector missions does not have.
    let transfer = missions.bundle.message("PSP22::transfer");
    let mut padded = transfer.to_vec();
    scale::Encode::encode_to(&(id(&h[0]), 1u128, no_data.clone()), &mut padded);
    padded.extend([1, 2, 3]);
    // And a `data` whose length says more bytes than come, a paid call cut short.
    let mut overlong = transfer.to_vec();
    scale::Encode::encode_to(&(id(&h[0]), 1u128), &mut overlong);
    scale::Encode::encode_to(&scale::Compact(40u32), &mut overlong);
    overlong.extend([9u8; 39]);
    let raw = [
        (padded.clone(), &h[1], 0u128),
        (padded[..20].to_vec(), &h[1], 0),
        (padded.clone(), &h[1], 1),
        (padded[..20].to_vec(), &h[1], 1),
        (overlong, &h[1], 0),
        (vec![0xde, 0xad, 0xbe, 0xef], &h[1], 0),
    ];
    for (input, who, value) in raw {
        life.seen
            .push(Seen::raw(c.call_raw(&missions, who, input, value)));
    }

    let supply: u128 = c.query(&missions, "PSP22::total_supply", ());
    life.balances.push(supply);
    for who in h.iter().chain([&spender]) {
        let balance: u128 = c.query(&missions, "PSP22::balance_of", id(who));
        life.balances.push(balance);
        let allowance: u128 = c.query(&missions, "PSP22::allowance", (id(&h[0]), id(who)));
        life.allowances.push(allowance);
    }
    let held: u128 = c.query(&missions, "PSP22::balance_of", escrow);
    life.balances.push(held);
    let name: Option<String> = c.query(&missions, "PSP22Metadata::token_name", ());
    assert_eq!(name.as_deref(), Some("usOS"), "the metadata, handed over");
    life
}

#[test]
fn the_token_front_answers_exactly_as_the_whole_code_for_a_fraction_of_the_proof() {
    let front = life(Coop::new());
    let whole = life(Coop::without_front());
    assert_eq!(front.seen.len(), whole.seen.len());
    for (f, w) in front.seen.iter().zip(&whole.seen) {
        assert_eq!(f, w, "the same call answers the same");
    }
    assert_eq!(front.balances, whole.balances);
    assert_eq!(front.allowances, whole.allowances);
    // The life moved tokens: h1 received 300, burnt 7, escrowed 100 and sent 1 by the padded
    // raw call; h2 received 2 with each `data`; the escrow holds the bounty.
    assert_eq!(front.balances.get(2), Some(&(1_000 + 300 - 7 - 100 - 1)));
    assert!(front.balances.get(3).is_some_and(|b| *b >= 10));
    assert_eq!(front.balances.last(), Some(&100));

    println!("| call | proof, whole code | proof, front |");
    println!("|---|---:|---:|");
    for ((call, f), (_, w)) in front.proofs.iter().zip(&whole.proofs) {
        println!("| {call} | {w} | {f} |");
        if ["transfer", "approve", "transfer_from"].contains(call) {
            assert!(f + 25_000 < *w, "{call}: front {f} vs whole {w}");
        }
        // A transfer, with its event's three topics (7.5 KB of proof), within 20 KB.
        if *call == "transfer" {
            assert!(*f <= 20_000, "a transfer's proof is {f} B");
        }
    }
}

fn load(name: &str) -> Rc<Bundle> {
    Rc::new(Bundle::load(name))
}

#[test]
fn only_the_admin_installs_a_token_front_and_only_one_of_this_build() {
    let mut c = Coop::without_front();
    let (admin, missions) = (c.admin.clone(), c.missions.clone());
    let stranger = c.chain.account("stranger");
    let whole = code_hash(&load("missions"));
    let front = c.chain.upload(&load("missions_front"), &admin);
    let governance_front = c.chain.upload(&load("governance_front"), &admin);
    let use_front = |chain: &mut Chain, who: &AccountId32, code: Option<Hash>| {
        chain.call::<Result<(), Error>>(&missions, who, "use_front", code)
    };
    assert_eq!(
        use_front(&mut c.chain, &stranger, Some(front)).value,
        Err(Error::NotAdmin)
    );
    // Not a front of this build: governance's front, the whole code itself, no code at all.
    for code in [governance_front, whole, Hash::from([7; 32])] {
        let out = use_front(&mut c.chain, &admin, Some(code));
        assert_eq!(out.value, Err(Error::NotAFront));
        assert!(out.reverted);
    }
    // A front's code as the whole code: refused, it cannot run alone.
    let out = c
        .chain
        .call::<Result<(), Error>>(&missions, &admin, "set_code", front);
    assert_eq!(out.value, Err(Error::IsAFront));
    let none: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    assert_eq!(none, None, "still the whole code");

    let out = use_front(&mut c.chain, &admin, Some(front));
    assert_eq!(out.value, Ok(()));
    let changed: Vec<FrontChanged> = out.events_of();
    assert_eq!(changed, vec![FrontChanged { front: Some(front) }]);
    let now: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    assert_eq!(
        now,
        Some((front, whole)),
        "runs the front, hands the rest to the whole code"
    );
    let version: u32 = c.chain.query(&missions, "version", ());
    assert_eq!(version, 1, "a query handed over");
    // The same front again changes nothing and says nothing.
    let out = use_front(&mut c.chain, &admin, Some(front));
    assert_eq!(out.value, Ok(()));
    assert!(out.events_of::<FrontChanged>().is_empty());

    // The whole code's uploader cannot remove it while the front hands over to it.
    let refused = c
        .chain
        .remove_code(&admin, whole)
        .expect_err("the rules stay on chain");
    assert!(format!("{refused:?}").contains("CodeInUse"), "{refused:?}");
    // Back to the whole code, and the front again.
    assert_eq!(use_front(&mut c.chain, &admin, None).value, Ok(()));
    let now: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    assert_eq!(now, None);
    assert_eq!(use_front(&mut c.chain, &admin, Some(front)).value, Ok(()));
}

#[test]
fn a_proposal_upgrades_missions_whole_and_a_front_of_another_build_is_refused() {
    let (mut c, voters) = Coop::governed_with(3);
    let (admin, missions) = (c.admin.clone(), c.missions.clone());
    let front: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    let (front, whole) = front.expect("the harness runs the token front");
    // Once governance administers missions, only a proposal changes its code.
    let out = c
        .chain
        .call::<Result<(), Error>>(&missions, &admin, "use_front", None::<Hash>);
    assert_eq!(out.value, Err(Error::NotAdmin));

    // A careless proposal naming the front as missions' code fails and changes nothing.
    let p = queue(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&missions, "set_code", front)],
    );
    assert_eq!(
        execute(&mut c, &voters[0], p),
        Err(governance::Error::ActionFailed)
    );
    let now: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    assert_eq!(now, Some((front, whole)));

    let v2 = Bundle::load_from(&checkout_abi_dir().join("upgrade"), "missions_v2");
    let v2 = c.chain.upload(&v2, &admin);
    pass(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&missions, "set_code", v2)],
    );
    let version: u32 = c.chain.query(&missions, "version", ());
    assert_eq!(version, 2);
    let now: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    assert_eq!(now, None, "the new code runs whole");
    // The dependency on the old whole code went with the front: its uploader may remove it.
    assert_eq!(c.chain.remove_code(&admin, whole), Ok(()));
    // The front of build 1 on the code of build 2: refused, the proposal fails.
    let p = queue(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&missions, "use_front", Some(front))],
    );
    assert_eq!(
        execute(&mut c, &voters[0], p),
        Err(governance::Error::ActionFailed)
    );
    let now: Option<(Hash, Hash)> = c.chain.query(&missions, "front", ());
    assert_eq!(now, None);
    // Tokens still move, in the whole code.
    let out = c.chain.call::<Done>(
        &missions,
        &voters[0],
        "PSP22::transfer",
        (id(&voters[1]), 0u128, Vec::<u8>::new()),
    );
    assert_eq!(out.value, Ok(()));
}

#[test]
fn the_token_front_alone_cannot_be_instantiated() {
    let mut chain = Chain::new();
    let admin = chain.account("admin");
    let out = chain.try_deploy(&load("missions_front"), &admin, "new", ());
    let refused = out.expect_err("refused");
    let answer: Result<Result<(), Error>, ink::LangError> =
        scale::Decode::decode(&mut &refused[..]).expect("an ink! answer");
    assert_eq!(answer, Ok(Err(Error::FrontAlone)));
}

/// The deepest chain of calls the fronts make: a proposal in which governance, as a mission's
/// reviewer, approves the payout, which records labour in capital, which reports to
/// governance. Governance's front hands `execute` to its whole code, which calls missions'
/// front, which hands `review` to its whole code, which calls capital, which calls governance's
/// front: six frames, the most the chain allows.
#[test]
fn a_proposal_approving_a_funded_payout_runs_through_both_fronts() {
    let (mut c, voters) = Coop::governed_with(3);
    let (missions, capital, governance) =
        (c.missions.clone(), c.capital.clone(), c.governance.clone());
    for contract in [&governance, &missions] {
        let running: Option<(Hash, Hash)> = c.chain.query(contract, "front", ());
        assert!(running.is_some(), "{} runs its front", contract.bundle.name);
    }
    let spec = missions::MissionSpec {
        title: "Paint the hall".into(),
        description: Hash::from([5; 32]),
        bounty: 400,
        deadline: c.chain.block() + 10_000,
        reviewers: missions::Reviewers::Accounts(vec![governance.id()]),
        approvals_needed: 1,
        max_claimants: None,
    };
    let limit = Some(capital::RecorderLimit {
        amount: u128::MAX,
        period: 1,
    });
    pass(
        &mut c,
        &voters,
        0,
        vec![
            Coop::action(&capital, "set_recorder", (missions.id(), limit)),
            Coop::action(&missions, "set_labour_recording", true),
            Coop::action(&missions, "create_funded_mission", spec),
        ],
    );
    let worker = &voters[2];
    let out = c
        .chain
        .call::<Result<(), Error>>(&missions, worker, "claim", 1u64);
    assert_eq!(out.value, Ok(()));
    let out =
        c.chain
            .call::<Result<(), Error>>(&missions, worker, "submit", (1u64, Hash::from([6; 32])));
    assert_eq!(out.value, Ok(()));
    let before: capital::Stake = c.chain.query(&capital, "stake", id(worker));
    pass(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&missions, "review", (1u64, id(worker), true))],
    );
    let paid: u128 = c.chain.query(&missions, "PSP22::balance_of", id(worker));
    assert_eq!(paid, 400, "the bounty is paid");
    let after: capital::Stake = c.chain.query(&capital, "stake", id(worker));
    assert_eq!(
        after.contributed,
        before.contributed + 400,
        "and recorded as labour, which governance heard"
    );
}
