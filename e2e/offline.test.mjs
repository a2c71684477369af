// End-to-end: offline use, privacy and the Content Security Policy.
// The release build (dist/, made by Trunk plus scripts/postbuild.mjs) is
// opened over http with its service worker, then with the network cut and the
// server stopped; the single file calculator-offline.html is opened from
// file://. Every page records its console, page errors, CSP violations and
// requests, and must end with none that it should not have.
// Expected results are the hand calculations of e2e/calculator.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, DIST, byTestId, textOf, fillExamplePatient, assertExamplePatientResults, waitForLiveApp } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

// A workbook (issue 15): its reader is a worker of its own, cached when first used.
const WORKBOOK = new URL("../crates/workbook/fixtures/cohort-de.xlsx", import.meta.url).pathname;

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const LINK =
  "#il6=12.4&il8=85.2&albumin=3.1&albumin_unit=g/dL&bilirubin=1.4&bilirubin_unit=mg/dL&cirrhosis=yes&child_pugh=A";
// Values typed in the flow; none may ever appear in a request.
const PATIENT_VALUES = ["12,4", "12.4", "85.2", "3.1", "1.4"];

let browser;
let work; // a private copy of dist/ per test, so no test changes what another serves
const servers = []; // closed after all tests, also when one fails
before(async () => {
  browser = await launch();
  work = await mkdtemp(join(tmpdir(), "offline-e2e-"));
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  if (work) await rm(work, { recursive: true, force: true });
});

async function serve(dir, port = 0) {
  const server = await startServer(dir, port);
  let closed;
  const handle = { url: server.url, close: () => (closed ??= server.close()) };
  servers.push(handle);
  return handle;
}

async function copyOfDist(name) {
  const dir = join(work, name);
  await cp(DIST, dir, { recursive: true });
  return dir;
}

const buildIdOf = (html) => html.match(/<meta name="build-id" content="([^"]+)">/)[1];
const cspOf = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
/** The start script, inline in index.html (scripts/postbuild.mjs). */
const startScriptOf = (html) => html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];

/**
 * A fresh browser context and page recording console messages, page errors,
 * CSP violations (the `securitypolicyviolation` event, in every document) and
 * every request: the page's own and those of its service worker.
 */
async function recordingPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const record = { console: [], errors: [], requests: [] };
  page.on("console", (m) => record.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => record.errors.push(e.message));
  context.on("request", (r) => record.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
    );
  });
  return { context, page, record };
}

/** Cuts the page off the network (DevTools protocol offline emulation). */
async function goOffline(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  return cdp;
}

async function assertClean(page, record) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "CSP violations");
  const problems = record.console.filter((line) => /^error|Content Security Policy|integrity/i.test(line));
  assert.deepEqual(problems, [], "console errors");
  assert.deepEqual(record.errors, [], "page errors (a panic would show here)");
  const leaked = record.requests.filter((url) => PATIENT_VALUES.some((v) => decodeURIComponent(url).includes(v)));
  assert.deepEqual(leaked, [], "requests carrying a patient value");
}

const waitForController = (page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });

