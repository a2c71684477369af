//! The chart as plain data, in study units (months, survival probability),
//! computed once per view before any drawing.
//!
//! Curves follow R's `plot.survfit`/survminer: a right-continuous staircase
//! starting at (0, 1), dropping at each event time and running flat to the
//! last observed time (events or censorings); the pointwise 95% band is the
//! engine's log-scale interval (R's default `conf.type = "log"`) drawn as the
//! same staircase; censorings are marked where they happen on the curve.
//! Everything is clipped to the x axis, which ends where the risk table does.

use study::published::{Endpoint, Marker};
use study::Group;
use survival::{KaplanMeierFit, SurvivalData};

use crate::labels::{self, group_label, months, percent};
use crate::palette::{self, LineDash, Rgb};
use text::Text;

/// The x axis ends here (months): the last column of the risk table.
pub const X_AXIS_MAX_MONTHS: f64 = 36.0;
/// The times of the risk table under the plot, which are also the x ticks.
pub const RISK_TABLE_MONTHS: [f64; 7] = [0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0];
/// The times of the text alternative's survival table.
pub const SURVIVAL_TABLE_MONTHS: [f64; 3] = [6.0, 12.0, 24.0];

/// What a chart is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct KmChartInput<'a> {
    /// Which endpoint the curves show.
    pub endpoint: Endpoint,
    /// Which marker splits the cohort.
    pub marker: Marker,
    /// Follow-up of the low group.
    pub low: &'a SurvivalData,
    /// Follow-up of the high group.
    pub high: &'a SurvivalData,
    /// The patient's group for this marker, once a valid value is entered.
    pub patient_group: Option<Group>,
    /// The reader's language: every word the chart shows comes from it.
    pub text: &'a Text,
}

/// How prominently a group is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// The patient's group: thick, full colour, labelled as the patient's.
    Patient,
    /// The other group once the patient's is known: thinner, in full colour.
    Other,
    /// Before any input: both groups drawn alike.
    Neutral,
    /// A reference curve under a cohort's own (the cohort view's overlay):
    /// thin and faded, background to the curves drawn in full.
    Reference,
}

/// A closed polygon (the confidence band), in (months, survival).
#[derive(Debug, Clone, PartialEq)]
pub struct BandPolygon {
    /// The upper bound's staircase left to right, then the lower bound's
    /// right to left.
    pub points: Vec<(f64, f64)>,
}

/// The median survival of a group, as the engine (R's `print.survfit`) gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MedianMarker {
    /// The curve drops to 0.5 at `months`; the CI bounds are `None` where R
    /// prints NA.
    Reached {
        /// The median, months.
        months: f64,
        /// Lower 95% bound, months.
        lower: Option<f64>,
        /// Upper 95% bound, months.
        upper: Option<f64>,
    },
    /// The curve never drops to 0.5.
    NotReached,
}

impl MedianMarker {
    /// `19.0 months` or `not reached`.
    pub fn text(&self, t: &Text) -> String {
        match self {
            MedianMarker::Reached { months: m, .. } => t.chart_months(&months(t, *m)),
            MedianMarker::NotReached => t.chart_not_reached().to_owned(),
        }
    }

    /// `19.0 months (95% CI 15.1–24.9)`, with `not reached` for a missing bound.
    pub fn text_with_ci(&self, t: &Text) -> String {
        let bound =
            |b: Option<f64>| b.map_or_else(|| t.chart_not_reached().to_owned(), |b| months(t, b));
        match self {
            MedianMarker::Reached { lower, upper, .. } => {
                t.chart_median_ci(&self.text(t), &bound(*lower), &bound(*upper))
            }
            MedianMarker::NotReached => self.text(t),
        }
    }

    /// The median in months, when reached.
    pub fn months(&self) -> Option<f64> {
        match self {
            MedianMarker::Reached { months, .. } => Some(*months),
            MedianMarker::NotReached => None,
        }
    }
}

