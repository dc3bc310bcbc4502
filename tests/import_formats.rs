//! Import: every format and encoding, the mapping to the tables, and that the tables work
//! with the rest of the core (Tables::from_json, Workspace, preflight).
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/dhcp.rs"]
mod dhcp;

use dhcp::*;
use ipam_failover::import::{import_dhcp, FileKind, Input};
use ipam_failover::tables::Tables;
use ipam_failover::workspace::Workspace;
use serde_json::{json, Value};

#[test]
fn the_collection_maps_to_tables_the_core_accepts() {
    let imported = before();
    let t = &imported.tables;
    let tables = Tables::from_json(t).expect("the imported tables are valid");
    assert_eq!(tables.failovers.len(), 3);
    // hq-01: 7 scopes, hq-02: 5, mlm-01: 3; mlm-02 was unreachable.
    assert_eq!(tables.scopes.as_ref().map(Vec::len), Some(15));
    assert_eq!(tables.scope_failovers.len(), 3 + 1 + 2);
    let ws = Workspace::new(tables);
    assert_eq!(ws.diff().added.len(), 0);

    let lb = relationship(t, "hq-loadbalance");
    assert_eq!(lb["Mode"], "LoadBalance");
    assert_eq!(lb["Server1Name"], HQ1, "the primary is Server1");
    assert_eq!(lb["Server2Name"], HQ2);
    assert_eq!(lb["Server1IP"], "10.0.0.11");
    assert_eq!(lb["Server2IP"], "10.0.0.12");
    assert_eq!(lb["Server1State"], "Normal");
    assert_eq!(lb["Server2State"], "Normal");
    assert_eq!(lb["Server1Percentage"], 50);
    assert_eq!(lb["MCLT"], 3600);
    assert_eq!(lb["SharedSecretEnabled"], true);
    assert_ne!(lb["Server1RecordId"], lb["Server2RecordId"]);
    assert_eq!(
        members(t, "hq-loadbalance"),
        ["10.1.0.0", "10.1.1.0", "10.1.2.0"]
    );

    let mlm = relationship(t, "malmö-standby");
    assert_eq!(mlm["Mode"], "HotStandby");
    assert_eq!(
        mlm["Server1Percentage"], 10,
        "hot standby: the reserve percent"
    );
    assert_eq!(mlm["Server1State"], "Normal");
    assert!(
        mlm.get("Server2State").is_none(),
        "mlm-02's side is unknown"
    );
    assert_eq!(mlm["Server2Name"], MLM2);
    assert_eq!(mlm["StateSwitchInterval"], 3600);
    assert_eq!(relationship(t, HOSTILE_REL)["Mode"], "HotStandby");

    let lobby = scope(t, HQ1, "10.1.1.0").expect("hq-01 has 10.1.1.0");
    assert_eq!(lobby["ScopeName"], "Lobby \"guest\" $(Stop-Computer)");
    assert_eq!(lobby["AddressFamily"], "IPv4");
    assert_eq!(lobby["LeaseDuration"], 86_400);
    assert_eq!(lobby["Description"], "visitors; don't trust");
    assert_eq!(lobby["SubnetMask"], "255.255.255.0");
    assert_eq!(lobby["StartRange"], "10.1.1.20");
    assert_eq!(lobby["EndRange"], "10.1.1.200");
    assert_eq!(lobby["MaxBootpClients"], 4_294_967_295u64);
    let server_of = |server: &str| {
        rows(t, "ADM_DHCPScopesTable")
            .iter()
            .find(|r| r["DHCPServerName"] == server)
            .map(|r| r["DHCPServerRecordId"].clone())
    };
    assert_eq!(server_of(HQ1).as_ref(), Some(&lb["Server1RecordId"]));
    assert_eq!(server_of(HQ2).as_ref(), Some(&lb["Server2RecordId"]));
    assert!(scope(t, MLM1, "10.2.0.0").unwrap()["ScopeName"] == "Malmö kontor");
}

#[test]
fn one_pair_per_member_scope_on_the_primary() {
    let t = before().tables;
    let hosts: Vec<Value> = rows(&t, "ADM_DhcpScopeFailoverTable")
        .iter()
        .map(|p| {
            let s = rows(&t, "ADM_DHCPScopesTable")
                .iter()
                .find(|s| s["RecordId"] == p["ScopeId"])
                .unwrap();
            s["DHCPServerName"].clone()
        })
        .collect();
    assert!(hosts.iter().all(|h| h == HQ1 || h == MLM1), "{hosts:?}");
}

