// The catalog file format, shared by build.rs (which checks every language
// against English and generates the accessors) and the library (which reads a
// language fetched at run time). Kept free of dependencies so both can
// `include!` it.
//
// A file is a list of lines:
//   # a comment, or a blank line            (ignored)
//   key.name = The text, with {placeholders}
// Keys are lower-case ASCII letters, digits, `_` and `.`; a placeholder is
// `{name}` with a lower-case ASCII name. Every language lists the same keys in
// the same order as English, with the same placeholders: translators work
// side by side with en.txt, and the app reads a language by position (no key
// names in the wasm).

/// One `key = text` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub text: String,
    /// 1-based line number in its file, for messages.
    pub line: usize,
}

/// Why a catalog file (or one language against English) is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// A line that is neither blank, a comment nor `key = text`.
    Malformed { line: usize },
    /// A key with characters other than `a-z 0-9 _ .`.
    BadKey { line: usize, key: String },
    /// A `{` without its `}`, or a placeholder name other than `a-z _`.
    BadPlaceholder { line: usize, key: String },
    /// The same key twice in one file.
    DuplicateKey { line: usize, key: String },
    /// An empty text.
    EmptyText { line: usize, key: String },
    /// At this position English has `expected`, the language has `found`
    /// (`None` when the language's file ended early).
    KeyMismatch {
        position: usize,
        expected: String,
        found: Option<String>,
    },
    /// The language has more entries than English.
    ExtraKey { line: usize, key: String },
    /// The text's placeholders differ from English's for the same key.
    PlaceholderMismatch {
        line: usize,
        key: String,
        english: Vec<String>,
        found: Vec<String>,
    },
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogError::Malformed { line } => {
                write!(f, "line {line}: expected `key = text`, a comment or a blank line")
            }
            CatalogError::BadKey { line, key } => {
                write!(f, "line {line}: key `{key}` may only use a-z, 0-9, `_` and `.`")
            }
            CatalogError::BadPlaceholder { line, key } => write!(
                f,
                "line {line} ({key}): a placeholder is `{{name}}` with a name of a-z and `_`"
            ),
            CatalogError::DuplicateKey { line, key } => {
                write!(f, "line {line}: key `{key}` appears twice")
            }
            CatalogError::EmptyText { line, key } => write!(f, "line {line}: `{key}` has no text"),
            CatalogError::KeyMismatch {
                position,
                expected,
                found: Some(found),
            } => write!(
                f,
                "entry {position}: English has `{expected}` here, this language `{found}` (same keys, same order)"
            ),
            CatalogError::KeyMismatch {
                position,
                expected,
                found: None,
            } => write!(f, "entry {position}: `{expected}` is missing (the file ends early)"),
            CatalogError::ExtraKey { line, key } => {
                write!(f, "line {line}: `{key}` is not in English")
            }
            CatalogError::PlaceholderMismatch {
                line,
                key,
                english,
                found,
            } => write!(
                f,
                "line {line} ({key}): placeholders {found:?}, English has {english:?}"
            ),
        }
    }
}

/// Reads one catalog file.
pub fn parse_catalog(source: &str) -> Result<Vec<Entry>, CatalogError> {
    let mut entries: Vec<Entry> = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, text)) = trimmed.split_once(" = ") else {
            return Err(CatalogError::Malformed { line });
        };
        let key = key.trim();
        let text = text.trim();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
        {
            return Err(CatalogError::BadKey {
                line,
                key: key.to_owned(),
            });
        }
        if text.is_empty() {
            return Err(CatalogError::EmptyText {
                line,
                key: key.to_owned(),
            });
        }
        if placeholders(text).is_none() {
            return Err(CatalogError::BadPlaceholder {
                line,
                key: key.to_owned(),
            });
        }
        if entries.iter().any(|e| e.key == key) {
            return Err(CatalogError::DuplicateKey {
                line,
                key: key.to_owned(),
            });
        }
        entries.push(Entry {
            key: key.to_owned(),
            text: text.to_owned(),
            line,
        });
    }
    Ok(entries)
}

/// The placeholder names of a text in order of first appearance, or `None`
/// when a brace is unbalanced or a name is not `a-z _`.
pub fn placeholders(text: &str) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return None;
        }
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    Some(names)
}

/// Checks a language's entries against English's: the same keys in the same
/// order, each with the same set of placeholders. Returns every problem, so a
/// translator sees them all at once.
pub fn check_language(english: &[Entry], language: &[Entry]) -> Vec<CatalogError> {
    let mut problems = Vec::new();
    for (position, expected) in english.iter().enumerate() {
        let Some(found) = language.get(position) else {
            problems.push(CatalogError::KeyMismatch {
                position: position + 1,
                expected: expected.key.clone(),
                found: None,
            });
            break;
        };
        if found.key != expected.key {
            problems.push(CatalogError::KeyMismatch {
                position: position + 1,
                expected: expected.key.clone(),
                found: Some(found.key.clone()),
            });
            // Everything after a shifted key would be reported too: stop here.
            break;
        }
        let mut want = placeholders(&expected.text).unwrap_or_default();
        let mut have = placeholders(&found.text).unwrap_or_default();
        want.sort();
        have.sort();
        if want != have {
            problems.push(CatalogError::PlaceholderMismatch {
                line: found.line,
                key: found.key.clone(),
                english: want,
                found: have,
            });
        }
    }
    if problems.is_empty() {
        for extra in language.iter().skip(english.len()) {
            problems.push(CatalogError::ExtraKey {
                line: extra.line,
                key: extra.key.clone(),
            });
        }
    }
    problems
}

/// FNV-1a over the key names in order: the same in the wasm (from English)
/// and in a language file read at run time, or the file belongs to another
/// version of the app.
pub fn keys_fingerprint<'a>(keys: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for key in keys {
        for byte in key.bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The cohort tool's own entries (`cohort.*`, `pool.*`): in the cohort
/// tool's build of the catalog only (feature `cohort`), never in the
/// calculator's wasm.
pub fn is_cohort_tool_key(key: &str) -> bool {
    key.starts_with("cohort.") || key.starts_with("pool.")
}
