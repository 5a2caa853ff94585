//! Upgrades that keep state (#17 item 4), on the real Wasm: one proposal installs the `v2`
//! build of every contract, governance itself last; everything v1 wrote (members, credentials,
//! stakes and shares, proposals, tallies and delegations, balances, missions and claims,
//! answers) reads back byte for byte, and every contract keeps working.

use governance::{Choice, Error, ProposalId};
use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use merit::CategoryRules;
use missions::{MissionSpec, Reviewers};
use usos_e2e_tests::{
    coop::test_params,
    id,
    proposals::{execute, finalise, pass, try_propose, vote},
    Bundle, Contract, Coop,
};
use usos_primitives::{BasisPoints, CategoryId, Verbatim};

type Done = Result<(), Error>;
const GENERAL: CategoryId = 0;

fn call<R: scale::Decode>(
    c: &mut Coop,
    contract: &Contract,
    who: &AccountId32,
    message: &str,
    args: impl scale::Encode,
) -> R {
    c.chain.call(contract, who, message, args).value
}

/// What every contract answers about the state v1 wrote, as raw bytes.
fn readings(
    c: &mut Coop,
    m: &[AccountId32],
    at: u32,
    mission: u64,
    open: ProposalId,
) -> Vec<Vec<u8>> {
    let (me, mr, ca, gv, mi, pr) = (
        c.membership.clone(),
        c.merit.clone(),
        c.capital.clone(),
        c.governance.clone(),
        c.missions.clone(),
        c.profiles.clone(),
    );
    let mut q = |contract: &Contract, message: &str, args: Vec<u8>| -> Vec<u8> {
        c.chain
            .query::<Verbatim>(contract, message, Verbatim(args))
            .0
    };
    use scale::Encode;
    let (a, b, d) = (id(&m[0]), id(&m[1]), id(&m[2]));
    vec![
        q(&me, "member", a.encode()),
        q(&me, "member_count", Vec::new()),
        q(&me, "household_of", b.encode()),
        q(&mr, "category", 1u32.encode()),
        q(&mr, "credential", (a, 1u32).encode()),
        q(&mr, "holders_at", (1u32, at).encode()),
        q(&ca, "stake", d.encode()),
        q(&ca, "raw_at", (d, at).encode()),
        q(&ca, "pool_at", at.encode()),
        q(&ca, "rate_at", at.encode()),
        q(&gv, "proposal", open.encode()),
        q(&gv, "proposal_text", open.encode()),
        q(&gv, "tally", open.encode()),
        q(&gv, "vote_of", (open, a).encode()),
        q(&gv, "delegate_of", (GENERAL, b).encode()),
        q(&gv, "power_at", (GENERAL, a, at).encode()),
        q(&gv, "totals_at", (GENERAL, at).encode()),
        q(&gv, "config", Vec::new()),
        q(&gv, "params", GENERAL.encode()),
        q(&mi, "PSP22::balance_of", b.encode()),
        q(&mi, "PSP22::total_supply", Vec::new()),
        q(&mi, "mission", mission.encode()),
        q(&mi, "claim_of", (mission, b).encode()),
        q(&pr, "questionnaire", GENERAL.encode()),
    ]
}

fn versions(c: &mut Coop) -> Vec<u32> {
    let all = [
        c.membership.clone(),
        c.merit.clone(),
        c.capital.clone(),
        c.missions.clone(),
        c.profiles.clone(),
        c.governance.clone(),
    ];
    all.iter()
        .map(|x| c.chain.query(x, "version", ()))
        .collect()
}

/// What the earlier code wrote, one kind per contract: a category and a credential, tokens, a
/// mission and a claim, stakes, a delegation (m1 to m0), an open proposal m0 voted Against on.
struct Written {
    m: Vec<AccountId32>,
    at: u32,
    mission: u64,
    open: ProposalId,
}

