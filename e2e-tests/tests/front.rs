//! Governance's front (#18, item 1): votes, relayed votes and delegations in small code. On
//! the real Wasm: a cooperative whose governance runs the front answers, refuses, emits and
//! counts exactly as its twin running the whole code, for much less proof; every other
//! message is handed to the whole code; only governance (or its deployer while setting up)
//! installs a front, and only a front of its own version; an upgrade runs the new code whole;
//! the front cannot be instantiated on its own.

use governance::{events::FrontChanged, Action, Choice, Error, ProposalId, Tally, Vote};
use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use std::{fmt::Debug, rc::Rc};
use usos_e2e_tests::{
    bundle::checkout_abi_dir,
    chain::Outcome,
    coop::test_params,
    id,
    proposals::{execute, pass, queue},
    relay::Signer,
    twin::{code_hash, Seen},
    Bundle, Chain, Coop,
};

struct Life {
    seen: Vec<Seen>,
    /// (call, proof_size) of each hot call.
    proofs: Vec<(&'static str, u64)>,
    tally: Tally,
    votes: Vec<Option<Vote>>,
    delegates: Vec<Option<ink::primitives::AccountId>>,
}

fn note<R: Debug>(life: &mut Life, call: &'static str, out: Outcome<R>) {
    life.proofs.push((call, out.proof_size));
    life.seen.push(Seen::of(call, &out));
}

/// Members m0..m5 (m0 and m1 with capital) delegate, undelegate, vote, override, vote twice,
/// vote by relayed batch (with a forgery and a second vote), and a stranger tries both.
fn life(mut coop: Coop) -> Life {
    let mut life = Life {
        seen: Vec::new(),
        proofs: Vec::new(),
        tally: Tally::default(),
        votes: Vec::new(),
        delegates: Vec::new(),
    };
    let m: Vec<AccountId32> = (0..6).map(|i| coop.member(&format!("m{i}"))).collect();
    let stranger = coop.chain.account("stranger");
    let (governance, capital) = (coop.governance.clone(), coop.capital.clone());
    for (who, amount) in [(&m[0], 50u128), (&m[1], 100)] {
        let out = coop.chain.call_with_value::<Result<(), capital::Error>>(
            &capital,
            who,
            "deposit",
            (),
            amount,
        );
        assert_eq!(out.value, Ok(()));
        // capital reports each deposit to governance (run by the front).
        note(&mut life, "capital.deposit", out);
    }
    let membership = coop.membership.clone();
    // A credential: merit reports it to governance (run by the front).
    let (admin, merit) = (coop.admin.clone(), coop.merit.clone());
    let rules = merit::CategoryRules {
        min_attestations: 3,
        min_holder_share: usos_primitives::BasisPoints::ZERO,
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 10,
        level_points: vec![1, 2, 4],
        lifetime: Some(100_000),
    };
    let category = coop
        .chain
        .call::<Result<u32, merit::Error>>(
            &merit,
            &admin,
            "create_category",
            (String::from("tech"), rules),
        )
        .value
        .expect("a category");
    let out = coop.chain.call::<Result<(), merit::Error>>(
        &merit,
        &admin,
        "grant",
        (id(&m[2]), category, 1u8, Hash::from([1; 32])),
    );
    assert_eq!(out.value, Ok(()));
    note(&mut life, "merit.grant", out);
    let c = &mut coop.chain;
    let delegate = |life: &mut Life, c: &mut Chain, who: &AccountId32, to: &AccountId32| {
        let out = c.call::<Result<(), Error>>(&governance, who, "delegate", (0u32, id(to)));
        note(life, "delegate", out);
    };
    delegate(&mut life, c, &m[4], &m[0]);
    delegate(&mut life, c, &m[5], &m[4]);
    // A cycle, a stranger, an unknown category.
    delegate(&mut life, c, &m[0], &m[5]);
    delegate(&mut life, c, &stranger, &m[0]);
    let out = c.call::<Result<(), Error>>(&governance, &m[3], "delegate", (77u32, id(&m[0])));
    note(&mut life, "delegate", out);
    let out = c.call::<Result<(), Error>>(&governance, &m[5], "undelegate", 0u32);
    note(&mut life, "undelegate", out);
    let out = c.call::<Result<(), Error>>(&governance, &m[5], "undelegate", 0u32);
    note(&mut life, "undelegate", out);
    delegate(&mut life, c, &m[5], &m[1]);

    let out = c.call::<Result<ProposalId, Error>>(
        &governance,
        &m[2],
        "propose",
        (0u32, "A proposal", "ipfs://d", Vec::<Action>::new()),
    );
    let p = out.value.expect("a proposal");
    note(&mut life, "propose", out);
    c.advance(test_params().voting_delay + 1);

    let vote = |life: &mut Life, c: &mut Chain, who: &AccountId32, choice: Choice| {
        let out = c.call::<Result<(), Error>>(&governance, who, "cast_vote", (p, choice));
        note(life, "cast_vote", out);
    };
    vote(&mut life, c, &m[0], Choice::For);
    // m4 overrides its delegate m0; m0 votes twice; a stranger votes.
    vote(&mut life, c, &m[4], Choice::Against);
    vote(&mut life, c, &m[0], Choice::Against);
    vote(&mut life, c, &stranger, Choice::For);
    // A delegation after the snapshot counts in later proposals only.
    delegate(&mut life, c, &m[3], &m[1]);

    // Relayed: m2 and m3 register keys; m2's vote, a forgery for m3 and m2's second vote.
    let keys = [Signer::new(2), Signer::new(3)];
    keys[0].register(&mut coop, &m[2]);
    keys[1].register(&mut coop, &m[3]);
    let batch = vec![
        keys[0].sign(&mut coop, &m[2], p, Choice::For),
        keys[0].sign(&mut coop, &m[3], p, Choice::Against),
        keys[0].sign(&mut coop, &m[2], p, Choice::Against),
    ];
    let relayer = coop.chain.account("relayer");
    let out = coop.chain.call::<Result<Vec<Result<(), Error>>, Error>>(
        &governance,
        &relayer,
        "cast_votes",
        batch,
    );
    note(&mut life, "cast_votes", out);
    let c = &mut coop.chain;
    // Raw calls, as a careless client or a proposal action might make them: a vote with bytes
    // after its arguments (ink! ignores them), a vote cut short, a paid vote (an unpayable
    // message: a trap), a selector governance does not have.
    let cast_vote = governance.bundle.message("cast_vote");
    let mut padded = cast_vote.to_vec();
    scale::Encode::encode_to(&(p, Choice::For), &mut padded);
    padded.extend([1, 2, 3]);
    let raw = [
        (padded.clone(), &m[1], 0u128),
        (padded[..5].to_vec(), &m[1], 0),
        (padded.clone(), &m[2], 1),
        (vec![0xde, 0xad, 0xbe, 0xef], &m[1], 0),
    ];
    for (input, who, value) in raw {
        life.seen
            .push(Seen::raw(c.call_raw(&governance, who, input, value)));
    }
    // A stranger reports to governance as if it were capital or merit; an empty relayed batch.
    let rate = usos_primitives::Rate { num: 1, den: 1 };
    let out = c.call::<Result<u32, usos_primitives::ListenerError>>(
        &governance,
        &stranger,
        "CapitalListener::capital_changed",
        (
            rate,
            vec![(
                id(&stranger),
                usos_primitives::CapitalInput {
                    raw: 1_000,
                    fixed: None,
                },
            )],
        ),
    );
    note(&mut life, "capital_changed", out);
    let out = c.call::<Result<(), usos_primitives::ListenerError>>(
        &governance,
        &stranger,
        "MeritListener::merit_changed",
        (id(&stranger), category, 9u32),
    );
    note(&mut life, "merit_changed", out);
    let out = c.call::<Result<Vec<Result<(), Error>>, Error>>(
        &governance,
        &relayer,
        "cast_votes",
        Vec::<governance::relay::SignedVote>::new(),
    );
    note(&mut life, "cast_votes", out);
    vote(&mut life, c, &m[1], Choice::Abstain);
    // m1 voted: capital asks governance's vote lock (run by the front) and keeps its deposit.
    let out = c.call::<Result<(), capital::Error>>(&capital, &m[1], "withdraw", 10u128);
    note(&mut life, "capital.withdraw", out);
    // An admission and an exit: membership reports them (handed to the whole code); m5's exit
    // ends its delegation.
    let newcomer = coop.chain.account("newcomer");
    let out = coop.chain.call::<Result<(), membership::Error>>(
        &membership,
        &admin,
        "admit",
        (id(&newcomer), membership::StakeholderClass::User),
    );
    note(&mut life, "membership.admit", out);
    let out = coop
        .chain
        .call::<Result<(), membership::Error>>(&membership, &m[5], "leave", ());
    note(&mut life, "membership.leave", out);
    let c = &mut coop.chain;

    life.tally = c.query(&governance, "tally", p);
    for who in m.iter().chain([&stranger]) {
        let v: Option<Vote> = c.query(&governance, "vote_of", (p, id(who)));
        life.votes.push(v);
        let d: Option<ink::primitives::AccountId> =
            c.query(&governance, "delegate_of", (0u32, id(who)));
        life.delegates.push(d);
    }
    life
}

#[test]
fn the_front_counts_exactly_as_the_whole_code_for_much_less_proof() {
    let front = life(Coop::new());
    let whole = life(Coop::without_front());
    assert_eq!(front.seen.len(), whole.seen.len());
    for (f, w) in front.seen.iter().zip(&whole.seen) {
        assert_eq!(f, w, "the same call answers the same");
    }
    assert_eq!(front.tally, whole.tally);
    assert_eq!(front.votes, whole.votes);
    assert_eq!(front.delegates, whole.delegates);
    // The life votes for, against and abstains: the tally is not trivially equal.
    let nothing = governance::PoolAmounts::default();
    assert!(front.tally.for_ != nothing && front.tally.against != nothing);

    println!("| call | proof, whole code | proof, front |");
    println!("|---|---:|---:|");
    for ((call, f), (_, w)) in front.proofs.iter().zip(&whole.proofs) {
        println!("| {call} | {w} | {f} |");
        if [
            "cast_vote",
            "delegate",
            "undelegate",
            "cast_votes",
            "capital.deposit",
            "capital.withdraw",
            "merit.grant",
        ]
        .contains(call)
        {
            assert!(f + 25_000 < *w, "{call}: front {f} vs whole {w}");
        }
    }
}

fn load(name: &str) -> Rc<Bundle> {
    Rc::new(Bundle::load(name))
}

/// A governance of the whole code deployed by `admin`, not connected yet.
fn unconnected(chain: &mut Chain, admin: &AccountId32) -> usos_e2e_tests::Contract {
    let config = governance::Config {
        budget: usos_e2e_tests::BUDGET,
        grace: 14_400,
        open_per_member: 20,
    };
    chain.deploy(&load("governance"), admin, "new", config)
}

#[test]
fn only_a_front_of_this_version_is_installed_and_only_by_governance_or_while_setting_up() {
    let mut chain = Chain::new();
    let admin = chain.account("admin");
    let stranger = chain.account("stranger");
    let governance = unconnected(&mut chain, &admin);
    let whole = code_hash(&load("governance"));
    let front = chain.upload(&load("governance_front"), &admin);
    let membership = chain.upload(&load("membership"), &admin);
    let use_front = |chain: &mut Chain, who: &AccountId32, code: Option<Hash>| {
        chain.call::<Result<(), Error>>(&governance, who, "use_front", code)
    };
    assert_eq!(
        use_front(&mut chain, &stranger, Some(front)).value,
        Err(Error::NotGovernance)
    );
    // Not a front: another contract's code, the whole code itself, no code at all.
    for code in [membership, whole, Hash::from([7; 32])] {
        let out = use_front(&mut chain, &admin, Some(code));
        assert_eq!(out.value, Err(Error::NotAFront));
        assert!(out.reverted);
    }
    let none: Option<(Hash, Hash)> = chain.query(&governance, "front", ());
    assert_eq!(none, None, "still the whole code");

    let out = use_front(&mut chain, &admin, Some(front));
    assert_eq!(out.value, Ok(()));
    let changed: Vec<FrontChanged> = out.events_of();
    assert_eq!(changed, vec![FrontChanged { front: Some(front) }]);
    let now: Option<(Hash, Hash)> = chain.query(&governance, "front", ());
    assert_eq!(
        now,
        Some((front, whole)),
        "runs the front, hands the rest to the whole code"
    );
    let version: u32 = chain.query(&governance, "version", ());
    assert_eq!(version, 1, "a query handed over");
    // Running the front, the whole code is still not a front.
    assert_eq!(
        use_front(&mut chain, &admin, Some(whole)).value,
        Err(Error::NotAFront)
    );

    // The whole code's uploader cannot remove it while a front hands over to it (no contract
    // runs that code now: governance depends on it).
    let refused = chain
        .remove_code(&admin, whole)
        .expect_err("the rules stay on chain");
    assert!(format!("{refused:?}").contains("CodeInUse"), "{refused:?}");

    // Back to the whole code, and the front again.
    assert_eq!(use_front(&mut chain, &admin, None).value, Ok(()));
    let now: Option<(Hash, Hash)> = chain.query(&governance, "front", ());
    assert_eq!(now, None);
    assert_eq!(use_front(&mut chain, &admin, Some(front)).value, Ok(()));
}

#[test]
fn after_connecting_only_a_proposal_changes_the_front() {
    let (mut c, voters) = Coop::governed_with(3);
    let admin = c.admin.clone();
    let governance = c.governance.clone();
    let out = c
        .chain
        .call::<Result<(), Error>>(&governance, &admin, "use_front", None::<Hash>);
    assert_eq!(
        out.value,
        Err(Error::NotGovernance),
        "the deployer, once connected"
    );
    let front: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    let (front, whole) = front.expect("the harness runs the front");

    pass(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&governance, "use_front", None::<Hash>)],
    );
    let now: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    assert_eq!(now, None, "the whole code runs everything");
    // The whole code votes on, and installs the front again by proposal.
    pass(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&governance, "use_front", Some(front))],
    );
    let now: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    assert_eq!(now, Some((front, whole)));

    // A careless upgrade naming the front's code as governance's code is refused (`IsAFront`:
    // the front cannot run without the whole code), and the proposal changes nothing.
    let p = queue(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&governance, "set_code", front)],
    );
    assert_eq!(execute(&mut c, &voters[0], p), Err(Error::ActionFailed));
    let now: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    assert_eq!(now, Some((front, whole)));
    let q = queue(&mut c, &voters, 0, Vec::new());
    assert_eq!(
        execute(&mut c, &voters[0], q),
        Ok(()),
        "governance still decides"
    );
}

