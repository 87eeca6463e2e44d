//! A query resolved against an index: each leaf's terms found in the
//! dictionary (with inflections, prefixes, typos and field scopes), long
//! words that match nothing corrected.

use super::parse::{LeafKind, Query};
use crate::index::Index;

/// Words at least this long are corrected when no document has them.
pub const AUTO_CORRECT_MIN_CHARS: usize = 5;

/// How a leaf's slots must line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// One slot: any of its terms.
    Any,
    /// Slots adjacent and in order.
    Phrase,
    /// Slots within `slop` words of each other, in any order.
    Near(u32),
}

/// A leaf resolved against the index.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Plan {
    /// Term ids each position may hold; fields allowed (None: all).
    Terms {
        slots: Vec<Vec<u32>>,
        mode: Mode,
        fields: Option<Vec<u8>>,
    },
    /// Documents whose date overlaps the range (packed `yyyymmdd`).
    Date { start: u32, end: u32 },
}

/// A word that matched nothing (or almost nothing), and the word searched
/// instead (or as well).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub typed: String,
    pub corrected: String,
    /// Whether the typed word is searched too: it matched a few documents,
    /// but a close, far more common word looks like what was meant.
    pub also: bool,
}

/// A word in at most this many documents may be a typo of a common word.
pub const RARE_DF: u32 = 3;

/// A query resolved against an index, ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub query: Query,
    pub(crate) plans: Vec<Plan>,
    /// Long words that matched nothing and were corrected ("showing
    /// results for …").
    pub corrections: Vec<Correction>,
    /// Other things worth telling, e.g. an unknown field searched as text.
    pub notes: Vec<String>,
}

/// Resolves `query` against this index: expands words to their
/// inflections, prefixes and typos to dictionary terms, names fields,
/// and corrects long words that match nothing.
pub fn prepare(index: &Index, query: &Query) -> Prepared {
    let mut corrections = Vec::new();
    let mut notes = Vec::new();
    let plans = query
        .leaves
        .iter()
        .map(|leaf| {
            if let LeafKind::Date { start, end } = leaf.kind {
                return Plan::Date { start, end };
            }
            let mut terms = leaf.terms.clone();
            let mut kind = leaf.kind;
            let fields = if leaf.fields.is_empty() {
                None
            } else {
                let ids: Vec<u8> = leaf.fields.iter().filter_map(|f| index.field_id(f)).collect();
                if ids.is_empty() {
                    // `http://…` or a field this corpus lacks: it was text.
                    notes.push(format!("no field “{}”: searched as text", leaf.fields.join(", ")));
                    let mut prefixed = index.analyzer().terms(&leaf.fields.join(" "));
                    prefixed.extend(terms);
                    terms = prefixed;
                    if kind == LeafKind::Word {
                        kind = LeafKind::Phrase;
                    }
                    None
                } else {
                    Some(ids)
                }
            };
            let last = terms.len() - 1;
            let mut slots: Vec<Vec<u32>> = terms
                .iter()
                .enumerate()
                .map(|(i, term)| match kind {
                    LeafKind::Prefix if i == last => index.prefix_terms(term).into_iter().map(|(id, _)| id).collect(),
                    LeafKind::Fuzzy { distance } if distance > 0 => {
                        let mut ids = index.inflections(term);
                        index.terms_matching("", &index.fuzzy.dfa(term, distance), |_, id, _| {
                            if !ids.contains(&id) {
                                ids.push(id);
                            }
                        });
                        ids
                    }
                    _ => index.inflections(term),
                })
                .collect();
            if kind == LeafKind::Word && slots.len() == 1 && !leaf.negated {
                // A word no document has is replaced by its correction; a
                // rare word gains a correction 20 times more common.
                let df = slots[0].iter().map(|&t| index.df_up_to(t, RARE_DF + 1)).max().unwrap_or(0);
                // Not while parts are missing: an unloaded shard reads
                // as df 0, and its correction would fetch a dozen more.
                if df <= RARE_DF && !index.waiting() {
                    let min_df = if df == 0 { 1 } else { (20 * df).max(10) };
                    if let Some((corrected, ids)) = correct(index, &terms[0], min_df) {
                        let also = df > 0;
                        corrections.push(Correction {
                            typed: leaf.text.clone(),
                            corrected,
                            also,
                        });
                        if also {
                            let new: Vec<u32> = ids.into_iter().filter(|id| !slots[0].contains(id)).collect();
                            slots[0].extend(new);
                        } else {
                            slots[0] = ids;
                        }
                    }
                }
            }
            let mode = match kind {
                LeafKind::Near { slop } if slots.len() > 1 => Mode::Near(slop),
                _ if slots.len() > 1 => Mode::Phrase,
                _ => Mode::Any,
            };
            Plan::Terms { slots, mode, fields }
        })
        .collect();
    Prepared {
        query: query.clone(),
        plans,
        corrections,
        notes,
    }
}

/// The best correction of a word no document has: the most frequent
/// term within one edit, else (for words over 7 letters) two, swaps of
/// two letters counting as one; with its inflections. Corrections keep
/// the first letter, as typists mostly do, which keeps the search of
/// the dictionary small.
fn correct(index: &Index, term: &str, min_df: u32) -> Option<(String, Vec<u32>)> {
    use fst::Automaton;
    let chars = term.chars().count();
    if chars < AUTO_CORRECT_MIN_CHARS || !term.chars().all(char::is_alphabetic) {
        return None;
    }
    let first: String = term.chars().take(1).collect();
    let max = if chars > 7 { 2 } else { 1 };
    for distance in 1..=max {
        let dfa = index.fuzzy.dfa(term, distance);
        let mut best: Option<(u8, u32, Vec<u8>)> = None;
        let within = (&dfa).intersection(fst::automaton::Str::new(&first).starts_with());
        index.terms_matching(&first, within, |key, _, df| {
            if df < min_df || key == term.as_bytes() {
                return;
            }
            let d = dfa.distance(key).unwrap_or(u8::MAX);
            if best
                .as_ref()
                .is_none_or(|(bd, bf, _)| (d, std::cmp::Reverse(df)) < (*bd, std::cmp::Reverse(*bf)))
            {
                best = Some((d, df, key.to_vec()));
            }
        });
        if let Some((_, _, key)) = best {
            let word = String::from_utf8(key).ok()?;
            let ids = index.inflections(&word);
            return Some((word, ids));
        }
    }
    None
}
