//! The reconstructed cohort as read from its CSV.
//!
//! The file has exactly the header `endpoint,marker,group,time_months,event`
//! and one row per patient per endpoint per marker. Parsing validates every
//! field once and reports the first problem with its 1-based line number;
//! after that the accessors cannot fail except where an empty subset has no
//! survival data.

use std::fmt;
use study::Decimal;

use survival::{SurvivalData, SurvivalDataError};

use study::{Endpoint, Group, Marker};

/// The header line the CSV must start with (a public contract: never change it).
pub const CSV_HEADER: &str = "endpoint,marker,group,time_months,event";

/// One follow-up: a time in months and whether the event was observed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// Time from treatment start, months; finite and >= 0.
    pub time_months: f64,
    /// `true` if the event happened at `time_months`, `false` if censored there.
    pub event: bool,
}

/// One validated CSV row.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Row {
    endpoint: Endpoint,
    marker: Marker,
    group: Group,
    observation: Observation,
}

/// Why a CSV text is not a valid reconstructed cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceCohortError {
    /// The text must contain the header line.
    Empty,
    /// The first line must be exactly [`CSV_HEADER`].
    Header {
        /// The first line as found.
        found: String,
    },
    /// Every data line must have exactly five comma-separated fields.
    FieldCount {
        /// 1-based line number.
        line: usize,
        /// Number of fields found.
        found: usize,
    },
    /// `endpoint` must be `os`, `pfs` or `ttld`.
    UnknownEndpoint {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
    /// `marker` must be `il6` or `il8`.
    UnknownMarker {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
    /// `group` must be `low` or `high`.
    UnknownGroup {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
    /// `time_months` must be a finite decimal number >= 0.
    InvalidTime {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
    /// `event` must be `1` (event) or `0` (censored).
    InvalidEvent {
        /// 1-based line number.
        line: usize,
        /// The value found.
        value: String,
    },
    /// The file must contain at least one data row.
    NoRows,
}

impl fmt::Display for ReferenceCohortError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(
                f,
                "the cohort CSV is empty; expected the header {CSV_HEADER:?}"
            ),
            Self::Header { found } => write!(
                f,
                "line 1: header should be {CSV_HEADER:?}, but is {found:?}"
            ),
            Self::FieldCount { line, found } => write!(
                f,
                "line {line}: a row should have 5 comma-separated fields, but has {found}"
            ),
            Self::UnknownEndpoint { line, value } => write!(
                f,
                "line {line}: endpoint should be os, pfs or ttld, but is {value:?}"
            ),
            Self::UnknownMarker { line, value } => {
                write!(
                    f,
                    "line {line}: marker should be il6 or il8, but is {value:?}"
                )
            }
            Self::UnknownGroup { line, value } => {
                write!(
                    f,
                    "line {line}: group should be low or high, but is {value:?}"
                )
            }
            Self::InvalidTime { line, value } => write!(
                f,
                "line {line}: time_months should be a finite number >= 0, but is {value:?}"
            ),
            Self::InvalidEvent { line, value } => {
                write!(f, "line {line}: event should be 1 or 0, but is {value:?}")
            }
            Self::NoRows => write!(f, "the cohort CSV has a header but no data rows"),
        }
    }
}

impl std::error::Error for ReferenceCohortError {}

/// The pseudo patient-level cohort: every row of the CSV, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceCohort {
    rows: Vec<Row>,
}

impl ReferenceCohort {
    /// Parses and validates the CSV text.
    ///
    /// Accepts `\n` or `\r\n` line ends and a trailing newline; blank lines
    /// after the header are skipped. Fields are not trimmed: the format is
    /// machine-written and exact.
    ///
    /// # Errors
    /// The first problem found, with its line number: see [`ReferenceCohortError`].
    pub fn from_csv(text: &str) -> Result<Self, ReferenceCohortError> {
        let mut lines = text.lines().enumerate();
        let header = match lines.next() {
            Some((_, h)) => h.strip_prefix('\u{feff}').unwrap_or(h),
            None => return Err(ReferenceCohortError::Empty),
        };
        if header != CSV_HEADER {
            return Err(ReferenceCohortError::Header {
                found: header.to_owned(),
            });
        }
        let mut rows = Vec::new();
        for (index, line) in lines {
            if line.is_empty() {
                continue;
            }
            rows.push(parse_row(index + 1, line)?);
        }
        if rows.is_empty() {
            return Err(ReferenceCohortError::NoRows);
        }
        Ok(Self { rows })
    }

