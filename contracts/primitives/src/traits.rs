//! Cross-contract interfaces. A contract implements the trait; a caller reaches it with
//! `ink::contract_ref!(Trait)`. Selectors derive from the trait and message names, so they are
//! stable across contract versions.

use crate::{AccountId, BlockNumber, HouseholdId};

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
