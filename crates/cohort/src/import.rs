//! From the file's text to a validated [`Cohort`]: one [`Patient`] per valid
//! row, every other row listed with its line number and reasons.
//!
//! # What a value means
//!
//! Every number goes through `calculator-core`'s parsers, so that it means
//! exactly what it means in the calculator: decimal point or decimal comma,
//! no thousands separator, no exponent, no `<`/`>` censored values, no
//! negative values (`number_input::parse_number`); IL6 and IL8 through
//! `lab_values::check_interleukin`, albumin and bilirubin through
//! `check_albumin`/`check_bilirubin` in the mapped unit (exact conversion to
//! g/L and µmol/L; zero and impossible values refused; implausible values
//! kept with a warning).
//!
//! * **Missing** (the analysis that needs the value leaves the row out and
//!   counts it): an empty field, or one of [`MISSING_TOKENS`].
//! * **Malformed** (the whole row is excluded and listed with every reason):
//!   anything else that is not a valid value, a row with the wrong number of
//!   fields, a record the CSV reader could not read.
//! * **Ambiguous grouping**: a cell such as `1,234` or `1.234` (one separator
//!   before exactly three digits) is 1.234 or 1234. When the column's other
//!   cells settle which (see [`crate::reading`]) it is read that way and the
//!   import says so per column ([`Cohort::reading_notes`]); otherwise the row
//!   is malformed, with the calculator's reason showing both readings. As
//!   the evidence may come later in the file, such rows are read again once
//!   the whole file has been seen; the cohort keeps file order.
//! * Cirrhosis: `yes`/`y`/`1`/`true` or `no`/`n`/`0`/`false`.
//!   Child–Pugh: `A`, `B`, `C`, a class with its score (`A5`, `B7`, `C10`),
//!   or the score alone (5–6 = A, 7–9 = B, 10–15 = C). Class C is kept with a
//!   warning (the study enrolled A to B7) and counts as "B or worse".
//!
//! Rows of bare separators and blank lines are skipped and counted.
//! Nothing else is dropped: `rows_read = rows_used + rows_excluded`.
//!
//! # Progress and cancelling
//!
//! [`ImportJob::step`] reads a bounded number of rows and returns, so a web
//! worker can post progress and check for a cancel message between steps.
//! [`Cohort::import`] does everything at once.

use std::borrow::Cow;
use std::fmt;

use calculator_core::albi::AlbiScore;
use calculator_core::decimal::Decimal;
use calculator_core::lab_values::{
    check_albumin_value, check_bilirubin_value, check_interleukin_value, LabValueError, LabWarning,
};
use calculator_core::number_input::{parse_number, NumberInputError};
use calculator_core::published::{Marker, RiskFactor, ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L};
use calculator_core::MalbiGroup;
use calculator_core::{ChildPughClass, Group};

use crate::csv::{CsvError, CsvField, CsvReader, CsvRecord, Separator};
use crate::dates::{
    detect_format, months_between, parse_date, Date, DateError, DateFormat, Detection,
};
use crate::mapping::{
    CheckedMapping, ColumnMapping, EndpointRole, EventCoding, MappingError, Role,
};
use crate::reading::{
    ColumnEvidence, Evidence, GroupingReading, ReadingNote, Readings, NUMBER_ROLES,
};

/// Texts read as a missing value (compared trimmed, ignoring case), besides
/// an empty field: `NA` (R), `N/A`, `NaN`, `NULL` (SQL exports), `-` and `.`.
pub const MISSING_TOKENS: [&str; 6] = ["na", "n/a", "nan", "null", "-", "."];

/// Whether a field's text stands for a missing value.
pub fn is_missing(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || MISSING_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(text))
}

/// A validated lab value: exact, and as `f64` for the statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabValue {
    /// The exact value in the internal unit (pg/mL, g/L, µmol/L).
    pub exact: Decimal,
    /// The nearest `f64`.
    pub value: f64,
}

impl LabValue {
    fn new(exact: Decimal) -> Self {
        LabValue {
            exact,
            value: exact.to_f64(),
        }
    }
}

/// Follow-up of one endpoint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Follow-up time in months (≥ 0, finite).
    pub time_months: f64,
    /// `true` for an event, `false` for censored.
    pub event: bool,
}

/// Reads a Child–Pugh cell: `A`, `b`, `B7`, `C10` or a score `5`–`15`.
/// A letter with points must agree with them (`A9` is not read); a letter
/// alone gives the class without points (`B`: [`ChildPughClass::BUnspecified`]).
pub fn parse_child_pugh(text: &str) -> Option<ChildPughClass> {
    let text = text.trim().to_ascii_uppercase();
    let (letter, digits) = match text.chars().next()? {
        c @ ('A' | 'B' | 'C') => (Some(c), text.get(1..)?.trim()),
        _ => (None, text.as_str()),
    };
    let scored = if digits.is_empty() {
        None
    } else if digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() <= 2 {
        Some(ChildPughClass::from_score(digits.parse().ok()?)?)
    } else {
        return None;
    };
    let lettered = letter.map(|c| match c {
        'A' => ChildPughClass::A,
        'B' => ChildPughClass::BUnspecified,
        _ => ChildPughClass::C,
    });
    match (lettered, scored) {
        (Some(l), Some(s)) if l.letter() == s.letter() => Some(s),
        (Some(_), Some(_)) => None,
        (Some(l), None) => Some(l),
        (None, s) => s,
    }
}

/// One valid row of the file.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Patient {
    /// The line the row starts on.
    pub line: usize,
    /// The id column's text, if mapped and not missing.
    pub id: Option<String>,
    /// First endpoint (`None` when its time or event is missing).
    pub primary: Option<Outcome>,
    /// Second endpoint, if mapped and present.
    pub second: Option<Outcome>,
    /// IL6, pg/mL.
    pub il6: Option<LabValue>,
    /// IL8, pg/mL.
    pub il8: Option<LabValue>,
    /// Albumin, g/L.
    pub albumin_g_l: Option<LabValue>,
    /// Total bilirubin, µmol/L.
    pub bilirubin_umol_l: Option<LabValue>,
    /// Cirrhosis.
    pub cirrhosis: Option<bool>,
    /// Child–Pugh class.
    pub child_pugh: Option<ChildPughClass>,
}

impl Patient {
    /// The endpoint in `role`.
    pub fn outcome(&self, role: EndpointRole) -> Option<Outcome> {
        match role {
            EndpointRole::Primary => self.primary,
            EndpointRole::Second => self.second,
        }
    }

    /// The marker's value.
    pub fn marker(&self, marker: Marker) -> Option<LabValue> {
        match marker {
            Marker::Il6 => self.il6,
            Marker::Il8 => self.il8,
        }
    }

