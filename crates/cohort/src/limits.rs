//! How large a file the cohort view takes.
//!
//! The whole file is read into the wasm's memory, and the import keeps every
//! patient; the analyses add their own arrays, and the memory of a wasm never
//! shrinks. [`MAX_FILE_BYTES`] is set from the 10⁶-row measurement in
//! BENCHMARKS.md ("Your own cohort: 10⁶ rows"); README ("Cohort view")
//! explains the choice. A larger file is refused before a byte of it is read
//! ([`check_file_size`]), with the limit in the message, rather than left to
//! run the browser out of memory part way.

use std::fmt;

/// The largest file the cohort view reads, in bytes (decimal megabytes, as
/// file managers show them): 80 MB. A 10⁶-row file of the canonical columns
/// (37 MB) took 869 MiB of the worker's wasm memory and 1.75 GB in the
/// renderer; 80 MB of the narrowest rows would take about 1.9 GiB, under half
/// the 4 GiB a wasm32 memory can reach (room for a vector that doubles), and
/// still admits 10⁶ rows of up to 80 bytes each.
pub const MAX_FILE_BYTES: u64 = 80_000_000;

/// A file larger than [`MAX_FILE_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileTooLarge {
    /// The file's size, in bytes.
    pub bytes: u64,
    /// The limit it broke, in bytes.
    pub limit: u64,
}

/// `bytes` as megabytes with one decimal (`123.5 MB`), rounded up so that a
/// file just over the limit never reads as the limit itself.
fn megabytes_rounded_up(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

impl fmt::Display for FileTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the file is {}, larger than the {} MB this tool reads (well over a million patients); \
             split it, or remove the columns that are not used, and choose it again",
            megabytes_rounded_up(self.bytes),
            self.limit / 1_000_000
        )
    }
}

impl std::error::Error for FileTooLarge {}

/// Accepts a file of `bytes` bytes, or says it is too large.
pub fn check_file_size(bytes: u64) -> Result<(), FileTooLarge> {
    if bytes > MAX_FILE_BYTES {
        Err(FileTooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_exactly_the_limit_is_read() {
        assert_eq!(check_file_size(MAX_FILE_BYTES), Ok(()));
        assert_eq!(check_file_size(0), Ok(()));
    }

    #[test]
    fn one_byte_over_the_limit_is_refused_with_both_sizes_in_the_message() {
        let error = check_file_size(MAX_FILE_BYTES + 1).unwrap_err();
        assert_eq!(error.limit, MAX_FILE_BYTES);
        let text = error.to_string();
        // 80 000 001 bytes = 800.00001 tenths of a megabyte, rounded up.
        assert!(
            text.starts_with("the file is 80.1 MB, larger than the 80 MB this tool reads"),
            "{text}"
        );
    }

    #[test]
    fn sizes_are_shown_in_decimal_megabytes_rounded_up() {
        // 123 456 789 bytes = 1234.56789 tenths of a MB → 1235 tenths = 123.5 MB.
        assert_eq!(megabytes_rounded_up(123_456_789), "123.5 MB");
        assert_eq!(megabytes_rounded_up(150_000_000), "150.0 MB");
        // u64::MAX = 18 446 744 073 709 551 615 → 184 467 440 737 095.5 tenths, up.
        assert_eq!(megabytes_rounded_up(u64::MAX), "18446744073709.6 MB");
    }

    fn cohort(rows: &str) -> crate::import::Cohort {
        let text = format!("id,time_months,event,il6,il8\n{rows}");
        let mapping = crate::import::preview(&text, None, 0)
            .expect("header")
            .mapping;
        crate::import::Cohort::import(&text, None, &mapping).expect("imports")
    }

    #[test]
    fn two_patients_in_each_group_and_one_event_are_enough() {
        // IL6 6.53 is low (the cutoff is "> 6.53"), 7 and 20 high: 2 low,
        // 2 high, 1 event — exactly the minimum, by hand.
        let c = cohort("1,3,1,1,\n2,5,0,6.53,\n3,8,0,7,\n4,9,0,20,\n");
        assert_eq!(check_enough_patients(&c), Ok(()));
    }

    #[test]
    fn one_patient_in_a_group_is_too_few_and_the_message_says_what_each_marker_had() {
        // IL6: 1 low (6.53), 2 high; IL8: 1 low (60.8), 0 high — by hand.
        let c = cohort("1,3,1,6.53,60.8\n2,5,0,7,\n3,8,1,9,\n");
        let too_few = check_enough_patients(&c).unwrap_err();
        assert_eq!(
            too_few.comparisons,
            vec![
                Comparable {
                    marker: calculator_core::published::Marker::Il6,
                    low: 1,
                    high: 2,
                    events: 2
                },
                Comparable {
                    marker: calculator_core::published::Marker::Il8,
                    low: 1,
                    high: 0,
                    events: 1
                },
            ]
        );
        let text = too_few.to_string();
        assert!(text.contains("at least 2 patients in each group"), "{text}");
        assert!(
            text.contains("IL6 would compare 1 low with 2 high (2 events)"),
            "{text}"
        );
        assert!(
            text.contains("IL8 would compare 1 low with 0 high (1 event)"),
            "{text}"
        );
    }

    #[test]
    fn groups_without_any_event_are_too_few() {
        let c = cohort("1,3,0,1,\n2,5,0,2,\n3,8,0,7,\n4,9,0,20,\n");
        assert_eq!(
            check_enough_patients(&c).unwrap_err().comparisons[0].events,
            0
        );
    }

    #[test]
    fn no_patient_at_all_is_too_few_and_says_so() {
        // Every row malformed (a dead/alive column read as 1/0): 0 patients.
        let text = "id,time_months,event,il6\n1,3,dead,7\n2,4,alive,2\n";
        let c = crate::import::Cohort::import(
            text,
            None,
            &crate::mapping::ColumnMapping::suggest(
                &["id", "time_months", "event", "il6"].map(String::from),
            ),
        )
        .expect("imports");
        assert_eq!(c.rows_used(), 0);
        let too_few = check_enough_patients(&c).unwrap_err();
        assert!(too_few
            .to_string()
            .contains("no row has both the first endpoint and IL6 or IL8"));
    }
}

/// The fewest patients a compared group may have: a Cox fit or log-rank
/// test of one patient against the rest estimates nothing (issue 16).
pub const MIN_PATIENTS_PER_GROUP: usize = 2;

/// The fewest events the patients compared must have: without one, no
/// hazard ratio, log-rank test or median exists.
pub const MIN_EVENTS: usize = 1;

/// The patients a marker's comparison on the first endpoint would have: the
/// rows with the endpoint and the marker, split at the published cutoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparable {
    /// The marker.
    pub marker: calculator_core::published::Marker,
    /// Patients at or below the cutoff.
    pub low: usize,
    /// Patients above it.
    pub high: usize,
    /// Events among both groups.
    pub events: usize,
}

impl Comparable {
    /// Whether the comparison meets [`MIN_PATIENTS_PER_GROUP`] and [`MIN_EVENTS`].
    pub fn is_enough(&self) -> bool {
        self.low >= MIN_PATIENTS_PER_GROUP
            && self.high >= MIN_PATIENTS_PER_GROUP
            && self.events >= MIN_EVENTS
    }
}

/// Why the imported rows are too few to analyse: for each marker, what it
/// would have had. Never analysed, never offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooFewToAnalyse {
    /// IL6 and IL8 (the markers the file has).
    pub comparisons: Vec<Comparable>,
}

