//! The query language. Parsing never fails: what cannot be used is listed
//! in [`Query::ignored`] and the rest is still searched.
//!
//! | syntax | meaning |
//! |---|---|
//! | `nhs palantir` | both words (AND is the default; `AND` may be written) |
//! | `nhs OR palantir` | either word |
//! | `NOT israel`, `-israel` | documents without the word |
//! | `(a OR b) c` | grouping |
//! | `"data platform"` | a phrase: adjacent, in order; anywhere in the query |
//! | `"data platform"~5`, `data NEAR/5 platform` | the words within 5 words of each other, in any order |
//! | `contr*` | any word starting with `contr` |
//! | `insurence~`, `insurence~2` | words within 1 (or 2) edits; unmarked long words are corrected when nothing matches them, `word~0` never |
//! | `title:palantir`, `source:"morning star"`, `tag:(a OR b)` | only in that field: `title`, `body`, `source`, `author`, `tag`, or any metadata key |
//! | `date:2024-01..2024-06`, `date:2024`, `date:2024..`, `date:..2023-06` | documents dated in that range |
//!
//! Operators are upper case; `or`, `not` are ordinary words. Words match
//! their inflections (`contract` finds `contracts`). A word the analyzer
//! splits (`seven-year`, `£330m`) is matched as a phrase of its parts.

use crate::text::analyze::Analyzer;
use crate::text::date::PartialDate;

/// How one leaf matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafKind {
    /// A word: its terms, with inflections (several terms: a phrase).
    Word,
    /// A word whose last term is a prefix.
    Prefix,
    /// A word within `distance` edits (1 or 2); 0 (`word~0`) asks for the
    /// word exactly, never corrected.
    Fuzzy { distance: u8 },
    /// Quoted words, adjacent and in order, with inflections.
    Phrase,
    /// Words within `slop` words of each other, in any order.
    Near { slop: u32 },
    /// Documents whose date overlaps `start..=end` (packed `yyyymmdd`).
    Date { start: u32, end: u32 },
}

/// A leaf of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub kind: LeafKind,
    /// The leaf as the user typed it, for messages.
    pub text: String,
    /// Analyzed terms; empty only for a date range.
    pub terms: Vec<String>,
    /// Fields the leaf is limited to, as typed (lower case); empty: all.
    pub fields: Vec<String>,
    /// Whether the leaf sits under a NOT: it excludes, it never marks.
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
    /// Pieces of the input that were not used, as typed.
    pub ignored: Vec<String>,
}

/// Queries with more leaves are cut: the rest is listed as ignored.
pub const MAX_LEAVES: usize = 32;

/// Groups and negations nest at most this deep, together (one budget for
/// every kind of nesting, so no query can exhaust the stack); from the
/// token that would go deeper, the rest of the query is not searched.
pub const MAX_DEPTH: usize = 24;

/// The proximity used by `NEAR` without a number.
pub const DEFAULT_NEAR: u32 = 5;

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    Or,
    And,
    Not,
    Near(u32),
    /// A field name followed by `:` (the colon is not kept).
    Field(String),
    Phrase {
        text: String,
        slop: Option<u32>,
    },
    Word(String),
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

