//! The working tables as indented JSON text (`Workspace::write_tables_text`, what the
//! page's "working tables" export saves): the same text serde_json's pretty printer gives
//! the tables as JSON, in pieces of about a megabyte.

mod common;

use common::add;
use ipam_failover::progress::NoProgress;
use ipam_failover::workspace::Workspace;
use serde_json::json;

/// The tables' text as the pretty printer writes their JSON: the reference.
fn reference(ws: &Workspace) -> String {
    serde_json::to_string_pretty(&ws.tables().to_json()).unwrap()
}

#[test]
fn the_text_is_the_tables_pretty_printed_row_for_row() {
    let text = json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 1, "RelationshipName": "hq \"lb\"\n\u{1}é", "Server1RecordId": 100, "Tags": [], "Nested": { "a": [1, { "b": null }] } },
            { "RecordId": 9_007_199_254_740_993_i64, "RelationshipName": "big" }
        ],
        "ADM_DhcpScopeFailoverTable": [
            { "ScopeId": 10, "FailoverRelationId": 1 },
            { "ScopeId": 20, "FailoverRelationId": 9_007_199_254_740_993_i64, "Note": "kept", "Empty": {} }
        ],
        "ADM_DHCPScopesTable": [
            { "ScopeName": "first", "RecordId": 10, "Size": 1.5, "Flag": true },
            { "RecordId": 20, "ScopeName": "quote \" and \\ and \u{2028}" },
            { "RecordId": 30 }
        ]
    })
    .to_string();
    let mut ws = Workspace::from_text(&text).unwrap();
    assert_eq!(ws.tables_text(), reference(&ws));
    // After changes: an added row, a removed one.
    ws.add_scopes(&add(1, &[30, 20]), &mut NoProgress).unwrap();
    ws.remove_scopes(&add(1, &[10]), &mut NoProgress).unwrap();
    let written = ws.tables_text();
    assert_eq!(written, reference(&ws));
    assert!(
        written.contains("\n    {\n      \"ScopeId\": 30,\n      \"FailoverRelationId\": 1\n    }")
    );
    assert!(
        written.contains("\"RecordId\": 9007199254740993,\n"),
        "digit for digit"
    );
}

#[test]
fn without_a_scopes_table_or_rows_the_tables_are_still_written() {
    let text = json!({ "ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [] }).to_string();
    let ws = Workspace::from_text(&text).unwrap();
    assert_eq!(ws.tables_text(), reference(&ws));
    assert_eq!(
        ws.tables_text(),
        "{\n  \"ADM_DhcpFailoverTable\": [],\n  \"ADM_DhcpScopeFailoverTable\": []\n}"
    );
}

#[test]
fn a_large_copy_comes_in_pieces_of_about_a_megabyte() {
    let scopes: Vec<_> = (0..20_000)
        .map(|i| json!({ "RecordId": i, "ScopeId": format!("10.{}.{}.0", i / 256, i % 256), "ScopeName": format!("scope {i}") }))
        .collect();
    let pairs: Vec<_> = (0..10_000)
        .map(|i| json!({ "ScopeId": i * 2, "FailoverRelationId": 1 }))
        .collect();
    let text = json!({
        "ADM_DhcpFailoverTable": [{ "RecordId": 1 }],
        "ADM_DhcpScopeFailoverTable": pairs,
        "ADM_DHCPScopesTable": scopes
    })
    .to_string();
    let ws = Workspace::from_text(&text).unwrap();
    let mut pieces: Vec<String> = Vec::new();
    ws.write_tables_text(&mut |piece| pieces.push(piece.to_owned()));
    assert!(pieces.len() >= 2, "{} pieces", pieces.len());
    let (last, whole) = pieces.split_last().unwrap();
    assert!(!last.is_empty());
    assert!(whole
        .iter()
        .all(|p| p.len() >= 1 << 20 && p.len() < (1 << 20) + 4096));
    assert_eq!(pieces.concat(), reference(&ws));
}
