// End-to-end (issue 12): the language comes from the address (`lang=`), else
// the browser's preferred languages, else English; the visible switch changes
// it with the values kept; `<html lang>` follows; an unknown code falls back
// to English with no error. Expected texts are crates/text/lang/<code>.txt's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serveDist, openPage, byTestId, textOf, assertClean, waitForLiveApp } from "./browser.mjs";
import { CATALOGS, LANGS } from "./catalog.mjs";



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

const navAbout = (page) => page.locator(byTestId("nav-about")).textContent();

for (const code of LANGS) {
  test(`lang=${code} in the link shows the page in ${code}, with <html lang="${code}">`, async () => {
    const { page, record } = await openPage(browser, `${server.url}#il6=12,4&lang=${code}`);
    await page.waitForFunction((c) => document.documentElement.lang === c, code);
    assert.equal((await navAbout(page)).trim(), CATALOGS[code].get("app.nav_about"));
    assert.equal(await page.locator(byTestId("lang-switch")).inputValue(), code);
    // The values are untouched by the language.
    assert.equal(await page.locator(byTestId("input-il6")).inputValue(), "12,4");
    assertClean(record, server.url);
    await page.close();
  });
}

test("the browser's preferred language is used when the link names none", async () => {
  const context = await browser.newContext({ locale: "de-AT" });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForLiveApp(page);
  await page.waitForFunction(() => document.documentElement.lang === "de");
  assert.equal((await navAbout(page)).trim(), CATALOGS.de.get("app.nav_about"));
  // The address now says so: a link copied from here opens in German.
  assert.match(await page.evaluate(() => location.hash), /lang=de/);
  await context.close();
});

test("an unknown code falls back to English without an error", async () => {
  const { page, record } = await openPage(browser, `${server.url}#lang=xx`);
  assert.equal((await navAbout(page)).trim(), CATALOGS.en.get("app.nav_about"));
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.locator(byTestId("lang-problem")).count(), 0);
  assertClean(record, server.url);
  await page.close();
});

test("the switch changes the language, keeps the values and writes lang= into the address", async () => {
  const { page, record } = await openPage(browser, `${server.url}#il6=12,4&il8=85.2`);
  await page.locator(byTestId("lang-switch")).selectOption("fr");
  await page.waitForFunction(() => document.documentElement.lang === "fr");
  assert.equal((await navAbout(page)).trim(), CATALOGS.fr.get("app.nav_about"));
  assert.equal(await textOf(page, "skip-link"), CATALOGS.fr.get("app.skip_link"));
  assert.equal(await page.locator(byTestId("input-il6")).inputValue(), "12,4");
  assert.equal(await page.locator(byTestId("input-il8")).inputValue(), "85.2");
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /il6=12%2C4|il6=12,4/);
  assert.match(hash, /lang=fr/);
  // Back to English: the key goes (English is the default here).
  await page.locator(byTestId("lang-switch")).selectOption("en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.doesNotMatch(await page.evaluate(() => location.hash), /lang=/);
  assertClean(record, server.url);
  await page.close();
});

test("a language that cannot be fetched says so and the page stays usable in English", async () => {
  // No service worker: its own fetch of the catalog would bypass the page's route.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const record = { console: [], errors: [], requests: [] };
  page.on("console", (m) => record.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => record.errors.push(e.message));
  await page.route("**/lang/it.txt", (route) => route.abort());
  await page.goto(server.url);
  await waitForLiveApp(page);
  await page.locator(byTestId("lang-switch")).selectOption("it");
  const problem = await page.locator(byTestId("lang-problem")).textContent();
  assert.equal(problem.trim(), CATALOGS.en.get("lang.load_failed_offline"));
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal((await navAbout(page)).trim(), CATALOGS.en.get("app.nav_about"));
  // The aborted request shows as a console error by design; nothing else may.
  record.console = record.console.filter((line) => !/lang\/it\.txt|ERR_FAILED/.test(line));
  assertClean(record, server.url);
  await context.close();
});

test("presentation mode in German at 1280×720: no table cell cut off, nothing scrolls", async () => {
  const link = "#il6=12,4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A&lang=de";
  const { page, record } = await openPage(browser, server.url + link, { width: 1280, height: 720 });
  await page.waitForFunction(() => document.documentElement.lang === "de");
  await page.locator(byTestId("toggle-presentation")).click();
  await page.waitForSelector(".app.presentation");
  // German headings are the longest of the five languages: each cell's text
  // must fit its cell (a cut "95% CI nicht publiziert" would read "95% publiziert").
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll(".medians th, .medians td")]
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent.trim()),
  );
  assert.deepEqual(cut, [], "cells whose text is cut");
  const table = await page.evaluate(() => {
    const t = document.querySelector(".medians table");
    const column = t.closest(".results");
    return { table: t.getBoundingClientRect().right, column: column.getBoundingClientRect().right };
  });
  assert.ok(table.table <= table.column + 1, `table right ${table.table} > column right ${table.column}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollHeight), 720);
  assertClean(record, server.url);
  await page.close();
});
