//! The patient's course beside the study (issue 13): the share of the
//! patient's IL6 group still free of liver dysfunction at the patient's event
//! (or last event-free follow-up), read off the reconstructed time-to-liver-
//! dysfunction curve, with the censoring caveat of that endpoint. Placed with
//! the results, so presentation mode and the print keep the caveat with it.

use calculator_core::followup::Outcome;
use calculator_core::published::{Endpoint, Marker};
use calculator_core::Group;
use text::Text;
use yew::prelude::*;

use crate::components::km_chart::reference_reading;
use crate::study_text as words;

/// The share (machine form, whole percent) and the sentence; `None` when the
/// reference data did not load. The note summary says the same.
pub fn course(t: &Text, group: Group, outcome: Outcome) -> Option<(String, String)> {
    let months = outcome.months();
    let reading = reference_reading(
        Endpoint::TimeToLiverDysfunction,
        Marker::Il6,
        group,
        months.to_f64(),
    )?;
    let share = text::fixed(reading.share * 100.0, 0)?;
    let mut when = match outcome {
        Outcome::Event { .. } => t.fu_course_event().to_owned(),
        Outcome::EventFree { .. } => t.fu_course_free().to_owned(),
    };
    if reading.beyond_follow_up {
        when = format!("{when}; {}", t.fu_course_beyond());
    }
    let sentence = t.fu_course(
        &format!("{} {}", Marker::Il6.label(), words::group(t, group)),
        &t.shown(&share),
        &t.shown(&months.to_string()),
        &when,
    );
    Some((share, sentence))
}

/// The patient's point on the time-to-liver-dysfunction chart by IL6: the
/// event's (or last event-free follow-up's) months on the group's curve.
pub fn chart_marker(
    t: &Text,
    il6_group: Option<Group>,
    outcome: Option<Outcome>,
) -> Option<km_chart::ChartMarker> {
    let outcome = outcome?;
    let months = outcome.months().to_f64();
    let reading = reference_reading(
        Endpoint::TimeToLiverDysfunction,
        Marker::Il6,
        il6_group?,
        months,
    )?;
    let label = match outcome {
        Outcome::Event { .. } => t.fu_course_event(),
        Outcome::EventFree { .. } => t.fu_course_free(),
    };
    Some(km_chart::ChartMarker {
        months,
        share: reading.share,
        label: label.to_owned(),
    })
}

/// The sentence, or nothing while there is no outcome.
pub fn follow_up_course(t: &Text, il6_group: Option<Group>, outcome: Option<Outcome>) -> Html {
    let Some(outcome) = outcome else {
        return Html::default();
    };
    let Some(group) = il6_group else {
        return html! { <p class="pending" data-testid="followup-course-pending">{ t.fu_course_needs_il6() }</p> };
    };
    let Some((share, sentence)) = course(t, group, outcome) else {
        return Html::default();
    };
    html! {
        <section class="follow-up-course" data-testid="followup-course-section">
            <p class="caveat">
                <span data-testid="followup-course" data-value={share}>{ sentence }</span>
                { " " }{ t.results_ttld_caveat() }
            </p>
        </section>
    }
}
