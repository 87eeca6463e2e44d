//! The positional inverted index: builder, product, and its one binary
//! encoding.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analyze::{Analyzer, Token};
use crate::facet::{self, Facet};
use crate::postings::PostingsWriter;
use crate::{DocId, Document, Error};

/// The encoded index starts with these bytes, then the format version.
const MAGIC: &[u8; 6] = b"QUIRE\0";

/// Bumped whenever the encoded layout changes; decoding checks it.
pub const FORMAT_VERSION: u32 = 1;

/// Positions skipped between blocks (and between metadata values), so a
/// phrase never matches across a paragraph break.
pub(crate) const BLOCK_GAP: u32 = 16;

/// The parts of a document that are indexed separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Title,
    Body,
    /// Outlet, author, tags and extra metadata values.
    Meta,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Title, Field::Body, Field::Meta];

    pub(crate) fn slot(self) -> usize {
        self as usize
    }
}

/// A field's tokens with their positions. Spans index the field's text for
/// the title and body; for metadata they index each value.
pub(crate) fn field_tokens(analyzer: &Analyzer, doc: &Document, field: Field) -> Vec<(u32, Token)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    let mut push_text = |text: &str, offset: usize, out: &mut Vec<(u32, Token)>| {
        if !out.is_empty() {
            next += BLOCK_GAP;
        }
        for mut token in analyzer.tokens(text) {
            token.span.start += offset;
            token.span.end += offset;
            out.push((next, token));
            next += 1;
        }
    };
    match field {
        Field::Title => push_text(&doc.title, 0, &mut out),
        Field::Body if doc.blocks.is_empty() => push_text(&doc.body, 0, &mut out),
        Field::Body => {
            for block in &doc.blocks {
                push_text(doc.block_text(block), block.start, &mut out);
            }
        }
        Field::Meta => {
            for value in meta_values(doc) {
                push_text(value, 0, &mut out);
            }
        }
    }
    out
}

/// The metadata strings that are searchable as text.
fn meta_values(doc: &Document) -> impl Iterator<Item = &str> {
    let meta = &doc.meta;
    meta.source
        .iter()
        .chain(meta.author.iter())
        .chain(meta.tags.iter())
        .chain(meta.extra.values().flat_map(|v| v.values()))
        .map(String::as_str)
}

/// What is encoded: one serde type, written and read in one place each.
#[derive(Serialize, Deserialize)]
struct IndexData {
    docs: Vec<Document>,
    /// Every distinct term, sorted, so prefixes are contiguous ranges.
    terms: Vec<String>,
    /// For each term, one postings list per [`Field`].
    postings: Vec<[Vec<u8>; 3]>,
    /// Stems whose terms are not just the stem itself, sorted by stem.
    stems: Vec<(String, Vec<u32>)>,
    /// Tokens per field per document, for length normalisation.
    lengths: Vec<[u32; 3]>,
}

/// A searchable corpus. Built by [`IndexBuilder`], or decoded from bytes
/// made by [`Index::encode`].
pub struct Index {
    data: IndexData,
    analyzer: Analyzer,
    by_id: HashMap<String, DocId>,
    average_lengths: [f32; 3],
    facets: Vec<Facet>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.data.docs.len())
            .field("terms", &self.data.terms.len())
            .finish_non_exhaustive()
    }
}

