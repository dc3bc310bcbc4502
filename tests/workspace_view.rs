//! The working copy's view for the page: queries (filters, sorts, windows), selection
//! across pages, summaries, the outcome of the last change, and building from JSON text.

mod common;

use common::add;
use ipam_failover::fault::FaultCode;
use ipam_failover::parameter::RawFailover;
use ipam_failover::progress::NoProgress;
use ipam_failover::workspace::{parse_prefix, RawQuery, Workspace};
use serde_json::{json, Value};

/// Relationships 1 (hq-lb, servers 100/101) and 2 (br-hs, 200/201); scopes on 100, 101
/// and 200 with addresses that sort differently as text and as addresses; 10 in 1, 20 in
/// 2; scope 99 only in the pair table.
fn text() -> String {
    json!({
        "ADM_DhcpFailoverTable": [
            { "RecordId": 1, "RelationshipName": "hq-lb", "Mode": "LoadBalance", "Server1RecordId": 100, "Server2RecordId": 101,
              "Server1Name": "dhcp-hq-01.corp.example", "Server2Name": "dhcp-hq-02.corp.example", "Server1State": "Normal" },
            { "RecordId": 2, "RelationshipName": "br-hs", "Mode": "HotStandby", "Server1RecordId": 200, "Server2RecordId": 201,
              "Server1Name": "dhcp-br-01.corp.example", "Server2IP": "192.0.2.11" }
        ],
        "ADM_DhcpScopeFailoverTable": [
            { "ScopeId": 10, "FailoverRelationId": 1 },
            { "ScopeId": 20, "FailoverRelationId": 2 },
            { "ScopeId": 99, "FailoverRelationId": 2 }
        ],
        "ADM_DHCPScopesTable": [
            { "RecordId": 10, "ScopeId": "10.10.0.0", "SubnetMask": "255.255.255.0", "ScopeName": "HQ Wired", "DHCPServerRecordId": 100 },
            { "RecordId": 11, "ScopeId": "10.2.0.0", "SubnetMask": "255.255.255.0", "ScopeName": "HQ Wi-Fi", "DHCPServerRecordId": 100 },
            { "RecordId": 12, "ScopeId": "10.9.0.0", "SubnetMask": "255.255.0.0", "ScopeName": "Malmö Lab", "DHCPServerRecordId": 101 },
            { "RecordId": 13, "ScopeId": "10.20.5.0", "SubnetMask": "255.255.255.0", "ScopeName": "hq voice", "DHCPServerRecordId": 100 },
            { "RecordId": 20, "ScopeId": "172.16.0.0", "SubnetMask": "255.255.255.0", "ScopeName": "Branch", "DHCPServerRecordId": 200 },
            { "RecordId": 21, "ScopeId": "172.16.1.0", "ScopeName": "Branch guests", "DHCPServerRecordId": 200 }
        ]
    })
    .to_string()
}

fn ws() -> Workspace {
    Workspace::from_text(&text()).expect("valid tables")
}

fn query(value: Value) -> ipam_failover::workspace::Query {
    let s = |k: &str| value.get(k).and_then(Value::as_str).map(String::from);
    RawQuery {
        text: s("text"),
        prefix: s("prefix"),
        server: s("server"),
        membership: s("membership"),
        relationship: value.get("relationship").and_then(Value::as_i64),
        sort: s("sort"),
        descending: value
            .get("descending")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        offset: value.get("offset").and_then(Value::as_f64),
        limit: value.get("limit").and_then(Value::as_f64),
    }
    .validate()
    .expect("a valid query")
}

fn ids(page: &Value) -> Vec<i64> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn lists_every_scope_then_pair_only_ids_with_addresses_and_servers() {
    let mut ws = ws();
    let page = ws.scope_page(&query(json!({})));
    assert_eq!(page["total"], 7);
    assert_eq!(ids(&page), [10, 11, 12, 13, 20, 21, 99]);
    let first = &page["rows"][0];
    assert_eq!(first["address"], "10.10.0.0/24");
    assert_eq!(first["server"], "dhcp-hq-01");
    assert_eq!(
        first["relationships"],
        json!([{ "id": 1, "name": "hq-lb", "known": true, "staged": false }])
    );
    assert_eq!(first["known"], true);
    assert_eq!(
        page["rows"][5]["address"], "172.16.1.0",
        "no mask: the address alone"
    );
    assert_eq!(page["rows"][6]["known"], false);
    assert_eq!(page["rows"][6]["address"], "");
}

