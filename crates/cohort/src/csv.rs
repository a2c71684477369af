//! Reading a hospital export: CSV as RFC 4180 describes it, with the
//! relaxations that spreadsheet exports need.
//!
//! * Separator: comma, semicolon or tab. [`Separator::detect`] counts each
//!   candidate outside quotes on the header line and takes the most frequent
//!   (ties: semicolon, then tab, then comma; none at all: comma). A user can
//!   always override it.
//! * Quoted fields (`"…"`) may contain the separator, line breaks, and quotes
//!   written twice (`""`), as RFC 4180 §2.5–2.7 specifies. Spaces before an
//!   opening quote or after a closing quote are ignored.
//! * UTF-8 with or without a byte-order mark; LF or CRLF line endings (a CR
//!   before LF is dropped, also on the last line).
//! * Lines that are empty or only white space are skipped and counted
//!   ([`CsvReader::blank_lines`]), never silently.
//!
//! Decimal commas need nothing here: with a comma separator an unquoted
//! `6,5` is two fields (the row then has the wrong number of fields and is
//! reported), while with a semicolon or tab separator, or inside quotes, the
//! field keeps its comma and the number parser of `calculator-core` reads it.
//!
//! Errors are per record and carry the line number (1-based, counting every
//! physical line of the file, so that it is the line a text editor shows):
//! after a malformed record the reader continues on the next line.
//!
//! Deliberate differences from R's `read.table`/`read.csv2`: a quote in the
//! middle of an unquoted field is an error here (R keeps it as text), and
//! text after a closing quote is an error (R glues it on), because both are
//! signs of a file that was not written as its separator suggests.

use std::borrow::Cow;
use std::fmt;

/// The character between fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Separator {
    /// `,` (RFC 4180; English-locale spreadsheets).
    Comma,
    /// `;` (spreadsheets in locales with a decimal comma).
    Semicolon,
    /// A tab character.
    Tab,
}

impl Separator {
    /// Every separator, in the order used to break ties when detecting.
    pub const ALL: [Separator; 3] = [Separator::Semicolon, Separator::Tab, Separator::Comma];

    /// The separator byte.
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }

    /// A stable code for a settings field or URL: `comma`, `semicolon`, `tab`.
    pub fn code(self) -> &'static str {
        match self {
            Separator::Comma => "comma",
            Separator::Semicolon => "semicolon",
            Separator::Tab => "tab",
        }
    }

    /// The separator named by [`Separator::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// How the separator is written for people.
    pub fn label(self) -> &'static str {
        match self {
            Separator::Comma => "comma (,)",
            Separator::Semicolon => "semicolon (;)",
            Separator::Tab => "tab",
        }
    }

    /// Guesses the separator from the first non-blank line (the header):
    /// the candidate that occurs most often outside quotes.
    pub fn detect(text: &str) -> Separator {
        let text = strip_bom(text);
        let header = text
            .split('\n')
            .find(|line| !line.trim().is_empty())
            .unwrap_or("");
        let mut counts = [0usize; 3];
        let mut in_quotes = false;
        for byte in header.bytes() {
            match byte {
                b'"' => in_quotes = !in_quotes,
                _ if in_quotes => {}
                _ => {
                    for (count, separator) in counts.iter_mut().zip(Self::ALL) {
                        if byte == separator.byte() {
                            *count += 1;
                        }
                    }
                }
            }
        }
        let mut best = Separator::Comma;
        let mut best_count = 0;
        for (count, separator) in counts.into_iter().zip(Self::ALL) {
            if count > best_count {
                best = separator;
                best_count = count;
            }
        }
        best
    }
}

/// The text without a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Why a file's bytes are not text this reader can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file must be UTF-8 (with or without BOM); the first invalid byte
    /// is on this line. Re-save the file as "CSV UTF-8".
    NotUtf8 {
        /// The line (1-based) holding the first byte that is not UTF-8.
        line: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotUtf8 { line } => write!(
                f,
                "line {line}: the file is not UTF-8 text; save it again as \"CSV UTF-8\""
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Turns a file's bytes into text, as a file input hands them over.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let line = 1 + error.as_bytes()[..valid]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        DecodeError::NotUtf8 { line }
    })
}

