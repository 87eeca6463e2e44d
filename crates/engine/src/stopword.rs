//! English function words: too common to make two passages "the same".
//! Search still indexes them (phrases need them); comparison does not let
//! them alone make a shared passage.

/// Folded forms, as the analyzer produces them (apostrophes dropped),
/// sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "cant", "could", "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down", "during",
    "each", "even", "ever", "few", "for", "from", "further", "had", "has", "hasnt", "have", "having",
    "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
    "is", "isnt", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must",
    "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "said", "same", "says", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us",
    "very", "was", "wasnt", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "without", "would", "you", "your", "yours", "yourself", "yourselves",
];

/// Whether a folded term is an English function word.
pub fn is_stop_word(term: &str) -> bool {
    STOP_WORDS.binary_search(&term).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_folded() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(STOP_WORDS.iter().all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn function_words_are_stop_words_and_content_words_are_not() {
        for w in ["the", "of", "and", "dont", "its"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["palantir", "nhs", "data", "contract", "the2"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
