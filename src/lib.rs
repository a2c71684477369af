//! The Yew front end of the SORAMIC IL calculator. The domain lives in the
//! `calculator-core` crate; this crate only renders state and emits actions.

#![forbid(unsafe_code)]

pub mod build_info;
pub mod chart_export;
pub mod clipboard;
pub mod components;
pub mod focus;
pub mod form_text;
pub mod i18n;
pub mod location;
pub mod prerender_shell;
pub mod state;
/// The study's words in the reader's language (kept under this name for the
/// views and the cohort tool; the module lives in `wording`, shared with the chart).
pub use wording::study as study_text;
pub mod summary;
pub mod window_events;

pub use components::app::App;

/// Mounts the app on the page's body, replacing the static first paint.
pub fn start() {
    prerender_shell::carry_over_typed_values();
    prerender_shell::remember_focus();
    yew::Renderer::<App>::new().render();
}
