//! Quoted speech and who said it, as news writing marks it.
//!
//! Quotes are found between double quotes (`“…”`, `"…"`) and between single
//! quotes (`‘…’`, as British papers write them; a `’` followed by a letter
//! is an apostrophe, not a closing quote). A quote left open at the end of
//! a paragraph continues when the next paragraph opens with a quote mark,
//! the convention for long quotes.
//!
//! The speaker is found from the attribution around the quote:
//! - `“…,” X said` / `“…” said X` / `“…,” he said` after the quote;
//! - `X said: “…”`, `X told Y: “…”`, `X added: “…”`, `X said that “…”`
//!   before it, in its sentence, or in the paragraph before when the quote
//!   opens a paragraph (`She added:` ¶ `“…”`);
//! - `a spokesperson for NHS England said` gives "NHS England spokesperson";
//! - he, she and they stand for the last person quoted or named before;
//!   a surname alone (`Mr Karp`, `Macalpine`) for the full name used
//!   earlier in the document (`Alex Karp`).
//!
//! Quotes of fewer than [`MIN_WORDS`] words (scare quotes such as
//! ‘genocide enabler’) are kept only when a speaker is found.

use crate::text::analyze::Analyzer;
use crate::text::document::{Document, Span};
use crate::text::entity::first_name;
use crate::text::entity::lexicon::{listed, HONORIFICS, ORG_FIRSTS, ORG_HEADS, ROLES, SPEECH_VERBS};
use crate::text::stopword::is_stop_word;

/// Shorter quotes need a speaker to count as quoted speech.
pub const MIN_WORDS: usize = 4;

/// Quoted speech in a document's body.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Quote {
    /// The quoted text of each paragraph it spans, without the quote
    /// marks (spans into the body).
    pub parts: Vec<Span>,
    /// Who said it, as the document names them, in full when it can tell.
    pub speaker: Option<String>,
}

impl Quote {
    /// The quote's text, paragraphs joined by a space.
    pub fn text(&self, body: &str) -> String {
        self.parts.iter().map(|s| s.of(body).trim()).collect::<Vec<_>>().join(" ")
    }
}

/// Words that may stand between a speaker and the verb (`Mr Karp has also
/// insisted`, `Rishi Sunak last night told`).
const BETWEEN: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "previously",
    "earlier",
    "later",
    "then",
    "last",
    "night",
    "yesterday",
    "today",
    "this",
    "morning",
    "week",
    "however",
    "recently",
    "once",
    "repeatedly",
    "publicly",
    "further",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They"];

fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(&word.to_lowercase().as_str())
}

fn is_open(c: char) -> bool {
    matches!(c, '“' | '‘' | '"')
}

/// A word as written: letters, digits, apostrophes and hyphens.
fn words_with_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || ((c == '\'' || c == '’' || c == '-' || c == '.') && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..i].trim_end_matches(['\'', '’', '-', '.'])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim_end_matches(['\'', '’', '-', '.'])));
    }
    out.retain(|(_, w)| !w.is_empty());
    out
}

fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// The speaker named just before `words[verb]`: the capitalized words there
/// (skipping `has also`, `last night`…), or a `spokesperson for X`.
fn name_before(text: &str, words: &[(usize, &str)], verb: usize) -> Option<String> {
    // Only words with nothing but spaces between them make one name.
    let joined = |a: usize, b: usize| {
        let (start, word) = words[a];
        text[start + word.len()..words[b].0].chars().all(char::is_whitespace)
    };
    let mut i = verb;
    // The passive (`was urged`) names who was spoken to, not the speaker.
    if i > 0 && matches!(words[i - 1].1, "was" | "were" | "been" | "be" | "being") {
        return None;
    }
    while i > 0 && BETWEEN.contains(&words[i - 1].1) {
        i -= 1;
    }
    // `the BMA, which said`: the speaker is before the relative pronoun.
    let mut aside = false;
    if i > 0 && matches!(words[i - 1].1, "which" | "who") {
        i -= 1;
        aside = true;
    }
    let digits = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    // `Mr Thiel, 56, told`: skip an age set off by commas.
    if i >= 2 && digits(words[i - 1].1) && !joined(i - 2, i - 1) {
        i -= 1;
        aside = true;
    }
    let end = i;
    // The name ends right before the verb (or the words allowed between),
    // or is set off by commas (`The Health Secretary, Wes Streeting,
    // said`): in `…in the NHS’, also called for…` a name closed by a
    // quote mark is what the sentence is about, not who speaks.
    if !aside && end > 0 && end < words.len() {
        let (start, word) = words[end - 1];
        let gap = &text[start + word.len()..words[end].0];
        if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
            return None;
        }
    }
    while i > 0 && (capitalized(words[i - 1].1) || digits(words[i - 1].1)) && (i == end || joined(i - 1, i)) {
        i -= 1;
    }
    let organisation = i < end && {
        let from = organisation_start(text, words, i, end);
        let found = from < i;
        i = from;
        found
    };
    let run: Vec<&str> = words[i..end].iter().map(|(_, w)| *w).collect();
    // "a spokesperson for NHS England", "a No 10 spokesman".
    let role = |w: &str| matches!(w, "spokesperson" | "spokesman" | "spokeswoman" | "representative");
    if i >= 2 && words[i - 1].1 == "for" && role(words[i - 2].1) && !run.is_empty() {
        return Some(format!("{} spokesperson", run.join(" ")));
    }
    if end > 0 && role(words[end - 1].1) {
        let mut j = end - 1;
        while j > 0 && (capitalized(words[j - 1].1) || words[j - 1].1.chars().all(|c| c.is_ascii_digit())) {
            j -= 1;
        }
        let org: Vec<&str> = words[j..end - 1]
            .iter()
            .map(|(_, w)| *w)
            .skip_while(|w| matches!(*w, "A" | "An" | "The"))
            .collect();
        return (!org.is_empty()).then(|| format!("{} spokesperson", org.join(" ")));
    }
    if run.is_empty() {
        return None;
    }
    if run.len() == 1 && PRONOUNS.contains(&run[0]) {
        return Some(run[0].to_lowercase());
    }
    // A person: the last title-case words (an honorific may lead them);
    // otherwise the whole capitalized run (an organisation).
    let tail: Vec<&str> = run.iter().rev().take_while(|w| title_case(w)).copied().collect();
    let name: Vec<&str> = if tail.len() >= 2 && !organisation {
        let mut t: Vec<&str> = tail.into_iter().rev().collect();
        // At most an honorific and three names.
        let keep = if HONORIFICS.contains(&t[0]) { 4 } else { 3 };
        if t.len() > keep {
            t.drain(..t.len() - keep);
        }
        t
    } else {
        run
    };
    let mut name: Vec<&str> = name;
    // `Mr Thiel, 56, told`: an age is not part of the name.
    while name.len() > 1 && name.last().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
        name.pop();
    }
    let name = name.join(" ");
    (!name.is_empty()).then_some(name)
}

/// Where an organisation's name whose last capitalised words are
/// `words[first..end]` starts, when it holds connectors: `Competition and
/// Markets Authority`, `Department of Health and Social Care`. The name is
/// extended back across two connectors at most:
/// - across `and`, one title-case word that is no first name (`Competition
///   and`, not `BBC and`, `Mr Smith and`, `House Speaker Mike Johnson and`);
/// - across `of` or `for`, one word, or words ending in an organisation's
///   word (`Royal College of`, not `Professor Neil Ferguson of`).
///
/// The shortest name so extended that ends in an organisation's head word
/// or holds one (or an organisation's first word) before `of` or `for`,
/// and has no first name in it, is the organisation; else `first`.
fn organisation_start(text: &str, words: &[(usize, &str)], first: usize, end: usize) -> usize {
    let joined = |a: usize| {
        let (start, word) = words[a];
        text[start + word.len()..words[a + 1].0].chars().all(char::is_whitespace)
    };
    let head = |w: &str| listed(ORG_HEADS, w);
    let org_word = |w: &str| head(w) || listed(ORG_FIRSTS, w);
    let article = |w: &str| matches!(w, "The" | "A" | "An");
    let mut i = first;
    for _ in 0..2 {
        if i < 2 || !matches!(words[i - 1].1, "and" | "of" | "for") || !joined(i - 2) || !joined(i - 1) || !capitalized(words[i - 2].1) {
            break;
        }
        let connector = words[i - 1].1;
        let mut j = i - 1;
        while j > 0 && capitalized(words[j - 1].1) && joined(j - 1) {
            j -= 1;
        }
        let part: Vec<&str> = words[j..i - 1].iter().map(|(_, w)| *w).skip_while(|w| article(w)).collect();
        let crosses = match connector {
            "and" => part.len() == 1 && title_case(part[0]) && !first_name(part[0]),
            _ => part.len() == 1 || part.last().is_some_and(|w| org_word(w)),
        };
        if part.is_empty() || !crosses {
            break;
        }
        i = j;
        let name = &words[i..end];
        let named = head(name[name.len() - 1].1) || name.windows(2).any(|w| org_word(w[0].1) && matches!(w[1].1, "of" | "for"));
        if named && !name.iter().any(|(_, w)| first_name(w)) {
            return i;
        }
    }
    first
}

/// Where the sentence holding `at` starts.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    before
        .char_indices()
        .rev()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && before[i + 1..].starts_with(char::is_whitespace))
        .map_or(0, |(i, _)| i + 1)
}

