//! Painting a [`KmChartGeometry`] on any plotters backend, and the SVG
//! rendering the app inserts into the page.
//!
//! Only primitives are used (paths, polygons, text at explicit anchors), so
//! nothing is measured: see the crate docs on text without fonts.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::KmChartError;
use crate::geometry::{CurveGeometry, Emphasis, KmChartGeometry};
use crate::layout::{Layout, BOLD_CHAR_EM, CHAR_EM};
use crate::palette::{LineDash, Rgb, GREY, GRID, INK};

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// How a curve's emphasis translates into ink.
struct Pen {
    line_width: u32,
    line_alpha: f64,
    band_alpha: f64,
    text: Rgb,
    bold: bool,
}

/// How faded an overlay's reference curves are: background to the cohort's
/// curves, which carry the same colours and dashes (the only curves drawn
/// below full strength).
const REFERENCE_ALPHA: f64 = 0.45;

fn pen(curve: &CurveGeometry, layout: &Layout) -> Pen {
    let widths = layout.strokes;
    match curve.emphasis {
        Emphasis::Patient => Pen {
            line_width: widths.patient,
            line_alpha: 1.0,
            band_alpha: 0.22,
            text: INK,
            bold: true,
        },
        // Thinner than the patient's, never faded: at 45% opacity the
        // comparison curve fell to 2:1 contrast on white and washed out on
        // a projector (issue 16).
        Emphasis::Other => Pen {
            line_width: widths.other,
            line_alpha: 1.0,
            band_alpha: 0.07,
            text: GREY,
            bold: false,
        },
        Emphasis::Neutral => Pen {
            line_width: widths.neutral,
            line_alpha: 1.0,
            band_alpha: 0.15,
            text: INK,
            bold: false,
        },
        Emphasis::Reference => Pen {
            line_width: widths.other,
            line_alpha: REFERENCE_ALPHA,
            band_alpha: 0.07,
            text: GREY,
            bold: false,
        },
    }
}

fn rgba(colour: Rgb, alpha: f64) -> RGBAColor {
    RGBColor(colour.0, colour.1, colour.2).mix(alpha)
}

/// Draws the whole chart on `area`, which should be `layout.width` wide and
/// `layout.height(geometry)` high.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    header(area, geometry, layout)?;
    axes(area, geometry, layout)?;
    medians(area, geometry, layout)?;
    // The patient's curve last, so it lies on top.
    let is_patient = |c: &&CurveGeometry| c.emphasis == Emphasis::Patient;
    let order: Vec<&CurveGeometry> = (geometry.curves.iter().filter(|c| !is_patient(c)))
        .chain(geometry.curves.iter().filter(is_patient))
        .collect();
    for curve in &order {
        band(area, curve, geometry.x_max, layout)?;
    }
    for curve in &order {
        line(area, curve, geometry.x_max, layout)?;
    }
    if layout.risk_table {
        risk_table(area, geometry, layout)?;
    }
    Ok(())
}

/// The chart as an SVG element that fills its container's width
/// (`width="100%"`, the drawing's `viewBox`, no fixed height).
pub fn render_svg(geometry: &KmChartGeometry, layout: &Layout) -> Result<String, KmChartError> {
    let size = (layout.width, layout.height(geometry));
    let svg = render_svg_file(geometry, layout)?;
    // plotters writes fixed pixel dimensions; the viewBox it also writes is
    // all a browser needs to scale the drawing to the container.
    let fixed = format!("<svg width=\"{}\" height=\"{}\" ", size.0, size.1);
    Ok(svg.replacen(&fixed, "<svg width=\"100%\" ", 1))
}

/// The chart as a standalone SVG file with fixed pixel dimensions, for
/// export: it opens in any viewer and has an intrinsic size to rasterise.
pub fn render_svg_file(
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> Result<String, KmChartError> {
    let size = (layout.width, layout.height(geometry));
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&area, geometry, layout).map_err(|e| KmChartError::Drawing(e.to_string()))?;
        area.present()
            .map_err(|e| KmChartError::Drawing(e.to_string()))?;
    }
    Ok(svg)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    content: &str,
    at: (i32, i32),
    size: f64,
    colour: Rgb,
    style: FontStyle,
    anchor: (HPos, VPos),
) -> DrawResult<DB> {
    let colour = rgba(colour, 1.0);
    // plotters' SVG backend writes `font-size` as the given size / 1.24.
    let font = (FontFamily::SansSerif, size * 1.24, style).into_font();
    let style = TextStyle::from(font)
        .color(&colour)
        .pos(Pos::new(anchor.0, anchor.1));
    area.draw(&Text::new(content, at, style))
}

fn stroke<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: Vec<(i32, i32)>,
    colour: RGBAColor,
    width: u32,
    dash: LineDash,
) -> DrawResult<DB> {
    if points.len() < 2 {
        return Ok(());
    }
    let style = colour.stroke_width(width);
    match dash {
        LineDash::Solid => area.draw(&PathElement::new(points, style)),
        LineDash::Dashed => area.draw(&DashedPathElement::new(
            points,
            3 * width as i32,
            2 * width as i32,
            style,
        )),
    }
}

/// `line` broken after each of the first `most` separators found (the
/// cut falls `cut` bytes into the separator: what comes before it stays on
/// the line, blanks at either side of the cut are dropped).
fn break_at<'t>(line: &'t str, separators: &[(&str, usize)], most: usize) -> Vec<&'t str> {
    let mut lines = Vec::new();
    let mut rest = line;
    while lines.len() < most {
        // A cut at 0 would not move on; the dash's offset counts its three bytes.
        let Some(cut) = (separators.iter())
            .filter_map(|&(separator, cut)| rest.find(separator).map(|i| i + cut))
            .filter(|&cut| cut > 0)
            .min()
        else {
            break;
        };
        lines.push(rest[..cut].trim_end());
        rest = rest[cut..].trim_start();
    }
    lines.push(rest);
    lines
}

