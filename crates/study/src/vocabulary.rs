//! The study's concepts, one type each: the markers, the endpoints, the
//! groups a cutoff makes, the risk factors and models of Tables 2 and 3, and
//! the Child–Pugh class.
//!
//! Each has one accessor for its machine code, `code()`, and (where text
//! reaches a code back) `from_code()`. The codes are public contracts (the
//! link fragment, `data-testid` hooks, CSV files: see the README) and never
//! change. The words people read for these concepts are not here but in
//! [`crate::english`], the one place a text layer replaces.

use crate::decimal::Decimal;
use crate::published::{IL6_CUTOFF_PG_ML, IL8_CUTOFF_PG_ML};

/// A baseline serum interleukin that splits the cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Marker {
    /// Interleukin 6; high means > 6.53 pg/mL (code `il6`).
    Il6,
    /// Interleukin 8; high means > 60.8 pg/mL (code `il8`).
    Il8,
}

impl Marker {
    /// Both markers, IL6 first (the paper's order).
    pub const ALL: [Marker; 2] = [Marker::Il6, Marker::Il8];

    /// `il6` or `il8`: the CSV code, the link key and the `data-testid` stem.
    pub fn code(self) -> &'static str {
        match self {
            Marker::Il6 => "il6",
            Marker::Il8 => "il8",
        }
    }

    /// The marker whose code is `code`, if any (case-sensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The published cutoff, pg/mL (Tables 2 and 3).
    pub fn cutoff_pg_ml(self) -> Decimal {
        match self {
            Marker::Il6 => IL6_CUTOFF_PG_ML,
            Marker::Il8 => IL8_CUTOFF_PG_ML,
        }
    }

    /// The group a baseline level falls in at the published cutoff: the one
    /// definition of "high" the calculator, the cohort tool and the charts
    /// share.
    pub fn group(self, value_pg_ml: Decimal) -> Group {
        Group::classify(value_pg_ml, self.cutoff_pg_ml())
    }

    /// The risk factor "high" for this marker.
    pub fn risk_factor(self) -> RiskFactor {
        match self {
            Marker::Il6 => RiskFactor::Il6High,
            Marker::Il8 => RiskFactor::Il8High,
        }
    }
}

/// Which side of a cutoff a baseline level lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// At or below the cutoff (code `low`): the reference level.
    Low,
    /// Strictly above the cutoff (code `high`).
    High,
}

impl Group {
    /// Both groups, low first (the reference level of every comparison).
    pub const ALL: [Group; 2] = [Group::Low, Group::High];

    /// High means strictly above the cutoff (Tables 2 and 3: "> 6.53 pg/mL"),
    /// so a value equal to the cutoff is low.
    pub fn classify(value: Decimal, cutoff: Decimal) -> Self {
        if value > cutoff {
            Group::High
        } else {
            Group::Low
        }
    }

    /// The same rule for a measured value in floating point (the cohort
    /// tool's other cutoffs): strictly above is high.
    pub fn classify_f64(value: f64, cutoff: f64) -> Self {
        if value > cutoff {
            Group::High
        } else {
            Group::Low
        }
    }

    /// `low` or `high` (CSV code and the `il6-group`/`il8-group` hooks).
    pub fn code(self) -> &'static str {
        match self {
            Group::Low => "low",
            Group::High => "high",
        }
    }

    /// The group whose code is `code`, if any (case-sensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// A time-to-event endpoint of the study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    /// Overall survival: time to death from any cause (code `os`).
    OverallSurvival,
    /// Progression-free survival: time to progression or death (code `pfs`).
    ProgressionFreeSurvival,
    /// Time to liver dysfunction: CTCAE grade ≥ 2 blood bilirubin increase,
    /// censored at the last laboratory follow-up (code `ttld`).
    TimeToLiverDysfunction,
}

impl Endpoint {
    /// Every endpoint, in the paper's (and the CSV's) order.
    pub const ALL: [Endpoint; 3] = [
        Endpoint::OverallSurvival,
        Endpoint::ProgressionFreeSurvival,
        Endpoint::TimeToLiverDysfunction,
    ];