/// Why one record could not be read. The reader resumes on the next line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// A quoted field must be closed by a quote; this one, opened on `line`,
    /// runs to the end of the file (lines `line`–`last_line` are lost).
    UnterminatedQuote {
        /// Line of the opening quote.
        line: usize,
        /// Last line of the file.
        last_line: usize,
    },
    /// A quote may only open a field, as in `"a;b"`; here it stands inside
    /// an unquoted field, e.g. `ab"c`.
    QuoteInsideField {
        /// Line of the record.
        line: usize,
        /// 1-based position of the field in the record.
        field: usize,
    },
    /// After a closing quote only the separator or the end of the line may
    /// follow; here text does, e.g. `"ab"c`.
    TextAfterClosingQuote {
        /// Line of the closing quote.
        line: usize,
        /// 1-based position of the field in the record.
        field: usize,
    },
}

impl CsvError {
    /// The line the error is reported on.
    pub fn line(&self) -> usize {
        match self {
            CsvError::UnterminatedQuote { line, .. }
            | CsvError::QuoteInsideField { line, .. }
            | CsvError::TextAfterClosingQuote { line, .. } => *line,
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::UnterminatedQuote { line, last_line } => write!(
                f,
                "line {line}: a quote opens a field that is never closed (lines {line}–{last_line} could not be read)"
            ),
            CsvError::QuoteInsideField { line, field } => write!(
                f,
                "line {line}, field {field}: a quote inside an unquoted field"
            ),
            CsvError::TextAfterClosingQuote { line, field } => write!(
                f,
                "line {line}, field {field}: text after the closing quote"
            ),
        }
    }
}

impl std::error::Error for CsvError {}

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvField<'a> {
    /// The field's text, without its quotes, `""` read as `"`. Unquoted
    /// fields are not trimmed here; the value parsers trim.
    pub text: Cow<'a, str>,
    /// Whether the field was quoted.
    pub quoted: bool,
}

/// One record (a row of the file; it may span lines inside quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord<'a> {
    /// The line the record starts on (1-based).
    pub line: usize,
    /// The fields, in order.
    pub fields: Vec<CsvField<'a>>,
}

impl CsvRecord<'_> {
    /// Whether every field is empty and unquoted (a row of bare separators,
    /// as spreadsheets write for an empty row).
    pub fn is_blank(&self) -> bool {
        self.fields
            .iter()
            .all(|f| !f.quoted && f.text.trim().is_empty())
    }
}

/// Reads records one at a time from text; never panics.
#[derive(Debug, Clone)]
pub struct CsvReader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    separator: u8,
    blank_lines: usize,
}

impl<'a> CsvReader<'a> {
    /// A reader over `text` (a leading BOM is skipped).
    pub fn new(text: &'a str, separator: Separator) -> Self {
        let start = text.len() - strip_bom(text).len();
        CsvReader {
            text,
            pos: start,
            line: 1,
            separator: separator.byte(),
            blank_lines: 0,
        }
    }

    /// A reader after Excel's `sep=;` first line, if the text has one
    /// (`crate::encoding::excel_separator_line`), with the separator it
    /// names unless `separator` is given; otherwise a reader from the start
    /// with `separator` or the detected one. Line numbers stay the file's:
    /// the header is then on line 2.
    pub fn after_separator_line(text: &'a str, separator: Option<Separator>) -> (Self, Separator) {
        let body = strip_bom(text);
        if let Some((named, rest)) = crate::encoding::excel_separator_line(body) {
            let named = Self::separator_for(named);
            let separator = separator
                .or(named)
                .unwrap_or_else(|| Separator::detect(rest));
            let reader = CsvReader::resume(text, separator, text.len() - rest.len(), 2);
            return (reader, separator);
        }
        let separator = separator.unwrap_or_else(|| Separator::detect(text));
        (CsvReader::new(text, separator), separator)
    }

