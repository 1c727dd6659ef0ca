//! Thai sentences the analysis writes (our own wording) and the small
//! formatting helpers they need.

use super::{IndicatorView, QuestionView};
use crate::model::IndicatorText;

/// Thai digits for Arabic ones when `thai`.
pub fn digits(s: &str, thai: bool) -> String {
    if thai {
        crate::thai::to_thai_digits(s)
    } else {
        s.to_string()
    }
}

/// A score with two decimals ("98.85" / "๙๘.๘๕"), rounded on its decimal value.
pub fn fmt_score(x: f64, thai: bool) -> String {
    crate::thai::format_score(x, thai)
}

/// "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ตัวชี้วัดที่ ๒ … และตัวชี้วัดที่ ๕ …".
pub fn list_indicators(nos: &[u8], indicators: &[IndicatorView]) -> String {
    let items: Vec<String> = nos
        .iter()
        .filter_map(|n| indicators.iter().find(|i| i.no == *n))
        .map(|i| format!("ตัวชี้วัดที่ {} {}", digits(&i.no.to_string(), true), i.name))
        .collect();
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} และ{}", items[..n - 1].join(" "), items[n - 1]),
    }
}

/// Fills the year placeholders of a library or user text: `{year}` (the assessed
/// fiscal year), `{prev_year}` and `{next_year}`, Buddhist era in Arabic digits (the
/// templates' `thai_digits` filter converts them with the rest of the text).
pub fn fill_years(template: &str, year: u16) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    template
        .replace("{year}", &year.to_string())
        .replace("{prev_year}", &(year - 1).to_string())
        .replace("{next_year}", &(year + 1).to_string())
}

/// Fills every placeholder of a tool sentence: the years, `{keep_list}` and `{improve_list}`.
pub fn fill(template: &str, year: u16, keep_list: &str, improve_list: &str) -> String {
    fill_years(template, year)
        .replace("{keep_list}", keep_list)
        .replace("{improve_list}", improve_list)
}

/// A recommendation as one sentence: "ประเด็น <finding> ดังนั้น หน่วยงานควร<action>",
/// or the part that is given ("หน่วยงานควร<action>" alone when there is no finding).
pub fn recommendation_sentence(finding: Option<&str>, action: Option<&str>) -> Option<String> {
    match (finding, action) {
        (Some(f), Some(a)) => Some(format!("ประเด็น {f} ดังนั้น หน่วยงานควร{a}")),
        (None, Some(a)) => Some(format!("หน่วยงานควร{a}")),
        (Some(f), None) => Some(format!("ประเด็น {f}")),
        (None, None) => None,
    }
}

/// "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)".
pub fn default_period(fiscal_year: u16, thai: bool) -> String {
    digits(&format!("ไตรมาส 1-4 (ปีงบประมาณ พ.ศ. {fiscal_year})"), thai)
}

/// Our paragraph on one indicator: its score against the threshold, the
/// questions below it, and what to keep or to improve.
#[allow(clippy::too_many_arguments)]
pub fn indicator_summary(
    no: u8,
    name: &str,
    score: f64,
    threshold: f64,
    below: bool,
    texts: &IndicatorText,
    questions: &[QuestionView],
    thai: bool,
) -> String {
    let n = digits(&no.to_string(), thai);
    let s = fmt_score(score, thai);
    let t = digits(&format!("{threshold}"), thai);
    let mut out = if below {
        format!("ตัวชี้วัดที่ {n} {name} ได้ {s} คะแนน ต่ำกว่าเกณฑ์ {t} คะแนน")
    } else {
        format!("ตัวชี้วัดที่ {n} {name} ได้ {s} คะแนน ผ่านเกณฑ์ {t} คะแนน")
    };
    if !below {
        if let Some(k) = &texts.keep {
            out.push(' ');
            out.push_str(k);
        }
    }
    let low: Vec<&QuestionView> = questions.iter().filter(|q| q.below_threshold).collect();
    let label = |q: &QuestionView| -> String {
        let mut parts = Vec::new();
        for (name, v) in [("EIT Public", q.public), ("EIT Survey", q.survey)] {
            if let Some(v) = v.filter(|v| super::round2(*v) < threshold) {
                parts.push(format!("{name} {}", fmt_score(v, thai)));
            }
        }
        match (parts.is_empty(), q.score) {
            (false, _) => format!("{} ({})", q.code, parts.join(", ")),
            (true, Some(v)) => format!("{} ({})", q.code, fmt_score(v, thai)),
            (true, None) => q.code.clone(),
        }
    };
    if !low.is_empty() {
        let names: Vec<String> = low.iter().map(|q| label(q)).collect();
        let list = match names.len() {
            1 => names[0].clone(),
            n => format!("{} และ {}", names[..n - 1].join(" "), names[n - 1]),
        };
        out.push_str(&format!(
            " {}ข้อคำถามที่ได้คะแนนต่ำกว่าเกณฑ์ ได้แก่ {list}",
            if below {
                "โดยมี"
            } else {
                "ทั้งนี้ มี"
            }
        ));
        for q in &low {
            if let Some(r) = &q.recommendation {
                if let (Some(f), Some(a)) = (&r.finding, &r.action) {
                    out.push_str(&format!(" ประเด็น {f} ดังนั้น หน่วยงานควร{a}"));
                }
            }
        }
    }
    if below {
        if let Some(f) = &texts.finding {
            out.push_str(&format!(" ประเด็น {f}"));
        }
        if let Some(a) = &texts.action {
            out.push_str(&format!(" ดังนั้น หน่วยงานควร{a}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_score(98.855, true), "๙๘.๘๖");
        assert_eq!(fmt_score(100.0, false), "100.00");
        assert_eq!(
            default_period(2569, true),
            "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)"
        );
        assert_eq!(fill("ปี {next_year}", 2568, "", ""), "ปี 2569");
        assert_eq!(
            fill_years("{prev_year} {year} {next_year} {keep_list}", 2568),
            "2567 2568 2569 {keep_list}"
        );
        assert_eq!(
            recommendation_sentence(Some("ยังไม่เผยแพร่"), Some("เผยแพร่")).as_deref(),
            Some("ประเด็น ยังไม่เผยแพร่ ดังนั้น หน่วยงานควรเผยแพร่")
        );
        assert_eq!(
            recommendation_sentence(None, Some("เผยแพร่")).as_deref(),
            Some("หน่วยงานควรเผยแพร่")
        );
    }
}
