//! The cohort view's work, as a state machine the worker (or, in the
//! single-file build, the page itself) drives one step at a time: between
//! two [`Session::step`] calls the driver posts progress and the page stays
//! free to answer a cancel. Everything here is plain Rust over the `cohort`
//! crate, testable natively; the drivers only move messages.

use std::rc::Rc;

use calculator_core::published::{km_comparison, Marker};
use calculator_core::Group;
use cohort::analysis::{
    median_label, AnalysisError, AnalysisJob, CohortAnalysis, EndpointAnalysis, GroupComparison,
    GroupSurvival, HazardRatioEstimate, MarkerAnalysis, ModelAnalysis,
};
use cohort::centre_summary::CentreSummary;
use cohort::csv::Separator;
use cohort::cutoff::{explore_cutoff, optimal_cutoff, CutoffResult, MaxStatOptions};
use cohort::encoding::TextEncoding;
use cohort::import::{Cohort, ImportJob};
use cohort::mapping::Role;
use km_chart::cohort::ReferenceCurves;
use km_chart::{render_svg, KmChartGeometry, KmChartInput, Layout, OverlayInput};

use crate::model::{
    AnalysisView, ChartProblem, CutoffView, DroppedView, EndpointView, ExcludedView, Failure,
    Figure, HrFigures, ImportView, MappingForm, MarkerView, ModelProblem, ModelView, NoteView,
    OptimalView, Phase, ProblemView, Reply, Request, RiskRow, Step, TermView, WarningView,
    LISTED_ROWS,
};

/// Rows parsed per import step: a few tens of milliseconds in wasm.
pub const ROWS_PER_STEP: usize = 20_000;

enum Job {
    Idle,
    Importing(Box<ImportJob<String>>),
    Analysing(Box<AnalysisJob<Rc<Cohort>>>),
}

/// The worker's state: the running job and the last imported cohort.
pub struct Session {
    job: Job,
    cohort: Option<Rc<Cohort>>,
    /// The last analysis of `cohort`, for its centre summary.
    analysis: Option<Rc<CohortAnalysis>>,
    /// The page's language, for the words drawn into the charts.
    text: text::Text,
    started_ms: f64,
    now: fn() -> f64,
    /// Whether the running import's text had undecodable bytes.
    undecodable: bool,
}

impl Session {
    /// `now` gives milliseconds (the driver's clock; the engine has none).
    pub fn new(now: fn() -> f64) -> Self {
        Session {
            job: Job::Idle,
            cohort: None,
            analysis: None,
            text: text::Text::english(),
            started_ms: 0.0,
            now,
            undecodable: false,
        }
    }

    /// Whether a long job is under way ([`Session::step`] has work).
    pub fn is_busy(&self) -> bool {
        !matches!(self.job, Job::Idle)
    }

    /// Starts an import of `bytes` (the whole file).
    pub fn start_import(
        &mut self,
        bytes: Vec<u8>,
        encoding: TextEncoding,
        separator: Option<Separator>,
        mapping: &MappingForm,
    ) -> Reply {
        self.started_ms = (self.now)();
        self.cohort = None;
        self.analysis = None;
        // Decoded as the page decided before showing any text (issue 15);
        // bytes that encoding cannot read are said on the import.
        let (text, undecodable) = crate::decoding::decode(bytes, encoding);
        self.undecodable = undecodable;
        match ImportJob::new(text, separator, &mapping.to_mapping()) {
            Ok(job) => {
                self.job = Job::Importing(Box::new(job));
                Reply::Progress {
                    phase: Phase::Importing,
                    fraction: 0.0,
                    detail: Step::ReadingRows,
                }
            }
            Err(error) => Reply::Failed(Failure::Import(error)),
        }
    }

