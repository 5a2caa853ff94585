//! The capital pool's rate: shares of the pool per unit of raw stake, as an exact ratio.
//! capital solves it (see capital's `waterfill`); governance values delegated stake with it.

use crate::{
    fixed::{at_least, wide_mul},
    mul_div, Share,
};

/// Shares per unit of raw stake, `num / den` (`num` in [`Share`] units). `den == 0` means
/// unbounded: every member with a stake is at its cap.
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
