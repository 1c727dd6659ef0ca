//! Reading what people type: question codes, scores, dates and Thai text.
//!
//! Each function returns the clean value and says whether it had to repair
//! anything, so that the converter can warn once per repaired field.

use chrono::NaiveDate;

/// Replaces Thai digits by Arabic ones ([`crate::thai::to_arabic_digits`]).
pub fn arabic_digits(s: &str) -> String {
    crate::thai::to_arabic_digits(s)
}

/// True when one run of digits mixes Thai and Arabic digits ("๐14", "๒๕66"),
/// as [`crate::thai::has_mixed_digits`] decides.
pub fn mixed_digits(s: &str) -> bool {
    crate::thai::has_mixed_digits(s)
}

/// A question code read from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// Normalised: a lowercase tool letter (i, e, o) and a number without leading zeros.
    pub code: String,
    /// True when the written form was not already the normalised one.
    pub repaired: bool,
}

/// Normalises a question code: "๐๑๔" and "๐14" (a Thai zero for the letter o) → o14,
/// "E๔" → e4, "i๑" → i1, "O 25" → o25. `None` when it cannot be a code.
pub fn question_code(raw: &str) -> Option<Code> {
    let trimmed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let mut chars = trimmed.chars();
    let first = chars.next()?;
    let letter = match first {
        'i' | 'I' => 'i',
        'e' | 'E' => 'e',
        'o' | 'O' | '๐' | '0' => 'o',
        _ => return None,
    };
    let rest: String = chars.collect();
    // "๐" or "0" as the letter only when digits follow.
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
    {
        return None;
    }
    let digits = arabic_digits(&rest);
    let number: u32 = digits.trim_start_matches('0').parse().ok()?;
    if number == 0 || number > 999 {
        return None;
    }
    let code = format!("{letter}{number}");
    Some(Code {
        repaired: code != raw,
        code,
    })
}

/// A number read from the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// Its value.
    pub value: f64,
    /// True when it was written with Thai digits.
    pub thai: bool,
    /// True when Thai and Arabic digits are mixed inside it.
    pub mixed: bool,
}

/// Parses a decimal number written with Thai or Arabic digits ("๙๘.๘๕", "98.85",
/// "1,234.5"), through [`crate::thai::parse_number`]; infinities are refused.
pub fn number(raw: &str) -> Option<Number> {
    let s = raw.trim();
    let value = crate::thai::parse_number(s)?;
    value.is_finite().then(|| Number {
        value,
        thai: s.chars().any(|c| ('๐'..='๙').contains(&c)),
        mixed: crate::thai::has_mixed_digits(s),
    })
}

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// Year-month-day with a Christian-era year.
    IsoCe,
    /// Year-month-day with a Buddhist-era year (2400 or more).
    IsoBe,
    /// Thai text ("๑๑ สิงหาคม ๒๕๖๖", "๓๑ มี.ค. ๖๕") or day/month/year.
    Text,
}

/// A year of 2400 or more is Buddhist era; a two-digit year is Buddhist era 25xx.
fn ce_year(y: i32) -> i32 {
    if y >= 2400 {
        y - 543
    } else if y < 100 {
        2500 + y - 543
    } else {
        y
    }
}

/// Parses a date: ISO "2566-08-11" / "2023-08-11" and Thai text "๑๑ สิงหาคม ๒๕๖๖",
/// "๓๑ มี.ค. ๖๕" (through [`crate::thai::parse_date`]), or "11/08/2566".
pub fn date(raw: &str) -> Option<(NaiveDate, DateForm)> {
    let s = arabic_digits(raw.trim());
    if let Ok(d) = crate::thai::parse_date(raw) {
        let iso_year = s
            .split('-')
            .next()
            .filter(|y| y.len() == 4 && s.matches('-').count() == 2);
        let form = match iso_year.and_then(|y| y.parse::<i32>().ok()) {
            Some(y) if y >= 2400 => DateForm::IsoBe,
            Some(_) => DateForm::IsoCe,
            None => DateForm::Text,
        };
        return Some((d, form));
    }
    let slash: Vec<&str> = s.split('/').collect();
    if slash.len() == 3 {
        let d: u32 = slash[0].trim().parse().ok()?;
        let m: u32 = slash[1].trim().parse().ok()?;
        let y: i32 = slash[2].trim().parse().ok()?;
        return NaiveDate::from_ymd_opt(ce_year(y), m, d).map(|x| (x, DateForm::Text));
    }
    None
}

/// Thai text after repair, and the kinds of repair made (each kind once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The repaired text, trimmed.
    pub text: String,
    /// Kinds of repair made, in order of first occurrence.
    pub repairs: Vec<crate::thai::RepairKind>,
}

/// Repairs Thai text with [`crate::thai::normalise`] (สระอำ, zero-width
/// characters, spaces before marks, mark order, doubled marks) and trims it.
pub fn text(raw: &str) -> Text {
    let n = crate::thai::normalise(raw);
    let mut repairs = Vec::new();
    for r in n.repairs {
        if !repairs.contains(&r.kind) {
            repairs.push(r.kind);
        }
    }
    Text {
        text: n.text.trim().to_string(),
        repairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        for (raw, want) in [
            ("๐๑๔", "o14"),
            ("๐14", "o14"),
            ("E๔", "e4"),
            ("i๑", "i1"),
            ("o14", "o14"),
            ("O25", "o25"),
        ] {
            assert_eq!(question_code(raw).unwrap().code, want, "{raw}");
        }
        assert!(!question_code("o14").unwrap().repaired);
        assert!(question_code("๐14").unwrap().repaired);
        assert!(question_code("x1").is_none());
        assert!(question_code("o").is_none());
        assert!(question_code("o0").is_none());
    }

    #[test]
    fn numbers() {
        let n = number("๙๘.๘๕").unwrap();
        assert_eq!(n.value, 98.85);
        assert!(n.thai && !n.mixed);
        assert!(number("๙8.85").unwrap().mixed);
        assert!(number("abc").is_none());
        assert!(number("").is_none());
        assert!(number("1e400").is_none());
    }

    #[test]
    fn dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(
            date("2566-08-11").unwrap(),
            (d(2023, 8, 11), DateForm::IsoBe)
        );
        assert_eq!(
            date("2023-08-11").unwrap(),
            (d(2023, 8, 11), DateForm::IsoCe)
        );
        assert_eq!(date("๑๑ สิงหาคม ๒๕๖๖").unwrap().0, d(2023, 8, 11));
        assert_eq!(date("๓๑ มี.ค. ๖๕").unwrap().0, d(2022, 3, 31));
        assert_eq!(date("๒ สิงหาคม พ.ศ. ๒๕๖๕").unwrap().0, d(2022, 8, 2));
        assert!(date("31 กุมภาพันธ์ 2566").is_none());
        assert!(date("tomorrow").is_none());
    }

    #[test]
    fn text_repairs() {
        let t = text("ทํางาน\u{200B}ดี ");
        assert_eq!(t.text, "ทำงานดี");
        assert_eq!(t.repairs.len(), 2);
        assert_eq!(text("น ้ำ").text, "น้ำ");
        assert!(text("ปกติ").repairs.is_empty());
    }
}
