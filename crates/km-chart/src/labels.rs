//! Every piece of text the chart shows, built from the published figures in
//! `study::published` so that no number is typed twice.

use study::published::{
    km_comparison, printed, CoxEndpoint, Endpoint, HazardRatio, Marker, PValue, RiskFactor,
};
use study::Group;

/// Shown on every chart, in the picture itself and next to it.
pub const RECONSTRUCTION_LABEL: &str =
    "Reconstructed from the published summary statistics; not the trial's patient-level data";

/// The paper's figure that the chart reconstructs (Figs. 2 and 3 in the
/// paper; the PFS curves are in Additional files 1 and 2).
pub fn figure_name(endpoint: Endpoint, marker: Marker) -> &'static str {
    match (endpoint, marker) {
        (Endpoint::OverallSurvival, Marker::Il6) => "Fig. 2a",
        (Endpoint::OverallSurvival, Marker::Il8) => "Fig. 2b",
        (Endpoint::ProgressionFreeSurvival, Marker::Il6) => "Additional file 1: Fig. S2a",
        (Endpoint::ProgressionFreeSurvival, Marker::Il8) => "Additional file 2: Fig. S2b",
        (Endpoint::TimeToLiverDysfunction, Marker::Il6) => "Fig. 3a",
        (Endpoint::TimeToLiverDysfunction, Marker::Il8) => "Fig. 3b",
    }
}

/// `IL6 low (≤ 6.53 pg/mL)`: the group with its rule, as Tables 2 and 3
/// define high (strictly above the cutoff).
pub fn group_label(marker: Marker, group: Group) -> String {
    let cutoff = marker.cutoff_pg_ml();
    match group {
        Group::Low => format!("{} low (≤ {cutoff} pg/mL)", marker.label()),
        Group::High => format!("{} high (> {cutoff} pg/mL)", marker.label()),
    }
}

/// What the y axis measures, for each endpoint.
pub(crate) fn y_axis_label(endpoint: Endpoint) -> &'static str {
    match endpoint {
        Endpoint::OverallSurvival => "Overall survival",
        Endpoint::ProgressionFreeSurvival => "Progression-free survival",
        Endpoint::TimeToLiverDysfunction => "Free of liver dysfunction",
    }
}

/// `Overall survival by baseline IL6 (reconstruction of Fig. 2a)`; the
/// additional files are named by their figure only (`Fig. S2a`), which keeps
/// the title on one line of a narrow drawing.
pub(crate) fn title(endpoint: Endpoint, marker: Marker) -> String {
    let figure = figure_name(endpoint, marker);
    let short = figure.rsplit(": ").next().unwrap_or(figure);
    format!(
        "{} by baseline {} (reconstruction of {short})",
        endpoint.label(),
        marker.label(),
    )
}

/// Months with one decimal, as the paper prints medians: `19.0`.
pub(crate) fn months(value: f64) -> String {
    format!("{value:.1}")
}

/// A proportion as a whole percentage: `0.714` → `71%`.
pub(crate) fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn p_value(p: PValue) -> String {
    match p {
        PValue::Exact(_) => format!("p = {p}"),
        PValue::Below(_) => format!("p {p}"),
    }
}

/// The published univariate hazard ratio of high against low, where the
/// paper gives one: Table 2 for overall survival, Table 3 for liver
/// dysfunction; none for progression-free survival.
pub(crate) fn published_hazard_ratio(endpoint: Endpoint, marker: Marker) -> Option<HazardRatio> {
    let table = match endpoint {
        Endpoint::OverallSurvival => CoxEndpoint::OverallSurvival,
        Endpoint::TimeToLiverDysfunction => CoxEndpoint::LiverDysfunction,
        Endpoint::ProgressionFreeSurvival => return None,
    };
    let factor = match marker {
        Marker::Il6 => RiskFactor::Il6High,
        Marker::Il8 => RiskFactor::Il8High,
    };
    table.row(factor).map(|row| row.univariate)
}

