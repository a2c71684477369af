//! Every figure compared with R 4.2.2 / survival 3.5-3, as written by
//! `fixtures/generate.R` into `fixtures/*.csv`, under `prec::close_to_r` (relative 1e-6,
//! absolute 1e-14: tiny p values are compared relatively).

mod common;

use common::{assert_r, assert_r_opt, read_table, DataSet, Row, SETS};
use survival::prec::close_to_r;
use survival::{Covariates, CoxModel, KaplanMeierFit, LogRankTest, Ties};

fn groups_with_all(data: &DataSet) -> Vec<String> {
    let mut g = data.levels.clone();
    g.push("all".to_string());
    g
}

/// Expected: `survfit(Surv(time, status) ~ 1)` per group: time, n.risk,
/// n.event, n.censor, surv, std.err, lower, upper.
#[test]
fn kaplan_meier_steps_match_survfit_for_every_data_set() {
    for set in SETS {
        let data = DataSet::load(set);
        let km_table = read_table("km", set);
        for group in groups_with_all(&data) {
            let fit = KaplanMeierFit::fit(&data.survival(&group));
            let expected: Vec<_> = km_table
                .rows
                .iter()
                .filter(|r| r.text("group") == group)
                .collect();
            assert_eq!(
                fit.steps().len(),
                expected.len(),
                "{set}/{group}: step count"
            );
            for (step, r) in fit.steps().iter().zip(expected) {
                let what = format!("{set}/{group} t={}", step.time);
                assert_eq!(step.time, r.num("time"), "{what}: time");
                assert_eq!(step.n_risk, r.count("n_risk"), "{what}: n.risk");
                assert_eq!(step.n_event, r.count("n_event"), "{what}: n.event");
                assert_eq!(step.n_censor, r.count("n_censor"), "{what}: n.censor");
                assert_r(step.surv, r.num("surv"), &format!("{what}: surv"));
                assert_r(
                    step.log_std_err,
                    r.num("std_err_log"),
                    &format!("{what}: std.err"),
                );
                assert_r_opt(step.lower, r.opt("lower"), &format!("{what}: lower"));
                assert_r_opt(step.upper, r.opt("upper"), &format!("{what}: upper"));
            }
        }
    }
}

/// Expected: `summary(fit)$table[c("median", "0.95LCL", "0.95UCL")]`
/// (print.survfit) and `quantile(fit, c(.25, .5, .75))` per group.
#[test]
fn medians_match_print_survfit_and_quantiles_match_quantile_survfit() {
    for set in SETS {
        let data = DataSet::load(set);
        for r in &read_table("median", set).rows {
            let group = r.text("group");
            let fit = KaplanMeierFit::fit(&data.survival(group));
            let m = fit.median();
            assert_r_opt(
                m.estimate,
                r.opt("median"),
                &format!("{set}/{group}: median"),
            );
            assert_r_opt(
                m.lower,
                r.opt("median_lower"),
                &format!("{set}/{group}: LCL"),
            );
            assert_r_opt(
                m.upper,
                r.opt("median_upper"),
                &format!("{set}/{group}: UCL"),
            );
            for (p, key) in [(0.25, "q25"), (0.5, "q50"), (0.75, "q75")] {
                let q = fit.quantile(p);
                let what = format!("{set}/{group}: quantile {p}");
                assert_r_opt(q.estimate, r.opt(key), &what);
                assert_r_opt(
                    q.lower,
                    r.opt(&format!("{key}_lower")),
                    &format!("{what} lower"),
                );
                assert_r_opt(
                    q.upper,
                    r.opt(&format!("{key}_upper")),
                    &format!("{what} upper"),
                );
            }
        }
    }
}

