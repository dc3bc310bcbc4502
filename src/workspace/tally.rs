//! The counts the page shows after every change: coverage per server pair and how many
//! listed scopes are in any relationship. Counted once over every scope when first asked
//! for, then kept up to date from the store's log of rows come and gone, so a change costs
//! the scopes it touched, not the table.

use rustc_hash::FxHashMap;

use super::store::Store;
use super::view::{pair_of, ScopeView};

/// One server pair's counts: listed scopes hosted on either server, of them in a
/// relationship of the pair (`covered`), in none (`uncovered`), or only in relationships
/// of other servers (`elsewhere`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairCounts {
    /// Listed scopes hosted on either server of the pair.
    pub scopes: usize,
    /// Of them, in a relationship of the pair.
    pub covered: usize,
    /// Of them, in no relationship.
    pub uncovered: usize,
    /// Of them, only in relationships between other servers.
    pub elsewhere: usize,
}

/// The server pairs that have a relationship, and their counts.
#[derive(Debug, Clone)]
pub(super) struct Tally {
    /// (lower server id, higher server id), in the order their first relationship comes.
    pub pairs: Vec<(i64, i64)>,
    /// The relationships of each pair, in table order.
    pub relationships: Vec<Vec<i64>>,
    /// The pairs each server is in.
    of_server: FxHashMap<i64, Vec<usize>>,
    /// Per pair, in `pairs` order.
    pub counts: Vec<PairCounts>,
    /// Listed scopes in at least one relationship.
    pub in_any: usize,
    /// How many view entries the counts include (entries are only ever appended).
    entries_seen: usize,
}

impl Tally {
    /// Counts over every listed scope, and starts the store's log.
    pub fn build(store: &mut Store, view: &ScopeView) -> Tally {
        let mut pairs: Vec<(i64, i64)> = Vec::new();
        let mut relationships: Vec<Vec<i64>> = Vec::new();
        let mut at_pair: FxHashMap<(i64, i64), usize> = FxHashMap::default();
        for row in store.failovers() {
            if let Some((a, b)) = pair_of(store, row.record_id) {
                let key = (a.min(b), a.max(b));
                let at = *at_pair.entry(key).or_insert_with(|| {
                    pairs.push(key);
                    relationships.push(Vec::new());
                    pairs.len() - 1
                });
                relationships[at].push(row.record_id);
            }
        }
        let mut of_server: FxHashMap<i64, Vec<usize>> = FxHashMap::default();
        for (at, (a, b)) in pairs.iter().enumerate() {
            of_server.entry(*a).or_default().push(at);
            if a != b {
                of_server.entry(*b).or_default().push(at);
            }
        }
        let mut tally = Tally {
            counts: vec![PairCounts::default(); pairs.len()],
            pairs,
            relationships,
            of_server,
            in_any: 0,
            entries_seen: 0,
        };
        store.log = Some(Vec::new());
        tally.catch_up(store, view);
        tally
    }

    /// Brings the counts up to date with the rows logged since the last call.
    pub fn sync(&mut self, store: &mut Store, view: &ScopeView) {
        let mut log = store.log.replace(Vec::new()).unwrap_or_default();
        // Each touched scope once: the log sorted by scope, then relationship, so that a
        // scope's net change per relationship is one run of entries.
        super::sort::sort_triples(&mut log);
        let mut moves: Vec<(i64, i64)> = Vec::new();
        let mut at = 0;
        while at < log.len() {
            let scope = log[at].0;
            moves.clear();
            while at < log.len() && log[at].0 == scope {
                let relation = log[at].1;
                let mut net = 0;
                while at < log.len() && log[at].0 == scope && log[at].1 == relation {
                    net += log[at].2;
                    at += 1;
                }
                if net != 0 {
                    moves.push((relation, net));
                }
            }
            if moves.is_empty() {
                continue;
            }
            let Some((index, entry)) = view.position(scope) else {
                continue;
            };
            if index >= self.entries_seen {
                continue; // listed since the last count: `catch_up` counts it whole
            }
            let after = store.relations_of(scope);
            let mut before: Vec<i64> = after
                .iter()
                .copied()
                .filter(|r| !moves.iter().any(|(m, _)| m == r))
                .collect();
            for (relation, net) in &moves {
                let rows_before = store.pair_rows(scope, *relation) as i64 - net;
                if rows_before > 0 {
                    before.push(*relation);
                }
            }
            self.count(view, entry.server, &before, -1);
            self.count(view, entry.server, &after, 1);
        }
        self.catch_up(store, view);
    }

    /// Counts the entries listed since the last count.
    fn catch_up(&mut self, store: &Store, view: &ScopeView) {
        // One buffer for every scope's relationships: a count of 300,000 scopes makes no
        // vector per scope.
        let mut relations = Vec::new();
        for at in self.entries_seen.min(view.len())..view.len() {
            let entry = view.entry_at(at);
            relations.clear();
            relations.extend(store.relation_ids(entry.id));
            self.count(view, entry.server, &relations, 1);
        }
        self.entries_seen = view.len();
    }

    /// Adds (`by` 1) or takes away (-1) one scope, hosted by `server` (an index into the
    /// view's servers), with these relationships.
    fn count(&mut self, view: &ScopeView, server: Option<u32>, relations: &[i64], by: isize) {
        let step = |n: &mut usize| *n = n.saturating_add_signed(by);
        if !relations.is_empty() {
            step(&mut self.in_any);
        }
        let Some(host) = server
            .and_then(|at| view.servers().get(at as usize))
            .map(|s| s.id)
        else {
            return;
        };
        let Some(at_pairs) = self.of_server.get(&host) else {
            return;
        };
        for at in at_pairs {
            let mine = &self.relationships[*at];
            let c = &mut self.counts[*at];
            step(&mut c.scopes);
            if relations.iter().any(|r| mine.contains(r)) {
                step(&mut c.covered);
            } else if relations.is_empty() {
                step(&mut c.uncovered);
            } else {
                step(&mut c.elsewhere);
            }
        }
    }
}
