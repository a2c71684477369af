//! Moving the focus after an action that removes or replaces the focused
//! element (a "Use g/dL" button that disappears once pressed, Clear, a
//! change of view), so keyboard users are never left on the page's body.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Focuses the element with `data-testid="{testid}"` once the current render
/// has finished (the element may only exist after it).
pub fn focus_after_render(testid: impl Into<String>) {
    let testid: String = testid.into();
    let Some(window) = web_sys::window() else {
        return;
    };
    let focus = Closure::once_into_js(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("[data-testid=\"{testid}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(focus.unchecked_ref(), 0);
}

/// Calls `then` once after `millis`, unless the page is gone.
pub fn after(millis: i32, then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(then);
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), millis);
}
