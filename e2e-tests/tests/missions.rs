//! missions on the real Wasm: the PSP22 conformance suite, and mission life cycles beside the
//! real membership, merit and capital contracts.

use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use missions::{
    events::{MissionClosed, MissionPaid, SubmissionRejected},
    Error, MissionSpec, MissionStatus, Reviewers,
};
use usos_e2e_tests::{id, psp22, Coop};
use usos_primitives::psp22::PSP22Error;

type Done = Result<(), Error>;
type Created = Result<u64, Error>;
const BOUNTY: u128 = 500;

fn mint(coop: &mut Coop, to: &AccountId32, value: u128) {
    let governance = coop.admin.clone();
    let missions = coop.missions.clone();
    assert_eq!(
        coop.chain
            .call::<Done>(&missions, &governance, "mint", (id(to), value))
            .value,
        Ok(())
    );
}

fn balance(coop: &mut Coop, who: &AccountId32) -> u128 {
    coop.chain
        .query(&coop.missions, "PSP22::balance_of", id(who))
}

fn spec(coop: &mut Coop, reviewers: Reviewers) -> MissionSpec {
    let now = coop.chain.block();
    MissionSpec {
        title: "Design the logo".into(),
        description: Hash::from([4; 32]),
        bounty: BOUNTY,
        deadline: now + 20,
        reviewers,
        approvals_needed: 1,
        max_claimants: Some(3),
    }
}

struct Scene {
    coop: Coop,
    creator: AccountId32,
    contributor: AccountId32,
    reviewer: AccountId32,
}

fn scene() -> Scene {
    let mut coop = Coop::new();
    let creator = coop.member("creator");
    let contributor = coop.member("contributor");
    let reviewer = coop.member("reviewer");
    mint(&mut coop, &creator, 2_000);
    Scene {
        coop,
        creator,
        contributor,
        reviewer,
    }
}

impl Scene {
    /// A mission the cooperative funds: governance (the harness's admin) mints its bounty.
    fn create_funded(&mut self, reviewers: Reviewers) -> u64 {
        let spec = spec(&mut self.coop, reviewers);
        let (missions, governance) = (self.coop.missions.clone(), self.coop.admin.clone());
        self.coop
            .chain
            .call::<Created>(&missions, &governance, "create_funded_mission", spec)
            .value
            .expect("created")
    }

    fn create(&mut self, reviewers: Reviewers) -> u64 {
        let spec = spec(&mut self.coop, reviewers);
        let missions = self.coop.missions.clone();
        self.coop
            .chain
            .call::<Created>(&missions, &self.creator, "create_mission", spec)
            .value
            .expect("created")
    }

    fn call(
        &mut self,
        who: &AccountId32,
        message: &str,
        args: impl scale::Encode,
    ) -> usos_e2e_tests::Outcome<Done> {
        let missions = self.coop.missions.clone();
        self.coop.chain.call(&missions, who, message, args)
    }
}

#[test]
fn the_usos_token_passes_the_psp22_conformance_suite() {
    let mut coop = Coop::new();
    let [owner, alice, bob] = ["owner", "alice", "bob"].map(|n| coop.chain.account(n));
    mint(&mut coop, &owner, 1_000);
    let token = coop.missions.clone();
    psp22::conformance(&mut coop.chain, &token, &owner, &alice, &bob);
    let name: Option<String> =
        psp22::metadata(&mut coop.chain, &token, "PSP22Metadata::token_name");
    let symbol: Option<String> =
        psp22::metadata(&mut coop.chain, &token, "PSP22Metadata::token_symbol");
    let decimals: u8 = psp22::metadata(&mut coop.chain, &token, "PSP22Metadata::token_decimals");
    assert_eq!(
        (name.as_deref(), symbol.as_deref(), decimals),
        (Some("usOS"), Some("USOS"), 12)
    );
}