#[test]
fn raw_powershell_and_xml_give_the_same_tables_as_the_collection() {
    let collection = before();
    let raw = import_dhcp(&raw_inputs()).unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(raw.tables, collection.tables);
    let kinds: Vec<(&str, FileKind, Option<&str>, usize, usize)> = raw
        .files
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.kind,
                f.server.as_deref(),
                f.scopes,
                f.relationships,
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "ps51-failover-hq-01.json",
                FileKind::FailoverJson,
                Some(HQ1),
                0,
                2
            ),
            (
                "ps51-scopes-hq-01.json",
                FileKind::ScopeJson,
                Some(HQ1),
                7,
                0
            ),
            (
                "ps7-failover-hq-02.json",
                FileKind::FailoverJson,
                Some(HQ2),
                0,
                2
            ),
            (
                "ps7-scopes-hq-02.json",
                FileKind::ScopeJson,
                Some(HQ2),
                5,
                0
            ),
            (
                "ps51-failover-mlm-01.utf16le.json",
                FileKind::FailoverJson,
                Some(MLM1),
                0,
                1
            ),
            ("export-mlm-01.xml", FileKind::ExportXml, Some(MLM1), 3, 0),
        ]
    );
    assert_eq!(collection.files[0].kind, FileKind::Collection);
    assert_eq!(
        collection.files[0].server, None,
        "a collection of four servers"
    );
    assert_eq!(
        (
            collection.files[0].scopes,
            collection.files[0].relationships
        ),
        (15, 5)
    );
}

#[test]
fn servers_list_every_server_with_sources_counts_and_errors() {
    let imported = before();
    // mlm-02's IP comes from mlm-01's view of their relationship (SecondaryServerIP).
    let servers: Vec<Value> = imported.to_json()["servers"].as_array().unwrap().clone();
    assert_eq!(
        servers,
        [
            json!({ "name": HQ1, "ip": "10.0.0.11", "sources": ["collection-before.json"], "scopes": 7, "relationships": 2, "error": null }),
            json!({ "name": HQ2, "ip": "10.0.0.12", "sources": ["collection-before.json"], "scopes": 5, "relationships": 2, "error": null }),
            json!({ "name": MLM1, "ip": "10.2.0.11", "sources": ["collection-before.json"], "scopes": 3, "relationships": 1, "error": null }),
            json!({ "name": MLM2, "ip": "10.2.0.12", "sources": ["collection-before.json"], "scopes": null, "relationships": 1,
                    "error": "Failed to get version of the DHCP server dhcp-mlm-02.corp.example. (The RPC server is unavailable. 0x800706BA)" }),
        ]
    );
    let j = imported.to_json();
    assert_eq!(
        j["files"][0],
        json!({ "name": "collection-before.json", "kind": "collection", "server": null, "scopes": 15, "relationships": 5 })
    );
    assert!(j["tables"]["ADM_DhcpFailoverTable"].is_array());
    assert!(j["findings"].is_array());
}

fn reencode(bytes: &[u8], how: &str) -> Vec<u8> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).unwrap();
    match how {
        "utf8-bom" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        "utf16le" => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        "utf16be" => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        _ => text.as_bytes().to_vec(),
    }
}

#[test]
fn every_encoding_reads_the_same() {
    let expected = before().tables;
    for how in ["utf8", "utf8-bom", "utf16le", "utf16be"] {
        let got = import_one(Input {
            name: format!("collection.{how}.json"),
            bytes: reencode(&fixture("collection-before.json"), how),
            server: None,
        });
        assert_eq!(got.tables, expected, "{how}");
    }
    let xml = import_one(input("export-mlm-01.xml", Some(MLM1)));
    let xml16 = import_one(Input {
        name: "export.utf16.xml".into(),
        bytes: reencode(&fixture("export-mlm-01.xml"), "utf16le"),
        server: Some(MLM1.into()),
    });
    assert_eq!(xml.tables, xml16.tables);
}

