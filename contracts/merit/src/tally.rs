//! Category totals that honour expiry exactly, without iterating over holders.
//!
//! Every credential issued in a category becomes an *entry* `(points, ends_at)` appended to
//! the category's list. Because a category's lifetime may grow but never shrink, and blocks only
//! move forward, `ends_at` never decreases along the list. The live total at block `B` is then
//!
//! ```text
//! total(B) = started(B)            cumulative points issued up to B (append-only history)
//!          - expired(B)            points of the first k entries, k = #entries with ends_at <= B
//!          - cancelled(B)          cumulative points revoked or superseded up to B
//!          + cancelled_among(k)    entries among the first k that were cancelled (they were
//!                                  cancelled before their expiry, so counted twice above)
//! ```
//!
//! `k` is a binary search over the list, `cancelled_among(k)` a Fenwick-tree prefix sum over the
//! entry index, the rest are checkpoint look-ups: O(log n) storage reads per query. Issuing is
//! O(1) writes (plus one when the tree doubles); revoking or superseding is O(log n) writes. The same sums with a count of 1 per
//! entry give the number of holders (a member holds at most one live credential per category).

use ink::storage::{
    traits::{AutoKey, StorageKey},
    Mapping,
};
use usos_primitives::{BlockNumber, CategoryId, Checkpoints};

/// Live points and holders of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    pub points: u128,
    pub holders: u32,
}

impl Tally {
    fn of(points: u32) -> Self {
        Tally {
            points: u128::from(points),
            holders: 1,
        }
    }

    fn checked_add(self, other: Tally) -> Option<Tally> {
        Some(Tally {
            points: self.points.checked_add(other.points)?,
            holders: self.holders.checked_add(other.holders)?,
        })
    }

    fn checked_sub(self, other: Tally) -> Option<Tally> {
        Some(Tally {
            points: self.points.checked_sub(other.points)?,
            holders: self.holders.checked_sub(other.holders)?,
        })
    }
}

/// `ends_at` of a credential that never expires: after every block.
pub const NEVER: u64 = u64::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
struct Entry {
    points: u32,
    ends_at: u64,
    /// Sum of the entries before this one.
    before: Tally,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyError {
    /// An entry would end before the category's last one (a lifetime was shortened).
    OutOfOrder,
    Overflow,
    BlockInPast,
}

#[allow(clippy::type_complexity)]
#[ink::storage_item]
#[derive(Debug)]
pub struct ExpiringTally<KEY: StorageKey = AutoKey> {
    lengths: Mapping<CategoryId, u32>,
    entries: Mapping<(CategoryId, u32), Entry>,
    started: Checkpoints<CategoryId, Tally>,
    cancelled: Checkpoints<CategoryId, Tally>,
    /// Fenwick nodes over 1-based entry positions: cancelled sums.
    cancelled_by_index: Mapping<(CategoryId, u64), Tally>,
    /// The tree's size per category: a power of two, doubled as entries are added, so an
    /// update writes about log2(entries) nodes.
    capacities: Mapping<CategoryId, u64>,
}

impl<KEY: StorageKey> Default for ExpiringTally<KEY> {
    fn default() -> Self {
        Self {
            lengths: Mapping::default(),
            entries: Mapping::default(),
            started: Checkpoints::default(),
            cancelled: Checkpoints::default(),
            cancelled_by_index: Mapping::default(),
            capacities: Mapping::default(),
        }
    }
}

impl<KEY: StorageKey> ExpiringTally<KEY> {
    /// Appends a credential live from `now` until `ends_at`; returns its entry index.
    pub fn add(
        &mut self,
        category: CategoryId,
        now: BlockNumber,
        points: u32,
        ends_at: u64,
    ) -> Result<u32, TallyError> {
        let len = self.lengths.get(category).unwrap_or(0);
        let before = match len.checked_sub(1) {
            None => Tally::default(),
            Some(last) => {
                let last = self
                    .entries
                    .get((category, last))
                    .ok_or(TallyError::Overflow)?;
                if ends_at < last.ends_at {
                    return Err(TallyError::OutOfOrder);
                }
                last.before
                    .checked_add(Tally::of(last.points))
                    .ok_or(TallyError::Overflow)?
            }
        };
        self.entries.insert(
            (category, len),
            &Entry {
                points,
                ends_at,
                before,
            },
        );
        let new_len = len.checked_add(1).ok_or(TallyError::Overflow)?;
        self.lengths.insert(category, &new_len);
        self.grow_tree(category, new_len)?;
        let started = self.started.latest(&category).unwrap_or_default();
        let started = started
            .checked_add(Tally::of(points))
            .ok_or(TallyError::Overflow)?;
        self.started
            .push(&category, now, started)
            .map_err(|_| TallyError::BlockInPast)?;
        Ok(len)
    }

