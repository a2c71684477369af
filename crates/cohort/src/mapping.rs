//! Which column of the file plays which role, in which unit and coding.
//!
//! A [`ColumnMapping`] is what the user edits (every field public, nothing
//! checked); [`ColumnMapping::check`] turns it, against the file's header,
//! into a [`CheckedMapping`], the only thing the importer accepts.
//!
//! # Default header names (a public contract)
//!
//! [`ColumnMapping::suggest`] maps a header to a role when its *normalised*
//! name (lower case; `µ`/`μ` read as `u`; every run of other characters than
//! letters and digits turned into one `_`; leading and trailing `_` dropped,
//! so `"Albumin (g/dL)"` is `albumin_g_dl` and `"IL-6"` is `il_6`) is one of
//! [`HEADER_ALIASES`]. The first column that matches a role wins. The
//! canonical names, used in `static/cohort-example.csv`, are:
//!
//! | role | canonical header | unit implied | other names recognised |
//! | --- | --- | --- | --- |
//! | patient id (optional) | `id` | | `patient_id`, `patient`, `pid`, `study_id` |
//! | follow-up time | `time_months` | months | `time`, `months`, `os_months`, `os_time`, `followup_months`, `follow_up_months`, `survival_months`; `time_days`, `days`, `os_days`, `followup_days`, `follow_up_days` (days); `time_weeks`, `weeks`, `os_weeks` (weeks); `time_years`, `years`, `os_years` (years) |
//! | event | `event` | 1 = event, 0 = censored | `status`, `os_event`, `os_status`, `death`, `dead`, `died` |
//! | IL6 | `il6` | pg/mL | `il_6`, `il6_pg_ml`, `il_6_pg_ml`, `il6_ng_l`, `interleukin_6`, `interleukin6` |
//! | IL8 | `il8` | pg/mL | `il_8`, `il8_pg_ml`, `il_8_pg_ml`, `il8_ng_l`, `interleukin_8`, `interleukin8` |
//! | albumin | `albumin_g_l` | g/L | `albumin`, `alb`, `alb_g_l`, `serum_albumin`; `albumin_g_dl`, `alb_g_dl` (g/dL) |
//! | total bilirubin | `bilirubin_umol_l` | µmol/L | `bilirubin`, `bili`, `tbil`, `total_bilirubin`, `bili_umol_l`, `total_bilirubin_umol_l`; `bilirubin_mg_dl`, `bili_mg_dl`, `total_bilirubin_mg_dl` (mg/dL) |
//! | cirrhosis (optional) | `cirrhosis` | yes/no | `liver_cirrhosis` |
//! | Child–Pugh class (optional) | `child_pugh` | A/B/C | `child_pugh_class`, `childpugh`, `cp_class` |
//! | second endpoint time (optional) | `time2_months` | months | `second_time_months`, `ld_time_months`, `time2`; `time2_days`, `second_time_days`, `ld_time_days` (days) |
//! | second endpoint event (optional) | `event2` | 1/0 | `second_event`, `ld_event`, `liver_dysfunction` |
//!
//! Defaults when a header does not imply a unit or coding: months, event
//! coded 1 = event and 0 = censored, albumin g/L, bilirubin µmol/L, first
//! endpoint overall survival (compared with Table 2 and Fig. 2), second
//! endpoint time to liver dysfunction (Table 3 and Fig. 3).
//!
//! # Time units
//!
//! Everything is converted to months, the unit of every published median:
//! one month is 365.25 / 12 = 30.4375 days (the Julian year, as R's
//! `lubridate` and most survival software use for "months"), one week is
//! 7 days, one year is 12 months. 30.4375 = 30 + 7/16 is exact in binary, so
//! `days / 30.4375` is one correctly rounded division, as in R.

use std::fmt;

use calculator_core::units::{AlbuminUnit, BilirubinUnit};
use calculator_core::Endpoint;

use crate::dates::DateFormat;

/// Days per month: 365.25 / 12 (exact in binary floating point).
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The unit a follow-up time column is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TimeUnit {
    /// Days: months = days / 30.4375.
    Days,
    /// Weeks: months = weeks × 7 / 30.4375.
    Weeks,
    /// Months (the internal unit).
    #[default]
    Months,
    /// Years: months = years × 12.
    Years,
}

impl TimeUnit {
    /// Every unit, shortest first.
    pub const ALL: [TimeUnit; 4] = [
        TimeUnit::Days,
        TimeUnit::Weeks,
        TimeUnit::Months,
        TimeUnit::Years,
    ];

    /// A stable code: `days`, `weeks`, `months`, `years`.
    pub fn code(self) -> &'static str {
        match self {
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
            TimeUnit::Years => "years",
        }
    }

    /// The unit named by [`TimeUnit::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }

    /// `value` in this unit, as months (see the module docs).
    pub fn to_months(self, value: f64) -> f64 {
        match self {
            TimeUnit::Days => value / DAYS_PER_MONTH,
            TimeUnit::Weeks => value * 7.0 / DAYS_PER_MONTH,
            TimeUnit::Months => value,
            TimeUnit::Years => value * 12.0,
        }
    }
}

/// The first (required) or the second (optional) endpoint of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndpointRole {
    /// Mapped from `time`/`event`.
    Primary,
    /// Mapped from `second_time`/`second_event`.
    Second,
}

impl EndpointRole {
    /// Both, the first endpoint first.
    pub const ALL: [EndpointRole; 2] = [EndpointRole::Primary, EndpointRole::Second];

    /// `primary` or `second` (the cohort view's hooks and messages).
    pub fn code(self) -> &'static str {
        match self {
            EndpointRole::Primary => "primary",
            EndpointRole::Second => "second",
        }
    }

    /// The role whose code is `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The roles a column can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Patient identifier, carried into the per-patient export.
    Id,
    /// Follow-up time of the first endpoint.
    Time,
    /// Event indicator of the first endpoint.
    Event,
    /// Serum IL6, pg/mL.
    Il6,
    /// Serum IL8, pg/mL.
    Il8,
    /// Serum albumin.
    Albumin,
    /// Total bilirubin.
    Bilirubin,
    /// Cirrhosis yes/no.
    Cirrhosis,
    /// Child–Pugh class A/B/C.
    ChildPugh,
    /// Follow-up time of the second endpoint.
    SecondTime,
    /// Event indicator of the second endpoint.
    SecondEvent,
    /// Start of follow-up as a date (treatment), for both endpoints.
    StartDate,
    /// End of follow-up of the first endpoint as a date (event or last contact).
    EndDate,
    /// End of follow-up of the second endpoint as a date.
    SecondEndDate,
}

impl Role {
    /// Every role, in the order of the mapping form.
    pub const ALL: [Role; 14] = [
        Role::Id,
        Role::Time,
        Role::Event,
        Role::Il6,
        Role::Il8,
        Role::Albumin,
        Role::Bilirubin,
        Role::Cirrhosis,
        Role::ChildPugh,
        Role::SecondTime,
        Role::SecondEvent,
        Role::StartDate,
        Role::EndDate,
        Role::SecondEndDate,
    ];

