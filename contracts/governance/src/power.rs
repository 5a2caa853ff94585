//! From pool amounts to decision points, and the verdict. Pure arithmetic.
//!
//! A proposal's budget `B` is split between the pools by their weights:
//! `B_p = B · w_p / Σ w`, where `w_p` is the pool's weight `W_p` if anyone holds it at the
//! snapshot and 0 if nobody does (no merit yet in the category), and for capital the weight
//! scaled by the allocated part `A` of the pool (`w_c = W_c · A`, `A = Σ shares / 100%`).
//! Capital is thus counted against the whole pool, never against the sum of shares: a share
//! `s` is worth `B · W_c · s / Σ w` whether the pool is full or not, and what capital leaves
//! unallocated (too few stakers to fill it under the caps) passes to the other pools pro rata,
//! as an empty pool's whole weight does. With no pool held at all, nothing can be counted.
//! Inside a pool, points are proportional: `points = B_p · amount / total_p`, rounded down, so
//! the points of a decision never sum above its budget.

use crate::types::{
    CategoryParams, Outcome, Param, PoolAmounts, PoolWeights, Tally, MAX_APPROVAL, MAX_BUDGET,
    MAX_DEPTH, MAX_QUORUM, MAX_WINDOW, MIN_BUDGET, MIN_GRACE,
};
use usos_primitives::{
    fixed::{at_least, wide_mul},
    mul_div, BasisPoints, BlockNumber, Share,
};

const ONE: u128 = BasisPoints::MAX as u128;

impl PoolWeights {
    pub fn check(&self) -> Result<(), Param> {
        let sum = u32::from(self.equal.get())
            .checked_add(u32::from(self.merit.get()))
            .and_then(|s| s.checked_add(u32::from(self.capital.get())));
        if sum != Some(u32::from(BasisPoints::MAX)) {
            return Err(Param::Weights);
        }
        if self.equal.get() == 0 {
            return Err(Param::EqualWeight);
        }
        Ok(())
    }
}

/// `Ok` when `value` is at most `MAX_WINDOW`, else `Err(param)`.
fn window(value: BlockNumber, param: Param) -> Result<(), Param> {
    if value <= MAX_WINDOW {
        Ok(())
    } else {
        Err(param)
    }
}

impl CategoryParams {
    /// The design's defaults: 25/25/50, a week of voting and two days of timelock at 6-second
    /// blocks, more than half of For+Against, 20% quorum (For + Abstain), chains of up to 8, a
    /// day for delegators to override a late vote.
    pub fn standard() -> Self {
        let bps = |v: u16| BasisPoints::new(v).unwrap_or(BasisPoints::ZERO);
        Self {
            weights: PoolWeights {
                equal: bps(2_500),
                merit: bps(2_500),
                capital: bps(5_000),
            },
            voting_delay: 1,
            voting_period: 100_800,
            approval: bps(5_000),
            quorum: bps(2_000),
            timelock: 28_800,
            max_depth: MAX_DEPTH,
            override_window: 14_400,
        }
    }

    /// Every bound a category's parameters must keep, so the category can always decide.
    pub fn check(&self) -> Result<(), Param> {
        self.weights.check()?;
        window(self.voting_delay, Param::VotingDelay)?;
        if self.voting_period == 0 {
            return Err(Param::VotingPeriod);
        }
        window(self.voting_period, Param::VotingPeriod)?;
        if self.approval.get() == 0 || self.approval.get() > MAX_APPROVAL {
            return Err(Param::Approval);
        }
        if self.quorum.get() > MAX_QUORUM {
            return Err(Param::Quorum);
        }
        window(self.timelock, Param::Timelock)?;
        if !(1..=MAX_DEPTH).contains(&self.max_depth) {
            return Err(Param::MaxDepth);
        }
        window(self.override_window, Param::OverrideWindow)
    }
}

impl crate::types::Config {
    /// A budget too small to count, a grace too short to execute in, or a zero open-proposal
    /// limit would each stop every decision.
    pub fn check(&self) -> Result<(), Param> {
        if !(MIN_BUDGET..=MAX_BUDGET).contains(&self.budget) {
            return Err(Param::Budget);
        }
        if self.grace < MIN_GRACE {
            return Err(Param::Grace);
        }
        window(self.grace, Param::Grace)?;
        if self.open_per_member == 0 {
            return Err(Param::OpenPerMember);
        }
        Ok(())
    }
}

/// Each pool's part of `budget` at the snapshot, given the pools' totals.
pub fn pool_budgets(budget: u128, weights: PoolWeights, totals: PoolAmounts) -> PoolAmounts {
    // Weights in units of W · 10^18: a held pool counts fully, capital by its allocated part.
    let held = |w: BasisPoints, total: u128| {
        if total > 0 {
            u128::from(w.get()).saturating_mul(Share::SCALE)
        } else {
            0
        }
    };
    let (e, m, c) = (
        held(weights.equal, totals.equal),
        held(weights.merit, totals.merit),
        u128::from(weights.capital.get()).saturating_mul(totals.capital.min(Share::SCALE)),
    );
    // At most 3 · 10^4 · 10^18 < 2^128: cannot overflow.
    let sum = e.saturating_add(m).saturating_add(c);
    let part = |w: u128| mul_div(budget, w, sum).unwrap_or(0);
    PoolAmounts {
        equal: part(e),
        merit: part(m),
        capital: part(c),
    }
}

/// Decision points of `amounts` (pool units) out of `totals`, with the pools' `budgets`.
pub fn points(budgets: PoolAmounts, totals: PoolAmounts, amounts: PoolAmounts) -> PoolAmounts {
    let one = |budget: u128, amount: u128, total: u128| {
        mul_div(budget, amount.min(total), total).unwrap_or(0)
    };
    PoolAmounts {
        equal: one(budgets.equal, amounts.equal, totals.equal),
        merit: one(budgets.merit, amounts.merit, totals.merit),
        capital: one(budgets.capital, amounts.capital, totals.capital),
    }
}

/// The verdict on a closed tally.
pub fn outcome(
    params: &CategoryParams,
    budget: u128,
    totals: PoolAmounts,
    tally: &Tally,
) -> Outcome {
    let budgets = pool_budgets(budget, params.weights, totals);
    let for_ = points(budgets, totals, tally.for_);
    let against = points(budgets, totals, tally.against);
    let abstain = points(budgets, totals, tally.abstain);
    // Each is at most `budget`, so the sums fit in u128 unless the budget is near u128::MAX.
    let f = for_.total().unwrap_or(u128::MAX);
    let a = against.total().unwrap_or(u128::MAX);
    // Against never counts towards quorum: staying home must not be better for opponents.
    let participation = f.saturating_add(abstain.total().unwrap_or(0));
    let quorum_met = at_least(
        wide_mul(participation, ONE),
        wide_mul(budget, u128::from(params.quorum.get())),
    );
    // For / (For + Against) > approval  <=>  For · 10,000 > approval · (For + Against).
    let approved = f > 0
        && !at_least(
            wide_mul(u128::from(params.approval.get()), f.saturating_add(a)),
            wide_mul(f, ONE),
        );
    Outcome {
        for_,
        against,
        abstain,
        quorum_met,
        approved,
    }
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.quorum_met && self.approved
    }
}
