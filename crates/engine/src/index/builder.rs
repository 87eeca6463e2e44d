//! Collects documents and produces an [`Index`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use super::facet::facets_of;
use super::field::{field_info, weighted_tf, FieldInfo, BODY, MAX_FIELDS};
use super::format::{push_u32, string_table};
use super::postings::{FieldOccurrences, RecordWriter};
use super::reader::Index;
use super::stored::{checkpoints, StoredDoc};
use crate::compare::analysis::Analysis;
use crate::error::{Error, ErrorKind};
use crate::text::analyze::Analyzer;
use crate::text::document::{DocId, Document};
use crate::text::fields::{field_tokens, meta_field_names};

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
            return Err(Error::new(
                ErrorKind::DuplicateId,
                format!("two documents have the id {:?}", doc.id),
            ));
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
        let facets = facets_of(stored.iter().map(|s| &s.doc));
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
    fn duplicate_ids_are_refused() {
        let mut builder = IndexBuilder::new();
        builder.add(doc("a", "t", "x")).unwrap();
        let err = builder.add(doc("a", "t", "y")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DuplicateId);
        assert!(err.to_string().contains("\"a\""), "{err}");
    }

    #[test]
    fn metadata_keys_become_fields_with_their_weights() {
        let mut d = doc("a", "t", "body");
        d.meta.source = Some("Morning Star".into());
        d.meta
            .extra
            .insert("from".into(), crate::text::document::MetaValue::Text("kre@example.org".into()));
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
