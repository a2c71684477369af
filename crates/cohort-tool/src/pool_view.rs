//! "Pool centre summaries" (issue 14): two or more centres' summary files
//! (`cohort::centre_summary`, no patient row) pooled in the browser by
//! `cohort::pooling`: the log-rank test stratified by centre, and the
//! centres' univariate hazard ratios by fixed effect, DerSimonian–Laird and
//! REML (equal to `metafor::rma`, `crates/cohort/tests/r_pooling.rs`), drawn
//! as a forest plot with the paper's hazard ratio for reference.
//!
//! Pooling summaries is light (sums over time bins and a few centres), so
//! it runs on the page, not in the cohort tool's worker; a file that cannot
//! be used is listed with its reason and leaves the others as they were.

use calculator_core::published::{CoxEndpoint, CoxModel, Endpoint, Marker, RiskFactor};
use calculator_core::Group;
use cohort::centre_summary::{CentreSummary, GroupTable, SummaryFileError, VERSION};
use cohort::pooling::{
    binned_data, pool, MetaAnalysis, MetaAnalysisError, Method, PoolError, PooledCoefficient,
    PooledComparison, METHODS,
};
use km_chart::{
    group_label, published_hazard_ratio, render_forest_svg, render_svg, Emphasis, ForestPlot,
    ForestRow, KmChartGeometry, KmChartInput, Layout, OverlayInput,
};
use soramic_il_calculator::i18n::use_text;
use soramic_il_calculator::study_text as words;
use text::{fixed, Text};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A loaded summary and the name of its file.
#[derive(Debug, Clone, PartialEq)]
struct Centre {
    name: String,
    summary: CentreSummary,
    hash: u64,
}

/// A file that was not added, and why.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    File(SummaryFileError),
    Same { centre: usize },
    Unreadable,
}

/// The endpoint a summary's code names (`os`, `pfs`, `ld`; the schema's codes).
fn endpoint_of(code: &str) -> Option<Endpoint> {
    Endpoint::from_code(code).or((code == "ld").then_some(Endpoint::TimeToLiverDysfunction))
}

/// The paper's univariate hazard ratio for this comparison, with its table
/// (Table 2 for overall survival, Table 3 for liver dysfunction; none for
/// PFS): the chart's own reading of the published figures.
fn papers_hazard_ratio(endpoint: Endpoint, marker: Marker) -> Option<(f64, CoxEndpoint)> {
    published_hazard_ratio(endpoint, marker).map(|(table, hr)| (hr.estimate, table))
}

/// `value` to `decimals` places in the reader's form; a dash when not finite.
fn number(t: &Text, value: f64, decimals: u32) -> String {
    t.rounded(value, decimals).unwrap_or_else(|| "–".to_owned())
}

/// A time bin's width in months, without trailing zeros: `1`, `0.5`, `10`.
fn grid_text(t: &Text, months: f64) -> String {
    let Some(machine) = fixed(months, 2) else {
        return "–".to_owned();
    };
    let short = if machine.contains('.') {
        machine.trim_end_matches('0').trim_end_matches('.')
    } else {
        &machine
    };
    t.shown(short)
}

/// A figure for automation (`data-value`): f64's shortest form that reads
/// back to the same number (the cohort tool's wasm carries it anyway).
fn machine(value: f64) -> String {
    value.to_string()
}

/// `1 month`, `3 months`: a time bin's width in words.
fn grid_phrase(t: &Text, months: f64) -> String {
    if months == 1.0 {
        t.pool_grid_one().to_owned()
    } else {
        t.pool_grid_many(&grid_text(t, months))
    }
}

/// A p value: three decimals, `< 0.001` below that.
fn p_text(t: &Text, p: f64) -> String {
    if p < 0.001 {
        format!("< {}", t.shown("0.001"))
    } else {
        number(t, p, 3)
    }
}

/// `p = 0.373` or `p < 0.001`.
fn p_clause(t: &Text, p: f64) -> String {
    if p < 0.001 {
        format!("p {}", p_text(t, p))
    } else {
        format!("p = {}", p_text(t, p))
    }
}

