//! Host tests of the membership core: scenarios, and a property test that replays random
//! histories against a naive model keeping a full copy of the state for every block.

use crate::{
    data::MembershipData,
    errors::Error,
    events::*,
    types::{StakeholderClass, INVITATION_LIFETIME},
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use usos_primitives::{AccountId, BlockNumber, HouseholdId};

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

const ADMIN: u8 = 0;

fn fresh(f: impl FnOnce(MembershipData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        f(MembershipData::new(account(ADMIN)));
        Ok(())
    })
    .expect("off-chain test environment");
}

#[test]
fn a_batch_admits_each_new_account_once_and_skips_members() {
    fresh(|mut m| {
        let (admin, user) = (account(ADMIN), StakeholderClass::User);
        m.admit(admin, 1, account(1), user).unwrap();
        let events = m
            .admit_many(
                admin,
                2,
                vec![
                    (account(1), user),
                    (account(2), StakeholderClass::Worker),
                    (account(3), user),
                    (account(2), user),
                ],
            )
            .unwrap();
        let admitted: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                MembershipEvent::Admitted(a) => Some((a.member, a.class)),
                _ => None,
            })
            .collect();
        assert_eq!(
            admitted,
            vec![(account(2), StakeholderClass::Worker), (account(3), user)],
            "the member and the repeat are skipped"
        );
        assert_eq!(m.member_count(), 3);
        assert_eq!(
            m.member_count_at(1),
            1,
            "the history moves at the batch's block"
        );
        assert!(m.is_member_at(account(3), 2));
    });
}

#[test]
fn an_empty_oversized_or_strangers_batch_is_refused_and_changes_nothing() {
    use crate::data::MAX_ADMIT_BATCH;
    fresh(|mut m| {
        let user = StakeholderClass::User;
        assert_eq!(
            m.admit_many(account(9), 1, vec![(account(1), user)]),
            Err(Error::NotAdmin)
        );
        assert_eq!(
            m.admit_many(account(ADMIN), 1, vec![]),
            Err(Error::EmptyBatch)
        );
        let too_many: Vec<_> = (0..=MAX_ADMIT_BATCH)
            .map(|i| (AccountId::from([u8::try_from(i + 1).unwrap(); 32]), user))
            .collect();
        assert_eq!(
            m.admit_many(account(ADMIN), 1, too_many),
            Err(Error::BatchTooLarge)
        );
        assert_eq!(m.member_count(), 0);
        assert!(!m.is_member(account(1)));
    });
}

#[test]
fn only_the_admin_admits_and_a_refusal_changes_nothing() {
    fresh(|mut m| {
        let stranger = account(9);
        assert_eq!(
            m.admit(stranger, 1, account(1), StakeholderClass::User),
            Err(Error::NotAdmin)
        );
        assert!(!m.is_member(account(1)));
        assert_eq!(m.member_count(), 0);

        let events = m
            .admit(account(ADMIN), 1, account(1), StakeholderClass::Worker)
            .unwrap();
        assert_eq!(
            events,
            vec![MembershipEvent::Admitted(Admitted {
                member: account(1),
                class: StakeholderClass::Worker,
                by: account(ADMIN),
            })]
        );
        assert_eq!(
            m.member(account(1)).map(|i| i.class),
            Some(StakeholderClass::Worker)
        );
        assert_eq!(
            m.admit(account(ADMIN), 2, account(1), StakeholderClass::User),
            Err(Error::AlreadyMember)
        );
        assert_eq!(m.member_count(), 1);
    });
}

