//! The PSP22 fungible-token interface (the ink! ecosystem's ERC-20). The trait and message
//! names fix the selectors (`blake2b("PSP22::transfer")`, ...), so wallets and explorers that
//! know PSP22 recognise the usOS token.

use crate::AccountId;
use ink::prelude::{string::String, vec::Vec};

#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PSP22Error {
    Custom(String),
    InsufficientBalance,
    InsufficientAllowance,
    ZeroRecipientAddress,
    ZeroSenderAddress,
    SafeTransferCheckFailed(String),
}

#[ink::trait_definition]
pub trait PSP22 {
    #[ink(message)]
    fn total_supply(&self) -> u128;

    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u128;

    #[ink(message)]
    fn allowance(&self, owner: AccountId, spender: AccountId) -> u128;

    /// A zero value or a transfer to oneself succeeds without effect or event.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, value: u128, data: Vec<u8>) -> Result<(), PSP22Error>;

    /// Spends the caller's allowance from `from` unless the caller is `from`.
    #[ink(message)]
    fn transfer_from(
        &mut self,
        from: AccountId,
        to: AccountId,
        value: u128,
        data: Vec<u8>,
    ) -> Result<(), PSP22Error>;

    #[ink(message)]
    fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error>;

    #[ink(message)]
    fn increase_allowance(
        &mut self,
        spender: AccountId,
        delta_value: u128,
    ) -> Result<(), PSP22Error>;

    #[ink(message)]
    fn decrease_allowance(
        &mut self,
        spender: AccountId,
        delta_value: u128,
    ) -> Result<(), PSP22Error>;
}

#[ink::trait_definition]
pub trait PSP22Metadata {
    #[ink(message)]
    fn token_name(&self) -> Option<String>;

    #[ink(message)]
    fn token_symbol(&self) -> Option<String>;

    #[ink(message)]
    fn token_decimals(&self) -> u8;
}

#[ink::trait_definition]
pub trait PSP22Burnable {
    /// Destroys `value` of the caller's tokens.
    #[ink(message)]
    fn burn(&mut self, value: u128) -> Result<(), PSP22Error>;

    /// Destroys `value` of `account`'s tokens, spending the caller's allowance.
    #[ink(message)]
    fn burn_from(&mut self, account: AccountId, value: u128) -> Result<(), PSP22Error>;
}
