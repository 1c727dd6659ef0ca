//! Reading what people type: question codes, scores, dates and Thai text.
//!
//! Each function returns the clean value and says whether it had to repair
//! anything, so that the converter can warn once per repaired field.

use chrono::NaiveDate;

/// Replaces Thai digits by Arabic ones.
pub fn arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32('0' as u32 + (c as u32 - '๐' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// True when one run of digits mixes Thai and Arabic digits ("๐14", "๒๕66").
pub fn mixed_digits(s: &str) -> bool {
    let (mut thai, mut arabic) = (false, false);
    for c in s.chars() {
        match c {
            '0'..='9' => arabic = true,
            '๐'..='๙' => thai = true,
            '.' | ',' | '/' | '-' | ':' => {}
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

/// Parses a decimal number written with Thai or Arabic digits ("๙๘.๘๕", "98.85", "100").
pub fn number(raw: &str) -> Option<Number> {
    let s = raw.trim();
    let thai = s.chars().any(|c| ('๐'..='๙').contains(&c));
    let mixed = mixed_digits(s);
    let ascii = arabic_digits(s).replace(',', "");
    let ok = !ascii.is_empty()
        && ascii
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
        && ascii.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    let value: f64 = ascii.parse().ok()?;
    value.is_finite().then_some(Number { value, thai, mixed })
}

/// Thai month names, full and abbreviated, January first.
const MONTHS: [(&str, &str); 12] = [
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
];

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

/// Parses a date: ISO "2566-08-11" / "2023-08-11", "11/08/2566", or Thai text
/// "๑๑ สิงหาคม ๒๕๖๖", "๓๑ มี.ค. ๖๕", "วันที่ ๒ สิงหาคม พ.ศ. ๒๕๖๕".
pub fn date(raw: &str) -> Option<(NaiveDate, DateForm)> {
    let s = arabic_digits(raw.trim());
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() == 3 && parts[0].len() == 4 {
        let y: i32 = parts[0].parse().ok()?;
        let m: u32 = parts[1].parse().ok()?;
        let d: u32 = parts[2].parse().ok()?;
        let form = if y >= 2400 {
            DateForm::IsoBe
        } else {
            DateForm::IsoCe
        };
        return NaiveDate::from_ymd_opt(ce_year(y), m, d).map(|x| (x, form));
    }
    let slash: Vec<&str> = s.split('/').collect();
    if slash.len() == 3 {
        let d: u32 = slash[0].trim().parse().ok()?;
        let m: u32 = slash[1].trim().parse().ok()?;
        let y: i32 = slash[2].trim().parse().ok()?;
        return NaiveDate::from_ymd_opt(ce_year(y), m, d).map(|x| (x, DateForm::Text));
    }
    // Thai text: [วันที่] D MONTH [พ.ศ.] YEAR
    let cleaned = s.replace("วันที่", " ").replace("พ.ศ.", " ");
    let mut month = None;
    let mut rest = cleaned.clone();
    for (i, (full, abbr)) in MONTHS.iter().enumerate() {
        for name in [*full, *abbr, &abbr.replace('.', "")] {
            if let Some(at) = cleaned.find(name) {
                // Prefer the longest match (full names contain no abbreviation ambiguity).
                if month.is_none() {
                    month = Some(i as u32 + 1);
                    rest = format!("{} {}", &cleaned[..at], &cleaned[at + name.len()..]);
                }
            }
        }
    }
    let month = month?;
    let nums: Vec<&str> = rest.split_whitespace().collect();
    if nums.len() != 2 {
        return None;
    }
    let d: u32 = nums[0].parse().ok()?;
    let y: i32 = nums[1].parse().ok()?;
    NaiveDate::from_ymd_opt(ce_year(y), month, d).map(|x| (x, DateForm::Text))
}

/// Thai text after repair, and what was repaired (English words, for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The repaired text.
    pub text: String,
    /// Kinds of repair made, e.g. "zero-width", "sara-am", "space-before-mark".
    pub repairs: Vec<&'static str>,
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Repairs decomposed สระอำ (นิคหิต + สระอา, tone marks kept before it), removes
/// zero-width characters and stray spaces before combining marks, and trims the ends.
pub fn text(raw: &str) -> Text {
    let mut repairs = Vec::new();
    let mut out: Vec<char> = Vec::with_capacity(raw.len());
    for c in raw.chars() {
        if matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        ) {
            if !repairs.contains(&"zero-width") {
                repairs.push("zero-width");
            }
            continue;
        }
        if is_mark(c) {
            let mut removed = false;
            while out.last() == Some(&' ') && out.len() >= 2 && out[out.len() - 2] != ' ' {
                out.pop();
                removed = true;
            }
            if removed && !repairs.contains(&"space-before-mark") {
                repairs.push("space-before-mark");
            }
        }
        if c == '\u{0E32}' && out.last() == Some(&'\u{0E4D}') {
            out.pop();
            out.push('\u{0E33}');
            if !repairs.contains(&"sara-am") {
                repairs.push("sara-am");
            }
            continue;
        }
        if c == '\u{0E32}'
            && out.len() >= 2
            && out[out.len() - 2] == '\u{0E4D}'
            && matches!(out[out.len() - 1], '\u{0E48}'..='\u{0E4B}')
        {
            // นิคหิต, tone mark, สระอา → tone mark, สระอำ
            let tone = out.pop().unwrap_or(' ');
            out.pop();
            out.push(tone);
            out.push('\u{0E33}');
            if !repairs.contains(&"sara-am") {
                repairs.push("sara-am");
            }
            continue;
        }
        out.push(c);
    }
    let text: String = out.into_iter().collect();
    let trimmed = text.trim().to_string();
    Text {
        text: trimmed,
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
        let t = text("ทํางาน\u{200B}ดี");
        assert_eq!(t.text, "ทำงานดี");
        assert_eq!(t.repairs, vec!["sara-am", "zero-width"]);
        assert_eq!(text("น ้ำ").text, "น้ำ");
        assert_eq!(text("นํ้า").text, "น้ำ");
        assert!(text("ปกติ").repairs.is_empty());
    }
}
