//! The web worker's side (`src/main.rs` calls [`run`]): takes
//! requests, runs the [`Session`]'s steps back to back and posts a progress
//! report between two steps. Cancelling is the page terminating the worker,
//! which needs no cooperation from a step under way.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine::Session;
use crate::model::{Failure, Phase, Reply, Request, Step};

fn now() -> f64 {
    js_sys::Date::now()
}

fn post(reply: &Reply) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Ok(text) = serde_json::to_string(reply) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

fn drive(session: &RefCell<Session>) {
    loop {
        let Some(reply) = session.borrow_mut().step() else {
            break;
        };
        post(&reply);
    }
}

/// Starts listening; posts [`Reply::Ready`] (messages sent before the wasm
/// was running are lost, so the page waits for it).
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = Rc::new(RefCell::new(Session::new(now)));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let text = Reflect::get(&data, &"request".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let request = match serde_json::from_str::<Request>(&text) {
            Ok(request) => request,
            Err(error) => return post(&Reply::Failed(Failure::Garbled(error.to_string()))),
        };
        let session = session.clone();
        match request {
            Request::Import {
                separator,
                encoding,
                mapping,
            } => {
                let Some(file) = Reflect::get(&data, &"file".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<Blob>().ok())
                else {
                    return post(&Reply::Failed(Failure::FileDidNotArrive));
                };
                post(&Reply::Progress {
                    phase: Phase::Reading,
                    fraction: 0.0,
                    detail: Step::ReadingFile,
                });
                spawn_local(async move {
                    let bytes = match JsFuture::from(file.array_buffer()).await {
                        Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
                        Err(_) => return post(&Reply::Failed(Failure::FileUnreadable)),
                    };
                    let first = session
                        .borrow_mut()
                        .start_import(bytes, encoding, separator, &mapping);
                    post(&first);
                    drive(&session);
                });
            }
            other => {
                let reply = session.borrow_mut().handle(other);
                post(&reply);
                drive(&session);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it: the handler too.
    on_message.forget();
    post(&Reply::Ready);
}
