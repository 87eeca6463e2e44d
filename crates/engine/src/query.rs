//! The query language. Parsing never fails: what cannot be used is listed
//! in [`Query::ignored`] and the rest is still searched.
//!
//! Syntax:
//! - `nhs palantir`: every word must match (AND); words match their
//!   inflections (`contract` finds `contracts`);
//! - `"data platform"`: a phrase, the words adjacent and in order; quotes
//!   may appear anywhere and an unclosed quote runs to the end;
//! - `-word`, `-"a phrase"`: documents containing it are left out;
//! - `contr*`: any word starting with `contr`.
//!
//! A word that the analyzer splits in several terms (`seven-year`, `£330m`)
//! is matched as a phrase of those terms.

use crate::analyze::Analyzer;

/// What one query leaf asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafKind {
    /// A word: its terms, with inflections.
    Word,
    /// A word whose last term is a prefix.
    Prefix,
    /// Quoted words, adjacent and in order, with inflections.
    Phrase,
}

/// A leaf of the query: the text as typed and the terms it analyzes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub kind: LeafKind,
    /// The leaf as the user typed it (without quotes, `-` or `*`).
    pub text: String,
    /// Analyzed terms; never empty.
    pub terms: Vec<String>,
    /// Whether the leaf excludes documents rather than matching them.
    pub negated: bool,
}

/// The query's structure. Leaves are indices into [`Query::leaves`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Leaf(u16),
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// `None` for an empty query, which matches every document.
    pub root: Option<Node>,
    pub leaves: Vec<Leaf>,
    /// Pieces of the input that were not used, e.g. a lone `-` or `"…"`
    /// with no words in it.
    pub ignored: Vec<String>,
}

/// Queries longer than this are cut: the rest is listed as ignored.
pub const MAX_LEAVES: usize = 32;

impl Query {
    /// Parses `input`. Never fails and never panics.
    pub fn parse(analyzer: &Analyzer, input: &str) -> Query {
        let mut query = Query::default();
        let mut children = Vec::new();
        let mut rest = input;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let mut negated = false;
            if let Some(after) = rest.strip_prefix('-') {
                if after.is_empty() || after.starts_with(char::is_whitespace) {
                    query.ignored.push("-".into());
                    rest = after;
                    continue;
                }
                negated = true;
                rest = after;
            }
            let (raw, kind, text, after) = if let Some(after_quote) = rest.strip_prefix('"') {
                let end = after_quote.find('"').unwrap_or(after_quote.len());
                let text = &after_quote[..end];
                let after = after_quote.get(end + 1..).unwrap_or("");
                (&rest[..rest.len() - after.len()], LeafKind::Phrase, text, after)
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '"')
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                let stripped = word.trim_end_matches('*');
                let kind = if stripped.len() < word.len() {
                    LeafKind::Prefix
                } else {
                    LeafKind::Word
                };
                (word, kind, stripped, &rest[end..])
            };
            rest = after;
            let terms = analyzer.terms(text);
            if terms.is_empty() {
                query.ignored.push(if negated { format!("-{raw}") } else { raw.to_string() });
                continue;
            }
            if query.leaves.len() >= MAX_LEAVES {
                query.ignored.push(raw.to_string());
                continue;
            }
            let id = query.leaves.len() as u16;
            query.leaves.push(Leaf {
                kind,
                text: text.to_string(),
                terms,
                negated,
            });
            children.push(if negated {
                Node::Not(Box::new(Node::Leaf(id)))
            } else {
                Node::Leaf(id)
            });
        }
        query.root = match children.len() {
            0 => None,
            1 => children.pop(),
            _ => Some(Node::And(children)),
        };
        query
    }

    /// Whether the query matches every document (nothing usable was typed).
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    /// The leaves that find and mark text (not the excluded ones).
    pub fn positive_leaves(&self) -> impl Iterator<Item = (u16, &Leaf)> {
        self.leaves
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.negated)
            .map(|(i, l)| (i as u16, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(input: &str) -> Query {
        Query::parse(&Analyzer::new(), input)
    }

    /// A compact rendering of a parsed query, for table tests.
    fn render(q: &Query) -> String {
        fn node(q: &Query, n: &Node) -> String {
            match n {
                Node::And(c) => format!("AND({})", c.iter().map(|n| node(q, n)).collect::<Vec<_>>().join(" ")),
                Node::Or(c) => format!("OR({})", c.iter().map(|n| node(q, n)).collect::<Vec<_>>().join(" ")),
                Node::Not(c) => format!("NOT {}", node(q, c)),
                Node::Leaf(i) => {
                    let leaf = &q.leaves[*i as usize];
                    let terms = leaf.terms.join("+");
                    match leaf.kind {
                        LeafKind::Word => terms,
                        LeafKind::Prefix => format!("{terms}*"),
                        LeafKind::Phrase => format!("\"{terms}\""),
                    }
                }
            }
        }
        let mut out = q.root.as_ref().map(|n| node(q, n)).unwrap_or_else(|| "ALL".into());
        if !q.ignored.is_empty() {
            out += &format!(" ignored={:?}", q.ignored);
        }
        out
    }

    #[test]
    fn table_of_query_cases() {
        let cases = [
            ("", "ALL"),
            ("   ", "ALL"),
            ("palantir", "palantir"),
            ("Palantir NHS", "AND(palantir nhs)"),
            ("\"data platform\"", "\"data+platform\""),
            ("nhs \"federated data platform\" contract", "AND(nhs \"federated+data+platform\" contract)"),
            ("\"unclosed phrase", "\"unclosed+phrase\""),
            ("-israel palantir", "AND(NOT israel palantir)"),
            ("palantir -\"data platform\"", "AND(palantir NOT \"data+platform\")"),
            ("contr*", "contr*"),
            ("contr**", "contr*"),
            ("seven-year", "seven+year"),
            ("£330m", "330+m"),
            ("England’s", "england"),
            ("Ümlaut", "umlaut"),
            ("-", "ALL ignored=[\"-\"]"),
            ("—", "ALL ignored=[\"—\"]"),
            ("\"\" nhs", "nhs ignored=[\"\\\"\\\"\"]"),
            ("*", "ALL ignored=[\"*\"]"),
            ("-*", "ALL ignored=[\"-*\"]"),
            ("a\"b c\"d", "AND(a \"b+c\" d)"),
            ("<script>alert(1)</script>", "script+alert+1+script"),
            ("<b> nhs", "AND(b nhs)"),
        ];
        for (input, expected) in cases {
            assert_eq!(render(&parse(input)), expected, "parsing {input:?}");
        }
    }

    #[test]
    fn excluded_leaves_do_not_mark() {
        let q = parse("palantir -israel");
        let positive: Vec<&str> = q.positive_leaves().map(|(_, l)| l.text.as_str()).collect();
        assert_eq!(positive, ["palantir"]);
    }

    #[test]
    fn very_long_queries_are_cut_and_say_so() {
        let input = (0..40).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let q = parse(&input);
        assert_eq!(q.leaves.len(), MAX_LEAVES);
        assert_eq!(q.ignored.len(), 40 - MAX_LEAVES);
    }

    proptest! {
        #[test]
        fn parsing_any_input_never_panics(input in "\\PC{0,60}") {
            let q = parse(&input);
            for leaf in &q.leaves {
                prop_assert!(!leaf.terms.is_empty());
            }
        }

        #[test]
        fn parsing_query_punctuation_never_panics(input in "[-\"* a-zé’'()]{0,40}") {
            let _ = parse(&input);
        }
    }
}
