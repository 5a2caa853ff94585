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
//! In plain words: when the caps can fill the pool, exact waterfilling; when they cannot, plain
//! proportional shares. In both, no member's share is worth more per unit of stake than `λ`
//! (a capped member's `c / r_j <= λ`, a full household's `min(c / r_j, μ_h) <= μ_h <= λ`), and
//! members following `λ` below their cap hold exactly `λ` per unit. So a stake of 1 next to
//! stakes of 1,000 that follow `λ` below their cap holds at most 1/1,000 of their share
//! (exactly, when it follows `λ` too); it holds more only when a cap cuts theirs: in the
//! proportional regime it then holds its proportional part `1 / Σr` (never more), and when the
//! caps fill the pool, the waterfilling rate, its part of what the capped members leave. And
//! where the caps fill the pool, what a member at its cap stakes beyond it changes neither `λ`
//! nor any share (`F` is unchanged from its cap point on): a whale's deposit cannot lower the
//! other investors' shares.

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
