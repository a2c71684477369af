// The clinical safety pass (issue 10): what the screen and the paper say
// around the numbers. The citation against the bibliographic record in
// reference/published.toml; a value waiting for its unit kept out of the
// results, the summary and the print; the persistent statement visible in
// presentation mode and on paper; a patient outside the studied population
// marked on every result; near-cutoff and boundary precision.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { launch, serveDist, openPage, byTestId, textOf, assertClean } from "./browser.mjs";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const PUBLISHED = new URL("../reference/published.toml", import.meta.url).pathname;

let browser;
let server;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The `[citation]` table's string and number fields, read from the TOML text. */
function citationRecord() {
  const text = readFileSync(PUBLISHED, "utf8");
  const block = text.split(/^\[citation\]$/m)[1].split(/^\[/m)[0];
  const record = {};
  for (const line of block.split("\n")) {
    const match = line.match(/^(\w+)\s*=\s*(?:"([^"]*)"|(\d+))/);
    if (match) record[match[1]] = match[2] ?? match[3];
  }
  return record;
}

/** The page printed to PDF, as text with whitespace collapsed. */
async function printedText(page, name) {
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const file = `${ARTIFACTS}${name}.pdf`;
  writeFileSync(file, await page.pdf({ format: "A4" }));
  await page.emulateMedia({ media: "screen" });
  // Collapse whitespace, and rejoin identifiers broken at a hyphen (a DOI).
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ").replace(/([-/.]) /g, "$1");
}

const squash = (text) => text.replace(/\s+/g, " ").trim();

test("About and the print cite the paper exactly as its bibliographic record", async () => {
  const record = citationRecord();
  assert.equal(record.doi, "10.1186/s13550-021-00791-w", "the record was read");
  const { page, record: log } = await openPage(browser, server.url + "#il6=12");
  const printed = await printedText(page, "citation");
  await page.locator(byTestId("nav-about")).click();
  const about = squash(await textOf(page, "citation"));
  for (const field of ["authors", "title", "doi", "pmid", "year", "volume", "article"]) {
    assert.ok(about.includes(record[field]), `About's citation has the ${field} ${record[field]}`);
    // pdftotext joins a word broken at a line-end hyphen without the hyphen.
    const unhyphenated = (t) => t.replace(/-/g, "");
    assert.ok(unhyphenated(printed).includes(unhyphenated(record[field])), `the print has the ${field} ${record[field]}`);
  }
  assert.ok(about.includes("EJNMMI Res"));
  // The invented title and term that once reached the app are gone.
  assert.ok(!about.includes("IL sub-study") && !printed.includes("IL sub-study"));
  const aboutText = squash(await textOf(page, "about"));
  assert.match(aboutText, /independent external validation/);
  assert.doesNotMatch(aboutText, /own message is that its cutoffs need validation/);
  for (const doi of ["10.1200/JCO.2014.57.9151", "10.1159/000452846", "10.1016/j.jhep.2019.08.006"]) {
    assert.ok(aboutText.includes(doi), `About cites ${doi}`);
  }
  assertClean(log, server.url);
  await page.close();
});

test("albumin 3.1 left at g/L gives no ALBI until the unit is settled, in the summary and on paper too", async () => {
  const { page, record } = await openPage(browser, server.url + "#il6=12&il8=30&albumin=3.1&bilirubin=20");
  await page.waitForSelector(byTestId("unit-check-albumin"));
  assert.equal(await page.locator(byTestId("albi-score")).count(), 0);
  assert.equal(await textOf(page, "factor-albumin_below_36"), "check the unit");
  const summary = await textOf(page, "summary");
  // 3.1 "g/L" would give 0.66·log10(20) − 0.085·3.1 = +0.595 (grade 3).
  assert.doesNotMatch(summary, /ALBI|0\.60|grade 3/);
  assert.match(summary, /Left out until the unit is checked: albumin/);
  const printed = await printedText(page, "unit-check");
  assert.doesNotMatch(printed, /0\.60|ALBI grade 3/);
  assert.match(printed, /Check the unit/);
  // Confirming the value as typed is part of the link, and releases the results.
  await page.locator(byTestId("confirm-unit-albumin")).click();
  await page.waitForSelector(byTestId("albi-score"));
  assert.equal(await textOf(page, "albi-score"), "0.60");
  assert.match(await page.evaluate(() => location.hash), /unit_confirmed=albumin/);
  // Editing the value asks again.
  await page.locator(byTestId("input-albumin")).fill("3.2");
  await page.locator(byTestId("input-albumin")).blur();
  await page.waitForSelector(byTestId("unit-check-albumin"));
  assert.doesNotMatch(await page.evaluate(() => location.hash), /unit_confirmed/);
  assertClean(record, server.url);
  await page.close();
});

test("a normal-looking bilirubin in µmol/L beside albumin in g/dL is asked once", async () => {
  // Bilirubin 5 typed from a mg/dL report (85.5 µmol/L) looks normal in µmol/L.
  const { page, record } = await openPage(browser, server.url + "#albumin=3.1&albumin_unit=g/dL&bilirubin=5");
  await page.waitForSelector(byTestId("unit-check-bilirubin"));
  assert.equal(await page.locator(byTestId("unit-check-albumin")).count(), 1);
  assert.equal(await page.locator(byTestId("confirm-unit-bilirubin")).count(), 1, "one confirmation");
  assert.equal(await page.locator(byTestId("confirm-unit-albumin")).count(), 0);
  assert.equal(await page.locator(byTestId("albi-score")).count(), 0);
  await page.locator(byTestId("suggest-unit-bilirubin")).click();
  await page.waitForSelector(byTestId("albi-score"));
  // 5 mg/dL = 85.5 µmol/L: 0.66·log10(85.5) − 0.085·31 = 1.27484 − 2.635 = −1.36 (grade 3).
  assert.equal(await textOf(page, "albi-score"), "-1.36");
  assert.equal(await page.locator(byTestId("unit-check-bilirubin")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});

const EXAMPLE = "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";

test("the persistent statement stays visible in presentation mode at 1920×1080 and on paper", async () => {
  const { page, record } = await openPage(browser, server.url + EXAMPLE, { width: 1920, height: 1080 });
  await page.locator(byTestId("toggle-presentation")).click();
  await page.waitForSelector(".app.presentation");
  const box = await page.locator(byTestId("disclaimer")).boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 1080, `statement on screen: ${JSON.stringify(box)}`);
  assert.ok(await page.locator(byTestId("disclaimer")).isVisible());
  const statement = squash(await textOf(page, "disclaimer"));
  for (const needle of ["Post hoc analysis of 83", "not a prediction for this patient",
                        "not a tool to choose or withhold a treatment", "no comparison arm",
                        "did not improve survival"]) {
    assert.ok(statement.includes(needle), `statement says ${needle}`);
  }
  // The model arithmetic is never enlarged: hidden in presentation mode.
  assert.equal(await page.locator(byTestId("model-arithmetic")).isVisible(), false);
  const printed = await printedText(page, "presentation-print");
  assert.ok(printed.includes("not a tool to choose or withhold a treatment"), "statement printed");
  assert.ok(printed.includes("Öcal et al., EJNMMI Res 2021"));
  assertClean(record, server.url);
  await page.close();
});

test("the model arithmetic is folded away, one decimal, with its reference profile", async () => {
  const { page, record } = await openPage(browser, server.url + EXAMPLE);
  const details = page.locator(byTestId("model-arithmetic"));
  assert.equal(await details.evaluate((d) => d.open), false, "closed by default");
  assert.equal(await page.locator(byTestId("relative-hazard-os-model1")).isVisible(), false);
  await details.locator("summary").click();
  assert.equal(await textOf(page, "relative-hazard-os-model1"), "8.4");
  const text = squash(await details.textContent());
  assert.match(text, /not a survival estimate/);
  assert.match(text, /At most 9 of the 83 patients/);
  // OS Model 1 albumin 0.68 (0.33–1.43): below 1 and its CI crosses 1.
  assert.match(text, /Albumin \(< 36 g\/L\) 0\.68 — 95% CI 0\.33–1\.43 crosses 1/);
  assert.match(text, /below 1: lowers the product/);
  assertClean(record, server.url);
  await page.close();
});

test("Child–Pugh C and ECOG 3 put the patient outside the studied population, marked everywhere", async () => {
  const link = "#il6=12.4&il8=30&albumin=40&bilirubin=10&child_pugh=C&ecog=3";
  const { page, record } = await openPage(browser, server.url + link, { width: 1920, height: 1080 });
  assert.equal(await textOf(page, "applicability"), "outside");
  const reasons = squash(await textOf(page, "applicability-reasons"));
  assert.match(reasons, /Child–Pugh C: the trial took A to B7/);
  assert.match(reasons, /ECOG 3 or more was not eligible/);
  assert.match(reasons, /none with ECOG 2/);
  assert.ok(await page.locator(byTestId("outside-mark")).count() >= 4, "cards, medians and chart");
  assert.match(await textOf(page, "summary"), /^Outside the studied population/);
  assert.ok(await page.locator(byTestId("child_pugh-C")).isChecked());
  await page.locator(byTestId("toggle-presentation")).click();
  await page.waitForSelector(".app.presentation");
  assert.ok(await page.locator(byTestId("outside-mark")).first().isVisible(), "marked in presentation mode");
  const printed = await printedText(page, "outside-print");
  assert.ok(printed.includes("Outside the studied population"), "marked on paper");
  // A patient like the cohort is within; unknowns leave it unknown.
  await page.goto(server.url + "#child_pugh=B7&ecog=1&bclc=C&extrahepatic=liver-dominant&il6=3");
  await page.waitForFunction(() => document.querySelector('[data-testid="applicability"]')?.textContent === "within");
  assert.equal(await page.locator(byTestId("outside-mark")).count(), 0);
  await page.goto(server.url + "#child_pugh=B&il6=3");
  await page.waitForFunction(() => document.querySelector('[data-testid="applicability"]')?.textContent === "unknown");
  assertClean(record, server.url);
  await page.close();
});

test("near-cutoff values, boundary scores and the denominators are shown with their caveats", async () => {
  // IL6 6.6 is within 10% of 6.53 (5.877–7.183); IL8 90 is not near 60.8.
  // Albumin 38 g/L, bilirubin 9.01 µmol/L: ALBI −2.59988, grade 2 (clinical.md's example).
  const { page, record } = await openPage(browser, server.url + "#il6=6.6&il8=90&albumin=38&bilirubin=9.01");
  assert.equal(await textOf(page, "il6-group"), "high");
  assert.match(await textOf(page, "near-cutoff-il6"), /near the cutoff/);
  assert.equal(await page.locator(byTestId("near-cutoff-il8")).count(), 0);
  assert.match(await textOf(page, "assay-note"), /Quantikine/);
  assert.equal(await textOf(page, "albi-score"), "-2.60");
  assert.equal(await textOf(page, "albi-grade"), "2");
  assert.match(await textOf(page, "albi-boundary-note"), /-2\.5999/);
  assert.equal(await textOf(page, "denominator-os"), "83 patients, 73 deaths");
  assert.match(await textOf(page, "denominator-pfs"), /82 patients; investigator assessed/);
  assert.match(await textOf(page, "denominator-ttld"), /78 patients, 33 events; no REILD case/);
  const caveat = squash(await textOf(page, "medians-caveat"));
  assert.match(caveat, /separate comparisons with no joint estimate/);
  assert.match(caveat, /died without it were censored/);
  // The reconstruction's landmark table shows no confidence intervals.
  assert.doesNotMatch(await textOf(page, "km-survival-table"), /–|CI/);
  assertClean(record, server.url);
  await page.close();
});
