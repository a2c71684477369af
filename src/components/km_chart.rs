//! The Kaplan–Meier reference chart: the study's curves for a chosen
//! endpoint and marker, the patient's group drawn prominently, with the
//! numbers as tables for screen readers and a download of the data.
//!
//! All the work is in the `km-chart` crate; this component only keeps the
//! endpoint and marker chosen, asks for the geometry and SVG once per change
//! (`use_memo`) and lays them out.

use std::rc::Rc;

use calculator_core::published::{km_comparison, Endpoint, Marker};
use calculator_core::Group;
use km_chart::cohort::ReferenceCurves;
use km_chart::{
    csv_data_url, group_label, render_svg, render_svg_file, svg_data_url, with_marker, ChartMarker,
    KmChartGeometry, KmChartInput, Layout, SURVIVAL_TABLE_MONTHS,
};
use text::Text;
use yew::prelude::*;

use crate::chart_export::{download, download_png};
use crate::i18n::{use_text, TextHandle};
use crate::study_text as words;
use crate::window_events::WindowListener;

#[derive(Properties, PartialEq)]
pub struct KmChartProps {
    /// The patient's IL6 group, once a valid IL6 is entered.
    pub il6_group: Option<Group>,
    /// The patient's IL8 group, once a valid IL8 is entered.
    pub il8_group: Option<Group>,
    /// The "outside the studied population" mark, when it applies.
    #[prop_or_default]
    pub outside_mark: Html,
    /// Presentation mode: the chart is drawn fitted to its cell on screen
    /// (large type, thick lines, no risk table) for a shared screen.
    #[prop_or_default]
    pub presentation: bool,
    /// Printing: the chart is drawn for the page's width, whatever the mode.
    #[prop_or_default]
    pub printing: bool,
    /// Presentation mode's fitting step (app.rs): a new step resizes the
    /// chart's cell, and the new prop makes the chart measure it again.
    #[prop_or_default]
    pub fit_step: usize,
    /// The patient's liver-dysfunction event (or last event-free follow-up)
    /// on the patient's IL6 group's curve, marked on the time-to-liver-
    /// dysfunction chart by IL6 only (issue 13).
    #[prop_or_default]
    pub follow_up_marker: Option<ChartMarker>,
}

/// The reference data, loaded once per page: it does not change while the
/// page is open, and every view is cut from it.
struct Reference {
    curves: Result<ReferenceCurves, String>,
    download: Option<AttrValue>,
}

thread_local! {
    static REFERENCE: Rc<Reference> = Rc::new({
        let curves = ReferenceCurves::load().map_err(|e| e.to_string());
        let download = curves
            .as_ref()
            .ok()
            .map(|c| AttrValue::from(csv_data_url(c.csv())));
        Reference { curves, download }
    });
}

/// A reading off the reference curves (the follow-up's course beside the
/// study); `None` when the reference data did not load.
pub fn reference_reading(
    endpoint: Endpoint,
    marker: Marker,
    group: Group,
    months: f64,
) -> Option<km_chart::CurveReading> {
    REFERENCE.with(|reference| {
        reference
            .curves
            .as_ref()
            .ok()?
            .reading(endpoint, marker, group, months)
    })
}

/// One view, computed once per change of endpoint, marker, patient group
/// or drawing.
struct ChartView {
    geometry: KmChartGeometry,
    svg: Result<AttrValue, String>,
    drawing: Drawing,
}

/// Below this window width (CSS pixels) the chart is drawn on the narrow
/// layout, whose text shrinks far less when scaled to a phone's width.
const NARROW_BELOW_PX: f64 = 700.0;

fn window_is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < NARROW_BELOW_PX)
}

/// The chart's cell on screen and the window's height, in CSS px: what a
/// presentation drawing is fitted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    width: u32,
    height: u32,
    viewport_height: u32,
}

impl Cell {
    /// The inside of the chart's box (the SVG fills it, see style.css),
    /// once it is laid out.
    fn of(element: &web_sys::Element) -> Option<Cell> {
        let size = |v: i32| u32::try_from(v).ok().filter(|&v| v > 0);
        let viewport = web_sys::window()?.inner_height().ok()?.as_f64()?;
        Some(Cell {
            width: size(element.client_width())?,
            height: size(element.client_height())?,
            viewport_height: viewport as u32,
        })
    }
}

/// Which layout the chart is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drawing {
    Wide,
    Narrow,
    /// Presentation mode before its cell is measured (one frame).
    Presentation,
    /// Presentation mode, fitted to its cell.
    Screen(Cell),
    /// Printing, from any mode.
    Paper,
}

