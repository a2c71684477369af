//! Every published figure of the study, in one place: what the calculator
//! shows and what the reconstructed reference cohort must reproduce.
//!
//! Source: Öcal O, Kupčinskas J, Morkunas E, et al., post hoc analysis of the
//! palliative arm of the SORAMIC trial (90Y radioembolization + sorafenib),
//! baseline serum IL6 and IL8, as transcribed with its
//! place in the paper in `reference/published.toml`. The test
//! `tests/published_matches_reference.rs` compares every number here with that
//! file, so a typo in either is caught.
//!
//! Where the paper contradicts itself the tables win (see [`ERRATA`]).

use std::fmt;

use crate::decimal::Decimal;
// The figures are keyed by the vocabulary; naming it here lets a reader of
// the figures import both from one path.
pub use crate::vocabulary::{CoxEndpoint, CoxModel, Endpoint, Group, Marker, RiskFactor};

/// The source study's bibliographic record, exactly as `reference/published.toml`
/// `[citation]` gives it (checked against the journal's and PubMed's records
/// there); `tests/published_matches_reference.rs` fails if any field differs.
pub struct Citation {
    pub authors: &'static str,
    pub title: &'static str,
    pub journal: &'static str,
    /// The journal's abbreviation in the reference line (NLM style).
    pub journal_abbreviation: &'static str,
    pub year: u16,
    pub volume: u16,
    pub issue: u16,
    pub article: u16,
    pub doi: &'static str,
    pub pmid: &'static str,
    pub short: &'static str,
}

/// Öcal et al., EJNMMI Res 2021.
pub const SOURCE: Citation = Citation {
    authors: "Öcal O, Kupčinskas J, Morkunas E, Amthauer H, Schütte K, Malfertheiner P, Klümpen HJ, Sengel C, Benckert J, Seidensticker R, Sangro B, Wildgruber M, Pech M, Bartenstein P, Ricke J, Seidensticker M",
    title: "Prognostic value of baseline interleukin 6 levels in liver decompensation and survival in HCC patients undergoing radioembolization",
    journal: "EJNMMI Research",
    journal_abbreviation: "EJNMMI Res",
    year: 2021,
    volume: 11,
    issue: 1,
    article: 51,
    doi: "10.1186/s13550-021-00791-w",
    pmid: "34080071",
    short: "Öcal et al., EJNMMI Res 2021",
};

impl Citation {
    /// The full reference line: `Authors. Title. EJNMMI Res. 2021;11(1):51. doi:… PMID …`.
    pub fn full(&self) -> String {
        format!(
            "{}. {}. {}. {};{}({}):{}. doi:{}. PMID {}.",
            self.authors,
            self.title,
            self.journal_abbreviation,
            self.year,
            self.volume,
            self.issue,
            self.article,
            self.doi,
            self.pmid
        )
    }

    /// `https://doi.org/…`, for a link a reader can follow.
    pub fn doi_url(&self) -> String {
        format!("https://doi.org/{}", self.doi)
    }
}

/// The full reference line of the source study.
pub fn citation() -> String {
    SOURCE.full()
}

/// Short form for labels and the summary.
pub const SHORT_CITATION: &str = SOURCE.short;

/// The study design in one phrase (`[citation] design`).
pub const STUDY_DESIGN: &str = "post hoc analysis of the SORAMIC trial's palliative arm (83 of the patients treated with 90Y radioembolization + sorafenib who had baseline serum samples)";

/// The other works the app cites, exactly as `reference/clinical.md`,
/// "References with their identifiers", gives them; a test checks each
/// identifier against that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// As published (the topic it is cited for is the text layer's,
    /// `about.topic_*`, in `REFERENCES`' order).
    pub text: &'static str,
    /// The DOI, where the work has one.
    pub doi: Option<&'static str>,
}

pub const ALBI_REFERENCE: Reference = Reference {
    text: "Johnson PJ, Berhane S, Kagebayashi C, et al. Assessment of liver function in patients with hepatocellular carcinoma: a new evidence-based approach — the ALBI grade. J Clin Oncol. 2015;33(6):550–558.",
    doi: Some("10.1200/JCO.2014.57.9151"),
};

