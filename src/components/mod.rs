pub mod about;
pub mod app;
pub mod choice_input;
pub mod input_form;
pub mod km_chart;
pub mod lab_input;
pub mod results;
pub mod toolbar;
