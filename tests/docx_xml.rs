//! The WordprocessingML itadoc writes, read back with the `zip` crate and roxmltree:
//! a well-formed package whose relationships all resolve, and the things an officer
//! relies on in Word: TH SarabunIT๙ for Thai (complex-script attributes), 16 pt Thai
//! distributed body paragraphs, memo fields with dotted tab leaders, repeated table
//! header rows, the PDF's column widths, merged and shaded cells, the Garuda at its
//! printed size, page setup per section and "- ๒ -" page numbers from page 2.

mod docx_common;

use std::collections::HashMap;

use docx_common::{part, unzip};
use itadoc::documents::DocumentKind;
use itadoc::docx::{self, DocxOptions};
use itadoc::markup::{self, Block, Inline};
use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CM_TWIPS: f32 = 566.929;
const CM_EMU: f32 = 360000.0;

fn w<'a>(n: Node<'a, '_>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn wattr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

fn descendants<'a>(n: Node<'a, 'a>, name: &'a str) -> impl Iterator<Item = Node<'a, 'a>> + 'a {
    n.descendants().filter(move |c| c.has_tag_name((W, name)))
}

/// The text of a paragraph (or any element): its `w:t`, tabs as tabs.
fn text(n: Node) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if d.has_tag_name((W, "t")) {
            s.push_str(d.text().unwrap_or(""));
        } else if d.has_tag_name((W, "tab")) && d.parent().is_some_and(|p| p.has_tag_name((W, "r")))
        {
            s.push('\t');
        } else if d.has_tag_name((W, "br")) {
            s.push('\n');
        }
    }
    s
}

