// Tumour board and medical record: presentation mode on a 1920×1080 screen
// and full screen, printing to two pages, and copying the link and the
// summary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { launch, serveDist, openPage, byTestId, textOf, hasScrollbars, assertClean } from "./browser.mjs";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const LINK =
  "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";

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

test("presentation mode fills 1920×1080 without a scrollbar and toggles by keyboard", async () => {
  const { page, record } = await openPage(browser, server.url + LINK, { width: 1920, height: 1080 });
  assert.equal(await page.locator(".app.presentation").count(), 0);
  await page.keyboard.press("Alt+KeyP");
  await page.waitForSelector(".app.presentation");
  assert.equal(await page.locator(byTestId("toggle-presentation")).getAttribute("aria-pressed"), "true");
  assert.equal(await textOf(page, "albi-score"), "-1.72");
  assert.equal(await textOf(page, "il6-group"), "high");
  await page.screenshot({ path: `${ARTIFACTS}presentation-1920x1080.png`, fullPage: true });
  assert.equal(await hasScrollbars(page), false, "presentation mode must not scroll at 1920×1080");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".app:not(.presentation)");
  await page.locator(byTestId("toggle-presentation")).click();
  await page.waitForSelector(".app.presentation");
  assert.deepEqual(record.errors, []);
  await page.close();
});

test("the presentation button asks for full screen, leaving full screen leaves presentation mode, and a refusal is ignored", async () => {
  const { page, record } = await openPage(browser, server.url + LINK, { width: 1920, height: 1080 });
  // Every request is recorded, then passed on to the browser.
  await page.evaluate(() => {
    window.fullscreenRequests = [];
    const request = Element.prototype.requestFullscreen;
    Element.prototype.requestFullscreen = function (...args) {
      window.fullscreenRequests.push(this.tagName);
      return request.apply(this, args);
    };
  });
  await page.locator(byTestId("toggle-presentation")).click();
  await page.waitForSelector(".app.presentation");
  await page.waitForFunction(() => window.fullscreenRequests.length > 0);
  assert.deepEqual(await page.evaluate(() => window.fullscreenRequests), ["HTML"], "the whole page, once");
  // Headless Chromium may grant the request or not; both are handled.
  const granted = await page.evaluate(() => document.fullscreenElement?.tagName ?? null);
  console.log(`full screen granted in this browser: ${granted !== null}`);
  // Leaving full screen (what Esc does while full screen: the browser keeps
  // that key) leaves presentation mode.
  await page.evaluate(async () => {
    if (document.fullscreenElement) await document.exitFullscreen();
    else document.dispatchEvent(new Event("fullscreenchange", { bubbles: true }));
  });
  await page.waitForSelector(".app:not(.presentation)");
  if (granted) {
    // Leaving presentation mode leaves full screen.
    await page.locator(byTestId("toggle-presentation")).click();
    await page.waitForFunction(() => document.fullscreenElement !== null);
    await page.locator(byTestId("toggle-presentation")).click();
    await page.waitForFunction(() => document.fullscreenElement === null);
    assert.equal(await page.locator(".app.presentation").count(), 0);
  }
  // A browser that refuses: presentation mode stays, and nothing is logged
  // as an error (the rejected promise is handled).
  await page.evaluate(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError("Permissions check failed"));
  });
  await page.locator(byTestId("toggle-presentation")).click();
  await page.waitForSelector(".app.presentation");
  await page.waitForTimeout(300);
  assert.equal(await page.locator(".app.presentation").count(), 1, "still in presentation mode");
  assertClean(record, server.url);
  await page.close();
});

test("printing gives the inputs, results, citation, version and date on A4 and Letter", async () => {
  const { page, record } = await openPage(browser, server.url + LINK);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.waitForFunction(() => /Printed \S/.test(document.querySelector('[data-testid="print-date"]')?.textContent ?? ""));
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: false });
  const file = `${ARTIFACTS}print-a4.pdf`;
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-r", "80", "-gray", "-png", "-singlefile", file, `${ARTIFACTS}print-a4-grey`]);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  // The patient first, the published tables on page 2 (issue 16).
  assert.match(info, /^Pages:\s+2$/m, "two pages");
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  for (const needle of ["12.4", "85.2", "g/dL", "mg/dL", "-1.72", "2b", "HIGH",
                        "7.8 months", "Öcal", "34080071", "Version", "Printed"]) {
    assert.ok(text.includes(needle), `printed page contains ${needle}`);
  }
  const letter = await page.pdf({ format: "Letter" });
  writeFileSync(`${ARTIFACTS}print-letter.pdf`, letter);
  assert.match(execFileSync("pdfinfo", [`${ARTIFACTS}print-letter.pdf`], { encoding: "utf8" }), /^Pages:\s+2$/m);
  assert.deepEqual(record.errors, []);
  await page.close();
});

test("copy link and copy summary put the right text on the clipboard", async () => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(server.url + LINK);
  await page.waitForSelector(byTestId("summary"));
  await page.locator(byTestId("copy-link")).click();
  await page.waitForFunction(() => /Link copied/.test(document.querySelector('[data-testid="toolbar-status"]').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), server.url + LINK);
  await page.locator(byTestId("copy-summary")).click();
  await page.waitForFunction(() => /Summary copied/.test(document.querySelector('[data-testid="toolbar-status"]').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await textOf(page, "summary"));
  await context.close();
});
