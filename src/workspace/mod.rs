//! The resident working copy: what-if editing of the tables with undo, redo, a diff
//! against the loaded tables, preflight against the DHCP servers' rules, exports, and a
//! serialised form.
//!
//! Every change is recorded as a [`Change`] that can be reverted and re-applied exactly;
//! the store keeps the per-pair delta as changes happen, so `diff` costs in proportion to
//! what changed, not to the table.

mod build;
mod diff;
mod export;
mod id_index;
mod listing;
mod packed;
mod preflight;
mod preflight_report;
mod query;
mod slots;
mod snapshot;
mod sort;
mod store;
mod tables_text;
mod tally;
mod view;

pub use diff::{Diff, RelationshipCount};
pub use export::{change_set_csv, change_set_json, powershell_script, MAX_SCOPES_PER_CALL};
pub use preflight::{preflight, Finding, Rule, Severity};
pub use query::{parse_prefix, Membership, Query, RawQuery, SortKey, DEFAULT_LIMIT, MAX_LIMIT};
pub use store::Store;
pub use tally::PairCounts;
pub use view::{
    contains_folded, prefix_length, relationship_label, server_label, short_server, ScopeEntry,
    ScopeView, ServerEntry,
};

use crate::fault::Fault;
use crate::ops::{add_scopes, remove_scopes, AddScopesOutcome, RemoveScopesOutcome};
use crate::parameter::RawParameter;
use crate::progress::Progress;
use crate::tables::{ScopeFailoverRow, Tables};

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Rows appended at slot `start` and on.
    Add {
        /// The first slot the rows took.
        start: usize,
        /// The rows, in slot order.
        rows: Vec<ScopeFailoverRow>,
    },
    /// Rows taken out of their slots.
    Remove {
        /// Each slot and the row it held, ascending by slot.
        rows: Vec<(usize, ScopeFailoverRow)>,
    },
}

impl Change {
    fn apply(&self, store: &mut Store) {
        match self {
            Change::Add { rows, .. } => store.append(rows.iter().cloned()),
            Change::Remove { rows } => {
                for (slot, _) in rows {
                    store.take(*slot);
                }
            }
        }
    }

    /// As `revert`, on the scope-failover rows alone.
    fn revert_slots(&self, slots: &mut slots::Slots) {
        match self {
            Change::Add { start, .. } => {
                while slots.len() > *start {
                    slots.pop();
                }
            }
            Change::Remove { rows } => {
                for (slot, row) in rows {
                    if *slot < slots.len() && slots.get(*slot).is_none() {
                        slots.fill(*slot, row.clone());
                    }
                }
            }
        }
    }

    fn revert(&self, store: &mut Store) {
        match self {
            Change::Add { start, .. } => store.truncate(*start),
            Change::Remove { rows } => {
                for (slot, row) in rows {
                    store.put(*slot, row.clone());
                }
            }
        }
    }
}

/// What the last add or remove did, per scope.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// "add" or "remove".
    pub kind: &'static str,
    /// The scopes whose pair was added, or that left a relationship, in request order.
    pub changed: Vec<i64>,
    /// The scopes already present (add), or in no matching relationship (remove).
    pub unchanged: Vec<i64>,
}

/// A working copy of the tables.
#[derive(Debug, Clone)]
pub struct Workspace {
    store: Store,
    done: Vec<Change>,
    undone: Vec<Change>,
    view: ScopeView,
    last: Option<Outcome>,
    tally: Option<tally::Tally>,
}

impl Workspace {
    /// A working copy of checked tables.
    pub fn new(tables: Tables) -> Workspace {
        let (store, view) = build::Builder::from_tables(tables);
        Workspace::of(store, view)
    }

    /// A working copy of checked tables whose ADM_DhcpScopeFailoverTable comes as two id
    /// columns of equal length (`tables.scope_failovers` is ignored), with the other fields
    /// of the few rows that have any, by row number, ascending. Same copy as
    /// [`Workspace::new`] of those rows; what a reader of many rows in bulk has.
    pub fn from_columns(
        tables: Tables,
        scope_ids: Vec<i64>,
        relation_ids: Vec<i64>,
        extras: Vec<(usize, serde_json::Map<String, serde_json::Value>)>,
    ) -> Workspace {
        let (store, view) = build::Builder::from_columns(tables, scope_ids, relation_ids, extras);
        Workspace::of(store, view)
    }

    fn of(store: Store, view: ScopeView) -> Workspace {
        Workspace {
            store,
            done: Vec::new(),
            undone: Vec::new(),
            view,
            last: None,
            tally: None,
        }
    }

