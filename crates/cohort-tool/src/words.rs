//! What the engine and the worker report, worded in the reader's language.
//! The worker sends codes, counts and figures in machine form (typed
//! replies, `crate::model`); the page turns them into sentences here, so
//! the worker needs no catalog and a switch of language rewords what is
//! already on screen.
//!
//! The `cohort` crate's errors, row problems, warnings and reading notes
//! arrive as typed values (`crate::remote`) and are worded here too; their
//! `Display` is the English developer form, which the English catalog
//! matches (tests below) and the page never shows.

use calculator_core::number_input::unambiguous_text;
use calculator_core::published::{Endpoint, RiskFactor};
use cohort::analysis::{AnalysisError, CoxError, LogRankError, NotEstimable};
use cohort::csv::{CsvError, Separator};
use cohort::dates::DateFormat;
use cohort::encoding::{Detected, TextEncoding};
use cohort::import::{ImportError, RowWarning, RowWarningKind};
use cohort::limits::{MIN_EVENTS, MIN_PATIENTS_PER_GROUP};
use cohort::mapping::{EndpointRole, MappingError, Role, TimeUnit};
use cohort::reading::{GroupingReading, ReadingNote};
use soramic_il_calculator::study_text;
use text::{Lang, Text};

use crate::engine::{NOT_ESTIMABLE, NOT_IN_PAPERS_MODEL};
use crate::model::{
    ChartProblem, DroppedView, ExcludedView, Failure, HrFigures, ModelProblem, ProblemView, Step,
};

/// The numbers in a text the engine formatted (`2.14 (95% CI 1.10–4.16)`,
/// `-0.5`, `3.13e-7`) in the reader's form: English unchanged, otherwise a
/// decimal comma where a point stands between two digits and a minus sign
/// (U+2212) for a hyphen that starts a number. The engine's English words
/// for "not estimable" and "not in the paper's model" are reworded too.
pub fn numbers(t: &Text, engine: &str) -> String {
    if t.lang() == Lang::En {
        return engine.to_owned();
    }
    let engine = match engine.strip_prefix(NOT_ESTIMABLE) {
        Some(rest) => format!("{}{rest}", t.cohort_not_estimable()),
        None if engine == NOT_IN_PAPERS_MODEL => return t.cohort_not_in_papers_model().into(),
        None => engine.to_owned(),
    };
    let separator = t.lang().decimal_separator();
    let chars: Vec<char> = engine.chars().collect();
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let mut out = String::with_capacity(engine.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1);
        match c {
            '.' if digit(before) && digit(Some(i + 1)) => out.push(separator),
            '-' if digit(Some(i + 1)) && !before.is_some_and(|b| chars[b].is_alphanumeric()) => {
                out.push('\u{2212}')
            }
            _ => out.push(c),
        }
    }
    out
}

/// A hazard ratio and its 95% CI (`1.28 (95% CI 0.52–3.15)`) as the
/// calculator's results write one, from its figures; the engine's text
/// where there are none (not estimable, not computed).
pub fn hazard_ratio(t: &Text, figures: Option<HrFigures>, engine: &str) -> String {
    let two = |v: f64| t.rounded(v, 2).unwrap_or_else(|| "-".to_owned());
    match figures {
        Some(f) => t.results_hazard_ratio(&two(f.estimate), &two(f.lower), &two(f.upper)),
        None => numbers(t, engine),
    }
}

/// Milliseconds as seconds with one decimal, in the reader's form.
pub fn seconds(t: &Text, ms: f64) -> String {
    t.rounded(ms / 1000.0, 1).unwrap_or_default()
}

pub fn step_text(t: &Text, step: Step) -> String {
    match step {
        Step::Starting => t.cohort_step_starting().into(),
        Step::ReadingFile => t.cohort_step_reading_file().into(),
        Step::ReadingRows => t.cohort_step_reading_rows().into(),
        Step::RowsRead(rows) => t.cohort_step_rows_read(&rows.to_string()),
        Step::StartingAnalyses => t.cohort_step_starting_analyses().into(),
        Step::Analysis { completed, total } => {
            t.cohort_step_analysis(&completed.to_string(), &total.to_string())
        }
    }
}

pub fn failure_text(t: &Text, failure: &Failure) -> String {
    match failure {
        Failure::NothingImported => t.cohort_nothing_imported().into(),
        Failure::FileDidNotArrive => t.cohort_file_did_not_arrive().into(),
        Failure::FileUnreadable => t.cohort_file_unreadable().into(),
        Failure::Import(error) => import_error_text(t, error),
        Failure::Optimal(error) => t.cohort_optimal_failed(&analysis_error_text(t, error)),
        Failure::Garbled(detail) => t.cohort_garbled(detail),
        Failure::TooFew(comparisons) => {
            let lead =
                t.cohort_too_few_lead(&MIN_PATIENTS_PER_GROUP.to_string(), &MIN_EVENTS.to_string());
            let rest = if comparisons.is_empty() {
                t.cohort_too_few_none().to_owned()
            } else {
                let parts: Vec<String> = comparisons
                    .iter()
                    .map(|c| {
                        t.cohort_too_few_marker(
                            c.marker.label(),
                            &c.low.to_string(),
                            &c.high.to_string(),
                            &c.events.to_string(),
                        )
                    })
                    .collect();
                format!("{}.", parts.join("; "))
            };
            format!("{lead} {rest}")
        }
    }
}

