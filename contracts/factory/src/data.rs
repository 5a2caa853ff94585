//! The factory's own state and the checks on a cooperative's parameters. Plain Rust: the
//! shell instantiates and wires the contracts.

use crate::{errors::Error, types::*};
use ink::{prelude::vec::Vec, storage::Lazy};
use usos_primitives::AccountId;

#[ink::storage_item]
#[derive(Debug)]
pub struct FactoryData {
    owner: AccountId,
    codes: Lazy<CodeHashes>,
    created: u64,
}

impl FactoryData {
    pub fn new(owner: AccountId, codes: CodeHashes) -> Self {
        let mut data = Self {
            owner,
            codes: Lazy::default(),
            created: 0,
        };
        data.codes.set(&codes);
        data
    }

    pub fn set_codes(&mut self, caller: AccountId, codes: CodeHashes) -> Result<(), Error> {
        if caller != self.owner {
            return Err(Error::NotOwner);
        }
        self.codes.set(&codes);
        Ok(())
    }

    pub fn owner(&self) -> AccountId {
        self.owner
    }

    pub fn codes(&self) -> Option<CodeHashes> {
        self.codes.get()
    }

    pub fn created(&self) -> u64 {
        self.created
    }

    /// Checks `params` and counts the cooperative; returns its number (the salt's seed).
    pub fn admit_request(&mut self, name: &str, params: &CoopParams) -> Result<u64, Error> {
        check(name, params)?;
        let n = self.created;
        self.created = n.checked_add(1).ok_or(Error::Overflow)?;
        Ok(n)
    }
}

pub fn check(name: &str, params: &CoopParams) -> Result<(), Error> {
    if name.is_empty() || name.len() > MAX_NAME_LEN {
        return Err(Error::InvalidName);
    }
    let founders = &params.founders;
    if founders.is_empty() || founders.len() > MAX_FOUNDERS {
        return Err(Error::InvalidFounders);
    }
    let mut seen: Vec<AccountId> = Vec::with_capacity(founders.len());
    for f in founders {
        if seen.contains(f) {
            return Err(Error::InvalidFounders);
        }
        seen.push(*f);
    }
    if params.categories.len() > MAX_FOUNDING_CATEGORIES
        || params
            .categories
            .iter()
            .flat_map(|c| c.holders.iter())
            .any(|(holder, _)| !founders.contains(holder))
    {
        return Err(Error::InvalidCategories);
    }
    Ok(())
}
