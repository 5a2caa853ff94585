//! The heaviest capital report: members who delegate in all 16 categories at the deepest
//! chain (8) reach their cap at once. Each one told costs governance 16 × 8 inflow updates;
//! capital tells at most `report::MAX_TOLD` accounts per call (#17, item 3). Shared by the
//! e2e test and the bench.

use crate::{coop::test_params, id, Coop, Outcome};
use ink_sandbox::AccountId32;

/// Every category a delegation can be in (`MAX_DELEGATIONS`).
pub const CATEGORIES: u32 = 16;
/// The chain every leaf delegates up: 8 accounts, so a leaf sits at `MAX_DEPTH`.
pub const CHAIN: usize = 8;

pub struct Fanout {
    pub coop: Coop,
    pub whale: AccountId32,
    pub chain: Vec<AccountId32>,
    pub leaves: Vec<AccountId32>,
}

type Done = Result<(), capital::Error>;

impl Fanout {
    /// `leaves` (at most 32) members of 100 each, next to a whale of 10,000: proportional
    /// shares below the 3% cap; each leaf delegates through a chain of 8 in 16 categories.
    pub fn new(leaves: usize) -> Self {
        assert!(leaves <= 32, "more leaves would let the caps fill the pool");
        let mut fanout = Self::bare(leaves);
        let whale = fanout.whale.clone();
        assert_eq!(fanout.deposit(&whale, 10_000).value, Ok(()));
        for leaf in fanout.leaves.clone() {
            assert_eq!(fanout.deposit(&leaf, 100).value, Ok(()));
        }
        fanout
    }

    /// The members and delegations of [`Self::new`], before anyone deposits.
    pub fn bare(leaves: usize) -> Self {
        let mut coop = Coop::with_categories(test_params(), 0..=CATEGORIES - 1);
        let whale = coop.member("whale");
        let chain: Vec<AccountId32> = (0..CHAIN)
            .map(|i| coop.member(&format!("chain{i}")))
            .collect();
        let leaves: Vec<AccountId32> = (0..leaves)
            .map(|i| coop.member(&format!("leaf{i}")))
            .collect();
        let governance = coop.governance.clone();
        for category in 0..CATEGORIES {
            let edges = chain
                .windows(2)
                .rev()
                .map(|w| (w[0].clone(), w[1].clone()))
                .chain(leaves.iter().map(|l| (l.clone(), chain[0].clone())));
            for (from, to) in edges {
                let out = coop.chain.call::<Result<(), governance::Error>>(
                    &governance,
                    &from,
                    "delegate",
                    (category, id(&to)),
                );
                assert_eq!(out.value, Ok(()), "delegation in {category}");
            }
        }
        Fanout {
            coop,
            whale,
            chain,
            leaves,
        }
    }

    /// `who` delegates to the bottom of the chain in `categories`: each of its capital changes
    /// then costs governance 8 inflow updates per category.
    pub fn delegate_up(&mut self, who: &AccountId32, categories: core::ops::Range<u32>) {
        let (governance, bottom) = (self.coop.governance.clone(), id(&self.chain[0]));
        for category in categories {
            let out = self.coop.chain.call::<Result<(), governance::Error>>(
                &governance,
                who,
                "delegate",
                (category, bottom),
            );
            assert_eq!(out.value, Ok(()), "delegation in {category}");
        }
    }

    pub fn deposit(&mut self, who: &AccountId32, amount: u128) -> Outcome<Done> {
        let capital = self.coop.capital.clone();
        self.coop
            .chain
            .call_with_value(&capital, who, "deposit", (), amount)
    }

    /// The whale takes its stake back: every leaf's share jumps from 0.86% to 1/leaves, at
    /// least 3.125%, past the cap.
    pub fn whale_leaves(&mut self) -> Outcome<Done> {
        let (capital, whale) = (self.coop.capital.clone(), self.whale.clone());
        self.coop
            .chain
            .call(&capital, &whale, "withdraw", 10_000u128)
    }

    /// Anyone tells governance the next queued changes.
    pub fn flush(&mut self) -> Outcome<Result<u32, capital::Error>> {
        let capital = self.coop.capital.clone();
        let keeper = self.coop.chain.account("keeper");
        self.coop.chain.call(&capital, &keeper, "flush_reports", ())
    }
}
