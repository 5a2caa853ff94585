//! A cooperative whose members and representatives answered a category's questionnaire on the
//! real `profiles` contract, and the ranker run against it: what `usos match` shows and the
//! sandbox test checks.

use crate::{chain::id, matching, Contract, Coop};
use ink_sandbox::AccountId32;
use profiles::{Answer, Questionnaire};
use usos_primitives::CategoryId;

pub const FINANCE: CategoryId = 1;
pub const QUESTIONS: u8 = 8;
pub const ANSWER_MAX: u8 = 4;

pub struct Matching {
    pub coop: Coop,
    pub profiles: Contract,
    pub members: Vec<AccountId32>,
    pub reps: Vec<AccountId32>,
}

/// One suggestion: a representative, the match, and how many members it holds (itself and
/// everyone delegating to it in the category, now).
pub struct Suggestion {
    pub representative: AccountId32,
    pub percent: f64,
    pub members: u128,
}

/// Answers leaning towards `centre`: accepts answers within one step, cares moderately; the
/// `twist` changes one answer so members are not identical.
pub fn answers_around(centre: u8, twist: usize) -> Vec<Answer> {
    (0..usize::from(QUESTIONS))
        .map(|q| {
            let value = if q == twist % usize::from(QUESTIONS) {
                (centre + 1).min(ANSWER_MAX)
            } else {
                centre
            };
            let low = value.saturating_sub(1);
            let high = (value + 1).min(ANSWER_MAX);
            let accepted = (low..=high).fold(0u16, |m, v| m | (1 << v));
            Answer {
                value,
                accepted,
                importance: 2 + (q % 2) as u8,
            }
        })
        .collect()
}

impl Matching {
    /// `members` members (member i leans towards representative i % 3) and 3 representatives
    /// with answers centred on 0, 2 and 4, all published on-chain.
    pub fn build(members: usize) -> Self {
        let mut coop = Coop::new();
        let admin = coop.admin.clone();
        // The cooperative's own profiles: membership tells it of exits.
        let profiles = coop.profiles.clone();
        let questionnaire = Questionnaire {
            questions: QUESTIONS,
            answer_max: ANSWER_MAX,
            uri: "ipfs://riverside/finance-questionnaire".into(),
        };
        let out = coop.chain.call::<Result<(), profiles::Error>>(
            &profiles,
            &admin,
            "set_questionnaire",
            (FINANCE, questionnaire),
        );
        assert_eq!(out.value, Ok(()), "questionnaire");
        let reps: Vec<_> = (0..3).map(|i| coop.member(&format!("rep{i}"))).collect();
        for (i, rep) in reps.iter().enumerate() {
            publish(&mut coop, &profiles, rep, answers_around(2 * i as u8, 99));
            let out = coop.chain.call::<Result<(), profiles::Error>>(
                &profiles,
                rep,
                "stand",
                (FINANCE, format!("ipfs://riverside/rep{i}")),
            );
            assert_eq!(out.value, Ok(()), "standing");
        }
        let members: Vec<_> = (0..members)
            .map(|i| {
                let m = coop.member(&format!("m{i:03}"));
                publish(
                    &mut coop,
                    &profiles,
                    &m,
                    answers_around(2 * (i % 3) as u8, i),
                );
                m
            })
            .collect();
        Matching {
            coop,
            profiles,
            members,
            reps,
        }
    }

    pub fn answers_of(&mut self, who: &AccountId32) -> Vec<Answer> {
        let answers: Option<Vec<Answer>> =
            self.coop
                .chain
                .query(&self.profiles, "answers", (FINANCE, id(who)));
        answers.unwrap_or_default()
    }

    /// The representatives ranked for `member`, best first, read from the chain.
    pub fn suggest(&mut self, member: &AccountId32) -> Vec<Suggestion> {
        let listed: Vec<ink::primitives::AccountId> =
            self.coop
                .chain
                .query(&self.profiles, "representatives", FINANCE);
        let mine = self.answers_of(member);
        let reps: Vec<(AccountId32, Vec<Answer>)> = listed
            .iter()
            .map(|r| {
                let account = AccountId32::new(*r.as_ref());
                let answers = self.answers_of(&account);
                (account, answers)
            })
            .collect();
        let now = self.coop.chain.block();
        matching::rank(&mine, &reps)
            .into_iter()
            .map(|(rep, percent)| {
                let power: Result<governance::PoolAmounts, governance::Error> = self
                    .coop
                    .chain
                    .query(&self.coop.governance, "power_at", (FINANCE, id(rep), now));
                Suggestion {
                    representative: rep.clone(),
                    percent,
                    members: power.map(|p| p.equal).unwrap_or(0),
                }
            })
            .collect()
    }

    /// `member` delegates the category to `rep` in governance.
    pub fn delegate(
        &mut self,
        member: &AccountId32,
        rep: &AccountId32,
    ) -> Result<(), governance::Error> {
        let governance = self.coop.governance.clone();
        self.coop
            .chain
            .call(&governance, member, "delegate", (FINANCE, id(rep)))
            .value
    }
}

fn publish(coop: &mut Coop, profiles: &Contract, who: &AccountId32, answers: Vec<Answer>) {
    let out = coop.chain.call::<Result<(), profiles::Error>>(
        profiles,
        who,
        "publish_answers",
        (FINANCE, answers),
    );
    assert_eq!(out.value, Ok(()), "publishing answers");
}

/// An account's name as the sandbox made it (`Chain::account` pads names with zero bytes).
pub fn name_of(account: &AccountId32) -> String {
    let bytes: &[u8; 32] = account.as_ref();
    let end = bytes.iter().position(|b| *b == 0).unwrap_or(32);
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}