    /// Answers a request that needs no file. `Import` is started by the
    /// driver with the file's bytes ([`Session::start_import`]).
    pub fn handle(&mut self, request: Request) -> Reply {
        if let Request::Words { lang, strings } = request {
            let lang = text::Lang::from_code(&lang).unwrap_or_default();
            // A catalog of another version keeps the language drawn so far.
            if let Ok(text) = text::Text::from_strings(lang, strings) {
                self.text = text;
            }
            return match &self.analysis {
                Some(analysis) => Reply::Analysed(analysis_view(analysis, &self.text)),
                None => Reply::Worded,
            };
        }
        let Some(cohort) = self.cohort.clone() else {
            return Reply::Failed(Failure::NothingImported);
        };
        match request {
            Request::Import { .. } => Reply::Failed(Failure::FileDidNotArrive),
            Request::Analyse => {
                // The view never offers it; refused here as well, so no
                // path analyses fewer patients than a fit needs.
                if let Err(too_few) = cohort::limits::check_enough_patients(&cohort) {
                    return Reply::Failed(Failure::from(&too_few));
                }
                self.started_ms = (self.now)();
                self.job = Job::Analysing(Box::new(AnalysisJob::new(cohort)));
                Reply::Progress {
                    phase: Phase::Analysing,
                    fraction: 0.0,
                    detail: Step::StartingAnalyses,
                }
            }
            Request::Explore {
                role,
                marker,
                cutoff,
            } => Reply::Cutoff(cutoff_view(
                marker,
                cutoff,
                explore_cutoff(&cohort, role, marker, cutoff),
            )),
            Request::Optimal { role, marker } => {
                match optimal_cutoff(&cohort, role, marker, &MaxStatOptions::default()) {
                    Ok(found) => Reply::Optimal(OptimalView {
                        marker,
                        cutoff: found.test.cutoff,
                        statistic: found.test.statistic,
                        corrected_p: p_text(found.test.p_value),
                        candidates: found.test.candidates.len(),
                        at_cutoff: cutoff_view(marker, found.test.cutoff, Ok(found.at_cutoff)),
                    }),
                    Err(error) => Reply::Failed(Failure::Optimal(error)),
                }
            }
            Request::Patients => Reply::Patients(cohort::export::patients_csv(&cohort)),
            Request::Words { .. } => Reply::Worded,
            Request::CentreSummary { grid_months } => match &self.analysis {
                Some(analysis) if grid_months.is_finite() && grid_months > 0.0 => {
                    Reply::CentreSummary(
                        CentreSummary::from_analysis(analysis, grid_months).to_json(),
                    )
                }
                _ => Reply::Failed(Failure::NothingImported),
            },
        }
    }

    /// Advances the running job by one step: progress, or the finished
    /// result; `None` when there is nothing to do.
    pub fn step(&mut self) -> Option<Reply> {
        match std::mem::replace(&mut self.job, Job::Idle) {
            Job::Idle => None,
            Job::Importing(mut job) => {
                let progress = job.step(ROWS_PER_STEP);
                if !progress.done {
                    self.job = Job::Importing(job);
                    return Some(Reply::Progress {
                        phase: Phase::Importing,
                        fraction: progress.fraction(),
                        detail: Step::RowsRead(progress.rows_read),
                    });
                }
                let cohort = Rc::new(job.finish());
                let mut view = import_view(&cohort, (self.now)() - self.started_ms);
                view.undecodable = self.undecodable;
                self.cohort = Some(cohort);
                Some(Reply::Imported(view))
            }
            Job::Analysing(mut job) => {
                let progress = job.step();
                if !progress.is_done() {
                    self.job = Job::Analysing(job);
                    return Some(Reply::Progress {
                        phase: Phase::Analysing,
                        fraction: progress.fraction(),
                        detail: Step::Analysis {
                            completed: progress.completed,
                            total: progress.total,
                        },
                    });
                }
                let analysis = job.finish();
                let mut view = analysis_view(&analysis, &self.text);
                view.elapsed_ms = (self.now)() - self.started_ms;
                self.analysis = Some(Rc::new(analysis));
                Some(Reply::Analysed(view))
            }
        }
    }
}

/// A p value as shown: three decimals from 0.001, else three significant
/// digits in scientific notation (`3.13e-7`), so that it parses as a number.
pub fn p_text(p: f64) -> String {
    if !p.is_finite() {
        "-".into()
    } else if p >= 0.001 {
        format!("{p:.3}")
    } else {
        format!("{p:.2e}")
    }
}

/// What a hazard ratio that is not an estimate shows instead of a number
/// (the English catalog's `cohort.not_estimable`).
pub const NOT_ESTIMABLE: &str = "not estimable";

/// What a published figure the paper does not give shows (the page words it).
pub const NOT_PUBLISHED: &str = "not published";

/// What a factor the paper's model does not have shows (the page words it).
pub const NOT_IN_PAPERS_MODEL: &str = "not in the paper's model";

