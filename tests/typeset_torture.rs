//! Integration tests: typeset markup and check the layout (and the PDF it gives).

use itadoc::markup;
use itadoc::typeset::layout::{GlyphRun, Item, Layout, Page, WarningKind};
use itadoc::typeset::{typeset, Fonts, A4_WIDTH};

const CM: f32 = 28.3465;

fn layout_of(xml: &str) -> Layout {
    let mut doc = markup::parse(xml, "test.xml").expect("markup parses");
    // The stages read no files: the caller hands over the images the markup names
    // (the torture page names the bundled emblem by its path).
    let emblem = concat!(env!("CARGO_MANIFEST_DIR"), "/data/emblem/garuda.svg");
    doc.images.insert(
        "data/emblem/garuda.svg".to_string(),
        std::sync::Arc::new(std::fs::read(emblem).expect("the bundled emblem")),
    );
    typeset(&doc, &Fonts::builtin()).expect("typesets")
}

fn doc(body: &str) -> String {
    format!("<document><section>{body}</section></document>")
}

fn runs(page: &Page) -> impl Iterator<Item = &GlyphRun> {
    page.items.iter().filter_map(|i| match i {
        Item::Glyphs(g) => Some(g),
        _ => None,
    })
}

fn run_end(g: &GlyphRun) -> f32 {
    g.x + g.glyphs.iter().map(|g| g.x_advance).sum::<f32>()
}

/// Text of each line of a page (runs grouped by baseline), top to bottom.
fn lines(page: &Page) -> Vec<(f32, String)> {
    let mut rs: Vec<&GlyphRun> = runs(page).collect();
    rs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<(f32, String)> = Vec::new();
    for r in rs {
        match out.last_mut() {
            Some((y, t)) if (*y - r.y).abs() < 0.5 => t.push_str(&r.text),
            _ => out.push((r.y, r.text.clone())),
        }
    }
    out
}

const BODY: &str = "ด้วยสำนักงาน ป.ป.ช. ได้กำหนดให้หน่วยงานภาครัฐเข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ โดยมีวัตถุประสงค์เพื่อให้หน่วยงานภาครัฐได้รับทราบผลการประเมิน และแนวทางในการปรับปรุงพัฒนาการดำเนินงานให้มีคุณธรรมและความโปร่งใสมากยิ่งขึ้น ซึ่งจะเป็นประโยชน์ต่อการพัฒนาหน่วยงาน และประเทศชาติโดยรวม";

