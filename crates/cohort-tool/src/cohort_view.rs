//! The "Validate on your cohort" screen: file, mapping, row problems,
//! counts, the per-marker figures beside the paper's, Model 1 and 2, the
//! overlay charts with risk tables, the per-patient download and the cutoff
//! explorer. The work runs in a [`CohortRunner`]; this component only keeps
//! what came back and renders it.

use std::cell::RefCell;
use std::rc::Rc;

use calculator_core::number_input::parse_number;
use calculator_core::Marker;
use cohort::import::preview;
use cohort::limits::check_file_size;
use cohort::mapping::{ColumnMapping, EndpointRole, Role, TimeUnit};
use js_sys::Array;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, BlobPropertyBag, File, HtmlInputElement, HtmlSelectElement, Url};
use yew::prelude::*;

use crate::model::{
    coding_code, coding_text, AnalysisView, CutoffView, ImportView, MappingForm, MarkerView,
    ModelView, OptimalView, Phase, Reply, Request, EVENT_CODINGS,
};
use crate::runner::CohortRunner;
use soramic_il_calculator::chart_export::download;

/// Bytes read from the start of the file for the preview and the mapping.
const PREVIEW_BYTES: f64 = 65_536.0;

#[derive(Clone, PartialEq, Default)]
struct Progress {
    phase: Option<Phase>,
    fraction: f64,
    detail: String,
}

#[derive(Clone, PartialEq, Default)]
struct Screen {
    file_name: Option<String>,
    header: Vec<String>,
    separator: String,
    mapping: MappingForm,
    busy: Option<Progress>,
    import: Option<ImportView>,
    analysis: Option<AnalysisView>,
    cutoff: Option<CutoffView>,
    optimal: Option<OptimalView>,
    error: Option<String>,
    /// The worker failed: the error comes with a Retry button.
    worker_failed: bool,
    notice: Option<String>,
    /// The event codings detected from the columns' values by the preview
    /// (codes), shown for confirmation beside their selects.
    detected_coding: Option<String>,
    detected_second_coding: Option<String>,
}

