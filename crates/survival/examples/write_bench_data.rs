//! Writes the benchmark data sets as CSV (`time,status,group,age,sex,lab,
//! count,level`: the six covariates of the multi-covariate fit) for R:
//! `cargo run --release -p survival --example write_bench_data -- DIR`.

use std::io::Write;

#[path = "../benches/bench_data.rs"]
mod bench_data;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-data".to_owned());
    std::fs::create_dir_all(&dir)?;
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let data = bench_data::generate(n);
        let path = format!("{dir}/n{n}.csv");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        writeln!(out, "time,status,{}", bench_data::COVARIATES.join(","))?;
        for i in 0..n {
            write!(out, "{},{}", data.times[i], u8::from(data.events[i]))?;
            for column in &data.covariates {
                write!(out, ",{}", column[i])?;
            }
            writeln!(out)?;
        }
        println!("{path}");
    }
    Ok(())
}
