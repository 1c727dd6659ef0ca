//! The agency: other agencies named in free text (or the agency's own name
//! misspelt), and the province and district against the list of places and
//! against the places free text names.

use super::Out;
use super::{Code, Severity};
use crate::analysis::places;
use crate::model::Input;
use crate::thai::names;

/// Words that follow a prefix without being a name ("ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่").
const NOT_NAMES: [&str; 14] = [
    "ปฏิบัติ",
    "ได้",
    "ที่",
    "ของ",
    "และ",
    "ใน",
    "ซึ่ง",
    "มี",
    "เป็น",
    "จึง",
    "ทุก",
    "แห่ง",
    "นั้น",
    "ดังกล่าว",
];

/// Names of organisations mentioned in `text`: (the name after the prefix).
fn mentioned_orgs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(p) = names::agency_prefixes()
            .iter()
            .find(|p| rest.starts_with(**p))
        else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        };
        let after = &rest[p.len()..];
        let spaced = after.starts_with(' ');
        let name: String = after
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !",;:()\"'/".contains(*c))
            .collect();
        let name = name.split("อำเภอ").next().unwrap_or("").to_string();
        let name = name.split("จังหวัด").next().unwrap_or("").to_string();
        let not_a_name = spaced && NOT_NAMES.iter().any(|w| name.starts_with(w));
        if !name.is_empty() && !not_a_name {
            out.push(name);
        }
        i += p.len();
    }
    out
}

pub(super) fn names_in_text(out: &mut Out, input: &Input) {
    let own = names::strip_agency_prefix(&input.agency.name).to_string();
    if own.is_empty() {
        return;
    }
    let texts = out.loaded.spans.texts.clone();
    for (path, text) in texts {
        if path == "agency.name" {
            continue;
        }
        for name in mentioned_orgs(&text) {
            if name.starts_with(&own) {
                continue;
            }
            let typo = own.starts_with(&name) && own.chars().count() - name.chars().count() <= 2;
            if typo {
                out.add(
                    Severity::Info,
                    Code::AgencyNameTypo,
                    &path,
                    format!("{path}: ชื่อหน่วยงาน \"{name}\" อาจสะกดผิด (ชื่อที่ถูกต้อง: {own})"),
                    format!("{path}: the agency name \"{name}\" may be misspelt (expected {own})"),
                );
            } else {
                out.add(
                    Severity::Warning,
                    Code::OtherAgencyName,
                    &path,
                    format!(
                        "{path}: ข้อความกล่าวถึงหน่วยงานอื่น \"{name}\" ซึ่งไม่ใช่ {}",
                        input.agency.name
                    ),
                    format!(
                        "{path}: the text names another agency, \"{name}\", not {}",
                        input.agency.name
                    ),
                );
            }
        }
    }
}

/// Words after `marker` in text: "อำเภอเมืองชัย จังหวัด…" → "เมืองชัย".
fn words_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .map(|(i, _)| {
            let after = text[i + marker.len()..].trim_start();
            let w: String = after
                .chars()
                .take_while(|c| !c.is_whitespace() && !",;:()\"'/".contains(*c))
                .collect();
            w.split("จังหวัด").next().unwrap_or("").to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

pub(super) fn places_check(out: &mut Out, input: &Input) {
    let a = &input.agency;
    if let Some(p) = &a.province {
        if !places::is_province(p) {
            out.add(
                Severity::Warning,
                Code::UnknownProvince,
                "agency.province",
                format!("ไม่มีจังหวัดชื่อ \"{p}\""),
                format!("there is no province named \"{p}\""),
            );
        } else if let Some(d) = &a.district {
            if !places::is_district_of(d, p) {
                let elsewhere = places::provinces_with_district(d);
                out.add(
                    Severity::Warning,
                    Code::UnknownDistrict,
                    "agency.district",
                    format!(
                        "ไม่มีอำเภอ \"{d}\" ในจังหวัด{p}{}",
                        if elsewhere.is_empty() {
                            String::new()
                        } else {
                            format!(" (มีในจังหวัด{})", elsewhere.join(", "))
                        }
                    ),
                    format!(
                        "there is no district \"{d}\" in {p}{}",
                        if elsewhere.is_empty() {
                            String::new()
                        } else {
                            format!(" (there is one in {})", elsewhere.join(", "))
                        }
                    ),
                );
            }
        }
    }
    let texts = out.loaded.spans.texts.clone();
    for (path, text) in &texts {
        if path.starts_with("agency.") {
            continue;
        }
        if let Some(d) = &a.district {
            for w in words_after(text, "อำเภอ") {
                if !w.starts_with(d.as_str()) {
                    out.add(
                        Severity::Warning,
                        Code::DistrictConflict,
                        path,
                        format!("{path}: ระบุอำเภอ{w} แต่ agency.district คือ {d} (หน่วยงานเดียวกันอยู่สองอำเภอ)"),
                        format!("{path}: names the district {w}, but agency.district is {d} (one agency in two districts)"),
                    );
                }
            }
        }
        if let Some(p) = &a.province {
            for w in words_after(text, "จังหวัด") {
                if places::is_province(&w) && w != *p {
                    out.add(
                        Severity::Warning,
                        Code::ProvinceConflict,
                        path,
                        format!("{path}: ระบุจังหวัด{w} แต่ agency.province คือ {p}"),
                        format!("{path}: names the province {w}, but agency.province is {p}"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_names_in_text() {
        assert_eq!(
            mentioned_orgs("ขององค์การบริหารส่วนตำบล พงษ์นคร ได้ ๙๕.๕๖ คะแนน"),
            vec!["พงษ์นคร"]
        );
        assert_eq!(
            mentioned_orgs("ปลัดองค์การบริหารส่วนตำบล ปฏิบัติหน้าที่ นายก"),
            Vec::<String>::new()
        );
        assert_eq!(mentioned_orgs("อบต.ลำปางรอง"), vec!["ลำปางรอง"]);
        assert_eq!(
            names::strip_agency_prefix("เทศบาลตำบลโคกสูงสัมพันธ์"),
            "โคกสูงสัมพันธ์"
        );
    }
}
