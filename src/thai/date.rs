//! Dates the Thai way: Buddhist-era years, fiscal years, and dates written as
//! "๑๑ สิงหาคม ๒๕๖๖", "๒ สิงหาคม พ.ศ. ๒๕๖๕" or "๓๑ มี.ค. ๖๕".

use chrono::{Datelike, NaiveDate};
use std::fmt;

use super::digits::{to_arabic_digits, to_thai_digits};

/// Years between the Christian era and the Buddhist era (พ.ศ. = ค.ศ. + 543).
const BE_OFFSET: i32 = 543;

/// Four-digit years from this value on are read as Buddhist-era years.
const FIRST_BE_YEAR: i32 = 2400;

/// Full Thai month names, January first.
const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Abbreviated Thai month names, January first.
const MONTHS_ABBR: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// How [`format_date`] writes a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// Day, full month, Buddhist-era year: "๑๑ สิงหาคม ๒๕๖๖" (memo date line).
    Full,
    /// As [`DateStyle::Full`] with the era written out: "๒ สิงหาคม พ.ศ. ๒๕๖๕" (announcements).
    FullWithEra,
    /// Day, abbreviated month, two-digit Buddhist-era year: "๓๑ มี.ค. ๖๕" (tables).
    Short,
}

/// The Buddhist-era year of a Christian-era year: 2023 → 2566.
pub fn be_year(ce: i32) -> i32 {
    ce + BE_OFFSET
}

/// The Christian-era year of a Buddhist-era year: 2566 → 2023.
pub fn ce_year(be: i32) -> i32 {
    be - BE_OFFSET
}

/// The Thai name of month `m` (1 = January), full ("สิงหาคม") or abbreviated
/// ("ส.ค."). Months outside 1..=12 give an empty string.
pub fn month_name(m: u32, abbreviated: bool) -> &'static str {
    let table = if abbreviated { &MONTHS_ABBR } else { &MONTHS };
    match m {
        1..=12 => table[m as usize - 1],
        _ => "",
    }
}

/// Writes `d` in the given style, with Thai digits when `thai`.
pub fn format_date(d: NaiveDate, style: DateStyle, thai: bool) -> String {
    let be = be_year(d.year());
    let text = match style {
        DateStyle::Full => format!("{} {} {}", d.day(), month_name(d.month(), false), be),
        DateStyle::FullWithEra => {
            format!("{} {} พ.ศ. {}", d.day(), month_name(d.month(), false), be)
        }
        DateStyle::Short => format!(
            "{} {} {:02}",
            d.day(),
            month_name(d.month(), true),
            be.rem_euclid(100)
        ),
    };
    if thai {
        to_thai_digits(&text)
    } else {
        text
    }
}

/// The Buddhist-era fiscal year that `d` falls in: fiscal year N runs from
/// 1 October of (N - 1) to 30 September of N. 11 August 2023 → 2566;
/// 1 October 2023 → 2567.
pub fn fiscal_year_of(d: NaiveDate) -> i32 {
    let ce = if d.month() >= 10 {
        d.year() + 1
    } else {
        d.year()
    };
    be_year(ce)
}

/// First and last day of Buddhist-era fiscal year `be`: 2566 → (2022-10-01, 2023-09-30).
pub fn fiscal_year_range(be: i32) -> (NaiveDate, NaiveDate) {
    let ce = ce_year(be);
    let first = NaiveDate::from_ymd_opt(ce - 1, 10, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(ce, 9, 30).unwrap_or(NaiveDate::MAX);
    (first, last)
}

/// Why a date could not be read. Each kind has a Thai ([`DateError::thai`]) and
/// an English ([`DateError::english`]) message; `Display` gives the English one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The text that was given.
    pub input: String,
    /// What is wrong with it.
    pub kind: DateErrorKind,
}

/// The kinds of [`DateError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateErrorKind {
    /// Neither "YYYY-MM-DD" nor "day month year".
    Unrecognised,
    /// The month is not a Thai month name or abbreviation, nor 1..12.
    UnknownMonth,
    /// Day, month and year do not make a real date (e.g. 31 February).
    NoSuchDay,
}

impl DateError {
    fn new(input: &str, kind: DateErrorKind) -> DateError {
        DateError {
            input: input.to_string(),
            kind,
        }
    }

    /// The message in Thai.
    pub fn thai(&self) -> String {
        let what = match self.kind {
            DateErrorKind::Unrecognised => "อ่านวันที่ไม่ได้ ใช้รูปแบบ ปปปป-ดด-วว หรือ \"๑๑ สิงหาคม ๒๕๖๖\"",
            DateErrorKind::UnknownMonth => "ไม่รู้จักชื่อเดือน",
            DateErrorKind::NoSuchDay => "ไม่มีวันที่นี้ในปฏิทิน",
        };
        format!("{what}: \"{}\"", self.input)
    }

