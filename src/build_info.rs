//! Which build is running: the crate version and the build id.
//!
//! The build id is a hash of everything the build is made of; the post-build
//! step (`scripts/postbuild.mjs`) writes it into the page as
//! `<meta name="build-id">`, because it depends on the wasm itself and so
//! cannot be compiled in. The service worker's cache carries the same id, so
//! the footer says exactly which cached build a clinician is looking at.

/// The crate version, e.g. `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The build id from the page, or `None` where there is none (a page not made
/// by the release build, such as the component tests' harness).
pub fn build_id() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name=\"build-id\"]").ok()??;
    meta.get_attribute("content").filter(|id| !id.is_empty())
}

/// "Version 0.1.0, build 1a2b3c4d5e6f7a8b" (or "…, development build"), in
/// the reader's language.
pub fn version_label(t: &text::Text) -> String {
    match build_id() {
        Some(id) => t.version_build(VERSION, &id),
        None => t.version_development(VERSION),
    }
}
