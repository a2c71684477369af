//! Where things go on the canvas, in the drawing's own pixel units (the SVG
//! `viewBox`), and the mapping from study units to those pixels.
//!
//! From top to bottom: title, reconstruction label, legend (one row per
//! group), the published statistics, the plot, the x axis, and the risk
//! table whose columns sit under the x ticks.
//!
//! The drawing is scaled by the browser to its container's width, so what
//! a reader sees is a size in viewBox units times (rendered width / viewBox
//! width). The wide and narrow layouts are for a desk or a phone; the
//! presentation layout is for a shared screen read from across a room: a
//! small viewBox for its type sizes (so the type comes out large), thick
//! lines and no risk table (issue 16).

use crate::geometry::KmChartGeometry;

/// Type sizes, in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FontSizes {
    /// The chart's title.
    pub title: f64,
    /// Legend, axis titles, risk-table headings.
    pub body: f64,
    /// Tick labels, median labels and the risk table's numbers.
    pub ticks: f64,
    /// The reconstruction label and the published statistics.
    pub note: f64,
}

/// Line widths, in viewBox units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strokes {
    /// The patient's group's curve: the widest, which is its emphasis.
    pub patient: u32,
    /// The other group's curve once the patient's is known: thinner, but in
    /// full colour (a faded curve drops below 3:1 contrast on white).
    pub other: u32,
    /// Both curves before any patient is known.
    pub neutral: u32,
    /// Axes and ticks.
    pub axis: u32,
}

