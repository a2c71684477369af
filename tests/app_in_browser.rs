//! Component tests: the real app mounted in headless Chromium, driven through
//! its `data-testid` hooks. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use soramic_il_calculator::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A mounted app, unmounted (and its element removed) when the test ends.
///
/// Every app writes the page's one address. A finished test's app left
/// mounted kept its effects and listeners: on a loaded machine one of them
/// wrote its own inputs into the address after the next test had cleared it
/// (`clear_empties_the_form_and_the_fragment` read
/// `#albumin=3.4&albumin_unit=g/dL…` from the unit-warning test's app).
struct Mounted {
    root: Element,
    app: Option<yew::AppHandle<App>>,
}

impl std::ops::Deref for Mounted {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Mounts a fresh app in its own element, after setting the page's fragment.
fn mount(fragment: &str) -> Mounted {
    let window = web_sys::window().expect("window");
    let href = window.location().href().expect("href");
    let base = href.split('#').next().unwrap_or_default().to_owned();
    let url = if fragment.is_empty() {
        base
    } else {
        format!("{base}#{fragment}")
    };
    window
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .expect("replaceState");
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    Mounted {
        root,
        app: Some(app),
    }
}

fn find(root: &Element, testid: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .ok()
        .flatten()
}

/// Waits until `check` holds, polling the scheduler (no fixed sleep). Up
/// to 10 s: on a loaded two-core CI machine a fragment write once took more
/// than the 1 s this allowed before (`clear_empties_the_form_and_the_fragment`).
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..2000 {
        if check() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(5)).await;
    }
    panic!(
        "timed out waiting for {what} (the address says {:?})",
        fragment()
    );
}

async fn text_of(root: &Element, testid: &str) -> String {
    until(testid, || find(root, testid).is_some()).await;
    find(root, testid)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn bubbling(kind: &str) -> Event {
    let init = EventInit::new();
    init.set_bubbles(true);
    Event::new_with_event_init_dict(kind, &init).expect("event")
}

async fn type_into(root: &Element, testid: &str, text: &str) {
    until(testid, || find(root, testid).is_some()).await;
    let input: HtmlInputElement = find(root, testid).expect("input").unchecked_into();
    input.set_value(text);
    input.dispatch_event(&bubbling("input")).expect("dispatch");
    // A field's messages appear when it is left (issue 16).
    input
        .dispatch_event(&Event::new("blur").expect("event"))
        .expect("dispatch");
}

async fn select(root: &Element, testid: &str, value: &str) {
    let select: HtmlSelectElement = find(root, testid).expect("select").unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&bubbling("change"))
        .expect("dispatch");
}

fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn typing_values_shows_albi_and_groups() {
    let root = mount("");
    type_into(&root, "input-il6", "6,53").await;
    type_into(&root, "input-il8", "60.81").await;
    type_into(&root, "input-albumin", "40").await;
    type_into(&root, "input-bilirubin", "10").await;
    // Hand: 0.66 × log10(10) − 0.085 × 40 = 0.66 − 3.40 = −2.74 → grade 1, mALBI 1.
    assert_eq!(text_of(&root, "albi-score").await, "-2.74");
    assert_eq!(text_of(&root, "albi-grade").await, "1");
    assert_eq!(text_of(&root, "malbi-grade").await, "1");
    // 6.53 is at the cutoff: low. 60.81 is above 60.8: high.
    assert_eq!(text_of(&root, "il6-group").await, "low");
    assert_eq!(text_of(&root, "il8-group").await, "high");
    until("fragment update", || fragment().contains("il6=6,53")).await;
    assert_eq!(
        fragment(),
        "#il6=6,53&il8=60.81&albumin=40&albumin_unit=g/L&bilirubin=10&bilirubin_unit=umol/L"
    );
}

#[wasm_bindgen_test]
async fn a_bad_field_shows_its_error_and_keeps_the_others() {
    let root = mount("il6=12&albumin=40&bilirubin=10");
    assert_eq!(text_of(&root, "il6-group").await, "high");
    type_into(&root, "input-bilirubin", "1.2.3").await;
    let error = text_of(&root, "error-bilirubin").await;
    assert!(error.contains("More than one decimal separator"), "{error}");
    until("ALBI hidden", || find(&root, "albi-score").is_none()).await;
    // Nothing else the user typed is lost or changed.
    let il6: HtmlInputElement = find(&root, "input-il6").expect("il6").unchecked_into();
    let albumin: HtmlInputElement = find(&root, "input-albumin").expect("alb").unchecked_into();
    assert_eq!(il6.value(), "12");
    assert_eq!(albumin.value(), "40");
    assert_eq!(text_of(&root, "il6-group").await, "high");
    assert!(find(&root, "error-il6").is_none());
}

