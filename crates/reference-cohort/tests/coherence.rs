//! The reconstruction is one cohort of 83 pseudo-patients, consistent with
//! the paper's design: Table 1 margins, PFS and liver dysfunction never after
//! death, follow-up of survivors at least 2 years.

use reference_cohort::construction::{build_cohort, cohort_csv, PseudoPatient};
use reference_cohort::{Endpoint, Group, Marker, ReferenceCohort, RECONSTRUCTED_COHORT_CSV};

fn patients() -> Vec<PseudoPatient> {
    build_cohort()
}

fn sorted(mut v: Vec<(f64, bool)>) -> Vec<(f64, bool)> {
    v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    v
}

#[test]
fn the_whole_cohort_is_the_same_whichever_marker_splits_it() {
    let cohort = ReferenceCohort::embedded().unwrap();
    for endpoint in Endpoint::ALL {
        let by = |marker| {
            sorted(
                cohort
                    .pooled_observations(endpoint, marker)
                    .into_iter()
                    .map(|o| (o.time_months, o.event))
                    .collect(),
            )
        };
        assert_eq!(by(Marker::Il6), by(Marker::Il8), "{endpoint:?}");
    }
}

#[test]
fn the_cross_classification_has_the_table_1_margins() {
    let p = patients();
    let count = |il6, il8| p.iter().filter(|q| q.il6 == il6 && q.il8 == il8).count();
    assert_eq!(count(Group::Low, Group::Low), 24);
    assert_eq!(count(Group::Low, Group::High), 11);
    assert_eq!(count(Group::High, Group::Low), 21);
    assert_eq!(count(Group::High, Group::High), 27);
    assert_eq!(p.iter().filter(|q| q.il6 == Group::High).count(), 48);
    assert_eq!(p.iter().filter(|q| q.il8 == Group::High).count(), 38);
}

#[test]
fn progression_and_liver_dysfunction_never_come_after_death() {
    for q in patients() {
        if let Some(pfs) = q.pfs {
            assert!(pfs.time_months <= q.os.time_months, "{q:?}");
            if !pfs.event {
                assert!(!q.os.event, "a death always ends PFS with an event: {q:?}");
            }
        }
        if let Some(ttld) = q.ttld {
            assert!(ttld.time_months <= q.os.time_months, "{q:?}");
        }
    }
}

#[test]
fn survivors_were_followed_for_at_least_two_years() {
    for q in patients().iter().filter(|q| !q.os.event) {
        assert!(q.os.time_months >= 24.0, "{q:?}");
    }
}

#[test]
fn the_patients_without_follow_up_labs_died_before_the_first_visit() {
    let p = patients();
    let without: Vec<_> = p.iter().filter(|q| q.ttld.is_none()).collect();
    assert_eq!(without.len(), 5);
    assert!(without.iter().all(|q| q.os.event && q.os.time_months < 2.0));
    let without_pfs: Vec<_> = p.iter().filter(|q| q.pfs.is_none()).collect();
    assert_eq!(without_pfs.len(), 1);
    let earliest = p
        .iter()
        .map(|q| q.os.time_months)
        .fold(f64::INFINITY, f64::min);
    assert_eq!(without_pfs[0].os.time_months, earliest);
}

#[test]
fn censored_liver_follow_up_ends_at_a_visit() {
    for q in patients() {
        if let Some(ttld) = q.ttld.filter(|o| !o.event) {
            if q.os.event {
                assert_eq!(ttld.time_months % 2.0, 0.0, "{q:?}");
                assert!(q.os.time_months - ttld.time_months < 2.0, "{q:?}");
            } else {
                assert_eq!(ttld.time_months, q.os.time_months, "{q:?}");
            }
        }
    }
}

#[test]
fn the_csv_is_the_patients_written_once_per_endpoint_and_marker() {
    let p = patients();
    assert_eq!(cohort_csv(&p), RECONSTRUCTED_COHORT_CSV);
    let cohort = ReferenceCohort::from_csv(&cohort_csv(&p)).unwrap();
    for endpoint in Endpoint::ALL {
        for marker in Marker::ALL {
            for group in Group::ALL {
                let expected = p
                    .iter()
                    .filter(|q| q.group(marker) == group)
                    .filter_map(|q| q.observation(endpoint))
                    .collect::<Vec<_>>();
                assert_eq!(cohort.observations(endpoint, marker, group), expected);
            }
        }
    }
}
