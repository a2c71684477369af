//! The application shell: owns the state, keeps it in the URL fragment, and
//! lays out the form, the results and the About view.

use calculator_core::published::{citation, Marker, COHORT_SIZE, SHORT_CITATION, SOURCE};
use calculator_core::{Assessment, RawInputs};
use text::{Lang, Text};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::build_info::version_label;
use crate::components::about::About;
use crate::components::cohort_slot::CohortSlot;
use crate::components::follow_up_course::{chart_marker, follow_up_course};
use crate::components::input_form::InputForm;
use crate::components::km_chart::KmChart;
use crate::components::language_switch::LanguageSwitch;
use crate::components::results::{outside_mark, Results};
use crate::components::toolbar::Toolbar;
use crate::focus::{after, focus_after_render};
use crate::form_text::FormLabel;
use crate::i18n::{load, preferred_lang, set_document_lang, LanguageUnavailable, TextHandle};
use crate::location::{
    listen_for_fragment_changes, read_fragment, read_lang, read_view, write_address, HistoryEntry,
};
use crate::state::{Action, CalculatorState, View};
use crate::window_events::WindowListener;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| CalculatorState {
        view: read_view(),
        lang: read_lang().unwrap_or_else(preferred_lang),
        ..CalculatorState::with_inputs(read_fragment())
    });
    let text = use_language(state.lang);
    let t = text.handle.clone();

    // Edits replace the current history entry; a change of view pushes one,
    // so Back returns to the previous view and never steps through keystrokes.
    let written_view = use_mut_ref(|| state.view);
    use_effect_with(
        (state.inputs.clone(), state.view, state.lang),
        move |(inputs, view, lang)| {
            let entry = if *written_view.borrow() == *view {
                HistoryEntry::Replace
            } else {
                HistoryEntry::Push
            };
            *written_view.borrow_mut() = *view;
            write_address(inputs, *view, *lang, entry);
        },
    );
    // The field typed into in the static first paint keeps the focus.
    use_effect_with((), |_| crate::prerender_shell::restore_focus());
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = listen_for_fragment_changes(move |inputs, view, lang| {
                dispatcher.dispatch(Action::ReplaceInputs(Box::new(inputs)));
                dispatcher.dispatch(Action::Show(view));
                dispatcher.dispatch(Action::SetLang(lang.unwrap_or_else(preferred_lang)));
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
    // Presentation mode asks for full screen, and leaving it leaves full
    // screen; leaving full screen (Esc, which the browser keeps for itself
    // while full screen) leaves presentation mode. A browser that refuses
    // full screen leaves presentation mode on.
    use_effect_with(state.presentation, |&on| {
        if on {
            request_fullscreen();
        } else {
            exit_fullscreen();
        }
    });
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = WindowListener::new("fullscreenchange", move |_| {
                if fullscreen_element().is_none() {
                    dispatcher.dispatch(Action::SetPresentation(false));
                }
            });
            move || drop(listener)
        });
    }
    // The print header's date is taken when printing starts, not at render;
    // the published tables, folded on screen, print open on page 2; and the
    // chart is drawn on its large-type layout, so its text stays legible on
    // paper (issue 16: at least 7 pt).
    let printed_at = use_state(String::new);
    let printing = use_state(|| false);
    // The print date in the language's own order (day before month in all
    // five; English as in the UK, not the US month-first form).
    let print_locale = use_mut_ref(|| state.lang);
    *print_locale.borrow_mut() = state.lang;
    {
        let printed_at = printed_at.clone();
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let started = printing.clone();
            let before = WindowListener::new("beforeprint", move |_| {
                let now = js_sys::Date::new_0();
                let locale = match *print_locale.borrow() {
                    Lang::En => "en-GB",
                    Lang::De => "de-DE",
                    Lang::Fr => "fr-FR",
                    Lang::Es => "es-ES",
                    Lang::It => "it-IT",
                };
                printed_at.set(String::from(
                    now.to_locale_string(locale, &wasm_bindgen::JsValue::UNDEFINED),
                ));
                started.set(true);
                set_print_open(true);
            });
            let after = WindowListener::new("afterprint", move |_| {
                printing.set(false);
                set_print_open(false);
            });
            move || drop((before, after))
        });
    }
    // Presentation mode: while the results column would scroll (a longer
    // language at 1280×720), --fit steps down (style.css: the left column's
    // text a little smaller, its column a little wider), so that no caveat
    // sits below the edge of the shared screen. Back to the full size
    // whenever what is shown, the language or the window changes.
    let fit = use_state_eq(|| 0usize);
    {
        let fit = fit.clone();
        let measure = state.presentation && !*printing && state.view == View::Calculator;
        use_effect(move || {
            if measure && *fit + 1 < FIT.len() && results_column_overflows() {
                fit.set(*fit + 1);
            }
        });
    }
    {
        let fit = fit.clone();
        use_effect_with(
            (state.presentation, t.lang(), state.inputs.clone()),
            move |_| fit.set(0),
        );
    }
    {
        let fit = fit.clone();
        use_effect_with((), move |_| {
            let listener = WindowListener::new("resize", move |_| fit.set(0));
            move || drop(listener)
        });
    }
    let version = use_memo(t.clone(), |t| version_label(t));
    let assessment = use_memo(state.inputs.clone(), Assessment::new);
    let summary = use_memo((t.clone(), assessment.clone()), |(t, a)| {
        crate::summary::summary(t, a).map(AttrValue::from)
    });
    let show = |view: View| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::Show(view));
            focus_after_render("view-heading");
        })
    };
    // Clear offers Undo for 10 seconds; focus goes back to the first field.
    let on_form_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| {
            let clearing = action == Action::Clear;
            dispatcher.dispatch(action);
            if clearing {
                focus_after_render("input-il6");
                let dispatcher = dispatcher.clone();
                after(UNDO_MILLIS, move || dispatcher.dispatch(Action::ForgetUndo));
            }
        })
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::UndoClear);
            focus_after_render("input-il6");
        })
    };
    let on_skip = Callback::from(|event: MouseEvent| {
        // A plain #anchor would replace the fragment, which holds the inputs.
        event.prevent_default();
        focus_after_render("input-il6");
    });
    let result_bar = result_bar(&t, &assessment);
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |lang: Lang| dispatcher.dispatch(Action::SetLang(lang)))
    };
    let language_switch = html! {
        <LanguageSwitch lang={state.lang} on_change={on_lang} problem={text.problem.clone()} />
    };

    let nav = html! {
        <nav class="views" aria-label={t.app_nav_label().to_owned()}>
            <button type="button" data-testid="nav-calculator"
                aria-current={(state.view == View::Calculator).then_some("page")}
                onclick={show(View::Calculator)}>{ t.app_nav_calculator() }</button>
            <button type="button" data-testid="nav-about"
                aria-current={(state.view == View::About).then_some("page")}
                onclick={show(View::About)}>{ t.app_nav_about() }</button>
            <button type="button" data-testid="nav-cohort"
                aria-current={(state.view == View::Cohort).then_some("page")}
                onclick={show(View::Cohort)}>{ t.app_nav_cohort() }</button>
        </nav>
    };

    // Document order puts the first field second in the Tab order (after the
    // skip link); the views and the toolbar follow the page's content there
    // and are placed at the top by the stylesheet's grid areas.
    html! {
        <ContextProvider<TextHandle> context={t.clone()}>
        <div class={classes!("app", state.presentation.then_some("presentation"), format!("view-{}", state.view.code().unwrap_or("calculator")), FIT[*fit])}>
            if state.view == View::Calculator {
                <a class="skip-link" href="#input-il6" data-testid="skip-link" onclick={on_skip}>{ t.app_skip_link() }</a>
            }
            // First in the document so that, on paper, the heading and the
            // statement flow beside it and the form gets the page's width.
            <div class="patient-label print-only" data-testid="patient-label-box" aria-hidden="true">{ t.app_patient_label() }</div>
            <header class="masthead">
                <h1>{ t.app_title() }</h1>
                <p class="subtitle">{ t.app_subtitle() }</p>
            </header>
            <p class="disclaimer" role="note" data-testid="disclaimer">
                <strong>{ t.app_disclaimer_lead() }</strong>{ " " }
                { t.app_caveat() }{ " " }
                { t.app_source(SHORT_CITATION) }
            </p>
            if state.view == View::Calculator {
                <main class="layout" aria-labelledby="view-heading">
                    <h2 id="view-heading" class="visually-hidden" tabindex="-1" data-testid="view-heading">{ t.app_nav_calculator() }</h2>
                    { values_strip(&t, &state.inputs, &assessment) }
                    <InputForm inputs={state.inputs.clone()} assessment={assessment.clone()} on_action={on_form_action} />
                    if state.undo.is_some() {
                        <p class="undo" role="status" data-testid="undo-status">
                            { t.app_undo_status() }{ " " }
                            <button type="button" data-testid="undo-clear" onclick={on_undo}>{ t.app_undo() }</button>
                        </p>
                    }
                    <Results
                        assessment={assessment.clone()}
                        summary={(*summary).clone()}
                        chart={html! { <>
                            <KmChart il6_group={assessment.group(Marker::Il6)} il8_group={assessment.group(Marker::Il8)} outside_mark={outside_mark(&assessment)} presentation={state.presentation} printing={*printing} fit_step={*fit}
                                follow_up_marker={chart_marker(&t, assessment.group(Marker::Il6), assessment.follow_up.outcome())} />
                            { follow_up_course(&t, assessment.group(Marker::Il6), assessment.follow_up.outcome()) }
                            { print_follow_up(&t, &assessment) }
                        </> }}
                    />
                    { result_bar }
                </main>
                // The language last: it wraps beside the toolbar, so the
                // controls keep two rows in the longer languages too.
                <div class="top-controls">
                    { nav }
                    <Toolbar
                        summary={(*summary).clone()}
                        presentation={state.presentation}
                        on_toggle_presentation={let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::TogglePresentation))}
                    />
                    { language_switch.clone() }
                </div>
            } else {
                <div class="top-controls">{ nav }{ language_switch }</div>
                <main aria-labelledby="view-heading">
                    if state.view == View::Cohort {
                        <h2 id="view-heading" class="visually-hidden" tabindex="-1" data-testid="view-heading">{ t.app_heading_cohort() }</h2>
                        <CohortSlot />
                    } else {
                        <h2 id="view-heading" class="visually-hidden" tabindex="-1" data-testid="view-heading">{ t.app_nav_about() }</h2>
                        <About />
                    }
                </main>
            }
            <footer>
                <p>{ t.app_footer(SHORT_CITATION, SOURCE.doi, &COHORT_SIZE.to_string()) }</p>
                if state.view != View::About {
                    <p class="print-only" data-testid="citation">{ citation() }</p>
                }
                <p class="print-only" data-testid="print-date">{ t.app_printed(&printed_at) }</p>
                <p data-testid="version">{ (*version).clone() }</p>
            </footer>
        </div>
        </ContextProvider<TextHandle>>
    }
}

