//! The `Workspace` methods the admin page lists and selects with: built from JSON text,
//! queried by window, selected across pages. Thin: read the JavaScript values, call the
//! core, convert back.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::fault::{Fault, FaultCode};
use crate::raw::Shape;
use crate::workspace::{self, RawQuery};

use super::js::{
    JsCoverage, JsIds, JsPendingSummary, JsRelationshipSummaries, JsScopeLabels, JsScopePage,
    JsScopeQuery, JsSelectOperation, JsServers,
};
use super::json::{id_to_js, to_js};
use super::read::{at, get, raw_id, shape};
use super::workspace::{js_bytes, thrown, JsWorkspace};

fn bad(message: String) -> JsValue {
    thrown(Fault::unstepped(FaultCode::InvalidParameter, message))
}

/// An optional string member; anything else but null/undefined is refused.
fn text(object: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let value = get(object, key);
    match shape(&value) {
        s if s.is_absent() => Ok(None),
        Shape::String => Ok(value.as_string()),
        other => Err(bad(format!(
            "the query's {key} must be a string; got {other}"
        ))),
    }
}

fn number(object: &JsValue, key: &str) -> Result<Option<f64>, JsValue> {
    let value = get(object, key);
    match shape(&value) {
        s if s.is_absent() => Ok(None),
        Shape::Number => Ok(value.as_f64()),
        other => Err(bad(format!(
            "the query's {key} must be a number; got {other}"
        ))),
    }
}

fn read_query(query: &JsValue) -> Result<workspace::Query, JsValue> {
    match shape(query) {
        s if s.is_absent() => return Ok(workspace::Query::default()),
        Shape::Object => {}
        other => return Err(bad(format!("the query must be an object; got {other}"))),
    }
    let relationship = get(query, "relationship");
    let relationship = match shape(&relationship) {
        s if s.is_absent() => None,
        _ => Some(
            raw_id(&relationship)
                .to_id()
                .map_err(|why| bad(format!("the query's relationship: {why}")))?,
        ),
    };
    let raw = RawQuery {
        text: text(query, "text")?,
        prefix: text(query, "prefix")?,
        server: text(query, "server")?,
        membership: text(query, "membership")?,
        relationship,
        sort: text(query, "sort")?,
        descending: get(query, "descending").is_truthy(),
        offset: number(query, "offset")?,
        limit: number(query, "limit")?,
    };
    raw.validate().map_err(thrown)
}

fn read_ids(value: &JsValue) -> Result<Vec<i64>, JsValue> {
    if !Array::is_array(value) {
        return Err(bad(format!(
            "the selection's ids must be an array; got {}",
            shape(value)
        )));
    }
    let length = get(value, "length").as_f64().unwrap_or(0.0) as u32;
    (0..length)
        .map(|i| {
            raw_id(&at(value, i))
                .to_id()
                .map_err(|why| bad(format!("ids[{i}]: {why}")))
        })
        .collect()
}

fn ids_to_js(ids: &[i64]) -> Array {
    ids.iter().map(|id| id_to_js(*id)).collect()
}

