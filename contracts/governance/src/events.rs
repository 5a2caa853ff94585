//! Events of governance; proposal, account and category are topics, except on the events of
//! the hot paths.
//!
//! Every topic costs proof: pallet-contracts charges each one ≈ 2.5 KB (frame_system indexes
//! the event under it), more than the storage a vote touches. So the events emitted per vote,
//! per delegation and per reported power change carry their accounts in their data only:
//! `DelegationChanged` and `PowerChanged` keep just the signature topic that tells explorers
//! which event it is, and `VoteCast`, of which a decision emits millions, is anonymous with no
//! topic at all. It is governance's only anonymous event with no topics, which is how
//! polkadot.js (and the e2e harness) recognise it without a signature topic.
use crate::types::{Choice, Outcome, PoolAmounts, ProposalId};
use ink::prelude::string::String;
pub use usos_primitives::events::{CodeUpgraded, FrontChanged};
use usos_primitives::{AccountId, BlockNumber, CategoryId};

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    pub membership: AccountId,
    pub merit: AccountId,
    pub capital: AccountId,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCreated {
    #[ink(topic)]
    pub proposal: ProposalId,
    #[ink(topic)]
    pub proposer: AccountId,
    #[ink(topic)]
    pub category: CategoryId,
    pub title: String,
    pub snapshot: BlockNumber,
    pub vote_end: BlockNumber,
    pub actions: u32,
}

#[ink::event(anonymous)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteCast {
    pub proposal: ProposalId,
    pub voter: AccountId,
    pub choice: Choice,
    /// Pool amounts this vote counts (its own and what was delegated to it, less the parts
    /// whose owners voted themselves).
    pub counted: PoolAmounts,
    /// The delegate whose vote these points left (an override), if it had voted.
    pub overrode: Option<AccountId>,
}

/// A vote carrying delegated points came in the proposal's last `override_window` blocks: the
/// voting period now ends at `vote_end`, so the delegators can still override it.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VotingExtended {
    #[ink(topic)]
    pub proposal: ProposalId,
    pub vote_end: BlockNumber,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegationChanged {
    pub delegator: AccountId,
    pub category: CategoryId,
    pub from: Option<AccountId>,
    pub to: Option<AccountId>,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalFinalised {
    #[ink(topic)]
    pub proposal: ProposalId,
    pub outcome: Outcome,
    /// Executable from this block when the proposal passed.
    pub eta: Option<BlockNumber>,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalExecuted {
    #[ink(topic)]
    pub proposal: ProposalId,
}

/// Native currency sent to the treasury (governance's own account) with `fund`.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryFunded {
    #[ink(topic)]
    pub from: AccountId,
    pub value: u128,
}

/// The treasury paid `value` of native currency to `to` (a proposal's `pay` action).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreasuryPaid {
    #[ink(topic)]
    pub to: AccountId,
    pub value: u128,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCanceled {
    #[ink(topic)]
    pub proposal: ProposalId,
    pub by: AccountId,
}

/// A category was created (its first parameters) or its parameters changed.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamsChanged {
    #[ink(topic)]
    pub category: CategoryId,
}

/// A category may now (or may no longer) carry calls to `callee` (`selector`, or any).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRuleChanged {
    #[ink(topic)]
    pub category: CategoryId,
    pub callee: AccountId,
    pub selector: Option<[u8; 4]>,
    pub allowed: bool,
}

#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigChanged {
    pub budget: u128,
    pub grace: BlockNumber,
    pub open_per_member: u32,
}

/// A source contract reported a change of `account`'s membership, merit or capital.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerChanged {
    pub account: AccountId,
    pub source: AccountId,
}

/// `account` set (`Some`), rotated or revoked (`None`) the key of its relayed votes.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VotingKeyChanged {
    #[ink(topic)]
    pub account: AccountId,
    pub key: Option<crate::relay::VotingKey>,
}

/// A relayed vote that was not counted, and why; the rest of its batch was.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRefused {
    #[ink(topic)]
    pub proposal: ProposalId,
    #[ink(topic)]
    pub voter: AccountId,
    pub error: crate::errors::Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GovernanceEvent {
    Connected(Connected),
    ProposalCreated(ProposalCreated),
    VoteCast(VoteCast),
    VotingExtended(VotingExtended),
    DelegationChanged(DelegationChanged),
    ProposalFinalised(ProposalFinalised),
    ProposalExecuted(ProposalExecuted),
    ProposalCanceled(ProposalCanceled),
    ParamsChanged(ParamsChanged),
    ActionRuleChanged(ActionRuleChanged),
    ConfigChanged(ConfigChanged),
    PowerChanged(PowerChanged),
    VotingKeyChanged(VotingKeyChanged),
}