/// Where the sentence holding `at` ends.
fn sentence_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    after
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && after[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map_or(text.len(), |(i, _)| at + i + 1)
}

/// The speaker named in `text` before a quote starting at `at`: the speech
/// verb nearest the quote in its sentence, and the name before it; failing
/// a name, the sentence's subject.
fn speaker_before(text: &str, at: usize) -> Option<String> {
    let start = sentence_start(text, at);
    let clause = &text[start..at];
    let words = words_with_spans(clause);
    let verb = words.iter().rposition(|(_, w)| is_speech_verb(w))?;
    // The verb's quote is the first after it, and those after it in the
    // same clause (`as ‘eye-watering’ and ‘deeply worrying’`, `compared
    // it to ‘Stockholm syndrome’`); a quote in a clause of its own
    // (`demanded “…” today after the company was granted “unlimited
    // access”`) is not the speaker's.
    let after_verb = &clause[words[verb].0..];
    if let Some(close) = last_closed_quote(after_verb) {
        // Conjunctions that open a clause of its own (not `because` or
        // `as`: `called it “a betrayal” because it would “destroy jobs”`
        // is still hers).
        const SUBORDINATE: &[&str] = &["after", "although", "though", "unless", "when", "whereas", "while"];
        if after_verb[close..].split_whitespace().any(|w| SUBORDINATE.contains(&w)) {
            return None;
        }
    }
    let passive = verb > 0 && matches!(words[verb - 1].1, "was" | "were" | "been" | "be" | "being");
    // `X, of Y, said` / `X, the director of Y, said`: an aside between
    // commas says who X is; X is the speaker, not the Y named last.
    let before_verb = clause[..words[verb].0].trim_end();
    if let Some(inner) = before_verb.strip_suffix(',') {
        if let Some(c) = inner.rfind(',') {
            if inner[c + 1..].trim_start().starts_with(char::is_lowercase) {
                if let Some(person) = names_in(&inner[..c]).pop() {
                    return Some(person);
                }
            }
        }
    }
    let near = name_before(clause, &words, verb);
    // `As Aneurin Bevan MP, the politician who…, once said`: a person named
    // before an aside beats a lone word just before the verb.
    let comma_before_verb = clause[..words[verb].0].contains(',');
    if comma_before_verb && near.as_ref().is_none_or(|n| !n.contains(' ')) {
        if let Some(person) = names_in(&clause[..words[verb].0]).into_iter().next() {
            return Some(person);
        }
    }
    near.or_else(|| {
        if passive {
            return None;
        }
        // The sentence's subject: its first capitalized run, when it is a
        // name (several words, or an acronym like BMA) rather than a
        // sentence's first word.
        let first = words.iter().take_while(|(_, w)| capitalized(w)).count();
        let subject: Vec<&str> = words[..first]
            .iter()
            .map(|(_, w)| *w)
            .skip_while(|w| is_stop_word(&w.to_lowercase()))
            .collect();
        let acronym = subject.len() == 1 && subject[0].chars().filter(|c| c.is_uppercase()).count() >= 2;
        ((subject.len() >= 2 || acronym) && first <= verb).then(|| subject.join(" "))
    })
}

/// Where the last quote closed in `text` ends: a closing mark after its
/// opening one (`’` after `‘`, `”` after `“`, a second `"`), so an
/// apostrophe (`doctors’ conference`, `Israel’s`) closes nothing.
fn last_closed_quote(text: &str) -> Option<usize> {
    let (mut single, mut double, mut straight) = (false, false, false);
    let mut last = None;
    for (i, c) in text.char_indices() {
        match c {
            '‘' => single = true,
            '“' => double = true,
            '’' if single => {
                single = false;
                last = Some(i);
            }
            '”' if double => {
                double = false;
                last = Some(i);
            }
            '"' => {
                if straight {
                    last = Some(i);
                }
                straight = !straight;
            }
            _ => {}
        }
    }
    last
}

/// The speaker named after a quote ending at `at`: `, X said` or `, said
/// X` right after it.
fn speaker_after(text: &str, at: usize) -> Option<String> {
    let end = sentence_end(text, at);
    let clause = &text[at..end];
    let words = words_with_spans(clause);
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let verb = words.iter().position(|(_, w)| is_speech_verb(w))?;
    if verb > 0 {
        // `X said`: the name is what comes before the verb.
        name_before(clause, &words, verb)
    } else {
        // `said X`: the capitalized words after the verb.
        let name: Vec<&str> = words[1..].iter().map(|(_, w)| *w).take_while(|w| capitalized(w)).collect();
        (!name.is_empty()).then(|| name.join(" "))
    }
}

/// Raw quotes of a document: spans of the quoted text per paragraph, and
/// where the first opens and the last closes.
struct Raw {
    parts: Vec<Span>,
    /// Index of the block the quote opens in, and of the one it closes in.
    first_block: usize,
    last_block: usize,
    open_at: usize,
    close_at: usize,
}