    /// The group at the published cutoff (strictly above = high), compared
    /// exactly in decimal as the calculator does.
    pub fn group(&self, marker: Marker) -> Option<Group> {
        self.marker(marker).map(|v| marker.group(v.exact))
    }

    /// ALBI score (Johnson 2015, as `calculator_core::albi`).
    pub fn albi(&self) -> Option<AlbiScore> {
        Some(AlbiScore::from_labs(
            self.albumin_g_l?.exact,
            self.bilirubin_umol_l?.exact,
        ))
    }

    /// Whether the paper's risk factor applies (Tables 2 and 3): IL6 > 6.53,
    /// IL8 > 60.8 pg/mL, cirrhosis, Child–Pugh B or worse, albumin < 36 g/L,
    /// bilirubin ≥ 17 µmol/L, mALBI 2b or 3. `None` when a value is missing.
    pub fn factor(&self, factor: RiskFactor) -> Option<bool> {
        match factor {
            RiskFactor::Il6High => self.group(Marker::Il6).map(|g| g == Group::High),
            RiskFactor::Il8High => self.group(Marker::Il8).map(|g| g == Group::High),
            RiskFactor::Cirrhosis => self.cirrhosis,
            // "B or worse": a class C row is counted with B (and warned about).
            RiskFactor::ChildPughB => self.child_pugh.map(|c| c != ChildPughClass::A),
            RiskFactor::AlbuminBelow36 => self.albumin_g_l.map(|a| a.exact < ALBUMIN_CUTOFF_G_L),
            RiskFactor::Bilirubin17OrMore => self
                .bilirubin_umol_l
                .map(|b| b.exact >= BILIRUBIN_CUTOFF_UMOL_L),
            RiskFactor::MalbiTwoBOrThree => self
                .albi()
                .map(|s| s.malbi_grade().paper_group() == MalbiGroup::TwoBOrThree),
        }
    }
}

/// The columns a risk factor is derived from.
pub fn factor_roles(factor: RiskFactor) -> &'static [Role] {
    match factor {
        RiskFactor::Il6High => &[Role::Il6],
        RiskFactor::Il8High => &[Role::Il8],
        RiskFactor::Cirrhosis => &[Role::Cirrhosis],
        RiskFactor::ChildPughB => &[Role::ChildPugh],
        RiskFactor::AlbuminBelow36 => &[Role::Albumin],
        RiskFactor::Bilirubin17OrMore => &[Role::Bilirubin],
        RiskFactor::MalbiTwoBOrThree => &[Role::Albumin, Role::Bilirubin],
    }
}

/// Why one row is excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The CSV reader could not read the record.
    Csv(CsvError),
    /// A row must have as many fields as the header.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// A follow-up time must be a plain non-negative number.
    Time {
        /// Which time column.
        role: Role,
        /// The text found.
        text: String,
        /// Why it is not a number.
        error: NumberInputError,
    },
    /// An event must be one of the coding's codes.
    Event {
        /// Which event column.
        role: Role,
        /// The text found.
        text: String,
        /// The coding the column was read with.
        coding: EventCoding,
    },
    /// A lab value must pass the calculator's checks.
    Lab {
        /// Which lab column.
        role: Role,
        /// The text found.
        text: String,
        /// The calculator's reason.
        error: LabValueError,
    },
    /// Cirrhosis must be yes/no, 1/0 or true/false.
    Cirrhosis {
        /// The text found.
        text: String,
    },
    /// Child–Pugh must be A/B/C, A5…C15 or a score 5–15.
    ChildPugh {
        /// The text found.
        text: String,
    },
    /// A date column's cell must be a date in the mapping's format.
    Date {
        /// Which date column.
        role: Role,
        /// The text found.
        text: String,
        /// Why it is not a date.
        error: DateError,
    },
    /// An endpoint's dates must both be given when any of it is.
    MissingDate {
        /// The date column left empty.
        role: Role,
    },
    /// The end date must not be before the start date.
    EndBeforeStart {
        /// The end date's column.
        role: Role,
        /// The start date.
        start: Date,
        /// The end date.
        end: Date,
    },
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::Csv(error) => write!(f, "{error}"),
            RowProblem::FieldCount { expected, found } => write!(
                f,
                "{found} fields where the header has {expected} (a separator inside an unquoted value?)"
            ),
            RowProblem::Time { role, text, error } => write!(
                f,
                "{}: \"{text}\": {}",
                role.label(),
                wording::number_input_error(&wording::Text::english(), error)
            ),
            RowProblem::Event { role, text, coding } => write!(
                f,
                "{}: \"{text}\" is not in the coding ({})",
                role.label(),
                coding.describe()
            ),
            RowProblem::Lab { role, text, error } => write!(
                f,
                "{}: \"{text}\": {}",
                role.label(),
                wording::lab_value_error(&wording::Text::english(), error)
            ),
            RowProblem::Cirrhosis { text } => write!(
                f,
                "Cirrhosis: \"{text}\" should be yes/no, 1/0 or true/false"
            ),
            // The view words these (catalog `cohort.problem_*`); this is
            // their machine form, for the excluded-rows CSV.
            RowProblem::Date { role, text, error } => {
                write!(f, "{}: \"{text}\": {}", role.code(), error.code())
            }
            RowProblem::MissingDate { role } => write!(f, "{}: missing_date", role.code()),
            RowProblem::EndBeforeStart { role, start, end } => {
                write!(f, "{}: end_before_start {start} {end}", role.code())
            }
            RowProblem::ChildPugh { text } => write!(
                f,
                "Child–Pugh class: \"{text}\" should be A, B, C, a class with its score (B7) or a score 5–15"
            ),
        }
    }
}

/// A row left out of every analysis, with every reason found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcludedRow {
    /// The line the row starts on.
    pub line: usize,
    /// The id column's text, when it could be read.
    pub id: Option<String>,
    /// Every problem of the row (at least one).
    pub problems: Vec<RowProblem>,
}

impl fmt::Display for ExcludedRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// A value that is used but worth a second look (the calculator's
/// plausibility warnings, Child–Pugh C).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowWarning {
    /// The line of the row.
    pub line: usize,
    /// The column's role.
    pub role: Role,
    /// What to check.
    pub kind: RowWarningKind,
}

/// What a [`RowWarning`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowWarningKind {
    /// The calculator's plausibility warning for the value.
    Lab(LabWarning),
    /// Child–Pugh C: outside the study's eligibility, counted with B.
    ChildPughC,
}

