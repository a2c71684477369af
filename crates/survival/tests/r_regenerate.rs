//! When R is installed, reruns `fixtures/generate.R` into a temporary
//! directory and checks that it reproduces the committed fixtures, so the
//! fixtures cannot drift from the script. Without R (and `survival`) the
//! test fails, or is skipped with `SORAMIC_ALLOW_MISSING_R=1` outside CI
//! (`r_harness::require_r`).
//!
//! Files must match field by field: identical text, or numbers equal to
//! `prec::close_to_r` (relative 1e-6, absolute 1e-14; so that a different R or survival version that
//! changes the last digits does not fail the build, while any real change
//! does).

mod common;

use std::path::Path;
use std::process::Command;
use survival::prec::close_to_r;

fn fields_match(a: &str, b: &str) -> bool {
    a == b
        || match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => close_to_r(x, y),
            _ => false,
        }
}

fn compare_file(committed: &Path, regenerated: &Path) {
    let name = committed.display();
    let a = std::fs::read_to_string(committed).expect("committed fixture readable");
    let b = std::fs::read_to_string(regenerated)
        .unwrap_or_else(|_| panic!("generate.R did not write {name}"));
    if a == b {
        return;
    }
    let (la, lb): (Vec<_>, Vec<_>) = (a.lines().collect(), b.lines().collect());
    assert_eq!(la.len(), lb.len(), "{name}: line count differs");
    for (i, (x, y)) in la.iter().zip(&lb).enumerate() {
        let (fx, fy): (Vec<_>, Vec<_>) = (x.split(',').collect(), y.split(',').collect());
        assert_eq!(fx.len(), fy.len(), "{name}:{}: field count differs", i + 1);
        for (u, v) in fx.iter().zip(&fy) {
            assert!(
                fields_match(u, v),
                "{name}:{}: committed {u}, regenerated {v}",
                i + 1
            );
        }
    }
}

#[test]
fn generate_r_reproduces_the_committed_fixtures() {
    if !r_harness::require_r("survival: generate.R reproduces fixtures/", &["survival"]) {
        return;
    }
    let fixtures = common::fixtures_dir();
    let out = std::env::temp_dir().join(format!("survival-fixtures-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("temp dir");
    let status = Command::new("Rscript")
        .arg(fixtures.join("generate.R"))
        .arg(&out)
        .status()
        .expect("Rscript runs");
    assert!(status.success(), "generate.R failed: {status}");

    let mut committed: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    committed.sort();
    let regenerated = std::fs::read_dir(&out)
        .expect("output dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "csv"))
        })
        .count();
    assert_eq!(committed.len(), regenerated, "number of fixture files");
    assert!(committed.len() >= 70, "expected 7 kinds x 10 sets of files");
    for path in &committed {
        let file_name = path.file_name().expect("file name");
        compare_file(path, &out.join(file_name));
    }
    let _ = std::fs::remove_dir_all(&out);
}
