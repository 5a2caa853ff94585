//! The bricking suite (#17): what a passed but careless proposal could do to stop a
//! cooperative for good, tried on the built Wasm of a cooperative the factory made. Governance
//! is the admin of every contract, so a governance that can no longer pass and execute freezes
//! everything. Each test fails on the code before its fix (see SECURITY.md).

use factory::CONSTITUTION;
use governance::{
    ActionRule, CategoryParams, Choice, Config, Error, PoolWeights, ProposalId, ProposalState,
};
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use usos_e2e_tests::{
    coop::test_params,
    factory::constitution_params,
    id,
    proposals::{execute, finalise, pass, queue, riverside, state, try_propose, vote},
    Coop, BUDGET,
};
use usos_primitives::{BasisPoints, CategoryId};

/// merit's first founding category: "finance" (carries admissions).
const FINANCE: CategoryId = 1;
/// The test cooperative's grace: `MIN_GRACE`, a day of blocks.
const GRACE: u32 = governance::MIN_GRACE;

fn config(budget: u128, grace: u32) -> Config {
    Config {
        budget,
        grace,
        open_per_member: 20,
    }
}

fn set_config(c: &Coop, config: Config) -> governance::Action {
    Coop::action(&c.governance, "set_config", config)
}

fn set_params(c: &Coop, category: CategoryId, params: CategoryParams) -> governance::Action {
    Coop::action(&c.governance, "set_params", (category, params))
}

fn admit(c: &mut Coop, name: &str) -> (AccountId32, governance::Action) {
    let newcomer = c.chain.account(name);
    let action = Coop::action(
        &c.membership,
        "admit",
        (id(&newcomer), StakeholderClass::User),
    );
    (newcomer, action)
}

fn is_member(c: &mut Coop, who: &AccountId32) -> bool {
    c.chain.query(&c.membership, "is_member", id(who))
}

/// The careless action passes the vote but is refused when executed, and governance still
/// decides afterwards: the constitution can restore the defaults and finance can admit.
fn refused_and_still_governs(careless: impl FnOnce(&Coop) -> governance::Action) {
    let (mut c, f) = riverside(3, 2);
    let action = careless(&c);
    let p = queue(&mut c, &f, CONSTITUTION, vec![action]);
    assert_eq!(execute(&mut c, &f[0], p), Err(Error::ActionFailed));
    let restore = vec![
        set_config(&c, config(BUDGET, GRACE)),
        set_params(&c, CONSTITUTION, constitution_params()),
    ];
    pass(&mut c, &f, CONSTITUTION, restore);
    let (newcomer, admit) = admit(&mut c, "newcomer");
    pass(&mut c, &f, FINANCE, vec![admit]);
    assert!(is_member(&mut c, &newcomer));
}

#[test]
fn a_zero_grace_cannot_stop_every_execution() {
    refused_and_still_governs(|c| set_config(c, config(BUDGET, 0)));
}

#[test]
fn a_budget_that_rounds_every_point_to_zero_is_refused() {
    refused_and_still_governs(|c| set_config(c, config(3, GRACE)));
}

#[test]
fn an_approval_of_one_hundred_percent_is_refused() {
    refused_and_still_governs(|c| {
        let params = CategoryParams {
            approval: BasisPoints::ONE_HUNDRED_PERCENT,
            ..constitution_params()
        };
        set_params(c, CONSTITUTION, params)
    });
}

#[test]
fn a_timelock_that_overflows_the_eta_is_refused() {
    refused_and_still_governs(|c| {
        let params = CategoryParams {
            timelock: u32::MAX - 1_000,
            ..constitution_params()
        };
        set_params(c, CONSTITUTION, params)
    });
}

#[test]
fn a_voting_period_of_centuries_is_refused() {
    refused_and_still_governs(|c| {
        let params = CategoryParams {
            voting_period: u32::MAX / 2,
            ..constitution_params()
        };
        set_params(c, CONSTITUTION, params)
    });
}

#[test]
fn weights_without_the_equal_pool_are_refused() {
    // No one holds merit in the constitution's category and no one staked: with the equal
    // pool's weight at zero nothing would ever count again.
    refused_and_still_governs(|c| {
        let bps = |v| BasisPoints::new(v).expect("valid basis points");
        let params = CategoryParams {
            weights: PoolWeights {
                equal: bps(0),
                merit: bps(5_000),
                capital: bps(5_000),
            },
            ..constitution_params()
        };
        set_params(c, CONSTITUTION, params)
    });
}

#[test]
fn the_constitution_cannot_give_up_governing_governance() {
    refused_and_still_governs(|c| {
        let rule = ActionRule {
            callee: c.governance.id(),
            selector: None,
        };
        Coop::action(
            &c.governance,
            "set_action_rule",
            (CONSTITUTION, rule, false),
        )
    });
}

