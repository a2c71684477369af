// Browser benchmarks of the calculator (not a test: it prints figures).
//   node e2e/bench-latency.mjs [edits=400] [loads=10]
// Needs a release build in dist/ (scripts/serve.sh or trunk build --release --offline).
// 1. Input-to-updated-numbers latency: from dispatching an `input` event on the
//    bilirubin field to the moment the ALBI score in the DOM shows the new value.
// 2. Cold start: from navigation start to the form showing results rendered from
//    a fragment link (median of N loads, fresh page each time, localhost, no throttling).
import { launch, serveDist } from "./browser.mjs";

const edits = Number(process.argv[2] ?? 400);
const loads = Number(process.argv[3] ?? 10);
const LINK =
  "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) };
};
const fmt = ({ n, median, p95, max }) =>
  `n=${n} median=${median.toFixed(3)} ms p95=${p95.toFixed(3)} ms max=${max.toFixed(3)} ms`;

const server = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(server.url + "#il6=12.4&il8=85.2&albumin=40&bilirubin=10");
  await page.waitForSelector('[data-testid="albi-score"]');
  const latencies = await page.evaluate(async (count) => {
    const input = document.querySelector('[data-testid="input-bilirubin"]');
    const scoreText = () => document.querySelector('[data-testid="albi-score"]')?.textContent;
    const results = [];
    for (let i = 0; i < count; i += 1) {
      // Alternate two values whose ALBI scores differ, so every edit changes the text.
      const value = i % 2 === 0 ? "40" : "10";
      const before = scoreText();
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (scoreText() !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      results.push((await done) - start);
    }
    return results;
  }, edits);
  console.log(`input → updated numbers: ${fmt(summary(latencies))}`);
  await page.close();

  const starts = [];
  for (let i = 0; i < loads; i += 1) {
    const fresh = await browser.newPage();
    await fresh.goto(server.url + LINK);
    await fresh.waitForSelector('[data-testid="albi-score"]');
    starts.push(await fresh.evaluate(() => performance.now()));
    await fresh.close();
  }
  console.log(`cold start to results from a link: ${fmt(summary(starts))}`);
} finally {
  await browser.close();
  await server.close();
}
