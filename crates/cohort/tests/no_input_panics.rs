//! No input panics: arbitrary text (biased towards what CSV files are made
//! of) goes through preview, import, every analysis, the cutoff explorer,
//! the optimal-cutoff search and the exports.

use calculator_core::published::Marker;
use cohort::analysis::CohortAnalysis;
use cohort::csv::{decode_utf8, Separator};
use cohort::cutoff::{explore_cutoff, optimal_cutoff, MaxStatOptions};
use cohort::export::{excluded_rows_csv, patients_csv};
use cohort::import::{preview, Cohort, ImportJob};
use cohort::mapping::EndpointRole;
use proptest::prelude::*;

const HEADER: &str =
    "id;time_days;event;il6;il8;albumin_g_dl;bilirubin_mg_dl;cirrhosis;child_pugh;time2;event2\n";

fn run_everything(text: &str) {
    for separator in [None, Some(Separator::Comma), Some(Separator::Semicolon)] {
        let Ok(p) = preview(text, separator, 3) else {
            continue;
        };
        let Ok(cohort) = Cohort::import(text, separator, &p.mapping) else {
            continue;
        };
        assert_eq!(
            cohort.rows_read(),
            cohort.rows_used() + cohort.rows_excluded()
        );
        let _ = CohortAnalysis::compute(&cohort);
        for role in [EndpointRole::Primary, EndpointRole::Second] {
            for marker in Marker::ALL {
                for cut in [0.0, 6.53, 1e300, f64::NAN, -1.0] {
                    let _ = explore_cutoff(&cohort, role, marker, cut);
                }
                let _ = optimal_cutoff(&cohort, role, marker, &MaxStatOptions::default());
            }
        }
        let _ = patients_csv(&cohort);
        let _ = excluded_rows_csv(&cohort);
        if let Ok(mut job) = ImportJob::new(text, separator, &p.mapping) {
            while !job.step(1).done {}
        }
    }
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,3}",
        "[0-9]{1,2}[.,][0-9]{1,2}",
        Just(String::new()),
        Just("NA".to_owned()),
        Just("\"".to_owned()),
        Just("\"a;b\"".to_owned()),
        Just("yes".to_owned()),
        Just("B7".to_owned()),
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        run_everything(&text);
    }

    #[test]
    fn arbitrary_rows_under_a_valid_header_never_panic(
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..13), 0..25),
        line_end in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    ) {
        let mut text = String::from(HEADER);
        for row in rows {
            text.push_str(&row.join(";"));
            text.push_str(line_end);
        }
        run_everything(&text);
    }

    #[test]
    fn arbitrary_bytes_decode_or_report_a_line(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(text) = decode_utf8(bytes) {
            run_everything(&text);
        }
    }
}

#[test]
fn valid_random_looking_cohorts_run_every_analysis() {
    // A small deterministic cohort (linear congruential values) where every
    // analysis has data: nothing may panic and the main figures must exist.
    let mut text = String::from(HEADER);
    let mut state: u64 = 42;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    for i in 0..300 {
        let il6 = 20.0 * next();
        let days = (1.0 + 900.0 * next()).round();
        text.push_str(&format!(
            "{i};{days};{};{il6:.2};{:.1};{:.1};{:.2};{};{};{:.1};{}\n",
            u8::from(next() < 0.7),
            150.0 * next(),
            2.5 + 2.0 * next(),
            0.3 + 2.0 * next(),
            if next() < 0.8 { "yes" } else { "no" },
            if next() < 0.85 { "A" } else { "B" },
            1.0 + 20.0 * next(),
            u8::from(next() < 0.4),
        ));
    }
    let p = preview(&text, None, 1).expect("header");
    let cohort = Cohort::import(&text, None, &p.mapping).expect("imports");
    assert_eq!(cohort.rows_used(), 300);
    let analysis = CohortAnalysis::compute(&cohort);
    assert_eq!(analysis.endpoints.len(), 2);
    for e in &analysis.endpoints {
        assert_eq!(e.markers.len(), 2);
        for m in &e.markers {
            assert!(m.comparison.hazard_ratio.is_ok());
            assert!(m.comparison.log_rank.is_ok());
        }
        for model in &e.models {
            assert!(model.fit.is_ok(), "{:?}", model.fit);
        }
    }
}
