//! The index: a searchable corpus, built by [`IndexBuilder`] or decoded
//! from bytes its encoding made. Accessors for documents, titles, ids,
//! fields, the term dictionary, postings, lengths, dates, facets and the
//! corpus analysis; nothing that runs a query (see the query layer).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::facet::Facet;
use super::field::{FieldInfo, BODY};
use super::format::{self, string_at, u32_at, Bytes, Layout, StoreLayout};
use super::fuzzy::Automata;
use super::postings::Record;
use super::stored::{StoredDoc, DAMAGED};
use crate::compare::analysis::Analysis;
use crate::error::{Error, ErrorKind};
use crate::text::analyze::{Analyzer, Token};
use crate::text::document::{DocId, Document, Meta, Span};
use crate::text::fields::{body_pieces, field_tokens, tokens_of};

/// A searchable corpus. Built by [`IndexBuilder`], or decoded from bytes
/// made by [`Index::encode`].
pub struct Index {
    pub(super) doc_count: usize,
    pub(super) fields: Vec<FieldInfo>,
    pub(super) average_lengths: [f32; 2],
    pub(super) terms: fst::Map<Bytes>,
    pub(super) term_offsets: Bytes,
    pub(super) postings: Bytes,
    pub(super) stems: fst::Map<Bytes>,
    pub(super) stem_terms: Bytes,
    pub(super) lengths: Bytes,
    pub(super) dates: Bytes,
    pub(super) title_order: Bytes,
    pub(super) titles: Bytes,
    pub(super) ids: Bytes,
    pub(super) store: Option<(Bytes, Bytes)>,
    pub(super) docs: Vec<OnceLock<StoredDoc>>,
    pub(super) by_id: OnceLock<HashMap<String, DocId>>,
    pub(super) facets: Vec<Facet>,
    pub(crate) analysis: Analysis,
    pub(super) analyzer: Analyzer,
    pub(crate) fuzzy: Automata,
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

    /// The index with its documents, as bytes.
    pub fn encode(&self) -> Vec<u8> {
        format::write(&self.layout(true))
    }

    /// The index without its documents (searchable; titles and ids only),
    /// and the documents apart, e.g. to load them later or not at all.
    pub fn encode_split(&self) -> (Vec<u8>, Vec<u8>) {
        let store = match &self.store {
            Some((offsets, docs)) => StoreLayout { offsets, docs },
            None => StoreLayout { offsets: &[], docs: &[] },
        };
        (format::write(&self.layout(false)), format::write(&store))
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
        let corrupt = |e: postcard::Error| Error::new(ErrorKind::Corrupt, "the index is corrupt").with_source(e);
        let mut layout: Layout<'a> = postcard::from_bytes(format::body_of(bytes)?).map_err(corrupt)?;
        let store = layout.store.take().map(|s| (keep(s.offsets), keep(s.docs)));
        Self::assemble(layout, store, analyzer, &keep)
    }

    /// Reads the two parts made by [`Index::encode_split`]. Without the
    /// documents, each document is only its id and title.
    pub fn decode_split(index: &[u8], store: Option<&[u8]>, analyzer: Analyzer) -> Result<Index, Error> {
        let keep = |b: &[u8]| -> Bytes { Cow::Owned(b.to_vec()) };
        let corrupt = |e: postcard::Error| Error::new(ErrorKind::Corrupt, "the index is corrupt").with_source(e);
        let layout: Layout = postcard::from_bytes(format::body_of(index)?).map_err(corrupt)?;
        let store = match store {
            Some(bytes) => {
                let s: StoreLayout = postcard::from_bytes(format::body_of(bytes)?).map_err(corrupt)?;
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
        let fst_error = |e: fst::Error| Error::new(ErrorKind::Corrupt, "the index's dictionary is corrupt").with_source(e);
        let terms = fst::Map::new(keep(layout.terms)).map_err(fst_error)?;
        let stems = fst::Map::new(keep(layout.stems)).map_err(fst_error)?;
        // Counts come from the bytes: checked arithmetic, as a damaged count
        // may overflow (a 32-bit usize in wasm overflows at n * 8 already).
        let size = |count: usize, width: usize| count.checked_mul(width);
        let table = |count: usize| count.checked_add(1).and_then(|c| c.checked_mul(4));
        let sizes_ok = table(terms.len()) == Some(layout.term_offsets.len())
            && size(n, 8) == Some(layout.lengths.len())
            && size(n, 8) == Some(layout.dates.len())
            && size(n, 4) == Some(layout.title_order.len())
            && table(n).is_some_and(|t| layout.titles.len() >= t)
            && table(n).is_some_and(|t| layout.ids.len() >= t)
            && layout.fields.len() >= 2
            && store
                .as_ref()
                .is_none_or(|(offsets, _)| table(n) == Some(offsets.len()) || offsets.is_empty());
        if !sizes_ok {
            return Err(Error::new(ErrorKind::Corrupt, "the index is corrupt (inconsistent table sizes)"));
        }
        format::validate(&layout, &terms, &stems, store.as_ref())?;
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

    /// What the corpus analysis found when the index was built: reused
    /// passages, similarity vectors, quotes and speakers.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
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
        match self.fields.get(field as usize) {
            Some(info) => field_tokens(&self.analyzer, self.doc(doc), &info.name),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::format::MAGIC;
    use crate::index::IndexBuilder;
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
        assert_eq!(err.kind(), ErrorKind::Version);
        assert!(err.to_string().contains("format version"), "{err}");
        assert_eq!(Index::decode(b"garbage").unwrap_err().kind(), ErrorKind::NotAnIndex);
        assert!(Index::decode(b"").is_err());
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
}
