//! The working copy's remove delegate, preflight rules and exports.

mod common;

use common::add;
use ipam_failover::fault::FaultCode;
use ipam_failover::parameter::{RawFailover, RawParameter};
use ipam_failover::progress::{Event, NoProgress, Recorder, SubTaskStatus};
use ipam_failover::raw::{RawId, RawText, Shape};
use ipam_failover::tables::Tables;
use ipam_failover::workspace::{
    change_set_csv, change_set_json, powershell_script, Rule, Severity, Workspace,
};
use serde_json::json;

/// Relationship 1 (hq, servers 100/101, Normal), 2 (br, servers 200/201, PartnerDown),
/// 3 (no name, no servers). Scopes 10..=14 on server 100, 20 on 200, 30 IPv6 on 100,
/// 40 with no address on 100; 10 in 1, 20 in 2.
fn tables() -> Tables {
    Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 1, "RelationshipName": "hq-lb", "Server1RecordId": 100, "Server2RecordId": 101,
              "Server1Name": "dhcp-hq-01", "Server2Name": "dhcp-hq-02", "Server1State": "Normal", "Server2State": "Normal" },
            { "RecordId": 2, "RelationshipName": "br 'o’brien'", "Server1RecordId": 200, "Server2RecordId": 201,
              "Server1Name": "dhcp-br-01", "Server2Name": "dhcp-br-02", "Server1State": "PartnerDown", "Server2State": "Normal" },
            { "RecordId": 3 }
        ],
        "ADM_DhcpScopeFailoverTable": [
            { "ScopeId": 10, "FailoverRelationId": 1 },
            { "ScopeId": 20, "FailoverRelationId": 2 }
        ],
        "ADM_DHCPScopesTable": [
            { "RecordId": 10, "ScopeId": "10.1.0.0", "ScopeName": "HQ floor 1", "DHCPServerRecordId": 100 },
            { "RecordId": 11, "ScopeId": "10.1.1.0", "ScopeName": "=HYPERLINK(\"x\")", "DHCPServerRecordId": 100 },
            { "RecordId": 12, "ScopeId": "10.1.2.0", "ScopeName": "Lab, \"west\"", "DHCPServerRecordId": 101 },
            { "RecordId": 13, "ScopeId": "10.1.3.0", "DHCPServerRecordId": 100 },
            { "RecordId": 14, "ScopeId": "10.1.4.0", "DHCPServerRecordId": 100 },
            { "RecordId": 20, "ScopeId": "10.2.0.0", "DHCPServerRecordId": 200 },
            { "RecordId": 30, "ScopeId": "fd00:1::", "AddressFamily": "IPv6", "DHCPServerRecordId": 100 },
            { "RecordId": 40, "DHCPServerRecordId": 100 }
        ]
    }))
    .unwrap()
}

fn remove(failover: Option<i64>, scopes: &[i64]) -> RawParameter {
    let mut p = add(0, scopes);
    p.failover = failover.map_or(RawFailover::Absent, |f| RawFailover::Object(RawId::from(f)));
    p
}

#[test]
fn remove_without_failover_takes_every_row_of_each_scope() {
    let mut ws = Workspace::new(tables());
    ws.add_scopes(&add(3, &[10]), &mut NoProgress).unwrap();
    let out = ws
        .remove_scopes(&remove(None, &[10, 99]), &mut NoProgress)
        .unwrap();
    assert_eq!(out.removed.len(), 2, "10 was in relationships 1 and 3");
    assert_eq!(
        out.not_found.iter().map(|s| s.scope_id).collect::<Vec<_>>(),
        [99]
    );
}

#[test]
fn remove_with_failover_takes_only_that_relationship() {
    let mut ws = Workspace::new(tables());
    ws.add_scopes(&add(3, &[10]), &mut NoProgress).unwrap();
    let out = ws
        .remove_scopes(&remove(Some(3), &[10]), &mut NoProgress)
        .unwrap();
    assert_eq!(out.removed.len(), 1);
    assert_eq!(out.removed[0].1.relation_id, 3);
    assert!(ws.store().has_scopes_table());
    assert_eq!(ws.store().relations_of(10), [1]);
}

