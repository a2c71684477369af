// End-to-end (issue 10): a number written with a thousands separator is
// refused with both readings, never silently read as a decimal. An English
// report's "IL8 1,234 pg/mL" is 1234 (high); read as 1.234 it would be low.
// Cutoffs: IL8 high above 60.8 pg/mL, IL6 high above 6.53 pg/mL (Öcal et al.).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serveDist, openPage, byTestId, textOf, assertClean } from "./browser.mjs";

let browser;
let server;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("IL8 typed as 1,234 is refused with both readings and no group", async () => {
  const { page, record } = await openPage(browser, server.url);
  const il8 = page.locator(byTestId("input-il8"));

  await il8.fill("1,234");

  await il8.blur();
  const error = await textOf(page, "error-il8");
  // Both readings: 1.234 (comma as decimal separator), 1234 (as thousands separator).
  assert.match(error, /1\.234 \(comma as decimal separator\)/);
  assert.match(error, /1234 \(comma as thousands separator\)/);
  assert.match(error, /without a thousands separator/);
  assert.equal(await page.locator(byTestId("il8-group")).count(), 0, "no group from an ambiguous number");

  // Typed without grouping: 1234 > 60.8, high.
  await il8.fill("1234");
  await il8.blur();
  assert.equal(await textOf(page, "il8-group"), "high");
  assert.equal(await page.locator(byTestId("error-il8")).count(), 0);

  // A German report's "1.234" is just as ambiguous; a space groups too.
  await il8.fill("1.234");
  await il8.blur();
  assert.match(await textOf(page, "error-il8"), /could be 1\.234 .* or 1234 /);
  await il8.fill("1 234");
  await il8.blur();
  assert.match(await textOf(page, "error-il8"), /Digit grouping is not accepted: type 1234 /);
  assert.equal(await page.locator(byTestId("il8-group")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});

test("a decimal comma without a thousands reading still works", async () => {
  const { page, record } = await openPage(browser, server.url);
  const il6 = page.locator(byTestId("input-il6"));
  // 6,54 is 6.54 > 6.53: high. (6,5 is 6.5 ≤ 6.53: low.)
  await il6.fill("6,54");
  await il6.blur();
  assert.equal(await textOf(page, "il6-group"), "high");
  await il6.fill("6,5");
  await il6.blur();
  await page.waitForFunction(() => document.querySelector('[data-testid="il6-group"]')?.textContent === "low");
  assert.equal(await page.locator(byTestId("error-il6")).count(), 0);
  // 0,123 has a zero integer part, so no thousands reading: 0.123, low.
  await il6.fill("0,123");
  await il6.blur();
  assert.equal(await textOf(page, "il6-group"), "low");
  assert.equal(await page.locator(byTestId("error-il6")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});

test("a link carrying 1,234 gives the same refusal", async () => {
  const { page, record } = await openPage(browser, server.url + "#il8=1,234");
  assert.equal(await page.locator(byTestId("input-il8")).inputValue(), "1,234");
  assert.match(await textOf(page, "error-il8"), /could be 1\.234 .* or 1234 /);
  assert.equal(await page.locator(byTestId("il8-group")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});

/** The cohort view, opened from the navigation once the live app runs. */
async function cohortPage() {
  const { page, record } = await openPage(browser, server.url);
  await page.waitForSelector(`${byTestId("nav-cohort")}:not([disabled])`);
  await page.locator(byTestId("nav-cohort")).click();
  await page.waitForSelector(byTestId("cohort-file"));
  return { page, record };
}

async function importCsv(page, name, csv) {
  await page.locator(byTestId("cohort-file")).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForSelector(byTestId("cohort-import"));
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 60_000 });
}

test("a cohort file's 1,234 is read as its column says, and the view says so", async () => {
  const { page, record } = await cohortPage();
  // IL8 uses a decimal comma elsewhere ("12,5"), so "1,234" on line 2 is 1.234.
  await importCsv(page, "decimal-comma.csv", "time_months;event;il8\n4;1;1,234\n5;0;70\n6;1;12,5\n");
  assert.equal((await page.locator(byTestId("cohort-rows-used")).textContent()).trim(), "3");
  assert.equal((await page.locator(byTestId("cohort-rows-excluded")).textContent()).trim(), "0");
  const note = (await page.locator(byTestId("cohort-reading-note")).textContent()).trim();
  assert.match(note, /IL8 \(pg\/mL\): "1,234" \(line 2\) read with the comma as decimal separator/);
  assert.match(note, /"12,5" \(line 4\)/);
  assertClean(record, server.url);
  await page.close();
});

test("a cohort file's 1,234 that nothing settles is a listed malformed row", async () => {
  const { page, record } = await cohortPage();
  await importCsv(page, "unsettled.csv", "time_months;event;il8\n4;1;1,234\n5;0;70\n6;1;80\n");
  assert.equal((await page.locator(byTestId("cohort-rows-excluded")).textContent()).trim(), "1");
  assert.match(await page.locator(byTestId("cohort-excluded-rows")).textContent(), /line 2: IL8 \(pg\/mL\): "1,234": Ambiguous: .*1\.234.*1234/);
  assert.equal(await page.locator(byTestId("cohort-reading-note")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});