/// `2.31 (1.12–4.77)` from a log hazard ratio and its CI bounds.
fn hr_text(t: &Text, log_hr: f64, log_lower: f64, log_upper: f64) -> String {
    format!(
        "{} ({}–{})",
        number(t, log_hr.exp(), 2),
        number(t, log_lower.exp(), 2),
        number(t, log_upper.exp(), 2)
    )
}

fn refusal_text(t: &Text, refusal: &Refusal) -> String {
    match refusal {
        Refusal::File(SummaryFileError::Malformed(_)) => t.pool_error_malformed().to_owned(),
        Refusal::File(SummaryFileError::OtherSchema(name)) => t.pool_error_other_schema(name),
        Refusal::File(SummaryFileError::OtherVersion(v)) => {
            t.pool_error_other_version(&v.to_string(), &VERSION.to_string())
        }
        Refusal::File(SummaryFileError::Inconsistent(_)) => t.pool_error_inconsistent().to_owned(),
        Refusal::Same { centre } => t.pool_error_same(&(centre + 1).to_string()),
        Refusal::Unreadable => t.pool_error_read().to_owned(),
    }
}

fn method_name(t: &Text, method: Method) -> &str {
    match method {
        Method::FixedEffect => t.pool_fixed(),
        Method::DerSimonianLaird => t.pool_dl(),
        Method::Reml => t.pool_reml(),
    }
}

fn meta_error(t: &Text, error: &MetaAnalysisError) -> String {
    match error {
        MetaAnalysisError::TooFewStudies { needed, .. } => t.pool_meta_too_few(&needed.to_string()),
        MetaAnalysisError::NotFinite { .. } | MetaAnalysisError::NonPositiveVariance { .. } => {
            t.pool_meta_unusable().to_owned()
        }
        MetaAnalysisError::NotConverged { .. } => t.pool_meta_not_converged().to_owned(),
    }
}

/// Adds the files' summaries to `centres`, returning what was refused.
fn add(centres: &mut Vec<Centre>, files: Vec<(String, Option<String>)>) -> Vec<(String, Refusal)> {
    let mut refused = Vec::new();
    for (name, text) in files {
        let Some(text) = text else {
            refused.push((name, Refusal::Unreadable));
            continue;
        };
        match CentreSummary::from_json(&text) {
            Err(error) => refused.push((name, Refusal::File(error))),
            Ok(summary) => {
                let hash = summary.content_hash();
                match centres.iter().position(|c| c.hash == hash) {
                    Some(centre) => refused.push((name, Refusal::Same { centre })),
                    None => centres.push(Centre {
                        name,
                        summary,
                        hash,
                    }),
                }
            }
        }
    }
    refused
}

