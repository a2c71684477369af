//! Writes `static/cohort-example.csv`, deterministically:
//!
//! ```sh
//! cargo run -p cohort --example example_file > static/cohort-example.csv
//! ```
//!
//! 40 made-up patients (not the paper's: its patient data are not public)
//! with the canonical headers, drawn from a fixed seed: IL6 and IL8
//! log-normal around the published cutoffs, overall survival exponential
//! with a median of about 16 months, doubled hazard above each cutoff,
//! liver dysfunction likewise, censoring at 6–36 months. Before printing it
//! imports the file and checks what the example is for (issue 16): every
//! row valid, both groups of both markers with events on both endpoints,
//! every hazard ratio a converged finite estimate. It exits with an error
//! otherwise, so a changed analysis cannot silently make the example absurd.

use cohort::analysis::CohortAnalysis;
use cohort::import::{preview, Cohort};

const SEED: u64 = 16;
const PATIENTS: usize = 40;

struct Rng(u64);

impl Rng {
    /// PCG-style LCG step; the top 53 bits as a uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller, one of the pair).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    fn exponential(&mut self, median: f64) -> f64 {
        -self.uniform().ln() * median / std::f64::consts::LN_2
    }
}

fn file(seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from(
        "id,time_months,event,il6,il8,albumin_g_l,bilirubin_umol_l,cirrhosis,child_pugh,time2_months,event2\n",
    );
    for id in 1..=PATIENTS {
        let il6 = (6.53f64.ln() + 0.9 * rng.normal()).exp();
        let il8 = (60.8f64.ln() + 0.8 * rng.normal()).exp();
        let (high6, high8) = (il6 > 6.53, il8 > 60.8);
        let hazard = if high6 { 2.0 } else { 1.0 } * if high8 { 1.8 } else { 1.0 };
        let death = rng.exponential(16.0 / hazard);
        let dysfunction = rng.exponential(20.0 / hazard);
        let censor = 6.0 + 30.0 * rng.uniform();
        let time = death.min(censor);
        let time2 = dysfunction.min(time);
        let albumin = (38.0 - 3.0 * f64::from(u8::from(high6)) + 4.0 * rng.normal()).round();
        let bilirubin = (14.0 * (0.4 * rng.normal()).exp()).round();
        let cirrhosis = if rng.uniform() < 0.7 { "yes" } else { "no" };
        let child_pugh = if bilirubin > 25.0 || albumin < 30.0 {
            "B"
        } else {
            "A"
        };
        out.push_str(&format!(
            "{id},{time:.1},{},{il6:.2},{il8:.1},{albumin},{bilirubin},{cirrhosis},{child_pugh},{time2:.1},{}\n",
            u8::from(death <= censor),
            u8::from(dysfunction < time),
        ));
    }
    out
}

fn check(text: &str) -> Result<(), String> {
    let mapping = preview(text, None, 0).map_err(|e| e.to_string())?.mapping;
    let cohort = Cohort::import(text, None, &mapping).map_err(|e| e.to_string())?;
    if cohort.rows_excluded() > 0 {
        return Err(format!("{} malformed rows", cohort.rows_excluded()));
    }
    let analysis = CohortAnalysis::compute(&cohort);
    for endpoint in &analysis.endpoints {
        for m in &endpoint.markers {
            let c = &m.comparison;
            if c.low.events == 0 || c.high.events == 0 {
                return Err(format!(
                    "{:?} {:?}: a group without events",
                    endpoint.role, m.marker
                ));
            }
            match &c.hazard_ratio {
                Ok(hr) if hr.hazard_ratio.is_finite() && hr.upper.is_finite() => eprintln!(
                    "{:?} {:?}: low {}/{} events, high {}/{}, HR {:.2} ({:.2}–{:.2})",
                    endpoint.role,
                    m.marker,
                    c.low.events,
                    c.low.n,
                    c.high.events,
                    c.high.n,
                    hr.hazard_ratio,
                    hr.lower,
                    hr.upper
                ),
                other => return Err(format!("{:?} {:?}: {other:?}", endpoint.role, m.marker)),
            }
        }
    }
    Ok(())
}

fn main() {
    let text = file(SEED);
    if let Err(why) = check(&text) {
        eprintln!("seed {SEED} does not give a usable example: {why}");
        std::process::exit(1);
    }
    print!("{text}");
}
