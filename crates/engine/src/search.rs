//! Running a query: resolving its leaves against the dictionary (with
//! inflections, prefixes, typo tolerance and field scopes), matching
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

use crate::facet::{self, Bucket, FacetCounts, Selection};
use crate::index::{weighted_tf, BODY};
use crate::postings::{positions, weight_table};
use crate::query::{LeafKind, Node, Query};
use crate::{DocId, DocSet, Index};

/// BM25 saturation.
pub const K1: f32 = 1.2;

/// The most a proximity boost multiplies a score by, minus one: leaves
/// side by side give ×1.5; the boost falls as they spread apart.
pub const PROXIMITY_WEIGHT: f32 = 0.5;

/// How many of the best results the proximity boost re-ranks.
pub const PROXIMITY_TOP: usize = 50;

/// Words at least this long are corrected when no document has them.
pub const AUTO_CORRECT_MIN_CHARS: usize = 5;

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

/// How a leaf's slots must line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// One slot: any of its terms.
    Any,
    /// Slots adjacent and in order.
    Phrase,
    /// Slots within `slop` words of each other, in any order.
    Near(u32),
}

/// A leaf resolved against the index.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Plan {
    /// Term ids each position may hold; fields allowed (None: all).
    Terms {
        slots: Vec<Vec<u32>>,
        mode: Mode,
        fields: Option<Vec<u8>>,
    },
    /// Documents whose date overlaps the range (packed `yyyymmdd`).
    Date { start: u32, end: u32 },
}

/// A word that matched nothing (or almost nothing), and the word searched
/// instead (or as well).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub typed: String,
    pub corrected: String,
    /// Whether the typed word is searched too: it matched a few documents,
    /// but a close, far more common word looks like what was meant.
    pub also: bool,
}

/// A word in at most this many documents may be a typo of a common word.
pub const RARE_DF: u32 = 3;

/// A query resolved against an index, ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub query: Query,
    pub(crate) plans: Vec<Plan>,
    /// Long words that matched nothing and were corrected ("showing
    /// results for …").
    pub corrections: Vec<Correction>,
    /// Other things worth telling, e.g. an unknown field searched as text.
    pub notes: Vec<String>,
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

/// The positions that make up each match of `lists` (one sorted list per
/// slot) in one field: a phrase's adjacent run, or a window of words
/// within `slop` of each other.
pub(crate) fn field_matches(mode: Mode, lists: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let n = lists.len() as u32;
    match mode {
        Mode::Any => lists.iter().flatten().map(|&p| vec![p]).collect(),
        Mode::Phrase => lists[0]
            .iter()
            .filter(|&&p| {
                lists[1..]
                    .iter()
                    .enumerate()
                    .all(|(i, l)| l.binary_search(&(p + 1 + i as u32)).is_ok())
            })
            .map(|&p| (p..p + n).collect())
            .collect(),
        Mode::Near(slop) => {
            let limit = slop + n - 1;
            let mut events: Vec<(u32, usize)> = lists
                .iter()
                .enumerate()
                .flat_map(|(slot, l)| l.iter().map(move |&p| (p, slot)))
                .collect();
            events.sort_unstable();
            let mut out = Vec::new();
            let mut counts = vec![0usize; lists.len()];
            let mut covered = 0;
            let mut left = 0;
            let mut right = 0;
            while right < events.len() {
                let slot = events[right].1;
                counts[slot] += 1;
                if counts[slot] == 1 {
                    covered += 1;
                }
                while covered == lists.len() {
                    if events[right].0 - events[left].0 <= limit {
                        let mut positions: Vec<u32> = events[left..=right].iter().map(|e| e.0).collect();
                        positions.dedup();
                        out.push(positions);
                        counts.iter_mut().for_each(|c| *c = 0);
                        covered = 0;
                        left = right + 1;
                        break;
                    }
                    let s = events[left].1;
                    counts[s] -= 1;
                    if counts[s] == 0 {
                        covered -= 1;
                    }
                    left += 1;
                }
                right += 1;
            }
            out
        }
    }
}

/// Per requested document, the positions of a slot's terms by field.
pub(crate) type SlotPositions = Vec<Vec<(u8, Vec<u32>)>>;

