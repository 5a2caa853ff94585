//! Host tests of the profiles core: bounded, typed answers; representatives listed once.

use crate::{data::ProfilesData, errors::Error, types::*};
use proptest::prelude::*;
use usos_primitives::AccountId;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn fresh(f: impl FnOnce(ProfilesData)) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut p = ProfilesData::new(acc(0));
        p.set_questionnaire(acc(0), 1, q(4, 3)).unwrap();
        f(p);
        Ok(())
    })
    .expect("off-chain test environment");
}

fn q(questions: u8, answer_max: u8) -> Questionnaire {
    Questionnaire {
        questions,
        answer_max,
        uri: "ipfs://finance-questions".into(),
    }
}

fn answers(n: usize, value: u8) -> Vec<Answer> {
    vec![
        Answer {
            value,
            accepted: 1 << value,
            importance: 2
        };
        n
    ]
}

#[test]
fn answers_are_checked_replaced_and_representatives_listed_once() {
    fresh(|mut p| {
        assert_eq!(
            p.publish(acc(1), true, 1, answers(3, 1)),
            Err(Error::WrongLength)
        );
        assert_eq!(
            p.publish(acc(1), true, 1, answers(4, 4)),
            Err(Error::OutOfRange)
        );
        assert_eq!(
            p.publish(acc(1), false, 1, answers(4, 1)),
            Err(Error::NotMember)
        );
        assert_eq!(
            p.publish(acc(1), true, 2, answers(4, 1)),
            Err(Error::NoQuestionnaire)
        );
        assert_eq!(
            p.stand(acc(1), true, 1, "ipfs://me".into()),
            Err(Error::NoAnswers)
        );
        p.publish(acc(1), true, 1, answers(4, 1)).unwrap();
        p.publish(acc(1), true, 1, answers(4, 2)).unwrap();
        assert_eq!(p.answers(1, acc(1)), Some(answers(4, 2)), "replaced");
        p.stand(acc(1), true, 1, "ipfs://me".into()).unwrap();
        p.stand(acc(1), true, 1, "ipfs://me-v2".into()).unwrap();
        assert_eq!(p.representatives(1), vec![acc(1)]);
        assert_eq!(p.statement(1, acc(1)), Some("ipfs://me-v2".into()));
        // Only a representative who stopped being a member can be evicted, by anyone.
        assert_eq!(p.evict(acc(9), 1, acc(1), true), Err(Error::StillMember));
        assert_eq!(
            p.evict(acc(9), 1, acc(2), false),
            Err(Error::NotRepresentative)
        );
        p.evict(acc(9), 1, acc(1), false).unwrap();
        assert_eq!(p.statement(1, acc(1)), None);
        p.stand(acc(1), true, 1, "ipfs://me".into()).unwrap();
        p.withdraw(acc(1), 1).unwrap();
        assert_eq!(p.withdraw(acc(1), 1), Err(Error::NotRepresentative));
        assert!(p.representatives(1).is_empty());
        assert_eq!(
            p.set_questionnaire(acc(1), 1, q(4, 3)),
            Err(Error::NotAdmin)
        );
        assert_eq!(
            p.set_questionnaire(acc(0), 1, q(65, 3)),
            Err(Error::InvalidQuestionnaire)
        );
        assert_eq!(
            p.set_questionnaire(acc(0), 1, q(4, 16)),
            Err(Error::InvalidQuestionnaire)
        );
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    /// A vector is accepted exactly when it has one answer per question and every value,
    /// accepted bit and importance is in range.
    #[test]
    fn only_well_formed_vectors_are_accepted(
        questions in 1u8..=8,
        answer_max in 0u8..=15,
        raw in prop::collection::vec((0u8..=16, any::<u16>(), 0u8..=5), 0..10),
    ) {
        let q = q(questions, answer_max);
        let answers: Vec<Answer> = raw
            .iter()
            .map(|(value, accepted, importance)| Answer { value: *value, accepted: *accepted, importance: *importance })
            .collect();
        let in_range = answers.iter().all(|a| {
            a.value <= answer_max
                && a.importance <= MAX_IMPORTANCE
                && (0..16).all(|bit| a.accepted & (1 << bit) == 0 || bit <= answer_max)
        });
        let expected = if answers.len() != usize::from(questions) {
            Err(Error::WrongLength)
        } else if !in_range {
            Err(Error::OutOfRange)
        } else {
            Ok(())
        };
        prop_assert_eq!(crate::data::check_answers(&q, &answers), expected);
    }
}

#[test]
fn a_representative_who_leaves_is_removed_from_every_category_it_stood_in() {
    fresh(|mut p| {
        let membership = acc(50);
        for category in 1..=MAX_STANDING as u32 + 1 {
            p.set_questionnaire(acc(0), category, q(4, 3)).unwrap();
            p.publish(acc(1), true, category, answers(4, 1)).unwrap();
            p.publish(acc(2), true, category, answers(4, 2)).unwrap();
        }
        for category in 1..=MAX_STANDING as u32 {
            p.stand(acc(1), true, category, "ipfs://one".into())
                .unwrap();
        }
        // One account stands in at most MAX_STANDING categories: its exit stays bounded.
        let last = MAX_STANDING as u32 + 1;
        assert_eq!(
            p.stand(acc(1), true, last, "ipfs://one".into()),
            Err(Error::TooManyCategories)
        );
        assert!(
            p.representatives(last).is_empty(),
            "a refusal changes nothing"
        );
        p.stand(acc(2), true, 1, "ipfs://two".into()).unwrap();
        p.withdraw(acc(1), 2).unwrap();
        assert_eq!(p.standing(acc(1)).len(), MAX_STANDING - 1);
        // A household change or an admission removes nothing.
        assert!(p
            .membership_changed(membership, acc(1), true)
            .unwrap()
            .is_empty());
        let events = p.membership_changed(membership, acc(1), false).unwrap();
        assert_eq!(events.len(), MAX_STANDING - 1, "one eviction per category");
        for category in 1..=MAX_STANDING as u32 {
            assert!(!p.representatives(category).contains(&acc(1)));
            assert_eq!(p.statement(category, acc(1)), None);
        }
        assert_eq!(p.representatives(1), vec![acc(2)], "the others stay");
        assert!(p.standing(acc(1)).is_empty());
        assert!(p
            .membership_changed(membership, acc(1), false)
            .unwrap()
            .is_empty());
    });
}
