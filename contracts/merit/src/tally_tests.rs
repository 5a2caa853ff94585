//! Tests of `tally`.

use crate::tally::*;
use ink::storage::traits::AutoKey;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Add { points: u32, life: Option<u32> },
    Cancel(usize),
    Next(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1u32..10, prop::option::of(1u32..6)).prop_map(|(points, life)| Op::Add { points, life }),
        1 => (0usize..40).prop_map(Op::Cancel),
        2 => (1u32..4).prop_map(Op::Next),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Against a naive list of intervals, at every block.
    #[test]
    fn tally_matches_naive_intervals(ops in prop::collection::vec(op(), 1..60)) {
        ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
            let mut tally = ExpiringTally::<AutoKey>::default();
            // (start, end, points): live on [start, end).
            let mut naive: Vec<(u32, u64, u32)> = Vec::new();
            let mut now = 1u32;
            let mut lifetime = 0u32; // only grows: expiries stay in order
            let mut last_end = 0u64;
            for op in ops {
                match op {
                    Op::Add { points, life } => {
                        lifetime = lifetime.max(life.unwrap_or(0));
                        let ends_at = if lifetime == 0 { NEVER } else { u64::from(now + lifetime) };
                        let ends_at = ends_at.max(last_end);
                        last_end = ends_at;
                        let index = tally.add(7, now, points, ends_at).unwrap();
                        assert_eq!(index as usize, naive.len());
                        naive.push((now, ends_at, points));
                    }
                    Op::Cancel(i) => {
                        if let Some(e) = naive.get_mut(i) {
                            if u64::from(now) < e.1 && e.0 <= now {
                                tally.cancel(7, now, i as u32).unwrap();
                                e.1 = u64::from(now);
                            }
                        }
                    }
                    Op::Next(n) => now += n,
                }
            }
            for block in 0..=now + 8 {
                let live = naive.iter().filter(|(s, e, _)| *s <= block && u64::from(block) < *e);
                let expected = Tally {
                    points: live.clone().map(|(_, _, p)| u128::from(*p)).sum(),
                    holders: live.count() as u32,
                };
                assert_eq!(tally.at(7, block), expected, "block {}", block);
                assert_eq!(tally.at(8, block), Tally::default(), "other categories untouched");
            }
            Ok(())
        }).unwrap();
    }
}

#[test]
fn an_entry_ending_before_the_last_one_is_refused() {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut tally = ExpiringTally::<AutoKey>::default();
        tally.add(1, 1, 5, 10).unwrap();
        assert_eq!(tally.add(1, 2, 5, 9), Err(TallyError::OutOfOrder));
        Ok(())
    })
    .unwrap();
}
