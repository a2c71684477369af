//! Everything derived from the inputs, each result shown only when the
//! inputs it depends on are valid, and otherwise naming what it waits for.

use std::rc::Rc;

use calculator_core::assessment::NEAR_CUTOFF_PERCENT;
use calculator_core::published::{
    printed, reference_profile_bound, CoxEndpoint, CoxModel, Endpoint, HazardRatio, Marker,
    RiskFactor, ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L, COHORT_SIZE, ERRATA, IL6_LOW_N,
    SHORT_CITATION,
};
use calculator_core::summary::SEPARATE_MARKERS;
use calculator_core::{Assessment, LabField, Presence, RelativeHazard, Verdict};
use yew::prelude::*;

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
    let a = &props.assessment;
    html! {
        <section class="results" aria-label="Results" aria-live="polite">
            // For screen readers: the cards below say it on screen.
            <h2 class="visually-hidden">{ "Where this patient stands in the study" }</h2>
            <div class="cards">
                { liver_function_card(a) }
                { interleukin_card(a) }
            </div>
            { assay_note() }
            { medians_section(a) }
            { props.chart.clone() }
            { applicability_panel(a) }
            { summary_section(props.summary.as_ref()) }
            { model_arithmetic(a) }
            <details class="published-tables print-open" data-testid="published-tables">
                <summary>{ "Published hazard ratios (Tables 2 and 3) and the paper's errata" }</summary>
                <div class="hazard-tables">
                    { for CoxEndpoint::ALL.into_iter().map(|endpoint| hazard_table(a, endpoint)) }
                </div>
                { errata_table() }
            </details>
        </section>
    }
}

/// The mark every result carries when the patient is outside the studied
/// population; shown on screen, in presentation mode and on paper.
pub fn outside_mark(a: &Assessment) -> Html {
    if !a.applicability.is_outside() {
        return Html::default();
    }
    html! {
        <p class="outside-mark" data-testid="outside-mark">
            <span aria-hidden="true">{ "⚠ " }</span>
            { "Outside the studied population: these figures describe patients unlike this one." }
        </p>
    }
}

fn pending(testid: &str, text: &str) -> Html {
    html! { <p class="pending" data-testid={testid.to_owned()}>{ text.to_owned() }</p> }
}

fn liver_function_card(a: &Assessment) -> Html {
    let factor_line = |factor: RiskFactor, label: &str| {
        let field = match factor {
            RiskFactor::AlbuminBelow36 => LabField::Albumin,
            _ => LabField::Bilirubin,
        };
        let (text, class) = match a.presence(factor) {
            Presence::Present => ("yes (risk factor present)", "present"),
            Presence::Absent => ("no", "absent"),
            Presence::Unknown if a.unit_check(field).is_some() => ("check the unit", "unknown"),
            Presence::Unknown => ("needs a valid value", "unknown"),
        };
        html! {
            <li>
                { format!("{label}: ") }
                <strong class={class} data-testid={format!("factor-{}", factor.code())}>{ text }</strong>
            </li>
        }
    };
    html! {
        <article class="card">
            <h3>{ "Liver function" }</h3>
            { outside_mark(a) }
            if let Some(albi) = a.albi {
                <dl class="big-numbers">
                    <div><dt>{ "ALBI score" }</dt><dd data-testid="albi-score" data-value={albi.value().to_string()}>{ albi.to_string() }</dd></div>
                    <div><dt>{ "ALBI grade" }</dt><dd data-testid="albi-grade">{ albi.grade().code() }</dd></div>
                    <div><dt>{ "mALBI grade" }</dt><dd data-testid="malbi-grade">{ albi.malbi_grade().code() }</dd></div>
                </dl>
                <p>
                    { "Paper's grouping: " }
                    <strong data-testid="malbi-group">{ albi.malbi_grade().paper_group().label() }</strong>
                    { " (2b–3 vs 1–2a)." }
                </p>
                if let Some(boundary) = albi.near_boundary() {
                    <p class="boundary-note" data-testid="albi-boundary-note">
                        { format!("Unrounded score {}: within 0.01 of the grade boundary {boundary:.2}. Grades use the unrounded score, so the two-decimal {} is graded {} / mALBI {}.", albi.precise(), albi, albi.grade().code(), albi.malbi_grade().code()) }
                    </p>
                }
            } else if a.albumin_check.is_some() || a.bilirubin_check.is_some() {
                { pending("albi-pending", "Check the unit: ALBI and mALBI wait until the unit of albumin or bilirubin is switched or confirmed (see the form).") }
            } else {
                { pending("albi-pending", "ALBI needs a valid albumin and total bilirubin.") }
            }
            <ul class="factors">
                { factor_line(RiskFactor::AlbuminBelow36, &format!("Albumin < {ALBUMIN_CUTOFF_G_L} g/L")) }
                { factor_line(RiskFactor::Bilirubin17OrMore, &format!("Total bilirubin ≥ {BILIRUBIN_CUTOFF_UMOL_L} µmol/L")) }
            </ul>
            <p class="source">{ "ALBI: Johnson, J Clin Oncol 2015; mALBI: Hiraoka, Liver Cancer 2017; factors: Tables 1–3." }</p>
        </article>
    }
}