/// Before a title's parenthesis: "(reconstruction of Fig. 2a)".
const TITLE_BREAK: &[(&str, usize)] = &[(" (", 0)];
/// After each clause: `;`.
const CLAUSE_BREAK: &[(&str, usize)] = &[("; ", 1)];
/// After a group's rule: `IL6 low (≤ 6.53 pg/mL):`.
const RULE_BREAK: &[(&str, usize)] = &[(": ", 1)];
/// A presentation legend also breaks after the patient's tag.
const LEGEND_BREAKS: &[(&str, usize)] = &[(" — ", 4), (": ", 1)];
/// Presentation statistics also break before the table they quote.
const STATISTICS_BREAKS: &[(&str, usize)] = &[("; ", 1), (", ", 1)];

/// What a header line is, which decides its type and ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Title,
    Label,
    /// A legend line of `curve` (an index into the geometry's curves);
    /// the first line of an entry carries the swatch.
    Legend {
        curve: usize,
        first: bool,
    },
    Statistics,
}

impl LineKind {
    fn size(self, layout: &Layout) -> f64 {
        match self {
            LineKind::Title => layout.font.title,
            LineKind::Legend { .. } => layout.font.body,
            LineKind::Label | LineKind::Statistics => layout.font.note,
        }
    }
}

/// One line of the header, placed: its left end on its baseline.
#[derive(Debug, Clone, PartialEq)]
struct HeaderLine {
    text: String,
    at: (i32, i32),
    kind: LineKind,
}

/// From the margin to a legend entry's text: the swatch and a gap.
const LEGEND_INDENT: i32 = 60;

/// `pieces` (a line already cut at every place it may break) joined again
/// wherever the result still fits in `room` units at `size`, by the
/// character-width estimate; a piece too long on its own is broken between
/// words. Nothing is measured (see the crate docs on text without fonts).
fn fill(pieces: Vec<&str>, room: f64, size: f64, bold: bool) -> Vec<String> {
    let em = if bold { BOLD_CHAR_EM } else { CHAR_EM };
    let fits = |line: &str| line.chars().count() as f64 * em * size <= room;
    let words = pieces.into_iter().flat_map(|piece| {
        if fits(piece) {
            vec![piece]
        } else {
            piece.split(' ').filter(|w| !w.is_empty()).collect()
        }
    });
    let mut lines: Vec<String> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Every header line in place. A wide drawing keeps each block on one line
/// at its own baseline; a narrow one breaks a long line once, at a fixed
/// place; a flowing one (presentation, paper) breaks at the places listed
/// wherever a line would otherwise run past the drawing's right margin, and
/// stacks the blocks. Every view's lines are checked to fit in the tests.
fn header_lines(geometry: &KmChartGeometry, layout: &Layout) -> Vec<HeaderLine> {
    let (most, legend_breaks, statistics_breaks) = match (layout.flow, layout.narrow) {
        (true, _) => (usize::MAX, LEGEND_BREAKS, STATISTICS_BREAKS),
        (false, narrow) => (usize::from(narrow), RULE_BREAK, CLAUSE_BREAK),
    };
    let legends: Vec<String> = geometry
        .curves
        .iter()
        .map(|curve| match curve.emphasis {
            Emphasis::Patient => format!("{} — {}", geometry.text.patient_tag, curve.legend()),
            _ => curve.legend(),
        })
        .collect();
    let left = layout.margin;
    // (kind, left end, baseline on a fixed layout, lines)
    let mut blocks = vec![(
        LineKind::Title,
        left,
        layout.title_y,
        break_at(&geometry.text.title, TITLE_BREAK, most),
    )];
    if layout.label {
        let label = break_at(&geometry.text.reconstruction, CLAUSE_BREAK, most);
        blocks.push((LineKind::Label, left, layout.label_y, label));
    }
    let mut y = layout.legend_y;
    for (curve, legend) in legends.iter().enumerate() {
        let kind = LineKind::Legend { curve, first: true };
        let lines = break_at(legend, legend_breaks, most);
        blocks.push((kind, left + LEGEND_INDENT, y, lines));
        y += layout.legend_step;
    }
    let statistics = break_at(&geometry.text.statistics, statistics_breaks, most);
    blocks.push((LineKind::Statistics, left, layout.statistics_y, statistics));

    let gap = (layout.font.body * 0.4).round() as i32;
    let mut next = layout.title_y;
    let mut placed = Vec::new();
    for (kind, x, fixed, lines) in blocks {
        let (mut y, step) = if layout.flow {
            (next, crate::layout::line_step(kind.size(layout)))
        } else {
            (fixed, layout.continuation)
        };
        let lines: Vec<String> = if layout.flow {
            let bold = match kind {
                LineKind::Title => true,
                LineKind::Legend { curve, .. } => {
                    (geometry.curves.get(curve)).is_some_and(|c| c.emphasis == Emphasis::Patient)
                }
                _ => false,
            };
            let room =
                f64::from(i32::try_from(layout.width).unwrap_or(i32::MAX) - x - layout.margin);
            fill(lines, room, kind.size(layout), bold)
        } else {
            lines.into_iter().map(str::to_owned).collect()
        };
        for (i, text) in lines.into_iter().enumerate() {
            let kind = match kind {
                LineKind::Legend { curve, .. } => LineKind::Legend {
                    curve,
                    first: i == 0,
                },
                other => other,
            };
            placed.push(HeaderLine {
                text,
                at: (x, y),
                kind,
            });
            y += step;
        }
        next = y + gap;
    }
    placed
}

/// The baseline of the header's last line: where a fitted layout's plot
/// may start below (see `Layout::for_screen`).
pub(crate) fn header_bottom(geometry: &KmChartGeometry, layout: &Layout) -> i32 {
    header_lines(geometry, layout)
        .last()
        .map_or(layout.title_y, |line| line.at.1)
}

fn header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    for line in header_lines(geometry, layout) {
        let (colour, style) = match line.kind {
            LineKind::Title => (INK, FontStyle::Bold),
            LineKind::Label => (INK, FontStyle::Italic),
            LineKind::Statistics => (INK, FontStyle::Normal),
            LineKind::Legend { curve, first } => {
                let Some(curve) = geometry.curves.get(curve) else {
                    continue;
                };
                let pen = pen(curve, layout);
                if first {
                    let y = line.at.1 - (line.kind.size(layout) * 0.375).round() as i32;
                    let swatch = (layout.margin, layout.margin + LEGEND_INDENT - 12);
                    stroke(
                        area,
                        vec![(swatch.0, y), (swatch.1, y)],
                        rgba(curve.colour, pen.line_alpha),
                        pen.line_width,
                        curve.dash,
                    )?;
                }
                let weight = if pen.bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                (pen.text, weight)
            }
        };
        text(
            area,
            &line.text,
            line.at,
            line.kind.size(layout),
            colour,
            style,
            (HPos::Left, VPos::Bottom),
        )?;
    }
    Ok(())
}