#[test]
fn holders_burn_and_only_governance_mints() {
    let mut coop = Coop::new();
    let holder = coop.chain.account("holder");
    mint(&mut coop, &holder, 100);
    let missions = coop.missions.clone();
    let out = coop.chain.call::<Result<(), PSP22Error>>(
        &missions,
        &holder,
        "PSP22Burnable::burn",
        40u128,
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(balance(&mut coop, &holder), 60);
    let supply: u128 = coop.chain.query(&missions, "PSP22::total_supply", ());
    assert_eq!(supply, 60);
    let out = coop
        .chain
        .call::<Done>(&missions, &holder, "mint", (id(&holder), 1_000u128));
    assert_eq!(out.value, Err(Error::NotAdmin));
    let spec = spec(&mut coop, Reviewers::Accounts(vec![id(&holder)]));
    let out = coop
        .chain
        .call::<Created>(&missions, &holder, "create_funded_mission", spec);
    assert_eq!(out.value, Err(Error::NotAdmin));
    assert_eq!(balance(&mut coop, &holder), 60);
}

#[test]
fn a_spender_burns_within_its_allowance_only() {
    let mut coop = Coop::new();
    let (owner, spender) = (coop.chain.account("owner"), coop.chain.account("spender"));
    mint(&mut coop, &owner, 100);
    let missions = coop.missions.clone();
    let out = coop.chain.call::<Result<(), PSP22Error>>(
        &missions,
        &owner,
        "PSP22::approve",
        (id(&spender), 30u128),
    );
    assert_eq!(out.value, Ok(()));
    let out = coop.chain.call::<Result<(), PSP22Error>>(
        &missions,
        &spender,
        "PSP22Burnable::burn_from",
        (id(&owner), 20u128),
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events.len(),
        2,
        "an Approval (10 left) and a Transfer to nobody"
    );
    assert_eq!(balance(&mut coop, &owner), 80);
    let left: u128 = coop
        .chain
        .query(&missions, "PSP22::allowance", (id(&owner), id(&spender)));
    assert_eq!(left, 10);
    let out = coop.chain.call::<Result<(), PSP22Error>>(
        &missions,
        &spender,
        "PSP22Burnable::burn_from",
        (id(&owner), 11u128),
    );
    assert_eq!(out.value, Err(PSP22Error::InsufficientAllowance));
    assert!(out.reverted);
    assert_eq!(balance(&mut coop, &owner), 80);
}

#[test]
fn a_mission_is_rejected_then_paid_and_recorded_as_labour_in_capital() {
    let mut s = scene();
    let governance = s.coop.admin.clone();
    let (capital, missions) = (s.coop.capital.clone(), s.coop.missions.clone());
    let out = s.coop.chain.call::<Result<(), capital::Error>>(
        &capital,
        &governance,
        "set_recorder",
        (
            missions.id(),
            Some(capital::RecorderLimit {
                amount: u128::MAX,
                period: 1,
            }),
        ),
    );
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        s.call(&governance, "set_labour_recording", true).value,
        Ok(())
    );

    let reviewer = id(&s.reviewer);
    let mission = s.create_funded(Reviewers::Accounts(vec![reviewer]));
    assert_eq!(
        balance(&mut s.coop, &missions.address.clone()),
        BOUNTY,
        "the bounty sits in escrow"
    );
    let (contributor, reviewer) = (s.contributor.clone(), s.reviewer.clone());
    assert_eq!(s.call(&contributor, "claim", mission).value, Ok(()));
    assert_eq!(
        s.call(&contributor, "submit", (mission, Hash::from([1; 32])))
            .value,
        Ok(())
    );
    let out = s.call(&reviewer, "review", (mission, id(&contributor), false));
    assert_eq!(
        out.events_of::<SubmissionRejected>(),
        vec![SubmissionRejected {
            mission,
            claimant: id(&contributor)
        }]
    );
    assert_eq!(
        s.call(&contributor, "submit", (mission, Hash::from([2; 32])))
            .value,
        Ok(())
    );
    let out = s.call(&reviewer, "review", (mission, id(&contributor), true));
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<MissionPaid>(),
        vec![MissionPaid {
            mission,
            contributor: id(&contributor),
            bounty: BOUNTY,
            labour_recorded: true,
        }]
    );
    assert_eq!(balance(&mut s.coop, &contributor), BOUNTY);
    assert_eq!(balance(&mut s.coop, &missions.address.clone()), 0);
    // capital recorded the labour, and it counts in the contributor's share.
    let stake: capital::Stake = s.coop.chain.query(&capital, "stake", id(&contributor));
    assert_eq!(stake.contributed, BOUNTY);
    let now = s.coop.chain.block();
    let share: usos_primitives::Share =
        s.coop
            .chain
            .query(&capital, "CapitalView::share_at", (id(&contributor), now));
    assert!(share.0 > 0);
    let governance = s.coop.admin.clone();
    assert_eq!(
        s.call(&governance, "cancel", mission).value,
        Err(Error::AlreadyPaid)
    );
}

