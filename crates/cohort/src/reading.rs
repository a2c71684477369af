//! Ambiguous thousands grouping in a cohort file, settled by the column.
//!
//! The calculator refuses a cell such as `1,234` or `1.234` (one separator
//! before exactly three digits, non-zero integer part): it is 1.234 with a
//! decimal separator and 1234 with a thousands separator
//! (`calculator_core::number_input`, issue 10). In a file, the rest of the
//! column often settles it, because an export writes every number of a column
//! the same way:
//!
//! * the separator is a **decimal** separator when another cell of the column
//!   uses it in a number that has no thousands reading (`12,5`, `0,123`,
//!   `1,2345`), or groups thousands with the other separator (`1.234,5`);
//! * it is a **thousands** separator when another cell uses the other
//!   separator as its decimal separator (`85.2` beside `1,234`), or groups
//!   with it (`1,234,567`, `1,234.5`).
//!
//! Evidence both ways (a column that mixes conventions) or none leaves the
//! cell ambiguous: its row is excluded with the calculator's reason. A
//! settled reading is reported per column ([`ReadingNote`]), never silent.
//! Rows excluded for other reasons still count as evidence (how the file
//! writes numbers does not depend on a row's other cells), rows with the
//! wrong number of fields do not (their cells are not in their columns).

use std::fmt;

use calculator_core::number_input::{parse_number, unambiguous_text};
use calculator_core::Decimal;

use crate::mapping::Role;

/// The columns whose cells are numbers.
pub const NUMBER_ROLES: [Role; 6] = [
    Role::Time,
    Role::SecondTime,
    Role::Il6,
    Role::Il8,
    Role::Albumin,
    Role::Bilirubin,
];

/// How an ambiguous separator of a column is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupingReading {
    /// As a decimal separator: `1,234` is 1.234.
    Decimal,
    /// As a thousands separator: `1,234` is 1234.
    Thousands,
}

/// A cell that settles a reading: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The line of the cell.
    pub line: usize,
    /// The cell's text, trimmed.
    pub text: String,
}

/// The separators a column's readings are kept for, in this order.
const SEPARATORS: [char; 2] = [',', '.'];

/// The first evidence found for each reading of each separator of a column.
#[derive(Debug, Clone, Default)]
struct SeparatorEvidence {
    decimal: Option<Evidence>,
    thousands: Option<Evidence>,
}

/// Evidence gathered from every cell of the number columns.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnEvidence {
    /// Per [`NUMBER_ROLES`] entry, per [`SEPARATORS`] entry.
    found: [[SeparatorEvidence; 2]; 6],
}

fn role_index(role: Role) -> Option<usize> {
    NUMBER_ROLES.iter().position(|r| *r == role)
}

fn separator_index(separator: char) -> Option<usize> {
    SEPARATORS.iter().position(|s| *s == separator)
}

impl ColumnEvidence {
    /// Notes what `text`, a cell of `role`'s column on `line`, shows.
    pub(crate) fn add(&mut self, role: Role, line: usize, text: &str) {
        let Some(column) = role_index(role).map(|i| &mut self.found[i]) else {
            return;
        };
        let text = text.trim();
        // A million-row file: once a column's decimal separator is known, a
        // cell with one separator can only say it again (a grouped number
        // has two), so the parser need not run on it.
        let mut separators = text.chars().filter(|c| SEPARATORS.contains(c));
        if let (Some(separator), None) = (separators.next(), separators.next()) {
            let (this, other) = if separator == ',' { (0, 1) } else { (1, 0) };
            if column[this].decimal.is_some() && column[other].thousands.is_some() {
                return;
            }
        }
        for (separator, reading) in cell_shows(text).into_iter().flatten() {
            let Some(slot) = separator_index(separator).map(|i| &mut column[i]) else {
                continue;
            };
            let place = match reading {
                GroupingReading::Decimal => &mut slot.decimal,
                GroupingReading::Thousands => &mut slot.thousands,
            };
            if place.is_none() {
                *place = Some(Evidence {
                    line,
                    text: text.to_owned(),
                });
            }
        }
    }

    /// The readings the evidence settles: one way only.
    pub(crate) fn settle(&self) -> Readings {
        let mut settled: [[Option<(GroupingReading, Evidence)>; 2]; 6] = Default::default();
        for (column, found) in settled.iter_mut().zip(&self.found) {
            for (slot, evidence) in column.iter_mut().zip(found) {
                *slot = match (&evidence.decimal, &evidence.thousands) {
                    (Some(e), None) => Some((GroupingReading::Decimal, e.clone())),
                    (None, Some(e)) => Some((GroupingReading::Thousands, e.clone())),
                    _ => None,
                };
            }
        }
        Readings { settled }
    }
}

/// What one cell shows about its column's separators: a number the
/// calculator accepts with a separator shows it is the decimal separator
/// (and so the other one is not); a well-formed grouped number (`1,234,567`,
/// `1.234,5`) shows its grouping separator and its decimal separator.
///
/// No allocation: this runs on every number cell of the file.
fn cell_shows(text: &str) -> [Option<(char, GroupingReading)>; 2] {
    let other = |s: char| if s == ',' { '.' } else { ',' };
    if let Some(separator) = text.chars().find(|c| SEPARATORS.contains(c)) {
        if parse_number(text).is_ok() {
            return [
                Some((separator, GroupingReading::Decimal)),
                Some((other(separator), GroupingReading::Thousands)),
            ];
        }
        if let Some(decimal) = grouped(text, separator) {
            return [
                Some((separator, GroupingReading::Thousands)),
                decimal.then_some((other(separator), GroupingReading::Decimal)),
            ];
        }
    }
    [None, None]
}