/** The whole clinician flow, through the documented hooks. */
async function completeTheFlow(page) {
  await fillExamplePatient(page);
  await assertExamplePatientResults(page);
  assert.equal(new URL(page.url()).hash, LINK.replace("12.4", "12,4"));
  // A link pasted into the same tab (hashchange) replaces the inputs.
  await page.evaluate(() => {
    location.hash = "il6=6.53&il8=60.8";
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="il6-group"]')?.textContent === "low");
  assert.equal(await textOf(page, "il8-group"), "low");
  // The About view, with the offline download and the build.
  await page.locator(byTestId("nav-about")).click();
  assert.match(await textOf(page, "about"), /NCT01126645/);
  await page.locator(byTestId("nav-calculator")).click();
  await page.locator(byTestId("input-il6")).waitFor();
  // No inline style attribute anywhere (the CSP would refuse one): the chart's SVG included.
  assert.equal(await page.locator("[style]").count(), 0);
}

test("the built pages carry a strict CSP, their code inline by hash, and Subresource Integrity", async () => {
  const index = await readFile(join(DIST, "index.html"), "utf8");
  const single = await readFile(join(DIST, "calculator-offline.html"), "utf8");
  for (const [name, csp] of [["index.html", cspOf(index)], ["calculator-offline.html", cspOf(single)]]) {
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.ok(!/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:|blob:/.test(csp.replace("'wasm-unsafe-eval'", "")), `${name}: ${csp}`);
    for (const source of [...directives["script-src"], ...directives["style-src"]]) {
      assert.match(source, /^'(self|wasm-unsafe-eval|sha256-[A-Za-z0-9+/=]+)'$/, `${name}: script and style only from 'self' or by hash`);
    }
    assert.deepEqual(directives["default-src"], ["'none'"], name);
    assert.deepEqual(directives["object-src"], ["'none'"], name);
    assert.deepEqual(directives["base-uri"], ["'none'"], name);
    assert.ok(["'self'", "'none'"].includes(directives["connect-src"]?.join(" ")), `${name} connect-src`);
    assert.ok(directives["script-src"].includes("'wasm-unsafe-eval'"), name);
  }
  // The served page: what its first paint needs is inside it, the start
  // script and the style, each allowed by its hash; nothing else inline, no
  // script or stylesheet fetched by the markup.
  const markup = index.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/g, "$1$2").replace(/(<style>)[\s\S]*?(<\/style>)/g, "$1$2");
  assert.doesNotMatch(markup, /\sstyle=|\son[a-z]+=|<script\b[^>]*\bsrc=|rel="(stylesheet|modulepreload|preload)"/i);
  const start = startScriptOf(index);
  const style = index.match(/<style>([\s\S]*?)<\/style>/)[1];
  assert.equal((markup.match(/<script\b/g) ?? []).length, 1, "one script");
  assert.equal((markup.match(/<style\b/g) ?? []).length, 1, "one style");
  const indexCsp = cspOf(index);
  for (const [kind, text] of [["script-src", start], ["style-src", style]]) {
    const hash = `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    assert.ok(indexCsp.split(";").some((d) => d.trim().startsWith(`${kind} `) && d.includes(hash)), `${kind} allows the inline code by its hash`);
  }
  assert.ok(style.includes(".update-notice"), "offline.css is inlined too");
  // The start script loads the bindings and the wasm with their hashes.
  const hashOf = async (name) => createHash("sha384").update(await readFile(join(DIST, name))).digest("base64");
  const wasmName = start.match(/"\.\/(soramic[^"]+\.wasm)"/)[1];
  assert.ok(start.includes(`integrity: "sha384-${await hashOf(wasmName)}"`), "the wasm's integrity");
  const bindingsName = start.match(/const bindingsUrl = new URL\("\.\/([^"]+\.js)"/)[1];
  assert.ok(start.includes(`modulePreload(bindingsUrl, "sha384-${await hashOf(bindingsName)}")`), "the bindings' integrity");
  // And the cohort tool's, loaded when its view opens.
  assert.ok(start.includes(`script.integrity = "sha384-${await hashOf("cohort-tool.js")}"`), "the cohort tool's bindings' integrity");
  assert.ok(start.includes(`integrity: "sha384-${await hashOf("cohort-tool_bg.wasm")}"`), "the cohort tool's wasm's integrity");
  // Both pages name the same build.
  assert.equal(buildIdOf(single), buildIdOf(index));
});

test("a wasm that is not this build's is refused (SRI)", async () => {
  const dir = await copyOfDist("tampered");
  const start = startScriptOf(await readFile(join(dir, "index.html"), "utf8"));
  const wasmPath = join(dir, start.match(/"\.\/(soramic[^"]+\.wasm)"/)[1]);
  const wasm = await readFile(wasmPath);
  wasm[wasm.length - 1] ^= 0xff;
  await writeFile(wasmPath, wasm);
  const server = await serve(dir);
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const refused = new Promise((resolve) => {
    const check = (text) => /integrity/i.test(text) && resolve(text);
    page.on("console", (m) => m.type() === "error" && check(m.text()));
    page.on("pageerror", (e) => check(e.message));
  });
  await page.goto(server.url);
  assert.match(await refused, /integrity/i);
  // The static first paint stays, and says plainly that nothing works.
  await page.waitForSelector(".startup-notice.failed");
  assert.match(await textOf(page, "startup-notice"), /could not start/);
  assert.equal(await page.locator("[data-prerendered]").count(), 1, "the app did not start");
  await context.close();
  await server.close();
});

test("after one visit over http the app works with the network cut and the server stopped", async () => {
  const dir = await copyOfDist("offline");
  const buildId = buildIdOf(await readFile(join(dir, "index.html"), "utf8"));
  const server = await serve(dir);
  const { context, page, record } = await recordingPage();
  await page.goto(server.url);
  await page.waitForSelector(byTestId("disclaimer"));
  await waitForController(page);
  assert.equal(await textOf(page, "version"), `Version 0.1.0, build ${buildId}`);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`soramic-il-calculator-${buildId}`]);
  // "Download for offline use" saves the single file. (Chromium sends a
  // download past the service worker, so this needs the site reachable.)
  await page.locator(byTestId("nav-about")).click();
  const [saved] = await Promise.all([page.waitForEvent("download"), page.locator(byTestId("download-offline")).click()]);
  assert.equal(await saved.failure(), null, "download failure");
  assert.equal(saved.suggestedFilename(), "calculator-offline.html");
  assert.deepEqual(await readFile(await saved.path()), await readFile(join(dir, "calculator-offline.html")));

  await goOffline(context, page);
  await server.close();
  // A new document (not a same-document fragment change): every file comes from the cache.
  await page.evaluate(() => (window.__previousDocument = true));
  await page.goto("about:blank");
  await page.goto(server.url + LINK);
  await page.waitForSelector(byTestId("disclaimer"));
  assert.equal(await page.evaluate(() => window.__previousDocument), undefined, "a fresh page load");
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "served by the service worker");
  // The link's values, then the whole flow typed by hand.
  assert.equal(await textOf(page, "albi-score"), "-1.72");
  assert.equal(await textOf(page, "version"), `Version 0.1.0, build ${buildId}`);
  await page.locator(byTestId("clear")).click();
  await completeTheFlow(page);
  await page.locator(byTestId("nav-about")).click();
  assert.equal(await textOf(page, "about-version"), `Version 0.1.0, build ${buildId}`);
  const download = page.locator(byTestId("download-offline"));
  assert.equal(await download.getAttribute("href"), "calculator-offline.html");
  assert.equal(await download.getAttribute("download"), "");
  await download.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}offline-http-about.png` });

  await page.locator(byTestId("nav-calculator")).click();
  await page.screenshot({ path: `${ARTIFACTS}offline-http.png`, fullPage: true });
  await assertClean(page, record);
  // Negative control: the listener above does see a violation when there is one.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<p style="color: red">probe</p>'));
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  assert.match((await page.evaluate(() => window.__cspViolations))[0], /^style-src-attr/);
  await context.close();
});

