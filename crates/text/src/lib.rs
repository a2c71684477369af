//! The one text layer: every sentence the calculator and the cohort tool show,
//! in English, German, French, Spanish and Italian, and the way numbers are
//! written in each.
//!
//! The catalogs are plain files, `lang/<code>.txt`, one `key = text` per line
//! (see `catalog_file.rs`). English is compiled into the wasm; the other four
//! are fetched when chosen (and kept by the service worker), so the first
//! visit does not carry four languages it will not use. `build.rs` checks that
//! every language has English's keys, in the same order, with the same
//! placeholders, and generates one method per key on [`Text`]: a missing
//! string or a missing argument fails the build.
//!
//! Numbers: the app computes a machine form (`-1.72`, dot decimal, ASCII
//! minus), which stays in `data-value` for automation, and [`Text::number`]
//! writes it the way the language does (`−1,72` in German).
#![forbid(unsafe_code)]

pub mod catalog_file;

pub use catalog_file::CatalogError;
use catalog_file::{keys_fingerprint, parse_catalog};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The five languages, in the order of the switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Fr,
    Es,
    It,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::It];

    /// The code in links (`lang=de`), `<html lang>` and the catalog's file name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
        }
    }

    /// The language's own name, for the switch (the same in every language,
    /// so a reader finds their own).
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::It => "Italiano",
        }
    }

    /// A code from a link; `None` for anything else (the caller falls back to
    /// English without an error, as the README promises).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The first of the browser's preferred languages (`navigator.languages`,
    /// e.g. `["de-AT", "en"]`) that is one of the five, by primary subtag.
    pub fn from_preferences<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        preferred.into_iter().find_map(|tag| {
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            Lang::ALL
                .into_iter()
                .find(|l| l.code().eq_ignore_ascii_case(primary))
        })
    }

    /// The decimal separator of clinical writing in the language: a comma in
    /// German, French, Spanish and Italian.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::En => '.',
            Lang::De | Lang::Fr | Lang::Es | Lang::It => ',',
        }
    }

    /// The catalog's file, relative to the app (`lang/de.txt`).
    pub fn catalog_path(self) -> String {
        format!("lang/{}.txt", self.code())
    }
}

/// Why a fetched catalog cannot be used (the app then stays in English and
/// says so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file does not parse.
    Catalog(CatalogError),
    /// The file's keys are not this version's (a stale copy).
    OtherVersion,
}

/// The strings of one language, and its way of writing numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    lang: Lang,
    /// `None` for English, which reads the compiled-in table.
    loaded: Option<Vec<String>>,
}

impl Default for Text {
    fn default() -> Self {
        Text::english()
    }
}

impl Text {
    pub fn english() -> Text {
        Text {
            lang: Lang::En,
            loaded: None,
        }
    }

