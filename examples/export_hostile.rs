//! Writes the PowerShell change-set scripts the export produces for hostile names, with
//! what each must contain, for `tests/powershell/check_ps.py` to parse and compare.
//!
//! `cargo run --example export_hostile -- [OUT_DIR]` (default `target/export-hostile`)
//! writes `case-N.ps1` files and `expected.json`: per script, the intended commands
//! (cmdlet, -ComputerName, -Name, -ScopeId values, unquoted) and how many changes must
//! appear only as `# FLAGGED:` comments.

use ipam_failover::parameter::{RawFailover, RawParameter};
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::RawId;
use ipam_failover::tables::Tables;
use ipam_failover::workspace::Workspace;
use serde_json::{json, Value};

/// Relationship and server names: quotes of every kind, subexpressions, backticks,
/// variables, operators, tab (allowed), and line-breaking characters (flagged).
const NAMES: &[(&str, &str)] = &[
    ("hq-loadbalance", "dhcp-hq-01.corp.example"),
    (
        "o'brien \u{2018}x\u{2019} \u{201A}y\u{201B} ''",
        "dhcp-'a'.corp.example",
    ),
    (
        "$(Remove-Item C:\\ -Recurse) `whoami` ${env:PATH} @(1); & | > \" \"\" #",
        "$(hostname)",
    ),
    ("tab\there", "dhcp\t01"),
    ("Malmö ‘kontor’ `$x`", "dhcp-mlm-01"),
    ("line\nbreak'; Remove-Item C:\\ #", "dhcp-hq-01"),
    ("carriage\rreturn", "dhcp-hq-01"),
    ("sep\u{2028}arator", "dhcp-hq-01"),
    ("plain", "server\nwith newline"),
    ("nel\u{85}x", "dhcp-hq-01"),
    ("bell\u{7}", "dhcp-hq-01"),
];

fn line_breaking(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}'))
}

fn script(relationship: &str, server: &str) -> String {
    let tables = Tables::from_json(&json!({
        "ADM_DhcpFailoverTable": [{ "RecordId": 1, "RelationshipName": relationship,
            "Server1RecordId": 100, "Server1Name": server, "Server2RecordId": 101, "Server2Name": "partner" }],
        "ADM_DhcpScopeFailoverTable": [{ "ScopeId": 10, "FailoverRelationId": 1 }],
        "ADM_DHCPScopesTable": [
            { "RecordId": 10, "ScopeId": "10.0.1.0", "DHCPServerRecordId": 100 },
            { "RecordId": 11, "ScopeId": "10.0.2.0", "DHCPServerRecordId": 100 },
            { "RecordId": 12, "ScopeId": "10.0.3.0", "DHCPServerRecordId": 100 }
        ]
    }))
    .expect("valid tables");
    let mut ws = Workspace::new(tables);
    let ids = |s: &[i64]| s.iter().map(|i| RawId::from(*i)).collect();
    ws.add_scopes(&RawParameter::new(1, ids(&[11, 12])), &mut NoProgress)
        .expect("add");
    let mut remove = RawParameter::new(0, ids(&[10]));
    remove.failover = RawFailover::Object(RawId::from(1));
    ws.remove_scopes(&remove, &mut NoProgress).expect("remove");
    ws.export_change_set("powershell").expect("export")
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/export-hostile".into());
    std::fs::create_dir_all(&dir)?;
    let mut expected = Vec::new();
    for (n, (relationship, server)) in NAMES.iter().enumerate() {
        let file = format!("case-{n}.ps1");
        std::fs::write(format!("{dir}/{file}"), script(relationship, server))?;
        let flagged = line_breaking(relationship) || line_breaking(server);
        let commands: Vec<Value> = if flagged {
            vec![]
        } else {
            vec![
                json!({ "cmdlet": "Remove-DhcpServerv4FailoverScope", "ComputerName": server, "Name": relationship, "ScopeId": ["10.0.1.0"] }),
                json!({ "cmdlet": "Add-DhcpServerv4FailoverScope", "ComputerName": server, "Name": relationship, "ScopeId": ["10.0.2.0", "10.0.3.0"] }),
            ]
        };
        expected.push(json!({
            "file": file,
            "relationship": relationship,
            "server": server,
            "commands": commands,
            "flagged": if flagged { 3 } else { 0 },
        }));
    }
    let text = serde_json::to_string_pretty(&expected).unwrap_or_default();
    std::fs::write(format!("{dir}/expected.json"), text)?;
    println!("wrote {} scripts and expected.json to {dir}", NAMES.len());
    Ok(())
}
