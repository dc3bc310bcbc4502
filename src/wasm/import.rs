//! `importDhcp`: files admins have (the collection, raw ConvertTo-Json, Export-DhcpServer
//! XML) into the tables, with servers and drift findings. Compiled only with the `import`
//! feature, into the second module the page loads when an import is first asked for.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::fault::{Fault, FaultCode};
use crate::import::{import_dhcp_rows_each, Input};
use crate::raw::Shape;

use super::json::to_js;
use super::read::{at, get, shape};
use super::workspace::thrown;

#[wasm_bindgen]
extern "C" {
    /// `ImportInput[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "ImportInput[]")]
    pub type JsImportInputs;
    /// `ImportOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "ImportOptions")]
    pub type JsImportOptions;
    /// `ImportResult` in TypeScript.
    #[wasm_bindgen(typescript_type = "ImportResult")]
    pub type JsImportResult;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_IMPORT: &'static str = r#"
/** One file to import: its name, its raw bytes, and the DHCP server it came from when the file does not say. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
  server?: string | null;
}

/** A drift finding: where the DHCP servers disagree with each other. */
export interface DriftFinding {
  kind:
    | "server-unreachable" | "partner-not-collected" | "relationship-one-sided" | "relationship-mismatch"
    | "scope-membership-mismatch" | "member-scope-missing" | "scope-on-both-partners" | "duplicate-input";
  severity: "error" | "warning";
  server: string | null;
  partner: string | null;
  relationship: string | null;
  scope: string | null;
  message: string;
}

/** How importDhcp hands the tables back. */
export interface ImportOptions {
  /** The tables as JSON text (`tablesText`, for `Workspace.fromText`) instead of objects. */
  tablesAsText?: boolean;
  /** The tables as that text's UTF-8 bytes (`tablesBytes`, for `Workspace.fromBytes`); wins over `tablesAsText`. */
  tablesAsBytes?: boolean;
}

/** What importDhcp read. */
export interface ImportResult {
  /** Absent with `tablesAsText` or `tablesAsBytes`. */
  tables?: FailoverTables;
  /** With `tablesAsText`: the tables as JSON text. */
  tablesText?: string;
  /** With `tablesAsBytes`: the same text as UTF-8 bytes. */
  tablesBytes?: Uint8Array;
  servers: { name: string; ip: string | null; sources: string[]; scopes: number | null; relationships: number; error: string | null }[];
  findings: DriftFinding[];
  files: { name: string; kind: "collection" | "failover-json" | "scope-json" | "export-xml"; server: string | null; scopes: number; relationships: number }[];
  /** What the tables hold, as a working copy of them would list it: no copy needs building to show it. */
  overview: {
    relationships: { name: string; mode: string | null; server1: string | null; server2: string | null; members: number }[];
    scopes: number;
    pairs: number;
  };
}
"#;

fn bad(message: String) -> JsValue {
    thrown(Fault::unstepped(FaultCode::InvalidImport, message))
}

/// An input whose shape has been checked; its bytes are still JavaScript's.
struct JsInput {
    name: String,
    bytes: Uint8Array,
    server: Option<String>,
}

impl JsInput {
    /// The input with its bytes copied into wasm memory: done one file at a time, as the
    /// import reads it, so only one file's bytes are ever here (`import_dhcp_rows_each`).
    fn into_input(self) -> Input {
        Input {
            name: self.name,
            bytes: self.bytes.to_vec(),
            server: self.server,
        }
    }
}

/// Checks every input's shape (before any file is read, so a bad call is refused at once).
fn read_inputs(inputs: &JsValue) -> Result<Vec<JsInput>, JsValue> {
    if !Array::is_array(inputs) {
        return Err(bad(format!(
            "importDhcp takes an array of {{ name, bytes, server? }}; got {}",
            shape(inputs)
        )));
    }
    let length = get(inputs, "length").as_f64().unwrap_or(0.0) as u32;
    (0..length)
        .map(|i| {
            let input = at(inputs, i);
            if shape(&input) != Shape::Object {
                return Err(bad(format!(
                    "input {i} must be an object {{ name, bytes, server? }}; got {}",
                    shape(&input)
                )));
            }
            let name = get(&input, "name")
                .as_string()
                .ok_or_else(|| bad(format!("input {i} has no name (a string)")))?;
            let bytes = get(&input, "bytes");
            let Some(bytes) = bytes.dyn_ref::<Uint8Array>() else {
                return Err(bad(format!("the bytes of \"{name}\" must be a Uint8Array")));
            };
            let server = get(&input, "server");
            let server = match shape(&server) {
                s if s.is_absent() => None,
                Shape::String => server.as_string().filter(|s| !s.trim().is_empty()),
                other => {
                    return Err(bad(format!(
                        "the server of \"{name}\" must be a string; got {other}"
                    )))
                }
            };
            Ok(JsInput {
                name,
                bytes: bytes.clone(),
                server,
            })
        })
        .collect()
}

/// Reads the files into `{ tables, servers, findings, files, overview }`; throws INVALID_IMPORT
/// naming the file and the place in it. With `{ tablesAsText: true }` the tables come as
/// `tablesText`, JSON text for `Workspace.fromText`; with `{ tablesAsBytes: true }` as
/// `tablesBytes`, the same text's UTF-8 bytes in a Uint8Array of its own, for
/// `Workspace.fromBytes` (no JavaScript string or objects of the tables are made: what a page
/// that moves them to its working copy in another worker wants).
#[wasm_bindgen(js_name = importDhcp)]
pub fn import_dhcp_js(
    inputs: &JsImportInputs,
    options: Option<JsImportOptions>,
) -> Result<JsImportResult, JsValue> {
    let option = |key: &str| options.as_ref().is_some_and(|o| get(o, key).is_truthy());
    let (as_bytes, as_text) = (option("tablesAsBytes"), option("tablesAsText"));
    let inputs = read_inputs(inputs)?;
    let imported =
        import_dhcp_rows_each(inputs.into_iter().map(JsInput::into_input)).map_err(thrown)?;
    if as_bytes {
        let out = to_js(&imported.report_json());
        let bytes = Uint8Array::from(imported.tables_text().as_bytes());
        js_sys::Reflect::set(&out, &JsValue::from_str("tablesBytes"), &bytes)?;
        return Ok(out.unchecked_into());
    }
    let out = if as_text {
        // Written from the rows: the tables never become a JSON value.
        imported.to_json_with_tables_text()
    } else {
        imported.into_json()
    };
    Ok(to_js(&out).unchecked_into())
}
