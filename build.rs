//! Prepares built-in data in OUT_DIR. Compiles PyThaiNLP's Thai word list
//! (data/pythainlp/words_th.txt) and our list of words of government and ITA
//! documents (data/segment/words_ita.txt) into one `fst::Set` in OUT_DIR, which `typeset::segment` embeds with `include_bytes!` so
//! that the line-break dictionary is ready without parsing at start-up. Words are
//! stored in the segmenter's byte encoding (one byte per Thai character). The
//! gazetteer (data/places/subdistricts.csv) becomes a second FST the same way. Also
//! turns the recommendation library and the year data into JSON (see
//! [`recommendations`] and [`year_data`]).

use std::collections::BTreeSet;
use std::env;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::PathBuf;

/// The YAML-to-JSON conversion the crate uses for its data files.
#[path = "src/yaml.rs"]
#[allow(dead_code)]
mod yaml;

const WORDS: &str = "data/pythainlp/words_th.txt";
const ITA_WORDS: &str = "data/segment/words_ita.txt";

fn main() {
    dictionary();
    places();
    recommendations();
    year_data();
}

/// The year data (data/ita.yaml and every data/questions/*.yaml) as JSON, named
/// like the YAML files (ita.json, q2563.json …), which `ita` parses at first use
/// much faster than YAML; the YAML files stay the ones people edit.
fn year_data() {
    println!("cargo:rerun-if-changed=data/ita.yaml");
    println!("cargo:rerun-if-changed=data/questions");
    let mut files = vec![PathBuf::from("data/ita.yaml")];
    let mut sets: Vec<PathBuf> = fs::read_dir("data/questions")
        .expect("reading data/questions")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    sets.sort();
    files.extend(sets);
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        yaml_to_json_file(&path);
    }
}

/// Converts the YAML file at `path` to `<OUT_DIR>/<stem>.json`.
fn yaml_to_json_file(path: &std::path::Path) {
    let shown = path.display();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {shown}: {e}"));
    let json = yaml::to_json_text(&text).unwrap_or_else(|e| panic!("{shown}: {e}"));
    let json = serde_json::to_string(&json).expect("JSON from YAML");
    let stem = path.file_stem().expect("a file name").to_string_lossy();
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    fs::write(out.join(format!("{stem}.json")), json)
        .unwrap_or_else(|e| panic!("writing {stem}.json: {e}"));
}

/// The recommendation library (data/recommendations.yaml) as JSON, which
/// `analysis::library` parses in a fraction of the time YAML takes; the YAML stays
/// the file people edit. Map keys become strings (indicator numbers are read back
/// as numbers by serde_json).
fn recommendations() {
    const LIBRARY: &str = "data/recommendations.yaml";
    println!("cargo:rerun-if-changed={LIBRARY}");
    println!("cargo:rerun-if-changed=src/yaml.rs");
    let text = fs::read_to_string(LIBRARY).unwrap_or_else(|e| panic!("reading {LIBRARY}: {e}"));
    let json = yaml::to_json_text(&text).unwrap_or_else(|e| panic!("{LIBRARY}: {e}"));
    let json = serde_json::to_string(&json).expect("JSON from YAML");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    fs::write(out.join("recommendations.json"), json).expect("writing recommendations.json");
}

/// The line-break dictionary as an FST.
fn dictionary() {
    println!("cargo:rerun-if-changed={WORDS}");
    println!("cargo:rerun-if-changed={ITA_WORDS}");
    println!("cargo:rerun-if-changed=build.rs");

    let read =
        |path: &str| fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let text = read(WORDS) + "\n" + &read(ITA_WORDS);
    // Words containing white space ("ก ข ไม่กระดิกหู") are idioms, not line-break
    // units: the segmenter only matches inside runs of Thai letters.
    // A '|' inside an entry of our list marks where that compound breaks
    // (ประจำ|ปีงบประมาณ); the dictionary holds the word without it, and
    // `typeset::segment` reads the marks from the list itself.
    let words: BTreeSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#') && !w.contains(char::is_whitespace))
        .map(|w| w.replace('|', ""))
        .collect();

    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let file = File::create(out.join("words_th.fst")).expect("creating words_th.fst");
    let mut builder = fst::SetBuilder::new(BufWriter::new(file)).expect("starting the fst");
    // The segmenter's byte encoding (one byte per Thai character), sorted in
    // encoded byte order, which is what fst requires.
    let encoded: BTreeSet<Vec<u8>> = words.iter().map(|w| encode(w)).collect();
    builder.extend_iter(encoded.iter()).expect("adding words");
    builder.finish().expect("writing words_th.fst");
}

/// Every place name of data/places/subdistricts.csv (province, district,
/// subdistrict) as one FST in the segmenter's encoding: the gazetteer that keeps a
/// place's name whole after ตำบล, อำเภอ, จังหวัด and the like.
fn places() {
    const PLACES: &str = "data/places/subdistricts.csv";
    println!("cargo:rerun-if-changed={PLACES}");
    let text = fs::read_to_string(PLACES).unwrap_or_else(|e| panic!("reading {PLACES}: {e}"));
    let names: BTreeSet<Vec<u8>> = text
        .lines()
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(encode)
        .collect();
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let file = File::create(out.join("places.fst")).expect("creating places.fst");
    let mut builder = fst::SetBuilder::new(BufWriter::new(file)).expect("starting the fst");
    builder
        .extend_iter(names.iter())
        .expect("adding place names");
    builder.finish().expect("writing places.fst");
}

/// The byte encoding of `typeset::segment::encode` (keep the two the same): Thai
/// U+0E00–U+0E7F as 0x80–0xFF, ASCII as itself, the no-break space as a space, any
/// other character as 0x01 and its UTF-8 bytes.
fn encode(word: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(word.len() / 2);
    for c in word.chars() {
        match c {
            '\u{0}'..='\u{7F}' => out.push(c as u8),
            '\u{0E00}'..='\u{0E7F}' => out.push(0x80 + (c as u32 - 0x0E00) as u8),
            '\u{A0}' => out.push(b' '),
            _ => {
                out.push(0x01);
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out
}
