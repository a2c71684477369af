//! A listener on `window` that is removed when dropped, so a component's
//! effect can own it and clean up on unmount.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Event;

pub struct WindowListener {
    event: &'static str,
    closure: Closure<dyn Fn(Event)>,
}

impl WindowListener {
    /// Calls `handler` on every `event` on `window` (nothing when there is
    /// no window, as in a non-browser test).
    pub fn new(event: &'static str, handler: impl Fn(Event) + 'static) -> Self {
        let closure = Closure::<dyn Fn(Event)>::new(handler);
        if let Some(window) = web_sys::window() {
            let _ =
                window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        WindowListener { event, closure }
    }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                self.event,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}
