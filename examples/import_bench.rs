//! Times `import_dhcp`, `Imported::to_json` and the tables as text on one file, several
//! runs, and prints the median of each: `cargo run --release --example import_bench --
//! FILE [RUNS]` (default 5 runs), and `import_dhcp_rows` with `tables_text` (what the binding
//! does for `tablesAsText`). With `PEAK=import` (or `json`, `text`, `rows-text`, `each-text`) it imports
//! once (and makes the JSON value or the tables' text of it), for a peak-memory measure:
//! `PEAK=import /usr/bin/time -v target/release/examples/import_bench FILE`.

use std::time::{Duration, Instant};

use ipam_failover::import::{import_dhcp, import_dhcp_rows, import_dhcp_rows_each, Input};

/// This thread's CPU time so far (Linux; zero elsewhere): less disturbed by other load on
/// the machine than the wall clock.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// Times `f`: (wall clock, CPU).
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (t, c) = (Instant::now(), cpu());
    let out = f();
    (out, t.elapsed(), cpu().saturating_sub(c))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/tmp/collection-100k.json".into());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let inputs = [Input {
        name: path.clone(),
        bytes,
        server: None,
    }];
    if let Some(what) = std::env::var_os("PEAK") {
        // One import and one use of it, for a peak-memory measure (`/usr/bin/time -v`).
        let import = || import_dhcp(&inputs).unwrap_or_else(|f| panic!("{f}"));
        let size = match what.to_str() {
            Some("json") => import().to_json().to_string().len(),
            Some("text") => import().tables.to_string().len(),
            Some("rows-text") => import_dhcp_rows(&inputs)
                .unwrap_or_else(|f| panic!("{f}"))
                .tables_text()
                .len(),
            // As the wasm binding: each file's bytes freed once it is read.
            Some("each-text") => import_dhcp_rows_each(inputs)
                .unwrap_or_else(|f| panic!("{f}"))
                .tables_text()
                .len(),
            _ => import().files.len(),
        };
        println!("{size}");
        return;
    }
    let mut times: [Vec<Duration>; 12] = Default::default();
    for _ in 0..runs {
        let (imported, w, c) = timed(|| import_dhcp(&inputs).unwrap_or_else(|f| panic!("{f}")));
        times[0].push(w);
        times[1].push(c);
        let (j, w, c) = timed(|| imported.to_json());
        times[2].push(w);
        times[3].push(c);
        let ((), w, c) = timed(|| drop(j));
        times[4].push(w);
        times[5].push(c);
        let (s, w, c) = timed(|| imported.tables.to_string());
        times[6].push(w);
        times[7].push(c);
        drop(s);
        drop(imported);
        let (rows, w, c) = timed(|| import_dhcp_rows(&inputs).unwrap_or_else(|f| panic!("{f}")));
        times[8].push(w);
        times[9].push(c);
        let (s, w, c) = timed(|| rows.tables_text());
        times[10].push(w);
        times[11].push(c);
        drop((rows, s));
    }
    let [iw, ic, jw, jc, dw, dc, tw, tc, rw, rc, xw, xc] = times.map(median);
    println!("median of {runs}, wall (cpu):");
    println!("  import_dhcp     {iw:>12.3?} ({ic:.3?})");
    println!("  to_json         {jw:>12.3?} ({jc:.3?})");
    println!("  drop its result {dw:>12.3?} ({dc:.3?})");
    println!("  tables text     {tw:>12.3?} ({tc:.3?})");
    println!("  import_dhcp_rows {rw:>11.3?} ({rc:.3?})");
    println!("  its tables_text {xw:>12.3?} ({xc:.3?})");
}
