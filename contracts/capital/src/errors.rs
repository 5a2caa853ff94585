use usos_primitives::CheckpointError;

/// Every way a capital message can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only the admin (the cooperative's governance) may do this.
    NotAdmin,
    /// Only the admin or an authorised recorder records contributions.
    NotRecorder,
    /// Only the cooperative's membership contract reports membership changes.
    NotMembership,
    /// The listener (governance) refused or failed to record the change; nothing changed.
    ListenerFailed,
    /// Only members invest (a former member may still withdraw).
    NotMember,
    ZeroAmount,
    /// More than the deposited balance.
    InsufficientStake,
    /// Deposits are locked until the policy's lock period has passed.
    Locked,
    /// The member voted on a proposal that has not ended: its deposits stay until then.
    VoteLocked,
    /// Governance could not be asked how long the member's votes lock its deposits.
    GovernanceUnavailable,
    /// The recorder would record more than its limit for the current period.
    RecorderLimit,
    /// A recorder limit with a zero period.
    InvalidLimit,
    /// A correction larger than the member's recorded contributions.
    InsufficientContribution,
    /// Caps must satisfy 100 <= individual <= household <= 10000 basis points.
    InvalidCaps,
    /// The native transfer of a withdrawal failed.
    TransferFailed,
    Overflow,
    /// A history write for a block before its latest checkpoint.
    BlockInPast,
    /// A household would exceed the bound membership enforces.
    HouseholdTooLarge,
    /// `set_code` refused the code: no such code, or one that does not run this contract
    /// (a front, another contract's code: asked for `version()` on this contract's storage, it
    /// does not answer).
    UpgradeFailed,
    /// `flush_reports` with no report waiting.
    NothingPending,
    /// `flush_reports` while capital has no listener to tell.
    NoListener,
}

impl From<CheckpointError> for Error {
    fn from(error: CheckpointError) -> Self {
        match error {
            CheckpointError::BlockInPast => Error::BlockInPast,
            CheckpointError::HistoryFull => Error::Overflow,
        }
    }
}

impl From<crate::waterfill::MathError> for Error {
    fn from(_: crate::waterfill::MathError) -> Self {
        Error::Overflow
    }
}

impl From<usos_primitives::NotAdmin> for Error {
    fn from(_: usos_primitives::NotAdmin) -> Self {
        Error::NotAdmin
    }
}
