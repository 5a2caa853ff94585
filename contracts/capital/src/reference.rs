//! An exact reference for capped waterfilling: rationals, and `λ` found by sorting every kink
//! of `F(λ) = Σ_units min(cap, Σ min(c, λ·r))` and bisecting them (`F` is non-decreasing).
//! Independent of the solver.
//! When `F` never exceeds 1 (the caps cannot fill the pool), `λ = 1 / R` over the whole stake
//! `R`, unless `sup F = 1` exactly (or there is no stake): then unbounded, everyone at its cap.

use crate::waterfill::Caps;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use usos_primitives::Share;

pub type Q = BigRational;

pub fn q(n: u128) -> Q {
    Q::from_integer(BigInt::from(n))
}

#[derive(Debug, Clone)]
pub struct Case {
    pub singles: Vec<u128>,
    pub households: Vec<Vec<u128>>,
    pub caps: Caps,
}

/// `Σ_j min(c, λ r_j)` for a household, or `min(c, λ r)` for a member.
fn inner(raws: &[u128], lambda: &Q, c: &Q) -> Q {
    raws.iter().map(|r| (lambda * q(*r)).min(c.clone())).sum()
}

fn big_f(case: &Case, lambda: &Q) -> Q {
    let (c, cap_h) = (q(case.caps.individual.0), q(case.caps.household.0));
    let singles: Q = inner(&case.singles, lambda, &c);
    let households: Q = case
        .households
        .iter()
        .map(|h| inner(h, lambda, &c).min(cap_h.clone()))
        .sum();
    singles + households
}

/// The λ at which `Σ min(c, λ r)` over `raws` reaches `target`, if it ever does.
fn fill_point(raws: &[u128], c: &Q, target: &Q) -> Option<Q> {
    let mut points: Vec<Q> = raws.iter().filter(|r| **r > 0).map(|r| c / q(*r)).collect();
    points.sort();
    let mut previous = Q::zero();
    for point in points.iter().chain(std::iter::once(&Q::zero())) {
        let at_end = point.is_zero();
        let value_prev = inner(raws, &previous, c);
        // Slope on (previous, point): raw of members not yet capped just after `previous`.
        let slope: Q = raws
            .iter()
            .filter(|r| **r > 0 && &(&previous * q(**r)) < c)
            .map(|r| q(*r))
            .sum();
        if slope.is_zero() {
            return None;
        }
        let hit = &previous + (target - &value_prev) / &slope;
        if at_end || &hit <= point {
            return Some(hit).filter(|h| inner(raws, h, c) >= *target);
        }
        previous = point.clone();
    }
    None
}

/// Which rule gives the shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// The caps can fill the pool (`sup F > 1`): `λ` solves `F(λ) = 1`.
    Waterfill,
    /// The caps cannot fill the pool (`sup F < 1`): `λ = 1 / R`, `R` the whole stake.
    Proportional,
    /// No stake at all, or the caps fill the pool exactly (`sup F = 1`): unbounded, everyone
    /// at its cap.
    Unbounded,
}

pub struct Reference {
    /// `None`: unbounded.
    pub lambda: Option<Q>,
    /// The rule that gave `λ`.
    pub regime: Regime,
    /// `sup_λ F(λ)`: what the caps can hold at most, in share units.
    pub sup: Q,
    pub shares: Vec<Vec<Q>>,
}

pub fn reference(case: &Case) -> Reference {
    let (c, cap_h) = (q(case.caps.individual.0), q(case.caps.household.0));
    let one = q(Share::ONE.0);
    // Kinks of F: every member's cap point and every household's fill point.
    let mut kinks: Vec<Q> = case
        .singles
        .iter()
        .chain(case.households.iter().flatten())
        .filter(|r| **r > 0)
        .map(|r| &c / q(*r))
        .collect();
    kinks.extend(
        case.households
            .iter()
            .filter_map(|h| fill_point(h, &c, &cap_h)),
    );
    kinks.sort();
    kinks.dedup();
    // F is non-decreasing: the first kink where it exceeds 1, by bisection.
    let first = kinks.partition_point(|k| big_f(case, k) <= one);
    let mut lambda = kinks.get(first).map(|k| {
        // F is linear between the kink before (or 0) and `k`: solve F(λ) = 1 there.
        let last = first
            .checked_sub(1)
            .map_or_else(Q::zero, |i| kinks[i].clone());
        let (f_last, f_k) = (big_f(case, &last), big_f(case, k));
        let slope = (f_k - &f_last) / (k - &last);
        &last + (&one - f_last) / slope
    });
    // F never exceeds 1: it is flat at its supremum from the last kink on.
    let sup = kinks.last().map_or_else(Q::zero, |k| big_f(case, k));
    let total: Q = case
        .singles
        .iter()
        .chain(case.households.iter().flatten())
        .map(|r| q(*r))
        .sum();
    let regime = match lambda {
        Some(_) => Regime::Waterfill,
        None if total.is_zero() || sup == one => Regime::Unbounded,
        None => {
            // The caps cannot fill the pool: plain proportional shares over the whole stake.
            lambda = Some(&one / &total);
            Regime::Proportional
        }
    };
    let full_at = |h: &[u128], rate: &Option<Q>| match rate {
        Some(l) => inner(h, l, &c) >= cap_h,
        None => q(h.iter().filter(|r| **r > 0).count() as u128) * &c >= cap_h,
    };
    let share = |raw: u128, rate: &Option<Q>| match rate {
        _ if raw == 0 => Q::zero(),
        None => c.clone(),
        Some(l) => (l * q(raw)).min(c.clone()),
    };
    let mut shares = vec![case
        .singles
        .iter()
        .map(|r| share(*r, &lambda))
        .collect::<Vec<_>>()];
    for h in &case.households {
        let rate = if full_at(h, &lambda) {
            fill_point(h, &c, &cap_h)
        } else {
            lambda.clone()
        };
        shares.push(h.iter().map(|r| share(*r, &rate)).collect());
    }
    Reference {
        lambda,
        regime,
        sup,
        shares,
    }
}

/// `floor(x)` as a share.
pub fn floor(x: &Q) -> u128 {
    x.floor().to_integer().to_u128().unwrap_or(u128::MAX)
}
