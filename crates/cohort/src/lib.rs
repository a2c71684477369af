//! Validate the published IL6/IL8 cutoffs on your own cohort (issue 6): the
//! pure domain core under the cohort screens.
//!
//! A hospital export (CSV) becomes a validated [`import::Cohort`]; the
//! cohort's Kaplan–Meier curves, log-rank tests and Cox models by the
//! published cutoffs (IL6 > 6.53, IL8 > 60.8 pg/mL) are computed and set
//! beside the paper's figures (`calculator_core::published`); any other
//! cutoff can be explored, and the best one searched with a p value
//! corrected for the search (maximally selected log-rank statistics,
//! Lausen & Schumacher 1992, as R's `maxstat`).
//!
//! Pure and synchronous: no clock, no randomness, no file system, no
//! `unsafe`, no panics on any input (a property test feeds arbitrary text
//! through everything); builds for `wasm32-unknown-unknown`. Long work is
//! split into steps ([`import::ImportJob::step`], [`analysis::AnalysisJob::step`])
//! so a web worker can report progress and be cancelled between them.
//! Numbers are read by `calculator-core`'s parsers and unit checks, so a
//! value means the same as in the calculator; the statistics come from the
//! `survival` engine. `tests/r_cohort.rs` checks the whole pipeline, CSV to
//! hazard ratio, against R 4.2 (`survival` 3.5, `maxstat` 0.7) on messy
//! files at a relative 1e-6.
//!
//! # The API in one place
//!
//! ```text
//! // 1. bytes → text → preview (header, first rows, default mapping)
//! encoding::detect(&[u8]) / detect_head(&[u8]) -> Detected; Detected::encoding() -> TextEncoding  // issue 15
//! encoding::decode(&[u8], TextEncoding) -> (String, had_errors); TextEncoding::code()/from_code() (WHATWG labels)
//! encoding::is_workbook(&[u8]) -> bool                                    // ZIP/OLE2 signature: not text
//! csv::decode_utf8(bytes: Vec<u8>) -> Result<String, DecodeError>          // BOM kept, skipped later
//! csv::CsvReader::after_separator_line(&str, Option<Separator>) -> (CsvReader, Separator)  // Excel's "sep=;" line
//! csv::Separator::{Comma, Semicolon, Tab}; Separator::detect(&str), .code(), ::from_code(&str), .label()
//! import::preview(text: &str, separator: Option<Separator>, max_rows: usize) -> Result<Preview, ImportError>
//!     // Preview { separator, header: Vec<String>, rows: Vec<Vec<String>>, mapping: ColumnMapping }
//!
//! // 2. the mapping form edits a ColumnMapping (all fields public)
//! mapping::ColumnMapping { id, time, time_unit: TimeUnit, event, event_coding: EventCoding,
//!     endpoint: Endpoint, il6, il8, albumin, albumin_unit: AlbuminUnit, bilirubin,
//!     bilirubin_unit: BilirubinUnit, cirrhosis, child_pugh, second_time, second_time_unit,
//!     second_event, second_event_coding, second_endpoint: Endpoint }   // columns: Option<String>
//!     // issue 15: start_date, end_date, second_end_date: Option<String>, date_format: Option<dates::DateFormat>
//! ColumnMapping::suggest(header: &[String]) -> ColumnMapping            // HEADER_ALIASES, units from UNIT_SUFFIXES
//! mapping::recognise_header(&str) -> Option<(Role, Option<UnitHint>)>
//! dates::{parse_date, detect_format -> Detection::{Settled, Ambiguous, NotDates}, months_between}
//! import::detect_date_format(header, rows, &ColumnMapping) -> (Option<Detection>, two_digit_years)
//! ColumnMapping::check(&self, header: &[String]) -> Result<CheckedMapping, MappingError>
//!     .column(Role) / .column_mut(Role)
//! mapping::TimeUnit::{Days, Weeks, Months, Years}.to_months(f64)        // 1 month = 30.4375 days
//! mapping::EventCoding::new(event: &[&str], censored: &[&str]) -> Result<EventCoding, MappingError>
//!     ::one_zero() (default), ::yes_no(), ::dead_alive(), ::true_false(), ::two_one(); .classify(&str) -> Option<bool>
//! study::Endpoint::{OverallSurvival, ProgressionFreeSurvival, TimeToLiverDysfunction} (the mapping's endpoint kinds)
//! mapping::EndpointRole::{Primary, Second}; mapping::Role (11 roles), .code(), .label()
//!
//! // 3. import, all at once or in steps (a worker posts progress between steps)
//! import::Cohort::import(text: &str, separator: Option<Separator>, &ColumnMapping) -> Result<Cohort, ImportError>
//! import::ImportJob::new(text: T: AsRef<str>, separator: Option<Separator>, &ColumnMapping) -> Result<ImportJob<T>, ImportError>
//!     .step(max_rows: usize) -> ImportProgress   // { bytes_read, total_bytes, rows_read, done }, .fraction()
//!     .progress(), .is_done(), .finish(self) -> Cohort
//! Cohort: .rows_read(), .rows_used(), .rows_excluded(), .blank_rows_skipped(),
//!     .excluded_rows() -> &[ExcludedRow]   // { line, id, problems: Vec<RowProblem> }, Display "line 14: …"
//!     .warnings() -> &[RowWarning]         // { line, role, message }, values used but worth a look
//!     .patients() -> &[Patient], .separator(), .mapping() -> &CheckedMapping, .has(Role), .has_factor(RiskFactor)
//!     .reading_notes() -> &[ReadingNote]   // ambiguous "1,234" cells a column's other values settled, Display per column
//! Patient { line, id, primary: Option<Outcome>, second, il6: Option<LabValue>, il8, albumin_g_l,
//!     bilirubin_umol_l, cirrhosis: Option<bool>, child_pugh: Option<ChildPughClass> }
//!     .group(Marker) -> Option<Group>, .albi() -> Option<AlbiScore>, .factor(RiskFactor) -> Option<bool>
//!
//! // 4. analyses at the published cutoffs, all at once or one per step
//! analysis::CohortAnalysis::compute(&Cohort) -> CohortAnalysis     // { endpoints: Vec<EndpointAnalysis> }
//! analysis::AnalysisJob::new(C: Borrow<Cohort>)                   // &Cohort, Rc<Cohort>, Cohort …
//!     .step() -> AnalysisProgress { completed, total }, .finish(self) -> CohortAnalysis
//! EndpointAnalysis { role, kind, n, missing_endpoint, markers: Vec<MarkerAnalysis>,
//!     factors: Vec<FactorAnalysis>, models: Vec<ModelAnalysis> }
//! MarkerAnalysis { marker, missing, comparison: GroupComparison, published_km: KmComparison,
//!     published_hr: Option<HazardRatio> }
//! GroupComparison { n, low: GroupSurvival, high: GroupSurvival,
//!     log_rank: Result<LogRankSummary, AnalysisError>,          // { chi_square, p_value, observed, expected }
//!     hazard_ratio: Result<HazardRatioEstimate, AnalysisError> } // { coefficient, std_err, hazard_ratio, lower, upper, p_value }
//!     // Err(AnalysisError::NotEstimable(NotEstimable::{NoEventsInGroup { group }, DidNotConverge, Infinite}))
//!     // when the fit exists but its HR is not an estimate (never shown as a number)
//! GroupSurvival { n, events, fit: Option<KaplanMeierFit> }, .median() -> Option<MedianSurvival>
//! analysis::median_label(&GroupSurvival) -> String                // "12.3", "NR", "-"
//! FactorAnalysis { factor, n, n_with_factor, missing, hazard_ratio, published }
//! ModelAnalysis { model, factors, dropped: Vec<DroppedFactor>, n, events, missing,
//!     fit: Result<ModelFit, AnalysisError> }                    // ModelFit { terms: Vec<ModelTerm>, likelihood_ratio_p, converged }
//! ModelTerm { factor, estimate: Result<HazardRatioEstimate, NotEstimable>, published: Option<HazardRatio> }
//!
//! // 5. cutoff explorer and optimal-cutoff search
//! cutoff::explore_cutoff(&Cohort, EndpointRole, Marker, cutoff_pg_ml: f64) -> Result<CutoffResult, AnalysisError>
//!     // CutoffResult { marker, cutoff_pg_ml, missing, comparison: GroupComparison }
//! cutoff::optimal_cutoff(&Cohort, EndpointRole, Marker, &MaxStatOptions) -> Result<OptimalCutoff, AnalysisError>
//!     // OptimalCutoff { marker, test: MaxStatTest, at_cutoff: CutoffResult, warning: OPTIMISM_WARNING }
//! cutoff::MaxStatOptions::new(min_prop, max_prop) -> Result<_, AnalysisError>   // default 0.1, 0.9
//! cutoff::MaxStatTest::compute(times, events, values, &MaxStatOptions) -> Result<MaxStatTest, AnalysisError>
//!     // MaxStatTest { statistic, cutoff, p_value, candidates: Vec<CandidateCutoff>, n }
//! cutoff::OPTIMISM_WARNING: &str
//!
//! // 6. exports
//! export::patients_csv(&Cohort) -> String          // columns in export.rs docs
//! export::excluded_rows_csv(&Cohort) -> String     // line,id,reasons
//! ```
//!
//! The expected CSV header names and their defaults are in [`mapping`]'s
//! docs (a public contract); `static/cohort-example.csv` uses them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod centre_summary;
pub mod csv;
pub mod cutoff;
pub mod dates;
pub mod encoding;
pub mod export;
pub mod import;
pub mod limits;
pub mod mapping;
pub mod pooling;
pub mod reading;
