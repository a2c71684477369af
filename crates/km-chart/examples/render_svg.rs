//! Writes a chart of made-up data to stdout as SVG, to look at while
//! working on the drawing: `cargo run -p km-chart --example render_svg > chart.svg`
//! (add `narrow` or `presentation` for those layouts).

use km_chart::{render_svg, KmChartGeometry, KmChartInput, Layout};
use study::published::{Endpoint, Marker};
use study::Group;
use survival::SurvivalData;

/// Deterministic exponential-looking follow-up: quantiles of an exponential
/// with the given median, every fourth patient censored.
fn group(n: usize, median: f64) -> SurvivalData {
    let rate = std::f64::consts::LN_2 / median;
    let times = (0..n)
        .map(|i| -((1.0 - (i as f64 + 0.5) / n as f64).ln()) / rate)
        .collect();
    let events = (0..n).map(|i| i % 4 != 3).collect();
    SurvivalData::new(times, events).expect("valid made-up data")
}

fn main() {
    let low = group(35, 19.0);
    let high = group(48, 7.8);
    let geometry = KmChartGeometry::compute(&KmChartInput {
        endpoint: Endpoint::OverallSurvival,
        marker: Marker::Il6,
        low: &low,
        high: &high,
        patient_group: Some(Group::High),
        text: &text::Text::english(),
    });
    let layout = match std::env::args().nth(1).as_deref() {
        Some("narrow") => Layout::narrow(),
        Some("presentation") => Layout::presentation(),
        _ => Layout::wide(),
    };
    match render_svg(&geometry, &layout) {
        Ok(svg) => print!("{svg}"),
        Err(error) => eprintln!("{error}"),
    }
}
