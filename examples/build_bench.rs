//! Times `Workspace::new` natively on bench/workspace.js's tables (N scope-failover rows
//! over 4 relationships, no scopes table), and `Workspace::from_columns`: the store and view
//! build that `new Workspace(tables)` runs in wasm after reading the JavaScript objects'
//! id columns.
//! `cargo run --release --example build_bench -- [ROWS] [RUNS]` (default 1000000, 5).

use std::time::Instant;

use ipam_failover::tables::{FailoverRow, ScopeFailoverRow, Tables};
use ipam_failover::workspace::Workspace;

fn tables(rows: usize) -> Tables {
    Tables {
        failovers: (1..=4)
            .map(|r| FailoverRow {
                record_id: r,
                fields: serde_json::from_str(&format!(r#"{{"RelationshipName":"rel-{r}"}}"#))
                    .unwrap(),
            })
            .collect(),
        scope_failovers: (0..rows)
            .map(|i| ScopeFailoverRow {
                scope_id: 1_000_000 + i as i64,
                relation_id: 1 + (i % 4) as i64,
                extra: Default::default(),
            })
            .collect(),
        scopes: None,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = tables(rows);
        let start = Instant::now();
        let ws = Workspace::new(t);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(&ws);
        let drop_start = Instant::now();
        drop(ws);
        eprintln!("drop {:.1} ms", drop_start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "Workspace::new of {rows} rows: median {:.1} ms",
        times[runs / 2]
    );
    let mut times = Vec::new();
    for _ in 0..runs {
        let mut t = tables(rows);
        let pairs = std::mem::take(&mut t.scope_failovers);
        let scopes: Vec<i64> = pairs.iter().map(|r| r.scope_id).collect();
        let relations: Vec<i64> = pairs.iter().map(|r| r.relation_id).collect();
        drop(pairs);
        let start = Instant::now();
        let ws = Workspace::from_columns(t, scopes, relations, Vec::new());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(&ws);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "Workspace::from_columns of {rows} rows (the page's path): median {:.1} ms",
        times[runs / 2]
    );
}
