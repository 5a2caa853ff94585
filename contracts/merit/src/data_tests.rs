//! Host tests of the merit core: scenarios, and a property test replaying random histories
//! against a naive model that keeps every credential as an interval and scans them all, and
//! decides nominations by brute force over every way the rest of the electorate could attest.

use crate::{
    data::MeritData,
    errors::Error,
    events::*,
    swarm_tests::{model_verdict_at_close, model_verdict_early, ModelRule},
    types::*,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use usos_primitives::{AccountId, BasisPoints, BlockNumber, CategoryId, Hash};

const ADMIN: u8 = 0;
/// Accounts 1..=6 are members; 7 and 8 are not.
const NON_MEMBERS: [u8; 2] = [7, 8];

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn is_member(n: u8) -> bool {
    !NON_MEMBERS.contains(&n)
}

fn evidence() -> Hash {
    Hash::from([9; 32])
}

/// Category 1: 2 approvals and half the holders, revocations by two thirds, window 3, levels
/// 1/2/3, lifetime 6 blocks.
fn finance() -> CategoryRules {
    CategoryRules {
        min_attestations: 2,
        min_holder_share: BasisPoints::new(5_000).unwrap(),
        revoke_majority: DEFAULT_REVOKE_MAJORITY,
        window: 3,
        level_points: vec![1, 2, 3],
        lifetime: Some(6),
    }
}

/// Category 2: one approval, revocations by three quarters, window 2, a single level of 5
/// points, no expiry.
fn engineering() -> CategoryRules {
    CategoryRules {
        min_attestations: 1,
        min_holder_share: BasisPoints::ZERO,
        revoke_majority: BasisPoints::new(7_500).unwrap(),
        window: 2,
        level_points: vec![5],
        lifetime: None,
    }
}

fn fresh(f: impl FnOnce(MeritData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut m = MeritData::new(account(ADMIN));
        m.create_category(account(ADMIN), "finance".into(), finance())
            .unwrap();
        m.create_category(account(ADMIN), "engineering".into(), engineering())
            .unwrap();
        f(m);
        Ok(())
    })
    .expect("off-chain test environment");
}

fn grant(m: &mut MeritData, now: BlockNumber, who: u8, category: CategoryId, level: Level) {
    m.grant(
        account(ADMIN),
        now,
        true,
        account(who),
        category,
        level,
        evidence(),
    )
    .unwrap();
}

#[test]
fn a_swarm_of_holders_issues_a_credential() {
    fresh(|mut m| {
        for who in 1..=4 {
            grant(&mut m, 1, who, 1, 2);
        }
        // 4 holders, half of them => 2 approvals (= min_attestations).
        let (id, events) = m
            .nominate(
                account(1),
                2,
                true,
                true,
                account(5),
                1,
                NominationKind::Issue(2),
                evidence(),
            )
            .unwrap();
        assert_eq!(
            events,
            vec![MeritEvent::Nominated(Nominated {
                nomination: id,
                nominee: account(5),
                category: 1,
                kind: NominationKind::Issue(2),
                by: account(1),
                evidence: evidence(),
                required: 2,
                electorate: 4,
                closes_at: 5,
            })]
        );
        let n = m.nomination(id).unwrap();
        assert_eq!(
            (n.nominated_at, n.electorate, n.required, n.revoke_majority),
            (2, 4, 2, DEFAULT_REVOKE_MAJORITY)
        );
        assert_eq!(
            m.attest(account(5), 2, true, true, id, true),
            Err(Error::SelfAttestation)
        );
        assert_eq!(
            m.attest(account(6), 2, true, true, id, true),
            Err(Error::NotHolder)
        );
        m.attest(account(1), 2, true, true, id, true).unwrap();
        assert_eq!(
            m.attest(account(1), 2, true, true, id, true),
            Err(Error::AlreadyAttested)
        );
        // Two approvals would do if nobody else came; two rejections could still tie it.
        let events = m.attest(account(2), 2, true, true, id, true).unwrap();
        assert_eq!(events.len(), 1, "only the attestation: {events:?}");
        let events = m.attest(account(3), 3, true, true, id, true).unwrap();
        assert!(
            events.contains(&MeritEvent::CredentialIssued(CredentialIssued {
                member: account(5),
                category: 1,
                level: 2,
                points: 2,
                expires_at: Some(9),
                nomination: Some(id),
            }))
        );
        assert_eq!(m.merit_at(account(5), 1, 2), 0);
        assert_eq!(m.merit_at(account(5), 1, 3), 2);
        assert_eq!(m.category_total_at(1, 3), 4 * 2 + 2);
        assert_eq!(m.holders_at(1, 3), 5);
        assert_eq!(
            m.attest(account(4), 3, true, true, id, true),
            Err(Error::NominationClosed)
        );
    });
}

