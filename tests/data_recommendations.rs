//! Checks of the recommendation library `data/recommendations.yaml`.
//!
//! The file is parsed (with the crate's YAML reader) into a local mirror of its format (unknown
//! fields are rejected, so the format documented in `data/RECOMMENDATIONS.md`
//! cannot drift silently), then checked in three passes:
//! completeness (every 2568 code, indicator and sub-indicator is there),
//! shape (how the sentences are joined into the NACC pattern, measures, lists), and
//! hygiene of the Thai text (no stray full stops, zero-width or Arabic characters,
//! known misspellings, agency names, unknown placeholders, text lifted from the seeds).

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The whole library, as written in the YAML file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Library {
    version: u32,
    year_set: u32,
    questions: BTreeMap<String, Question>,
    /// Advice for other years' questions without a 2568 twin, by topic key.
    topics: BTreeMap<String, Question>,
    indicators: BTreeMap<u8, Indicator>,
    subindicators: BTreeMap<String, SubIndicator>,
    guidelines: Vec<String>,
    tools: BTreeMap<String, Tool>,
}

/// One question code (i1, e4, o27 ...).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    text: String,
    finding: String,
    action: String,
    #[serde(default)]
    refs: Vec<String>,
}

/// One of the ten indicators.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Indicator {
    keep: String,
    finding: String,
    action: String,
    measures: Vec<Measure>,
}

/// A default improvement measure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Measure {
    title: String,
    steps: Vec<String>,
    owner: Vec<String>,
    /// Optional; the program's default is ไตรมาส ๑-๔ of the plan's year.
    #[serde(default)]
    period: Option<String>,
}

/// A sub-indicator of indicator 9 or 10.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubIndicator {
    name: String,
    finding: String,
    keep: String,
    action: String,
}

/// Per-tool summary templates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    keep: String,
    improve: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load() -> Library {
    let path = root().join("data/recommendations.yaml");
    let text = std::fs::read_to_string(&path).expect("data/recommendations.yaml is readable");
    itadoc::yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The 2568 question codes, in order.
fn codes_2568() -> Vec<String> {
    let mut codes = Vec::new();
    codes.extend((1..=15).map(|n| format!("i{n}")));
    codes.extend((1..=9).map(|n| format!("e{n}")));
    codes.extend((1..=28).map(|n| format!("o{n}")));
    codes
}

/// Official sub-indicator names of 2568.
const SUBINDICATORS: [(&str, &str); 7] = [
    ("9.1", "ข้อมูลพื้นฐาน"),
    ("9.2", "การบริหารงานและการใช้จ่ายงบประมาณ"),
    ("9.3", "การจัดซื้อจัดจ้าง"),
    ("9.4", "การบริหารและพัฒนาทรัพยากรบุคคล"),
    ("9.5", "การส่งเสริมความโปร่งใส"),
    ("10.1", "การดำเนินการเพื่อป้องกันการทุจริตในประเด็นสินบน"),
    ("10.2", "การส่งเสริมคุณธรรมและความโปร่งใส"),
];

/// Official indicator names (all years).
const INDICATORS: [&str; 10] = [
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
];

/// Units an owner may name (typical local-administration units).
const OWNERS: [&str; 9] = [
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
    "งานการเจ้าหน้าที่",
    "ทุกส่วนราชการ",
    "ทุกกอง",
];

/// Placeholders the program fills in.
const PLACEHOLDERS: [&str; 5] = [
    "{year}",
    "{prev_year}",
    "{next_year}",
    "{keep_list}",
    "{improve_list}",
];

/// Every prose string of the library with a label saying where it is.
/// `text` of questions is included (it is printed too), tool templates as well.
fn all_strings(lib: &Library) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for (code, q) in lib.questions.iter().chain(&lib.topics) {
        out.push((format!("questions.{code}.text"), q.text.as_str()));
        out.push((format!("questions.{code}.finding"), q.finding.as_str()));
        out.push((format!("questions.{code}.action"), q.action.as_str()));
    }
    out.extend(own_prose(lib));
    for (name, t) in &lib.tools {
        out.push((format!("tools.{name}.keep"), t.keep.as_str()));
        out.push((format!("tools.{name}.improve"), t.improve.as_str()));
    }
    out
}