#[test]
fn leaving_a_household_waits_out_the_longest_voting_window() {
    fresh(|mut m| {
        for n in 1..=3 {
            m.admit(account(ADMIN), 1, account(n), StakeholderClass::User)
                .unwrap();
        }
        m.set_household_delay(account(ADMIN), 10).unwrap();
        assert_eq!(m.set_household_delay(account(1), 0), Err(Error::NotAdmin));
        let (h, _) = m.create_household(account(1), 2).unwrap();
        m.invite_to_household(account(1), 2, account(2)).unwrap();
        m.join_household(account(2), 2, h).unwrap();
        // 2 asks to leave at block 5: it stays in the household until block 15.
        let events = m.leave_household(account(2), 5).unwrap();
        assert_eq!(
            events,
            vec![MembershipEvent::HouseholdLeaving(HouseholdLeaving {
                household: h,
                member: account(2),
                effective_at: 15,
            })]
        );
        assert_eq!(m.leave_household(account(2), 6), Err(Error::AlreadyLeaving));
        assert_eq!(m.household_of_at(account(2), 14), Some(h));
        assert_eq!(
            m.complete_household_exit(14, account(2)),
            Err(Error::ExitNotDue)
        );
        assert_eq!(
            m.complete_household_exit(15, account(3)),
            Err(Error::NotLeaving)
        );
        m.complete_household_exit(15, account(2)).unwrap();
        assert_eq!(m.household_of_at(account(2), 15), None);
        assert_eq!(
            m.household_of_at(account(2), 14),
            Some(h),
            "the past is kept"
        );
        assert_eq!(m.leaving_at(account(2)), None);
    });
}

#[test]
fn invitations_lapse_and_a_household_can_ask_a_member_to_leave() {
    fresh(|mut m| {
        for n in 1..=4 {
            m.admit(account(ADMIN), 1, account(n), StakeholderClass::User)
                .unwrap();
        }
        let (h, _) = m.create_household(account(1), 2).unwrap();
        // An invitation lapses after INVITATION_LIFETIME blocks, and can then be renewed.
        m.invite_to_household(account(1), 2, account(2)).unwrap();
        let lapsed = 2 + INVITATION_LIFETIME;
        assert!(m.has_invitation(h, account(2), lapsed - 1));
        assert!(
            !m.has_invitation(h, account(2), lapsed),
            "a lapsed invitation reads as none"
        );
        assert_eq!(
            m.join_household(account(2), lapsed, h),
            Err(Error::InvitationExpired)
        );
        m.invite_to_household(account(1), lapsed, account(2))
            .unwrap();
        m.join_household(account(2), lapsed, h).unwrap();
        // An invitation whose inviter left the household no longer holds.
        m.invite_to_household(account(2), lapsed, account(3))
            .unwrap();
        m.leave_household(account(2), lapsed + 1).unwrap();
        assert_eq!(
            m.join_household(account(3), lapsed + 2, h),
            Err(Error::InviterLeft)
        );
        assert!(
            !m.has_invitation(h, account(3), lapsed + 2),
            "nor one whose inviter left"
        );
        // A member asks another of its household to leave: the same delayed exit.
        m.invite_to_household(account(1), lapsed + 2, account(4))
            .unwrap();
        m.join_household(account(4), lapsed + 2, h).unwrap();
        assert_eq!(
            m.remove_from_household(account(3), lapsed + 3, account(4)),
            Err(Error::NotInHousehold)
        );
        m.remove_from_household(account(1), lapsed + 3, account(4))
            .unwrap();
        assert_eq!(m.household_of(account(4)), None, "no delay set: at once");
        assert_eq!(
            m.remove_from_household(account(1), lapsed + 4, account(4)),
            Err(Error::NotInYourHousehold)
        );
    });
}

