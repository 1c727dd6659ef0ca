//! Tera filters for Thai official documents: digits, scores, dates, years, levels.
//!
//! Every filter follows the document's digit setting (`Options::thai_digits`), so a
//! template writes `{{ x | score }}` and gets "๙๘.๘๕" or "98.85" as asked.
//!
//! | filter | input | output (Thai digits) |
//! |---|---|---|
//! | `thai_digits` | any text or number | digits converted: "ขก 73501/123" → "ขก ๗๓๕๐๑/๑๒๓" |
//! | `score` | number | two decimals: 98.85 → "๙๘.๘๕"; null → "-" |
//! | `date_full` | ISO date (CE or BE year) | "๑๑ สิงหาคม ๒๕๖๖" |
//! | `date_era` | ISO date | "๑๑ สิงหาคม พ.ศ. ๒๕๖๖" |
//! | `date_short` | ISO date | "๓๑ มี.ค. ๖๕" |
//! | `be_year` | a year (CE or BE) | "๒๕๖๖" |
//! | `num` | number | whole numbers bare, others two decimals: 85.0 → "๘๕" |
//! | `level` | a level (text or `{name}` object) | "ผ่านดีเยี่ยม", "ระดับ B" … |
//! | `pass_text` | a boolean | "ผ่าน" / "ไม่ผ่าน" |
//! | `code` | a question code or a list | "O14", "O13, O14" (never Thai digits: "o๑๔" reads as "๐๑๔") |
//! | `time_th` | "09:30" | "๙.๓๐ น." |
//! | `strip_number` | text | a leading item number removed, for list items the engine numbers itself: "(๒) ศึกษา…" → "ศึกษา…" |

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use tera::{Tera, Value};

use crate::thai;

/// Registers every filter on `tera`, converting digits when `thai_digits` is set.
pub fn register(tera: &mut Tera, thai_digits: bool) {
    let t = thai_digits;
    tera.register_filter("strip_number", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(strip_number(&plain(v)).to_string()))
    });
    tera.register_filter(
        "thai_digits",
        move |v: &Value, _: &HashMap<String, Value>| Ok(Value::String(digits(&plain(v), t))),
    );
    tera.register_filter("score", move |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(match number(v) {
            Some(x) => thai::format_score(x, t),
            None => "-".to_string(),
        }))
    });
    for (name, style) in [
        ("date_full", thai::DateStyle::Full),
        ("date_era", thai::DateStyle::FullWithEra),
        ("date_short", thai::DateStyle::Short),
    ] {
        tera.register_filter(name, move |v: &Value, _: &HashMap<String, Value>| {
            let text = plain(v);
            match parse_iso_date(&text) {
                Some(d) => Ok(Value::String(thai::format_date(d, style, t))),
                None if text.is_empty() => Ok(Value::String(String::new())),
                // A date already written in Thai: keep it, with the digits asked for.
                None => Ok(Value::String(digits(&text, t))),
            }
        });
    }
    tera.register_filter("num", move |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(match number(v) {
            Some(x) if x.fract() == 0.0 => digits(&format!("{x:.0}"), t),
            Some(x) => thai::format_score(x, t),
            None => plain(v),
        }))
    });
    tera.register_filter("be_year", move |v: &Value, _: &HashMap<String, Value>| {
        let year = number(v).map(|y| y as i32).unwrap_or(0);
        let be = if year < 2400 {
            thai::be_year(year)
        } else {
            year
        };
        Ok(Value::String(digits(&be.to_string(), t)))
    });
    tera.register_filter("level", move |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(digits(&level_text(v), t)))
    });
    tera.register_filter("pass_text", |v: &Value, _: &HashMap<String, Value>| {
        let pass = v.as_bool().unwrap_or(false);
        Ok(Value::String(
            if pass {
                "ผ่าน"
            } else {
                "ไม่ผ่าน"
            }
            .to_string(),
        ))
    });
    tera.register_filter("code", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(question_code(v)))
    });
    tera.register_filter("time_th", move |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(time_text(&plain(v), t)))
    });
}

