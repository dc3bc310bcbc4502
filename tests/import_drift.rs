//! Import: the drift findings, one test per kind, their order, and the property that the
//! same inputs in any order give identical tables.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/dhcp.rs"]
mod dhcp;

use dhcp::*;
use ipam_failover::import::{import_dhcp, DriftFinding, Input};
use proptest::prelude::*;
use serde_json::{json, Value};

fn kinds(findings: &[DriftFinding]) -> Vec<(&str, &str)> {
    findings
        .iter()
        .map(|f| (f.kind.as_str(), f.severity.as_str()))
        .collect()
}

fn of_kind<'a>(findings: &'a [DriftFinding], kind: &str) -> Vec<&'a DriftFinding> {
    findings
        .iter()
        .filter(|f| f.kind.as_str() == kind)
        .collect()
}

fn edited(edit: impl FnOnce(&mut Value)) -> Vec<DriftFinding> {
    let mut c = before_json();
    edit(&mut c);
    import_one(json_input("edited.json", &c, None)).findings
}

#[test]
fn the_before_network_has_its_known_drift_in_order() {
    let f = before().findings;
    assert_eq!(
        kinds(&f),
        [
            ("server-unreachable", "error"),
            ("scope-on-both-partners", "warning"),
            ("partner-not-collected", "warning"),
        ]
    );
    assert_eq!(f[0].server.as_deref(), Some(MLM2));
    assert!(
        f[0].message.contains("RPC server is unavailable"),
        "{}",
        f[0].message
    );
    assert_eq!(f[1].scope.as_deref(), Some("10.1.5.0"));
    assert_eq!(
        (f[1].server.as_deref(), f[1].partner.as_deref()),
        (Some(HQ1), Some(HQ2))
    );
    assert_eq!(f[1].relationship, None);
    assert_eq!(f[2].relationship.as_deref(), Some("malmö-standby"));
    assert_eq!(
        (f[2].server.as_deref(), f[2].partner.as_deref()),
        (Some(MLM1), Some(MLM2))
    );
    assert!(
        f[2].message.contains("could not be read"),
        "{}",
        f[2].message
    );
    let j = f[2].to_json();
    assert_eq!(
        j.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "kind",
            "severity",
            "server",
            "partner",
            "relationship",
            "scope",
            "message"
        ]
    );
}

#[test]
fn partner_not_in_the_inputs_at_all() {
    let f = import_one(input("ps51-failover-mlm-01.utf16le.json", None)).findings;
    assert_eq!(kinds(&f), [("partner-not-collected", "warning")]);
    assert!(
        f[0].message.contains("not in the inputs"),
        "{}",
        f[0].message
    );
}

#[test]
fn relationship_one_sided() {
    let f = edited(|c| {
        c["servers"][1]["failover"]
            .as_array_mut()
            .unwrap()
            .remove(1);
    });
    let one = of_kind(&f, "relationship-one-sided");
    assert_eq!(one.len(), 1, "{f:?}");
    assert_eq!(one[0].severity.as_str(), "error");
    assert_eq!(one[0].relationship.as_deref(), Some(HOSTILE_REL));
    assert_eq!(
        (one[0].server.as_deref(), one[0].partner.as_deref()),
        (Some(HQ1), Some(HQ2))
    );
}

#[test]
fn relationship_mismatch_on_mode_percentage_and_mclt() {
    let f = edited(|c| {
        let lb = &mut c["servers"][1]["failover"][0];
        lb["maxClientLeadTimeSeconds"] = json!(7200);
        lb["loadBalancePercent"] = json!(40);
        c["servers"][1]["failover"][1]["mode"] = json!("LoadBalance");
    });
    let m = of_kind(&f, "relationship-mismatch");
    assert_eq!(m.len(), 2, "{f:?}");
    let lb = m
        .iter()
        .find(|x| x.relationship.as_deref() == Some("hq-loadbalance"))
        .unwrap();
    assert!(
        lb.message.contains("MCLT 3600 s / 7200 s"),
        "{}",
        lb.message
    );
    assert!(
        lb.message.contains("load balance 50% / 40%"),
        "{}",
        lb.message
    );
    let hs = m
        .iter()
        .find(|x| x.relationship.as_deref() == Some(HOSTILE_REL))
        .unwrap();
    assert!(
        hs.message.contains("mode HotStandby / LoadBalance"),
        "{}",
        hs.message
    );
    assert_eq!(hs.severity.as_str(), "warning");
    // Each side reports its own share: 70 on one side and 30 on the other agree.
    let f = edited(|c| {
        c["servers"][0]["failover"][0]["loadBalancePercent"] = json!(70);
        c["servers"][1]["failover"][0]["loadBalancePercent"] = json!(30);
    });
    assert!(of_kind(&f, "relationship-mismatch").is_empty(), "{f:?}");
    // Absurd values are a mismatch, not an overflow.
    let f = edited(|c| {
        c["servers"][0]["failover"][0]["loadBalancePercent"] = json!(u64::MAX);
    });
    assert_eq!(of_kind(&f, "relationship-mismatch").len(), 1, "{f:?}");
}

#[test]
fn scope_membership_mismatch() {
    let f = edited(|c| {
        c["servers"][1]["failover"][0]["scopeIds"] = json!(["10.1.0.0", "10.1.1.0"]);
    });
    let m = of_kind(&f, "scope-membership-mismatch");
    assert_eq!(m.len(), 1, "{f:?}");
    assert_eq!(m[0].scope.as_deref(), Some("10.1.2.0"));
    assert_eq!(
        (m[0].server.as_deref(), m[0].partner.as_deref()),
        (Some(HQ1), Some(HQ2))
    );
    assert_eq!(m[0].severity.as_str(), "error");
}

