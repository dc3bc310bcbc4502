//! In-browser tests of the `addScopes` export: what a JavaScript caller observes.
//!
//! The cases are JavaScript (`tests/web/add_scopes.js`), because the contract is what
//! JavaScript sees: `instanceof Error`, BigInts kept as BigInts, rows appended in place into
//! the caller's own array, callbacks called with the callbacks object as `this`, the SOAP
//! fault parsed by the browser's `DOMParser`. Each case is one wasm-bindgen test below and
//! receives `addScopes` as a JavaScript function:
//!
//! - every case runs against a thin closure around `ipam_failover::wasm::add_scopes`, which
//!   converts its arguments exactly as the generated glue does (`undefined` / `null`
//!   callbacks are `None`);
//! - `glue_export_*` runs a selection again through the real `addScopes` export of the
//!   generated glue module, which wasm-bindgen-test-runner loads as `/wasm-bindgen-test`.
//!
//! Run with `wasm-pack test --headless --chrome -- --test web`.
#![cfg(all(target_arch = "wasm32", feature = "js-tables"))]

use ipam_failover::wasm::{add_scopes, JsAddParameter, JsCallbacks, JsTables};
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/web/add_scopes.js")]
extern "C" {
    #[wasm_bindgen(js_name = runCase, catch)]
    fn run_case(name: &str, add_scopes: &Function) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = caseNames)]
    fn case_names() -> Vec<String>;
    #[wasm_bindgen(js_name = glueAddScopes)]
    fn glue_add_scopes() -> Promise;
    #[wasm_bindgen(js_name = runGlueCases, catch)]
    fn run_glue_cases(add_scopes: &Function) -> Result<(), JsValue>;
}

#[wasm_bindgen(module = "/tests/web/fixtures.js")]
extern "C" {
    /// `{ tables, parameter }`: the fixture tables and a parameter for them.
    fn fixture(failover_id: JsValue, scope_ids: Vec<JsValue>) -> JsValue;
}

#[wasm_bindgen(module = "/tests/web/assert.js")]
extern "C" {
    #[wasm_bindgen(js_name = describeError)]
    fn describe_error(error: &JsValue) -> String;
    #[wasm_bindgen(js_name = checkFault, catch)]
    fn check_fault(
        thrown: &JsValue,
        code: &str,
        step: Option<u8>,
        what: &str,
    ) -> Result<(), JsValue>;
    fn show(value: &JsValue) -> String;
}

/// `addScopes` as a JavaScript function: the Rust export, with its arguments converted as
/// the generated glue converts them.
fn add_scopes_js() -> Function {
    thread_local! {
        static ADD_SCOPES: Function = Closure::<
            dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>,
        >::new(|tables: JsValue, parameter: JsValue, callbacks: JsValue| {
            let callbacks = if callbacks.is_undefined() || callbacks.is_null() {
                None
            } else {
                Some(callbacks.unchecked_into::<JsCallbacks>())
            };
            add_scopes(
                tables.unchecked_ref::<JsTables>(),
                parameter.unchecked_ref::<JsAddParameter>(),
                callbacks,
            )
            .map(JsValue::from)
        })
        .into_js_value()
        .unchecked_into();
    }
    ADD_SCOPES.with(Function::clone)
}

/// Runs one JavaScript case; a failure panics with the case's message and stack.
fn run(name: &str) {
    if let Err(error) = run_case(name, &add_scopes_js()) {
        panic!("case {name} failed: {}", describe_error(&error));
    }
}

