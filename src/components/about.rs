//! "About the model": the source, the cohort, the formulas with their
//! citations, the paper's errata and the reading the app takes.
//!
//! Every sentence comes from the text catalog. What stays English on purpose:
//! the citation and the reference lines (titles and journals as published)
//! and the errata's "The paper says" cells (quotations of the English paper);
//! each is marked `lang="en"` so a screen reader pronounces it as English.

use calculator_core::albi::{
    ALBUMIN_COEFFICIENT, BILIRUBIN_COEFFICIENT, GRADE_1_UPPER, GRADE_2A_UPPER, GRADE_2_UPPER,
};
use calculator_core::published::{
    citation, Reference, COHORT_DEATHS, COHORT_MEDIAN_OS, COHORT_SIZE, ERRATA, IL6_HIGH_N,
    IL6_LOW_N, IL8_HIGH_N, IL8_LOW_N, REFERENCES, SOURCE,
};
use calculator_core::published::{
    ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L, IL6_CUTOFF_PG_ML, IL8_CUTOFF_PG_ML,
};
use text::Text;
use yew::prelude::*;

use crate::build_info::version_label;
use crate::i18n::use_text;
use crate::study_text::figure;

/// The topic each reference is cited for, in `REFERENCES`' order (an array
/// of the same length, so a reference added in core fails to compile here
/// until it has a topic).
fn reference_topics(t: &Text) -> [&str; REFERENCES.len()] {
    [
        t.about_topic_albi(),
        t.about_topic_malbi(),
        t.about_topic_soramic(),
        t.about_topic_ctcae(),
    ]
}

/// What the app reads for each erratum, in `ERRATA`' order (same length, so
/// an erratum added in core needs its reading here).
pub fn errata_readings(t: &Text) -> [&str; ERRATA.len()] {
    [
        t.errata_cutoff(),
        t.errata_albumin_unit(),
        t.errata_bilirubin_reciprocal(),
        t.errata_model2_rounding(),
        t.errata_il6_ci(),
        t.errata_il8_p(),
        t.errata_ld_grade(),
        t.errata_pfs_il8(),
    ]
}

fn reference_item(topic: &str, reference: &Reference) -> Html {
    html! {
        <li>
            { topic }{ ": " }<span lang="en">{ reference.text }</span>
            if let Some(doi) = reference.doi { { format!(" doi:{doi}.") } }
        </li>
    }
}

/// A fixed-point number in the reader's form; prose takes the true minus
/// sign in every language (the result hooks keep English's ASCII form).
fn fixed(t: &Text, value: f64, decimals: u32) -> String {
    text::fixed(value, decimals).map_or_else(String::new, |machine| t.number(&machine))
}

