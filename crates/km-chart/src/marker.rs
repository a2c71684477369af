//! One point marked on a drawn chart (issue 13: the patient's liver-
//! dysfunction event, or last event-free follow-up, on the time-to-liver-
//! dysfunction curves). Separate from the drawing and its labels: it adds a
//! group to the SVG the drawing produced, at the layout's own mapping of
//! study units to pixels, with a label the caller words.

use crate::geometry::KmChartGeometry;
use crate::layout::Layout;

/// A point in study units and its label (in the reader's language).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMarker {
    /// Months since the start of follow-up.
    pub months: f64,
    /// Share free of the endpoint, 0–1.
    pub share: f64,
    /// Drawn beside the point.
    pub label: String,
}

/// `svg` (as [`crate::render_svg`] drew `geometry` on `layout`) with the
/// marker added; unchanged when the point lies outside the plotted months or
/// is not a number.
pub fn with_marker(
    svg: &str,
    geometry: &KmChartGeometry,
    layout: &Layout,
    marker: &ChartMarker,
) -> String {
    let in_range = marker.months.is_finite()
        && marker.share.is_finite()
        && (0.0..=geometry.x_max).contains(&marker.months);
    let Some(end) = svg.rfind("</svg>").filter(|_| in_range) else {
        return svg.to_owned();
    };
    let (x, y) = layout.point((marker.months, marker.share), geometry.x_max);
    let r = i32::try_from(layout.strokes.patient.saturating_mul(5) / 2)
        .unwrap_or(4)
        .max(4);
    let size = layout.font.ticks;
    // Left of the point in the right half of the plot, so the label stays inside.
    let (_, _, right, _) = layout.plot;
    let (anchor, dx) = if x > right - (right - layout.plot.0) / 2 {
        ("end", -r - 4)
    } else {
        ("start", r + 4)
    };
    let label = escape(&marker.label);
    format!(
        "{}<g data-testid=\"km-followup-marker\"><circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/><text x=\"{x}\" y=\"{y}\" dx=\"{dx}\" dy=\"-{r}\" text-anchor=\"{anchor}\" font-size=\"{size}\" font-family=\"sans-serif\">{label}</text></g>{}",
        &svg[..end],
        &svg[end..]
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cohort::ReferenceCurves;
    use crate::{render_svg, KmChartInput};
    use study::{Endpoint, Group, Marker};

    fn chart() -> (KmChartGeometry, Layout, String) {
        let curves = ReferenceCurves::load().expect("loads");
        let group = |g| {
            curves
                .group(Endpoint::TimeToLiverDysfunction, Marker::Il6, g)
                .expect("a group")
        };
        let geometry = KmChartGeometry::compute(&KmChartInput {
            endpoint: Endpoint::TimeToLiverDysfunction,
            marker: Marker::Il6,
            low: group(Group::Low),
            high: group(Group::High),
            patient_group: Some(Group::High),
            text: &text::Text::english(),
        });
        let layout = Layout::wide();
        let svg = render_svg(&geometry, &layout).expect("draws");
        (geometry, layout, svg)
    }

    #[test]
    fn the_marker_sits_at_the_layouts_point_with_its_label_escaped() {
        let (geometry, layout, svg) = chart();
        let marker = ChartMarker {
            months: 3.0,
            share: 0.9,
            label: "event <3 months> & more".into(),
        };
        let marked = with_marker(&svg, &geometry, &layout, &marker);
        let (x, y) = layout.point((3.0, 0.9), geometry.x_max);
        assert!(
            marked.contains(&format!("cx=\"{x}\" cy=\"{y}\"")),
            "{marked}"
        );
        assert!(marked.contains("event &lt;3 months&gt; &amp; more"));
        assert!(marked.ends_with("</svg>\n") || marked.ends_with("</svg>"));
        assert_eq!(marked.matches("km-followup-marker").count(), 1);
    }

    #[test]
    fn a_point_outside_the_plotted_months_is_not_drawn() {
        let (geometry, layout, svg) = chart();
        for months in [geometry.x_max + 1.0, -1.0, f64::NAN] {
            let marker = ChartMarker {
                months,
                share: 0.5,
                label: "x".into(),
            };
            assert_eq!(with_marker(&svg, &geometry, &layout, &marker), svg);
        }
    }
}
