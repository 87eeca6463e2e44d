//! Everything a user sees lives in the URL's query string, so every state
//! survives a reload, can be shared, and works on any static host under
//! any sub-path: links are query-only (`?q=…`) and keep the page's path.
//!
//! A state is the search ([`SearchState`]: query, filters, order, tab…)
//! and what the user looks at on top of it ([`Focus`]: nothing, one
//! document, or a comparison), so a hit without a document, or a passage
//! without a comparison, cannot be written down. The keys are listed once,
//! in [`KEYS`], which both parsing and [`UrlState::href`] go through:
//!
//! | key | meaning |
//! |---|---|
//! | `src` | `mine`: the documents added in this browser, not the page's corpus |
//! | `q` | the query |
//! | `f` | a facet filter `key:value`, repeated |
//! | `sort` | `relevance`, `newest`, `oldest` or `title` |
//! | `n` | how many results are listed |
//! | `dr` | a date range, `2024-01..2024-06` (either end may be empty) |
//! | `pick` | documents picked (repeated, up to 3) to be compared with the next one chosen |
//! | `v` | the results as `kwic` (concordance), `keys` (keywords), `coll` (collocates), `trend`, `reuse`, `quotes` or `similar` |
//! | `ks` | the concordance's order: `left`, `right`, `outlet`, `date` |
//! | `rs` | the reuse list's order: `size`, `length`, `date` |
//! | `ref` | keywords: the reference, a query (empty: the rest of the corpus) |
//! | `kmin` | keywords: the minimum frequency |
//! | `kp` | keywords: the p-value threshold, `0.05` to `0.0001` |
//! | `cm` | collocates: the measure, `logdice`, `mi` or `t` |
//! | `win` | collocates: words on each side, 1 to 10 |
//! | `cmin` | collocates: the minimum times together |
//! | `w` | the word picked in the keywords or collocates, whose lines are shown |
//! | `tq` | trends: a query, repeated (up to 6); none: the search's query |
//! | `tu` | trends: `month` or `year` (default: months for up to 3 years) |
//! | `tm` | trends: `hits` or `docs` instead of hits per 10,000 words |
//! | `doc` | the open document's id |
//! | `hit` | the current hit in the open document, from 0 |
//! | `qt` | a quote in the open document, from 0 |
//! | `cmp` | a compared document's id, repeated (two to four) |
//! | `p` | the current shared passage in a comparison, from 1 |
//! | `lay` | `free`: compared documents scroll on their own |
//! | `only` | `1`: a comparison shows only its shared passages |

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use quire_engine::{
    CharRange, EntityKind, KwicSort, Measure, PartialDate, Request, ReuseOrder, Selection, Sort, Unit, MAX_PHRASE_WORDS, P_LEVELS,
};

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
    Keywords,
    Collocates,
    Trends,
    Reuse,
    Quotes,
    Similarity,
    Entities,
    Notes,
}

impl Tab {
    pub const ALL: [Tab; 10] = [
        Tab::List,
        Tab::Concordance,
        Tab::Keywords,
        Tab::Collocates,
        Tab::Trends,
        Tab::Entities,
        Tab::Reuse,
        Tab::Quotes,
        Tab::Similarity,
        Tab::Notes,
    ];

    /// The tab's value of `v`; none for the list.
    fn code(self) -> Option<&'static str> {
        match self {
            Tab::List => None,
            Tab::Concordance => Some("kwic"),
            Tab::Keywords => Some("keys"),
            Tab::Collocates => Some("coll"),
            Tab::Trends => Some("trend"),
            Tab::Reuse => Some("reuse"),
            Tab::Quotes => Some("quotes"),
            Tab::Similarity => Some("similar"),
            Tab::Entities => Some("ents"),
            Tab::Notes => Some("notes"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::List => "Documents",
            Tab::Concordance => "Concordance",
            Tab::Keywords => "Keywords",
            Tab::Collocates => "Collocates",
            Tab::Trends => "Trends",
            Tab::Reuse => "Reuse",
            Tab::Quotes => "Quotes",
            Tab::Similarity => "Similarity",
            Tab::Entities => "Entities",
            Tab::Notes => "Notes",
        }
    }
}

/// A range of dates, either end open: `2024-01..2024-06`, `2024..`,
/// `..2023-06`, or one period, `2024`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

impl DateRange {
    /// One period: a year, a month or a day.
    pub fn period(date: PartialDate) -> DateRange {
        DateRange {
            from: Some(date),
            to: Some(date),
        }
    }

    /// `from..to` with ISO dates (either may be empty, not both), or one
    /// date; `None` for anything else, or an end before the start.
    pub fn parse(text: &str) -> Option<DateRange> {
        let (from, to) = text.split_once("..").unwrap_or((text, text));
        let end = |s: &str| {
            if s.is_empty() {
                Some(None)
            } else {
                PartialDate::parse(s).ok().map(Some)
            }
        };
        let range = DateRange {
            from: end(from)?,
            to: end(to)?,
        };
        let (start, last) = range.day_keys();
        ((range.from.is_some() || range.to.is_some()) && start <= last).then_some(range)
    }

    /// The first and last day it covers, packed `yyyymmdd`, for the engine.
    pub fn day_keys(&self) -> (u32, u32) {
        (
            self.from.map_or(0, |d| d.first_day_key()),
            self.to.map_or(u32::MAX, |d| d.last_day_key()),
        )
    }