    /// A language from its catalog file's text (fetched at run time, or
    /// embedded in the single-file build).
    pub fn from_catalog(lang: Lang, source: &str) -> Result<Text, LoadError> {
        if lang == Lang::En {
            return Ok(Text::english());
        }
        let entries: Vec<_> = parse_catalog(source)
            .map_err(LoadError::Catalog)?
            .into_iter()
            .filter(|e| WITH_COHORT_TOOL || !catalog_file::is_cohort_tool_key(&e.key))
            .collect();
        if entries.len() != KEY_COUNT
            || keys_fingerprint(entries.iter().map(|e| e.key.as_str())) != KEYS_FINGERPRINT
        {
            return Err(LoadError::OtherVersion);
        }
        Ok(Text {
            lang,
            loaded: Some(entries.into_iter().map(|e| e.text).collect()),
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A loaded language's strings in catalog order (`None` for English,
    /// which is compiled in): what a worker is sent to word its drawings.
    pub fn strings(&self) -> Option<&[String]> {
        self.loaded.as_deref()
    }

    /// The language from [`Text::strings`] of the same version of the app.
    pub fn from_strings(lang: Lang, strings: Option<Vec<String>>) -> Result<Text, LoadError> {
        match (lang, strings) {
            (Lang::En, _) => Ok(Text::english()),
            (_, Some(strings)) if strings.len() == KEY_COUNT => Ok(Text {
                lang,
                loaded: Some(strings),
            }),
            _ => Err(LoadError::OtherVersion),
        }
    }

    fn get(&self, index: usize) -> &str {
        match &self.loaded {
            Some(strings) => strings.get(index).map_or(ENGLISH[index], String::as_str),
            None => ENGLISH[index],
        }
    }

    /// The text with each `{name}` replaced by its argument. Arguments are
    /// inserted as given: numbers are written by [`Text::number`] first.
    fn fill(&self, index: usize, args: &[(&str, &str)]) -> String {
        let template = self.get(index);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                break;
            };
            let name = &after[..close];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A number in machine form as the reader sees it on the results and in
    /// the messages: unchanged in English (the documented result text, which
    /// automation and the English tests read), [`Text::number`]'s decimal
    /// comma and true minus sign in the other languages.
    pub fn shown(&self, machine: &str) -> String {
        if self.lang == Lang::En {
            machine.to_owned()
        } else {
            self.number(machine)
        }
    }

    /// `value` to `decimals` places as the reader sees it ([`fixed`], then
    /// [`Text::shown`]); `None` for a value [`fixed`] cannot print.
    pub fn rounded(&self, value: f64, decimals: u32) -> Option<String> {
        fixed(value, decimals).map(|machine| self.shown(&machine))
    }

    /// A number in machine form (`-1.72`, `6.53`, `0.001`) written the
    /// language's way: its decimal separator, and a true minus sign (U+2212)
    /// in every language, as printed clinical text has it. Anything that is
    /// not a plain number (`NR`, `-` for "no value") is returned unchanged.
    pub fn number(&self, machine: &str) -> String {
        let (negative, digits) = match machine.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, machine),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return machine.to_owned();
        }
        let mut out = String::with_capacity(machine.len() + 2);
        if negative {
            out.push('\u{2212}');
        }
        let separator = self.lang.decimal_separator();
        out.extend(digits.chars().map(|c| if c == '.' { separator } else { c }));
        out
    }
}

/// `value` rounded to `decimals` places in machine form (`-1.72`), without
/// `f64`'s `Display` (whose shortest-form algorithms cost ~13 KB of wasm).
/// Rounds half away from zero on `value × 10^decimals`. `None` for a value
/// that is not finite or too large to print this way (|value| ≥ 10^15).
pub fn fixed(value: f64, decimals: u32) -> Option<String> {
    let decimals = decimals.min(9);
    let scale = 10f64.powi(decimals as i32);
    let scaled = (value * scale).round();
    if !scaled.is_finite() || scaled.abs() >= 1e15 {
        return None;
    }
    // `as` is exact here: |scaled| < 10^15 < 2^53 and it has no fraction.
    let mut units = scaled as i64;
    let negative = units < 0;
    units = units.abs();
    let divisor = 10i64.pow(decimals);
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    push_digits(&mut out, units / divisor);
    if decimals > 0 {
        out.push('.');
        let fraction = units % divisor;
        let mut place = divisor / 10;
        while place > 0 {
            out.push(char::from(b'0' + ((fraction / place) % 10) as u8));
            place /= 10;
        }
    }
    Some(out)
}

fn push_digits(out: &mut String, mut n: i64) {
    let mut buffer = [0u8; 20];
    let mut i = buffer.len();
    loop {
        i -= 1;
        buffer[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buffer[i..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_CATALOGS: [(Lang, &str); 5] = [
        (Lang::En, include_str!("../lang/en.txt")),
        (Lang::De, include_str!("../lang/de.txt")),
        (Lang::Fr, include_str!("../lang/fr.txt")),
        (Lang::Es, include_str!("../lang/es.txt")),
        (Lang::It, include_str!("../lang/it.txt")),
    ];

    #[test]
    fn every_language_file_loads_as_this_version() {
        for (lang, source) in ALL_CATALOGS {
            let text = Text::from_catalog(lang, source).expect("catalog loads");
            assert_eq!(text.lang(), lang);
        }
    }

    #[test]
    fn a_language_file_missing_one_key_is_refused_as_another_version() {
        // Drop the first entry of the German file (the language switch's
        // label, in every build): the count no longer matches.
        let source = include_str!("../lang/de.txt");
        let first = source.find("\nlang.label = ").expect("the first entry");
        let after = first + 1 + source[first + 1..].find('\n').expect("its end");
        let shorter = format!("{}{}", &source[..first], &source[after..]);
        assert_eq!(
            Text::from_catalog(Lang::De, &shorter),
            Err(LoadError::OtherVersion)
        );
    }

    #[test]
    fn a_language_file_with_a_renamed_key_is_refused_as_another_version() {
        let source = include_str!("../lang/fr.txt").replacen(" = ", "x = ", 1);
        assert_eq!(
            Text::from_catalog(Lang::Fr, &source),
            Err(LoadError::OtherVersion)
        );
    }

    #[test]
    fn the_checker_names_a_missing_key_and_a_missing_placeholder() {
        let english = parse_catalog("a = one\nb = two {n}\nc = three\n").unwrap();
        let shifted = parse_catalog("a = eins\nc = drei\n").unwrap();
        assert_eq!(
            catalog_file::check_language(&english, &shifted),
            vec![CatalogError::KeyMismatch {
                position: 2,
                expected: "b".into(),
                found: Some("c".into()),
            }]
        );
        let no_placeholder = parse_catalog("a = eins\nb = zwei\nc = drei\n").unwrap();
        assert_eq!(
            catalog_file::check_language(&english, &no_placeholder),
            vec![CatalogError::PlaceholderMismatch {
                line: 2,
                key: "b".into(),
                english: vec!["n".into()],
                found: vec![],
            }]
        );
    }

    #[test]
    fn malformed_lines_and_placeholders_are_named_by_line() {
        assert_eq!(
            parse_catalog("# c\n\nkey without equals\n"),
            Err(CatalogError::Malformed { line: 3 })
        );
        assert_eq!(
            parse_catalog("a = open {brace\n"),
            Err(CatalogError::BadPlaceholder {
                line: 1,
                key: "a".into()
            })
        );
        assert_eq!(
            parse_catalog("a = x\na = y\n"),
            Err(CatalogError::DuplicateKey {
                line: 2,
                key: "a".into()
            })
        );
    }

    #[test]
    fn placeholders_are_filled_by_name_whatever_their_order() {
        let english = Text::english();
        // The template is English's; a translation may order the names
        // differently, which `fill` handles by name.
        let index = 0;
        let filled = Text {
            lang: Lang::De,
            loaded: Some(vec!["{b} vor {a}".to_owned()]),
        }
        .fill(index, &[("a", "1"), ("b", "2")]);
        assert_eq!(filled, "2 vor 1");
        assert!(!english.get(index).is_empty());
    }

    #[test]
    fn numbers_follow_the_language_and_keep_non_numbers() {
        let german = Text {
            lang: Lang::De,
            loaded: None,
        };
        assert_eq!(german.number("-1.72"), "\u{2212}1,72");
        assert_eq!(german.number("6.53"), "6,53");
        assert_eq!(Text::english().number("-2.60"), "\u{2212}2.60");
        assert_eq!(Text::english().number("83"), "83");
        assert_eq!(german.number("NR"), "NR");
        assert_eq!(german.number("-"), "-");
        assert_eq!(german.number("1e-5"), "1e-5");
    }

    #[test]
    fn shown_keeps_english_as_typed_and_localises_the_others() {
        let german = Text {
            lang: Lang::De,
            loaded: None,
        };
        assert_eq!(Text::english().shown("-1.72"), "-1.72");
        assert_eq!(german.shown("-1.72"), "\u{2212}1,72");
        assert_eq!(german.shown("NR"), "NR");
    }

    #[test]
    fn rounded_is_fixed_then_shown() {
        let german = Text {
            lang: Lang::De,
            loaded: None,
        };
        // −1.724778 to two places: −1.72; in German with U+2212 and a comma.
        assert_eq!(
            Text::english().rounded(-1.724778, 2).as_deref(),
            Some("-1.72")
        );
        assert_eq!(
            german.rounded(-1.724778, 2).as_deref(),
            Some("\u{2212}1,72")
        );
        assert_eq!(german.rounded(f64::NAN, 1), None);
    }

    #[test]
    fn fixed_rounds_like_a_hand_calculation() {
        // Working: -2.5998766 × 100 = -259.98766 → -260 → "-2.60".
        assert_eq!(fixed(-2.5998766, 2).as_deref(), Some("-2.60"));
        assert_eq!(fixed(0.256, 2).as_deref(), Some("0.26"));
        assert_eq!(fixed(-0.001, 2).as_deref(), Some("0.00"));
        assert_eq!(fixed(6.53, 2).as_deref(), Some("6.53"));
        assert_eq!(fixed(83.0, 0).as_deref(), Some("83"));
        assert_eq!(fixed(1.05, 1).as_deref(), Some("1.1"));
        assert_eq!(fixed(0.0005, 3).as_deref(), Some("0.001"));
        assert_eq!(fixed(f64::NAN, 2), None);
        assert_eq!(fixed(f64::INFINITY, 1), None);
        assert_eq!(fixed(1e20, 0), None);
    }

    #[test]
    fn fixed_agrees_with_std_formatting_away_from_ties() {
        // std's `{:.2}` as the independent source, on values that are not
        // within 1e-9 of a rounding tie (where the two rules may differ).
        let mut x: f64 = -4.0;
        while x < 4.0 {
            let scaled = x * 1000.0;
            if (scaled - scaled.trunc()).abs() > 1e-6 {
                for d in 0..4u32 {
                    let tie = (x * 10f64.powi(d as i32)).fract().abs();
                    if (tie - 0.5).abs() > 1e-9 {
                        let std = format!("{x:.*}", d as usize);
                        let std = if std
                            .trim_start_matches('-')
                            .chars()
                            .all(|c| c == '0' || c == '.')
                        {
                            std.trim_start_matches('-').to_owned()
                        } else {
                            std
                        };
                        assert_eq!(fixed(x, d).as_deref(), Some(std.as_str()), "{x} to {d}");
                    }
                }
            }
            x += 0.0137;
        }
    }

    #[test]
    fn preferences_pick_the_first_supported_primary_language() {
        assert_eq!(Lang::from_preferences(["de-AT", "en"]), Some(Lang::De));
        assert_eq!(
            Lang::from_preferences(["nl-NL", "fr-BE", "de"]),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_preferences(["IT"]), Some(Lang::It));
        assert_eq!(Lang::from_preferences(["nl", "lt"]), None);
        assert_eq!(Lang::from_code("es"), Some(Lang::Es));
        assert_eq!(Lang::from_code("ES"), None);
        assert_eq!(Lang::from_code("xx"), None);
    }
}