#[test]
fn remove_faults() {
    let mut ws = Workspace::new(tables());
    let before = ws.tables();
    let f = ws
        .remove_scopes(&remove(Some(9), &[10]), &mut NoProgress)
        .unwrap_err();
    assert_eq!((f.code(), f.step()), (FaultCode::FailoverNotFound, Some(3)));
    let f = ws
        .remove_scopes(&remove(None, &[]), &mut NoProgress)
        .unwrap_err();
    assert_eq!(f.code(), FaultCode::EmptyScopeIds);
    let mut p = remove(None, &[10]);
    p.type_tag = RawText::Text("DhcpFailoverWithScopesParameters".into());
    assert_eq!(
        ws.remove_scopes(&p, &mut NoProgress).unwrap_err().code(),
        FaultCode::InvalidParameter
    );
    let mut p = remove(None, &[10]);
    p.operation_id = RawText::Text("RemoveDhcpFailoverScopes".into());
    p.force = Err(Shape::String);
    assert_eq!(
        ws.remove_scopes(&p, &mut NoProgress).unwrap_err().code(),
        FaultCode::InvalidParameter
    );
    // A cancel mid-way changes nothing.
    let mut rec = Recorder {
        cancel_at: Some(2),
        ..Recorder::new(true)
    };
    let f = ws
        .remove_scopes(&remove(None, &[10, 20]), &mut rec)
        .unwrap_err();
    assert_eq!(f.code(), FaultCode::Cancelled);
    assert_eq!(ws.tables(), before);
    assert!(!ws.can_undo());
}

#[test]
fn remove_sub_tasks_say_removed_or_not_applicable() {
    let mut ws = Workspace::new(tables());
    let mut rec = Recorder::new(true);
    ws.remove_scopes(&remove(Some(1), &[10, 20]), &mut rec)
        .unwrap();
    let statuses: Vec<_> = rec
        .events
        .iter()
        .filter_map(|e| match e {
            Event::SetSubTaskStatus(t) => Some((t.scope_id, t.status)),
            _ => None,
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (10, SubTaskStatus::CompletedWithSuccess),
            (20, SubTaskStatus::NotApplicable)
        ]
    );
}

fn rules(
    ws: &Workspace,
    failover: i64,
    scopes: &[i64],
) -> Vec<(Option<i64>, Rule, Severity, Option<u32>)> {
    ws.preflight(&add(failover, scopes))
        .unwrap()
        .into_iter()
        .map(|f| (f.scope_id, f.rule, f.severity, f.dhcp_error))
        .collect()
}

#[test]
fn preflight_finds_each_rule() {
    let ws = Workspace::new(tables());
    let before = ws.to_json();
    assert_eq!(
        rules(&ws, 1, &[10, 11, 20, 12, 30, 99, 40, 11]),
        [
            (Some(10), Rule::AlreadyPresent, Severity::Info, None),
            (
                Some(20),
                Rule::ScopeInOtherRelationship,
                Severity::Error,
                Some(20113)
            ),
            (
                Some(20),
                Rule::ScopeNotOnServers,
                Severity::Error,
                Some(20005)
            ),
            (Some(30), Rule::NotIpv4, Severity::Error, None),
            (Some(99), Rule::ScopeUnknown, Severity::Error, Some(20005)),
            (Some(40), Rule::AddressUnknown, Severity::Warning, None),
        ],
        "11 and 12 (on the partner) are fine; duplicates count once"
    );
    assert_eq!(
        rules(&ws, 2, &[20]),
        [
            (None, Rule::RelationshipState, Severity::Error, Some(20120)),
            (Some(20), Rule::AlreadyPresent, Severity::Info, None)
        ]
    );
    let messages: Vec<String> = ws
        .preflight(&add(1, &[20]))
        .unwrap()
        .into_iter()
        .map(|f| f.message)
        .collect();
    assert_eq!(
        messages[1],
        "scope 20 is hosted on dhcp-br-01 (server 200), which is neither server of hq-lb (RecordId 1)"
    );
    let many: Vec<i64> = (1000..1401).collect();
    let found = rules(&ws, 1, &many);
    assert_eq!(
        found[0],
        (None, Rule::TooManyScopes, Severity::Warning, Some(20130))
    );
    assert_eq!(found.len(), 1 + 401, "and every one of them is unknown");
    assert_eq!(ws.to_json(), before, "preflight changes nothing");
    let f = ws.preflight(&add(9, &[10])).unwrap_err();
    assert_eq!(f.code(), FaultCode::FailoverNotFound);
}

