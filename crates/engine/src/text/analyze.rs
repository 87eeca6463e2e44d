//! The analyzer: text to terms with byte spans. The same code runs when the
//! corpus is indexed at build time and when a query is typed in the browser,
//! so a query term and an indexed term agree by construction.
//!
//! Steps, for each word of Unicode word segmentation (UAX #29):
//! 1. split the word where letters meet digits (`£330m` gives `330`, `m`) and
//!    at inner punctuation (`.`, `:`, `_`, `,`), so `330million` matches
//!    `330 million` and `keepournhspublic.com` matches `keepournhspublic`;
//! 2. drop a possessive `'s` (the span stops before the apostrophe) and
//!    inner apostrophes (`O’Neill` gives `oneill`);
//! 3. fold: NFKC compatibility forms, lower case, and Latin, Greek and
//!    Cyrillic diacritics (`Müller` gives `muller`); other scripts keep their
//!    marks, which carry meaning there;
//! 4. words of over [`MAX_TERM_BYTES`] (base64, hashes) are not indexed.
//!
//! Stemming (English Snowball) is separate: [`Analyzer::stem`] maps a term
//! to the key that groups its inflections (`contract`, `contracts`,
//! `contracted`). Terms keep their surface form so that prefix and typo
//! matching see real words.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use super::document::Span;

/// Longer words are not indexed: in real corpora they are encoded data.
pub const MAX_TERM_BYTES: usize = 48;

/// One analyzed word: its folded term and where it stands in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Span,
}

/// Unicode compatibility decomposition (NFKD) of a string.
///
/// Native builds use the `unicode-normalization` crate's tables (feature
/// `unicode-tables`, on by default). The browser app passes the platform's
/// `String.prototype.normalize("NFKD")` instead, which implements the same
/// standard without shipping 60 KB of tables; Unicode's normalization
/// stability policy keeps the decomposition of every assigned character
/// fixed across versions, so both give the same terms.
pub type Decompose = fn(&str) -> String;

/// Turns text into terms. Cheap to create; keep one around.
pub struct Analyzer {
    stemmer: Stemmer,
    decompose: Decompose,
}

#[cfg(feature = "unicode-tables")]
impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(english)")
    }
}

impl Analyzer {
    /// The analyzer, with the `unicode-normalization` crate's tables.
    #[cfg(feature = "unicode-tables")]
    pub fn new() -> Self {
        use unicode_normalization::UnicodeNormalization;
        Self::with_decomposer(|s| s.nfkd().collect())
    }

    /// The analyzer, with `decompose` as its NFKD step.
    pub fn with_decomposer(decompose: Decompose) -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            decompose,
        }
    }

    /// Every token of `text`, in order, with spans into `text`.
    pub fn tokens<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Token> + 't {
        candidates(text).filter_map(move |span| {
            let term = self.fold(&text[span.start..span.end]);
            (!term.is_empty() && term.len() <= MAX_TERM_BYTES).then_some(Token { term, span })
        })
    }

    /// The spans of [`Analyzer::tokens`] without their terms: quicker,
    /// for finding where tokens stand.
    pub fn spans<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Span> + 't {
        candidates(text).filter(move |span| {
            let piece = &text[span.start..span.end];
            if piece.is_ascii() {
                let len = piece.bytes().filter(|&b| b != b'\'').count();
                len > 0 && len <= MAX_TERM_BYTES
            } else {
                let term = self.fold(piece);
                !term.is_empty() && term.len() <= MAX_TERM_BYTES
            }
        })
    }

    /// The folded form of one piece: compatibility-decomposed, lower-cased,
    /// Latin/Greek/Cyrillic diacritics removed, apostrophes dropped. Terms
    /// stay decomposed (no recomposition): the same on both sides of a
    /// match, which is all that counts.
    fn fold(&self, piece: &str) -> String {
        if piece.chars().all(|c| c.is_ascii() || is_apostrophe(c)) {
            return piece
                .chars()
                .filter(|&c| !is_apostrophe(c))
                .map(|c| c.to_ascii_lowercase())
                .collect();
        }
        let mut folded = String::with_capacity(piece.len());
        let mut base = ' ';
        for c in (self.decompose)(piece).chars().flat_map(char::to_lowercase) {
            if is_apostrophe(c) {
                continue;
            }
            if is_combining_mark(c) {
                if !folds_marks(base) {
                    folded.push(c);
                }
                continue;
            }
            base = c;
            match fold_letter(c) {
                Some(s) => folded.push_str(s),
                None => folded.push(c),
            }
        }
        folded
    }

    /// The terms of `text` without spans, e.g. for a query word.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).map(|t| t.term).collect()
    }

    /// The stem that groups a term with its inflections. Only terms written
    /// in ASCII letters are stemmed (the stemmer is English); others are
    /// their own stem.
    pub fn stem<'a>(&self, term: &'a str) -> Cow<'a, str> {
        if term.len() > 2 && term.bytes().all(|b| b.is_ascii_lowercase()) {
            self.stemmer.stem(term)
        } else {
            Cow::Borrowed(term)
        }
    }
}

