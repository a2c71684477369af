//! The form's words for its fields and choices, in the chosen language.
//!
//! calculator-core labels the choices in English (`Choice::label`), which the
//! cohort tool still reads; the form words them through the catalog instead,
//! one exhaustive match per choice, so a new choice in core fails to compile
//! here until it has its words. Labels that are codes or points (`B7`,
//! `C (10–15)`, ECOG `0`) read the same in every language and stay core's.

use calculator_core::child_pugh::{Ascites, Encephalopathy};
use calculator_core::{
    BclcStage, ChildPughClass, Choice, Cirrhosis, EcogStatus, ExtrahepaticDisease, LabField,
};
use text::Text;

/// A choice as the form labels it.
pub trait FormLabel: Choice {
    fn form_label(self, t: &Text) -> &str;
}

impl FormLabel for Cirrhosis {
    fn form_label(self, t: &Text) -> &str {
        match self {
            Cirrhosis::Yes => t.form_cirrhosis_yes(),
            Cirrhosis::No => t.form_cirrhosis_no(),
        }
    }
}

impl FormLabel for ChildPughClass {
    fn form_label(self, t: &Text) -> &str {
        match self {
            ChildPughClass::BUnspecified => t.form_child_pugh_b(),
            ChildPughClass::A | ChildPughClass::B7 | ChildPughClass::B8To9 | ChildPughClass::C => {
                Choice::label(self)
            }
        }
    }
}

impl FormLabel for BclcStage {
    fn form_label(self, t: &Text) -> &str {
        match self {
            BclcStage::BNotForTace => t.form_bclc_b(),
            BclcStage::C => Choice::label(self),
            BclcStage::Other => t.form_bclc_other(),
        }
    }
}

impl FormLabel for EcogStatus {
    fn form_label(self, t: &Text) -> &str {
        match self {
            EcogStatus::Zero | EcogStatus::One | EcogStatus::Two => Choice::label(self),
            EcogStatus::ThreeOrMore => t.form_ecog_three(),
        }
    }
}

impl FormLabel for ExtrahepaticDisease {
    fn form_label(self, t: &Text) -> &str {
        match self {
            ExtrahepaticDisease::None => t.form_extrahepatic_none(),
            ExtrahepaticDisease::LiverDominant => t.form_extrahepatic_liver_dominant(),
            ExtrahepaticDisease::LungOrNotLiverDominant => t.form_extrahepatic_lung(),
        }
    }
}

impl FormLabel for Ascites {
    fn form_label(self, t: &Text) -> &str {
        match self {
            Ascites::None => t.cp_ascites_none(),
            Ascites::Mild => t.cp_ascites_mild(),
            Ascites::Moderate => t.cp_ascites_moderate(),
        }
    }
}

impl FormLabel for Encephalopathy {
    fn form_label(self, t: &Text) -> &str {
        match self {
            Encephalopathy::None => t.cp_encephalopathy_none(),
            Encephalopathy::Grade1To2 => t.cp_encephalopathy_grade1_2(),
            Encephalopathy::Grade3To4 => t.cp_encephalopathy_grade3_4(),
        }
    }
}

/// A lab field's label; the interleukins' names are the same in every
/// language.
pub fn field_label(t: &Text, field: LabField) -> &str {
    match field {
        LabField::Il6 | LabField::Il8 => field.label(),
        LabField::Albumin => t.form_field_albumin(),
        LabField::Bilirubin => t.form_field_bilirubin(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use text::Lang;

    fn german() -> Text {
        Text::from_catalog(Lang::De, include_str!("../crates/text/lang/de.txt"))
            .expect("the German catalog loads")
    }

    /// English on screen is core's label; every label with words has its own
    /// German entry (not the English fallback), and codes stay as they are.
    fn check<T: FormLabel>(all: &[T]) -> usize {
        let (en, de) = (Text::english(), german());
        let mut worded = 0;
        for &choice in all {
            assert_eq!(choice.form_label(&en), choice.label());
            let has_words = choice.label().chars().any(|c| c.is_ascii_lowercase());
            if has_words {
                assert_ne!(choice.form_label(&de), choice.label(), "{}", choice.label());
                worded += 1;
            } else {
                assert_eq!(choice.form_label(&de), choice.label());
            }
        }
        worded
    }

    #[test]
    fn the_form_labels_every_choice_as_core_does_in_english_and_its_own_way_in_german() {
        // Cirrhosis: Yes, No; Child–Pugh: B (points not given); BCLC: "B, not
        // eligible for TACE", other; ECOG: 3 or more; extrahepatic: all three.
        let mut child_pugh = ChildPughClass::FORM.to_vec();
        child_pugh.push(ChildPughClass::BUnspecified);
        let worded = check(Cirrhosis::ALL)
            + check(&child_pugh)
            + check(BclcStage::ALL)
            + check(EcogStatus::ALL)
            + check(ExtrahepaticDisease::ALL);
        assert_eq!(worded, 2 + 1 + 2 + 1 + 3);
    }

    #[test]
    fn field_labels_read_as_core_in_english() {
        for field in LabField::ALL {
            assert_eq!(field_label(&Text::english(), field), field.label());
        }
        assert_eq!(
            field_label(&german(), LabField::Bilirubin),
            "Gesamtbilirubin"
        );
    }
}
