//! `ReferenceCohort::from_csv` returns a value or a typed error on any text,
//! never a panic: the web app feeds it whatever it is given.

use proptest::prelude::*;
use reference_cohort::{ReferenceCohort, CSV_HEADER};

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = ReferenceCohort::from_csv(&text);
    }

    #[test]
    fn arbitrary_rows_after_a_valid_header_never_panic(
        rows in proptest::collection::vec("[a-z0-9.,\\-eE+ \r]{0,30}", 0..20)
    ) {
        let text = format!("{CSV_HEADER}\n{}", rows.join("\n"));
        if let Ok(cohort) = ReferenceCohort::from_csv(&text) {
            prop_assert!(!cohort.is_empty());
        }
    }

    #[test]
    fn every_valid_row_is_accepted(
        endpoint in prop::sample::select(vec!["os", "pfs", "ttld"]),
        marker in prop::sample::select(vec!["il6", "il8"]),
        group in prop::sample::select(vec!["low", "high"]),
        hundredths in 0u32..10_000,
        event in prop::bool::ANY,
    ) {
        let time = format!("{}.{:02}", hundredths / 100, hundredths % 100);
        let text = format!("{CSV_HEADER}\n{endpoint},{marker},{group},{time},{}\n", u8::from(event));
        let cohort = ReferenceCohort::from_csv(&text).unwrap();
        prop_assert_eq!(cohort.len(), 1);
    }
}
