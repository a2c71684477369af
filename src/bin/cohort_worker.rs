//! The cohort view's web worker (see `components::cohort::worker`), built by
//! Trunk from index.html's `data-type="worker"` link.

fn main() {
    soramic_il_calculator::components::cohort::worker::run();
}
