//! Host tests of the missions core: scenarios (among them the attacks on the labour loop), and
//! random sequences of token and mission operations checked against the supply invariant, the
//! labour rules, and "a refusal changes nothing".

use crate::{
    data::{mission_evidence, Events, Labour, MissionsData},
    errors::Error,
    events::*,
    token::TokenEvent,
    types::*,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use usos_primitives::{psp22::PSP22Error, AccountId, Hash};

const ADMIN: u8 = 0;
const VAULT: u8 = 200;
const ACCOUNTS: u8 = 6;

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn fresh(f: impl FnOnce(MissionsData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        f(MissionsData::new(account(ADMIN), account(VAULT)));
        Ok(())
    })
    .expect("off-chain test environment");
}

fn spec(bounty: u128, deadline: u32, reviewers: Vec<u8>) -> MissionSpec {
    MissionSpec {
        title: "logo".into(),
        description: Hash::from([3; 32]),
        bounty,
        deadline,
        reviewers: Reviewers::Accounts(reviewers.into_iter().map(account).collect()),
        approvals_needed: 1,
        max_claimants: Some(2),
    }
}

#[test]
fn a_mission_is_escrowed_claimed_rejected_resubmitted_and_paid() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        let (id, events) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        assert!(events.contains(&MissionsEvent::Transfer(Transfer {
            from: Some(account(1)),
            to: Some(account(VAULT)),
            value: 300
        })));
        assert_eq!(m.token.balance_of(account(VAULT)), 300);
        assert_eq!(
            m.claim(account(2), 2, false, id),
            Err(Error::CallerNotMember)
        );
        m.claim(account(2), 2, true, id).unwrap();
        assert_eq!(m.claim(account(2), 2, true, id), Err(Error::AlreadyClaimed));
        assert_eq!(
            m.review(account(5), 3, false, id, account(2), true)
                .map(drop),
            Err(Error::NothingSubmitted)
        );
        m.submit(account(2), 3, id, Hash::from([8; 32])).unwrap();
        assert_eq!(
            m.review(account(4), 3, false, id, account(2), true)
                .map(drop),
            Err(Error::NotReviewer)
        );
        let (events, _) = m
            .review(account(5), 4, false, id, account(2), false)
            .unwrap();
        assert!(
            events.contains(&MissionsEvent::SubmissionRejected(SubmissionRejected {
                mission: id,
                claimant: account(2)
            }))
        );
        m.submit(account(2), 5, id, Hash::from([9; 32])).unwrap();
        let (events, labour) = m
            .review(account(5), 6, false, id, account(2), true)
            .unwrap();
        assert!(events.contains(&MissionsEvent::MissionPaid(MissionPaid {
            mission: id,
            contributor: account(2),
            bounty: 300,
            labour_recorded: false,
        })));
        assert_eq!(labour, None, "labour recording is off");
        assert_eq!(m.token.balance_of(account(2)), 300);
        assert_eq!(m.token.balance_of(account(VAULT)), 0);
        assert_eq!(m.cancel(account(1), id), Err(Error::AlreadyPaid));
    });
}

#[test]
fn burn_from_spends_the_allowance_and_writes_nothing_when_it_fails() {
    fresh(|mut m| {
        let (owner, spender) = (account(1), account(2));
        m.mint(account(ADMIN), owner, 100).expect("mint");
        m.token.approve(owner, spender, 30).expect("approve");
        let events = m
            .token
            .burn_from(spender, owner, 20)
            .expect("within the allowance");
        assert!(matches!(
            events[0],
            TokenEvent::Approval(Approval { amount: 10, .. })
        ));
        assert_eq!(
            (m.token.balance_of(owner), m.token.total_supply()),
            (80, 80)
        );
        assert_eq!(m.token.allowance(owner, spender), 10);
        assert_eq!(
            m.token.burn_from(spender, owner, 11),
            Err(PSP22Error::InsufficientAllowance)
        );
        m.token.approve(owner, spender, 500).expect("approve");
        assert_eq!(
            m.token.burn_from(spender, owner, 81),
            Err(PSP22Error::InsufficientBalance)
        );
        assert_eq!(
            m.token.allowance(owner, spender),
            500,
            "a failed burn spends nothing"
        );
        assert_eq!(m.token.balance_of(owner), 80);
    });
}

