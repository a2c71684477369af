// The cohort view in the single-file build, opened from file:// with the
// network cut: no web worker can start there, so the same import and
// analysis steps run on the page. The figures must still equal R's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, DIST, byTestId } from "./browser.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const SET = "messy_comma_months";
const r = new Map(
  readFileSync(join(ROOT, `crates/cohort/tests/fixtures/expected_${SET}.csv`), "utf8")
    .trim().split("\n").slice(1)
    .map((line) => [line.slice(0, line.indexOf(",")), line.slice(line.indexOf(",") + 1)]),
);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the single file analyses a cohort on the page, offline, with R's figures", async () => {
  const dir = await mkdtemp(join(tmpdir(), "single-cohort-"));
  await cp(join(DIST, "calculator-offline.html"), join(dir, "calculator-offline.html"));
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(pathToFileURL(join(dir, "calculator-offline.html")).href);
  await page.waitForFunction(() => !document.querySelector("[data-prerendered]"));
  await page.locator(byTestId("nav-cohort")).click();
  await page.waitForSelector(byTestId("cohort-no-worker"));
  await page.locator(byTestId("cohort-file")).setInputFiles(join(ROOT, `crates/cohort/tests/data/${SET}.csv`));
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 60_000 });
  assert.equal((await page.locator(byTestId("cohort-rows-read")).textContent()).trim(), r.get("rows_read"));
  assert.equal((await page.locator(byTestId("cohort-rows-excluded")).textContent()).trim(), r.get("rows_excluded"));
  await page.locator(byTestId("cohort-exclude-and-analyse")).click();
  await page.waitForSelector(byTestId("cohort-hr-il6"), { timeout: 60_000 });
  const hr = Number(await page.locator(byTestId("cohort-hr-il6")).getAttribute("data-value"));
  const expected = Number(r.get("primary/il6/hr"));
  assert.ok(Math.abs(hr - expected) <= 1e-6 * Math.abs(expected), `HR ${hr} vs R ${expected}`);
  // Issue 14 offline: this cohort's centre summary is made on the page
  // (no worker), and pooled with a second centre's summary (the 1-month and
  // 3-month exports of the same analysis are different files: re-binned).
  const summaries = [];
  for (const grid of ["1", "3"]) {
    await page.locator(byTestId("pool-export-grid")).selectOption(grid);
    await page.locator(byTestId("pool-export-prepare")).click();
    await page.waitForFunction((g) => document.querySelector('[data-testid="pool-export-contents"]')?.textContent.includes(g === "1" ? "1 month" : `${g} months`), grid);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(byTestId("pool-export-save")).click()]);
    const saved = join(dir, `summary-${grid}.json`);
    await download.saveAs(saved);
    summaries.push(saved);
  }
  await page.locator(byTestId("pool-files")).setInputFiles(summaries);
  await page.waitForSelector(byTestId("pool-os-il6"));
  assert.equal(await page.locator(byTestId("pool-grid")).getAttribute("data-value"), "3.000");
  assert.match(await page.locator(byTestId("pool-grid")).textContent(), /re-binned/);
  // The same patients twice: the pooled fixed-effect HR is the centre's own.
  const pooled = Number(await page.locator(byTestId("pool-fe-os-il6")).getAttribute("data-value"));
  assert.ok(Math.abs(pooled - hr) <= 1e-9 * hr, `pooled ${pooled} vs the centre's ${hr}`);
  // A workbook: the single file has no workbook reader (no worker from
  // file://): said, with what to do instead.
  await page.locator(byTestId("cohort-file")).setInputFiles(join(ROOT, "crates/workbook/fixtures/cohort-de.xlsx"));
  await page.waitForSelector(byTestId("cohort-error"));
  assert.match(await page.locator(byTestId("cohort-error")).textContent(), /cohort-de\.xlsx is a workbook .*single file cannot start the workbook reader/);
  assert.deepEqual(errors, []);
  await context.close();
  await rm(dir, { recursive: true, force: true });
});