#[test]
fn governance_places_a_family_that_would_rather_not_declare_itself() {
    fresh(|mut m| {
        for n in 1..=3 {
            m.admit(account(ADMIN), 1, account(n), StakeholderClass::User)
                .unwrap();
        }
        assert_eq!(
            m.place_in_household(account(1), 2, account(1), None)
                .map(|_| ()),
            Err(Error::NotAdmin)
        );
        let (h, _) = m
            .place_in_household(account(ADMIN), 2, account(1), None)
            .unwrap();
        let (same, _) = m
            .place_in_household(account(ADMIN), 2, account(2), Some(h))
            .unwrap();
        assert_eq!(same, h);
        assert_eq!(m.household(h).map(|i| i.members), Some(2));
        assert_eq!(
            m.place_in_household(account(ADMIN), 2, account(2), Some(h))
                .map(|_| ()),
            Err(Error::AlreadyInHousehold)
        );
        assert_eq!(
            m.place_in_household(account(ADMIN), 2, account(9), Some(h))
                .map(|_| ()),
            Err(Error::NotMember)
        );
        assert_eq!(
            m.place_in_household(account(ADMIN), 2, account(3), Some(99))
                .map(|_| ()),
            Err(Error::UnknownHousehold)
        );
        // Moving a member out of a household by decision is immediate.
        let (other, _) = m
            .place_in_household(account(ADMIN), 3, account(2), None)
            .unwrap();
        assert_eq!(m.household_of_at(account(2), 3), Some(other));
        assert_eq!(m.household(h).map(|i| i.members), Some(1));
    });
}

#[test]
fn households_need_an_invitation_and_hold_one_household_per_member() {
    fresh(|mut m| {
        for n in 1..=3 {
            m.admit(account(ADMIN), 1, account(n), StakeholderClass::User)
                .unwrap();
        }
        let (h, _) = m.create_household(account(1), 2).unwrap();
        assert_eq!(m.join_household(account(2), 2, h), Err(Error::NotInvited));
        assert_eq!(
            m.join_household(account(2), 2, h + 1),
            Err(Error::UnknownHousehold)
        );
        assert_eq!(
            m.invite_to_household(account(2), 2, account(3)),
            Err(Error::NotInHousehold)
        );

        m.invite_to_household(account(1), 2, account(2)).unwrap();
        assert_eq!(
            m.invite_to_household(account(1), 2, account(2)),
            Err(Error::AlreadyInvited)
        );
        let events = m.join_household(account(2), 3, h).unwrap();
        assert_eq!(
            events,
            vec![MembershipEvent::HouseholdJoined(HouseholdJoined {
                household: h,
                member: account(2)
            })]
        );
        assert_eq!(m.household(h).map(|i| i.members), Some(2));
        assert!(
            !m.has_invitation(h, account(2), 3),
            "an invitation is used once"
        );
        assert_eq!(
            m.create_household(account(2), 3).map(|_| ()),
            Err(Error::AlreadyInHousehold)
        );

        // Removal takes the member out of its household, at the same block.
        let events = m.remove(account(ADMIN), 5, account(2)).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(m.household(h).map(|i| i.members), Some(1));
        assert_eq!(m.household_of_at(account(2), 4), Some(h));
        assert_eq!(m.household_of_at(account(2), 5), None);
        assert!(m.is_member_at(account(2), 4));
        assert!(!m.is_member_at(account(2), 5));
    });
}

#[test]
fn a_household_holds_at_most_sixteen_members() {
    fresh(|mut m| {
        for n in 1..=17 {
            m.admit(account(ADMIN), 1, account(n), StakeholderClass::User)
                .unwrap();
        }
        let (h, _) = m.create_household(account(1), 1).unwrap();
        for n in 2..=16 {
            m.invite_to_household(account(1), 1, account(n)).unwrap();
            m.join_household(account(n), 1, h).unwrap();
        }
        m.invite_to_household(account(1), 1, account(17)).unwrap();
        assert_eq!(
            m.join_household(account(17), 1, h),
            Err(Error::HouseholdFull)
        );
        assert_eq!(m.household(h).map(|i| i.members), Some(16));
    });
}

#[test]
fn self_exit_and_admin_handover() {
    fresh(|mut m| {
        m.admit(account(ADMIN), 1, account(1), StakeholderClass::Supporter)
            .unwrap();
        assert_eq!(m.leave(account(2), 2), Err(Error::CallerNotMember));
        assert_eq!(
            m.leave(account(1), 3).unwrap(),
            vec![MembershipEvent::Left(Left { member: account(1) })]
        );
        assert_eq!(m.member_count_at(2), 1);
        assert_eq!(m.member_count_at(3), 0);

        assert_eq!(m.set_admin(account(1), account(1)), Err(Error::NotAdmin));
        m.set_admin(account(ADMIN), account(7)).unwrap();
        assert_eq!(m.admin(), account(7));
        assert_eq!(
            m.admit(account(ADMIN), 4, account(1), StakeholderClass::User),
            Err(Error::NotAdmin)
        );
    });
}

