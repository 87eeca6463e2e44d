//! A set of documents as a bitset over the corpus.

use crate::text::document::DocId;

/// A set of [`DocId`]s of one corpus, one bit per document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSet {
    words: Vec<u64>,
    universe: usize,
}

impl DocSet {
    /// The empty set over a corpus of `universe` documents.
    pub fn empty(universe: usize) -> Self {
        DocSet {
            words: vec![0; universe.div_ceil(64)],
            universe,
        }
    }

    /// Every document of a corpus of `universe` documents.
    pub fn full(universe: usize) -> Self {
        let mut set = DocSet::empty(universe);
        for w in set.words.iter_mut() {
            *w = u64::MAX;
        }
        if universe % 64 != 0 {
            if let Some(last) = set.words.last_mut() {
                *last = (1u64 << (universe % 64)) - 1;
            }
        }
        set
    }

    pub fn from_docs(universe: usize, docs: impl IntoIterator<Item = DocId>) -> Self {
        let mut set = DocSet::empty(universe);
        for doc in docs {
            set.insert(doc);
        }
        set
    }

    /// Adds a document; ids outside the corpus are ignored.
    pub fn insert(&mut self, doc: DocId) {
        let i = doc.index();
        if i < self.universe {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, doc: DocId) -> bool {
        let i = doc.index();
        i < self.universe && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// The size of the corpus the set is drawn from.
    pub fn universe(&self) -> usize {
        self.universe
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// Keeps only the documents also in `other`.
    pub fn intersect_with(&mut self, other: &DocSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= *b;
        }
    }

    /// Adds every document of `other`.
    pub fn union_with(&mut self, other: &DocSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= *b;
        }
    }

    /// How many documents the two sets share, without building the set.
    pub fn intersection_len(&self, other: &DocSet) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &word)| {
            let mut w = word;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let bit = w.trailing_zeros();
                    w &= w - 1;
                    DocId((wi * 64) as u32 + bit)
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn full_holds_exactly_the_universe() {
        for n in [0, 1, 63, 64, 65, 130] {
            let set = DocSet::full(n);
            assert_eq!(set.len(), n);
            assert_eq!(set.iter().count(), n);
            assert!(!set.contains(DocId(n as u32)));
        }
    }

    proptest! {
        #[test]
        fn set_operations_agree_with_btreeset(
            a in proptest::collection::btree_set(0u32..300, 0..100),
            b in proptest::collection::btree_set(0u32..300, 0..100),
        ) {
            let sa = DocSet::from_docs(300, a.iter().map(|&d| DocId(d)));
            let sb = DocSet::from_docs(300, b.iter().map(|&d| DocId(d)));
            let mut inter = sa.clone();
            inter.intersect_with(&sb);
            let mut union = sa.clone();
            union.union_with(&sb);
            let want_inter: BTreeSet<u32> = a.intersection(&b).copied().collect();
            let want_union: BTreeSet<u32> = a.union(&b).copied().collect();
            prop_assert_eq!(inter.iter().map(|d| d.0).collect::<BTreeSet<_>>(), want_inter.clone());
            prop_assert_eq!(union.iter().map(|d| d.0).collect::<BTreeSet<_>>(), want_union);
            prop_assert_eq!(sa.intersection_len(&sb), want_inter.len());
        }
    }
}
