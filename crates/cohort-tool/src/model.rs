//! What passes between the cohort view and its worker: requests, replies and
//! the results as display-ready data (texts already formatted, exact values
//! beside them for the `data-value` attributes). JSON text over
//! `postMessage`; the same values are handed over directly when the steps
//! run on the page itself (the single-file build).

use calculator_core::number_input::NumberInputError;
use calculator_core::published::{Endpoint, Marker, RiskFactor};
use calculator_core::units::{AlbuminUnit, BilirubinUnit};
use calculator_core::LabValueError;
use cohort::analysis::{AnalysisError, DropReason, NotEstimable};
use cohort::csv::CsvError;
use cohort::csv::Separator;
use cohort::dates::DateFormat;
use cohort::encoding::TextEncoding;
use cohort::import::{ImportError, RowWarning, RowWarningKind};
use cohort::mapping::{ColumnMapping, EndpointRole, EventCoding, Role, TimeUnit};
use cohort::reading::{Evidence, GroupingReading, ReadingNote};
use serde::{Deserialize, Serialize};

use crate::remote::{
    decimal, AnalysisErrorDef, CsvErrorDef, ImportErrorDef, LabValueErrorDef, LabWarningDef,
    NumberInputErrorDef,
};

/// The event codings offered in the mapping form, by code
/// (`cohort::mapping::EVENT_CODING_CODES`, a public contract), with their
/// English text (the catalog's `cohort.coding_*` words them; a test holds
/// the two equal).
pub const EVENT_CODINGS: [(&str, &str); 12] = [
    ("1/0", "1 = event, 0 = censored"),
    ("2/1", "2 = event, 1 = censored"),
    ("yes/no", "yes/y = event, no/n = censored"),
    ("dead/alive", "dead/died/deceased = event, alive = censored"),
    ("true/false", "true = event, false = censored"),
    ("ja/nein", "ja/j = event, nein/n = censored (German)"),
    (
        "tot/lebend",
        "tot/verstorben = event, lebend = censored (German)",
    ),
    ("oui/non", "oui = event, non = censored (French)"),
    (
        "décédé/vivant",
        "décédé(e) = event, vivant(e) = censored (French)",
    ),
    (
        "sí/no",
        "sí/si/sì = event, no = censored (Spanish, Italian)",
    ),
    (
        "fallecido/vivo",
        "fallecido/a = event, vivo/a = censored (Spanish)",
    ),
    (
        "deceduto/vivo",
        "deceduto/a = event, vivo/a = censored (Italian)",
    ),
];

fn coding(code: &str) -> EventCoding {
    EventCoding::from_code(code).unwrap_or_default()
}

/// The coding's code; a coding the form does not offer (never made by the
/// form) shows as the default.
pub fn coding_code(coding: &EventCoding) -> String {
    coding.code().unwrap_or("1/0").to_owned()
}

/// The mapping form's state: a [`ColumnMapping`] with every choice as its
/// stable code, so it can cross to the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MappingForm {
    pub id: Option<String>,
    pub time: Option<String>,
    pub time_unit: String,
    pub event: Option<String>,
    pub event_coding: String,
    pub il6: Option<String>,
    pub il8: Option<String>,
    pub albumin: Option<String>,
    pub albumin_unit: String,
    pub bilirubin: Option<String>,
    pub bilirubin_unit: String,
    pub cirrhosis: Option<String>,
    pub child_pugh: Option<String>,
    pub second_time: Option<String>,
    pub second_time_unit: String,
    pub second_event: Option<String>,
    pub second_event_coding: String,
    /// Dates instead of times (issue 15): the columns, and the format's
    /// code (`cohort::dates::DateFormat::code`; empty = not chosen yet).
    #[serde(default)]
    pub start_date: Option<String>,
    #[serde(default)]
    pub end_date: Option<String>,
    #[serde(default)]
    pub second_end_date: Option<String>,
    #[serde(default)]
    pub date_format: String,
}

