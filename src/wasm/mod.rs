//! The wasm-bindgen binding: what JavaScript sees. Every export is the same three moves:
//! read the JavaScript values into the core's raw form, call the core, hand the result
//! (or the fault, as an `IpamFault` Error) back.

mod fault;
#[cfg(feature = "import")]
mod import;
mod js;
mod json;
mod progress;
mod read;
mod types;
mod view;
mod workspace;

use wasm_bindgen::prelude::*;

use crate::ops;
#[cfg(feature = "import")]
pub use import::{import_dhcp_js, JsImportInputs, JsImportOptions};
pub use js::{JsAddParameter, JsCallbacks, JsFailoverRow, JsRemoveParameter, JsTables};
use progress::JsProgress;
use read::{JsPairTables, Parameter};
pub use workspace::JsWorkspace;

#[wasm_bindgen(start)]
fn start() {
    // Real bugs (never bad input: that is a fault) show their message in the console.
    console_error_panic_hook::set_once();
}

/// MS-IPAMM2 3.19.4.4.1.25: adds the scopes in `parameter.ScopeIds` to the relationship
/// `parameter.Failover`, appending `{ ScopeId, FailoverRelationId }` rows to
/// `tables.ADM_DhcpScopeFailoverTable` in place, and returns a copy of the relationship's
/// row. Throws an `IpamFault`; on any fault the tables are unchanged.
#[wasm_bindgen(js_name = addScopes)]
pub fn add_scopes(
    tables: &JsTables,
    parameter: &JsAddParameter,
    callbacks: Option<JsCallbacks>,
) -> Result<JsFailoverRow, JsValue> {
    let mut port = JsProgress::new(callbacks.as_deref()).map_err(|f| fault::to_js(&f, None))?;
    let parameter = Parameter::read(parameter);
    port.set_scope_ids(parameter.scope_ids.clone());
    let mut loaded: Option<JsPairTables> = None;
    let (slot, read) = (&mut loaded, &parameter);
    let load = move || {
        // Moving the borrow in makes this FnOnce, so the loaded tables can outlive the call.
        let slot = slot;
        Ok(slot.insert(JsPairTables::load(tables, read)?))
    };
    ops::add_scopes(&parameter.raw, load, &mut port).map_err(|f| port.error_for(&f))?;
    let row = loaded
        .and_then(|t| t.returned)
        .unwrap_or(JsValue::UNDEFINED);
    Ok(row.unchecked_into())
}
