//! Writes `static/reference/reconstructed_cohort.csv` and regenerates the
//! published-versus-reconstructed table in `docs/reconstruction.md`.
//!
//! Run from anywhere: `cargo run -p reference-cohort --bin generate-reference-cohort`.

use std::path::PathBuf;
use std::process::ExitCode;

use reference_cohort::construction::{build_cohort, cohort_csv};
use reference_cohort::report::{
    check_targets, generated_section, plausibility_checks, replace_generated_table, Verdict,
};
use reference_cohort::ReferenceCohort;

fn repository_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run() -> Result<bool, String> {
    let root = repository_root();
    let csv_path = root.join("static/reference/reconstructed_cohort.csv");
    let doc_path = root.join("docs/reconstruction.md");

    let patients = build_cohort();
    let csv = cohort_csv(&patients);
    let cohort = ReferenceCohort::from_csv(&csv).map_err(|e| format!("generated CSV: {e}"))?;
    std::fs::write(&csv_path, &csv).map_err(|e| format!("{}: {e}", csv_path.display()))?;
    println!("wrote {} ({} rows)", csv_path.display(), cohort.len());

    let mut checks = check_targets(&cohort).map_err(|e| e.to_string())?;
    checks.extend(plausibility_checks(&cohort).map_err(|e| e.to_string())?);
    let table = generated_section(&cohort, &patients).map_err(|e| e.to_string())?;
    let doc =
        std::fs::read_to_string(&doc_path).map_err(|e| format!("{}: {e}", doc_path.display()))?;
    let updated = replace_generated_table(&doc, &table)
        .ok_or_else(|| format!("{}: generated-table markers not found", doc_path.display()))?;
    std::fs::write(&doc_path, updated).map_err(|e| format!("{}: {e}", doc_path.display()))?;
    println!("updated the table in {}", doc_path.display());

    print!("{table}");
    let missed = checks
        .iter()
        .filter(|c| c.verdict == Verdict::NotMet)
        .count();
    if missed > 0 {
        eprintln!("{missed} target(s) or plausibility rule(s) not met");
    }
    Ok(missed == 0)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(message) => {
            eprintln!("generate-reference-cohort: {message}");
            ExitCode::FAILURE
        }
    }
}
