//! Collects documents and produces an [`Index`]: documents are analyzed
//! into segments (in parallel where threads exist), the segments are
//! merged term by term, as Lucene and tantivy merge segments, and the
//! merged index is cut into parts (see [`super::part`]) sized by
//! [`PackOptions`].

use std::collections::{BTreeMap, HashMap, HashSet};

use super::directory::Directory;
use super::facet::facets_of;
use super::field::{field_info, weighted_tf, FieldInfo, BODY, MAX_FIELDS};
use super::format::{self, push_u32, string_table, TableLayout, TermsLayout, TitlesLayout};
use super::part::{content_hash, PartId};
use super::postings::{entry, entry_end, write_entry, FieldOccurrences, RecordWriter};
use super::reader::{Index, Pack};
use super::stored::{checkpoints, StoredDoc};
use crate::compare::analysis::Analysis;
use crate::compare::quote::Quote;
use crate::compare::similar::Vectors;
use crate::error::{Error, ErrorKind};
use crate::parallel;
use crate::text::analyze::Analyzer;
use crate::text::document::{DocId, Document};
use crate::text::fields::{field_tokens, meta_field_names};

/// How big the parts of an index are. Smaller parts mean fewer bytes per
/// query and more files; the defaults were chosen by measuring (see the
/// README's "Scale" section).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackOptions {
    /// Target bytes of a term shard's postings (its dictionary is smaller).
    /// A term whose postings exceed half of this gets a shard of its own.
    pub shard_bytes: usize,
    /// Target bytes of a positions pack.
    pub positions_bytes: usize,
    /// Documents per chunk of titles and ids.
    pub titles_per_chunk: u32,
    /// Target bytes of a chunk of stored documents.
    pub docs_bytes: usize,
    /// Target bytes of an id shard.
    pub ids_bytes: usize,
    /// An index smaller than this in all is written as one bundle.
    pub bundle_below: usize,
}

impl Default for PackOptions {
    fn default() -> Self {
        PackOptions {
            shard_bytes: 32 << 10,
            positions_bytes: 64 << 10,
            titles_per_chunk: 32,
            docs_bytes: 16 << 10,
            ids_bytes: 16 << 10,
            bundle_below: 256 << 10,
        }
    }
}

/// The fields of a corpus: title, body, then metadata keys in the order
/// documents first use them.
#[derive(Clone, Debug)]
struct Fields {
    infos: Vec<FieldInfo>,
    ids: HashMap<String, u8>,
}

impl Fields {
    fn new() -> Fields {
        let mut fields = Fields {
            infos: Vec::new(),
            ids: HashMap::new(),
        };
        fields.add("title");
        fields.add("body");
        fields
    }

    /// The id of a field, given one if it is new.
    fn add(&mut self, name: &str) -> u8 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        if self.infos.len() >= MAX_FIELDS {
            return self.other();
        }
        let name = if self.infos.len() == MAX_FIELDS - 1 { "other" } else { name };
        let id = self.infos.len() as u8;
        self.infos.push(field_info(name));
        self.ids.insert(name.to_string(), id);
        id
    }

    fn other(&self) -> u8 {
        self.ids.get("other").copied().unwrap_or((MAX_FIELDS - 1) as u8)
    }

    /// The id of a field added before (or of the shared last one).
    fn id(&self, name: &str) -> u8 {
        self.ids.get(name).copied().unwrap_or_else(|| self.other())
    }

    fn register(&mut self, doc: &Document) {
        for name in meta_field_names(&doc.meta) {
            self.add(name);
        }
    }
}

/// One term's documents in a segment, with their detail entries.
#[derive(Default)]
struct SegmentTerm {
    docs: Vec<u32>,
    detail: Vec<u8>,
}

/// Documents analyzed into postings, before weights (which need the
/// whole corpus's average lengths) are known.
struct Segment {
    terms: HashMap<String, SegmentTerm>,
    lengths: Vec<[u32; 2]>,
    docs: Vec<StoredDoc>,
}

impl Segment {
    fn new() -> Segment {
        Segment {
            terms: HashMap::new(),
            lengths: Vec::new(),
            docs: Vec::new(),
        }
    }

