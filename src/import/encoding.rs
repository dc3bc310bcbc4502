//! Text encodings a Windows admin really produces: UTF-8 with or without a byte order
//! mark, UTF-16LE with one (Windows PowerShell 5.1's `>` and `Out-File`), and, tolerated,
//! UTF-16BE with one. UTF-8 text is borrowed, never copied.

use std::borrow::Cow;

/// Why bytes are not text, and the byte offset where that shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingError {
    /// The byte offset of the first bad byte.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    Utf16Be,
}

/// Decodes `bytes` by their byte order mark (UTF-8 when there is none).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), EncodingError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3).map(|t| (Cow::Borrowed(t), Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(|t| (Cow::Owned(t), Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(|t| (Cow::Owned(t), Encoding::Utf16Be));
    }
    if looks_like_utf16_without_bom(bytes) {
        return Err(EncodingError {
            offset: 0,
            message: "the file looks like UTF-16 without a byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark".into(),
        });
    }
    utf8(bytes, 0).map(|t| (Cow::Borrowed(t), Encoding::Utf8))
}

fn utf8(bytes: &[u8], skipped: usize) -> Result<&str, EncodingError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = skipped + e.valid_up_to();
        let message = match e.error_len() {
            None => "the file ends in the middle of a UTF-8 character (truncated?)".to_owned(),
            Some(_) => format!(
                "byte 0x{:02X} is not UTF-8; save the file as UTF-8 (Windows PowerShell 5.1: use Out-File -Encoding utf8, or the collector script)",
                bytes.get(e.valid_up_to()).copied().unwrap_or(0)
            ),
        };
        EncodingError { offset, message }
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, EncodingError> {
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Err(EncodingError {
            offset: 2 + bytes.len() - 1,
            message: "the UTF-16 text has an odd number of bytes (truncated?)".into(),
        });
    }
    let units = pairs.map(|p| unit([p[0], p[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut units_done = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                units_done += c.len_utf16();
                out.push(c);
            }
            Err(e) => {
                return Err(EncodingError {
                    offset: 2 + 2 * units_done,
                    message: format!("unpaired UTF-16 surrogate 0x{:04X}", e.unpaired_surrogate()),
                })
            }
        }
    }
    Ok(out)
}

/// ASCII text saved as UTF-16 without a BOM has a zero byte in every other position.
pub(crate) fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && {
        let zeros_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let zeros_even = head.iter().step_by(2).filter(|b| **b == 0).count();
        let half = head.len() / 2;
        zeros_odd * 4 >= half * 3 || zeros_even * 4 >= half * 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn every_accepted_encoding_gives_the_same_text() {
        let text = "{\"Name\":\"Malmö 🌍\"}";
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(text.as_bytes());
        for (bytes, enc) in [
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (bom8, Encoding::Utf8Bom),
            (utf16le(text, true), Encoding::Utf16Le),
            (be, Encoding::Utf16Be),
        ] {
            let (decoded, found) = decode(&bytes).unwrap();
            assert_eq!(decoded, text);
            assert_eq!(found, enc);
        }
    }

    #[test]
    fn bad_bytes_are_located() {
        let e = decode(b"{\"a\":\"Malm\xF6\"}").unwrap_err();
        assert_eq!(e.offset, 10);
        assert!(e.message.contains("0xF6"), "{}", e.message);
        let e = decode(&utf16le("{}", false)).unwrap_err();
        assert!(e.message.contains("without a byte order mark"));
        let mut odd = utf16le("{}", true);
        odd.push(0);
        assert!(decode(&odd).unwrap_err().message.contains("odd"));
        let mut lone = utf16le("ab", true);
        lone.extend([0x00, 0xD8]);
        let e = decode(&lone).unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("D800"), "{}", e.message);
    }
}
