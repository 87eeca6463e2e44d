//! Exports made in the page: CSV fields and rows, scores as text.

/// A CSV field, quoted when it must be. A leading `=`, `+`, `-` or `@`
/// gets a `'` so spreadsheets do not run it as a formula.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\r', '\n']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Appends one CSV row of fields already quoted (RFC 4180: CRLF ends it).
pub fn push_row(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// A score from 0 to 1 with four decimals, formatted by hand (float
/// formatting costs 10 KB of wasm): `0.4375`.
pub fn four_decimals(score: f32) -> String {
    let n = (score.clamp(0.0, 1.0) * 10_000.0).round() as u32;
    format!("{}.{:04}", n / 10_000, n % 10_000)
}

/// A number with `places` decimals (up to 6), rounded half away from
/// zero and formatted by hand like [`four_decimals`]: `-1.25`, `12.0`.
/// Not-a-number and infinities are written as `0`.
pub fn fixed(x: f64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10u64.pow(places);
    if !x.is_finite() || x.abs() * scale as f64 >= u64::MAX as f64 / 2.0 {
        return "0".to_string();
    }
    let n = (x.abs() * scale as f64).round() as u64;
    let sign = if x < 0.0 && n > 0 { "-" } else { "" };
    if places == 0 {
        return format!("{sign}{n}");
    }
    format!("{sign}{}.{:0width$}", n / scale, n % scale, width = places as usize)
}

/// Pairs and their scores as CSV, `a,b,score`, one pair a line, no header:
/// the similarity matrix's export, from the page and the command line.
pub fn pairs_csv<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str, f32)>) -> String {
    let mut out = String::new();
    for (a, b, score) in pairs {
        out.push_str(&csv_field(a));
        out.push(',');
        out.push_str(&csv_field(b));
        out.push(',');
        out.push_str(&four_decimals(score));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("line\nbreak", "\"line\nbreak\""),
            (" padded", "\" padded\""),
        ];
        for (input, expected) in cases {
            assert_eq!(csv_field(input), expected, "{input:?}");
        }
    }

    #[test]
    fn numbers_are_fixed_to_their_places() {
        let cases: &[(f64, u32, &str)] = &[
            (12.0, 1, "12.0"),
            (-1.25, 2, "-1.25"),
            (-0.004, 2, "0.00"),
            (1.23456, 4, "1.2346"),
            (0.000_05, 6, "0.000050"),
            (2.5, 0, "3"),
            (f64::NAN, 2, "0"),
            (f64::INFINITY, 2, "0"),
            (1e300, 2, "0"),
        ];
        for &(x, places, expected) in cases {
            assert_eq!(fixed(x, places), expected, "{x} to {places}");
        }
    }

    #[test]
    fn pairs_export_as_csv_with_four_decimals() {
        let cases: &[(&str, &str, f32, &str)] = &[
            ("a", "b", 0.5, "a,b,0.5000\n"),
            ("x,y", "=cmd", 1.0, "\"x,y\",'=cmd,1.0000\n"),
            ("a", "b", 0.123_46, "a,b,0.1235\n"),
            ("a", "b", -0.1, "a,b,0.0000\n"),
            ("a", "b", f32::NAN, "a,b,0.0000\n"),
        ];
        for &(a, b, score, expected) in cases {
            assert_eq!(pairs_csv([(a, b, score)]), expected, "{a} {b} {score}");
        }
    }
}
