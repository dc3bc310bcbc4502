//! The add delegate, one test per spec step and per fault code.

mod common;

use common::{add, pairs, sample};
use ipam_failover::fault::{Fault, FaultCode};
use ipam_failover::ops::add_scopes;
use ipam_failover::parameter::{RawFailover, RawIds, RawParameter};
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::{RawId, RawText, Shape};
use ipam_failover::tables::Tables;
use serde_json::json;

fn run(param: &RawParameter) -> (Tables, Result<ipam_failover::ops::AddScopesOutcome, Fault>) {
    let mut tables = sample();
    let out = add_scopes(param, || Ok(&mut tables), &mut NoProgress);
    (tables, out)
}

fn fault_of(param: &RawParameter) -> Fault {
    let (tables, out) = run(param);
    assert_eq!(tables, sample(), "a fault must leave the tables unchanged");
    out.expect_err("expected a fault")
}

fn assert_fault(param: &RawParameter, code: FaultCode, step: Option<u8>, needle: &str) {
    let f = fault_of(param);
    assert_eq!((f.code(), f.step()), (code, step), "{f}");
    assert!(
        f.message().contains(needle),
        "{f} should mention {needle:?}"
    );
}

#[test]
fn step1_refuses_what_is_not_a_parameter_object() {
    for shape in [
        Shape::Null,
        Shape::Undefined,
        Shape::String,
        Shape::Number,
        Shape::Array,
        Shape::Instance,
    ] {
        assert_fault(
            &RawParameter::not_an_object(shape),
            FaultCode::InvalidParameter,
            Some(1),
            &shape.to_string(),
        );
    }
}

#[test]
fn step1_checks_type_and_operation_id_when_given() {
    let mut p = add(1, &[30]);
    p.type_tag = RawText::Text("DhcpFailoverParameters".into());
    assert_fault(
        &p,
        FaultCode::InvalidParameter,
        Some(1),
        "DhcpFailoverParameters",
    );
    let mut p = add(1, &[30]);
    p.operation_id = RawText::Text("RemoveDhcpFailoverScopes".into());
    assert_fault(
        &p,
        FaultCode::InvalidParameter,
        Some(1),
        "AddDhcpFailoverScopes",
    );
    let mut p = add(1, &[30]);
    p.operation_id = RawText::Other(Shape::Number);
    assert_fault(&p, FaultCode::InvalidParameter, Some(1), "a number");
    let mut p = add(1, &[30]);
    p.type_tag = RawText::Text("DhcpFailoverWithScopesParameters".into());
    p.operation_id = RawText::Text("AddDhcpFailoverScopes".into());
    assert!(
        run(&p).1.is_ok(),
        "the right $type and OperationId are accepted"
    );
}

#[test]
fn step2_missing_failover() {
    let mut p = add(1, &[30]);
    p.failover = RawFailover::Absent;
    assert_fault(&p, FaultCode::MissingFailover, Some(2), "Failover");
}

#[test]
fn step2_missing_scope_ids() {
    let mut p = add(1, &[30]);
    p.scope_ids = RawIds::Absent;
    assert_fault(&p, FaultCode::MissingScopeIds, Some(2), "ScopeIds");
}

#[test]
fn step2_empty_scope_ids() {
    assert_fault(&add(1, &[]), FaultCode::EmptyScopeIds, Some(2), "empty");
}

#[test]
fn step2_scope_ids_must_be_an_array_and_failover_an_object() {
    let mut p = add(1, &[30]);
    p.scope_ids = RawIds::NotArray(Shape::String);
    assert_fault(&p, FaultCode::InvalidParameter, Some(2), "a string");
    let mut p = add(1, &[30]);
    p.failover = RawFailover::NotObject(Shape::Number);
    assert_fault(&p, FaultCode::InvalidParameter, Some(2), "a number");
}

#[test]
fn step2_invalid_ids() {
    let bad = [
        RawId::Text("30".into()),
        RawId::Number(2.5),
        RawId::Number(f64::NAN),
        RawId::Number(9_007_199_254_740_992.0),
        RawId::BigInt(Err("9223372036854775808".into())),
        RawId::Other(Shape::Null),
        RawId::Other(Shape::Object),
    ];
    for raw in bad {
        let mut p = add(1, &[30]);
        if let RawIds::Items(items) = &mut p.scope_ids {
            items.push(raw.clone());
        }
        assert_fault(&p, FaultCode::InvalidId, Some(2), "ScopeIds[1]");
        let mut p = add(1, &[30]);
        p.failover = RawFailover::Object(raw);
        assert_fault(&p, FaultCode::InvalidId, Some(2), "Failover.RecordId");
    }
}

#[test]
fn step3_relationship_must_exist_in_the_failover_table() {
    // Spec error E1: the text looks in ADM_DhcpScopeFailoverTable; 10 is a ScopeId there,
    // not a relationship, and must not be found.
    assert_fault(
        &add(10, &[30]),
        FaultCode::FailoverNotFound,
        Some(3),
        "RecordId 10",
    );
    assert_fault(
        &add(3, &[30]),
        FaultCode::FailoverNotFound,
        Some(3),
        "RecordId 3",
    );
}

