//! The attack suite: each test is one way to capture a cooperative, tried on the built Wasm of a
//! cooperative made by the factory, as an attacker would. Each fails on the code before the fix
//! it names (see SECURITY.md) and passes after.

use factory::{FoundingCategory, CONSTITUTION};
use governance::{Action, Choice, Error, Outcome, PoolAmounts, ProposalId, ProposalState};
use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use merit::CategoryRules;
use missions::{MissionSpec, Reviewers};
use usos_e2e_tests::{
    coop::test_params,
    factory::{coop_params, create_cooperative, deploy_factory, finance, ids, Bundles},
    id, Chain, Coop, BUDGET,
};
use usos_primitives::{BasisPoints, CategoryId};

type Done = Result<(), Error>;

/// merit's first founding category: "finance".
const FINANCE: CategoryId = 1;

/// A cooperative the factory made, and its founders (`f0`, `f1`, ...), of whom `holders` hold
/// finance credentials (3 points each).
fn riverside(founders: usize, holders: usize) -> (Coop, Vec<AccountId32>) {
    riverside_with(founders, |f| vec![finance(ids(&f[..holders]))])
}

fn riverside_with(
    founders: usize,
    categories: impl FnOnce(&[AccountId32]) -> Vec<FoundingCategory>,
) -> (Coop, Vec<AccountId32>) {
    let mut chain = Chain::new();
    let bundles = Bundles::load();
    let owner = chain.account("factory-owner");
    let factory = deploy_factory(&mut chain, &bundles, &owner);
    let f: Vec<_> = (0..founders)
        .map(|i| chain.account(&format!("f{i}")))
        .collect();
    let creator = chain.account("creator");
    let params = coop_params(ids(&f), categories(&f));
    let out = create_cooperative(&mut chain, &factory, &creator, "Riverside", params);
    let addresses = out.value.unwrap_or_else(|e| {
        panic!(
            "create_cooperative: {e:?} (ref_time {}, proof_size {})",
            out.ref_time, out.proof_size
        )
    });
    (Coop::at(chain, &bundles, creator, addresses), f)
}

fn try_propose(
    c: &mut Coop,
    by: &AccountId32,
    category: CategoryId,
    actions: Vec<Action>,
) -> Result<ProposalId, Error> {
    let text = (String::from("A proposal"), String::from("ipfs://d"));
    c.chain
        .call::<Result<ProposalId, Error>>(
            &c.governance,
            by,
            "propose",
            (category, text.0, text.1, actions),
        )
        .value
}

fn vote(c: &mut Coop, who: &AccountId32, p: ProposalId, choice: Choice) -> Done {
    c.chain
        .call(&c.governance, who, "cast_vote", (p, choice))
        .value
}

fn outcome(c: &mut Coop, p: ProposalId) -> Outcome {
    c.chain
        .query::<Result<Outcome, Error>>(&c.governance, "outcome", p)
        .expect("a known proposal")
}

fn state(c: &mut Coop, p: ProposalId) -> ProposalState {
    c.chain
        .query::<Result<ProposalState, Error>>(&c.governance, "state", p)
        .expect("a known proposal")
}

/// Every voter votes For; the proposal is finalised, waited out and executed.
fn pass(c: &mut Coop, voters: &[AccountId32], category: CategoryId, actions: Vec<Action>) {
    let p = try_propose(c, &voters[0], category, actions).expect("proposed");
    c.chain.advance(2);
    for v in voters {
        assert_eq!(vote(c, v, p, Choice::For), Ok(()));
    }
    c.chain.advance(test_params().voting_period);
    let out = c
        .chain
        .call::<Done>(&c.governance, &voters[0], "finalise", p);
    assert_eq!(out.value, Ok(()));
    c.chain.advance(test_params().timelock);
    let out = c
        .chain
        .call::<Done>(&c.governance, &voters[0], "execute", p);
    assert_eq!(out.value, Ok(()), "executed");
}

fn deposit(c: &mut Coop, who: &AccountId32, amount: u128) -> Result<(), capital::Error> {
    let capital = c.capital.clone();
    c.chain
        .call_with_value(&capital, who, "deposit", (), amount)
        .value
}