/// One group's curve and everything drawn for it.
#[derive(Debug, Clone, PartialEq)]
pub struct CurveGeometry {
    /// Low or high.
    pub group: Group,
    /// `IL6 low (≤ 6.53 pg/mL)`.
    pub label: String,
    /// Line colour.
    pub colour: Rgb,
    /// Line style, the cue that survives greyscale.
    pub dash: LineDash,
    /// How prominently it is drawn.
    pub emphasis: Emphasis,
    /// Patients in the group.
    pub n: usize,
    /// Events in the group (whole follow-up, not only up to the axis end).
    pub n_events: usize,
    /// The staircase, (months, survival), clipped to the x axis.
    pub steps: Vec<(f64, f64)>,
    /// The pointwise 95% band; `None` when it has no width to draw.
    pub band: Option<BandPolygon>,
    /// Where a censoring sits on the curve, (months, survival).
    pub censor_marks: Vec<(f64, f64)>,
    /// The median and its CI.
    pub median: MedianMarker,
    /// `n = 35, median 19.0 months`, in the reader's language.
    pub counts: String,
    /// The median's tag on the x axis: `19.0 mo` (empty when not reached).
    pub median_tag: String,
}

impl CurveGeometry {
    /// `IL6 low (≤ 6.53 pg/mL): n = 35, median 19.0 months`.
    pub fn legend(&self) -> String {
        format!("{}: {}", self.label, self.counts)
    }
}

/// An axis tick: where, and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Months on the x axis, survival probability on the y axis.
    pub value: f64,
    /// `12`, `60%`.
    pub label: String,
}

/// One column of the risk table, under the x tick at `months`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskTableColumn {
    /// The time, months (a whole number).
    pub months: u32,
    /// Still under observation at that time.
    pub at_risk: usize,
    /// Events up to and including that time.
    pub events: usize,
    /// Censorings up to and including that time.
    pub censored: usize,
}

/// The risk table of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskTableGeometry {
    /// Low or high.
    pub group: Group,
    /// `IL6 low (≤ 6.53 pg/mL)`.
    pub label: String,
    /// One column per [`RISK_TABLE_MONTHS`].
    pub columns: Vec<RiskTableColumn>,
}

/// One row of the text alternative: survival of one group at one time.
#[derive(Debug, Clone, PartialEq)]
pub struct SurvivalTableRow {
    /// Low or high.
    pub group: Group,
    /// `IL6 high (> 6.53 pg/mL)`.
    pub label: String,
    /// The time, months.
    pub months: u32,
    /// Survival probability.
    pub surv: f64,
    /// Lower 95% bound (log scale); `None` where R prints NA.
    pub lower: Option<f64>,
    /// Upper 95% bound (log scale); `None` where R prints NA.
    pub upper: Option<f64>,
    /// The time lies past the group's last follow-up: the value is carried
    /// forward (R's `extend = TRUE`) and should be read with that in mind.
    pub beyond_follow_up: bool,
}

impl SurvivalTableRow {
    /// `71%`.
    pub fn surv_text(&self, t: &Text) -> String {
        percent(t, self.surv)
    }

    /// `55–83%`, or `not estimable` where R prints NA.
    pub fn ci_text(&self, t: &Text) -> String {
        match (self.lower, self.upper) {
            (Some(lower), Some(upper)) => format!(
                "{}–{}",
                text::fixed(lower * 100.0, 0).unwrap_or_default(),
                percent(t, upper)
            ),
            _ => t.chart_not_estimable().to_owned(),
        }
    }
}

/// The chart's words.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartText {
    /// `Overall survival by baseline IL6 (reconstruction of Fig. 2a)`.
    pub title: String,
    /// The paper's figure: `Fig. 2a` (the English paper's name for it).
    pub figure: &'static str,
    /// That the curves are a reconstruction, not the trial's data.
    pub reconstruction: String,
    /// The published log-rank p and hazard ratio (or that none was published).
    pub statistics: String,
    /// `Months`.
    pub x_axis: String,
    /// `Overall survival`.
    pub y_axis: String,
    /// The tag next to the patient's group.
    pub patient_tag: String,
    /// The same inside a sentence (`this patient's group`).
    pub patient_tag_lower: String,
    /// The risk table's three rows: at risk, events, censored.
    pub risk_rows: [String; 3],
}