impl From<&ColumnMapping> for MappingForm {
    fn from(m: &ColumnMapping) -> Self {
        MappingForm {
            id: m.id.clone(),
            time: m.time.clone(),
            time_unit: m.time_unit.code().to_owned(),
            event: m.event.clone(),
            event_coding: coding_code(&m.event_coding),
            il6: m.il6.clone(),
            il8: m.il8.clone(),
            albumin: m.albumin.clone(),
            albumin_unit: m.albumin_unit.code().to_owned(),
            bilirubin: m.bilirubin.clone(),
            bilirubin_unit: m.bilirubin_unit.code().to_owned(),
            cirrhosis: m.cirrhosis.clone(),
            child_pugh: m.child_pugh.clone(),
            second_time: m.second_time.clone(),
            second_time_unit: m.second_time_unit.code().to_owned(),
            second_event: m.second_event.clone(),
            second_event_coding: coding_code(&m.second_event_coding),
            start_date: m.start_date.clone(),
            end_date: m.end_date.clone(),
            second_end_date: m.second_end_date.clone(),
            date_format: m.date_format.map_or("", DateFormat::code).to_owned(),
        }
    }
}

impl MappingForm {
    /// The mapping the importer takes; an unknown code falls back to the
    /// documented default (the form only offers known codes).
    pub fn to_mapping(&self) -> ColumnMapping {
        let defaults = ColumnMapping::default();
        ColumnMapping {
            id: self.id.clone(),
            time: self.time.clone(),
            time_unit: TimeUnit::from_code(&self.time_unit).unwrap_or(defaults.time_unit),
            event: self.event.clone(),
            event_coding: coding(&self.event_coding),
            il6: self.il6.clone(),
            il8: self.il8.clone(),
            albumin: self.albumin.clone(),
            albumin_unit: AlbuminUnit::from_code(&self.albumin_unit)
                .unwrap_or(defaults.albumin_unit),
            bilirubin: self.bilirubin.clone(),
            bilirubin_unit: BilirubinUnit::from_code(&self.bilirubin_unit)
                .unwrap_or(defaults.bilirubin_unit),
            cirrhosis: self.cirrhosis.clone(),
            child_pugh: self.child_pugh.clone(),
            second_time: self.second_time.clone(),
            second_time_unit: TimeUnit::from_code(&self.second_time_unit)
                .unwrap_or(defaults.second_time_unit),
            second_event: self.second_event.clone(),
            second_event_coding: coding(&self.second_event_coding),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            second_end_date: self.second_end_date.clone(),
            date_format: DateFormat::from_code(&self.date_format),
            ..defaults
        }
    }
}

/// The domain's values cross the worker boundary as their codes
/// (`code()`/`from_code()`), so the domain crates need no serde; an unknown
/// code is a deserialisation error, not a default.
pub mod by_code {
    use calculator_core::published::Marker;
    use cohort::csv::Separator;
    use cohort::mapping::EndpointRole;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    /// A value with a stable code.
    pub trait Coded: Sized + Copy {
        fn code(self) -> &'static str;
        fn from_code(code: &str) -> Option<Self>;
    }

    impl Coded for Marker {
        fn code(self) -> &'static str {
            Marker::code(self)
        }
        fn from_code(code: &str) -> Option<Self> {
            Marker::from_code(code)
        }
    }

    impl Coded for calculator_core::published::Endpoint {
        fn code(self) -> &'static str {
            calculator_core::published::Endpoint::code(self)
        }
        fn from_code(code: &str) -> Option<Self> {
            calculator_core::published::Endpoint::from_code(code)
        }
    }

    impl Coded for EndpointRole {
        fn code(self) -> &'static str {
            EndpointRole::code(self)
        }
        fn from_code(code: &str) -> Option<Self> {
            EndpointRole::from_code(code)
        }
    }

    impl Coded for calculator_core::published::RiskFactor {
        fn code(self) -> &'static str {
            calculator_core::published::RiskFactor::code(self)
        }
        fn from_code(code: &str) -> Option<Self> {
            calculator_core::published::RiskFactor::from_code(code)
        }
    }

    impl Coded for cohort::encoding::TextEncoding {
        fn code(self) -> &'static str {
            cohort::encoding::TextEncoding::code(self)
        }
        fn from_code(code: &str) -> Option<Self> {
            cohort::encoding::TextEncoding::from_code(code)
        }
    }

    impl Coded for Separator {
        fn code(self) -> &'static str {
            Separator::code(self)
        }
        fn from_code(code: &str) -> Option<Self> {
            Separator::from_code(code)
        }
    }

    pub fn serialize<T: Coded, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.code())
    }

    pub fn deserialize<'de, T: Coded, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        let code = String::deserialize(deserializer)?;
        T::from_code(&code).ok_or_else(|| D::Error::custom(format!("unknown code {code:?}")))
    }

    /// The same for an optional value (`null` for none).
    pub mod option {
        use super::Coded;
        use serde::de::Error;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<T: Coded, S: Serializer>(
            value: &Option<T>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => serializer.serialize_some(value.code()),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, T: Coded, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<T>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                None => Ok(None),
                Some(code) => T::from_code(&code)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom(format!("unknown code {code:?}"))),
            }
        }
    }
}