#[test]
fn expiry_and_cancellation_return_the_escrow() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 500).unwrap();
        let (a, _) = m
            .create(account(1), 1, spec(200, 5, vec![5]), false)
            .unwrap();
        let (b, _) = m
            .create(account(1), 1, spec(100, 5, vec![5]), false)
            .unwrap();
        assert_eq!(m.token.balance_of(account(1)), 200);
        assert_eq!(m.expire(4, a), Err(Error::DeadlineNotReached));
        assert_eq!(m.claim(account(2), 5, true, a), Err(Error::DeadlinePassed));
        m.expire(5, a).unwrap();
        assert_eq!(m.cancel(account(3), b), Err(Error::NotCreator));
        m.cancel(account(1), b).unwrap();
        assert_eq!(m.token.balance_of(account(1)), 500);
        assert_eq!(m.expire(6, a), Err(Error::Expired));
        assert_eq!(m.claim(account(2), 2, true, b), Err(Error::Cancelled));
    });
}

#[test]
fn creation_is_validated_and_needs_the_balance() {
    fresh(|mut m| {
        assert_eq!(
            m.create(account(1), 1, spec(10, 5, vec![5]), false)
                .map(|(id, _)| id),
            Err(Error::Token(PSP22Error::InsufficientBalance))
        );
        for bad in [
            spec(0, 5, vec![5]),
            spec(10, 1, vec![5]),
            spec(10, 5, vec![]),
        ] {
            assert_eq!(
                m.create(account(ADMIN), 1, bad, true).map(|(id, _)| id),
                Err(Error::InvalidMission)
            );
        }
        assert_eq!(
            m.create(account(1), 1, spec(10, 5, vec![5]), true)
                .map(|(id, _)| id),
            Err(Error::NotAdmin)
        );
        assert!(m
            .create(account(ADMIN), 1, spec(10, 5, vec![5]), true)
            .is_ok());
        assert_eq!(m.token.total_supply(), 10);
    });
}

#[test]
fn a_mission_that_could_never_pay_or_has_no_title_is_refused() {
    fresh(|mut m| {
        let create =
            |m: &mut MissionsData, spec| m.create(account(ADMIN), 1, spec, true).map(|(id, _)| id);
        let untitled = MissionSpec {
            title: "  ".into(),
            ..spec(10, 50, vec![5])
        };
        assert_eq!(create(&mut m, untitled), Err(Error::EmptyTitle));
        let two_of_one = MissionSpec {
            approvals_needed: 2,
            ..spec(10, 50, vec![5])
        };
        assert_eq!(
            create(&mut m, two_of_one),
            Err(Error::ApprovalsExceedReviewers)
        );
        // One reviewer listed twice is still one reviewer.
        let twice = MissionSpec {
            approvals_needed: 2,
            ..spec(10, 50, vec![5, 5])
        };
        assert_eq!(create(&mut m, twice), Err(Error::DuplicateReviewer));
        assert_eq!(
            m.mint(account(ADMIN), account(VAULT), 10),
            Err(Error::MintToEscrow)
        );
        assert_eq!(m.token.total_supply(), 0, "nothing was minted");
        // The claim timeout stays long enough to work in, and short enough to matter.
        for bad in [0, MIN_CLAIM_TIMEOUT - 1, MAX_CLAIM_TIMEOUT + 1] {
            assert_eq!(
                m.set_claim_timeout(account(ADMIN), bad),
                Err(Error::InvalidClaimTimeout)
            );
        }
        assert_eq!(
            m.set_claim_timeout(account(1), MIN_CLAIM_TIMEOUT),
            Err(Error::NotAdmin)
        );
        assert_eq!(m.claim_timeout(), DEFAULT_CLAIM_TIMEOUT);
    });
}

