//! The JavaScript adapter of the core's progress port: calls the callback object's methods
//! that exist, with the object as `this`; a throw becomes cancellation.

use js_sys::{Array, Function};
use wasm_bindgen::{JsCast, JsValue};

use crate::fault::{Fault, FaultCode};
use crate::progress::{Cancelled, OverallStatus, Progress, SubTask};

use super::fault::to_js;
use super::js::{report_late, sub_task};
use super::read::{get, shape};

/// The callbacks of one call.
pub struct JsProgress {
    this: JsValue,
    set_completion_percentage: Option<Function>,
    set_overall_status: Option<Function>,
    add_sub_task: Option<Function>,
    set_sub_task_status: Option<Function>,
    scope_ids: Option<Array>,
    thrown: Option<JsValue>,
    error: Option<JsValue>,
}

const METHODS: [&str; 4] = [
    "setCompletionPercentage",
    "setOverallStatus",
    "addSubTask",
    "setSubTaskStatus",
];

impl JsProgress {
    /// Reads the callback object: absent, or an object whose named members are functions
    /// when present.
    pub fn new(callbacks: Option<&JsValue>) -> Result<JsProgress, Fault> {
        let this = callbacks.cloned().unwrap_or(JsValue::UNDEFINED);
        let mut found: [Option<Function>; 4] = Default::default();
        let this_shape = shape(&this);
        if !this_shape.is_absent() {
            if !matches!(
                this_shape,
                crate::raw::Shape::Object | crate::raw::Shape::Instance
            ) {
                return Err(bad_callbacks(format!(
                    "callbacks must be an object of optional methods; got {this_shape}"
                )));
            }
            for (slot, name) in found.iter_mut().zip(METHODS) {
                let member = get(&this, name);
                match shape(&member) {
                    s if s.is_absent() => {}
                    crate::raw::Shape::Function => *slot = Some(member.unchecked_into()),
                    s => {
                        return Err(bad_callbacks(format!(
                            "callbacks.{name} must be a function; got {s}"
                        )))
                    }
                }
            }
        }
        let [set_completion_percentage, set_overall_status, add_sub_task, set_sub_task_status] =
            found;
        Ok(JsProgress {
            this,
            set_completion_percentage,
            set_overall_status,
            add_sub_task,
            set_sub_task_status,
            scope_ids: None,
            thrown: None,
            error: None,
        })
    }

    /// The request's `ScopeIds`, so sub-tasks carry the caller's own id values.
    pub fn set_scope_ids(&mut self, scope_ids: Option<Array>) {
        self.scope_ids = scope_ids;
    }

    /// The error to throw for `fault`: the very object `setOverallStatus` received.
    pub fn error_for(&mut self, fault: &Fault) -> JsValue {
        match self.error.take() {
            Some(error) => error,
            None => to_js(fault, self.thrown.as_ref()),
        }
    }

    fn outcome(&mut self, result: Result<JsValue, JsValue>) -> Result<(), Cancelled> {
        result.map(drop).map_err(|thrown| {
            self.thrown.get_or_insert(thrown);
            Cancelled
        })
    }

    /// Calls the sub-task callback `pick` chooses, if the caller gave it, with `task`.
    fn send_sub_task(
        &mut self,
        pick: fn(&Self) -> Option<&Function>,
        task: &SubTask,
    ) -> Result<(), Cancelled> {
        let Some(f) = pick(self) else {
            return Ok(());
        };
        let result = f.call1(&self.this, &self.sub_task_value(task));
        self.outcome(result)
    }

    fn sub_task_value(&self, task: &SubTask) -> JsValue {
        let scope_id = match &self.scope_ids {
            Some(ids) => super::read::at(ids, task.request_index as u32),
            None => super::json::id_to_js(task.scope_id),
        };
        sub_task(
            task.instance_id,
            &task.name,
            task.status.as_str(),
            &task.description,
            &scope_id,
        )
    }
}

fn bad_callbacks(message: String) -> Fault {
    Fault::unstepped(FaultCode::InvalidParameter, message)
}

impl Progress for JsProgress {
    fn set_completion_percentage(&mut self, percent: u8) -> Result<(), Cancelled> {
        match &self.set_completion_percentage {
            Some(f) => {
                let r = f.call1(&self.this, &JsValue::from(percent));
                self.outcome(r)
            }
            None => Ok(()),
        }
    }

    fn set_overall_status(
        &mut self,
        status: OverallStatus,
        percent: u8,
        fault: Option<&Fault>,
    ) -> Result<(), Cancelled> {
        let error = fault.map(|f| to_js(f, self.thrown.as_ref()));
        self.error.clone_from(&error);
        let Some(f) = &self.set_overall_status else {
            return Ok(());
        };
        let result = f.call3(
            &self.this,
            &JsValue::from_str(status.as_str()),
            &JsValue::from(percent),
            &error.unwrap_or(JsValue::UNDEFINED),
        );
        match (status, result) {
            (_, Ok(_)) => Ok(()),
            // After completion nobody can receive the exception: report it like the DOM
            // reports one from an event listener.
            (OverallStatus::Success, Err(thrown)) => {
                report_late(&thrown);
                Err(Cancelled)
            }
            // Already failing: the fault stays the one thrown.
            (OverallStatus::Failure, Err(_)) => Err(Cancelled),
        }
    }

    fn wants_sub_tasks(&self) -> bool {
        self.add_sub_task.is_some()
    }

    fn add_sub_task(&mut self, task: &SubTask) -> Result<(), Cancelled> {
        self.send_sub_task(|p| p.add_sub_task.as_ref(), task)
    }

    fn set_sub_task_status(&mut self, task: &SubTask) -> Result<(), Cancelled> {
        self.send_sub_task(|p| p.set_sub_task_status.as_ref(), task)
    }
}
