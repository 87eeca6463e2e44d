//! Typo tolerance: Damerau-Levenshtein automata (a swap of two letters is
//! one edit) run over the fst term dictionary, so finding every term within
//! one or two edits of a word never scans the dictionary.

use std::sync::OnceLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};

/// Builders of Levenshtein automata for 1 and 2 edits, made on first use
/// (building the distance-2 tables takes a few milliseconds).
#[derive(Default)]
pub(crate) struct Automata {
    builders: [OnceLock<LevenshteinAutomatonBuilder>; 2],
}

impl Automata {
    /// The automaton accepting words within `distance` (1 or 2) edits.
    pub(crate) fn dfa(&self, word: &str, distance: u8) -> Dfa {
        let d = distance.clamp(1, 2);
        let builder = self.builders[d as usize - 1].get_or_init(|| LevenshteinAutomatonBuilder::new(d, true));
        Dfa(builder.build_dfa(word))
    }
}

/// A Levenshtein DFA as an fst automaton.
pub(crate) struct Dfa(DFA);

impl Dfa {
    /// The edit distance of a whole term, when within the bound.
    pub(crate) fn distance(&self, term: &[u8]) -> Option<u8> {
        match self.0.eval(term) {
            Distance::Exact(d) => Some(d),
            Distance::AtLeast(_) => None,
        }
    }
}

impl fst::Automaton for Dfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_count_as_one_edit() {
        let automata = Automata::default();
        let cases = [
            ("pyhton", "python", 1, Some(1)),
            ("insurence", "insurance", 1, Some(1)),
            ("spamasassin", "spamassassin", 1, Some(1)),
            ("polcy", "policy", 1, Some(1)),
            ("palantir", "palantir", 1, Some(0)),
            ("cat", "dog", 2, None),
            ("mortage", "mortgage", 2, Some(1)),
        ];
        for (typed, term, bound, expected) in cases {
            assert_eq!(automata.dfa(typed, bound).distance(term.as_bytes()), expected, "{typed} → {term}");
        }
    }
}