#[test]
fn a_level_above_the_attesters_own_is_refused_and_hopeless_nominations_too() {
    fresh(|mut m| {
        for who in 1..=3 {
            grant(&mut m, 1, who, 1, 2);
        }
        let nominate = |m: &mut MeritData, nominee: u8, kind| {
            m.nominate(
                account(1),
                2,
                true,
                true,
                account(nominee),
                1,
                kind,
                evidence(),
            )
            .map(|(id, _)| id)
        };
        let id = nominate(&mut m, 5, NominationKind::Issue(3)).unwrap();
        assert_eq!(
            m.attest(account(2), 2, true, true, id, true),
            Err(Error::LevelTooLow)
        );
        // 3 holders need 2 approvals; revoking one leaves 2 who may attest: still possible.
        assert!(nominate(&mut m, 3, NominationKind::Revoke).is_ok());
        // With a single holder left besides the nominee, it could never pass.
        m.revoke(account(ADMIN), 3, account(2), 1).unwrap();
        assert_eq!(
            m.nominate(
                account(1),
                3,
                true,
                true,
                account(3),
                1,
                NominationKind::Revoke,
                evidence()
            )
            .map(|(id, _)| id),
            Err(Error::TooFewHolders)
        );
    });
}

#[test]
fn expiry_stops_counting_at_its_block_and_can_be_noted() {
    fresh(|mut m| {
        grant(&mut m, 10, 1, 1, 1); // expires at 16
        grant(&mut m, 12, 2, 1, 3); // expires at 18
        assert_eq!(m.category_total_at(1, 15), 4);
        assert_eq!(m.category_total_at(1, 16), 3);
        assert_eq!(m.holders_at(1, 16), 1);
        assert_eq!(m.merit_at(account(1), 1, 16), 0);
        assert_eq!(m.category_total_at(1, 18), 0);
        assert_eq!(m.note_expiry(15, account(1), 1), Err(Error::NotExpired));
        let events = m.note_expiry(16, account(1), 1).unwrap();
        assert_eq!(
            events,
            vec![MeritEvent::CredentialExpired(CredentialExpired {
                member: account(1),
                category: 1,
                expired_at: 16
            })]
        );
    });
}

#[test]
fn a_member_who_leaves_holds_nothing_and_readmission_revives_nothing() {
    fresh(|mut m| {
        grant(&mut m, 1, 1, 1, 3); // finance, 3 points, expires at 7
        grant(&mut m, 1, 1, 2, 1); // engineering, 5 points, never expires
        grant(&mut m, 1, 2, 2, 1);
        let events = m.member_left(4, account(1)).unwrap();
        let lapsed: Vec<_> = events.iter().filter_map(MeritEvent::points_now).collect();
        assert_eq!(lapsed, vec![(account(1), 1, 0), (account(1), 2, 0)]);
        assert_eq!(
            m.merit_at(account(1), 2, 3),
            5,
            "history before the exit is kept"
        );
        assert_eq!(m.merit_at(account(1), 2, 4), 0);
        assert_eq!(
            m.category_total_at(2, 4),
            5,
            "only the other holder is left"
        );
        assert_eq!(m.credential_at_now(account(1), 2, 4), None);
        // Re-admitted later: nothing comes back, and a second exit has nothing to end.
        assert_eq!(m.merit_at(account(1), 2, 20), 0);
        assert_eq!(m.member_left(20, account(1)), Ok(Vec::new()));
        assert_eq!(
            m.revoke(account(ADMIN), 20, account(1), 2),
            Err(Error::NoCredential)
        );
    });
}

