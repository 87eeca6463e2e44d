//! Word frequencies of a set of documents: what keyness compares and what
//! collocation measures divide by. A word is the analyzer's folded term
//! (`NHS`, `nhs` and `NHS’s` are one word; `contract` and `contracts` are
//! two, as in AntConc's word lists), counted in the documents' bodies, the
//! text the concordance shows.
//!
//! Phrases of two or three words are counted the same way, as AntConc
//! counts n-grams: each run of `n` words in a row is one phrase token. A
//! phrase does not cross punctuation: the words of `NHS England's data
//! platform, the contract` give `data platform` but not `platform the`.
//! Only spaces, a hyphen, a possessive `'s` or a plural's apostrophe (after
//! an `s`) may stand between its words, and no paragraph break, as in a
//! phrase search.

use rustc_hash::FxHashMap;

use crate::index::Index;
use std::collections::VecDeque;

use crate::text::analyze::{is_apostrophe, Analyzer, Token};
use crate::text::document::{DocId, Document, Span};
use crate::text::fields::body_pieces;

/// The longest phrases counted, in words.
pub const MAX_PHRASE_WORDS: usize = 3;

/// Distinct words or phrases kept at most, about 100 MB: three-word
/// phrases of a large corpus are nearly all distinct. Past it the counts
/// are incomplete, and keyness declines to compare them (an unkept phrase
/// would read as never seen).
pub const MAX_TYPES: usize = 2_000_000;

/// How often each word (or phrase of `n` words) occurs in some documents,
/// and how many words (or phrases) they hold in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordCounts {
    counts: FxHashMap<Box<str>, u32>,
    tokens: u64,
    docs: usize,
    /// Words in each item counted: 1 for words, 2 or 3 for phrases.
    n: usize,
    /// Occurrences of words not kept, past [`MAX_TYPES`] (in `tokens`).
    unkept: u64,
    limit: usize,
}

impl Default for WordCounts {
    fn default() -> WordCounts {
        WordCounts::new(1)
    }
}

impl WordCounts {
    /// No counts yet, of phrases of `n` words (1: words), `n` kept within
    /// 1 and [`MAX_PHRASE_WORDS`].
    pub fn new(n: usize) -> WordCounts {
        WordCounts {
            counts: FxHashMap::default(),
            tokens: 0,
            docs: 0,
            n: n.clamp(1, MAX_PHRASE_WORDS),
            unkept: 0,
            limit: MAX_TYPES,
        }
    }

    /// The same, keeping at most `limit` distinct words (for tests).
    #[cfg(test)]
    pub(crate) fn with_limit(n: usize, limit: usize) -> WordCounts {
        WordCounts {
            limit,
            ..WordCounts::new(n)
        }
    }

    /// The word counts of `docs`' bodies (a document listed twice counts
    /// twice).
    pub fn of(index: &Index, docs: &[DocId]) -> WordCounts {
        WordCounts::of_phrases(index, docs, 1)
    }

    /// The counts of `docs`' phrases of `n` words (1: words).
    pub fn of_phrases(index: &Index, docs: &[DocId], n: usize) -> WordCounts {
        let mut counts = WordCounts::new(n);
        for doc in docs {
            counts.add(index.analyzer(), index.doc(*doc));
        }
        counts
    }

    /// Adds one document's body, block by block as the index positions it:
    /// no phrase spans a paragraph break. Tokens are read as they come,
    /// never all held at once.
    pub fn add(&mut self, analyzer: &Analyzer, doc: &Document) {
        // The last words of the phrase being read, and its key.
        let mut run: VecDeque<Token> = VecDeque::with_capacity(self.n + 1);
        let mut key = String::new();
        for (text, _) in body_pieces(doc) {
            run.clear();
            for token in analyzer.tokens(text) {
                if run
                    .back()
                    .is_some_and(|last| !joins(last.span.of(text), &text[last.span.end..token.span.start]))
                {
                    run.clear();
                }
                run.push_back(token);
                if run.len() > self.n {
                    run.pop_front();
                }
                if run.len() < self.n {
                    continue;
                }
                key.clear();
                for (i, word) in run.iter().enumerate() {
                    if i > 0 {
                        key.push(' ');
                    }
                    key.push_str(&word.term);
                }
                self.tokens += 1;
                let full = self.counts.len() >= self.limit;
                match self.counts.get_mut(key.as_str()) {
                    Some(n) => *n += 1,
                    None if full => self.unkept += 1,
                    None => {
                        self.counts.insert(key.as_str().into(), 1);
                    }
                }
            }
        }
        self.docs += 1;
    }