#[component]
pub fn PoolView() -> Html {
    let t = use_text();
    let centres = use_state(Vec::<Centre>::new);
    let refused = use_state(Vec::<(String, Refusal)>::new);

    let on_files = {
        let (centres, refused) = (centres.clone(), refused.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.item(i)).collect();
            input.set_value("");
            let (centres, refused) = (centres.clone(), refused.clone());
            spawn_local(async move {
                let mut read = Vec::new();
                for file in files {
                    let text = JsFuture::from(file.text())
                        .await
                        .ok()
                        .and_then(|v| v.as_string());
                    read.push((file.name(), text));
                }
                let mut next = (*centres).clone();
                refused.set(add(&mut next, read));
                centres.set(next);
            });
        })
    };
    let remove = |index: usize| {
        let centres = centres.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*centres).clone();
            if index < next.len() {
                next.remove(index);
            }
            centres.set(next);
        })
    };

    let pooled = use_memo((*centres).clone(), |centres| {
        let summaries: Vec<CentreSummary> = centres.iter().map(|c| c.summary.clone()).collect();
        (summaries.len() >= 2).then(|| pool(&summaries))
    });

    html! {
        <section class="pool" data-testid="pool" aria-labelledby="pool-title">
            <h2 id="pool-title">{ t.pool_heading() }</h2>
            <p>{ t.pool_intro() }</p>
            <p>
                <label for="pool-files">{ t.pool_files_label() }</label>{ " " }
                <input id="pool-files" type="file" multiple=true accept=".json,application/json"
                    data-testid="pool-files" onchange={on_files} />
            </p>
            if !refused.is_empty() {
                <ul class="error" role="alert" data-testid="pool-errors">
                    { for refused.iter().map(|(name, why)| html! {
                        <li data-testid="pool-error">{ format!("{name}: {}", refusal_text(&t, why)) }</li>
                    }) }
                </ul>
            }
            if !centres.is_empty() {
                <ol class="pool-centres" data-testid="pool-centres">
                    { for centres.iter().enumerate().map(|(i, c)| html! {
                        <li data-testid={format!("pool-centre-{}", i + 1)}>
                            { t.pool_centre(&(i + 1).to_string(), &c.name) }{ " — " }
                            { t.pool_centre_detail(&c.summary.comparisons.len().to_string(), &grid_phrase(&t, c.summary.grid_months)) }{ " " }
                            <button type="button" data-testid={format!("pool-remove-{}", i + 1)} onclick={remove(i)}>{ t.pool_remove() }</button>
                        </li>
                    }) }
                </ol>
            }
            {
                match &*pooled {
                    None => html! { <p data-testid="pool-need-two">{ t.pool_need_two() }</p> },
                    Some(Err(error)) => html! { <p class="error" role="alert" data-testid="pool-error">{ pool_error(&t, error) }</p> },
                    Some(Ok(pooled)) => html! {
                        <>
                            <p data-testid="pool-grid" data-value={fixed(pooled.grid_months, 3).unwrap_or_default()}>
                                { t.pool_grid(&grid_phrase(&t, pooled.grid_months)) }
                                if pooled.rebinned { { " " }{ t.pool_rebinned() } }
                            </p>
                            { for pooled.comparisons.iter().map(|c| comparison_view(&t, c, &centres, pooled.grid_months)) }
                            { models_view(&t, &pooled.coefficients) }
                        </>
                    },
                }
            }
        </section>
    }
}

fn pool_error(t: &Text, error: &PoolError) -> String {
    match error {
        PoolError::TooFewCentres(_) => t.pool_need_two().to_owned(),
        PoolError::SameExport { first, .. } => t.pool_error_same(&(first + 1).to_string()),
        PoolError::OtherVersion { version, .. } => {
            t.pool_error_other_version(&version.to_string(), &VERSION.to_string())
        }
        PoolError::IncompatibleGrids { coarsest, other } => {
            t.pool_error_grids(&number(t, *coarsest, 2), &number(t, *other, 2))
        }
    }
}

/// The pooled groups' Kaplan–Meier curves from the summed binned tables,
/// over the paper's reconstructed curves (the cohort view's overlay).
fn pooled_chart(
    t: &Text,
    tables: (&GroupTable, &GroupTable),
    endpoint: Endpoint,
    marker: Marker,
    grid: f64,
    whose: Option<usize>,
) -> Option<String> {
    let reference = crate::engine::reference_curves().ok()?;
    let (ref_low, ref_high) = (
        reference.group(endpoint, marker, Group::Low)?,
        reference.group(endpoint, marker, Group::High)?,
    );
    let (low, high) = (binned_data(tables.0, grid)?, binned_data(tables.1, grid)?);
    let mut geometry = KmChartGeometry::compute_overlay(&OverlayInput {
        reference: KmChartInput {
            endpoint,
            marker,
            low: ref_low,
            high: ref_high,
            patient_group: None,
            text: t,
        },
        cohort_low: &low,
        cohort_high: &high,
    });
    // "Pooled centres, IL6 low …" or "Centre 2, IL6 low …".
    let label = |group| {
        let rule = group_label(t, marker, group);
        match whose {
            None => t.pool_pooled_label(&rule),
            Some(n) => format!("{}, {rule}", t.pool_centre_row(&(n + 1).to_string())),
        }
    };
    for curve in geometry
        .curves
        .iter_mut()
        .filter(|c| c.emphasis != Emphasis::Reference)
    {
        curve.label = label(curve.group);
    }
    for table in &mut geometry.risk_table {
        table.label = label(table.group);
    }
    let endpoint_words = words::km_endpoint(t, endpoint);
    geometry.text.title = match whose {
        None => t.pool_chart_title(endpoint_words, marker.label()),
        Some(n) => t.pool_centre_chart_title(endpoint_words, marker.label(), &(n + 1).to_string()),
    };
    render_svg(&geometry, &Layout::wide().with_legend_rows(4)).ok()
}

