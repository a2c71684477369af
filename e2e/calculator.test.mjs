// End-to-end: the release build served over http, opened in headless
// Chromium, driven only through the documented data-testid hooks.
// Expected values are hand calculations (working in comments) or the paper.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serveDist, openPage, byTestId, textOf, assertClean, fillExamplePatient, assertExamplePatientResults } from "./browser.mjs";

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

test("a clinician types values and reads every result", async () => {
  const { page, record } = await openPage(browser, server.url);
  await fillExamplePatient(page);

  await assertExamplePatientResults(page);
  // Editing updated the fragment, in the documented format.
  assert.equal(
    new URL(page.url()).hash,
    "#il6=12,4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A",
  );
  assertClean(record, server.url);
  await page.close();
});

test("a shared link opens the same view", async () => {
  const link =
    "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";
  const { page, record } = await openPage(browser, server.url + link);
  assert.equal(await page.locator(byTestId("input-il6")).inputValue(), "12.4");
  assert.equal(await page.locator(byTestId("unit-albumin")).inputValue(), "g/dL");
  assert.equal(await page.locator(byTestId("unit-bilirubin")).inputValue(), "mg/dL");
  assert.ok(await page.locator(byTestId("cirrhosis-yes")).isChecked());
  assert.ok(await page.locator(byTestId("child_pugh-A")).isChecked());
  assert.equal(await textOf(page, "albi-score"), "-1.72");
  assert.equal(await textOf(page, "malbi-grade"), "2b");
  assert.equal(await textOf(page, "relative-hazard-os-model1"), "8.4");

  // A new link pasted into the same tab (hashchange) replaces the inputs.
  await page.evaluate(() => { location.hash = "il6=6.53&il8=60.8"; });
  await page.waitForFunction(() => document.querySelector('[data-testid="il6-group"]')?.textContent === "low");
  assert.equal(await textOf(page, "il8-group"), "low");
  assert.equal(await page.locator(byTestId("input-albumin")).inputValue(), "");
  assert.equal(await page.locator(byTestId("albi-score")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});

test("every kind of bad input is named next to its field and nothing else changes", async () => {
  const { page, record } = await openPage(browser, server.url + "#il8=30&albumin=40&bilirubin=10");
  const cases = [
    ["il6", "abc", /Not a number/],
    ["il6", "1.2.3", /More than one decimal separator/],
    ["il6", "-4", /Cannot be negative/],
    ["il6", "NaN", /Not a number/],
    ["il6", "inf", /Not a number/],
    ["il6", "1e999", /Scientific notation/],
    ["il6", "", /Enter a value/],
    ["bilirubin", "0", /greater than 0/],
    ["albumin", "0", /greater than 0/],
    ["albumin", "34,5,1", /More than one decimal separator/],
  ];
  for (const [field, text, message] of cases) {
    await page.locator(byTestId(`input-${field}`)).fill(text);
    // Messages appear when the field is left (issue 16: nothing moves while typing).
    assert.equal(await page.locator(byTestId(`error-${field}`)).count(), 0, "quiet while typing");
    await page.locator(byTestId(`input-${field}`)).blur();
    assert.match(await textOf(page, `error-${field}`), message, `${field} = ${JSON.stringify(text)}`);
    // The other fields keep what was typed.
    assert.equal(await page.locator(byTestId("input-il8")).inputValue(), "30");
    assert.equal(await textOf(page, "il8-group"), "low");
    await page.locator(byTestId(`input-${field}`)).fill(field === "il6" ? "5" : field === "albumin" ? "40" : "10");
  }
  // While bilirubin is invalid, nothing that depends on it is shown.
  await page.locator(byTestId("input-bilirubin")).fill("1e999");
  assert.equal(await page.locator(byTestId("albi-score")).count(), 0);
  assert.equal(await page.locator(byTestId("malbi-grade")).count(), 0);
  assert.equal(await textOf(page, "il6-group"), "low");
  assertClean(record, server.url);
  await page.close();
});

test("implausible but possible values compute and warn", async () => {
  const { page, record } = await openPage(browser, server.url + "#il6=20000&albumin=3.4&bilirubin=900");
  assert.match(await textOf(page, "warning-il6"), /Above 10000 pg\/mL/);
  assert.match(await textOf(page, "warning-albumin"), /g\/dL/);
  assert.match(await textOf(page, "warning-bilirubin"), /800/);
  assert.equal(await textOf(page, "il6-group"), "high");
  // Albumin 3.4 with g/L selected is a unit question: ALBI waits (3.4 "g/L"
  // would give 0.66 × log10(900) − 0.085 × 3.4 = +1.66, grade 3).
  assert.equal(await page.locator(byTestId("albi-score")).count(), 0);
  assert.match(await textOf(page, "unit-check-albumin"), /Check the unit/);
  await page.locator(byTestId("suggest-unit-albumin")).click();
  assert.equal(await page.locator(byTestId("unit-albumin")).inputValue(), "g/dL");
  assert.equal(await page.locator(byTestId("input-albumin")).inputValue(), "3.4");
  // g/dL beside µmol/L: the mixed unit systems are asked about once.
  await page.locator(byTestId("confirm-unit-bilirubin")).click();
  // 3.4 g/dL = 34 g/L: 0.66 × log10(900) − 0.085 × 34 = 1.949800 − 2.89 = −0.940200.
  assert.equal(await textOf(page, "albi-score"), "-0.94");
  // The confirm button that disappeared leaves the focus on its field.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "input-bilirubin");
  assertClean(record, server.url);
  await page.close();
});

test("a link with garbage values gives field errors, not a crash", async () => {
  const garbage = "#il6=%E2%88%92&il8=1%2C2%2C3&albumin_unit=kg&bilirubin=%00&cirrhosis=maybe&child_pugh=D&x=%%%";
  const { page, record } = await openPage(browser, server.url + garbage);
  assert.match(await textOf(page, "error-il6"), /./);
  assert.match(await textOf(page, "error-il8"), /More than one decimal separator/);
  assert.match(await textOf(page, "error-albumin"), /kg/);
  assert.match(await textOf(page, "error-bilirubin"), /Not a number/);
  assert.match(await textOf(page, "error-cirrhosis"), /maybe/);
  assert.match(await textOf(page, "error-child_pugh"), /"D"/);
  assertClean(record, server.url);
  await page.close();
});

test("the About view gives the source, formulas and errata", async () => {
  const { page, record } = await openPage(browser, server.url);
  await page.locator(byTestId("nav-about")).click();
  const about = await textOf(page, "about");
  for (const needle of ["6.58", "g/dL", "0.58", "Johnson", "Hiraoka", "NCT01126645", "83 patients"]) {
    assert.ok(about.includes(needle), `About mentions ${needle}`);
  }
  assert.match(await textOf(page, "disclaimer"), /not a prediction for this patient/);
  assertClean(record, server.url);
  await page.close();
});
