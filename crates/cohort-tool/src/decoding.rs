//! A file's bytes as text, in the encoding the page decided
//! (`cohort::encoding`, issue 15). In the browser by the browser's own
//! decoder (`TextDecoder`, the WHATWG Encoding Standard); natively (the
//! engine's tests) by `cohort::encoding::decode`, `encoding_rs`, which
//! implements the same standard. Why not `encoding_rs` in the wasm too: its
//! decoder dispatch brings every encoding's tables (the CJK ones included)
//! into the binary, 127 KB gzip more for four decoders the browser already
//! has (BENCHMARKS.md, "Cohort files").

use cohort::encoding::TextEncoding;

/// The text (a UTF-16 BOM dropped), and whether any byte
/// sequence could not be decoded (shown as U+FFFD).
///
/// Valid UTF-8 becomes the text without a copy (a BOM is left for the CSV
/// reader, which skips it): an 80 MB file is not held twice.
pub fn decode(bytes: Vec<u8>, encoding: TextEncoding) -> (String, bool) {
    if encoding == TextEncoding::Utf8 {
        match String::from_utf8(bytes) {
            Ok(text) => (text, false),
            Err(error) => decode_copy(error.as_bytes(), encoding),
        }
    } else {
        decode_copy(&bytes, encoding)
    }
}

#[cfg(target_arch = "wasm32")]
fn decode_copy(bytes: &[u8], encoding: TextEncoding) -> (String, bool) {
    use web_sys::{TextDecoder, TextDecoderOptions};
    // The encoding's code is its WHATWG label.
    let label = encoding.code();
    let strict = TextDecoderOptions::new();
    strict.set_fatal(true);
    if let Ok(text) = TextDecoder::new_with_label_and_options(label, &strict)
        .and_then(|decoder| decoder.decode_with_u8_array(bytes))
    {
        return (text, false);
    }
    // Not valid in this encoding: decoded with replacement characters,
    // and said.
    match TextDecoder::new_with_label(label).and_then(|d| d.decode_with_u8_array(bytes)) {
        Ok(text) => (text, true),
        Err(_) => lossy_utf8(bytes),
    }
}

/// Only if the browser had no decoder for a label it must have: UTF-8
/// with replacement characters, said as undecodable.
#[cfg(target_arch = "wasm32")]
fn lossy_utf8(bytes: &[u8]) -> (String, bool) {
    (String::from_utf8_lossy(bytes).into_owned(), true)
}

/// Natively: `encoding_rs`, the same standard.
#[cfg(not(target_arch = "wasm32"))]
fn decode_copy(bytes: &[u8], encoding: TextEncoding) -> (String, bool) {
    cohort::encoding::decode(bytes, encoding)
}
