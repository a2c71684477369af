//! The static copy of the app that the page paints before the wasm arrives
//! (written into index.html at build time by `scripts/prerender.mjs`).
//!
//! Yew replaces it when it mounts. A clinician may already have typed into
//! it on a slow network: those values are carried into the fragment first,
//! so nothing typed is lost. A link's own values win over the copy's. The
//! field being typed into keeps the focus and the caret across the takeover
//! ([`remember_focus`], [`restore_focus`]), so the next keystroke lands in
//! the live field.

use calculator_core::{
    AlbuminUnit, BclcStage, BilirubinUnit, ChildPughClass, Choice, Cirrhosis, EcogStatus,
    ExtrahepaticDisease, LabField, RawInputs, Selection,
};
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement, HtmlSelectElement};

use crate::location::{read_fragment, write_fragment};

/// Copies what was typed into the static copy into the URL fragment.
pub fn carry_over_typed_values() {
    let Some(document) = document() else {
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

thread_local! {
    /// Set by [`remember_focus`] before the app mounts, taken by [`restore_focus`].
    static FOCUSED: std::cell::RefCell<Option<FocusedField>> = const { std::cell::RefCell::new(None) };
}

/// Notes which control of the static copy has the focus (call before mounting).
pub fn remember_focus() {
    let focused = FocusedField::take();
    FOCUSED.with(|f| *f.borrow_mut() = focused);
}

/// Gives the focus to the live control that had it in the static copy (call
/// once the app has rendered: the app's first effect).
pub fn restore_focus() {
    if let Some(focused) = FOCUSED.with(|f| f.borrow_mut().take()) {
        focused.restore();
    }
}

/// The control of the static copy that has the focus, by its `data-testid`
/// (the live app renders the same hooks), with the caret of a text field.
struct FocusedField {
    test_id: String,
    selection: Option<(u32, u32)>,
}

impl FocusedField {
    /// What has the focus in the static copy, if anything does.
    fn take() -> Option<Self> {
        let active = document()?.active_element()?;
        active.closest("[data-prerendered]").ok()??;
        let test_id = active.get_attribute("data-testid")?;
        let selection = active.dyn_ref::<HtmlInputElement>().and_then(|input| {
            // `selectionStart` throws on radios: `ok()` turns that into None.
            Some((input.selection_start().ok()??, input.selection_end().ok()??))
        });
        Some(FocusedField { test_id, selection })
    }

    /// Focuses the live app's control with the same hook, caret included.
    fn restore(self) {
        let Some(document) = document() else {
            return;
        };
        let Some(element) = element::<web_sys::HtmlElement>(
            &document,
            &format!("[data-testid=\"{}\"]", self.test_id),
        ) else {
            return;
        };
        let _ = element.focus();
        if let (Some((start, end)), Some(input)) =
            (self.selection, element.dyn_ref::<HtmlInputElement>())
        {
            let _ = input.set_selection_range(start, end);
        }
    }
}

fn read_shell(document: &Document) -> RawInputs {
    let mut inputs = RawInputs::default();
    for field in LabField::ALL {
        if let Some(input) = element::<HtmlInputElement>(
            document,
            &format!("[data-testid=\"input-{}\"]", field.code()),
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
    if let Some(choice) = checked_choice::<Cirrhosis>(document, "cirrhosis") {
        inputs.cirrhosis = Selection::Chosen(choice);
    }
    if let Some(choice) = checked_choice::<ChildPughClass>(document, "child_pugh") {
        inputs.child_pugh = Selection::Chosen(choice);
    }
    if let Some(choice) = checked_choice::<BclcStage>(document, "bclc") {
        inputs.bclc = Selection::Chosen(choice);
    }
    if let Some(choice) = checked_choice::<EcogStatus>(document, "ecog") {
        inputs.ecog = Selection::Chosen(choice);
    }
    if let Some(choice) = checked_choice::<ExtrahepaticDisease>(document, "extrahepatic") {
        inputs.extrahepatic = Selection::Chosen(choice);
    }
    inputs
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn element<T: JsCast>(document: &Document, selector: &str) -> Option<T> {
    document
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<T>().ok())
}

fn checked_choice<T: Choice>(document: &Document, name: &str) -> Option<T> {
    checked(document, name).and_then(|code| T::from_code(&code))
}

fn checked(document: &Document, name: &str) -> Option<String> {
    element::<HtmlInputElement>(document, &format!("input[name=\"{name}\"]:checked"))
        .map(|i| i.value())
}
