//! Invariants that hold for any input.

use proptest::prelude::*;
use quire_engine::ingest::{parse_file, text_document};
use quire_engine::{highlights, prepare, search, snippet, Analyzer, IndexBuilder, Query, Request};

/// Words no other generated text uses, for passages that must be found.
const DISTINCT_WORDS: &[&str] = &[
    "qzalpha",
    "qzbravo",
    "qzcharlie",
    "qzdelta",
    "qzecho",
    "qzfoxtrot",
    "qzgolf",
    "qzhotel",
    "qzindia",
    "qzjuliet",
    "qzkilo",
    "qzlima",
];

/// Text mixing scripts, punctuation, digits and odd whitespace.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("NHS ".to_string()),
            Just("England’s ".to_string()),
            Just("£330m ".to_string()),
            Just("seven-year ".to_string()),
            Just("contracts, ".to_string()),
            Just("contract. ".to_string()),
            Just("data platform ".to_string()),
            Just("Müller ".to_string()),
            Just("数据 ".to_string()),
            Just("नमस्ते ".to_string()),
            Just("e\u{301} ".to_string()),
            Just("\n\n".to_string()),
            Just("<script>x</script> ".to_string()),
            "\\PC{0,8}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Pieces of text from every class that slicing can get wrong: multi-byte
/// whitespace (no-break, thin, ideographic, line and paragraph
/// separators, NEL), punctuation and quote marks, combining marks, emoji
/// (with skin tones, ZWJ sequences, flags), right-to-left scripts with
/// their marks, CJK and Indic scripts, digits with currency.
const UNICODE_PIECES: &[&str] = &[
    "NHS",
    "contract",
    "contracts",
    "data",
    "platform",
    "Palantir",
    "said",
    "the",
    "£330m",
    "330",
    "million",
    "Müller",
    "naïve",
    "Zoë",
    "e\u{301}",
    "a\u{308}\u{301}",
    "Ελλάδα",
    "Москва",
    "שלום",
    "\u{200f}",
    "\u{200e}",
    "مرحبا",
    "سلام",
    "数据平台",
    "データ",
    "नमस्ते",
    "🙂",
    "👩\u{200d}⚕\u{fe0f}",
    "🇬🇧",
    "👍🏽",
    "ﬁ",
    "Ⅻ",
    "①",
    " ",
    " ",
    "\u{a0}",
    "\u{2002}",
    "\u{2009}",
    "\u{200a}",
    "\u{202f}",
    "\u{3000}",
    "\t",
    "\n",
    "\n\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    ".",
    ",",
    "—",
    "–",
    "…",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "¿",
    "!",
    "\"",
    "'",
    "(",
    ")",
    "·",
    "、",
    "。",
    "؟",
    "-",
    ":",
];

/// Text made of [`UNICODE_PIECES`] and arbitrary characters.
fn unicode_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::sample::select(UNICODE_PIECES).prop_map(str::to_string),
            1 => "\\PC{0,4}",
            1 => "[\\s\\p{P}\\p{M}\\p{Emoji}]{0,4}",
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

