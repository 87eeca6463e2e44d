//! Named entities: people, organisations, places, amounts of money,
//! dates and percentages, found by rules in plain Rust (no model to
//! download), the same at build time and for files added in the page.
//!
//! - Numbers first: money (`£330m`, `$1bn`, `330 million pounds`),
//!   percentages (`5%`, `12 per cent`), dates with a year (`April 3,
//!   2024`, `18 September 2025`, `November 2023`, `2003`).
//! - Then runs of capitalised words (joined by `of`, `for`, `the`…),
//!   classed by what is around and inside them: honorifics and roles
//!   (`Dr`, `Prime Minister`, `CEO`) and cue words (`entrepreneur`,
//!   `firm`) before, a speech verb after, the last word (`Trust`,
//!   `Agency`), small gazetteers of places, organisations and first
//!   names, and acronyms the text defines (`Central Intelligence Agency
//!   (CIA)`).
//! - Last, within one document, short forms take the full name they
//!   stand for: `Thiel` and `Mr Thiel` are `Peter Thiel`, `CIA` is
//!   `Central Intelligence Agency`, `Star` is `Morning Star`.
//!
//! Precision and recall on hand-annotated articles are measured by
//! `tests/entities.rs` against `tests/fixtures/entities`.

pub(crate) mod lexicon;
mod number;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::document::Span;
use super::stopword::is_stop_word;
use lexicon::{listed, place};
pub use number::money_name;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    Person,
    Organisation,
    Place,
    Money,
    Date,
    Percent,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Person,
        Kind::Organisation,
        Kind::Place,
        Kind::Money,
        Kind::Date,
        Kind::Percent,
    ];

    /// The facet key users see in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "org",
            Kind::Place => "place",
            Kind::Money => "money",
            Kind::Date => "when",
            Kind::Percent => "percent",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// What one of the kind is called: "Person", "Organisation"…
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::Organisation => "Organisation",
            Kind::Place => "Place",
            Kind::Money => "Sum of money",
            Kind::Date => "Date",
            Kind::Percent => "Percentage",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Organisation => "Organisations",
            Kind::Place => "Places",
            Kind::Money => "Money",
            Kind::Date => "Dates mentioned",
            Kind::Percent => "Percentages",
        }
    }
}

/// One mention of an entity: its kind, where it is, and the entity's one
/// name (a full name for a short form; money, dates and percentages in
/// one written form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: Kind,
    pub span: Span,
    pub name: String,
}

/// A word of the text: letters and digits, with apostrophes, hyphens and
/// (between digits) commas and points inside.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// Followed by `’s`, which is not part of it.
    pub possessive: bool,
    /// First of a sentence, a line or a list item.
    pub sentence_start: bool,
    /// Only spaces (or ` & `) since the previous token, on one line.
    pub joins_prev: bool,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether `c` continues a word when `next` follows it.
fn inner(prev: char, c: char, next: Option<char>) -> bool {
    let Some(next) = next else { return false };
    match c {
        '\'' | '’' | '-' | '‐' => next.is_alphanumeric(),
        ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        '.' => (prev.is_ascii_digit() && next.is_ascii_digit()) || (prev.is_uppercase() && next.is_uppercase()),
        _ => false,
    }
}

/// Prefixes written before a name that are not part of it: `non-NHS`.
const PREFIXES: &[&str] = &["anti-", "ex-", "non-", "pro-"];

pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_alphanumeric() {
            k += 1;
            continue;
        }
        let mut start = chars[k].0;
        let mut j = k + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() || inner(chars[j - 1].1, c, chars.get(j + 1).map(|x| x.1)) {
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(text.len(), |x| x.0);
        k = j;
        let mut possessive = false;
        let word = &text[start..end];
        if let Some(stem) = word.strip_suffix('s') {
            if let Some(c) = stem.chars().next_back().filter(|&c| is_apostrophe(c) && stem.len() > c.len_utf8()) {
                end = start + stem.len() - c.len_utf8();
                possessive = true;
            }
        }
        for prefix in PREFIXES {
            let w = &text[start..end];
            if w.len() > prefix.len() && w.starts_with(prefix) && w[prefix.len()..].starts_with(char::is_uppercase) {
                start += prefix.len();
            }
        }
        let before = &text[..start];
        let lead = before.trim_end_matches(|c: char| {
            (c.is_whitespace() && c != '\n') || matches!(c, '“' | '‘' | '"' | '\'' | '(' | '[' | '•' | '*' | '–' | '—')
        });
        let sentence_start = lead.is_empty() || lead.ends_with(['.', '!', '?', ':', ';', '\n']);
        let joins_prev = out.last().is_some_and(|p| {
            let gap = &text[p.end..start];
            !p.possessive
                && !gap.is_empty()
                && !gap.contains('\n')
                && gap.chars().all(|c| c.is_whitespace() || c == '&')
                && gap.chars().filter(|&c| c == '&').count() <= 1
        });
        out.push(Token {
            start,
            end,
            possessive,
            sentence_start,
            joins_prev,
        });
    }
    out
}

