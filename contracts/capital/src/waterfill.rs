//! Capped proportional allocation ("waterfilling") of the capital pool, exact.
//!
//! Each member `j` has a raw stake `r_j`. Its share of the pool is
//!
//! ```text
//! s_j = min(c, λ · r_j)
//! ```
//!
//! with one global rate `λ` chosen as large as possible such that the shares sum to at most
//! 100%; `c` is the individual cap. A household's members together hold at most the household
//! cap `C`: when `Σ_{j∈h} min(c, λ·r_j)` would exceed `C`, the household holds exactly `C`, split
//! among its members the same way with a household rate `μ_h ≤ λ` (`s_j = min(c, μ_h·r_j)`,
//! `Σ_{j∈h} s_j = C`), and what it gives up is redistributed to everyone else through a larger
//! `λ`.
//!
//! When the caps cannot fill the pool (too few staking units:
//! `sup_λ F(λ) < 100%` with `F(λ) = Σ_units min(unit cap, Σ_j min(c, λ·r_j))`), no `λ` reaches
//! 100% and the shares are plain proportional instead: `λ = 1 / Σr` over the whole stake, each
//! member holds `min(c, r_j / Σr)`, a household whose `Σ_{j∈h} min(c, r_j / Σr)` reaches `C` is
//! full and splits exactly `C` with its own `μ_h` as above, and what the caps cut stays
//! unallocated. [`solve`] returns [`Rate::UNBOUNDED`] only for an empty pool and when the caps
//! fill the pool exactly (every unit at its cap, 100% in all).
//!
//! `λ` is kept as an exact ratio `(1 − A) / R`: `A` is what the capped members and households
//! hold (in [`Share`] units), `R` the raw stake of everyone else. [`solve`] starts from
//! `λ = 1 / Σr` and re-classifies until nothing new reaches a cap: `λ` never decreases, so it
//! stops after at most one round per member and household it examines (or as soon as every
//! unit is capped: then the caps cannot fill more than they hold). Comparisons use 256-bit
//! products; each share is `floor(r_j · λ)`, so the shares never sum above 100%.
//!
//! Only the largest stakes can reach a cap (each capped unit holds at least `c`, so at most
//! `⌊1/c⌋` of them are capped): the contract runs [`solve`] over those candidates and passes the
//! raw stake of everyone else as `linear_rest`.
//!
//! ## A bounded rate spread
//!
//! In plain words: when the caps can fill the pool, exact waterfilling; when they cannot, plain
//! proportional shares; in both, no unit of stake is worth more than ten times another
//! ([`MAX_RATE_SPREAD`]), so what a whale's cap cuts is not handed to a handful of tiny stakes:
//! it stays unallocated, and governance passes that part of capital's weight to the other
//! pools.
//!
//! A member's per-unit rate is `s_j / r_j`: `λ` for a plain member, `c / r_j` for a member at
//! its cap, `min(c / r_j, μ_h)` in a full household. `λ` is the largest of them and the smallest
//! is at least `min(λ, ρ_min)`, with `ρ_min = min(c / r_max, μ_h of every full household)` and
//! `r_max` the largest single stake. [`bound_spread`] lowers the rate `λ_fill` that [`solve`]
//! found to
//!
//! ```text
//! λ = min(λ_fill, K · ρ_min),   K = MAX_RATE_SPREAD,  ρ_min over the households full at λ_fill
//! ```
//!
//! (an empty pool stays unbounded; caps filling the pool exactly, unbounded for [`solve`], get
//! `K · ρ_min`). Then no rate is more than `K` times another, so a stake of 1 next to stakes of
//! 1,000 never holds more than `K / 1,000 = 1/100` of their share, in every regime. Where the
//! rates already lie within a factor of `K` (e.g. 200 similar stakes and a whale with 10% of all
//! stake: the others' rate is 3.6 times the whale's capped one), the bound does not bind and
//! the answer is waterfilling (or proportional shares) unchanged. See [`bound_spread`] for why
//! the bound is consistent and tight.