    /// The roles read as dates (`crate::dates`).
    pub const DATES: [Role; 3] = [Role::StartDate, Role::EndDate, Role::SecondEndDate];

    /// A stable code: the canonical header name without unit (the mapping
    /// form's select names and hooks).
    pub fn code(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Time => "time",
            Role::Event => "event",
            Role::Il6 => "il6",
            Role::Il8 => "il8",
            Role::Albumin => "albumin",
            Role::Bilirubin => "bilirubin",
            Role::Cirrhosis => "cirrhosis",
            Role::ChildPugh => "child_pugh",
            Role::SecondTime => "time2",
            Role::SecondEvent => "event2",
            Role::StartDate => "start_date",
            Role::EndDate => "end_date",
            Role::SecondEndDate => "end_date2",
        }
    }

    /// The role named by [`Role::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// How the role is written for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Id => "Patient id",
            Role::Time => "Follow-up time",
            Role::Event => "Event",
            Role::Il6 => "IL6 (pg/mL)",
            Role::Il8 => "IL8 (pg/mL)",
            Role::Albumin => "Albumin",
            Role::Bilirubin => "Total bilirubin",
            Role::Cirrhosis => "Cirrhosis",
            Role::ChildPugh => "Child–Pugh class",
            Role::SecondTime => "Second endpoint: time",
            Role::SecondEvent => "Second endpoint: event",
            Role::StartDate => "Start date",
            Role::EndDate => "End date",
            Role::SecondEndDate => "Second endpoint: end date",
        }
    }

    fn index(self) -> usize {
        Role::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// A unit implied by a header name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitHint {
    /// The time column's unit.
    Time(TimeUnit),
    /// The albumin column's unit.
    Albumin(AlbuminUnit),
    /// The bilirubin column's unit.
    Bilirubin(BilirubinUnit),
}

/// A header name the default mapping recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderAlias {
    /// The normalised header name (see [`normalise_header`]).
    pub name: &'static str,
    /// The role it maps to.
    pub role: Role,
    /// The unit it implies, if any.
    pub unit: Option<UnitHint>,
}

const fn alias(name: &'static str, role: Role, unit: Option<UnitHint>) -> HeaderAlias {
    HeaderAlias { name, role, unit }
}

const MONTHS: Option<UnitHint> = Some(UnitHint::Time(TimeUnit::Months));
const DAYS: Option<UnitHint> = Some(UnitHint::Time(TimeUnit::Days));
const WEEKS: Option<UnitHint> = Some(UnitHint::Time(TimeUnit::Weeks));
const YEARS: Option<UnitHint> = Some(UnitHint::Time(TimeUnit::Years));
const G_L: Option<UnitHint> = Some(UnitHint::Albumin(AlbuminUnit::GramsPerLitre));
const G_DL: Option<UnitHint> = Some(UnitHint::Albumin(AlbuminUnit::GramsPerDecilitre));
const UMOL_L: Option<UnitHint> = Some(UnitHint::Bilirubin(BilirubinUnit::MicromolesPerLitre));
const MG_DL: Option<UnitHint> = Some(UnitHint::Bilirubin(BilirubinUnit::MilligramsPerDecilitre));