    /// Analyzes and adds document `id`; every metadata key of it must be
    /// in `fields`.
    fn add(&mut self, analyzer: &Analyzer, fields: &Fields, id: DocId, doc: Document) {
        let mut names: Vec<&str> = vec!["title", "body"];
        names.extend(meta_field_names(&doc.meta));
        let mut by_term: BTreeMap<String, Vec<FieldOccurrences>> = BTreeMap::new();
        let mut lengths = [0u32; 2];
        let mut body_checkpoints = Vec::new();
        for name in names {
            let field = fields.id(name);
            let tokens = field_tokens(analyzer, &doc, name);
            if field == BODY {
                body_checkpoints = checkpoints(&doc, &tokens);
            }
            if field <= BODY {
                lengths[field as usize] = tokens.len() as u32;
            }
            for (position, token) in tokens {
                let occurrences = by_term.entry(token.term).or_default();
                match occurrences.iter_mut().find(|f| f.field == field) {
                    Some(f) => f.positions.push(position),
                    None => occurrences.push(FieldOccurrences {
                        field,
                        positions: vec![position],
                    }),
                }
            }
        }
        for (term, mut occurrences) in by_term {
            occurrences.sort_by_key(|f| f.field);
            for f in occurrences.iter_mut() {
                // Metadata fields that share a slot (over MAX_FIELDS) may
                // interleave positions.
                f.positions.sort_unstable();
                f.positions.dedup();
            }
            let postings = self.terms.entry(term).or_default();
            postings.docs.push(id.0);
            write_entry(&mut postings.detail, &occurrences);
        }
        self.lengths.push(lengths);
        self.docs.push(StoredDoc {
            doc,
            checkpoints: body_checkpoints,
        });
    }
}

/// One merged term: its postings' two blocks.
struct Merged {
    term: String,
    df: u32,
    fast: Vec<u8>,
    detail: Vec<u8>,
}

/// Merges segments (in document order) term by term: weights are
/// computed now that the corpus's average lengths are known.
fn merge(fields: &Fields, segments: &[Segment]) -> (Vec<Merged>, [f32; 2]) {
    let lengths: Vec<[u32; 2]> = segments.iter().flat_map(|s| s.lengths.iter().copied()).collect();
    let n = lengths.len();
    let mut average = [0f32; 2];
    for l in &lengths {
        average[0] += l[0] as f32;
        average[1] += l[1] as f32;
    }
    for a in average.iter_mut() {
        *a = (*a / n.max(1) as f32).max(1.0);
    }
    let mut by_term: BTreeMap<&str, Vec<&SegmentTerm>> = BTreeMap::new();
    for segment in segments {
        for (term, postings) in &segment.terms {
            by_term.entry(term.as_str()).or_default().push(postings);
        }
    }
    let by_term: Vec<(&str, Vec<&SegmentTerm>)> = by_term.into_iter().collect();
    let merged = parallel::map(&by_term, |(term, parts)| {
        let mut writer = RecordWriter::default();
        for part in parts {
            let mut at = 0;
            for &doc in &part.docs {
                let end = entry_end(&part.detail, at).expect("the segment wrote this entry");
                let bytes = &part.detail[at..end];
                // The fast weight counts the fields searched by
                // default; a document holding the term only elsewhere
                // weighs 0.
                let weight: f32 = entry(bytes)
                    .fields()
                    .filter(|(f, _, _)| fields.infos.get(*f as usize).is_some_and(|i| i.default))
                    .map(|(f, tf, _)| {
                        let (length, avg) = if f <= BODY {
                            (lengths[doc as usize][f as usize], average[f as usize])
                        } else {
                            (0, 1.0)
                        };
                        weighted_tf(&fields.infos, tf, f, length, avg)
                    })
                    .sum();
                writer.push_entry(DocId(doc), weight, bytes);
                at = end;
            }
        }
        let df = writer.doc_count;
        let (fast, detail) = writer.finish();
        Merged {
            term: term.to_string(),
            df,
            fast,
            detail,
        }
    });
    (merged, average)
}

/// Cuts `sizes` into runs of about `target` each: where a run starts. An
/// item over half the target gets a run of its own.
fn cut(sizes: impl Iterator<Item = usize>, target: usize) -> Vec<u32> {
    let mut starts = Vec::new();
    let mut run = 0usize;
    let mut big_before = false;
    for (i, size) in sizes.enumerate() {
        let big = size > target / 2;
        if i == 0 || run >= target || big || big_before {
            starts.push(i as u32);
            run = 0;
        }
        run += size;
        big_before = big;
    }
    starts
}

