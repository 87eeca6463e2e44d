//! How alike two documents are, by the words they use: TF-IDF vectors with
//! sublinear term frequency over stems, function words left out, and the
//! cosine of the angle between them (as in information retrieval since
//! Salton). Two refinements, on principle rather than tuned to a corpus:
//! - a title states what a document is about: its words count twice;
//! - names (words capitalized inside a sentence: people, organisations,
//!   places) carry more of a news story's identity than common words:
//!   they count one and a half times.

use std::collections::HashMap;

use crate::text::analyze::Analyzer;
use crate::text::document::Document;
use crate::text::fields::field_tokens;
use crate::text::stopword::is_stop_word;

/// Weight of a title word's occurrence, against 1 for the body.
pub const TITLE_WEIGHT: f32 = 2.0;
/// Weight of a name's occurrence (capitalized inside a sentence).
pub const NAME_WEIGHT: f32 = 1.5;

/// A document's weighted terms, unit length, sorted by term.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TermVector {
    pub terms: Vec<(u32, f32)>,
}

impl TermVector {
    /// The cosine similarity of two unit vectors: 0 (nothing shared) to 1.
    pub fn cosine(&self, other: &TermVector) -> f32 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        let (a, b) = (&self.terms, &other.terms);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot.clamp(0.0, 1.0)
    }

    /// The shared terms and what each adds to the cosine, largest first.
    pub fn shared(&self, other: &TermVector) -> Vec<(u32, f32)> {
        let weights: HashMap<u32, f32> = other.terms.iter().copied().collect();
        let mut out: Vec<(u32, f32)> = self
            .terms
            .iter()
            .filter_map(|&(t, w)| weights.get(&t).map(|v| (t, w * v)))
            .collect();
        out.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
        out
    }
}

/// Vectors of a collection of documents, and the words their terms stand
/// for (each stem shown as its most frequent form).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Vectors {
    pub vectors: Vec<TermVector>,
    pub words: Vec<String>,
}

/// Whether the token at `start` is capitalized inside a sentence.
fn is_name(text: &str, start: usize) -> bool {
    if !text[start..].chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let before = text[..start].trim_end();
    !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '“', '"', '‘', '\n']))
}

/// TF-IDF vectors of `docs`. With `max_terms`, each vector keeps only its
/// heaviest terms (then is normalised again): smaller, nearly as good.
pub fn vectors(analyzer: &Analyzer, docs: &[&Document], max_terms: Option<usize>) -> Vectors {
    let mut ids: HashMap<String, u32> = HashMap::new();
    // Each term seen, with its stem's id: stems each term once.
    let mut by_term: HashMap<String, u32> = HashMap::new();
    let mut forms: Vec<HashMap<String, u32>> = Vec::new();
    let mut counts: Vec<HashMap<u32, f32>> = Vec::with_capacity(docs.len());
    let mut df: Vec<u32> = Vec::new();
    for doc in docs {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for (field, weight) in [("title", TITLE_WEIGHT), ("body", 1.0)] {
            let text = if field == "title" { &doc.title } else { &doc.body };
            for (_, token) in field_tokens(analyzer, doc, field) {
                let term = &token.term;
                if is_stop_word(term) || term.chars().all(|c| c.is_ascii_digit()) || term.chars().count() < 2 {
                    continue;
                }
                let id = match by_term.get(term) {
                    Some(&id) => id,
                    None => {
                        let next = ids.len() as u32;
                        let id = *ids.entry(analyzer.stem(term).into_owned()).or_insert(next);
                        by_term.insert(term.clone(), id);
                        id
                    }
                };
                if id as usize == forms.len() {
                    forms.push(HashMap::new());
                    df.push(0);
                }
                *forms[id as usize].entry(term.clone()).or_default() += 1;
                let boost = if is_name(text, token.span.start) { NAME_WEIGHT } else { 1.0 };
                *tf.entry(id).or_default() += weight * boost;
            }
        }
        for &id in tf.keys() {
            df[id as usize] += 1;
        }
        counts.push(tf);
    }
    let n = docs.len() as f32;
    let mut vectors: Vec<TermVector> = counts
        .into_iter()
        .map(|tf| {
            let mut terms: Vec<(u32, f32)> = tf
                .into_iter()
                .map(|(id, f)| {
                    let idf = (1.0 + n / df[id as usize] as f32).ln();
                    (id, (1.0 + f.ln()) * idf)
                })
                .collect();
            if let Some(max) = max_terms {
                terms.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
                terms.truncate(max);
            }
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                terms.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            terms.sort_by_key(|(id, _)| *id);
            TermVector { terms }
        })
        .collect();
    // Only the words some vector kept, numbered in the same order.
    let mut used = vec![false; forms.len()];
    for v in &vectors {
        for &(id, _) in &v.terms {
            used[id as usize] = true;
        }
    }
    let mut renumber = vec![0u32; forms.len()];
    let mut words = Vec::new();
    for (id, f) in forms.into_iter().enumerate() {
        if used[id] {
            renumber[id] = words.len() as u32;
            words.push(
                f.into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(w, _)| w)
                    .unwrap_or_default(),
            );
        }
    }
    for v in &mut vectors {
        for (id, _) in &mut v.terms {
            *id = renumber[*id as usize];
        }
    }
    Vectors { vectors, words }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

    #[test]
    fn documents_on_one_story_are_closer_than_documents_on_another() {
        let docs = [
            text_document(
                "a",
                "Palantir wins NHS data contract",
                "NHS England awarded Palantir the federated data platform contract worth £330m.",
            ),
            text_document(
                "b",
                "Campaigners protest Palantir NHS deal",
                "Protesters blockaded NHS England over the Palantir contract for the data platform.",
            ),
            text_document(
                "c",
                "Local football club wins cup",
                "The club won the cup final after extra time, the manager said.",
            ),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        let v = vectors(&Analyzer::new(), &refs, None);
        let ab = v.vectors[0].cosine(&v.vectors[1]);
        let ac = v.vectors[0].cosine(&v.vectors[2]);
        assert!(ab > 0.2 && ac < ab / 3.0, "{ab} vs {ac}");
        assert!((v.vectors[0].cosine(&v.vectors[0]) - 1.0).abs() < 1e-4);
        let shared: Vec<&str> = v.vectors[0]
            .shared(&v.vectors[1])
            .iter()
            .map(|(t, _)| v.words[*t as usize].as_str())
            .collect();
        assert!(shared.contains(&"palantir") && shared.contains(&"nhs"), "{shared:?}");
    }

    #[test]
    fn names_inside_a_sentence_count_more() {
        assert!(is_name("We met Alex Karp there.", 7));
        assert!(!is_name("Alex spoke.", 0));
        assert!(!is_name("It ended. Then it began.", 10));
        assert!(!is_name("the end", 4));
    }
}