#[test]
fn a_nominee_who_left_during_the_window_gets_nothing() {
    fresh(|mut m| {
        for who in 1..=2 {
            grant(&mut m, 1, who, 2, 1);
        }
        let nominate = |m: &mut MeritData| {
            m.nominate(
                account(1),
                2,
                true,
                true,
                account(5),
                2,
                NominationKind::Issue(1),
                evidence(),
            )
            .map(|(id, _)| id)
            .unwrap()
        };
        // Decided early by the second approval, after the nominee left.
        let early = nominate(&mut m);
        m.attest(account(2), 3, true, false, early, true).unwrap();
        let events = m.attest(account(1), 3, true, false, early, true).unwrap();
        assert!(
            events.contains(&MeritEvent::NominationFailed(NominationFailed {
                nomination: early,
                rejected: false
            }))
        );
        assert_eq!(
            m.nomination(early).map(|n| n.status),
            Some(NominationStatus::NomineeLeft)
        );
        // Passed at the window's end, after the nominee left.
        let late = nominate(&mut m);
        m.attest(account(2), 3, true, true, late, true).unwrap();
        assert_eq!(m.finalise(3, false, late), Err(Error::WindowOpen));
        let events = m.finalise(4, false, late).unwrap();
        assert_eq!(
            events,
            vec![MeritEvent::NominationFailed(NominationFailed {
                nomination: late,
                rejected: false
            })]
        );
        assert_eq!(
            m.nomination(late).map(|n| n.status),
            Some(NominationStatus::NomineeLeft)
        );
        assert_eq!(m.merit_at(account(5), 2, 4), 0);
    });
}

#[test]
fn a_sweep_notes_expired_credentials_in_expiry_order_each_once() {
    fresh(|mut m| {
        grant(&mut m, 1, 1, 1, 1); // expires at 7
        grant(&mut m, 2, 2, 1, 1); // expires at 8
        grant(&mut m, 3, 3, 1, 1); // expires at 9
        m.revoke(account(ADMIN), 4, account(2), 1).unwrap();
        let (done, events) = m.sweep(6, 1, 10).unwrap();
        assert!(done && events.is_empty(), "nothing has expired yet");
        // At 9 all three have ended; 2's was revoked, so two are noted, one per call here.
        let (done, events) = m.sweep(9, 1, 1).unwrap();
        let noted: Vec<_> = events.iter().filter_map(MeritEvent::points_now).collect();
        assert_eq!((done, noted), (false, vec![(account(1), 1, 0)]));
        let (done, events) = m.sweep(9, 1, 10).unwrap();
        let noted: Vec<_> = events.iter().filter_map(MeritEvent::points_now).collect();
        assert_eq!((done, noted), (true, vec![(account(3), 1, 0)]));
        assert_eq!(m.sweep(9, 1, 10).map(|(d, e)| (d, e.len())), Ok((true, 0)));
        assert_eq!(m.note_expiry(9, account(3), 1), Err(Error::NoCredential));
        // An unknown category has nothing to sweep.
        assert_eq!(m.sweep(9, 42, 10).map(|(d, e)| (d, e.len())), Ok((true, 0)));
    });
}