/// Every header name the default mapping recognises (normalised), the
/// canonical name of each role first. A public contract: names are only
/// ever added.
pub const HEADER_ALIASES: &[HeaderAlias] = &[
    alias("id", Role::Id, None),
    alias("patient_id", Role::Id, None),
    alias("patient", Role::Id, None),
    alias("pid", Role::Id, None),
    alias("study_id", Role::Id, None),
    alias("time_months", Role::Time, MONTHS),
    alias("time", Role::Time, MONTHS),
    alias("months", Role::Time, MONTHS),
    alias("os_months", Role::Time, MONTHS),
    alias("os_time", Role::Time, MONTHS),
    alias("followup_months", Role::Time, MONTHS),
    alias("follow_up_months", Role::Time, MONTHS),
    alias("survival_months", Role::Time, MONTHS),
    alias("time_days", Role::Time, DAYS),
    alias("days", Role::Time, DAYS),
    alias("os_days", Role::Time, DAYS),
    alias("followup_days", Role::Time, DAYS),
    alias("follow_up_days", Role::Time, DAYS),
    alias("time_weeks", Role::Time, WEEKS),
    alias("weeks", Role::Time, WEEKS),
    alias("os_weeks", Role::Time, WEEKS),
    alias("time_years", Role::Time, YEARS),
    alias("years", Role::Time, YEARS),
    alias("os_years", Role::Time, YEARS),
    alias("event", Role::Event, None),
    alias("status", Role::Event, None),
    alias("os_event", Role::Event, None),
    alias("os_status", Role::Event, None),
    alias("death", Role::Event, None),
    alias("dead", Role::Event, None),
    alias("died", Role::Event, None),
    alias("il6", Role::Il6, None),
    alias("il_6", Role::Il6, None),
    alias("il6_pg_ml", Role::Il6, None),
    alias("il_6_pg_ml", Role::Il6, None),
    alias("il6_ng_l", Role::Il6, None),
    alias("interleukin_6", Role::Il6, None),
    alias("interleukin6", Role::Il6, None),
    alias("il8", Role::Il8, None),
    alias("il_8", Role::Il8, None),
    alias("il8_pg_ml", Role::Il8, None),
    alias("il_8_pg_ml", Role::Il8, None),
    alias("il8_ng_l", Role::Il8, None),
    alias("interleukin_8", Role::Il8, None),
    alias("interleukin8", Role::Il8, None),
    alias("albumin_g_l", Role::Albumin, G_L),
    alias("albumin", Role::Albumin, G_L),
    alias("alb", Role::Albumin, G_L),
    alias("alb_g_l", Role::Albumin, G_L),
    alias("serum_albumin", Role::Albumin, G_L),
    alias("albumin_g_dl", Role::Albumin, G_DL),
    alias("alb_g_dl", Role::Albumin, G_DL),
    alias("bilirubin_umol_l", Role::Bilirubin, UMOL_L),
    alias("bilirubin", Role::Bilirubin, UMOL_L),
    alias("bili", Role::Bilirubin, UMOL_L),
    alias("tbil", Role::Bilirubin, UMOL_L),
    alias("total_bilirubin", Role::Bilirubin, UMOL_L),
    alias("bili_umol_l", Role::Bilirubin, UMOL_L),
    alias("total_bilirubin_umol_l", Role::Bilirubin, UMOL_L),
    alias("bilirubin_mg_dl", Role::Bilirubin, MG_DL),
    alias("bili_mg_dl", Role::Bilirubin, MG_DL),
    alias("total_bilirubin_mg_dl", Role::Bilirubin, MG_DL),
    alias("cirrhosis", Role::Cirrhosis, None),
    alias("liver_cirrhosis", Role::Cirrhosis, None),
    alias("child_pugh", Role::ChildPugh, None),
    alias("child_pugh_class", Role::ChildPugh, None),
    alias("childpugh", Role::ChildPugh, None),
    alias("cp_class", Role::ChildPugh, None),
    alias("time2_months", Role::SecondTime, MONTHS),
    alias("second_time_months", Role::SecondTime, MONTHS),
    alias("ld_time_months", Role::SecondTime, MONTHS),
    alias("time2", Role::SecondTime, MONTHS),
    alias("time2_days", Role::SecondTime, DAYS),
    alias("second_time_days", Role::SecondTime, DAYS),
    alias("ld_time_days", Role::SecondTime, DAYS),
    alias("event2", Role::SecondEvent, None),
    alias("second_event", Role::SecondEvent, None),
    alias("ld_event", Role::SecondEvent, None),
    alias("liver_dysfunction", Role::SecondEvent, None),
    // Issue 15: the five languages' hospital exports, and dates.
    alias("patienten_id", Role::Id, None),
    alias("pat_nr", Role::Id, None),
    alias("patientennummer", Role::Id, None),
    alias("fallnummer", Role::Id, None),
    alias("id_patient", Role::Id, None),
    alias("numero_patient", Role::Id, None),
    alias("id_paciente", Role::Id, None),
    alias("paciente", Role::Id, None),
    alias("id_paziente", Role::Id, None),
    alias("paziente", Role::Id, None),
    alias("tod", Role::Event, None),
    alias("verstorben", Role::Event, None),
    alias("ereignis", Role::Event, None),
    alias("deces", Role::Event, None),
    alias("decede", Role::Event, None),
    alias("statut", Role::Event, None),
    alias("evenement", Role::Event, None),
    alias("fallecido", Role::Event, None),
    alias("muerte", Role::Event, None),
    alias("estado", Role::Event, None),
    alias("evento", Role::Event, None),
    alias("deceduto", Role::Event, None),
    alias("decesso", Role::Event, None),
    alias("stato", Role::Event, None),
    alias("exitus", Role::Event, None),
    alias("vital_status", Role::Event, None),
    alias("albumine", Role::Albumin, G_L),
    alias("albumina", Role::Albumin, G_L),
    alias("serumalbumin", Role::Albumin, G_L),
    alias("bilirubin_gesamt", Role::Bilirubin, UMOL_L),
    alias("gesamtbilirubin", Role::Bilirubin, UMOL_L),
    alias("bilirubine", Role::Bilirubin, UMOL_L),
    alias("bilirubine_totale", Role::Bilirubin, UMOL_L),
    alias("bilirrubina", Role::Bilirubin, UMOL_L),
    alias("bilirrubina_total", Role::Bilirubin, UMOL_L),
    alias("bilirubina", Role::Bilirubin, UMOL_L),
    alias("bilirubina_totale", Role::Bilirubin, UMOL_L),
    alias("zirrhose", Role::Cirrhosis, None),
    alias("leberzirrhose", Role::Cirrhosis, None),
    alias("cirrhose", Role::Cirrhosis, None),
    alias("cirrosis", Role::Cirrhosis, None),
    alias("cirrosi", Role::Cirrhosis, None),
    alias("start_date", Role::StartDate, None),
    alias("date_start", Role::StartDate, None),
    alias("treatment_date", Role::StartDate, None),
    alias("date_of_treatment", Role::StartDate, None),
    alias("treatment_start", Role::StartDate, None),
    alias("therapy_start", Role::StartDate, None),
    alias("therapiebeginn", Role::StartDate, None),
    alias("therapiedatum", Role::StartDate, None),
    alias("behandlungsdatum", Role::StartDate, None),
    alias("datum_therapie", Role::StartDate, None),
    alias("date_traitement", Role::StartDate, None),
    alias("date_de_traitement", Role::StartDate, None),
    alias("date_debut", Role::StartDate, None),
    alias("fecha_tratamiento", Role::StartDate, None),
    alias("fecha_inicio", Role::StartDate, None),
    alias("data_trattamento", Role::StartDate, None),
    alias("data_inizio", Role::StartDate, None),
    alias("end_date", Role::EndDate, None),
    alias("date_end", Role::EndDate, None),
    alias("os_end_date", Role::EndDate, None),
    alias("last_contact", Role::EndDate, None),
    alias("date_last_contact", Role::EndDate, None),
    alias("date_of_last_contact", Role::EndDate, None),
    alias("last_follow_up", Role::EndDate, None),
    alias("last_followup", Role::EndDate, None),
    alias("date_of_death_or_last_contact", Role::EndDate, None),
    alias("letzter_kontakt", Role::EndDate, None),
    alias("datum_letzter_kontakt", Role::EndDate, None),
    alias("date_derniere_nouvelle", Role::EndDate, None),
    alias("date_des_dernieres_nouvelles", Role::EndDate, None),
    alias("dernieres_nouvelles", Role::EndDate, None),
    alias("fecha_ultimo_contacto", Role::EndDate, None),
    alias("ultimo_contacto", Role::EndDate, None),
    alias("data_ultimo_contatto", Role::EndDate, None),
    alias("ultimo_contatto", Role::EndDate, None),
    alias("end_date2", Role::SecondEndDate, None),
    alias("end_date_2", Role::SecondEndDate, None),
    alias("second_end_date", Role::SecondEndDate, None),
    alias("ld_date", Role::SecondEndDate, None),
    alias("ld_end_date", Role::SecondEndDate, None),
];

/// Units a header may name after the column's name (`IL-6 (pg/ml)`,
/// `Bili (mg/dl)`, `Überleben (Tage)`), normalised and folded: the header
/// is recognised by its name without them, and takes its unit from them.
/// `None`: a unit that only confirms the column (pg/mL for the
/// interleukins) or a date pattern.
const UNIT_SUFFIXES: &[(&str, Option<UnitHint>, &[Role])] = &[
    ("pg_ml", None, &[Role::Il6, Role::Il8]),
    ("ng_l", None, &[Role::Il6, Role::Il8]),
    ("g_l", G_L, &[Role::Albumin]),
    ("g_dl", G_DL, &[Role::Albumin]),
    ("umol_l", UMOL_L, &[Role::Bilirubin]),
    ("mg_dl", MG_DL, &[Role::Bilirubin]),
    ("months", MONTHS, TIME_ROLES),
    ("monate", MONTHS, TIME_ROLES),
    ("mois", MONTHS, TIME_ROLES),
    ("meses", MONTHS, TIME_ROLES),
    ("mesi", MONTHS, TIME_ROLES),
    ("days", DAYS, TIME_ROLES),
    ("tage", DAYS, TIME_ROLES),
    ("jours", DAYS, TIME_ROLES),
    ("dias", DAYS, TIME_ROLES),
    ("giorni", DAYS, TIME_ROLES),
    ("weeks", WEEKS, TIME_ROLES),
    ("wochen", WEEKS, TIME_ROLES),
    ("semaines", WEEKS, TIME_ROLES),
    ("semanas", WEEKS, TIME_ROLES),
    ("settimane", WEEKS, TIME_ROLES),
    ("years", YEARS, TIME_ROLES),
    ("jahre", YEARS, TIME_ROLES),
    ("ans", YEARS, TIME_ROLES),
    ("anos", YEARS, TIME_ROLES),
    ("anni", YEARS, TIME_ROLES),
    ("yyyy_mm_dd", None, &Role::DATES),
    ("dd_mm_yyyy", None, &Role::DATES),
    ("mm_dd_yyyy", None, &Role::DATES),
    ("tt_mm_jjjj", None, &Role::DATES),
    ("jj_mm_aaaa", None, &Role::DATES),
    ("dd_mm_aaaa", None, &Role::DATES),
    ("gg_mm_aaaa", None, &Role::DATES),
];

