//! The naive reference model of the tally (test only): every account's inputs as plain
//! histories, and for a proposal, a walk over *every* account resolving its chain at the
//! snapshot to the first account on it that voted. The contract core must agree with it.

use crate::{errors::Error, types::*};
use std::collections::BTreeMap;
use usos_primitives::{AccountId, BlockNumber, CapitalInput, CategoryId, Rate};

type History<T> = Vec<(BlockNumber, T)>;

fn at<T: Copy>(history: Option<&History<T>>, block: BlockNumber) -> Option<T> {
    history?
        .iter()
        .rev()
        .find(|(b, _)| *b <= block)
        .map(|(_, v)| *v)
}

fn latest<T: Copy>(history: Option<&History<T>>) -> Option<T> {
    history?.last().map(|(_, v)| *v)
}

#[derive(Default)]
pub struct Model {
    pub member: BTreeMap<AccountId, History<bool>>,
    pub merit: BTreeMap<(AccountId, CategoryId), History<u128>>,
    pub capital: BTreeMap<AccountId, History<CapitalInput>>,
    pub rate: History<Rate>,
    pub delegate: BTreeMap<(CategoryId, AccountId), History<Option<AccountId>>>,
    pub votes: BTreeMap<(ProposalId, AccountId), Choice>,
}

impl Model {
    pub fn own(&self, c: CategoryId, x: AccountId, s: BlockNumber) -> PoolAmounts {
        let rate = at(Some(&self.rate), s).unwrap_or(Rate::UNBOUNDED);
        PoolAmounts {
            equal: u128::from(at(self.member.get(&x), s).unwrap_or(false)),
            merit: at(self.merit.get(&(x, c)), s).unwrap_or(0),
            capital: at(self.capital.get(&x), s).unwrap_or_default().share(rate),
        }
    }

    pub fn is_member_now(&self, x: AccountId) -> bool {
        latest(self.member.get(&x)).unwrap_or(false)
    }

    pub fn delegate_at(&self, c: CategoryId, x: AccountId, s: BlockNumber) -> Option<AccountId> {
        at(self.delegate.get(&(c, x)), s).flatten()
    }

    pub fn delegate_now(&self, c: CategoryId, x: AccountId) -> Option<AccountId> {
        latest(self.delegate.get(&(c, x))).flatten()
    }

    /// `x`'s chain at `s`, `x` first.
    fn chain_at(&self, c: CategoryId, x: AccountId, s: BlockNumber) -> Vec<AccountId> {
        chain(x, |a| self.delegate_at(c, a, s))
    }

    /// `x`'s chain now, `x` first.
    fn chain_now(&self, c: CategoryId, x: AccountId) -> Vec<AccountId> {
        chain(x, |a| self.delegate_now(c, a))
    }

    pub fn tally(
        &self,
        id: ProposalId,
        c: CategoryId,
        s: BlockNumber,
        accounts: &[AccountId],
    ) -> Tally {
        let mut tally = Tally::default();
        for x in accounts {
            let voter = self
                .chain_at(c, *x, s)
                .into_iter()
                .find_map(|y| self.votes.get(&(id, y)));
            if let Some(choice) = voter {
                let sum = tally.get_mut(*choice);
                *sum = plus(*sum, self.own(c, *x, s));
            }
        }
        tally
    }

    /// Whether `v`'s vote on `id` counts the points of any other account: one whose chain at
    /// `s` reaches `v` before any other voter (its owner did not vote).
    pub fn carries_others(
        &self,
        id: ProposalId,
        c: CategoryId,
        v: AccountId,
        s: BlockNumber,
        accounts: &[AccountId],
    ) -> bool {
        accounts.iter().filter(|x| **x != v).any(|x| {
            let first_voter = self
                .chain_at(c, *x, s)
                .into_iter()
                .find(|y| self.votes.contains_key(&(id, *y)));
            first_voter == Some(v) && self.own(c, *x, s).equal > 0
        })
    }

    /// Everything whose chain at `s` passes through `v`, votes aside.
    pub fn power(
        &self,
        c: CategoryId,
        v: AccountId,
        s: BlockNumber,
        accounts: &[AccountId],
    ) -> PoolAmounts {
        accounts
            .iter()
            .filter(|x| self.chain_at(c, **x, s).contains(&v))
            .fold(PoolAmounts::default(), |sum, x| {
                plus(sum, self.own(c, *x, s))
            })
    }

    pub fn totals(&self, c: CategoryId, s: BlockNumber, accounts: &[AccountId]) -> PoolAmounts {
        accounts.iter().fold(PoolAmounts::default(), |sum, x| {
            plus(sum, self.own(c, *x, s))
        })
    }

    /// Whether `x` may delegate to `to` now, decided by walking everything.
    pub fn check_delegate(
        &self,
        c: CategoryId,
        x: AccountId,
        to: AccountId,
        max_depth: usize,
        accounts: &[AccountId],
    ) -> Result<(), Error> {
        if !latest(self.member.get(&x)).unwrap_or(false) {
            return Err(Error::NotMember);
        }
        if x == to {
            return Err(Error::SelfDelegation);
        }
        let up = self.chain_now(c, to);
        if up.contains(&x) {
            return Err(Error::Cycle);
        }
        // The longest chain from any account down the tree to `x`.
        let height = accounts
            .iter()
            .filter_map(|y| self.chain_now(c, *y).iter().position(|a| *a == x))
            .max()
            .unwrap_or(0);
        if height + up.len() > max_depth {
            return Err(Error::TooDeep);
        }
        Ok(())
    }
}

/// The accounts from `x` up its delegations, `x` first.
fn chain(x: AccountId, delegate: impl Fn(AccountId) -> Option<AccountId>) -> Vec<AccountId> {
    let mut chain = vec![x];
    let mut current = x;
    while let Some(next) = delegate(current) {
        assert!(chain.len() < 64, "a cycle in the model's delegations");
        chain.push(next);
        current = next;
    }
    chain
}

/// Sums in the model (its inputs are small: an overflow would be a test bug and panics).
fn plus(a: PoolAmounts, b: PoolAmounts) -> PoolAmounts {
    PoolAmounts {
        equal: a.equal + b.equal,
        merit: a.merit + b.merit,
        capital: a.capital + b.capital,
    }
}