fn twips(n: Node, name: &str) -> f32 {
    wattr(n, name).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

fn memo() -> (markup::Document, HashMap<String, Vec<u8>>) {
    let (_, _, doc) = docx_common::example_markup()
        .into_iter()
        .find(|(name, kind, _)| name.starts_with("khoksung-2566") && *kind == DocumentKind::Memo)
        .expect("the khoksung memo");
    let bytes = docx::write(&doc, &DocxOptions::default()).unwrap();
    (doc, unzip(&bytes))
}

#[test]
fn every_package_is_well_formed_and_its_relationships_resolve() {
    for (name, _, doc) in docx_common::example_markup() {
        let bytes = docx::write(&doc, &DocxOptions::default()).unwrap();
        assert_eq!(
            bytes,
            docx::write(&doc, &DocxOptions::default()).unwrap(),
            "{name}: the same markup gives the same bytes"
        );
        let parts = unzip(&bytes);
        let types = part(&parts, "[Content_Types].xml");
        let types = Document::parse(&types).unwrap();
        for (pname, data) in &parts {
            if pname.ends_with(".xml") || pname.ends_with(".rels") || pname.ends_with(".svg") {
                let s = String::from_utf8(data.clone()).unwrap();
                Document::parse(&s).unwrap_or_else(|e| panic!("{name}: {pname}: {e}"));
            }
            let ext = pname.rsplit('.').next().unwrap();
            let typed = types.root_element().children().any(|c| {
                c.attribute("PartName") == Some(&format!("/{pname}"))
                    || c.attribute("Extension") == Some(ext)
            });
            assert!(typed, "{name}: {pname} has no content type");
        }
        for (rels, base) in [
            ("_rels/.rels", ""),
            ("word/_rels/document.xml.rels", "word/"),
        ] {
            let s = part(&parts, rels);
            let d = Document::parse(&s).unwrap();
            for r in d.root_element().children().filter(|c| c.is_element()) {
                let target = format!("{base}{}", r.attribute("Target").unwrap());
                assert!(
                    parts.contains_key(&target),
                    "{name}: {rels} names {target}, which is missing"
                );
            }
        }
        // every r:id the document uses is a relationship
        let rels = part(&parts, "word/_rels/document.xml.rels");
        let rels = Document::parse(&rels).unwrap();
        let ids: Vec<&str> = rels
            .root_element()
            .children()
            .filter_map(|c| c.attribute("Id"))
            .collect();
        let body = part(&parts, "word/document.xml");
        let body = Document::parse(&body).unwrap();
        for n in body.descendants() {
            for a in n.attributes() {
                if a.namespace() == Some(R) {
                    assert!(
                        ids.contains(&a.value()),
                        "{name}: r:{} {} is no relationship",
                        a.name(),
                        a.value()
                    );
                }
            }
        }
    }
}

#[test]
fn the_document_holds_the_markups_text_in_order() {
    fn inline(content: &[Inline], out: &mut String) {
        for i in content {
            match i {
                Inline::Text(t) => out.push_str(&t.text),
                Inline::Tick { .. } => out.push('✓'),
                _ => {}
            }
        }
    }
    fn blocks(bs: &[Block], digits: markup::Digits, out: &mut String) {
        for b in bs {
            match b {
                Block::Paragraph(p) => inline(&p.content, out),
                Block::List(l) => {
                    for (k, i) in l.items.iter().enumerate() {
                        let label = i.label.clone().unwrap_or_else(|| {
                            l.label.replace('#', &digits.format(l.start + k as u32))
                        });
                        out.push_str(&label);
                        blocks(&i.blocks, digits, out);
                    }
                }
                Block::Table(t) => {
                    for r in &t.rows {
                        for c in &r.cells {
                            blocks(&c.blocks, digits, out)
                        }
                    }
                }
                Block::Signature(s) => s.lines.iter().for_each(|l| inline(l, out)),
                Block::Keep(k) => blocks(&k.blocks, digits, out),
                Block::Emblem(_) | Block::PageBreak => {}
            }
        }
    }
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    for (name, _, doc) in docx_common::example_markup() {
        let mut expected = String::new();
        for s in &doc.sections {
            blocks(&s.blocks, doc.digits, &mut expected);
        }
        let parts = unzip(&docx::write(&doc, &DocxOptions::default()).unwrap());
        let body = part(&parts, "word/document.xml");
        let body = Document::parse(&body).unwrap();
        let got = text(body.root_element());
        assert_eq!(squeeze(&got), squeeze(&expected), "{name}");
        assert!(expected.chars().count() > 500, "{name}: a real document");
    }
}

#[test]
fn memo_runs_name_the_thai_font_for_complex_script_at_16pt() {
    let (_, parts) = memo();
    let styles = part(&parts, "word/styles.xml");
    let styles = Document::parse(&styles).unwrap();
    let rpr = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "rPrDefault")))
        .and_then(|n| w(n, "rPr"))
        .unwrap();
    let fonts = w(rpr, "rFonts").unwrap();
    assert_eq!(wattr(fonts, "cs"), Some("TH SarabunIT๙"));
    assert_eq!(wattr(fonts, "ascii"), Some("TH SarabunIT๙"));
    assert_eq!(wattr(fonts, "hint"), Some("cs"));
    assert_eq!(wattr(w(rpr, "sz").unwrap(), "val"), Some("32"));
    assert_eq!(wattr(w(rpr, "szCs").unwrap(), "val"), Some("32"));
    assert_eq!(wattr(w(rpr, "lang").unwrap(), "bidi"), Some("th-TH"));

    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    // body paragraphs: first line indented 2.5 cm, Thai distributed, 16 pt runs
    let mut body_paras = 0;
    for p in descendants(body.root_element(), "p") {
        let Some(ppr) = w(p, "pPr") else { continue };
        let first = w(ppr, "ind").map_or(0.0, |i| twips(i, "firstLine"));
        if (first - 2.5 * CM_TWIPS).abs() > 2.0 || text(p).trim().is_empty() {
            continue;
        }
        body_paras += 1;
        assert_eq!(
            w(ppr, "jc").and_then(|j| wattr(j, "val")),
            Some("thaiDistribute"),
            "{}",
            text(p)
        );
        for r in p.children().filter(|c| c.has_tag_name((W, "r"))) {
            let rpr = w(r, "rPr").unwrap();
            let f = w(rpr, "rFonts").unwrap();
            assert_eq!(wattr(f, "cs"), Some("TH SarabunIT๙"));
            assert_eq!(wattr(f, "hint"), Some("cs"));
            assert_eq!(wattr(w(rpr, "sz").unwrap(), "val"), Some("32"));
            assert_eq!(wattr(w(rpr, "szCs").unwrap(), "val"), Some("32"));
        }
    }
    assert!(body_paras >= 5, "{body_paras} body paragraphs");
}

