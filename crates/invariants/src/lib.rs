//! What must hold of the engine's output, whatever the input: every span
//! lies on char boundaries inside its text, every mark inside its
//! document, every concordance line around its hit, every comparison
//! rebuilds both documents' paragraphs, every decode round-trips. Each
//! check panics with a message when an invariant fails.
//!
//! The property tests call the checks with generated inputs; the fuzz
//! targets (`fuzz/`) call [`fuzz`]'s entry points with raw bytes; the
//! seed inputs of the fuzz targets are replayed by this crate's tests on
//! stable Rust, in `scripts/test.sh`.

pub mod fuzz;

use quire_engine::compare::rows::blocks_of;
use quire_engine::{
    compare_many, concordance, concordance_csv, explain, highlights, prepare, result_views, search, snippet, sort_concordance,
    AnalysisPart, Analyzer, Comparison, DocId, Document, Index, KwicSort, Query, Request, Selection, Sort, Span,
};

/// Panics unless `span` lies inside `text`, on char boundaries.
#[track_caller]
pub fn assert_fits(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} cuts a character in {:?}",
        text.get(span.start.saturating_sub(8).min(text.len())..)
            .map(|t| t.chars().take(12).collect::<String>())
    );
}

/// How much of a query's output [`check_query_within`] looks at.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Results marked, snippeted and explained.
    pub shown: usize,
    /// Concordance lines.
    pub lines: usize,
}

impl Limits {
    /// What a page shows: 50 results, 2,000 concordance lines.
    pub const PAGE: Limits = Limits { shown: 50, lines: 2_000 };
    /// Less, for fuzzing, where every input counts.
    pub const FUZZ: Limits = Limits { shown: 8, lines: 200 };
}

/// Everything a reader can do with `query` on `index`: search in every
/// order and under a facet, mark the results (titles, bodies, snippets),
/// the concordance in every order with its CSV, and explanations. Checks
/// every span handed out, and returns the number of hits.
pub fn check_query(index: &Index, query: &str) -> usize {
    check_query_within(index, query, Limits::PAGE)
}

/// [`check_query`], looking at `limits` results and concordance lines.
pub fn check_query_within(index: &Index, query: &str, limits: Limits) -> usize {
    let prepared = prepare(index, &Query::parse(index.analyzer(), query));
    let mut hits = Vec::new();
    for sort in Sort::ALL {
        let results = search(
            index,
            &prepared,
            &Request {
                sort,
                ..Request::default()
            },
        );
        assert!(results.hits.len() <= index.len() && results.hits.len() <= results.matched.max(results.hits.len()));
        assert!(results.hits.iter().all(|h| h.doc.index() < index.len()), "a hit outside the corpus");
        if sort == Sort::Relevance {
            hits = results.hits.iter().map(|h| h.doc).collect::<Vec<_>>();
            for facet in results.facets.iter().take(2) {
                for value in facet.values.iter().take(2) {
                    let mut selection = Selection::new();
                    selection.select(facet.key.clone(), value.value.clone());
                    let narrowed = search(
                        index,
                        &prepared,
                        &Request {
                            selection,
                            ..Request::default()
                        },
                    );
                    assert_eq!(narrowed.hits.len(), value.count, "facet count of {}:{}", facet.key, value.value);
                }
            }
        }
    }
    let shown: Vec<DocId> = hits.iter().copied().take(limits.shown).collect();
    for (doc, marks) in shown.iter().zip(highlights(index, &prepared, &shown)) {
        let document = index.doc(*doc);
        for m in &marks.title {
            assert_fits(&document.title, m.span, "title mark");
        }
        for m in &marks.body {
            assert_fits(&document.body, m.span, "body mark");
        }
        assert!(
            marks.body.windows(2).all(|w| w[0].span.end <= w[1].span.start),
            "body marks overlap"
        );
        let snippet = snippet(index, *doc, &marks.body);
        assert_fits(&document.body, snippet.span, "snippet");
        let _ = explain(index, &prepared, *doc);
    }
    for (doc, view) in shown.iter().zip(result_views(index, &prepared, &shown)) {
        let document = index.doc(*doc);
        assert_fits(&document.body, view.snippet.span, "result snippet");
        for m in &view.snippet.marks {
            assert_fits(&document.body, m.span, "snippet mark");
            assert!(
                view.snippet.span.start <= m.span.start && m.span.end <= view.snippet.span.end,
                "a snippet mark outside its snippet"
            );
        }
        for m in &view.title {
            assert_fits(&document.title, m.span, "result title mark");
        }
    }
    let mut lines = concordance(index, &prepared, &hits, limits.lines);
    for sort in KwicSort::ALL {
        sort_concordance(index, &mut lines, sort);
        for line in &lines {
            let body = &index.doc(line.doc).body;
            for (span, what) in [
                (line.left, "left context"),
                (line.keyword, "keyword"),
                (line.right, "right context"),
            ] {
                assert_fits(body, span, what);
            }
            assert!(
                line.left.end == line.keyword.start && line.keyword.end == line.right.start,
                "a concordance line is not contiguous: {line:?}"
            );
        }
        let csv = concordance_csv(index, &lines, |l| format!("?doc={}", index.id(l.doc)));
        assert!(csv.matches("\r\n").count() > lines.len(), "a CSV row per line, and a header");
    }
    hits.len()
}

