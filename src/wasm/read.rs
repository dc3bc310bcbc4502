//! JavaScript values -> the core's raw input: parameters, tables, ids.
//! Classification only; every rule is the core's.

use js_sys::{Array, BigInt, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::fault::Fault;
use crate::parameter::{RawFailover, RawIds, RawParameter};
use crate::raw::{RawId, RawText, Shape};
use crate::tables::{
    not_a_table, not_tables, read_id, FailoverTables, PairColumns, RawCell, Staged, FAILOVER_TABLE,
    SCOPES_TABLE, SCOPE_FAILOVER_TABLE,
};

use super::js::{append_pairs, copy_row, fill_columns, kind_of, read_values, Columns};

/// The shape of a value.
pub fn shape(value: &JsValue) -> Shape {
    Shape::from_kind(&kind_of(value))
}

/// `object[key]`; a throwing getter reads as `undefined`.
pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `array[index]`; a throwing getter reads as `undefined`.
pub fn at(array: &JsValue, index: u32) -> JsValue {
    Reflect::get_u32(array, index).unwrap_or(JsValue::UNDEFINED)
}

/// A value given as an id.
pub fn raw_id(value: &JsValue) -> RawId {
    match shape(value) {
        Shape::Number => RawId::Number(value.as_f64().unwrap_or(f64::NAN)),
        Shape::BigInt => RawId::BigInt(i64::try_from(value.clone()).map_err(|_| {
            value
                .unchecked_ref::<BigInt>()
                .to_string(10)
                .map(String::from)
                .unwrap_or_default()
        })),
        Shape::String => RawId::Text(value.as_string().unwrap_or_default()),
        other => RawId::Other(other),
    }
}

fn raw_text(value: &JsValue) -> RawText {
    match shape(value) {
        s if s.is_absent() => RawText::Absent,
        Shape::String => RawText::Text(value.as_string().unwrap_or_default()),
        other => RawText::Other(other),
    }
}

fn is_object(shape: Shape) -> bool {
    matches!(shape, Shape::Object | Shape::Instance)
}

/// A parameter as read, with the JavaScript values the commit hands back as given.
pub struct Parameter {
    /// The raw form the core validates.
    pub raw: RawParameter,
    /// `ScopeIds`, when it is an array.
    pub scope_ids: Option<Array>,
    /// `Failover.RecordId` as given.
    pub failover_id: JsValue,
}

impl Parameter {
    /// Reads a parameter object.
    pub fn read(value: &JsValue) -> Parameter {
        let param_shape = shape(value);
        if param_shape != Shape::Object {
            return Parameter {
                raw: RawParameter::not_an_object(param_shape),
                scope_ids: None,
                failover_id: JsValue::UNDEFINED,
            };
        }
        let failover = get(value, "Failover");
        let failover_id = get(&failover, "RecordId");
        let failover_raw = match shape(&failover) {
            s if s.is_absent() => RawFailover::Absent,
            s if is_object(s) => RawFailover::Object(raw_id(&failover_id)),
            s => RawFailover::NotObject(s),
        };
        let ids = get(value, "ScopeIds");
        let (scope_ids, ids_raw) = match shape(&ids) {
            s if s.is_absent() => (None, RawIds::Absent),
            Shape::Array => {
                let array: Array = ids.unchecked_into();
                match read_values(&array) {
                    Ok(columns) => {
                        // The copy taken while reading: what is validated is what is used.
                        let copy = columns.values().unwrap_or_default();
                        let items = ids_from_columns(&copy, &columns);
                        (Some(copy), RawIds::Items(items))
                    }
                    Err(_) => (None, RawIds::NotArray(Shape::Unreadable)),
                }
            }
            s => (None, RawIds::NotArray(s)),
        };
        let force = get(value, "Force");
        let force = match shape(&force) {
            s if s.is_absent() => Ok(None),
            Shape::Boolean => Ok(force.as_bool()),
            s => Err(s),
        };
        Parameter {
            raw: RawParameter {
                shape: param_shape,
                type_tag: raw_text(&get(value, "$type")),
                operation_id: raw_text(&get(value, "OperationId")),
                failover: failover_raw,
                scope_ids: ids_raw,
                force,
            },
            scope_ids,
            failover_id,
        }
    }
}

fn ids_from_columns(array: &Array, columns: &Columns) -> Vec<RawId> {
    let mut out: Vec<RawId> = columns
        .a()
        .to_vec()
        .into_iter()
        .map(RawId::Number)
        .collect();
    for i in columns.odd().to_vec() {
        out[i as usize] = raw_id(&at(array, i));
    }
    out
}

/// One required id column of a table, checked.
fn id_column(table: &str, rows: &Array, key: &str) -> Result<Vec<i64>, Fault> {
    id_columns(table, rows, key, None).map(|(ids, _)| ids)
}

/// One or two required id columns of a table, checked. JavaScript writes the safe-integer
/// cells straight into wasm memory and lists the other rows, which are classified here one
/// by one; the first bad cell, in row order, is the fault.
fn id_columns(
    table: &str,
    rows: &Array,
    key_a: &str,
    key_b: Option<&str>,
) -> Result<(Vec<i64>, Vec<i64>), Fault> {
    let n = get(rows, "length").as_f64().unwrap_or(0.0) as usize;
    let mut a = vec![0f64; n];
    let mut b = vec![0f64; if key_b.is_some() { n } else { 0 }];
    let odd = fill_columns(rows, key_a, key_b, &mut a, &mut b)
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
