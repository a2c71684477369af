//! Any bytes as a workbook (issue 15): the reader (calamine, as the
//! workbook reader's worker runs it) never panics — a panic in the worker
//! is a trap, which the page reports as the reader having failed, but it is
//! a bug; what it reads gives one text row per sheet row, a proposed header
//! row inside the sheet, and CSV from any row without panicking. Seeded
//! with the committed workbooks (scripts/fuzz.sh).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(sheets) = workbook::read(data.to_vec()) {
        for sheet in &sheets {
            if let Some(header) = sheet.header {
                assert!(header < sheet.rows.len());
            }
            for from in 0..=sheet.rows.len().min(4) {
                let csv = sheet.csv_from(from);
                assert!(csv.lines().count() <= sheet.rows.len());
            }
        }
    }
});
