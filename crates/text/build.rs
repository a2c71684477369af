//! Checks every language against English and generates one accessor per
//! key (`Text::about_heading()`, `Text::cohort_line(size, deaths)`), so a
//! missing key, a misspelt key or a missing placeholder argument fails the
//! build instead of showing a blank on screen.

use std::fmt::Write as _;
use std::path::Path;

include!("src/catalog_file.rs");

/// The languages besides English, in the order of `Lang`.
const LANGUAGES: [&str; 4] = ["de", "fr", "es", "it"];

const RUST_KEYWORDS: [&str; 12] = [
    "as", "fn", "if", "in", "let", "loop", "match", "mod", "ref", "self", "type", "use",
];

fn read(code: &str) -> Vec<Entry> {
    let path = Path::new("lang").join(format!("{code}.txt"));
    println!("cargo:rerun-if-changed={}", path.display());
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse_catalog(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let english = read("en");
    let mut failures = String::new();
    for code in LANGUAGES {
        for problem in check_language(&english, &read(code)) {
            let _ = writeln!(failures, "  lang/{code}.txt: {problem}");
        }
    }
    if !failures.is_empty() {
        panic!("the text catalog is incomplete:\n{failures}");
    }

    // Without the `cohort` feature (the calculator's wasm) the cohort tool's
    // own entries are left out: the calculator never shows them, and they
    // are a third of the catalog. Every language is still checked whole.
    let cohort = std::env::var_os("CARGO_FEATURE_COHORT").is_some();
    let english: Vec<Entry> = english
        .into_iter()
        .filter(|e| cohort || !is_cohort_tool_key(&e.key))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// Whether this build carries the cohort tool's entries (feature `cohort`)."
    );
    let _ = writeln!(out, "pub(crate) const WITH_COHORT_TOOL: bool = {cohort};");
    let count = english.len();
    let fingerprint = keys_fingerprint(english.iter().map(|e| e.key.as_str()));
    let _ = writeln!(out, "/// Entries in every language's catalog.");
    let _ = writeln!(out, "pub const KEY_COUNT: usize = {count};");
    let _ = writeln!(
        out,
        "pub(crate) const KEYS_FINGERPRINT: u64 = {fingerprint};"
    );
    let _ = writeln!(out, "pub(crate) static ENGLISH: [&str; {count}] = [");
    for entry in &english {
        let _ = writeln!(out, "    {:?},", entry.text);
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(out, "impl Text {{");
    for (index, entry) in english.iter().enumerate() {
        let method = entry.key.replace('.', "_");
        let names = placeholders(&entry.text).unwrap_or_default();
        for name in &names {
            if RUST_KEYWORDS.contains(&name.as_str()) {
                panic!(
                    "lang/en.txt line {}: placeholder `{{{name}}}` is a Rust keyword",
                    entry.line
                );
            }
        }
        let summary: String = entry.text.chars().take(90).collect();
        let _ = writeln!(out, "    /// `{}`: {summary:?}", entry.key);
        if names.is_empty() {
            let _ = writeln!(
                out,
                "    pub fn {method}(&self) -> &str {{ self.get({index}) }}"
            );
        } else {
            let params: Vec<String> = names.iter().map(|n| format!("{n}: &str")).collect();
            let args: Vec<String> = names.iter().map(|n| format!("(\"{n}\", {n})")).collect();
            let _ = writeln!(
                out,
                "    pub fn {method}(&self, {}) -> String {{ self.fill({index}, &[{}]) }}",
                params.join(", "),
                args.join(", ")
            );
        }
    }
    let _ = writeln!(out, "}}");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    std::fs::write(&target, out).expect("write the generated catalog");
    println!("cargo:rerun-if-changed=src/catalog_file.rs");
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_COHORT");
}