fn axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    let (left, top, right, bottom) = layout.plot;
    let (body, small, axis) = (layout.font.body, layout.font.ticks, layout.strokes.axis);
    let ink = rgba(INK, 1.0);
    let grid = rgba(GRID, 1.0);
    for tick in &geometry.y_ticks {
        let y = layout.y(tick.value);
        if y != bottom {
            area.draw(&PathElement::new(
                vec![(left, y), (right, y)],
                grid.stroke_width(1),
            ))?;
        }
        area.draw(&PathElement::new(
            vec![(left - 6, y), (left, y)],
            ink.stroke_width(axis),
        ))?;
        text(
            area,
            &tick.label,
            (left - 10, y),
            small,
            INK,
            FontStyle::Normal,
            (HPos::Right, VPos::Center),
        )?;
    }
    for tick in &geometry.x_ticks {
        let x = layout.x(tick.value, geometry.x_max);
        area.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + 6)],
            ink.stroke_width(axis),
        ))?;
        text(
            area,
            &tick.label,
            (x, layout.x_tick_label_top()),
            small,
            INK,
            FontStyle::Normal,
            (HPos::Center, VPos::Top),
        )?;
    }
    area.draw(&PathElement::new(
        vec![(left, top), (left, bottom), (right, bottom)],
        ink.stroke_width(axis),
    ))?;
    text(
        area,
        geometry.text.x_axis.as_str(),
        ((left + right) / 2, layout.x_title_top()),
        body,
        INK,
        FontStyle::Normal,
        (HPos::Center, VPos::Top),
    )?;
    let y_title = TextStyle::from((FontFamily::SansSerif, body * 1.24).into_font())
        .color(&ink)
        .pos(Pos::new(HPos::Center, VPos::Center))
        .transform(FontTransform::Rotate270);
    area.draw(&Text::new(
        geometry.text.y_axis.as_str(),
        (left - layout.y_title_offset, (top + bottom) / 2),
        y_title,
    ))
}

/// The 0.5 guide to each median and down to the axis, with the value
/// written beside the drop.
fn medians<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    let (left, _, _, bottom) = layout.plot;
    let small = layout.font.ticks;
    // A second label within five characters of the first is lifted by a
    // line (70 and 20 units at the desk layouts' 14-unit ticks).
    let (near, lift) = ((small * 5.0).round() as i32, (small * 1.45).round() as i32);
    let guide = rgba(GREY, 0.8);
    let half = layout.y(0.5);
    let mut reached: Vec<(f64, &CurveGeometry)> = geometry
        .curves
        .iter()
        .filter_map(|c| c.median.months().map(|m| (m, c)))
        .filter(|(m, _)| *m <= geometry.x_max)
        .collect();
    // Left to right; an insertion sort, as there are two medians at most
    // (and it keeps a general sort's code out of the wasm).
    for i in 1..reached.len() {
        let mut j = i;
        while j > 0 && reached[j - 1].0 > reached[j].0 {
            reached.swap(j - 1, j);
            j -= 1;
        }
    }
    if let Some((furthest, _)) = reached.last() {
        let x = layout.x(*furthest, geometry.x_max);
        area.draw(&DashedPathElement::new(
            vec![(left, half), (x, half)],
            4,
            4,
            guide.stroke_width(1),
        ))?;
    }
    let mut previous_label_x = i32::MIN;
    let mut label_y = bottom - 8;
    for (months, curve) in reached {
        let x = layout.x(months, geometry.x_max);
        area.draw(&DashedPathElement::new(
            vec![(x, half), (x, bottom)],
            4,
            4,
            guide.stroke_width(1),
        ))?;
        // Two medians close together would print over each other: lift the second.
        label_y = if x.saturating_sub(previous_label_x) < near {
            label_y - lift
        } else {
            bottom - 8
        };
        previous_label_x = x;
        let pen = pen(curve, layout);
        let weight = if pen.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        text(
            area,
            &curve.median_tag,
            (x + 5, label_y),
            small,
            curve_text_colour(curve),
            weight,
            (HPos::Left, VPos::Bottom),
        )?;
    }
    Ok(())
}

