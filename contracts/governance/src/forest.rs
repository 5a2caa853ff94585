//! Power inputs and the per-category delegation forest.
//!
//! The sources report every change in the same transaction (membership: joins and exits;
//! merit: a member's live points in a category; capital: the rate `λ` and each account whose
//! stake or cap status changed). Each account's inputs, the totals and every account's
//! `inflow` (the summed weights of all accounts whose chain reaches it) are checkpointed, so
//! any proposal reads them as they were at its snapshot.
//!
//! A change of one account's weights walks up its chain in each category it delegates in:
//! at most `MAX_DELEGATIONS × MAX_DEPTH` inflow updates. A delegation moves the delegator's
//! whole subtree weight from the old chain to the new: at most `2 × MAX_DEPTH` updates. No
//! operation reads the delegators of an account.
//!
//! Chain lengths: `below[a][d-1]` counts the accounts at distance `d` under `a`, so the
//! height of a subtree is known without visiting it; a new edge `x → to` is allowed when
//! `height(x) + 1 + chain(to) <= max_depth`.

use crate::{data::GovernanceData, errors::Error, events::*, types::*};
use ink::prelude::{vec, vec::Vec};
use usos_primitives::{
    traits::MemberChange, AccountId, BlockNumber, CapitalInput, CategoryId, HouseholdId, Rate,
};

type Events = Vec<GovernanceEvent>;
const DEPTH: usize = MAX_DEPTH as usize;

fn capital_weights(input: CapitalInput) -> Weights {
    match input.fixed {
        Some(share) => Weights {
            fixed: share.0,
            ..Weights::default()
        },
        None => Weights {
            plain_raw: input.raw,
            ..Weights::default()
        },
    }
}

impl GovernanceData {
    // ----- reports from the sources -----

    pub fn membership_changed(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        account: AccountId,
        is_member: bool,
        _household: Option<HouseholdId>,
    ) -> Result<Events, Error> {
        self.ensure_source(caller, |s| s.membership)?;
        let was = self.is_member_now(account);
        if was == is_member {
            return Ok(Vec::new());
        }
        self.member.push(&account, now, is_member)?;
        let one = Weights {
            members: 1,
            ..Weights::default()
        };
        let (old, new) = if is_member {
            (Weights::default(), one)
        } else {
            (one, Weights::default())
        };
        let categories = self.delegating_in.get(account).unwrap_or_default();
        self.replace_everywhere(now, account, &categories, old, new)?;
        let mut events = self.power_changed(account, caller);
        if !is_member {
            // Only members delegate: an exit ends its delegations (at most MAX_DELEGATIONS).
            for category in categories {
                events.push(self.end_delegation(now, account, category)?);
            }
        }
        Ok(events)
    }

    /// A batch (`admit_many`): each change as `membership_changed` takes it. The caller is
    /// checked first, so even an empty batch from anyone else is refused.
    pub fn membership_changed_many(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        changes: &[MemberChange],
    ) -> Result<Events, Error> {
        self.ensure_source(caller, |s| s.membership)?;
        let mut events = Vec::new();
        for &(account, is_member, household) in changes {
            events.extend(self.membership_changed(caller, now, account, is_member, household)?);
        }
        Ok(events)
    }

    pub fn merit_changed(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        account: AccountId,
        category: CategoryId,
        points: u32,
    ) -> Result<Events, Error> {
        self.ensure_source(caller, |s| s.merit)?;
        let old = self.merit.latest(&(account, category)).unwrap_or(0);
        let new = u128::from(points);
        if old == new {
            return Ok(Vec::new());
        }
        self.merit.push(&(account, category), now, new)?;
        let total = self
            .merit_total
            .latest(&category)
            .unwrap_or(0)
            .checked_sub(old)
            .and_then(|t| t.checked_add(new))
            .ok_or(Error::Overflow)?;
        self.merit_total.push(&category, now, total)?;
        if let Some(up) = self.delegate_now(category, account) {
            let w = |merit| Weights {
                merit,
                ..Weights::default()
            };
            self.replace_up(now, category, up, w(old), w(new))?;
        }
        Ok(self.power_changed(account, caller))
    }

    /// capital's report: the rate, then the changed inputs in order, for as long as the inflow
    /// updates they may cost stay within `MAX_REPORT_STEPS` (the first is always taken, and
    /// costs at most that). A change is taken only if a full chain in every category its
    /// account delegates in still fits, so a report never costs more than the bound. Returns
    /// how many changes were taken; capital keeps the rest for a later call.
    pub fn capital_changed(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        rate: Rate,
        changes: Vec<(AccountId, CapitalInput)>,
    ) -> Result<(u32, Events), Error> {
        self.ensure_source(caller, |s| s.capital)?;
        self.rate.push(&(), now, rate)?;
        let mut events = Vec::new();
        let (mut taken, mut steps) = (0u32, 0usize);
        for (account, input) in changes {
            let categories = self.delegating_in.get(account).unwrap_or_default();
            let most = categories.len().saturating_mul(DEPTH);
            if taken > 0 && steps.saturating_add(most) > MAX_REPORT_STEPS {
                break;
            }
            taken = taken.saturating_add(1);
            let old = self.capital.latest(&account).unwrap_or_default();
            if old == input {
                continue;
            }
            self.capital.push(&account, now, input)?;
            let done = self.replace_everywhere(
                now,
                account,
                &categories,
                capital_weights(old),
                capital_weights(input),
            )?;
            steps = steps.saturating_add(done);
            events.extend(self.power_changed(account, caller));
        }
        Ok((taken, events))
    }

