//! The index: a searchable corpus, opened from its manifest, whose parts
//! are inserted as they arrive (or all at once from one blob, or straight
//! from the builder). Accessors for documents, titles, ids, fields, the
//! term dictionary, postings, lengths, dates, facets and the corpus
//! analysis; nothing that runs a query (see the query layer).
//!
//! # Loading on demand
//!
//! An accessor that needs a part the index does not hold answers as if
//! it were empty and notes the part as wanted. A caller runs its work,
//! takes [`Index::wanted`], fetches those files, [`Index::insert`]s them
//! and runs again, until nothing is wanted: the last run is exact, as if
//! every part had been there ([`Index::complete`] is that loop for a
//! synchronous fetch). What was fetched stays until [`Index::evict`]
//! drops the least recently used parts.
//!
//! [`Index::insert`] takes a shared reference: a part is set once, and
//! what was read from the index stays valid while parts arrive, so a
//! page can hold the index for its whole life and keep reading from it.
//! Only [`Index::evict`] needs the index to itself.

use std::collections::BTreeSet;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use fst::{IntoStreamer, Streamer};

use super::directory::Directory;
use super::facet::{Facet, FacetData};
use super::field::{FieldInfo, BODY};
use super::format::{self, offsets_ok, string_at, string_table_ok, u32_at, Bytes, TableLayout, TermsLayout, TitlesLayout};
use super::fuzzy::Automata;
use super::part::{content_hash, file_name, AnalysisPart, PartId};
use super::postings::Record;
use super::stored::StoredDoc;
use crate::compare::analysis::Analysis;
use crate::compare::quote::Quote;
use crate::compare::reuse::Cluster;
use crate::compare::similar::Vectors;
use crate::compare::speakers::Speaker;
use crate::error::{Error, ErrorKind};
use crate::text::analyze::{Analyzer, Token};
use crate::text::document::{DocId, Document, Span};
use crate::text::fields::{body_pieces, field_tokens, tokens_of};

/// A decoded part.
enum Part {
    Terms {
        terms: fst::Map<Bytes>,
        stems: fst::Map<Bytes>,
        stem_terms: Bytes,
    },
    /// Postings or positions of a run of terms: `count + 1` offsets into
    /// `bytes`, for term ids from `first`.
    Table {
        offsets: Bytes,
        bytes: Bytes,
        first: u32,
    },
    Titles {
        titles: Bytes,
        ids: Bytes,
        count: usize,
    },
    Ids(fst::Map<Bytes>),
    Docs {
        first: u32,
        docs: Vec<StoredDoc>,
    },
    /// Facets, columns and the corpus analysis live in the index itself.
    Held,
}

struct Loaded {
    part: Part,
    /// The file inflated, as the part's tables borrow from it.
    file: Arc<[u8]>,
    /// Whether it was stored deflated (and is written back so).
    deflated: bool,
    /// The generation it was last used in.
    used: AtomicU64,
}

/// The files of an index, ready to be written beside each other: the
/// manifest (under [`format::MANIFEST`]) and each part's file under its
/// content-addressed name. A small index has its parts in one bundle.
#[derive(Debug)]
pub struct Pack {
    pub manifest: Vec<u8>,
    /// `(name, bytes)` of every file besides the manifest.
    pub files: Vec<(String, Vec<u8>)>,
    /// Bytes per kind of part as stored (deflated): `(kind, files, bytes)`.
    pub sizes: Vec<(&'static str, usize, usize)>,
    /// Documents, reused passages and quotes, for reports.
    pub documents: usize,
    pub reused_passages: usize,
    pub quotes: usize,
}

impl Pack {
    /// The files of the parts `files` listed by `dir`.
    pub(crate) fn new(dir: Directory, files: Vec<(PartId, Vec<u8>)>, (reused_passages, quotes): (usize, usize)) -> Pack {
        let mut sizes: Vec<(&'static str, usize, usize)> = Vec::new();
        for (part, bytes) in &files {
            match sizes.iter_mut().find(|(k, _, _)| *k == part.kind()) {
                Some(s) => {
                    s.1 += 1;
                    s.2 += bytes.len();
                }
                None => sizes.push((part.kind(), 1, bytes.len())),
            }
        }
        let mut named: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|(part, bytes)| (file_name(part, content_hash(&bytes)), bytes))
            .collect();
        if let Some(hash) = dir.bundle {
            let all: Vec<&[u8]> = named.iter().map(|(_, b)| b.as_slice()).collect();
            let bundle = format::write_bundle(&all);
            debug_assert_eq!(content_hash(&bundle), hash);
            named = vec![(bundle_name(hash), bundle)];
        }
        Pack {
            manifest: format::write_manifest(&dir),
            files: named,
            sizes,
            documents: dir.doc_count as usize,
            reused_passages,
            quotes,
        }
    }

    /// The index these files make, read back through every check a
    /// reader makes.
    pub fn open(&self, analyzer: Analyzer) -> Result<Index, Error> {
        let index = Index::open(&self.manifest, analyzer)?;
        match index.bundle_name() {
            Some(name) => {
                let bundle = self
                    .files
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, b)| b.as_slice())
                    .unwrap_or(&[]);
                index.insert_bundle(bundle)?;
            }
            None => {
                for (name, bytes) in &self.files {
                    let part = index
                        .dir
                        .files
                        .iter()
                        .map(|(p, _)| *p)
                        .find(|p| index.file_name(*p).as_deref() == Some(name.as_str()));
                    if let Some(part) = part {
                        index.insert(part, bytes)?;
                    }
                }
            }
        }
        Ok(index)
    }
}

