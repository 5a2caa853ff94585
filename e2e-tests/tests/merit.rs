//! merit on the real Wasm, beside the real membership contract.

use ink::primitives::Hash;
use ink_sandbox::AccountId32;
use merit::{
    events::{Attested, CredentialExpired, CredentialIssued, CredentialRevoked, NominationFailed},
    CategoryRules, Error, NominationKind, NominationStatus,
};
use usos_e2e_tests::{id, Coop, Outcome};
use usos_primitives::{BasisPoints, CategoryId};

type Done = Result<(), Error>;

const LIFETIME: u32 = 50;
const WINDOW: u32 = 10;

fn evidence(n: u8) -> Hash {
    Hash::from([n; 32])
}

/// Three approvals and half of the holders; levels 1/2/3 worth 1/2/4 points.
fn engineering() -> CategoryRules {
    CategoryRules {
        min_attestations: 3,
        min_holder_share: BasisPoints::new(5_000).unwrap(),
        revoke_majority: merit::DEFAULT_REVOKE_MAJORITY,
        window: WINDOW,
        level_points: vec![1, 2, 4],
        lifetime: Some(LIFETIME),
    }
}

struct Swarm {
    coop: Coop,
    category: CategoryId,
    holders: Vec<AccountId32>,
}

/// A cooperative whose "engineering" category was bootstrapped by governance with 5 holders.
fn swarm() -> Swarm {
    let mut coop = Coop::new();
    let governance = coop.admin.clone();
    let out = coop.chain.call::<Result<CategoryId, Error>>(
        &coop.merit,
        &governance,
        "create_category",
        (String::from("engineering"), engineering()),
    );
    let category = out.value.expect("governance creates a category");
    let holders: Vec<AccountId32> = (1..=5)
        .map(|i| coop.member(&format!("holder{i}")))
        .collect();
    for holder in &holders {
        let out = coop.chain.call::<Done>(
            &coop.merit,
            &governance,
            "grant",
            (id(holder), category, 1u8, evidence(1)),
        );
        assert_eq!(out.value, Ok(()));
        assert_eq!(out.events_of::<CredentialIssued>().len(), 1);
    }
    Swarm {
        coop,
        category,
        holders,
    }
}

impl Swarm {
    fn nominate(
        &mut self,
        by: &AccountId32,
        nominee: &AccountId32,
        kind: NominationKind,
    ) -> Outcome<Result<u64, Error>> {
        let category = self.category;
        self.coop.chain.call(
            &self.coop.merit,
            by,
            "nominate",
            (id(nominee), category, kind, evidence(2)),
        )
    }

    fn attest(&mut self, by: &AccountId32, nomination: u64, approve: bool) -> Outcome<Done> {
        self.coop
            .chain
            .call(&self.coop.merit, by, "attest", (nomination, approve))
    }

    fn merit_at(&mut self, who: &AccountId32, block: u32) -> u32 {
        let category = self.category;
        self.coop.chain.query(
            &self.coop.merit,
            "MeritView::merit_at",
            (id(who), category, block),
        )
    }

    fn total_at(&mut self, block: u32) -> u128 {
        let category = self.category;
        self.coop.chain.query(
            &self.coop.merit,
            "MeritView::category_total_at",
            (category, block),
        )
    }

    fn holders_at(&mut self, block: u32) -> u32 {
        let category = self.category;
        self.coop
            .chain
            .query(&self.coop.merit, "holders_at", (category, block))
    }
}

#[test]
fn a_new_category_is_bootstrapped_by_governance_only() {
    let mut coop = Coop::new();
    let governance = coop.admin.clone();
    let alice = coop.member("alice");
    let bob = coop.member("bob");
    let out = coop.chain.call::<Result<CategoryId, Error>>(
        &coop.merit,
        &alice,
        "create_category",
        (String::from("finance"), engineering()),
    );
    assert_eq!(out.value, Err(Error::NotAdmin));
    let category = coop
        .chain
        .call::<Result<CategoryId, Error>>(
            &coop.merit,
            &governance,
            "create_category",
            (String::from("finance"), engineering()),
        )
        .value
        .unwrap();
    // No holders yet: nobody could attest, so the swarm cannot start.
    let out = coop.chain.call::<Result<u64, Error>>(
        &coop.merit,
        &alice,
        "nominate",
        (id(&bob), category, NominationKind::Issue(1), evidence(2)),
    );
    assert_eq!(out.value, Err(Error::NoHolders));
    let out = coop.chain.call::<Done>(
        &coop.merit,
        &alice,
        "grant",
        (id(&bob), category, 1u8, evidence(1)),
    );
    assert_eq!(out.value, Err(Error::NotAdmin));
    let out = coop.chain.call::<Done>(
        &coop.merit,
        &governance,
        "grant",
        (id(&bob), category, 3u8, evidence(1)),
    );
    assert_eq!(out.value, Ok(()));
    let now = coop.chain.block();
    let points: u32 = coop.chain.query(
        &coop.merit,
        "MeritView::merit_at",
        (id(&bob), category, now),
    );
    assert_eq!(points, 4);
}

