//! The published figures embedded in `reference_cohort::published` are those
//! of `reference/published.toml`, the project's copy of the single transcription
//! of the paper (upstream: `../shared/reference/published.toml`).

use std::path::PathBuf;

use reference_cohort::published::{
    published, PublishedMedian, PublishedP, COHORT_SIZE, DEATHS, IL6_GROUPS, IL8_GROUPS, PFS_N,
    TTLD_EVENTS, TTLD_N, WHOLE_COHORT_OS,
};
use reference_cohort::{Endpoint, Marker};
use toml::{Table, Value};

fn published_toml() -> Option<Table> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../reference/published.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Some(text.parse::<Table>().expect("published.toml parses"))
}

fn num(v: &Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .expect("a number")
}

fn int(v: &Value) -> usize {
    usize::try_from(v.as_integer().expect("an integer")).expect("non-negative")
}

fn pair(v: &Value) -> (f64, f64) {
    let a = v.as_array().expect("a pair");
    (num(&a[0]), num(&a[1]))
}

fn assert_median(what: &str, toml: &Value, ours: &PublishedMedian) {
    assert_eq!(num(&toml["median"]), ours.estimate, "{what} median");
    assert_eq!(toml.get("ci").map(pair), ours.ci, "{what} CI");
}

#[test]
fn the_study_totals_match_published_toml() {
    let Some(t) = published_toml() else { return };
    assert_eq!(int(&t["study"]["n"]), COHORT_SIZE);
    assert_eq!(int(&t["study"]["deaths"]), DEATHS);
    let median = &t["study"]["median_os"];
    assert_eq!(num(&median["value"]), WHOLE_COHORT_OS.estimate);
    assert_eq!(Some(pair(&median["ci"])), WHOLE_COHORT_OS.ci);
    let groups = |m: &str| (int(&t["groups"][m]["low"]), int(&t["groups"][m]["high"]));
    assert_eq!(groups("il6"), IL6_GROUPS);
    assert_eq!(groups("il8"), IL8_GROUPS);
}

#[test]
fn every_km_row_matches_published_toml() {
    let Some(t) = published_toml() else { return };
    let mut seen = 0;
    for row in t["km"].as_array().expect("[[km]]") {
        let endpoint = match row["endpoint"].as_str() {
            Some("overall_survival") => Endpoint::OverallSurvival,
            Some("progression_free_survival") => Endpoint::ProgressionFreeSurvival,
            Some("time_to_liver_dysfunction") => Endpoint::TimeToLiverDysfunction,
            // The sensitivity analysis censored at progression is not a target.
            _ => continue,
        };
        let marker = match row["marker"].as_str() {
            Some("il6") => Marker::Il6,
            _ => Marker::Il8,
        };
        let ours = published(endpoint, marker).expect("a published comparison");
        let what = format!("{endpoint} by {marker}");
        assert_eq!(int(&row["n"]), ours.n, "{what} n");
        // OS rows carry no event count: it is the study's deaths.
        let events = row.get("events").map(int).or_else(|| {
            (endpoint == Endpoint::OverallSurvival).then(|| int(&t["study"]["deaths"]))
        });
        assert_eq!(events, ours.events, "{what} events");
        let sizes = row["low"]
            .get("n")
            .map(int)
            .zip(row["high"].get("n").map(int));
        assert_eq!(sizes, ours.group_sizes, "{what} group sizes");
        assert_median(&format!("{what} low"), &row["low"], &ours.low);
        assert_median(&format!("{what} high"), &row["high"], &ours.high);
        let hr = row.get("hr").map(|hr| (num(hr), pair(&row["hr_ci"])));
        assert_eq!(
            hr,
            ours.hazard_ratio.map(|h| (h.estimate, (h.lower, h.upper))),
            "{what} HR"
        );
        let p = match &row["p_logrank"] {
            Value::String(s) => {
                let bound = s
                    .trim_start_matches('<')
                    .trim()
                    .parse::<f64>()
                    .expect("< bound");
                PublishedP::Below(bound)
            }
            other => PublishedP::Equal(num(other)),
        };
        assert_eq!(p, ours.p_log_rank, "{what} p");
        seen += 1;
    }
    assert_eq!(seen, 6);
    assert_eq!((PFS_N, TTLD_N, TTLD_EVENTS), (82, 78, 33));
}

#[test]
fn the_sensitivity_analysis_matches_published_toml() {
    use reference_cohort::published::{PublishedMedianNa, SENSITIVITY};
    let Some(t) = published_toml() else { return };
    let na = |v: &Value| match v {
        Value::String(s) if s == "NA" => None,
        other => Some(num(other)),
    };
    let median = |v: &Value| {
        let ci = v["ci"].as_array().expect("ci");
        PublishedMedianNa {
            estimate: na(&v["median"]),
            lower: na(&ci[0]),
            upper: na(&ci[1]),
        }
    };
    let rows: Vec<&Value> = t["km"]
        .as_array()
        .expect("[[km]]")
        .iter()
        .filter(|r| {
            r["endpoint"].as_str() == Some("time_to_liver_dysfunction_censored_at_progression")
        })
        .collect();
    assert_eq!(rows.len(), SENSITIVITY.len());
    for (row, ours) in rows.iter().zip(SENSITIVITY.iter()) {
        assert_eq!(row["marker"].as_str(), Some(ours.marker.as_str()));
        assert_eq!(median(&row["low"]), ours.low);
        assert_eq!(median(&row["high"]), ours.high);
        assert_eq!(num(&row["p_logrank"]), ours.p_log_rank);
    }
}
