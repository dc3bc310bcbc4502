//! The IpamOperationWithProgressParameter of each operation: the raw form a binding reads,
//! and the checks of spec steps 1 and 2 that turn it into a validated request.

use crate::fault::{Fault, FaultCode};
use crate::raw::{quote, RawId, RawText, Shape};

/// The `$type` of the add operation's parameter.
pub const ADD_TYPE: &str = "DhcpFailoverWithScopesParameters";
/// The AdminOperationId of the add operation.
pub const ADD_OPERATION: &str = "AddDhcpFailoverScopes";
/// The `$type` of the remove operation's parameter.
pub const REMOVE_TYPE: &str = "DhcpFailoverRemoveScopesParameters";
/// The AdminOperationId of the remove operation.
pub const REMOVE_OPERATION: &str = "RemoveDhcpFailoverScopes";

/// The `Failover` field as given.
#[derive(Debug, Clone, PartialEq)]
pub enum RawFailover {
    /// `undefined` or `null`.
    Absent,
    /// Not an object.
    NotObject(Shape),
    /// An object; its `RecordId`.
    Object(RawId),
}

/// The `ScopeIds` field as given.
#[derive(Debug, Clone, PartialEq)]
pub enum RawIds {
    /// `undefined` or `null`.
    Absent,
    /// Not an array.
    NotArray(Shape),
    /// An array of values.
    Items(Vec<RawId>),
}

/// A parameter object as given, before any check.
#[derive(Debug, Clone, PartialEq)]
pub struct RawParameter {
    /// The shape of the parameter itself.
    pub shape: Shape,
    /// `$type`.
    pub type_tag: RawText,
    /// `OperationId`.
    pub operation_id: RawText,
    /// `Failover`.
    pub failover: RawFailover,
    /// `ScopeIds`.
    pub scope_ids: RawIds,
    /// `Force` (remove only): `None` when absent, else whether it is `true`; any other
    /// value is refused.
    pub force: Result<Option<bool>, Shape>,
}

impl RawParameter {
    /// A parameter with a relationship and scope ids, as a caller would normally give.
    pub fn new(failover_id: impl Into<RawId>, scope_ids: Vec<RawId>) -> RawParameter {
        RawParameter {
            shape: Shape::Object,
            type_tag: RawText::Absent,
            operation_id: RawText::Absent,
            failover: RawFailover::Object(failover_id.into()),
            scope_ids: RawIds::Items(scope_ids),
            force: Ok(None),
        }
    }

    /// A parameter that is not an object at all (`null`, a string...).
    pub fn not_an_object(shape: Shape) -> RawParameter {
        RawParameter {
            shape,
            type_tag: RawText::Absent,
            operation_id: RawText::Absent,
            failover: RawFailover::Absent,
            scope_ids: RawIds::Absent,
            force: Ok(None),
        }
    }
}

/// A validated add request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddScopesRequest {
    /// `Failover.RecordId`.
    pub failover_id: i64,
    /// `ScopeIds`, in request order, duplicates kept.
    pub scope_ids: Vec<i64>,
}

/// A validated remove request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoveScopesRequest {
    /// `Failover.RecordId`, when a relationship was named.
    pub failover_id: Option<i64>,
    /// `ScopeIds`, in request order, duplicates kept.
    pub scope_ids: Vec<i64>,
    /// `Force` (accepted and kept; the IPAM store has nothing it would change).
    pub force: bool,
}

/// Step 1 of the add delegate, then step 2.
pub fn validate_add(raw: &RawParameter) -> Result<AddScopesRequest, Fault> {
    check_kind(raw, ADD_TYPE, ADD_OPERATION)?;
    let missing = || {
        Fault::at_step(
            FaultCode::MissingFailover,
            2,
            "Failover is null or absent; name the relationship as { RecordId }",
        )
    };
    if raw.failover == RawFailover::Absent {
        return Err(missing());
    }
    let scope_ids = scope_ids(&raw.scope_ids)?;
    let failover_id = failover_id(&raw.failover)?.ok_or_else(missing)?;
    Ok(AddScopesRequest {
        failover_id,
        scope_ids,
    })
}

/// Step 1 of the remove delegate, then step 2. `Failover` is optional here (spec error E2:
/// the remove parameter type has no such field, yet the text checks it).
pub fn validate_remove(raw: &RawParameter) -> Result<RemoveScopesRequest, Fault> {
    check_kind(raw, REMOVE_TYPE, REMOVE_OPERATION)?;
    let force = raw.force.map_err(|shape| {
        Fault::at_step(
            FaultCode::InvalidParameter,
            1,
            format!("Force must be a boolean; got {shape}"),
        )
    })?;
    let scope_ids = scope_ids(&raw.scope_ids)?;
    let failover_id = failover_id(&raw.failover)?;
    Ok(RemoveScopesRequest {
        failover_id,
        scope_ids,
        force: force.unwrap_or(false),
    })
}

fn check_kind(raw: &RawParameter, type_name: &str, operation: &str) -> Result<(), Fault> {
    let fault = |message: String| Fault::at_step(FaultCode::InvalidParameter, 1, message);
    if raw.shape != Shape::Object {
        return Err(fault(format!(
            "the parameter must be a {type_name} object; got {}",
            raw.shape
        )));
    }
    match &raw.type_tag {
        RawText::Absent => {}
        RawText::Text(t) if t == type_name => {}
        RawText::Text(t) => {
            return Err(fault(format!(
                "$type is {}; this operation takes a {type_name}",
                quote(t)
            )))
        }
        RawText::Other(shape) => {
            return Err(fault(format!(
                "$type must be the string {}; got {shape}",
                quote(type_name)
            )))
        }
    }
    match &raw.operation_id {
        RawText::Absent => Ok(()),
        RawText::Text(t) if t == operation => Ok(()),
        RawText::Text(t) => Err(fault(format!(
            "OperationId is {}; this operation is {operation}",
            quote(t)
        ))),
        RawText::Other(shape) => Err(fault(format!(
            "OperationId must be the string {}; got {shape}",
            quote(operation)
        ))),
    }
}

fn scope_ids(raw: &RawIds) -> Result<Vec<i64>, Fault> {
    let items = match raw {
        RawIds::Absent => {
            return Err(Fault::at_step(
                FaultCode::MissingScopeIds,
                2,
                "ScopeIds is null or absent; give an array of scope RecordIds",
            ))
        }
        RawIds::NotArray(shape) => {
            return Err(Fault::at_step(
                FaultCode::InvalidParameter,
                2,
                format!("ScopeIds must be an array of scope RecordIds; got {shape}"),
            ))
        }
        RawIds::Items(items) => items,
    };
    if items.is_empty() {
        return Err(Fault::at_step(
            FaultCode::EmptyScopeIds,
            2,
            "ScopeIds is empty; give at least one scope RecordId",
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            raw.to_id().map_err(|why| {
                Fault::at_step(FaultCode::InvalidId, 2, format!("ScopeIds[{i}]: {why}"))
            })
        })
        .collect()
}

fn failover_id(raw: &RawFailover) -> Result<Option<i64>, Fault> {
    match raw {
        RawFailover::Absent => Ok(None),
        RawFailover::NotObject(shape) => Err(Fault::at_step(
            FaultCode::InvalidParameter,
            2,
            format!("Failover must be a DhcpFailover object with a RecordId; got {shape}"),
        )),
        RawFailover::Object(id) => id.to_id().map(Some).map_err(|why| {
            Fault::at_step(FaultCode::InvalidId, 2, format!("Failover.RecordId: {why}"))
        }),
    }
}