/// A field name: letters, digits, `_`, `-`, `.`, starting with a letter.
fn field_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic) && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The tokens of `input`, each with the byte offset it starts at.
fn lex(input: &str) -> Vec<(Token, usize)> {
    let mut tokens = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else { break };
        let at = input.len() - rest.len();
        let mut tokens = Tokens { list: &mut tokens, at };
        match c {
            '(' => {
                tokens.push(Token::Open);
                rest = &rest[1..];
            }
            ')' => {
                tokens.push(Token::Close);
                rest = &rest[1..];
            }
            '"' => {
                let body = &rest[1..];
                let end = body.find('"').unwrap_or(body.len());
                let text = body[..end].to_string();
                rest = body.get(end + 1..).unwrap_or("");
                let mut slop = None;
                if let Some(after) = rest.strip_prefix('~') {
                    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                    slop = Some(after[..digits].parse().unwrap_or(DEFAULT_NEAR).min(1000));
                    rest = &after[digits..];
                }
                tokens.push(Token::Phrase { text, slop });
            }
            '-' | '+' if rest[1..].starts_with(|c: char| !c.is_whitespace()) => {
                if c == '-' {
                    tokens.push(Token::Not);
                }
                rest = &rest[1..];
            }
            _ => {
                let end = rest.find(is_delimiter).unwrap_or(rest.len());
                let word = &rest[..end];
                rest = &rest[end..];
                // `key:` then a word, a phrase or a group.
                if let Some((key, value)) = word.split_once(':') {
                    if field_name(key) {
                        tokens.push(Token::Field(key.to_lowercase()));
                        if value.is_empty() {
                            continue;
                        }
                        tokens.at += key.len() + 1;
                        tokens.push(Token::Word(value.to_string()));
                        continue;
                    }
                }
                tokens.push(match word {
                    "OR" | "||" => Token::Or,
                    "AND" | "&&" => Token::And,
                    "NOT" => Token::Not,
                    "NEAR" => Token::Near(DEFAULT_NEAR),
                    _ => match word.strip_prefix("NEAR/").map(str::parse::<u32>) {
                        Some(Ok(n)) => Token::Near(n.min(1000)),
                        _ => Token::Word(word.to_string()),
                    },
                });
            }
        }
    }
    tokens
}

/// Pushes tokens at one offset.
struct Tokens<'l> {
    list: &'l mut Vec<(Token, usize)>,
    at: usize,
}

impl Tokens<'_> {
    fn push(&mut self, token: Token) {
        self.list.push((token, self.at));
    }
}

