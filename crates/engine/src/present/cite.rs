//! Citing a passage: a character range of a document's body (as a link
//! carries it), and the document's metadata as BibTeX, RIS and CSL-JSON
//! with the passage quoted.

use crate::text::analyze::Analyzer;
use crate::text::document::{Document, Span};

/// The longest passage a link may carry, in characters: a citation
/// quotes a passage, not a document.
pub const MAX_PASSAGE_CHARS: usize = 5_000;

/// A passage as a link carries it: characters (Unicode scalar values)
/// `start..end` of a document's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

impl CharRange {
    /// `12-80`: a non-empty range of at most [`MAX_PASSAGE_CHARS`].
    pub fn parse(text: &str) -> Option<CharRange> {
        let (a, b) = text.split_once('-')?;
        let (start, end) = (a.parse().ok()?, b.parse().ok()?);
        (start < end && end - start <= MAX_PASSAGE_CHARS).then_some(CharRange { start, end })
    }

    /// The range of the bytes `span` of `text` (which lie on char
    /// boundaries, as the page finds them).
    pub fn of_span(text: &str, span: Span) -> Option<CharRange> {
        let (s, e) = (span.start.min(text.len()), span.end.min(text.len()));
        if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return None;
        }
        let start = text[..s].chars().count();
        let range = CharRange {
            start,
            end: start + text[s..e].chars().count(),
        };
        (range.end - range.start <= MAX_PASSAGE_CHARS).then_some(range)
    }

    /// Its bytes in `text`; none when `text` is shorter (or the range is
    /// empty).
    pub fn span_in(self, text: &str) -> Option<Span> {
        let mut bytes = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
        let start = bytes.nth(self.start)?;
        let end = bytes.nth(self.end.checked_sub(self.start)?.checked_sub(1)?)?;
        Some(Span::new(start, end))
    }
}

/// `span` of `text` without the whitespace at its ends (a selection
/// often takes the line break after a paragraph): none if nothing is
/// left, or `span` does not lie on char boundaries in `text`.
pub fn trim_span(text: &str, span: Span) -> Option<Span> {
    let (s, e) = (span.start.min(text.len()), span.end.min(text.len()));
    if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return None;
    }
    let inner = &text[s..e];
    let start = s + (inner.len() - inner.trim_start().len());
    let end = e - (inner.len() - inner.trim_end().len());
    (start < end).then(|| Span::new(start, end))
}

impl std::fmt::Display for CharRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// What a citation says: the document's metadata, the passage and where
/// it is found.
pub struct Citation<'d> {
    pub doc: &'d Document,
    /// The passage quoted, whitespace runs made one space.
    pub quote: String,
    /// A link to the passage in Quire.
    pub link: String,
    /// Folds names into the key's letters (`Ødegård` gives `odegard`).
    analyzer: &'d Analyzer,
}

