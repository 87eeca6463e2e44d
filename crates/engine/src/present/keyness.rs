//! Keyness: the words one selection of documents uses more (or less) than
//! another, as AntConc and Rayson's log-likelihood wizard compute it.
//!
//! For a word seen `a` times in the target's `c` words and `b` times in
//! the reference's `d` words:
//! - expected counts `E1 = c(a+b)/(c+d)`, `E2 = d(a+b)/(c+d)`;
//! - log-likelihood `G² = 2(a ln(a/E1) + b ln(b/E2))` (a zero count adds 0);
//! - its p-value from the χ² distribution with one degree of freedom,
//!   `p = erfc(√(G²/2))`: 3.84 is p < 0.05, 10.83 is p < 0.001;
//! - effect size: Hardie's log ratio, `log2((a/c)/(b/d))`, a zero count
//!   taken as 0.5. Each point is a doubling: 1 means twice as frequent.

use super::export::{csv_field, fixed, push_row};
use super::frequency::WordCounts;

/// The p-value thresholds offered, with their critical G² (one degree of
/// freedom).
pub const P_LEVELS: [(f64, f64); 4] = [(0.05, 3.84), (0.01, 6.63), (0.001, 10.83), (0.0001, 15.13)];

/// One word's keyness.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The word (a folded term).
    pub word: String,
    /// Its count in the target and in the reference.
    pub target: u32,
    pub reference: u32,
    /// Log-likelihood.
    pub g2: f64,
    /// The p-value of `g2`.
    pub p: f64,
    /// Log ratio: above 0, the word is key in the target; below, in the
    /// reference.
    pub log_ratio: f64,
}

impl Keyword {
    /// Whether the target uses the word more than the reference.
    pub fn in_target(&self) -> bool {
        self.log_ratio > 0.0
    }
}

/// Log-likelihood of a word seen `a` times in `c` words and `b` times in
/// `d` words.
pub fn log_likelihood(a: u32, b: u32, c: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c + d == 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let part = |o: f64, e: f64| if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 };
    (2.0 * (part(a, e1) + part(b, e2))).max(0.0)
}

/// The p-value of a log-likelihood (χ², one degree of freedom).
pub fn p_value(g2: f64) -> f64 {
    libm::erfc((g2.max(0.0) / 2.0).sqrt())
}

/// Hardie's log ratio, a zero count taken as 0.5.
pub fn log_ratio(a: u32, b: u32, c: u64, d: u64) -> f64 {
    if c == 0 || d == 0 {
        return 0.0;
    }
    let adjust = |n: u32| if n == 0 { 0.5 } else { n as f64 };
    ((adjust(a) / c as f64) / (adjust(b) / d as f64)).log2()
}

/// The words key in `target` against `reference`, or in `reference`
/// against `target`: those seen at least `min_freq` times in the selection
/// where they are key, with `p <= max_p`. Strongest first (by G², then by
/// the word). None when either count is incomplete
/// ([`WordCounts::complete`]): a word not kept would read as never seen.
pub fn keyness(target: &WordCounts, reference: &WordCounts, min_freq: u32, max_p: f64) -> Vec<Keyword> {
    if !target.complete() || !reference.complete() {
        return Vec::new();
    }
    let (c, d) = (target.tokens(), reference.tokens());
    let words = target
        .iter()
        .map(|(w, a)| (w, a, reference.count(w)))
        .chain(reference.iter().filter(|(w, _)| target.count(w) == 0).map(|(w, b)| (w, 0, b)));
    let mut keys: Vec<Keyword> = words
        .filter_map(|(word, a, b)| {
            let ratio = log_ratio(a, b, c, d);
            let freq = if ratio > 0.0 { a } else { b };
            if freq < min_freq.max(1) || ratio == 0.0 {
                return None;
            }
            let g2 = log_likelihood(a, b, c, d);
            let p = p_value(g2);
            (p <= max_p).then(|| Keyword {
                word: word.to_string(),
                target: a,
                reference: b,
                g2,
                p,
                log_ratio: ratio,
            })
        })
        .collect();
    keys.sort_by(|x, y| y.g2.total_cmp(&x.g2).then_with(|| x.word.cmp(&y.word)));
    keys
}

