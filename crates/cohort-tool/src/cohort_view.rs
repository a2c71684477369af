//! The "Validate on your cohort" screen: file, mapping, row problems,
//! counts, the per-marker figures beside the paper's, Model 1 and 2, the
//! overlay charts with risk tables, the per-patient download and the cutoff
//! explorer. The work runs in a [`CohortRunner`]; this component only keeps
//! what came back and renders it.

use std::cell::RefCell;
use std::rc::Rc;

use calculator_core::number_input::parse_number;
use calculator_core::published::{km_comparison, Endpoint};
use calculator_core::Marker;
use cohort::analysis::AnalysisError;
use cohort::csv::{CsvReader, Separator};
use cohort::dates::{DateFormat, Detection};
use cohort::encoding::{detect_head, Detected, TextEncoding};
use cohort::import::{detect_date_format, preview, Cohort, ImportError};
use cohort::limits::check_file_size;
use cohort::mapping::{ColumnMapping, EndpointRole, MappingError, Role, TimeUnit};
use js_sys::Array;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, BlobPropertyBag, File, HtmlInputElement, HtmlSelectElement, Url};
use workbook::{SheetText, WorkbookError};
use yew::prelude::*;

use crate::decoding::decode;
use crate::language::use_page_text;
use crate::model::{
    coding_code, AnalysisView, CutoffView, Failure, ImportView, MappingForm, MarkerView, ModelView,
    OptimalView, Phase, Reply, Request, Step,
};
use crate::runner::CohortRunner;
use crate::words::{
    analysis_error_text, chart_problem_text, coding_text, date_format_label, dropped_text,
    encoding_text, endpoint_label, excluded_text, failure_text, hazard_ratio, import_error_text,
    mapping_error_text, missing_hr, model_description, model_name, model_problem_text,
    not_computed, not_estimable, note_text, numbers, role_label, seconds, separator_label,
    step_text, term_factor, time_unit_label, warning_text,
};
use crate::workbook_reader::ReadFailure;
use soramic_il_calculator::chart_export::download;
use soramic_il_calculator::i18n::{use_text, TextHandle};
use soramic_il_calculator::study_text;
use text::Text;

/// Bytes read from the start of the file for the preview and the mapping.
const PREVIEW_BYTES: f64 = 65_536.0;

/// Rows of the file shown as they will be read, before the import.
const PREVIEW_ROWS: usize = 5;

/// Rows of the head kept to detect the date format again when a date
/// column is chosen by hand.
const SAMPLE_ROWS: usize = 500;

#[derive(Clone, PartialEq, Default)]
struct Progress {
    phase: Option<Phase>,
    fraction: f64,
    detail: Step,
}

/// A message of the screen, kept typed and worded when shown, so that a
/// change of language rewords what is already on screen.
#[derive(Clone, PartialEq)]
enum Message {
    Failure(Failure),
    /// The worker itself failed, with the browser's description.
    WorkerFailed(String),
    /// Refused before a byte is read (cohort::limits).
    TooLarge {
        name: String,
        bytes: u64,
        limit: u64,
    },
    /// The preview refused the file.
    Preview(ImportError),
    /// The mapping cannot be used with the file (checked before the import).
    Mapping(MappingError),
    /// A workbook is being read (issue 15).
    ReadingWorkbook(String),
    /// A workbook's sheets did not arrive.
    WorkbookUnread {
        name: String,
        failure: ReadFailure,
    },
    Saved,
    SaveFailed(String),
    Cancelled,
    FixFirst,
}

impl Message {
    fn text(&self, t: &Text) -> String {
        match self {
            Message::Failure(failure) => failure_text(t, failure),
            Message::WorkerFailed(detail) => t.cohort_worker_failed(detail),
            Message::TooLarge { name, bytes, limit } => t.cohort_file_too_large(
                name,
                &t.shown(&megabytes_rounded_up(*bytes)),
                &(limit / 1_000_000).to_string(),
            ),
            Message::Preview(error) => import_error_text(t, error),
            Message::Mapping(error) => mapping_error_text(t, error),
            Message::ReadingWorkbook(name) => t.cohort_workbook_reading(name),
            Message::WorkbookUnread { name, failure } => workbook_failure_text(t, name, failure),
            Message::Saved => t.cohort_saved().to_owned(),
            Message::SaveFailed(reason) => t.cohort_save_failed(reason),
            Message::Cancelled => t.cohort_cancelled().to_owned(),
            Message::FixFirst => t.cohort_fix_notice().to_owned(),
        }
    }
}

/// `bytes` as megabytes with one decimal, rounded up so that a file just
/// over the limit never reads as the limit itself (as cohort::limits says it).
fn megabytes_rounded_up(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{}", tenths / 10, tenths % 10)
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
    error: Option<Message>,
    /// The worker failed: the error comes with a Retry button.
    worker_failed: bool,
    notice: Option<Message>,
    /// The event codings detected from the columns' values by the preview
    /// (codes), shown for confirmation beside their selects.
    detected_coding: Option<String>,
    detected_second_coding: Option<String>,
    /// The first bytes of the file, kept to decode them again in another
    /// encoding; whether the file goes on after them.
    head: Rc<Vec<u8>>,
    head_truncated: bool,
    /// The head decoded, cut after its last whole line.
    head_text: Rc<String>,
    /// The encoding in use, and how it was decided (`None`: chosen).
    encoding: Option<TextEncoding>,
    encoding_detected: Option<Detected>,
    /// The head had bytes the encoding could not decode.
    head_undecodable: bool,
    /// The first rows of the head as text, to detect the date format.
    sample_rows: Rc<Vec<Vec<String>>>,
    /// The last analysis's centre summary file (issue 14), once asked for.
    centre_summary: Option<AttrValue>,
    /// What the date columns' values say about their format.
    date_detection: Option<Detection>,
    two_digit_years: bool,
    /// The workbook the file was read from, with the sheet and header row
    /// chosen (issue 15); `None` for a text file.
    workbook: Option<Rc<WorkbookChoice>>,
}

/// A workbook's sheets (as the reader wrote their cells) and the sheet and
/// header row read from them.
#[derive(Clone, PartialEq)]
struct WorkbookChoice {
    name: String,
    sheets: Rc<Vec<SheetText>>,
    sheet: usize,
    header: usize,
}

impl WorkbookChoice {
    /// The first sheet that has a header row with values under it (a
    /// workbook often opens on a sheet of notes), else the first; its
    /// proposed header row, else row 1.
    fn new(name: String, sheets: Vec<SheetText>) -> Self {
        let sheet = sheets.iter().position(|s| s.header.is_some()).unwrap_or(0);
        let header = sheets.get(sheet).and_then(|s| s.header).unwrap_or(0);
        WorkbookChoice {
            name,
            sheets: Rc::new(sheets),
            sheet,
            header,
        }
    }

    /// Another sheet, with its own proposed header row.
    fn with_sheet(&self, sheet: usize) -> Self {
        let sheet = sheet.min(self.sheets.len().saturating_sub(1));
        WorkbookChoice {
            sheet,
            header: self.sheets.get(sheet).and_then(|s| s.header).unwrap_or(0),
            ..self.clone()
        }
    }

