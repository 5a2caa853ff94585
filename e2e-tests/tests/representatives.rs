//! Representative matching on the real Wasm: answers on-chain in `profiles`, the ranker's top
//! pick, and the delegation it leads to in `governance`.

use profiles::{Answer, Error, Questionnaire};
use usos_e2e_tests::{
    id,
    representatives::{answers_around, Matching, FINANCE, QUESTIONS},
};

#[test]
fn the_top_pick_is_the_representative_a_member_agrees_with_and_delegating_follows() {
    let mut m = Matching::build(20);
    for i in 0..m.members.len() {
        let member = m.members[i].clone();
        let suggestions = m.suggest(&member);
        assert_eq!(suggestions.len(), 3);
        assert_eq!(suggestions[0].representative, m.reps[i % 3], "member {i}");
        assert!(suggestions[0].percent > suggestions[2].percent);
    }
    let member = m.members[4].clone();
    let best = m.suggest(&member)[0].representative.clone();
    let before = m.suggest(&member)[0].members;
    assert_eq!(m.delegate(&member, &best), Ok(()));
    let delegate: Option<ink::primitives::AccountId> =
        m.coop
            .chain
            .query(&m.coop.governance, "delegate_of", (FINANCE, id(&member)));
    assert_eq!(delegate, Some(id(&best)));
    assert_eq!(
        m.suggest(&member)[0].members,
        before + 1,
        "the rep now holds the member"
    );
}

#[test]
fn malformed_answers_and_strangers_are_refused() {
    let mut m = Matching::build(1);
    let member = m.members[0].clone();
    let profiles = m.profiles.clone();
    let short = answers_around(1, 0)[..3].to_vec();
    let out = m.coop.chain.call::<Result<(), Error>>(
        &profiles,
        &member,
        "publish_answers",
        (FINANCE, short),
    );
    assert_eq!(out.value, Err(Error::WrongLength));
    let mut wild = answers_around(1, 0);
    wild[0] = Answer {
        value: 9,
        accepted: 1,
        importance: 1,
    };
    let out = m.coop.chain.call::<Result<(), Error>>(
        &profiles,
        &member,
        "publish_answers",
        (FINANCE, wild),
    );
    assert_eq!(out.value, Err(Error::OutOfRange));
    let stranger = m.coop.chain.account("stranger");
    let out = m.coop.chain.call::<Result<(), Error>>(
        &profiles,
        &stranger,
        "publish_answers",
        (FINANCE, answers_around(1, 0)),
    );
    assert_eq!(out.value, Err(Error::NotMember));
    let q = Questionnaire {
        questions: QUESTIONS,
        answer_max: 4,
        uri: String::new(),
    };
    let out = m.coop.chain.call::<Result<(), Error>>(
        &profiles,
        &stranger,
        "set_questionnaire",
        (FINANCE, q),
    );
    assert_eq!(out.value, Err(Error::NotAdmin));
}

#[test]
fn a_representative_who_leaves_is_taken_off_every_list() {
    // Before #17's fix a leaver kept its slot (256 per category) until someone evicted it.
    let mut m = Matching::build(2);
    let leaver = m.reps[0].clone();
    let membership = m.coop.membership.clone();
    let out = m
        .coop
        .chain
        .call::<Result<(), membership::Error>>(&membership, &leaver, "leave", ());
    assert_eq!(out.value, Ok(()));
    let reps: Vec<ink::primitives::AccountId> =
        m.coop.chain.query(&m.profiles, "representatives", FINANCE);
    assert!(!reps.contains(&id(&leaver)), "the leaver is off the list");
    assert_eq!(
        reps,
        vec![id(&m.reps[1]), id(&m.reps[2])],
        "the others stay"
    );
    let standing: Vec<u32> = m.coop.chain.query(&m.profiles, "standing", id(&leaver));
    assert!(standing.is_empty());
    let statement: Option<String> =
        m.coop
            .chain
            .query(&m.profiles, "statement", (FINANCE, id(&leaver)));
    assert_eq!(statement, None);
}
