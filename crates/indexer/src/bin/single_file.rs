//! `quire-single-file DIST [--max-data-mb N]`: writes `DIST/quire.html`,
//! the built app and its corpus (`DIST/data/`) in one HTML file that opens
//! from disk (see `quire_indexer::single_file`). Prints its size on
//! stderr. A corpus past the limit (default 64 MB of data) gets no single
//! file: the command says so and exits 0, since the folder still works
//! served; a folder that is not a Quire build exits 1.

use std::path::PathBuf;
use std::process::ExitCode;

use quire_indexer::single_file::{build, Refusal, DEFAULT_MAX_DATA};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dist = None;
    let mut max_data = DEFAULT_MAX_DATA;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max-data-mb" => match args.next().and_then(|n| n.parse::<u64>().ok()) {
                Some(mb) => max_data = mb << 20,
                None => return usage(),
            },
            _ if dist.is_none() && !arg.starts_with('-') => dist = Some(PathBuf::from(arg)),
            _ => return usage(),
        }
    }
    let Some(dist) = dist else { return usage() };
    let out = dist.join("quire.html");
    match build(&dist, max_data) {
        Ok((html, summary)) => {
            if let Err(e) = std::fs::write(&out, html) {
                eprintln!("{}: {e}", out.display());
                return ExitCode::FAILURE;
            }
            let mb = |b: f64| b / (1u64 << 20) as f64;
            eprintln!(
                "{}: {:.2} MB (app {:.2} MB, corpus {:.2} MB in {} files, stored as base64)",
                out.display(),
                mb(summary.bytes as f64),
                mb(summary.app_bytes as f64),
                mb(summary.data_bytes as f64),
                summary.data_files
            );
            ExitCode::SUCCESS
        }
        Err(refusal @ Refusal::TooLarge { .. }) => {
            // An older quire.html would hold another corpus.
            let _ = std::fs::remove_file(&out);
            eprintln!("{refusal}");
            ExitCode::SUCCESS
        }
        Err(refusal) => {
            eprintln!("{refusal}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: quire-single-file DIST [--max-data-mb N]");
    ExitCode::from(2)
}