fn raw_quotes(doc: &Document) -> Vec<Raw> {
    let body = &doc.body;
    let blocks: Vec<(usize, usize)> = if doc.blocks.is_empty() {
        vec![(0, body.len())]
    } else {
        doc.blocks.iter().map(|b| (b.start, b.end)).collect()
    };
    let mut out: Vec<Raw> = Vec::new();
    // A quote still open at the end of the previous block.
    let mut open: Option<Raw> = None;
    for (k, &(start, end)) in blocks.iter().enumerate() {
        let text = &body[start..end];
        let mut chars = text.char_indices().peekable();
        // An open quote continues only into a block that opens with a mark.
        if let Some(mut raw) = open.take() {
            let first = text.trim_start().chars().next();
            if first.is_some_and(is_open) {
                let lead = text.len() - text.trim_start().len();
                let mark = first.map_or(1, char::len_utf8);
                // The continued part runs from after the mark.
                raw.parts.push(Span::new(start + lead + mark, start + lead + mark));
                raw.last_block = k;
                open = Some(raw);
                while chars.peek().is_some_and(|&(i, _)| i < lead + mark) {
                    chars.next();
                }
            } else {
                out.push(raw);
            }
        }
        let mut depth_double = open.is_some();
        let mut inner_single = false;
        for (i, c) in chars {
            let next = text[i + c.len_utf8()..].chars().next();
            let prev = text[..i].chars().next_back();
            match c {
                '“' | '"' if open.is_none() && (c == '“' || prev.is_none_or(|p| !p.is_alphanumeric())) => {
                    open = Some(Raw {
                        parts: vec![Span::new(start + i + c.len_utf8(), start + i + c.len_utf8())],
                        first_block: k,
                        last_block: k,
                        open_at: start + i,
                        close_at: start + i,
                    });
                    depth_double = true;
                }
                '‘' if open.is_none() => {
                    open = Some(Raw {
                        parts: vec![Span::new(start + i + c.len_utf8(), start + i + c.len_utf8())],
                        first_block: k,
                        last_block: k,
                        open_at: start + i,
                        close_at: start + i,
                    });
                    depth_double = false;
                }
                '‘' if depth_double => inner_single = true,
                '’' if inner_single && !next.is_some_and(char::is_alphabetic) => inner_single = false,
                '”' | '"' if depth_double && open.is_some() => {
                    let mut raw = open.take().expect("open");
                    raw.parts.last_mut().expect("a part").end = start + i;
                    raw.close_at = start + i + c.len_utf8();
                    out.push(raw);
                    depth_double = false;
                    inner_single = false;
                }
                '’' if !depth_double && open.is_some() && !next.is_some_and(char::is_alphabetic) => {
                    let mut raw = open.take().expect("open");
                    raw.parts.last_mut().expect("a part").end = start + i;
                    raw.close_at = start + i + c.len_utf8();
                    out.push(raw);
                }
                _ => {}
            }
        }
        if let Some(raw) = open.as_mut() {
            raw.parts.last_mut().expect("a part").end = end;
            raw.close_at = end;
        }
    }
    if let Some(raw) = open {
        out.push(raw);
    }
    out
}