impl Index {
    fn from_data(data: IndexData, analyzer: Analyzer) -> Index {
        let by_id = data
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), DocId(i as u32)))
            .collect();
        let n = data.lengths.len().max(1) as f32;
        let mut average_lengths = [0f32; 3];
        for lengths in &data.lengths {
            for (avg, len) in average_lengths.iter_mut().zip(lengths) {
                *avg += *len as f32;
            }
        }
        for avg in average_lengths.iter_mut() {
            *avg = (*avg / n).max(1.0);
        }
        let facets = facet::facets_of(&data.docs);
        Index {
            data,
            analyzer,
            by_id,
            average_lengths,
            facets,
        }
    }

    /// The index as bytes: a magic number, the format version, the data.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        postcard::to_extend(&self.data, out).expect("writing to a Vec cannot fail")
    }

    /// Reads bytes made by [`Index::encode`], checking the format version.
    #[cfg(feature = "unicode-tables")]
    pub fn decode(bytes: &[u8]) -> Result<Index, Error> {
        Index::decode_with(bytes, Analyzer::new())
    }

    /// Like [`Index::decode`], with the analyzer to run queries through; it
    /// must analyze like the one that built the index.
    pub fn decode_with(bytes: &[u8], analyzer: Analyzer) -> Result<Index, Error> {
        let header = MAGIC.len() + 4;
        if bytes.len() < header || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::new("not a Quire index (wrong magic bytes)"));
        }
        let version = u32::from_le_bytes(bytes[MAGIC.len()..header].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(Error::new(format!(
                "index format version {version}, but this build reads version {FORMAT_VERSION}; rebuild the index"
            )));
        }
        let data: IndexData = postcard::from_bytes(&bytes[header..])
            .map_err(|e| Error::new("the index is corrupt").with_source(e))?;
        let n = data.docs.len();
        if data.lengths.len() != n || data.postings.len() != data.terms.len() {
            return Err(Error::new("the index is corrupt (inconsistent table sizes)"));
        }
        Ok(Index::from_data(data, analyzer))
    }

    /// How many documents the corpus holds.
    pub fn len(&self) -> usize {
        self.data.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.docs.is_empty()
    }

    /// How many distinct terms the dictionary holds.
    pub fn term_count(&self) -> usize {
        self.data.terms.len()
    }

    /// The document with this position. Panics on an id from another index.
    pub fn doc(&self, doc: DocId) -> &Document {
        &self.data.docs[doc.index()]
    }

    /// Every document, with its id, in corpus order.
    pub fn docs(&self) -> impl ExactSizeIterator<Item = (DocId, &Document)> {
        self.data
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (DocId(i as u32), d))
    }

    /// The document whose user-facing id is `id`.
    pub fn find(&self, id: &str) -> Option<DocId> {
        self.by_id.get(id).copied()
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Facets (outlet, year, tags, and small extra fields), each value with
    /// the documents that have it.
    pub fn facets(&self) -> &[Facet] {
        &self.facets
    }

    pub(crate) fn term_id(&self, term: &str) -> Option<u32> {
        self.data
            .terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|i| i as u32)
    }

    /// The ids of every term that starts with `prefix`.
    pub(crate) fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let terms = &self.data.terms;
        let start = terms.partition_point(|t| t.as_str() < prefix);
        let len = terms[start..].partition_point(|t| t.starts_with(prefix));
        start as u32..(start + len) as u32
    }

    /// The ids of every term that shares the stem of `term`, including the
    /// term itself when it is indexed.
    pub(crate) fn inflections(&self, term: &str) -> Vec<u32> {
        let stem = self.analyzer.stem(term);
        let mut ids = match self
            .data
            .stems
            .binary_search_by(|(s, _)| s.as_str().cmp(&stem))
        {
            Ok(i) => self.data.stems[i].1.clone(),
            Err(_) => self.term_id(&stem).into_iter().collect(),
        };
        if let Some(id) = self.term_id(term) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    #[cfg(test)]
    pub(crate) fn term(&self, id: u32) -> &str {
        &self.data.terms[id as usize]
    }

    pub(crate) fn postings(&self, term: u32, field: Field) -> &[u8] {
        &self.data.postings[term as usize][field.slot()]
    }

    pub(crate) fn field_len(&self, doc: DocId, field: Field) -> u32 {
        self.data.lengths[doc.index()][field.slot()]
    }

    pub(crate) fn average_len(&self, field: Field) -> f32 {
        self.average_lengths[field.slot()]
    }

    pub(crate) fn field_tokens(&self, doc: DocId, field: Field) -> Vec<(u32, Token)> {
        field_tokens(&self.analyzer, self.doc(doc), field)
    }
}

