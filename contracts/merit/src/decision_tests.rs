//! Tests of `decision`: the thresholds, and that an early verdict is exactly "every completion
//! agrees", checked exhaustively on small electorates.

use crate::decision::*;
use usos_primitives::BasisPoints;

fn bps(value: u16) -> BasisPoints {
    BasisPoints::new(value).unwrap()
}

fn count(electorate: u32, approvals: u32, rejections: u32) -> Count {
    Count {
        electorate,
        approvals,
        rejections,
    }
}

/// Every rule worth checking on small counts.
fn rules() -> Vec<Rule> {
    let mut rules = Vec::new();
    for required in 1..=6 {
        rules.push(Rule::Issue { required });
        for majority in [5_001, 6_000, 6_666, 6_667, 7_500, 9_999, 10_000] {
            rules.push(Rule::Revoke {
                required,
                majority: bps(majority),
            });
        }
    }
    rules
}

#[test]
fn an_issue_needs_more_approvals_than_rejections_and_the_required_number() {
    let rule = Rule::Issue { required: 3 };
    assert!(rule.passes(3, 0));
    assert!(rule.passes(3, 2));
    assert!(!rule.passes(3, 3), "a tie does not issue");
    assert!(!rule.passes(2, 0), "too few approvals");
    assert!(rule.passes(7, 6));
}

#[test]
fn a_revocation_needs_the_required_number_and_the_qualified_majority() {
    let two_thirds = Rule::Revoke {
        required: 3,
        majority: bps(6_667),
    };
    assert!(two_thirds.passes(3, 0));
    assert!(!two_thirds.passes(2, 0), "too few approvals");
    assert!(two_thirds.passes(7, 3), "70%");
    assert!(
        !two_thirds.passes(6, 3),
        "exactly two thirds is below 66.67%"
    );
    assert!(!two_thirds.passes(6, 4), "60%");
    let at_least_two_thirds = Rule::Revoke {
        required: 3,
        majority: bps(6_666),
    };
    assert!(at_least_two_thirds.passes(6, 3));
    let unanimity = Rule::Revoke {
        required: 1,
        majority: bps(10_000),
    };
    assert!(unanimity.passes(9, 0));
    assert!(!unanimity.passes(9, 1));
}

#[test]
fn counts_at_the_limits_do_not_overflow() {
    let max = u32::MAX;
    let rule = Rule::Revoke {
        required: 1,
        majority: bps(10_000),
    };
    assert!(rule.passes(max, 0));
    assert!(!rule.passes(max, max));
    assert_eq!(count(max, max, max).undecided(), 0);
    assert_eq!(early(rule, count(max, max, 0)), Some(Verdict::Approved));
    assert_eq!(
        at_close(Rule::Issue { required: max }, count(max, max - 1, 0)),
        Verdict::Expired
    );
}

#[test]
fn passing_only_gets_truer_with_approvals_and_falser_with_rejections() {
    for rule in rules() {
        for a in 0..=14 {
            for r in 0..=14 {
                if rule.passes(a, r) {
                    assert!(rule.passes(a + 1, r), "{rule:?} {a} {r}");
                }
                if !rule.passes(a, r) {
                    assert!(!rule.passes(a, r + 1), "{rule:?} {a} {r}");
                }
            }
        }
    }
}

/// The verdict of every completion: each undecided holder approves, rejects or stays away.
fn completions(rule: Rule, c: Count) -> Vec<Verdict> {
    let u = c.undecided();
    let mut verdicts = Vec::new();
    for approve in 0..=u {
        for reject in 0..=u - approve {
            let done = count(c.electorate, c.approvals + approve, c.rejections + reject);
            verdicts.push(at_close(rule, done));
        }
    }
    verdicts
}

#[test]
fn an_early_verdict_is_exactly_every_completion_agreeing() {
    for rule in rules() {
        for electorate in 0..=10 {
            for a in 0..=electorate {
                for r in 0..=electorate - a {
                    let c = count(electorate, a, r);
                    // Completions in which everyone attests: what the window could still bring.
                    let u = c.undecided();
                    let full: Vec<bool> = (0..=u).map(|k| rule.passes(a + k, r + u - k)).collect();
                    let expected = if full.iter().all(|p| *p) {
                        Some(Verdict::Approved)
                    } else if full.iter().all(|p| !*p) {
                        Some(Verdict::Rejected)
                    } else {
                        None
                    };
                    assert_eq!(early(rule, c), expected, "{rule:?} {c:?}");
                    // A settled nomination ends the same way however the rest attest, or not.
                    if let Some(verdict) = early(rule, c) {
                        assert!(
                            completions(rule, c).iter().all(|v| *v == verdict),
                            "{rule:?} {c:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn at_the_close_rejected_means_the_rejections_alone_defeat_it() {
    for rule in rules() {
        for electorate in 0..=10 {
            for a in 0..=electorate {
                for r in 0..=electorate - a {
                    let c = count(electorate, a, r);
                    let verdict = at_close(rule, c);
                    assert_eq!(verdict == Verdict::Approved, rule.passes(a, r));
                    assert_eq!(
                        verdict == Verdict::Rejected,
                        early(rule, c) == Some(Verdict::Rejected),
                        "{rule:?} {c:?}"
                    );
                    if verdict == Verdict::Expired {
                        assert!(rule.passes(a + c.undecided(), r));
                    }
                }
            }
        }
    }
}

#[test]
fn a_minority_decides_nothing_early() {
    // 10 holders, 3 required: 4 approvals leave 6 who could still defeat a revocation.
    let revoke = Rule::Revoke {
        required: 3,
        majority: bps(6_667),
    };
    assert_eq!(early(revoke, count(9, 4, 0)), None);
    assert_eq!(at_close(revoke, count(9, 4, 5)), Verdict::Rejected);
    assert_eq!(at_close(revoke, count(9, 4, 0)), Verdict::Approved);
    // A clear majority settles it: 7 of 9 approve, the other two cannot reach a third.
    assert_eq!(early(revoke, count(9, 7, 0)), Some(Verdict::Approved));
    let issue = Rule::Issue { required: 3 };
    assert_eq!(early(issue, count(5, 3, 0)), Some(Verdict::Approved));
    assert_eq!(early(issue, count(5, 2, 0)), None);
    assert_eq!(early(issue, count(5, 0, 3)), Some(Verdict::Rejected));
    assert_eq!(at_close(issue, count(5, 2, 0)), Verdict::Expired);
    assert_eq!(at_close(issue, count(5, 2, 2)), Verdict::Expired);
    assert_eq!(at_close(issue, count(5, 1, 2)), Verdict::Expired);
    assert_eq!(at_close(issue, count(5, 1, 3)), Verdict::Rejected);
}