/// The values as typed, in one line: what presentation mode and the printed
/// page show instead of the form (unknown characteristics are left out; page
/// 2 lists each against the cohort). Digits stay as typed; outside English
/// the decimal separator is the language's, so a German board does not read
/// `12.4` beside `−1,72`; the choices are the form's words.
fn values_strip(t: &Text, inputs: &RawInputs, assessment: &Assessment) -> Html {
    let mut parts: Vec<String> = Vec::new();
    // A typed value with its label and unit, when one was typed.
    let typed = |label: &str, value: &str, unit: Option<&str>| -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let value = match t.lang() {
            Lang::En => value.to_owned(),
            _ => t.number(&value.replace(',', ".")),
        };
        Some(format!(
            "{label} {value}{}",
            unit.map(|u| format!(" {u}")).unwrap_or_default()
        ))
    };
    parts.extend(typed("IL6", &inputs.il6, Some("pg/mL")));
    parts.extend(typed("IL8", &inputs.il8, Some("pg/mL")));
    parts.extend(typed(
        t.app_values_albumin(),
        &inputs.albumin,
        inputs.albumin_unit.chosen().map(|u| u.label()),
    ));
    parts.extend(typed(
        t.app_values_bilirubin(),
        &inputs.bilirubin,
        inputs.bilirubin_unit.chosen().map(|u| u.label()),
    ));
    if let Some(c) = inputs.cirrhosis.chosen() {
        parts.push(format!("{} {}", t.app_values_cirrhosis(), c.form_label(t)));
    }
    if let Some(c) = inputs.child_pugh.chosen() {
        parts.push(format!("{} {}", t.app_values_child_pugh(), c.form_label(t)));
    }
    // The parts the score was computed from, and the score (the graded
    // follow-up is on paper in `print-follow-up`, and in the note).
    parts.extend(typed(t.cp_inr(), &inputs.inr, None));
    if let Some(c) = inputs.ascites.chosen() {
        parts.push(format!("{}: {}", t.cp_ascites(), c.form_label(t)));
    }
    if let Some(c) = inputs.encephalopathy.chosen() {
        parts.push(format!("{}: {}", t.cp_encephalopathy(), c.form_label(t)));
    }
    if let Some(score) = assessment.child_pugh_score() {
        parts.push(t.cp_total(&score.total().to_string(), &score.label()));
    }
    if let Some(c) = inputs.bclc.chosen() {
        parts.push(format!("BCLC {}", c.form_label(t)));
    }
    if let Some(c) = inputs.ecog.chosen() {
        parts.push(format!("ECOG {}", c.form_label(t)));
    }
    if let Some(c) = inputs.extrahepatic.chosen() {
        parts.push(format!(
            "{}: {}",
            t.app_values_extrahepatic(),
            c.form_label(t)
        ));
    }
    html! { <p class="values-strip" data-testid="values-strip">{ parts.join(" · ") }</p> }
}

