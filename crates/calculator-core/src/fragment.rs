//! The input state as a URL fragment, so a link reopens the same view and
//! nothing reaches a server (browsers never send the fragment).
//!
//! Format (a public contract, documented in the README):
//! `#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A`
//! `albumin_unit` is `g/L` or `g/dL`, `bilirubin_unit` is `umol/L` or `mg/dL`,
//! `cirrhosis` is `yes`/`no`, `child_pugh` is `A`/`B7`/`B8-9`/`C` (the older
//! `B` still reads as "B, points not given"), `bclc` is `B`/`C`/`other`, `ecog`
//! is `0`–`3` (3 = 3 or more), `extrahepatic` is `none`/`liver-dominant`/
//! `lung-or-not-liver-dominant`, and `unit_confirmed` lists the unit questions
//! answered "right as typed" (`albumin`, `bilirubin`, `mixed`, comma-separated);
//! `inr` is a number, `ascites` is `none`/`mild`/`moderate` (moderate to
//! severe), `encephalopathy` is `none`/`grade1-2`/`grade3-4`, `uln` is the
//! local bilirubin ULN and `fu` the follow-up bilirubins as
//! `value@months;value@months` (both in the bilirubin field's unit and months
//! since radioembolization);
//! an absent key means an empty field, the default unit, or "unknown". Values
//! are percent-encoded.
//!
//! Parsing never fails: number texts are kept exactly as written and are
//! validated like typed ones; a choice code that is not allowed is kept as
//! [`Selection::Invalid`] so the field can say what was wrong.

use crate::child_pugh::{Ascites, Encephalopathy};
use crate::followup::{FollowUpText, MAX_FOLLOW_UP_VALUES};
use crate::inputs::{
    BclcStage, Choice, Cirrhosis, EcogStatus, ExtrahepaticDisease, RawInputs, Selection,
    UnitConfirmation,
};
use crate::units::{AlbuminUnit, BilirubinUnit};
use crate::ChildPughClass;

/// Reads a fragment, with or without its leading `#`. Unknown keys are
/// ignored; for a repeated key the last one wins.
pub fn parse_fragment(fragment: &str) -> RawInputs {
    let mut inputs = RawInputs::default();
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    for pair in body.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(key);
        let raw_value = value;
        let value = percent_decode(value);
        match key.as_str() {
            "il6" => inputs.il6 = value,
            "il8" => inputs.il8 = value,
            "albumin" => inputs.albumin = value,
            "bilirubin" => inputs.bilirubin = value,
            "albumin_unit" if !value.is_empty() => {
                inputs.albumin_unit = select(&value, AlbuminUnit::from_code)
            }
            "bilirubin_unit" if !value.is_empty() => {
                inputs.bilirubin_unit = select(&value, BilirubinUnit::from_code)
            }
            "cirrhosis" => inputs.cirrhosis = select_or_unknown(&value, Cirrhosis::from_code),
            "child_pugh" => {
                inputs.child_pugh = select_or_unknown(&value, ChildPughClass::from_code)
            }
            "bclc" => inputs.bclc = select_or_unknown(&value, BclcStage::from_code),
            "ecog" => inputs.ecog = select_or_unknown(&value, EcogStatus::from_code),
            "extrahepatic" => {
                inputs.extrahepatic = select_or_unknown(&value, ExtrahepaticDisease::from_code)
            }
            // Unknown codes are dropped: a confirmation that cannot be read
            // is no confirmation, so the question is asked again.
            "unit_confirmed" => {
                inputs.unit_confirmed = value
                    .split(',')
                    .filter_map(UnitConfirmation::from_code)
                    .fold(Vec::new(), |mut kept, c| {
                        if !kept.contains(&c) {
                            kept.push(c);
                        }
                        kept
                    })
            }
            "inr" => inputs.inr = linkable_text(value),
            "ascites" => inputs.ascites = select_or_unknown(&value, Ascites::from_code),
            "encephalopathy" => {
                inputs.encephalopathy = select_or_unknown(&value, Encephalopathy::from_code)
            }
            "uln" => inputs.uln = linkable_text(value),
            "fu" => inputs.follow_up = parse_follow_up(raw_value),
            _ => {}
        }
    }
    inputs
}