/// The strings that are itadoc's own wording (everything but question subjects
/// and tool templates).
fn own_prose(lib: &Library) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for (code, q) in lib.questions.iter().chain(&lib.topics) {
        out.push((format!("questions.{code}.finding"), q.finding.as_str()));
        out.push((format!("questions.{code}.action"), q.action.as_str()));
    }
    for (n, ind) in &lib.indicators {
        out.push((format!("indicators.{n}.keep"), ind.keep.as_str()));
        out.push((format!("indicators.{n}.finding"), ind.finding.as_str()));
        out.push((format!("indicators.{n}.action"), ind.action.as_str()));
        for (m, measure) in ind.measures.iter().enumerate() {
            out.push((
                format!("indicators.{n}.measures[{m}].title"),
                measure.title.as_str(),
            ));
            for (s, step) in measure.steps.iter().enumerate() {
                out.push((
                    format!("indicators.{n}.measures[{m}].steps[{s}]"),
                    step.as_str(),
                ));
            }
            if let Some(period) = &measure.period {
                out.push((
                    format!("indicators.{n}.measures[{m}].period"),
                    period.as_str(),
                ));
            }
        }
    }
    for (code, sub) in &lib.subindicators {
        out.push((
            format!("subindicators.{code}.finding"),
            sub.finding.as_str(),
        ));
        out.push((format!("subindicators.{code}.keep"), sub.keep.as_str()));
        out.push((format!("subindicators.{code}.action"), sub.action.as_str()));
    }
    for (i, g) in lib.guidelines.iter().enumerate() {
        out.push((format!("guidelines[{i}]"), g.as_str()));
    }
    out
}

/// Removes the known placeholders, so what is left can be checked for stray braces.
fn without_placeholders(s: &str) -> String {
    PLACEHOLDERS
        .iter()
        .fold(s.to_string(), |acc, p| acc.replace(p, ""))
}

#[test]
fn format_version_and_question_set() {
    let lib = load();
    assert_eq!(lib.version, 1);
    assert_eq!(lib.year_set, 2568);
}

#[test]
fn every_2568_question_code_is_present_and_no_other() {
    let lib = load();
    let expected: BTreeSet<String> = codes_2568().into_iter().collect();
    let present: BTreeSet<String> = lib.questions.keys().cloned().collect();
    let missing: Vec<_> = expected.difference(&present).collect();
    let extra: Vec<_> = present.difference(&expected).collect();
    assert!(missing.is_empty(), "missing question codes: {missing:?}");
    assert!(extra.is_empty(), "unknown question codes: {extra:?}");
    assert_eq!(lib.questions.len(), 52);
}

#[test]
fn every_indicator_and_subindicator_is_present_with_official_names() {
    let lib = load();
    let indicators: Vec<u8> = lib.indicators.keys().copied().collect();
    assert_eq!(indicators, (1..=10).collect::<Vec<u8>>());
    assert_eq!(lib.subindicators.len(), SUBINDICATORS.len());
    for (code, name) in SUBINDICATORS {
        let sub = lib
            .subindicators
            .get(code)
            .unwrap_or_else(|| panic!("sub-indicator {code} missing"));
        assert_eq!(sub.name, name, "official name of sub-indicator {code}");
    }
}

#[test]
fn no_string_is_empty_padded_or_ends_with_a_full_stop() {
    let lib = load();
    for (place, s) in all_strings(&lib) {
        assert!(!s.trim().is_empty(), "{place} is empty");
        assert_eq!(s, s.trim(), "{place} has leading or trailing white space");
        assert!(!s.ends_with('.'), "{place} ends with a full stop");
        assert!(!s.contains("  "), "{place} has a double space");
        assert!(
            !s.contains('\n') && !s.contains('\t'),
            "{place} has a line break or tab"
        );
    }
}

#[test]
fn findings_and_actions_fit_the_nacc_pattern() {
    // Documents print "ประเด็น <finding> ดังนั้น หน่วยงานควร<action> (อ้างอิงจาก oNN)".
    let lib = load();
    let check = |place: String, finding: &str, action: &str| {
        assert!(
            !finding.starts_with("ประเด็น"),
            "{place}: finding repeats ประเด็น"
        );
        assert!(!finding.contains("ดังนั้น"), "{place}: finding contains ดังนั้น");
        assert!(
            finding.chars().count() <= 300,
            "{place}: finding is too long"
        );
        for lead in ["ดังนั้น", "หน่วยงานควร", "ควร"] {
            assert!(
                !action.starts_with(lead),
                "{place}: action starts with {lead}"
            );
        }
        assert!(
            !action.contains("อ้างอิงจาก"),
            "{place}: references belong in refs"
        );
        assert!(action.chars().count() <= 400, "{place}: action is too long");
    };
    for (code, q) in lib.questions.iter().chain(&lib.topics) {
        check(format!("questions.{code}"), &q.finding, &q.action);
    }
    for (n, ind) in &lib.indicators {
        check(format!("indicators.{n}"), &ind.finding, &ind.action);
        assert!(
            ind.keep.contains("ควร"),
            "indicators.{n}.keep says what to keep doing"
        );
    }
    for (code, sub) in &lib.subindicators {
        check(format!("subindicators.{code}"), &sub.finding, &sub.action);
        assert!(
            sub.keep.contains("ควร"),
            "subindicators.{code}.keep says what to keep doing"
        );
    }
}

