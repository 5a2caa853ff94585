use usos_primitives::psp22::PSP22Error;

/// Every way a missions message can refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only the admin (the cooperative's governance) may do this.
    NotAdmin,
    /// A token operation refused (e.g. the creator's balance cannot cover the bounty).
    Token(PSP22Error),
    UnknownMission,
    /// A zero bounty, a deadline not in the future, no or too many reviewers, a zero approval
    /// count or claimant limit, or a title over MAX_TITLE_LEN bytes.
    InvalidMission,
    AlreadyPaid,
    Cancelled,
    Expired,
    /// The mission's deadline has passed.
    DeadlinePassed,
    /// The mission can be expired only from its deadline on.
    DeadlineNotReached,
    /// Only the creator or the admin cancels (and while work awaits review, only the admin:
    /// `WorkSubmitted`).
    NotCreator,
    AlreadyClaimed,
    NotClaimant,
    /// The mission has its maximum number of claimants.
    ClaimsFull,
    /// There is no submitted work to review.
    NothingSubmitted,
    NotReviewer,
    /// A claimant cannot review its own work.
    SelfReview,
    /// One review per reviewer per submission.
    AlreadyReviewed,
    /// Only members claim missions.
    CallerNotMember,
    MembershipUnavailable,
    MeritUnavailable,
    /// capital refused to record the contributor's labour (is missions a recorder there?), or
    /// labour recording was to be enabled with no capital contract configured.
    CapitalRefused,
    Overflow,
    /// `set_code` refused the code: no such code, or one that does not run this contract
    /// (a front, another contract's code: asked for `version()` on this contract's storage, it
    /// does not answer).
    UpgradeFailed,
    // Appended, so the earlier variants keep their SCALE indices.
    /// Submitted work awaits review on the mission: until its round ends only the admin
    /// cancels it, so a creator cannot take the escrow back just before the approving review.
    /// Expiry from the deadline on is unaffected.
    WorkSubmitted,
    /// A creator cannot claim its own mission (it would pay itself out of its own escrow).
    CreatorCannotClaim,
    /// A mission needs a title (not only spaces).
    EmptyTitle,
    /// `approvals_needed` is more than the listed reviewers: the mission could never pay.
    ApprovalsExceedReviewers,
    /// A reviewer is listed twice.
    DuplicateReviewer,
    /// Tokens are never minted into the escrow (missions' own account).
    MintToEscrow,
    /// The claim is younger than the claim timeout (since claiming or its last rejection):
    /// only its claimant may give it up yet.
    ClaimNotStale,
    /// A claim timeout outside `MIN_CLAIM_TIMEOUT..=MAX_CLAIM_TIMEOUT`.
    InvalidClaimTimeout,
    /// The mission has free claim slots: nobody is kept out, so only the claimant gives its
    /// claim up.
    ClaimsNotFull,
    /// `use_front` with a code that is not a token front of this missions build (it does not
    /// answer `front_for` with this build's fingerprint), or with the whole code itself.
    NotAFront,
    /// A front's code was instantiated on its own: it runs only in a missions contract made
    /// with the whole code (`use_front`).
    FrontAlone,
    /// `set_code` with a front's code: a front runs only beside the whole code, so it is
    /// installed by `use_front`, never as the whole code.
    IsAFront,
}

impl From<PSP22Error> for Error {
    fn from(error: PSP22Error) -> Self {
        Error::Token(error)
    }
}

impl From<usos_primitives::NotAdmin> for Error {
    fn from(_: usos_primitives::NotAdmin) -> Self {
        Error::NotAdmin
    }
}

impl From<usos_primitives::front::FrontError> for Error {
    fn from(error: usos_primitives::front::FrontError) -> Self {
        use usos_primitives::front::FrontError;
        match error {
            FrontError::NotAFront => Error::NotAFront,
            FrontError::IsAFront => Error::IsAFront,
            FrontError::UpgradeFailed => Error::UpgradeFailed,
        }
    }
}
