//! A map from RecordIds to positions. RecordIds are database identities, so a table's ids
//! mostly fill a range: while they do, the map is an array indexed by `id - low`, and
//! building it for a million rows is a run of writes rather than a million scattered hash
//! inserts. Ids that would spread the range too thin turn it into a hash map.

use rustc_hash::FxHashMap;

/// No position.
const NONE: u32 = u32::MAX;

/// How many array cells per id held the range may grow to, beyond a fixed allowance.
const CELLS_PER_ID: usize = 4;
/// Cells the array may have whatever the number of ids.
const CELLS_ALWAYS: usize = 1 << 16;

/// RecordId → position (a slot, a row, an entry), dense or hashed.
#[derive(Debug, Clone)]
pub(super) enum IdIndex {
    /// `at[id - low]`, NONE where no id is.
    Dense {
        /// The id of `at[0]`.
        low: i64,
        /// Positions by id.
        at: Vec<u32>,
        /// How many ids are held.
        len: usize,
    },
    /// Any ids.
    Sparse(FxHashMap<i64, u32>),
}

impl Default for IdIndex {
    fn default() -> IdIndex {
        IdIndex::Dense {
            low: 0,
            at: Vec::new(),
            len: 0,
        }
    }
}

impl IdIndex {
    /// An empty index with room for ids from `low` to `high` (an array when the range is
    /// at most a few times `count`, the number of ids expected).
    pub fn for_range(low: i64, high: i64, count: usize) -> IdIndex {
        let span = high.checked_sub(low).and_then(|s| usize::try_from(s).ok());
        match span {
            Some(span) if span < count * CELLS_PER_ID + CELLS_ALWAYS => IdIndex::Dense {
                low,
                at: vec![NONE; span + 1],
                len: 0,
            },
            _ => {
                let mut map = FxHashMap::default();
                map.reserve(count);
                IdIndex::Sparse(map)
            }
        }
    }

    /// An empty index with room for `ids` (sized by their lowest and highest).
    pub fn for_ids(ids: &[i64]) -> IdIndex {
        match (ids.iter().min(), ids.iter().max()) {
            (Some(low), Some(high)) => IdIndex::for_range(*low, *high, ids.len()),
            _ => IdIndex::default(),
        }
    }

    /// The position of an id.
    pub fn get(&self, id: i64) -> Option<u32> {
        match self {
            IdIndex::Dense { low, at, .. } => {
                let i = usize::try_from(id.checked_sub(*low)?).ok()?;
                at.get(i).copied().filter(|p| *p != NONE)
            }
            IdIndex::Sparse(map) => map.get(&id).copied(),
        }
    }

    /// Whether an id is held.
    pub fn contains(&self, id: i64) -> bool {
        self.get(id).is_some()
    }

