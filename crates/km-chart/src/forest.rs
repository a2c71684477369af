//! The forest plot of a multi-centre analysis (issue 14): each centre's
//! hazard ratio (high vs low) with its 95% CI, the pooled estimates as
//! diamonds, the line of no difference at 1 and the paper's hazard ratio as
//! a dashed reference line, on a log scale.
//!
//! Like the Kaplan–Meier chart: plain data in, an SVG string out, drawn
//! with plotters' SVG backend and without measuring text (labels are placed
//! at anchors; the browser lays them out). Every word comes from the caller
//! in the reader's language.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::error::KmChartError;
use crate::palette::{Rgb, GRID, GROUP_HIGH_COLOUR, INK};

/// One line of the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    /// `Centre 2 (n = 61)`, `Random effects (REML)`.
    pub label: String,
    /// The hazard ratio and its 95% CI, as the table writes them; drawn at
    /// the right edge.
    pub figures: String,
    /// Hazard ratio.
    pub hazard_ratio: f64,
    /// Lower end of the 95% CI.
    pub lower: f64,
    /// Upper end of the 95% CI.
    pub upper: f64,
    /// A pooled estimate (a diamond) rather than a centre (a square).
    pub pooled: bool,
}

impl ForestRow {
    /// Whether the row can be placed on a log scale.
    fn drawable(&self) -> bool {
        [self.hazard_ratio, self.lower, self.upper]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0)
            && self.lower <= self.hazard_ratio
            && self.hazard_ratio <= self.upper
    }
}

/// What the plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestPlot {
    /// Above the plot.
    pub title: String,
    /// Under the axis: `Hazard ratio, high vs low (log scale)`.
    pub axis_label: String,
    /// Centres first, then the pooled rows.
    pub rows: Vec<ForestRow>,
    /// The paper's hazard ratio and its label, where the paper has one.
    pub reference: Option<(f64, String)>,
}

/// The drawing's width, px (the SVG scales to its container).
pub const FOREST_WIDTH: u32 = 900;
const ROW: i32 = 30;
const TOP: i32 = 64;
const LABELS_RIGHT: i32 = 300;
const PLOT_LEFT: i32 = 320;
const PLOT_RIGHT: i32 = 700;
const FIGURES_LEFT: i32 = 716;
/// The axis never runs beyond these: a centre with a CI of 0.001–900 is
/// clipped at the edge (its text says the numbers).
const AXIS_MIN: f64 = 0.05;
const AXIS_MAX: f64 = 20.0;
const TICKS: [f64; 9] = [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0];

/// The drawing's height for `rows` rows.
pub fn forest_height(rows: usize) -> u32 {
    let rows = i32::try_from(rows).unwrap_or(i32::MAX / ROW - 200);
    (TOP + ROW * rows.max(1) + 70) as u32
}

/// The axis range: every drawable CI, 1 and the reference, with a margin,
/// within [AXIS_MIN, AXIS_MAX].
fn range(plot: &ForestPlot) -> (f64, f64) {
    let mut low: f64 = 1.0;
    let mut high: f64 = 1.0;
    for row in plot.rows.iter().filter(|r| r.drawable()) {
        low = low.min(row.lower);
        high = high.max(row.upper);
    }
    if let Some((hr, _)) = plot
        .reference
        .as_ref()
        .filter(|(hr, _)| hr.is_finite() && *hr > 0.0)
    {
        low = low.min(*hr);
        high = high.max(*hr);
    }
    ((low / 1.25).max(AXIS_MIN), (high * 1.25).min(AXIS_MAX))
}

/// Where a hazard ratio lands, px; clamped to the plot.
fn x_of(value: f64, (low, high): (f64, f64)) -> i32 {
    let span = (high.ln() - low.ln()).max(f64::EPSILON);
    let share = ((value.clamp(low, high).ln() - low.ln()) / span).clamp(0.0, 1.0);
    PLOT_LEFT + (share * f64::from(PLOT_RIGHT - PLOT_LEFT)).round() as i32
}