// ----- property test against a naive model -----

#[derive(Debug, Clone)]
enum Op {
    Admit(u8, u8),
    Remove(u8, u8),
    Leave(u8),
    SetClass(u8, u8),
    CreateHousehold(u8),
    Invite(u8, u8),
    Join(u8, HouseholdId),
    LeaveHousehold(u8),
    NextBlocks(u32),
}

fn op() -> impl Strategy<Value = Op> {
    // Account 0 is the admin; actors 0..6 so strangers and members both act.
    let who = 0u8..6;
    prop_oneof![
        3 => (Just(ADMIN), who.clone()).prop_map(|(a, t)| Op::Admit(a, t)),
        1 => (who.clone(), who.clone()).prop_map(|(a, t)| Op::Admit(a, t)),
        1 => (prop_oneof![Just(ADMIN), who.clone()], who.clone()).prop_map(|(a, t)| Op::Remove(a, t)),
        1 => who.clone().prop_map(Op::Leave),
        1 => (who.clone(), who.clone()).prop_map(|(a, t)| Op::SetClass(a, t)),
        2 => who.clone().prop_map(Op::CreateHousehold),
        2 => (who.clone(), who.clone()).prop_map(|(a, t)| Op::Invite(a, t)),
        2 => (who.clone(), 0u32..5).prop_map(|(a, h)| Op::Join(a, h)),
        1 => who.clone().prop_map(Op::LeaveHousehold),
        2 => (1u32..4).prop_map(Op::NextBlocks),
    ]
}

/// The naive model: plain collections, and a full copy of the state for every block.
#[derive(Default, Clone)]
struct Model {
    members: BTreeSet<u8>,
    household_of: BTreeMap<u8, HouseholdId>,
    household_sizes: BTreeMap<HouseholdId, u32>,
    /// `(household, invitee) -> inviter`.
    invitations: BTreeMap<(HouseholdId, u8), u8>,
    next_household: HouseholdId,
}

impl Model {
    fn apply(&mut self, op: &Op) -> Result<(), Error> {
        let member = |m: &Model, a: u8| m.members.contains(&a);
        match *op {
            Op::Admit(by, who) => {
                if by != ADMIN {
                    return Err(Error::NotAdmin);
                }
                if !self.members.insert(who) {
                    return Err(Error::AlreadyMember);
                }
            }
            Op::Remove(by, who) => {
                if by != ADMIN {
                    return Err(Error::NotAdmin);
                }
                if !member(self, who) {
                    return Err(Error::NotMember);
                }
                self.end(who);
            }
            Op::Leave(who) => {
                if !member(self, who) {
                    return Err(Error::CallerNotMember);
                }
                self.end(who);
            }
            Op::SetClass(by, who) => {
                if by != ADMIN {
                    return Err(Error::NotAdmin);
                }
                if !member(self, who) {
                    return Err(Error::NotMember);
                }
            }
            Op::CreateHousehold(who) => {
                if !member(self, who) {
                    return Err(Error::CallerNotMember);
                }
                if self.household_of.contains_key(&who) {
                    return Err(Error::AlreadyInHousehold);
                }
                self.next_household += 1;
                self.household_of.insert(who, self.next_household);
                self.household_sizes.insert(self.next_household, 1);
            }
            Op::Invite(by, who) => {
                if !member(self, by) {
                    return Err(Error::CallerNotMember);
                }
                let h = *self.household_of.get(&by).ok_or(Error::NotInHousehold)?;
                if !member(self, who) {
                    return Err(Error::NotMember);
                }
                if self.household_of.get(&who) == Some(&h) {
                    return Err(Error::AlreadyInHousehold);
                }
                // An invitation whose inviter left the household may be renewed (the histories
                // here are far shorter than an invitation's lifetime).
                if let Some(inviter) = self.invitations.get(&(h, who)) {
                    if self.household_of.get(inviter) == Some(&h) {
                        return Err(Error::AlreadyInvited);
                    }
                }
                self.invitations.insert((h, who), by);
            }
            Op::Join(who, h) => {
                if !member(self, who) {
                    return Err(Error::CallerNotMember);
                }
                if self.household_of.contains_key(&who) {
                    return Err(Error::AlreadyInHousehold);
                }
                if !self.household_sizes.contains_key(&h) {
                    return Err(Error::UnknownHousehold);
                }
                let inviter = *self.invitations.get(&(h, who)).ok_or(Error::NotInvited)?;
                if self.household_of.get(&inviter) != Some(&h) {
                    return Err(Error::InviterLeft);
                }
                self.invitations.remove(&(h, who));
                self.household_of.insert(who, h);
                *self.household_sizes.entry(h).or_default() += 1;
            }
            Op::LeaveHousehold(who) => {
                if !member(self, who) {
                    return Err(Error::CallerNotMember);
                }
                let h = self
                    .household_of
                    .remove(&who)
                    .ok_or(Error::NotInHousehold)?;
                *self.household_sizes.entry(h).or_default() -= 1;
            }
            Op::NextBlocks(_) => {}
        }
        Ok(())
    }

