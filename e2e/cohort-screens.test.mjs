// The cohort view's screens of issue 16, item 8, end to end in headless
// Chromium against the release build: the event coding detected from the
// column's values and shown for confirmation (dead/alive, German ja/nein and
// tot/lebend), the grouped mapping form, the "too few to analyse" refusal,
// the summary beside the paper, and where focus lands after Import. Files
// are written to a temp dir from static/cohort-example.csv (40 rows, 1/0
// codings; crates/cohort/examples/example_file.rs), recoded, so the
// expected counts are the example's. Zero CSP violations and console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serveDist, byTestId, openCohortPage, assertCohortClean } from "./browser.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const EXAMPLE = readFileSync(join(ROOT, "static/cohort-example.csv"), "utf8").trim().split("\n");
const ROWS = EXAMPLE.length - 1; // 40
const DIR = mkdtempSync(join(tmpdir(), "cohort-screens-"));

/** The example with its event columns recoded: `codes` = [event, censored]. */
function recoded(name, { event, event2, header }) {
  const out = [header ?? EXAMPLE[0]];
  for (const line of EXAMPLE.slice(1)) {
    const f = line.split(",");
    f[2] = f[2] === "1" ? event[0] : event[1];
    if (event2) f[10] = f[10] === "1" ? event2[0] : event2[1];
    out.push(f.join(","));
  }
  const path = join(DIR, name);
  writeFileSync(path, out.join("\n") + "\n");
  return path;
}

let browser, server;
before(async () => {
  browser = await launch();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(DIR, { recursive: true, force: true });
});

const cohortPage = () => openCohortPage(browser, server.url);
const assertClean = assertCohortClean;

async function choose(page, path) {
  await page.locator(byTestId("cohort-file")).setInputFiles(path);
  await page.waitForSelector(byTestId("cohort-import"));
}

async function importShown(page) {
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 60_000 });
}

const text = async (page, id) => (await page.locator(byTestId(id)).textContent()).trim();

