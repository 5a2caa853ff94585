//! governance on the real Wasm, with the real membership, merit and capital reporting to it.

use governance::{
    events::{ProposalExecuted, VoteCast},
    Action, CategoryParams, Choice, Config, Error, PoolAmounts, ProposalId, ProposalState,
};
use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use membership::StakeholderClass;
use merit::CategoryRules;
use usos_e2e_tests::{coop::test_params, id, Coop, Outcome, BUDGET};
use usos_primitives::{BasisPoints, CategoryId, Share};

type Done = Result<(), Error>;

const GENERAL: CategoryId = 0;

fn propose(
    c: &mut Coop,
    by: &AccountId32,
    category: CategoryId,
    actions: Vec<Action>,
) -> ProposalId {
    let out = c.chain.call::<Result<ProposalId, Error>>(
        &c.governance,
        by,
        "propose",
        (
            category,
            String::from("A proposal"),
            String::from("ipfs://desc"),
            actions,
        ),
    );
    out.value.expect("a member proposes")
}

fn vote(c: &mut Coop, who: &AccountId32, id: ProposalId, choice: Choice) -> Outcome<Done> {
    c.chain.call(&c.governance, who, "cast_vote", (id, choice))
}

fn state(c: &mut Coop, id: ProposalId) -> ProposalState {
    c.chain
        .query::<Result<ProposalState, Error>>(&c.governance, "state", id)
        .expect("a known proposal")
}

fn delegate(c: &mut Coop, who: &AccountId32, category: CategoryId, to: &AccountId32) -> Done {
    c.chain
        .call(&c.governance, who, "delegate", (category, id(to)))
        .value
}

/// Past the snapshot: voting is open.
fn open_voting(c: &mut Coop) {
    c.chain.advance(2);
}

/// Past the voting period, then finalise (as anyone).
fn close(c: &mut Coop, id: ProposalId, anyone: &AccountId32) {
    c.chain.advance(test_params().voting_period);
    let out = c.chain.call::<Done>(&c.governance, anyone, "finalise", id);
    assert_eq!(out.value, Ok(()));
}

fn execute(c: &mut Coop, id: ProposalId, anyone: &AccountId32) -> Outcome<Done> {
    c.chain.call(&c.governance, anyone, "execute", id)
}

/// Everyone in `voters` votes For `actions` proposed by the first; the proposal is finalised
/// and the timelock waited out. Returns the proposal, ready to execute.
fn unanimous(c: &mut Coop, voters: &[AccountId32], actions: Vec<Action>) -> ProposalId {
    let p = propose(c, &voters[0], GENERAL, actions);
    open_voting(c);
    for who in voters {
        vote(c, who, p, Choice::For);
    }
    close(c, p, &voters[0]);
    c.chain.advance(test_params().timelock);
    p
}

fn is_member(c: &mut Coop, who: &AccountId32) -> bool {
    c.chain.query(&c.membership, "is_member", id(who))
}

#[test]
fn a_passed_proposal_admits_a_member_after_the_timelock() {
    let (mut c, m) = Coop::governed_with(4);
    let newcomer = c.chain.account("newcomer");
    let admit = Coop::action(
        &c.membership,
        "admit",
        (id(&newcomer), StakeholderClass::Worker),
    );
    let p = propose(&mut c, &m[0], GENERAL, vec![admit]);
    assert_eq!(state(&mut c, p), ProposalState::Pending);
    open_voting(&mut c);
    assert_eq!(state(&mut c, p), ProposalState::Active);
    for who in &m[..3] {
        assert_eq!(vote(&mut c, who, p, Choice::For).value, Ok(()));
    }
    assert_eq!(vote(&mut c, &m[3], p, Choice::Against).value, Ok(()));
    close(&mut c, p, &newcomer);
    assert_eq!(state(&mut c, p), ProposalState::Queued);
    let early = execute(&mut c, p, &newcomer);
    assert_eq!(early.value, Err(Error::Timelocked));
    assert!(!is_member(&mut c, &newcomer));
    c.chain.advance(test_params().timelock);
    let out = execute(&mut c, p, &newcomer);
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<ProposalExecuted>().len(), 1);
    assert!(
        is_member(&mut c, &newcomer),
        "the action admitted the newcomer"
    );
    assert_eq!(state(&mut c, p), ProposalState::Executed);
    // membership told governance in the same transaction: the newcomer can propose now.
    propose(&mut c, &newcomer, GENERAL, Vec::new());
    assert_eq!(execute(&mut c, p, &newcomer).value, Err(Error::NotQueued));
}