/// From the page to the worker. The file itself travels beside the JSON
/// (a `File` is passed by reference, never copied into the message).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the attached file with this separator (`None` = detect) and mapping.
    Import {
        #[serde(with = "by_code::option")]
        separator: Option<Separator>,
        /// The encoding the page decided (or the user chose) before
        /// showing any text (`cohort::encoding`).
        #[serde(with = "by_code")]
        encoding: TextEncoding,
        mapping: Box<MappingForm>,
    },
    /// Analyse the imported cohort (malformed rows excluded).
    Analyse,
    /// Split at another cutoff.
    Explore {
        #[serde(with = "by_code")]
        role: EndpointRole,
        #[serde(with = "by_code")]
        marker: Marker,
        cutoff: f64,
    },
    /// The maximally selected log-rank cutoff.
    Optimal {
        #[serde(with = "by_code")]
        role: EndpointRole,
        #[serde(with = "by_code")]
        marker: Marker,
    },
    /// The per-patient CSV.
    Patients,
    /// The centre summary of the last analysis (issue 14), on time bins of
    /// `grid_months`: the JSON file's text comes back.
    CentreSummary { grid_months: f64 },
    /// The page's language for what the worker draws (the overlay charts):
    /// its code and its strings (`text::Text::strings`, none for English).
    /// The last analysis's charts come back redrawn in it.
    Words {
        lang: String,
        strings: Option<Vec<String>>,
    },
}

/// Which long job a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Reading,
    Importing,
    Analysing,
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker is listening.
    Ready,
    Progress {
        phase: Phase,
        fraction: f64,
        detail: Step,
    },
    Imported(ImportView),
    Analysed(AnalysisView),
    Cutoff(CutoffView),
    Optimal(OptimalView),
    Patients(String),
    /// The centre summary file's text.
    CentreSummary(String),
    /// The language was set; there was no analysis to redraw.
    Worded,
    Failed(Failure),
    /// Never sent by the worker: the page's runner reports that the worker
    /// itself failed (a trap, out of memory, its script not loading), with
    /// the browser's description. The worker's state is lost with it.
    WorkerFailed(String),
}

/// Where a long job stands, worded by the page in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Step {
    /// The import was asked for; nothing has come back yet.
    #[default]
    Starting,
    /// The file's bytes are being read.
    ReadingFile,
    /// The bytes are read; parsing begins.
    ReadingRows,
    /// This many rows parsed so far.
    RowsRead(usize),
    /// The analyses were asked for.
    StartingAnalyses,
    /// `completed` of `total` analyses done.
    Analysis { completed: usize, total: usize },
}

/// Why a request was not answered, worded by the page: the domain's typed
/// errors cross as themselves (`crate::remote`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Failure {
    /// A request that needs an imported cohort came before any import.
    NothingImported,
    /// The import request came without its file.
    FileDidNotArrive,
    /// The browser could not read the file.
    FileUnreadable,
    /// The import refused the file (no header, a column missing…).
    Import(#[serde(with = "ImportErrorDef")] ImportError),
    /// Too few patients to analyse (never analysed).
    TooFew(Vec<Comparable>),
    /// The optimal-cutoff search failed.
    Optimal(#[serde(with = "AnalysisErrorDef")] AnalysisError),
    /// A message between page and worker did not parse (a version mismatch),
    /// with serde's description (a developer's detail, not a sentence).
    Garbled(String),
}

/// One marker's comparison as it would be, when the patients are too few
/// (`cohort::limits::Comparable`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparable {
    #[serde(with = "by_code")]
    pub marker: Marker,
    pub low: usize,
    pub high: usize,
    pub events: usize,
}

impl From<&cohort::limits::TooFewToAnalyse> for Failure {
    fn from(too_few: &cohort::limits::TooFewToAnalyse) -> Self {
        Failure::TooFew(
            too_few
                .comparisons
                .iter()
                .map(|c| Comparable {
                    marker: c.marker,
                    low: c.low,
                    high: c.high,
                    events: c.events,
                })
                .collect(),
        )
    }
}

