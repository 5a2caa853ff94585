//! Exact fixed-point fractions. All rounding is toward zero (floor), so a sum of shares can
//! never exceed the whole it was cut from.

/// `floor(a * b / d)` with a 256-bit intermediate product; `None` when `d == 0` or the quotient
/// does not fit in a `u128`.
pub fn mul_div(a: u128, b: u128, d: u128) -> Option<u128> {
    if d == 0 {
        return None;
    }
    if let Some(product) = a.checked_mul(b) {
        return product.checked_div(d);
    }
    let (hi, lo) = wide_mul(a, b);
    if hi >= d {
        return None;
    }
    // Restoring long division of (hi, lo) by d; `rem < d` holds at each step.
    let mut rem = hi;
    let mut quotient: u128 = 0;
    for bit in (0..128).rev() {
        let carry = rem >> 127;
        rem = (rem << 1) | ((lo >> bit) & 1);
        quotient <<= 1;
        if carry == 1 || rem >= d {
            rem = rem.wrapping_sub(d);
            quotient |= 1;
        }
    }
    Some(quotient)
}

/// The full 256-bit product `a * b` as `(high, low)` halves.
///
/// Schoolbook multiplication on 64-bit limbs. Every wrapping operation below is exact: a product
/// of two 64-bit limbs fits in 128 bits, `mid` sums three values below 2^64, and `hi` is the top
/// half of a product that fits in 256 bits.
pub fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & MASK);
    let (b1, b0) = (b >> 64, b & MASK);
    let p00 = a0.wrapping_mul(b0);
    let p01 = a0.wrapping_mul(b1);
    let p10 = a1.wrapping_mul(b0);
    let p11 = a1.wrapping_mul(b1);
    let mid = (p00 >> 64)
        .wrapping_add(p01 & MASK)
        .wrapping_add(p10 & MASK);
    let lo = (p00 & MASK) | (mid << 64);
    let hi = p11
        .wrapping_add(p01 >> 64)
        .wrapping_add(p10 >> 64)
        .wrapping_add(mid >> 64);
    (hi, lo)
}

/// `a / d` for a divisor known to be non-zero (0 if it were not).
const fn div(a: u128, d: u128) -> u128 {
    match a.checked_div(d) {
        Some(q) => q,
        None => 0,
    }
}

/// `a % d` for a divisor known to be non-zero (0 if it were not).
const fn rem(a: u128, d: u128) -> u128 {
    match a.checked_rem(d) {
        Some(r) => r,
        None => 0,
    }
}

/// A fraction in basis points: 0..=10_000 (100.00%). Decoding rejects larger values, so a
/// stored or received `BasisPoints` is always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, scale::Encode)]
#[cfg_attr(
    feature = "std",
    derive(scale_info::TypeInfo, ink::storage::traits::StorageLayout)
)]
pub struct BasisPoints(u16);

impl BasisPoints {
    pub const MAX: u16 = 10_000;
    pub const ZERO: Self = Self(0);
    pub const ONE_HUNDRED_PERCENT: Self = Self(Self::MAX);

    pub const fn new(value: u16) -> Option<Self> {
        if value <= Self::MAX {
            Some(Self(value))
        } else {
            None
        }
    }

    pub const fn get(self) -> u16 {
        self.0
    }

    /// `floor(amount * self / 10_000)`, exact for every `amount`: with `amount = q*10_000 + r`
    /// it is `q*bps + floor(r*bps / 10_000)`, and since `bps <= 10_000` nothing can saturate.
    pub const fn of(self, amount: u128) -> u128 {
        let bps = self.0 as u128;
        let max = Self::MAX as u128;
        let (q, r) = (div(amount, max), rem(amount, max));
        q.saturating_mul(bps)
            .saturating_add(div(r.saturating_mul(bps), max))
    }

    pub const fn to_share(self) -> Share {
        Share(div(Share::SCALE, Self::MAX as u128).saturating_mul(self.0 as u128))
    }
}

impl scale::Decode for BasisPoints {
    fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error> {
        let raw = u16::decode(input)?;
        Self::new(raw).ok_or_else(|| "basis points above 10000".into())
    }
}

/// A fraction of a whole with 18 decimals: `Share(Share::SCALE)` is 100%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Share(pub u128);

impl Share {
    pub const SCALE: u128 = 1_000_000_000_000_000_000;
    pub const ZERO: Self = Self(0);
    pub const ONE: Self = Self(Self::SCALE);

    /// `floor(numerator / denominator)` as a share; `None` for a zero denominator or a
    /// ratio too large to represent.
    pub fn from_ratio(numerator: u128, denominator: u128) -> Option<Self> {
        mul_div(numerator, Self::SCALE, denominator).map(Self)
    }

    /// `floor(amount * self)`.
    pub fn of(self, amount: u128) -> Option<u128> {
        mul_div(amount, self.0, Self::SCALE)
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Self)
    }

    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).map(Self)
    }
}

/// `a >= b` for 256-bit `(high, low)` numbers.
pub fn at_least(a: (u128, u128), b: (u128, u128)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 >= b.1)
}
