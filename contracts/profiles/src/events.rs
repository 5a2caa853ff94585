//! Events of profiles; category and account are topics.
use ink::prelude::string::String;
pub use usos_primitives::events::CodeUpgraded;
use usos_primitives::{AccountId, CategoryId};

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireSet {
    #[ink(topic)]
    pub category: CategoryId,
    pub questions: u8,
    pub uri: String,
}

/// `account` published (or replaced) its answers in `category`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersPublished {
    #[ink(topic)]
    pub category: CategoryId,
    #[ink(topic)]
    pub account: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentativeStood {
    #[ink(topic)]
    pub category: CategoryId,
    #[ink(topic)]
    pub representative: AccountId,
    pub statement_uri: String,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentativeWithdrew {
    #[ink(topic)]
    pub category: CategoryId,
    #[ink(topic)]
    pub representative: AccountId,
}

/// `by` removed a representative who had stopped being a member.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentativeEvicted {
    #[ink(topic)]
    pub category: CategoryId,
    #[ink(topic)]
    pub representative: AccountId,
    pub by: AccountId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfilesEvent {
    QuestionnaireSet(QuestionnaireSet),
    AnswersPublished(AnswersPublished),
    RepresentativeStood(RepresentativeStood),
    RepresentativeWithdrew(RepresentativeWithdrew),
    RepresentativeEvicted(RepresentativeEvicted),
}