/// Keywords as CSV (RFC 4180), with a header: the word, the selection it
/// is key in, both counts, both rates per 10,000 words, G², p and the log
/// ratio.
pub fn keyness_csv(keys: &[Keyword], target: &WordCounts, reference: &WordCounts) -> String {
    let per_10k = |n: u32, total: u64| if total == 0 { 0.0 } else { n as f64 * 10_000.0 / total as f64 };
    let mut out = String::from("word,key_in,target,reference,target_per_10k,reference_per_10k,g2,p,log_ratio\r\n");
    for k in keys {
        let fields = [
            csv_field(&k.word),
            if k.in_target() { "target" } else { "reference" }.to_string(),
            k.target.to_string(),
            k.reference.to_string(),
            fixed(per_10k(k.target, target.tokens()), 2),
            fixed(per_10k(k.reference, reference.tokens()), 2),
            fixed(k.g2, 2),
            fixed(k.p, 6),
            fixed(k.log_ratio, 2),
        ];
        push_row(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::frequency::counts_of as counts;

    #[test]
    fn log_likelihood_matches_worked_values() {
        // Worked by hand (and checked with Python's math.log), two places.
        let cases: &[(u32, u32, u64, u64, f64)] = &[
            (10, 0, 1000, 1000, 13.86),
            (50, 20, 10_000, 10_000, 13.28),
            (5, 5, 1000, 1000, 0.0),
            (100, 10, 100_000, 50_000, 36.05),
        ];
        for &(a, b, c, d, g2) in cases {
            let got = log_likelihood(a, b, c, d);
            assert!((got - g2).abs() < 0.01, "{a} {b} {c} {d}: {got}, not {g2}");
        }
    }

    #[test]
    fn p_values_meet_the_critical_values() {
        for (p, critical) in P_LEVELS {
            let got = p_value(critical);
            assert!((got - p).abs() / p < 0.02, "G² {critical}: p {got}, not about {p}");
        }
        assert_eq!(p_value(0.0), 1.0);
    }

    #[test]
    fn log_ratio_doubles_per_point_and_takes_a_zero_as_half() {
        assert_eq!(log_ratio(20, 10, 1000, 1000), 1.0);
        assert_eq!(log_ratio(10, 20, 1000, 1000), -1.0);
        assert_eq!(log_ratio(8, 0, 1000, 1000), 4.0, "8 against 0.5");
        assert_eq!(log_ratio(10, 10, 1000, 2000), 1.0, "rates, not counts");
    }

    #[test]
    fn key_words_of_each_side_are_found_and_ordered() {
        let target = counts(&["palantir palantir palantir palantir palantir data data the the the"]);
        let reference = counts(&["nhs nhs nhs nhs nhs nhs data data the the the"]);
        let keys = keyness(&target, &reference, 3, 0.05);
        let words: Vec<(&str, bool)> = keys.iter().map(|k| (k.word.as_str(), k.in_target())).collect();
        assert_eq!(words, [("nhs", false), ("palantir", true)], "{keys:?}");
        assert_eq!((keys[1].target, keys[1].reference), (5, 0));
        // 6 against 0 (nhs) is G² 7.76, 5 against 0 (palantir) 7.42: both
        // pass p < 0.01, neither p < 0.001.
        assert!((keys[0].g2 - 7.76).abs() < 0.01, "{}", keys[0].g2);
        assert!((keys[1].g2 - 7.42).abs() < 0.01, "{}", keys[1].g2);
        assert_eq!(keyness(&target, &reference, 3, 0.01).len(), 2);
        assert!(keyness(&target, &reference, 3, 0.001).is_empty());
        // A minimum frequency above 5 drops palantir, not nhs (6).
        let keys = keyness(&target, &reference, 6, 0.05);
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].word, "nhs");
    }

    #[test]
    fn key_phrases_of_the_explore_fixture_match_the_hand_count() {
        // tests/fixtures/explore: Alpha Post's two articles hold 20
        // two-word phrases, Beta Times' 26 (phrases stop at full stops).
        use crate::present::frequency::phrase_counts_of as phrases;
        let alpha = phrases(
            &[
                "Palantir won the data contract. Critics said Palantir would hold patient data.",
                "Palantir said the platform was safe. Doctors said the contract was secret.",
            ],
            2,
        );
        let beta = phrases(
            &[
                "The hospital trusts joined the platform. Nurses said the platform helped patients.",
                "Trusts said the data stayed in the health service. The platform cost money and the platform cost time.",
            ],
            2,
        );
        assert_eq!((alpha.tokens(), beta.tokens()), (20, 26));
        assert_eq!((alpha.count("the platform"), beta.count("the platform")), (1, 4));
        assert_eq!((alpha.count("said the"), beta.count("said the")), (2, 2));
        // the platform: E1 = 20·5/46, E2 = 26·5/46; G² = 1.23, log ratio
        // log2((1/20)/(4/26)) = -1.62: key in neither at p < 0.05.
        let all = keyness(&alpha, &beta, 1, 1.0);
        let k = all.iter().find(|k| k.word == "the platform").unwrap();
        assert!((k.g2 - 1.2266).abs() < 0.001, "{}", k.g2);
        assert!((k.log_ratio + 1.6215).abs() < 0.001, "{}", k.log_ratio);
        assert!(keyness(&alpha, &beta, 1, 0.05).is_empty());
    }

    #[test]
    fn incomplete_counts_are_not_compared() {
        let analyzer = crate::text::analyze::Analyzer::new();
        let mut capped = WordCounts::with_limit(1, 1);
        capped.add(&analyzer, &crate::ingest::text_document("a", "", "palantir nhs nhs"));
        let other = counts(&["data data data"]);
        assert!(!keyness(&counts(&["palantir palantir palantir"]), &other, 1, 1.0).is_empty());
        assert!(keyness(&capped, &other, 1, 1.0).is_empty());
        assert!(keyness(&other, &capped, 1, 1.0).is_empty());
    }

    #[test]
    fn empty_selections_have_no_keywords() {
        let empty = WordCounts::default();
        let some = counts(&["palantir palantir palantir"]);
        assert!(keyness(&empty, &empty, 1, 1.0).is_empty());
        assert!(keyness(&some, &empty, 1, 1.0).is_empty(), "no reference: no rate to compare");
    }

    #[test]
    fn the_csv_has_a_header_and_plain_numbers() {
        let target = counts(&["palantir palantir palantir palantir palantir data"]);
        let reference = counts(&["nhs data"]);
        let keys = keyness(&target, &reference, 1, 1.0);
        let csv = keyness_csv(&keys, &target, &reference);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "word,key_in,target,reference,target_per_10k,reference_per_10k,g2,p,log_ratio"
        );
        let palantir = lines.iter().find(|l| l.starts_with("palantir,")).unwrap();
        assert!(palantir.starts_with("palantir,target,5,0,8333.33,0.00,"), "{palantir}");
        let nhs = lines.iter().find(|l| l.starts_with("nhs,")).unwrap();
        assert!(nhs.starts_with("nhs,reference,0,1,") && nhs.ends_with(",-2.58"), "{nhs}");
    }
}