/// Checks a comparison of `docs`: passages and their changes fit their
/// documents, exact copies read the same after analysis, no word is in
/// two passages of one document, and the rows list every paragraph of
/// every document once, in order.
pub fn check_comparison(analyzer: &Analyzer, docs: &[&Document], comparison: &Comparison) {
    let n = docs.len();
    assert!((0.0..=1.0).contains(&comparison.similarity));
    let stems = |s: &str| analyzer.terms(s).iter().map(|t| analyzer.stem(t).into_owned()).collect::<Vec<_>>();
    for p in &comparison.passages {
        assert_eq!(p.copies.len(), n);
        assert!(
            p.copies.iter().filter(|c| !c.is_empty()).count() >= 2 || p.copies.iter().any(|c| c.len() >= 2),
            "a passage with one copy"
        );
        let mut first: Option<Vec<String>> = None;
        for (d, copies) in p.copies.iter().enumerate() {
            for span in copies {
                assert_fits(&docs[d].body, *span, "a shared passage");
                let words = stems(span.of(&docs[d].body));
                match &first {
                    None => first = Some(words),
                    Some(f) if !p.near => assert_eq!(&words, f, "exact copies differ"),
                    Some(_) => {}
                }
            }
        }
        for (d, changes) in p.changes.iter().enumerate() {
            for c in changes {
                assert_fits(&docs[d].body, *c, "a changed word");
                assert!(
                    p.copies[d].iter().any(|s| s.start <= c.start && c.end <= s.end),
                    "a changed word outside its passage"
                );
            }
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        let mut spans: Vec<Span> = comparison.passages.iter().flat_map(|p| p.copies[d].iter().copied()).collect();
        spans.sort();
        assert!(
            spans.windows(2).all(|w| !w[0].overlaps(&w[1])),
            "two passages share words in document {d}"
        );
        let order: Vec<usize> = comparison.rows.iter().flat_map(|r| r.cells[d].clone()).collect();
        let blocks = blocks_of(doc).len();
        assert_eq!(
            order,
            (0..blocks).collect::<Vec<_>>(),
            "rows do not list document {d}'s paragraphs once, in order"
        );
    }
}

/// Checks the corpus analysis stored in an index: reused passages and
/// quotes fit their documents, similarities are scores.
pub fn check_corpus_analysis(index: &Index) {
    for cluster in index.analysis(&AnalysisPart::ALL).reuse() {
        for (doc, span) in &cluster.copies {
            assert!(doc.index() < index.len());
            assert_fits(&index.doc(*doc).body, *span, "a reused passage");
        }
        let _ = cluster.origin(|d| index.days(d));
    }
    for (doc, document) in index.docs() {
        for quote in index.analysis(&AnalysisPart::ALL).quotes(doc) {
            for part in &quote.parts {
                assert_fits(&document.body, *part, "a quote");
            }
        }
        for similar in index.analysis(&AnalysisPart::ALL).similar(doc, 5) {
            assert!((0.0..=1.0).contains(&similar.score));
        }
    }
    for speaker in index.analysis(&AnalysisPart::ALL).speakers() {
        for group in &speaker.quotes {
            for &(doc, i) in &group.occurrences {
                assert!(
                    i < index.analysis(&AnalysisPart::ALL).quotes(doc).len(),
                    "a speaker's quote that does not exist"
                );
            }
        }
    }
}

/// Builds an index of `docs` (ids made unique), and checks everything
/// above on it for `queries`: search, marks, concordance, comparison of
/// the first four documents, corpus analysis, and an encode/decode round
/// trip.
pub fn check_corpus(docs: Vec<Document>, queries: &[&str]) {
    check_corpus_within(docs, queries, Limits::PAGE)
}

/// [`check_corpus`] within `limits`.
pub fn check_corpus_within(docs: Vec<Document>, queries: &[&str], limits: Limits) {
    let mut builder = quire_engine::IndexBuilder::new();
    for (i, mut doc) in docs.into_iter().enumerate() {
        doc.id = format!("{i}:{}", doc.id);
        builder.add(doc).expect("unique ids");
    }
    let index = builder.build();
    let bytes = index.encode();
    let decoded = Index::decode(&bytes).expect("a fresh encoding decodes");
    assert_eq!(decoded.encode(), bytes, "decode then encode changes the bytes");
    for q in queries {
        check_query_within(&decoded, q, limits);
    }
    check_corpus_analysis(&decoded);
    let ids: Vec<DocId> = (0..index.len().min(4) as u32).map(DocId).collect();
    if ids.len() >= 2 {
        let docs: Vec<&Document> = ids.iter().map(|&d| index.doc(d)).collect();
        check_comparison(index.analyzer(), &docs, &compare_many(index.analyzer(), &docs));
    }
}

/// Everything a reader can see of a query, as text: results in every
/// order with facets and histogram, marks, snippets, explanations and the
/// concordance in every order. Two indexes of one corpus answer alike
/// when their transcripts are equal (e.g. one loaded part by part).
pub fn transcript(index: &Index, query: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let prepared = prepare(index, &Query::parse(index.analyzer(), query));
    let _ = writeln!(out, "{:?}", prepared);
    let mut hits = Vec::new();
    for sort in Sort::ALL {
        let results = search(
            index,
            &prepared,
            &Request {
                sort,
                ..Request::default()
            },
        );
        let _ = writeln!(out, "{sort:?}: {:?}", results);
        if sort == Sort::Relevance {
            hits = results.hits.iter().map(|h| h.doc).collect::<Vec<_>>();
        }
    }
    let shown: Vec<DocId> = hits.iter().copied().take(10).collect();
    for doc in &shown {
        let _ = writeln!(
            out,
            "{} {:?} {:?}",
            index.id(*doc),
            index.title(*doc),
            explain(index, &prepared, *doc)
        );
    }
    let _ = writeln!(out, "{:?}", highlights(index, &prepared, &shown));
    let _ = writeln!(out, "{:?}", result_views(index, &prepared, &shown));
    let mut lines = concordance(index, &prepared, &hits, 50);
    for sort in KwicSort::ALL {
        sort_concordance(index, &mut lines, sort);
        let _ = writeln!(out, "{}", concordance_csv(index, &lines, |l| index.id(l.doc).to_string()));
    }
    out
}