#[test]
fn a_member_holds_credentials_in_at_most_sixteen_categories() {
    fresh(|mut m| {
        for i in 0..MAX_HELD {
            let (c, _) = m
                .create_category(account(ADMIN), format!("c{i}"), engineering())
                .unwrap();
            grant(&mut m, 1, 1, c, 1);
        }
        let (extra, _) = m
            .create_category(account(ADMIN), "extra".into(), engineering())
            .unwrap();
        assert_eq!(
            m.grant(account(ADMIN), 1, true, account(1), extra, 1, evidence()),
            Err(Error::TooManyCredentials)
        );
        assert_eq!(m.merit_at(account(1), extra, 1), 0);
        // A higher level in a category it already holds is still fine.
        grant(&mut m, 2, 1, 3, 1);
        let events = m.member_left(3, account(1)).unwrap();
        assert_eq!(events.len(), MAX_HELD);
    });
}

#[test]
fn rules_are_validated_and_lifetimes_only_grow() {
    fresh(|mut m| {
        let mut bad = finance();
        bad.level_points.clear();
        assert_eq!(
            m.set_rules(account(ADMIN), 1, bad),
            Err(Error::InvalidRules)
        );
        for majority in [0, 5_000] {
            let mut bad = finance();
            bad.revoke_majority = BasisPoints::new(majority).unwrap();
            assert_eq!(
                m.set_rules(account(ADMIN), 1, bad.clone()),
                Err(Error::InvalidRules)
            );
            assert_eq!(
                m.create_category(account(ADMIN), "bad".into(), bad)
                    .map(|(c, _)| c),
                Err(Error::InvalidRules)
            );
        }
        for majority in [5_001, 10_000] {
            let mut fine = finance();
            fine.revoke_majority = BasisPoints::new(majority).unwrap();
            assert!(m.set_rules(account(ADMIN), 1, fine).is_ok());
        }
        let mut shorter = finance();
        shorter.lifetime = Some(5);
        assert_eq!(
            m.set_rules(account(ADMIN), 1, shorter),
            Err(Error::LifetimeShortened)
        );
        let mut expiring = engineering();
        expiring.lifetime = Some(100);
        assert_eq!(
            m.set_rules(account(ADMIN), 2, expiring),
            Err(Error::LifetimeShortened)
        );
        assert_eq!(m.set_rules(account(3), 1, finance()), Err(Error::NotAdmin));
        assert_eq!(
            m.create_category(account(ADMIN), "x".repeat(33), finance())
                .map(|(c, _)| c),
            Err(Error::NameTooLong)
        );
        let mut longer = finance();
        longer.lifetime = None;
        assert!(m.set_rules(account(ADMIN), 1, longer).is_ok());
    });
}

#[test]
fn nominations_need_members_holders_and_a_known_category() {
    fresh(|mut m| {
        let nominate = |m: &mut MeritData, by_member: bool, nominee_member: bool, category| {
            m.nominate(
                account(1),
                1,
                by_member,
                nominee_member,
                account(2),
                category,
                NominationKind::Issue(1),
                evidence(),
            )
            .map(|(id, _)| id)
        };
        assert_eq!(
            nominate(&mut m, false, true, 1),
            Err(Error::CallerNotMember)
        );
        assert_eq!(
            nominate(&mut m, true, false, 1),
            Err(Error::NomineeNotMember)
        );
        assert_eq!(nominate(&mut m, true, true, 9), Err(Error::UnknownCategory));
        assert_eq!(nominate(&mut m, true, true, 1), Err(Error::NoHolders));
        let revoke = m.nominate(
            account(1),
            1,
            true,
            true,
            account(2),
            1,
            NominationKind::Revoke,
            evidence(),
        );
        assert_eq!(revoke.map(|(id, _)| id), Err(Error::NoCredential));
    });
}

// ----- property test against a naive model -----

#[derive(Debug, Clone)]
enum Op {
    Grant(u8, CategoryId, Level),
    Revoke(u8, CategoryId),
    Nominate(u8, u8, CategoryId, Option<Level>),
    Attest(u8, usize, bool),
    Finalise(usize),
    NoteExpiry(u8, CategoryId),
    /// The member leaves the cooperative (membership reports it).
    Leave(u8),
    /// A former member is admitted again.
    Rejoin(u8),
    Sweep(CategoryId, u32),
    Next(u32),
}

