//! Where the cohort view goes. The view, its analyses and its worker are a
//! wasm of their own (`crates/cohort-tool`), downloaded the first time
//! the view is opened, so that the calculator's first visit stays small. The
//! start script (offline/start.js, or the single file's script) provides
//! `soramicCohort.mount(element)` and `soramicCohort.unmount()`.
//!
//! The cohort tool is a second Yew app. It renders into an element this
//! component leaves empty: two apps never manage the same nodes.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Loads the cohort tool if needed and renders it into `root`.
    #[wasm_bindgen(js_namespace = soramicCohort, js_name = mount, catch)]
    fn mount_cohort_tool(root: &web_sys::Element) -> Result<js_sys::Promise, JsValue>;

    /// Removes the cohort view (and stops its worker); cancels a pending mount.
    #[wasm_bindgen(js_namespace = soramicCohort, js_name = unmount, catch)]
    fn unmount_cohort_tool() -> Result<(), JsValue>;
}

#[derive(Clone, Copy, PartialEq)]
enum Loading {
    Pending,
    Done,
    Failed,
}

#[component]
pub fn CohortSlot() -> Html {
    let root = use_node_ref();
    let loading = use_state(|| Loading::Pending);
    {
        let (root, loading) = (root.clone(), loading.clone());
        use_effect_with((), move |_| {
            if let Some(element) = root.cast::<web_sys::Element>() {
                spawn_local(async move {
                    let mounted = match mount_cohort_tool(&element) {
                        Ok(promise) => JsFuture::from(promise).await.is_ok(),
                        Err(_) => false,
                    };
                    loading.set(if mounted {
                        Loading::Done
                    } else {
                        Loading::Failed
                    });
                });
            }
            || {
                let _ = unmount_cohort_tool();
            }
        });
    }
    let status = match *loading {
        Loading::Pending => html! {
            <p class="cohort-loading" role="status" data-testid="cohort-loading">
                { "Loading the cohort tool…" }
            </p>
        },
        Loading::Done => html! {},
        Loading::Failed => html! {
            <p class="cohort-load-failed" role="alert" data-testid="cohort-load-failed">
                { "The cohort tool could not be loaded. It is downloaded the first time this view is \
                   opened, so it needs the site to be reachable once; the offline file \
                   (calculator-offline.html, see About) contains it." }
            </p>
        },
    };
    html! {
        <>
            { status }
            <div ref={root} class="cohort-root"></div>
        </>
    }
}