#[wasm_bindgen_test]
async fn the_albumin_unit_warning_offers_the_likely_unit() {
    let root = mount("albumin=3.4&bilirubin=10");
    let warning = text_of(&root, "warning-albumin").await;
    assert!(warning.contains("g/dL"), "{warning}");
    let button: HtmlElement = find(&root, "suggest-unit-albumin")
        .expect("suggestion button")
        .unchecked_into();
    button.click();
    until("unit switched", || find(&root, "warning-albumin").is_none()).await;
    assert_eq!(text_of(&root, "echo-albumin").await, "= 34 g/L");
    // Albumin in g/dL beside bilirubin in µmol/L: one question about the mixed
    // unit systems before ALBI (issue 10); the bilirubin is right as typed.
    assert!(find(&root, "albi-score").is_none());
    until("mixed-units question", || {
        find(&root, "confirm-unit-bilirubin").is_some()
    })
    .await;
    let confirm: HtmlElement = find(&root, "confirm-unit-bilirubin")
        .expect("confirm button")
        .unchecked_into();
    confirm.click();
    // 3.4 g/dL = 34 g/L; ALBI = 0.66 × 1 − 0.085 × 34 = 0.66 − 2.89 = −2.23 → 2b.
    assert_eq!(text_of(&root, "albi-score").await, "-2.23");
    assert_eq!(text_of(&root, "malbi-grade").await, "2b");
}

#[wasm_bindgen_test]
async fn switching_the_bilirubin_unit_reinterprets_the_number() {
    // 1 µmol/L looks like mg/dL: confirmed as typed in the link.
    let root = mount("albumin=35&bilirubin=1&unit_confirmed=bilirubin");
    // 1 µmol/L: 0.66 × 0 − 0.085 × 35 = −2.975 → "-2.98" (displayed), grade 1.
    assert_eq!(text_of(&root, "albi-score").await, "-2.98");
    select(&root, "unit-bilirubin", "mg/dL").await;
    // g/L with mg/dL: mixed unit systems, so ALBI waits for one confirmation.
    until("unit question", || {
        find(&root, "unit-check-bilirubin").is_some()
    })
    .await;
    assert!(find(&root, "albi-score").is_none());
    assert!(find(&root, "unit-check-albumin").is_some());
    let confirm: HtmlElement = find(&root, "confirm-unit-bilirubin")
        .expect("confirm button")
        .unchecked_into();
    confirm.click();
    // 1 mg/dL = 17.1 µmol/L: 0.66 × log10(17.1) − 2.975 = 0.66 × 1.232996 − 2.975 = −2.161223.
    until("rescored", || {
        find(&root, "albi-score")
            .and_then(|e| e.text_content())
            .as_deref()
            == Some("-2.16")
    })
    .await;
    assert_eq!(text_of(&root, "echo-bilirubin").await, "= 17.1 µmol/L");
}

#[wasm_bindgen_test]
async fn unknown_covariates_name_what_the_model_needs() {
    let root = mount("il6=12&il8=30&albumin=40&bilirubin=10");
    let cell = text_of(&root, "relative-hazard-os-model1").await;
    assert_eq!(cell, "cannot compute");
    let row = find(&root, "relative-hazard-os-model1")
        .and_then(|e| e.parent_element())
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        row.contains("cirrhosis") && row.contains("Child–Pugh class"),
        "{row}"
    );
    // Liver dysfunction Model 1 needs neither: IL6 high only → Table 3: 2.67,
    // shown to one decimal.
    assert_eq!(text_of(&root, "relative-hazard-ld-model1").await, "2.7");
}

#[wasm_bindgen_test]
async fn clear_empties_the_form_and_the_fragment() {
    let root = mount("il6=12&cirrhosis=yes");
    assert_eq!(text_of(&root, "il6-group").await, "high");
    let clear: HtmlElement = find(&root, "clear").expect("clear").unchecked_into();
    clear.click();
    until("cleared", || find(&root, "il6-group").is_none()).await;
    until("fragment cleared", || fragment().is_empty()).await;
    let unknown: HtmlInputElement = find(&root, "cirrhosis-unknown")
        .expect("radio")
        .unchecked_into();
    assert!(unknown.checked());
}
