// Starts the app and keeps it working offline. scripts/postbuild.mjs turns
// this template into the build's external start script (so the page's
// Content Security Policy needs no inline script), filling in the hashed
// file names and the wasm's Subresource Integrity hash.
import init, * as bindings from "__BINDINGS__";

// fetch() with `integrity`: the browser refuses a wasm whose bytes are not
// this build's. (Trunk's own starter passes a bare URL, which skips SRI.)
try {
  const wasm = await init({
    module_or_path: fetch(new URL("__WASM__", import.meta.url), { integrity: "__WASM_INTEGRITY__" }),
  });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} catch (error) {
  // The static first paint looks like the app: say plainly that it is not
  // working, rather than leave a form that computes nothing.
  console.error("The calculator could not start:", error);
  const notice = document.querySelector("[data-testid=startup-notice]");
  if (notice) {
    notice.textContent =
      "The calculator could not start, so no result can be shown. Reload the page; " +
      "if this persists, use the offline file or another browser.";
    notice.classList.add("failed");
    notice.setAttribute("role", "alert");
  }
}
watchForUpdates();

/**
 * Registers the service worker (over http(s) only) and, when a new build has
 * installed while this page runs an older one, shows a "New version available
 * — reload" notice. The new build takes over only when the user presses the
 * button, and the page then reloads: one page never mixes two builds.
 */
function watchForUpdates() {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const container = navigator.serviceWorker;
  let updating = false;
  const hadController = container.controller !== null;
  container.addEventListener("controllerchange", () => {
    if (updating) location.reload();
    // Another tab let the new build take over: this page still runs the old
    // one (all loaded), and says so. The first install also takes control of
    // this page, but is its own build: nothing to say then.
    else if (hadController) showNotice(() => location.reload());
  });
  const offer = (worker) => {
    if (!container.controller || document.querySelector("[data-testid=update-notice]")) return;
    showNotice(() => {
      updating = true;
      worker.postMessage({ type: "activate-update" });
    });
  };
  container
    .register(new URL("sw.js", document.baseURI), { scope: "./", updateViaCache: "none" })
    .then((registration) => {
      // The browser may have found the new build (on navigation) before this
      // script ran: look at the waiting and installing workers, then listen.
      const track = (worker) => {
        if (worker?.state === "installed") offer(worker);
        else worker?.addEventListener("statechange", () => worker.state === "installed" && offer(worker));
      };
      track(registration.waiting);
      track(registration.installing);
      registration.addEventListener("updatefound", () => track(registration.installing));
    })
    // Offline or a failed check: the page keeps running the build it has.
    .catch(() => {});
}

function showNotice(onReload) {
  document.querySelector("[data-testid=update-notice]")?.remove();
  // Added after the app has mounted (Yew clears <body> when it mounts).
  const notice = document.createElement("div");
  notice.className = "update-notice";
  notice.setAttribute("role", "status");
  notice.dataset.testid = "update-notice";
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.testid = "update-reload";
  button.textContent = "reload";
  button.addEventListener("click", onReload);
  notice.append("New version available — ", button);
  document.body.append(notice);
}