fn propose(
    c: &mut Coop,
    by: &AccountId32,
    category: CategoryId,
    action: governance::Action,
) -> ProposalId {
    try_propose(c, by, category, vec![action]).expect("proposed")
}

#[test]
fn a_queued_proposal_keeps_the_grace_it_was_queued_with() {
    let (mut c, f) = riverside(3, 2);
    let (newcomer, admit) = admit(&mut c, "newcomer");
    let longer = set_config(&c, config(BUDGET, 2 * GRACE));
    let a = propose(&mut c, &f[0], FINANCE, admit);
    let b = propose(&mut c, &f[0], CONSTITUTION, longer);
    c.chain.advance(2);
    for p in [a, b] {
        for v in &f {
            assert_eq!(vote(&mut c, v, p, Choice::For), Ok(()));
        }
    }
    c.chain.advance(test_params().voting_period);
    for p in [a, b] {
        assert_eq!(finalise(&mut c, &f[0], p), Ok(()));
    }
    c.chain.advance(test_params().timelock);
    assert_eq!(execute(&mut c, &f[0], b), Ok(()));
    // The admission was queued with a grace of a day: the new, longer grace does not revive it.
    c.chain.advance(GRACE);
    assert_eq!(state(&mut c, a), ProposalState::Expired);
    assert_eq!(execute(&mut c, &f[0], a), Err(Error::Expired));
    assert!(!is_member(&mut c, &newcomer));
}

#[test]
fn a_passed_proposal_left_unfinalised_goes_stale() {
    let (mut c, f) = riverside(3, 2);
    let (newcomer, admit) = admit(&mut c, "newcomer");
    let p = propose(&mut c, &f[0], FINANCE, admit);
    c.chain.advance(2);
    for v in &f {
        assert_eq!(vote(&mut c, v, p, Choice::For), Ok(()));
    }
    assert_eq!(state(&mut c, p), ProposalState::Active);
    // Nobody finalises it until well after it could have been executed and expired.
    c.chain
        .advance(test_params().voting_period + test_params().timelock + GRACE + 1);
    assert_eq!(state(&mut c, p), ProposalState::Expired);
    // Finalising now closes it (the proposer's slot is free again) but queues nothing.
    assert_eq!(finalise(&mut c, &f[0], p), Ok(()));
    let open: u32 = c.chain.query(&c.governance, "open_proposals", id(&f[0]));
    assert_eq!(open, 0);
    assert_eq!(state(&mut c, p), ProposalState::Expired);
    c.chain.advance(test_params().timelock);
    assert_eq!(execute(&mut c, &f[0], p), Err(Error::NotQueued));
    assert!(!is_member(&mut c, &newcomer));
}

// ----- limits that cannot get stuck: missions -----

/// A mission of the test cooperative (its admin mints the bounty), with `reviewers`.
fn mission_spec(c: &mut Coop, reviewers: Vec<&AccountId32>) -> missions::MissionSpec {
    let now = c.chain.block();
    missions::MissionSpec {
        title: "Fix the roof".into(),
        description: ink::primitives::Hash::from([7; 32]),
        bounty: 500,
        deadline: now + 3 * missions::MIN_CLAIM_TIMEOUT,
        reviewers: missions::Reviewers::Accounts(reviewers.into_iter().map(id).collect()),
        approvals_needed: 1,
        max_claimants: Some(1),
    }
}

fn create_funded(c: &mut Coop, spec: missions::MissionSpec) -> Result<u64, missions::Error> {
    let (missions, admin) = (c.missions.clone(), c.admin.clone());
    c.chain
        .call(&missions, &admin, "create_funded_mission", spec)
        .value
}

fn on_mission(
    c: &mut Coop,
    who: &AccountId32,
    message: &str,
    args: impl scale::Encode,
) -> Result<(), missions::Error> {
    let missions = c.missions.clone();
    c.chain.call(&missions, who, message, args).value
}