/// Spans of the pieces of every word of `text` (before folding).
fn candidates(text: &str) -> Box<dyn Iterator<Item = Span> + '_> {
    if text.is_ascii() {
        return Box::new(ascii_candidates(text.as_bytes()));
    }
    Box::new(
        text.split_word_bound_indices()
            .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
            .flat_map(|(offset, word)| pieces(word).map(move |span| Span::new(offset + span.start, offset + span.end))),
    )
}

/// The same pieces for ASCII text, without Unicode tables: runs of letters
/// (joined by an apostrophe before a letter) or of digits. In ASCII, word
/// segmentation then splitting words this way gives exactly these runs
/// (a property test checks it).
fn ascii_candidates(bytes: &[u8]) -> impl Iterator<Item = Span> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        let digits = bytes[i].is_ascii_digit();
        i += 1;
        loop {
            match bytes.get(i) {
                Some(b) if digits && b.is_ascii_digit() => i += 1,
                Some(b) if !digits && b.is_ascii_alphabetic() => i += 1,
                Some(b'\'') if !digits && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => i += 1,
                _ => break,
            }
        }
        let piece = std::str::from_utf8(&bytes[start..i]).unwrap_or("");
        Some(Span::new(start, start + trim_possessive(piece)))
    })
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
}

fn class(c: char) -> Option<Class> {
    if c.is_numeric() {
        Some(Class::Digit)
    } else if c.is_alphabetic() {
        Some(Class::Letter)
    } else {
        None
    }
}

/// Spans (relative to `word`) of the pieces of one UAX #29 word.
fn pieces(word: &str) -> impl Iterator<Item = Span> + '_ {
    let mut chars = word.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the first letter or digit.
        let (start, first) = loop {
            let (i, c) = chars.next()?;
            if let Some(k) = class(c) {
                break (i, k);
            }
        };
        let kind = first;
        let mut end = start + word[start..].chars().next().map_or(0, char::len_utf8);
        while let Some(&(i, c)) = chars.peek() {
            let next_kind = class(c);
            let joins = match next_kind {
                Some(k) => k == kind,
                // Marks and joiners belong to the letter before them.
                None if is_combining_mark(c) || matches!(c, '\u{200C}' | '\u{200D}') => true,
                // An apostrophe stays inside a word when a letter follows it.
                None if is_apostrophe(c) && kind == Class::Letter => word[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| class(n) == Some(Class::Letter)),
                None => false,
            };
            if !joins {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
        }
        Some(Span::new(start, trim_possessive(&word[start..end]) + start))
    })
}

/// The length of `piece` without a final possessive `'s`.
fn trim_possessive(piece: &str) -> usize {
    let mut rev = piece.char_indices().rev();
    if let (Some((_, s)), Some((i, apos))) = (rev.next(), rev.next()) {
        if (s == 's' || s == 'S') && is_apostrophe(apos) && i > 0 {
            return i;
        }
    }
    piece.len()
}

/// Whether diacritics on this base letter are folded away: Latin, Greek,
/// Cyrillic. Elsewhere (Devanagari, Arabic, Hebrew…) marks carry meaning.
fn folds_marks(base: char) -> bool {
    (base as u32) < 0x0530 || (0x1E00..=0x1FFF).contains(&(base as u32))
}