/// A searchable corpus. Built by [`crate::IndexBuilder`], opened from a
/// manifest ([`Index::open`]) or decoded from one blob ([`Index::decode`]).
pub struct Index {
    dir: Directory,
    manifest: Vec<u8>,
    /// The loaded parts, in the directory's order of parts.
    parts: Vec<OnceLock<Loaded>>,
    /// The dates, lengths and title-order columns, once loaded: read for
    /// every document a query scores, filters or sorts, so kept out of
    /// the table of parts (and never evicted: 8 bytes a document at most).
    columns: [OnceLock<Bytes>; 3],
    facets: Vec<OnceLock<Facet>>,
    /// What a facet reads as before its part is loaded: no values.
    unloaded_facets: Vec<Facet>,
    analysis: Analysis,
    /// Every reused passage's copy as (document, span), by document: what
    /// a document chunk is checked against in O(log n).
    reuse_spans: OnceLock<Vec<(u32, Span)>>,
    /// Held while a part is checked and set: the document chunks and the
    /// corpus analysis are checked against each other.
    inserting: Mutex<()>,
    wants: Mutex<BTreeSet<PartId>>,
    on_want: OnceLock<Box<dyn Fn() + Send + Sync>>,
    generation: AtomicU64,
    analyzer: Analyzer,
    pub(crate) fuzzy: Automata,
    /// What a document not loaded yet reads as.
    blank: StoredDoc,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.dir.doc_count)
            .field("terms", &self.dir.term_count)
            .field("loaded", &self.parts.iter().filter(|p| p.get().is_some()).count())
            .finish_non_exhaustive()
    }
}

/// A document's date keys (`yyyymmdd`, first and last day it can mean):
/// none (first 0), or two days of the calendar in order. The histogram's
/// arithmetic counts on it (the decode fuzzer found a month 99 that made
/// it underflow).
fn dates_ok(first: u32, last: u32) -> bool {
    let day = |k: u32| k / 10000 <= 9999 && (1..=12).contains(&(k / 100 % 100)) && (1..=31).contains(&(k % 100));
    first == 0 || (day(first) && day(last) && first <= last)
}

/// Where a column part is kept in [`Index`]'s `columns`.
fn column_slot(part: PartId) -> usize {
    match part {
        PartId::Dates => 0,
        PartId::Lengths => 1,
        _ => 2,
    }
}

fn corrupt(part: PartId, what: &str) -> Error {
    Error::new(
        ErrorKind::Corrupt,
        format!("the index is corrupt (its {} part: {what})", part.kind()),
    )
}

impl Index {
    /// Opens an index from its manifest, with no part loaded yet.
    pub fn open(manifest: &[u8], analyzer: Analyzer) -> Result<Index, Error> {
        let dir: Directory = format::read_manifest(manifest)?;
        dir.validate()?;
        let n = dir.doc_count as usize;
        let unloaded_facets = dir.facets.iter().map(|(key, label)| Facet::placeholder(key, label, n)).collect();
        Ok(Index {
            parts: dir.files.iter().map(|_| OnceLock::new()).collect(),
            facets: dir.facets.iter().map(|_| OnceLock::new()).collect(),
            dir,
            manifest: manifest.to_vec(),
            columns: [OnceLock::new(), OnceLock::new(), OnceLock::new()],
            unloaded_facets,
            analysis: Analysis::default(),
            reuse_spans: OnceLock::new(),
            inserting: Mutex::new(()),
            wants: Mutex::new(BTreeSet::new()),
            on_want: OnceLock::new(),
            generation: AtomicU64::new(0),
            analyzer,
            fuzzy: Automata::default(),
            blank: StoredDoc::blank(),
        })
    }

    /// Reads the whole index from one blob made by [`Index::encode`].
    #[cfg(feature = "unicode-tables")]
    pub fn decode(bytes: &[u8]) -> Result<Index, Error> {
        Index::decode_with(bytes, Analyzer::new())
    }

    /// Like [`Index::decode`], with the analyzer to run queries through; it
    /// must analyze like the one that built the index.
    pub fn decode_with(bytes: &[u8], analyzer: Analyzer) -> Result<Index, Error> {
        let (manifest, files) = format::read_container(bytes)?;
        let index = Index::open(manifest, analyzer)?;
        index.insert_all(&files)?;
        // The blob must be what encoding it again gives: a part may be
        // stored plain or deflated (and is written back the same way), but
        // one deflated otherwise than Quire deflates inflates to the same
        // data with other bytes, and is refused.
        if index.encode() != bytes {
            return Err(format::not_quires_form());
        }
        Ok(index)
    }

    /// Inserts every part, given in the directory's order.
    fn insert_all(&self, files: &[&[u8]]) -> Result<(), Error> {
        if files.len() != self.dir.files.len() {
            return Err(Error::new(
                ErrorKind::Corrupt,
                format!("the index is incomplete ({} files for {} parts)", files.len(), self.dir.files.len()),
            ));
        }
        let parts: Vec<PartId> = self.dir.files.iter().map(|(p, _)| *p).collect();
        for (part, bytes) in parts.into_iter().zip(files) {
            self.insert(part, bytes)?;
        }
        Ok(())
    }

    /// The whole index as one blob: the manifest and every part.
    /// Panics if a part is not loaded (see [`Index::is_complete`]).
    pub fn encode(&self) -> Vec<u8> {
        let files: Vec<Vec<u8>> = self.stored_files().collect();
        let files: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        format::write_container(&self.manifest, &files)
    }

    /// The files to write: the manifest and every part (or, for a small
    /// index, the bundle). Panics if a part is not loaded.
    pub fn pack(&self) -> Pack {
        let files = self.dir.files.iter().map(|(p, _)| *p).zip(self.stored_files()).collect();
        Pack::new(self.dir.clone(), files, self.analysis.counts())
    }

    /// Every part's file as it was stored (deflated again when it came
    /// deflated: the same bytes the build wrote). Panics if a part is not
    /// loaded.
    fn stored_files(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        self.parts.iter().map(|l| {
            let l = l.get().expect("a loaded part");
            if l.deflated {
                format::deflated(&l.file)
            } else {
                l.file.to_vec()
            }
        })
    }

    /// The name of the bundle, when the index is small enough to have one:
    /// fetch it first and [`Index::insert_bundle`] it.
    pub fn bundle_name(&self) -> Option<String> {
        self.dir.bundle.map(bundle_name)
    }