fn totals(c: &mut Coop, category: CategoryId) -> PoolAmounts {
    let now = c.chain.block();
    c.chain.query(&c.governance, "totals_at", (category, now))
}

fn power(c: &mut Coop, category: CategoryId, who: &AccountId32) -> PoolAmounts {
    let now = c.chain.block();
    c.chain
        .query::<Result<PoolAmounts, Error>>(&c.governance, "power_at", (category, id(who), now))
        .expect("power")
}

// ----- 1. one planck buys a young cooperative's capital pool -----

#[test]
fn one_planck_of_stake_does_not_outvote_four_founders() {
    // Five founders, no merit yet; f0 deposits one planck.
    let (mut c, f) = riverside(5, 0);
    assert_eq!(deposit(&mut c, &f[0], 1), Ok(()));
    let p = try_propose(&mut c, &f[0], FINANCE, Vec::new()).expect("proposed");
    c.chain.advance(2);
    assert_eq!(vote(&mut c, &f[0], p, Choice::For), Ok(()));
    for other in &f[1..] {
        assert_eq!(vote(&mut c, other, p, Choice::Against), Ok(()));
    }
    let o = outcome(&mut c, p);
    let (yes, no) = (o.for_.total().unwrap(), o.against.total().unwrap());
    // Before: capital counted against the sum of shares made f0's 3% worth the whole capital
    // weight, ≈ 73% of the decision. Now a share counts against the whole pool.
    assert!(
        yes < BUDGET / 4,
        "one planck holds {yes} of {BUDGET} points"
    );
    assert!(no > yes * 3, "four founders outweigh it: {no} vs {yes}");
    assert!(!o.approved);
}

#[test]
fn a_tiny_stake_next_to_large_ones_holds_a_tiny_share() {
    let (mut c, f) = riverside(4, 0);
    assert_eq!(deposit(&mut c, &f[0], 1), Ok(()));
    for big in &f[1..] {
        assert_eq!(deposit(&mut c, big, 1_000), Ok(()));
    }
    let now = c.chain.block();
    let share = |c: &mut Coop, who: &AccountId32| -> usos_primitives::Share {
        c.chain
            .query(&c.capital, "CapitalView::share_at", (id(who), now))
    };
    let tiny = share(&mut c, &f[0]);
    let large = share(&mut c, &f[1]);
    // Few stakers: plain proportional shares under the cap, not everyone at 3%.
    assert!(tiny.0 * 100 <= large.0, "{tiny:?} next to {large:?}");
}

// ----- 2. free capital through the labour loop -----

fn mission(c: &mut Coop, reviewers: Vec<AccountId32>) -> MissionSpec {
    MissionSpec {
        title: "Fix the roof".into(),
        description: Hash::from([7; 32]),
        bounty: 500,
        deadline: c.chain.block() + 100,
        reviewers: Reviewers::Accounts(ids(&reviewers)),
        approvals_needed: 1,
        max_claimants: None,
    }
}

/// The harness cooperative (a plain admin runs it) with labour recording on, where the
/// attacker `a` holds tokens and a second key `a2`, and `b` is a friend.
fn labour_scene() -> (Coop, AccountId32, AccountId32, AccountId32) {
    let mut c = Coop::new();
    let [a, a2, b] = ["attacker", "attacker-key2", "friend"].map(|n| c.member(n));
    let admin = c.admin.clone();
    let (capital, missions) = (c.capital.clone(), c.missions.clone());
    let out = c.chain.call::<Result<(), capital::Error>>(
        &capital,
        &admin,
        "set_recorder",
        (missions.id(), true),
    );
    assert_eq!(out.value, Ok(()));
    let out = c.chain.call::<Result<(), missions::Error>>(
        &missions,
        &admin,
        "set_labour_recording",
        true,
    );
    assert_eq!(out.value, Ok(()));
    let out = c.chain.call::<Result<(), missions::Error>>(
        &missions,
        &admin,
        "mint",
        (id(&a), 10_000u128),
    );
    assert_eq!(out.value, Ok(()));
    (c, a, a2, b)
}