    // ----- delegation -----

    pub fn delegate(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        category: CategoryId,
        to: AccountId,
    ) -> Result<Events, Error> {
        if !self.is_member_now(caller) {
            return Err(Error::NotMember);
        }
        let max_depth = self
            .params(category)
            .ok_or(Error::UnknownCategory)?
            .max_depth;
        if to == caller {
            return Err(Error::SelfDelegation);
        }
        let from = self.delegate_now(category, caller);
        if from == Some(to) {
            return Ok(Vec::new());
        }
        // `to`'s chain, checked for `caller` (a cycle) and measured.
        let mut chain: usize = 0;
        let mut next = Some(to);
        while let Some(a) = next {
            if a == caller {
                return Err(Error::Cycle);
            }
            if chain > DEPTH {
                return Err(Error::TooDeep);
            }
            chain = chain.saturating_add(1);
            next = self.delegate_now(category, a);
        }
        // `chain` counts `to` itself: it is the length of the new edge plus `to`'s chain.
        let longest = self.height(category, caller).saturating_add(chain);
        if longest > usize::from(max_depth) {
            return Err(Error::TooDeep);
        }
        let mut cats = self.delegating_in.get(caller).unwrap_or_default();
        if from.is_none() {
            if cats.len() >= MAX_DELEGATIONS {
                return Err(Error::TooManyDelegations);
            }
            cats.push(category);
            self.delegating_in.insert(caller, &cats);
        }
        let weight = self.subtree_now(category, caller)?;
        if let Some(old) = from {
            self.replace_up(now, category, old, weight, Weights::default())?;
            self.shift_below(category, caller, old, false)?;
        }
        self.replace_up(now, category, to, Weights::default(), weight)?;
        self.shift_below(category, caller, to, true)?;
        self.delegate.push(&(category, caller), now, Some(to))?;
        Ok(vec![GovernanceEvent::DelegationChanged(
            DelegationChanged {
                delegator: caller,
                category,
                from,
                to: Some(to),
            },
        )])
    }

    /// Any time, also after leaving the cooperative (an exit ends delegations anyway).
    pub fn undelegate(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        category: CategoryId,
    ) -> Result<Events, Error> {
        Ok(vec![self.end_delegation(now, caller, category)?])
    }

    fn end_delegation(
        &mut self,
        now: BlockNumber,
        account: AccountId,
        category: CategoryId,
    ) -> Result<GovernanceEvent, Error> {
        let old = self
            .delegate_now(category, account)
            .ok_or(Error::NotDelegating)?;
        let weight = self.subtree_now(category, account)?;
        self.replace_up(now, category, old, weight, Weights::default())?;
        self.shift_below(category, account, old, false)?;
        self.delegate.push(&(category, account), now, None)?;
        let mut cats = self.delegating_in.get(account).unwrap_or_default();
        cats.retain(|c| *c != category);
        self.delegating_in.insert(account, &cats);
        Ok(GovernanceEvent::DelegationChanged(DelegationChanged {
            delegator: account,
            category,
            from: Some(old),
            to: None,
        }))
    }

    // ----- reads -----

    pub fn is_member_now(&self, account: AccountId) -> bool {
        self.member.latest(&account).unwrap_or(false)
    }

    pub fn delegate_now(&self, category: CategoryId, account: AccountId) -> Option<AccountId> {
        self.delegate.latest(&(category, account)).flatten()
    }

    pub fn delegate_at(
        &self,
        category: CategoryId,
        account: AccountId,
        block: BlockNumber,
    ) -> Option<AccountId> {
        self.delegate
            .value_at(&(category, account), block)
            .flatten()
    }

    /// `account`'s own weights plus its inflow at `block`.
    pub(crate) fn subtree_at(
        &self,
        category: CategoryId,
        account: AccountId,
        block: BlockNumber,
    ) -> Result<Weights, Error> {
        self.own_at(category, account, block)
            .checked_add(self.inflow_at(category, account, block))
            .ok_or(Error::Overflow)
    }

    /// What `account` itself held at `block`.
    pub(crate) fn own_at(
        &self,
        category: CategoryId,
        account: AccountId,
        block: BlockNumber,
    ) -> Weights {
        Weights {
            members: u32::from(self.member.value_at(&account, block).unwrap_or(false)),
            merit: self
                .merit
                .value_at(&(account, category), block)
                .unwrap_or(0),
            ..capital_weights(self.capital.value_at(&account, block).unwrap_or_default())
        }
    }