fn write_state(c: &mut Coop) -> Written {
    let m: Vec<_> = (0..3).map(|i| c.member(&format!("member{i}"))).collect();
    let admin = c.admin.clone();
    let (merit, missions, capital, governance) = (
        c.merit.clone(),
        c.missions.clone(),
        c.capital.clone(),
        c.governance.clone(),
    );
    let rules = CategoryRules {
        min_attestations: 1,
        min_holder_share: BasisPoints::ZERO,
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 10,
        level_points: vec![1, 3],
        lifetime: None,
    };
    let category: Result<CategoryId, merit::Error> = call(
        c,
        &merit,
        &admin,
        "create_category",
        (String::from("finance"), rules),
    );
    assert_eq!(category, Ok(1));
    let granted: Result<(), merit::Error> = call(
        c,
        &merit,
        &admin,
        "grant",
        (id(&m[0]), 1u32, 2u8, Hash::from([1; 32])),
    );
    assert_eq!(granted, Ok(()));
    let minted: Result<(), missions::Error> =
        call(c, &missions, &admin, "mint", (id(&m[1]), 1_000u128));
    assert_eq!(minted, Ok(()));
    let now = c.chain.block();
    let spec = MissionSpec {
        title: "Paint the hall".into(),
        description: Hash::from([2; 32]),
        bounty: 400,
        deadline: now + 500,
        reviewers: Reviewers::Accounts(vec![id(&m[2])]),
        approvals_needed: 1,
        max_claimants: Some(2),
    };
    let mission: Result<u64, missions::Error> =
        call(c, &missions, &admin, "create_funded_mission", spec);
    let mission = mission.expect("mission");
    let claimed: Result<(), missions::Error> = call(c, &missions, &m[1], "claim", mission);
    assert_eq!(claimed, Ok(()));
    c.hand_over();
    // Stakes in capital's heaps, several levels deep.
    for (who, amount) in [(&m[2], 5_000u128), (&m[1], 300), (&m[0], 40)] {
        let out = c.chain.call_with_value::<Result<(), capital::Error>>(
            &capital,
            who,
            "deposit",
            (),
            amount,
        );
        assert_eq!(out.value, Ok(()));
    }
    let delegated: Done = call(c, &governance, &m[1], "delegate", (GENERAL, id(&m[0])));
    assert_eq!(delegated, Ok(()));
    let open = try_propose(c, &m[2], GENERAL, Vec::new()).expect("proposed");
    c.chain.advance(2);
    let voted: Done = call(c, &governance, &m[0], "cast_vote", (open, Choice::Against));
    assert_eq!(voted, Ok(()));
    let at = c.chain.block();
    Written {
        m,
        at,
        mission,
        open,
    }
}

/// The actions that install `code(name)` in all six; governance replaces its own code last
/// (the running execution finishes in the old code).
fn upgrade_actions(c: &mut Coop, code: impl Fn(&str) -> Bundle) -> Vec<governance::Action> {
    let owner = c.admin.clone();
    let mut actions = Vec::new();
    for (name, contract) in [
        ("membership", c.membership.clone()),
        ("merit", c.merit.clone()),
        ("capital", c.capital.clone()),
        ("missions", c.missions.clone()),
        ("profiles", c.profiles.clone()),
        ("governance", c.governance.clone()),
    ] {
        let hash = c.chain.upload(&code(name), &owner);
        actions.push(Coop::action(&contract, "set_code", hash));
    }
    actions
}

/// Every member votes For `actions`; the proposal is finalised (its timelock starts).
fn queue_until_finalised(
    c: &mut Coop,
    m: &[AccountId32],
    actions: Vec<governance::Action>,
) -> ProposalId {
    let p = try_propose(c, &m[0], GENERAL, actions).expect("proposed");
    c.chain.advance(2);
    for v in m {
        assert_eq!(vote(c, v, p, Choice::For), Ok(()));
    }
    c.chain.advance(test_params().voting_period);
    assert_eq!(finalise(c, &m[0], p), Ok(()));
    p
}

/// Every contract keeps working after an upgrade: one write each, read back.
fn every_contract_keeps_working(c: &mut Coop, w: &Written) {
    let (m, mission, capital, missions) = (&w.m, w.mission, c.capital.clone(), c.missions.clone());
    let newcomer = c.chain.account("newcomer");
    let admit = Coop::action(
        &c.membership,
        "admit",
        (id(&newcomer), StakeholderClass::Worker),
    );
    let grant = Coop::action(
        &c.merit,
        "grant",
        (id(&m[1]), 1u32, 1u8, Hash::from([3; 32])),
    );
    pass(c, m, GENERAL, vec![admit, grant]);
    let member: bool = c.chain.query(&c.membership, "is_member", id(&newcomer));
    assert!(member, "membership admitted, by governance's proposal");
    let credential: Option<merit::Credential> =
        c.chain.query(&c.merit, "credential", (id(&m[1]), 1u32));
    assert!(credential.is_some(), "merit granted");
    let out =
        c.chain
            .call_with_value::<Result<(), capital::Error>>(&capital, &m[0], "deposit", (), 700);
    assert_eq!(out.value, Ok(()));
    let stake: capital::Stake = c.chain.query(&capital, "stake", id(&m[0]));
    assert_eq!(stake.deposited, 740);
    let submitted: Result<(), missions::Error> = call(
        c,
        &missions,
        &m[1],
        "submit",
        (mission, Hash::from([9; 32])),
    );
    assert_eq!(submitted, Ok(()));
    let claim: Option<missions::Claim> = c.chain.query(&missions, "claim_of", (mission, id(&m[1])));
    assert_eq!(claim.and_then(|c| c.evidence), Some(Hash::from([9; 32])));
}