#[test]
fn no_line_is_wider_than_the_measure_and_justified_lines_are_flush() {
    let layout = layout_of(&doc(&format!(r#"<p indent="2.5cm">{BODY} {BODY}</p>"#)));
    let right = A4_WIDTH - 2.0 * CM;
    let page = &layout.pages[0];
    let ls = lines(page);
    assert!(ls.len() >= 8, "{} lines", ls.len());
    let mut line_ends: Vec<(f32, f32)> = Vec::new();
    for r in runs(page) {
        assert!(r.x >= 3.0 * CM - 0.5, "run starts in the margin: {}", r.x);
        match line_ends.iter_mut().find(|(y, _)| (*y - r.y).abs() < 0.5) {
            Some(e) => e.1 = e.1.max(run_end(r)),
            None => line_ends.push((r.y, run_end(r))),
        }
    }
    line_ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(line_ends.len(), ls.len());
    for (k, (_, end)) in line_ends.iter().enumerate() {
        assert!(
            *end <= right + 0.5,
            "line {k} ends at {end}, beyond {right}"
        );
        // A justified line is flush, unless it has no space to widen and would need
        // letter-spacing past the cluster limit: then it is left short.
        let text = ls[k].1.trim_end();
        if k + 1 < line_ends.len() && text.contains(' ') {
            assert!(
                (end - right).abs() < 1.0,
                "justified line {k} ends at {end}, not {right}: {text}"
            );
        }
    }
    let short = line_ends[..line_ends.len() - 1]
        .iter()
        .filter(|(_, end)| (end - right).abs() >= 1.0)
        .count();
    assert!(
        short * 3 <= line_ends.len(),
        "{short} of {} lines short",
        line_ends.len()
    );
    // The last line is not justified: it ends short.
    assert!(line_ends.last().unwrap().1 < right - 5.0);
    assert!(layout.warnings.is_empty(), "{:?}", layout.warnings);
}

#[test]
fn first_line_is_indented_and_lines_are_single_spaced() {
    let layout = layout_of(&doc(&format!(r#"<p indent="2.5cm">{BODY}</p>"#)));
    let ls = lines(&layout.pages[0]);
    let first_x = runs(&layout.pages[0]).map(|r| r.x).fold(f32::MAX, f32::min);
    assert!((first_x - 3.0 * CM).abs() < 0.5);
    let first_line_x = runs(&layout.pages[0])
        .filter(|r| (r.y - ls[0].0).abs() < 0.5)
        .map(|r| r.x)
        .fold(f32::MAX, f32::min);
    assert!((first_line_x - 5.5 * CM).abs() < 0.5);
    // Single spacing leaves room for stacked marks over the vowels below the line
    // above (about 1.65 em for Laksaman), well under Word's win-metrics 1.96 em.
    let pitch = ls[1].0 - ls[0].0;
    assert!((16.0 * 1.5..=16.0 * 1.8).contains(&pitch), "pitch {pitch}");
}

#[test]
fn table_headers_repeat_and_a_long_row_splits() {
    let mut rows = String::new();
    for i in 0..40 {
        let text = if i == 20 {
            format!("{BODY} {BODY} {BODY}")
        } else {
            format!("แถวที่ {i} ข้อความ")
        };
        rows.push_str(&format!("<row><cell>{i}</cell><cell>{text}</cell></row>"));
    }
    let layout = layout_of(&doc(&format!(
        r#"<table columns="2cm 1fr"><row header="true"><cell>ลำดับ</cell><cell>หัวตาราง</cell></row>{rows}</table>"#
    )));
    assert!(layout.pages.len() >= 2);
    for (k, page) in layout.pages.iter().enumerate() {
        let ls = lines(page);
        let header = ls.iter().position(|(_, t)| t.contains("หัวตาราง"));
        assert!(header.is_some(), "page {} has no header row", k + 1);
        // The header is the first line of the body (after the page number).
        assert!(
            header.unwrap() <= 1,
            "page {}: header is line {:?}",
            k + 1,
            header
        );
    }
    // Every row once in the body; the continuation markers ("/…" at the foot)
    // lead with a row's number and its words, not the number alone.
    let (markers, body): (Vec<String>, Vec<String>) = layout
        .pages
        .iter()
        .flat_map(|p| lines(p).into_iter().map(|(_, t)| t))
        .partition(|t| t.starts_with('/'));
    assert_eq!(body.concat().matches("แถวที่").count(), 39);
    assert!(!markers.is_empty());
    for m in &markers {
        assert!(
            m.chars()
                .filter(|c| !c.is_ascii_digit() && *c != '/' && *c != '.')
                .count()
                > 2,
            "marker without words: {m}"
        );
    }
}

#[test]
fn page_numbers_from_page_two_and_continuation_markers() {
    let paras: String = (0..12)
        .map(|_| format!(r#"<p indent="2.5cm">{BODY}</p>"#))
        .collect();
    let layout = layout_of(&doc(&paras));
    assert!(layout.pages.len() >= 2);
    let has = |page: &Page, text: &str| runs(page).any(|r| r.text == text);
    assert!(!runs(&layout.pages[0]).any(|r| r.text.starts_with("- ")));
    assert!(has(&layout.pages[1], "- ๒ -"));
    let n = layout.pages.len();
    for k in 0..n {
        let marker =
            runs(&layout.pages[k]).find(|r| r.text.starts_with('/') && r.text.ends_with("..."));
        if k + 1 == n {
            assert!(marker.is_none(), "last page has a continuation marker");
            continue;
        }
        let marker = marker.expect("page that continues has a marker");
        let words = marker.text.trim_start_matches('/').trim_end_matches("...");
        assert!(!words.is_empty() && words.chars().count() <= 24, "{words}");
        // The words are the beginning of the next page's first body line.
        let next = lines(&layout.pages[k + 1]);
        let first_body = next.iter().find(|(_, t)| !t.starts_with("- ")).unwrap();
        assert!(
            first_body.1.starts_with(words),
            "{words} vs {}",
            first_body.1
        );
        // Bottom right, inside the page, below the text.
        assert!(run_end(marker) <= A4_WIDTH - 2.0 * CM + 0.5);
        assert!(marker.y > 841.89 - 2.0 * CM);
    }
}

#[test]
fn no_widows_or_orphans() {
    // Push a 15 pt paragraph down the first page by different amounts; wherever it
    // splits, each page keeps at least two of its lines.
    let mut split = 0;
    for space in 0..30 {
        let filler = format!(
            r#"<p space-before="{}pt">{BODY} {BODY} {BODY} {BODY} {BODY}</p>"#,
            space * 19
        );
        let target = format!(r#"<p size="15pt">{BODY} {BODY}</p>"#);
        let layout = layout_of(&doc(&format!("{filler}{filler}{target}")));
        let mut total = 0;
        for page in &layout.pages {
            let mut ys: Vec<i32> = runs(page)
                .filter(|r| r.size == 15.0)
                .map(|r| r.y.round() as i32)
                .collect();
            ys.dedup();
            ys.sort();
            ys.dedup();
            assert!(
                ys.is_empty() || ys.len() >= 2,
                "space {space}: a page holds {} line(s)",
                ys.len()
            );
            total += ys.len();
        }
        assert!(total >= 4);
        let pages_with_it = layout
            .pages
            .iter()
            .filter(|p| runs(p).any(|r| r.size == 15.0))
            .count();
        if pages_with_it > 1 {
            split += 1;
        }
    }
    // The rule was put to the test: the paragraph did split for some of the pushes.
    assert!(
        split >= 3,
        "the paragraph split over two pages only {split} times"
    );
}

#[test]
fn missing_glyphs_are_reported_with_place() {
    let layout = layout_of(&doc(
        "<p>ขอบคุณ ✓ และ</p><pagebreak/><p>คำที่มีอักษร\u{0642}แปลกปลอม</p>",
    ));
    let kinds: Vec<_> = layout.warnings.iter().map(|w| &w.kind).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    match kinds[0] {
        WarningKind::MissingGlyphs {
            chars,
            page,
            context,
        } => {
            assert_eq!(chars, &vec!['✓']);
            assert_eq!(*page, 1);
            assert!(context.contains("ขอบคุณ"));
        }
        other => panic!("{other:?}"),
    }
    match kinds[1] {
        WarningKind::MissingGlyphs { chars, page, .. } => {
            assert_eq!(chars, &vec!['\u{0642}']);
            assert_eq!(*page, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn glyph_text_ranges_rebuild_the_source() {
    let src = "ที่ ปี่ ป้อม น้ำ ผู้ ญู ฐุ ฤๅ กำ ก๋ำ ITA 98.85";
    let layout = layout_of(&doc(&format!("<p>{src}</p>")));
    let mut rebuilt = String::new();
    for r in runs(&layout.pages[0]) {
        let mut last = None;
        for g in &r.glyphs {
            assert!(g.text.end <= r.text.len() && r.text.is_char_boundary(g.text.start));
            if last != Some(g.text.clone()) {
                rebuilt.push_str(&r.text[g.text.clone()]);
                last = Some(g.text.clone());
            }
        }
    }
    assert_eq!(rebuilt, src);
}

#[test]
fn names_in_the_dictionary_do_not_split() {
    let name = "นายโกสินทร์ วิชาธรรม";
    let xml = format!(
        r#"<document><dictionary><word>{name}</word></dictionary><section><p>{BODY} {name} {BODY} {name} {BODY} {name}</p></section></document>"#
    );
    let layout = layout_of(&xml);
    let ls = lines(&layout.pages[0]);
    let count: usize = ls.iter().map(|(_, t)| t.matches(name).count()).sum();
    assert_eq!(count, 3, "{ls:#?}");
}

#[test]
fn signature_is_kept_whole_and_centred_at_x() {
    let paras: String = (0..4).map(|_| format!("<p>{BODY} {BODY}</p>")).collect();
    let layout = layout_of(&doc(&format!(
        "{paras}<signature><line>(นายโกสินทร์ วิชาธรรม)</line><line>นักทรัพยากรบุคคลชำนาญการ</line></signature>"
    )));
    let page_of = |t: &str| {
        layout
            .pages
            .iter()
            .position(|p| runs(p).any(|r| r.text.contains(t)))
    };
    assert_eq!(page_of("(นายโกสินทร์"), page_of("นักทรัพยากร"));
    let page = &layout.pages[page_of("นักทรัพยากร").unwrap()];
    let r = runs(page).find(|r| r.text.contains("นักทรัพยากร")).unwrap();
    let text_width = A4_WIDTH - 5.0 * CM;
    let centre = 3.0 * CM + text_width * 0.45 + text_width * 0.55 / 2.0;
    assert!(((r.x + run_end(r)) / 2.0 - centre).abs() < 1.0);
}

#[test]
fn landscape_section_and_tabs() {
    let layout = layout_of(
        r#"<document><section><p>a</p></section><section orientation="landscape"><p align="left" tabs="8cm 20cmr">ที่<tab/>วันที่<tab/>ขวา</p></section></document>"#,
    );
    assert_eq!(layout.pages.len(), 2);
    assert!(layout.pages[1].width > layout.pages[1].height);
    let r = |t: &str| {
        runs(&layout.pages[1])
            .find(|r| r.text == t)
            .unwrap()
            .clone()
    };
    assert!((r("วันที่").x - (3.0 * CM + 8.0 * CM)).abs() < 0.5);
    assert!((run_end(&r("ขวา")) - (3.0 * CM + 20.0 * CM)).abs() < 0.5);
}

#[test]
fn torture_renders_to_pdf() {
    let xml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/torture.xml"))
        .unwrap();
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let layout = layout_of(&xml);
    assert!(layout.pages.len() >= 4);
    assert!(
        layout.pages.iter().any(|p| p.width > p.height),
        "landscape page"
    );
    // ✓ is not in Laksaman: reported, not silently drawn.
    assert!(layout.warnings.iter().any(
        |w| matches!(&w.kind, WarningKind::MissingGlyphs { chars, .. } if chars == &vec!['✓'])
    ));
    let pdf = itadoc::pdf::write(&layout, &Default::default()).expect("pdf");
    let out = std::env::temp_dir().join(format!("itadoc-torture-{}.pdf", std::process::id()));
    std::fs::write(&out, &pdf).unwrap();
    // poppler reads the file: as many pages as laid out, the landscape one wide.
    let info = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99"])
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo (poppler-utils) is needed for this test: {e}"));
    let _ = std::fs::remove_file(&out);
    assert!(info.status.success(), "pdfinfo refuses the torture PDF");
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: Option<usize> = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok());
    assert_eq!(pages, Some(layout.pages.len()), "{info}");
    assert!(
        info.contains("841.89 x 595.276 pts"),
        "no landscape page: {info}"
    );
}

#[test]
fn split_table_rows_keep_two_lines_of_each_cell_on_each_page() {
    // A row with a long cell (15 pt) beside a three-line cell (14 pt), pushed down
    // the first page by different amounts: wherever the row breaks, the long cell
    // leaves at least two lines on each page and the short cell never splits. The
    // cells hold one-line paragraphs as well as a long one, so no paragraph keeps
    // do the row's work.
    let long = format!(
        r#"<p size="15pt">๑. สำรวจ</p><p size="15pt">{BODY}</p><p size="15pt">๒. ประชุม</p><p size="15pt">๓. ติดตาม</p><p size="15pt">๔. รายงาน</p>"#
    );
    let short = r#"<p size="14pt">สำนักปลัด</p><p size="14pt">กองคลัง</p><p size="14pt">กองช่าง</p>"#;
    let mut splits = 0;
    for space in 0..24 {
        let filler = format!(
            r#"<p space-before="{}pt">{BODY} {BODY} {BODY} {BODY} {BODY}</p>"#,
            space * 21
        );
        let table = format!(
            r#"<table columns="1fr 1fr"><row><cell>{long}</cell><cell>{short}</cell></row></table>"#
        );
        let layout = layout_of(&doc(&format!("{filler}{filler}{table}")));
        let count = |page: &Page, size: f32| {
            let mut ys: Vec<i32> = runs(page)
                .filter(|r| r.size == size)
                .map(|r| r.y.round() as i32)
                .collect();
            ys.sort();
            ys.dedup();
            ys.len()
        };
        let (mut long_total, mut short_pages, mut long_pages) = (0, 0, 0);
        for page in &layout.pages {
            let n = count(page, 15.0);
            assert!(
                n == 0 || n >= 2,
                "space {space}: a page holds {n} line(s) of the long cell"
            );
            long_total += n;
            long_pages += usize::from(n > 0);
            let m = count(page, 14.0);
            assert!(
                m == 0 || m == 3,
                "space {space}: the short cell split ({m} lines)"
            );
            short_pages += usize::from(m > 0);
        }
        assert!(long_total >= 5, "space {space}: {long_total} lines");
        assert_eq!(short_pages, 1);
        splits += usize::from(long_pages > 1);
    }
    assert!(splits >= 3, "the row split only {splits} times");
}

#[test]
fn torture_outer_table_is_closed_on_every_page_it_crosses() {
    let xml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/torture.xml"))
        .unwrap();
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let layout = layout_of(&xml);
    // The outer table is 17 cm wide: its horizontal rules are the lines that long.
    let rules = |page: &Page| -> Vec<f32> {
        let mut ys: Vec<f32> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line(l)
                    if (l.from.1 - l.to.1).abs() < 1e-3
                        && ((l.to.0 - l.from.0).abs() - 17.0 * CM).abs() < 0.5 =>
                {
                    Some(l.from.1)
                }
                _ => None,
            })
            .collect();
        ys.sort_by(f32::total_cmp);
        ys
    };
    let pages: Vec<&Page> = layout
        .pages
        .iter()
        .filter(|p| runs(p).any(|r| r.text.contains("กิจกรรมที่")))
        .collect();
    assert!(pages.len() >= 2, "the outer table crosses a page");
    for (k, page) in pages.iter().enumerate() {
        let r = rules(page);
        assert_eq!(r.len(), 2, "page {k} of the table: rules at {r:?}");
        // The header row comes first on every page, under the top rule.
        let ls = lines(page);
        let header = ls.iter().position(|(_, t)| t.contains("ผู้รับผิดชอบ")).unwrap();
        let first_row = ls
            .iter()
            .position(|(_, t)| t.contains("สำนักปลัด") || t.contains("กิจกรรม"))
            .unwrap();
        assert!(header <= first_row, "page {k}: {ls:?}");
        assert!(ls[header].0 > r[0] && ls[header].0 < r[0] + 40.0);
    }
}
