//! Swarm decisions against the attacks they must withstand, and a property test: the outcome
//! of a nomination does not depend on the order of its attestations, and equals a brute-force
//! model that decides from the final sets of attesters alone.

use crate::{data::MeritData, errors::Error, events::*, types::*};
use proptest::prelude::*;
use usos_primitives::{AccountId, BasisPoints, BlockNumber, CategoryId, Hash};

// ----- the brute-force model (also used by `data_tests`) -----

/// What a nomination needs, as the model sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ModelRule {
    pub required: u32,
    /// `Some(basis points)` for a revocation, `None` for an issue.
    pub revoke_majority: Option<u16>,
}

/// The final rule, in plain wide arithmetic.
pub(crate) fn model_passes(rule: ModelRule, approvals: u32, rejections: u32) -> bool {
    let (a, r) = (u64::from(approvals), u64::from(rejections));
    match rule.revoke_majority {
        None => a > r && approvals >= rule.required,
        Some(majority) => approvals >= rule.required && a * 10_000 >= u64::from(majority) * (a + r),
    }
}

/// The verdict of every way the holders who have not attested could still attest: each
/// approves, rejects or stays away (only the counts matter).
fn completions(rule: ModelRule, electorate: u32, a: u32, r: u32) -> Vec<bool> {
    assert!(a + r <= electorate, "more attested than the electorate");
    let undecided = electorate - a - r;
    let mut verdicts = Vec::new();
    for x in 0..=undecided {
        for y in 0..=undecided - x {
            verdicts.push(model_passes(rule, a + x, r + y));
        }
    }
    verdicts
}

/// `Some(passes)` when every completion agrees, `None` otherwise.
pub(crate) fn model_verdict_early(
    rule: ModelRule,
    electorate: u32,
    a: u32,
    r: u32,
) -> Option<bool> {
    let verdicts = completions(rule, electorate, a, r);
    if verdicts.iter().all(|p| *p) {
        Some(true)
    } else if verdicts.iter().all(|p| !*p) {
        Some(false)
    } else {
        None
    }
}

/// The status `finalise` gives (before `NomineeLeft`): `Approved` if the counts pass,
/// `Rejected` if no completion would have, `Expired` otherwise.
pub(crate) fn model_verdict_at_close(
    rule: ModelRule,
    electorate: u32,
    a: u32,
    r: u32,
) -> NominationStatus {
    if model_passes(rule, a, r) {
        NominationStatus::Approved
    } else if completions(rule, electorate, a, r).iter().all(|p| !*p) {
        NominationStatus::Rejected
    } else {
        NominationStatus::Expired
    }
}

// ----- helpers -----

const ADMIN: u8 = 0;
const CATEGORY: CategoryId = 1;
const WINDOW: BlockNumber = 10;

fn account(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn evidence() -> Hash {
    Hash::from([7; 32])
}

fn bps(value: u16) -> BasisPoints {
    BasisPoints::new(value).unwrap()
}

/// Levels 1/2/3 worth 1/2/4 points, revocations by two thirds, a 10-block window, no expiry.
fn rules(min_attestations: u32, min_holder_share: u16) -> CategoryRules {
    CategoryRules {
        min_attestations,
        min_holder_share: bps(min_holder_share),
        revoke_majority: DEFAULT_REVOKE_MAJORITY,
        window: WINDOW,
        level_points: vec![1, 2, 4],
        lifetime: None,
    }
}

/// A fresh core with category 1 under `rules`; everyone in these tests is a member.
fn world<T>(rules: CategoryRules, f: impl FnOnce(&mut MeritData) -> T) -> T {
    let mut out = None;
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut m = MeritData::new(account(ADMIN));
        let (category, _) = m
            .create_category(account(ADMIN), "swarm".into(), rules)
            .unwrap();
        assert_eq!(category, CATEGORY);
        out = Some(f(&mut m));
        Ok(())
    })
    .expect("off-chain test environment");
    out.expect("the test ran")
}

