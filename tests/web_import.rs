//! In-browser tests of `importDhcp` and `Workspace.reconcile` through the generated glue,
//! on the fixture files of `tests/fixtures/dhcp/` (handed to the cases as bytes). Needs the
//! `import` feature: `wasm-pack test --headless --chrome --features import -- --test web_import`.
#![cfg(all(target_arch = "wasm32", feature = "import"))]

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/web/import.js")]
extern "C" {
    #[wasm_bindgen(js_name = runCase)]
    fn run_case(name: &str, files: &JsValue) -> Promise;
}

const FILES: [(&str, &[u8]); 9] = [
    (
        "collection-before.json",
        include_bytes!("fixtures/dhcp/collection-before.json"),
    ),
    (
        "collection-after.json",
        include_bytes!("fixtures/dhcp/collection-after.json"),
    ),
    (
        "export-mlm-01.xml",
        include_bytes!("fixtures/dhcp/export-mlm-01.xml"),
    ),
    (
        "ps51-failover-hq-01.json",
        include_bytes!("fixtures/dhcp/ps51-failover-hq-01.json"),
    ),
    (
        "ps51-failover-mlm-01.utf16le.json",
        include_bytes!("fixtures/dhcp/ps51-failover-mlm-01.utf16le.json"),
    ),
    (
        "ps51-scopes-hq-01.json",
        include_bytes!("fixtures/dhcp/ps51-scopes-hq-01.json"),
    ),
    (
        "ps7-failover-hq-02.json",
        include_bytes!("fixtures/dhcp/ps7-failover-hq-02.json"),
    ),
    (
        "ps7-scopes-hq-02.json",
        include_bytes!("fixtures/dhcp/ps7-scopes-hq-02.json"),
    ),
    (
        "make_fixtures.py",
        include_bytes!("fixtures/dhcp/make_fixtures.py"),
    ),
];

async fn case(name: &str) {
    let files = Object::new();
    for (file, bytes) in FILES {
        let _ = Reflect::set(&files, &file.into(), &Uint8Array::from(bytes));
    }
    if let Err(e) = JsFuture::from(run_case(name, &files)).await {
        let message = Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        panic!("{name}: {message}");
    }
}

/// Calls the export from Rust too: this links it, so the glue (and the cases) carry it.
#[wasm_bindgen_test]
fn import_refuses_a_value_that_is_not_an_array_from_rust() {
    let Err(e) = ipam_failover::wasm::import_dhcp_js(JsValue::from_str("x").unchecked_ref(), None)
    else {
        panic!("importDhcp accepted a string");
    };
    let code = Reflect::get(&e, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("INVALID_IMPORT"));
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
    imports_the_collection_into_tables_a_workspace_takes,
    raw_powershell_and_xml_files_import_with_their_servers,
    bad_inputs_are_refused_with_the_file_and_place,
    reconcile_reports_applied_not_applied_conflict_and_unplanned,
);