#[test]
fn a_claim_is_given_up_or_ended_once_it_has_gone_stale() {
    fresh(|mut m| {
        let one_slot = MissionSpec {
            max_claimants: Some(1),
            ..spec(10, DEFAULT_CLAIM_TIMEOUT * 3, vec![5])
        };
        let (id, _) = m.create(account(ADMIN), 1, one_slot, true).unwrap();
        m.claim(account(1), 2, true, id).unwrap();
        assert_eq!(m.claim(account(2), 3, true, id), Err(Error::ClaimsFull));
        // Too early for anyone else; the squatter itself may always leave.
        let stale = 2 + DEFAULT_CLAIM_TIMEOUT;
        assert_eq!(
            m.unclaim(account(2), stale - 1, id, account(1)),
            Err(Error::ClaimNotStale)
        );
        assert_eq!(
            m.unclaim(account(2), stale, id, account(2)),
            Err(Error::NotClaimant)
        );
        m.unclaim(account(2), stale, id, account(1)).unwrap();
        assert_eq!(m.claim_of(id, account(1)), None);
        m.claim(account(2), stale, true, id).unwrap();
        // Submitted work is never ended by others; a rejection restarts the clock.
        m.submit(account(2), stale + 1, id, Hash::from([2; 32]))
            .unwrap();
        let later = stale + DEFAULT_CLAIM_TIMEOUT;
        assert_eq!(
            m.unclaim(account(3), later, id, account(2)),
            Err(Error::WorkSubmitted)
        );
        m.review(account(5), later, false, id, account(2), false)
            .unwrap();
        assert_eq!(
            m.unclaim(
                account(3),
                later + DEFAULT_CLAIM_TIMEOUT - 1,
                id,
                account(2)
            ),
            Err(Error::ClaimNotStale)
        );
        // The claimant gives up with work awaiting review: nothing awaits review any more.
        m.submit(account(2), later + 1, id, Hash::from([2; 32]))
            .unwrap();
        assert_eq!(m.mission(id).unwrap().awaiting_review, 1);
        m.unclaim(account(2), later + 2, id, account(2)).unwrap();
        let mission = m.mission(id).unwrap();
        assert_eq!((mission.claimants, mission.awaiting_review), (0, 0));
        // A re-claim starts a fresh round: the reviewer who rejected before reviews again.
        m.claim(account(2), later + 3, true, id).unwrap();
        assert_eq!(m.claim_of(id, account(2)).map(|c| c.round), Some(2));
        m.submit(account(2), later + 3, id, Hash::from([2; 32]))
            .unwrap();
        assert!(m
            .review(account(5), later + 4, false, id, account(2), true)
            .is_ok());
        assert_eq!(m.mission(id).map(|mi| mi.status), Some(MissionStatus::Paid));
    });
}

#[test]
fn only_a_full_mission_lets_others_end_a_claim_and_a_claim_keeps_its_timeout() {
    fresh(|mut m| {
        let two_slots = spec(10, DEFAULT_CLAIM_TIMEOUT * 3, vec![5]);
        let (id, _) = m.create(account(ADMIN), 1, two_slots, true).unwrap();
        m.claim(account(1), 2, true, id).unwrap();
        let stale = 2 + DEFAULT_CLAIM_TIMEOUT;
        // A free slot keeps nobody out: only the claimant gives its claim up.
        assert_eq!(
            m.unclaim(account(3), stale, id, account(1)),
            Err(Error::ClaimsNotFull)
        );
        // A shorter timeout set later does not shorten a claim already made.
        m.set_claim_timeout(account(ADMIN), MIN_CLAIM_TIMEOUT)
            .unwrap();
        m.claim(account(2), 3, true, id).unwrap();
        let early = 3 + MIN_CLAIM_TIMEOUT;
        assert_eq!(
            m.unclaim(account(3), early, id, account(1)),
            Err(Error::ClaimNotStale)
        );
        m.unclaim(account(3), early, id, account(2)).unwrap();
    });
}

// ----- the labour loop -----

/// `claimant` claims and submits, `reviewer` approves: the paying review's events and labour.
fn claim_submit_approve(
    m: &mut MissionsData,
    id: MissionId,
    claimant: u8,
    reviewer: u8,
) -> (Events, Labour) {
    m.claim(account(claimant), 2, true, id).expect("claim");
    m.submit(account(claimant), 3, id, Hash::from([claimant; 32]))
        .expect("submit");
    m.review(account(reviewer), 4, false, id, account(claimant), true)
        .expect("approving review")
}

