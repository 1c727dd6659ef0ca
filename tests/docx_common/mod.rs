//! Shared by the DOCX tests: every example document rendered both ways, and the
//! package read back with the `zip` crate (not our writer's own code).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read as _;

use itadoc::documents::DocumentKind;

/// One example document, as PDF and as DOCX.
pub struct Rendered {
    /// `<example>-<document>`.
    pub name: String,
    /// Which document.
    pub kind: DocumentKind,
    /// The markup both came from.
    pub doc: itadoc::markup::Document,
    /// Our PDF.
    pub pdf: Vec<u8>,
    /// Pages of our PDF.
    pub pages: usize,
    /// The DOCX.
    pub docx: Vec<u8>,
}

#[path = "../common/mod.rs"]
mod common;
#[allow(unused_imports)]
pub use common::{example_files, example_markup};

/// Every example document as PDF and DOCX (default DOCX options).
pub fn render_examples() -> Vec<Rendered> {
    let fonts = itadoc::typeset::fonts::Fonts::builtin();
    example_markup()
        .into_iter()
        .map(|(name, kind, doc)| {
            let layout = itadoc::typeset::typeset(&doc, &fonts).unwrap();
            let pdf = itadoc::pdf::write(&layout, &Default::default()).unwrap();
            let docx = itadoc::docx::write(&doc, &Default::default()).unwrap();
            Rendered {
                name,
                kind,
                pages: layout.pages.len(),
                doc,
                pdf,
                docx,
            }
        })
        .collect()
}

/// The parts of a DOCX package, by name (text parts only; images as lossy text).
pub fn unzip(docx: &[u8]) -> HashMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP archive");
    let mut parts = HashMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        parts.insert(f.name().expect("a UTF-8 part name").to_string(), data);
    }
    parts
}

/// A text part of the package.
pub fn part(parts: &HashMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("the package has no {name}"))
            .clone(),
    )
    .unwrap()
}
