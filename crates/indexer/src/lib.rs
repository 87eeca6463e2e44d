//! The build layer: walks a corpus folder, hands every file to the engine,
//! and reports what it found. All engine logic stays in the engine; this
//! crate only does the file system.

pub mod single_file;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quire_engine::ingest::{CorpusReader, CorpusReport};
use quire_engine::{build_parallel, Analyzer, Pack, PackOptions, Stage, MANIFEST};

/// A compiled corpus and how it went.
pub struct Compiled {
    /// The index's files.
    pub pack: Pack,
    pub report: CorpusReport,
    pub elapsed: Duration,
}

/// Why a corpus could not be compiled: every line to show the user.
#[derive(Debug)]
pub struct Failure {
    pub lines: Vec<String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.lines.join("\n"))
    }
}

/// How to build: threads, the corpus analysis, part sizes, and who hears
/// progress.
pub struct Options<'p> {
    pub strict: bool,
    pub threads: usize,
    pub corpus_analysis: bool,
    pub pack: PackOptions,
    pub progress: &'p (dyn Fn(Stage, usize, usize) + Sync),
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            strict: false,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            corpus_analysis: true,
            pack: PackOptions::default(),
            progress: &|_, _, _| {},
        }
    }
}

/// Reads and indexes every document under `dir`. Errors in the corpus (and,
/// when `strict`, warnings) fail with every problem listed.
pub fn compile(dir: &Path, options: &Options) -> Result<Compiled, Failure> {
    let strict = options.strict;
    let started = Instant::now();
    let fail = |line: String| Failure { lines: vec![line] };
    if !dir.is_dir() {
        return Err(fail(format!(
            "error: the corpus folder {} does not exist (set CORPUS_DIR to a folder of documents)",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files).map_err(|e| fail(format!("error: cannot read the corpus folder {}: {e}", dir.display())))?;
    files.sort();
    let mut reader = CorpusReader::new();
    for (relative, path) in &files {
        let bytes = std::fs::read(path).map_err(|e| fail(format!("error: cannot read {}: {e}", path.display())))?;
        reader.add_file(relative, &bytes);
    }
    let mut report = reader.finish();
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    let warnings = report.warnings().count();
    if !errors.is_empty() || (strict && warnings > 0) {
        let mut lines: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        let why = if errors.is_empty() {
            format!("{warnings} warning(s) and QUIRE_STRICT=1")
        } else {
            format!("{} error(s)", errors.len())
        };
        lines.push(format!(
            "error: the corpus in {} has {why}; fix the files listed above",
            dir.display()
        ));
        return Err(Failure { lines });
    }
    if report.documents.is_empty() {
        return Err(fail(format!("error: the corpus folder {} holds no documents", dir.display())));
    }
    let docs = std::mem::take(&mut report.documents);
    let pack = build_parallel(
        &Analyzer::new(),
        docs,
        options.threads,
        options.corpus_analysis,
        options.pack,
        options.progress,
    )
    .map_err(|e| fail(format!("error: {e}")))?;
    Ok(Compiled {
        pack,
        report,
        elapsed: started.elapsed(),
    })
}

/// Writes the index's files into `out` (created if needed): the manifest
/// and every part. Files of an earlier build that this one does not use
/// are removed, so a folder never grows stale; other files are left.
pub fn write(pack: &Pack, out: &Path) -> Result<(), Failure> {
    let fail = |what: String, e: std::io::Error| Failure {
        lines: vec![format!("error: cannot {what}: {e}")],
    };
    std::fs::create_dir_all(out).map_err(|e| fail(format!("create {}", out.display()), e))?;
    let keep: std::collections::HashSet<&str> = pack.files.iter().map(|(name, _)| name.as_str()).collect();
    if let Ok(entries) = std::fs::read_dir(out) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_part_file(&name) && !keep.contains(name.as_str()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    for (name, bytes) in &pack.files {
        let path = out.join(name);
        // Named by content: a file already there is this file.
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
            continue;
        }
        std::fs::write(&path, bytes).map_err(|e| fail(format!("write {}", path.display()), e))?;
    }
    let manifest = out.join(MANIFEST);
    std::fs::write(&manifest, &pack.manifest).map_err(|e| fail(format!("write {}", manifest.display()), e))?;
    Ok(())
}

/// Whether a file name is one of an index's parts (`kind-<16 hex>.bin`).
fn is_part_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".bin") else { return false };
    let Some((kind, hash)) = stem.rsplit_once('-') else { return false };
    !kind.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A one-line summary of a compiled corpus.
pub fn summary(compiled: &Compiled, dir: &Path, bytes: usize) -> String {
    format!(
        "Quire: compiled {} document(s) from {} in {:.1} s; skipped {} with warnings; ignored {} non-document file(s); index {} KB; {} reused passage(s), {} quote(s)",
        compiled.pack.documents,
        dir.display(),
        compiled.elapsed.as_secs_f32(),
        compiled.report.skipped,
        compiled.report.ignored,
        bytes / 1024,
        compiled.pack.reused_passages,
        compiled.pack.quotes,
    )
}

/// Every file under `dir`, with its path relative to `root` using `/`.
/// Hidden folders (`.git`…) are not entered.
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .expect("under root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if entry.file_type()?.is_dir() {
            if !relative.rsplit('/').next().unwrap_or("").starts_with('.') {
                walk(root, &path, out)?;
            }
        } else {
            out.push((relative, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_part_files_are_cleaned_up() {
        assert!(is_part_file("terms-00ff00ff00ff00ff.bin"));
        assert!(is_part_file("title-order-0123456789abcdef.bin"));
        assert!(!is_part_file("manifest.bin"));
        assert!(!is_part_file("index.html"));
        assert!(!is_part_file("quire-0123456789abcdef_bg.wasm"));
        assert!(!is_part_file("notes-123.bin"));
    }
}