fn op() -> impl Strategy<Value = Op> {
    // Mostly valid operations, with a minority of strangers, unknown categories and bad levels.
    let who = prop_oneof![6 => 1u8..=6, 1 => 7u8..=8];
    let category = prop_oneof![8 => 1u32..=2, 1 => Just(3u32)];
    let level = prop_oneof![8 => 1u8..=3, 1 => Just(0u8)];
    // Attesters are mostly the bootstrap holders.
    let attester = prop_oneof![6 => 1u8..=4, 2 => 5u8..=6, 1 => 7u8..=8];
    prop_oneof![
        2 => (who.clone(), category.clone(), level.clone()).prop_map(|(w, c, l)| Op::Grant(w, c, l)),
        1 => (who.clone(), category.clone()).prop_map(|(w, c)| Op::Revoke(w, c)),
        4 => (who.clone(), who.clone(), category.clone(), prop::option::weighted(0.8, level))
            .prop_map(|(b, n, c, l)| Op::Nominate(b, n, c, l)),
        12 => (attester, 0usize..4, prop::bool::weighted(0.7)).prop_map(|(w, i, a)| Op::Attest(w, i, a)),
        2 => (0usize..4).prop_map(Op::Finalise),
        1 => (who.clone(), category.clone()).prop_map(|(w, c)| Op::NoteExpiry(w, c)),
        1 => (1u8..=6).prop_map(Op::Leave),
        1 => (1u8..=6).prop_map(Op::Rejoin),
        2 => (category.clone(), 0u32..4).prop_map(|(c, l)| Op::Sweep(c, l)),
        2 => (1u32..4).prop_map(Op::Next),
    ]
}

/// Every history starts from four holders per category, granted by the admin.
fn bootstrap() -> Vec<Op> {
    (1..=4)
        .flat_map(|w| [Op::Grant(w, 1, 1 + w % 3), Op::Grant(w, 2, 1)])
        .collect()
}

#[derive(Debug, Clone)]
struct Interval {
    who: u8,
    category: CategoryId,
    level: Level,
    points: Points,
    start: BlockNumber,
    end: u64,
    /// Its expiry when issued (a revocation moves `end`, not this).
    expires: u64,
}

#[derive(Debug, Clone)]
struct NominationModel {
    id: NominationId,
    revoke: bool,
    level: Level,
    nominee: u8,
    category: CategoryId,
    closes_at: BlockNumber,
    /// Credentials issued before it (in any category: `intervals.len()` then); only those attest.
    issued_before: usize,
    electorate: u32,
    rule: ModelRule,
    approvals: u32,
    rejections: u32,
    status: NominationStatus,
    attesters: BTreeSet<u8>,
}

struct Model {
    intervals: Vec<Interval>,
    /// Index into `intervals` of each (member, category)'s latest credential, until noted expired.
    slot: BTreeMap<(u8, CategoryId), usize>,
    nominations: Vec<NominationModel>,
    /// Who is a member now (1..=6 at first; 7 and 8 never).
    members: BTreeSet<u8>,
    /// Expired credentials noted so far (by `note_expiry`, a sweep or an exit), as indices.
    noted: BTreeSet<usize>,
    /// Per category, how many of its credentials (in issue order) sweeps have passed.
    swept: BTreeMap<CategoryId, usize>,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            intervals: Vec::new(),
            slot: BTreeMap::new(),
            nominations: Vec::new(),
            members: (1..=6).filter(|n| is_member(*n)).collect(),
            noted: BTreeSet::new(),
            swept: BTreeMap::new(),
        }
    }
}

fn rules(category: CategoryId) -> Option<CategoryRules> {
    match category {
        1 => Some(finance()),
        2 => Some(engineering()),
        _ => None,
    }
}

impl Model {
    fn member(&self, who: u8) -> bool {
        self.members.contains(&who)
    }

