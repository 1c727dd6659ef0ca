//! A small ZIP writer: just what an Office package needs (deflated or stored entries,
//! no encryption, no ZIP64), written deterministically (every entry dated
//! 1 January 1980), so the same document always gives the same bytes.

use std::io::Write as _;

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};

/// One entry of the archive.
pub struct Entry<'a> {
    /// Path inside the archive (ASCII, `/` separated).
    pub name: &'a str,
    /// Uncompressed bytes.
    pub data: &'a [u8],
    /// Deflate (true) or store (false, for data that is already compressed).
    pub deflate: bool,
}

/// DOS date of 1 January 1980 (the earliest a ZIP can hold).
const DOS_DATE: u16 = (1 << 5) | 1;

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Writes the entries, in order, as one ZIP archive. Fails only when an entry or the
/// archive is larger than a ZIP without ZIP64 can hold (4 GiB).
pub fn write(entries: &[Entry]) -> Result<Vec<u8>, String> {
    let too_big = || "the DOCX package would exceed 4 GiB".to_string();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let mut crc = Crc::new();
        crc.update(e.data);
        let (method, body) = if e.deflate {
            let mut enc = DeflateEncoder::new(
                Vec::with_capacity(e.data.len() / 4 + 64),
                Compression::new(6),
            );
            enc.write_all(e.data).map_err(|err| err.to_string())?;
            (8u16, enc.finish().map_err(|err| err.to_string())?)
        } else {
            (0u16, e.data.to_vec())
        };
        let offset = u32::try_from(out.len()).map_err(|_| too_big())?;
        let csize = u32::try_from(body.len()).map_err(|_| too_big())?;
        let usize_ = u32::try_from(e.data.len()).map_err(|_| too_big())?;
        let name = e.name.as_bytes();
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        // local file header
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20); // version needed: 2.0 (deflate)
        u16le(&mut out, 0); // flags
        u16le(&mut out, method);
        u16le(&mut out, 0); // time
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc.sum());
        u32le(&mut out, csize);
        u32le(&mut out, usize_);
        u16le(&mut out, name_len);
        u16le(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(&body);
        // central directory record
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // made by: MS-DOS, 2.0
        u16le(&mut central, 20);
        u16le(&mut central, 0);
        u16le(&mut central, method);
        u16le(&mut central, 0);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc.sum());
        u32le(&mut central, csize);
        u32le(&mut central, usize_);
        u16le(&mut central, name_len);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name);
    }
    let cd_offset = u32::try_from(out.len()).map_err(|_| too_big())?;
    let cd_size = u32::try_from(central.len()).map_err(|_| too_big())?;
    let count = u16::try_from(entries.len()).map_err(|_| too_big())?;
    out.extend_from_slice(&central);
    // end of central directory
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the archive back through its central directory (independently of the
    /// writer's own bookkeeping) and inflates every entry.
    fn read_back(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], &[0x50, 0x4b, 0x05, 0x06]);
        let n = u16::from_le_bytes([zip[eocd + 10], zip[eocd + 11]]) as usize;
        let mut p = u32::from_le_bytes(zip[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
        let mut out = Vec::new();
        for _ in 0..n {
            assert_eq!(&zip[p..p + 4], &[0x50, 0x4b, 0x01, 0x02]);
            let method = u16::from_le_bytes([zip[p + 10], zip[p + 11]]);
            let crc = u32::from_le_bytes(zip[p + 16..p + 20].try_into().unwrap());
            let csize = u32::from_le_bytes(zip[p + 20..p + 24].try_into().unwrap()) as usize;
            let nlen = u16::from_le_bytes([zip[p + 28], zip[p + 29]]) as usize;
            let off = u32::from_le_bytes(zip[p + 42..p + 46].try_into().unwrap()) as usize;
            let name = String::from_utf8(zip[p + 46..p + 46 + nlen].to_vec()).unwrap();
            let start = off + 30 + nlen;
            let raw = &zip[start..start + csize];
            let data = if method == 8 {
                let mut d = flate2::read::DeflateDecoder::new(raw);
                let mut v = Vec::new();
                std::io::Read::read_to_end(&mut d, &mut v).unwrap();
                v
            } else {
                raw.to_vec()
            };
            let mut c = Crc::new();
            c.update(&data);
            assert_eq!(c.sum(), crc, "{name}: CRC");
            out.push((name, data));
            p += 46 + nlen;
        }
        out
    }

    #[test]
    fn entries_come_back_whole_and_in_order() {
        let text = "ผลการประเมิน ".repeat(500);
        let png = [0x89u8, b'P', b'N', b'G', 1, 2, 3];
        let zip = write(&[
            Entry {
                name: "[Content_Types].xml",
                data: text.as_bytes(),
                deflate: true,
            },
            Entry {
                name: "word/media/image1.png",
                data: &png,
                deflate: false,
            },
        ])
        .unwrap();
        assert!(zip.len() < text.len(), "deflate shrinks repetitive text");
        let back = read_back(&zip);
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].0, "[Content_Types].xml");
        assert_eq!(back[0].1, text.as_bytes());
        assert_eq!(back[1].0, "word/media/image1.png");
        assert_eq!(back[1].1, png);
        // deterministic
        let again = write(&[Entry {
            name: "a",
            data: b"x",
            deflate: true,
        }])
        .unwrap();
        let again2 = write(&[Entry {
            name: "a",
            data: b"x",
            deflate: true,
        }])
        .unwrap();
        assert_eq!(again, again2);
    }
}
