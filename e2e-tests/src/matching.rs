//! The representative ranker's score, OkCupid style.
//!
//! For two answer vectors to the same questionnaire, the questions both answered are compared.
//! `satisfaction(a, b)` is the importance-weighted share of those questions where `b`'s answer
//! is one `a` accepts; importance 0..=4 weighs 0, 1, 10, 50, 250 (irrelevant to mandatory). If
//! nothing matters to `a`, `b` satisfies it fully. The match is the geometric mean of both
//! satisfactions, so one side's indifference cannot hide the other's disagreement, scaled down
//! when fewer than `MIN_SHARED` questions are shared (little evidence), as a percentage.

use profiles::Answer;

pub const IMPORTANCE_WEIGHTS: [f64; 5] = [0.0, 1.0, 10.0, 50.0, 250.0];
/// Below this many shared questions a match is scaled by `shared / MIN_SHARED`.
pub const MIN_SHARED: usize = 5;

fn weight(importance: u8) -> f64 {
    IMPORTANCE_WEIGHTS
        .get(usize::from(importance))
        .copied()
        .unwrap_or(0.0)
}

/// How well `b`'s answers satisfy `a`, in 0..=1.
pub fn satisfaction(a: &[Answer], b: &[Answer]) -> f64 {
    let (mut got, mut max) = (0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let w = weight(x.importance);
        max += w;
        if y.value < 16 && x.accepted & (1 << y.value) != 0 {
            got += w;
        }
    }
    if max == 0.0 {
        1.0
    } else {
        got / max
    }
}

/// The match between two members, 0..=100.
pub fn match_percent(a: &[Answer], b: &[Answer]) -> f64 {
    let shared = a.len().min(b.len());
    if shared == 0 {
        return 0.0;
    }
    let mean = (satisfaction(a, b) * satisfaction(b, a)).sqrt();
    let evidence = (shared as f64 / MIN_SHARED as f64).min(1.0);
    100.0 * mean * evidence
}

/// Representatives ranked for a member, best first (ties by the order given).
pub fn rank<'a, T>(member: &[Answer], reps: &'a [(T, Vec<Answer>)]) -> Vec<(&'a T, f64)> {
    let mut scored: Vec<(&T, f64)> = reps
        .iter()
        .map(|(who, answers)| (who, match_percent(member, answers)))
        .collect();
    scored.sort_by(|x, y| y.1.total_cmp(&x.1));
    scored
}
