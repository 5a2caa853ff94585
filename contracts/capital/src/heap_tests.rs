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
        ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
            let mut heap = MaxHeap::<u32, AutoKey>::default();
            let mut naive = BTreeMap::new();
            for (id, key) in ops {
                heap.set(&id, key);
                if key == 0 { naive.remove(&id); } else { naive.insert(id, key); }
            }
            assert_eq!(heap.len() as usize, naive.len());
            let order: Vec<(u32, u128)> = heap.best_first().collect();
            assert_eq!(order.len(), naive.len());
            assert!(order.windows(2).all(|w| w[0].1 >= w[1].1), "descending");
            for (id, key) in &order {
                assert_eq!(naive.get(id), Some(key));
                assert_eq!(heap.key_of(id), Some(*key));
            }
            Ok(())
        }).unwrap();
    }
}
