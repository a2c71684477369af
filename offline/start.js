// Starts the app and keeps it working offline. scripts/postbuild.mjs turns
// this template into the build's start script, inlined in index.html (a
// module: it runs once the page has been parsed) and allowed by its hash in
// the page's Content Security Policy, filling in the hashed file names and
// the Subresource Integrity hashes, and appending offline/cohort-tool.js
// (where `installCohortTool` is declared). `import.meta.url` is the page's
// address here, so the names resolve beside index.html.

// The cohort tool's bindings are wasm-bindgen's "no-modules" kind (the same
// file also runs in its worker): a classic script that declares the global
// `wasm_bindgen`. Loaded with Subresource Integrity, like the wasm.
installCohortTool(async () => {
  // Once declared, `wasm_bindgen` stays (a second copy of the script would
  // fail to declare it again): after a failed start only the wasm is retried.
  if (typeof wasm_bindgen === "undefined") await loadClassicScript();
  // eslint-disable-next-line no-undef -- declared by the script just loaded
  const tool = wasm_bindgen;
  await tool({
    module_or_path: fetch(new URL("__COHORT_WASM__", import.meta.url), { integrity: "__COHORT_WASM_INTEGRITY__" }),
  });
  return tool;
});

/** Adds the cohort tool's bindings (a classic script) to the page, with SRI. */
function loadClassicScript() {
  const script = document.createElement("script");
  script.src = new URL("__COHORT_BINDINGS__", import.meta.url).href;
  script.integrity = "__COHORT_BINDINGS_INTEGRITY__";
  return loadVerified(script, "the cohort tool's script");
}

// The page's HTML already shows the app (the static first paint, see
// scripts/prerender.mjs, with its style inline): the first paint needs
// nothing fetched, and nothing of the app is fetched until it has been
// painted. Lighthouse's simulated Largest Contentful Paint counts every
// request that ended before the observed first paint: fetched in parallel
// with the HTML, the wasm was one of them (2.2 s instead of 0.95 s), and
// fetched as soon as the page was parsed, it was one of them whenever the
// machine was busy enough to delay that paint (BENCHMARKS.md, "Time until
// results on a throttled phone"). This module runs once the page has been
// parsed; if a paint has been presented by then, the app is requested at once.
try {
  await afterFirstPaint();
  // fetch() with `integrity`: the browser refuses a wasm whose bytes are not
  // this build's. (Trunk's own starter passes a bare URL, which skips SRI.)
  // Requested beside the bindings rather than after them: on a slow phone
  // link every request in a chain costs a round trip before its first byte.
  // A failure is reported once, where it is awaited below, not also as an
  // unhandled rejection.
  const wasmResponse = fetch(new URL("__WASM__", import.meta.url), { integrity: "__WASM_INTEGRITY__" });
  wasmResponse.catch(() => {});
  const bindingsUrl = new URL("__BINDINGS__", import.meta.url).href;
  // A verified module preload puts the checked bytes into the module map, so
  // the import below runs exactly this build's bindings (SRI for a dynamic import).
  await modulePreload(bindingsUrl, "__BINDINGS_INTEGRITY__");
  const bindings = await import(bindingsUrl);
  const wasm = await bindings.default({ module_or_path: wasmResponse });
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
 * Resolves at once if the browser has already painted (a paint timing entry
 * exists only once a frame has been presented), else once it has painted a
 * frame: a timer queued from an animation frame callback runs after that
 * frame. A hidden tab paints no frames: there it resolves at once, or when
 * the tab is hidden. No timer: a page on a busy CPU may take over a second
 * for its first frame, and a wasm fetched meanwhile would count towards
 * Lighthouse's simulated LCP (2.9 s in such a run with a 200 ms timer).
 */
function afterFirstPaint() {
  return new Promise((resolve) => {
    if (performance.getEntriesByType("paint").length > 0 || document.visibilityState === "hidden") return resolve();
    requestAnimationFrame(() => setTimeout(resolve, 0));
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && resolve());
  });
}

/** Loads a module with Subresource Integrity through `<link rel="modulepreload">`. */
function modulePreload(href, integrity) {
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = href;
  link.integrity = integrity;
  return loadVerified(link, href);
}

/**
 * Adds a `<script>` or `<link>` whose `integrity` is set to the page's head;
 * resolves once it has loaded, rejects if it failed to load or its check.
 */
function loadVerified(element, what) {
  return new Promise((resolve, reject) => {
    element.crossOrigin = "anonymous";
    element.addEventListener("load", resolve);
    element.addEventListener("error", () => reject(new Error(`${what} failed to load or its integrity check`)));
    document.head.append(element);
  });
}

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

/*__COHORT_TOOL__*/
