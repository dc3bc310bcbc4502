//! ADM_DhcpScopeFailoverTable's rows as columns: a row lives in a slot (its scope id and
//! relationship id side by side in two integer columns), and the live slots of each scope
//! are chained through a `next` column, so finding a scope's rows is one hash lookup and
//! a walk of a few slots, with no allocation per scope. The rare row with fields beyond
//! its two ids keeps them aside, by slot.

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use super::id_index::IdIndex;
use crate::tables::ScopeFailoverRow;

/// The end of a chain.
const NONE: u32 = u32::MAX;

/// The slots of a scope-failover table.
#[derive(Debug, Clone, Default)]
pub(super) struct Slots {
    scope: Vec<i64>,
    relation: Vec<i64>,
    live: Vec<bool>,
    /// The next live slot of the same scope, or NONE.
    next: Vec<u32>,
    /// Each scope's first live slot.
    heads: IdIndex,
    /// The fields other than ScopeId and FailoverRelationId, of the rows that have any.
    extra: FxHashMap<u32, Map<String, Value>>,
}

impl Slots {
    /// Rows given as two id columns (taken, not copied) and the other fields of the few
    /// rows that have any (by row number; a number past the rows is ignored): every slot
    /// live, chained in one pass, and no row built for the others.
    pub fn from_columns(
        mut scope: Vec<i64>,
        mut relation: Vec<i64>,
        extras: Vec<(usize, Map<String, Value>)>,
    ) -> Slots {
        let n = scope.len().min(relation.len());
        scope.truncate(n);
        relation.truncate(n);
        let mut heads = IdIndex::for_ids(&scope);
        let mut next = Vec::with_capacity(n);
        for (slot, &id) in scope.iter().enumerate() {
            next.push(heads.insert(id, slot as u32).unwrap_or(NONE));
        }
        let extra = extras
            .into_iter()
            .filter(|(at, fields)| *at < n && !fields.is_empty())
            .map(|(at, fields)| (at as u32, fields))
            .collect();
        Slots {
            scope,
            relation,
            live: vec![true; n],
            next,
            heads,
            extra,
        }
    }

    /// The relationship ids of the slots, live or empty, in slot order.
    pub fn relation_column(&self) -> &[i64] {
        &self.relation
    }

    /// The number of slots, live or empty.
    pub fn len(&self) -> usize {
        self.scope.len()
    }

    /// Appends a live row in a new slot.
    pub fn push(&mut self, row: ScopeFailoverRow) {
        let slot = self.scope.len();
        self.scope.push(row.scope_id);
        self.relation.push(row.relation_id);
        self.live.push(false);
        self.next.push(NONE);
        self.fill(slot, row);
    }

    /// Puts a row into an empty slot (which must exist) and chains it.
    pub fn fill(&mut self, slot: usize, row: ScopeFailoverRow) {
        self.scope[slot] = row.scope_id;
        self.relation[slot] = row.relation_id;
        self.live[slot] = true;
        if !row.extra.is_empty() {
            self.extra.insert(slot as u32, row.extra);
        }
        self.next[slot] = self.heads.insert(row.scope_id, slot as u32).unwrap_or(NONE);
    }

    /// Empties a live slot, unchaining it; returns its row.
    pub fn empty(&mut self, slot: usize) -> Option<ScopeFailoverRow> {
        if !self.live.get(slot).copied().unwrap_or(false) {
            return None;
        }
        let row = ScopeFailoverRow {
            scope_id: self.scope[slot],
            relation_id: self.relation[slot],
            extra: self.extra.remove(&(slot as u32)).unwrap_or_default(),
        };
        self.live[slot] = false;
        let after = self.next[slot];
        self.next[slot] = NONE;
        let first = self.heads.get(row.scope_id).unwrap_or(NONE);
        if first == slot as u32 {
            if after == NONE {
                self.heads.remove(row.scope_id);
            } else {
                self.heads.insert(row.scope_id, after);
            }
        } else {
            let mut at = first;
            while at != NONE {
                if self.next[at as usize] == slot as u32 {
                    self.next[at as usize] = after;
                    break;
                }
                at = self.next[at as usize];
            }
        }
        Some(row)
    }

    /// Drops the last slot (empty or not), returning its row if it was live.
    pub fn pop(&mut self) -> Option<ScopeFailoverRow> {
        let last = self.len().checked_sub(1)?;
        let row = self.empty(last);
        self.scope.pop();
        self.relation.pop();
        self.live.pop();
        self.next.pop();
        row
    }

