//! What the page asks of a working copy, as JSON: a window of scope rows, the
//! relationships with their member and pending counts, the servers, and a bounded summary
//! of the pending changes. Each answer costs the window, the relationships or the pending
//! changes, never a copy of the tables.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Map, Value};

use crate::tables::{id_field, text_field};

use super::{Query, Workspace};

fn relationship_name(ws: &Workspace, id: i64) -> String {
    let name = ws
        .store
        .failover(id)
        .and_then(|f| text_field(&f.fields, "RelationshipName"));
    super::relationship_label(name, id)
}

fn named(ws: &Workspace, id: i64) -> Value {
    json!({ "id": id, "name": relationship_name(ws, id), "known": ws.store.failover(id).is_some() })
}

impl Workspace {
    /// The rows of a query's window: `{ total, offset, rows: [{ index, id, key, address,
    /// name, server, relationships, removedFrom, staged, selected, known }] }`.
    pub fn scope_page(&mut self, query: &Query) -> Value {
        let (total, window) = self.query(query);
        let ids: FxHashSet<i64> = window.iter().map(|at| self.view.entry_at(*at).id).collect();
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
                let entry = self.view.entry_at(*at);
                let relations = self.store.relations_of(entry.id);
                let staged = relations.iter().any(|r| added.contains(&(entry.id, *r)));
                let gone = removed.get(&entry.id).cloned().unwrap_or_default();
                let gone = super::sort::sorted_by(gone, |r| (*r, 0));
                json!({
                    "index": at,
                    "id": entry.id,
                    "key": entry.id.to_string(),
                    "address": entry.address,
                    "name": entry.name,
                    "server": self.view.server_name(&entry),
                    "relationships": relations.iter().map(|r| {
                        let mut item = named(self, *r);
                        item["staged"] = Value::Bool(added.contains(&(entry.id, *r)));
                        item
                    }).collect::<Vec<_>>(),
                    "removedFrom": gone.iter().map(|r| named(self, *r)).collect::<Vec<_>>(),
                    "staged": staged,
                    "selected": self.view.is_selected(*at),
                    "known": entry.known,
                })
            })
            .collect();
        json!({ "total": total, "offset": query.offset, "rows": rows })
    }

    /// How the page labels scopes, by id: `[{ id, label, known, name, address }]` in the
    /// order asked (`known`: listed in the working copy; `name` and `address` empty when
    /// the scopes table does not list it).
    pub fn scope_labels(&self, ids: &[i64]) -> Value {
        ids.iter()
            .map(|id| {
                let entry = self.view.entry(*id);
                json!({
                    "id": id,
                    "label": self.view.label(*id),
                    "known": entry.is_some(),
                    "name": entry.map_or("", |e| e.name),
                    "address": entry.map_or("", |e| e.address),
                })
            })
            .collect()
    }

    /// Every relationship, in table order: `{ id, key, name, mode, server1, server2,
    /// state1, state2, members, added, removed, row }` (`row`: the whole table row).
    pub fn relationship_summary(&self) -> Value {
        let server = |f: &Map<String, Value>, n: u8| -> Value {
            super::server_label(
                text_field(f, &format!("Server{n}Name")),
                text_field(f, &format!("Server{n}IP")),
                id_field(f, &format!("Server{n}RecordId")),
            )
            .map_or(Value::Null, Value::from)
        };
        self.store
            .failovers()
            .iter()
            .map(|row| {
                let f = &row.fields;
                let (added, removed) = self.store.pending_count(row.record_id);
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
                    "members": self.store.member_count(row.record_id),
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
        // The first `limit` pairs each way in the diff's order (by relationship, then
        // scope), picked without sorting every pending pair; counts are kept as changes
        // happen.
        let mut added: Vec<(i64, i64)> = Vec::new();
        let mut removed: Vec<(i64, i64)> = Vec::new();
        for ((scope, relation), delta) in self.store.delta() {
            if delta > 0 {
                added.push((scope, relation));
            } else {
                removed.push((scope, relation));
            }
        }
        let first = |pairs: &mut Vec<(i64, i64)>| {
            let key = |p: &(i64, i64)| (p.1, p.0);
            if pairs.len() > limit {
                if limit == 0 {
                    pairs.clear();
                } else {
                    pairs.select_nth_unstable_by_key(limit - 1, key);
                    pairs.truncate(limit);
                }
            }
            super::diff::sort_by_relation(pairs);
        };
        let (added_count, removed_count) = (added.len(), removed.len());
        first(&mut added);
        first(&mut removed);
        let relationships: Vec<(i64, (usize, usize))> = self
            .store
            .pending
            .iter()
            .filter(|(_, c)| c.0 + c.1 > 0)
            .map(|(r, c)| (*r, *c))
            .collect();
        let relationships = super::sort::sorted_by(relationships, |(r, _)| (*r, 0));
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
            "added": added_count,
            "removed": removed_count,
            "relationships": relationships.iter().map(|(id, (a, r))| json!({
                "id": id,
                "name": relationship_name(self, *id),
                "added": a,
                "removed": r,
            })).collect::<Vec<_>>(),
            "addedPairs": pairs(&added),
            "removedPairs": pairs(&removed),
        })
    }

    /// Coverage per server pair: for each pair of servers that has a relationship, of the
    /// listed scopes hosted on either server, how many are in a relationship of that pair
    /// (`covered`), in none (`uncovered`), or in a relationship between other servers
    /// (`elsewhere`). `server` is the pair's key for `queryScopes`.
    pub fn coverage(&mut self) -> Value {
        let pairs: Vec<((i64, i64), Vec<i64>, super::PairCounts)> = self
            .coverage_counts()
            .into_iter()
            .map(|(pair, rels, counts)| (pair, rels.to_vec(), counts))
            .collect();
        let name = |id: i64| {
            self.view
                .servers()
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| format!("server {id}"), |s| s.name.clone())
        };
        pairs
            .iter()
            .map(|((a, b), rels, c)| {
                json!({
                    "server": format!("{a},{b}"),
                    "servers": [name(*a), name(*b)],
                    "relationships": rels.iter().map(|r| named(self, *r)).collect::<Vec<_>>(),
                    "scopes": c.scopes,
                    "covered": c.covered,
                    "uncovered": c.uncovered,
                    "elsewhere": c.elsewhere,
                })
            })
            .collect()
    }

    /// The numbers of [`Workspace::coverage`] alone, flat: `scopes, covered, uncovered,
    /// elsewhere` per pair, in the same order. What changes with a change, cheaply.
    pub fn coverage_numbers(&mut self) -> Vec<u32> {
        self.coverage_counts()
            .iter()
            .flat_map(|(_, _, c)| [c.scopes, c.covered, c.uncovered, c.elsewhere])
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .collect()
    }

    /// The numbers of [`Workspace::relationship_summary`] that change with a change, flat:
    /// `members, added, removed` per relationship, in table order.
    pub fn relationship_numbers(&self) -> Vec<u32> {
        self.store
            .failovers()
            .iter()
            .flat_map(|row| {
                let (added, removed) = self.store.pending_count(row.record_id);
                [self.store.member_count(row.record_id), added, removed]
            })
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .collect()
    }

    /// For each id, whether the last add or remove changed it (1) or not (0).
    pub fn outcome_flags(&self, ids: &[i64]) -> Vec<u8> {
        let changed: FxHashSet<i64> = self
            .last
            .as_ref()
            .map(|o| o.changed.iter().copied().collect())
            .unwrap_or_default();
        ids.iter()
            .map(|id| u8::from(changed.contains(id)))
            .collect()
    }

    /// How many scopes the last add or remove changed and left unchanged.
    pub fn outcome_counts(&self) -> (usize, usize) {
        self.last
            .as_ref()
            .map_or((0, 0), |o| (o.changed.len(), o.unchanged.len()))
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
