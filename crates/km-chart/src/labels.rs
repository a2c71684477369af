//! Every piece of text the chart shows, in the reader's language: the words
//! from the text layer's catalog (`chart.*`, and the study's words through
//! `wording::study`), the numbers from the published figures in
//! `study::published` so that no number is typed twice.

use study::published::{km_comparison, CoxEndpoint, Endpoint, HazardRatio, Marker, RiskFactor};
use study::Group;
use text::{fixed, Text};
use wording::study as words;

/// The paper's figure that the chart reconstructs (Figs. 2 and 3 in the
/// paper; the PFS curves are in Additional files 1 and 2). A reference to
/// the English paper: the same in every language.
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
pub fn group_label(t: &Text, marker: Marker, group: Group) -> String {
    let cutoff = t.shown(&marker.cutoff_pg_ml().to_string());
    match group {
        Group::Low => t.chart_group_low(marker.label(), &cutoff),
        Group::High => t.chart_group_high(marker.label(), &cutoff),
    }
}

/// What the y axis measures, for each endpoint.
pub(crate) fn y_axis_label(t: &Text, endpoint: Endpoint) -> String {
    match endpoint {
        Endpoint::TimeToLiverDysfunction => t.chart_y_ttld().to_owned(),
        other => words::km_endpoint(t, other).to_owned(),
    }
}

/// `Overall survival by baseline IL6 (reconstruction of Fig. 2a)`; the
/// additional files are named by their figure only (`Fig. S2a`), which keeps
/// the title on one line of a narrow drawing.
pub(crate) fn title(t: &Text, endpoint: Endpoint, marker: Marker) -> String {
    let figure = figure_name(endpoint, marker);
    let short = figure.rsplit(": ").next().unwrap_or(figure);
    t.chart_title(words::km_endpoint(t, endpoint), marker.label(), short)
}

/// Months with one decimal, as the paper prints medians: `19.0` (`19,0`).
pub(crate) fn months(t: &Text, value: f64) -> String {
    t.rounded(value, 1).unwrap_or_default()
}

/// A proportion as a whole percentage: `0.714` → `71%`.
pub(crate) fn percent(t: &Text, value: f64) -> String {
    t.chart_percent(&fixed(value * 100.0, 0).unwrap_or_default())
}

/// The published univariate hazard ratio of high against low, where the
/// paper gives one: Table 2 for overall survival, Table 3 for liver
/// dysfunction; none for progression-free survival.
pub fn published_hazard_ratio(
    endpoint: Endpoint,
    marker: Marker,
) -> Option<(CoxEndpoint, HazardRatio)> {
    let table = match endpoint {
        Endpoint::OverallSurvival => CoxEndpoint::OverallSurvival,
        Endpoint::TimeToLiverDysfunction => CoxEndpoint::LiverDysfunction,
        Endpoint::ProgressionFreeSurvival => return None,
    };
    let factor = match marker {
        Marker::Il6 => RiskFactor::Il6High,
        Marker::Il8 => RiskFactor::Il8High,
    };
    table.row(factor).map(|row| (table, row.univariate))
}