#[test]
fn a_majority_against_defeats_and_nothing_executes() {
    let (mut c, m) = Coop::governed_with(5);
    let newcomer = c.chain.account("newcomer");
    let admit = Coop::action(
        &c.membership,
        "admit",
        (id(&newcomer), StakeholderClass::User),
    );
    let p = propose(&mut c, &m[0], GENERAL, vec![admit]);
    open_voting(&mut c);
    vote(&mut c, &m[0], p, Choice::For);
    vote(&mut c, &m[1], p, Choice::For);
    for who in &m[2..5] {
        vote(&mut c, who, p, Choice::Against);
    }
    close(&mut c, p, &m[0]);
    assert_eq!(state(&mut c, p), ProposalState::Defeated);
    c.chain.advance(10);
    assert_eq!(execute(&mut c, p, &m[0]).value, Err(Error::NotQueued));
    assert!(!is_member(&mut c, &newcomer));
}

#[test]
fn one_vote_in_ten_misses_the_quorum() {
    let (mut c, m) = Coop::governed_with(10);
    let p = propose(&mut c, &m[0], GENERAL, Vec::new());
    open_voting(&mut c);
    vote(&mut c, &m[0], p, Choice::For);
    let outcome: governance::Outcome = c
        .chain
        .query::<Result<governance::Outcome, Error>>(&c.governance, "outcome", p)
        .unwrap();
    // Only the equal pool has holders: it carries the whole budget; 1 of 10 is 10% < 20%.
    assert_eq!(outcome.for_.equal, BUDGET / 10);
    assert!(outcome.approved && !outcome.quorum_met);
    close(&mut c, p, &m[0]);
    assert_eq!(state(&mut c, p), ProposalState::Defeated);
}

#[test]
fn a_chain_of_three_votes_at_the_top_until_a_delegator_overrides() {
    let (mut c, m) = Coop::governed_with(5);
    let (a, b, rep) = (m[0].clone(), m[1].clone(), m[2].clone());
    assert_eq!(delegate(&mut c, &a, GENERAL, &b), Ok(()));
    assert_eq!(delegate(&mut c, &b, GENERAL, &rep), Ok(()));
    let p = propose(&mut c, &m[3], GENERAL, Vec::new());
    open_voting(&mut c);
    let out = vote(&mut c, &rep, p, Choice::For);
    assert_eq!(
        out.events_of::<VoteCast>()[0].counted.equal,
        3,
        "a, b and the rep"
    );
    // b overrides: b and a leave the representative's tally.
    let out = vote(&mut c, &b, p, Choice::Against);
    let cast = &out.events_of::<VoteCast>()[0];
    assert_eq!((cast.counted.equal, cast.overrode), (2, Some(id(&rep))));
    let tally: governance::Tally = c.chain.query(&c.governance, "tally", p);
    assert_eq!((tally.for_.equal, tally.against.equal), (1, 2));
    // A delegation made after the snapshot moves nothing in this proposal.
    assert_eq!(delegate(&mut c, &m[4], GENERAL, &rep), Ok(()));
    assert_eq!(vote(&mut c, &m[4], p, Choice::Abstain).value, Ok(()));
    let tally: governance::Tally = c.chain.query(&c.governance, "tally", p);
    assert_eq!((tally.for_.equal, tally.abstain.equal), (1, 1));
}