    /// Inserts every part from the bundle's bytes, after checking them
    /// against the bundle's hash.
    pub fn insert_bundle(&self, bytes: &[u8]) -> Result<(), Error> {
        if Some(content_hash(bytes)) != self.dir.bundle {
            return Err(mismatch("bundle", bytes.len()));
        }
        let files = format::read_bundle(bytes)?;
        self.insert_all(&files)
    }

    /// The name of a part's file.
    pub fn file_name(&self, part: PartId) -> Option<String> {
        self.dir.file_of(part)
    }

    /// Every part of the index.
    pub fn parts(&self) -> impl Iterator<Item = PartId> + '_ {
        self.dir.files.iter().map(|(p, _)| *p)
    }

    /// Whether every part is loaded.
    pub fn is_complete(&self) -> bool {
        self.parts.iter().all(|l| l.get().is_some())
    }

    /// Whether a part is loaded.
    pub fn has(&self, part: PartId) -> bool {
        self.loaded(part).is_some()
    }

    /// Where a part is kept in `parts`.
    fn slot(&self, part: PartId) -> Option<usize> {
        self.dir.files.binary_search_by_key(&part, |(p, _)| *p).ok()
    }

    fn loaded(&self, part: PartId) -> Option<&Loaded> {
        self.parts.get(self.slot(part)?)?.get()
    }

    /// The parts the runs since the last call needed and did not have.
    pub fn wanted(&self) -> Vec<PartId> {
        let mut wants = self.wants.lock().unwrap_or_else(|e| e.into_inner());
        let out = wants.iter().copied().filter(|p| !self.has(*p)).collect();
        wants.clear();
        out
    }

    /// Whether a run since the last [`Index::wanted`] wanted a part it
    /// lacks: its answer is provisional (and speculative work, such as
    /// corrections of a word whose frequency is not known yet, can wait
    /// for the next run). A page shows "loading", not "not found".
    pub fn waiting(&self) -> bool {
        !self.wants.lock().unwrap_or_else(|e| e.into_inner()).is_empty()
    }

    /// Notes a part as wanted, if it is not loaded.
    fn want(&self, part: PartId) {
        if self.slot(part).is_some() && !self.has(part) {
            let new = self.wants.lock().unwrap_or_else(|e| e.into_inner()).insert(part);
            if let (true, Some(told)) = (new, self.on_want.get()) {
                told();
            }
        }
    }

    /// Registers what to do when a run wants a part the index lacks (a
    /// page schedules a fetch): whatever read it, a view or a handler.
    /// Once; later calls are ignored.
    pub fn on_want(&self, told: impl Fn() + Send + Sync + 'static) {
        let _ = self.on_want.set(Box::new(told));
    }

    /// The parts wanted since the last [`Index::wanted`], which it leaves
    /// in place.
    pub fn wanting(&self) -> Vec<PartId> {
        self.wants.lock().unwrap_or_else(|e| e.into_inner()).iter().copied().collect()
    }

    /// Wants a part ahead of its use: a caller that knows what it will
    /// need fetches it in the same round.
    pub fn prefetch(&self, part: PartId) {
        self.want(part);
    }

    /// Checks a part's file against its hash, decodes and validates it,
    /// and keeps it. A part already loaded is kept as it is.
    pub fn insert(&self, part: PartId, bytes: &[u8]) -> Result<(), Error> {
        let Some(hash) = self.dir.hash_of(part) else {
            return Err(Error::new(
                ErrorKind::Corrupt,
                format!("the index has no {} part {part:?}", part.kind()),
            ));
        };
        if content_hash(bytes) != hash {
            return Err(mismatch(&file_name(part, hash), bytes.len()));
        }
        let _inserting = self.inserting.lock().unwrap_or_else(|e| e.into_inner());
        let Some(slot) = self.slot(part).map(|i| &self.parts[i]) else {
            return Ok(());
        };
        if slot.get().is_some() {
            return Ok(());
        }
        let (file, deflated) = format::inflated(bytes)?;
        let file: Arc<[u8]> = Arc::from(file);
        let decoded = self.decode_part(part, &file)?;
        let _ = slot.set(Loaded {
            part: decoded,
            file,
            deflated,
            used: AtomicU64::new(self.generation.load(Ordering::Relaxed)),
        });
        Ok(())
    }

    /// Decodes and checks a part; a facet, a column or the corpus
    /// analysis is set in the index itself. Called with `inserting` held.
    fn decode_part(&self, part: PartId, file: &Arc<[u8]>) -> Result<Part, Error> {
        let n = self.dir.doc_count as usize;
        let fst_error = |e: fst::Error| corrupt(part, "its dictionary").with_source(e);
        Ok(match part {
            PartId::Terms(i) => {
                let layout: TermsLayout = format::read_part(part, file)?;
                let terms = fst::Map::new(Bytes::within(file, layout.terms)).map_err(fst_error)?;
                let stems = fst::Map::new(Bytes::within(file, layout.stems)).map_err(fst_error)?;
                terms.as_fst().verify().map_err(fst_error)?;
                stems.as_fst().verify().map_err(fst_error)?;
                self.check_terms(i, &terms, &stems, layout.stem_terms)?;
                Part::Terms {
                    terms,
                    stems,
                    stem_terms: Bytes::within(file, layout.stem_terms),
                }
            }
            PartId::Fast(i) | PartId::Positions(i) => {
                let layout: TableLayout = format::read_part(part, file)?;
                let (first, end) = match part {
                    PartId::Fast(_) => self.dir.shard_ids(i),
                    _ => {
                        let first = self.dir.positions.get(i as usize).copied().unwrap_or(0);
                        let end = self.dir.positions.get(i as usize + 1).copied().unwrap_or(self.dir.term_count);
                        (first, end)
                    }
                };
                if !offsets_ok(layout.offsets, end.saturating_sub(first) as usize, layout.bytes.len()) {
                    return Err(corrupt(part, "offsets"));
                }
                Part::Table {
                    offsets: Bytes::within(file, layout.offsets),
                    bytes: Bytes::within(file, layout.bytes),
                    first,
                }
            }
            PartId::Titles(_) => {
                let layout: TitlesLayout = format::read_part(part, file)?;
                let count = self.dir.chunk_len(part) as usize;
                if !string_table_ok(layout.titles, count) || !string_table_ok(layout.ids, count) {
                    return Err(corrupt(part, "string tables"));
                }
                Part::Titles {
                    titles: Bytes::within(file, layout.titles),
                    ids: Bytes::within(file, layout.ids),
                    count,
                }
            }
            PartId::Ids(s) => {
                let bytes: &[u8] = format::read_part(part, file)?;
                let ids = fst::Map::new(Bytes::within(file, bytes)).map_err(fst_error)?;
                ids.as_fst().verify().map_err(fst_error)?;
                let (low, high) = (self.dir.ids.get(s as usize), self.dir.ids.get(s as usize + 1));
                let mut stream = ids.stream();
                while let Some((key, doc)) = stream.next() {
                    let in_range = low.is_none_or(|l| key >= l.as_bytes()) && high.is_none_or(|h| key < h.as_bytes());
                    if doc >= n as u64 || !in_range {
                        return Err(corrupt(part, "an id out of its range"));
                    }
                }
                Part::Ids(ids)
            }
            PartId::Docs(j) => {
                let layout: TableLayout = format::read_part(part, file)?;
                let count = self.dir.chunk_len(part) as usize;
                if !offsets_ok(layout.offsets, count, layout.bytes.len()) {
                    return Err(corrupt(part, "offsets"));
                }
                let mut docs = Vec::with_capacity(count);
                for i in 0..count {
                    let bytes = &layout.bytes[u32_at(layout.offsets, i) as usize..u32_at(layout.offsets, i + 1) as usize];
                    let stored: StoredDoc =
                        postcard::from_bytes(bytes).map_err(|e| corrupt(part, &format!("document {i}")).with_source(e))?;
                    if !stored.is_sound() {
                        return Err(corrupt(part, &format!("document {i}: its blocks do not fit its text")));
                    }
                    docs.push(stored);
                }
                let first = self.dir.docs.get(j as usize).copied().unwrap_or(0);
                let (reuse, quotes) = (self.reuse_spans(), self.analysis.quotes.get().map_or(&[][..], |(q, _)| q));
                for (i, stored) in docs.iter().enumerate() {
                    if !analysis_fits(DocId(first + i as u32), &stored.doc.body, reuse, quotes) {
                        return Err(corrupt(part, &format!("document {i}: the corpus analysis does not fit its text")));
                    }
                }
                Part::Docs { first, docs }
            }
            PartId::Dates | PartId::Lengths | PartId::TitleOrder => {
                let bytes: &[u8] = format::read_part(part, file)?;
                let width = if part == PartId::TitleOrder { 4 } else { 8 };
                if n.checked_mul(width) != Some(bytes.len()) {
                    return Err(corrupt(part, "its size"));
                }
                if part == PartId::TitleOrder && (0..n).any(|d| u32_at(bytes, d) as usize >= n) {
                    return Err(corrupt(part, "a rank past the corpus"));
                }
                if part == PartId::Dates && !(0..n).all(|d| dates_ok(u32_at(bytes, 2 * d), u32_at(bytes, 2 * d + 1))) {
                    return Err(corrupt(part, "a date out of the calendar"));
                }
                let _ = self.columns[column_slot(part)].set(Bytes::within(file, bytes));
                Part::Held
            }
            PartId::Facet(k) => {
                let data: FacetData = format::read_part(part, file)?;
                let Some(slot) = self.facets.get(k as usize) else {
                    return Err(corrupt(part, "unknown facet"));
                };
                let _ = slot.set(Facet::from_data(&data, n));
                Part::Held
            }
            PartId::Reuse => {
                let reuse: Vec<Cluster> = format::read_part(part, file)?;
                Analysis::validate_reuse(&reuse, n)?;
                let mut spans: Vec<(u32, Span)> = reuse.iter().flat_map(|c| c.copies.iter().map(|(d, s)| (d.0, *s))).collect();
                spans.sort_unstable_by_key(|(d, s)| (*d, s.start, s.end));
                if !self.loaded_docs_fit(&spans, &[]) {
                    return Err(corrupt(part, "a passage that does not fit its document"));
                }
                let _ = self.reuse_spans.set(spans);
                let _ = self.analysis.reuse.set(reuse);
                Part::Held
            }
            PartId::Quotes => {
                let (quotes, speakers): (Vec<Vec<Quote>>, Vec<Speaker>) = format::read_part(part, file)?;
                Analysis::validate_quotes(&quotes, &speakers, n)?;
                if !self.loaded_docs_fit(&[], &quotes) {
                    return Err(corrupt(part, "a quote that does not fit its document"));
                }
                let _ = self.analysis.quotes.set((quotes, speakers));
                Part::Held
            }
            PartId::Similar => {
                let vectors: Vectors = format::read_part(part, file)?;
                Analysis::validate_vectors(&vectors, n)?;
                let _ = self.analysis.vectors.set(vectors);
                Part::Held
            }
        })
    }

    fn reuse_spans(&self) -> &[(u32, Span)] {
        self.reuse_spans.get().map_or(&[], Vec::as_slice)
    }

    /// Whether the documents loaded so far hold these reused passages
    /// (by document) and quotes.
    fn loaded_docs_fit(&self, reuse: &[(u32, Span)], quotes: &[Vec<Quote>]) -> bool {
        self.parts.iter().filter_map(OnceLock::get).all(|l| match &l.part {
            Part::Docs { first, docs } => docs
                .iter()
                .enumerate()
                .all(|(i, s)| analysis_fits(DocId(first + i as u32), &s.doc.body, reuse, quotes)),
            _ => true,
        })
    }

    /// A term shard's dictionary holds only its range of terms and ids,
    /// and its stems point at known terms.
    fn check_terms(&self, i: u32, terms: &fst::Map<Bytes>, stems: &fst::Map<Bytes>, stem_terms: &[u8]) -> Result<(), Error> {
        let part = PartId::Terms(i);
        let (start, end) = self.dir.shard_ids(i);
        let low = self.dir.shards.get(i as usize).map(|s| s.0.as_bytes());
        let high = self.dir.shards.get(i as usize + 1).map(|s| s.0.as_bytes());
        let in_range = |key: &[u8]| low.is_none_or(|l| key >= l) && high.is_none_or(|h| key < h);
        let n = self.dir.doc_count as u64;
        let mut stream = terms.stream();
        while let Some((key, v)) = stream.next() {
            let id = v as u32;
            if id < start || id >= end || v >> 32 > n || !in_range(key) {
                return Err(corrupt(part, "a term out of its shard"));
            }
        }
        let listed = (stem_terms.len() / 4) as u64;
        let mut stream = stems.stream();
        while let Some((key, v)) = stream.next() {
            if (v >> 16) + (v & 0xffff) > listed || !in_range(key) {
                return Err(corrupt(part, "a stem out of its shard"));
            }
        }
        if stem_terms.len() % 4 != 0 || (0..listed as usize).any(|k| u32_at(stem_terms, k) >= self.dir.term_count) {
            return Err(corrupt(part, "a stem lists an unknown term"));
        }
        Ok(())
    }

    /// Runs `work` until it needs no part the index lacks, fetching what
    /// each run wanted with `fetch` (a part's file bytes, or an error).
    pub fn complete<T>(
        &self,
        mut work: impl FnMut(&Index) -> T,
        mut fetch: impl FnMut(PartId, &str) -> Result<Vec<u8>, Error>,
    ) -> Result<T, Error> {
        self.next_generation();
        loop {
            let out = work(self);
            let wanted = self.wanted();
            if wanted.is_empty() {
                return Ok(out);
            }
            for part in wanted {
                let name = self.file_name(part).unwrap_or_default();
                let bytes = fetch(part, &name)?;
                self.insert(part, &bytes)?;
            }
        }
    }

    /// Starts a new generation of use: parts used from now on are the
    /// most recent for [`Index::evict`].
    pub fn next_generation(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    /// Bytes of the parts loaded.
    pub fn loaded_bytes(&self) -> usize {
        self.parts.iter().filter_map(OnceLock::get).map(|l| l.file.len()).sum()
    }

    /// Drops the least recently used parts until at most `budget` bytes
    /// are loaded; never a part used in the current generation, nor the
    /// facets and the corpus analysis (decoded into the index).
    pub fn evict(&mut self, budget: usize) {
        let now = self.generation.load(Ordering::Relaxed);
        let mut total = self.loaded_bytes();
        if total <= budget {
            return;
        }
        let mut candidates: Vec<(u64, usize, usize)> = self
            .parts
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((i, l.get()?)))
            .filter(|(_, l)| !matches!(l.part, Part::Held))
            .map(|(i, l)| (l.used.load(Ordering::Relaxed), i, l.file.len()))
            .filter(|(used, _, _)| *used < now)
            .collect();
        candidates.sort_unstable();
        for (_, slot, size) in candidates {
            if total <= budget {
                break;
            }
            self.parts[slot].take();
            total -= size;
        }
    }

    /// A loaded part, marked as used; `None` (and wanted) when missing.
    fn part(&self, part: PartId) -> Option<&Part> {
        match self.loaded(part) {
            Some(loaded) => {
                loaded.used.store(self.generation.load(Ordering::Relaxed), Ordering::Relaxed);
                Some(&loaded.part)
            }
            None => {
                self.want(part);
                None
            }
        }
    }

    /// The size in bytes of each kind of part as held in memory (inflated),
    /// for reports. [`Pack::sizes`] are the sizes as stored.
    pub fn sizes(&self) -> Vec<(&'static str, usize, usize)> {
        let mut out: Vec<(&'static str, usize, usize)> = Vec::new();
        for ((part, _), loaded) in self.dir.files.iter().zip(&self.parts) {
            let Some(loaded) = loaded.get() else { continue };
            match out.iter_mut().find(|(k, _, _)| *k == part.kind()) {
                Some(s) => {
                    s.1 += 1;
                    s.2 += loaded.file.len();
                }
                None => out.push((part.kind(), 1, loaded.file.len())),
            }
        }
        out.sort_by_key(|(kind, _, _)| *kind);
        out
    }

    /// How many documents the corpus holds.
    pub fn len(&self) -> usize {
        self.dir.doc_count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.dir.doc_count == 0
    }

    /// How many distinct terms the dictionary holds.
    pub fn term_count(&self) -> usize {
        self.dir.term_count as usize
    }

    fn titles_entry(&self, doc: DocId, ids: bool) -> &str {
        let (k, first) = self.dir.titles_of(doc.0);
        match self.part(PartId::Titles(k)) {
            Some(Part::Titles {
                titles,
                ids: id_table,
                count,
            }) => {
                let table = if ids { id_table } else { titles };
                string_at(table, *count, (doc.0 - first) as usize)
            }
            _ => "",
        }
    }

    /// A document's title, without its text.
    pub fn title(&self, doc: DocId) -> &str {
        self.titles_entry(doc, false)
    }

    /// A document's user-facing id, without its text.
    pub fn id(&self, doc: DocId) -> &str {
        self.titles_entry(doc, true)
    }

    /// The document with this position ("" everywhere for an id from
    /// another index, or while its chunk is not loaded).
    pub fn doc(&self, doc: DocId) -> &Document {
        &self.stored(doc).doc
    }

    pub(crate) fn stored(&self, doc: DocId) -> &StoredDoc {
        if doc.0 >= self.dir.doc_count {
            return &self.blank;
        }
        let (j, _) = self.dir.docs_of(doc.0);
        match self.part(PartId::Docs(j)) {
            Some(Part::Docs { first, docs }) => docs.get((doc.0 - first) as usize).unwrap_or(&self.blank),
            _ => &self.blank,
        }
    }

    /// Wants the chunks holding `docs`, so that one round fetches them all.
    pub fn prefetch_docs(&self, docs: &[DocId]) {
        for doc in docs.iter().filter(|d| d.0 < self.dir.doc_count) {
            self.want(PartId::Docs(self.dir.docs_of(doc.0).0));
        }
    }

    /// Whether the chunks holding `docs` are all loaded; wants those that
    /// are not, so that one round fetches them all.
    pub fn has_docs(&self, docs: &[DocId]) -> bool {
        let mut all = true;
        let mut last = None;
        for doc in docs.iter().filter(|d| d.0 < self.dir.doc_count) {
            let part = PartId::Docs(self.dir.docs_of(doc.0).0);
            if last != Some(part) && !self.has(part) {
                self.want(part);
                all = false;
            }
            last = Some(part);
        }
        all
    }

    /// Wants the titles chunks of `docs`.
    pub fn prefetch_titles(&self, docs: &[DocId]) {
        for doc in docs.iter().filter(|d| d.0 < self.dir.doc_count) {
            self.want(PartId::Titles(self.dir.titles_of(doc.0).0));
        }
    }

    /// Every document, with its id, in corpus order.
    pub fn docs(&self) -> impl ExactSizeIterator<Item = (DocId, &Document)> {
        (0..self.dir.doc_count).map(move |i| (DocId(i), self.doc(DocId(i))))
    }

    /// The document whose user-facing id is `id`.
    pub fn find(&self, id: &str) -> Option<DocId> {
        if self.dir.ids.is_empty() {
            return None;
        }
        match self.part(PartId::Ids(self.dir.ids_shard_of(id)))? {
            Part::Ids(map) => map.get(id).map(|d| DocId(d as u32)),
            _ => None,
        }
    }

    /// What the corpus analysis found when the index was built: reused
    /// passages, similarity vectors, quotes and speakers; `needs` says
    /// which parts the caller reads (the others may be empty).
    pub fn analysis(&self, needs: &[AnalysisPart]) -> &Analysis {
        for need in needs {
            self.part(need.part());
        }
        &self.analysis
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The indexed fields, by id.
    pub fn fields(&self) -> &[FieldInfo] {
        &self.dir.fields
    }

    /// The ids of the fields a query without a field searches.
    pub(crate) fn default_fields(&self) -> Vec<u8> {
        (0..self.dir.fields.len() as u8)
            .filter(|&f| self.dir.fields[f as usize].default)
            .collect()
    }

    /// The id of the field a user names (`tag` and `outlet` are aliases).
    pub fn field_id(&self, name: &str) -> Option<u8> {
        let name = match name {
            "tag" => "tags",
            "outlet" => "source",
            n => n,
        };
        self.dir
            .fields
            .iter()
            .position(|f| f.name.eq_ignore_ascii_case(name))
            .map(|i| i as u8)
    }

    /// Facets (outlet, year, tags, author, and small extra fields), each
    /// value with the documents that have it.
    pub fn facets(&self) -> Vec<&Facet> {
        for k in 0..self.facets.len() as u32 {
            self.part(PartId::Facet(k));
        }
        self.facets
            .iter()
            .zip(&self.unloaded_facets)
            .map(|(f, unloaded)| f.get().unwrap_or(unloaded))
            .collect()
    }

    fn shard_terms(&self, i: u32) -> Option<&fst::Map<Bytes>> {
        match self.part(PartId::Terms(i))? {
            Part::Terms { terms, .. } => Some(terms),
            _ => None,
        }
    }

    /// The term's id and document frequency.
    pub(crate) fn term(&self, term: &str) -> Option<(u32, u32)> {
        if self.dir.shards.is_empty() {
            return None;
        }
        let i = self.dir.shard_of_term(term.as_bytes());
        // Its postings are read next: fetch them in the same round.
        self.want(PartId::Fast(i));
        let v = self.shard_terms(i)?.get(term)?;
        Some((v as u32, (v >> 32) as u32))
    }

    /// The document frequency of a term id, counted up to `limit`.
    pub(crate) fn df_up_to(&self, id: u32, limit: u32) -> u32 {
        self.record(id).fast().take(limit as usize).count() as u32
    }

    /// Every term starting with `prefix`: id and document frequency.
    pub(crate) fn prefix_terms(&self, prefix: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for i in self.dir.shards_with_prefix(prefix.as_bytes()) {
            let Some(terms) = self.shard_terms(i) else { continue };
            let mut stream = terms.range().ge(prefix).into_stream();
            while let Some((key, v)) = stream.next() {
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                out.push((v as u32, (v >> 32) as u32));
            }
        }
        out
    }

    /// Streams the entries of the dictionary accepted by `automaton`
    /// whose terms start with `prefix` ("" for all).
    pub(crate) fn terms_matching<A: fst::Automaton + Clone>(&self, prefix: &str, automaton: A, mut visit: impl FnMut(&[u8], u32, u32)) {
        for i in self.dir.shards_with_prefix(prefix.as_bytes()) {
            let Some(terms) = self.shard_terms(i) else { continue };
            let mut stream = terms.search(automaton.clone()).into_stream();
            while let Some((key, v)) = stream.next() {
                visit(key, v as u32, (v >> 32) as u32);
            }
        }
    }

    /// The ids of every term that shares the stem of `term`, including the
    /// term itself when it is indexed.
    pub(crate) fn inflections(&self, term: &str) -> Vec<u32> {
        let stem = self.analyzer.stem(term);
        let mut ids: Vec<u32> = Vec::new();
        if !self.dir.shards.is_empty() {
            if let Some(Part::Terms { stems, stem_terms, .. }) = self.part(PartId::Terms(self.dir.shard_of_term(stem.as_bytes()))) {
                if let Some(v) = stems.get(stem.as_bytes()) {
                    let (start, count) = ((v >> 16) as usize, (v & 0xffff) as usize);
                    ids = (start..start + count).map(|i| u32_at(stem_terms, i)).collect();
                }
            }
        }
        if ids.is_empty() {
            ids.extend(self.term(&stem).map(|(id, _)| id));
        }
        if let Some((id, _)) = self.term(term) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        // Their postings are read next.
        for &id in &ids {
            self.want(PartId::Fast(self.dir.shard_of_id(id)));
        }
        ids
    }

    fn table_entry(&self, part: PartId, id: u32) -> &[u8] {
        match self.part(part) {
            Some(Part::Table { offsets, bytes, first }) => {
                let k = id.wrapping_sub(*first) as usize;
                bytes
                    .get(u32_at(offsets, k) as usize..u32_at(offsets, k + 1) as usize)
                    .unwrap_or(&[])
            }
            _ => &[],
        }
    }

    /// The postings of a term: its documents and weights, no positions.
    pub(crate) fn record(&self, term: u32) -> Record<'_> {
        if term >= self.dir.term_count {
            return Record::new(&[], &[], 0);
        }
        let fast = self.table_entry(PartId::Fast(self.dir.shard_of_id(term)), term);
        Record::new(fast, &[], self.dir.doc_count)
    }

    /// The postings of a term with its positions.
    pub(crate) fn detailed(&self, term: u32) -> Record<'_> {
        if term >= self.dir.term_count {
            return Record::new(&[], &[], 0);
        }
        let fast = self.table_entry(PartId::Fast(self.dir.shard_of_id(term)), term);
        let detail = self.table_entry(PartId::Positions(self.dir.positions_of(term).0), term);
        Record::new(fast, detail, self.dir.doc_count)
    }

    fn column(&self, part: PartId) -> &[u8] {
        match self.columns[column_slot(part)].get() {
            Some(bytes) => bytes,
            None => {
                self.want(part);
                &[]
            }
        }
    }

    /// The length in tokens of a document's title (field 0) or body (1);
    /// metadata fields are not length-normalised.
    pub(crate) fn length(&self, doc: u32, field: u8) -> u32 {
        if field > BODY {
            return 0;
        }
        u32_at(self.column(PartId::Lengths), doc as usize * 2 + field as usize)
    }

    pub(crate) fn average_length(&self, field: u8) -> f32 {
        self.dir.average_lengths.get(field as usize).copied().unwrap_or(1.0)
    }

    /// The first and last day (`yyyymmdd`) a document's date can mean.
    pub(crate) fn date_keys(&self, doc: u32) -> Option<(u32, u32)> {
        let dates = self.column(PartId::Dates);
        let first = u32_at(dates, doc as usize * 2);
        (first != 0).then(|| (first, u32_at(dates, doc as usize * 2 + 1)))
    }

    /// The first and last day (`yyyymmdd`) a document's date can mean,
    /// read from the dates column: the document's text is not fetched.
    pub fn days(&self, doc: DocId) -> Option<(u32, u32)> {
        self.date_keys(doc.0)
    }

    /// The first day (`yyyymmdd`) a document's date can mean (see
    /// [`Index::days`]).
    pub fn first_day(&self, doc: DocId) -> Option<u32> {
        self.days(doc).map(|(first, _)| first)
    }

    /// Where a document ranks when sorted by title.
    pub(crate) fn title_rank(&self, doc: u32) -> u32 {
        u32_at(self.column(PartId::TitleOrder), doc as usize)
    }

    /// Body tokens from a checkpoint on, within its block: `(position,
    /// token)` with spans into the body.
    fn body_spans_from<'s>(&'s self, doc: &'s Document, (position, byte): (u32, u32)) -> impl Iterator<Item = (u32, Span)> + 's {
        let byte = (byte as usize).min(doc.body.len());
        let end = doc
            .blocks
            .iter()
            .find(|b| b.start <= byte && byte < b.end)
            .map_or(doc.body.len(), |b| b.end);
        let text = doc.body.get(byte..end).unwrap_or("");
        self.analyzer
            .spans(text)
            .enumerate()
            .map(move |(i, span)| (position + i as u32, Span::new(span.start + byte, span.end + byte)))
    }

    /// The tokens at `positions` (sorted) of a document's title or body,
    /// with their spans. The body is analyzed from the nearest checkpoint
    /// before each position, a few dozen words at most.
    pub(crate) fn spans_at(&self, doc: DocId, field: u8, positions: &[u32]) -> Vec<(u32, Span)> {
        let stored = self.stored(doc);
        if field != BODY || stored.checkpoints.is_empty() {
            return self
                .field_tokens(doc, field)
                .into_iter()
                .filter(|(p, _)| positions.binary_search(p).is_ok())
                .map(|(p, t)| (p, t.span))
                .collect();
        }
        let checkpoints = &stored.checkpoints;
        let mut out: Vec<(u32, Span)> = Vec::new();
        let mut i = 0;
        while i < positions.len() {
            let k = checkpoints.partition_point(|&(p, _)| p <= positions[i]).saturating_sub(1);
            let next_checkpoint = checkpoints.get(k + 1).map_or(u32::MAX, |&(p, _)| p);
            for (position, span) in self.body_spans_from(&stored.doc, checkpoints[k]) {
                while i < positions.len() && positions[i] < position {
                    i += 1; // a position with no token here (corrupt input): skip it
                }
                if i == positions.len() || position >= next_checkpoint {
                    break;
                }
                if positions[i] == position {
                    out.push((position, span));
                    i += 1;
                }
            }
            // Positions before the next checkpoint that were not found.
            while i < positions.len() && positions[i] < next_checkpoint {
                i += 1;
            }
        }
        out
    }

    /// The spans of the body's tokens that touch `range` (bytes), analyzing
    /// from the checkpoint before it.
    pub(crate) fn body_spans_in(&self, doc: DocId, range: std::ops::Range<usize>) -> Vec<Span> {
        let stored = self.stored(doc);
        let doc = &stored.doc;
        if stored.checkpoints.is_empty() {
            return tokens_of(&self.analyzer, body_pieces(doc))
                .into_iter()
                .map(|(_, t)| t.span)
                .filter(|s| s.end > range.start && s.start < range.end)
                .collect();
        }
        let k = stored
            .checkpoints
            .partition_point(|&(_, b)| (b as usize) <= range.start)
            .saturating_sub(1);
        let mut out = Vec::new();
        for &checkpoint in &stored.checkpoints[k..] {
            if checkpoint.1 as usize >= range.end {
                break;
            }
            let last = out.last().map_or(0, |s: &Span| s.end);
            if (checkpoint.1 as usize) < last {
                continue; // already analyzed from an earlier checkpoint
            }
            for (_, span) in self.body_spans_from(doc, checkpoint) {
                if span.start >= range.end {
                    break;
                }
                if span.start >= last && span.end > range.start {
                    out.push(span);
                }
            }
        }
        out.dedup();
        out
    }

    /// The tokens of one field of a document, with their positions.
    pub(crate) fn field_tokens(&self, doc: DocId, field: u8) -> Vec<(u32, Token)> {
        match self.dir.fields.get(field as usize) {
            Some(info) => field_tokens(&self.analyzer, self.doc(doc), &info.name),
            None => Vec::new(),
        }
    }
}