    /// `os`, `pfs` or `ttld`: the CSV code and the chart's hooks.
    pub fn code(self) -> &'static str {
        match self {
            Endpoint::OverallSurvival => "os",
            Endpoint::ProgressionFreeSurvival => "pfs",
            Endpoint::TimeToLiverDysfunction => "ttld",
        }
    }

    /// The endpoint whose code is `code`, if any (case-sensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The endpoint's table name in `reference/published.toml`.
    pub fn published_toml_name(self) -> &'static str {
        match self {
            Endpoint::OverallSurvival => "overall_survival",
            Endpoint::ProgressionFreeSurvival => "progression_free_survival",
            Endpoint::TimeToLiverDysfunction => "time_to_liver_dysfunction",
        }
    }

    /// The endpoint's published Cox table, if the paper has one (none for PFS).
    pub fn cox(self) -> Option<CoxEndpoint> {
        match self {
            Endpoint::OverallSurvival => Some(CoxEndpoint::OverallSurvival),
            Endpoint::TimeToLiverDysfunction => Some(CoxEndpoint::LiverDysfunction),
            Endpoint::ProgressionFreeSurvival => None,
        }
    }
}

/// The endpoints with published Cox models (Tables 2 and 3): a subset of
/// [`Endpoint`], its own type so a table lookup cannot miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoxEndpoint {
    /// Table 2.
    OverallSurvival,
    /// Table 3: time to CTCAE v5.0 grade ≥ 2 blood bilirubin increase.
    LiverDysfunction,
}

impl CoxEndpoint {
    /// Both, Table 2 first.
    pub const ALL: [CoxEndpoint; 2] = [CoxEndpoint::OverallSurvival, CoxEndpoint::LiverDysfunction];

    /// The endpoint this table models.
    pub fn endpoint(self) -> Endpoint {
        match self {
            CoxEndpoint::OverallSurvival => Endpoint::OverallSurvival,
            CoxEndpoint::LiverDysfunction => Endpoint::TimeToLiverDysfunction,
        }
    }

    /// `os` or `ld`: the hazard-table hooks (`hr-os-…`, `hr-ld-…`).
    pub fn code(self) -> &'static str {
        match self {
            CoxEndpoint::OverallSurvival => "os",
            CoxEndpoint::LiverDysfunction => "ld",
        }
    }
}

/// The multivariable models of Tables 2 and 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoxModel {
    /// Model 1: albumin and total bilirubin as separate factors.
    Model1,
    /// Model 2: mALBI grade instead of albumin and bilirubin.
    Model2,
}

impl CoxModel {
    /// Both, Model 1 first.
    pub const ALL: [CoxModel; 2] = [CoxModel::Model1, CoxModel::Model2];

    /// `model1` or `model2`.
    pub fn code(self) -> &'static str {
        match self {
            CoxModel::Model1 => "model1",
            CoxModel::Model2 => "model2",
        }
    }

    /// The model named by [`CoxModel::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// The risk factors of Tables 2 and 3 that the calculator can place a
/// patient on. (Sex, age, ECOG, aetiology, TACE, PVI, BCLC, AFP, tumour
/// burden are in the tables too but in neither multivariable model.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskFactor {
    /// IL6 > 6.53 pg/mL.
    Il6High,
    /// IL8 > 60.8 pg/mL.
    Il8High,
    /// Cirrhosis.
    Cirrhosis,
    /// Child–Pugh B (vs A).
    ChildPughB,
    /// Albumin < 36 g/L.
    AlbuminBelow36,
    /// Total bilirubin ≥ 17 µmol/L.
    Bilirubin17OrMore,
    /// mALBI grade 2b or 3 (vs 1 or 2a).
    MalbiTwoBOrThree,
}

impl RiskFactor {
    /// Every factor, in the tables' order.
    pub const ALL: [RiskFactor; 7] = [
        RiskFactor::Il6High,
        RiskFactor::Il8High,
        RiskFactor::Cirrhosis,
        RiskFactor::ChildPughB,
        RiskFactor::AlbuminBelow36,
        RiskFactor::Bilirubin17OrMore,
        RiskFactor::MalbiTwoBOrThree,
    ];

    /// The factor's name in `published.toml` and in the cohort tool's
    /// hooks and exports.
    pub fn code(self) -> &'static str {
        match self {
            RiskFactor::Il6High => "il6_high",
            RiskFactor::Il8High => "il8_high",
            RiskFactor::Cirrhosis => "cirrhosis",
            RiskFactor::ChildPughB => "child_pugh_b",
            RiskFactor::AlbuminBelow36 => "albumin_below_36",
            RiskFactor::Bilirubin17OrMore => "bilirubin_17_or_more",
            RiskFactor::MalbiTwoBOrThree => "malbi_2b_or_3",
        }
    }

    /// The factor whose code is `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Child–Pugh class, with the points that decide whether the patient is
/// within SORAMIC's eligibility (A to B7). The models' "B vs A" ratio
/// applies to any B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChildPughClass {
    /// 5–6 points.
    A,
    /// 7 points: the most the trial enrolled.
    B7,
    /// 8–9 points: class B, outside the trial.
    B8To9,
    /// 10–15 points; outside the study's eligibility.
    C,
    /// Class B with the points not given (the old `child_pugh=B` link code,
    /// or a cohort file that gives only the letter).
    BUnspecified,
}