/// Text in a group's colour stays readable when muted: grey instead of a
/// faded colour.
fn curve_text_colour(curve: &CurveGeometry) -> Rgb {
    match curve.emphasis {
        Emphasis::Other | Emphasis::Reference => GREY,
        _ => curve.colour,
    }
}

fn band<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &CurveGeometry,
    x_max: f64,
    layout: &Layout,
) -> DrawResult<DB> {
    let Some(band) = &curve.band else {
        return Ok(());
    };
    let points: Vec<(i32, i32)> = band
        .points
        .iter()
        .map(|&p| layout.point(p, x_max))
        .collect();
    if points.len() < 3 {
        return Ok(());
    }
    let fill = rgba(curve.colour, pen(curve, layout).band_alpha);
    area.draw(&Polygon::new(points, fill.filled()))
}

fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &CurveGeometry,
    x_max: f64,
    layout: &Layout,
) -> DrawResult<DB> {
    let pen = pen(curve, layout);
    let colour = rgba(curve.colour, pen.line_alpha);
    let points = curve
        .steps
        .iter()
        .map(|&p| layout.point(p, x_max))
        .collect();
    stroke(area, points, colour, pen.line_width, curve.dash)?;
    // Censor marks as R's "+": a short vertical tick across the line.
    let half = 3 + pen.line_width as i32;
    for &mark in &curve.censor_marks {
        let (x, y) = layout.point(mark, x_max);
        area.draw(&PathElement::new(
            vec![(x, y - half), (x, y + half)],
            colour.stroke_width(pen.line_width.max(2) - 1),
        ))?;
    }
    Ok(())
}

