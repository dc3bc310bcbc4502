//! Times what a page reload and a file load cost in the core, on a generated network of
//! bench/view.js's shape (server pairs of 1,500 scopes, three relationships per pair, two
//! thirds of the scopes in one): `Workspace::from_text` on the tables' text,
//! `Workspace::to_json` and `Workspace::from_json`, `Workspace::to_packed` and
//! `Workspace::from_packed`, the first status's counts after it, `Workspace::tables_text` (the
//! working tables export) and `Workspace::as_loaded` (what Discard builds). Medians of several runs:
//! `cargo run --release --example restore_bench -- [SCOPES] [RUNS] [text]` (default 100000,
//! 5; `text`: from_text only, for a profile).

#[path = "shared/network.rs"]
mod shared;

use std::time::{Duration, Instant};

use ipam_failover::workspace::Workspace;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// This thread's CPU time so far (Linux; zero elsewhere): less disturbed by other load on
/// the machine than the wall clock.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// The median wall clock and CPU time of `runs` calls, and the last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (String, T) {
    let (mut wall, mut used) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu());
        last = Some(f());
        wall.push(t.elapsed());
        used.push(cpu().saturating_sub(c));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let text = format!(
        "{:7.1} ms ({:7.1} ms CPU)",
        ms(median(wall)),
        ms(median(used))
    );
    (text, last.unwrap())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let scopes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let only_text = args.next().as_deref() == Some("text");
    let text = shared::network(scopes);
    println!("{scopes} scopes, tables text {} bytes", text.len());
    let (t, ws) = time(runs, || Workspace::from_text(&text).unwrap());
    println!("Workspace::from_text  {t}");
    if only_text {
        return;
    }
    let (t, json) = time(runs, || ws.to_json());
    println!("Workspace::to_json    {t} ({} bytes)", json.len());
    let (t, _) = time(runs, || Workspace::from_json(&json).unwrap());
    println!("Workspace::from_json  {t}");
    let (t, packed) = time(runs, || ws.to_packed());
    println!("Workspace::to_packed  {t} ({} bytes)", packed.len());
    let (t, _) = time(runs, || Workspace::from_packed(&packed).unwrap());
    println!("Workspace::from_packed{t}");
    // What the page's first status asks of a restored copy: the counts (built over every
    // scope the first time), the coverage and the relationships.
    let (t, _) = time(runs, || {
        let mut w = Workspace::from_packed(&packed).unwrap();
        let started = Instant::now();
        let counts = (w.in_any_count(), w.coverage(), w.relationship_summary());
        (started.elapsed(), counts)
    });
    println!("first status counts   {t} (with the restore)");
    let (t, text) = time(runs, || ws.tables_text());
    println!("Workspace::tables_text{t} ({} bytes)", text.len());
    let (t, _) = time(runs, || ws.as_loaded());
    println!("Workspace::as_loaded  {t}");
}
