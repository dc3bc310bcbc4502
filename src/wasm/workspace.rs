//! The `Workspace` class: a resident working copy in wasm. Thin like the rest: read,
//! call the core, convert back.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::fault::Fault;
use crate::tables::pair_json;
use crate::workspace;

use super::fault::to_js;
use super::js::{
    JsAddParameter, JsCallbacks, JsFailoverRow, JsPairRows, JsPreflightReport, JsRemoveParameter,
};
use super::json::to_js as to_js_value;
use super::progress::JsProgress;
use super::read::Parameter;

/// A core fault as the `IpamFault` Error JavaScript catches.
pub(super) fn thrown(fault: Fault) -> JsValue {
    to_js(&fault, None)
}

/// A working copy of the tables, resident in wasm: stage adds and removes, preflight them,
/// undo and redo, diff against the loaded tables, export, save and restore.
#[wasm_bindgen(js_name = Workspace)]
pub struct JsWorkspace {
    pub(super) inner: workspace::Workspace,
}

#[wasm_bindgen(js_class = Workspace)]
impl JsWorkspace {
    /// `addScopes` on the working copy: same steps, faults, callbacks and return value.
    #[wasm_bindgen(js_name = addScopes)]
    pub fn add_scopes(
        &mut self,
        parameter: &JsAddParameter,
        callbacks: Option<JsCallbacks>,
    ) -> Result<JsFailoverRow, JsValue> {
        let (parameter, mut port) = prepare(parameter, callbacks.as_deref())?;
        let outcome = self
            .inner
            .add_scopes(&parameter.raw, &mut port)
            .map_err(|f| port.error_for(&f))?;
        let row = &self.inner.store().failovers()[outcome.failover_position];
        let mut fields = Map::new();
        fields.insert("RecordId".into(), Value::from(row.record_id));
        fields.extend(row.fields.clone());
        Ok(to_js_value(&Value::Object(fields)).unchecked_into())
    }

    /// MS-IPAMM2 3.19.4.4.1.26 on the working copy; returns the rows it removed.
    #[wasm_bindgen(js_name = removeScopes)]
    pub fn remove_scopes(
        &mut self,
        parameter: &JsRemoveParameter,
        callbacks: Option<JsCallbacks>,
    ) -> Result<JsPairRows, JsValue> {
        let (parameter, mut port) = prepare(parameter, callbacks.as_deref())?;
        let outcome = self
            .inner
            .remove_scopes(&parameter.raw, &mut port)
            .map_err(|f| port.error_for(&f))?;
        let rows: Vec<Value> = outcome.removed.iter().map(|(_, r)| pair_json(r)).collect();
        Ok(to_js_value(&Value::Array(rows)).unchecked_into())
    }

    /// The preflight of an add, counted and grouped (at most `groupLimit` scope groups):
    /// what the dialog shows, without a JavaScript object per finding. `callbacks`'
    /// `setCompletionPercentage` hears the check's progress; throwing from it cancels
    /// (CANCELLED).
    #[wasm_bindgen(js_name = preflightReport)]
    pub fn preflight_report(
        &self,
        parameter: &JsAddParameter,
        #[wasm_bindgen(js_name = groupLimit)] group_limit: u32,
        callbacks: Option<JsCallbacks>,
    ) -> Result<JsPreflightReport, JsValue> {
        let (parameter, mut port) = prepare(parameter, callbacks.as_deref())?;
        let report = self
            .inner
            .preflight_report(&parameter.raw, group_limit as usize, &mut port)
            .map_err(|f| port.error_for(&f))?;
        Ok(to_js_value(&report).unchecked_into())
    }

    /// Reverts the last change; returns whether anything changed.
    pub fn undo(&mut self) -> bool {
        self.inner.undo()
    }

