//! The directory: what an index holds and where each part of it is. It
//! is the index's one small file with a fixed name (the manifest); every
//! other file is named by the hash of its content and listed here.

use serde::{Deserialize, Serialize};

use super::field::{FieldInfo, MAX_FIELDS};
use super::part::{file_name, PartId};
use crate::error::{Error, ErrorKind};

/// Where each part of an index is, and the few numbers every query needs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Directory {
    pub doc_count: u32,
    pub term_count: u32,
    pub fields: Vec<FieldInfo>,
    /// Average title and body lengths, in tokens.
    pub average_lengths: [f32; 2],
    /// Term shards (parts `Terms(i)` and `Fast(i)`): the first term of
    /// each and the id of that term. The first shard starts at "" and id 0.
    pub shards: Vec<(String, u32)>,
    /// Positions packs: the id of each one's first term.
    pub positions: Vec<u32>,
    /// Documents per titles chunk.
    pub titles_per_chunk: u32,
    /// Id shards: the first user-facing id of each.
    pub ids: Vec<String>,
    /// Document chunks: the first document of each.
    pub docs: Vec<u32>,
    /// Facets: key and label of each.
    pub facets: Vec<(String, String)>,
    /// Every part with the hash of its file, sorted by part.
    pub files: Vec<(PartId, u64)>,
    /// When the whole index is small: one file holding every part, which
    /// a reader fetches first instead of the parts one by one.
    pub bundle: Option<u64>,
}

impl Directory {
    /// The shard whose term range holds `term`.
    pub fn shard_of_term(&self, term: &[u8]) -> u32 {
        (self.shards.partition_point(|(first, _)| first.as_bytes() <= term)).saturating_sub(1) as u32
    }

    /// The shard holding term id `id`.
    pub fn shard_of_id(&self, id: u32) -> u32 {
        (self.shards.partition_point(|&(_, first)| first <= id)).saturating_sub(1) as u32
    }

    /// The first term id of shard `i`, and the first after it.
    pub fn shard_ids(&self, i: u32) -> (u32, u32) {
        let start = self.shards.get(i as usize).map_or(self.term_count, |s| s.1);
        let end = self.shards.get(i as usize + 1).map_or(self.term_count, |s| s.1);
        (start, end)
    }

    /// The shards whose range may hold a term starting with `prefix`.
    pub fn shards_with_prefix(&self, prefix: &[u8]) -> std::ops::Range<u32> {
        let first = self.shard_of_term(prefix);
        let mut last = first;
        while let Some((next, _)) = self.shards.get(last as usize + 1) {
            if next.as_bytes() > prefix && !next.as_bytes().starts_with(prefix) {
                break;
            }
            last += 1;
        }
        first..last + 1
    }

    /// The positions pack holding term id `id`, and its first term id.
    pub fn positions_of(&self, id: u32) -> (u32, u32) {
        let p = self.positions.partition_point(|&first| first <= id).saturating_sub(1);
        (p as u32, self.positions.get(p).copied().unwrap_or(0))
    }

    /// The titles chunk of a document, and the chunk's first document.
    pub fn titles_of(&self, doc: u32) -> (u32, u32) {
        let per = self.titles_per_chunk.max(1);
        (doc / per, doc / per * per)
    }

    /// The id shard whose range holds `id`.
    pub fn ids_shard_of(&self, id: &str) -> u32 {
        self.ids.partition_point(|first| first.as_str() <= id).saturating_sub(1) as u32
    }

    /// The document chunk of a document, and the chunk's first document.
    pub fn docs_of(&self, doc: u32) -> (u32, u32) {
        let j = self.docs.partition_point(|&first| first <= doc).saturating_sub(1);
        (j as u32, self.docs.get(j).copied().unwrap_or(0))
    }

    /// How many documents chunk `j` (of documents, or of titles) holds.
    pub fn chunk_len(&self, part: PartId) -> u32 {
        let n = self.doc_count;
        match part {
            PartId::Titles(k) => {
                let per = self.titles_per_chunk.max(1);
                n.saturating_sub(k.saturating_mul(per)).min(per)
            }
            PartId::Docs(j) => {
                let start = self.docs.get(j as usize).copied().unwrap_or(n);
                let end = self.docs.get(j as usize + 1).copied().unwrap_or(n);
                end.saturating_sub(start)
            }
            _ => 0,
        }
    }

    /// The hash of a part's file, when the index has that part.
    pub fn hash_of(&self, part: PartId) -> Option<u64> {
        self.files.binary_search_by_key(&part, |(p, _)| *p).ok().map(|i| self.files[i].1)
    }

    /// The name of a part's file.
    pub fn file_of(&self, part: PartId) -> Option<String> {
        self.hash_of(part).map(|h| file_name(part, h))
    }

