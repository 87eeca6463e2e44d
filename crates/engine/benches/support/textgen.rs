//! Synthetic texts for the comparison benchmarks: deterministic, any
//! size, in two shapes real corpora have.
//! - [`prose`]: words drawn from a Zipf-distributed vocabulary of 50,000
//!   made-up words, in sentences and paragraphs, with multi-byte letters,
//!   no-break spaces and emoji mixed in, so trigrams repeat about as
//!   often as in real text;
//! - [`repetitive`]: one paragraph repeated, as a mailing-list digest or a
//!   transcript with a refrain.
//!
//! [`revise`] edits a text as a second version of a report would be: a
//! word in 25 changed, a paragraph in 20 dropped, some moved.
//!
//! Shared by `benches/engine.rs` and `examples/compare_scale.rs`.

#![allow(dead_code)]

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ra", "to", "su", "vi", "da", "pe", "go", "ri", "an", "el", "or", "un", "sta", "pri", "con", "tra", "ment",
    "tion", "ver", "dé", "ße", "ño", "çu", "ön",
];

/// The vocabulary's `rank`-th word (rank 0 is the most frequent).
fn word(rank: usize) -> String {
    const FUNCTION_WORDS: &[&str] = &[
        "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by",
    ];
    if rank < FUNCTION_WORDS.len() {
        return FUNCTION_WORDS[rank].to_string();
    }
    let mut n = rank;
    let mut out = String::new();
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    out
}

/// A word rank drawn from a Zipf distribution over `vocabulary` words
/// (inverse transform on the harmonic numbers' approximation).
fn zipf(rng: &mut Rng, vocabulary: usize) -> usize {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let h = (vocabulary as f64).ln() + 0.5772;
    ((u * h).exp() - 1.0).floor().clamp(0.0, vocabulary as f64 - 1.0) as usize
}

/// About `bytes` of prose.
pub fn prose(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 256);
    while out.len() < bytes {
        let sentences = 3 + rng.below(6);
        for s in 0..sentences {
            let words = 8 + rng.below(22);
            for w in 0..words {
                let mut text = word(zipf(&mut rng, 50_000));
                if w == 0 {
                    let mut chars = text.chars();
                    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
                    text = first + chars.as_str();
                }
                match rng.below(200) {
                    0 => text.push_str(" 🙂"),
                    1 => text.push('\u{00a0}'),
                    2 => text.push('\u{0301}'),
                    3 => text = format!("“{text}”"),
                    _ => {}
                }
                out.push_str(&text);
                out.push(if w + 1 == words { '.' } else { ' ' });
            }
            if s + 1 < sentences {
                out.push(' ');
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// `unit` repeated to about `bytes`, as paragraphs.
pub fn repetitive(bytes: usize, unit: &str) -> String {
    let mut out = String::with_capacity(bytes + unit.len() + 2);
    while out.len() < bytes {
        out.push_str(unit);
        out.push_str("\n\n");
    }
    out
}

/// A paragraph of news prose, the unit of [`repetitive`] texts.
pub const PARAGRAPH: &str = "NHS England awarded Palantir a seven-year contract worth £330 million to build the \
federated data platform, which campaigners said would put patients’ records at risk; the \
company said the data would remain under the control of the health service.";

/// A second version of `text`: one word in 25 changed, one paragraph in 20
/// dropped, and one in 30 moved ahead.
pub fn revise(text: &str, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut paragraphs: Vec<String> = Vec::new();
    for p in text.split("\n\n").filter(|p| !p.is_empty()) {
        if rng.below(20) == 0 {
            continue;
        }
        let words: Vec<String> = p
            .split(' ')
            .map(|w| if rng.below(25) == 0 { "changed".to_string() } else { w.to_string() })
            .collect();
        paragraphs.push(words.join(" "));
    }
    for i in 0..paragraphs.len() {
        if rng.below(30) == 0 {
            let j = rng.below(paragraphs.len());
            paragraphs.swap(i, j);
        }
    }
    paragraphs.join("\n\n")
}
