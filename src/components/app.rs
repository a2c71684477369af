//! The application shell: owns the state, keeps it in the URL fragment, and
//! lays out the form, the results and the About view.

use calculator_core::published::SHORT_CITATION;
use calculator_core::summary::CAVEAT;
use calculator_core::Assessment;
use yew::prelude::*;

use crate::components::about::About;
use crate::components::input_form::InputForm;
use crate::components::results::Results;
use crate::location::{listen_for_fragment_changes, read_fragment, write_fragment};
use crate::state::{Action, CalculatorState, View};

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| CalculatorState::with_inputs(read_fragment()));

    use_effect_with(state.inputs.clone(), write_fragment);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = listen_for_fragment_changes(move |inputs| {
                dispatcher.dispatch(Action::ReplaceInputs(inputs))
            });
            move || drop(listener)
        });
    }

    let assessment = use_memo(state.inputs.clone(), Assessment::new);
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let show = |view: View| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Show(view)))
    };

    html! {
        <div class="app">
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
                </nav>
            </header>
            <p class="disclaimer" role="note" data-testid="disclaimer">
                <strong>{ "Reference, not prediction. " }</strong>
                { CAVEAT }
            </p>
            if state.view == View::Calculator {
                <main class="layout">
                    <InputForm inputs={state.inputs.clone()} assessment={assessment.clone()} on_action={on_action} />
                    <Results assessment={assessment} />
                </main>
            } else {
                <main><About /></main>
            }
            <footer>
                <p>{ format!("Source: {SHORT_CITATION} (83 patients). Computed in your browser; nothing is sent anywhere.") }</p>
                <p data-testid="version">{ format!("Version {}", env!("CARGO_PKG_VERSION")) }</p>
            </footer>
        </div>
    }
}