impl fmt::Display for RowWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: {}: {}",
            self.line,
            self.role.label(),
            match &self.kind {
                RowWarningKind::Lab(warning) => wording::lab_warning(&wording::Text::english(), warning),
                RowWarningKind::ChildPughC => "Child–Pugh C: outside the study's eligibility (A to B7); counted as \"B or worse\"".to_owned(),
            }
        )
    }
}

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file must have a header row; it has no non-blank line.
    NoHeader,
    /// The header row must be readable.
    Header(CsvError),
    /// The mapping must fit the header.
    Mapping(MappingError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NoHeader => f.write_str("the file is empty: it needs a header row"),
            ImportError::Header(error) => write!(f, "header row: {error}"),
            ImportError::Mapping(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<MappingError> for ImportError {
    fn from(error: MappingError) -> Self {
        ImportError::Mapping(error)
    }
}

/// The first rows of a file and the default mapping, for the mapping form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The separator used (detected unless given).
    pub separator: Separator,
    /// The header names, trimmed.
    pub header: Vec<String>,
    /// Up to the requested number of data rows, as text (unreadable
    /// records are left out of the preview, not out of the import).
    pub rows: Vec<Vec<String>>,
    /// [`ColumnMapping::suggest`] for the header, with each event
    /// column's coding as detected from its values.
    pub mapping: ColumnMapping,
    /// The coding detected from the event column's values (`None`: no
    /// event column suggested, or no named coding reads its values).
    pub event_coding_detected: Option<EventCoding>,
    /// The same for the second endpoint's event column.
    pub second_event_coding_detected: Option<EventCoding>,
    /// What the mapped date columns' values say about their format
    /// (`None`: no date column suggested). Settled: set in the mapping;
    /// ambiguous or not dates: the mapping's format stays `None`, and the
    /// view asks.
    pub date_format_detected: Option<Detection>,
    /// Whether a date cell has a two-digit year (refused: the view says so).
    pub two_digit_years: bool,
}

/// The formats the date columns of `mapping` settle in `rows` (of a file
/// with `header`), and whether a cell has a two-digit year; `None` when no
/// date column is mapped.
pub fn detect_date_format(
    header: &[String],
    rows: &[Vec<String>],
    mapping: &ColumnMapping,
) -> (Option<Detection>, bool) {
    let indices: Vec<usize> = crate::mapping::Role::DATES
        .iter()
        .filter_map(|role| {
            let column = mapping.column(*role)?;
            header.iter().position(|h| h == column)
        })
        .collect();
    if indices.is_empty() {
        return (None, false);
    }
    let values: Vec<&str> = rows
        .iter()
        .flat_map(|row| indices.iter().filter_map(|i| row.get(*i)))
        .map(String::as_str)
        .filter(|v| !is_missing(v))
        .collect();
    let two_digit = |v: &&str| {
        DateFormat::ALL
            .iter()
            .any(|f| parse_date(v, *f) == Err(DateError::TwoDigitYear))
    };
    let any_two_digit = values.iter().any(two_digit);
    // A two-digit year is refused in every format (its row is listed): it
    // says nothing about the column's format.
    let four_digit: Vec<&str> = values.iter().copied().filter(|v| !two_digit(v)).collect();
    (
        Some(detect_format(four_digit.iter().copied())),
        any_two_digit,
    )
}

/// At most this many rows of the text given to [`preview`] are scanned to
/// detect the event codings (the view gives it the first 64 KiB, about a
/// thousand rows; the bound keeps a pasted whole file quick).
pub const DETECTION_ROWS: usize = 10_000;

/// Reads the header and the first `max_rows` rows.
pub fn preview(
    text: &str,
    separator: Option<Separator>,
    max_rows: usize,
) -> Result<Preview, ImportError> {
    let (mut reader, separator) = CsvReader::after_separator_line(text, separator);
    let header = read_header(&mut reader)?;
    let scanned: Vec<Vec<String>> = reader
        .by_ref()
        .take(max_rows.max(DETECTION_ROWS))
        .filter_map(Result::ok)
        .map(|r| r.fields.iter().map(|f| f.text.to_string()).collect())
        .collect();
    let mut mapping = ColumnMapping::suggest(&header);
    let detect = |column: Option<&String>| {
        let index = header.iter().position(|h| Some(h) == column)?;
        EventCoding::detect(
            scanned
                .iter()
                .filter_map(|row| row.get(index).map(String::as_str)),
        )
    };
    let event_coding_detected = detect(mapping.event.as_ref());
    let second_event_coding_detected = detect(mapping.second_event.as_ref());
    if let Some(coding) = &event_coding_detected {
        mapping.event_coding = coding.clone();
    }
    if let Some(coding) = &second_event_coding_detected {
        mapping.second_event_coding = coding.clone();
    }
    let (date_format_detected, two_digit_years) = detect_date_format(&header, &scanned, &mapping);
    if let Some(Detection::Settled(format)) = date_format_detected {
        mapping.date_format = Some(format);
    }
    let mut rows = scanned;
    rows.truncate(max_rows);
    Ok(Preview {
        separator,
        header,
        rows,
        mapping,
        event_coding_detected,
        second_event_coding_detected,
        date_format_detected,
        two_digit_years,
    })
}

fn read_header(reader: &mut CsvReader<'_>) -> Result<Vec<String>, ImportError> {
    match reader.next_record() {
        None => Err(ImportError::NoHeader),
        Some(Err(error)) => Err(ImportError::Header(error)),
        Some(Ok(record)) => Ok(record
            .fields
            .iter()
            .map(|f| f.text.trim().to_owned())
            .collect()),
    }
}

/// How far an import has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    /// Bytes of the text read so far.
    pub bytes_read: usize,
    /// Bytes in the text.
    pub total_bytes: usize,
    /// Data rows read so far (blank rows not counted).
    pub rows_read: usize,
    /// Whether the whole text has been read.
    pub done: bool,
}

impl ImportProgress {
    /// Fraction read, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total_bytes == 0 {
            1.0
        } else {
            self.bytes_read as f64 / self.total_bytes as f64
        }
    }
}

/// An import in progress, read in steps (see the module docs).
#[derive(Debug, Clone)]
pub struct ImportJob<T: AsRef<str>> {
    text: T,
    separator: Separator,
    mapping: CheckedMapping,
    pos: usize,
    line: usize,
    done: bool,
    cohort: CohortBuilder,
}

#[derive(Debug, Clone, Default)]
struct CohortBuilder {
    patients: Vec<Patient>,
    excluded: Vec<ExcludedRow>,
    warnings: Vec<RowWarning>,
    rows_read: usize,
    blank_rows: usize,
    /// How the number columns write their separators, from every row.
    evidence: ColumnEvidence,
    /// Rows with an ambiguous cell, read again when the file is done.
    pending: Vec<PendingRow>,
}

/// A row kept until the whole column's evidence is known.
#[derive(Debug, Clone)]
struct PendingRow {
    line: usize,
    fields: Vec<String>,
}

