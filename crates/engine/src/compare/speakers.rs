//! Quotes grouped by speaker: surnames joined to full names, and copies of
//! one quote (trimmed or reworded a little) grouped across documents.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::quote::Quote;
use crate::text::analyze::Analyzer;
use crate::text::document::{DocId, Document};

/// One quote, as a group of its occurrences across the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// Each occurrence: the document and the quote's index in
    /// [`Index::quotes`] of that document.
    pub occurrences: Vec<(DocId, usize)>,
}

/// A speaker and their quotes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The name, or `None` for quotes no one is named for.
    pub name: Option<String>,
    pub quotes: Vec<QuoteGroup>,
}

/// The longest common run of equal items.
fn longest_common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut prev = 0;
        for (j, y) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if x == y { prev + 1 } else { 0 };
            best = best.max(row[j + 1]);
            prev = cur;
        }
    }
    best
}

/// Whether two quotes (as stems) are the same quote: a common run of most
/// (60%) of the shorter one, so trimmed or slightly reworded copies match.
fn same_quote(a: &[String], b: &[String]) -> bool {
    let shorter = a.len().min(b.len());
    shorter > 0 && longest_common_run(a, b) * 10 >= shorter * 6
}

/// The keys under which a quote looks for copies of itself: its stem
/// trigrams (any two copies of four or more stems that are the same quote
/// share one), or the whole of a shorter quote.
fn quote_keys(stems: &[String]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let hash = |words: &[String]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words.hash(&mut h);
        h.finish()
    };
    if stems.len() < 4 {
        return vec![hash(stems)];
    }
    let mut keys: Vec<u64> = stems.windows(3).map(hash).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The initials of a name's capitalised words (`British Medical
/// Association` gives `BMA`; `of`, `and`, `for` and `the` are passed
/// over: `Israel Defense Forces` gives `IDF`).
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "of" | "and" | "for" | "the"))
        .collect();
    (words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase)))
        .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

/// Whether `name` is an acronym: one word of two to six capitals (and
/// digits), `BMA`, `IDF`.
fn is_acronym(name: &str) -> bool {
    let caps = name.chars().filter(char::is_ascii_uppercase).count();
    (2..=6).contains(&caps) && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Speakers that are one body under two names, each to the name it is
/// listed under:
/// - an acronym to the name it stands for: the one the corpus spells out
///   (`British Medical Association (BMA)`), if it spells out only one;
///   else the one speaker (not a person) whose initials it is;
/// - a national section to its body when that body is a speaker too
///   (`Amnesty International UK` to `Amnesty International`).
fn aliases<'a>(docs: &[&Document], names: &[&'a str]) -> HashMap<&'a str, String> {
    let acronyms: Vec<&str> = names.iter().copied().filter(|n| is_acronym(n)).collect();
    // `Full Name (ACR)` in any document, for the acronyms that speak.
    let mut spelt: HashMap<&str, Vec<String>> = HashMap::new();
    if !acronyms.is_empty() {
        for doc in docs {
            for (at, _) in doc.body.match_indices(" (") {
                let rest = &doc.body[at + 2..];
                let Some(close) = rest.bytes().take(8).position(|b| b == b')') else {
                    continue;
                };
                let Some(&acronym) = acronyms.iter().find(|a| **a == &rest[..close]) else {
                    continue;
                };
                let before: Vec<&str> = doc.body[..at].split_whitespace().rev().take(acronym.len() + 3).collect();
                // The shortest run of words before it whose initials are it.
                for n in 2..=before.len() {
                    let run = before[..n].iter().rev().copied().collect::<Vec<_>>().join(" ");
                    if initials(&run).as_deref() == Some(acronym) {
                        let found = spelt.entry(acronym).or_default();
                        if !found.contains(&run) {
                            found.push(run);
                        }
                        break;
                    }
                }
            }
        }
    }
    let person = |n: &str| n.split(' ').next().is_some_and(crate::text::entity::first_name);
    let mut out = HashMap::new();
    for acronym in acronyms {
        let full = match spelt.get(acronym).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            Some(_) => None,
            None => {
                let of: Vec<&&str> = names
                    .iter()
                    .filter(|n| !person(n) && initials(n).as_deref() == Some(acronym))
                    .collect();
                (of.len() == 1).then(|| of[0].to_string())
            }
        };
        if let Some(full) = full {
            out.insert(acronym, full);
        }
    }
    for name in names {
        for section in [" UK", " US", " USA"] {
            if let Some(body) = name.strip_suffix(section).filter(|b| names.contains(b)) {
                out.insert(*name, body.to_string());
            }
        }
    }
    out
}