    /// The message in English.
    pub fn english(&self) -> String {
        let what = match self.kind {
            DateErrorKind::Unrecognised => {
                "unrecognised date; write YYYY-MM-DD or \"11 สิงหาคม 2566\""
            }
            DateErrorKind::UnknownMonth => "unknown month name",
            DateErrorKind::NoSuchDay => "no such day in the calendar",
        };
        format!("{what}: \"{}\"", self.input)
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl std::error::Error for DateError {}

/// Reads a date written as ISO "2566-08-11" / "2023-08-11" (a year of 2400 or
/// more is Buddhist era, otherwise Christian era) or as Thai text: "๑๑ สิงหาคม ๒๕๖๖",
/// "11 ส.ค. 66", "๒ สิงหาคม พ.ศ. ๒๕๖๕", "วันที่ ๑ ต.ค. ๒๕๖๕". Either digit set works.
/// A two-digit year is Buddhist era (66 → 2566); a year after "ค.ศ." is Christian era.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let ascii = to_arabic_digits(s.trim());
    if let Some(iso) = parse_iso(&ascii) {
        return iso.ok_or_else(|| DateError::new(s, DateErrorKind::NoSuchDay));
    }
    parse_text(s, &ascii)
}

/// "YYYY-MM-DD": `None` when it is not that shape, `Some(None)` when it is but
/// names no real day.
fn parse_iso(ascii: &str) -> Option<Option<NaiveDate>> {
    let mut parts = ascii.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let shape_ok = parts.next().is_none()
        && y.len() == 4
        && (1..=2).contains(&m.len())
        && (1..=2).contains(&d.len())
        && [y, m, d]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let ce = if year >= FIRST_BE_YEAR {
        ce_year(year)
    } else {
        year
    };
    Some(NaiveDate::from_ymd_opt(
        ce,
        m.parse().ok()?,
        d.parse().ok()?,
    ))
}

/// "day month [พ.ศ.|ค.ศ.] year" in Thai, with any white space between the parts.
fn parse_text(original: &str, ascii: &str) -> Result<NaiveDate, DateError> {
    let unrecognised = || DateError::new(original, DateErrorKind::Unrecognised);
    let mut rest = ascii.trim();
    rest = rest.strip_prefix("วันที่").unwrap_or(rest).trim_start();

    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if day_len == 0 || day_len > 2 {
        return Err(unrecognised());
    }
    let day: u32 = rest[..day_len].parse().map_err(|_| unrecognised())?;
    rest = rest[day_len..].trim_start();

    let month_len = rest
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_ascii_digit())
        .map_or(rest.len(), |(i, _)| i);
    let month_word = &rest[..month_len];
    rest = rest[month_len..].trim_start();
    let month = month_number(month_word)
        .ok_or_else(|| DateError::new(original, DateErrorKind::UnknownMonth))?;

    // The era may be glued to the month ("ส.ค.พ.ศ.") only if the month was
    // abbreviated; handle the usual separate-word forms.
    let mut christian = false;
    for (era, is_ce) in [
        ("พ.ศ.", false),
        ("พ.ศ", false),
        ("ค.ศ.", true),
        ("ค.ศ", true),
    ] {
        if let Some(r) = rest.strip_prefix(era) {
            rest = r.trim_start();
            christian = is_ce;
            break;
        }
    }
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unrecognised());
    }
    let year: i32 = rest.parse().map_err(|_| unrecognised())?;
    let ce = match rest.len() {
        2 if !christian => ce_year(2500 + year),
        4 if christian || year < FIRST_BE_YEAR => year,
        4 => ce_year(year),
        _ => return Err(unrecognised()),
    };
    NaiveDate::from_ymd_opt(ce, month, day)
        .ok_or_else(|| DateError::new(original, DateErrorKind::NoSuchDay))
}

