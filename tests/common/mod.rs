//! Shared fixtures for the native tests.
#![allow(dead_code)]

use ipam_failover::parameter::RawParameter;
use ipam_failover::raw::RawId;
use ipam_failover::tables::Tables;
use serde_json::json;

/// Two relationships (1 and 2); scope 10 is in 1, scope 20 in 2, with an extra field.
pub fn sample() -> Tables {
    Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 1, "RelationshipName": "hq-lb", "Mode": "LoadBalance" },
            { "RecordId": 2, "RelationshipName": "br-hs", "Mode": "HotStandby" }
        ],
        "ADM_DhcpScopeFailoverTable": [
            { "ScopeId": 10, "FailoverRelationId": 1 },
            { "ScopeId": 20, "FailoverRelationId": 2, "Note": "kept" }
        ]
    }))
    .expect("the sample is valid")
}

/// An add parameter for relationship `failover` and the given scope ids.
pub fn add(failover: i64, scopes: &[i64]) -> RawParameter {
    RawParameter::new(failover, scopes.iter().map(|s| RawId::from(*s)).collect())
}

/// The (ScopeId, FailoverRelationId) pairs of a table, in order.
pub fn pairs(tables: &Tables) -> Vec<(i64, i64)> {
    tables
        .scope_failovers
        .iter()
        .map(|r| (r.scope_id, r.relation_id))
        .collect()
}