struct Parser<'a> {
    analyzer: &'a Analyzer,
    input: &'a str,
    tokens: Vec<(Token, usize)>,
    at: usize,
    depth: usize,
    /// The nesting budget ran out: the rest of the input is not searched.
    stopped: bool,
    query: Query,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).map(|(t, _)| t.clone());
        self.at += 1;
        t
    }

    fn ignore(&mut self, what: impl Into<String>) {
        self.query.ignored.push(what.into());
    }

    /// Enters one more level of nesting, or, past [`MAX_DEPTH`], lists the
    /// rest of the input from the token just read as not searched and
    /// ends the parse.
    fn deeper(&mut self) -> bool {
        if self.depth < MAX_DEPTH {
            self.depth += 1;
            return true;
        }
        let from = self.tokens.get(self.at.saturating_sub(1)).map_or(self.input.len(), |(_, at)| *at);
        self.ignore(self.input[from..].trim_end());
        self.at = self.tokens.len();
        self.stopped = true;
        false
    }

    fn or(&mut self, scope: &[String]) -> Option<Node> {
        let mut alternatives = Vec::new();
        // An OR was read and still waits for its right-hand side.
        let mut pending_or = false;
        loop {
            match self.and(scope) {
                Some(node) => {
                    alternatives.push(node);
                    pending_or = false;
                }
                None if pending_or => {
                    self.ignore("OR");
                    pending_or = false;
                }
                None => {}
            }
            if self.peek() != Some(&Token::Or) {
                break;
            }
            self.next();
            if alternatives.is_empty() {
                self.ignore("OR");
            } else {
                pending_or = true;
            }
        }
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Node::Or(alternatives)),
        }
    }

    fn and(&mut self, scope: &[String]) -> Option<Node> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Or) => break,
                Some(Token::Close) if self.depth > 0 => break,
                Some(Token::Close) => {
                    self.next();
                    self.ignore(")");
                }
                Some(Token::And) => {
                    self.next();
                    if items.is_empty() || matches!(self.peek(), None | Some(Token::Or) | Some(Token::Close)) {
                        self.ignore("AND");
                    }
                }
                _ => {
                    if let Some(node) = self.unary(scope) {
                        items.push(node);
                    }
                }
            }
        }
        match items.len() {
            0 => None,
            1 => items.pop(),
            _ => Some(Node::And(items)),
        }
    }

    fn unary(&mut self, scope: &[String]) -> Option<Node> {
        if self.peek() == Some(&Token::Not) {
            self.next();
            if !self.deeper() {
                return None;
            }
            let inner = self.unary(scope);
            self.depth -= 1;
            return match inner {
                Some(node) => Some(Node::Not(Box::new(node))),
                None if self.stopped => None,
                None => {
                    self.ignore("NOT");
                    None
                }
            };
        }
        let left = self.primary(scope)?;
        let Some(Token::Near(slop)) = self.peek().cloned() else {
            return Some(left);
        };
        self.next();
        let Some(right) = self.primary(scope) else {
            self.ignore(format!("NEAR/{slop}"));
            return Some(left);
        };
        match (&left, &right) {
            (Node::Leaf(a), Node::Leaf(b)) if self.nearable(*a) && self.nearable(*b) => {
                let (a, b) = (*a as usize, *b as usize);
                let right_leaf = self.query.leaves[b].clone();
                let leaf = &mut self.query.leaves[a];
                leaf.terms.extend(right_leaf.terms);
                leaf.text = format!("{} NEAR/{slop} {}", leaf.text, right_leaf.text);
                leaf.kind = LeafKind::Near { slop };
                self.query.leaves.remove(b);
                Some(left)
            }
            _ => {
                self.ignore(format!("NEAR/{slop}"));
                Some(Node::And(vec![left, right]))
            }
        }
    }

    fn nearable(&self, leaf: u16) -> bool {
        let leaf = &self.query.leaves[leaf as usize];
        matches!(leaf.kind, LeafKind::Word | LeafKind::Phrase | LeafKind::Near { .. })
    }

    fn primary(&mut self, scope: &[String]) -> Option<Node> {
        match self.next()? {
            Token::Open => {
                if !self.deeper() {
                    return None;
                }
                let inner = self.or(scope);
                self.depth -= 1;
                if self.peek() == Some(&Token::Close) {
                    self.next();
                    if inner.is_none() {
                        self.ignore("()");
                    }
                } else if !self.stopped {
                    self.ignore("( without )");
                }
                inner
            }
            Token::Field(name) => {
                let mut scope = scope.to_vec();
                if !scope.contains(&name) {
                    scope.push(name.clone());
                }
                if name == "date" {
                    return self.date(&name);
                }
                match self.peek() {
                    Some(Token::Open) | Some(Token::Phrase { .. }) | Some(Token::Word(_)) => self.primary(&scope),
                    _ => {
                        self.ignore(format!("{name}:"));
                        None
                    }
                }
            }
            Token::Phrase { text, slop } => {
                let kind = match slop {
                    Some(slop) => LeafKind::Near { slop },
                    None => LeafKind::Phrase,
                };
                let raw = match slop {
                    Some(s) => format!("\"{text}\"~{s}"),
                    None => format!("\"{text}\""),
                };
                self.leaf(kind, &text, raw, scope)
            }
            Token::Word(word) => self.word(&word, scope),
            Token::Close => {
                self.ignore(")");
                None
            }
            Token::Or => {
                self.ignore("OR");
                None
            }
            Token::And => {
                self.ignore("AND");
                None
            }
            Token::Not => {
                self.ignore("NOT");
                None
            }
            Token::Near(n) => {
                self.ignore(format!("NEAR/{n}"));
                None
            }
        }
    }

    fn word(&mut self, word: &str, scope: &[String]) -> Option<Node> {
        let stripped = word.trim_end_matches('*');
        if stripped.len() < word.len() {
            return self.leaf(LeafKind::Prefix, stripped, word.to_string(), scope);
        }
        if let Some(tilde) = word.rfind('~') {
            let (text, suffix) = (&word[..tilde], &word[tilde + 1..]);
            let distance = match suffix {
                "" => Some(if text.chars().count() > 7 { 2 } else { 1 }),
                "0" => Some(0),
                "1" => Some(1),
                "2" => Some(2),
                _ => None,
            };
            if let Some(distance) = distance {
                return self.leaf(LeafKind::Fuzzy { distance }, text, word.to_string(), scope);
            }
        }
        self.leaf(LeafKind::Word, word, word.to_string(), scope)
    }

    fn date(&mut self, name: &str) -> Option<Node> {
        let Some(Token::Word(value)) = self.peek().cloned() else {
            self.ignore(format!("{name}:"));
            return None;
        };
        self.next();
        let raw = format!("{name}:{value}");
        let (from, to) = value.split_once("..").unwrap_or((&value, &value));
        let parse = |s: &str, end: bool| -> Option<u32> {
            if s.is_empty() {
                return Some(if end { u32::MAX } else { 0 });
            }
            let d = PartialDate::parse(s).ok()?;
            Some(if end { d.last_day_key() } else { d.first_day_key() })
        };
        match (parse(from, false), parse(to, true)) {
            (Some(start), Some(end)) if start <= end && !(from.is_empty() && to.is_empty()) => self.push_leaf(Leaf {
                kind: LeafKind::Date { start, end },
                text: raw,
                terms: Vec::new(),
                fields: Vec::new(),
                negated: false,
            }),
            _ => {
                self.ignore(raw);
                None
            }
        }
    }

    /// A leaf from `text` (what is analyzed), shown to users as `raw`.
    fn leaf(&mut self, kind: LeafKind, text: &str, raw: String, scope: &[String]) -> Option<Node> {
        let terms = self.analyzer.terms(text);
        if terms.is_empty() {
            self.ignore(raw);
            return None;
        }
        let kind = match kind {
            // Several terms make a phrase; fuzziness applies to one word.
            LeafKind::Fuzzy { .. } if terms.len() > 1 => LeafKind::Phrase,
            LeafKind::Near { .. } if terms.len() < 2 => LeafKind::Word,
            k => k,
        };
        self.push_leaf(Leaf {
            kind,
            text: raw,
            terms,
            fields: scope.to_vec(),
            negated: false,
        })
    }

    fn push_leaf(&mut self, leaf: Leaf) -> Option<Node> {
        if self.query.leaves.len() >= MAX_LEAVES {
            self.ignore(leaf.text);
            return None;
        }
        self.query.leaves.push(leaf);
        Some(Node::Leaf(self.query.leaves.len() as u16 - 1))
    }
}