fn paid_events(events: &Events) -> Vec<MissionPaid> {
    events
        .iter()
        .filter_map(|e| match e {
            MissionsEvent::MissionPaid(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

/// What a user can observe of the core: balances, allowances, supply, missions and claims.
#[derive(Debug, PartialEq)]
struct Snapshot {
    supply: u128,
    balances: Vec<u128>,
    allowances: Vec<u128>,
    missions: Vec<Option<Mission>>,
    claims: Vec<Option<Claim>>,
    records_labour: bool,
    admin: AccountId,
}

fn snapshot(m: &MissionsData, ids: &[MissionId]) -> Snapshot {
    let holders = (0..ACCOUNTS).chain([VAULT]);
    Snapshot {
        supply: m.token.total_supply(),
        balances: holders.map(|a| m.token.balance_of(account(a))).collect(),
        allowances: (0..ACCOUNTS)
            .flat_map(|a| (0..ACCOUNTS).map(move |b| (a, b)))
            .map(|(a, b)| m.token.allowance(account(a), account(b)))
            .collect(),
        missions: ids.iter().map(|i| m.mission(*i)).collect(),
        claims: ids
            .iter()
            .flat_map(|i| (0..ACCOUNTS).map(move |a| (*i, a)))
            .map(|(i, a)| m.claim_of(i, account(a)))
            .collect(),
        records_labour: m.records_labour(),
        admin: m.admin(),
    }
}

#[test]
fn a_member_funded_mission_pays_but_records_no_labour() {
    fresh(|mut m| {
        m.set_labour_recording(account(ADMIN), true).unwrap();
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        // Member 1 funds a mission from its own tokens and names its second key (5) reviewer.
        let (id, _) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        assert_eq!(m.mission(id).map(|mi| mi.funding), Some(Funding::Member));
        let (events, labour) = claim_submit_approve(&mut m, id, 2, 5);
        assert_eq!(
            labour, None,
            "no capital stake out of a member's own tokens"
        );
        assert_eq!(
            paid_events(&events),
            vec![MissionPaid {
                mission: id,
                contributor: account(2),
                bounty: 300,
                labour_recorded: false,
            }]
        );
        assert_eq!(m.token.balance_of(account(2)), 300, "the bounty is paid");
        assert_eq!(m.token.balance_of(account(VAULT)), 0);
        assert_eq!(m.mission(id).map(|mi| mi.status), Some(MissionStatus::Paid));
    });
}

#[test]
fn the_loop_through_a_second_member_records_no_labour() {
    fresh(|mut m| {
        m.set_labour_recording(account(ADMIN), true).unwrap();
        m.mint(account(ADMIN), account(1), 300).unwrap();
        // Member 1 funds, its friend 2 claims and pays the tokens back, its second key 5
        // approves; round after round, nothing is ever recorded as labour.
        for round in 0..5 {
            let (id, _) = m
                .create(account(1), 1, spec(300, 10, vec![5]), false)
                .unwrap();
            let (events, labour) = claim_submit_approve(&mut m, id, 2, 5);
            assert_eq!(labour, None, "round {round}");
            assert!(paid_events(&events).iter().all(|p| !p.labour_recorded));
            m.token.transfer(account(2), account(1), 300).unwrap();
        }
        assert_eq!(m.token.balance_of(account(1)), 300);
        assert_eq!(m.token.total_supply(), 300, "and no tokens appeared either");
    });
}

#[test]
fn a_cooperative_funded_mission_records_labour() {
    fresh(|mut m| {
        m.set_labour_recording(account(ADMIN), true).unwrap();
        let (id, _) = m
            .create(account(ADMIN), 1, spec(300, 10, vec![5]), true)
            .unwrap();
        assert_eq!(m.mission(id).map(|mi| mi.funding), Some(Funding::Minted));
        let (events, labour) = claim_submit_approve(&mut m, id, 2, 5);
        assert_eq!(labour, Some((account(2), 300, mission_evidence(id))));
        assert_eq!(
            paid_events(&events),
            vec![MissionPaid {
                mission: id,
                contributor: account(2),
                bounty: 300,
                labour_recorded: true,
            }]
        );
        assert_eq!(m.token.balance_of(account(2)), 300);

        // With labour recording off, the same mission pays and says it recorded nothing.
        m.set_labour_recording(account(ADMIN), false).unwrap();
        let (id, _) = m
            .create(account(ADMIN), 1, spec(100, 10, vec![5]), true)
            .unwrap();
        let (events, labour) = claim_submit_approve(&mut m, id, 3, 5);
        assert_eq!(labour, None);
        assert!(paid_events(&events).iter().all(|p| !p.labour_recorded));
    });
}

#[test]
fn a_treasury_payout_mission_by_the_admin_records_labour() {
    fresh(|mut m| {
        m.set_labour_recording(account(ADMIN), true).unwrap();
        m.mint(account(ADMIN), account(ADMIN), 500).unwrap();
        let (id, _) = m
            .create(account(ADMIN), 1, spec(200, 10, vec![5]), false)
            .unwrap();
        assert_eq!(m.mission(id).map(|mi| mi.funding), Some(Funding::Treasury));
        assert_eq!(m.token.balance_of(account(ADMIN)), 300, "from the treasury");
        let (events, labour) = claim_submit_approve(&mut m, id, 2, 5);
        assert_eq!(labour, Some((account(2), 200, mission_evidence(id))));
        assert!(paid_events(&events).iter().all(|p| p.labour_recorded));

        // How a mission was funded is fixed at creation: a new admin does not change it.
        let (old, _) = m
            .create(account(ADMIN), 1, spec(100, 10, vec![5]), false)
            .unwrap();
        m.set_admin(account(ADMIN), account(4)).unwrap();
        assert_eq!(m.mission(old).map(|mi| mi.funding), Some(Funding::Treasury));
        m.token.transfer(account(2), account(3), 100).unwrap();
        let (member, _) = m
            .create(account(3), 1, spec(100, 10, vec![5]), false)
            .unwrap();
        assert_eq!(
            m.mission(member).map(|mi| mi.funding),
            Some(Funding::Member)
        );
    });
}

#[test]
fn a_creator_cannot_claim_its_own_mission() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        let (id, _) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        let before = snapshot(&m, &[id]);
        assert_eq!(
            m.claim(account(1), 2, true, id),
            Err(Error::CreatorCannotClaim)
        );
        assert_eq!(snapshot(&m, &[id]), before, "the refusal changes nothing");
        assert_eq!(m.claim_of(id, account(1)), None);
        assert_eq!(
            m.submit(account(1), 2, id, Hash::from([1; 32])),
            Err(Error::NotClaimant),
            "so it cannot submit either"
        );
        // Nor can governance claim a mission it created.
        let (funded, _) = m
            .create(account(ADMIN), 1, spec(50, 10, vec![5]), true)
            .unwrap();
        assert_eq!(
            m.claim(account(ADMIN), 2, true, funded),
            Err(Error::CreatorCannotClaim)
        );
        // Anyone else still can.
        m.claim(account(2), 2, true, id).unwrap();
        assert_eq!(m.mission(id).map(|mi| mi.claimants), Some(1));
    });
}

#[test]
fn a_creator_cannot_cancel_after_work_is_submitted_but_governance_can() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        let (id, _) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        m.claim(account(2), 2, true, id).unwrap();
        m.claim(account(3), 2, true, id).unwrap();
        m.submit(account(2), 3, id, Hash::from([2; 32])).unwrap();
        assert_eq!(m.mission(id).map(|mi| mi.awaiting_review), Some(1));
        let before = snapshot(&m, &[id]);
        assert_eq!(m.cancel(account(1), id), Err(Error::WorkSubmitted));
        assert_eq!(snapshot(&m, &[id]), before, "the refusal changes nothing");
        assert_eq!(m.token.balance_of(account(VAULT)), 300, "still in escrow");
        // A second claimant's work waits too; a rejection ends only its own round.
        m.submit(account(3), 3, id, Hash::from([3; 32])).unwrap();
        m.review(account(5), 4, false, id, account(2), false)
            .unwrap();
        assert_eq!(m.claim_of(id, account(2)).and_then(|c| c.evidence), None);
        assert_eq!(m.mission(id).map(|mi| mi.awaiting_review), Some(1));
        assert_eq!(m.cancel(account(1), id), Err(Error::WorkSubmitted));
        assert_eq!(m.cancel(account(4), id), Err(Error::NotCreator));
        // Governance still may: the escrow returns to the creator.
        let events = m.cancel(account(ADMIN), id).unwrap();
        assert!(
            events.contains(&MissionsEvent::MissionClosed(MissionClosed {
                mission: id,
                expired: false,
                refunded: 300
            }))
        );
        assert_eq!(m.token.balance_of(account(1)), 1_000);
        assert_eq!(
            m.mission(id).map(|mi| mi.status),
            Some(MissionStatus::Cancelled)
        );
    });
}

