//! Copying text for the medical record or a colleague.

use wasm_bindgen_futures::JsFuture;

/// Why a copy did not happen; the UI tells the user to copy by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyFailed;

/// Writes `text` to the clipboard. Browsers allow this only in a secure
/// context (https, localhost) after a user gesture.
pub async fn copy_text(text: &str) -> Result<(), CopyFailed> {
    let window = web_sys::window().ok_or(CopyFailed)?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| CopyFailed)
}
