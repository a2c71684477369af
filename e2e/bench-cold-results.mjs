// Time until results can be computed after a cold load on a throttled phone
// (issue 11): a fragment link with a patient's values is opened in a fresh
// browser context (no cache, no service worker) and timed from navigation
// start until the live app shows the ALBI score (the static first paint has
// no results: `[data-testid=albi-score]` without `[data-prerendered]`).
// Not a test (node --test skips it: the name has no .test.): it prints figures.
//   node e2e/bench-cold-results.mjs [loads=5] [profile=lighthouse-mobile]
// Needs a release build in dist/ (trunk build --release --offline), or in
// the folder BENCH_DIST names. To compare builds on a machine whose load
// varies, name several folders, comma-separated (BENCH_DIST=before/,after/):
// their loads alternate (before, after, before, …) and each gets its medians.
//
// Profiles (DevTools protocol: Network.emulateNetworkConditions and
// Emulation.setCPUThrottlingRate, both on the page's own session):
// - lighthouse-mobile: Lighthouse's mobile settings as it states them, slow 4G
//   with 150 ms round trip and 1.6 Mbit/s (1638.4 kbit/s) down, 750 kbit/s up,
//   and a 4× CPU slowdown. DevTools applies the latency once per request
//   (no connection set-up is modelled).
// - lighthouse-devtools: what Lighthouse itself applies when asked for
//   DevTools throttling (`throttlingMethod: "devtools"`, its constants.js):
//   the same link with the request latency multiplied by 3.75 (562.5 ms, for
//   the connection set-up and server time DevTools does not model) and the
//   throughput by 0.9; 4× CPU. Stricter: every request in a chain pays 562.5 ms.
// - none: no throttling at all (loopback; compare with e2e/bench-latency.mjs).
//
// Besides the total, each load reports where the time went, from the page's
// own Resource Timing and paint entries: the HTML, the first paint, the
// wasm-bindgen module, the wasm (request start → last byte), the
// `TrunkApplicationStarted` event (wasm compiled and instantiated, app's
// main run) and the results; and the machine's load average, since the CPU
// parts stretch when other processes share the cores. A start script
// instrumented with performance.mark() has its marks printed too.
import { loadavg } from "node:os";
import { launch, DIST } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

const loads = Number(process.argv[2] ?? 5);
const profileName = process.argv[3] ?? "lighthouse-mobile";
const PROFILES = {
  "lighthouse-mobile": { latency: 150, downKbps: 1638.4, upKbps: 750, cpu: 4 },
  "lighthouse-devtools": { latency: 150 * 3.75, downKbps: 1638.4 * 0.9, upKbps: 750 * 0.9, cpu: 4 },
  none: null,
};
if (!(profileName in PROFILES)) throw new Error(`unknown profile ${profileName}: ${Object.keys(PROFILES).join(", ")}`);
const profile = PROFILES[profileName];
// The example patient of e2e/browser.mjs (ALBI −1.72).
const LINK =
  "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Runs in the page before any of its scripts: notes when the live app starts
