//! Cross-contract interfaces. A contract implements the trait; a caller reaches it with
//! `ink::contract_ref!(Trait)`. Selectors derive from the trait and message names, so they are
//! stable across contract versions; a message added to a trait (as `membership_changed_many`)
//! is answered only by listeners of the release that has it.

use crate::{AccountId, BlockNumber, CategoryId, HouseholdId, Rate, Share};
use ink::prelude::vec::Vec;

/// One account's membership as `membership` reports it: the account, whether it is a member,
/// and its household.
pub type MemberChange = (AccountId, bool, Option<HouseholdId>);

/// What other contracts read from `membership`, at any past block.
#[ink::trait_definition]
pub trait MembershipView {
    /// Was `account` a member at the end of `block`?
    #[ink(message)]
    fn is_member_at(&self, account: AccountId, block: BlockNumber) -> bool;

    /// How many members the cooperative had at the end of `block`.
    #[ink(message)]
    fn member_count_at(&self, block: BlockNumber) -> u32;

    /// The household `account` belonged to at the end of `block`.
    #[ink(message)]
    fn household_of_at(&self, account: AccountId, block: BlockNumber) -> Option<HouseholdId>;
}

/// Told by `membership`, in the same transaction, whenever an account's membership or
/// household changes, so a contract that weighs members (capital) stays exact at every block.
/// The new state comes with the call: the listener never calls back into `membership`.
#[ink::trait_definition]
pub trait MembershipListener {
    #[ink(message)]
    fn membership_changed(
        &mut self,
        account: AccountId,
        is_member: bool,
        household: Option<HouseholdId>,
    ) -> Result<(), ListenerError>;

    /// Many changes in one call (a batched admission): the same as `membership_changed` for
    /// each, in order, but the listener's code is loaded once.
    #[ink(message)]
    fn membership_changed_many(&mut self, changes: Vec<MemberChange>) -> Result<(), ListenerError>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ListenerError {
    /// The call did not come from the contract this listener listens to.
    UnknownCaller,
    /// The listener could not record the change.
    Failed,
}

/// Told by `merit` whenever a member's live points in a category change: a credential issued,
/// superseded or revoked, or its expiry noted (`note_expiry`). `points` is the new value.
#[ink::trait_definition]
pub trait MeritListener {
    #[ink(message)]
    fn merit_changed(
        &mut self,
        member: AccountId,
        category: CategoryId,
        points: u32,
    ) -> Result<(), ListenerError>;
}

/// How one account's stake enters the capital pool, as capital reports it to governance.
/// A member no cap touches is `fixed: None` and holds `floor(λ·raw)`; a member at its cap or in
/// a full household holds exactly `fixed`, whatever `λ` does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CapitalInput {
    pub raw: u128,
    pub fixed: Option<Share>,
}

impl CapitalInput {
    /// This account's share of the pool at rate `rate`.
    pub fn share(self, rate: Rate) -> u128 {
        match self.fixed {
            Some(share) => share.0,
            None => rate.linear(self.raw),
        }
    }
}

/// Told by `capital` after every change: the new rate `λ` and the accounts whose input changed
/// (the one whose stake moved first, then some that reached or left a cap). The listener takes
/// a prefix of `changes`, as many as its work bound allows (at least one), and answers how
/// many; capital tells the rest in a later call.
#[ink::trait_definition]
pub trait CapitalListener {
    #[ink(message)]
    fn capital_changed(
        &mut self,
        rate: Rate,
        changes: ink::prelude::vec::Vec<(AccountId, CapitalInput)>,
    ) -> Result<u32, ListenerError>;
}

/// What governance reads from `capital`, at any past block.
#[ink::trait_definition]
pub trait CapitalView {
    /// `account`'s capped share of the capital pool at the end of `block`.
    #[ink(message)]
    fn share_at(&self, account: AccountId, block: BlockNumber) -> crate::Share;
}

/// What other contracts read from `merit`, at any past block.
#[ink::trait_definition]
pub trait MeritView {
    /// `member`'s merit points in `category` at the end of `block`.
    #[ink(message)]
    fn merit_at(&self, member: AccountId, category: CategoryId, block: BlockNumber) -> u32;

    /// Live merit points of all holders of `category` at the end of `block`.
    #[ink(message)]
    fn category_total_at(&self, category: CategoryId, block: BlockNumber) -> u128;
}

/// What capital asks governance before a withdrawal: a member's deposits stay until the last
/// proposal it voted on directly has ended, so a vote cannot be cast with capital that leaves
/// the next block.
#[ink::trait_definition]
pub trait VoteLock {
    /// The last block of the latest-ending proposal `account` voted on directly (0: none).
    #[ink(message)]
    fn voted_until(&self, account: AccountId) -> BlockNumber;
}

/// Merit's expiry sweep: governance runs one before each proposal, so an expired credential
/// stops counting in governance before any snapshot taken after it expired.
#[ink::trait_definition]
pub trait ExpirySweep {
    /// Notes, in expiry order, the credentials of `category` that have expired, examining at
    /// most `limit` of them. `Ok(true)`: none that has expired is left unnoted.
    #[ink(message)]
    fn sweep(&mut self, category: CategoryId, limit: u32) -> Result<bool, SweepError>;
}

/// A sweep could not note what it found (the listener refused, or a history write failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum SweepError {
    Failed,
}

/// How governance, recorders and other contracts (missions, for paid labour) record a
/// contribution in `capital`.
#[ink::trait_definition]
pub trait CapitalRecorder {
    #[ink(message)]
    fn record_contribution(
        &mut self,
        member: AccountId,
        amount: u128,
        evidence: crate::Hash,
    ) -> Result<(), RecordError>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RecordError {
    /// The caller is neither the admin nor an authorised recorder.
    NotRecorder,
    /// Only members' contributions are recorded.
    NotMember,
    ZeroAmount,
    /// Any other refusal (an arithmetic overflow).
    Failed,
}

/// The value of a cross-contract call that returns `Result<T, _>`, if the call went through
/// and the callee answered `Ok`.
#[inline(always)]
pub fn answered<T, E>(result: ink::env::Result<ink::MessageResult<Result<T, E>>>) -> Option<T> {
    result.ok()?.ok()?.ok()
}

/// Asks `membership` whether `account` is a member at `block`; `None` if the call failed.
pub fn is_member_at(membership: AccountId, account: AccountId, block: BlockNumber) -> Option<bool> {
    use ink::codegen::TraitCallBuilder;
    let membership: ink::contract_ref!(MembershipView, ink::env::DefaultEnvironment) =
        membership.into();
    membership
        .call()
        .is_member_at(account, block)
        .try_invoke()
        .ok()?
        .ok()
}
