//! The project keeps its own copy of the paper's transcription,
//! `reference/published.toml`, so it builds and tests with nothing beside it.
//! Upstream is `../shared/reference/published.toml`: where that file exists
//! (on this project's own machines), the copy must be identical to it below
//! the copy's two-line provenance header, and this test names every line that
//! differs. Where it does not exist the test has nothing to compare and says
//! so; the copy itself is checked by `published_matches_reference.rs`.

use std::path::Path;

/// Lines at the top of the copy that say where it came from.
const PROVENANCE_LINES: usize = 2;

#[test]
fn the_project_copy_of_published_toml_equals_the_upstream_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let copy = std::fs::read_to_string(root.join("reference/published.toml"))
        .expect("reference/published.toml is part of the repository");
    let (header, body) = split_header(&copy);
    assert!(
        header.iter().all(|line| line.starts_with('#')) && header[0].contains("shared/reference"),
        "the copy must start with {PROVENANCE_LINES} comment lines naming its upstream"
    );
    let upstream_path = root.join("../shared/reference/published.toml");
    let Ok(upstream) = std::fs::read_to_string(&upstream_path) else {
        eprintln!(
            "no upstream at {}: nothing to compare (the copy is the reference)",
            upstream_path.display()
        );
        return;
    };
    let differences = differing_lines(body, &upstream);
    assert!(
        differences.is_empty(),
        "reference/published.toml differs from {}; take the upstream changes in:\n{}",
        upstream_path.display(),
        differences.join("\n")
    );
}

fn split_header(copy: &str) -> (Vec<&str>, &str) {
    let mut rest = copy;
    let mut header = Vec::new();
    for _ in 0..PROVENANCE_LINES {
        let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
        header.push(line);
        rest = tail;
    }
    (header, rest)
}

/// `line N: copy "…" / upstream "…"` for every line that differs.
fn differing_lines(copy: &str, upstream: &str) -> Vec<String> {
    let copy: Vec<&str> = copy.lines().collect();
    let upstream: Vec<&str> = upstream.lines().collect();
    (0..copy.len().max(upstream.len()))
        .filter_map(|i| {
            let (a, b) = (copy.get(i), upstream.get(i));
            (a != b).then(|| {
                format!(
                    "line {}: copy {:?} / upstream {:?}",
                    i + 1 + PROVENANCE_LINES,
                    a.unwrap_or(&"(none)"),
                    b.unwrap_or(&"(none)")
                )
            })
        })
        .collect()
}

#[test]
fn differing_lines_names_each_changed_and_missing_line() {
    let found = differing_lines("a\nb\nc\n", "a\nB\n");
    assert_eq!(
        found,
        vec![
            "line 4: copy \"b\" / upstream \"B\"".to_owned(),
            "line 5: copy \"c\" / upstream \"(none)\"".to_owned(),
        ]
    );
}
