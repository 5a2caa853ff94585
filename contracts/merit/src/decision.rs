//! When a swarm nomination is decided: pure arithmetic on its counts, with no storage.
//!
//! A nomination *passes* on its final counts when
//! - `Issue(level)`: approvals > rejections, and approvals >= `required`;
//! - `Revoke`: approvals >= `required`, and approvals are at least `majority` of those who
//!   attested (`approvals * 10_000 >= majority * (approvals + rejections)`).
//!
//! [`Rule::passes`] only gets truer with more approvals and only falser with more rejections.
//! So while `undecided` holders of the electorate have not attested, the nomination is settled
//! exactly when the two extreme completions agree: it passes even if every undecided holder
//! rejects ([`early`] approves), or fails even if every undecided holder approves ([`early`]
//! rejects). Otherwise it waits for the window's end ([`at_close`]). Which attestation
//! arrives first therefore never changes the outcome, and a minority cannot settle a
//! nomination in one block before the others have had their window.

use usos_primitives::BasisPoints;

/// What a nomination needs to pass, fixed when it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// More approvals than rejections, and at least `required` approvals.
    Issue { required: u32 },
    /// At least `required` approvals, and approvals at least `majority` of those attesting.
    Revoke {
        required: u32,
        majority: BasisPoints,
    },
}

/// A nomination's counts: the most holders that may attest it, and those who did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub electorate: u32,
    pub approvals: u32,
    pub rejections: u32,
}

impl Count {
    /// Holders of the electorate who have not attested.
    pub fn undecided(self) -> u32 {
        self.electorate
            .saturating_sub(self.approvals.saturating_add(self.rejections))
    }
}

/// How a nomination ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It passes: the credential is issued (or revoked).
    Approved,
    /// It cannot pass, whatever the holders who have not attested do (or did not do).
    Rejected,
    /// It failed at the window's end only because too few attested: had every holder of the
    /// electorate who stayed away approved, it would have passed.
    Expired,
}

impl Rule {
    /// Whether these final counts pass the nomination.
    pub fn passes(self, approvals: u32, rejections: u32) -> bool {
        match self {
            Rule::Issue { required } => approvals > rejections && approvals >= required,
            Rule::Revoke { required, majority } => {
                // Both sides fit in u128 with room to spare: no saturation can happen.
                let attesting = u128::from(approvals).saturating_add(u128::from(rejections));
                let for_it = u128::from(approvals).saturating_mul(u128::from(BasisPoints::MAX));
                let needed = u128::from(majority.get()).saturating_mul(attesting);
                approvals >= required && for_it >= needed
            }
        }
    }
}

/// The verdict while the window is open, if it can no longer change: `Approved` when it passes
/// even if every undecided holder rejects, `Rejected` when it fails even if every undecided
/// holder approves, `None` otherwise. Never `Expired`.
pub fn early(rule: Rule, count: Count) -> Option<Verdict> {
    let undecided = count.undecided();
    if rule.passes(count.approvals, count.rejections.saturating_add(undecided)) {
        Some(Verdict::Approved)
    } else if !rule.passes(count.approvals.saturating_add(undecided), count.rejections) {
        Some(Verdict::Rejected)
    } else {
        None
    }
}

/// The verdict at the window's end: `Approved` when the counts pass; `Rejected` when they would
/// fail even had every holder who stayed away approved (as [`early`] would have said);
/// `Expired` otherwise, when it failed for want of attestations.
pub fn at_close(rule: Rule, count: Count) -> Verdict {
    if rule.passes(count.approvals, count.rejections) {
        Verdict::Approved
    } else if !rule.passes(
        count.approvals.saturating_add(count.undecided()),
        count.rejections,
    ) {
        Verdict::Rejected
    } else {
        Verdict::Expired
    }
}