    fn live(&self, who: u8, category: CategoryId, now: BlockNumber) -> Option<usize> {
        self.slot
            .get(&(who, category))
            .copied()
            .filter(|i| u64::from(now) < self.intervals[*i].end)
    }

    fn holders(&self, category: CategoryId, now: BlockNumber) -> u32 {
        let live =
            |i: &Interval| i.category == category && i.start <= now && u64::from(now) < i.end;
        self.intervals.iter().filter(|i| live(i)).count() as u32
    }

    fn issue(
        &mut self,
        who: u8,
        category: CategoryId,
        level: Level,
        now: BlockNumber,
    ) -> Result<(), Error> {
        let r = rules(category).ok_or(Error::UnknownCategory)?;
        let points = *r
            .level_points
            .get(usize::from(level).wrapping_sub(1))
            .ok_or(Error::InvalidLevel)?;
        if let Some(i) = self.live(who, category, now) {
            self.intervals[i].end = u64::from(now);
        }
        let end = r.lifetime.map_or(u64::MAX, |l| u64::from(now + l));
        self.intervals.push(Interval {
            who,
            category,
            level,
            points,
            start: now,
            end,
            expires: end,
        });
        self.slot.insert((who, category), self.intervals.len() - 1);
        Ok(())
    }

    fn end(&mut self, who: u8, category: CategoryId, now: BlockNumber) -> Result<(), Error> {
        let i = self.live(who, category, now).ok_or(Error::NoCredential)?;
        self.intervals[i].end = u64::from(now);
        self.slot.remove(&(who, category));
        Ok(())
    }

    /// Carries out a settled nomination: `passes`, or it cannot pass.
    fn decide(
        &mut self,
        n: &mut NominationModel,
        passes: bool,
        now: BlockNumber,
    ) -> Result<(), Error> {
        n.status = if !passes {
            NominationStatus::Rejected
        } else if !n.revoke && !self.member(n.nominee) {
            NominationStatus::NomineeLeft
        } else {
            if n.revoke {
                let _ = self.end(n.nominee, n.category, now);
            } else {
                self.issue(n.nominee, n.category, n.level, now)?;
            }
            NominationStatus::Approved
        };
        Ok(())
    }