    /// The smallest range holding this one and `period` (a shift-click on
    /// the histogram).
    pub fn extended(&self, period: PartialDate) -> DateRange {
        DateRange {
            from: self
                .from
                .map(|f| if f.first_day_key() <= period.first_day_key() { f } else { period }),
            to: self.to.map(|t| if t.last_day_key() >= period.last_day_key() { t } else { period }),
        }
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

/// The search: what the results are and how they are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchState {
    /// The documents added in this browser ("Your documents"), instead of
    /// the page's own corpus.
    pub local: bool,
    pub query: String,
    pub filters: Vec<(String, String)>,
    pub sort: Option<Sort>,
    pub limit: Option<usize>,
    pub dates: Option<DateRange>,
    /// Documents picked to compare with the next one chosen.
    pub picks: Vec<String>,
    pub tab: Tab,
    pub kwic_sort: Option<KwicSort>,
    pub reuse_order: Option<ReuseOrder>,
    pub explore: Explore,
}

/// Keywords shown by default: those seen this often at least.
pub const KEY_MIN: u32 = 3;
/// Collocates: words on each side, and times together at least.
pub const WINDOW: u32 = 5;
pub const COLL_MIN: u32 = 2;
/// The largest minimum frequency a URL or an input may set.
pub const MAX_MIN: u32 = 1_000_000;

/// The settings of the keywords and collocates views.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explore {
    /// Keywords: the reference, a query over the whole corpus; empty: the
    /// documents not in the results.
    pub reference: String,
    pub key_min: Option<u32>,
    /// Keywords: words in each item compared (2 or 3: phrases; none: 1).
    pub key_n: Option<u32>,
    /// The p-value threshold, as an index into [`P_LEVELS`].
    pub key_p: Option<usize>,
    pub measure: Option<Measure>,
    pub window: Option<u32>,
    pub coll_min: Option<u32>,
    /// The word picked (a keyword, or a collocate): its lines are shown.
    pub word: Option<String>,
    /// Trends: the queries drawn (none: the search's query).
    pub trend_queries: Vec<String>,
    pub trend_unit: Option<Unit>,
    pub trend_measure: Option<TrendMeasure>,
    /// Trends: the facet key the (first) query is split by, a line per
    /// value.
    pub trend_by: Option<String>,
    /// Entities: the one picked (its documents, lines and company are
    /// shown; in the reader its mentions are current).
    pub entity: Option<(EntityKind, String)>,
    /// The reader marks the entities its text names.
    pub mark_entities: bool,
    /// Notes: the words and tags searched for.
    pub notes_query: String,
    pub note_tags: Vec<String>,
}

/// The longest entity name a URL may pick, in bytes: names are at most
/// ten words, so a longer one is no entity the build found.
pub const MAX_ENTITY_NAME: usize = 2_000;

/// An entity as the URL writes it, `person:Peter Thiel`.
fn parse_entity(v: &str) -> Option<(EntityKind, String)> {
    let (kind, name) = v.split_once(':')?;
    let kind = EntityKind::from_key(kind)?;
    let name = name.trim();
    (!name.is_empty() && name.len() <= MAX_ENTITY_NAME).then(|| (kind, name.to_string()))
}

/// Tags a notes search may require at most.
pub const MAX_NOTE_TAGS: usize = 8;

/// The longest facet key a trend may be split by, in bytes.
pub const MAX_FACET_KEY: usize = 200;

/// Queries drawn in one trend at most.
pub const MAX_TREND_QUERIES: usize = 6;

/// What a trend plots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrendMeasure {
    /// Hits per 10,000 words.
    #[default]
    Rate,
    /// Hits.
    Hits,
    /// Documents matched.
    Docs,
}

impl TrendMeasure {
    pub const ALL: [TrendMeasure; 3] = [TrendMeasure::Rate, TrendMeasure::Hits, TrendMeasure::Docs];

    pub fn as_str(self) -> &'static str {
        match self {
            TrendMeasure::Rate => "rate",
            TrendMeasure::Hits => "hits",
            TrendMeasure::Docs => "docs",
        }
    }

    pub fn parse(s: &str) -> Option<TrendMeasure> {
        TrendMeasure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            TrendMeasure::Rate => "Hits per 10,000 words",
            TrendMeasure::Hits => "Hits",
            TrendMeasure::Docs => "Documents",
        }
    }
}

impl Explore {
    pub fn key_min(&self) -> u32 {
        self.key_min.unwrap_or(KEY_MIN)
    }

    /// Words in each item the keywords compare: 1, or 2 and 3 for
    /// phrases.
    pub fn key_n(&self) -> usize {
        self.key_n.unwrap_or(1) as usize
    }

    /// The threshold and its critical G².
    pub fn key_p(&self) -> (f64, f64) {
        P_LEVELS[self.key_p.unwrap_or(0).min(P_LEVELS.len() - 1)]
    }

    pub fn window(&self) -> u32 {
        self.window.unwrap_or(WINDOW)
    }

    pub fn coll_min(&self) -> u32 {
        self.coll_min.unwrap_or(COLL_MIN)
    }
}

/// A p-value threshold as written in the URL and shown: `0.05`.
pub fn p_label(level: usize) -> &'static str {
    ["0.05", "0.01", "0.001", "0.0001"][level.min(P_LEVELS.len() - 1)]
}

/// How a comparison is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompareLayout {
    /// Each document scrolls on its own, instead of aligned rows.
    pub free: bool,
    /// Only the shared passages; the rest folded.
    pub matched_only: bool,
}

