//! "Must never panic on any input": every public function is run on every
//! small data set over a grid of times (ties, zeros, censoring at event
//! times, single subjects, all censored), enumerated deterministically.

use survival::{Covariates, CoxModel, KaplanMeierFit, LogRankTest, SurvivalData, Ties};

const TIME_GRID: [f64; 4] = [0.0, 1.0, 1.0 + 1e-9, 2.0];
const QUERY_TIMES: [f64; 7] = [-1.0, 0.0, 0.5, 1.0, 2.0, 3.0, f64::NAN];

fn every_small_data_set(max_n: usize) -> Vec<(Vec<f64>, Vec<bool>)> {
    let mut out = Vec::new();
    for n in 1..=max_n {
        let time_codes = TIME_GRID.len().pow(n as u32);
        for tc in 0..time_codes {
            for ec in 0..(1usize << n) {
                let mut c = tc;
                let times = (0..n)
                    .map(|_| {
                        let t = TIME_GRID[c % TIME_GRID.len()];
                        c /= TIME_GRID.len();
                        t
                    })
                    .collect();
                let events = (0..n).map(|i| ec >> i & 1 == 1).collect();
                out.push((times, events));
            }
        }
    }
    out
}

#[test]
fn no_public_function_panics_on_any_small_data_set() {
    let mut cox_fits = 0;
    for (times, events) in every_small_data_set(4) {
        let n = times.len();
        let data = SurvivalData::new(times.clone(), events.clone()).expect("valid by construction");
        let fit = KaplanMeierFit::fit(&data);
        for s in fit.steps() {
            assert!((0.0..=1.0).contains(&s.surv));
            if let (Some(l), Some(u)) = (s.lower, s.upper) {
                assert!(l <= s.surv && s.surv <= u && u <= 1.0);
            }
        }
        let _ = fit.median();
        for p in [0.0, 0.25, 0.5, 0.75, 1.0, -1.0, f64::NAN] {
            let _ = fit.quantile(p);
        }
        for t in QUERY_TIMES {
            let _ = fit.survival_at(t);
        }
        let rows = fit.risk_table(&QUERY_TIMES);
        assert_eq!(rows[0].at_risk, n);

        for split in 1..n {
            let a = SurvivalData::new(times[..split].to_vec(), events[..split].to_vec()).unwrap();
            let b = SurvivalData::new(times[split..].to_vec(), events[split..].to_vec()).unwrap();
            if let Ok(test) = LogRankTest::compute(&[&a, &b]) {
                assert!(test.chi_square() >= 0.0);
                assert!((0.0..=1.0).contains(&test.p_value()));
            }
        }

        let x = Covariates::single((0..n).map(|i| (i % 2) as f64).collect()).unwrap();
        let x2 = Covariates::from_columns(vec![
            (0..n).map(|i| (i % 2) as f64).collect(),
            (0..n).map(|i| i as f64).collect(),
        ])
        .unwrap();
        for ties in [Ties::Efron, Ties::Breslow] {
            for cov in [&x, &x2] {
                if let Ok(cox) = CoxModel::new().ties(ties).fit(&data, cov) {
                    assert!(cox.log_likelihood().is_finite());
                    cox_fits += 1;
                }
            }
        }
    }
    assert!(cox_fits > 1000, "only {cox_fits} Cox fits succeeded");
}

#[test]
fn invalid_inputs_are_rejected_with_typed_errors_not_panics() {
    use survival::SurvivalDataError as E;
    assert_eq!(SurvivalData::new(vec![], vec![]), Err(E::Empty));
    assert!(matches!(
        SurvivalData::new(vec![1.0], vec![true, false]),
        Err(E::LengthMismatch { .. })
    ));
    assert!(matches!(
        SurvivalData::new(vec![f64::NAN], vec![true]),
        Err(E::NonFiniteTime { .. })
    ));
    assert!(matches!(
        SurvivalData::new(vec![-0.5], vec![true]),
        Err(E::NegativeTime { .. })
    ));
    let err = SurvivalData::new(vec![1.0, -2.0], vec![true, true]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "survival time of subject 1 should be zero or positive, but is -2"
    );
}