fn missions_call(
    c: &mut Coop,
    who: &AccountId32,
    message: &str,
    args: impl scale::Encode,
) -> Result<(), missions::Error> {
    let missions = c.missions.clone();
    c.chain.call(&missions, who, message, args).value
}

fn contributed(c: &mut Coop, who: &AccountId32) -> u128 {
    c.chain
        .query::<capital::Stake>(&c.capital, "stake", id(who))
        .contributed
}

#[test]
fn a_self_funded_mission_reviewed_by_a_second_key_mints_no_capital() {
    let (mut c, a, a2, _) = labour_scene();
    let spec = mission(&mut c, vec![a2.clone()]);
    let missions = c.missions.clone();
    let m = c
        .chain
        .call::<Result<u64, missions::Error>>(&missions, &a, "create_mission", spec)
        .value
        .expect("created");
    // The creator cannot claim its own mission.
    assert_eq!(
        missions_call(&mut c, &a, "claim", m),
        Err(missions::Error::CreatorCannotClaim)
    );
    assert_eq!(contributed(&mut c, &a), 0);
}

#[test]
fn the_labour_loop_through_a_friend_mints_no_capital() {
    let (mut c, a, a2, b) = labour_scene();
    let missions = c.missions.clone();
    for round in 0..3 {
        let spec = mission(&mut c, vec![a2.clone()]);
        let m = c
            .chain
            .call::<Result<u64, missions::Error>>(&missions, &a, "create_mission", spec)
            .value
            .expect("created");
        assert_eq!(missions_call(&mut c, &b, "claim", m), Ok(()));
        assert_eq!(
            missions_call(&mut c, &b, "submit", (m, Hash::from([round; 32]))),
            Ok(())
        );
        // Just before the approving review, the creator cannot take the escrow back.
        assert_eq!(
            missions_call(&mut c, &a, "cancel", m),
            Err(missions::Error::WorkSubmitted)
        );
        assert_eq!(
            missions_call(&mut c, &a2, "review", (m, id(&b), true)),
            Ok(())
        );
        // The friend pays the tokens back.
        let out = c
            .chain
            .call::<Result<(), usos_primitives::psp22::PSP22Error>>(
                &missions,
                &b,
                "PSP22::transfer",
                (id(&a), 500u128, Vec::<u8>::new()),
            );
        assert_eq!(out.value, Ok(()));
    }
    assert_eq!(
        contributed(&mut c, &b),
        0,
        "member-funded missions record no labour"
    );
}

#[test]
fn a_mission_the_cooperative_funds_still_records_labour() {
    let (mut c, _, a2, b) = labour_scene();
    let admin = c.admin.clone();
    let spec = mission(&mut c, vec![a2.clone()]);
    let missions = c.missions.clone();
    let m = c
        .chain
        .call::<Result<u64, missions::Error>>(&missions, &admin, "create_funded_mission", spec)
        .value
        .expect("created");
    assert_eq!(missions_call(&mut c, &b, "claim", m), Ok(()));
    assert_eq!(
        missions_call(&mut c, &b, "submit", (m, Hash::from([1; 32]))),
        Ok(())
    );
    assert_eq!(
        missions_call(&mut c, &a2, "review", (m, id(&b), true)),
        Ok(())
    );
    assert_eq!(contributed(&mut c, &b), 500);
}

// ----- 3. former members keep their merit -----

#[test]
fn a_removed_member_keeps_no_merit_and_readmission_revives_none() {
    let (mut c, f) = riverside(3, 2);
    assert_eq!(totals(&mut c, FINANCE).merit, 6);
    let remove = Coop::action(&c.membership, "remove", id(&f[1]));
    pass(&mut c, &f, FINANCE, vec![remove]);
    assert_eq!(
        totals(&mut c, FINANCE).merit,
        3,
        "f1's points left the category's total"
    );
    assert_eq!(power(&mut c, FINANCE, &f[1]), PoolAmounts::default());
    let credential: Option<merit::Credential> =
        c.chain.query(&c.merit, "credential", (id(&f[1]), FINANCE));
    assert_eq!(credential, None);
    // Re-admitted: a member again, with no merit.
    let voters = [f[0].clone(), f[2].clone()];
    let admit = Coop::action(&c.membership, "admit", (id(&f[1]), StakeholderClass::User));
    pass(&mut c, &voters, FINANCE, vec![admit]);
    let p = power(&mut c, FINANCE, &f[1]);
    assert_eq!((p.equal, p.merit), (1, 0));
    assert_eq!(totals(&mut c, FINANCE).merit, 3);
}

