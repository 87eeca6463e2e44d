//! What the page and its indexing worker share: the documents a user
//! adds in the page ("Your documents"), kept in the browser's private
//! storage (the origin private file system, OPFS) and never sent
//! anywhere, and the messages the two exchange.
//!
//! A page's documents live in a folder of their own, named after the
//! page's folder ([`folder_of`]), so two Quires on one site keep theirs
//! apart:
//! - `library.bin`: the [`Library`], written last when anything changes,
//!   so an indexing stopped half-way leaves the previous library whole;
//! - `sources/<n>`: each added file's bytes, as added (an index can be
//!   built again from them, without the file this one replaced or the
//!   one just removed);
//! - `index-<generation>/`: the index built from them: the files
//!   `quire-index` writes into `data/`, read by the page as it reads those.

use serde::{Deserialize, Serialize};

pub mod store;

/// Unicode NFKD by the platform's own `String.prototype.normalize`, for
/// the engine's analyzer, in the page and in the worker alike (the same
/// decomposition on both sides of an index).
pub fn nfkd(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFKD").into()
}

/// The library's file, in its folder.
pub const LIBRARY: &str = "library.bin";
/// The folder of the added files' bytes.
pub const SOURCES: &str = "sources";

/// The first byte of `library.bin` and of every message: another value
/// is a library written by another version of Quire.
const VERSION: u8 = 1;

/// The documents added in the page: each file, and which index holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// The index built from [`Library::files`]: `index-<n>/`; none before
    /// a file gave a document.
    pub generation: Option<u64>,
    /// The index's files besides the manifest (what an export carries).
    pub index_files: Vec<String>,
    /// The next file's number in `sources/`.
    pub next_source: u64,
    /// Every added file, by path.
    pub files: Vec<Entry>,
}

/// One added file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its path as added: its name, or its path in the folder dropped.
    pub path: String,
    pub bytes: u64,
    /// Its bytes are `sources/<source>`.
    pub source: u64,
    /// Documents it gave in the index.
    pub documents: u32,
    /// What went wrong with it, or what was skipped, as at build time.
    pub problems: Vec<String>,
}

impl Library {
    /// The library in `bytes` (`library.bin`), or why not.
    pub fn decode(bytes: &[u8]) -> Result<Library, String> {
        match bytes.split_first() {
            Some((&VERSION, rest)) => {
                postcard::from_bytes(rest).map_err(|e| format!("{LIBRARY} is damaged ({e}); remove every file and add them again"))
            }
            _ => Err(format!(
                "{LIBRARY} was written by another version of Quire; remove every file and add them again"
            )),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        with_version(self)
    }

    /// Files added at `paths` (with their sizes), each given a number in
    /// `sources/`. A path already there is replaced. Gives the new
    /// files' numbers, in order, and the numbers no longer used.
    pub fn add(&mut self, files: &[(String, u64)]) -> (Vec<u64>, Vec<u64>) {
        let mut numbers = Vec::with_capacity(files.len());
        let mut freed = Vec::new();
        for (path, bytes) in files {
            let source = self.next_source;
            self.next_source += 1;
            numbers.push(source);
            let entry = Entry {
                path: path.clone(),
                bytes: *bytes,
                source,
                documents: 0,
                problems: Vec::new(),
            };
            match self.files.iter_mut().find(|e| &e.path == path) {
                Some(old) => freed.push(std::mem::replace(old, entry).source),
                None => self.files.push(entry),
            }
        }
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        (numbers, freed)
    }

    /// Removes the files at `paths`; gives the numbers no longer used.
    pub fn remove(&mut self, paths: &[String]) -> Vec<u64> {
        let paths: std::collections::HashSet<&String> = paths.iter().collect();
        let mut freed = Vec::new();
        self.files.retain(|e| {
            let gone = paths.contains(&e.path);
            if gone {
                freed.push(e.source);
            }
            !gone
        });
        freed
    }

    /// Documents in the index.
    pub fn documents(&self) -> u64 {
        self.files.iter().map(|e| u64::from(e.documents)).sum()
    }

    /// The folder of the index, if there is one.
    pub fn index_folder(&self) -> Option<String> {
        self.generation.map(index_folder)
    }
}

/// The folder of index `generation`.
pub fn index_folder(generation: u64) -> String {
    format!("index-{generation}")
}

/// The folder holding the documents added in a page at `path` (its URL's
/// path): `quire-` and a hash of the folder (FNV-1a), so that every page
/// of one folder (`/a/` and `/a/index.html`) shares it, and a Quire in
/// another folder of the site does not.
pub fn folder_of(path: &str) -> String {
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in folder.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("quire-{hash:016x}")
}

/// What the page asks of the worker. The files themselves (`File`s) follow
/// the request in the message, in the order of `paths`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Add these files, then index everything again.
    Add { folder: String, paths: Vec<String> },
    /// Remove these files, then index the rest again.
    Remove { folder: String, paths: Vec<String> },
}

