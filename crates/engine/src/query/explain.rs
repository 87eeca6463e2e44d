//! Why a document ranks where it does: each query leaf's BM25F score and
//! the fields it came from, and the proximity boost.

use super::matching::{min_span, occurrences};
use super::plan::{Plan, Prepared};
use super::rank::{eval_plan, idf, saturate, PROXIMITY_WEIGHT};
use crate::index::field::weighted_tf;
use crate::index::Index;
use crate::text::document::DocId;

/// A document's score, taken apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The sum of the leaves' scores, times the proximity boost.
    pub score: f32,
    pub leaves: Vec<LeafScore>,
    /// The proximity multiplier (1 when the leaves are not close, or with
    /// one leaf). It is applied to the best results only.
    pub proximity: f32,
}

/// One query leaf's part of a score.
#[derive(Clone, Debug, PartialEq)]
pub struct LeafScore {
    /// The leaf as typed.
    pub text: String,
    /// How rare the leaf is in the corpus.
    pub idf: f32,
    /// `idf × saturated pseudo-frequency`.
    pub score: f32,
    pub fields: Vec<FieldScore>,
}

/// Matches of a leaf in one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldScore {
    pub field: String,
    pub matches: u32,
    /// The field's share of the leaf's score.
    pub score: f32,
}

/// Explains the score of `doc` for a prepared query.
pub fn explain(index: &Index, prepared: &Prepared, doc: DocId) -> Explanation {
    let occurrences = occurrences(index, prepared, &[doc.0]).pop().unwrap_or_default();
    let mut leaves = Vec::new();
    let mut total = 0.0;
    for (leaf, query_leaf) in prepared.query.positive_leaves() {
        let Some(plan @ Plan::Terms { .. }) = prepared.plans.get(leaf as usize) else {
            continue;
        };
        let df = eval_plan(index, plan).docs.len();
        let mut fields: Vec<(u8, u32)> = Vec::new();
        for o in occurrences.iter().filter(|o| o.leaf == leaf) {
            match fields.iter_mut().find(|(f, _)| *f == o.field) {
                Some((_, n)) => *n += 1,
                None => fields.push((o.field, 1)),
            }
        }
        if fields.is_empty() {
            continue;
        }
        fields.sort_unstable();
        let weighted: Vec<f32> = fields
            .iter()
            .map(|&(f, n)| weighted_tf(index.fields(), n, f, index.length(doc.0, f), index.average_length(f.min(1))))
            .collect();
        let tf: f32 = weighted.iter().sum();
        let idf = idf(index.len(), df.max(1));
        let score = idf * saturate(tf);
        total += score;
        leaves.push(LeafScore {
            text: query_leaf.text.clone(),
            idf,
            score,
            fields: fields
                .iter()
                .zip(&weighted)
                .map(|(&(f, n), w)| FieldScore {
                    field: index.fields()[f as usize].name.clone(),
                    matches: n,
                    score: if tf > 0.0 { score * w / tf } else { 0.0 },
                })
                .collect(),
        });
    }
    let positive: Vec<u16> = prepared.query.positive_leaves().map(|(i, _)| i).collect();
    let proximity = match (positive.len() >= 2, min_span(&occurrences, &positive)) {
        (true, Some(span)) => 1.0 + PROXIMITY_WEIGHT * (positive.len() as f32 / span as f32).min(1.0),
        _ => 1.0,
    };
    Explanation {
        score: total * proximity,
        leaves,
        proximity,
    }
}
