//! The text of our PDFs, read back by the readers people use: poppler (`pdftotext`,
//! default layout mode and `-raw`), PDFium (Chrome, Edge; through pypdfium2), MuPDF
//! (through pymupdf), pdfminer.six (also behind pdfplumber) and PDF.js (Firefox and
//! many web viewers; through pdfjs-dist). The Python and Node helpers are in
//! `scripts/readers/`; `.ci/run` and `scripts/test.sh` install them. A reader that is
//! missing makes the tests fail, never skip.
//!
//! What "gives the text back" means, precisely. The extracted text is normalised:
//! 1. `\r\n`, `\r` and form feeds (page ends) become line breaks;
//! 2. PDFium's U+FFFE (what it writes for a hyphen it takes as a soft hyphen at the
//!    end of a line) becomes `-`;
//! 3. each line is trimmed and runs of spaces in it become one space (the source's
//!    white space is collapsed the same way by the markup);
//! 4. empty lines are dropped, and so are the page furniture lines: a page number
//!    `- ๒ -` and a continuation marker `/ข้อความ...` (artifacts in the tagged PDF;
//!    plain-text readers do not know tags).
//!
//! Then the lines must spell the source out in order, where a line break stands for
//! one space of the source, or for nothing (Thai lines break between words that have
//! no space between them), or for the end of a paragraph; and a hyphen of the source
//! at a line end may be missing (poppler's layout mode joins "E-" / "Service" as a
//! hyphenated word). Anything else — a lost, doubled or moved character, a space
//! inside a word, a missing space — is a failure. Digits are compared as printed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use itadoc::markup::{Block, Document, Inline};
use itadoc::typeset::fonts::Fonts;

/// A reader and how it is run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reader {
    /// `pdftotext` default (physical layout analysis).
    Poppler,
    /// `pdftotext -raw` (content stream order).
    PopplerRaw,
    /// PDFium through pypdfium2.
    Pdfium,
    /// MuPDF through pymupdf.
    Mupdf,
    /// pdfminer.six with its default layout analysis.
    Pdfminer,
    /// PDF.js through pdfjs-dist.
    Pdfjs,
}

const READERS: [Reader; 6] = [
    Reader::Poppler,
    Reader::PopplerRaw,
    Reader::Pdfium,
    Reader::Mupdf,
    Reader::Pdfminer,
    Reader::Pdfjs,
];

fn readers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/readers")
}

/// The text `reader` extracts from each PDF of `paths`, in order. Panics (fails the
/// test) when the reader cannot be run.
fn extract(reader: Reader, paths: &[PathBuf]) -> Vec<String> {
    let dir = readers_dir();
    let run = |mut cmd: Command| -> String {
        let out = cmd.output().unwrap_or_else(|e| {
            panic!("{reader:?} could not be started ({e}): run scripts/test.sh, which installs the readers")
        });
        assert!(
            out.status.success(),
            "{reader:?} failed: {}\nrun scripts/test.sh, which installs the readers",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("readers print UTF-8")
    };
    match reader {
        Reader::Poppler | Reader::PopplerRaw => paths
            .iter()
            .map(|path| {
                let mut c = Command::new("pdftotext");
                if reader == Reader::PopplerRaw {
                    c.arg("-raw");
                }
                c.args(["-enc", "UTF-8"]).arg(path).arg("-");
                run(c)
            })
            .collect(),
        _ => {
            let mut c = match reader {
                Reader::Pdfjs => {
                    assert!(
                        dir.join("node_modules/pdfjs-dist").is_dir(),
                        "PDF.js is not installed: run scripts/test.sh (npm ci in scripts/readers)"
                    );
                    let mut c = Command::new("node");
                    c.arg(dir.join("pdfjs.mjs"));
                    c
                }
                _ => {
                    let mut c = Command::new("python3");
                    c.arg(dir.join("extract.py")).arg(match reader {
                        Reader::Pdfium => "pdfium",
                        Reader::Mupdf => "mupdf",
                        _ => "pdfminer",
                    });
                    c
                }
            };
            c.args(paths);
            let texts: Vec<String> = run(c).split('\0').map(str::to_string).collect();
            assert_eq!(
                texts.len(),
                paths.len(),
                "{reader:?} read {} files of {}",
                texts.len(),
                paths.len()
            );
            texts
        }
    }
}

/// Whether a line is page furniture: "- ๒ -" or a continuation marker "/ข้อความ...".
fn is_furniture(line: &str) -> bool {
    let number = line
        .strip_prefix('-')
        .and_then(|r| r.strip_suffix('-'))
        .map(str::trim);
    let is_number = number.is_some_and(|n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
    });
    is_number || (line.starts_with('/') && line.ends_with("..."))
}