fn interleukin_card(a: &Assessment) -> Html {
    let marker_line = |marker: Marker| {
        let key = marker.code();
        match a.group(marker) {
            Some(group) => html! {
                <div class={classes!("group", group.code())}>
                    <dt>{ format!("{} group", marker.label()) }</dt>
                    <dd data-testid={format!("{key}-group")}>{ group.code() }</dd>
                    if a.near_cutoff(marker) {
                        <dd class="near-cutoff" data-testid={format!("near-cutoff-{key}")}>
                            { format!("near the cutoff (within {NEAR_CUTOFF_PERCENT}%)") }
                        </dd>
                    }
                    <dd class="detail">{ match group {
                        calculator_core::Group::High => format!("above {} pg/mL", marker.cutoff_pg_ml()),
                        calculator_core::Group::Low => format!("at or below {} pg/mL", marker.cutoff_pg_ml()),
                    } }</dd>
                </div>
            },
            None => html! {
                <div class="group">
                    <dt>{ format!("{} group", marker.label()) }</dt>
                    <dd>{ pending(&format!("{key}-group-pending"), &format!("needs a valid {}", marker.label())) }</dd>
                </div>
            },
        }
    };
    html! {
        <article class="card">
            <h3>{ "Interleukin groups" }</h3>
            { outside_mark(a) }
            <dl class="big-numbers">
                { marker_line(Marker::Il6) }
                { marker_line(Marker::Il8) }
            </dl>

        </article>
    }
}

