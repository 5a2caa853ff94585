//! The profiles core: questionnaires, answers and the representatives of each category. Plain
//! Rust over ink! storage cells; the caller's membership comes in as an argument.
//!
//! Storage per member is bounded: one answer vector per category (at most 64 answers of 4
//! bytes), replaced on update. Each category lists at most 256 representatives, so a ranker can
//! read them without an indexer.

use crate::{errors::Error, events::*, types::*};
use ink::{
    prelude::{string::String, vec, vec::Vec},
    storage::Mapping,
};
use usos_primitives::{AccountId, Admin, CategoryId};

pub type Events = Vec<ProfilesEvent>;

// The storage_item expansion of the fields is what clippy finds complex.
#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct ProfilesData {
    admin: Admin,
    questionnaires: Mapping<CategoryId, Questionnaire>,
    answers: Mapping<(CategoryId, AccountId), Vec<Answer>>,
    statements: Mapping<(CategoryId, AccountId), String>,
    representatives: Mapping<CategoryId, Vec<AccountId>>,
    /// The categories each account stands in (at most `MAX_STANDING`).
    standing: Mapping<AccountId, Vec<CategoryId>>,
}

impl ProfilesData {
    pub fn new(admin: AccountId) -> Self {
        Self {
            admin: Admin::new(admin),
            questionnaires: Mapping::default(),
            answers: Mapping::default(),
            statements: Mapping::default(),
            representatives: Mapping::default(),
            standing: Mapping::default(),
        }
    }

    pub fn ensure_admin(&self, caller: AccountId) -> Result<(), Error> {
        self.admin.ensure(caller).map_err(|_| Error::NotAdmin)
    }

    pub fn set_admin(&mut self, caller: AccountId, new: AccountId) -> Result<(), Error> {
        self.admin
            .hand_over(caller, new)
            .map_err(|_| Error::NotAdmin)?;
        Ok(())
    }

    /// Admin: `category`'s questionnaire. Answers given to an earlier one stay until replaced
    /// (a ranker compares only the questions both sides answered).
    pub fn set_questionnaire(
        &mut self,
        caller: AccountId,
        category: CategoryId,
        q: Questionnaire,
    ) -> Result<Events, Error> {
        self.ensure_admin(caller)?;
        if q.questions == 0 || q.questions > MAX_QUESTIONS || q.answer_max > MAX_ANSWER {
            return Err(Error::InvalidQuestionnaire);
        }
        if q.uri.len() > MAX_URI_LEN {
            return Err(Error::UriTooLong);
        }
        self.questionnaires.insert(category, &q);
        Ok(vec![ProfilesEvent::QuestionnaireSet(QuestionnaireSet {
            category,
            questions: q.questions,
            uri: q.uri,
        })])
    }

    /// A member publishes (or replaces) its answers to `category`'s questionnaire.
    pub fn publish(
        &mut self,
        caller: AccountId,
        is_member: bool,
        category: CategoryId,
        answers: Vec<Answer>,
    ) -> Result<Events, Error> {
        if !is_member {
            return Err(Error::NotMember);
        }
        let q = self
            .questionnaires
            .get(category)
            .ok_or(Error::NoQuestionnaire)?;
        check_answers(&q, &answers)?;
        self.answers.insert((category, caller), &answers);
        Ok(vec![ProfilesEvent::AnswersPublished(AnswersPublished {
            category,
            account: caller,
        })])
    }

    /// A member who has answered stands as a representative in `category`.
    pub fn stand(
        &mut self,
        caller: AccountId,
        is_member: bool,
        category: CategoryId,
        statement_uri: String,
    ) -> Result<Events, Error> {
        if !is_member {
            return Err(Error::NotMember);
        }
        if statement_uri.len() > MAX_URI_LEN {
            return Err(Error::UriTooLong);
        }
        if !self.answers.contains((category, caller)) {
            return Err(Error::NoAnswers);
        }
        let mut reps = self.representatives.get(category).unwrap_or_default();
        if !reps.contains(&caller) {
            if reps.len() >= MAX_REPRESENTATIVES {
                return Err(Error::TooManyRepresentatives);
            }
            let mut standing = self.standing.get(caller).unwrap_or_default();
            if standing.len() >= MAX_STANDING {
                return Err(Error::TooManyCategories);
            }
            standing.push(category);
            self.standing.insert(caller, &standing);
            reps.push(caller);
            self.representatives.insert(category, &reps);
        }
        self.statements.insert((category, caller), &statement_uri);
        Ok(vec![ProfilesEvent::RepresentativeStood(
            RepresentativeStood {
                category,
                representative: caller,
                statement_uri,
            },
        )])
    }

