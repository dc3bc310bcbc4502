//! The progress callback port of MS-IPAMM2 3.21 (IIpamOperationWithProgressCallback) as a
//! small trait, plus the reporter that every operation drives it through.
//!
//! Rules the reporter enforces, so no operation can get them wrong:
//! - `set_completion_percentage(0)` comes first; percentages are integers 0..=100 and
//!   never decrease; 100 is only ever reported with the final Success.
//! - Success ends with exactly one `set_overall_status(Success, 100, None)`.
//! - A fault ends with exactly one `set_overall_status(Failure, percent_so_far, Some(fault))`.
//! - A callback that returns [`Cancelled`] before completion cancels the operation.

use crate::fault::Fault;

/// A callback asked the operation to stop (in JavaScript: it threw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// The overall status an operation reports at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverallStatus {
    /// The operation completed.
    Success,
    /// The operation raised a fault; nothing was changed.
    Failure,
}

impl OverallStatus {
    /// The status as JavaScript sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            OverallStatus::Success => "Success",
            OverallStatus::Failure => "Failure",
        }
    }
}

/// SubTaskStatus, MS-IPAMM2 2.2.5.101.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubTaskStatus {
    /// Not started yet.
    NotStarted,
    /// Running.
    InProgress,
    /// Finished with an error.
    CompletedWithError,
    /// Finished with a warning.
    CompletedWithWarning,
    /// Finished and did its work (for an add: the pair was added).
    CompletedWithSuccess,
    /// Nothing to do (for an add: the pair was already present).
    NotApplicable,
    /// Not run.
    NotRun,
}

impl SubTaskStatus {
    /// The enumeration literal.
    pub fn as_str(self) -> &'static str {
        match self {
            SubTaskStatus::NotStarted => "NotStarted",
            SubTaskStatus::InProgress => "InProgress",
            SubTaskStatus::CompletedWithError => "CompletedWithError",
            SubTaskStatus::CompletedWithWarning => "CompletedWithWarning",
            SubTaskStatus::CompletedWithSuccess => "CompletedWithSuccess",
            SubTaskStatus::NotApplicable => "NotApplicable",
            SubTaskStatus::NotRun => "NotRun",
        }
    }
}

/// One per-scope sub-task, shaped after SubTaskInstance (MS-IPAMM2 2.2.4.399).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubTask {
    /// SubTaskInstanceId: 1, 2, 3... in request order.
    pub instance_id: u32,
    /// SubTaskName, for display.
    pub name: String,
    /// SubTaskStatus.
    pub status: SubTaskStatus,
    /// ProgressStatusDescriptions: what happened, in words.
    pub description: String,
    /// The scope the sub-task acts on (its RecordId).
    pub scope_id: i64,
    /// Where that id first stands in the request's `ScopeIds`, so a binding can hand
    /// back the caller's own value.
    pub request_index: usize,
}

/// The callback port. Every method may refuse with [`Cancelled`]. Only the percentage
/// must be given: a port that leaves the others out hears no overall status and no
/// sub-tasks.
pub trait Progress {
    /// SetCompletionPercentage.
    fn set_completion_percentage(&mut self, percent: u8) -> Result<(), Cancelled>;
    /// SetOverallStatus, with the fault when the status is Failure.
    fn set_overall_status(
        &mut self,
        _status: OverallStatus,
        _percent: u8,
        _fault: Option<&Fault>,
    ) -> Result<(), Cancelled> {
        Ok(())
    }
    /// Whether the caller listens to sub-tasks; when it does not, no per-scope
    /// callback work is done at all.
    fn wants_sub_tasks(&self) -> bool {
        false
    }
    /// AddSubTask.
    fn add_sub_task(&mut self, _task: &SubTask) -> Result<(), Cancelled> {
        Ok(())
    }
    /// SetSubTaskStatus.
    fn set_sub_task_status(&mut self, _task: &SubTask) -> Result<(), Cancelled> {
        Ok(())
    }
}

/// A port that listens to nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn set_completion_percentage(&mut self, _: u8) -> Result<(), Cancelled> {
        Ok(())
    }
}

/// One callback as a [`Recorder`] saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// SetCompletionPercentage(percent).
    Percent(u8),
    /// SetOverallStatus(status, percent, fault code).
    Overall(OverallStatus, u8, Option<String>),
    /// AddSubTask.
    AddSubTask(SubTask),
    /// SetSubTaskStatus.
    SetSubTaskStatus(SubTask),
}

/// A port that records every call, for tests and native callers that want a log.
/// `cancel_at` makes the n-th call (0-based) refuse, as a throwing JS callback would.
#[derive(Debug, Default, Clone)]
pub struct Recorder {
    /// The calls so far.
    pub events: Vec<Event>,
    /// Listen to sub-tasks.
    pub sub_tasks: bool,
    /// Refuse the call with this index.
    pub cancel_at: Option<usize>,
}

impl Recorder {
    /// A recorder that listens to sub-tasks when `sub_tasks` is true.
    pub fn new(sub_tasks: bool) -> Recorder {
        Recorder {
            sub_tasks,
            ..Recorder::default()
        }
    }

