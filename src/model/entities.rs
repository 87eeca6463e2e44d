//! Entities as the page shows them: a selection's entities as rows, a
//! document's entities as a list, and its mentions as reader marks.

use std::collections::HashMap;

use quire_engine::{mentions_of, EntityCount, EntityGroup, EntityKind, Mention};

use crate::format::count;
use crate::marks::{Highlight, Marked};

/// The Entities view's summary: how many of each kind the `docs`
/// documents name.
pub fn summary(groups: &[EntityGroup], docs: usize, waiting: bool) -> String {
    if groups.is_empty() {
        return if waiting {
            "Reading the entities…".to_string()
        } else {
            format!("No entities named in {}.", count(docs, "document", "documents"))
        };
    }
    let kinds: Vec<String> = groups
        .iter()
        .map(|g| format!("{} {}", g.entities.len(), g.kind.label().to_lowercase()))
        .collect();
    format!("{} named in {}.", kinds.join(", "), count(docs, "document", "documents"))
}

/// What the view says of an entity picked that the entity facets do not
/// hold: not read yet, or not among the names they keep.
pub fn not_found(kind: EntityKind, name: &str, waiting: bool) -> String {
    if waiting {
        "Reading the entities…".to_string()
    } else {
        format!(
            "This corpus names no {} “{name}”, or not in enough documents to be among the {} kept for its kind.",
            kind.singular().to_lowercase(),
            quire_engine::index::facet::MAX_ENTITY_VALUES
        )
    }
}

/// One entity as a row: its name, the documents of the selection that
/// name it and of the corpus, and where it leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRow {
    pub name: String,
    pub docs: usize,
    pub in_corpus: usize,
    pub href: String,
}

/// A kind's rows: the first `shown` (all when `None`), and how many more
/// there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityTable {
    pub kind: EntityKind,
    pub rows: Vec<EntityRow>,
    pub more: usize,
}

/// Each group as a table of up to `shown` rows.
pub fn tables(groups: &[EntityGroup], shown: Option<usize>, href: impl Fn(&EntityCount) -> String) -> Vec<EntityTable> {
    groups
        .iter()
        .map(|g| {
            let limit = shown.unwrap_or(usize::MAX);
            EntityTable {
                kind: g.kind,
                rows: g
                    .entities
                    .iter()
                    .take(limit)
                    .map(|e| EntityRow {
                        name: e.name.clone(),
                        docs: e.docs,
                        in_corpus: e.in_corpus,
                        href: href(e),
                    })
                    .collect(),
                more: g.entities.len().saturating_sub(limit),
            }
        })
        .collect()
}

/// The entities a document names, by kind (in [`EntityKind::ALL`]'s
/// order), each with its number of mentions, most mentioned first.
pub fn named_in(mentions: &[Mention]) -> Vec<(EntityKind, Vec<(String, usize)>)> {
    let mut counts: HashMap<(EntityKind, &str), usize> = HashMap::new();
    for m in mentions {
        *counts.entry((m.kind, m.name.as_str())).or_default() += 1;
    }
    EntityKind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut names: Vec<(String, usize)> = counts
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, name), n)| (name.to_string(), *n))
                .collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (!names.is_empty()).then_some((kind, names))
        })
        .collect()
}

/// Whether a mention names the entity picked.
fn is_picked(m: &Mention, picked: Option<(EntityKind, &str)>) -> bool {
    picked.is_some_and(|(kind, name)| m.kind == kind && m.name == name)
}

/// The reader's marks for `mentions`: all of them, or only the picked
/// entity's when `all` is false.
pub fn entity_marks(mentions: &[Mention], picked: Option<(EntityKind, &str)>, all: bool) -> Vec<Marked> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| all || is_picked(m, picked))
        .map(|(i, m)| Marked {
            span: m.span,
            highlight: Highlight::Entity {
                kind: m.kind,
                mention: i as u32,
                picked: is_picked(m, picked),
            },
        })
        .collect()
}

