//! Collocates: the words found near a query's hits (the node), within a
//! window of words on each side, ranked by how strongly they keep company
//! with it. The node's occurrences are the engine's own hits (the marks a
//! reader sees), so a phrase or a proximity query is a node too.
//!
//! With `f_n` the node's hits, `f_c` the collocate's count in the counted
//! documents, `f_nc` the times it stands in a hit's window and `N` the
//! words counted (the statistics Sketch Engine documents):
//! - log-Dice `14 + log2(2 f_nc / (f_n + f_c))`: 14 for a word that stands
//!   by every hit once and nowhere else, comparable across corpora of any
//!   size;
//! - MI `log2(f_nc N / (f_n f_c))`: favours rare, exclusive words;
//! - t-score `(f_nc - f_n f_c / N) / √f_nc`: favours frequent words.
//!
//! The window does not cross paragraphs, and function words (the
//! analyzer's stop words) are not listed.

use rustc_hash::{FxHashMap, FxHashSet};

use super::concordance::{kwic_line, KwicLine};
use super::export::{csv_field, fixed, push_row};
use super::frequency::WordCounts;
use super::highlight::{highlights, hits, Mark};
use crate::index::Index;
use crate::query::plan::Prepared;
use crate::text::analyze::Token;
use crate::text::document::DocId;
use crate::text::fields::field_tokens;
use crate::text::stopword::is_stop_word;

/// A word near a hit: whether it is right of it, its number among the
/// document's tokens, and the token.
type Near<'t> = (bool, usize, &'t Token);

/// Words on each side of a hit, at most.
pub const MAX_WINDOW: u32 = 10;

/// How collocates are ranked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    #[default]
    LogDice,
    Mi,
    TScore,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::LogDice, Measure::Mi, Measure::TScore];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::LogDice => "logdice",
            Measure::Mi => "mi",
            Measure::TScore => "t",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Measure::LogDice => "log-Dice",
            Measure::Mi => "MI",
            Measure::TScore => "t-score",
        }
    }

    /// The score of a collocate seen `together` times near `node` hits,
    /// `freq` times in all, among `tokens` words.
    pub fn score(self, together: u32, node: u32, freq: u32, tokens: u64) -> f64 {
        let (f_nc, f_n, f_c, n) = (together as f64, node as f64, freq.max(together) as f64, tokens as f64);
        if f_nc == 0.0 || f_n == 0.0 || n == 0.0 {
            return 0.0;
        }
        match self {
            Measure::LogDice => 14.0 + (2.0 * f_nc / (f_n + f_c)).log2(),
            Measure::Mi => (f_nc * n / (f_n * f_c)).log2(),
            Measure::TScore => (f_nc - f_n * f_c / n) / f_nc.sqrt(),
        }
    }
}

/// One collocate.
#[derive(Clone, Debug, PartialEq)]
pub struct Collocate {
    /// The word (a folded term).
    pub word: String,
    /// Times it stands in a hit's window, left of the hit and right of it.
    pub together: u32,
    pub left: u32,
    pub right: u32,
    /// Its count in the counted documents.
    pub freq: u32,
    pub score: f64,
}

/// The collocates of a node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collocates {
    /// The node's hits.
    pub node: u32,
    /// The words counted (`N`).
    pub tokens: u64,
    /// Collocates seen at least the minimum times, best first.
    pub list: Vec<Collocate>,
}

/// Calls `each` with every hit of `prepared` in the bodies of `docs`: the
/// document, its body, the hit's first mark, where its last mark ends, and
/// the words in its window (each with whether it is right of the hit, and
/// its number among the document's tokens), nearest first on each side.
fn windows(
    index: &Index,
    prepared: &Prepared,
    docs: &[DocId],
    window: u32,
    mut each: impl FnMut(DocId, &str, &Mark, usize, &[Near]) -> bool,
) {
    let window = window.clamp(1, MAX_WINDOW);
    for chunk in docs.chunks(256) {
        for (doc, marks) in chunk.iter().zip(highlights(index, prepared, chunk)) {
            if marks.body.is_empty() {
                continue;
            }
            let body = &index.doc(*doc).body;
            let tokens = field_tokens(index.analyzer(), index.doc(*doc), "body");
            let at = |offset: usize| tokens.partition_point(|(_, t)| t.span.start < offset);
            // Tokens inside any hit are the node, never its collocates.
            let mut in_hit = vec![false; tokens.len()];
            for mark in &marks.body {
                if let Some(slot) = in_hit.get_mut(at(mark.span.start)) {
                    *slot = true;
                }
            }
            let mut near: Vec<Near> = Vec::new();
            for (first, end) in hits(&marks.body) {
                let (from, to) = (at(first.span.start), at(end));
                if from >= to {
                    continue;
                }
                let (p_first, p_last) = (tokens[from].0, tokens[to - 1].0);
                near.clear();
                let left = tokens[..from]
                    .iter()
                    .enumerate()
                    .rev()
                    .take_while(|(_, (p, _))| p + window >= p_first);
                near.extend(left.filter(|(i, _)| !in_hit[*i]).map(|(i, (_, t))| (false, i, t)));
                let right = tokens[to..].iter().enumerate().take_while(|(_, (p, _))| *p <= p_last + window);
                near.extend(right.filter(|(i, _)| !in_hit[to + i]).map(|(i, (_, t))| (true, to + i, t)));
                if !each(*doc, body, first, end, &near) {
                    return;
                }
            }
        }
    }
}

