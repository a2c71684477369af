// Tumour board and medical record: presentation mode on a 1920×1080 screen,
// printing to one page, and copying the link and the summary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { launch, serveDist, openPage, byTestId, textOf, hasScrollbars } from "./browser.mjs";

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
  // The patient first, the published tables on pages of their own (issue 16).
  assert.match(info, /^Pages:\s+[2-4]$/m, "two to four pages");
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  for (const needle of ["12.4", "85.2", "g/dL", "mg/dL", "-1.72", "2b", "HIGH",
                        "7.8 months", "Öcal", "34080071", "Version", "Printed"]) {
    assert.ok(text.includes(needle), `printed page contains ${needle}`);
  }
  const letter = await page.pdf({ format: "Letter" });
  writeFileSync(`${ARTIFACTS}print-letter.pdf`, letter);
  assert.match(execFileSync("pdfinfo", [`${ARTIFACTS}print-letter.pdf`], { encoding: "utf8" }), /^Pages:\s+[2-4]$/m);
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