#[test]
fn refs_name_existing_oit_items() {
    let lib = load();
    let oit: BTreeSet<String> = (1..=28).map(|n| format!("o{n}")).collect();
    for (code, q) in &lib.questions {
        let mut seen = BTreeSet::new();
        for r in &q.refs {
            assert!(
                oit.contains(r),
                "questions.{code}.refs: {r} is not an OIT code"
            );
            assert!(seen.insert(r), "questions.{code}.refs: {r} twice");
        }
    }
    // Topics refer to topics: 2568 OIT codes or OIT topic keys (o_…), each once.
    for (key, q) in &lib.topics {
        let mut seen = BTreeSet::new();
        for r in &q.refs {
            assert!(
                oit.contains(r) || (r.starts_with("o_") && lib.topics.contains_key(r)),
                "topics.{key}.refs: {r} is not an OIT code or OIT topic"
            );
            assert!(seen.insert(r), "topics.{key}.refs: {r} twice");
        }
        // An OIT topic refers to itself, as an OIT item does.
        if key.starts_with("o_") {
            assert!(
                q.refs.contains(key),
                "topics.{key}.refs should contain {key}"
            );
        }
        // The finding says whose view it reports.
        let who = match key.as_bytes()[0] {
            b'i' => "บุคลากรภายในหน่วยงาน",
            b'e' => "ผู้รับบริการหรือผู้มาติดต่อราชการ",
            _ => "หน่วยงานยัง",
        };
        assert!(
            q.finding.starts_with(who),
            "topics.{key}.finding should start with {who}"
        );
    }
    // Every OIT item refers to itself: the recommendation points at the evidence.
    for n in 1..=28 {
        let code = format!("o{n}");
        assert!(
            lib.questions[&code].refs.contains(&code),
            "questions.{code}.refs should contain {code}"
        );
    }
}

#[test]
fn question_texts_are_subjects_not_survey_questions() {
    let lib = load();
    for (code, q) in &lib.questions {
        for survey in ["มากน้อยเพียงใด", "ของท่าน", "หรือไม่"]
        {
            assert!(
                !q.text.contains(survey),
                "questions.{code}.text keeps '{survey}'"
            );
        }
        // A yearly plan or report names its year through a placeholder.
        if q.text.contains("ประจำปี") {
            assert!(
                q.text.contains("{year}") || q.text.contains("{prev_year}"),
                "questions.{code}.text: a yearly item needs {{year}} or {{prev_year}}"
            );
            assert!(
                code.starts_with('o'),
                "questions.{code}: only OIT items are yearly"
            );
        }
    }
    // Plans of the assessed year and reports of the year before (seed 002, 2568).
    for (code, placeholder) in [
        ("o6", "{year}"),
        ("o7", "{prev_year}"),
        ("o12", "{year}"),
        ("o13", "{prev_year}"),
        ("o15", "{prev_year}"),
        ("o23", "{year}"),
        ("o24", "{prev_year}"),
        ("o26", "{prev_year}"),
        ("o28", "{prev_year}"),
    ] {
        assert!(
            lib.questions[code].text.contains(placeholder),
            "questions.{code}.text should contain {placeholder}"
        );
    }
}

#[test]
fn texts_are_distinct() {
    // Catches copy-paste slips: no two items share a finding or an action.
    let lib = load();
    let mut findings = BTreeMap::new();
    let mut actions = BTreeMap::new();
    for (code, q) in lib.questions.iter().chain(&lib.topics) {
        if let Some(other) = findings.insert(q.finding.as_str(), code) {
            panic!("questions.{code} and {other} share a finding");
        }
        if let Some(other) = actions.insert(q.action.as_str(), code) {
            panic!("questions.{code} and {other} share an action");
        }
    }
    let keeps: BTreeSet<&str> = lib.indicators.values().map(|i| i.keep.as_str()).collect();
    assert_eq!(keeps.len(), 10, "indicator keep sentences must differ");
}