/// The collocates of `prepared`'s hits in `docs`, within `window` words
/// (1 to [`MAX_WINDOW`]) on each side, seen at least `min_together` times,
/// ranked by `measure`. `counts` are the word counts the measures divide
/// by: the documents the node is looked for in, or a wider selection. A
/// word the counts did not keep (past [`MAX_TYPES`](super::frequency::MAX_TYPES)
/// distinct words) is left out: its frequency is unknown.
pub fn collocates(
    index: &Index,
    prepared: &Prepared,
    docs: &[DocId],
    counts: &WordCounts,
    window: u32,
    measure: Measure,
    min_together: u32,
) -> Collocates {
    let mut node = 0u32;
    let mut tallies: FxHashMap<String, (u32, u32)> = FxHashMap::default();
    // A word in the windows of two hits is counted once, on the side of
    // the first: so it is never seen together more often than at all.
    let mut counted: (Option<DocId>, FxHashSet<usize>) = (None, FxHashSet::default());
    windows(index, prepared, docs, window, |doc, _, _, _, near| {
        node += 1;
        if counted.0 != Some(doc) {
            counted = (Some(doc), FxHashSet::default());
        }
        for &(right, i, token) in near {
            if is_stop_word(&token.term) || !counted.1.insert(i) {
                continue;
            }
            let tally = match tallies.get_mut(token.term.as_str()) {
                Some(t) => t,
                None => tallies.entry(token.term.clone()).or_default(),
            };
            if right {
                tally.1 += 1;
            } else {
                tally.0 += 1;
            }
        }
        true
    });
    let mut list: Vec<Collocate> = tallies
        .into_iter()
        .filter(|(word, (l, r))| l + r >= min_together.max(1) && (counts.complete() || counts.count(word) > 0))
        .map(|(word, (left, right))| {
            let together = left + right;
            let freq = counts.count(&word);
            Collocate {
                score: measure.score(together, node, freq, counts.tokens()),
                word,
                together,
                left,
                right,
                freq,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.together.cmp(&a.together))
            .then_with(|| a.word.cmp(&b.word))
    });
    Collocates {
        node,
        tokens: counts.tokens(),
        list,
    }
}

/// Up to `limit` concordance lines of `prepared`'s hits in `docs` that have
/// `word` (a folded term) within `window` words: the lines behind one
/// collocate.
pub fn collocate_lines(index: &Index, prepared: &Prepared, docs: &[DocId], word: &str, window: u32, limit: usize) -> Vec<KwicLine> {
    let mut lines = Vec::new();
    windows(index, prepared, docs, window, |doc, body, first, end, near| {
        if near.iter().any(|(_, _, t)| t.term == word) {
            lines.push(kwic_line(body, doc, first, end));
        }
        lines.len() < limit
    });
    lines
}