#[test]
fn member_scope_missing() {
    let f = edited(|c| {
        let ids = c["servers"][0]["failover"][0]["scopeIds"]
            .as_array_mut()
            .unwrap();
        ids.push(json!("10.1.99.0"));
        let ids = c["servers"][1]["failover"][0]["scopeIds"]
            .as_array_mut()
            .unwrap();
        ids.push(json!("10.1.99.0"));
    });
    let m = of_kind(&f, "member-scope-missing");
    assert_eq!(m.len(), 2, "{f:?}");
    assert!(m.iter().all(|x| x.scope.as_deref() == Some("10.1.99.0")));
    assert_eq!(m[0].server.as_deref(), Some(HQ1));
    assert_eq!(m[1].server.as_deref(), Some(HQ2));
    // The member still gets a pair, on a row made up from the failover data.
    let mut c = before_json();
    for s in 0..2 {
        let ids = c["servers"][s]["failover"][0]["scopeIds"]
            .as_array_mut()
            .unwrap();
        ids.push(json!("10.1.99.0"));
    }
    let t = import_one(json_input("e.json", &c, None)).tables;
    assert!(members(&t, "hq-loadbalance").contains(&"10.1.99.0".to_owned()));
    assert_eq!(
        scope(&t, HQ1, "10.1.99.0").unwrap()["FromFailoverOnly"],
        true
    );
}

#[test]
fn scope_on_both_partners_only_when_in_no_relationship() {
    let f = edited(|c| {
        for s in 0..2 {
            let ids = c["servers"][s]["failover"][0]["scopeIds"]
                .as_array_mut()
                .unwrap();
            ids.push(json!("10.1.5.0"));
        }
    });
    assert!(of_kind(&f, "scope-on-both-partners").is_empty(), "{f:?}");
}

#[test]
fn duplicate_input_names_both_files_and_the_winner() {
    let got = import_dhcp(&[
        input("collection-before.json", None),
        input("ps51-scopes-hq-01.json", Some(HQ1)),
        input("ps51-failover-hq-01.json", Some(HQ1)),
    ])
    .unwrap();
    let d = of_kind(&got.findings, "duplicate-input");
    assert_eq!(d.len(), 2, "{:?}", got.findings);
    assert!(d.iter().all(|x| x.server.as_deref() == Some(HQ1)));
    let scopes = d.iter().find(|x| x.message.contains("scopes")).unwrap();
    assert!(
        scopes.message.contains("collection-before.json")
            && scopes
                .message
                .contains("ps51-scopes-hq-01.json (the later input) is used"),
        "{}",
        scopes.message
    );
    assert_eq!(scopes.severity.as_str(), "warning");
}

#[test]
fn the_after_network_has_only_the_deliberate_drift() {
    let f = import_one(input("collection-after.json", None)).findings;
    assert_eq!(kinds(&f), [("scope-on-both-partners", "warning")], "{f:?}");
}

fn order_free_inputs() -> Vec<Input> {
    // The raw files plus a collection of other servers (no server twice).
    let mut c = before_json();
    c["servers"] = json!([
        { "name": "dhcp-lab-01.corp.example", "ip": "10.9.0.11", "error": null,
          "scopes": [{ "scopeId": "10.9.1.0", "name": "Lab" }, { "scopeId": "10.9.2.0", "name": "Lab 2" }],
          "failover": [{ "name": "lab", "partnerServer": "dhcp-lab-02", "mode": "LoadBalance",
                         "serverType": "SecondaryServer", "loadBalancePercent": 50,
                         "primaryServerName": "dhcp-lab-02.corp.example",
                         "secondaryServerName": "dhcp-lab-01.corp.example",
                         "scopeIds": ["10.9.1.0"] }] },
        { "name": "dhcp-lab-02.corp.example", "ip": "10.9.0.12", "error": null,
          "scopes": [{ "scopeId": "10.9.1.0", "name": "Lab" }],
          "failover": [{ "name": "LAB", "partnerServer": "10.9.0.11", "mode": "LoadBalance",
                         "serverType": "PrimaryServer", "loadBalancePercent": 50,
                         "scopeIds": ["10.9.1.0"] }] }
    ]);
    let mut inputs = raw_inputs();
    inputs.push(json_input("lab.json", &c, None));
    inputs
}

#[test]
fn relationships_merge_across_name_case_and_partner_by_ip() {
    let got = import_dhcp(&order_free_inputs()).unwrap();
    let lab = relationship(&got.tables, "lab");
    assert_eq!(
        lab["Server1Name"], "dhcp-lab-02.corp.example",
        "the primary"
    );
    assert_eq!(lab["Server2Name"], "dhcp-lab-01.corp.example");
    assert_eq!(lab["Server1Percentage"], 50);
    assert_eq!(members(&got.tables, "lab"), ["10.9.1.0"]);
    assert!(
        got.findings
            .iter()
            .all(|f| f.relationship.as_deref() != Some("lab")),
        "{:?}",
        got.findings
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_same_inputs_in_any_order_give_identical_tables(
        order in Just((0..7usize).collect::<Vec<_>>()).prop_shuffle()
    ) {
        let inputs = order_free_inputs();
        let expected = import_dhcp(&inputs).unwrap();
        let shuffled: Vec<Input> = order.iter().map(|i| inputs[*i].clone()).collect();
        let got = import_dhcp(&shuffled).unwrap();
        prop_assert_eq!(&got.tables, &expected.tables);
        prop_assert_eq!(&got.findings, &expected.findings);
        let names = |i: &ipam_failover::import::Imported| {
            i.servers.iter().map(|s| s.name.clone()).collect::<Vec<_>>()
        };
        prop_assert_eq!(names(&got), names(&expected));
    }
}
