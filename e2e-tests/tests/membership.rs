//! membership on the real Wasm, in an in-process pallet-contracts runtime.

use ink_sandbox::AccountId32;
use membership::{
    events::{Admitted, HouseholdCreated, HouseholdJoined, HouseholdLeft, Left, Removed},
    Error, HouseholdInfo, StakeholderClass,
};
use usos_e2e_tests::{id, Coop};

type Done = Result<(), Error>;

fn coop() -> Coop {
    Coop::new()
}

/// Membership-specific helpers on the shared fixture.
trait MembershipCalls {
    fn admit_as(&mut self, who: &AccountId32, class: StakeholderClass);
    fn is_member(&mut self, who: &AccountId32) -> bool;
    fn count(&mut self) -> u32;
}

impl MembershipCalls for Coop {
    fn admit_as(&mut self, who: &AccountId32, class: StakeholderClass) {
        let admin = self.admin.clone();
        let out = self
            .chain
            .call::<Done>(&self.membership, &admin, "admit", (id(who), class));
        assert_eq!(out.value, Ok(()));
    }

    fn is_member(&mut self, who: &AccountId32) -> bool {
        self.chain.query(&self.membership, "is_member", id(who))
    }

    fn count(&mut self) -> u32 {
        self.chain.query(&self.membership, "member_count", ())
    }
}

#[test]
fn the_admin_admits_a_member_with_an_event() {
    let mut c = coop();
    let alice = c.chain.account("alice");
    let admin = c.admin.clone();
    let out = c.chain.call::<Done>(
        &c.membership,
        &admin,
        "admit",
        (id(&alice), StakeholderClass::Worker),
    );
    assert_eq!(out.value, Ok(()));
    assert!(!out.reverted);
    assert_eq!(
        out.events_of::<Admitted>(),
        vec![Admitted {
            member: id(&alice),
            class: StakeholderClass::Worker,
            by: id(&admin)
        }]
    );
    assert!(c.is_member(&alice));
    assert_eq!(c.count(), 1);
    let info: Option<membership::MemberInfo> = c.chain.query(&c.membership, "member", id(&alice));
    assert_eq!(info.map(|i| i.class), Some(StakeholderClass::Worker));
}

#[test]
fn a_stranger_cannot_admit_remove_or_take_over_and_nothing_changes() {
    let mut c = coop();
    let alice = c.chain.account("alice");
    let mallory = c.chain.account("mallory");
    c.admit_as(&alice, StakeholderClass::User);

    let out = c.chain.call::<Done>(
        &c.membership,
        &mallory,
        "admit",
        (id(&mallory), StakeholderClass::Investor),
    );
    assert_eq!(out.value, Err(Error::NotAdmin));
    assert!(out.reverted);
    assert!(out.events.is_empty());
    assert!(!c.is_member(&mallory));
    assert_eq!(c.count(), 1);

    let out = c
        .chain
        .call::<Done>(&c.membership, &mallory, "remove", id(&alice));
    assert_eq!(out.value, Err(Error::NotAdmin));
    assert!(c.is_member(&alice));

    let out = c
        .chain
        .call::<Done>(&c.membership, &mallory, "set_admin", id(&mallory));
    assert_eq!(out.value, Err(Error::NotAdmin));
    let admin: ink::primitives::AccountId = c.chain.query(&c.membership, "admin", ());
    assert_eq!(admin, id(&c.admin));

    let out = c.chain.call::<Done>(
        &c.membership,
        &mallory,
        "set_code",
        ink::primitives::Hash::from([7; 32]),
    );
    assert_eq!(out.value, Err(Error::NotAdmin));
}

#[test]
fn membership_is_soulbound() {
    let mut c = coop();
    let alice = c.chain.account("alice");
    let bob = c.chain.account("bob");
    c.admit_as(&alice, StakeholderClass::User);
    let out = c
        .chain
        .call::<Done>(&c.membership, &alice, "transfer", id(&bob));
    assert_eq!(out.value, Err(Error::Soulbound));
    assert!(c.is_member(&alice));
    assert!(!c.is_member(&bob));
}

