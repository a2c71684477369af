//! When R is installed (with `survival` and `maxstat`), reruns
//! `tests/fixtures/generate.R` into a temporary directory and checks that it
//! reproduces the committed fixtures, so they cannot drift from the script
//! or the data files. Without `Rscript` on PATH the test prints a note and
//! passes. Fields must be identical text, or numbers within
//! `survival::prec::close_to_r` (relative 1e-6, absolute 1e-14).

mod common;

use std::process::Command;
use survival::prec::close_to_r;

fn r_with_packages() -> bool {
    Command::new("Rscript")
        .args(["-e", "library(survival); library(maxstat)"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn generate_r_reproduces_the_committed_fixtures() {
    if !r_with_packages() {
        println!("note: Rscript with survival and maxstat not available; skipping the regeneration check of tests/fixtures/");
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