/// The quotes of a document, with their speakers.
pub fn quotes(analyzer: &Analyzer, doc: &Document) -> Vec<Quote> {
    let body = &doc.body;
    let block_span = |k: usize| -> (usize, usize) { doc.blocks.get(k).map_or((0, body.len()), |b| (b.start, b.end)) };
    // Full names seen in the document, for surnames and pronouns.
    let mut people: Vec<String> = names_in(body);
    let mut last_person: Option<String> = None;
    // The last person quoted, and in which block; the holders of each
    // role the text names (see [`holders_of`]).
    let mut last_named: Option<(String, usize)> = None;
    let mut holders: std::collections::HashMap<String, Vec<(usize, String)>> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for raw in raw_quotes(doc) {
        let (bs, be) = block_span(raw.first_block);
        let (ls, le) = block_span(raw.last_block);
        let opens_block = body[bs..raw.open_at].trim().is_empty();
        let mut speaker =
            speaker_before(&body[bs..be], raw.open_at - bs).or_else(|| speaker_after(&body[ls..le], raw.close_at.min(le) - ls));
        if speaker.is_none() && opens_block && raw.first_block > 0 {
            // `She added:` or `X told Y they want the trust` ¶ “…”.
            let (ps, pe) = block_span(raw.first_block - 1);
            let previous = &body[ps..pe];
            if !previous.contains(['“', '”', '‘']) || previous.trim_end().ends_with(':') {
                speaker = speaker_before(previous, previous.len());
            }
        }
        // Names: pronouns stand for the last person quoted (or named);
        // a surname for the full name used in the document.
        let speaker = speaker.and_then(|s| {
            if PRONOUNS.contains(&s.as_str()) {
                return last_person.clone().or_else(|| names_in(&body[..raw.open_at]).pop());
            }
            canonical(&s, &people)
        });
        // A role (`the Prime Minister demanded`) is the person the text
        // ties to it: `Prime Minister Rishi Sunak` or `Rishi Sunak, the
        // Prime Minister` in the document, else the person quoted last,
        // in this paragraph or the one before.
        let speaker = speaker.map(|s| {
            if !is_role(&s) {
                return s;
            }
            let holders = holders.entry(s.clone()).or_insert_with(|| holders_of(body, &s));
            // The holder named nearest before the quote, else the first after.
            let named = holders
                .iter()
                .rev()
                .find(|(at, _)| *at < raw.open_at)
                .or(holders.first())
                .map(|(_, name)| name.clone());
            named
                .or_else(|| {
                    last_named
                        .as_ref()
                        .filter(|(_, block)| raw.first_block <= block + 1)
                        .map(|(name, _)| name.clone())
                })
                .unwrap_or(s)
        });
        // A person (a known first name, then a surname or two).
        if let Some(s) = &speaker {
            let words: Vec<&str> = s.split(' ').collect();
            if (2..=3).contains(&words.len()) && words.iter().all(|w| title_case(w)) && first_name(words[0]) && !is_role(s) {
                last_named = Some((s.clone(), raw.last_block));
            }
        }
        if let Some(s) = &speaker {
            if s.split(' ').count() >= 2 && s.split(' ').all(title_case) && !people.contains(s) {
                people.push(s.clone());
            }
            last_person = Some(s.clone());
        }
        let words: usize = raw.parts.iter().map(|p| analyzer.spans(&body[p.start..p.end]).count()).sum();
        let quote = Quote {
            parts: raw.parts.into_iter().filter(|p| p.end > p.start).collect(),
            speaker,
        };
        if quote.parts.is_empty() || words == 0 || (words < MIN_WORDS && quote.speaker.is_none()) {
            continue;
        }
        out.push(quote);
    }
    out
}

