//! The template context: the input and the analysis as they serialise, plus the
//! display strings the templates need and would otherwise have to assemble
//! themselves (the memo's fields, the addressee, the emblem path, the dictionary of
//! names that the line breaker must never split, measures grouped by indicator).

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use super::{DocumentError, DocumentKind, Options};

/// The bundled emblem drawing (data/emblem/garuda.svg), used when none is given.
pub const DEFAULT_EMBLEM_SVG: &str = include_str!("../../data/emblem/garuda.svg");

/// Builds the Tera context for one document.
pub fn build(
    kind: DocumentKind,
    input: &Value,
    analysis: &Value,
    opts: &Options,
) -> Result<tera::Context, DocumentError> {
    let doc = derive(input, analysis, opts)?;
    let analysis = with_question_details(analysis);
    let value = json!({
        "kind": kind.name(),
        "input": input,
        "analysis": analysis,
        "doc": doc,
        "thai_digits": opts.thai_digits,
        "digits": if opts.thai_digits { "thai" } else { "arabic" },
    });
    tera::Context::from_value(value).map_err(|e| DocumentError::Context(e.to_string()))
}

fn text(v: &Value, pointer: &str) -> String {
    match v.pointer(pointer) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A copy of the analysis in which every low question listed under a tool summary
/// also carries its text and recommendation (found under its indicator), so the
/// templates can print "ประเด็น … ดังนั้น หน่วยงานควร …" straight from the summary.
fn with_question_details(analysis: &Value) -> Value {
    let mut out = analysis.clone();
    let details: Vec<(String, Value)> = analysis
        .get("indicators")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|i| {
            i.get("questions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(|q| Some((q.get("code")?.as_str()?.to_string(), q.clone())))
        .collect();
    if let Some(tools) = out.get_mut("tool_summaries").and_then(Value::as_array_mut) {
        for t in tools {
            let Some(lows) = t.get_mut("low_questions").and_then(Value::as_array_mut) else {
                continue;
            };
            for q in lows {
                let code = q
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let Some((_, d)) = details.iter().find(|(c, _)| *c == code) else {
                    continue;
                };
                if let Some(obj) = q.as_object_mut() {
                    for key in ["text", "recommendation", "public", "survey"] {
                        if !obj.contains_key(key) {
                            obj.insert(key.to_string(), d.get(key).cloned().unwrap_or(Value::Null));
                        }
                    }
                }
            }
        }
    }
    out
}

/// The derived display fields (`doc.*` in the templates).
fn derive(input: &Value, analysis: &Value, opts: &Options) -> Result<Value, DocumentError> {
    let agency = text(input, "/agency/name");
    let district = text(input, "/agency/district");
    let province = text(input, "/agency/province");
    let year = input
        .get("year")
        .and_then(Value::as_i64)
        .ok_or_else(|| DocumentError::Context("the input has no year".to_string()))?;

    let mut place = Vec::new();
    if !district.is_empty() {
        place.push(format!("อำเภอ{district}"));
    }
    if !province.is_empty() {
        place.push(format!("จังหวัด{province}"));
    }

    let office = [
        text(input, "/agency/section"),
        text(input, "/agency/office"),
        agency.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");

    let code = text(input, "/agency/code");
    let number = text(input, "/memo/number");
    let memo_number = match (code.is_empty(), number.is_empty()) {
        (false, false) => format!("{code}/{number}"),
        (false, true) => format!("{code}/"),
        (true, false) => number,
        (true, true) => String::new(),
    };

    let subject = match text(input, "/memo/subject") {
        s if !s.is_empty() => s,
        _ => format!(
            "รายงานผลและการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}"
        ),
    };
    let head = head_of(&agency);
    let to = match text(input, "/memo/to") {
        s if !s.is_empty() => s,
        _ => head.clone(),
    };

    let emblem = match &opts.emblem {
        Some(p) => p.display().to_string(),
        None => default_emblem_path()?.display().to_string(),
    };

    let (groups, counts) = measures_view(input, analysis);

    // indicator names by number (index 0 unused), for sentences listing indicators
    let mut names = vec![Value::Null; 11];
    if let Some(list) = analysis.get("indicators").and_then(Value::as_array) {
        for i in list {
            if let (Some(no), Some(name)) = (i.get("no").and_then(Value::as_u64), i.get("name")) {
                if (no as usize) < names.len() {
                    names[no as usize] = name.clone();
                }
            }
        }
    }
    let list = |ptrs: &[&str]| -> Value {
        ptrs.iter()
            .find_map(|p| {
                input
                    .pointer(p)
                    .or_else(|| analysis.pointer(p))
                    .filter(|v| v.as_array().is_some_and(|a| !a.is_empty()))
                    .cloned()
            })
            .unwrap_or_else(|| json!([]))
    };
    let person = |ptr: &str| -> Value {
        match input.pointer(ptr) {
            Some(p @ Value::Object(_)) if !text(p, "/name").is_empty() => p.clone(),
            _ => Value::Bool(false),
        }
    };

    Ok(json!({
        "agency": agency,
        "place": place.join(" "),
        "year": year,
        "next_year": year + 1,
        "prev_year": year - 1,
        "office": office,
        "phone": text(input, "/agency/phone"),
        "memo_number": memo_number,
        "subject": subject,
        "to": to,
        "head": head,
        "emblem": emblem,
        "dictionary": dictionary(input),
        "indicator_names": names,
        "memo_date": text(input, "/memo/date"),
        "announcement_date": text(input, "/announcement/date"),
        "background": list(&["/memo/background"]),
        "guidelines": list(&["/memo/guidelines", "/guidelines"]),
        "chain": list(&["/memo/chain"]),
        "topics": list(&["/meeting/topics"]),
        "author": person("/memo/author"),
        // The announcement is signed by the head of the agency, who normally gives
        // the last comment on the memo: the fallback when no signer is given.
        "signer": match person("/announcement/signer") {
            Value::Bool(false) => input
                .pointer("/memo/chain")
                .and_then(Value::as_array)
                .and_then(|c| c.last())
                .filter(|p| !text(p, "/name").is_empty())
                .cloned()
                .unwrap_or(Value::Bool(false)),
            p => p,
        },
        "measure_groups": groups,
        "status_counts": counts,
    }))
}

/// The usual title of the head of a local administration, from its name:
/// เทศบาลตำบลX → นายกเทศมนตรีตำบลX; องค์การบริหารส่วนตำบลX → นายกองค์การบริหารส่วนตำบลX.
pub fn head_of(agency: &str) -> String {
    if let Some(rest) = agency.strip_prefix("เทศบาล") {
        format!("นายกเทศมนตรี{rest}")
    } else if agency.starts_with("องค์การบริหารส่วน") {
        format!("นายก{agency}")
    } else if agency.is_empty() {
        "หัวหน้าหน่วยงาน".to_string()
    } else {
        format!("หัวหน้า{agency}")
    }
}

/// Every name in the input, for the markup's `<dictionary>`: the line breaker never
/// splits them. Longest first, without duplicates.
pub fn dictionary(input: &Value) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut add = |s: String| {
        let s = s.trim().to_string();
        if !s.is_empty() && !words.contains(&s) {
            words.push(s);
        }
    };
    let agency = text(input, "/agency/name");
    add(agency.clone());
    add(head_of(&agency));
    for (ptr, prefix) in [("/agency/district", "อำเภอ"), ("/agency/province", "จังหวัด")]
    {
        let v = text(input, ptr);
        if !v.is_empty() {
            add(format!("{prefix}{v}"));
            add(v);
        }
    }
    for ptr in [
        "/agency/office",
        "/agency/section",
        "/agency/code",
        "/memo/to",
    ] {
        add(text(input, ptr));
    }
    for ptr in ["/memo/author", "/announcement/signer"] {
        add(text(input, &format!("{ptr}/name")));
        add(text(input, &format!("{ptr}/position")));
    }
    if let Some(chain) = input.pointer("/memo/chain").and_then(Value::as_array) {
        for c in chain {
            add(text(c, "/name"));
            add(text(c, "/position"));
        }
    }
    if let Some(ms) = input.pointer("/plan/measures").and_then(Value::as_array) {
        for m in ms {
            match m.get("owner") {
                Some(Value::Array(owners)) => {
                    for o in owners {
                        add(super::filters::plain(o));
                    }
                }
                Some(Value::String(o)) => add(o.clone()),
                _ => {}
            }
        }
    }
    add(text(input, "/meeting/place"));
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// The measures of the analysis grouped by indicator (for the plan), and how many
/// measures have each status (for the progress report).
fn measures_view(input: &Value, analysis: &Value) -> (Vec<Value>, Value) {
    let measures: Vec<Value> = analysis
        .get("measures")
        .and_then(Value::as_array)
        .cloned()
        .or_else(|| {
            input
                .pointer("/plan/measures")
                .and_then(Value::as_array)
                .cloned()
        })
        .unwrap_or_default();
    let indicators = analysis
        .get("indicators")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();

    let mut groups: Vec<(i64, Vec<Value>)> = Vec::new();
    for m in &measures {
        let no = first_indicator(m).unwrap_or(0);
        match groups.iter_mut().find(|(n, _)| *n == no) {
            Some((_, list)) => list.push(m.clone()),
            None => groups.push((no, vec![m.clone()])),
        }
    }
    groups.sort_by_key(|(n, _)| if *n == 0 { i64::MAX } else { *n });
    let groups = groups
        .into_iter()
        .map(|(no, list)| {
            let indicator = indicators
                .iter()
                .find(|i| i.get("no").and_then(Value::as_i64) == Some(no))
                .cloned()
                .unwrap_or(Value::Null);
            json!({ "no": no, "indicator": indicator, "measures": list })
        })
        .collect();

    let mut counts = Map::new();
    for key in ["not_started", "in_progress", "done", "none"] {
        counts.insert(key.to_string(), json!(0));
    }
    for m in &measures {
        let key = m
            .get("status")
            .and_then(Value::as_str)
            .filter(|s| matches!(*s, "not_started" | "in_progress" | "done"))
            .unwrap_or("none");
        let n = counts[key].as_i64().unwrap_or(0) + 1;
        counts.insert(key.to_string(), json!(n));
    }
    counts.insert("total".to_string(), json!(measures.len()));
    (groups, Value::Object(counts))
}

/// The first indicator a measure belongs to (`indicator: 4` or `indicators: [4, 5]`).
fn first_indicator(m: &Value) -> Option<i64> {
    for key in ["indicator", "indicators"] {
        match m.get(key) {
            Some(Value::Number(n)) => return n.as_i64(),
            Some(Value::Array(a)) => return a.first().and_then(Value::as_i64),
            _ => {}
        }
    }
    None
}

/// Writes the bundled emblem to the temporary folder once per process and returns
/// its path (the markup names images by path).
pub fn default_emblem_path() -> Result<PathBuf, DocumentError> {
    static PATH: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = std::env::temp_dir().join(format!(
            "itadoc-emblem-{}-{}.svg",
            env!("CARGO_PKG_VERSION"),
            DEFAULT_EMBLEM_SVG.len()
        ));
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() != Some(DEFAULT_EMBLEM_SVG) {
            let tmp = path.with_extension(format!("svg.{}", std::process::id()));
            std::fs::write(&tmp, DEFAULT_EMBLEM_SVG)
                .and_then(|_| std::fs::rename(&tmp, &path))
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(path)
    })
    .clone()
    .map_err(DocumentError::Context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_titles_follow_the_kind_of_administration() {
        assert_eq!(head_of("เทศบาลตำบลโคกสูงสัมพันธ์"), "นายกเทศมนตรีตำบลโคกสูงสัมพันธ์");
        assert_eq!(
            head_of("องค์การบริหารส่วนตำบลลำปางรอง"),
            "นายกองค์การบริหารส่วนตำบลลำปางรอง"
        );
    }

    #[test]
    fn dictionary_holds_every_name_longest_first() {
        let input = json!({
            "agency": {"name": "เทศบาลตำบลศรีสำราญ", "district": "พรเจริญ", "province": "บึงกาฬ"},
            "memo": {"author": {"name": "นายสมชาย ใจดี", "position": "นักทรัพยากรบุคคล"},
                     "chain": [{"name": "นางสาวกานดา มีสุข", "position": "ปลัดเทศบาล"}]}
        });
        let words = dictionary(&input);
        for w in [
            "เทศบาลตำบลศรีสำราญ",
            "อำเภอพรเจริญ",
            "จังหวัดบึงกาฬ",
            "นายสมชาย ใจดี",
            "นางสาวกานดา มีสุข",
            "ปลัดเทศบาล",
        ] {
            assert!(words.iter().any(|x| x == w), "{w} missing from {words:?}");
        }
        let lens: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
        assert!(lens.windows(2).all(|p| p[0] >= p[1]));
    }
}