#[test]
fn memo_fields_have_dotted_tab_leaders_and_the_garuda_is_15cm_high() {
    let (_, parts) = memo();
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let root = body.root_element();
    for label in ["ส่วนราชการ", "วันที่", "เรื่อง"] {
        let p = descendants(root, "p")
            .find(|p| text(*p).starts_with(label) || text(*p).contains(&format!("\t{label}")))
            .unwrap_or_else(|| panic!("no {label} field"));
        let ppr = w(p, "pPr").unwrap();
        let tabs = w(ppr, "tabs").unwrap_or_else(|| panic!("{label}: no tab stops"));
        assert!(
            tabs.children().any(|t| wattr(t, "leader") == Some("dot")),
            "{label}: no dotted leader"
        );
        // the label 20 pt bold, the value dotted-underlined, and a tab runs the
        // leader on
        let runs: Vec<Node> = p.children().filter(|c| c.has_tag_name((W, "r"))).collect();
        assert!(runs.iter().any(|r| {
            let rpr = w(*r, "rPr").unwrap();
            text(*r) == label
                && w(rpr, "b").is_some()
                && wattr(w(rpr, "sz").unwrap(), "val") == Some("40")
        }));
        assert!(runs
            .iter()
            .any(|r| w(w(*r, "rPr").unwrap(), "u")
                .is_some_and(|u| wattr(u, "val") == Some("dotted"))));
        assert!(
            runs.last().is_some_and(|r| w(*r, "tab").is_some()),
            "{label}: ends in a leader tab"
        );
    }
    // ที่ and วันที่ share a line: วันที่ at the 8 cm stop
    let p = descendants(root, "p")
        .find(|p| text(*p).contains("\tวันที่"))
        .unwrap();
    let tabs = w(w(p, "pPr").unwrap(), "tabs").unwrap();
    assert!(tabs.children().any(
        |t| (twips(t, "pos") - 8.0 * CM_TWIPS).abs() < 2.0 && wattr(t, "leader") == Some("dot")
    ));
    // the Garuda: floating, 1.5 cm high
    let anchor = body
        .descendants()
        .find(|n| n.has_tag_name((WP, "anchor")))
        .expect("a floating emblem");
    let extent = anchor
        .children()
        .find(|c| c.has_tag_name((WP, "extent")))
        .unwrap();
    let cy: f32 = extent.attribute("cy").unwrap().parse().unwrap();
    assert!((cy - 1.5 * CM_EMU).abs() < 200.0, "{cy}");
    assert!(parts
        .keys()
        .any(|k| k.starts_with("word/media/") && k.ends_with(".png")));
    assert!(parts
        .keys()
        .any(|k| k.starts_with("word/media/") && k.ends_with(".svg")));
}

#[test]
fn memo_page_setup_numbers_pages_from_the_second_in_thai() {
    let (doc, parts) = memo();
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let sects: Vec<Node> = descendants(body.root_element(), "sectPr").collect();
    assert_eq!(sects.len(), doc.sections.len());
    let s = sects[0];
    let size = w(s, "pgSz").unwrap();
    assert_eq!((twips(size, "w"), twips(size, "h")), (11906.0, 16838.0));
    let m = w(s, "pgMar").unwrap();
    for (side, cm) in [("left", 3.0), ("right", 2.0), ("top", 2.5), ("bottom", 2.0)] {
        assert!((twips(m, side) - cm * CM_TWIPS).abs() < 2.0, "{side}");
    }
    assert!(w(s, "titlePg").is_some(), "different first page");
    assert_eq!(
        wattr(w(s, "pgNumType").unwrap(), "fmt"),
        Some("thaiNumbers")
    );
    let rels = part(&parts, "word/_rels/document.xml.rels");
    let rels = Document::parse(&rels).unwrap();
    let header = |kind: &str| -> String {
        let id = s
            .children()
            .find(|c| c.has_tag_name((W, "headerReference")) && wattr(*c, "type") == Some(kind))
            .and_then(|c| c.attribute((R, "id")))
            .unwrap();
        let target = rels
            .root_element()
            .children()
            .find(|c| c.attribute("Id") == Some(id))
            .and_then(|c| c.attribute("Target"))
            .unwrap();
        part(&parts, &format!("word/{target}"))
    };
    let default = header("default");
    let first = header("first");
    assert!(default.contains(" PAGE ") && default.contains(">- <") && default.contains("> -<"));
    assert!(default.contains(r#"<w:jc w:val="center"/>"#));
    assert!(!first.contains("PAGE"), "no number on page 1");
}

#[test]
fn memo_tables_repeat_header_rows_with_the_pdfs_widths_merges_and_shading() {
    let (doc, parts) = memo();
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let tbl = descendants(body.root_element(), "tbl").next().unwrap();
    let first_row = descendants(tbl, "tr").next().unwrap();
    assert!(w(w(first_row, "trPr").unwrap(), "tblHeader").is_some());
    // later rows are not headers
    assert!(descendants(tbl, "tr")
        .skip(1)
        .all(|r| w(r, "trPr").and_then(|p| w(p, "tblHeader")).is_none()));
    // widths: the PDF's, from the same fitting of the content, over the 16 cm text
    // width
    let Block::Table(t) = doc.sections[0]
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Table(_)))
        .unwrap()
    else {
        unreachable!()
    };
    let fonts = itadoc::typeset::Fonts::builtin();
    let mut ctx = itadoc::typeset::Ctx::new(&fonts, &doc);
    let size = t.size.unwrap_or(doc.sections[0].font_size);
    let widths = itadoc::typeset::fitted_widths(&mut ctx, t, 16.0 * markup::PT_PER_CM, size);
    // and not the template's alone: the content moved them
    let template = itadoc::typeset::column_widths(&t.columns, 16.0 * markup::PT_PER_CM);
    assert!(
        widths
            .iter()
            .zip(&template)
            .any(|(a, b)| (a - b).abs() > 1.0),
        "{widths:?}"
    );
    let grid: Vec<f32> = descendants(tbl, "gridCol").map(|g| twips(g, "w")).collect();
    assert_eq!(grid.len(), widths.len());
    for (g, w) in grid.iter().zip(&widths) {
        assert!((g - w * 20.0).abs() <= 1.0, "{g} vs {w} pt");
    }
    // header cells shaded as in the PDF
    for tc in descendants(first_row, "tc") {
        let shd = w(w(tc, "tcPr").unwrap(), "shd").unwrap();
        assert_eq!(wattr(shd, "fill"), Some("E8E8E8"));
    }
    // the total row's first cell spans three columns
    assert!(descendants(tbl, "gridSpan").any(|g| wattr(g, "val") == Some("3")));
}

