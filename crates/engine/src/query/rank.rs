//! Running a query: matching documents, BM25F ranking with a proximity
//! boost, filters, facets and order.
//!
//! documents, BM25F ranking with a proximity boost, facets and sorting.
//!
//! Ranking is BM25F (k1 = 1.2): for each query leaf, a document's
//! pseudo-frequency is the sum over fields of `weight × tf / norm`, where
//! `norm = 1 − b + b × length / average length` (see
//! [`FieldInfo`](crate::index::FieldInfo) for the weights and `b`), and the
//! leaf scores `idf × tf~ × (k1 + 1) / (tf~ + k1)`. Leaves' scores add up.
//! Then the best [`PROXIMITY_TOP`] results of a query with several leaves
//! get up to [`PROXIMITY_WEIGHT`] more when the leaves stand close together.

use std::cmp::Ordering;

use super::filter::{self, Bucket, FacetCounts, Selection};
use super::matching::{field_lists, field_matches, min_span, occurrences, slot_positions, SlotPositions};
use super::parse::Node;
use super::plan::{Mode, Plan, Prepared};
use crate::index::docset::DocSet;
use crate::index::field::{weighted_tf, BODY};
use crate::index::postings::weight_table;
use crate::index::Index;
use crate::text::document::DocId;

/// BM25 saturation.
pub const K1: f32 = 1.2;

/// The most a proximity boost multiplies a score by, minus one: leaves
/// side by side give ×1.5; the boost falls as they spread apart.
pub const PROXIMITY_WEIGHT: f32 = 0.5;

/// How many of the best results the proximity boost re-ranks.
pub const PROXIMITY_TOP: usize = 50;

/// The order of results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first; with an empty query, corpus order.
    #[default]
    Relevance,
    /// Newest first; undated documents last.
    Newest,
    /// Oldest first; undated documents last.
    Oldest,
    /// By title, A to Z.
    Title,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Newest, Sort::Oldest, Sort::Title];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Title => "title",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.as_str() == s)
    }
}

/// What to do with the matches: filters and order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub selection: Selection,
    /// Keep documents dated within `first..=last` (packed `yyyymmdd`).
    pub date_range: Option<(u32, u32)>,
    pub sort: Sort,
}

/// A matching document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub score: f32,
}

/// The answer to a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// Every result, in the requested order.
    pub hits: Vec<Hit>,
    /// How many documents matched the query before filters.
    pub matched: usize,
    /// Every facet's counts under this query and selection.
    pub facets: Vec<FacetCounts>,
    /// Results per year or month, under the query and facets.
    pub histogram: Vec<Bucket>,
}

/// Matching documents (sorted) with their scores.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scored {
    pub docs: Vec<u32>,
    pub scores: Vec<f32>,
}

impl Scored {
    fn push(&mut self, doc: u32, score: f32) {
        self.docs.push(doc);
        self.scores.push(score);
    }
}

pub(crate) fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

pub(crate) fn saturate(tf: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1)
}

fn intersect(a: Scored, b: Scored) -> Scored {
    let (small, large) = if a.docs.len() <= b.docs.len() { (a, b) } else { (b, a) };
    let mut out = Scored::default();
    let mut from = 0;
    for (i, &doc) in small.docs.iter().enumerate() {
        match large.docs[from..].binary_search(&doc) {
            Ok(j) => {
                out.push(doc, small.scores[i] + large.scores[from + j]);
                from += j + 1;
            }
            Err(j) => from += j,
        }
        if from >= large.docs.len() {
            break;
        }
    }
    out
}

