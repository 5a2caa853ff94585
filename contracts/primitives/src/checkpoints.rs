//! Value histories by block: the snapshot machinery of usOS.
//!
//! For each key, [`Checkpoints`] keeps the values a key took, in block order, as individual
//! storage cells `(key, index) -> Checkpoint`. `value_at(key, block)` is a binary search over
//! those cells: O(log n) storage reads, never a read of the whole history. The latest value is
//! checked first, so reading the present costs two reads.

use crate::BlockNumber;
use ink::storage::{
    traits::{AutoKey, Packed, StorageKey},
    Mapping,
};
use scale::Encode;

/// One entry of a history: `value` holds from `block` until the next checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Checkpoint<V> {
    pub block: BlockNumber,
    pub value: V,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CheckpointError {
    /// A write for a block older than the key's latest checkpoint: history is append-only.
    BlockInPast,
    /// The key already holds `u32::MAX` checkpoints.
    HistoryFull,
}

/// Per-key history of values. A key with no checkpoint has no value (`None`) at every block.
///
/// `KEY` salts the storage keys with the field that holds the history: without it ink! gives
/// every `Checkpoints` field of a contract the same cells (caught by the property test below).
// The storage_item expansion of the fields is what clippy finds complex.
#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct Checkpoints<K: Encode, V: Packed, KEY: StorageKey = AutoKey> {
    lengths: Mapping<K, u32>,
    points: Mapping<(K, u32), Checkpoint<V>>,
}

impl<K: Encode, V: Packed, KEY: StorageKey> Default for Checkpoints<K, V, KEY> {
    fn default() -> Self {
        Self {
            lengths: Mapping::default(),
            points: Mapping::default(),
        }
    }
}

impl<K: Encode, V: Packed + PartialEq, KEY: StorageKey> Checkpoints<K, V, KEY> {
    /// Number of checkpoints stored for `key`.
    pub fn len(&self, key: &K) -> u32 {
        self.lengths.get(key).unwrap_or(0)
    }

    pub fn is_empty(&self, key: &K) -> bool {
        self.len(key) == 0
    }

    /// The `index`-th checkpoint of `key`, oldest first.
    pub fn checkpoint(&self, key: &K, index: u32) -> Option<Checkpoint<V>> {
        self.points.get((key, index))
    }

    /// The current value of `key`.
    pub fn latest(&self, key: &K) -> Option<V> {
        let last = self.len(key).checked_sub(1)?;
        self.checkpoint(key, last).map(|c| c.value)
    }

    /// Records that `key` holds `value` from `block` on. A second write in the same block
    /// replaces the first; writing the value the key already holds stores nothing.
    pub fn push(&mut self, key: &K, block: BlockNumber, value: V) -> Result<(), CheckpointError> {
        let len = self.len(key);
        if let Some(last_index) = len.checked_sub(1) {
            if let Some(last) = self.checkpoint(key, last_index) {
                if block < last.block {
                    return Err(CheckpointError::BlockInPast);
                }
                if last.value == value {
                    return Ok(());
                }
                if block == last.block {
                    self.points
                        .insert((key, last_index), &Checkpoint { block, value });
                    return Ok(());
                }
            }
        }
        let new_len = len.checked_add(1).ok_or(CheckpointError::HistoryFull)?;
        self.points.insert((key, len), &Checkpoint { block, value });
        self.lengths.insert(key, &new_len);
        Ok(())
    }

    /// The value `key` held at the end of `block`: the last checkpoint at or before it.
    pub fn value_at(&self, key: &K, block: BlockNumber) -> Option<V> {
        let last_index = self.len(key).checked_sub(1)?;
        let last = self.checkpoint(key, last_index)?;
        if last.block <= block {
            return Some(last.value);
        }
        // Invariant: entries below `low` are at or before `block`, entries from `high` on after.
        let (mut low, mut high) = (0u32, last_index);
        while low < high {
            // low < high: neither operation can saturate.
            let mid = low.saturating_add(high.saturating_sub(low) / 2);
            let at_or_before = self.checkpoint(key, mid).is_some_and(|c| c.block <= block);
            if at_or_before {
                low = mid.saturating_add(1);
            } else {
                high = mid;
            }
        }
        let found = low.checked_sub(1)?;
        self.checkpoint(key, found).map(|c| c.value)
    }
}
