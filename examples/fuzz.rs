//! A stable-Rust fuzzer over the loader (YAML → model, then the analysis and the
//! check on what loads) and the markup parser. Not part of the test suite: run
//! it with scripts/fuzz.sh, which also watches the process for an abort.
//!
//! Inputs are mutations of seeds (the example inputs, a minimal input, the
//! torture markup) and generated token soup: bytes flipped, inserted, deleted and
//! duplicated, hostile fragments spliced in (deep nesting, aliases, NUL and
//! control characters, tabs, quotes, Thai and right-to-left letters). A
//! deterministic generator (xorshift) makes every run with the same seed repeat.
//!
//! Usage: `cargo run --example fuzz -- [COUNT] [SEED] [OUT_DIR]`; prints the
//! count, the panics (each input saved under OUT_DIR), and the slowest input.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const MINIMAL: &str = "agency:\n  name: เทศบาลตำบลทดสอบ\n  emblem: krut.png\nyear: 2568\nresult:\n  overall: 90.5\n  level: A\n  indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}\n  questions:\n    i1: 95\n    e5: {public: 80, survey: low}\nmemo:\n  date: ๑๑ สิงหาคม ๒๕๖๖\n  background: [ก, ข]\nplan:\n  measures:\n    - title: มาตรการ\n      indicator: 4\n      deadline: 2568-09-30\n      status: done\nsettings:\n  thai_digits: true\n";

const FRAGMENTS: &[&str] = &[
    "- ",
    "[",
    "]",
    "{",
    "}",
    ": ",
    ",",
    "\n",
    "\n  ",
    "\n    - ",
    "&a ",
    "*a",
    "&b [*a, *a, *a]",
    "\t",
    "\0",
    "\u{1}",
    "\u{1b}[31m",
    "\u{FFFF}",
    "\u{FEFF}",
    "\"",
    "'",
    "|\n  ",
    ">\n  ",
    "#",
    "~",
    "null",
    "!!str ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "๙๘.๘๕",
    "2566-08-11",
    "09:30",
    "1e999",
    "-0",
    "0x1F",
    ".inf",
    "i1",
    "o99",
    "E๔",
    "๐๑๔",
    "year",
    "agency",
    "memo",
    "result",
    "indicators",
    "questions",
    "emblem",
    "../../etc/passwd",
    "/dev/zero",
    "שלום",
    "مرحبا",
    "ก่้๊๋",
    "\u{200B}",
    "\u{0E47}\u{0E48}",
    "<document>",
    "</p>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&#x10FFFF;",
    "<!DOCTYPE x [<!ENTITY e \"x\">]>",
];

const MARKUP_TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<table cols=\"1fr 2fr\">",
    "</table>",
    "<row>",
    "</row>",
    "<cell>",
    "</cell>",
    "<list>",
    "</list>",
    "<item>",
    "</item>",
    "<tab/>",
    "<leader/>",
    "<br/>",
    "<emblem src=\"/dev/zero\" height=\"1cm\"/>",
    "<section>",
    "</section>",
    "<nobreak>",
    "</nobreak>",
    "<heading>",
    "</heading>",
    "<signature>",
    "</signature>",
    "<dictionary><word>ก</word></dictionary>",
    " align=\"justify\"",
    " size=\"1e9\"",
    " indent=\"-5cm\"",
    "ก",
    "ข้อความ",
    "  ",
    "\n",
];

fn mutate(rng: &mut Rng, seed: &[u8], soup: &[&str]) -> Vec<u8> {
    let mut v = seed.to_vec();
    // one to three changes mostly, sometimes many
    let steps = if rng.below(8) == 0 {
        1 + rng.below(12)
    } else {
        1 + rng.below(3)
    };
    for _ in 0..steps {
        let at = rng.below(v.len() + 1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at.min(end)..end);
            }
            2 => {
                let f = rng.pick(soup).as_bytes();
                v.splice(at..at, f.iter().copied());
            }
            3 if v.len() > 2 => {
                // duplicate a slice (grows lists and nesting)
                let a = rng.below(v.len());
                let b = (a + rng.below(64)).min(v.len());
                let piece = v[a..b].to_vec();
                v.splice(at..at, piece);
            }
            4 => {
                // deep nesting or a repeated token
                let f = rng.pick(soup);
                let most = if rng.below(10) == 0 { 20_000 } else { 40 };
                let n = 1 + rng.below(most);
                let piece = f.repeat(n);
                v.splice(at..at, piece.bytes());
            }
            5 if rng.below(4) == 0 => {
                let b = rng.below(256) as u8;
                v.insert(at, b);
            }
            5 => {
                // a gentle change that often still loads: a digit or a Thai letter
                let gentle = ["1", "๙", ".", "ก", "0", "-", " "];
                let f = rng.pick(&gentle).as_bytes();
                v.splice(at..at, f.iter().copied());
            }
            _ => {
                let f = rng.pick(FRAGMENTS).as_bytes();
                v.splice(at..at, f.iter().copied());
            }
        }
    }
    v
}

