//! Writes the benchmark data sets as CSV (`time,status,group`) for R:
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
        writeln!(out, "time,status,group")?;
        for i in 0..n {
            writeln!(
                out,
                "{},{},{}",
                data.times[i],
                u8::from(data.events[i]),
                data.group[i]
            )?;
        }
        println!("{path}");
    }
    Ok(())
}