pub const MALBI_REFERENCE: Reference = Reference {
    text: "Hiraoka A, Kumada T, Kudo M, et al. Albumin-Bilirubin (ALBI) Grade as Part of the Evidence-Based Clinical Practice Guideline for HCC of the Japan Society of Hepatology: A Comparison with the Liver Damage and Child-Pugh Classifications. Liver Cancer. 2017;6(3):204–215. PMID 28626732.",
    doi: Some("10.1159/000452846"),
};

pub const SORAMIC_REFERENCE: Reference = Reference {
    text: "Ricke J, Klümpen HJ, Amthauer H, et al. Impact of combined selective internal radiation therapy and sorafenib on survival in advanced hepatocellular carcinoma. J Hepatol. 2019;71(6):1164–1174.",
    doi: Some("10.1016/j.jhep.2019.08.006"),
};

pub const CTCAE_REFERENCE: Reference = Reference {
    text: "National Cancer Institute. Common Terminology Criteria for Adverse Events (CTCAE) v5.0, 2017.",
    doi: None,
};

/// Every reference besides the source study, in the order About lists them.
pub const REFERENCES: [Reference; 4] = [
    ALBI_REFERENCE,
    MALBI_REFERENCE,
    SORAMIC_REFERENCE,
    CTCAE_REFERENCE,
];

/// Patients in the study cohort (Abstract; Results, Baseline characteristics).
pub const COHORT_SIZE: u32 = 83;
/// Deaths by the end of the study (Results: "73 (87.9%) patients had died").
pub const COHORT_DEATHS: u32 = 73;
/// Patients in the IL6 and IL8 groups (Table 1 header).
pub const IL6_LOW_N: u32 = 35;
pub const IL6_HIGH_N: u32 = 48;
pub const IL8_LOW_N: u32 = 45;
pub const IL8_HIGH_N: u32 = 38;

/// IL6 cutoff, pg/mL; high means strictly above (Tables 2 and 3: "> 6.53").
pub const IL6_CUTOFF_PG_ML: Decimal = Decimal::new(653, 2);
/// IL8 cutoff, pg/mL; high means strictly above (Tables 2 and 3: "> 60.8").
pub const IL8_CUTOFF_PG_ML: Decimal = Decimal::new(608, 1);
/// Albumin risk factor: strictly below 36 g/L (Tables 1–3: "< 36 g/L").
pub const ALBUMIN_CUTOFF_G_L: Decimal = Decimal::new(36, 0);
/// Bilirubin risk factor: 17 µmol/L or more (Tables 1–3: "≥ 17 µmol/L").
pub const BILIRUBIN_CUTOFF_UMOL_L: Decimal = Decimal::new(17, 0);

/// Table 1 counts that decide who the figures apply to (of 83 patients).
pub mod table1 {
    /// ECOG 0, ECOG 1, and missing; no patient had ECOG 2 (eligible up to 2).
    pub const ECOG_0: u32 = 58;
    pub const ECOG_1: u32 = 24;
    pub const ECOG_MISSING: u32 = 1;
    pub const CHILD_PUGH_A: u32 = 77;
    /// Child–Pugh B; the paper does not give their points (eligibility: up to B7).
    pub const CHILD_PUGH_B: u32 = 6;
    pub const BCLC_B: u32 = 26;
    pub const BCLC_C: u32 = 57;
    /// Extrahepatic spread (eligibility: liver-dominant disease, lungs not involved).
    pub const EXTRAHEPATIC_SPREAD: u32 = 21;
    /// Cirrhosis among the 35 patients with low IL6.
    pub const CIRRHOSIS_IN_IL6_LOW: u32 = 26;
    /// Other risk factors among the 35 patients with low IL6.
    pub const CHILD_PUGH_B_IN_IL6_LOW: u32 = 1;
    pub const ALBUMIN_BELOW_36_IN_IL6_LOW: u32 = 3;
    pub const BILIRUBIN_17_OR_MORE_IN_IL6_LOW: u32 = 6;
    pub const MALBI_2B_OR_3_IN_IL6_LOW: u32 = 3;
}

