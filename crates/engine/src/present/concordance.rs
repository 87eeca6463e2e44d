//! Concordance (keyword in context): every hit of a query in the bodies of
//! a result list, the keyword centred between its left and right context,
//! sortable as corpus linguists sort them, and exportable as CSV.

use std::cmp::Ordering;

use super::export::{csv_field, push_row};
use super::frequency::phrase_of;
use super::highlight::{highlights, hits, Mark};
use crate::index::Index;
use crate::query::plan::Prepared;
use crate::text::document::{floor_char_boundary, DocId, Span};
use crate::text::entity::{entities, mentions_of, Kind};

/// Context kept on each side of the keyword, in bytes (cut at a space).
pub const CONTEXT_BYTES: usize = 70;

/// One line of a concordance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicLine {
    pub doc: DocId,
    /// The hit's number in the document (as the document view counts).
    pub hit: u32,
    /// Which query leaf matched.
    pub term: u16,
    /// Spans into the document's body.
    pub left: Span,
    pub keyword: Span,
    pub right: Span,
}

/// Orders of a concordance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KwicSort {
    /// As the results are listed, then in text order.
    #[default]
    Results,
    /// By the word just left of the keyword (then the one before…).
    LeftWord,
    /// By the word just right of the keyword (then the one after…).
    RightWord,
    /// By outlet, then date.
    Outlet,
    /// Oldest first, undated last.
    Date,
}

