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
use crate::layout::Layout;
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

fn pen(curve: &CurveGeometry) -> Pen {
    match curve.emphasis {
        Emphasis::Patient => Pen {
            line_width: 4,
            line_alpha: 1.0,
            band_alpha: 0.22,
            text: INK,
            bold: true,
        },
        Emphasis::Other => Pen {
            line_width: 2,
            line_alpha: 0.45,
            band_alpha: 0.07,
            text: GREY,
            bold: false,
        },
        Emphasis::Neutral => Pen {
            line_width: 3,
            line_alpha: 1.0,
            band_alpha: 0.15,
            text: INK,
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
    risk_table(area, geometry, layout)?;
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
fn text<DB: DrawingBackend>(
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

/// Where a long line breaks on a narrow drawing: after `separator`, which
/// stays on the first line (trailing blanks dropped). Wide drawings and
/// lines without the separator stay whole.
fn wrap<'t>(line: &'t str, separator: &str, narrow: bool) -> Vec<&'t str> {
    match line.find(separator) {
        Some(i) if narrow => {
            let cut = i + separator.trim_end().len();
            vec![&line[..cut], line[cut..].trim_start()]
        }
        _ => vec![line],
    }
}

#[allow(clippy::too_many_arguments)]
fn lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    content: &[&str],
    at: (i32, i32),
    size: f64,
    colour: Rgb,
    style: FontStyle,
    step: i32,
) -> DrawResult<DB> {
    let mut y = at.1;
    for line in content {
        text(
            area,
            line,
            (at.0, y),
            size,
            colour,
            style,
            (HPos::Left, VPos::Bottom),
        )?;
        y += step;
    }
    Ok(())
}

fn header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    let (title, body, small) = layout.font;
    let (left, narrow, step) = (24, layout.narrow, layout.continuation);
    // The title breaks before its parenthesis: "(reconstruction of Fig. 2a)".
    let title_lines: Vec<&str> = match geometry.text.title.find(" (") {
        Some(i) if narrow => vec![&geometry.text.title[..i], &geometry.text.title[i + 1..]],
        _ => vec![geometry.text.title.as_str()],
    };
    lines(
        area,
        &title_lines,
        (left, layout.title_y),
        title,
        INK,
        FontStyle::Bold,
        step,
    )?;
    let label = wrap(geometry.text.reconstruction, "; ", narrow);
    lines(
        area,
        &label,
        (left, layout.label_y),
        small,
        INK,
        FontStyle::Italic,
        step,
    )?;
    let mut y = layout.legend_y;
    for curve in &geometry.curves {
        let pen = pen(curve);
        let colour = rgba(curve.colour, pen.line_alpha);
        stroke(
            area,
            vec![(left, y - 6), (left + 48, y - 6)],
            colour,
            pen.line_width,
            curve.dash,
        )?;
        let legend = match curve.emphasis {
            Emphasis::Patient => format!("{} — {}", geometry.text.patient_tag, curve.legend()),
            _ => curve.legend(),
        };
        let weight = if pen.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let legend_lines = wrap(&legend, ": ", narrow);
        lines(
            area,
            &legend_lines,
            (left + 60, y),
            body,
            pen.text,
            weight,
            step,
        )?;
        y += layout.legend_step;
    }
    let statistics = wrap(&geometry.text.statistics, "; ", narrow);
    lines(
        area,
        &statistics,
        (left, layout.statistics_y),
        small,
        INK,
        FontStyle::Normal,
        step,
    )
}