    /// The percentages reported so far, in order.
    pub fn percents(&self) -> Vec<u8> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Percent(p) => Some(*p),
                _ => None,
            })
            .collect()
    }

    fn push(&mut self, event: Event) -> Result<(), Cancelled> {
        let index = self.events.len();
        self.events.push(event);
        if self.cancel_at == Some(index) {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

impl Progress for Recorder {
    fn set_completion_percentage(&mut self, percent: u8) -> Result<(), Cancelled> {
        self.push(Event::Percent(percent))
    }
    fn set_overall_status(
        &mut self,
        status: OverallStatus,
        percent: u8,
        fault: Option<&Fault>,
    ) -> Result<(), Cancelled> {
        let code = fault.map(|f| f.code().as_str().to_owned());
        self.push(Event::Overall(status, percent, code))
    }
    fn wants_sub_tasks(&self) -> bool {
        self.sub_tasks
    }
    fn add_sub_task(&mut self, task: &SubTask) -> Result<(), Cancelled> {
        self.push(Event::AddSubTask(task.clone()))
    }
    fn set_sub_task_status(&mut self, task: &SubTask) -> Result<(), Cancelled> {
        self.push(Event::SetSubTaskStatus(task.clone()))
    }
}

/// Drives a [`Progress`] port for one operation and keeps the percentage rules.
pub struct Reporter<'p, P: Progress + ?Sized> {
    port: &'p mut P,
    percent: u8,
}

impl<'p, P: Progress + ?Sized> Reporter<'p, P> {
    /// The percentage reported so far.
    pub fn percent(&self) -> u8 {
        self.percent
    }

    /// Whether the port listens to sub-tasks.
    pub fn wants_sub_tasks(&self) -> bool {
        self.port.wants_sub_tasks()
    }

    /// Reports `done` of `total` units of work, mapped onto 0..=99 (100 is the final
    /// Success's), only when the whole percentage grows.
    pub fn advance(&mut self, done: usize, total: usize) -> Result<(), Fault> {
        let percent = if total == 0 {
            99
        } else {
            (done.min(total) as u128 * 99 / total as u128) as u8
        };
        if percent > self.percent {
            self.percent = percent;
            self.port
                .set_completion_percentage(percent)
                .map_err(|_| Fault::cancelled())?;
        }
        Ok(())
    }

    /// Reports progress of a commit, which can no longer be cancelled: the percentage as
    /// [`Reporter::advance`], and a refusal is ignored (the change goes through whole).
    pub fn advance_committing(&mut self, done: usize, total: usize) {
        if self.advance(done, total).is_err() {
            // Cancelled too late: the commit completes; later reports are not repeated.
        }
    }

    /// AddSubTask.
    pub fn add_sub_task(&mut self, task: &SubTask) -> Result<(), Fault> {
        self.port.add_sub_task(task).map_err(|_| Fault::cancelled())
    }

    /// SetSubTaskStatus.
    pub fn set_sub_task_status(&mut self, task: &SubTask) -> Result<(), Fault> {
        self.port
            .set_sub_task_status(task)
            .map_err(|_| Fault::cancelled())
    }
}

/// Runs one operation body between the opening `SetCompletionPercentage(0)` and the closing
/// SetOverallStatus. The body must stage everything before it commits, and commit last,
/// so that every fault it returns leaves the tables as they were.
///
/// A refusal from the closing Success call comes after completion: it cannot undo the
/// committed change, so it is not a fault (the binding reports it as a JS error event).
pub fn run<P, T>(
    port: &mut P,
    body: impl FnOnce(&mut Reporter<'_, P>) -> Result<T, Fault>,
) -> Result<T, Fault>
where
    P: Progress + ?Sized,
{
    let mut reporter = Reporter { port, percent: 0 };
    let outcome = match reporter.port.set_completion_percentage(0) {
        Ok(()) => body(&mut reporter),
        Err(Cancelled) => Err(Fault::cancelled()),
    };
    match outcome {
        Ok(value) => {
            let _ = reporter
                .port
                .set_overall_status(OverallStatus::Success, 100, None);
            Ok(value)
        }
        Err(fault) => {
            let percent = reporter.percent;
            let _ = reporter
                .port
                .set_overall_status(OverallStatus::Failure, percent, Some(&fault));
            Err(fault)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::FaultCode;

    #[test]
    fn success_is_bracketed_by_zero_and_one_success() {
        let mut rec = Recorder::new(false);
        let out = run(&mut rec, |r| {
            for i in 0..=10 {
                r.advance(i, 10)?;
            }
            Ok(5)
        });
        assert_eq!(out, Ok(5));
        assert_eq!(rec.events.first(), Some(&Event::Percent(0)));
        assert_eq!(
            rec.events.last(),
            Some(&Event::Overall(OverallStatus::Success, 100, None))
        );
        let percents: Vec<u8> = rec.percents();
        assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
        assert_eq!(*percents.last().unwrap(), 99);
    }

    #[test]
    fn a_fault_reports_failure_once_with_the_percent_so_far() {
        let mut rec = Recorder::new(false);
        let out: Result<(), _> = run(&mut rec, |r| {
            r.advance(1, 2)?;
            Err(Fault::at_step(FaultCode::FailoverNotFound, 3, "gone"))
        });
        assert_eq!(out.unwrap_err().code(), FaultCode::FailoverNotFound);
        assert_eq!(
            rec.events,
            vec![
                Event::Percent(0),
                Event::Percent(49),
                Event::Overall(
                    OverallStatus::Failure,
                    49,
                    Some("FAILOVER_NOT_FOUND".into())
                )
            ]
        );
    }

    #[test]
    fn a_refused_first_call_cancels() {
        let mut rec = Recorder {
            cancel_at: Some(0),
            ..Recorder::default()
        };
        let out: Result<(), _> = run(&mut rec, |_| panic!("the body must not run"));
        assert_eq!(out.unwrap_err().code(), FaultCode::Cancelled);
        assert_eq!(rec.events.len(), 2);
    }
}
