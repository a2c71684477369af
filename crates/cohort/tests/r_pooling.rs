//! Pooled centre summaries (issue 14) against R on simulated multi-centre
//! cohorts: the stratified log-rank test equals `survdiff(Surv(t, e) ~ group
//! + strata(centre))` on times rounded up to the grid, the pooled curves
//! equal `survfit` on the same binned times, and the pooled hazard ratios
//! equal `metafor::rma` — for a homogeneous set of centres, a heterogeneous
//! one, and one where a centre withholds a small group. Also measured: how
//! far the binned pooled curve lies from the exact pooled Kaplan–Meier curve.
//! Without R the test fails, or is skipped outside CI with
//! `SORAMIC_ALLOW_MISSING_R=1`.

use std::fmt::Write as _;

use cohort::centre_summary::{comparison, CentreSummary};
use cohort::pooling::pool;
use survival::meta_analysis::Method;
use survival::{KaplanMeierFit, SurvivalData};

/// One group's patients: (months, event).
type Group = Vec<(f64, bool)>;

use r_harness::simulate::Lcg;

/// One centre: exponential event times (monthly hazard `low_rate`, and
/// `low_rate × hr` in the high group), uniform censoring over 36 months.
fn centre(seed: u64, n_low: usize, n_high: usize, low_rate: f64, hr: f64) -> (Group, Group) {
    let mut rng = Lcg(seed);
    let mut group = |n: usize, rate: f64| -> Vec<(f64, bool)> {
        (0..n)
            .map(|_| {
                let event = -rng.uniform().ln() / rate;
                let censor = 36.0 * rng.uniform();
                // Rounded to days, as dates give them.
                let time = (event.min(censor) * 30.4375).round() / 30.4375;
                (time, event <= censor)
            })
            .collect()
    };
    (group(n_low, low_rate), group(n_high, low_rate * hr))
}

struct Scenario {
    name: &'static str,
    centres: Vec<(Group, Group)>,
}

fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "homogeneous",
            centres: vec![
                centre(11, 40, 30, 0.05, 2.0),
                centre(12, 55, 25, 0.05, 2.0),
                centre(13, 30, 35, 0.05, 2.0),
            ],
        },
        Scenario {
            name: "heterogeneous",
            centres: vec![
                centre(21, 40, 30, 0.04, 1.0),
                centre(22, 50, 40, 0.06, 3.5),
                centre(23, 35, 30, 0.05, 1.6),
                centre(24, 45, 45, 0.03, 6.0),
            ],
        },
        Scenario {
            name: "a centre withholds a small group",
            centres: vec![
                centre(31, 40, 30, 0.05, 2.0),
                centre(32, 30, 3, 0.05, 2.0),
                centre(33, 45, 40, 0.05, 2.0),
            ],
        },
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) || (a - b).abs() <= 1e-12
}