#[test]
fn a_cycle_and_a_chain_too_long_are_refused() {
    let (mut c, m) = Coop::governed_with(10);
    for i in 0..8 {
        assert_eq!(
            delegate(&mut c, &m[i], GENERAL, &m[i + 1]),
            Ok(()),
            "link {i}"
        );
    }
    // m0 → … → m8 has 8 links: m8 → m9 would be the ninth.
    assert_eq!(delegate(&mut c, &m[8], GENERAL, &m[9]), Err(Error::TooDeep));
    assert_eq!(delegate(&mut c, &m[8], GENERAL, &m[0]), Err(Error::Cycle));
    assert_eq!(
        delegate(&mut c, &m[3], GENERAL, &m[3]),
        Err(Error::SelfDelegation)
    );
    let of: Option<ink::primitives::AccountId> =
        c.chain
            .query(&c.governance, "delegate_of", (GENERAL, id(&m[8])));
    assert_eq!(of, None, "nothing changed");
    // Another category is another tree.
    assert_eq!(delegate(&mut c, &m[8], 7, &m[0]), Ok(()));
}

#[test]
fn a_late_stake_after_the_snapshot_changes_nothing() {
    let (mut c, m) = Coop::governed_with(4);
    for who in &m[..2] {
        let out = c.chain.call_with_value::<Result<(), capital::Error>>(
            &c.capital,
            who,
            "deposit",
            (),
            1_000,
        );
        assert_eq!(out.value, Ok(()));
    }
    let p = propose(&mut c, &m[0], GENERAL, Vec::new());
    open_voting(&mut c);
    let snapshot = c.chain.block() - 1;
    let before: PoolAmounts = power(&mut c, &m[2], snapshot);
    assert_eq!(before.capital, 0);
    let out = c.chain.call_with_value::<Result<(), capital::Error>>(
        &c.capital,
        &m[2],
        "deposit",
        (),
        1_000_000,
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        power(&mut c, &m[2], snapshot),
        before,
        "the snapshot is fixed"
    );
    let out = vote(&mut c, &m[2], p, Choice::For);
    assert_eq!(out.events_of::<VoteCast>()[0].counted.capital, 0);
    let now = c.chain.block();
    assert!(
        power(&mut c, &m[2], now).capital > 0,
        "it counts for later proposals"
    );
}

fn power(c: &mut Coop, who: &AccountId32, block: u32) -> PoolAmounts {
    c.chain
        .query::<Result<PoolAmounts, Error>>(&c.governance, "power_at", (GENERAL, id(who), block))
        .unwrap()
}

#[test]
fn a_capped_whale_delegates_only_its_capped_share() {
    let mut c = Coop::new();
    let m: Vec<_> = (0..40).map(|i| c.member(&format!("member{i}"))).collect();
    for (i, who) in m.iter().enumerate() {
        let amount = if i == 0 { 1_000_000_000 } else { 1_000 };
        c.chain.call_with_value::<Result<(), capital::Error>>(
            &c.capital,
            who,
            "deposit",
            (),
            amount,
        );
    }
    c.hand_over();
    assert_eq!(delegate(&mut c, &m[0], GENERAL, &m[1]), Ok(()));
    let now = c.chain.block();
    let whale: Share = c
        .chain
        .query(&c.capital, "CapitalView::share_at", (id(&m[0]), now));
    let rep: Share = c
        .chain
        .query(&c.capital, "CapitalView::share_at", (id(&m[1]), now));
    assert_eq!(
        whale,
        BasisPoints::new(300).unwrap().to_share(),
        "the whale sits at 3%"
    );
    let got = power(&mut c, &m[1], now);
    assert_eq!(
        got.capital,
        whale.0 + rep.0,
        "the rep holds the whale's 3%, not its stake"
    );
    assert_eq!(got.equal, 2);
}