/// Whole-cohort median overall survival, months, with its 95% CI.
pub const COHORT_MEDIAN_OS: PublishedMedian = PublishedMedian {
    months: 12.0,
    ci: Some((9.7, 16.0)),
};

/// The paper's contradictions (`reference/published.toml`: `erratum` fields
/// and the Table 2 `errata`), quoted in the paper's English. The reading the
/// app takes for each is worded by the text layer (`errata.*` in
/// crates/text/lang), in this array's order.
pub const ERRATA: [Erratum; 8] = [
    Erratum {
        paper_says: "Statistical analysis: \"cutoff values of 6.58 for IL6\"",
    },
    Erratum {
        paper_says: "Abstract: \"baseline albumin (< 36 g/dL)\"",
    },
    Erratum {
        paper_says: "Results: Model 1 high total bilirubin \"HR 0.58, [95% CI 0.32–1.05] p = 0.073\"",
    },
    Erratum {
        paper_says: "Results: Model 2 cirrhosis \"HR 2.45 [0.99–6.1]\" and Child–Pugh B \"HR 2.69 [0.98–7.34]\"",
    },
    Erratum {
        paper_says: "Results: IL6 overall survival \"HR 2.4 [95% CI 1.5–3.8]\"",
    },
    Erratum {
        paper_says: "Results: IL8 overall survival \"p = 0.009\"; Table 2: p = 0.011",
    },
    Erratum {
        paper_says: "Abstract and Discussion: liver dysfunction is a \"grade 2 bilirubin increase\"",
    },
    Erratum {
        paper_says: "Results: PFS \"than patients with low IL6\" for the IL8 comparison",
    },
];

/// One contradiction in the paper, as the paper words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erratum {
    pub paper_says: &'static str,
}

/// A p value as printed: exact, or "< bound".
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PValue {
    Exact(f64),
    Below(f64),
}

impl PValue {
    /// Significant at the paper's level of 0.05.
    pub fn is_significant(self) -> bool {
        match self {
            PValue::Exact(p) => p < 0.05,
            PValue::Below(bound) => bound <= 0.05,
        }
    }
}

impl fmt::Display for PValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PValue::Exact(p) => write!(f, "{p}"),
            PValue::Below(bound) => write!(f, "< {bound}"),
        }
    }
}

/// A published hazard ratio with its 95% CI and p value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HazardRatio {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub p: PValue,
}

const fn hr(estimate: f64, lower: f64, upper: f64, p: PValue) -> HazardRatio {
    HazardRatio {
        estimate,
        lower,
        upper,
        p,
    }
}

impl HazardRatio {
    pub fn is_significant(&self) -> bool {
        self.p.is_significant()
    }
}

/// `2.35 (95% CI 1.35–4.1)`: as printed, with at least one decimal.
impl fmt::Display for HazardRatio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (95% CI {}–{})",
            printed(self.estimate),
            printed(self.lower),
            printed(self.upper)
        )
    }
}

/// A published figure as the paper prints it (shortest form), but never
/// without a decimal: `2.0`, `4.1`, `3.88`.
pub fn printed(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

/// At most how many of the 83 patients had a model's reference profile
/// (none of its factors): they all had low IL6 (35, Table 1), and the factor
/// most common among those rules out that many more. Returns the bound and
/// that factor.
pub fn reference_profile_bound(endpoint: CoxEndpoint, model: CoxModel) -> (u32, RiskFactor) {
    endpoint
        .rows()
        .iter()
        .filter(|row| row.in_model(model).is_some())
        .filter_map(|row| row.factor.count_in_il6_low().map(|n| (n, row.factor)))
        .max_by_key(|(n, _)| *n)
        .map_or((IL6_LOW_N, RiskFactor::Il6High), |(n, factor)| {
            (IL6_LOW_N - n, factor)
        })
}

impl RiskFactor {
    /// How many of the 35 patients with low IL6 had the factor (Table 1),
    /// where the table gives it.
    fn count_in_il6_low(self) -> Option<u32> {
        match self {
            RiskFactor::Cirrhosis => Some(table1::CIRRHOSIS_IN_IL6_LOW),
            RiskFactor::ChildPughB => Some(table1::CHILD_PUGH_B_IN_IL6_LOW),
            RiskFactor::AlbuminBelow36 => Some(table1::ALBUMIN_BELOW_36_IN_IL6_LOW),
            RiskFactor::Bilirubin17OrMore => Some(table1::BILIRUBIN_17_OR_MORE_IN_IL6_LOW),
            RiskFactor::MalbiTwoBOrThree => Some(table1::MALBI_2B_OR_3_IN_IL6_LOW),
            RiskFactor::Il6High | RiskFactor::Il8High => None,
        }
    }
}

impl CoxEndpoint {
    /// The table's rows (Table 2 or 3).
    pub fn rows(self) -> &'static [CoxRow] {
        match self {
            CoxEndpoint::OverallSurvival => &OVERALL_SURVIVAL_COX,
            CoxEndpoint::LiverDysfunction => &LIVER_DYSFUNCTION_COX,
        }
    }

    /// The published row for `factor`.
    pub fn row(self, factor: RiskFactor) -> Option<&'static CoxRow> {
        self.rows().iter().find(|row| row.factor == factor)
    }
}