#[test]
fn pooled_summaries_equal_r_on_the_binned_data() {
    if !r_harness::require_r(
        "pooling: stratified survdiff, survfit and metafor on binned data",
        &["survival", "metafor"],
    ) {
        return;
    }
    let grid = 1.0;
    let mut failures = Vec::new();
    for scenario in scenarios() {
        let summaries: Vec<CentreSummary> = scenario
            .centres
            .iter()
            .map(|(low, high)| {
                CentreSummary::new(grid, vec![comparison("os", "il6", low, high, grid)])
            })
            .collect();
        // Through the file, as a second centre would receive it.
        let summaries: Vec<CentreSummary> = summaries
            .iter()
            .map(|s| CentreSummary::from_json(&s.to_json()).expect("reads back"))
            .collect();
        let pooled = pool(&summaries).expect("pools");
        let c = &pooled.comparisons[0];

        // The binned data of the centres that shared, for R: times rounded
        // up to the end of their bin.
        let mut csv = String::from("centre,group,time,event\n");
        let mut yi = Vec::new();
        let mut vi = Vec::new();
        for (i, ((low, high), summary)) in scenario.centres.iter().zip(&summaries).enumerate() {
            let shared = &summary.comparisons[0];
            if shared.withheld.is_some() {
                continue;
            }
            if let Some(cox) = shared.cox {
                yi.push(format!("{:.17e}", cox.log_hazard_ratio));
                vi.push(format!("{:.17e}", cox.standard_error * cox.standard_error));
            }
            for (group, rows) in [(0, low), (1, high)] {
                for &(t, e) in rows {
                    let end = ((t / grid).floor() + 1.0) * grid;
                    let _ = writeln!(csv, "{i},{group},{end},{}", u8::from(e));
                }
            }
        }
        let dir = std::env::temp_dir().join(format!("pooling-{}-{}", std::process::id(), yi.len()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let data = dir.join("binned.csv");
        std::fs::write(&data, &csv).expect("write data");
        let script = format!(
            "suppressMessages({{library(survival); library(metafor)}})\n\
             d <- read.csv('{}')\n\
             s <- survdiff(Surv(time, event) ~ group + strata(centre), data = d)\n\
             cat(sprintf('%.17g', s$chisq), '\\n')\n\
             for (g in 0:1) {{ f <- survfit(Surv(time, event) ~ 1, data = d[d$group == g, ]);\n\
               cat(sprintf('%.17g', summary(f, times = 1:{}, extend = TRUE)$surv), '\\n') }}\n\
             m <- rma(yi = c({}), vi = c({}), method = 'REML', control = list(threshold = 1e-12, maxiter = 10000))\n\
             cat(sprintf('%.17g', c(m$b[1], m$se, m$tau2, m$I2, m$QE)), '\\n')\n",
            data.display(),
            c.low_survival.len(),
            yi.join(","),
            vi.join(",")
        );
        let printed = r_harness::run_script(&script);
        let lines: Vec<Vec<f64>> = printed
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                l.split_whitespace()
                    .map(|v| v.parse().expect("number"))
                    .collect()
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(lines.len(), 4, "{}: R printed {lines:?}", scenario.name);

        let lr = c.log_rank.expect("events");
        if !close(lr.chi_square, lines[0][0]) {
            failures.push(format!(
                "{}: stratified chi² ours {} R {}",
                scenario.name, lr.chi_square, lines[0][0]
            ));
        }
        for (label, ours, r) in [
            ("low", &c.low_survival, &lines[1]),
            ("high", &c.high_survival, &lines[2]),
        ] {
            let n = ours.len().min(r.len());
            for k in 0..n {
                if !close(ours[k], r[k]) {
                    failures.push(format!(
                        "{}: {label} survival at {} months ours {} R {}",
                        scenario.name,
                        k + 1,
                        ours[k],
                        r[k]
                    ));
                }
            }
        }
        let reml = c
            .meta
            .iter()
            .find(|(m, _)| *m == Method::Reml)
            .and_then(|(_, r)| r.as_ref().ok())
            .expect("REML pools");
        for (field, ours, r) in [
            ("estimate", reml.estimate, lines[3][0]),
            ("se", reml.standard_error, lines[3][1]),
            ("tau2", reml.tau2, lines[3][2]),
            ("I2", reml.i2, lines[3][3]),
            ("Q", reml.q, lines[3][4]),
        ] {
            if !close(ours, r) {
                failures.push(format!("{}: REML {field} ours {ours} R {r}", scenario.name));
            }
        }
        if scenario.name.starts_with("a centre withholds") {
            assert_eq!((c.centres_used, c.centres_withheld), (2, 1));
        }
        if scenario.name == "heterogeneous" {
            assert!(reml.tau2 > 0.0, "the heterogeneous set must give τ² > 0");
        }

        // How far the binned pooled curve lies from the exact one (reported,
        // and bounded: within a 1-month grid the curves differ by at most
        // the events of one bin).
        let exact_low: Vec<(f64, bool)> = scenario
            .centres
            .iter()
            .zip(&summaries)
            .filter(|(_, s)| s.comparisons[0].withheld.is_none())
            .flat_map(|((low, _), _)| low.clone())
            .collect();
        let fit = KaplanMeierFit::fit(
            &SurvivalData::new(
                exact_low.iter().map(|r| r.0).collect(),
                exact_low.iter().map(|r| r.1).collect(),
            )
            .expect("data"),
        );
        let worst = c
            .low_survival
            .iter()
            .enumerate()
            .map(|(k, s)| (s - fit.survival_at((k + 1) as f64 * grid - 1e-9).surv).abs())
            .fold(0.0f64, f64::max);
        eprintln!("{}: binned vs exact pooled KM (low group), largest difference at the bin ends {worst:.4}", scenario.name);
        assert!(worst < 0.05, "{}: {worst}", scenario.name);
    }
    assert!(
        failures.is_empty(),
        "differs from R:\n{}",
        failures.join("\n")
    );
}
