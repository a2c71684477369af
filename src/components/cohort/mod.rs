//! "Validate on your cohort" (issue 6): a centre's own CSV, imported and
//! analysed in the browser by the published cutoffs, beside the paper.
//!
//! * [`model`]: what crosses between the page and the worker;
//! * [`engine`]: the work, in steps (plain Rust, tested natively);
//! * [`worker`]: the web worker's entry point (`src/bin/cohort_worker.rs`);
//! * [`runner`]: the page's side: a worker, or the same steps on the page
//!   with a yield between them where no worker can be loaded (`file://`);
//! * [`cohort_view`] and its parts: the screen.

pub mod cohort_view;
pub mod engine;
pub mod model;
pub mod runner;
pub mod worker;
