//! Value histories by block: the snapshot machinery of usOS.
//!
//! For each key, [`Checkpoints`] keeps the values a key took, in block order, as individual
//! storage cells. The key's *head* cell holds how many checkpoints it has and the latest one;
//! the older ones are cells `(key, index) -> Checkpoint`. `value_at(key, block)` reads the head
//! and, only for a block before the latest checkpoint, binary-searches the older cells: O(log n)
//! storage reads, never a read of the whole history. Reading the present costs one read, and
//! pallet-contracts charges every storage access its benchmarked proof whatever the cell's size,
//! so one cell instead of two is what a vote's proof is made of (#18).
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

/// A key's head cell: how many checkpoints it has, and the latest (which no other cell holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Head<V> {
    pub len: u32,
    pub latest: Checkpoint<V>,
}

/// Per-key history of values. A key with no checkpoint has no value (`None`) at every block.
///
/// `KEY` salts the storage keys with the field that holds the history: without it ink! gives
/// every `Checkpoints` field of a contract the same cells (caught by the property test below).
/// The two mappings name the cells and their layout in the metadata; [`raw`] reads and writes
/// exactly their cells (`(root, key)` for the head and `(root, (key, index))` for checkpoint
/// `index < len - 1`).
///
/// Upgrades: the head mapping keeps the name, and so the storage key, of the earlier layout's
/// `lengths` (a bare `u32` count per key, every checkpoint in `points`). A 4-byte head is such
/// a count: its latest checkpoint is read from `points`, and the key moves to the new layout
/// at its next write. A contract upgraded in place keeps every history.
///
/// Equal values must encode equally (true of every derived `Encode`): `push` compares encodings.
// The storage_item expansion of the fields is what clippy finds complex.
#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct Checkpoints<K: Encode, V: Packed, KEY: StorageKey = AutoKey> {
    /// The heads (named `lengths` for the earlier layout's storage key, see above).
    lengths: Mapping<K, Head<V>>,
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
            heads: root_of(&self.lengths),
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
        let Some(head) = self.lengths.get(key) else {
            return Vec::new();
        };
        let mut cells: Vec<_> = (0..head.len.saturating_sub(1))
            .filter_map(|index| self.points.get((key, index)))
            .collect();
        cells.push(head.latest);
        cells
    }

    /// Writes `key`'s history as the earlier layout did: a bare count, every checkpoint in
    /// `points` (what a contract upgraded in place finds).
    pub(crate) fn write_earlier_layout(&mut self, key: &K, history: &[Checkpoint<V>])
    where
        V: Clone,
    {
        let root = root_of(&self.lengths);
        let count = history.len() as u32;
        ink::env::set_contract_storage(&(root, key), &count);
        for (index, point) in history.iter().enumerate() {
            self.points.insert((key, index as u32), point);
        }
    }
}

/// The one copy of the history logic, over encoded keys and values.
mod raw {
    use super::CheckpointError;
    use crate::{BlockNumber, Verbatim, VerbatimRef as Raw};
    use ink::prelude::vec::Vec;
    use scale::{Decode, Encode};

    pub(super) struct History {
        pub heads: u32,
        pub points: u32,
        /// The encoded key.
        pub key: Vec<u8>,
    }

    /// A decoded head cell: the number of checkpoints, and the latest one's block and value;
    /// `earlier` when the cell is the earlier layout's bare count (the latest is then also in
    /// its own cell).
    struct Head {
        len: u32,
        block: BlockNumber,
        value: Vec<u8>,
        earlier: bool,
    }

    impl History {
        /// The cell key of checkpoint `index`: the key's encoding followed by the index's, as
        /// `Mapping<(K, u32), _>` encodes it.
        fn point_key(&self, index: u32) -> Vec<u8> {
            let mut key = self.key.clone();
            index.encode_to(&mut key);
            key
        }

