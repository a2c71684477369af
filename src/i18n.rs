//! The chosen language in the page: which one (the address's `lang=`, else
//! the browser's preferred languages, else English), its catalog (English is
//! compiled in; the others come from `lang/<code>.txt`, or from the single
//! file's embedded copy), `<html lang>`, and the `use_text()` hook every
//! component reads its strings from.

use std::rc::Rc;

use text::{Lang, LoadError, Text};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The text of the chosen language, shared by context. Compared by pointer:
/// a new catalog is a new `Rc`, and comparing the strings themselves on every
/// render would cost more than it saves.
#[derive(Clone, Debug)]
pub struct TextHandle(pub Rc<Text>);

impl PartialEq for TextHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for TextHandle {
    fn default() -> Self {
        TextHandle(Rc::new(Text::english()))
    }
}

impl std::ops::Deref for TextHandle {
    type Target = Text;
    fn deref(&self) -> &Text {
        &self.0
    }
}

/// The strings of the chosen language; English where no provider is mounted
/// (a component test).
#[hook]
pub fn use_text() -> TextHandle {
    use_context::<TextHandle>().unwrap_or_default()
}

/// The language a page opens in when its address names none: the first of
/// the browser's preferred languages that is one of the five, else English.
/// Read from the browser once per page: the address is written on every
/// edit, and the preference does not change while the page is open.
pub fn preferred_lang() -> Lang {
    thread_local! {
        static PREFERRED: std::cell::OnceCell<Lang> = const { std::cell::OnceCell::new() };
    }
    PREFERRED.with(|preferred| *preferred.get_or_init(browser_preference))
}

fn browser_preference() -> Lang {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Lang::En;
    };
    let tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    Lang::from_preferences(tags.iter().map(String::as_str)).unwrap_or_default()
}

/// Sets `<html lang>` (screen readers' pronunciation, hyphenation, and the
/// browser's own spelling and translation offers).
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Why a language could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageUnavailable {
    /// Offline before the language was ever loaded, or a server error.
    NotFetched,
    /// The file did not read as this version's catalog.
    Unreadable(LoadError),
}

/// The catalog of `lang`: embedded in the single file, else fetched from
/// `lang/de.txt` (the service worker keeps it once fetched).
pub async fn load(lang: Lang) -> Result<Text, LanguageUnavailable> {
    if lang == Lang::En {
        return Ok(Text::english());
    }
    let source = match embedded(lang) {
        Some(source) => source,
        None => fetch_text(&lang.catalog_path())
            .await
            .ok_or(LanguageUnavailable::NotFetched)?,
    };
    Text::from_catalog(lang, &source).map_err(LanguageUnavailable::Unreadable)
}

/// The single file (no fetch from `file://`) carries every catalog in its one
/// script, as `globalThis.soramicCatalogs = { de: "…", … }` (scripts/postbuild.mjs).
fn embedded(lang: Lang) -> Option<String> {
    let catalogs = js_sys::Reflect::get(&js_sys::global(), &"soramicCatalogs".into()).ok()?;
    if catalogs.is_undefined() {
        return None;
    }
    js_sys::Reflect::get(&catalogs, &lang.code().into())
        .ok()?
        .as_string()
}

async fn fetch_text(path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(path)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// calculator-core keeps English copies of the two statements for the
    /// places not yet worded through the text layer; they must not drift.
    #[test]
    fn the_cores_english_statements_are_the_catalogs() {
        let english = Text::english();
        assert_eq!(english.app_caveat(), calculator_core::summary::CAVEAT);
        assert_eq!(
            english.summary_separate_markers(),
            calculator_core::summary::SEPARATE_MARKERS
        );
    }
}
