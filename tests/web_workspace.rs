//! In-browser tests of the `Workspace` class: what a JavaScript caller observes.
//!
//! The cases live in `tests/web/workspace.js` and use the class exactly as a page does,
//! through the generated glue module (which wasm-bindgen-test-runner serves as
//! `/wasm-bindgen-test`). Run with `wasm-pack test --headless --chrome -- --test web_workspace`.
#![cfg(all(target_arch = "wasm32", feature = "js-tables", feature = "export"))]

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/web/workspace.js")]
extern "C" {
    #[wasm_bindgen(js_name = runCase)]
    fn run_case(name: &str) -> Promise;
}

async fn case(name: &str) {
    if let Err(e) = JsFuture::from(run_case(name)).await {
        let text = js_sys::JSON::stringify(&e)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or(text);
        panic!("{name}: {message}");
    }
}

/// Calls the class from Rust too: this also links the crate, whose exports the glue (and
/// so the JavaScript cases) then carries.
#[wasm_bindgen_test]
fn from_json_refuses_text_that_is_not_a_snapshot_from_rust() {
    let Err(e) = ipam_failover::wasm::JsWorkspace::from_json(&JsValue::from_str("[1]")) else {
        panic!("fromJSON accepted [1]");
    };
    let code = js_sys::Reflect::get(&e, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("INVALID_SNAPSHOT"));
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {$(
        #[wasm_bindgen_test]
        async fn $name() {
            case(stringify!($name)).await;
        }
    )*};
}

cases!(
    constructor_copies_the_tables,
    constructor_refuses_malformed_tables,
    add_follows_the_add_contract,
    add_faults_and_cancel_leave_the_copy_unchanged,
    remove_with_and_without_failover,
    remove_faults,
    preflight_reports_findings_and_changes_nothing,
    preflight_report_counts_groups_and_can_be_cancelled,
    undo_redo_sequence,
    diff_counts_per_relationship,
    tables_keep_fields_and_id_types,
    snapshot_round_trips_exactly,
    damaged_snapshots_are_refused,
    packed_copies_round_trip_and_damage_is_refused,
    exports_write_each_format,
    tables_text_is_what_json_stringify_writes_of_the_tables,
    repeated_operations_on_a_large_copy,
    from_text_builds_the_same_copy,
    query_scopes_filters_sorts_and_windows,
    selection_feeds_add_and_outcome,
);
