// How much memory the cohort view's worker takes for a large file, the
// measurement behind the file-size limit (crates/cohort/src/limits.rs,
// README "Cohort view", BENCHMARKS.md). Not a test: run by hand after
// `trunk build --release --offline`:
//
//   node e2e/cohort-memory.mjs [rows]        # default 1 000 000
//
// Writes a canonical CSV of `rows` patients (as e2e/cohort.test.mjs does),
// imports and analyses it in the web worker, asks for the per-patient CSV,
// and reports the worker's wasm memory (it never shrinks, so its size at the
// end is its peak) and the renderer process's peak resident memory (VmHWM,
// page and worker together). The wasm memory is read by serving the real
// worker loader with a line before it that keeps the memory object when the
// wasm is instantiated: the app itself is not changed.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serveDist, byTestId, DIST } from "./browser.mjs";

const rows = Number(process.argv[2] ?? 1_000_000);

async function writeFile(path, n) {
  const out = createWriteStream(path);
  out.write("id,time_months,event,il6,il8,albumin_g_l,bilirubin_umol_l,cirrhosis\n");
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let chunk = "";
  for (let i = 1; i <= n; i++) {
    chunk += `${i},${(next() * 40 + 0.1).toFixed(2)},${next() < 0.7 ? 1 : 0},${(next() * 20).toFixed(2)},${(next() * 150).toFixed(1)},${(25 + next() * 20).toFixed(0)},${(5 + next() * 40).toFixed(1)},${next() < 0.8 ? "yes" : "no"}\n`;
    if (i % 10_000 === 0) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise((resolve) => out.end(resolve));
}

/** The process ids under `root`: this script's own browser (other sessions may run Chromium too). */
function descendants(root) {
  const parent = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      parent.set(pid, readFileSync(`/proc/${pid}/stat`, "utf8").match(/\) \S+ (\d+)/)[1]);
    } catch {
      // gone meanwhile
    }
  }
  const mine = new Set([String(root)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) if (mine.has(ppid) && !mine.has(pid)) mine.add(pid), (grew = true);
  }
  return mine;
}

/** Peak and current resident memory (MB) of this browser's renderer processes. */
function renderers() {
  const found = [];
  for (const pid of descendants(process.pid)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer")) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0);
      found.push({ pid, peakMb: kb("VmHWM") / 1024, nowMb: kb("VmRSS") / 1024 });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const dir = mkdtempSync(join(tmpdir(), "cohort-memory-"));
const path = join(dir, "cohort.csv");
await writeFile(path, rows);
const bytes = statSync(path).size;
const browser = await launch();
const server = await serveDist();
const before = new Set(renderers().map((r) => r.pid));
const context = await browser.newContext({ serviceWorkers: "block", acceptDownloads: true });
await context.route("**/cohort-tool_loader.js", (route) =>
  route.fulfill({
    contentType: "text/javascript",
    body:
      `for (const name of ["instantiate", "instantiateStreaming"]) { const original = WebAssembly[name].bind(WebAssembly);` +
      ` WebAssembly[name] = (...a) => original(...a).then((r) => { self.__memory = (r.instance ?? r).exports.memory; return r; }); }\n` +
      readFileSync(join(DIST, "cohort-tool_loader.js"), "utf8"),
  }),
);
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => !document.querySelector("[data-prerendered]"));
await page.locator(byTestId("nav-cohort")).click();
await page.waitForSelector(byTestId("cohort-file"));
// The worker's wasm is instantiated a moment after the view shows.
for (let tries = 0; !(await page.workers()[0]?.evaluate(() => Boolean(self.__memory)).catch(() => false)); tries++) {
  if (tries > 100) throw new Error("the worker's wasm memory was never seen");
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const mine = renderers().filter((r) => !before.has(r.pid));
const wasmMb = async () => (await page.workers()[0].evaluate(() => self.__memory.buffer.byteLength)) / 2 ** 20;
console.log(`${rows} rows, ${(bytes / 1e6).toFixed(1)} MB file; renderer before: ${mine.map((r) => r.nowMb.toFixed(0)).join(", ")} MB; wasm ${(await wasmMb()).toFixed(1)} MiB`);
await page.locator(byTestId("cohort-file")).setInputFiles(path);
await page.locator(byTestId("cohort-import")).click();
await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 600_000 });
console.log(`after import: worker wasm memory ${(await wasmMb()).toFixed(1)} MiB`);
await page.waitForSelector(byTestId("cohort-hr-il6"), { timeout: 900_000 });
console.log(`after analysis: worker wasm memory ${(await wasmMb()).toFixed(1)} MiB`);
const [download] = await Promise.all([page.waitForEvent("download", { timeout: 600_000 }), page.locator(byTestId("cohort-download-patients")).click()]);
await download.path();
console.log(`after the per-patient CSV: worker wasm memory ${(await wasmMb()).toFixed(1)} MiB`);
const peak = renderers().filter((r) => !before.has(r.pid));
console.log(`renderer peak resident memory (page + worker): ${peak.map((r) => r.peakMb.toFixed(0)).join(", ")} MB`);
await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
