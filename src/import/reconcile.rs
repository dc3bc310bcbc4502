//! "Did my change land?": the planned changes (working copy against its baseline) checked
//! against a fresh import taken after the exported script ran. Everything is matched by
//! relationship name, server and scope address, never by RecordId, which a fresh import
//! may number differently.
//!
//! A pair's server is its scope's host (DHCPServerRecordId resolved through the failover
//! rows' Server1RecordId/Server1Name and Server2RecordId/Server2Name, else the row's
//! DHCPServerName). Two pairs match when they have the same relationship name and address
//! and their servers (host and the relationship's two servers) overlap: after an add the
//! scope exists on both partners, and a fresh import may hang the pair on either copy.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use serde_json::{json, Value};

use crate::fault::Fault;
use crate::tables::{id_field, text_field, Tables};

use super::names::{normalize, NameBuilder, ServerNames};

/// Add or remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// The pair is to be added (or was, unplanned).
    Add,
    /// The pair is to be removed (or was, unplanned).
    Remove,
}

impl ChangeKind {
    /// `"add"` or `"remove"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Add => "add",
            ChangeKind::Remove => "remove",
        }
    }
}

/// One change, named by relationship, server and scope address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChange {
    /// Add or remove.
    pub change: ChangeKind,
    /// The relationship's name.
    pub relationship: String,
    /// The scope's host server.
    pub server: String,
    /// The scope address (or "RecordId n" when the tables give none).
    pub scope: String,
}

impl PlannedChange {
    /// `{ change, relationship, server, scope }`.
    pub fn to_json(&self) -> Value {
        json!({
            "change": self.change.as_str(),
            "relationship": self.relationship,
            "server": self.server,
            "scope": self.scope,
        })
    }
}

/// What the fresh import says of a planned change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeStatus {
    /// The servers are as planned.
    Applied,
    /// The servers are as before.
    NotApplied,
    /// The scope is now in another relationship.
    Conflict,
}

impl ChangeStatus {
    /// `"applied"`, `"not-applied"` or `"conflict"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Applied => "applied",
            ChangeStatus::NotApplied => "not-applied",
            ChangeStatus::Conflict => "conflict",
        }
    }
}

/// A planned change and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconciledChange {
    /// The change.
    pub planned: PlannedChange,
    /// What the servers say.
    pub status: ChangeStatus,
}

/// The result of [`reconcile_tables`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    /// One entry per planned change.
    pub changes: Vec<ReconciledChange>,
    /// Changes on the servers (baseline to observed) that the working copy did not plan.
    pub unplanned: Vec<PlannedChange>,
}

impl Reconciliation {
    /// `{ changes: [{change, relationship, server, scope, status}], unplanned: [...] }`.
    pub fn to_json(&self) -> Value {
        json!({
            "changes": self.changes.iter().map(|c| {
                let mut v = c.planned.to_json();
                if let Value::Object(m) = &mut v {
                    m.insert("status".into(), c.status.as_str().into());
                }
                v
            }).collect::<Vec<_>>(),
            "unplanned": self.unplanned.iter().map(PlannedChange::to_json).collect::<Vec<_>>(),
        })
    }
}

/// One pair of a table set, by names.
#[derive(Debug, Clone)]
struct Entry {
    relationship: String,
    rel_key: String,
    server: String,
    /// The host and the relationship's two servers, as server ids.
    servers: BTreeSet<usize>,
    scope: String,
}

impl Entry {
    fn matches(&self, other: &Entry) -> bool {
        self.rel_key == other.rel_key && self.scope == other.scope && self.overlaps(other)
    }

    /// Whether the two can be on the same servers (unknown servers overlap anything).
    fn overlaps(&self, other: &Entry) -> bool {
        self.servers.is_empty()
            || other.servers.is_empty()
            || !self.servers.is_disjoint(&other.servers)
    }

    fn change(&self, change: ChangeKind) -> PlannedChange {
        PlannedChange {
            change,
            relationship: self.relationship.clone(),
            server: self.server.clone(),
            scope: self.scope.clone(),
        }
    }
}

