//! The committed workbooks (`fixtures/generate.R`): sheets in order, the
//! header found below a title, typed cells written as the cohort importer
//! reads them, both Excel date systems; and the same values as R's `readxl`
//! reads from the same file (without R: fails, or skipped outside CI with
//! `SORAMIC_ALLOW_MISSING_R=1`).

use cohort::dates::Date;
use workbook::{header_row, open, sheet_as_csv, Cell};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn read(name: &str) -> Vec<workbook::Sheet> {
    open(std::fs::read(fixture(name)).expect("fixture")).expect("a workbook")
}

#[test]
fn the_german_workbook_reads_with_its_header_on_row_3_and_typed_cells() {
    let sheets = read("cohort-de.xlsx");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Hinweise", "Kohorte"]);
    let cohort = &sheets[1];
    // Row 1 the title, row 2 empty, row 3 the header (index 2).
    assert_eq!(header_row(cohort), Some(2));
    assert_eq!(
        cohort.rows[3][1],
        Cell::Date(Date::new(2019, 1, 15).expect("date"))
    );
    assert_eq!(cohort.rows[3][4], Cell::Number(12.4));
    let csv = sheet_as_csv(cohort, 2);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("ID,SIRT-Datum,Letzter Kontakt,Verstorben,IL-6 (pg/ml),IL-8 (pg/ml),Albumin (g/l),Bilirubin (µmol/l)")
    );
    assert_eq!(
        lines.next(),
        Some("P01,2019-01-15,2020-01-15,ja,12.4,85.2,31,23.94")
    );
    assert_eq!(csv.lines().count(), 6);
}

#[test]
fn the_1904_date_system_reads_1462_days_later() {
    // The same serial numbers under the 1904 flag (fixtures/make-1904.py).
    let plain = &read("cohort-de.xlsx")[1];
    let mac = &read("cohort-de-1904.xlsx")[1];
    for row in 3..8 {
        let (Cell::Date(a), Cell::Date(b)) = (&plain.rows[row][1], &mac.rows[row][1]) else {
            panic!("date cells expected on row {}", row + 1);
        };
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 1462);
    }
}

#[test]
fn the_values_equal_what_r_readxl_reads() {
    if !r_harness::require_r("workbook: the same cells as readxl", &["readxl"]) {
        return;
    }
    let script = format!(
        "suppressMessages(library(readxl)); d <- read_excel('{}', sheet = 'Kohorte', skip = 2); \
         d[[2]] <- format(as.Date(d[[2]])); d[[3]] <- format(as.Date(d[[3]])); \
         write.csv(d, stdout(), row.names = FALSE, quote = FALSE)",
        fixture("cohort-de.xlsx").display()
    );
    let from_r = r_harness::run_script(&script);
    let ours = sheet_as_csv(&read("cohort-de.xlsx")[1], 2);
    let rows = |text: &str| -> Vec<Vec<String>> {
        text.lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    };
    let (r, us) = (rows(&from_r), rows(&ours));
    assert_eq!(r.len(), us.len(), "R:\n{from_r}\nours:\n{ours}");
    for (a, b) in r.iter().zip(&us) {
        for (x, y) in a.iter().zip(b) {
            let same = x == y
                || matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(p), Ok(q)) if (p - q).abs() <= 1e-12 * p.abs().max(1.0));
            assert!(same, "R {x} vs ours {y}\nR:\n{from_r}\nours:\n{ours}");
        }
    }
}

#[test]
fn an_opendocument_spreadsheet_reads_as_the_same_excel_workbook_does() {
    // fixtures/make-ods.py writes the "Kohorte" sheet of cohort-de.xlsx as
    // LibreOffice's format, with date and float cells of its own kind.
    let ods = read("cohort-de.ods");
    let xlsx = read("cohort-de.xlsx");
    let names = |sheets: &[workbook::Sheet]| -> Vec<String> {
        sheets.iter().map(|s| s.name.clone()).collect()
    };
    assert_eq!(names(&ods), names(&xlsx));
    assert_eq!(header_row(&ods[1]), Some(2));
    assert_eq!(
        ods[1].rows[3][1],
        Cell::Date(Date::new(2019, 1, 15).expect("date"))
    );
    assert_eq!(sheet_as_csv(&ods[1], 2), sheet_as_csv(&xlsx[1], 2));
}
