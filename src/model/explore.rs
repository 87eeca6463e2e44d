//! The keywords and collocates views as rows to show: the selections
//! compared, and each word's figures as text.

use quire_engine::present::export::fixed;
use quire_engine::{Collocate, DocId, Keyword, WordCounts};

/// The documents of the corpus (of `len`) not in `target`: the reference
/// when none is named.
pub fn rest_of(len: usize, target: &[DocId]) -> Vec<DocId> {
    let mut member = vec![false; len];
    for d in target.iter().filter(|d| d.index() < len) {
        member[d.index()] = true;
    }
    (0..len as u32).map(DocId).filter(|d| !member[d.index()]).collect()
}

/// A p-value as shown: four places, or `< 0.0001`.
pub fn p_text(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_string()
    } else {
        fixed(p, 4)
    }
}

/// A count and its rate per 10,000 words: `12 (3.40)`.
fn with_rate(n: u32, tokens: u64) -> String {
    let rate = if tokens == 0 { 0.0 } else { n as f64 * 10_000.0 / tokens as f64 };
    format!("{n} ({})", fixed(rate, 2))
}

/// One keyword as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeywordRow {
    pub word: String,
    /// Count and rate per 10,000 words, in the results and the reference.
    pub here: String,
    pub there: String,
    pub g2: String,
    pub p: String,
    pub log_ratio: String,
    /// Where picking the word leads (its lines in both selections).
    pub href: String,
}

impl KeywordRow {
    pub fn of(k: &Keyword, target: &WordCounts, reference: &WordCounts, href: String) -> KeywordRow {
        KeywordRow {
            word: k.word.clone(),
            here: with_rate(k.target, target.tokens()),
            there: with_rate(k.reference, reference.tokens()),
            g2: fixed(k.g2, 2),
            p: p_text(k.p),
            log_ratio: fixed(k.log_ratio, 2),
            href,
        }
    }
}

/// One collocate as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollocateRow {
    pub word: String,
    pub together: u32,
    pub left: u32,
    pub right: u32,
    pub freq: u32,
    pub score: String,
    /// Where picking the word leads (the node's lines with it near).
    pub href: String,
}

impl CollocateRow {
    pub fn of(c: &Collocate, href: String) -> CollocateRow {
        CollocateRow {
            word: c.word.clone(),
            together: c.together,
            left: c.left,
            right: c.right,
            freq: c.freq,
            score: fixed(c.score, 2),
            href,
        }
    }
}

/// What counts of `n` words are counts of, singular and plural: words, or
/// two- or three-word phrases.
pub fn items(n: usize) -> (&'static str, &'static str) {
    match n {
        0 | 1 => ("word", "words"),
        2 => ("two-word phrase", "two-word phrases"),
        _ => ("three-word phrase", "three-word phrases"),
    }
}

/// A summary of what was counted: "1,234 words in 3 documents".
pub fn counted(counts: &WordCounts) -> String {
    let (one, many) = items(counts.n());
    format!(
        "{} in {}",
        crate::format::count(counts.tokens() as usize, one, many),
        crate::format::count(counts.docs(), "document", "documents")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_whether_they_are_of_words_or_phrases() {
        assert_eq!(counted(&WordCounts::new(1)), "0 words in 0 documents");
        assert_eq!(counted(&WordCounts::new(2)), "0 two-word phrases in 0 documents");
        assert_eq!(items(3).0, "three-word phrase");
    }

    #[test]
    fn the_rest_is_every_other_document_in_order() {
        let rest = rest_of(6, &[DocId(4), DocId(1), DocId(9)]);
        assert_eq!(rest, [DocId(0), DocId(2), DocId(3), DocId(5)]);
        assert!(rest_of(2, &[DocId(0), DocId(1)]).is_empty());
    }

    #[test]
    fn p_values_below_the_smallest_threshold_are_written_as_such() {
        assert_eq!(p_text(0.049), "0.0490");
        assert_eq!(p_text(0.000_01), "< 0.0001");
        assert_eq!(p_text(1.0), "1.0000");
    }

    #[test]
    fn rows_show_counts_with_rates_and_rounded_scores() {
        let k = Keyword {
            word: "palantir".into(),
            target: 5,
            reference: 0,
            g2: 7.4194,
            p: 0.00645,
            log_ratio: 3.4594,
        };
        let (t, r) = (WordCounts::default(), WordCounts::default());
        let row = KeywordRow::of(&k, &t, &r, "?w=palantir".into());
        assert_eq!((row.here.as_str(), row.there.as_str()), ("5 (0.00)", "0 (0.00)"));
        assert_eq!(
            (row.g2.as_str(), row.p.as_str(), row.log_ratio.as_str()),
            ("7.42", "0.0065", "3.46")
        );
        let c = Collocate {
            word: "contract".into(),
            together: 3,
            left: 1,
            right: 2,
            freq: 9,
            score: 11.996,
        };
        assert_eq!(CollocateRow::of(&c, String::new()).score, "12.00");
    }
}