/// Groups the quotes of a corpus by speaker (surnames alone merged into
/// the full name used elsewhere, one body's names into one: see
/// [`aliases`]), and within a speaker the copies of one
/// quote together. Candidates come from shared stem trigrams, so a corpus
/// of thousands of quotes groups in near-linear time.
pub(crate) fn speakers(analyzer: &Analyzer, docs: &[&Document], quotes: &[Vec<Quote>]) -> Vec<Speaker> {
    let mut names: Vec<&str> = Vec::new();
    for q in quotes.iter().flatten() {
        if let Some(s) = &q.speaker {
            if !names.contains(&s.as_str()) {
                names.push(s);
            }
        }
    }
    let aliases = aliases(docs, &names);
    let key_of = |s: &Option<String>| -> Option<String> {
        let s = s.as_ref()?;
        let s = aliases.get(s.as_str()).unwrap_or(s);
        if !s.contains(' ') {
            if let Some(full) = names.iter().find(|n| n.contains(' ') && n.rsplit(' ').next() == Some(s.as_str())) {
                return Some(full.to_string());
            }
        }
        Some(s.clone())
    };
    // Per speaker: each quote (document, index) with its stems.
    type Stemmed = (DocId, usize, Vec<String>);
    let mut by_speaker: HashMap<Option<String>, Vec<Stemmed>> = HashMap::new();
    for (d, doc_quotes) in quotes.iter().enumerate() {
        let doc = docs[d];
        for (i, q) in doc_quotes.iter().enumerate() {
            let stems: Vec<String> = analyzer
                .terms(&q.text(&doc.body))
                .iter()
                .map(|t| analyzer.stem(t).into_owned())
                .collect();
            by_speaker.entry(key_of(&q.speaker)).or_default().push((DocId(d as u32), i, stems));
        }
    }
    let total = |s: &Speaker| s.quotes.iter().map(|q| q.occurrences.len()).sum::<usize>();
    let mut speakers: Vec<Speaker> = by_speaker
        .into_iter()
        .map(|(name, quotes)| {
            // Each group: its longest copy's stems and its occurrences.
            let mut groups: Vec<(Vec<String>, QuoteGroup)> = Vec::new();
            let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
            for (d, i, stems) in quotes {
                let keys = quote_keys(&stems);
                let mut candidates: Vec<usize> = keys.iter().filter_map(|k| by_key.get(k)).flatten().copied().collect();
                candidates.sort_unstable();
                candidates.dedup();
                let found = candidates.into_iter().find(|&g| same_quote(&groups[g].0, &stems));
                let g = match found {
                    Some(g) => {
                        groups[g].1.occurrences.push((d, i));
                        if stems.len() > groups[g].0.len() {
                            groups[g].0 = stems;
                        }
                        g
                    }
                    None => {
                        groups.push((stems, QuoteGroup { occurrences: vec![(d, i)] }));
                        groups.len() - 1
                    }
                };
                for k in keys {
                    let list = by_key.entry(k).or_default();
                    if !list.contains(&g) {
                        list.push(g);
                    }
                }
            }
            let mut quotes: Vec<QuoteGroup> = groups.into_iter().map(|(_, g)| g).collect();
            quotes.sort_by_key(|g| std::cmp::Reverse(g.occurrences.len()));
            Speaker { name, quotes }
        })
        .collect();
    speakers.sort_by(|a, b| {
        (a.name.is_none(), std::cmp::Reverse(total(a)), &a.name).cmp(&(b.name.is_none(), std::cmp::Reverse(total(b)), &b.name))
    });
    speakers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::quote;
    use crate::ingest::text_document;

    fn grouped(bodies: &[&str]) -> Vec<Speaker> {
        let docs: Vec<Document> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| text_document(&format!("d{i}"), "", b))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let analyzer = Analyzer::new();
        let quotes: Vec<Vec<Quote>> = refs.iter().map(|d| quote::quotes(&analyzer, d)).collect();
        speakers(&analyzer, &refs, &quotes)
    }

    #[test]
    fn one_body_under_two_names_is_one_speaker() {
        assert_eq!(initials("British Medical Association").as_deref(), Some("BMA"));
        assert_eq!(initials("Israel Defence Forces").as_deref(), Some("IDF"));
        assert_eq!(initials("Department of Health and Social Care").as_deref(), Some("DHSC"));
        assert_eq!(initials("Palantir"), None);
        assert!(is_acronym("BMA") && is_acronym("HW4FP") && !is_acronym("Bma") && !is_acronym("NATIONAL"));
        let names = |s: &[Speaker]| {
            let mut n: Vec<String> = s.iter().filter_map(|s| s.name.clone()).collect();
            n.sort();
            n
        };
        // An acronym joins the name it stands for, spoken or spelt out.
        let s = grouped(&[
            "The BMA said: “We have no faith in this platform at all.”",
            "The British Medical Association said: “The contract is eye-watering and worrying.”",
        ]);
        assert_eq!(names(&s), ["British Medical Association"]);
        let s = grouped(&[
            "The Israel Defence Forces (IDF) run it. The IDF said: “It is a strategic partnership for us.”",
            "The IDF said: “It serves war-related missions in the region.”",
        ]);
        assert_eq!(names(&s), ["Israel Defence Forces"]);
        // A national section joins its body when the body speaks too; an
        // acronym nothing spells out stays as it is.
        let s = grouped(&[
            "Amnesty International UK said: “Cease all contracts with the firm now.”",
            "Amnesty International said: “These are serious human rights abuses.”",
            "HW4FP said: “NHS England must cancel its contract now.”",
        ]);
        assert_eq!(names(&s), ["Amnesty International", "HW4FP"]);
        // Two names with the same initials: the acronym joins neither; a
        // person's initials are no acronym of theirs.
        let s = grouped(&[
            "The CMA said: “We will look at this merger closely.”",
            "The Consumer Markets Authority said: “Markets must stay open.”",
            "The Canadian Medical Association said: “Doctors need the data too.”",
            "Ben Thomas said: “I was not consulted about it.” BT said: “We keep the lines open.”",
        ]);
        assert_eq!(
            names(&s),
            [
                "BT",
                "Ben Thomas",
                "CMA",
                "Canadian Medical Association",
                "Consumer Markets Authority"
            ]
        );
        // Spelt out in the corpus, once: that name.
        let s = grouped(&[
            "The Competition and Markets Authority (CMA) opened a case. The CMA said: “We will look at it.”",
            "The Canadian Medical Association said: “Doctors need the data too.”",
        ]);
        assert_eq!(names(&s), ["Canadian Medical Association", "Competition and Markets Authority"]);
        // `NHS England` is not `NHS`: only UK, US and USA are sections.
        let s = grouped(&[
            "NHS England said: “Access to the data is controlled.”",
            "The NHS said: “Patients come first in all we do.”",
        ]);
        assert_eq!(names(&s), ["NHS", "NHS England"]);
    }

    #[test]
    fn a_trimmed_copy_joins_its_quote_and_a_surname_joins_the_full_name() {
        let s = grouped(&[
            "“We are going to be the operating system of the health service for decades to come,” Alex Karp said.",
            "Mr Karp added: “We are going to be the operating system of the health service.”",
            "“Nothing about this deal was ever put to the public,” Alex Karp said.",
        ]);
        let karp = s.iter().find(|s| s.name.as_deref() == Some("Alex Karp")).expect("Karp");
        let sizes: Vec<usize> = karp.quotes.iter().map(|q| q.occurrences.len()).collect();
        assert_eq!(sizes, vec![2, 1], "{s:?}");
        assert_eq!(
            karp.quotes[0].occurrences.iter().map(|o| o.0).collect::<Vec<_>>(),
            vec![DocId(0), DocId(1)]
        );
    }

    #[test]
    fn different_quotes_of_one_speaker_stay_apart() {
        let s = grouped(&[
            "“The platform will free up clinicians to spend more time with patients,” a spokesperson said.",
            "“Patients will be able to opt out of the data sharing arrangements,” a spokesperson said.",
        ]);
        let total: usize = s.iter().map(|s| s.quotes.len()).sum();
        assert_eq!(total, 2, "{s:?}");
    }
}
