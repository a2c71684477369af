//! The application shell: owns the state, keeps it in the URL fragment, and
//! lays out the form, the results and the About view.

use calculator_core::published::{citation, Marker, SHORT_CITATION, SOURCE};
use calculator_core::summary::{summary, CAVEAT};
use calculator_core::Assessment;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::build_info::version_label;
use crate::components::about::About;
use crate::components::cohort_slot::CohortSlot;
use crate::components::input_form::InputForm;
use crate::components::km_chart::KmChart;
use crate::components::results::{outside_mark, Results};
use crate::components::toolbar::Toolbar;
use crate::location::{listen_for_fragment_changes, read_fragment, write_fragment};
use crate::state::{Action, CalculatorState, View};
use crate::window_events::WindowListener;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| CalculatorState::with_inputs(read_fragment()));

    use_effect_with(state.inputs.clone(), write_fragment);
    // The field typed into in the static first paint keeps the focus.
    use_effect_with((), |_| crate::prerender_shell::restore_focus());
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = listen_for_fragment_changes(move |inputs| {
                dispatcher.dispatch(Action::ReplaceInputs(Box::new(inputs)))
            });
            move || drop(listener)
        });
    }

    {
        // Alt+P toggles presentation mode from anywhere; Esc leaves it.
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = WindowListener::new("keydown", move |event| {
                let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if key.alt_key() && key.code() == "KeyP" {
                    key.prevent_default();
                    dispatcher.dispatch(Action::TogglePresentation);
                } else if key.key() == "Escape" {
                    dispatcher.dispatch(Action::SetPresentation(false));
                }
            });
            move || drop(listener)
        });
    }
    // The print header's date is taken when printing starts, not at render.
    let printed_at = use_state(String::new);
    {
        let printed_at = printed_at.clone();
        use_effect_with((), move |_| {
            let listener = WindowListener::new("beforeprint", move |_| {
                let now = js_sys::Date::new_0();
                printed_at.set(String::from(
                    now.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED),
                ));
            });
            move || drop(listener)
        });
    }

    let version = use_memo((), |_| version_label());
    let assessment = use_memo(state.inputs.clone(), Assessment::new);
    let summary = use_memo(assessment.clone(), |a| summary(a).map(AttrValue::from));
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let show = |view: View| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Show(view)))
    };

    html! {
        <div class={classes!("app", state.presentation.then_some("presentation"))}>
            <header class="masthead">
                <h1>{ "IL6 · IL8 · ALBI reference calculator" }</h1>
                <p class="subtitle">{ "Advanced HCC treated with 90Y radioembolization plus sorafenib" }</p>
                <nav aria-label="Views">
                    <button type="button" data-testid="nav-calculator"
                        aria-current={(state.view == View::Calculator).then_some("page")}
                        onclick={show(View::Calculator)}>{ "Calculator" }</button>
                    <button type="button" data-testid="nav-about"
                        aria-current={(state.view == View::About).then_some("page")}
                        onclick={show(View::About)}>{ "About the model" }</button>
                    <button type="button" data-testid="nav-cohort"
                        aria-current={(state.view == View::Cohort).then_some("page")}
                        onclick={show(View::Cohort)}>{ "Validate on your cohort" }</button>
                </nav>
            </header>
            <p class="disclaimer" role="note" data-testid="disclaimer">
                <strong>{ "Reference, not prediction. " }</strong>
                { CAVEAT }
                { " Source: " }{ SHORT_CITATION }{ "." }
            </p>
            if state.view == View::Calculator {
                <Toolbar
                    summary={(*summary).clone()}
                    presentation={state.presentation}
                    on_toggle_presentation={let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::TogglePresentation))}
                />
                <main class="layout">
                    <InputForm inputs={state.inputs.clone()} assessment={assessment.clone()} on_action={on_action} />
                    <Results assessment={assessment.clone()} summary={(*summary).clone()} />
                    <KmChart il6_group={assessment.group(Marker::Il6)} il8_group={assessment.group(Marker::Il8)} outside_mark={outside_mark(&assessment)} presentation={state.presentation} />
                </main>
            } else if state.view == View::Cohort {
                <main><CohortSlot /></main>
            } else {
                <main><About /></main>
            }
            <footer>
                <p>{ format!("Source: {SHORT_CITATION}, doi:{} (83 patients). Computed in your browser; nothing is sent anywhere.", SOURCE.doi) }</p>
                if state.view != View::About {
                    <p class="print-only" data-testid="citation">{ citation() }</p>
                }
                <p class="print-only" data-testid="print-date">{ format!("Printed {}", *printed_at) }</p>
                <p data-testid="version">{ (*version).clone() }</p>
            </footer>
        </div>
    }
}