test("the cohort tool (and the workbook reader) is kept offline once used; before that, offline says why it cannot load", async () => {
  const dir = await copyOfDist("cohort-offline");
  const buildId = buildIdOf(await readFile(join(dir, "index.html"), "utf8"));
  let server = await serve(dir);
  const port = new URL(server.url).port;
  const { context, page, record } = await recordingPage();
  await page.goto(server.url);
  await waitForLiveApp(page);
  await waitForController(page);
  const cached = () => page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), `soramic-il-calculator-${buildId}`);
  assert.deepEqual((await cached()).filter((p) => p.includes("cohort")), [], "the first visit caches no cohort file");

  // Never opened, and the network is gone: a plain message, the rest works.
  let cdp = await goOffline(context, page);
  await server.close();
  await page.locator(byTestId("nav-cohort")).click();
  assert.match(await textOf(page, "cohort-load-failed"), /could not be loaded.*needs the site to be reachable once/s);
  // What the browser logged about the failed download, and nothing else.
  const whileOffline = record.console.splice(0).filter((line) => line.startsWith("error"));
  assert.ok(whileOffline.every((line) => /Failed to load resource|cohort tool/i.test(line)), whileOffline.join("\n"));
  await page.locator(byTestId("nav-calculator")).click();
  await fillExamplePatient(page);
  await assertExamplePatientResults(page);

  // Online again: the view loads, and its files are kept.
  server = await serve(dir, Number(port));
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.locator(byTestId("nav-cohort")).click();
  await page.waitForSelector(byTestId("cohort-file"));
  assert.equal(await page.locator(byTestId("cohort-load-failed")).count(), 0);
  await page.locator(byTestId("cohort-file")).setInputFiles(join(dir, "cohort-example.csv"));
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-rows-read"));
  // A workbook opened once, online: the reader's files are kept too.
  await page.locator(byTestId("cohort-file")).setInputFiles(WORKBOOK);
  await page.waitForSelector(byTestId("cohort-workbook"), { timeout: 60_000 });
  const wanted = ["/cohort-tool.js", "/cohort-tool_bg.wasm", "/cohort-tool_loader.js", "/workbook-reader.js", "/workbook-reader_bg.wasm", "/workbook-reader_loader.js"];
  // The service worker stores a first-use file as it passes it on: wait for the last put.
  let kept = await cached();
  for (let tries = 0; tries < 50 && !wanted.every((file) => kept.includes(file)); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    kept = await cached();
  }
  for (const file of wanted) {
    assert.ok(kept.includes(file), `${file} cached: ${kept}`);
  }

  // Network cut and server stopped, a fresh page: the view and its worker
  // come from the cache and analyse a file.
  cdp = await goOffline(context, page);
  await server.close();
  await page.goto("about:blank");
  await page.goto(server.url);
  await waitForLiveApp(page);
  await page.locator(byTestId("nav-cohort")).click();
  await page.locator(byTestId("cohort-file")).setInputFiles(join(dir, "cohort-example.csv"));
  await page.locator(byTestId("cohort-import")).click();
  // cohort-example.csv: 40 rows, all valid (crates/cohort/examples/example_file.rs).
  await page.waitForSelector(byTestId("cohort-rows-read"));
  assert.equal(await textOf(page, "cohort-rows-read"), "40");
  assert.equal(await textOf(page, "cohort-rows-used"), "40");
  await page.waitForSelector(byTestId("cohort-hr-il6"));
  // The workbook reader, offline, from the cache: the workbook's table sheet.
  await page.locator(byTestId("cohort-file")).setInputFiles(WORKBOOK);
  await page.waitForSelector(byTestId("cohort-workbook"), { timeout: 60_000 });
  assert.equal(await page.locator(byTestId("cohort-workbook")).getAttribute("data-value"), "Kohorte");
  // Clicks in the cohort view stay in it (two Yew apps on one page).
  assert.equal(await page.locator(byTestId("nav-cohort")).getAttribute("aria-current"), "page");
  await assertClean(page, record);
  await context.close();
});

