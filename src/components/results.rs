//! Everything derived from the inputs, each result shown only when the
//! inputs it depends on are valid, and otherwise naming what it waits for.

use std::rc::Rc;

use calculator_core::assessment::NEAR_CUTOFF_PERCENT;
use calculator_core::published::{
    reference_profile_bound, CoxEndpoint, CoxModel, Endpoint, HazardRatio, Marker, RiskFactor,
    ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L, COHORT_SIZE, ERRATA, IL6_LOW_N, SHORT_CITATION,
};
use calculator_core::{Assessment, Group, LabField, Presence, RelativeHazard, Verdict};
use text::Text;
use yew::prelude::*;

use crate::components::about::errata_readings;
use crate::i18n::use_text;
use crate::study_text::{self as words, figure};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub assessment: Rc<Assessment>,
    /// The note summary, computed once by the app (the toolbar copies it too).
    pub summary: Option<AttrValue>,
    /// The reference chart, placed right after the medians.
    #[prop_or_default]
    pub chart: Html,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let t = use_text();
    let t: &Text = &t;
    let a = &props.assessment;
    html! {
        <section class="results" aria-label={t.results_label().to_owned()} aria-live="polite">
            // For screen readers: the cards below say it on screen.
            <h2 class="visually-hidden">{ t.results_heading() }</h2>
            <div class="cards">
                { liver_function_card(t, a) }
                { interleukin_card(t, a) }
            </div>
            { assay_note(t) }
            { medians_section(t, a) }
            { props.chart.clone() }
            { applicability_panel(t, a) }
            { summary_section(t, props.summary.as_ref()) }
            { model_arithmetic(t, a) }
            <details class="published-tables print-open" data-testid="published-tables">
                <summary>{ t.results_published_tables() }</summary>
                <div class="hazard-tables">
                    { for CoxEndpoint::ALL.into_iter().map(|endpoint| hazard_table(t, a, endpoint)) }
                </div>
                { errata_table(t) }
            </details>
        </section>
    }
}

/// The mark every result carries when the patient is outside the studied
/// population; shown on screen, in presentation mode and on paper. (A
/// component, so callers outside this file need no text handle.)
pub fn outside_mark(a: &Assessment) -> Html {
    if !a.applicability.is_outside() {
        return Html::default();
    }
    html! { <OutsideMark /> }
}

#[component]
fn OutsideMark() -> Html {
    let t = use_text();
    html! {
        <p class="outside-mark" data-testid="outside-mark">
            <span aria-hidden="true">{ "⚠ " }</span>
            { t.results_outside_mark() }
        </p>
    }
}

fn pending(testid: &str, text: &str) -> Html {
    html! { <p class="pending" data-testid={testid.to_owned()}>{ text.to_owned() }</p> }
}

