//! Reconcile: the planned changes of a working copy against a fresh import taken after
//! the exported script ran; and the preflight rule that uses imported partner scopes.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/dhcp.rs"]
mod dhcp;

use dhcp::*;
use ipam_failover::fault::FaultCode;
use ipam_failover::import::{reconcile_tables, Reconciliation};
use ipam_failover::parameter::{RawFailover, RawParameter};
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::RawId;
use ipam_failover::tables::Tables;
use ipam_failover::workspace::{Rule, Workspace};
use serde_json::{json, Value};

fn id(v: &Value) -> i64 {
    v.as_i64().expect("an id")
}

fn scope_id(t: &Value, server: &str, address: &str) -> i64 {
    id(&scope(t, server, address).expect("the scope")["RecordId"])
}

fn rel_id(t: &Value, name: &str) -> i64 {
    id(&relationship(t, name)["RecordId"])
}

fn param(failover: i64, scopes: &[i64]) -> RawParameter {
    RawParameter::new(failover, scopes.iter().map(|s| RawId::from(*s)).collect())
}

/// The working copy of the "before" network with the changes the fixture's "after"
/// collection was built for.
fn staged() -> (Value, Workspace) {
    let base = before().tables;
    let mut ws = Workspace::new(Tables::from_json(&base).unwrap());
    let lb = rel_id(&base, "hq-loadbalance");
    let mlm = rel_id(&base, "malmö-standby");
    let adds = [
        scope_id(&base, HQ1, "10.1.3.0"),
        scope_id(&base, HQ1, "10.1.4.0"),
    ];
    ws.add_scopes(&param(lb, &adds), &mut NoProgress).unwrap();
    ws.add_scopes(
        &param(mlm, &[scope_id(&base, MLM1, "10.2.2.0")]),
        &mut NoProgress,
    )
    .unwrap();
    let mut remove = param(
        0,
        &[
            scope_id(&base, HQ1, "10.1.2.0"),
            scope_id(&base, HQ1, "10.1.0.0"),
        ],
    );
    remove.failover = RawFailover::Object(RawId::from(lb));
    ws.remove_scopes(&remove, &mut NoProgress).unwrap();
    (base, ws)
}

fn summary(r: &Reconciliation) -> Vec<String> {
    r.changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {}",
                c.planned.change.as_str(),
                c.planned.relationship,
                c.planned.server,
                c.planned.scope,
                c.status.as_str()
            )
        })
        .collect()
}

#[test]
fn the_after_collection_reports_each_status_and_the_unplanned() {
    let (base, ws) = staged();
    let working = ws.tables().to_json();
    let observed = import_one(input("collection-after.json", None)).tables;
    let r = reconcile_tables(&base, &working, &observed).unwrap();
    assert_eq!(
        summary(&r),
        [
            format!("remove hq-loadbalance {HQ1} 10.1.0.0 not-applied"),
            format!("remove hq-loadbalance {HQ1} 10.1.2.0 applied"),
            format!("add hq-loadbalance {HQ1} 10.1.3.0 applied"),
            format!("add hq-loadbalance {HQ1} 10.1.4.0 not-applied"),
            format!("add malmö-standby {MLM1} 10.2.2.0 conflict"),
        ]
    );
    let unplanned: Vec<String> = r
        .unplanned
        .iter()
        .map(|c| format!("{} {} {}", c.change.as_str(), c.relationship, c.scope))
        .collect();
    assert_eq!(
        unplanned,
        [
            format!("remove {HOSTILE_REL} 10.1.10.0"),
            "add malmö-lb 10.2.2.0".to_owned()
        ]
    );
    let j = r.to_json();
    assert_eq!(
        j["changes"][4],
        json!({ "change": "add", "relationship": "malmö-standby", "server": MLM1, "scope": "10.2.2.0", "status": "conflict" })
    );
    assert_eq!(
        j["unplanned"][1],
        json!({ "change": "add", "relationship": "malmö-lb", "server": MLM1, "scope": "10.2.2.0" })
    );
}

#[test]
fn nothing_ran_and_everything_ran() {
    let (base, ws) = staged();
    let working = ws.tables().to_json();
    let r = reconcile_tables(&base, &working, &base).unwrap();
    assert!(
        r.changes.iter().all(|c| c.status.as_str() == "not-applied"),
        "{r:?}"
    );
    assert_eq!(r.changes.len(), 5);
    assert!(r.unplanned.is_empty());
    let r = reconcile_tables(&base, &working, &working).unwrap();
    assert!(
        r.changes.iter().all(|c| c.status.as_str() == "applied"),
        "{r:?}"
    );
    assert!(r.unplanned.is_empty());
    let r = reconcile_tables(&base, &base, &base).unwrap();
    assert_eq!(
        r,
        Reconciliation {
            changes: vec![],
            unplanned: vec![]
        }
    );
}