#[test]
fn labour_recording_that_capital_refuses_reverts_the_payout() {
    let mut s = scene();
    let governance = s.coop.admin.clone();
    // missions is not one of capital's recorders.
    assert_eq!(
        s.call(&governance, "set_labour_recording", true).value,
        Ok(())
    );
    let mission = s.create_funded(Reviewers::Accounts(vec![id(&s.reviewer)]));
    let (contributor, reviewer) = (s.contributor.clone(), s.reviewer.clone());
    s.call(&contributor, "claim", mission);
    s.call(&contributor, "submit", (mission, Hash::from([1; 32])));
    let out = s.call(&reviewer, "review", (mission, id(&contributor), true));
    assert_eq!(out.value, Err(Error::CapitalRefused));
    assert_eq!(balance(&mut s.coop, &contributor), 0, "nothing was paid");
}

#[test]
fn expiry_and_cancellation_return_the_escrow_to_the_creator() {
    let mut s = scene();
    let creator = s.creator.clone();
    let expiring = s.create(Reviewers::Accounts(vec![id(&s.reviewer)]));
    let cancelled = s.create(Reviewers::Accounts(vec![id(&s.reviewer)]));
    assert_eq!(balance(&mut s.coop, &creator), 1_000);
    let stranger = s.coop.chain.account("stranger");
    assert_eq!(
        s.call(&stranger, "cancel", cancelled).value,
        Err(Error::NotCreator)
    );
    let out = s.call(&creator, "cancel", cancelled);
    assert_eq!(
        out.events_of::<MissionClosed>(),
        vec![MissionClosed {
            mission: cancelled,
            expired: false,
            refunded: BOUNTY
        }]
    );
    assert_eq!(
        s.call(&stranger, "expire", expiring).value,
        Err(Error::DeadlineNotReached)
    );
    s.coop.chain.advance(20);
    let contributor = s.contributor.clone();
    assert_eq!(
        s.call(&contributor, "claim", expiring).value,
        Err(Error::DeadlinePassed)
    );
    let out = s.call(&stranger, "expire", expiring);
    assert_eq!(
        out.events_of::<MissionClosed>(),
        vec![MissionClosed {
            mission: expiring,
            expired: true,
            refunded: BOUNTY
        }]
    );
    assert_eq!(balance(&mut s.coop, &creator), 2_000);
    let m: Option<missions::Mission> = s.coop.chain.query(&s.coop.missions, "mission", expiring);
    assert_eq!(m.map(|m| m.status), Some(MissionStatus::Expired));
}

#[test]
fn a_merit_category_reviews_and_strangers_cannot_claim_or_review() {
    let mut s = scene();
    let governance = s.coop.admin.clone();
    let merit = s.coop.merit.clone();
    let rules = merit::CategoryRules {
        min_attestations: 1,
        min_holder_share: usos_primitives::BasisPoints::ZERO,
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: 10,
        level_points: vec![1],
        lifetime: None,
    };
    let category = s
        .coop
        .chain
        .call::<Result<u32, merit::Error>>(
            &merit,
            &governance,
            "create_category",
            (String::from("design"), rules),
        )
        .value
        .unwrap();
    let reviewer = s.reviewer.clone();
    let out = s.coop.chain.call::<Result<(), merit::Error>>(
        &merit,
        &governance,
        "grant",
        (id(&reviewer), category, 1u8, Hash::from([5; 32])),
    );
    assert_eq!(out.value, Ok(()));

    let mission = s.create(Reviewers::Category(category));
    let stranger = s.coop.chain.account("stranger");
    assert_eq!(
        s.call(&stranger, "claim", mission).value,
        Err(Error::CallerNotMember)
    );
    let contributor = s.contributor.clone();
    s.call(&contributor, "claim", mission);
    s.call(&contributor, "submit", (mission, Hash::from([1; 32])));
    let creator = s.creator.clone();
    assert_eq!(
        s.call(&creator, "review", (mission, id(&contributor), true))
            .value,
        Err(Error::NotReviewer)
    );
    assert_eq!(
        s.call(&contributor, "review", (mission, id(&contributor), true))
            .value,
        Err(Error::SelfReview)
    );
    assert_eq!(
        s.call(&reviewer, "review", (mission, id(&contributor), true))
            .value,
        Ok(())
    );
    assert_eq!(balance(&mut s.coop, &contributor), BOUNTY);
}
