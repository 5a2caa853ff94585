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
    id,
    proposals::{pass, try_propose},
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

#[test]
fn every_contract_is_upgraded_by_proposal_and_keeps_its_state() {
    let mut c = Coop::new();
    let m: Vec<_> = (0..3).map(|i| c.member(&format!("member{i}"))).collect();
    let admin = c.admin.clone();
    let (merit, missions, capital, governance) = (
        c.merit.clone(),
        c.missions.clone(),
        c.capital.clone(),
        c.governance.clone(),
    );
    // v1's state, one kind per contract: a category and a credential, tokens, a mission and a
    // claim, a stake, a delegation, an open proposal with a vote.
    let rules = CategoryRules {
        min_attestations: 1,
        min_holder_share: BasisPoints::ZERO,
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 10,
        level_points: vec![1, 3],
        lifetime: None,
    };
    let category: Result<CategoryId, merit::Error> = call(
        &mut c,
        &merit,
        &admin,
        "create_category",
        (String::from("finance"), rules),
    );
    assert_eq!(category, Ok(1));
    let granted: Result<(), merit::Error> = call(
        &mut c,
        &merit,
        &admin,
        "grant",
        (id(&m[0]), 1u32, 2u8, Hash::from([1; 32])),
    );
    assert_eq!(granted, Ok(()));
    let minted: Result<(), missions::Error> =
        call(&mut c, &missions, &admin, "mint", (id(&m[1]), 1_000u128));
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
        call(&mut c, &missions, &admin, "create_funded_mission", spec);
    let mission = mission.expect("mission");
    let claimed: Result<(), missions::Error> = call(&mut c, &missions, &m[1], "claim", mission);
    assert_eq!(claimed, Ok(()));
    c.hand_over();
    let out = c.chain.call_with_value::<Result<(), capital::Error>>(
        &capital,
        &m[2],
        "deposit",
        (),
        5_000,
    );
    assert_eq!(out.value, Ok(()));
    let delegated: Done = call(&mut c, &governance, &m[1], "delegate", (GENERAL, id(&m[0])));
    assert_eq!(delegated, Ok(()));
    let open = try_propose(&mut c, &m[2], GENERAL, Vec::new()).expect("proposed");
    c.chain.advance(2);
    let voted: Done = call(
        &mut c,
        &governance,
        &m[0],
        "cast_vote",
        (open, Choice::Against),
    );
    assert_eq!(voted, Ok(()));
    let at = c.chain.block();
    let before = readings(&mut c, &m, at, mission, open);
    assert_eq!(versions(&mut c), vec![1; 6]);

    // One proposal upgrades all six; governance replaces its own code last (the running
    // execution finishes in the old code).
    let owner = c.admin.clone();
    let mut actions = Vec::new();
    for contract in [
        c.membership.clone(),
        c.merit.clone(),
        c.capital.clone(),
        c.missions.clone(),
        c.profiles.clone(),
        c.governance.clone(),
    ] {
        let v2 = Bundle::load(&format!("upgrade/{}_v2", contract.bundle.name));
        let hash = c.chain.upload(&v2, &owner);
        actions.push(Coop::action(&contract, "set_code", hash));
    }
    pass(&mut c, &m, GENERAL, actions);
    assert_eq!(versions(&mut c), vec![2; 6], "the new code runs everywhere");
    assert_eq!(
        readings(&mut c, &m, at, mission, open),
        before,
        "state survived"
    );

    // And every contract keeps working: one write each, read back.
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
    pass(&mut c, &m, GENERAL, vec![admit, grant]);
    let member: bool = c.chain.query(&c.membership, "is_member", id(&newcomer));
    assert!(
        member,
        "membership v2 admitted, by governance v2's proposal"
    );
    let credential: Option<merit::Credential> =
        c.chain.query(&c.merit, "credential", (id(&m[1]), 1u32));
    assert!(credential.is_some(), "merit v2 granted");
    let out =
        c.chain
            .call_with_value::<Result<(), capital::Error>>(&capital, &m[0], "deposit", (), 700);
    assert_eq!(out.value, Ok(()));
    let stake: capital::Stake = c.chain.query(&capital, "stake", id(&m[0]));
    assert_eq!(stake.deposited, 700);
    let submitted: Result<(), missions::Error> = call(
        &mut c,
        &missions,
        &m[1],
        "submit",
        (mission, Hash::from([9; 32])),
    );
    assert_eq!(submitted, Ok(()));
    let claim: Option<missions::Claim> = c.chain.query(&missions, "claim_of", (mission, id(&m[1])));
    assert_eq!(claim.and_then(|c| c.evidence), Some(Hash::from([9; 32])));
}