/// Page `number`'s text without the page number it starts with, when poppler's
/// layout mode joined it with the line under it ("-๒ว่าด้วย…": it takes the
/// number's last hyphen for a hyphenation). Only that page's own number is taken
/// off, so digits the text itself starts with ("-๒๙๙.๔๒ คะแนน") stay.
fn strip_page_number(page: &str, number: usize) -> &str {
    let Some(rest) = page.strip_prefix('-') else {
        return page;
    };
    let rest = rest.trim_start_matches(' ');
    let arabic = number.to_string();
    let thai: String = arabic
        .chars()
        .map(|c| char::from_u32('๐' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect();
    let Some(rest) = rest
        .strip_prefix(thai.as_str())
        .or_else(|| rest.strip_prefix(arabic.as_str()))
    else {
        return page;
    };
    rest.trim_start_matches(' ')
        .trim_start_matches('-')
        .trim_start_matches(' ')
}

/// The normalised lines of an extracted text (rules 1–4 of the module comment).
fn normalise(raw: &str) -> Vec<String> {
    let pages: Vec<String> = raw
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{FFFE}', "-")
        .split('\u{c}')
        .enumerate()
        .map(|(i, page)| strip_page_number(page.trim_start(), i + 1).to_string())
        .collect();
    pages
        .join("\n")
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && !is_furniture(line))
        .collect()
}

/// Matches `lines` against `source` from byte `from` of the source, the lines joined
/// by line breaks; returns where the match ends in the source, or where it failed
/// (source position, line index, byte in the line).
fn spell(source: &str, from: usize, lines: &[String]) -> Result<usize, (usize, usize, usize)> {
    let s = source.as_bytes();
    let mut pos = from;
    for (n, line) in lines.iter().enumerate() {
        if n > 0 && pos < s.len() && (s[pos] == b' ' || s[pos] == b'\n') {
            pos += 1; // the line break stood for a space or a paragraph end
        }
        let l = line.as_bytes();
        let mut k = 0;
        while k < l.len() {
            if pos < s.len() && s[pos] == l[k] {
                pos += 1;
                k += 1;
            } else if k == 0 && n > 0 && pos < s.len() && s[pos] == b'-' {
                pos += 1; // a hyphen at a line end, dropped by the reader
            } else {
                return Err((pos, n, k));
            }
        }
    }
    Ok(pos)
}

/// Checks that the normalised `lines` spell `paragraphs` out completely, in order.
fn reads_through(lines: &[String], paragraphs: &[String]) -> Result<(), String> {
    let source = paragraphs.join("\n");
    match spell(&source, 0, lines) {
        Ok(end) if end == source.len() => Ok(()),
        Ok(end) => Err(format!(
            "the text ends early; the source goes on with {:?}",
            excerpt(&source, end)
        )),
        Err((pos, n, k)) => Err(format!(
            "line {} differs at {:?}: the source has {:?}",
            n + 1,
            excerpt(&lines[n], k),
            excerpt(&source, pos)
        )),
    }
}

/// Whether `paragraph` is spelled out somewhere in the lines (a run of whole or
/// partial lines, joined as in [`spell`]).
fn contains(lines: &[String], paragraph: &str) -> bool {
    (0..lines.len()).any(|first| {
        let line = &lines[first];
        // the paragraph may start inside this line
        line.char_indices().any(|(i, _)| {
            let head = &line[i..];
            if !paragraph.starts_with(head) && !head.starts_with(paragraph) {
                return false;
            }
            if head.starts_with(paragraph) {
                return true;
            }
            let rest: Vec<String> = std::iter::once(head.to_string())
                .chain(lines[first + 1..].iter().cloned())
                .collect();
            // match as many lines as the paragraph needs; the last may run on
            let mut pos = 0;
            for (n, l) in rest.iter().enumerate() {
                let p = paragraph.as_bytes();
                if n > 0 && pos < p.len() && p[pos] == b' ' {
                    pos += 1;
                }
                let remaining = &paragraph[pos..];
                if remaining.is_empty() {
                    return true;
                }
                if l.starts_with(remaining) {
                    return true;
                }
                if remaining.starts_with(l.as_str()) {
                    pos += l.len();
                } else if n > 0
                    && remaining.starts_with('-')
                    && remaining[1..].starts_with(l.as_str())
                {
                    pos += 1 + l.len();
                } else {
                    return false;
                }
            }
            pos == paragraph.len()
        })
    })
}

/// Where the reader's text parts from `paragraph`, for failure messages: the longest
/// start of the paragraph found in the lines (joined as in [`spell`]), with what the
/// reader has and what the source has at the point they part.
fn parting(lines: &[String], paragraph: &str) -> String {
    let flat = lines.join("\n");
    let (f, p) = (flat.as_bytes(), paragraph.as_bytes());
    let mut best = (0, 0);
    for start in (0..f.len()).filter(|&i| flat.is_char_boundary(i) && f[i] == p[0]) {
        let (mut i, mut k) = (start, 0);
        while i < f.len() && k < p.len() {
            if f[i] == p[k] {
                i += 1;
                k += 1;
            } else if f[i] == b'\n' {
                i += 1;
                if p[k] == b' ' {
                    k += 1;
                }
            } else if p[k] == b'-' && i > 0 && f[i - 1] == b'\n' {
                k += 1;
            } else {
                break;
            }
        }
        if k > best.1 {
            best = (i, k);
        }
    }
    let (mut i, k) = best;
    while !flat.is_char_boundary(i) {
        i -= 1;
    }
    let mut from = i.saturating_sub(30);
    while !flat.is_char_boundary(from) {
        from -= 1;
    }
    let show = |s: &str| format!("«{}»", s.replace('\n', "⏎"));
    format!(
        "reads {} then {} where the source has {}",
        show(&flat[from..i.max(from)]),
        show(&excerpt(&flat, i)),
        show(&excerpt(paragraph, k))
    )
}

fn excerpt(s: &str, at: usize) -> String {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    s[at..].chars().take(24).collect()
}

/// The text of a paragraph's inline content, white space collapsed; `None` when it
/// has tabs or line breaks (laid out in columns or lines of its own).
fn paragraph_text(content: &[Inline]) -> Option<String> {
    let mut text = String::new();
    for inline in content {
        match inline {
            Inline::Text(t) => text.push_str(&t.text),
            _ => return None,
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // a rule of dashes or dots is decoration, not text
    text.chars().any(char::is_alphanumeric).then_some(text)
}

/// The body paragraphs of a document: top-level paragraphs and the paragraphs of
/// list items, in order (tables, signatures and tabbed lines are left out: readers
/// lay out columns each their own way).
fn body_paragraphs(doc: &Document) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => out.extend(paragraph_text(&p.content)),
                Block::List(list) => {
                    for item in &list.items {
                        walk(&item.blocks, out);
                    }
                }
                Block::Keep(keep) => walk(&keep.blocks, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for section in &doc.sections {
        walk(&section.blocks, &mut out);
    }
    out
}

fn write_pdf(doc: &Document, name: &str) -> PathBuf {
    let layout = itadoc::typeset::typeset(doc, &Fonts::builtin()).unwrap();
    let pdf = itadoc::pdf::write(&layout, &Default::default()).unwrap();
    let dir = std::env::temp_dir().join(format!("itadoc-readers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    path
}

#[test]
fn the_comparison_catches_what_it_is_for() {
    let paragraphs = vec!["ระบบ E-Service ที่นี่".to_string(), "น้ำผึ้ง".to_string()];
    let lines = |s: &str| normalise(s);
    // line breaks at a space, inside Thai text, at a paragraph end; page furniture
    assert_eq!(
        reads_through(&lines("ระบบ E-\nService ที่\nนี่\n- ๒ -\nน้ำผึ้ง\n"), &paragraphs),
        Ok(())
    );
    assert_eq!(
        reads_through(
            &lines("ระบบ   E-Service\r\nที่นี่\u{c}/น้ำผึ้ง...\nน้ำผึ้ง"),
            &paragraphs
        ),
        Ok(())
    );
    // a page number poppler joined with the digits the next page starts with
    let scores = vec!["ก่อน".to_string(), "๙๙.๔๒ คะแนน".to_string()];
    assert_eq!(
        reads_through(&lines("ก่อน\u{c}-๒๙๙.๔๒ คะแนน"), &scores),
        Ok(())
    );
    assert!(reads_through(&lines("ก่อน\u{c}-๒.๔๒ คะแนน"), &scores).is_err());
    // PDFium's hyphen, poppler's dropped hyphen
    assert!(reads_through(&lines("ระบบ E\u{FFFE}\nService ที่นี่\nน้ำผึ้ง"), &paragraphs).is_ok());
    assert!(reads_through(&lines("ระบบ E\nService ที่นี่\nน้ำผึ้ง"), &paragraphs).is_ok());
    // a space inside a word, a doubled letter, a lost mark, a moved mark, ำ spelled
    // as nikhahit + sara aa, a missing space, text left out
    for bad in [
        "ระบบ E-Service ที่ นี่\nน้ำผึ้ง",
        "ระบบ E-Service ที่นี่\nน้ำผึ้งง",
        "ระบบ E-Service ทีนี่\nน้ำผึ้ง",
        "ระบบ E-Service ทีน่ี\nน้ำผึ้ง",
        "ระบบ E-Service ที่นี่\nน้ําผึ้ง",
        "ระบบE-Service ที่นี่\nน้ำผึ้ง",
        "ระบบ E-Service ที่นี่",
    ] {
        assert!(reads_through(&lines(bad), &paragraphs).is_err(), "{bad:?}");
    }
    // finding paragraphs among other text
    let page = lines("หัวเรื่อง\nก่อน ระบบ E-Service\nที่นี่ หลัง\nน้ำ\nผึ้ง");
    assert!(contains(&page, "ระบบ E-Service ที่นี่"));
    assert!(contains(&page, "น้ำผึ้ง"));
    assert!(!contains(&page, "ระบบ E-Service ที่นี่นี่"));
    assert!(!contains(&page, "น้ำผึ้งหวาน"));
    assert!(!contains(&page, "ระบบE-Service"));
}

#[test]
fn held_out_prose_reads_back_in_every_reader() {
    let xml_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/heldout-prose.xml");
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    let doc = itadoc::markup::parse(&xml, "heldout-prose.xml").unwrap();
    let paragraphs = body_paragraphs(&doc);
    assert!(paragraphs.iter().map(|p| p.chars().count()).sum::<usize>() > 2500);
    let pdf = write_pdf(&doc, "heldout-prose");
    let mut failures = Vec::new();
    for reader in READERS {
        let lines = normalise(&extract(reader, std::slice::from_ref(&pdf))[0]);
        let result = reads_through(&lines, &paragraphs);
        if let Err(e) = result {
            failures.push(format!("{reader:?}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn example_documents_read_back_in_every_reader() {
    let mut docs: Vec<(String, Vec<String>, PathBuf)> = Vec::new();
    for (name, _kind, doc) in common::example_markup() {
        let paragraphs = body_paragraphs(&doc);
        let pdf = write_pdf(&doc, &name);
        docs.push((name, paragraphs, pdf));
    }
    let paths: Vec<PathBuf> = docs.iter().map(|d| d.2.clone()).collect();
    // Paragraphs each reader is still known to get wrong, at most (see the README's
    // section on readers): poppler's layout mode takes the short last line of a
    // paragraph whose first line is indented (a list item's "ข้อมูล") for a block
    // of its own and reads it elsewhere; PDFium reads a cluster whose last mark is
    // raised above another (the ์ of ฤทธิ์) once more at the end of the line.
    let known = |reader: Reader| match reader {
        Reader::Poppler => 6,
        Reader::Pdfium => 1,
        Reader::PopplerRaw | Reader::Mupdf | Reader::Pdfminer | Reader::Pdfjs => 0,
    };
    let mut failures = Vec::new();
    for reader in READERS {
        let mut missed = Vec::new();
        for ((name, paragraphs, _), text) in docs.iter().zip(extract(reader, &paths)) {
            let lines = normalise(&text);
            for p in paragraphs {
                if !contains(&lines, p) {
                    missed.push(format!("{name} {reader:?}: {}", parting(&lines, p)));
                }
            }
        }
        if missed.len() > known(reader) {
            failures.extend(missed);
        }
    }
    let checked = docs.len();
    let paragraphs_checked: usize = docs.iter().map(|d| d.1.len()).sum();
    assert!(checked >= 16, "only {checked} documents rendered");
    assert!(
        paragraphs_checked >= 100,
        "only {paragraphs_checked} paragraphs"
    );
    assert!(
        failures.is_empty(),
        "{} paragraphs not read back:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
