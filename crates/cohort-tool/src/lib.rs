//! The cohort tool, "Validate on your cohort" (issue 6): a centre's own
//! CSV, imported and analysed in the browser by the published cutoffs,
//! beside the paper. A crate of its own (issue 12) so that the calculator's
//! crate depends on neither `cohort`, `survival` nor `serde`.
//!
//! * [`model`]: what crosses between the page and the worker;
//! * [`remote`]: the domain's typed errors as JSON, for the page to word;
//! * [`engine`]: the work, in steps (plain Rust, tested natively);
//! * [`worker`]: the web worker's entry point (`src/main.rs`);
//! * [`runner`]: the page's side: a worker, or the same steps on the page
//!   with a yield between them where no worker can be loaded (`file://`);
//! * [`words`]: what the engine and the worker say, worded by the page in
//!   the calculator's language ([`language`] follows `<html lang>`);
//! * [`pool_view`]: pooling centre summaries (issue 14), on the page;
//! * [`cohort_view`] and its parts: the screen, a Yew app of its own that
//!   [`mount`] renders into the calculator's page.
//!
//! None of this is in the calculator's wasm: `src/main.rs` (the
//! `cohort-tool` binary) builds it into a wasm that is downloaded only when
//! the view is first opened (`soramic_il_calculator::components::cohort_slot`
//! on the calculator's side).

#![forbid(unsafe_code)]

pub mod cohort_view;
pub mod decoding;
pub mod engine;
pub mod language;
pub mod model;
pub mod pool_view;
pub mod remote;
pub mod runner;
pub mod words;
pub mod workbook_reader;
pub mod worker;

use std::cell::RefCell;

use yew::AppHandle;

thread_local! {
    static MOUNTED: RefCell<Option<AppHandle<cohort_view::CohortView>>> = const { RefCell::new(None) };
    static SUBTREE_ID_TAKEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[yew::component]
fn Nothing() -> yew::Html {
    yew::Html::default()
}

/// Yew numbers the DOM subtrees it controls from 1 in each wasm instance,
/// marks their elements with that number, and a subtree handles the events
/// whose target carries its number. The calculator's app is subtree 1 of its
/// wasm; the cohort view would be subtree 1 of this one, inside it, and the
/// calculator would then run its own handlers for clicks in the cohort view
/// (e2e: "Import" switched back to the calculator). One throwaway app on a
/// detached element takes number 1 here, so the cohort view's is never the
/// calculator's.
fn take_a_subtree_id_of_our_own() {
    if SUBTREE_ID_TAKEN.with(|taken| taken.replace(true)) {
        return;
    }
    let detached = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok());
    if let Some(element) = detached {
        yew::Renderer::<Nothing>::with_root(element)
            .render()
            .destroy();
    }
}

/// Renders the cohort view into `root`, replacing any earlier one.
pub fn mount(root: web_sys::Element) {
    unmount();
    take_a_subtree_id_of_our_own();
    let handle = yew::Renderer::<cohort_view::CohortView>::with_root(root).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

/// Removes the cohort view (its worker stops with it); nothing if none is shown.
pub fn unmount() {
    if let Some(handle) = MOUNTED.with(|m| m.borrow_mut().take()) {
        handle.destroy();
    }
}
