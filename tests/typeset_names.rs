//! Names on held-out prose: official prose of our own (tests/data/heldout_names.txt,
//! which nothing the segmenter reads contains) is typeset at several measures and read
//! back from the PDF with pdftotext (in drawing order, `-raw`); a line break inside a marked name (a place after
//! its kind, a given name or surname after a title, a king's name) is a bad break.
//! The names are marked in the test data by hand, so the segmenter is not its own
//! judge. Needs pdftotext (poppler-utils): without it the test fails.

use std::process::Command;

use itadoc::markup;
use itadoc::typeset::{typeset, Fonts};

/// One paragraph: its text and the marked names, as ranges of its characters
/// without white space.
struct Para {
    text: String,
    names: Vec<(usize, usize)>,
}

fn heldout() -> Vec<Para> {
    let src = include_str!("data/heldout_names.txt");
    src.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut text = String::new();
            let mut names = Vec::new();
            let mut squeezed = 0;
            let mut open = None;
            for c in l.chars() {
                match c {
                    '⟦' => open = Some(squeezed),
                    '⟧' => names.push((open.take().expect("⟦ before ⟧"), squeezed)),
                    c => {
                        text.push(c);
                        if !c.is_whitespace() {
                            squeezed += 1;
                        }
                    }
                }
            }
            Para { text, names }
        })
        .collect()
}

fn pdftotext(pdf: &[u8], name: &str) -> String {
    let path = std::env::temp_dir().join(format!("itadoc-{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed for this test: {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The held-out paragraphs typeset with `inset` points taken off both sides of a
/// 16 cm measure, as the lines pdftotext reads (white space removed).
fn lines_at(paras: &[Para], inset_cm: f32) -> Vec<String> {
    let body: String = paras
        .iter()
        .map(|p| {
            format!(
                r#"<p indent="2.5cm" margin-left="{inset_cm}cm" margin-right="{inset_cm}cm">{}</p>"#,
                p.text
            )
        })
        .collect();
    let xml = format!(
        r#"<document><section margin-left="3cm" margin-right="2cm" page-numbers="false" continuation="false">{body}</section></document>"#
    );
    let doc = markup::parse(&xml, "heldout.xml").unwrap();
    let layout = typeset(&doc, &Fonts::builtin()).unwrap();
    let pdf = itadoc::pdf::write(&layout, &Default::default()).unwrap();
    pdftotext(&pdf, &format!("names-{inset_cm}"))
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn held_out_prose_breaks_inside_fewer_than_a_tenth_of_a_name_per_thousand_characters() {
    let paras = heldout();
    let all: String = paras
        .iter()
        .flat_map(|p| p.text.chars().filter(|c| !c.is_whitespace()))
        .collect();
    // every marked name, as ranges of `all`
    let mut names = Vec::new();
    let mut offset = 0;
    for p in &paras {
        names.extend(p.names.iter().map(|&(a, b)| (a + offset, b + offset)));
        offset += p.text.chars().filter(|c| !c.is_whitespace()).count();
    }
    assert!(names.len() >= 40, "the data marks {} names", names.len());
    let mut chars = 0;
    let mut bad = Vec::new();
    // 16 cm (a memo's body), 14, 12 and 10 cm (indented lists, narrower blocks);
    // at 8 cm the longest king's name no longer fits on a line at all
    for inset in [0.0, 1.0, 2.0, 3.0] {
        let lines = lines_at(&paras, inset);
        assert_eq!(
            lines.concat(),
            all,
            "the text comes back whole at inset {inset}"
        );
        let mut at = 0;
        for pair in lines.windows(2) {
            at += pair[0].chars().count();
            if let Some(&(a, b)) = names.iter().find(|&&(a, b)| a < at && at < b) {
                let name: String = all.chars().skip(a).take(b - a).collect();
                bad.push(format!(
                    "{inset} cm: {} | {}  (in {name})",
                    pair[0], pair[1]
                ));
            }
        }
        chars += all.chars().count();
    }
    let per_thousand = bad.len() as f64 * 1000.0 / chars as f64;
    assert!(
        per_thousand < 0.1,
        "{per_thousand:.2} bad breaks per 1,000 characters over {chars}:\n{}",
        bad.join("\n")
    );
}