    /// Checks what the directory says against itself: ranges in order,
    /// every part it points to listed, sane numbers.
    pub fn validate(&self) -> Result<(), Error> {
        let corrupt = |what: &str| {
            Err(Error::new(
                ErrorKind::Corrupt,
                format!("the index is corrupt (its manifest: {what})"),
            ))
        };
        let finite = |x: f32| x.is_finite() && x >= 0.0;
        if self.fields.len() < 2
            || self.fields.len() > MAX_FIELDS
            || !self.fields.iter().all(|f| finite(f.weight) && finite(f.b))
            || !self.average_lengths.iter().all(|&a| finite(a))
        {
            return corrupt("fields");
        }
        let strictly_up = |v: &[u32]| v.windows(2).all(|w| w[0] < w[1]);
        let shard_ids: Vec<u32> = self.shards.iter().map(|s| s.1).collect();
        if self.shards.first().is_some_and(|s| !s.0.is_empty() || s.1 != 0)
            || !self.shards.windows(2).all(|w| w[0].0 < w[1].0)
            || !strictly_up(&shard_ids)
            || shard_ids.last().is_some_and(|&l| l >= self.term_count)
            || (self.term_count > 0 && self.shards.is_empty())
        {
            return corrupt("term shards");
        }
        if self.positions.first().is_some_and(|&f| f != 0)
            || !strictly_up(&self.positions)
            || self.positions.last().is_some_and(|&l| l >= self.term_count)
            || (self.term_count > 0 && self.positions.is_empty())
        {
            return corrupt("positions packs");
        }
        let n = self.doc_count;
        if self.docs.first().is_some_and(|&f| f != 0)
            || !strictly_up(&self.docs)
            || self.docs.last().is_some_and(|&l| l >= n)
            || (n > 0 && (self.docs.is_empty() || self.ids.is_empty() || self.titles_per_chunk == 0))
            || !self.ids.windows(2).all(|w| w[0] < w[1])
        {
            return corrupt("document chunks");
        }
        if !self.files.windows(2).all(|w| w[0].0 < w[1].0) {
            return corrupt("file list");
        }
        let listed = |p: PartId| self.hash_of(p).is_some();
        let titles = n.div_ceil(self.titles_per_chunk.max(1));
        let all_listed = (0..self.shards.len() as u32).all(|i| listed(PartId::Terms(i)) && listed(PartId::Fast(i)))
            && (0..self.positions.len() as u32).all(|p| listed(PartId::Positions(p)))
            && (0..titles).all(|k| listed(PartId::Titles(k)))
            && (0..self.ids.len() as u32).all(|s| listed(PartId::Ids(s)))
            && (0..self.docs.len() as u32).all(|j| listed(PartId::Docs(j)))
            && (0..self.facets.len() as u32).all(|k| listed(PartId::Facet(k)))
            && [PartId::Dates, PartId::Lengths, PartId::TitleOrder].into_iter().all(listed);
        if !all_listed {
            return corrupt("a part without its file");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> Directory {
        Directory {
            term_count: 10,
            shards: vec![("".into(), 0), ("d".into(), 4), ("m".into(), 7)],
            positions: vec![0, 5],
            doc_count: 10,
            titles_per_chunk: 4,
            docs: vec![0, 3, 9],
            ids: vec!["a".into(), "k".into()],
            ..Directory::default()
        }
    }

    #[test]
    fn a_term_belongs_to_the_last_shard_not_after_it() {
        let d = dir();
        assert_eq!(d.shard_of_term(b""), 0);
        assert_eq!(d.shard_of_term(b"c"), 0);
        assert_eq!(d.shard_of_term(b"d"), 1);
        assert_eq!(d.shard_of_term(b"dz"), 1);
        assert_eq!(d.shard_of_term("ḿ".as_bytes()), 2);
        assert_eq!(d.shard_of_id(3), 0);
        assert_eq!(d.shard_of_id(4), 1);
        assert_eq!(d.shard_of_id(9), 2);
        assert_eq!(d.shard_ids(1), (4, 7));
        assert_eq!(d.shard_ids(2), (7, 10));
    }

    #[test]
    fn a_prefix_spans_every_shard_its_terms_may_be_in() {
        let mut d = dir();
        d.shards = vec![("".into(), 0), ("con".into(), 3), ("contr".into(), 5), ("cop".into(), 8)];
        assert_eq!(d.shards_with_prefix(b"con"), 1..3);
        assert_eq!(d.shards_with_prefix(b"co"), 0..4);
        assert_eq!(d.shards_with_prefix(b"contra"), 2..3);
        assert_eq!(d.shards_with_prefix(b"d"), 3..4);
        assert_eq!(d.shards_with_prefix(b""), 0..4);
    }

    #[test]
    fn chunks_of_documents_and_titles() {
        let d = dir();
        assert_eq!(d.titles_of(5), (1, 4));
        assert_eq!(d.chunk_len(PartId::Titles(2)), 2);
        assert_eq!(d.docs_of(2), (0, 0));
        assert_eq!(d.docs_of(9), (2, 9));
        assert_eq!(d.chunk_len(PartId::Docs(1)), 6);
        assert_eq!(d.chunk_len(PartId::Docs(2)), 1);
        assert_eq!(d.positions_of(6), (1, 5));
        assert_eq!(d.ids_shard_of("b"), 0);
        assert_eq!(d.ids_shard_of("zz"), 1);
    }
}