#[test]
fn addresses_sort_as_addresses_both_ways() {
    let mut ws = ws();
    let page = ws.scope_page(&query(json!({ "sort": "address" })));
    assert_eq!(ids(&page), [11, 12, 10, 13, 20, 21, 99]);
    let page = ws.scope_page(&query(json!({ "sort": "address", "descending": true })));
    assert_eq!(ids(&page), [99, 21, 20, 13, 10, 12, 11]);
}

#[test]
fn sorts_by_name_server_and_relationship() {
    let mut ws = ws();
    let page = ws.scope_page(&query(json!({ "sort": "name" })));
    // Case-insensitive; the unnamed pair-only scope last.
    assert_eq!(ids(&page), [20, 21, 13, 11, 10, 12, 99]);
    let page = ws.scope_page(&query(json!({ "sort": "relationships" })));
    assert_eq!(
        ids(&page)[..3],
        [20, 99, 10],
        "br-hs before hq-lb, none last"
    );
    let page = ws.scope_page(&query(json!({ "sort": "server", "limit": 2 })));
    assert_eq!(ids(&page), [20, 21], "dhcp-br-01 first");
}

#[test]
fn text_prefix_server_and_membership_filters_combine() {
    let mut ws = ws();
    let page = ws.scope_page(&query(json!({ "text": "HQ" })));
    assert_eq!(ids(&page), [10, 11, 13]);
    let page = ws.scope_page(&query(json!({ "text": "malmö" })));
    assert_eq!(ids(&page), [12], "non-ASCII folds too");
    // "10.2" by address: 10.2.0.0/16 only, not 10.20.5.0 (a text match would take both).
    let page = ws.scope_page(&query(json!({ "prefix": "10.2" })));
    assert_eq!(ids(&page), [11]);
    let page = ws.scope_page(&query(json!({ "prefix": "10.0.0.0/11" })));
    assert_eq!(ids(&page), [10, 11, 12, 13]);
    let page = ws.scope_page(&query(json!({ "server": "100", "membership": "in-none" })));
    assert_eq!(ids(&page), [11, 13]);
    let page = ws.scope_page(&query(
        json!({ "membership": "in-other", "relationship": 1 }),
    ));
    assert_eq!(ids(&page), [20, 99]);
    let page = ws.scope_page(&query(
        json!({ "membership": "in-relationship", "relationship": 2, "text": "branch" }),
    ));
    assert_eq!(ids(&page), [20]);
    let page = ws.scope_page(&query(json!({ "membership": "in-any" })));
    assert_eq!(page["total"], 3);
}

#[test]
fn windows_count_every_match() {
    let mut ws = ws();
    let page = ws.scope_page(&query(json!({ "offset": 2, "limit": 3 })));
    assert_eq!(page["total"], 7);
    assert_eq!(page["offset"], 2);
    assert_eq!(ids(&page), [12, 13, 20]);
}

#[test]
fn bad_queries_are_refused_with_a_message() {
    for (raw, says) in [
        (json!({ "prefix": "10.300." }), "address prefix"),
        (json!({ "prefix": "10.0.0.0/40" }), "address prefix"),
        (
            json!({ "membership": "in-relationship" }),
            "needs the relationship",
        ),
        (json!({ "membership": "maybe" }), "membership must be"),
        (json!({ "sort": "size" }), "sort must be"),
        (json!({ "offset": -1.0 }), "offset"),
        (json!({ "limit": 1.5 }), "limit"),
        (json!({ "server": "dhcp-hq-01" }), "server key"),
    ] {
        let s = |k: &str| raw.get(k).and_then(Value::as_str).map(String::from);
        let fault = RawQuery {
            prefix: s("prefix"),
            membership: s("membership"),
            sort: s("sort"),
            server: s("server"),
            offset: raw.get("offset").and_then(Value::as_f64),
            limit: raw.get("limit").and_then(Value::as_f64),
            ..RawQuery::default()
        }
        .validate()
        .expect_err("refused");
        assert_eq!(fault.code(), FaultCode::InvalidParameter);
        assert!(fault.message().contains(says), "{raw}: {}", fault.message());
    }
    assert_eq!(parse_prefix("10.20."), Some((0x0A14_0000, 0xFFFF_0000)));
    assert_eq!(
        parse_prefix("10.20.0.0/16"),
        Some((0x0A14_0000, 0xFFFF_0000))
    );
    assert_eq!(
        parse_prefix("10.20.1.7/24"),
        Some((0x0A14_0100, 0xFFFF_FF00))
    );
}