/// Collocates as CSV (RFC 4180), with a header: the word, the times seen
/// with the node (in all, left, right), its count, and the score.
pub fn collocates_csv(collocates: &Collocates, measure: Measure) -> String {
    let mut out = format!("word,together,left,right,freq,{}\r\n", measure.as_str());
    for c in &collocates.list {
        let fields = [
            csv_field(&c.word),
            c.together.to_string(),
            c.left.to_string(),
            c.right.to_string(),
            c.freq.to_string(),
            fixed(c.score, 3),
        ];
        push_row(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexBuilder;
    use crate::ingest::text_document;
    use crate::query::parse::Query;
    use crate::query::plan::prepare;

    fn index(bodies: &[&str]) -> Index {
        let mut builder = IndexBuilder::new();
        for (i, body) in bodies.iter().enumerate() {
            builder.add(text_document(&format!("d{i}"), "", body)).unwrap();
        }
        builder.build()
    }

    fn all(index: &Index) -> Vec<DocId> {
        index.docs().map(|(d, _)| d).collect()
    }

    fn of(index: &Index, query: &str, window: u32, measure: Measure) -> Collocates {
        let prepared = prepare(index, &Query::parse(index.analyzer(), query));
        let docs = all(index);
        let counts = WordCounts::of(index, &docs);
        collocates(index, &prepared, &docs, &counts, window, measure, 1)
    }

    fn together(c: &Collocates, word: &str) -> Option<(u32, u32)> {
        c.list.iter().find(|x| x.word == word).map(|x| (x.left, x.right))
    }

    #[test]
    fn words_within_the_window_are_counted_on_their_side() {
        let i = index(&["alpha beta gamma delta palantir epsilon zeta eta theta iota kappa"]);
        let c = of(&i, "palantir", 2, Measure::LogDice);
        assert_eq!(c.node, 1);
        assert_eq!(together(&c, "gamma"), Some((1, 0)));
        assert_eq!(together(&c, "delta"), Some((1, 0)));
        assert_eq!(together(&c, "beta"), None, "three words left: outside a window of 2");
        assert_eq!(together(&c, "epsilon"), Some((0, 1)));
        assert_eq!(together(&c, "zeta"), Some((0, 1)));
        assert_eq!(together(&c, "eta"), None);
        assert_eq!(c.list.len(), 4);
    }

    #[test]
    fn a_phrase_is_one_node_and_its_words_are_not_collocates() {
        let i = index(&["left data platform right", "data platform data platform next"]);
        let c = of(&i, "\"data platform\"", 1, Measure::LogDice);
        assert_eq!(c.node, 3);
        assert_eq!(together(&c, "left"), Some((1, 0)));
        assert_eq!(together(&c, "right"), Some((0, 1)));
        assert_eq!(together(&c, "next"), Some((0, 1)));
        assert_eq!(together(&c, "data"), None, "the node's own words");
        assert_eq!(together(&c, "platform"), None);
    }

    #[test]
    fn the_window_stops_at_a_paragraph_and_skips_function_words() {
        let i = index(&["before\n\nthe palantir contract\n\nafter"]);
        let c = of(&i, "palantir", 5, Measure::LogDice);
        let words: Vec<&str> = c.list.iter().map(|x| x.word.as_str()).collect();
        assert_eq!(words, ["contract"]);
    }

    #[test]
    fn windows_count_unicode_words_whole() {
        // U+00A0 between words, a combining mark, an emoji, Arabic.
        let i = index(&["Mu\u{308}ller\u{a0}palantir 🙂 مرحبا café"]);
        let c = of(&i, "palantir", 3, Measure::LogDice);
        assert_eq!(together(&c, "muller"), Some((1, 0)));
        assert_eq!(together(&c, "مرحبا"), Some((0, 1)));
        assert_eq!(together(&c, "cafe"), Some((0, 1)));
    }

    #[test]
    fn a_word_between_two_hits_is_counted_once() {
        let i = index(&["node contract node", "other words"]);
        let c = of(&i, "node", 5, Measure::LogDice);
        assert_eq!(c.node, 2);
        assert_eq!(together(&c, "contract"), Some((0, 1)), "right of the first hit only");
        assert!(c.list.iter().all(|x| x.together <= x.freq), "{c:?}");
        assert!(c.list.iter().all(|x| x.score <= 14.0), "{c:?}");
    }

    #[test]
    fn measures_match_hand_worked_values() {
        // f_nc 2, f_n 4, f_c 8, N 1000.
        let cases = [(Measure::LogDice, 12.415), (Measure::Mi, 5.966), (Measure::TScore, 1.3916)];
        for (m, want) in cases {
            let got = m.score(2, 4, 8, 1000);
            assert!((got - want).abs() < 0.001, "{m:?}: {got}, not {want}");
        }
        assert_eq!(Measure::Mi.score(0, 4, 8, 1000), 0.0);
    }

    #[test]
    fn the_measures_rank_exclusive_and_frequent_words_differently() {
        // "rare" only ever stands by the node; "common" stands by it more
        // often but is everywhere.
        let mut bodies = vec!["node rare"; 2];
        bodies.extend(["node common"; 10]);
        bodies.extend(["common filler words"; 30]);
        let i = index(&bodies);
        let first = |m| of(&i, "node", 1, m).list[0].word.clone();
        // MI: rare log2(2·114/(12·2)) = 3.25 against common 1.25;
        // t-score: rare 1.27 against common (10 - 12·40/114)/√10 = 1.83.
        assert_eq!(first(Measure::Mi), "rare");
        assert_eq!(first(Measure::TScore), "common");
    }

    #[test]
    fn the_lines_of_a_collocate_are_those_with_it_in_the_window() {
        let i = index(&["contract with palantir", "palantir far away words here contract"]);
        let prepared = prepare(&i, &Query::parse(i.analyzer(), "palantir"));
        let docs = all(&i);
        let lines = collocate_lines(&i, &prepared, &docs, "contract", 2, 10);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].doc, docs[0]);
        assert_eq!(lines[0].keyword.of(&i.doc(docs[0]).body), "palantir");
        assert_eq!(collocate_lines(&i, &prepared, &docs, "contract", 5, 10).len(), 2);
        assert_eq!(collocate_lines(&i, &prepared, &docs, "contract", 5, 1).len(), 1, "the limit");
    }

    #[test]
    fn the_csv_lists_each_collocate_with_its_counts() {
        let i = index(&["the contract with palantir was signed"]);
        let c = of(&i, "palantir", 5, Measure::LogDice);
        let csv = collocates_csv(&c, Measure::LogDice);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "word,together,left,right,freq,logdice");
        assert!(lines.contains(&"contract,1,1,0,1,14.000"), "{csv}");
        assert!(lines.contains(&"signed,1,0,1,1,14.000"), "{csv}");
    }
}