impl Marker {
    /// Patients low / high at the published cutoff, of the 83 (Table 1 header).
    pub fn published_group_sizes(self) -> (u32, u32) {
        match self {
            Marker::Il6 => (IL6_LOW_N, IL6_HIGH_N),
            Marker::Il8 => (IL8_LOW_N, IL8_HIGH_N),
        }
    }
}

impl Endpoint {
    /// Patients analysed and events, as the paper reports them.
    pub fn counts(self) -> EndpointCounts {
        match self {
            // "73 (87.9%) patients had died" of 83.
            Endpoint::OverallSurvival => EndpointCounts {
                patients: COHORT_SIZE,
                events: Some(COHORT_DEATHS),
            },
            // "PFS information was missing in one patient"; events not given.
            Endpoint::ProgressionFreeSurvival => EndpointCounts {
                patients: 82,
                events: None,
            },
            // "Follow-up bilirubin values were available in 78 patients";
            // liver dysfunction "in 33 (42.3%) patients".
            Endpoint::TimeToLiverDysfunction => EndpointCounts {
                patients: 78,
                events: Some(33),
            },
        }
    }
}

/// One row of Table 2 or 3 (only the rows for the factors above).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoxRow {
    pub factor: RiskFactor,
    pub univariate: HazardRatio,
    pub model1: Option<HazardRatio>,
    pub model2: Option<HazardRatio>,
}

impl CoxRow {
    pub fn in_model(&self, model: CoxModel) -> Option<HazardRatio> {
        match model {
            CoxModel::Model1 => self.model1,
            CoxModel::Model2 => self.model2,
        }
    }
}

use PValue::{Below, Exact};
use RiskFactor::*;

/// Table 2: factors associated with overall survival.
pub const OVERALL_SURVIVAL_COX: [CoxRow; 7] = [
    CoxRow {
        factor: Il6High,
        univariate: hr(2.4, 1.5, 3.88, Below(0.001)),
        model1: Some(hr(2.35, 1.35, 4.1, Exact(0.002))),
        model2: Some(hr(2.2, 1.28, 3.8, Exact(0.005))),
    },
    CoxRow {
        factor: Il8High,
        univariate: hr(1.8, 1.1, 2.9, Exact(0.011)),
        model1: Some(hr(1.32, 0.77, 2.3, Exact(0.305))),
        model2: Some(hr(1.2, 0.71, 2.0, Exact(0.481))),
    },
    CoxRow {
        factor: Cirrhosis,
        univariate: hr(2.4, 1.1, 5.2, Exact(0.032)),
        model1: Some(hr(2.33, 0.94, 5.81, Exact(0.069))),
        model2: Some(hr(2.4, 0.99, 6.1, Exact(0.053))),
    },
    CoxRow {
        factor: ChildPughB,
        univariate: hr(3.3, 1.3, 8.5, Exact(0.014)),
        model1: Some(hr(2.91, 0.98, 8.64, Exact(0.055))),
        model2: Some(hr(2.7, 0.98, 7.3, Exact(0.054))),
    },
    CoxRow {
        factor: AlbuminBelow36,
        univariate: hr(1.9, 1.1, 3.3, Exact(0.024)),
        model1: Some(hr(0.68, 0.33, 1.43, Exact(0.31))),
        model2: None,
    },
    CoxRow {
        factor: Bilirubin17OrMore,
        univariate: hr(2.0, 1.2, 3.2, Exact(0.009)),
        model1: Some(hr(1.71, 0.95, 3.09, Exact(0.073))),
        model2: None,
    },
    CoxRow {
        factor: MalbiTwoBOrThree,
        univariate: hr(2.1, 1.2, 3.6, Exact(0.007)),
        model1: None,
        model2: Some(hr(1.13, 0.62, 2.07, Exact(0.694))),
    },
];

