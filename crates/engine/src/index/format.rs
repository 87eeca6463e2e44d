//! The index's one binary encoding: a header (magic bytes, format version,
//! a checksum of the rest), then one postcard value, [`Layout`], whose
//! large parts are byte arrays used as they are; and the checks a decoded
//! layout must pass before anything reads it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::facet::FacetData;
use super::field::{FieldInfo, MAX_FIELDS};
use super::stored::StoredDoc;
use crate::compare::analysis::Analysis;
use crate::error::{Error, ErrorKind};
use crate::text::document::Span;

/// The encoded index starts with these bytes, then the format version,
/// then a checksum of the rest.
pub(crate) const MAGIC: &[u8; 6] = b"QUIRE\0";

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

pub(crate) type Bytes = Cow<'static, [u8]>;

/// What is encoded: one serde type, written and read in one place each.
#[derive(Serialize, Deserialize)]
pub(crate) struct Layout<'a> {
    pub(crate) doc_count: u32,
    pub(crate) fields: Vec<FieldInfo>,
    /// Average title and body lengths, in tokens.
    pub(crate) average_lengths: [f32; 2],
    pub(crate) facets: Vec<FacetData>,
    /// Reused passages, document vectors and quotes.
    pub(crate) analysis: Analysis,
    /// fst map: term → `df << 32 | term id`.
    pub(crate) terms: &'a [u8],
    /// `u32` × (terms + 1): where each term's record starts in `postings`.
    pub(crate) term_offsets: &'a [u8],
    pub(crate) postings: &'a [u8],
    /// fst map: stem → `start << 16 | count` into `stem_terms`.
    pub(crate) stems: &'a [u8],
    /// `u32` term ids, grouped by stem.
    pub(crate) stem_terms: &'a [u8],
    /// `u32` × 2 per document: title and body length in tokens.
    pub(crate) lengths: &'a [u8],
    /// `u32` × 2 per document: first and last day (`yyyymmdd`), 0 if undated.
    pub(crate) dates: &'a [u8],
    /// `u32` per document: its rank when sorted by title.
    pub(crate) title_order: &'a [u8],
    /// Titles and ids: `u32` offsets × (n + 1), then the UTF-8 text.
    pub(crate) titles: &'a [u8],
    pub(crate) ids: &'a [u8],
    /// The documents themselves, when shipped with the index.
    pub(crate) store: Option<StoreLayout<'a>>,
}

/// The stored documents: `u32` offsets × (n + 1), then postcard documents.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoreLayout<'a> {
    pub(crate) offsets: &'a [u8],
    pub(crate) docs: &'a [u8],
}

pub(crate) fn u32_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(i * 4..i * 4 + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

pub(crate) fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A string table: offsets then text.
pub(crate) fn string_table<'s>(strings: impl Iterator<Item = &'s str>) -> Vec<u8> {
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

pub(crate) fn string_at(table: &[u8], count: usize, i: usize) -> &str {
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
pub(crate) fn validate(
    layout: &Layout<'_>,
    terms: &fst::Map<Bytes>,
    stems: &fst::Map<Bytes>,
    store: Option<&(Bytes, Bytes)>,
) -> Result<(), Error> {
    use fst::{IntoStreamer, Streamer};
    let corrupt = |what: &str| Error::new(ErrorKind::Corrupt, format!("the index is corrupt ({what})"));
    let n = layout.doc_count as u64;
    let fst_error = |e: fst::Error| Error::new(ErrorKind::Corrupt, "the index's dictionary is corrupt").with_source(e);
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
    let mut spans: Vec<Vec<Span>> = vec![Vec::new(); n];
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
        let stored: StoredDoc = postcard::from_bytes(bytes)
            .map_err(|e| Error::new(ErrorKind::Corrupt, format!("the index is corrupt (document {i})")).with_source(e))?;
        let body = &stored.doc.body;
        if !stored.is_sound() || !spans.iter().all(|s| s.start <= s.end && body.get(s.start..s.end).is_some()) {
            return Err(Error::new(
                ErrorKind::Corrupt,
                format!("the index is corrupt (document {i}: its blocks or analysis do not fit its text)"),
            ));
        }
    }
    Ok(())
}

/// A header, then `value` as postcard, then the header's checksum.
pub(crate) fn write<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    let mut out = postcard::to_extend(value, out).expect("writing to a Vec cannot fail");
    reseal(&mut out);
    out
}

/// The body of a blob, once its magic bytes, format version and
/// checksum are right: a truncated or damaged blob stops here.
pub(crate) fn body_of(bytes: &[u8]) -> Result<&[u8], Error> {
    if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::new(ErrorKind::NotAnIndex, "not a Quire index (wrong magic bytes)"));
    }
    let version = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(Error::new(
            ErrorKind::Version,
            format!("index format version {version}, but this build reads version {FORMAT_VERSION}; rebuild the index"),
        ));
    }
    let stored = bytes
        .get(MAGIC.len() + 4..HEADER)
        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
    let body = bytes.get(HEADER..).unwrap_or(&[]);
    if stored != Some(checksum(body)) {
        return Err(Error::new(
            ErrorKind::Corrupt,
            format!(
                "the index is damaged or incomplete ({} bytes, checksum mismatch): download or build it again",
                bytes.len()
            ),
        ));
    }
    Ok(body)
}
