//! Everything a user sees lives in the URL's query string, so every state
//! survives a reload, can be shared, and works on any static host under
//! any sub-path: links are query-only (`?q=…`) and keep the page's path.
//!
//! | key | meaning |
//! |---|---|
//! | `q` | the query |
//! | `f` | a facet filter `key:value`, repeated |
//! | `sort` | `relevance`, `newest`, `oldest` or `title` |
//! | `n` | how many results are listed |
//! | `doc` | the open document's id |
//! | `hit` | the current hit in the open document, from 0 |
//! | `cmp` | a compared document's id, repeated |
//! | `p` | the current shared passage in a comparison, from 1 |
//! | `pick` | documents picked (repeated, up to 3) to be compared with the next one chosen |
//! | `dr` | a date range, `2024-01..2024-06` (either end may be empty) |
//! | `v` | the results as `kwic` (concordance), `reuse`, `quotes` or `similar` |
//! | `ks` | the concordance's order: `left`, `right`, `outlet`, `date` |
//! | `rs` | the reuse list's order: `size`, `length`, `date` |
//! | `lay` | `free`: compared documents scroll on their own |
//! | `only` | `1`: a comparison shows only its shared passages |
//! | `qt` | a quote in the open document, from 0 |

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use quire_engine::{KwicSort, PartialDate, Selection, Sort};

/// Characters kept as they are in query values; everything else is
/// percent-encoded.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Documents compared side by side at most.
pub const MAX_COMPARED: usize = 4;

/// Results listed at first, and added by "show more".
pub const PAGE_SIZE: usize = 20;

/// How the results are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    List,
    Concordance,
    Reuse,
    Quotes,
    Similarity,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::List, Tab::Concordance, Tab::Reuse, Tab::Quotes, Tab::Similarity];

    fn code(self) -> Option<&'static str> {
        match self {
            Tab::List => None,
            Tab::Concordance => Some("kwic"),
            Tab::Reuse => Some("reuse"),
            Tab::Quotes => Some("quotes"),
            Tab::Similarity => Some("similar"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::List => "Documents",
            Tab::Concordance => "Concordance",
            Tab::Reuse => "Reuse",
            Tab::Quotes => "Quotes",
            Tab::Similarity => "Similarity",
        }
    }
}

/// The order of the reuse list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReuseSort {
    /// Most documents first.
    #[default]
    Size,
    /// Longest passage first.
    Length,
    /// Earliest first occurrence first.
    Date,
}

impl ReuseSort {
    pub const ALL: [ReuseSort; 3] = [ReuseSort::Size, ReuseSort::Length, ReuseSort::Date];

    pub fn as_str(self) -> &'static str {
        match self {
            ReuseSort::Size => "size",
            ReuseSort::Length => "length",
            ReuseSort::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<ReuseSort> {
        ReuseSort::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// The results, as a list, concordance, reuse, quotes or similarity.
    Search,
    Document(String),
    Compare(Vec<String>),
}

/// The state a URL describes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub query: String,
    pub filters: Vec<(String, String)>,
    pub sort: Option<Sort>,
    pub limit: Option<usize>,
    pub doc: Option<String>,
    pub hit: Option<usize>,
    pub compare: Vec<String>,
    pub passage: Option<usize>,
    pub picks: Vec<String>,
    pub date_range: Option<String>,
    pub tab: Tab,
    pub kwic_sort: Option<KwicSort>,
    pub reuse_sort: Option<ReuseSort>,
    pub free_layout: bool,
    pub matched_only: bool,
    pub quote: Option<usize>,
}

impl UrlState {
    /// Reads the state from decoded query pairs, in URL order. Unknown keys
    /// and malformed values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> UrlState {
        let mut state = UrlState::default();
        for (key, value) in pairs {
            match key {
                "q" => state.query = value.to_string(),
                "f" => {
                    if let Some((k, v)) = value.split_once(':') {
                        let pair = (k.to_string(), v.to_string());
                        if !k.is_empty() && !state.filters.contains(&pair) {
                            state.filters.push(pair);
                        }
                    }
                }
                "sort" => state.sort = Sort::parse(value),
                "n" => state.limit = value.parse().ok().filter(|&n| n > 0),
                "doc" if !value.is_empty() => state.doc = Some(value.to_string()),
                "hit" => state.hit = value.parse().ok(),
                "cmp" if !value.is_empty() && !state.compare.iter().any(|c| c == value) && state.compare.len() < MAX_COMPARED => {
                    state.compare.push(value.to_string());
                }
                "p" => state.passage = value.parse().ok().filter(|&p| p > 0),
                "pick" if !value.is_empty() && !state.picks.iter().any(|p| p == value) && state.picks.len() < MAX_COMPARED - 1 => {
                    state.picks.push(value.to_string());
                }
                "dr" if parse_range(value).is_some() => state.date_range = Some(value.to_string()),
                "v" => state.tab = Tab::ALL.into_iter().find(|t| t.code() == Some(value)).unwrap_or_default(),
                "ks" => state.kwic_sort = KwicSort::parse(value),
                "rs" => state.reuse_sort = ReuseSort::parse(value),
                "lay" => state.free_layout = value == "free",
                "only" => state.matched_only = value == "1",
                "qt" => state.quote = value.parse().ok(),
                _ => {}
            }
        }
        state
    }