impl KwicSort {
    pub const ALL: [KwicSort; 5] = [
        KwicSort::Results,
        KwicSort::LeftWord,
        KwicSort::RightWord,
        KwicSort::Outlet,
        KwicSort::Date,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KwicSort::Results => "results",
            KwicSort::LeftWord => "left",
            KwicSort::RightWord => "right",
            KwicSort::Outlet => "outlet",
            KwicSort::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<KwicSort> {
        KwicSort::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Up to `limit` concordance lines for the hits of `prepared` in
/// `docs`, taken in the order given.
pub fn concordance(index: &Index, prepared: &Prepared, docs: &[DocId], limit: usize) -> Vec<KwicLine> {
    let mut lines = Vec::new();
    for chunk in docs.chunks(256) {
        for (doc, highlights) in chunk.iter().zip(highlights(index, prepared, chunk)) {
            let body = &index.doc(*doc).body;
            for (first, end) in hits(&highlights.body) {
                lines.push(kwic_line(body, *doc, first, end));
                if lines.len() >= limit {
                    return lines;
                }
            }
        }
    }
    lines
}

/// Up to `limit` concordance lines of one word form (a folded term, as
/// keyness counts words) or phrase (folded terms joined by one space, as
/// [`WordCounts`](super::frequency::WordCounts) counts phrases) in `docs`:
/// its hits, inflections and phrases across punctuation left out. A line's
/// hit is numbered as the query [`word_query`] numbers it (with its
/// inflections), so it opens at the same place.
pub fn word_lines(index: &Index, docs: &[DocId], word: &str, limit: usize) -> Vec<KwicLine> {
    let analyzer = index.analyzer();
    let prepared = crate::query::plan::prepare(index, &crate::query::parse::Query::parse(analyzer, &word_query(word)));
    let mut lines = Vec::new();
    for chunk in docs.chunks(64) {
        for line in concordance(index, &prepared, chunk, usize::MAX) {
            if phrase_of(analyzer, line.keyword.of(&index.doc(line.doc).body)).as_deref() == Some(word) {
                lines.push(line);
                if lines.len() >= limit {
                    return lines;
                }
            }
        }
    }
    lines
}

/// The query that finds a word (itself) or a phrase (in quotes).
pub fn word_query(word: &str) -> String {
    if word.contains(' ') {
        format!("\"{word}\"")
    } else {
        word.to_string()
    }
}

/// Up to `limit` lines of the mentions of one entity (`kind`, `name`, as
/// [`entities`] names it) in `docs`, in the order given. A line's `hit`
/// numbers the mention among the entity's mentions in its document.
pub fn entity_lines(index: &Index, docs: &[DocId], kind: Kind, name: &str, limit: usize) -> Vec<KwicLine> {
    let mut lines = Vec::new();
    for &doc in docs {
        let body = &index.doc(doc).body;
        let all = entities(body);
        for (n, (_, m)) in mentions_of(&all, kind, name).enumerate() {
            if lines.len() >= limit {
                return lines;
            }
            lines.push(KwicLine {
                doc,
                hit: n as u32,
                term: 0,
                left: left_context(body, m.span.start),
                keyword: m.span,
                right: right_context(body, m.span.end),
            });
        }
    }
    lines
}

/// The line of a hit whose first mark is `first` and whose last mark ends
/// at `end`, in `doc`'s `body`.
pub(crate) fn kwic_line(body: &str, doc: DocId, first: &Mark, end: usize) -> KwicLine {
    let keyword = Span::new(first.span.start, end);
    KwicLine {
        doc,
        hit: first.hit,
        term: first.term,
        left: left_context(body, keyword.start),
        keyword,
        right: right_context(body, keyword.end),
    }
}

/// Orders concordance lines; ties keep their order.
pub fn sort_concordance(index: &Index, lines: &mut [KwicLine], sort: KwicSort) {
    let words = |line: &KwicLine, right: bool| -> Vec<String> {
        let body = &index.doc(line.doc).body;
        let span = if right { line.right } else { line.left };
        let mut terms = index.analyzer().terms(span.of(body));
        if !right {
            terms.reverse();
        }
        terms
    };
    match sort {
        KwicSort::Results => {}
        KwicSort::LeftWord | KwicSort::RightWord => {
            let right = sort == KwicSort::RightWord;
            let mut keyed: Vec<(Vec<String>, KwicLine)> = lines.iter().map(|l| (words(l, right), l.clone())).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            for (slot, (_, line)) in lines.iter_mut().zip(keyed) {
                *slot = line;
            }
        }
        KwicSort::Outlet => lines.sort_by(|a, b| {
            let source = |l: &KwicLine| index.doc(l.doc).meta.source.clone().map(|s| s.to_lowercase());
            match (source(a), source(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| index.doc(a.doc).meta.date.cmp(&index.doc(b.doc).meta.date))
        }),
        KwicSort::Date => lines.sort_by(|a, b| match (index.doc(a.doc).meta.date, index.doc(b.doc).meta.date) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }),
    }
}

/// The lines as CSV (RFC 4180): document id, title, outlet, date, left
/// context, keyword, right context, hit number and `link(line)`.
pub fn concordance_csv(index: &Index, lines: &[KwicLine], link: impl Fn(&KwicLine) -> String) -> String {
    let mut out = String::from("id,title,outlet,date,left,keyword,right,hit,link\r\n");
    for line in lines {
        let doc = index.doc(line.doc);
        let text = |s: Span| one_line(s.of(&doc.body));
        let fields = [
            doc.id.clone(),
            doc.title.clone(),
            doc.meta.source.clone().unwrap_or_default(),
            doc.meta.date.map(|d| d.to_string()).unwrap_or_default(),
            text(line.left),
            text(line.keyword),
            text(line.right),
            (line.hit + 1).to_string(),
            link(line),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        push_row(&mut out, &row);
    }
    out
}

/// Whitespace runs (line breaks included) as single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// About [`CONTEXT_BYTES`] before `at`, starting after a space.
fn left_context(text: &str, at: usize) -> Span {
    let from = floor_char_boundary(text, at.saturating_sub(CONTEXT_BYTES));
    let start = if from == 0 {
        0
    } else {
        // Just after the first whitespace character, whatever its width
        // (a no-break space is two bytes, an ideographic space three).
        text[from..at]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(from, |(i, c)| from + i + c.len_utf8())
    };
    Span::new(start.min(at), at)
}

/// About [`CONTEXT_BYTES`] after `at`, ending before a space.
fn right_context(text: &str, at: usize) -> Span {
    let to = floor_char_boundary(text, at + CONTEXT_BYTES);
    let end = if to >= text.len() {
        text.len()
    } else {
        text[at..to].rfind(char::is_whitespace).map_or(to, |i| at + i)
    };
    Span::new(at, end.max(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_of_a_word_form_leave_its_inflections_out() {
        let mut builder = crate::index::IndexBuilder::new();
        let body = "One contract, two contracts.\u{a0}Contract 🙂 CONTRACT’s end; contracted.";
        builder.add(crate::ingest::text_document("a", "", body)).unwrap();
        let index = builder.build();
        let docs = [DocId(0)];
        let lines = word_lines(&index, &docs, "contract", 10);
        let words: Vec<&str> = lines.iter().map(|l| l.keyword.of(body)).collect();
        assert_eq!(words, ["contract", "Contract", "CONTRACT"]);
        // Hits as the query `contract` numbers them: contracts is hit 1.
        assert_eq!(lines.iter().map(|l| l.hit).collect::<Vec<_>>(), [0, 2, 3]);
        assert_eq!(word_lines(&index, &docs, "contracts", 10).len(), 1);
        assert_eq!(word_lines(&index, &docs, "contract", 2).len(), 2, "the limit");
        assert!(word_lines(&index, &docs, "zzz", 10).is_empty());
    }

    #[test]
    fn the_lines_of_a_phrase_are_its_runs_not_crossing_punctuation() {
        let mut builder = crate::index::IndexBuilder::new();
        let body = "The data platform. Data, platform; data-platform and Data\u{a0}Platforms 🙂 the data platform’s";
        builder.add(crate::ingest::text_document("a", "", body)).unwrap();
        let index = builder.build();
        let lines = word_lines(&index, &[DocId(0)], "data platform", 10);
        let words: Vec<&str> = lines.iter().map(|l| l.keyword.of(body)).collect();
        assert_eq!(words.len(), 3, "{words:?}");
        assert_eq!(&words[..2], ["data platform", "data-platform"]);
        assert!(words[2].starts_with("data platform"));
        assert_eq!(word_query("data platform"), "\"data platform\"");
        assert_eq!(word_query("data"), "data");
    }

    #[test]
    fn an_entitys_lines_are_its_mentions_by_any_form() {
        let mut builder = crate::index::IndexBuilder::new();
        let first = "Peter\u{a0}Thiel 🙂 founded it; later Mr Thiel left. שלום Thiel.";
        builder.add(crate::ingest::text_document("a", "", first)).unwrap();
        builder.add(crate::ingest::text_document("b", "", "Nothing.")).unwrap();
        builder
            .add(crate::ingest::text_document("c", "", "Thiel, e\u{301}lu, said Peter Thiel."))
            .unwrap();
        let index = builder.build();
        let docs = [DocId(2), DocId(1), DocId(0)];
        let lines = entity_lines(&index, &docs, Kind::Person, "Peter Thiel", 10);
        let shown: Vec<(u32, u32, &str)> = lines
            .iter()
            .map(|l| (l.doc.0, l.hit, l.keyword.of(&index.doc(l.doc).body)))
            .collect();
        assert_eq!(
            shown,
            [
                (2, 0, "Thiel"),
                (2, 1, "Peter Thiel"),
                (0, 0, "Peter\u{a0}Thiel"),
                (0, 1, "Thiel"),
                (0, 2, "Thiel")
            ]
        );
        for l in &lines {
            let body = &index.doc(l.doc).body;
            assert!(l.left.end == l.keyword.start && l.keyword.end == l.right.start);
            assert!(body.is_char_boundary(l.left.start) && body.is_char_boundary(l.right.end));
        }
        assert_eq!(entity_lines(&index, &docs, Kind::Person, "Peter Thiel", 2).len(), 2, "the limit");
        assert!(entity_lines(&index, &docs, Kind::Organisation, "Peter Thiel", 10).is_empty());
    }

    #[test]
    fn the_left_context_starts_after_a_wide_space_not_inside_it() {
        // The shipped crash: the first whitespace in the window was a
        // no-break space (two bytes) and the context began one byte in.
        for space in ['\u{a0}', '\u{2009}', '\u{3000}', '\u{85}', ' '] {
            for lead in 1..6 {
                let text = format!("{}{space}{}KEY", "y".repeat(lead), "w".repeat(CONTEXT_BYTES - 1));
                let at = text.find("KEY").unwrap();
                let left = left_context(&text, at);
                assert!(text.is_char_boundary(left.start), "{space:?} after {lead}: {left:?}");
                assert_eq!(
                    left.start,
                    lead + space.len_utf8(),
                    "{space:?} after {lead}: starts just after the space"
                );
            }
        }
    }

    #[test]
    fn contexts_stop_at_word_boundaries_and_char_boundaries() {
        let text = "αβγ ".repeat(40) + "KEY" + &" δεζ".repeat(40);
        let at = text.find("KEY").unwrap();
        let left = left_context(&text, at);
        let right = right_context(&text, at + 3);
        assert!(text.is_char_boundary(left.start) && text.is_char_boundary(right.end));
        assert!(text[left.start..left.end].starts_with("αβγ"));
        assert!(text[right.start..right.end].ends_with("δεζ"));
        assert!(left.len() <= CONTEXT_BYTES && right.len() <= CONTEXT_BYTES);
    }
}
