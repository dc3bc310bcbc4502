//! What the page asks of a working copy, as JSON: a window of scope rows, the
//! relationships with their member and pending counts, the servers, and a bounded summary
//! of the pending changes. Each answer costs the window, the relationships or the pending
//! changes, never a copy of the tables.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Map, Value};

use crate::tables::{id_field, text_field};

use super::{Diff, Query, Workspace};

fn relationship_name(ws: &Workspace, id: i64) -> String {
    ws.store
        .failover(id)
        .and_then(|f| text_field(&f.fields, "RelationshipName"))
        .map_or_else(|| format!("relationship {id}"), String::from)
}

fn named(ws: &Workspace, id: i64) -> Value {
    json!({ "id": id, "name": relationship_name(ws, id) })
}

impl Workspace {
    /// The rows of a query's window: `{ total, offset, rows: [{ index, id, key, address,
    /// name, server, relationships, removedFrom, staged, selected, known }] }`.
    pub fn scope_page(&mut self, query: &Query) -> Value {
        let (total, window) = self.query(query);
        let ids: FxHashSet<i64> = window
            .iter()
            .map(|at| self.view.entries()[*at].id)
            .collect();
        // The pending pairs of the scopes shown, from the delta (what changed), not the table.
        let mut added: FxHashSet<(i64, i64)> = FxHashSet::default();
        let mut removed: FxHashMap<i64, Vec<i64>> = FxHashMap::default();
        for ((scope, relation), delta) in self.store.delta() {
            if !ids.contains(&scope) {
                continue;
            }
            if delta > 0 {
                added.insert((scope, relation));
            } else {
                removed.entry(scope).or_default().push(relation);
            }
        }
        let rows: Vec<Value> = window
            .iter()
            .map(|at| {
                let entry = &self.view.entries()[*at];
                let relations = self.store.relations_of(entry.id);
                let staged = relations.iter().any(|r| added.contains(&(entry.id, *r)));
                let mut gone = removed.get(&entry.id).cloned().unwrap_or_default();
                gone.sort_unstable();
                json!({
                    "index": at,
                    "id": entry.id,
                    "key": entry.id.to_string(),
                    "address": &*entry.address,
                    "name": &*entry.name,
                    "server": self.view.server_name(entry),
                    "relationships": relations.iter().map(|r| named(self, *r)).collect::<Vec<_>>(),
                    "removedFrom": gone.iter().map(|r| named(self, *r)).collect::<Vec<_>>(),
                    "staged": staged,
                    "selected": self.view.is_selected(*at),
                    "known": entry.known,
                })
            })
            .collect();
        json!({ "total": total, "offset": query.offset, "rows": rows })
    }

    /// Every relationship, in table order: `{ id, key, name, mode, server1, server2,
    /// state1, state2, members, added, removed, row }` (`row`: the whole table row).
    pub fn relationship_summary(&self) -> Value {
        let members = self.store.member_counts();
        let diff = Diff::of(&self.store);
        let pending: FxHashMap<i64, (usize, usize)> = diff
            .relationships
            .iter()
            .map(|c| (c.relation_id, (c.added, c.removed)))
            .collect();
        let server = |f: &Map<String, Value>, n: u8| -> Value {
            text_field(f, &format!("Server{n}Name"))
                .map(|s| super::short_server(s).to_owned())
                .or_else(|| text_field(f, &format!("Server{n}IP")).map(String::from))
                .or_else(|| {
                    id_field(f, &format!("Server{n}RecordId")).map(|id| format!("server {id}"))
                })
                .map_or(Value::Null, Value::from)
        };
        self.store
            .failovers()
            .iter()
            .map(|row| {
                let f = &row.fields;
                let (added, removed) = pending.get(&row.record_id).copied().unwrap_or_default();
                let mut whole = Map::with_capacity(f.len() + 1);
                whole.insert("RecordId".into(), Value::from(row.record_id));
                whole.extend(f.iter().map(|(k, v)| (k.clone(), v.clone())));
                json!({
                    "id": row.record_id,
                    "key": row.record_id.to_string(),
                    "name": relationship_name(self, row.record_id),
                    "mode": text_field(f, "Mode"),
                    "server1": server(f, 1),
                    "server2": server(f, 2),
                    "server1Id": id_field(f, "Server1RecordId"),
                    "server2Id": id_field(f, "Server2RecordId"),
                    "state1": text_field(f, "Server1State"),
                    "state2": text_field(f, "Server2State"),
                    "members": members.get(&row.record_id).copied().unwrap_or(0),
                    "added": added,
                    "removed": removed,
                    "row": Value::Object(whole),
                })
            })
            .collect()
    }

    /// The servers: `[{ key, id, name, scopes }]`.
    pub fn servers_json(&self) -> Value {
        self.view
            .servers()
            .iter()
            .map(|s| json!({ "key": s.key(), "id": s.id, "name": s.name, "scopes": s.scopes }))
            .collect()
    }

    /// The pending changes, bounded: counts, per-relationship counts, and at most `limit`
    /// added and `limit` removed pairs with their labels.
    pub fn pending_summary(&self, limit: usize) -> Value {
        let diff = Diff::of(&self.store);
        let pairs = |list: &[(i64, i64)]| -> Vec<Value> {
            list.iter()
                .take(limit)
                .map(|(scope, relation)| {
                    json!({
                        "scopeId": scope,
                        "scope": self.view.label(*scope),
                        "relationshipId": relation,
                        "relationship": relationship_name(self, *relation),
                    })
                })
                .collect()
        };
        json!({
            "added": diff.added.len(),
            "removed": diff.removed.len(),
            "relationships": diff.relationships.iter().map(|c| json!({
                "id": c.relation_id,
                "name": relationship_name(self, c.relation_id),
                "added": c.added,
                "removed": c.removed,
            })).collect::<Vec<_>>(),
            "addedPairs": pairs(&diff.added),
            "removedPairs": pairs(&diff.removed),
        })
    }

    /// What the last add or remove did: `{ kind, changed, unchanged, total }`.
    pub fn last_outcome_json(&self) -> Value {
        match &self.last {
            None => json!({ "kind": null, "changed": [], "unchanged": [], "total": 0 }),
            Some(o) => json!({
                "kind": o.kind,
                "changed": o.changed,
                "unchanged": o.unchanged,
                "total": o.changed.len() + o.unchanged.len(),
            }),
        }
    }
}
