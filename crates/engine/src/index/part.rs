//! The parts an index is split into, each stored as one file named by the
//! hash of its content, and fetched only when a query or a view needs it.
//!
//! | part | holds | needed by |
//! |---|---|---|
//! | `Terms(i)` | the dictionary's `i`-th term range (fst) and the stems in that range | every word of a query |
//! | `Fast(i)` | the same range's postings: documents and one-byte weights | every word of a query |
//! | `Positions(p)` | positions of a run of terms, by field | phrases, NEAR, field-scoped words, proximity, marks |
//! | `Titles(k)` | titles and ids of a run of documents | a result list |
//! | `Ids(s)` | user-facing id → document, for a range of ids | a link to a document |
//! | `Docs(j)` | a run of stored documents | snippets, reading, comparing |
//! | `Dates`, `Lengths`, `TitleOrder` | one column over all documents | date filters and order, explanations, title order |
//! | `Facet(k)` | one facet's values with their documents | facet counts |
//! | `Reuse`, `Quotes`, `Similar` | the corpus analysis | its views |

use serde::{Deserialize, Serialize};

/// One part of an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PartId {
    Terms(u32),
    Fast(u32),
    Positions(u32),
    Titles(u32),
    Ids(u32),
    Docs(u32),
    Dates,
    Lengths,
    TitleOrder,
    Facet(u32),
    Reuse,
    Quotes,
    Similar,
}

impl PartId {
    /// The kind of part, as file names and reports say it.
    pub fn kind(self) -> &'static str {
        match self {
            PartId::Terms(_) => "terms",
            PartId::Fast(_) => "postings",
            PartId::Positions(_) => "positions",
            PartId::Titles(_) => "titles",
            PartId::Ids(_) => "ids",
            PartId::Docs(_) => "docs",
            PartId::Dates => "dates",
            PartId::Lengths => "lengths",
            PartId::TitleOrder => "title-order",
            PartId::Facet(_) => "facet",
            PartId::Reuse => "reuse",
            PartId::Quotes => "quotes",
            PartId::Similar => "similar",
        }
    }

    /// The byte that marks this kind in a file's header.
    pub(crate) fn tag(self) -> u8 {
        match self {
            PartId::Terms(_) => 1,
            PartId::Fast(_) => 2,
            PartId::Positions(_) => 3,
            PartId::Titles(_) => 4,
            PartId::Ids(_) => 5,
            PartId::Docs(_) => 6,
            PartId::Dates => 7,
            PartId::Lengths => 8,
            PartId::TitleOrder => 9,
            PartId::Facet(_) => 10,
            PartId::Reuse => 11,
            PartId::Quotes => 12,
            PartId::Similar => 13,
        }
    }
}

/// The parts of the corpus analysis a caller needs (see
/// [`crate::Index::analysis`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalysisPart {
    /// Reused passages.
    Reuse,
    /// Quotes and their speakers.
    Quotes,
    /// Document vectors: similarity and "more like this".
    Similar,
}

impl AnalysisPart {
    pub const ALL: [AnalysisPart; 3] = [AnalysisPart::Reuse, AnalysisPart::Quotes, AnalysisPart::Similar];

    pub(crate) fn part(self) -> PartId {
        match self {
            AnalysisPart::Reuse => PartId::Reuse,
            AnalysisPart::Quotes => PartId::Quotes,
            AnalysisPart::Similar => PartId::Similar,
        }
    }
}

/// The name of a part's file: its kind and the hash of its bytes, so a
/// host can cache it forever and a reader can check what it got.
pub fn file_name(part: PartId, hash: u64) -> String {
    format!("{}-{hash:016x}.bin", part.kind())
}

/// The hash that names a file: XXH3-64 of its bytes.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
