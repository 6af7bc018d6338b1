//! Bytes → text: NUL bytes refused, a UTF-8 byte-order mark stripped, input that is not UTF-8
//! decoded as Windows-1252 (nothing lost, with a warning), and CRLF / lone CR made LF.

use super::ParseError;
use crate::diagnostic::{Diagnostic, DiagnosticCode};

/// Decodes `bytes` to text with LF line endings.
pub fn decode(bytes: &[u8], path: &str, diags: &mut Vec<Diagnostic>) -> Result<String, ParseError> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(ParseError::Binary {
            path: path.to_string(),
            offset,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => normalize_newlines(text),
        Err(err) => {
            let at = err.valid_up_to();
            let (line, column) = position(&bytes[..at]);
            let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            diags.push(
                Diagnostic::warning(
                    DiagnosticCode::NotUtf8,
                    format!(
                        "the file is not valid UTF-8 (byte 0x{:02X} at offset {at}); it was read as Windows-1252",
                        bytes[at]
                    ),
                )
                .at(path, line, column)
                .note("save the guide as UTF-8 to silence this warning"),
            );
            normalize_newlines(&decoded)
        }
    };
    Ok(text)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// 1-based line and column (in characters) of the end of `prefix`.
fn position(prefix: &[u8]) -> (u32, u32) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[start..]).chars().count() + 1;
    (line as u32, column as u32)
}

fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_are_an_error() {
        let mut d = Vec::new();
        let err = decode(b"# T\n\0\x01", "x.md", &mut d).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.md: not a text file (NUL byte at offset 4)"
        );
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let mut d = Vec::new();
        let text = decode(b"\xEF\xBB\xBF# T\r\nA\rB\n", "x.md", &mut d).unwrap();
        assert_eq!(text, "# T\nA\nB\n");
        assert!(d.is_empty());
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let mut d = Vec::new();
        let text = decode(b"# T\ncaf\xE9 \x93q\x94\n", "x.md", &mut d).unwrap();
        assert_eq!(text, "# T\ncafé “q”\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code.as_str(), "not-utf8");
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (2, 4));
    }
}
