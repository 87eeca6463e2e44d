//! Entities over a selection of documents: which people, organisations,
//! places, sums, dates and percentages its texts name and in how many of
//! its documents, which entities a given one appears with, and a CSV
//! export. Read from the entity facets the index keeps (see
//! [`crate::index::facet`]); an entity's lines in context are in
//! [`super::concordance::entity_lines`].

use super::export::{csv_field, push_row};
use crate::index::docset::DocSet;
use crate::index::facet::Facet;
use crate::index::Index;
use crate::text::document::DocId;
use crate::text::entity::Kind;

/// An entity and the documents of a selection that name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCount {
    pub kind: Kind,
    pub name: String,
    /// Documents of the selection that name it.
    pub docs: usize,
    /// Documents of the whole corpus that name it.
    pub in_corpus: usize,
}

/// One kind's entities in a selection, most documents first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityGroup {
    pub kind: Kind,
    pub entities: Vec<EntityCount>,
}

/// The facets that hold entities: keyed by a kind and labelled as the
/// build labels them (a front-matter key such as `person` is not one).
fn entity_facets(index: &Index) -> Vec<(Kind, &Facet)> {
    index
        .facets()
        .into_iter()
        .filter_map(|f| Kind::from_key(&f.key).filter(|k| k.label() == f.label).map(|k| (k, f)))
        .collect()
}

/// Each kind's entities named in `docs`, most documents first (then by
/// name); kinds none of them names are left out. One pass over the
/// documents per kind.
pub fn entity_counts(index: &Index, docs: &[DocId]) -> Vec<EntityGroup> {
    let set = DocSet::from_docs(index.len(), docs.iter().copied());
    groups(&entity_facets(index), &set, None)
}

/// The documents of `docs` that name `name` (of `kind`), in the order
/// given, and the entities they name, with how many of them name each
/// (the entity itself left out). `None` when the corpus has no such
/// entity.
pub fn co_occurring(index: &Index, docs: &[DocId], kind: Kind, name: &str) -> Option<(Vec<DocId>, Vec<EntityGroup>)> {
    let facets = entity_facets(index);
    let value = facets
        .iter()
        .find(|(k, _)| *k == kind)
        .and_then(|(_, f)| f.values.iter().find(|v| v.value == name))?;
    let naming = DocSet::from_docs(index.len(), value.docs.iter().copied());
    let docs: Vec<DocId> = docs.iter().copied().filter(|d| naming.contains(*d)).collect();
    let set = DocSet::from_docs(index.len(), docs.iter().copied());
    let groups = groups(&facets, &set, Some((kind, name)));
    Some((docs, groups))
}

fn groups(facets: &[(Kind, &Facet)], set: &DocSet, leave_out: Option<(Kind, &str)>) -> Vec<EntityGroup> {
    facets
        .iter()
        .filter_map(|(kind, facet)| {
            let mut entities: Vec<EntityCount> = facet
                .counts_in(set)
                .into_iter()
                .zip(&facet.values)
                .filter(|(n, v)| *n > 0 && leave_out != Some((*kind, v.value.as_str())))
                .map(|(n, v)| EntityCount {
                    kind: *kind,
                    name: v.value.clone(),
                    docs: n,
                    in_corpus: v.docs.len(),
                })
                .collect();
            entities.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.name.cmp(&b.name)));
            (!entities.is_empty()).then_some(EntityGroup { kind: *kind, entities })
        })
        .collect()
}