pub fn separator_label(t: &Text, separator: Separator) -> &str {
    match separator {
        Separator::Comma => t.cohort_separator_comma(),
        Separator::Semicolon => t.cohort_separator_semicolon(),
        Separator::Tab => t.cohort_separator_tab(),
    }
}

pub fn time_unit_label(t: &Text, unit: TimeUnit) -> &str {
    match unit {
        TimeUnit::Days => t.cohort_unit_days(),
        TimeUnit::Weeks => t.cohort_unit_weeks(),
        TimeUnit::Months => t.cohort_unit_months(),
        TimeUnit::Years => t.cohort_unit_years(),
    }
}

/// A column's role in the mapping form; the markers' labels (`IL6 (pg/mL)`)
/// are the same in every language.
pub fn role_label(t: &Text, role: Role) -> String {
    match role {
        Role::Id => t.cohort_role_id().into(),
        Role::Time => t.cohort_role_time().into(),
        Role::Event => t.cohort_role_event().into(),
        Role::Il6 | Role::Il8 => role.label().into(),
        Role::Albumin => t.cohort_role_albumin().into(),
        Role::Bilirubin => t.cohort_role_bilirubin().into(),
        Role::Cirrhosis => t.cohort_role_cirrhosis().into(),
        Role::ChildPugh => t.cohort_role_child_pugh().into(),
        Role::SecondTime => t.cohort_role_second_time().into(),
        Role::SecondEvent => t.cohort_role_second_event().into(),
        Role::StartDate => t.cohort_role_start_date().into(),
        Role::EndDate => t.cohort_role_end_date().into(),
        Role::SecondEndDate => t.cohort_role_second_end_date().into(),
    }
}

/// A date format as the form offers it (the pattern in the reader's letters).
pub fn date_format_label(t: &Text, format: DateFormat) -> &str {
    match format {
        DateFormat::Iso => t.cohort_date_iso(),
        DateFormat::DayMonthYearDots => t.cohort_date_dmy_dots(),
        DateFormat::DayMonthYearSlashes => t.cohort_date_dmy_slashes(),
        DateFormat::MonthDayYearSlashes => t.cohort_date_mdy_slashes(),
    }
}

/// "Read as Windows-1252: …", from how the encoding was decided (`None`:
/// chosen by the user).
pub fn encoding_text(t: &Text, encoding: TextEncoding, detected: Option<Detected>) -> String {
    let name = encoding.name();
    match detected {
        Some(Detected::ByteOrderMark(_)) => t.cohort_encoding_by_bom(name),
        Some(Detected::ValidUtf8) => t.cohort_encoding_valid_utf8(name),
        Some(Detected::NotUtf8) => t.cohort_encoding_not_utf8(name),
        None => t.cohort_encoding_chosen(name),
    }
}

fn role_by_code(t: &Text, code: &str) -> String {
    Role::from_code(code).map_or_else(|| code.to_owned(), |r| role_label(t, r))
}

/// A record the CSV reader could not read.
pub fn csv_error_text(t: &Text, error: &CsvError) -> String {
    match *error {
        CsvError::UnterminatedQuote { line, last_line } => {
            t.cohort_problem_unterminated_quote(&line.to_string(), &last_line.to_string())
        }
        CsvError::QuoteInsideField { line, field } => {
            t.cohort_problem_quote_inside_field(&line.to_string(), &field.to_string())
        }
        CsvError::TextAfterClosingQuote { line, field } => {
            t.cohort_problem_text_after_quote(&line.to_string(), &field.to_string())
        }
    }
}

/// One problem of an excluded row in the reader's words.
pub fn problem_text(t: &Text, problem: &ProblemView) -> String {
    match problem {
        ProblemView::Csv(error) => csv_error_text(t, error),
        ProblemView::FieldCount { expected, found } => {
            t.cohort_problem_field_count(&found.to_string(), &expected.to_string())
        }
        ProblemView::Time { role, text, error } => t.cohort_problem_value(
            &role_label(t, *role),
            text,
            &wording::number_input_error(t, error),
        ),
        ProblemView::Event {
            role,
            text,
            event,
            censored,
        } => t.cohort_problem_event(
            &role_label(t, *role),
            text,
            &t.cohort_coding_codes(&event.join("/"), &censored.join("/")),
        ),
        ProblemView::Lab { role, text, error } => t.cohort_problem_value(
            &role_label(t, *role),
            text,
            &wording::lab_value_error(t, error),
        ),
        ProblemView::Cirrhosis { text } => {
            t.cohort_problem_cirrhosis(&role_label(t, Role::Cirrhosis), text)
        }
        ProblemView::ChildPugh { text } => {
            t.cohort_problem_child_pugh(&role_label(t, Role::ChildPugh), text)
        }
        ProblemView::Date { role, text, error } => {
            let column = role_by_code(t, role);
            match error.as_str() {
                "two_digit_year" => t.cohort_problem_two_digit_year(&column, text),
                "no_such_day" => t.cohort_problem_no_such_day(&column, text),
                _ => t.cohort_problem_not_a_date(&column, text),
            }
        }
        ProblemView::MissingDate { role } => t.cohort_problem_missing_date(&role_by_code(t, role)),
        ProblemView::EndBeforeStart { role, start, end } => {
            t.cohort_problem_end_before_start(&role_by_code(t, role), end, start)
        }
    }
}

