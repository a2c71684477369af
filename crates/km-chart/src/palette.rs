//! Colours and line styles.
//!
//! Okabe & Ito's colour-blind-safe palette (Okabe M, Ito K, "Color Universal
//! Design", 2002/2008): blue for the low group, vermillion for the high
//! group. Colour is never the only cue: the low group is solid and the high
//! group dashed, so the chart survives greyscale printing and every form of
//! colour-vision deficiency.

use calculator_core::BiomarkerGroup;

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

pub(crate) fn colour(group: BiomarkerGroup) -> Rgb {
    match group {
        BiomarkerGroup::Low => GROUP_LOW_COLOUR,
        BiomarkerGroup::High => GROUP_HIGH_COLOUR,
    }
}

pub(crate) fn dash(group: BiomarkerGroup) -> LineDash {
    match group {
        BiomarkerGroup::Low => LineDash::Solid,
        BiomarkerGroup::High => LineDash::Dashed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance, for the contrast check below.
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

    #[test]
    fn both_group_colours_are_readable_on_white() {
        // WCAG 2.x non-text contrast asks for 3:1 against the background.
        for c in [GROUP_LOW_COLOUR, GROUP_HIGH_COLOUR] {
            let contrast = 1.05 / (luminance(c) + 0.05);
            assert!(contrast >= 3.0, "{c:?}: {contrast}");
        }
    }

    #[test]
    fn the_groups_differ_by_line_style_not_only_by_colour() {
        assert_ne!(
            dash(BiomarkerGroup::Low),
            dash(BiomarkerGroup::High),
            "a second cue for greyscale printing"
        );
        assert_eq!(GROUP_LOW_COLOUR.hex(), "#0072b2");
        assert_eq!(GROUP_HIGH_COLOUR.hex(), "#d55e00");
    }
}