fn liver_function_card(t: &Text, a: &Assessment) -> Html {
    let factor_line = |factor: RiskFactor, label: String| {
        let field = match factor {
            RiskFactor::AlbuminBelow36 => LabField::Albumin,
            _ => LabField::Bilirubin,
        };
        let (text, class) = match a.presence(factor) {
            Presence::Present => (t.results_factor_present(), "present"),
            Presence::Absent => (t.results_factor_absent(), "absent"),
            Presence::Unknown if a.unit_check(field).is_some() => {
                (t.results_factor_check_unit(), "unknown")
            }
            Presence::Unknown => (t.results_factor_needs_value(), "unknown"),
        };
        html! {
            <li>
                { format!("{label}: ") }
                <strong class={class} data-testid={format!("factor-{}", factor.code())} data-value={class}>{ text }</strong>
            </li>
        }
    };
    html! {
        <article class="card">
            <h3>{ t.results_liver_heading() }</h3>
            { outside_mark(a) }
            if let Some(albi) = a.albi {
                <dl class="big-numbers">
                    <div><dt>{ t.results_albi_score() }</dt><dd data-testid="albi-score" data-value={albi.value().to_string()}>{ t.shown(&albi.to_string()) }</dd></div>
                    <div><dt>{ t.results_albi_grade() }</dt><dd data-testid="albi-grade" data-value={albi.grade().code()}>{ albi.grade().code() }</dd></div>
                    <div><dt>{ t.results_malbi_grade() }</dt><dd data-testid="malbi-grade" data-value={albi.malbi_grade().code()}>{ albi.malbi_grade().code() }</dd></div>
                </dl>
                <p>
                    { t.results_paper_grouping() }{ " " }
                    <strong data-testid="malbi-group" data-value={albi.malbi_grade().paper_group().label()}>{ albi.malbi_grade().paper_group().label() }</strong>
                    { " " }{ t.results_paper_grouping_tail() }
                </p>
                if let Some(boundary) = albi.near_boundary() {
                    <p class="boundary-note" data-testid="albi-boundary-note" data-value={albi.precise()}>
                        { t.results_boundary_note(
                            &t.shown(&albi.precise()),
                            &t.shown("0.01"),
                            &t.rounded(boundary, 2).unwrap_or_default(),
                            &t.shown(&albi.to_string()),
                            albi.grade().code(),
                            albi.malbi_grade().code(),
                        ) }
                    </p>
                }
            } else if a.albumin_check.is_some() || a.bilirubin_check.is_some() {
                { pending("albi-pending", t.results_albi_pending_unit()) }
            } else {
                { pending("albi-pending", t.results_albi_pending()) }
            }
            <ul class="factors">
                { factor_line(RiskFactor::AlbuminBelow36, t.results_factor_albumin(&t.shown(&ALBUMIN_CUTOFF_G_L.to_string()))) }
                { factor_line(RiskFactor::Bilirubin17OrMore, t.results_factor_bilirubin(&t.shown(&BILIRUBIN_CUTOFF_UMOL_L.to_string()))) }
            </ul>
            <p class="source">{ t.results_liver_source() }</p>
        </article>
    }
}

fn interleukin_card(t: &Text, a: &Assessment) -> Html {
    let marker_line = |marker: Marker| {
        let key = marker.code();
        let cutoff = t.shown(&marker.cutoff_pg_ml().to_string());
        match a.group(marker) {
            Some(group) => html! {
                <div class={classes!("group", group.code())}>
                    <dt>{ t.results_marker_group(marker.label()) }</dt>
                    <dd data-testid={format!("{key}-group")} data-value={group.code()}>{ words::group(t, group) }</dd>
                    if a.near_cutoff(marker) {
                        <dd class="near-cutoff" data-testid={format!("near-cutoff-{key}")}>
                            { t.results_near_cutoff(&NEAR_CUTOFF_PERCENT.to_string()) }
                        </dd>
                    }
                    <dd class="detail">{ match group {
                        Group::High => t.results_above(&cutoff),
                        Group::Low => t.results_at_or_below(&cutoff),
                    } }</dd>
                </div>
            },
            None => html! {
                <div class="group">
                    <dt>{ t.results_marker_group(marker.label()) }</dt>
                    <dd>{ pending(&format!("{key}-group-pending"), &t.results_needs_valid(marker.label())) }</dd>
                </div>
            },
        }
    };
    html! {
        <article class="card">
            <h3>{ t.results_interleukin_heading() }</h3>
            { outside_mark(a) }
            <dl class="big-numbers pair">
                { marker_line(Marker::Il6) }
                { marker_line(Marker::Il8) }
            </dl>

        </article>
    }
}

/// Where the interleukin cutoffs come from and what they do not cover.
fn assay_note(t: &Text) -> Html {
    html! {
        <p class="source" data-testid="assay-note">{ t.results_assay_note(
                &t.shown(&Marker::Il6.cutoff_pg_ml().to_string()),
                &t.shown(&Marker::Il8.cutoff_pg_ml().to_string()),
                &NEAR_CUTOFF_PERCENT.to_string(),
            ) }</p>
    }
}

fn endpoint_key(endpoint: CoxEndpoint) -> &'static str {
    match endpoint {
        CoxEndpoint::OverallSurvival => "os",
        CoxEndpoint::LiverDysfunction => "ld",
    }
}

fn model_key(model: CoxModel) -> &'static str {
    match model {
        CoxModel::Model1 => "model1",
        CoxModel::Model2 => "model2",
    }
}