/// A tick's label: `0.5`, `1`, `2`, without f64's `Display`.
fn tick_label(value: f64) -> String {
    let decimals = if value >= 1.0 {
        0
    } else if value >= 0.1 {
        if (value * 10.0).fract().abs() < 1e-9 {
            1
        } else {
            2
        }
    } else {
        2
    };
    text::fixed(value, decimals).unwrap_or_default()
}

/// The plot as an SVG document that scales with its container.
pub fn render_forest_svg(plot: &ForestPlot) -> Result<String, KmChartError> {
    let size = (FOREST_WIDTH, forest_height(plot.rows.len()));
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_forest(&area, plot).map_err(|e| KmChartError::Drawing(e.to_string()))?;
        area.present()
            .map_err(|e| KmChartError::Drawing(e.to_string()))?;
    }
    let fixed = format!("<svg width=\"{}\" height=\"{}\" ", size.0, size.1);
    Ok(svg.replacen(&fixed, "<svg width=\"100%\" ", 1))
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    content: &str,
    at: (i32, i32),
    size: f64,
    bold: bool,
    anchor: HPos,
) -> DrawResult<DB> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    crate::draw::text(area, content, at, size, INK, style, (anchor, VPos::Center))
}

fn draw_forest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ForestPlot,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let scale = range(plot);
    let rows = i32::try_from(plot.rows.len()).unwrap_or(0);
    let bottom = TOP + ROW * rows.max(1);
    label(area, &plot.title, (12, 22), 17.0, true, HPos::Left)?;

    // The axis, its ticks and the line of no difference.
    let ink = colour(INK);
    area.draw(&PathElement::new(
        vec![(PLOT_LEFT, bottom), (PLOT_RIGHT, bottom)],
        ink.stroke_width(1),
    ))?;
    for tick in TICKS
        .iter()
        .copied()
        .filter(|t| *t >= scale.0 && *t <= scale.1)
    {
        let x = x_of(tick, scale);
        area.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + 6)],
            ink.stroke_width(1),
        ))?;
        label(
            area,
            &tick_label(tick),
            (x, bottom + 18),
            13.0,
            false,
            HPos::Center,
        )?;
    }
    label(
        area,
        &plot.axis_label,
        ((PLOT_LEFT + PLOT_RIGHT) / 2, bottom + 44),
        14.0,
        false,
        HPos::Center,
    )?;
    let one = x_of(1.0, scale);
    area.draw(&PathElement::new(
        vec![(one, TOP - 14), (one, bottom)],
        colour(GRID).stroke_width(2),
    ))?;
    if let Some((hr, text)) = plot
        .reference
        .as_ref()
        .filter(|(hr, _)| hr.is_finite() && *hr > 0.0)
    {
        let x = x_of(*hr, scale);
        area.draw(&DashedPathElement::new(
            vec![(x, TOP - 14), (x, bottom)],
            6,
            4,
            colour(GROUP_HIGH_COLOUR).stroke_width(2),
        ))?;
        label(area, text, (x, TOP - 24), 13.0, false, HPos::Center)?;
    }

    for (i, row) in plot.rows.iter().enumerate() {
        let y = TOP + ROW * i32::try_from(i).unwrap_or(0) + ROW / 2;
        label(
            area,
            &row.label,
            (LABELS_RIGHT, y),
            14.0,
            row.pooled,
            HPos::Right,
        )?;
        label(
            area,
            &row.figures,
            (FIGURES_LEFT, y),
            14.0,
            row.pooled,
            HPos::Left,
        )?;
        if !row.drawable() {
            continue;
        }
        let (lower, centre, upper) = (
            x_of(row.lower, scale),
            x_of(row.hazard_ratio, scale),
            x_of(row.upper, scale),
        );
        if row.pooled {
            area.draw(&Polygon::new(
                vec![(lower, y), (centre, y - 9), (upper, y), (centre, y + 9)],
                ink.filled(),
            ))?;
        } else {
            area.draw(&PathElement::new(
                vec![(lower, y), (upper, y)],
                ink.stroke_width(2),
            ))?;
            area.draw(&Rectangle::new(
                [(centre - 5, y - 5), (centre + 5, y + 5)],
                ink.filled(),
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, hr: f64, lower: f64, upper: f64, pooled: bool) -> ForestRow {
        ForestRow {
            label: label.into(),
            figures: format!("{label} figures"),
            hazard_ratio: hr,
            lower,
            upper,
            pooled,
        }
    }

    fn plot(rows: Vec<ForestRow>) -> ForestPlot {
        ForestPlot {
            title: "Overall survival by IL6".into(),
            axis_label: "Hazard ratio, high vs low (log scale)".into(),
            rows,
            // Table 2, IL6 univariate: 2.4.
            reference: Some((2.4, "Paper: 2.4".into())),
        }
    }

    #[test]
    fn the_log_scale_puts_one_half_and_two_symmetric_about_one() {
        // ln 0.5 = −ln 2: 0.5 and 2 are equally far from 1 on a range
        // symmetric in log terms (0.25 to 4).
        let scale = (0.25, 4.0);
        let one = x_of(1.0, scale);
        assert_eq!(one, (PLOT_LEFT + PLOT_RIGHT) / 2);
        assert_eq!(one - x_of(0.5, scale), x_of(2.0, scale) - one);
        assert_eq!(x_of(0.25, scale), PLOT_LEFT);
        assert_eq!(x_of(4.0, scale), PLOT_RIGHT);
        // Out of range is clamped to the edge, not drawn outside.
        assert_eq!(x_of(100.0, scale), PLOT_RIGHT);
    }

    #[test]
    fn every_row_and_the_reference_are_drawn_with_their_words() {
        let svg = render_forest_svg(&plot(vec![
            row("Centre 1", 2.0, 1.1, 3.6, false),
            row("Centre 2", 1.4, 0.7, 2.8, false),
            row("Fixed effect", 1.8, 1.2, 2.7, true),
        ]))
        .expect("drawn");
        assert!(svg.starts_with("<svg width=\"100%\" viewBox=\"0 0 900 "));
        for word in [
            "Centre 1",
            "Centre 2",
            "Fixed effect",
            "Paper: 2.4",
            "Overall survival by IL6",
            "Centre 2 figures",
        ] {
            assert!(svg.contains(word), "{word}");
        }
        // Two squares (centres) and one diamond (pooled).
        assert_eq!(svg.matches("<rect").count() - 1, 2, "{svg}");
        assert_eq!(svg.matches("<polygon").count(), 1);
        // The reference line is dashed, in the high group's colour.
        assert!(svg.contains("#D55E00") || svg.contains("#d55e00"));
    }

    #[test]
    fn a_row_that_cannot_be_placed_keeps_its_words_and_draws_no_mark() {
        // A centre whose Cox fit gave no finite CI (no events in a group).
        let svg = render_forest_svg(&plot(vec![
            row("Centre 1", 2.0, 1.1, 3.6, false),
            row("Centre 2", f64::NAN, 0.0, f64::INFINITY, false),
        ]))
        .expect("drawn");
        assert!(svg.contains("Centre 2"));
        assert_eq!(svg.matches("<rect").count() - 1, 1);
    }

    #[test]
    fn the_range_covers_every_interval_one_and_the_reference_within_the_limits() {
        let p = plot(vec![row("c", 3.0, 1.5, 6.0, false)]);
        let (low, high) = range(&p);
        assert!(low <= 1.0 / 1.25 + 1e-12 && high >= 6.0);
        let wide = plot(vec![row("c", 3.0, 0.0001, 5000.0, false)]);
        assert_eq!(range(&wide), (AXIS_MIN, AXIS_MAX));
    }

    #[test]
    fn any_numbers_draw_without_panicking() {
        let values = [0.0, -1.0, 1e-300, 1e300, f64::NAN, f64::INFINITY, 0.5, 2.0];
        for &a in &values {
            for &b in &values {
                let p = plot(vec![
                    row("x", a, b, a.max(b), false),
                    row("y", b, a, b, true),
                ]);
                assert!(render_forest_svg(&p).is_ok());
            }
        }
        assert!(render_forest_svg(&plot(Vec::new())).is_ok());
    }
}