#[test]
fn an_upgrade_runs_the_new_code_whole_and_refuses_a_front_of_another_version() {
    let (mut c, voters) = Coop::governed_with(3);
    let governance = c.governance.clone();
    let admin = c.admin.clone();
    let v2 = Bundle::load_from(&checkout_abi_dir().join("upgrade"), "governance_v2");
    let v2 = c.chain.upload(&v2, &admin);
    let front: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    let (front, _) = front.expect("the harness runs the front");

    pass(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&governance, "set_code", v2)],
    );
    let version: u32 = c.chain.query(&governance, "version", ());
    assert_eq!(version, 2);
    let now: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    assert_eq!(now, None, "the new code runs whole");
    // The dependency on the old whole code went with the front: its uploader may remove it.
    let old = code_hash(&load("governance"));
    assert_eq!(c.chain.remove_code(&admin, old), Ok(()));

    // The front of version 1 on the code of version 2: refused, the proposal stays queued.
    let p = queue(
        &mut c,
        &voters,
        0,
        vec![Coop::action(&governance, "use_front", Some(front))],
    );
    assert_eq!(execute(&mut c, &voters[0], p), Err(Error::ActionFailed));
    let now: Option<(Hash, Hash)> = c.chain.query(&governance, "front", ());
    assert_eq!(now, None);
    // Votes still count, in the whole code.
    let q = queue(&mut c, &voters, 0, Vec::new());
    assert_eq!(execute(&mut c, &voters[0], q), Ok(()));
}

#[test]
fn the_front_alone_cannot_be_instantiated() {
    let mut chain = Chain::new();
    let admin = chain.account("admin");
    let out = chain.try_deploy(&load("governance_front"), &admin, "new", ());
    let refused = out.expect_err("refused");
    let answer: Result<Result<(), Error>, ink::LangError> =
        scale::Decode::decode(&mut &refused[..]).expect("an ink! answer");
    assert_eq!(answer, Ok(Err(Error::FrontAlone)));
}