#[test]
fn a_member_who_leaves_takes_its_merit_out_of_every_delegate_it_fed() {
    let (mut c, f) = riverside(3, 2);
    let out = c
        .chain
        .call::<Done>(&c.governance, &f[1], "delegate", (FINANCE, id(&f[0])));
    assert_eq!(out.value, Ok(()));
    assert_eq!(power(&mut c, FINANCE, &f[0]).merit, 6);
    let membership = c.membership.clone();
    let out = c
        .chain
        .call::<Result<(), membership::Error>>(&membership, &f[1], "leave", ());
    assert_eq!(out.value, Ok(()));
    let p = power(&mut c, FINANCE, &f[0]);
    assert_eq!((p.equal, p.merit), (1, 3));
    assert_eq!(totals(&mut c, FINANCE).merit, 3);
}

// ----- 4. the proposer picks the rules -----

#[test]
fn a_proposal_cannot_pick_an_unknown_or_laxer_category() {
    let (mut c, f) = riverside(3, 2);
    // An unknown id (an empty merit pool would hand its weight to the others).
    assert_eq!(
        try_propose(&mut c, &f[0], 77, Vec::new()),
        Err(Error::UnknownCategory)
    );
    // An upgrade filed under finance: refused with the action's index.
    let hash = Hash::from([1; 32]);
    let admit = Coop::action(&c.membership, "admit", (id(&f[0]), StakeholderClass::User));
    let upgrade = Coop::action(&c.membership, "set_code", hash);
    assert_eq!(
        try_propose(&mut c, &f[0], FINANCE, vec![admit, upgrade.clone()]),
        Err(Error::ActionNotAllowed(1))
    );
    let caps = Coop::action(
        &c.governance,
        "set_config",
        governance::Config {
            budget: 1,
            grace: 1,
        },
    );
    assert_eq!(
        try_propose(&mut c, &f[0], FINANCE, vec![caps]),
        Err(Error::ActionNotAllowed(0))
    );
    // The constitution carries upgrades.
    assert!(try_propose(&mut c, &f[0], CONSTITUTION, vec![upgrade]).is_ok());
}

// ----- 5. strangers freeze anyone's delegation -----

#[test]
fn strangers_chained_under_a_member_cannot_freeze_its_delegation() {
    let (mut c, f) = riverside(3, 2);
    let mut below = id(&f[0]);
    for i in 0..8 {
        let stranger = c.chain.account(&format!("throwaway{i}"));
        let out = c
            .chain
            .call::<Done>(&c.governance, &stranger, "delegate", (FINANCE, below));
        assert_eq!(out.value, Err(Error::NotMember), "a stranger's delegation");
        below = id(&stranger);
    }
    let out = c
        .chain
        .call::<Done>(&c.governance, &f[0], "delegate", (FINANCE, id(&f[1])));
    assert_eq!(out.value, Ok(()), "f0 can still delegate");
}

#[test]
fn a_leavers_delegations_end_in_every_category() {
    let (mut c, f) = riverside(3, 2);
    for category in [FINANCE, CONSTITUTION] {
        let out = c
            .chain
            .call::<Done>(&c.governance, &f[2], "delegate", (category, id(&f[0])));
        assert_eq!(out.value, Ok(()));
    }
    let membership = c.membership.clone();
    let out = c
        .chain
        .call::<Result<(), membership::Error>>(&membership, &f[2], "leave", ());
    assert_eq!(out.value, Ok(()));
    for category in [FINANCE, CONSTITUTION] {
        let to: Option<ink::primitives::AccountId> =
            c.chain
                .query(&c.governance, "delegate_of", (category, id(&f[2])));
        assert_eq!(to, None);
        assert_eq!(power(&mut c, category, &f[0]).equal, 1);
    }
}

