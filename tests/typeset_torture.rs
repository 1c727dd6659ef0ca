//! Integration tests: typeset markup and check the layout (and the PDF it gives).

use itadoc::markup;
use itadoc::typeset::layout::{Item, Layout};
use itadoc::typeset::{typeset, Fonts};

fn layout_of(xml: &str) -> Layout {
    let doc = markup::parse(xml, "test.xml").expect("markup parses");
    typeset(&doc, &Fonts::builtin()).expect("typesets")
}

fn torture() -> Layout {
    let xml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/torture.xml"))
        .unwrap();
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    layout_of(&xml)
}

#[test]
fn torture_renders_to_pdf() {
    let layout = torture();
    let pdf = itadoc::pdf::write(&layout, &Default::default()).expect("pdf");
    std::fs::write("/tmp/torture.pdf", &pdf).unwrap();
    assert!(layout.pages.len() >= 3);
    let _ = Item::Rect;
}
