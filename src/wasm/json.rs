//! JSON values (the core's form of rows with free fields) -> JavaScript values. Integers
//! that fit a JavaScript number exactly become numbers, larger ones BigInts, so ids come
//! back the way callers give them.

use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::raw::MAX_SAFE_INTEGER;

/// An id as JavaScript sees it: a number when safe, else a BigInt.
pub fn id_to_js(id: i64) -> JsValue {
    if id.abs() <= MAX_SAFE_INTEGER {
        JsValue::from_f64(id as f64)
    } else {
        JsValue::from(id)
    }
}

/// Converts a JSON value.
pub fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => id_to_js(i),
            (None, Some(u)) => JsValue::from(u),
            _ => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(fields) => {
            let object = Object::new();
            for (key, value) in fields {
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(value));
            }
            object.into()
        }
    }
}