/// Table 3: factors associated with liver dysfunction.
pub const LIVER_DYSFUNCTION_COX: [CoxRow; 7] = [
    CoxRow {
        factor: Il6High,
        univariate: hr(3.1, 1.4, 6.6, Exact(0.003)),
        model1: Some(hr(2.67, 1.21, 5.94, Exact(0.016))),
        model2: Some(hr(2.5, 1.1, 5.4, Exact(0.024))),
    },
    CoxRow {
        factor: Il8High,
        univariate: hr(1.5, 0.75, 3.0, Exact(0.25)),
        model1: None,
        model2: None,
    },
    CoxRow {
        factor: Cirrhosis,
        univariate: hr(2.0, 0.62, 6.6, Exact(0.25)),
        model1: None,
        model2: None,
    },
    CoxRow {
        factor: ChildPughB,
        univariate: hr(3.3, 0.98, 11.0, Exact(0.053)),
        model1: None,
        model2: None,
    },
    CoxRow {
        factor: AlbuminBelow36,
        univariate: hr(3.0, 1.4, 6.3, Exact(0.003)),
        model1: Some(hr(1.41, 0.61, 3.23, Exact(0.421))),
        model2: None,
    },
    CoxRow {
        factor: Bilirubin17OrMore,
        univariate: hr(4.4, 2.2, 9.0, Below(0.001)),
        model1: Some(hr(3.73, 1.72, 8.06, Below(0.001))),
        model2: None,
    },
    CoxRow {
        factor: MalbiTwoBOrThree,
        univariate: hr(3.9, 1.9, 8.1, Below(0.001)),
        model1: None,
        model2: Some(hr(3.1, 1.5, 6.5, Exact(0.003))),
    },
];

/// How many patients an endpoint was analysed in, and how many had the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointCounts {
    pub patients: u32,
    /// `None` where the paper does not give the number of events.
    pub events: Option<u32>,
}

/// A published median, months, with its 95% CI where the paper gives one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedMedian {
    pub months: f64,
    pub ci: Option<(f64, f64)>,
}

impl fmt::Display for PublishedMedian {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ci {
            Some((lower, upper)) => write!(
                f,
                "{} months (95% CI {}–{})",
                printed(self.months),
                printed(lower),
                printed(upper)
            ),
            None => write!(f, "{} months (95% CI not published)", printed(self.months)),
        }
    }
}

/// The published Kaplan–Meier comparison of one endpoint by one marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KmComparison {
    pub endpoint: Endpoint,
    pub marker: Marker,
    pub low: PublishedMedian,
    pub high: PublishedMedian,
    pub p_logrank: PValue,
    /// Where the figure stands in the paper.
    pub source: &'static str,
}

const fn median(months: f64) -> PublishedMedian {
    PublishedMedian { months, ci: None }
}

