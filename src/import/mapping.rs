//! From what the servers reported to the tables:
//! - one ADM_DHCPScopesTable row per (server, IPv4 scope);
//! - one ADM_DhcpFailoverTable row per relationship, the two partners' views merged;
//! - one ADM_DhcpScopeFailoverTable pair per member scope.
//!
//! RecordIds are numbered in a sorted order (servers by name, relationships by name and
//! servers, scopes by server and address), so the same inputs in any order give the same
//! tables. The README's "Importing from DHCP servers" section states every choice.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use super::model::{FailoverRecord, ParsedFile, ScopeRecord};
use super::names::{NameBuilder, ServerNames};
use super::rows::{FailoverRow, PairRow, ScopeRow, TableRows};

/// Data given twice for one server: the later input wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The server.
    pub server: usize,
    /// "scopes" or "failover relationships".
    pub what: &'static str,
    /// The input that was overridden.
    pub earlier: String,
    /// The input that is used.
    pub later: String,
}

/// Everything known of one server, after all inputs.
#[derive(Debug, Clone, Default)]
pub struct ServerState {
    /// Its IP, as a collection recorded it.
    pub ip: Option<String>,
    /// The inputs that mentioned it as a source of data, in input order.
    pub sources: Vec<String>,
    /// The error a collection recorded for it.
    pub error: Option<String>,
    /// Its scopes by address, when some input gave them.
    pub scopes: Option<ScopeList>,
    /// Its relationships, when some input gave them.
    pub failover: Option<Vec<FailoverRecord>>,
    /// The input its scopes came from.
    pub scopes_from: Option<String>,
    /// The input its relationships came from.
    pub failover_from: Option<String>,
}

/// All inputs merged per server.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// Server identities.
    pub names: ServerNames,
    /// Per server (indexed like `names.servers()`).
    pub servers: Vec<ServerState>,
    /// Data given twice.
    pub duplicates: Vec<Duplicate>,
}

/// A server's scopes, sorted by address, one per address (of two, the later is kept).
#[derive(Debug, Clone, Default)]
pub struct ScopeList(Vec<ScopeRecord>);

impl ScopeList {
    /// Sorts the scopes as a server listed them; a repeated address keeps its last record.
    pub fn new(mut scopes: Vec<ScopeRecord>) -> ScopeList {
        if !scopes.is_sorted_by(|a, b| a.address < b.address) {
            // Stable, so of equal addresses the later stays later.
            scopes.sort_by_key(|s| s.address);
            scopes.dedup_by(|later, kept| {
                let same = later.address == kept.address;
                if same {
                    std::mem::swap(later, kept);
                }
                same
            });
        }
        ScopeList(scopes)
    }

    /// Whether there is a scope at `address`.
    pub fn contains(&self, address: &Ipv4Addr) -> bool {
        self.0.binary_search_by(|s| s.address.cmp(address)).is_ok()
    }

    /// The addresses, in order.
    pub fn addresses(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        self.0.iter().map(|s| s.address)
    }

    /// How many scopes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The records, in address order.
    pub fn into_records(self) -> Vec<ScopeRecord> {
        self.0
    }
}

