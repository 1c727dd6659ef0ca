//! Free text: numbering styles within a list, mixed digits, foreign script,
//! common misspellings, and an announcement cited with a date in another year.

use super::dates::fiscal_year_of;
use super::Out;
use super::{Code, Severity};

/// Common misspellings in ITA documents and their correct forms.
const TYPOS: [(&str, &str); 6] = [
    ("โปร่งใส่", "โปร่งใส"),
    ("ทรัพย์สิน์", "ทรัพย์สิน"),
    ("ประสิทธิ์ภาพ", "ประสิทธิภาพ"),
    ("อนุญาติ", "อนุญาต"),
    ("บริหารส่วนตําบล", "บริหารส่วนตำบล"),
    ("เจตนาธรรมเนียม", "เจตนารมณ์"),
];

fn numbering_style(s: &str) -> Option<&'static str> {
    let t = s.trim_start();
    let digits = |x: &str| {
        x.chars()
            .take_while(|c| c.is_ascii_digit() || ('๐'..='๙').contains(c))
            .count()
    };
    if let Some(rest) = t.strip_prefix('(') {
        let n = digits(rest);
        if n > 0 && rest.chars().nth(n) == Some(')') {
            return Some("(n)");
        }
    }
    let n = digits(t);
    match t.chars().nth(n) {
        Some('.')
            if n > 0
                && !t
                    .chars()
                    .nth(n + 1)
                    .is_some_and(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c)) =>
        {
            Some("n.")
        }
        Some(')') if n > 0 => Some("n)"),
        _ => None,
    }
}

pub(super) fn text_checks(out: &mut Out) {
    let texts = out.loaded.spans.texts.clone();
    // Numbering styles within one list (paths "x.y.N").
    let mut lists: std::collections::BTreeMap<String, Vec<(String, &'static str)>> =
        Default::default();
    for (path, text) in &texts {
        if let Some((parent, last)) = path.rsplit_once('.') {
            if last.parse::<usize>().is_ok() {
                if let Some(style) = numbering_style(text) {
                    lists
                        .entry(parent.to_string())
                        .or_default()
                        .push((path.clone(), style));
                }
            }
        }
    }
    for (parent, items) in lists {
        if let Some((path, style)) = items.iter().find(|(_, s)| *s != items[0].1) {
            out.add(
                Severity::Warning,
                Code::NumberingStyle,
                path,
                format!(
                    "{parent}: เลขลำดับเปลี่ยนรูปแบบจาก \"{}\" เป็น \"{style}\"",
                    items[0].1
                ),
                format!(
                    "{parent}: the item numbering changes style from \"{}\" to \"{style}\"",
                    items[0].1
                ),
            );
        }
    }
    for (path, text) in &texts {
        if crate::model::mixed_digits(text) {
            out.add(
                Severity::Warning,
                Code::MixedDigits,
                path,
                format!("{path}: มีตัวเลขที่ปนเลขไทยกับเลขอารบิก"),
                format!("{path}: a number mixes Thai and Arabic digits"),
            );
        }
        let thai = text.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c));
        if thai {
            if let Some(c) = text.chars().find(|c| {
                ('\u{0600}'..='\u{06FF}').contains(c) || ('\u{0750}'..='\u{077F}').contains(c)
            }) {
                out.add(
                    Severity::Warning,
                    Code::ForeignScript,
                    path,
                    format!("{path}: มีอักษรอาหรับ \"{c}\" ปนในข้อความภาษาไทย"),
                    format!("{path}: Arabic letter \"{c}\" inside Thai text"),
                );
            }
        }
        for (wrong, right) in TYPOS {
            if text.contains(wrong) {
                out.add(
                    Severity::Info,
                    Code::Typo,
                    path,
                    format!("{path}: \"{wrong}\" น่าจะเป็น \"{right}\""),
                    format!("{path}: \"{wrong}\" should probably be \"{right}\""),
                );
            }
        }
        announcement_year(out, path, text);
    }
}

/// A text citing the announcement of results "ปีงบประมาณ พ.ศ. X … ลงวันที่ <date>"
/// where the date falls in another fiscal year than X (seed 000 cites the 2565
/// announcement, dated in fiscal 2566, for its 2566 results).
fn announcement_year(out: &mut Out, path: &str, text: &str) {
    if !(text.contains("ประกาศ") && text.contains("ลงวันที่")) {
        return;
    }
    let arabic = crate::thai::to_arabic_digits(text);
    let mut at = 0;
    while let Some(i) = arabic[at..].find("ปีงบประมาณ") {
        let start = at + i;
        let rest = &arabic[start + "ปีงบประมาณ".len()..];
        let rest_trim = rest.trim_start().trim_start_matches("พ.ศ.").trim_start();
        let year: String = rest_trim.chars().take_while(char::is_ascii_digit).collect();
        at = start + "ปีงบประมาณ".len();
        let Ok(fy) = year.parse::<i32>() else {
            continue;
        };
        let Some(j) = rest.find("ลงวันที่") else {
            continue;
        };
        // Only when "ลงวันที่" follows within the same clause (before the next ปีงบประมาณ).
        if rest[..j].contains("ปีงบประมาณ") {
            continue;
        }
        let after = &rest[j + "ลงวันที่".len()..];
        let words: Vec<&str> = after.split_whitespace().take(4).collect();
        let parsed = (2..=words.len())
            .rev()
            .find_map(|n| crate::model::parse_date(&words[..n].join(" ")));
        if let Some(d) = parsed {
            let dfy = fiscal_year_of(d);
            if dfy != fy && (2400..2800).contains(&fy) {
                out.add(
                    Severity::Warning,
                    Code::AnnouncementYear,
                    path,
                    format!(
                        "{path}: อ้างประกาศผลการประเมินปีงบประมาณ {fy} ลงวันที่ในปีงบประมาณ {dfy} (ปีไม่ตรงกัน)"
                    ),
                    format!(
                        "{path}: cites the announcement of the {fy} results dated in fiscal year {dfy} (years disagree)"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(numbering_style("๑. วิเคราะห์"), Some("n."));
        assert_eq!(numbering_style("(๒) ศึกษา"), Some("(n)"));
        assert_eq!(numbering_style("๙๘.๘๕ คะแนน"), None);
        assert_eq!(numbering_style("ข้อความ"), None);
    }
}
