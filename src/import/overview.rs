//! What the imported tables hold, as a working copy built from them would list it: the
//! relationships (name, mode, servers, member scopes) and the counts. The page shows it
//! before "Use these tables", without building that working copy (at 300,000 scopes that
//! took seconds and as much memory again as the import).

use rustc_hash::FxHashMap;
use serde_json::{json, Value};

use crate::workspace::{relationship_label, server_label};

use super::rows::TableRows;

/// One relationship of the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipOverview {
    /// RelationshipName.
    pub name: String,
    /// Mode.
    pub mode: Option<String>,
    /// Server1 as the relationship list names it: the short host name, else its IP.
    pub server1: Option<String>,
    /// Server2 the same way; `None` when the partner could not be named.
    pub server2: Option<String>,
    /// How many scopes are in it (rows of ADM_DhcpScopeFailoverTable).
    pub members: usize,
}

/// The tables' contents at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TablesOverview {
    /// Every relationship, in table order.
    pub relationships: Vec<RelationshipOverview>,
    /// Rows of ADM_DHCPScopesTable.
    pub scopes: usize,
    /// Rows of ADM_DhcpScopeFailoverTable.
    pub pairs: usize,
}

impl TablesOverview {
    /// The overview of `tables`. Names and counts are those `Workspace::relationship_summary`
    /// and `scope_count` give for a copy of the same tables (a test holds them equal).
    pub fn of(tables: &TableRows) -> TablesOverview {
        let mut members: FxHashMap<i64, usize> = FxHashMap::default();
        for pair in &tables.pairs {
            *members.entry(pair.relation).or_default() += 1;
        }
        // Server N is the Nth of the names (its RecordId is N + 1); nothing when the
        // partner could not be named.
        let named = |server: Option<usize>, ip: &Option<String>| {
            let s = server?;
            let record_id = i64::try_from(s).ok().map(|n| n.saturating_add(1));
            server_label(
                tables.names.get(s).map(String::as_str),
                ip.as_deref(),
                record_id,
            )
        };
        let relationships = tables
            .failovers
            .iter()
            .map(|f| RelationshipOverview {
                name: relationship_label(Some(&f.name), f.record_id),
                mode: f.mode.clone().filter(|m| !m.is_empty()),
                server1: named(Some(f.server1), &f.server1_ip),
                server2: named(f.server2, &f.server2_ip),
                members: members.get(&f.record_id).copied().unwrap_or(0),
            })
            .collect();
        TablesOverview {
            relationships,
            scopes: tables.scopes.len(),
            pairs: tables.pairs.len(),
        }
    }

    /// `{ relationships: [{ name, mode, server1, server2, members }], scopes, pairs }`.
    pub fn to_json(&self) -> Value {
        let relationships = self.relationships.iter().map(|r| {
            json!({
                "name": r.name,
                "mode": r.mode,
                "server1": r.server1,
                "server2": r.server2,
                "members": r.members,
            })
        });
        json!({
            "relationships": Value::Array(relationships.collect()),
            "scopes": self.scopes,
            "pairs": self.pairs,
        })
    }
}
