//! The loader and the analysis never panic: random text, random YAML-ish text,
//! and the examples mutated byte by byte and line by line all either load or
//! fail with located messages; whatever loads is analysed and checked.

use itadoc::analysis::{analyse, check, check_report};
use itadoc::model::{load_str, Lang, LoadError};
use proptest::prelude::*;
use std::path::Path;

fn examples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    out.sort();
    out
}

fn run(text: &str) {
    match load_str(text, "fuzz.yaml") {
        Ok(loaded) => {
            let _ = analyse(&loaded.input);
            let _ = check(&loaded);
            let r = check_report(&loaded, Lang::En);
            let _ = serde_json::to_string(&r).unwrap();
        }
        Err(e) => {
            // Every message is placed: "fuzz.yaml:line:column: ...".
            if let LoadError::Invalid(list) = &e {
                assert!(!list.is_empty());
                for d in list {
                    assert!(d.line >= 1 && d.column >= 1, "{d:?}");
                    assert!(d.render(Lang::Th).starts_with("fuzz.yaml:"));
                }
            }
        }
    }
}

/// Pieces that make YAML and this contract interesting.
const PIECES: &[&str] = &[
    "agency:",
    "  name: ",
    "year: ",
    "2568",
    "result:",
    "  indicators:",
    "    1: ",
    "๙๘.๘๕",
    "  questions:",
    "    \"๐๑๔\": ",
    "E๔",
    "{public: ",
    ", survey: ",
    "}",
    "[",
    "]",
    "- ",
    "\n",
    "  ",
    ": ",
    "&a ",
    "*a",
    "~",
    "low",
    "memo:",
    "  date: ",
    "๑๑ สิงหาคม ๒๕๖๖",
    "2566-02-30",
    "plan:",
    "  measures:",
    "    - indicator: ",
    "      status: ",
    "done",
    "\"",
    "'",
    "#",
    "|",
    ">",
    "ทํา\u{200B}",
    "-1e999",
    "NaN",
    "1e308",
    "recommendations:",
    "history:",
    "  - year: ",
    "settings:",
    "  threshold: ",
    "meeting:",
    "  time: ",
    "09:30",
    "อำเภอ",
    "องค์การบริหารส่วนตำบล",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,300}") {
        run(&s);
    }

    #[test]
    fn random_pieces_never_panic(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = parts.iter().map(|i| PIECES[*i]).collect();
        run(&text);
    }

    #[test]
    fn mutated_examples_never_panic(
        which in 0usize..5,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4, 0..PIECES.len()), 1..6),
    ) {
        let all = examples();
        let mut lines: Vec<String> = all[which % all.len()].lines().map(str::to_string).collect();
        for (at, kind, piece) in edits {
            if lines.is_empty() {
                break;
            }
            let i = at.index(lines.len());
            match kind {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => lines[i].push_str(PIECES[piece]),
                _ => {
                    let cut = lines[i].char_indices().map(|(b, _)| b).nth(at.index(lines[i].chars().count().max(1))).unwrap_or(0);
                    lines[i].truncate(cut);
                }
            }
        }
        run(&lines.join("\n"));
    }
}

#[test]
fn examples_load_unchanged() {
    for text in examples() {
        assert!(load_str(&text, "x.yaml").is_ok());
    }
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused_not_crashed() {
    let deep = "[".repeat(5000);
    run(&deep);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("b{}", i - 1)
        };
        bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    run(&bomb);
}
