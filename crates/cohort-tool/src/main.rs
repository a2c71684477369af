//! The cohort tool's own wasm (issue 6's "Validate on your cohort" view, its
//! analyses and its web worker), kept out of the calculator's wasm so that a
//! first visit downloads only the calculator (issue 5's size budget). Trunk
//! builds it from index.html's `data-type="worker"` link as `cohort-tool.js`
//! (wasm-bindgen's "no-modules" bindings, which load both in a page and in a
//! worker), `cohort-tool_bg.wasm` and the worker's `cohort-tool_loader.js`.
//!
//! On the page, the calculator's start script loads it when the cohort view
//! is opened and calls [`mount`]; in the worker, `main` serves requests.

use cohort_tool as cohort;
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    // A page has a window; the worker has none.
    if web_sys::window().is_none() {
        cohort::worker::run();
    }
}

/// Renders the cohort view into `root` (an empty element of the calculator's page).
#[wasm_bindgen]
pub fn mount(root: web_sys::Element) {
    cohort::mount(root);
}

/// Removes the cohort view, stopping its worker.
#[wasm_bindgen]
pub fn unmount() {
    cohort::unmount();
}
