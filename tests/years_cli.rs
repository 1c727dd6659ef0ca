//! The current year through the binary (issue 11): `itadoc new` writes the last
//! fiscal year whose results are out, and `itadoc check` passes on it today; a
//! year after the last one with known rules is accepted with a warning that says
//! whose rules are used; a year beyond that is refused.

use chrono::Datelike;
use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_itadoc")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("itadoc-years-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap()
}

/// Today's fiscal year, Buddhist era (it starts on 1 October).
fn fiscal_year_today() -> u16 {
    let today = chrono::Local::now().date_naive();
    let ce = today.year() + i32::from(today.month() >= 10);
    (ce + 543) as u16
}

/// `itadoc new [--year Y]` written to a file.
fn starter(dir: &std::path::Path, year: Option<u16>) -> (PathBuf, String) {
    let y = year.map(|y| y.to_string());
    let mut args = vec!["new"];
    if let Some(y) = &y {
        args.extend(["--year", y]);
    }
    let out = run(&args);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let file = dir.join(format!(
        "starter-{}.yaml",
        y.as_deref().unwrap_or("default")
    ));
    std::fs::write(&file, &text).unwrap();
    (file, text)
}

fn check_json(file: &std::path::Path) -> (bool, serde_json::Value) {
    let out = run(&[
        "check",
        file.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json: {e}: {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.success(), json)
}

fn findings_of<'a>(json: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

#[test]
fn new_then_check_passes_today() {
    let dir = scratch("today");
    let (file, text) = starter(&dir, None);
    // The memo analyses last year's results; its plan is for the year after them.
    let year = fiscal_year_today() - 1;
    assert!(
        text.lines()
            .any(|l| l.starts_with(&format!("year: {year} "))),
        "the starter is not for {year}"
    );
    assert!(text.contains(&format!("แผนยกระดับเป็นของปีงบประมาณ {}", year + 1)));
    let (ok, json) = check_json(&file);
    assert!(ok, "check fails on the starter of {year}: {json}");
    let errors: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        json["level"].is_string(),
        "the starter gets a level: {json}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_year_after_the_last_known_rules_is_accepted_with_a_warning() {
    let dir = scratch("later");
    let last = itadoc::ita::last_known_year().unwrap();
    let (file, _) = starter(&dir, Some(last + 1));
    let (ok, json) = check_json(&file);
    assert!(ok, "{json}");
    let assumed = findings_of(&json, "year-rules-assumed");
    assert_eq!(assumed.len(), 1, "{json}");
    assert_eq!(assumed[0]["severity"], "warning");
    let message = assumed[0]["message"].as_str().unwrap();
    assert!(message.contains(&last.to_string()) && message.contains(&(last + 1).to_string()));
    // In Thai by default, naming the year whose rules are used.
    let out = run(&["check", file.to_str().unwrap()]);
    let thai = String::from_utf8(out.stdout).unwrap();
    assert!(thai.contains(&format!(
        "จึงใช้หลักเกณฑ์ ข้อคำถาม และระดับผลการประเมินของปี {last}"
    )));
    // The documents render.
    let out = run(&[
        "render",
        file.to_str().unwrap(),
        "-o",
        dir.join("out").to_str().unwrap(),
        "--only",
        "memo",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The last known year itself carries no such warning.
    let (file, _) = starter(&dir, Some(last));
    let (ok, json) = check_json(&file);
    assert!(
        ok && findings_of(&json, "year-rules-assumed").is_empty(),
        "{json}"
    );
    // Far beyond the known rules: refused, with the supported years listed.
    let (file, _) = starter(&dir, Some(last + 10));
    let (ok, json) = check_json(&file);
    assert!(!ok);
    assert_eq!(findings_of(&json, "unsupported-year").len(), 1, "{json}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_codes_are_reported_as_sure_as_the_years_list() {
    let dir = scratch("codes");
    let case = |year: u16, code: &str| -> String {
        let yaml = format!(
            "agency: {{name: องค์การบริหารส่วนตำบลทดสอบปี}}\nyear: {year}\nresult:\n  indicators: {{1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}}\n  questions: {{{code}: 50}}\n"
        );
        let file = dir.join(format!("{year}-{code}.yaml"));
        std::fs::write(&file, yaml).unwrap();
        let (_, json) = check_json(&file);
        let f = findings_of(&json, "unknown-question");
        assert_eq!(f.len(), 1, "{year} {code}: {json}");
        f[0]["severity"].as_str().unwrap().to_string()
    };
    // 2568's list is verified (seed 002): o29 does not exist.
    assert_eq!(case(2568, "o29"), "error");
    // 2569's OIT list is unverified: an unknown code is information only.
    assert_eq!(case(2569, "o27"), "info");
    // 2566's OIT list (reconstructed from seed 000): unverified as well.
    assert_eq!(case(2566, "o44"), "info");
    // 2564's IIT order is known in part: a warning.
    assert_eq!(case(2564, "i31"), "warning");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_stated_subindicator_wins_and_the_example_renders_without_force() {
    // examples/phonsongkhram-2568.yaml states 9.2, 10.1 and 10.2 differently from
    // their items (as seed 002 does); that is a warning, not an error.
    let example =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/phonsongkhram-2568.yaml");
    let (ok, json) = check_json(&example);
    assert!(ok, "{json}");
    let subs = findings_of(&json, "subindicator-mismatch");
    assert_eq!(subs.len(), 3);
    assert!(subs.iter().all(|f| f["severity"] == "warning"));
    let dir = scratch("phonsongkhram");
    let out = run(&[
        "render",
        example.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--only",
        "memo",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The analysis uses the stated figures.
    let loaded = itadoc::load_input(&example).unwrap();
    let a = itadoc::analysis::analyse(&loaded.input).unwrap();
    let sub = |code: &str| {
        a.indicators
            .iter()
            .flat_map(|i| &i.subindicators)
            .find(|s| s.code == code)
            .and_then(|s| s.score)
    };
    assert_eq!(sub("9.2"), Some(87.5));
    assert_eq!(sub("10.1"), Some(90.0));
    assert_eq!(sub("10.2"), Some(80.0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn levels_from_2566_keep_their_inferred_mark_and_check_says_when_it_cannot_decide() {
    let dir = scratch("levels");
    let case = |year: u16, tools: &str| -> serde_json::Value {
        let yaml = format!(
            "agency: {{name: องค์การบริหารส่วนตำบลทดสอบปี}}\nyear: {year}\nresult:\n  indicators: {{1: 97, 2: 97, 3: 97, 4: 97, 5: 97, 6: 97, 7: 97, 8: 97, 9: 97, 10: 97}}\n{tools}"
        );
        let file = dir.join(format!("{year}-{}.yaml", tools.len()));
        std::fs::write(&file, yaml).unwrap();
        check_json(&file).1
    };
    // Every part at 95 or more: the verified top level, nothing uncertain.
    let json = case(2566, "  tools: {eit_public: 99, eit_survey: 95}\n");
    assert_eq!(json["level"], "ผ่านดีเยี่ยมและบรรลุค่าเป้าหมาย");
    assert!(findings_of(&json, "level-uncertain").is_empty(), "{json}");
    // An EIT part below 95: ผ่านดีเยี่ยม, whose rule is inferred, and check says so.
    let json = case(2566, "  tools: {eit_public: 99, eit_survey: 90}\n");
    assert_eq!(json["level"], "ผ่านดีเยี่ยม");
    let f = findings_of(&json, "level-uncertain");
    assert_eq!(f.len(), 1, "{json}");
    assert_eq!(f[0]["severity"], "info");
    assert!(f[0]["message"].as_str().unwrap().contains("inferred"));
    // No EIT parts: the level cannot be decided, and check names what is missing
    // (the same in a year served 2569's rules).
    for year in [2566, 2570] {
        let json = case(year, "");
        let f = findings_of(&json, "level-uncertain");
        assert_eq!(f.len(), 1, "{year}: {json}");
        assert!(f[0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be confirmed"));
    }
    // Up to 2565 the bands decide from the overall score alone.
    let json = case(2565, "");
    assert_eq!(json["level"], "AA");
    assert!(findings_of(&json, "level-uncertain").is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