/// Lower-case words that may join capitalised ones into one name
/// (`Department of Health`, `Health Workers for a Free Palestine`).
const CONNECTORS: &[&str] = &["a", "and", "de", "der", "du", "for", "la", "le", "of", "the", "van", "von"];

fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase) || listed(lexicon::ORGS, word)
}

fn all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// Words as a name: a shouted name in title case (`JOHN PUNTIS`,
/// `PALANTIR`), a lone word of up to five capitals as written: an acronym
/// (`NHSE`, `NATO`, `GCHQ`).
fn name_of(words: &[&str]) -> String {
    match words {
        [one] if one.chars().filter(|c| c.is_alphabetic()).count() <= 5 => one.to_string(),
        _ => words.iter().map(|w| title(w)).collect::<Vec<_>>().join(" "),
    }
}

/// `JOHN PUNTIS` as `John Puntis`; other words as written.
fn title(word: &str) -> String {
    if all_caps(word) && word.chars().filter(|c| c.is_alphabetic()).count() > 3 {
        let mut chars = word.chars();
        chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect()
    } else {
        word.to_string()
    }
}

/// The most words a run holds: no name is longer, and shouted text (a
/// whole page in capitals) is cut into runs this long, which keeps the
/// work per run small.
const MAX_RUN: usize = 10;

/// A run of tokens that may be a name: `first..end`.
#[derive(Clone, Copy, Debug)]
struct Run {
    first: usize,
    end: usize,
}

struct Tagger<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    used: Vec<bool>,
}

impl<'t> Tagger<'t> {
    fn word(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn words(&self, run: Run) -> Vec<&'t str> {
        (run.first..run.end).map(|i| self.word(i)).collect()
    }

    fn span(&self, run: Run) -> Span {
        Span::new(self.tokens[run.first].start, self.tokens[run.end - 1].end)
    }

    /// The name the run's words make, spaces normalised.
    fn name(&self, run: Run) -> String {
        name_of(&self.words(run))
    }

    fn cap(&self, i: usize) -> bool {
        !self.used[i] && capitalised(self.word(i)) && !self.word(i).starts_with(|c: char| c.is_ascii_digit())
    }