/// `Some(has_decimals)` when `text` is digits grouped in threes by
/// `separator`, written so that it cannot be a decimal: at least two groups
/// separators (`1,234,567`), or one followed by the other separator as the
/// decimal separator (`1,234.5`).
fn grouped(text: &str, separator: char) -> Option<bool> {
    let other = if separator == ',' { '.' } else { ',' };
    let (whole, fraction) = match text.split_once(other) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if let Some(fraction) = fraction {
        if !digits(fraction) {
            return None;
        }
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    if !digits(first) || first.len() > 3 {
        return None;
    }
    let mut count = 0;
    for group in groups {
        if group.len() != 3 || !digits(group) {
            return None;
        }
        count += 1;
    }
    (count >= 2 || (count == 1 && fraction.is_some())).then_some(fraction.is_some())
}

/// The settled reading, if any, of each separator of each number column.
#[derive(Debug, Clone, Default)]
pub(crate) struct Readings {
    settled: [[Option<(GroupingReading, Evidence)>; 2]; 6],
}

impl Readings {
    /// How `separator` in `role`'s column is read, and the cell that says so.
    pub(crate) fn get(&self, role: Role, separator: char) -> Option<&(GroupingReading, Evidence)> {
        self.settled[role_index(role)?][separator_index(separator)?].as_ref()
    }
}

/// Ambiguous cells of one column read one way because the column's other
/// values settle it: shown beside the import's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingNote {
    /// The column's role.
    pub role: Role,
    /// The separator, `,` or `.`.
    pub separator: char,
    /// How it was read.
    pub reading: GroupingReading,
    /// How many cells were read this way.
    pub cells: usize,
    /// The first such cell.
    pub first: Evidence,
    /// Its value as read.
    pub first_value: Decimal,
    /// A cell that settles the reading.
    pub because: Evidence,
}

impl fmt::Display for ReadingNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = if self.separator == ',' {
            "comma"
        } else {
            "point"
        };
        let (kind, why) = match self.reading {
            GroupingReading::Decimal => ("decimal", "uses it as the decimal separator"),
            GroupingReading::Thousands => ("thousands", "shows it is not the decimal separator"),
        };
        let others = match self.cells {
            0 | 1 => String::new(),
            2 => " and 1 other value".to_owned(),
            n => format!(" and {} other values", n - 1),
        };
        write!(
            f,
            "{}: \"{}\" (line {}){others} read with the {name} as {kind} separator, as {}: \
             the column's \"{}\" (line {}) {why}.",
            self.role.label(),
            self.first.text,
            self.first.line,
            unambiguous_text(self.first_value),
            self.because.text,
            self.because.line,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_comma_elsewhere_in_the_column_settles_the_decimal_reading() {
        let mut evidence = ColumnEvidence::default();
        evidence.add(Role::Il8, 3, " 12,5 ");
        let readings = evidence.settle();
        let (reading, because) = readings.get(Role::Il8, ',').expect("settled");
        assert_eq!(*reading, GroupingReading::Decimal);
        assert_eq!((because.line, because.text.as_str()), (3, "12,5"));
        // A decimal comma means a point in the same column groups thousands.
        assert_eq!(
            readings.get(Role::Il8, '.').map(|r| r.0),
            Some(GroupingReading::Thousands)
        );
        // Other columns learn nothing.
        assert!(readings.get(Role::Il6, ',').is_none());
    }

    #[test]
    fn grouped_numbers_settle_the_thousands_reading() {
        for (text, comma, point) in [
            ("1,234,567", Some(GroupingReading::Thousands), None),
            (
                "1,234.5",
                Some(GroupingReading::Thousands),
                Some(GroupingReading::Decimal),
            ),
            (
                "1.234,5",
                Some(GroupingReading::Decimal),
                Some(GroupingReading::Thousands),
            ),
        ] {
            let mut evidence = ColumnEvidence::default();
            evidence.add(Role::Il6, 2, text);
            let readings = evidence.settle();
            assert_eq!(readings.get(Role::Il6, ',').map(|r| r.0), comma, "{text}");
            assert_eq!(readings.get(Role::Il6, '.').map(|r| r.0), point, "{text}");
        }
    }

    #[test]
    fn evidence_both_ways_or_none_settles_nothing() {
        let mut evidence = ColumnEvidence::default();
        for (line, text) in [(2, "12,5"), (3, "8.5"), (4, "1,234"), (5, "abc"), (6, "7")] {
            evidence.add(Role::Albumin, line, text);
        }
        let readings = evidence.settle();
        assert!(readings.get(Role::Albumin, ',').is_none());
        assert!(readings.get(Role::Albumin, '.').is_none());
        assert!(ColumnEvidence::default()
            .settle()
            .get(Role::Time, ',')
            .is_none());
    }

    #[test]
    fn malformed_grouping_is_no_evidence() {
        for text in [
            "1,23,456",
            "1234,567,890",
            "1,234.5.6",
            "12,345",
            ",234,567",
        ] {
            assert_eq!(cell_shows(text), [None, None], "{text}");
        }
    }
}