#[test]
fn selection_spans_pages_and_feeds_the_add() {
    let mut ws = ws();
    let none = query(json!({ "membership": "in-none", "server": "100", "limit": 1 }));
    ws.select_matching(&none, true);
    assert_eq!(
        ws.view().selection_count(),
        2,
        "every match, not only the window"
    );
    ws.view_mut().select_ids(&[12, 12, 4242], Some(true));
    assert_eq!(
        ws.view().selected_ids(),
        [11, 12, 13],
        "table order; unknown ids ignored"
    );
    ws.view_mut().select_ids(&[11], None);
    assert_eq!(ws.view().selected_ids(), [12, 13]);
    let page = ws.scope_page(&query(json!({})));
    let selected: Vec<bool> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["selected"].as_bool().unwrap())
        .collect();
    assert_eq!(selected, [false, false, true, true, false, false, false]);
    let ids = ws.view().selected_ids();
    ws.add_scopes(&add(1, &ids), &mut NoProgress).unwrap();
    assert_eq!(
        ws.view().selection_count(),
        2,
        "a change keeps the selection"
    );
    ws.select_matching(&query(json!({ "text": "lab" })), false);
    assert_eq!(ws.view().selected_ids(), [13]);
    ws.view_mut().clear_selection();
    assert_eq!(ws.view().selection_count(), 0);
}

#[test]
fn changes_show_in_rows_summaries_and_outcome() {
    let mut ws = ws();
    ws.add_scopes(&add(1, &[11, 10, 11, 55]), &mut NoProgress)
        .unwrap();
    assert_eq!(
        ws.last_outcome_json(),
        json!({ "kind": "add", "changed": [11, 55], "unchanged": [10], "total": 3 })
    );
    let page = ws.scope_page(&query(
        json!({ "membership": "in-relationship", "relationship": 1 }),
    ));
    assert_eq!(ids(&page), [10, 11, 55], "a new pair-only scope is listed");
    assert_eq!(page["rows"][0]["staged"], false);
    assert_eq!(page["rows"][1]["staged"], true);

    let mut remove = add(0, &[20, 12]);
    remove.failover = RawFailover::Absent;
    ws.remove_scopes(&remove, &mut NoProgress).unwrap();
    assert_eq!(
        ws.last_outcome_json(),
        json!({ "kind": "remove", "changed": [20], "unchanged": [12], "total": 2 })
    );
    let page = ws.scope_page(&query(json!({ "text": "branch", "limit": 1 })));
    assert_eq!(
        page["rows"][0]["removedFrom"],
        json!([{ "id": 2, "name": "br-hs", "known": true }])
    );
    assert_eq!(
        ws.scope_labels(&[11, 4242, 55]),
        json!([{ "id": 11, "label": "HQ Wi-Fi 10.2.0.0/24", "known": true, "name": "HQ Wi-Fi", "address": "10.2.0.0/24" },
               { "id": 4242, "label": "scope 4242", "known": false, "name": "", "address": "" },
               { "id": 55, "label": "scope 55", "known": true, "name": "", "address": "" }])
    );
    assert_eq!(page["rows"][0]["relationships"], json!([]));

    let summary = ws.relationship_summary();
    assert_eq!(summary[0]["members"], 3);
    assert_eq!(summary[0]["added"], 2);
    assert_eq!(summary[1]["members"], 1);
    assert_eq!(summary[1]["removed"], 1);
    assert_eq!(summary[1]["server1"], "dhcp-br-01");
    assert_eq!(summary[1]["server2"], "192.0.2.11");
    assert_eq!(summary[0]["row"]["Mode"], "LoadBalance");

    let pending = ws.pending_summary(1);
    assert_eq!(pending["added"], 2);
    assert_eq!(pending["removed"], 1);
    assert_eq!(
        pending["addedPairs"].as_array().unwrap().len(),
        1,
        "bounded"
    );
    assert_eq!(pending["addedPairs"][0]["scope"], "HQ Wi-Fi 10.2.0.0/24");
    assert_eq!(pending["removedPairs"][0]["relationship"], "br-hs");

    // Undo and redo keep rows in step.
    assert!(ws.undo());
    assert!(ws.undo());
    let page = ws.scope_page(&query(
        json!({ "membership": "in-relationship", "relationship": 1 }),
    ));
    assert_eq!(ids(&page), [10]);
    assert!(ws.redo());
    let page = ws.scope_page(&query(
        json!({ "membership": "in-relationship", "relationship": 1, "sort": "relationships" }),
    ));
    assert_eq!(ids(&page), [11, 10, 55]);
}

#[test]
fn servers_are_listed_with_short_names_and_counts() {
    let ws = ws();
    let servers = ws.servers_json();
    let names: Vec<&str> = servers
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["dhcp-hq-01", "dhcp-hq-02", "dhcp-br-01", "192.0.2.11"]
    );
    assert_eq!(servers[0]["scopes"], 3);
    assert_eq!(servers[0]["key"], "100");
}