const TIME_ROLES: &[Role] = &[Role::Time, Role::SecondTime];

/// The role a header names and the unit it implies: its normalised name
/// (accents dropped) as one of [`HEADER_ALIASES`], or that name followed by
/// a unit of [`UNIT_SUFFIXES`] fitting the role (`Bili (mg/dl)`: bilirubin
/// in mg/dL; `Albumin (mg/dl)` is not recognised: a unit that does not fit
/// is never taken). `None` for a header it does not know.
pub fn recognise_header(name: &str) -> Option<(Role, Option<UnitHint>)> {
    let normalised = fold(&normalise_header(name));
    let find = |n: &str| HEADER_ALIASES.iter().find(|a| a.name == n);
    if let Some(alias) = find(&normalised) {
        return Some((alias.role, alias.unit));
    }
    UNIT_SUFFIXES.iter().find_map(|(suffix, unit, roles)| {
        let base = normalised.strip_suffix(suffix)?.strip_suffix('_')?;
        let alias = find(base)?;
        roles
            .contains(&alias.role)
            .then_some((alias.role, unit.or(alias.unit)))
    })
}

/// A header name as [`HEADER_ALIASES`] spells it (see the module docs).
pub fn normalise_header(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_underscore = false;
    for c in name.trim().chars() {
        let c = match c {
            'µ' | 'μ' => 'u',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_underscore && !out.is_empty() {
                out.push('_');
            }
            pending_underscore = false;
            out.extend(c.to_lowercase());
        } else {
            pending_underscore = true;
        }
    }
    out
}

/// Which texts of an event column mean "event" and which "censored".
/// Compared after trimming, ignoring case and accents (`décédé` = `decede`,
/// `sì` = `si`), so a file typed without accents reads as one with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCoding {
    event: Vec<String>,
    censored: Vec<String>,
}

impl Default for EventCoding {
    /// `1` = event, `0` = censored.
    fn default() -> Self {
        Self::one_zero()
    }
}

/// Lower case without the accents of the five languages' codes (French,
/// Spanish, Italian, German): what codes and cell texts are compared as.
fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// The named codings the mapping form offers, by their stable code (a
/// public contract: the `cohort-map-event_coding` option values). The
/// order is the order of preference when detection finds a tie (`1` alone
/// reads as 1/0 before 2/1).
pub const EVENT_CODING_CODES: [&str; 12] = [
    "1/0",
    "2/1",
    "yes/no",
    "dead/alive",
    "true/false",
    "ja/nein",
    "tot/lebend",
    "oui/non",
    "décédé/vivant",
    "sí/no",
    "fallecido/vivo",
    "deceduto/vivo",
];

impl EventCoding {
    /// A coding with the given codes; each list non-empty, no code in both,
    /// no code empty.
    pub fn new(event: &[&str], censored: &[&str]) -> Result<Self, MappingError> {
        let normalise = |codes: &[&str]| -> Vec<String> { codes.iter().map(|c| fold(c)).collect() };
        let (event, censored) = (normalise(event), normalise(censored));
        if event.is_empty() || censored.is_empty() {
            return Err(MappingError::EmptyEventCoding);
        }
        if let Some(code) = event.iter().chain(&censored).find(|c| c.is_empty()) {
            return Err(MappingError::OverlappingEventCode { code: code.clone() });
        }
        if let Some(code) = event.iter().find(|c| censored.contains(c)) {
            return Err(MappingError::OverlappingEventCode { code: code.clone() });
        }
        Ok(EventCoding { event, censored })
    }

    fn fixed(event: &[&str], censored: &[&str]) -> Self {
        EventCoding {
            event: event.iter().map(|c| fold(c)).collect(),
            censored: censored.iter().map(|c| fold(c)).collect(),
        }
    }

    /// `1` = event, `0` = censored (the default).
    pub fn one_zero() -> Self {
        Self::fixed(&["1"], &["0"])
    }

    /// `yes`/`y` = event, `no`/`n` = censored.
    pub fn yes_no() -> Self {
        Self::fixed(&["yes", "y"], &["no", "n"])
    }

    /// `dead`/`died`/`deceased` = event, `alive` = censored.
    pub fn dead_alive() -> Self {
        Self::fixed(&["dead", "died", "deceased"], &["alive"])
    }

    /// `true` = event, `false` = censored.
    pub fn true_false() -> Self {
        Self::fixed(&["true"], &["false"])
    }

    /// `2` = event, `1` = censored (R's `Surv` also accepts this coding).
    pub fn two_one() -> Self {
        Self::fixed(&["2"], &["1"])
    }

