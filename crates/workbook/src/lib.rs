//! Excel and OpenDocument workbooks as the cohort tool's table (issue 15).
//!
//! `calamine` reads the workbook (xlsx, xlsb, xls, ods) — a well-kept reader,
//! not one written here. Cells keep their types: numbers stay numbers (no
//! decimal-comma guessing), cells typed as dates stay dates in either of
//! Excel's date systems (1900 and 1904), text stays text. The user picks the
//! sheet (the first by default) and the header row ([`header_row`] proposes
//! one). [`sheet_as_csv`] then writes the rows from the header on as the
//! comma-separated text the cohort importer reads: numbers with a `.`
//! decimal point, dates as ISO `yyyy-mm-dd` (read by `cohort::dates`), every
//! field quoted as the importer's CSV reader expects.
//!
//! The reader is large in wasm: the cohort tool loads it in a wasm of its own
//! when a workbook is opened (BENCHMARKS.md, "Workbook reader").
#![forbid(unsafe_code)]

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use cohort::dates::Date;

/// One cell, as typed in the workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    /// A date-time cell whose time of day is not midnight: the date part,
    /// and the fraction of the day dropped (follow-up is counted in days).
    DateTime(Date),
    Bool(bool),
    /// An error value such as `#DIV/0!`, as Excel shows it.
    Error(String),
}

/// One worksheet: its name and its rows from the sheet's first row (row 1
/// in Excel is index 0), every row as long as the longest.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// Why a file could not be read as a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// Not an xlsx, xlsb, xls or ods file (or a damaged one).
    NotAWorkbook,
    /// The workbook has no worksheet.
    NoSheets,
    /// A sheet that could not be read; the reader's message.
    SheetUnreadable { sheet: String, reason: String },
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkbookError::NotAWorkbook => {
                write!(
                    f,
                    "not an Excel or OpenDocument workbook (or a damaged one)"
                )
            }
            WorkbookError::NoSheets => write!(f, "the workbook has no worksheet"),
            WorkbookError::SheetUnreadable { sheet, reason } => {
                write!(f, "sheet \"{sheet}\" could not be read: {reason}")
            }
        }
    }
}

impl std::error::Error for WorkbookError {}

/// Every worksheet of a workbook, in the workbook's order.
pub fn open(bytes: Vec<u8>) -> Result<Vec<Sheet>, WorkbookError> {
    let mut workbook =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| WorkbookError::NotAWorkbook)?;
    let names = workbook.sheet_names();
    if names.is_empty() {
        return Err(WorkbookError::NoSheets);
    }
    names
        .into_iter()
        .map(|name| {
            let range =
                workbook
                    .worksheet_range(&name)
                    .map_err(|e| WorkbookError::SheetUnreadable {
                        sheet: name.clone(),
                        reason: e.to_string(),
                    })?;
            // The range starts at its first used cell: put the rows and
            // columns before it back, so row numbers are Excel's.
            let (first_row, first_column) = range.start().unwrap_or((0, 0));
            let width = first_column as usize + range.width();
            let mut rows: Vec<Vec<Cell>> =
                (0..first_row).map(|_| vec![Cell::Empty; width]).collect();
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; first_column as usize];
                cells.extend(row.iter().map(cell));
                rows.push(cells);
            }
            Ok(Sheet { name, rows })
        })
        .collect()
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, hour, minute, second, milli) = dt.to_ymd_hms_milli();
            match Date::new(i32::from(year), month, day) {
                Ok(date) if (hour, minute, second, milli) == (0, 0, 0, 0) => Cell::Date(date),
                Ok(date) => Cell::DateTime(date),
                Err(_) => Cell::Error(format!("{}", dt.as_f64())),
            }
        }
        // A duration: its length in days, as a number.
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match s
            .get(..10)
            .and_then(|d| cohort::dates::parse_date(d, cohort::dates::DateFormat::Iso).ok())
        {
            Some(date) => Cell::Date(date),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The header row proposed for a sheet: the first row with at least two
/// text cells and no number or date, followed by a row with a number or a
/// date (a title or notes above the table are skipped). `None` when no row
/// looks like a header.
pub fn header_row(sheet: &Sheet) -> Option<usize> {
    let is_header = |row: &[Cell]| {
        row.iter().filter(|c| matches!(c, Cell::Text(_))).count() >= 2
            && !row
                .iter()
                .any(|c| matches!(c, Cell::Number(_) | Cell::Date(_) | Cell::DateTime(_)))
    };
    let has_values = |row: &[Cell]| {
        row.iter()
            .any(|c| matches!(c, Cell::Number(_) | Cell::Date(_) | Cell::DateTime(_)))
    };
    (0..sheet.rows.len()).find(|&i| {
        is_header(&sheet.rows[i]) && sheet.rows.get(i + 1).is_some_and(|next| has_values(next))
    })
}

/// The sheet from `header` on as comma-separated text for the cohort
/// importer (see the crate docs); empty rows are left out.
pub fn sheet_as_csv(sheet: &Sheet, header: usize) -> String {
    let mut out = String::new();
    for row in sheet.rows.iter().skip(header) {
        if row.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let fields: Vec<String> = row.iter().map(field).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn field(cell: &Cell) -> String {
    let text = match cell {
        Cell::Empty => return String::new(),
        Cell::Text(s) => s.clone(),
        // Rust writes the shortest decimal that reads back to the same
        // value, with a `.` and never an exponent.
        Cell::Number(n) => format!("{n}"),
        Cell::Date(d) | Cell::DateTime(d) => {
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        }
        Cell::Bool(true) => "TRUE".to_owned(),
        Cell::Bool(false) => "FALSE".to_owned(),
        Cell::Error(e) => e.clone(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: "S".into(),
            rows,
        }
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_title_above_the_table_is_skipped_by_the_proposed_header() {
        let s = sheet(vec![
            vec![text("SORAMIC centre 7 export"), Cell::Empty],
            vec![Cell::Empty, Cell::Empty],
            vec![text("id"), text("IL-6 (pg/ml)")],
            vec![text("P1"), Cell::Number(12.4)],
        ]);
        assert_eq!(header_row(&s), Some(2));
        assert_eq!(header_row(&sheet(vec![vec![Cell::Number(1.0)]])), None);
    }

    #[test]
    fn cells_are_written_as_the_importer_reads_them() {
        let date = Date::new(2020, 3, 31).expect("date");
        let s = sheet(vec![
            vec![text("id"), text("start"), text("IL-6"), text("note")],
            vec![
                text("P1"),
                Cell::Date(date),
                Cell::Number(12.4),
                text("a, \"b\""),
            ],
            vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
            vec![
                text("P2"),
                Cell::DateTime(date),
                Cell::Number(1e-7),
                Cell::Bool(true),
            ],
        ]);
        assert_eq!(
            sheet_as_csv(&s, 0),
            "id,start,IL-6,note\nP1,2020-03-31,12.4,\"a, \"\"b\"\"\"\nP2,2020-03-31,0.0000001,TRUE\n"
        );
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_refused() {
        assert_eq!(
            open(b"id;time\n1;2\n".to_vec()),
            Err(WorkbookError::NotAWorkbook)
        );
        assert_eq!(open(Vec::new()), Err(WorkbookError::NotAWorkbook));
    }
}
