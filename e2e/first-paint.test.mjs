// First paint does not wait for the wasm: the built index.html already holds
// the app's form and frame (scripts/prerender.mjs), the live app takes over
// without moving anything, and what was typed before it arrived is kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, serveDist, byTestId, textOf, DIST } from "./browser.mjs";

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

const boxes = (page) =>
  page.evaluate(() =>
    ["disclaimer", "input-il6", "input-bilirubin", "cirrhosis-unknown", "km-chart", "nav-about"].map((id) => {
      const box = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
      return box && [id, Math.round(box.x), Math.round(box.y + window.scrollY), Math.round(box.width), Math.round(box.height)];
    }),
  );

test("the built index.html already shows the form and the app's frame", () => {
  const html = readFileSync(`${DIST}index.html`, "utf8");
  for (const id of ["disclaimer", "input-il6", "input-il8", "input-albumin", "input-bilirubin", "km-chart", "version"]) {
    assert.ok(html.includes(`data-testid="${id}"`), `index.html contains ${id}`);
  }
  assert.ok(html.includes("data-prerendered"), "marked as the static copy");
});

test("the first paint needs nothing but the HTML: with every other request held back, the static copy is shown styled", async () => {
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  const held = [];
  await page.route("**/*", async (route) => {
    if (route.request().isNavigationRequest()) return route.continue();
    held.push(new URL(route.request().url()).pathname);
    // Never answered: a stylesheet or script the first paint waited for would stop it here.
  });
  await page.goto(server.url, { waitUntil: "commit" });
  await page.waitForFunction(() => performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint"), null, { timeout: 10_000 });
  const shown = await page.evaluate(() => {
    const il6 = document.querySelector("[data-prerendered] [data-testid=input-il6]");
    return {
      il6Visible: il6 !== null && il6.getBoundingClientRect().height > 0,
      // static/style.css: 18px root type and the accent colour, offline.css: the update notice rule.
      rootFontSize: getComputedStyle(document.documentElement).fontSize,
      accent: getComputedStyle(document.documentElement).getPropertyValue("--accent").trim(),
      sheets: [...document.styleSheets].map((sheet) => sheet.href),
    };
  });
  assert.deepEqual(shown, { il6Visible: true, rootFontSize: "18px", accent: "#0b5394", sheets: [null] }, `held: ${held.join(", ")}`);
  // What was held is the app itself (requested once the page was parsed), never a style sheet or a script of the first paint.
  assert.ok(held.every((path) => /(_bg\.wasm|soramic-il-calculator-[0-9a-f]+\.js|manifest\.webmanifest|icon\.svg)$/.test(path)), held.join(", "));
  await page.close();
});

/** Opens the page with the wasm held back until `release()` is called. */
async function openHeld() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  let release;
  const wasmHeld = new Promise((resolve) => { release = resolve; });
  await page.route("**/*_bg.wasm", async (route) => {
    await wasmHeld;
    await route.continue();
  });
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  // The static copy is on screen while the wasm is still held back.
  await page.waitForSelector("[data-prerendered] [data-testid=input-il6]");
  return { page, errors, release };
}

test("the wasm takes over without moving anything on the page", async () => {
  const { page, errors, release } = await openHeld();
  const before = await boxes(page);
  assert.ok(before.every(Boolean), "every measured element is in the static copy");
  release();
  await page.waitForSelector("[data-prerendered]", { state: "detached" });
  assert.equal(await page.locator(".app").count(), 1, "one app: the static copy was replaced");
  assert.deepEqual(await boxes(page), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the field being typed into keeps the focus and the caret when the app takes over", async () => {
  const { page, errors, release } = await openHeld();
  const il6 = page.locator(byTestId("input-il6"));
  await il6.click();
  await page.keyboard.type("124");
  // The caret between "12" and "4", where a correction would go.
  await page.keyboard.press("ArrowLeft");
  release();
  await page.waitForSelector("[data-prerendered]", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "input-il6");
  await page.keyboard.type(",");
  assert.equal(await il6.inputValue(), "12,4");
  assert.equal(await textOf(page, "il6-group"), "high");
  assert.deepEqual(errors, []);
  await page.close();
});

test("what was typed before the wasm arrived is kept", async () => {
  const { page, errors, release } = await openHeld();
  await page.locator(byTestId("input-il6")).fill("12,4");
  await page.locator(byTestId("unit-albumin")).selectOption("g/dL");
  await page.locator(byTestId("cirrhosis-yes")).check();
  release();
  await page.waitForSelector("[data-prerendered]", { state: "detached" });
  assert.equal(await page.locator(byTestId("input-il6")).inputValue(), "12,4");
  assert.equal(await page.locator(byTestId("unit-albumin")).inputValue(), "g/dL");
  assert.ok(await page.locator(byTestId("cirrhosis-yes")).isChecked());
  assert.equal(await textOf(page, "il6-group"), "high");
  assert.equal(new URL(page.url()).hash, "#il6=12,4&albumin_unit=g/dL&cirrhosis=yes");
  assert.deepEqual(errors, []);
  await page.close();
});