    pub fn withdraw(&mut self, caller: AccountId, category: CategoryId) -> Result<Events, Error> {
        self.remove(category, caller)?;
        Ok(vec![ProfilesEvent::RepresentativeWithdrew(
            RepresentativeWithdrew {
                category,
                representative: caller,
            },
        )])
    }

    /// Anyone removes a representative who is no longer a member (`is_member`, asked of
    /// membership by the shell): members who left keep no slot of the bounded list.
    pub fn evict(
        &mut self,
        caller: AccountId,
        category: CategoryId,
        representative: AccountId,
        is_member: bool,
    ) -> Result<Events, Error> {
        if is_member {
            return Err(Error::StillMember);
        }
        self.remove(category, representative)?;
        Ok(vec![ProfilesEvent::RepresentativeEvicted(
            RepresentativeEvicted {
                category,
                representative,
                by: caller,
            },
        )])
    }

    /// membership (`caller`, checked by the shell against its own) reports `account`'s new
    /// state: a member who left stops representing, in every category it stood in (at most
    /// `MAX_STANDING`).
    pub fn membership_changed(
        &mut self,
        caller: AccountId,
        account: AccountId,
        is_member: bool,
    ) -> Result<Events, Error> {
        if is_member {
            return Ok(Vec::new());
        }
        let mut events = Vec::new();
        for category in self.standing.get(account).unwrap_or_default() {
            self.remove(category, account)?;
            events.push(ProfilesEvent::RepresentativeEvicted(
                RepresentativeEvicted {
                    category,
                    representative: account,
                    by: caller,
                },
            ));
        }
        Ok(events)
    }

    /// The categories `account` stands in.
    pub fn standing(&self, account: AccountId) -> Vec<CategoryId> {
        self.standing.get(account).unwrap_or_default()
    }

    fn remove(&mut self, category: CategoryId, representative: AccountId) -> Result<(), Error> {
        let mut reps = self.representatives.get(category).unwrap_or_default();
        let before = reps.len();
        reps.retain(|r| *r != representative);
        if reps.len() == before {
            return Err(Error::NotRepresentative);
        }
        self.representatives.insert(category, &reps);
        self.statements.remove((category, representative));
        let mut standing = self.standing.get(representative).unwrap_or_default();
        standing.retain(|c| *c != category);
        if standing.is_empty() {
            self.standing.remove(representative);
        } else {
            self.standing.insert(representative, &standing);
        }
        Ok(())
    }

    pub fn admin(&self) -> AccountId {
        self.admin.account()
    }

    pub fn questionnaire(&self, category: CategoryId) -> Option<Questionnaire> {
        self.questionnaires.get(category)
    }

    pub fn answers(&self, category: CategoryId, account: AccountId) -> Option<Vec<Answer>> {
        self.answers.get((category, account))
    }

    pub fn statement(&self, category: CategoryId, account: AccountId) -> Option<String> {
        self.statements.get((category, account))
    }

    pub fn representatives(&self, category: CategoryId) -> Vec<AccountId> {
        self.representatives.get(category).unwrap_or_default()
    }
}

/// One answer per question, each within the questionnaire's range.
pub fn check_answers(q: &Questionnaire, answers: &[Answer]) -> Result<(), Error> {
    if answers.len() != usize::from(q.questions) {
        return Err(Error::WrongLength);
    }
    // Bits above answer_max must be clear; answer_max <= 15 keeps the shift in range.
    let allowed: u16 = u16::MAX >> (MAX_ANSWER.saturating_sub(q.answer_max));
    let bad = answers.iter().any(|a| {
        a.value > q.answer_max || a.importance > MAX_IMPORTANCE || a.accepted & !allowed != 0
    });
    if bad {
        return Err(Error::OutOfRange);
    }
    Ok(())
}
