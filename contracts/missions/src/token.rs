//! The usOS token core: PSP22 semantics in plain Rust over storage cells. Escrowed bounties
//! are the balance of the missions contract's own account (`vault`), so `total_supply` is the
//! sum of every balance, escrow included, and wallets see the escrow move with ordinary
//! `Transfer` events.

use crate::events::{Approval, MissionsEvent, Transfer};
use ink::{
    prelude::{string::String, vec, vec::Vec},
    storage::Mapping,
};
use usos_primitives::{psp22::PSP22Error, AccountId};

pub type Balance = u128;

pub type TokenResult = Result<Vec<TokenEvent>, PSP22Error>;

/// What a token operation emits: PSP22's two events, and nothing else (the token's front emits
/// exactly these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenEvent {
    Transfer(Transfer),
    Approval(Approval),
}

impl From<TokenEvent> for MissionsEvent {
    fn from(event: TokenEvent) -> Self {
        match event {
            TokenEvent::Transfer(e) => MissionsEvent::Transfer(e),
            TokenEvent::Approval(e) => MissionsEvent::Approval(e),
        }
    }
}

/// A token operation's events as the contract's.
pub fn into_events(events: Vec<TokenEvent>) -> Vec<MissionsEvent> {
    events.into_iter().map(MissionsEvent::from).collect()
}

/// Emits a token operation's events (both codes: the whole one and the token's front).
pub fn emit(events: Vec<TokenEvent>) {
    use ink::env::{emit_event, DefaultEnvironment as Env};
    for event in events {
        match event {
            TokenEvent::Transfer(e) => emit_event::<Env, _>(e),
            TokenEvent::Approval(e) => emit_event::<Env, _>(e),
        }
    }
}

#[ink::storage_item]
#[derive(Debug)]
pub struct TokenData {
    total_supply: Balance,
    /// The contract's own account: holds escrowed bounties.
    vault: AccountId,
    balances: Mapping<AccountId, Balance>,
    allowances: Mapping<(AccountId, AccountId), Balance>,
}

fn overflow() -> PSP22Error {
    PSP22Error::Custom(String::from("overflow"))
}

impl TokenData {
    pub fn new(vault: AccountId) -> Self {
        Self {
            total_supply: 0,
            vault,
            balances: Mapping::default(),
            allowances: Mapping::default(),
        }
    }

    pub fn vault(&self) -> AccountId {
        self.vault
    }

    pub fn total_supply(&self) -> Balance {
        self.total_supply
    }