impl Drawing {
    /// For the `data-layout` attribute the end-to-end tests read.
    fn name(self) -> &'static str {
        match self {
            Drawing::Wide => "wide",
            Drawing::Narrow => "narrow",
            Drawing::Presentation | Drawing::Screen(_) => "presentation",
            Drawing::Paper => "paper",
        }
    }

    /// The cell a presentation drawing was fitted to, "width×height", for
    /// the `data-fit` attribute the end-to-end tests wait for.
    fn fit(self) -> Option<String> {
        match self {
            Drawing::Screen(cell) => Some(format!("{}x{}", cell.width, cell.height)),
            _ => None,
        }
    }

    fn layout(self, geometry: &KmChartGeometry) -> Layout {
        match self {
            Drawing::Wide => Layout::wide(),
            Drawing::Narrow => Layout::narrow(),
            Drawing::Presentation => Layout::presentation(),
            Drawing::Screen(cell) => Layout::for_screen(
                geometry,
                cell.width,
                cell.height,
                f64::from(cell.viewport_height),
            ),
            Drawing::Paper => Layout::for_paper(geometry),
        }
    }
}

fn compute_view(
    t: &Text,
    reference: &Reference,
    endpoint: Endpoint,
    marker: Marker,
    patient_group: Option<Group>,
    drawing: Drawing,
    follow_up: Option<&ChartMarker>,
) -> Result<ChartView, String> {
    let curves = reference.curves.as_ref().map_err(Clone::clone)?;
    let group = |g| {
        curves
            .group(endpoint, marker, g)
            .ok_or_else(|| t.chart_no_data(words::km_endpoint(t, endpoint), marker.label()))
    };
    let geometry = KmChartGeometry::compute(&KmChartInput {
        endpoint,
        marker,
        low: group(Group::Low)?,
        high: group(Group::High)?,
        patient_group,
        text: t,
    });
    let layout = drawing.layout(&geometry);
    let svg = render_svg(&geometry, &layout)
        .map(|svg| match follow_up {
            Some(point)
                if endpoint == Endpoint::TimeToLiverDysfunction && marker == Marker::Il6 =>
            {
                with_marker(&svg, &geometry, &layout, point)
            }
            _ => svg,
        })
        .map(AttrValue::from)
        .map_err(|e| e.to_string());
    Ok(ChartView {
        geometry,
        svg,
        drawing,
    })
}

