//! The three codes of a CSV row: endpoint, marker and group.
//!
//! Each enum's [`as_str`](Endpoint::as_str) is the exact code used in
//! `static/reference/reconstructed_cohort.csv`; [`from_code`](Endpoint::from_code)
//! is its inverse and accepts nothing else (codes are case-sensitive).

use std::fmt;

/// A time-to-event endpoint of the study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    /// Overall survival: time to death from any cause (CSV code `os`).
    OverallSurvival,
    /// Progression-free survival: time to progression or death (CSV code `pfs`).
    ProgressionFreeSurvival,
    /// Time to liver dysfunction: CTCAE grade >= 2 bilirubin increase,
    /// censored at the last laboratory follow-up (CSV code `ttld`).
    TimeToLiverDysfunction,
}

impl Endpoint {
    /// Every endpoint, in the order the CSV lists them.
    pub const ALL: [Endpoint; 3] = [
        Endpoint::OverallSurvival,
        Endpoint::ProgressionFreeSurvival,
        Endpoint::TimeToLiverDysfunction,
    ];

    /// The CSV code: `os`, `pfs` or `ttld`.
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::OverallSurvival => "os",
            Endpoint::ProgressionFreeSurvival => "pfs",
            Endpoint::TimeToLiverDysfunction => "ttld",
        }
    }

    /// The endpoint whose CSV code is `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == code)
    }

    /// A short English label, for tables and charts.
    pub fn label(self) -> &'static str {
        match self {
            Endpoint::OverallSurvival => "Overall survival",
            Endpoint::ProgressionFreeSurvival => "Progression-free survival",
            Endpoint::TimeToLiverDysfunction => "Time to liver dysfunction",
        }
    }
}

/// A baseline serum interleukin that splits the cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Marker {
    /// Interleukin 6; high means > 6.53 pg/mL (CSV code `il6`).
    Il6,
    /// Interleukin 8; high means > 60.8 pg/mL (CSV code `il8`).
    Il8,
}

impl Marker {
    /// Every marker, in the order the CSV lists them.
    pub const ALL: [Marker; 2] = [Marker::Il6, Marker::Il8];

    /// The CSV code: `il6` or `il8`.
    pub fn as_str(self) -> &'static str {
        match self {
            Marker::Il6 => "il6",
            Marker::Il8 => "il8",
        }
    }

    /// The marker whose CSV code is `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == code)
    }

    /// A short label, for tables and charts.
    pub fn label(self) -> &'static str {
        match self {
            Marker::Il6 => "IL6",
            Marker::Il8 => "IL8",
        }
    }
}

/// Which side of the published cutoff a patient's baseline level lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// At or below the cutoff (CSV code `low`).
    Low,
    /// Above the cutoff (CSV code `high`).
    High,
}

impl Group {
    /// Both groups, low first (the reference level of every comparison).
    pub const ALL: [Group; 2] = [Group::Low, Group::High];

    /// The CSV code: `low` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Low => "low",
            Group::High => "high",
        }
    }

    /// The group whose CSV code is `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == code)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for e in Endpoint::ALL {
            assert_eq!(Endpoint::from_code(e.as_str()), Some(e));
        }
        for m in Marker::ALL {
            assert_eq!(Marker::from_code(m.as_str()), Some(m));
        }
        for g in Group::ALL {
            assert_eq!(Group::from_code(g.as_str()), Some(g));
        }
    }

    #[test]
    fn codes_are_case_sensitive_and_exact() {
        assert_eq!(Endpoint::from_code("OS"), None);
        assert_eq!(Marker::from_code("il6 "), None);
        assert_eq!(Group::from_code("High"), None);
    }
}