fn risk_table<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    let (left, _, _, _) = layout.plot;
    let (body, small) = (layout.font.body, layout.font.ticks);
    let row = layout.row_height;
    let mut y = layout.risk_table_top();
    for table in &geometry.risk_table {
        // In an overlay the muted reference curve of the same group comes
        // first; the table belongs to the curve drawn in full.
        let of_group = |c: &&CurveGeometry| c.group == table.group;
        let Some(curve) = (geometry.curves.iter().filter(of_group))
            .find(|c| c.emphasis != Emphasis::Reference)
            .or_else(|| geometry.curves.iter().find(of_group))
        else {
            continue;
        };
        let pen = pen(curve, layout);
        let weight = if pen.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let colour = rgba(curve.colour, pen.line_alpha);
        stroke(
            area,
            vec![(24, y + row / 2 - 6), (64, y + row / 2 - 6)],
            colour,
            pen.line_width,
            curve.dash,
        )?;
        let heading = match curve.emphasis {
            Emphasis::Patient => format!("{} ({})", table.label, geometry.text.patient_tag_lower),
            _ => table.label.clone(),
        };
        text(
            area,
            &heading,
            (76, y + row / 2),
            body,
            pen.text,
            weight,
            (HPos::Left, VPos::Bottom),
        )?;
        y += row;
        let [at_risk, events, censored] = &geometry.text.risk_rows;
        let rows = [
            (
                at_risk.as_str(),
                table.columns.iter().map(|c| c.at_risk).collect::<Vec<_>>(),
            ),
            (
                events.as_str(),
                table.columns.iter().map(|c| c.events).collect(),
            ),
            (
                censored.as_str(),
                table.columns.iter().map(|c| c.censored).collect(),
            ),
        ];
        for (name, values) in rows {
            let baseline = y + row / 2;
            text(
                area,
                name,
                (left - 14, baseline),
                small,
                pen.text,
                FontStyle::Normal,
                (HPos::Right, VPos::Center),
            )?;
            for (column, value) in table.columns.iter().zip(values) {
                let x = layout.x(f64::from(column.months), geometry.x_max);
                text(
                    area,
                    &value.to_string(),
                    (x, baseline),
                    small,
                    pen.text,
                    weight,
                    (HPos::Center, VPos::Center),
                )?;
            }
            y += row;
        }
        y += 8;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::KmChartInput;
    use study::Group;

    use study::published::{Endpoint, Marker};
    use survival::SurvivalData;

    fn curve_of(geometry: &KmChartGeometry, group: Group) -> &CurveGeometry {
        geometry.curves.iter().find(|c| c.group == group).unwrap()
    }

    fn data() -> (SurvivalData, SurvivalData) {
        let low = SurvivalData::new(
            vec![3.0, 8.0, 14.0, 19.0, 19.0, 25.0, 30.0, 40.0],
            vec![true, false, true, true, false, true, false, true],
        )
        .unwrap();
        let high = SurvivalData::new(
            vec![1.0, 2.0, 4.0, 6.0, 7.5, 9.0, 12.0, 20.0],
            vec![true, true, false, true, true, true, false, true],
        )
        .unwrap();
        (low, high)
    }

    fn svg(endpoint: Endpoint, patient: Option<Group>) -> (KmChartGeometry, String) {
        let (low, high) = data();
        let g = KmChartGeometry::compute(&KmChartInput {
            endpoint,
            marker: Marker::Il6,
            low: &low,
            high: &high,
            patient_group: patient,
            text: &text::Text::english(),
        });
        let svg = render_svg(&g, &Layout::wide()).unwrap();
        (g, svg)
    }

    #[test]
    fn the_svg_scales_with_its_container() {
        let (g, svg) = svg(Endpoint::OverallSurvival, None);
        let height = Layout::wide().height(&g);
        assert!(
            svg.starts_with("<svg width=\"100%\" viewBox=\"0 0 960 "),
            "{}",
            &svg[..80]
        );
        assert!(svg.contains(&format!("viewBox=\"0 0 960 {height}\"")));
        let svg_tag = svg.lines().next().unwrap_or_default();
        assert!(!svg_tag.contains("height="), "{svg_tag}");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn the_export_file_has_fixed_dimensions_and_carries_legend_and_label() {
        let (low, high) = data();
        let g = KmChartGeometry::compute(&KmChartInput {
            endpoint: Endpoint::OverallSurvival,
            marker: Marker::Il6,
            low: &low,
            high: &high,
            patient_group: None,
            text: &text::Text::english(),
        });
        let layout = Layout::wide();
        let file = render_svg_file(&g, &layout).unwrap();
        let tag = file.lines().next().unwrap_or_default();
        assert!(
            tag.starts_with(&format!(
                "<svg width=\"960\" height=\"{}\"",
                layout.height(&g)
            )),
            "{tag}"
        );
        assert!(
            tag.contains("xmlns=\"http://www.w3.org/2000/svg\""),
            "{tag}"
        );
        // The image must stand alone: legend with n and median, and the label.
        // The test data have 8 subjects per group.
        assert_eq!(file.matches("n = 8, median").count(), 2, "{file}");
        assert!(file.contains("Reconstructed from the published summary statistics"));
    }

    #[test]
    fn text_is_emitted_as_svg_text_without_any_font_file() {
        let (_, svg) = svg(Endpoint::OverallSurvival, None);
        assert!(svg.contains("<text"));
        assert!(svg.contains("font-family=\"sans-serif\""));
        assert!(svg.contains("text-anchor=\"middle\""));
    }

    #[test]
    fn every_chart_carries_the_reconstruction_label_title_and_statistics() {
        for endpoint in Endpoint::ALL {
            let (g, svg) = svg(endpoint, None);
            assert!(svg.contains("Reconstructed from the published summary statistics; not the trial&apos;s patient-level data"));
            assert!(svg.contains(&escape(&g.text.title)), "{}", g.text.title);
            assert!(svg.contains(&escape(&g.text.statistics)));
        }
        let (_, pfs) = svg(Endpoint::ProgressionFreeSurvival, None);
        assert!(pfs.contains("no hazard ratio published for PFS"));
        let (_, os) = svg(Endpoint::OverallSurvival, None);
        assert!(os.contains("HR high vs low 2.4 (95% CI 1.5–3.88)"));
    }

    #[test]
    fn the_legend_shows_n_and_median_of_each_group() {
        let (g, svg) = svg(Endpoint::OverallSurvival, None);
        for group in [Group::Low, Group::High] {
            let legend = curve_of(&g, group).legend();
            assert!(legend.contains("n = 8"), "{legend}");
            assert!(svg.contains(&escape(&legend)), "{legend}");
        }
        // high: S drops below 0.5 at t = 7.5 (8→7/8→6/8·… worked by the engine).
        assert!(svg.contains(" mo</text>") || svg.contains(" mo\n</text>"));
    }

    #[test]
    fn the_patients_group_is_labelled_as_such_and_only_when_known() {
        let (_, svg_unknown) = svg(Endpoint::OverallSurvival, None);
        assert!(!svg_unknown.contains("This patient&apos;s group"));
        let (g, svg_high) = svg(Endpoint::OverallSurvival, Some(Group::High));
        let tagged = format!(
            "This patient's group — {}",
            curve_of(&g, Group::High).legend()
        );
        assert!(svg_high.contains(&escape(&tagged)));
        assert!(svg_high.contains("font-weight=\"bold\""));
    }

    #[test]
    fn the_risk_table_prints_every_column() {
        let (g, svg) = svg(Endpoint::TimeToLiverDysfunction, None);
        for name in ["At risk", "Events", "Censored"] {
            assert_eq!(
                svg.matches(&format!(">\n{name}\n<")).count()
                    + svg.matches(&format!(">{name}<")).count(),
                2,
                "{name}"
            );
        }
        assert_eq!(g.risk_table[0].columns[0].at_risk, 8);
    }

    #[test]
    fn the_high_group_is_dashed_and_the_low_group_solid() {
        // A dashed path is drawn as many short polylines; a solid one as one.
        let (_, svg) = svg(Endpoint::OverallSurvival, None);
        let vermillion = svg.matches("stroke=\"#D55E00\"").count();
        let blue = svg.matches("stroke=\"#0072B2\"").count();
        assert!(vermillion > 20, "{vermillion}");
        assert!(blue < vermillion, "{blue}");
    }

    #[test]
    fn a_narrow_drawing_breaks_long_lines_and_keeps_every_word() {
        let (low, high) = data();
        let g = KmChartGeometry::compute(&KmChartInput {
            endpoint: Endpoint::TimeToLiverDysfunction,
            marker: Marker::Il8,
            low: &low,
            high: &high,
            patient_group: Some(Group::Low),
            text: &text::Text::english(),
        });
        let svg = render_svg(&g, &Layout::narrow()).unwrap();
        assert!(svg.starts_with("<svg width=\"100%\" viewBox=\"0 0 540 "));
        for line in [
            "Time to liver dysfunction by baseline IL8",
            "(reconstruction of Fig. 3b)",
            "Reconstructed from the published summary statistics;",
            "not the trial&apos;s patient-level data",
            "Published: log-rank p = 0.25;",
            "HR high vs low 1.5 (95% CI 0.75–3.0), Table 3 univariate",
            "This patient&apos;s group — IL8 low (≤ 60.8 pg/mL):",
        ] {
            assert!(svg.contains(&format!(">\n{line}\n<")), "{line}");
        }
    }

    #[test]
    fn odd_data_renders_without_panicking() {
        // A deterministic sweep (a linear congruential generator, no
        // randomness crate) over sizes, ties, zero times, all-censored and
        // all-dead groups and times far beyond the axis, on both layouts.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            state >> 33
        };
        for case in 0..300 {
            let n = 1 + (next() % 40) as usize;
            let scale = [0.0, 1e-9, 1.0, 36.0, 1e6, 1e300][case % 6];
            let times: Vec<f64> = (0..n)
                .map(|_| (next() % 50) as f64 * scale / 10.0)
                .collect();
            let events: Vec<bool> = (0..n)
                .map(|_| match case % 3 {
                    0 => true,
                    1 => false,
                    _ => next() % 2 == 0,
                })
                .collect();
            let group = SurvivalData::new(times, events).unwrap();
            let patient = [None, Some(Group::Low), Some(Group::High)][case % 3];
            let g = KmChartGeometry::compute(&KmChartInput {
                endpoint: Endpoint::ALL[case % 3],
                marker: Marker::ALL[case % 2],
                low: &group,
                high: &data().1,
                patient_group: patient,
                text: &text::Text::english(),
            });
            for layout in [Layout::wide(), Layout::narrow()] {
                let svg = render_svg(&g, &layout).unwrap();
                assert!(svg.contains("Reconstructed from the published summary statistics;"));
            }
        }
    }

    #[test]
    fn breaking_keeps_the_separator_on_the_first_line() {
        assert_eq!(break_at("a; b", CLAUSE_BREAK, 1), ["a;", "b"]);
        assert_eq!(break_at("a; b", CLAUSE_BREAK, 0), ["a; b"]);
        assert_eq!(break_at("ab", CLAUSE_BREAK, 1), ["ab"]);
        assert_eq!(break_at("T (Fig. 2a)", TITLE_BREAK, 1), ["T", "(Fig. 2a)"]);
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('\'', "&apos;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
}

#[cfg(test)]
mod presentation_tests {
    //! The presentation layout (issue 16): large type, thick full-strength
    //! lines, every header line inside the drawing, no risk table.

    use super::*;
    use crate::cohort::ReferenceCurves;
    use crate::geometry::KmChartInput;
    use crate::palette::contrast_on_white;
    use study::published::{Endpoint, Marker};
    use study::Group;

    /// Every view the calculator can show: 3 endpoints × 2 markers × the
    /// patient's group unknown, low or high, on the real reference data.
    fn every_view() -> Vec<KmChartGeometry> {
        let curves = ReferenceCurves::load().unwrap();
        let mut views = Vec::new();
        for endpoint in Endpoint::ALL {
            for marker in Marker::ALL {
                for patient_group in [None, Some(Group::Low), Some(Group::High)] {
                    views.push(KmChartGeometry::compute(&KmChartInput {
                        endpoint,
                        marker,
                        low: curves.group(endpoint, marker, Group::Low).unwrap(),
                        high: curves.group(endpoint, marker, Group::High).unwrap(),
                        patient_group,
                        text: &text::Text::english(),
                    }));
                }
            }
        }
        views
    }

    /// The chart's CSS width in presentation mode before issue 16's page
    /// layout, measured by e2e/presentation-chart.test.mjs (the third grid
    /// column): 828 px at 1920×1080 and 476 px at 1280×720.
    const CSS_WIDTH_1920: f64 = 828.0;
    const CSS_WIDTH_1280: f64 = 476.0;

    fn presentation_svg(patient_group: Option<Group>) -> (KmChartGeometry, String) {
        let view = every_view()
            .into_iter()
            .find(|g| g.patient_group == patient_group)
            .unwrap();
        let svg = render_svg(&view, &Layout::presentation()).unwrap();
        (view, svg)
    }

    /// The value of every `name="…"` attribute in `svg` that parses as a number.
    fn numbers(svg: &str, name: &str) -> Vec<f64> {
        let key = format!(" {name}=\"");
        svg.split(&key)
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    }

    /// (stroke, stroke-width, opacity) of every polyline drawn in a group colour.
    fn curve_strokes(svg: &str) -> Vec<(Rgb, f64, f64)> {
        svg.split("<polyline ")
            .skip(1)
            .filter_map(|element| {
                let element = element.split('>').next()?;
                let colour = [crate::GROUP_LOW_COLOUR, crate::GROUP_HIGH_COLOUR]
                    .into_iter()
                    .find(|c| {
                        element.contains(&format!("stroke=\"{}\"", c.hex().to_uppercase()))
                    })?;
                let width = *numbers(element, "stroke-width").first()?;
                let opacity = *numbers(element, "opacity").first()?;
                Some((colour, width, opacity))
            })
            .collect()
    }

    #[test]
    fn every_text_of_the_presentation_drawing_is_24_css_px_at_1920_and_16_at_1280() {
        // Rendered size = font-size × CSS width / viewBox width (600):
        // 21 × 828 / 600 = 29.0 px and 21 × 476 / 600 = 16.7 px.
        let (_, svg) = presentation_svg(Some(Group::High));
        let sizes = numbers(&svg, "font-size");
        assert!(
            sizes.len() > 20,
            "ticks, legend, axis titles: {}",
            sizes.len()
        );
        let width = f64::from(Layout::presentation().width);
        for size in sizes {
            assert!(size * CSS_WIDTH_1920 / width >= 24.0, "{size}");
            assert!(size * CSS_WIDTH_1280 / width >= 16.0, "{size}");
        }
        // 2.4 times the wide drawing's smallest type relative to its width.
        let wide = Layout::wide();
        let ratio = |l: &Layout| l.font.ticks / f64::from(l.width);
        assert!(ratio(&Layout::presentation()) >= 2.4 * ratio(&wide));
    }

    #[test]
    fn presentation_curves_are_4_css_px_wide_at_1280_and_the_patients_widest() {
        // 6 units × 476 / 600 = 4.8 px for the other group; 9 for the patient's.
        // (Censor marks are drawn a unit thinner than their curve.)
        let widest = |svg: &str, colour: Rgb| {
            curve_strokes(svg)
                .into_iter()
                .filter(|(c, _, _)| *c == colour)
                .map(|(_, w, _)| w)
                .fold(0.0, f64::max)
        };
        let width = f64::from(Layout::presentation().width);
        let (_, svg) = presentation_svg(Some(Group::High));
        let other = widest(&svg, crate::GROUP_LOW_COLOUR);
        let patient = widest(&svg, crate::GROUP_HIGH_COLOUR);
        assert!(other * CSS_WIDTH_1280 / width >= 4.0, "{other}");
        assert!(patient > other, "{patient} vs {other}");
        let (_, svg) = presentation_svg(None);
        for colour in [crate::GROUP_LOW_COLOUR, crate::GROUP_HIGH_COLOUR] {
            let neutral = widest(&svg, colour);
            assert!(neutral * CSS_WIDTH_1280 / width >= 4.0, "{neutral}");
        }
    }

    #[test]
    fn every_curve_is_drawn_at_full_strength_at_3_to_1_contrast_on_white() {
        // WCAG 2.x non-text contrast: 3:1. Okabe–Ito blue 5.2:1, vermillion
        // 3.9:1 at full opacity; the old 45% comparison curve was 2.0:1.
        let curves = ReferenceCurves::load().unwrap();
        let (endpoint, marker) = (Endpoint::OverallSurvival, Marker::Il6);
        for patient_group in [None, Some(Group::Low), Some(Group::High)] {
            let g = KmChartGeometry::compute(&KmChartInput {
                endpoint,
                marker,
                low: curves.group(endpoint, marker, Group::Low).unwrap(),
                high: curves.group(endpoint, marker, Group::High).unwrap(),
                patient_group,
                text: &text::Text::english(),
            });
            for layout in [Layout::wide(), Layout::narrow(), Layout::presentation()] {
                let strokes = curve_strokes(&render_svg(&g, &layout).unwrap());
                for colour in [crate::GROUP_LOW_COLOUR, crate::GROUP_HIGH_COLOUR] {
                    assert!(
                        strokes.iter().any(|(c, _, _)| *c == colour),
                        "{colour:?} drawn"
                    );
                }
                for (colour, _, opacity) in strokes {
                    let contrast = contrast_on_white(colour, opacity);
                    assert!(
                        contrast >= 3.0,
                        "{patient_group:?} {colour:?} at {opacity}: {contrast:.2}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_two_curves_differ_by_dash_as_well_as_colour_in_presentation() {
        // A dashed line is drawn as many short polylines, a solid one as one
        // (plus the legend swatch and censor marks).
        let (_, svg) = presentation_svg(None);
        let count = |colour: Rgb| {
            curve_strokes(&svg)
                .iter()
                .filter(|(c, _, _)| *c == colour)
                .count()
        };
        let (solid, dashed) = (
            count(crate::GROUP_LOW_COLOUR),
            count(crate::GROUP_HIGH_COLOUR),
        );
        assert!(dashed > 2 * solid, "dashed {dashed}, solid {solid}");
    }

    #[test]
    fn every_header_line_of_every_view_fits_the_presentation_drawing() {
        for g in every_view() {
            header_fits(&g, &Layout::presentation());
        }
    }

    /// The chart's cell on screen in presentation mode (CSS px), as
    /// e2e/presentation-chart.test.mjs measured it with static/style.css's
    /// two-column grid, and the window's height.
    const CELLS: [(u32, u32, f64); 5] = [
        (700, 470, 720.0),
        (746, 520, 768.0),
        (840, 610, 864.0),
        (1066, 700, 960.0),
        (1066, 820, 1080.0),
    ];

    #[test]
    fn fitted_to_its_cell_every_text_is_24_px_at_1080_and_in_proportion_below() {
        // One unit is one CSS px: the font-size in the SVG is the size on
        // screen. The floor: 24 px at 1080, × height / 1080 below
        // (16 at 720). Every curve at least 4 px.
        for (width, height, viewport) in CELLS {
            for g in every_view() {
                let layout = Layout::for_screen(&g, width, height, viewport);
                let svg = render_svg(&g, &layout).unwrap();
                assert!(
                    svg.starts_with(&format!(
                        "<svg width=\"100%\" viewBox=\"0 0 {width} {height}\""
                    )),
                    "{}",
                    &svg[..60]
                );
                let floor = 24.0 * viewport / 1080.0;
                for size in numbers(&svg, "font-size") {
                    assert!(size >= floor, "{size} px at {viewport}, {floor} wanted");
                }
                // Each group's curve (its widest stroke: censor marks are
                // drawn a unit thinner).
                for colour in [crate::GROUP_LOW_COLOUR, crate::GROUP_HIGH_COLOUR] {
                    let curve = (curve_strokes(&svg).into_iter())
                        .filter(|(c, _, _)| *c == colour)
                        .map(|(_, w, _)| w)
                        .fold(0.0, f64::max);
                    assert!(curve >= 4.0, "{curve} at {viewport}");
                }
                assert!(!svg.contains("At risk"));
                header_fits(&g, &layout);
                let (_, top, _, bottom) = layout.plot;
                assert!(bottom - top >= 200, "plot {top}–{bottom} at {viewport}");
            }
        }
    }

    #[test]
    fn a_cell_too_small_gets_a_taller_drawing_not_a_broken_one() {
        let g = &every_view()[0];
        for (width, height) in [(0, 0), (200, 100), (300, 50)] {
            let layout = Layout::for_screen(g, width, height, f64::NAN);
            let (_, top, _, bottom) = layout.plot;
            assert!(bottom - top >= 100, "{top}–{bottom}");
            assert!(render_svg(g, &layout).is_ok());
        }
    }

    #[test]
    fn on_paper_the_chart_is_the_page_wide_with_type_above_7_pt() {
        // 718 units across A4's 190 mm between 10 mm margins: one unit is
        // one CSS px, 0.75 pt; Letter's 196 mm only enlarges it.
        for g in every_view() {
            let layout = Layout::for_paper(&g);
            assert_eq!(layout.width, 718);
            let svg = render_svg(&g, &layout).unwrap();
            for size in numbers(&svg, "font-size") {
                assert!(size * 0.75 >= 7.0, "{size}");
            }
            header_fits(&g, &layout);
            // 264 units: 70 mm on A4, below page 1's values and results.
            assert!(layout.height(&g) <= 264, "{}", layout.height(&g));
            let (_, top, _, bottom) = layout.plot;
            assert!(
                bottom - top >= 120,
                "a plot of 32 mm at least: {top}–{bottom}"
            );
        }
    }

    /// Every header line ends inside the drawing by the character-width
    /// estimate (its characters × the em estimate × its size), and the
    /// header ends above the "100%" tick label, which is centred on the
    /// plot's top edge.
    fn header_fits(g: &KmChartGeometry, layout: &Layout) {
        let right = i32::try_from(layout.width).unwrap();
        let lines = header_lines(g, layout);
        assert!(lines.iter().all(|l| !l.text.is_empty()));
        for line in &lines {
            let bold = matches!(line.kind, LineKind::Title)
                || matches!(line.kind, LineKind::Legend { curve, .. } if g.curves[curve].emphasis == Emphasis::Patient);
            let em = if bold { BOLD_CHAR_EM } else { CHAR_EM };
            let end = f64::from(line.at.0)
                + line.text.chars().count() as f64 * em * line.kind.size(layout);
            assert!(
                end <= f64::from(right),
                "{:?}: {} ends at {end:.0}",
                g.endpoint,
                line.text
            );
        }
        let last = lines.last().unwrap().at.1;
        let tick_label_top = f64::from(layout.plot.1) - 0.6 * layout.font.ticks;
        assert!(
            f64::from(last) + 0.3 * layout.font.note < tick_label_top,
            "{:?} {:?} {:?}: header ends at {last}",
            g.endpoint,
            g.marker,
            g.patient_group
        );
    }

    #[test]
    fn the_presentation_drawing_leaves_out_the_risk_table_and_keeps_the_words() {
        let (g, svg) = presentation_svg(Some(Group::Low));
        for absent in ["At risk", "Events", "Censored"] {
            assert!(!svg.contains(absent), "{absent}");
        }
        let layout = Layout::presentation();
        assert!(svg.starts_with(&format!(
            "<svg width=\"100%\" viewBox=\"0 0 600 {}\"",
            layout.height(&g)
        )));
        // Every word of the legend, the title and the statistics is drawn,
        // over however many lines.
        let drawn: String = header_lines(&g, &layout)
            .into_iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join(" ");
        let low = g.curves[0].legend();
        for whole in [
            g.text.title.as_str(),
            g.text.statistics.as_str(),
            low.as_str(),
            "This patient's group —",
        ] {
            assert!(drawn.contains(whole), "{whole} in {drawn}");
        }
    }

    #[test]
    fn a_presentation_legend_breaks_after_the_tag_and_the_rule() {
        let legend = "This patient's group — IL6 high (> 6.53 pg/mL): n = 48, median 7.8 months";
        assert_eq!(
            break_at(legend, LEGEND_BREAKS, usize::MAX),
            [
                "This patient's group —",
                "IL6 high (> 6.53 pg/mL):",
                "n = 48, median 7.8 months"
            ]
        );
        // A narrow drawing breaks once, after the rule only.
        assert_eq!(
            break_at(legend, RULE_BREAK, 1),
            [
                "This patient's group — IL6 high (> 6.53 pg/mL):",
                "n = 48, median 7.8 months"
            ]
        );
        assert_eq!(
            break_at(
                "Published: log-rank p < 0.001; HR high vs low 2.4 (95% CI 1.5–3.88), Table 2 univariate",
                STATISTICS_BREAKS,
                usize::MAX
            ),
            [
                "Published: log-rank p < 0.001;",
                "HR high vs low 2.4 (95% CI 1.5–3.88),",
                "Table 2 univariate"
            ]
        );
        // Separators at the very start or end leave no empty cut behind.
        assert_eq!(break_at(" (a", TITLE_BREAK, usize::MAX), [" (a"]);
        assert_eq!(break_at("a; ", CLAUSE_BREAK, usize::MAX), ["a;", ""]);
    }
}
