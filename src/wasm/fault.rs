//! Fault -> the `IpamFault` Error JavaScript catches.

use wasm_bindgen::JsValue;

use crate::fault::Fault;
use crate::soap::to_soap_fault;

use super::js::make_fault;

/// The JavaScript error for `fault`; `cause` is what a callback threw, for CANCELLED.
pub fn to_js(fault: &Fault, cause: Option<&JsValue>) -> JsValue {
    make_fault(
        fault.code().as_str(),
        fault.step(),
        fault.exception_id(),
        fault.message(),
        &to_soap_fault(fault),
        cause.is_some(),
        cause.unwrap_or(&JsValue::UNDEFINED),
    )
}