fn grant(m: &mut MeritData, now: BlockNumber, who: u8, level: Level) {
    m.grant(
        account(ADMIN),
        now,
        true,
        account(who),
        CATEGORY,
        level,
        evidence(),
    )
    .unwrap();
}

fn nominate(
    m: &mut MeritData,
    now: BlockNumber,
    by: u8,
    nominee: u8,
    kind: NominationKind,
) -> Result<NominationId, Error> {
    m.nominate(
        account(by),
        now,
        true,
        true,
        account(nominee),
        CATEGORY,
        kind,
        evidence(),
    )
    .map(|(id, _)| id)
}

fn attest(
    m: &mut MeritData,
    now: BlockNumber,
    by: u8,
    id: NominationId,
    approve: bool,
) -> Result<Vec<MeritEvent>, Error> {
    m.attest(account(by), now, true, true, id, approve)
}

fn status(m: &MeritData, id: NominationId) -> NominationStatus {
    m.nomination(id).unwrap().status
}

fn level(m: &MeritData, now: BlockNumber, who: u8) -> Option<Level> {
    m.credential_at_now(account(who), CATEGORY, now)
        .map(|c| c.level)
}

// ----- the attacks -----

#[test]
fn thirty_one_of_a_hundred_cannot_revoke_the_rest_in_one_block() {
    // 100 holders, 30% of them required: 30 approvals. 1..=31 collude (level 1); 32..=100 are
    // honest, 32..=50 at the top level.
    world(rules(2, 3_000), |m| {
        let colluders = 1..=31u8;
        let honest = 32..=100u8;
        for who in colluders.clone() {
            grant(m, 1, who, 1);
        }
        for who in honest.clone() {
            grant(m, 1, who, if who <= 50 { 3 } else { 2 });
        }
        // Block 2: the colluders nominate and approve the revocation of every honest holder,
        // and the top level for each other.
        let mut revocations = Vec::new();
        for victim in honest.clone() {
            let id = nominate(m, 2, 1, victim, NominationKind::Revoke).unwrap();
            let n = m.nomination(id).unwrap();
            assert_eq!((n.required, n.electorate), (30, 99));
            for c in colluders.clone() {
                let events = attest(m, 2, c, id, true).unwrap();
                assert_eq!(events.len(), 1, "an attestation, no decision");
            }
            revocations.push((victim, id));
        }
        let mut promotions = Vec::new();
        for target in colluders.clone() {
            let id = nominate(m, 2, 1, target, NominationKind::Issue(3)).unwrap();
            for c in colluders.clone().filter(|c| *c != target) {
                assert_eq!(attest(m, 2, c, id, true), Err(Error::LevelTooLow));
            }
            promotions.push(id);
        }
        // 31 approvals passed the old threshold; now nothing is decided in that block.
        assert!(revocations
            .iter()
            .all(|(_, id)| status(m, *id) == NominationStatus::Open));
        assert_eq!(m.holders_at(CATEGORY, 2), 100);
        // Block 3: the honest holders reject, until each revocation can no longer pass.
        for (victim, id) in &revocations {
            for who in honest.clone().filter(|w| w != victim) {
                let result = attest(m, 3, who, *id, false);
                assert!(
                    result.is_ok() || result == Err(Error::NominationClosed),
                    "{result:?}"
                );
            }
            let n = m.nomination(*id).unwrap();
            assert_eq!(n.status, NominationStatus::Rejected);
            // 31 approvals need 15 or fewer rejections to be two thirds; with 68 more possible,
            // 34 settle it (65 approvals at best against 34: below two thirds).
            assert_eq!((n.approvals, n.rejections), (31, 34));
        }
        // After the window the promotions nobody could attest expire.
        let closes = 2 + WINDOW;
        for id in promotions {
            assert_eq!(m.finalise(closes - 1, true, id), Err(Error::WindowOpen));
            m.finalise(closes, true, id).unwrap();
            assert_eq!(status(m, id), NominationStatus::Expired);
        }
        assert_eq!(m.holders_at(CATEGORY, closes), 100);
        assert!(honest.clone().all(|w| level(m, closes, w).is_some()));
        assert!(colluders.clone().all(|c| level(m, closes, c) == Some(1)));
        assert_eq!(m.category_total_at(CATEGORY, closes), 31 + 19 * 4 + 50 * 2);
    });
}