    /// What flowed to `account` through delegations at `block`.
    pub(crate) fn inflow_at(
        &self,
        category: CategoryId,
        account: AccountId,
        block: BlockNumber,
    ) -> Weights {
        self.inflow
            .value_at(&(category, account), block)
            .unwrap_or_default()
    }

    fn subtree_now(&self, category: CategoryId, account: AccountId) -> Result<Weights, Error> {
        let own = Weights {
            members: u32::from(self.is_member_now(account)),
            merit: self.merit.latest(&(account, category)).unwrap_or(0),
            ..capital_weights(self.capital.latest(&account).unwrap_or_default())
        };
        let inflow = self.inflow.latest(&(category, account)).unwrap_or_default();
        own.checked_add(inflow).ok_or(Error::Overflow)
    }

    /// Length of the longest chain ending at `account`.
    fn height(&self, category: CategoryId, account: AccountId) -> usize {
        let below = self.below.get((category, account)).unwrap_or_default();
        below
            .iter()
            .rposition(|n| *n > 0)
            .map_or(0, |i| i.saturating_add(1))
    }

    // ----- internals -----

    fn ensure_source(
        &self,
        caller: AccountId,
        which: impl Fn(&Sources) -> AccountId,
    ) -> Result<(), Error> {
        match self.sources.get() {
            Some(s) if which(&s) == caller => Ok(()),
            _ => Err(Error::UnknownSource),
        }
    }

    fn power_changed(&self, account: AccountId, source: AccountId) -> Events {
        vec![GovernanceEvent::PowerChanged(PowerChanged {
            account,
            source,
        })]
    }

    /// One account's weights changed from `old` to `new` in every category (membership and
    /// capital count in all of them): the totals, and its chain in each of `categories` (those
    /// it delegates in). Returns the inflow updates it made (at most `MAX_DELEGATIONS ×
    /// MAX_DEPTH`).
    fn replace_everywhere(
        &mut self,
        now: BlockNumber,
        account: AccountId,
        categories: &[CategoryId],
        old: Weights,
        new: Weights,
    ) -> Result<usize, Error> {
        let totals = self
            .totals
            .latest(&())
            .unwrap_or_default()
            .replace(old, new)
            .ok_or(Error::Overflow)?;
        self.totals.push(&(), now, totals)?;
        let mut steps: usize = 0;
        for category in categories.iter().copied() {
            if let Some(up) = self.delegate_now(category, account) {
                steps = steps.saturating_add(self.replace_up(now, category, up, old, new)?);
            }
        }
        Ok(steps)
    }

    /// Replaces `old` by `new` in the inflow of `first` and every account above it; returns
    /// how many inflows it updated.
    fn replace_up(
        &mut self,
        now: BlockNumber,
        category: CategoryId,
        first: AccountId,
        old: Weights,
        new: Weights,
    ) -> Result<usize, Error> {
        let mut next = Some(first);
        let mut steps: usize = 0;
        while let Some(a) = next {
            if steps >= DEPTH {
                break;
            }
            steps = steps.saturating_add(1);
            let inflow = self
                .inflow
                .latest(&(category, a))
                .unwrap_or_default()
                .replace(old, new)
                .ok_or(Error::Overflow)?;
            self.inflow.push(&(category, a), now, inflow)?;
            next = self.delegate_now(category, a);
        }
        Ok(steps)
    }

    /// Adds (or removes) `account` and the accounts under it to the distance counts of
    /// `first` (at distance 1) and the accounts above it.
    fn shift_below(
        &mut self,
        category: CategoryId,
        account: AccountId,
        first: AccountId,
        add: bool,
    ) -> Result<(), Error> {
        let mine = self.below.get((category, account)).unwrap_or_default();
        let mut next = Some(first);
        // `dist`: distance from `account` to the ancestor `a` (1 for `first`).
        let mut dist: usize = 1;
        while let Some(a) = next {
            if dist > DEPTH {
                break;
            }
            let mut counts = self.below.get((category, a)).unwrap_or_default();
            // `account` itself sits at `dist`, its own level-k accounts at `dist + k`.
            let moved = core::iter::once((dist, 1u32)).chain(
                mine.iter()
                    .enumerate()
                    .map(|(i, n)| (dist.saturating_add(i).saturating_add(1), *n)),
            );
            for (d, n) in moved {
                if n == 0 {
                    continue;
                }
                let slot = d
                    .checked_sub(1)
                    .and_then(|i| counts.get_mut(i))
                    .ok_or(Error::TooDeep)?;
                *slot = if add {
                    slot.checked_add(n)
                } else {
                    slot.checked_sub(n)
                }
                .ok_or(Error::Overflow)?;
            }
            self.below.insert((category, a), &counts);
            next = self.delegate_now(category, a);
            dist = dist.saturating_add(1);
        }
        Ok(())
    }
}