    /// Re-applies the last undone change; returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        self.inner.redo()
    }

    /// Whether there is a change to undo.
    #[wasm_bindgen(getter, js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.inner.can_undo()
    }

    /// Whether there is a change to redo.
    #[wasm_bindgen(getter, js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.inner.can_redo()
    }

    /// Did the pending changes land? Compares them with `observed` (tables of a fresh
    /// import taken after the exported script ran), by relationship name, server and scope
    /// address. Throws INVALID_TABLE for malformed tables.
    /// (In the import module only: it needs the importers' server matching.)
    #[cfg(feature = "import")]
    pub fn reconcile(
        &self,
        observed: &super::js::JsTables,
    ) -> Result<super::js::JsReconciliation, JsValue> {
        let observed = super::object_tables::read_tables(observed).map_err(thrown)?;
        let result = self.inner.reconcile(&observed.to_json()).map_err(thrown)?;
        Ok(to_js_value(&result.to_json()).unchecked_into())
    }

    /// The working copy (loaded tables, changes, undo history, the list of scopes) packed
    /// in bytes: what the page stores, read back by `fromPacked` without parsing JSON.
    /// (Counted first, then written a megabyte at a time straight into the one array it
    /// returns: a large copy is never whole in wasm memory, which would keep that much
    /// memory for good, nor in pieces in JavaScript.)
    #[wasm_bindgen(js_name = toPacked)]
    pub fn to_packed(&self) -> js_sys::Uint8Array {
        let out = js_sys::Uint8Array::new_with_length(self.inner.packed_len() as u32);
        let mut at = 0u32;
        self.inner.write_packed(&mut |piece| {
            let end = at + piece.len() as u32;
            out.subarray(at, end).copy_from(piece);
            at = end;
        });
        out
    }

    /// The packed form of `toPacked`, handed to `put` in pieces of about a megabyte, in
    /// order (each a Uint8Array of its own): what the page stores, one record per piece, so
    /// that no copy of the whole is ever made in JavaScript. Returns how many pieces it
    /// handed over; an exception from `put` stops the writing and is thrown on.
    #[wasm_bindgen(js_name = writePacked)]
    pub fn write_packed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(piece: Uint8Array) => void")]
        put: &js_sys::Function,
    ) -> Result<u32, JsValue> {
        hand_out(put, |give| {
            self.inner
                .write_packed(&mut |piece| give(js_sys::Uint8Array::from(piece).into()))
        })
    }

    /// A new working copy of the tables as loaded, with no history (discarding every
    /// change); this one is left as it is.
    #[wasm_bindgen(js_name = asLoaded)]
    pub fn as_loaded(&self) -> JsWorkspace {
        JsWorkspace {
            inner: self.inner.as_loaded(),
        }
    }

    /// Reads a working copy written by `toPacked` (a Uint8Array or an ArrayBuffer) or
    /// `writePacked` (an array of its pieces, in order); throws INVALID_SNAPSHOT when it
    /// cannot.
    #[wasm_bindgen(js_name = fromPacked)]
    pub fn from_packed(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | Uint8Array[]")]
        bytes: &JsValue,
    ) -> Result<JsWorkspace, JsValue> {
        let bytes = match bytes.dyn_ref::<js_sys::Array>() {
            Some(pieces) => joined(pieces),
            None => js_bytes(bytes),
        };
        let bytes = bytes.ok_or_else(|| {
            thrown(Fault::unstepped(
                crate::fault::FaultCode::InvalidSnapshot,
                "the saved working copy must be bytes (a Uint8Array, an ArrayBuffer or an array of Uint8Arrays)",
            ))
        })?;
        let inner = workspace::Workspace::from_packed_vec(bytes).map_err(thrown)?;
        Ok(JsWorkspace { inner })
    }
}

/// Hands each piece `write` gives to the JavaScript function `put`, in order; returns how
/// many it took. After an exception from `put` nothing more is handed over, and the
/// exception is returned.
pub(super) fn hand_out(
    put: &js_sys::Function,
    write: impl FnOnce(&mut dyn FnMut(JsValue)),
) -> Result<u32, JsValue> {
    let mut pieces = 0u32;
    let mut failed = None;
    write(&mut |piece| {
        if failed.is_none() {
            match put.call1(&JsValue::UNDEFINED, &piece) {
                Ok(_) => pieces += 1,
                Err(e) => failed = Some(e),
            }
        }
    });
    failed.map_or(Ok(pieces), Err)
}

fn prepare(
    parameter: &JsValue,
    callbacks: Option<&JsValue>,
) -> Result<(Parameter, JsProgress), JsValue> {
    let mut port = JsProgress::new(callbacks).map_err(thrown)?;
    let parameter = Parameter::read(parameter);
    port.set_scope_ids(parameter.scope_ids.clone());
    Ok((parameter, port))
}

/// A Uint8Array over a Uint8Array's or an ArrayBuffer's bytes; None for anything else.
fn byte_view(value: &JsValue) -> Option<js_sys::Uint8Array> {
    if let Some(view) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(view.clone());
    }
    value
        .dyn_ref::<js_sys::ArrayBuffer>()
        .map(|buffer| js_sys::Uint8Array::new(buffer))
}

/// A copy in wasm memory of a Uint8Array's or an ArrayBuffer's bytes; None for anything
/// else.
pub(super) fn js_bytes(value: &JsValue) -> Option<Vec<u8>> {
    byte_view(value).map(|view| view.to_vec())
}

/// The pieces' bytes one after another, copied once into wasm memory; None when a piece is
/// not bytes.
fn joined(pieces: &js_sys::Array) -> Option<Vec<u8>> {
    let pieces: Vec<js_sys::Uint8Array> = pieces
        .iter()
        .map(|p| byte_view(&p))
        .collect::<Option<_>>()?;
    let len = pieces.iter().map(|p| p.length() as usize).sum();
    let mut out = vec![0u8; len];
    let mut at = 0;
    for piece in pieces {
        let end = at + piece.length() as usize;
        piece.copy_to(&mut out[at..end]);
        at = end;
    }
    Some(out)
}