#[component]
pub fn KmChart(props: &KmChartProps) -> Html {
    let t = use_text();
    let reference = use_memo((), |_| REFERENCE.with(Rc::clone));
    let endpoint = use_state_eq(|| Endpoint::OverallSurvival);
    let marker = use_state_eq(|| Marker::Il6);
    let patient_group = match *marker {
        Marker::Il6 => props.il6_group,
        Marker::Il8 => props.il8_group,
    };
    let narrow = use_state_eq(window_is_narrow);
    // Presentation mode draws the chart for its cell's size on screen,
    // measured after each render (the SVG is laid over the cell, so its
    // drawing never changes the cell) and again on every resize.
    let cell_ref = use_node_ref();
    let cell = use_state_eq(|| None::<Cell>);
    let rerender = use_force_update();
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            let listener = WindowListener::new("resize", move |_| {
                narrow.set(window_is_narrow());
                rerender.force_update();
            });
            move || drop(listener)
        });
    }
    {
        let (cell, cell_ref) = (cell.clone(), cell_ref.clone());
        let measure = props.presentation && !props.printing;
        use_effect(move || {
            if let Some(element) = cell_ref.cast::<web_sys::Element>().filter(|_| measure) {
                if let Some(measured) = Cell::of(&element) {
                    cell.set(Some(measured));
                }
            }
        });
    }
    let drawing = match (props.printing, props.presentation, *cell, *narrow) {
        (true, ..) => Drawing::Paper,
        (false, true, Some(cell), _) => Drawing::Screen(cell),
        (false, true, None, _) => Drawing::Presentation,
        (false, false, _, true) => Drawing::Narrow,
        (false, false, _, false) => Drawing::Wide,
    };
    let view = use_memo(
        (
            *endpoint,
            *marker,
            patient_group,
            drawing,
            props.follow_up_marker.clone(),
            t.clone(),
        ),
        |(e, m, g, d, point, t)| compute_view(t, &reference, *e, *m, *g, *d, point.as_ref()),
    );

    // Exports always use the wide layout, whatever the screen: the file is
    // for slides and the record, not for this window.
    let export_status = use_state(String::new);
    let export = |png: bool| {
        let view = view.clone();
        let status = export_status.clone();
        let t = t.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(view) = &*view else { return };
            let layout = Layout::wide();
            let name = format!(
                "km-{}-{}",
                view.geometry.endpoint.code(),
                view.geometry.marker.code()
            );
            let svg = match render_svg_file(&view.geometry, &layout) {
                Ok(svg) => svg,
                Err(error) => return status.set(t.chart_export_failed(&error.to_string())),
            };
            let url = svg_data_url(&svg);
            if png {
                let status = status.clone();
                let done = t.chart_saved(&format!("{name}.png"));
                let t = t.clone();
                download_png(
                    &url,
                    layout.width,
                    layout.height(&view.geometry),
                    format!("{name}.png"),
                    move |result| {
                        status.set(match result {
                            Ok(()) => done.clone(),
                            Err(e) => t.chart_export_png_failed(e.0),
                        })
                    },
                );
            } else {
                status.set(match download(&url, &format!("{name}.svg")) {
                    Ok(()) => t.chart_saved(&format!("{name}.svg")),
                    Err(e) => t.chart_export_svg_failed(e.0),
                });
            }
        })
    };

    let endpoint_choice = |choice: Endpoint| {
        let endpoint = endpoint.clone();
        let code = choice.code();
        html! {
            <label>
                <input type="radio" name="km-endpoint" value={code}
                    data-testid={format!("km-endpoint-{code}")}
                    checked={*endpoint == choice}
                    onchange={Callback::from(move |_: Event| endpoint.set(choice))} />
                { words::km_endpoint(&t, choice) }
            </label>
        }
    };
    let marker_choice = |choice: Marker| {
        let marker = marker.clone();
        let code = choice.code();
        html! {
            <label>
                <input type="radio" name="km-marker" value={code}
                    data-testid={format!("km-marker-{code}")}
                    checked={*marker == choice}
                    onchange={Callback::from(move |_: Event| marker.set(choice))} />
                { choice.label() }
            </label>
        }
    };

    html! {
        <section class="km" aria-labelledby="km-heading" data-testid="km-section">
            <h2 id="km-heading">{ t.chart_heading() }</h2>
            { props.outside_mark.clone() }
            <p class="km-reconstruction" role="note" data-testid="km-reconstruction-label">
                { t.chart_reconstruction() }
            </p>
            <div class="km-controls">
                <fieldset>
                    <legend>{ t.chart_endpoint() }</legend>
                    { for Endpoint::ALL.into_iter().map(endpoint_choice) }
                </fieldset>
                <fieldset>
                    <legend>{ t.chart_marker() }</legend>
                    { for Marker::ALL.into_iter().map(marker_choice) }
                </fieldset>
            </div>
            {
                match &*view {
                    Ok(view) => chart(&t, view, patient_group, &cell_ref),
                    Err(reason) => html! {
                        <p class="error" role="alert" data-testid="km-error">
                            { t.chart_unavailable(reason) }
                        </p>
                    },
                }
            }
            <p class="km-export">
                <button type="button" data-testid="km-export-svg" onclick={export(false)}>{ t.chart_export_svg() }</button>
                <button type="button" data-testid="km-export-png" onclick={export(true)}>{ t.chart_export_png() }</button>
                <span role="status" data-testid="km-export-status">{ (*export_status).clone() }</span>
            </p>
            if let Some(href) = &reference.download {
                <p class="km-download">
                    <a data-testid="km-download-csv" href={href.clone()} download="reconstructed_cohort.csv">
                        { t.chart_download_csv() }
                    </a>
                    { " " }{ t.chart_download_columns() }
                </p>
            }
        </section>
    }
}