/// A text of the follow-up keys longer than a link carries is read as
/// empty, so that what a link gives is what it writes back.
fn linkable_text(text: String) -> String {
    if text.chars().nth(MAX_LINK_TEXT_CHARS).is_some() {
        String::new()
    } else {
        text
    }
}

/// `fu=<value>@<months>;<value>@<months>…`, each part percent-encoded on its
/// own (so a typed `@` or `;` stays inside its part); at most
/// [`MAX_FOLLOW_UP_VALUES`] entries are read.
fn parse_follow_up(raw: &str) -> Vec<FollowUpText> {
    if raw.is_empty() {
        return Vec::new();
    }
    raw.split(';')
        .take(MAX_FOLLOW_UP_VALUES)
        .map(|entry| {
            let (bilirubin, months) = entry.split_once('@').unwrap_or((entry, ""));
            FollowUpText {
                bilirubin: linkable_text(percent_decode(bilirubin)),
                months: linkable_text(percent_decode(months)),
            }
        })
        .collect()
}

fn write_follow_up(entries: &[FollowUpText]) -> String {
    let part = |text: &str| {
        if text.chars().nth(MAX_LINK_TEXT_CHARS).is_some() {
            String::new()
        } else {
            percent_encode(text)
        }
    };
    entries
        .iter()
        .take(MAX_FOLLOW_UP_VALUES)
        .map(|e| format!("{}@{}", part(&e.bilirubin), part(&e.months)))
        .collect::<Vec<_>>()
        .join(";")
}

/// A text longer than this is left out of the link. No lab value comes near
/// it (the field refuses more than 40 characters), and writing a pasted
/// document into the address would make a link browsers truncate (Chromium
/// stops at 2 MB) and fill the wasm heap with copies of it.
pub const MAX_LINK_TEXT_CHARS: usize = 256;

/// Writes the state as a fragment (without `#`), keys in a fixed order,
/// leaving out what is empty, unknown, the default unit of an empty field,
/// or longer than [`MAX_LINK_TEXT_CHARS`].
pub fn to_fragment(inputs: &RawInputs) -> String {
    let defaults = RawInputs::default();
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let push_text = |pairs: &mut Vec<(&str, String)>, key, text: &str| {
        if !text.is_empty() && text.chars().nth(MAX_LINK_TEXT_CHARS).is_none() {
            pairs.push((key, text.to_owned()));
        }
    };
    push_text(&mut pairs, "il6", &inputs.il6);
    push_text(&mut pairs, "il8", &inputs.il8);
    push_text(&mut pairs, "albumin", &inputs.albumin);
    if !inputs.albumin.is_empty() || inputs.albumin_unit != defaults.albumin_unit {
        push_selection(&mut pairs, "albumin_unit", &inputs.albumin_unit, |u| {
            u.code()
        });
    }
    push_text(&mut pairs, "bilirubin", &inputs.bilirubin);
    if !inputs.bilirubin.is_empty() || inputs.bilirubin_unit != defaults.bilirubin_unit {
        push_selection(&mut pairs, "bilirubin_unit", &inputs.bilirubin_unit, |u| {
            u.code()
        });
    }
    push_selection(&mut pairs, "cirrhosis", &inputs.cirrhosis, |c| c.code());
    push_selection(&mut pairs, "child_pugh", &inputs.child_pugh, |c| c.code());
    push_selection(&mut pairs, "bclc", &inputs.bclc, |c| c.code());
    push_selection(&mut pairs, "ecog", &inputs.ecog, |c| c.code());
    push_selection(&mut pairs, "extrahepatic", &inputs.extrahepatic, |c| {
        c.code()
    });
    if !inputs.unit_confirmed.is_empty() {
        let codes: Vec<&str> = inputs.unit_confirmed.iter().map(|c| c.code()).collect();
        pairs.push(("unit_confirmed", codes.join(",")));
    }
    push_text(&mut pairs, "inr", &inputs.inr);
    push_selection(&mut pairs, "ascites", &inputs.ascites, |c| c.code());
    push_selection(&mut pairs, "encephalopathy", &inputs.encephalopathy, |c| {
        c.code()
    });
    push_text(&mut pairs, "uln", &inputs.uln);
    let mut written: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", percent_encode(value)))
        .collect();
    // Already encoded part by part: `@` and `;` are its separators.
    if !inputs.follow_up.is_empty() {
        written.push(format!("fu={}", write_follow_up(&inputs.follow_up)));
    }
    written.join("&")
}