/// Merges the parsed inputs, in input order (later data for a server replaces earlier).
pub fn merge(files: Vec<(String, ParsedFile)>) -> Merged {
    let mut builder = NameBuilder::default();
    for (_, file) in &files {
        for s in &file.servers {
            builder.add([s.name.as_str()].into_iter().chain(s.ip.as_deref()));
            for r in s.failover.iter().flatten() {
                builder.add(
                    r.primary_name
                        .as_deref()
                        .into_iter()
                        .chain(r.primary_ip.as_deref()),
                );
                builder.add(
                    r.secondary_name
                        .as_deref()
                        .into_iter()
                        .chain(r.secondary_ip.as_deref()),
                );
                builder.add(r.partner.as_deref());
            }
        }
    }
    let names = builder.build();
    let mut servers = vec![ServerState::default(); names.servers().len()];
    let mut duplicates = Vec::new();
    for (file, parsed) in files {
        for record in parsed.servers {
            let Some(id) = names.resolve(&record.name) else {
                continue;
            };
            let Some(state) = servers.get_mut(id) else {
                continue;
            };
            if !state.sources.contains(&file) {
                state.sources.push(file.clone());
            }
            if record.ip.is_some() {
                state.ip = record.ip;
            }
            if record.error.is_some() {
                state.error = record.error;
            }
            let mut note = |what: &'static str, earlier: Option<String>| {
                if let Some(earlier) = earlier {
                    duplicates.push(Duplicate {
                        server: id,
                        what,
                        earlier,
                        later: file.clone(),
                    });
                }
            };
            if let Some(scopes) = record.scopes {
                note("scopes", state.scopes_from.replace(file.clone()));
                state.scopes = Some(ScopeList::new(scopes));
            }
            if let Some(failover) = record.failover {
                note(
                    "failover relationships",
                    state.failover_from.replace(file.clone()),
                );
                state.failover = Some(failover);
            }
        }
    }
    Merged {
        names,
        servers,
        duplicates,
    }
}

/// One relationship with each partner's view.
#[derive(Debug, Clone)]
pub struct Relationship {
    /// Its name, as the first view (in server order) spells it.
    pub name: String,
    /// Server1: the primary when known.
    pub server1: usize,
    /// Server2: the partner, when it could be named.
    pub server2: Option<usize>,
    /// The views, by server.
    pub views: BTreeMap<usize, FailoverRecord>,
}

impl Relationship {
    /// The view of `server`.
    pub fn view(&self, server: Option<usize>) -> Option<&FailoverRecord> {
        server.and_then(|s| self.views.get(&s))
    }

    /// Every member scope either side lists.
    pub fn members(&self) -> BTreeSet<Ipv4Addr> {
        self.views
            .values()
            .flat_map(|v| v.scopes.iter().copied())
            .collect()
    }

    /// The other server of the pair.
    pub fn partner_of(&self, server: usize) -> Option<usize> {
        if server == self.server1 {
            self.server2
        } else {
            Some(self.server1)
        }
    }
}

/// The relationships, one per (name, server pair), in RecordId order.
pub fn relationships(merged: &Merged) -> Vec<Relationship> {
    let mut by_key: BTreeMap<(String, usize, Option<usize>), Relationship> = BTreeMap::new();
    for (server, state) in merged.servers.iter().enumerate() {
        for record in state.failover.iter().flatten() {
            let partner = partner_of(&merged.names, server, record);
            let (a, b) = match partner {
                Some(p) if p < server => (p, Some(server)),
                p => (server, p),
            };
            let key = (super::names::normalize(&record.name), a, b);
            let entry = by_key.entry(key).or_insert_with(|| Relationship {
                name: record.name.clone(),
                server1: a,
                server2: b,
                views: BTreeMap::new(),
            });
            entry.views.insert(server, record.clone());
        }
    }
    let mut out: Vec<Relationship> = by_key.into_values().collect();
    for rel in &mut out {
        if let Some(first) = rel.views.values().next() {
            rel.name = first.name.clone();
        }
        if let (Some(primary), Some(s2)) = (primary_of(&merged.names, rel), rel.server2) {
            if primary == s2 {
                rel.server2 = Some(rel.server1);
                rel.server1 = s2;
            }
        }
    }
    out
}

/// The partner a server's view names: PartnerServer, else the other of the primary and
/// secondary names.
fn partner_of(names: &ServerNames, server: usize, r: &FailoverRecord) -> Option<usize> {
    let resolve = |n: &Option<String>| n.as_deref().and_then(|n| names.resolve(n));
    let candidates = [
        resolve(&r.partner),
        resolve(&r.primary_name).or(resolve(&r.primary_ip)),
        resolve(&r.secondary_name).or(resolve(&r.secondary_ip)),
    ];
    candidates.into_iter().flatten().find(|p| *p != server)
}

