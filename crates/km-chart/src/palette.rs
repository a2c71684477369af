//! Colours and line styles.
//!
//! Okabe & Ito's colour-blind-safe palette (Okabe M, Ito K, "Color Universal
//! Design", 2002/2008): blue for the low group, vermillion for the high
//! group. Colour is never the only cue: the low group is solid and the high
//! group dashed, so the chart survives greyscale printing and every form of
//! colour-vision deficiency.

use study::Group;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#0072b2`, for CSS swatches next to the chart.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Okabe–Ito blue.
pub const GROUP_LOW_COLOUR: Rgb = Rgb(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion.
pub const GROUP_HIGH_COLOUR: Rgb = Rgb(0xD5, 0x5E, 0x00);
/// Axes, tick labels and body text.
pub(crate) const INK: Rgb = Rgb(0x22, 0x22, 0x22);
/// Secondary text and the median guide lines.
pub(crate) const GREY: Rgb = Rgb(0x5f, 0x5f, 0x5f);
/// Grid lines.
pub(crate) const GRID: Rgb = Rgb(0xdd, 0xdd, 0xdd);

/// The second cue besides colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineDash {
    /// Low group.
    Solid,
    /// High group.
    Dashed,
}

impl LineDash {
    /// `stroke-dasharray` for CSS swatches (`none` for solid).
    pub fn dasharray(self) -> &'static str {
        match self {
            LineDash::Solid => "none",
            LineDash::Dashed => "9 5",
        }
    }
}

pub(crate) fn colour(group: Group) -> Rgb {
    match group {
        Group::Low => GROUP_LOW_COLOUR,
        Group::High => GROUP_HIGH_COLOUR,
    }
}

pub(crate) fn dash(group: Group) -> LineDash {
    match group {
        Group::Low => LineDash::Solid,
        Group::High => LineDash::Dashed,
    }
}

/// WCAG 2.x relative luminance of an sRGB colour.
#[cfg(test)]
fn luminance(c: Rgb) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG 2.x contrast ratio of `c` drawn at `alpha` over white: the colour
/// the eye gets is the blend `alpha × c + (1 − alpha) × white` per sRGB
/// channel (what a browser composites), against white's luminance 1.
#[cfg(test)]
pub(crate) fn contrast_on_white(c: Rgb, alpha: f64) -> f64 {
    let blend = |v: u8| (alpha * f64::from(v) + (1.0 - alpha) * 255.0).round() as u8;
    let seen = Rgb(blend(c.0), blend(c.1), blend(c.2));
    1.05 / (luminance(seen) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_group_colours_are_readable_on_white() {
        // WCAG 2.x non-text contrast asks for 3:1 against the background.
        for c in [GROUP_LOW_COLOUR, GROUP_HIGH_COLOUR] {
            let contrast = contrast_on_white(c, 1.0);
            assert!(contrast >= 3.0, "{c:?}: {contrast}");
        }
    }

    #[test]
    fn the_contrast_formula_gives_the_wcag_extremes_and_the_faded_blue() {
        // Black on white is 21:1 and white on white 1:1 by definition.
        assert!((contrast_on_white(Rgb(0, 0, 0), 1.0) - 21.0).abs() < 1e-9);
        assert!((contrast_on_white(Rgb(0, 0, 0), 0.0) - 1.0).abs() < 1e-9);
        // #0072B2: L = 0.7152 × 0.1683 + 0.0722 × 0.4451 = 0.1525, so
        // 1.05 / 0.2025 = 5.19:1. At the old 45% opacity it blends to
        // #8CC0DC (0.45 × c + 0.55 × 255 per channel: 140, 192, 220),
        // L = 0.4845, 1.05 / 0.5345 = 1.96:1: why the comparison curve
        // washed out (issue 16).
        assert!((contrast_on_white(GROUP_LOW_COLOUR, 1.0) - 5.19).abs() < 0.01);
        let faded = contrast_on_white(GROUP_LOW_COLOUR, 0.45);
        assert!((1.9..2.1).contains(&faded), "{faded}");
    }

    #[test]
    fn the_groups_differ_by_line_style_not_only_by_colour() {
        assert_ne!(
            dash(Group::Low),
            dash(Group::High),
            "a second cue for greyscale printing"
        );
        assert_eq!(GROUP_LOW_COLOUR.hex(), "#0072b2");
        assert_eq!(GROUP_HIGH_COLOUR.hex(), "#d55e00");
    }
}