    fn separator_for(c: char) -> Option<Separator> {
        Separator::ALL
            .into_iter()
            .find(|s| char::from(s.byte()) == c)
    }

    /// A reader that resumes at byte `pos` on line `line` (from a
    /// previous reader's [`CsvReader::position`] and [`CsvReader::line`]).
    pub(crate) fn resume(text: &'a str, separator: Separator, pos: usize, line: usize) -> Self {
        let start = text.len() - strip_bom(text).len();
        CsvReader {
            text,
            pos: pos.clamp(start, text.len()),
            line,
            separator: separator.byte(),
            blank_lines: 0,
        }
    }

    /// The line the reader is on (1-based).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Bytes of the text consumed so far (for a progress bar).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Blank lines skipped so far.
    pub fn blank_lines(&self) -> usize {
        self.blank_lines
    }

    /// The next record, or `None` at the end of the text.
    pub fn next_record(&mut self) -> Option<Result<CsvRecord<'a>, CsvError>> {
        let bytes = self.text.as_bytes();
        // Skip blank lines.
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let rest = &bytes[self.pos..];
            let end = rest.iter().position(|b| *b == b'\n');
            let line = &rest[..end.unwrap_or(rest.len())];
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                self.blank_lines += 1;
                match end {
                    Some(end) => {
                        self.pos += end + 1;
                        self.line += 1;
                    }
                    None => self.pos = bytes.len(),
                }
            } else {
                break;
            }
        }
        let record_line = self.line;
        let mut fields = Vec::new();
        loop {
            let field_number = fields.len() + 1;
            // Spaces before an opening quote are ignored.
            let mut look = self.pos;
            while look < bytes.len() && bytes[look] == b' ' {
                look += 1;
            }
            if look < bytes.len() && bytes[look] == b'"' {
                self.pos = look + 1;
                let field = match self.quoted_field() {
                    Ok(field) => field,
                    Err(error) => return Some(Err(error)),
                };
                fields.push(field);
                while self.pos < bytes.len() && bytes[self.pos] == b' ' {
                    self.pos += 1;
                }
                match bytes.get(self.pos) {
                    Some(b) if *b == self.separator => self.pos += 1,
                    None => {
                        return Some(Ok(CsvRecord {
                            line: record_line,
                            fields,
                        }))
                    }
                    Some(b'\n') => {
                        self.pos += 1;
                        self.line += 1;
                        return Some(Ok(CsvRecord {
                            line: record_line,
                            fields,
                        }));
                    }
                    Some(b'\r') if bytes.get(self.pos + 1).is_none_or(|b| *b == b'\n') => {
                        self.pos += 1;
                        if self.pos < bytes.len() {
                            self.pos += 1;
                            self.line += 1;
                        }
                        return Some(Ok(CsvRecord {
                            line: record_line,
                            fields,
                        }));
                    }
                    Some(_) => {
                        let line = self.line;
                        self.skip_line();
                        return Some(Err(CsvError::TextAfterClosingQuote {
                            line,
                            field: field_number,
                        }));
                    }
                }
            } else {
                let start = self.pos;
                let mut end = start;
                let mut quote = false;
                while end < bytes.len() && bytes[end] != self.separator && bytes[end] != b'\n' {
                    quote |= bytes[end] == b'"';
                    end += 1;
                }
                if quote {
                    let line = self.line;
                    self.skip_line();
                    return Some(Err(CsvError::QuoteInsideField {
                        line,
                        field: field_number,
                    }));
                }
                let at_line_end = end >= bytes.len() || bytes[end] == b'\n';
                let mut text_end = end;
                if at_line_end && text_end > start && bytes[text_end - 1] == b'\r' {
                    text_end -= 1;
                }
                fields.push(CsvField {
                    text: Cow::Borrowed(self.slice(start, text_end)),
                    quoted: false,
                });
                if at_line_end {
                    if end < bytes.len() {
                        self.line += 1;
                        self.pos = end + 1;
                    } else {
                        self.pos = end;
                    }
                    return Some(Ok(CsvRecord {
                        line: record_line,
                        fields,
                    }));
                }
                self.pos = end + 1;
            }
        }
    }

    /// Reads a quoted field; `self.pos` is just after the opening quote.
    fn quoted_field(&mut self) -> Result<CsvField<'a>, CsvError> {
        let bytes = self.text.as_bytes();
        let open_line = self.line;
        let mut owned: Option<String> = None;
        let mut segment = self.pos;
        loop {
            let Some(offset) = bytes[self.pos..].iter().position(|b| *b == b'"') else {
                self.line += bytes[self.pos..].iter().filter(|b| **b == b'\n').count();
                self.pos = bytes.len();
                return Err(CsvError::UnterminatedQuote {
                    line: open_line,
                    last_line: self.line,
                });
            };
            let quote = self.pos + offset;
            self.line += bytes[self.pos..quote]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            if bytes.get(quote + 1) == Some(&b'"') {
                // `""` is one quote: keep the text up to and including the first.
                owned
                    .get_or_insert_with(String::new)
                    .push_str(self.slice(segment, quote + 1));
                self.pos = quote + 2;
                segment = self.pos;
            } else {
                let text = match owned {
                    Some(mut text) => {
                        text.push_str(self.slice(segment, quote));
                        Cow::Owned(text)
                    }
                    None => Cow::Borrowed(self.slice(segment, quote)),
                };
                self.pos = quote + 1;
                return Ok(CsvField { text, quoted: true });
            }
        }
    }

    /// Moves past the end of the current line.
    fn skip_line(&mut self) {
        let bytes = self.text.as_bytes();
        match bytes[self.pos..].iter().position(|b| *b == b'\n') {
            Some(offset) => {
                self.pos += offset + 1;
                self.line += 1;
            }
            None => self.pos = bytes.len(),
        }
    }

    /// The text between two byte offsets, both at ASCII bytes (separator,
    /// quote, line break) or the ends, hence on character boundaries.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }
}

