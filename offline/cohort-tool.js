// The page's side of the cohort tool (crates/cohort-tool), shared by the
// served site's start script and the single file's script (scripts/postbuild.mjs
// puts this text into both). The calculator's wasm calls
// `soramicCohort.mount(element)` when the cohort view opens and
// `soramicCohort.unmount()` when it closes (src/components/cohort_slot.rs).
// `load()` returns the tool's bindings, initialised; it runs once, and again
// only after a failure (offline on the first try, say).
function installCohortTool(load) {
  let loading = null;
  let loaded = null;
  // Bumped by every mount and unmount: a load that finishes after the view
  // was closed (or reopened) mounts nothing.
  let generation = 0;
  window.soramicCohort = {
    async mount(root) {
      const mine = ++generation;
      loading ??= load().catch((error) => {
        loading = null;
        throw error;
      });
      loaded = await loading;
      if (mine === generation && root.isConnected) loaded.mount(root);
    },
    unmount() {
      generation++;
      loaded?.unmount();
    },
  };
}