/// Where the interleukin cutoffs come from and what they do not cover.
fn assay_note() -> Html {
    html! {
        <p class="source" data-testid="assay-note">{ format!(
                "High: strictly above {} / {} pg/mL, cutoffs from an earlier exploratory study (the paper's ref. 9), measured by Quantikine ELISA (R&D Systems) in pre-treatment serum; other assays, plasma or on-treatment samples are not interchangeable. \"Near the cutoff\" (within {NEAR_CUTOFF_PERCENT}%) is this app's convention for assay imprecision.",
                Marker::Il6.cutoff_pg_ml(),
                Marker::Il8.cutoff_pg_ml()
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
fn model_arithmetic(a: &Assessment) -> Html {
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
                    html! { <li>{ "no factor of this model present: the reference profile itself (1.0)" }</li> }
                } else {
                    let items: Vec<Html> = contributions.iter().map(|(factor, hr)| {
                        let crosses_one = hr.lower <= 1.0 && hr.upper >= 1.0;
                        html! {
                            <li>
                                { format!("{} {}", factor.paper_row(), printed(hr.estimate)) }
                                if crosses_one {
                                    <span class="ci-crosses-one">{ format!(" — 95% CI {}–{} crosses 1 (not significant)", printed(hr.lower), printed(hr.upper)) }</span>
                                }
                                if hr.estimate < 1.0 {
                                    <strong class="lowers">{ format!(" — below 1: lowers the product, although the factor is a worse finding (overlap with the other factors in {COHORT_SIZE} patients, not a protective effect)") }</strong>
                                }
                            </li>
                        }
                    }).collect();
                    html! { <>{ for items }</> }
                };
                html! {
                    <td>
                        <span class="number" data-testid={testid} data-value={value.to_string()}>{ format!("{value:.1}") }</span>
                        <span class="range">{ format!(" (rounding of the published ratios allows {low:.1}–{high:.1})") }</span>
                        <ul class="working">{ working }</ul>
                    </td>
                }
            }
            RelativeHazard::CannotCompute { missing_inputs } => html! {
                <td>
                    <span class="cannot" data-testid={testid}>{ "cannot compute" }</span>
                    <div class="working">{ format!("needs: {}", missing_inputs.join(", ")) }</div>
                </td>
            },
        }
    };
    let profile = |endpoint: CoxEndpoint, model: CoxModel| {
        let absent: Vec<&str> = endpoint
            .rows()
            .iter()
            .filter(|row| row.in_model(model).is_some())
            .map(|row| row.factor.absent())
            .collect();
        let (bound, factor) = reference_profile_bound(endpoint, model);
        format!(
            "{} {}: {}. At most {bound} of the {COHORT_SIZE} patients could have had it ({IL6_LOW_N} had low IL6; {} of them were not {}; Table 1).",
            endpoint.table(),
            model.label(),
            absent.join(", "),
            IL6_LOW_N - bound,
            factor.absent()
        )
    };
    html! {
        <details class="model-arithmetic" data-testid="model-arithmetic">
            <summary>{ "Model arithmetic: product of the published hazard ratios (not a survival estimate)" }</summary>
            <p>{ "For each published multivariable model, the product of the hazard ratios of the factors this patient has, relative to the model's reference profile (a patient with none of its factors). It is not a survival estimate and cannot be turned into one: the paper publishes no baseline hazard and no covariance of its estimates. Model 1 and Model 2 give different products for the same patient. Shown to one decimal, with the range the published rounding of the ratios allows." }</p>
            <div class="table-scroll">
            <table>
                <thead><tr><th scope="col">{ "Endpoint" }</th><th scope="col">{ "Model 1 (albumin and bilirubin)" }</th><th scope="col">{ "Model 2 (mALBI)" }</th></tr></thead>
                <tbody>
                    { for CoxEndpoint::ALL.into_iter().map(|endpoint| html! {
                        <tr>
                            <th scope="row">{ endpoint.label() }<div class="working">{ endpoint.table() }</div></th>
                            { cell(endpoint, CoxModel::Model1) }
                            { cell(endpoint, CoxModel::Model2) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p>{ "Reference profiles:" }</p>
            <ul class="reference-profiles">
                { for CoxEndpoint::ALL.into_iter().flat_map(|e| CoxModel::ALL.into_iter().map(move |m| (e, m))).map(|(e, m)| html! { <li>{ profile(e, m) }</li> }) }
            </ul>
        </details>
    }
}

/// Applicability: is this patient like the patients the figures describe?
fn applicability_panel(a: &Assessment) -> Html {
    let verdict = a.applicability.verdict;
    let headline = match verdict {
        Verdict::Within => "Within the studied population on every characteristic given.",
        Verdict::Outside => "Outside the studied population: the figures below describe patients unlike this one.",
        Verdict::Unknown => "Not yet known: give the characteristics below (unknown while any is unknown and none is outside).",
    };
    html! {
        <section class={classes!("applicability", verdict.code())}>
            <h3>{ "Who the figures apply to" }</h3>
            <p><strong data-testid="applicability">{ verdict.code() }</strong>{ " — " }{ headline }</p>
            <details class="applicability-details print-open" open={verdict == Verdict::Outside}>
            <summary>{ "Each characteristic against the cohort (Table 1)" }</summary>
            <ul data-testid="applicability-reasons">
                { for a.applicability.findings.iter().map(|f| html! {
                    <li class={f.verdict.code()}>
                        <strong>{ format!("{}: {}", f.criterion.label(), f.verdict.code()) }</strong>
                        { format!(" ({}). Cohort: {}.", f.reason, f.criterion.cohort()) }
                    </li>
                }) }
            </ul>
            </details>
        </section>
    }
}

fn medians_section(a: &Assessment) -> Html {
    let km_key = |endpoint: Endpoint| match endpoint {
        Endpoint::OverallSurvival => "os",
        Endpoint::ProgressionFreeSurvival => "pfs",
        Endpoint::TimeToLiverDysfunction => "ttld",
    };
    let heading = |endpoint: Endpoint| {
        let counts = endpoint.counts();
        let detail = match (endpoint, counts.events) {
            (Endpoint::OverallSurvival, Some(events)) => {
                format!("{} patients, {events} deaths", counts.patients)
            }
            (Endpoint::ProgressionFreeSurvival, _) => {
                format!("{} patients; investigator assessed", counts.patients)
            }
            (_, Some(events)) => format!(
                "{} patients, {events} events; no REILD case",
                counts.patients
            ),
            (_, None) => format!("{} patients", counts.patients),
        };
        html! { <th scope="col">{ endpoint.label() }<div class="denominator" data-testid={format!("denominator-{}", km_key(endpoint))}>{ detail }</div></th> }
    };
    let row = |marker: Marker| match a.group(marker) {
        Some(group) => html! {
            <tr>
                <th scope="row">{ format!("{} {}", marker.label(), group.code()) }</th>
                { for Endpoint::ALL.into_iter().filter_map(|endpoint| {
                    let (_, median, comparison) = a.published_median(endpoint, marker)?;
                    let (other_name, other) = match group {
                        calculator_core::Group::High => ("low", comparison.low),
                        calculator_core::Group::Low => ("high", comparison.high),
                    };
                    Some(html! {
                        <td data-label={endpoint.label()}>
                            <span data-testid={format!("median-{}-{}", km_key(endpoint), marker.code())}>{ median.to_string() }</span>
                            <div class="other-group" data-testid={format!("median-other-{}-{}", km_key(endpoint), marker.code())}>{ format!("{} {other_name}: {} months", marker.label(), printed(other.months)) }</div>
                            <div class="working">{ comparison.source }</div>
                        </td>
                    })
                }) }
            </tr>
        },
        None => html! {
            <tr><th scope="row">{ marker.label() }</th><td colspan="3">{ pending(&format!("medians-{}-pending", marker.code()), &format!("needs a valid {}", marker.label())) }</td></tr>
        },
    };
    html! {
        <section class="medians">
            <h3>{ "Published medians of the patient's groups" }</h3>
            { outside_mark(a) }
            <div class="table-scroll">
            <table class="stack">
                <thead><tr>
                    <th scope="col">{ "Group" }</th>
                    { for Endpoint::ALL.into_iter().map(heading) }
                </tr></thead>
                <tbody>{ row(Marker::Il6) }{ row(Marker::Il8) }</tbody>
            </table>
            </div>
            <p class="caveat" data-testid="medians-caveat">
                { SEPARATE_MARKERS }
                { " Time to liver dysfunction: patients who died without it were censored at their last laboratory follow-up, so its median describes liver dysfunction as if death did not compete with it; it is not a patient's chance of liver dysfunction (a 32.6-month median beside a 19.0-month overall-survival median is not a contradiction)." }
            </p>
        </section>
    }
}

fn hazard_cell(hr: Option<HazardRatio>) -> Html {
    match hr {
        None => html! { <td class="not-in-model">{ "not in model" }</td> },
        Some(hr) => {
            let significant = hr.is_significant();
            html! {
                <td class={classes!(significant.then_some("significant"))}>
                    <span class="hr">{ hr.to_string() }</span>
                    { " " }
                    <span class="p">{ format!("p {}{}", if matches!(hr.p, calculator_core::published::PValue::Exact(_)) { "= " } else { "" }, hr.p) }</span>
                    { " " }
                    <span class="significance">{ if significant { "✔ significant" } else { "not significant" } }</span>
                </td>
            }
        }
    }
}

fn hazard_table(a: &Assessment, endpoint: CoxEndpoint) -> Html {
    html! {
        <section class="hazard-table">
            <h3>{ format!("Published hazard ratios: {} ({})", endpoint.label(), endpoint.table()) }</h3>
            <div class="table-scroll">
            <table data-testid={format!("hazard-table-{}", endpoint_key(endpoint))}>
                <thead><tr>
                    <th scope="col">{ format!("{}, row", endpoint.table()) }</th>
                    <th scope="col">{ "This patient" }</th>
                    <th scope="col">{ "Univariate" }</th>
                    <th scope="col">{ "Model 1" }</th>
                    <th scope="col">{ "Model 2" }</th>
                </tr></thead>
                <tbody>
                    { for endpoint.rows().iter().map(|row| {
                        let presence = a.presence(row.factor);
                        let (text, class) = match presence {
                            Presence::Present => ("present", "present"),
                            Presence::Absent => ("absent", "absent"),
                            Presence::Unknown => ("unknown", "unknown"),
                        };
                        html! {
                            <tr class={classes!(class)}>
                                <th scope="row">{ row.factor.paper_row() }</th>
                                <td data-testid={format!("presence-{}-{}", endpoint_key(endpoint), row.factor.code())}>{ text }</td>
                                { hazard_cell(Some(row.univariate)) }
                                { hazard_cell(row.model1) }
                                { hazard_cell(row.model2) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="source">{ format!("{SHORT_CITATION}, {}. Hazard ratios are high/yes vs low/no.{}", endpoint.table(), if endpoint == CoxEndpoint::OverallSurvival { " The IL8 univariate p here (0.011) is the Cox model's; the chart gives the log-rank p of the same comparison (0.009)." } else { "" }) }</p>
        </section>
    }
}

fn summary_section(summary: Option<&AttrValue>) -> Html {
    html! {
        <section class="summary">
            <h3>{ "Summary for the note" }</h3>
            if let Some(text) = summary {
                <p data-testid="summary">{ text.clone() }</p>
            } else {
                { pending("summary-pending", "Enter the patient's values to get a summary.") }
            }
        </section>
    }
}

/// The paper's contradictions and the reading the app takes (also in About).
fn errata_table() -> Html {
    html! {
        <section class="errata" data-testid="errata">
            <h3>{ "Errata in the paper, and the reading this app takes" }</h3>
            <table class="stack">
                <thead><tr><th scope="col">{ "The paper says" }</th><th scope="col">{ "This app reads" }</th></tr></thead>
                <tbody>
                    { for ERRATA.iter().map(|e| html! { <tr><td data-label="The paper says">{ e.paper_says }</td><td data-label="This app reads">{ e.app_reads }</td></tr> }) }
                </tbody>
            </table>
        </section>
    }
}