    fn with_header(&self, header: usize) -> Self {
        WorkbookChoice {
            header,
            ..self.clone()
        }
    }

    fn chosen(&self) -> Option<&SheetText> {
        self.sheets.get(self.sheet)
    }

    /// The chosen sheet from the header row on, as the CSV the importer
    /// reads, and as the file the import is sent.
    fn csv(&self) -> String {
        self.chosen()
            .map(|sheet| sheet.csv_from(self.header))
            .unwrap_or_default()
    }
}

/// The screen for a workbook's chosen sheet: its CSV read as a UTF-8,
/// comma-separated file (what the reader wrote), and that file for the
/// import. `None` when the browser cannot make the file.
fn open_sheet(choice: WorkbookChoice) -> Option<(Screen, File)> {
    let csv = choice.csv();
    let parts = Array::of1(&wasm_bindgen::JsValue::from_str(&csv));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/csv");
    let name = choice.chosen().map_or_else(
        || choice.name.clone(),
        |s| format!("{} – {}", choice.name, s.name),
    );
    let file = File::new_with_str_sequence_and_options(&parts, &name, &options).ok()?;
    let bytes = csv.into_bytes();
    let mut next = Screen {
        file_name: Some(choice.name.clone()),
        head_truncated: bytes.len() > PREVIEW_BYTES as usize,
        head: Rc::new(bytes.into_iter().take(PREVIEW_BYTES as usize).collect()),
        workbook: Some(Rc::new(choice)),
        ..Screen::default()
    };
    read_head(
        &mut next,
        Some(TextEncoding::Utf8),
        Some(Separator::Comma),
        None,
    );
    Some((next, file))
}

/// Decodes the head of the file (the encoding detected unless `chosen`),
/// reads its header and first rows, and suggests a mapping. With `keep`,
/// every column of that mapping the new header still has is kept, with
/// its unit and coding: choosing another encoding or separator does not
/// undo the user's choices.
fn read_head(
    next: &mut Screen,
    chosen: Option<TextEncoding>,
    separator: Option<Separator>,
    keep: Option<&MappingForm>,
) {
    let detected = detect_head(&next.head);
    let encoding = chosen.unwrap_or(detected.encoding());
    let (mut text, _) = decode(next.head.to_vec(), encoding);
    if next.head_truncated {
        // The head may end inside a character or a row: both are cut.
        text.truncate(text.rfind('\n').map_or(0, |i| i + 1));
    }
    next.encoding = Some(encoding);
    next.encoding_detected = chosen.is_none().then_some(detected);
    next.head_undecodable = text.contains('\u{FFFD}');
    next.error = None;
    match preview(&text, separator, SAMPLE_ROWS) {
        Ok(p) => {
            next.separator = p.separator.code().to_owned();
            let mut mapping = p.mapping;
            if let Some(old) = keep {
                keep_columns(&mut mapping, &old.to_mapping(), &p.header);
            }
            next.mapping = MappingForm::from(&mapping);
            next.detected_coding = p.event_coding_detected.map(|c| coding_code(&c));
            next.detected_second_coding = p.second_event_coding_detected.map(|c| coding_code(&c));
            next.header = p.header;
            next.sample_rows = Rc::new(p.rows);
            next.date_detection = p.date_format_detected;
            next.two_digit_years = p.two_digit_years;
            redetect_dates(next);
        }
        Err(e) => {
            next.header = Vec::new();
            next.error = Some(Message::Preview(e));
        }
    }
    next.head_text = Rc::new(text);
}

/// The columns of `old` that `header` still has replace the suggestion,
/// with the units, codings and date format chosen for them.
fn keep_columns(mapping: &mut ColumnMapping, old: &ColumnMapping, header: &[String]) {
    let kept = |role: Role| old.column(role).is_some_and(|c| header.contains(c));
    for role in Role::ALL {
        if kept(role) {
            *mapping.column_mut(role) = old.column(role).cloned();
        }
    }
    if kept(Role::Time) {
        mapping.time_unit = old.time_unit;
    }
    if kept(Role::Event) {
        mapping.event_coding = old.event_coding.clone();
    }
    if kept(Role::Albumin) {
        mapping.albumin_unit = old.albumin_unit;
    }
    if kept(Role::Bilirubin) {
        mapping.bilirubin_unit = old.bilirubin_unit;
    }
    if kept(Role::SecondTime) {
        mapping.second_time_unit = old.second_time_unit;
    }
    if kept(Role::SecondEvent) {
        mapping.second_event_coding = old.second_event_coding.clone();
    }
    if Role::DATES.into_iter().any(kept) && old.date_format.is_some() {
        mapping.date_format = old.date_format;
    }
}

/// The date format detected again from the mapped date columns' values
/// (after a date column is chosen); a settled format is filled in when
/// none is chosen yet, an ambiguous one is left to the user.
fn redetect_dates(next: &mut Screen) {
    let mut mapping = next.mapping.to_mapping();
    let (detection, two_digit) = detect_date_format(&next.header, &next.sample_rows, &mapping);
    if let (Some(Detection::Settled(format)), None) = (&detection, mapping.date_format) {
        mapping.date_format = Some(*format);
        next.mapping.date_format = format.code().to_owned();
    }
    next.date_detection = detection;
    next.two_digit_years = two_digit;
}

/// The first rows of the head as the import will read them, with the
/// mapping as it stands: the same reader, on the header and the first
/// [`PREVIEW_ROWS`] records.
fn rows_as_read(s: &Screen) -> Result<Cohort, ImportError> {
    let text = s.head_text.as_str();
    let separator = Separator::from_code(&s.separator);
    let (mut reader, separator) = CsvReader::after_separator_line(text, separator);
    for _ in 0..=PREVIEW_ROWS {
        if reader.next_record().is_none() {
            break;
        }
    }
    let end = reader.position().min(text.len());
    Cohort::import(
        text.get(..end).unwrap_or(text),
        Some(separator),
        &s.mapping.to_mapping(),
    )
}

fn save_csv(text: &str, name: &str) -> Result<(), String> {
    save_file(text, name, "text/csv")
}