impl<T: AsRef<str>> ImportJob<T> {
    /// Reads the header, checks the mapping against it, and gets ready to
    /// read the rows. `separator: None` detects it.
    pub fn new(
        text: T,
        separator: Option<Separator>,
        mapping: &ColumnMapping,
    ) -> Result<Self, ImportError> {
        let (mut reader, separator) = CsvReader::after_separator_line(text.as_ref(), separator);
        let header = read_header(&mut reader)?;
        let mapping = mapping.check(&header)?;
        let (pos, line, blank) = (reader.position(), reader.line(), reader.blank_lines());
        Ok(ImportJob {
            text,
            separator,
            mapping,
            pos,
            line,
            done: false,
            cohort: CohortBuilder {
                blank_rows: blank,
                ..CohortBuilder::default()
            },
        })
    }

    /// Reads up to `max_rows` more rows (at least one).
    pub fn step(&mut self, max_rows: usize) -> ImportProgress {
        if !self.done {
            let mut reader =
                CsvReader::resume(self.text.as_ref(), self.separator, self.pos, self.line);
            for _ in 0..max_rows.max(1) {
                match reader.next_record() {
                    None => {
                        self.done = true;
                        break;
                    }
                    Some(record) => self.cohort.add(record, &self.mapping),
                }
            }
            if reader.position() >= self.text.as_ref().len() {
                self.done = true;
            }
            self.cohort.blank_rows += reader.blank_lines();
            self.pos = reader.position();
            self.line = reader.line();
        }
        self.progress()
    }

    /// Where the import stands.
    pub fn progress(&self) -> ImportProgress {
        ImportProgress {
            bytes_read: self.pos,
            total_bytes: self.text.as_ref().len(),
            rows_read: self.cohort.rows_read,
            done: self.done,
        }
    }

    /// Whether every row has been read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The cohort (reads whatever is left first).
    pub fn finish(mut self) -> Cohort {
        while !self.done {
            self.step(usize::MAX);
        }
        let reading_notes = self.cohort.read_pending(&self.mapping);
        Cohort {
            separator: self.separator,
            mapping: self.mapping,
            patients: self.cohort.patients,
            excluded: self.cohort.excluded,
            warnings: self.cohort.warnings,
            rows_read: self.cohort.rows_read,
            blank_rows: self.cohort.blank_rows,
            reading_notes,
        }
    }
}

impl CohortBuilder {
    fn add(&mut self, record: Result<CsvRecord<'_>, CsvError>, mapping: &CheckedMapping) {
        match record {
            Err(error) => {
                self.rows_read += 1;
                self.excluded.push(ExcludedRow {
                    line: error.line(),
                    id: None,
                    problems: vec![RowProblem::Csv(error)],
                });
            }
            Ok(record) if record.is_blank() => self.blank_rows += 1,
            Ok(record) => {
                self.rows_read += 1;
                if record.fields.len() == mapping.header().len() {
                    for role in NUMBER_ROLES {
                        if let Some(field) = mapping.index(role).and_then(|i| record.fields.get(i))
                        {
                            self.evidence.add(role, record.line, &field.text);
                        }
                    }
                }
                let read = read_row(&record, mapping, None);
                if read.unsettled {
                    self.pending.push(PendingRow {
                        line: record.line,
                        fields: record.fields.iter().map(|f| f.text.to_string()).collect(),
                    });
                } else {
                    self.commit(read);
                }
            }
        }
    }

    fn commit(&mut self, read: RowRead) {
        match read.row {
            Ok(patient) => {
                self.patients.push(patient);
                self.warnings.extend(read.warnings);
            }
            Err(row) => self.excluded.push(row),
        }
    }

    /// Reads the rows with an ambiguous cell again, with the readings the
    /// whole file settles, puts them back in file order, and notes per
    /// column which cells were read how.
    fn read_pending(&mut self, mapping: &CheckedMapping) -> Vec<ReadingNote> {
        if self.pending.is_empty() {
            return Vec::new();
        }
        let readings = self.evidence.settle();
        let mut notes: Vec<ReadingNote> = Vec::new();
        for row in std::mem::take(&mut self.pending) {
            let record = CsvRecord {
                line: row.line,
                fields: (row.fields.iter())
                    .map(|text| CsvField {
                        text: Cow::Borrowed(text.as_str()),
                        quoted: false,
                    })
                    .collect(),
            };
            let read = read_row(&record, mapping, Some(&readings));
            for cell in &read.settled {
                match notes
                    .iter_mut()
                    .find(|n| n.role == cell.role && n.separator == cell.separator)
                {
                    Some(note) => note.cells += 1,
                    None => notes.push(ReadingNote {
                        role: cell.role,
                        separator: cell.separator,
                        reading: cell.reading,
                        cells: 1,
                        first: Evidence {
                            line: row.line,
                            text: cell.text.clone(),
                        },
                        first_value: cell.value,
                        because: cell.because.clone(),
                    }),
                }
            }
            self.commit(read);
        }
        // The re-read rows go back to their places (stable: a row's own
        // warnings keep their order).
        self.patients.sort_by_key(|p| p.line);
        self.excluded.sort_by_key(|r| r.line);
        self.warnings.sort_by_key(|w| w.line);
        notes.sort_by_key(|n| (NUMBER_ROLES.iter().position(|r| *r == n.role), n.separator));
        notes
    }
}

/// One row read: the patient or the reasons it is excluded, the warnings
/// on its values (kept only if it is used), and how its ambiguous cells
/// fared.
struct RowRead {
    row: Result<Patient, ExcludedRow>,
    warnings: Vec<RowWarning>,
    settled: Vec<SettledCell>,
    /// A cell was ambiguous and no reading was settled for its column.
    unsettled: bool,
}

/// An ambiguous cell read by its column's settled reading.
struct SettledCell {
    role: Role,
    separator: char,
    reading: GroupingReading,
    text: String,
    value: Decimal,
    because: Evidence,
}

/// Reads the number cells of one row: the calculator's parser, with an
/// ambiguous cell read as its column's settled reading if there is one.
struct NumberCells<'r> {
    /// `None` while the file is read: nothing is settled until its end.
    readings: Option<&'r Readings>,
    settled: Vec<SettledCell>,
    unsettled: bool,
}

impl NumberCells<'_> {
    fn read(&mut self, role: Role, text: &str) -> Result<Decimal, NumberInputError> {
        match parse_number(text) {
            Err(
                error @ NumberInputError::AmbiguousGrouping {
                    separator,
                    as_decimal,
                    as_thousands,
                },
            ) => match self.readings.and_then(|r| r.get(role, separator)) {
                Some((reading, because)) => {
                    let value = match reading {
                        GroupingReading::Decimal => as_decimal,
                        GroupingReading::Thousands => as_thousands,
                    };
                    self.settled.push(SettledCell {
                        role,
                        separator,
                        reading: *reading,
                        text: text.trim().to_owned(),
                        value,
                        because: because.clone(),
                    });
                    Ok(value)
                }
                None => {
                    self.unsettled = true;
                    Err(error)
                }
            },
            other => other,
        }
    }
}