/// The per-patient product of the published ratios, folded away: it is
/// model arithmetic (no baseline hazard is published, so it is no survival
/// estimate), Model 1 and 2 disagree, and it is never enlarged or copied
/// into the note.
fn model_arithmetic(t: &Text, a: &Assessment) -> Html {
    let cell = |endpoint: CoxEndpoint, model: CoxModel| {
        let testid = format!(
            "relative-hazard-{}-{}",
            endpoint_key(endpoint),
            model_key(model)
        );
        match a.relative_hazard(endpoint, model) {
            RelativeHazard::Computed {
                value,
                rounding_range: (low, high),
                contributions,
            } => {
                let working = if contributions.is_empty() {
                    html! { <li>{ t.results_no_factor() }</li> }
                } else {
                    let items: Vec<Html> = contributions.iter().map(|(factor, hr)| {
                        let crosses_one = hr.lower <= 1.0 && hr.upper >= 1.0;
                        html! {
                            <li>
                                { format!("{} {}", words::paper_row(t, *factor), figure(t, hr.estimate)) }
                                if crosses_one {
                                    <span class="ci-crosses-one">{ " " }{ t.results_ci_crosses_one(&figure(t, hr.lower), &figure(t, hr.upper)) }</span>
                                }
                                if hr.estimate < 1.0 {
                                    <strong class="lowers">{ " " }{ t.results_below_one() }</strong>
                                }
                            </li>
                        }
                    }).collect();
                    html! { <>{ for items }</> }
                };
                html! {
                    <td>
                        <span class="number" data-testid={testid} data-value={value.to_string()}>{ t.shown(&format!("{value:.1}")) }</span>
                        <span class="range">{ " " }{ t.results_rounding_range(&t.shown(&format!("{low:.1}")), &t.shown(&format!("{high:.1}"))) }</span>
                        <ul class="working">{ working }</ul>
                    </td>
                }
            }
            RelativeHazard::CannotCompute { missing_inputs } => html! {
                <td>
                    <span class="cannot" data-testid={testid} data-value="cannot compute">{ t.results_cannot_compute() }</span>
                    <div class="working">{ t.results_needs(&missing_inputs.iter().map(|input| words::input_name(t, input)).collect::<Vec<_>>().join(", ")) }</div>
                </td>
            },
        }
    };
    let profile = |endpoint: CoxEndpoint, model: CoxModel| {
        let absent: Vec<String> = endpoint
            .rows()
            .iter()
            .filter(|row| row.in_model(model).is_some())
            .map(|row| words::absent(t, row.factor))
            .collect();
        let (bound, factor) = reference_profile_bound(endpoint, model);
        format!(
            "{} {}",
            t.results_profile(
                words::table(t, endpoint),
                words::model(t, model),
                &absent.join(", "),
            ),
            t.results_profile_bound(
                &bound.to_string(),
                &COHORT_SIZE.to_string(),
                &IL6_LOW_N.to_string(),
                &IL6_LOW_N.saturating_sub(bound).to_string(),
                &words::absent(t, factor),
            )
        )
    };
    html! {
        <details class="model-arithmetic" data-testid="model-arithmetic">
            <summary>{ t.results_model_summary() }</summary>
            <p>{ t.results_model_explain() }</p>
            <div class="table-scroll">
            <table>
                <thead><tr><th scope="col">{ t.results_endpoint() }</th><th scope="col">{ t.results_model1_column() }</th><th scope="col">{ t.results_model2_column() }</th></tr></thead>
                <tbody>
                    { for CoxEndpoint::ALL.into_iter().map(|endpoint| html! {
                        <tr>
                            <th scope="row">{ words::cox_endpoint(t, endpoint) }<div class="working">{ words::table(t, endpoint) }</div></th>
                            { cell(endpoint, CoxModel::Model1) }
                            { cell(endpoint, CoxModel::Model2) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p>{ t.results_reference_profiles() }</p>
            <ul class="reference-profiles">
                { for CoxEndpoint::ALL.into_iter().flat_map(|e| CoxModel::ALL.into_iter().map(move |m| (e, m))).map(|(e, m)| html! { <li>{ profile(e, m) }</li> }) }
            </ul>
        </details>
    }
}

/// Applicability: is this patient like the patients the figures describe?
fn applicability_panel(t: &Text, a: &Assessment) -> Html {
    let verdict = a.applicability.verdict;
    let headline = match verdict {
        Verdict::Within => t.results_verdict_within(),
        Verdict::Outside => t.results_verdict_outside(),
        Verdict::Unknown => t.results_verdict_unknown(),
    };
    html! {
        <section class={classes!("applicability", verdict.code())}>
            <h3>{ t.results_applicability_heading() }</h3>
            <p><strong data-testid="applicability" data-value={verdict.code()}>{ words::verdict(t, verdict) }</strong>{ " — " }{ headline }</p>
            <details class="applicability-details print-open" open={verdict == Verdict::Outside}>
            <summary>{ t.results_applicability_details() }</summary>
            <ul data-testid="applicability-reasons">
                { for a.applicability.findings.iter().map(|f| html! {
                    <li class={f.verdict.code()}>
                        <strong>{ format!("{}: {}", words::criterion(t, f.criterion), words::verdict(t, f.verdict)) }</strong>
                        { " " }{ t.results_finding_detail(words::reason(t, f.reason), &words::cohort(t, f.criterion)) }
                    </li>
                }) }
            </ul>
            </details>
        </section>
    }
}

fn medians_section(t: &Text, a: &Assessment) -> Html {
    let km_key = |endpoint: Endpoint| match endpoint {
        Endpoint::OverallSurvival => "os",
        Endpoint::ProgressionFreeSurvival => "pfs",
        Endpoint::TimeToLiverDysfunction => "ttld",
    };
    let heading = |endpoint: Endpoint| {
        let counts = endpoint.counts();
        let patients = counts.patients.to_string();
        let detail = match (endpoint, counts.events) {
            (Endpoint::OverallSurvival, Some(events)) => {
                t.results_denominator_os(&patients, &events.to_string())
            }
            (Endpoint::ProgressionFreeSurvival, _) => t.results_denominator_pfs(&patients),
            (_, Some(events)) => t.results_denominator_ttld(&patients, &events.to_string()),
            (_, None) => t.results_denominator(&patients),
        };
        let events = counts.events.map(|e| e.to_string()).unwrap_or_default();
        html! { <th scope="col">{ words::km_endpoint(t, endpoint) }<div class="denominator" data-testid={format!("denominator-{}", km_key(endpoint))} data-value={format!("{patients} {events}").trim_end().to_owned()}>{ detail }</div></th> }
    };
    let row = |marker: Marker| match a.group(marker) {
        Some(group) => html! {
            <tr>
                <th scope="row">{ format!("{} {}", marker.label(), words::group(t, group)) }</th>
                { for Endpoint::ALL.into_iter().filter_map(|endpoint| {
                    let (_, median, comparison) = a.published_median(endpoint, marker)?;
                    let other_group = match group {
                        Group::High => Group::Low,
                        Group::Low => Group::High,
                    };
                    let other = match other_group {
                        Group::Low => comparison.low,
                        Group::High => comparison.high,
                    };
                    Some(html! {
                        <td data-label={words::km_endpoint(t, endpoint).to_owned()}>
                            <span data-testid={format!("median-{}-{}", km_key(endpoint), marker.code())} data-value={figure(&Text::english(), median.months)}>{ words::median(t, median) }</span>
                            <div class="other-group" data-testid={format!("median-other-{}-{}", km_key(endpoint), marker.code())} data-value={figure(&Text::english(), other.months)}>{ t.results_other_group(marker.label(), words::group(t, other_group), &figure(t, other.months)) }</div>
                            // Where the figure stands in the (English) paper: its section and figure names.
                            <div class="working" lang="en">{ comparison.source }</div>
                        </td>
                    })
                }) }
            </tr>
        },
        None => html! {
            <tr><th scope="row">{ marker.label() }</th><td colspan="3">{ pending(&format!("medians-{}-pending", marker.code()), &t.results_needs_valid(marker.label())) }</td></tr>
        },
    };
    html! {
        <section class="medians">
            <h3>{ t.results_medians_heading() }</h3>
            { outside_mark(a) }
            <div class="table-scroll">
            <table class="stack">
                <thead><tr>
                    <th scope="col">{ t.results_group_column() }</th>
                    { for Endpoint::ALL.into_iter().map(heading) }
                </tr></thead>
                <tbody>{ row(Marker::Il6) }{ row(Marker::Il8) }</tbody>
            </table>
            </div>
            <p class="caveat" data-testid="medians-caveat">
                { t.results_separate_markers() }
                { " " }{ t.results_ttld_caveat() }
            </p>
        </section>
    }
}

fn hazard_cell(t: &Text, hr: Option<HazardRatio>) -> Html {
    match hr {
        None => html! { <td class="not-in-model">{ t.results_not_in_model() }</td> },
        Some(hr) => {
            let significant = hr.is_significant();
            html! {
                <td class={classes!(significant.then_some("significant"))}>
                    <span class="hr" data-value={hr.estimate.to_string()}>{ words::hazard_ratio(t, hr) }</span>
                    { " " }
                    <span class="p">{ words::p_value(t, hr.p) }</span>
                    { " " }
                    <span class="significance">{ if significant { t.results_significant() } else { t.results_not_significant() } }</span>
                </td>
            }
        }
    }
}

fn hazard_table(t: &Text, a: &Assessment, endpoint: CoxEndpoint) -> Html {
    let table = words::table(t, endpoint);
    html! {
        <section class="hazard-table">
            <h3>{ t.results_hazard_heading(words::cox_endpoint(t, endpoint), table) }</h3>
            <div class="table-scroll">
            <table data-testid={format!("hazard-table-{}", endpoint_key(endpoint))}>
                <thead><tr>
                    <th scope="col">{ t.results_row_column(table) }</th>
                    <th scope="col">{ t.results_this_patient() }</th>
                    <th scope="col">{ t.results_univariate() }</th>
                    <th scope="col">{ t.study_model1() }</th>
                    <th scope="col">{ t.study_model2() }</th>
                </tr></thead>
                <tbody>
                    { for endpoint.rows().iter().map(|row| {
                        let presence = a.presence(row.factor);
                        let class = match presence {
                            Presence::Present => "present",
                            Presence::Absent => "absent",
                            Presence::Unknown => "unknown",
                        };
                        html! {
                            <tr class={classes!(class)}>
                                <th scope="row">{ words::paper_row(t, row.factor) }</th>
                                <td data-testid={format!("presence-{}-{}", endpoint_key(endpoint), row.factor.code())} data-value={class}>{ words::presence(t, presence) }</td>
                                { hazard_cell(t, Some(row.univariate)) }
                                { hazard_cell(t, row.model1) }
                                { hazard_cell(t, row.model2) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="source">
                { t.results_hazard_source(SHORT_CITATION, table) }
                if endpoint == CoxEndpoint::OverallSurvival { { " " }{ t.results_hazard_source_il8() } }
            </p>
        </section>
    }
}

fn summary_section(t: &Text, summary: Option<&AttrValue>) -> Html {
    html! {
        <section class="summary">
            <h3>{ t.results_summary_heading() }</h3>
            if let Some(text) = summary {
                <p data-testid="summary">{ text.clone() }</p>
            } else {
                { pending("summary-pending", t.results_summary_pending()) }
            }
        </section>
    }
}

/// The paper's contradictions and the reading the app takes (also in About).
fn errata_table(t: &Text) -> Html {
    let paper = t.about_errata_paper().to_owned();
    let app = t.about_errata_app().to_owned();
    html! {
        <section class="errata" data-testid="errata">
            <h3>{ t.about_errata_heading() }</h3>
            <table class="stack">
                <thead><tr><th scope="col">{ paper.clone() }</th><th scope="col">{ app.clone() }</th></tr></thead>
                <tbody>
                    // The paper's words are quotations of the English paper.
                    { for ERRATA.iter().zip(errata_readings(t)).map(|(e, reading)| html! { <tr><td data-label={paper.clone()} lang="en">{ e.paper_says }</td><td data-label={app.clone()}>{ reading }</td></tr> }) }
                </tbody>
            </table>
        </section>
    }
}