pub(crate) fn hr_figures(hr: &HazardRatioEstimate) -> HrFigures {
    HrFigures {
        estimate: hr.hazard_ratio,
        lower: hr.lower,
        upper: hr.upper,
    }
}

/// `1.28 (95% CI 0.52–3.15)`: the English form `crate::words::hazard_ratio` equals.
pub(crate) fn hr_text(hr: &HazardRatioEstimate) -> String {
    format!(
        "{:.2} (95% CI {:.2}–{:.2})",
        hr.hazard_ratio, hr.lower, hr.upper
    )
}

fn import_view(cohort: &Cohort, elapsed_ms: f64) -> ImportView {
    let mapping = cohort.mapping();
    ImportView {
        separator: cohort.separator(),
        rows_read: cohort.rows_read(),
        rows_used: cohort.rows_used(),
        rows_excluded: cohort.rows_excluded(),
        blank_rows_skipped: cohort.blank_rows_skipped(),
        excluded: (cohort.excluded_rows().iter().take(LISTED_ROWS))
            .map(|row| ExcludedView {
                line: row.line,
                problems: row.problems.iter().map(ProblemView::from).collect(),
            })
            .collect(),
        undecodable: false,
        warnings: (cohort.warnings().iter().take(LISTED_ROWS))
            .cloned()
            .map(WarningView)
            .collect(),
        warnings_total: cohort.warnings().len(),
        reading_notes: (cohort.reading_notes().iter())
            .cloned()
            .map(NoteView)
            .collect(),
        columns: Role::ALL
            .iter()
            .filter_map(|role| {
                mapping
                    .column_name(*role)
                    .map(|name| (role.code().to_owned(), name.to_owned()))
            })
            .collect(),
        elapsed_ms,
        too_few: cohort::limits::check_enough_patients(cohort)
            .err()
            .map(|e| Failure::from(&e)),
    }
}

fn analysis_view(analysis: &CohortAnalysis, t: &text::Text) -> AnalysisView {
    AnalysisView {
        endpoints: analysis
            .endpoints
            .iter()
            .map(|endpoint| EndpointView {
                role: endpoint.role,
                kind: endpoint.kind,
                n: endpoint.n,
                missing_endpoint: endpoint.missing_endpoint,
                markers: endpoint
                    .markers
                    .iter()
                    .map(|m| marker_view(endpoint, m, t))
                    .collect(),
                models: endpoint.models.iter().map(model_view).collect(),
            })
            .collect(),
        elapsed_ms: 0.0,
    }
}

fn median_figure(group: &GroupSurvival) -> Figure {
    Figure {
        text: median_label(group),
        value: group.median().and_then(|m| m.estimate),
    }
}

fn marker_view(endpoint: &EndpointAnalysis, m: &MarkerAnalysis, t: &text::Text) -> MarkerView {
    let c = &m.comparison;
    // A fit whose HR is not an estimate has no `data-value` (README,
    // `cohort-hr-*`); the page says why, from `hr_problem`.
    let (hr, hr_ci) = match &c.hazard_ratio {
        Ok(hr) => (
            Figure {
                text: format!("{:.2}", hr.hazard_ratio),
                value: Some(hr.hazard_ratio),
            },
            format!(
                "95% CI {:.2}–{:.2}, p {}",
                hr.lower,
                hr.upper,
                p_text(hr.p_value)
            ),
        ),
        Err(_) => (
            Figure {
                text: "-".into(),
                value: None,
            },
            String::new(),
        ),
    };
    let logrank_p = match &c.log_rank {
        Ok(test) => Figure {
            text: p_text(test.p_value),
            value: Some(test.p_value),
        },
        Err(_) => Figure {
            text: "-".into(),
            value: None,
        },
    };
    let published = &m.published_km;
    let chart = overlay_chart(endpoint, m, t);
    MarkerView {
        marker: m.marker,
        label: m.marker.label().into(),
        n: c.n,
        missing: m.missing,
        n_low: c.low.n,
        n_high: c.high.n,
        events_low: c.low.events,
        events_high: c.high.events,
        hr,
        hr_ci,
        hr_problem: c.hazard_ratio.as_ref().err().cloned(),
        logrank_p,
        median_low: median_figure(&c.low),
        median_high: median_figure(&c.high),
        published_hr: m
            .published_hr
            .map(|hr| format!("{hr}, p {}", hr.p))
            .unwrap_or_else(|| NOT_PUBLISHED.into()),
        published_logrank_p: published.p_logrank.to_string(),
        published_source: published.source.into(),
        chart_svg: chart.as_ref().ok().map(|(svg, _)| svg.clone()),
        chart_error: chart.as_ref().err().copied(),
        risk_table: chart.map(|(_, rows)| rows).unwrap_or_default(),
    }
}