    /// How often `word` (a folded term, or a phrase: folded terms joined by
    /// one space) occurs.
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Whether every word seen was kept: fewer than [`MAX_TYPES`] distinct
    /// ones.
    pub fn complete(&self) -> bool {
        self.unkept == 0
    }

    /// Words in each item counted: 1 for words, 2 or 3 for phrases.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Words (or phrases) in all: tokens, not distinct words.
    pub fn tokens(&self) -> u64 {
        self.tokens
    }

    /// Documents counted.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Distinct words.
    pub fn types(&self) -> usize {
        self.counts.len()
    }

    /// Every word kept and its count, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts.iter().map(|(w, n)| (&**w, *n))
    }
}

/// Whether the text between two words lets them stand in one phrase, the
/// first word being `word` (as written): white space (any Unicode space),
/// or one hyphen with none, after what the word leaves out: a possessive
/// `'s`, or the apostrophe of a plural's (`doctors’ union`: after an `s`;
/// after another letter it closes a quote, `‘eye-watering’ and`). An
/// opening quote (`said ‘we will’`), a dash (` - `) or any other mark ends
/// a phrase.
pub fn joins(word: &str, gap: &str) -> bool {
    let trailing = |c: char| is_apostrophe(c) && c != '\u{2018}';
    let plural = word.ends_with(['s', 'S']);
    let mut chars = gap.chars();
    let rest = match (chars.next(), chars.next()) {
        (Some(a), Some('s' | 'S')) if trailing(a) => chars.as_str(),
        (Some(a), _) if trailing(a) && plural => &gap[a.len_utf8()..],
        _ => gap,
    };
    rest.chars().all(char::is_whitespace) || matches!(rest, "-" | "\u{2010}" | "\u{2011}")
}

/// The word or phrase `text` is, as [`WordCounts`] counts it: its terms
/// joined by one space, if they stand in one phrase (`None` if it has no
/// word, or punctuation between two).
pub fn phrase_of(analyzer: &Analyzer, text: &str) -> Option<String> {
    let mut phrase = String::new();
    let mut last: Option<Span> = None;
    for token in analyzer.tokens(text) {
        if let Some(last) = last {
            if !joins(last.of(text), &text[last.end..token.span.start]) {
                return None;
            }
            phrase.push(' ');
        }
        phrase.push_str(&token.term);
        last = Some(token.span);
    }
    last.map(|_| phrase)
}

/// The counts of some bodies, one document each (for tests).
#[cfg(test)]
pub(crate) fn counts_of(bodies: &[&str]) -> WordCounts {
    phrase_counts_of(bodies, 1)
}

