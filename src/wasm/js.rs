//! The imports: the helpers of `interop.js` and the typed handles that give the exports
//! their TypeScript names.

use js_sys::{Array, Float64Array, Uint32Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/interop.js")]
extern "C" {
    /// Values read in bulk: numbers in `a`, the others listed in `odd`, a copy in `values`.
    pub type Columns;
    #[wasm_bindgen(method, getter)]
    pub fn a(this: &Columns) -> Float64Array;
    #[wasm_bindgen(method, getter)]
    pub fn odd(this: &Columns) -> Uint32Array;
    #[wasm_bindgen(method, getter)]
    pub fn values(this: &Columns) -> Option<Array>;

    #[wasm_bindgen(js_name = kindOf)]
    pub fn kind_of(value: &JsValue) -> String;
    #[wasm_bindgen(js_name = fillColumns, catch)]
    pub fn fill_columns(
        rows: &Array,
        key_a: &str,
        key_b: Option<&str>,
        a: &mut [f64],
        b: &mut [f64],
        extras: Option<&Array>,
    ) -> Result<Uint32Array, JsValue>;
    #[wasm_bindgen(js_name = readValues, catch)]
    pub fn read_values(values: &Array) -> Result<Columns, JsValue>;
    #[wasm_bindgen(js_name = appendPairs, catch)]
    pub fn append_pairs(
        rows: &Array,
        scope_ids: &Array,
        indices: &[u32],
        relation_id: &JsValue,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = copyRow, catch)]
    pub fn copy_row(row: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = cloneRow, catch)]
    pub fn clone_row(row: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = subTask)]
    pub fn sub_task(
        id: u32,
        name: &str,
        status: &str,
        description: &str,
        scope_id: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = makeFault)]
    pub fn make_fault(
        code: &str,
        step: Option<u8>,
        exception_id: &str,
        message: &str,
        soap: &str,
        has_cause: bool,
        cause: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = reportLate)]
    pub fn report_late(error: &JsValue);
    #[wasm_bindgen(js_name = buildPairs)]
    pub fn build_pairs(
        scope_ids: &[f64],
        relation_ids: &[f64],
        special: &[u32],
        special_rows: &Array,
    ) -> Array;
}

#[wasm_bindgen]
extern "C" {
    /// `FailoverTables` in TypeScript.
    #[wasm_bindgen(typescript_type = "FailoverTables")]
    pub type JsTables;
    /// `DhcpFailoverWithScopesParameters` in TypeScript.
    #[wasm_bindgen(typescript_type = "DhcpFailoverWithScopesParameters")]
    pub type JsAddParameter;
    /// `OperationCallbacks` in TypeScript.
    #[wasm_bindgen(typescript_type = "OperationCallbacks")]
    pub type JsCallbacks;
    /// `DhcpFailoverRow` in TypeScript.
    #[wasm_bindgen(typescript_type = "DhcpFailoverRow")]
    pub type JsFailoverRow;
    /// `DhcpFailoverRemoveScopesParameters` in TypeScript.
    #[wasm_bindgen(typescript_type = "DhcpFailoverRemoveScopesParameters")]
    pub type JsRemoveParameter;
    /// `ScopeFailoverRow[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "ScopeFailoverRow[]")]
    pub type JsPairRows;
    /// `PreflightFinding[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "PreflightFinding[]")]
    pub type JsFindings;
    /// `PreflightReport` in TypeScript.
    #[wasm_bindgen(typescript_type = "PreflightReport")]
    pub type JsPreflightReport;
    /// `WorkspaceDiff` in TypeScript.
    #[wasm_bindgen(typescript_type = "WorkspaceDiff")]
    pub type JsDiff;
    /// `ChangeSetFormat` in TypeScript.
    #[wasm_bindgen(typescript_type = "ChangeSetFormat")]
    pub type JsChangeSetFormat;
    /// `ScopeQuery` in TypeScript.
    #[wasm_bindgen(typescript_type = "ScopeQuery")]
    pub type JsScopeQuery;
    /// `ScopePage` in TypeScript.
    #[wasm_bindgen(typescript_type = "ScopePage")]
    pub type JsScopePage;
    /// `SelectOperation` in TypeScript.
    #[wasm_bindgen(typescript_type = "SelectOperation")]
    pub type JsSelectOperation;
    /// `Id[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Id[]")]
    pub type JsIds;
    /// `RelationshipSummary[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "RelationshipSummary[]")]
    pub type JsRelationshipSummaries;
    /// `ServerSummary[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "ServerSummary[]")]
    pub type JsServers;
    /// `OperationOutcome` in TypeScript.
    #[wasm_bindgen(typescript_type = "OperationOutcome")]
    pub type JsOutcome;
    /// `PairCoverage[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "PairCoverage[]")]
    pub type JsCoverage;
    /// `Reconciliation` in TypeScript.
    #[wasm_bindgen(typescript_type = "Reconciliation")]
    pub type JsReconciliation;
    /// `ScopeLabel[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "ScopeLabel[]")]
    pub type JsScopeLabels;
    /// `PendingSummary` in TypeScript.
    #[wasm_bindgen(typescript_type = "PendingSummary")]
    pub type JsPendingSummary;
}