/// `line 14: …; …`, an excluded row with every problem.
pub fn excluded_text(t: &Text, row: &ExcludedView) -> String {
    let problems: Vec<String> = row.problems.iter().map(|p| problem_text(t, p)).collect();
    t.cohort_row_line(&row.line.to_string(), &problems.join("; "))
}

/// Why a mapping cannot be used yet.
pub fn mapping_error_text(t: &Text, error: &MappingError) -> String {
    match error {
        MappingError::Required(role) => t.cohort_mapping_required(&role_label(t, *role)),
        MappingError::UnknownColumn { role, name } => {
            t.cohort_mapping_unknown_column(&role_label(t, *role), name)
        }
        MappingError::AmbiguousColumn { role, name, count } => {
            t.cohort_mapping_ambiguous_column(&role_label(t, *role), &count.to_string(), name)
        }
        MappingError::SameColumn {
            name,
            first,
            second,
        } => t.cohort_mapping_same_column(name, &role_label(t, *first), &role_label(t, *second)),
        MappingError::SecondEndpointIncomplete { missing } => {
            t.cohort_mapping_second_incomplete(&role_label(t, *missing))
        }
        MappingError::EmptyEventCoding => t.cohort_mapping_empty_coding().to_owned(),
        MappingError::OverlappingEventCode { code } => t.cohort_mapping_overlapping_code(code),
        MappingError::DateFormatNeeded => t.cohort_date_format_needed().to_owned(),
        MappingError::TimeAndDates { endpoint } => t.cohort_time_and_dates(&role_label(
            t,
            match endpoint {
                EndpointRole::Primary => Role::Time,
                EndpointRole::Second => Role::SecondTime,
            },
        )),
    }
}

/// Why a file cannot be imported (or previewed) at all.
pub fn import_error_text(t: &Text, error: &ImportError) -> String {
    match error {
        ImportError::NoHeader => t.cohort_import_no_header().to_owned(),
        ImportError::Header(error) => t.cohort_import_header(&csv_error_text(t, error)),
        ImportError::Mapping(error) => mapping_error_text(t, error),
    }
}

/// One of the two groups an analysis compares, as the cohort crate names
/// it (`"low"`/`"high"`, `"without"`/`"with"` a factor).
fn group_text<'a>(t: &'a Text, group: &str) -> &'a str {
    match group {
        "high" => t.cohort_split_high(),
        "without" => t.cohort_split_without(),
        "with" => t.cohort_split_with(),
        _ => t.cohort_split_low(),
    }
}

/// Why a fitted hazard ratio is not an estimate.
pub fn not_estimable_reason(t: &Text, reason: &NotEstimable) -> String {
    match reason {
        NotEstimable::NoEventsInGroup { group } => t.cohort_reason_no_events(group_text(t, group)),
        NotEstimable::DidNotConverge => t.cohort_reason_not_converged().to_owned(),
        NotEstimable::Infinite => t.cohort_reason_infinite().to_owned(),
    }
}

/// `not estimable (reason)`, as the README's `cohort-hr-*` reads.
pub fn not_estimable(t: &Text, reason: &NotEstimable) -> String {
    format!(
        "{} ({})",
        t.cohort_not_estimable(),
        not_estimable_reason(t, reason)
    )
}

/// Why an analysis gives no figure. The survival engine's refusals that a
/// file cannot cause (lengths, confidence levels: the cohort crate's own
/// checks) are named by a code after "an internal check failed".
pub fn analysis_error_text(t: &Text, error: &AnalysisError) -> String {
    let internal = |code: &str| t.cohort_analysis_internal(code);
    match error {
        AnalysisError::NoPatients => t.cohort_analysis_no_patients().to_owned(),
        AnalysisError::EmptyGroup { group } => t.cohort_analysis_empty_group(group_text(t, group)),
        AnalysisError::NotEstimable(reason) => not_estimable(t, reason),
        AnalysisError::InvalidCutoff(value) => {
            t.cohort_analysis_invalid_cutoff(&t.shown(&value.to_string()))
        }
        AnalysisError::InvalidProportions { min_prop, max_prop } => t
            .cohort_analysis_invalid_proportions(
                &t.shown(&min_prop.to_string()),
                &t.shown(&max_prop.to_string()),
            ),
        AnalysisError::NoCandidateCutoffs => t.cohort_analysis_no_candidates().to_owned(),
        AnalysisError::ConstantScores => t.cohort_analysis_constant_scores().to_owned(),
        AnalysisError::LogRank(LogRankError::NoEvents) | AnalysisError::Cox(CoxError::NoEvents) => {
            t.cohort_analysis_no_events().to_owned()
        }
        AnalysisError::LogRank(LogRankError::FewerThanTwoComparableGroups) => {
            t.cohort_analysis_not_comparable().to_owned()
        }
        AnalysisError::Cox(CoxError::SingularInformation) => {
            t.cohort_analysis_singular().to_owned()
        }
        AnalysisError::LogRank(LogRankError::TooFewGroups(_)) => internal("log-rank: groups"),
        AnalysisError::LogRank(LogRankError::SingularVariance) => internal("log-rank: variance"),
        AnalysisError::Cox(_) => internal("cox"),
        AnalysisError::Data(_) => internal("survival data"),
    }
}

