//! Evaluating a query against the index: matching documents with the
//! positions that matched, BM25 ranking, facet filtering and sorting.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::facet::{self, FacetCounts, Selection};
use crate::index::Field;
use crate::postings::PostingsReader;
use crate::query::{Leaf, LeafKind, Node, Query};
use crate::{DocId, DocSet, Index};

/// BM25 saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;

/// How much a match in each field counts: a title match is worth three body
/// matches; outlet, author and tags sit between.
pub const FIELD_WEIGHTS: [(Field, f32); 3] = [(Field::Title, 3.0), (Field::Body, 1.0), (Field::Meta, 1.5)];

/// The order of results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (BM25); with an empty query, corpus order.
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

/// One place a leaf matched: `len` consecutive positions from `position`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub leaf: u16,
    pub field: Field,
    pub position: u32,
    pub len: u32,
}

/// A matching document.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub score: f32,
    pub(crate) occurrences: Vec<Occurrence>,
}

impl Hit {
    /// How many times the query matched in the title and body.
    pub fn match_count(&self) -> usize {
        self.occurrences
            .iter()
            .filter(|o| o.field != Field::Meta)
            .count()
    }

    /// Whether the query matched the metadata (outlet, author, tags…).
    pub fn matched_metadata(&self) -> bool {
        self.occurrences.iter().any(|o| o.field == Field::Meta)
    }
}

/// The answer to a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// Every result, in the requested order.
    pub hits: Vec<Hit>,
    /// How many documents matched the query before facet filters.
    pub matched: usize,
    /// Every facet's counts under this query and selection.
    pub facets: Vec<FacetCounts>,
}

/// Documents with the occurrences that matched, sorted by document.
type Matches = Vec<(DocId, Vec<Occurrence>)>;

/// Per-field positions of one document.
type FieldPositions = [Vec<u32>; 3];

impl Index {
    /// Runs `query`, filters by `selection`, and orders the results.
    pub fn search(&self, query: &Query, selection: &Selection, sort: Sort) -> Results {
        let mut doc_freq = vec![0usize; query.leaves.len()];
        let matches = match &query.root {
            Some(root) => self.eval(root, query, &mut doc_freq),
            None => self.all_docs(),
        };
        let matched = DocSet::from_docs(self.len(), matches.iter().map(|(d, _)| *d));
        let (allowed, facets) = facet::apply(self.facets(), &matched, selection);
        let mut hits: Vec<Hit> = matches
            .into_iter()
            .filter(|(doc, _)| allowed.contains(*doc))
            .map(|(doc, occurrences)| Hit {
                doc,
                score: self.score(doc, &occurrences, query, &doc_freq),
                occurrences,
            })
            .collect();
        self.sort(&mut hits, sort);
        Results {
            hits,
            matched: matched.len(),
            facets,
        }
    }

    /// The document's hit for `query`, ignoring facets; `None` when the
    /// query does not match it. An empty query gives a hit with no matches.
    pub fn hit_for(&self, query: &Query, doc: DocId) -> Option<Hit> {
        if doc.index() >= self.len() {
            return None;
        }
        let mut doc_freq = vec![0usize; query.leaves.len()];
        let matches = match &query.root {
            Some(root) => self.eval(root, query, &mut doc_freq),
            None => return Some(Hit { doc, score: 0.0, occurrences: vec![] }),
        };
        let i = matches.binary_search_by_key(&doc, |(d, _)| *d).ok()?;
        let occurrences = matches.into_iter().nth(i)?.1;
        Some(Hit {
            doc,
            score: self.score(doc, &occurrences, query, &doc_freq),
            occurrences,
        })
    }

    fn all_docs(&self) -> Matches {
        (0..self.len() as u32).map(|d| (DocId(d), Vec::new())).collect()
    }

    fn eval(&self, node: &Node, query: &Query, doc_freq: &mut [usize]) -> Matches {
        match node {
            Node::Leaf(i) => {
                let leaf = &query.leaves[*i as usize];
                let matches = self.leaf_matches(*i, leaf);
                doc_freq[*i as usize] = matches.len();
                matches
            }
            Node::And(children) => {
                let mut positive: Option<Matches> = None;
                let mut excluded: Vec<Matches> = Vec::new();
                for child in children {
                    if let Node::Not(inner) = child {
                        excluded.push(self.eval(inner, query, doc_freq));
                        continue;
                    }
                    let m = self.eval(child, query, doc_freq);
                    positive = Some(match positive {
                        None => m,
                        Some(acc) => intersect(acc, m),
                    });
                }
                let mut result = positive.unwrap_or_else(|| self.all_docs());
                for ex in excluded {
                    result = subtract(result, &ex);
                }
                result
            }
            Node::Or(children) => children
                .iter()
                .map(|c| self.eval(c, query, doc_freq))
                .reduce(union)
                .unwrap_or_default(),
            Node::Not(inner) => {
                let ex = self.eval(inner, query, doc_freq);
                subtract(self.all_docs(), &ex)
            }
        }
    }

    /// The term ids each position of the leaf may hold.
    fn leaf_slots(&self, leaf: &Leaf) -> Vec<Vec<u32>> {
        let last = leaf.terms.len() - 1;
        leaf.terms
            .iter()
            .enumerate()
            .map(|(i, term)| {
                if leaf.kind == LeafKind::Prefix && i == last {
                    self.prefix_range(term).collect()
                } else {
                    self.inflections(term)
                }
            })
            .collect()
    }

