// The "Validate on your cohort" view (issue 6) end to end, in headless
// Chromium against the release build: the messy CSV files of
// crates/cohort/tests/data imported through the file input, and every figure
// shown (row counts, hazard ratios, log-rank p, medians) compared with the
// values R wrote for the same files (crates/cohort/tests/fixtures, from
// generate.R: survival 3.5 `coxph`/`survdiff`/`survfit`), read from the
// fixture files, never retyped. Zero CSP violations and console errors. A
// 10^6-row file (written to a temp dir) loads in the web worker while the
// page keeps painting, and can be cancelled.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, createWriteStream, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serveDist, byTestId, openCohortPage, assertCohortClean } from "./browser.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const DATA = join(ROOT, "crates/cohort/tests/data");
const FIXTURES = join(ROOT, "crates/cohort/tests/fixtures");
const ARTIFACTS = join(ROOT, "e2e/artifacts");

/** generate.R's key,value file as a Map of text. */
function expected(set) {
  const lines = readFileSync(join(FIXTURES, `expected_${set}.csv`), "utf8").trim().split("\n").slice(1);
  return new Map(lines.map((line) => {
    const comma = line.indexOf(",");
    return [line.slice(0, comma), line.slice(comma + 1)];
  }));
}

let browser, server;
before(async () => {
  browser = await launch();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const cohortPage = () => openCohortPage(browser, server.url);
const assertClean = assertCohortClean;

async function importFile(page, path, { eventCoding } = {}) {
  await page.locator(byTestId("cohort-file")).setInputFiles(path);
  await page.waitForSelector(byTestId("cohort-import"));
  if (eventCoding) await page.locator(byTestId("cohort-map-event_coding")).selectOption(eventCoding);
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 60_000 });
}

const text = async (page, id) => (await page.locator(byTestId(id)).textContent()).trim();
const value = async (page, id) => page.locator(byTestId(id)).getAttribute("data-value");

function assertClose(actual, expectedText, what) {
  const r = Number(expectedText);
  assert.ok(Number.isFinite(Number(actual)), `${what}: no value shown (${actual})`);
  assert.ok(Math.abs(Number(actual) - r) <= 1e-6 * Math.abs(r), `${what}: shown ${actual}, R ${r}`);
}

/** Every per-marker figure of one endpoint against R. */
async function checkEndpoint(page, r, endpoint, suffix) {
  for (const marker of ["il6", "il8"]) {
    const key = `${endpoint}/${marker}`;
    const hrId = `cohort-hr-${marker}${suffix}`;
    assertClose(await value(page, hrId), r.get(`${key}/hr`), hrId);
    assert.equal(await text(page, hrId), Number(r.get(`${key}/hr`)).toFixed(2), hrId);
    const pId = `cohort-logrank-p-${marker}${suffix}`;
    assertClose(await value(page, pId), r.get(`${key}/logrank_p`), pId);
    for (const group of ["low", "high"]) {
      const id = `cohort-median-${marker}-${group}${suffix}`;
      const median = r.get(`${key}/median_${group}`);
      if (median === "NA") {
        assert.equal(await text(page, id), "NR", id);
      } else {
        assert.equal(await text(page, id), Number(median).toFixed(1), id);
        assertClose(await value(page, id), median, id);
      }
    }
  }
}

