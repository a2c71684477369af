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
    Role::ALL
        .into_iter()
        .find(|r| r.code() == code)
        .map_or_else(|| code.to_owned(), |r| role_label(t, r))
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
    let (line, because_line) = (note.first.line.to_string(), note.because.line.to_string());
    let fill = match note.reading {
        GroupingReading::Decimal => Text::cohort_note_decimal,
        GroupingReading::Thousands => Text::cohort_note_thousands,
    };
    fill(
        t,
        &column,
        &note.first.text,
        &line,
        &others,
        separator,
        &value,
        &note.because.text,
        &because_line,
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
}
