//! Thai and Arabic digits; parsing and formatting numbers and scores.
//!
//! Scores are rounded on their *decimal* value: a score read from YAML as
//! `94.865` is stored as the nearest binary float (94.86499999…), yet the user
//! wrote 94.865 and expects 94.87. [`format_score`] therefore rounds the
//! shortest decimal string that round-trips to the same float (what Rust's
//! `Display` prints), half away from zero, instead of the binary value.

/// Offset between a Thai digit and the matching ASCII digit.
const THAI_ZERO: u32 = '๐' as u32;

/// Replaces every Arabic digit 0-9 by the Thai digit ๐-๙; other characters are kept.
pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(THAI_ZERO + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Replaces every Thai digit ๐-๙ by the Arabic digit 0-9; other characters are kept.
pub fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32('0' as u32 + (c as u32 - THAI_ZERO)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// True when one number or code mixes the two digit sets, e.g. "๐14" or "๒๕66".
///
/// Only digits in the same run of digits and number punctuation (`.` `,` `/` `-`)
/// count: "ปี ๒๕๖๖ (2023)" is not mixed, "๒๕66" is.
pub fn has_mixed_digits(s: &str) -> bool {
    let (mut thai, mut arabic) = (false, false);
    for c in s.chars() {
        match c {
            '0'..='9' => arabic = true,
            '๐'..='๙' => thai = true,
            '.' | ',' | '/' | '-' => {}
            _ => {
                thai = false;
                arabic = false;
            }
        }
        if thai && arabic {
            return true;
        }
    }
    false
}

/// Parses a decimal number written with Thai or Arabic digits: "๙๘.๘๕", "98.85",
/// "-3", "1,234.5" (commas between digit groups are accepted). Surrounding white
/// space is ignored; anything else makes it `None`.
pub fn parse_number(s: &str) -> Option<f64> {
    let ascii = to_arabic_digits(s.trim());
    if ascii.is_empty() {
        return None;
    }
    // Commas are only accepted between digits.
    let bytes = ascii.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b',' {
            let before = i > 0 && bytes[i - 1].is_ascii_digit();
            let after = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
            if !before || !after {
                return None;
            }
        }
    }
    let plain: String = ascii.chars().filter(|&c| c != ',').collect();
    let body = plain.strip_prefix(['-', '+']).unwrap_or(&plain);
    let digits_ok = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    if !digits_ok {
        return None;
    }
    plain.parse::<f64>().ok()
}

/// Formats a score with exactly two decimals, in Thai digits when `thai`:
/// `format_score(98.85, true)` is "๙๘.๘๕".
///
/// Rounding is [`round2`]'s, half away from zero on the decimal value the float
/// stands for (see the module documentation): 94.865 → "94.87", -0.005 → "-0.01".
/// A value that rounds to zero prints without a sign. Not-a-number and
/// infinities print as "-".
pub fn format_score(x: f64, thai: bool) -> String {
    if !x.is_finite() {
        return "-".to_string();
    }
    let out = format!("{:.2}", round2(x).abs());
    let is_zero = out.chars().all(|c| c == '0' || c == '.');
    let signed = if x < 0.0 && !is_zero {
        format!("-{out}")
    } else {
        out
    };
    if thai {
        to_thai_digits(&signed)
    } else {
        signed
    }
}

/// Rounds to two decimals, half away from zero, on the decimal value the float
/// stands for: 94.865 → 94.87, 1.005 → 1.01, and a computed mean that float
/// arithmetic left just under a half (94.72499999999999 for 94.725) → 94.73.
/// The one rounding of scores: the analysis compares and ranks rounded scores,
/// and [`format_score`] prints them.
pub fn round2(x: f64) -> f64 {
    let s = format!("{x}");
    let v: f64 = s.parse().unwrap_or(x);
    (v * 100.0 + if v >= 0.0 { 1e-7 } else { -1e-7 }).round() / 100.0
}

/// Formats a whole number with commas between groups of three digits, in Thai
/// digits when `thai`: `format_number(1234567, true)` is "๑,๒๓๔,๕๖๗".
pub fn format_number(n: i64, thai: bool) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if thai {
        to_thai_digits(&grouped)
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_round_trip() {
        assert_eq!(to_thai_digits("ปี 2566 ข้อ 1.2"), "ปี ๒๕๖๖ ข้อ ๑.๒");
        assert_eq!(to_arabic_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert_eq!(to_arabic_digits(&to_thai_digits("a1b9")), "a1b9");
    }

    #[test]
    fn mixed_digits() {
        assert!(has_mixed_digits("๐14"));
        assert!(has_mixed_digits("๒๕66"));
        assert!(has_mixed_digits("IIT ๑.5"));
        assert!(!has_mixed_digits("ปี ๒๕๖๖ (2023)"));
        assert!(!has_mixed_digits("98.85"));
        assert!(!has_mixed_digits("๙๘.๘๕"));
    }

    #[test]
    fn parse_numbers() {
        assert_eq!(parse_number("๙๘.๘๕"), Some(98.85));
        assert_eq!(parse_number(" 98.85 "), Some(98.85));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("-๓"), Some(-3.0));
        assert_eq!(parse_number("๑,๒๓๔"), Some(1234.0));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("."), None);
        assert_eq!(parse_number("1..2"), None);
        assert_eq!(parse_number(",12"), None);
        assert_eq!(parse_number("12ก"), None);
        assert_eq!(parse_number("1e5"), None);
    }

    #[test]
    fn scores_round_on_the_decimal_value() {
        assert_eq!(format_score(98.85, true), "๙๘.๘๕");
        assert_eq!(format_score(98.85, false), "98.85");
        assert_eq!(format_score(94.865, false), "94.87");
        assert_eq!(format_score(1.005, false), "1.01");
        assert_eq!(format_score(2.675, false), "2.68");
        assert_eq!(format_score(99.995, false), "100.00");
        assert_eq!(format_score(0.0, false), "0.00");
        assert_eq!(format_score(100.0, true), "๑๐๐.๐๐");
        assert_eq!(format_score(-0.004, false), "0.00");
        assert_eq!(format_score(-0.005, false), "-0.01");
        assert_eq!(format_score(78.2949, false), "78.29");
        // A computed mean a hair under the half prints as the analysis rounds it.
        // (90.10499999999999 for 90.105; printing its shortest decimal gave 90.10).
        let mean = (90.0 + 90.21) / 2.0;
        assert_eq!(format_score(mean, false), "90.11");
        assert_eq!(round2(mean), 90.11);
        assert_eq!(format_score(f64::NAN, false), "-");
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(0, false), "0");
        assert_eq!(format_number(999, false), "999");
        assert_eq!(format_number(1000, false), "1,000");
        assert_eq!(format_number(-1234567, false), "-1,234,567");
        assert_eq!(format_number(1234567, true), "๑,๒๓๔,๕๖๗");
        assert_eq!(format_number(i64::MIN, false), "-9,223,372,036,854,775,808");
    }
}