/// Expected: `summary(fit, times = ..., extend = TRUE)`: n.risk, running
/// totals of n.event and n.censor, surv, std.err, lower, upper.
#[test]
fn risk_table_and_survival_at_match_summary_at_times() {
    for set in SETS {
        let data = DataSet::load(set);
        let table = read_table("summary", set);
        for group in groups_with_all(&data) {
            let fit = KaplanMeierFit::fit(&data.survival(&group));
            let rows: Vec<_> = table
                .rows
                .iter()
                .filter(|r| r.text("group") == group)
                .collect();
            let times: Vec<f64> = rows.iter().map(|r| r.num("time")).collect();
            let risk = fit.risk_table(&times);
            for (row, r) in risk.iter().zip(&rows) {
                let what = format!("{set}/{group} t={}", row.time);
                assert_eq!(row.at_risk, r.count("n_risk"), "{what}: n.risk");
                assert_eq!(
                    row.cumulative_events,
                    r.count("cumulative_events"),
                    "{what}: events"
                );
                assert_eq!(
                    row.cumulative_censored,
                    r.count("cumulative_censored"),
                    "{what}: censored"
                );
                let s = fit.survival_at(row.time);
                assert_r(s.surv, r.num("surv"), &format!("{what}: surv"));
                assert_r_opt(s.std_err, r.opt("std_err"), &format!("{what}: std.err"));
                assert_r_opt(s.lower, r.opt("lower"), &format!("{what}: lower"));
                assert_r_opt(s.upper, r.opt("upper"), &format!("{what}: upper"));
            }
            assert_eq!(risk.len(), rows.len(), "{set}/{group}: rows");
        }
    }
}

/// Expected: `survdiff(Surv(time, status) ~ group)`: obs, exp, diag(var),
/// chisq, df, p.
#[test]
fn log_rank_matches_survdiff_for_two_three_and_four_groups() {
    for set in SETS {
        let data = DataSet::load(set);
        let table = read_table("survdiff", set);
        let groups: Vec<_> = data.levels.iter().map(|g| data.survival(g)).collect();
        let refs: Vec<_> = groups.iter().collect();
        let test = LogRankTest::compute(&refs).expect("fixture groups are comparable");
        for (g, r) in test.groups().iter().zip(&table.rows) {
            let what = format!("{set}/{}", r.text("group"));
            assert_eq!(g.n, r.count("n"), "{what}: n");
            assert_r(g.observed, r.num("observed"), &format!("{what}: observed"));
            assert_r(g.expected, r.num("expected"), &format!("{what}: expected"));
            assert_r(g.variance, r.num("variance"), &format!("{what}: variance"));
            assert_r(test.chi_square(), r.num("chisq"), &format!("{set}: chisq"));
            assert_eq!(test.df(), r.count("df"), "{set}: df");
            assert_r(test.p_value(), r.num("p"), &format!("{set}: p"));
        }
    }
}

