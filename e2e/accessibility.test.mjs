// WCAG 2.1 AA: axe-core (from npm) on every view, in normal and presentation
// mode, with empty, filled and erroneous inputs. Zero violations allowed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, serveDist, openPage, byTestId } from "./browser.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FILLED =
  "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";
const ERRORS = "#il6=abc&il8=1e999&albumin=3.4&bilirubin=0&cirrhosis=maybe";

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

/** Runs axe in the page (injected through DevTools, so the page's CSP is untouched). */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

const VIEWS = [
  ["empty calculator", "", async () => {}],
  ["filled calculator", FILLED, async () => {}],
  ["bad inputs with errors and warnings", ERRORS, async () => {}],
  ["About the model", FILLED, async (page) => page.locator(byTestId("nav-about")).click()],
  ["presentation mode", FILLED, async (page) => page.keyboard.press("Alt+KeyP")],
  ["Validate on your cohort, analysed", "", async (page) => {
    await page.locator(byTestId("nav-cohort")).click();
    await page.locator(byTestId("cohort-file")).setInputFiles(new URL("../static/cohort-example.csv", import.meta.url).pathname);
    await page.locator(byTestId("cohort-import")).click();
    await page.waitForSelector(byTestId("cohort-hr-il6"), { timeout: 60_000 });
  }],
];

for (const [name, fragment, prepare] of VIEWS) {
  test(`axe-core finds no WCAG 2.1 AA violation: ${name}`, async () => {
    const { page } = await openPage(browser, server.url + fragment, { width: 1920, height: 1080 });
    await prepare(page);
    await page.waitForTimeout(0);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
}

test("every control can be reached and used from the keyboard, with a visible focus", async () => {
  const { page } = await openPage(browser, server.url);
  await page.keyboard.press("Tab");
  const seen = new Set();
  for (let i = 0; i < 60; i += 1) {
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.dataset.testid || el.id || el.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    // After the last control, focus leaves the page for the browser's own UI.
    if (info.id === "BODY") break;
    seen.add(info.id);
    assert.notEqual(info.outline, "none", `${info.id} shows a focus outline`);
    await page.keyboard.press("Tab");
  }
  for (const id of ["input-il6", "input-il8", "input-albumin", "unit-albumin", "input-bilirubin", "unit-bilirubin", "clear", "copy-link", "toggle-presentation", "nav-about"]) {
    assert.ok(seen.has(id), `${id} is reachable with Tab`);
  }
  await page.close();
});

test("the axe check itself catches a violation (the harness is not vacuous)", async () => {
  const { page } = await openPage(browser, server.url);
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<input type="text">'));
  const violations = await axeViolations(page);
  assert.ok(violations.some((v) => v.startsWith("label:")), violations.join("\n"));
  await page.close();
});
