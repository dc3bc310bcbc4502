//! The packed working copy (what the page stores): a copy with a scopes table, servers,
//! odd rows and history reads back the same in every respect the page and the exports
//! use, and every damaged copy is refused with INVALID_SNAPSHOT, never a panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::add;
use ipam_failover::fault::FaultCode;
use ipam_failover::parameter::{RawFailover, RawParameter};
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::RawText;
use ipam_failover::workspace::{Query, RawQuery, Workspace};

const TABLES: &str = r#"{
  "ADM_DhcpFailoverTable": [
    {"RecordId": 1, "RelationshipName": "hq-lb", "Server1RecordId": 100, "Server2RecordId": 101, "Server1Name": "dhcp-a.corp.example", "Server2Name": "dhcp-b.corp.example", "Mode": "LoadBalance"},
    {"RecordId": 2, "RelationshipName": "br-hs \"quoted\" ☃", "Server1RecordId": 100, "Server2RecordId": 102}
  ],
  "ADM_DhcpScopeFailoverTable": [
    {"ScopeId": 10, "FailoverRelationId": 1},
    {"ScopeId": 11, "FailoverRelationId": 2, "Note": "kept"},
    {"ScopeId": 99, "FailoverRelationId": 1}
  ],
  "ADM_DHCPScopesTable": [
    {"RecordId": 10, "ScopeId": "10.0.0.0", "SubnetMask": "255.255.255.0", "ScopeName": "hq wired", "DHCPServerRecordId": 100},
    {"RecordId": 11, "ScopeId": "10.0.1.0", "SubnetMask": "255.255.255.0", "ScopeName": "naïve ☃ \"name\"", "DHCPServerRecordId": 101, "Nested": {"a": [1, 2]}},
    {"RecordId": 12, "ScopeId": "10.0.2.0", "SubnetMask": "255.255.254.0", "ScopeName": "branch", "DHCPServerRecordId": 102},
    {"RecordId": 13, "ScopeName": "no address", "ParentDhcpServerRecordId": 100},
    {"RecordId": 9000000000, "ScopeId": "10.9.0.0", "SubnetMask": "255.255.255.0", "DHCPServerRecordId": 555}
  ]
}"#;

fn remove(failover: Option<i64>, scopes: &[i64]) -> RawParameter {
    let mut p = add(0, scopes);
    p.failover = match failover {
        Some(f) => RawFailover::Object(ipam_failover::raw::RawId::from(f)),
        None => RawFailover::Absent,
    };
    p.type_tag = RawText::Text("DhcpFailoverRemoveScopesParameters".into());
    p
}

/// A copy with history: two adds (one of a scope only the pairs will list), a remove,
/// and the last change undone.
fn worked() -> Workspace {
    let mut ws = Workspace::from_text(TABLES).unwrap();
    ws.add_scopes(&add(1, &[12, 13]), &mut NoProgress).unwrap();
    ws.add_scopes(&add(2, &[77]), &mut NoProgress).unwrap();
    ws.remove_scopes(&remove(None, &[10, 11]), &mut NoProgress)
        .unwrap();
    assert!(ws.undo());
    ws
}

fn all(ws: &mut Workspace) -> Vec<i64> {
    let query: Query = RawQuery {
        limit: Some(1000.0),
        ..RawQuery::default()
    }
    .validate()
    .unwrap();
    let (_, at) = ws.query(&query);
    at.into_iter().map(|i| ws.view().entry_at(i).id).collect()
}

#[test]
fn a_packed_copy_reads_back_the_same() {
    let mut ws = worked();
    let packed = ws.to_packed();
    assert_eq!(ws.packed_len(), packed.len());
    let mut back = Workspace::from_packed(&packed).unwrap();
    assert_eq!(back.to_json(), ws.to_json(), "tables and history");
    assert_eq!(
        back.view().entries().collect::<Vec<_>>(),
        ws.view().entries().collect::<Vec<_>>()
    );
    assert_eq!(back.view().servers(), ws.view().servers());
    assert_eq!(all(&mut back), all(&mut ws));
    assert_eq!(back.baseline_tables(), ws.baseline_tables());
    assert_eq!(back.in_any_count(), ws.in_any_count());
    assert_eq!(back.diff(), ws.diff());
    // The partner check reads the same scope rows and addresses.
    let probe = add(1, &[10, 11, 12, 13, 9000000000]);
    assert_eq!(
        back.preflight(&probe).unwrap(),
        ws.preflight(&probe).unwrap()
    );
    // And the history goes on the same way.
    assert!(back.redo() && ws.redo());
    assert_eq!(back.to_json(), ws.to_json());
    assert!(back.undo() && back.undo() && back.undo());
    assert!(!back.undo());
    assert_eq!(back.tables(), ws.baseline_tables());
    // Read from an owned buffer (the text kept in place), the same copy.
    let owned = Workspace::from_packed_vec(packed.clone()).unwrap();
    assert_eq!(
        owned.to_json(),
        Workspace::from_packed(&packed).unwrap().to_json()
    );
    assert_eq!(
        owned.view().entries().collect::<Vec<_>>(),
        ws.view().entries().collect::<Vec<_>>()
    );
    assert_eq!(
        owned.store().scope(11),
        Workspace::from_packed(&packed).unwrap().store().scope(11)
    );
    // Packing again gives the same bytes.
    assert_eq!(Workspace::from_packed(&packed).unwrap().to_packed(), packed);
}

#[test]
fn a_copy_without_a_scopes_table_or_history_reads_back() {
    let ws = Workspace::new(common::sample());
    let back = Workspace::from_packed(&ws.to_packed()).unwrap();
    assert_eq!(back.to_json(), ws.to_json());
    assert!(!back.store().has_scopes_table());
}

fn refused(bytes: &[u8]) -> String {
    if let Ok(ws) = Workspace::from_packed_vec(bytes.to_vec()) {
        panic!(
            "a damaged copy of {} bytes was read from a buffer: {}",
            bytes.len(),
            ws.to_json()
        );
    }
    match Workspace::from_packed(bytes) {
        Ok(_) => panic!("a damaged copy of {} bytes was read", bytes.len()),
        Err(f) => {
            assert_eq!(f.code(), FaultCode::InvalidSnapshot, "{f}");
            f.message().to_owned()
        }
    }
}

#[test]
fn every_cut_and_every_flipped_byte_is_refused() {
    let packed = worked().to_packed();
    for len in 0..packed.len() {
        let message = refused(&packed[..len]);
        assert!(
            message.starts_with("the saved working copy cannot be read: "),
            "{message}"
        );
    }
    for at in 0..packed.len() {
        let mut bytes = packed.clone();
        bytes[at] ^= 0x10;
        refused(&bytes);
    }
    assert!(
        refused(b"{\"format\":\"ipam-failover-workspace\"}").contains("not a packed working copy")
    );
    let mut longer = packed.clone();
    longer.push(0);
    refused(&longer);
}