#[test]
fn matching_ignores_record_ids_and_server_name_spelling() {
    let base = json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 1, "RelationshipName": "r", "Server1RecordId": 1, "Server1Name": "dhcp-a.corp.example",
              "Server2RecordId": 2, "Server2Name": "dhcp-b.corp.example" },
            { "RecordId": 2, "RelationshipName": "other", "Server1RecordId": 1, "Server1Name": "dhcp-a.corp.example",
              "Server2RecordId": 2, "Server2Name": "dhcp-b.corp.example" }
        ],
        "ADM_DhcpScopeFailoverTable": [ { "ScopeId": 10, "FailoverRelationId": 1 } ],
        "ADM_DHCPScopesTable": [
            { "RecordId": 10, "ScopeId": "10.0.1.0", "DHCPServerRecordId": 1 },
            { "RecordId": 11, "ScopeId": "10.0.2.0", "DHCPServerRecordId": 1 }
        ]
    });
    let working = json!({
        "ADM_DhcpFailoverTable": base["ADM_DhcpFailoverTable"],
        "ADM_DhcpScopeFailoverTable": [ { "ScopeId": 11, "FailoverRelationId": 1 } ],
        "ADM_DHCPScopesTable": base["ADM_DHCPScopesTable"]
    });
    // Renumbered, short upper-case names, the pair hung on the partner's copy; 10.0.1.0
    // moved into "other" (not planned): the removal is a conflict.
    let observed = json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 7, "RelationshipName": "R", "Server1RecordId": 50, "Server1Name": "DHCP-A",
              "Server2RecordId": 51, "Server2Name": "DHCP-B" },
            { "RecordId": 8, "RelationshipName": "other", "Server1RecordId": 50, "Server1Name": "DHCP-A",
              "Server2RecordId": 51, "Server2Name": "DHCP-B" }
        ],
        "ADM_DhcpScopeFailoverTable": [
            { "ScopeId": 100, "FailoverRelationId": 7 },
            { "ScopeId": 101, "FailoverRelationId": 8 }
        ],
        "ADM_DHCPScopesTable": [
            { "RecordId": 100, "ScopeId": "10.0.2.0", "DHCPServerRecordId": 51 },
            { "RecordId": 101, "ScopeId": "10.0.1.0", "DHCPServerRecordId": 50 }
        ]
    });
    let r = reconcile_tables(&base, &working, &observed).unwrap();
    assert_eq!(
        summary(&r),
        [
            "remove r dhcp-a.corp.example 10.0.1.0 conflict",
            "add r dhcp-a.corp.example 10.0.2.0 applied",
        ]
    );
    assert_eq!(r.unplanned.len(), 1);
    assert_eq!(r.unplanned[0].relationship, "other");
    // Same name on a different pair of servers is a different relationship.
    let mut elsewhere = observed.clone();
    for row in elsewhere["ADM_DhcpFailoverTable"].as_array_mut().unwrap() {
        row["Server1Name"] = json!("dhcp-x");
        row["Server2Name"] = json!("dhcp-y");
    }
    let r = reconcile_tables(&base, &working, &elsewhere).unwrap();
    assert_eq!(
        summary(&r),
        [
            "remove r dhcp-a.corp.example 10.0.1.0 applied",
            "add r dhcp-a.corp.example 10.0.2.0 not-applied",
        ]
    );
}

#[test]
fn malformed_tables_are_refused_naming_which() {
    let base = before().tables;
    let f = reconcile_tables(&base, &base, &json!({ "ADM_DhcpFailoverTable": 3 })).unwrap_err();
    assert_eq!(f.code(), FaultCode::InvalidTable);
    assert!(f.message().starts_with("observed tables:"), "{f}");
    let f = reconcile_tables(&json!([]), &base, &base).unwrap_err();
    assert!(f.message().starts_with("baseline tables:"), "{f}");
}

#[test]
fn preflight_on_imported_tables() {
    let t = before().tables;
    let ws = Workspace::new(Tables::from_json(&t).unwrap());
    let lb = rel_id(&t, "hq-loadbalance");
    let rules = |scopes: &[i64]| -> Vec<(Option<i64>, Rule)> {
        ws.preflight(&param(lb, scopes))
            .unwrap()
            .into_iter()
            .map(|f| (f.scope_id, f.rule))
            .collect()
    };
    // Only on hq-01: nothing to say.
    assert_eq!(rules(&[scope_id(&t, HQ1, "10.1.3.0")]), []);
    // On both partners, in no relationship: the server refuses.
    let both = scope_id(&t, HQ1, "10.1.5.0");
    assert_eq!(rules(&[both]), [(Some(both), Rule::ScopeExistsOnPartner)]);
    let finding = ws.preflight(&param(lb, &[both])).unwrap().remove(0);
    assert_eq!(finding.severity.as_str(), "error");
    assert_eq!(finding.dhcp_error, None);
    assert!(finding.message.contains(HQ2), "{}", finding.message);
    // Already a member: only already-present, not exists-on-partner.
    let member = scope_id(&t, HQ1, "10.1.0.0");
    assert_eq!(rules(&[member]), [(Some(member), Rule::AlreadyPresent)]);
    // hq-02's own copy of 10.1.5.0: refused too, since hq-01 has one.
    let copy = scope_id(&t, HQ2, "10.1.5.0");
    assert_eq!(rules(&[copy]), [(Some(copy), Rule::ScopeExistsOnPartner)]);
    // A scope on another server: scope-not-on-servers, not exists-on-partner.
    let mlm = scope_id(&t, MLM1, "10.2.2.0");
    assert_eq!(rules(&[mlm]), [(Some(mlm), Rule::ScopeNotOnServers)]);
    // malmö-standby: mlm-02's scopes are unknown, so nothing is claimed about them.
    let ms = rel_id(&t, "malmö-standby");
    assert!(ws.preflight(&param(ms, &[mlm])).unwrap().is_empty());
}

#[test]
fn preflight_sees_a_partner_that_is_not_normal() {
    let mut c = before_json();
    c["servers"][1]["failover"][0]["state"] = json!("PartnerDown");
    let t = import_one(json_input("c.json", &c, None)).tables;
    assert_eq!(
        relationship(&t, "hq-loadbalance")["Server2State"],
        "PartnerDown"
    );
    let ws = Workspace::new(Tables::from_json(&t).unwrap());
    let f = ws
        .preflight(&param(
            rel_id(&t, "hq-loadbalance"),
            &[scope_id(&t, HQ1, "10.1.3.0")],
        ))
        .unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, Rule::RelationshipState);
}
