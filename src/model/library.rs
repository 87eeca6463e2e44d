//! "Your documents": where adding or removing files is, and how the
//! library reads, as plain values for the panel to render.

use quire_local::{Library, Report};

use crate::format::{bytes, count};

/// Where adding or removing files (or exporting) is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Task {
    #[default]
    Idle,
    /// The worker is starting.
    Started,
    /// The worker's last progress report.
    Working(Report),
    /// Ended: the documents now indexed, in how long, and the worker's
    /// peak memory.
    Finished { documents: u64, millis: u64, memory: u64 },
    /// Stopped by the user: nothing changed.
    Cancelled,
    /// Failed: nothing changed, and why.
    Failed(String),
}

/// A progress bar: what is being done, and how far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub text: String,
    pub value: u32,
    pub max: u32,
    /// Whether stopping now leaves everything as it was (not once the
    /// new library is saved).
    pub cancellable: bool,
}

impl Task {
    /// Whether the worker is at work (no other task may start).
    pub fn busy(&self) -> bool {
        matches!(self, Task::Started | Task::Working(_))
    }

    /// The progress bar while busy.
    pub fn step(&self) -> Option<Step> {
        let step = |text: String, value: u32, max: u32| Step {
            text,
            value: value.min(max),
            max: max.max(1),
            cancellable: true,
        };
        match self {
            Task::Started => Some(step("Starting the indexer…".into(), 0, 1)),
            Task::Working(Report::Reading { files, of, documents }) => Some(step(
                format!(
                    "Reading files: {files} of {of} ({} found)",
                    count(*documents as usize, "document", "documents")
                ),
                *files,
                *of,
            )),
            Task::Working(Report::Indexing { documents, of }) => Some(step(
                format!("Indexing: {documents} of {}", count(*of as usize, "document", "documents")),
                *documents,
                *of,
            )),
            Task::Working(Report::Writing { files, of }) => Some(step(
                format!("Saving the index in this browser: {files} of {of} files"),
                *files,
                *of,
            )),
            Task::Working(Report::Saved) => Some(Step {
                cancellable: false,
                ..step("Saved; removing what is no longer used…".into(), 1, 1)
            }),
            Task::Working(_) => Some(step("Starting the indexer…".into(), 0, 1)),
            _ => None,
        }
    }

    /// What to say once it ended, if anything.
    pub fn outcome(&self) -> Option<String> {
        match self {
            Task::Finished { documents, millis, memory } => Some(format!(
                "Done: {} indexed in {:.1} s (memory used: {}).",
                count(*documents as usize, "document", "documents"),
                *millis as f64 / 1000.0,
                bytes(*memory as usize)
            )),
            Task::Cancelled => Some("Stopped: nothing was added or removed; your documents are as they were.".into()),
            Task::Failed(why) => Some(format!("Nothing was changed: {why}")),
            _ => None,
        }
    }
}

/// One line about the library: files, documents, size, problems.
pub fn summary(library: &Library) -> String {
    let size: u64 = library.files.iter().map(|e| e.bytes).sum();
    let with_problems = library.files.iter().filter(|e| !e.problems.is_empty()).count();
    let mut line = format!(
        "{}, {}, {}",
        count(library.files.len(), "file", "files"),
        count(library.documents() as usize, "document", "documents"),
        bytes(size as usize)
    );
    if with_problems > 0 {
        line.push_str(&format!("; {} with problems (listed below)", count(with_problems, "file", "files")));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_a_bar_and_ends_in_a_sentence() {
        assert!(Task::Idle.step().is_none() && !Task::Idle.busy());
        let reading = Task::Working(Report::Reading {
            files: 3,
            of: 10,
            documents: 1,
        });
        assert!(reading.busy());
        assert_eq!(
            reading.step().unwrap(),
            Step {
                text: "Reading files: 3 of 10 (1 document found)".into(),
                value: 3,
                max: 10,
                cancellable: true,
            }
        );
        let indexing = Task::Working(Report::Indexing { documents: 0, of: 0 }).step().unwrap();
        assert_eq!((indexing.value, indexing.max), (0, 1), "never a bar of nothing");
        assert!(Task::Started.step().is_some());
        assert!(!Task::Working(Report::Saved).step().unwrap().cancellable, "too late to cancel");
        assert!(Task::Cancelled.outcome().unwrap().contains("as they were"));
        let done = Task::Finished {
            documents: 6046,
            millis: 4260,
            memory: 212_000_000,
        };
        assert_eq!(
            done.outcome().unwrap(),
            "Done: 6046 documents indexed in 4.3 s (memory used: 212.0 MB)."
        );
        assert!(!done.busy() && done.step().is_none());
        assert_eq!(Task::Failed("x".into()).outcome().unwrap(), "Nothing was changed: x");
        assert!(!Task::Failed("x".into()).busy());
    }

    #[test]
    fn the_summary_counts_files_documents_and_problems() {
        let mut library = Library::default();
        library.add(&[("a.txt".into(), 2048), ("b/é 👍🏽.md".into(), 10)]);
        library.files[0].documents = 3;
        assert_eq!(summary(&library), "2 files, 3 documents, 3 KB");
        library.files[1].problems.push("error: b/é 👍🏽.md: broken".into());
        assert_eq!(summary(&library), "2 files, 3 documents, 3 KB; 1 file with problems (listed below)");
    }
}