/// `not computed: …`, for a figure an error left out.
pub fn not_computed(t: &Text, error: &AnalysisError) -> String {
    t.cohort_not_computed(&analysis_error_text(t, error))
}

/// A hazard ratio with no estimate: what stands in its place.
pub fn missing_hr(t: &Text, error: &AnalysisError) -> String {
    match error {
        AnalysisError::NotEstimable(reason) => not_estimable(t, reason),
        other => not_computed(t, other),
    }
}

/// Why a model has no fit to show (after "Not fitted:").
pub fn model_problem_text(t: &Text, problem: &ModelProblem) -> String {
    match problem {
        ModelProblem::NotConverged => t.cohort_model_not_converged().to_owned(),
        ModelProblem::Failed(error) => analysis_error_text(t, error),
    }
}

/// A factor of the paper's model left out, and why.
pub fn dropped_text(t: &Text, dropped: &DroppedView) -> String {
    let factor = study_text::paper_row(t, dropped.factor);
    if dropped.not_in_file {
        t.cohort_dropped_not_in_file(&factor)
    } else {
        t.cohort_dropped_constant(&factor)
    }
}

/// Why an overlay chart was not drawn (after "The chart could not be drawn:").
pub fn chart_problem_text(t: &Text, problem: ChartProblem) -> &str {
    match problem {
        ChartProblem::ReferenceUnreadable => t.cohort_chart_reference_unreadable(),
        ChartProblem::NoReferenceCurves => t.cohort_chart_no_reference(),
        ChartProblem::EmptyGroup => t.cohort_chart_empty_group(),
        ChartProblem::NotDrawn => t.cohort_chart_not_drawn(),
    }
}

/// `line 14: Albumin: …`, a value used but worth a second look.
pub fn warning_text(t: &Text, warning: &RowWarning) -> String {
    let what = match &warning.kind {
        RowWarningKind::Lab(lab) => wording::lab_warning(t, lab),
        RowWarningKind::ChildPughC => t.cohort_warning_child_pugh_c().to_owned(),
    };
    t.cohort_warning_line(
        &warning.line.to_string(),
        &role_label(t, warning.role),
        &what,
    )
}

/// Ambiguous `1,234` cells of a column read one way, and the cell that
/// settles it. The value as read is written so that it cannot be read the
/// other way again (`unambiguous_text`), in the reader's form.
pub fn note_text(t: &Text, note: &ReadingNote) -> String {
    let separator = if note.separator == ',' {
        t.error_separator_comma()
    } else {
        t.error_separator_point()
    };
    let others = match note.cells {
        0 | 1 => String::new(),
        2 => format!(" {}", t.cohort_note_one_other()),
        n => format!(" {}", t.cohort_note_other_values(&(n - 1).to_string())),
    };
    let column = role_label(t, note.role);
    let value = t.shown(&unambiguous_text(note.first_value));
    let cell = |evidence: &cohort::reading::Evidence| {
        t.cohort_note_cell(&evidence.text, &evidence.line.to_string())
    };
    let fill = match note.reading {
        GroupingReading::Decimal => Text::cohort_note_decimal,
        GroupingReading::Thousands => Text::cohort_note_thousands,
    };
    fill(
        t,
        &column,
        &cell(&note.first),
        &others,
        separator,
        &value,
        &cell(&note.because),
    )
}

/// An event coding's explanation, by its code
/// (`cohort::mapping::EVENT_CODING_CODES`); empty for a code not offered.
pub fn coding_text<'a>(t: &'a Text, code: &str) -> &'a str {
    match code {
        "1/0" => t.cohort_coding_one_zero(),
        "2/1" => t.cohort_coding_two_one(),
        "yes/no" => t.cohort_coding_yes_no(),
        "dead/alive" => t.cohort_coding_dead_alive(),
        "true/false" => t.cohort_coding_true_false(),
        "ja/nein" => t.cohort_coding_ja_nein(),
        "tot/lebend" => t.cohort_coding_tot_lebend(),
        "oui/non" => t.cohort_coding_oui_non(),
        "décédé/vivant" => t.cohort_coding_decede_vivant(),
        "sí/no" => t.cohort_coding_si_no(),
        "fallecido/vivo" => t.cohort_coding_fallecido_vivo(),
        "deceduto/vivo" => t.cohort_coding_deceduto_vivo(),
        _ => "",
    }
}

pub fn endpoint_label(t: &Text, endpoint: Endpoint) -> &str {
    study_text::km_endpoint(t, endpoint)
}

