//! Tests of `heap`.

use crate::heap::*;
use ink::storage::traits::AutoKey;
use proptest::prelude::*;
use std::collections::BTreeMap;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn best_first_yields_every_entry_in_descending_order(
        ops in prop::collection::vec((0u32..30, 0u128..50), 1..120)
    ) {
        check_against_a_map(ops);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Deeper heaps (up to five levels of four): removals from the middle, the root and the end.
    #[test]
    fn a_deep_heap_stays_a_heap_through_removals(
        ops in prop::collection::vec((0u32..300, prop_oneof![Just(0u128), 1u128..1_000]), 1..600)
    ) {
        check_against_a_map(ops);
    }

    /// A capital contract upgraded in place holds the earlier build's binary heap: it stays a
    /// valid heap, binary until it empties and 4-ary from then on.
    #[test]
    fn the_earlier_builds_binary_heap_works_on_and_turns_four_ary_once_empty(
        ops in prop::collection::vec((0u32..60, prop_oneof![Just(0u128), 1u128..100]), 1..300)
    ) {
        check_heap_against_a_map(MaxHeap::earlier, ops);
    }
}

fn check_against_a_map(ops: Vec<(u32, u128)>) {
    check_heap_against_a_map(MaxHeap::default, ops)
}

fn check_heap_against_a_map(new: fn() -> MaxHeap<u32, AutoKey>, ops: Vec<(u32, u128)>) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut heap = new();
        let mut naive = BTreeMap::new();
        for (id, key) in ops {
            heap.set(&id, key);
            if key == 0 {
                naive.remove(&id);
            } else {
                naive.insert(id, key);
            }
        }
        assert_eq!(heap.len() as usize, naive.len());
        let order: Vec<(u32, u128)> = heap.best_first().collect();
        assert_eq!(order.len(), naive.len());
        assert!(order.windows(2).all(|w| w[0].1 >= w[1].1), "descending");
        for (id, key) in &order {
            assert_eq!(naive.get(id), Some(key));
            assert_eq!(heap.key_of(id), Some(*key));
        }
        // What was removed is gone.
        for id in 0..300u32 {
            if !naive.contains_key(&id) {
                assert_eq!(heap.key_of(&id), None, "{id} was removed");
            }
        }
        Ok(())
    })
    .unwrap();
}

/// Storage reads and writes of the test contract so far.
fn accesses() -> usize {
    let callee = ink::env::test::callee::<ink::env::DefaultEnvironment>();
    let (reads, writes) =
        ink::env::test::get_contract_storage_rw::<ink::env::DefaultEnvironment>(&callee);
    reads + writes
}

/// What a deposit pays as the cooperative grows: a new largest entry climbs every level of a
/// heap of 4,096, at one read and two writes a level (log₄ 4,096 = 6 levels; a binary heap
/// with swaps took 12 levels at eight accesses each).
#[test]
fn a_new_largest_entry_climbs_six_levels_of_four_thousand_at_three_accesses_each() {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        let mut heap = MaxHeap::<u32, AutoKey>::default();
        for id in 0..4_096u32 {
            heap.set(&id, u128::from(id % 1_000) + 1);
        }
        let before = accesses();
        heap.set(&9_999, 5_000);
        let spent = accesses() - before;
        // Its position (1 read), 6 parents (6 reads), 6 moved down and itself (14 writes).
        assert!(spent <= 21, "{spent} storage accesses");
        assert_eq!(heap.best_first().next(), Some((9_999, 5_000)));
        Ok(())
    })
    .unwrap();
}