impl<'d> Citation<'d> {
    pub fn new(doc: &'d Document, passage: Span, link: String, analyzer: &'d Analyzer) -> Citation<'d> {
        Citation {
            doc,
            quote: passage.of(&doc.body).split_whitespace().collect::<Vec<_>>().join(" "),
            link,
            analyzer,
        }
    }

    /// A citation key: the author's surname (before a comma, else the
    /// last word) or the outlet's first word, the year, and the title's
    /// first word, in ASCII letters and digits (`ruiz2024palantir`,
    /// `morning2024palantir`), folded as the index folds words (`Ødegård`
    /// gives `odegard`); letters with no ASCII form are left out.
    fn key(&self) -> String {
        let meta = &self.doc.meta;
        let who = match (&meta.author, &meta.source) {
            (Some(a), _) => a.split(',').next().unwrap_or(a).split_whitespace().last().unwrap_or(a),
            (None, Some(s)) => s.split_whitespace().next().unwrap_or(s),
            (None, None) => "quire",
        };
        let year = meta.date.map(|d| d.year.to_string()).unwrap_or_default();
        let first = self
            .doc
            .title
            .split_whitespace()
            .find(|w| w.chars().any(char::is_alphanumeric))
            .unwrap_or("");
        let ascii = |s: &str| {
            let folded = self.analyzer.terms(s).concat();
            folded.chars().filter(char::is_ascii_alphanumeric).collect::<String>()
        };
        let key = format!("{}{year}{}", ascii(who), ascii(first));
        if key.is_empty() {
            "quire".to_string()
        } else {
            key
        }
    }

    /// BibTeX (`@article`, or `@misc` without an outlet): text in braces
    /// with TeX's special characters escaped (braces too, as
    /// `\textbraceleft{}`: BibTeX counts even escaped ones), the month as
    /// its macro, `date` for biblatex, URLs verbatim.
    pub fn bibtex(&self) -> String {
        const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let meta = &self.doc.meta;
        let mut fields: Vec<(&str, String)> = vec![("title", braced(&tex(&self.doc.title)))];
        if let Some(a) = &meta.author {
            fields.push(("author", braced(&tex(a))));
        }
        if let Some(s) = &meta.source {
            fields.push(("journal", braced(&tex(s))));
        }
        if let Some(d) = meta.date {
            fields.push(("year", braced(&d.year.to_string())));
            if let Some(m) = d.month.and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1))) {
                fields.push(("month", m.to_string()));
            }
            fields.push(("date", braced(&d.to_string())));
        }
        if let Some(u) = meta.http_url() {
            fields.push(("url", braced(&verbatim(u))));
        }
        let note = format!("Quoted: “{}”. Passage: \\url{{{}}}", tex(&self.quote), verbatim(&self.link));
        fields.push(("note", braced(&note)));
        let kind = if meta.source.is_some() { "article" } else { "misc" };
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("  {k} = {v}")).collect();
        format!("@{kind}{{{},\n{}\n}}\n", self.key(), body.join(",\n"))
    }

    /// RIS (`TY  - NEWS`, or `GEN` without an outlet), one tag per line,
    /// CRLF, line breaks in values made spaces.
    pub fn ris(&self) -> String {
        let meta = &self.doc.meta;
        let one = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut lines = vec![("TY", if meta.source.is_some() { "NEWS" } else { "GEN" }.to_string())];
        lines.push(("TI", one(&self.doc.title)));
        if let Some(a) = &meta.author {
            lines.push(("AU", one(a)));
        }
        if let Some(s) = &meta.source {
            lines.push(("T2", one(s)));
        }
        if let Some(d) = meta.date {
            lines.push(("PY", d.year.to_string()));
            lines.push((
                "DA",
                format!(
                    "{:04}/{}/{}/",
                    d.year,
                    d.month.map(|m| format!("{m:02}")).unwrap_or_default(),
                    d.day.map(|x| format!("{x:02}")).unwrap_or_default()
                ),
            ));
        }
        if let Some(u) = meta.http_url() {
            lines.push(("UR", u.to_string()));
        }
        lines.push(("N1", format!("Quoted: “{}”. Passage: {}", self.quote, self.link)));
        lines.push(("ER", String::new()));
        lines.iter().map(|(t, v)| format!("{t}  - {v}\r\n")).collect()
    }

    /// CSL-JSON: one item in an array, as Zotero imports it.
    pub fn csl_json(&self) -> String {
        let meta = &self.doc.meta;
        let mut item = serde_json::Map::new();
        item.insert("id".into(), self.key().into());
        let kind = if meta.source.is_some() { "article-newspaper" } else { "document" };
        item.insert("type".into(), kind.into());
        item.insert("title".into(), self.doc.title.clone().into());
        if let Some(a) = &meta.author {
            item.insert("author".into(), serde_json::json!([{ "literal": a }]));
        }
        if let Some(s) = &meta.source {
            item.insert("container-title".into(), s.clone().into());
        }
        if let Some(d) = meta.date {
            let mut parts = vec![d.year as i64];
            parts.extend(d.month.map(i64::from));
            parts.extend(d.month.and(d.day).map(i64::from));
            item.insert("issued".into(), serde_json::json!({ "date-parts": [parts] }));
        }
        if let Some(u) = meta.http_url() {
            item.insert("URL".into(), u.into());
        }
        item.insert("note".into(), format!("Quoted: “{}”. Passage: {}", self.quote, self.link).into());
        serde_json::to_string_pretty(&serde_json::Value::Array(vec![item.into()])).unwrap_or_default()
    }
}

