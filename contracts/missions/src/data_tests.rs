//! Host tests of the missions core: scenarios, and random sequences of token and mission
//! operations checked against the supply invariant.

use crate::{data::MissionsData, errors::Error, events::*, types::*};
use proptest::prelude::*;
use std::collections::BTreeMap;
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
            bounty: 300
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
            MissionsEvent::Approval(Approval { amount: 10, .. })
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

// ----- the supply invariant under random operations -----

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
    Cancel(u8, usize),
    Expire(usize),
    Next(u32),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0u8..ACCOUNTS;
    let amount = 0u128..400;
    let mission = 0usize..4;
    prop_oneof![
        2 => (who.clone(), amount.clone()).prop_map(|(a, x)| Op::Mint(a, x)),
        2 => (who.clone(), who.clone(), amount.clone()).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
        1 => (who.clone(), who.clone(), amount.clone()).prop_map(|(a, b, x)| Op::Approve(a, b, x)),
        1 => (who.clone(), who.clone(), who.clone(), amount.clone()).prop_map(|(c, a, b, x)| Op::TransferFrom(c, a, b, x)),
        1 => (who.clone(), amount.clone()).prop_map(|(a, x)| Op::Burn(a, x)),
        1 => (who.clone(), who.clone(), amount.clone()).prop_map(|(c, a, x)| Op::BurnFrom(c, a, x)),
        2 => (who.clone(), amount.clone(), any::<bool>()).prop_map(|(a, x, m)| Op::Create(a, x, m)),
        3 => (1u8..=4, mission.clone()).prop_map(|(a, i)| Op::Claim(a, i)),
        3 => (1u8..=4, mission.clone()).prop_map(|(a, i)| Op::Submit(a, i)),
        // Account 5 reviews every mission; others try too.
        6 => (prop_oneof![3 => Just(5u8), 1 => who.clone()], mission.clone(), 1u8..=4, prop::bool::weighted(0.7))
            .prop_map(|(r, i, c, a)| Op::Review(r, i, c, a)),
        1 => (who.clone(), mission.clone()).prop_map(|(a, i)| Op::Cancel(a, i)),
        1 => mission.clone().prop_map(Op::Expire),
        2 => (1u32..4).prop_map(Op::Next),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn supply_is_the_sum_of_balances_and_escrow_is_exactly_the_open_bounties(ops in prop::collection::vec(op(), 1..60)) {
        fresh(|mut m| {
            let mut now = 1u32;
            let mut ids: Vec<MissionId> = Vec::new();
            let id = |ids: &Vec<MissionId>, i: usize| ids.get(i).copied().unwrap_or(MissionId::MAX);
            let mut paid = 0;
            for op in &ops {
                let _ = match *op {
                    Op::Mint(a, x) => m.mint(account(ADMIN), account(a), x).map(drop),
                    Op::Transfer(a, b, x) => m.token.transfer(account(a), account(b), x).map(drop).map_err(Error::from),
                    Op::Approve(a, b, x) => m.token.approve(account(a), account(b), x).map(drop).map_err(Error::from),
                    Op::TransferFrom(c, a, b, x) => m.token.transfer_from(account(c), account(a), account(b), x).map(drop).map_err(Error::from),
                    Op::Burn(a, x) => m.token.burn(account(a), x).map(drop).map_err(Error::from),
                    Op::BurnFrom(c, a, x) => m.token.burn_from(account(c), account(a), x).map(drop).map_err(Error::from),
                    Op::Create(a, x, mint) => {
                        let creator = if mint { ADMIN } else { a };
                        m.create(account(creator), now, spec(x, now + 6, vec![5]), mint)
                            .map(|(new, _)| ids.push(new))
                    }
                    Op::Claim(a, i) => m.claim(account(a), now, true, id(&ids, i)).map(drop),
                    Op::Submit(a, i) => m.submit(account(a), now, id(&ids, i), Hash::from([a; 32])).map(drop),
                    Op::Review(r, i, c, approve) => m.review(account(r), now, false, id(&ids, i), account(c), approve).map(|(events, _)| {
                        paid += events.iter().filter(|e| matches!(e, MissionsEvent::MissionPaid(_))).count();
                    }),
                    Op::Cancel(a, i) => m.cancel(account(a), id(&ids, i)).map(drop),
                    Op::Expire(i) => m.expire(now, id(&ids, i)).map(drop),
                    Op::Next(n) => { now += n; Ok(()) }
                };
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
            }
            let statuses: BTreeMap<_, usize> = ids.iter().filter_map(|i| m.mission(*i)).fold(BTreeMap::new(), |mut acc, mi| {
                *acc.entry(format!("{:?}", mi.status)).or_default() += 1;
                acc
            });
            assert_eq!(statuses.get("Paid").copied().unwrap_or(0), paid);
        });
    }
}
