//! The exact callback sequence of the add delegate.

mod common;

use common::{add, sample};
use ipam_failover::fault::FaultCode;
use ipam_failover::ops::add_scopes;
use ipam_failover::progress::{Event, OverallStatus, Recorder, SubTaskStatus};

fn statuses(rec: &Recorder) -> Vec<(i64, SubTaskStatus)> {
    rec.events
        .iter()
        .filter_map(|e| match e {
            Event::SetSubTaskStatus(t) => Some((t.scope_id, t.status)),
            _ => None,
        })
        .collect()
}

#[test]
fn success_sequence_with_sub_tasks() {
    let mut tables = sample();
    let mut rec = Recorder::new(true);
    add_scopes(&add(1, &[10, 30]), || Ok(&mut tables), &mut rec).unwrap();
    let kinds: Vec<String> = rec
        .events
        .iter()
        .map(|e| match e {
            Event::Percent(p) => format!("pct {p}"),
            Event::Overall(s, p, f) => format!("overall {} {p} {f:?}", s.as_str()),
            Event::AddSubTask(t) => format!("add {} {}", t.instance_id, t.status.as_str()),
            Event::SetSubTaskStatus(t) => format!("set {} {}", t.instance_id, t.status.as_str()),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "pct 0",
            "add 1 InProgress",
            "set 1 NotApplicable",
            "pct 49",
            "add 2 InProgress",
            "set 2 CompletedWithSuccess",
            "pct 99",
            "overall Success 100 None",
        ]
    );
}

#[test]
fn without_sub_tasks_no_per_scope_calls_are_made() {
    let mut tables = sample();
    let mut rec = Recorder::new(false);
    let ids: Vec<i64> = (100..1100).collect();
    add_scopes(&add(1, &ids), || Ok(&mut tables), &mut rec).unwrap();
    assert!(rec
        .events
        .iter()
        .all(|e| matches!(e, Event::Percent(_) | Event::Overall(..))));
    let percents: Vec<u8> = rec.percents();
    assert_eq!(
        percents,
        (0..=99).collect::<Vec<u8>>(),
        "each whole percent once, in order"
    );
    assert_eq!(
        rec.events.last(),
        Some(&Event::Overall(OverallStatus::Success, 100, None))
    );
}

#[test]
fn duplicates_get_one_sub_task() {
    let mut tables = sample();
    let mut rec = Recorder::new(true);
    add_scopes(&add(1, &[30, 30, 10, 30]), || Ok(&mut tables), &mut rec).unwrap();
    assert_eq!(
        statuses(&rec),
        [
            (30, SubTaskStatus::CompletedWithSuccess),
            (10, SubTaskStatus::NotApplicable)
        ]
    );
}

#[test]
fn a_fault_reports_failure_once_then_returns_it() {
    let mut tables = sample();
    let mut rec = Recorder::new(true);
    let f = add_scopes(&add(9, &[30]), || Ok(&mut tables), &mut rec).unwrap_err();
    assert_eq!(f.code(), FaultCode::FailoverNotFound);
    assert_eq!(
        rec.events,
        [
            Event::Percent(0),
            Event::Overall(OverallStatus::Failure, 0, Some("FAILOVER_NOT_FOUND".into()))
        ]
    );
}

#[test]
fn a_throwing_callback_at_any_point_cancels_and_changes_nothing() {
    // Count the calls of a successful run, then refuse at each one before the final Success.
    let ids = [30, 10, 31, 32];
    let mut probe_tables = sample();
    let mut probe = Recorder::new(true);
    add_scopes(&add(1, &ids), || Ok(&mut probe_tables), &mut probe).unwrap();
    let calls = probe.events.len();
    for at in 0..calls - 1 {
        let mut tables = sample();
        let mut rec = Recorder {
            cancel_at: Some(at),
            ..Recorder::new(true)
        };
        let f = add_scopes(&add(1, &ids), || Ok(&mut tables), &mut rec).unwrap_err();
        assert_eq!(
            (f.code(), f.step()),
            (FaultCode::Cancelled, None),
            "at {at}"
        );
        assert_eq!(tables, sample(), "cancel at call {at} changed the tables");
        let failures = rec
            .events
            .iter()
            .filter(|e| matches!(e, Event::Overall(OverallStatus::Failure, _, Some(c)) if c == "CANCELLED"))
            .count();
        assert_eq!(failures, 1, "at {at}");
    }
}

#[test]
fn a_refusal_from_the_final_success_does_not_undo_the_change() {
    let mut tables = sample();
    let mut probe = Recorder::new(false);
    let mut scratch = sample();
    add_scopes(&add(1, &[30]), || Ok(&mut scratch), &mut probe).unwrap();
    let last = probe.events.len() - 1;
    let mut rec = Recorder {
        cancel_at: Some(last),
        ..Recorder::new(false)
    };
    let out = add_scopes(&add(1, &[30]), || Ok(&mut tables), &mut rec).unwrap();
    assert_eq!(out.added.len(), 1);
    assert_eq!(tables.scope_failovers.len(), 3);
}

/// The sub-task calls of a run, percentages and overall status left out (a working copy
/// splits its bar between staging and commit; scanned tables do not).
fn sub_tasks(rec: &Recorder) -> Vec<String> {
    rec.events
        .iter()
        .filter_map(|e| match e {
            Event::AddSubTask(t) | Event::SetSubTaskStatus(t) => Some(format!(
                "{} {} {} {:?} {}",
                t.instance_id, t.scope_id, t.request_index, t.status, t.description
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn a_request_longer_than_a_staging_chunk_stages_as_scanned_tables_do() {
    // A working copy stages 2,048 requested ids at a time, telling repeats apart chunk by
    // chunk; scanned tables take the request at once. Repeats within a chunk and across
    // chunks, and ids already present, must come out the same: each id once, where it
    // first stands, sub-task numbers running on across chunks.
    let mut ids: Vec<i64> = (0..5_000).map(|i| 100_000 + i).collect();
    ids[2_100] = 100_005; // a repeat of the first chunk, in the second
    ids[4_500] = 102_200; // a repeat within the third chunk... of an id of the second
    ids[3_000] = 10; // already in relationship 1
    ids[3_001] = 10; // and repeated right after
    ids.push(100_000); // the very first id, last
    let mut tables = sample();
    let mut scanned = Recorder::new(true);
    let out = add_scopes(&add(1, &ids), || Ok(&mut tables), &mut scanned).unwrap();

    let mut ws = ipam_failover::workspace::Workspace::new(sample());
    let mut indexed = Recorder::new(true);
    let ws_out = ws.add_scopes(&add(1, &ids), &mut indexed).unwrap();

    assert_eq!(sub_tasks(&indexed), sub_tasks(&scanned));
    assert_eq!(ws_out.added.len(), out.added.len());
    assert_eq!(ws.tables(), tables);
    let distinct = ids.iter().collect::<std::collections::HashSet<_>>().len();
    assert_eq!(distinct, 4_997);
    assert_eq!(
        sub_tasks(&indexed).len(),
        2 * distinct,
        "one sub-task per distinct id"
    );
}