#[test]
fn xml_reads_direct_scope_children_only() {
    let t = import_one(input("export-mlm-01.xml", Some(MLM1))).tables;
    let scopes = rows(&t, "ADM_DHCPScopesTable");
    assert_eq!(scopes.len(), 3, "IPv6 scopes are skipped");
    let kontor = scope(&t, MLM1, "10.2.0.0").unwrap();
    assert_eq!(
        kontor["StartRange"], "10.2.0.20",
        "not the exclusion range's StartRange"
    );
    assert_eq!(kontor["EndRange"], "10.2.0.200");
    assert_eq!(kontor["ScopeName"], "Malmö kontor");
    assert_eq!(kontor["LeaseDuration"], 8 * 86_400);
    assert_eq!(kontor["NapEnable"], false);
    assert_eq!(kontor["State"], "Active");
    assert!(
        rows(&t, "ADM_DhcpFailoverTable").is_empty(),
        "the export has no failover data"
    );
}

#[test]
fn xml_children_in_the_export_namespace_and_entities() {
    let xml = r#"<?xml version="1.0"?>
<d:DHCPServer xmlns:d="http://schemas.microsoft.com/windows/DHCPServer" xmlns:x="urn:other">
 <IPv4><Scopes><Scope><ScopeId>10.9.0.0</ScopeId><Name>A &amp; B &#x263A; <![CDATA[<c>]]></Name>
 <x:Name>foreign, ignored</x:Name><Unknown><Deep/></Unknown></Scope></Scopes></IPv4></d:DHCPServer>"#;
    let t = import_one(Input {
        name: "ns.xml".into(),
        bytes: xml.as_bytes().to_vec(),
        server: Some("srv".into()),
    })
    .tables;
    assert_eq!(
        scope(&t, "srv", "10.9.0.0").unwrap()["ScopeName"],
        "A & B ☺ <c>"
    );
}

#[test]
fn powershell_51_shapes_wrapper_one_object_and_address_only() {
    // The whole output in the 5.1 `value`/`Count` wrapper, CIM plumbing keys, and an
    // IPAddress that has only `Address`.
    let mut scopes: Value = serde_json::from_slice(
        fixture("ps51-scopes-hq-01.json")
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap(),
    )
    .unwrap();
    let first = &mut scopes[0];
    first["ScopeId"]
        .as_object_mut()
        .unwrap()
        .remove("IPAddressToString");
    first["CimClass"] = json!("root/Microsoft/Windows/DHCP:DhcpServerv4Scope");
    first["CimInstanceProperties"] = json!(["ScopeId", "Name"]);
    let count = scopes.as_array().unwrap().len();
    let wrapped = json!({ "value": scopes, "Count": count });
    let got = import_one(json_input("wrapped.json", &wrapped, Some(HQ1)));
    let plain = import_one(input("ps51-scopes-hq-01.json", Some(HQ1)));
    assert_eq!(got.tables, plain.tables);
    assert_eq!(got.files[0].scopes, 7);
}

#[test]
fn the_server_is_pscomputername_else_the_input_else_the_server_type() {
    // PSComputerName set: the input's server is ignored.
    let got = import_one(input("ps7-scopes-hq-02.json", Some("elsewhere")));
    assert_eq!(got.servers.len(), 1);
    assert_eq!(got.servers[0].name, "dhcp-hq-02");
    // PSComputerName null and no server: a relationship's ServerType names its side.
    let got = import_one(input("ps51-failover-mlm-01.utf16le.json", None));
    assert_eq!(got.files[0].server.as_deref(), Some(MLM1));
    // ...given: the input's server.
    let got = import_one(input("ps51-failover-hq-01.json", Some("dhcp-hq-01")));
    assert_eq!(
        got.files[0].server.as_deref(),
        Some(HQ1),
        "short name joined to the FQDN"
    );
}

#[test]
fn server_names_join_across_case_and_domain_only_when_unambiguous() {
    let mut c = before_json();
    // A fifth server whose short name clashes with nothing, another with an ambiguous one.
    c["servers"]
        .as_array_mut()
        .unwrap()
        .extend([json!({ "name": "DHCP-HQ-01", "ip": null, "error": "dup by short name" })]);
    let got = import_one(json_input("c.json", &c, None));
    assert_eq!(
        got.servers.len(),
        4,
        "DHCP-HQ-01 is dhcp-hq-01.corp.example"
    );
    assert_eq!(got.servers[0].error.as_deref(), Some("dup by short name"));

    let mut c = before_json();
    c["servers"].as_array_mut().unwrap().extend([
        json!({ "name": "dhcp-hq-01.lab.example", "ip": null, "scopes": [], "failover": [] }),
        json!({ "name": "dhcp-hq-01", "ip": null, "scopes": [], "failover": [] }),
    ]);
    let got = import_one(json_input("c.json", &c, None));
    assert_eq!(
        got.servers.len(),
        6,
        "dhcp-hq-01 is ambiguous: a server of its own"
    );
}

