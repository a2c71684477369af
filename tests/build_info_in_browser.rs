//! The footer's version label reads the build id that the post-build step
//! (`scripts/postbuild.mjs`) writes into the page as `<meta name="build-id">`.
#![cfg(target_arch = "wasm32")]

use soramic_il_calculator::build_info::{build_id, version_label, VERSION};
use text::{Lang, Text};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_label_names_the_build_in_the_page_and_says_so_when_there_is_none() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let english = Text::english();
    let german = Text::from_catalog(Lang::De, include_str!("../crates/text/lang/de.txt"))
        .expect("the German catalog loads");
    // The test harness page has no build id: a development build.
    assert_eq!(build_id(), None);
    assert_eq!(
        version_label(&english),
        format!("Version {VERSION}, development build")
    );
    assert_eq!(
        version_label(&german),
        format!("Version {VERSION}, Entwicklungs-Build")
    );

    let meta = document.create_element("meta").expect("meta");
    meta.set_attribute("name", "build-id").expect("name");
    meta.set_attribute("content", "0123456789abcdef")
        .expect("content");
    document
        .query_selector("head")
        .ok()
        .flatten()
        .expect("head")
        .append_child(&meta)
        .expect("append");
    assert_eq!(build_id().as_deref(), Some("0123456789abcdef"));
    assert_eq!(
        version_label(&english),
        format!("Version {VERSION}, build 0123456789abcdef")
    );
    assert_eq!(
        version_label(&german),
        format!("Version {VERSION}, Build 0123456789abcdef")
    );

    // An empty id is no id.
    meta.set_attribute("content", "").expect("content");
    assert_eq!(build_id(), None);
    meta.remove();
}
