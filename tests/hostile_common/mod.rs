//! Shared by the hostile_* suites: a scratch folder per case, the built binary run
//! under limits, and the assertions every case ends with.
//!
//! Each run goes through `timeout` (wall clock) and `prlimit` (address space and
//! CPU seconds), so a case that hangs, loops or allocates without bound is killed
//! and shows as a signal or timeout, which the assertions reject.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Address space a run may use.
pub const MEMORY_BYTES: u64 = 1_500_000_000;
/// CPU seconds a run may use.
pub const CPU_SECONDS: u64 = 30;
/// Wall-clock seconds before a run is killed (a FIFO that blocks uses no CPU).
pub const WALL_SECONDS: u64 = 60;

/// A smallest input that renders (the memo and the announcement).
pub const MINIMAL: &str = "agency:\n  name: เทศบาลตำบลทดสอบ\nyear: 2568\nresult:\n  indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}\n";

/// A fresh folder for one case.
pub fn scratch(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The slowest run (seconds) and the largest (peak KB) so far, with their command lines.
static WORST: std::sync::Mutex<((f64, String), (u64, String))> =
    std::sync::Mutex::new(((0.0, String::new()), (0, String::new())));

fn args_text<S: AsRef<OsStr>>(args: &[S]) -> String {
    args.iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints the slowest and the largest run since the last report, and starts
/// anew (see the output with `--nocapture --test-threads=1`).
pub fn report_worst(family: &str) {
    let mut guard = WORST.lock().unwrap_or_else(|e| e.into_inner());
    // from here on, the next family's runs
    let worst = std::mem::replace(&mut *guard, ((0.0, String::new()), (0, String::new())));
    eprintln!(
        "{family}: slowest run {:.2} s ({}), largest {} MB ({})",
        worst.0 .0,
        worst.0 .1,
        worst.1 .0 / 1024,
        worst.1 .1
    );
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code, `None` when a signal ended it.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The command line, for messages.
    pub what: String,
}

/// Runs `itadoc ARGS` in `dir` under the limits.
pub fn itadoc<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let usage = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-usage-{}-{n}", std::process::id()));
    // GNU time measures the run for the worst-case figures when it is installed;
    // the limits and the assertions do not depend on it
    let mut cmd = if Path::new("/usr/bin/time").exists() {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%e %M")
            .arg("-o")
            .arg(&usage)
            .arg("timeout");
        c
    } else {
        Command::new("timeout")
    };
    let out = cmd
        .arg("-s")
        .arg("KILL")
        .arg(WALL_SECONDS.to_string())
        .arg("prlimit")
        .arg(format!("--as={MEMORY_BYTES}"))
        .arg(format!("--cpu={CPU_SECONDS}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_itadoc"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("timeout and prlimit (coreutils, util-linux) must be installed");
    // wall seconds and peak memory (KB) of the run, for the worst-case figures
    if let Ok(text) = std::fs::read_to_string(&usage) {
        // GNU time writes "Command exited with non-zero status N" first
        let mut it = text.lines().last().unwrap_or("").split_whitespace();
        if let (Some(Ok(secs)), Some(Ok(kb))) = (
            it.next().map(str::parse::<f64>),
            it.next().map(str::parse::<u64>),
        ) {
            let mut worst = WORST.lock().unwrap_or_else(|e| e.into_inner());
            if secs > worst.0 .0 {
                worst.0 = (secs, args_text(args));
            }
            if kb > worst.1 .0 {
                worst.1 = (kb, args_text(args));
            }
        }
        let _ = std::fs::remove_file(&usage);
    }
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        what: args
            .iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn has_thai(s: &str) -> bool {
    s.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c))
}

impl Run {
    /// The run ended by itself: no signal (stack overflow, memory or CPU limit,
    /// timeout), no panic (101), no timeout code.
    pub fn ended_normally(&self) -> &Self {
        assert!(
            matches!(self.code, Some(c) if c != 101 && c != 124 && c < 128),
            "{}: ended with {:?} (signal, panic or limit)\nstderr: {}",
            self.what,
            self.code,
            tail(&self.stderr)
        );
        assert!(
            !self.stderr.contains("panicked"),
            "{}: panicked: {}",
            self.what,
            tail(&self.stderr)
        );
        self
    }

    /// The run failed cleanly: an error exit, a Thai message holding every one
    /// of `expect`.
    pub fn refused(&self, expect: &[&str]) -> &Self {
        self.ended_normally();
        assert!(
            matches!(self.code, Some(1 | 2)),
            "{}: expected an error exit, got {:?}\nstdout: {}\nstderr: {}",
            self.what,
            self.code,
            tail(&self.stdout),
            tail(&self.stderr)
        );
        let text = format!("{}{}", self.stdout, self.stderr);
        assert!(
            has_thai(&text),
            "{}: no Thai message: {}",
            self.what,
            tail(&text)
        );
        for e in expect {
            assert!(
                text.contains(e),
                "{}: expected {e:?} in: {}",
                self.what,
                tail(&text)
            );
        }
        self
    }

    /// The run succeeded.
    pub fn succeeded(&self) -> &Self {
        self.ended_normally();
        assert_eq!(
            self.code,
            Some(0),
            "{}: failed\nstderr: {}",
            self.what,
            tail(&self.stderr)
        );
        self
    }

    /// The first line of the output that names `file` with a place: the part
    /// "file:line:column".
    pub fn place(&self, file: &str) -> Option<String> {
        let text = format!("{}{}", self.stdout, self.stderr);
        let at = text.find(&format!("{file}:"))?;
        let rest = &text[at + file.len() + 1..];
        let mut parts = rest.splitn(3, ':');
        let line: usize = parts.next()?.parse().ok()?;
        let column: usize = parts.next()?.parse().ok()?;
        Some(format!("{file}:{line}:{column}"))
    }
}

fn tail(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let from = chars.len().saturating_sub(1500);
    chars[from..].iter().collect()
}

/// The files left in `dir` (recursively); nothing when it does not exist.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_in(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The text of a PDF, read back with poppler's pdftotext.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.as_os_str(), OsStr::new("-")])
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/test.sh installs it");
    assert!(out.status.success(), "pdftotext {} failed", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}