#[test]
fn memo_lists_and_signatures_are_laid_out_as_in_the_pdf() {
    let (doc, parts) = memo();
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let root = body.root_element();
    // list items: the label, a tab, the text; hanging indent 1 cm from 3.5 cm
    let item = descendants(root, "p")
        .find(|p| text(*p).starts_with("(๑)\t"))
        .expect("a list item labelled (๑)");
    let ind = w(w(item, "pPr").unwrap(), "ind").unwrap();
    assert!((twips(ind, "left") - 3.5 * CM_TWIPS).abs() < 2.0);
    assert!((twips(ind, "hanging") - 1.0 * CM_TWIPS).abs() < 2.0);
    // the signature: the name centred in the right part of the text, from where the
    // markup puts the block (a share of the 16 cm text width)
    let x = doc.sections[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Signature(s) => Some(s.x),
            _ => None,
        })
        .unwrap();
    let x_pt = match x {
        markup::HPos::Percent(p) => 16.0 * markup::PT_PER_CM * p / 100.0,
        markup::HPos::Length(l) => l,
    };
    let sig = descendants(root, "p")
        .find(|p| text(*p).starts_with("(นาย") || text(*p).starts_with("(นาง"))
        .expect("a signature");
    let ppr = w(sig, "pPr").unwrap();
    assert_eq!(w(ppr, "jc").and_then(|j| wattr(j, "val")), Some("center"));
    let left = twips(w(ppr, "ind").unwrap(), "left");
    assert!((left - x_pt * 20.0).abs() < 2.0, "{left}");
    assert!(w(ppr, "keepLines").is_some());
    // the comment chain: ความเห็น… with a dotted leader to the edge
    let chain = descendants(root, "p")
        .find(|p| text(*p).starts_with("ความเห็น"))
        .expect("a comment block");
    let tabs = w(w(chain, "pPr").unwrap(), "tabs").unwrap();
    assert!(tabs.children().any(|t| wattr(t, "leader") == Some("dot")
        && wattr(t, "val") == Some("right")
        && (twips(t, "pos") - 16.0 * CM_TWIPS).abs() < 2.0));
}