impl Index {
    /// Resolves `query` against this index: expands words to their
    /// inflections, prefixes and typos to dictionary terms, names fields,
    /// and corrects long words that match nothing.
    pub fn prepare(&self, query: &Query) -> Prepared {
        let mut corrections = Vec::new();
        let mut notes = Vec::new();
        let plans = query
            .leaves
            .iter()
            .map(|leaf| {
                if let LeafKind::Date { start, end } = leaf.kind {
                    return Plan::Date { start, end };
                }
                let mut terms = leaf.terms.clone();
                let mut kind = leaf.kind;
                let fields = if leaf.fields.is_empty() {
                    None
                } else {
                    let ids: Vec<u8> = leaf.fields.iter().filter_map(|f| self.field_id(f)).collect();
                    if ids.is_empty() {
                        // `http://…` or a field this corpus lacks: it was text.
                        notes.push(format!("no field “{}”: searched as text", leaf.fields.join(", ")));
                        let mut prefixed = self.analyzer().terms(&leaf.fields.join(" "));
                        prefixed.extend(terms);
                        terms = prefixed;
                        if kind == LeafKind::Word {
                            kind = LeafKind::Phrase;
                        }
                        None
                    } else {
                        Some(ids)
                    }
                };
                let last = terms.len() - 1;
                let mut slots: Vec<Vec<u32>> = terms
                    .iter()
                    .enumerate()
                    .map(|(i, term)| match kind {
                        LeafKind::Prefix if i == last => self.prefix_terms(term).into_iter().map(|(id, _)| id).collect(),
                        LeafKind::Fuzzy { distance } if distance > 0 => {
                            let mut ids = self.inflections(term);
                            self.terms_matching(self.fuzzy.dfa(term, distance), |_, id, _| {
                                if !ids.contains(&id) {
                                    ids.push(id);
                                }
                            });
                            ids
                        }
                        _ => self.inflections(term),
                    })
                    .collect();
                if kind == LeafKind::Word && slots.len() == 1 && !leaf.negated {
                    // A word no document has is replaced by its correction; a
                    // rare word gains a correction 20 times more common.
                    let df = slots[0].iter().map(|&t| self.df_up_to(t, RARE_DF + 1)).max().unwrap_or(0);
                    if df <= RARE_DF {
                        let min_df = if df == 0 { 1 } else { (20 * df).max(10) };
                        if let Some((corrected, ids)) = self.correct(&terms[0], min_df) {
                            let also = df > 0;
                            corrections.push(Correction {
                                typed: leaf.text.clone(),
                                corrected,
                                also,
                            });
                            if also {
                                let new: Vec<u32> = ids.into_iter().filter(|id| !slots[0].contains(id)).collect();
                                slots[0].extend(new);
                            } else {
                                slots[0] = ids;
                            }
                        }
                    }
                }
                let mode = match kind {
                    LeafKind::Near { slop } if slots.len() > 1 => Mode::Near(slop),
                    _ if slots.len() > 1 => Mode::Phrase,
                    _ => Mode::Any,
                };
                Plan::Terms { slots, mode, fields }
            })
            .collect();
        Prepared {
            query: query.clone(),
            plans,
            corrections,
            notes,
        }
    }

    /// The best correction of a word no document has: the most frequent
    /// term within one edit, else (for words over 7 letters) two, swaps of
    /// two letters counting as one; with its inflections. Corrections keep
    /// the first letter, as typists mostly do, which keeps the search of
    /// the dictionary small.
    fn correct(&self, term: &str, min_df: u32) -> Option<(String, Vec<u32>)> {
        use fst::Automaton;
        let chars = term.chars().count();
        if chars < AUTO_CORRECT_MIN_CHARS || !term.chars().all(char::is_alphabetic) {
            return None;
        }
        let first: String = term.chars().take(1).collect();
        let max = if chars > 7 { 2 } else { 1 };
        for distance in 1..=max {
            let dfa = self.fuzzy.dfa(term, distance);
            let mut best: Option<(u8, u32, Vec<u8>)> = None;
            let within = (&dfa).intersection(fst::automaton::Str::new(&first).starts_with());
            self.terms_matching(within, |key, _, df| {
                if df < min_df || key == term.as_bytes() {
                    return;
                }
                let d = dfa.distance(key).unwrap_or(u8::MAX);
                if best
                    .as_ref()
                    .is_none_or(|(bd, bf, _)| (d, std::cmp::Reverse(df)) < (*bd, std::cmp::Reverse(*bf)))
                {
                    best = Some((d, df, key.to_vec()));
                }
            });
            if let Some((_, _, key)) = best {
                let word = String::from_utf8(key).ok()?;
                let ids = self.inflections(&word);
                return Some((word, ids));
            }
        }
        None
    }

