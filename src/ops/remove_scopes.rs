//! MS-IPAMM2 3.19.4.4.1.26 DhcpFailoverRemoveScopesDelegate: take scopes out of failover
//! relationships, in a working copy.
//!
//! The spec text checks a `Failover` field its parameter type does not have (spec error
//! E2). We accept an optional `Failover`: with it, only that relationship's rows go (and it
//! must exist); without it, every row of each scope id goes, as the text says. `Force` is
//! accepted and has nothing to change in the IPAM store.

use rustc_hash::FxHashSet;

use crate::fault::Fault;
use crate::parameter::{validate_remove, RawParameter};
use crate::progress::{run, Progress, SubTask, SubTaskStatus};
use crate::tables::{RemovableTables, ScopeFailoverRow, Staged};

/// What a removal did.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoveScopesOutcome {
    /// The relationship named in the request, if any.
    pub failover_id: Option<i64>,
    /// The rows removed, with the slot each held, in request order.
    pub removed: Vec<(usize, ScopeFailoverRow)>,
    /// The scopes that were in no matching row, in request order.
    pub not_found: Vec<Staged>,
}

/// Runs the delegate against tables whose rows can be taken out (a working copy's store).
pub fn remove_scopes<T: RemovableTables + ?Sized, P: Progress + ?Sized>(
    raw: &RawParameter,
    store: &mut T,
    port: &mut P,
) -> Result<RemoveScopesOutcome, Fault> {
    run(port, |reporter| {
        let request = validate_remove(raw)?;
        if let Some(id) = request.failover_id {
            if store.failover_position(id).is_none() {
                return Err(Fault::failover_not_found(id));
            }
        }
        let sub_tasks = reporter.wants_sub_tasks();
        let mut seen = FxHashSet::default();
        let mut staged_slots = Vec::new();
        let mut not_found = Vec::new();
        let total = request.scope_ids.len();
        for (request_index, &scope_id) in request.scope_ids.iter().enumerate() {
            if seen.insert(scope_id) {
                let slots = store.matching(scope_id, request.failover_id);
                let staged = Staged {
                    scope_id,
                    request_index,
                };
                if sub_tasks {
                    let mut task = SubTask {
                        instance_id: u32::try_from(seen.len()).unwrap_or(u32::MAX),
                        name: format!("Remove scope {scope_id} from failover"),
                        status: SubTaskStatus::InProgress,
                        description: String::new(),
                        scope_id,
                        request_index,
                    };
                    reporter.add_sub_task(&task)?;
                    (task.status, task.description) = if slots.is_empty() {
                        (
                            SubTaskStatus::NotApplicable,
                            "in no matching relationship".into(),
                        )
                    } else {
                        (SubTaskStatus::CompletedWithSuccess, "removed".into())
                    };
                    reporter.set_sub_task_status(&task)?;
                }
                if slots.is_empty() {
                    not_found.push(staged);
                }
                staged_slots.extend(slots);
            }
            reporter.advance(request_index + 1, total)?;
        }
        // Commit: the only change.
        let removed = staged_slots
            .into_iter()
            .filter_map(|slot| store.take(slot).map(|row| (slot, row)))
            .collect();
        Ok(RemoveScopesOutcome {
            failover_id: request.failover_id,
            removed,
            not_found,
        })
    })
}
