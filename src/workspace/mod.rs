//! The resident working copy: what-if editing of the tables with undo, redo, a diff
//! against the loaded tables, preflight against the DHCP servers' rules, exports, and a
//! serialised form.
//!
//! Every change is recorded as a [`Change`] that can be reverted and re-applied exactly;
//! the store keeps the per-pair delta as changes happen, so `diff` costs in proportion to
//! what changed, not to the table.

mod diff;
mod export;
mod preflight;
mod snapshot;
mod store;

pub use diff::{Diff, RelationshipCount};
pub use export::{change_set_csv, change_set_json, powershell_script, MAX_SCOPES_PER_CALL};
pub use preflight::{preflight, Finding, Rule, Severity};
pub use store::Store;

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

/// A working copy of the tables.
#[derive(Debug, Clone)]
pub struct Workspace {
    store: Store,
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl Workspace {
    /// A working copy of checked tables.
    pub fn new(tables: Tables) -> Workspace {
        Workspace {
            store: Store::new(tables),
            done: Vec::new(),
            undone: Vec::new(),
        }
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
                .filter_map(|slot| self.store.slot(slot).cloned())
                .collect();
            self.record(Change::Add { start, rows });
        }
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
            let mut rows = outcome.removed.clone();
            rows.sort_by_key(|(slot, _)| *slot);
            self.record(Change::Remove { rows });
        }
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
        self.undone.push(change);
        true
    }

    /// Re-applies the last undone change; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(change) = self.undone.pop() else {
            return false;
        };
        change.apply(&mut self.store);
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
        self.done.push(change);
        self.undone.clear();
    }
}
