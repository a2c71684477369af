//! The English words for the study's concepts, all in one file.
//!
//! The domain types in [`crate::vocabulary`] carry codes only; every name a
//! reader sees for them is here, so a text layer (issue 12, items 5–8) has
//! one file to replace with its catalog. Abbreviations used internationally
//! (IL6, IL8, ALBI, mALBI, HR, CI) are words of every language.

use crate::vocabulary::{CoxEndpoint, CoxModel, Endpoint, Marker, RiskFactor};

impl Marker {
    /// `IL6` or `IL8`.
    pub fn label(self) -> &'static str {
        match self {
            Marker::Il6 => "IL6",
            Marker::Il8 => "IL8",
        }
    }
}

impl Endpoint {
    /// A short label, for tables and charts.
    pub fn label(self) -> &'static str {
        match self {
            Endpoint::OverallSurvival => "Overall survival",
            Endpoint::ProgressionFreeSurvival => "Progression-free survival",
            Endpoint::TimeToLiverDysfunction => "Time to liver dysfunction",
        }
    }
}

impl CoxEndpoint {
    /// The table's endpoint as the hazard tables head it.
    pub fn label(self) -> &'static str {
        match self {
            CoxEndpoint::OverallSurvival => "Overall survival",
            CoxEndpoint::LiverDysfunction => {
                "Liver dysfunction (CTCAE grade ≥ 2 bilirubin increase)"
            }
        }
    }

    /// What the hazard is a hazard of, for sentences.
    pub fn event(self) -> &'static str {
        match self {
            CoxEndpoint::OverallSurvival => "death",
            CoxEndpoint::LiverDysfunction => "liver dysfunction",
        }
    }

    /// Where the paper prints the model.
    pub fn table(self) -> &'static str {
        match self {
            CoxEndpoint::OverallSurvival => "Table 2",
            CoxEndpoint::LiverDysfunction => "Table 3",
        }
    }
}

impl CoxModel {
    /// `Model 1` or `Model 2`.
    pub fn label(self) -> &'static str {
        match self {
            CoxModel::Model1 => "Model 1",
            CoxModel::Model2 => "Model 2",
        }
    }

    /// What sets the model apart.
    pub fn description(self) -> &'static str {
        match self {
            CoxModel::Model1 => "albumin and total bilirubin as separate factors",
            CoxModel::Model2 => "mALBI grade instead of albumin and bilirubin",
        }
    }
}

impl RiskFactor {
    /// The row's label in Tables 2 and 3.
    pub fn paper_row(self) -> &'static str {
        match self {
            RiskFactor::Il6High => "IL6 (> 6.53 pg/mL)",
            RiskFactor::Il8High => "IL8 (> 60.8 pg/mL)",
            RiskFactor::Cirrhosis => "Cirrhosis (Yes vs. No)",
            RiskFactor::ChildPughB => "Child–Pugh (B vs. A)",
            RiskFactor::AlbuminBelow36 => "Albumin (< 36 g/L)",
            RiskFactor::Bilirubin17OrMore => "Total bilirubin (≥ 17 µmol/L)",
            RiskFactor::MalbiTwoBOrThree => "mALBI grade (2b and 3 vs. 1 and 2a)",
        }
    }

    /// The factor's absence, as the reference profile of a model states it.
    pub fn absent(self) -> &'static str {
        match self {
            RiskFactor::Il6High => "IL6 ≤ 6.53 pg/mL",
            RiskFactor::Il8High => "IL8 ≤ 60.8 pg/mL",
            RiskFactor::Cirrhosis => "no cirrhosis",
            RiskFactor::ChildPughB => "Child–Pugh A",
            RiskFactor::AlbuminBelow36 => "albumin ≥ 36 g/L",
            RiskFactor::Bilirubin17OrMore => "total bilirubin < 17 µmol/L",
            RiskFactor::MalbiTwoBOrThree => "mALBI grade 1 or 2a",
        }
    }

    /// The inputs the factor is derived from, named as on the form.
    pub fn inputs(self) -> &'static [&'static str] {
        match self {
            RiskFactor::Il6High => &["IL6"],
            RiskFactor::Il8High => &["IL8"],
            RiskFactor::Cirrhosis => &["cirrhosis"],
            RiskFactor::ChildPughB => &["Child–Pugh class"],
            RiskFactor::AlbuminBelow36 => &["albumin"],
            RiskFactor::Bilirubin17OrMore => &["total bilirubin"],
            RiskFactor::MalbiTwoBOrThree => &["albumin", "total bilirubin"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::published::{
        ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L, IL6_CUTOFF_PG_ML, IL8_CUTOFF_PG_ML,
    };

    #[test]
    fn the_words_name_the_published_cutoffs() {
        // The labels are literal text; this holds them to the constants.
        let il6 = IL6_CUTOFF_PG_ML.to_string();
        let il8 = IL8_CUTOFF_PG_ML.to_string();
        assert!(RiskFactor::Il6High.paper_row().contains(&il6));
        assert!(RiskFactor::Il6High.absent().contains(&il6));
        assert!(RiskFactor::Il8High.paper_row().contains(&il8));
        assert!(RiskFactor::Il8High.absent().contains(&il8));
        let albumin = ALBUMIN_CUTOFF_G_L.to_string();
        let bilirubin = BILIRUBIN_CUTOFF_UMOL_L.to_string();
        assert!(RiskFactor::AlbuminBelow36.paper_row().contains(&albumin));
        assert!(RiskFactor::Bilirubin17OrMore.absent().contains(&bilirubin));
    }
}