#[test]
fn a_rejected_junk_submission_does_not_lock_the_mission_for_its_creator() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        let (id, _) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        // A stranger to the work claims and submits junk: the creator must wait for review.
        m.claim(account(2), 2, true, id).unwrap();
        m.submit(account(2), 2, id, Hash::from([9; 32])).unwrap();
        assert_eq!(m.cancel(account(1), id), Err(Error::WorkSubmitted));
        m.review(account(5), 3, false, id, account(2), false)
            .unwrap();
        // Rejected: nothing awaits review, the creator may take its escrow back.
        assert_eq!(m.mission(id).map(|mi| mi.awaiting_review), Some(0));
        m.cancel(account(1), id).unwrap();
        assert_eq!(m.token.balance_of(account(1)), 1_000);
    });
}

#[test]
fn a_submitted_mission_still_expires_from_its_deadline_on() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        let (id, _) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        m.claim(account(2), 2, true, id).unwrap();
        m.submit(account(2), 3, id, Hash::from([2; 32])).unwrap();
        assert_eq!(m.expire(9, id), Err(Error::DeadlineNotReached));
        m.expire(10, id).unwrap();
        assert_eq!(m.token.balance_of(account(1)), 1_000);
    });
}

#[test]
fn a_creator_may_cancel_before_any_submission() {
    fresh(|mut m| {
        m.mint(account(ADMIN), account(1), 1_000).unwrap();
        let (id, _) = m
            .create(account(1), 1, spec(300, 10, vec![5]), false)
            .unwrap();
        m.claim(account(2), 2, true, id).unwrap();
        assert_eq!(m.mission(id).map(|mi| mi.awaiting_review), Some(0));
        let events = m.cancel(account(1), id).unwrap();
        assert!(
            events.contains(&MissionsEvent::MissionClosed(MissionClosed {
                mission: id,
                expired: false,
                refunded: 300
            }))
        );
        assert_eq!(m.token.balance_of(account(1)), 1_000);
        assert_eq!(
            m.submit(account(2), 3, id, Hash::from([2; 32])),
            Err(Error::Cancelled)
        );
    });
}