fn soup(rng: &mut Rng, tokens: &[&str]) -> Vec<u8> {
    let n = rng.below(200);
    (0..n)
        .flat_map(|_| rng.pick(tokens).bytes().collect::<Vec<_>>())
        .collect()
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let out = PathBuf::from(args.get(3).cloned().unwrap_or_else(|| "target/fuzz".into()));
    std::fs::create_dir_all(&out).expect("creating the output folder");

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut yaml_seeds: Vec<Vec<u8>> = vec![MINIMAL.as_bytes().to_vec()];
    for e in std::fs::read_dir(root.join("examples")).expect("examples/") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "yaml") {
            yaml_seeds.push(std::fs::read(&p).expect("reading a seed"));
        }
    }
    let markup_seeds: Vec<Vec<u8>> = vec![
        std::fs::read(root.join("examples/torture.xml")).expect("examples/torture.xml"),
        b"<document><p>\xe0\xb8\x81</p></document>".to_vec(),
    ];
    // quiet panics: they are counted and saved, not printed one by one
    std::panic::set_hook(Box::new(|_| {}));

    let mut rng = Rng(seed);
    let (mut panics, mut loaded, mut worst) =
        (0usize, 0usize, (Duration::ZERO, String::new(), 0usize));
    let started = Instant::now();
    for n in 0..count {
        let markup = n % 3 == 2;
        let input = if markup {
            if rng.below(4) == 0 {
                soup(&mut rng, MARKUP_TAGS)
            } else {
                let seed = rng.pick(&markup_seeds).clone();
                mutate(&mut rng, &seed, MARKUP_TAGS)
            }
        } else if rng.below(5) == 0 {
            soup(&mut rng, FRAGMENTS)
        } else {
            // mostly the small seed: the examples are large and slow to mutate
            let seed = if rng.below(20) == 0 {
                rng.pick(&yaml_seeds).clone()
            } else {
                yaml_seeds[0].clone()
            };
            mutate(&mut rng, &seed, FRAGMENTS)
        };
        // kept on disk while it runs: an abort (stack overflow, failed allocation)
        // cannot be caught, and this is the input that caused it
        let _ = std::fs::write(out.join("last-input"), &input);
        let t = Instant::now();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
            if markup {
                let text = String::from_utf8_lossy(&input);
                let _ = itadoc::markup::parse(&text, "fuzz.xml");
                false
            } else {
                match itadoc::model::load_bytes(&input, "fuzz.yaml") {
                    Ok(l) => {
                        if let Ok(a) = itadoc::analysis::analyse(&l.input) {
                            let _ =
                                itadoc::analysis::unused_fields(&l.input, &a, Default::default());
                        }
                        let _ = itadoc::analysis::check(&l);
                        true
                    }
                    Err(e) => {
                        let _ = e.render(itadoc::model::Lang::Th);
                        false
                    }
                }
            }
        }));
        let took = t.elapsed();
        if took > worst.0 {
            worst = (
                took,
                if markup { "markup" } else { "yaml" }.to_string(),
                input.len(),
            );
        }
        match result {
            Ok(true) => loaded += 1,
            Ok(false) => {}
            Err(_) => {
                panics += 1;
                let ext = if markup { "xml" } else { "yaml" };
                let path = out.join(format!("panic-{seed}-{n}.{ext}"));
                let _ = std::fs::write(&path, &input);
                eprintln!("panic on input {n}: saved as {}", path.display());
            }
        }
        if (n + 1) % 10_000 == 0 {
            eprintln!(
                "{} inputs, {panics} panics, {:.0} s",
                n + 1,
                started.elapsed().as_secs_f32()
            );
        }
    }
    println!(
        "inputs: {count} (yaml {}, markup {}), loaded: {loaded}, panics: {panics}",
        count - count / 3,
        count / 3
    );
    println!(
        "slowest input: {:.1} ms ({}, {} bytes); peak memory: {} MB; total {:.0} s",
        worst.0.as_secs_f64() * 1000.0,
        worst.1,
        worst.2,
        peak_kb() / 1024,
        started.elapsed().as_secs_f32()
    );
    if panics > 0 {
        std::process::exit(1);
    }
}
