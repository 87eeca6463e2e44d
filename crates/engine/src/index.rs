//! The index: builder, product, and its one binary encoding.
//!
//! The encoded index is a header (magic, format version) and one postcard
//! value, [`Layout`], whose large parts are byte arrays used as they are:
//! the term dictionary is an `fst` map (term → id and document frequency),
//! postings are one byte array with an offset table, lengths, dates and
//! title order are little-endian `u32` arrays. Decoding therefore costs a
//! copy at most (nothing with [`Index::decode_static`]); documents are
//! decoded one by one, when first asked for.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analyze::{Analyzer, Token};
use crate::corpus::Analysis;
use crate::facet::{self, Facet, FacetData};
use crate::postings::{FieldOccurrences, Record, RecordWriter};
use crate::{DocId, Document, Error, Meta};

/// The encoded index starts with these bytes, then the format version,
/// then a checksum of the rest.
const MAGIC: &[u8; 6] = b"QUIRE\0";

/// Bumped whenever the encoded layout changes; decoding checks it.
pub const FORMAT_VERSION: u32 = 6;

/// Header bytes: magic, format version, checksum (XXH3-64 of the body).
const HEADER: usize = MAGIC.len() + 4 + 8;

fn checksum(body: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(body)
}

/// Writes the checksum of a blob's body into its header again, after the
/// body was changed on purpose: lets the fuzzer reach the structural
/// checks behind the checksum. Not for anything else.
#[doc(hidden)]
pub fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= HEADER {
        let sum = checksum(&bytes[HEADER..]);
        bytes[MAGIC.len() + 4..HEADER].copy_from_slice(&sum.to_le_bytes());
    }
}

/// Positions skipped between blocks (and between metadata values), so a
/// phrase or proximity match never spans a paragraph break.
pub(crate) const BLOCK_GAP: u32 = 16;

/// The title's field id. Fields are numbered: title, body, then metadata
/// keys in the order documents first used them.
pub const TITLE: u8 = 0;
/// The body's field id.
pub const BODY: u8 = 1;

/// At most this many fields; further metadata keys share the last one.
const MAX_FIELDS: usize = 250;

/// An indexed field and how it counts in BM25F.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldInfo {
    /// `title`, `body`, `source`, `author`, `tags`, or a metadata key.
    pub name: String,
    /// How much a match here counts relative to the body.
    pub weight: f32,
    /// Length normalisation (BM25 `b`); 0 for short metadata fields.
    pub b: f32,
    /// Whether a query without a field searches it: the title, the body,
    /// the outlet, author and tags do; other metadata (e-mail addresses,
    /// message ids, hashes) only when named (`from:kre`).
    pub default: bool,
}

/// The field weights, documented in the README: a title match counts three
/// body matches; outlet, author and tags two; other metadata half of one.
fn field_info(name: &str) -> FieldInfo {
    let (weight, b, default) = match name {
        "title" => (3.0, 0.5, true),
        "body" => (1.0, 0.75, true),
        "source" | "author" | "tags" => (2.0, 0.0, true),
        _ => (0.5, 0.0, false),
    };
    FieldInfo {
        name: name.to_string(),
        weight,
        b,
        default,
    }
}

/// The metadata values of one field of a document.
fn field_values<'d>(doc: &'d Document, name: &str) -> Vec<&'d str> {
    let meta = &doc.meta;
    match name {
        "source" => meta.source.iter().map(String::as_str).collect(),
        "author" => meta.author.iter().map(String::as_str).collect(),
        "tags" => meta.tags.iter().map(String::as_str).collect(),
        key => meta
            .extra
            .get(key)
            .map(|v| v.values().iter().map(String::as_str).collect())
            .unwrap_or_default(),
    }
}

/// The metadata field names a document uses, in a stable order.
fn meta_field_names(meta: &Meta) -> Vec<&str> {
    let mut names = Vec::new();
    if meta.source.is_some() {
        names.push("source");
    }
    if meta.author.is_some() {
        names.push("author");
    }
    if !meta.tags.is_empty() {
        names.push("tags");
    }
    names.extend(meta.extra.keys().map(String::as_str));
    names
}

/// Tokens of several pieces of text, positions continuing across them with
/// a gap; spans are offset by each piece's start.
fn tokens_of<'t>(analyzer: &Analyzer, pieces: impl IntoIterator<Item = (&'t str, usize)>) -> Vec<(u32, Token)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for (text, offset) in pieces {
        if !out.is_empty() {
            next += BLOCK_GAP;
        }
        for mut token in analyzer.tokens(text) {
            token.span.start += offset;
            token.span.end += offset;
            out.push((next, token));
            next += 1;
        }
    }
    out
}

/// The body's pieces: its blocks, or the whole text when it has none.
pub(crate) fn body_pieces(doc: &Document) -> Vec<(&str, usize)> {
    if doc.blocks.is_empty() {
        vec![(doc.body.as_str(), 0)]
    } else {
        doc.blocks.iter().map(|b| (doc.block_text(b), b.start)).collect()
    }
}

/// A field's tokens with their positions. Spans index the title or body
/// for those fields; for metadata they index each value.
pub(crate) fn field_tokens(analyzer: &Analyzer, doc: &Document, field: &str) -> Vec<(u32, Token)> {
    match field {
        "title" => tokens_of(analyzer, [(doc.title.as_str(), 0)]),
        "body" => tokens_of(analyzer, body_pieces(doc)),
        name => tokens_of(analyzer, field_values(doc, name).into_iter().map(|v| (v, 0))),
    }
}

/// A stored document: the document, and checkpoints into its body, so the
/// span of a token position is found by analyzing a few dozen words, not
/// the whole body.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredDoc {
    pub doc: Document,
    /// `(position, byte)` of body tokens where analysis can restart: the
    /// first token of every block, then one every [`CHECKPOINT_EVERY`]
    /// tokens or more, at a token that follows whitespace.
    pub checkpoints: Vec<(u32, u32)>,
}