    /// The named coding with this code (one of [`EVENT_CODING_CODES`]).
    /// German `ja`/`j` and `nein`/`n`; `tot`/`verstorben` and `lebend`;
    /// French `oui`/`non`, `décédé(e)` and `vivant(e)`; Spanish and Italian
    /// `sí`/`si`/`sì` and `no`; Spanish `fallecido/a` and `vivo/a`; Italian
    /// `deceduto/a` and `vivo/a`. Accents optional.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "1/0" => Self::one_zero(),
            "2/1" => Self::two_one(),
            "yes/no" => Self::yes_no(),
            "dead/alive" => Self::dead_alive(),
            "true/false" => Self::true_false(),
            "ja/nein" => Self::fixed(&["ja", "j"], &["nein", "n"]),
            "tot/lebend" => Self::fixed(&["tot", "verstorben"], &["lebend"]),
            "oui/non" => Self::fixed(&["oui"], &["non"]),
            "décédé/vivant" => Self::fixed(&["décédé", "décédée"], &["vivant", "vivante"]),
            "sí/no" => Self::fixed(&["sí", "sì"], &["no"]),
            "fallecido/vivo" => Self::fixed(&["fallecido", "fallecida"], &["vivo", "viva"]),
            "deceduto/vivo" => Self::fixed(&["deceduto", "deceduta"], &["vivo", "viva"]),
            _ => return None,
        })
    }

    /// The code of the named coding this is, if it is one.
    pub fn code(&self) -> Option<&'static str> {
        EVENT_CODING_CODES
            .into_iter()
            .find(|code| Self::from_code(code).as_ref() == Some(self))
    }

    /// The named coding that reads a column's values best: the one that
    /// classifies the most non-missing values (ties go to the earlier in
    /// [`EVENT_CODING_CODES`], so a column of `1`s alone stays 1/0), or
    /// `None` when no coding reads any value. Values it cannot read stay
    /// malformed rows of the import, listed with their reason; a preview cut
    /// mid-row leaves at most one such value, which cannot sway the choice.
    pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<Self> {
        // Count each distinct text once per occurrence, folded.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for value in values {
            if crate::import::is_missing(value) {
                continue;
            }
            let folded = fold(value);
            if let Some((_, n)) = counts.iter_mut().find(|(t, _)| *t == folded) {
                *n += 1;
            } else if counts.len() < 64 {
                // A column with many distinct texts is not an event column;
                // the bound keeps the scan linear.
                counts.push((folded, 1));
            }
        }
        let mut best: Option<(usize, Self)> = None;
        for code in EVENT_CODING_CODES {
            let coding = Self::from_code(code)?;
            let read: usize = counts
                .iter()
                .filter(|(t, _)| coding.classify_folded(t).is_some())
                .map(|(_, n)| n)
                .sum();
            if read > 0 && best.as_ref().is_none_or(|(most, _)| read > *most) {
                best = Some((read, coding));
            }
        }
        best.map(|(_, coding)| coding)
    }

    /// The codes meaning "event".
    pub fn event_codes(&self) -> &[String] {
        &self.event
    }

    /// The codes meaning "censored".
    pub fn censored_codes(&self) -> &[String] {
        &self.censored
    }

    /// `Some(true)` for an event, `Some(false)` for censored, `None` for a
    /// text that is neither.
    pub fn classify(&self, text: &str) -> Option<bool> {
        let text = text.trim();
        if text.is_ascii() {
            // The common case without allocating: the codes are folded
            // (lower case, no accents), so ASCII text compares as is.
            let matches = |code: &String| code.eq_ignore_ascii_case(text);
            if self.event.iter().any(matches) {
                return Some(true);
            }
            if self.censored.iter().any(matches) {
                return Some(false);
            }
            return None;
        }
        self.classify_folded(&fold(text))
    }

    fn classify_folded(&self, folded: &str) -> Option<bool> {
        if self.event.iter().any(|c| c == folded) {
            Some(true)
        } else if self.censored.iter().any(|c| c == folded) {
            Some(false)
        } else {
            None
        }
    }

    /// `1 = event, 0 = censored`, for messages.
    pub fn describe(&self) -> String {
        format!(
            "{} = event, {} = censored",
            self.event.join("/"),
            self.censored.join("/")
        )
    }
}

/// Why a mapping cannot be used with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingError {
    /// The follow-up time and the event must be mapped.
    Required(Role),
    /// A mapped column must be in the file's header.
    UnknownColumn {
        /// The role it was mapped to.
        role: Role,
        /// The column name given.
        name: String,
    },
    /// A mapped column's name must occur once in the header.
    AmbiguousColumn {
        /// The role it was mapped to.
        role: Role,
        /// The column name, which appears `count` times.
        name: String,
        /// How often it appears.
        count: usize,
    },
    /// One column cannot play two roles.
    SameColumn {
        /// The column name.
        name: String,
        /// The first role.
        first: Role,
        /// The second role.
        second: Role,
    },
    /// A second endpoint needs both its time and its event column.
    SecondEndpointIncomplete {
        /// The role that is missing.
        missing: Role,
    },
    /// An event coding needs at least one code for event and one for censored.
    EmptyEventCoding,
    /// An endpoint's follow-up is a time column or dates, not both.
    TimeAndDates {
        /// The endpoint mapped both ways.
        endpoint: EndpointRole,
    },
    /// Date columns are mapped but their format is not settled: the user
    /// chooses it (`01/02/2020` is never guessed).
    DateFormatNeeded,
    /// A code cannot mean both event and censored (nor be empty).
    OverlappingEventCode {
        /// The offending code.
        code: String,
    },
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappingError::Required(role) => {
                write!(f, "choose the column for \"{}\"", role.label())
            }
            MappingError::UnknownColumn { role, name } => write!(
                f,
                "\"{}\" should be a column of the file, but \"{name}\" is not in its header",
                role.label()
            ),
            MappingError::AmbiguousColumn { role, name, count } => write!(
                f,
                "\"{}\": the header has {count} columns named \"{name}\"; rename them",
                role.label()
            ),
            MappingError::SameColumn {
                name,
                first,
                second,
            } => write!(
                f,
                "column \"{name}\" is chosen both for \"{}\" and for \"{}\"",
                first.label(),
                second.label()
            ),
            MappingError::SecondEndpointIncomplete { missing } => write!(
                f,
                "the second endpoint needs a column for \"{}\" too",
                missing.label()
            ),
            // The view words these two (catalog `cohort.time_and_dates`,
            // `cohort.date_format_needed`); this is their machine form.
            MappingError::TimeAndDates { endpoint } => {
                write!(f, "time_and_dates: {}", endpoint.code())
            }
            MappingError::DateFormatNeeded => f.write_str("date_format_needed"),
            MappingError::EmptyEventCoding => f.write_str(
                "an event coding needs at least one code for event and one for censored",
            ),
            MappingError::OverlappingEventCode { code } => write!(
                f,
                "the code \"{code}\" cannot mean both event and censored, nor be empty"
            ),
        }
    }
}

impl std::error::Error for MappingError {}

/// The user's choices, unchecked (the mapping form edits this).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    /// Patient id column (optional).
    pub id: Option<String>,
    /// Follow-up time column (required).
    pub time: Option<String>,
    /// Its unit.
    pub time_unit: TimeUnit,
    /// Event column (required).
    pub event: Option<String>,
    /// Its coding.
    pub event_coding: EventCoding,
    /// What the first endpoint is (default overall survival).
    pub endpoint: Endpoint,
    /// IL6 column, pg/mL.
    pub il6: Option<String>,
    /// IL8 column, pg/mL.
    pub il8: Option<String>,
    /// Albumin column.
    pub albumin: Option<String>,
    /// Its unit.
    pub albumin_unit: AlbuminUnit,
    /// Total bilirubin column.
    pub bilirubin: Option<String>,
    /// Its unit.
    pub bilirubin_unit: BilirubinUnit,
    /// Cirrhosis column (yes/no, 1/0, true/false).
    pub cirrhosis: Option<String>,
    /// Child–Pugh class column (A/B/C, or A5…C15, or the score 5–15).
    pub child_pugh: Option<String>,
    /// Second endpoint time column.
    pub second_time: Option<String>,
    /// Its unit.
    pub second_time_unit: TimeUnit,
    /// Second endpoint event column.
    pub second_event: Option<String>,
    /// Its coding.
    pub second_event_coding: EventCoding,
    /// What the second endpoint is (default time to liver dysfunction).
    pub second_endpoint: Endpoint,
    /// Start of follow-up as a date (issue 15): with an end date, instead
    /// of a time column.
    pub start_date: Option<String>,
    /// End of the first endpoint's follow-up as a date.
    pub end_date: Option<String>,
    /// End of the second endpoint's follow-up as a date.
    pub second_end_date: Option<String>,
    /// How the date columns write their dates; `None` until detected from
    /// the values or chosen (an ambiguous column is asked, never guessed).
    pub date_format: Option<DateFormat>,
}