#[test]
fn merit_credentials_weigh_in_their_category_only() {
    let mut c = Coop::new();
    let m: Vec<_> = (0..4).map(|i| c.member(&format!("member{i}"))).collect();
    let rules = CategoryRules {
        min_attestations: 1,
        min_holder_share: BasisPoints::new(5_000).unwrap(),
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 10,
        level_points: vec![1, 3],
        lifetime: None,
    };
    let admin = c.admin.clone();
    let finance: CategoryId = c
        .chain
        .call::<Result<CategoryId, merit::Error>>(
            &c.merit,
            &admin,
            "create_category",
            (String::from("finance"), rules),
        )
        .value
        .unwrap();
    let out = c.chain.call::<Result<(), merit::Error>>(
        &c.merit,
        &admin,
        "grant",
        (id(&m[0]), finance, 2u8, Hash::from([1; 32])),
    );
    assert_eq!(out.value, Ok(()));
    let now = c.chain.block();
    let p: PoolAmounts = c
        .chain
        .query::<Result<PoolAmounts, Error>>(&c.governance, "power_at", (finance, id(&m[0]), now))
        .unwrap();
    assert_eq!(p.merit, 3);
    let totals: PoolAmounts = c.chain.query(&c.governance, "totals_at", (finance, now));
    assert_eq!((totals.merit, totals.equal), (3, 4));
    let other: PoolAmounts = c.chain.query(&c.governance, "totals_at", (GENERAL, now));
    assert_eq!(other.merit, 0);
}

#[test]
fn a_passed_proposal_changes_the_weights_of_later_proposals() {
    let (mut c, m) = Coop::governed_with(3);
    let mut params: CategoryParams = test_params();
    params.weights.equal = BasisPoints::new(10_000).unwrap();
    params.weights.merit = BasisPoints::new(0).unwrap();
    params.weights.capital = BasisPoints::new(0).unwrap();
    let set = Coop::action(&c.governance, "set_params", (GENERAL, params));
    let p = unanimous(&mut c, &m, vec![set]);
    assert_eq!(execute(&mut c, p, &m[0]).value, Ok(()));
    let now: Option<CategoryParams> = c.chain.query(&c.governance, "params", GENERAL);
    assert_eq!(now, Some(params));
    // With capital staked, a later proposal still gives capital no points.
    c.chain
        .call_with_value::<Result<(), capital::Error>>(&c.capital, &m[1], "deposit", (), 5_000);
    let q = propose(&mut c, &m[0], GENERAL, Vec::new());
    open_voting(&mut c);
    vote(&mut c, &m[1], q, Choice::For);
    let o: governance::Outcome = c
        .chain
        .query::<Result<governance::Outcome, Error>>(&c.governance, "outcome", q)
        .unwrap();
    assert_eq!((o.for_.equal, o.for_.capital), (BUDGET / 3, 0));
}

