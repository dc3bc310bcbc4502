//! The wasm-bindgen binding: what JavaScript sees. Every export is the same three moves:
//! read the JavaScript values into the core's raw form, call the core, hand the result
//! (or the fault, as an `IpamFault` Error) back.

#[cfg(feature = "export")]
mod export;
mod fault;
#[cfg(feature = "import")]
mod import;
mod js;
mod json;
#[cfg(feature = "js-tables")]
mod object_tables;
#[cfg(feature = "export")]
mod outputs;
mod progress;
mod read;
mod types;
mod view;
mod workspace;

use wasm_bindgen::prelude::*;

#[cfg(feature = "import")]
pub use import::{import_dhcp_js, JsImportInputs, JsImportOptions};
pub use js::{JsAddParameter, JsCallbacks, JsFailoverRow, JsRemoveParameter, JsTables};
#[cfg(feature = "js-tables")]
pub use object_tables::add_scopes;
pub use workspace::JsWorkspace;

#[wasm_bindgen(start)]
fn start() {
    // Real bugs (never bad input: that is a fault) show their message in the console.
    console_error_panic_hook::set_once();
}
