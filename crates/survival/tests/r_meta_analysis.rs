//! The meta-analysis (issue 14) against R's `metafor::rma` on simulated
//! multi-centre data: homogeneous centres, heterogeneous ones, two centres,
//! a hundred centres, and centres of very different sizes. Every figure must
//! equal R's to a relative 1e-6 (absolute 1e-12 near zero). Without R and
//! metafor the test fails, or is skipped outside CI with
//! `SORAMIC_ALLOW_MISSING_R=1` (`r_harness::require_r`).

use survival::meta_analysis::{meta_analyse, Method, Study};

use r_harness::simulate::Lcg;

/// `k` centres around a log HR of 0.8 with between-centre SD `tau` and
/// within-centre variances between `v_min` and `v_max`.
fn simulate(seed: u64, k: usize, tau: f64, v_min: f64, v_max: f64) -> Vec<Study> {
    let mut rng = Lcg(seed);
    (0..k)
        .map(|_| {
            let variance = v_min + (v_max - v_min) * rng.uniform();
            let truth = 0.8 + tau * rng.normal();
            Study {
                estimate: truth + variance.sqrt() * rng.normal(),
                variance,
            }
        })
        .collect()
}

fn r_numbers(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.17e}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// metafor's figures for one data set and method, in the order of `FIELDS`.
const FIELDS: [&str; 11] = [
    "estimate", "se", "z", "p", "lower", "upper", "tau2", "I2", "H2", "Q", "Q p",
];

/// metafor's figures for every data set and method, from one R session
/// (starting R once per fit would take most of a minute): one line per set
/// and method, the fields in the order of `FIELDS`.
fn metafor(sets: &[(&str, Vec<Study>)], methods: &[Method]) -> Vec<Vec<f64>> {
    let mut script = String::from("suppressMessages(library(metafor))\n");
    for (_, studies) in sets {
        let yi = r_numbers(&studies.iter().map(|s| s.estimate).collect::<Vec<_>>());
        let vi = r_numbers(&studies.iter().map(|s| s.variance).collect::<Vec<_>>());
        for method in methods {
            script.push_str(&format!(
                "m <- rma(yi = c({yi}), vi = c({vi}), method = '{}', \
                 control = list(threshold = 1e-12, maxiter = 10000))\n\
                 cat(sprintf('%.17g', c(m$b[1], m$se, m$zval, m$pval, m$ci.lb, m$ci.ub, m$tau2, m$I2, m$H2, m$QE, m$QEp)), '\\n')\n",
                method.code()
            ));
        }
    }
    r_harness::run_script(&script)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split_whitespace()
                .map(|v| {
                    v.parse::<f64>()
                        .unwrap_or_else(|_| panic!("not a number from R: {v:?} in {l:?}"))
                })
                .collect()
        })
        .collect()
}

fn ours(studies: &[Study], method: Method) -> Vec<f64> {
    let m = meta_analyse(studies, method).expect("pools");
    vec![
        m.estimate,
        m.standard_error,
        m.z,
        m.p,
        m.lower,
        m.upper,
        m.tau2,
        m.i2,
        m.h2,
        m.q,
        m.q_p,
    ]
}

fn agrees(actual: f64, expected: f64) -> bool {
    let scale = expected.abs().max(actual.abs());
    (actual - expected).abs() <= 1e-6 * scale || (actual - expected).abs() <= 1e-12
}

#[test]
fn pooled_figures_equal_metafor_on_simulated_centres() {
    if !r_harness::require_r("meta-analysis: equal to metafor::rma", &["metafor"]) {
        return;
    }
    let sets = [
        ("homogeneous, 5 centres", simulate(1, 5, 0.0, 0.02, 0.2)),
        ("heterogeneous, 8 centres", simulate(2, 8, 0.45, 0.02, 0.1)),
        ("2 centres", simulate(3, 2, 0.3, 0.05, 0.08)),
        ("100 centres", simulate(4, 100, 0.25, 0.01, 0.5)),
        ("sizes 1:1000", simulate(5, 6, 0.2, 0.0005, 0.5)),
    ];
    let methods = [Method::FixedEffect, Method::DerSimonianLaird, Method::Reml];
    let from_r = metafor(&sets, &methods);
    assert_eq!(
        from_r.len(),
        sets.len() * methods.len(),
        "R printed {from_r:?}"
    );
    let mut failures = Vec::new();
    let mut lines = from_r.iter();
    for (name, studies) in &sets {
        for method in methods {
            let r = lines.next().expect("one line per fit");
            let us = ours(studies, method);
            assert_eq!(r.len(), FIELDS.len(), "{name} {method:?}: R printed {r:?}");
            for ((field, a), e) in FIELDS.iter().zip(&us).zip(r) {
                if !agrees(*a, *e) {
                    failures.push(format!(
                        "{name}, {}: {field} ours {a:e}, R {e:e}",
                        method.code()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "differs from metafor:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_simulated_heterogeneous_set_is_heterogeneous() {
    // Guards the fixture itself: a comparison on data with τ² = 0 everywhere
    // would not check the random-effects arithmetic.
    let m = meta_analyse(&simulate(2, 8, 0.45, 0.02, 0.1), Method::Reml).expect("pools");
    assert!(m.tau2 > 0.01, "τ² = {}", m.tau2);
}