/// What the user looks at, on top of the search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The results.
    #[default]
    Results,
    /// One document, at a hit or a quote.
    Document {
        id: String,
        hit: Option<usize>,
        quote: Option<usize>,
        /// A mention of the entity picked (see [`Explore::entity`]),
        /// counted in this document from 0.
        mention: Option<usize>,
        /// A passage cited: characters of the body.
        sel: Option<CharRange>,
        /// A note (its id): its passage, wherever it is now, is shown
        /// as a cited one.
        note: Option<String>,
    },
    /// Two to four documents side by side, at a passage.
    Compare {
        ids: Vec<String>,
        passage: Option<usize>,
        layout: CompareLayout,
    },
}

/// The state a URL describes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub search: SearchState,
    pub focus: Focus,
}

/// Every key's value as read from a URL, before the focus is decided.
#[derive(Default)]
struct Raw {
    search: SearchState,
    doc: Option<String>,
    hit: Option<usize>,
    quote: Option<usize>,
    mention: Option<usize>,
    sel: Option<CharRange>,
    note: Option<String>,
    compare: Vec<String>,
    passage: Option<usize>,
    layout: CompareLayout,
}

impl Raw {
    fn of(state: &UrlState) -> Raw {
        let mut raw = Raw {
            search: state.search.clone(),
            ..Raw::default()
        };
        match &state.focus {
            Focus::Results => {}
            Focus::Document {
                id,
                hit,
                quote,
                mention,
                sel,
                note,
            } => {
                raw.doc = Some(id.clone());
                raw.hit = *hit;
                raw.quote = *quote;
                raw.mention = *mention;
                raw.sel = *sel;
                raw.note = note.clone();
            }
            Focus::Compare { ids, passage, layout } => {
                raw.compare = ids.clone();
                raw.passage = *passage;
                raw.layout = *layout;
            }
        }
        raw
    }

    /// A comparison needs two documents; a document view one.
    fn into_state(self) -> UrlState {
        let focus = if self.compare.len() >= 2 {
            Focus::Compare {
                ids: self.compare,
                passage: self.passage,
                layout: self.layout,
            }
        } else if let Some(id) = self.doc {
            Focus::Document {
                id,
                hit: self.hit,
                quote: self.quote,
                mention: self.mention,
                sel: self.sel,
                note: self.note,
            }
        } else {
            Focus::Results
        };
        UrlState {
            search: self.search,
            focus,
        }
    }
}

/// One key of the query string: how to read a value of it (values come in
/// URL order; malformed ones are ignored) and the values a state has.
struct Key {
    name: &'static str,
    read: fn(&mut Raw, &str),
    write: fn(&Raw) -> Vec<String>,
}

fn number(value: &str) -> Option<usize> {
    value.parse().ok()
}

fn add_unique(list: &mut Vec<String>, value: &str, max: usize) {
    if !value.is_empty() && !list.iter().any(|v| v == value) && list.len() < max {
        list.push(value.to_string());
    }
}

fn small(value: &str, max: u32) -> Option<u32> {
    value.parse().ok().filter(|n| (1..=max).contains(n))
}

