//! The workbook reader's web worker (issue 15). calamine is about 330 KB
//! gzip in wasm: it lives here, in a wasm of its own that the cohort tool
//! starts only when a workbook is opened (`cohort_tool::workbook_reader`),
//! never on the calculator's first visit nor with the cohort view.
//!
//! Posts [`WorkerReply::Ready`] once running, then answers every message
//! (the workbook's bytes, a `Uint8Array`) with [`WorkerReply::Read`], as
//! JSON text. A trap in the reader ends as the worker's `error` event, which
//! the page reports.

use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use workbook::WorkerReply;

fn post(scope: &DedicatedWorkerGlobalScope, reply: &WorkerReply) {
    if let Ok(text) = serde_json::to_string(reply) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Not in a worker (this wasm is never loaded on a page).
        return;
    };
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = event
            .data()
            .dyn_into::<Uint8Array>()
            .map(|array| array.to_vec())
            .unwrap_or_default();
        post(&replies, &WorkerReply::Read(workbook::read(bytes)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page wants it: the handler too.
    on_message.forget();
    post(&scope, &WorkerReply::Ready);
}
