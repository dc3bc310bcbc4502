//! What the admin page shows of a working copy, computed where the data lives: one entry
//! per scope (every ADM_DHCPScopesTable row, then any scope id that only appears in
//! ADM_DhcpScopeFailoverTable), the server names the relationships give, and the page's
//! selection. Queries filter, sort and window these entries, so the page never holds the
//! tables; each costs one pass over the entries, and sorted orders are cached.

use std::cmp::Ordering;
use std::net::Ipv4Addr;

use rustc_hash::FxHashMap;

use crate::tables::{id_field, text_field, FailoverRow};

use super::id_index::IdIndex;
use super::query::{Membership, Query, SortKey};
use super::Store;

/// One scope as the page lists it (read from the view's compact columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeEntry<'a> {
    /// The scope's RecordId.
    pub id: i64,
    /// The network address, when the scope row gives an IPv4 one.
    pub network: Option<u32>,
    /// The address as shown: "10.20.1.0/24", the address text alone, or empty.
    pub address: &'a str,
    /// ScopeName, or empty.
    pub name: &'a str,
    /// The hosting server, as an index into [`ScopeView::servers`].
    pub server: Option<u32>,
    /// Whether the scope has an ADM_DHCPScopesTable row.
    pub known: bool,
}

/// A listed scope with an ADM_DHCPScopesTable row, as kept: 24 bytes, its address and
/// name in the view's one text (a million listed scopes are not two million small
/// strings). Its address starts where the entry before it ends. A scope only the pairs
/// name (no row, so no address, name or server) is kept as its id alone, after these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stored {
    id: i64,
    network: u32,
    /// NO_SERVER when none.
    server: u32,
    /// Where the address ends (its low bits) and the KNOWN and NETWORK flags.
    address_end: u32,
    name_end: u32,
}

const NO_SERVER: u32 = u32::MAX;
const KNOWN: u32 = 1 << 31;
const NETWORK: u32 = 1 << 30;
/// The most text the view keeps (names past it are listed without their text).
const TEXT_LIMIT: usize = (NETWORK - 1) as usize;

/// A server that hosts scopes or serves a relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerEntry {
    /// The server's RecordId.
    pub id: i64,
    /// A short name: the host name without its domain, else the name or IP as given,
    /// else "server N".
    pub name: String,
    /// How many listed scopes it hosts.
    pub scopes: usize,
}

impl ServerEntry {
    /// The key the page filters by: the RecordId as text.
    pub fn key(&self) -> String {
        self.id.to_string()
    }
}

/// The page's view of a working copy.
#[derive(Debug, Clone, Default)]
pub struct ScopeView {
    /// The scopes with a row, in table order...
    entries: Vec<Stored>,
    /// ...then the scopes only the pairs name: 8 bytes each, not 24.
    pair_only: Vec<i64>,
    /// Every listed scope's address and name, one after another.
    text: String,
    index: IdIndex,
    servers: Vec<ServerEntry>,
    server_index: FxHashMap<i64, u32>,
    selected: Vec<u64>,
    selection_count: usize,
    order: Option<(SortKey, Vec<u32>)>,
}

/// A host name without its domain ("dhcp-hq-01"); an IP address or free text stays whole.
pub fn short_server(name: &str) -> &str {
    let labels: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    let dns_label =
        |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if labels.len() > 1
        && labels.iter().all(|l| dns_label(l))
        && labels[0].bytes().any(|b| b.is_ascii_alphabetic())
    {
        labels[0]
    } else {
        name
    }
}

/// How the relationship list names a failover server: its short host name, else its IP,
/// else "server N" (N its RecordId); `None` when none of them is known. Empty texts count
/// as unknown.
pub fn server_label(
    name: Option<&str>,
    ip: Option<&str>,
    record_id: Option<i64>,
) -> Option<String> {
    name.filter(|n| !n.is_empty())
        .map(|n| short_server(n).to_owned())
        .or_else(|| ip.filter(|i| !i.is_empty()).map(str::to_owned))
        .or_else(|| record_id.map(|id| format!("server {id}")))
}

/// How a relationship is named: its RelationshipName, else "relationship N" (N its RecordId).
pub fn relationship_label(name: Option<&str>, record_id: i64) -> String {
    name.filter(|n| !n.is_empty())
        .map_or_else(|| format!("relationship {record_id}"), str::to_owned)
}