/// The classes of presentation mode's --fit steps (style.css sets --fit
/// from 0.96 down to 0.8; a class, since the Content Security Policy allows
/// no inline style).
const FIT: [&str; 6] = ["", "fit-1", "fit-2", "fit-3", "fit-4", "fit-5"];

/// Whether presentation mode's results column is taller than its cell.
fn results_column_overflows() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(".presentation .layout > .results")
                .ok()
                .flatten()
        })
        .is_some_and(|results| results.scroll_height() > results.client_height() + 1)
}

/// On paper, where the form is not printed: the Child–Pugh score from its
/// parts and the graded follow-up, as the note says them.
fn print_follow_up(t: &Text, a: &Assessment) -> Html {
    let lines = crate::summary::child_pugh_and_follow_up(t, a);
    if lines.is_empty() {
        return Html::default();
    }
    html! { <p class="print-only" data-testid="print-follow-up">{ lines.join(" ") }</p> }
}

/// How long Clear's Undo is offered.
const UNDO_MILLIS: i32 = 10_000;

/// The patient's groups and mALBI grade in one line, kept on screen on a
/// phone (sticky) once the values are valid.
fn result_bar(t: &Text, a: &Assessment) -> Html {
    let (Some(il6), Some(il8), Some(albi)) = (a.group(Marker::Il6), a.group(Marker::Il8), a.albi)
    else {
        return Html::default();
    };
    html! {
        <div class="result-bar" data-testid="result-bar" aria-hidden="true">
            <span>{ format!("IL6 {}", il6.code()) }</span>
            <span>{ format!("IL8 {}", il8.code()) }</span>
            <span>{ format!("mALBI {}", albi.malbi_grade().code()) }</span>
            if a.applicability.is_outside() { <span class="outside">{ t.app_result_bar_outside() }</span> }
        </div>
    }
}

