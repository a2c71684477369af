// End-to-end (issue 12): the cohort tool ("Validate on your cohort", its own
// wasm and Yew app) in the calculator's language. Opened by link with
// `#view=cohort&lang=<code>`, the example file imported and analysed, the
// optimal cutoff searched and another cutoff tried: the headings read as the
// language's catalog (crates/text/lang/<code>.txt) words them; every figure's
// `data-value` (the automation contract) equals English's, and a figure's
// text is English's with the language's decimal comma and minus sign; no
// visible text of the view is an English catalog sentence of four words or
// more that the language words differently. A switch of language with the
// results on screen rewords them and keeps them (the tool follows
// `<html lang>`). The problems of a file's rows (a bad lab value, a
// negative time, an unreadable cirrhosis) and its reading notes, which the
// cohort crate types and the page words, read in German with the value the
// German way, and in English again after a switch. Zero CSP violations,
// console errors or page errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { launch, serveDist, byTestId, assertCohortClean, recordedContext } from "./browser.mjs";
import { CATALOGS, englishFound, englishSentences, shownTexts as textsUnder } from "./catalog.mjs";

/** The languages checked against English. */
const LANGS = ["de", "fr"];

const ROOT = new URL("../", import.meta.url).pathname;
const EXAMPLE_FILE = join(ROOT, "static/cohort-example.csv");



// Nothing is left out: the overlay charts (drawn by the worker in the page's
// language, `Request::Words`) and their risk tables' group labels included.
const NOT_YET_IN_THE_CATALOG = [];

let browser, server;
before(async () => {
  browser = await launch();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The cohort view opened by link, in `code`, with the tool's text loaded. */
async function openCohort(code) {
  const { context, page, record } = await recordedContext(browser);
  await page.goto(`${server.url}#view=cohort&lang=${code}`);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
  await waitForHeading(page, CATALOGS[code].get("cohort.heading"));
  return { context, page, record };
}

async function waitForHeading(page, heading) {
  await page.waitForFunction(
    (h) => document.querySelector("#cohort-title")?.textContent.trim() === h,
    heading,
    { timeout: 30_000 },
  );
}

/** Imports and analyses the example, then runs the cutoff explorer's two actions. */
async function analyseExample(page) {
  await page.locator(byTestId("cohort-file")).setInputFiles(EXAMPLE_FILE);
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-summary"), { timeout: 60_000 });
  await page.locator(byTestId("cohort-optimal")).click();
  await page.waitForSelector(byTestId("cohort-optimal-p"), { timeout: 60_000 });
  await page.locator(byTestId("cohort-cutoff-input")).fill("10");
  await page.locator(byTestId("cohort-cutoff-apply")).click();
  await page.waitForSelector(byTestId("cohort-cutoff-result"), { timeout: 60_000 });
}

/** Every `data-value` in the cohort view, by its `data-testid`, and each figure's text. */
async function figures(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="cohort"] [data-value][data-testid]')].map((el) => [
        el.getAttribute("data-testid"),
        { value: el.getAttribute("data-value"), text: el.textContent.trim() },
      ]),
    ),
  );
}

const heading = (page, id) => page.evaluate((i) => document.getElementById(i)?.textContent.trim(), id);

/** What the cohort view shows (see catalog.mjs), the charts left out until worded. */
const shownTexts = (page) => textsUnder(page, '[data-testid="cohort"]', NOT_YET_IN_THE_CATALOG);

function assertNoEnglish(texts, code) {
  const sentences = englishSentences(code);
  assert.ok(sentences.filter((s) => s.key.startsWith("cohort.")).length > 60, "the cohort's sentences are looked for");
  assert.deepEqual(englishFound(texts, code), [], `English sentences in the cohort view in ${code}`);
}

/** English's figure text written the language's way (`0.020` → `0,020`, `-0.5` → `−0,5`). */
const localised = (english) =>
  english.replace(/(\d)\.(\d)/g, "$1,$2").replace(/(^|[^\p{L}\p{N}])-(\d)/gu, "$1\u2212$2");

let english;
test("English gives the reference figures for the example file", async () => {
  const { context, page, record } = await openCohort("en");
  await analyseExample(page);
  english = await figures(page);
  // The example's figures the other cohort tests rely on are all there.
  for (const id of ["cohort-hr-il6", "cohort-logrank-p-il6", "cohort-median-il6-low", "cohort-hr-il8", "cohort-optimal-p"]) {
    assert.ok(english[id]?.value, `${id} has a data-value`);
    assert.ok(Number.isFinite(Number(english[id].value)), `${id} = ${english[id].value}`);
  }
  assert.equal(await heading(page, "cohort-results-title"), "Results");
  await assertCohortClean(page, record);
  await context.close();
});