    /// Maximal runs of capitalised words, joined by connectors; a
    /// possessive ends a run.
    fn runs(&self) -> Vec<Run> {
        let n = self.tokens.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if !self.cap(i) {
                i += 1;
                continue;
            }
            let first = i;
            let mut end = i + 1;
            while end < n && end - first < MAX_RUN && !self.tokens[end - 1].possessive {
                if !self.tokens[end].joins_prev {
                    break;
                }
                if self.cap(end) {
                    end += 1;
                    continue;
                }
                // Up to two connectors, then a capitalised word.
                let mut k = end;
                while k < n && k < end + 2 && listed(CONNECTORS, self.word(k)) && self.tokens[k].joins_prev {
                    k += 1;
                }
                if k > end && k < n && self.tokens[k].joins_prev && self.cap(k) {
                    end = k + 1;
                } else {
                    break;
                }
            }
            out.push(Run { first, end });
            i = end;
        }
        out
    }

    /// Drops the function words a run starts with (`The`, `In`, `Our`),
    /// and splits it at `and` unless the whole is one organisation
    /// (`Immigration and Customs Enforcement`).
    fn trim(&self, run: Run) -> Vec<Run> {
        let mut first = run.first;
        while first < run.end {
            let w = self.word(first);
            let function = !all_caps(w) && is_stop_word(&w.to_lowercase());
            if function || listed(CONNECTORS, w) {
                first += 1;
            } else {
                break;
            }
        }
        if first == run.end {
            return Vec::new();
        }
        let run = Run { first, end: run.end };
        let last = self.word(run.end - 1);
        if listed(lexicon::ORG_HEADS, last) {
            return vec![run];
        }
        let mut out = Vec::new();
        let mut start = run.first;
        for i in run.first..run.end {
            if self.word(i) == "and" {
                out.extend(self.trim(Run { first: start, end: i }));
                start = i + 1;
            }
        }
        if start == run.first {
            out.push(run);
        } else {
            out.extend(self.trim(Run {
                first: start,
                end: run.end,
            }));
        }
        out
    }

    fn lower_before(&self, run: Run) -> Option<&'t str> {
        let i = run.first.checked_sub(1)?;
        self.tokens[run.first].joins_prev.then(|| self.word(i))
    }

    fn word_after(&self, run: Run) -> Option<&'t str> {
        (run.end < self.tokens.len() && self.tokens[run.end].joins_prev).then(|| self.word(run.end))
    }

    /// The run ends a clause that `said` or `says` opens: `…, said Cori
    /// Crider.`
    fn said_by(&self, run: Run) -> bool {
        let after = self.text[self.tokens[run.end - 1].end..].trim_start();
        self.lower_before(run).is_some_and(|w| matches!(w, "said" | "says")) && (after.is_empty() || after.starts_with(['.', ',', ';']))
    }

    /// An acronym in brackets just after the run: `Agency (CIA)`.
    fn defined_acronym(&self, run: Run) -> Option<&'t str> {
        let t = self.tokens.get(run.end)?;
        let gap = &self.text[self.tokens[run.end - 1].end..t.start];
        let w = self.word(run.end);
        let closed = self.text[t.end..].starts_with(')');
        (gap.trim() == "(" && closed && all_caps(w) && w.len() >= 2).then_some(w)
    }
}

/// What a run was found to be, before coreference.
#[derive(Clone, Debug)]
struct Found {
    kind: Kind,
    run: Run,
    name: String,
}

/// An organisation's name without a legal ending: `Palantir Technologies`
/// is `Palantir`.
fn org_name(words: &[&str]) -> String {
    let mut end = words.len();
    while end > 1 && listed(lexicon::ORG_LEGAL, words[end - 1]) {
        end -= 1;
    }
    name_of(&words[..end])
}

/// Whether `word` is a known first name (any case).
pub(crate) fn first_name(word: &str) -> bool {
    listed(lexicon::FIRST_NAMES, &title(word))
}