/// The end of run `k` of `starts` over `len` items.
fn run_end(starts: &[u32], k: usize, len: usize) -> usize {
    starts.get(k + 1).map_or(len, |&s| s as usize)
}

fn table(entries: impl Iterator<Item = impl AsRef<[u8]>>) -> (Vec<u8>, Vec<u8>) {
    let mut offsets = Vec::new();
    let mut bytes = Vec::new();
    push_u32(&mut offsets, 0);
    for e in entries {
        bytes.extend_from_slice(e.as_ref());
        push_u32(&mut offsets, bytes.len() as u32);
    }
    (offsets, bytes)
}

/// A part that is one table of entries: its id and its file.
fn table_part(part: PartId, entries: impl Iterator<Item = impl AsRef<[u8]>>) -> (PartId, Vec<u8>) {
    let (offsets, bytes) = table(entries);
    (
        part,
        format::write_part(
            part,
            &TableLayout {
                offsets: &offsets,
                bytes: &bytes,
            },
        ),
    )
}

fn fst_map(entries: impl Iterator<Item = (impl AsRef<[u8]>, u64)>) -> Vec<u8> {
    let mut builder = fst::MapBuilder::memory();
    for (key, value) in entries {
        builder.insert(key, value).expect("keys are inserted in order, once");
    }
    builder.into_inner().expect("an in-memory fst")
}