#[test]
fn measures_have_title_steps_and_owners() {
    let lib = load();
    for (n, ind) in &lib.indicators {
        assert!(
            (1..=3).contains(&ind.measures.len()),
            "indicators.{n}: 1-3 measures, found {}",
            ind.measures.len()
        );
        for (m, measure) in ind.measures.iter().enumerate() {
            let place = format!("indicators.{n}.measures[{m}]");
            assert!(
                ["มาตรการ", "โครงการ", "กิจกรรม"]
                    .iter()
                    .any(|p| measure.title.starts_with(p)),
                "{place}.title should start with มาตรการ, โครงการ or กิจกรรม"
            );
            assert!(
                (2..=4).contains(&measure.steps.len()),
                "{place}: 2-4 steps, found {}",
                measure.steps.len()
            );
            assert!(!measure.owner.is_empty(), "{place}: no owner");
            if let Some(period) = &measure.period {
                assert!(!period.trim().is_empty(), "{place}: empty period");
            }
            for owner in &measure.owner {
                assert!(
                    OWNERS.contains(&owner.as_str()),
                    "{place}.owner: unknown unit {owner}"
                );
            }
        }
    }
}

#[test]
fn guidelines_and_tool_templates() {
    let lib = load();
    assert!(
        (5..=7).contains(&lib.guidelines.len()),
        "5-7 guidelines, found {}",
        lib.guidelines.len()
    );
    let tools: Vec<&str> = lib.tools.keys().map(String::as_str).collect();
    assert_eq!(tools, ["eit", "iit", "oit"]);
    for (name, t) in &lib.tools {
        assert!(
            t.keep.contains("{keep_list}"),
            "tools.{name}.keep lacks {{keep_list}}"
        );
        assert!(
            !t.keep.contains("{improve_list}"),
            "tools.{name}.keep: wrong list"
        );
        assert!(
            t.improve.contains("{improve_list}"),
            "tools.{name}.improve lacks {{improve_list}}"
        );
        assert!(
            !t.improve.contains("{keep_list}"),
            "tools.{name}.improve: wrong list"
        );
    }
}

#[test]
fn only_known_placeholders() {
    let lib = load();
    for (place, s) in all_strings(&lib) {
        let rest = without_placeholders(s);
        assert!(
            !rest.contains('{') && !rest.contains('}'),
            "{place}: unknown placeholder or stray brace in {s}"
        );
        if !place.starts_with("tools.") {
            assert!(
                !s.contains("{keep_list}") && !s.contains("{improve_list}"),
                "{place}: list placeholders belong to tool templates"
            );
        }
    }
}