    /// Runs a prepared query, filters and orders the results.
    pub fn search(&self, prepared: &Prepared, request: &Request) -> Results {
        let scored = self.matches(prepared);
        let n = self.len();
        let matched = DocSet::from_docs(n, scored.docs.iter().map(|&d| DocId(d)));
        let date_filter = request.date_range.map(|range| self.dated_within(range));
        let (allowed, facets, in_view) = facet::apply(self.facets(), &matched, &request.selection, date_filter.as_ref());
        let mut hits: Vec<Hit> = scored
            .docs
            .iter()
            .zip(&scored.scores)
            .filter(|(d, _)| allowed.contains(DocId(**d)))
            .map(|(&d, &score)| Hit { doc: DocId(d), score })
            .collect();
        if request.sort == Sort::Relevance {
            self.rank(prepared, &mut hits, usize::MAX);
        } else {
            self.sort(&mut hits, request.sort);
        }
        Results {
            hits,
            matched: matched.len(),
            facets,
            histogram: facet::histogram(self, &in_view, request.date_range),
        }
    }

    /// The best `limit` results and how many matched in all, without
    /// facets: the quickest way to answer a query.
    pub fn top(&self, prepared: &Prepared, limit: usize) -> (usize, Vec<Hit>) {
        let scored = self.matches(prepared);
        let total = scored.docs.len();
        let mut hits: Vec<Hit> = scored
            .docs
            .iter()
            .zip(&scored.scores)
            .map(|(&d, &score)| Hit { doc: DocId(d), score })
            .collect();
        self.rank(prepared, &mut hits, limit);
        hits.truncate(limit);
        (total, hits)
    }

