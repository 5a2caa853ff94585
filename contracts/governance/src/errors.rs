use crate::types::Param;
use usos_primitives::CheckpointError;

/// Every way a governance message can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Error {
    /// Only governance itself may do this: through a proposal that passed.
    NotGovernance,
    /// Only the account that deployed governance may connect it, once.
    NotDeployer,
    AlreadyConnected,
    /// A report from a contract other than the connected membership, merit or capital.
    UnknownSource,
    /// Only members (at the current block) may propose or delegate.
    NotMember,
    /// No such category: governance creates categories by proposal (`set_params`).
    UnknownCategory,
    /// The action at this index (0-based) is not one the proposal's category may carry.
    ActionNotAllowed(u32),
    /// Credentials of the category have expired and are not yet noted: call
    /// `merit.sweep(category, limit)` until it answers `true`, then propose.
    ExpiriesPending,
    /// merit could not be asked to note expired credentials.
    SweepFailed,
    SelfDelegation,
    /// The delegation would close a cycle.
    Cycle,
    /// The delegation would make a chain longer than the category's `max_depth`.
    TooDeep,
    /// The account already delegates in `MAX_DELEGATIONS` categories.
    TooManyDelegations,
    /// The account does not delegate in this category.
    NotDelegating,
    /// A set-up list longer than governance accepts.
    InvalidParams,
    TitleTooLong,
    DescriptionTooLong,
    TooManyActions,
    ActionTooLarge,
    UnknownProposal,
    /// Voting is not open: before the snapshot's next block or after the voting period.
    VotingClosed,
    AlreadyVoted,
    /// No points at the snapshot: no membership, merit or capital of one's own or delegated.
    NoVotingPower,
    /// The voting period has not ended.
    VotingNotEnded,
    /// The proposal was already finalised, executed or canceled.
    NotOpen,
    /// Not a queued proposal.
    NotQueued,
    /// Queued, but its timelock has not passed.
    Timelocked,
    /// Queued, but the grace period for execution has passed.
    Expired,
    /// Only the proposer (while Pending) or governance (before execution) may cancel.
    NotProposer,
    /// The proposer cancels only while its proposal is Pending; later only governance can.
    NotPending,
    /// The member already has `Config.open_per_member` proposals in voting.
    TooManyOpenProposals,
    /// An action's call failed or was refused; nothing of the execution remains.
    ActionFailed,
    /// `set_code` refused the code: no such code, or one that does not run this contract
    /// (a front, another contract's code: asked for `version()` on this contract's storage, it
    /// does not answer).
    UpgradeFailed,
    Overflow,
    /// A history write out of order (cannot happen with block numbers from the chain).
    History,
    // Appended, so the earlier variants keep their SCALE indices.
    /// The change would put this parameter out of its bounds (see `Param`): no passed proposal
    /// can leave governance unable to decide.
    OutOfBounds(Param),
    /// The constitution always carries calls to governance itself: its rule cannot be
    /// withdrawn, or nothing could ever change governance again.
    ConstitutionRule,
    /// A proposal needs a title (not only spaces).
    EmptyTitle,
    /// `fund` was called without sending anything.
    NothingSent,
    /// The treasury could not pay (too little balance, or the payment would leave the
    /// treasury or the payee below the existential deposit).
    TransferFailed,
    /// A relayed vote whose signature is not by the voter's registered key (a forgery, or made
    /// for another proposal, choice or cooperative), or cannot be recovered at all.
    BadSignature,
    /// A relayed vote for a voter with no voting key, whose account is not the signing key (a
    /// forgery, a revoked key, or a signature made for another vote).
    NoVotingKey,
    /// Not a compressed secp256k1 public key.
    InvalidVotingKey,
    /// `cast_votes` with no vote.
    EmptyBatch,
    /// `cast_votes` with more than `relay::MAX_BATCH` votes.
    BatchTooLarge,
    /// `use_front` with a code that is not a front of this governance build (it does not
    /// answer `front_for` with this build's fingerprint), or with the whole code itself.
    NotAFront,
    /// A front's code was instantiated on its own: it runs only in a governance made with
    /// the whole code (`use_front`).
    FrontAlone,
    /// `set_code` with a front's code: a front runs only beside governance's whole code, so
    /// it is installed by `use_front`, never as the whole code.
    IsAFront,
}

impl From<CheckpointError> for Error {
    fn from(_: CheckpointError) -> Self {
        Error::History
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
