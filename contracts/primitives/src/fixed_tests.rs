//! Tests of `fixed`.

use crate::fixed::*;
use proptest::prelude::*;

fn lt_or_eq(a: (u128, u128), b: (u128, u128)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 <= b.1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn mul_div_is_the_floor_of_the_exact_quotient(a: u128, b: u128, d in 1u128..) {
        match mul_div(a, b, d) {
            Some(q) => {
                // q*d <= a*b < (q+1)*d, compared in 256 bits.
                let product = wide_mul(a, b);
                prop_assert!(lt_or_eq(wide_mul(q, d), product));
                if let Some(next) = q.checked_add(1) {
                    prop_assert!(!lt_or_eq(wide_mul(next, d), product));
                }
            }
            None => prop_assert!(wide_mul(a, b).0 >= d, "None only on overflow"),
        }
    }

    #[test]
    fn mul_div_agrees_with_u128_when_it_fits(a in 0u128..1 << 64, b in 0u128..1 << 64, d in 1u128..) {
        prop_assert_eq!(mul_div(a, b, d), Some(a * b / d));
    }

    #[test]
    fn basis_points_of_is_exact(amount: u128, bps in 0u16..=10_000) {
        let expected = mul_div(amount, bps as u128, 10_000);
        prop_assert_eq!(Some(BasisPoints::new(bps).unwrap().of(amount)), expected);
    }

    #[test]
    fn share_of_never_exceeds_the_amount(amount: u128, num: u128, den in 1u128..) {
        let share = Share::from_ratio(num.min(den), den).unwrap();
        prop_assert!(share <= Share::ONE);
        prop_assert!(share.of(amount).unwrap() <= amount);
    }
}

#[test]
fn mul_div_refuses_zero_divisor_and_overflow() {
    assert_eq!(mul_div(1, 1, 0), None);
    assert_eq!(mul_div(u128::MAX, 2, 1), None);
    assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX), Some(u128::MAX));
}

#[test]
fn basis_points_reject_more_than_one_hundred_percent() {
    use scale::{Decode, Encode};
    assert_eq!(BasisPoints::new(10_001), None);
    assert_eq!(BasisPoints::decode(&mut &10_001u16.encode()[..]).ok(), None);
    let three_percent = BasisPoints::new(300).unwrap();
    assert_eq!(
        BasisPoints::decode(&mut &three_percent.encode()[..]).ok(),
        Some(three_percent)
    );
    assert_eq!(three_percent.to_share(), Share(30_000_000_000_000_000));
    assert_eq!(three_percent.of(1_000), 30);
}