#[test]
fn a_stranger_cannot_call_any_admin_message() {
    let (mut c, _m) = Coop::governed_with(2);
    let stranger = c.chain.account("stranger");
    let s = id(&stranger);
    let governance = c.governance.clone();
    let refused =
        |c: &mut Coop, contract: &usos_e2e_tests::Contract, message: &str, args: Vec<u8>| {
            let out = c
                .chain
                .call::<Result<(), u8>>(contract, &stranger, message, RawArgs(args));
            assert!(
                out.reverted,
                "{}::{message} by a stranger",
                contract.bundle.name
            );
        };
    use scale::Encode;
    let membership = c.membership.clone();
    refused(
        &mut c,
        &membership,
        "admit",
        (s, StakeholderClass::User).encode(),
    );
    refused(&mut c, &membership, "remove", s.encode());
    refused(&mut c, &membership, "set_admin", s.encode());
    refused(
        &mut c,
        &membership,
        "set_listeners",
        Vec::<ink::primitives::AccountId>::new().encode(),
    );
    refused(
        &mut c,
        &membership,
        "set_code",
        Hash::from([0; 32]).encode(),
    );
    let merit = c.merit.clone();
    let rules = CategoryRules {
        min_attestations: 1,
        min_holder_share: BasisPoints::new(0).unwrap(),
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 1,
        level_points: vec![1],
        lifetime: None,
    };
    refused(
        &mut c,
        &merit,
        "create_category",
        (String::from("x"), rules).encode(),
    );
    refused(&mut c, &merit, "set_listener", Some(s).encode());
    refused(&mut c, &merit, "set_admin", s.encode());
    refused(&mut c, &merit, "set_code", Hash::from([0; 32]).encode());
    let capital = c.capital.clone();
    refused(&mut c, &capital, "set_lock", 5u32.encode());
    refused(&mut c, &capital, "set_listener", Some(s).encode());
    refused(
        &mut c,
        &capital,
        "set_recorder",
        (
            s,
            Some(capital::RecorderLimit {
                amount: 1,
                period: 1,
            }),
        )
            .encode(),
    );
    refused(&mut c, &capital, "set_admin", s.encode());
    refused(&mut c, &capital, "set_code", Hash::from([0; 32]).encode());
    let missions = c.missions.clone();
    refused(&mut c, &missions, "mint", (s, 1_000u128).encode());
    refused(&mut c, &missions, "set_labour_recording", true.encode());
    refused(&mut c, &missions, "set_admin", s.encode());
    refused(&mut c, &missions, "set_code", Hash::from([0; 32]).encode());
    refused(
        &mut c,
        &governance,
        "set_params",
        (GENERAL, test_params()).encode(),
    );
    refused(
        &mut c,
        &governance,
        "set_action_rule",
        (
            GENERAL,
            governance::ActionRule {
                callee: s,
                selector: None,
            },
            true,
        )
            .encode(),
    );
    refused(
        &mut c,
        &governance,
        "set_config",
        Config {
            budget: 1,
            grace: 1,
            open_per_member: 1,
        }
        .encode(),
    );
    refused(
        &mut c,
        &governance,
        "set_code",
        Hash::from([0; 32]).encode(),
    );
    let sources = (
        c_sources(&c),
        Vec::<(CategoryId, CategoryParams)>::new(),
        Vec::<(CategoryId, governance::ActionRule)>::new(),
    )
        .encode();
    refused(&mut c, &governance, "connect", sources);
    refused(
        &mut c,
        &governance,
        "MembershipListener::membership_changed",
        (s, true, None::<u32>).encode(),
    );
    refused(
        &mut c,
        &governance,
        "MeritListener::merit_changed",
        (s, GENERAL, 100u32).encode(),
    );
    // Nothing changed: the stranger is no member and the admin is still governance.
    assert!(!is_member(&mut c, &stranger));
    let admin: ink::primitives::AccountId = c.chain.query(&c.membership, "admin", ());
    assert_eq!(admin, c.governance.id());
    let now = c.chain.block();
    let p = power(&mut c, &stranger, now);
    assert!(p.is_zero());
}

fn c_sources(c: &Coop) -> governance::Sources {
    governance::Sources {
        membership: c.membership.id(),
        merit: c.merit.id(),
        capital: c.capital.id(),
    }
}

/// Arguments already encoded.
struct RawArgs(Vec<u8>);

impl scale::Encode for RawArgs {
    fn encode_to<T: scale::Output + ?Sized>(&self, dest: &mut T) {
        dest.write(&self.0);
    }
}

#[test]
fn an_expired_credential_stops_counting_once_noted() {
    let mut c = Coop::new();
    let m: Vec<_> = (0..2).map(|i| c.member(&format!("member{i}"))).collect();
    let rules = CategoryRules {
        min_attestations: 1,
        min_holder_share: BasisPoints::new(0).unwrap(),
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 5,
        level_points: vec![2],
        lifetime: Some(5),
    };
    let admin = c.admin.clone();
    let tech: CategoryId = c
        .chain
        .call::<Result<CategoryId, merit::Error>>(
            &c.merit,
            &admin,
            "create_category",
            (String::from("tech"), rules),
        )
        .value
        .unwrap();
    c.chain.call::<Result<(), merit::Error>>(
        &c.merit,
        &admin,
        "grant",
        (id(&m[0]), tech, 1u8, Hash::from([1; 32])),
    );
    c.chain.advance(6);
    let totals = |c: &mut Coop| -> PoolAmounts {
        let now = c.chain.block();
        c.chain.query(&c.governance, "totals_at", (tech, now))
    };
    assert_eq!(
        totals(&mut c).merit,
        2,
        "still counted: nobody noted the expiry"
    );
    let out =
        c.chain
            .call::<Result<(), merit::Error>>(&c.merit, &m[1], "note_expiry", (id(&m[0]), tech));
    assert_eq!(out.value, Ok(()));
    assert_eq!(totals(&mut c).merit, 0);
}

