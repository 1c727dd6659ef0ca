//! Every example document's DOCX, opened and laid out by LibreOffice (headless, all
//! files in one `soffice --convert-to pdf` run), has the same words in the same order
//! as our PDF, and about as many pages.
//!
//! LibreOffice is given the bundled Laksaman family in place of TH SarabunIT๙ (the
//! same design; a fontconfig alias in a private configuration), as on a government PC
//! that has the font the DOCX names.
//!
//! The comparison, precisely:
//! 1. the text of each PDF is read with `pdftotext -enc UTF-8 -raw` (drawing order);
//! 2. page furniture is dropped: lines that are only a page number between hyphens
//!    ("- ๒ -", "- 2 -": LibreOffice shows Word's Thai page-number format in Arabic
//!    digits), and our continuation markers ("/ข้อความ..."), which a DOCX leaves out;
//! 3. the check mark ✓ is dropped (our PDF draws it as strokes, with no text), and so
//!    is every run of three or more dots (LibreOffice writes Word's tab leaders as
//!    dots; our PDF draws a dotted line), and so are right-to-left letters and bidi
//!    controls (an example has an Arabic typo; where a program puts them in its text
//!    depends on its bidi algorithm);
//! 4. every white-space character (no-break spaces too) and hyphen is removed, so
//!    where each program breaks its lines does not matter (poppler drops a hyphen at a
//!    line end);
//! 5. each table header row's text is cut out wherever it occurs (it repeats on every
//!    page a table continues on, and the pages differ), after checking it occurs in
//!    both at least as often as it heads a table; list labels likewise (our PDF draws
//!    a label after its line's text), after checking both have each as often;
//! 6. the two texts must then hold the same characters the same number of times;
//! 7. and each must read as the markup's text in order: the text outside tables
//!    character for character, and each table as one stretch holding every cell's
//!    text whole, except the cells of a row split across a page (one program splits
//!    rows where the other does not), whose characters are all there.

mod docx_common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use itadoc::markup::{Block, Document, Inline};

/// The soffice binary, or a failure that says how to install it.
fn soffice() -> PathBuf {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        let p = Path::new(dir).join("soffice");
        if p.is_file() {
            return p;
        }
    }
    for p in [
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
    ] {
        if Path::new(p).is_file() {
            return PathBuf::from(p);
        }
    }
    panic!(
        "LibreOffice (soffice) is missing: install libreoffice-writer-nogui \
         (scripts/test.sh and .ci/run do)"
    );
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|_| panic!("pdftotext is missing: run scripts/test.sh"));
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A fontconfig configuration: the system's, plus the bundled fonts, with Laksaman
/// standing in for the TH Sarabun family.
fn fontconfig(dir: &Path) -> PathBuf {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let conf = dir.join("fonts.conf");
    let mut aliases = String::new();
    for family in ["TH SarabunIT๙", "TH SarabunPSK", "TH Sarabun New"] {
        aliases.push_str(&format!(
            "<alias binding=\"same\"><family>{family}</family><prefer><family>Laksaman</family></prefer></alias>\n"
        ));
    }
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n\
             <dir>{}</dir>\n<cachedir>{}</cachedir>\n{aliases}</fontconfig>\n",
            fonts.display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    conf
}

/// Converts every DOCX in `files` to PDF in `out` with one soffice run.
fn convert_all(files: &[PathBuf], work: &Path, out: &Path) {
    let profile = work.join("lo-profile");
    let mut child = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .env("FONTCONFIG_FILE", fontconfig(work))
        .env("HOME", work)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("soffice starts");
    // a guard against a hung office, not a timing assertion
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "soffice failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(900) {
            let _ = child.kill();
            panic!("soffice did not finish converting in 15 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn is_furniture(line: &str) -> bool {
    let l = line.trim();
    let page_number = l.len() > 2
        && l.starts_with('-')
        && l.ends_with('-')
        && l.trim_matches('-')
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
        && !l.trim_matches('-').trim().is_empty();
    let continuation = l.starts_with('/') && l.ends_with("...");
    page_number || continuation
}

/// Hebrew, Arabic and the scripts after them up to Thaana, and the bidi controls.
fn is_rtl(c: char) -> bool {
    ('\u{590}'..='\u{8ff}').contains(&c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Steps 2–4: the text without furniture, leaders, white space or hyphens.
fn squeeze(text: &str) -> String {
    let s: String = text
        .lines()
        .filter(|l| !is_furniture(l))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '✓' && *c != '\u{c}')
        .filter(|c| !is_rtl(*c))
        .collect();
    // a run of three or more dots is a leader (LibreOffice writes Word's tab leaders
    // as text; our PDF draws dotted lines)
    let mut out = String::with_capacity(s.len());
    let mut dots = 0;
    for c in s.chars() {
        if c == '.' {
            dots += 1;
            continue;
        }
        if (1..3).contains(&dots) {
            out.extend(std::iter::repeat_n('.', dots));
        }
        dots = 0;
        out.push(c);
    }
    if (1..3).contains(&dots) {
        out.extend(std::iter::repeat_n('.', dots));
    }
    out
}

fn inline_text(content: &[Inline], out: &mut String) {
    for i in content {
        if let Inline::Text(t) = i {
            out.push_str(&t.text);
        }
    }
}

fn blocks_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => inline_text(&p.content, out),
            Block::List(l) => {
                for i in &l.items {
                    blocks_text(&i.blocks, out)
                }
            }
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        blocks_text(&c.blocks, out)
                    }
                }
            }
            Block::Keep(k) => blocks_text(&k.blocks, out),
            Block::Signature(s) => {
                for l in &s.lines {
                    inline_text(l, out)
                }
            }
            Block::Emblem(_) | Block::PageBreak => {}
        }
    }
}

