// The files hospitals really have (issue 15), end to end in headless
// Chromium against the release build (dist/): generated here, each read by
// the page and by R (e2e/fixtures/cohort-files-check.R: R's own decoder,
// separator, decimal comma and date parser) and the figures the page shows
// (row counts, the first row's follow-up in the preview, HR, log-rank p and
// medians through their data-value hooks) compared with R's.
//
// * a German Excel export: Windows-1252 ("Bilirubin (µmol/l)" with µ as the
//   byte B5), Excel's "sep=;" first line, German headers, dd.mm.yyyy dates,
//   ja/nein, decimal commas; one end date before its start, one missing,
//   one two-digit year: listed rows. The encoding is stated and changeable,
//   and the mapping survives a change of encoding where the headers match;
// * the same data as Excel's "Unicode text": UTF-16 LE with BOM, tabs;
// * dd/mm/yyyy dates with no day above 12: the format is asked, the preview
//   waits for it, the import is refused until it is chosen, and the choice
//   changes the months read;
// * an Excel workbook (crates/workbook/fixtures/cohort-centre.xlsx): read by
//   the workbook reader's worker, the table's sheet and header row found,
//   date cells as dates, rows numbered as in the sheet; R reads the same
//   workbook with readxl. A damaged workbook is refused with its reason.
// Without Rscript the R comparisons are skipped (a failure under CI=true).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serveDist, byTestId, openCohortPage, assertCohortClean } from "./browser.mjs";
import { generator } from "./simulate.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const R_SCRIPT = join(ROOT, "e2e/fixtures/cohort-files-check.R");
const ARTIFACTS = join(ROOT, "e2e/artifacts");
const CI = process.env.CI === "true";
const TMP = mkdtempSync(join(tmpdir(), "cohort-files-"));
const DAYS_PER_MONTH = 365.25 / 12;

let browser, server;
before(async () => {
  browser = await launch();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(TMP, { recursive: true, force: true });
});

// ---------------------------------------------------------------- files

const pad = (n) => String(n).padStart(2, "0");
const comma = (x, digits) => x.toFixed(digits).replace(".", ",");

/**
 * `n` patients: a treatment date and a last-contact date (whole days), an
 * event as ja/nein, IL6 and IL8 on both sides of the cutoffs (decimal
 * commas), albumin and bilirubin. `write(date)` writes a date; with
 * `smallDays` every day of the month is 1–12 (so dd/mm and mm/dd both read).
 */
function patients(n, seed, write, { smallDays = false } = {}) {
  const next = generator(seed);
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const il6 = 1 + next() * 15;
    const il8 = 10 + next() * 120;
    const start = new Date(Date.UTC(2018, Math.floor(next() * 24), 1 + Math.floor(next() * (smallDays ? 12 : 28))));
    const hazard = il6 > 6.53 ? 1.8 : 1;
    const days = Math.round((-Math.log(1 - next()) / hazard) * 365) + 5;
    let end = new Date(start.getTime() + days * 86_400_000);
    if (smallDays && end.getUTCDate() > 12) end = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 12));
    const event = next() < 0.7 ? "ja" : "nein";
    rows.push([i, write(start), write(end), event, comma(il6, 2), comma(il8, 1), 28 + Math.floor(next() * 18), comma(5 + next() * 35, 1)]);
  }
  return rows;
}

const dots = (d) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
const slashesDayFirst = (d) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const GERMAN_HEADER = ["Pat.-Nr.", "Therapiebeginn", "Letzter Kontakt", "verstorben", "IL-6 (pg/ml)", "IL-8 (pg/ml)", "Albumin (g/l)", "Bilirubin (µmol/l)"];