/// The six published comparisons (Figs. 2 and 3, Additional files 1–2).
pub const KM_COMPARISONS: [KmComparison; 6] = [
    KmComparison {
        endpoint: Endpoint::OverallSurvival,
        marker: Marker::Il6,
        low: PublishedMedian {
            months: 19.0,
            ci: Some((15.0, 24.7)),
        },
        high: PublishedMedian {
            months: 7.8,
            ci: Some((6.6, 11.8)),
        },
        p_logrank: Below(0.001),
        source: "Results, Overall survival; Fig. 2a",
    },
    KmComparison {
        endpoint: Endpoint::OverallSurvival,
        marker: Marker::Il8,
        low: median(16.0),
        high: median(8.4),
        p_logrank: Exact(0.009),
        source: "Results, Overall survival; Fig. 2b",
    },
    KmComparison {
        endpoint: Endpoint::ProgressionFreeSurvival,
        marker: Marker::Il6,
        low: median(17.9),
        high: median(5.5),
        p_logrank: Below(0.001),
        source: "Results; Additional file 1: Fig. S2a",
    },
    KmComparison {
        endpoint: Endpoint::ProgressionFreeSurvival,
        marker: Marker::Il8,
        low: median(15.0),
        high: median(7.8),
        p_logrank: Exact(0.017),
        source: "Results; Additional file 2: Fig. S2b",
    },
    KmComparison {
        endpoint: Endpoint::TimeToLiverDysfunction,
        marker: Marker::Il6,
        low: median(32.6),
        high: median(9.7),
        p_logrank: Exact(0.003),
        source: "Results, Liver dysfunction; Fig. 3a",
    },
    KmComparison {
        endpoint: Endpoint::TimeToLiverDysfunction,
        marker: Marker::Il8,
        low: median(30.4),
        high: median(9.7),
        p_logrank: Exact(0.25),
        source: "Results, Liver dysfunction; Fig. 3b",
    },
];

impl KmComparison {
    /// Group sizes low / high, where the paper gives them: Table 1's header,
    /// which counts the whole cohort, so for overall survival only.
    pub fn group_sizes(&self) -> Option<(u32, u32)> {
        (self.endpoint == Endpoint::OverallSurvival).then(|| self.marker.published_group_sizes())
    }

    /// The univariate Cox hazard ratio high vs low (Tables 2 and 3), where
    /// the paper has a Cox table for the endpoint (none for PFS).
    pub fn hazard_ratio(&self) -> Option<HazardRatio> {
        self.endpoint
            .cox()
            .and_then(|cox| cox.row(self.marker.risk_factor()))
            .map(|row| row.univariate)
    }
}

/// A median as the sensitivity analysis prints it, where `NA` (not
/// reached, or a bound not estimable) is `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedMedianNa {
    /// Median, months (`None`: NA).
    pub estimate: Option<f64>,
    /// Lower 95% limit (`None`: NA).
    pub lower: Option<f64>,
    /// Upper 95% limit (`None`: NA).
    pub upper: Option<f64>,
}

/// The sensitivity analysis of time to liver dysfunction censored at
/// progression, by one marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedSensitivity {
    pub marker: Marker,
    pub low: PublishedMedianNa,
    pub high: PublishedMedianNa,
    pub p_log_rank: f64,
    /// Where in the paper.
    pub source: &'static str,
}

/// Liver dysfunction events that came after progression ("only four
/// patients were diagnosed with disease progression at the time of liver
/// dysfunction", Results).
pub const TTLD_EVENTS_AFTER_PROGRESSION: u32 = 4;

/// Time to liver dysfunction censored at progression, by IL6 and by IL8
/// (Results; Additional file 3: Fig. S3a and S3b).
pub const SENSITIVITY: [PublishedSensitivity; 2] = [
    PublishedSensitivity {
        marker: Marker::Il6,
        low: PublishedMedianNa {
            estimate: None,
            lower: Some(32.6),
            upper: None,
        },
        high: PublishedMedianNa {
            estimate: Some(9.7),
            lower: Some(5.87),
            upper: None,
        },
        p_log_rank: 0.01,
        source: "Results; Additional file 3: Fig. S3a",
    },
    PublishedSensitivity {
        marker: Marker::Il8,
        low: PublishedMedianNa {
            estimate: Some(32.6),
            lower: Some(11.74),
            upper: None,
        },
        high: PublishedMedianNa {
            estimate: Some(9.7),
            lower: Some(5.87),
            upper: None,
        },
        p_log_rank: 0.22,
        source: "Results; Additional file 3: Fig. S3b",
    },
];