#[test]
fn every_contract_is_upgraded_by_proposal_and_keeps_its_state() {
    let mut c = Coop::new();
    let w = write_state(&mut c);
    let before = readings(&mut c, &w.m, w.at, w.mission, w.open);
    assert_eq!(versions(&mut c), vec![1; 6]);
    let actions = upgrade_actions(&mut c, |name| Bundle::load(&format!("upgrade/{name}_v2")));
    pass(&mut c, &w.m, GENERAL, actions);
    assert_eq!(versions(&mut c), vec![2; 6], "the new code runs everywhere");
    assert_eq!(
        readings(&mut c, &w.m, w.at, w.mission, w.open),
        before,
        "state survived"
    );
    every_contract_keeps_working(&mut c, &w);
}

/// A cooperative of the previous release (`frontend-abi/upgrade/previous/`, whose storage
/// layout had no checkpoint heads, two cells per voter and binary heaps) upgraded in place to
/// this tree's code: every history, vote and stake reads back, the vote cast before the upgrade
/// still counts once and its delegator can still override it, and everything keeps working.
#[test]
fn a_cooperative_of_the_previous_release_upgrades_in_place_and_keeps_its_state() {
    let mut c = Coop::previous_release();
    let w = write_state(&mut c);
    let before = readings(&mut c, &w.m, w.at, w.mission, w.open);
    // The upgrade passes while another proposal is open and m0 has voted on it. Its last
    // actions install this release's fronts: the previous release had none, and once
    // governance and missions run the new code they take them (the votes below run in
    // governance's, and every_contract_keeps_working's mission calls are handed over by the
    // token's).
    let mut actions = upgrade_actions(&mut c, Bundle::load);
    let admin = c.admin.clone();
    let front = c.chain.upload(&Bundle::load("governance_front"), &admin);
    // Addressed by this release's metadata: the previous one has no `use_front`.
    let current = usos_e2e_tests::Contract {
        address: c.governance.address.clone(),
        bundle: std::rc::Rc::new(Bundle::load("governance")),
    };
    actions.push(Coop::action(&current, "use_front", Some(front)));
    // And missions takes this release's token front.
    let token_front = c.chain.upload(&Bundle::load("missions_front"), &admin);
    let missions_now = usos_e2e_tests::Contract {
        address: c.missions.address.clone(),
        bundle: std::rc::Rc::new(Bundle::load("missions")),
    };
    actions.push(Coop::action(&missions_now, "use_front", Some(token_front)));
    let upgrade = queue_until_finalised(&mut c, &w.m, actions);
    let open = try_propose(&mut c, &w.m[2], GENERAL, Vec::new()).expect("proposed");
    c.chain.advance(2);
    assert_eq!(vote(&mut c, &w.m[0], open, Choice::Against), Ok(()));
    c.chain.advance(test_params().timelock);
    assert_eq!(execute(&mut c, &w.m[0], upgrade), Ok(()), "upgraded");
    let running: Option<(ink::primitives::Hash, ink::primitives::Hash)> =
        c.chain.query(&current, "front", ());
    assert_eq!(
        running.map(|(f, _)| f),
        Some(front),
        "governance runs the front"
    );
    let running: Option<(ink::primitives::Hash, ink::primitives::Hash)> =
        c.chain.query(&missions_now, "front", ());
    assert_eq!(
        running.map(|(f, _)| f),
        Some(token_front),
        "missions runs the token front"
    );
    assert_eq!(
        readings(&mut c, &w.m, w.at, w.mission, w.open),
        before,
        "state survived"
    );
    assert_eq!(
        vote(&mut c, &w.m[0], open, Choice::For),
        Err(Error::AlreadyVoted),
        "the vote cast before the upgrade is remembered"
    );
    let governance = c.governance.clone();
    let before_override: governance::Tally = c.chain.query(&governance, "tally", open);
    assert_eq!(
        before_override.against.equal, 2,
        "m0 counts for m1 and itself"
    );
    assert_eq!(vote(&mut c, &w.m[1], open, Choice::For), Ok(()));
    let after: governance::Tally = c.chain.query(&governance, "tally", open);
    assert_eq!(
        (after.against.equal, after.for_.equal),
        (1, 1),
        "m1 took its point back from m0's earlier vote"
    );
    every_contract_keeps_working(&mut c, &w);
}