/// Offers `text` as a download named `name`.
pub(crate) fn save_file(text: &str, name: &str, mime: &str) -> Result<(), String> {
    let parts = Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make a link")?;
    download(&url, name).map_err(|e| e.0.to_owned())?;
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub fn CohortView() -> Html {
    let page_text = use_page_text();
    let screen = use_state(Screen::default);
    // The latest screen, for the reply handler (which outlives renders).
    let latest = use_mut_ref(Screen::default);
    *latest.borrow_mut() = (*screen).clone();
    let file = use_mut_ref(|| None::<File>);
    let runner: Rc<RefCell<Option<CohortRunner>>> = use_mut_ref(|| None);
    let in_worker = use_state(|| true);
    // The page's language, for the reply handler (which outlives renders):
    // the worker draws the overlay charts in it (`Request::Words`).
    let page_words = use_mut_ref(TextHandle::default);
    *page_words.borrow_mut() = page_text.clone();

    {
        let (runner, screen, latest, in_worker, page_words) = (
            runner.clone(),
            screen.clone(),
            latest.clone(),
            in_worker.clone(),
            page_words.clone(),
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
                                r.send(words_request(&page_words.borrow()), None);
                                r.send(Request::Analyse, None);
                            }
                        }
                    }
                    Reply::Analysed(analysis) => {
                        next.analysis = Some(analysis);
                        next.busy = None;
                        next.centre_summary = None;
                    }
                    Reply::CentreSummary(text) => next.centre_summary = Some(AttrValue::from(text)),
                    Reply::Worded => {}
                    Reply::Cutoff(view) => next.cutoff = Some(view),
                    Reply::Optimal(view) => next.optimal = Some(view),
                    Reply::Patients(text) => {
                        next.notice = Some(match save_csv(&text, "cohort-patients.csv") {
                            Ok(()) => Message::Saved,
                            Err(e) => Message::SaveFailed(e),
                        })
                    }
                    Reply::Failed(failure) => {
                        next.error = Some(Message::Failure(failure));
                        next.busy = None;
                    }
                    Reply::WorkerFailed(detail) => {
                        // The worker's cohort went with it: nothing shown
                        // may be asked about again.
                        next.error = Some(Message::WorkerFailed(detail));
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
        let (runner, page_words) = (runner.clone(), page_words.clone());
        move |request: Request, file: Option<File>| {
            if let Some(r) = runner.borrow_mut().as_mut() {
                r.revive();
            }
            if let Some(r) = runner.borrow().as_ref() {
                // A worker started afresh (after Cancel or a failure) knows
                // no language yet: it is told before every analysis.
                if request == Request::Analyse {
                    r.send(words_request(&page_words.borrow()), None);
                }
                r.send(request, file);
            }
        }
    };
    // A change of language redraws the shown analysis's charts in it.
    {
        let (runner, latest) = (runner.clone(), latest.clone());
        use_effect_with(page_text.clone(), move |text| {
            if latest.borrow().analysis.is_some() {
                if let Some(r) = runner.borrow().as_ref() {
                    r.send(words_request(text), None);
                }
            }
        });
    }

    // Bumped by every file chosen: a workbook still being read when another
    // file is chosen must not replace it when it arrives.
    let opening = use_mut_ref(|| 0u32);
    let on_file = {
        let (screen, file_ref) = (screen.clone(), file.clone());
        move |chosen: File| {
            let name = chosen.name();
            let generation = {
                let mut opening = opening.borrow_mut();
                *opening = opening.wrapping_add(1);
                *opening
            };
            // Refused before a byte is read (cohort::limits).
            if let Err(too_large) = check_file_size(chosen.size() as u64) {
                *file_ref.borrow_mut() = None;
                screen.set(Screen {
                    file_name: Some(name.clone()),
                    error: Some(Message::TooLarge {
                        name: name.clone(),
                        bytes: too_large.bytes,
                        limit: too_large.limit,
                    }),
                    ..Screen::default()
                });
                return;
            }
            *file_ref.borrow_mut() = Some(chosen.clone());
            let (screen, file_ref, opening) = (screen.clone(), file_ref.clone(), opening.clone());
            spawn_local(async move {
                let superseded = || *opening.borrow() != generation;
                // Bytes, not text: the encoding is decided here (issue 15),
                // before any text is shown.
                let head = chosen
                    .slice_with_f64_and_f64(0.0, PREVIEW_BYTES)
                    .map(|b| b.array_buffer());
                let bytes = match head {
                    Ok(promise) => JsFuture::from(promise)
                        .await
                        .ok()
                        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec()),
                    Err(_) => None,
                };
                if superseded() {
                    return;
                }
                let mut next = Screen {
                    file_name: Some(name.clone()),
                    ..Screen::default()
                };
                match bytes {
                    // A workbook is read by the workbook reader (issue 15),
                    // in a worker of its own, into sheets of text.
                    Some(bytes) if cohort::encoding::is_workbook(&bytes) => {
                        screen.set(Screen {
                            notice: Some(Message::ReadingWorkbook(name.clone())),
                            ..next.clone()
                        });
                        let whole = JsFuture::from(chosen.array_buffer())
                            .await
                            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec());
                        let read = match whole {
                            Ok(bytes) => Some(crate::workbook_reader::read(bytes).await),
                            Err(_) => None,
                        };
                        if superseded() {
                            return;
                        }
                        match read.map(|read| {
                            read.map(|sheets| open_sheet(WorkbookChoice::new(name.clone(), sheets)))
                        }) {
                            Some(Ok(Some((opened, file)))) => {
                                *file_ref.borrow_mut() = Some(file);
                                next = opened;
                            }
                            // The file could not be read, or made into the sheet's file.
                            None | Some(Ok(None)) => {
                                next.error = Some(Message::Failure(Failure::FileUnreadable))
                            }
                            Some(Err(failure)) => {
                                *file_ref.borrow_mut() = None;
                                next.error = Some(Message::WorkbookUnread { name, failure });
                            }
                        }
                    }
                    Some(bytes) => {
                        next.head_truncated = chosen.size() > bytes.len() as f64;
                        next.head = Rc::new(bytes);
                        read_head(&mut next, None, None, None);
                    }
                    None => next.error = Some(Message::Failure(Failure::FileUnreadable)),
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
                detail: Step::Starting,
            });
            // Checked here too, so the mapping's own errors (a date format
            // to choose) are worded on the page and no file is read for them.
            if let Err(error) = next.mapping.to_mapping().check(&next.header) {
                next.busy = None;
                next.error = Some(Message::Mapping(error));
                screen.set(next);
                return;
            }
            let request = Request::Import {
                // The form's select holds a code; an unknown one means "detect".
                separator: cohort::csv::Separator::from_code(&next.separator),
                encoding: next.encoding.unwrap_or(TextEncoding::Utf8),
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
            next.notice = Some(Message::Cancelled);
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
                detail: Step::StartingAnalyses,
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
                notice: Some(Message::FixFirst),
                ..Screen::default()
            });
        })
    };
    let on_download = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(Request::Patients, None))
    };
    let set_mapping = {
        let (screen, file_ref) = (screen.clone(), file.clone());
        Callback::from(move |(key, value): (&'static str, String)| {
            let mut next = (*screen).clone();
            let column = (!value.is_empty()).then_some(value.clone());
            let m = &mut next.mapping;
            match key {
                // Another sheet or header row of the workbook: read afresh.
                "sheet" | "header_row" => {
                    let (Some(choice), Ok(index)) =
                        (next.workbook.as_deref(), value.parse::<usize>())
                    else {
                        return;
                    };
                    let choice = if key == "sheet" {
                        choice.with_sheet(index)
                    } else {
                        choice.with_header(index)
                    };
                    if let Some((opened, file)) = open_sheet(choice) {
                        *file_ref.borrow_mut() = Some(file);
                        next = opened;
                    }
                }
                "separator" | "encoding" => {
                    let keep = next.mapping.clone();
                    let encoding = if key == "encoding" {
                        TextEncoding::from_code(&value).or(next.encoding)
                    } else {
                        next.encoding
                    };
                    // A user's choice of encoding stays a choice; otherwise
                    // it is detected again.
                    let chosen = (key == "encoding" || next.encoding_detected.is_none())
                        .then_some(encoding)
                        .flatten();
                    let separator = if key == "separator" {
                        Separator::from_code(&value)
                    } else {
                        Separator::from_code(&next.separator)
                    };
                    read_head(&mut next, chosen, separator, Some(&keep));
                    next.import = None;
                    next.analysis = None;
                }
                "date_format" => m.date_format = value,
                "time_unit" => m.time_unit = value,
                "event_coding" => m.event_coding = value,
                "albumin_unit" => m.albumin_unit = value,
                "bilirubin_unit" => m.bilirubin_unit = value,
                "second_time_unit" => m.second_time_unit = value,
                "second_event_coding" => m.second_event_coding = value,
                role => {
                    if let Some(role) = Role::from_code(role) {
                        let mut mapping = m.to_mapping();
                        *mapping.column_mut(role) = column;
                        *m = MappingForm {
                            // Keep the codes as chosen; only the column changes.
                            ..MappingForm::from(&mapping)
                        };
                        if Role::DATES.contains(&role) {
                            redetect_dates(&mut next);
                        }
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
    let t: &Text = &page_text;
    html! {
        <ContextProvider<TextHandle> context={page_text.clone()}>
        <section class="cohort" data-testid="cohort" aria-labelledby="cohort-title">
            <h2 id="cohort-title">{ t.cohort_heading() }</h2>
            <p class="warning cohort-research-label" role="note" data-testid="cohort-research-label">
                <strong>{ t.cohort_research_lead() }</strong>{ " " }
                { t.cohort_research() }
            </p>
            <p>{ t.cohort_intro(&cutoff(t, Marker::Il6), &cutoff(t, Marker::Il8)) }</p>
            <div class="cohort-drop" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="cohort-file">{ t.cohort_file_label() }</label>
                <input id="cohort-file" type="file" accept=".csv,.txt,.tsv,text/csv,text/plain,.xlsx,.xls,.ods"
                    data-testid="cohort-file" onchange={on_input_change} />
                <p class="cohort-hint">
                    // The column names are the CSV's public contract: never translated.
                    { t.cohort_expected_columns(
                        "id, time_months, event, il6, il8, albumin_g_l, bilirubin_umol_l",
                        "cirrhosis, child_pugh, time2_months, event2") }{ " " }
                    <a href="cohort-example.csv" download="cohort-example.csv" data-testid="cohort-example">{ t.cohort_example() }</a>
                </p>
                <p class="cohort-hint" data-testid="cohort-dates-hint">
                    // Column names: never translated.
                    { t.cohort_dates_hint("time_months", "start_date", "end_date") }</p>
                if !*in_worker {
                    <p class="cohort-hint" data-testid="cohort-no-worker">{ t.cohort_no_worker() }</p>
                }
            </div>
            if let Some(notice) = &s.notice { <p role="status" class="cohort-notice">{ notice.text(t) }</p> }
            if let Some(error) = &s.error { <p role="alert" class="error" data-testid="cohort-error">{ error.text(t) }</p> }
            if s.worker_failed {
                <p><button type="button" data-testid="cohort-retry" onclick={on_retry}>{ t.cohort_retry() }</button></p>
            }
            if s.file_name.is_some() && !s.header.is_empty() {
                { mapping_form(t, s, &set_mapping, on_import, s.busy.is_some()) }
            }
            if let Some(progress) = &s.busy {
                <div class="cohort-progress-box">
                    <label for="cohort-progress">{ format!("{} {}", phase_label(t, progress.phase), step_text(t, progress.detail)) }</label>
                    <progress id="cohort-progress" data-testid="cohort-progress" max="1" value={progress.fraction.to_string()}></progress>
                    <button type="button" data-testid="cohort-cancel" onclick={on_cancel}>{ t.cohort_cancel() }</button>
                </div>
            }
            if let Some(import) = &s.import {
                { import_section(t, import, line_offset(s), s.encoding.unwrap_or(TextEncoding::Utf8), s.analysis.is_none() && s.busy.is_none(), on_analyse, on_fix) }
            }
            if let Some(analysis) = &s.analysis {
                { analysis_section(t, analysis) }
                <p><button type="button" data-testid="cohort-download-patients" onclick={on_download}>{ t.cohort_download_patients() }</button></p>
                <crate::pool_view::SummaryExport summary={s.centre_summary.clone()}
                    on_request={{ let send = send.clone(); Callback::from(move |grid_months| send(Request::CentreSummary { grid_months }, None)) }} />
                <CutoffExplorer cutoff={s.cutoff.clone()} optimal={s.optimal.clone()}
                    on_request={Callback::from(move |r| send(r, None))} />
            }
        </section>
        <crate::pool_view::PoolView />
        </ContextProvider<TextHandle>>
    }
}

/// The page's language for the worker's drawings.
fn words_request(t: &Text) -> Request {
    Request::Words {
        lang: t.lang().code().to_owned(),
        strings: t.strings().map(<[String]>::to_vec),
    }
}

/// A published cutoff (`6.53`) in the reader's form.
fn cutoff(t: &Text, marker: Marker) -> String {
    t.shown(&marker.cutoff_pg_ml().to_string())
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

fn phase_label(t: &Text, phase: Option<Phase>) -> &str {
    match phase {
        Some(Phase::Reading) => t.cohort_phase_reading(),
        Some(Phase::Importing) => t.cohort_phase_importing(),
        Some(Phase::Analysing) => t.cohort_phase_analysing(),
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
    t: &Text,
    s: &Screen,
    on_change: &Callback<(&'static str, String)>,
    on_import: Callback<MouseEvent>,
    busy: bool,
) -> Html {
    let mapping: ColumnMapping = s.mapping.to_mapping();
    let columns = |role: Role| {
        let mut options = vec![(String::new(), t.cohort_not_in_file().to_owned())];
        options.extend(s.header.iter().map(|h| (h.clone(), h.clone())));
        let value = mapping.column(role).cloned().unwrap_or_default();
        select(
            role.code(),
            &role_label(t, role),
            &value,
            options,
            on_change,
        )
    };
    let units = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(c, t)| ((*c).to_owned(), (*t).to_owned()))
            .collect()
    };
    // Option values are codes (the import reads them); the text is worded.
    let time_units: Vec<(String, String)> = TimeUnit::ALL
        .iter()
        .map(|u| (u.code().to_owned(), time_unit_label(t, *u).to_owned()))
        .collect();
    let mut date_formats = vec![(String::new(), t.cohort_date_format_choose().to_owned())];
    date_formats.extend(
        DateFormat::ALL
            .iter()
            .map(|f| (f.code().to_owned(), date_format_label(t, *f).to_owned())),
    );
    let codings: Vec<(String, String)> = cohort::mapping::EVENT_CODING_CODES
        .iter()
        .map(|code| ((*code).to_owned(), coding_text(t, code).to_owned()))
        .collect();
    html! {
        <form class="cohort-mapping" aria-labelledby="cohort-mapping-title" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h3 id="cohort-mapping-title">{ t.cohort_columns_heading() }</h3>
            if let Some(choice) = &s.workbook {
                { workbook_line(t, choice, on_change) }
            } else {
                <p data-testid="cohort-separator">{ t.cohort_file_line(
                    &s.file_name.clone().unwrap_or_default(),
                    cohort::csv::Separator::from_code(&s.separator).map_or("?", |x| separator_label(t, x))) }</p>
                { encoding_line(t, s, on_change) }
            }
            // Grouped as the analysis uses them; every select keeps its
            // `cohort-map-<key>` hook.
            <fieldset class="cohort-group" data-testid="cohort-fieldset-endpoint">
                <legend>{ t.cohort_group_endpoint() }</legend>
                <div class="cohort-grid">
                    // Option values are the codes the import reads
                    // (`Separator::from_code`); a workbook's cells need none.
                    if s.workbook.is_none() {
                        { select("separator", t.cohort_separator(), &s.separator,
                            cohort::csv::Separator::ALL.iter().map(|x| (x.code().to_owned(), separator_label(t, *x).to_owned())).collect(),
                            on_change) }
                    }
                    { columns(Role::Id) }
                    { columns(Role::Time) }
                    { select("time_unit", t.cohort_time_unit(), &s.mapping.time_unit, time_units.clone(), on_change) }
                    { columns(Role::Event) }
                    { select("event_coding", t.cohort_event_coding(), &s.mapping.event_coding, codings.clone(), on_change) }
                    // Dates instead of a time (issue 15).
                    { columns(Role::StartDate) }
                    { columns(Role::EndDate) }
                    { select("date_format", t.cohort_date_format(), &s.mapping.date_format, date_formats, on_change) }
                </div>
                { detected_line(t, "cohort-coding-detected", false, s.detected_coding.as_deref(), &s.mapping.event_coding) }
                { date_line(t, s) }
            </fieldset>
            <fieldset class="cohort-group" data-testid="cohort-fieldset-markers">
                <legend>{ t.cohort_group_markers() }</legend>
                <div class="cohort-grid">
                    { columns(Role::Il6) }
                    { columns(Role::Il8) }
                </div>
            </fieldset>
            <fieldset class="cohort-group" data-testid="cohort-fieldset-liver">
                <legend>{ t.cohort_group_liver() }</legend>
                <div class="cohort-grid">
                    { columns(Role::Albumin) }
                    { select("albumin_unit", t.cohort_albumin_unit(), &s.mapping.albumin_unit, units(&[("g/L", "g/L"), ("g/dL", "g/dL")]), on_change) }
                    { columns(Role::Bilirubin) }
                    { select("bilirubin_unit", t.cohort_bilirubin_unit(), &s.mapping.bilirubin_unit, units(&[("umol/L", "µmol/L"), ("mg/dL", "mg/dL")]), on_change) }
                </div>
            </fieldset>
            <fieldset class="cohort-group" data-testid="cohort-fieldset-optional">
                <legend>{ t.cohort_group_optional() }</legend>
                <div class="cohort-grid">
                    { columns(Role::Cirrhosis) }
                    { columns(Role::ChildPugh) }
                    { columns(Role::SecondTime) }
                    { select("second_time_unit", t.cohort_second_time_unit(), &s.mapping.second_time_unit, time_units, on_change) }
                    { columns(Role::SecondEvent) }
                    { select("second_event_coding", t.cohort_second_event_coding(), &s.mapping.second_event_coding, codings, on_change) }
                    { columns(Role::SecondEndDate) }
                </div>
                { detected_line(t, "cohort-coding-detected-second", true, s.detected_second_coding.as_deref(), &s.mapping.second_event_coding) }
            </fieldset>
            { preview_table(t, s) }
            <button type="button" data-testid="cohort-import" disabled={busy} onclick={on_import}>{ t.cohort_import() }</button>
        </form>
    }
}

/// The workbook's line: its name, how its cells are read, and the sheet
/// and header row to read (option values: indices from 0).
fn workbook_line(
    t: &Text,
    choice: &WorkbookChoice,
    on_change: &Callback<(&'static str, String)>,
) -> Html {
    let sheets = choice
        .sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| (i.to_string(), sheet.name.clone()))
        .collect();
    // The first rows of the sheet, each with its first cells, so that the
    // header is recognised by what it says: 30 rows, or down to the chosen
    // header row when it was found further down (else the select would show
    // another row than the one read).
    let rows = choice.chosen().map_or_else(Vec::new, |sheet| {
        sheet
            .rows
            .iter()
            .take(30.max(choice.header + 1))
            .enumerate()
            .map(|(i, row)| {
                let cells: Vec<&str> = row
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .take(4)
                    .collect();
                let mut shown = cells.join(" · ");
                if shown.chars().count() > 60 {
                    shown = shown.chars().take(59).collect::<String>() + "…";
                }
                (
                    i.to_string(),
                    t.cohort_workbook_row(&(i + 1).to_string(), &shown),
                )
            })
            .collect()
    });
    html! {
        <>
            <p data-testid="cohort-workbook" data-value={choice.chosen().map(|s| s.name.clone())}>
                { t.cohort_workbook_line(&choice.name) }</p>
            <div class="cohort-grid">
                { select("sheet", t.cohort_workbook_sheet(), &choice.sheet.to_string(), sheets, on_change) }
                { select("header_row", t.cohort_workbook_header_row(), &choice.header.to_string(), rows, on_change) }
            </div>
        </>
    }
}

/// Why a workbook could not be opened, in the page's language; the
/// reader's and the browser's own details as they are.
fn workbook_failure_text(t: &Text, name: &str, failure: &ReadFailure) -> String {
    match failure {
        ReadFailure::NoWorker => t.cohort_workbook_no_worker(name),
        ReadFailure::WorkerFailed(detail) => t.cohort_workbook_reader_failed(name, detail),
        ReadFailure::Workbook(WorkbookError::NotAWorkbook) => {
            t.cohort_workbook_not_a_workbook(name)
        }
        ReadFailure::Workbook(WorkbookError::NoSheets) => t.cohort_workbook_no_sheets(name),
        ReadFailure::Workbook(WorkbookError::SheetUnreadable { sheet, reason }) => {
            t.cohort_workbook_sheet_unreadable(sheet, name, reason)
        }
    }
}

/// "Read as Windows-1252: …" and the select to read the file otherwise;
/// `data-value` is the encoding's code.
fn encoding_line(t: &Text, s: &Screen, on_change: &Callback<(&'static str, String)>) -> Html {
    let Some(encoding) = s.encoding else {
        return html! {};
    };
    let options = TextEncoding::ALL
        .iter()
        .map(|e| (e.code().to_owned(), e.name().to_owned()))
        .collect();
    html! {
        <>
            <p data-testid="cohort-encoding" data-value={encoding.code()}>
                { encoding_text(t, encoding, s.encoding_detected) }</p>
            if s.head_undecodable {
                <p class="warning" role="note" data-testid="cohort-encoding-undecodable">
                    { t.cohort_encoding_undecodable(encoding.name()) }</p>
            }
            <div class="cohort-grid">
                { select("encoding", t.cohort_encoding(), encoding.code(), options, on_change) }
            </div>
        </>
    }
}

/// What the date columns' values say about their format: settled (said),
/// ambiguous or unreadable (asked); two-digit years refused.
fn date_line(t: &Text, s: &Screen) -> Html {
    let formats = |list: &[DateFormat]| {
        list.iter()
            .map(|f| date_format_label(t, *f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (code, sentence) = match &s.date_detection {
        None => return html! {},
        Some(Detection::Settled(format)) => (
            format!("settled:{}", format.code()),
            t.cohort_date_settled(date_format_label(t, *format)),
        ),
        Some(Detection::Ambiguous(list)) => (
            format!(
                "ambiguous:{}",
                list.iter().map(|f| f.code()).collect::<Vec<_>>().join(",")
            ),
            t.cohort_date_ambiguous(&formats(list)),
        ),
        Some(Detection::NotDates) => (
            "not_dates".to_owned(),
            t.cohort_date_not_settled().to_owned(),
        ),
    };
    html! {
        <>
            <p class="cohort-hint" data-testid="cohort-date-detected" data-value={code}>{ sentence }</p>
            if s.two_digit_years {
                <p class="warning" role="note" data-testid="cohort-two-digit-years">{ t.cohort_two_digit_years() }</p>
            }
        </>
    }
}

/// The first rows as the analysis will read them (issue 15 item 5):
/// follow-up in months, lab values in the units used, in the reader's
/// number form; `data-value` keeps the machine form. A row the import
/// would exclude shows why.
/// What to add to a line of the file the importer reads to give the row
/// the user knows: for a workbook, the sheet's row (its CSV begins at the
/// header row, and keeps empty rows: `SheetText::csv_from`); else 0.
fn line_offset(s: &Screen) -> usize {
    s.workbook.as_ref().map_or(0, |w| w.header)
}

fn preview_table(t: &Text, s: &Screen) -> Html {
    let cohort = match rows_as_read(s) {
        Ok(cohort) => cohort,
        Err(error) => {
            let reason = import_error_text(t, &error);
            return html! {
                <p class="cohort-hint" data-testid="cohort-preview-not-ready">{ t.cohort_preview_not_ready(&reason) }</p>
            };
        }
    };
    let second = cohort.mapping().has_second_endpoint();
    let number = |value: Option<f64>, decimals: Option<u32>, col: &'static str| {
        let machine = value.map(|v| v.to_string());
        let shown = value
            .and_then(|v| match decimals {
                Some(d) => text::fixed(v, d),
                None => Some(v.to_string()),
            })
            .map(|v| t.shown(&v))
            .unwrap_or_else(|| "–".to_owned());
        html! { <td data-col={col} data-value={machine}>{ shown }</td> }
    };
    let event = |outcome: Option<cohort::import::Outcome>, col: &'static str| {
        let value = outcome.map(|o| if o.event { "1" } else { "0" });
        let shown = outcome.map_or("–", |o| {
            if o.event {
                t.cohort_preview_event()
            } else {
                t.cohort_preview_censored()
            }
        });
        html! { <td data-col={col} data-value={value}>{ shown }</td> }
    };
    let columns = if second { 10 } else { 8 };
    // A workbook's rows by the sheet's own numbers (issue 15).
    let offset = line_offset(s);
    let mut rows: Vec<(usize, Html)> = cohort
        .patients()
        .iter()
        .map(|p| {
            (
                p.line + offset,
                html! {
                    <tr data-line={(p.line + offset).to_string()}>
                        <td>{ p.line + offset }</td>
                        <td data-col="id">{ p.id.clone().unwrap_or_default() }</td>
                        { number(p.primary.map(|o| o.time_months), Some(2), "time") }
                        { event(p.primary, "event") }
                        if second {
                            { number(p.second.map(|o| o.time_months), Some(2), "time2") }
                            { event(p.second, "event2") }
                        }
                        { number(p.il6.map(|v| v.value), None, "il6") }
                        { number(p.il8.map(|v| v.value), None, "il8") }
                        { number(p.albumin_g_l.map(|v| v.value), None, "albumin") }
                        { number(p.bilirubin_umol_l.map(|v| v.value), None, "bilirubin") }
                    </tr>
                },
            )
        })
        .collect();
    rows.extend(cohort.excluded_rows().iter().map(|row| {
        let view = crate::model::ExcludedView {
            line: row.line,
            problems: row.problems.iter().map(crate::model::ProblemView::from).collect(),
        };
        let problems: Vec<String> = view
            .problems
            .iter()
            .map(|p| crate::words::problem_text(t, p))
            .collect();
        (
            row.line + offset,
            html! {
                <tr data-line={(row.line + offset).to_string()} data-excluded="true">
                    <td>{ row.line + offset }</td>
                    <td colspan={(columns - 1).to_string()}>{ t.cohort_preview_excluded(&problems.join("; ")) }</td>
                </tr>
            },
        )
    }));
    rows.sort_by_key(|(line, _)| *line);
    html! {
        <>
        <h4 id="cohort-preview-title">{ t.cohort_preview_heading() }</h4>
        <p class="cohort-hint">{ t.cohort_preview_caption() }</p>
        <table class="cohort-table cohort-preview" data-testid="cohort-preview" aria-labelledby="cohort-preview-title">
            <thead><tr>
                <th scope="col">{ t.cohort_preview_line() }</th>
                <th scope="col">{ role_label(t, Role::Id) }</th>
                <th scope="col">{ t.cohort_preview_followup() }</th>
                <th scope="col">{ role_label(t, Role::Event) }</th>
                if second {
                    <th scope="col">{ t.cohort_preview_second_followup() }</th>
                    <th scope="col">{ role_label(t, Role::SecondEvent) }</th>
                }
                <th scope="col">{ Role::Il6.label() }</th>
                <th scope="col">{ Role::Il8.label() }</th>
                <th scope="col">{ t.cohort_preview_albumin() }</th>
                <th scope="col">{ t.cohort_preview_bilirubin() }</th>
            </tr></thead>
            <tbody>{ for rows.into_iter().take(PREVIEW_ROWS).map(|(_, row)| row) }</tbody>
        </table>
        </>
    }
}

/// "Event coding detected from the values: …; check it." while the select
/// still shows the detected coding; once changed, nothing is claimed.
fn detected_line(
    t: &Text,
    testid: &'static str,
    second: bool,
    detected: Option<&str>,
    chosen: &str,
) -> Html {
    match detected {
        Some(code) if code == chosen => {
            let coding = coding_text(t, code);
            html! {
                <p class="cohort-hint" data-testid={testid} data-value={code.to_owned()}>
                    { if second { t.cohort_detected_second(coding) } else { t.cohort_detected_event(coding) } }
                </p>
            }
        }
        _ => html! {},
    }
}

fn import_section(
    t: &Text,
    import: &ImportView,
    line_offset: usize,
    encoding: TextEncoding,
    awaiting_choice: bool,
    on_analyse: Callback<MouseEvent>,
    on_fix: Callback<MouseEvent>,
) -> Html {
    html! {
        <section class="cohort-import" aria-labelledby="cohort-rows-title">
            <h3 id="cohort-rows-title" tabindex="-1">{ t.cohort_rows_heading() }</h3>
            <dl class="cohort-counts">
                <dt>{ t.cohort_rows_read() }</dt><dd data-testid="cohort-rows-read">{ import.rows_read }</dd>
                <dt>{ t.cohort_rows_used() }</dt><dd data-testid="cohort-rows-used">{ import.rows_used }</dd>
                <dt>{ t.cohort_rows_excluded() }</dt><dd data-testid="cohort-rows-excluded">{ import.rows_excluded }</dd>
            </dl>
            if !import.reading_notes.is_empty() {
                // Cells such as "1,234" read by the column's other values:
                // said next to the counts, as they change what was counted.
                <ul class="cohort-reading-notes" data-testid="cohort-reading-note">
                    { for import.reading_notes.iter().map(|note| html! { <li>{ note_text(t, &note.0) }</li> }) }
                </ul>
            }
            if import.undecodable {
                <p class="warning" role="note" data-testid="cohort-undecodable">
                    { t.cohort_encoding_undecodable(encoding.name()) }</p>
            }
            <p>{ t.cohort_import_line(separator_label(t, import.separator),
                &import.blank_rows_skipped.to_string(), &seconds(t, import.elapsed_ms)) }</p>
            if import.rows_excluded > 0 {
                <h4>{ t.cohort_malformed_heading() }</h4>
                <ul class="cohort-problems" data-testid="cohort-excluded-rows">
                    { for import.excluded.iter().map(|row| html! { <li>{ excluded_text(t, &crate::model::ExcludedView {
                        line: row.line + line_offset,
                        ..row.clone()
                    }) }</li> }) }
                </ul>
                if import.rows_excluded > import.excluded.len() {
                    <p>{ t.cohort_more_rows(&(import.rows_excluded - import.excluded.len()).to_string()) }</p>
                }
                if awaiting_choice {
                    <p class="cohort-choice">
                        if import.too_few.is_none() {
                            <button type="button" data-testid="cohort-exclude-and-analyse" onclick={on_analyse}>
                                { t.cohort_exclude_and_analyse(&import.rows_excluded.to_string()) }</button>
                        }
                        <button type="button" data-testid="cohort-fix-file" onclick={on_fix}>{ t.cohort_fix_first() }</button>
                    </p>
                }
            }
            if let Some(too_few) = &import.too_few {
                // Never offered: fewer patients than a fit needs.
                <p role="alert" class="error" data-testid="cohort-too-few">
                    { if import.rows_excluded > 0 {
                        t.cohort_too_few_after_exclusion(&import.rows_used.to_string(), &failure_text(t, too_few))
                      } else { t.cohort_too_few(&failure_text(t, too_few)) } }
                </p>
            }
            if import.warnings_total > 0 {
                <details>
                    <summary>{ t.cohort_warnings(&import.warnings_total.to_string()) }</summary>
                    <ul>{ for import.warnings.iter().map(|w| html! { <li>{ warning_text(t, &w.0) }</li> }) }</ul>
                </details>
            }
        </section>
    }
}

/// A figure in the reader's form; `data-value` keeps the machine form.
fn figure(t: &Text, testid: String, f: &crate::model::Figure) -> Html {
    html! {
        <span data-testid={testid} data-value={f.value.map(|v| v.to_string())}>{ numbers(t, &f.text) }</span>
    }
}

fn analysis_section(t: &Text, analysis: &AnalysisView) -> Html {
    html! {
        <>
            <h3 id="cohort-results-title" tabindex="-1">{ t.cohort_results_heading() }</h3>
            { summary(t, analysis) }
            <p data-testid="cohort-analysis-time">{ t.cohort_analysed_in(&seconds(t, analysis.elapsed_ms)) }</p>
            { for analysis.endpoints.iter().map(|e| {
                let primary = e.role == EndpointRole::Primary;
                let label = endpoint_label(t, e.kind);
                html! {
                <section class="cohort-endpoint" aria-label={label.to_owned()}>
                    <h3>{ if primary { label.to_owned() } else { t.cohort_second_endpoint(label) } }</h3>
                    <p>{ t.cohort_endpoint_counts(&e.n.to_string(), &e.missing_endpoint.to_string()) }</p>
                    <table class="cohort-table">
                        <caption>{ t.cohort_marker_caption() }</caption>
                        <thead><tr><th scope="col">{ t.cohort_col_marker() }</th><th scope="col">{ t.cohort_col_figure() }</th><th scope="col">{ t.cohort_col_yours() }</th><th scope="col">{ t.cohort_col_paper() }</th></tr></thead>
                        <tbody>
                            { for e.markers.iter().map(|m| marker_rows(t, m, e.kind, primary)) }
                        </tbody>
                    </table>
                    { for e.models.iter().map(|model| model_table(t, model)) }
                    { for e.markers.iter().map(|m| chart(t, m, e.role.code())) }
                </section>
            }}) }
        </>
    }
}

/// "IL6: HR 2.14 (95% CI 1.10–4.16) in your cohort vs 2.4 (1.5–3.88)
/// published; IL8: …", per endpoint, from the figures the tables show.
fn summary_line(t: &Text, e: &crate::model::EndpointView) -> String {
    let parts: Vec<String> = e
        .markers
        .iter()
        .map(|m| {
            let ours = match m.hr.value {
                Some(_) => {
                    let ci = m.hr_ci.split(", p ").next().unwrap_or_default();
                    format!("HR {} ({})", numbers(t, &m.hr.text), numbers(t, ci))
                }
                None => format!("HR {}", hr_shown(t, m)),
            };
            let published = published_hr(t, &m.published_hr);
            let published = published.split(", p ").next().unwrap_or_default();
            t.cohort_summary_marker(&m.label, &ours, published)
        })
        .collect();
    t.cohort_summary_line(endpoint_label(t, e.kind), &parts.join("; "))
}

/// A marker's HR as shown: the figure, or `not estimable (reason)`, or
/// `-` when it was not computed ([`hr_detail`] says why).
fn hr_shown(t: &Text, m: &MarkerView) -> String {
    match &m.hr_problem {
        Some(AnalysisError::NotEstimable(reason)) => not_estimable(t, reason),
        _ => numbers(t, &m.hr.text),
    }
}

/// What follows the HR in brackets: its CI and p, or why it was not computed.
fn hr_detail(t: &Text, m: &MarkerView) -> Option<String> {
    match &m.hr_problem {
        None => (!m.hr_ci.is_empty()).then(|| numbers(t, &m.hr_ci)),
        Some(AnalysisError::NotEstimable(_)) => None,
        Some(error) => Some(not_computed(t, error)),
    }
}

/// The published HR as the engine gives it (`2.4 (1.5–3.88), p 0.01`, or
/// `not published`), in the reader's words and numbers.
fn published_hr(t: &Text, engine: &str) -> String {
    if engine == crate::engine::NOT_PUBLISHED {
        t.cohort_not_published().to_owned()
    } else {
        numbers(t, engine)
    }
}

fn summary(t: &Text, analysis: &AnalysisView) -> Html {
    html! {
        <div class="cohort-summary" data-testid="cohort-summary">
            { for analysis.endpoints.iter().map(|e| html! { <p>{ summary_line(t, e) }</p> }) }
        </div>
    }
}

fn marker_rows(t: &Text, m: &MarkerView, endpoint: Endpoint, primary: bool) -> Html {
    // The paper's medians worded as the calculator's results word them.
    let published = km_comparison(endpoint, m.marker);
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
                <th scope="row" rowspan="4">{ t.cohort_marker_row(&m.label, &m.n.to_string(), &m.missing.to_string()) }</th>
                <td>{ t.cohort_hazard_ratio() }</td>
                <td><span data-testid={id("hr")} data-value={m.hr.value.map(|v| v.to_string())}>{ hr_shown(t, m) }</span>if let Some(detail) = hr_detail(t, m) { { format!(" ({detail})") } }</td>
                <td>{ published_hr(t, &m.published_hr) }</td>
            </tr>
            <tr>
                <td>{ t.cohort_logrank_p() }</td>
                <td>{ figure(t, id("logrank-p"), &m.logrank_p) }</td>
                <td>{ numbers(t, &m.published_logrank_p) }</td>
            </tr>
            <tr>
                <td>{ t.cohort_median_low(&m.n_low.to_string(), &m.events_low.to_string()) }</td>
                <td>{ figure(t, median_id("low"), &m.median_low) }</td>
                <td>{ study_text::median(t, published.low) }</td>
            </tr>
            <tr>
                <td>{ t.cohort_median_high(&m.n_high.to_string(), &m.events_high.to_string()) }</td>
                <td>{ figure(t, median_id("high"), &m.median_high) }</td>
                // Where the paper prints it stays in the paper's words.
                <td>{ study_text::median(t, published.high) }{ " (" }<span lang="en">{ m.published_source.clone() }</span>{ ")" }</td>
            </tr>
        </>
    }
}

fn model_table(t: &Text, model: &ModelView) -> Html {
    html! {
        <table class="cohort-table" data-testid={format!("cohort-{}", model.key)}>
            <caption>{ t.cohort_model_caption(model_name(t, &model.key, &model.name), model_description(t, &model.key, &model.description),
                &model.n.to_string(), &model.events.to_string(), &model.missing.to_string()) }</caption>
            <thead><tr><th scope="col">{ t.cohort_col_factor() }</th><th scope="col">{ t.cohort_col_hr_ci() }</th><th scope="col">{ "p" }</th><th scope="col">{ t.cohort_col_paper() }</th></tr></thead>
            <tbody>
                { for model.terms.iter().map(|term| html! {
                    <tr><th scope="row">{ term_factor(t, &term.key, &term.factor) }</th><td>{ term.hr_problem.map_or_else(|| hazard_ratio(t, term.hr_figures, &term.hr), |reason| not_estimable(t, &reason)) }</td><td>{ numbers(t, &term.p) }</td><td>{ published_hr(t, &term.published) }</td></tr>
                }) }
                if let Some(error) = &model.error {
                    <tr><td colspan="4">{ t.cohort_not_fitted(&model_problem_text(t, error)) }</td></tr>
                }
                if !model.dropped.is_empty() {
                    <tr><td colspan="4">{ t.cohort_left_out(&model.dropped.iter().map(|d| dropped_text(t, d)).collect::<Vec<_>>().join("; ")) }</td></tr>
                }
                if let Some(p) = &model.likelihood_ratio_p {
                    <tr><td colspan="4">{ t.cohort_lr_test(&numbers(t, p)) }</td></tr>
                }
            </tbody>
        </table>
    }
}

fn chart(t: &Text, m: &MarkerView, role: &str) -> Html {
    let svg = m
        .chart_svg
        .as_ref()
        .map(|svg| Html::from_html_unchecked(AttrValue::from(svg.clone())));
    html! {
        <figure class="cohort-chart">
            <div class="km-chart" role="img" data-testid={format!("cohort-km-{}-{role}", m.marker.code())}
                aria-label={t.cohort_chart_label(&m.label)}>
                { svg.unwrap_or_default() }
            </div>
            if let Some(error) = &m.chart_error { <p class="error">{ t.cohort_chart_failed(chart_problem_text(t, *error)) }</p> }
            <table class="cohort-table">
                <caption>{ t.cohort_risk_caption(&m.label) }</caption>
                <thead><tr><th scope="col">{ t.cohort_col_group() }</th><th scope="col">{ t.cohort_col_count() }</th>
                    { for km_chart::RISK_TABLE_MONTHS.iter().map(|mo| html! { <th scope="col">{ t.cohort_months_short(&format!("{mo:.0}")) }</th> }) }</tr></thead>
                <tbody>
                    { for m.risk_table.iter().flat_map(|row| [
                        (t.cohort_at_risk(), &row.at_risk), (t.cohort_events(), &row.events), (t.cohort_censored(), &row.censored)
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
    let t = use_text();
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
            <h3 id="cohort-cutoff-title">{ t.cohort_cutoff_heading() }</h3>
            <p class="warning" data-testid="cohort-optimism-warning">{ t.cohort_optimism_warning(&cutoff(&t, Marker::Il6), &cutoff(&t, Marker::Il8)) }</p>
            <div class="cohort-grid">
                <div class="cohort-field">
                    <label for="cohort-cutoff-marker">{ t.cohort_col_marker() }</label>
                    <select id="cohort-cutoff-marker" data-testid="cohort-cutoff-marker" onchange={on_marker}>
                        { for Marker::ALL.into_iter().map(|m| html! {
                            <option value={m.code()} selected={*marker == m}>{ m.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="cohort-field">
                    <label for="cohort-cutoff-input">{ t.cohort_cutoff_input() }</label>
                    <input id="cohort-cutoff-input" data-testid="cohort-cutoff-input" type="text" inputmode="decimal"
                        value={(*text).clone()} oninput={on_text} aria-invalid={invalid.is_some().then_some("true")} />
                </div>
            </div>
            <p>
                <button type="button" data-testid="cohort-cutoff-apply" onclick={on_apply}>{ t.cohort_cutoff_apply() }</button>
                <button type="button" data-testid="cohort-optimal" onclick={on_optimal}>{ t.cohort_cutoff_optimal() }</button>
            </p>
            if let Some(reason) = &*invalid {
                <p class="error" role="alert">{ t.cohort_cutoff_invalid(&cutoff(&t, Marker::Il6), reason) }</p>
            }
            if let Some(c) = &props.cutoff {
                <p data-testid="cohort-cutoff-result">{ cutoff_text(&t, c) }</p>
            }
            if let Some(o) = &props.optimal {
                <p data-testid="cohort-optimal-result">
                    { t.cohort_optimal_result(o.marker.label(), &t.shown(&o.cutoff.to_string()),
                        &numbers(&t, &format!("{:.3}", o.statistic)), &o.candidates.to_string()) }{ " " }
                    <span data-testid="cohort-optimal-p" data-value={o.corrected_p.clone()}>{ numbers(&t, &o.corrected_p) }</span>
                    { ". " }{ t.cohort_at_that_cutoff(&cutoff_text(&t, &o.at_cutoff)) }
                </p>
            }
        </section>
    }
}

fn cutoff_text(t: &Text, c: &CutoffView) -> String {
    let at = t.shown(&c.cutoff.to_string());
    match &c.error {
        Some(error) => t.cohort_cutoff_error(c.marker.label(), &at, &analysis_error_text(t, error)),
        None => t.cohort_cutoff_result(
            c.marker.label(),
            &at,
            &t.cohort_cutoff_groups(
                &c.n_low.to_string(),
                &c.n_high.to_string(),
                &c.missing.to_string(),
            ),
            &c.hr_problem.as_ref().map_or_else(
                || hazard_ratio(t, c.hr_figures, &c.hr),
                |error| missing_hr(t, error),
            ),
            &c.logrank_problem
                .as_ref()
                .map_or_else(|| numbers(t, &c.logrank_p), |error| not_computed(t, error)),
        ),
    }
}
