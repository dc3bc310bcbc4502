//! Times the preflight report and an add of every scope on a tables file:
//! `cargo run --release --example preflight_bench -- tables.json`.
use std::time::Instant;

use ipam_failover::parameter::RawParameter;
use ipam_failover::progress::NoProgress;
use ipam_failover::raw::RawId;
use ipam_failover::workspace::Workspace;

fn main() {
    let path = std::env::args().nth(1).expect("a tables file");
    let text = std::fs::read_to_string(path).expect("readable");
    let t = Instant::now();
    let mut ws = Workspace::from_text(&text).expect("valid tables");
    println!("from_text {:?}", t.elapsed());
    let ids: Vec<i64> = ws.view().entries().map(|e| e.id).collect();
    let raw = RawParameter::new(1, ids.iter().map(|s| RawId::from(*s)).collect());
    let t = Instant::now();
    let findings = ws.preflight(&raw).unwrap();
    println!("preflight {:?} ({} findings)", t.elapsed(), findings.len());
    let t = Instant::now();
    let report = ws.preflight_report(&raw, 200, &mut NoProgress).unwrap();
    println!(
        "preflight_report {:?} ({} groups)",
        t.elapsed(),
        report["groupCount"]
    );
    ws.coverage_numbers(); // the tally counts from here on
    let t = Instant::now();
    ws.add_scopes(&raw, &mut NoProgress).unwrap();
    println!("add all {:?}", t.elapsed());
    let t = Instant::now();
    let n = ws.coverage_numbers().len();
    println!("tally sync {:?} ({n})", t.elapsed());
    let t = Instant::now();
    let p = ws.pending_summary(200);
    println!("pending_summary {:?} ({})", t.elapsed(), p["added"]);
    let t = Instant::now();
    ws.undo();
    println!("undo {:?}", t.elapsed());
    let t = Instant::now();
    let text = ws.to_json();
    println!("to_json {:?} ({} bytes)", t.elapsed(), text.len());
}
