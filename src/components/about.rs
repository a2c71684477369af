//! "About the model": the source, the cohort, the formulas with their
//! citations, the paper's errata and the reading the app takes.

use calculator_core::albi::{
    ALBUMIN_COEFFICIENT, BILIRUBIN_COEFFICIENT, GRADE_1_UPPER, GRADE_2A_UPPER, GRADE_2_UPPER,
};
use calculator_core::published::{
    citation, printed, RiskFactor, ALBUMIN_CUTOFF_G_L, BILIRUBIN_CUTOFF_UMOL_L, COHORT_DEATHS,
    COHORT_MEDIAN_OS, COHORT_SIZE, ERRATA, IL6_CUTOFF_PG_ML, IL6_HIGH_N, IL6_LOW_N,
    IL8_CUTOFF_PG_ML, IL8_HIGH_N, IL8_LOW_N, OVERALL_SURVIVAL_COX, REFERENCES, SOURCE,
};
use yew::prelude::*;

use crate::build_info::version_label;

#[component]
pub fn About() -> Html {
    let version = use_memo((), |_| version_label());
    html! {
        <article class="about" data-testid="about">
            <h2>{ "About the model" }</h2>

            <h3>{ "What this tool is" }</h3>
            <p>{ "A reference to one study's cohort: it shows where a patient's baseline values place them among the patients of a single published study, and the figures that study reported for such patients. It is not a validated decision tool and gives no individual prediction." }</p>
            <p>{ "The study set out to confirm IL6 and IL8 cutoffs published earlier by an exploratory study of 90Y radioembolization in patients with HCC or liver metastases (the paper's ref. 9), and it confirmed the prognostic value of the IL6 cutoff for overall survival and liver dysfunction. What is still missing is an independent external validation: no other cohort has tested these cutoffs since." }</p>
            <p>{ "The associations are prognostic, not predictive: every patient received 90Y radioembolization plus sorafenib, and there was no comparison arm for the interleukins, so the study shows which patients did worse after this treatment, not which patients benefit from it. In the SORAMIC trial itself, adding radioembolization to sorafenib did not improve overall survival over sorafenib alone (Ricke et al., J Hepatol 2019). The figures cannot be used to choose or withhold a treatment." }</p>

            <h3>{ "Source" }</h3>
            <p class="citation" data-testid="citation">{ citation() }{ " " }<span class="doi">{ SOURCE.doi_url() }</span>{ " Trial registration: NCT01126645; EudraCT 2009-012576-27." }</p>
            <p>{ format!(
                "Cohort: {COHORT_SIZE} patients with advanced hepatocellular carcinoma (BCLC B not eligible for TACE, or BCLC C; Child–Pugh A to B7; ECOG ≤ 2) from the palliative arm of the phase II SORAMIC trial, treated with 90Y radioembolization followed by sorafenib, whose baseline serum was available for IL6 and IL8 (ELISA). {COHORT_DEATHS} had died by the end of the study; median overall survival {} months (95% CI {}–{}). IL6: {IL6_LOW_N} low, {IL6_HIGH_N} high; IL8: {IL8_LOW_N} low, {IL8_HIGH_N} high. Analysed with R 3.5.0.",
                printed(COHORT_MEDIAN_OS.months),
                printed(COHORT_MEDIAN_OS.ci.map_or(f64::NAN, |c| c.0)),
                printed(COHORT_MEDIAN_OS.ci.map_or(f64::NAN, |c| c.1)),
            ) }</p>
            <p>{ format!("Only {COHORT_SIZE} of the 183 patients of the trial's radioembolization-plus-sorafenib arm who received radioembolization had baseline blood samples (sampling was optional), so they are a subset, not the whole arm.") }</p>

            <h3>{ "References" }</h3>
            <ul data-testid="references">
                { for REFERENCES.iter().map(|r| html! {
                    <li>
                        { format!("{}: {}", r.topic, r.text) }
                        if let Some(doi) = r.doi { { format!(" doi:{doi}.") } }
                    </li>
                }) }
            </ul>

            <h3>{ "Formulas and definitions" }</h3>
            <ul>
                <li>{ format!("ALBI score = {BILIRUBIN_COEFFICIENT} × log10(total bilirubin, µmol/L) − {} × albumin (g/L). Johnson PJ et al., J Clin Oncol 2015;33:550–558. This app uses the published coefficient −0.085, not the −0.0852 some calculators use; near a grade boundary they can disagree.", -ALBUMIN_COEFFICIENT) }</li>
                <li>{ format!("ALBI grade 1: score ≤ {GRADE_1_UPPER:.2}; grade 2: {GRADE_1_UPPER:.2} < score ≤ {GRADE_2_UPPER:.2}; grade 3: score > {GRADE_2_UPPER:.2}. The score is shown to two decimals; the grade uses the unrounded score.") }</li>
                <li>{ format!("mALBI grade (Hiraoka A et al., Liver Cancer 2017;6:204–215, the paper's ref. 11) splits grade 2 at {GRADE_2A_UPPER:.3}: 2a if ≤ {GRADE_2A_UPPER:.3}, 2b above. The paper groups 1 with 2a and 2b with 3.") }</li>
                <li>{ format!("IL6 high: strictly above {IL6_CUTOFF_PG_ML} pg/mL; IL8 high: strictly above {IL8_CUTOFF_PG_ML} pg/mL (a value equal to the cutoff is low). Albumin risk factor: below {ALBUMIN_CUTOFF_G_L} g/L; bilirubin risk factor: {BILIRUBIN_CUTOFF_UMOL_L} µmol/L or more.") }</li>
                <li>{ "Units: albumin 1 g/dL = 10 g/L; bilirubin 1 mg/dL = 17.1 µmol/L (clinical convention); IL6 and IL8 1 pg/mL = 1 ng/L. Values are compared with the cutoffs exactly, in decimal, after conversion." }</li>
                <li>{ "Liver dysfunction: any CTCAE v5.0 grade ≥ 2 blood bilirubin increase during follow-up (above 1.5 × ULN with a normal baseline, or above 1.5 × baseline with an abnormal one)." }</li>
                <li>{ format!("Model arithmetic (folded away under the results): the product of the multivariable hazard ratios (Tables 2 and 3, Model 1 or Model 2) of the factors present, relative to the model's reference profile. It is not a survival estimate: the paper publishes no baseline hazard and no covariance of its estimates, so it has no confidence interval either. In Model 1 for overall survival, low albumin has a hazard ratio below 1 ({}, not significant), a sign of its overlap with bilirubin and IL6 in {COHORT_SIZE} patients, not a protective effect.", OVERALL_SURVIVAL_COX.iter().find(|r| r.factor == RiskFactor::AlbuminBelow36).and_then(|r| r.model1).map_or_else(String::new, |hr| printed(hr.estimate))) }</li>
                <li>{ "Liver dysfunction is counted from the first grade ≥ 2 bilirubin increase; patients who died without it were censored at their last laboratory follow-up, so its Kaplan–Meier median treats death as if it did not compete with liver dysfunction. REILD (radioembolization-induced liver disease) did not occur in this cohort." }</li>
                <li>{ "Assay: IL6 and IL8 were measured in pre-treatment serum by ELISA (R&D Systems Quantikine D6050 and D8000C). Other platforms, plasma, or samples taken after treatment began are not interchangeable with these cutoffs. Values within 10% of a cutoff are marked \"near the cutoff\", a convention of this app for assay imprecision." }</li>
            </ul>

            <h3>{ "Errata in the paper, and the reading this app takes" }</h3>
            <table>
                <thead><tr><th scope="col">{ "The paper says" }</th><th scope="col">{ "This app reads" }</th></tr></thead>
                <tbody>
                    { for ERRATA.iter().map(|e| html! { <tr><td>{ e.paper_says }</td><td>{ e.app_reads }</td></tr> }) }
                </tbody>
            </table>

            <h3>{ "Limits" }</h3>
            <ul>
                <li>{ format!("{COHORT_SIZE} patients from one trial arm; the cutoffs came from an earlier exploratory study (mixed tumour types, Child–Pugh A only) and were confirmed here for IL6, but have not been validated in an independent cohort.") }</li>
                <li>{ "IL8 lost its significance in both multivariable models for overall survival; IL6 was the only independent factor (Table 2). The IL6 and IL8 medians are separate comparisons with no joint estimate." }</li>
                <li>{ "Only the factors the calculator asks for are placed; the tables also report sex, age, aetiology, prior TACE, portal vein invasion, AFP and tumour burden, none of which entered the multivariable models." }</li>
                <li>{ format!("Who the figures apply to is judged against who was in the {COHORT_SIZE}-patient cohort (Table 1), not only the trial's eligibility: BCLC B not eligible for TACE or BCLC C; ECOG 0–1 (ECOG 2 was eligible but no patient of the {COHORT_SIZE} had it); extrahepatic disease only if liver-dominant without lung involvement; Child–Pugh A to B7. Anything else is outside the studied population, and every result says so.") }</li>
                <li>{ "The Kaplan–Meier curves are drawn from a cohort reconstructed from the published summary figures, not from the trial's patient-level data: their shape between the published medians is illustrative." }</li>
            </ul>

            <h3>{ "Offline use and version" }</h3>
            <p>{ "After the first visit this app works without a network: the browser keeps this version's files, and when a new version has been installed it says so and offers to reload. For a computer without access to the site, the whole calculator also comes as one file that opens by double-click, with no server and no installation: " }
                <a href="calculator-offline.html" download="" data-testid="download-offline">{ "Download for offline use" }</a>
                { "." }</p>
            <p class="build-info" data-testid="about-version">{ (*version).clone() }</p>

            <h3>{ "Privacy" }</h3>
            <p>{ "Everything is computed in this browser. The values live only in the page's address after the # (the fragment), which browsers never send to a server; nothing is stored on the device, and \"Clear all fields\" also clears the address." }</p>
        </article>
    }
}