/// "255.255.255.0" -> 24; None when not a contiguous IPv4 mask.
pub fn prefix_length(mask: &str) -> Option<u8> {
    let bits = u32::from(mask.parse::<Ipv4Addr>().ok()?);
    let ones = bits.leading_ones();
    (bits.checked_shl(ones).unwrap_or(0) == 0).then_some(ones as u8)
}

impl ScopeView {
    /// Learns the names of a relationship's two servers.
    pub(super) fn learn_servers(&mut self, row: &FailoverRow) {
        for n in 1..=2u8 {
            let Some(id) = id_field(&row.fields, &format!("Server{n}RecordId")) else {
                continue;
            };
            if self.server_index.contains_key(&id) {
                continue;
            }
            // Always named: the RecordId is known.
            let name = server_label(
                text_field(&row.fields, &format!("Server{n}Name")),
                text_field(&row.fields, &format!("Server{n}IP")),
                Some(id),
            )
            .unwrap_or_default();
            self.add_server(id, name);
        }
    }

    fn add_server(&mut self, id: i64, name: String) -> u32 {
        let at = self.servers.len() as u32;
        self.servers.push(ServerEntry {
            id,
            name,
            scopes: 0,
        });
        self.server_index.insert(id, at);
        at
    }

    /// A view of these entries and servers (a saved copy's), nothing selected; None when
    /// they do not fit together (an id listed twice, an entry naming a missing server).
    pub(super) fn from_parts(
        entries: Vec<ScopeEntry<'_>>,
        servers: Vec<ServerEntry>,
    ) -> Option<ScopeView> {
        let mut view = ScopeView::default();
        for server in servers {
            if view.server_index.contains_key(&server.id) {
                return None;
            }
            view.server_index
                .insert(server.id, view.servers.len() as u32);
            view.servers.push(server);
        }
        view.entries.reserve(entries.len());
        view.text
            .reserve(entries.iter().map(|e| e.address.len() + e.name.len()).sum());
        view.selected.reserve(entries.len() / 64 + 1);
        let (first, last) = entries.iter().fold((i64::MAX, i64::MIN), |(lo, hi), e| {
            (lo.min(e.id), hi.max(e.id))
        });
        if first <= last {
            view.index.reserve(first, last, entries.len());
        }
        for entry in entries {
            let pair_only = ScopeEntry {
                id: entry.id,
                ..ScopeView::PAIR_ONLY
            };
            if view.index.contains(entry.id)
                || entry
                    .server
                    .is_some_and(|at| at as usize >= view.servers.len())
                // A scope only the pairs name has nothing else, and comes after the rows.
                || (!entry.known && entry != pair_only)
                || (entry.known && !view.pair_only.is_empty())
            {
                return None;
            }
            view.push(entry);
        }
        Some(view)
    }