impl<'a> Iterator for CsvReader<'a> {
    type Item = Result<CsvRecord<'a>, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// A field written for a comma-separated file as RFC 4180 §2.6–2.7 wants
/// it, and as [`CsvReader`] reads it back: in quotes, its quotes doubled,
/// when it holds a comma, a quote or a line break; as it is otherwise. (The
/// app's own exports add a guard against spreadsheet formulas on top:
/// `crate::export::quoted`.)
pub fn comma_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(record: &CsvRecord<'_>) -> Vec<String> {
        record.fields.iter().map(|f| f.text.to_string()).collect()
    }

    fn read_all(text: &str, separator: Separator) -> Vec<Result<(usize, Vec<String>), CsvError>> {
        CsvReader::new(text, separator)
            .map(|r| r.map(|rec| (rec.line, texts(&rec))))
            .collect()
    }

    #[test]
    fn a_field_written_with_comma_field_reads_back_as_it_was() {
        let fields = ["plain", "a, b", "say \"x\"", "two\nlines", "", "µ 6,5"];
        let line: Vec<String> = fields.iter().map(|f| comma_field(f).into_owned()).collect();
        assert_eq!(comma_field("plain"), Cow::Borrowed("plain"));
        assert_eq!(comma_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(
            read_all(&format!("{}\n", line.join(",")), Separator::Comma),
            vec![Ok((1, fields.iter().map(|f| f.to_string()).collect()))]
        );
    }

    #[test]
    fn detects_a_semicolon_header_even_with_decimal_commas_in_the_rows() {
        assert_eq!(
            Separator::detect("\u{feff}id;il6;il8\r\n1;6,5;70,2\r\n"),
            Separator::Semicolon
        );
        assert_eq!(
            Separator::detect("id,il6,il8\n1,6.5,70\n"),
            Separator::Comma
        );
        assert_eq!(Separator::detect("\n\nid\til6\n"), Separator::Tab);
        assert_eq!(Separator::detect("\"a;b\",c\n"), Separator::Comma);
        assert_eq!(Separator::detect("single\n1\n"), Separator::Comma);
        assert_eq!(Separator::detect(""), Separator::Comma);
    }

    #[test]
    fn reads_quoted_fields_with_separators_line_breaks_and_doubled_quotes() {
        // RFC 4180 §2.6 and §2.7.
        let text = "a;b;c\r\n1;\"x;y\";\"he said \"\"hi\"\"\"\r\n2;\"two\r\nlines\";z\r\n3;;\r\n";
        let records = read_all(text, Separator::Semicolon);
        assert_eq!(
            records,
            vec![
                Ok((1, vec!["a".into(), "b".into(), "c".into()])),
                Ok((2, vec!["1".into(), "x;y".into(), "he said \"hi\"".into()])),
                Ok((3, vec!["2".into(), "two\r\nlines".into(), "z".into()])),
                Ok((5, vec!["3".into(), "".into(), "".into()])),
            ]
        );
    }

    #[test]
    fn skips_a_bom_and_blank_lines_and_counts_the_blank_lines() {
        let text = "\u{feff}a,b\n\n  \r\n1,2\n\n";
        let mut reader = CsvReader::new(text, Separator::Comma);
        let records: Vec<_> = reader.by_ref().collect();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[0].as_ref().map(|r| texts(r)),
            Ok(vec!["a".into(), "b".into()])
        );
        assert_eq!(records[1].as_ref().map(|r| r.line), Ok(4));
        assert_eq!(reader.blank_lines(), 3);
        assert_eq!(reader.position(), text.len());
    }