/// A figure as shown, with its exact value for automation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub text: String,
    pub value: Option<f64>,
}

/// The import's outcome: counts, malformed rows, warnings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    #[serde(with = "by_code")]
    pub separator: Separator,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_excluded: usize,
    pub blank_rows_skipped: usize,
    /// The excluded rows, at most [`LISTED_ROWS`] of them, each problem
    /// typed for the page to word.
    pub excluded: Vec<ExcludedView>,
    /// Bytes of the file that the chosen encoding could not decode (shown
    /// as U+FFFD): the page says so and offers another encoding.
    pub undecodable: bool,
    pub warnings: Vec<WarningView>,
    pub warnings_total: usize,
    /// Per column, ambiguous `1,234` cells read as the column's other
    /// values settle them.
    pub reading_notes: Vec<NoteView>,
    /// Columns used, `role code → column name`.
    pub columns: Vec<(String, String)>,
    pub elapsed_ms: f64,
    /// Why the rows used are too few to analyse
    /// (`cohort::limits::check_enough_patients`, a [`Failure::TooFew`]);
    /// `None` when enough.
    pub too_few: Option<Failure>,
}

/// One excluded row: its line and every problem found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcludedView {
    pub line: usize,
    pub problems: Vec<ProblemView>,
}

/// A value used but worth a second look (`cohort::import::RowWarning`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarningView(#[serde(with = "RowWarningDef")] pub RowWarning);

#[derive(Serialize, Deserialize)]
#[serde(remote = "RowWarningKind")]
enum RowWarningKindDef {
    Lab(#[serde(with = "LabWarningDef")] calculator_core::LabWarning),
    ChildPughC,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "RowWarning")]
struct RowWarningDef {
    line: usize,
    #[serde(with = "by_code")]
    role: Role,
    #[serde(with = "RowWarningKindDef")]
    kind: RowWarningKind,
}

/// Ambiguous cells of a column read as the column's other values settle
/// them (`cohort::reading::ReadingNote`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteView(#[serde(with = "ReadingNoteDef")] pub ReadingNote);

#[derive(Serialize, Deserialize)]
#[serde(remote = "GroupingReading")]
enum GroupingReadingDef {
    Decimal,
    Thousands,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Evidence")]
struct EvidenceDef {
    line: usize,
    text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "ReadingNote")]
struct ReadingNoteDef {
    #[serde(with = "by_code")]
    role: Role,
    separator: char,
    #[serde(with = "GroupingReadingDef")]
    reading: GroupingReading,
    cells: usize,
    #[serde(with = "EvidenceDef")]
    first: Evidence,
    #[serde(with = "decimal")]
    first_value: calculator_core::Decimal,
    #[serde(with = "EvidenceDef")]
    because: Evidence,
}

/// One problem of an excluded row (`cohort::import::RowProblem`), as data
/// the page words. The date problems' roles cross as their codes
/// (`cohort::mapping::Role::code`), date errors as theirs
/// (`cohort::dates::DateError::code`), dates in ISO form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProblemView {
    /// The CSV reader could not read the record.
    Csv(#[serde(with = "CsvErrorDef")] CsvError),
    /// `found` fields where the header has `expected`.
    FieldCount {
        expected: usize,
        found: usize,
    },
    /// A follow-up time that is not a plain non-negative number.
    Time {
        #[serde(with = "by_code")]
        role: Role,
        text: String,
        #[serde(with = "NumberInputErrorDef")]
        error: NumberInputError,
    },
    /// An event not in the coding, whose codes for event and censored
    /// follow (a coding the form offers is worded by its code).
    Event {
        #[serde(with = "by_code")]
        role: Role,
        text: String,
        event: Vec<String>,
        censored: Vec<String>,
    },
    /// A lab value the calculator's checks refuse.
    Lab {
        #[serde(with = "by_code")]
        role: Role,
        text: String,
        #[serde(with = "LabValueErrorDef")]
        error: LabValueError,
    },
    /// Cirrhosis not yes/no, 1/0 or true/false.
    Cirrhosis {
        text: String,
    },
    /// Child–Pugh not A/B/C, A5…C15 or a score 5–15.
    ChildPugh {
        text: String,
    },
    Date {
        role: String,
        text: String,
        error: String,
    },
    MissingDate {
        role: String,
    },
    EndBeforeStart {
        role: String,
        start: String,
        end: String,
    },
}