/// Text of a value as a template would print it (strings without quotes).
pub fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A number from a JSON number or a string of Thai or Arabic digits.
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => thai::parse_number(s),
        _ => None,
    }
}

/// Converts the digits of `s` to Thai when `thai` is set, to Arabic otherwise,
/// except the digits of a question code inside the text: a Latin letter directly
/// followed by digits ("O28", "e9", "I๑๕") keeps Arabic digits, as the NACC writes
/// codes ("o๒๘" would read as the number ๐๒๘), and a lone o/e/i before the digits
/// is set upper-case ("อ้างอิงจาก o8" → "อ้างอิงจาก O8").
pub fn digits(s: &str, thai: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let is_digit = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c);
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for (k, &c) in chars.iter().enumerate() {
        if is_digit(c) {
            let keep_arabic = in_code || !thai;
            out.push_str(&if keep_arabic {
                thai::to_arabic_digits(&c.to_string())
            } else {
                thai::to_thai_digits(&c.to_string())
            });
            continue;
        }
        in_code = c.is_ascii_alphabetic() && chars.get(k + 1).is_some_and(|&d| is_digit(d));
        let alone = k == 0 || !chars[k - 1].is_ascii_alphanumeric();
        if in_code && alone && matches!(c, 'o' | 'e' | 'i') {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses "YYYY-MM-DD" (a year of 2400 or more is Buddhist era).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    if d.year() >= 2400 {
        NaiveDate::from_ymd_opt(d.year() - 543, d.month(), d.day())
    } else {
        Some(d)
    }
}

/// The display text of a level, as the body text uses it: "ระดับ B" for letter
/// grades (AA–F, up to 2565), "ระดับผ่านดี" for the named results from 2566.
pub fn level_text(v: &Value) -> String {
    let name = match v {
        Value::Object(m) => m.get("name").map(plain).unwrap_or_default(),
        other => plain(other),
    };
    let letter = !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase());
    match (name.is_empty(), letter) {
        (true, _) => String::new(),
        (false, true) => format!("ระดับ {name}"),
        (false, false) => format!("ระดับ{name}"),
    }
}

/// A question code or a list of them as the NACC prints them, upper-case letter and
/// Arabic digits whatever the digit setting: "o14" → "O14", ["o13", "o14"] →
/// "O13, O14". With Thai digits "o๑๔" would read as "๐๑๔", the very confusion seen
/// in the seeds.
fn question_code(v: &Value) -> String {
    match v {
        Value::Array(items) => items
            .iter()
            .map(question_code)
            .collect::<Vec<_>>()
            .join(", "),
        other => thai::to_arabic_digits(&plain(other)).to_uppercase(),
    }
}

/// The text without a leading item number ("1.", "๑.", "1)", "(๒)", "๑.๒") and the
/// spaces after it; text that does not start with one is returned as it is, and so is
/// a number that is the whole text or is not followed by a space ("2566 คน").
fn strip_number(s: &str) -> &str {
    let t = s.trim_start();
    let (open, rest) = match t.strip_prefix('(') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let digits_end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let (number, after) = rest.split_at(digits_end);
    if number.is_empty() || number.starts_with('.') {
        return s;
    }
    let after = if open {
        match after.strip_prefix(')') {
            Some(a) => a,
            None => return s,
        }
    } else if let Some(a) = after.strip_prefix(')') {
        a
    } else if number.contains('.') {
        after
    } else {
        return s;
    };
    let body = after.trim_start();
    if body.is_empty() || body.len() == after.len() {
        return s;
    }
    body
}