impl Default for ColumnMapping {
    fn default() -> Self {
        ColumnMapping {
            id: None,
            time: None,
            time_unit: TimeUnit::Months,
            event: None,
            event_coding: EventCoding::one_zero(),
            endpoint: Endpoint::OverallSurvival,
            il6: None,
            il8: None,
            albumin: None,
            albumin_unit: AlbuminUnit::GramsPerLitre,
            bilirubin: None,
            bilirubin_unit: BilirubinUnit::MicromolesPerLitre,
            cirrhosis: None,
            child_pugh: None,
            second_time: None,
            second_time_unit: TimeUnit::Months,
            second_event: None,
            second_event_coding: EventCoding::one_zero(),
            second_endpoint: Endpoint::TimeToLiverDysfunction,
            start_date: None,
            end_date: None,
            second_end_date: None,
            date_format: None,
        }
    }
}

impl ColumnMapping {
    /// The default mapping for a header: each role gets the first column
    /// whose normalised name is one of [`HEADER_ALIASES`], with the unit the
    /// name implies.
    pub fn suggest(header: &[String]) -> ColumnMapping {
        let mut mapping = ColumnMapping::default();
        for name in header {
            let Some((role, unit)) = recognise_header(name) else {
                continue;
            };
            if mapping.column(role).is_some() {
                continue;
            }
            *mapping.column_mut(role) = Some(name.clone());
            match (role, unit) {
                (Role::Time, Some(UnitHint::Time(unit))) => mapping.time_unit = unit,
                (Role::SecondTime, Some(UnitHint::Time(unit))) => mapping.second_time_unit = unit,
                (Role::Albumin, Some(UnitHint::Albumin(unit))) => mapping.albumin_unit = unit,
                (Role::Bilirubin, Some(UnitHint::Bilirubin(unit))) => mapping.bilirubin_unit = unit,
                _ => {}
            }
        }
        mapping
    }

    /// The column chosen for `role`.
    pub fn column(&self, role: Role) -> Option<&String> {
        match role {
            Role::Id => self.id.as_ref(),
            Role::Time => self.time.as_ref(),
            Role::Event => self.event.as_ref(),
            Role::Il6 => self.il6.as_ref(),
            Role::Il8 => self.il8.as_ref(),
            Role::Albumin => self.albumin.as_ref(),
            Role::Bilirubin => self.bilirubin.as_ref(),
            Role::Cirrhosis => self.cirrhosis.as_ref(),
            Role::ChildPugh => self.child_pugh.as_ref(),
            Role::SecondTime => self.second_time.as_ref(),
            Role::SecondEvent => self.second_event.as_ref(),
            Role::StartDate => self.start_date.as_ref(),
            Role::EndDate => self.end_date.as_ref(),
            Role::SecondEndDate => self.second_end_date.as_ref(),
        }
    }

    /// The column chosen for `role`, to change it.
    pub fn column_mut(&mut self, role: Role) -> &mut Option<String> {
        match role {
            Role::Id => &mut self.id,
            Role::Time => &mut self.time,
            Role::Event => &mut self.event,
            Role::Il6 => &mut self.il6,
            Role::Il8 => &mut self.il8,
            Role::Albumin => &mut self.albumin,
            Role::Bilirubin => &mut self.bilirubin,
            Role::Cirrhosis => &mut self.cirrhosis,
            Role::ChildPugh => &mut self.child_pugh,
            Role::SecondTime => &mut self.second_time,
            Role::SecondEvent => &mut self.second_event,
            Role::StartDate => &mut self.start_date,
            Role::EndDate => &mut self.end_date,
            Role::SecondEndDate => &mut self.second_end_date,
        }
    }

    /// Checks the mapping against the file's header (names compared after
    /// trimming, case-sensitively).
    pub fn check(&self, header: &[String]) -> Result<CheckedMapping, MappingError> {
        // Each endpoint's follow-up is a time column or an end date (with
        // the start date), never both.
        let timed = |time: &Option<String>, end: &Option<String>, endpoint| match (time, end) {
            (Some(_), Some(_)) => Err(MappingError::TimeAndDates { endpoint }),
            (None, Some(_)) if self.start_date.is_none() => {
                Err(MappingError::Required(Role::StartDate))
            }
            (time, end) => Ok(time.is_some() || end.is_some()),
        };
        if !timed(&self.time, &self.end_date, EndpointRole::Primary)? {
            return Err(MappingError::Required(Role::Time));
        }
        if self.event.is_none() {
            return Err(MappingError::Required(Role::Event));
        }
        let second_timed = timed(
            &self.second_time,
            &self.second_end_date,
            EndpointRole::Second,
        )?;
        match (second_timed, &self.second_event) {
            (true, None) => {
                return Err(MappingError::SecondEndpointIncomplete {
                    missing: Role::SecondEvent,
                })
            }
            (false, Some(_)) => {
                return Err(MappingError::SecondEndpointIncomplete {
                    missing: Role::SecondTime,
                })
            }
            _ => {}
        }
        let dated = Role::DATES.iter().any(|r| self.column(*r).is_some());
        if dated && self.date_format.is_none() {
            return Err(MappingError::DateFormatNeeded);
        }
        let mut columns = [None; Role::ALL.len()];
        for role in Role::ALL {
            let Some(name) = self.column(role) else {
                continue;
            };
            let wanted = name.trim();
            let positions: Vec<usize> = header
                .iter()
                .enumerate()
                .filter(|(_, h)| h.trim() == wanted)
                .map(|(i, _)| i)
                .collect();
            match positions.as_slice() {
                [] => {
                    return Err(MappingError::UnknownColumn {
                        role,
                        name: name.clone(),
                    })
                }
                [index] => {
                    if let Some(first) = Role::ALL
                        .into_iter()
                        .find(|r| columns[r.index()] == Some(*index))
                    {
                        return Err(MappingError::SameColumn {
                            name: name.clone(),
                            first,
                            second: role,
                        });
                    }
                    columns[role.index()] = Some(*index);
                }
                many => {
                    return Err(MappingError::AmbiguousColumn {
                        role,
                        name: name.clone(),
                        count: many.len(),
                    })
                }
            }
        }
        Ok(CheckedMapping {
            mapping: self.clone(),
            columns,
            header: header.iter().map(|h| h.trim().to_owned()).collect(),
        })
    }
}

