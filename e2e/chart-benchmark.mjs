// Input-to-redrawn-chart latency in the release build, headless Chromium.
// Not a test (node --test skips it: the name has no .test.): run
//   PATH=$PWD/node_modules/.bin:$PATH trunk build --release --offline && node e2e/chart-benchmark.mjs [edits]
// Each edit types an IL6 value on the other side of the 6.53 pg/mL cutoff
// (3 ↔ 12), so the patient's group changes and the chart must be redrawn:
// geometry, SVG rendering and the DOM update. Timed inside the page with
// performance.now(): from just before the input event to the moment the
// chart's SVG has been replaced (a MutationObserver on the chart), and to
// the next animation frame after it (when the browser can paint it).
import { launch, serveDist, openPage, byTestId } from "./browser.mjs";

const EDITS = Number(process.argv[2] ?? 400);

function quantile(sorted, q) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

const server = await serveDist();
const browser = await launch();
try {
  const { page, record } = await openPage(browser, server.url + "#il6=3&il8=30", { width: 1920, height: 1080 });
  await page.waitForSelector(`${byTestId("km-chart")} svg`);
  const samples = await page.evaluate(async (edits) => {
    const input = document.querySelector('[data-testid="input-il6"]');
    const chart = document.querySelector('[data-testid="km-chart"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    const out = [];
    for (let i = 0; i < edits; i++) {
      const before = chart.querySelector("svg");
      const redrawn = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (chart.querySelector("svg") !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(chart, { childList: true, subtree: true });
      });
      const t0 = performance.now();
      setValue.call(input, i % 2 === 0 ? "12" : "3");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const t1 = await redrawn;
      const t2 = await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      out.push({ dom: t1 - t0, frame: t2 - t0 });
    }
    return out;
  }, EDITS);
  const dom = samples.map((s) => s.dom).sort((a, b) => a - b);
  const frame = samples.map((s) => s.frame).sort((a, b) => a - b);
  const group = await page.locator(byTestId("km-legend-low")).getAttribute("data-patient");
  const fmt = (x) => x.toFixed(2);
  console.log(`edits: ${EDITS} (IL6 3 ↔ 12 pg/mL, overall survival by IL6, viewport 1920×1080)`);
  console.log(`input → chart SVG replaced in the DOM: median ${fmt(quantile(dom, 0.5))} ms, p95 ${fmt(quantile(dom, 0.95))} ms, max ${fmt(dom[dom.length - 1])} ms`);
  console.log(`input → next animation frame:          median ${fmt(quantile(frame, 0.5))} ms, p95 ${fmt(quantile(frame, 0.95))} ms, max ${fmt(frame[frame.length - 1])} ms`);
  console.log(`final state: low group is the patient's: ${group}; page errors: ${record.errors.length}`);
  await page.close();
} finally {
  await browser.close();
  await server.close();
}
