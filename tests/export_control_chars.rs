//! The PowerShell export never writes a name holding a line-breaking character (control
//! characters other than tab, U+2028, U+2029) into a command: such changes are flagged.
#![cfg(not(target_arch = "wasm32"))]

use ipam_failover::parameter::RawParameter;
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::RawId;
use ipam_failover::tables::Tables;
use ipam_failover::workspace::Workspace;
use serde_json::json;

fn script(relationship: &str, server: &str) -> String {
    let tables = Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": [{ "RecordId": 1, "RelationshipName": relationship,
            "Server1RecordId": 100, "Server1Name": server }],
        "ADM_DhcpScopeFailoverTable": [],
        "ADM_DHCPScopesTable": [{ "RecordId": 11, "ScopeId": "10.0.2.0", "DHCPServerRecordId": 100 }]
    }))
    .unwrap();
    let mut ws = Workspace::new(tables);
    ws.add_scopes(
        &RawParameter::new(1, vec![RawId::from(11)]),
        &mut NoProgress,
    )
    .unwrap();
    ws.export_change_set("powershell").unwrap()
}

#[test]
fn names_with_line_breaks_are_flagged_not_written() {
    for (rel, server) in [
        ("a\nRemove-Item C:\\ #", "dhcp-01"),
        ("a\rb", "dhcp-01"),
        ("a\u{2028}b", "dhcp-01"),
        ("a\u{85}b", "dhcp-01"),
        ("a\u{0}b", "dhcp-01"),
        ("ok", "dhcp\n01"),
    ] {
        let s = script(rel, server);
        assert!(!s.contains("Add-DhcpServerv4FailoverScope"), "{s}");
        assert_eq!(s.matches("# FLAGGED:").count(), 1, "{s}");
        assert!(s.contains("control characters"), "{s}");
        assert!(!s.contains("Remove-Item"), "the name is not echoed: {s}");
        for line in s.lines() {
            assert!(
                line.starts_with('#')
                    || line.is_empty()
                    || line.starts_with("$ErrorActionPreference"),
                "{line:?}"
            );
        }
    }
}

#[test]
fn tab_and_quotes_are_written_quoted() {
    let s = script("tab\there ‘q’ 'x'", "dhcp-01");
    assert!(
        s.contains("Add-DhcpServerv4FailoverScope -ComputerName 'dhcp-01' -Name 'tab\there ‘‘q’’ ''x''' -ScopeId '10.0.2.0'"),
        "{s}"
    );
    assert!(!s.contains("FLAGGED"));
}
