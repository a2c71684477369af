//! Everything derived from the inputs, each result shown only when the
//! inputs it depends on are valid, and otherwise naming what it waits for.

use std::rc::Rc;

use calculator_core::published::{
    printed, CoxEndpoint, CoxModel, HazardRatio, KmEndpoint, Marker, RiskFactor, SHORT_CITATION,
};
use calculator_core::{Assessment, Presence, RelativeHazard};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub assessment: Rc<Assessment>,
    /// The note summary, computed once by the app (the toolbar copies it too).
    pub summary: Option<AttrValue>,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let a = &props.assessment;
    html! {
        <section class="results" aria-label="Results" aria-live="polite">
            <h2>{ "Where this patient stands in the study" }</h2>
            <div class="cards">
                { liver_function_card(a) }
                { interleukin_card(a) }
            </div>
            { relative_hazard_section(a) }
            { medians_section(a) }
            <div class="hazard-tables">
                { for CoxEndpoint::ALL.into_iter().map(|endpoint| hazard_table(a, endpoint)) }
            </div>
            { summary_section(props.summary.as_ref()) }
        </section>
    }
}

fn pending(testid: &str, text: &str) -> Html {
    html! { <p class="pending" data-testid={testid.to_owned()}>{ text.to_owned() }</p> }
}

fn liver_function_card(a: &Assessment) -> Html {
    let factor_line = |factor: RiskFactor, label: &str| {
        let (text, class) = match a.presence(factor) {
            Presence::Present => ("yes (risk factor present)", "present"),
            Presence::Absent => ("no", "absent"),
            Presence::Unknown => ("needs a valid value", "unknown"),
        };
        html! {
            <li>
                { format!("{label}: ") }
                <strong class={class} data-testid={format!("factor-{}", factor.key())}>{ text }</strong>
            </li>
        }
    };
    html! {
        <article class="card">
            <h3>{ "Liver function" }</h3>
            if let Some(albi) = a.albi {
                <dl class="big-numbers">
                    <div><dt>{ "ALBI score" }</dt><dd data-testid="albi-score">{ albi.to_string() }</dd></div>
                    <div><dt>{ "ALBI grade" }</dt><dd data-testid="albi-grade">{ albi.grade().code() }</dd></div>
                    <div><dt>{ "mALBI grade" }</dt><dd data-testid="malbi-grade">{ albi.malbi_grade().code() }</dd></div>
                </dl>
                <p>
                    { "Paper's mALBI grouping: " }
                    <strong data-testid="malbi-group">{ albi.malbi_grade().paper_group().label() }</strong>
                    { " (the paper compares 2b–3 against 1–2a)." }
                </p>
            } else {
                { pending("albi-pending", "ALBI needs a valid albumin and total bilirubin.") }
            }
            <ul class="factors">
                { factor_line(RiskFactor::AlbuminBelow36, "Albumin < 36 g/L") }
                { factor_line(RiskFactor::Bilirubin17OrMore, "Total bilirubin ≥ 17 µmol/L") }
            </ul>
            <p class="source">{ "ALBI: Johnson et al., J Clin Oncol 2015. mALBI: Hiraoka et al., Liver Cancer 2017. Cutoffs: Tables 1–3." }</p>
        </article>
    }
}