#[derive(Properties, PartialEq)]
struct CurvesProps {
    endpoint: Endpoint,
    marker: Marker,
    /// The summed tables on the common grid.
    pooled: (GroupTable, GroupTable, f64),
    /// Each centre's own tables on its own grid (`None`: withheld or absent).
    centres: Vec<Option<(GroupTable, GroupTable, f64)>>,
}

/// The pooled curves, or one centre's (chosen in a list): drawn one at a
/// time, so a hundred centres cost one chart.
#[component]
fn Curves(props: &CurvesProps) -> Html {
    let t = use_text();
    let shown = use_state(|| None::<usize>);
    let key = format!("{}-{}", props.endpoint.code(), props.marker.code());
    let tables = match *shown {
        Some(n) => props.centres.get(n).cloned().flatten(),
        None => Some(props.pooled.clone()),
    };
    let svg = tables.and_then(|(low, high, grid)| {
        pooled_chart(
            &t,
            (&low, &high),
            props.endpoint,
            props.marker,
            grid,
            *shown,
        )
    });
    let on_change = {
        let shown = shown.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            shown.set(select.value().parse::<usize>().ok());
        })
    };
    let id = format!("pool-km-show-{key}");
    html! {
        <>
            <p>
                <label for={id.clone()}>{ t.pool_curves_of() }</label>{ " " }
                <select id={id} data-testid={format!("pool-km-centre-{key}")} onchange={on_change}>
                    <option value="" selected={shown.is_none()}>{ t.pool_curves_pooled() }</option>
                    { for props.centres.iter().enumerate().filter(|(_, c)| c.is_some()).map(|(n, _)| html! {
                        <option value={n.to_string()} selected={*shown == Some(n)}>{ t.pool_centre_row(&(n + 1).to_string()) }</option>
                    }) }
                </select>
            </p>
            if let Some(svg) = svg {
                <div class="pool-km" data-testid={format!("pool-km-{key}")} role="img"
                    aria-label={t.pool_chart_title(words::km_endpoint(&t, props.endpoint), props.marker.label())}>
                    { Html::from_html_unchecked(AttrValue::from(svg)) }
                </div>
                <p class="cohort-hint">{ t.pool_approximation() }</p>
            }
        </>
    }
}

