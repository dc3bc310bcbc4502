//! JavaScript values -> the core's raw input: parameters and ids.
//! Classification only; every rule is the core's.

use js_sys::{Array, BigInt, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::parameter::{RawFailover, RawIds, RawParameter};
use crate::raw::{RawId, RawText, Shape};

use super::js::{kind_of, read_values, Columns};

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

/// Whether a value of this shape is read as an object (plain or a class instance).
pub fn is_object(shape: Shape) -> bool {
    matches!(shape, Shape::Object | Shape::Instance)
}

/// A parameter as read, with the JavaScript values the commit hands back as given.
pub struct Parameter {
    /// The raw form the core validates.
    pub raw: RawParameter,
    /// `ScopeIds`, when it is an array.
    pub scope_ids: Option<Array>,
    /// `Failover.RecordId` as given (the stateless `addScopes` appends it).
    #[cfg(feature = "js-tables")]
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
                #[cfg(feature = "js-tables")]
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
            #[cfg(feature = "js-tables")]
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