    fn apply(
        &mut self,
        op: &Op,
        now: BlockNumber,
        next_id: &mut NominationId,
    ) -> Result<(), Error> {
        match *op {
            Op::Grant(who, c, level) => {
                let r = rules(c).ok_or(Error::UnknownCategory)?;
                if !self.member(who) {
                    return Err(Error::NomineeNotMember);
                }
                r.level_points
                    .get(usize::from(level).wrapping_sub(1))
                    .ok_or(Error::InvalidLevel)?;
                self.issue(who, c, level, now)
            }
            Op::Revoke(who, c) => self.end(who, c, now),
            Op::Nominate(by, nominee, c, level) => {
                if !self.member(by) {
                    return Err(Error::CallerNotMember);
                }
                let r = rules(c).ok_or(Error::UnknownCategory)?;
                match level {
                    Some(level) => {
                        if !self.member(nominee) {
                            return Err(Error::NomineeNotMember);
                        }
                        r.level_points
                            .get(usize::from(level).wrapping_sub(1))
                            .ok_or(Error::InvalidLevel)?;
                    }
                    None => {
                        self.live(nominee, c, now).ok_or(Error::NoCredential)?;
                    }
                }
                let holders = self.holders(c, now);
                if holders == 0 {
                    return Err(Error::NoHolders);
                }
                let share = (holders * u32::from(r.min_holder_share.get())).div_ceil(10_000);
                let required = share.max(r.min_attestations);
                let electorate = holders - u32::from(self.live(nominee, c, now).is_some());
                if electorate < required {
                    return Err(Error::TooFewHolders);
                }
                self.nominations.push(NominationModel {
                    id: *next_id,
                    revoke: level.is_none(),
                    level: level.unwrap_or(0),
                    nominee,
                    category: c,
                    closes_at: now + r.window,
                    issued_before: self.intervals.len(),
                    electorate,
                    rule: ModelRule {
                        required,
                        revoke_majority: level.is_none().then_some(r.revoke_majority.get()),
                    },
                    approvals: 0,
                    rejections: 0,
                    status: NominationStatus::Open,
                    attesters: BTreeSet::new(),
                });
                *next_id += 1;
                Ok(())
            }
            Op::Attest(by, index, approve) => {
                let n = self
                    .nominations
                    .get(index)
                    .cloned()
                    .ok_or(Error::UnknownNomination)?;
                if n.status != NominationStatus::Open {
                    return Err(Error::NominationClosed);
                }
                if now >= n.closes_at {
                    return Err(Error::WindowClosed);
                }
                if !self.member(by) {
                    return Err(Error::CallerNotMember);
                }
                if by == n.nominee {
                    return Err(Error::SelfAttestation);
                }
                let held = self.live(by, n.category, now).ok_or(Error::NotHolder)?;
                if held >= n.issued_before {
                    return Err(Error::NotHeldAtNomination);
                }
                if !n.revoke && self.intervals[held].level < n.level {
                    return Err(Error::LevelTooLow);
                }
                if n.attesters.contains(&by) {
                    return Err(Error::AlreadyAttested);
                }
                let mut n = n;
                n.attesters.insert(by);
                if approve {
                    n.approvals += 1;
                } else {
                    n.rejections += 1;
                }
                if let Some(passes) =
                    model_verdict_early(n.rule, n.electorate, n.approvals, n.rejections)
                {
                    self.decide(&mut n, passes, now)?;
                }
                self.nominations[index] = n;
                Ok(())
            }
            Op::Finalise(index) => {
                let mut n = self
                    .nominations
                    .get(index)
                    .cloned()
                    .ok_or(Error::UnknownNomination)?;
                if n.status != NominationStatus::Open {
                    return Err(Error::NominationClosed);
                }
                if now < n.closes_at {
                    return Err(Error::WindowOpen);
                }
                match model_verdict_at_close(n.rule, n.electorate, n.approvals, n.rejections) {
                    NominationStatus::Approved => self.decide(&mut n, true, now)?,
                    status => n.status = status,
                }
                self.nominations[index] = n;
                Ok(())
            }
            Op::NoteExpiry(who, c) => {
                let i = *self.slot.get(&(who, c)).ok_or(Error::NoCredential)?;
                if u64::from(now) < self.intervals[i].end {
                    return Err(Error::NotExpired);
                }
                self.slot.remove(&(who, c));
                self.noted.insert(i);
                Ok(())
            }
            Op::Leave(who) => {
                if self.members.remove(&who) {
                    for c in 1..=2 {
                        if let Some(i) = self.slot.remove(&(who, c)) {
                            let interval = &mut self.intervals[i];
                            interval.end = interval.end.min(u64::from(now));
                            self.noted.insert(i);
                        }
                    }
                }
                Ok(())
            }
            Op::Rejoin(who) => {
                self.members.insert(who);
                Ok(())
            }
            Op::Sweep(c, limit) => {
                // The credentials of `c` in issue order, from where the last sweep stopped,
                // while they have reached their expiry.
                let mine: Vec<usize> = (0..self.intervals.len())
                    .filter(|i| self.intervals[*i].category == c)
                    .collect();
                let from = self.swept.get(&c).copied().unwrap_or(0);
                let mut passed = 0;
                for &i in mine.iter().skip(from).take(limit.min(MAX_SWEEP) as usize) {
                    if self.intervals[i].expires > u64::from(now) {
                        break;
                    }
                    passed += 1;
                    if self.slot.get(&(self.intervals[i].who, c)) == Some(&i) {
                        self.slot.remove(&(self.intervals[i].who, c));
                        self.noted.insert(i);
                    }
                }
                self.swept.insert(c, from + passed);
                Ok(())
            }
            Op::Next(_) => Ok(()),
        }
    }
}