fn interleukin_card(a: &Assessment) -> Html {
    let marker_line = |marker: Marker| {
        let key = marker.key();
        match a.group(marker) {
            Some(group) => html! {
                <div class={classes!("group", group.code())}>
                    <dt>{ format!("{} group", marker.label()) }</dt>
                    <dd data-testid={format!("{key}-group")}>{ group.code() }</dd>
                    <dd class="detail">{ match group {
                        calculator_core::BiomarkerGroup::High => format!("above {} pg/mL", marker.cutoff_pg_ml()),
                        calculator_core::BiomarkerGroup::Low => format!("at or below {} pg/mL", marker.cutoff_pg_ml()),
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
            <dl class="big-numbers">
                { marker_line(Marker::Il6) }
                { marker_line(Marker::Il8) }
            </dl>
            <p class="source">{ "Cutoffs 6.53 and 60.8 pg/mL, high if strictly above (Abstract; Methods; Tables 2 and 3)." }</p>
        </article>
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

fn relative_hazard_section(a: &Assessment) -> Html {
    let cell = |endpoint: CoxEndpoint, model: CoxModel| {
        let testid = format!(
            "relative-hazard-{}-{}",
            endpoint_key(endpoint),
            model_key(model)
        );
        match a.relative_hazard(endpoint, model) {
            RelativeHazard::Computed {
                value,
                contributions,
            } => {
                let working = if contributions.is_empty() {
                    "no risk factor of this model present".to_owned()
                } else {
                    contributions
                        .iter()
                        .map(|(factor, hr)| format!("{} {}", factor.paper_row(), printed(*hr)))
                        .collect::<Vec<_>>()
                        .join(" × ")
                };
                html! {
                    <td>
                        <strong class="number" data-testid={testid}>{ format!("{value:.2}") }</strong>
                        <div class="working">{ working }</div>
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
    html! {
        <section class="relative-hazard">
            <h3>{ "Relative hazard against the reference profile" }</h3>
            <p>{ "Product of the published multivariable hazard ratios of the risk factors this patient has, against a patient with none of them (hazard ratio 1)." }</p>
            <div class="table-scroll">
            <table>
                <thead><tr><th scope="col">{ "Endpoint" }</th><th scope="col">{ "Model 1" }</th><th scope="col">{ "Model 2" }</th></tr></thead>
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
            <p class="caveat">{ "No confidence interval can be given for these products: the paper publishes no covariance of its estimates. Model 1 uses albumin and bilirubin separately, Model 2 the mALBI grade instead." }</p>
        </section>
    }
}

fn medians_section(a: &Assessment) -> Html {
    let km_key = |endpoint: KmEndpoint| match endpoint {
        KmEndpoint::OverallSurvival => "os",
        KmEndpoint::ProgressionFreeSurvival => "pfs",
        KmEndpoint::TimeToLiverDysfunction => "ttld",
    };
    let row = |marker: Marker| match a.group(marker) {
        Some(group) => html! {
            <tr>
                <th scope="row">{ format!("{} {}", marker.label(), group.code()) }</th>
                { for KmEndpoint::ALL.into_iter().filter_map(|endpoint| {
                    let (_, median, comparison) = a.published_median(endpoint, marker)?;
                    Some(html! {
                        <td>
                            <span data-testid={format!("median-{}-{}", km_key(endpoint), marker.key())}>{ median.to_string() }</span>
                            <div class="working">{ comparison.source }</div>
                        </td>
                    })
                }) }
            </tr>
        },
        None => html! {
            <tr><th scope="row">{ marker.label() }</th><td colspan="3">{ pending(&format!("medians-{}-pending", marker.key()), &format!("needs a valid {}", marker.label())) }</td></tr>
        },
    };
    html! {
        <section class="medians">
            <h3>{ "Published medians of the patient's groups" }</h3>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{ "Group" }</th>
                    { for KmEndpoint::ALL.into_iter().map(|e| html! { <th scope="col">{ e.label() }</th> }) }
                </tr></thead>
                <tbody>{ row(Marker::Il6) }{ row(Marker::Il8) }</tbody>
            </table>
            </div>
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
                                <td data-testid={format!("presence-{}-{}", endpoint_key(endpoint), row.factor.key())}>{ text }</td>
                                { hazard_cell(Some(row.univariate)) }
                                { hazard_cell(row.model1) }
                                { hazard_cell(row.model2) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="source">{ format!("{SHORT_CITATION}, {}. Hazard ratios are high/yes vs low/no.", endpoint.table()) }</p>
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
