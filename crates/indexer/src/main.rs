//! `quire-index CORPUS_DIR OUT_DIR [options]`: compiles a corpus folder into
//! an index's files in `OUT_DIR` (the manifest, `manifest.bin`, and every
//! part, named by the hash of its content). Shows progress and a summary
//! on stderr, and prints `{"build_ms": …, "serialize_ms": …}` on stdout.
//!
//! Options: `--threads N` (default: every core), `--no-analysis` (no reuse,
//! quotes or similarity), `--strict` (warnings fail the build), and part
//! sizes: `--shard-kb`, `--positions-kb`, `--docs-kb`, `--ids-kb`,
//! `--titles N` (documents per titles chunk), `--bundle-kb`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use quire_engine::{PackOptions, Stage};

const USAGE: &str = "usage: quire-index CORPUS_DIR OUT_DIR [--threads N] [--no-analysis] [--strict] \
[--shard-kb N] [--positions-kb N] [--docs-kb N] [--ids-kb N] [--titles N] [--bundle-kb N]";

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2);
}

/// The process's peak resident memory, where the system tells it.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// A progress bar on a terminal; a line per quarter otherwise.
struct Bar {
    started: Instant,
    tty: bool,
    last: AtomicUsize,
    out: Mutex<()>,
}

impl Bar {
    fn show(&self, stage: Stage, done: usize, total: usize) {
        let _lock = self.out.lock();
        let what = match stage {
            Stage::Analyzing => "indexing",
            Stage::CorpusAnalysis => "corpus analysis done",
            Stage::Writing => "parts written",
        };
        let total = total.max(1);
        let width = 30;
        let filled = done * width / total;
        if self.tty {
            eprint!(
                "\r  [{}{}] {done}/{total} documents, {what} ({:.1} s)   ",
                "#".repeat(filled),
                " ".repeat(width - filled),
                self.started.elapsed().as_secs_f64()
            );
            if stage == Stage::Writing {
                eprintln!();
            }
        } else {
            let quarter = done * 4 / total;
            if stage != Stage::Analyzing || self.last.swap(quarter, Ordering::Relaxed) != quarter {
                eprintln!("  {what}: {done}/{total} documents ({:.1} s)", self.started.elapsed().as_secs_f64());
            }
        }
        let _ = std::io::stderr().flush();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut paths = Vec::new();
    let mut pack = PackOptions::default();
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (mut analysis, mut strict) = (true, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = || -> usize { it.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| usage()) };
        match arg.as_str() {
            "--threads" => threads = number().max(1),
            "--no-analysis" => analysis = false,
            "--strict" => strict = true,
            "--shard-kb" => pack.shard_bytes = number() << 10,
            "--positions-kb" => pack.positions_bytes = number() << 10,
            "--docs-kb" => pack.docs_bytes = number() << 10,
            "--ids-kb" => pack.ids_bytes = number() << 10,
            "--titles" => pack.titles_per_chunk = number().max(1) as u32,
            "--bundle-kb" => pack.bundle_below = number() << 10,
            a if a.starts_with("--") => usage(),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let [dir, out] = paths.as_slice() else { usage() };
    let bar = Bar {
        started: Instant::now(),
        tty: std::io::stderr().is_terminal(),
        last: AtomicUsize::new(usize::MAX),
        out: Mutex::new(()),
    };
    let progress = |stage: Stage, done: usize, total: usize| bar.show(stage, done, total);
    let options = quire_indexer::Options {
        strict,
        threads,
        corpus_analysis: analysis,
        pack,
        progress: &progress,
    };
    eprintln!("quire-index: {} → {} ({threads} threads)", dir.display(), out.display());
    let compiled = match quire_indexer::compile(dir, &options) {
        Ok(c) => c,
        Err(failure) => {
            eprintln!("{failure}");
            std::process::exit(1);
        }
    };
    for warning in compiled.report.warnings() {
        eprintln!("{warning}");
    }
    let started = Instant::now();
    let files = &compiled.pack;
    if let Err(failure) = quire_indexer::write(files, out) {
        eprintln!("{failure}");
        std::process::exit(1);
    }
    let serialize = started.elapsed();
    let total: usize = files.files.iter().map(|(_, b)| b.len()).sum::<usize>() + files.manifest.len();
    eprintln!("  {:<12} {:>7} {:>11}", "part", "files", "bytes");
    eprintln!("  {:<12} {:>7} {:>11}", "manifest", 1, files.manifest.len());
    for (kind, count, bytes) in &files.sizes {
        eprintln!("  {kind:<12} {count:>7} {bytes:>11}");
    }
    if files.files.len() == 1 {
        eprintln!("  (small enough for one bundle: {})", files.files[0].0);
    }
    eprintln!(
        "{}; {} file(s), {:.1} MB; written in {:.1} s; peak memory {}",
        quire_indexer::summary(&compiled, dir, total),
        files.files.len() + 1,
        total as f64 / 1e6,
        serialize.as_secs_f64(),
        peak_memory_mb().map_or("unknown".to_string(), |mb| format!("{mb:.0} MB")),
    );
    println!(
        "{{\"build_ms\": {:.1}, \"serialize_ms\": {:.1}, \"documents\": {}, \"bytes\": {total}, \"peak_mb\": {:.0}}}",
        compiled.elapsed.as_secs_f64() * 1000.0,
        serialize.as_secs_f64() * 1000.0,
        compiled.pack.documents,
        peak_memory_mb().unwrap_or(0.0),
    );
}