impl From<&cohort::import::RowProblem> for ProblemView {
    fn from(problem: &cohort::import::RowProblem) -> Self {
        use cohort::import::RowProblem;
        match problem {
            RowProblem::Date { role, text, error } => ProblemView::Date {
                role: role.code().into(),
                text: text.clone(),
                error: error.code().into(),
            },
            RowProblem::MissingDate { role } => ProblemView::MissingDate {
                role: role.code().into(),
            },
            RowProblem::EndBeforeStart { role, start, end } => ProblemView::EndBeforeStart {
                role: role.code().into(),
                start: start.to_string(),
                end: end.to_string(),
            },
            RowProblem::Csv(error) => ProblemView::Csv(error.clone()),
            RowProblem::FieldCount { expected, found } => ProblemView::FieldCount {
                expected: *expected,
                found: *found,
            },
            RowProblem::Time { role, text, error } => ProblemView::Time {
                role: *role,
                text: text.clone(),
                error: error.clone(),
            },
            RowProblem::Event { role, text, coding } => ProblemView::Event {
                role: *role,
                text: text.clone(),
                event: coding.event_codes().to_vec(),
                censored: coding.censored_codes().to_vec(),
            },
            RowProblem::Lab { role, text, error } => ProblemView::Lab {
                role: *role,
                text: text.clone(),
                error: error.clone(),
            },
            RowProblem::Cirrhosis { text } => ProblemView::Cirrhosis { text: text.clone() },
            RowProblem::ChildPugh { text } => ProblemView::ChildPugh { text: text.clone() },
        }
    }
}

/// At most this many excluded rows and warnings are listed on the page
/// (the counts are always complete).
pub const LISTED_ROWS: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisView {
    pub endpoints: Vec<EndpointView>,
    pub elapsed_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointView {
    #[serde(with = "by_code")]
    pub role: EndpointRole,
    #[serde(with = "by_code")]
    pub kind: Endpoint,
    pub n: usize,
    pub missing_endpoint: usize,
    pub markers: Vec<MarkerView>,
    pub models: Vec<ModelView>,
}

/// One marker's comparison at the published cutoff, beside the paper's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkerView {
    #[serde(with = "by_code")]
    pub marker: Marker,
    pub label: String,
    pub n: usize,
    pub missing: usize,
    pub n_low: usize,
    pub n_high: usize,
    pub events_low: usize,
    pub events_high: usize,
    /// Two decimals and the exact value; `-` with no value when the fit
    /// gave no estimate ([`MarkerView::hr_problem`] says why).
    pub hr: Figure,
    /// `95% CI … , p …`; empty when there is no estimate.
    pub hr_ci: String,
    /// Why there is no estimate: not estimable (a reason the page words
    /// as `not estimable (…)`), or not computed.
    #[serde(with = "crate::remote::analysis_error_option")]
    pub hr_problem: Option<AnalysisError>,
    pub logrank_p: Figure,
    pub median_low: Figure,
    pub median_high: Figure,
    pub published_hr: String,
    pub published_logrank_p: String,
    pub published_source: String,
    /// The overlay chart, an SVG document (`None` if it could not be drawn).
    pub chart_svg: Option<String>,
    pub chart_error: Option<ChartProblem>,
    pub risk_table: Vec<RiskRow>,
}

/// One group's row of the risk table under the chart (the text alternative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskRow {
    pub label: String,
    pub at_risk: Vec<usize>,
    pub events: Vec<usize>,
    pub censored: Vec<usize>,
}

/// Why an overlay chart was not drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartProblem {
    /// The paper's reconstructed curves could not be read.
    ReferenceUnreadable,
    /// The paper has no curves for this endpoint and marker.
    NoReferenceCurves,
    /// A group of the cohort is empty.
    EmptyGroup,
    /// The chart could not be drawn (the drawing backend refused it).
    NotDrawn,
}

/// A factor of the paper's model left out of the cohort's, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedView {
    #[serde(with = "by_code")]
    pub factor: RiskFactor,
    /// Whether the file has no column for it (otherwise: the same for
    /// every complete case).
    pub not_in_file: bool,
}

impl DroppedView {
    pub fn new(factor: RiskFactor, reason: DropReason) -> Self {
        DroppedView {
            factor,
            not_in_file: reason == DropReason::NotInFile,
        }
    }
}