/// Whether the spans the corpus analysis holds for `doc` (reused
/// passages by document, quotes) lie in its body, on char boundaries.
fn analysis_fits(doc: DocId, body: &str, reuse: &[(u32, Span)], quotes: &[Vec<Quote>]) -> bool {
    let fits = |s: &Span| s.start <= s.end && body.get(s.start..s.end).is_some();
    let from = reuse.partition_point(|(d, _)| *d < doc.0);
    let reuse_fits = reuse[from..].iter().take_while(|(d, _)| *d == doc.0).all(|(_, s)| fits(s));
    let quotes = quotes.get(doc.index()).map_or(&[][..], Vec::as_slice);
    reuse_fits && quotes.iter().flat_map(|q| &q.parts).all(fits)
}

fn bundle_name(hash: u64) -> String {
    format!("bundle-{hash:016x}.bin")
}

fn mismatch(name: &str, len: usize) -> Error {
    Error::new(
        ErrorKind::Corrupt,
        format!("{name} is damaged or incomplete ({len} bytes that do not match its hash): fetch or build it again"),
    )
}

/// Makes the checksums and hashes of a blob made by [`Index::encode`]
/// match its bytes again after they were changed on purpose: lets the
/// fuzzer reach the checks behind them. Not for anything else.
#[doc(hidden)]
pub fn reseal(bytes: &mut Vec<u8>) {
    format::reseal(bytes);
    rewrite_files(bytes, <[u8]>::to_vec);
}

