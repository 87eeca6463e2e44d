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
//! | `pick` | a document picked to be compared with the next one chosen |
//! | `dr` | a date range, `2024-01..2024-06` (either end may be empty) |
//! | `v` | `kwic` for the concordance view of the results |
//! | `ks` | the concordance's order: `left`, `right`, `outlet`, `date` |

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use quire_engine::{KwicSort, PartialDate, Selection, Sort};

/// Characters kept as they are in query values; everything else is
/// percent-encoded.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Results listed at first, and added by "show more".
pub const PAGE_SIZE: usize = 20;

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// The results, as a list or (with `kwic`) a concordance.
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
    pub pick: Option<String>,
    pub date_range: Option<String>,
    pub kwic: bool,
    pub kwic_sort: Option<KwicSort>,
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
                "cmp" if !value.is_empty() => {
                    if !state.compare.iter().any(|c| c == value) {
                        state.compare.push(value.to_string());
                    }
                }
                "p" => state.passage = value.parse().ok().filter(|&p| p > 0),
                "pick" if !value.is_empty() => state.pick = Some(value.to_string()),
                "dr" if parse_range(value).is_some() => state.date_range = Some(value.to_string()),
                "v" => state.kwic = value == "kwic",
                "ks" => state.kwic_sort = KwicSort::parse(value),
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
        if let Some(pick) = &self.pick {
            pairs.push(("pick", pick.clone()));
        }
        if let Some(range) = &self.date_range {
            pairs.push(("dr", range.clone()));
        }
        if self.kwic {
            pairs.push(("v", "kwic".to_string()));
        }
        if let Some(sort) = self.kwic_sort {
            pairs.push(("ks", sort.as_str().to_string()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, KEEP)))
            .collect();
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
            pick: self.pick.clone(),
            date_range: self.date_range.clone(),
            kwic: self.kwic,
            kwic_sort: self.kwic_sort,
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

    /// The results as a list (`false`) or as a concordance (`true`).
    pub fn with_kwic(&self, kwic: bool) -> UrlState {
        UrlState {
            kwic,
            ..self.to_search()
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
            pick: self.pick.clone(),
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
            pick: None,
            limit: None,
            ..self.to_search()
        }
    }

    pub fn with_passage(&self, passage: usize) -> UrlState {
        UrlState {
            passage: Some(passage),
            ..self.clone()
        }
    }

    /// The search, with `id` picked for comparison (or the pick dropped).
    pub fn picking(&self, id: Option<&str>) -> UrlState {
        UrlState {
            pick: id.map(str::to_string),
            ..self.to_search()
        }
    }
}

/// `from..to` with ISO dates (either may be empty), or one date: the
/// packed first and last day keys.
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (from, to) = text.split_once("..").unwrap_or((text, text));
    let start = if from.is_empty() { 0 } else { PartialDate::parse(from).ok()?.first_day_key() };
    let end = if to.is_empty() { u32::MAX } else { PartialDate::parse(to).ok()?.last_day_key() };
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
                pick: Some("x/y z".into()),
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
                kwic: true,
                kwic_sort: Some(KwicSort::LeftWord),
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
            ("?cmp=a&cmp=a", UrlState { compare: vec!["a".into()], ..UrlState::default() }),
            ("?unknown=1&q=%E2%80%99", UrlState { query: "’".into(), ..UrlState::default() }),
        ];
        for (url, expected) in cases {
            assert_eq!(parse(url), expected, "{url}");
        }
        assert_eq!(parse("?cmp=a").view(), View::Search, "one document is not a comparison");
        assert_eq!(parse("?cmp=a&cmp=b&doc=c").view(), View::Compare(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn opening_a_document_keeps_the_search_to_return_to() {
        let search = parse("?q=nhs&f=year:2024&sort=title&pick=x");
        let doc = search.open("d1");
        assert_eq!(doc.view(), View::Document("d1".into()));
        assert_eq!(doc.to_search(), search);
        let cmp = doc.comparing(&["x", "d1"]);
        assert_eq!(cmp.pick, None);
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