/// Everything the chart shows, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct KmChartGeometry {
    /// The endpoint shown.
    pub endpoint: Endpoint,
    /// The marker shown.
    pub marker: Marker,
    /// The patient's group, if known.
    pub patient_group: Option<Group>,
    /// Words.
    pub text: ChartText,
    /// Low, then high.
    pub curves: Vec<CurveGeometry>,
    /// The x axis runs from 0 to this (months).
    pub x_max: f64,
    /// Months.
    pub x_ticks: Vec<Tick>,
    /// Survival probability, 0 to 1.
    pub y_ticks: Vec<Tick>,
    /// Low, then high.
    pub risk_table: Vec<RiskTableGeometry>,
    /// The patient's group at [`SURVIVAL_TABLE_MONTHS`]; both groups when
    /// the patient's is unknown.
    pub survival_table: Vec<SurvivalTableRow>,
}

impl KmChartGeometry {
    /// Fits both groups and lays out everything the chart shows.
    pub fn compute(input: &KmChartInput<'_>) -> Self {
        let t = input.text;
        let groups = [(Group::Low, input.low), (Group::High, input.high)];
        let fits = groups.map(|(group, data)| (group, KaplanMeierFit::fit(data)));
        let emphasis = |group| match input.patient_group {
            None => Emphasis::Neutral,
            Some(patient) if patient == group => Emphasis::Patient,
            Some(_) => Emphasis::Other,
        };

        let curves = fits
            .iter()
            .map(|(group, fit)| curve(input, *group, fit, emphasis(*group)))
            .collect();
        let risk_table = fits
            .iter()
            .map(|(group, fit)| RiskTableGeometry {
                group: *group,
                label: group_label(input.text, input.marker, *group),
                columns: fit
                    .risk_table(&RISK_TABLE_MONTHS)
                    .iter()
                    .map(|row| RiskTableColumn {
                        months: whole_months(row.time),
                        at_risk: row.at_risk,
                        events: row.cumulative_events,
                        censored: row.cumulative_censored,
                    })
                    .collect(),
            })
            .collect();
        // Both groups, always: the comparison is the point of the table, so
        // entering the patient's value must not take the other group away.
        let survival_table = fits
            .iter()
            .flat_map(|(group, fit)| survival_rows(input.text, input.marker, *group, fit))
            .collect();

        KmChartGeometry {
            endpoint: input.endpoint,
            marker: input.marker,
            patient_group: input.patient_group,
            text: ChartText {
                title: labels::title(t, input.endpoint, input.marker),
                figure: labels::figure_name(input.endpoint, input.marker),
                reconstruction: t.chart_reconstruction().to_owned(),
                statistics: labels::published_statistics(t, input.endpoint, input.marker),
                x_axis: t.chart_x_axis().to_owned(),
                y_axis: labels::y_axis_label(t, input.endpoint),
                patient_tag: t.chart_patient_tag().to_owned(),
                patient_tag_lower: t.chart_patient_tag_lower().to_owned(),
                risk_rows: [
                    t.chart_at_risk().to_owned(),
                    t.chart_events().to_owned(),
                    t.chart_censored().to_owned(),
                ],
            },
            curves,
            x_max: X_AXIS_MAX_MONTHS,
            x_ticks: RISK_TABLE_MONTHS
                .iter()
                .map(|&m| Tick {
                    value: m,
                    label: text::fixed(m, 0).unwrap_or_default(),
                })
                .collect(),
            y_ticks: (0..=5)
                .map(|i| {
                    let value = f64::from(i) / 5.0;
                    Tick {
                        value,
                        label: percent(t, value),
                    }
                })
                .collect(),
            risk_table,
            survival_table,
        }
    }

    /// The patient's curve, if the patient's group is known.
    pub fn patient_curve(&self) -> Option<&CurveGeometry> {
        self.curves.iter().find(|c| c.emphasis == Emphasis::Patient)
    }
}

/// Risk-table and survival-table times are whole months by construction;
/// the saturating cast keeps this total.
fn whole_months(t: f64) -> u32 {
    t.round() as u32
}