const germanRows = patients(120, 15, dots);
// Listed problems (R excludes the same rows): an end before its start, a
// missing end date, a two-digit year.
germanRows[9][2] = "01.01.2017";
germanRows[19][2] = "";
germanRows[29][1] = "01.03.19";
const germanText = `sep=;\r\n${[GERMAN_HEADER, ...germanRows].map((r) => r.join(";")).join("\r\n")}\r\n`;
// Windows-1252: every character here is below U+0100 and outside 0x80–0x9F,
// where Windows-1252 and Latin-1 (Node's "latin1") write the same byte.
const germanPath = join(TMP, "export-windows-1252.csv");
writeFileSync(germanPath, Buffer.from(germanText, "latin1"));
assert.equal(readFileSync(germanPath).includes(Buffer.from([0xb5])), true, "µ as the byte B5");

// The same patients as Excel's "Unicode text": UTF-16 LE with BOM, tabs.
const unicodeText = `${[GERMAN_HEADER, ...germanRows].map((r) => r.join("\t")).join("\r\n")}\r\n`;
const unicodePath = join(TMP, "export-utf16.txt");
writeFileSync(unicodePath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unicodeText, "utf16le")]));

const ambiguousRows = patients(100, 21, slashesDayFirst, { smallDays: true });
const ambiguousText = `${[["id", "start_date", "end_date", "Tod", "IL6", "IL8", "Albumin", "Bilirubin"], ...ambiguousRows].map((r) => r.join(";")).join("\n")}\n`;
const ambiguousPath = join(TMP, "dates-ambiguous.csv");
writeFileSync(ambiguousPath, ambiguousText);

// ---------------------------------------------------------------- R