for (const [set, eventCoding] of [["messy_semicolon_days", "dead/alive"], ["messy_comma_months", undefined]]) {
  test(`${set}: counts, hazard ratios, log-rank p and medians match R`, async () => {
    const r = expected(set);
    const { context, page, record } = await cohortPage();
    await importFile(page, join(DATA, `${set}.csv`), { eventCoding });
    assert.equal(await text(page, "cohort-rows-read"), r.get("rows_read"));
    assert.equal(await text(page, "cohort-rows-used"), r.get("rows_used"));
    assert.equal(await text(page, "cohort-rows-excluded"), r.get("rows_excluded"));
    // Every malformed row is listed with its line number, and nothing is
    // analysed until the user chooses to exclude them.
    const listed = await page.locator(`${byTestId("cohort-excluded-rows")} li`).allTextContents();
    assert.equal(listed.length, Number(r.get("rows_excluded")));
    assert.ok(listed.every((line) => /^line \d+/.test(line)), listed.join("\n"));
    assert.equal(await page.locator(byTestId("cohort-hr-il6")).count(), 0);
    await page.locator(byTestId("cohort-exclude-and-analyse")).click();
    await page.waitForSelector(byTestId("cohort-hr-il6"), { timeout: 60_000 });
    await checkEndpoint(page, r, "primary", "");
    if (r.has("second/il6/hr")) await checkEndpoint(page, r, "second", "-second");
    // The overlay charts are drawn.
    assert.equal(await page.locator(`${byTestId("cohort-km-il6-primary")} svg`).count(), 1);
    await page.screenshot({ path: join(ARTIFACTS, `cohort-${set}.png`), fullPage: true });
    await page.locator(".cohort-chart").first().screenshot({ path: join(ARTIFACTS, `cohort-${set}-chart-il6.png`) });
    await page.locator(".cohort-endpoint table").first().screenshot({ path: join(ARTIFACTS, `cohort-${set}-figures.png`) });
    await assertClean(page, record);
    await context.close();
  });
}

test("cutoff explorer and optimal cutoff match R; the optimism warning is shown; patients download", async () => {
  const set = "messy_comma_months";
  const r = expected(set);
  const { context, page, record } = await cohortPage();
  await importFile(page, join(DATA, `${set}.csv`));
  await page.locator(byTestId("cohort-exclude-and-analyse")).click();
  await page.waitForSelector(byTestId("cohort-cutoff-input"), { timeout: 60_000 });
  assert.match(await text(page, "cohort-optimism-warning"), /optimistic/i);
  // generate.R explores IL6 > 10 pg/mL.
  await page.locator(byTestId("cohort-cutoff-input")).fill("10");
  await page.locator(byTestId("cohort-cutoff-apply")).click();
  await page.waitForSelector(byTestId("cohort-cutoff-result"));
  const explored = await text(page, "cohort-cutoff-result");
  assert.match(explored, new RegExp(`low n = ${r.get("primary/il6/explore/n_low")}, high n = ${r.get("primary/il6/explore/n_high")}`));
  assert.match(explored, new RegExp(`HR high vs low ${Number(r.get("primary/il6/explore/hr")).toFixed(2)}`));
  await page.locator(byTestId("cohort-optimal")).click();
  await page.waitForSelector(byTestId("cohort-optimal-p"));
  const p = Number(await text(page, "cohort-optimal-p"));
  assert.ok(Math.abs(p - Number(r.get("primary/il6/maxstat/p"))) < 0.0005, `corrected p ${p}`);
  assert.match(await text(page, "cohort-optimal-result"), new RegExp(`> ${Number(r.get("primary/il6/maxstat/cutoff"))} pg/mL`));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(byTestId("cohort-download-patients")).click(),
  ]);
  const saved = join(mkdtempSync(join(tmpdir(), "cohort-")), "patients.csv");
  await download.saveAs(saved);
  const rows = readFileSync(saved, "utf8").trim().split(/\r?\n/);
  assert.equal(rows.length - 1, Number(r.get("rows_used")));
  await assertClean(page, record);
  await context.close();
});

test("the example file is linked and imports without a malformed row", async () => {
  const { context, page, record } = await cohortPage();
  assert.equal(await page.locator(byTestId("cohort-example")).getAttribute("href"), "cohort-example.csv");
  await importFile(page, join(ROOT, "static/cohort-example.csv"));
  assert.equal(await text(page, "cohort-rows-excluded"), "0");
  await page.waitForSelector(byTestId("cohort-hr-il8"), { timeout: 60_000 });
  await page.screenshot({ path: join(ARTIFACTS, "cohort-example.png"), fullPage: true });
  await assertClean(page, record);
  await context.close();
});

