//! The longest gap between two progress callbacks of an add of every scope on the working
//! copy: how long a Cancel can wait to be seen (the page's Cancel is read in the progress
//! callback). Also times the parameter check and telling repeats apart on their own.
//! `cargo run --release --example progress_gaps -- [SCOPES]` (default 300000).

#[path = "shared/network.rs"]
mod shared;

use std::time::Instant;

use ipam_failover::progress::{Cancelled, Progress};
use ipam_failover::workspace::Workspace;

/// A progress port that notes the time since the previous percentage.
struct Gaps {
    last: Instant,
    gaps: Vec<(u8, f64)>,
}

impl Progress for Gaps {
    fn set_completion_percentage(&mut self, percent: u8) -> Result<(), Cancelled> {
        let now = Instant::now();
        self.gaps
            .push((percent, (now - self.last).as_secs_f64() * 1000.0));
        self.last = now;
        Ok(())
    }
}

fn main() {
    let scopes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300_000);
    let text = shared::network(scopes);
    let mut ws = Workspace::from_text(&text).unwrap();
    let ids: Vec<i64> = (0..scopes as i64).map(|i| 100_000 + i).collect();
    let raw = ipam_failover::parameter::RawParameter::new(
        1,
        ids.iter()
            .map(|i| ipam_failover::raw::RawId::from(*i))
            .collect(),
    );
    let t = Instant::now();
    let checked = ipam_failover::parameter::validate_add(&raw).unwrap();
    println!("validate_add: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(checked.scope_ids.len());
    let firsts = checked
        .scope_ids
        .iter()
        .filter(|i| seen.insert(**i))
        .count();
    println!(
        "telling {firsts} ids' repeats apart: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut gaps = Gaps {
        last: Instant::now(),
        gaps: Vec::new(),
    };
    let start = Instant::now();
    ws.add_scopes(&raw, &mut gaps).unwrap();
    let total = start.elapsed().as_secs_f64() * 1000.0;
    let worst = gaps
        .gaps
        .iter()
        .skip(1)
        .fold((0, 0.0), |w, g| if g.1 > w.1 { *g } else { w });
    println!(
        "add of {scopes} ids: {total:.1} ms, {} calls; first call after {:.1} ms; longest gap {:.1} ms (before {}%)",
        gaps.gaps.len(),
        gaps.gaps[0].1,
        worst.1,
        worst.0
    );
    let first: Vec<String> = gaps
        .gaps
        .iter()
        .take(6)
        .map(|(p, ms)| format!("{p}%@+{ms:.1}"))
        .collect();
    println!("first calls: {}", first.join(" "));
}