#[test]
fn the_preflight_report_counts_groups_and_bounds() {
    let ws = Workspace::new(tables());
    // 40 (warning) before 10 (info) before 20 (errors) in the request; errors come first.
    let report = ws
        .preflight_report(&add(1, &[40, 10, 11, 20, 99, 20]), 2, &mut NoProgress)
        .unwrap();
    assert_eq!(
        report["summary"],
        json!({ "errorScopes": 2, "generalErrors": 0, "warnings": 1, "present": 1 })
    );
    assert_eq!(report["groupCount"], 4, "40, 10, 20 and 99 have findings");
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "bounded to the limit");
    assert_eq!(
        (groups[0]["id"].clone(), groups[1]["id"].clone()),
        (json!(20), json!(99))
    );
    assert_eq!(groups[0]["name"], "scope 20", "no ScopeName: named by id");
    assert_eq!(groups[0]["address"], "10.2.0.0");
    let rules: Vec<&str> = groups[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["scope-in-other-relationship", "scope-not-on-servers"]
    );
    assert_eq!(groups[0]["findings"][0]["dhcpError"], 20113);
    assert_eq!(report["general"], json!([]));

    let whole = ws
        .preflight_report(&add(2, &[10, 20]), 10, &mut NoProgress)
        .unwrap();
    let order: Vec<i64> = whole["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        order,
        [10, 20],
        "10 has errors (other relationship, not on the servers); 20 only information"
    );
    assert_eq!(whole["general"][0]["rule"], "relationship-state");
    assert_eq!(whole["summary"]["generalErrors"], 1);
    assert_eq!(whole["groups"][0]["name"], "HQ floor 1");
    let clean = ws
        .preflight_report(&add(1, &[11, 12]), 10, &mut NoProgress)
        .unwrap();
    assert_eq!(
        (clean["groupCount"].clone(), clean["groups"].clone()),
        (json!(0), json!([])),
        "nothing to say"
    );
    let f = ws
        .preflight_report(&add(9, &[10]), 10, &mut NoProgress)
        .unwrap_err();
    assert_eq!(f.code(), FaultCode::FailoverNotFound);

    // A long check reports its progress, and the port can cancel it.
    let many: Vec<i64> = (10_000..13_000).collect();
    let mut rec = Recorder::new(false);
    ws.preflight_report(&add(1, &many), 10, &mut rec).unwrap();
    let percents: Vec<u8> = rec.percents();
    assert_eq!(percents, [0, 33, 67], "every 1,024 of 3,000 scopes");
    let mut rec = Recorder::new(false);
    rec.cancel_at = Some(1);
    let f = ws
        .preflight_report(&add(1, &many), 10, &mut rec)
        .unwrap_err();
    assert_eq!(f.code(), FaultCode::Cancelled);
}

#[test]
fn a_scope_already_in_the_relationship_gets_only_already_present() {
    let mut ws = Workspace::new(tables());
    ws.add_scopes(&add(2, &[10]), &mut NoProgress).unwrap();
    // 10 is now in 1 and 2; adding it to 1 again changes nothing, so no 20113 either.
    assert_eq!(
        rules(&ws, 1, &[10]),
        [(Some(10), Rule::AlreadyPresent, Severity::Info, None)]
    );
    assert_eq!(
        rules(&ws, 3, &[10])
            .iter()
            .filter(|f| f.1 == Rule::ScopeInOtherRelationship)
            .count(),
        2
    );
}

#[test]
fn preflight_without_a_scopes_table_checks_relationships_only() {
    let mut t = tables();
    t.scopes = None;
    let ws = Workspace::new(t);
    assert_eq!(
        rules(&ws, 1, &[20, 99]),
        [(
            Some(20),
            Rule::ScopeInOtherRelationship,
            Severity::Error,
            Some(20113)
        )]
    );
}

fn staged() -> Workspace {
    let mut ws = Workspace::new(tables());
    ws.remove_scopes(&remove(Some(2), &[20]), &mut NoProgress)
        .unwrap();
    ws.add_scopes(&add(1, &[11, 12, 40]), &mut NoProgress)
        .unwrap();
    ws.add_scopes(&add(2, &[13]), &mut NoProgress).unwrap();
    ws.add_scopes(&add(3, &[14]), &mut NoProgress).unwrap();
    ws
}

#[test]
fn diff_counts_per_relationship() {
    let d = staged().diff();
    assert_eq!(d.added, [(11, 1), (12, 1), (40, 1), (13, 2), (14, 3)]);
    assert_eq!(d.removed, [(20, 2)]);
    let counts: Vec<_> = d
        .relationships
        .iter()
        .map(|r| (r.relation_id, r.name.clone(), r.added, r.removed))
        .collect();
    assert_eq!(
        counts,
        [
            (1, Some("hq-lb".into()), 3, 0),
            (2, Some("br 'o’brien'".into()), 1, 1),
            (3, None, 1, 0)
        ]
    );
}

