//! The cohort view's language: the one the calculator shows. The cohort tool
//! is a Yew app of its own (its own wasm), so it cannot read the calculator's
//! `TextHandle` context; it reads `<html lang>`, which the calculator sets to
//! the language actually shown once that language's catalog has loaded
//! (`soramic_il_calculator::i18n`), and follows it with a `MutationObserver`,
//! so a switch while the view is open re-renders it with its results kept.

use std::rc::Rc;

use soramic_il_calculator::i18n::{load, TextHandle};
use text::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The language `<html lang>` names; English for a missing or unknown code
/// (the calculator never sets one, but a test page might).
fn page_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// The text of the page's language, kept in step with `<html lang>`. While
/// a language loads the previous one stays; a catalog that cannot be loaded
/// leaves the view as it was (the calculator has already said why).
#[hook]
pub fn use_page_text() -> TextHandle {
    let handle = use_state(TextHandle::default);
    // The language shown (or being loaded); the state handle captured by the
    // observer would only know the first one.
    // `None` after a failed load, so that the next change asks again.
    let shown = use_mut_ref(|| Some(Lang::En));
    {
        let handle = handle.clone();
        use_effect_with((), move |_| {
            let follow = Rc::new(move || {
                let lang = page_lang();
                if *shown.borrow() == Some(lang) {
                    return;
                }
                *shown.borrow_mut() = Some(lang);
                let (handle, shown) = (handle.clone(), shown.clone());
                spawn_local(async move {
                    let loaded = load(lang).await;
                    // A later switch wins over a slow earlier load.
                    if page_lang() != lang {
                        return;
                    }
                    match loaded {
                        Ok(text) => handle.set(TextHandle(Rc::new(text))),
                        // Asked again at the next change of `<html lang>`.
                        Err(_) => *shown.borrow_mut() = None,
                    }
                });
            });
            follow();
            let on_change = {
                let follow = follow.clone();
                Closure::<dyn FnMut()>::new(move || follow())
            };
            let observer = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()).ok();
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            if let (Some(observer), Some(root)) = (&observer, root) {
                let options = web_sys::MutationObserverInit::new();
                options.set_attributes(true);
                options.set_attribute_filter(&js_sys::Array::of1(&"lang".into()));
                let _ = observer.observe_with_options(&root, &options);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_change);
            }
        });
    }
    (*handle).clone()
}