/// A query of words from [`UNICODE_PIECES`], with operators.
fn unicode_query() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(UNICODE_PIECES).prop_map(str::to_string),
            1 => proptest::sample::select(&["OR", "-", "NOT", "\"", "*", "~", "(", ")", "NEAR/2", "title:"][..]).prop_map(str::to_string),
        ],
        0..6,
    )
    .prop_map(|parts| parts.join(" "))
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("contract".to_string()),
        Just("\"data platform\"".to_string()),
        Just("contr*".to_string()),
        Just("england -müller".to_string()),
        Just("330m".to_string()),
        Just("数".to_string()),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every span the engine hands out (tokens, marks, snippets,
    /// concordance lines, shared passages and their changes, reused
    /// passages, quotes) lies on char boundaries inside its text, for
    /// text of every Unicode class. The concordance of a common word once
    /// cut a two-byte no-break space in half.
    #[test]
    fn every_span_the_engine_hands_out_lies_on_char_boundaries(
        bodies in proptest::collection::vec(unicode_text(), 1..5),
        titles in proptest::collection::vec(unicode_text(), 4),
        queries in proptest::collection::vec(unicode_query(), 1..4),
    ) {
        let analyzer = Analyzer::new();
        for body in &bodies {
            for token in analyzer.tokens(body) {
                quire_invariants::assert_fits(body, token.span, "a token");
            }
        }
        let docs = bodies.iter().zip(&titles).enumerate().map(|(i, (b, t))| text_document(&i.to_string(), t, b)).collect();
        let mut queries: Vec<&str> = queries.iter().map(String::as_str).collect();
        // Every word of the corpus is asked for, as the common-word sweep does.
        let words: Vec<String> = bodies.iter().flat_map(|b| analyzer.terms(b)).take(12).collect();
        queries.extend(words.iter().map(String::as_str));
        quire_invariants::check_corpus(docs, &queries);
    }

    #[test]
    fn every_token_span_lies_on_char_boundaries_inside_the_text(text in text()) {
        let analyzer = Analyzer::new();
        let mut last_end = 0;
        for token in analyzer.tokens(&text) {
            prop_assert!(token.span.start < token.span.end);
            prop_assert!(token.span.end <= text.len());
            prop_assert!(token.span.start >= last_end, "tokens are in order and disjoint");
            prop_assert!(text.is_char_boundary(token.span.start) && text.is_char_boundary(token.span.end));
            // A token's own text analyzes to itself: the analyzer is stable.
            prop_assert_eq!(analyzer.terms(&text[token.span.start..token.span.end]), vec![token.term.clone()]);
            last_end = token.span.end;
        }
    }

    #[test]
    fn marks_and_snippets_only_mark_matching_tokens(docs in proptest::collection::vec(text(), 1..6), q in query_text()) {
        let mut builder = IndexBuilder::new();
        for (i, body) in docs.iter().enumerate() {
            builder.add(text_document(&format!("d{i}"), "title", body)).unwrap();
        }
        let index = builder.build();
        let analyzer = index.analyzer();
        let query = Query::parse(analyzer, &q);
        let prepared = prepare(&index, &query);
        let results = search(&index, &prepared, &Request::default());
        let docs: Vec<_> = results.hits.iter().map(|h| h.doc).collect();
        for (doc, highlights) in docs.iter().zip(highlights(&index, &prepared, &docs)) {
            let body = &index.doc(*doc).body;
            let marks = highlights.body;
            let snippet = snippet(&index, *doc, &marks);
            prop_assert!(body.is_char_boundary(snippet.span.start) && body.is_char_boundary(snippet.span.end));
            prop_assert!(snippet.span.end <= body.len());
            for mark in marks.iter().chain(&snippet.marks) {
                prop_assert!(body.is_char_boundary(mark.span.start) && body.is_char_boundary(mark.span.end));
                let marked = &body[mark.span.start..mark.span.end];
                let terms = analyzer.terms(marked);
                prop_assert_eq!(terms.len(), 1, "one token per mark: {:?}", marked);
                let leaf = &query.leaves[mark.term as usize];
                prop_assert!(!leaf.negated);
                let term = &terms[0];
                let stem = analyzer.stem(term);
                let corrected: Vec<String> = prepared.corrections.iter().map(|c| c.corrected.clone()).collect();
                let matches_leaf = leaf.terms.iter().chain(&corrected).enumerate().any(|(i, t)| {
                    analyzer.stem(t) == stem
                        || (leaf.kind == quire_engine::query::parse::LeafKind::Prefix && i + 1 == leaf.terms.len() && term.starts_with(t.as_str()))
                        || matches!(leaf.kind, quire_engine::query::parse::LeafKind::Fuzzy { .. })
                });
                prop_assert!(matches_leaf, "{:?} does not match {:?}", marked, leaf);
            }
            for mark in &snippet.marks {
                prop_assert!(mark.span.start >= snippet.span.start && mark.span.end <= snippet.span.end);
            }
        }
    }

    #[test]
    fn shared_passages_really_occur_in_both_documents(a in text(), b in text(), common in text()) {
        let mut builder = IndexBuilder::new();
        builder.add(text_document("a", "", &format!("{a} {common} {a}"))).unwrap();
        builder.add(text_document("b", "", &format!("{b} {common}"))).unwrap();
        let index = builder.build();
        let (da, db) = (index.doc(quire_engine::DocId(0)), index.doc(quire_engine::DocId(1)));
        let comparison = quire_engine::compare(index.analyzer(), da, db);
        let analyzer = index.analyzer();
        let stems = |s: &str| analyzer.terms(s).iter().map(|t| analyzer.stem(t).into_owned()).collect::<Vec<_>>();
        prop_assert!((0.0..=1.0).contains(&comparison.similarity));
        for p in &comparison.passages {
            let first = stems(&da.body[p.copies[0][0].start..p.copies[0][0].end]);
            prop_assert!(first.len() >= quire_engine::compare::chain::MIN_PASSAGE_WORDS);
            for (doc, copies) in [(da, &p.copies[0]), (db, &p.copies[1])] {
                prop_assert!(!copies.is_empty());
                for span in copies {
                    prop_assert!(doc.body.is_char_boundary(span.start) && doc.body.is_char_boundary(span.end));
                    let got = stems(&doc.body[span.start..span.end]);
                    if p.near {
                        // A near-match shares most of its words with the other copy.
                        let shared = got.iter().filter(|w| first.contains(w)).count();
                        prop_assert!(shared * 10 >= got.len() * 6, "{:?} vs {:?}", got, first);
                    } else {
                        // An exact match: the same words.
                        prop_assert_eq!(&got, &first);
                    }
                }
            }
            // Changed words lie inside their copies.
            for (d, changes) in p.changes.iter().enumerate() {
                for c in changes {
                    prop_assert!(p.copies[d].iter().any(|s| s.start <= c.start && c.end <= s.end));
                }
            }
        }
        // Every paragraph appears exactly once in the rows, in order.
        for (d, doc) in [da, db].iter().enumerate() {
            let order: Vec<usize> = comparison.rows.iter().flat_map(|r| r.cells[d].clone()).collect();
            let expected: Vec<usize> = (0..doc.blocks.len().max(usize::from(!doc.body.is_empty()))).collect();
            prop_assert_eq!(order, expected);
        }
        // No word is in two passages on one side.
        let mut spans: Vec<_> = comparison.passages.iter().flat_map(|p| p.copies[0].iter().copied()).collect();
        spans.sort();
        for w in spans.windows(2) {
            prop_assert!(!w[0].overlaps(&w[1]));
        }
    }

    #[test]
    fn a_shared_paragraph_of_distinct_words_is_always_found(a in text(), b in text(), words in proptest::sample::subsequence(DISTINCT_WORDS, 5..12)) {
        let common = words.join(" ");
        let (ta, tb) = (format!("{a}\n\n{common}\n\n{a}"), format!("{b}\n\n{common}"));
        let (da, db) = (text_document("a", "", &ta), text_document("b", "", &tb));
        let comparison = quire_engine::compare(&Analyzer::new(), &da, &db);
        // The copies of `common`: its own paragraph in each document.
        let find = |doc: &quire_engine::Document| doc.blocks.iter().find(|bl| doc.block_text(bl) == common).map(|bl| (bl.start, bl.end));
        let (Some(in_a), Some(in_b)) = (find(&da), find(&db)) else { return Ok(()) };
        let found = comparison.passages.iter().any(|p| {
            p.copies[0].iter().any(|s| s.start <= in_a.0 && in_a.1 <= s.end) && p.copies[1].iter().any(|s| s.start <= in_b.0 && in_b.1 <= s.end)
        });
        prop_assert!(found, "{common:?} is in both documents but no passage covers it: {:?}", comparison.passages);
    }

    #[test]
    fn any_file_parses_or_fails_cleanly_and_blocks_fit_the_body(bytes in proptest::collection::vec(any::<u8>(), 0..200), text in text(), fm in prop_oneof![Just(""), Just("+++\ntitle = \"t\"\n+++\n"), Just("---\ntitle: t\n---\n"), Just("+++\n"), Just("---\n")]) {
        for path in ["x.txt", "x.jsonl"] {
            match parse_file(path, &bytes) {
                Ok(parsed) => {
                    prop_assert!(std::str::from_utf8(&bytes).is_ok() || path.ends_with(".jsonl"), "invalid UTF-8 accepted as text");
                    for doc in parsed.documents {
                        prop_assert!(!doc.body.trim().is_empty() || !doc.title.is_empty(), "an empty document was kept");
                    }
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
        for path in ["x.txt", "x.md"] {
            if let Ok(parsed) = parse_file(path, format!("{fm}{text}").as_bytes()) {
                for doc in parsed.documents {
                    let mut last = 0;
                    for block in &doc.blocks {
                        prop_assert!(block.start >= last && block.start < block.end && block.end <= doc.body.len());
                        prop_assert!(doc.body.is_char_boundary(block.start) && doc.body.is_char_boundary(block.end));
                        last = block.end;
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Keyword and collocate counts agree with each other and with the
    /// text, for text of every Unicode class: counts add up to the words
    /// counted; a collocate is never seen together more often than at
    /// all, its sides add up, log-Dice stays at most 14 (unless a hit has
    /// the word twice in its window); each line behind
    /// a collocate has it within the window; each line of a word form is
    /// that form; keyness is symmetric.
    #[test]
    fn keyword_and_collocate_counts_are_consistent(
        bodies in proptest::collection::vec(unicode_text(), 2..6),
        q in unicode_query(),
        window in 1u32..6,
    ) {
        use quire_engine::{collocate_lines, collocates, keyness, word_lines, Measure, WordCounts};
        let mut builder = IndexBuilder::new();
        for (i, body) in bodies.iter().enumerate() {
            builder.add(text_document(&format!("d{i}"), "", body)).unwrap();
        }
        let index = builder.build();
        let analyzer = index.analyzer();
        let all: Vec<_> = index.docs().map(|(d, _)| d).collect();
        let counts = WordCounts::of(&index, &all);
        prop_assert_eq!(counts.iter().map(|(_, n)| n as u64).sum::<u64>(), counts.tokens());

        let prepared = prepare(&index, &Query::parse(analyzer, &q));
        let found = collocates(&index, &prepared, &all, &counts, window, Measure::LogDice, 1);
        for c in &found.list {
            prop_assert_eq!(c.left + c.right, c.together);
            prop_assert!(c.together <= c.freq, "{:?}", c);
            // 14 is the most when no hit has the word twice in its window.
            if c.together <= found.node {
                prop_assert!(c.score <= 14.0 + 1e-9, "{:?}", c);
            }
            for line in collocate_lines(&index, &prepared, &all, &c.word, window, 5) {
                let body = &index.doc(line.doc).body;
                let before: Vec<String> = analyzer.terms(&body[..line.keyword.start]);
                let after: Vec<String> = analyzer.terms(&body[line.keyword.end..]);
                let near = before.iter().rev().take(window as usize).chain(after.iter().take(window as usize));
                prop_assert!(near.into_iter().any(|t| *t == c.word), "{:?} not near {:?}", c.word, line);
            }
        }

        let (a, b) = all.split_at(all.len() / 2);
        let (ca, cb) = (WordCounts::of(&index, a), WordCounts::of(&index, b));
        let forward = keyness(&ca, &cb, 1, 1.0);
        let backward = keyness(&cb, &ca, 1, 1.0);
        prop_assert_eq!(forward.len(), backward.len());
        for k in forward.iter().take(5) {
            let twin = backward.iter().find(|x| x.word == k.word).unwrap();
            prop_assert_eq!((twin.target, twin.reference), (k.reference, k.target));
            prop_assert!((twin.g2 - k.g2).abs() < 1e-9 && (twin.log_ratio + k.log_ratio).abs() < 1e-9);
            for line in word_lines(&index, a, &k.word, 5) {
                let body = &index.doc(line.doc).body;
                prop_assert_eq!(analyzer.terms(line.keyword.of(body)), vec![k.word.clone()]);
            }
        }

        // Phrases: counts add up, and the lines of a phrase are its runs,
        // as many as counted (a phrase repeating a word may overlap itself,
        // which a search finds once; a folded term that folds again into
        // other terms, as NFKD makes ⅐ 1⁄7, is searched as those).
        for n in 2..=quire_engine::MAX_PHRASE_WORDS {
            let phrases = WordCounts::of_phrases(&index, &all, n);
            prop_assert_eq!(phrases.iter().map(|(_, n)| n as u64).sum::<u64>(), phrases.tokens());
            for (phrase, count) in phrases.iter().take(8) {
                let words: Vec<&str> = phrase.split(' ').collect();
                // A term may hold a space of its own (NFKD makes ͺ a space
                // and a combining mark): such phrases are not read back.
                if words.len() != n {
                    continue;
                }
                let lines = word_lines(&index, &all, phrase, usize::MAX);
                for line in &lines {
                    let body = &index.doc(line.doc).body;
                    let read = quire_engine::phrase_of(analyzer, line.keyword.of(body));
                    prop_assert_eq!(read.as_deref(), Some(phrase));
                }
                let repeats = (1..n).any(|i| words[i..].contains(&words[i - 1]));
                let stable = words.iter().all(|w| analyzer.terms(w) == [*w]);
                if !repeats && stable {
                    prop_assert_eq!(lines.len() as u32, count, "{:?}", phrase);
                }
            }
        }
    }
}

/// Words the entity tagger reacts to, for mixing into Unicode text.
const ENTITY_PIECES: &[&str] = &[
    "£330m",
    "$1bn",
    "US$2",
    "5%",
    "12 per cent",
    "April 3, 2024",
    "18 September 2025",
    "Mr",
    "Dr",
    "Karp",
    "Alex Karp",
    "Palantir Technologies",
    "NHS England",
    "(CIA)",
    "Central Intelligence Agency",
    "UK",
    "US",
    "’s",
    "'s",
    "non-NHS",
    " and ",
    " of ",
    "said",
    "CEO",
    "Prime Minister",
    "The",
    ".",
    "\n",
    "\u{a0}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Entity mentions never panic, sit on char boundaries inside the
    /// text, come in order, never overlap, and always have a name.
    #[test]
    fn entity_mentions_are_ordered_disjoint_spans_of_the_text(
        parts in proptest::collection::vec(
            prop_oneof![
                2 => proptest::sample::select(ENTITY_PIECES).prop_map(str::to_string),
                2 => unicode_text(),
                1 => Just(" ".to_string()),
            ],
            0..30,
        )
    ) {
        let text = parts.concat();
        let mentions = quire_engine::text::entity::entities(&text);
        for m in &mentions {
            prop_assert!(m.span.start < m.span.end && m.span.end <= text.len(), "{:?}", m);
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end), "{:?}", m);
            prop_assert!(!m.name.trim().is_empty(), "{:?}", m);
        }
        for w in mentions.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "{:?}", w);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A cited passage's character range goes to bytes and back: any
    /// range of a text of every Unicode class gives a span on char
    /// boundaries whose range is itself, and its text as written in a
    /// link parses back to it; a range past the text gives none.
    #[test]
    fn a_cited_range_round_trips_through_bytes_and_its_link(
        text in unicode_text(),
        a in 0usize..300,
        b in 0usize..300,
    ) {
        let chars = text.chars().count();
        let (start, end) = (a.min(b), a.max(b));
        prop_assume!(start < end);
        let range = quire_engine::CharRange { start, end };
        match range.span_in(&text) {
            Some(span) => {
                prop_assert!(end <= chars);
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                prop_assert_eq!(span.of(&text).chars().count(), end - start);
                prop_assert_eq!(quire_engine::CharRange::of_span(&text, span), Some(range));
                prop_assert_eq!(quire_engine::CharRange::parse(&range.to_string()), Some(range));
            }
            None => prop_assert!(end > chars),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A note's passage is found again: in the same text, where it was;
    /// after text is added before it or its whitespace is changed, at a
    /// place whose text is the passage's (whitespace aside), and at its
    /// own new place when the passage with its context occurs once.
    #[test]
    fn a_noted_passage_is_found_again_after_the_text_changes(
        text in unicode_text(),
        added in unicode_text(),
        a in 0.0f64..1.0,
        b in 0.0f64..1.0,
        wrap in any::<bool>(),
    ) {
        use quire_engine::TextAnchor;
        let chars = text.chars().count();
        prop_assume!(chars > 0);
        // Two places in the text, as fractions of it.
        let (a, b) = ((a * chars as f64) as usize, (b * chars as f64) as usize);
        let (start, end) = (a.min(b), (a.max(b) + 1).min(chars));
        let span = quire_engine::CharRange { start, end }.span_in(&text).expect("in the text");
        let anchor = TextAnchor::of(&text, span).expect("an anchor");
        let same = anchor.locate(&text).expect("found where it was");
        prop_assert_eq!(same.span, span);
        prop_assert!(!same.moved);

        // Text added before it; with `wrap`, every space a line break
        // and a no-break space.
        let mut now = format!("{added}{text}");
        if wrap {
            now = now.replace(' ', "\n\u{a0}");
        }
        // Where the passage is now.
        let moved = |s: &str| if wrap { s.replace(' ', "\n\u{a0}") } else { s.to_string() };
        let start_now = moved(&format!("{added}{}", &text[..span.start])).len();
        let shifted = quire_engine::Span::new(start_now, start_now + moved(&anchor.exact).len());
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let found = anchor.locate(&now);
        if let Some(found) = found {
            prop_assert!(now.is_char_boundary(found.span.start) && now.is_char_boundary(found.span.end));
            prop_assert_eq!(flat(found.span.of(&now)), flat(&anchor.exact));
        }
        let whole = format!("{}{}{}", anchor.prefix, anchor.exact, anchor.suffix);
        // Copies of `b` in `a`, overlapping ones too.
        let copies = |a: &str, b: &str| a.char_indices().filter(|(i, _)| a[*i..].starts_with(b)).count();
        let between = |i: usize| {
            unicode_segmentation::GraphemeCursor::new(i, now.len(), true).is_boundary(&now, 0).unwrap_or(true)
        };
        if !wrap && copies(&now, &whole) == 1 && between(shifted.start) && between(shifted.end) {
            prop_assert_eq!(found.map(|l| l.span), Some(shifted));
        }
        // Wrapped: a passage with letters and no whitespace at its ends
        // (as the page makes them), alone in the text with its context
        // (whitespace aside), is found.
        let words = |s: &str| s.split_whitespace().count();
        if wrap && anchor.exact.chars().any(char::is_alphanumeric) && copies(&flat(&now), &flat(&whole)) == 1
            && between(shifted.start) && between(shifted.end)
            && words(&anchor.exact) > 0 && anchor.exact.trim() == anchor.exact
        {
            prop_assert!(found.is_some(), "{:?} not found in {:?}", anchor, now);
        }
        if !wrap && !anchor.exact.trim().is_empty() && between(shifted.start) && between(shifted.end) {
            // Its text is still there, with its context: it is found
            // (perhaps at another copy with the same context).
            prop_assert!(anchor.locate(&now).is_some());
        }
    }
}