/// Entries indexed by scope address.
struct Index<'a>(BTreeMap<&'a str, Vec<&'a Entry>>);

impl<'a> Index<'a> {
    fn new(entries: &'a [Entry]) -> Index<'a> {
        let mut map: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
        for e in entries {
            map.entry(e.scope.as_str()).or_default().push(e);
        }
        Index(map)
    }
    fn same_scope(&self, e: &Entry) -> impl Iterator<Item = &&'a Entry> {
        self.0.get(e.scope.as_str()).into_iter().flatten()
    }
    fn has_match(&self, e: &Entry) -> bool {
        self.same_scope(e).any(|o| o.matches(e))
    }
    /// The same scope (on an overlapping server) in another relationship.
    fn elsewhere(&self, e: &Entry) -> Vec<&'a Entry> {
        self.same_scope(e)
            .filter(|o| o.rel_key != e.rel_key && o.overlaps(e))
            .copied()
            .collect()
    }
}

/// Compares the planned changes (`working` − `baseline`) with what the servers now hold
/// (`observed`, a fresh import). Each argument is a table set in the shape
/// `Tables::from_json` reads; a malformed one raises `INVALID_TABLE` naming it.
pub fn reconcile_tables(
    baseline: &Value,
    working: &Value,
    observed: &Value,
) -> Result<Reconciliation, Fault> {
    let read = |what: &str, v: &Value| {
        Tables::from_json(v)
            .map_err(|f| Fault::invalid_table(format!("{what} tables: {}", f.message())))
    };
    let (base, work, seen) = (
        read("baseline", baseline)?,
        read("working", working)?,
        read("observed", observed)?,
    );
    let names = server_names([&base, &work, &seen]);
    let (base, work, seen) = (
        entries(&base, &names),
        entries(&work, &names),
        entries(&seen, &names),
    );
    let (base_ix, work_ix, seen_ix) = (Index::new(&base), Index::new(&work), Index::new(&seen));

    let adds = distinct(work.iter().filter(|w| !base_ix.has_match(w)));
    let removes = distinct(base.iter().filter(|b| !work_ix.has_match(b)));
    let planned_adds: Vec<Entry> = adds.iter().map(|e| (*e).clone()).collect();
    let planned_add_ix = Index::new(&planned_adds);

    let mut changes = Vec::new();
    for e in &adds {
        let status = if seen_ix.has_match(e) {
            ChangeStatus::Applied
        } else if !seen_ix.elsewhere(e).is_empty() {
            ChangeStatus::Conflict
        } else {
            ChangeStatus::NotApplied
        };
        changes.push(ReconciledChange {
            planned: e.change(ChangeKind::Add),
            status,
        });
    }
    for e in &removes {
        let status = if seen_ix.has_match(e) {
            ChangeStatus::NotApplied
        } else if seen_ix
            .elsewhere(e)
            .iter()
            .any(|o| !planned_add_ix.has_match(o))
        {
            ChangeStatus::Conflict
        } else {
            ChangeStatus::Applied
        };
        changes.push(ReconciledChange {
            planned: e.change(ChangeKind::Remove),
            status,
        });
    }
    let removes_owned: Vec<Entry> = removes.iter().map(|e| (*e).clone()).collect();
    let planned_remove_ix = Index::new(&removes_owned);
    let appeared = distinct(
        seen.iter()
            .filter(|o| !base_ix.has_match(o) && !planned_add_ix.has_match(o)),
    );
    let vanished = distinct(
        base.iter()
            .filter(|b| !seen_ix.has_match(b) && !planned_remove_ix.has_match(b)),
    );
    let mut unplanned: Vec<PlannedChange> = appeared
        .iter()
        .map(|o| o.change(ChangeKind::Add))
        .chain(vanished.iter().map(|b| b.change(ChangeKind::Remove)))
        .collect();
    changes.sort_by_key(|c| sort_key(&c.planned));
    unplanned.sort_by_key(sort_key);
    Ok(Reconciliation { changes, unplanned })
}