thread_local! {
    static REFERENCE: Result<Rc<ReferenceCurves>, String> =
        ReferenceCurves::load().map(Rc::new).map_err(|e| e.to_string());
}

/// The paper's reconstructed curves, read once per thread (the worker, or
/// the page for the pooled charts); the error is the developer's detail.
pub(crate) fn reference_curves() -> Result<Rc<ReferenceCurves>, String> {
    REFERENCE.with(Clone::clone)
}

/// The overlay chart's SVG and its risk table as rows.
fn overlay_chart(
    endpoint: &EndpointAnalysis,
    m: &MarkerAnalysis,
    t: &text::Text,
) -> Result<(String, Vec<RiskRow>), ChartProblem> {
    let marker = m.marker;
    let reference = reference_curves().map_err(|_| ChartProblem::ReferenceUnreadable)?;
    let km_endpoint = endpoint.kind;
    let (Some(ref_low), Some(ref_high)) = (
        reference.group(km_endpoint, marker, Group::Low),
        reference.group(km_endpoint, marker, Group::High),
    ) else {
        return Err(ChartProblem::NoReferenceCurves);
    };
    // The analysis's own split (cohort::analysis): the groups the table
    // counts are the groups the chart draws.
    let (Some(low), Some(high)) = (&m.comparison.low.data, &m.comparison.high.data) else {
        return Err(ChartProblem::EmptyGroup);
    };
    let mut geometry = KmChartGeometry::compute_overlay(&OverlayInput {
        reference: KmChartInput {
            endpoint: km_endpoint,
            marker,
            low: ref_low,
            high: ref_high,
            patient_group: None,
            // The page's language, sent to the worker (`Request::Words`).
            text: t,
        },
        cohort_low: low,
        cohort_high: high,
    });
    let published = km_comparison(km_endpoint, marker);
    geometry.text.statistics = t.chart_overlay_statistics(
        &soramic_il_calculator::study_text::p_value(t, published.p_logrank),
    );
    let svg = render_svg(&geometry, &Layout::wide().with_legend_rows(4))
        .map_err(|_| ChartProblem::NotDrawn)?;
    let rows = geometry
        .risk_table
        .iter()
        .map(|table| RiskRow {
            label: table.label.clone(),
            at_risk: table.columns.iter().map(|c| c.at_risk).collect(),
            events: table.columns.iter().map(|c| c.events).collect(),
            censored: table.columns.iter().map(|c| c.censored).collect(),
        })
        .collect();
    Ok((svg, rows))
}

fn model_view(model: &ModelAnalysis) -> ModelView {
    let (terms, lr_p, error) = match &model.fit {
        Ok(fit) => (
            fit.terms
                .iter()
                .map(|term| TermView {
                    key: term.factor.code().into(),
                    factor: term.factor.paper_row().into(),
                    hr: term.estimate.as_ref().map_or_else(|_| "-".into(), hr_text),
                    hr_figures: term.estimate.as_ref().ok().map(hr_figures),
                    hr_problem: term.estimate.as_ref().err().copied(),
                    p: term
                        .estimate
                        .as_ref()
                        .map_or_else(|_| "-".into(), |e| p_text(e.p_value)),
                    published: published_hr(term.published),
                })
                .collect(),
            Some(p_text(fit.likelihood_ratio_p)),
            (!fit.converged).then_some(ModelProblem::NotConverged),
        ),
        Err(error) => (Vec::new(), None, Some(ModelProblem::Failed(error.clone()))),
    };
    ModelView {
        key: model.model.code().into(),
        name: model.model.label().into(),
        description: model.model.description().into(),
        n: model.n,
        events: model.events,
        missing: model.missing,
        dropped: model
            .dropped
            .iter()
            .map(|d| DroppedView::new(d.factor, d.reason))
            .collect(),
        terms,
        likelihood_ratio_p: lr_p,
        error,
    }
}