macro_rules! js_cases {
    ($($(#[ignore = $reason:tt])? $name:ident,)*) => {
        $(
            #[wasm_bindgen_test]
            $(#[ignore = $reason])?
            fn $name() {
                run(stringify!($name));
            }
        )*
        /// Every case this file runs (or lists as ignored).
        const CASES: &[&str] = &[$(stringify!($name)),*];
    };
}

js_cases! {
    export_is_a_function,
    // Step 1: the parameter's kind.
    step1_null_or_undefined_parameter,
    step1_parameter_not_a_plain_object,
    step1_wrong_type,
    step1_wrong_operation_id,
    step1_type_and_operation_id_accepted,
    step1_null_prototype_and_other_realm_objects_accepted,
    // Step 2: Failover and ScopeIds.
    step2_missing_failover,
    step2_missing_scope_ids,
    step2_scope_ids_not_an_array,
    step2_empty_scope_ids,
    step2_failover_not_an_object,
    step2_invalid_scope_id,
    step2_invalid_failover_record_id,
    step2_id_boundaries_accepted,
    parameter_faults_before_table_faults,
    // Step 3: the relationship.
    step3_failover_not_found,
    step3_number_and_bigint_name_the_same_relationship,
    // Step 4: the pairs.
    step4_appends_in_place_in_request_order,
    step4_existing_pairs_not_appended,
    step4_scope_in_another_relationship_still_added,
    step4_duplicate_ids_counted_once,
    step4_number_and_bigint_are_the_same_id,
    step4_keeps_callers_id_values,
    step4_existing_bigint_rows_match_number_ids,
    step4_idempotent,
    step4_optional_scopes_table,
    step4_extra_table_fields_untouched,
    step4_frozen_parameter_and_rows,
    // Step 5: the row handed back.
    step5_returns_a_plain_copy_of_the_row,
    step5_returned_record_id_is_the_tables,
    // Malformed tables.
    invalid_tables_not_an_object,
    invalid_tables_required_table_missing_or_not_array,
    invalid_tables_scopes_table_not_array,
    invalid_tables_row_not_an_object,
    invalid_tables_bad_record_id,
    invalid_tables_bad_pair_ids,
    invalid_tables_duplicate_record_id,
    invalid_tables_throwing_getter,
    invalid_tables_with_callbacks,
    // The fault and its SOAP form.
    fault_is_an_error_with_its_fields,
    fault_soap_escapes_markup,
    fault_soap_survives_control_and_noncharacters,
    fault_soap_for_every_code,
    // Callbacks.
    callbacks_order_without_sub_tasks,
    callbacks_order_with_sub_tasks,
    callbacks_sub_task_shape,
    callbacks_set_sub_task_status_needs_add_sub_task,
    callbacks_percentages_are_monotonic_integers,
    callbacks_see_the_commit_only_at_success,
    callbacks_class_instance_and_partial_objects,
    callbacks_invalid_argument,
    callbacks_failure_reported_once,
    cancel_at_first_percentage,
    cancel_mid_progress,
    cancel_in_sub_task_callbacks,
    cancel_failure_callback_throws_too,
    success_callback_exception_is_reported_not_thrown,
    success_callback_exception_reaches_window_error,
    nested_call_from_a_callback,
    // Bugs these found were fixed; they stay as regression tests.
    bug_frozen_pairs_table_is_a_fault,
    bug_scope_ids_changed_by_a_callback,
    bug_revoked_proxy_inputs_are_faults,
    // Scale.
    smoke_100k_rows_10k_ids,
    smoke_100k_rows_invalid_last_row,
}

#[wasm_bindgen_test]
fn every_js_case_is_run() {
    let mut js = case_names();
    let mut rust: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
    js.sort();
    rust.sort();
    assert_eq!(
        js, rust,
        "tests/web/add_scopes.js cases vs the js_cases! list"
    );
}

/// The Rust signature of the export, called directly: success.
#[wasm_bindgen_test]
fn rust_api_success_without_callbacks() {
    let f = fixture(
        JsValue::from(2),
        vec![JsValue::from(40), JsValue::bigint_from_str("50")],
    );
    let tables = Reflect::get(&f, &"tables".into()).unwrap();
    let parameter = Reflect::get(&f, &"parameter".into()).unwrap();
    let row = add_scopes(tables.unchecked_ref(), parameter.unchecked_ref(), None)
        .unwrap_or_else(|e| panic!("unexpected fault: {}", describe_error(&e)));
    let row: JsValue = row.into();
    assert_eq!(
        Reflect::get(&row, &"RecordId".into()).unwrap().as_f64(),
        Some(2.0)
    );
    let pairs: Array = Reflect::get(&tables, &"ADM_DhcpScopeFailoverTable".into())
        .unwrap()
        .unchecked_into();
    assert_eq!(pairs.length(), 5);
    let scope = |i: u32| Reflect::get(&pairs.get(i), &"ScopeId".into()).unwrap();
    assert_eq!(scope(3).as_f64(), Some(40.0), "{}", show(&pairs.get(3)));
    assert!(scope(4).is_bigint(), "{}", show(&pairs.get(4)));
    assert_eq!(scope(4), JsValue::bigint_from_str("50"));
}

/// The Rust signature of the export, called directly: a fault is an IpamFault Error.
#[wasm_bindgen_test]
fn rust_api_fault_is_an_error() {
    let f = fixture(JsValue::from(3), vec![JsValue::from(40)]);
    let tables = Reflect::get(&f, &"tables".into()).unwrap();
    let parameter = Reflect::get(&f, &"parameter".into()).unwrap();
    let error = add_scopes(tables.unchecked_ref(), parameter.unchecked_ref(), None)
        .map(JsValue::from)
        .expect_err("relationship 3 does not exist");
    assert!(error.is_instance_of::<js_sys::Error>(), "{}", show(&error));
    if let Err(e) = check_fault(&error, "FAILOVER_NOT_FOUND", Some(3), "relationship 3") {
        panic!("{}", describe_error(&e));
    }
}

/// The real `addScopes` export of the generated glue, called from JavaScript.
#[wasm_bindgen_test]
async fn glue_export_behaves_as_the_contract() {
    let add_scopes = JsFuture::from(glue_add_scopes())
        .await
        .unwrap_or_else(|e| panic!("loading the glue export: {}", describe_error(&e)));
    if let Err(e) = run_glue_cases(add_scopes.unchecked_ref()) {
        panic!("{}", describe_error(&e));
    }
}