/// The primary server, from the first view (in server order) that says.
fn primary_of(names: &ServerNames, rel: &Relationship) -> Option<usize> {
    rel.views.iter().find_map(|(server, r)| {
        let named = r
            .primary_name
            .as_deref()
            .or(r.primary_ip.as_deref())
            .and_then(|n| names.resolve(n));
        named.or_else(|| {
            let kind = r.server_type.as_deref()?;
            if kind.eq_ignore_ascii_case("PrimaryServer") {
                Some(*server)
            } else if kind.eq_ignore_ascii_case("SecondaryServer") {
                rel.partner_of(*server)
            } else {
                None
            }
        })
    })
}

/// The scope each relationship's member refers to: (server, address), and whether the
/// row had to be made up because that server's scope list does not have it.
pub fn member_hosts(merged: &Merged, rel: &Relationship) -> Vec<(Ipv4Addr, usize)> {
    let has = |server: Option<usize>, addr: &Ipv4Addr| {
        server
            .and_then(|s| merged.servers.get(s))
            .and_then(|s| s.scopes.as_ref())
            .is_some_and(|scopes| scopes.contains(addr))
    };
    rel.members()
        .into_iter()
        .map(|addr| {
            let host = if has(Some(rel.server1), &addr) {
                rel.server1
            } else if let Some(s2) = rel.server2.filter(|s| has(Some(*s), &addr)) {
                s2
            } else {
                // Listed by a view, on no scope list: made up on the first listing server.
                rel.views
                    .iter()
                    .find(|(_, v)| v.scopes.contains(&addr))
                    .map_or(rel.server1, |(s, _)| *s)
            };
            (addr, host)
        })
        .collect()
}

/// The tables, built from (and consuming the scopes of) the merged data.
pub fn tables(merged: &mut Merged, rels: &[Relationship]) -> TableRows {
    let hosts: Vec<Vec<(Ipv4Addr, usize)>> = rels.iter().map(|r| member_hosts(merged, r)).collect();
    // Every scope row, real or made up, in (server, address) order: its RecordId is its
    // rank. The real ones come in that order (servers in turn, each one's scopes sorted).
    let mut rows: Vec<ScopeRow> = Vec::with_capacity(
        merged
            .servers
            .iter()
            .map(|s| s.scopes.as_ref().map_or(0, ScopeList::len))
            .sum(),
    );
    for (server, state) in merged.servers.iter_mut().enumerate() {
        let scopes = state.scopes.take().map(ScopeList::into_records);
        rows.extend(scopes.into_iter().flatten().map(|scope| ScopeRow {
            record_id: 0,
            address: scope.address,
            server,
            props: Some(scope.props),
        }));
    }
    let key = |r: &ScopeRow| (r.server, r.address);
    let mut made_up: Vec<(usize, Ipv4Addr)> = hosts
        .iter()
        .flatten()
        .map(|(addr, host)| (*host, *addr))
        .filter(|k| rows.binary_search_by(|r| key(r).cmp(k)).is_err())
        .collect();
    if !made_up.is_empty() {
        made_up.sort_unstable();
        made_up.dedup();
        rows.extend(made_up.into_iter().map(|(server, address)| ScopeRow {
            record_id: 0,
            address,
            server,
            props: None,
        }));
        rows.sort_by_key(key);
    }
    for (i, row) in rows.iter_mut().enumerate() {
        row.record_id = i as i64 + 1;
    }
    let id_of = |k: (usize, Ipv4Addr)| {
        rows.binary_search_by(|r| key(r).cmp(&k))
            .map_or(0, |i| i as i64 + 1)
    };

    let failovers = rels
        .iter()
        .enumerate()
        .map(|(i, rel)| failover_row(merged, rel, i as i64 + 1))
        .collect();

    let pairs = hosts
        .iter()
        .enumerate()
        .flat_map(|(i, members)| {
            members
                .iter()
                .map(move |(addr, host)| (i as i64 + 1, *addr, *host))
        })
        .map(|(relation, addr, host)| PairRow {
            scope: id_of((host, addr)),
            relation,
        })
        .collect();

    TableRows {
        names: merged
            .names
            .servers()
            .iter()
            .map(|s| s.display.clone())
            .collect(),
        failovers,
        pairs,
        scopes: rows,
    }
}

