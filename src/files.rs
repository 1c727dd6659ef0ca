//! Reading the files a run uses (the input, an emblem, fonts, templates) without
//! trusting them: only regular files are read (not `/dev/zero`, a FIFO or a
//! folder), each kind has a size cap, and a path written inside an input file
//! resolves inside that file's folder.
//!
//! A leaf: it depends on nothing else in the crate. Messages come in Thai and
//! English ([`FileError::message`]).

use std::fmt;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// What a file is read for; each kind has its own cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The input YAML (real ones are a few tens of kilobytes).
    Input,
    /// An emblem image (PNG, JPEG or SVG).
    Image,
    /// A font file (TTF, OTF or a TTC collection).
    Font,
    /// A user's template.
    Template,
}

impl FileKind {
    /// The most bytes a file of this kind may hold.
    pub fn cap(self) -> u64 {
        match self {
            FileKind::Input => 1 << 20,
            FileKind::Image => 16 << 20,
            FileKind::Font => 64 << 20,
            FileKind::Template => 1 << 20,
        }
    }

    fn name_th(self) -> &'static str {
        match self {
            FileKind::Input => "ไฟล์ข้อมูล",
            FileKind::Image => "ไฟล์ภาพตราสัญลักษณ์",
            FileKind::Font => "ไฟล์ฟอนต์",
            FileKind::Template => "ไฟล์แม่แบบ",
        }
    }

    fn name_en(self) -> &'static str {
        match self {
            FileKind::Input => "input file",
            FileKind::Image => "emblem image",
            FileKind::Font => "font file",
            FileKind::Template => "template file",
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Reason {
    /// It is not there (or cannot be opened).
    Io(std::io::Error),
    /// It is a folder, a device, a FIFO or a socket.
    NotRegular,
    /// It holds more than its kind's cap.
    TooLarge,
}

/// A file that could not be read, with its path and kind.
#[derive(Debug)]
pub struct FileError {
    /// The path as given.
    pub path: PathBuf,
    /// What it was read for.
    pub kind: FileKind,
    /// Why it was not read.
    pub reason: Reason,
}

/// Megabytes, for messages.
fn mb(bytes: u64) -> u64 {
    bytes >> 20
}

impl FileError {
    /// The message, in English when `en`, else in Thai.
    pub fn message(&self, en: bool) -> String {
        let path = self.path.display();
        let cap = mb(self.kind.cap());
        match (&self.reason, en) {
            (Reason::Io(e), false) => {
                format!("{path}: อ่าน{}ไม่ได้: {}", self.kind.name_th(), io_th(e))
            }
            (Reason::Io(e), true) => {
                format!("{path}: cannot read the {}: {e}", self.kind.name_en())
            }
            (Reason::NotRegular, false) => format!(
                "{path}: ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์ อุปกรณ์ หรือท่อ) จึงไม่อ่านเป็น{}",
                self.kind.name_th()
            ),
            (Reason::NotRegular, true) => format!(
                "{path}: not a regular file (a folder, device or pipe), so not read as the {}",
                self.kind.name_en()
            ),
            (Reason::TooLarge, false) => {
                format!("{path}: {}ใหญ่เกิน {cap} เมกะไบต์", self.kind.name_th())
            }
            (Reason::TooLarge, true) => {
                format!(
                    "{path}: the {} is larger than {cap} MB",
                    self.kind.name_en()
                )
            }
        }
    }
}

/// The common operating-system errors in Thai; others keep the system's words.
fn io_th(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "ไม่พบไฟล์".into(),
        std::io::ErrorKind::PermissionDenied => "ไม่มีสิทธิ์อ่าน".into(),
        _ => e.to_string(),
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(false))
    }
}

impl std::error::Error for FileError {}

/// Reads a regular file of at most `kind`'s cap. The type and size are checked
/// before the file is opened, and the read stops one byte past the cap, so a
/// device, a FIFO or a file that grows while being read costs nothing.
pub fn read(path: &Path, kind: FileKind) -> Result<Vec<u8>, FileError> {
    let fail = |reason| FileError {
        path: path.to_path_buf(),
        kind,
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(Reason::Io(e)))?;
    if !meta.is_file() {
        return Err(fail(Reason::NotRegular));
    }
    if meta.len() > kind.cap() {
        return Err(fail(Reason::TooLarge));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(Reason::Io(e)))?;
    // the path may have been replaced between the two looks
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(fail(Reason::NotRegular)),
        Err(e) => return Err(fail(Reason::Io(e))),
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(kind.cap() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Reason::Io(e)))?;
    if bytes.len() as u64 > kind.cap() {
        return Err(fail(Reason::TooLarge));
    }
    Ok(bytes)
}

/// Why a path written in an input file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// An absolute path (`/etc/x`, `C:\x`).
    Absolute,
    /// A path with `..` in it.
    Parent,
    /// Nothing by that name inside the folder (also said when the name leads out
    /// of the folder through a link, so the message never tells whether a file
    /// outside exists).
    NotInside,
}