test("nothing is requested after the page has loaded", async () => {
  const server = await serve(await copyOfDist("quiet"));
  const { context, page, record } = await recordingPage();
  await page.goto(server.url + LINK);
  await page.waitForSelector(byTestId("disclaimer"));
  await waitForController(page); // the service worker's own precache fetches are done
  const beforeLoad = record.requests.splice(0);
  assert.ok(beforeLoad.every((url) => url.startsWith(server.url)), `only same-origin before load: ${beforeLoad}`);
  await page.evaluate(() => performance.clearResourceTimings());

  await page.locator(byTestId("clear")).click();
  await completeTheFlow(page);
  await page.locator(byTestId("nav-about")).click();
  await page.locator(byTestId("download-offline")).waitFor();
  await page.locator(byTestId("nav-calculator")).click();
  await page.locator(byTestId("input-albumin")).fill("40");
  await page.locator(byTestId("input-bilirubin")).fill("10");
  // ALBI = 0.66 × log10(10) − 0.085 × 40 = 0.66 − 3.4 = −2.74.
  assert.equal(await textOf(page, "albi-score"), "-2.74");
  assert.deepEqual(record.requests, [], "requests after load");
  assert.deepEqual(await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name)), []);
  // Nothing is kept on the device but the fragment (the service worker's cache holds app files only).
  const stored = await page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { localStorage: 0, sessionStorage: 0, cookie: "", indexedDB: 0 });
  await assertClean(page, record);
  await context.close();
  await server.close();
});