    fn end(&mut self, who: u8) {
        self.members.remove(&who);
        if let Some(h) = self.household_of.remove(&who) {
            *self.household_sizes.entry(h).or_default() -= 1;
        }
    }
}

fn apply_to_core(m: &mut MembershipData, op: &Op, now: BlockNumber) -> Result<(), Error> {
    match *op {
        Op::Admit(by, who) => m.admit(account(by), now, account(who), StakeholderClass::User),
        Op::Remove(by, who) => m.remove(account(by), now, account(who)),
        Op::Leave(who) => m.leave(account(who), now),
        Op::SetClass(by, who) => m.set_class(account(by), account(who), StakeholderClass::Investor),
        Op::CreateHousehold(who) => m.create_household(account(who), now).map(|(_, e)| e),
        Op::Invite(by, who) => m.invite_to_household(account(by), now, account(who)),
        Op::Join(who, h) => m.join_household(account(who), now, h),
        Op::LeaveHousehold(who) => m.leave_household(account(who), now),
        Op::NextBlocks(_) => Ok(Vec::new()),
    }
    .map(|_| ())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn checkpoint_queries_agree_with_a_naive_replay(ops in proptest::collection::vec(op(), 1..80)) {
        fresh(|mut core| {
            let mut model = Model::default();
            let mut now: BlockNumber = 1;
            // Model state at the end of each block.
            let mut by_block: BTreeMap<BlockNumber, Model> = BTreeMap::new();
            for op in &ops {
                if let Op::NextBlocks(n) = op {
                    by_block.insert(now, model.clone());
                    now += n;
                    continue;
                }
                let expected = model.apply(op);
                assert_eq!(apply_to_core(&mut core, op, now), expected, "{op:?} at block {now}");
            }
            by_block.insert(now, model.clone());

            for block in 0..=now + 1 {
                let state = by_block.range(..=block).next_back().map(|(_, s)| s.clone()).unwrap_or_default();
                assert_eq!(core.member_count_at(block), state.members.len() as u32, "count at {block}");
                for who in 0u8..6 {
                    assert_eq!(core.is_member_at(account(who), block), state.members.contains(&who));
                    assert_eq!(core.household_of_at(account(who), block), state.household_of.get(&who).copied());
                }
            }
            for (h, size) in &model.household_sizes {
                assert_eq!(core.household(*h).map(|i| i.members), Some(*size));
            }
            for who in 0u8..6 {
                assert_eq!(core.is_member(account(who)), model.members.contains(&who));
            }
        });
    }
}
