//! Where a query's leaves match: positions of a slot's terms, phrase and
//! proximity windows, and each leaf's occurrences in documents.

use super::plan::{Mode, Plan, Prepared};
use crate::index::postings::positions;
use crate::index::Index;
use crate::text::document::DocId;

/// One match of one query leaf: the token positions it covers in a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub leaf: u16,
    pub field: u8,
    pub positions: Vec<u32>,
}

/// The positions that make up each match of `lists` (one sorted list per
/// slot) in one field: a phrase's adjacent run, or a window of words
/// within `slop` of each other.
pub(crate) fn field_matches(mode: Mode, lists: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let n = lists.len() as u32;
    match mode {
        Mode::Any => lists.iter().flatten().map(|&p| vec![p]).collect(),
        Mode::Phrase => lists[0]
            .iter()
            .filter(|&&p| {
                lists[1..]
                    .iter()
                    .enumerate()
                    .all(|(i, l)| l.binary_search(&(p + 1 + i as u32)).is_ok())
            })
            .map(|&p| (p..p + n).collect())
            .collect(),
        Mode::Near(slop) => {
            let limit = slop + n - 1;
            let mut events: Vec<(u32, usize)> = lists
                .iter()
                .enumerate()
                .flat_map(|(slot, l)| l.iter().map(move |&p| (p, slot)))
                .collect();
            events.sort_unstable();
            let mut out = Vec::new();
            let mut counts = vec![0usize; lists.len()];
            let mut covered = 0;
            let mut left = 0;
            let mut right = 0;
            while right < events.len() {
                let slot = events[right].1;
                counts[slot] += 1;
                if counts[slot] == 1 {
                    covered += 1;
                }
                while covered == lists.len() {
                    if events[right].0 - events[left].0 <= limit {
                        let mut positions: Vec<u32> = events[left..=right].iter().map(|e| e.0).collect();
                        positions.dedup();
                        out.push(positions);
                        counts.iter_mut().for_each(|c| *c = 0);
                        covered = 0;
                        left = right + 1;
                        break;
                    }
                    let s = events[left].1;
                    counts[s] -= 1;
                    if counts[s] == 0 {
                        covered -= 1;
                    }
                    left += 1;
                }
                right += 1;
            }
            out
        }
    }
}

/// Per requested document, the positions of a slot's terms by field.
pub(crate) type SlotPositions = Vec<Vec<(u8, Vec<u32>)>>;

/// For each of `docs` (sorted), the positions of any of `terms`, by
/// field. Reads each term's record once.
pub(crate) fn slot_positions(index: &Index, terms: &[u32], docs: &[u32]) -> SlotPositions {
    let mut out: SlotPositions = vec![Vec::new(); docs.len()];
    for &t in terms {
        let mut k = 0;
        for entry in index.detailed(t).detail() {
            while k < docs.len() && docs[k] < entry.doc {
                k += 1;
            }
            if k == docs.len() {
                break;
            }
            if docs[k] != entry.doc {
                continue;
            }
            for (field, _, bytes) in entry.fields() {
                let slot = &mut out[k];
                let list = match slot.iter_mut().position(|(f, _)| *f == field) {
                    Some(i) => &mut slot[i].1,
                    None => {
                        slot.push((field, Vec::new()));
                        &mut slot.last_mut().expect("just pushed").1
                    }
                };
                positions(bytes, list);
            }
        }
    }
    if terms.len() > 1 {
        for fields in out.iter_mut() {
            for (_, list) in fields.iter_mut() {
                list.sort_unstable();
                list.dedup();
            }
        }
    }
    out
}

/// For each of `docs` (sorted), every match of the query's marking
/// leaves, read from the postings' positions.
pub(crate) fn occurrences(index: &Index, prepared: &Prepared, docs: &[u32]) -> Vec<Vec<Occurrence>> {
    let mut out: Vec<Vec<Occurrence>> = vec![Vec::new(); docs.len()];
    let default_fields = index.default_fields();
    for (leaf, _) in prepared.query.positive_leaves() {
        let Some(Plan::Terms { slots, mode, fields }) = prepared.plans.get(leaf as usize) else {
            continue;
        };
        let per_slot: Vec<SlotPositions> = slots.iter().map(|s| slot_positions(index, s, docs)).collect();
        let allowed = fields.as_deref().unwrap_or(&default_fields);
        for (k, found) in out.iter_mut().enumerate() {
            for (field, lists) in field_lists(&per_slot, k, allowed) {
                found.extend(
                    field_matches(*mode, &lists)
                        .into_iter()
                        .map(|positions| Occurrence { leaf, field, positions }),
                );
            }
        }
    }
    out
}

/// For document `k` of a slot-positions set, each field whose every slot
/// has positions there (and that `fields` allows), with those positions:
/// what phrase and proximity matching run on.
pub(crate) fn field_lists<'p>(per_slot: &'p [SlotPositions], k: usize, fields: &'p [u8]) -> impl Iterator<Item = (u8, Vec<Vec<u32>>)> + 'p {
    per_slot[0][k]
        .iter()
        .map(|(f, _)| *f)
        .filter(move |f| fields.contains(f))
        .filter_map(move |field| {
            let lists: Option<Vec<Vec<u32>>> = per_slot
                .iter()
                .map(|slot| slot[k].iter().find(|(f, _)| *f == field).map(|(_, l)| l.clone()))
                .collect();
            Some((field, lists?))
        })
}

/// The documents of `docs` that exist, sorted and without repeats, and
/// each one's occurrences: what marks and snippets are made from. Look a
/// document up with `binary_search` on the first.
pub(crate) fn occurrences_by_doc(index: &Index, prepared: &Prepared, docs: &[DocId]) -> (Vec<u32>, Vec<Vec<Occurrence>>) {
    let mut sorted: Vec<u32> = docs.iter().map(|d| d.0).filter(|&d| (d as usize) < index.len()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let occurrences = occurrences(index, prepared, &sorted);
    (sorted, occurrences)
}

/// The shortest stretch of one field holding an occurrence of every leaf,
/// in tokens.
pub(crate) fn min_span(occurrences: &[Occurrence], leaves: &[u16]) -> Option<u32> {
    let mut best: Option<u32> = None;
    let mut fields: Vec<u8> = occurrences.iter().map(|o| o.field).collect();
    fields.sort_unstable();
    fields.dedup();
    for field in fields {
        let mut events: Vec<(u32, u32, usize)> = occurrences
            .iter()
            .filter(|o| o.field == field)
            .filter_map(|o| {
                let slot = leaves.iter().position(|&l| l == o.leaf)?;
                Some((*o.positions.first()?, *o.positions.last()?, slot))
            })
            .collect();
        events.sort_unstable();
        let mut counts = vec![0usize; leaves.len()];
        let mut covered = 0;
        let mut left = 0;
        for right in 0..events.len() {
            counts[events[right].2] += 1;
            if counts[events[right].2] == 1 {
                covered += 1;
            }
            while covered == leaves.len() {
                let end = events[left..=right].iter().map(|e| e.1).max().unwrap_or(0);
                let span = end - events[left].0 + 1;
                best = Some(best.map_or(span, |b| b.min(span)));
                counts[events[left].2] -= 1;
                if counts[events[left].2] == 0 {
                    covered -= 1;
                }
                left += 1;
            }
        }
    }
    best
}
