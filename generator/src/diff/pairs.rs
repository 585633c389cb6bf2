//! Matching the items of two versions (fields, types, operations, ...) by what identifies them.

use std::collections::HashMap;
use std::hash::Hash;

/// The items of two versions matched by a key.
pub(super) struct Pairs<'a, T> {
    /// Items in both versions, as `(old, new)`, in the new version's order.
    pub both: Vec<(&'a T, &'a T)>,
    /// Items only in the new version, in its order.
    pub added: Vec<&'a T>,
    /// Items only in the old version, in its order.
    pub removed: Vec<&'a T>,
}

/// Matches `old` and `new` by `key`; with duplicate keys, the first of each side pairs up.
pub(super) fn pair_by<'a, T, K: Eq + Hash>(
    old: impl IntoIterator<Item = &'a T>,
    new: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&'a T) -> K,
) -> Pairs<'a, T> {
    let old: Vec<&T> = old.into_iter().collect();
    let mut unmatched_old: HashMap<K, usize> = HashMap::new();
    for (index, item) in old.iter().enumerate().rev() {
        unmatched_old.insert(key(item), index);
    }
    let mut pairs = Pairs {
        both: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    let mut matched = vec![false; old.len()];
    for item in new {
        match unmatched_old.remove(&key(item)) {
            Some(index) => {
                matched[index] = true;
                pairs.both.push((old[index], item));
            }
            None => pairs.added.push(item),
        }
    }
    pairs.removed = old
        .into_iter()
        .zip(matched)
        .filter(|(_, matched)| !matched)
        .map(|(item, _)| item)
        .collect();
    pairs
}

impl<'a, T> Pairs<'a, T> {
    /// Matches the items left over by a second key (a rename keeps the other identity), and
    /// returns the pairs found; they leave `added` and `removed`.
    pub fn rematch<K: Eq + Hash>(&mut self, key: impl Fn(&'a T) -> K) -> Vec<(&'a T, &'a T)> {
        let again = pair_by(
            self.removed.iter().copied(),
            self.added.iter().copied(),
            key,
        );
        self.added = again.added;
        self.removed = again.removed;
        again.both
    }
}

/// The keys of the items that are in both sequences, in the new order, when that order is
/// not the old one: positional arguments that moved.
pub(super) fn reordered<'a, T: 'a, K: PartialEq>(
    old: impl IntoIterator<Item = &'a T>,
    new: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&'a T) -> K,
) -> Option<Vec<K>> {
    let old: Vec<K> = old.into_iter().map(&key).collect();
    let new: Vec<K> = new.into_iter().map(&key).collect();
    let old_common: Vec<&K> = old.iter().filter(|item| new.contains(item)).collect();
    let new_common: Vec<K> = new.into_iter().filter(|item| old.contains(item)).collect();
    let moved = old_common.into_iter().ne(new_common.iter());
    moved.then_some(new_common)
}