#[test]
fn thai_text_hygiene() {
    let lib = load();
    for (place, s) in all_strings(&lib) {
        for c in s.chars() {
            assert!(
                !matches!(
                    c,
                    '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                ),
                "{place}: invisible character U+{:04X}",
                c as u32
            );
            assert!(
                !matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'),
                "{place}: Arabic-script letter {c}"
            );
            assert!(
                !c.is_ascii_digit(),
                "{place}: Arabic digit {c}; write Thai digits"
            );
        }
        // Decomposed sara am (nikhahit + sara aa) instead of U+0E33.
        assert!(!s.contains("\u{0E4D}\u{0E32}"), "{place}: decomposed สระอำ");
        // A space before a combining vowel or tone mark.
        let chars: Vec<char> = s.chars().collect();
        for pair in chars.windows(2) {
            let combining =
                matches!(pair[1], '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}');
            assert!(
                !(pair[0] == ' ' && combining),
                "{place}: space before a combining mark"
            );
        }
        for wrong in [
            "โปร่งใส่",
            "โปร่งใภ",
            "ประชาสัมพัน ",
            "เจตนารม ",
            "เจตนาธรรมเนียม",
            "ทรัพย์สิ่น",
            "ทรัพสิน",
            "อินโฟกราฟฟิก",
            "ดุลย พินิจ",
        ] {
            assert!(!s.contains(wrong), "{place}: misspelling {wrong}");
        }
        // Wrong indicator names seen in the seeds.
        for wrong in [
            "การใช้จ่ายเงิน",
            "การใช้ทรัพยากรของราชการ",
            "การปรับปรุงระบบการทำงาน",
        ] {
            assert!(
                !s.contains(wrong),
                "{place}: unofficial indicator name {wrong}"
            );
        }
        // Agency-neutral: no agency names or kinds.
        for agency in [
            "องค์การบริหารส่วน",
            "เทศบาล",
            "อบต.",
            "อบจ.",
            "พลสงคราม",
            "ลำปางรอง",
        ] {
            assert!(!s.contains(agency), "{place}: names an agency ({agency})");
        }
    }
}

#[test]
fn official_indicator_names_are_used_where_indicators_are_named() {
    // Wherever the prose writes "ตัวชี้วัดที่", the official name must follow.
    let lib = load();
    for (place, s) in all_strings(&lib) {
        for (pos, _) in s.match_indices("ตัวชี้วัดที่ ") {
            let after = &s[pos + "ตัวชี้วัดที่ ".len()..];
            assert!(
                INDICATORS.iter().any(|name| after.contains(name)),
                "{place}: indicator named without its official name"
            );
        }
    }
}

/// Length of the seed windows in tests/data/seed-windows.txt.
const SEED_WINDOW: usize = 40;

/// The top 48 bits of the 64-bit FNV-1a hash of a text's UTF-8 bytes.
fn fingerprint(s: &str) -> u64 {
    let h = s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    h >> 16
}

/// Fingerprints of the seed documents, not their text (a clone of the project has
/// no seeds): [`fingerprint`] of every run of 40 characters starting at a multiple
/// of 4, in the five seeds joined in file-name order with white space removed.
/// Any run of 43 characters shared with the seeds holds one of these windows.
fn seed_windows() -> std::collections::HashSet<u64> {
    include_str!("data/seed-windows.txt")
        .lines()
        .map(|l| u64::from_str_radix(l, 16).expect("a hexadecimal hash per line"))
        .collect()
}

#[test]
fn own_prose_is_not_lifted_from_the_seeds() {
    // No run of 40 characters (white space ignored) of our own wording may appear
    // in the seed documents, once official terms (question subjects, indicator and
    // sub-indicator names, fixed legal terms) are masked out. Checked on every run
    // of 40 of our characters against the seeds' fingerprints (a quarter of their
    // runs of 40): a run of 43 shared characters is always found, one of 40 at
    // least once in four.
    let seeds = seed_windows();
    assert!(seeds.len() > 10_000, "{} fingerprints", seeds.len());
    let lib = load();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut terms: Vec<String> = lib
        .questions
        .values()
        .map(|q| squash(q.text.split('{').next().unwrap_or("")))
        .collect();
    terms.extend(INDICATORS.iter().map(|s| squash(s)));
    terms.extend(SUBINDICATORS.iter().map(|(_, s)| squash(s)));
    terms.extend(
        [
            "การทุจริตและประพฤติมิชอบ",
            "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            "แนวปฏิบัติการจัดการเรื่องร้องเรียน",
            "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล",
            "การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา",
            "การประเมินผลการปฏิบัติงาน",
        ]
        .iter()
        .map(|s| squash(s)),
    );
    terms.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let mut lifted = Vec::new();
    for (place, s) in own_prose(&lib) {
        let masked = terms
            .iter()
            .filter(|t| !t.is_empty())
            .fold(squash(s), |acc, t| acc.replace(t.as_str(), "\u{0}"));
        let chars: Vec<char> = masked.chars().collect();
        if let Some(run) = chars
            .windows(SEED_WINDOW)
            .filter(|w| !w.contains(&'\u{0}'))
            .map(|w| w.iter().collect::<String>())
            .find(|w| seeds.contains(&fingerprint(w)))
        {
            lifted.push(format!("{place}: {run}"));
        }
    }
    assert!(
        lifted.is_empty(),
        "text found in the seeds:\n{}",
        lifted.join("\n")
    );
}

#[test]
fn findings_speak_for_the_right_respondents() {
    // IIT is answered by the agency's own staff, EIT by people it serves, and OIT is
    // the agency's published evidence: a finding must say whose view or what it is.
    let lib = load();
    let opener = |tool: char| match tool {
        'i' => "บุคลากรภายในหน่วยงาน",
        'e' => "ผู้รับบริการหรือผู้มาติดต่อราชการ",
        _ => "หน่วยงานยัง",
    };
    for (code, q) in &lib.questions {
        let tool = code.chars().next().unwrap_or('o');
        assert!(
            q.finding.starts_with(opener(tool)),
            "questions.{code}.finding should start with {}",
            opener(tool)
        );
    }
    for (n, ind) in &lib.indicators {
        let tool = match n {
            1..=5 => 'i',
            6..=8 => 'e',
            _ => 'o',
        };
        assert!(
            ind.finding.starts_with(opener(tool)),
            "indicators.{n}.finding should start with {}",
            opener(tool)
        );
    }
    for (code, sub) in &lib.subindicators {
        assert!(
            sub.finding.starts_with(opener('o')),
            "subindicators.{code}.finding should start with {}",
            opener('o')
        );
    }
}