/// The squeezed text of every header row, with how many tables it heads.
fn header_rows(doc: &Document) -> Vec<(String, usize)> {
    fn walk(blocks: &[Block], out: &mut Vec<(String, usize)>) {
        for b in blocks {
            match b {
                Block::Table(t) => {
                    for r in t.rows.iter().filter(|r| r.header) {
                        let mut s = String::new();
                        for c in &r.cells {
                            blocks_text(&c.blocks, &mut s);
                        }
                        let s = squeeze(&s);
                        if s.is_empty() {
                            continue;
                        }
                        match out.iter_mut().find(|(h, _)| *h == s) {
                            Some((_, n)) => *n += 1,
                            None => out.push((s, 1)),
                        }
                    }
                }
                Block::Keep(k) => walk(&k.blocks, out),
                Block::List(l) => l.items.iter().for_each(|i| walk(&i.blocks, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in &doc.sections {
        walk(&s.blocks, &mut out);
    }
    // longest first, so a header row that contains another is cut whole
    out.sort_by_key(|(h, _)| std::cmp::Reverse(h.len()));
    out
}

/// Every list label of the document (squeezed), with how many items carry it.
fn list_labels(doc: &Document) -> Vec<(String, usize)> {
    fn walk(blocks: &[Block], digits: itadoc::markup::Digits, out: &mut Vec<(String, usize)>) {
        for b in blocks {
            match b {
                Block::List(l) => {
                    for (k, item) in l.items.iter().enumerate() {
                        let label = item.label.clone().unwrap_or_else(|| {
                            l.label.replace('#', &digits.format(l.start + k as u32))
                        });
                        let s = squeeze(&label);
                        if !s.is_empty() {
                            match out.iter_mut().find(|(h, _)| *h == s) {
                                Some((_, n)) => *n += 1,
                                None => out.push((s, 1)),
                            }
                        }
                        walk(&item.blocks, digits, out);
                    }
                }
                Block::Keep(k) => walk(&k.blocks, digits, out),
                Block::Table(t) => {
                    for r in &t.rows {
                        for c in &r.cells {
                            walk(&c.blocks, digits, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in &doc.sections {
        walk(&s.blocks, doc.digits, &mut out);
    }
    out.sort_by_key(|(h, _)| std::cmp::Reverse(h.len()));
    out
}

/// Step 5: cuts the header rows (or labels) out, returning the text and each one's
/// count.
fn cut(text: &str, pieces: &[(String, usize)]) -> (String, Vec<usize>) {
    let mut s = text.to_string();
    let mut counts = Vec::new();
    for (h, _) in pieces {
        counts.push(s.matches(h.as_str()).count());
        s = s.replace(h.as_str(), "");
    }
    (s, counts)
}

/// What the markup says the text is, in order.
enum Unit {
    /// Text outside tables.
    Flow(String),
    /// A table's cells (header rows left out).
    Table(Vec<String>),
}

fn units(doc: &Document, labels: &[(String, usize)]) -> Vec<Unit> {
    fn walk(blocks: &[Block], out: &mut Vec<Unit>) {
        for b in blocks {
            match b {
                Block::Table(t) => {
                    let mut cells = Vec::new();
                    for r in t.rows.iter().filter(|r| !r.header) {
                        for c in &r.cells {
                            let mut s = String::new();
                            blocks_text(&c.blocks, &mut s);
                            cells.push(s);
                        }
                    }
                    out.push(Unit::Table(cells));
                }
                Block::Keep(k) => walk(&k.blocks, out),
                Block::List(l) => l.items.iter().for_each(|i| walk(&i.blocks, out)),
                other => {
                    let mut s = String::new();
                    blocks_text(std::slice::from_ref(other), &mut s);
                    match out.last_mut() {
                        Some(Unit::Flow(f)) => f.push_str(&s),
                        _ => out.push(Unit::Flow(s)),
                    }
                }
            }
        }
    }
    let mut raw = Vec::new();
    for s in &doc.sections {
        walk(&s.blocks, &mut raw);
    }
    let clean = |s: &str| cut(&squeeze(s), labels).0;
    raw.into_iter()
        .map(|u| match u {
            Unit::Flow(f) => Unit::Flow(clean(&f)),
            Unit::Table(cells) => Unit::Table(
                cells
                    .iter()
                    .map(|c| clean(c))
                    .filter(|c| !c.is_empty())
                    .collect(),
            ),
        })
        .collect()
}

fn chars_sorted(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v
}

fn snippet(s: &str) -> String {
    s.chars().take(30).collect()
}

/// Step 7 for one text.
fn reads_as(text: &str, units: &[Unit]) -> Result<(), String> {
    let mut pos = 0;
    for u in units {
        let rest = &text[pos..];
        match u {
            Unit::Flow(f) => {
                if !rest.starts_with(f.as_str()) {
                    let common = rest
                        .char_indices()
                        .zip(f.chars())
                        .take_while(|((_, a), b)| a == b)
                        .last()
                        .map_or(0, |((i, a), _)| i + a.len_utf8());
                    return Err(format!(
                        "after …{}: expected {}…, found {}…",
                        snippet(&text[pos..pos + common].chars().rev().collect::<String>())
                            .chars()
                            .rev()
                            .collect::<String>(),
                        snippet(&f[common..]),
                        snippet(&rest[common..])
                    ));
                }
                pos += f.len();
            }
            Unit::Table(cells) => {
                let total: usize = cells.iter().map(|c| c.len()).sum();
                let Some(span) = rest.get(..total) else {
                    return Err(format!("a table starting {}… is cut short", snippet(rest)));
                };
                let mut left = span.to_string();
                let mut split = String::new();
                let mut order: Vec<&String> = cells.iter().collect();
                order.sort_by_key(|c| std::cmp::Reverse(c.len()));
                for c in order {
                    match left.find(c.as_str()) {
                        Some(i) => {
                            left.replace_range(i..i + c.len(), "");
                        }
                        None => split.push_str(c),
                    }
                }
                if chars_sorted(&left) != chars_sorted(&split) {
                    return Err(format!(
                        "the table starting {}… does not hold its cells' text (left over: {}…)",
                        snippet(span),
                        snippet(&left)
                    ));
                }
                pos += total;
            }
        }
    }
    if pos < text.len() {
        return Err(format!("text after the end: {}…", snippet(&text[pos..])));
    }
    Ok(())
}

/// Steps 2–7 for two texts: the problems found (empty when they agree).
fn compare(ours: &str, theirs: &str, doc: &Document) -> Vec<String> {
    let headers = header_rows(doc);
    let labels = list_labels(doc);
    let (a, ha) = cut(&squeeze(ours), &headers);
    let (b, hb) = cut(&squeeze(theirs), &headers);
    let (a, la) = cut(&a, &labels);
    let (b, lb) = cut(&b, &labels);
    let mut problems = Vec::new();
    for (((h, tables), x), y) in headers.iter().zip(&ha).zip(&hb) {
        if x < tables || y < tables {
            problems.push(format!(
                "header row {h} heads {tables} table(s) but occurs {x} time(s) in ours, {y} in LibreOffice's"
            ));
        }
    }
    for (((l, items), x), y) in labels.iter().zip(&la).zip(&lb) {
        if x != y || x < items {
            problems.push(format!(
                "list label {l} marks {items} item(s) but occurs {x} time(s) in ours, {y} in LibreOffice's"
            ));
        }
    }
    let (sa, sb) = (chars_sorted(&a), chars_sorted(&b));
    if sa != sb {
        let mut ca: HashMap<char, isize> = HashMap::new();
        for c in &sa {
            *ca.entry(*c).or_insert(0) += 1;
        }
        for c in &sb {
            *ca.entry(*c).or_insert(0) -= 1;
        }
        let mut diff: Vec<_> = ca.into_iter().filter(|(_, n)| *n != 0).collect();
        diff.sort();
        problems.push(format!(
            "different characters (count in ours minus LibreOffice's): {diff:?}"
        ));
    }
    let units = units(doc, &labels);
    if let Err(e) = reads_as(&a, &units) {
        problems.push(format!("ours: {e}"));
    }
    if let Err(e) = reads_as(&b, &units) {
        problems.push(format!("LibreOffice's: {e}"));
    }
    problems
}

#[test]
fn the_comparison_catches_lost_and_moved_text() {
    let doc = itadoc::markup::parse(
        "<document><section><p>ผลการประเมินคุณธรรม และความโปร่งใส</p>\
         <table columns=\"1fr 1fr\"><row header=\"true\"><cell>หัว</cell><cell>ตาราง</cell></row>\
         <row><cell>ช่องหนึ่ง</cell><cell>ช่องสอง</cell></row><row><cell>ช่องสาม</cell><cell>ช่องสี่</cell></row></table>\
         <list label=\"(#)\"><item>ข้อแรก</item></list></section></document>",
        "t",
    )
    .unwrap();
    let base =
        "ผลการประเมินคุณธรรม และความโปร่งใส\nหัว ตาราง\nช่องหนึ่ง ช่องสอง\nช่องสาม ช่องสี่\n(๑) ข้อแรก\n- ๒ -\n";
    assert_eq!(compare(base, base, &doc), Vec::<String>::new());
    // line breaks, page numbers, hyphens, leaders and a repeated header do not count,
    // nor does a row split across a page
    let relaid = "ผลการประเมินคุณ\nธรรมและความ-\nโปร่งใส\n- 2 -\nหัว ตาราง\nช่องหนึ่ง ช่อง\n/สอง...\nหัว ตาราง\nสอง\nช่องสาม ช่องสี่\n(๑) ข้อแรก.........\n";
    assert_eq!(compare(base, relaid, &doc), Vec::<String>::new());
    // a lost word does
    assert!(!compare(base, &base.replace("คุณธรรม", ""), &doc).is_empty());
    // a word moved out of its paragraph does
    let moved = base
        .replace("ผลการประเมินคุณธรรม และ", "ผลการประเมิน และ")
        .replace("ข้อแรก", "ข้อแรกคุณธรรม");
    assert!(!compare(base, &moved, &doc).is_empty());
    // a cell moved out of its table does
    let out_of_table = base.replace("ช่องสี่\n(๑) ข้อแรก", "\n(๑) ข้อแรกช่องสี่");
    assert!(!compare(base, &out_of_table, &doc).is_empty());
    // a lost list label does
    assert!(!compare(base, &base.replace("(๑)", ""), &doc).is_empty());
    assert!(is_furniture("- ๑๒ -") && is_furniture("/ตัวชี้วัดที่ ๓..."));
    assert!(!is_furniture("-") && !is_furniture("ผล - ดี"));
}

#[test]
fn libreoffice_lays_out_every_example_docx_with_our_text() {
    let rendered = docx_common::render_examples();
    let work = std::env::temp_dir().join(format!("itadoc-docx-lo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let out = work.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut files = Vec::new();
    for r in &rendered {
        let path = work.join(format!("{}.docx", r.name));
        std::fs::write(&path, &r.docx).unwrap();
        std::fs::write(work.join(format!("{}.pdf", r.name)), &r.pdf).unwrap();
        files.push(path);
    }
    convert_all(&files, &work, &out);

    let mut problems = Vec::new();
    for r in &rendered {
        let converted = out.join(format!("{}.pdf", r.name));
        assert!(
            converted.is_file(),
            "LibreOffice did not convert {}.docx",
            r.name
        );
        let theirs = pdftotext(&converted);
        let ours = pdftotext(&work.join(format!("{}.pdf", r.name)));
        let their_pages = theirs.matches('\u{c}').count();
        eprintln!(
            "{}: {} pages ours, {their_pages} LibreOffice's",
            r.name, r.pages
        );
        if (their_pages as f32 - r.pages as f32).abs() > 0.25 * r.pages as f32 {
            problems.push(format!(
                "{}: LibreOffice lays it out on {their_pages} pages, ours has {} (more than 25% apart)",
                r.name, r.pages
            ));
        }
        for p in compare(&ours, &theirs, &r.doc) {
            problems.push(format!("{}: {p}", r.name));
        }
    }
    if problems.is_empty() && std::env::var_os("ITADOC_KEEP_DOCX").is_none() {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        eprintln!("files kept in {}", work.display());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
