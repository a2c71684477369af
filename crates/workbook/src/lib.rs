//! Excel and OpenDocument workbooks as the cohort tool's table (issue 15).
//!
//! `calamine` reads the workbook (xlsx, xlsb, xls, ods) — a well-kept reader,
//! not one written here. Cells keep their types: numbers stay numbers (no
//! decimal-comma guessing), cells typed as dates stay dates in either of
//! Excel's date systems (1900 and 1904), text stays text. The user picks the
//! sheet (the cohort view proposes the first with a header row) and the
//! header row ([`header_row`] proposes one). [`sheet_as_csv`] then writes the rows from the header on as the
//! comma-separated text the cohort importer reads: numbers with a `.`
//! decimal point, dates as ISO `yyyy-mm-dd` (read by `cohort::dates`), every
//! field quoted as the importer's CSV reader expects (`cohort::csv::comma_field`).
//!
//! The reader is large in wasm: it runs in a web worker of its own
//! (`crates/workbook-reader`, feature `reader`), loaded when a workbook is
//! opened (BENCHMARKS.md, "Workbook reader"). It answers with
//! [`WorkerReply`]: every sheet as [`SheetText`], the cells already written
//! as the importer reads them, so that the cohort tool (built without the
//! reader) can offer the sheet and the header row and write the CSV itself.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use cohort::csv::comma_field;
use cohort::dates::Date;
use serde::{Deserialize, Serialize};

#[cfg(feature = "reader")]
mod reader;
#[cfg(feature = "reader")]
pub use reader::{open, read};

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
/// importer (see the crate docs and [`SheetText::csv_from`]).
pub fn sheet_as_csv(sheet: &Sheet, header: usize) -> String {
    SheetText::of(sheet).csv_from(header)
}

/// A sheet as the page receives it from the worker: every cell written as
/// the importer reads it (unquoted; an empty cell as ""), and the header
/// row [`header_row`] proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetText {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    pub header: Option<usize>,
}

impl SheetText {
    pub fn of(sheet: &Sheet) -> Self {
        SheetText {
            name: sheet.name.clone(),
            rows: sheet
                .rows
                .iter()
                .map(|row| row.iter().map(cell_text).collect())
                .collect(),
            header: header_row(sheet),
        }
    }

    /// The rows from `header` on as comma-separated text, every field that
    /// needs it quoted. Empty rows stay (as bare separators, which the
    /// importer skips and counts), so that line `k` of the text is row
    /// `header + k` of the sheet: the cohort view shows the sheet's row
    /// numbers.
    pub fn csv_from(&self, header: usize) -> String {
        let mut out = String::new();
        for row in self.rows.iter().skip(header) {
            let fields: Vec<Cow<'_, str>> = row.iter().map(|text| comma_field(text)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }
}

/// What the workbook reader's worker posts (JSON text): `Ready` once its
/// wasm runs (a message sent before is lost, so the page waits for it),
/// then one `Read` per workbook it is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerReply {
    Ready,
    Read(Result<Vec<SheetText>, WorkbookError>),
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
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
            "id,start,IL-6,note\nP1,2020-03-31,12.4,\"a, \"\"b\"\"\"\n,,,\nP2,2020-03-31,0.0000001,TRUE\n"
        );
    }

    #[test]
    fn line_k_of_the_csv_is_row_header_plus_k_of_the_sheet() {
        // Header on row 2 (index 1), an empty row 4 kept as bare separators:
        // line 3 of the text ("P2") is row 1 + 3 = 4 + 1 = 5 of the sheet.
        let s = SheetText::of(&sheet(vec![
            vec![text("Export"), Cell::Empty],
            vec![text("id"), text("IL-6")],
            vec![text("P1"), Cell::Number(3.0)],
            vec![Cell::Empty, Cell::Empty],
            vec![text("P2"), Cell::Number(9.5)],
        ]));
        assert_eq!(s.header, Some(1));
        let csv = s.csv_from(1);
        assert_eq!(csv, "id,IL-6\nP1,3\n,\nP2,9.5\n");
        assert_eq!(csv.lines().nth(3), Some("P2,9.5"));
        assert_eq!(s.rows[1 + 3][0], "P2");
    }

    #[test]
    fn the_workers_reply_reads_back_as_sent() {
        let reply = WorkerReply::Read(Ok(vec![SheetText {
            name: "Kohorte".into(),
            rows: vec![
                vec!["id".into(), "µ".into()],
                vec!["1".into(), String::new()],
            ],
            header: Some(0),
        }]));
        let json = serde_json::to_string(&reply).expect("json");
        assert_eq!(
            serde_json::from_str::<WorkerReply>(&json).expect("read"),
            reply
        );
        let failed = WorkerReply::Read(Err(WorkbookError::SheetUnreadable {
            sheet: "A".into(),
            reason: "bad".into(),
        }));
        let json = serde_json::to_string(&failed).expect("json");
        assert_eq!(
            serde_json::from_str::<WorkerReply>(&json).expect("read"),
            failed
        );
    }

    #[cfg(feature = "reader")]
    #[test]
    fn bytes_that_are_not_a_workbook_are_refused() {
        assert_eq!(
            open(b"id;time\n1;2\n".to_vec()),
            Err(WorkbookError::NotAWorkbook)
        );
        assert_eq!(open(Vec::new()), Err(WorkbookError::NotAWorkbook));
    }
}