/// `Published: log-rank p < 0.001; HR high vs low 2.4 (95% CI 1.5–3.88), Table 2 univariate`.
pub(crate) fn published_statistics(endpoint: Endpoint, marker: Marker) -> String {
    let comparison = km_comparison(endpoint, marker);
    let hazard = match published_hazard_ratio(endpoint, marker) {
        Some(hr) => {
            let table = match endpoint {
                Endpoint::TimeToLiverDysfunction => "Table 3",
                _ => "Table 2",
            };
            format!(
                "HR high vs low {} (95% CI {}–{}), {table} univariate",
                printed(hr.estimate),
                printed(hr.lower),
                printed(hr.upper)
            )
        }
        None => "no hazard ratio published for PFS".to_owned(),
    };
    format!(
        "Published: log-rank {}; {hazard}",
        p_value(comparison.p_logrank)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_names_the_papers_figure() {
        // Figure captions in the paper; PFS: Results, "Additional file 1: Figure S2a".
        assert_eq!(
            figure_name(Endpoint::OverallSurvival, Marker::Il8),
            "Fig. 2b"
        );
        assert_eq!(
            figure_name(Endpoint::TimeToLiverDysfunction, Marker::Il6),
            "Fig. 3a"
        );
        assert!(figure_name(Endpoint::ProgressionFreeSurvival, Marker::Il6).ends_with("S2a"));
    }

    #[test]
    fn titles_name_the_figure_briefly() {
        assert_eq!(
            title(Endpoint::ProgressionFreeSurvival, Marker::Il8),
            "Progression-free survival by baseline IL8 (reconstruction of Fig. S2b)"
        );
        assert_eq!(
            title(Endpoint::OverallSurvival, Marker::Il6),
            "Overall survival by baseline IL6 (reconstruction of Fig. 2a)"
        );
    }

    #[test]
    fn group_labels_state_the_cutoff_rule() {
        // Tables 2 and 3: "IL6 (> 6.53 pg/mL)", "IL8 (> 60.8 pg/mL)".
        assert_eq!(
            group_label(Marker::Il6, Group::Low),
            "IL6 low (≤ 6.53 pg/mL)"
        );
        assert_eq!(
            group_label(Marker::Il8, Group::High),
            "IL8 high (> 60.8 pg/mL)"
        );
    }

    #[test]
    fn published_statistics_quote_table_2_and_the_log_rank_p() {
        // Table 2, IL6 univariate: 2.4 (1.5–3.88), p < 0.001 (Fig. 2a log-rank).
        assert_eq!(
            published_statistics(Endpoint::OverallSurvival, Marker::Il6),
            "Published: log-rank p < 0.001; HR high vs low 2.4 (95% CI 1.5–3.88), Table 2 univariate"
        );
        // Results text: IL8 log-rank p = 0.009; Table 2: 1.8 (1.1–2.9).
        assert_eq!(
            published_statistics(Endpoint::OverallSurvival, Marker::Il8),
            "Published: log-rank p = 0.009; HR high vs low 1.8 (95% CI 1.1–2.9), Table 2 univariate"
        );
        // Table 3, IL8: 1.5 (0.75–3.0); Fig. 3b p = 0.25.
        assert_eq!(
            published_statistics(Endpoint::TimeToLiverDysfunction, Marker::Il8),
            "Published: log-rank p = 0.25; HR high vs low 1.5 (95% CI 0.75–3.0), Table 3 univariate"
        );
    }

    #[test]
    fn pfs_says_that_no_hazard_ratio_was_published() {
        // Additional file 2: PFS by IL8, p = 0.017; the paper gives no Cox model for PFS.
        assert_eq!(
            published_statistics(Endpoint::ProgressionFreeSurvival, Marker::Il8),
            "Published: log-rank p = 0.017; no hazard ratio published for PFS"
        );
    }

    #[test]
    fn numbers_are_formatted_as_the_paper_prints_them() {
        assert_eq!(months(19.0), "19.0");
        assert_eq!(months(7.849), "7.8");
        assert_eq!(percent(0.714), "71%");
    }
}