#[test]
fn three_colluders_cannot_take_a_category_with_two_attestations() {
    // min_attestations 2, min_holder_share 0: 1..=3 collude (level 1), 4..=10 are honest
    // (level 3).
    world(rules(2, 0), |m| {
        for who in 1..=3 {
            grant(m, 1, who, 1);
        }
        for who in 4..=10 {
            grant(m, 1, who, 3);
        }
        let mut revocations = Vec::new();
        for victim in 4..=10u8 {
            let id = nominate(m, 2, 1, victim, NominationKind::Revoke).unwrap();
            for c in 1..=3 {
                attest(m, 2, c, id, true).unwrap();
            }
            // Two approvals decided it before; three of nine do not settle anything.
            assert_eq!(status(m, id), NominationStatus::Open);
            revocations.push((victim, id));
        }
        for target in 1..=3u8 {
            let id = nominate(m, 2, 1, target, NominationKind::Issue(3)).unwrap();
            let other = if target == 1 { 2 } else { 1 };
            assert_eq!(attest(m, 2, other, id, true), Err(Error::LevelTooLow));
        }
        // Two honest holders turn up against each revocation: 3 of 5 is below two thirds.
        for (victim, id) in &revocations {
            let [first, second] = [1, 2].map(|k| 4 + (victim - 4 + k) % 7);
            attest(m, 3, first, *id, false).unwrap();
            attest(m, 4, second, *id, false).unwrap();
        }
        let closes = 2 + WINDOW;
        for (victim, id) in &revocations {
            m.finalise(closes, true, *id).unwrap();
            // It failed for want of attestations (had the other four approved, it would have
            // passed), not by rule: `Expired`. Nothing was revoked either way.
            assert_eq!(status(m, *id), NominationStatus::Expired);
            assert_eq!(level(m, closes, *victim), Some(3));
        }
        assert!((1..=3).all(|c| level(m, closes, c) == Some(1)));
        assert_eq!(m.holders_at(CATEGORY, closes), 10);
    });
}

#[test]
fn a_top_level_needs_attesters_of_that_level() {
    world(rules(2, 0), |m| {
        grant(m, 1, 1, 3);
        grant(m, 1, 2, 3);
        for who in 3..=6 {
            grant(m, 1, who, 1);
        }
        let top = nominate(m, 2, 3, 20, NominationKind::Issue(3)).unwrap();
        for who in 3..=6 {
            assert_eq!(attest(m, 2, who, top, true), Err(Error::LevelTooLow));
        }
        attest(m, 2, 1, top, true).unwrap();
        attest(m, 2, 2, top, true).unwrap();
        // The four level-1 holders still count in the electorate: it waits for the window.
        assert_eq!(status(m, top), NominationStatus::Open);
        m.finalise(2 + WINDOW, true, top).unwrap();
        assert_eq!(status(m, top), NominationStatus::Approved);
        assert_eq!(level(m, 2 + WINDOW, 20), Some(3));
        // Any holder attests the first level, and any holder attests a revocation.
        let first = nominate(m, 13, 3, 21, NominationKind::Issue(1)).unwrap();
        assert!(attest(m, 13, 4, first, true).is_ok());
        let revoke = nominate(m, 13, 3, 1, NominationKind::Revoke).unwrap();
        assert!(attest(m, 13, 5, revoke, true).is_ok());
    });
}

