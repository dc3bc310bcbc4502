//! bench/view.js's generated network, for the examples that time or weigh the core.

use std::fmt::Write;

/// bench/view.js's `network(scopes)`, as JSON text.
pub fn network(scopes: usize) -> String {
    let per_pair = 1500;
    let pair_count = scopes.div_ceil(per_pair);
    let mut failovers = Vec::new();
    for p in 0..pair_count {
        let (a, b) = (1000 + 2 * p, 1001 + 2 * p);
        for (r, kind) in ["lb", "hs", "voice"].iter().enumerate() {
            let mode = if r == 1 { "HotStandby" } else { "LoadBalance" };
            failovers.push(format!(
                r#"{{"RecordId":{},"RelationshipName":"site-{p}-{kind}","Mode":"{mode}","Server1RecordId":{a},"Server2RecordId":{b},"Server1Name":"dhcp-{p}-a.corp.example","Server2Name":"dhcp-{p}-b.corp.example","Server1State":"Normal","Server2State":"Normal","Server1Percentage":50,"MCLT":"PT1H"}}"#,
                1 + 3 * p + r
            ));
        }
    }
    let (mut rows, mut pairs) = (String::new(), String::new());
    for i in 0..scopes {
        let (p, k) = (i / per_pair, i % per_pair);
        let id = 100000 + i;
        if i > 0 {
            rows.push(',');
        }
        write!(
            rows,
            r#"{{"RecordId":{id},"ScopeId":"10.{}.{}.{}","SubnetMask":"255.255.255.224","ScopeName":"Site {p} floor {} {}","DHCPServerRecordId":{},"Description":"generated {i}","State":"Active"}}"#,
            p % 256,
            k / 6,
            (k % 6) * 32,
            k / 50,
            ["wired", "wifi", "voice"][k % 3],
            1000 + 2 * p + k % 2
        )
        .unwrap();
        if k % 3 != 2 {
            if !pairs.is_empty() {
                pairs.push(',');
            }
            write!(
                pairs,
                r#"{{"ScopeId":{id},"FailoverRelationId":{}}}"#,
                1 + 3 * p + k % 3
            )
            .unwrap();
        }
    }
    format!(
        r#"{{"ADM_DhcpFailoverTable":[{}],"ADM_DhcpScopeFailoverTable":[{pairs}],"ADM_DHCPScopesTable":[{rows}]}}"#,
        failovers.join(",")
    )
}
