//! The reader itself (feature `reader`): calamine's cells as [`Cell`]s.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use cohort::dates::Date;

use crate::{Cell, Sheet, SheetText, WorkbookError};

/// Every sheet of a workbook as the cohort tool is sent it: the worker's
/// whole work.
pub fn read(bytes: Vec<u8>) -> Result<Vec<SheetText>, WorkbookError> {
    Ok(open(bytes)?.iter().map(SheetText::of).collect())
}

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