fn chart(t: &TextHandle, view: &ChartView, patient_group: Option<Group>, cell: &NodeRef) -> Html {
    let g = &view.geometry;
    let comparison = km_comparison(g.endpoint, g.marker);
    let patient_note = match patient_group {
        Some(group) => t.chart_highlighted(&group_label(t, g.marker, group)),
        None => t.chart_enter_marker(g.marker.label()),
    };
    html! {
        <>
            <p class="km-figure">
                { t.chart_paper() }{ " " }<strong data-testid="km-figure">{ g.text.figure }</strong>
                <span lang="en">{ where_in_the_paper(comparison.source, g.text.figure) }</span>
            </p>
            <p class="km-patient" data-testid="km-patient-group">{ patient_note }</p>
            <figure class="km-figure-box">
                {
                    match &view.svg {
                        Ok(svg) => html! {
                            <div class="km-chart" data-testid="km-chart" role="img" ref={cell.clone()}
                                data-layout={view.drawing.name()} data-fit={view.drawing.fit()}
                                aria-label={t.chart_aria(&g.text.title)}>
                                { Html::from_html_unchecked(svg.clone()) }
                            </div>
                        },
                        Err(reason) => html! {
                            <p class="error" role="alert" data-testid="km-error">{ reason.clone() }</p>
                        },
                    }
                }
                <figcaption>
                    <p class="km-band-note" data-testid="km-band-note">{ t.chart_band_note() }</p>
                    <ul class="km-legend">
                        { for g.curves.iter().map(|curve| {
                            let published = match curve.group {
                                Group::Low => comparison.low,
                                Group::High => comparison.high,
                            };
                            let is_patient = patient_group == Some(curve.group);
                            html! {
                                <li data-testid={format!("km-legend-{}", curve.group.code())}
                                    data-patient={is_patient.to_string()}
                                    class={classes!("km-legend-item", is_patient.then_some("patient"))}>
                                    <svg class="km-swatch" viewBox="0 0 40 10" aria-hidden="true">
                                        <line x1="0" y1="5" x2="40" y2="5" stroke={curve.colour.hex()}
                                            stroke-width="3" stroke-dasharray={curve.dash.dasharray()} />
                                    </svg>
                                    <span>
                                        if is_patient {
                                            <strong>{ t.chart_patient_lead() }{ " " }</strong>
                                        }
                                        { t.chart_legend_reconstruction(&curve.legend()) }
                                        <span class="km-published">{ t.chart_published_median(&words::median(t, published)) }</span>
                                    </span>
                                </li>
                            }
                        }) }
                    </ul>
                    <p class="km-statistics" data-testid="km-statistics">{ g.text.statistics.clone() }</p>
                </figcaption>
            </figure>
            { survival_table(t, g) }
            { risk_table(t, g) }
        </>
    }
}

/// The rest of the published source (`Results, Overall survival`) once the
/// figure, already named, is left out.
fn where_in_the_paper(source: &str, figure: &str) -> String {
    let rest: Vec<&str> = source
        .split("; ")
        .filter(|part| !figure.contains(part) && !part.contains(figure))
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!(" ({})", rest.join("; "))
    }
}

fn survival_table(t: &Text, g: &KmChartGeometry) -> Html {
    let mut groups: Vec<Group> = g.survival_table.iter().map(|r| r.group).collect();
    groups.dedup();
    html! {
        <div class="km-scroll">
        <table class="km-table" data-testid="km-survival-table">
            <caption>{ t.chart_survival_caption(&g.text.y_axis) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ t.chart_group() }</th>
                    { for SURVIVAL_TABLE_MONTHS.iter().map(|&m| html! { <th scope="col">{ t.chart_months(&text::fixed(m, 0).unwrap_or_default()) }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for groups.into_iter().map(|group| html! {
                    <tr data-testid={format!("km-survival-{}", group.code())}>
                        <th scope="row">{ group_label(t, g.marker, group) }</th>
                        { for g.survival_table.iter().filter(|r| r.group == group).map(|r| html! {
                            <td>
                                { r.surv_text(t) }
                                if r.beyond_follow_up { { " " }{ t.chart_after_follow_up() } }
                            </td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}

fn risk_table(t: &Text, g: &KmChartGeometry) -> Html {
    let times = g
        .risk_table
        .first()
        .map(|t| t.columns.clone())
        .unwrap_or_default();
    html! {
        <details class="km-details">
            <summary>{ t.chart_risk_summary() }</summary>
            <div class="km-scroll">
            <table class="km-table" data-testid="km-risk-table">
                <thead>
                    <tr>
                        <th scope="col">{ t.chart_group() }</th>
                        <th scope="col">{ t.chart_count() }</th>
                        { for times.iter().map(|c| html! { <th scope="col">{ t.chart_months_short(&c.months.to_string()) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for g.risk_table.iter().flat_map(|table| {
                        let [at_risk, events, censored] = &g.text.risk_rows;
                        let rows: [(&str, Vec<usize>); 3] = [
                            (at_risk, table.columns.iter().map(|c| c.at_risk).collect()),
                            (events, table.columns.iter().map(|c| c.events).collect()),
                            (censored, table.columns.iter().map(|c| c.censored).collect()),
                        ];
                        rows.into_iter().map(move |(name, values)| html! {
                            <tr>
                                <th scope="row">{ table.label.clone() }</th>
                                <th scope="row">{ name }</th>
                                { for values.iter().map(|v| html! { <td>{ v }</td> }) }
                            </tr>
                        })
                    }) }
                </tbody>
            </table>
            </div>
        </details>
    }
}
