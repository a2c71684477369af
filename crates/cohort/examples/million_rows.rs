//! Timing: parse and analyse 10^6 rows natively.
//!
//! ```sh
//! cargo run --release -p cohort --example million_rows [rows]
//! ```
//!
//! Builds a semicolon CSV in memory (decimal commas, follow-up in days, all
//! columns, 2% missing IL8), then times the import (in steps of 50 000 rows,
//! as a worker would run it), every analysis at the published cutoffs, one
//! cutoff-explorer call, the optimal-cutoff search and the per-patient export.

use std::time::Instant;

use calculator_core::published::Marker;
use cohort::analysis::AnalysisJob;
use cohort::cutoff::{explore_cutoff, optimal_cutoff, MaxStatOptions};
use cohort::export::patients_csv;
use cohort::import::{preview, ImportJob};
use cohort::mapping::EndpointRole;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    let mut text = String::from(
        "id;time_days;event;il6;il8;albumin_g_l;bilirubin_umol_l;cirrhosis;child_pugh;time2_days;event2\n",
    );
    for i in 0..rows {
        let il6 = (2.0 + 2.0 * (next() - 0.5) * 3.0f64).exp().min(9999.0);
        let il8 = 10.0 + 150.0 * next();
        let hazard = if il6 > 6.53 { 2.0 } else { 1.0 };
        let days = (1.0 - (-(1.0 - next()).ln() / hazard) * 400.0)
            .abs()
            .round()
            + 1.0;
        let il8_text = if next() < 0.02 {
            String::new()
        } else {
            format!("{il8:.1}").replace('.', ",")
        };
        text.push_str(&format!(
            "{i};{days};{};{};{il8_text};{:.1};{:.1};{};{};{};{}\n",
            u8::from(next() < 0.8),
            format!("{il6:.2}").replace('.', ","),
            25.0 + 20.0 * next(),
            5.0 + 40.0 * next(),
            if next() < 0.8 { "yes" } else { "no" },
            if next() < 0.9 { "A" } else { "B" },
            (days * next()).round(),
            u8::from(next() < 0.4),
        ));
    }
    println!("{rows} rows, {:.1} MB of CSV", text.len() as f64 / 1e6);

    let start = Instant::now();
    let mapping = preview(&text, None, 5).expect("header").mapping;
    let mut job = ImportJob::new(text.as_str(), None, &mapping).expect("job");
    let mut steps = 0;
    while !job.step(50_000).done {
        steps += 1;
    }
    let cohort = job.finish();
    let parsed = start.elapsed();
    println!(
        "import: {:.2} s ({} steps; {} read, {} used, {} excluded)",
        parsed.as_secs_f64(),
        steps + 1,
        cohort.rows_read(),
        cohort.rows_used(),
        cohort.rows_excluded()
    );

    let t = Instant::now();
    let mut analysis = AnalysisJob::new(&cohort);
    loop {
        let step = Instant::now();
        let progress = analysis.step();
        println!(
            "  analysis {}/{}: {:.2} s",
            progress.completed,
            progress.total,
            step.elapsed().as_secs_f64()
        );
        if progress.is_done() {
            break;
        }
    }
    let result = analysis.finish();
    let analysed = t.elapsed();
    println!(
        "analyses (KM, log-rank, Cox uni- and multivariable, 2 endpoints): {:.2} s",
        analysed.as_secs_f64()
    );
    let primary = &result.endpoints[0];
    for m in &primary.markers {
        if let Ok(hr) = &m.comparison.hazard_ratio {
            println!(
                "  {} HR {:.3} ({:.3}-{:.3})",
                m.marker.label(),
                hr.hazard_ratio,
                hr.lower,
                hr.upper
            );
        }
    }

    let t = Instant::now();
    let _ = explore_cutoff(&cohort, EndpointRole::Primary, Marker::Il6, 10.0).expect("explore");
    println!(
        "cutoff explorer, one cutoff: {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let best = optimal_cutoff(
        &cohort,
        EndpointRole::Primary,
        Marker::Il6,
        &MaxStatOptions::default(),
    )
    .expect("maxstat");
    println!(
        "optimal-cutoff search: {:.2} s (cutoff {}, M {:.2}, Lau92 p {:.3e}, {} candidates)",
        t.elapsed().as_secs_f64(),
        best.test.cutoff,
        best.test.statistic,
        best.test.p_value,
        best.test.candidates.len()
    );
    let t = Instant::now();
    let csv = patients_csv(&cohort);
    println!(
        "per-patient export: {:.2} s ({:.1} MB)",
        t.elapsed().as_secs_f64(),
        csv.len() as f64 / 1e6
    );
    println!(
        "total parse + analyse: {:.2} s",
        (parsed + analysed).as_secs_f64()
    );
}