/// A drawing's size and the positions of its blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Drawing width, pixels.
    pub width: u32,
    /// Plot rectangle: left, top, right, bottom.
    pub plot: (i32, i32, i32, i32),
    /// Baselines of the header lines (with `flow`, only the first: each
    /// block then follows the one before).
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
    /// Long header lines break in two at fixed places (see `draw.rs`).
    pub narrow: bool,
    /// Header lines break wherever they must to fit the width, and each
    /// header block follows the one before (see `draw::header_lines`).
    pub flow: bool,
    /// Font sizes.
    pub font: FontSizes,
    /// Line widths.
    pub strokes: Strokes,
    /// Left edge of the header text and the legend's swatches.
    pub margin: i32,
    /// From the y axis to the centre of its (rotated) title.
    pub y_title_offset: i32,
    /// Whether the number-at-risk table is drawn under the plot.
    pub risk_table: bool,
    /// Whether the reconstruction label is drawn in the header (the title
    /// says "reconstruction of Fig. …" either way).
    pub label: bool,
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
            flow: false,
            font: DESK_FONT,
            strokes: DESK_STROKES,
            margin: 24,
            y_title_offset: 76,
            risk_table: true,
            label: true,
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
            narrow: true,
            ..Layout::wide()
        }
    }

    /// For presentation mode on a shared screen (issue 16): all type 21
    /// units on a drawing 600 wide, 2.4 times the wide layout's ratio (14 on 960),
    /// so that where the chart gets about 830 CSS pixels of width (1920×1080)
    /// the ticks come out at 21 × 830 / 600 = 29 pixels, and where it gets
    /// 480 (1280×720), at 17; curves 8 and 11 units thick; header lines
    /// wrapped to the width. Left out, because the page shows them beside
    /// the drawing and they would not fit at this size: the risk table
    /// (in the page's table) and the reconstruction label (in the note
    /// above the chart; the title still says "reconstruction of Fig. …").
    pub fn presentation() -> Self {
        Layout {
            width: 600,
            plot: (104, PRESENTATION_PLOT_TOP, 576, PRESENTATION_PLOT_TOP + 320),
            title_y: 26,
            label_y: 0,
            legend_y: 0,
            statistics_y: 0,
            row_height: 0,
            legend_step: 0,
            continuation: 0,
            narrow: false,
            flow: true,
            font: FontSizes {
                title: 21.0,
                body: 21.0,
                ticks: 21.0,
                note: 21.0,
            },
            // Thick enough for 4 CSS px at the letterboxed scale of a
            // 1280×720 beamer (about 0.55 px per unit).
            strokes: Strokes {
                patient: 11,
                other: 8,
                neutral: 9,
                axis: 2,
            },
            margin: 12,
            y_title_offset: 80,
            risk_table: false,
            label: false,
        }
    }

    /// Presentation mode, fitted to the chart's cell on screen (issue 16):
    /// a drawing of `width` × `height` units shown at one unit per CSS
    /// pixel, so that every size chosen here is the size the audience sees
    /// (no letterboxing, no scaling). All type is the same size, chosen from
    /// the window's height (`viewport_height`, CSS px): 25 px at 1080 and
    /// in proportion, so 16.7 px at 720, one pixel above the issue's
    /// 24 px at 1080 and its proportional floor below. Curves at least
    /// 5 px (the issue asks for 4; the cell's size is measured in whole
    /// pixels, so the drawing may be scaled by a hair under 1). The header wraps to the width and the plot takes what is left;
    /// a cell too small for a plot of four lines' height gets a taller
    /// drawing (letterboxed) rather than a broken one.
    pub fn for_screen(
        geometry: &KmChartGeometry,
        width: u32,
        height: u32,
        viewport_height: f64,
    ) -> Self {
        let size = if viewport_height.is_finite() {
            (SCREEN_TYPE_AT_1080 * viewport_height / 1080.0).clamp(12.0, 48.0)
        } else {
            SCREEN_TYPE_AT_1080
        };
        let other = ((size * 0.24).round() as u32).max(5);
        let strokes = Strokes {
            patient: other + 3,
            other,
            neutral: other + 1,
            axis: 2,
        };
        Layout::fitted(geometry, width, height, size, strokes)
    }

    /// Paper (issue 16): a drawing the full width of the printed page, A4
    /// or Letter (190 mm, 718 CSS px, between 10 mm margins) and 264 units
    /// (70 mm) high, with 11-unit type: 11 px × 0.75 pt/px = 8.25 pt at A4
    /// width (Letter's is a little wider), above the 7 pt.
    pub fn for_paper(geometry: &KmChartGeometry) -> Self {
        Layout::fitted(
            geometry,
            PAPER_WIDTH,
            PAPER_HEIGHT,
            PAPER_TYPE,
            DESK_STROKES,
        )
    }

    /// A drawing `width` × `height` with all type at `size`, the header
    /// wrapped to the width and the plot in the rest, no risk table.
    fn fitted(
        geometry: &KmChartGeometry,
        width: u32,
        height: u32,
        size: f64,
        strokes: Strokes,
    ) -> Self {
        let width = width.clamp(200, 20_000);
        let height = height.clamp(100, 20_000);
        let units = |x: f64| x.round() as i32;
        // The y tick labels ("100%": 2.9 em of DejaVu Sans) right-aligned
        // 10 units left of the axis, and the rotated title beyond them.
        let margin = 12;
        let y_title_offset = 10 + units(3.8 * size);
        let left = margin + y_title_offset + units(0.7 * size);
        // The last x tick label ("36") is centred on the right edge.
        let right = i32::try_from(width).unwrap_or(i32::MAX) - margin - units(0.7 * size);
        let mut layout = Layout {
            width,
            plot: (left, 0, right, 0),
            title_y: units(1.25 * size) + 4,
            label_y: 0,
            legend_y: 0,
            statistics_y: 0,
            row_height: 0,
            legend_step: 0,
            continuation: 0,
            narrow: false,
            flow: true,
            font: FontSizes {
                title: size,
                body: size,
                ticks: size,
                note: size,
            },
            strokes,
            margin,
            y_title_offset,
            risk_table: false,
            label: false,
        };
        // Below the header's last baseline: its descenders, then the top
        // half of the "100%" tick label centred on the plot's top edge.
        let top = crate::draw::header_bottom(geometry, &layout) + units(1.2 * size);
        // Below the plot: tick labels and the axis title (see `height`).
        let below = 10 + units(1.2 * size + 7.0) + line_step(size) + 12;
        let bottom =
            (i32::try_from(height).unwrap_or(i32::MAX) - below).max(top + units(4.0 * size));
        layout.plot = (left, top, right, bottom);
        layout
    }

    /// The drawing's height for a geometry: the plot plus the x axis and,
    /// when drawn, the risk table (a label row and three number rows per
    /// group).
    pub fn height(&self, geometry: &KmChartGeometry) -> u32 {
        let total = if self.risk_table {
            let groups = i32::try_from(geometry.risk_table.len()).unwrap_or(0);
            let table = groups * 4 * self.row_height + groups * 8;
            self.risk_table_top() + table + 12
        } else {
            self.x_title_top() + line_step(self.font.body) + 12
        };
        u32::try_from(total).unwrap_or(0)
    }

    /// Where the risk table starts: below the x tick labels and axis title.
    pub fn risk_table_top(&self) -> i32 {
        self.plot.3 + 76
    }

    /// The top of the x tick labels: below the ticks.
    pub fn x_tick_label_top(&self) -> i32 {
        self.plot.3 + 10
    }

    /// The top of the x axis title: below the tick labels.
    pub fn x_title_top(&self) -> i32 {
        self.x_tick_label_top() + (self.font.ticks * 1.2 + 7.0).round() as i32
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

/// The wide and narrow layouts' type: unchanged since issue 4.
const DESK_FONT: FontSizes = FontSizes {
    title: 20.0,
    body: 16.0,
    ticks: 14.0,
    note: 14.0,
};

/// The wide and narrow layouts' lines.
const DESK_STROKES: Strokes = Strokes {
    patient: 4,
    other: 2,
    neutral: 3,
    axis: 1,
};

/// Where the presentation plot starts: below the tallest header any view
/// has (checked for every view in `draw.rs`'s tests).
const PRESENTATION_PLOT_TOP: i32 = 316;

/// Presentation type at a window 1080 CSS px high (`Layout::for_screen`).
const SCREEN_TYPE_AT_1080: f64 = 25.0;

/// The paper drawing (`Layout::for_paper`).
const PAPER_WIDTH: u32 = 718;
const PAPER_HEIGHT: u32 = 264;
const PAPER_TYPE: f64 = 11.0;

/// The widest a character of the browser's sans-serif is on average, in
/// ems: DejaVu Sans (Linux's usual default, wider than Arial or Helvetica)
/// averages about 0.55 em over mixed text and 0.6 em in bold; the margin
/// covers lines heavy in digits and capitals. Header lines are wrapped by
/// it, never measured.
pub(crate) const CHAR_EM: f64 = 0.6;
pub(crate) const BOLD_CHAR_EM: f64 = 0.66;

/// From one baseline to the next in a block of wrapped text.
pub(crate) fn line_step(size: f64) -> i32 {
    (size * 1.25).round() as i32
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

    fn two_groups() -> KmChartGeometry {
        let data = survival::SurvivalData::new(vec![1.0, 2.0], vec![true, false]).unwrap();
        KmChartGeometry::compute(&crate::KmChartInput {
            endpoint: study::published::Endpoint::OverallSurvival,
            marker: study::published::Marker::Il6,
            low: &data,
            high: &data,
            patient_group: None,
            text: &text::Text::english(),
        })
    }

    #[test]
    fn the_wide_drawing_keeps_its_height_with_the_risk_table() {
        // Table top 520 + 76 = 596; two groups of 4 rows of 24 and 8 apart,
        // and 12 below: 596 + 192 + 16 + 12 = 816, as before issue 16.
        assert_eq!(Layout::wide().height(&two_groups()), 816);
    }

    #[test]
    fn the_presentation_drawing_ends_below_the_x_axis_title_without_a_risk_table() {
        // Plot bottom 316 + 320 = 636; tick labels from 646; axis title from
        // 646 + round(21 × 1.2 + 7) = 678; one line of 21 (26) and 12 below.
        let l = Layout::presentation();
        assert_eq!(l.x_title_top(), 678);
        assert_eq!(l.height(&two_groups()), 678 + 26 + 12);
        assert!(!l.risk_table);
    }

    #[test]
    fn the_presentation_type_is_larger_against_its_width_and_its_lines_thicker() {
        // Type: 21 / 600 = 0.035 of the width against 14 / 960 = 0.0146.
        let (p, w) = (Layout::presentation(), Layout::wide());
        let ratio = |l: &Layout| l.font.ticks / f64::from(l.width);
        assert!(ratio(&p) > 2.4 * ratio(&w));
        let smallest = [p.font.title, p.font.body, p.font.ticks, p.font.note]
            .into_iter()
            .fold(f64::INFINITY, f64::min);
        assert_eq!(smallest, p.font.ticks, "no text smaller than the ticks");
        // The patient's curve is the widest; the comparison is not faded
        // but thinner (drawn in full colour, see draw.rs).
        let s = p.strokes;
        assert!(s.patient > s.neutral && s.neutral > s.other);
        assert!(
            f64::from(s.other) / f64::from(p.width)
                > 2.0 * f64::from(w.strokes.other) / f64::from(w.width)
        );
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