/// The text shown for a stored document whose bytes do not decode.
pub const DAMAGED: &str = "This document could not be read: its stored data is damaged. Build the corpus again.";

impl StoredDoc {
    /// Whether the document's blocks and checkpoints fit its body: in
    /// order, inside it and on char boundaries.
    fn is_sound(&self) -> bool {
        let body = &self.doc.body;
        let mut last = 0;
        for block in &self.doc.blocks {
            if block.start < last
                || block.start > block.end
                || block.end > body.len()
                || !body.is_char_boundary(block.start)
                || !body.is_char_boundary(block.end)
            {
                return false;
            }
            last = block.end;
        }
        self.checkpoints.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
            && self.checkpoints.iter().all(|&(_, byte)| body.is_char_boundary(byte as usize))
    }
}

/// Tokens between body checkpoints, at least.
const CHECKPOINT_EVERY: u32 = 32;

/// Checkpoints of a body's tokens (see [`StoredDoc::checkpoints`]).
fn checkpoints(doc: &Document, tokens: &[(u32, Token)]) -> Vec<(u32, u32)> {
    let starts: Vec<usize> = body_pieces(doc).iter().map(|(_, offset)| *offset).collect();
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut block = usize::MAX;
    for (position, token) in tokens {
        let start = token.span.start;
        let b = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let new_block = b != block;
        block = b;
        let after_space = doc.body[..start].chars().next_back().is_some_and(char::is_whitespace);
        let due = out.last().is_none_or(|&(p, _)| position - p >= CHECKPOINT_EVERY);
        if new_block || (due && after_space) {
            out.push((*position, start as u32));
        }
    }
    out
}

type Bytes = Cow<'static, [u8]>;

/// What is encoded: one serde type, written and read in one place each.
#[derive(Serialize, Deserialize)]
struct Layout<'a> {
    doc_count: u32,
    fields: Vec<FieldInfo>,
    /// Average title and body lengths, in tokens.
    average_lengths: [f32; 2],
    facets: Vec<FacetData>,
    /// Reused passages, document vectors and quotes.
    analysis: Analysis,
    /// fst map: term → `df << 32 | term id`.
    terms: &'a [u8],
    /// `u32` × (terms + 1): where each term's record starts in `postings`.
    term_offsets: &'a [u8],
    postings: &'a [u8],
    /// fst map: stem → `start << 16 | count` into `stem_terms`.
    stems: &'a [u8],
    /// `u32` term ids, grouped by stem.
    stem_terms: &'a [u8],
    /// `u32` × 2 per document: title and body length in tokens.
    lengths: &'a [u8],
    /// `u32` × 2 per document: first and last day (`yyyymmdd`), 0 if undated.
    dates: &'a [u8],
    /// `u32` per document: its rank when sorted by title.
    title_order: &'a [u8],
    /// Titles and ids: `u32` offsets × (n + 1), then the UTF-8 text.
    titles: &'a [u8],
    ids: &'a [u8],
    /// The documents themselves, when shipped with the index.
    store: Option<StoreLayout<'a>>,
}

/// The stored documents: `u32` offsets × (n + 1), then postcard documents.
#[derive(Serialize, Deserialize)]
struct StoreLayout<'a> {
    offsets: &'a [u8],
    docs: &'a [u8],
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(i * 4..i * 4 + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A string table: offsets then text.
fn string_table<'s>(strings: impl Iterator<Item = &'s str>) -> Vec<u8> {
    let strings: Vec<&str> = strings.collect();
    let mut out = Vec::new();
    let mut at = 0u32;
    push_u32(&mut out, 0);
    for s in &strings {
        at += s.len() as u32;
        push_u32(&mut out, at);
    }
    for s in &strings {
        out.extend_from_slice(s.as_bytes());
    }
    out
}