use crate::types::MAX_RATE_SPREAD;
pub use usos_primitives::Rate;
use usos_primitives::{
    fixed::{at_least, wide_mul},
    Share,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Caps {
    pub individual: Share,
    pub household: Share,
}

/// A candidate for capping: a member outside any household, or a household's members.
#[derive(Debug, Clone, Copy)]
pub enum Unit<'a> {
    Member(u128),
    Household(&'a [u128]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MathError {
    Overflow,
    /// Cannot happen: `λ` grows monotonically through finitely many classifications.
    NoFixpoint,
}

/// The global rate `λ` for `units` plus `linear_rest`, the raw stake of members that cannot
/// reach a cap (it is only ever scaled by `λ`): the waterfilling rate when the caps can fill
/// the pool, else the proportional rate `1 / Σr` over the whole stake (`linear_rest` and every
/// unit's raws); [`Rate::UNBOUNDED`] for an empty pool or caps filling it exactly.
pub fn solve(units: &[Unit], linear_rest: u128, caps: Caps) -> Result<Rate, MathError> {
    let mut total = linear_rest;
    let mut rounds: usize = 2;
    for unit in units {
        let raws: &[u128] = match unit {
            Unit::Member(raw) => core::slice::from_ref(raw),
            Unit::Household(raws) => raws,
        };
        for raw in raws {
            total = total.checked_add(*raw).ok_or(MathError::Overflow)?;
        }
        rounds = rounds.saturating_add(raws.len()).saturating_add(1);
    }
    let mut rate = ratio(Share::ONE.0, total);
    for _ in 0..rounds {
        let (mut held, mut linear) = (0u128, linear_rest);
        for unit in units {
            let (unit_held, unit_linear) = match unit {
                Unit::Member(raw) if rate.reaches(*raw, caps.individual) => (caps.individual.0, 0),
                Unit::Member(raw) => (0, *raw),
                Unit::Household(raws) => {
                    let (h, l) = split(raws, rate, caps.individual)?;
                    if household_full(h, l, rate, caps.household) {
                        (caps.household.0, 0)
                    } else {
                        (h, l)
                    }
                }
            };
            held = held.checked_add(unit_held).ok_or(MathError::Overflow)?;
            linear = linear.checked_add(unit_linear).ok_or(MathError::Overflow)?;
        }
        let left = Share::ONE.0.checked_sub(held).ok_or(MathError::Overflow)?;
        if linear == 0 {
            // Every unit is at its cap (or full) at `rate`: `F` is flat from `rate` on, so
            // `sup F = F(rate) = held`. This is exact, not a guess: the rounds approach `λ*`
            // from below (the first rate is `1/Σr`, where `F <= 1`; each next one solves the
            // round's linearisation, which lies on or above `F` right of `rate`), so
            // `held = F(rate) <= 1`. Hence `held == 1` means the caps fill the pool exactly
            // (everyone at its cap is the waterfilling answer: unbounded), and `held < 1`
            // means `sup F < 1`: the caps cannot fill the pool, and the shares are plain
            // proportional over the whole stake (`total`, i.e. `linear_rest` and every unit).
            return Ok(if left == 0 {
                Rate::UNBOUNDED
            } else {
                ratio(Share::ONE.0, total)
            });
        }
        let next = ratio(left, linear);
        if next.same_as(rate) {
            return Ok(rate);
        }
        rate = next;
    }
    Err(MathError::NoFixpoint)
}

/// The global rate lowered so that no member's per-unit rate (`share / raw`) is more than
/// [`MAX_RATE_SPREAD`] (`K`) times another's:
///
/// ```text
/// λ = min(rate, K · ρ_min),   ρ_min = min(c / r_max, μ_h of every household full at rate)
/// ```
///
/// `rate` is what [`solve`] returns (`λ_fill`); `r_max` the largest single member stake
/// anywhere, singles and household members alike (0: an empty pool, returned as it is);
/// `households` the raws of every household that can be full at `rate` (the contract passes
/// its candidates: a household is full only if its total reaches `C` at `rate`, and those are
/// all candidates). The members then follow `λ` as usual: `min(c, λ·r)`, or `min(c, μ_h·r)` in
/// a household full at `λ` (recomputed with [`household_rate`] at `λ`).
///
/// Why this is consistent and tight:
/// - The households full at `λ` are a subset of those full at `λ_fill` (`λ <= λ_fill`, and
///   fullness only grows with the rate), so `ρ_min` took every `μ_h` that `λ` must respect; a
///   household keeps its `μ_h` (it depends on the household alone: its fill point).
/// - At `λ`, every per-unit rate is at most `λ` (a plain member's is `λ`, a capped one's
///   `c / r <= λ`, a full household member's `min(c / r, μ_h) <= μ_h <= λ`) and at least
///   `min(λ, c / r_max, μ_h of the households full at λ) >= min(λ, ρ_min) >= λ / K`. So
///   `max rate <= K · min rate`: a stake of 1 holds at most `λ`, a stake of 1,000 at least
///   `1,000 · λ / K`, so "a stake of 1 next to stakes of 1,000 never holds more than 1/100 of
///   their share" holds in every regime (1/1,000 × `K`), and the floors keep it
///   (`100 · ⌊x⌋ <= ⌊100 x⌋`).
/// - Tight: at `λ = K · c / r_max` the largest stake is capped (`λ r_max = K c >= c`), so its
///   rate is `c / r_max` and a plain member's exactly `K` times it; at `λ = K · μ_h` that
///   household is still full (`K μ_h >= μ_h`, its fill point), and a member of it sits at
///   `μ_h` (unless all are at their cap, `n c = C`: then their rates `c / r_j >= c / r_max`
///   are covered by the first term, whatever `μ_h` is reported). Any smaller `λ` would
///   discount every plain member for nothing; when the bound does not bind, `λ = λ_fill`.
pub fn bound_spread(
    rate: Rate,
    r_max: u128,
    households: &[&[u128]],
    caps: Caps,
) -> Result<Rate, MathError> {
    if r_max == 0 {
        return Ok(rate);
    }
    let mut lowest = Rate {
        num: caps.individual.0,
        den: r_max,
    };
    for raws in households {
        if let Some(mu) = household_rate(raws, rate, caps)? {
            lowest = lowest.min(mu);
        }
    }
    let bound = lowest.scaled(MAX_RATE_SPREAD).ok_or(MathError::Overflow)?;
    Ok(rate.min(bound))
}

/// The household's own rate `μ_h` if it is full at `rate`, else `None` (its members use `rate`).
pub fn household_rate(raws: &[u128], rate: Rate, caps: Caps) -> Result<Option<Rate>, MathError> {
    let (held, linear) = split(raws, rate, caps.individual)?;
    if !household_full(held, linear, rate, caps.household) {
        return Ok(None);
    }
    // The same waterfilling inside the household, filling C instead of 100%.
    let mut total: u128 = 0;
    for raw in raws {
        total = total.checked_add(*raw).ok_or(MathError::Overflow)?;
    }
    let mut mu = ratio(caps.household.0, total);
    for _ in 0..raws.len().saturating_add(2) {
        let (held, linear) = split(raws, mu, caps.individual)?;
        let left = caps.household.0.saturating_sub(held);
        let next = ratio(left, linear);
        if next.same_as(mu) {
            return Ok(Some(mu));
        }
        mu = next;
    }
    Err(MathError::NoFixpoint)
}

fn ratio(num: u128, den: u128) -> Rate {
    if den == 0 {
        Rate::UNBOUNDED
    } else {
        Rate { num, den }
    }
}

/// (sum of the caps of members reaching the individual cap, raw stake of the others).
fn split(raws: &[u128], rate: Rate, cap: Share) -> Result<(u128, u128), MathError> {
    let (mut held, mut linear) = (0u128, 0u128);
    for raw in raws {
        if rate.reaches(*raw, cap) {
            held = held.checked_add(cap.0).ok_or(MathError::Overflow)?;
        } else {
            linear = linear.checked_add(*raw).ok_or(MathError::Overflow)?;
        }
    }
    Ok((held, linear))
}

/// `held + rate · linear >= cap`, exactly.
fn household_full(held: u128, linear: u128, rate: Rate, cap: Share) -> bool {
    let Some(room) = cap.0.checked_sub(held).filter(|room| *room > 0) else {
        return true;
    };
    if linear == 0 {
        return false;
    }
    rate.den == 0 || at_least(wide_mul(rate.num, linear), wide_mul(room, rate.den))
}