/// Why a model has no fit to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ModelProblem {
    /// The fit did not converge.
    NotConverged,
    /// The model could not be fitted.
    Failed(#[serde(with = "AnalysisErrorDef")] AnalysisError),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelView {
    pub key: String,
    pub name: String,
    pub description: String,
    pub n: usize,
    pub events: usize,
    pub missing: usize,
    pub dropped: Vec<DroppedView>,
    pub terms: Vec<TermView>,
    pub likelihood_ratio_p: Option<String>,
    pub error: Option<ModelProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermView {
    pub key: String,
    pub factor: String,
    /// The HR as the engine writes it (machine numbers; `-` when not an
    /// estimate), and its figures for the page to write in the reader's
    /// form when estimated.
    pub hr: String,
    pub hr_figures: Option<HrFigures>,
    /// Why the HR is not an estimate, when it is not.
    #[serde(with = "crate::remote::not_estimable_option")]
    pub hr_problem: Option<NotEstimable>,
    pub p: String,
    pub published: String,
}

/// The cohort split at a chosen cutoff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutoffView {
    #[serde(with = "by_code")]
    pub marker: Marker,
    pub cutoff: f64,
    pub n_low: usize,
    pub n_high: usize,
    pub missing: usize,
    pub hr: String,
    pub hr_figures: Option<HrFigures>,
    /// Why there is no HR estimate (`hr` is then `-`).
    #[serde(with = "crate::remote::analysis_error_option")]
    pub hr_problem: Option<AnalysisError>,
    pub logrank_p: String,
    /// Why there is no log-rank p (`logrank_p` is then `-`).
    #[serde(with = "crate::remote::analysis_error_option")]
    pub logrank_problem: Option<AnalysisError>,
    /// Why the split was not made at all.
    #[serde(with = "crate::remote::analysis_error_option")]
    pub error: Option<AnalysisError>,
}

/// A hazard ratio with its 95% CI, unrounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HrFigures {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The maximally selected log-rank search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptimalView {
    #[serde(with = "by_code")]
    pub marker: Marker,
    pub cutoff: f64,
    pub statistic: f64,
    pub corrected_p: String,
    pub candidates: usize,
    pub at_cutoff: CutoffView,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_mapping_survives_the_round_trip_through_the_form() {
        let header: Vec<String> = [
            "Patient ID",
            "OS (days)",
            "Status",
            "IL-6",
            "Albumin (g/dL)",
        ]
        .map(String::from)
        .to_vec();
        let mut mapping = ColumnMapping::suggest(&header);
        mapping.event_coding = EventCoding::dead_alive();
        let form = MappingForm::from(&mapping);
        assert_eq!(form.time_unit, "days");
        assert_eq!(form.event_coding, "dead/alive");
        assert_eq!(form.albumin_unit, "g/dL");
        assert_eq!(form.to_mapping(), mapping);
    }

    #[test]
    fn every_coding_the_crate_names_is_offered_in_its_order() {
        let offered: Vec<&str> = EVENT_CODINGS.iter().map(|(code, _)| *code).collect();
        assert_eq!(offered, cohort::mapping::EVENT_CODING_CODES);
        for code in offered {
            assert_eq!(coding_code(&coding(code)), code);
        }
    }

    #[test]
    fn requests_and_replies_cross_as_json() {
        let request = Request::Explore {
            role: EndpointRole::Primary,
            marker: Marker::Il8,
            cutoff: 100.0,
        };
        let text = serde_json::to_string(&request).unwrap();
        // The domain values cross as their codes.
        assert_eq!(
            text,
            r#"{"Explore":{"role":"primary","marker":"il8","cutoff":100.0}}"#
        );
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
        let import = Request::Import {
            separator: Some(Separator::Semicolon),
            encoding: TextEncoding::Windows1252,
            mapping: Box::default(),
        };
        let text = serde_json::to_string(&import).unwrap();
        assert!(text.contains(r#""separator":"semicolon""#), "{text}");
        assert!(text.contains(r#""encoding":"windows-1252""#), "{text}");
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), import);
    }

    #[test]
    fn an_unknown_code_is_refused_not_read_as_a_default() {
        let text = r#"{"Optimal":{"role":"primary","marker":"il7"}}"#;
        assert!(serde_json::from_str::<Request>(text).is_err());
    }
}