    /// Makes room for `n` more scopes at once (a build knows how many rows it reads).
    pub(super) fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
    }

    /// Lists a row of ADM_DHCPScopesTable: its address, mask, name and host, when given.
    pub(super) fn push_scope(
        &mut self,
        record_id: i64,
        address: Option<&str>,
        mask: Option<&str>,
        name: Option<&str>,
        host: Option<i64>,
    ) {
        if self.index.contains(record_id) {
            return;
        }
        let text = address.unwrap_or("");
        let network = text.parse::<Ipv4Addr>().ok().map(u32::from);
        let prefix = mask.and_then(prefix_length);
        let address = match (text.is_empty(), prefix) {
            (false, Some(p)) => format!("{text}/{p}"),
            _ => text.to_owned(),
        };
        let server = host.map(|id| match self.server_index.get(&id) {
            Some(at) => *at,
            None => self.add_server(id, format!("server {id}")),
        });
        if let Some(at) = server {
            self.servers[at as usize].scopes += 1;
        }
        self.push(ScopeEntry {
            id: record_id,
            network,
            address: &address,
            name: name.unwrap_or(""),
            server,
            known: true,
        });
    }

    /// An entry of a scope only the pairs name.
    const PAIR_ONLY: ScopeEntry<'static> = ScopeEntry {
        id: 0,
        network: None,
        address: "",
        name: "",
        server: None,
        known: false,
    };

    /// Lists a scope. One without a row must come after every scope with one (as a build
    /// and `include` add them), and is kept as its id alone.
    fn push(&mut self, entry: ScopeEntry<'_>) {
        let at = self.len() as u32;
        self.index.insert(entry.id, at);
        self.order = None;
        if self.selected.len() * 64 < self.len() + 1 {
            self.selected.push(0);
        }
        if !entry.known {
            self.pair_only.push(entry.id);
            return;
        }
        if self.text.len() + entry.address.len() + entry.name.len() <= TEXT_LIMIT {
            self.text.push_str(entry.address);
        }
        let address_end = self.text.len() as u32;
        if self.text.len() + entry.name.len() <= TEXT_LIMIT {
            self.text.push_str(entry.name);
        }
        self.entries.push(Stored {
            id: entry.id,
            network: entry.network.unwrap_or(0),
            server: entry.server.unwrap_or(NO_SERVER),
            address_end: address_end
                | if entry.known { KNOWN } else { 0 }
                | if entry.network.is_some() { NETWORK } else { 0 },
            name_end: self.text.len() as u32,
        });
    }

    /// Lists scope ids not listed yet (a pair naming a scope the scopes table lacks).
    pub fn include<I>(&mut self, ids: I)
    where
        I: IntoIterator<Item = i64>,
        I::IntoIter: Clone,
    {
        let ids = ids.into_iter();
        // Room for them at once: a million pair-only scopes are not copied as they grow.
        // In an empty view every id is new (bar repeats), so none needs looking up here.
        let fresh = self.is_empty();
        let (mut first, mut last, mut more) = (i64::MAX, i64::MIN, 0);
        for id in ids.clone().filter(|id| fresh || !self.index.contains(*id)) {
            (first, last, more) = (first.min(id), last.max(id), more + 1);
        }
        if more == 0 {
            return;
        }
        self.pair_only.reserve(more);
        self.index.reserve(first, last, more);
        let before = self.pair_only.len();
        for id in ids {
            // What `push` does for a pair-only entry, with one index lookup per id.
            if self.index.insert_new(id, self.len() as u32) {
                self.pair_only.push(id);
            }
        }
        if self.pair_only.len() > before {
            self.order = None;
            let words = self.len().div_ceil(64);
            if self.selected.len() < words {
                self.selected.resize(words, 0);
            }
        }
    }

    /// The scopes table's part of this view (its listed rows and the servers), with no
    /// scope only the pairs name, nothing selected and no order: what a copy as loaded
    /// starts from before its own pairs' scopes are included. The rows' part never changes
    /// with adds and removes, so it is copied, not rebuilt from the rows.
    pub(super) fn rows_part(&self) -> ScopeView {
        let mut index = self.index.clone();
        for id in &self.pair_only {
            index.remove(*id);
        }
        ScopeView {
            entries: self.entries.clone(),
            pair_only: Vec::new(),
            text: self.text.clone(),
            index,
            servers: self.servers.clone(),
            server_index: self.server_index.clone(),
            selected: vec![0; self.entries.len().div_ceil(64)],
            selection_count: 0,
            order: None,
        }
    }

    /// A membership change: orders that depend on membership are recomputed when next used.
    pub fn membership_changed(&mut self) {
        if matches!(self.order, Some((SortKey::Relationships, _))) {
            self.order = None;
        }
    }

    /// The scopes listed, in table order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = ScopeEntry<'_>> + '_ {
        (0..self.len()).map(|at| self.entry_at(at))
    }

    /// How many scopes are listed.
    pub fn len(&self) -> usize {
        self.entries.len() + self.pair_only.len()
    }

    /// Whether no scope is listed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of the scope listed at `at`.
    fn id_at(&self, at: usize) -> i64 {
        match self.entries.get(at) {
            Some(e) => e.id,
            None => self
                .pair_only
                .get(at - self.entries.len())
                .copied()
                .unwrap_or(0),
        }
    }

    /// The scope listed at `at` (in table order); an empty entry past the end.
    pub fn entry_at(&self, at: usize) -> ScopeEntry<'_> {
        let Some(e) = self.entries.get(at) else {
            // A scope only the pairs name; past the end, an empty entry.
            return ScopeEntry {
                id: self.id_at(at),
                ..ScopeView::PAIR_ONLY
            };
        };
        let start = at
            .checked_sub(1)
            .map_or(0, |before| self.entries[before].name_end as usize);
        let address_end = (e.address_end & (NETWORK - 1)) as usize;
        ScopeEntry {
            id: e.id,
            network: (e.address_end & NETWORK != 0).then_some(e.network),
            address: self.text.get(start..address_end).unwrap_or(""),
            name: self
                .text
                .get(address_end..e.name_end as usize)
                .unwrap_or(""),
            server: (e.server != NO_SERVER).then_some(e.server),
            known: e.address_end & KNOWN != 0,
        }
    }

    /// The entry of a scope id.
    pub fn entry(&self, id: i64) -> Option<ScopeEntry<'_>> {
        self.index.get(id).map(|at| self.entry_at(at as usize))
    }

    /// Where a scope is listed, and its entry.
    pub fn position(&self, id: i64) -> Option<(usize, ScopeEntry<'_>)> {
        self.index
            .get(id)
            .map(|at| (at as usize, self.entry_at(at as usize)))
    }

    /// The servers, in the order first seen (relationships first, then scope hosts).
    pub fn servers(&self) -> &[ServerEntry] {
        &self.servers
    }

    /// A server's short name.
    pub fn server_name(&self, entry: &ScopeEntry<'_>) -> &str {
        entry
            .server
            .and_then(|at| self.servers.get(at as usize))
            .map_or("", |s| s.name.as_str())
    }

    /// How a scope is labelled in lists: "name address", or "scope N".
    pub fn label(&self, id: i64) -> String {
        match self.entry(id) {
            Some(e) if !e.name.is_empty() || !e.address.is_empty() => {
                format!("{} {}", e.name, e.address).trim().to_owned()
            }
            _ => format!("scope {id}"),
        }
    }

    // ---- selection ------------------------------------------------------------------

    /// Whether the entry at `at` is selected.
    pub fn is_selected(&self, at: usize) -> bool {
        self.selected
            .get(at / 64)
            .is_some_and(|w| w & (1 << (at % 64)) != 0)
    }

    fn set_selected(&mut self, at: usize, on: bool) {
        let Some(word) = self.selected.get_mut(at / 64) else {
            return;
        };
        let bit = 1u64 << (at % 64);
        if (*word & bit != 0) != on {
            *word ^= bit;
            if on {
                self.selection_count += 1;
            } else {
                self.selection_count -= 1;
            }
        }
    }

    /// Selects (`Some(true)`), unselects (`Some(false)`) or toggles (`None`) the scopes
    /// with these ids; ids not listed are ignored.
    pub fn select_ids(&mut self, ids: &[i64], on: Option<bool>) {
        for id in ids {
            if let Some(at) = self.index.get(*id).map(|a| a as usize) {
                let value = on.unwrap_or(!self.is_selected(at));
                self.set_selected(at, value);
            }
        }
    }

    /// Selects (or unselects) every scope the query matches, on every page.
    pub fn select_matching(&mut self, store: &Store, query: &Query, on: bool) {
        let matches: Vec<usize> = (0..self.len())
            .filter(|at| self.matches(store, &self.entry_at(*at), query))
            .collect();
        for at in matches {
            self.set_selected(at, on);
        }
    }

    /// Clears the selection.
    pub fn clear_selection(&mut self) {
        self.selected.iter_mut().for_each(|w| *w = 0);
        self.selection_count = 0;
    }

    /// How many scopes are selected.
    pub fn selection_count(&self) -> usize {
        self.selection_count
    }

    /// The selected scope ids, in table order.
    pub fn selected_ids(&self) -> Vec<i64> {
        (0..self.len())
            .filter(|at| self.is_selected(*at))
            .map(|at| self.id_at(at))
            .collect()
    }

    // ---- queries --------------------------------------------------------------------

    /// Whether an entry passes every filter of the query.
    pub fn matches(&self, store: &Store, entry: &ScopeEntry<'_>, query: &Query) -> bool {
        if !query.server.is_empty() {
            let host = entry.server.map(|at| self.servers[at as usize].id);
            if !host.is_some_and(|h| query.server.contains(&h)) {
                return false;
            }
        }
        if let Some((network, mask)) = query.prefix {
            if entry.network.is_none_or(|n| n & mask != network) {
                return false;
            }
        }
        if let Some(needle) = &query.text {
            let hit = contains_folded(entry.name, needle)
                || contains_folded(entry.address, needle)
                || (!entry.known && entry.id.to_string().contains(needle.as_str()));
            if !hit {
                return false;
            }
        }
        match query.membership {
            Membership::Any => true,
            Membership::InAny => store.is_member(entry.id, None),
            Membership::InNone => !store.is_member(entry.id, None),
            Membership::InRelationship(r) => store.is_member(entry.id, Some(r)),
            Membership::InOther(r) => store.relations_of(entry.id).iter().any(|other| *other != r),
            Membership::InPair | Membership::Elsewhere => {
                let relations = store.relations_of(entry.id);
                let in_pair = relations.iter().any(|r| {
                    pair_of(store, *r)
                        .is_some_and(|p| query.server.contains(&p.0) && query.server.contains(&p.1))
                });
                if query.membership == Membership::InPair {
                    in_pair
                } else {
                    !in_pair && !relations.is_empty()
                }
            }
        }
    }

    /// The entries in the query's sort order (table order when unsorted).
    fn ordered(&mut self, store: &Store, key: Option<SortKey>) -> Vec<u32> {
        let Some(key) = key else {
            return (0..self.len() as u32).collect();
        };
        if let Some((cached, order)) = &self.order {
            if *cached == key {
                return order.clone();
            }
        }
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        let at = |i: &u32| self.entry_at(*i as usize);
        // One comparator type for every key: the sort is instantiated once, not per key.
        let names: Vec<String>;
        let compare: &dyn Fn(&u32, &u32) -> Ordering = match key {
            SortKey::Address => &|a, b| by_address(&at(a), &at(b)),
            SortKey::Name => &|a, b| {
                let (a, b) = (at(a), at(b));
                blank_last(a.name, b.name).then_with(|| by_address(&a, &b))
            },
            SortKey::Server => &|a, b| {
                let (a, b) = (at(a), at(b));
                blank_last(self.server_name(&a), self.server_name(&b))
                    .then_with(|| by_address(&a, &b))
            },
            SortKey::Relationships => {
                names = (0..self.len())
                    .map(|at| {
                        store
                            .relations_of(self.id_at(at))
                            .first()
                            .and_then(|r| store.failover(*r))
                            .and_then(|f| text_field(&f.fields, "RelationshipName"))
                            .unwrap_or("")
                            .to_lowercase()
                    })
                    .collect();
                &|a, b| {
                    // Scopes in no relationship last.
                    let (na, nb) = (&names[*a as usize], &names[*b as usize]);
                    (na.is_empty(), na)
                        .cmp(&(nb.is_empty(), nb))
                        .then_with(|| by_address(&at(a), &at(b)))
                }
            }
        };
        // Ties broken by position: the order a stable sort gives, from the smaller
        // unstable sort.
        order.sort_unstable_by(|a, b| compare(a, b).then(a.cmp(b)));
        self.order = Some((key, order.clone()));
        order
    }

    /// The entries matching `query`: how many, and the positions of the window it asks for.
    pub fn query(&mut self, store: &Store, query: &Query) -> (usize, Vec<usize>) {
        let order = self.ordered(store, query.sort);
        let mut total = 0;
        let mut window = Vec::with_capacity(query.limit.min(order.len()));
        let visit = |at: u32, total: &mut usize, window: &mut Vec<usize>| {
            if self.matches(store, &self.entry_at(at as usize), query) {
                if *total >= query.offset && window.len() < query.limit {
                    window.push(at as usize);
                }
                *total += 1;
            }
        };
        if query.descending {
            for at in order.into_iter().rev() {
                visit(at, &mut total, &mut window);
            }
        } else {
            for at in order {
                visit(at, &mut total, &mut window);
            }
        }
        (total, window)
    }
}