#[test]
fn a_failing_action_reverts_the_execution_and_the_proposal_stays_queued() {
    let (mut c, m) = Coop::governed_with(3);
    // Admitting someone who is already a member is refused by membership.
    let newcomer = c.chain.account("newcomer");
    let admit_new = Coop::action(
        &c.membership,
        "admit",
        (id(&newcomer), StakeholderClass::User),
    );
    let admit_again = Coop::action(&c.membership, "admit", (id(&m[1]), StakeholderClass::User));
    let p = unanimous(&mut c, &m, vec![admit_new, admit_again]);
    let out = execute(&mut c, p, &m[0]);
    assert_eq!(out.value, Err(Error::ActionFailed));
    assert!(out.reverted);
    assert!(
        !is_member(&mut c, &newcomer),
        "the first action was undone too"
    );
    assert_eq!(state(&mut c, p), ProposalState::Queued);
    // Only governance may stop it now: its proposer could cancel only while it was Pending.
    let out = c.chain.call::<Done>(&c.governance, &m[0], "cancel", p);
    assert_eq!(out.value, Err(Error::NotPending));
    assert_eq!(state(&mut c, p), ProposalState::Queued);
}

#[test]
fn governance_upgrades_a_contract_and_its_state_survives() {
    let (mut c, m) = Coop::governed_with(3);
    let owner = c.admin.clone();
    let profiles = c.profiles.clone();
    // Give profiles some state through governance: a questionnaire, then an answer.
    let questionnaire = profiles::Questionnaire {
        questions: 1,
        answer_max: 2,
        uri: "ipfs://q".into(),
    };
    let set = Coop::action(
        &profiles,
        "set_questionnaire",
        (GENERAL, questionnaire.clone()),
    );
    let v2 = usos_e2e_tests::Bundle::load("upgrade/profiles_v2");
    let v2_hash = c.chain.upload(&v2, &owner);
    let upgrade = Coop::action(&profiles, "set_code", v2_hash);
    let p = unanimous(&mut c, &m, vec![set]);
    assert_eq!(execute(&mut c, p, &m[0]).value, Ok(()));
    let answer = vec![profiles::Answer {
        value: 1,
        accepted: 0b11,
        importance: 3,
    }];
    let out = c.chain.call::<Result<(), profiles::Error>>(
        &profiles,
        &m[1],
        "publish_answers",
        (GENERAL, answer.clone()),
    );
    assert_eq!(out.value, Ok(()));
    let version: u32 = c.chain.query(&profiles, "version", ());
    assert_eq!(version, 1);
    // A stranger cannot upgrade; governance can, by proposal.
    let out = c
        .chain
        .call::<Result<(), profiles::Error>>(&profiles, &owner, "set_code", v2_hash);
    assert_eq!(out.value, Err(profiles::Error::NotAdmin));
    let p = unanimous(&mut c, &m, vec![upgrade]);
    assert_eq!(execute(&mut c, p, &m[0]).value, Ok(()));
    let version: u32 = c.chain.query(&profiles, "version", ());
    assert_eq!(version, 2, "the new code runs");
    let kept: Option<profiles::Questionnaire> = c.chain.query(&profiles, "questionnaire", GENERAL);
    assert_eq!(kept, Some(questionnaire), "state survived");
    let kept: Option<Vec<profiles::Answer>> =
        c.chain.query(&profiles, "answers", (GENERAL, id(&m[1])));
    assert_eq!(kept, Some(answer));
}