#[test]
fn a_single_claim_cannot_squat_a_mission_for_good() {
    let mut c = Coop::new();
    let [squatter, worker, reviewer] = ["squatter", "worker", "reviewer"].map(|n| c.member(n));
    // The shortest timeout governance may set (an hour), so the test builds fewer blocks.
    let (missions, admin) = (c.missions.clone(), c.admin.clone());
    let timeout = missions::MIN_CLAIM_TIMEOUT;
    let set: Result<(), missions::Error> = c
        .chain
        .call(&missions, &admin, "set_claim_timeout", timeout)
        .value;
    assert_eq!(set, Ok(()));
    let spec = mission_spec(&mut c, vec![&reviewer]);
    let m = create_funded(&mut c, spec).expect("created");
    assert_eq!(on_mission(&mut c, &squatter, "claim", m), Ok(()));
    assert_eq!(
        on_mission(&mut c, &worker, "claim", m),
        Err(missions::Error::ClaimsFull)
    );
    assert_eq!(
        on_mission(&mut c, &worker, "unclaim", (m, id(&squatter))),
        Err(missions::Error::ClaimNotStale)
    );
    // The timeout without a submission: anyone ends the claim and the slot is free again.
    c.chain.advance(timeout);
    assert_eq!(
        on_mission(&mut c, &worker, "unclaim", (m, id(&squatter))),
        Ok(())
    );
    assert_eq!(on_mission(&mut c, &worker, "claim", m), Ok(()));
    // A claimant gives its own claim up at any time.
    assert_eq!(
        on_mission(&mut c, &worker, "unclaim", (m, id(&worker))),
        Ok(())
    );
}

#[test]
fn a_mission_that_could_never_pay_is_refused() {
    let mut c = Coop::new();
    let reviewer = c.member("reviewer");
    let mut two_of_one = mission_spec(&mut c, vec![&reviewer]);
    two_of_one.approvals_needed = 2;
    assert_eq!(
        create_funded(&mut c, two_of_one),
        Err(missions::Error::ApprovalsExceedReviewers)
    );
    let mut twice = mission_spec(&mut c, vec![&reviewer, &reviewer]);
    twice.approvals_needed = 2;
    assert_eq!(
        create_funded(&mut c, twice),
        Err(missions::Error::DuplicateReviewer)
    );
    let mut untitled = mission_spec(&mut c, vec![&reviewer]);
    untitled.title = " ".into();
    assert_eq!(
        create_funded(&mut c, untitled),
        Err(missions::Error::EmptyTitle)
    );
    let supply: u128 = c.chain.query(&c.missions, "PSP22::total_supply", ());
    assert_eq!(supply, 0, "nothing was minted");
}

#[test]
fn tokens_are_never_minted_into_the_escrow() {
    let mut c = Coop::new();
    let escrow = c.missions.id();
    let admin = c.admin.clone();
    let missions = c.missions.clone();
    let out =
        c.chain
            .call::<Result<(), missions::Error>>(&missions, &admin, "mint", (escrow, 1_000u128));
    assert_eq!(out.value, Err(missions::Error::MintToEscrow));
    let held: u128 = c.chain.query(&missions, "PSP22::balance_of", escrow);
    assert_eq!(held, 0);
}

#[test]
fn an_untitled_proposal_is_refused() {
    let (mut c, f) = riverside(3, 2);
    let text = (String::from("   "), String::from("ipfs://d"));
    let out = c.chain.call::<Result<ProposalId, Error>>(
        &c.governance,
        &f[0],
        "propose",
        (FINANCE, text.0, text.1, Vec::<governance::Action>::new()),
    );
    assert_eq!(out.value, Err(Error::EmptyTitle));
}

/// A careless upgrade naming code that cannot run the contract: a front (governance's, the
/// token's, of this contract or another) or another contract's whole code. Installed, each
/// would leave the contract unable to run any message again (ink! decodes the root cell as its
/// own before every message; a front has no whole code to hand over to), and a governance that
/// runs nothing freezes the cooperative. Every such upgrade fails, and everything still runs.
#[test]
fn an_upgrade_to_code_that_cannot_run_the_contract_is_refused() {
    let (mut c, f) = riverside(3, 2);
    let code = |name: &str| usos_e2e_tests::twin::code_hash(&usos_e2e_tests::Bundle::load(name));
    let fronts = [code("governance_front"), code("missions_front")];
    let contracts = [
        (c.governance.clone(), code("membership")),
        (c.missions.clone(), code("capital")),
        (c.membership.clone(), code("profiles")),
        (c.merit.clone(), code("governance")),
        (c.capital.clone(), code("missions")),
        (c.profiles.clone(), code("merit")),
    ];
    for (contract, other) in &contracts {
        for wrong in fronts.iter().chain([other]) {
            let p = queue(
                &mut c,
                &f,
                CONSTITUTION,
                vec![Coop::action(contract, "set_code", *wrong)],
            );
            assert_eq!(
                execute(&mut c, &f[0], p),
                Err(Error::ActionFailed),
                "{} refused {wrong:?}",
                contract.bundle.name
            );
        }
        let version: u32 = c.chain.query(contract, "version", ());
        assert_eq!(version, 1, "{} still runs", contract.bundle.name);
    }
    let (newcomer, admit) = admit(&mut c, "newcomer");
    pass(&mut c, &f, FINANCE, vec![admit]);
    assert!(is_member(&mut c, &newcomer), "governance still decides");
}