// ----- the supply invariant and the labour rules under random operations -----

#[derive(Debug, Clone)]
enum Op {
    Mint(u8, u128),
    Transfer(u8, u8, u128),
    Approve(u8, u8, u128),
    TransferFrom(u8, u8, u8, u128),
    Burn(u8, u128),
    BurnFrom(u8, u8, u128),
    Create(u8, u128, bool),
    Claim(u8, usize),
    Submit(u8, usize),
    Review(u8, usize, u8, bool),
    /// By this account, or (`None`) by the mission's creator.
    Cancel(Option<u8>, usize),
    Expire(usize),
    SetLabour(bool),
    Next(u32),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0u8..ACCOUNTS;
    let amount = 0u128..400;
    let mission = 0usize..2;
    prop_oneof![
        2 => (who.clone(), amount.clone()).prop_map(|(a, x)| Op::Mint(a, x)),
        2 => (who.clone(), who.clone(), amount.clone()).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
        1 => (who.clone(), who.clone(), amount.clone()).prop_map(|(a, b, x)| Op::Approve(a, b, x)),
        1 => (who.clone(), who.clone(), who.clone(), amount.clone()).prop_map(|(c, a, b, x)| Op::TransferFrom(c, a, b, x)),
        1 => (who.clone(), amount.clone()).prop_map(|(a, x)| Op::Burn(a, x)),
        1 => (who.clone(), who.clone(), amount.clone()).prop_map(|(c, a, x)| Op::BurnFrom(c, a, x)),
        2 => (who.clone(), 1u128..200, any::<bool>()).prop_map(|(a, x, m)| Op::Create(a, x, m)),
        // Few missions and claimants, so that claims, submissions and reviews meet often.
        3 => (1u8..=2, mission.clone()).prop_map(|(a, i)| Op::Claim(a, i)),
        3 => (1u8..=2, mission.clone()).prop_map(|(a, i)| Op::Submit(a, i)),
        // Account 5 reviews every mission; others try too.
        8 => (prop_oneof![3 => Just(5u8), 1 => who.clone()], mission.clone(), 1u8..=2, prop::bool::weighted(0.7))
            .prop_map(|(r, i, c, a)| Op::Review(r, i, c, a)),
        2 => (prop::option::of(who.clone()), mission.clone()).prop_map(|(a, i)| Op::Cancel(a, i)),
        1 => mission.clone().prop_map(Op::Expire),
        1 => any::<bool>().prop_map(Op::SetLabour),
        2 => (1u32..4).prop_map(Op::Next),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn supply_is_the_sum_of_balances_and_escrow_is_exactly_the_open_bounties(
        labour in any::<bool>(),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        fresh(|mut m| {
            // Every account (the admin's treasury too) can fund missions from the start.
            for a in 0..ACCOUNTS {
                m.mint(account(ADMIN), account(a), 1_000).expect("mint");
            }
            m.set_labour_recording(account(ADMIN), labour).expect("labour recording");
            let mut now = 1u32;
            let mut ids: Vec<MissionId> = Vec::new();
            let id = |ids: &Vec<MissionId>, i: usize| ids.get(i).copied().unwrap_or(MissionId::MAX);
            let mut paid = 0;
            // The model: how each mission was funded, and which ever had work submitted.
            let mut funding: BTreeMap<MissionId, Funding> = BTreeMap::new();
            // (mission, claimant) whose submitted work awaits review.
            let mut submitted: BTreeSet<(MissionId, u8)> = BTreeSet::new();
            for op in &ops {
                // Ids are sequential from 1; the next one shows a refused creation wrote nothing.
                let probe: Vec<MissionId> = (1..=ids.len() as MissionId + 1).collect();
                let before = snapshot(&m, &probe);
                let result = match *op {
                    Op::Mint(a, x) => m.mint(account(ADMIN), account(a), x).map(drop),
                    Op::Transfer(a, b, x) => m.token.transfer(account(a), account(b), x).map(drop).map_err(Error::from),
                    Op::Approve(a, b, x) => m.token.approve(account(a), account(b), x).map(drop).map_err(Error::from),
                    Op::TransferFrom(c, a, b, x) => m.token.transfer_from(account(c), account(a), account(b), x).map(drop).map_err(Error::from),
                    Op::Burn(a, x) => m.token.burn(account(a), x).map(drop).map_err(Error::from),
                    Op::BurnFrom(c, a, x) => m.token.burn_from(account(c), account(a), x).map(drop).map_err(Error::from),
                    Op::Create(a, x, mint) => {
                        let creator = if mint { ADMIN } else { a };
                        let expected = match (mint, creator == ADMIN) {
                            (true, _) => Funding::Minted,
                            (false, true) => Funding::Treasury,
                            (false, false) => Funding::Member,
                        };
                        m.create(account(creator), now, spec(x, now + 20, vec![5]), mint)
                            .map(|(new, _)| {
                                ids.push(new);
                                funding.insert(new, expected);
                            })
                    }
                    Op::Claim(a, i) => m.claim(account(a), now, true, id(&ids, i)).map(drop),
                    Op::Submit(a, i) => m.submit(account(a), now, id(&ids, i), Hash::from([a; 32])).map(|_| {
                        submitted.insert((id(&ids, i), a));
                    }),
                    Op::Review(r, i, c, approve) => {
                        let mission = id(&ids, i);
                        let reviewed = m.mission(mission);
                        let records = m.records_labour();
                        m.review(account(r), now, false, mission, account(c), approve).map(|(events, labour)| {
                            if events.iter().any(|e| matches!(e, MissionsEvent::SubmissionRejected(_))) {
                                submitted.remove(&(mission, c));
                            }
                            let payouts = paid_events(&events);
                            paid += payouts.len();
                            match (payouts.as_slice(), reviewed) {
                                ([payout], Some(mi)) => {
                                    let labour_due = records && mi.funding.by_cooperative();
                                    assert_eq!(payout.labour_recorded, labour_due, "after {op:?}");
                                    let expected = labour_due.then(|| (account(c), mi.spec.bounty, mission_evidence(mission)));
                                    assert_eq!(labour, expected, "labour only for cooperative-funded missions, after {op:?}");
                                }
                                ([], _) => assert_eq!(labour, None, "no payout, no labour, after {op:?}"),
                                _ => panic!("one payout per review at most, after {op:?}"),
                            }
                        })
                    }
                    Op::Cancel(a, i) => {
                        let mission = id(&ids, i);
                        let cancelled = m.mission(mission);
                        let caller = match (a, &cancelled) {
                            (Some(a), _) => account(a),
                            (None, Some(mi)) => mi.creator,
                            (None, None) => account(1),
                        };
                        let result = m.cancel(caller, mission).map(drop);
                        if let Some(mi) = cancelled.filter(|mi| mi.status == MissionStatus::Open) {
                            let (admin, creator) = (caller == account(ADMIN), caller == mi.creator);
                            let waiting = submitted.iter().any(|(s, _)| *s == mission);
                            let expected = match (admin, creator, waiting) {
                                (true, _, _) => Ok(()),
                                (false, false, _) => Err(Error::NotCreator),
                                (false, true, true) => Err(Error::WorkSubmitted),
                                (false, true, false) => Ok(()),
                            };
                            assert_eq!(result, expected, "after {op:?}");
                        }
                        result
                    }
                    Op::Expire(i) => m.expire(now, id(&ids, i)).map(drop),
                    Op::SetLabour(on) => m.set_labour_recording(account(ADMIN), on).map(drop),
                    Op::Next(n) => { now += n; Ok(()) }
                };
                // `token::transfer_from` spends the allowance before the balance check refuses
                // (on chain the Err reverts it); every other refusal must leave no trace.
                let exempt = matches!(op, Op::TransferFrom(..));
                if let (Err(error), false) = (&result, exempt) {
                    assert_eq!(snapshot(&m, &probe), before, "the refusal {error:?} of {op:?} changed something");
                }
                let holders: u128 = (0..ACCOUNTS).map(|a| m.token.balance_of(account(a))).sum();
                let escrow = m.token.balance_of(account(VAULT));
                assert_eq!(m.token.total_supply(), holders + escrow, "after {op:?}");
                let open: u128 = ids
                    .iter()
                    .filter_map(|i| m.mission(*i))
                    .filter(|mi| mi.status == MissionStatus::Open)
                    .map(|mi| mi.spec.bounty)
                    .sum();
                assert_eq!(escrow, open, "escrow holds exactly the open bounties after {op:?}");
                for i in &ids {
                    let mi = m.mission(*i).expect("a created mission");
                    assert_eq!(Some(&mi.funding), funding.get(i), "mission {i} after {op:?}");
                    if mi.status == MissionStatus::Open {
                        let waiting = submitted.iter().filter(|(s, _)| s == i).count() as u32;
                        assert_eq!(mi.awaiting_review, waiting, "mission {i} after {op:?}");
                    }
                    assert_eq!(m.claim_of(*i, mi.creator), None, "a creator never claims, after {op:?}");
                }
            }
            let statuses: BTreeMap<_, usize> = ids.iter().filter_map(|i| m.mission(*i)).fold(BTreeMap::new(), |mut acc, mi| {
                *acc.entry(format!("{:?}", mi.status)).or_default() += 1;
                acc
            });
            assert_eq!(statuses.get("Paid").copied().unwrap_or(0), paid);
        });
    }
}