impl<'t> Tagger<'t> {
    /// Classes one trimmed run, or splits it into the runs it holds.
    fn classify(&self, run: Run, acronyms: &mut HashMap<String, Found>, out: &mut Vec<Found>) {
        let words = self.words(run);
        let n = words.len();
        let surface = words.join(" ");
        let push = |out: &mut Vec<Found>, kind: Kind, run: Run, name: String| out.push(Found { kind, run, name });
        // A leading `US`/`UK` before more: a place of its own.
        if n > 1 && matches!(words[0], "US" | "UK" | "U.S" | "U.K" | "USA") {
            push(
                out,
                Kind::Place,
                Run {
                    first: run.first,
                    end: run.first + 1,
                },
                place(words[0]).unwrap_or(words[0]).into(),
            );
            return self.classify(
                Run {
                    first: run.first + 1,
                    end: run.end,
                },
                acronyms,
                out,
            );
        }
        if let Some(p) = place(&surface) {
            return push(out, Kind::Place, run, p.into());
        }
        // A role or honorific, then a name: the name is a person's.
        if let Some(r) = (run.first..run.end).rev().find(|&i| {
            let w = self.word(i);
            (listed(lexicon::ROLES, w) || listed(lexicon::HONORIFICS, w))
                && i + 1 < run.end
                && !listed(lexicon::ADDRESSES, self.word(i + 1))
        }) {
            let name = Run {
                first: r + 1,
                end: run.end,
            };
            if (name.first..name.end).all(|i| !listed(CONNECTORS, self.word(i))) && name.end - name.first <= 3 {
                // What comes before the role may be an employer:
                // `Palantir CEO Alex Karp`.
                let before = Run { first: run.first, end: r };
                if before.end > before.first {
                    let mut held = Vec::new();
                    self.classify(before, acronyms, &mut held);
                    out.extend(held.into_iter().filter(|f| f.kind != Kind::Person));
                }
                return push(out, Kind::Person, name, self.name(name));
            }
        }
        if n > 1 && matches!(words[n - 1], "MP" | "QC" | "KC") {
            let name = Run {
                first: run.first,
                end: run.end - 1,
            };
            return push(out, Kind::Person, name, self.name(name));
        }
        // Organisations: by the last word (a trailing country aside:
        // `Amnesty International UK`), a first word with `of`, or a
        // known name with a country (`NHS England`).
        let mut core = n;
        while core > 1 && place(words[core - 1]).is_some() {
            core -= 1;
        }
        let org_by_form = listed(lexicon::ORG_HEADS, words[core - 1]) && core > 1
            || words.windows(3).any(|w| listed(lexicon::ORG_FIRSTS, w[0]) && w[1] == "of")
            || listed(lexicon::ORGS, &words[..core].join(" "));
        if org_by_form {
            return self.organisation(run, &words, acronyms, out);
        }
        // People: a known first name, a cue word before, a speech verb
        // after.
        let plain = (run.first..run.end).all(|i| !listed(CONNECTORS, self.word(i)));
        if plain && (2..=3).contains(&n) {
            let cue = self
                .lower_before(run)
                .is_some_and(|w| listed(lexicon::PERSON_CUES, &w.to_lowercase()));
            let speaks = self.word_after(run).is_some_and(|w| listed(lexicon::PERSON_SPEECH_VERBS, w)) || self.said_by(run);
            if first_name(words[0]) || cue || (speaks && !all_caps(words[0])) {
                return push(out, Kind::Person, run, self.name(run));
            }
        }
        if n > 1 {
            // A name the text defines with an acronym, with a connector
            // or a plural in it (`Health Workers for a Free Palestine
            // (HW4FP)`), is an organisation.
            if self.defined_acronym(run).is_some() && (!plain || words.iter().any(|w| w.ends_with('s'))) {
                return self.organisation(run, &words, acronyms, out);
            }
            // Otherwise the known names inside it, longest first:
            // `Hackney Protests Palantir`, `Support the Morning Star`.
            let mut i = run.first;
            while i < run.end {
                let known = (2..=3.min(run.end - i)).rev().find_map(|len| {
                    let sub = Run { first: i, end: i + len };
                    let name = self.words(sub).join(" ");
                    let kind = if place(&name).is_some() {
                        Kind::Place
                    } else if listed(lexicon::ORGS, &name) {
                        Kind::Organisation
                    } else {
                        return None;
                    };
                    Some(Found {
                        kind,
                        run: sub,
                        name: place(&name).map_or(name.clone(), str::to_string),
                    })
                });
                match known {
                    Some(f) => {
                        i = f.run.end;
                        out.push(f);
                    }
                    None => {
                        self.classify_single(Run { first: i, end: i + 1 }, out);
                        i += 1;
                    }
                }
            }
            return;
        }
        self.classify_single(run, out);
    }

    /// An organisation's mention; an acronym defined right after it
    /// (`(CIA)`) is kept as its short form.
    fn organisation(&self, run: Run, words: &[&str], acronyms: &mut HashMap<String, Found>, out: &mut Vec<Found>) {
        let name = org_name(words);
        if let Some(acronym) = self.defined_acronym(run) {
            acronyms.insert(
                acronym.to_string(),
                Found {
                    kind: Kind::Organisation,
                    run,
                    name: name.clone(),
                },
            );
        }
        out.push(Found {
            kind: Kind::Organisation,
            run,
            name,
        });
    }

    /// One word: a known place or organisation; what else it is is
    /// decided after the whole text is read (coreference).
    fn classify_single(&self, run: Run, out: &mut Vec<Found>) {
        let w = self.word(run.first);
        if let Some(p) = place(w) {
            out.push(Found {
                kind: Kind::Place,
                run,
                name: p.into(),
            });
        } else if listed(lexicon::ORGS, w) {
            out.push(Found {
                kind: Kind::Organisation,
                run,
                name: w.into(),
            });
        } else if !self.tokens[run.first].sentence_start && w.chars().count() > 2 && listed(lexicon::ORGS, &w.to_uppercase()) {
            // `Ice` for `ICE`, as some papers write acronyms.
            out.push(Found {
                kind: Kind::Organisation,
                run,
                name: w.to_uppercase(),
            });
        }
    }
}

/// The mentions of one entity among `mentions`, each with its index
/// there, in order: the `n`th is the entity's `n`th mention (as a line of
/// its concordance numbers it, and the reader counts it).
pub fn mentions_of<'m>(mentions: &'m [Mention], kind: Kind, name: &'m str) -> impl Iterator<Item = (usize, &'m Mention)> + 'm {
    mentions.iter().enumerate().filter(move |(_, m)| m.kind == kind && m.name == name)
}