/// Writes every part of an index: its directory and files.
fn write(analyzer: &Analyzer, fields: Fields, segments: Vec<Segment>, analysis: Analysis, options: &PackOptions) -> Written {
    let (terms, average_lengths) = merge(&fields, &segments);
    let lengths: Vec<[u32; 2]> = segments.iter().flat_map(|s| s.lengths.iter().copied()).collect();
    let docs: Vec<StoredDoc> = segments.into_iter().flat_map(|s| s.docs).collect();
    let n = docs.len();
    let mut files: Vec<(PartId, Vec<u8>)> = Vec::new();
    let mut dir = Directory {
        doc_count: n as u32,
        term_count: terms.len() as u32,
        fields: fields.infos,
        average_lengths,
        titles_per_chunk: options.titles_per_chunk.max(1),
        ..Directory::default()
    };

    // Term shards: dictionary and postings, cut by postings size.
    let shard_starts = cut(terms.iter().map(|t| t.fast.len() + t.term.len() + 4), options.shard_bytes);
    dir.shards = shard_starts
        .iter()
        .enumerate()
        .map(|(i, &s)| (if i == 0 { String::new() } else { terms[s as usize].term.clone() }, s))
        .collect();
    let mut stems: Vec<BTreeMap<String, Vec<u32>>> = vec![BTreeMap::new(); shard_starts.len()];
    for (id, t) in terms.iter().enumerate() {
        let stem = analyzer.stem(&t.term);
        let shard = dir.shard_of_term(stem.as_bytes()) as usize;
        stems[shard].entry(stem.into_owned()).or_default().push(id as u32);
    }
    for (i, &start) in shard_starts.iter().enumerate() {
        let range = start as usize..run_end(&shard_starts, i, terms.len());
        let dictionary = fst_map(
            terms[range.clone()]
                .iter()
                .zip(range.clone())
                .map(|(t, id)| (t.term.as_bytes(), (t.df as u64) << 32 | id as u64)),
        );
        let mut stem_terms = Vec::new();
        let mut listed = 0u64;
        let mut entries = Vec::new();
        for (stem, ids) in &stems[i] {
            // A stem that is just its own single term needs no entry.
            let only_itself = ids.len() == 1 && terms[ids[0] as usize].term == *stem;
            if only_itself || ids.len() > 0xffff {
                continue;
            }
            entries.push((stem.as_bytes(), (listed << 16) | ids.len() as u64));
            for &id in ids {
                push_u32(&mut stem_terms, id);
            }
            listed += ids.len() as u64;
        }
        let stem_map = fst_map(entries.into_iter());
        let layout = TermsLayout {
            terms: &dictionary,
            stems: &stem_map,
            stem_terms: &stem_terms,
        };
        files.push((PartId::Terms(i as u32), format::write_part(PartId::Terms(i as u32), &layout)));
        files.push(table_part(PartId::Fast(i as u32), terms[range].iter().map(|t| &t.fast)));
    }

    // Positions packs, cut by their own size.
    let position_starts = cut(terms.iter().map(|t| t.detail.len() + 4), options.positions_bytes);
    for (p, &start) in position_starts.iter().enumerate() {
        let range = start as usize..run_end(&position_starts, p, terms.len());
        files.push(table_part(PartId::Positions(p as u32), terms[range].iter().map(|t| &t.detail)));
    }
    dir.positions = position_starts;
    drop(terms);

    // Titles and ids, a fixed number of documents per chunk.
    let per = dir.titles_per_chunk as usize;
    for (k, chunk) in docs.chunks(per).enumerate() {
        let titles = string_table(chunk.iter().map(|s| s.doc.title.as_str()));
        let ids = string_table(chunk.iter().map(|s| s.doc.id.as_str()));
        let part = PartId::Titles(k as u32);
        files.push((
            part,
            format::write_part(
                part,
                &TitlesLayout {
                    titles: &titles,
                    ids: &ids,
                },
            ),
        ));
    }

    // Id shards: user-facing id → document, by id range.
    let mut by_id: Vec<(&str, u32)> = docs.iter().enumerate().map(|(i, s)| (s.doc.id.as_str(), i as u32)).collect();
    by_id.sort_unstable();
    let id_starts = cut(by_id.iter().map(|(id, _)| id.len() + 4), options.ids_bytes);
    for (s, &start) in id_starts.iter().enumerate() {
        let range = start as usize..run_end(&id_starts, s, by_id.len());
        let map = fst_map(by_id[range].iter().map(|&(id, doc)| (id.as_bytes(), doc as u64)));
        let part = PartId::Ids(s as u32);
        files.push((part, format::write_part(part, &map.as_slice())));
    }
    dir.ids = id_starts.iter().map(|&s| by_id[s as usize].0.to_string()).collect();

    // Stored documents, cut by size.
    let encoded: Vec<Vec<u8>> = parallel::map(&docs, |d| postcard::to_allocvec(d).expect("writing to a Vec cannot fail"));
    let doc_starts = cut(encoded.iter().map(Vec::len), options.docs_bytes);
    for (j, &start) in doc_starts.iter().enumerate() {
        let range = start as usize..run_end(&doc_starts, j, encoded.len());
        files.push(table_part(PartId::Docs(j as u32), encoded[range].iter()));
    }
    dir.docs = doc_starts;
    drop(encoded);

    // Columns.
    let mut length_column = Vec::with_capacity(n * 8);
    let mut dates = Vec::with_capacity(n * 8);
    for (stored, l) in docs.iter().zip(&lengths) {
        push_u32(&mut length_column, l[0]);
        push_u32(&mut length_column, l[1]);
        let (first, last) = stored.doc.meta.date.map_or((0, 0), |d| (d.first_day_key(), d.last_day_key()));
        push_u32(&mut dates, first);
        push_u32(&mut dates, last);
    }
    let mut by_title: Vec<u32> = (0..n as u32).collect();
    let keys: Vec<String> = docs.iter().map(|d| d.doc.title.to_lowercase()).collect();
    by_title.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));
    let mut rank = vec![0u32; n];
    for (r, &doc) in by_title.iter().enumerate() {
        rank[doc as usize] = r as u32;
    }
    let mut title_order = Vec::with_capacity(n * 4);
    for r in rank {
        push_u32(&mut title_order, r);
    }
    for (part, bytes) in [
        (PartId::Dates, dates),
        (PartId::Lengths, length_column),
        (PartId::TitleOrder, title_order),
    ] {
        files.push((part, format::write_part(part, &bytes.as_slice())));
    }

    // Facets and the corpus analysis.
    for (k, facet) in facets_of(docs.iter().map(|s| &s.doc)).iter().enumerate() {
        dir.facets.push((facet.key.clone(), facet.label.clone()));
        let part = PartId::Facet(k as u32);
        files.push((part, format::write_part(part, &facet.to_data())));
    }
    let stats = analysis.counts();
    files.push((PartId::Reuse, format::write_part(PartId::Reuse, &analysis.reuse())));
    let quotes: &[Vec<Quote>] = analysis.quotes.get().map_or(&[], |(q, _)| q);
    files.push((PartId::Quotes, format::write_part(PartId::Quotes, &(quotes, analysis.speakers()))));
    let no_vectors = Vectors::default();
    let vectors = analysis.vectors.get().unwrap_or(&no_vectors);
    files.push((PartId::Similar, format::write_part(PartId::Similar, vectors)));

    files.sort_by_key(|(part, _)| *part);
    // Stored deflated, on every core (Debian's parts took about 3 s to
    // deflate on one).
    let files: Vec<(PartId, Vec<u8>)> = {
        let plain = files;
        parallel::map(&plain, |(part, file)| (*part, format::deflated(file)))
    };
    dir.files = files.iter().map(|(part, bytes)| (*part, content_hash(bytes))).collect();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    if total < options.bundle_below {
        let all: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
        dir.bundle = Some(content_hash(&format::write_bundle(&all)));
    }
    Written { dir, files, stats }
}

