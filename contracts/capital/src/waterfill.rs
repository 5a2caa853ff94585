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
//! `λ`. When the caps leave room (too few members to reach 100% under them), `λ` is unbounded:
//! every staked member sits at its cap and the rest of the pool stays unallocated.
//!
//! `λ` is kept as an exact ratio `(1 − A) / R`: `A` is what the capped members and households
//! hold (in [`Share`] units), `R` the raw stake of everyone else. [`solve`] starts from
//! `λ = 1 / Σr` and re-classifies until nothing new reaches a cap: `λ` never decreases, so it
//! stops after at most one round per member and household it examines. Comparisons use 256-bit
//! products; each share is `floor(r_j · λ)`, so the shares never sum above 100%.
//!
//! Only the largest stakes can reach a cap (each capped unit holds at least `c`, so at most
//! `⌊1/c⌋` of them are capped): the contract runs [`solve`] over those candidates and passes the
//! raw stake of everyone else as `linear_rest`.

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
/// reach a cap (it is only ever scaled by `λ`).
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