function hasR(t) {
  try {
    execFileSync("Rscript", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    if (CI) assert.fail("Rscript is not installed: under CI=true the R comparison must run");
    t.skip("Rscript not installed: figures not compared with R");
    return false;
  }
}

function rFigures(path, encoding, sep, skip, format) {
  const out = join(TMP, `${Math.random().toString(36).slice(2)}.csv`);
  execFileSync("Rscript", [R_SCRIPT, path, encoding, sep, String(skip), format, out], { stdio: ["ignore", "ignore", "inherit"] });
  const lines = readFileSync(out, "utf8").trim().split("\n").slice(1);
  return new Map(lines.map((line) => [line.slice(0, line.indexOf(",")), line.slice(line.indexOf(",") + 1)]));
}

// ---------------------------------------------------------------- page

const text = async (page, id) => (await page.locator(byTestId(id)).textContent()).trim();
const value = async (page, id) => page.locator(byTestId(id)).getAttribute("data-value");
const previewCell = (page, line, col) => page.locator(`${byTestId("cohort-preview")} tr[data-line="${line}"] td[data-col="${col}"]`);

function assertClose(actual, expected, what) {
  const r = Number(expected);
  assert.ok(Number.isFinite(Number(actual)), `${what}: no value shown (${actual})`);
  assert.ok(Math.abs(Number(actual) - r) <= 1e-6 * Math.abs(r), `${what}: shown ${actual}, R ${r}`);
}

async function openFile(page, path) {
  await page.locator(byTestId("cohort-file")).setInputFiles(path);
  await page.waitForSelector(byTestId("cohort-import"));
}

/** Imports, excludes the listed rows if any, and waits for the figures. */
async function importAndAnalyse(page) {
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-rows-read"), { timeout: 60_000 });
  if (Number(await text(page, "cohort-rows-excluded")) > 0) await page.locator(byTestId("cohort-exclude-and-analyse")).click();
  await page.waitForSelector(byTestId("cohort-hr-il6"), { timeout: 60_000 });
}

async function compareWithR(page, r) {
  assert.equal(await text(page, "cohort-rows-read"), r.get("rows_read"));
  assert.equal(await text(page, "cohort-rows-excluded"), r.get("rows_excluded"));
  for (const marker of ["il6", "il8"]) {
    assertClose(await value(page, `cohort-hr-${marker}`), r.get(`${marker}/hr`), `HR ${marker}`);
    assertClose(await value(page, `cohort-logrank-p-${marker}`), r.get(`${marker}/logrank_p`), `log-rank p ${marker}`);
    for (const group of ["low", "high"]) {
      const id = `cohort-median-${marker}-${group}`;
      const median = r.get(`${marker}/median_${group}`);
      if (median === "NA") assert.equal(await text(page, id), "NR", id);
      else assertClose(await value(page, id), median, id);
    }
  }
}

// ---------------------------------------------------------------- tests

test("a German Windows-1252 export with sep=;, dates and ja/nein is read as R reads it", async (t) => {
  const { context, page, record } = await openCohortPage(browser, server.url);
  await openFile(page, germanPath);
  // The encoding is decided before any text is shown, and said.
  assert.equal(await value(page, "cohort-encoding"), "windows-1252");
  assert.match(await text(page, "cohort-encoding"), /Windows-1252/);
  assert.equal(await page.locator(byTestId("cohort-map-encoding")).inputValue(), "windows-1252");
  // Every column recognised from its German header, with its unit.
  const mapped = async (key) => page.locator(byTestId(`cohort-map-${key}`)).inputValue();
  assert.equal(await mapped("separator"), "semicolon");
  assert.equal(await mapped("id"), "Pat.-Nr.");
  assert.equal(await mapped("start_date"), "Therapiebeginn");
  assert.equal(await mapped("end_date"), "Letzter Kontakt");
  assert.equal(await mapped("time"), "");
  assert.equal(await mapped("event"), "verstorben");
  assert.equal(await mapped("event_coding"), "ja/nein");
  assert.equal(await mapped("il6"), "IL-6 (pg/ml)");
  assert.equal(await mapped("il8"), "IL-8 (pg/ml)");
  assert.equal(await mapped("albumin"), "Albumin (g/l)");
  assert.equal(await mapped("albumin_unit"), "g/L");
  assert.equal(await mapped("bilirubin"), "Bilirubin (µmol/l)");
  assert.equal(await mapped("bilirubin_unit"), "umol/L");
  assert.equal(await mapped("date_format"), "dmy_dots");
  assert.equal(await value(page, "cohort-date-detected"), "settled:dmy_dots");
  assert.equal(await page.locator(byTestId("cohort-two-digit-years")).count(), 1);
  // The preview: the first row as it will be read (line 3: after sep= and
  // the header), its follow-up in months from its two dates.
  const [start, end] = [germanRows[0][1], germanRows[0][2]].map((d) => {
    const [day, month, year] = d.split(".").map(Number);
    return Date.UTC(year, month - 1, day);
  });
  const months = (end - start) / 86_400_000 / DAYS_PER_MONTH;
  assertClose(await previewCell(page, 3, "time").getAttribute("data-value"), months, "preview months");
  assert.equal(await previewCell(page, 3, "il6").getAttribute("data-value"), String(Number(germanRows[0][4].replace(",", "."))));
  assert.equal(await previewCell(page, 3, "event").getAttribute("data-value"), germanRows[0][3] === "ja" ? "1" : "0");
  await page.locator(byTestId("cohort-preview")).screenshot({ path: join(ARTIFACTS, "cohort-files-preview.png") });
  await page.locator(".cohort-mapping").screenshot({ path: join(ARTIFACTS, "cohort-files-mapping.png") });

  // Read as UTF-8 instead: the µ is lost and that is said; the columns
  // whose headers still match keep their mapping.
  await page.locator(byTestId("cohort-map-encoding")).selectOption("utf-8");
  await page.waitForSelector(byTestId("cohort-encoding-undecodable"));
  assert.equal(await value(page, "cohort-encoding"), "utf-8");
  assert.equal(await mapped("il6"), "IL-6 (pg/ml)");
  assert.equal(await mapped("event_coding"), "ja/nein");
  assert.notEqual(await mapped("bilirubin"), "Bilirubin (µmol/l)");
  await page.locator(byTestId("cohort-map-encoding")).selectOption("windows-1252");
  await page.waitForSelector(byTestId("cohort-encoding-undecodable"), { state: "detached" });
  assert.equal(await mapped("bilirubin"), "Bilirubin (µmol/l)");

  await importAndAnalyse(page);
  // The three listed rows, worded, with their lines (file lines: the
  // sep= line is line 1, the header line 2).
  const listed = await page.locator(`${byTestId("cohort-excluded-rows")} li`).allTextContents();
  assert.deepEqual(listed.map((l) => l.match(/^line (\d+)/)?.[1]), ["12", "22", "32"], listed.join("\n"));
  assert.match(listed[0], /End date: the end date 2017-01-01 is before the start date/);
  assert.match(listed[1], /End date: the date is missing/);
  assert.match(listed[2], /Start date: "01\.03\.19" has a two-digit year/);
  await page.screenshot({ path: join(ARTIFACTS, "cohort-files-windows-1252.png"), fullPage: true });
  if (hasR(t)) {
    const r = rFigures(germanPath, "windows-1252", "semicolon", 1, "%d.%m.%Y");
    assertClose(months, r.get("first_months"), "R's months for the first row");
    await compareWithR(page, r);
  }
  await assertCohortClean(page, record);
  await context.close();
});

test("Excel's Unicode text (UTF-16 LE with BOM, tabs) is read as R reads it", async (t) => {
  const { context, page, record } = await openCohortPage(browser, server.url);
  await openFile(page, unicodePath);
  assert.equal(await value(page, "cohort-encoding"), "utf-16le");
  assert.equal(await page.locator(byTestId("cohort-map-separator")).inputValue(), "tab");
  assert.equal(await page.locator(byTestId("cohort-map-bilirubin")).inputValue(), "Bilirubin (µmol/l)");
  assert.equal(await page.locator(byTestId("cohort-encoding-undecodable")).count(), 0);
  // Line 2: the header is line 1 here.
  assert.ok(await previewCell(page, 2, "time").getAttribute("data-value"));
  await importAndAnalyse(page);
  if (hasR(t)) await compareWithR(page, rFigures(unicodePath, "UTF-16LE", "tab", 0, "%d.%m.%Y"));
  await assertCohortClean(page, record);
  await context.close();
});

test("dates that fit dd/mm and mm/dd are asked, never guessed, and the choice is what is read", async (t) => {
  const { context, page, record } = await openCohortPage(browser, server.url);
  await openFile(page, ambiguousPath);
  assert.equal(await value(page, "cohort-date-detected"), "ambiguous:dmy_slashes,mdy_slashes");
  assert.equal(await page.locator(byTestId("cohort-map-date_format")).inputValue(), "");
  // No preview and no import until the format is chosen.
  assert.match(await text(page, "cohort-preview-not-ready"), /Choose the format of the date columns/);
  await page.locator(byTestId("cohort-import")).click();
  assert.match(await text(page, "cohort-error"), /Choose the format of the date columns/);
  assert.equal(await page.locator(byTestId("cohort-rows-read")).count(), 0);
  await page.screenshot({ path: join(ARTIFACTS, "cohort-files-ambiguous.png"), fullPage: true });
  // Month first reads other months than day first (hand: the first row's
  // dates read both ways, by JavaScript's own calendar).
  const [d1, m1, y1] = ambiguousRows[0][1].split("/").map(Number);
  const [d2, m2, y2] = ambiguousRows[0][2].split("/").map(Number);
  const dayFirst = (Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000 / DAYS_PER_MONTH;
  const monthFirst = (Date.UTC(y2, d2 - 1, m2) - Date.UTC(y1, d1 - 1, m1)) / 86_400_000 / DAYS_PER_MONTH;
  await page.locator(byTestId("cohort-map-date_format")).selectOption("mdy_slashes");
  await page.waitForSelector(byTestId("cohort-preview"));
  if (monthFirst >= 0) assertClose(await previewCell(page, 2, "time").getAttribute("data-value"), monthFirst, "month first");
  await page.locator(byTestId("cohort-map-date_format")).selectOption("dmy_slashes");
  assertClose(await previewCell(page, 2, "time").getAttribute("data-value"), dayFirst, "day first");
  assert.equal(await page.locator(byTestId("cohort-map-event")).inputValue(), "Tod");
  // "Tod" holds ja/nein: the coding is detected from the values.
  assert.equal(await page.locator(byTestId("cohort-map-event_coding")).inputValue(), "ja/nein");
  await importAndAnalyse(page);
  if (hasR(t)) await compareWithR(page, rFigures(ambiguousPath, "UTF-8", "semicolon", 0, "%d/%m/%Y"));
  await assertCohortClean(page, record);
  await context.close();
});

test("in German the encoding, the preview's numbers and the listed date problems are German", async () => {
  const { context, page, record } = await openCohortPage(browser, `${server.url}#view=cohort&lang=de`);
  await page.waitForFunction(() => document.documentElement.lang === "de");
  await openFile(page, germanPath);
  assert.match(await text(page, "cohort-encoding"), /^Gelesen als Windows-1252/);
  // The first row's IL6 (hand: the file writes it with a decimal comma,
  // and German shows it so; data-value keeps the machine form).
  const il6 = previewCell(page, 3, "il6");
  assert.equal((await il6.textContent()).trim(), germanRows[0][4].replace(/0+$/, "").replace(/,$/, ""));
  assert.equal(await il6.getAttribute("data-value"), germanRows[0][4].replace(",", ".").replace(/0+$/, "").replace(/\.$/, ""));
  assert.match(await text(page, "cohort-date-detected"), /TT\.MM\.JJJJ/);
  await page.locator(byTestId("cohort-import")).click();
  await page.waitForSelector(byTestId("cohort-excluded-rows"), { timeout: 60_000 });
  const listed = await page.locator(`${byTestId("cohort-excluded-rows")} li`).allTextContents();
  assert.match(listed[0], /^Zeile 12: Enddatum: Das Enddatum 2017-01-01 liegt vor dem Startdatum/);
  assert.match(listed[2], /^Zeile 32: Startdatum: „01\.03\.19“ hat eine zweistellige Jahreszahl/);
  await assertCohortClean(page, record);
  await context.close();
});

const WORKBOOK = join(ROOT, "crates/workbook/fixtures/cohort-centre.xlsx");

test("an Excel workbook (a notes sheet first, the header on row 3, date cells) is read as R's readxl reads it", async (t) => {
  const { context, page, record } = await openCohortPage(browser, server.url);
  // crates/workbook/fixtures/cohort-centre.xlsx (generate.R, R's openxlsx):
  // sheet 1 "Hinweise" a note, sheet 2 "Kohorte" a title on row 1, the
  // header on row 3, 120 patients with date cells and ja/nein. The reader
  // is a worker of its own, started now (its wasm was not loaded before).
  await page.locator(byTestId("cohort-file")).setInputFiles(WORKBOOK);
  await page.waitForSelector(byTestId("cohort-import"), { timeout: 60_000 });
  assert.equal(await value(page, "cohort-workbook"), "Kohorte");
  assert.match(await text(page, "cohort-workbook"), /^Workbook: cohort-centre\.xlsx\./);
  const mapped = async (key) => page.locator(byTestId(`cohort-map-${key}`)).inputValue();
  // The first sheet with a table, and its header row found below the title
  // (option values count from 0: row 3 is "2").
  assert.equal(await mapped("sheet"), "1");
  assert.equal(await mapped("header_row"), "2");
  // A workbook has no separator or encoding to choose.
  assert.equal(await page.locator(byTestId("cohort-map-separator")).count(), 0);
  assert.equal(await page.locator(byTestId("cohort-map-encoding")).count(), 0);
  assert.equal(await mapped("id"), "Pat.-Nr.");
  assert.equal(await mapped("start_date"), "Therapiebeginn");
  assert.equal(await mapped("end_date"), "Letzter Kontakt");
  assert.equal(await mapped("event"), "verstorben");
  assert.equal(await mapped("event_coding"), "ja/nein");
  assert.equal(await mapped("il6"), "IL-6 (pg/ml)");
  assert.equal(await mapped("il8"), "IL-8 (pg/ml)");
  assert.equal(await mapped("albumin_unit"), "g/L");
  assert.equal(await mapped("bilirubin"), "Bilirubin (µmol/l)");
  assert.equal(await mapped("bilirubin_unit"), "umol/L");
  // Date cells arrive as ISO dates: the format is settled, not asked.
  assert.equal(await value(page, "cohort-date-detected"), "settled:iso");
  // The first patient is row 4 of the sheet, and the preview says so.
  const first = await previewCell(page, 4, "time").getAttribute("data-value");
  assert.equal(await previewCell(page, 4, "id").textContent(), "Z7-001");
  await page.locator(".cohort-mapping").screenshot({ path: join(ARTIFACTS, "cohort-workbook-mapping.png") });

  // Another sheet is read afresh; back on the table, its header again.
  await page.locator(byTestId("cohort-map-sheet")).selectOption("0");
  await page.waitForFunction(() => document.querySelector('[data-testid="cohort-workbook"]')?.dataset.value === "Hinweise");
  // Its one cell, a note, is no IL6 column.
  assert.equal(await mapped("il6"), "");
  await page.locator(byTestId("cohort-map-sheet")).selectOption("1");
  await page.waitForFunction(() => document.querySelector('[data-testid="cohort-workbook"]')?.dataset.value === "Kohorte");
  assert.equal(await mapped("header_row"), "2");
  assert.equal(await mapped("il6"), "IL-6 (pg/ml)");

  await importAndAnalyse(page);
  await page.screenshot({ path: join(ARTIFACTS, "cohort-workbook.png"), fullPage: true });
  if (hasR(t)) {
    // R reads the workbook itself (readxl), not a CSV the page wrote.
    const r = rFigures(WORKBOOK, "xlsx", "Kohorte", 2, "-");
    assertClose(first, r.get("first_months"), "R's months for the first row");
    await compareWithR(page, r);
  }
  await assertCohortClean(page, record);
  await context.close();
});

test("a damaged workbook is refused with its reason, and nothing else is read", async () => {
  const { context, page, record } = await openCohortPage(browser, server.url);
  // A ZIP signature (what marks a workbook) followed by no ZIP at all.
  const damaged = join(TMP, "damaged.xlsx");
  writeFileSync(damaged, Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(200, 7)]));
  await page.locator(byTestId("cohort-file")).setInputFiles(damaged);
  await page.waitForSelector(byTestId("cohort-error"), { timeout: 60_000 });
  assert.match(await text(page, "cohort-error"), /damaged\.xlsx could not be read as an Excel or OpenDocument workbook/);
  assert.equal(await page.locator(byTestId("cohort-import")).count(), 0);
  await assertCohortClean(page, record);
  await context.close();
});