#[test]
fn the_plan_is_landscape_and_the_announcement_garuda_3cm_centred() {
    let all = docx_common::example_markup();
    let (_, _, plan) = all
        .iter()
        .find(|(_, k, _)| *k == DocumentKind::Plan)
        .unwrap();
    let parts = unzip(&docx::write(plan, &DocxOptions::default()).unwrap());
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let size = descendants(body.root_element(), "pgSz").next().unwrap();
    assert_eq!(wattr(size, "orient"), Some("landscape"));
    assert_eq!((twips(size, "w"), twips(size, "h")), (16838.0, 11906.0));

    let (_, _, ann) = all
        .iter()
        .find(|(_, k, _)| *k == DocumentKind::Announcement)
        .unwrap();
    let parts = unzip(&docx::write(ann, &DocxOptions::default()).unwrap());
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let inline = body
        .descendants()
        .find(|n| n.has_tag_name((WP, "inline")))
        .expect("an inline emblem");
    let extent = inline
        .children()
        .find(|c| c.has_tag_name((WP, "extent")))
        .unwrap();
    let cy: f32 = extent.attribute("cy").unwrap().parse().unwrap();
    assert!((cy - 3.0 * CM_EMU).abs() < 200.0, "{cy}");
    let p = inline
        .ancestors()
        .find(|a| a.has_tag_name((W, "p")))
        .unwrap();
    assert_eq!(
        w(w(p, "pPr").unwrap(), "jc").and_then(|j| wattr(j, "val")),
        Some("center")
    );
}

#[test]
fn the_font_option_names_another_font_everywhere() {
    let (doc, _) = memo();
    let opts = DocxOptions {
        font: "TH Sarabun New".into(),
    };
    let parts = unzip(&docx::write(&doc, &opts).unwrap());
    for name in ["word/document.xml", "word/styles.xml", "word/fontTable.xml"] {
        let s = part(&parts, name);
        assert!(s.contains("TH Sarabun New"), "{name}");
        assert!(!s.contains("TH SarabunIT๙"), "{name}");
    }
}

#[test]
fn rowspans_become_vertical_merges_and_arabic_digits_are_kept() {
    let xml = r##"<document digits="arabic"><section>
      <table columns="2cm 3cm 3cm">
        <row header="true"><cell rowspan="2" fill="#eeeeee">ที่</cell><cell colspan="2">สถานะ</cell></row>
        <row header="true"><cell>เสร็จ</cell><cell>ยังไม่เสร็จ</cell></row>
        <row><cell>1</cell><cell>ก</cell><cell>ข</cell></row>
      </table>
      <list label="#)"><item>หนึ่ง</item><item>สอง</item></list>
      <pagebreak/>
      <p>หน้าใหม่</p>
    </section></document>"##;
    let doc = markup::parse(xml, "t").unwrap();
    let parts = unzip(&docx::write(&doc, &DocxOptions::default()).unwrap());
    let body = part(&parts, "word/document.xml");
    let body = Document::parse(&body).unwrap();
    let rows: Vec<Node> = descendants(body.root_element(), "tr").collect();
    let merge = |r: Node, i: usize| {
        let tc = descendants(r, "tc").nth(i).unwrap();
        w(w(tc, "tcPr").unwrap(), "vMerge")
            .map(|m| wattr(m, "val").unwrap_or("continue").to_string())
    };
    assert_eq!(merge(rows[0], 0).as_deref(), Some("restart"));
    assert_eq!(merge(rows[1], 0).as_deref(), Some("continue"));
    assert_eq!(
        descendants(rows[1], "tc").count(),
        3,
        "the merged cell, then two"
    );
    assert_eq!(text(descendants(rows[1], "tc").nth(1).unwrap()), "เสร็จ");
    assert!(rows[0..2]
        .iter()
        .all(|r| w(w(*r, "trPr").unwrap(), "tblHeader").is_some()));
    assert_eq!(merge(rows[2], 0), None);
    let labels: Vec<String> = descendants(body.root_element(), "p")
        .map(text)
        .filter(|t| t.contains(")\t"))
        .collect();
    assert_eq!(labels, ["1)\tหนึ่ง", "2)\tสอง"]);
    let sect = descendants(body.root_element(), "sectPr").next().unwrap();
    assert_eq!(wattr(w(sect, "pgNumType").unwrap(), "fmt"), Some("decimal"));
    // the page break starts the next paragraph's page
    let p = descendants(body.root_element(), "p")
        .find(|p| text(*p) == "หน้าใหม่")
        .unwrap();
    assert!(w(w(p, "pPr").unwrap(), "pageBreakBefore").is_some());
}

#[test]
fn a_missing_emblem_is_an_error_naming_the_file() {
    let xml =
        r#"<document><section><emblem src="/nonexistent/krut.png"/><p>ก</p></section></document>"#;
    let doc = markup::parse(xml, "t").unwrap();
    let e = docx::write(&doc, &DocxOptions::default()).unwrap_err();
    assert!(e.to_string().contains("/nonexistent/krut.png"), "{e}");
}