/// A revocation of holder 11 by 10 other holders (2 required): `reject` reject, then `approve`
/// approve (those after it was settled are turned away), the rest stay away; finalised after
/// the window if still open.
fn revocation(approve: u8, reject: u8) -> (NominationStatus, bool) {
    world(rules(2, 0), |m| {
        for who in 1..=11 {
            grant(m, 1, who, 1);
        }
        let id = nominate(m, 2, 1, 11, NominationKind::Revoke).unwrap();
        for who in 1..=reject + approve {
            let result = attest(m, 2, who, id, who > reject).map(drop);
            assert!(result.is_ok() || result == Err(Error::NominationClosed));
        }
        if status(m, id) == NominationStatus::Open {
            m.finalise(2 + WINDOW, true, id).unwrap();
        }
        (status(m, id), level(m, 2 + WINDOW, 11).is_some())
    })
}

#[test]
fn a_revocation_needs_two_thirds_of_those_attesting() {
    assert_eq!(revocation(7, 3), (NominationStatus::Approved, false), "70%");
    assert_eq!(revocation(6, 4), (NominationStatus::Rejected, true), "60%");
    // Exactly two thirds passes (6,666 basis points), decided when the window closes.
    assert_eq!(revocation(6, 3), (NominationStatus::Approved, false));
    // Short of two thirds only for want of attestations: had the tenth approved, it passes.
    assert_eq!(revocation(5, 3), (NominationStatus::Expired, true));
    assert_eq!(
        revocation(2, 0),
        (NominationStatus::Approved, false),
        "all who came"
    );
    assert_eq!(
        revocation(1, 0),
        (NominationStatus::Expired, true),
        "below required"
    );
    // An issue, by contrast, needs a simple majority: 6 of 10 approving issues.
    let issued = world(rules(2, 0), |m| {
        for who in 1..=10 {
            grant(m, 1, who, 1);
        }
        let id = nominate(m, 2, 1, 20, NominationKind::Issue(1)).unwrap();
        for who in (7..=10).chain(1..=6) {
            attest(m, 2, who, id, who <= 6).unwrap();
        }
        (status(m, id), level(m, 2, 20))
    });
    assert_eq!(issued, (NominationStatus::Approved, Some(1)));
}

#[test]
fn a_clear_majority_decides_early() {
    // 9 holders, 30% => 3 required.
    world(rules(2, 3_000), |m| {
        for who in 1..=9 {
            grant(m, 1, who, 1);
        }
        let issue = nominate(m, 2, 1, 20, NominationKind::Issue(1)).unwrap();
        let revoke = nominate(m, 2, 1, 9, NominationKind::Revoke).unwrap();
        let reject = nominate(m, 2, 1, 21, NominationKind::Issue(1)).unwrap();
        assert_eq!(m.nomination(issue).map(|n| n.required), Some(3));
        // An issue: 5 of 9 approving is a majority whatever the other 4 do.
        for who in 1..=4 {
            assert_eq!(attest(m, 2, who, issue, true).map(|e| e.len()), Ok(1));
        }
        let events = attest(m, 2, 5, issue, true).unwrap();
        assert!(events
            .iter()
            .any(|e| matches!(e, MeritEvent::CredentialIssued(_))));
        assert_eq!(status(m, issue), NominationStatus::Approved);
        // A revocation (8 may attest): 6 approving are two thirds even if the 2 others reject.
        for who in 1..=5 {
            attest(m, 2, who, revoke, true).unwrap();
        }
        assert_eq!(status(m, revoke), NominationStatus::Open);
        let events = attest(m, 2, 6, revoke, true).unwrap();
        assert!(events
            .iter()
            .any(|e| matches!(e, MeritEvent::CredentialRevoked(_))));
        assert_eq!(level(m, 2, 9), None);
        // A rejection: 5 of 9 rejecting, and the other 4 cannot outnumber them.
        for who in 1..=4 {
            attest(m, 2, who, reject, false).unwrap();
        }
        assert_eq!(status(m, reject), NominationStatus::Open);
        let events = attest(m, 2, 5, reject, false).unwrap();
        assert!(
            events.contains(&MeritEvent::NominationFailed(NominationFailed {
                nomination: reject,
                rejected: true
            }))
        );
        assert_eq!(attest(m, 2, 6, reject, true), Err(Error::NominationClosed));
    });
}

