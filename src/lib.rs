//! Yew front end (filled in by the calculator work).