// ----- 6. merit that expired still votes -----

/// A category whose credentials last `lifetime` blocks.
fn short_lived(name: &str, holders: &[AccountId32], lifetime: u32) -> FoundingCategory {
    FoundingCategory {
        name: name.into(),
        rules: CategoryRules {
            min_attestations: 1,
            min_holder_share: BasisPoints::ZERO,
            window: 5,
            level_points: vec![2],
            lifetime: Some(lifetime),
        },
        holders: ids(holders).into_iter().map(|h| (h, 1)).collect(),
        carries: Vec::new(),
    }
}

#[test]
fn expired_merit_stops_counting_from_the_next_proposal() {
    let (mut c, f) = riverside_with(3, |f| {
        vec![
            short_lived("tech", &f[..2], 5),
            short_lived("care", &f[1..], 5),
        ]
    });
    let (tech, care) = (1, 2);
    assert_eq!(totals(&mut c, tech).merit, 4);
    c.chain.advance(6);
    // Nobody noted the expiries; a proposal in tech notes its own category's.
    let p = try_propose(&mut c, &f[0], tech, Vec::new()).expect("proposed");
    let snapshot = c
        .chain
        .query::<Option<governance::Proposal>>(&c.governance, "proposal", p)
        .expect("proposal")
        .snapshot;
    c.chain.advance(2);
    let at_snapshot: PoolAmounts = c.chain.query(&c.governance, "totals_at", (tech, snapshot));
    assert_eq!(at_snapshot.merit, 0, "expired merit does not vote");
    assert_eq!(
        vote(&mut c, &f[2], p, Choice::For),
        Ok(()),
        "f2 still has its equal share"
    );
    // care's expired credentials count in governance until a sweep (anyone) notes them.
    assert_eq!(totals(&mut c, care).merit, 4);
    let merit = c.merit.clone();
    let out = c.chain.call::<Result<bool, usos_primitives::SweepError>>(
        &merit,
        &f[2],
        "ExpirySweep::sweep",
        (care, 64u32),
    );
    assert_eq!(out.value, Ok(true));
    assert_eq!(totals(&mut c, care).merit, 0);
}

#[test]
fn a_proposal_waits_for_a_sweep_when_many_credentials_expired() {
    // Nine credentials expire: more than the 8 a proposal's own sweep may note.
    let (mut c, f) = riverside_with(10, |f| vec![short_lived("tech", &f[1..], 3)]);
    c.chain.advance(4);
    assert_eq!(
        try_propose(&mut c, &f[0], 1, Vec::new()),
        Err(Error::ExpiriesPending)
    );
    let merit = c.merit.clone();
    let out = c.chain.call::<Result<bool, usos_primitives::SweepError>>(
        &merit,
        &f[5],
        "ExpirySweep::sweep",
        (1u32, 64u32),
    );
    assert_eq!(out.value, Ok(true));
    assert!(try_propose(&mut c, &f[0], 1, Vec::new()).is_ok());
    assert_eq!(totals(&mut c, 1).merit, 0);
}

// ----- 7. capital rented for one vote -----

#[test]
fn capital_deposited_for_one_vote_stays_until_the_vote_is_over() {
    let (mut c, f) = riverside(3, 2);
    let p = try_propose(&mut c, &f[0], FINANCE, Vec::new()).expect("proposed");
    // In the snapshot block: deposit, then vote, then try to withdraw.
    assert_eq!(deposit(&mut c, &f[2], 1_000_000), Ok(()));
    c.chain.advance(2);
    assert_eq!(vote(&mut c, &f[2], p, Choice::For), Ok(()));
    c.chain.advance(1);
    let capital = c.capital.clone();
    let out =
        c.chain
            .call::<Result<(), capital::Error>>(&capital, &f[2], "withdraw", 1_000_000u128);
    assert_eq!(out.value, Err(capital::Error::Locked));
    let lock: u32 = c.chain.query(&capital, "lock_blocks", ());
    let window = test_params().voting_delay + test_params().voting_period;
    assert!(
        lock >= window,
        "lock {lock} covers the voting window {window}"
    );
    assert_eq!(state(&mut c, p), ProposalState::Active);
}