/// A speaker's name as shown: a leading article and honorifics dropped,
/// a surname alone resolved to the full name the document uses. A single capitalized word that is
/// neither a known surname, nor after an honorific, nor an acronym (`BMA`)
/// is probably a sentence's first word (`Campaigners called…`): no speaker.
fn canonical(name: &str, people: &[String]) -> Option<String> {
    // `The BMA said`, `The Health Secretary said`: the article is no part
    // of the name; `The Kremlin said` keeps it (one word alone is no name).
    let name = ["The ", "A ", "An "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .filter(|rest| rest.contains(' ') || rest.chars().filter(|c| c.is_uppercase()).count() >= 2)
        .unwrap_or(name);
    let parts: Vec<&str> = name.split(' ').collect();
    let honorific = HONORIFICS.contains(&parts[0]);
    let core: Vec<&str> = parts.into_iter().filter(|w| !HONORIFICS.contains(w)).collect();
    match core.as_slice() {
        [] => None,
        [one] => {
            if let Some(full) = people.iter().rev().find(|p| p.rsplit(' ').next() == Some(*one)) {
                return Some(full.clone());
            }
            let acronym = one.chars().filter(|c| c.is_uppercase()).count() >= 2;
            (honorific || acronym).then(|| one.to_string())
        }
        many => Some(many.join(" ")),
    }
}

/// Capitalised words that may stand before a role's last word in a role
/// alone (`Prime Minister`, `Shadow Health Secretary`).
const ROLE_WORDS: &[&str] = &[
    "Business",
    "Chief",
    "Culture",
    "Defence",
    "Deputy",
    "Education",
    "Energy",
    "Environment",
    "Executive",
    "First",
    "Foreign",
    "General",
    "Health",
    "Home",
    "Housing",
    "Interior",
    "Justice",
    "Prime",
    "Shadow",
    "State",
    "Trade",
    "Transport",
    "Treasury",
    "Vice",
    "Work",
];

/// Whether a speaker's name is a role alone (`Prime Minister`, `Health
/// Secretary`, `The Chancellor`): a role's word, after role words only
/// (`Stephen King`, `Jane Smith MP` are people).
fn is_role(name: &str) -> bool {
    let words: Vec<&str> = name.strip_prefix("The ").unwrap_or(name).split(' ').collect();
    let Some((last, before)) = words.split_last() else { return false };
    words.len() <= 3 && *last != "MP" && ROLES.contains(last) && before.iter().all(|w| ROLE_WORDS.contains(w))
}

/// Where `body` names a holder of `role` in so many words, each with the
/// name: `Prime Minister Rishi Sunak` (an honorific passed over, a
/// possessive dropped) or `Rishi Sunak, the Prime Minister`. The role as
/// written, capitalised, whole, and with no other office before it:
/// not `Israel’s prime minister Benjamin Netanyahu`, `Deputy Prime
/// Minister …`, `Israeli Prime Minister …`, `former Prime Minister …`.
fn holders_of(body: &str, role: &str) -> Vec<(usize, String)> {
    let role = role.strip_prefix("The ").unwrap_or(role);
    let window = |from: usize, to: usize| {
        let (mut a, mut b) = (from.min(body.len()), to.min(body.len()));
        while !body.is_char_boundary(a) {
            a -= 1;
        }
        while !body.is_char_boundary(b) {
            b -= 1;
        }
        &body[a..b]
    };
    let mut out = Vec::new();
    for (at, end) in find_words(body, role) {
        let before = &body[..at];
        let after = &body[end..];
        let whole = !before.ends_with(char::is_alphanumeric) && !after.starts_with(char::is_alphanumeric);
        let modifier = before.split_whitespace().next_back().is_some_and(|w| {
            (w.starts_with(char::is_uppercase) && w != "The" && !w.ends_with(['.', ':', ',']))
                || matches!(w, "former" | "deputy" | "shadow" | "ex-" | "acting" | "then")
        });
        if !whole || modifier {
            continue;
        }
        // `Prime Minister Rishi Sunak`: title-case words right after it.
        if after.starts_with(char::is_whitespace) {
            let words: Vec<&str> = paragraph_head(window(end, end + 120))
                .split_whitespace()
                .skip_while(|w| HONORIFICS.contains(w))
                .take(3)
                .collect();
            let mut name: Vec<String> = Vec::new();
            for w in words {
                let bare = w.trim_end_matches(['’', '\'', ',', '.', ':', ';']).trim_end_matches("’s");
                if !title_case(bare) {
                    break;
                }
                name.push(bare.to_string());
                if bare.len() != w.len() {
                    break;
                }
            }
            if name.len() >= 2 {
                out.push((at, name.join(" ")));
                continue;
            }
        }
        // `Rishi Sunak, the Prime Minister`.
        let near = window(at.saturating_sub(120), at).trim_end();
        if let Some(lead) = near.strip_suffix("the").or_else(|| near.strip_suffix("The")) {
            if let Some(lead) = lead
                .strip_suffix(char::is_whitespace)
                .map(str::trim_end)
                .and_then(|l| l.strip_suffix(','))
            {
                if let Some(name) = names_in(lead).pop().filter(|n| lead.ends_with(n.as_str())) {
                    out.push((at, name));
                }
            }
        }
    }
    out
}

/// `text` up to its first paragraph break (a line break, white space, and
/// another), or all of it.
fn paragraph_head(text: &str) -> &str {
    for (at, _) in text.match_indices('\n') {
        if text[at + 1..]
            .trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
            .starts_with('\n')
        {
            return &text[..at];
        }
    }
    text
}

/// Where `words` stand in `text` (start, end), any white space between
/// them (a no-break space too) but a paragraph break.
fn find_words(text: &str, words: &str) -> Vec<(usize, usize)> {
    let mut parts = words.split_whitespace();
    let Some(first) = parts.next() else { return Vec::new() };
    let rest: Vec<&str> = parts.collect();
    text.match_indices(first)
        .filter_map(|(at, _)| {
            let mut end = at + first.len();
            for word in &rest {
                let gap = text[end..].len() - text[end..].trim_start().len();
                if gap == 0 || text[end..end + gap].matches('\n').count() > 1 || !text[end + gap..].starts_with(word) {
                    return None;
                }
                end += gap + word.len();
            }
            Some((at, end))
        })
        .collect()
}

/// Runs of two or three title-case words (`Alex Karp`, `Marion
/// Macalpine`): the full names a surname may stand for.
fn names_in(text: &str) -> Vec<String> {
    let words = words_with_spans(text);
    // Runs break at punctuation between words (`…in Gaza. Palantir…`).
    let joined = |a: usize, b: usize| {
        let (start, word) = words[a];
        text[start + word.len()..words[b].0].chars().all(char::is_whitespace)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // A capitalized function word (`As`, `The`) does not start a name.
        while i < words.len() && is_stop_word(&words[i].1.to_lowercase()) {
            i += 1;
        }
        let mut j = i;
        while j < words.len() && title_case(words[j].1) && !HONORIFICS.contains(&words[j].1) && (j == i || joined(j - 1, j)) {
            j += 1;
        }
        if j - i >= 2 && j - i <= 3 {
            out.push(words[i..j].iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

    fn quoted(body: &str) -> Vec<(String, Option<String>)> {
        let doc = text_document("d", "", body);
        quotes(&Analyzer::new(), &doc)
            .into_iter()
            .map(|q| (q.text(&doc.body), q.speaker))
            .collect()
    }

    #[test]
    fn words_are_found_across_any_white_space() {
        let text = "Prime\u{a0}Minister, Prime  Minister; PrimeMinister Prime\u{2009}Ministers 🙂 Prime Minister";
        let found: Vec<&str> = find_words(text, "Prime Minister").into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(
            found,
            ["Prime\u{a0}Minister", "Prime  Minister", "Prime\u{2009}Minister", "Prime Minister"]
        );
        assert!(find_words(text, " ").is_empty());
        assert!(find_words("Prime\n\nMinister", "Prime Minister").is_empty(), "a paragraph break");
        assert_eq!(find_words("Prime\nMinister", "Prime Minister").len(), 1, "a line break");
        assert_eq!(paragraph_head("Keir Starmer\n \nspoke"), "Keir Starmer");
        assert_eq!(paragraph_head("Keir\nStarmer"), "Keir\nStarmer");
    }

    #[test]
    fn table_of_attributions() {
        let s = |x: &str| Some(x.to_string());
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &[(&str, Option<String>)])] = &[
            (
                "“We will appeal the ruling,” Jane Smith said.",
                &[("We will appeal the ruling,", s("Jane Smith"))],
            ),
            (
                "“We will appeal the ruling,” said Jane Smith.",
                &[("We will appeal the ruling,", s("Jane Smith"))],
            ),
            (
                "Jane Smith said: “We will appeal the ruling.”",
                &[("We will appeal the ruling.", s("Jane Smith"))],
            ),
            (
                "Union leader Jane Smith told the BBC: “We will appeal.” It was late.",
                &[("We will appeal.", s("Jane Smith"))],
            ),
            (
                "Jane Smith spoke first. She added: “We will not stop here.”",
                &[("We will not stop here.", s("Jane Smith"))],
            ),
            (
                "A spokesperson for NHS England said: “Access is strictly controlled.”",
                &[("Access is strictly controlled.", s("NHS England spokesperson"))],
            ),
            (
                "A No 10 spokesman said: ‘The UK expects to see action.’",
                &[("The UK expects to see action.", s("No 10 spokesperson"))],
            ),
            (
                "Dr John Puntis spoke. Dr Puntis said: “Concerns were heightened by leaks.”",
                &[("Concerns were heightened by leaks.", s("John Puntis"))],
            ),
            (
                "Mr Karp has also insisted data was ‘not solvable without technology’.",
                &[("not solvable without technology", s("Karp"))],
            ),
            ("The firm is a ‘genocide enabler’, they claim.", &[]),
            // A name set off by punctuation before the verb is what the
            // sentence is about, not who speaks.
            (
                "Protestors, whose placards said ‘no data to the firm’, also called for data to be kept ‘in house for good now’.",
                &[("no data to the firm", None), ("in house for good now", None)],
            ),
            (
                "The protestors, whose placards said ‘no Palantir in the NHS’, also called for data to be kept ‘in house for good now’.",
                &[("no Palantir in the NHS", None), ("in house for good now", None)],
            ),
            // A name set off by commas is the speaker.
            (
                "The Health Secretary, Wes Streeting, said: “We will publish the contract.”",
                &[("We will publish the contract.", s("Wes Streeting"))],
            ),
            (
                "Amnesty International UK’s chief executive, Sacha Deshmukh, said: “The deal must be cancelled now.”",
                &[("The deal must be cancelled now.", s("Sacha Deshmukh"))],
            ),
            // An apostrophe closes no quote: the clause is still hers.
            (
                "Jane Smith told the doctors’ conference that since the deal was signed trust had been ‘in freefall ever since’.",
                &[("in freefall ever since", s("Jane Smith"))],
            ),
            // One word after an article is kept whole; a person is no role.
            (
                "The Kremlin said: “We reject these claims entirely.”",
                &[("We reject these claims entirely.", s("The Kremlin"))],
            ),
            (
                "Rishi Sunak said: “We expect a full inquiry now.”\n\nStephen King said: “I write about fear for a living.”",
                &[("We expect a full inquiry now.", s("Rishi Sunak")), ("I write about fear for a living.", s("Stephen King"))],
            ),
            // Another office is no holder: a deputy, or another country's.
            (
                "Deputy Prime Minister Oliver Dowden and Israeli Prime Minister Benjamin Netanyahu met. The Prime Minister said: “We will act.”",
                &[("We will act.", s("Prime Minister"))],
            ),
            // An honorific is passed over, a possessive dropped.
            (
                "Prime Minister Sir Keir Starmer’s office spoke first. Later the Prime Minister said: “We will act on this.”",
                &[("We will act on this.", s("Keir Starmer"))],
            ),
            // A quote in a clause of its own is not the verb's.
            (
                "Amnesty International UK demanded the NHS “cease all contracts now” today after the firm was granted “unlimited access to the data”.",
                &[("cease all contracts now", s("Amnesty International UK")), ("unlimited access to the data", None)],
            ),
            // Joined by a word, or in the same clause: the same speaker.
            (
                "The British Medical Association has described it as ‘eye-watering’ and ‘deeply worrying’.",
                &[("eye-watering", s("British Medical Association")), ("deeply worrying", s("British Medical Association"))],
            ),
            // An organisation's name may hold connectors; two names
            // joined by one are two.
            (
                "Officials met. The Competition and Markets Authority said: “We will look at it.”",
                &[("We will look at it.", s("Competition and Markets Authority"))],
            ),
            (
                "Later the Department of Health and Social Care said: “We act.”",
                &[("We act.", s("Department of Health and Social Care"))],
            ),
            (
                "The BMA and Royal College of Nursing said: “We act.”",
                &[("We act.", s("Royal College of Nursing"))],
            ),
            (
                "Alex Karp and Peter Thiel said: “We act.”",
                &[("We act.", s("Peter Thiel"))],
            ),
            (
                "The BBC and Channel 4 News said: “We act.”",
                &[("We act.", s("Channel 4 News"))],
            ),
            (
                "Mr Smith and Kent Police said: “We act.”",
                &[("We act.", s("Kent Police"))],
            ),
            (
                "House Speaker Mike Johnson and Chuck Schumer said: “We act.”",
                &[("We act.", s("Chuck Schumer"))],
            ),

            // A role is the person the text ties to it: in so many words…
            (
                "Prime Minister Rishi Sunak spoke. Later the Prime Minister said: “We expect a full inquiry.”",
                &[("We expect a full inquiry.", s("Rishi Sunak"))],
            ),
            (
                "Rishi Sunak, the Prime Minister, spoke. Later the Prime Minister said: “We expect a full inquiry.”",
                &[("We expect a full inquiry.", s("Rishi Sunak"))],
            ),
            // …with no-break spaces in the role and the name.
            (
                "Prime\u{a0}Minister Rishi\u{a0}Sunak spoke. Later the Prime Minister said: “We expect a full inquiry.”",
                &[("We expect a full inquiry.", s("Rishi Sunak"))],
            ),
            (
                "Rishi Sunak,\u{a0}the Prime\u{a0}Minister, spoke. Later the Prime\u{a0}Minister said: “We expect a full inquiry.”",
                &[("We expect a full inquiry.", s("Rishi Sunak"))],
            ),
            // …not across a paragraph break (a subhead ends with none).
            (
                "Questions for the Prime Minister\n\nLabour Party leader Keir Starmer spoke. Later the Prime Minister said: “We act.”",
                &[("We act.", s("Prime Minister"))],
            ),
            // …or the person quoted just before (not Israel’s prime
            // minister, named with the role in lower case).
            (
                "Rishi Sunak told Israel’s prime minister Benjamin Netanyahu he was ‘appalled by the killing’.\n\nThe Prime Minister demanded a ‘thorough and transparent investigation’.",
                &[
                    ("appalled by the killing", s("Rishi Sunak")),
                    ("thorough and transparent investigation", s("Rishi Sunak")),
                ],
            ),
            // A role with no one tied to it stays a role.
            (
                "The Health Secretary said: “We will publish the contract in full.”",
                &[("We will publish the contract in full.", s("Health Secretary"))],
            ),
            ("Campaigners called it a ‘genocide enabler’ and left.", &[]),
            ("It’s the company’s view that data isn’t shared.", &[]),
            (
                "Sam Okafor, of the campaign group Data Watch, said: “Patients were never asked.”",
                &[("Patients were never asked.", s("Sam Okafor"))],
            ),
            (
                "Jane Smith, the programme director at NHS England, said: “We will appeal.”",
                &[("We will appeal.", s("Jane Smith"))],
            ),
            (
                "“Unattributed but long enough to be a quote.”",
                &[("Unattributed but long enough to be a quote.", None)],
            ),
            (
                "Jane Smith said: “First paragraph of a long quote.\n\n“Second paragraph ends it.”",
                &[("First paragraph of a long quote. Second paragraph ends it.", s("Jane Smith"))],
            ),
            (
                "Jane Smith said: “Outer quote with ‘an inner one’ inside it.”",
                &[("Outer quote with ‘an inner one’ inside it.", s("Jane Smith"))],
            ),
        ];
        for (body, expected) in cases {
            let want: Vec<(String, Option<String>)> = expected.iter().map(|(t, s)| (t.to_string(), s.clone())).collect();
            assert_eq!(quoted(body), want, "{body:?}");
        }
    }
}