#[test]
fn step4_appends_missing_pairs_in_request_order_once() {
    let (tables, out) = run(&add(1, &[40, 10, 30, 40, 20]));
    let out = out.unwrap();
    assert_eq!(
        pairs(&tables),
        vec![(10, 1), (20, 2), (40, 1), (30, 1), (20, 1)],
        "20 sits in relationship 2 and is still added to 1, as the spec says"
    );
    let ids =
        |v: &[ipam_failover::tables::Staged]| v.iter().map(|s| s.scope_id).collect::<Vec<_>>();
    assert_eq!(ids(&out.added), [40, 30, 20]);
    assert_eq!(ids(&out.already_present), [10]);
    assert_eq!(out.added[0].request_index, 0);
    assert_eq!(out.added[2].request_index, 4);
    assert_eq!(tables.scope_failovers[1].extra["Note"], json!("kept"));
}

#[test]
fn step5_returns_the_relationship_row() {
    let (tables, out) = run(&add(2, &[30]));
    let out = out.unwrap();
    assert_eq!(out.failover_id, 2);
    assert_eq!(
        tables.failovers[out.failover_position].fields["RelationshipName"],
        json!("br-hs")
    );
}

#[test]
fn twice_equals_once() {
    let mut tables = sample();
    let p = add(1, &[30, 31, 10]);
    add_scopes(&p, || Ok(&mut tables), &mut NoProgress).unwrap();
    let once = tables.clone();
    let second = add_scopes(&p, || Ok(&mut tables), &mut NoProgress).unwrap();
    assert_eq!(tables, once);
    assert!(second.added.is_empty());
    assert_eq!(second.already_present.len(), 3);
}

#[test]
fn invalid_table_faults_come_from_loading() {
    let cases = [
        (json!([]), "an array"),
        (
            json!({ "ADM_DhcpScopeFailoverTable": [] }),
            "no ADM_DhcpFailoverTable",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": {}, "ADM_DhcpScopeFailoverTable": [] }),
            "must be an array",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [7], "ADM_DhcpScopeFailoverTable": [] }),
            "ADM_DhcpFailoverTable[0] must be an object; got a number",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [{}], "ADM_DhcpScopeFailoverTable": [] }),
            "ADM_DhcpFailoverTable[0] has no RecordId",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [{"RecordId": 1}, {"RecordId": 1}], "ADM_DhcpScopeFailoverTable": [] }),
            "rows 0 and 1",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [{"RecordId": 1}], "ADM_DhcpScopeFailoverTable": [{"ScopeId": "x", "FailoverRelationId": 1}] }),
            "ADM_DhcpScopeFailoverTable[0].ScopeId",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [{"RecordId": 1}], "ADM_DhcpScopeFailoverTable": [{"ScopeId": 1}] }),
            "has no FailoverRelationId",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [{"RecordId": 1}], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": 3 }),
            "ADM_DHCPScopesTable must be an array",
        ),
        (
            json!({ "ADM_DhcpFailoverTable": [{"RecordId": 1}], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": [{"RecordId": 1.5}] }),
            "ADM_DHCPScopesTable[0].RecordId",
        ),
    ];
    for (value, needle) in cases {
        let loaded = Tables::from_json(&value);
        let out = add_scopes(&add(1, &[1]), || loaded.clone(), &mut NoProgress);
        let f = out.unwrap_err();
        assert_eq!((f.code(), f.step()), (FaultCode::InvalidTable, None), "{f}");
        assert!(
            f.message().contains(needle),
            "{f} should mention {needle:?}"
        );
    }
}

#[test]
fn parameter_checks_come_before_table_checks() {
    let out = add_scopes(
        &RawParameter::not_an_object(Shape::Null),
        || Tables::from_json(&json!(null)),
        &mut NoProgress,
    );
    assert_eq!(out.unwrap_err().code(), FaultCode::InvalidParameter);
}

#[test]
fn every_fault_code_is_reachable() {
    use std::collections::HashSet;
    let mut seen = HashSet::new();
    let mut p = add(1, &[1]);
    p.failover = RawFailover::Absent;
    seen.insert(fault_of(&p).code());
    let mut p = add(1, &[1]);
    p.scope_ids = RawIds::Absent;
    seen.insert(fault_of(&p).code());
    seen.insert(fault_of(&RawParameter::not_an_object(Shape::Null)).code());
    seen.insert(fault_of(&add(1, &[])).code());
    seen.insert(fault_of(&add(9, &[1])).code());
    let mut p = add(1, &[1]);
    p.failover = RawFailover::Object(RawId::Number(0.5));
    seen.insert(fault_of(&p).code());
    seen.insert(Tables::from_json(&json!(1)).unwrap_err().code());
    let mut rec = ipam_failover::progress::Recorder {
        cancel_at: Some(1),
        ..Default::default()
    };
    let mut tables = sample();
    seen.insert(
        add_scopes(&add(1, &[5]), || Ok(&mut tables), &mut rec)
            .unwrap_err()
            .code(),
    );
    // INVALID_SNAPSHOT belongs to the working copy and INVALID_IMPORT to the import; each
    // is tested with its own module.
    for code in FaultCode::ALL
        .iter()
        .filter(|c| !matches!(c, FaultCode::InvalidSnapshot | FaultCode::InvalidImport))
    {
        assert!(seen.contains(code), "{code} not reached");
    }
}