fn read_row(
    record: &CsvRecord<'_>,
    mapping: &CheckedMapping,
    readings: Option<&Readings>,
) -> RowRead {
    let mut numbers = NumberCells {
        readings,
        settled: Vec::new(),
        unsettled: false,
    };
    let mut warnings = Vec::new();
    let row = read_fields(record, mapping, &mut numbers, &mut warnings);
    RowRead {
        row,
        warnings,
        settled: numbers.settled,
        unsettled: numbers.unsettled,
    }
}

fn read_fields(
    record: &CsvRecord<'_>,
    mapping: &CheckedMapping,
    numbers: &mut NumberCells<'_>,
    warnings: &mut Vec<RowWarning>,
) -> Result<Patient, ExcludedRow> {
    let line = record.line;
    let field = |role: Role| -> Option<&str> {
        mapping
            .index(role)
            .and_then(|i| record.fields.get(i))
            .map(|f| f.text.as_ref())
    };
    let id = field(Role::Id)
        .filter(|t| !is_missing(t))
        .map(|t| t.trim().to_owned());
    let expected = mapping.header().len();
    if record.fields.len() != expected {
        return Err(ExcludedRow {
            line,
            id,
            problems: vec![RowProblem::FieldCount {
                expected,
                found: record.fields.len(),
            }],
        });
    }
    let m = mapping.mapping();
    let mut problems = Vec::new();
    let mut row_warnings = Vec::new();
    let present = |role: Role| field(role).filter(|t| !is_missing(t));

    let outcome = |time_role: Role,
                   event_role: Role,
                   numbers: &mut NumberCells<'_>,
                   problems: &mut Vec<RowProblem>| {
        let (unit, coding, end_role) = if time_role == Role::Time {
            (m.time_unit, &m.event_coding, Role::EndDate)
        } else {
            (
                m.second_time_unit,
                &m.second_event_coding,
                Role::SecondEndDate,
            )
        };
        let time = if mapping.has(end_role) {
            dated_follow_up(end_role, event_role, &present, m.date_format, problems)
        } else {
            present(time_role).and_then(|text| match numbers.read(time_role, text) {
                Ok(value) => Some(unit.to_months(value.to_f64())),
                Err(error) => {
                    problems.push(RowProblem::Time {
                        role: time_role,
                        text: text.to_owned(),
                        error,
                    });
                    None
                }
            })
        };
        let event = present(event_role).and_then(|text| match coding.classify(text) {
            Some(event) => Some(event),
            None => {
                problems.push(RowProblem::Event {
                    role: event_role,
                    text: text.to_owned(),
                    coding: coding.clone(),
                });
                None
            }
        });
        match (time, event) {
            (Some(time_months), Some(event)) if time_months.is_finite() => {
                Some(Outcome { time_months, event })
            }
            _ => None,
        }
    };
    let primary = outcome(Role::Time, Role::Event, numbers, &mut problems);
    let second = if mapping.has_second_endpoint() {
        outcome(Role::SecondTime, Role::SecondEvent, numbers, &mut problems)
    } else {
        None
    };

    let mut lab = |role: Role,
                   numbers: &mut NumberCells<'_>,
                   problems: &mut Vec<RowProblem>|
     -> Option<LabValue> {
        let text = present(role)?;
        let checked = numbers
            .read(role, text)
            .map_err(LabValueError::Number)
            .and_then(|value| match role {
                Role::Albumin => check_albumin_value(value, m.albumin_unit),
                Role::Bilirubin => check_bilirubin_value(value, m.bilirubin_unit),
                _ => check_interleukin_value(value),
            });
        match checked {
            Ok(checked) => {
                for warning in checked.warnings {
                    row_warnings.push(RowWarning {
                        line,
                        role,
                        kind: RowWarningKind::Lab(warning),
                    });
                }
                Some(LabValue::new(checked.value))
            }
            Err(error) => {
                problems.push(RowProblem::Lab {
                    role,
                    text: text.to_owned(),
                    error,
                });
                None
            }
        }
    };
    let mut lab = |role: Role, problems: &mut Vec<RowProblem>| lab(role, numbers, problems);
    let il6 = lab(Role::Il6, &mut problems);
    let il8 = lab(Role::Il8, &mut problems);
    let albumin_g_l = lab(Role::Albumin, &mut problems);
    let bilirubin_umol_l = lab(Role::Bilirubin, &mut problems);

    let cirrhosis =
        present(Role::Cirrhosis).and_then(|text| match text.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "1" | "true" => Some(true),
            "no" | "n" | "0" | "false" => Some(false),
            _ => {
                problems.push(RowProblem::Cirrhosis {
                    text: text.to_owned(),
                });
                None
            }
        });
    let child_pugh = present(Role::ChildPugh).and_then(|text| match parse_child_pugh(text) {
        Some(class) => {
            if class == ChildPughClass::C {
                row_warnings.push(RowWarning {
                    line,
                    role: Role::ChildPugh,
                    kind: RowWarningKind::ChildPughC,
                });
            }
            Some(class)
        }
        None => {
            problems.push(RowProblem::ChildPugh {
                text: text.to_owned(),
            });
            None
        }
    });

    if !problems.is_empty() {
        return Err(ExcludedRow { line, id, problems });
    }
    *warnings = row_warnings;
    Ok(Patient {
        line,
        id,
        primary,
        second,
        il6,
        il8,
        albumin_g_l,
        bilirubin_umol_l,
        cirrhosis,
        child_pugh,
    })
}

/// The follow-up in months from the start date to the end date of
/// `end_role` (issue 15). An endpoint with neither end date nor event is
/// missing (as an empty time is); otherwise both dates must be there, be
/// dates in the mapping's format, and the end must not be before the start.
fn dated_follow_up<'t>(
    end_role: Role,
    event_role: Role,
    present: &dyn Fn(Role) -> Option<&'t str>,
    format: Option<DateFormat>,
    problems: &mut Vec<RowProblem>,
) -> Option<f64> {
    let (start, end) = (present(Role::StartDate), present(end_role));
    if end.is_none() && present(event_role).is_none() {
        return None;
    }
    // `check` refuses date columns without a format; none reads nothing.
    let format = format?;
    let mut read = |role: Role, text: Option<&str>| -> Option<Date> {
        let Some(text) = text else {
            problems.push(RowProblem::MissingDate { role });
            return None;
        };
        parse_date(text, format)
            .map_err(|error| {
                problems.push(RowProblem::Date {
                    role,
                    text: text.trim().to_owned(),
                    error,
                })
            })
            .ok()
    };
    let start = read(Role::StartDate, start);
    let end = read(end_role, end);
    let (start, end) = (start?, end?);
    match months_between(start, end) {
        Ok(months) => Some(months),
        Err(_) => {
            problems.push(RowProblem::EndBeforeStart {
                role: end_role,
                start,
                end,
            });
            None
        }
    }
}

