//! Value histories by block: the snapshot machinery of usOS.
//!
//! For each key, [`Checkpoints`] keeps the values a key took, in block order, as individual
//! storage cells `(key, index) -> Checkpoint`. `value_at(key, block)` is a binary search over
//! those cells: O(log n) storage reads, never a read of the whole history. The latest value is
//! checked first, so reading the present costs two reads.
//!
//! Size: a contract holds up to eight histories of different key and value types. The typed
//! methods only encode the key and the value; the reads, writes and the search run once, in
//! [`raw`], over encoded bytes, so the Wasm holds them once instead of once per history.

use crate::BlockNumber;
#[cfg(test)]
use ink::prelude::vec::Vec;
use ink::storage::{
    traits::{AutoKey, Packed, StorageKey},
    Mapping,
};
use scale::{Decode, Encode};

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
/// The two mappings name the cells and their layout in the metadata; [`raw`] reads and writes
/// exactly their cells (`(root, key)` and `(root, (key, index))`).
///
/// Equal values must encode equally (true of every derived `Encode`): `push` compares encodings.
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

/// The storage key root of a field.
fn root_of<T: StorageKey>(_: &T) -> u32 {
    T::KEY
}

impl<K: Encode, V: Packed, KEY: StorageKey> Checkpoints<K, V, KEY> {
    fn history(&self, key: &K) -> raw::History {
        raw::History {
            lengths: root_of(&self.lengths),
            points: root_of(&self.points),
            key: key.encode(),
        }
    }

    /// Number of checkpoints stored for `key`.
    pub fn len(&self, key: &K) -> u32 {
        self.history(key).len()
    }

    pub fn is_empty(&self, key: &K) -> bool {
        self.len(key) == 0
    }

    /// The `index`-th checkpoint of `key`, oldest first.
    pub fn checkpoint(&self, key: &K, index: u32) -> Option<Checkpoint<V>> {
        let (block, value) = self.history(key).point(index)?;
        Some(Checkpoint {
            block,
            value: <V as Decode>::decode(&mut &value[..]).ok()?,
        })
    }

    /// The current value of `key`.
    pub fn latest(&self, key: &K) -> Option<V> {
        self.value_at(key, BlockNumber::MAX)
    }

    /// Records that `key` holds `value` from `block` on. A second write in the same block
    /// replaces the first; writing the value the key already holds stores nothing.
    pub fn push(&mut self, key: &K, block: BlockNumber, value: V) -> Result<(), CheckpointError> {
        self.history(key).push(block, &Encode::encode(&value))
    }

    /// The value `key` held at the end of `block`: the last checkpoint at or before it.
    pub fn value_at(&self, key: &K, block: BlockNumber) -> Option<V> {
        let value = self.history(key).value_at(block)?;
        <V as Decode>::decode(&mut &value[..]).ok()
    }
}

#[cfg(test)]
impl<K: Encode, V: Packed, KEY: StorageKey> Checkpoints<K, V, KEY> {
    /// What ink!'s own `Mapping` code reads from the cells: the layout check of the tests.
    pub(crate) fn through_mappings(&self, key: &K) -> Vec<Checkpoint<V>> {
        let len = self.lengths.get(key).unwrap_or(0);
        (0..len)
            .filter_map(|index| self.points.get((key, index)))
            .collect()
    }
}

/// The one copy of the history logic, over encoded keys and values.
mod raw {
    use super::CheckpointError;
    use crate::{BlockNumber, Verbatim, VerbatimRef as Raw};
    use ink::prelude::vec::Vec;
    use scale::{Decode, Encode};

    pub(super) struct History {
        pub lengths: u32,
        pub points: u32,
        /// The encoded key.
        pub key: Vec<u8>,
    }

    impl History {
        /// The cell key of checkpoint `index`: the key's encoding followed by the index's, as
        /// `Mapping<(K, u32), _>` encodes it.
        fn point_key(&self, index: u32) -> Vec<u8> {
            let mut key = self.key.clone();
            index.encode_to(&mut key);
            key
        }

        pub fn len(&self) -> u32 {
            ink::env::get_contract_storage::<_, u32>(&(&self.lengths, Raw(&self.key)))
                .ok()
                .flatten()
                .unwrap_or(0)
        }

        /// Checkpoint `index`: its block and its value's encoding.
        pub fn point(&self, index: u32) -> Option<(BlockNumber, Vec<u8>)> {
            let key = self.point_key(index);
            let Verbatim(bytes) =
                ink::env::get_contract_storage::<_, Verbatim>(&(&self.points, Raw(&key)))
                    .ok()??;
            let block = BlockNumber::decode(&mut &bytes[..]).ok()?;
            // The value follows the block's four bytes.
            Some((block, bytes.get(4..)?.to_vec()))
        }

        fn set_point(&self, index: u32, block: BlockNumber, value: &[u8]) {
            let key = self.point_key(index);
            let mut cell = block.encode();
            cell.extend_from_slice(value);
            ink::env::set_contract_storage(&(&self.points, Raw(&key)), &Verbatim(cell));
        }

        pub fn push(&self, block: BlockNumber, value: &[u8]) -> Result<(), CheckpointError> {
            let len = self.len();
            if let Some(last_index) = len.checked_sub(1) {
                if let Some((last_block, last_value)) = self.point(last_index) {
                    if block < last_block {
                        return Err(CheckpointError::BlockInPast);
                    }
                    if last_value == value {
                        return Ok(());
                    }
                    if block == last_block {
                        self.set_point(last_index, block, value);
                        return Ok(());
                    }
                }
            }
            let new_len = len.checked_add(1).ok_or(CheckpointError::HistoryFull)?;
            self.set_point(len, block, value);
            ink::env::set_contract_storage(&(&self.lengths, Raw(&self.key)), &new_len);
            Ok(())
        }

        pub fn value_at(&self, block: BlockNumber) -> Option<Vec<u8>> {
            let last_index = self.len().checked_sub(1)?;
            let (last_block, last_value) = self.point(last_index)?;
            if last_block <= block {
                return Some(last_value);
            }
            // Invariant: entries below `low` are at or before `block`, entries from `high` on
            // after.
            let (mut low, mut high) = (0u32, last_index);
            while low < high {
                // low < high: neither operation can saturate.
                let mid = low.saturating_add(high.saturating_sub(low) / 2);
                let at_or_before = self.point(mid).is_some_and(|(b, _)| b <= block);
                if at_or_before {
                    low = mid.saturating_add(1);
                } else {
                    high = mid;
                }
            }
            let found = low.checked_sub(1)?;
            self.point(found).map(|(_, value)| value)
        }
    }
}