/// A mapping checked against a header: every role's column index is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedMapping {
    mapping: ColumnMapping,
    columns: [Option<usize>; Role::ALL.len()],
    header: Vec<String>,
}

impl CheckedMapping {
    /// The choices it was checked from.
    pub fn mapping(&self) -> &ColumnMapping {
        &self.mapping
    }

    /// The header it was checked against (trimmed).
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The 0-based column index of `role`, if mapped.
    pub fn index(&self, role: Role) -> Option<usize> {
        self.columns[role.index()]
    }

    /// Whether `role` is mapped.
    pub fn has(&self, role: Role) -> bool {
        self.index(role).is_some()
    }

    /// The header name of `role`'s column.
    pub fn column_name(&self, role: Role) -> Option<&str> {
        self.index(role)
            .and_then(|i| self.header.get(i))
            .map(String::as_str)
    }

    /// Whether a second endpoint is mapped.
    pub fn has_second_endpoint(&self) -> bool {
        (self.has(Role::SecondTime) || self.has(Role::SecondEndDate)) && self.has(Role::SecondEvent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_code_reads_back_as_its_role() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("IL6"), None);
    }

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn normalises_header_names_with_units_and_punctuation() {
        assert_eq!(normalise_header("Albumin (g/dL)"), "albumin_g_dl");
        assert_eq!(normalise_header(" IL-6 [pg/mL] "), "il_6_pg_ml");
        assert_eq!(normalise_header("Bilirubin µmol/L"), "bilirubin_umol_l");
        assert_eq!(normalise_header("Child–Pugh"), "child_pugh");
        assert_eq!(normalise_header("__"), "");
    }

    #[test]
    fn every_alias_is_already_normalised_and_unique() {
        for (i, alias) in HEADER_ALIASES.iter().enumerate() {
            assert_eq!(normalise_header(alias.name), alias.name);
            assert!(
                HEADER_ALIASES[..i].iter().all(|a| a.name != alias.name),
                "{} twice",
                alias.name
            );
        }
    }

    #[test]
    fn suggests_the_canonical_headers_with_their_units() {
        let h = header(&[
            "id",
            "time_days",
            "event",
            "IL-6",
            "il8",
            "Albumin (g/dL)",
            "bilirubin_mg_dl",
            "cirrhosis",
            "child_pugh",
            "time2_months",
            "event2",
        ]);
        let m = ColumnMapping::suggest(&h);
        assert_eq!(m.time.as_deref(), Some("time_days"));
        assert_eq!(m.time_unit, TimeUnit::Days);
        assert_eq!(m.il6.as_deref(), Some("IL-6"));
        assert_eq!(m.albumin_unit, AlbuminUnit::GramsPerDecilitre);
        assert_eq!(m.bilirubin_unit, BilirubinUnit::MilligramsPerDecilitre);
        assert_eq!(m.second_event.as_deref(), Some("event2"));
        let checked = m.check(&h).expect("valid");
        assert_eq!(checked.index(Role::Bilirubin), Some(6));
        assert!(checked.has_second_endpoint());
    }

    #[test]
    fn refuses_missing_unknown_duplicate_and_shared_columns() {
        let h = header(&["t", "e", "x", "x"]);
        let mut m = ColumnMapping::default();
        assert_eq!(m.check(&h), Err(MappingError::Required(Role::Time)));
        m.time = Some("t".into());
        m.event = Some("nope".into());
        assert_eq!(
            m.check(&h),
            Err(MappingError::UnknownColumn {
                role: Role::Event,
                name: "nope".into()
            })
        );
        m.event = Some("x".into());
        assert!(matches!(
            m.check(&h),
            Err(MappingError::AmbiguousColumn { count: 2, .. })
        ));
        m.event = Some("e".into());
        m.il6 = Some("e".into());
        assert!(matches!(m.check(&h), Err(MappingError::SameColumn { .. })));
        m.il6 = None;
        m.second_time = Some("t".into());
        assert_eq!(
            m.check(&h),
            Err(MappingError::SecondEndpointIncomplete {
                missing: Role::SecondEvent
            })
        );
    }

    #[test]
    fn event_codings_compare_trimmed_and_ignore_case() {
        let coding = EventCoding::new(&["Dead"], &["alive"]).expect("valid");
        assert_eq!(coding.classify(" DEAD "), Some(true));
        assert_eq!(coding.classify("Alive"), Some(false));
        assert_eq!(coding.classify("1"), None);
        assert_eq!(EventCoding::default().classify("1"), Some(true));
        assert_eq!(EventCoding::yes_no().classify("N"), Some(false));
        assert!(matches!(
            EventCoding::new(&["1"], &["1"]),
            Err(MappingError::OverlappingEventCode { .. })
        ));
        assert_eq!(
            EventCoding::new(&[], &["0"]),
            Err(MappingError::EmptyEventCoding)
        );
    }

    #[test]
    fn time_conversion_uses_the_julian_month_of_30_4375_days() {
        // 365.25 / 12 = 30.4375 (hand); 30.4375 days is one month.
        assert_eq!(DAYS_PER_MONTH, 30.4375);
        assert_eq!(TimeUnit::Days.to_months(30.4375), 1.0);
        assert_eq!(TimeUnit::Days.to_months(365.25), 12.0);
        // 30.4375 weeks × 7 = 213.0625 days = 7 × 30.4375 days = 7 months (hand).
        assert_eq!(TimeUnit::Weeks.to_months(30.4375), 7.0);
        assert_eq!(TimeUnit::Years.to_months(1.5), 18.0);
    }

    #[test]
    fn every_named_coding_has_a_code_that_round_trips() {
        for code in EVENT_CODING_CODES {
            let coding = EventCoding::from_code(code).expect(code);
            assert_eq!(coding.code(), Some(code));
        }
        assert_eq!(EventCoding::from_code("maybe"), None);
        assert_eq!(EventCoding::new(&["x"], &["y"]).unwrap().code(), None);
    }

