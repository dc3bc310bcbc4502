//! Tables given as JavaScript objects (the `js-tables` feature): the stateless
//! `addScopes(tables, parameter, callbacks)`, which appends to the caller's own arrays, and
//! `new Workspace(tables)`, which copies them. The page builds its working copy from JSON
//! text instead (`Workspace.fromText`), so its first module leaves these readers out.

use js_sys::Array;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::fault::Fault;
use crate::ops;
use crate::raw::Shape;
use crate::tables::{
    not_a_table, not_tables, read_id, row_not_object, FailoverTables, PairColumns, RawCell, Staged,
    Tables, FAILOVER_TABLE, SCOPES_TABLE, SCOPE_FAILOVER_TABLE,
};
use crate::workspace;

use super::fault;
use super::js::{
    append_pairs, clone_row, copy_row, fill_columns, JsAddParameter, JsCallbacks, JsFailoverRow,
    JsTables,
};
use super::progress::JsProgress;
use super::read::{at, get, is_object, raw_id, shape, Parameter};
use super::workspace::{thrown, JsWorkspace};

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

#[wasm_bindgen(js_class = Workspace)]
impl JsWorkspace {
    /// Copies and indexes `tables` (same shapes and INVALID_TABLE rules as `addScopes`);
    /// later changes to the caller's arrays do not affect the copy.
    #[wasm_bindgen(constructor)]
    pub fn new(tables: &JsTables) -> Result<JsWorkspace, JsValue> {
        let (tables, columns) = read_table_parts(tables).map_err(thrown)?;
        Ok(JsWorkspace {
            inner: workspace::Workspace::from_columns(
                tables,
                columns.scope_ids,
                columns.relation_ids,
                columns.extras,
            ),
        })
    }
}

/// ADM_DhcpScopeFailoverTable as read in bulk: the two id columns, and the other fields of
/// the rows that have any, by row number, ascending.
pub(super) struct PairParts {
    scope_ids: Vec<i64>,
    relation_ids: Vec<i64>,
    extras: Vec<(usize, Map<String, Value>)>,
}

/// Reads the tables: the small ones through serde, the scope-failover table in bulk.
#[cfg(feature = "import")]
pub(super) fn read_tables(tables: &JsValue) -> Result<Tables, Fault> {
    let (mut out, pairs) = read_table_parts(tables)?;
    out.scope_failovers =
        crate::tables::rows_from_columns(&pairs.scope_ids, &pairs.relation_ids, pairs.extras)
            .collect();
    Ok(out)
}

/// The tables without their scope-failover rows, and those rows in columns.
fn read_table_parts(tables: &JsValue) -> Result<(Tables, PairParts), Fault> {
    check_tables_object(tables)?;
    let failovers = table(tables, FAILOVER_TABLE, true)?.unwrap_or_default();
    let pairs = table(tables, SCOPE_FAILOVER_TABLE, true)?.unwrap_or_default();
    let scopes = table(tables, SCOPES_TABLE, false)?;
    let mut json = Map::new();
    json.insert(
        FAILOVER_TABLE.into(),
        rows_json(FAILOVER_TABLE, &failovers)?,
    );
    json.insert(SCOPE_FAILOVER_TABLE.into(), Value::Array(Vec::new()));
    if let Some(scopes) = &scopes {
        json.insert(SCOPES_TABLE.into(), rows_json(SCOPES_TABLE, scopes)?);
    }
    let out = Tables::from_json(&Value::Object(json))?;
    // The rows with other fields are found in the same pass that reads the ids.
    let with_extras = Array::new();
    let (scope_ids, relation_ids) = id_columns(
        SCOPE_FAILOVER_TABLE,
        &pairs,
        "ScopeId",
        Some("FailoverRelationId"),
        Some(&with_extras),
    )?;
    let mut extras = Vec::new();
    for i in with_extras.iter().filter_map(|i| i.as_f64()) {
        let i = i as u32;
        let value = row_json(SCOPE_FAILOVER_TABLE, i as usize, &at(&pairs, i))?;
        if let Value::Object(mut fields) = value {
            fields.shift_remove("ScopeId");
            fields.shift_remove("FailoverRelationId");
            if !fields.is_empty() && (i as usize) < scope_ids.len() {
                extras.push((i as usize, fields));
            }
        }
    }
    extras.sort_by_key(|(i, _)| *i);
    extras.dedup_by_key(|(i, _)| *i);
    Ok((
        out,
        PairParts {
            scope_ids,
            relation_ids,
            extras,
        },
    ))
}