    /// Orders hits by relevance: BM25F, then the proximity boost on the
    /// best ones. Only the first `limit` need to be in order.
    fn rank(&self, prepared: &Prepared, hits: &mut [Hit], limit: usize) {
        let by_score = |a: &Hit, b: &Hit| b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal).then(a.doc.cmp(&b.doc));
        let proximity = prepared.query.positive_leaves().nth(1).is_some();
        let top = if proximity { PROXIMITY_TOP.max(limit) } else { limit }.min(hits.len());
        if hits.len() > top && top > 0 {
            hits.select_nth_unstable_by(top - 1, by_score);
        }
        let head = top;
        hits[..head].sort_unstable_by(by_score);
        if proximity && self.boost_proximity(prepared, &mut hits[..PROXIMITY_TOP.min(head)]) {
            hits[..PROXIMITY_TOP.min(head)].sort_unstable_by(by_score);
        }
        if limit == usize::MAX && hits.len() > head {
            hits[head..].sort_unstable_by(by_score);
        }
    }

    fn sort(&self, hits: &mut [Hit], sort: Sort) {
        let date = |h: &Hit| self.date_keys(h.doc.0).map(|(first, _)| first);
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
            Sort::Title => hits.sort_unstable_by_key(|h| self.title_rank(h.doc.0)),
        }
    }

    /// Documents whose date overlaps `range`.
    fn dated_within(&self, (start, end): (u32, u32)) -> DocSet {
        DocSet::from_docs(
            self.len(),
            (0..self.len() as u32)
                .filter(|&d| self.date_keys(d).is_some_and(|(first, last)| first <= end && last >= start))
                .map(DocId),
        )
    }

    /// Every document the query matches, with its BM25F score.
    pub(crate) fn matches(&self, prepared: &Prepared) -> Scored {
        match &prepared.query.root {
            Some(root) => self.eval(root, prepared),
            None => self.all(),
        }
    }

    fn all(&self) -> Scored {
        Scored {
            docs: (0..self.len() as u32).collect(),
            scores: vec![0.0; self.len()],
        }
    }

    fn eval(&self, node: &Node, prepared: &Prepared) -> Scored {
        match node {
            Node::Leaf(i) => self.eval_plan(&prepared.plans[*i as usize]),
            Node::And(children) => {
                let mut positive: Vec<Scored> = Vec::new();
                let mut negative: Vec<Scored> = Vec::new();
                for child in children {
                    match child {
                        Node::Not(inner) => negative.push(self.eval(inner, prepared)),
                        _ => positive.push(self.eval(child, prepared)),
                    }
                }
                positive.sort_by_key(|s| s.docs.len());
                let mut result = match positive.len() {
                    0 => self.all(),
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
            Node::Or(children) => children.iter().map(|c| self.eval(c, prepared)).reduce(union).unwrap_or_default(),
            Node::Not(inner) => subtract(self.all(), &self.eval(inner, prepared)),
        }
    }

    pub(crate) fn eval_plan(&self, plan: &Plan) -> Scored {
        let n = self.len();
        match plan {
            Plan::Date { start, end } => {
                let mut out = Scored::default();
                for d in 0..n as u32 {
                    if self.date_keys(d).is_some_and(|(first, last)| first <= *end && last >= *start) {
                        out.push(d, 0.0);
                    }
                }
                out
            }
            Plan::Terms { slots, mode, fields } => {
                let (docs, tfs) = match (mode, fields) {
                    (Mode::Any, None) => self.fast_slot(&slots[0]),
                    (Mode::Any, Some(fields)) => self.scoped_slot(&slots[0], fields),
                    (_, Some(fields)) => self.positional(slots, *mode, fields),
                    (_, None) => self.positional(slots, *mode, &self.default_fields()),
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
    fn fast_slot(&self, terms: &[u32]) -> (Vec<u32>, Vec<f32>) {
        let weights = weight_table();
        if let [term] = terms {
            let record = self.record(*term);
            return record.fast().filter(|&(_, w)| w > 0).map(|(d, w)| (d, weights[w as usize])).unzip();
        }
        let mut pairs: Vec<(u32, u8)> = terms.iter().flat_map(|&t| self.record(t).fast()).filter(|&(_, w)| w > 0).collect();
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

    fn field_tf(&self, doc: u32, field: u8, tf: u32) -> f32 {
        weighted_tf(
            self.fields(),
            tf,
            field,
            self.length(doc, field),
            self.average_length(field.min(BODY)),
        )
    }

    /// Like `fast_slot`, counting only `fields`.
    fn scoped_slot(&self, terms: &[u32], fields: &[u8]) -> (Vec<u32>, Vec<f32>) {
        let mut pairs: Vec<(u32, f32)> = Vec::new();
        for &t in terms {
            for entry in self.record(t).detail() {
                let tf: f32 = entry
                    .fields()
                    .filter(|(f, _, _)| fields.contains(f))
                    .map(|(f, tf, _)| self.field_tf(entry.doc, f, tf))
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

    /// For each of `docs` (sorted), the positions of any of `terms`, by
    /// field. Reads each term's record once.
    pub(crate) fn slot_positions(&self, terms: &[u32], docs: &[u32]) -> SlotPositions {
        let mut out: SlotPositions = vec![Vec::new(); docs.len()];
        for &t in terms {
            let mut k = 0;
            for entry in self.record(t).detail() {
                while k < docs.len() && docs[k] < entry.doc {
                    k += 1;
                }
                if k == docs.len() {
                    break;
                }
                if docs[k] != entry.doc {
                    continue;
                }
                for (field, _, bytes) in entry.fields() {
                    let slot = &mut out[k];
                    let list = match slot.iter_mut().position(|(f, _)| *f == field) {
                        Some(i) => &mut slot[i].1,
                        None => {
                            slot.push((field, Vec::new()));
                            &mut slot.last_mut().expect("just pushed").1
                        }
                    };
                    positions(bytes, list);
                }
            }
        }
        if terms.len() > 1 {
            for fields in out.iter_mut() {
                for (_, list) in fields.iter_mut() {
                    list.sort_unstable();
                    list.dedup();
                }
            }
        }
        out
    }

    /// Phrases and proximity: documents where the slots line up, with the
    /// pseudo-frequency of those matches.
    fn positional(&self, slots: &[Vec<u32>], mode: Mode, fields: &[u8]) -> (Vec<u32>, Vec<f32>) {
        // Candidates: documents holding every slot (in any field).
        let mut candidates: Option<Vec<u32>> = None;
        for slot in slots {
            let mut docs: Vec<u32> = slot.iter().flat_map(|&t| self.record(t).fast().map(|(d, _)| d)).collect();
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
        let per_slot: Vec<SlotPositions> = slots.iter().map(|s| self.slot_positions(s, &candidates)).collect();
        let mut docs = Vec::new();
        let mut tfs = Vec::new();
        for (k, &doc) in candidates.iter().enumerate() {
            let mut field_ids: Vec<u8> = per_slot[0][k].iter().map(|(f, _)| *f).collect();
            field_ids.retain(|f| fields.contains(f));
            let mut tf = 0.0;
            for field in field_ids {
                let lists: Option<Vec<Vec<u32>>> = per_slot
                    .iter()
                    .map(|slot| slot[k].iter().find(|(f, _)| *f == field).map(|(_, l)| l.clone()))
                    .collect();
                let Some(lists) = lists else { continue };
                let count = field_matches(mode, &lists).len() as u32;
                if count > 0 {
                    tf += self.field_tf(doc, field, count);
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
    fn boost_proximity(&self, prepared: &Prepared, hits: &mut [Hit]) -> bool {
        let leaves: Vec<u16> = prepared.query.positive_leaves().map(|(i, _)| i).collect();
        if leaves.len() < 2 || hits.is_empty() {
            return false;
        }
        let mut docs: Vec<u32> = hits.iter().map(|h| h.doc.0).collect();
        docs.sort_unstable();
        let occurrences = self.occurrences(prepared, &docs);
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
}

/// The shortest stretch of one field holding an occurrence of every leaf,
/// in tokens.
pub(crate) fn min_span(occurrences: &[crate::highlight::Occurrence], leaves: &[u16]) -> Option<u32> {
    let mut best: Option<u32> = None;
    let mut fields: Vec<u8> = occurrences.iter().map(|o| o.field).collect();
    fields.sort_unstable();
    fields.dedup();
    for field in fields {
        let mut events: Vec<(u32, u32, usize)> = occurrences
            .iter()
            .filter(|o| o.field == field)
            .filter_map(|o| {
                let slot = leaves.iter().position(|&l| l == o.leaf)?;
                Some((*o.positions.first()?, *o.positions.last()?, slot))
            })
            .collect();
        events.sort_unstable();
        let mut counts = vec![0usize; leaves.len()];
        let mut covered = 0;
        let mut left = 0;
        for right in 0..events.len() {
            counts[events[right].2] += 1;
            if counts[events[right].2] == 1 {
                covered += 1;
            }
            while covered == leaves.len() {
                let end = events[left..=right].iter().map(|e| e.1).max().unwrap_or(0);
                let span = end - events[left].0 + 1;
                best = Some(best.map_or(span, |b| b.min(span)));
                counts[events[left].2] -= 1;
                if counts[events[left].2] == 0 {
                    covered -= 1;
                }
                left += 1;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_field_matches() {
        type Case = (Mode, Vec<Vec<u32>>, Vec<Vec<u32>>); // mode, positions per slot, matches
        let cases: &[Case] = &[
            (Mode::Phrase, vec![vec![1, 5, 9], vec![2, 7, 10]], vec![vec![1, 2], vec![9, 10]]),
            (Mode::Phrase, vec![vec![1], vec![3]], vec![]),
            (Mode::Near(1), vec![vec![1], vec![3]], vec![vec![1, 3]]),
            (Mode::Near(0), vec![vec![1], vec![3]], vec![]),
            (Mode::Near(2), vec![vec![10], vec![7]], vec![vec![7, 10]]),
            (Mode::Near(5), vec![vec![1, 50], vec![3, 52, 90]], vec![vec![1, 3], vec![50, 52]]),
            (Mode::Any, vec![vec![4, 8]], vec![vec![4], vec![8]]),
        ];
        for (mode, lists, expected) in cases {
            assert_eq!(&field_matches(*mode, lists), expected, "{mode:?} {lists:?}");
        }
    }

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