fn braced(value: &str) -> String {
    format!("{{{value}}}")
}

/// A URL as BibTeX keeps it verbatim: only braces, which would end the
/// field, percent-encoded; whitespace runs made one `%20`.
fn verbatim(url: &str) -> String {
    url.split_whitespace()
        .collect::<Vec<_>>()
        .join("%20")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// Text for a BibTeX field: TeX's special characters escaped (braces as
/// commands, so none is left to count), whitespace runs made one space.
fn tex(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::date::PartialDate;

    #[test]
    fn a_range_goes_to_bytes_and_back_on_unicode() {
        let text = "a\u{a0}b e\u{301} 🙂 שלום end";
        let cases: &[(&str, &str)] = &[
            ("0-1", "a"),
            ("1-3", "\u{a0}b"),
            ("4-6", "e\u{301}"),
            ("7-8", "🙂"),
            ("9-13", "שלום"),
        ];
        for (range, expected) in cases {
            let r = CharRange::parse(range).unwrap();
            let span = r.span_in(text).unwrap();
            assert_eq!(span.of(text), *expected, "{range}");
            assert_eq!(CharRange::of_span(text, span), Some(r), "{range}");
            assert_eq!(r.to_string(), *range);
        }
        let len = text.chars().count();
        assert!(CharRange { start: 0, end: len }.span_in(text).is_some());
        assert!(CharRange { start: 0, end: len + 1 }.span_in(text).is_none());
        assert!(CharRange { start: len, end: len + 1 }.span_in(text).is_none());
        assert!(CharRange { start: 5, end: 5 }.span_in(text).is_none(), "empty");
        assert!(CharRange { start: 6, end: 5 }.span_in(text).is_none(), "reversed");
        // Whitespace at the ends of a selection is left out.
        assert_eq!(trim_span(text, Span::new(1, 4)).map(|s| s.of(text)), Some("b"));
        assert_eq!(trim_span(text, Span::new(3, 5)).map(|s| s.of(text)), Some("b"));
        assert_eq!(trim_span(text, Span::new(1, 3)), None, "only a no-break space");
        assert_eq!(trim_span(text, Span::new(2, 4)), None, "off a char boundary");
        // Off a char boundary, empty, reversed: no range.
        assert_eq!(CharRange::of_span(text, Span::new(1, 2)), None);
        assert_eq!(CharRange::of_span(text, Span::new(3, 3)), None);
        for bad in ["", "5", "3-3", "4-2", "-1-3", "a-b", "0-99999999999999999999999", "0-5001", "1.5-3"] {
            assert_eq!(CharRange::parse(bad), None, "{bad}");
        }
        assert!(CharRange::parse("0-5000").is_some());
    }

    fn article() -> Document {
        let mut doc = crate::ingest::text_document("a", "Palantir_{wins} 100% of $330m & more", "x  The deal\nis done. y");
        doc.meta.source = Some("Morning Star".into());
        doc.meta.author = Some("Ana Ruiz".into());
        doc.meta.date = Some(PartialDate::parse("2024-04-03").unwrap());
        doc.meta.url = Some("https://example.org/a".into());
        doc
    }

    #[test]
    fn citations_carry_the_metadata_and_the_quote_escaped() {
        let doc = article();
        let analyzer = Analyzer::new();
        let c = Citation::new(&doc, Span::new(3, 20), "https://q.example/?doc=a&sel=3-20".into(), &analyzer);
        assert_eq!(c.quote, "The deal is done.");
        assert_eq!(
            c.bibtex(),
            "@article{ruiz2024palantirwins,\n  title = {Palantir\\_\\textbraceleft{}wins\\textbraceright{} 100\\% of \\$330m \\& more},\n  author = {Ana Ruiz},\n  journal = {Morning Star},\n  year = {2024},\n  month = apr,\n  date = {2024-04-03},\n  url = {https://example.org/a},\n  note = {Quoted: “The deal is done.”. Passage: \\url{https://q.example/?doc=a&sel=3-20}}\n}\n"
        );
        // Braces in a field stay balanced whatever the text holds.
        let mut odd = article();
        odd.title = "a } b {{ c \\".into();
        odd.meta.author = Some("Ruiz, Ana".into());
        odd.meta.url = Some("https://example.org/a_b%20c{d}".into());
        let bib = Citation::new(&odd, Span::new(3, 11), "L".into(), &Analyzer::new()).bibtex();
        let depth = bib.chars().try_fold(0i32, |d, ch| match ch {
            '{' => Some(d + 1),
            '}' if d > 0 => Some(d - 1),
            '}' => None,
            _ => Some(d),
        });
        assert_eq!(depth, Some(0), "{bib}");
        assert!(bib.starts_with("@article{ruiz2024a,"), "{bib}");
        assert!(bib.contains("url = {https://example.org/a_b%20c%7Bd%7D}"), "{bib}");
        // Letters folded as the index folds them; none with no ASCII form.
        odd.meta.author = Some("Ødegård, Åse".into());
        odd.title = "Œuvre 🙂".into();
        assert!(Citation::new(&odd, Span::new(3, 11), "L".into(), &analyzer)
            .bibtex()
            .starts_with("@article{odegard2024oeuvre,"));
        odd.meta.author = Some("\u{5e9}\u{5e8}\u{5d4}".into());
        odd.title = "a".into();
        assert!(Citation::new(&odd, Span::new(3, 11), "L".into(), &analyzer)
            .bibtex()
            .starts_with("@article{2024a,"));
        // Outlet only: its first word.
        odd.meta.author = None;
        assert!(Citation::new(&odd, Span::new(3, 11), "L".into(), &Analyzer::new())
            .bibtex()
            .starts_with("@article{morning2024a,"));
        let ris = c.ris();
        assert!(ris.starts_with("TY  - NEWS\r\nTI  - Palantir_{wins} 100% of $330m & more\r\nAU  - Ana Ruiz\r\nT2  - Morning Star\r\nPY  - 2024\r\nDA  - 2024/04/03/\r\n"), "{ris}");
        assert!(
            ris.ends_with("N1  - Quoted: “The deal is done.”. Passage: https://q.example/?doc=a&sel=3-20\r\nER  - \r\n"),
            "{ris}"
        );
        let json: serde_json::Value = serde_json::from_str(&c.csl_json()).unwrap();
        let item = &json[0];
        assert_eq!(item["type"], "article-newspaper");
        assert_eq!(item["title"], "Palantir_{wins} 100% of $330m & more");
        assert_eq!(item["author"][0]["literal"], "Ana Ruiz");
        assert_eq!(item["container-title"], "Morning Star");
        assert_eq!(item["issued"]["date-parts"], serde_json::json!([[2024, 4, 3]]));
        assert_eq!(item["URL"], "https://example.org/a");
        assert!(item["note"].as_str().unwrap().contains("“The deal is done.”"));
    }

    #[test]
    fn a_bare_document_is_still_citable_and_a_bad_url_is_left_out() {
        let mut doc = crate::ingest::text_document("b", "", "שלום עולם");
        doc.meta.url = Some("javascript:alert(1)".into());
        doc.meta.date = Some(PartialDate::parse("2023").unwrap());
        let analyzer = Analyzer::new();
        let c = Citation::new(&doc, Span::new(0, doc.body.len()), "L".into(), &analyzer);
        assert!(c.bibtex().starts_with("@misc{quire2023,\n"), "{}", c.bibtex());
        assert!(!c.bibtex().contains("javascript") && !c.ris().contains("javascript") && !c.csl_json().contains("javascript"));
        assert!(c.ris().contains("DA  - 2023///\r\n"));
        let json: serde_json::Value = serde_json::from_str(&c.csl_json()).unwrap();
        assert_eq!(json[0]["issued"]["date-parts"], serde_json::json!([[2023]]));
        assert_eq!(json[0]["type"], "document");
    }
}
