//! Every published target, computed on the committed CSV with the `survival`
//! engine directly (not through `report`), at the tolerances of
//! `reference_cohort::tolerances`. Expected values: Öcal et al., as
//! transcribed in `reference/published.toml`.

use reference_cohort::report::{check_targets, Verdict};
use reference_cohort::tolerances::{
    HAZARD_RATIO_RELATIVE_TOLERANCE, MEDIAN_CI_TOLERANCE, MEDIAN_TOLERANCE, SIGNIFICANCE_LEVEL,
    WHOLE_COHORT_TOLERANCE,
};
use reference_cohort::{Endpoint, Group, Marker, ReferenceCohort};
use study::published::{
    PValue, PublishedMedian, COHORT_DEATHS, COHORT_MEDIAN_OS, KM_COMPARISONS as PUBLISHED,
};
use survival::{Covariates, CoxFit, KaplanMeierFit, LogRankTest, MedianSurvival};

/// Binary representation slack on 2-decimal times.
const SLACK: f64 = 1e-9;

fn cohort() -> ReferenceCohort {
    ReferenceCohort::embedded().expect("the committed CSV parses")
}

fn assert_median(what: &str, m: MedianSurvival, target: &PublishedMedian, tol: f64, ci_tol: f64) {
    let estimate = m
        .estimate
        .unwrap_or_else(|| panic!("{what}: median not reached"));
    assert!(
        (estimate - target.months).abs() <= tol + SLACK,
        "{what}: median {estimate} vs published {}",
        target.months
    );
    if let Some((lo, hi)) = target.ci {
        let lower = m.lower.unwrap_or(f64::NAN);
        let upper = m.upper.unwrap_or(f64::NAN);
        assert!(
            (lower - lo).abs() <= ci_tol + SLACK,
            "{what}: lower CI {lower} vs {lo}"
        );
        assert!(
            (upper - hi).abs() <= ci_tol + SLACK,
            "{what}: upper CI {upper} vs {hi}"
        );
    }
}

#[test]
fn group_sizes_and_event_counts_are_the_published_ones() {
    let c = cohort();
    for marker in Marker::ALL {
        let (low, high) = marker.published_group_sizes();
        let (low, high) = (low as usize, high as usize);
        let os = Endpoint::OverallSurvival;
        assert_eq!(c.group_size(os, marker, Group::Low), low);
        assert_eq!(c.group_size(os, marker, Group::High), high);
        let deaths = c.event_count(os, marker, Group::Low) + c.event_count(os, marker, Group::High);
        assert_eq!(deaths, COHORT_DEATHS as usize);
    }
    for p in &PUBLISHED {
        let n = c.group_size(p.endpoint, p.marker, Group::Low)
            + c.group_size(p.endpoint, p.marker, Group::High);
        let counts = p.endpoint.counts();
        assert_eq!(
            n, counts.patients as usize,
            "{:?} by {:?}",
            p.endpoint, p.marker
        );
        if let Some(events) = counts.events.map(|e| e as usize) {
            let e = c.event_count(p.endpoint, p.marker, Group::Low)
                + c.event_count(p.endpoint, p.marker, Group::High);
            assert_eq!(e, events, "{:?} by {:?}", p.endpoint, p.marker);
        }
    }
}

#[test]
fn every_published_median_is_met_to_a_tenth_of_a_month_and_its_ci_to_one_and_a_half() {
    let c = cohort();
    for p in &PUBLISHED {
        for (group, target) in [(Group::Low, &p.low), (Group::High, &p.high)] {
            let data = c.survival_data(p.endpoint, p.marker, group).unwrap();
            let what = format!("{:?} by {:?} {:?}", p.endpoint, p.marker, group);
            let median = KaplanMeierFit::fit(&data).median();
            assert_median(&what, median, target, MEDIAN_TOLERANCE, MEDIAN_CI_TOLERANCE);
        }
    }
}

#[test]
fn every_published_hazard_ratio_is_met_within_ten_percent() {
    let c = cohort();
    for p in &PUBLISHED {
        let Some(target) = p.hazard_ratio() else {
            continue;
        };
        let (data, high) = c.pooled_survival_data(p.endpoint, p.marker).unwrap();
        let fit = CoxFit::fit(&data, &Covariates::single(high).unwrap()).unwrap();
        let hr = fit.term(0).unwrap().hazard_ratio;
        assert!(
            (hr / target.estimate - 1.0).abs() <= HAZARD_RATIO_RELATIVE_TOLERANCE,
            "{:?} by {:?}: HR {hr} vs published {}",
            p.endpoint,
            p.marker,
            target.estimate
        );
    }
}

#[test]
fn every_log_rank_p_is_on_the_published_side_of_005() {
    let c = cohort();
    for p in &PUBLISHED {
        let low = c.survival_data(p.endpoint, p.marker, Group::Low).unwrap();
        let high = c.survival_data(p.endpoint, p.marker, Group::High).unwrap();
        let pv = LogRankTest::compute(&[&low, &high]).unwrap().p_value();
        let what = format!("{:?} by {:?}: log-rank p {pv}", p.endpoint, p.marker);
        match p.p_logrank {
            PValue::Below(bound) => assert!(pv < bound, "{what} vs < {bound}"),
            PValue::Exact(q) => assert_eq!(
                pv < SIGNIFICANCE_LEVEL,
                q < SIGNIFICANCE_LEVEL,
                "{what} vs {q}"
            ),
        }
    }
}

#[test]
fn the_whole_cohort_median_os_is_12_months_within_one() {
    let c = cohort();
    for marker in Marker::ALL {
        let (data, _) = c
            .pooled_survival_data(Endpoint::OverallSurvival, marker)
            .unwrap();
        assert_eq!((data.len(), data.n_events()), (83, 73));
        let median = KaplanMeierFit::fit(&data).median();
        let what = format!("whole cohort OS (split by {marker:?})");
        assert_median(
            &what,
            median,
            &COHORT_MEDIAN_OS,
            WHOLE_COHORT_TOLERANCE,
            WHOLE_COHORT_TOLERANCE,
        );
    }
}

#[test]
fn the_report_marks_every_target_met() {
    let checks = check_targets(&cohort()).unwrap();
    let missed: Vec<_> = checks
        .iter()
        .filter(|c| c.verdict == Verdict::NotMet)
        .collect();
    assert!(missed.is_empty(), "{missed:#?}");
    assert_eq!(
        checks.iter().filter(|c| c.verdict == Verdict::Met).count(),
        34
    );
}