impl PathError {
    /// The message about `value` (the path as written), in English when `en`.
    pub fn message(&self, value: &str, en: bool) -> String {
        match (self, en) {
            (PathError::Absolute, false) => format!(
                "\"{value}\" เป็นเส้นทางเต็ม ให้เขียนชื่อไฟล์ที่อยู่ในโฟลเดอร์เดียวกับไฟล์ข้อมูล (หรือระบุด้วยตัวเลือกในบรรทัดคำสั่ง)"
            ),
            (PathError::Absolute, true) => format!(
                "\"{value}\" is an absolute path; name a file in the input file's folder (or give it as a command-line option)"
            ),
            (PathError::Parent, false) => format!(
                "\"{value}\" ออกนอกโฟลเดอร์ของไฟล์ข้อมูลด้วย \"..\" ให้เขียนชื่อไฟล์ที่อยู่ในโฟลเดอร์นั้น (หรือระบุด้วยตัวเลือกในบรรทัดคำสั่ง)"
            ),
            (PathError::Parent, true) => format!(
                "\"{value}\" leaves the input file's folder with \"..\"; name a file inside it (or give it as a command-line option)"
            ),
            (PathError::NotInside, false) => {
                format!("ไม่พบ \"{value}\" ในโฟลเดอร์ของไฟล์ข้อมูล")
            }
            (PathError::NotInside, true) => {
                format!("\"{value}\" is not in the input file's folder")
            }
        }
    }
}

/// Checks the form of a path written in an input file, without touching the
/// file system: it must be relative and must not climb with `..`.
pub fn check_relative(value: &str) -> Result<(), PathError> {
    let path = Path::new(value);
    // `\` and a drive letter are absolute on Windows; refuse them everywhere so a
    // file means the same on every system.
    let windows_absolute = value.starts_with('\\')
        || value.as_bytes().get(1) == Some(&b':') && value.as_bytes()[0].is_ascii_alphabetic();
    if path.has_root() || windows_absolute {
        return Err(PathError::Absolute);
    }
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => return Err(PathError::Absolute),
            Component::ParentDir => return Err(PathError::Parent),
            _ => {}
        }
    }
    if value.split(['/', '\\']).any(|part| part == "..") {
        return Err(PathError::Parent);
    }
    Ok(())
}

/// Resolves `value`, written in an input file, inside `folder` (the input's own
/// folder): refused by form first ([`check_relative`]), then followed through
/// links and refused unless it stays inside the folder. Returns the canonical path.
pub fn resolve_inside(folder: &Path, value: &str) -> Result<PathBuf, PathError> {
    check_relative(value)?;
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let root = std::fs::canonicalize(folder).map_err(|_| PathError::NotInside)?;
    let full = std::fs::canonicalize(root.join(value)).map_err(|_| PathError::NotInside)?;
    if full.starts_with(&root) {
        Ok(full)
    } else {
        Err(PathError::NotInside)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_not_read() {
        let e = read(Path::new("/dev/zero"), FileKind::Image).unwrap_err();
        assert!(matches!(e.reason, Reason::NotRegular), "{e:?}");
        let e = read(Path::new("/"), FileKind::Input).unwrap_err();
        assert!(matches!(e.reason, Reason::NotRegular), "{e:?}");
        assert!(e.message(false).contains("ไม่ใช่ไฟล์ธรรมดา"));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_before_reading() {
        let dir = std::env::temp_dir().join(format!("itadoc-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.tera");
        let f = std::fs::File::create(&path).unwrap();
        // a sparse file: the size says too large without any bytes written
        f.set_len(FileKind::Template.cap() + 1).unwrap();
        let e = read(&path, FileKind::Template).unwrap_err();
        assert!(matches!(e.reason, Reason::TooLarge), "{e:?}");
        assert!(e.message(false).contains("ใหญ่เกิน 1 เมกะไบต์"), "{e}");
        f.set_len(10).unwrap();
        assert_eq!(read(&path, FileKind::Template).unwrap(), vec![0; 10]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_in_the_input_stay_in_its_folder() {
        assert_eq!(check_relative("krut.png"), Ok(()));
        assert_eq!(check_relative("img/krut.png"), Ok(()));
        assert_eq!(check_relative("/etc/passwd"), Err(PathError::Absolute));
        assert_eq!(check_relative("C:\\x.png"), Err(PathError::Absolute));
        assert_eq!(check_relative("../x.png"), Err(PathError::Parent));
        assert_eq!(check_relative("a/../../x.png"), Err(PathError::Parent));
        assert_eq!(check_relative("a\\..\\x.png"), Err(PathError::Parent));

        let dir = std::env::temp_dir().join(format!("itadoc-inside-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("in")).unwrap();
        std::fs::write(dir.join("in/krut.png"), b"x").unwrap();
        std::fs::write(dir.join("secret.png"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.join("secret.png"), dir.join("in/out.png")).unwrap();
        std::os::unix::fs::symlink(dir.join("nothing.png"), dir.join("in/gone.png")).unwrap();
        let inside = resolve_inside(&dir.join("in"), "krut.png").unwrap();
        assert!(inside.ends_with("in/krut.png"));
        // a link out of the folder and a missing file read the same
        assert_eq!(
            resolve_inside(&dir.join("in"), "out.png"),
            Err(PathError::NotInside)
        );
        assert_eq!(
            resolve_inside(&dir.join("in"), "gone.png"),
            Err(PathError::NotInside)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