/// An index's parts as written, before they are read back.
struct Written {
    dir: Directory,
    files: Vec<(PartId, Vec<u8>)>,
    /// Reused passages and quotes found.
    stats: (usize, usize),
}

/// Collects documents and produces an [`Index`]. Takes documents from its
/// caller and never touches the file system, so it runs in a browser too.
pub struct IndexBuilder {
    analyzer: Analyzer,
    fields: Fields,
    ids: HashSet<String>,
    segment: Segment,
    corpus_analysis: bool,
    options: PackOptions,
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
            fields: Fields::new(),
            ids: HashSet::new(),
            segment: Segment::new(),
            corpus_analysis: true,
            options: PackOptions::default(),
        }
    }

    /// Leaves out the corpus-wide analysis (reused passages, similarity
    /// vectors, quotes) for a quicker build: search still works.
    pub fn without_corpus_analysis(mut self) -> Self {
        self.corpus_analysis = false;
        self
    }

    /// Parts of other sizes than the defaults.
    pub fn with_pack_options(mut self, options: PackOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a document. Fails if a document with the same id was added.
    pub fn add(&mut self, doc: Document) -> Result<DocId, Error> {
        if !self.ids.insert(doc.id.clone()) {
            return Err(duplicate(&doc.id));
        }
        let id = DocId(self.segment.docs.len() as u32);
        self.fields.register(&doc);
        self.segment.add(&self.analyzer, &self.fields, id, doc);
        Ok(id)
    }

    /// How many documents were added so far.
    pub fn len(&self) -> usize {
        self.segment.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.segment.docs.is_empty()
    }

    pub fn build(self) -> Index {
        let analysis = if self.corpus_analysis {
            let docs: Vec<&Document> = self.segment.docs.iter().map(|s| &s.doc).collect();
            Analysis::of(&self.analyzer, &docs)
        } else {
            Analysis::default()
        };
        let written = write(&self.analyzer, self.fields, vec![self.segment], analysis, &self.options);
        Index::from_files(written.dir, written.files, self.analyzer).expect("a fresh index reads back")
    }
}

fn duplicate(id: &str) -> Error {
    Error::new(ErrorKind::DuplicateId, format!("two documents have the id {id:?}"))
}

/// What [`build_parallel`] is doing, for a progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Documents analyzed into segments so far, of all.
    Analyzing,
    /// The corpus analysis (reuse, quotes, vectors) finished.
    CorpusAnalysis,
    /// Segments merged and parts written.
    Writing,
}