    /// The cohort shipped with the crate ([`crate::RECONSTRUCTED_COHORT_CSV`]).
    ///
    /// # Errors
    /// Only if the embedded file were invalid, which the crate's tests rule out.
    pub fn embedded() -> Result<Self, ReferenceCohortError> {
        Self::from_csv(crate::RECONSTRUCTED_COHORT_CSV)
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// `true` if there are no rows (never, for a parsed cohort).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The follow-ups of one group, in file order.
    pub fn observations(
        &self,
        endpoint: Endpoint,
        marker: Marker,
        group: Group,
    ) -> Vec<Observation> {
        self.select(endpoint, marker, Some(group))
    }

    /// The follow-ups of both groups (the whole cohort for that endpoint, as
    /// split by `marker`), in file order.
    pub fn pooled_observations(&self, endpoint: Endpoint, marker: Marker) -> Vec<Observation> {
        self.select(endpoint, marker, None)
    }

    /// Times (months) and event flags of one group, in file order.
    pub fn times_and_events(
        &self,
        endpoint: Endpoint,
        marker: Marker,
        group: Group,
    ) -> (Vec<f64>, Vec<bool>) {
        split(&self.observations(endpoint, marker, group))
    }

    /// One group as survival data for the `survival` engine.
    ///
    /// # Errors
    /// [`SurvivalDataError::Empty`] if the file has no row for that group.
    pub fn survival_data(
        &self,
        endpoint: Endpoint,
        marker: Marker,
        group: Group,
    ) -> Result<SurvivalData, SurvivalDataError> {
        let (times, events) = self.times_and_events(endpoint, marker, group);
        SurvivalData::new(times, events)
    }

    /// Both groups pooled, with a 0/1 indicator of the high group per subject
    /// (the covariate of a univariate Cox model, high vs low).
    ///
    /// # Errors
    /// [`SurvivalDataError::Empty`] if the file has no row for that endpoint and marker.
    pub fn pooled_survival_data(
        &self,
        endpoint: Endpoint,
        marker: Marker,
    ) -> Result<(SurvivalData, Vec<f64>), SurvivalDataError> {
        let mut times = Vec::new();
        let mut events = Vec::new();
        let mut high = Vec::new();
        for row in self.rows_of(endpoint, marker) {
            times.push(row.observation.time_months);
            events.push(row.observation.event);
            high.push(if row.group == Group::High { 1.0 } else { 0.0 });
        }
        Ok((SurvivalData::new(times, events)?, high))
    }

    /// Number of patients in a group.
    pub fn group_size(&self, endpoint: Endpoint, marker: Marker, group: Group) -> usize {
        self.rows_of(endpoint, marker)
            .filter(|r| r.group == group)
            .count()
    }

    /// Number of events in a group.
    pub fn event_count(&self, endpoint: Endpoint, marker: Marker, group: Group) -> usize {
        self.rows_of(endpoint, marker)
            .filter(|r| r.group == group && r.observation.event)
            .count()
    }

    fn rows_of(&self, endpoint: Endpoint, marker: Marker) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| r.endpoint == endpoint && r.marker == marker)
    }

    fn select(&self, endpoint: Endpoint, marker: Marker, group: Option<Group>) -> Vec<Observation> {
        self.rows_of(endpoint, marker)
            .filter(|r| group.is_none_or(|g| r.group == g))
            .map(|r| r.observation)
            .collect()
    }
}

fn split(observations: &[Observation]) -> (Vec<f64>, Vec<bool>) {
    observations
        .iter()
        .map(|o| (o.time_months, o.event))
        .unzip()
}

fn parse_row(line: usize, text: &str) -> Result<Row, ReferenceCohortError> {
    let text = text.strip_suffix('\r').unwrap_or(text);
    let fields: Vec<&str> = text.split(',').collect();
    let [endpoint, marker, group, time, event] = fields.as_slice() else {
        return Err(ReferenceCohortError::FieldCount {
            line,
            found: fields.len(),
        });
    };
    let endpoint =
        Endpoint::from_code(endpoint).ok_or_else(|| ReferenceCohortError::UnknownEndpoint {
            line,
            value: (*endpoint).to_owned(),
        })?;
    let marker = Marker::from_code(marker).ok_or_else(|| ReferenceCohortError::UnknownMarker {
        line,
        value: (*marker).to_owned(),
    })?;
    let group = Group::from_code(group).ok_or_else(|| ReferenceCohortError::UnknownGroup {
        line,
        value: (*group).to_owned(),
    })?;
    let time_months = parse_time(time).ok_or_else(|| ReferenceCohortError::InvalidTime {
        line,
        value: (*time).to_owned(),
    })?;
    let event = match *event {
        "1" => true,
        "0" => false,
        other => {
            return Err(ReferenceCohortError::InvalidEvent {
                line,
                value: other.to_owned(),
            })
        }
    };
    Ok(Row {
        endpoint,
        marker,
        group,
        observation: Observation { time_months, event },
    })
}