fn failover_row(merged: &Merged, rel: &Relationship, record_id: i64) -> FailoverRow {
    let names = &merged.names;
    let v1 = rel.view(Some(rel.server1));
    let v2 = rel.view(rel.server2);
    fn first<T>(
        v1: Option<&FailoverRecord>,
        v2: Option<&FailoverRecord>,
        f: impl Fn(&FailoverRecord) -> Option<T>,
    ) -> Option<T> {
        v1.and_then(&f).or_else(|| v2.and_then(&f))
    }
    let ip_of = |server: usize, primary: bool| -> Option<String> {
        let from_views = rel.views.values().find_map(|r| {
            let (name, ip) = if primary {
                (&r.primary_name, &r.primary_ip)
            } else {
                (&r.secondary_name, &r.secondary_ip)
            };
            let named = name.as_deref().or(ip.as_deref())?;
            (names.resolve(named) == Some(server))
                .then(|| ip.clone())
                .flatten()
        });
        from_views
            .or_else(|| merged.servers.get(server).and_then(|s| s.ip.clone()))
            .or_else(|| names.servers().get(server).and_then(|s| s.ip.clone()))
    };
    FailoverRow {
        record_id,
        name: rel.name.clone(),
        mode: first(v1, v2, |r| r.mode.clone()),
        server1: rel.server1,
        server1_ip: ip_of(rel.server1, true),
        server2: rel.server2,
        server2_ip: rel.server2.and_then(|s| ip_of(s, false)),
        server1_state: v1.and_then(|r| r.state.clone()),
        server2_state: v2.and_then(|r| r.state.clone()),
        server1_percentage: server1_percentage(rel),
        mclt: first(v1, v2, |r| r.mclt_seconds),
        auto_state_transition: first(v1, v2, |r| r.auto_state_transition),
        state_switch_interval: first(v1, v2, |r| r.state_switch_seconds),
        shared_secret_enabled: first(v1, v2, |r| r.enable_auth),
    }
}

/// Whether a mode text is hot standby.
pub fn is_hot_standby(mode: Option<&str>) -> bool {
    mode.is_some_and(|m| m.eq_ignore_ascii_case("HotStandby"))
}

/// Server1's share (load balance: LoadBalancePercent is the reporting server's own share,
/// so Server2's view gives 100 minus it) or the reserve (hot standby).
pub fn server1_percentage(rel: &Relationship) -> Option<u64> {
    let v1 = rel.view(Some(rel.server1));
    let v2 = rel.view(rel.server2);
    let mode = v1.or(v2).and_then(|r| r.mode.as_deref());
    if is_hot_standby(mode) {
        v1.and_then(|r| r.reserve_percent)
            .or_else(|| v2.and_then(|r| r.reserve_percent))
    } else {
        v1.and_then(|r| r.load_balance_percent).or_else(|| {
            v2.and_then(|r| r.load_balance_percent)
                .map(|p| 100u64.saturating_sub(p))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::ScopeProps;

    fn scope(address: [u8; 4], name: &str) -> ScopeRecord {
        ScopeProps {
            name: Some(name.into()),
            ..ScopeProps::default()
        }
        .into_record(Ipv4Addr::from(address))
    }

    #[test]
    fn a_scope_list_is_sorted_and_keeps_the_last_of_an_address() {
        let list = ScopeList::new(vec![
            scope([10, 2, 0, 0], "b"),
            scope([10, 1, 0, 0], "a1"),
            scope([10, 1, 0, 0], "a2"),
            scope([10, 3, 0, 0], "c"),
            scope([10, 1, 0, 0], "a3"),
        ]);
        let names: Vec<_> = list
            .clone()
            .into_records()
            .into_iter()
            .map(|s| s.props.name.unwrap_or_default())
            .collect();
        assert_eq!(names, ["a3", "b", "c"]);
        assert!(list.contains(&Ipv4Addr::new(10, 3, 0, 0)));
        assert!(!list.contains(&Ipv4Addr::new(10, 4, 0, 0)));
        assert_eq!(list.len(), 3);
    }
}