/// "09:30" → "๙.๓๐ น." (hours without a leading zero, as Thai documents write them).
fn time_text(s: &str, thai: bool) -> String {
    let s = thai::to_arabic_digits(s.trim());
    let Some((h, m)) = s.split_once([':', '.']) else {
        return digits(&s, thai);
    };
    let h: u32 = h.trim().parse().unwrap_or(0);
    digits(&format!("{h}.{} น.", m.trim()), thai)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &str, v: serde_json::Value, thai_digits: bool) -> String {
        let mut tera = Tera::default();
        register(&mut tera, thai_digits);
        tera.add_raw_template("t", t).unwrap();
        let ctx = tera::Context::from_value(serde_json::json!({ "v": v })).unwrap();
        tera.render("t", &ctx).unwrap()
    }

    #[test]
    fn strip_number_removes_only_item_numbers() {
        let f = |t: &str| render("{{ v | strip_number }}", t.into(), true);
        assert_eq!(f("๑. วิเคราะห์ผล"), "วิเคราะห์ผล");
        assert_eq!(f("(๒) ศึกษากรอบ"), "ศึกษากรอบ");
        assert_eq!(f("3) ติดตาม"), "ติดตาม");
        assert_eq!(f("๑.๒ มอบหมาย"), "มอบหมาย");
        // not item numbers: a figure in the text, a bare number, no space after
        assert_eq!(f("2566 คน"), "2566 คน");
        assert_eq!(f("๑๒"), "๑๒");
        assert_eq!(f("1.5เท่า"), "1.5เท่า");
        assert_eq!(f("(ร่าง) แผน"), "(ร่าง) แผน");
    }

    #[test]
    fn scores_keep_two_decimals_in_both_digit_sets() {
        assert_eq!(render("{{ v | score }}", 98.85.into(), true), "๙๘.๘๕");
        assert_eq!(render("{{ v | score }}", 100.into(), true), "๑๐๐.๐๐");
        assert_eq!(render("{{ v | score }}", 94.5.into(), false), "94.50");
        assert_eq!(render("{{ v | score }}", Value::Null, true), "-");
    }

    #[test]
    fn dates_in_the_three_styles() {
        let d: Value = "2023-08-11".into();
        assert_eq!(
            render("{{ v | date_full }}", d.clone(), true),
            "๑๑ สิงหาคม ๒๕๖๖"
        );
        assert_eq!(render("{{ v | date_era }}", d, true), "๑๑ สิงหาคม พ.ศ. ๒๕๖๖");
        // a Buddhist-era ISO date
        assert_eq!(
            render("{{ v | date_short }}", "2565-03-31".into(), true),
            "๓๑ มี.ค. ๖๕"
        );
        assert_eq!(
            render("{{ v | date_short }}", "2565-03-31".into(), false),
            "31 มี.ค. 65"
        );
    }

    #[test]
    fn years_levels_and_times() {
        assert_eq!(render("{{ v | be_year }}", 2023.into(), true), "๒๕๖๖");
        assert_eq!(render("{{ v | be_year }}", 2566.into(), true), "๒๕๖๖");
        assert_eq!(render("{{ v | level }}", "B".into(), true), "ระดับ B");
        assert_eq!(render("{{ v | num }}", 85.0.into(), true), "๘๕");
        assert_eq!(render("{{ v | code }}", "o14".into(), true), "O14");
        assert_eq!(
            render("{{ v | code }}", serde_json::json!(["o13", "e4"]), true),
            "O13, E4"
        );
        assert_eq!(
            render("{{ v | level }}", serde_json::json!({"name": "ผ่านดี"}), true),
            "ระดับผ่านดี"
        );
        assert_eq!(render("{{ v | time_th }}", "09:30".into(), true), "๙.๓๐ น.");
        assert_eq!(
            render("{{ v | thai_digits }}", "ขก 73501/123".into(), true),
            "ขก ๗๓๕๐๑/๑๒๓"
        );
        // question codes inside text keep the NACC's form whatever the digits
        assert_eq!(
            render(
                "{{ v | thai_digits }}",
                "(อ้างอิงจาก o8, O28 และ E๑๐) ปี 2566".into(),
                true
            ),
            "(อ้างอิงจาก O8, O28 และ E10) ปี ๒๕๖๖"
        );
        assert_eq!(
            render("{{ v | thai_digits }}", "ข้อ e9 ปี ๒๕๖๖".into(), false),
            "ข้อ E9 ปี 2566"
        );
    }
}