#[component]
pub fn About() -> Html {
    let t = use_text();
    let version = use_memo(t.clone(), |t| version_label(t));
    let (ci_lower, ci_upper) = COHORT_MEDIAN_OS.ci.unwrap_or((f64::NAN, f64::NAN));
    let cohort = t.about_cohort(
        &COHORT_SIZE.to_string(),
        &COHORT_DEATHS.to_string(),
        &figure(&t, COHORT_MEDIAN_OS.months),
        &figure(&t, ci_lower),
        &figure(&t, ci_upper),
    );
    let groups = t.about_cohort_groups(
        &IL6_LOW_N.to_string(),
        &IL6_HIGH_N.to_string(),
        &IL8_LOW_N.to_string(),
        &IL8_HIGH_N.to_string(),
    );
    let grade_one = fixed(&t, GRADE_1_UPPER, 2);
    let grade_two = fixed(&t, GRADE_2_UPPER, 2);
    let boundary = fixed(&t, GRADE_2A_UPPER, 3);
    html! {
        <article class="about" data-testid="about">
            <h2>{ t.about_heading() }</h2>

            <h3>{ t.about_what_heading() }</h3>
            <p>{ t.about_what_1() }</p>
            <p>{ t.about_what_2() }</p>
            <p>{ t.about_what_3() }</p>

            <h3>{ t.about_source_heading() }</h3>
            <p class="citation" data-testid="citation"><span lang="en">{ citation() }</span>{ " " }<span class="doi">{ SOURCE.doi_url() }</span>{ " " }{ t.about_registration() }</p>
            <p>{ cohort }{ " " }{ groups }</p>
            <p>{ t.about_subset() }</p>

            <h3>{ t.about_references_heading() }</h3>
            <ul data-testid="references">
                { for reference_topics(&t).into_iter().zip(REFERENCES.iter()).map(|(topic, r)| reference_item(topic, r)) }
            </ul>

            <h3>{ t.about_formulas_heading() }</h3>
            <ul>
                <li>{ t.about_formula_albi(
                    &t.number(&BILIRUBIN_COEFFICIENT.to_string()),
                    &t.number(&(-ALBUMIN_COEFFICIENT).to_string()),
                    &t.number(&ALBUMIN_COEFFICIENT.to_string()),
                    &t.number("-0.0852"),
                ) }</li>
                <li>{ t.about_formula_grades(&grade_one, &grade_two) }</li>
                <li>{ t.about_formula_malbi(&boundary) }</li>
                <li>{ t.about_formula_cutoffs(
                    &t.number(&IL6_CUTOFF_PG_ML.to_string()),
                    &t.number(&IL8_CUTOFF_PG_ML.to_string()),
                    &t.number(&ALBUMIN_CUTOFF_G_L.to_string()),
                    &t.number(&BILIRUBIN_CUTOFF_UMOL_L.to_string()),
                ) }</li>
                <li>{ t.about_formula_units() }</li>
                <li>{ t.about_formula_ld() }</li>
                <li>{ t.about_formula_model() }</li>
                <li>{ t.about_formula_censoring() }</li>
                <li>{ t.about_formula_assay() }</li>
            </ul>

            <h3>{ t.about_errata_heading() }</h3>
            <table>
                <thead><tr><th scope="col">{ t.about_errata_paper() }</th><th scope="col">{ t.about_errata_app() }</th></tr></thead>
                <tbody>
                    { for ERRATA.iter().zip(errata_readings(&t)).map(|(e, reading)| html! {
                        <tr><td lang="en">{ e.paper_says }</td><td>{ reading }</td></tr>
                    }) }
                </tbody>
            </table>

            <h3>{ t.about_limits_heading() }</h3>
            <ul>
                <li>{ t.about_limit_cohort() }</li>
                <li>{ t.about_limit_il8() }</li>
                <li>{ t.about_limit_factors() }</li>
                <li>{ t.about_limit_population() }</li>
                <li>{ t.about_limit_curves() }</li>
            </ul>

            <h3>{ t.about_offline_heading() }</h3>
            <p>{ t.about_offline() }{ " " }
                <a href="calculator-offline.html" download="" data-testid="download-offline">{ t.about_download() }</a>
                { "." }</p>
            <p class="build-info" data-testid="about-version">{ (*version).clone() }</p>

            <h3>{ t.about_privacy_heading() }</h3>
            <p>{ t.about_privacy() }</p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_errata_readings_name_what_published_toml_records() {
        // reference/published.toml's errata, the parts worded by the app's
        // reading rather than by the paper's quotation (core's test checks
        // the quotations): Table 2's 3.88, the log-rank test behind 0.009,
        // and the Methods' "grade ≥ 2".
        let all = errata_readings(&Text::english()).join(" ");
        for needle in [
            "6.53",
            "36 g/L",
            "1/1.71 = 0.58",
            "3.88",
            "log-rank",
            "grade ≥ 2",
            "Low IL8",
        ] {
            assert!(
                all.contains(needle),
                "errata readings do not mention {needle}"
            );
        }
    }

    #[test]
    fn the_about_formulas_print_the_published_constants() {
        // albi.rs: 0.66 × log10(bilirubin) − 0.085 × albumin; grade limits
        // −2.60 and −1.39, the mALBI split at −2.270.
        let t = Text::english();
        assert!(t
            .about_formula_albi(
                &BILIRUBIN_COEFFICIENT.to_string(),
                &(-ALBUMIN_COEFFICIENT).to_string(),
                &ALBUMIN_COEFFICIENT.to_string(),
                "-0.0852"
            )
            .starts_with("ALBI score = 0.66 × log10(total bilirubin, µmol/L) − 0.085 × albumin"));
        assert_eq!(fixed(&t, GRADE_1_UPPER, 2), "\u{2212}2.60");
        assert_eq!(fixed(&t, GRADE_2A_UPPER, 3), "\u{2212}2.270");
        assert_eq!(fixed(&t, GRADE_2_UPPER, 2), "\u{2212}1.39");
    }
}