/// Builds an index from `docs` with `threads` threads: segments in
/// parallel (and the corpus analysis beside them), then one merge.
/// `progress` hears `(stage, done, total)`. Fails on a duplicate id.
/// Gives the files to write, not an index: a reader checks them when it
/// reads them (see [`Pack::open`]).
pub fn build_parallel(
    analyzer: &Analyzer,
    docs: Vec<Document>,
    threads: usize,
    corpus_analysis: bool,
    options: PackOptions,
    progress: &(dyn Fn(Stage, usize, usize) + Sync),
) -> Result<Pack, Error> {
    let mut seen = HashSet::with_capacity(docs.len());
    for doc in &docs {
        if !seen.insert(doc.id.as_str()) {
            return Err(duplicate(&doc.id));
        }
    }
    drop(seen);
    let mut fields = Fields::new();
    for doc in &docs {
        fields.register(doc);
    }
    let total = docs.len();
    let threads = threads.max(1);
    // Several segments per thread, so progress moves and threads even out.
    let per_segment = total.div_ceil(threads * 4).max(256);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let batches: Vec<(u32, Vec<Document>)> = {
        let mut out = Vec::new();
        let mut rest = docs.into_iter();
        let mut base = 0u32;
        loop {
            let batch: Vec<Document> = rest.by_ref().take(per_segment).collect();
            if batch.is_empty() {
                break;
            }
            let len = batch.len() as u32;
            out.push((base, batch));
            base += len;
        }
        out
    };
    let analyze = |base: u32, batch: Vec<Document>| {
        let mut segment = Segment::new();
        let count = batch.len();
        for (i, doc) in batch.into_iter().enumerate() {
            segment.add(analyzer, &fields, DocId(base + i as u32), doc);
        }
        let now = done.fetch_add(count, std::sync::atomic::Ordering::Relaxed) + count;
        progress(Stage::Analyzing, now, total);
        segment
    };
    // One thread (wasm has no others): in order, on this one.
    let threads = threads.min(crate::parallel::threads());
    let mut segments: Vec<(usize, Segment)> = if threads <= 1 {
        batches
            .into_iter()
            .enumerate()
            .map(|(k, (base, batch))| (k, analyze(base, batch)))
            .collect()
    } else {
        let queue = std::sync::Mutex::new(batches.into_iter().enumerate().collect::<Vec<_>>());
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
                            let Some((k, (base, batch))) = next else { break };
                            mine.push((k, analyze(base, batch)));
                        }
                        mine
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("a segment worker panicked"))
                .collect()
        })
    };
    segments.sort_by_key(|(k, _)| *k);
    let segments: Vec<Segment> = segments.into_iter().map(|(_, s)| s).collect();
    let analysis = if corpus_analysis {
        let docs: Vec<&Document> = segments.iter().flat_map(|s| s.docs.iter().map(|d| &d.doc)).collect();
        let analysis = Analysis::of_parallel(analyzer, &docs);
        progress(Stage::CorpusAnalysis, total, total);
        analysis
    } else {
        Analysis::default()
    };
    let written = write(analyzer, fields, segments, analysis, &options);
    progress(Stage::Writing, total, total);
    Ok(Pack::new(written.dir, written.files, written.stats))
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
        let err = build_parallel(
            &Analyzer::new(),
            vec![doc("a", "", "x"), doc("a", "", "y")],
            2,
            false,
            PackOptions::default(),
            &|_, _, _| {},
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DuplicateId);
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

    #[test]
    fn runs_are_cut_near_the_target_and_big_items_stand_alone() {
        assert_eq!(cut([3, 3, 3, 3, 3].into_iter(), 6), [0, 2, 4]);
        assert_eq!(cut([1, 1, 50, 1, 1].into_iter(), 10), [0, 2, 3]);
        assert_eq!(cut(std::iter::empty(), 10), Vec::<u32>::new());
        assert_eq!(cut([100].into_iter(), 10), [0]);
    }

    #[test]
    fn segments_built_in_parallel_make_the_same_index_as_one_builder() {
        let docs: Vec<Document> = (0..700)
            .map(|i| {
                let mut d = doc(
                    &format!("d{i}"),
                    &format!("Title {}", i % 13),
                    &format!("body words {} and {} more text", i % 7, i * 31 % 101),
                );
                if i % 5 == 0 {
                    d.meta.source = Some(format!("Outlet {}", i % 3));
                }
                d
            })
            .collect();
        let mut builder = IndexBuilder::new().without_corpus_analysis();
        for d in docs.clone() {
            builder.add(d).unwrap();
        }
        let one = builder.build();
        let pack = build_parallel(&Analyzer::new(), docs, 3, false, PackOptions::default(), &|_, _, _| {}).unwrap();
        let parallel = pack.open(Analyzer::new()).unwrap();
        assert_eq!(parallel.encode(), one.encode());
        assert_eq!(parallel.pack().manifest, pack.manifest);
    }
}
