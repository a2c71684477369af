//! The page's side of the workbook reader (issue 15): the worker of
//! `crates/workbook-reader` (calamine in a wasm of its own), started when a
//! workbook is opened and stopped once it has answered. Its wasm is not in
//! the cohort tool's: the reader is about 330 KB gzip, downloaded (and kept
//! by the service worker for offline use) only by someone who opens a
//! workbook.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker};
use workbook::{SheetText, WorkbookError, WorkerReply};

use crate::runner::{failure_detail, served_over_http};

/// The worker's loader script, written by Trunk next to index.html.
pub const WORKER_URL: &str = "workbook-reader_loader.js";

/// Why a workbook's sheets did not arrive.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadFailure {
    /// The page was opened from a file (the single file): no worker can start.
    NoWorker,
    /// The worker did not start or failed (its scripts not reachable
    /// offline before a first use, a trap); the browser's words.
    WorkerFailed(String),
    /// The reader's answer.
    Workbook(WorkbookError),
}

/// What reading a workbook gives.
pub type Read = Result<Vec<SheetText>, ReadFailure>;

/// Every sheet of the workbook `bytes`, read in the worker.
pub async fn read(bytes: Vec<u8>) -> Read {
    if !served_over_http() {
        return Err(ReadFailure::NoWorker);
    }
    let worker = Worker::new(WORKER_URL).map_err(|e| {
        ReadFailure::WorkerFailed(e.as_string().unwrap_or_else(|| "no worker".into()))
    })?;
    // Resolved by the first answer (the sheets, a refusal or a failure),
    // which waits in `outcome`.
    let mut resolve = None;
    let answered = Promise::new(&mut |resolve_with, _| resolve = Some(resolve_with));
    let outcome: Rc<RefCell<Option<Read>>> = Rc::default();
    let finish = {
        let outcome = outcome.clone();
        move |result| {
            *outcome.borrow_mut() = Some(result);
            if let Some(resolve) = &resolve {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    };
    let on_message = {
        let (worker, finish) = (worker.clone(), finish.clone());
        let mut bytes = Some(bytes);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            match serde_json::from_str::<WorkerReply>(&text) {
                // Sent once it runs: a message posted earlier would be lost.
                Ok(WorkerReply::Ready) => {
                    if let Some(bytes) = bytes.take() {
                        let _ = worker.post_message(&Uint8Array::from(bytes.as_slice()));
                    }
                }
                Ok(WorkerReply::Read(result)) => finish(result.map_err(ReadFailure::Workbook)),
                Err(error) => finish(Err(ReadFailure::WorkerFailed(error.to_string()))),
            }
        })
    };
    let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        // Handled here: not logged again as the page's own uncaught error.
        event.prevent_default();
        finish(Err(ReadFailure::WorkerFailed(failure_detail(&event))));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let _ = JsFuture::from(answered).await;
    worker.terminate();
    // The handlers live until here (they are dropped after the worker stops).
    drop((on_message, on_error));
    let result = outcome.borrow_mut().take();
    result.unwrap_or_else(|| Err(ReadFailure::WorkerFailed("no answer".into())))
}
