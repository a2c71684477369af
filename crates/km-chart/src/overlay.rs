//! A centre's own cohort drawn over the reference curves (issue 6): the same
//! chart, with the reference groups muted underneath and the cohort's groups
//! in full colour on top; the risk table and survival table are the
//! cohort's, since those are the numbers the user brought.
//!
//! Built from two ordinary [`KmChartGeometry`]s, so every curve is computed
//! by the same code as the reference chart's.

use survival::SurvivalData;

use crate::geometry::{Emphasis, KmChartGeometry, KmChartInput};
use crate::layout::Layout;

/// What an overlay chart is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct OverlayInput<'a> {
    /// The reference curves (endpoint, marker and the reference groups).
    /// Its `patient_group` is ignored: an overlay has no patient.
    pub reference: KmChartInput<'a>,
    /// The cohort's low group, split at the same published cutoff.
    pub cohort_low: &'a SurvivalData,
    /// The cohort's high group.
    pub cohort_high: &'a SurvivalData,
}

impl KmChartGeometry {
    /// The cohort's curves over the reference curves: the reference groups
    /// first, muted and without bands, then the cohort's groups drawn as
    /// the reference chart draws groups before any patient is known. Risk
    /// and survival tables are the cohort's. The caller may replace
    /// `text.statistics` with the cohort's own figures.
    pub fn compute_overlay(input: &OverlayInput<'_>) -> Self {
        let reference = KmChartGeometry::compute(&KmChartInput {
            patient_group: None,
            ..input.reference
        });
        let mut cohort = KmChartGeometry::compute(&KmChartInput {
            endpoint: input.reference.endpoint,
            marker: input.reference.marker,
            low: input.cohort_low,
            high: input.cohort_high,
            patient_group: None,
            text: input.reference.text,
        });
        let t = input.reference.text;
        let muted = reference.curves.into_iter().map(|mut curve| {
            curve.emphasis = Emphasis::Reference;
            curve.band = None;
            curve.label = t.chart_overlay_reference(&curve.label);
            curve
        });
        for curve in &mut cohort.curves {
            curve.label = t.chart_overlay_cohort(&curve.label);
            // A large cohort has a step per patient: no more points than the
            // drawing has pixel columns, so the SVG stays small.
            thin(&mut curve.steps, cohort.x_max);
            thin(&mut curve.censor_marks, cohort.x_max);
            if let Some(band) = &mut curve.band {
                thin(&mut band.points, cohort.x_max);
            }
        }
        for table in &mut cohort.risk_table {
            table.label = t.chart_overlay_cohort(&table.label);
        }
        cohort.curves = muted.chain(cohort.curves).collect();
        cohort.text.title = t.chart_overlay_title(
            wording::study::km_endpoint(t, input.reference.endpoint),
            input.reference.marker.label(),
            cohort.text.figure,
        );
        cohort
    }
}

/// Pixel columns a thinned curve keeps at most two points in.
const COLUMNS: f64 = 2000.0;

/// Keeps the first and last point of every run of consecutive points that
/// fall in one of [`COLUMNS`] columns across the axis: a staircase keeps its
/// shape to well under a pixel of the widest layout, and censor marks in
/// one column are drawn once.
fn thin(points: &mut Vec<(f64, f64)>, x_max: f64) {
    if points.len() as f64 <= COLUMNS || x_max <= 0.0 {
        return;
    }
    let column = |x: f64| (x / x_max * COLUMNS).floor();
    let mut kept: Vec<(f64, f64)> = Vec::with_capacity(4 * COLUMNS as usize);
    let mut i = 0;
    while i < points.len() {
        let c = column(points[i].0);
        let mut j = i;
        while j + 1 < points.len() && column(points[j + 1].0) == c {
            j += 1;
        }
        kept.push(points[i]);
        if j > i {
            kept.push(points[j]);
        }
        i = j + 1;
    }
    *points = kept;
}