        /// The head cell: `len`, then the latest checkpoint (block, value), as `Head<V>` encodes.
        fn head(&self) -> Option<Head> {
            let Verbatim(bytes) =
                ink::env::get_contract_storage::<_, Verbatim>(&(&self.heads, Raw(&self.key)))
                    .ok()??;
            let mut input = &bytes[..];
            let len = u32::decode(&mut input).ok()?;
            if input.is_empty() {
                // The earlier layout: a count only, the latest checkpoint in its own cell.
                let (block, value) = self.older(len.checked_sub(1)?)?;
                return Some(Head {
                    len,
                    block,
                    value,
                    earlier: true,
                });
            }
            let block = BlockNumber::decode(&mut input).ok()?;
            Some(Head {
                len,
                block,
                value: input.to_vec(),
                earlier: false,
            })
        }

        fn set_head(&self, len: u32, block: BlockNumber, value: &[u8]) {
            let mut cell = (len, block).encode();
            cell.extend_from_slice(value);
            ink::env::set_contract_storage(&(&self.heads, Raw(&self.key)), &Verbatim(cell));
        }

        pub fn len(&self) -> u32 {
            self.head().map_or(0, |head| head.len)
        }

        /// Checkpoint `index`: its block and its value's encoding.
        pub fn point(&self, index: u32) -> Option<(BlockNumber, Vec<u8>)> {
            let head = self.head()?;
            match index.checked_add(1)?.cmp(&head.len) {
                core::cmp::Ordering::Less => self.older(index),
                core::cmp::Ordering::Equal => Some((head.block, head.value)),
                core::cmp::Ordering::Greater => None,
            }
        }

        /// Checkpoint `index`, one of the cells before the head.
        fn older(&self, index: u32) -> Option<(BlockNumber, Vec<u8>)> {
            let key = self.point_key(index);
            let Verbatim(bytes) =
                ink::env::get_contract_storage::<_, Verbatim>(&(&self.points, Raw(&key)))
                    .ok()??;
            let block = BlockNumber::decode(&mut &bytes[..]).ok()?;
            // The value follows the block's four bytes.
            Some((block, bytes.get(4..)?.to_vec()))
        }

        fn set_older(&self, index: u32, block: BlockNumber, value: &[u8]) {
            let key = self.point_key(index);
            let mut cell = block.encode();
            cell.extend_from_slice(value);
            ink::env::set_contract_storage(&(&self.points, Raw(&key)), &Verbatim(cell));
        }

        /// A new latest checkpoint moves the previous one out of the head into its own cell.
        pub fn push(&self, block: BlockNumber, value: &[u8]) -> Result<(), CheckpointError> {
            let Some(head) = self.head() else {
                self.set_head(1, block, value);
                return Ok(());
            };
            if block < head.block {
                return Err(CheckpointError::BlockInPast);
            }
            if head.value == value {
                return Ok(());
            }
            if block == head.block {
                self.set_head(head.len, block, value);
                return Ok(());
            }
            let new_len = head
                .len
                .checked_add(1)
                .ok_or(CheckpointError::HistoryFull)?;
            // head.len >= 1 for every stored head; an earlier-layout head's latest is already
            // in its cell.
            if !head.earlier {
                self.set_older(head.len.saturating_sub(1), head.block, &head.value);
            }
            self.set_head(new_len, block, value);
            Ok(())
        }

        pub fn value_at(&self, block: BlockNumber) -> Option<Vec<u8>> {
            let head = self.head()?;
            if head.block <= block {
                return Some(head.value);
            }
            // The head is after `block`: search the older cells, 0 .. len - 1. Invariant:
            // entries below `low` are at or before `block`, entries from `high` on after.
            let (mut low, mut high) = (0u32, head.len.saturating_sub(1));
            while low < high {
                // low < high: neither operation can saturate.
                let mid = low.saturating_add(high.saturating_sub(low) / 2);
                let at_or_before = self.older(mid).is_some_and(|(b, _)| b <= block);
                if at_or_before {
                    low = mid.saturating_add(1);
                } else {
                    high = mid;
                }
            }
            let found = low.checked_sub(1)?;
            self.older(found).map(|(_, value)| value)
        }
    }
}
