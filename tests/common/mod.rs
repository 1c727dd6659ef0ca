//! Shared by the tests that go over every example: the example files and the
//! markup of every document each one has data for, rendered the way `render` does.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use itadoc::documents::{self, DocumentKind};

/// The example YAML files, sorted by name.
pub fn example_files() -> Vec<PathBuf> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&examples)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Markup of every document of every example.
pub fn example_markup() -> Vec<(String, DocumentKind, itadoc::markup::Document)> {
    let opts = documents::Options::default();
    let mut out = Vec::new();
    for file in example_files() {
        let loaded = itadoc::load_input(&file).unwrap();
        let analysis = itadoc::analysis::analyse(&loaded.input).unwrap();
        for kind in DocumentKind::ALL {
            if !kind.available(&loaded.input, &analysis) {
                continue;
            }
            let name = format!(
                "{}-{}",
                file.file_stem().unwrap().to_string_lossy(),
                kind.name()
            );
            let xml = documents::render_markup(kind, &loaded.input, &analysis, &opts).unwrap();
            let mut doc = itadoc::markup::parse(&xml, kind.name()).unwrap();
            doc.images = itadoc::builtin_images();
            out.push((name, kind, doc));
        }
    }
    out
}