#[test]
fn households_are_joined_by_invitation_only() {
    let mut c = coop();
    let [alice, bob, carol] = ["alice", "bob", "carol"].map(|n| c.chain.account(n));
    for who in [&alice, &bob, &carol] {
        c.admit_as(who, StakeholderClass::User);
    }
    let out = c
        .chain
        .call::<Result<u32, Error>>(&c.membership, &alice, "create_household", ());
    let household = out.value.expect("alice founds a household");
    assert_eq!(
        out.events_of::<HouseholdCreated>(),
        vec![HouseholdCreated {
            household,
            founder: id(&alice)
        }]
    );

    let out = c
        .chain
        .call::<Done>(&c.membership, &bob, "join_household", household);
    assert_eq!(out.value, Err(Error::NotInvited));

    let out = c
        .chain
        .call::<Done>(&c.membership, &alice, "invite_to_household", id(&bob));
    assert_eq!(out.value, Ok(()));
    let out = c
        .chain
        .call::<Done>(&c.membership, &bob, "join_household", household);
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        out.events_of::<HouseholdJoined>(),
        vec![HouseholdJoined {
            household,
            member: id(&bob)
        }]
    );
    let of_bob: Option<u32> = c.chain.query(&c.membership, "household_of", id(&bob));
    assert_eq!(of_bob, Some(household));
    let info: Option<HouseholdInfo> = c.chain.query(&c.membership, "household", household);
    assert_eq!(info.map(|h| (h.founder, h.members)), Some((id(&alice), 2)));

    // One household per member: bob cannot found another while in alice's.
    let out = c
        .chain
        .call::<Result<u32, Error>>(&c.membership, &bob, "create_household", ());
    assert_eq!(out.value, Err(Error::AlreadyInHousehold));

    let out = c
        .chain
        .call::<Done>(&c.membership, &bob, "leave_household", ());
    assert_eq!(
        out.events_of::<HouseholdLeft>(),
        vec![HouseholdLeft {
            household,
            member: id(&bob)
        }]
    );
    let info: Option<HouseholdInfo> = c.chain.query(&c.membership, "household", household);
    assert_eq!(info.map(|h| h.members), Some(1));
}

#[test]
fn past_blocks_answer_with_the_state_they_had() {
    let mut c = coop();
    let [alice, bob] = ["alice", "bob"].map(|n| c.chain.account(n));
    let start = c.chain.block();
    c.admit_as(&alice, StakeholderClass::User);
    c.chain
        .call::<Result<u32, Error>>(&c.membership, &alice, "create_household", ());
    let joined = c.chain.advance(3);
    c.admit_as(&bob, StakeholderClass::Supporter);
    let removed = c.chain.advance(4);
    let admin = c.admin.clone();
    let out = c
        .chain
        .call::<Done>(&c.membership, &admin, "remove", id(&alice));
    assert_eq!(
        out.events_of::<Removed>(),
        vec![Removed {
            member: id(&alice),
            by: id(&admin)
        }]
    );
    assert_eq!(
        out.events_of::<HouseholdLeft>().len(),
        1,
        "removal leaves the household too"
    );
    c.chain.advance(2);

    let at = |c: &mut Coop, who: &AccountId32, block: u32| -> (bool, Option<u32>) {
        let member = c.chain.query(
            &c.membership,
            "MembershipView::is_member_at",
            (id(who), block),
        );
        let household = c.chain.query(
            &c.membership,
            "MembershipView::household_of_at",
            (id(who), block),
        );
        (member, household)
    };
    let count_at = |c: &mut Coop, block: u32| -> u32 {
        c.chain
            .query(&c.membership, "MembershipView::member_count_at", block)
    };
    assert_eq!(at(&mut c, &alice, start - 1), (false, None));
    assert_eq!(at(&mut c, &alice, start), (true, Some(1)));
    assert_eq!(at(&mut c, &alice, removed - 1), (true, Some(1)));
    assert_eq!(at(&mut c, &alice, removed), (false, None));
    assert_eq!(at(&mut c, &bob, joined - 1), (false, None));
    assert_eq!(at(&mut c, &bob, joined), (true, None));
    assert_eq!(count_at(&mut c, start - 1), 0);
    assert_eq!(count_at(&mut c, start), 1);
    assert_eq!(count_at(&mut c, joined), 2);
    assert_eq!(count_at(&mut c, removed), 1);
    assert_eq!(c.count(), 1);
}

#[test]
fn a_member_can_leave_by_itself() {
    let mut c = coop();
    let carol = c.chain.account("carol");
    c.admit_as(&carol, StakeholderClass::Investor);
    let out = c.chain.call::<Done>(&c.membership, &carol, "leave", ());
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events_of::<Left>(), vec![Left { member: id(&carol) }]);
    assert!(!c.is_member(&carol));
    assert_eq!(c.count(), 0);
    let out = c.chain.call::<Done>(&c.membership, &carol, "leave", ());
    assert_eq!(out.value, Err(Error::CallerNotMember));
}

#[test]
fn a_listener_that_fails_reverts_the_change() {
    let mut c = coop();
    let governance = c.admin.clone();
    // An account that is no contract cannot take the notification.
    let nobody = c.chain.account("not-a-contract");
    let out = c.chain.call::<Done>(
        &c.membership,
        &governance,
        "set_listeners",
        vec![c.capital.id(), id(&nobody)],
    );
    assert_eq!(out.value, Ok(()));
    let alice = c.chain.account("alice");
    let out = c.chain.call::<Done>(
        &c.membership,
        &governance,
        "admit",
        (id(&alice), StakeholderClass::User),
    );
    assert_eq!(out.value, Err(Error::ListenerFailed));
    assert!(!c.is_member(&alice), "nothing changed");
    let out = c.chain.call::<Done>(
        &c.membership,
        &alice,
        "set_listeners",
        Vec::<ink::primitives::AccountId>::new(),
    );
    assert_eq!(out.value, Err(Error::NotAdmin));
}