    /// The positions of any of `terms`, per document and field.
    fn slot_positions(&self, terms: &[u32]) -> Vec<(DocId, FieldPositions)> {
        let mut by_doc: HashMap<DocId, FieldPositions> = HashMap::new();
        let mut buf = Vec::new();
        for &term in terms {
            for field in Field::ALL {
                let mut reader = PostingsReader::new(self.postings(term, field));
                while let Some(doc) = reader.next_into(&mut buf) {
                    by_doc.entry(doc).or_default()[field.slot()].extend_from_slice(&buf);
                }
            }
        }
        let mut docs: Vec<(DocId, FieldPositions)> = by_doc.into_iter().collect();
        docs.sort_unstable_by_key(|(d, _)| *d);
        if terms.len() > 1 {
            for (_, fields) in docs.iter_mut() {
                for positions in fields.iter_mut() {
                    positions.sort_unstable();
                    positions.dedup();
                }
            }
        }
        docs
    }

    fn leaf_matches(&self, id: u16, leaf: &Leaf) -> Matches {
        let slots: Vec<Vec<(DocId, FieldPositions)>> = self
            .leaf_slots(leaf)
            .iter()
            .map(|terms| self.slot_positions(terms))
            .collect();
        let len = slots.len() as u32;
        let Some((first, rest)) = slots.split_first() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        'docs: for (doc, fields) in first {
            let mut others = Vec::with_capacity(rest.len());
            for slot in rest {
                match slot.binary_search_by_key(doc, |(d, _)| *d) {
                    Ok(i) => others.push(&slot[i].1),
                    Err(_) => continue 'docs,
                }
            }
            let mut occurrences = Vec::new();
            for field in Field::ALL {
                let f = field.slot();
                for &start in &fields[f] {
                    let adjacent = others
                        .iter()
                        .enumerate()
                        .all(|(i, o)| o[f].binary_search(&(start + 1 + i as u32)).is_ok());
                    if adjacent {
                        occurrences.push(Occurrence {
                            leaf: id,
                            field,
                            position: start,
                            len,
                        });
                    }
                }
            }
            if !occurrences.is_empty() {
                out.push((*doc, occurrences));
            }
        }
        out
    }

    fn score(&self, doc: DocId, occurrences: &[Occurrence], query: &Query, doc_freq: &[usize]) -> f32 {
        let n = self.len() as f32;
        let mut score = 0.0;
        for (leaf, _) in query.positive_leaves() {
            let df = doc_freq[leaf as usize] as f32;
            if df == 0.0 {
                continue;
            }
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for (field, weight) in FIELD_WEIGHTS {
                let tf = occurrences
                    .iter()
                    .filter(|o| o.leaf == leaf && o.field == field)
                    .count() as f32;
                if tf > 0.0 {
                    let len = self.field_len(doc, field) as f32;
                    let norm = 1.0 - B + B * len / self.average_len(field);
                    score += idf * weight * tf * (K1 + 1.0) / (tf + K1 * norm);
                }
            }
        }
        score
    }

    fn sort(&self, hits: &mut [Hit], sort: Sort) {
        let title = |h: &Hit| self.doc(h.doc).title.to_lowercase();
        let by_date = |a: &Hit, b: &Hit, newest: bool| {
            let (da, db) = (self.doc(a.doc).meta.date, self.doc(b.doc).meta.date);
            match (da, db) {
                (Some(x), Some(y)) if newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        match sort {
            Sort::Relevance => hits.sort_by(|a, b| {
                b.score
                    .partial_cmp(&a.score)
                    .unwrap_or(Ordering::Equal)
                    .then(a.doc.cmp(&b.doc))
            }),
            Sort::Newest | Sort::Oldest => hits.sort_by(|a, b| {
                by_date(a, b, sort == Sort::Newest)
                    .then_with(|| b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                    .then(a.doc.cmp(&b.doc))
            }),
            Sort::Title => {
                let mut keyed: Vec<(String, Hit)> = hits.iter().map(|h| (title(h), h.clone())).collect();
                keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.doc.cmp(&b.1.doc)));
                for (slot, (_, hit)) in hits.iter_mut().zip(keyed) {
                    *slot = hit;
                }
            }
        }
    }
}

fn intersect(a: Matches, b: Matches) -> Matches {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let mut b = b.into_iter().peekable();
    for (doc, mut occ) in a {
        while b.peek().is_some_and(|(d, _)| *d < doc) {
            b.next();
        }
        if let Some((d, _)) = b.peek() {
            if *d == doc {
                let (_, more) = b.next().expect("peeked");
                occ.extend(more);
                out.push((doc, occ));
            }
        }
    }
    out
}

fn union(a: Matches, b: Matches) -> Matches {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some((x, _)), Some((y, _))) => match x.cmp(y) {
                Ordering::Less => a.next(),
                Ordering::Greater => b.next(),
                Ordering::Equal => {
                    let (doc, mut occ) = a.next().expect("peeked");
                    occ.extend(b.next().expect("peeked").1);
                    Some((doc, occ))
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

fn subtract(a: Matches, b: &Matches) -> Matches {
    a.into_iter()
        .filter(|(doc, _)| b.binary_search_by_key(doc, |(d, _)| *d).is_err())
        .collect()
}