fn comparison_view(t: &Text, c: &PooledComparison, centres: &[Centre], grid: f64) -> Html {
    let key = format!("{}-{}", c.endpoint, c.marker);
    let (Some(endpoint), Some(marker)) = (endpoint_of(&c.endpoint), Marker::from_code(&c.marker))
    else {
        return Html::default();
    };
    let endpoint_words = words::km_endpoint(t, endpoint);
    // The centres' own estimates, in the order they were loaded.
    let centre_rows: Vec<ForestRow> = centres
        .iter()
        .enumerate()
        .filter_map(|(i, centre)| {
            let comparison = centre
                .summary
                .comparisons
                .iter()
                .find(|x| x.endpoint == c.endpoint && x.marker == c.marker)?;
            let label = t.pool_centre_row(&(i + 1).to_string());
            Some(match comparison.cox {
                Some(cox) => {
                    let (lower, upper) = (
                        cox.log_hazard_ratio - 1.959964 * cox.standard_error,
                        cox.log_hazard_ratio + 1.959964 * cox.standard_error,
                    );
                    ForestRow {
                        label,
                        figures: hr_text(t, cox.log_hazard_ratio, lower, upper),
                        hazard_ratio: cox.log_hazard_ratio.exp(),
                        lower: lower.exp(),
                        upper: upper.exp(),
                        pooled: false,
                    }
                }
                None => ForestRow {
                    label,
                    figures: t.pool_not_estimable().to_owned(),
                    hazard_ratio: f64::NAN,
                    lower: f64::NAN,
                    upper: f64::NAN,
                    pooled: false,
                },
            })
        })
        .collect();
    let pooled_rows: Vec<ForestRow> = c
        .meta
        .iter()
        .filter_map(|(method, result)| {
            let m: &MetaAnalysis = result.as_ref().ok()?;
            Some(ForestRow {
                label: method_name(t, *method).to_owned(),
                figures: hr_text(t, m.estimate, m.lower, m.upper),
                hazard_ratio: m.estimate.exp(),
                lower: m.lower.exp(),
                upper: m.upper.exp(),
                pooled: true,
            })
        })
        .collect();
    let reference = papers_hazard_ratio(endpoint, marker).map(|(hr, table)| {
        (
            hr,
            t.pool_forest_reference(&words::figure(t, hr), words::table(t, table)),
        )
    });
    let forest = render_forest_svg(&ForestPlot {
        title: t.pool_forest_title(endpoint_words, marker.label()),
        axis_label: t.pool_forest_axis().to_owned(),
        rows: centre_rows.into_iter().chain(pooled_rows).collect(),
        reference,
    });

    html! {
        <article class="pool-comparison" data-testid={format!("pool-{key}")}>
            <h3>{ t.pool_comparison(endpoint_words, marker.label()) }</h3>
            <p>{ t.pool_centres_used(&c.centres_used.to_string(), &c.centres_withheld.to_string()) }</p>
            {
                match &c.log_rank {
                    Some(lr) => html! {
                        <p data-testid={format!("pool-logrank-{key}")} data-value={machine(lr.p)}
                            data-chi-square={machine(lr.chi_square)}>
                            { t.pool_logrank(&number(t, lr.chi_square, 2), &p_clause(t, lr.p)) }
                        </p>
                    },
                    None => html! { <p>{ t.pool_logrank_none() }</p> },
                }
            }
            <div class="cohort-scroll">
            <table class="pool-meta" data-testid={format!("pool-meta-{key}")}>
                <thead><tr>
                    <th scope="col">{ t.pool_method() }</th>
                    <th scope="col">{ t.pool_hr() }</th>
                    <th scope="col">{ t.pool_p() }</th>
                    <th scope="col">{ t.pool_tau2() }</th>
                    <th scope="col">{ t.pool_i2() }</th>
                    <th scope="col">{ t.pool_q() }</th>
                </tr></thead>
                <tbody>
                    { for c.meta.iter().map(|(method, result)| {
                        let code = method.code().to_ascii_lowercase();
                        match result {
                            Ok(m) => html! {
                                <tr data-testid={format!("pool-{code}-{key}")}
                                    data-value={machine(m.estimate.exp())}
                                    data-lower={machine(m.lower.exp())}
                                    data-upper={machine(m.upper.exp())}
                                    data-tau2={machine(m.tau2)}
                                    data-i2={machine(m.i2)}
                                    data-q={machine(m.q)}
                                    data-q-p={machine(m.q_p)}>
                                    <th scope="row">{ method_name(t, *method) }</th>
                                    <td>{ hr_text(t, m.estimate, m.lower, m.upper) }</td>
                                    <td>{ p_text(t, m.p) }</td>
                                    <td>{ number(t, m.tau2, 4) }</td>
                                    <td>{ format!("{}%", number(t, m.i2, 1)) }</td>
                                    <td>{ format!("{} ({}, {})", number(t, m.q, 2), m.q_df, p_text(t, m.q_p)) }</td>
                                </tr>
                            },
                            Err(error) => html! {
                                <tr data-testid={format!("pool-{code}-{key}")}>
                                    <th scope="row">{ method_name(t, *method) }</th>
                                    <td colspan="5">{ meta_error(t, error) }</td>
                                </tr>
                            },
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <Curves endpoint={endpoint} marker={marker}
                pooled={(c.low.clone(), c.high.clone(), grid)}
                centres={centres.iter().map(|centre| {
                    let own = centre.summary.comparisons.iter().find(|x| x.endpoint == c.endpoint && x.marker == c.marker)?;
                    Some((own.low.clone()?, own.high.clone()?, centre.summary.grid_months))
                }).collect::<Vec<_>>()} />
            {
                match forest {
                    Ok(svg) => html! {
                        <div class="pool-forest" data-testid={format!("pool-forest-{key}")} role="img"
                            aria-label={t.pool_forest_title(endpoint_words, marker.label())}>
                            { Html::from_html_unchecked(AttrValue::from(svg)) }
                        </div>
                    },
                    Err(_) => Html::default(),
                }
            }
        </article>
    }
}

/// The paper's models pooled per coefficient: one table per endpoint and
/// model, a row per factor with the pooled adjusted HR by each method and
/// the paper's.
fn models_view(t: &Text, coefficients: &[PooledCoefficient]) -> Html {
    let mut tables: Vec<(&str, &str)> = Vec::new();
    for c in coefficients {
        if !tables.contains(&(c.endpoint.as_str(), c.model.as_str())) {
            tables.push((c.endpoint.as_str(), c.model.as_str()));
        }
    }
    if tables.is_empty() {
        return Html::default();
    }
    html! {
        <section class="pool-models" data-testid="pool-models">
            <h3>{ t.pool_models_heading() }</h3>
            <p class="cohort-hint">{ t.pool_models_note() }</p>
            { for tables.into_iter().map(|(endpoint, model)| {
                let cox_endpoint = match endpoint_of(endpoint) {
                    Some(Endpoint::OverallSurvival) => Some(CoxEndpoint::OverallSurvival),
                    Some(Endpoint::TimeToLiverDysfunction) => Some(CoxEndpoint::LiverDysfunction),
                    _ => None,
                };
                let cox_model = CoxModel::from_code(model);
                let caption = match (endpoint_of(endpoint), cox_model) {
                    (Some(e), Some(m)) => t.pool_model_caption(words::km_endpoint(t, e), words::model(t, m)),
                    _ => format!("{endpoint} {model}"),
                };
                html! {
                    <div class="cohort-scroll">
                    <table data-testid={format!("pool-model-{endpoint}-{model}")}>
                        <caption>{ caption }</caption>
                        <thead><tr>
                            <th scope="col">{ t.pool_factor() }</th>
                            <th scope="col">{ t.pool_centres() }</th>
                            { for METHODS.iter().map(|m| html! { <th scope="col">{ method_name(t, *m) }</th> }) }
                            <th scope="col">{ t.pool_paper_adjusted() }</th>
                        </tr></thead>
                        <tbody>
                            { for coefficients.iter().filter(|c| c.endpoint == endpoint && c.model == model).map(|c| {
                                let factor = RiskFactor::from_code(&c.factor);
                                let paper = match (cox_endpoint, cox_model, factor) {
                                    (Some(e), Some(m), Some(f)) => e.row(f).and_then(|r| r.in_model(m)),
                                    _ => None,
                                };
                                let pooled = |method: Method| c.meta.iter().find(|(m, _)| *m == method).and_then(|(_, r)| r.as_ref().ok());
                                html! {
                                    <tr data-testid={format!("pool-coef-{endpoint}-{model}-{}", c.factor)}
                                        data-fe={pooled(Method::FixedEffect).map(|m| machine(m.estimate.exp())).unwrap_or_default()}
                                        data-dl={pooled(Method::DerSimonianLaird).map(|m| machine(m.estimate.exp())).unwrap_or_default()}
                                        data-reml={pooled(Method::Reml).map(|m| machine(m.estimate.exp())).unwrap_or_default()}>
                                        <th scope="row">{ factor.map_or_else(|| c.factor.clone(), |f| words::paper_row(t, f)) }</th>
                                        <td>{ c.centres }</td>
                                        { for METHODS.iter().map(|method| html! {
                                            <td>{ match c.meta.iter().find(|(m, _)| m == method).map(|(_, r)| r) {
                                                Some(Ok(m)) => hr_text(t, m.estimate, m.lower, m.upper),
                                                Some(Err(error)) => meta_error(t, error),
                                                None => String::new(),
                                            } }</td>
                                        }) }
                                        <td>{ paper.map(|hr| words::hazard_ratio(t, hr)).unwrap_or_else(|| "–".to_owned()) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    </div>
                }
            }) }
        </section>
    }
}

/// The time bins a centre may choose for its summary, months: coarser
/// bins share less about any one patient's time.
const GRIDS: [(&str, f64); 3] = [("1", 1.0), ("3", 3.0), ("6", 6.0)];

#[derive(Properties, PartialEq)]
pub struct SummaryExportProps {
    /// The summary file's text, once asked for.
    pub summary: Option<AttrValue>,
    /// Asks the worker for the summary on time bins of this many months.
    pub on_request: Callback<f64>,
}

/// "Share this cohort's centre summary": asks for the file, then says in
/// words what it holds (and what it does not) before offering to save it.
#[component]
pub fn SummaryExport(props: &SummaryExportProps) -> Html {
    let t = use_text();
    let grid = use_state(|| 0usize);
    let status = use_state(String::new);
    let on_grid = {
        let grid = grid.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            grid.set(
                GRIDS
                    .iter()
                    .position(|(code, _)| *code == select.value())
                    .unwrap_or(0),
            );
        })
    };
    let on_prepare = {
        let (on_request, grid, status) = (props.on_request.clone(), grid.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            status.set(String::new());
            on_request.emit(GRIDS.get(*grid).map_or(1.0, |(_, months)| *months));
        })
    };
    let parsed = props
        .summary
        .as_ref()
        .and_then(|text| CentreSummary::from_json(text).ok());
    let on_save = {
        let (summary, status, t) = (props.summary.clone(), status.clone(), t.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(text) = &summary else { return };
            let name = "centre-summary.json";
            status.set(
                match crate::cohort_view::save_file(text, name, "application/json") {
                    Ok(()) => t.pool_export_saved(name),
                    Err(e) => e,
                },
            );
        })
    };
    html! {
        <section class="pool-export" data-testid="pool-export">
            <h3>{ t.pool_export_heading() }</h3>
            <p>{ t.pool_export_intro() }</p>
            <p>
                <label for="pool-export-grid">{ t.pool_export_grid() }</label>{ " " }
                <select id="pool-export-grid" data-testid="pool-export-grid" onchange={on_grid}>
                    { for GRIDS.iter().enumerate().map(|(i, (code, _))| html! {
                        <option value={*code} selected={i == *grid}>{ *code }</option>
                    }) }
                </select>{ " " }
                <button type="button" data-testid="pool-export-prepare" onclick={on_prepare}>{ t.pool_export_prepare() }</button>
            </p>
            if let Some(summary) = parsed {
                <div data-testid="pool-export-contents">
                    <p>{ t.pool_export_contains() }</p>
                    <ul>
                        <li>{ t.pool_export_item_counts(&grid_phrase(&t, summary.grid_months)) }</li>
                        <li>{ t.pool_export_item_logrank() }</li>
                        <li>{ t.pool_export_item_cox() }</li>
                        if !summary.models.is_empty() {
                            <li data-testid="pool-export-models">{ t.pool_export_item_models(&summary.models.len().to_string()) }</li>
                        }
                    </ul>
                    <p>{ t.pool_export_comparisons(&summary.comparisons.iter().filter(|c| c.withheld.is_none()).map(|c| comparison_name(&t, &c.endpoint, &c.marker)).collect::<Vec<_>>().join("; ")) }</p>
                    if summary.comparisons.iter().any(|c| c.withheld.is_some()) {
                        <p data-testid="pool-export-withheld">{ t.pool_export_withheld(
                            &summary.minimum_group.to_string(),
                            &summary.comparisons.iter().filter(|c| c.withheld.is_some()).map(|c| comparison_name(&t, &c.endpoint, &c.marker)).collect::<Vec<_>>().join("; ")) }</p>
                    }
                    <p><strong>{ t.pool_export_not() }</strong></p>
                    <p>
                        <button type="button" data-testid="pool-export-save" onclick={on_save}>{ t.pool_export_save() }</button>{ " " }
                        <span role="status" data-testid="pool-export-status">{ (*status).clone() }</span>
                    </p>
                </div>
            }
        </section>
    }
}

/// `Overall survival by IL6` from a summary's codes.
fn comparison_name(t: &Text, endpoint: &str, marker: &str) -> String {
    match (endpoint_of(endpoint), Marker::from_code(marker)) {
        (Some(e), Some(m)) => t.pool_comparison(words::km_endpoint(t, e), m.label()),
        _ => format!("{endpoint} {marker}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cohort::centre_summary::comparison;

    /// A summary of one comparison from made-up patients (months, event).
    fn summary(shift: f64) -> String {
        // Low: 12 patients at 2, 4, …, 24 months (+ shift); high: 10 at 1, 2,
        // …, 10. A shift moves the times across the bins (a different file).
        let low: Vec<(f64, bool)> = (1..=12)
            .map(|i| (f64::from(i) * 2.0 + shift, i % 3 != 0))
            .collect();
        let high: Vec<(f64, bool)> = (1..=10)
            .map(|i| (f64::from(i) + shift, i % 4 != 0))
            .collect();
        CentreSummary::new(1.0, vec![comparison("os", "il6", &low, &high, 1.0)]).to_json()
    }

    #[test]
    fn a_file_that_cannot_be_used_is_refused_and_the_others_stay() {
        let mut centres = Vec::new();
        let refused = add(
            &mut centres,
            vec![
                ("a.json".into(), Some(summary(0.0))),
                ("b.json".into(), Some("{\"not\": 1}".into())),
                ("c.json".into(), Some(summary(3.0))),
                ("d.json".into(), None),
            ],
        );
        assert_eq!(centres.len(), 2);
        assert_eq!(refused.len(), 2);
        assert!(matches!(
            refused[0].1,
            Refusal::File(SummaryFileError::Malformed(_))
        ));
        assert_eq!(refused[1].1, Refusal::Unreadable);
    }

    #[test]
    fn the_same_export_twice_is_refused_naming_the_centre_it_repeats() {
        let mut centres = Vec::new();
        add(&mut centres, vec![("a.json".into(), Some(summary(0.0)))]);
        let refused = add(
            &mut centres,
            vec![("a copy.json".into(), Some(summary(0.0)))],
        );
        assert_eq!(centres.len(), 1);
        assert_eq!(
            refused,
            vec![("a copy.json".to_owned(), Refusal::Same { centre: 0 })]
        );
        assert_eq!(
            refusal_text(&Text::english(), &refused[0].1),
            "the same export as centre 1 (identical content): not added twice."
        );
    }

    #[test]
    fn time_bins_are_written_without_trailing_zeros_only_after_the_point() {
        let t = Text::english();
        assert_eq!(grid_text(&t, 1.0), "1");
        assert_eq!(grid_text(&t, 10.0), "10");
        assert_eq!(grid_text(&t, 0.5), "0.5");
        assert_eq!(grid_text(&t, 3.25), "3.25");
    }

    #[test]
    fn hazard_ratios_are_written_from_their_logarithms() {
        // ln 2 = 0.693147; e^(ln 2 ± 0.5) = 1.21, 3.30.
        let t = Text::english();
        assert_eq!(
            hr_text(&t, 2f64.ln(), 2f64.ln() - 0.5, 2f64.ln() + 0.5),
            "2.00 (1.21–3.30)"
        );
        assert_eq!(p_text(&t, 0.0004), "< 0.001");
        assert_eq!(p_text(&t, 0.0456), "0.046");
    }

    #[test]
    fn the_papers_reference_line_is_table_2s_and_table_3s_univariate_hr() {
        // Table 2, IL6 univariate 2.4; Table 3, IL8 univariate 1.5; none for PFS.
        assert_eq!(
            papers_hazard_ratio(Endpoint::OverallSurvival, Marker::Il6).map(|(hr, _)| hr),
            Some(2.4)
        );
        assert_eq!(
            papers_hazard_ratio(Endpoint::TimeToLiverDysfunction, Marker::Il8).map(|(hr, _)| hr),
            Some(1.5)
        );
        assert_eq!(
            papers_hazard_ratio(Endpoint::ProgressionFreeSurvival, Marker::Il6),
            None
        );
    }
}