/// Marks leaves under an odd number of NOTs as negated.
fn mark_negated(node: &Node, negated: bool, leaves: &mut [Leaf]) {
    match node {
        Node::And(children) | Node::Or(children) => {
            for c in children {
                mark_negated(c, negated, leaves);
            }
        }
        Node::Not(inner) => mark_negated(inner, !negated, leaves),
        Node::Leaf(i) => leaves[*i as usize].negated = negated,
    }
}

impl Query {
    /// Parses `input`. Never fails and never panics.
    pub fn parse(analyzer: &Analyzer, input: &str) -> Query {
        let mut parser = Parser {
            analyzer,
            input,
            tokens: lex(input),
            at: 0,
            depth: 0,
            stopped: false,
            query: Query::default(),
        };
        let mut parts = Vec::new();
        while parser.at < parser.tokens.len() {
            let before = parser.at;
            if let Some(node) = parser.or(&[]) {
                parts.push(node);
            }
            if parser.at == before {
                // Cannot happen (every token is used or ignored), but never loop.
                parser.next();
            }
        }
        let mut query = parser.query;
        query.root = match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Node::And(parts)),
        };
        if let Some(root) = &query.root {
            mark_negated(root, false, &mut query.leaves);
        }
        query
    }

    /// Whether the query matches every document (nothing usable was typed).
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    /// `input` with the word `typed` asked for exactly (`typed~0`, never
    /// corrected): the first plain word token that reads `typed`, found by
    /// the lexer, so quotes, groups and fields around it are kept.
    pub fn exact_word(input: &str, typed: &str) -> String {
        for (token, at) in lex(input) {
            if token == Token::Word(typed.to_string()) && input[at..].starts_with(typed) {
                let end = at + typed.len();
                return format!("{}~0{}", &input[..end], &input[end..]);
            }
        }
        input.to_string()
    }

    /// The leaves that find and mark text: not excluded, not date ranges.
    pub fn positive_leaves(&self) -> impl Iterator<Item = (u16, &Leaf)> {
        self.leaves
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.negated && !matches!(l.kind, LeafKind::Date { .. }))
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
            let join = |c: &[Node]| c.iter().map(|n| node(q, n)).collect::<Vec<_>>().join(" ");
            match n {
                Node::And(c) => format!("AND({})", join(c)),
                Node::Or(c) => format!("OR({})", join(c)),
                Node::Not(c) => format!("NOT {}", node(q, c)),
                Node::Leaf(i) => {
                    let leaf = &q.leaves[*i as usize];
                    let terms = leaf.terms.join("+");
                    let body = match leaf.kind {
                        LeafKind::Word => terms,
                        LeafKind::Prefix => format!("{terms}*"),
                        LeafKind::Fuzzy { distance } => format!("{terms}~{distance}"),
                        LeafKind::Phrase => format!("\"{terms}\""),
                        LeafKind::Near { slop } => format!("NEAR{slop}({terms})"),
                        LeafKind::Date { start, end } => format!("date[{start}..{end}]"),
                    };
                    if leaf.fields.is_empty() {
                        body
                    } else {
                        format!("{}:{body}", leaf.fields.join("|"))
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
            ("palantir AND nhs", "AND(palantir nhs)"),
            ("palantir OR foxglove", "OR(palantir foxglove)"),
            ("a b OR c", "OR(AND(a b) c)"),
            ("a (b OR c)", "AND(a OR(b c))"),
            ("palantir or foxglove", "AND(palantir or foxglove)"),
            ("NOT israel", "NOT israel"),
            ("-israel palantir", "AND(NOT israel palantir)"),
            ("palantir -(israel OR gaza)", "AND(palantir NOT OR(israel gaza))"),
            ("NOT NOT x", "NOT NOT x"),
            ("\"data platform\"", "\"data+platform\""),
            (
                "nhs \"federated data platform\" contract",
                "AND(nhs \"federated+data+platform\" contract)",
            ),
            ("\"unclosed phrase", "\"unclosed+phrase\""),
            ("\"data platform\"~5", "NEAR5(data+platform)"),
            ("\"data platform\"~", "NEAR5(data+platform)"),
            ("data NEAR/3 platform", "NEAR3(data+platform)"),
            ("data NEAR platform", "NEAR5(data+platform)"),
            ("data NEAR/3", "data ignored=[\"NEAR/3\"]"),
            ("contr*", "contr*"),
            ("contr**", "contr*"),
            ("insurence~", "insurence~2"),
            ("polcy~", "polcy~1"),
            ("polcy~1", "polcy~1"),
            ("polcy~0", "polcy~0"),
            ("seven-year~", "\"seven+year\""),
            ("seven-year", "seven+year"),
            ("£330m", "330+m"),
            ("England’s", "england"),
            ("title:palantir", "title:palantir"),
            ("source:\"Morning Star\"", "source:\"morning+star\""),
            ("tag:(nhs OR data) palantir", "AND(OR(tag:nhs tag:data) palantir)"),
            ("Title:Palantir", "title:palantir"),
            ("http://x.org", "http:x+org"),
            ("date:2024-01..2024-06", "date[20240101..20240631]"),
            ("date:2024", "date[20240101..20241231]"),
            ("date:2024.. nhs", "AND(date[20240101..4294967295] nhs)"),
            ("date:..2023-06", "date[0..20230631]"),
            ("date:soon nhs", "nhs ignored=[\"date:soon\"]"),
            ("date:2025..2024", "ALL ignored=[\"date:2025..2024\"]"),
            ("-", "ALL ignored=[\"-\"]"),
            ("—", "ALL ignored=[\"—\"]"),
            ("\"\" nhs", "nhs ignored=[\"\\\"\\\"\"]"),
            ("*", "ALL ignored=[\"*\"]"),
            ("OR nhs", "nhs ignored=[\"OR\"]"),
            ("nhs OR", "nhs ignored=[\"OR\"]"),
            ("nhs AND", "nhs ignored=[\"AND\"]"),
            ("nhs NOT", "nhs ignored=[\"NOT\"]"),
            ("(nhs", "nhs ignored=[\"( without )\"]"),
            ("nhs)", "nhs ignored=[\")\"]"),
            ("()", "ALL ignored=[\"()\"]"),
            ("title:", "ALL ignored=[\"title:\"]"),
            ("<script>alert(1)</script>", "AND(script+alert 1 script)"),
        ];
        for (input, expected) in cases {
            assert_eq!(render(&parse(input)), expected, "parsing {input:?}");
        }
    }

    #[test]
    fn table_of_exact_word_rewrites() {
        let cases = [
            ("pyhton", "pyhton", "pyhton~0"),
            ("nhs  pyhton data", "pyhton", "nhs  pyhton~0 data"),
            ("(pyhton OR x) \"pyhton\"", "pyhton", "(pyhton~0 OR x) \"pyhton\""),
            ("title:pyhton", "pyhton", "title:pyhton~0"),
            ("\"pyhton\" pyhton", "pyhton", "\"pyhton\" pyhton~0"),
            ("pyhtonic pyhton", "pyhton", "pyhtonic pyhton~0"),
            ("Müller\u{a0}pyhton", "pyhton", "Müller\u{a0}pyhton~0"),
            ("nothing here", "pyhton", "nothing here"),
        ];
        for (input, typed, expected) in cases {
            assert_eq!(Query::exact_word(input, typed), expected, "{input:?}");
        }
    }

    #[test]
    fn leaves_under_not_are_negated_and_do_not_mark() {
        let q = parse("palantir -israel NOT (gaza OR NOT nhs)");
        let positive: Vec<&str> = q.positive_leaves().map(|(_, l)| l.text.as_str()).collect();
        assert_eq!(positive, ["palantir", "nhs"]);
        assert_eq!(parse("\"data platform\"~3").leaves[0].text, "\"data platform\"~3");
        assert!(parse("date:2024").positive_leaves().next().is_none());
    }

    #[test]
    fn very_long_queries_are_cut_and_say_so() {
        let input = (0..40).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let q = parse(&input);
        assert_eq!(q.leaves.len(), MAX_LEAVES);
        assert_eq!(q.ignored.len(), 40 - MAX_LEAVES);
    }

    #[test]
    fn deep_nesting_is_cut_without_overflowing_the_stack() {
        let input = format!("{}nhs{}", "(".repeat(10_000), ")".repeat(10_000));
        let q = parse(&input);
        assert!(!q.ignored.is_empty());
    }

    #[test]
    fn one_depth_budget_covers_groups_and_negations_and_the_rest_is_not_searched() {
        // A crafted link: thousands of negations before a word once
        // overflowed the stack, one recursion per `-`.
        for input in [
            format!("{}nhs", "-".repeat(3_000)),
            format!("{}nhs", "NOT ".repeat(3_000)),
            format!("{}nhs", "-(".repeat(3_000)),
        ] {
            let q = parse(&input);
            assert!(q.root.is_none(), "{:?}", render(&q));
            assert_eq!(q.ignored.len(), 1, "{:?}", q.ignored);
            assert!(
                q.ignored[0].ends_with("nhs"),
                "the rest of the query is listed: {:?}",
                &q.ignored[0][..20]
            );
        }
        // Within the budget, nesting of both kinds works.
        let within = format!("palantir {}nhs{}", "-(".repeat(MAX_DEPTH / 2), ")".repeat(MAX_DEPTH / 2));
        let q = parse(&within);
        assert!(q.ignored.is_empty(), "{:?}", q.ignored);
        // Twelve negations cancel out: both words mark.
        assert_eq!(q.positive_leaves().count(), 2);
        // Past it: what came before is still searched, the rest is listed.
        let past = format!("palantir {}nhs", "-".repeat(MAX_DEPTH + 1));
        let q = parse(&past);
        assert_eq!(render(&q), format!("palantir ignored=[{:?}]", "-nhs"));
        let cases = [
            (
                format!("a {}b{} c", "(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1)),
                format!("{}b{} c", "(", ")".repeat(MAX_DEPTH + 1)),
            ),
            (format!("a {}b", "NOT ".repeat(MAX_DEPTH + 1)), "NOT b".to_string()),
        ];
        for (input, rest) in cases {
            let q = parse(&input);
            assert_eq!(q.ignored, [rest], "{input}");
            assert_eq!(
                q.positive_leaves().map(|(_, l)| l.text.as_str()).collect::<Vec<_>>(),
                ["a"],
                "{input}"
            );
        }
    }

    proptest! {
        #[test]
        fn parsing_any_input_never_panics(input in "\\PC{0,60}") {
            let q = parse(&input);
            for leaf in &q.leaves {
                let is_date = matches!(leaf.kind, LeafKind::Date { .. });
                prop_assert!(!leaf.terms.is_empty() || is_date);
            }
        }

        #[test]
        fn parsing_query_syntax_soup_never_panics(input in "(OR|AND|NOT|NEAR/[0-9]|NEAR|title:|date:|2024|\\.\\.|[-\"*~()a-zé’' ]){0,30}") {
            let q = parse(&input);
            // Every leaf is reachable from the root exactly when there is one.
            if q.root.is_none() {
                prop_assert!(q.leaves.is_empty());
            }
        }
    }
}
