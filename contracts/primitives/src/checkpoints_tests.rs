//! Tests of `checkpoints`.

use crate::{checkpoints::*, BlockNumber};
use proptest::prelude::*;

#[ink::storage_item]
#[derive(Default)]
struct TwoHistories {
    a: Checkpoints<u8, u64>,
    b: Checkpoints<u8, u64>,
}

fn with_fresh_storage(f: impl FnOnce()) {
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        f();
        Ok(())
    })
    .ok();
}

/// Naive reference: the whole write log, scanned linearly.
fn replay(log: &[(u8, BlockNumber, u64)], key: u8, block: BlockNumber) -> Option<u64> {
    log.iter()
        .rfind(|(k, b, _)| *k == key && *b <= block)
        .map(|(_, _, v)| *v)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn value_at_agrees_with_a_replay_of_the_log(
        writes in proptest::collection::vec((0u8..4, 0u32..3, 0u64..5), 0..60)
    ) {
        with_fresh_storage(|| {
            let mut histories = TwoHistories::default();
            let mut block = 1;
            let mut log = Vec::new();
            for (key, step, value) in writes {
                block += step;
                histories.a.push(&key, block, value).unwrap();
                log.push((key, block, value));
            }
            for key in 0u8..4 {
                for at in 0..=block + 1 {
                    assert_eq!(histories.a.value_at(&key, at), replay(&log, key, at));
                }
                assert_eq!(histories.a.latest(&key), replay(&log, key, BlockNumber::MAX));
                // The cells are exactly the ones ink!'s typed Mappings read.
                let len = histories.a.len(&key);
                let cells: Vec<_> = (0..len).filter_map(|i| histories.a.checkpoint(&key, i)).collect();
                assert_eq!(cells.len(), len as usize);
                assert_eq!(histories.a.through_mappings(&key), cells);
                // The sibling history in the same struct is untouched: distinct keys.
                assert_eq!(histories.b.latest(&key), None);
            }
        });
    }
}

#[test]
fn writes_in_the_past_are_refused_and_same_block_writes_replace() {
    with_fresh_storage(|| {
        let mut h = TwoHistories::default();
        h.a.push(&1, 10, 5).unwrap();
        assert_eq!(h.a.push(&1, 9, 6), Err(CheckpointError::BlockInPast));
        h.a.push(&1, 10, 7).unwrap();
        assert_eq!(h.a.len(&1), 1);
        assert_eq!(h.a.value_at(&1, 10), Some(7));
        assert_eq!(h.a.value_at(&1, 9), None);
        h.a.push(&1, 12, 7).unwrap();
        assert_eq!(h.a.len(&1), 1, "an unchanged value stores nothing");
    });
}

/// Storage reads of the test contract so far.
fn reads() -> usize {
    let callee = ink::env::test::callee::<ink::env::DefaultEnvironment>();
    ink::env::test::get_contract_storage_rw::<ink::env::DefaultEnvironment>(&callee).0
}

/// Every storage access is charged its proof whatever its size: the present must cost one.
#[test]
fn the_present_costs_one_read_and_the_past_a_binary_search() {
    with_fresh_storage(|| {
        let mut h = TwoHistories::default();
        for block in 1..=64u32 {
            h.a.push(&1, block, u64::from(block) * 10).unwrap();
        }
        let before = reads();
        assert_eq!(h.a.value_at(&1, 1_000), Some(640));
        assert_eq!(reads() - before, 1, "the latest value is one read");
        let before = reads();
        assert_eq!(h.a.value_at(&2, 1_000), None);
        assert_eq!(reads() - before, 1, "a key without history is one read");
        let before = reads();
        assert_eq!(h.a.value_at(&1, 20), Some(200));
        // The head, then a search over the 63 older cells: at most 1 + ceil(log2 63) + 1.
        assert!(
            reads() - before <= 8,
            "{} reads for the past",
            reads() - before
        );
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A contract upgraded in place from the earlier layout (a bare count per key, every
    /// checkpoint in its own cell) keeps every history, reads and writes it on: the same
    /// answers as a replay of the whole log.
    #[test]
    fn a_history_written_in_the_earlier_layout_reads_and_grows_on(
        earlier in proptest::collection::vec((1u32..3, 0u64..5), 1..12),
        later in proptest::collection::vec((0u32..3, 0u64..5), 0..12),
    ) {
        with_fresh_storage(|| {
            let mut h = TwoHistories::default();
            let mut log = Vec::new();
            let mut points = Vec::new();
            let mut block = 0;
            for (step, value) in earlier {
                block += step;
                // The earlier layout stored a new value per block only.
                if points.last().map(|p: &Checkpoint<u64>| p.value) != Some(value) {
                    points.push(Checkpoint { block, value });
                    log.push((1u8, block, value));
                }
            }
            h.a.write_earlier_layout(&1, &points);
            for (step, value) in later {
                block += step;
                h.a.push(&1, block, value).unwrap();
                log.push((1, block, value));
            }
            for at in 0..=block + 1 {
                assert_eq!(h.a.value_at(&1, at), replay(&log, 1, at), "at {at}");
            }
        });
    }
}