/// Every key, in the order `href` writes them.
const KEYS: [Key; 36] = [
    Key {
        name: "src",
        read: |r, v| r.search.local = v == "mine",
        write: |r| r.search.local.then(|| "mine".to_string()).into_iter().collect(),
    },
    Key {
        name: "q",
        read: |r, v| r.search.query = v.to_string(),
        write: |r| nonempty(&r.search.query),
    },
    Key {
        name: "f",
        read: |r, v| {
            if let Some((k, val)) = v.split_once(':') {
                let pair = (k.to_string(), val.to_string());
                if !k.is_empty() && !r.search.filters.contains(&pair) {
                    r.search.filters.push(pair);
                }
            }
        },
        write: |r| r.search.filters.iter().map(|(k, v)| format!("{k}:{v}")).collect(),
    },
    Key {
        name: "sort",
        read: |r, v| r.search.sort = Sort::parse(v),
        write: |r| r.search.sort.map(|s| s.as_str().to_string()).into_iter().collect(),
    },
    Key {
        name: "n",
        read: |r, v| r.search.limit = number(v).filter(|&n| n > 0),
        write: |r| r.search.limit.map(|n| n.to_string()).into_iter().collect(),
    },
    Key {
        name: "doc",
        read: |r, v| r.doc = Some(v.to_string()).filter(|v| !v.is_empty()),
        write: |r| r.doc.clone().into_iter().collect(),
    },
    Key {
        name: "hit",
        read: |r, v| r.hit = number(v),
        write: |r| r.hit.map(|h| h.to_string()).into_iter().collect(),
    },
    Key {
        name: "cmp",
        read: |r, v| add_unique(&mut r.compare, v, MAX_COMPARED),
        write: |r| r.compare.clone(),
    },
    Key {
        name: "p",
        read: |r, v| r.passage = number(v).filter(|&p| p > 0),
        write: |r| r.passage.map(|p| p.to_string()).into_iter().collect(),
    },
    Key {
        name: "pick",
        read: |r, v| add_unique(&mut r.search.picks, v, MAX_COMPARED - 1),
        write: |r| r.search.picks.clone(),
    },
    Key {
        name: "dr",
        read: |r, v| r.search.dates = DateRange::parse(v),
        write: |r| r.search.dates.map(|d| d.to_string()).into_iter().collect(),
    },
    Key {
        name: "v",
        read: |r, v| r.search.tab = Tab::ALL.into_iter().find(|t| t.code() == Some(v)).unwrap_or_default(),
        write: |r| r.search.tab.code().map(str::to_string).into_iter().collect(),
    },
    Key {
        name: "ks",
        read: |r, v| r.search.kwic_sort = KwicSort::parse(v),
        write: |r| r.search.kwic_sort.map(|s| s.as_str().to_string()).into_iter().collect(),
    },
    Key {
        name: "rs",
        read: |r, v| r.search.reuse_order = ReuseOrder::parse(v),
        write: |r| r.search.reuse_order.map(|s| s.as_str().to_string()).into_iter().collect(),
    },
    Key {
        name: "ref",
        read: |r, v| r.search.explore.reference = v.to_string(),
        write: |r| nonempty(&r.search.explore.reference),
    },
    Key {
        name: "kmin",
        read: |r, v| r.search.explore.key_min = small(v, MAX_MIN),
        write: |r| r.search.explore.key_min.map(|n| n.to_string()).into_iter().collect(),
    },
    Key {
        name: "kn",
        read: |r, v| r.search.explore.key_n = small(v, MAX_PHRASE_WORDS as u32).filter(|&n| n > 1),
        write: |r| r.search.explore.key_n.map(|n| n.to_string()).into_iter().collect(),
    },
    Key {
        name: "kp",
        read: |r, v| r.search.explore.key_p = (0..P_LEVELS.len()).find(|&i| p_label(i) == v),
        write: |r| r.search.explore.key_p.map(|i| p_label(i).to_string()).into_iter().collect(),
    },
    Key {
        name: "cm",
        read: |r, v| r.search.explore.measure = Measure::parse(v),
        write: |r| r.search.explore.measure.map(|m| m.as_str().to_string()).into_iter().collect(),
    },
    Key {
        name: "win",
        read: |r, v| r.search.explore.window = small(v, quire_engine::present::collocate::MAX_WINDOW),
        write: |r| r.search.explore.window.map(|n| n.to_string()).into_iter().collect(),
    },
    Key {
        name: "cmin",
        read: |r, v| r.search.explore.coll_min = small(v, MAX_MIN),
        write: |r| r.search.explore.coll_min.map(|n| n.to_string()).into_iter().collect(),
    },
    Key {
        name: "w",
        read: |r, v| r.search.explore.word = Some(v.to_string()).filter(|v| !v.is_empty()),
        write: |r| r.search.explore.word.clone().into_iter().collect(),
    },
    Key {
        name: "tq",
        read: |r, v| add_unique(&mut r.search.explore.trend_queries, v.trim(), MAX_TREND_QUERIES),
        write: |r| r.search.explore.trend_queries.clone(),
    },
    Key {
        name: "tu",
        read: |r, v| r.search.explore.trend_unit = Unit::parse(v),
        write: |r| r.search.explore.trend_unit.map(|u| u.as_str().to_string()).into_iter().collect(),
    },
    Key {
        name: "tm",
        read: |r, v| r.search.explore.trend_measure = TrendMeasure::parse(v),
        write: |r| r.search.explore.trend_measure.map(|m| m.as_str().to_string()).into_iter().collect(),
    },
    Key {
        name: "tby",
        read: |r, v| {
            r.search.explore.trend_by = Some(v.trim())
                .filter(|k| !k.is_empty() && k.len() <= MAX_FACET_KEY)
                .map(str::to_string)
        },
        write: |r| r.search.explore.trend_by.clone().into_iter().collect(),
    },
    Key {
        name: "ent",
        read: |r, v| r.search.explore.entity = parse_entity(v),
        write: |r| r.search.explore.entity.iter().map(|(k, n)| format!("{}:{n}", k.key())).collect(),
    },
    Key {
        name: "em",
        read: |r, v| r.search.explore.mark_entities = v == "1",
        write: |r| r.search.explore.mark_entities.then(|| "1".to_string()).into_iter().collect(),
    },
    Key {
        name: "nq",
        read: |r, v| r.search.explore.notes_query = v.to_string(),
        write: |r| nonempty(&r.search.explore.notes_query),
    },
    Key {
        name: "ntag",
        read: |r, v| add_unique(&mut r.search.explore.note_tags, v.trim(), MAX_NOTE_TAGS),
        write: |r| r.search.explore.note_tags.clone(),
    },
    Key {
        name: "lay",
        read: |r, v| r.layout.free = v == "free",
        write: |r| r.layout.free.then(|| "free".to_string()).into_iter().collect(),
    },
    Key {
        name: "only",
        read: |r, v| r.layout.matched_only = v == "1",
        write: |r| r.layout.matched_only.then(|| "1".to_string()).into_iter().collect(),
    },
    Key {
        name: "qt",
        read: |r, v| r.quote = number(v),
        write: |r| r.quote.map(|q| q.to_string()).into_iter().collect(),
    },
    Key {
        name: "mn",
        read: |r, v| r.mention = number(v),
        write: |r| r.mention.map(|m| m.to_string()).into_iter().collect(),
    },
    Key {
        name: "sel",
        read: |r, v| r.sel = CharRange::parse(v),
        write: |r| r.sel.map(|s| s.to_string()).into_iter().collect(),
    },
    Key {
        name: "note",
        read: |r, v| r.note = Some(v.to_string()).filter(|v| !v.is_empty() && v.len() <= 100),
        write: |r| r.note.clone().into_iter().collect(),
    },
];

/// A string as zero or one value.
fn nonempty(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        vec![s.to_string()]
    }
}

