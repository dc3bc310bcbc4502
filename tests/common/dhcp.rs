//! Shared helpers for the import tests: the fixtures under tests/fixtures/dhcp/.
#![allow(dead_code)]

use ipam_failover::import::{import_dhcp, Imported, Input};
use serde_json::Value;

pub const HQ1: &str = "dhcp-hq-01.corp.example";
pub const HQ2: &str = "dhcp-hq-02.corp.example";
pub const MLM1: &str = "dhcp-mlm-01.corp.example";
pub const MLM2: &str = "dhcp-mlm-02.corp.example";
pub const HOSTILE_REL: &str = "hq-voice \u{2018}standby\u{2019} $(Get-Date) `whoami` 'x'";

/// The bytes of a fixture.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/dhcp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An input from a fixture.
pub fn input(name: &str, server: Option<&str>) -> Input {
    Input {
        name: name.to_owned(),
        bytes: fixture(name),
        server: server.map(String::from),
    }
}

/// An input from a JSON value.
pub fn json_input(name: &str, value: &Value, server: Option<&str>) -> Input {
    Input {
        name: name.to_owned(),
        bytes: serde_json::to_vec(value).unwrap(),
        server: server.map(String::from),
    }
}

/// The "before" collection as JSON, to edit.
pub fn before_json() -> Value {
    serde_json::from_slice(&fixture("collection-before.json")).unwrap()
}

/// Imports one input.
pub fn import_one(input: Input) -> Imported {
    import_dhcp(&[input]).unwrap_or_else(|f| panic!("{f}"))
}

/// The "before" network imported from its collection.
pub fn before() -> Imported {
    import_one(input("collection-before.json", None))
}

/// The raw PowerShell and XML files describing the same network as the collection.
pub fn raw_inputs() -> Vec<Input> {
    vec![
        input("ps51-failover-hq-01.json", Some(HQ1)),
        input("ps51-scopes-hq-01.json", Some("DHCP-HQ-01")),
        input("ps7-failover-hq-02.json", None),
        input(
            "ps7-scopes-hq-02.json",
            Some("ignored: PSComputerName wins"),
        ),
        input("ps51-failover-mlm-01.utf16le.json", None),
        input("export-mlm-01.xml", Some("DHCP-MLM-01")),
    ]
}

/// The rows of a table.
pub fn rows<'a>(tables: &'a Value, table: &str) -> &'a Vec<Value> {
    tables[table].as_array().expect("a table array")
}

/// The failover row named `name`.
pub fn relationship<'a>(tables: &'a Value, name: &str) -> &'a Value {
    rows(tables, "ADM_DhcpFailoverTable")
        .iter()
        .find(|r| r["RelationshipName"] == name)
        .unwrap_or_else(|| panic!("no relationship {name}"))
}

/// The scope row with this address on this server.
pub fn scope<'a>(tables: &'a Value, server: &str, address: &str) -> Option<&'a Value> {
    rows(tables, "ADM_DHCPScopesTable")
        .iter()
        .find(|r| r["ScopeId"] == address && r["DHCPServerName"] == server)
}

/// The member addresses of a relationship, sorted.
pub fn members(tables: &Value, name: &str) -> Vec<String> {
    let id = &relationship(tables, name)["RecordId"];
    let mut out: Vec<String> = rows(tables, "ADM_DhcpScopeFailoverTable")
        .iter()
        .filter(|p| &p["FailoverRelationId"] == id)
        .map(|p| {
            rows(tables, "ADM_DHCPScopesTable")
                .iter()
                .find(|s| s["RecordId"] == p["ScopeId"])
                .map(|s| s["ScopeId"].as_str().unwrap().to_owned())
                .expect("the pair's scope has a row")
        })
        .collect();
    out.sort();
    out
}