fn union(a: Scored, b: Scored) -> Scored {
    let mut out = Scored::default();
    let (mut i, mut j) = (0, 0);
    while i < a.docs.len() || j < b.docs.len() {
        match (a.docs.get(i), b.docs.get(j)) {
            (Some(x), Some(y)) if x == y => {
                out.push(*x, a.scores[i] + b.scores[j]);
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                out.push(*x, a.scores[i]);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x, a.scores[i]);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y, b.scores[j]);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

fn subtract(a: Scored, b: &Scored) -> Scored {
    let mut out = Scored::default();
    for (i, doc) in a.docs.iter().enumerate() {
        if b.docs.binary_search(doc).is_err() {
            out.push(*doc, a.scores[i]);
        }
    }
    out
}

/// Runs a prepared query, filters and orders the results.
pub fn search(index: &Index, prepared: &Prepared, request: &Request) -> Results {
    let scored = matches(index, prepared);
    let n = index.len();
    let matched = DocSet::from_docs(n, scored.docs.iter().map(|&d| DocId(d)));
    let date_filter = request.date_range.map(|range| dated_within(index, range));
    let (allowed, facets, in_view) = filter::apply(&index.facets(), &matched, &request.selection, date_filter.as_ref());
    let mut hits: Vec<Hit> = scored
        .docs
        .iter()
        .zip(&scored.scores)
        .filter(|(d, _)| allowed.contains(DocId(**d)))
        .map(|(&d, &score)| Hit { doc: DocId(d), score })
        .collect();
    if request.sort == Sort::Relevance {
        rank(index, prepared, &mut hits, usize::MAX);
    } else {
        sort(index, &mut hits, request.sort);
    }
    Results {
        hits,
        matched: matched.len(),
        facets,
        histogram: filter::histogram(index, &in_view, request.date_range),
    }
}

/// The best `limit` results and how many matched in all, without
/// facets: the quickest way to answer a query.
pub fn top(index: &Index, prepared: &Prepared, limit: usize) -> (usize, Vec<Hit>) {
    let scored = matches(index, prepared);
    let total = scored.docs.len();
    let mut hits: Vec<Hit> = scored
        .docs
        .iter()
        .zip(&scored.scores)
        .map(|(&d, &score)| Hit { doc: DocId(d), score })
        .collect();
    rank(index, prepared, &mut hits, limit);
    hits.truncate(limit);
    (total, hits)
}

/// Orders hits by relevance: BM25F, then the proximity boost on the
/// best ones. Only the first `limit` need to be in order.
fn rank(index: &Index, prepared: &Prepared, hits: &mut [Hit], limit: usize) {
    let by_score = |a: &Hit, b: &Hit| b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal).then(a.doc.cmp(&b.doc));
    let proximity = prepared.query.positive_leaves().nth(1).is_some();
    let top = if proximity { PROXIMITY_TOP.max(limit) } else { limit }.min(hits.len());
    if hits.len() > top && top > 0 {
        hits.select_nth_unstable_by(top - 1, by_score);
    }
    let head = top;
    hits[..head].sort_unstable_by(by_score);
    if proximity && boost_proximity(index, prepared, &mut hits[..PROXIMITY_TOP.min(head)]) {
        hits[..PROXIMITY_TOP.min(head)].sort_unstable_by(by_score);
    }
    if limit == usize::MAX && hits.len() > head {
        hits[head..].sort_unstable_by(by_score);
    }
}

fn sort(index: &Index, hits: &mut [Hit], sort: Sort) {
    let date = |h: &Hit| index.date_keys(h.doc.0).map(|(first, _)| first);
    match sort {
        Sort::Relevance => unreachable!("ranked by rank()"),
        Sort::Newest | Sort::Oldest => hits.sort_unstable_by(|a, b| {
            let by_date = match (date(a), date(b)) {
                (Some(x), Some(y)) if sort == Sort::Newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            by_date
                .then_with(|| b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                .then(a.doc.cmp(&b.doc))
        }),
        Sort::Title => hits.sort_unstable_by_key(|h| index.title_rank(h.doc.0)),
    }
}

/// Documents whose date overlaps `range`.
fn dated_within(index: &Index, (start, end): (u32, u32)) -> DocSet {
    DocSet::from_docs(
        index.len(),
        (0..index.len() as u32)
            .filter(|&d| index.date_keys(d).is_some_and(|(first, last)| first <= end && last >= start))
            .map(DocId),
    )
}

/// Every document the query matches, with its BM25F score.
pub(crate) fn matches(index: &Index, prepared: &Prepared) -> Scored {
    match &prepared.query.root {
        Some(root) => eval(index, root, prepared),
        None => all(index),
    }
}

fn all(index: &Index) -> Scored {
    Scored {
        docs: (0..index.len() as u32).collect(),
        scores: vec![0.0; index.len()],
    }
}

fn eval(index: &Index, node: &Node, prepared: &Prepared) -> Scored {
    match node {
        Node::Leaf(i) => eval_plan(index, &prepared.plans[*i as usize]),
        Node::And(children) => {
            let mut positive: Vec<Scored> = Vec::new();
            let mut negative: Vec<Scored> = Vec::new();
            for child in children {
                match child {
                    Node::Not(inner) => negative.push(eval(index, inner, prepared)),
                    _ => positive.push(eval(index, child, prepared)),
                }
            }
            positive.sort_by_key(|s| s.docs.len());
            let mut result = match positive.len() {
                0 => all(index),
                _ => {
                    let mut iter = positive.into_iter();
                    let first = iter.next().expect("one at least");
                    iter.fold(first, intersect)
                }
            };
            for ex in &negative {
                result = subtract(result, ex);
            }
            result
        }
        Node::Or(children) => children.iter().map(|c| eval(index, c, prepared)).reduce(union).unwrap_or_default(),
        Node::Not(inner) => subtract(all(index), &eval(index, inner, prepared)),
    }
}

pub(crate) fn eval_plan(index: &Index, plan: &Plan) -> Scored {
    let n = index.len();
    match plan {
        Plan::Date { start, end } => {
            let mut out = Scored::default();
            for d in 0..n as u32 {
                if index.date_keys(d).is_some_and(|(first, last)| first <= *end && last >= *start) {
                    out.push(d, 0.0);
                }
            }
            out
        }
        Plan::Terms { slots, mode, fields } => {
            let (docs, tfs) = match (mode, fields) {
                (Mode::Any, None) => fast_slot(index, &slots[0]),
                (Mode::Any, Some(fields)) => scoped_slot(index, &slots[0], fields),
                (_, Some(fields)) => positional(index, slots, *mode, fields),
                (_, None) => positional(index, slots, *mode, &index.default_fields()),
            };
            let idf = idf(n, docs.len());
            Scored {
                scores: tfs.iter().map(|&tf| idf * saturate(tf)).collect(),
                docs,
            }
        }
    }
}

/// Documents holding any of `terms`, with their summed BM25F
/// pseudo-frequency, from the precomputed weights.
fn fast_slot(index: &Index, terms: &[u32]) -> (Vec<u32>, Vec<f32>) {
    let weights = weight_table();
    if let [term] = terms {
        let record = index.record(*term);
        return record.fast().filter(|&(_, w)| w > 0).map(|(d, w)| (d, weights[w as usize])).unzip();
    }
    let mut pairs: Vec<(u32, u8)> = terms.iter().flat_map(|&t| index.record(t).fast()).filter(|&(_, w)| w > 0).collect();
    pairs.sort_unstable_by_key(|p| p.0);
    let mut docs: Vec<u32> = Vec::with_capacity(pairs.len());
    let mut tfs: Vec<f32> = Vec::with_capacity(pairs.len());
    for (d, w) in pairs {
        let w = weights[w as usize];
        if docs.last() == Some(&d) {
            *tfs.last_mut().expect("same length") += w;
        } else {
            docs.push(d);
            tfs.push(w);
        }
    }
    (docs, tfs)
}

fn field_tf(index: &Index, doc: u32, field: u8, tf: u32) -> f32 {
    weighted_tf(
        index.fields(),
        tf,
        field,
        index.length(doc, field),
        index.average_length(field.min(BODY)),
    )
}

/// Like `fast_slot`, counting only `fields`.
fn scoped_slot(index: &Index, terms: &[u32], fields: &[u8]) -> (Vec<u32>, Vec<f32>) {
    let mut pairs: Vec<(u32, f32)> = Vec::new();
    for &t in terms {
        for entry in index.detailed(t).detail() {
            let tf: f32 = entry
                .fields()
                .filter(|(f, _, _)| fields.contains(f))
                .map(|(f, tf, _)| field_tf(index, entry.doc, f, tf))
                .sum();
            if tf > 0.0 {
                pairs.push((entry.doc, tf));
            }
        }
    }
    pairs.sort_unstable_by_key(|p| p.0);
    let mut docs: Vec<u32> = Vec::new();
    let mut tfs: Vec<f32> = Vec::new();
    for (d, tf) in pairs {
        if docs.last() == Some(&d) {
            *tfs.last_mut().expect("same length") += tf;
        } else {
            docs.push(d);
            tfs.push(tf);
        }
    }
    (docs, tfs)
}

/// Phrases and proximity: documents where the slots line up, with the
/// pseudo-frequency of those matches.
fn positional(index: &Index, slots: &[Vec<u32>], mode: Mode, fields: &[u8]) -> (Vec<u32>, Vec<f32>) {
    // Candidates: documents holding every slot (in any field).
    let mut candidates: Option<Vec<u32>> = None;
    for slot in slots {
        let mut docs: Vec<u32> = slot.iter().flat_map(|&t| index.record(t).fast().map(|(d, _)| d)).collect();
        docs.sort_unstable();
        docs.dedup();
        candidates = Some(match candidates {
            None => docs,
            Some(c) => c.into_iter().filter(|d| docs.binary_search(d).is_ok()).collect(),
        });
    }
    let candidates = candidates.unwrap_or_default();
    if candidates.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let per_slot: Vec<SlotPositions> = slots.iter().map(|s| slot_positions(index, s, &candidates)).collect();
    let mut docs = Vec::new();
    let mut tfs = Vec::new();
    for (k, &doc) in candidates.iter().enumerate() {
        let mut tf = 0.0;
        for (field, lists) in field_lists(&per_slot, k, fields) {
            let count = field_matches(mode, &lists).len() as u32;
            if count > 0 {
                tf += field_tf(index, doc, field, count);
            }
        }
        if tf > 0.0 {
            docs.push(doc);
            tfs.push(tf);
        }
    }
    (docs, tfs)
}

/// Multiplies the scores of `hits` by how close the query's leaves
/// stand in them. Returns whether anything changed.
fn boost_proximity(index: &Index, prepared: &Prepared, hits: &mut [Hit]) -> bool {
    let leaves: Vec<u16> = prepared.query.positive_leaves().map(|(i, _)| i).collect();
    if leaves.len() < 2 || hits.is_empty() {
        return false;
    }
    let mut docs: Vec<u32> = hits.iter().map(|h| h.doc.0).collect();
    docs.sort_unstable();
    let occurrences = occurrences(index, prepared, &docs);
    for hit in hits.iter_mut() {
        let k = docs.binary_search(&hit.doc.0).expect("from hits");
        let span = min_span(&occurrences[k], &leaves);
        if let Some(span) = span {
            let closeness = (leaves.len() as f32 / span as f32).min(1.0);
            hit.score *= 1.0 + PROXIMITY_WEIGHT * closeness;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_is_bm25s_with_the_plus_one_that_keeps_it_positive() {
        // ln(1 + (n − df + 0.5) / (df + 0.5))
        let cases = [
            (100, 1, 4.209_65),
            (100, 10, 2.263_75),
            (100, 50, std::f32::consts::LN_2), // (50.5 / 50.5): ln 2
            (100, 100, 0.004_963),
            (1, 1, 0.287_68),
        ];
        for (n, df, expected) in cases {
            assert!((idf(n, df) - expected).abs() < 1e-4, "idf({n}, {df}) = {}", idf(n, df));
        }
    }
}
