//! Whether a test that compares with R can run, and what happens when it
//! cannot. One rule for every test that runs `Rscript` (README, "Development
//! notes"):
//!
//! * `Rscript` with the packages the test needs runs: the test runs.
//! * Under CI (`CI` set, and not `false` or `0`): the test fails, saying what
//!   is missing. CI must never pass without the comparisons with R.
//! * Elsewhere with `SORAMIC_ALLOW_MISSING_R=1`: the test is skipped. It says
//!   so on stderr and, when `SORAMIC_SKIP_LOG` names a file (scripts/test.sh
//!   sets it), appends a line there, which the test command's summary prints.
//! * Elsewhere without it: the test fails, naming `scripts/setup.sh test`
//!   and the opt-out variable. A skip is never a silent "ok".
//!
//! Test support only: no domain crate depends on this at run time.

use std::io::Write;
use std::process::Command;

/// The opt-out variable (outside CI only).
pub const ALLOW_MISSING_R: &str = "SORAMIC_ALLOW_MISSING_R";
/// A file to which skipped checks are appended, one line each.
pub const SKIP_LOG: &str = "SORAMIC_SKIP_LOG";

/// What to do about a check that cannot run.
#[derive(Debug, PartialEq, Eq)]
pub enum Missing {
    /// Fail the test with this message.
    Fail(String),
    /// Skip the test, reporting this reason.
    Skip(String),
}

/// Returns `true` when `Rscript` runs and loads every package in
/// `packages`, so `check` (a sentence naming the test's comparison) can run;
/// `false` when the check is to be skipped (see the crate docs). Panics, with
/// what is missing and how to install it, when a missing R is a failure.
#[track_caller]
pub fn require_r(check: &str, packages: &[&str]) -> bool {
    let Some(missing) = r_missing(packages) else {
        return true;
    };
    match decide(
        check,
        &missing,
        std::env::var("CI").ok().as_deref(),
        std::env::var(ALLOW_MISSING_R).ok().as_deref(),
    ) {
        Missing::Fail(message) => panic!("{message}"),
        Missing::Skip(reason) => {
            eprintln!("SKIPPED: {reason}");
            if let Some(log) = std::env::var_os(SKIP_LOG) {
                // Best effort: the skip is on stderr anyway.
                if let Ok(mut file) = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(log)
                {
                    let _ = writeln!(file, "{reason}");
                }
            }
            false
        }
    }
}

/// Runs an R script and returns what it printed. The script goes through a
/// temporary file: Rscript mangles a multi-line `-e` argument. Panics with
/// R's error output when R fails (call [`require_r`] first).
#[track_caller]
pub fn run_script(script: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("r-harness-{}-{n}.R", std::process::id()));
    std::fs::write(&path, script).expect("write the R script to a temporary file");
    let output = Command::new("Rscript")
        .arg(&path)
        .output()
        .expect("Rscript runs");
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "R failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("R printed UTF-8")
}

/// Simulated data for tests and benchmarks: deterministic, so a test never
/// depends on chance and R sees exactly the same numbers.
pub mod simulate {
    /// Knuth's MMIX linear congruential generator.
    pub struct Lcg(pub u64);

    impl Lcg {
        /// 53 high bits to a double in (0, 1).
        pub fn uniform(&mut self) -> f64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }

        /// A standard normal (Box–Muller).
        pub fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        }

        /// A sum of twelve uniforms minus 6: mean 0, sd 1, nearly normal and
        /// bounded (the benchmarks' covariates).
        pub fn sum_of_twelve(&mut self) -> f64 {
            (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
        }
    }
}

/// `None` when `Rscript` loads every package; otherwise what is missing.
fn r_missing(packages: &[&str]) -> Option<String> {
    let loads: String = packages.iter().map(|p| format!("library({p}); ")).collect();
    match Command::new("Rscript")
        .args(["-e", &format!("{loads}invisible(0)")])
        .output()
    {
        Err(_) => Some("Rscript is not on PATH".to_owned()),
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "Rscript cannot load the R package(s) {} ({})",
            packages.join(", "),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

/// The rule, apart from the environment: `ci` and `allow` are the values of
/// `CI` and `SORAMIC_ALLOW_MISSING_R`, if set.
pub fn decide(check: &str, missing: &str, ci: Option<&str>, allow: Option<&str>) -> Missing {
    let is_set = |v: Option<&str>| v.is_some_and(|v| !matches!(v.trim(), "" | "0" | "false"));
    if is_set(ci) {
        Missing::Fail(format!(
            "{check}: {missing}. CI runs every comparison with R: install R with \
             `scripts/setup.sh test` (r-base-core, r-cran-survival, r-cran-maxstat, r-cran-metafor, r-cran-readxl)"
        ))
    } else if is_set(allow) {
        Missing::Skip(format!("{check} ({missing}; {ALLOW_MISSING_R} is set)"))
    } else {
        Missing::Fail(format!(
            "{check}: {missing}. Install R with `scripts/setup.sh test`, or set \
             {ALLOW_MISSING_R}=1 to skip the comparisons with R (outside CI only)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_fail(m: &Missing) -> bool {
        matches!(m, Missing::Fail(_))
    }

    #[test]
    fn under_ci_a_missing_r_fails_even_with_the_opt_out() {
        assert!(is_fail(&decide("c", "no R", Some("true"), None)));
        assert!(is_fail(&decide("c", "no R", Some("true"), Some("1"))));
        assert!(is_fail(&decide("c", "no R", Some("1"), Some("1"))));
    }

    #[test]
    fn outside_ci_a_missing_r_fails_unless_the_opt_out_is_set() {
        let Missing::Fail(message) = decide("c", "no R", None, None) else {
            panic!("expected a failure");
        };
        assert!(message.contains("SORAMIC_ALLOW_MISSING_R=1"), "{message}");
        assert!(message.contains("scripts/setup.sh test"), "{message}");
        assert!(is_fail(&decide("c", "no R", Some("false"), Some("0"))));
        assert!(is_fail(&decide("c", "no R", Some(""), Some(""))));
    }

    #[test]
    fn outside_ci_the_opt_out_skips_with_the_check_and_the_reason() {
        assert_eq!(
            decide("generate.R reproduces the fixtures", "Rscript is not on PATH", Some("false"), Some("1")),
            Missing::Skip(
                "generate.R reproduces the fixtures (Rscript is not on PATH; SORAMIC_ALLOW_MISSING_R is set)"
                    .to_owned()
            )
        );
    }

    #[test]
    fn a_package_that_does_not_exist_is_missing() {
        // Holds with or without R installed: either Rscript is absent or it
        // cannot load a package of this name.
        assert!(r_missing(&["noSuchPackageSoramic"]).is_some());
    }
}