    /// How many ids are held.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        match self {
            IdIndex::Dense { len, .. } => *len,
            IdIndex::Sparse(map) => map.len(),
        }
    }

    /// Sets an id's position, returning the one it had.
    pub fn insert(&mut self, id: i64, position: u32) -> Option<u32> {
        debug_assert!(position != NONE);
        if let IdIndex::Dense { low, at, len } = self {
            if let Some(i) = Self::cell(*low, at, *len, id) {
                if i.is_none() {
                    Self::grow(low, at, *len, id);
                }
                let cell = &mut at[(id - *low) as usize];
                let before = std::mem::replace(cell, position);
                if before == NONE {
                    *len += 1;
                    return None;
                }
                return Some(before);
            }
            // Too spread out for an array: hash from here on.
            let mut map = FxHashMap::default();
            map.reserve(*len + 1);
            for (i, p) in at.iter().enumerate() {
                if *p != NONE {
                    map.insert(*low + i as i64, *p);
                }
            }
            *self = IdIndex::Sparse(map);
        }
        match self {
            IdIndex::Sparse(map) => map.insert(id, position),
            IdIndex::Dense { .. } => None,
        }
    }

    /// Sets an id's position if it has none; returns whether it was new (an id held keeps
    /// its position). One lookup where `contains` then `insert` would take two.
    pub fn insert_new(&mut self, id: i64, position: u32) -> bool {
        if let IdIndex::Dense { low, at, len } = self {
            if id >= *low {
                if let Ok(i) = usize::try_from(id.wrapping_sub(*low)) {
                    if let Some(cell) = at.get_mut(i) {
                        if *cell != NONE {
                            return false;
                        }
                        *cell = position;
                        *len += 1;
                        return true;
                    }
                }
            }
        } else if let IdIndex::Sparse(map) = self {
            return match map.entry(id) {
                std::collections::hash_map::Entry::Occupied(_) => false,
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(position);
                    true
                }
            };
        }
        // Outside a dense range: the general path grows it or turns it into a map.
        self.insert(id, position).is_none()
    }

    /// Widens a dense index's range to take `id` (which `cell` allowed), by at least half
    /// its size when it can, so that ids arriving one by one grow it rarely.
    fn grow(low: &mut i64, at: &mut Vec<u32>, len: usize, id: i64) {
        let limit = Self::limit(len) as i128;
        let (old_low, old_high) = if at.is_empty() {
            (id as i128, id as i128)
        } else {
            (*low as i128, *low as i128 + at.len() as i128 - 1)
        };
        let extra = (at.len() / 2) as i128;
        let (mut new_low, mut new_high) = (old_low.min(id as i128), old_high.max(id as i128));
        if (id as i128) < old_low {
            new_low = (new_low - extra).max(new_high - limit + 1).min(id as i128);
        } else if (id as i128) > old_high {
            new_high = (new_high + extra).min(new_low + limit - 1).max(id as i128);
        }
        Self::resize(low, at, new_low, new_high);
    }

    /// Re-lays a dense index's array over `new_low..=new_high`, which covers its range.
    fn resize(low: &mut i64, at: &mut Vec<u32>, new_low: i128, new_high: i128) {
        let new_low = new_low.max(i64::MIN as i128);
        let new_high = new_high.min(i64::MAX as i128);
        let mut grown = vec![NONE; (new_high - new_low + 1) as usize];
        if !at.is_empty() {
            let offset = (*low as i128 - new_low) as usize;
            grown[offset..offset + at.len()].copy_from_slice(at);
        }
        *low = new_low as i64;
        *at = grown;
    }

    /// Makes room at once for `more` ids between `first` and `last` (a build that knows
    /// them), so they go in without growing the array step by step.
    pub fn reserve(&mut self, first: i64, last: i64, more: usize) {
        if let IdIndex::Dense { low, at, len } = self {
            let (new_low, new_high) = if at.is_empty() {
                (first as i128, last as i128)
            } else {
                let high = *low as i128 + at.len() as i128 - 1;
                ((first as i128).min(*low as i128), (last as i128).max(high))
            };
            if new_high - new_low < Self::limit(*len + more) as i128 {
                if at.is_empty()
                    || new_low < *low as i128
                    || new_high >= *low as i128 + at.len() as i128
                {
                    Self::resize(low, at, new_low, new_high);
                }
                return;
            }
            let mut map = FxHashMap::default();
            map.reserve(*len + more);
            for (i, p) in at.iter().enumerate() {
                if *p != NONE {
                    map.insert(*low + i as i64, *p);
                }
            }
            *self = IdIndex::Sparse(map);
        }
        if let IdIndex::Sparse(map) = self {
            map.reserve(more);
        }
    }

    /// The most cells an array holding `len` ids may have.
    fn limit(len: usize) -> usize {
        (len + 1) * CELLS_PER_ID + CELLS_ALWAYS
    }

    /// For a dense index: Some(Some(i)) when `id` is in range at `i`, Some(None) when the
    /// range may grow to take it, None when it would spread too thin.
    fn cell(low: i64, at: &[u32], len: usize, id: i64) -> Option<Option<usize>> {
        if at.is_empty() {
            return Some(None);
        }
        let high = low + (at.len() - 1) as i64;
        if (low..=high).contains(&id) {
            return Some(Some((id - low) as usize));
        }
        let span = id.max(high) as i128 - id.min(low) as i128;
        (span < Self::limit(len) as i128).then_some(None)
    }

    /// Forgets an id, returning its position.
    pub fn remove(&mut self, id: i64) -> Option<u32> {
        match self {
            IdIndex::Dense { low, at, len } => {
                let i = usize::try_from(id.checked_sub(*low)?).ok()?;
                let cell = at.get_mut(i)?;
                let before = std::mem::replace(cell, NONE);
                if before == NONE {
                    return None;
                }
                *len -= 1;
                Some(before)
            }
            IdIndex::Sparse(map) => map.remove(&id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Random inserts and removes against a BTreeMap, dense ranges and far-off ids mixed.
    #[test]
    fn behaves_as_a_map() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..40 {
            let mut index = match round % 3 {
                0 => IdIndex::for_range(1000, 1100, 100),
                1 => IdIndex::default(),
                _ => {
                    let mut i = IdIndex::default();
                    i.reserve(950, 1300, 300);
                    i
                }
            };
            let mut model = BTreeMap::new();
            for step in 0..2000u32 {
                let r = next();
                let id = match r % 10 {
                    0 => (r >> 8) as i64 - (1 << 40),
                    1 => i64::MAX - (r % 3) as i64,
                    2 => i64::MIN + (r % 3) as i64,
                    _ => 900 + (r >> 16) as i64 % (300 + round * 500),
                };
                if r % 97 == 0 {
                    let (a, b) = (id, id.saturating_add((r % 5000) as i64));
                    index.reserve(a, b, (r % 300) as usize);
                } else if r % 5 == 0 {
                    assert_eq!(index.remove(id), model.remove(&id), "remove {id}");
                } else if r % 7 == 0 {
                    let new = !model.contains_key(&id);
                    if new {
                        model.insert(id, step);
                    }
                    assert_eq!(index.insert_new(id, step), new, "insert_new {id}");
                } else {
                    assert_eq!(
                        index.insert(id, step),
                        model.insert(id, step),
                        "insert {id}"
                    );
                }
                assert_eq!(index.len(), model.len());
            }
            for (id, p) in &model {
                assert_eq!(index.get(*id), Some(*p));
            }
            assert_eq!(index.get(-5), model.get(&-5).copied());
        }
    }

    #[test]
    fn a_dense_range_stays_an_array_and_a_spread_one_does_not() {
        let mut dense = IdIndex::for_range(1_000_000, 1_999_999, 1_000_000);
        for (i, id) in (1_000_000..2_000_000).enumerate() {
            dense.insert(id, i as u32);
        }
        dense.insert(5_000_000, 7);
        assert!(matches!(dense, IdIndex::Dense { .. }));
        assert_eq!(dense.get(5_000_000), Some(7));
        assert_eq!(dense.get(1_500_000), Some(500_000));
        let mut spread = IdIndex::for_range(1, 1 << 40, 2);
        assert!(matches!(spread, IdIndex::Sparse(_)));
        spread.insert(1 << 40, 1);
        assert_eq!(spread.get(1 << 40), Some(1));
    }
}