fn string_at(table: &[u8], count: usize, i: usize) -> &str {
    let base = (count + 1) * 4;
    let (start, end) = (u32_at(table, i) as usize, u32_at(table, i + 1) as usize);
    table
        .get(base + start..base + end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// Checks what the tables of a decoded layout point into, so that no
/// later read goes out of bounds: the dictionaries' own checksums and
/// values, offsets that only grow and stay inside their arrays, document
/// ids below the document count, finite weights. Cost: one pass over the
/// dictionaries and the offset tables (not over the postings, whose
/// readers stop at the first bad byte or document id).
fn validate(layout: &Layout<'_>, terms: &fst::Map<Bytes>, stems: &fst::Map<Bytes>, store: Option<&(Bytes, Bytes)>) -> Result<(), Error> {
    use fst::{IntoStreamer, Streamer};
    let corrupt = |what: &str| Error::new(format!("the index is corrupt ({what})"));
    let n = layout.doc_count as u64;
    let fst_error = |e: fst::Error| Error::new("the index's dictionary is corrupt").with_source(e);
    terms.as_fst().verify().map_err(fst_error)?;
    stems.as_fst().verify().map_err(fst_error)?;
    let term_count = terms.len() as u64;
    let mut stream = terms.stream();
    while let Some((_, v)) = stream.next() {
        if (v as u32) as u64 >= term_count || v >> 32 > n {
            return Err(corrupt("a dictionary entry points past the postings"));
        }
    }
    let stem_terms = (layout.stem_terms.len() / 4) as u64;
    let mut stream = stems.into_stream();
    while let Some((_, v)) = stream.next() {
        if (v >> 16) + (v & 0xffff) > stem_terms {
            return Err(corrupt("a stem points past its terms"));
        }
    }
    if (0..stem_terms as usize).any(|i| u32_at(layout.stem_terms, i) as u64 >= term_count) {
        return Err(corrupt("a stem lists an unknown term"));
    }
    let ascending = |table: &[u8], count: usize, limit: usize| {
        (0..count).all(|i| u32_at(table, i) <= u32_at(table, i + 1)) && u32_at(table, count) as usize <= limit
    };
    if !ascending(layout.term_offsets, terms.len(), layout.postings.len()) {
        return Err(corrupt("postings offsets"));
    }
    let table_ok = |table: &[u8]| {
        let base = (n as usize + 1) * 4;
        ascending(table, n as usize, table.len().saturating_sub(base))
    };
    if !table_ok(layout.titles) || !table_ok(layout.ids) {
        return Err(corrupt("titles or ids"));
    }
    let finite = |x: f32| x.is_finite() && x >= 0.0;
    if layout.fields.len() > MAX_FIELDS
        || !layout.fields.iter().all(|f| finite(f.weight) && finite(f.b))
        || !layout.average_lengths.iter().all(|&a| finite(a))
    {
        return Err(corrupt("field weights"));
    }
    // The analysis' document ids first: the documents' check relies on them.
    layout.analysis.validate(n as usize)?;
    if let Some((offsets, docs)) = store.filter(|(offsets, _)| !offsets.is_empty()) {
        if !ascending(offsets, n as usize, docs.len()) {
            return Err(corrupt("document offsets"));
        }
        validate_store(n as usize, offsets, docs, &layout.analysis)?;
    }
    Ok(())
}

/// Decodes every stored document once (then drops it: documents are kept
/// decoded only when asked for) to check it: its blocks and checkpoints,
/// and the spans the corpus analysis (reused passages, quotes) points to in
/// it, which must lie inside its body on char boundaries.
fn validate_store(n: usize, offsets: &[u8], docs: &[u8], analysis: &Analysis) -> Result<(), Error> {
    let mut spans: Vec<Vec<crate::Span>> = vec![Vec::new(); n];
    for cluster in &analysis.reuse {
        for (doc, span) in &cluster.copies {
            spans[doc.index()].push(*span);
        }
    }
    for (doc, quotes) in analysis.quotes.iter().enumerate() {
        spans[doc].extend(quotes.iter().flat_map(|q| q.parts.iter().copied()));
    }
    for (i, spans) in spans.iter().enumerate() {
        let bytes = docs
            .get(u32_at(offsets, i) as usize..u32_at(offsets, i + 1) as usize)
            .unwrap_or(&[]);
        let stored: StoredDoc =
            postcard::from_bytes(bytes).map_err(|e| Error::new(format!("the index is corrupt (document {i})")).with_source(e))?;
        let body = &stored.doc.body;
        if !stored.is_sound() || !spans.iter().all(|s| s.start <= s.end && body.get(s.start..s.end).is_some()) {
            return Err(Error::new(format!(
                "the index is corrupt (document {i}: its blocks or analysis do not fit its text)"
            )));
        }
    }
    Ok(())
}

/// A searchable corpus. Built by [`IndexBuilder`], or decoded from bytes
/// made by [`Index::encode`].
pub struct Index {
    doc_count: usize,
    fields: Vec<FieldInfo>,
    average_lengths: [f32; 2],
    terms: fst::Map<Bytes>,
    term_offsets: Bytes,
    postings: Bytes,
    stems: fst::Map<Bytes>,
    stem_terms: Bytes,
    lengths: Bytes,
    dates: Bytes,
    title_order: Bytes,
    titles: Bytes,
    ids: Bytes,
    store: Option<(Bytes, Bytes)>,
    docs: Vec<OnceLock<StoredDoc>>,
    by_id: OnceLock<HashMap<String, DocId>>,
    facets: Vec<Facet>,
    pub(crate) analysis: Analysis,
    analyzer: Analyzer,
    pub(crate) fuzzy: crate::fuzzy::Automata,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.doc_count)
            .field("terms", &self.terms.len())
            .finish_non_exhaustive()
    }
}