impl Layout {
    /// The same layout with room for `rows` legend rows instead of two (an
    /// overlay has four): everything below the legend moves down.
    pub fn with_legend_rows(mut self, rows: i32) -> Self {
        let shift = (rows - 2).max(0) * self.legend_step;
        self.statistics_y += shift;
        self.plot.1 += shift;
        self.plot.3 += shift;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::render_svg;
    use study::published::{Endpoint, Marker};
    use study::Group;

    fn data(times: &[f64], events: &[bool]) -> SurvivalData {
        SurvivalData::new(times.to_vec(), events.to_vec()).unwrap()
    }

    fn overlay() -> KmChartGeometry {
        let (ref_low, ref_high) = (
            data(&[1.0, 2.0, 3.0], &[true, true, false]),
            data(&[1.0, 4.0], &[true, true]),
        );
        let (low, high) = (
            data(&[2.0, 5.0, 7.0, 9.0], &[true, false, true, true]),
            data(&[1.0, 3.0], &[true, false]),
        );
        KmChartGeometry::compute_overlay(&OverlayInput {
            reference: KmChartInput {
                endpoint: Endpoint::OverallSurvival,
                marker: Marker::Il6,
                low: &ref_low,
                high: &ref_high,
                patient_group: Some(Group::High),
                text: &text::Text::english(),
            },
            cohort_low: &low,
            cohort_high: &high,
        })
    }

    #[test]
    fn the_reference_curves_are_muted_under_the_cohorts_curves() {
        let g = overlay();
        let emphasis: Vec<Emphasis> = g.curves.iter().map(|c| c.emphasis).collect();
        assert_eq!(
            emphasis,
            [
                Emphasis::Reference,
                Emphasis::Reference,
                Emphasis::Neutral,
                Emphasis::Neutral
            ]
        );
        assert!(g.curves[..2].iter().all(|c| c.band.is_none()));
        assert!(g.curves[0].label.starts_with("Reference, "));
        assert!(g.curves[2].label.starts_with("Your cohort, "));
        assert_eq!((g.curves[2].n, g.curves[3].n), (4, 2));
        assert_eq!((g.curves[0].n, g.curves[1].n), (3, 2));
    }

    #[test]
    fn the_risk_table_is_the_cohorts_and_no_patient_is_marked() {
        let g = overlay();
        assert_eq!(g.patient_group, None);
        assert_eq!(g.risk_table.len(), 2);
        assert_eq!(g.risk_table[0].columns[0].at_risk, 4);
        assert_eq!(g.risk_table[1].columns[0].at_risk, 2);
        assert!(g.risk_table[0].label.starts_with("Your cohort, "));
    }

    #[test]
    fn thinning_keeps_each_columns_first_and_last_point_and_small_curves_whole() {
        let mut small = vec![(0.0, 1.0), (1.0, 0.5)];
        thin(&mut small, 36.0);
        assert_eq!(small, [(0.0, 1.0), (1.0, 0.5)]);
        // 10 000 steps over 36 months: at most two points per column.
        let mut many: Vec<(f64, f64)> = (0..10_000)
            .map(|i| {
                (
                    f64::from(i) * 36.0 / 10_000.0,
                    1.0 - f64::from(i) / 10_000.0,
                )
            })
            .collect();
        let (first, last) = (many[0], many[9_999]);
        thin(&mut many, 36.0);
        assert!(many.len() <= 2 * COLUMNS as usize);
        assert_eq!((many[0], *many.last().unwrap()), (first, last));
    }

    #[test]
    fn the_overlay_renders_with_four_legend_rows_above_the_plot() {
        let g = overlay();
        let layout = Layout::wide().with_legend_rows(4);
        assert_eq!(
            layout.plot.1,
            Layout::wide().plot.1 + 2 * layout.legend_step
        );
        let svg = render_svg(&g, &layout).unwrap();
        assert_eq!(
            svg.matches("Your cohort, IL6").count(),
            4,
            "legend and risk table"
        );
        assert!(svg.contains("Reference, IL6 low"));
    }
}
