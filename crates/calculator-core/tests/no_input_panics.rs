//! Property tests: no text of any kind, typed or from a link, makes the core
//! panic, and a link always reads back as the same state.

use calculator_core::fragment::MAX_LINK_TEXT_CHARS;
use calculator_core::number_input::parse_number;
use calculator_core::{parse_fragment, to_fragment, Assessment, LabField, RawInputs, Selection};
use calculator_core::{AlbuminUnit, BilirubinUnit};
use proptest::prelude::*;

fn number_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9.,eE+\\-− ]{0,24}",
        "[0-9]{1,6}([.,][0-9]{0,6})?",
        Just("NaN".to_owned()),
        Just("1e999".to_owned()),
    ]
}

fn units() -> impl Strategy<Value = (AlbuminUnit, BilirubinUnit)> {
    (
        prop_oneof![
            Just(AlbuminUnit::GramsPerLitre),
            Just(AlbuminUnit::GramsPerDecilitre)
        ],
        prop_oneof![
            Just(BilirubinUnit::MicromolesPerLitre),
            Just(BilirubinUnit::MilligramsPerDecilitre)
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_parses_or_gives_a_reason(text in number_like()) {
        match parse_number(&text) {
            Ok(value) => prop_assert!(value.to_f64().is_finite()),
            Err(error) => prop_assert!(!wording::number_input_error(&wording::Text::english(), &error).is_empty()),
        }
    }

    #[test]
    fn any_form_state_assesses_without_panicking(
        il6 in number_like(), il8 in number_like(),
        albumin in number_like(), bilirubin in number_like(),
        (albumin_unit, bilirubin_unit) in units(),
    ) {
        let inputs = RawInputs {
            il6, il8, albumin, bilirubin,
            albumin_unit: Selection::Chosen(albumin_unit),
            bilirubin_unit: Selection::Chosen(bilirubin_unit),
            ..RawInputs::default()
        };
        let assessment = Assessment::new(&inputs);
        if let Some(albi) = assessment.albi {
            prop_assert!(albi.value().is_finite());
        }
        for field in LabField::ALL {
            if let Err(error) = assessment.lab(field) {
                prop_assert!(!wording::lab_value_error(&wording::Text::english(), error).is_empty());
            }
        }
    }

    #[test]
    fn any_fragment_reads_back_as_the_same_state(fragment in any::<String>()) {
        let state = parse_fragment(&fragment);
        let _ = Assessment::new(&state);
        prop_assert_eq!(parse_fragment(&to_fragment(&state)), linkable(state));
    }

    #[test]
    fn typed_text_survives_a_round_trip_through_the_link(il6 in any::<String>(), albumin in any::<String>()) {
        let state = RawInputs { il6, albumin, ..RawInputs::default() };
        prop_assert_eq!(parse_fragment(&to_fragment(&state)), linkable(state));
    }

    #[test]
    fn over_long_texts_are_the_only_ones_left_out_of_the_link(
        il6 in "[0-9]{250,262}", il8 in "[0-9.,]{0,12}",
    ) {
        let state = RawInputs { il6, il8, ..RawInputs::default() };
        let read_back = parse_fragment(&to_fragment(&state));
        prop_assert_eq!(&read_back.il8, &state.il8);
        prop_assert_eq!(read_back.il6.is_empty(), state.il6.chars().count() > MAX_LINK_TEXT_CHARS);
    }
}

/// The state a link can carry: texts over the link's limit left out.
fn linkable(mut state: RawInputs) -> RawInputs {
    for field in LabField::ALL {
        if state.text(field).chars().count() > MAX_LINK_TEXT_CHARS {
            state.text_mut(field).clear();
        }
    }
    state
}