fn curve(
    input: &KmChartInput<'_>,
    group: Group,
    fit: &KaplanMeierFit,
    emphasis: Emphasis,
) -> CurveGeometry {
    let t = input.text;
    let steps = fit.steps();
    let last_time = steps.last().map_or(0.0, |s| s.time);
    let end = last_time.min(X_AXIS_MAX_MONTHS);
    let visible = || steps.iter().filter(|s| s.time <= X_AXIS_MAX_MONTHS);

    let staircase_points = staircase(1.0, visible().map(|s| (s.time, s.surv)), end);

    // The band runs as far as both bounds exist: R gives NA once the curve
    // has reached 0, and the band stops there.
    let band_end = visible()
        .find(|s| s.lower.is_none() || s.upper.is_none())
        .map_or(end, |s| s.time);
    let bounded = || {
        visible().map_while(|s| match (s.lower, s.upper) {
            (Some(lower), Some(upper)) => Some((s.time, lower, upper)),
            _ => None,
        })
    };
    let upper = staircase(1.0, bounded().map(|(t, _, u)| (t, u)), band_end);
    let lower = staircase(1.0, bounded().map(|(t, l, _)| (t, l)), band_end);
    let band = (band_end > 0.0).then(|| BandPolygon {
        points: upper.into_iter().chain(lower.into_iter().rev()).collect(),
    });

    let median = fit.median();
    let median = match median.estimate {
        Some(months) => MedianMarker::Reached {
            months,
            lower: median.lower,
            upper: median.upper,
        },
        None => MedianMarker::NotReached,
    };
    let n = fit.n();
    CurveGeometry {
        group,
        label: group_label(t, input.marker, group),
        colour: palette::colour(group),
        dash: palette::dash(group),
        emphasis,
        n,
        n_events: fit.n_events(),
        steps: staircase_points,
        band,
        censor_marks: visible()
            .filter(|s| s.n_censor > 0)
            .map(|s| (s.time, s.surv))
            .collect(),
        counts: t.chart_counts(&n.to_string(), &median.text(t)),
        median_tag: median
            .months()
            .map(|m| t.chart_months_short(&months(t, m)))
            .unwrap_or_default(),
        median,
    }
}

/// A right-continuous step function as a polyline: from (0, `start`),
/// horizontal to each time the value changes, vertical to the new value,
/// and flat to `end`.
fn staircase(start: f64, values: impl Iterator<Item = (f64, f64)>, end: f64) -> Vec<(f64, f64)> {
    let mut points = vec![(0.0, start)];
    let mut current = start;
    for (time, value) in values {
        if value != current {
            push_distinct(&mut points, (time, current));
            push_distinct(&mut points, (time, value));
            current = value;
        }
    }
    if points.last().is_some_and(|&(t, _)| end > t) {
        points.push((end, current));
    }
    points
}

fn push_distinct(points: &mut Vec<(f64, f64)>, point: (f64, f64)) {
    if points.last() != Some(&point) {
        points.push(point);
    }
}