#[wasm_bindgen(js_class = Workspace)]
impl JsWorkspace {
    /// A working copy of tables given as JSON text (the shape `addScopes` takes), parsed in
    /// wasm: no JavaScript copy of the tables is made. Throws INVALID_TABLE.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<JsWorkspace, JsValue> {
        let text = text.as_string().ok_or_else(|| {
            thrown(Fault::invalid_table(
                "the tables must be given as a string of JSON text",
            ))
        })?;
        let inner = workspace::Workspace::from_string(text).map_err(thrown)?;
        Ok(JsWorkspace { inner })
    }

    /// A working copy of tables given as a file's bytes (a Uint8Array or an ArrayBuffer):
    /// UTF-8 read where it lies once copied into wasm (no JavaScript string of the file is
    /// made), UTF-16 with a byte order mark decoded. Throws INVALID_TABLE, naming the byte
    /// offset when the bytes are not text.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: &JsValue,
    ) -> Result<JsWorkspace, JsValue> {
        let bytes = js_bytes(bytes).ok_or_else(|| {
            thrown(Fault::invalid_table(
                "the tables file must be bytes (a Uint8Array or an ArrayBuffer)",
            ))
        })?;
        let inner = workspace::Workspace::from_bytes(bytes).map_err(thrown)?;
        Ok(JsWorkspace { inner })
    }

    /// How many scopes the working copy lists.
    #[wasm_bindgen(getter, js_name = scopeCount)]
    pub fn scope_count(&self) -> u32 {
        self.inner.view().len() as u32
    }

    /// A window of the listed scopes that match `query`, with the total count.
    #[wasm_bindgen(js_name = queryScopes)]
    pub fn query_scopes(&mut self, query: &JsScopeQuery) -> Result<JsScopePage, JsValue> {
        let query = read_query(query)?;
        Ok(to_js(&self.inner.scope_page(&query)).unchecked_into())
    }

    /// Changes the selection; returns how many scopes are selected.
    pub fn select(&mut self, operation: &JsSelectOperation) -> Result<u32, JsValue> {
        if shape(operation) != Shape::Object {
            return Err(bad(format!(
                "the selection operation must be an object; got {}",
                shape(operation)
            )));
        }
        let mode = get(operation, "mode").as_string().unwrap_or_default();
        match mode.as_str() {
            "set" | "unset" | "toggle" => {
                let ids = read_ids(&get(operation, "ids"))?;
                let on = match mode.as_str() {
                    "set" => Some(true),
                    "unset" => Some(false),
                    _ => None,
                };
                self.inner.view_mut().select_ids(&ids, on);
            }
            "matching" => {
                let query = read_query(&get(operation, "query"))?;
                let on = !get(operation, "unset").is_truthy();
                self.inner.select_matching(&query, on);
            }
            "clear" => self.inner.view_mut().clear_selection(),
            other => {
                return Err(bad(format!(
                    "the selection mode must be \"set\", \"unset\", \"toggle\", \"matching\" or \"clear\"; got {}",
                    crate::raw::quote(other)
                )))
            }
        }
        Ok(self.inner.view().selection_count() as u32)
    }

    /// How many scopes are selected.
    #[wasm_bindgen(getter, js_name = selectionCount)]
    pub fn selection_count(&self) -> u32 {
        self.inner.view().selection_count() as u32
    }

    /// The selected scope ids, in table order.
    #[wasm_bindgen(js_name = selectedScopeIds)]
    pub fn selected_scope_ids(&self) -> JsIds {
        ids_to_js(&self.inner.view().selected_ids()).unchecked_into()
    }

    /// How the page labels these scopes ("name address", or "scope N"), in the order asked.
    #[wasm_bindgen(js_name = scopeLabels)]
    pub fn scope_labels(&self, ids: &JsIds) -> Result<JsScopeLabels, JsValue> {
        let ids = read_ids(ids)?;
        Ok(to_js(&self.inner.scope_labels(&ids)).unchecked_into())
    }

    /// Every relationship with its member and pending counts.
    #[wasm_bindgen(js_name = relationshipSummary)]
    pub fn relationship_summary(&self) -> JsRelationshipSummaries {
        to_js(&self.inner.relationship_summary()).unchecked_into()
    }

    /// The servers that host listed scopes or serve a relationship.
    pub fn servers(&self) -> JsServers {
        to_js(&self.inner.servers_json()).unchecked_into()
    }

    /// Coverage per server pair: scopes on the pair's servers in a relationship of the
    /// pair, in none, or elsewhere.
    pub fn coverage(&mut self) -> JsCoverage {
        to_js(&self.inner.coverage()).unchecked_into()
    }

    /// The numbers of `coverage()` alone: `scopes, covered, uncovered, elsewhere` per
    /// pair, in the same order. Kept as changes happen, so it costs what changed.
    #[wasm_bindgen(js_name = coverageNumbers)]
    pub fn coverage_numbers(&mut self) -> Vec<u32> {
        self.inner.coverage_numbers()
    }

    /// The numbers of `relationshipSummary()` that changes change: `members, added,
    /// removed` per relationship, in the same order.
    #[wasm_bindgen(js_name = relationshipNumbers)]
    pub fn relationship_numbers(&self) -> Vec<u32> {
        self.inner.relationship_numbers()
    }

    /// How many listed scopes are in at least one relationship (kept as changes happen).
    #[wasm_bindgen(getter, js_name = inAnyCount)]
    pub fn in_any_count(&mut self) -> u32 {
        u32::try_from(self.inner.in_any_count()).unwrap_or(u32::MAX)
    }

    /// For each of `ids`, 1 if the last `addScopes` or `removeScopes` changed it, else 0:
    /// the per-scope result of a few scopes without the whole outcome.
    #[wasm_bindgen(js_name = outcomeOf)]
    pub fn outcome_of(&self, ids: &JsIds) -> Result<Vec<u8>, JsValue> {
        Ok(self.inner.outcome_flags(&read_ids(ids)?))
    }

    /// `[changed, unchanged]`: how many scopes the last `addScopes` or `removeScopes`
    /// changed and left unchanged (`lastOutcome()`'s lengths, without the ids).
    #[wasm_bindgen(js_name = lastOutcomeCounts)]
    pub fn last_outcome_counts(&self) -> Vec<u32> {
        let (changed, unchanged) = self.inner.outcome_counts();
        [changed, unchanged]
            .iter()
            .map(|n| u32::try_from(*n).unwrap_or(u32::MAX))
            .collect()
    }

    /// The pending changes: counts, per relationship, and at most `limit` pairs each way.
    #[wasm_bindgen(js_name = pendingSummary)]
    pub fn pending_summary(&self, limit: u32) -> JsPendingSummary {
        to_js(&self.inner.pending_summary(limit as usize)).unchecked_into()
    }
}