    /// The counts kept as changes happen (coverage, scopes in any relationship), brought
    /// up to date: counted over every scope the first time, then from what changed.
    fn tally(&mut self) -> &tally::Tally {
        if let Some(t) = &mut self.tally {
            t.sync(&mut self.store, &self.view);
        }
        self.tally
            .get_or_insert_with(|| tally::Tally::build(&mut self.store, &self.view))
    }

    /// How many listed scopes are in at least one relationship.
    pub fn in_any_count(&mut self) -> usize {
        self.tally().in_any
    }

    /// Per server pair that has a relationship: (the pair's server ids, low first; its
    /// relationships; its counts), in the order the pairs' first relationships come.
    pub fn coverage_counts(&mut self) -> Vec<((i64, i64), &[i64], PairCounts)> {
        let t = self.tally();
        t.pairs
            .iter()
            .zip(&t.relationships)
            .zip(&t.counts)
            .map(|((pair, rels), counts)| (*pair, rels.as_slice(), *counts))
            .collect()
    }

    /// A working copy of tables given as JSON text (the shape `addScopes` takes); a text
    /// that is not JSON is refused with INVALID_TABLE naming the line and column.
    pub fn from_text(text: &str) -> Result<Workspace, Fault> {
        let (store, view) = build::Builder::from_text(text)?;
        Ok(Workspace::of(store, view))
    }

    /// As [`Workspace::from_text`], taking the text: the scope rows' text is made from it
    /// in place rather than copied, so a load holds one copy of the file's text at most.
    pub fn from_string(text: String) -> Result<Workspace, Fault> {
        let (store, view) = build::Builder::from_string(text)?;
        Ok(Workspace::of(store, view))
    }