/// Collects documents and produces an [`Index`]. Takes documents from its
/// caller and never touches the file system, so it runs in a browser too.
pub struct IndexBuilder {
    analyzer: Analyzer,
    docs: Vec<Document>,
    ids: HashMap<String, DocId>,
    term_ids: HashMap<String, u32>,
    terms: Vec<String>,
    postings: Vec<[PostingsWriter; 3]>,
    lengths: Vec<[u32; 3]>,
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
        IndexBuilder {
            analyzer,
            docs: Vec::new(),
            ids: HashMap::new(),
            term_ids: HashMap::new(),
            terms: Vec::new(),
            postings: Vec::new(),
            lengths: Vec::new(),
        }
    }

    /// Adds a document. Fails if a document with the same id was added.
    pub fn add(&mut self, doc: Document) -> Result<DocId, Error> {
        if self.ids.contains_key(&doc.id) {
            return Err(Error::new(format!("two documents have the id {:?}", doc.id)));
        }
        let id = DocId(self.docs.len() as u32);
        let mut lengths = [0u32; 3];
        let mut by_term: HashMap<u32, Vec<u32>> = HashMap::new();
        for field in Field::ALL {
            by_term.clear();
            let tokens = field_tokens(&self.analyzer, &doc, field);
            lengths[field.slot()] = tokens.len() as u32;
            for (position, token) in tokens {
                let term = match self.term_ids.get(&token.term) {
                    Some(&t) => t,
                    None => {
                        let t = self.terms.len() as u32;
                        self.term_ids.insert(token.term.clone(), t);
                        self.terms.push(token.term);
                        self.postings.push(Default::default());
                        t
                    }
                };
                by_term.entry(term).or_default().push(position);
            }
            for (&term, positions) in &by_term {
                self.postings[term as usize][field.slot()].push(id, positions);
            }
        }
        self.lengths.push(lengths);
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
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let mut terms: Vec<Option<String>> = self.terms.into_iter().map(Some).collect();
        let mut postings: Vec<Option<[PostingsWriter; 3]>> =
            self.postings.into_iter().map(Some).collect();
        let mut sorted_terms = Vec::with_capacity(order.len());
        let mut sorted_postings = Vec::with_capacity(order.len());
        for &old in &order {
            sorted_terms.push(terms[old as usize].take().expect("each term once"));
            let lists = postings[old as usize].take().expect("each term once");
            sorted_postings.push(lists.map(PostingsWriter::into_bytes));
        }
        let mut groups: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, term) in sorted_terms.iter().enumerate() {
            let stem = self.analyzer.stem(term).into_owned();
            groups.entry(stem).or_default().push(id as u32);
        }
        let mut stems: Vec<(String, Vec<u32>)> = groups
            .into_iter()
            .filter(|(stem, ids)| ids.len() > 1 || sorted_terms[ids[0] as usize] != *stem)
            .collect();
        stems.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Index::from_data(
            IndexData {
                docs: self.docs,
                terms: sorted_terms,
                postings: sorted_postings,
                stems,
                lengths: self.lengths,
            },
            self.analyzer,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, BlockKind, Meta};

    pub(crate) fn doc(id: &str, title: &str, body: &str) -> Document {
        Document {
            id: id.to_string(),
            title: title.to_string(),
            body: body.to_string(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: body.len(),
            }],
            meta: Meta::default(),
        }
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
    }

    #[test]
    fn decode_rejects_other_versions_and_garbage() {
        let index = IndexBuilder::new().build();
        let mut bytes = index.encode();
        bytes[MAGIC.len()] = bytes[MAGIC.len()].wrapping_add(1);
        let err = Index::decode(&bytes).unwrap_err();
        assert!(err.to_string().contains("format version"), "{err}");
        assert!(Index::decode(b"garbage").is_err());
        assert!(Index::decode(b"").is_err());
        let mut truncated = IndexBuilder::new();
        truncated.add(doc("a", "t", "some body text")).unwrap();
        let bytes = truncated.build().encode();
        for cut in 0..bytes.len() {
            assert!(Index::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut builder = IndexBuilder::new();
        builder.add(doc("a", "t", "x")).unwrap();
        let err = builder.add(doc("a", "t", "y")).unwrap_err();
        assert!(err.to_string().contains("\"a\""), "{err}");
    }

    #[test]
    fn inflections_group_terms_by_stem() {
        let mut builder = IndexBuilder::new();
        builder
            .add(doc("a", "", "contract contracts contracted contractor platform"))
            .unwrap();
        let index = builder.build();
        let mut got: Vec<&str> = index.inflections("contracting").iter().map(|&t| index.term(t)).collect();
        got.sort();
        assert_eq!(got, ["contract", "contracted", "contracts"]);
        let got: Vec<&str> = index.inflections("platforms").iter().map(|&t| index.term(t)).collect();
        assert_eq!(got, ["platform"]);
        assert!(index.inflections("absent").is_empty());
        let range = index.prefix_range("contr");
        assert_eq!(range.len(), 4);
    }

    #[test]
    fn phrases_cannot_cross_blocks() {
        let body = "ends here\n\nstarts there";
        let mut d = doc("a", "", body);
        d.blocks = vec![
            Block { kind: BlockKind::Paragraph, start: 0, end: 9 },
            Block { kind: BlockKind::Paragraph, start: 11, end: body.len() },
        ];
        let tokens = field_tokens(&Analyzer::new(), &d, Field::Body);
        let positions: Vec<u32> = tokens.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, [0, 1, 2 + BLOCK_GAP, 3 + BLOCK_GAP]);
        assert_eq!(&body[tokens[2].1.span.start..tokens[2].1.span.end], "starts");
    }
}