fn published_hr(hr: Option<calculator_core::published::HazardRatio>) -> String {
    hr.map(|hr| format!("{hr}, p {}", hr.p))
        .unwrap_or_else(|| NOT_IN_PAPERS_MODEL.into())
}

fn cutoff_view(
    marker: Marker,
    cutoff: f64,
    result: Result<CutoffResult, AnalysisError>,
) -> CutoffView {
    let empty = |error: AnalysisError| CutoffView {
        marker,
        cutoff,
        n_low: 0,
        n_high: 0,
        missing: 0,
        hr: "-".into(),
        hr_figures: None,
        hr_problem: None,
        logrank_p: "-".into(),
        logrank_problem: None,
        error: Some(error),
    };
    match result {
        Err(error) => empty(error),
        Ok(result) => {
            let c: &GroupComparison = &result.comparison;
            CutoffView {
                marker,
                cutoff: result.cutoff_pg_ml,
                n_low: c.low.n,
                n_high: c.high.n,
                missing: result.missing,
                hr: c.hazard_ratio.as_ref().map_or_else(|_| "-".into(), hr_text),
                hr_figures: c.hazard_ratio.as_ref().ok().map(hr_figures),
                hr_problem: c.hazard_ratio.as_ref().err().cloned(),
                logrank_p: c
                    .log_rank
                    .as_ref()
                    .map_or_else(|_| "-".into(), |t| p_text(t.p_value)),
                logrank_problem: c.log_rank.as_ref().err().cloned(),
                error: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cohort::analysis::NotEstimable;

    fn example() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../static/cohort-example.csv"
        ))
        .unwrap()
    }

    fn run(session: &mut Session) -> Vec<Reply> {
        let mut replies = Vec::new();
        while let Some(reply) = session.step() {
            replies.push(reply);
        }
        replies
    }

    fn form(bytes: &[u8]) -> MappingForm {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let preview = cohort::import::preview(&text, None, 5).unwrap();
        MappingForm::from(&preview.mapping)
    }

    #[test]
    fn the_example_file_imports_and_analyses_step_by_step() {
        let bytes = example();
        let mut session = Session::new(|| 0.0);
        let first = session.start_import(bytes.clone(), TextEncoding::Utf8, None, &form(&bytes));
        assert!(matches!(first, Reply::Progress { .. }), "{first:?}");
        let replies = run(&mut session);
        let Some(Reply::Imported(import)) = replies.last() else {
            panic!("{replies:?}")
        };
        assert_eq!(import.rows_read, import.rows_used + import.rows_excluded);
        assert!(matches!(
            session.handle(Request::Analyse),
            Reply::Progress { .. }
        ));
        let replies = run(&mut session);
        let Some(Reply::Analysed(analysis)) = replies.last() else {
            panic!("{replies:?}")
        };
        let primary = &analysis.endpoints[0];
        assert_eq!(primary.markers.len(), 2);
        assert!(
            primary.markers[0].chart_svg.is_some(),
            "{:?}",
            primary.markers[0].chart_error
        );
        assert_eq!(primary.markers[0].risk_table.len(), 2);
        assert!(!session.is_busy());
    }

    /// The example file as it was before issue 16 (8 rows): above IL6
    /// 6.53 pg/mL are patients 2, 4 and 5, who die at 7.8, 11.2 and 3.9
    /// months, before either death of the low group (16.0, 19.4): the
    /// likelihood rises for ever, and the HR used to read "5456061754.72
    /// (95% CI 0.00–inf)". On the second endpoint the low group has no
    /// events at all. Every other HR figure is a finite number with its value.
    const SEPARATED: &str = "\
id,time_months,event,il6,il8,albumin_g_l,bilirubin_umol_l,cirrhosis,child_pugh,time2_months,event2
1,19.4,1,4.2,35.1,41,11,no,A,19.4,0
2,7.8,1,12.9,88.0,33,24,yes,B,5.1,1
3,24.7,0,5.1,42.6,44,9,yes,A,24.7,0
4,11.2,1,9.7,61.2,36,17,yes,A,9.7,1
5,3.9,1,25.3,140.5,29,38,yes,B,2.6,1
6,16.0,1,6.53,60.8,39,14,no,A,16.0,0
7,30.1,0,2.8,18.3,45,8,no,A,30.1,0
8,8.4,1,,75.4,35,19,yes,A,8.4,1
";

    fn analyse(bytes: Vec<u8>) -> AnalysisView {
        let mut session = Session::new(|| 0.0);
        session.start_import(bytes.clone(), TextEncoding::Utf8, None, &form(&bytes));
        run(&mut session);
        session.handle(Request::Analyse);
        let replies = run(&mut session);
        let Some(Reply::Analysed(analysis)) = replies.last() else {
            panic!("{replies:?}")
        };
        analysis.clone()
    }

    #[test]
    fn the_overlay_charts_are_drawn_in_the_pages_language_and_redrawn_when_it_changes() {
        let example = include_bytes!("../../../static/cohort-example.csv").to_vec();
        let mut session = Session::new(|| 0.0);
        session.start_import(example.clone(), TextEncoding::Utf8, None, &form(&example));
        run(&mut session);
        // No analysis yet: the language is kept for the next one.
        let german =
            text::Text::from_catalog(text::Lang::De, include_str!("../../text/lang/de.txt"))
                .expect("the German catalog loads");
        let words = Request::Words {
            lang: "de".into(),
            strings: german.strings().map(<[String]>::to_vec),
        };
        assert_eq!(session.handle(words), Reply::Worded);
        session.handle(Request::Analyse);
        let replies = run(&mut session);
        let Some(Reply::Analysed(analysis)) = replies.last() else {
            panic!("{replies:?}")
        };
        let svg = analysis.endpoints[0].markers[0]
            .chart_svg
            .clone()
            .expect("drawn");
        // de.txt: chart.overlay_statistics, chart.overlay_cohort, chart.x_axis.
        assert!(svg.contains("Referenz: Log-Rank p"), "{svg}");
        assert!(svg.contains("Ihre Kohorte, IL6 niedrig"));
        // The paper's curves under it too (chart.overlay_reference, group_low).
        assert!(
            svg.contains("Referenz, IL6 niedrig (≤ 6,53 pg/mL): n = 35, Median 19,0 Monate"),
            "{svg}"
        );
        assert!(svg.contains("Monate"));
        // Back to English: the same analysis comes back redrawn.
        let english = Request::Words {
            lang: "en".into(),
            strings: None,
        };
        let Reply::Analysed(redrawn) = session.handle(english) else {
            panic!("a redraw")
        };
        let svg = redrawn.endpoints[0].markers[0]
            .chart_svg
            .clone()
            .expect("drawn");
        assert!(svg.contains("Reference: log-rank p") && svg.contains("Your cohort, IL6 low"));
        assert_eq!(
            redrawn.endpoints[0].markers[0].hr,
            analysis.endpoints[0].markers[0].hr
        );
        // A catalog of another version (wrong length) keeps the language drawn.
        let stale = Request::Words {
            lang: "fr".into(),
            strings: Some(vec!["x".into()]),
        };
        let Reply::Analysed(kept) = session.handle(stale) else {
            panic!("a redraw")
        };
        assert_eq!(kept, redrawn);
    }

    #[test]
    fn a_hazard_ratio_is_a_finite_number_or_not_estimable_with_its_reason() {
        let analysis = analyse(SEPARATED.as_bytes().to_vec());
        let mut not_estimable = 0;
        for endpoint in &analysis.endpoints {
            for m in &endpoint.markers {
                match m.hr.value {
                    Some(v) => assert!(v.is_finite() && !m.hr_ci.contains("inf"), "{m:?}"),
                    None => {
                        assert_eq!(m.hr.text, "-");
                        assert!(
                            matches!(m.hr_problem, Some(AnalysisError::NotEstimable(_))),
                            "{m:?}"
                        );
                        not_estimable += 1;
                    }
                }
            }
        }
        let il6 = |e: usize| &analysis.endpoints[e].markers[0];
        assert_eq!(il6(0).marker, Marker::Il6);
        assert_eq!(
            il6(0).hr_problem,
            Some(AnalysisError::NotEstimable(NotEstimable::Infinite))
        );
        assert_eq!(
            il6(1).hr_problem,
            Some(AnalysisError::NotEstimable(NotEstimable::NoEventsInGroup {
                group: "low"
            }))
        );
        // As the page words them in English (README, `cohort-hr-*`).
        let english = text::Text::english();
        let shown = |m: &MarkerView| match &m.hr_problem {
            Some(AnalysisError::NotEstimable(reason)) => {
                crate::words::not_estimable(&english, reason)
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            shown(il6(0)),
            "not estimable (the estimate is infinite: the likelihood keeps rising as it grows)"
        );
        assert_eq!(
            shown(il6(1)),
            "not estimable (the low group has no events, so the hazard ratio is 0 or infinite)"
        );
        assert!(not_estimable >= 2);
    }

    /// Issue 16: the example file shows plausible figures, a finite HR with
    /// events in both groups for both markers on both endpoints (the file
    /// is written and checked by `cargo run -p cohort --example example_file`).
    #[test]
    fn the_example_file_gives_a_finite_hazard_ratio_for_every_marker_and_endpoint() {
        let analysis = analyse(example());
        assert_eq!(analysis.endpoints.len(), 2);
        for endpoint in &analysis.endpoints {
            for m in &endpoint.markers {
                assert!(m.events_low > 0 && m.events_high > 0, "{m:?}");
                let hr = m.hr.value.unwrap_or_else(|| panic!("{:?}", m.hr));
                assert!(hr.is_finite() && !m.hr_ci.contains("inf"), "{m:?}");
            }
        }
    }

    #[test]
    fn too_few_patients_are_never_analysed_and_the_import_says_why() {
        // 2 low, 1 high IL6 and no IL8: one short of the minimum.
        let text = b"time_months,event,il6\n3,1,1\n5,0,2\n8,1,9\n".to_vec();
        let mut session = Session::new(|| 0.0);
        session.start_import(text.clone(), TextEncoding::Utf8, None, &form(&text));
        let Some(Reply::Imported(import)) = run(&mut session).pop() else {
            panic!("no import")
        };
        let too_few = import.too_few.expect("too few");
        // IL6 1 and 2 are at or below 6.53, 9 above; events on rows 1 and 3.
        assert_eq!(
            too_few,
            Failure::TooFew(vec![crate::model::Comparable {
                marker: Marker::Il6,
                low: 2,
                high: 1,
                events: 2,
            }])
        );
        assert_eq!(session.handle(Request::Analyse), Reply::Failed(too_few));
    }

    #[test]
    fn p_values_are_shown_with_three_decimals_or_three_significant_digits() {
        assert_eq!(p_text(0.18045), "0.180");
        assert_eq!(p_text(3.1330987e-7), "3.13e-7");
        assert_eq!(p_text(f64::NAN), "-");
    }

    #[test]
    fn nothing_but_an_import_is_answered_before_a_file_is_imported() {
        let mut session = Session::new(|| 0.0);
        assert!(matches!(
            session.handle(Request::Patients),
            Reply::Failed(_)
        ));
    }

    #[test]
    fn a_windows_1252_export_with_dates_imports_in_the_encoding_the_page_decided() {
        // "Bilirubin (µmol/l)" with µ as the single byte B5, a sep= line,
        // dd.mm.yyyy dates, ja/nein; one row ends before it starts.
        let mut bytes =
            b"sep=;\r\nPat.-Nr.;Therapiebeginn;Letzter Kontakt;verstorben;IL-6 (pg/ml);Bilirubin ("
                .to_vec();
        bytes.push(0xB5);
        bytes.extend_from_slice(
            b"mol/l)\r\n1;15.01.2020;15.07.2020;ja;12,5;12\r\n2;01.03.2020;01.02.2020;nein;3;9\r\n",
        );
        let encoding = cohort::encoding::detect(&bytes).encoding();
        assert_eq!(encoding, TextEncoding::Windows1252);
        let (text, _) = cohort::encoding::decode(&bytes, encoding);
        let mapping = MappingForm::from(&cohort::import::preview(&text, None, 5).unwrap().mapping);
        assert_eq!(mapping.bilirubin.as_deref(), Some("Bilirubin (µmol/l)"));
        let mut session = Session::new(|| 0.0);
        session.start_import(bytes, encoding, None, &mapping);
        let replies = run(&mut session);
        let Some(Reply::Imported(import)) = replies.last() else {
            panic!("{replies:?}")
        };
        assert!(!import.undecodable);
        assert_eq!((import.rows_used, import.rows_excluded), (1, 1));
        assert_eq!(
            import.excluded[0].problems,
            vec![ProblemView::EndBeforeStart {
                role: "end_date".into(),
                start: "2020-03-01".into(),
                end: "2020-02-01".into(),
            }]
        );
        assert_eq!(import.excluded[0].line, 4);
    }
}