#[test]
fn csv_quotes_and_defuses_formulas() {
    let ws = staged();
    let csv = change_set_csv(ws.store(), &ws.diff());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Change,ScopeId,ScopeAddress,ScopeName,FailoverRelationId,RelationshipName"
    );
    assert_eq!(lines[1], "remove,20,10.2.0.0,,2,br 'o’brien'");
    assert_eq!(
        lines[2],
        "add,11,10.1.1.0,\"'=HYPERLINK(\"\"x\"\")\",1,hq-lb"
    );
    assert_eq!(lines[3], "add,12,10.1.2.0,\"Lab, \"\"west\"\"\",1,hq-lb");
    assert_eq!(
        lines.len(),
        8,
        "header, 6 changes, and the final empty line"
    );
}

#[test]
fn json_change_set_lists_both_kinds() {
    let ws = staged();
    let v: serde_json::Value =
        serde_json::from_str(&change_set_json(ws.store(), &ws.diff())).unwrap();
    assert_eq!(v["removed"][0]["ScopeAddress"], "10.2.0.0");
    assert_eq!(v["added"].as_array().unwrap().len(), 5);
    assert_eq!(v["relationships"][1]["removed"], 1);
}

#[test]
fn powershell_removes_first_quotes_names_and_flags_what_it_cannot_write() {
    let ws = staged();
    let ps = powershell_script(ws.store(), &ws.diff());
    let commands: Vec<&str> = ps
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains("-DhcpServerv4FailoverScope"))
        .collect();
    assert_eq!(
        commands,
        [
            "Remove-DhcpServerv4FailoverScope -ComputerName 'dhcp-br-01' -Name 'br ''o’’brien''' -ScopeId '10.2.0.0'",
            "Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-hq-01' -Name 'hq-lb' -ScopeId '10.1.1.0'",
            "Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-hq-02' -Name 'hq-lb' -ScopeId '10.1.2.0'",
            "Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-br-01' -Name 'br ''o’’brien''' -ScopeId '10.1.3.0'",
        ]
    );
    assert!(ps.contains("# FLAGGED: scope RecordId 40 (add to relationship 1): no IPv4 address"));
    assert!(ps.contains("# FLAGGED: scope RecordId 14 (add to relationship 3): the relationship has no RelationshipName"));
    assert!(ps.find("Remove-").unwrap() < ps.find("Add-Dhcp").unwrap());
}

#[test]
fn export_picks_the_format_and_refuses_others() {
    let ws = staged();
    assert!(ws
        .export_change_set("csv")
        .unwrap()
        .starts_with("Change,ScopeId"));
    assert!(ws
        .export_change_set("powershell")
        .unwrap()
        .contains("Add-DhcpServerv4FailoverScope"));
    assert!(ws
        .export_change_set("json")
        .unwrap()
        .contains("ipam-failover-change-set"));
    let f = ws.export_change_set("xml").unwrap_err();
    assert_eq!((f.code(), f.step()), (FaultCode::InvalidParameter, None));
    assert!(f.message().contains("got \"xml\""), "{f}");
}

#[test]
fn powershell_splits_at_400_scope_ids() {
    let ids: Vec<i64> = (1..=901).collect();
    let scopes: Vec<_> = ids
        .iter()
        .map(|i| json!({ "RecordId": i, "ScopeId": format!("10.{}.{}.0", i / 256, i % 256), "DHCPServerRecordId": 100 }))
        .collect();
    let t = Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": [{ "RecordId": 1, "RelationshipName": "hq", "Server1RecordId": 100, "Server1Name": "a" }],
        "ADM_DhcpScopeFailoverTable": [],
        "ADM_DHCPScopesTable": scopes
    }))
    .unwrap();
    let mut ws = Workspace::new(t);
    ws.add_scopes(&add(1, &ids), &mut NoProgress).unwrap();
    let ps = powershell_script(ws.store(), &ws.diff());
    let counts: Vec<usize> = ps
        .lines()
        .filter(|l| l.starts_with("Add-"))
        .map(|l| l.matches(", ").count() + 1)
        .collect();
    assert_eq!(counts, [400, 400, 101]);
}