impl Index {
    fn layout(&self, with_store: bool) -> Layout<'_> {
        Layout {
            doc_count: self.doc_count as u32,
            fields: self.fields.clone(),
            average_lengths: self.average_lengths,
            facets: self.facets.iter().map(Facet::to_data).collect(),
            analysis: self.analysis.clone(),
            terms: self.terms.as_fst().as_bytes(),
            term_offsets: &self.term_offsets,
            postings: &self.postings,
            stems: self.stems.as_fst().as_bytes(),
            stem_terms: &self.stem_terms,
            lengths: &self.lengths,
            dates: &self.dates,
            title_order: &self.title_order,
            titles: &self.titles,
            ids: &self.ids,
            store: match (&self.store, with_store) {
                (Some((offsets, docs)), true) => Some(StoreLayout { offsets, docs }),
                _ => None,
            },
        }
    }

    fn write<T: Serialize>(value: &T) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        let mut out = postcard::to_extend(value, out).expect("writing to a Vec cannot fail");
        reseal(&mut out);
        out
    }

    /// The index with its documents, as bytes.
    pub fn encode(&self) -> Vec<u8> {
        Self::write(&self.layout(true))
    }

    /// The index without its documents (searchable; titles and ids only),
    /// and the documents apart, e.g. to load them later or not at all.
    pub fn encode_split(&self) -> (Vec<u8>, Vec<u8>) {
        let store = match &self.store {
            Some((offsets, docs)) => StoreLayout { offsets, docs },
            None => StoreLayout { offsets: &[], docs: &[] },
        };
        (Self::write(&self.layout(false)), Self::write(&store))
    }

    /// The body of a blob, once its magic bytes, format version and
    /// checksum are right: a truncated or damaged blob stops here.
    fn body_of(bytes: &[u8]) -> Result<&[u8], Error> {
        if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::new("not a Quire index (wrong magic bytes)"));
        }
        let version = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(Error::new(format!(
                "index format version {version}, but this build reads version {FORMAT_VERSION}; rebuild the index"
            )));
        }
        let stored = bytes
            .get(MAGIC.len() + 4..HEADER)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
        let body = bytes.get(HEADER..).unwrap_or(&[]);
        if stored != Some(checksum(body)) {
            return Err(Error::new(format!(
                "the index is damaged or incomplete ({} bytes, checksum mismatch): download or build it again",
                bytes.len()
            )));
        }
        Ok(body)
    }

    /// Reads bytes made by [`Index::encode`] (or the first part of
    /// [`Index::encode_split`]), checking the format version.
    #[cfg(feature = "unicode-tables")]
    pub fn decode(bytes: &[u8]) -> Result<Index, Error> {
        Index::decode_with(bytes, Analyzer::new())
    }

    /// Like [`Index::decode`], with the analyzer to run queries through; it
    /// must analyze like the one that built the index.
    pub fn decode_with(bytes: &[u8], analyzer: Analyzer) -> Result<Index, Error> {
        Self::from_bytes(bytes, analyzer, |b| Cow::Owned(b.to_vec()))
    }

    /// Like [`Index::decode_with`] for bytes that live as long as the
    /// program (e.g. embedded with `include_bytes!`): nothing is copied.
    pub fn decode_static(bytes: &'static [u8], analyzer: Analyzer) -> Result<Index, Error> {
        Self::from_bytes(bytes, analyzer, Cow::Borrowed)
    }

    fn from_bytes<'a>(bytes: &'a [u8], analyzer: Analyzer, keep: impl Fn(&'a [u8]) -> Bytes) -> Result<Index, Error> {
        let corrupt = |e: postcard::Error| Error::new("the index is corrupt").with_source(e);
        let mut layout: Layout<'a> = postcard::from_bytes(Self::body_of(bytes)?).map_err(corrupt)?;
        let store = layout.store.take().map(|s| (keep(s.offsets), keep(s.docs)));
        Self::assemble(layout, store, analyzer, &keep)
    }

    /// Reads the two parts made by [`Index::encode_split`]. Without the
    /// documents, each document is only its id and title.
    pub fn decode_split(index: &[u8], store: Option<&[u8]>, analyzer: Analyzer) -> Result<Index, Error> {
        let keep = |b: &[u8]| -> Bytes { Cow::Owned(b.to_vec()) };
        let corrupt = |e: postcard::Error| Error::new("the index is corrupt").with_source(e);
        let layout: Layout = postcard::from_bytes(Self::body_of(index)?).map_err(corrupt)?;
        let store = match store {
            Some(bytes) => {
                let s: StoreLayout = postcard::from_bytes(Self::body_of(bytes)?).map_err(corrupt)?;
                Some((keep(s.offsets), keep(s.docs)))
            }
            None => None,
        };
        Self::assemble(layout, store, analyzer, &keep)
    }

    fn assemble<'a>(
        layout: Layout<'a>,
        store: Option<(Bytes, Bytes)>,
        analyzer: Analyzer,
        keep: &impl Fn(&'a [u8]) -> Bytes,
    ) -> Result<Index, Error> {
        let n = layout.doc_count as usize;
        let fst_error = |e: fst::Error| Error::new("the index's dictionary is corrupt").with_source(e);
        let terms = fst::Map::new(keep(layout.terms)).map_err(fst_error)?;
        let stems = fst::Map::new(keep(layout.stems)).map_err(fst_error)?;
        let sizes_ok = layout.term_offsets.len() == (terms.len() + 1) * 4
            && layout.lengths.len() == n * 8
            && layout.dates.len() == n * 8
            && layout.title_order.len() == n * 4
            && layout.titles.len() >= (n + 1) * 4
            && layout.ids.len() >= (n + 1) * 4
            && layout.fields.len() >= 2
            && store
                .as_ref()
                .is_none_or(|(offsets, _)| offsets.len() == (n + 1) * 4 || offsets.is_empty());
        if !sizes_ok {
            return Err(Error::new("the index is corrupt (inconsistent table sizes)"));
        }
        validate(&layout, &terms, &stems, store.as_ref())?;
        let facets = layout.facets.iter().map(|f| Facet::from_data(f, n)).collect();
        let analysis = layout.analysis;
        Ok(Index {
            doc_count: n,
            fields: layout.fields,
            average_lengths: layout.average_lengths,
            terms,
            term_offsets: keep(layout.term_offsets),
            postings: keep(layout.postings),
            stems,
            stem_terms: keep(layout.stem_terms),
            lengths: keep(layout.lengths),
            dates: keep(layout.dates),
            title_order: keep(layout.title_order),
            titles: keep(layout.titles),
            ids: keep(layout.ids),
            store: store.filter(|(offsets, _)| !offsets.is_empty()),
            docs: (0..n).map(|_| OnceLock::new()).collect(),
            by_id: OnceLock::new(),
            facets,
            analysis,
            analyzer,
            fuzzy: Default::default(),
        })
    }

    /// The size in bytes of each part of the index, for reports.
    pub fn sizes(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("dictionary (fst)", self.terms.as_fst().as_bytes().len()),
            ("postings", self.postings.len() + self.term_offsets.len()),
            ("stems", self.stems.as_fst().as_bytes().len() + self.stem_terms.len()),
            (
                "lengths, dates, title order",
                self.lengths.len() + self.dates.len() + self.title_order.len(),
            ),
            ("titles and ids", self.titles.len() + self.ids.len()),
            ("documents", self.store.as_ref().map_or(0, |(o, d)| o.len() + d.len())),
        ]
    }

    /// How many documents the corpus holds.
    pub fn len(&self) -> usize {
        self.doc_count
    }

    pub fn is_empty(&self) -> bool {
        self.doc_count == 0
    }

    /// How many distinct terms the dictionary holds.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// A document's title, without decoding the document.
    pub fn title(&self, doc: DocId) -> &str {
        string_at(&self.titles, self.doc_count, doc.index())
    }

    /// A document's user-facing id, without decoding the document.
    pub fn id(&self, doc: DocId) -> &str {
        string_at(&self.ids, self.doc_count, doc.index())
    }

    /// The document with this position, decoded on first use. Panics on an
    /// id from another index. Without a document store (see
    /// [`Index::decode_split`]) it has only its id and title.
    pub fn doc(&self, doc: DocId) -> &Document {
        &self.stored(doc).doc
    }

    pub(crate) fn stored(&self, doc: DocId) -> &StoredDoc {
        self.docs[doc.index()].get_or_init(|| {
            let Some((offsets, docs)) = self.store.as_ref() else {
                return self.placeholder(doc, String::new());
            };
            let (start, end) = (u32_at(offsets, doc.index()) as usize, u32_at(offsets, doc.index() + 1) as usize);
            match docs.get(start..end).and_then(|bytes| postcard::from_bytes::<StoredDoc>(bytes).ok()) {
                Some(stored) if stored.is_sound() => stored,
                _ => self.placeholder(doc, DAMAGED.to_string()),
            }
        })
    }

    /// A document known only by its id and title, with `body` as its text.
    fn placeholder(&self, doc: DocId, body: String) -> StoredDoc {
        StoredDoc {
            doc: Document {
                id: self.id(doc).to_string(),
                title: self.title(doc).to_string(),
                blocks: Vec::new(),
                body,
                meta: Meta::default(),
            },
            checkpoints: Vec::new(),
        }
    }

    /// Every document, with its id, in corpus order.
    pub fn docs(&self) -> impl ExactSizeIterator<Item = (DocId, &Document)> {
        (0..self.doc_count as u32).map(move |i| (DocId(i), self.doc(DocId(i))))
    }

    /// The document whose user-facing id is `id`.
    pub fn find(&self, id: &str) -> Option<DocId> {
        self.by_id
            .get_or_init(|| {
                (0..self.doc_count as u32)
                    .map(|i| (self.id(DocId(i)).to_string(), DocId(i)))
                    .collect()
            })
            .get(id)
            .copied()
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The indexed fields, by id.
    pub fn fields(&self) -> &[FieldInfo] {
        &self.fields
    }

    /// The ids of the fields a query without a field searches.
    pub(crate) fn default_fields(&self) -> Vec<u8> {
        (0..self.fields.len() as u8).filter(|&f| self.fields[f as usize].default).collect()
    }

    /// The id of the field a user names (`tag` and `outlet` are aliases).
    pub fn field_id(&self, name: &str) -> Option<u8> {
        let name = match name {
            "tag" => "tags",
            "outlet" => "source",
            n => n,
        };
        self.fields.iter().position(|f| f.name.eq_ignore_ascii_case(name)).map(|i| i as u8)
    }

    /// Facets (outlet, year, tags, author, and small extra fields), each
    /// value with the documents that have it.
    pub fn facets(&self) -> &[Facet] {
        &self.facets
    }

    /// The term's id and document frequency.
    pub(crate) fn term(&self, term: &str) -> Option<(u32, u32)> {
        self.terms.get(term).map(|v| (v as u32, (v >> 32) as u32))
    }

    /// The document frequency of a term id, counted up to `limit`.
    pub(crate) fn df_up_to(&self, id: u32, limit: u32) -> u32 {
        self.record(id).fast().take(limit as usize).count() as u32
    }

    /// Every term starting with `prefix`: id and document frequency.
    pub(crate) fn prefix_terms(&self, prefix: &str) -> Vec<(u32, u32)> {
        use fst::{IntoStreamer, Streamer};
        let mut stream = self.terms.range().ge(prefix).into_stream();
        let mut out = Vec::new();
        while let Some((key, v)) = stream.next() {
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            out.push((v as u32, (v >> 32) as u32));
        }
        out
    }

    /// Streams dictionary entries accepted by `automaton`.
    pub(crate) fn terms_matching<A: fst::Automaton>(&self, automaton: A, mut visit: impl FnMut(&[u8], u32, u32)) {
        use fst::{IntoStreamer, Streamer};
        let mut stream = self.terms.search(automaton).into_stream();
        while let Some((key, v)) = stream.next() {
            visit(key, v as u32, (v >> 32) as u32);
        }
    }

    /// The ids of every term that shares the stem of `term`, including the
    /// term itself when it is indexed.
    pub(crate) fn inflections(&self, term: &str) -> Vec<u32> {
        let stem = self.analyzer.stem(term);
        let mut ids: Vec<u32> = match self.stems.get(stem.as_bytes()) {
            Some(v) => {
                let (start, count) = ((v >> 16) as usize, (v & 0xffff) as usize);
                (start..start + count).map(|i| u32_at(&self.stem_terms, i)).collect()
            }
            None => self.term(&stem).map(|(id, _)| id).into_iter().collect(),
        };
        if let Some((id, _)) = self.term(term) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The postings record of a term.
    pub(crate) fn record(&self, term: u32) -> Record<'_> {
        let (start, end) = (
            u32_at(&self.term_offsets, term as usize) as usize,
            u32_at(&self.term_offsets, term as usize + 1) as usize,
        );
        Record::new(self.postings.get(start..end).unwrap_or(&[]), self.doc_count as u32)
    }

    /// The length in tokens of a document's title (field 0) or body (1);
    /// metadata fields are not length-normalised.
    pub(crate) fn length(&self, doc: u32, field: u8) -> u32 {
        if field > BODY {
            return 0;
        }
        u32_at(&self.lengths, doc as usize * 2 + field as usize)
    }

    pub(crate) fn average_length(&self, field: u8) -> f32 {
        self.average_lengths.get(field as usize).copied().unwrap_or(1.0)
    }

    /// The first and last day (`yyyymmdd`) a document's date can mean.
    pub(crate) fn date_keys(&self, doc: u32) -> Option<(u32, u32)> {
        let first = u32_at(&self.dates, doc as usize * 2);
        (first != 0).then(|| (first, u32_at(&self.dates, doc as usize * 2 + 1)))
    }

    /// Where a document ranks when sorted by title.
    pub(crate) fn title_rank(&self, doc: u32) -> u32 {
        u32_at(&self.title_order, doc as usize)
    }

    /// Body tokens from a checkpoint on, within its block: `(position,
    /// token)` with spans into the body.
    fn body_spans_from<'s>(&'s self, doc: &'s Document, (position, byte): (u32, u32)) -> impl Iterator<Item = (u32, crate::Span)> + 's {
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
            .map(move |(i, span)| (position + i as u32, crate::Span::new(span.start + byte, span.end + byte)))
    }

    /// The tokens at `positions` (sorted) of a document's title or body,
    /// with their spans. The body is analyzed from the nearest checkpoint
    /// before each position, a few dozen words at most.
    pub(crate) fn spans_at(&self, doc: DocId, field: u8, positions: &[u32]) -> Vec<(u32, crate::Span)> {
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
        let mut out: Vec<(u32, crate::Span)> = Vec::new();
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
    pub(crate) fn body_spans_in(&self, doc: DocId, range: std::ops::Range<usize>) -> Vec<crate::Span> {
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
            let last = out.last().map_or(0, |s: &crate::Span| s.end);
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
        match self.fields.get(field as usize) {
            Some(info) => field_tokens(&self.analyzer, self.doc(doc), &info.name),
            None => Vec::new(),
        }
    }
}

/// The pseudo-frequency of a term in a document under BM25F: each field's
/// term frequency, weighted and normalised by the field's length.
pub(crate) fn weighted_tf(fields: &[FieldInfo], tf: u32, field: u8, length: u32, average: f32) -> f32 {
    let Some(info) = fields.get(field as usize) else {
        return 0.0;
    };
    let norm = if info.b > 0.0 {
        1.0 - info.b + info.b * length as f32 / average.max(1.0)
    } else {
        1.0
    };
    info.weight * tf as f32 / norm
}

/// One term's documents, each with its occurrences by field.
type TermOccurrences = Vec<(u32, Vec<FieldOccurrences>)>;

/// Collects documents and produces an [`Index`]. Takes documents from its
/// caller and never touches the file system, so it runs in a browser too.
pub struct IndexBuilder {
    analyzer: Analyzer,
    docs: Vec<Document>,
    ids: HashMap<String, DocId>,
    fields: Vec<FieldInfo>,
    field_ids: HashMap<String, u8>,
    term_ids: HashMap<String, u32>,
    terms: Vec<String>,
    /// Per term: each document holding it, with its occurrences by field.
    occurrences: Vec<TermOccurrences>,
    lengths: Vec<[u32; 2]>,
    checkpoints: Vec<Vec<(u32, u32)>>,
    corpus_analysis: bool,
}

#[cfg(feature = "unicode-tables")]
impl Default for IndexBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl IndexBuilder {
    #[cfg(feature = "unicode-tables")]
    pub fn new() -> Self {
        Self::with_analyzer(Analyzer::new())
    }

    /// A builder that analyzes with `analyzer`.
    pub fn with_analyzer(analyzer: Analyzer) -> Self {
        let mut builder = IndexBuilder {
            analyzer,
            docs: Vec::new(),
            ids: HashMap::new(),
            fields: Vec::new(),
            field_ids: HashMap::new(),
            term_ids: HashMap::new(),
            terms: Vec::new(),
            occurrences: Vec::new(),
            lengths: Vec::new(),
            checkpoints: Vec::new(),
            corpus_analysis: true,
        };
        builder.field("title");
        builder.field("body");
        builder
    }

    fn field(&mut self, name: &str) -> u8 {
        if let Some(&id) = self.field_ids.get(name) {
            return id;
        }
        if self.fields.len() >= MAX_FIELDS {
            return self.field_ids.get("other").copied().unwrap_or((MAX_FIELDS - 1) as u8);
        }
        let name = if self.fields.len() == MAX_FIELDS - 1 { "other" } else { name };
        let id = self.fields.len() as u8;
        self.fields.push(field_info(name));
        self.field_ids.insert(name.to_string(), id);
        id
    }

    /// Leaves out the corpus-wide analysis (reused passages, similarity
    /// vectors, quotes) for a quicker build: search still works.
    pub fn without_corpus_analysis(mut self) -> Self {
        self.corpus_analysis = false;
        self
    }

    /// Adds a document. Fails if a document with the same id was added.
    pub fn add(&mut self, doc: Document) -> Result<DocId, Error> {
        if self.ids.contains_key(&doc.id) {
            return Err(Error::new(format!("two documents have the id {:?}", doc.id)));
        }
        let id = DocId(self.docs.len() as u32);
        let mut names: Vec<&str> = vec!["title", "body"];
        names.extend(meta_field_names(&doc.meta));
        let mut by_term: BTreeMap<u32, Vec<FieldOccurrences>> = BTreeMap::new();
        let mut lengths = [0u32; 2];
        let mut body_checkpoints = Vec::new();
        for name in names {
            let field = self.field(name);
            let tokens = field_tokens(&self.analyzer, &doc, name);
            if field == BODY {
                body_checkpoints = checkpoints(&doc, &tokens);
            }
            if field <= BODY {
                lengths[field as usize] = tokens.len() as u32;
            }
            for (position, token) in tokens {
                let term = match self.term_ids.get(&token.term) {
                    Some(&t) => t,
                    None => {
                        let t = self.terms.len() as u32;
                        self.term_ids.insert(token.term.clone(), t);
                        self.terms.push(token.term);
                        self.occurrences.push(Vec::new());
                        t
                    }
                };
                let fields = by_term.entry(term).or_default();
                match fields.iter_mut().find(|f| f.field == field) {
                    Some(f) => f.positions.push(position),
                    None => fields.push(FieldOccurrences {
                        field,
                        positions: vec![position],
                    }),
                }
            }
        }
        for (term, mut fields) in by_term {
            fields.sort_by_key(|f| f.field);
            for f in fields.iter_mut() {
                // Metadata fields that share a slot (over MAX_FIELDS) may
                // interleave positions.
                f.positions.sort_unstable();
                f.positions.dedup();
            }
            self.occurrences[term as usize].push((id.0, fields));
        }
        self.lengths.push(lengths);
        self.checkpoints.push(body_checkpoints);
        self.ids.insert(doc.id.clone(), id);
        self.docs.push(doc);
        Ok(id)
    }

    /// How many documents were added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn build(self) -> Index {
        let n = self.docs.len();
        let mut average_lengths = [0f32; 2];
        for l in &self.lengths {
            average_lengths[0] += l[0] as f32;
            average_lengths[1] += l[1] as f32;
        }
        for a in average_lengths.iter_mut() {
            *a = (*a / n.max(1) as f32).max(1.0);
        }

        // Terms in byte order, as the fst needs them.
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.terms[a as usize].as_bytes().cmp(self.terms[b as usize].as_bytes()));
        let mut term_map = fst::MapBuilder::memory();
        let mut term_offsets = Vec::with_capacity((order.len() + 1) * 4);
        let mut postings = Vec::new();
        let mut occurrences: Vec<Option<TermOccurrences>> = self.occurrences.into_iter().map(Some).collect();
        for (new_id, &old) in order.iter().enumerate() {
            let docs = occurrences[old as usize].take().expect("each term once");
            let mut writer = RecordWriter::default();
            for (doc, fields) in &docs {
                // The fast weight counts the fields searched by default; a
                // document holding the term only elsewhere weighs 0.
                let weight: f32 = fields
                    .iter()
                    .filter(|f| self.fields[f.field as usize].default)
                    .map(|f| {
                        let (length, average) = if f.field <= BODY {
                            (self.lengths[*doc as usize][f.field as usize], average_lengths[f.field as usize])
                        } else {
                            (0, 1.0)
                        };
                        weighted_tf(&self.fields, f.positions.len() as u32, f.field, length, average)
                    })
                    .sum();
                writer.push(DocId(*doc), weight, fields);
            }
            push_u32(&mut term_offsets, postings.len() as u32);
            let df = writer.doc_count as u64;
            postings.extend_from_slice(&writer.finish());
            term_map
                .insert(self.terms[old as usize].as_bytes(), (df << 32) | new_id as u64)
                .expect("terms are inserted in order");
        }
        push_u32(&mut term_offsets, postings.len() as u32);
        let terms_fst = term_map.into_inner().expect("in-memory fst");

        // Stem groups.
        let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (new_id, &old) in order.iter().enumerate() {
            let term = &self.terms[old as usize];
            groups.entry(self.analyzer.stem(term).into_owned()).or_default().push(new_id as u32);
        }
        let mut stem_map = fst::MapBuilder::memory();
        let mut stem_terms = Vec::new();
        let mut stem_count = 0u64;
        for (stem, ids) in &groups {
            // A stem that is just its own single term needs no entry.
            let only_itself = ids.len() == 1 && self.terms[order[ids[0] as usize] as usize] == *stem;
            if only_itself || ids.len() > 0xffff {
                continue;
            }
            stem_map
                .insert(stem.as_bytes(), (stem_count << 16) | ids.len() as u64)
                .expect("stems are inserted in order");
            for &id in ids {
                push_u32(&mut stem_terms, id);
            }
            stem_count += ids.len() as u64;
        }
        let stems_fst = stem_map.into_inner().expect("in-memory fst");

        let mut lengths = Vec::with_capacity(n * 8);
        let mut dates = Vec::with_capacity(n * 8);
        for (doc, l) in self.docs.iter().zip(&self.lengths) {
            push_u32(&mut lengths, l[0]);
            push_u32(&mut lengths, l[1]);
            let (first, last) = doc.meta.date.map_or((0, 0), |d| (d.first_day_key(), d.last_day_key()));
            push_u32(&mut dates, first);
            push_u32(&mut dates, last);
        }
        let mut by_title: Vec<u32> = (0..n as u32).collect();
        let keys: Vec<String> = self.docs.iter().map(|d| d.title.to_lowercase()).collect();
        by_title.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));
        let mut rank = vec![0u32; n];
        for (r, &doc) in by_title.iter().enumerate() {
            rank[doc as usize] = r as u32;
        }
        let mut title_order = Vec::with_capacity(n * 4);
        for r in rank {
            push_u32(&mut title_order, r);
        }
        let titles = string_table(self.docs.iter().map(|d| d.title.as_str()));
        let ids = string_table(self.docs.iter().map(|d| d.id.as_str()));
        let mut store_offsets = Vec::with_capacity((n + 1) * 4);
        let mut store = Vec::new();
        push_u32(&mut store_offsets, 0);
        let stored: Vec<StoredDoc> = self
            .docs
            .into_iter()
            .zip(self.checkpoints)
            .map(|(doc, checkpoints)| StoredDoc { doc, checkpoints })
            .collect();
        for doc in &stored {
            store = postcard::to_extend(doc, store).expect("writing to a Vec cannot fail");
            push_u32(&mut store_offsets, store.len() as u32);
        }
        let facets = facet::facets_of(stored.iter().map(|s| &s.doc));
        let analysis = if self.corpus_analysis {
            Analysis::of(&self.analyzer, &stored.iter().map(|s| &s.doc).collect::<Vec<_>>())
        } else {
            Analysis::default()
        };
        let terms = fst::Map::new(Cow::Owned(terms_fst)).expect("a valid fst");
        let stems = fst::Map::new(Cow::Owned(stems_fst)).expect("a valid fst");
        let docs: Vec<OnceLock<StoredDoc>> = stored.into_iter().map(OnceLock::from).collect();
        Index {
            doc_count: n,
            fields: self.fields,
            average_lengths,
            terms,
            term_offsets: Cow::Owned(term_offsets),
            postings: Cow::Owned(postings),
            stems,
            stem_terms: Cow::Owned(stem_terms),
            lengths: Cow::Owned(lengths),
            dates: Cow::Owned(dates),
            title_order: Cow::Owned(title_order),
            titles: Cow::Owned(titles),
            ids: Cow::Owned(ids),
            store: Some((Cow::Owned(store_offsets), Cow::Owned(store))),
            docs,
            by_id: OnceLock::new(),
            facets,
            analysis,
            analyzer: self.analyzer,
            fuzzy: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

    fn doc(id: &str, title: &str, body: &str) -> Document {
        text_document(id, title, body)
    }

    #[test]
    fn encode_then_decode_gives_the_same_index() {
        let mut builder = IndexBuilder::new();
        builder.add(doc("a", "Data platform", "The federated data platform.")).unwrap();
        builder.add(doc("b", "Contracts", "Contracts were signed.")).unwrap();
        let index = builder.build();
        let bytes = index.encode();
        let decoded = Index::decode(&bytes).unwrap();
        assert_eq!(decoded.len(), 2);
        assert_eq!(decoded.encode(), bytes);
        assert_eq!(decoded.find("b"), Some(DocId(1)));
        assert_eq!(decoded.doc(DocId(0)).title, "Data platform");
        assert_eq!(decoded.title(DocId(1)), "Contracts");
        assert_eq!(decoded.doc(DocId(1)).body, "Contracts were signed.");
    }

    #[test]
    fn the_split_encoding_searches_without_its_documents() {
        let mut builder = IndexBuilder::new();
        builder.add(doc("a", "Title A", "Body text here.")).unwrap();
        let index = builder.build();
        let (searchable, store) = index.encode_split();
        let without = Index::decode_split(&searchable, None, Analyzer::new()).unwrap();
        assert_eq!(without.doc(DocId(0)).title, "Title A");
        assert_eq!(without.doc(DocId(0)).body, "");
        assert_eq!(without.term("body").map(|(_, df)| df), Some(1));
        let with = Index::decode_split(&searchable, Some(&store), Analyzer::new()).unwrap();
        assert_eq!(with.doc(DocId(0)).body, "Body text here.");
        assert_eq!(with.encode(), index.encode());
    }

    #[test]
    fn decode_rejects_other_versions_and_garbage() {
        let mut builder = IndexBuilder::new();
        builder.add(doc("a", "t", "some body text")).unwrap();
        let mut bytes = builder.build().encode();
        for cut in 0..bytes.len() {
            assert!(Index::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        bytes[MAGIC.len()] = bytes[MAGIC.len()].wrapping_add(1);
        let err = Index::decode(&bytes).unwrap_err();
        assert!(err.to_string().contains("format version"), "{err}");
        assert!(Index::decode(b"garbage").is_err());
        assert!(Index::decode(b"").is_err());
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut builder = IndexBuilder::new();
        builder.add(doc("a", "t", "x")).unwrap();
        let err = builder.add(doc("a", "t", "y")).unwrap_err();
        assert!(err.to_string().contains("\"a\""), "{err}");
    }

    #[test]
    fn inflections_group_terms_by_stem_and_prefixes_are_ranges() {
        let mut builder = IndexBuilder::new();
        builder
            .add(doc("a", "", "contract contracts contracted contractor platform"))
            .unwrap();
        let index = builder.build();
        let name = |id: u32| {
            let mut found = String::new();
            index.terms_matching(fst::automaton::AlwaysMatch, |k, t, _| {
                if t == id {
                    found = String::from_utf8(k.to_vec()).unwrap();
                }
            });
            found
        };
        let mut got: Vec<String> = index.inflections("contracting").into_iter().map(name).collect();
        got.sort();
        assert_eq!(got, ["contract", "contracted", "contracts"]);
        let got: Vec<String> = index.inflections("platforms").into_iter().map(name).collect();
        assert_eq!(got, ["platform"]);
        assert!(index.inflections("absent").is_empty());
        assert_eq!(index.prefix_terms("contr").len(), 4);
        assert_eq!(index.term("platform").map(|(_, df)| df), Some(1));
    }

    #[test]
    fn phrases_cannot_cross_blocks() {
        let body = "ends here\n\nstarts there";
        let d = doc("a", "", body);
        let tokens = field_tokens(&Analyzer::new(), &d, "body");
        let positions: Vec<u32> = tokens.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, [0, 1, 2 + BLOCK_GAP, 3 + BLOCK_GAP]);
        assert_eq!(&body[tokens[2].1.span.start..tokens[2].1.span.end], "starts");
    }

    #[test]
    fn metadata_keys_become_fields_with_their_weights() {
        let mut d = doc("a", "t", "body");
        d.meta.source = Some("Morning Star".into());
        d.meta.extra.insert("from".into(), crate::MetaValue::Text("kre@example.org".into()));
        let mut builder = IndexBuilder::new();
        builder.add(d).unwrap();
        let index = builder.build();
        let names: Vec<&str> = index.fields().iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["title", "body", "source", "from"]);
        assert_eq!(index.field_id("outlet"), Some(2));
        assert_eq!(index.fields()[2].weight, 2.0);
        assert_eq!(index.fields()[3].weight, 0.5);
    }
}