for (const code of LANGS) {
  const t = CATALOGS[code];
  test(`${code}: headings from the catalog, English's data-values, no English sentence`, async () => {
    assert.ok(english, "the English reference ran first");
    const { context, page, record } = await openCohort(code);
    assert.equal(await heading(page, "cohort-title"), t.get("cohort.heading"));
    await analyseExample(page);
    assert.equal(await heading(page, "cohort-mapping-title"), t.get("cohort.columns_heading"));
    assert.equal(await heading(page, "cohort-rows-title"), t.get("cohort.rows_heading"));
    assert.equal(await heading(page, "cohort-results-title"), t.get("cohort.results_heading"));
    assert.equal(await heading(page, "cohort-cutoff-title"), t.get("cohort.cutoff_heading"));

    const shown = await figures(page);
    assert.deepEqual(
      Object.fromEntries(Object.entries(shown).map(([id, f]) => [id, f.value])),
      Object.fromEntries(Object.entries(english).map(([id, f]) => [id, f.value])),
      "data-values equal English's",
    );
    // The figures (numbers, not sentences such as the detected coding's).
    for (const [id, f] of Object.entries(english)) {
      if (/^-?[\d.]+(e-?\d+)?$/.test(f.text)) {
        assert.equal(shown[id].text, localised(f.text), `${id} written the ${code} way`);
      }
    }
    // A figure with a decimal is shown with the comma (the example's IL6 HR has two decimals).
    assert.match(shown["cohort-hr-il6"].text, /^\d+,\d\d$/);

    assertNoEnglish(await shownTexts(page), code);
    await assertCohortClean(page, record);
    await context.close();
  });
}

test("switching the language with the results on screen rewords them and keeps them", async () => {
  assert.ok(english, "the English reference ran first");
  const { context, page, record } = await openCohort("en");
  await analyseExample(page);
  await page.locator(byTestId("lang-switch")).selectOption("de");
  await waitForHeading(page, CATALOGS.de.get("cohort.heading"));
  assert.equal(await heading(page, "cohort-results-title"), CATALOGS.de.get("cohort.results_heading"));
  const shown = await figures(page);
  assert.equal(shown["cohort-hr-il6"].value, english["cohort-hr-il6"].value);
  assert.equal(shown["cohort-hr-il6"].text, localised(english["cohort-hr-il6"].text));
  assertNoEnglish(await shownTexts(page), "de");
  await page.locator(byTestId("lang-switch")).selectOption("en");
  await waitForHeading(page, CATALOGS.en.get("cohort.heading"));
  assert.equal((await figures(page))["cohort-hr-il6"].text, english["cohort-hr-il6"].text);
  await assertCohortClean(page, record);
  await context.close();
});

/**
 * The example with three rows added (lines 42–44 of the file): albumin
 * 250 g/L, above the calculator's 100 g/L (calculator_core::lab_values);
 * IL6 `1.234`, which the column's `3.43` (line 2) settles as 1.234; a
 * negative follow-up time and a cirrhosis of "maybe".
 */
const BAD_ROWS =
  readFileSync(EXAMPLE_FILE, "utf8") +
  "41,5.0,1,3.2,50.0,250,9,yes,A,5.0,0\n" +
  "42,6.0,0,1.234,50.0,38,9,yes,A,6.0,0\n" +
  "43,-2,1,4.0,50.0,38,9,maybe,A,7.0,0\n";

const listed = (page, testid) =>
  page.evaluate((id) => [...document.querySelectorAll(`[data-testid="${id}"] li`)].map((li) => li.textContent.trim()), testid);

test("de: a file's bad rows and its reading note are worded in German, and in English after a switch", async () => {
  const { context, page, record } = await openCohort("de");
  await page.locator(byTestId("cohort-file")).setInputFiles({ name: "bad-rows.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_ROWS) });
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-excluded-rows"), { timeout: 60_000 });
  // de.txt: cohort.row_line, cohort.problem_value, cohort.problem_cirrhosis, error.impossible, error.negative.
  assert.deepEqual(await listed(page, "cohort-excluded-rows"), [
    "Zeile 42: Albumin: „250“: Unmöglicher Wert: über 100 g/L. Prüfen Sie die Zahl.",
    "Zeile 44: Nachbeobachtungszeit: „-2“: Darf nicht negativ sein.; Zirrhose: „maybe“ muss yes/no, 1/0 oder true/false sein",
  ]);
  // The value as read, 1.234, written the German way (its fourth decimal keeps it unambiguous).
  const [note] = await listed(page, "cohort-reading-note");
  assert.match(note, /^IL6 \(pg\/mL\): „1\.234“ \(Zeile 43\) mit dem Punkt als Dezimaltrennzeichen gelesen, als 1,2340: „3\.43“ \(Zeile 2\)/);
  assertNoEnglish(await shownTexts(page), "de");
  for (const english of [/Impossible value/, /Cannot be negative/, /should be yes\/no/, /read with the/]) {
    assert.doesNotMatch(`${await listed(page, "cohort-excluded-rows")} ${note}`, english);
  }
  // The same rows reworded in English: the cohort crate's own words.
  await page.locator(byTestId("lang-switch")).selectOption("en");
  await waitForHeading(page, CATALOGS.en.get("cohort.heading"));
  assert.deepEqual(await listed(page, "cohort-excluded-rows"), [
    'line 42: Albumin: "250": Impossible value: above 100 g/L. Check the number.',
    'line 44: Follow-up time: "-2": Cannot be negative.; Cirrhosis: "maybe" should be yes/no, 1/0 or true/false',
  ]);
  assert.match((await listed(page, "cohort-reading-note"))[0], /read with the point as decimal separator, as 1\.2340/);
  await assertCohortClean(page, record);
  await context.close();
});
