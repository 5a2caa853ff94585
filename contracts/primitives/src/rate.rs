//! The capital pool's rate: shares of the pool per unit of raw stake, as an exact ratio.
//! capital solves it (see capital's `waterfill`); governance values delegated stake with it.

use crate::{
    fixed::{at_least, wide_mul},
    mul_div, Share,
};

/// Shares per unit of raw stake, `num / den` (`num` in [`Share`] units). `den == 0` means
/// unbounded: every member with a stake is at its cap (capital's final rate is unbounded only
/// for an empty pool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Rate {
    pub num: u128,
    pub den: u128,
}

impl Rate {
    pub const UNBOUNDED: Rate = Rate { num: 1, den: 0 };

    /// `min(cap, floor(raw · self))`.
    pub fn share(self, raw: u128, cap: Share) -> Share {
        if raw == 0 {
            return Share::ZERO;
        }
        if self.den == 0 {
            return cap;
        }
        match mul_div(raw, self.num, self.den) {
            Some(s) if s < cap.0 => Share(s),
            _ => cap,
        }
    }

    /// `raw · self >= cap`, exactly.
    pub fn reaches(self, raw: u128, cap: Share) -> bool {
        if raw == 0 {
            return false;
        }
        self.den == 0 || at_least(wide_mul(self.num, raw), wide_mul(cap.0, self.den))
    }

    /// The same ratio (unbounded equals unbounded).
    pub fn same_as(self, other: Rate) -> bool {
        match (self.den, other.den) {
            (0, 0) => true,
            (0, _) | (_, 0) => false,
            _ => wide_mul(self.num, other.den) == wide_mul(other.num, self.den),
        }
    }
}

impl Rate {
    /// `floor(raw · self)` without the cap: the share of stake that no cap touches. 0 when
    /// unbounded (then every staked member sits at its cap and is reported as fixed).
    pub fn linear(self, raw: u128) -> u128 {
        if self.den == 0 {
            return 0;
        }
        mul_div(raw, self.num, self.den).unwrap_or(u128::MAX)
    }
}

impl Rate {
    /// The smaller of two rates, exactly (256-bit cross products); [`Rate::UNBOUNDED`] is the
    /// largest of all. On a tie, `self`.
    pub fn min(self, other: Rate) -> Rate {
        match (self.den, other.den) {
            (0, _) => other,
            (_, 0) => self,
            _ if at_least(wide_mul(other.num, self.den), wide_mul(self.num, other.den)) => self,
            _ => other,
        }
    }

    /// `k · self`, the same denominator; `None` if the numerator overflows. Unbounded stays
    /// unbounded.
    pub fn scaled(self, k: u128) -> Option<Rate> {
        if self.den == 0 {
            return Some(Rate::UNBOUNDED);
        }
        Some(Rate {
            num: self.num.checked_mul(k)?,
            den: self.den,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Rate;
    use proptest::prelude::*;

    /// Rates whose cross products fit in a `u128`, so the test compares them independently.
    fn rate() -> impl Strategy<Value = Rate> {
        prop_oneof![
            1 => Just(Rate::UNBOUNDED),
            4 => (0..=u128::from(u64::MAX), 1..=u128::from(u64::MAX))
                .prop_map(|(num, den)| Rate { num, den }),
            4 => (0u128..1_000, 1u128..1_000).prop_map(|(num, den)| Rate { num, den }),
        ]
    }

    /// `a <= b`, unbounded the largest.
    fn le(a: Rate, b: Rate) -> bool {
        match (a.den, b.den) {
            (_, 0) => true,
            (0, _) => false,
            _ => a.num * b.den <= b.num * a.den,
        }
    }

    #[test]
    fn min_picks_the_smaller_ratio_and_unbounded_is_the_largest() {
        let third = Rate { num: 1, den: 3 };
        let half = Rate { num: 2, den: 4 };
        assert_eq!(third.min(half), third);
        assert_eq!(half.min(third), third);
        assert_eq!(half.min(Rate::UNBOUNDED), half);
        assert_eq!(Rate::UNBOUNDED.min(third), third);
        assert_eq!(Rate::UNBOUNDED.min(Rate::UNBOUNDED), Rate::UNBOUNDED);
        // Equal ratios: `self`.
        assert_eq!(half.min(Rate { num: 1, den: 2 }), half);
        // Products beyond 128 bits: (2^127 − 1)/(2^127 − 2) > 1 > (2^127 − 2)/(2^127 − 1).
        let (big, less) = (u128::MAX >> 1, (u128::MAX >> 1) - 1);
        let above = Rate {
            num: big,
            den: less,
        };
        let below = Rate {
            num: less,
            den: big,
        };
        assert_eq!(above.min(below), below);
        assert_eq!(below.min(above), below);
        assert_eq!(above.min(Rate { num: 1, den: 1 }), Rate { num: 1, den: 1 });
        assert_eq!(Rate { num: 0, den: 5 }.min(third), Rate { num: 0, den: 5 });
    }

    #[test]
    fn scaled_multiplies_the_ratio() {
        let rate = Rate { num: 3, den: 7 };
        assert_eq!(rate.scaled(10), Some(Rate { num: 30, den: 7 }));
        assert!(rate.scaled(10).unwrap().same_as(Rate { num: 60, den: 14 }));
        assert_eq!(Rate::UNBOUNDED.scaled(10), Some(Rate::UNBOUNDED));
        assert_eq!(
            Rate {
                num: u128::MAX,
                den: 1
            }
            .scaled(2),
            None
        );
        assert_eq!(rate.scaled(0), Some(Rate { num: 0, den: 7 }));
        assert_eq!(rate.scaled(10).unwrap().share(7, crate::Share::ONE).0, 30);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn min_is_a_lower_bound_and_one_of_the_two(a in rate(), b in rate()) {
            let m = a.min(b);
            prop_assert!(m == a || m == b);
            prop_assert!(le(m, a) && le(m, b));
            prop_assert!(m.same_as(b.min(a)));
        }

        #[test]
        fn scaled_is_exact(r in rate(), k in 0u128..=1_000) {
            match r.scaled(k) {
                Some(s) if r.den == 0 => prop_assert_eq!(s, Rate::UNBOUNDED),
                Some(s) => {
                    prop_assert_eq!(s.den, r.den);
                    prop_assert_eq!(Some(s.num), r.num.checked_mul(k));
                }
                None => prop_assert!(r.num.checked_mul(k).is_none()),
            }
        }
    }
}