#[test]
fn text_that_is_not_tables_is_refused_with_its_place() {
    let fault = Workspace::from_text("{\n  \"ADM_DhcpFailoverTable\": [,\n").expect_err("not JSON");
    assert_eq!(fault.code(), FaultCode::InvalidTable);
    assert!(
        fault.message().contains("line 2 column"),
        "{}",
        fault.message()
    );
    let fault = Workspace::from_text("[]").expect_err("not tables");
    assert_eq!(fault.code(), FaultCode::InvalidTable);
    let deep = "[".repeat(100_000);
    assert_eq!(
        Workspace::from_text(&deep).expect_err("too deep").code(),
        FaultCode::InvalidTable
    );
    let bom = format!("\u{feff}{}", text());
    assert_eq!(
        Workspace::from_text(&bom).unwrap().view().entries().len(),
        7
    );
}

#[test]
fn a_snapshot_round_trip_keeps_the_view() {
    let mut ws = ws();
    ws.add_scopes(&add(2, &[13, 77]), &mut NoProgress).unwrap();
    let mut back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(
        back.scope_page(&query(json!({ "limit": 1000 }))),
        ws.scope_page(&query(json!({ "limit": 1000 })))
    );
}

#[test]
fn coverage_per_server_pair_leads_to_its_scopes() {
    let mut ws = ws();
    // Scope 12 (on 101) goes into br-hs, a relationship between other servers.
    ws.add_scopes(&add(2, &[12]), &mut NoProgress).unwrap();
    let coverage = ws.coverage();
    assert_eq!(
        coverage[0],
        json!({ "server": "100,101", "servers": ["dhcp-hq-01", "dhcp-hq-02"],
                "relationships": [{ "id": 1, "name": "hq-lb", "known": true }],
                "scopes": 4, "covered": 1, "uncovered": 2, "elsewhere": 1 })
    );
    assert_eq!(coverage[1]["scopes"], 2);
    assert_eq!(coverage[1]["covered"], 1);
    assert_eq!(coverage[1]["uncovered"], 1);
    // Each number is a query away.
    for (membership, expected) in [
        ("in-pair", vec![10]),
        ("in-none", vec![11, 13]),
        ("elsewhere", vec![12]),
    ] {
        let page = ws.scope_page(&query(
            json!({ "server": "100,101", "membership": membership }),
        ));
        assert_eq!(ids(&page), expected, "{membership}");
    }
    let fault = RawQuery {
        membership: Some("in-pair".into()),
        server: Some("100".into()),
        ..RawQuery::default()
    }
    .validate()
    .expect_err("a pair is needed");
    assert!(
        fault.message().contains("server pair"),
        "{}",
        fault.message()
    );
}