#[test]
fn a_holder_who_got_its_credential_after_the_nomination_cannot_attest() {
    world(rules(2, 0), |m| {
        for who in 1..=4 {
            grant(m, 1, who, 1);
        }
        grant(m, 2, 5, 1); // in the nomination's block, before it
        let id = nominate(m, 2, 1, 20, NominationKind::Issue(1)).unwrap();
        assert_eq!(m.nomination(id).map(|n| n.electorate), Some(5));
        grant(m, 2, 6, 1); // in the nomination's block, after it
        grant(m, 3, 7, 1); // during the window
        grant(m, 3, 1, 2); // a promotion during the window is a new credential too
        assert!(attest(m, 3, 5, id, true).is_ok());
        for who in [6, 7, 1] {
            assert_eq!(attest(m, 3, who, id, true), Err(Error::NotHeldAtNomination));
        }
        assert!(attest(m, 3, 2, id, true).is_ok());
        assert_eq!(m.nomination(id).map(|n| n.approvals), Some(2));
    });
}

#[test]
fn rules_changed_mid_window_do_not_move_the_goalposts() {
    world(rules(2, 0), |m| {
        for who in 1..=10 {
            grant(m, 1, who, 1);
        }
        let revoke = nominate(m, 2, 1, 10, NominationKind::Revoke).unwrap();
        let issue = nominate(m, 2, 1, 20, NominationKind::Issue(1)).unwrap();
        let before = m.nomination(revoke).unwrap();
        let stricter = CategoryRules {
            min_attestations: 9,
            min_holder_share: bps(10_000),
            revoke_majority: bps(10_000),
            window: 100,
            ..rules(2, 0)
        };
        m.set_rules(account(ADMIN), CATEGORY, stricter).unwrap();
        assert_eq!(m.nomination(revoke), Some(before));
        // 6 of 9 approve: two thirds whatever the ninth does, and 2 required, as fixed at
        // nomination (the new rules would ask 10 approvals and unanimity).
        for who in 1..=2 {
            attest(m, 3, who, revoke, false).unwrap();
        }
        for who in 3..=8 {
            attest(m, 3, who, revoke, true).unwrap();
        }
        assert_eq!(status(m, revoke), NominationStatus::Approved);
        assert_eq!(level(m, 3, 10), None);
        // The window closes when it closed at nomination, and 2 approvals still do.
        attest(m, 3, 1, issue, true).unwrap();
        attest(m, 3, 2, issue, true).unwrap();
        assert_eq!(
            m.finalise(2 + WINDOW, true, issue),
            Ok(vec![issued(20, issue)])
        );
        assert_eq!(status(m, issue), NominationStatus::Approved);
    });
}

fn issued(who: u8, nomination: NominationId) -> MeritEvent {
    MeritEvent::CredentialIssued(CredentialIssued {
        member: account(who),
        category: CATEGORY,
        level: 1,
        points: 1,
        expires_at: None,
        nomination: Some(nomination),
    })
}

// ----- order does not matter, and the model agrees -----

/// A holder at the nomination, or one granted after it: its level and what it will do
/// (`Some(approve)`, or `None`: it stays away).
#[derive(Debug, Clone)]
struct Case {
    holders: Vec<(Level, Option<bool>)>,
    late: Vec<(Level, Option<bool>)>,
    /// `None`: a revocation.
    issue: Option<Level>,
    /// Index into `holders`; `None`: an outsider (for an issue only).
    nominee: Option<usize>,
    min_attestations: u32,
    min_holder_share: u16,
    revoke_majority: u16,
}