/// Letters with no Unicode decomposition that readers treat as plain ones.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ð' => "d",
        'ħ' => "h",
        'þ' => "th",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        'ς' => "σ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzed(text: &str) -> Vec<(String, &str)> {
        Analyzer::new()
            .tokens(text)
            .map(|t| (t.term, &text[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn table_of_analyzer_cases() {
        // input, expected (term, exact source text of its span) pairs
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Palantir", &[("palantir", "Palantir")]),
            (
                "NHS England’s headquarters",
                &[("nhs", "NHS"), ("england", "England"), ("headquarters", "headquarters")],
            ),
            ("NHS England's", &[("nhs", "NHS"), ("england", "England")]),
            ("£330m", &[("330", "330"), ("m", "m")]),
            (
                "£330million contract",
                &[("330", "330"), ("million", "million"), ("contract", "contract")],
            ),
            ("£330 million,", &[("330", "330"), ("million", "million")]),
            ("seven-year", &[("seven", "seven"), ("year", "year")]),
            ("“exceedingly proud”", &[("exceedingly", "exceedingly"), ("proud", "proud")]),
            ("(FDP).", &[("fdp", "FDP")]),
            ("keepournhspublic.com", &[("keepournhspublic", "keepournhspublic"), ("com", "com")]),
            ("O’Neill don't", &[("oneill", "O’Neill"), ("dont", "don't")]),
            ("campaigners' placards", &[("campaigners", "campaigners"), ("placards", "placards")]),
            (
                "Müller Ångström façade",
                &[("muller", "Müller"), ("angstrom", "Ångström"), ("facade", "façade")],
            ),
            (
                "Straße Øresund Łódź",
                &[("strasse", "Straße"), ("oresund", "Øresund"), ("lodz", "Łódź")],
            ),
            ("ÉCOLE", &[("ecole", "ÉCOLE")]),
            ("ﬁnance", &[("finance", "ﬁnance")]),
            ("ＮＨＳ", &[("nhs", "ＮＨＳ")]),
            ("Ελληνικά", &[("ελληνικα", "Ελληνικά")]),
            ("नमस्ते", &[("नमस्ते", "नमस्ते")]),
            ("数据平台", &[("数", "数"), ("据", "据"), ("平", "平"), ("台", "台")]),
            ("covid19 mp3", &[("covid", "covid"), ("19", "19"), ("mp", "mp"), ("3", "3")]),
            ("1,000.50", &[("1", "1"), ("000", "000"), ("50", "50")]),
            ("snake_case", &[("snake", "snake"), ("case", "case")]),
            (
                "e-mail: a@b.org",
                &[("e", "e"), ("mail", "mail"), ("a", "a"), ("b", "b"), ("org", "org")],
            ),
            ("— … !!! ???", &[]),
            ("", &[]),
            ("👍🏽 ok", &[("ok", "ok")]),
            (&"x".repeat(49), &[]),
        ];
        for (input, expected) in cases {
            let got = analyzed(input);
            let want: Vec<(String, &str)> = expected.iter().map(|(t, s)| (t.to_string(), *s)).collect();
            assert_eq!(got, want, "analyzing {input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_splits_like_word_segmentation(text in "[a-zA-Z0-9 '.,:;_@/\\-]{0,40}") {
            let unicode: Vec<Span> = text
                .split_word_bound_indices()
                .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
                .flat_map(|(offset, word)| pieces(word).map(move |span| Span::new(offset + span.start, offset + span.end)))
                .collect();
            let ascii: Vec<Span> = ascii_candidates(text.as_bytes()).collect();
            proptest::prop_assert_eq!(ascii, unicode);
        }
    }

    #[test]
    fn spans_are_the_spans_of_tokens() {
        let analyzer = Analyzer::new();
        let text = "NHS England’s £330m, seven-year ﬁnance — Ελληνικά 数据 ".to_string() + &"x".repeat(60);
        let spans: Vec<Span> = analyzer.spans(&text).collect();
        let tokens: Vec<Span> = analyzer.tokens(&text).map(|t| t.span).collect();
        assert_eq!(spans, tokens);
    }

    #[test]
    fn table_of_stems() {
        let analyzer = Analyzer::new();
        let cases = [
            ("contracts", "contract"),
            ("contracted", "contract"),
            ("contract", "contract"),
            ("platforms", "platform"),
            ("running", "run"),
            ("protests", "protest"),
            ("protestors", "protestor"),
            ("is", "is"),
            ("330", "330"),
            ("ελληνικα", "ελληνικα"),
        ];
        for (term, stem) in cases {
            assert_eq!(analyzer.stem(term), stem, "stem of {term}");
        }
    }

    #[test]
    fn a_query_word_and_the_text_it_names_give_the_same_terms() {
        let analyzer = Analyzer::new();
        assert_eq!(analyzer.terms("ENGLAND’S"), analyzer.terms("england's"));
        assert_eq!(analyzer.terms("Cafe\u{301}"), analyzer.terms("Café"));
    }
}
