//! Questionnaires and answers.

use ink::prelude::string::String;

/// Questions a questionnaire may have.
pub const MAX_QUESTIONS: u8 = 64;
/// Answers are 0..=answer_max, at most 15 (an accepted set is a 16-bit mask).
pub const MAX_ANSWER: u8 = 15;
/// Importance 0 (irrelevant) ..= 4 (mandatory).
pub const MAX_IMPORTANCE: u8 = 4;
pub const MAX_URI_LEN: usize = 256;
/// Representatives listed per category.
pub const MAX_REPRESENTATIVES: usize = 256;
/// Categories one account stands in: what its exit removes, bounded.
pub const MAX_STANDING: usize = 16;

/// A category's questionnaire: the texts live at `uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Questionnaire {
    pub questions: u8,
    pub answer_max: u8,
    pub uri: String,
}

/// One question answered the OkCupid way: my answer, the answers I accept from the other
/// (bit `a` set: answer `a` is acceptable), and how much the question matters to me.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Answer {
    pub value: u8,
    pub accepted: u16,
    pub importance: u8,
}
