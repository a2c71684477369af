// Start-up of the three ways to open the calculator, headless Chromium, no
// throttling: from navigation start until the live app has replaced the
// static first paint (`[data-testid=disclaimer]` present, no
// `[data-prerendered]`; e2e/browser.mjs waitForLiveApp).
// Not a test (node --test skips it: the name has no .test.): it prints figures.
//   node e2e/bench-offline-start.mjs [runs=5]
// Needs a release build in dist/ (trunk build --release --offline).
// 1. First visit over http (loopback): a fresh browser context, no cache.
// 2. Later visit with the network cut: the same context once its service
//    worker controls the page, then offline (Playwright's offline emulation,
//    which covers the worker's fetches, and the server closed), and reloaded.
// 3. The single file calculator-offline.html from file:// (base64 decode of
//    the inlined wasm included).
import { launch, DIST } from "./browser.mjs";
import { startServer } from "./static-server.mjs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 5);

function probe() {
  const check = () => {
    if (window.__liveAt !== undefined) return;
    if (document.querySelector("[data-testid=disclaimer]") && !document.querySelector("[data-prerendered]")) {
      window.__liveAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
}

async function liveAt(page) {
  await page.waitForFunction(() => window.__liveAt !== undefined, null, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => window.__liveAt);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const browser = await launch();
const times = { http: [], offline: [], file: [] };
try {
  for (let i = 0; i < runs; i += 1) {
    const server = await startServer(DIST);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(probe);
    const page = await context.newPage();
    await page.goto(server.url);
    times.http.push(await liveAt(page));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    await context.setOffline(true);
    await server.close();
    await page.reload();
    times.offline.push(await liveAt(page));
    await context.close();

    const fileContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await fileContext.addInitScript(probe);
    const filePage = await fileContext.newPage();
    await filePage.goto(pathToFileURL(join(DIST, "calculator-offline.html")).href);
    times.file.push(await liveAt(filePage));
    await fileContext.close();
  }
} finally {
  await browser.close();
}

const fmt = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${Math.round(median(values))} (${Math.round(sorted[0])}–${Math.round(sorted.at(-1))})`;
};
console.log(`| how | ms, median (range) of ${runs} |`);
console.log("| --- | ---: |");
console.log(`| first visit over http (loopback) | ${fmt(times.http)} |`);
console.log(`| later visit, network cut, served by the service worker | ${fmt(times.offline)} |`);
console.log(`| single file from \`file://\` (base64 decode included) | ${fmt(times.file)} |`);