test("the separator select shows the detected separator, and a separator chosen there is the one used", async () => {
  const { context, page, record } = await cohortPage();
  await page.locator(byTestId("cohort-file")).setInputFiles(join(DATA, "messy_semicolon_days.csv"));
  await page.waitForSelector(byTestId("cohort-import"));
  assert.equal(await page.locator(byTestId("cohort-map-separator")).inputValue(), "semicolon");
  await page.locator(byTestId("cohort-file")).setInputFiles(join(ROOT, "static/cohort-example.csv"));
  await page.waitForFunction(() => document.querySelector('[data-testid="cohort-separator"]')?.textContent.includes("cohort-example.csv"));
  assert.equal(await page.locator(byTestId("cohort-map-separator")).inputValue(), "comma");
  // Read with semicolons, the example's header is one column: the mapped
  // columns are not found, and the import says so instead of guessing.
  await page.locator(byTestId("cohort-map-separator")).selectOption("semicolon");
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-error"));
  assert.equal(await page.locator(byTestId("cohort-rows-read")).count(), 0);
  await assertClean(page, record);
  await context.close();
});

/** Writes `rows` patients in the canonical format; deterministic. */
async function writeLargeFile(path, rows) {
  const out = createWriteStream(path);
  out.write("id,time_months,event,il6,il8,albumin_g_l,bilirubin_umol_l,cirrhosis\n");
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let chunk = "";
  for (let i = 1; i <= rows; i++) {
    const il6 = (next() * 20).toFixed(2);
    const il8 = (next() * 150).toFixed(1);
    const time = (next() * 40 + 0.1).toFixed(2);
    chunk += `${i},${time},${next() < 0.7 ? 1 : 0},${il6},${il8},${(25 + next() * 20).toFixed(0)},${(5 + next() * 40).toFixed(1)},${next() < 0.8 ? "yes" : "no"}\n`;
    if (i % 10_000 === 0) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise((resolve) => out.end(resolve));
}

test("a 10^6-row file loads in the worker without freezing the page, and can be cancelled", { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cohort-large-"));
  const path = join(dir, "million.csv");
  await writeLargeFile(path, 1_000_000);
  const { context, page, record } = await cohortPage();
  await page.locator(byTestId("cohort-file")).setInputFiles(path);
  await page.waitForSelector(byTestId("cohort-import"));
  const started = Date.now();
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-progress"));
  // While the worker works, the page answers every animation frame quickly.
  const worstFrame = await page.evaluate(async () => {
    let worst = 0;
    const end = performance.now() + 4000;
    while (performance.now() < end) {
      const asked = performance.now();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      worst = Math.max(worst, performance.now() - asked);
    }
    return worst;
  });
  // Not a timing budget (those are benchmarks): the import of 10^6 rows takes
  // several seconds, so on the page's own thread it would hold a frame for
  // seconds. 1 s separates that from a busy machine's slow frames (259 ms
  // seen at load 9 on 2 cores), which a 200 ms limit failed on.
  assert.ok(worstFrame < 1000, `a frame took ${worstFrame} ms`);
  await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 300_000 });
  const imported = Date.now() - started;
  assert.equal(await text(page, "cohort-rows-read"), "1000000");
  if (process.env.COHORT_FULL_RUN) {
    await page.waitForSelector(byTestId("cohort-hr-il6"), { timeout: 600_000 });
    console.log(`10^6 rows: import ${imported} ms, import + analysis ${Date.now() - started} ms; ${await text(page, "cohort-analysis-time")}`);
  } else {
    // No malformed row: the analysis starts by itself; cancel it.
    await page.waitForSelector(byTestId("cohort-cancel"), { timeout: 60_000 });
    await page.locator(byTestId("cohort-cancel")).click();
    await page.waitForSelector(byTestId("cohort-progress"), { state: "detached" });
    assert.equal(await page.locator(byTestId("cohort-hr-il6")).count(), 0);
    console.log(`10^6 rows imported in ${imported} ms, analysis cancelled`);
  }
  await assertClean(page, record);
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});
