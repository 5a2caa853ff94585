//! An exact reference for capped waterfilling: rationals, and `λ` found by sorting every kink
//! of `F(λ) = Σ_units min(cap, Σ min(c, λ·r))` and scanning them. Independent of the solver.

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

pub struct Reference {
    /// `None`: unbounded.
    pub lambda: Option<Q>,
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
    let mut last = Q::zero();
    let mut lambda = None;
    for k in &kinks {
        if big_f(case, k) > one {
            // F is linear on [last, k]: solve F(λ) = 1 there.
            let slope = (big_f(case, k) - big_f(case, &last)) / (k - &last);
            lambda = Some(&last + (&one - big_f(case, &last)) / slope);
            break;
        }
        last = k.clone();
    }
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
        let full = match &lambda {
            Some(l) => inner(h, l, &c) >= cap_h,
            None => q(h.iter().filter(|r| **r > 0).count() as u128) * &c >= cap_h,
        };
        let rate = if full {
            fill_point(h, &c, &cap_h)
        } else {
            lambda.clone()
        };
        shares.push(h.iter().map(|r| share(*r, &rate)).collect());
    }
    Reference { lambda, shares }
}

/// `floor(x)` as a share.
pub fn floor(x: &Q) -> u128 {
    x.floor().to_integer().to_u128().unwrap_or(u128::MAX)
}
