//! The working copy's tables, indexed so each operation costs in proportion to the scope
//! ids it is given, not to the size of the tables.
//!
//! ADM_DhcpScopeFailoverTable rows live in slots; a removed row leaves an empty slot, so
//! undoing the removal puts it back exactly where it was, and `tables()` keeps row order.

use rustc_hash::FxHashMap as HashMap;

use crate::fault::Fault;
use crate::tables::{FailoverRow, FailoverTables, ScopeFailoverRow, ScopeRow, Staged, Tables};

/// The indexed tables of a working copy.
#[derive(Debug, Clone, Default)]
pub struct Store {
    failovers: Vec<FailoverRow>,
    failover_index: HashMap<i64, usize>,
    scopes: Option<Vec<ScopeRow>>,
    scope_index: HashMap<i64, usize>,
    slots: Vec<Option<ScopeFailoverRow>>,
    by_scope: HashMap<i64, Vec<usize>>,
    delta: HashMap<(i64, i64), i64>,
}

impl Store {
    /// Indexes checked tables (from [`Tables::from_json`] or the binding's reader).
    pub fn new(tables: Tables) -> Store {
        let failover_index = tables
            .failovers
            .iter()
            .enumerate()
            .map(|(i, r)| (r.record_id, i))
            .collect();
        let scope_index = tables
            .scopes
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, r)| (r.record_id, i))
            .collect();
        let mut store = Store {
            failovers: tables.failovers,
            failover_index,
            scopes: tables.scopes,
            scope_index,
            slots: Vec::with_capacity(tables.scope_failovers.len()),
            by_scope: HashMap::default(),
            delta: HashMap::default(),
        };
        for row in tables.scope_failovers {
            store.index(store.slots.len(), row.scope_id);
            store.slots.push(Some(row));
        }
        store
    }

    /// The working tables, in the shape they were loaded in.
    pub fn tables(&self) -> Tables {
        Tables {
            failovers: self.failovers.clone(),
            scope_failovers: self.slots.iter().flatten().cloned().collect(),
            scopes: self.scopes.clone(),
        }
    }

    /// The live scope-failover rows, in table order.
    pub fn pairs(&self) -> impl Iterator<Item = &ScopeFailoverRow> {
        self.slots.iter().flatten()
    }

    /// The relationship with this RecordId.
    pub fn failover(&self, record_id: i64) -> Option<&FailoverRow> {
        self.failover_index
            .get(&record_id)
            .map(|i| &self.failovers[*i])
    }

    /// The relationships, in table order.
    pub fn failovers(&self) -> &[FailoverRow] {
        &self.failovers
    }

    /// ADM_DHCPScopesTable, when given.
    pub fn scopes(&self) -> Option<&[ScopeRow]> {
        self.scopes.as_deref()
    }

    /// Whether ADM_DHCPScopesTable was given.
    pub fn has_scopes_table(&self) -> bool {
        self.scopes.is_some()
    }

    /// The scope with this RecordId in ADM_DHCPScopesTable.
    pub fn scope(&self, record_id: i64) -> Option<&ScopeRow> {
        let scopes = self.scopes.as_ref()?;
        self.scope_index.get(&record_id).map(|i| &scopes[*i])
    }

    /// The relationships a scope is in, per the live rows.
    pub fn relations_of(&self, scope_id: i64) -> Vec<i64> {
        let mut out: Vec<i64> = self
            .matching(scope_id, None)
            .into_iter()
            .filter_map(|slot| self.slots[slot].as_ref().map(|r| r.relation_id))
            .collect();
        out.dedup();
        out
    }

    /// Whether a live row holds `scope_id` (in `relation_id`, when given).
    pub fn is_member(&self, scope_id: i64, relation_id: Option<i64>) -> bool {
        self.by_scope.get(&scope_id).is_some_and(|slots| {
            slots.iter().any(|slot| {
                self.slots[*slot]
                    .as_ref()
                    .is_some_and(|row| relation_id.is_none_or(|r| row.relation_id == r))
            })
        })
    }

    /// How many live rows each relationship has.
    pub fn member_counts(&self) -> rustc_hash::FxHashMap<i64, usize> {
        let mut counts = rustc_hash::FxHashMap::default();
        for row in self.pairs() {
            *counts.entry(row.relation_id).or_insert(0) += 1;
        }
        counts
    }

    /// The slots of live rows holding `scope_id` (in `relation_id`, when given), ascending.
    pub fn matching(&self, scope_id: i64, relation_id: Option<i64>) -> Vec<usize> {
        let mut slots: Vec<usize> = self
            .by_scope
            .get(&scope_id)
            .into_iter()
            .flatten()
            .copied()
            .filter(|slot| {
                relation_id.is_none_or(|r| {
                    self.slots[*slot]
                        .as_ref()
                        .is_some_and(|row| row.relation_id == r)
                })
            })
            .collect();
        slots.sort_unstable();
        slots
    }

    /// The number of slots, live or empty: where the next appended row goes.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// The row in a slot, if live.
    pub fn slot(&self, slot: usize) -> Option<&ScopeFailoverRow> {
        self.slots.get(slot).and_then(Option::as_ref)
    }

    /// Appends rows at the end.
    pub fn append(&mut self, rows: impl IntoIterator<Item = ScopeFailoverRow>) {
        for row in rows {
            self.index(self.slots.len(), row.scope_id);
            self.count(&row, 1);
            self.slots.push(Some(row));
        }
    }

    /// Drops every slot from `start` on (undoing an append; later changes were undone first).
    pub fn truncate(&mut self, start: usize) {
        while self.slots.len() > start {
            let slot = self.slots.len() - 1;
            if let Some(row) = self.slots.pop().flatten() {
                self.unindex(slot, row.scope_id);
                self.count(&row, -1);
            }
        }
    }

    /// Empties a slot, returning its row.
    pub fn take(&mut self, slot: usize) -> Option<ScopeFailoverRow> {
        let row = self.slots.get_mut(slot)?.take()?;
        self.unindex(slot, row.scope_id);
        self.count(&row, -1);
        Some(row)
    }

    /// Puts a row back into an empty slot (undoing a removal).
    pub fn put(&mut self, slot: usize, row: ScopeFailoverRow) {
        if self.slots.get(slot).is_some_and(Option::is_none) {
            self.count(&row, 1);
            self.index(slot, row.scope_id);
            self.slots[slot] = Some(row);
        }
    }

    /// How each pair's row count differs from the loaded tables (non-zero entries only).
    pub fn delta(&self) -> impl Iterator<Item = ((i64, i64), i64)> + '_ {
        self.delta.iter().map(|(k, v)| (*k, *v))
    }

    fn index(&mut self, slot: usize, scope_id: i64) {
        self.by_scope.entry(scope_id).or_default().push(slot);
    }

    fn unindex(&mut self, slot: usize, scope_id: i64) {
        if let Some(slots) = self.by_scope.get_mut(&scope_id) {
            slots.retain(|s| *s != slot);
            if slots.is_empty() {
                self.by_scope.remove(&scope_id);
            }
        }
    }

    fn count(&mut self, row: &ScopeFailoverRow, by: i64) {
        let key = (row.scope_id, row.relation_id);
        let entry = self.delta.entry(key).or_insert(0);
        *entry += by;
        if *entry == 0 {
            self.delta.remove(&key);
        }
    }
}

impl FailoverTables for Store {
    fn failover_position(&self, record_id: i64) -> Option<usize> {
        self.failover_index.get(&record_id).copied()
    }

    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool> {
        scope_ids
            .iter()
            .map(|scope_id| {
                self.by_scope.get(scope_id).is_some_and(|slots| {
                    slots.iter().any(|slot| {
                        self.slots[*slot]
                            .as_ref()
                            .is_some_and(|row| row.relation_id == relation_id)
                    })
                })
            })
            .collect()
    }

    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault> {
        self.append(added.iter().map(|s| ScopeFailoverRow {
            scope_id: s.scope_id,
            relation_id,
            extra: Default::default(),
        }));
        Ok(())
    }
}