/// A blob made by [`Index::encode`] with every part stored inflated (and
/// its hashes made to match): a blob whose changed bytes reach the
/// parts' decoders, not only the inflater. For the fuzzer and the
/// damaged-index tests. Not for anything else.
#[doc(hidden)]
pub fn inflate_parts(bytes: &mut Vec<u8>) {
    rewrite_files(bytes, |file| format::inflated(file).map_or_else(|_| file.to_vec(), |(f, _)| f));
}

/// The blob with each part's file replaced by `map` of it, the hashes
/// and checksums written again. A blob that does not decode is left.
fn rewrite_files(bytes: &mut Vec<u8>, map: impl Fn(&[u8]) -> Vec<u8>) {
    let Ok((manifest, files)) = format::read_container(bytes) else {
        return;
    };
    let files: Vec<Vec<u8>> = files.into_iter().map(map).collect();
    let files: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let mut manifest = manifest.to_vec();
    format::reseal(&mut manifest);
    let Ok(mut dir) = format::read_manifest::<Directory>(&manifest) else {
        return;
    };
    for ((_, hash), file) in dir.files.iter_mut().zip(&files) {
        *hash = content_hash(file);
    }
    if dir.bundle.is_some() {
        dir.bundle = Some(content_hash(&format::write_bundle(&files)));
    }
    let manifest = format::write_manifest(&dir);
    *bytes = format::write_container(&manifest, &files);
}

