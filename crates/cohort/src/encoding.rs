//! Which encoding a cohort file is in (issue 15 item 2), decided before any
//! text is shown, said in the view, and changeable.
//!
//! Order: a byte-order mark decides (UTF-8, UTF-16 LE or BE: Excel's
//! "Unicode text" is UTF-16 LE with a BOM); else bytes that are valid UTF-8
//! are UTF-8; else Windows-1252, the encoding of Excel's plain "CSV" on
//! Western European Windows (a German "Bilirubin (µmol/l)" is `B5` for µ).
//! Decoding is `encoding_rs`'s (the WHATWG Encoding Standard, as browsers
//! decode), not a hand-made code table.

use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The encodings a cohort file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// UTF-8 (a BOM, if any, is dropped).
    Utf8,
    /// UTF-16, little-endian, from its BOM.
    Utf16Le,
    /// UTF-16, big-endian, from its BOM.
    Utf16Be,
    /// Windows-1252 (Western European), when the bytes are not UTF-8.
    Windows1252,
}

impl TextEncoding {
    /// Every encoding the user may choose, in the order offered.
    pub const ALL: [TextEncoding; 4] = [
        TextEncoding::Utf8,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Windows1252,
    ];

    /// A stable code, the WHATWG label (the view's select values and the
    /// `cohort-encoding` hook's `data-value`).
    pub fn code(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding named by [`TextEncoding::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The encoding's name as the view states it ("read as Windows-1252").
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// How the encoding was decided, for the view's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// From the byte-order mark.
    ByteOrderMark(TextEncoding),
    /// Every byte sequence is valid UTF-8 (plain ASCII included).
    ValidUtf8,
    /// Not valid UTF-8 and no BOM: read as Windows-1252.
    NotUtf8,
}

impl Detected {
    /// The encoding this decision reads the file in.
    pub fn encoding(self) -> TextEncoding {
        match self {
            Detected::ByteOrderMark(encoding) => encoding,
            Detected::ValidUtf8 => TextEncoding::Utf8,
            Detected::NotUtf8 => TextEncoding::Windows1252,
        }
    }
}

/// Decides the encoding of a file's bytes.
pub fn detect(bytes: &[u8]) -> Detected {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Detected::ByteOrderMark(TextEncoding::Utf8)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Detected::ByteOrderMark(TextEncoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Detected::ByteOrderMark(TextEncoding::Utf16Be)
    } else if std::str::from_utf8(bytes).is_ok() {
        Detected::ValidUtf8
    } else {
        Detected::NotUtf8
    }
}

/// Decides the encoding from the first bytes of a longer file (the view
/// reads a head of the file before the rest): the same as [`detect`], except
/// that a UTF-8 sequence cut by the end of the head does not make the head
/// "not UTF-8".
pub fn detect_head(head: &[u8]) -> Detected {
    match detect(head) {
        Detected::NotUtf8 => match std::str::from_utf8(head) {
            // `error_len() == None`: only an incomplete sequence at the end.
            Err(error) if error.error_len().is_none() => Detected::ValidUtf8,
            _ => Detected::NotUtf8,
        },
        detected => detected,
    }
}

/// Whether the bytes are a spreadsheet workbook rather than text: a ZIP
/// container (`.xlsx`, `.ods`) or an OLE compound file (`.xls`), by their
/// signatures. Read as text they would show as garbage; the view says
/// instead that a workbook must be saved as CSV.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The text of `bytes` in `encoding`, with a BOM of that encoding dropped,
/// and whether any byte sequence could not be decoded (shown as U+FFFD:
/// the view says so, and another encoding may be chosen).
pub fn decode(bytes: &[u8], encoding: TextEncoding) -> (String, bool) {
    let codec = match encoding {
        TextEncoding::Utf8 => UTF_8,
        TextEncoding::Utf16Le => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Windows1252 => WINDOWS_1252,
    };
    let (text, had_errors) = codec.decode_with_bom_removal(bytes);
    (text.into_owned(), had_errors)
}

/// The separator named by Excel's `sep=;` first line, if the text starts
/// with one, and the text after that line.
pub fn excel_separator_line(text: &str) -> Option<(char, &str)> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end_matches('\r');
    let rest = text.get(first_end + 1..).unwrap_or("");
    let separator = first.strip_prefix("sep=")?;
    let mut chars = separator.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some((c, rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_1252_export_is_detected_and_read_with_its_micro_sign() {
        // "Bilirubin (µmol/l);IL-6" as Excel writes it on German Windows:
        // µ is the single byte B5, invalid as UTF-8.
        let mut bytes = b"Bilirubin (".to_vec();
        bytes.push(0xB5);
        bytes.extend_from_slice(b"mol/l);IL-6\n");
        assert_eq!(detect(&bytes), Detected::NotUtf8);
        let (text, errors) = decode(&bytes, detect(&bytes).encoding());
        assert_eq!(text, "Bilirubin (µmol/l);IL-6\n");
        assert!(!errors);
        // Read as UTF-8 instead, the µ is lost and that is reported.
        let (text, errors) = decode(&bytes, TextEncoding::Utf8);
        assert!(errors);
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn byte_order_marks_decide_and_are_dropped() {
        let utf8 = b"\xEF\xBB\xBFid;time\n";
        assert_eq!(detect(utf8), Detected::ByteOrderMark(TextEncoding::Utf8));
        assert_eq!(decode(utf8, TextEncoding::Utf8).0, "id;time\n");

        // "µ;ä" in UTF-16 LE with its BOM (Excel's "Unicode text").
        let utf16le: Vec<u8> = [0xFEFFu16, 0xB5, 0x3B, 0xE4]
            .iter()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(
            detect(&utf16le),
            Detected::ByteOrderMark(TextEncoding::Utf16Le)
        );
        assert_eq!(decode(&utf16le, TextEncoding::Utf16Le).0, "µ;ä");

        let utf16be: Vec<u8> = [0xFEFFu16, 0xB5, 0x3B, 0xE4]
            .iter()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(
            detect(&utf16be),
            Detected::ByteOrderMark(TextEncoding::Utf16Be)
        );
        assert_eq!(decode(&utf16be, TextEncoding::Utf16Be).0, "µ;ä");
    }

    #[test]
    fn a_head_cut_inside_a_utf8_character_is_still_utf8() {
        // "µ" is C2 B5 in UTF-8; a head ending after C2 is cut, not invalid.
        let head = b"Bilirubin (\xC2";
        assert_eq!(detect(head), Detected::NotUtf8);
        assert_eq!(detect_head(head), Detected::ValidUtf8);
        // A Windows-1252 B5 in the middle stays not UTF-8.
        assert_eq!(detect_head(b"Bilirubin (\xB5mol/l)"), Detected::NotUtf8);
    }

    #[test]
    fn workbooks_are_told_from_text_by_their_signatures() {
        // ZIP local file header (ECMA-376 and ODF packages) and the OLE2
        // compound file signature (.xls), from the formats' specifications.
        assert!(is_workbook(b"PK\x03\x04\x14\x00\x06\x00"));
        assert!(is_workbook(&[
            0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0
        ]));
        assert!(!is_workbook(b"PK;id;time\n"));
        assert!(!is_workbook(b"id,time\n"));
        assert!(!is_workbook(b""));
    }

    #[test]
    fn encoding_codes_round_trip() {
        for encoding in TextEncoding::ALL {
            assert_eq!(TextEncoding::from_code(encoding.code()), Some(encoding));
        }
        assert_eq!(TextEncoding::from_code("latin1"), None);
    }

    #[test]
    fn plain_utf8_and_ascii_are_utf8() {
        assert_eq!(detect("Bilirubin (µmol/l)".as_bytes()), Detected::ValidUtf8);
        assert_eq!(detect(b"id,time"), Detected::ValidUtf8);
        assert_eq!(detect(b""), Detected::ValidUtf8);
    }

    #[test]
    fn excels_separator_line_names_the_separator() {
        assert_eq!(
            excel_separator_line("sep=;\r\nid;time\n"),
            Some((';', "id;time\n"))
        );
        assert_eq!(
            excel_separator_line("sep=,\nid,time"),
            Some((',', "id,time"))
        );
        assert_eq!(excel_separator_line("sep=\t"), Some(('\t', "")));
        assert_eq!(excel_separator_line("id;time\n"), None);
        assert_eq!(excel_separator_line("sep=;;\n"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let detected = detect(&bytes);
            for encoding in TextEncoding::ALL {
                let _ = decode(&bytes, encoding);
            }
            // What is detected as UTF-8 decodes without errors.
            if detected == Detected::ValidUtf8 {
                proptest::prop_assert!(!decode(&bytes, TextEncoding::Utf8).1);
            }
        }
    }
}