fn apply_to_core(m: &mut MeritData, model: &Model, op: &Op, now: BlockNumber) -> Result<(), Error> {
    let nomination_id = |i: usize| model.nominations.get(i).map_or(NominationId::MAX, |n| n.id);
    match *op {
        Op::Grant(who, c, level) => m
            .grant(
                account(ADMIN),
                now,
                model.member(who),
                account(who),
                c,
                level,
                evidence(),
            )
            .map(drop),
        Op::Revoke(who, c) => m.revoke(account(ADMIN), now, account(who), c).map(drop),
        Op::Nominate(by, nominee, c, level) => {
            let kind = level.map_or(NominationKind::Revoke, NominationKind::Issue);
            m.nominate(
                account(by),
                now,
                model.member(by),
                model.member(nominee),
                account(nominee),
                c,
                kind,
                evidence(),
            )
            .map(drop)
        }
        Op::Attest(by, i, approve) => {
            let nominee = model.nominations.get(i).map_or(0, |n| n.nominee);
            m.attest(
                account(by),
                now,
                model.member(by),
                model.member(nominee),
                nomination_id(i),
                approve,
            )
            .map(drop)
        }
        Op::Finalise(i) => {
            let nominee = model.nominations.get(i).map_or(0, |n| n.nominee);
            m.finalise(now, model.member(nominee), nomination_id(i))
                .map(drop)
        }
        Op::NoteExpiry(who, c) => m.note_expiry(now, account(who), c).map(drop),
        Op::Leave(who) if model.member(who) => m.member_left(now, account(who)).map(drop),
        Op::Leave(_) | Op::Rejoin(_) => Ok(()),
        Op::Sweep(c, limit) => m.sweep(now, c, limit).map(drop),
        Op::Next(_) => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn merit_and_totals_agree_with_a_naive_scan_at_every_block(ops in prop::collection::vec(op(), 1..70)) {
        fresh(|mut core| {
            let mut model = Model::default();
            let mut now: BlockNumber = 1;
            let mut next_id: NominationId = 1;
            for op in bootstrap().iter().chain(&ops) {
                if let Op::Next(n) = op {
                    now += n;
                    continue;
                }
                // The core reads the model's nomination ids before the model adds one.
                let got = apply_to_core(&mut core, &model, op, now);
                let expected = model.apply(op, now, &mut next_id);
                assert_eq!(got, expected, "{op:?} at block {now}");
            }
            // Every window has closed (the longest is 3 blocks): anyone finalises what is open.
            now += 3;
            for i in 0..model.nominations.len() {
                let op = Op::Finalise(i);
                let got = apply_to_core(&mut core, &model, &op, now);
                let expected = model.apply(&op, now, &mut next_id);
                assert_eq!(got, expected, "{op:?} at block {now}");
            }
            for n in &model.nominations {
                let got = core.nomination(n.id).map(|c| (c.status, c.approvals, c.rejections, c.electorate));
                assert_eq!(got, Some((n.status, n.approvals, n.rejections, n.electorate)), "nomination {}", n.id);
            }
            for block in 0..=now + 8 {
                for c in 1..=2 {
                    let live: Vec<&Interval> = model
                        .intervals
                        .iter()
                        .filter(|i| i.category == c && i.start <= block && u64::from(block) < i.end)
                        .collect();
                    let total: u128 = live.iter().map(|i| u128::from(i.points)).sum();
                    assert_eq!(core.category_total_at(c, block), total, "total of {c} at {block}");
                    assert_eq!(core.holders_at(c, block), live.len() as u32, "holders of {c} at {block}");
                    for who in 1..=8 {
                        let expected: Points = live.iter().filter(|i| i.who == who).map(|i| i.points).sum();
                        assert_eq!(core.merit_at(account(who), c, block), expected, "merit of {who} in {c} at {block}");
                    }
                }
            }
        });
    }
}
