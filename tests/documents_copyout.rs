//! Copying text out of every rendered example document gives the Thai back: each
//! word `pdftotext` reads is a piece of the typeset text (so no mark is lost, doubled
//! or moved past the next letter), no word starts with a mark or a following vowel,
//! and no line is copied out letter-spaced (a space after every cluster, which is
//! what a reader sees when justification gaps are read as word breaks).

mod common;

use std::process::Command;

use itadoc::typeset::layout::Item;

fn pdftotext(pdf: &[u8], name: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("itadoc-copyout-{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|_| panic!("pdftotext is missing: run scripts/test.sh"));
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pdftotext failed on {name}");
    String::from_utf8(out.stdout).unwrap()
}

/// A Thai consonant with only marks or following vowels after it: one cluster.
fn is_one_cluster(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(itadoc::thai::is_thai_consonant)
        && chars.all(|c| itadoc::thai::is_combining_mark(c) || itadoc::thai::is_following_vowel(c))
}

/// Characters left out of the comparison: white space, and hyphens, which poppler
/// drops at a line end to join a word it takes as hyphenated ("E-" / "Service",
/// and the page number "- ๒ -" with the line under it).
fn ignored(c: char) -> bool {
    c.is_whitespace() || c == '-'
}

/// The typeset text of a document: its glyph runs in order, a line break between
/// runs, with the squeezed form (no white space) and, for each squeezed byte, where
/// it is in the full text.
struct Source {
    full: String,
    squeezed: String,
    at: Vec<usize>,
    breaks: std::collections::HashSet<usize>,
}

impl Source {
    fn new(runs: &[&str]) -> Source {
        let is_page_number = |run: &&str| {
            let inner = run
                .trim()
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim();
            run.trim().starts_with('-')
                && !inner.is_empty()
                && inner.chars().all(itadoc::thai::is_thai_digit)
        };
        let runs: Vec<&str> = runs
            .iter()
            .copied()
            .filter(|r| !is_page_number(r))
            .collect();
        let full = runs.join("\n");
        let mut squeezed = String::new();
        let mut at = Vec::new();
        for (i, c) in full.char_indices() {
            if !ignored(c) {
                squeezed.push(c);
                at.extend((0..c.len_utf8()).map(|k| i + k));
            }
        }
        at.push(full.len());
        // Word boundaries by a breaker that is not ours: ICU4X's dictionary.
        let icu = icu_segmenter::LineSegmenter::new_dictionary(
            icu_segmenter::options::LineBreakOptions::default(),
        );
        let breaks = icu.segment_str(&full).collect();
        Source {
            full,
            squeezed,
            at,
            breaks,
        }
    }

    /// Whether a reader may see a space before squeezed offset `k`: the source has
    /// white space there, or it is a word boundary by ICU4X's dictionary breaker
    /// (not ours, whose breaks put the justification spaces there: it cannot judge
    /// itself).
    fn space_allowed(&self, k: usize) -> bool {
        // `at[k - 1]` is the last byte of the character before
        let (after, here) = (self.at[k - 1] + 1, self.at[k]);
        self.full[after..here].chars().any(char::is_whitespace) || self.breaks.contains(&here)
    }
}

/// The problems in one document's copied text, given the runs it was typeset from.
fn problems(copied: &str, runs: &[&str]) -> Vec<String> {
    let source = Source::new(runs);
    let mut found = Vec::new();
    let mut from = 0;
    let mut page = 1;
    for line in copied.lines() {
        // The page number "- ๒ -" at the top of each page after the first: poppler
        // takes its last hyphen for a hyphenation and joins the line under it on.
        let line = match line.strip_prefix('\u{c}') {
            Some(rest) => {
                page += 1;
                let number = itadoc::thai::to_thai_digits(&page.to_string());
                rest.strip_prefix('-')
                    .map(str::trim_start)
                    .and_then(|r| r.strip_prefix(number.as_str()))
                    .map(|r| r.trim_start().trim_start_matches('-'))
                    .unwrap_or(rest)
            }
            None => line,
        };
        let tokens: Vec<String> = line
            .split_whitespace()
            .map(|t| t.chars().filter(|c| !ignored(*c)).collect::<String>())
            .filter(|t| !t.is_empty())
            .collect();
        // where each word was found in the squeezed source (searching on from the
        // last one, since pdftotext reads mostly in order)
        let mut ends: Vec<Option<(usize, usize)>> = Vec::new();
        for token in &tokens {
            let hit = source.squeezed[from..]
                .find(token.as_str())
                .map(|i| i + from)
                .or_else(|| source.squeezed.find(token.as_str()));
            match hit {
                Some(i) => {
                    from = i + token.len();
                    ends.push(Some((i, i + token.len())));
                }
                None => {
                    found.push(format!("{token:?} is not in the source (line {line:?})"));
                    ends.push(None);
                }
            }
            if token.chars().next().is_some_and(|c| {
                itadoc::thai::is_combining_mark(c) || itadoc::thai::is_following_vowel(c)
            }) {
                found.push(format!("{token:?} starts with a mark (line {line:?})"));
            }
        }
        // a space between two words that follow each other in the source must be
        // where the source has one or where a line may break: never inside a word
        for pair in ends.windows(2) {
            if let [Some((_, end)), Some((start, _))] = pair {
                if end == start && !source.space_allowed(*start) {
                    found.push(format!(
                        "a space inside a word before {:?} (line {line:?})",
                        &source.squeezed[*start..]
                            .chars()
                            .take(6)
                            .collect::<String>()
                    ));
                }
            }
        }
        let mut spaced = 0;
        for token in &tokens {
            spaced = if is_one_cluster(token) { spaced + 1 } else { 0 };
            if spaced == 4 {
                found.push(format!("letter-spaced: {line:?}"));
            }
        }
    }
    found
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let runs = ["ผลการดำเนินงาน", "ที่ได้ ค่าเป้าหมาย ประชาชนมีส่วนร่วม"];
    let clean = "ผลการดำเนินงาน\nที่ได้ ค่าเป้าหมาย ประชาชนมีส่วนร่วม";
    assert_eq!(problems(clean, &runs), Vec::<String>::new());
    // a space between two words is harmless
    assert!(problems("ประชาชน มีส่วนร่วม", &runs).is_empty());
    // inside a word, a letter-spaced line, a mark moved past a letter, a lost mark
    assert_eq!(problems("ผลการดำเนิ นงาน", &runs).len(), 1);
    assert!(!problems("ผ ล ก า ร ดำเนินงาน", &runs).is_empty());
    assert!(!problems("ทีไ ่ด้", &runs).is_empty());
    assert!(!problems("ทีได้", &runs).is_empty());
    // the page number over a page's first line is page furniture
    assert!(problems(
        "ผลการดำเนินงาน\n\u{c}-๒ที่ได้",
        &["ผลการดำเนินงาน", "- ๒ -", "ที่ได้"]
    )
    .is_empty());
}

#[test]
fn every_example_document_copies_out_clean() {
    let fonts = itadoc::typeset::fonts::Fonts::builtin();
    let mut checked = 0;
    let mut all = Vec::new();
    for (name, _kind, doc) in common::example_markup() {
        let layout = itadoc::typeset::typeset(&doc, &fonts).unwrap();
        let runs: Vec<&str> = layout
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|item| match item {
                Item::Glyphs(run) => Some(run.text.as_str()),
                _ => None,
            })
            .collect();
        let pdf = itadoc::pdf::write(&layout, &Default::default()).unwrap();
        let copied = pdftotext(&pdf, &name);
        all.extend(
            problems(&copied, &runs)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
        checked += 1;
    }
    assert!(checked >= 16, "only {checked} documents rendered");
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
}
