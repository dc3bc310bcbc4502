//! Weighs the working copy in the core: the heap that `Workspace::from_text` and
//! `Workspace::from_string` (a file's load; the given text counts as used),
//! `Workspace::to_packed`, `Workspace::from_packed_vec` (a reload) and rounds of small
//! changes as the page makes them use at their peak and keep afterwards, on bench/view.js's generated network. In wasm the peak is what
//! counts: linear memory grows to it and never shrinks, so the page keeps it for good.
//! Pointers are 8 bytes here and 4 in wasm, so wasm figures are somewhat smaller.
//! `cargo run --release --example memory_bench -- [SCOPES]` (default 300000).

#[path = "shared/network.rs"]
mod shared;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use ipam_failover::workspace::Workspace;

/// The system allocator, counting the bytes in use and the most ever in use.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = NOW.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: as the caller's contract with GlobalAlloc::alloc.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller's contract with GlobalAlloc::dealloc.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A moving realloc holds both blocks for a moment: count the new one first.
        grew(new_size);
        // SAFETY: as the caller's contract with GlobalAlloc::realloc.
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        out
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: f64 = 1048576.0;

/// Runs `f` and prints the heap it used at its peak and what it kept, above what was in
/// use before it.
fn weigh<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let (now, peak) = (NOW.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
    println!(
        "{what:<28} peak +{:7.1} MiB, kept +{:7.1} MiB",
        (peak - before) as f64 / MIB,
        (now as f64 - before as f64) / MIB
    );
    out
}

fn main() {
    let scopes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300_000);
    let mut text = shared::network(scopes);
    text.shrink_to_fit();
    println!(
        "{scopes} scopes, tables text {:.1} MiB",
        text.len() as f64 / MIB
    );
    let ws = weigh("from_text (text lent)", || {
        Workspace::from_text(&text).unwrap()
    });
    let lent = ws.to_packed();
    drop(ws);
    let ws = weigh("from_string (text given)", || {
        Workspace::from_string(text).unwrap()
    });
    assert!(ws.to_packed() == lent, "from_string and from_text differ");
    drop(lent);
    let packed = weigh("to_packed", || ws.to_packed());
    println!("packed form {:.1} MiB", packed.len() as f64 / MIB);
    drop(ws);
    let ws = weigh("from_packed_vec (bytes given)", || {
        Workspace::from_packed_vec(packed).unwrap()
    });
    small_changes(ws);
}

/// A round of small changes as the page makes them (preflight, add 20, the status the page
/// shows after it, remove 20, undo, redo): each should cost heap in proportion to the
/// change. In wasm a transient allocation larger than any free block grows the memory.
fn small_changes(mut ws: Workspace) {
    use ipam_failover::parameter::RawParameter;
    use ipam_failover::progress::NoProgress;
    use ipam_failover::raw::RawId;
    use ipam_failover::workspace::RawQuery;
    let param = |failover: i64, ids: Vec<i64>| {
        RawParameter::new(failover, ids.into_iter().map(RawId::from).collect())
    };
    // bench/view.js's network: scope k of a pair is in no relationship when k % 3 == 2,
    // else in relationship 1 + 3p + k % 3.
    let in_none: Vec<i64> = (0..20).map(|i| 100_000 + 2 + 3 * i).collect();
    let members: Vec<i64> = (0..20).map(|i| 100_000 + 3 * i).collect();
    let page = RawQuery {
        text: None,
        prefix: None,
        server: None,
        membership: None,
        relationship: None,
        sort: Some("address".into()),
        descending: false,
        offset: None,
        limit: Some(50.0),
    }
    .validate()
    .unwrap();
    let status = |ws: &mut Workspace| {
        let _ = ws.pending_summary(200);
        let _ = ws.relationship_numbers();
        let _ = ws.coverage_numbers();
    };
    weigh("first list of scopes", || ws.scope_page(&page));
    for round in 0..2 {
        println!("round {round}");
        weigh("  preflight report of 20", || {
            ws.preflight_report(&param(1, in_none.clone()), 10, &mut NoProgress)
                .unwrap()
        });
        weigh("  add 20", || {
            ws.add_scopes(&param(1, in_none.clone()), &mut NoProgress)
                .unwrap()
        });
        weigh("  status after it", || status(&mut ws));
        weigh("  list of scopes", || ws.scope_page(&page));
        weigh("  remove 20", || {
            ws.remove_scopes(&param(1, members.clone()), &mut NoProgress)
                .unwrap()
        });
        weigh("  status after it", || status(&mut ws));
        weigh("  list of scopes", || ws.scope_page(&page));
        weigh("  undo", || ws.undo());
        weigh("  redo", || ws.redo());
    }
}