// and when its results first appear (checked on every DOM change).
function probe() {
  const marks = (window.__coldMarks = {});
  addEventListener("TrunkApplicationStarted", () => (marks.appStarted ??= performance.now()));
  const check = () => {
    if (marks.results) return;
    const score = document.querySelector("[data-testid=albi-score]");
    if (score && score.textContent.trim() !== "" && !document.querySelector("[data-prerendered]")) {
      marks.results = performance.now();
      marks.score = score.textContent.trim();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

const dists = (process.env.BENCH_DIST ?? DIST).split(",");
const servers = [];
for (const dist of dists) servers.push(await startServer(dist));
const browser = await launch();
const rowsOf = dists.map(() => []);
try {
  for (let n = 0; n < loads * dists.length; n += 1) {
    const d = n % dists.length;
    const i = Math.floor(n / dists.length);
    const server = servers[d];
    const rows = rowsOf[d];
    // A fresh context per load: empty HTTP cache, no service worker.
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profile) {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: profile.latency,
        downloadThroughput: (profile.downKbps * 1024) / 8,
        uploadThroughput: (profile.upKbps * 1024) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    }
    await page.addInitScript(probe);
    await page.goto(server.url + LINK, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__coldMarks?.results !== undefined, null, { timeout: 120_000, polling: 100 });
    const row = await page.evaluate(() => {
      const marks = window.__coldMarks;
      const resource = (pattern) => performance.getEntriesByType("resource").find((e) => pattern.test(e.name));
      const span = (e) => (e ? [Math.round(e.startTime), Math.round(e.responseEnd)] : null);
      const [nav] = performance.getEntriesByType("navigation");
      return {
        results: marks.results,
        score: marks.score,
        appStarted: marks.appStarted,
        html: [0, Math.round(nav.responseEnd)],
        firstPaint: performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")?.startTime,
        startJs: span(resource(/\/start[^/]*\.js$/)),
        bindings: span(resource(/soramic-il-calculator[^/]*\.js$/)),
        wasm: span(resource(/soramic-il-calculator[^/]*_bg\.wasm$/)),
        wasmBytes: resource(/_bg\.wasm$/)?.encodedBodySize,
        // performance.mark() calls of an instrumented start script, if any.
        marks: performance.getEntriesByType("mark").map((m) => `${m.name} ${Math.round(m.startTime)}`),
      };
    });
    row.load = loadavg()[0];
    rows.push(row);
    const ms = (v) => (v === undefined || v === null ? "–" : `${Math.round(v)}`);
    const range = (r) => (r ? `${r[0]}–${r[1]}` : "–");
    console.log(
      `${dists.length > 1 ? `${dists[d]} ` : ""}load ${i + 1} (load average ${row.load.toFixed(1)}): results ${ms(row.results)} ms (ALBI ${row.score}); html ${range(row.html)}, first paint ${ms(row.firstPaint)}, ` +
        `start.js ${range(row.startJs)}, bindings ${range(row.bindings)}, wasm ${range(row.wasm)} (${row.wasmBytes} B), ` +
        `app started ${ms(row.appStarted)}${row.marks.length ? `; marks: ${row.marks.join(", ")}` : ""}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}

const label = profile
  ? `${profileName}: ${profile.latency} ms latency per request, ${profile.downKbps.toFixed(1)} kbit/s down, ${profile.upKbps} kbit/s up, CPU ×${profile.cpu}`
  : "no throttling";
console.log(`\n${label}; ${loads} cold loads${dists.length > 1 ? " of each build, alternated" : ""}, medians (ms from navigation start):`);
console.log(
  "| build | results shown | first paint | HTML received | wasm-bindgen module received | wasm request → last byte | app started (compiled, instantiated, main run) | load average |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
dists.forEach((dist, d) => {
  const rows = rowsOf[d];
  const med = (pick) => median(rows.map(pick).filter((v) => typeof v === "number"));
  const loadRange = `${Math.min(...rows.map((r) => r.load)).toFixed(1)}–${Math.max(...rows.map((r) => r.load)).toFixed(1)}`;
  console.log(
    `| ${dist} | **${Math.round(med((r) => r.results))}** | ${Math.round(med((r) => r.firstPaint))} | ${Math.round(med((r) => r.html[1]))} | ` +
      `${Math.round(med((r) => r.bindings?.[1]))} | ${Math.round(med((r) => r.wasm?.[0]))} → ${Math.round(med((r) => r.wasm?.[1]))} | ` +
      `${Math.round(med((r) => r.appStarted))} | ${loadRange} |`,
  );
});
dists.forEach((dist, d) => console.log(`runs${dists.length > 1 ? ` (${dist})` : ""}: ${rowsOf[d].map((r) => Math.round(r.results)).join(", ")} ms`));
