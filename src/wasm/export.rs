//! `Workspace.exportChangeSet` (the `export` feature): the pending changes as JSON, CSV or
//! a PowerShell script. The page's first module leaves it out; the page exports through
//! the on-demand module, from a copy rebuilt with `Workspace.fromJSON(ws.toJSON())`.

use wasm_bindgen::prelude::*;

use super::js::JsChangeSetFormat;
use super::workspace::{thrown, JsWorkspace};

#[wasm_bindgen(js_class = Workspace)]
impl JsWorkspace {
    /// The pending changes as text: `"json"`, `"csv"` or `"powershell"`.
    #[wasm_bindgen(js_name = exportChangeSet)]
    pub fn export_change_set(&self, format: &JsChangeSetFormat) -> Result<String, JsValue> {
        // A format that is not a string is refused like any unknown one.
        let format = format.as_string().unwrap_or_default();
        self.inner.export_change_set(&format).map_err(thrown)
    }
}