    /// The row in a slot, if live.
    pub fn get(&self, slot: usize) -> Option<ScopeFailoverRow> {
        self.live
            .get(slot)
            .copied()
            .unwrap_or(false)
            .then(|| ScopeFailoverRow {
                scope_id: self.scope[slot],
                relation_id: self.relation[slot],
                extra: self.extra.get(&(slot as u32)).cloned().unwrap_or_default(),
            })
    }

    /// The relationship of a live slot.
    pub fn relation_at(&self, slot: usize) -> i64 {
        self.relation[slot]
    }

    /// The live slots of a scope, in no particular order.
    pub fn of_scope(&self, scope_id: i64) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.heads.get(scope_id).unwrap_or(NONE);
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let slot = at as usize;
                at = self.next[slot];
                slot
            })
        })
    }

    /// The live slots of a scope in a relationship (any, when None), in no particular order.
    pub fn of_pair(
        &self,
        scope_id: i64,
        relation_id: Option<i64>,
    ) -> impl Iterator<Item = usize> + '_ {
        self.of_scope(scope_id)
            .filter(move |slot| relation_id.is_none_or(|r| self.relation_at(*slot) == r))
    }

    /// Whether a scope has a live row (in this relationship, when given).
    pub fn holds(&self, scope_id: i64, relation_id: Option<i64>) -> bool {
        self.of_pair(scope_id, relation_id).next().is_some()
    }

    /// The live rows in slot order.
    pub fn rows(&self) -> impl Iterator<Item = ScopeFailoverRow> + '_ {
        (0..self.len()).filter_map(|slot| self.get(slot))
    }

    /// The scope id of every live row, in slot order (no row built).
    pub fn scope_ids(&self) -> impl Iterator<Item = i64> + Clone + '_ {
        (0..self.len())
            .filter(|slot| self.live[*slot])
            .map(|slot| self.scope[slot])
    }

    /// The live rows in slot order as (scope, relation, extra fields if any), borrowed.
    pub fn columns(&self) -> impl Iterator<Item = (i64, i64, Option<&Map<String, Value>>)> + '_ {
        (0..self.len()).filter(|slot| self.live[*slot]).map(|slot| {
            (
                self.scope[slot],
                self.relation[slot],
                self.extra.get(&(slot as u32)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(scope_id: i64, relation_id: i64) -> ScopeFailoverRow {
        ScopeFailoverRow {
            scope_id,
            relation_id,
            extra: Map::new(),
        }
    }

    fn sorted(slots: &Slots, scope: i64, relation: Option<i64>) -> Vec<usize> {
        let mut out: Vec<usize> = slots.of_pair(scope, relation).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn chains_follow_rows_in_and_out_of_slots() {
        let mut slots = Slots::default();
        for (s, r) in [(1, 10), (2, 10), (1, 20), (1, 10)] {
            slots.push(row(s, r));
        }
        assert_eq!(sorted(&slots, 1, None), vec![0, 2, 3]);
        assert_eq!(sorted(&slots, 1, Some(10)), vec![0, 3]);
        // Out of the middle of a chain, its head, and its end.
        assert_eq!(slots.empty(2), Some(row(1, 20)));
        assert_eq!(slots.empty(2), None, "an empty slot stays empty");
        assert_eq!(sorted(&slots, 1, None), vec![0, 3]);
        assert_eq!(slots.empty(3), Some(row(1, 10)));
        assert_eq!(slots.empty(0), Some(row(1, 10)));
        assert!(!slots.holds(1, None));
        assert!(
            !slots.heads.contains(1),
            "no chain is left for a scope without rows"
        );
        slots.fill(2, row(1, 20));
        assert_eq!(sorted(&slots, 1, None), vec![2]);
        assert_eq!(slots.pop(), None, "slot 3 was empty");
        assert_eq!(slots.len(), 3);
        assert_eq!(
            slots.rows().collect::<Vec<_>>(),
            vec![row(2, 10), row(1, 20)]
        );
        assert_eq!(slots.get(7), None);
    }

    #[test]
    fn extra_fields_stay_with_their_slot() {
        let mut slots = Slots::default();
        let mut extra = Map::new();
        extra.insert("Note".into(), Value::from("kept"));
        let with = ScopeFailoverRow {
            scope_id: 5,
            relation_id: 1,
            extra,
        };
        slots.push(row(4, 1));
        slots.push(with.clone());
        assert_eq!(slots.get(1), Some(with.clone()));
        assert_eq!(slots.empty(1), Some(with.clone()));
        assert_eq!(slots.get(1), None);
        slots.fill(1, with.clone());
        assert_eq!(slots.pop(), Some(with));
        assert!(slots.extra.is_empty());
    }
}
