//! The Quotes view's content for a set of results: each speaker with the
//! quotes found in the results, each quote once, in its longest copy,
//! with the documents that carried it, earliest first.

use quire_engine::AnalysisPart;
use quire_engine::{DocId, Index};

/// One quote and who carried it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QuoteEntry {
    /// The longest copy: its document and the quote's index there (its
    /// text is read when the quote is shown: see [`QuoteEntry::text`]).
    pub longest: (DocId, usize),
    /// One occurrence per document carrying it (the document and the
    /// quote's index there), earliest dated first, undated last.
    pub carriers: Vec<(DocId, usize)>,
}

impl QuoteEntry {
    /// The longest copy's text: reads its document.
    pub fn text(&self, index: &Index) -> String {
        let (doc, i) = self.longest;
        let quotes = index.analysis(&[AnalysisPart::Quotes]).quotes(doc);
        quotes.get(i).map(|q| q.text(&index.doc(doc).body)).unwrap_or_default()
    }
}

/// A speaker (`None`: unattributed) and their quotes in the results.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SpeakerEntry {
    pub name: Option<String>,
    pub quotes: Vec<QuoteEntry>,
}

/// The speakers of the corpus, most quoted first, kept to the quotes
/// carried by documents `in_results` accepts.
pub fn speakers_in(index: &Index, in_results: impl Fn(DocId) -> bool) -> Vec<SpeakerEntry> {
    let analysis = index.analysis(&[AnalysisPart::Quotes]);
    let date = |d: DocId| index.first_day(d).unwrap_or(u32::MAX);
    let length = |&(d, i): &(DocId, usize)| {
        analysis
            .quotes(d)
            .get(i)
            .map_or(0, |q| q.parts.iter().map(|p| p.len()).sum::<usize>())
    };
    analysis
        .speakers()
        .iter()
        .filter_map(|speaker| {
            let quotes: Vec<QuoteEntry> = speaker
                .quotes
                .iter()
                .filter_map(|group| {
                    let mut occurrences: Vec<(DocId, usize)> = group.occurrences.iter().copied().filter(|(d, _)| in_results(*d)).collect();
                    let &longest = occurrences.iter().max_by_key(|o| length(o))?;
                    occurrences.sort_by_key(|&(d, i)| (date(d), d, i));
                    // A quote said twice in one document is listed once for it.
                    occurrences.dedup_by_key(|o| o.0);
                    Some(QuoteEntry {
                        longest,
                        carriers: occurrences,
                    })
                })
                .collect();
            (!quotes.is_empty()).then(|| SpeakerEntry {
                name: speaker.name.clone(),
                quotes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::ingest::text_document;
    use quire_engine::{IndexBuilder, PartialDate};

    #[test]
    fn a_quote_is_listed_once_with_its_carriers_earliest_first() {
        let mut b = IndexBuilder::new();
        let texts = [
            (
                "late",
                "2024-05-02",
                "“We are going to be the operating system of the health service for decades,” Alex Karp said.",
            ),
            (
                "early",
                "2024-05-01",
                "Alex Karp said: “We are going to be the operating system of the health service.”",
            ),
            (
                "other",
                "2024-06-01",
                "“Nothing about this deal was ever put to the public,” a campaigner said.",
            ),
        ];
        for (id, date, body) in texts {
            let mut doc = text_document(id, "", body);
            doc.meta.date = Some(PartialDate::parse(date).unwrap());
            b.add(doc).unwrap();
        }
        let index = b.build();
        let all = speakers_in(&index, |_| true);
        let karp = all.iter().find(|s| s.name.as_deref() == Some("Alex Karp")).expect("Karp");
        assert_eq!(karp.quotes.len(), 1);
        let q = &karp.quotes[0];
        let text = q.text(&index);
        assert!(text.contains("for decades"), "the longest copy: {text}");
        let ids: Vec<&str> = q.carriers.iter().map(|&(d, _)| index.id(d)).collect();
        assert_eq!(ids, ["early", "late"]);
        // Kept to the results: only the late copy, and no speaker without quotes.
        let late = index.find("late").unwrap();
        let some = speakers_in(&index, |d| d == late);
        assert_eq!(some.len(), 1);
        assert_eq!(some[0].quotes[0].carriers, [(late, 0)]);
        assert!(speakers_in(&index, |_| false).is_empty());
    }
}
