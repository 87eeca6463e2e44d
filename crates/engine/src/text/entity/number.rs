//! Amounts of money, percentages and dates: found from the tokens around
//! a number or a month's name, and named in one form each
//! (`£330m`, `£330 million` and `£330,000,000` are all `£330 million`).

use super::lexicon::month;
use super::{Kind, Mention, Token};
use crate::text::date::PartialDate;
use crate::text::document::Span;

/// Words for a multiple of a number (`£330 million`, `$1bn`).
fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "k" | "thousand" => 1e3,
        "m" | "mn" | "million" | "millions" => 1e6,
        "b" | "bn" | "billion" | "billions" => 1e9,
        "tn" | "trillion" => 1e12,
        _ => return None,
    })
}

/// The symbol a currency is named with: from a sign, or a word after
/// the amount (`330 million pounds`).
fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "pound" | "pounds" | "sterling" => "£",
        "dollar" | "dollars" => "$",
        "euro" | "euros" => "€",
        _ => return None,
    })
}

/// A number at the start of `word` (`330`, `1,500`, `1.5`), its length
/// in bytes, and what follows it (`m` of `330m`, `th` of `25th`).
fn leading_number(word: &str) -> Option<(f64, &str, &str)> {
    let end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    let digits = &word[..end];
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value = digits.replace(',', "").parse::<f64>().ok()?;
    Some((value, digits, &word[end..]))
}

