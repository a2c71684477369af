//! Per-patient results as CSV, for download.
//!
//! [`patients_csv`] writes one row per used patient (comma separated, `.`
//! decimal point, LF line ends, RFC 4180 quoting where a field needs it; an
//! empty field = missing). The columns, a public contract:
//!
//! | column | content |
//! | --- | --- |
//! | `line` | line of the row in the imported file |
//! | `id` | the id column's text |
//! | `time_months`, `event` | first endpoint, months; `1` event, `0` censored |
//! | `time2_months`, `event2` | second endpoint (columns present only when mapped) |
//! | `il6_pg_ml`, `il6_group` | IL6 as read (exact decimal), `low`/`high` at 6.53 pg/mL |
//! | `il8_pg_ml`, `il8_group` | IL8, `low`/`high` at 60.8 pg/mL |
//! | `albumin_g_l`, `bilirubin_umol_l` | in the internal units (exact conversions) |
//! | `albi_score` | ALBI score, 4 decimals (grades use the unrounded score) |
//! | `albi_grade` | `1`, `2`, `3` |
//! | `malbi_grade` | `1`, `2a`, `2b`, `3` |
//! | `malbi_group` | `1-2a` or `2b-3` (the paper's grouping) |
//! | `cirrhosis` | `yes`/`no` |
//! | `child_pugh` | `A`/`B`/`C` |
//!
//! [`excluded_rows_csv`] lists the excluded rows: `line`, `id`, `reasons`.

use std::fmt::Write;

use calculator_core::published::Marker;
use calculator_core::MalbiGroup;

use crate::import::{Cohort, LabValue, Outcome};

/// The header of [`patients_csv`] (with or without the second endpoint).
pub fn patient_columns(second_endpoint: bool) -> Vec<&'static str> {
    let mut columns = vec!["line", "id", "time_months", "event"];
    if second_endpoint {
        columns.extend(["time2_months", "event2"]);
    }
    columns.extend([
        "il6_pg_ml",
        "il6_group",
        "il8_pg_ml",
        "il8_group",
        "albumin_g_l",
        "bilirubin_umol_l",
        "albi_score",
        "albi_grade",
        "malbi_grade",
        "malbi_group",
        "cirrhosis",
        "child_pugh",
    ]);
    columns
}

/// A field as written: safe to open in a spreadsheet, then quoted as RFC
/// 4180 requires (separator, quote or line break inside).
///
/// CSV injection (OWASP): a cell that begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is run as a formula by Excel, LibreOffice and Google
/// Sheets. Such a text (an id `=HYPERLINK(…)`) gets a leading `'`, which
/// spreadsheets show as text, and is quoted; a plain number (`-1.5`) is left
/// as it is, so it stays a number.
pub fn quoted(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text);
    if risky {
        format!("\"'{}\"", text.replace('"', "\"\""))
    } else {
        crate::csv::comma_field(text).into_owned()
    }
}

/// `-1.5`, `+2`, `3`: an optional sign, digits, at most one `.` with digits.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

fn outcome_fields(outcome: Option<Outcome>) -> [String; 2] {
    match outcome {
        Some(o) => [format!("{}", o.time_months), u8::from(o.event).to_string()],
        None => [String::new(), String::new()],
    }
}

fn lab(value: Option<LabValue>) -> String {
    value.map(|v| v.exact.to_string()).unwrap_or_default()
}

/// One row per used patient (see the module docs).
pub fn patients_csv(cohort: &Cohort) -> String {
    let second = cohort.mapping().has_second_endpoint();
    let mut out = patient_columns(second).join(",");
    out.push('\n');
    for p in cohort.patients() {
        let mut fields: Vec<String> =
            vec![p.line.to_string(), quoted(p.id.as_deref().unwrap_or(""))];
        fields.extend(outcome_fields(p.primary));
        if second {
            fields.extend(outcome_fields(p.second));
        }
        for marker in Marker::ALL {
            fields.push(lab(p.marker(marker)));
            fields.push(
                p.group(marker)
                    .map(|g| g.code().to_owned())
                    .unwrap_or_default(),
            );
        }
        fields.push(lab(p.albumin_g_l));
        fields.push(lab(p.bilirubin_umol_l));
        match p.albi() {
            Some(score) => {
                let malbi = score.malbi_grade();
                fields.push(format!("{:.4}", score.value()));
                fields.push(score.grade().code().to_owned());
                fields.push(malbi.code().to_owned());
                fields.push(
                    match malbi.paper_group() {
                        MalbiGroup::OneOrTwoA => "1-2a",
                        MalbiGroup::TwoBOrThree => "2b-3",
                    }
                    .to_owned(),
                );
            }
            None => fields.extend(std::iter::repeat_n(String::new(), 4)),
        }
        fields.push(match p.cirrhosis {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => String::new(),
        });
        fields.push(
            p.child_pugh
                .map(|c| c.letter().to_owned())
                .unwrap_or_default(),
        );
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// The excluded rows: `line`, `id`, `reasons` (joined with `; `).
pub fn excluded_rows_csv(cohort: &Cohort) -> String {
    let mut out = String::from("line,id,reasons\n");
    for row in cohort.excluded_rows() {
        let reasons: Vec<String> = row.problems.iter().map(|p| p.to_string()).collect();
        let _ = writeln!(
            out,
            "{},{},{}",
            row.line,
            quoted(row.id.as_deref().unwrap_or("")),
            quoted(&reasons.join("; "))
        );
    }
    out
}

#[cfg(test)]
mod injection_tests {
    use super::quoted;

    #[test]
    fn formula_like_cells_are_written_as_text_and_numbers_stay_numbers() {
        // OWASP's examples of CSV injection payloads.
        assert_eq!(
            quoted("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(quoted("+1+1"), "\"'+1+1\"");
        assert_eq!(quoted("-2+3"), "\"'-2+3\"");
        assert_eq!(quoted("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(quoted("\tcmd"), "\"'\tcmd\"");
        assert_eq!(quoted("\r=1"), "\"'\r=1\"");
        // Plain numbers and ordinary ids are unchanged.
        assert_eq!(quoted("-1.5"), "-1.5");
        assert_eq!(quoted("+2"), "+2");
        assert_eq!(quoted("P-17"), "P-17");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted(""), "");
        assert_eq!(quoted("-"), "\"'-\"");
    }
}
