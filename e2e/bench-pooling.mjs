// Benchmark (not a test): pooling many centre summaries in the cohort view
// (issue 14, "large inputs (100 centres) stay responsive"). Writes N
// summaries of simulated centres (the schema of docs/centre-summary.md),
// loads them into `pool-files` at once and prints how long the page took
// to show the pooled results, and the longest main-thread task meanwhile.
//
//   trunk build --release --offline && node e2e/bench-pooling.mjs [N=100]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serveDist, byTestId, openCohortPage } from "./browser.mjs";
import { generator } from "./simulate.mjs";

const N = Number(process.argv[2] ?? 100);
const BINS = 36;

/** One group's binned table from simulated exponential times. */
function table(random, n, hazard) {
  const atRisk = new Array(BINS).fill(0);
  const events = new Array(BINS).fill(0);
  const censored = new Array(BINS).fill(0);
  for (let i = 0; i < n; i++) {
    const time = -Math.log(random()) / hazard;
    const follow = 2 + random() * 33;
    const t = Math.min(time, follow);
    const bin = Math.min(BINS - 1, Math.floor(t));
    for (let k = 0; k <= bin; k++) atRisk[k]++;
    if (time <= follow) events[bin]++;
    else censored[bin]++;
  }
  return { patients: n, at_risk: atRisk, events, censored };
}

function summary(seed) {
  const random = generator(seed);
  const comparisons = [];
  for (const endpoint of ["os", "ttld"]) {
    for (const marker of ["il6", "il8"]) {
      const low = table(random, 20 + Math.floor(random() * 40), 1 / 16);
      const high = table(random, 20 + Math.floor(random() * 40), 1 / 8);
      comparisons.push({
        endpoint, marker, withheld: null, low, high,
        log_rank: { observed_minus_expected: 2 + random() * 4, variance: 4 + random() * 4 },
        cox: { log_hazard_ratio: 0.3 + random() * 0.6, standard_error: 0.2 + random() * 0.15 },
      });
    }
  }
  return JSON.stringify({ schema: "soramic-centre-summary", version: 1, grid_months: 1, minimum_group: 5, comparisons });
}

const dir = mkdtempSync(join(tmpdir(), "bench-pooling-"));
const files = Array.from({ length: N }, (_, i) => {
  const path = join(dir, `centre-${i + 1}.json`);
  writeFileSync(path, summary(1000 + i));
  return path;
});
const server = await serveDist();
const browser = await launch();
try {
  const { context, page } = await openCohortPage(browser, server.url);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  const started = Date.now();
  await page.locator(byTestId("pool-files")).setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pool-centres"] li').length === n, N, { timeout: 120_000 });
  await page.waitForSelector(byTestId("pool-forest-os-il6"), { timeout: 120_000 });
  const shown = Date.now() - started;
  const longest = await page.evaluate(() => window.__longest);
  console.log(`${N} centre summaries: pooled results shown ${shown} ms after the files were given; longest main-thread task ${Math.round(longest)} ms`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