/// The published comparison of `endpoint` by `marker`.
pub fn km_comparison(endpoint: Endpoint, marker: Marker) -> &'static KmComparison {
    // Every (endpoint, marker) pair is in the table, which a test checks; the
    // fallback only keeps this total.
    KM_COMPARISONS
        .iter()
        .find(|c| c.endpoint == endpoint && c.marker == marker)
        .unwrap_or(&KM_COMPARISONS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_and_marker_has_a_published_comparison() {
        for endpoint in Endpoint::ALL {
            for marker in Marker::ALL {
                let found = km_comparison(endpoint, marker);
                assert_eq!((found.endpoint, found.marker), (endpoint, marker));
            }
        }
    }

    #[test]
    fn significance_by_p_value_agrees_with_the_ci_excluding_one() {
        // An independent check of the transcription: a Wald CI that excludes
        // 1 goes with p < 0.05, and one that includes 1 with p >= 0.05.
        for endpoint in CoxEndpoint::ALL {
            for row in endpoint.rows() {
                let hrs = [Some(row.univariate), row.model1, row.model2];
                for hr in hrs.into_iter().flatten() {
                    let ci_excludes_one = hr.lower > 1.0 || hr.upper < 1.0;
                    assert_eq!(
                        ci_excludes_one,
                        hr.is_significant(),
                        "{:?} {:?} {hr:?}",
                        endpoint,
                        row.factor
                    );
                    assert!(hr.lower < hr.estimate && hr.estimate < hr.upper);
                }
            }
        }
    }

    #[test]
    fn each_factor_has_one_row_per_table() {
        for endpoint in CoxEndpoint::ALL {
            for factor in RiskFactor::ALL {
                let count = endpoint
                    .rows()
                    .iter()
                    .filter(|r| r.factor == factor)
                    .count();
                assert_eq!(count, 1, "{endpoint:?} {factor:?}");
            }
        }
    }

    #[test]
    fn figures_print_as_in_the_paper_with_at_least_one_decimal() {
        assert_eq!(printed(2.0), "2.0");
        assert_eq!(printed(4.1), "4.1");
        assert_eq!(printed(3.88), "3.88");
        assert_eq!(
            OVERALL_SURVIVAL_COX[0].univariate.to_string(),
            "2.4 (95% CI 1.5–3.88)"
        );
        assert_eq!(PValue::Below(0.001).to_string(), "< 0.001");
        assert_eq!(PValue::Exact(0.31).to_string(), "0.31");
    }

    #[test]
    fn at_most_9_of_83_patients_had_the_overall_survival_reference_profile() {
        // Table 1: 35 patients with low IL6, 26 of them with cirrhosis → ≤ 9.
        for model in CoxModel::ALL {
            assert_eq!(
                reference_profile_bound(CoxEndpoint::OverallSurvival, model),
                (9, RiskFactor::Cirrhosis)
            );
        }
        // Liver dysfunction Model 1: 6 of the 35 had bilirubin ≥ 17 → ≤ 29;
        // Model 2: 3 of the 35 had mALBI 2b–3 → ≤ 32.
        assert_eq!(
            reference_profile_bound(CoxEndpoint::LiverDysfunction, CoxModel::Model1),
            (29, RiskFactor::Bilirubin17OrMore)
        );
        assert_eq!(
            reference_profile_bound(CoxEndpoint::LiverDysfunction, CoxModel::Model2),
            (32, RiskFactor::MalbiTwoBOrThree)
        );
    }

    #[test]
    fn the_errata_list_every_contradiction_published_toml_records() {
        // reference/published.toml: the cutoff, albumin-unit, PFS and
        // liver-dysfunction errata, and Table 2's three (bilirubin reciprocal,
        // Model 2 roundings, IL8 p) plus the IL6 CI written 3.8 in the text.
        // The app's readings (3.88, log-rank, grade ≥ 2) are checked where
        // they are worded, in the app's About tests.
        let all: String = ERRATA.iter().map(|e| e.paper_says).collect();
        for needle in [
            "6.58",
            "g/dL",
            "0.58",
            "2.45",
            "2.69",
            "1.5–3.8]",
            "0.009",
            "0.011",
            "grade 2 bilirubin",
            "low IL6",
        ] {
            assert!(all.contains(needle), "errata do not mention {needle}");
        }
    }
}
