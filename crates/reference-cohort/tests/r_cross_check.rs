//! R on the same file gives the same figures as the engine: runs
//! `check.R` with `Rscript` (survfit, survdiff, coxph) and compares every
//! figure it prints. Without R (and `survival`) the test fails, or is skipped
//! with `SORAMIC_ALLOW_MISSING_R=1` outside CI (`r_harness::require_r`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use reference_cohort::report::{comparison_figures, whole_cohort_os, GroupFigures};
use reference_cohort::{Endpoint, Group, Marker, ReferenceCohort};
use survival::prec::close_to_r;

fn r_figures() -> Option<BTreeMap<String, Option<f64>>> {
    if !r_harness::require_r(
        "reference-cohort: check.R agrees with the engine",
        &["survival"],
    ) {
        return None;
    }
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let csv = crate_dir.join("../../static/reference/reconstructed_cohort.csv");
    let output = Command::new("Rscript")
        .arg(crate_dir.join("check.R"))
        .arg(&csv)
        .output()
        .expect("Rscript runs");
    assert!(
        output.status.success(),
        "check.R failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let figures = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (key, value) = l.split_once(',').expect("key,value");
            let value = if value == "NA" {
                None
            } else {
                Some(value.parse::<f64>().expect("a number"))
            };
            (key.to_owned(), value)
        })
        .collect();
    Some(figures)
}

fn close(what: &str, r: Option<f64>, ours: Option<f64>) {
    match (r, ours) {
        // The project's one rule (relative 1e-6, absolute 1e-14; R prints
        // 15 significant digits).
        (Some(r), Some(o)) => assert!(close_to_r(o, r), "{what}: R {r} vs engine {o}"),
        (None, None) => {}
        _ => panic!("{what}: R {r:?} vs engine {ours:?}"),
    }
}

fn compare_group(r: &BTreeMap<String, Option<f64>>, key: &str, g: &GroupFigures) {
    let get = |suffix: &str| -> Option<f64> {
        *r.get(&format!("{key}.{suffix}"))
            .unwrap_or_else(|| panic!("R did not print {key}.{suffix}"))
    };
    close(&format!("{key}.n"), get("n"), Some(g.n as f64));
    close(
        &format!("{key}.events"),
        get("events"),
        Some(g.events as f64),
    );
    close(&format!("{key}.median"), get("median"), g.median.estimate);
    close(
        &format!("{key}.median_lower"),
        get("median_lower"),
        g.median.lower,
    );
    close(
        &format!("{key}.median_upper"),
        get("median_upper"),
        g.median.upper,
    );
}

#[test]
fn r_and_the_engine_agree_on_every_figure_of_the_reconstruction() {
    let Some(r) = r_figures() else { return };
    let cohort = ReferenceCohort::embedded().unwrap();
    let mut compared = 0;
    for endpoint in Endpoint::ALL {
        for marker in Marker::ALL {
            let f = comparison_figures(&cohort, endpoint, marker).unwrap();
            let key = format!("{}.{}", endpoint.code(), marker.code());
            for (group, figures) in [(Group::Low, &f.low), (Group::High, &f.high)] {
                compare_group(&r, &format!("{key}.{}", group.code()), figures);
            }
            let get = |suffix: &str| *r.get(&format!("{key}.{suffix}")).expect("printed by R");
            close(
                &format!("{key}.logrank_p"),
                get("logrank_p"),
                Some(f.p_log_rank),
            );
            close(
                &format!("{key}.hr"),
                get("hr"),
                Some(f.hazard_ratio.estimate),
            );
            close(
                &format!("{key}.hr_lower"),
                get("hr_lower"),
                Some(f.hazard_ratio.lower),
            );
            close(
                &format!("{key}.hr_upper"),
                get("hr_upper"),
                Some(f.hazard_ratio.upper),
            );
            close(
                &format!("{key}.hr_wald_p"),
                get("hr_wald_p"),
                Some(f.hazard_ratio.wald_p),
            );
            compared += 1;
        }
    }
    compare_group(&r, "os.all", &whole_cohort_os(&cohort).unwrap());
    assert_eq!(compared, 6);
}