    pub fn balance_of(&self, owner: AccountId) -> Balance {
        self.balances.get(owner).unwrap_or(0)
    }

    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
        self.allowances.get((owner, spender)).unwrap_or(0)
    }

    /// PSP22 `transfer`: a no-op without events for a zero value or a transfer to oneself.
    pub fn transfer(&mut self, caller: AccountId, to: AccountId, value: Balance) -> TokenResult {
        self.ensure_not_vault(to)?;
        self.move_tokens(caller, to, value)
    }

    pub fn transfer_from(
        &mut self,
        caller: AccountId,
        from: AccountId,
        to: AccountId,
        value: Balance,
    ) -> TokenResult {
        if from == to || value == 0 {
            return Ok(Vec::new());
        }
        self.ensure_not_vault(to)?;
        let mut events = Vec::new();
        if caller != from {
            let allowance = self.allowance(from, caller);
            let left = allowance
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            events.extend(self.set_allowance(from, caller, left));
        }
        events.extend(self.move_tokens(from, to, value)?);
        Ok(events)
    }

    pub fn approve(
        &mut self,
        caller: AccountId,
        spender: AccountId,
        value: Balance,
    ) -> TokenResult {
        if caller == spender {
            return Ok(Vec::new());
        }
        Ok(self.set_allowance(caller, spender, value))
    }

    pub fn increase_allowance(
        &mut self,
        caller: AccountId,
        spender: AccountId,
        delta: Balance,
    ) -> TokenResult {
        if caller == spender || delta == 0 {
            return Ok(Vec::new());
        }
        let value = self
            .allowance(caller, spender)
            .checked_add(delta)
            .ok_or_else(overflow)?;
        Ok(self.set_allowance(caller, spender, value))
    }

    pub fn decrease_allowance(
        &mut self,
        caller: AccountId,
        spender: AccountId,
        delta: Balance,
    ) -> TokenResult {
        if caller == spender || delta == 0 {
            return Ok(Vec::new());
        }
        let value = self
            .allowance(caller, spender)
            .checked_sub(delta)
            .ok_or(PSP22Error::InsufficientAllowance)?;
        Ok(self.set_allowance(caller, spender, value))
    }

    /// New tokens for `to` (the shell allows it to governance and to mission payouts only).
    pub fn mint(&mut self, to: AccountId, value: Balance) -> TokenResult {
        if value == 0 {
            return Ok(Vec::new());
        }
        self.total_supply = self.total_supply.checked_add(value).ok_or_else(overflow)?;
        let balance = self
            .balance_of(to)
            .checked_add(value)
            .ok_or_else(overflow)?;
        self.balances.insert(to, &balance);
        Ok(vec![TokenEvent::Transfer(Transfer {
            from: None,
            to: Some(to),
            value,
        })])
    }

    /// A holder destroys its own tokens.
    pub fn burn(&mut self, from: AccountId, value: Balance) -> TokenResult {
        if value == 0 {
            return Ok(Vec::new());
        }
        let balance = self
            .balance_of(from)
            .checked_sub(value)
            .ok_or(PSP22Error::InsufficientBalance)?;
        self.balances.insert(from, &balance);
        self.total_supply = self.total_supply.checked_sub(value).ok_or_else(overflow)?;
        Ok(vec![TokenEvent::Transfer(Transfer {
            from: Some(from),
            to: None,
            value,
        })])
    }

    /// PSP22Burnable's `burn_from`: `caller` burns `value` of `from`'s tokens, spending its
    /// allowance unless it burns its own. Checks both before writing anything.
    pub fn burn_from(&mut self, caller: AccountId, from: AccountId, value: Balance) -> TokenResult {
        let mut events = Vec::new();
        if caller != from && value > 0 {
            let left = self
                .allowance(from, caller)
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            if self.balance_of(from) < value {
                return Err(PSP22Error::InsufficientBalance);
            }
            events.extend(self.set_allowance(from, caller, left));
        }
        events.extend(self.burn(from, value)?);
        Ok(events)
    }

    /// Moves a bounty into the vault.
    pub fn escrow(&mut self, from: AccountId, value: Balance) -> TokenResult {
        self.move_tokens(from, self.vault, value)
    }

    /// Pays out of the vault.
    pub fn release(&mut self, to: AccountId, value: Balance) -> TokenResult {
        self.move_tokens(self.vault, to, value)
    }

    fn ensure_not_vault(&self, to: AccountId) -> Result<(), PSP22Error> {
        if to == self.vault {
            return Err(PSP22Error::Custom(String::from(
                "tokens reach escrow only through missions",
            )));
        }
        Ok(())
    }

    fn move_tokens(&mut self, from: AccountId, to: AccountId, value: Balance) -> TokenResult {
        if from == to || value == 0 {
            return Ok(Vec::new());
        }
        let from_balance = self
            .balance_of(from)
            .checked_sub(value)
            .ok_or(PSP22Error::InsufficientBalance)?;
        let to_balance = self
            .balance_of(to)
            .checked_add(value)
            .ok_or_else(overflow)?;
        self.balances.insert(from, &from_balance);
        self.balances.insert(to, &to_balance);
        Ok(vec![TokenEvent::Transfer(Transfer {
            from: Some(from),
            to: Some(to),
            value,
        })])
    }

    fn set_allowance(
        &mut self,
        owner: AccountId,
        spender: AccountId,
        amount: Balance,
    ) -> Vec<TokenEvent> {
        self.allowances.insert((owner, spender), &amount);
        vec![TokenEvent::Approval(Approval {
            owner,
            spender,
            amount,
        })]
    }
}