/// A row as JSON, read through a plain-data clone so no getter or Proxy trap runs inside
/// the conversion.
fn row_json(table: &str, index: usize, row: &JsValue) -> Result<Value, Fault> {
    let cannot =
        |why: String| Fault::invalid_table(format!("{table}[{index}] cannot be read: {why}"));
    let clone = clone_row(row).map_err(|e| cannot(message_of(&e)))?;
    serde_wasm_bindgen::from_value(clone).map_err(|e| cannot(e.to_string()))
}

fn rows_json(table: &str, rows: &Array) -> Result<Value, Fault> {
    // The length is read guarded too: a Proxy's trap may throw.
    let length = super::read::get(rows, "length").as_f64().unwrap_or(0.0) as u32;
    (0..length)
        .map(|i| {
            let row = at(rows, i);
            match shape(&row) {
                Shape::Object | Shape::Instance | Shape::Array => row_json(table, i as usize, &row),
                other => Err(row_not_object(table, i as usize, other)),
            }
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// The caller's tables, read for the stateless `addScopes`: the id columns are copied and
/// checked; the commit appends to the caller's own ADM_DhcpScopeFailoverTable array.
pub struct JsPairTables {
    columns: PairColumns,
    failover_rows: Array,
    pair_rows: Array,
    scope_ids: Array,
    relation_id: JsValue,
    /// The copy of the relationship's row that step 5 hands back, made during the commit.
    pub returned: Option<JsValue>,
}

impl JsPairTables {
    /// Reads and checks `tables`; `param` supplies the values the commit appends.
    pub fn load(tables: &JsValue, param: &Parameter) -> Result<JsPairTables, Fault> {
        check_tables_object(tables)?;
        let failover_rows = table(tables, FAILOVER_TABLE, true)?.unwrap_or_default();
        let pair_rows = table(tables, SCOPE_FAILOVER_TABLE, true)?.unwrap_or_default();
        let failover_ids = id_column(FAILOVER_TABLE, &failover_rows, "RecordId")?;
        let (scope_ids, relation_ids) = pair_columns(&pair_rows)?;
        if let Some(scopes) = table(tables, SCOPES_TABLE, false)? {
            let ids = id_column(SCOPES_TABLE, &scopes, "RecordId")?;
            crate::tables::check_unique(SCOPES_TABLE, &ids)?;
        }
        Ok(JsPairTables {
            columns: PairColumns::new(failover_ids, scope_ids, relation_ids)?,
            failover_rows,
            pair_rows,
            scope_ids: param.scope_ids.clone().unwrap_or_default(),
            relation_id: param.failover_id.clone(),
            returned: None,
        })
    }
}

impl FailoverTables for JsPairTables {
    fn failover_position(&self, record_id: i64) -> Option<usize> {
        self.columns.failover_position(record_id)
    }
    fn present(&mut self, relation_id: i64, scope_ids: &[i64]) -> Vec<bool> {
        self.columns.present(relation_id, scope_ids)
    }
    fn append_pairs(&mut self, relation_id: i64, added: &[Staged]) -> Result<(), Fault> {
        // Copy the row step 5 returns first: a row that cannot be read must fail the
        // operation before anything is appended.
        let position = self.columns.failover_position(relation_id).unwrap_or(0);
        let row = at(&self.failover_rows, position as u32);
        let copy = copy_row(&row).map_err(|e| {
            Fault::invalid_table(format!(
                "{FAILOVER_TABLE}[{position}] cannot be read: {}",
                message_of(&e)
            ))
        })?;
        let indices: Vec<u32> = added.iter().map(|s| s.request_index as u32).collect();
        append_pairs(
            &self.pair_rows,
            &self.scope_ids,
            &indices,
            &self.relation_id,
        )
        .map_err(|e| {
            Fault::invalid_table(format!(
                "{SCOPE_FAILOVER_TABLE} refused the new rows ({}); nothing was appended",
                message_of(&e)
            ))
        })?;
        self.returned = Some(copy);
        Ok(())
    }
}

/// One required id column of a table, checked.
fn id_column(table: &str, rows: &Array, key: &str) -> Result<Vec<i64>, Fault> {
    id_columns(table, rows, key, None, None).map(|(ids, _)| ids)
}

/// One or two required id columns of a table, checked. JavaScript writes the safe-integer
/// cells straight into wasm memory and lists the other rows, which are classified here one
/// by one; the first bad cell, in row order, is the fault. With `extras`, the numbers of
/// the rows that have other keys are pushed to it in the same pass.
fn id_columns(
    table: &str,
    rows: &Array,
    key_a: &str,
    key_b: Option<&str>,
    extras: Option<&Array>,
) -> Result<(Vec<i64>, Vec<i64>), Fault> {
    let n = get(rows, "length").as_f64().unwrap_or(0.0) as usize;
    let mut a = vec![0f64; n];
    let mut b = vec![0f64; if key_b.is_some() { n } else { 0 }];
    let odd = fill_columns(rows, key_a, key_b, &mut a, &mut b, extras)
        .map_err(|e| threw(table, &e))?
        .to_vec();
    // Same size and alignment: these collect in place.
    let mut a: Vec<i64> = a.into_iter().map(|x| x as i64).collect();
    let mut b: Vec<i64> = b.into_iter().map(|x| x as i64).collect();
    for i in odd {
        let row = at(rows, i);
        let row_shape = shape(&row);
        let cell = |key: &str| {
            if is_object(row_shape) || row_shape == Shape::Array {
                RawCell::Value(raw_id(&get(&row, key)))
            } else {
                RawCell::RowNotObject(row_shape)
            }
        };
        let i = i as usize;
        a[i] = read_id(table, i, key_a, &cell(key_a))?;
        if let Some(key_b) = key_b {
            b[i] = read_id(table, i, key_b, &cell(key_b))?;
        }
    }
    Ok((a, b))
}

/// The message of a thrown value, for a fault's text.
pub fn message_of(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "an exception".into())
}

fn threw(table: &str, error: &JsValue) -> Fault {
    Fault::invalid_table(format!("reading {table} threw: {}", message_of(error)))
}

/// The two id columns of ADM_DhcpScopeFailoverTable, checked.
pub fn pair_columns(pair_rows: &Array) -> Result<(Vec<i64>, Vec<i64>), Fault> {
    id_columns(
        SCOPE_FAILOVER_TABLE,
        pair_rows,
        "ScopeId",
        Some("FailoverRelationId"),
        None,
    )
}

/// Checks that `tables` is an object; returns its shape's fault otherwise.
pub fn check_tables_object(tables: &JsValue) -> Result<(), Fault> {
    let tables_shape = shape(tables);
    if is_object(tables_shape) {
        Ok(())
    } else {
        Err(not_tables(tables_shape))
    }
}

/// A table of `tables`: the array, `None` when optional and absent, else a fault.
pub fn table(tables: &JsValue, name: &str, required: bool) -> Result<Option<Array>, Fault> {
    let value = get(tables, name);
    match shape(&value) {
        Shape::Array => Ok(Some(value.unchecked_into())),
        s if s.is_absent() && !required => Ok(None),
        Shape::Null => Err(not_a_table(name, Shape::Undefined)),
        s => Err(not_a_table(name, s)),
    }
}