fn case() -> impl Strategy<Value = Case> {
    let someone = (1u8..=3, prop::option::weighted(0.8, any::<bool>()));
    (
        prop::collection::vec(someone.clone(), 2..=12),
        prop::collection::vec(someone, 0..=3),
        prop::option::weighted(0.5, 1u8..=3),
        any::<prop::sample::Index>(),
        any::<bool>(),
        1u32..=4,
        prop_oneof![Just(0u16), 0u16..=6_000],
        prop_oneof![Just(6_667u16), 5_001u16..=10_000],
    )
        .prop_map(
            |(holders, late, issue, index, outsider, min, share, majority)| Case {
                nominee: (issue.is_none() || !outsider).then(|| index.index(holders.len())),
                holders,
                late,
                issue,
                min_attestations: min,
                min_holder_share: share,
                revoke_majority: majority,
            },
        )
}

/// Holders are accounts 1..=12, late ones 21..=23, an outsider nominee 50.
fn holder(i: usize) -> u8 {
    u8::try_from(i + 1).unwrap()
}

fn late(i: usize) -> u8 {
    u8::try_from(i + 21).unwrap()
}

const OUTSIDER: u8 = 50;

/// One attempt to attest: who, whether it approves, and whether a block passes before it.
type Attempt = (u8, bool, bool);

fn attempts(c: &Case) -> Vec<(u8, bool)> {
    let holders = c.holders.iter().enumerate().map(|(i, h)| (holder(i), h.1));
    let late = c.late.iter().enumerate().map(|(i, h)| (late(i), h.1));
    holders
        .chain(late)
        .filter_map(|(who, intent)| intent.map(|approve| (who, approve)))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    status: NominationStatus,
    nominee_level: Option<Level>,
}

impl Case {
    fn rules(&self) -> CategoryRules {
        CategoryRules {
            revoke_majority: bps(self.revoke_majority),
            ..rules(self.min_attestations, self.min_holder_share)
        }
    }

    fn nominee(&self) -> u8 {
        self.nominee.map_or(OUTSIDER, holder)
    }

    fn kind(&self) -> NominationKind {
        self.issue
            .map_or(NominationKind::Revoke, NominationKind::Issue)
    }

    fn model_rule(&self) -> ModelRule {
        let n = self.holders.len() as u32;
        let share = (n * u32::from(self.min_holder_share)).div_ceil(10_000);
        ModelRule {
            required: share.max(self.min_attestations),
            revoke_majority: self.issue.is_none().then_some(self.revoke_majority),
        }
    }

    fn electorate(&self) -> u32 {
        self.holders.len() as u32 - u32::from(self.nominee.is_some())
    }

    /// Whether `who`, who held at the nomination, may attest it.
    fn eligible(&self, who: u8) -> Result<(), Error> {
        if who == self.nominee() {
            return Err(Error::SelfAttestation);
        }
        let Some(i) = (0..self.holders.len()).find(|i| holder(*i) == who) else {
            return Err(Error::NotHeldAtNomination);
        };
        match self.issue {
            Some(level) if self.holders[i].0 < level => Err(Error::LevelTooLow),
            _ => Ok(()),
        }
    }

    /// The model: the verdict from the final sets of eligible attesters alone.
    fn expected(&self) -> Outcome {
        let (mut a, mut r) = (0, 0);
        for (who, approve) in attempts(self) {
            if self.eligible(who).is_ok() {
                if approve {
                    a += 1;
                } else {
                    r += 1;
                }
            }
        }
        let status = model_verdict_at_close(self.model_rule(), self.electorate(), a, r);
        let before = self.nominee.map(|i| self.holders[i].0);
        let nominee_level = match (status, self.issue) {
            (NominationStatus::Approved, Some(level)) => Some(level),
            (NominationStatus::Approved, None) => None,
            _ => before,
        };
        Outcome {
            status,
            nominee_level,
        }
    }