/// Opens (or closes again) the `<details class="print-open">` sections that
/// are folded on screen but belong on paper. Only those opened for printing
/// are closed afterwards.
fn set_print_open(open: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = if open {
        "details.print-open:not([open])"
    } else {
        "details.print-open[data-opened-for-print]"
    };
    let Ok(list) = document.query_selector_all(selector) else {
        return;
    };
    for index in 0..list.length() {
        let Some(element) = list
            .item(index)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if open {
            let _ = element.set_attribute("open", "");
            let _ = element.set_attribute("data-opened-for-print", "");
        } else {
            let _ = element.remove_attribute("open");
            let _ = element.remove_attribute("data-opened-for-print");
        }
    }
}

/// The chosen language's text, and why it is not shown if it could not be
/// loaded.
struct LanguageState {
    handle: TextHandle,
    problem: Option<AttrValue>,
}

/// Loads `lang`'s catalog whenever the choice changes and sets `<html lang>`
/// to the language actually shown. The previous language stays on screen
/// while the next one loads; a late answer for an earlier choice is dropped.
#[hook]
fn use_language(lang: Lang) -> LanguageState {
    let handle = use_state(TextHandle::default);
    let problem = use_state(|| None::<AttrValue>);
    let wanted = use_mut_ref(|| lang);
    {
        let handle = handle.clone();
        let problem = problem.clone();
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            *wanted.borrow_mut() = lang;
            if handle.lang() == lang {
                problem.set(None);
                set_document_lang(lang);
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = load(lang).await;
                if *wanted.borrow() != lang {
                    return;
                }
                match loaded {
                    Ok(text) => {
                        set_document_lang(lang);
                        handle.set(TextHandle(std::rc::Rc::new(text)));
                        problem.set(None);
                    }
                    Err(why) => {
                        let message = match why {
                            LanguageUnavailable::NotFetched => handle.lang_load_failed_offline(),
                            LanguageUnavailable::Unreadable(_) => handle.lang_load_failed_version(),
                        };
                        problem.set(Some(AttrValue::from(message.to_owned())));
                    }
                }
            });
        });
    }
    LanguageState {
        handle: (*handle).clone(),
        problem: (*problem).clone(),
    }
}

/// The element shown full screen, if any.
fn fullscreen_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.fullscreen_element()
}

/// Asks the browser to show the page full screen, unless it already is.
fn request_fullscreen() {
    if fullscreen_element().is_some() {
        return;
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        call_quietly(&root, "requestFullscreen");
    }
}

/// Leaves full screen, if the page is full screen.
fn exit_fullscreen() {
    if fullscreen_element().is_none() {
        return;
    }
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        call_quietly(&document, "exitFullscreen");
    }
}

/// Calls `object.method()` where the browser has it, and ignores whatever
/// goes wrong: an exception, or the promise's rejection (a refusal: no user
/// gesture, a policy, a headless browser), which would otherwise surface
/// as an uncaught error. Full screen is a convenience, never a condition.
fn call_quietly(object: &wasm_bindgen::JsValue, method: &str) {
    let Ok(function) = js_sys::Reflect::get(object, &wasm_bindgen::JsValue::from_str(method))
    else {
        return;
    };
    let Some(function) = function.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let Ok(result) = function.call0(object) else {
        return;
    };
    if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