    /// The query-only link to this state (`?q=…`), relative to the page.
    pub fn href(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("q", self.query.clone()));
        }
        for (k, v) in &self.filters {
            pairs.push(("f", format!("{k}:{v}")));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.as_str().to_string()));
        }
        if let Some(n) = self.limit {
            pairs.push(("n", n.to_string()));
        }
        if let Some(doc) = &self.doc {
            pairs.push(("doc", doc.clone()));
        }
        if let Some(hit) = self.hit {
            pairs.push(("hit", hit.to_string()));
        }
        for id in &self.compare {
            pairs.push(("cmp", id.clone()));
        }
        if let Some(p) = self.passage {
            pairs.push(("p", p.to_string()));
        }
        for pick in &self.picks {
            pairs.push(("pick", pick.clone()));
        }
        if let Some(range) = &self.date_range {
            pairs.push(("dr", range.clone()));
        }
        if let Some(code) = self.tab.code() {
            pairs.push(("v", code.to_string()));
        }
        if let Some(sort) = self.kwic_sort {
            pairs.push(("ks", sort.as_str().to_string()));
        }
        if let Some(sort) = self.reuse_sort {
            pairs.push(("rs", sort.as_str().to_string()));
        }
        if self.free_layout {
            pairs.push(("lay", "free".to_string()));
        }
        if self.matched_only {
            pairs.push(("only", "1".to_string()));
        }
        if let Some(q) = self.quote {
            pairs.push(("qt", q.to_string()));
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, KEEP))).collect();
        format!("?{}", query.join("&"))
    }

    pub fn view(&self) -> View {
        if self.compare.len() >= 2 {
            View::Compare(self.compare.clone())
        } else if let Some(doc) = &self.doc {
            View::Document(doc.clone())
        } else {
            View::Search
        }
    }

    /// The facet selection the filters describe.
    pub fn selection(&self) -> Selection {
        let mut selection = Selection::new();
        for (k, v) in &self.filters {
            selection.select(k.clone(), v.clone());
        }
        selection
    }

    /// The order to list results in: the chosen one, else relevance for a
    /// query and newest first for the whole corpus.
    pub fn effective_sort(&self) -> Sort {
        self.sort.unwrap_or(if self.query.trim().is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        })
    }

    pub fn is_filtered(&self) -> bool {
        !self.query.is_empty() || !self.filters.is_empty() || self.date_range.is_some()
    }

    /// The date range as packed day keys, for the engine.
    pub fn date_keys(&self) -> Option<(u32, u32)> {
        self.date_range.as_deref().and_then(parse_range)
    }

    /// The search view with the same query, filters and order (and the
    /// concordance, if that is where it was).
    pub fn to_search(&self) -> UrlState {
        UrlState {
            query: self.query.clone(),
            filters: self.filters.clone(),
            sort: self.sort,
            limit: self.limit,
            picks: self.picks.clone(),
            date_range: self.date_range.clone(),
            tab: self.tab,
            kwic_sort: self.kwic_sort,
            reuse_sort: self.reuse_sort,
            ..UrlState::default()
        }
    }

    pub fn with_date_range(&self, range: Option<String>) -> UrlState {
        UrlState {
            date_range: range,
            limit: None,
            ..self.to_search()
        }
    }

    /// The results shown as `tab`.
    pub fn with_tab(&self, tab: Tab) -> UrlState {
        UrlState { tab, ..self.to_search() }
    }

    pub fn with_reuse_sort(&self, sort: ReuseSort) -> UrlState {
        UrlState {
            reuse_sort: Some(sort),
            ..self.to_search()
        }
    }

    /// The comparison with its layout or folding changed.
    pub fn with_compare_options(&self, free_layout: bool, matched_only: bool) -> UrlState {
        UrlState {
            free_layout,
            matched_only,
            ..self.clone()
        }
    }

    /// A document opened at one of its quotes.
    pub fn open_quote(&self, id: &str, quote: usize) -> UrlState {
        UrlState {
            quote: Some(quote),
            ..self.open(id)
        }
    }

    pub fn with_kwic_sort(&self, sort: KwicSort) -> UrlState {
        UrlState {
            kwic_sort: Some(sort),
            ..self.to_search()
        }
    }

    /// A hit of a document, opened from the current search.
    pub fn open_at(&self, id: &str, hit: usize) -> UrlState {
        UrlState {
            hit: Some(hit),
            ..self.open(id)
        }
    }

    pub fn with_query(&self, query: &str) -> UrlState {
        UrlState {
            query: query.to_string(),
            limit: None,
            ..self.to_search()
        }
    }

    pub fn with_filter_toggled(&self, key: &str, value: &str) -> UrlState {
        let mut next = self.to_search();
        next.limit = None;
        let pair = (key.to_string(), value.to_string());
        match next.filters.iter().position(|p| *p == pair) {
            Some(i) => {
                next.filters.remove(i);
            }
            None => next.filters.push(pair),
        }
        next
    }

    pub fn with_sort(&self, sort: Sort) -> UrlState {
        UrlState {
            sort: Some(sort),
            ..self.to_search()
        }
    }

    pub fn with_limit(&self, limit: usize) -> UrlState {
        UrlState {
            limit: Some(limit),
            ..self.to_search()
        }
    }

    /// Everything cleared except a pending pick.
    pub fn cleared(&self) -> UrlState {
        UrlState {
            picks: self.picks.clone(),
            ..UrlState::default()
        }
    }

    /// A document, opened from the current search.
    pub fn open(&self, id: &str) -> UrlState {
        UrlState {
            doc: Some(id.to_string()),
            limit: None,
            ..self.to_search()
        }
    }

    pub fn with_hit(&self, hit: usize) -> UrlState {
        UrlState {
            hit: Some(hit),
            ..self.clone()
        }
    }

    /// A comparison of `ids`, keeping the search to come back to.
    pub fn comparing(&self, ids: &[&str]) -> UrlState {
        UrlState {
            compare: ids.iter().map(|s| s.to_string()).collect(),
            picks: Vec::new(),
            limit: None,
            free_layout: self.free_layout,
            matched_only: self.matched_only,
            ..self.to_search()
        }
    }

    pub fn with_passage(&self, passage: usize) -> UrlState {
        UrlState {
            passage: Some(passage),
            ..self.clone()
        }
    }

    /// The search, with `id` added to the picks for comparison (or all
    /// picks dropped, for `None`).
    pub fn picking(&self, id: Option<&str>) -> UrlState {
        let mut picks = self.picks.clone();
        match id {
            Some(id) if !picks.iter().any(|p| p == id) && picks.len() < MAX_COMPARED - 1 => picks.push(id.to_string()),
            Some(_) => {}
            None => picks.clear(),
        }
        UrlState { picks, ..self.to_search() }
    }

    /// The search, with `id` no longer picked.
    pub fn unpicking(&self, id: &str) -> UrlState {
        UrlState {
            picks: self.picks.iter().filter(|p| *p != id).cloned().collect(),
            ..self.to_search()
        }
    }

    /// The search, with the compared documents picked, to add one more.
    pub fn adding_to_comparison(&self) -> UrlState {
        UrlState {
            picks: self.compare.iter().take(MAX_COMPARED - 1).cloned().collect(),
            ..self.to_search()
        }
    }
}

