//! How the comparison scales: time and peak heap for one comparison of two
//! documents of a given size and shape, measured in this process (a
//! counting allocator). One case per run, so peaks do not mix:
//!
//! ```sh
//! cd crates/engine
//! cargo run --release --example compare_scale -- repetitive 1000000   # a 1 MB digest against itself
//! cargo run --release --example compare_scale -- prose 5000000        # 5 MB of prose against a revision of it
//! ```
//!
//! Shapes: `repetitive` (one paragraph repeated, compared with itself) and
//! `prose` (varied text compared with a second version: a word in 25
//! changed, a paragraph in 20 dropped, some moved). Prints one line:
//! shape, bytes, words, passages, seconds, peak MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use quire_engine::compare;
use quire_engine::ingest::text_document;
use quire_engine::Analyzer;

#[path = "../benches/support/textgen.rs"]
mod textgen;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shape = args.get(1).map(String::as_str).unwrap_or("repetitive");
    let bytes: usize = args.get(2).and_then(|b| b.parse().ok()).unwrap_or(200_000);
    let (a, b) = match shape {
        "repetitive" => {
            let text = textgen::repetitive(bytes, textgen::PARAGRAPH);
            (text.clone(), text)
        }
        "prose" => {
            let text = textgen::prose(bytes, 1);
            let revised = textgen::revise(&text, 2);
            (text, revised)
        }
        other => {
            eprintln!("unknown shape {other:?}: repetitive or prose");
            std::process::exit(2);
        }
    };
    let (da, db) = (text_document("a", "", &a), text_document("b", "", &b));
    let analyzer = Analyzer::new();
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let start = Instant::now();
    let comparison = compare(&analyzer, &da, &db);
    let seconds = start.elapsed().as_secs_f64();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    println!(
        "{shape}\t{} bytes\t{} words\t{} passages\t{seconds:.3} s\t{:.1} MB peak",
        a.len(),
        comparison.total_words[0],
        comparison.passages.len(),
        peak as f64 / 1e6
    );
}