test("ids that a spreadsheet would run as formulas are written as text in the patients' CSV, and R reads the rest unchanged", async (t) => {
  // OWASP's CSV-injection payloads as patient ids, and a negative number
  // as an id (a plain number stays a number). 60 clean patients otherwise.
  const ids = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "-cmd|' /C calc'!A0", "-1.5"];
  const next = generator(33);
  const rows = [];
  for (let i = 0; i < 60; i++) {
    const il6 = 1 + next() * 15;
    rows.push([ids[i] ?? `P${i}`, (1 + next() * 30).toFixed(2), next() < 0.7 ? 1 : 0, il6.toFixed(2), (10 + next() * 120).toFixed(1), 30 + (i % 12), (5 + next() * 30).toFixed(1)]);
  }
  const quote = (field) => (/[",\t]/.test(String(field)) ? `"${String(field).replace(/"/g, '""')}"` : String(field));
  const path = join(TMP, "formula-ids.csv");
  writeFileSync(path, `id,time_months,event,il6,il8,albumin_g_l,bilirubin_umol_l\n${rows.map((r) => r.map(quote).join(",")).join("\n")}\n`);
  const { context, page, record } = await openCohortPage(browser, server.url);
  await openFile(page, path);
  await importAndAnalyse(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(byTestId("cohort-download-patients")).click()]);
  const saved = join(TMP, "patients.csv");
  await download.saveAs(saved);
  const lines = readFileSync(saved, "utf8").trim().split(/\r?\n/);
  // The id field as written (the second: after `line`), quotes included.
  const idOf = (line) => line.slice(line.indexOf(",") + 1).match(/^("(?:[^"]|"")*"|[^,]*)/)[1];
  // Each risky id begins with ' inside quotes (spreadsheets show it as
  // text); the number -1.5 is written as it is.
  assert.equal(idOf(lines[1]), `"'=HYPERLINK(""http://example.invalid"",""x"")"`);
  assert.equal(idOf(lines[2]), `"'+1+1"`);
  assert.equal(idOf(lines[3]), `"'-2+3"`);
  assert.equal(idOf(lines[4]), `"'@SUM(A1:A2)"`);
  // (A leading tab or carriage return would be trimmed by the importer
  // before it is an id; the native test of cohort::export covers them.)
  assert.equal(idOf(lines[5]), `"'-cmd|' /C calc'!A0"`);
  assert.equal(idOf(lines[6]), "-1.5");
  for (const line of lines.slice(1)) {
    const id = idOf(line);
    assert.ok(!/^[=+@\t\r]/.test(id) && !/^-(?!\d+(\.\d+)?$)/.test(id), `a cell a spreadsheet would run: ${id}`);
  }
  if (hasR(t)) {
    // R reads the file as any CSV reader would: the ids as the text written
    // (with the '), the times, IL6 values and events as the numbers typed.
    const out = join(TMP, "r-patients.txt");
    execFileSync("Rscript", ["-e", `d <- read.csv("${saved}", colClasses = c(id = "character")); writeLines(c(d$id[1:6], sprintf("%.2f", d$time_months), sprintf("%.2f", d$il6_pg_ml), d$event), "${out}")`]);
    const r = readFileSync(out, "utf8").split("\n");
    assert.deepEqual(r.slice(0, 6), ids.map((id, i) => (i < 5 ? `'${id}` : id)));
    assert.deepEqual(r.slice(6, 66), rows.map((row) => row[1]));
    assert.deepEqual(r.slice(66, 126), rows.map((row) => row[3]));
    assert.deepEqual(r.slice(126, 186), rows.map((row) => String(row[2])));
  }
  await assertCohortClean(page, record);
  await context.close();
});

test("a file chosen while a workbook is still being read wins: the late workbook replaces nothing", async () => {
  // Service workers blocked, so that the reader's loader request reaches
  // the route below, which holds it until the CSV has been chosen and shown.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let requested;
  const asked = new Promise((resolve) => (requested = resolve));
  await context.route("**/workbook-reader_loader.js", async (route) => {
    requested();
    await gate;
    await route.continue();
  });
  const readerDone = new Promise((resolve) => page.on("worker", (w) => w.url().includes("workbook-reader") && w.on("close", resolve)));
  const within = async (promise, what) => {
    let timer;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within 60 s`)), 60_000)));
    try {
      return await Promise.race([promise, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  await page.goto(server.url);
  await page.waitForSelector(`${byTestId("nav-cohort")}:not([disabled])`);
  await page.waitForFunction(() => !document.querySelector("[data-prerendered]"));
  await page.locator(byTestId("nav-cohort")).click();
  await page.waitForSelector(byTestId("cohort-file"));
  await page.locator(byTestId("cohort-file")).setInputFiles(WORKBOOK);
  await within(asked, "request for the workbook reader");
  await openFile(page, unicodePath);
  assert.equal(await value(page, "cohort-encoding"), "utf-16le");
  release();
  // The reader answers and is stopped; the screen stays the CSV's.
  await within(readerDone, "end of the workbook reader");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await page.locator(byTestId("cohort-workbook")).count(), 0);
  assert.equal(await value(page, "cohort-encoding"), "utf-16le");
  assert.equal(await page.locator(byTestId("cohort-map-bilirubin")).inputValue(), "Bilirubin (µmol/l)");
  assert.deepEqual(errors, []);
  await context.close();
});