/// The index in `mentions` of the picked entity's `n`th mention,
/// counted as its concordance lines count them.
pub fn nth_mention(mentions: &[Mention], picked: Option<(EntityKind, &str)>, n: usize) -> Option<usize> {
    let (kind, name) = picked?;
    mentions_of(mentions, kind, name).nth(n).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::entities;

    const TEXT: &str = "Peter Thiel met\u{a0}Alex Karp in London. Mr Thiel 🙂 left London; שלום Karp.";

    #[test]
    fn a_document_lists_its_entities_most_mentioned_first() {
        let named = named_in(&entities(TEXT));
        assert_eq!(
            named,
            [
                (
                    EntityKind::Person,
                    vec![("Alex Karp".to_string(), 2), ("Peter Thiel".to_string(), 2)]
                ),
                (EntityKind::Place, vec![("London".to_string(), 2)]),
            ]
        );
        assert!(named_in(&[]).is_empty());
    }

    #[test]
    fn marks_flag_the_picked_entity_and_number_its_mentions() {
        let mentions = entities(TEXT);
        let picked = Some((EntityKind::Person, "Peter Thiel"));
        let all = entity_marks(&mentions, picked, true);
        assert_eq!(all.len(), mentions.len());
        let thiel: Vec<&str> = all
            .iter()
            .filter(|m| matches!(m.highlight, Highlight::Entity { picked: true, .. }))
            .map(|m| m.span.of(TEXT))
            .collect();
        assert_eq!(thiel, ["Peter Thiel", "Thiel"]);
        let only = entity_marks(&mentions, picked, false);
        assert_eq!(only.iter().map(|m| m.span.of(TEXT)).collect::<Vec<_>>(), ["Peter Thiel", "Thiel"]);
        assert!(entity_marks(&mentions, None, false).is_empty());
        // The second mention of Thiel is the document's fourth mention.
        let second = nth_mention(&mentions, picked, 1).expect("a second mention");
        assert_eq!(mentions[second].span.of(TEXT), "Thiel");
        assert!(matches!(all[second].highlight, Highlight::Entity { mention, .. } if mention as usize == second));
        assert_eq!(nth_mention(&mentions, picked, 2), None);
        assert_eq!(nth_mention(&mentions, None, 0), None);
        assert!(all
            .iter()
            .all(|m| TEXT.is_char_boundary(m.span.start) && TEXT.is_char_boundary(m.span.end)));
    }

    #[test]
    fn the_summary_counts_each_kind_or_says_why_there_is_none() {
        let group = |kind, n: usize| EntityGroup {
            kind,
            entities: (0..n)
                .map(|i| EntityCount {
                    kind,
                    name: i.to_string(),
                    docs: 1,
                    in_corpus: 1,
                })
                .collect(),
        };
        let groups = [group(EntityKind::Person, 2), group(EntityKind::Money, 1)];
        assert_eq!(summary(&groups, 5, false), "2 people, 1 money named in 5 documents.");
        assert_eq!(summary(&groups, 1, true), "2 people, 1 money named in 1 document.");
        assert_eq!(summary(&[], 3, true), "Reading the entities…");
        assert_eq!(summary(&[], 3, false), "No entities named in 3 documents.");
        assert_eq!(not_found(EntityKind::Person, "X", true), "Reading the entities…");
        assert!(not_found(EntityKind::Place, "Ürümqi", false).starts_with("This corpus names no place “Ürümqi”, or not"));
    }

    #[test]
    fn tables_show_the_first_rows_and_count_the_rest() {
        let count = |name: &str, docs| EntityCount {
            kind: EntityKind::Place,
            name: name.into(),
            docs,
            in_corpus: docs + 1,
        };
        let groups = [EntityGroup {
            kind: EntityKind::Place,
            entities: vec![count("London", 3), count("Leeds", 2), count("York", 1)],
        }];
        let t = tables(&groups, Some(2), |e| format!("#{}", e.name));
        assert_eq!(t[0].rows.iter().map(|r| r.href.as_str()).collect::<Vec<_>>(), ["#London", "#Leeds"]);
        assert_eq!((t[0].more, t[0].rows[0].in_corpus), (1, 4));
        assert_eq!(tables(&groups, None, |_| String::new())[0].more, 0);
    }
}
