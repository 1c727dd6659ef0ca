//! Compiles PyThaiNLP's Thai word list (data/pythainlp/words_th.txt) and our list of
//! words of government and ITA documents (src/typeset/segment/words_ita.txt) into one
//! `fst::Set` in OUT_DIR, which `typeset::segment` embeds with `include_bytes!` so
//! that the line-break dictionary is ready without parsing at start-up.

use std::collections::BTreeSet;
use std::env;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::PathBuf;

const WORDS: &str = "data/pythainlp/words_th.txt";
const ITA_WORDS: &str = "src/typeset/segment/words_ita.txt";

fn main() {
    println!("cargo:rerun-if-changed={WORDS}");
    println!("cargo:rerun-if-changed={ITA_WORDS}");
    println!("cargo:rerun-if-changed=build.rs");

    let read =
        |path: &str| fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let text = read(WORDS) + "\n" + &read(ITA_WORDS);
    // Words containing white space ("ก ข ไม่กระดิกหู") are idioms, not line-break
    // units: the segmenter only matches inside runs of Thai letters.
    let words: BTreeSet<&str> = text
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#') && !w.contains(char::is_whitespace))
        .collect();

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let file = File::create(out.join("words_th.fst")).expect("creating words_th.fst");
    let mut builder = fst::SetBuilder::new(BufWriter::new(file)).expect("starting the fst");
    // BTreeSet<&str> iterates in byte order, which is what fst requires.
    builder.extend_iter(words.iter()).expect("adding words");
    builder.finish().expect("writing words_th.fst");
}