/// The entity mentions of `text`, in order, none overlapping.
pub fn entities(text: &str) -> Vec<Mention> {
    let tokens = tokens(text);
    let mut tagger = Tagger {
        text,
        used: vec![false; tokens.len()],
        tokens,
    };
    let mut mentions = number::numeric(text, &tagger.tokens, &mut tagger.used);
    let runs: Vec<Run> = tagger.runs().into_iter().flat_map(|r| tagger.trim(r)).collect();
    let mut acronyms: HashMap<String, Found> = HashMap::new();
    let mut found: Vec<Found> = Vec::new();
    for &run in &runs {
        tagger.classify(run, &mut acronyms, &mut found);
    }
    // Words the first pass left: short forms of names found anywhere in
    // the text, acronyms it defines, and cue words. Looked up by word, so
    // a long text with many names stays linear.
    let mut covered = vec![false; tagger.tokens.len()];
    for f in &found {
        covered[f.run.first..f.run.end].fill(true);
    }
    let mut people: HashMap<String, String> = HashMap::new();
    let mut orgs: HashMap<&str, String> = HashMap::new();
    for f in found.iter().filter(|f| f.run.end - f.run.first > 1) {
        match f.kind {
            Kind::Person => {
                people.entry(title(tagger.word(f.run.end - 1))).or_insert_with(|| f.name.clone());
            }
            Kind::Organisation => {
                for w in [tagger.word(f.run.first), tagger.word(f.run.end - 1)] {
                    if !listed(lexicon::ORG_HEADS, w) {
                        orgs.entry(w).or_insert_with(|| f.name.clone());
                    }
                }
            }
            _ => {}
        }
    }
    let mut more = Vec::new();
    for &run in &runs {
        for i in (run.first..run.end).filter(|&i| !covered[i]) {
            let w = tagger.word(i);
            let one = Run { first: i, end: i + 1 };
            let honorific = i > 0 && listed(lexicon::HONORIFICS, tagger.word(i - 1));
            if listed(lexicon::HONORIFICS, w) || listed(lexicon::ROLES, w) || listed(CONNECTORS, w) || listed(lexicon::ADDRESSES, w) {
                continue;
            }
            if let Some(full) = people.get(&title(w)) {
                more.push(Found {
                    kind: Kind::Person,
                    run: one,
                    name: full.clone(),
                });
            } else if let Some(f) = acronyms.get(w) {
                more.push(Found {
                    kind: f.kind,
                    run: one,
                    name: f.name.clone(),
                });
            } else if let Some(full) = orgs.get(w) {
                more.push(Found {
                    kind: Kind::Organisation,
                    run: one,
                    name: full.clone(),
                });
            } else if honorific && run.end - run.first <= 2 {
                more.push(Found {
                    kind: Kind::Person,
                    run: one,
                    name: title(w),
                });
            } else if !tagger.tokens[i].sentence_start && run.end - run.first == 1 {
                let before = Run { first: i, end: i + 1 };
                let cue = tagger.lower_before(before).map(str::to_lowercase);
                if cue.as_deref().is_some_and(|c| listed(lexicon::ORG_CUES, c)) {
                    more.push(Found {
                        kind: Kind::Organisation,
                        run: one,
                        name: name_of(&[w]),
                    });
                }
            }
        }
    }
    found.extend(more);
    // Short forms the first pass named by themselves: an acronym the text
    // defines, and a surname after an honorific (`Mr Karp`).
    for f in &mut found {
        if f.run.end - f.run.first != 1 {
            continue;
        }
        let w = tagger.word(f.run.first);
        if let Some(a) = acronyms.get(w).filter(|a| a.run.first != f.run.first) {
            f.kind = a.kind;
            f.name = a.name.clone();
        } else if f.kind == Kind::Person {
            if let Some(full) = people.get(&title(w)) {
                f.name = full.clone();
            }
        }
    }
    mentions.extend(found.into_iter().map(|f| Mention {
        kind: f.kind,
        span: tagger.span(f.run),
        name: f.name,
    }));
    // The longer of two overlapping mentions stays.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    mentions.dedup_by(|b, a| a.span.overlaps(&b.span));
    mentions
}

#[cfg(test)]
mod tests;