#[test]
fn a_swarm_of_five_holders_issues_a_sixth_credential() {
    let mut s = swarm();
    let newcomer = s.coop.member("newcomer");
    let [h1, h2, h3] = [0, 1, 2].map(|i| s.holders[i].clone());
    // The holders hold level 1: they attest a level-1 credential (a higher level needs
    // attesters of that level).
    let nomination = s
        .nominate(&h1, &newcomer, NominationKind::Issue(1))
        .value
        .unwrap();
    let n: Option<merit::Nomination> = s.coop.chain.query(&s.coop.merit, "nomination", nomination);
    assert_eq!(
        n.map(|n| n.required),
        Some(3),
        "max(3, half of 5 holders rounded up)"
    );

    assert_eq!(
        s.attest(&newcomer, nomination, true).value,
        Err(Error::SelfAttestation)
    );
    let out = s.attest(&h1, nomination, true);
    assert_eq!(
        out.events_of::<Attested>(),
        vec![Attested {
            nomination,
            attester: id(&h1),
            approve: true
        }]
    );
    assert_eq!(
        s.attest(&h1, nomination, true).value,
        Err(Error::AlreadyAttested)
    );
    s.attest(&h2, nomination, true);
    let before = s.coop.chain.block();
    assert_eq!(
        s.merit_at(&newcomer, before),
        0,
        "two approvals are not enough"
    );

    // The third approval of five decides: even if the other two rejected, 3 > 2.
    s.coop.chain.advance(1);
    let out = s.attest(&h3, nomination, true);
    let issued_at = s.coop.chain.block();
    assert_eq!(
        out.events_of::<CredentialIssued>(),
        vec![CredentialIssued {
            member: id(&newcomer),
            category: s.category,
            level: 1,
            points: 1,
            expires_at: Some(issued_at + LIFETIME),
            nomination: Some(nomination),
        }]
    );
    assert_eq!(s.merit_at(&newcomer, issued_at - 1), 0);
    assert_eq!(s.merit_at(&newcomer, issued_at), 1);
    assert_eq!(s.total_at(issued_at - 1), 5);
    assert_eq!(s.total_at(issued_at), 6);
    assert_eq!(s.holders_at(issued_at), 6);
    // A level above the holders' own finds no attester.
    let higher = s
        .nominate(&h1, &newcomer, NominationKind::Issue(3))
        .value
        .unwrap();
    assert_eq!(s.attest(&h2, higher, true).value, Err(Error::LevelTooLow));
}

#[test]
fn a_rejected_nomination_issues_nothing_and_a_stale_one_is_finalised() {
    let mut s = swarm();
    let [a, b] = ["candidate-a", "candidate-b"].map(|n| s.coop.member(n));
    let h = s.holders.clone();
    let rejected = s
        .nominate(&h[0], &a, NominationKind::Issue(1))
        .value
        .unwrap();
    s.attest(&h[1], rejected, false);
    s.attest(&h[2], rejected, true);
    s.attest(&h[3], rejected, false);
    let out = s.attest(&h[4], rejected, false);
    assert_eq!(
        out.events_of::<NominationFailed>(),
        vec![NominationFailed {
            nomination: rejected,
            rejected: true
        }]
    );
    assert_eq!(
        s.attest(&h[0], rejected, true).value,
        Err(Error::NominationClosed)
    );
    let now = s.coop.chain.block();
    assert_eq!(s.merit_at(&a, now), 0);

    let stale = s
        .nominate(&h[0], &b, NominationKind::Issue(1))
        .value
        .unwrap();
    s.attest(&h[1], stale, true);
    let finalise = |s: &mut Swarm| {
        s.coop
            .chain
            .call::<Done>(&s.coop.merit, &h[4], "finalise", stale)
    };
    assert_eq!(finalise(&mut s).value, Err(Error::WindowOpen));
    s.coop.chain.advance(WINDOW);
    assert_eq!(s.attest(&h[2], stale, true).value, Err(Error::WindowClosed));
    let out = finalise(&mut s);
    assert_eq!(
        out.events_of::<NominationFailed>(),
        vec![NominationFailed {
            nomination: stale,
            rejected: false
        }]
    );
    let n: Option<merit::Nomination> = s.coop.chain.query(&s.coop.merit, "nomination", stale);
    assert_eq!(n.map(|n| n.status), Some(NominationStatus::Expired));
}

