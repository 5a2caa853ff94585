use crate::tally::TallyError;
use usos_primitives::CheckpointError;

/// Every way a merit message can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only the admin (the cooperative's governance) may do this.
    NotAdmin,
    /// The caller is not a member of the cooperative.
    CallerNotMember,
    /// The nominee is not a member of the cooperative.
    NomineeNotMember,
    UnknownCategory,
    /// The listener (governance) refused or failed to record the change; nothing changed.
    ListenerFailed,
    /// Rules out of range: no levels, too many levels, a zero-point level, zero attestations,
    /// a zero window, a zero lifetime, or a revocation majority outside 5,001..=10,000.
    InvalidRules,
    /// A name longer than `MAX_NAME_LEN` bytes.
    NameTooLong,
    /// A lifetime may be lengthened, never shortened (expiries must stay in issue order).
    LifetimeShortened,
    /// The level is not one of the category's levels.
    InvalidLevel,
    /// The category has no holders to attest yet: the admin grants the first credentials.
    NoHolders,
    /// The member holds no live credential in this category.
    NoCredential,
    UnknownNomination,
    /// The nomination is already decided.
    NominationClosed,
    /// The attestation window has ended.
    WindowClosed,
    /// The attestation window is still open: finalise after it.
    WindowOpen,
    /// Only live holders of the category attest.
    NotHolder,
    /// A nominee cannot attest its own nomination.
    SelfAttestation,
    /// One attestation per holder per nomination.
    AlreadyAttested,
    /// The credential has not expired yet.
    NotExpired,
    /// The member already holds live credentials in `MAX_HELD` categories.
    TooManyCredentials,
    /// The membership contract could not be asked.
    MembershipUnavailable,
    Overflow,
    /// A history write for a block before its latest checkpoint.
    BlockInPast,
    /// `set_code` refused the code: no such code, or one that does not run this contract
    /// (a front, another contract's code: asked for `version()` on this contract's storage, it
    /// does not answer).
    UpgradeFailed,
    // Added with the settled-swarm rule; appended so the earlier variants keep their indices.
    /// Fewer holders could attest (the nominee excepted) than the nomination would need
    /// approvals: it could never pass.
    TooFewHolders,
    /// The caller's credential was issued after the nomination: only credentials already
    /// held when it was made attest it.
    NotHeldAtNomination,
    /// An `Issue(level)` nomination is attested only by holders of that level or higher.
    LevelTooLow,
    /// A category needs a name (not only spaces).
    EmptyName,
}

impl From<CheckpointError> for Error {
    fn from(error: CheckpointError) -> Self {
        match error {
            CheckpointError::BlockInPast => Error::BlockInPast,
            CheckpointError::HistoryFull => Error::Overflow,
        }
    }
}

impl From<TallyError> for Error {
    fn from(error: TallyError) -> Self {
        match error {
            TallyError::OutOfOrder => Error::LifetimeShortened,
            TallyError::Overflow => Error::Overflow,
            TallyError::BlockInPast => Error::BlockInPast,
        }
    }
}

impl From<usos_primitives::NotAdmin> for Error {
    fn from(_: usos_primitives::NotAdmin) -> Self {
        Error::NotAdmin
    }
}
