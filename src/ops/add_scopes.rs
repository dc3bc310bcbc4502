//! MS-IPAMM2 3.19.4.4.1.25 DhcpFailoverAddScopesDelegate: add scopes to a failover
//! relationship.
//!
//! The five spec steps, with our readings where the text is silent or wrong (README):
//! 1. the parameter must be a DhcpFailoverWithScopesParameters;
//! 2. `Failover` and `ScopeIds` must be given, `ScopeIds` not empty, every id valid;
//! 3. the relationship is looked up in ADM_DhcpFailoverTable (the text names
//!    ADM_DhcpScopeFailoverTable: spec error E1) and must exist;
//! 4. each scope id whose exact (ScopeId, FailoverRelationId) pair is missing is added,
//!    in request order, once;
//! 5. Success at 100 %, and the relationship row is handed back.
//!
//! Everything is checked and staged before the one append, so a fault or a cancel leaves
//! the tables exactly as they were.

use rustc_hash::FxHashSet;

use crate::fault::Fault;
use crate::parameter::{validate_add, RawParameter};
use crate::progress::{run, Progress, Reporter, SubTask, SubTaskStatus};
use crate::tables::{FailoverTables, Staged};

/// What an add did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddScopesOutcome {
    /// The position of the relationship's row in ADM_DhcpFailoverTable.
    pub failover_position: usize,
    /// The relationship's RecordId.
    pub failover_id: i64,
    /// The scopes whose pair was appended, in request order.
    pub added: Vec<Staged>,
    /// The scopes whose pair was already present, in request order.
    pub already_present: Vec<Staged>,
}

/// Runs the delegate. `load` reads the tables; it is called after the parameter checks
/// (steps 1 and 2), inside the progress bracket, so a malformed table is reported like
/// any other fault.
pub fn add_scopes<T, P>(
    raw: &RawParameter,
    load: impl FnOnce() -> Result<T, Fault>,
    port: &mut P,
) -> Result<AddScopesOutcome, Fault>
where
    T: FailoverTables,
    P: Progress + ?Sized,
{
    run(port, |reporter| {
        // Steps 1 and 2.
        let request = validate_add(raw)?;
        let mut tables = load()?;
        // Step 3.
        let failover_id = request.failover_id;
        let failover_position = tables
            .failover_position(failover_id)
            .ok_or_else(|| Fault::failover_not_found(failover_id))?;
        // Step 4, staged.
        let (added, already_present) =
            stage(&mut tables, failover_id, &request.scope_ids, reporter)?;
        // Step 4, committed: the only change; if the tables refuse it, nothing changed.
        // Indexed tables cannot refuse, so they take the rows a chunk at a time and the
        // second half of the bar follows (a cancellation is too late by then).
        if tables.indexed() {
            let n = request.scope_ids.len();
            let mut appended = 0;
            for chunk in added.chunks(COMMIT_CHUNK) {
                tables.append_pairs(failover_id, chunk)?;
                appended += chunk.len();
                reporter.advance_committing(n + appended * n / added.len(), 2 * n);
            }
        } else {
            tables.append_pairs(failover_id, &added)?;
        }
        Ok(AddScopesOutcome {
            failover_position,
            failover_id,
            added,
            already_present,
        })
    })
}

type Staging = (Vec<Staged>, Vec<Staged>);

/// How many requested ids are staged at once (their distinct new ids looked up in the
/// tables together) when the tables are indexed.
const PRESENCE_CHUNK: usize = 2048;

/// How many rows indexed tables take at once while committing.
const COMMIT_CHUNK: usize = 4096;

fn stage<T, P>(
    tables: &mut T,
    failover_id: i64,
    scope_ids: &[i64],
    reporter: &mut Reporter<'_, P>,
) -> Result<Staging, Fault>
where
    T: FailoverTables,
    P: Progress + ?Sized,
{
    let sub_tasks = reporter.wants_sub_tasks();
    // Indexed tables are asked a chunk of the request at a time, with progress after each
    // id, so that a long request reports steadily and a cancellation is seen within one
    // chunk (telling repeats apart goes chunk by chunk too: for 300,000 ids it is most of
    // the time before the first id is staged); tables that must be scanned are asked once.
    let chunk = if tables.indexed() {
        PRESENCE_CHUNK
    } else {
        scope_ids.len().max(1)
    };
    // Indexed tables: staging is the first half of the bar, the commit the second.
    let bar = if tables.indexed() {
        2 * scope_ids.len()
    } else {
        scope_ids.len()
    };
    // The ids seen so far: a repeat counts once, where it first stands.
    let mut seen = FxHashSet::default();
    seen.reserve(scope_ids.len());
    let mut added = Vec::new();
    let mut present = Vec::new();
    let mut instance = 0;
    for start in (0..scope_ids.len()).step_by(chunk) {
        let end = (start + chunk).min(scope_ids.len());
        let firsts: Vec<usize> = (start..end)
            .filter(|i| seen.insert(scope_ids[*i]))
            .collect();
        let distinct: Vec<i64> = firsts.iter().map(|i| scope_ids[*i]).collect();
        let exists = tables.present(failover_id, &distinct);
        let mut next = 0;
        for (request_index, &scope_id) in scope_ids.iter().enumerate().take(end).skip(start) {
            if firsts.get(next) == Some(&request_index) {
                let staged = Staged {
                    scope_id,
                    request_index,
                };
                let exists = exists[next];
                next += 1;
                instance += 1;
                if sub_tasks {
                    report_sub_task(reporter, instance, staged, failover_id, exists)?;
                }
                if exists {
                    present.push(staged);
                } else {
                    added.push(staged);
                }
            }
            reporter.advance(request_index + 1, bar)?;
        }
    }
    Ok((added, present))
}

fn report_sub_task<P: Progress + ?Sized>(
    reporter: &mut Reporter<'_, P>,
    instance: usize,
    staged: Staged,
    failover_id: i64,
    exists: bool,
) -> Result<(), Fault> {
    let mut task = SubTask {
        instance_id: u32::try_from(instance).unwrap_or(u32::MAX),
        name: format!(
            "Add scope {} to failover relationship {failover_id}",
            staged.scope_id
        ),
        status: SubTaskStatus::InProgress,
        description: String::new(),
        scope_id: staged.scope_id,
        request_index: staged.request_index,
    };
    reporter.add_sub_task(&task)?;
    if exists {
        task.status = SubTaskStatus::NotApplicable;
        task.description = "already in this relationship".into();
    } else {
        task.status = SubTaskStatus::CompletedWithSuccess;
        task.description = "added".into();
    }
    reporter.set_sub_task_status(&task)
}