impl UrlState {
    /// Reads the state from decoded query pairs, in URL order. Unknown keys
    /// and malformed values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> UrlState {
        let mut raw = Raw::default();
        for (name, value) in pairs {
            if let Some(key) = KEYS.iter().find(|k| k.name == name) {
                (key.read)(&mut raw, value);
            }
        }
        raw.into_state()
    }

    /// The query-only link to this state (`?q=…`), relative to the page.
    pub fn href(&self) -> String {
        let raw = Raw::of(self);
        let pairs: Vec<String> = KEYS
            .iter()
            .flat_map(|key| {
                (key.write)(&raw)
                    .into_iter()
                    .map(move |v| format!("{}={}", key.name, utf8_percent_encode(&v, KEEP)))
            })
            .collect();
        format!("?{}", pairs.join("&"))
    }

    /// The open document's id, if one is open.
    pub fn doc(&self) -> Option<&str> {
        match &self.focus {
            Focus::Document { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The facet selection the filters describe.
    pub fn selection(&self) -> Selection {
        let mut selection = Selection::new();
        for (k, v) in &self.search.filters {
            selection.select(k.clone(), v.clone());
        }
        selection
    }

    /// What the engine is asked for: the filters, the dates, the order.
    pub fn request(&self) -> Request {
        Request {
            selection: self.selection(),
            date_range: self.search.dates.map(|d| d.day_keys()),
            sort: self.effective_sort(),
        }
    }

    /// The order to list results in: the chosen one, else relevance for a
    /// query and newest first for the whole corpus.
    pub fn effective_sort(&self) -> Sort {
        self.search.sort.unwrap_or(if self.search.query.trim().is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        })
    }

    pub fn is_filtered(&self) -> bool {
        let s = &self.search;
        !s.query.is_empty() || !s.filters.is_empty() || s.dates.is_some()
    }

    /// The results of the same search (and the same tab).
    pub fn to_search(&self) -> UrlState {
        UrlState {
            search: self.search.clone(),
            focus: Focus::Results,
        }
    }

    /// The results with `change` made to the search; the list starts again
    /// at its first page when `reset_limit`.
    fn searching(&self, reset_limit: bool, change: impl FnOnce(&mut SearchState)) -> UrlState {
        let mut next = self.to_search();
        if reset_limit {
            next.search.limit = None;
        }
        change(&mut next.search);
        next
    }

    pub fn with_query(&self, query: &str) -> UrlState {
        self.searching(true, |s| s.query = query.to_string())
    }

    /// With `value` the only filter on `key` (filters on other keys kept):
    /// values of one key are either-or, so another would let its
    /// documents in too.
    pub fn with_only_filter(&self, key: &str, value: &str) -> UrlState {
        self.searching(true, |s| {
            s.filters.retain(|(k, _)| k != key);
            s.filters.push((key.to_string(), value.to_string()));
        })
    }

    pub fn with_filter_toggled(&self, key: &str, value: &str) -> UrlState {
        self.searching(true, |s| {
            let pair = (key.to_string(), value.to_string());
            match s.filters.iter().position(|p| *p == pair) {
                Some(i) => {
                    s.filters.remove(i);
                }
                None => s.filters.push(pair),
            }
        })
    }

    pub fn with_dates(&self, dates: Option<DateRange>) -> UrlState {
        self.searching(true, |s| s.dates = dates)
    }

    pub fn with_sort(&self, sort: Sort) -> UrlState {
        self.searching(false, |s| s.sort = Some(sort))
    }

    pub fn with_limit(&self, limit: usize) -> UrlState {
        self.searching(false, |s| s.limit = Some(limit))
    }

    /// The open document at a passage cited, or none: it opens there,
    /// not at a hit, quote or mention (the search is kept).
    pub fn with_citation(&self, sel: Option<CharRange>) -> UrlState {
        let mut next = self.clone();
        if let Focus::Document {
            sel: s,
            hit,
            quote,
            mention,
            note,
            ..
        } = &mut next.focus
        {
            (*s, *hit, *quote, *mention, *note) = (sel, None, None, None, None);
        }
        next
    }

    /// The same page with the reader marking every entity, or not.
    pub fn with_marked_entities(&self, on: bool) -> UrlState {
        let mut next = self.clone();
        next.search.explore.mark_entities = on;
        next
    }

    /// The results shown as `tab` (no word or entity picked there yet).
    pub fn with_tab(&self, tab: Tab) -> UrlState {
        self.searching(false, |s| {
            if s.tab != tab {
                s.explore.word = None;
                s.explore.entity = None;
            }
            s.tab = tab
        })
    }

    /// The keywords' or collocates' settings changed.
    pub fn with_explore(&self, change: impl FnOnce(&mut Explore)) -> UrlState {
        self.searching(false, |s| change(&mut s.explore))
    }

    pub fn with_kwic_sort(&self, sort: KwicSort) -> UrlState {
        self.searching(false, |s| s.kwic_sort = Some(sort))
    }

    pub fn with_reuse_order(&self, order: ReuseOrder) -> UrlState {
        self.searching(false, |s| s.reuse_order = Some(order))
    }

    /// Everything cleared except a pending pick.
    pub fn cleared(&self) -> UrlState {
        let mut next = UrlState::default();
        next.search.picks = self.search.picks.clone();
        next
    }

    /// The search, with `id` added to the picks for comparison (or all
    /// picks dropped, for `None`).
    pub fn picking(&self, id: Option<&str>) -> UrlState {
        self.searching(false, |s| match id {
            Some(id) => add_unique(&mut s.picks, id, MAX_COMPARED - 1),
            None => s.picks.clear(),
        })
    }

    /// The search, with `id` no longer picked.
    pub fn unpicking(&self, id: &str) -> UrlState {
        self.searching(false, |s| s.picks.retain(|p| p != id))
    }

    /// A document, opened from the current search.
    pub fn open(&self, id: &str) -> UrlState {
        self.focused(Focus::Document {
            id: id.to_string(),
            hit: None,
            quote: None,
            mention: None,
            sel: None,
            note: None,
        })
    }

    /// A mention of the entity picked, in a document.
    pub fn open_mention(&self, id: &str, mention: usize) -> UrlState {
        self.focused(Focus::Document {
            id: id.to_string(),
            hit: None,
            quote: None,
            mention: Some(mention),
            sel: None,
            note: None,
        })
    }

    /// A document opened at a note's passage.
    pub fn open_note(&self, id: &str, note: &str) -> UrlState {
        self.focused(Focus::Document {
            id: id.to_string(),
            hit: None,
            quote: None,
            mention: None,
            sel: None,
            note: Some(note.to_string()),
        })
    }

    /// A hit of a document, opened from the current search.
    pub fn open_at(&self, id: &str, hit: usize) -> UrlState {
        self.focused(Focus::Document {
            id: id.to_string(),
            hit: Some(hit),
            quote: None,
            mention: None,
            sel: None,
            note: None,
        })
    }

    /// A document opened at one of its quotes.
    pub fn open_quote(&self, id: &str, quote: usize) -> UrlState {
        self.focused(Focus::Document {
            id: id.to_string(),
            hit: None,
            quote: Some(quote),
            mention: None,
            sel: None,
            note: None,
        })
    }

    /// The open document at another hit (an entity's mention is no
    /// longer current; nothing else changes).
    pub fn with_hit(&self, hit: usize) -> UrlState {
        let mut next = self.clone();
        if let Focus::Document { hit: h, mention, .. } = &mut next.focus {
            *h = Some(hit);
            *mention = None;
        }
        next
    }

    /// A comparison of `ids`, keeping the search to come back to, and the
    /// layout of the comparison shown now, if any.
    pub fn comparing(&self, ids: &[&str]) -> UrlState {
        let layout = match &self.focus {
            Focus::Compare { layout, .. } => *layout,
            _ => CompareLayout::default(),
        };
        let mut next = self.focused(Focus::Compare {
            ids: ids.iter().map(|s| s.to_string()).collect(),
            passage: None,
            layout,
        });
        next.search.picks.clear();
        next
    }

    /// The comparison at another passage (nothing else changes).
    pub fn with_passage(&self, passage: usize) -> UrlState {
        let mut next = self.clone();
        if let Focus::Compare { passage: p, .. } = &mut next.focus {
            *p = Some(passage);
        }
        next
    }

    /// The comparison with another layout (nothing else changes).
    pub fn with_layout(&self, layout: CompareLayout) -> UrlState {
        let mut next = self.clone();
        if let Focus::Compare { layout: l, .. } = &mut next.focus {
            *l = layout;
        }
        next
    }

    /// The search, with the compared documents picked, to add one more.
    pub fn adding_to_comparison(&self) -> UrlState {
        let ids: Vec<String> = match &self.focus {
            Focus::Compare { ids, .. } => ids.iter().take(MAX_COMPARED - 1).cloned().collect(),
            _ => Vec::new(),
        };
        self.searching(false, |s| s.picks = ids)
    }

    /// `focus` on top of this search, the list back at its first page.
    fn focused(&self, focus: Focus) -> UrlState {
        let mut next = self.searching(true, |_| {});
        next.focus = focus;
        next
    }
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

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn a_bad_entity_in_the_url_is_ignored() {
        let cases: &[(&str, Option<(EntityKind, &str)>)] = &[
            ("person:Peter Thiel", Some((EntityKind::Person, "Peter Thiel"))),
            ("org: Palantir ", Some((EntityKind::Organisation, "Palantir"))),
            ("org:a:b", Some((EntityKind::Organisation, "a:b"))),
            ("place:\u{5d0}\u{5d1}", Some((EntityKind::Place, "\u{5d0}\u{5d1}"))),
            ("Person:Peter Thiel", None),
            ("nobody:Peter", None),
            ("person:", None),
            ("person:\u{a0}", None),
            ("Peter Thiel", None),
            ("", None),
        ];
        for (value, expected) in cases {
            let got = parse_entity(value);
            assert_eq!(got.as_ref().map(|(k, n)| (*k, n.as_str())), *expected, "{value:?}");
        }
        assert!(
            parse_entity(&format!("person:{}", "é".repeat(MAX_ENTITY_NAME))).is_none(),
            "too long"
        );
    }

    /// A state that sets every key at least once, with awkward values.
    fn every_key() -> Vec<UrlState> {
        let search = SearchState {
            local: true,
            query: "\"data platform\" -israel £330m contr* & ? # = + % ’ e\u{301} 🙂".into(),
            filters: vec![("source".into(), "Morning Star".into()), ("tag".into(), "a:b".into())],
            sort: Some(Sort::Oldest),
            limit: Some(100),
            dates: Some(DateRange {
                from: Some(date("2024-01")),
                to: None,
            }),
            picks: vec!["x/y z".into(), "w".into()],
            tab: Tab::Concordance,
            kwic_sort: Some(KwicSort::LeftWord),
            reuse_order: Some(ReuseOrder::Date),
            explore: Explore {
                reference: "source:\"daily mail\" & date:2024".into(),
                key_min: Some(5),
                key_n: Some(3),
                key_p: Some(3),
                measure: Some(Measure::TScore),
                window: Some(10),
                coll_min: Some(1),
                word: Some("naïve 🙂".into()),
                trend_queries: vec!["nhs".into(), "\"data platform\" & date:2024".into()],
                trend_unit: Some(Unit::Year),
                trend_measure: Some(TrendMeasure::Docs),
                trend_by: Some("source & x".into()),
                entity: Some((EntityKind::Organisation, "AT&T: #1 = 100% ‘naïve’ 🙂".into())),
                mark_entities: true,
                notes_query: "£330m #tag ‘quoted’ & = 🙂".into(),
                note_tags: vec!["to check".into(), "a&b=c".into()],
            },
        };
        vec![
            UrlState::default(),
            UrlState {
                search: search.clone(),
                focus: Focus::Results,
            },
            UrlState {
                search: search.clone(),
                focus: Focus::Document {
                    id: "004_3b07e6a0073e5d47".into(),
                    hit: Some(3),
                    quote: Some(2),
                    mention: Some(4),
                    sel: Some(CharRange { start: 3, end: 90 }),
                    note: Some("n1a2&b=c".into()),
                },
            },
            UrlState {
                search,
                focus: Focus::Compare {
                    ids: vec!["a".into(), "b,c".into(), "d&e".into()],
                    passage: Some(2),
                    layout: CompareLayout {
                        free: true,
                        matched_only: true,
                    },
                },
            },
        ]
    }

    #[test]
    fn every_key_survives_a_round_trip_through_its_href() {
        let states = every_key();
        let mut seen: Vec<&str> = Vec::new();
        for state in &states {
            let href = state.href();
            assert!(href.starts_with('?'), "{href}");
            assert!(!href.contains(' ') && !href.contains('#'), "{href}");
            assert_eq!(&parse(&href), state, "{href}");
            seen.extend(KEYS.iter().filter(|k| href.contains(&format!("{}=", k.name))).map(|k| k.name));
        }
        for key in &KEYS {
            assert!(seen.contains(&key.name), "no state in the test writes `{}`", key.name);
        }
    }

    #[test]
    fn your_documents_stay_chosen_as_the_search_changes() {
        let mine = parse("?src=mine&q=nhs&doc=a");
        assert!(mine.search.local);
        assert!(mine.to_search().search.local);
        assert!(mine.with_query("palantir").search.local);
        assert!(!parse("?src=theirs&q=nhs").search.local, "only `mine`");
        assert!(!parse("?q=nhs").search.local);
    }

    #[test]
    fn strange_urls_give_a_usable_state() {
        let cases = [
            ("?hit=-1&p=0&n=abc&sort=sideways&dr=soon&ks=up", UrlState::default()),
            ("?dr=2025..2024", UrlState::default()),
            ("?dr=..", UrlState::default()),
            ("?f=nocolon&f=:empty&doc=&cmp=", UrlState::default()),
            // One document is not a comparison, a hit without a document is nothing.
            ("?cmp=a&cmp=a&hit=4&p=2", UrlState::default()),
            ("?v=nonsense&rs=big&lay=fixed&only=yes&qt=x", UrlState::default()),
            ("?unknown=1&q=%E2%80%99", UrlState::default().with_query("’")),
        ];
        for (url, expected) in cases {
            assert_eq!(parse(url), expected, "{url}");
        }
        // At most four compared, three picked; repeats dropped; a
        // comparison wins over a document.
        let s = parse("?cmp=a&cmp=b&cmp=c&cmp=d&cmp=e&pick=x&pick=x&pick=y&pick=z&pick=w&doc=q");
        assert_eq!(s.search.picks, ["x", "y", "z"]);
        assert!(matches!(&s.focus, Focus::Compare { ids, .. } if ids == &["a", "b", "c", "d"]));
    }

    #[test]
    fn picks_grow_to_a_comparison() {
        let s = parse("?q=nhs");
        let two = s.picking(Some("a")).picking(Some("b")).picking(Some("a"));
        assert_eq!(two.search.picks, ["a", "b"]);
        assert_eq!(two.unpicking("a").search.picks, ["b"]);
        assert!(two.picking(None).search.picks.is_empty());
        let cmp = two.comparing(&["a", "b", "c"]);
        assert!(matches!(&cmp.focus, Focus::Compare { ids, .. } if ids.len() == 3));
        assert!(cmp.search.picks.is_empty());
        let adding = cmp.adding_to_comparison();
        assert_eq!(adding.focus, Focus::Results);
        assert_eq!(adding.search.picks.len(), 3);
        assert_eq!(adding.search.query, "nhs");
    }

    #[test]
    fn opening_a_document_keeps_the_search_to_return_to() {
        let search = parse("?q=nhs&f=year:2024&sort=title&pick=x");
        let doc = search.open("d1");
        assert_eq!(doc.doc(), Some("d1"));
        assert_eq!(doc.to_search(), search);
        assert_eq!(
            doc.with_hit(2).focus,
            Focus::Document {
                id: "d1".into(),
                hit: Some(2),
                quote: None,
                mention: None,
                sel: None,
                note: None
            }
        );
        // Marking entities keeps the document open; a mention opens it.
        assert_eq!(doc.with_marked_entities(true).doc(), Some("d1"));
        assert!(doc.with_marked_entities(true).search.explore.mark_entities);
        assert!(matches!(
            search.open_mention("d2", 3).focus,
            Focus::Document { mention: Some(3), .. }
        ));
        // A passage cited keeps the document and the search; not without one.
        let range = CharRange { start: 2, end: 9 };
        let cited = doc.with_citation(Some(range));
        assert!(matches!(cited.focus, Focus::Document { sel: Some(r), .. } if r == range));
        assert_eq!(cited.search, doc.search);
        assert_eq!(parse(&cited.href()), cited);
        // A note opens its document at its passage; citing lets it go.
        let noted = search.open_note("d3", "n1x");
        assert!(matches!(&noted.focus, Focus::Document { id, note: Some(n), .. } if id == "d3" && n == "n1x"));
        assert_eq!(parse(&noted.href()), noted);
        assert!(matches!(noted.with_citation(Some(range)).focus, Focus::Document { note: None, .. }));
        assert!(matches!(
            parse(&format!("?doc=d&note={}", "x".repeat(101))).focus,
            Focus::Document { note: None, .. }
        ));
        let tags = parse("?v=notes&nq=a%20b&ntag=x&ntag=x&ntag=%20&ntag=y");
        assert_eq!(tags.search.tab, Tab::Notes);
        assert_eq!(
            (tags.search.explore.notes_query.as_str(), tags.search.explore.note_tags.clone()),
            ("a b", vec!["x".to_string(), "y".to_string()])
        );
        assert_eq!(cited.with_citation(None), doc);
        assert!(matches!(
            doc.with_hit(3).with_citation(Some(range)).focus,
            Focus::Document { hit: None, .. }
        ));
        assert_eq!(search.with_citation(Some(range)), search);
        assert!(matches!(
            search.open_mention("d2", 3).with_hit(1).focus,
            Focus::Document {
                mention: None,
                hit: Some(1),
                ..
            }
        ));
        // Steps that need a focus do nothing without it.
        assert_eq!(search.with_hit(2), search);
        assert_eq!(search.with_passage(2), search);
        let cmp = doc.comparing(&["x", "d1"]).with_layout(CompareLayout {
            free: true,
            matched_only: false,
        });
        assert_eq!(cmp.search.query, "nhs");
        // Another comparison keeps the layout; the search does not.
        assert!(matches!(
            cmp.comparing(&["d1", "x"]).focus,
            Focus::Compare {
                layout: CompareLayout { free: true, .. },
                ..
            }
        ));
        assert_eq!(cmp.to_search().href(), "?q=nhs&f=year%3A2024&sort=title");
    }

    #[test]
    fn date_ranges_parse_print_and_extend() {
        let cases = [
            ("2024-01..2024-06", Some((20240101, 20240631)), "2024-01..2024-06"),
            ("2024", Some((20240101, 20241231)), "2024"),
            ("..2023", Some((0, 20231231)), "..2023"),
            ("2023-04..", Some((20230401, u32::MAX)), "2023-04.."),
            ("2024..2024", Some((20240101, 20241231)), "2024"),
            ("..", None, ""),
            ("2025..2024", None, ""),
            ("next week", None, ""),
        ];
        for (text, keys, shown) in cases {
            let range = DateRange::parse(text);
            assert_eq!(range.map(|r| r.day_keys()), keys, "{text}");
            if let Some(r) = range {
                assert_eq!(r.to_string(), shown);
            }
        }
        let april = DateRange::period(date("2024-04"));
        assert_eq!(april.extended(date("2024-06")).to_string(), "2024-04..2024-06");
        assert_eq!(april.extended(date("2023-11")).to_string(), "2023-11..2024-04");
        assert_eq!(april.extended(date("2024-04")), april);
        assert_eq!(DateRange::parse("..2023").unwrap().extended(date("2024")).to_string(), "..2024");
        assert_eq!(DateRange::parse("2023..").unwrap().extended(date("2022")).to_string(), "2022..");
    }

    #[test]
    fn toggling_a_filter_adds_then_removes_it_and_the_order_depends_on_the_query() {
        let s = UrlState::default().with_filter_toggled("source", "Foxglove");
        assert_eq!(s.search.filters, [("source".to_string(), "Foxglove".to_string())]);
        assert!(s.with_filter_toggled("source", "Foxglove").search.filters.is_empty());
        assert_eq!(s.with_only_filter("source", "Foxglove").search.filters, s.search.filters, "kept on");
        let both = s.with_filter_toggled("source", "Mail").with_filter_toggled("tag", "nhs");
        assert_eq!(
            both.with_only_filter("source", "Mail").search.filters,
            [("tag".to_string(), "nhs".to_string()), ("source".to_string(), "Mail".to_string())]
        );
        assert_eq!(UrlState::default().effective_sort(), Sort::Newest);
        assert_eq!(UrlState::default().with_query("nhs").effective_sort(), Sort::Relevance);
        assert_eq!(UrlState::default().with_sort(Sort::Title).effective_sort(), Sort::Title);
    }

    #[test]
    fn explore_settings_out_of_range_fall_back_to_their_defaults() {
        let s = parse("?v=coll&win=0&cmin=-1&cm=pmi&kp=0.5&kmin=x&w=&kn=1&kn=4");
        assert_eq!(s.search.tab, Tab::Collocates);
        assert_eq!(s.search.explore, Explore::default());
        assert_eq!(s.search.explore.window(), WINDOW);
        assert_eq!(s.search.explore.key_p(), P_LEVELS[0]);
        let s = parse("?v=keys&win=11&kp=0.001&kmin=7");
        assert_eq!(s.search.explore.window(), WINDOW, "over the most words a side");
        assert_eq!(s.search.explore.key_p().0, 0.001);
        assert_eq!(s.search.explore.key_min(), 7);
        assert_eq!(s.search.explore.key_n(), 1);
        assert_eq!(parse("?v=keys&kn=2").search.explore.key_n(), 2);
        assert_eq!(parse("?v=keys&kn=9").search.explore.key_n(), 1, "longer than phrases are counted");
    }

    #[test]
    fn the_word_picked_belongs_to_its_tab() {
        let s = parse("?q=palantir&v=coll&w=contract&win=3");
        assert_eq!(s.with_tab(Tab::Collocates).search.explore.word.as_deref(), Some("contract"));
        let other = s.with_tab(Tab::Keywords);
        assert_eq!(other.search.explore.word, None);
        assert_eq!(other.search.explore.window, Some(3), "settings stay");
    }
}
