//! The whole-copy outputs (the `export` feature): the working tables (as JavaScript
//! values, or as indented JSON text in pieces), the pending pairs, the findings of a
//! preflight, the last outcome and the JSON snapshot, each written whole. The page's first
//! module leaves them out (the page shows windows and counts instead); its worker asks the
//! on-demand module for them, from a copy rebuilt with `Workspace.fromPacked(ws.toPacked())`.

use js_sys::Array;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::fault::{Fault, FaultCode};
use crate::raw::MAX_SAFE_INTEGER;
use crate::tables::{
    keyed_json, pair_json, ScopeFailoverRow, FAILOVER_TABLE, SCOPES_TABLE, SCOPE_FAILOVER_TABLE,
};
use crate::workspace;

use super::js::{build_pairs, JsAddParameter, JsDiff, JsFindings, JsOutcome, JsPairRows, JsTables};
use super::json::to_js as to_js_value;
use super::read::Parameter;
use super::workspace::{hand_out, thrown, JsWorkspace};

#[wasm_bindgen(js_class = Workspace)]
impl JsWorkspace {
    /// What the DHCP servers would say if this add were sent to them; changes nothing.
    pub fn preflight(&self, parameter: &JsAddParameter) -> Result<JsFindings, JsValue> {
        let parameter = Parameter::read(parameter);
        let findings = self.inner.preflight(&parameter.raw).map_err(thrown)?;
        let out: Vec<Value> = findings.iter().map(|f| f.to_json()).collect();
        Ok(to_js_value(&Value::Array(out)).unchecked_into())
    }

    /// Pairs added and removed against the loaded tables, with per-relationship counts.
    pub fn diff(&self) -> JsDiff {
        to_js_value(&self.inner.diff().to_json()).unchecked_into()
    }

    /// The working copy as plain tables, in the shape `addScopes` takes.
    pub fn tables(&self) -> JsTables {
        write_tables(self.inner.store()).unchecked_into()
    }

    /// The working tables as JSON text indented by two spaces (the layout of
    /// `JSON.stringify(ws.tables(), null, 2)`, ids beyond 2^53 digit for digit), handed to
    /// `put` in pieces of about a megabyte, in order (each a string of its own); returns how
    /// many. Written from the rows as kept: no JavaScript object per row. An exception from
    /// `put` stops the writing and is thrown on.
    #[wasm_bindgen(js_name = writeTablesText)]
    pub fn write_tables_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(piece: string) => void")] put: &js_sys::Function,
    ) -> Result<u32, JsValue> {
        hand_out(put, |give| {
            self.inner
                .write_tables_text(&mut |piece| give(JsValue::from_str(piece)))
        })
    }

    /// Just the working ADM_DhcpScopeFailoverTable: what changes, without copying the rest.
    #[wasm_bindgen(js_name = pairTable)]
    pub fn pair_table(&self) -> JsPairRows {
        write_pairs(self.inner.store().pairs()).unchecked_into()
    }

    /// The working copy (loaded tables, changes, undo history) as JSON text.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Reads a working copy written by `toJSON`; throws INVALID_SNAPSHOT when it cannot.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<JsWorkspace, JsValue> {
        let text = text.as_string().ok_or_else(|| {
            thrown(Fault::unstepped(
                FaultCode::InvalidSnapshot,
                "the saved working copy must be a string of JSON text",
            ))
        })?;
        let inner = workspace::Workspace::from_json(&text).map_err(thrown)?;
        Ok(JsWorkspace { inner })
    }

    /// What the last `addScopes` or `removeScopes` did, per scope.
    #[wasm_bindgen(js_name = lastOutcome)]
    pub fn last_outcome(&self) -> JsOutcome {
        to_js_value(&self.inner.last_outcome_json()).unchecked_into()
    }
}

fn safe(id: i64) -> bool {
    id.abs() <= MAX_SAFE_INTEGER
}

/// Writes the working tables back to JavaScript straight from the store: the
/// scope-failover table in bulk, the other two through JSON.
fn write_tables(store: &workspace::Store) -> JsValue {
    let keyed = |rows: &mut dyn Iterator<Item = (i64, &Map<String, Value>)>| -> JsValue {
        to_js_value(&Value::Array(
            rows.map(|(id, f)| keyed_json(id, f)).collect(),
        ))
    };
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), value);
    };
    set(
        FAILOVER_TABLE,
        &keyed(&mut store.failovers().iter().map(|r| (r.record_id, &r.fields))),
    );
    set(SCOPE_FAILOVER_TABLE, &write_pairs(store.pairs()).into());
    if let Some(scopes) = store.scope_rows() {
        // Row by row, so the parsed fields of only one row exist at a time.
        let rows = Array::new();
        for row in scopes {
            rows.push(&to_js_value(&keyed_json(row.record_id, &row.fields)));
        }
        set(SCOPES_TABLE, &rows.into());
    }
    out.into()
}

/// Scope-failover rows as JavaScript objects, built in bulk; rows with extra fields or
/// ids beyond the safe range go through JSON.
fn write_pairs(rows: impl Iterator<Item = ScopeFailoverRow>) -> Array {
    let mut scope_ids = Vec::new();
    let mut relation_ids = Vec::new();
    let mut special = Vec::new();
    let special_rows = Array::new();
    for (i, row) in rows.enumerate() {
        scope_ids.push(row.scope_id as f64);
        relation_ids.push(row.relation_id as f64);
        if !row.extra.is_empty() || !safe(row.scope_id) || !safe(row.relation_id) {
            special.push(i as u32);
            special_rows.push(&to_js_value(&pair_json(&row)));
        }
    }
    build_pairs(&scope_ids, &relation_ids, &special, &special_rows)
}