    /// Runs the nomination on a fresh core with the attempts in `order`; checks every step
    /// against the model and returns the outcome.
    fn run(&self, order: &[Attempt]) -> Result<Outcome, Error> {
        world(self.rules(), |m| {
            for (i, (level, _)) in self.holders.iter().enumerate() {
                grant(m, 1, holder(i), *level);
            }
            let id = nominate(m, 2, holder(0), self.nominee(), self.kind())?;
            let n = m.nomination(id).unwrap();
            let rule = self.model_rule();
            assert_eq!(
                (n.required, n.electorate, n.nominated_at),
                (rule.required, self.electorate(), 2)
            );
            // Late holders: the even ones in the nomination's block after it, the odd ones in
            // the next.
            for parity in 0..2 {
                for (i, (level, _)) in self.late.iter().enumerate() {
                    if i % 2 == parity {
                        grant(m, 2 + parity as u32, late(i), *level);
                    }
                }
            }
            // Every attempt lands inside the window: up to 15 attempts may each pass a block,
            // so the clock stops at the window's last block.
            let closes = 2 + WINDOW;
            let mut now = 3;
            for &(who, approve, next_block) in order {
                now = (now + u32::from(next_block)).min(closes - 1);
                let open = status(m, id) == NominationStatus::Open;
                let expected = if open {
                    self.eligible(who)
                } else {
                    Err(Error::NominationClosed)
                };
                let got = attest(m, now, who, id, approve).map(drop);
                assert_eq!(got, expected, "{who} approving: {approve}");
                let n = m.nomination(id).unwrap();
                let settled = model_verdict_early(rule, n.electorate, n.approvals, n.rejections);
                if open && got.is_ok() {
                    // Decided exactly when every completion agrees, and as they agree.
                    match settled {
                        None => assert_eq!(n.status, NominationStatus::Open),
                        Some(true) => assert_eq!(n.status, NominationStatus::Approved),
                        Some(false) => assert_eq!(n.status, NominationStatus::Rejected),
                    }
                }
            }
            assert!(now < closes);
            if status(m, id) == NominationStatus::Open {
                assert_eq!(m.finalise(closes - 1, true, id), Err(Error::WindowOpen));
                m.finalise(closes, true, id).unwrap();
            } else {
                assert_eq!(m.finalise(closes, true, id), Err(Error::NominationClosed));
            }
            Ok(Outcome {
                status: status(m, id),
                nominee_level: level(m, closes, self.nominee()),
            })
        })
    }
}

/// A case and three orders of its attempts (each with where a block passes).
fn case_and_orders() -> impl Strategy<Value = (Case, Vec<Vec<Attempt>>)> {
    case().prop_flat_map(|c| {
        let list = attempts(&c);
        let len = list.len();
        let order = move || {
            (
                Just(list.clone()).prop_shuffle(),
                prop::collection::vec(prop::bool::weighted(0.3), len),
            )
                .prop_map(|(order, blocks)| {
                    order
                        .into_iter()
                        .zip(blocks)
                        .map(|((who, approve), next)| (who, approve, next))
                        .collect::<Vec<Attempt>>()
                })
        };
        (Just(c), prop::collection::vec(order(), 3))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_order_of_attestations_never_changes_the_outcome((c, orders) in case_and_orders()) {
        let rule = c.model_rule();
        if rule.required > c.electorate() {
            for order in &orders {
                prop_assert_eq!(c.run(order), Err(Error::TooFewHolders));
            }
            return Ok(());
        }
        let expected = c.expected();
        for order in &orders {
            prop_assert_eq!(c.run(order), Ok(expected.clone()), "order {:?}", order);
        }
    }
}