/// Expected: `summary(coxph(Surv(time, status) ~ ..., ties = ...))`: per term
/// coef, se, exp(coef), lower/upper .95, z, Pr(>|z|); per model loglik,
/// Wald, score and likelihood-ratio tests, iterations.
#[test]
fn cox_models_match_coxph_with_efron_and_breslow_ties() {
    let mut models = 0;
    let mut r_wald_wrong = Vec::new();
    for set in SETS {
        let data = DataSet::load(set);
        let terms = read_table("coxph", set);
        let surv = data.survival("all");
        for t in &read_table("coxtest", set).rows {
            let model = t.text("model");
            let rows: Vec<_> = terms
                .rows
                .iter()
                .filter(|r| r.text("model") == model)
                .collect();
            let columns = rows
                .iter()
                .map(|r| (r.text("term").to_string(), data.column(r.text("term"))))
                .collect();
            let covariates = Covariates::from_named_columns(columns).expect("valid design");
            let ties = match t.text("ties") {
                "efron" => Ties::Efron,
                _ => Ties::Breslow,
            };
            let fit = CoxModel::new()
                .ties(ties)
                .fit(&surv, &covariates)
                .expect("fixture models fit");
            let what = format!("{set}/{model}");
            assert!(fit.converged(), "{what}: converged");
            // R fits every fixture model without "coefficient may be infinite".
            for i in 0..fit.df() {
                assert!(!fit.may_be_infinite(i), "{what}: term {i} flagged infinite");
            }
            assert_eq!(fit.n(), t.count("n"), "{what}: n");
            assert_eq!(fit.n_events(), t.count("events"), "{what}: events");
            assert_eq!(fit.df(), t.count("df"), "{what}: df");
            assert_eq!(
                fit.iterations(),
                t.count("iterations"),
                "{what}: iterations"
            );
            assert_r(
                fit.log_likelihood_null(),
                t.num("loglik0"),
                &format!("{what}: loglik0"),
            );
            assert_r(
                fit.log_likelihood(),
                t.num("loglik"),
                &format!("{what}: loglik"),
            );
            // The global Wald test against the one R computes on
            // standardised columns; R's own `fit$wald.test` equals it except
            // at extreme scales, where R drops a column as singular.
            assert_r(
                fit.wald_chi_square(),
                t.num("wald_std"),
                &format!("{what}: wald"),
            );
            assert_r(
                fit.wald_p(),
                t.num("wald_std_p"),
                &format!("{what}: wald p"),
            );
            if close_to_r(t.num("wald"), t.num("wald_std")) {
                assert_r(fit.wald_p(), t.num("wald_p"), &format!("{what}: wald p"));
            } else {
                r_wald_wrong.push(what.clone());
            }
            assert_r(
                fit.score_chi_square(),
                t.num("score"),
                &format!("{what}: score"),
            );
            assert_r(fit.score_p(), t.num("score_p"), &format!("{what}: score p"));
            assert_r(
                fit.likelihood_ratio_chi_square(),
                t.num("lr"),
                &format!("{what}: LR"),
            );
            assert_r(
                fit.likelihood_ratio_p(),
                t.num("lr_p"),
                &format!("{what}: LR p"),
            );
            for (term, r) in fit.terms().iter().zip(&rows) {
                let what = format!("{what}/{}", term.name);
                assert_eq!(term.name, r.text("term"));
                assert_r(term.coefficient, r.num("coef"), &format!("{what}: coef"));
                assert_r(term.std_err, r.num("se"), &format!("{what}: se"));
                assert_r(term.hazard_ratio, r.num("hr"), &format!("{what}: HR"));
                assert_r(term.lower, r.num("lower"), &format!("{what}: lower"));
                assert_r(term.upper, r.num("upper"), &format!("{what}: upper"));
                assert_r(term.z, r.num("z"), &format!("{what}: z"));
                assert_r(term.wald_p, r.num("p"), &format!("{what}: p"));
            }
            models += 1;
        }
    }
    assert!(models >= 15, "only {models} Cox models compared");
    // Where R's own global Wald statistic is wrong: only the models with an
    // age in seconds (its variance ~1e-19 beside ~1e-2 for the factors).
    assert_eq!(
        r_wald_wrong,
        [
            "scales/seconds",
            "scales/seconds_breslow",
            "scales/combined"
        ]
    );
}

/// Expected: `survfit(Surv(time, status) ~ 1, data = lung, conf.int = 0.90)`:
/// lower/upper per step, and print.survfit's median with its 0.9 limits.
#[test]
fn a_ninety_percent_band_matches_survfit_conf_int_0_90() {
    let data = DataSet::load("lung");
    let fit = KaplanMeierFit::fit_with_level(&data.survival("all"), 0.90).unwrap();
    let rows = read_table("km90", "lung").rows;
    assert_eq!(fit.steps().len(), rows.len());
    for (s, r) in fit.steps().iter().zip(&rows) {
        let what = format!("lung 90% t={}", s.time);
        assert_r(s.surv, r.num("surv"), &what);
        assert_r_opt(s.lower, r.opt("lower"), &format!("{what}: lower"));
        assert_r_opt(s.upper, r.opt("upper"), &format!("{what}: upper"));
    }
    let m = fit.median();
    assert_r_opt(m.estimate, rows[0].opt("median"), "lung 90% median");
    assert_r_opt(m.lower, rows[0].opt("median_lower"), "lung 90% LCL");
    assert_r_opt(m.upper, rows[0].opt("median_upper"), "lung 90% UCL");
}