#[test]
fn from_text_checks_exactly_like_the_json_reader() {
    use ipam_failover::tables::Tables;
    let cases = [
        r#"{"ADM_DhcpScopeFailoverTable": []}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": {}}"#,
        r#"{"ADM_DhcpFailoverTable": "x", "ADM_DhcpScopeFailoverTable": []}"#,
        r#"{"ADM_DhcpFailoverTable": [1], "ADM_DhcpScopeFailoverTable": []}"#,
        r#"{"ADM_DhcpFailoverTable": [{"RecordId": "1"}], "ADM_DhcpScopeFailoverTable": []}"#,
        r#"{"ADM_DhcpFailoverTable": [{"RecordId": 1}, {"RecordId": 1}], "ADM_DhcpScopeFailoverTable": []}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [{"ScopeId": 1}]}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [null]}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": 5}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": [{"RecordId": 2}, {"RecordId": 2}]}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": [{"RecordId": 1.5}]}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": null}"#,
        r#"[1, 2]"#,
        r#""tables""#,
        // The fast row reader must agree with the full one on odd but valid rows.
        r#"{"ADM_DhcpFailoverTable": [{"RecordId": 1, "Server1RecordId": 7, "Server1Name": "a.example"}],
            "ADM_DhcpScopeFailoverTable": [{"ScopeId": 2, "FailoverRelationId": 1, "Note": "kept"}, {"FailoverRelationId": 1, "ScopeId": 3}],
            "ADM_DHCPScopesTable": [
              {"RecordId": 2, "ScopeId": "10.0.0.0", "SubnetMask": "255.0.0.0", "ScopeName": "Caf\u00e9 \"x\"", "DHCPServerRecordId": null, "ParentDhcpServerRecordId": 7},
              { "RecordId" : 3 , "ScopeId" : "10.1.0.0" , "ScopeName" : 42 , "DHCPServerRecordId" : "7" , "Extra" : { "a" : [ 1 , " spaced  text " ] } },
              {"RecordId": 4, "ScopeId": "", "ScopeName": "dup", "ScopeName": "second", "DHCPServerRecordId": 7.0},
              {"RecordId": 5e0, "ScopeId": "10.2.0.0"},
              {"RecordId": 6, "DHCPServerRecordId": 7, "ParentDhcpServerRecordId": 8, "ScopeName": null}
            ]}"#,
        r#"{"ADM_DhcpFailoverTable": [], "ADM_DhcpScopeFailoverTable": [], "ADM_DHCPScopesTable": [{"RecordId": 9, "ScopeId": "10.0.0.0"}, {"RecordId": 9.0}]}"#,
    ];
    let mut valid = 0;
    for text in cases {
        let direct = Workspace::from_text(text)
            .map(|mut ws| ws.scope_page(&query(json!({ "limit": 1000 }))));
        let via_json = Tables::from_text(text)
            .map(Workspace::new)
            .map(|mut ws| ws.scope_page(&query(json!({ "limit": 1000 }))));
        match (
            Workspace::from_text(text),
            Workspace::from_string(text.to_owned()),
        ) {
            (Ok(a), Ok(b)) => assert!(a.to_packed() == b.to_packed(), "{text}: from_string"),
            (Err(a), Err(b)) => assert_eq!(a, b, "{text}: from_string"),
            (a, b) => panic!("{text}: from_text {:?}, from_string {:?}", a.err(), b.err()),
        }
        let tables = (
            Workspace::from_text(text).map(|ws| ws.tables()),
            Tables::from_text(text),
        );
        if let (Ok(a), Ok(b)) = tables {
            assert_eq!(a, b, "{text}: the same tables back, every field kept");
            valid += 1;
        }
        match (direct, via_json) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.code(), b.code(), "{text}");
                assert_eq!(a.message(), b.message(), "{text}");
            }
            (a, b) => panic!("{text}: from_text {a:?}, from_json {b:?}"),
        }
    }
    assert_eq!(
        valid, 2,
        "the odd-rows case and the null scopes table are valid"
    );
    // And the whole copy agrees on valid tables, fields and order kept.
    let a = Workspace::from_text(&text()).unwrap();
    let b = Workspace::new(Tables::from_text(&text()).unwrap());
    assert_eq!(a.tables(), b.tables());
    assert_eq!(
        a.tables().to_json(),
        serde_json::from_str::<Value>(&text()).unwrap()
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod counts {
    use super::*;
    use ipam_failover::workspace::Diff;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Add(i64, Vec<i64>),
        Remove(Option<i64>, Vec<i64>),
        Undo,
        Redo,
    }

    fn op() -> impl Strategy<Value = Op> {
        let ids = proptest::collection::vec(
            prop_oneof![
                Just(10i64),
                Just(11),
                Just(12),
                Just(13),
                Just(20),
                Just(21),
                Just(99),
                Just(7)
            ],
            1..5,
        );
        prop_oneof![
            (1i64..=2, ids.clone()).prop_map(|(r, s)| Op::Add(r, s)),
            (proptest::option::of(1i64..=2), ids).prop_map(|(r, s)| Op::Remove(r, s)),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    proptest! {
        /// The counts kept as changes happen equal the ones recounted from scratch.
        #[test]
        fn kept_counts_equal_recounted_ones(ops in proptest::collection::vec((op(), any::<bool>()), 0..25)) {
            let mut ws = ws();
            ws.coverage(); // the tally counts from here on as changes happen
            for (op, check_tally) in ops {
                match op {
                    Op::Add(r, s) => { ws.add_scopes(&add(r, &s), &mut NoProgress).unwrap(); }
                    Op::Remove(r, s) => {
                        let mut p = add(0, &s);
                        p.failover = r.map_or(RawFailover::Absent, |r| RawFailover::Object(r.into()));
                        ws.remove_scopes(&p, &mut NoProgress).unwrap();
                    }
                    Op::Undo => { ws.undo(); }
                    Op::Redo => { ws.redo(); }
                }
                let diff = Diff::of(ws.store());
                let summary = ws.relationship_summary();
                let pending = ws.pending_summary(1000);
                prop_assert_eq!(pending["added"].as_u64().unwrap() as usize, diff.added.len());
                prop_assert_eq!(pending["removed"].as_u64().unwrap() as usize, diff.removed.len());
                for rel in summary.as_array().unwrap() {
                    let id = rel["id"].as_i64().unwrap();
                    let members = ws.store().pairs().filter(|p| p.relation_id == id).count();
                    prop_assert_eq!(rel["members"].as_u64().unwrap() as usize, members);
                    let (a, r) = diff.relationships.iter().find(|c| c.relation_id == id).map_or((0, 0), |c| (c.added, c.removed));
                    prop_assert_eq!(rel["added"].as_u64().unwrap() as usize, a);
                    prop_assert_eq!(rel["removed"].as_u64().unwrap() as usize, r);
                }
                let listed: Vec<(i64, i64)> = pending["addedPairs"].as_array().unwrap().iter()
                    .map(|p| (p["scopeId"].as_i64().unwrap(), p["relationshipId"].as_i64().unwrap())).collect();
                prop_assert_eq!(listed, diff.added.clone());
                if check_tally {
                    // Coverage and "in any relationship", kept from the store's log, equal
                    // a count over every scope of the same tables.
                    let mut fresh = Workspace::from_text(&ws.tables().to_json().to_string()).unwrap();
                    let kept = ws.coverage();
                    prop_assert_eq!(&kept, &fresh.coverage());
                    let in_any = ws.query(&query(json!({ "membership": "in-any", "limit": 1 }))).0;
                    prop_assert_eq!(ws.in_any_count(), in_any);
                    prop_assert_eq!(ws.coverage_numbers().len(), 4 * kept.as_array().unwrap().len());
                }
            }
        }
    }
}

#[test]
fn from_string_keeps_the_rows_as_from_text_does_in_place() {
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&text()).unwrap()).unwrap();
    // Rows the full reader takes (a name that is a number, a repeated key) among rows kept in place,
    // first, in the middle and last; white space inside strings, escapes, non-ASCII text.
    let odd = |at: &str| {
        format!(
            r#"{{"ADM_DhcpFailoverTable": [{{"RecordId": 1}}],
             "ADM_DhcpScopeFailoverTable": [{{"ScopeId": 20, "FailoverRelationId": 1}}],
             "ADM_DHCPScopesTable": [{at}
               {{ "RecordId" : 20 , "ScopeId" : "10.0.0.0" , "ScopeName" : "a  b\" \\ c" }},
               {{"RecordId": 21, "ScopeName": "été\t x", "Tags": [ 1, {{ "k" : " v " }} ]}},
               {{"RecordId": 22, "ScopeName": 42, "Note": "by the full reader"}},
               {{"RecordId": 23,	"ScopeName": "x", "ScopeName": "y"}},
               {{"RecordId":24,"ScopeId":"10.0.1.0","ScopeName":"tight"}}
             ]}}"#
        )
    };
    let cases = [
        text(),
        pretty,
        format!("\u{feff}{}", text()),
        odd(""),
        odd(r#"{"RecordId": 19, "DHCPServerRecordId": 7.0},"#),
        odd(r#"{"RecordId": 19, "ScopeName": " spaced " },"#),
    ];
    for text in cases {
        let lent = Workspace::from_text(&text).unwrap();
        let given = Workspace::from_string(text.clone()).unwrap();
        assert!(lent.to_packed() == given.to_packed(), "{text}");
        assert_eq!(lent.tables(), given.tables(), "{text}");
    }
}

#[test]
fn from_bytes_reads_the_encodings_admins_save_in_and_names_bad_bytes() {
    let text = text();
    let want = Workspace::from_text(&text).unwrap().to_packed();
    let utf16 = |bom: &[u8], unit: fn(u16) -> [u8; 2]| {
        let mut out = bom.to_vec();
        out.extend(text.encode_utf16().flat_map(unit));
        out
    };
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend(text.as_bytes());
    for bytes in [
        text.as_bytes().to_vec(),
        bom8,
        utf16(b"\xFF\xFE", u16::to_le_bytes),
        utf16(b"\xFE\xFF", u16::to_be_bytes),
    ] {
        let ws = Workspace::from_bytes(bytes).expect("text in an accepted encoding");
        assert!(ws.to_packed() == want);
    }
    let refused = |bytes: Vec<u8>| {
        let fault = Workspace::from_bytes(bytes).expect_err("not text");
        assert_eq!(fault.code(), FaultCode::InvalidTable);
        fault.message().to_owned()
    };
    let no_bom = refused(utf16(b"", u16::to_le_bytes));
    assert!(
        no_bom.contains("UTF-16 without a byte order mark"),
        "{no_bom}"
    );
    let mut latin1 = text.as_bytes().to_vec();
    latin1.splice(40..40, [0xE9]);
    let latin1 = refused(latin1);
    assert!(
        latin1.contains("byte 0xE9 is not UTF-8") && latin1.contains("(at byte 40)"),
        "{latin1}"
    );
    let mut odd = utf16(b"\xFF\xFE", u16::to_le_bytes);
    odd.pop();
    assert!(refused(odd).contains("odd number of bytes"));
    // Text that is not tables is refused as from_text refuses it.
    assert_eq!(
        Workspace::from_bytes(b"[1]".to_vec()).unwrap_err(),
        Workspace::from_text("[1]").unwrap_err()
    );
}

#[test]
fn as_loaded_is_the_copy_as_loaded_with_no_history_and_leaves_this_one() {
    let fresh = Workspace::from_text(&text()).unwrap();
    let mut ws = Workspace::from_text(&text()).unwrap();
    // An add of a scope no table lists (a pair-only entry appears), a removal, an undo.
    ws.add_scopes(&add(1, &[10, 987_654]), &mut NoProgress)
        .unwrap();
    ws.remove_scopes(&add(1, &[10]), &mut NoProgress).unwrap();
    ws.undo();
    let before = ws.to_packed();
    let loaded = ws.as_loaded();
    // The same tables, field for field, and the same list (the rows' text is kept in
    // another, equivalent form: rebuilt from the rows, not from the file).
    assert_eq!(loaded.tables(), fresh.tables());
    assert_eq!(
        loaded.view().entries().collect::<Vec<_>>(),
        fresh.view().entries().collect::<Vec<_>>()
    );
    assert_eq!(loaded.view().servers(), fresh.view().servers());
    assert_eq!(loaded.diff(), fresh.diff(), "nothing pending");
    assert!(!loaded.can_undo() && !loaded.can_redo());
    assert!(
        ws.to_packed() == before,
        "the copy it came from is unchanged"
    );
    let mut loaded = loaded;
    let mut fresh = fresh;
    assert_eq!(loaded.coverage(), fresh.coverage());
    assert_eq!(loaded.relationship_summary(), fresh.relationship_summary());
    assert_eq!(
        ids(&loaded.scope_page(&query(json!({ "sort": "name" })))),
        ids(&fresh.scope_page(&query(json!({ "sort": "name" })))),
    );
}

#[test]
fn as_loaded_without_a_scopes_table_lists_only_the_loaded_pairs_scopes() {
    let text = json!({
        "ADM_DhcpFailoverTable": [{ "RecordId": 1 }, { "RecordId": 2 }],
        "ADM_DhcpScopeFailoverTable": [
            { "ScopeId": 30, "FailoverRelationId": 1 },
            { "ScopeId": 10, "FailoverRelationId": 2 },
            { "ScopeId": 20, "FailoverRelationId": 1, "Note": "kept" }
        ]
    })
    .to_string();
    let mut fresh = Workspace::from_text(&text).unwrap();
    let mut ws = Workspace::from_text(&text).unwrap();
    ws.view_mut().select_ids(&[10, 30], Some(true));
    ws.add_scopes(&add(2, &[40, 30, 50]), &mut NoProgress)
        .unwrap();
    ws.remove_scopes(&add(1, &[20]), &mut NoProgress).unwrap();
    ws.undo();
    ws.add_scopes(&add(1, &[60]), &mut NoProgress).unwrap();
    assert_eq!(ws.view().len(), 6, "the adds listed 40, 50 and 60");
    let mut loaded = ws.as_loaded();
    assert_eq!(loaded.tables(), fresh.tables());
    assert_eq!(
        loaded.view().entries().collect::<Vec<_>>(),
        fresh.view().entries().collect::<Vec<_>>(),
        "30, 10, 20 in the pairs' order, and nothing the changes listed"
    );
    assert_eq!(loaded.view().selection_count(), 0, "nothing selected");
    assert_eq!(loaded.coverage(), fresh.coverage());
    assert_eq!(loaded.in_any_count(), fresh.in_any_count());
    // It goes on as a fresh copy would.
    for copy in [&mut loaded, &mut fresh] {
        copy.add_scopes(&add(2, &[20, 70]), &mut NoProgress)
            .unwrap();
    }
    assert_eq!(loaded.tables(), fresh.tables());
    assert_eq!(
        loaded.view().entries().collect::<Vec<_>>(),
        fresh.view().entries().collect::<Vec<_>>()
    );
    assert_eq!(loaded.diff(), fresh.diff());
}

#[test]
fn a_snapshot_writes_the_scope_rows_as_kept_and_reads_back_the_same() {
    let text = json!({
        "ADM_DhcpFailoverTable": [{ "RecordId": 1, "RelationshipName": "hq" }],
        "ADM_DhcpScopeFailoverTable": [{ "ScopeId": 10, "FailoverRelationId": 1, "Note": "x" }],
        "ADM_DHCPScopesTable": [
            { "RecordId": 10, "ScopeId": "10.0.0.0", "ScopeName": "plain", "Size": 1.5, "Tags": ["a", { "b": null }] },
            { "ScopeId": "10.0.1.0", "RecordId": 11, "ScopeName": "RecordId inside", "DHCPServerRecordId": 5 },
            { "RecordId": 14, "Note": "RecordId", "ParentRecordId": 3 },
            { "RecordId": 12 },
            { "RecordId": 13, "ScopeName": "quote \" and \\ and é" }
        ]
    })
    .to_string();
    // Rows kept as their text: copied (11, 12), parsed again (10 nests, 13 escapes).
    let mut ws = Workspace::from_text(&text).unwrap();
    ws.add_scopes(&add(1, &[11, 12]), &mut NoProgress).unwrap();
    let snapshot = ws.to_json();
    let value: Value = serde_json::from_str(&snapshot).expect("the snapshot is JSON");
    assert_eq!(
        value["tables"],
        ws.baseline_tables().to_json(),
        "the loaded tables, row for row"
    );
    assert_eq!(
        (value["format"].clone(), value["cursor"].clone()),
        (json!("ipam-failover-workspace"), json!(1))
    );
    let back = Workspace::from_json(&snapshot).unwrap();
    assert_eq!(back.tables().to_json(), ws.tables().to_json());
    assert_eq!(
        back.to_json(),
        Workspace::from_json(&back.to_json()).unwrap().to_json(),
        "stable once read back"
    );
}

/// The bulk build (`new Workspace(tables)` in the binding, and the packed reader) is the
/// same copy as reading the rows one by one: a scope in two relationships, rows with
/// other fields given out of order, a field list past the last row (ignored) and columns
/// of unequal length (the shorter one counts).
#[test]
fn a_copy_built_from_id_columns_is_the_copy_read_row_by_row() {
    let rows = r#"{
      "ADM_DhcpFailoverTable": [
        {"RecordId": 1, "RelationshipName": "a", "Server1RecordId": 5, "Server2RecordId": 6},
        {"RecordId": 2, "RelationshipName": "b", "Server1RecordId": 5, "Server2RecordId": 7}
      ],
      "ADM_DhcpScopeFailoverTable": [
        {"ScopeId": 30, "FailoverRelationId": 1},
        {"ScopeId": 31, "FailoverRelationId": 2, "Note": "second"},
        {"ScopeId": 30, "FailoverRelationId": 2},
        {"ScopeId": 9000000000, "FailoverRelationId": 1, "Note": "first", "More": [1]},
        {"ScopeId": 32, "FailoverRelationId": 1}
      ]
    }"#;
    let mut by_rows = Workspace::from_text(rows).unwrap();
    let mut tables = ipam_failover::tables::Tables::from_text(rows).unwrap();
    tables.scope_failovers.clear();
    let field = |pairs: &[(&str, Value)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<serde_json::Map<String, Value>>()
    };
    let extras = vec![
        (3, field(&[("Note", json!("first")), ("More", json!([1]))])),
        (1, field(&[("Note", json!("second"))])),
        (9, field(&[("Note", json!("past the rows"))])),
    ];
    let mut by_columns = Workspace::from_columns(
        tables,
        vec![30, 31, 30, 9_000_000_000, 32, 33],
        vec![1, 2, 2, 1, 1],
        extras,
    );
    assert_eq!(by_columns.to_json(), by_rows.to_json());
    assert_eq!(
        by_columns.relationship_summary(),
        by_rows.relationship_summary()
    );
    assert_eq!(by_columns.coverage(), by_rows.coverage());
    let everything = query(json!({ "limit": 100 }));
    assert_eq!(
        by_columns.scope_page(&everything),
        by_rows.scope_page(&everything)
    );
    // The chains work: a scope's rows in both relationships are found and removed.
    for ws in [&mut by_columns, &mut by_rows] {
        ws.remove_scopes(&remove_from_any(&[30]), &mut NoProgress)
            .unwrap();
    }
    assert_eq!(by_columns.to_json(), by_rows.to_json());
    assert_eq!(
        by_columns.relationship_summary(),
        by_rows.relationship_summary()
    );
}

/// A remove (.26) from every relationship.
fn remove_from_any(scopes: &[i64]) -> ipam_failover::parameter::RawParameter {
    let mut p = add(0, scopes);
    p.failover = RawFailover::Absent;
    p.type_tag = ipam_failover::raw::RawText::Text("DhcpFailoverRemoveScopesParameters".into());
    p
}