fn save_csv(text: &str, name: &str) -> Result<(), String> {
    let parts = Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type("text/csv");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make a link")?;
    download(&url, name).map_err(|e| e.0.to_owned())?;
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub fn CohortView() -> Html {
    let screen = use_state(Screen::default);
    // The latest screen, for the reply handler (which outlives renders).
    let latest = use_mut_ref(Screen::default);
    *latest.borrow_mut() = (*screen).clone();
    let file = use_mut_ref(|| None::<File>);
    let runner: Rc<RefCell<Option<CohortRunner>>> = use_mut_ref(|| None);
    let in_worker = use_state(|| true);

    {
        let (runner, screen, latest, in_worker) = (
            runner.clone(),
            screen.clone(),
            latest.clone(),
            in_worker.clone(),
        );
        use_effect_with((), move |_| {
            let runner_for_replies = runner.clone();
            let on_reply = Callback::from(move |reply: Reply| {
                let mut next = latest.borrow().clone();
                match reply {
                    Reply::Ready => {}
                    Reply::Progress {
                        phase,
                        fraction,
                        detail,
                    } => {
                        next.busy = Some(Progress {
                            phase: Some(phase),
                            fraction,
                            detail,
                        })
                    }
                    Reply::Imported(import) => {
                        // Analysed at once only when clean and enough
                        // (cohort::limits::check_enough_patients).
                        let clean = import.rows_excluded == 0
                            && import.rows_used > 0
                            && import.too_few.is_none();
                        next.import = Some(import);
                        next.busy = None;
                        if clean {
                            if let Some(r) = runner_for_replies.borrow().as_ref() {
                                r.send(Request::Analyse, None);
                            }
                        }
                    }
                    Reply::Analysed(analysis) => {
                        next.analysis = Some(analysis);
                        next.busy = None;
                    }
                    Reply::Cutoff(view) => next.cutoff = Some(view),
                    Reply::Optimal(view) => next.optimal = Some(view),
                    Reply::Patients(text) => {
                        next.notice = Some(match save_csv(&text, "cohort-patients.csv") {
                            Ok(()) => "Per-patient CSV saved.".into(),
                            Err(e) => format!("Could not save the CSV: {e}."),
                        })
                    }
                    Reply::Failed(message) => {
                        next.error = Some(message);
                        next.busy = None;
                    }
                    Reply::WorkerFailed(detail) => {
                        // The worker's cohort went with it: nothing shown
                        // may be asked about again.
                        next.error = Some(worker_failed_text(&detail));
                        next.worker_failed = true;
                        next.busy = None;
                        next.import = None;
                        next.analysis = None;
                        next.cutoff = None;
                        next.optimal = None;
                    }
                }
                *latest.borrow_mut() = next.clone();
                screen.set(next);
            });
            let created = CohortRunner::new(on_reply);
            in_worker.set(created.in_worker());
            *runner.borrow_mut() = Some(created);
            move || drop(runner.borrow_mut().take())
        });
    }

    let send = {
        let runner = runner.clone();
        move |request: Request, file: Option<File>| {
            if let Some(r) = runner.borrow_mut().as_mut() {
                r.revive();
            }
            if let Some(r) = runner.borrow().as_ref() {
                r.send(request, file);
            }
        }
    };

    let on_file = {
        let (screen, file_ref) = (screen.clone(), file.clone());
        move |chosen: File| {
            let name = chosen.name();
            // Refused before a byte is read (cohort::limits).
            if let Err(too_large) = check_file_size(chosen.size() as u64) {
                *file_ref.borrow_mut() = None;
                screen.set(Screen {
                    file_name: Some(name.clone()),
                    error: Some(format!("{name}: {too_large}.")),
                    ..Screen::default()
                });
                return;
            }
            *file_ref.borrow_mut() = Some(chosen.clone());
            let screen = screen.clone();
            spawn_local(async move {
                let head = chosen
                    .slice_with_f64_and_f64(0.0, PREVIEW_BYTES)
                    .map(|b| b.text());
                let text = match head {
                    Ok(promise) => JsFuture::from(promise)
                        .await
                        .ok()
                        .and_then(|t| t.as_string()),
                    Err(_) => None,
                };
                let mut next = Screen {
                    file_name: Some(name),
                    ..Screen::default()
                };
                match text.map(|t| preview(&t, None, 5)) {
                    Some(Ok(p)) => {
                        next.separator = p.separator.code().to_owned();
                        next.mapping = MappingForm::from(&p.mapping);
                        next.header = p.header;
                        next.detected_coding = p.event_coding_detected.map(|c| coding_code(&c));
                        next.detected_second_coding =
                            p.second_event_coding_detected.map(|c| coding_code(&c));
                    }
                    Some(Err(e)) => next.error = Some(e.to_string()),
                    None => next.error = Some("The file could not be read.".into()),
                }
                screen.set(next);
            });
        }
    };

    let on_input_change = {
        let on_file = on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|files| files.get(0)) {
                on_file(f);
            }
        })
    };
    let on_drop = {
        let on_file = on_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                on_file(f);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let on_import = {
        let (screen, file, send) = (screen.clone(), file.clone(), send.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*screen).clone();
            next.import = None;
            next.analysis = None;
            next.cutoff = None;
            next.optimal = None;
            next.error = None;
            next.worker_failed = false;
            next.busy = Some(Progress {
                phase: Some(Phase::Reading),
                fraction: 0.0,
                detail: "Starting…".into(),
            });
            let request = Request::Import {
                // The form's select holds a code; an unknown one means "detect".
                separator: cohort::csv::Separator::from_code(&next.separator),
                mapping: Box::new(next.mapping.clone()),
            };
            screen.set(next);
            send(request, file.borrow().clone());
        })
    };
    // A fresh worker, then the same import again.
    let on_retry = {
        let (runner, on_import) = (runner.clone(), on_import.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(r) = runner.borrow_mut().as_mut() {
                r.cancel();
            }
            on_import.emit(e);
        })
    };
    let on_cancel = {
        let (screen, runner) = (screen.clone(), runner.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = runner.borrow_mut().as_mut() {
                r.cancel();
            }
            let mut next = (*screen).clone();
            next.busy = None;
            next.import = None;
            next.analysis = None;
            next.notice = Some("Cancelled. Nothing was kept; import again when ready.".into());
            screen.set(next);
        })
    };
    let on_analyse = {
        let (screen, send) = (screen.clone(), send.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*screen).clone();
            next.busy = Some(Progress {
                phase: Some(Phase::Analysing),
                fraction: 0.0,
                detail: "Starting the analyses…".into(),
            });
            screen.set(next);
            send(Request::Analyse, None);
        })
    };
    let on_fix = {
        let (screen, file) = (screen.clone(), file.clone());
        Callback::from(move |_: MouseEvent| {
            *file.borrow_mut() = None;
            screen.set(Screen {
                notice: Some("Correct the rows listed in the file, then choose it again.".into()),
                ..Screen::default()
            });
        })
    };
    let on_download = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(Request::Patients, None))
    };
    let set_mapping = {
        let screen = screen.clone();
        Callback::from(move |(key, value): (&'static str, String)| {
            let mut next = (*screen).clone();
            let column = (!value.is_empty()).then_some(value.clone());
            let m = &mut next.mapping;
            match key {
                "separator" => next.separator = value,
                "time_unit" => m.time_unit = value,
                "event_coding" => m.event_coding = value,
                "albumin_unit" => m.albumin_unit = value,
                "bilirubin_unit" => m.bilirubin_unit = value,
                "second_time_unit" => m.second_time_unit = value,
                "second_event_coding" => m.second_event_coding = value,
                role => {
                    if let Some(role) = Role::ALL.into_iter().find(|r| r.code() == role) {
                        let mut mapping = m.to_mapping();
                        *mapping.column_mut(role) = column;
                        *m = MappingForm {
                            // Keep the codes as chosen; only the column changes.
                            ..MappingForm::from(&mapping)
                        };
                    }
                }
            }
            screen.set(next);
        })
    };

    // Focus follows the work: after an import to the rows' heading (the
    // counts and any malformed rows or "too few" come first), after the
    // analysis to the results' heading, so a keyboard or screen-reader user
    // lands on what just appeared rather than on the Import button.
    {
        let stage = match (&screen.import, &screen.analysis) {
            (_, Some(_)) => "cohort-results-title",
            (Some(_), None) if screen.busy.is_none() => "cohort-rows-title",
            _ => "",
        };
        use_effect_with(stage, move |stage| {
            if !stage.is_empty() {
                focus_by_id(stage);
            }
        });
    }

    let s = &*screen;
    html! {
        <section class="cohort" data-testid="cohort" aria-labelledby="cohort-title">
            <h2 id="cohort-title">{ "Validate the cutoffs on your cohort" }</h2>
            <p class="warning cohort-research-label" role="note" data-testid="cohort-research-label">
                <strong>{ "Research tool. " }</strong>
                { "For checking the published cutoffs on your centre's own cohort. \
                   It is not part of the bedside calculation, and its figures are not for decisions about an individual patient." }
            </p>
            <p>{ format!("Check the published cutoffs (IL6 > {} pg/mL, IL8 > {} pg/mL) on your own patients. \
                  The file is read by this page only: nothing is uploaded or stored.", Marker::Il6.cutoff_pg_ml(), Marker::Il8.cutoff_pg_ml()) }</p>
            <div class="cohort-drop" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="cohort-file">{ "CSV file, one row per patient (or drop it here)" }</label>
                <input id="cohort-file" type="file" accept=".csv,text/csv,text/plain"
                    data-testid="cohort-file" onchange={on_input_change} />
                <p class="cohort-hint">
                    { "Expected columns: id, time_months, event, il6, il8, albumin_g_l, bilirubin_umol_l, and optionally cirrhosis, child_pugh, time2_months, event2. " }
                    <a href="cohort-example.csv" download="cohort-example.csv" data-testid="cohort-example">{ "Download the example file" }</a>
                </p>
                if !*in_worker {
                    <p class="cohort-hint" data-testid="cohort-no-worker">{ "This copy runs the analysis on the page itself (no web worker in the single file): large files make it slow, but the progress bar and Cancel still work." }</p>
                }
            </div>
            if let Some(notice) = &s.notice { <p role="status" class="cohort-notice">{ notice.clone() }</p> }
            if let Some(error) = &s.error { <p role="alert" class="error" data-testid="cohort-error">{ error.clone() }</p> }
            if s.worker_failed {
                <p><button type="button" data-testid="cohort-retry" onclick={on_retry}>{ "Retry with the same file and columns" }</button></p>
            }
            if s.file_name.is_some() && !s.header.is_empty() {
                { mapping_form(s, &set_mapping, on_import, s.busy.is_some()) }
            }
            if let Some(progress) = &s.busy {
                <div class="cohort-progress-box">
                    <label for="cohort-progress">{ format!("{} {}", phase_label(progress.phase), progress.detail) }</label>
                    <progress id="cohort-progress" data-testid="cohort-progress" max="1" value={progress.fraction.to_string()}></progress>
                    <button type="button" data-testid="cohort-cancel" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
            }
            if let Some(import) = &s.import {
                { import_section(import, s.analysis.is_none() && s.busy.is_none(), on_analyse, on_fix) }
            }
            if let Some(analysis) = &s.analysis {
                { analysis_section(analysis) }
                <p><button type="button" data-testid="cohort-download-patients" onclick={on_download}>{ "Download per-patient ALBI, mALBI and groups (CSV)" }</button></p>
                <CutoffExplorer cutoff={s.cutoff.clone()} optimal={s.optimal.clone()}
                    on_request={Callback::from(move |r| send(r, None))} />
            }
        </section>
    }
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