/// The groups as CSV: kind, entity, documents in the selection, in the
/// corpus.
pub fn entities_csv(groups: &[EntityGroup]) -> String {
    let mut out = String::new();
    push_row(&mut out, &["kind", "entity", "documents", "documents in corpus"].map(String::from));
    for e in groups.iter().flat_map(|g| &g.entities) {
        push_row(
            &mut out,
            &[
                e.kind.key().to_string(),
                csv_field(&e.name),
                e.docs.to_string(),
                e.in_corpus.to_string(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexBuilder;
    use crate::ingest::text_document;

    fn corpus() -> Index {
        let mut builder = IndexBuilder::new();
        for (id, body) in [
            ("a", "Peter Thiel founded Palantir in California. Thiel said so."),
            ("b", "Palantir won a £330m contract from NHS England, said Cori Crider."),
            ("c", "Cori Crider told staff in London. Palantir declined to comment."),
            ("d", "Nothing named here."),
        ] {
            builder.add(text_document(id, "", body)).unwrap();
        }
        builder.build()
    }

    fn names(groups: &[EntityGroup], kind: Kind) -> Vec<(String, usize, usize)> {
        groups
            .iter()
            .filter(|g| g.kind == kind)
            .flat_map(|g| g.entities.iter().map(|e| (e.name.clone(), e.docs, e.in_corpus)))
            .collect()
    }

    #[test]
    fn counts_follow_the_selection() {
        let index = corpus();
        let all: Vec<DocId> = (0..4).map(DocId).collect();
        let groups = entity_counts(&index, &all);
        assert_eq!(names(&groups, Kind::Organisation)[0], ("Palantir".to_string(), 3, 3));
        assert_eq!(
            names(&groups, Kind::Person),
            [("Cori Crider".to_string(), 2, 2), ("Peter Thiel".to_string(), 1, 1)]
        );
        let some = entity_counts(&index, &[DocId(0), DocId(3)]);
        assert_eq!(names(&some, Kind::Person), [("Peter Thiel".to_string(), 1, 1)]);
        assert!(names(&some, Kind::Money).is_empty(), "a kind not named is left out");
        assert!(entity_counts(&index, &[]).is_empty());
    }

    #[test]
    fn co_occurring_entities_leave_the_entity_out() {
        let index = corpus();
        let all: Vec<DocId> = (0..4).map(DocId).collect();
        let (docs, groups) = co_occurring(&index, &all, Kind::Person, "Cori Crider").expect("an entity");
        assert_eq!(docs, [DocId(1), DocId(2)]);
        assert!(names(&groups, Kind::Person).is_empty());
        assert_eq!(names(&groups, Kind::Organisation)[0], ("Palantir".to_string(), 2, 3));
        assert_eq!(names(&groups, Kind::Money), [("£330 million".to_string(), 1, 1)]);
        // Within a selection that leaves b out.
        let (docs, groups) = co_occurring(&index, &[DocId(2), DocId(0)], Kind::Person, "Cori Crider").unwrap();
        assert_eq!(docs, [DocId(2)]);
        assert!(names(&groups, Kind::Money).is_empty());
        assert!(co_occurring(&index, &all, Kind::Person, "Nobody").is_none());
        assert!(co_occurring(&index, &all, Kind::Place, "Cori Crider").is_none());
    }

    #[test]
    fn a_front_matter_key_named_like_a_kind_is_no_entity() {
        let mut builder = IndexBuilder::new();
        let mut doc = text_document("a", "", "Peter Thiel founded Palantir.");
        doc.meta
            .extra
            .insert("person".into(), crate::text::document::MetaValue::Text("Editor".into()));
        builder.add(doc).unwrap();
        let index = builder.build();
        let groups = entity_counts(&index, &[DocId(0)]);
        assert!(names(&groups, Kind::Person).is_empty(), "{groups:?}");
        assert_eq!(names(&groups, Kind::Organisation), [("Palantir".to_string(), 1, 1)]);
    }

    #[test]
    fn the_csv_has_a_row_per_entity_and_defuses_formulas() {
        let groups = [EntityGroup {
            kind: Kind::Organisation,
            entities: vec![EntityCount {
                kind: Kind::Organisation,
                name: "=Acme, Inc".into(),
                docs: 2,
                in_corpus: 5,
            }],
        }];
        assert_eq!(
            entities_csv(&groups),
            "kind,entity,documents,documents in corpus\r\norg,\"'=Acme, Inc\",2,5\r\n"
        );
    }
}
