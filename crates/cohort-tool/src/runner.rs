//! The page's side of the cohort work: a web worker where one can be loaded
//! (served over http(s): `cohort-tool_loader.js`, same origin, allowed by
//! the CSP's `worker-src 'self'`), else the same [`Session`] steps on the
//! page with a `setTimeout(0)` yield between two steps, so the progress bar
//! paints and the cancel button answers (the single file opened from
//! `file://` cannot start a worker; one step then holds the page for up to
//! one Cox fit).
//!
//! A worker that fails (a wasm trap, which is also how an allocation that
//! does not fit ends: Rust aborts; an exception; its scripts not loading)
//! fires `error` at its `Worker` object: the runner stops it and reports
//! [`Reply::WorkerFailed`], so the view can end the progress bar and offer a
//! retry instead of waiting for a reply that never comes; the next request
//! goes to a fresh worker ([`CohortRunner::revive`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Event, File, MessageEvent, Worker};
use yew::Callback;

use crate::engine::Session;
use crate::model::{Failure, Phase, Reply, Request, Step};

/// The worker's loader script, written by Trunk next to index.html.
pub const WORKER_URL: &str = "cohort-tool_loader.js";

struct WorkerBackend {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<JsValue>>>,
    /// Set when the worker failed and was stopped.
    failed: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

enum Backend {
    Worker(WorkerBackend),
    Page {
        session: Rc<RefCell<Session>>,
        /// Bumped by a cancel: a running loop sees it and stops.
        generation: Rc<Cell<u32>>,
    },
}

/// Sends requests to the cohort work and hands every reply to `on_reply`.
pub struct CohortRunner {
    backend: Backend,
    on_reply: Callback<Reply>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

pub(crate) fn served_over_http() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "http:" || p == "https:")
}

fn start_worker(on_reply: &Callback<Reply>) -> Option<WorkerBackend> {
    if !served_over_http() {
        return None;
    }
    let worker = Worker::new(WORKER_URL).ok()?;
    let ready = Rc::new(Cell::new(false));
    let queue: Rc<RefCell<Vec<JsValue>>> = Rc::default();
    let on_message = {
        let (ready, queue, on_reply, worker) = (
            ready.clone(),
            queue.clone(),
            on_reply.clone(),
            worker.clone(),
        );
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            match serde_json::from_str::<Reply>(&text) {
                Ok(Reply::Ready) => {
                    ready.set(true);
                    for message in queue.borrow_mut().drain(..) {
                        let _ = worker.post_message(&message);
                    }
                }
                Ok(reply) => on_reply.emit(reply),
                Err(error) => on_reply.emit(Reply::Failed(Failure::Garbled(error.to_string()))),
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let failed = Rc::new(Cell::new(false));
    let on_error = {
        let (on_reply, worker, failed) = (on_reply.clone(), worker.clone(), failed.clone());
        Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            // Handled here: not logged again as the page's own uncaught error.
            event.prevent_default();
            worker.terminate();
            failed.set(true);
            on_reply.emit(Reply::WorkerFailed(failure_detail(&event)));
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(WorkerBackend {
        worker,
        ready,
        queue,
        failed,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// What a worker's `error` event says: an `ErrorEvent`'s message
/// ("Uncaught RuntimeError: unreachable") for an exception or a trap; a
/// plain `Event`, with nothing to say, when its script could not be loaded.
/// Read through `Reflect` so that the plain event needs no special case.
pub(crate) fn failure_detail(event: &Event) -> String {
    Reflect::get(event, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| "its script could not be loaded or started".into())
}

/// Resolves on the next macrotask, after the browser has had a chance to paint.
async fn yield_to_the_page() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

impl CohortRunner {
    pub fn new(on_reply: Callback<Reply>) -> Self {
        let backend = match start_worker(&on_reply) {
            Some(worker) => Backend::Worker(worker),
            None => Backend::Page {
                session: Rc::new(RefCell::new(Session::new(now))),
                generation: Rc::default(),
            },
        };
        CohortRunner { backend, on_reply }
    }

    /// Whether the work runs in a web worker (else on the page).
    pub fn in_worker(&self) -> bool {
        matches!(self.backend, Backend::Worker(_))
    }

    pub fn send(&self, request: Request, file: Option<File>) {
        match &self.backend {
            Backend::Worker(backend) => {
                let message = Object::new();
                let text = serde_json::to_string(&request).unwrap_or_default();
                let _ = Reflect::set(&message, &"request".into(), &text.into());
                if let Some(file) = file {
                    let _ = Reflect::set(&message, &"file".into(), &file);
                }
                if backend.ready.get() {
                    let _ = backend.worker.post_message(&message);
                } else {
                    backend.queue.borrow_mut().push(message.into());
                }
            }
            Backend::Page {
                session,
                generation,
            } => {
                let (session, on_reply) = (session.clone(), self.on_reply.clone());
                let (generation, mine) = (generation.clone(), generation.get());
                spawn_local(async move {
                    let first = match (request, file) {
                        (
                            Request::Import {
                                separator,
                                encoding,
                                mapping,
                            },
                            Some(file),
                        ) => {
                            on_reply.emit(Reply::Progress {
                                phase: Phase::Reading,
                                fraction: 0.0,
                                detail: Step::ReadingFile,
                            });
                            match JsFuture::from(file.array_buffer()).await {
                                Ok(buffer) => session.borrow_mut().start_import(
                                    js_sys::Uint8Array::new(&buffer).to_vec(),
                                    encoding,
                                    separator,
                                    &mapping,
                                ),
                                Err(_) => Reply::Failed(Failure::FileUnreadable),
                            }
                        }
                        (request, _) => session.borrow_mut().handle(request),
                    };
                    if generation.get() != mine {
                        return;
                    }
                    on_reply.emit(first);
                    loop {
                        yield_to_the_page().await;
                        if generation.get() != mine {
                            return;
                        }
                        let Some(reply) = session.borrow_mut().step() else {
                            return;
                        };
                        on_reply.emit(reply);
                    }
                });
            }
        }
    }

    /// Replaces a worker that failed with a fresh one; nothing otherwise.
    /// Called before a request from the user (never from a reply handler:
    /// the failed worker's handlers are dropped here).
    pub fn revive(&mut self) {
        if matches!(&self.backend, Backend::Worker(b) if b.failed.get()) {
            self.cancel();
        }
    }

    /// Stops the work under way at once and forgets the imported cohort
    /// (a fresh worker is started, so this is also how a failed one is
    /// replaced before a retry).
    pub fn cancel(&mut self) {
        match &mut self.backend {
            Backend::Worker(backend) => {
                backend.worker.terminate();
                if let Some(fresh) = start_worker(&self.on_reply) {
                    *backend = fresh;
                }
            }
            Backend::Page {
                session,
                generation,
            } => {
                generation.set(generation.get().wrapping_add(1));
                *session.borrow_mut() = Session::new(now);
            }
        }
    }
}

impl Drop for CohortRunner {
    fn drop(&mut self) {
        if let Backend::Worker(backend) = &self.backend {
            backend.worker.terminate();
        }
    }
}