#[test]
fn later_duplicate_input_wins() {
    let mut changed: Value = before_json();
    changed["servers"][0]["scopes"][0]["name"] = json!("HQ floor 1 (renamed)");
    let got = import_dhcp(&[
        input("collection-before.json", None),
        json_input("collection-later.json", &changed, None),
    ])
    .unwrap();
    assert_eq!(
        scope(&got.tables, HQ1, "10.1.0.0").unwrap()["ScopeName"],
        "HQ floor 1 (renamed)"
    );
    assert_eq!(
        got.servers[0].sources,
        ["collection-before.json", "collection-later.json"]
    );
}

#[test]
fn a_large_powershell_51_file_is_read() {
    // 20,000 scopes in the verbose 5.1 shape (about 30 MB); the 300,000-scope case is
    // the ignored test below.
    let text = big_51_scopes(20_000);
    assert!(text.len() > 25_000_000, "{}", text.len());
    let got = import_one(Input {
        name: "big.json".into(),
        bytes: text.into_bytes(),
        server: Some("dhcp-big".into()),
    });
    assert_eq!(got.servers[0].scopes, Some(20_000));
    assert_eq!(rows(&got.tables, "ADM_DHCPScopesTable").len(), 20_000);
}

#[test]
#[ignore = "slow in debug builds: run with --release --ignored"]
fn a_300k_scope_file_over_100_mb_is_read() {
    let text = big_51_scopes(300_000);
    assert!(text.len() > 100_000_000);
    let got = import_one(Input {
        name: "huge.json".into(),
        bytes: text.into_bytes(),
        server: Some("dhcp-big".into()),
    });
    assert_eq!(got.servers[0].scopes, Some(300_000));
}

/// `n` scopes as Windows PowerShell 5.1 writes them (4-space indent, two spaces after
/// the colon, IPAddress and TimeSpan objects).
fn big_51_scopes(n: u32) -> String {
    let ip = |a: u32| {
        let text = std::net::Ipv4Addr::from(a).to_string();
        let le = u32::from_le_bytes(a.to_be_bytes());
        format!(
            "{{\n            \"Address\":  {le},\n            \"AddressFamily\":  2,\n            \"ScopeId\":  null,\n            \"IsIPv6Multicast\":  false,\n            \"IsIPv6LinkLocal\":  false,\n            \"IsIPv6SiteLocal\":  false,\n            \"IsIPv6Teredo\":  false,\n            \"IsIPv4MappedToIPv6\":  false,\n            \"IPAddressToString\":  \"{text}\"\n        }}"
        )
    };
    let mut out = String::from("[\n");
    for i in 0..n {
        let base = (10 << 24) | (i << 8);
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            "    {{\n        \"ScopeId\":  {},\n        \"SubnetMask\":  {},\n        \"StartRange\":  {},\n        \"EndRange\":  {},\n        \"ActivatePolicies\":  true,\n        \"Delay\":  0,\n        \"Description\":  \"\",\n        \"LeaseDuration\":  {{\n            \"Ticks\":  6912000000000,\n            \"Days\":  8,\n            \"Hours\":  0,\n            \"Milliseconds\":  0,\n            \"Minutes\":  0,\n            \"Seconds\":  0,\n            \"TotalDays\":  8,\n            \"TotalHours\":  192,\n            \"TotalMilliseconds\":  691200000,\n            \"TotalMinutes\":  11520,\n            \"TotalSeconds\":  691200\n        }},\n        \"MaxBootpClients\":  4294967295,\n        \"Name\":  \"Site {i} users\",\n        \"NapEnable\":  false,\n        \"NapProfile\":  \"\",\n        \"State\":  \"Active\",\n        \"SuperscopeName\":  \"\",\n        \"Type\":  \"Dhcp\",\n        \"PSComputerName\":  null\n    }}",
            ip(base),
            ip(0xFFFF_FF00),
            ip(base + 20),
            ip(base + 200)
        ));
    }
    out.push_str("\n]");
    out
}