/// What the worker tells the page: progress, then how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Report {
    /// The worker listens: the page may send a request.
    Ready,
    /// Files read of all, and the documents found in them so far.
    Reading { files: u32, of: u32, documents: u32 },
    /// Documents indexed of all.
    Indexing { documents: u32, of: u32 },
    /// The index's files written to storage, of all.
    Writing { files: u32, of: u32 },
    /// The new library is kept: too late to cancel (what follows only
    /// removes what it no longer names).
    Saved,
    /// The library, as kept, and what it took: milliseconds, and the
    /// worker's memory at the end (its peak: a wasm memory never shrinks).
    Done { library: Library, millis: u64, memory: u64 },
    /// Nothing was changed: why.
    Failed(String),
}

impl Request {
    pub fn encode(&self) -> Vec<u8> {
        with_version(self)
    }
    pub fn decode(bytes: &[u8]) -> Result<Request, String> {
        decode_message(bytes)
    }
}

impl Report {
    pub fn encode(&self) -> Vec<u8> {
        with_version(self)
    }
    pub fn decode(bytes: &[u8]) -> Result<Report, String> {
        decode_message(bytes)
    }
}

fn with_version<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![VERSION];
    out.extend(postcard::to_allocvec(value).expect("writing to a Vec cannot fail"));
    out
}

fn decode_message<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match bytes.split_first() {
        Some((&VERSION, rest)) => postcard::from_bytes(rest).map_err(|e| format!("a damaged message ({e})")),
        _ => Err("a message from another version of Quire (reload the page)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(lib: &Library) -> Vec<(&str, u64)> {
        lib.files.iter().map(|e| (e.path.as_str(), e.source)).collect()
    }

    #[test]
    fn files_are_added_in_path_order_and_a_path_added_again_is_replaced() {
        let mut lib = Library::default();
        let (new, freed) = lib.add(&[("b/x.md".into(), 3), ("a.txt".into(), 1)]);
        assert_eq!((new, freed), (vec![0, 1], vec![]));
        assert_eq!(paths(&lib), [("a.txt", 1), ("b/x.md", 0)]);
        let (new, freed) = lib.add(&[("a.txt".into(), 9), ("élan 👍🏽/שלום.md".into(), 2)]);
        assert_eq!((new, freed), (vec![2, 3], vec![1]));
        assert_eq!(paths(&lib), [("a.txt", 2), ("b/x.md", 0), ("élan 👍🏽/שלום.md", 3)]);
        assert_eq!(lib.files[0].bytes, 9);
        assert_eq!(lib.remove(&["b/x.md".into(), "nothing".into()]), [0]);
        assert_eq!(paths(&lib), [("a.txt", 2), ("élan 👍🏽/שלום.md", 3)]);
        assert_eq!(lib.next_source, 4, "numbers are never given twice");
    }

    #[test]
    fn a_library_and_messages_survive_encoding_and_damage_is_an_error() {
        let mut lib = Library {
            generation: Some(7),
            ..Library::default()
        };
        lib.add(&[("n\u{a0}o\u{301}tes.txt".into(), 5)]);
        lib.files[0].problems.push("warning: skipped".into());
        let bytes = lib.encode();
        assert_eq!(Library::decode(&bytes).unwrap(), lib);
        assert_eq!(lib.index_folder().as_deref(), Some("index-7"));
        assert!(Library::decode(&[]).unwrap_err().contains("another version"));
        assert!(Library::decode(&[2, 0]).unwrap_err().contains("another version"));
        for cut in 1..bytes.len() {
            assert!(Library::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let report = Report::Done {
            library: lib,
            millis: 1200,
            memory: 50 << 20,
        };
        assert_eq!(Report::decode(&report.encode()).unwrap(), report);
        let request = Request::Remove {
            folder: "quire-1".into(),
            paths: vec!["a".into()],
        };
        assert_eq!(Request::decode(&request.encode()).unwrap(), request);
        assert!(Request::decode(&[9]).is_err());
    }

    #[test]
    fn a_folder_is_named_after_the_pages_folder() {
        assert_eq!(folder_of("/quire/demo/"), folder_of("/quire/demo/index.html"));
        assert_ne!(folder_of("/quire/demo/"), folder_of("/quire/other/"));
        assert_ne!(folder_of("/a/"), folder_of("/"));
        let name = folder_of("/d\u{e9}j\u{e0}/👍🏽/");
        assert!(name.starts_with("quire-") && name.len() == 22, "{name}");
        assert_eq!(folder_of(""), folder_of("x"), "no folder at all");
    }
}