impl Index {
    /// An index over `dir` with every part in `files` (the builder's
    /// product, read back through the same checks as fetched files).
    pub(crate) fn from_files(dir: Directory, files: Vec<(PartId, Vec<u8>)>, analyzer: Analyzer) -> Result<Index, Error> {
        let manifest = format::write_manifest(&dir);
        let index = Index::open(&manifest, analyzer)?;
        for (part, bytes) in files {
            index.insert(part, &bytes)?;
        }
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexBuilder;

    #[test]
    fn a_part_deflated_another_way_is_not_quires_form() {
        let mut b = IndexBuilder::new();
        for i in 0..3 {
            let body = format!("Palantir’s contract\u{a0}{i}: the NHS data platform. ").repeat(40);
            b.add(crate::ingest::text_document(&format!("d{i}"), &format!("Doc {i}"), &body))
                .unwrap();
        }
        let blob = b.build().encode();
        assert!(Index::decode_with(&blob, Analyzer::new()).is_ok());
        // The same files, each deflated part stored once with a fast level
        // instead: it inflates to the same data, with other bytes.
        let (manifest, files) = format::read_container(&blob).unwrap();
        let mut changed = 0;
        let files: Vec<Vec<u8>> = files
            .iter()
            .map(|f| match format::inflated(f).unwrap() {
                (file, true) => {
                    let fast = miniz_oxide::deflate::compress_to_vec(&file[format::HEADER..], 1);
                    let mut out = f[..format::HEADER + 4].to_vec();
                    out.extend_from_slice(&fast);
                    changed += usize::from(out != *f);
                    out
                }
                (_, false) => f.to_vec(),
            })
            .collect();
        assert!(changed > 0);
        let files: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        let mut other = format::write_container(manifest, &files);
        reseal(&mut other);
        let err = Index::decode_with(&other, Analyzer::new()).unwrap_err();
        assert!(err.to_string().contains("not in the form Quire writes"), "{err}");
    }

    #[test]
    fn date_keys_must_be_days_of_the_calendar_in_order() {
        assert!(dates_ok(0, 0));
        assert!(dates_ok(20240101, 20241231));
        assert!(dates_ok(101, 1231), "year 0");
        assert!(!dates_ok(20249901, 20249931), "month 99");
        assert!(!dates_ok(20240100, 20240131), "day 0");
        assert!(!dates_ok(20241231, 20240101), "out of order");
        assert!(!dates_ok(u32::MAX, u32::MAX));
    }
}
