//! Compact stores for what a run keeps until its end for each file or variant it writes (a set's file
//! names and digests, the draws that tell its variants apart): a few bytes an item, in blocks that are
//! never moved or copied as the store grows, so that memory tracks what is kept under any allocator.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

/// Items a block holds.
const BLOCK: usize = 4096;

/// A growing list of `T`, in blocks of [`BLOCK`] items.
pub(crate) struct Blocks<T> {
    blocks: Vec<Vec<T>>,
}

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Blocks { blocks: Vec::new() }
    }
}

impl<T> Blocks<T> {
    /// How many items it holds.
    pub(crate) fn len(&self) -> usize {
        match self.blocks.last() {
            Some(last) => (self.blocks.len() - 1) * BLOCK + last.len(),
            None => 0,
        }
    }

    /// Adds `item` at the end; returns its index.
    pub(crate) fn push(&mut self, item: T) -> usize {
        let index = self.len();
        if self.blocks.last().is_none_or(|last| last.len() == BLOCK) {
            self.blocks.push(Vec::with_capacity(BLOCK));
        }
        if let Some(last) = self.blocks.last_mut() {
            last.push(item);
        }
        index
    }

    /// The item at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<&T> {
        self.blocks.get(index / BLOCK)?.get(index % BLOCK)
    }

    /// The item at `index`, to change.
    pub(crate) fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        self.blocks.get_mut(index / BLOCK)?.get_mut(index % BLOCK)
    }

    /// Every item, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.blocks.iter().flatten()
    }
}

/// A block of byte strings: their bytes one after another, and where each ends.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    ends: Vec<u32>,
}

/// A set of byte strings, each kept once, numbered in the order they were added: each costs its bytes
/// and about 10 more, where a `HashSet<Vec<u8>>` costs about 60 more.
pub(crate) struct ByteSet {
    blocks: Vec<Strings>,
    table: HashTable<u32>,
    hasher: RandomState,
}

impl Default for ByteSet {
    fn default() -> Self {
        ByteSet {
            blocks: Vec::new(),
            table: HashTable::new(),
            hasher: RandomState::new(),
        }
    }
}

/// The string numbered `index` among `blocks`.
fn string(blocks: &[Strings], index: u32) -> &[u8] {
    let index = index as usize;
    let Some(block) = blocks.get(index / BLOCK) else {
        return &[];
    };
    let k = index % BLOCK;
    let start = match k {
        0 => Some(&0),
        _ => block.ends.get(k - 1),
    };
    match (start, block.ends.get(k)) {
        (Some(&start), Some(&end)) => &block.bytes[start as usize..end as usize],
        _ => &[],
    }
}

impl ByteSet {
    /// How many strings it holds.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether it holds `bytes`.
    pub(crate) fn contains(&self, bytes: &[u8]) -> bool {
        self.find(bytes).is_some()
    }

    /// The number of `bytes`, if it holds them.
    pub(crate) fn find(&self, bytes: &[u8]) -> Option<usize> {
        let hash = self.hasher.hash_one(bytes);
        let found = (self.table).find(hash, |&i| string(&self.blocks, i) == bytes)?;
        Some(*found as usize)
    }

    /// Adds `bytes`: its number, or None when it holds them already (or holds `u32::MAX` strings).
    pub(crate) fn insert(&mut self, bytes: &[u8]) -> Option<usize> {
        let index = u32::try_from(self.len()).ok().filter(|&i| i < u32::MAX)?;
        if self.contains(bytes) {
            return None;
        }
        if self
            .blocks
            .last()
            .is_none_or(|last| last.ends.len() == BLOCK)
        {
            self.blocks.push(Strings {
                bytes: Vec::new(),
                ends: Vec::with_capacity(BLOCK),
            });
        }
        let last = self.blocks.last_mut()?;
        last.bytes.extend_from_slice(bytes);
        last.ends.push(u32::try_from(last.bytes.len()).ok()?);
        let (blocks, hasher) = (&self.blocks, &self.hasher);
        let hash = hasher.hash_one(bytes);
        (self.table).insert_unique(hash, index, |&i| hasher.hash_one(string(blocks, i)));
        Some(index as usize)
    }

    /// The string numbered `index` (empty when there is none).
    pub(crate) fn get(&self, index: usize) -> &[u8] {
        u32::try_from(index).map_or(&[], |i| string(&self.blocks, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn blocks_keep_order_across_blocks() {
        let mut blocks = Blocks::default();
        for i in 0..3 * BLOCK + 5 {
            assert_eq!(blocks.push(i * 7), i);
        }
        assert_eq!(blocks.len(), 3 * BLOCK + 5);
        *blocks.get_mut(BLOCK).unwrap() = 1;
        assert_eq!(blocks.get(BLOCK), Some(&1));
        assert_eq!(blocks.get(3 * BLOCK + 5), None);
        assert_eq!(blocks.get_mut(3 * BLOCK + 5), None);
        let all: Vec<usize> = blocks.iter().copied().collect();
        let mut expected: Vec<usize> = (0..3 * BLOCK + 5).map(|i| i * 7).collect();
        expected[BLOCK] = 1;
        assert_eq!(all, expected);
    }

    #[test]
    fn byte_set_agrees_with_a_hash_set() {
        let mut set = ByteSet::default();
        let mut kept: HashSet<Vec<u8>> = HashSet::new();
        let mut order: Vec<Vec<u8>> = Vec::new();
        // Strings of 0 to 40 bytes, many repeated, over several blocks.
        for i in 0u64..3 * BLOCK as u64 {
            let bytes: Vec<u8> = format!(
                "{}/{}",
                (i * 2_654_435_761) % 5000,
                "x".repeat((i % 41) as usize)
            )
            .into_bytes();
            let bytes = if i % 97 == 0 { Vec::new() } else { bytes };
            let added = set.insert(&bytes);
            assert_eq!(added.is_some(), kept.insert(bytes.clone()), "{i}");
            if let Some(index) = added {
                assert_eq!(index, order.len());
                order.push(bytes);
            }
        }
        assert_eq!(set.len(), order.len());
        for (index, bytes) in order.iter().enumerate() {
            assert_eq!(set.get(index), bytes.as_slice());
            assert!(set.contains(bytes));
            assert_eq!(set.find(bytes), Some(index));
        }
        assert!(!set.contains(b"never added"));
        assert_eq!(set.get(order.len()), b"");
    }
}