fn survival_rows(
    t: &Text,
    marker: Marker,
    group: Group,
    fit: &KaplanMeierFit,
) -> Vec<SurvivalTableRow> {
    let last_time = fit.steps().last().map_or(0.0, |s| s.time);
    SURVIVAL_TABLE_MONTHS
        .iter()
        .map(|&time| {
            let estimate = fit.survival_at(time);
            SurvivalTableRow {
                group,
                label: group_label(t, marker, group),
                months: whole_months(time),
                surv: estimate.surv,
                lower: estimate.lower,
                upper: estimate.upper,
                beyond_follow_up: time > last_time,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small group worked by hand:
    /// t = 1: 5 at risk, 1 event → S = 4/5 = 0.8;
    /// t = 2: 4 at risk, 1 event, 1 censored → S = 0.8 × 3/4 = 0.6;
    /// t = 3: 2 at risk, 1 event → S = 0.6 × 1/2 = 0.3;
    /// t = 5: 1 at risk, censored → S stays 0.3.
    fn five() -> SurvivalData {
        SurvivalData::new(
            vec![1.0, 2.0, 2.0, 3.0, 5.0],
            vec![true, true, false, true, false],
        )
        .unwrap()
    }

    /// Three patients who outlive the axis: events at 10 and 40, censored at 50.
    fn long() -> SurvivalData {
        SurvivalData::new(vec![10.0, 40.0, 50.0], vec![true, true, false]).unwrap()
    }

    fn chart(low: &SurvivalData, high: &SurvivalData, patient: Option<Group>) -> KmChartGeometry {
        KmChartGeometry::compute(&KmChartInput {
            endpoint: Endpoint::OverallSurvival,
            marker: Marker::Il6,
            low,
            high,
            patient_group: patient,
            text: &text::Text::english(),
        })
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn assert_points(actual: &[(f64, f64)], expected: &[(f64, f64)]) {
        assert_eq!(actual.len(), expected.len(), "{actual:?} vs {expected:?}");
        for (a, e) in actual.iter().zip(expected) {
            assert!(
                close(a.0, e.0) && close(a.1, e.1),
                "{actual:?} vs {expected:?}"
            );
        }
    }

    #[test]
    fn the_staircase_drops_at_each_event_and_runs_flat_to_the_last_follow_up() {
        // Hand-computed survival above; the last censoring (t = 5) extends the line.
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        assert_points(
            &g.curves[0].steps,
            &[
                (0.0, 1.0),
                (1.0, 1.0),
                (1.0, 0.8),
                (2.0, 0.8),
                (2.0, 0.6),
                (3.0, 0.6),
                (3.0, 0.3),
                (5.0, 0.3),
            ],
        );
    }

    #[test]
    fn censor_marks_sit_on_the_curve_at_each_censoring() {
        // Censorings at t = 2 (after the drop to 0.6) and t = 5 (S = 0.3).
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        assert_points(&g.curves[0].censor_marks, &[(2.0, 0.6), (5.0, 0.3)]);
    }

    #[test]
    fn curves_are_clipped_at_the_end_of_the_axis() {
        // Event at 10 (S = 2/3); the event at 40 and the censoring at 50 lie
        // beyond 36 months: the line runs flat to 36 and carries no marks.
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        let c = &g.curves[1];
        assert_points(
            &c.steps,
            &[
                (0.0, 1.0),
                (10.0, 1.0),
                (10.0, 2.0 / 3.0),
                (36.0, 2.0 / 3.0),
            ],
        );
        assert!(c.censor_marks.is_empty());
        assert!(c
            .band
            .as_ref()
            .unwrap()
            .points
            .iter()
            .all(|p| p.0 <= X_AXIS_MAX_MONTHS));
    }

    #[test]
    fn the_band_follows_the_engines_log_scale_bounds() {
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        let fit = KaplanMeierFit::fit(&low);
        let steps = fit.steps();
        // t = 1: Var(log S) = 1/(5·4) = 0.05, so the lower bound is
        // 0.8·exp(−1.959964·√0.05) = 0.8 × 0.645 = 0.5160 and the upper is capped at 1.
        assert!((steps[0].lower.unwrap() - 0.516_03).abs() < 1e-4);
        let band = &g.curves[0].band.as_ref().unwrap().points;
        // Upper staircase first, then the lower one reversed: the polygon
        // closes at (0, 1) on both sides.
        assert_eq!(band.first(), Some(&(0.0, 1.0)));
        assert_eq!(band.last(), Some(&(0.0, 1.0)));
        // Every bound the engine gives is a vertex, except an upper bound
        // capped at 1 like the one before it (no step to draw).
        for s in steps.iter().filter(|s| s.n_event > 0) {
            let (lower, upper) = (s.lower.unwrap(), s.upper.unwrap());
            assert!(
                band.iter().any(|p| p.0 == s.time && close(p.1, lower)),
                "lower at {}",
                s.time
            );
            assert!(
                upper == 1.0 || band.iter().any(|p| p.0 == s.time && close(p.1, upper)),
                "upper at {}",
                s.time
            );
        }
    }

    #[test]
    fn the_band_stops_where_the_curve_reaches_zero() {
        // Both patients die: S = 0 at t = 4, where R's log-scale CI is NA.
        let low = SurvivalData::new(vec![2.0, 4.0], vec![true, true]).unwrap();
        let g = chart(&low, &long(), None);
        let band = &g.curves[0].band.as_ref().unwrap().points;
        assert!(band.iter().all(|p| p.0 <= 4.0 && p.1.is_finite()));
        assert_eq!(g.curves[0].steps.last(), Some(&(4.0, 0.0)));
    }

    #[test]
    fn the_median_is_the_engines_with_not_reached_when_the_curve_stays_above_half() {
        // five(): S = 0.6 until t = 3, then 0.3, so the median is 3.
        // long(): S = 2/3 until 40, then 1/3: median 40, beyond the axis but reached.
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        assert_eq!(g.curves[0].median.months(), Some(3.0));
        assert_eq!(g.curves[1].median.months(), Some(40.0));
        let never = SurvivalData::new(vec![5.0, 6.0, 7.0], vec![true, false, false]).unwrap();
        let g = chart(&never, &high, None);
        assert_eq!(g.curves[0].median, MedianMarker::NotReached);
        assert_eq!(
            g.curves[0].legend(),
            "IL6 low (≤ 6.53 pg/mL): n = 3, median not reached"
        );
    }

    #[test]
    fn the_legend_gives_n_and_median_per_group() {
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        assert_eq!(
            g.curves[0].legend(),
            "IL6 low (≤ 6.53 pg/mL): n = 5, median 3.0 months"
        );
        assert_eq!(
            g.curves[1].legend(),
            "IL6 high (> 6.53 pg/mL): n = 3, median 40.0 months"
        );
        assert_eq!((g.curves[0].n_events, g.curves[1].n_events), (3, 2));
    }

    #[test]
    fn the_patients_group_is_emphasised_and_the_other_muted() {
        let (low, high) = (five(), long());
        let g = chart(&low, &high, Some(Group::High));
        assert_eq!(g.curves[0].emphasis, Emphasis::Other);
        assert_eq!(g.curves[1].emphasis, Emphasis::Patient);
        assert_eq!(g.patient_curve().map(|c| c.group), Some(Group::High));
        let g = chart(&low, &high, None);
        assert!(g.curves.iter().all(|c| c.emphasis == Emphasis::Neutral));
        assert!(g.patient_curve().is_none());
    }

    #[test]
    fn the_risk_table_is_the_engines_at_every_tick() {
        // five(): all 5 at risk at 0; by 6 months 3 events and 2 censorings, none left.
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        let cols = &g.risk_table[0].columns;
        assert_eq!(cols.len(), RISK_TABLE_MONTHS.len());
        assert_eq!(
            cols[0],
            RiskTableColumn {
                months: 0,
                at_risk: 5,
                events: 0,
                censored: 0
            }
        );
        assert_eq!(
            cols[1],
            RiskTableColumn {
                months: 6,
                at_risk: 0,
                events: 3,
                censored: 2
            }
        );
        // long(): 2 at risk at 12..36 (the event at 10 is counted), 3 at 0.
        let cols = &g.risk_table[1].columns;
        assert_eq!(
            cols[2],
            RiskTableColumn {
                months: 12,
                at_risk: 2,
                events: 1,
                censored: 0
            }
        );
        assert_eq!(
            cols[6],
            RiskTableColumn {
                months: 36,
                at_risk: 2,
                events: 1,
                censored: 0
            }
        );
        let ticks: Vec<f64> = g.x_ticks.iter().map(|t| t.value).collect();
        assert_eq!(
            ticks, RISK_TABLE_MONTHS,
            "table columns sit under the x ticks"
        );
    }

    #[test]
    fn the_survival_table_keeps_both_groups_whatever_the_patients_group() {
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        assert_eq!(g.survival_table.len(), 6);
        let g = chart(&low, &high, Some(Group::High));
        assert_eq!(g.survival_table.len(), 6);
        assert_eq!(
            g.survival_table
                .iter()
                .filter(|r| r.group == Group::Low)
                .count(),
            3
        );
        // At 6 months five() has S = 0.3 carried past its last follow-up (5).
        let at6 = &g.survival_table[0];
        assert_eq!(
            (
                at6.months,
                at6.surv_text(&Text::english()),
                at6.beyond_follow_up
            ),
            (6, "30%".to_owned(), true)
        );
        let fit = KaplanMeierFit::fit(&low);
        assert_eq!(at6.lower, fit.survival_at(6.0).lower);
    }

    #[test]
    fn ticks_cover_the_axes_with_readable_labels() {
        let (low, high) = (five(), long());
        let g = chart(&low, &high, None);
        let labels: Vec<&str> = g.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0%", "20%", "40%", "60%", "80%", "100%"]);
        assert_eq!(g.x_ticks.last().map(|t| t.label.as_str()), Some("36"));
    }

    #[test]
    fn a_staircase_with_an_event_at_time_zero_has_no_repeated_points() {
        assert_eq!(
            staircase(1.0, [(0.0, 0.5), (2.0, 0.25)].into_iter(), 3.0),
            vec![(0.0, 1.0), (0.0, 0.5), (2.0, 0.5), (2.0, 0.25), (3.0, 0.25)]
        );
    }
}