/// The counts of phrases of `n` words in some bodies (for tests).
#[cfg(test)]
pub(crate) fn phrase_counts_of(bodies: &[&str], n: usize) -> WordCounts {
    let analyzer = Analyzer::new();
    let mut counts = WordCounts::new(n);
    for (i, body) in bodies.iter().enumerate() {
        counts.add(&analyzer, &crate::ingest::text_document(&i.to_string(), "", body));
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::{counts_of as counts, joins, phrase_counts_of as phrases, phrase_of};
    use crate::text::analyze::Analyzer;

    #[test]
    fn words_are_folded_terms_counted_across_documents() {
        let c = counts(&["The NHS and the nhs’s data.", "NHS data, NHS contracts"]);
        assert_eq!(c.count("nhs"), 4);
        assert_eq!(c.count("data"), 2);
        assert_eq!(c.count("contracts"), 1);
        assert_eq!(c.count("contract"), 0, "inflections are other words");
        assert_eq!(c.count("the"), 2);
        assert_eq!(c.tokens(), 10);
        assert_eq!(c.docs(), 2);
        assert_eq!(c.iter().map(|(_, n)| n as u64).sum::<u64>(), c.tokens());
    }

    #[test]
    fn unicode_words_are_counted_whole() {
        // A no-break space between words, a combining accent, an emoji and
        // Arabic: each word is one token, folded as the index folds it.
        let c = counts(&["Müller\u{a0}Mu\u{308}ller 🙂 café مرحبا مرحبا"]);
        assert_eq!(c.count("muller"), 2);
        assert_eq!(c.count("cafe"), 1);
        assert_eq!(c.count("مرحبا"), 2);
        assert_eq!(c.tokens(), 5);
    }

    #[test]
    fn phrases_are_runs_of_words_not_crossing_punctuation() {
        let c = phrases(
            &[
                "NHS England's data platform, the data-platform deal.\n\nData platform",
                "Data  platform",
            ],
            2,
        );
        assert_eq!(c.n(), 2);
        assert_eq!(c.count("data platform"), 4, "a hyphen, an apostrophe or spaces join words");
        assert_eq!(c.count("nhs england"), 1);
        assert_eq!(c.count("england data"), 1);
        assert_eq!(c.count("platform the"), 0, "a comma ends a phrase");
        assert_eq!(c.count("deal data"), 0, "and so do paragraphs");
        // nhs england · england data · data platform | the data · data
        // platform · platform deal | data platform | data platform
        assert_eq!(c.tokens(), 8);
        assert_eq!(c.iter().map(|(_, n)| n as u64).sum::<u64>(), c.tokens());
        let three = phrases(&["NHS England's data platform, the data-platform deal."], 3);
        assert_eq!(three.count("nhs england data"), 1);
        assert_eq!(three.count("the data platform"), 1);
        assert_eq!(three.count("england data platform"), 1);
        assert_eq!(three.tokens(), 4);
        assert_eq!(phrases(&["one two"], 3).tokens(), 0, "too short for a phrase");
        assert_eq!(phrases(&["one two"], 9).n(), super::MAX_PHRASE_WORDS);
    }

    #[test]
    fn unicode_phrases_join_over_wide_spaces_and_break_at_their_punctuation() {
        // A no-break space and a right single quote join; an Arabic comma,
        // an em dash and an emoji between words end a phrase; a combining
        // accent folds away.
        let c = phrases(&["Mu\u{308}ller\u{a0}café — doctors’ union مرحبا، مرحبا 🙂 end"], 2);
        assert_eq!(c.count("muller cafe"), 1);
        assert_eq!(c.count("doctors union"), 1);
        assert_eq!(c.count("cafe doctors"), 0);
        assert_eq!(c.count("مرحبا مرحبا"), 0);
        assert_eq!(c.count("مرحبا end"), 0);
        assert_eq!(c.count("union مرحبا"), 1, "a space joins words of two scripts");
        assert_eq!(c.tokens(), 3);
        let w = "data";
        assert!(joins(w, " \u{a0}\u{2009}"));
        assert!(joins(w, "-") && joins(w, "\u{2011}") && joins(w, ""));
        assert!(!joins(w, " - "), "a spaced hyphen is a dash");
        assert!(joins(w, "’s ") && joins(w, "'S ") && joins("doctors", "’ "));
        assert!(!joins("watering", "’ "), "a closing quote");
        assert!(!joins(w, " ‘"), "an opening quote");
        assert!(!joins("doctors", "’ ‘") && !joins(w, " '"));
        assert!(!joins(w, "s "));
        assert!(!joins(w, " , "));
        assert!(!joins(w, "🙂"));
    }

    #[test]
    fn past_the_most_distinct_words_the_counts_say_they_are_incomplete() {
        let analyzer = Analyzer::new();
        let doc = crate::ingest::text_document("a", "", "one two one three four one");
        let mut c = super::WordCounts::with_limit(1, 2);
        c.add(&analyzer, &doc);
        assert!(!c.complete());
        assert_eq!((c.count("one"), c.count("two"), c.count("three")), (3, 1, 0));
        assert_eq!(c.tokens(), 6, "every word is in the total");
        assert_eq!(c.types(), 2);
        assert!(counts(&["one two"]).complete());
    }

    #[test]
    fn a_phrase_is_read_back_as_it_is_counted() {
        let a = Analyzer::new();
        assert_eq!(phrase_of(&a, "Data\u{a0}Platform").as_deref(), Some("data platform"));
        assert_eq!(phrase_of(&a, "NHS’s").as_deref(), Some("nhs"));
        assert_eq!(phrase_of(&a, "data, platform"), None);
        assert_eq!(phrase_of(&a, " … "), None);
    }
}
