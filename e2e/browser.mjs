// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (the bundled-browser download cannot work offline), the
// built site served from dist/ on loopback, and a record of every console
// message, page error and request so each test can assert there were none.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServer } from "./static-server.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const DIST = new URL("../dist/", import.meta.url).pathname;

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function serveDist() {
  return startServer(DIST);
}

/** A page that records what a clinician's browser would log or fetch. */
export async function openPage(browser, url, viewport = { width: 1400, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  const record = { console: [], errors: [], requests: [] };
  page.on("console", (m) => record.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => record.errors.push(e.message));
  page.on("request", (r) => record.requests.push(r.url()));
  await page.goto(url);
  await waitForLiveApp(page);
  return { page, record };
}

/**
 * Waits until the live app has replaced the static first paint (a test that
 * typed into the static copy would race the takeover; first-paint.test.mjs
 * tests that case on purpose).
 */
export async function waitForLiveApp(page) {
  await page.waitForSelector("[data-testid=disclaimer]");
  await page.waitForSelector("[data-prerendered]", { state: "detached" });
}

export const byTestId = (id) => `[data-testid="${id}"]`;

export async function textOf(page, id) {
  return (await page.locator(byTestId(id)).textContent())?.trim();
}

/** No console error, no page error (a panic shows as one), no request off the app's origin. */
export function assertClean(record, origin) {
  const errors = record.console.filter((line) => line.startsWith("error"));
  assert.deepEqual(errors, [], "console errors");
  assert.deepEqual(record.errors, [], "page errors (a panic would show here)");
  const foreign = record.requests.filter((url) => !url.startsWith(origin) && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], "requests to anywhere but the app's own origin");
}

/**
 * Types the example patient of the issue through the form's hooks: IL6 12,4
 * (decimal comma), IL8 85.2, albumin 3.1 g/dL, bilirubin 1.4 mg/dL,
 * cirrhosis yes, Child–Pugh A. Expected results: ALBI −1.72 (grade 2,
 * mALBI 2b), both groups high, model arithmetic 8.4 (OS, Model 1).
 */
export async function fillExamplePatient(page) {
  await page.locator(byTestId("input-il6")).fill("12,4");
  await page.locator(byTestId("input-il8")).fill("85.2");
  await page.locator(byTestId("unit-albumin")).selectOption("g/dL");
  await page.locator(byTestId("input-albumin")).fill("3.1");
  await page.locator(byTestId("unit-bilirubin")).selectOption("mg/dL");
  await page.locator(byTestId("input-bilirubin")).fill("1.4");
  await page.locator(byTestId("cirrhosis-yes")).check();
  await page.locator(byTestId("child_pugh-A")).check();
}

/** Every result the example patient (see `fillExamplePatient`) must show. */
export async function assertExamplePatientResults(page) {
  // 3.1 g/dL = 31 g/L; 1.4 mg/dL = 23.94 µmol/L.
  // ALBI = 0.66 × log10(23.94) − 0.085 × 31 = 0.910222 − 2.635 = −1.724778.
  assert.equal(await textOf(page, "albi-score"), "-1.72");
  assert.equal(await textOf(page, "albi-grade"), "2");
  assert.equal(await textOf(page, "malbi-grade"), "2b");
  assert.equal(await textOf(page, "il6-group"), "high");
  assert.equal(await textOf(page, "il8-group"), "high");
  assert.equal(await textOf(page, "echo-albumin"), "= 31 g/L");
  assert.equal(await textOf(page, "echo-bilirubin"), "= 23.94 µmol/L");
  // Model arithmetic, one decimal (data-value: full precision).
  // Table 2, Model 1: 2.35 × 1.32 × 2.33 × 0.68 × 1.71 = 8.404; Model 2: 2.2 × 1.2 × 2.4 × 1.13 = 7.160.
  assert.equal(await textOf(page, "relative-hazard-os-model1"), "8.4");
  assert.ok(Math.abs(Number(await page.getAttribute(byTestId("relative-hazard-os-model1"), "data-value")) - 8.404323048) < 1e-9);
  assert.equal(await textOf(page, "relative-hazard-os-model2"), "7.2");
  // Table 3, Model 1: 2.67 × 1.41 × 3.73 = 14.042; Model 2: 2.5 × 3.1 = 7.75.
  assert.equal(await textOf(page, "relative-hazard-ld-model1"), "14.0");
  assert.equal(await page.getAttribute(byTestId("relative-hazard-ld-model2"), "data-value"), "7.75");
  // Paper, Results: high IL6 median OS 7.8 months (95% CI 6.6–11.8).
  assert.equal(await textOf(page, "median-os-il6"), "7.8 months (95% CI 6.6–11.8)");
  assert.match(await textOf(page, "summary"), /not a prediction for this patient/);
  assert.doesNotMatch(await textOf(page, "summary"), /elative hazard|Model 1/);
}

/**
 * A fresh context and page with its console, page errors and CSP violations
 * recorded (what `assertCohortClean` checks), not yet navigated.
 */
export async function recordedContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const record = { console: [], errors: [] };
  page.on("console", (m) => record.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => record.errors.push(e.message));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`),
    );
  });
  return { context, page, record };
}

/**
 * A fresh context on the cohort view (the live app, the tool loaded), with
 * its console, page errors and CSP violations recorded.
 */
export async function openCohortPage(browser, url) {
  const { context, page, record } = await recordedContext(browser);
  await page.goto(url);
  await page.waitForSelector(`${byTestId("nav-cohort")}:not([disabled])`);
  await page.waitForFunction(() => !document.querySelector("[data-prerendered]"));
  await page.locator(byTestId("nav-cohort")).click();
  await page.waitForSelector(byTestId("cohort-file"));
  return { context, page, record };
}

/** No CSP violation, console error or page error on a cohort page. */
export async function assertCohortClean(page, record) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "CSP violations");
  const problems = record.console.filter((line) => /^error|Content Security Policy|integrity/i.test(line));
  assert.deepEqual(problems, [], "console errors");
  assert.deepEqual(record.errors, [], "page errors");
}

/** Whether the page scrolls, vertically or horizontally. */
export async function hasScrollbars(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollHeight > root.clientHeight || root.scrollWidth > root.clientWidth;
  });
}