impl fmt::Display for TooFewToAnalyse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Too few patients to analyse: a comparison needs at least {MIN_PATIENTS_PER_GROUP} \
             patients in each group (at or below and above the published cutoff) and at least \
             {MIN_EVENTS} event on the first endpoint, and "
        )?;
        if self.comparisons.is_empty() {
            return f.write_str("no row has both the first endpoint and IL6 or IL8.");
        }
        let parts: Vec<String> = self
            .comparisons
            .iter()
            .map(|c| {
                format!(
                    "{} would compare {} low with {} high ({} event{})",
                    c.marker.label(),
                    c.low,
                    c.high,
                    c.events,
                    if c.events == 1 { "" } else { "s" }
                )
            })
            .collect();
        write!(f, "{}.", parts.join("; "))
    }
}

/// `Ok` when at least one marker's comparison on the first endpoint has
/// [`MIN_PATIENTS_PER_GROUP`] patients in each group and [`MIN_EVENTS`]
/// event among them (the rest of the analyses then say per figure what is
/// not estimable); otherwise what each marker would have had.
pub fn check_enough_patients(cohort: &crate::import::Cohort) -> Result<(), TooFewToAnalyse> {
    use calculator_core::published::Marker;
    use calculator_core::Group;
    let mut comparisons = Vec::new();
    for marker in [Marker::Il6, Marker::Il8] {
        let mut c = Comparable {
            marker,
            low: 0,
            high: 0,
            events: 0,
        };
        let mut any = false;
        for patient in cohort.patients() {
            let (Some(outcome), Some(group)) = (patient.primary, patient.group(marker)) else {
                continue;
            };
            any = true;
            match group {
                Group::High => c.high += 1,
                Group::Low => c.low += 1,
            }
            c.events += usize::from(outcome.event);
        }
        if c.is_enough() {
            return Ok(());
        }
        if any {
            comparisons.push(c);
        }
    }
    Err(TooFewToAnalyse { comparisons })
}