test("a dead/alive status column is detected, shown for confirmation, and every row is used", async () => {
  const { context, page, record } = await cohortPage();
  const header = EXAMPLE[0].replace(",event,", ",status,");
  await choose(page, recoded("dead-alive.csv", { event: ["dead", "Alive"], header }));
  assert.equal(await page.locator(byTestId("cohort-map-event")).inputValue(), "status");
  assert.equal(await page.locator(byTestId("cohort-map-event_coding")).inputValue(), "dead/alive");
  assert.equal(await page.locator(byTestId("cohort-coding-detected")).getAttribute("data-value"), "dead/alive");
  assert.match(await text(page, "cohort-coding-detected"), /detected from the column's values/);
  await importShown(page);
  assert.equal(await text(page, "cohort-rows-used"), String(ROWS));
  assert.equal(await text(page, "cohort-rows-excluded"), "0");
  await page.waitForSelector(byTestId("cohort-summary"), { timeout: 60_000 });
  await assertClean(page, record);
  await context.close();
});

test("German ja/nein and tot/lebend columns are detected on both endpoints (accents and case ignored)", async () => {
  const { context, page, record } = await cohortPage();
  await choose(page, recoded("ja-nein.csv", { event: ["Verstorben", "lebend"], event2: ["ja", "Nein"] }));
  assert.equal(await page.locator(byTestId("cohort-map-event_coding")).inputValue(), "tot/lebend");
  assert.equal(await page.locator(byTestId("cohort-map-second_event_coding")).inputValue(), "ja/nein");
  assert.equal(await page.locator(byTestId("cohort-coding-detected-second")).getAttribute("data-value"), "ja/nein");
  await importShown(page);
  assert.equal(await text(page, "cohort-rows-used"), String(ROWS));
  await page.waitForSelector(byTestId("cohort-hr-il6-second"), { timeout: 60_000 });
  await assertClean(page, record);
  await context.close();
});

test("the mapping form is grouped in four fieldsets and keeps every cohort-map select", async () => {
  const { context, page, record } = await cohortPage();
  await choose(page, join(ROOT, "static/cohort-example.csv"));
  const legends = await page.locator("form.cohort-mapping fieldset > legend").allTextContents();
  assert.equal(legends.length, 4);
  assert.match(legends[0], /Follow-up and event/);
  assert.match(legends[1], /Markers/);
  assert.match(legends[2], /Liver labs/);
  assert.match(legends[3], /Optional/);
  // README "Cohort view": every cohort-map-<key> hook, each inside a fieldset.
  const keys = ["separator", "id", "time", "event", "il6", "il8", "albumin", "bilirubin", "cirrhosis",
    "child_pugh", "time2", "event2", "time_unit", "second_time_unit", "event_coding",
    "second_event_coding", "albumin_unit", "bilirubin_unit"];
  for (const key of keys) {
    assert.equal(await page.locator(`fieldset ${byTestId(`cohort-map-${key}`)}`).count(), 1, key);
  }
  await assertClean(page, record);
  await context.close();
});

test("a dead/alive column read as 1/0 leaves no patient: exclude-and-analyse is not offered and cohort-too-few says why", async () => {
  const { context, page, record } = await cohortPage();
  await choose(page, recoded("forced.csv", { event: ["dead", "alive"] }));
  // The user overrides the detected coding: every row becomes malformed.
  await page.locator(byTestId("cohort-map-event_coding")).selectOption("1/0");
  assert.equal(await page.locator(byTestId("cohort-coding-detected")).count(), 0);
  await importShown(page);
  assert.equal(await text(page, "cohort-rows-excluded"), String(ROWS));
  assert.equal(await text(page, "cohort-rows-used"), "0");
  await page.waitForSelector(byTestId("cohort-too-few"));
  assert.match(await text(page, "cohort-too-few"), /at least 2 patients in each group/);
  assert.equal(await page.locator(byTestId("cohort-exclude-and-analyse")).count(), 0);
  assert.equal(await page.locator(byTestId("cohort-fix-file")).count(), 1);
  // Focus lands on the rows' heading, where the refusal is.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "cohort-rows-title");
  await assertClean(page, record);
  await context.close();
});

test("three valid rows and malformed ones: too few is said and nothing is analysed", async () => {
  const { context, page, record } = await cohortPage();
  const lines = [EXAMPLE[0], ...EXAMPLE.slice(1, 4), ...EXAMPLE.slice(4, 10).map((l) => l.replace(/^(\d+),[^,]*,/, "$1,soon,"))];
  const path = join(DIR, "three.csv");
  writeFileSync(path, lines.join("\n") + "\n");
  await choose(page, path);
  await importShown(page);
  assert.equal(await text(page, "cohort-rows-used"), "3");
  assert.equal(await text(page, "cohort-rows-excluded"), "6");
  await page.waitForSelector(byTestId("cohort-too-few"));
  assert.equal(await page.locator(byTestId("cohort-exclude-and-analyse")).count(), 0);
  assert.equal(await page.locator(byTestId("cohort-summary")).count(), 0);
  await assertClean(page, record);
  await context.close();
});

test("the results open with a summary beside the paper, the figures the tables show, and take focus", async () => {
  const { context, page, record } = await cohortPage();
  await choose(page, join(ROOT, "static/cohort-example.csv"));
  await importShown(page);
  await page.waitForSelector(byTestId("cohort-summary"), { timeout: 60_000 });
  const summary = await text(page, "cohort-summary");
  // The table's HR texts, as shown (never retyped).
  const il6 = await text(page, "cohort-hr-il6");
  const il8 = await text(page, "cohort-hr-il8");
  assert.ok(summary.includes(`IL6: HR ${il6} (95% CI `), summary);
  assert.ok(summary.includes(`IL8: HR ${il8} (95% CI `), summary);
  assert.match(summary, /in your cohort vs .+ published/);
  assert.doesNotMatch(summary, /not estimable/); // the example's fits all converge
  // The summary comes before the tables.
  const before = await page.evaluate(() => {
    const s = document.querySelector('[data-testid="cohort-summary"]');
    const t = document.querySelector('[data-testid="cohort-hr-il6"]');
    return Boolean(s.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(before);
  await page.waitForFunction(() => document.activeElement?.id === "cohort-results-title");
  await assertClean(page, record);
  await context.close();
});