/// `value` with at most `decimals` decimals, trailing zeros dropped.
fn trimmed(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `1234567` as `1,234,567`; cents kept when there are any.
fn grouped(value: f64) -> String {
    let whole = value.trunc() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let cents = ((value - value.trunc()) * 100.0).round() as u64;
    if cents > 0 {
        out.push_str(&format!(".{cents:02}"));
    }
    out
}

/// The one name of an amount: `£330 million`, `$1.5 billion`, `£25,000`.
pub fn money_name(symbol: &str, value: f64) -> String {
    for (size, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if value >= size {
            return format!("{symbol}{} {word}", trimmed(value / size, 3));
        }
    }
    format!("{symbol}{}", grouped(value))
}

/// The numeric mentions of `text`; each token they cover is set in
/// `used`.
pub(super) fn numeric(text: &str, tokens: &[Token], used: &mut [bool]) -> Vec<Mention> {
    let word = |i: usize| tokens.get(i).map_or("", |t: &Token| &text[t.start..t.end]);
    // Whether token `i` follows token `i - 1` with only spaces between.
    let joined = |i: usize| i < tokens.len() && tokens[i].joins_prev;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let w = word(i);
        let found = if let Some((value, digits, rest)) = leading_number(w) {
            money(text, tokens, i, value, rest, &word, &joined)
                .or_else(|| percent(text, tokens, i, digits, rest, &word, &joined))
                .or_else(|| day_first(tokens, i, value, digits, rest, &word, &joined))
                .or_else(|| year_alone(text, t, digits, rest).map(|m| (m, i + 1)))
        } else {
            month(w).and_then(|m| month_first(tokens, i, m, &word, &joined, text))
        };
        match found {
            Some((mention, next)) => {
                // Every token inside, `US` of `US$2bn` too.
                for k in i.saturating_sub(1)..next {
                    if tokens[k].start >= mention.span.start && tokens[k].end <= mention.span.end {
                        used[k] = true;
                    }
                }
                out.push(mention);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

type Found = Option<(Mention, usize)>;

fn money<'t>(
    text: &str,
    tokens: &[Token],
    i: usize,
    value: f64,
    rest: &str,
    word: &impl Fn(usize) -> &'t str,
    joined: &impl Fn(usize) -> bool,
) -> Found {
    let t = &tokens[i];
    let before = &text[..t.start];
    let sign = before.chars().next_back().and_then(|c| match c {
        '£' => Some("£"),
        '$' => Some("$"),
        '€' => Some("€"),
        _ => None,
    });
    let mut start = sign.map_or(t.start, |s| t.start - s.len());
    if sign == Some("$") && before[..start].ends_with("US") {
        start -= 2;
    }
    let mut end = t.end;
    let mut next = i + 1;
    let mut amount = value;
    if !rest.is_empty() {
        amount *= scale(rest)?;
    } else if let Some(s) = joined(next).then(|| scale(word(next))).flatten() {
        amount *= s;
        end = tokens[next].end;
        next += 1;
    }
    let symbol = match sign {
        Some(s) => s,
        None => {
            // `330 million pounds`.
            let s = joined(next).then(|| currency_word(word(next))).flatten()?;
            end = tokens[next].end;
            next += 1;
            s
        }
    };
    Some((
        Mention {
            kind: Kind::Money,
            span: Span::new(start, end),
            name: money_name(symbol, amount),
        },
        next,
    ))
}

fn percent<'t>(
    text: &str,
    tokens: &[Token],
    i: usize,
    digits: &str,
    rest: &str,
    word: &impl Fn(usize) -> &'t str,
    joined: &impl Fn(usize) -> bool,
) -> Found {
    if !rest.is_empty() {
        return None;
    }
    let t = &tokens[i];
    let after = &text[t.end..];
    let (end, next) = if after.starts_with('%') {
        (t.end + 1, i + 1)
    } else if after.starts_with(" %") || after.starts_with("\u{a0}%") {
        (t.end + after.find('%')? + 1, i + 1)
    } else if joined(i + 1) && word(i + 1) == "percent" {
        (tokens[i + 1].end, i + 2)
    } else if joined(i + 1) && word(i + 1) == "per" && joined(i + 2) && word(i + 2) == "cent" {
        (tokens[i + 2].end, i + 3)
    } else {
        return None;
    };
    Some((
        Mention {
            kind: Kind::Percent,
            span: Span::new(t.start, end),
            name: format!("{}%", digits.replace(',', "")),
        },
        next,
    ))
}

/// A year written alone: four digits from 1800 to 2100.
fn year_of(digits: &str, rest: &str) -> Option<i32> {
    let year: i32 = (digits.len() == 4 && rest.is_empty()).then(|| digits.parse().ok()).flatten()?;
    (1800..=2100).contains(&year).then_some(year)
}

fn date_mention(start: usize, end: usize, date: PartialDate) -> Mention {
    Mention {
        kind: Kind::Date,
        span: Span::new(start, end),
        name: date.to_string(),
    }
}

fn year_alone(text: &str, t: &Token, digits: &str, rest: &str) -> Option<Mention> {
    let year = year_of(digits, rest)?;
    // Not an amount or a code: `£2003`, `2003%`, `2003-04`.
    let prev = text[..t.start].chars().next_back();
    let next = text[t.end..].chars().next();
    if matches!(prev, Some('£' | '$' | '€' | '#' | '-' | '/')) || matches!(next, Some('%' | '-' | '/')) {
        return None;
    }
    Some(date_mention(
        t.start,
        t.end,
        PartialDate {
            year,
            month: None,
            day: None,
        },
    ))
}

/// A day of the month: `3`, `3rd`, `25th`.
fn day_of(value: f64, digits: &str, rest: &str) -> Option<u8> {
    let ordinal = matches!(rest, "" | "st" | "nd" | "rd" | "th");
    (ordinal && digits.len() <= 2 && (1.0..=31.0).contains(&value)).then_some(value as u8)
}

/// `18 September 2025`, `3rd April 2024`; a day and month with no year
/// is left out (it cannot be placed).
fn day_first<'t>(
    tokens: &[Token],
    i: usize,
    value: f64,
    digits: &str,
    rest: &str,
    word: &impl Fn(usize) -> &'t str,
    joined: &impl Fn(usize) -> bool,
) -> Found {
    let day = day_of(value, digits, rest)?;
    let month = joined(i + 1).then(|| month(word(i + 1))).flatten()?;
    let (y_digits, y_rest) = leading_number(word(i + 2)).map(|(_, d, r)| (d, r))?;
    let year = joined(i + 2).then(|| year_of(y_digits, y_rest)).flatten()?;
    let date = PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()?;
    Some((date_mention(tokens[i].start, tokens[i + 2].end, date), i + 3))
}

/// `April 3, 2024`, `July 25 2025`, `November 2023`.
fn month_first<'t>(
    tokens: &[Token],
    i: usize,
    month: u8,
    word: &impl Fn(usize) -> &'t str,
    joined: &impl Fn(usize) -> bool,
    text: &str,
) -> Found {
    let number = |k: usize| leading_number(word(k));
    // The day may be followed by a comma before the year.
    let day_year = || -> Option<(u8, i32, usize)> {
        let (value, digits, rest) = number(i + 1)?;
        let day = joined(i + 1).then(|| day_of(value, digits, rest)).flatten()?;
        let y = tokens.get(i + 2)?;
        let gap = &text[tokens[i + 1].end..y.start];
        let spaces = |c: char| c.is_whitespace() && c != '\n';
        if gap.contains('\n')
            || !gap
                .trim_matches(spaces)
                .trim_start_matches(',')
                .trim_start_matches(spaces)
                .is_empty()
        {
            return None;
        }
        let (_, y_digits, y_rest) = number(i + 2)?;
        Some((day, year_of(y_digits, y_rest)?, y.end))
    };
    if let Some((day, year, end)) = day_year() {
        let date = PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()?;
        return Some((date_mention(tokens[i].start, end, date), i + 3));
    }
    let (_, y_digits, y_rest) = number(i + 1)?;
    let year = joined(i + 1).then(|| year_of(y_digits, y_rest)).flatten()?;
    Some((
        date_mention(
            tokens[i].start,
            tokens[i + 1].end,
            PartialDate {
                year,
                month: Some(month),
                day: None,
            },
        ),
        i + 2,
    ))
}