/// The validated rows of a file and the account of every other row.
#[derive(Debug, Clone)]
pub struct Cohort {
    separator: Separator,
    mapping: CheckedMapping,
    patients: Vec<Patient>,
    excluded: Vec<ExcludedRow>,
    warnings: Vec<RowWarning>,
    rows_read: usize,
    blank_rows: usize,
    reading_notes: Vec<ReadingNote>,
}

impl Cohort {
    /// Imports a whole text at once (`separator: None` detects it).
    pub fn import(
        text: &str,
        separator: Option<Separator>,
        mapping: &ColumnMapping,
    ) -> Result<Cohort, ImportError> {
        Ok(ImportJob::new(text, separator, mapping)?.finish())
    }

    /// The separator the file was read with.
    pub fn separator(&self) -> Separator {
        self.separator
    }

    /// The checked mapping.
    pub fn mapping(&self) -> &CheckedMapping {
        &self.mapping
    }

    /// Whether `role` is mapped to a column.
    pub fn has(&self, role: Role) -> bool {
        self.mapping.has(role)
    }

    /// Whether the file has what the risk factor is derived from.
    pub fn has_factor(&self, factor: RiskFactor) -> bool {
        factor_roles(factor).iter().all(|r| self.has(*r))
    }

    /// The valid rows, in file order.
    pub fn patients(&self) -> &[Patient] {
        &self.patients
    }

    /// The excluded rows, in file order, each with its reasons.
    pub fn excluded_rows(&self) -> &[ExcludedRow] {
        &self.excluded
    }

    /// Warnings on values that were used.
    pub fn warnings(&self) -> &[RowWarning] {
        &self.warnings
    }

    /// Data rows read (blank rows not counted).
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// Rows without any malformed value.
    pub fn rows_used(&self) -> usize {
        self.patients.len()
    }

    /// Rows excluded for a malformed value.
    pub fn rows_excluded(&self) -> usize {
        self.excluded.len()
    }

    /// Blank lines and rows of bare separators skipped.
    pub fn blank_rows_skipped(&self) -> usize {
        self.blank_rows
    }