test("the single file opens from file:// with no server and gives the full app", async () => {
  // Alone in a folder of its own: nothing beside it to load.
  const dir = join(work, "usb-stick");
  await cp(join(DIST, "calculator-offline.html"), join(dir, "calculator-offline.html"));
  const url = pathToFileURL(join(dir, "calculator-offline.html")).href;
  const buildId = buildIdOf(await readFile(join(DIST, "index.html"), "utf8"));
  const { context, page, record } = await recordingPage();
  await goOffline(context, page);
  // A fragment link opens the same view.
  await page.goto(url + LINK);
  await page.waitForSelector(byTestId("disclaimer"));
  assert.equal(await page.locator(byTestId("input-il6")).inputValue(), "12.4");
  assert.equal(await page.locator(byTestId("unit-albumin")).inputValue(), "g/dL");
  assert.equal(await textOf(page, "albi-score"), "-1.72");
  assert.equal(await textOf(page, "relative-hazard-os-model1"), "8.4");
  assert.equal(await textOf(page, "version"), `Version 0.1.0, build ${buildId}`);
  await page.screenshot({ path: `${ARTIFACTS}offline-single-file.png`, fullPage: true });
  await page.locator(byTestId("clear")).click();
  assert.equal(new URL(page.url()).hash, "");
  await completeTheFlow(page);
  assert.ok(page.url().startsWith(url));
  const foreign = record.requests.filter((r) => !r.startsWith(url.split("#")[0]) && !r.startsWith("data:"));
  assert.deepEqual(foreign, [], "the single file loads nothing but itself");
  await assertClean(page, record);
  await context.close();
});

test("a new build makes the service worker offer a reload, and the reload shows the new build", async () => {
  const dir = await copyOfDist("update");
  const oldIndex = await readFile(join(dir, "index.html"), "utf8");
  const oldId = buildIdOf(oldIndex);
  const server = await serve(dir);
  const { context, page, record } = await recordingPage();
  await page.goto(server.url + LINK);
  await page.waitForSelector(byTestId("disclaimer"));
  await waitForController(page);
  assert.equal(await page.locator(byTestId("update-notice")).count(), 0, "no notice on the first visit");

  // Deploy "the next build": a new build id in the page and the service
  // worker, with the page's precache hash to match.
  const newId = `${oldId.slice(0, 8)}00000000`;
  const newIndex = oldIndex.replace(oldId, newId);
  await writeFile(join(dir, "index.html"), newIndex);
  const sri = `sha384-${createHash("sha384").update(newIndex).digest("base64")}`;
  const sw = (await readFile(join(dir, "sw.js"), "utf8"))
    .replace(`id: "${oldId}"`, `id: "${newId}"`)
    // index.html is precached under the site's address, "./".
    .replace(/\["\.\/",\s*"sha384-[^"]+"\]/, `["./","${sri}"]`);
  assert.ok(sw.includes(newId) && sw.includes(sri), "the test's next build");
  await writeFile(join(dir, "sw.js"), sw);

  // The next visit is still served the old build, whole, and is told of the new one.
  await page.reload();
  await page.waitForSelector(byTestId("disclaimer"));
  const notice = page.locator(byTestId("update-notice"));
  await notice.waitFor({ timeout: 20_000 });
  assert.equal((await notice.textContent()).trim(), "New version available — reload");
  assert.equal(await textOf(page, "version"), `Version 0.1.0, build ${oldId}`);
  assert.equal(await textOf(page, "albi-score"), "-1.72");
  await page.screenshot({ path: `${ARTIFACTS}offline-update-notice.png` });
  // A second tab of the old build is told too.
  const other = await context.newPage();
  other.on("pageerror", (e) => record.errors.push(e.message));
  await other.goto(server.url);
  await other.locator(byTestId("update-notice")).waitFor();

  await Promise.all([page.waitForEvent("load"), page.locator(byTestId("update-reload")).click()]);
  await page.waitForSelector(byTestId("disclaimer"));
  assert.equal(await textOf(page, "version"), `Version 0.1.0, build ${newId}`);
  assert.equal(await textOf(page, "albi-score"), "-1.72", "the fragment survives the reload");
  assert.equal(await page.locator(byTestId("update-notice")).count(), 0);
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`soramic-il-calculator-${newId}`], "the old cache is gone");
  // The other tab keeps the old build it has loaded, with the notice, until reloaded.
  assert.equal(await textOf(other, "version"), `Version 0.1.0, build ${oldId}`);
  await Promise.all([other.waitForEvent("load"), other.locator(byTestId("update-reload")).click()]);
  await other.waitForSelector(byTestId("disclaimer"));
  assert.equal(await textOf(other, "version"), `Version 0.1.0, build ${newId}`);
  await assertClean(page, record);
  await context.close();
  await server.close();
});
