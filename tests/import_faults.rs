//! Import: every bad input is refused with INVALID_IMPORT naming the file and the place,
//! and nothing panics or overflows the stack.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/dhcp.rs"]
mod dhcp;

use dhcp::*;
use ipam_failover::fault::{Fault, FaultCode};
use ipam_failover::import::{import_dhcp, Input};
use serde_json::json;

fn refuse(name: &str, bytes: Vec<u8>, server: Option<&str>) -> Fault {
    let input = Input {
        name: name.to_owned(),
        bytes,
        server: server.map(String::from),
    };
    let fault = import_dhcp(&[input]).expect_err("the input must be refused");
    assert_eq!(fault.code(), FaultCode::InvalidImport, "{fault}");
    assert_eq!(fault.step(), None);
    assert!(
        fault.message().starts_with(&format!("\"{name}\"")),
        "the message names the file: {}",
        fault.message()
    );
    fault
}

/// Asserts the message says where: one of the given place markers.
fn at(fault: &Fault, place: &str) {
    assert!(
        fault.message().contains(place),
        "expected {place:?} in {:?}",
        fault.message()
    );
}

#[test]
fn neither_json_nor_xml() {
    let f = refuse("notes.txt", b"\n  hello, DHCP".to_vec(), None);
    at(&f, "line 2, column 3");
    at(&f, "neither JSON nor XML");
    let f = refuse("empty.json", b"  \r\n ".to_vec(), None);
    at(&f, "empty");
    let f = refuse("zero.json", Vec::new(), None);
    at(&f, "empty");
}