fn push_selection<'k, T>(
    pairs: &mut Vec<(&'k str, String)>,
    key: &'k str,
    selection: &Selection<T>,
    code: impl Fn(&T) -> &'static str,
) {
    match selection {
        Selection::Unknown => {}
        Selection::Chosen(value) => pairs.push((key, code(value).to_owned())),
        Selection::Invalid(given) => pairs.push((key, given.clone())),
    }
}

fn select<T>(value: &str, from_code: impl Fn(&str) -> Option<T>) -> Selection<T> {
    match from_code(value) {
        Some(chosen) => Selection::Chosen(chosen),
        None => Selection::Invalid(value.to_owned()),
    }
}

fn select_or_unknown<T>(value: &str, from_code: impl Fn(&str) -> Option<T>) -> Selection<T> {
    if value.is_empty() || value == "unknown" {
        Selection::Unknown
    } else {
        select(value, from_code)
    }
}

/// Characters left as they are: RFC 3986 unreserved, plus `/` and `,`
/// (allowed in a fragment) so that `g/dL` and `6,5` stay readable.
fn is_kept(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/' | b',')
}

fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if is_kept(byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it
/// is, and invalid UTF-8 becomes U+FFFD, so decoding never fails.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(high), Some(low)) => hex_value(*high)
                .zip(hex_value(*low))
                .map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUE_EXAMPLE: &str = "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";

    #[test]
    fn the_issue_example_link_fills_every_field() {
        let inputs = parse_fragment(ISSUE_EXAMPLE);
        assert_eq!(
            inputs,
            RawInputs {
                il6: "12.4".into(),
                il8: "85.2".into(),
                albumin: "3.1".into(),
                albumin_unit: Selection::Chosen(AlbuminUnit::GramsPerDecilitre),
                bilirubin: "1.4".into(),
                bilirubin_unit: Selection::Chosen(BilirubinUnit::MilligramsPerDecilitre),
                cirrhosis: Selection::Chosen(Cirrhosis::Yes),
                child_pugh: Selection::Chosen(ChildPughClass::A),
                ..RawInputs::default()
            }
        );
        assert_eq!(format!("#{}", to_fragment(&inputs)), ISSUE_EXAMPLE);
    }

    #[test]
    fn absent_keys_mean_empty_default_unit_or_unknown() {
        assert_eq!(parse_fragment(""), RawInputs::default());
        assert_eq!(parse_fragment("#"), RawInputs::default());
        assert_eq!(to_fragment(&RawInputs::default()), "");
        let inputs = parse_fragment("il6=3&cirrhosis=unknown");
        assert_eq!(inputs.il6, "3");
        assert_eq!(inputs.cirrhosis, Selection::Unknown);
        assert_eq!(
            inputs.albumin_unit,
            Selection::Chosen(AlbuminUnit::GramsPerLitre)
        );
    }

    #[test]
    fn values_are_kept_as_written_and_validated_later() {
        let inputs = parse_fragment("il6=6,5&il8=abc&albumin=1e999");
        assert_eq!(inputs.il6, "6,5");
        assert_eq!(inputs.il8, "abc");
        assert_eq!(inputs.albumin, "1e999");
        assert_eq!(
            to_fragment(&inputs),
            "il6=6,5&il8=abc&albumin=1e999&albumin_unit=g/L"
        );
    }

    #[test]
    fn unknown_codes_become_invalid_selections() {
        let inputs = parse_fragment("albumin_unit=kg&cirrhosis=maybe&child_pugh=D&ecog=5");
        assert_eq!(inputs.albumin_unit, Selection::Invalid("kg".into()));
        assert_eq!(inputs.cirrhosis, Selection::Invalid("maybe".into()));
        assert_eq!(inputs.child_pugh, Selection::Invalid("D".into()));
        assert_eq!(inputs.ecog, Selection::Invalid("5".into()));
    }

    #[test]
    fn child_pugh_codes_include_c_and_the_points_of_b() {
        let class = |code: &str| parse_fragment(&format!("child_pugh={code}")).child_pugh;
        assert_eq!(class("A"), Selection::Chosen(ChildPughClass::A));
        assert_eq!(class("B7"), Selection::Chosen(ChildPughClass::B7));
        assert_eq!(class("B8-9"), Selection::Chosen(ChildPughClass::B8To9));
        assert_eq!(class("C"), Selection::Chosen(ChildPughClass::C));
        // Links written before the points were asked keep working.
        assert_eq!(class("B"), Selection::Chosen(ChildPughClass::BUnspecified));
        assert_eq!(class("unknown"), Selection::Unknown);
    }

    #[test]
    fn applicability_inputs_and_unit_confirmations_round_trip() {
        let text = "albumin=3.1&albumin_unit=g/L&child_pugh=B8-9&bclc=other&ecog=3&extrahepatic=lung-or-not-liver-dominant&unit_confirmed=albumin,mixed";
        let inputs = parse_fragment(text);
        assert_eq!(inputs.bclc, Selection::Chosen(BclcStage::Other));
        assert_eq!(inputs.ecog, Selection::Chosen(EcogStatus::ThreeOrMore));
        assert_eq!(
            inputs.extrahepatic,
            Selection::Chosen(ExtrahepaticDisease::LungOrNotLiverDominant)
        );
        assert_eq!(
            inputs.unit_confirmed,
            vec![UnitConfirmation::Albumin, UnitConfirmation::Mixed]
        );
        assert_eq!(to_fragment(&inputs), text);
    }

    #[test]
    fn unreadable_or_repeated_confirmations_are_dropped() {
        let inputs = parse_fragment("unit_confirmed=albumin,yes,albumin,,bilirubin");
        assert_eq!(
            inputs.unit_confirmed,
            vec![UnitConfirmation::Albumin, UnitConfirmation::Bilirubin]
        );
    }

    #[test]
    fn percent_escapes_are_decoded_and_special_characters_encoded() {
        let inputs = parse_fragment("albumin_unit=g%2FdL&il6=%2012%20&il8=%E2%88%925");
        assert_eq!(
            inputs.albumin_unit,
            Selection::Chosen(AlbuminUnit::GramsPerDecilitre)
        );
        assert_eq!(inputs.il6, " 12 ");
        assert_eq!(inputs.il8, "\u{2212}5");
        let written = to_fragment(&RawInputs {
            il6: "1&il8=2#x %".into(),
            ..RawInputs::default()
        });
        assert_eq!(written, "il6=1%26il8%3D2%23x%20%25");
        assert_eq!(parse_fragment(&written).il6, "1&il8=2#x %");
    }

    #[test]
    fn a_pasted_document_is_left_out_of_the_link() {
        let longest = "9".repeat(MAX_LINK_TEXT_CHARS);
        let inputs = RawInputs {
            il6: format!("{longest}9"),
            il8: longest.clone(),
            ..RawInputs::default()
        };
        assert_eq!(to_fragment(&inputs), format!("il8={longest}"));
    }

    #[test]
    fn malformed_escapes_and_pairs_do_not_fail() {
        let inputs = parse_fragment("il6=%&il8=%zz&=&&albumin&foo=bar&il6=%4");
        assert_eq!(inputs.il6, "%4");
        assert_eq!(inputs.il8, "%zz");
        assert_eq!(inputs.albumin, "");
    }

    #[test]
    fn child_pugh_parts_and_follow_up_round_trip() {
        let text =
            "bilirubin=40&inr=1,7&ascites=moderate&encephalopathy=grade1-2&uln=21&fu=25@1;40,5@3";
        let inputs = parse_fragment(text);
        assert_eq!(inputs.inr, "1,7");
        assert_eq!(inputs.ascites, Selection::Chosen(Ascites::Moderate));
        assert_eq!(
            inputs.encephalopathy,
            Selection::Chosen(Encephalopathy::Grade1To2)
        );
        assert_eq!(inputs.uln, "21");
        assert_eq!(
            inputs.follow_up,
            vec![
                FollowUpText {
                    bilirubin: "25".into(),
                    months: "1".into()
                },
                FollowUpText {
                    bilirubin: "40,5".into(),
                    months: "3".into()
                },
            ]
        );
        // The bilirubin's default unit is written back with it.
        assert_eq!(
            to_fragment(&inputs),
            "bilirubin=40&bilirubin_unit=umol/L&inr=1,7&ascites=moderate&encephalopathy=grade1-2&uln=21&fu=25@1;40,5@3"
        );
    }

    #[test]
    fn absent_child_pugh_parts_are_unknown_and_bad_codes_invalid() {
        let inputs = parse_fragment("ascites=unknown&encephalopathy=grade5");
        assert_eq!(inputs.ascites, Selection::Unknown);
        assert_eq!(inputs.encephalopathy, Selection::Invalid("grade5".into()));
        assert_eq!(parse_fragment("").inr, "");
        assert!(parse_fragment("fu=").follow_up.is_empty());
    }

    #[test]
    fn a_follow_up_text_with_a_separator_in_it_stays_in_its_part() {
        let inputs = RawInputs {
            follow_up: vec![
                FollowUpText {
                    bilirubin: "2@3;x".into(),
                    months: "".into(),
                },
                FollowUpText::default(),
            ],
            ..RawInputs::default()
        };
        let written = to_fragment(&inputs);
        assert_eq!(written, "fu=2%403%3Bx@;@");
        assert_eq!(parse_fragment(&written), inputs);
    }

    #[test]
    fn a_link_carries_at_most_twenty_follow_up_values() {
        let many = vec!["1@1"; MAX_FOLLOW_UP_VALUES + 5].join(";");
        let inputs = parse_fragment(&format!("fu={many}"));
        assert_eq!(inputs.follow_up.len(), MAX_FOLLOW_UP_VALUES);
    }

    #[test]
    fn a_full_link_stays_well_below_two_thousand_characters() {
        // Every field filled with a realistic value and the maximum of 20
        // follow-up values with two decimals and one-decimal months: the
        // README's documented bound (older browsers and many mail and chat
        // programs keep a link whole up to 2000 characters).
        let follow_up = (1..=MAX_FOLLOW_UP_VALUES)
            .map(|i| format!("123.45@{i}.5"))
            .collect::<Vec<_>>()
            .join(";");
        let link = format!(
            "https://example.org/soramic/#{}",
            to_fragment(&parse_fragment(&format!(
                "il6=1234.56&il8=1234.56&albumin=35.5&albumin_unit=g/dL&bilirubin=123.45&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=B8-9&bclc=other&ecog=3&extrahepatic=lung-or-not-liver-dominant&unit_confirmed=albumin,bilirubin,mixed&inr=1.75&ascites=moderate&encephalopathy=grade3-4&uln=1.2&fu={follow_up}"
            )))
        );
        // Measured: 540 characters with the 29-character address above.
        assert!(link.len() < 600, "{} characters: {link}", link.len());
    }
}
