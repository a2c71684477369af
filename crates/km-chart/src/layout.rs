//! Where things go on the canvas, in the drawing's own pixel units (the SVG
//! `viewBox`), and the mapping from study units to those pixels.
//!
//! From top to bottom: title, reconstruction label, legend (one row per
//! group), the published statistics, the plot, the x axis, and the risk
//! table whose columns sit under the x ticks.

use crate::geometry::KmChartGeometry;

/// A drawing's size and the positions of its blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Drawing width, pixels.
    pub width: u32,
    /// Plot rectangle: left, top, right, bottom.
    pub plot: (i32, i32, i32, i32),
    /// Baselines of the header lines.
    pub title_y: i32,
    /// The reconstruction label.
    pub label_y: i32,
    /// The first legend row; the next ones follow at `row_height`.
    pub legend_y: i32,
    /// The published statistics line.
    pub statistics_y: i32,
    /// Height of a risk-table row.
    pub row_height: i32,
    /// From one legend entry to the next.
    pub legend_step: i32,
    /// From a line to its continuation, when a narrow drawing breaks it.
    pub continuation: i32,
    /// Long header lines break in two (see `draw.rs`).
    pub narrow: bool,
    /// Font sizes, pixels: title, body, small.
    pub font: (f64, f64, f64),
}

impl Layout {
    /// 960 units wide: sharp on a 1920×1080 shared screen, scaled down by
    /// the browser on a phone (text stays vector).
    pub fn wide() -> Self {
        Layout {
            width: 960,
            plot: (104, 160, 928, 520),
            title_y: 30,
            label_y: 56,
            legend_y: 86,
            statistics_y: 138,
            row_height: 24,
            legend_step: 24,
            continuation: 20,
            narrow: false,
            font: (20.0, 16.0, 14.0),
        }
    }

    /// 540 units wide, for phones: the same type sizes on a narrower
    /// drawing, so text is scaled down far less; long header lines break.
    pub fn narrow() -> Self {
        Layout {
            width: 540,
            plot: (96, 262, 516, 562),
            title_y: 28,
            label_y: 74,
            legend_y: 124,
            statistics_y: 218,
            row_height: 24,
            legend_step: 46,
            continuation: 20,
            narrow: true,
            font: (20.0, 16.0, 14.0),
        }
    }

    /// The drawing's height for a geometry: the plot plus the x axis and the
    /// risk table (a label row and three number rows per group).
    pub fn height(&self, geometry: &KmChartGeometry) -> u32 {
        let groups = i32::try_from(geometry.risk_table.len()).unwrap_or(0);
        let table = groups * 4 * self.row_height + groups * 8;
        let total = self.risk_table_top() + table + 12;
        u32::try_from(total).unwrap_or(0)
    }

    /// Where the risk table starts: below the x tick labels and axis title.
    pub fn risk_table_top(&self) -> i32 {
        self.plot.3 + 76
    }

    /// Months to x pixels, clamped to the plot; anything not finite lands on
    /// the y axis.
    pub fn x(&self, months: f64, x_max: f64) -> i32 {
        let (left, _, right, _) = self.plot;
        let fraction = if months.is_finite() && x_max > 0.0 {
            (months / x_max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        left + (fraction * f64::from(right - left)).round() as i32
    }

    /// Survival probability to y pixels, clamped to the plot; anything not
    /// finite lands on the x axis.
    pub fn y(&self, surv: f64) -> i32 {
        let (_, top, _, bottom) = self.plot;
        let fraction = if surv.is_finite() {
            surv.clamp(0.0, 1.0)
        } else {
            0.0
        };
        bottom - (fraction * f64::from(bottom - top)).round() as i32
    }

    /// A (months, survival) point in pixels.
    pub fn point(&self, (months, surv): (f64, f64), x_max: f64) -> (i32, i32) {
        (self.x(months, x_max), self.y(surv))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn study_units_map_linearly_onto_the_plot_rectangle() {
        // Plot 104..928 (824 px) by 160..520 (360 px): 18 of 36 months is the
        // middle, 412 px from the left edge; S = 0.5 is 180 px above the bottom.
        let l = Layout::wide();
        assert_eq!(l.x(0.0, 36.0), 104);
        assert_eq!(l.x(18.0, 36.0), 104 + 412);
        assert_eq!(l.x(36.0, 36.0), 928);
        assert_eq!(l.y(1.0), 160);
        assert_eq!(l.y(0.5), 340);
        assert_eq!(l.y(0.0), 520);
    }

    #[test]
    fn values_outside_the_axes_or_not_finite_are_clamped_not_panicked_on() {
        let l = Layout::wide();
        assert_eq!(l.x(99.0, 36.0), 928);
        assert_eq!(l.x(-1.0, 36.0), 104);
        assert_eq!(l.x(f64::NAN, 36.0), 104);
        assert_eq!(l.x(5.0, 0.0), 104);
        assert_eq!(l.y(f64::INFINITY), 520);
        assert_eq!(l.y(1.5), 160);
    }
}