/// `Published: log-rank p < 0.001; HR high vs low 2.4 (95% CI 1.5–3.88), Table 2 univariate`.
pub(crate) fn published_statistics(t: &Text, endpoint: Endpoint, marker: Marker) -> String {
    let comparison = km_comparison(endpoint, marker);
    let hazard = match published_hazard_ratio(endpoint, marker) {
        Some((table, hr)) => t.chart_published_hr(
            &words::figure(t, hr.estimate),
            &words::figure(t, hr.lower),
            &words::figure(t, hr.upper),
            words::table(t, table),
        ),
        None => t.chart_no_hr_pfs().to_owned(),
    };
    t.chart_published(&words::p_value(t, comparison.p_logrank), &hazard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use text::Lang;

    fn en() -> Text {
        Text::english()
    }

    fn german() -> Text {
        Text::from_catalog(Lang::De, include_str!("../../text/lang/de.txt"))
            .expect("the German catalog loads")
    }

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
            title(&en(), Endpoint::ProgressionFreeSurvival, Marker::Il8),
            "Progression-free survival by baseline IL8 (reconstruction of Fig. S2b)"
        );
        assert_eq!(
            title(&en(), Endpoint::OverallSurvival, Marker::Il6),
            "Overall survival by baseline IL6 (reconstruction of Fig. 2a)"
        );
    }

    #[test]
    fn group_labels_state_the_cutoff_rule() {
        // Tables 2 and 3: "IL6 (> 6.53 pg/mL)", "IL8 (> 60.8 pg/mL)".
        assert_eq!(
            group_label(&en(), Marker::Il6, Group::Low),
            "IL6 low (≤ 6.53 pg/mL)"
        );
        assert_eq!(
            group_label(&en(), Marker::Il8, Group::High),
            "IL8 high (> 60.8 pg/mL)"
        );
    }

    #[test]
    fn published_statistics_quote_table_2_and_the_log_rank_p() {
        // Table 2, IL6 univariate: 2.4 (1.5–3.88), p < 0.001 (Fig. 2a log-rank).
        assert_eq!(
            published_statistics(&en(), Endpoint::OverallSurvival, Marker::Il6),
            "Published: log-rank p < 0.001; HR high vs low 2.4 (95% CI 1.5–3.88), Table 2 univariate"
        );
        // Results text: IL8 log-rank p = 0.009; Table 2: 1.8 (1.1–2.9).
        assert_eq!(
            published_statistics(&en(), Endpoint::OverallSurvival, Marker::Il8),
            "Published: log-rank p = 0.009; HR high vs low 1.8 (95% CI 1.1–2.9), Table 2 univariate"
        );
        // Table 3, IL8: 1.5 (0.75–3.0); Fig. 3b p = 0.25.
        assert_eq!(
            published_statistics(&en(), Endpoint::TimeToLiverDysfunction, Marker::Il8),
            "Published: log-rank p = 0.25; HR high vs low 1.5 (95% CI 0.75–3.0), Table 3 univariate"
        );
    }

    #[test]
    fn pfs_says_that_no_hazard_ratio_was_published() {
        // Additional file 2: PFS by IL8, p = 0.017; the paper gives no Cox model for PFS.
        assert_eq!(
            published_statistics(&en(), Endpoint::ProgressionFreeSurvival, Marker::Il8),
            "Published: log-rank p = 0.017; no hazard ratio published for PFS"
        );
    }

    #[test]
    fn numbers_are_formatted_as_the_paper_prints_them() {
        assert_eq!(months(&en(), 19.0), "19.0");
        assert_eq!(months(&en(), 7.849), "7.8");
        assert_eq!(percent(&en(), 0.714), "71%");
    }

    #[test]
    fn german_draws_the_chart_in_german_with_decimal_commas() {
        // Table 2, IL6 univariate: 2.4 (1.5–3.88), Fig. 2a log-rank p < 0.001;
        // the cutoff 6.53 pg/mL of Tables 2 and 3.
        let t = german();
        assert_eq!(
            title(&t, Endpoint::OverallSurvival, Marker::Il6),
            "Gesamtüberleben nach IL6-Ausgangswert (Rekonstruktion von Fig. 2a)"
        );
        assert_eq!(
            group_label(&t, Marker::Il6, Group::High),
            "IL6 hoch (> 6,53 pg/mL)"
        );
        assert_eq!(
            published_statistics(&t, Endpoint::OverallSurvival, Marker::Il6),
            "Publiziert: Log-Rank p < 0,001; HR hoch vs. niedrig 2,4 (95% CI 1,5–3,88), Tabelle 2 univariat"
        );
        assert_eq!(months(&t, 7.849), "7,8");
        assert_eq!(
            y_axis_label(&t, Endpoint::TimeToLiverDysfunction),
            "Frei von Leberfunktionsstörung"
        );
    }
}