/// `Model 1` / `Model 2` by the model's code; the engine's text otherwise.
pub fn model_name<'a>(t: &'a Text, code: &str, english: &'a str) -> &'a str {
    match code {
        "model1" => t.study_model1(),
        "model2" => t.study_model2(),
        _ => english,
    }
}

pub fn model_description<'a>(t: &'a Text, code: &str, english: &'a str) -> &'a str {
    match code {
        "model1" => t.cohort_model1_description(),
        "model2" => t.cohort_model2_description(),
        _ => english,
    }
}

/// A factor's row in Tables 2 and 3, by its code.
pub fn term_factor(t: &Text, code: &str, english: &str) -> String {
    RiskFactor::from_code(code).map_or_else(|| english.to_owned(), |f| study_text::paper_row(t, f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Reply;
    use calculator_core::{BilirubinUnit, LabValueError};

    fn german() -> Text {
        Text::from_catalog(Lang::De, include_str!("../../text/lang/de.txt")).expect("German loads")
    }

    #[test]
    fn english_figures_are_left_exactly_as_the_engine_wrote_them() {
        let english = Text::english();
        for engine in ["2.14 (95% CI 1.10–4.16)", "-0.50", "3.13e-7", "NR", "-"] {
            assert_eq!(numbers(&english, engine), engine);
        }
    }

    #[test]
    fn german_figures_take_the_decimal_comma_and_the_minus_sign() {
        let de = german();
        assert_eq!(
            numbers(&de, "2.14 (95% CI 1.10–4.16)"),
            "2,14 (95% CI 1,10–4,16)"
        );
        assert_eq!(numbers(&de, "-0.50"), "\u{2212}0,50");
        // The exponent's hyphen follows a letter: not a leading minus.
        assert_eq!(numbers(&de, "3.13e-7"), "3,13e-7");
        assert_eq!(
            numbers(&de, "95% CI 1.10–4.16, p 0.020"),
            "95% CI 1,10–4,16, p 0,020"
        );
        assert_eq!(numbers(&de, "NR"), "NR");
        assert_eq!(numbers(&de, "-"), "-");
        assert_eq!(
            numbers(&de, "not estimable (no event in a group)"),
            "nicht schätzbar (no event in a group)"
        );
        assert_eq!(
            numbers(&de, NOT_IN_PAPERS_MODEL),
            "nicht im Modell der Publikation"
        );
    }

    #[test]
    fn a_hazard_ratio_reads_as_the_engine_wrote_it_in_english_and_the_calculators_way_in_french() {
        let hr = cohort::analysis::HazardRatioEstimate {
            coefficient: 1.2804f64.ln(),
            std_err: 0.46,
            hazard_ratio: 1.2804,
            lower: 0.5211,
            upper: 3.1461,
            p_value: 0.59,
        };
        let figures = Some(crate::engine::hr_figures(&hr));
        assert_eq!(
            hazard_ratio(&Text::english(), figures, ""),
            crate::engine::hr_text(&hr)
        );
        let fr = Text::from_catalog(Lang::Fr, include_str!("../../text/lang/fr.txt")).unwrap();
        // fr.txt's results.hazard_ratio: "{estimate} (CI 95 % {lower}–{upper})".
        assert_eq!(hazard_ratio(&fr, figures, ""), "1,28 (CI 95 % 0,52–3,15)");
        assert_eq!(
            hazard_ratio(&fr, None, "not estimable (x)"),
            "non estimable (x)"
        );
    }

    #[test]
    fn too_few_patients_are_worded_as_the_cohort_crate_words_them_in_english() {
        // cohort::limits::TooFewToAnalyse's Display is the English reference.
        let too_few = cohort::limits::TooFewToAnalyse {
            comparisons: vec![cohort::limits::Comparable {
                marker: calculator_core::Marker::Il6,
                low: 2,
                high: 1,
                events: 2,
            }],
        };
        assert_eq!(
            failure_text(&Text::english(), &Failure::from(&too_few)),
            too_few.to_string()
        );
        let none = cohort::limits::TooFewToAnalyse {
            comparisons: vec![],
        };
        assert_eq!(
            failure_text(&Text::english(), &Failure::from(&none)),
            none.to_string()
        );
    }

    #[test]
    fn the_optimism_warning_is_the_cohort_crates_in_english() {
        assert_eq!(
            Text::english().cohort_optimism_warning("6.53", "60.8"),
            cohort::cutoff::OPTIMISM_WARNING
        );
    }

    #[test]
    fn every_coding_role_and_unit_is_worded_in_every_language() {
        let de = german();
        for code in cohort::mapping::EVENT_CODING_CODES {
            assert!(!coding_text(&Text::english(), code).is_empty(), "{code}");
            assert!(!coding_text(&de, code).is_empty(), "{code}");
        }
        // The English words are the form's former ones (crate::model::EVENT_CODINGS).
        for (code, english) in crate::model::EVENT_CODINGS {
            assert_eq!(coding_text(&Text::english(), code), english);
        }
        for role in Role::ALL {
            assert_eq!(role_label(&Text::english(), role), role.label());
        }
        for unit in TimeUnit::ALL {
            assert_eq!(time_unit_label(&Text::english(), unit), unit.code());
        }
        for separator in Separator::ALL {
            assert_eq!(
                separator_label(&Text::english(), separator),
                separator.label()
            );
        }
    }

    /// Every run of four words of letters in `english` (a sentence of the
    /// English catalog, or part of one), which a translation must not keep.
    fn english_runs(english: &str) -> Vec<String> {
        let words: Vec<&str> = english.split_whitespace().collect();
        let letters = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic())
        };
        words
            .windows(4)
            .filter(|run| run.iter().all(|w| letters(w)))
            .map(|run| run.join(" "))
            .collect()
    }

    /// `german` is worded (it differs from `english`) and keeps no English
    /// run of four words.
    fn assert_german(german: &str, english: &str) {
        assert_ne!(german, english, "not translated: {german}");
        for run in english_runs(english) {
            assert!(!german.contains(&run), "English {run:?} in {german:?}");
        }
    }

    /// One row per problem the cohort crate used to word itself (before,
    /// the page showed its English `Display`), semicolon-separated so that
    /// cells may hold a decimal comma:
    /// line 2: a negative time, an event not in 1/0, IL6 not a number,
    /// albumin 0, bilirubin 200 mg/dL (above 2000 µmol/L = 117 mg/dL
    /// rounded, `calculator_core::lab_values`), cirrhosis and Child–Pugh
    /// unreadable; line 3: IL6 `1,234`, settled as 1.234 by line 4's
    /// `12,5`; line 4: Child–Pugh C (a warning); line 5: four fields of
    /// seven; line 6: a quote inside a field; line 7: albumin 12 g/dL
    /// (above 10 g/dL, i.e. 100 g/L); line 8: a time `2,345` nothing in its
    /// column settles (the time column has no other comma); line 9: a quote
    /// never closed.
    const BAD_ROWS: &str =
        "time_months;event;il6;albumin_g_dl;bilirubin_mg_dl;cirrhosis;child_pugh\n\
        -1;x;abc;0;200;maybe;A9\n\
        3;1;1,234;3,5;1;no;A\n\
        4;0;12,5;3,5;1;no;C\n\
        5;1;2;3,5\n\
        6;1;ab\"c;3,5;1;no;A\n\
        7;1;2;12;1;no;A\n\
        2,345;1;2;3,5;1;no;A\n\
        9;1;\"2;3,5;1;no;A\n";

    fn bad_rows() -> cohort::import::Cohort {
        let mapping = cohort::import::preview(BAD_ROWS, None, 0)
            .expect("a header")
            .mapping;
        cohort::import::Cohort::import(BAD_ROWS, None, &mapping).expect("imports")
    }

    /// The file's problems as the page receives them: through JSON.
    fn problems_as_sent(cohort: &cohort::import::Cohort) -> Vec<(ProblemView, String)> {
        cohort
            .excluded_rows()
            .iter()
            .flat_map(|row| row.problems.iter())
            .map(|problem| {
                let json = serde_json::to_string(&ProblemView::from(problem)).expect("serialises");
                let view: ProblemView = serde_json::from_str(&json).expect("deserialises");
                assert_eq!(view, ProblemView::from(problem), "{json}");
                (view, problem.to_string())
            })
            .collect()
    }

    #[test]
    fn no_row_problem_crosses_as_text_and_english_reads_as_the_cohort_crate_words_it() {
        let cohort = bad_rows();
        let problems = problems_as_sent(&cohort);
        // 7 on line 2, then one each on lines 5, 6, 7, 8 and 9.
        assert_eq!(problems.len(), 12, "{problems:?}");
        let english = Text::english();
        for (view, display) in &problems {
            assert_eq!(problem_text(&english, view), *display);
        }
        for warning in cohort.warnings() {
            assert_eq!(warning_text(&english, warning), warning.to_string());
        }
        assert_eq!(cohort.reading_notes().len(), 1);
        for note in cohort.reading_notes() {
            assert_eq!(note_text(&english, note), note.to_string());
        }
    }

    #[test]
    fn every_row_problem_reads_in_german_with_its_values_in_the_german_form() {
        let de = german();
        let english = Text::english();
        let cohort = bad_rows();
        let problems = problems_as_sent(&cohort);
        let german: Vec<String> = problems.iter().map(|(p, _)| problem_text(&de, p)).collect();
        for ((view, _), german) in problems.iter().zip(&german) {
            assert_german(german, &problem_text(&english, view));
        }
        // de.txt's cohort.problem_* and error.* entries, with the values
        // of BAD_ROWS (its doc comment).
        let expected = [
            "Nachbeobachtungszeit: „-1“: Darf nicht negativ sein.",
            "Ereignis: „x“ kommt in der Kodierung nicht vor (1 = Ereignis, 0 = zensiert)",
            "IL6 (pg/mL): „abc“: Keine Zahl:",
            "Albumin: „0“: Muss größer als 0 sein",
            "Gesamtbilirubin: „200“: Unmöglicher Wert: über 117 mg/dL (2000 µmol/L). Ist der Befund in µmol/L?",
            "Zirrhose: „maybe“ muss yes/no, 1/0 oder true/false sein",
            "Child-Pugh-Stadium: „A9“ muss A, B, C, ein Stadium mit Punktzahl (B7) oder eine Punktzahl von 5–15 sein",
            "4 Felder, die Kopfzeile hat aber 7",
            "Zeile 6, Feld 3: ein Anführungszeichen innerhalb eines Feldes ohne Anführungszeichen",
            "Albumin: „12“: Unmöglicher Wert: über 10 g/dL. Ist der Befund in g/L?",
            // 2.345 with the decimal comma; the thousands reading 2345.
            "Nachbeobachtungszeit: „2,345“: Mehrdeutig: „2,345“ kann 2,345 (Komma als Dezimaltrennzeichen) oder 2345 (Komma als Tausendertrennzeichen) bedeuten.",
            "Zeile 9: Ein Anführungszeichen öffnet ein Feld, das nie geschlossen wird (die Zeilen 9–10 konnten nicht gelesen werden)",
        ];
        for (german, expected) in german.iter().zip(expected) {
            assert!(
                german.starts_with(expected),
                "{german:?}\nexpected {expected:?}"
            );
        }
        let warnings: Vec<String> = cohort
            .warnings()
            .iter()
            .map(|w| warning_text(&de, w))
            .collect();
        assert_eq!(
            warnings,
            ["Zeile 4: Child-Pugh-Stadium: Child-Pugh C: außerhalb der Einschlusskriterien der Studie (A bis B7); gezählt als „B oder schlechter“"]
        );
        let note = note_text(&de, &cohort.reading_notes()[0]);
        assert_german(&note, &note_text(&english, &cohort.reading_notes()[0]));
        // The value as read, 1.234, with its fourth decimal so it cannot
        // be read as a thousands grouping again, in the German form.
        assert!(
            note.starts_with("IL6 (pg/mL): „1,234“ (Zeile 3) mit dem Komma als Dezimaltrennzeichen gelesen, als 1,2340: „12,5“ (Zeile 4) derselben Spalte"),
            "{note}"
        );
    }

    fn mapping_errors() -> Vec<MappingError> {
        vec![
            MappingError::Required(Role::Time),
            MappingError::UnknownColumn {
                role: Role::Albumin,
                name: "alb".into(),
            },
            MappingError::AmbiguousColumn {
                role: Role::Il6,
                name: "IL6".into(),
                count: 2,
            },
            MappingError::SameColumn {
                name: "x".into(),
                first: Role::Il6,
                second: Role::Il8,
            },
            MappingError::SecondEndpointIncomplete {
                missing: Role::SecondEvent,
            },
            MappingError::EmptyEventCoding,
            MappingError::OverlappingEventCode { code: "1".into() },
        ]
    }

    #[test]
    fn import_and_mapping_errors_cross_as_values_and_read_in_german() {
        let de = german();
        let english = Text::english();
        let mut errors: Vec<ImportError> = mapping_errors()
            .into_iter()
            .map(ImportError::Mapping)
            .collect();
        errors.push(ImportError::NoHeader);
        errors.push(ImportError::Header(CsvError::TextAfterClosingQuote {
            line: 1,
            field: 2,
        }));
        for error in errors {
            let failure = Failure::Import(error.clone());
            let json = serde_json::to_string(&failure).unwrap();
            assert_eq!(serde_json::from_str::<Failure>(&json).unwrap(), failure);
            // The cohort crate's Display is the English reference.
            assert_eq!(failure_text(&english, &failure), error.to_string());
            assert_german(&failure_text(&de, &failure), &error.to_string());
        }
        assert_eq!(
            mapping_error_text(&de, &mapping_errors()[3]),
            "Die Spalte „x“ ist sowohl für „IL6 (pg/mL)“ als auch für „IL8 (pg/mL)“ gewählt"
        );
        assert_eq!(
            import_error_text(&de, &ImportError::NoHeader),
            "Die Datei ist leer: Sie braucht eine Kopfzeile"
        );
    }

    fn analysis_errors() -> Vec<AnalysisError> {
        vec![
            AnalysisError::NoPatients,
            AnalysisError::EmptyGroup { group: "low" },
            AnalysisError::EmptyGroup { group: "high" },
            AnalysisError::NotEstimable(NotEstimable::NoEventsInGroup { group: "high" }),
            AnalysisError::NotEstimable(NotEstimable::DidNotConverge),
            AnalysisError::NotEstimable(NotEstimable::Infinite),
            AnalysisError::InvalidCutoff(-1.5),
            AnalysisError::InvalidProportions {
                min_prop: 0.5,
                max_prop: 0.25,
            },
            AnalysisError::NoCandidateCutoffs,
            AnalysisError::ConstantScores,
        ]
    }

    #[test]
    fn analysis_errors_read_in_english_as_the_cohort_crate_words_them_and_in_german() {
        let de = german();
        let english = Text::english();
        for error in analysis_errors() {
            let failure = Failure::Optimal(error.clone());
            let json = serde_json::to_string(&failure).unwrap();
            assert_eq!(serde_json::from_str::<Failure>(&json).unwrap(), failure);
            // "not estimable: reason" in the cohort crate, "not estimable
            // (reason)" on the page (README, `cohort-hr-*`).
            let display = error.to_string().replace("not estimable: ", "");
            let worded = analysis_error_text(&english, &error);
            assert!(
                worded == display || worded == format!("not estimable ({display})"),
                "{worded:?} vs {display:?}"
            );
            assert_german(&analysis_error_text(&de, &error), &worded);
        }
        // The numbers in the reader's form (decimal comma, minus sign).
        assert_eq!(
            analysis_error_text(&de, &analysis_errors()[7]),
            "die Gruppenanteile müssen 0 < min < max < 1 erfüllen, sind aber 0,5 und 0,25"
        );
        assert_eq!(
            analysis_error_text(&de, &analysis_errors()[6]),
            "ein Grenzwert muss eine endliche Zahl ≥ 0 sein, ist aber \u{2212}1,5"
        );
        assert_eq!(
            analysis_error_text(&de, &analysis_errors()[3]),
            "nicht schätzbar (die Gruppe „hoch“ hat keine Ereignisse, die Hazard Ratio ist daher 0 oder unendlich)"
        );
        // The survival engine's refusals a file can cause.
        assert_eq!(
            not_computed(&de, &AnalysisError::Cox(CoxError::NoEvents)),
            "nicht berechnet: es gibt kein Ereignis"
        );
    }

    #[test]
    fn a_float_that_json_has_no_number_for_still_crosses() {
        let view = crate::model::CutoffView {
            marker: calculator_core::Marker::Il6,
            cutoff: 5.0,
            n_low: 0,
            n_high: 0,
            missing: 0,
            hr: "-".into(),
            hr_figures: None,
            hr_problem: Some(AnalysisError::Cox(CoxError::NonFiniteCovariate {
                column: 0,
                row: 3,
                value: f64::INFINITY,
            })),
            logrank_p: "-".into(),
            logrank_problem: Some(AnalysisError::LogRank(LogRankError::NoEvents)),
            error: Some(AnalysisError::InvalidCutoff(f64::NAN)),
        };
        let json = serde_json::to_string(&Reply::Cutoff(view)).unwrap();
        let Reply::Cutoff(back) = serde_json::from_str::<Reply>(&json).unwrap() else {
            panic!("{json}")
        };
        assert!(matches!(back.error, Some(AnalysisError::InvalidCutoff(v)) if v.is_nan()));
        assert!(matches!(
            back.hr_problem,
            Some(AnalysisError::Cox(CoxError::NonFiniteCovariate { value, .. })) if value == f64::INFINITY
        ));
        assert_eq!(
            back.logrank_problem,
            Some(AnalysisError::LogRank(LogRankError::NoEvents))
        );
    }

    #[test]
    fn the_calculators_lab_errors_cross_with_their_units_and_exact_decimals() {
        use calculator_core::lab_values::LabField;
        use calculator_core::number_input::{parse_number, NumberInputError};
        let grouping = parse_number("1 234,5").expect_err("grouped");
        assert!(matches!(grouping, NumberInputError::DigitGrouping { .. }));
        let errors = [
            LabValueError::Number(grouping),
            LabValueError::Number(parse_number("1,234").expect_err("ambiguous")),
            calculator_core::lab_values::check_bilirubin(
                "300",
                BilirubinUnit::MilligramsPerDecilitre,
            )
            .expect_err("impossible"),
            LabValueError::UnknownUnit {
                field: LabField::Bilirubin,
                given: "mmol/L".into(),
                expected: &["umol/L", "mg/dL"],
            },
        ];
        for error in errors {
            let view = ProblemView::Lab {
                role: Role::Bilirubin,
                text: "t".into(),
                error,
            };
            let json = serde_json::to_string(&view).unwrap();
            assert_eq!(
                serde_json::from_str::<ProblemView>(&json).unwrap(),
                view,
                "{json}"
            );
        }
        // A unit symbol the calculator does not have is refused, not guessed.
        let forged = r#"{"Lab":{"role":"albumin","text":"1","error":{"Impossible":{"analyte":"Albumin","maximum":"10","unit":"oz","likely_unit":null}}}}"#;
        assert!(serde_json::from_str::<ProblemView>(forged).is_err());
    }

    #[test]
    fn a_model_and_a_chart_say_why_in_german() {
        let de = german();
        assert_eq!(
            model_problem_text(&de, &ModelProblem::NotConverged),
            "das Modell ist nicht konvergiert"
        );
        let dropped = DroppedView::new(
            RiskFactor::Cirrhosis,
            cohort::analysis::DropReason::NotInFile,
        );
        let english = dropped_text(&Text::english(), &dropped);
        assert_german(&dropped_text(&de, &dropped), &english);
        assert!(dropped_text(&de, &dropped).ends_with("(keine Spalte in der Datei)"));
        for problem in [
            ChartProblem::ReferenceUnreadable,
            ChartProblem::NoReferenceCurves,
            ChartProblem::EmptyGroup,
            ChartProblem::NotDrawn,
        ] {
            assert_german(
                chart_problem_text(&de, problem),
                chart_problem_text(&Text::english(), problem),
            );
        }
    }
}
