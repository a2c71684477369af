//! When R is installed (with `survival` and `maxstat`), reruns
//! `tests/fixtures/generate.R` into a temporary directory and checks that it
//! reproduces the committed fixtures, so they cannot drift from the script
//! or the data files. Without R (and its packages) the test fails, or is
//! skipped with `SORAMIC_ALLOW_MISSING_R=1` outside CI
//! (`r_harness::require_r`). Fields must be identical text, or numbers within
//! `survival::prec::close_to_r`.

mod common;

use std::process::Command;
use survival::prec::close_to_r;

#[test]
fn generate_r_reproduces_the_committed_fixtures() {
    if !r_harness::require_r(
        "cohort: generate.R reproduces tests/fixtures/",
        &["survival", "maxstat"],
    ) {
        return;
    }
    let dir = common::crate_dir();
    let out = std::env::temp_dir().join(format!("cohort-fixtures-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("temp dir");
    let status = Command::new("Rscript")
        .arg(dir.join("tests/fixtures/generate.R"))
        .arg(&out)
        .arg(dir.join("tests/data"))
        .status()
        .expect("Rscript runs");
    assert!(status.success(), "generate.R failed: {status}");
    for set in common::SETS {
        let committed = common::read_expected(&dir.join("tests/fixtures"), set);
        let fresh = common::read_expected(&out, set);
        assert_eq!(committed.len(), fresh.len(), "{set}: number of values");
        for ((k1, v1), (k2, v2)) in committed.iter().zip(&fresh) {
            assert_eq!(k1, k2, "{set}: keys differ");
            let same = v1 == v2
                || matches!((v1.parse::<f64>(), v2.parse::<f64>()), (Ok(a), Ok(b)) if close_to_r(a, b));
            assert!(same, "{set}: {k1}: committed {v1}, regenerated {v2}");
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}