    #[test]
    fn the_five_languages_codes_read_ignoring_case_and_accents() {
        let code = |c: &str| EventCoding::from_code(c).unwrap();
        assert_eq!(code("ja/nein").classify("JA"), Some(true));
        assert_eq!(code("ja/nein").classify("Nein"), Some(false));
        assert_eq!(code("tot/lebend").classify("verstorben"), Some(true));
        assert_eq!(code("tot/lebend").classify("Lebend"), Some(false));
        assert_eq!(code("oui/non").classify("Oui"), Some(true));
        assert_eq!(code("décédé/vivant").classify("DECEDE"), Some(true));
        assert_eq!(code("décédé/vivant").classify("Décédée"), Some(true));
        assert_eq!(code("décédé/vivant").classify("vivant"), Some(false));
        assert_eq!(code("sí/no").classify("Sí"), Some(true));
        assert_eq!(code("sí/no").classify("si"), Some(true));
        assert_eq!(code("sí/no").classify("sì"), Some(true));
        assert_eq!(code("sí/no").classify("NO"), Some(false));
        assert_eq!(code("fallecido/vivo").classify("Fallecido"), Some(true));
        assert_eq!(code("deceduto/vivo").classify("deceduta"), Some(true));
        assert_eq!(code("deceduto/vivo").classify("vivo"), Some(false));
        assert_eq!(code("dead/alive").classify("dead"), Some(true));
        assert_eq!(code("dead/alive").classify("1"), None);
    }

    fn detected(values: &[&str]) -> Option<&'static str> {
        EventCoding::detect(values.iter().copied()).and_then(|c| c.code())
    }

    #[test]
    fn the_coding_is_detected_from_the_values() {
        assert_eq!(detected(&["1", "0", "0", "1"]), Some("1/0"));
        assert_eq!(detected(&["2", "1", "1"]), Some("2/1"));
        assert_eq!(detected(&["yes", "no", "No"]), Some("yes/no"));
        assert_eq!(
            detected(&["dead", "alive", "Alive", "died"]),
            Some("dead/alive")
        );
        assert_eq!(detected(&["TRUE", "FALSE"]), Some("true/false"));
        assert_eq!(detected(&["ja", "nein", "Nein"]), Some("ja/nein"));
        assert_eq!(
            detected(&["tot", "lebend", "verstorben"]),
            Some("tot/lebend")
        );
        assert_eq!(detected(&["oui", "non"]), Some("oui/non"));
        assert_eq!(
            detected(&["décédé", "vivant", "decede"]),
            Some("décédé/vivant")
        );
        assert_eq!(detected(&["sí", "no", "si"]), Some("sí/no"));
        assert_eq!(detected(&["sì", "no"]), Some("sí/no"));
        assert_eq!(detected(&["fallecido", "vivo"]), Some("fallecido/vivo"));
        assert_eq!(
            detected(&["deceduto", "vivo", "Vivo"]),
            Some("deceduto/vivo")
        );
    }

    #[test]
    fn detection_breaks_ties_by_the_documented_order_and_skips_missing_values() {
        // "1" alone is read by 1/0 and by 2/1: the first listed wins.
        assert_eq!(detected(&["1", "1"]), Some("1/0"));
        // "no" alone: yes/no before sí/no.
        assert_eq!(detected(&["no"]), Some("yes/no"));
        assert_eq!(detected(&["dead", "NA", "", "alive"]), Some("dead/alive"));
        // One stray value (a preview cut mid-row) does not sway the choice.
        assert_eq!(
            detected(&["dead", "alive", "dead", "de"]),
            Some("dead/alive")
        );
        assert_eq!(detected(&["NA", "maybe"]), None);
        assert_eq!(detected(&[]), None);
    }

    #[test]
    fn a_german_export_s_headers_are_recognised_with_their_units() {
        // The headers of issue 15's research nurse, and others it names.
        let h = header(&[
            "Pat.-Nr.",
            "Therapiebeginn",
            "Letzter Kontakt",
            "verstorben",
            "IL-6 (pg/ml)",
            "Interleukin 8",
            "Alb g/l",
            "Bilirubin (µmol/l)",
        ]);
        let m = ColumnMapping::suggest(&h);
        assert_eq!(m.id.as_deref(), Some("Pat.-Nr."));
        assert_eq!(m.start_date.as_deref(), Some("Therapiebeginn"));
        assert_eq!(m.end_date.as_deref(), Some("Letzter Kontakt"));
        assert_eq!(m.event.as_deref(), Some("verstorben"));
        assert_eq!(m.il6.as_deref(), Some("IL-6 (pg/ml)"));
        assert_eq!(m.il8.as_deref(), Some("Interleukin 8"));
        assert_eq!(m.albumin.as_deref(), Some("Alb g/l"));
        assert_eq!(m.albumin_unit, AlbuminUnit::GramsPerLitre);
        assert_eq!(m.bilirubin.as_deref(), Some("Bilirubin (µmol/l)"));
        assert_eq!(m.bilirubin_unit, BilirubinUnit::MicromolesPerLitre);
        assert_eq!(m.time, None);
    }

    #[test]
    fn a_unit_in_the_header_sets_the_unit_and_one_that_does_not_fit_is_not_taken() {
        assert_eq!(
            recognise_header("Bili (mg/dl)"),
            Some((Role::Bilirubin, MG_DL))
        );
        assert_eq!(
            recognise_header("Gesamtbilirubin [mg/dL]"),
            Some((Role::Bilirubin, MG_DL))
        );
        assert_eq!(
            recognise_header("Albumine (g/dl)"),
            Some((Role::Albumin, G_DL))
        );
        assert_eq!(
            recognise_header("Interleukin-6 (pg/mL)"),
            Some((Role::Il6, None))
        );
        assert_eq!(recognise_header("OS (Tage)"), None); // "os" alone is no alias
        assert_eq!(recognise_header("Time (Tage)"), Some((Role::Time, DAYS)));
        assert_eq!(recognise_header("Décès"), Some((Role::Event, None)));
        assert_eq!(
            recognise_header("Therapiebeginn (TT.MM.JJJJ)"),
            Some((Role::StartDate, None))
        );
        // Albumin in mg/dL is no unit of the form: left for the user.
        assert_eq!(recognise_header("Albumin (mg/dl)"), None);
        assert_eq!(recognise_header("IL-6 (g/l)"), None);
    }

    #[test]
    fn dates_replace_the_time_column_and_their_format_must_be_settled() {
        let h = header(&["start", "end", "dead", "end2", "ld"]);
        let mut m = ColumnMapping {
            end_date: Some("end".into()),
            event: Some("dead".into()),
            ..ColumnMapping::default()
        };
        assert_eq!(m.check(&h), Err(MappingError::Required(Role::StartDate)));
        m.start_date = Some("start".into());
        assert_eq!(m.check(&h), Err(MappingError::DateFormatNeeded));
        m.date_format = Some(DateFormat::DayMonthYearDots);
        assert!(m.check(&h).is_ok());
        m.time = Some("end2".into());
        assert_eq!(
            m.check(&h),
            Err(MappingError::TimeAndDates {
                endpoint: EndpointRole::Primary
            })
        );
        m.time = None;
        m.second_end_date = Some("end2".into());
        assert_eq!(
            m.check(&h),
            Err(MappingError::SecondEndpointIncomplete {
                missing: Role::SecondEvent
            })
        );
        m.second_event = Some("ld".into());
        let checked = m.check(&h).expect("valid");
        assert!(checked.has_second_endpoint());
        assert_eq!(checked.index(Role::SecondEndDate), Some(3));
    }
}