/// The two servers of a relationship, when both are known.
pub fn pair_of(store: &Store, relation_id: i64) -> Option<(i64, i64)> {
    let f = &store.failover(relation_id)?.fields;
    Some((
        id_field(f, "Server1RecordId")?,
        id_field(f, "Server2RecordId")?,
    ))
}

fn by_address(a: &ScopeEntry<'_>, b: &ScopeEntry<'_>) -> Ordering {
    // Scopes without an address sort last, by their text, then by id.
    (a.network.is_none(), a.network, &a.address, a.id).cmp(&(
        b.network.is_none(),
        b.network,
        &b.address,
        b.id,
    ))
}

/// Case-insensitive order with empty text last.
fn blank_last(a: &str, b: &str) -> Ordering {
    a.is_empty().cmp(&b.is_empty()).then_with(|| fold_cmp(a, b))
}

fn fold_cmp(a: &str, b: &str) -> Ordering {
    let fold = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
    if a.is_ascii() && b.is_ascii() {
        let (x, y) = (
            a.bytes().map(|c| c.to_ascii_lowercase()),
            b.bytes().map(|c| c.to_ascii_lowercase()),
        );
        x.cmp(y).then_with(|| a.cmp(b))
    } else {
        fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
    }
}

/// Case-insensitive substring test; `needle` is already lower-case.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        return h.len() >= n.len()
            && h.windows(n.len())
                .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    haystack.to_lowercase().contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_and_relationships_are_named_by_one_rule() {
        let label = |name, ip, id| server_label(name, ip, id);
        assert_eq!(
            label(Some("dhcp-hq-01.corp.example"), Some("10.0.0.1"), Some(3)).as_deref(),
            Some("dhcp-hq-01")
        );
        assert_eq!(
            label(Some(""), Some("10.0.0.1"), Some(3)).as_deref(),
            Some("10.0.0.1")
        );
        assert_eq!(label(None, Some(""), Some(3)).as_deref(), Some("server 3"));
        assert_eq!(label(None, None, None), None);
        assert_eq!(relationship_label(Some("hq-lb"), 4), "hq-lb");
        assert_eq!(relationship_label(Some(""), 4), "relationship 4");
        assert_eq!(relationship_label(None, 4), "relationship 4");
    }

    #[test]
    fn entries_read_back_from_the_compact_columns() {
        let mut view = ScopeView::default();
        view.push_scope(
            7,
            Some("10.0.0.0"),
            Some("255.255.255.0"),
            Some("Malmö 1"),
            Some(3),
        );
        view.push_scope(8, None, None, None, None);
        view.push_scope(9, Some("fe80::"), None, Some(""), Some(3));
        view.push_scope(
            7,
            Some("10.9.9.0"),
            None,
            Some("a repeat is not listed"),
            None,
        );
        view.include([20, 8, 21]);
        let listed: Vec<_> = view
            .entries()
            .map(|e| (e.id, e.network, e.address, e.name, e.server, e.known))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    7,
                    Some(0x0a00_0000),
                    "10.0.0.0/24",
                    "Malmö 1",
                    Some(0),
                    true
                ),
                (8, None, "", "", None, true),
                (9, None, "fe80::", "", Some(0), true),
                (20, None, "", "", None, false),
                (21, None, "", "", None, false),
            ]
        );
        assert_eq!((view.len(), view.servers()[0].scopes), (5, 2));
        assert_eq!(view.entry(9).map(|e| e.address), Some("fe80::"));
        assert_eq!(
            view.position(21).map(|(at, e)| (at, e.known)),
            Some((4, false))
        );
        assert_eq!(view.entry(99), None);
        assert_eq!(
            view.entry_at(5).id,
            0,
            "past the end: an empty entry, no panic"
        );
        assert_eq!(view.label(7), "Malmö 1 10.0.0.0/24");
        let rebuilt = ScopeView::from_parts(view.entries().collect(), view.servers().to_vec())
            .expect("the same entries fit");
        assert!(rebuilt.entries().eq(view.entries()));
        // A saved list that does not fit how a view is built is refused: a scope with a
        // row after one without, one without a row that has a name.
        let mut entries: Vec<_> = view.entries().collect();
        entries.swap(2, 3);
        assert!(ScopeView::from_parts(entries, view.servers().to_vec()).is_none());
        let mut entries: Vec<_> = view.entries().collect();
        entries[4].name = "named";
        assert!(ScopeView::from_parts(entries, view.servers().to_vec()).is_none());
    }
}