fn axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geometry: &KmChartGeometry,
    layout: &Layout,
) -> DrawResult<DB> {
    let (left, top, right, bottom) = layout.plot;
    let (_, body, small) = layout.font;
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
            ink.stroke_width(1),
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
            ink.stroke_width(1),
        ))?;
        text(
            area,
            &tick.label,
            (x, bottom + 10),
            small,
            INK,
            FontStyle::Normal,
            (HPos::Center, VPos::Top),
        )?;
    }
    area.draw(&PathElement::new(
        vec![(left, top), (left, bottom), (right, bottom)],
        ink.stroke_width(1),
    ))?;
    text(
        area,
        geometry.text.x_axis,
        ((left + right) / 2, bottom + 34),
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
        geometry.text.y_axis,
        (left - 76, (top + bottom) / 2),
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
    let (_, _, small) = layout.font;
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
        label_y = if x.saturating_sub(previous_label_x) < 70 {
            label_y - 20
        } else {
            bottom - 8
        };
        previous_label_x = x;
        let pen = pen(curve);
        let weight = if pen.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        text(
            area,
            &format!("{} mo", crate::labels::months(months)),
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
        Emphasis::Other => GREY,
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
    let fill = rgba(curve.colour, pen(curve).band_alpha);
    area.draw(&Polygon::new(points, fill.filled()))
}

fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &CurveGeometry,
    x_max: f64,
    layout: &Layout,
) -> DrawResult<DB> {
    let pen = pen(curve);
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
    let (_, body, small) = layout.font;
    let row = layout.row_height;
    let mut y = layout.risk_table_top();
    for table in &geometry.risk_table {
        // In an overlay the muted reference curve of the same group comes
        // first; the table belongs to the curve drawn in full.
        let of_group = |c: &&CurveGeometry| c.group == table.group;
        let Some(curve) = (geometry.curves.iter().filter(of_group))
            .find(|c| c.emphasis != Emphasis::Other)
            .or_else(|| geometry.curves.iter().find(of_group))
        else {
            continue;
        };
        let pen = pen(curve);
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
            Emphasis::Patient => format!(
                "{} ({})",
                table.label,
                // ASCII: `to_lowercase` would bring Unicode's case tables into the wasm.
                geometry.text.patient_tag.to_ascii_lowercase()
            ),
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
        let rows = [
            (
                "At risk",
                table.columns.iter().map(|c| c.at_risk).collect::<Vec<_>>(),
            ),
            ("Events", table.columns.iter().map(|c| c.events).collect()),
            (
                "Censored",
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
    use calculator_core::BiomarkerGroup;

    use calculator_core::published::{KmEndpoint, Marker};
    use survival::SurvivalData;

    fn curve_of(geometry: &KmChartGeometry, group: BiomarkerGroup) -> &CurveGeometry {
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

    fn svg(endpoint: KmEndpoint, patient: Option<BiomarkerGroup>) -> (KmChartGeometry, String) {
        let (low, high) = data();
        let g = KmChartGeometry::compute(&KmChartInput {
            endpoint,
            marker: Marker::Il6,
            low: &low,
            high: &high,
            patient_group: patient,
        });
        let svg = render_svg(&g, &Layout::wide()).unwrap();
        (g, svg)
    }

    #[test]
    fn the_svg_scales_with_its_container() {
        let (g, svg) = svg(KmEndpoint::OverallSurvival, None);
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
            endpoint: KmEndpoint::OverallSurvival,
            marker: Marker::Il6,
            low: &low,
            high: &high,
            patient_group: None,
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
        let (_, svg) = svg(KmEndpoint::OverallSurvival, None);
        assert!(svg.contains("<text"));
        assert!(svg.contains("font-family=\"sans-serif\""));
        assert!(svg.contains("text-anchor=\"middle\""));
    }

    #[test]
    fn every_chart_carries_the_reconstruction_label_title_and_statistics() {
        for endpoint in KmEndpoint::ALL {
            let (g, svg) = svg(endpoint, None);
            assert!(svg.contains("Reconstructed from the published summary statistics; not the trial&apos;s patient-level data"));
            assert!(svg.contains(&escape(&g.text.title)), "{}", g.text.title);
            assert!(svg.contains(&escape(&g.text.statistics)));
        }
        let (_, pfs) = svg(KmEndpoint::ProgressionFreeSurvival, None);
        assert!(pfs.contains("no hazard ratio published for PFS"));
        let (_, os) = svg(KmEndpoint::OverallSurvival, None);
        assert!(os.contains("HR high vs low 2.4 (95% CI 1.5–3.88)"));
    }

    #[test]
    fn the_legend_shows_n_and_median_of_each_group() {
        let (g, svg) = svg(KmEndpoint::OverallSurvival, None);
        for group in [BiomarkerGroup::Low, BiomarkerGroup::High] {
            let legend = curve_of(&g, group).legend();
            assert!(legend.contains("n = 8"), "{legend}");
            assert!(svg.contains(&escape(&legend)), "{legend}");
        }
        // high: S drops below 0.5 at t = 7.5 (8→7/8→6/8·… worked by the engine).
        assert!(svg.contains(" mo</text>") || svg.contains(" mo\n</text>"));
    }

    #[test]
    fn the_patients_group_is_labelled_as_such_and_only_when_known() {
        let (_, svg_unknown) = svg(KmEndpoint::OverallSurvival, None);
        assert!(!svg_unknown.contains("This patient&apos;s group"));
        let (g, svg_high) = svg(KmEndpoint::OverallSurvival, Some(BiomarkerGroup::High));
        let tagged = format!(
            "This patient's group — {}",
            curve_of(&g, BiomarkerGroup::High).legend()
        );
        assert!(svg_high.contains(&escape(&tagged)));
        assert!(svg_high.contains("font-weight=\"bold\""));
    }

    #[test]
    fn the_risk_table_prints_every_column() {
        let (g, svg) = svg(KmEndpoint::TimeToLiverDysfunction, None);
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
        let (_, svg) = svg(KmEndpoint::OverallSurvival, None);
        let vermillion = svg.matches("stroke=\"#D55E00\"").count();
        let blue = svg.matches("stroke=\"#0072B2\"").count();
        assert!(vermillion > 20, "{vermillion}");
        assert!(blue < vermillion, "{blue}");
    }

    #[test]
    fn a_narrow_drawing_breaks_long_lines_and_keeps_every_word() {
        let (low, high) = data();
        let g = KmChartGeometry::compute(&KmChartInput {
            endpoint: KmEndpoint::TimeToLiverDysfunction,
            marker: Marker::Il8,
            low: &low,
            high: &high,
            patient_group: Some(BiomarkerGroup::Low),
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
            let patient = [None, Some(BiomarkerGroup::Low), Some(BiomarkerGroup::High)][case % 3];
            let g = KmChartGeometry::compute(&KmChartInput {
                endpoint: KmEndpoint::ALL[case % 3],
                marker: Marker::ALL[case % 2],
                low: &group,
                high: &data().1,
                patient_group: patient,
            });
            for layout in [Layout::wide(), Layout::narrow()] {
                let svg = render_svg(&g, &layout).unwrap();
                assert!(svg.contains(crate::RECONSTRUCTION_LABEL.split(';').next().unwrap()));
            }
        }
    }

    #[test]
    fn wrapping_keeps_the_separator_on_the_first_line() {
        assert_eq!(wrap("a; b", "; ", true), ["a;", "b"]);
        assert_eq!(wrap("a; b", "; ", false), ["a; b"]);
        assert_eq!(wrap("ab", "; ", true), ["ab"]);
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('\'', "&apos;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
}
