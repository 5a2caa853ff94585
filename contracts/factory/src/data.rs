//! The factory's own state and the checks on a cooperative's parameters. Plain Rust: the
//! shell instantiates and wires the contracts.

use crate::{errors::Error, types::*};
use governance::ActionRule;
use ink::{
    prelude::vec::Vec,
    selector_bytes,
    storage::{Lazy, Mapping},
};
use usos_primitives::{AccountId, BlockNumber, CategoryId};

/// What only the constitution carries, besides every message of governance itself: each
/// contract's upgrade, front and admin hand-over, the wiring, and the settings that change who holds
/// power (removals, household delays, caps, locks, recorders, recorded contributions and their
/// corrections, merit's categories and grants, the questionnaires, labour recording).
pub const CONSTITUTION_TABLE: &[(Part, [u8; 4])] = &[
    (Part::Membership, selector_bytes!("set_code")),
    (Part::Membership, selector_bytes!("set_admin")),
    (Part::Membership, selector_bytes!("set_listeners")),
    (Part::Membership, selector_bytes!("set_household_delay")),
    // A removal ends the member's credentials and delegations: a revocation and more.
    (Part::Membership, selector_bytes!("remove")),
    (Part::Merit, selector_bytes!("set_code")),
    (Part::Merit, selector_bytes!("set_admin")),
    (Part::Merit, selector_bytes!("set_listener")),
    (Part::Merit, selector_bytes!("create_category")),
    (Part::Merit, selector_bytes!("set_rules")),
    (Part::Merit, selector_bytes!("grant")),
    (Part::Merit, selector_bytes!("revoke")),
    (Part::Capital, selector_bytes!("set_code")),
    (Part::Capital, selector_bytes!("set_admin")),
    (Part::Capital, selector_bytes!("set_listener")),
    (Part::Capital, selector_bytes!("set_caps")),
    (Part::Capital, selector_bytes!("set_lock")),
    (Part::Capital, selector_bytes!("set_recorder")),
    (Part::Capital, selector_bytes!("correct_contribution")),
    (
        Part::Capital,
        selector_bytes!("CapitalRecorder::record_contribution"),
    ),
    (Part::Missions, selector_bytes!("set_code")),
    (Part::Missions, selector_bytes!("set_admin")),
    (Part::Missions, selector_bytes!("use_front")),
    (Part::Missions, selector_bytes!("set_labour_recording")),
    (Part::Missions, selector_bytes!("set_claim_timeout")),
    (Part::Profiles, selector_bytes!("set_code")),
    (Part::Profiles, selector_bytes!("set_admin")),
    (Part::Profiles, selector_bytes!("set_questionnaire")),
];

/// A founding category may not carry what the constitution carries: no call of governance
/// (but treasury payments, `pay`) and no "any message" of a contract (that would include its
/// upgrade).
pub fn reserved(carry: &Carry) -> bool {
    match carry.selector {
        Some(selector) if carry.part == Part::Governance => selector != selector_bytes!("pay"),
        None => true,
        Some(selector) => CONSTITUTION_TABLE.contains(&(carry.part, selector)),
    }
}

/// The rule table governance starts with: the constitution's, then each founding category's.
/// `address` names each part's contract; `founding` pairs merit's ids with the categories.
pub fn action_rules(
    address: impl Fn(Part) -> AccountId,
    founding: &[(CategoryId, Vec<Carry>)],
) -> Vec<(CategoryId, ActionRule)> {
    let mut rules = Vec::with_capacity(CONSTITUTION_TABLE.len().saturating_add(1));
    rules.push((
        CONSTITUTION,
        ActionRule {
            callee: address(Part::Governance),
            selector: None,
        },
    ));
    for (part, selector) in CONSTITUTION_TABLE {
        rules.push((
            CONSTITUTION,
            ActionRule {
                callee: address(*part),
                selector: Some(*selector),
            },
        ));
    }
    for (category, carries) in founding {
        for carry in carries {
            rules.push((
                *category,
                ActionRule {
                    callee: address(carry.part),
                    selector: carry.selector,
                },
            ));
        }
    }
    rules
}