/// The entries, each once (a pair listed twice is one change).
fn distinct<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<&'a Entry> {
    let mut seen: BTreeMap<(&str, &str), Vec<&Entry>> = BTreeMap::new();
    let mut out = Vec::new();
    for e in entries {
        let same = seen
            .entry((e.rel_key.as_str(), e.scope.as_str()))
            .or_default();
        if !same.iter().any(|o| o.matches(e)) {
            same.push(e);
            out.push(e);
        }
    }
    out
}

fn sort_key(c: &PlannedChange) -> (String, String, Option<Ipv4Addr>, String, ChangeKind) {
    (
        normalize(&c.relationship),
        normalize(&c.server),
        c.scope.parse().ok(),
        c.scope.clone(),
        c.change,
    )
}

/// Every server name (and IP) the three table sets use.
fn server_names(sets: [&Tables; 3]) -> ServerNames {
    let mut b = NameBuilder::default();
    for t in sets {
        for r in &t.failovers {
            for n in 1..=2 {
                let name = text_field(&r.fields, &format!("Server{n}Name"));
                let ip = text_field(&r.fields, &format!("Server{n}IP"));
                b.add(name.into_iter().chain(ip));
            }
        }
        for s in t.scopes.iter().flatten() {
            b.add(text_field(&s.fields, "DHCPServerName"));
        }
    }
    b.build()
}

fn entries(t: &Tables, names: &ServerNames) -> Vec<Entry> {
    // Server RecordId -> name, from every relationship row.
    let mut server_by_id: BTreeMap<i64, &str> = BTreeMap::new();
    for r in &t.failovers {
        for n in 1..=2 {
            let id = id_field(&r.fields, &format!("Server{n}RecordId"));
            let name = text_field(&r.fields, &format!("Server{n}Name"))
                .or_else(|| text_field(&r.fields, &format!("Server{n}IP")));
            if let (Some(id), Some(name)) = (id, name) {
                server_by_id.entry(id).or_insert(name);
            }
        }
    }
    let relations: BTreeMap<i64, &crate::tables::FailoverRow> =
        t.failovers.iter().map(|r| (r.record_id, r)).collect();
    let scopes: BTreeMap<i64, &crate::tables::ScopeRow> = t
        .scopes
        .iter()
        .flatten()
        .map(|s| (s.record_id, s))
        .collect();
    t.scope_failovers
        .iter()
        .filter_map(|pair| {
            let rel = relations.get(&pair.relation_id)?;
            let relationship = text_field(&rel.fields, "RelationshipName")
                .map_or_else(|| format!("relationship {}", rel.record_id), String::from);
            let scope = scopes.get(&pair.scope_id);
            let address = scope
                .and_then(|s| text_field(&s.fields, "ScopeId"))
                .map(|a| {
                    a.trim()
                        .parse::<Ipv4Addr>()
                        .map_or_else(|_| a.trim().to_owned(), |ip| ip.to_string())
                })
                .unwrap_or_else(|| format!("RecordId {}", pair.scope_id));
            let rel_server = |n: u8| {
                text_field(&rel.fields, &format!("Server{n}Name"))
                    .or_else(|| text_field(&rel.fields, &format!("Server{n}IP")))
            };
            let host = scope
                .and_then(|s| {
                    id_field(&s.fields, "DHCPServerRecordId")
                        .or_else(|| id_field(&s.fields, "ParentDhcpServerRecordId"))
                })
                .and_then(|id| server_by_id.get(&id).copied())
                .or_else(|| scope.and_then(|s| text_field(&s.fields, "DHCPServerName")))
                .or_else(|| rel_server(1))
                .unwrap_or("");
            let servers: BTreeSet<usize> = [Some(host), rel_server(1), rel_server(2)]
                .into_iter()
                .flatten()
                .filter_map(|n| names.resolve(n))
                .collect();
            Some(Entry {
                rel_key: normalize(&relationship),
                relationship,
                server: host.to_owned(),
                servers,
                scope: address,
            })
        })
        .collect()
}
