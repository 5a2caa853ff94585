/// Every way a profiles message can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only the admin (governance) sets questionnaires.
    NotAdmin,
    /// Only members publish answers or stand as representatives.
    NotMember,
    /// membership could not be asked.
    MembershipUnavailable,
    /// The category has no questionnaire.
    NoQuestionnaire,
    /// No questions, more than `MAX_QUESTIONS`, or an answer range above `MAX_ANSWER`.
    InvalidQuestionnaire,
    /// Not one answer per question.
    WrongLength,
    /// An answer above the questionnaire's range, an accepted answer out of range, or an
    /// importance above `MAX_IMPORTANCE`.
    OutOfRange,
    UriTooLong,
    /// The category already lists `MAX_REPRESENTATIVES`.
    TooManyRepresentatives,
    /// Representatives publish their answers first.
    NoAnswers,
    NotRepresentative,
    /// `set_code` refused the code: no such code, or one that does not run this contract
    /// (a front, another contract's code: asked for `version()` on this contract's storage, it
    /// does not answer).
    UpgradeFailed,
    /// Only a representative who is no longer a member can be evicted.
    StillMember,
    /// The account already stands in `MAX_STANDING` categories.
    TooManyCategories,
}
