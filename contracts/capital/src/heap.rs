//! A 4-ary max-heap in storage. `set` is O(log₄ n) storage operations: a sift moves the hole,
//! not the entry, so each level costs one read (the parent, or the children going down) and
//! one node write, and the entry is written once where it lands. Four children per node halve
//! the levels of a binary heap, which is what a deposit pays as the cooperative grows (#18:
//! `capital.deposit` at 10,000 members within ×1.2 of its cost at 10). `best_first` reads the
//! largest entries in order, one read per child of each entry it yields, without touching the
//! rest. Capital keeps its capping candidates in two of these.

use ink::{
    prelude::vec::Vec,
    storage::{
        traits::{AutoKey, Packed, StorageKey},
        Mapping,
    },
};
use scale::{Encode, EncodeLike};

/// Set in the stored `len` of a 4-ary heap. Without it the heap is binary: the layout a
/// contract upgraded in place from the earlier build still holds, kept valid as a binary heap
/// until it empties, when it turns 4-ary. Same cells, same root encoding, no extra read.
const FOUR_ARY: u32 = 1 << 31;

/// The first child of `position`, and the one after its last.
fn children(position: u32, arity: u32) -> (u32, u32) {
    let first = position.saturating_mul(arity).saturating_add(1);
    (first, first.saturating_add(arity))
}

fn parent(position: u32, arity: u32) -> Option<u32> {
    position.checked_sub(1).and_then(|p| p.checked_div(arity))
}

#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct MaxHeap<T: Packed + Encode, KEY: StorageKey = AutoKey> {
    /// The number of entries, with `FOUR_ARY` set in a 4-ary heap.
    len: u32,
    /// 0-based heap array: position -> (id, key).
    nodes: Mapping<u32, (T, u128)>,
    positions: Mapping<T, u32>,
}

impl<T: Packed + Encode, KEY: StorageKey> Default for MaxHeap<T, KEY> {
    fn default() -> Self {
        Self {
            len: FOUR_ARY,
            nodes: Mapping::default(),
            positions: Mapping::default(),
        }
    }
}

impl<T, KEY> MaxHeap<T, KEY>
where
    T: Packed + Encode + EncodeLike<T> + Clone + PartialEq,
    KEY: StorageKey,
{
    pub fn len(&self) -> u32 {
        self.len & !FOUR_ARY
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Children per node: 4, or 2 in a heap kept from the earlier build.
    fn arity(&self) -> u32 {
        if self.len & FOUR_ARY != 0 {
            4
        } else {
            2
        }
    }

    /// Stores a new count, keeping the arity; an emptied heap turns 4-ary.
    fn set_len(&mut self, count: u32) {
        self.len = if count == 0 {
            FOUR_ARY
        } else {
            count | (self.len & FOUR_ARY)
        };
    }

    /// An empty binary heap, as the earlier build kept: what an upgraded contract holds.
    #[cfg(test)]
    pub(crate) fn earlier() -> Self {
        Self {
            len: 0,
            ..Self::default()
        }
    }

    pub fn key_of(&self, id: &T) -> Option<u128> {
        let position = self.positions.get(id)?;
        self.nodes.get(position).map(|(_, key)| key)
    }

    /// Inserts `id` with `key`, changes its key, or removes it when `key == 0`.
    pub fn set(&mut self, id: &T, key: u128) {
        match self.positions.get(id) {
            None if key == 0 => {}
            None => {
                let position = self.len();
                // Below 2^31 entries: one per member unit.
                self.set_len(position.saturating_add(1) & !FOUR_ARY);
                self.sift_up(position, id, key);
            }
            Some(position) if key == 0 => self.remove_at(position, id),
            Some(position) => {
                if self.key_at(position) < Some(key) {
                    self.sift_up(position, id, key);
                } else {
                    self.sift_down(position, id, key);
                }
            }
        }
    }

    /// Entries in descending key order, read lazily.
    pub fn best_first(&self) -> BestFirst<'_, T, KEY> {
        let mut frontier = Vec::new();
        if let Some((id, key)) = self.nodes.get(0) {
            frontier.push((key, 0, id));
        }
        BestFirst {
            heap: self,
            frontier,
        }
    }

    /// Takes `id`, at `position`, out: the last entry fills its place.
    fn remove_at(&mut self, position: u32, id: &T) {
        let Some(last) = self.len().checked_sub(1) else {
            return;
        };
        self.positions.remove(id);
        let Some((moved, key)) = self.nodes.take(last) else {
            return;
        };
        if position == last {
            self.set_len(last);
            return;
        }
        // The arity is the heap's until the last entry is placed.
        let above = parent(position, self.arity()).and_then(|p| self.key_at(p));
        // `last` entries remain (at least one: `moved`), so the arity stays.
        self.set_len(last);
        if above.is_some_and(|above| above < key) {
            self.sift_up(position, &moved, key);
        } else {
            self.sift_down(position, &moved, key);
        }
    }

    fn write(&mut self, position: u32, id: &T, key: u128) {
        self.nodes.insert(position, &(id.clone(), key));
        self.positions.insert(id, &position);
    }

    fn key_at(&self, position: u32) -> Option<u128> {
        self.nodes.get(position).map(|(_, key)| key)
    }

    /// Places `id` with `key` at the hole `position` or above it: smaller parents move down.
    fn sift_up(&mut self, mut position: u32, id: &T, key: u128) {
        let arity = self.arity();
        while let Some(up) = parent(position, arity) {
            let Some((above, above_key)) = self.nodes.get(up) else {
                break;
            };
            if above_key >= key {
                break;
            }
            self.write(position, &above, above_key);
            position = up;
        }
        self.write(position, id, key);
    }

    /// Places `id` with `key` at the hole `position` or below it: larger children move up.
    fn sift_down(&mut self, mut position: u32, id: &T, key: u128) {
        let (arity, len) = (self.arity(), self.len());
        loop {
            let (first, end) = children(position, arity);
            let mut largest: Option<(u32, T, u128)> = None;
            for child in first..end.min(len) {
                if let Some((below, below_key)) = self.nodes.get(child) {
                    if largest.as_ref().is_none_or(|l| below_key > l.2) {
                        largest = Some((child, below, below_key));
                    }
                }
            }
            match largest {
                Some((child, below, below_key)) if below_key > key => {
                    self.write(position, &below, below_key);
                    position = child;
                }
                _ => break,
            }
        }
        self.write(position, id, key);
    }
}

/// Lazy descending traversal: a small in-memory frontier of (key, position, id).
pub struct BestFirst<'a, T: Packed + Encode, KEY: StorageKey> {
    heap: &'a MaxHeap<T, KEY>,
    frontier: Vec<(u128, u32, T)>,
}

impl<T, KEY> Iterator for BestFirst<'_, T, KEY>
where
    T: Packed + Encode + EncodeLike<T> + Clone + PartialEq,
    KEY: StorageKey,
{
    type Item = (T, u128);

    fn next(&mut self) -> Option<(T, u128)> {
        let best = (0..self.frontier.len()).max_by_key(|i| self.frontier.get(*i).map(|f| f.0))?;
        let (key, position, id) = self.frontier.swap_remove(best);
        let (first, end) = children(position, self.heap.arity());
        for child in first..end.min(self.heap.len()) {
            if let Some((child_id, child_key)) = self.heap.nodes.get(child) {
                self.frontier.push((child_key, child, child_id));
            }
        }
        Some((id, key))
    }
}
