//! The static copy of the app that the page paints before the wasm arrives
//! (written into index.html at build time by `scripts/prerender.mjs`).
//!
//! Yew replaces it when it mounts. A clinician may already have typed into
//! it on a slow network: those values are carried into the fragment first,
//! so nothing typed is lost. A link's own values win over the copy's.

use calculator_core::{
    AlbuminUnit, BilirubinUnit, ChildPughClass, Cirrhosis, LabField, RawInputs, Selection,
};
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement, HtmlSelectElement};

use crate::location::{read_fragment, write_fragment};

/// Copies what was typed into the static copy into the URL fragment.
pub fn carry_over_typed_values() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("[data-prerendered]")
        .ok()
        .flatten()
        .is_none()
        || !read_fragment().is_empty()
    {
        return;
    }
    let typed = read_shell(&document);
    if !typed.is_empty() {
        write_fragment(&typed);
    }
}

fn read_shell(document: &Document) -> RawInputs {
    let mut inputs = RawInputs::default();
    for field in LabField::ALL {
        if let Some(input) = element::<HtmlInputElement>(
            document,
            &format!("[data-testid=\"input-{}\"]", field.key()),
        ) {
            *inputs.text_mut(field) = input.value();
        }
    }
    if let Some(unit) = element::<HtmlSelectElement>(document, "[data-testid=\"unit-albumin\"]")
        .and_then(|s| AlbuminUnit::from_code(&s.value()))
    {
        inputs.albumin_unit = Selection::Chosen(unit);
    }
    if let Some(unit) = element::<HtmlSelectElement>(document, "[data-testid=\"unit-bilirubin\"]")
        .and_then(|s| BilirubinUnit::from_code(&s.value()))
    {
        inputs.bilirubin_unit = Selection::Chosen(unit);
    }
    if let Some(choice) = checked(document, "cirrhosis").and_then(|c| Cirrhosis::from_code(&c)) {
        inputs.cirrhosis = Selection::Chosen(choice);
    }
    if let Some(choice) =
        checked(document, "child_pugh").and_then(|c| ChildPughClass::from_code(&c))
    {
        inputs.child_pugh = Selection::Chosen(choice);
    }
    inputs
}

fn element<T: JsCast>(document: &Document, selector: &str) -> Option<T> {
    document
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<T>().ok())
}

fn checked(document: &Document, name: &str) -> Option<String> {
    element::<HtmlInputElement>(document, &format!("input[name=\"{name}\"]:checked"))
        .map(|i| i.value())
}
