//! Properties of the ranker's score (no chain needed).

use profiles::Answer;
use proptest::prelude::*;
use usos_e2e_tests::matching::{match_percent, satisfaction, MIN_SHARED};

fn answer() -> impl Strategy<Value = Answer> {
    (0u8..=5, any::<u16>(), 0u8..=4).prop_map(|(value, accepted, importance)| Answer {
        value,
        accepted: accepted & 0x3f,
        importance,
    })
}

fn answers(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Answer>> {
    prop::collection::vec(answer(), n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn symmetric_and_bounded(a in answers(0..20), b in answers(0..20)) {
        let m = match_percent(&a, &b);
        prop_assert_eq!(m, match_percent(&b, &a));
        prop_assert!((0.0..=100.0).contains(&m));
    }

    #[test]
    fn identical_answers_that_accept_themselves_match_fully(a in answers(MIN_SHARED..20)) {
        let a: Vec<Answer> = a.into_iter().map(|x| Answer { accepted: x.accepted | (1 << x.value), ..x }).collect();
        prop_assert!((match_percent(&a, &a) - 100.0).abs() < 1e-9);
    }

    /// Moving one of `b`'s answers to one `a` accepts never lowers the match.
    #[test]
    fn monotone_in_agreement(a in answers(1..20), b in answers(1..20), q in any::<prop::sample::Index>()) {
        let n = a.len().min(b.len());
        let i = q.index(n);
        let Some(good) = (0u8..=5).find(|v| a[i].accepted & (1 << v) != 0) else { return Ok(()) };
        let mut better = b.clone();
        better[i].value = good;
        prop_assert!(satisfaction(&a, &better) >= satisfaction(&a, &b));
        prop_assert!(match_percent(&a, &better) >= match_percent(&a, &b) - 1e-9);
    }
}

#[test]
fn few_shared_questions_are_discounted_and_mandatory_disagreement_dominates() {
    let yes = |value, importance| Answer {
        value,
        accepted: 1 << value,
        importance,
    };
    let same: Vec<Answer> = (0..2).map(|_| yes(1, 2)).collect();
    assert!((match_percent(&same, &same) - 100.0 * 2.0 / MIN_SHARED as f64).abs() < 1e-9);
    // Agreeing on 4 minor questions does not outweigh disagreeing on a mandatory one.
    let mut a: Vec<Answer> = (0..5).map(|_| yes(1, 1)).collect();
    a[0] = yes(1, 4);
    let mut b = a.clone();
    b[0] = yes(2, 4);
    assert!(match_percent(&a, &b) < 5.0, "{}", match_percent(&a, &b));
}

/// The members' app (`frontend-abi/app/src/logic/match.js`) ranks representatives with its own
/// copy of the score: both reproduce the same shared vectors, so they agree.
#[test]
fn the_apps_shared_vectors_are_this_score() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../frontend-abi/app/test/match-vectors.json"
    ))
    .expect("the vectors");
    let vectors: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let answers = |v: &serde_json::Value| -> Vec<Answer> {
        v.as_array()
            .expect("answers")
            .iter()
            .map(|a| Answer {
                value: a["value"].as_u64().expect("value") as u8,
                accepted: a["accepted"].as_u64().expect("accepted") as u16,
                importance: a["importance"].as_u64().expect("importance") as u8,
            })
            .collect()
    };
    let cases = vectors["cases"].as_array().expect("cases");
    assert!(cases.len() >= 12);
    for case in cases {
        let got = match_percent(&answers(&case["a"]), &answers(&case["b"]));
        let expected = case["expected"].as_f64().expect("expected");
        assert!(
            (got - expected).abs() < 1e-9,
            "{}: {got} != {expected}",
            case["name"]
        );
    }
    for ranking in vectors["rankings"].as_array().expect("rankings") {
        let reps: Vec<(String, Vec<Answer>)> = ranking["reps"]
            .as_array()
            .expect("reps")
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().expect("id").to_owned(),
                    answers(&r["answers"]),
                )
            })
            .collect();
        let order: Vec<&str> = usos_e2e_tests::matching::rank(&answers(&ranking["member"]), &reps)
            .into_iter()
            .map(|(id, _)| id.as_str())
            .collect();
        let expected: Vec<&str> = ranking["expected_order"]
            .as_array()
            .expect("order")
            .iter()
            .map(|id| id.as_str().expect("id"))
            .collect();
        assert_eq!(order, expected, "{}", ranking["name"]);
    }
}