/// Capital's lock: at least the longest voting window (delay + period) of any category, so
/// a stake cannot be deposited at a snapshot, voted with, and withdrawn before the vote ends.
pub fn capital_lock(params: &CoopParams) -> Result<BlockNumber, Error> {
    let window = |p: &governance::CategoryParams| {
        p.voting_delay
            .checked_add(p.voting_period)
            .ok_or(Error::Overflow)
    };
    Ok(window(&params.defaults)?.max(window(&params.constitution)?))
}

#[ink::storage_item]
#[derive(Debug)]
pub struct FactoryData {
    /// `None` once renounced: the codes are then fixed for good.
    owner: Option<AccountId>,
    codes: Lazy<CodeHashes>,
    created: u64,
    /// Each cooperative made here, by its number: what a wallet or the members' app reads to
    /// find all six addresses (no contract of the cooperative names missions).
    cooperatives: Mapping<u64, Cooperative>,
    /// A cooperative's number, by its governance address.
    numbers: Mapping<AccountId, u64>,
}

impl FactoryData {
    pub fn new(owner: AccountId, codes: CodeHashes) -> Self {
        let mut data = Self {
            owner: Some(owner),
            codes: Lazy::default(),
            created: 0,
            cooperatives: Mapping::default(),
            numbers: Mapping::default(),
        };
        data.codes.set(&codes);
        data
    }

    fn ensure_owner(&self, caller: AccountId) -> Result<(), Error> {
        if self.owner == Some(caller) {
            Ok(())
        } else {
            Err(Error::NotOwner)
        }
    }

    pub fn set_codes(&mut self, caller: AccountId, codes: CodeHashes) -> Result<(), Error> {
        self.ensure_owner(caller)?;
        self.codes.set(&codes);
        Ok(())
    }

    /// Owner only: hands the factory to `new` (`Some`), or renounces it for good (`None`), after
    /// which nobody can change the codes. Returns the previous owner.
    pub fn set_owner(
        &mut self,
        caller: AccountId,
        new: Option<AccountId>,
    ) -> Result<AccountId, Error> {
        self.ensure_owner(caller)?;
        self.owner = new;
        Ok(caller)
    }

    pub fn owner(&self) -> Option<AccountId> {
        self.owner
    }

    /// The codes a cooperative will be made of, if they are the ones its creator expects: the
    /// owner cannot swap a code between the creator's reading and its call.
    pub fn codes_as_expected(&self, expected: &CodeHashes) -> Result<CodeHashes, Error> {
        let codes = self
            .codes
            .get()
            .ok_or(Error::InstantiationFailed(Part::Governance))?;
        if codes != *expected {
            return Err(Error::UnexpectedCodes);
        }
        Ok(codes)
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

    /// Remembers cooperative number `n` once it is made and wired.
    pub fn record(&mut self, n: u64, coop: &Cooperative) {
        self.cooperatives.insert(n, coop);
        self.numbers.insert(coop.governance, &n);
    }

    /// Cooperative number `n` (from 0 to `created() - 1`).
    pub fn cooperative_at(&self, n: u64) -> Option<Cooperative> {
        self.cooperatives.get(n)
    }

    /// The cooperative governed by `governance`, if this factory made it.
    pub fn cooperative_of(&self, governance: AccountId) -> Option<Cooperative> {
        self.numbers
            .get(governance)
            .and_then(|n| self.cooperatives.get(n))
    }
}

pub fn check(name: &str, params: &CoopParams) -> Result<(), Error> {
    if name.trim_ascii().is_empty() || name.len() > MAX_NAME_LEN {
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
            .any(|c| c.carries.len() > MAX_CARRIES)
        || params
            .categories
            .iter()
            .flat_map(|c| c.holders.iter())
            .any(|(holder, _)| !founders.contains(holder))
    {
        return Err(Error::InvalidCategories);
    }
    if params
        .categories
        .iter()
        .flat_map(|c| c.carries.iter())
        .any(reserved)
    {
        return Err(Error::ReservedForConstitution);
    }
    let (c, d) = (&params.constitution, &params.defaults);
    c.check()
        .and(d.check())
        .and(params.config.check())
        .map_err(Error::OutOfBounds)?;
    if c.approval < d.approval || c.quorum < d.quorum || c.timelock < d.timelock {
        return Err(Error::LaxConstitution);
    }
    capital_lock(params)?;
    Ok(())
}