#[test]
fn the_swarm_and_governance_can_revoke() {
    let mut s = swarm();
    let h = s.holders.clone();
    let governance = s.coop.admin.clone();
    let nomination = s
        .nominate(&h[0], &h[4], NominationKind::Revoke)
        .value
        .unwrap();
    for attester in &h[0..2] {
        s.attest(attester, nomination, true);
    }
    s.coop.chain.advance(1);
    let out = s.attest(&h[2], nomination, true);
    let revoked_at = s.coop.chain.block();
    assert_eq!(
        out.events_of::<CredentialRevoked>(),
        vec![CredentialRevoked {
            member: id(&h[4]),
            category: s.category,
            nomination: Some(nomination)
        }]
    );
    assert_eq!(s.merit_at(&h[4], revoked_at - 1), 1);
    assert_eq!(s.merit_at(&h[4], revoked_at), 0);
    assert_eq!(s.holders_at(revoked_at), 4);

    let category = s.category;
    let out = s
        .coop
        .chain
        .call::<Done>(&s.coop.merit, &h[0], "revoke", (id(&h[1]), category));
    assert_eq!(out.value, Err(Error::NotAdmin));
    let out =
        s.coop
            .chain
            .call::<Done>(&s.coop.merit, &governance, "revoke", (id(&h[1]), category));
    assert_eq!(out.value, Ok(()));
    let now = s.coop.chain.block();
    assert_eq!(s.holders_at(now), 3);
    assert_eq!(s.total_at(now), 3);
}

#[test]
fn credentials_stop_counting_at_their_expiry_block() {
    let mut s = swarm();
    let granted = s.coop.chain.block();
    let expiry = granted + LIFETIME;
    let holder = s.holders[0].clone();
    let category = s.category;
    s.coop.chain.advance(LIFETIME - 1);
    let out = s.coop.chain.call::<Done>(
        &s.coop.merit,
        &holder,
        "note_expiry",
        (id(&holder), category),
    );
    assert_eq!(out.value, Err(Error::NotExpired));
    s.coop.chain.advance(3);
    assert_eq!(s.total_at(expiry - 1), 5);
    assert_eq!(
        s.total_at(expiry),
        0,
        "every bootstrap credential expired at the same block"
    );
    assert_eq!(s.holders_at(expiry), 0);
    assert_eq!(s.merit_at(&holder, expiry - 1), 1);
    assert_eq!(s.merit_at(&holder, expiry), 0);
    let out = s.coop.chain.call::<Done>(
        &s.coop.merit,
        &holder,
        "note_expiry",
        (id(&holder), category),
    );
    assert_eq!(
        out.events_of::<CredentialExpired>(),
        vec![CredentialExpired {
            member: id(&holder),
            category,
            expired_at: expiry
        }]
    );
    // An expired holder no longer attests.
    let member = s.coop.member("member");
    let out = s.nominate(&holder, &member, NominationKind::Issue(1));
    assert_eq!(out.value, Err(Error::NoHolders));
}

#[test]
fn non_members_cannot_nominate_attest_or_be_nominated() {
    let mut s = swarm();
    let stranger = s.coop.chain.account("stranger");
    let h = s.holders.clone();
    let member = s.coop.member("member");
    assert_eq!(
        s.nominate(&stranger, &member, NominationKind::Issue(1))
            .value,
        Err(Error::CallerNotMember)
    );
    assert_eq!(
        s.nominate(&h[0], &stranger, NominationKind::Issue(1)).value,
        Err(Error::NomineeNotMember)
    );
    let nomination = s
        .nominate(&h[0], &member, NominationKind::Issue(1))
        .value
        .unwrap();
    assert_eq!(
        s.attest(&stranger, nomination, true).value,
        Err(Error::CallerNotMember)
    );
    assert_eq!(
        s.attest(&member, nomination, true).value,
        Err(Error::SelfAttestation)
    );
    // A holder who leaves the cooperative no longer attests.
    let out =
        s.coop
            .chain
            .call::<Result<(), membership::Error>>(&s.coop.membership, &h[1], "leave", ());
    assert_eq!(out.value, Ok(()));
    assert_eq!(
        s.attest(&h[1], nomination, true).value,
        Err(Error::CallerNotMember)
    );
}