#[test]
fn json_of_something_else() {
    let f = refuse("other.json", br#"{"foo": 1, "bar": [1, 2]}"#.to_vec(), None);
    at(&f, "neither a Get-DhcpServerv4Failover");
    let f = refuse("number.json", b"[1]".to_vec(), None);
    at(&f, "line 1, column 2");
    let f = refuse("strings.json", br#"["10.0.0.0"]"#.to_vec(), None);
    at(&f, "line 1");
    let f = refuse("empty-array.json", b"[]".to_vec(), None);
    at(&f, "empty");
    let f = refuse(
        "mixed.json",
        serde_json::to_vec(&json!([
            { "ScopeId": "10.0.0.0", "SubnetMask": "255.255.255.0" },
            { "Name": "r", "Mode": "LoadBalance", "PartnerServer": "b" }
        ]))
        .unwrap(),
        Some("a"),
    );
    at(&f, "mixes");
    let f = refuse(
        "both.json",
        serde_json::to_vec(
            &json!({ "Name": "r", "Mode": "LoadBalance", "SubnetMask": "255.0.0.0" }),
        )
        .unwrap(),
        Some("a"),
    );
    at(&f, "both");
}

#[test]
fn bad_values_name_their_json_path() {
    let mut c = before_json();
    c["servers"][1]["scopes"][2]["scopeId"] = json!("10.1.300.0");
    let f = refuse("c.json", serde_json::to_vec(&c).unwrap(), None);
    at(&f, "servers[1].scopes[2].scopeId");
    let mut c = before_json();
    c["servers"][0]["failover"][1]["scopeIds"] = json!(["10.1.10.0", "fd00::"]);
    let f = refuse("c.json", serde_json::to_vec(&c).unwrap(), None);
    at(&f, "servers[0].failover[1].scopeIds[1]");
    let mut c = before_json();
    c["servers"][2]["name"] = json!("");
    at(
        &refuse("c.json", serde_json::to_vec(&c).unwrap(), None),
        "servers[2].name",
    );
    let mut c = before_json();
    c["version"] = json!(2);
    at(
        &refuse("c.json", serde_json::to_vec(&c).unwrap(), None),
        "version",
    );
    let mut c = before_json();
    c["format"] = json!("something-else");
    at(
        &refuse("c.json", serde_json::to_vec(&c).unwrap(), None),
        "format",
    );
    let f = refuse(
        "scopes.json",
        serde_json::to_vec(&json!([
            { "ScopeId": "10.0.0.0", "SubnetMask": "255.255.255.0", "PSComputerName": "a" },
            { "ScopeId": { "Address": 4294967296u64 }, "SubnetMask": "255.255.255.0", "PSComputerName": "a" }
        ]))
        .unwrap(),
        None,
    );
    at(&f, "[1].ScopeId");
    let f = refuse(
        "lease.json",
        br#"[{"ScopeId":"10.0.0.0","LeaseDuration":-5}]"#.to_vec(),
        Some("a"),
    );
    at(&f, "line 1, column");
}

#[test]
fn the_first_bad_scope_is_named_and_a_later_syntax_error_still_wins() {
    // Scopes are converted as they are read: the first that cannot be is the one named,
    // in the plain list and in 5.1's wrapper, with its index in the list.
    let mut c = before_json();
    c["servers"][1]["scopes"][2]["scopeId"] = json!("10.1.300.0");
    c["servers"][1]["scopes"][3]["scopeId"] = json!(null);
    let f = refuse("c.json", serde_json::to_vec(&c).unwrap(), None);
    at(&f, "servers[1].scopes[2].scopeId");
    let mut c = before_json();
    let scopes = c["servers"][0]["scopes"].take();
    let n = scopes.as_array().map_or(0, Vec::len);
    assert!(n > 2, "the fixture's first server has scopes");
    c["servers"][0]["scopes"] = json!({ "value": scopes, "Count": n });
    let wrapped = import_one(json_input("c.json", &c, None));
    assert_eq!(
        wrapped.tables,
        before().tables,
        "the wrapper reads as the plain list"
    );
    c["servers"][0]["scopes"]["value"][1]["scopeId"] = json!("fd00::");
    at(
        &refuse("c.json", serde_json::to_vec(&c).unwrap(), None),
        "servers[0].scopes[1].scopeId",
    );
    // Two lists in one wrapper are refused, not joined.
    let text = serde_json::to_string(&before_json()["servers"][0]["scopes"]).unwrap();
    let mut c = before_json();
    c["servers"][0]["scopes"] = json!("WRAPPER");
    let doubled = serde_json::to_string(&c).unwrap().replace(
        "\"WRAPPER\"",
        &format!("{{\"value\":{text},\"value\":{text}}}"),
    );
    at(
        &refuse("c.json", doubled.into_bytes(), None),
        "duplicate field `value`",
    );
    // A bad scope, then a syntax error further on: the syntax error is what is reported.
    let mut c = before_json();
    c["servers"][0]["scopes"][0]["scopeId"] = json!("10.1.300.0");
    let mut bytes = serde_json::to_vec(&c).unwrap();
    bytes.truncate(bytes.len() - 2);
    let f = refuse("c.json", bytes, None);
    at(&f, "line 1, column");
    assert!(!f.message().contains("scopes[0]"), "{}", f.message());
}

#[test]
fn a_file_that_does_not_name_its_server_needs_one() {
    let f = refuse(
        "scopes.json",
        br#"[{"ScopeId":"10.0.0.0","SubnetMask":"255.255.255.0","PSComputerName":null}]"#.to_vec(),
        None,
    );
    at(&f, "[0]");
    at(&f, "give the file's server");
    let f = refuse("export.xml", fixture("export-mlm-01.xml"), Some("  "));
    at(&f, "give its server");
}

#[test]
fn truncated_files() {
    let whole = fixture("collection-before.json");
    let f = refuse("cut.json", whole[..whole.len() / 2].to_vec(), None);
    at(&f, "truncated");
    at(&f, "line ");
    let xml = fixture("export-mlm-01.xml");
    let f = refuse("cut.xml", xml[..xml.len() / 2].to_vec(), Some("a"));
    at(&f, "line ");
    let f = refuse("trailing.json", b"[] []".to_vec(), None);
    at(&f, "line 1, column 4");
    // Cut inside a multi-byte character.
    let text = "{\"servers\":\"Malmö\"}".as_bytes();
    let cut = text.iter().position(|b| *b == 0xC3).unwrap() + 1;
    let f = refuse("cut-char.json", text[..cut].to_vec(), None);
    at(&f, "byte 16");
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    for (name, bytes) in [
        ("deep-array.json", "[".repeat(200_000).into_bytes()),
        ("deep-object.json", "{\"a\":".repeat(200_000).into_bytes()),
        (
            "deep-scopeid.json",
            format!("[{{\"ScopeId\":{}", "[".repeat(200_000)).into_bytes(),
        ),
        (
            "deep-collection.json",
            format!(
                "{{\"format\":\"ipam-failover-collection\",\"version\":1,\"servers\":[{{\"name\":\"a\",\"x\":{}",
                "[".repeat(200_000)
            )
            .into_bytes(),
        ),
    ] {
        let f = refuse(name, bytes, Some("a"));
        at(&f, "line 1, column");
    }
    let deep_xml = format!(
        "<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\">{}",
        "<a>".repeat(100_000)
    );
    let f = refuse("deep.xml", deep_xml.into_bytes(), Some("a"));
    at(&f, "deeper than");
}

#[test]
fn wrong_encodings() {
    let f = refuse("latin1.json", b"[{\"Name\":\"Malm\xF6\"}]".to_vec(), None);
    at(&f, "byte 14");
    at(&f, "not UTF-8");
    let utf16_no_bom: Vec<u8> = "[{\"a\":1}]"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let f = refuse("nobom.json", utf16_no_bom, None);
    at(&f, "without a byte order mark");
    let mut odd = vec![0xFF, 0xFE];
    odd.extend("[]".encode_utf16().flat_map(u16::to_le_bytes));
    odd.push(b'x');
    at(&refuse("odd.json", odd, None), "odd number of bytes");
}

#[test]
fn malformed_xml() {
    for (name, xml, place) in [
        ("root.xml", "<html><body/></html>", "root element is <html>"),
        (
            "foreign.xml",
            "<DHCPServer xmlns=\"urn:other\"/>",
            "root element is <DHCPServer>",
        ),
        (
            "mismatch.xml",
            "<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\"><IPv4></IPv6></DHCPServer>",
            "not well-formed",
        ),
        (
            "entity.xml",
            "<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\"><IPv4 xmlns=\"\"><Scopes><Scope><ScopeId>10.0.0.0</ScopeId><Name>&bogus;</Name></Scope></Scopes></IPv4></DHCPServer>",
            "unknown entity",
        ),
        (
            "noid.xml",
            "<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\">\n<IPv4 xmlns=\"\"><Scopes><Scope><Name>x</Name></Scope></Scopes></IPv4></DHCPServer>",
            "line 2",
        ),
        (
            "badid.xml",
            "<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\"><IPv4 xmlns=\"\"><Scopes><Scope><ScopeId>10.0.0</ScopeId></Scope></Scopes></IPv4></DHCPServer>",
            "is not an IPv4 address",
        ),
        (
            "two-roots.xml",
            "<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\"/><DHCPServer/>",
            "second root",
        ),
    ] {
        let f = refuse(name, xml.as_bytes().to_vec(), Some("a"));
        at(&f, place);
        at(&f, "line ");
    }
}

/// A deterministic stream of pseudo-random bytes.
fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn fifty_megabytes_of_garbage() {
    const MB50: usize = 50 * 1024 * 1024;
    let f = refuse("garbage.bin", garbage(MB50, 0x9E37_79B9_7F4A_7C15), None);
    at(&f, "byte ");
    let mut json_ish = b"[{\"ScopeId\":".to_vec();
    json_ish.extend(std::iter::repeat_n(b'x', MB50));
    at(&refuse("garbage.json", json_ish, None), "line 1, column 13");
    let mut xml_ish = b"<".to_vec();
    xml_ish.extend(std::iter::repeat_n(b'!', MB50));
    refuse("garbage.xml", xml_ish, Some("a"));
    let mut ascii = garbage(MB50, 7);
    for b in &mut ascii {
        *b = b'a' + (*b % 26);
    }
    at(&refuse("garbage.txt", ascii, None), "neither JSON nor XML");
}

#[test]
fn nothing_panics_on_arbitrary_prefixes_of_real_files() {
    // Every prefix length of a real file at a coarse step, and some bit flips: each is
    // either read or refused with INVALID_IMPORT, never a panic.
    for name in [
        "collection-before.json",
        "ps51-failover-hq-01.json",
        "ps51-failover-mlm-01.utf16le.json",
        "export-mlm-01.xml",
    ] {
        let bytes = fixture(name);
        for cut in (0..bytes.len()).step_by(97) {
            let input = Input {
                name: name.into(),
                bytes: bytes[..cut].to_vec(),
                server: Some(MLM1.into()),
            };
            if let Err(f) = import_dhcp(&[input]) {
                assert_eq!(f.code(), FaultCode::InvalidImport);
            }
        }
        let noise = garbage(bytes.len(), 3);
        for i in (0..bytes.len()).step_by(131) {
            let mut flipped = bytes.clone();
            flipped[i] ^= noise[i] | 1;
            let input = Input {
                name: name.into(),
                bytes: flipped,
                server: Some(MLM1.into()),
            };
            if let Err(f) = import_dhcp(&[input]) {
                assert_eq!(f.code(), FaultCode::InvalidImport);
            }
        }
    }
}

#[test]
fn one_bad_file_refuses_the_whole_import_naming_it() {
    let fault = import_dhcp(&[
        input("collection-before.json", None),
        Input {
            name: "second.json".into(),
            bytes: b"{".to_vec(),
            server: None,
        },
    ])
    .unwrap_err();
    assert!(fault.message().starts_with("\"second.json\""), "{fault}");
    assert_eq!(fault.code().as_str(), "INVALID_IMPORT");
}