impl ChildPughClass {
    /// Every class a link or a file may carry, in form order.
    pub const ALL: [ChildPughClass; 5] = [
        ChildPughClass::A,
        ChildPughClass::B7,
        ChildPughClass::B8To9,
        ChildPughClass::C,
        ChildPughClass::BUnspecified,
    ];

    /// The choices the form offers (the unspecified B only comes from a link).
    pub const FORM: [ChildPughClass; 4] = [
        ChildPughClass::A,
        ChildPughClass::B7,
        ChildPughClass::B8To9,
        ChildPughClass::C,
    ];

    /// The link code: `A`, `B7`, `B8-9`, `C`, or `B` (points not given).
    pub fn code(self) -> &'static str {
        match self {
            ChildPughClass::A => "A",
            ChildPughClass::B7 => "B7",
            ChildPughClass::B8To9 => "B8-9",
            ChildPughClass::C => "C",
            ChildPughClass::BUnspecified => "B",
        }
    }

    /// The class letter alone, `A`, `B` or `C` (the cohort export's column).
    pub fn letter(self) -> &'static str {
        match self {
            ChildPughClass::A => "A",
            ChildPughClass::B7 | ChildPughClass::B8To9 | ChildPughClass::BUnspecified => "B",
            ChildPughClass::C => "C",
        }
    }

    /// Class B, whatever its points: the models' "Child–Pugh (B vs. A)".
    pub fn is_class_b(self) -> bool {
        matches!(
            self,
            ChildPughClass::B7 | ChildPughClass::B8To9 | ChildPughClass::BUnspecified
        )
    }

    /// The class of a Child–Pugh score, 5–15 points.
    pub fn from_score(points: u32) -> Option<Self> {
        match points {
            5..=6 => Some(ChildPughClass::A),
            7 => Some(ChildPughClass::B7),
            8..=9 => Some(ChildPughClass::B8To9),
            10..=15 => Some(ChildPughClass::C),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_concept() {
        for e in Endpoint::ALL {
            assert_eq!(Endpoint::from_code(e.code()), Some(e));
        }
        for m in Marker::ALL {
            assert_eq!(Marker::from_code(m.code()), Some(m));
        }
        for g in Group::ALL {
            assert_eq!(Group::from_code(g.code()), Some(g));
        }
        for f in RiskFactor::ALL {
            assert_eq!(RiskFactor::from_code(f.code()), Some(f));
        }
        for m in CoxModel::ALL {
            assert_eq!(CoxModel::from_code(m.code()), Some(m));
        }
    }

    #[test]
    fn codes_are_case_sensitive_and_exact() {
        assert_eq!(Endpoint::from_code("OS"), None);
        assert_eq!(Marker::from_code("il6 "), None);
        assert_eq!(Group::from_code("High"), None);
        assert_eq!(CoxModel::from_code("Model1"), None);
    }

    #[test]
    fn a_level_equal_to_the_cutoff_is_low() {
        // Tables 2 and 3: "IL6 (> 6.53 pg/mL)", so 6.53 itself is low.
        assert_eq!(Marker::Il6.group(Decimal::new(653, 2)), Group::Low);
        assert_eq!(Marker::Il6.group(Decimal::new(654, 2)), Group::High);
        assert_eq!(Marker::Il8.group(Decimal::new(608, 1)), Group::Low);
        assert_eq!(Group::classify_f64(60.8, 60.8), Group::Low);
        assert_eq!(Group::classify_f64(60.81, 60.8), Group::High);
    }

    #[test]
    fn each_cox_table_models_its_own_endpoint() {
        for cox in CoxEndpoint::ALL {
            assert_eq!(cox.endpoint().cox(), Some(cox));
        }
        assert_eq!(Endpoint::ProgressionFreeSurvival.cox(), None);
    }

    #[test]
    fn child_pugh_points_give_the_class_of_reference_clinical_md() {
        // Child–Pugh: A 5–6, B 7–9, C 10–15 points.
        assert_eq!(ChildPughClass::from_score(6), Some(ChildPughClass::A));
        assert_eq!(ChildPughClass::from_score(7), Some(ChildPughClass::B7));
        assert_eq!(ChildPughClass::from_score(9), Some(ChildPughClass::B8To9));
        assert_eq!(ChildPughClass::from_score(10), Some(ChildPughClass::C));
        assert_eq!(ChildPughClass::from_score(4), None);
        assert_eq!(ChildPughClass::from_score(16), None);
        assert_eq!(ChildPughClass::B8To9.letter(), "B");
    }
}