    #[test]
    fn a_last_line_without_line_break_and_a_trailing_cr_are_read() {
        assert_eq!(
            read_all("a,b\r\n1,2\r", Separator::Comma),
            vec![
                Ok((1, vec!["a".into(), "b".into()])),
                Ok((2, vec!["1".into(), "2".into()]))
            ]
        );
        assert_eq!(
            read_all("a,\"b\"\r\n", Separator::Comma),
            vec![Ok((1, vec!["a".into(), "b".into()]))]
        );
    }

    #[test]
    fn a_malformed_record_is_reported_with_its_line_and_reading_continues() {
        let records = read_all("a,b\n1,x\"y\n\"p\"q,2\n3,4\n", Separator::Comma);
        assert_eq!(
            records,
            vec![
                Ok((1, vec!["a".into(), "b".into()])),
                Err(CsvError::QuoteInsideField { line: 2, field: 2 }),
                Err(CsvError::TextAfterClosingQuote { line: 3, field: 1 }),
                Ok((4, vec!["3".into(), "4".into()])),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_reports_the_lines_it_swallowed() {
        let records = read_all("a,b\n1,\"open\n2,3\n4,5", Separator::Comma);
        assert_eq!(
            records[1],
            Err(CsvError::UnterminatedQuote {
                line: 2,
                last_line: 4
            })
        );
        assert_eq!(records.len(), 2);
    }

    #[test]
    fn decimal_commas_survive_in_quotes_and_under_a_semicolon_separator() {
        assert_eq!(
            read_all("1,\"6,5\",7\n", Separator::Comma),
            vec![Ok((1, vec!["1".into(), "6,5".into(), "7".into()]))]
        );
        assert_eq!(
            read_all("1;6,5;7\n", Separator::Semicolon),
            vec![Ok((1, vec!["1".into(), "6,5".into(), "7".into()]))]
        );
    }

    #[test]
    fn non_utf8_bytes_are_reported_with_their_line() {
        assert_eq!(
            decode_utf8(b"a,b\n1,\xe9\n".to_vec()),
            Err(DecodeError::NotUtf8 { line: 2 })
        );
        assert_eq!(decode_utf8(b"a".to_vec()), Ok("a".to_owned()));
    }
}
