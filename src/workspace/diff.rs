//! The pending changes of a working copy against the tables it was loaded from.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::Store;

/// Per-relationship counts of pending changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipCount {
    /// The relationship's RecordId.
    pub relation_id: i64,
    /// Its RelationshipName, when known.
    pub name: Option<String>,
    /// Pairs added to it.
    pub added: usize,
    /// Pairs removed from it.
    pub removed: usize,
}

/// The net change: a pair removed and added again is no change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    /// (ScopeId, FailoverRelationId) pairs added, by relationship then scope.
    pub added: Vec<(i64, i64)>,
    /// Pairs removed, in the same order.
    pub removed: Vec<(i64, i64)>,
    /// Counts per relationship, by RecordId.
    pub relationships: Vec<RelationshipCount>,
}

/// Sorts (scope, relationship) pairs by relationship, then scope: the order every list of
/// pending pairs uses (one sort instantiation for all of them).
pub(super) fn sort_by_relation(pairs: &mut [(i64, i64)]) {
    let mut keys: Vec<(i64, i64, i64)> = pairs.iter().map(|p| (p.1, p.0, 0)).collect();
    super::sort::sort_triples(&mut keys);
    for (pair, key) in pairs.iter_mut().zip(keys) {
        *pair = (key.1, key.0);
    }
}

impl Diff {
    /// The diff of a store.
    pub fn of(store: &Store) -> Diff {
        let mut added = Vec::new();
        let mut removed = Vec::new();
        for ((scope, relation), delta) in store.delta() {
            if delta > 0 {
                added.push((scope, relation));
            } else {
                removed.push((scope, relation));
            }
        }
        sort_by_relation(&mut added);
        sort_by_relation(&mut removed);
        let mut counts: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
        for (_, r) in &added {
            counts.entry(*r).or_default().0 += 1;
        }
        for (_, r) in &removed {
            counts.entry(*r).or_default().1 += 1;
        }
        let relationships = counts
            .into_iter()
            .map(|(relation_id, (added, removed))| RelationshipCount {
                relation_id,
                name: store.failover(relation_id).and_then(|f| {
                    f.fields
                        .get("RelationshipName")
                        .and_then(|v| v.as_str())
                        .map(String::from)
                }),
                added,
                removed,
            })
            .collect();
        Diff {
            added,
            removed,
            relationships,
        }
    }

    /// The diff as JSON: `{ added, removed, relationships }`, pairs as
    /// `{ ScopeId, FailoverRelationId }`, counts as
    /// `{ FailoverRelationId, RelationshipName, added, removed }`.
    pub fn to_json(&self) -> Value {
        let pairs = |v: &[(i64, i64)]| -> Value {
            v.iter()
                .map(|(s, r)| json!({ "ScopeId": s, "FailoverRelationId": r }))
                .collect()
        };
        json!({
            "added": pairs(&self.added),
            "removed": pairs(&self.removed),
            "relationships": self.relationships_json(),
        })
    }

    /// The per-relationship counts as JSON.
    pub fn relationships_json(&self) -> Value {
        self.relationships
            .iter()
            .map(|r| {
                json!({
                    "FailoverRelationId": r.relation_id,
                    "RelationshipName": r.name,
                    "added": r.added,
                    "removed": r.removed,
                })
            })
            .collect()
    }

    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}