    /// Per number column and separator, the ambiguous cells (`1,234`) that
    /// the column's other values settled, and how they were read; empty
    /// when there were none (see [`crate::reading`]).
    pub fn reading_notes(&self) -> &[ReadingNote] {
        &self.reading_notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping_for(text: &str) -> ColumnMapping {
        preview(text, None, 0).expect("header").mapping
    }

    #[test]
    fn child_pugh_reads_classes_scores_and_both() {
        assert_eq!(parse_child_pugh("a"), Some(ChildPughClass::A));
        assert_eq!(parse_child_pugh(" B7 "), Some(ChildPughClass::B7));
        assert_eq!(parse_child_pugh("b"), Some(ChildPughClass::BUnspecified));
        assert_eq!(parse_child_pugh("8"), Some(ChildPughClass::B8To9));
        assert_eq!(parse_child_pugh("6"), Some(ChildPughClass::A));
        assert_eq!(parse_child_pugh("C10"), Some(ChildPughClass::C));
        assert_eq!(parse_child_pugh("A9"), None);
        assert_eq!(parse_child_pugh("4"), None);
        assert_eq!(parse_child_pugh("D"), None);
        assert_eq!(parse_child_pugh(""), None);
    }

    #[test]
    fn counts_add_up_and_every_bad_row_is_listed_with_its_line() {
        let text = "id;time_months;event;il6;il8\n\
                    1;10,5;1;7;70\n\
                    2;abc;1;7;70\n\
                    \n\
                    3;4;2;NA;\n\
                    4;5;0;<1;70\n\
                    5;6;0\n\
                    ;;;;\n\
                    6;7;;5;\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        assert_eq!(cohort.separator(), Separator::Semicolon);
        assert_eq!(cohort.rows_read(), 6);
        assert_eq!(cohort.rows_used(), 2);
        assert_eq!(cohort.rows_excluded(), 4);
        assert_eq!(cohort.blank_rows_skipped(), 2);
        let lines: Vec<usize> = cohort.excluded_rows().iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 5, 6, 7]);
        assert!(matches!(
            cohort.excluded_rows()[0].problems[0],
            RowProblem::Time { .. }
        ));
        assert!(matches!(
            cohort.excluded_rows()[1].problems[0],
            RowProblem::Event { .. }
        ));
        assert!(matches!(
            cohort.excluded_rows()[3].problems[0],
            RowProblem::FieldCount {
                expected: 5,
                found: 3
            }
        ));
        let first = &cohort.patients()[0];
        assert_eq!(first.primary.map(|o| o.time_months), Some(10.5));
        // Line 9: event missing, so no endpoint, but IL6 is kept.
        let last = &cohort.patients()[1];
        assert_eq!(last.line, 9);
        assert_eq!(last.primary, None);
        assert_eq!(last.il6.map(|v| v.value), Some(5.0));
        assert!(cohort.excluded_rows()[0]
            .to_string()
            .starts_with("line 3: "));
    }

    #[test]
    fn a_row_collects_every_problem_it_has() {
        let text = "time_months,event,il6,albumin_g_l,cirrhosis,child_pugh\n-1,x,abc,0,maybe,A9\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        assert_eq!(cohort.excluded_rows()[0].problems.len(), 6);
    }

    #[test]
    fn lab_units_are_converted_exactly_and_warnings_kept() {
        let text = "time_days;event;albumin_g_dl;bilirubin_mg_dl;child_pugh\n\
                    30,4375;1;3,6;1,4;C\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        let p = &cohort.patients()[0];
        assert_eq!(p.primary.map(|o| o.time_months), Some(1.0));
        // 3.6 g/dL = 36 g/L exactly; 1.4 mg/dL = 23.94 µmol/L (units.rs).
        assert_eq!(p.albumin_g_l.map(|a| a.value), Some(36.0));
        assert_eq!(p.bilirubin_umol_l.map(|b| b.value), Some(23.94));
        assert_eq!(p.factor(RiskFactor::AlbuminBelow36), Some(false));
        assert_eq!(p.factor(RiskFactor::Bilirubin17OrMore), Some(true));
        assert_eq!(p.factor(RiskFactor::ChildPughB), Some(true));
        assert_eq!(cohort.warnings().len(), 1);
    }

    #[test]
    fn steps_read_the_same_cohort_as_one_import() {
        let mut text = String::from("time_months,event,il6\n");
        for i in 0..100 {
            text.push_str(&format!("{},{},{}\n", i + 1, i % 2, i % 13));
        }
        let whole = Cohort::import(&text, None, &mapping_for(&text)).expect("imports");
        let mut job = ImportJob::new(text.clone(), None, &mapping_for(&text)).expect("job");
        let mut steps = 0;
        while !job.step(7).done {
            steps += 1;
        }
        let stepped = job.finish();
        assert!(steps >= 14);
        assert_eq!(stepped.patients(), whole.patients());
        assert_eq!(stepped.rows_read(), 100);
    }

    fn il8_values(cohort: &Cohort) -> Vec<(usize, Option<String>)> {
        (cohort.patients().iter())
            .map(|p| (p.line, p.il8.map(|v| v.exact.to_string())))
            .collect()
    }

    /// Issue 10: a German export's IL8 "1,234" beside "12,5" in the same
    /// column is 1.234 (the column's decimal separator is the comma).
    #[test]
    fn a_decimal_comma_in_the_column_settles_an_ambiguous_cell_as_a_decimal() {
        let text = "time_months;event;il8\n\
                    4;1;1,234\n\
                    5;0;70\n\
                    6;1;12,5\n\
                    7;1;2,500\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        assert_eq!(cohort.rows_excluded(), 0);
        // File order kept although lines 2 and 5 were read again at the end.
        assert_eq!(
            il8_values(&cohort),
            vec![
                (2, Some("1.234".into())),
                (3, Some("70".into())),
                (4, Some("12.5".into())),
                (5, Some("2.5".into())),
            ]
        );
        let notes = cohort.reading_notes();
        assert_eq!(notes.len(), 1);
        assert_eq!(
            (
                notes[0].role,
                notes[0].separator,
                notes[0].reading,
                notes[0].cells
            ),
            (Role::Il8, ',', GroupingReading::Decimal, 2)
        );
        assert_eq!(
            (notes[0].because.line, notes[0].because.text.as_str()),
            (4, "12,5")
        );
        assert_eq!(
            notes[0].to_string(),
            "IL8 (pg/mL): \"1,234\" (line 2) and 1 other value read with the comma as decimal \
             separator, as 1.2340: the column's \"12,5\" (line 4) uses it as the decimal separator."
        );
    }

    /// An English export's IL8 "1,234" (quoted in a comma file) beside
    /// "85.2": the column's decimal separator is the point, so the comma
    /// groups thousands and 1,234 is 1234 pg/mL, high (cutoff 60.8).
    #[test]
    fn a_decimal_point_in_the_column_settles_an_ambiguous_comma_as_thousands() {
        let text = "time_months,event,il8\n4,1,\"1,234\"\n5,0,85.2\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        assert_eq!(
            il8_values(&cohort),
            vec![(2, Some("1234".into())), (3, Some("85.2".into()))]
        );
        assert_eq!(cohort.patients()[0].group(Marker::Il8), Some(Group::High));
        let note = &cohort.reading_notes()[0];
        assert_eq!((note.reading, note.cells), (GroupingReading::Thousands, 1));
        assert!(note.to_string().contains("as 1234:"), "{note}");
    }

    #[test]
    fn an_ambiguous_cell_the_column_cannot_settle_is_a_listed_row_problem() {
        // IL8 has only whole numbers besides "1,234"; IL6 mixes a decimal
        // comma and a decimal point, which settles nothing either.
        let text = "time_months;event;il6;il8\n\
                    4;1;7;1,234\n\
                    5;0;6,5;70\n\
                    6;1;8.5;80\n\
                    7;1;1.500;90\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        assert!(cohort.reading_notes().is_empty());
        let lines: Vec<usize> = cohort.excluded_rows().iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 5]);
        assert!(matches!(
            &cohort.excluded_rows()[0].problems[..],
            [RowProblem::Lab {
                role: Role::Il8,
                error: LabValueError::Number(NumberInputError::AmbiguousGrouping { .. }),
                ..
            }]
        ));
        let listed = cohort.excluded_rows()[0].to_string();
        assert!(
            listed.starts_with("line 2: IL8 (pg/mL): \"1,234\": Ambiguous:")
                && listed.contains("1.234")
                && listed.contains("1234"),
            "{listed}"
        );
        assert_eq!(
            cohort.rows_read(),
            cohort.rows_used() + cohort.rows_excluded()
        );
    }

    #[test]
    fn follow_up_times_follow_the_same_rule() {
        // Days with a decimal comma: "1,250" days is 1.25 days.
        let text = "time_days;event\n1,250;1\n30,4375;0\n";
        let cohort = Cohort::import(text, None, &mapping_for(text)).expect("imports");
        let times: Vec<f64> = (cohort.patients().iter())
            .filter_map(|p| p.primary.map(|o| o.time_months))
            .collect();
        // 1.25 / 30.4375 months; 30.4375 days = 1 month (mapping.rs).
        assert_eq!(times, vec![1.25 / 30.4375, 1.0]);
        assert_eq!(cohort.reading_notes()[0].role, Role::Time);
    }

    #[test]
    fn steps_settle_ambiguous_cells_as_one_import_does() {
        let mut text = String::from("time_months;event;il6\n");
        for i in 0..60 {
            let il6 = if i % 7 == 0 {
                "1,234".to_owned()
            } else {
                format!("{i},5")
            };
            text.push_str(&format!("{};{};{il6}\n", i + 1, i % 2));
        }
        let whole = Cohort::import(&text, None, &mapping_for(&text)).expect("imports");
        let mut job = ImportJob::new(text.clone(), None, &mapping_for(&text)).expect("job");
        while !job.step(5).done {}
        let stepped = job.finish();
        assert_eq!(stepped.patients(), whole.patients());
        assert_eq!(stepped.reading_notes(), whole.reading_notes());
        assert_eq!(whole.rows_used(), 60);
        // Rows 0, 7, …, 56: nine cells.
        assert_eq!(whole.reading_notes()[0].cells, 9);
    }

    #[test]
    fn the_header_and_mapping_errors_stop_the_import() {
        assert_eq!(
            Cohort::import("\n\n", None, &ColumnMapping::default()).err(),
            Some(ImportError::NoHeader)
        );
        assert!(matches!(
            Cohort::import("a,b\n", None, &ColumnMapping::default()),
            Err(ImportError::Mapping(MappingError::Required(Role::Time)))
        ));
    }

    #[test]
    fn the_preview_detects_a_dead_alive_column_and_the_import_then_reads_every_row() {
        let text = "id,time_months,status,il6,time2_months,event2\n\
                    1,3,dead,7,2,ja\n2,5,alive,2,4,nein\n3,8,Dead,9,1,Ja\n";
        let p = preview(text, None, 1).expect("header");
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            p.event_coding_detected.as_ref().and_then(|c| c.code()),
            Some("dead/alive")
        );
        assert_eq!(
            p.second_event_coding_detected
                .as_ref()
                .and_then(|c| c.code()),
            Some("ja/nein")
        );
        let cohort = Cohort::import(text, None, &p.mapping).expect("imports");
        assert_eq!((cohort.rows_used(), cohort.rows_excluded()), (3, 0));
        assert_eq!(cohort.patients()[2].second.map(|o| o.event), Some(true));
    }

    #[test]
    fn a_column_no_coding_reads_keeps_the_default_and_nothing_is_said_detected() {
        let p = preview("time,event\n3,x\n", None, 5).expect("header");
        assert_eq!(p.event_coding_detected, None);
        assert_eq!(
            p.mapping.event_coding,
            crate::mapping::EventCoding::one_zero()
        );
    }

    #[test]
    fn a_german_semicolon_export_with_dates_and_ja_nein_imports() {
        // Excel's "sep=;" line, German headers, dd.mm.yyyy dates, ja/nein.
        let text = "sep=;\r\n\
            Pat.-Nr.;Therapiebeginn;Letzter Kontakt;verstorben;IL-6 (pg/ml);IL-8 (pg/ml);Albumin (g/l);Bilirubin (µmol/l)\r\n\
            1;15.01.2020;15.07.2020;ja;\"12,5\";40;38;12\r\n\
            2;01.02.2020;31.01.2021;nein;3,1;80;41;9\r\n\
            3;01.03.2020;01.02.2020;ja;4;20;35;20\r\n\
            4;01.03.2020;;ja;4;20;35;20\r\n\
            5;01.03.20;01.04.2021;nein;4;20;35;20\r\n";
        let p = preview(text, None, 5).expect("header");
        assert_eq!(p.separator, Separator::Semicolon);
        assert_eq!(p.header.len(), 8);
        assert_eq!(p.mapping.date_format, Some(DateFormat::DayMonthYearDots));
        assert!(p.two_digit_years);
        assert_eq!(p.mapping.event_coding.code(), Some("ja/nein"));
        let cohort = Cohort::import(text, None, &p.mapping).expect("imports");
        assert_eq!(cohort.rows_read(), 5);
        let patients = cohort.patients();
        assert_eq!(patients.len(), 2);
        // 15 Jan to 15 Jul 2020: 16 + 29 + 31 + 30 + 31 + 30 + 15 = 182 days
        // (hand, 2020 a leap year); 182 / 30.4375 months.
        assert_eq!(patients[0].line, 3);
        let primary = patients[0].primary.expect("outcome");
        assert_eq!(primary.time_months, 182.0 / 30.4375);
        assert!(primary.event);
        // 1 Feb 2020 to 31 Jan 2021: 365 days (hand: 366 − 1).
        assert_eq!(
            patients[1].primary.expect("outcome").time_months,
            365.0 / 30.4375
        );
        assert!(!patients[1].primary.expect("outcome").event);
        let problems: Vec<(usize, &RowProblem)> = cohort
            .excluded_rows()
            .iter()
            .flat_map(|r| r.problems.iter().map(move |p| (r.line, p)))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    5,
                    &RowProblem::EndBeforeStart {
                        role: Role::EndDate,
                        start: Date::new(2020, 3, 1).unwrap(),
                        end: Date::new(2020, 2, 1).unwrap(),
                    }
                ),
                (
                    6,
                    &RowProblem::MissingDate {
                        role: Role::EndDate
                    }
                ),
                (
                    7,
                    &RowProblem::Date {
                        role: Role::StartDate,
                        text: "01.03.20".into(),
                        error: DateError::TwoDigitYear,
                    }
                ),
            ]
        );
    }

    #[test]
    fn ambiguous_dates_are_asked_not_guessed() {
        let text = "start_date,end_date,event\n01/02/2020,03/04/2020,1\n05/06/2020,07/08/2021,0\n";
        let p = preview(text, None, 5).expect("header");
        assert_eq!(
            p.date_format_detected,
            Some(Detection::Ambiguous(vec![
                DateFormat::DayMonthYearSlashes,
                DateFormat::MonthDayYearSlashes
            ]))
        );
        assert_eq!(p.mapping.date_format, None);
        assert!(matches!(
            Cohort::import(text, None, &p.mapping),
            Err(ImportError::Mapping(MappingError::DateFormatNeeded))
        ));
        // Chosen: US, 2 Jan 2020 to 4 Mar 2020 = 30 + 29 + 3 = 62 days (hand).
        let mut mapping = p.mapping;
        mapping.date_format = Some(DateFormat::MonthDayYearSlashes);
        let cohort = Cohort::import(text, None, &mapping).expect("imports");
        assert_eq!(
            cohort.patients()[0].primary.unwrap().time_months,
            62.0 / 30.4375
        );
    }

    #[test]
    fn a_separator_line_keeps_the_file_s_line_numbers() {
        let text = "sep=,\nid,time,event\n1,2,1\n2,x,0\n";
        let p = preview(text, Some(Separator::Semicolon), 5).expect("header");
        // A separator given by the user wins over the file's line.
        assert_eq!(p.header, vec!["id,time,event".to_owned()]);
        let p = preview(text, None, 5).expect("header");
        assert_eq!(p.separator, Separator::Comma);
        let cohort = Cohort::import(text, None, &p.mapping).expect("imports");
        assert_eq!(cohort.patients()[0].line, 3);
        assert_eq!(cohort.excluded_rows()[0].line, 4);
    }

    #[test]
    fn the_second_endpoint_runs_from_the_same_start_date_to_its_own_end_date() {
        // ISO dates; 2021-01-01 to 2021-03-01 = 31 + 28 = 59 days and to
        // 2021-02-01 = 31 days (hand); the second row has no second
        // endpoint at all (no end date, no event): missing, not a problem.
        let text = "id,start_date,end_date,event,ld_date,event2\n\
            1,2021-01-01,2021-03-01,1,2021-02-01,1\n\
            2,2021-01-01,2021-03-01,0,,\n\
            3,2021-01-01,2021-03-01,0,,1\n";
        let p = preview(text, None, 5).expect("header");
        assert_eq!(p.mapping.second_end_date.as_deref(), Some("ld_date"));
        assert_eq!(p.mapping.date_format, Some(DateFormat::Iso));
        let cohort = Cohort::import(text, None, &p.mapping).expect("imports");
        let first = &cohort.patients()[0];
        assert_eq!(first.primary.unwrap().time_months, 59.0 / 30.4375);
        assert_eq!(first.second.unwrap().time_months, 31.0 / 30.4375);
        assert_eq!(cohort.patients()[1].second, None);
        assert_eq!(
            cohort.excluded_rows()[0].problems,
            vec![RowProblem::MissingDate {
                role: Role::SecondEndDate
            }]
        );
    }
}