/// The number (1..=12) of a Thai month name, abbreviation (with or without its
/// dots) or a plain month number.
fn month_number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let undotted: String = word.chars().filter(|&c| c != '.').collect();
    (0..12)
        .find(|&i| {
            MONTHS[i] == word
                || MONTHS_ABBR[i] == word
                || MONTHS_ABBR[i].replace('.', "") == undotted
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn years() {
        assert_eq!(be_year(2023), 2566);
        assert_eq!(ce_year(2566), 2023);
    }

    #[test]
    fn formats() {
        let d = ymd(2023, 8, 11);
        assert_eq!(format_date(d, DateStyle::Full, true), "๑๑ สิงหาคม ๒๕๖๖");
        assert_eq!(format_date(d, DateStyle::Full, false), "11 สิงหาคม 2566");
        assert_eq!(
            format_date(ymd(2022, 8, 2), DateStyle::FullWithEra, true),
            "๒ สิงหาคม พ.ศ. ๒๕๖๕"
        );
        assert_eq!(
            format_date(ymd(2022, 3, 31), DateStyle::Short, true),
            "๓๑ มี.ค. ๖๕"
        );
        assert_eq!(
            format_date(ymd(2043, 1, 5), DateStyle::Short, false),
            "5 ม.ค. 86"
        );
        assert_eq!(
            format_date(ymd(2057, 1, 5), DateStyle::Short, false),
            "5 ม.ค. 00"
        );
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1, false), "มกราคม");
        assert_eq!(month_name(12, true), "ธ.ค.");
        assert_eq!(month_name(0, true), "");
        assert_eq!(month_name(13, false), "");
        for m in 1..=12 {
            assert_eq!(month_number(month_name(m, false)), Some(m));
            assert_eq!(month_number(month_name(m, true)), Some(m));
        }
    }

    #[test]
    fn parses() {
        assert_eq!(parse_date("2566-08-11"), Ok(ymd(2023, 8, 11)));
        assert_eq!(parse_date("2023-08-11"), Ok(ymd(2023, 8, 11)));
        assert_eq!(parse_date("๒๕๖๖-๐๘-๑๑"), Ok(ymd(2023, 8, 11)));
        assert_eq!(parse_date("๑๑ สิงหาคม ๒๕๖๖"), Ok(ymd(2023, 8, 11)));
        assert_eq!(parse_date("11 ส.ค. 66"), Ok(ymd(2023, 8, 11)));
        assert_eq!(parse_date("๒ สิงหาคม พ.ศ. ๒๕๖๕"), Ok(ymd(2022, 8, 2)));
        assert_eq!(parse_date("๓๑ มี.ค. ๖๕"), Ok(ymd(2022, 3, 31)));
        assert_eq!(parse_date("วันที่ ๑ ต.ค. ๒๕๖๕"), Ok(ymd(2022, 10, 1)));
        assert_eq!(parse_date("1 ตค 2565"), Ok(ymd(2022, 10, 1)));
        assert_eq!(parse_date("5 มกราคม ค.ศ. 2024"), Ok(ymd(2024, 1, 5)));
        assert_eq!(parse_date("  ๒ สิงหาคม พ.ศ.๒๕๖๕ "), Ok(ymd(2022, 8, 2)));
    }

    #[test]
    fn parse_errors_say_why_in_both_languages() {
        let e = parse_date("๓๑ กุมภาพันธ์ ๒๕๖๖").unwrap_err();
        assert_eq!(e.kind, DateErrorKind::NoSuchDay);
        assert!(e.thai().contains("ไม่มีวันที่นี้"));
        assert!(e.english().contains("no such day"));
        assert_eq!(
            parse_date("2566-02-30").unwrap_err().kind,
            DateErrorKind::NoSuchDay
        );
        assert_eq!(
            parse_date("๑ ฟฟฟ ๒๕๖๖").unwrap_err().kind,
            DateErrorKind::UnknownMonth
        );
        assert_eq!(
            parse_date("tomorrow").unwrap_err().kind,
            DateErrorKind::Unrecognised
        );
        assert_eq!(
            parse_date("1 ม.ค. 123").unwrap_err().kind,
            DateErrorKind::Unrecognised
        );
        assert_eq!(
            parse_date("").unwrap_err().kind,
            DateErrorKind::Unrecognised
        );
        assert!(parse_date("x")
            .unwrap_err()
            .to_string()
            .contains("unrecognised"));
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(fiscal_year_of(ymd(2023, 8, 11)), 2566);
        assert_eq!(fiscal_year_of(ymd(2023, 9, 30)), 2566);
        assert_eq!(fiscal_year_of(ymd(2023, 10, 1)), 2567);
        assert_eq!(
            fiscal_year_range(2566),
            (ymd(2022, 10, 1), ymd(2023, 9, 30))
        );
        let (a, b) = fiscal_year_range(2568);
        assert_eq!(fiscal_year_of(a), 2568);
        assert_eq!(fiscal_year_of(b), 2568);
        assert_eq!(fiscal_year_of(a.pred_opt().unwrap()), 2567);
    }
}