    /// Ends entry `index` at `now`, before its expiry (revocation or supersession).
    pub fn cancel(
        &mut self,
        category: CategoryId,
        now: BlockNumber,
        index: u32,
    ) -> Result<(), TallyError> {
        let entry = self
            .entries
            .get((category, index))
            .ok_or(TallyError::Overflow)?;
        let amount = Tally::of(entry.points);
        let cancelled = self.cancelled.latest(&category).unwrap_or_default();
        let cancelled = cancelled.checked_add(amount).ok_or(TallyError::Overflow)?;
        self.cancelled
            .push(&category, now, cancelled)
            .map_err(|_| TallyError::BlockInPast)?;
        // Fenwick update at 1-based position index + 1.
        let capacity = self.capacities.get(category).unwrap_or(0);
        let mut node = u64::from(index).saturating_add(1);
        while node <= capacity {
            let sum = self
                .cancelled_by_index
                .get((category, node))
                .unwrap_or_default();
            let sum = sum.checked_add(amount).ok_or(TallyError::Overflow)?;
            self.cancelled_by_index.insert((category, node), &sum);
            node = node.saturating_add(node & node.wrapping_neg());
        }
        Ok(())
    }

    /// Doubles the tree until it holds `len` entries. The new top node covers every slot, and
    /// only the old slots can hold cancellations yet: it starts with the old root's sum.
    fn grow_tree(&mut self, category: CategoryId, len: u32) -> Result<(), TallyError> {
        let mut capacity = self.capacities.get(category).unwrap_or(0);
        if u64::from(len) <= capacity {
            return Ok(());
        }
        while u64::from(len) > capacity {
            let grown = capacity.checked_mul(2).ok_or(TallyError::Overflow)?.max(1);
            if let Some(root) = self.cancelled_by_index.get((category, capacity)) {
                self.cancelled_by_index.insert((category, grown), &root);
            }
            capacity = grown;
        }
        self.capacities.insert(category, &capacity);
        Ok(())
    }

    /// Number of credentials ever issued in `category` (entries, in issue and expiry order).
    pub fn len(&self, category: CategoryId) -> u32 {
        self.lengths.get(category).unwrap_or(0)
    }

    /// When entry `index` of `category` stops counting (`NEVER`: it does not expire).
    pub fn ends_at(&self, category: CategoryId, index: u32) -> Option<u64> {
        self.entries.get((category, index)).map(|e| e.ends_at)
    }

    /// Live points and holders of `category` at the end of `block`.
    pub fn at(&self, category: CategoryId, block: BlockNumber) -> Tally {
        let started = self.started.value_at(&category, block).unwrap_or_default();
        let cancelled = self
            .cancelled
            .value_at(&category, block)
            .unwrap_or_default();
        let expired_count = self.expired_count(category, block);
        let expired = self.prefix(category, expired_count);
        let cancelled_among = self.cancelled_among(category, expired_count);
        started
            .checked_add(cancelled_among)
            .and_then(|t| t.checked_sub(expired))
            .and_then(|t| t.checked_sub(cancelled))
            .unwrap_or_default()
    }

    /// Number of entries with `ends_at <= block` (a prefix of the list).
    fn expired_count(&self, category: CategoryId, block: BlockNumber) -> u32 {
        let block = u64::from(block);
        let ended = |i: u32| {
            self.entries
                .get((category, i))
                .is_some_and(|e| e.ends_at <= block)
        };
        let (mut low, mut high) = (0u32, self.lengths.get(category).unwrap_or(0));
        while low < high {
            let mid = low.saturating_add(high.saturating_sub(low) / 2);
            if ended(mid) {
                low = mid.saturating_add(1);
            } else {
                high = mid;
            }
        }
        low
    }

    /// Sum of the first `count` entries.
    fn prefix(&self, category: CategoryId, count: u32) -> Tally {
        let Some(last) = count.checked_sub(1) else {
            return Tally::default();
        };
        self.entries
            .get((category, last))
            .and_then(|e| e.before.checked_add(Tally::of(e.points)))
            .unwrap_or_default()
    }

    /// Cancelled sums among the first `count` entries (Fenwick prefix query).
    fn cancelled_among(&self, category: CategoryId, count: u32) -> Tally {
        let mut node = u64::from(count);
        let mut sum = Tally::default();
        while node > 0 {
            let part = self
                .cancelled_by_index
                .get((category, node))
                .unwrap_or_default();
            sum = sum.checked_add(part).unwrap_or(sum);
            node &= node.saturating_sub(1);
        }
        sum
    }
}
