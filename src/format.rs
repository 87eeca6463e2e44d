//! How numbers, bylines and excerpts read on the page: one home for each,
//! so every view writes them alike. Float formatting is done by hand: the
//! standard library's would add 10 KB to the wasm.

use quire_engine::Document;

/// A share from 0 to 1 as a whole percentage: `43%`.
pub fn percent(share: f32) -> String {
    format!("{}%", (share.clamp(0.0, 1.0) * 100.0).round() as u32)
}

/// A share from 0 to 1 to a tenth of a percent: `12.5%`.
pub fn percent_tenths(share: f32) -> String {
    let tenths = (share.clamp(0.0, 1.0) * 1000.0).round() as u32;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A score with two decimals: `1.25`.
pub fn decimals2(x: f32) -> String {
    let hundredths = (x.max(0.0) * 100.0).round() as u64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A size in bytes as people read it: `820 KB`, `5.2 MB`.
pub fn bytes(n: usize) -> String {
    if n < 1_000_000 {
        format!("{} KB", n.div_ceil(1000))
    } else {
        format!("{}.{} MB", n / 1_000_000, n % 1_000_000 / 100_000)
    }
}

/// `1 quote`, `3 quotes`: a count with its noun, singular or plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The parts of a document's byline that it has: outlet, date and (with
/// `author`) author.
fn byline_parts(doc: &Document, author: bool) -> Vec<String> {
    let meta = &doc.meta;
    let mut parts: Vec<String> = meta.source.iter().cloned().collect();
    parts.extend(meta.date.map(|d| d.to_string()));
    if author {
        parts.extend(meta.author.iter().cloned());
    }
    parts
}

/// Outlet · date · author, or `None` when the document has none of them.
pub fn byline(doc: &Document) -> Option<String> {
    let parts = byline_parts(doc, true);
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Outlet · date, short, for lists; empty when neither is known.
pub fn outlet_date(doc: &Document) -> String {
    byline_parts(doc, false).join(" · ")
}

/// Outlet · date, short, for lists: "Outlet and date unknown" when neither
/// is known.
pub fn short_byline(doc: &Document) -> String {
    match outlet_date(doc) {
        s if s.is_empty() => "Outlet and date unknown".to_string(),
        s => s,
    }
}

/// At most `n` words of `text`, whitespace (line breaks, no-break spaces)
/// made single spaces, with "…" when cut.
pub fn excerpt(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

/// Whitespace runs as single spaces: text of a span on one line.
pub fn one_line(text: &str) -> String {
    excerpt(text, usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::ingest::text_document;
    use quire_engine::PartialDate;

    #[test]
    fn table_of_numbers() {
        let shares = [
            (0.0, "0%", "0.0%"),
            (0.125, "13%", "12.5%"),
            (0.4375, "44%", "43.8%"),
            (1.0, "100%", "100.0%"),
            (1.7, "100%", "100.0%"),
            (-1.0, "0%", "0.0%"),
        ];
        for (x, whole, tenths) in shares {
            assert_eq!((percent(x).as_str(), percent_tenths(x).as_str()), (whole, tenths), "{x}");
        }
        for (n, text) in [
            (0, "0 KB"),
            (1, "1 KB"),
            (999_999, "1000 KB"),
            (1_000_000, "1.0 MB"),
            (5_249_999, "5.2 MB"),
        ] {
            assert_eq!(bytes(n), text);
        }
        assert_eq!(
            (count(1, "quote", "quotes"), count(0, "quote", "quotes")),
            ("1 quote".into(), "0 quotes".into())
        );
        assert_eq!(
            (decimals2(1.254), decimals2(0.005), decimals2(-3.0)),
            ("1.25".into(), "0.01".into(), "0.00".into())
        );
    }

    #[test]
    fn bylines_name_what_is_known() {
        let mut doc = text_document("a", "t", "body");
        assert_eq!((byline(&doc), short_byline(&doc)), (None, "Outlet and date unknown".to_string()));
        assert_eq!(outlet_date(&doc), "");
        doc.meta.source = Some("Morning Star".into());
        doc.meta.date = Some(PartialDate::parse("2024-04").unwrap());
        doc.meta.author = Some("A. Writer".into());
        assert_eq!(byline(&doc).as_deref(), Some("Morning Star · 2024-04 · A. Writer"));
        assert_eq!(short_byline(&doc), "Morning Star · 2024-04");
    }

    #[test]
    fn excerpts_cut_at_words_whatever_the_whitespace() {
        assert_eq!(excerpt("one\u{a0}two\n\nthree\u{3000}four", 3), "one two three …");
        assert_eq!(excerpt("  a  b ", 5), "a b");
        assert_eq!(one_line("e\u{301}\n🙂\u{2009}שלום"), "e\u{301} 🙂 שלום");
    }
}
