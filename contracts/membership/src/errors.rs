use usos_primitives::CheckpointError;

/// Every way a membership message can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only the admin (the cooperative's governance) may do this.
    NotAdmin,
    /// The caller is not a member.
    CallerNotMember,
    /// The account named in the call is already a member.
    AlreadyMember,
    /// The account named in the call is not a member.
    NotMember,
    /// Membership is soulbound: it cannot be transferred.
    Soulbound,
    /// The member already belongs to a household (one household per member).
    AlreadyInHousehold,
    /// The member belongs to no household.
    NotInHousehold,
    /// No household has this id.
    UnknownHousehold,
    /// Joining a household needs an invitation from one of its members.
    NotInvited,
    /// This account already holds an invitation to this household.
    AlreadyInvited,
    /// A counter would overflow.
    Overflow,
    /// A history write for a block before its latest checkpoint.
    BlockInPast,
    /// `set_code` refused the code: no such code, or one that does not run this contract
    /// (a front, another contract's code: asked for `version()` on this contract's storage, it
    /// does not answer).
    UpgradeFailed,
    /// A household holds at most `MAX_HOUSEHOLD_SIZE` members.
    HouseholdFull,
    /// More than `MAX_LISTENERS` listeners.
    TooManyListeners,
    /// A listener (capital, governance) refused or failed to record the change; nothing changed.
    ListenerFailed,
    /// The member already asked to leave its household.
    AlreadyLeaving,
    /// The member has not asked to leave its household.
    NotLeaving,
    /// The household exit takes effect later (`household_delay` after the request).
    ExitNotDue,
    // Appended, so the earlier variants keep their SCALE indices.
    /// The invitation is older than `INVITATION_LIFETIME` blocks: ask for a new one.
    InvitationExpired,
    /// The member who invited has left the household since: ask for a new invitation.
    InviterLeft,
    /// That member is not in the caller's household.
    NotInYourHousehold,
    /// `admit_many` with no account.
    EmptyBatch,
    /// `admit_many` with more than `MAX_ADMIT_BATCH` accounts.
    BatchTooLarge,
}

impl From<CheckpointError> for Error {
    fn from(error: CheckpointError) -> Self {
        match error {
            CheckpointError::BlockInPast => Error::BlockInPast,
            CheckpointError::HistoryFull => Error::Overflow,
        }
    }
}

impl From<usos_primitives::NotAdmin> for Error {
    fn from(_: usos_primitives::NotAdmin) -> Self {
        Error::NotAdmin
    }
}
