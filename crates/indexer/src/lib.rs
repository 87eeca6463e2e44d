//! The build layer: walks a corpus folder, hands every file to the engine,
//! and reports what it found. All engine logic stays in the engine; this
//! crate only does the file system.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use quire_engine::ingest::{CorpusReader, CorpusReport};
use quire_engine::{Index, IndexBuilder};

/// A compiled corpus and how it went.
pub struct Compiled {
    pub index: Index,
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

/// Reads and indexes every document under `dir`. Errors in the corpus (and,
/// when `strict`, warnings) fail with every problem listed.
pub fn compile(dir: &Path, strict: bool) -> Result<Compiled, Failure> {
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
    let mut builder = IndexBuilder::new();
    for doc in std::mem::take(&mut report.documents) {
        builder.add(doc).map_err(|e| fail(format!("error: {e}")))?;
    }
    Ok(Compiled {
        index: builder.build(),
        report,
        elapsed: started.elapsed(),
    })
}

/// A one-line summary of a compiled corpus.
pub fn summary(compiled: &Compiled, dir: &Path, bytes: usize) -> String {
    format!(
        "Quire: compiled {} document(s) from {} in {:.1} s; skipped {} with warnings; ignored {} non-document file(s); index {} KB; {} reused passage(s), {} quote(s)",
        compiled.index.len(),
        dir.display(),
        compiled.elapsed.as_secs_f32(),
        compiled.report.skipped,
        compiled.report.ignored,
        bytes / 1024,
        compiled.index.analysis().reuse().len(),
        compiled.index.docs().map(|(d, _)| compiled.index.analysis().quotes(d).len()).sum::<usize>(),
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