/// A plain decimal (digits with at most one point), so that `inf`, `NaN`,
/// exponents and signs are all rejected. (Not `str::parse::<f64>`, whose
/// tables would weigh on the calculator's wasm: see `Decimal::to_f64`.)
fn parse_time(text: &str) -> Option<f64> {
    Decimal::parse_plain(text).map(Decimal::to_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(body: &str) -> String {
        format!("{CSV_HEADER}\n{body}")
    }

    #[test]
    fn parses_rows_and_selects_a_group() {
        let cohort = ReferenceCohort::from_csv(&csv(
            "os,il6,low,19.00,1\nos,il6,high,7.80,0\nos,il8,low,3.5,1\n",
        ))
        .unwrap();
        assert_eq!(cohort.len(), 3);
        assert_eq!(
            cohort.times_and_events(Endpoint::OverallSurvival, Marker::Il6, Group::Low),
            (vec![19.0], vec![true])
        );
        assert_eq!(
            cohort.group_size(Endpoint::OverallSurvival, Marker::Il6, Group::High),
            1
        );
        assert_eq!(
            cohort.event_count(Endpoint::OverallSurvival, Marker::Il6, Group::High),
            0
        );
        let (data, high) = cohort
            .pooled_survival_data(Endpoint::OverallSurvival, Marker::Il6)
            .unwrap();
        assert_eq!(data.len(), 2);
        assert_eq!(high, vec![0.0, 1.0]);
    }

    #[test]
    fn accepts_crlf_and_a_byte_order_mark() {
        let text = format!("\u{feff}{CSV_HEADER}\r\npfs,il8,high,1.25,1\r\n");
        let cohort = ReferenceCohort::from_csv(&text).unwrap();
        assert_eq!(
            cohort.observations(Endpoint::ProgressionFreeSurvival, Marker::Il8, Group::High),
            vec![Observation {
                time_months: 1.25,
                event: true
            }]
        );
    }

    #[test]
    fn rejects_a_wrong_header() {
        let err = ReferenceCohort::from_csv("endpoint,marker,group,time,event\n").unwrap_err();
        assert!(matches!(err, ReferenceCohortError::Header { .. }));
        assert_eq!(
            ReferenceCohort::from_csv(""),
            Err(ReferenceCohortError::Empty)
        );
    }

    #[test]
    fn names_the_line_of_a_bad_field() {
        let cases = [
            (
                "os,il6,low,1.0\n",
                ReferenceCohortError::FieldCount { line: 2, found: 4 },
            ),
            (
                "os,il6,low,1.0,1,x\n",
                ReferenceCohortError::FieldCount { line: 2, found: 6 },
            ),
            (
                "dfs,il6,low,1.0,1\n",
                ReferenceCohortError::UnknownEndpoint {
                    line: 2,
                    value: "dfs".into(),
                },
            ),
            (
                "os,il1,low,1.0,1\n",
                ReferenceCohortError::UnknownMarker {
                    line: 2,
                    value: "il1".into(),
                },
            ),
            (
                "os,il6,mid,1.0,1\n",
                ReferenceCohortError::UnknownGroup {
                    line: 2,
                    value: "mid".into(),
                },
            ),
            (
                "os,il6,low,-1.0,1\n",
                ReferenceCohortError::InvalidTime {
                    line: 2,
                    value: "-1.0".into(),
                },
            ),
            (
                "os,il6,low,NaN,1\n",
                ReferenceCohortError::InvalidTime {
                    line: 2,
                    value: "NaN".into(),
                },
            ),
            (
                "os,il6,low,inf,1\n",
                ReferenceCohortError::InvalidTime {
                    line: 2,
                    value: "inf".into(),
                },
            ),
            (
                "os,il6,low,1e3,1\n",
                ReferenceCohortError::InvalidTime {
                    line: 2,
                    value: "1e3".into(),
                },
            ),
            (
                "os,il6,low,.,1\n",
                ReferenceCohortError::InvalidTime {
                    line: 2,
                    value: ".".into(),
                },
            ),
            (
                "os,il6,low,1.0,2\n",
                ReferenceCohortError::InvalidEvent {
                    line: 2,
                    value: "2".into(),
                },
            ),
            (
                "os,il6,low,1.0,1\n\nos,il6,low,1.0,yes\n",
                ReferenceCohortError::InvalidEvent {
                    line: 4,
                    value: "yes".into(),
                },
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(
                ReferenceCohort::from_csv(&csv(body)),
                Err(expected),
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_header_alone_is_not_a_cohort() {
        assert_eq!(
            ReferenceCohort::from_csv(&csv("")),
            Err(ReferenceCohortError::NoRows)
        );
    }

    #[test]
    fn an_absent_group_has_no_survival_data_but_does_not_panic() {
        let cohort = ReferenceCohort::from_csv(&csv("os,il6,low,1.0,1\n")).unwrap();
        assert_eq!(
            cohort.survival_data(Endpoint::TimeToLiverDysfunction, Marker::Il8, Group::High),
            Err(SurvivalDataError::Empty)
        );
    }

    #[test]
    fn errors_read_as_sentences_with_the_offending_value() {
        let err = ReferenceCohortError::InvalidEvent {
            line: 7,
            value: "2".into(),
        };
        assert_eq!(
            err.to_string(),
            "line 7: event should be 1 or 0, but is \"2\""
        );
    }
}
