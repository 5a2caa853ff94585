//! A binary max-heap in storage: `set` is O(log n) storage operations, and `best_first` reads
//! the largest entries in order, about two storage reads per entry it yields, without touching
//! the rest. Capital keeps its capping candidates in two of these.

use ink::{
    prelude::vec::Vec,
    storage::{
        traits::{AutoKey, Packed, StorageKey},
        Mapping,
    },
};
use scale::{Encode, EncodeLike};

#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct MaxHeap<T: Packed + Encode, KEY: StorageKey = AutoKey> {
    len: u32,
    /// 0-based heap array: position -> (id, key).
    nodes: Mapping<u32, (T, u128)>,
    positions: Mapping<T, u32>,
}

impl<T: Packed + Encode, KEY: StorageKey> Default for MaxHeap<T, KEY> {
    fn default() -> Self {
        Self {
            len: 0,
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
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
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
                let position = self.len;
                self.len = self.len.saturating_add(1);
                self.write(position, id, key);
                self.sift_up(position);
            }
            Some(position) if key == 0 => self.remove_at(position),
            Some(position) => {
                let old = self.nodes.get(position).map_or(0, |(_, k)| k);
                self.write(position, id, key);
                if key > old {
                    self.sift_up(position);
                } else {
                    self.sift_down(position);
                }
            }
        }
    }

    /// Entries in descending key order, read lazily.
    pub fn best_first(&self) -> BestFirst<'_, T, KEY> {
        let mut frontier = Vec::new();
        if let Some((_, key)) = self.nodes.get(0) {
            frontier.push((key, 0));
        }
        BestFirst {
            heap: self,
            frontier,
        }
    }

    fn remove_at(&mut self, position: u32) {
        let Some(last) = self.len.checked_sub(1) else {
            return;
        };
        if let Some((id, _)) = self.nodes.get(position) {
            self.positions.remove(&id);
        }
        self.len = last;
        if position == last {
            self.nodes.remove(last);
            return;
        }
        if let Some((moved, key)) = self.nodes.take(last) {
            self.write(position, &moved, key);
            self.sift_up(position);
            self.sift_down(position);
        }
    }

    fn write(&mut self, position: u32, id: &T, key: u128) {
        self.nodes.insert(position, &(id.clone(), key));
        self.positions.insert(id, &position);
    }

    fn key_at(&self, position: u32) -> Option<u128> {
        self.nodes.get(position).map(|(_, key)| key)
    }

    fn swap(&mut self, a: u32, b: u32) {
        if let (Some((id_a, key_a)), Some((id_b, key_b))) = (self.nodes.get(a), self.nodes.get(b)) {
            self.write(a, &id_b, key_b);
            self.write(b, &id_a, key_a);
        }
    }

    fn sift_up(&mut self, mut position: u32) {
        while let Some(parent) = position.checked_sub(1).map(|p| p / 2) {
            if self.key_at(parent) >= self.key_at(position) {
                break;
            }
            self.swap(parent, position);
            position = parent;
        }
    }

    fn sift_down(&mut self, mut position: u32) {
        loop {
            let left = position.saturating_mul(2).saturating_add(1);
            let right = left.saturating_add(1);
            let mut largest = position;
            for child in [left, right] {
                if child < self.len && self.key_at(child) > self.key_at(largest) {
                    largest = child;
                }
            }
            if largest == position {
                break;
            }
            self.swap(position, largest);
            position = largest;
        }
    }
}

/// Lazy descending traversal: a small in-memory frontier of positions.
pub struct BestFirst<'a, T: Packed + Encode, KEY: StorageKey> {
    heap: &'a MaxHeap<T, KEY>,
    frontier: Vec<(u128, u32)>,
}

impl<T, KEY> Iterator for BestFirst<'_, T, KEY>
where
    T: Packed + Encode + EncodeLike<T> + Clone + PartialEq,
    KEY: StorageKey,
{
    type Item = (T, u128);

    fn next(&mut self) -> Option<(T, u128)> {
        let best = (0..self.frontier.len()).max_by_key(|i| self.frontier.get(*i).map(|f| f.0))?;
        let (_, position) = self.frontier.swap_remove(best);
        let (id, key) = self.heap.nodes.get(position)?;
        let left = position.saturating_mul(2).saturating_add(1);
        for child in [left, left.saturating_add(1)] {
            if child < self.heap.len {
                if let Some(child_key) = self.heap.key_at(child) {
                    self.frontier.push((child_key, child));
                }
            }
        }
        Some((id, key))
    }
}