/// `from..to` with ISO dates (either may be empty), or one date: the
/// packed first and last day keys.
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (from, to) = text.split_once("..").unwrap_or((text, text));
    let start = if from.is_empty() {
        0
    } else {
        PartialDate::parse(from).ok()?.first_day_key()
    };
    let end = if to.is_empty() {
        u32::MAX
    } else {
        PartialDate::parse(to).ok()?.last_day_key()
    };
    (start <= end && !(from.is_empty() && to.is_empty())).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> UrlState {
        // Pairs as a browser's URLSearchParams decodes them.
        let decoded: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                let d = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
                (d(k), d(v))
            })
            .collect();
        UrlState::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn every_state_survives_a_round_trip_through_its_href() {
        let states = [
            UrlState::default(),
            UrlState {
                query: "\"data platform\" -israel £330m contr* & ? # = + % ’".into(),
                filters: vec![("source".into(), "Morning Star".into()), ("tag".into(), "a:b".into())],
                sort: Some(Sort::Oldest),
                limit: Some(100),
                picks: vec!["x/y z".into(), "w".into()],
                ..UrlState::default()
            },
            UrlState {
                doc: Some("004_3b07e6a0073e5d47".into()),
                hit: Some(3),
                query: "palantir".into(),
                ..UrlState::default()
            },
            UrlState {
                compare: vec!["a".into(), "b,c".into()],
                passage: Some(2),
                ..UrlState::default()
            },
            UrlState {
                query: "nhs".into(),
                date_range: Some("2024-01..2024-06".into()),
                tab: Tab::Concordance,
                kwic_sort: Some(KwicSort::LeftWord),
                ..UrlState::default()
            },
            UrlState {
                compare: vec!["a".into(), "b".into(), "c".into()],
                free_layout: true,
                matched_only: true,
                tab: Tab::Reuse,
                reuse_sort: Some(ReuseSort::Date),
                ..UrlState::default()
            },
            UrlState {
                doc: Some("a".into()),
                quote: Some(2),
                tab: Tab::Quotes,
                ..UrlState::default()
            },
        ];
        for state in states {
            let href = state.href();
            assert!(href.starts_with('?'), "{href}");
            assert!(!href.contains(' ') && !href.contains('#'), "{href}");
            assert_eq!(parse(&href), state, "{href}");
        }
    }

    #[test]
    fn strange_urls_give_a_usable_state() {
        let cases = [
            ("?hit=-1&p=0&n=abc&sort=sideways&dr=soon&ks=up", UrlState::default()),
            ("?dr=2025..2024", UrlState::default()),
            ("?f=nocolon&f=:empty&doc=&cmp=", UrlState::default()),
            (
                "?cmp=a&cmp=a",
                UrlState {
                    compare: vec!["a".into()],
                    ..UrlState::default()
                },
            ),
            (
                "?unknown=1&q=%E2%80%99",
                UrlState {
                    query: "’".into(),
                    ..UrlState::default()
                },
            ),
            // At most four compared, three picked; repeats dropped.
            (
                "?cmp=a&cmp=b&cmp=c&cmp=d&cmp=e&pick=x&pick=x&pick=y&pick=z&pick=w",
                UrlState {
                    compare: vec!["a".into(), "b".into(), "c".into(), "d".into()],
                    picks: vec!["x".into(), "y".into(), "z".into()],
                    ..UrlState::default()
                },
            ),
            ("?v=nonsense&rs=big&lay=fixed&only=yes&qt=x", UrlState::default()),
        ];
        for (url, expected) in cases {
            assert_eq!(parse(url), expected, "{url}");
        }
        assert_eq!(parse("?cmp=a").view(), View::Search, "one document is not a comparison");
        assert_eq!(parse("?cmp=a&cmp=b&doc=c").view(), View::Compare(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn picks_grow_to_a_comparison() {
        let s = parse("?q=nhs");
        let one = s.picking(Some("a"));
        let two = one.picking(Some("b")).picking(Some("a"));
        assert_eq!(two.picks, vec!["a".to_string(), "b".to_string()]);
        assert_eq!(two.unpicking("a").picks, vec!["b".to_string()]);
        assert!(two.picking(None).picks.is_empty());
        let cmp = two.comparing(&["a", "b", "c"]);
        assert_eq!(cmp.view(), View::Compare(vec!["a".into(), "b".into(), "c".into()]));
        let adding = cmp.adding_to_comparison();
        assert_eq!(adding.view(), View::Search);
        assert_eq!(adding.picks.len(), 3);
        assert_eq!(adding.query, "nhs");
    }

    #[test]
    fn opening_a_document_keeps_the_search_to_return_to() {
        let search = parse("?q=nhs&f=year:2024&sort=title&pick=x");
        let doc = search.open("d1");
        assert_eq!(doc.view(), View::Document("d1".into()));
        assert_eq!(doc.to_search(), search);
        let cmp = doc.comparing(&["x", "d1"]);
        assert!(cmp.picks.is_empty());
        assert_eq!(cmp.query, "nhs");
    }

    #[test]
    fn date_ranges_parse_to_day_keys() {
        assert_eq!(parse_range("2024-01..2024-06"), Some((20240101, 20240631)));
        assert_eq!(parse_range("2024"), Some((20240101, 20241231)));
        assert_eq!(parse_range("..2023"), Some((0, 20231231)));
        assert_eq!(parse_range("2023-04.."), Some((20230401, u32::MAX)));
        assert_eq!(parse_range(".."), None);
        assert_eq!(parse_range("next week"), None);
    }

    #[test]
    fn toggling_a_filter_adds_then_removes_it() {
        let s = UrlState::default().with_filter_toggled("source", "Foxglove");
        assert_eq!(s.filters, [("source".to_string(), "Foxglove".to_string())]);
        assert!(s.with_filter_toggled("source", "Foxglove").filters.is_empty());
    }

    #[test]
    fn the_default_order_depends_on_the_query() {
        assert_eq!(UrlState::default().effective_sort(), Sort::Newest);
        assert_eq!(UrlState::default().with_query("nhs").effective_sort(), Sort::Relevance);
        assert_eq!(UrlState::default().with_sort(Sort::Title).effective_sort(), Sort::Title);
    }
}