    /// As [`Workspace::from_string`], from a file's bytes: UTF-8, with or without a byte
    /// order mark, read in place; UTF-16 with one (Windows PowerShell 5.1's `Out-File`)
    /// decoded first. Bytes that are not text are refused with INVALID_TABLE naming the
    /// byte offset.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Workspace, Fault> {
        let not_text = |e: crate::import::encoding::EncodingError| {
            Fault::invalid_table(format!(
                "the tables file is not text: {} (at byte {})",
                e.message, e.offset
            ))
        };
        use crate::import::encoding::looks_like_utf16_without_bom;
        let utf8 = !bytes.starts_with(b"\xFF\xFE")
            && !bytes.starts_with(b"\xFE\xFF")
            && !looks_like_utf16_without_bom(&bytes);
        if utf8 {
            match String::from_utf8(bytes) {
                // A UTF-8 byte order mark is dropped as the text is read.
                Ok(text) => return Self::from_string(text),
                Err(e) => {
                    let bytes = e.into_bytes();
                    return match crate::import::encoding::decode(&bytes) {
                        Err(e) => Err(not_text(e)),
                        Ok((text, _)) => Self::from_text(&text),
                    };
                }
            }
        }
        let (text, _) = crate::import::encoding::decode(&bytes).map_err(not_text)?;
        let text = text.into_owned();
        drop(bytes);
        Self::from_string(text)
    }

    /// What the page lists: scopes, servers and the selection.
    pub fn view(&self) -> &ScopeView {
        &self.view
    }

    /// The view, to change the selection.
    pub fn view_mut(&mut self) -> &mut ScopeView {
        &mut self.view
    }

    /// The matches of a query over the listed scopes: how many, and the window's entries.
    pub fn query(&mut self, query: &Query) -> (usize, Vec<usize>) {
        self.view.query(&self.store, query)
    }

    /// Selects or unselects every listed scope the query matches.
    pub fn select_matching(&mut self, query: &Query, on: bool) {
        self.view.select_matching(&self.store, query, on);
    }

    /// The tables as loaded: the working copy with every applied change reverted.
    pub fn baseline_tables(&self) -> Tables {
        self.baseline_store().tables()
    }

    /// A new working copy of the tables as loaded, with no history: what discarding every
    /// change leaves (this copy stays as it is until the caller swaps it in).
    ///
    /// The store with every change reverted and the view's rows part copied, not rebuilt
    /// from tables: no scope row is parsed or written again.
    pub fn as_loaded(&self) -> Workspace {
        let store = self.baseline_store();
        let mut view = self.view.rows_part();
        view.include(store.paired_scope_ids());
        Workspace::of(store, view)
    }

    /// The scope-failover rows as loaded (the only table changes change), without copying
    /// the rest of the store.
    fn baseline_slots(&self) -> slots::Slots {
        let mut slots = self.store.slots.clone();
        for change in self.done.iter().rev() {
            change.revert_slots(&mut slots);
        }
        slots
    }

    /// The store as loaded: the working one with every applied change reverted.
    fn baseline_store(&self) -> Store {
        let mut base = self.store.clone();
        for change in self.done.iter().rev() {
            change.revert(&mut base);
        }
        base
    }

    /// Did the planned changes land? Compares the pending changes with `observed` (a fresh
    /// import taken after the exported script ran), matching by relationship name, server
    /// and scope address, never by RecordId.
    pub fn reconcile(
        &self,
        observed: &serde_json::Value,
    ) -> Result<crate::import::Reconciliation, Fault> {
        crate::import::reconcile_tables(
            &self.baseline_tables().to_json(),
            &self.tables().to_json(),
            observed,
        )
    }

    /// What the last add or remove did.
    pub fn last_outcome(&self) -> Option<&Outcome> {
        self.last.as_ref()
    }

    /// The indexed tables.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The working tables.
    pub fn tables(&self) -> Tables {
        self.store.tables()
    }

    /// The add delegate, applied to the working copy. A call that adds nothing records
    /// nothing to undo.
    pub fn add_scopes<P: Progress + ?Sized>(
        &mut self,
        raw: &RawParameter,
        port: &mut P,
    ) -> Result<AddScopesOutcome, Fault> {
        let start = self.store.slot_count();
        let outcome = add_scopes(raw, || Ok(&mut self.store), port)?;
        if !outcome.added.is_empty() {
            let rows = (start..self.store.slot_count())
                .filter_map(|slot| self.store.slot(slot))
                .collect();
            self.record(Change::Add { start, rows });
        }
        self.last = Some(Outcome {
            kind: "add",
            changed: outcome.added.iter().map(|s| s.scope_id).collect(),
            unchanged: outcome.already_present.iter().map(|s| s.scope_id).collect(),
        });
        Ok(outcome)
    }

    /// The remove delegate, applied to the working copy.
    pub fn remove_scopes<P: Progress + ?Sized>(
        &mut self,
        raw: &RawParameter,
        port: &mut P,
    ) -> Result<RemoveScopesOutcome, Fault> {
        let outcome = remove_scopes(raw, &mut self.store, port)?;
        if !outcome.removed.is_empty() {
            // Each slot once.
            let rows = sort::sorted_by(outcome.removed.clone(), |(slot, _)| (*slot as i64, 0));
            self.record(Change::Remove { rows });
        }
        let mut changed: Vec<i64> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for (_, row) in &outcome.removed {
            if seen.insert(row.scope_id) {
                changed.push(row.scope_id);
            }
        }
        self.last = Some(Outcome {
            kind: "remove",
            changed,
            unchanged: outcome.not_found.iter().map(|s| s.scope_id).collect(),
        });
        Ok(outcome)
    }

    /// What the DHCP servers would say of this add; changes nothing.
    pub fn preflight(&self, raw: &RawParameter) -> Result<Vec<Finding>, Fault> {
        preflight(&self.store, raw)
    }

    /// Reverts the last change; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(change) = self.done.pop() else {
            return false;
        };
        change.revert(&mut self.store);
        self.view.membership_changed();
        self.undone.push(change);
        true
    }

    /// Re-applies the last undone change; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(change) = self.undone.pop() else {
            return false;
        };
        change.apply(&mut self.store);
        self.after(&change);
        self.done.push(change);
        true
    }

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is a change to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The pending changes as text in `format`: `"json"`, `"csv"` or `"powershell"`.
    pub fn export_change_set(&self, format: &str) -> Result<String, Fault> {
        let (store, diff) = (&self.store, self.diff());
        match format {
            "json" => Ok(change_set_json(store, &diff)),
            "csv" => Ok(change_set_csv(store, &diff)),
            "powershell" => Ok(powershell_script(store, &diff)),
            other => Err(Fault::unstepped(
                crate::fault::FaultCode::InvalidParameter,
                format!(
                    "the export format must be \"json\", \"csv\" or \"powershell\"; got {}",
                    crate::raw::quote(other)
                ),
            )),
        }
    }

    /// The pairs added and removed against the loaded tables.
    pub fn diff(&self) -> Diff {
        Diff::of(&self.store)
    }

    fn record(&mut self, change: Change) {
        self.after(&change);
        self.done.push(change);
        self.undone.clear();
    }

    /// Keeps the view in step with a change just applied.
    fn after(&mut self, change: &Change) {
        if let Change::Add { rows, .. } = change {
            self.view.include(rows.iter().map(|r| r.scope_id));
        }
        self.view.membership_changed();
    }
}