fn worker_failed_text(detail: &str) -> String {
    format!(
        "The work stopped: the cohort tool's worker failed ({detail}). This usually means the browser \
         ran out of memory for this file, or the tool's files could not be loaded. Nothing was kept. \
         Retry, or try a smaller file or close other tabs first."
    )
}

fn phase_label(phase: Option<Phase>) -> &'static str {
    match phase {
        Some(Phase::Reading) => "Reading the file:",
        Some(Phase::Importing) => "Importing:",
        Some(Phase::Analysing) => "Analysing:",
        None => "",
    }
}

fn select(
    id: &'static str,
    label: &str,
    value: &str,
    options: Vec<(String, String)>,
    on_change: &Callback<(&'static str, String)>,
) -> Html {
    let on_change = on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        on_change.emit((id, select.value()));
    });
    let dom_id = format!("cohort-map-{id}");
    html! {
        <div class="cohort-field">
            <label for={dom_id.clone()}>{ label.to_owned() }</label>
            <select id={dom_id.clone()} data-testid={dom_id} {onchange}>
                { for options.into_iter().map(|(code, text)| html! {
                    <option value={code.clone()} selected={code == value}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

fn mapping_form(
    s: &Screen,
    on_change: &Callback<(&'static str, String)>,
    on_import: Callback<MouseEvent>,
    busy: bool,
) -> Html {
    let mapping: ColumnMapping = s.mapping.to_mapping();
    let columns = |role: Role| {
        let mut options = vec![(String::new(), "(not in the file)".to_owned())];
        options.extend(s.header.iter().map(|h| (h.clone(), h.clone())));
        let value = mapping.column(role).cloned().unwrap_or_default();
        select(role.code(), role.label(), &value, options, on_change)
    };
    let units = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(c, t)| ((*c).to_owned(), (*t).to_owned()))
            .collect()
    };
    let time_units: Vec<(String, String)> = TimeUnit::ALL
        .iter()
        .map(|u| (u.code().to_owned(), u.code().to_owned()))
        .collect();
    let codings = units(&EVENT_CODINGS);
    html! {
        <form class="cohort-mapping" aria-labelledby="cohort-mapping-title" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3 id="cohort-mapping-title">{ "Columns" }</h3>
            <p data-testid="cohort-separator">{ format!("File: {}. Separator detected: {}.",
                s.file_name.clone().unwrap_or_default(),
                cohort::csv::Separator::from_code(&s.separator).map(|x| x.label()).unwrap_or("?")) }</p>
            // Grouped as the analysis uses them; every select keeps its
            // `cohort-map-<key>` hook.
            <fieldset class="cohort-group" data-testid="cohort-fieldset-endpoint">
                <legend>{ "Follow-up and event" }</legend>
                <div class="cohort-grid">
                    // Option values are the codes the import reads (`Separator::from_code`).
                    { select("separator", "Separator", &s.separator,
                        cohort::csv::Separator::ALL.iter().map(|x| (x.code().to_owned(), x.label().to_owned())).collect(),
                        on_change) }
                    { columns(Role::Id) }
                    { columns(Role::Time) }
                    { select("time_unit", "Follow-up time unit", &s.mapping.time_unit, time_units.clone(), on_change) }
                    { columns(Role::Event) }
                    { select("event_coding", "Event coding", &s.mapping.event_coding, codings.clone(), on_change) }
                </div>
                { detected_line("cohort-coding-detected", "event", s.detected_coding.as_deref(), &s.mapping.event_coding) }
            </fieldset>
            <fieldset class="cohort-group" data-testid="cohort-fieldset-markers">
                <legend>{ "Markers (pg/mL)" }</legend>
                <div class="cohort-grid">
                    { columns(Role::Il6) }
                    { columns(Role::Il8) }
                </div>
            </fieldset>
            <fieldset class="cohort-group" data-testid="cohort-fieldset-liver">
                <legend>{ "Liver labs" }</legend>
                <div class="cohort-grid">
                    { columns(Role::Albumin) }
                    { select("albumin_unit", "Albumin unit", &s.mapping.albumin_unit, units(&[("g/L", "g/L"), ("g/dL", "g/dL")]), on_change) }
                    { columns(Role::Bilirubin) }
                    { select("bilirubin_unit", "Bilirubin unit", &s.mapping.bilirubin_unit, units(&[("umol/L", "µmol/L"), ("mg/dL", "mg/dL")]), on_change) }
                </div>
            </fieldset>
            <fieldset class="cohort-group" data-testid="cohort-fieldset-optional">
                <legend>{ "Optional: cirrhosis, Child–Pugh, second endpoint" }</legend>
                <div class="cohort-grid">
                    { columns(Role::Cirrhosis) }
                    { columns(Role::ChildPugh) }
                    { columns(Role::SecondTime) }
                    { select("second_time_unit", "Second endpoint time unit", &s.mapping.second_time_unit, time_units, on_change) }
                    { columns(Role::SecondEvent) }
                    { select("second_event_coding", "Second endpoint event coding", &s.mapping.second_event_coding, codings, on_change) }
                </div>
                { detected_line("cohort-coding-detected-second", "second endpoint's event", s.detected_second_coding.as_deref(), &s.mapping.second_event_coding) }
            </fieldset>
            <button type="button" data-testid="cohort-import" disabled={busy} onclick={on_import}>{ "Import with these columns" }</button>
        </form>
    }
}

/// "Event coding detected from the values: …; check it." while the select
/// still shows the detected coding; once changed, nothing is claimed.
fn detected_line(testid: &'static str, what: &str, detected: Option<&str>, chosen: &str) -> Html {
    match detected {
        Some(code) if code == chosen => html! {
            <p class="cohort-hint" data-testid={testid} data-value={code.to_owned()}>
                { format!("The {what} coding was detected from the column's values: {}. Check it before importing.", coding_text(code)) }
            </p>
        },
        _ => html! {},
    }
}

fn import_section(
    import: &ImportView,
    awaiting_choice: bool,
    on_analyse: Callback<MouseEvent>,
    on_fix: Callback<MouseEvent>,
) -> Html {
    html! {
        <section class="cohort-import" aria-labelledby="cohort-rows-title">
            <h3 id="cohort-rows-title" tabindex="-1">{ "Rows" }</h3>
            <dl class="cohort-counts">
                <dt>{ "Read" }</dt><dd data-testid="cohort-rows-read">{ import.rows_read }</dd>
                <dt>{ "Used" }</dt><dd data-testid="cohort-rows-used">{ import.rows_used }</dd>
                <dt>{ "Excluded" }</dt><dd data-testid="cohort-rows-excluded">{ import.rows_excluded }</dd>
            </dl>
            if !import.reading_notes.is_empty() {
                // Cells such as "1,234" read by the column's other values:
                // said next to the counts, as they change what was counted.
                <ul class="cohort-reading-notes" data-testid="cohort-reading-note">
                    { for import.reading_notes.iter().map(|note| html! { <li>{ note.clone() }</li> }) }
                </ul>
            }
            <p>{ format!("Separator: {}. Blank lines skipped: {}. Imported in {:.1} s.",
                import.separator, import.blank_rows_skipped, import.elapsed_ms / 1000.0) }</p>
            if import.rows_excluded > 0 {
                <h4>{ "Malformed rows (excluded from every analysis)" }</h4>
                <ul class="cohort-problems" data-testid="cohort-excluded-rows">
                    { for import.excluded.iter().map(|row| html! { <li>{ row.clone() }</li> }) }
                </ul>
                if import.rows_excluded > import.excluded.len() {
                    <p>{ format!("… and {} more.", import.rows_excluded - import.excluded.len()) }</p>
                }
                if awaiting_choice {
                    <p class="cohort-choice">
                        if import.too_few.is_none() {
                            <button type="button" data-testid="cohort-exclude-and-analyse" onclick={on_analyse}>
                                { format!("Exclude these {} rows and analyse", import.rows_excluded) }</button>
                        }
                        <button type="button" data-testid="cohort-fix-file" onclick={on_fix}>{ "Fix the file first" }</button>
                    </p>
                }
            }
            if let Some(too_few) = &import.too_few {
                // Never offered: fewer patients than a fit needs.
                <p role="alert" class="error" data-testid="cohort-too-few">
                    { if import.rows_excluded > 0 {
                        format!("Not offered to exclude these rows and analyse: {} patients would be left. {too_few} \
                                 Check the columns and codings above (the event coding especially), or fix the file.", import.rows_used)
                      } else { format!("{too_few} Nothing was analysed.") } }
                </p>
            }
            if import.warnings_total > 0 {
                <details>
                    <summary>{ format!("{} values used but worth a look", import.warnings_total) }</summary>
                    <ul>{ for import.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                </details>
            }
        </section>
    }
}

fn figure(testid: String, f: &crate::model::Figure) -> Html {
    html! {
        <span data-testid={testid} data-value={f.value.map(|v| v.to_string())}>{ f.text.clone() }</span>
    }
}

fn analysis_section(analysis: &AnalysisView) -> Html {
    html! {
        <>
            <h3 id="cohort-results-title" tabindex="-1">{ "Results" }</h3>
            { summary(analysis) }
            <p data-testid="cohort-analysis-time">{ format!("Analysed in {:.1} s.", analysis.elapsed_ms / 1000.0) }</p>
            { for analysis.endpoints.iter().map(|e| {
                let primary = e.role == EndpointRole::Primary;
                html! {
                <section class="cohort-endpoint" aria-label={e.label.clone()}>
                    <h3>{ format!("{}{}", e.label, if primary { "" } else { " (second endpoint)" }) }</h3>
                    <p>{ format!("{} patients with this endpoint; {} without it (missing time or event).", e.n, e.missing_endpoint) }</p>
                    <table class="cohort-table">
                        <caption>{ "By the published cutoffs: your cohort beside the paper" }</caption>
                        <thead><tr><th scope="col">{ "Marker" }</th><th scope="col">{ "Figure" }</th><th scope="col">{ "Your cohort" }</th><th scope="col">{ "Paper" }</th></tr></thead>
                        <tbody>
                            { for e.markers.iter().map(|m| marker_rows(m, primary)) }
                        </tbody>
                    </table>
                    { for e.models.iter().map(model_table) }
                    { for e.markers.iter().map(|m| chart(m, e.role.code())) }
                </section>
            }}) }
        </>
    }
}

/// "IL6: HR 2.14 (95% CI 1.10–4.16) in your cohort vs 2.4 (1.5–3.88)
/// published; IL8: …", per endpoint, from the figures the tables show.
fn summary_line(e: &crate::model::EndpointView) -> String {
    let parts: Vec<String> = e
        .markers
        .iter()
        .map(|m| {
            let ours = match m.hr.value {
                Some(_) => {
                    let ci = m.hr_ci.split(", p ").next().unwrap_or_default();
                    format!("HR {} ({ci})", m.hr.text)
                }
                None => format!("HR {}", m.hr.text),
            };
            let published = m.published_hr.split(", p ").next().unwrap_or_default();
            format!(
                "{}: {ours} in your cohort vs {published} published",
                m.label
            )
        })
        .collect();
    format!("{}: {}.", e.label, parts.join("; "))
}

fn summary(analysis: &AnalysisView) -> Html {
    html! {
        <div class="cohort-summary" data-testid="cohort-summary">
            { for analysis.endpoints.iter().map(|e| html! { <p>{ summary_line(e) }</p> }) }
        </div>
    }
}

fn marker_rows(m: &MarkerView, primary: bool) -> Html {
    // The hooks name the first endpoint's figures; the second endpoint's
    // carry a `-second` suffix.
    let id = |name: &str| {
        if primary {
            format!("cohort-{name}-{}", m.marker.code())
        } else {
            format!("cohort-{name}-{}-second", m.marker.code())
        }
    };
    let median_id = |group: &str| {
        if primary {
            format!("cohort-median-{}-{group}", m.marker.code())
        } else {
            format!("cohort-median-{}-{group}-second", m.marker.code())
        }
    };
    html! {
        <>
            <tr>
                <th scope="row" rowspan="4">{ format!("{} (n = {}; {} missing)", m.label, m.n, m.missing) }</th>
                <td>{ "Hazard ratio, high vs low" }</td>
                <td>{ figure(id("hr"), &m.hr) }if !m.hr_ci.is_empty() { { format!(" ({})", m.hr_ci) } }</td>
                <td>{ m.published_hr.clone() }</td>
            </tr>
            <tr>
                <td>{ "Log-rank p" }</td>
                <td>{ figure(id("logrank-p"), &m.logrank_p) }</td>
                <td>{ m.published_logrank_p.clone() }</td>
            </tr>
            <tr>
                <td>{ format!("Median, low (n = {}, {} events), months", m.n_low, m.events_low) }</td>
                <td>{ figure(median_id("low"), &m.median_low) }</td>
                <td>{ m.published_median_low.clone() }</td>
            </tr>
            <tr>
                <td>{ format!("Median, high (n = {}, {} events), months", m.n_high, m.events_high) }</td>
                <td>{ figure(median_id("high"), &m.median_high) }</td>
                <td>{ format!("{} ({})", m.published_median_high, m.published_source) }</td>
            </tr>
        </>
    }
}

fn model_table(model: &ModelView) -> Html {
    html! {
        <table class="cohort-table" data-testid={format!("cohort-{}", model.key)}>
            <caption>{ format!("{}: {} (n = {}, {} events, {} missing a factor)",
                model.name, model.description, model.n, model.events, model.missing) }</caption>
            <thead><tr><th scope="col">{ "Factor" }</th><th scope="col">{ "Your cohort: HR (95% CI)" }</th><th scope="col">{ "p" }</th><th scope="col">{ "Paper" }</th></tr></thead>
            <tbody>
                { for model.terms.iter().map(|t| html! {
                    <tr><th scope="row">{ t.factor.clone() }</th><td>{ t.hr.clone() }</td><td>{ t.p.clone() }</td><td>{ t.published.clone() }</td></tr>
                }) }
                if let Some(error) = &model.error {
                    <tr><td colspan="4">{ format!("Not fitted: {error}.") }</td></tr>
                }
                if !model.dropped.is_empty() {
                    <tr><td colspan="4">{ format!("Left out: {}.", model.dropped.join("; ")) }</td></tr>
                }
                if let Some(p) = &model.likelihood_ratio_p {
                    <tr><td colspan="4">{ format!("Likelihood-ratio test p {p}") }</td></tr>
                }
            </tbody>
        </table>
    }
}

fn chart(m: &MarkerView, role: &str) -> Html {
    let svg = m
        .chart_svg
        .as_ref()
        .map(|svg| Html::from_html_unchecked(AttrValue::from(svg.clone())));
    html! {
        <figure class="cohort-chart">
            <div class="km-chart" role="img" data-testid={format!("cohort-km-{}-{role}", m.marker.code())}
                aria-label={format!("Kaplan–Meier curves of your cohort by {} group over the reference curves", m.label)}>
                { svg.unwrap_or_default() }
            </div>
            if let Some(error) = &m.chart_error { <p class="error">{ format!("The chart could not be drawn: {error}") }</p> }
            <table class="cohort-table">
                <caption>{ format!("Your cohort by {}: at risk, cumulative events and censored", m.label) }</caption>
                <thead><tr><th scope="col">{ "Group" }</th><th scope="col">{ "Count" }</th>
                    { for km_chart::RISK_TABLE_MONTHS.iter().map(|mo| html! { <th scope="col">{ format!("{mo:.0} mo") }</th> }) }</tr></thead>
                <tbody>
                    { for m.risk_table.iter().flat_map(|row| [
                        ("At risk", &row.at_risk), ("Events", &row.events), ("Censored", &row.censored)
                    ].into_iter().map(move |(name, values)| html! {
                        <tr><th scope="row">{ row.label.clone() }</th><td>{ name }</td>
                            { for values.iter().map(|v| html! { <td>{ v }</td> }) }</tr>
                    })) }
                </tbody>
            </table>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct CutoffExplorerProps {
    pub cutoff: Option<CutoffView>,
    pub optimal: Option<OptimalView>,
    pub on_request: Callback<Request>,
}

/// Another cutoff for IL6 or IL8 (first endpoint): group sizes, HR, p; and
/// the maximally selected log-rank cutoff with its corrected p.
#[component]
pub fn CutoffExplorer(props: &CutoffExplorerProps) -> Html {
    let marker = use_state(|| Marker::Il6);
    let text = use_state(|| Marker::Il6.cutoff_pg_ml().to_string());
    // The reason the typed cutoff is refused, if it is.
    let invalid = use_state(|| None::<String>);
    let on_marker = {
        let (marker, text) = (marker.clone(), text.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            // Each marker's field starts at its published cutoff.
            let chosen = Marker::from_code(&select.value()).unwrap_or(Marker::Il6);
            text.set(chosen.cutoff_pg_ml().to_string());
            marker.set(chosen);
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    let on_apply = {
        let (marker, text, invalid, on_request) = (
            marker.clone(),
            text.clone(),
            invalid.clone(),
            props.on_request.clone(),
        );
        // The calculator's parser, so that "1,234" is refused as ambiguous
        // here too rather than read as 1.234 (issue 10).
        Callback::from(move |_: MouseEvent| match parse_number(&text) {
            Ok(cutoff) => {
                invalid.set(None);
                on_request.emit(Request::Explore {
                    role: EndpointRole::Primary,
                    marker: *marker,
                    cutoff: cutoff.to_f64(),
                });
            }
            Err(error) => invalid.set(Some(wording::number_input_error(
                &wording::Text::english(),
                &error,
            ))),
        })
    };
    let on_optimal = {
        let (marker, on_request) = (marker.clone(), props.on_request.clone());
        Callback::from(move |_: MouseEvent| {
            on_request.emit(Request::Optimal {
                role: EndpointRole::Primary,
                marker: *marker,
            })
        })
    };
    html! {
        <section class="cohort-cutoff" aria-labelledby="cohort-cutoff-title">
            <h3 id="cohort-cutoff-title">{ "Cutoff explorer (first endpoint)" }</h3>
            <p class="warning" data-testid="cohort-optimism-warning">{ cohort::cutoff::OPTIMISM_WARNING }</p>
            <div class="cohort-grid">
                <div class="cohort-field">
                    <label for="cohort-cutoff-marker">{ "Marker" }</label>
                    <select id="cohort-cutoff-marker" data-testid="cohort-cutoff-marker" onchange={on_marker}>
                        { for Marker::ALL.into_iter().map(|m| html! {
                            <option value={m.code()} selected={*marker == m}>{ m.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="cohort-field">
                    <label for="cohort-cutoff-input">{ "High is above (pg/mL)" }</label>
                    <input id="cohort-cutoff-input" data-testid="cohort-cutoff-input" type="text" inputmode="decimal"
                        value={(*text).clone()} oninput={on_text} aria-invalid={invalid.is_some().then_some("true")} />
                </div>
            </div>
            <p>
                <button type="button" data-testid="cohort-cutoff-apply" onclick={on_apply}>{ "Split at this cutoff" }</button>
                <button type="button" data-testid="cohort-optimal" onclick={on_optimal}>{ "Search the optimal cutoff" }</button>
            </p>
            if let Some(reason) = &*invalid {
                <p class="error" role="alert">{ format!("Enter a number of pg/mL, e.g. 10 or {}. {reason}", Marker::Il6.cutoff_pg_ml()) }</p>
            }
            if let Some(c) = &props.cutoff {
                <p data-testid="cohort-cutoff-result">{ cutoff_text(c) }</p>
            }
            if let Some(o) = &props.optimal {
                <p data-testid="cohort-optimal-result">
                    { format!("Optimal {} cutoff: > {} pg/mL (maximally selected log-rank statistic {:.3} over {} candidate cutoffs); p corrected for the search (Lausen & Schumacher 1992): ",
                        o.marker.label(), o.cutoff, o.statistic, o.candidates) }
                    <span data-testid="cohort-optimal-p">{ o.corrected_p.clone() }</span>
                    { format!(". At that cutoff: {}", cutoff_text(&o.at_cutoff)) }
                </p>
            }
        </section>
    }
}

fn cutoff_text(c: &CutoffView) -> String {
    match &c.error {
        Some(error) => format!("{} > {} pg/mL: not computed ({error}).", c.marker.label(), c.cutoff),
        None => format!(
            "{} > {} pg/mL: low n = {}, high n = {} ({} missing); HR high vs low {}; log-rank p {} (not corrected for choosing the cutoff).",
            c.marker.label(), c.cutoff, c.n_low, c.n_high, c.missing, c.hr, c.logrank_p
        ),
    }
}
