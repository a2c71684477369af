// End-to-end: the Kaplan–Meier reference chart in the release build, driven
// through its data-testid hooks. Expected values come from the paper as
// transcribed in reference/published.toml (read here, not retyped)
// and from Table 1 for the group sizes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { launch, serveDist, openPage, byTestId, textOf, assertClean } from "./browser.mjs";
import { publishedKm, ENDPOINT_KEYS } from "./published.mjs";

const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

// Table 1 header: IL6 35 low / 48 high, IL8 45 low / 38 high (overall survival);
// Results: PFS missing in one patient (n = 82), bilirubin follow-up in 78.
const GROUP_SIZES = { os: { il6: [35, 48], il8: [45, 38] } };
const TOTALS = { os: 83, pfs: 82, ttld: 78 };
const FIGURES = {
  os: { il6: "Fig. 2a", il8: "Fig. 2b" },
  pfs: { il6: "Fig. S2a", il8: "Fig. S2b" },
  ttld: { il6: "Fig. 3a", il8: "Fig. 3b" },
};
const RECONSTRUCTION = "Reconstructed from the published summary statistics; not the trial's patient-level data";

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

async function choose(page, endpoint, marker) {
  await page.locator(byTestId(`km-endpoint-${endpoint}`)).check();
  await page.locator(byTestId(`km-marker-${marker}`)).check();
  const figure = FIGURES[endpoint][marker];
  await page.waitForFunction(
    (f) => document.querySelector('[data-testid="km-figure"]')?.textContent.includes(f),
    figure,
  );
}

/** n and median (months, or null when not reached) from a legend entry. */
function parseLegend(text) {
  const n = text.match(/n = (\d+)/);
  const median = text.match(/median (\d+(?:\.\d+)?) months|median (not reached)/);
  assert.ok(n && median, `legend reads "${text}"`);
  return { n: Number(n[1]), median: median[1] === undefined ? null : Number(median[1]) };
}

test("every endpoint and marker shows the published group sizes and medians", async () => {
  const published = publishedKm();
  const { page, record } = await openPage(browser, server.url, { width: 1400, height: 1000 });
  assert.equal(await textOf(page, "km-reconstruction-label"), RECONSTRUCTION);
  for (const endpoint of ["os", "pfs", "ttld"]) {
    for (const marker of ["il6", "il8"]) {
      await choose(page, endpoint, marker);
      const row = published.find((r) => r.endpoint === ENDPOINT_KEYS[endpoint] && r.marker === marker);
      assert.ok(row, `published.toml has ${endpoint}/${marker}`);
      const low = parseLegend(await textOf(page, "km-legend-low"));
      const high = parseLegend(await textOf(page, "km-legend-high"));
      const where = `${endpoint}/${marker}`;
      if (GROUP_SIZES[endpoint]) {
        assert.deepEqual([low.n, high.n], GROUP_SIZES[endpoint][marker], `${where} group sizes`);
      }
      assert.equal(low.n + high.n, TOTALS[endpoint], `${where} total`);
      // The reconstruction reproduces every published median to 0.1 month.
      for (const [group, legend] of [["low", low], ["high", high]]) {
        assert.ok(legend.median !== null, `${where} ${group}: median reached in the paper`);
        assert.ok(
          Math.abs(legend.median - row[group]) <= 0.1 + 1e-9,
          `${where} ${group}: median ${legend.median} vs published ${row[group]}`,
        );
      }
      // The chart itself carries the label, the legend and the published statistics.
      const svg = await page.locator(`${byTestId("km-chart")} svg`).evaluate((el) => el.textContent);
      assert.ok(svg.includes(RECONSTRUCTION), `${where}: label inside the picture`);
      assert.ok(svg.includes(`n = ${low.n}`) && svg.includes(`n = ${high.n}`), `${where}: n in the SVG legend`);
      const statistics = await textOf(page, "km-statistics");
      assert.ok(statistics.includes(`p ${row.p.startsWith("<") ? row.p : `= ${row.p}`}`), `${where}: ${statistics}`);
      if (endpoint === "pfs") assert.match(statistics, /no hazard ratio published for PFS/);
      else assert.match(statistics, new RegExp(`HR high vs low ${row.hr.toString().replace(".", "\\.")}`));
      assert.match(await textOf(page, "km-survival-table"), /6 months.*12 months.*24 months/s);
      assert.match(await textOf(page, "km-risk-table"), /At risk.*Events.*Censored/s);
      await page.locator(byTestId("km-section")).screenshot({ path: `${ARTIFACTS}km-${endpoint}-${marker}.png` });
    }
  }
  assertClean(record, server.url);
  await page.close();
});

test("the patient's group is marked once a link sets IL6 and IL8", async () => {
  // 12.4 > 6.53: IL6 high; 30 ≤ 60.8: IL8 low (Tables 2 and 3 cutoffs).
  const { page, record } = await openPage(browser, server.url + "#il6=12.4&il8=30");
  await choose(page, "os", "il6");
  assert.equal(await page.locator(byTestId("km-legend-high")).getAttribute("data-patient"), "true");
  assert.equal(await page.locator(byTestId("km-legend-low")).getAttribute("data-patient"), "false");
  assert.match(await textOf(page, "km-legend-high"), /This patient's group/);
  assert.match(await textOf(page, "km-patient-group"), /IL6 high/);
  const svg = await page.locator(`${byTestId("km-chart")} svg`).evaluate((el) => el.textContent);
  assert.match(svg, /This patient's group — IL6 high/);
  // The text alternative keeps both groups (issue 16: the comparison stays).
  assert.equal(await page.locator(byTestId("km-survival-high")).count(), 1);
  assert.equal(await page.locator(byTestId("km-survival-low")).count(), 1);
  await page.locator(byTestId("km-section")).screenshot({ path: `${ARTIFACTS}km-patient-os-il6-high.png` });

  await choose(page, "ttld", "il8");
  assert.equal(await page.locator(byTestId("km-legend-low")).getAttribute("data-patient"), "true");
  assert.equal(await page.locator(byTestId("km-legend-high")).getAttribute("data-patient"), "false");
  await page.locator(byTestId("km-section")).screenshot({ path: `${ARTIFACTS}km-patient-ttld-il8-low.png` });

  // Clearing IL6 returns both IL6 groups to plain.
  await choose(page, "os", "il6");
  await page.locator(byTestId("input-il6")).fill("");
  await page.locator(byTestId("input-il6")).blur();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="km-legend-high"]')?.getAttribute("data-patient") === "false");
  assert.equal(await page.locator(byTestId("km-survival-low")).count(), 1);
  assert.equal(await page.locator(byTestId("km-survival-high")).count(), 1);
  assert.match(await textOf(page, "km-patient-group"), /Enter IL6/);
  assertClean(record, server.url);
  await page.close();
});

test("the reconstructed data downloads from the page itself", async () => {
  const { page, record } = await openPage(browser, server.url);
  const href = await page.locator(byTestId("km-download-csv")).getAttribute("href");
  assert.ok(href.startsWith("data:text/csv"), href.slice(0, 40));
  const csv = decodeURIComponent(href.slice(href.indexOf(",") + 1));
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], "endpoint,marker,group,time_months,event");
  // One row per patient, per endpoint and marker: 2 × (83 + 82 + 78).
  assert.equal(lines.length - 1, 2 * (83 + 82 + 78));
  assert.equal(await page.locator(byTestId("km-download-csv")).getAttribute("download"), "reconstructed_cohort.csv");
  assertClean(record, server.url);
  await page.close();
});

test("the chart is readable on a phone", async () => {
  const { page, record } = await openPage(browser, server.url + "#il6=3", { width: 390, height: 844 });
  const box = await page.locator(byTestId("km-chart")).boundingBox();
  assert.ok(box.width <= 390 && box.width > 300, `chart fits the phone's width (${box.width})`);
  // Nothing in the chart's section reaches past the screen's edge (wide
  // tables scroll inside their own box).
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll(".km, .km *")]
      .filter((el) => !el.closest(".km-scroll table") && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => el.tagName + "." + el.className));
  assert.deepEqual(overflowing, [], "no part of the chart section overflows the screen");
  await page.locator(byTestId("km-section")).screenshot({ path: `${ARTIFACTS}km-phone.png` });
  assertClean(record, server.url);
  await page.close();
});

test("the chart exports as SVG and PNG with its legend, n and the reconstruction label inside", async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.url + "#il6=12.4");
  await page.locator(byTestId("km-marker-il8")).check();
  await page.locator(byTestId("km-marker-il6")).check();

  const [svgDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(byTestId("km-export-svg")).click(),
  ]);
  assert.equal(svgDownload.suggestedFilename(), "km-os-il6.svg");
  const svgPath = `${ARTIFACTS}export-km-os-il6.svg`;
  await svgDownload.saveAs(svgPath);
  const svg = readFileSync(svgPath, "utf8");
  assert.match(svg, /^<svg width="960" height="\d+"/);
  // Table 1: IL6 35 low, 48 high; the patient (IL6 12.4) is in the high group.
  assert.match(svg, /n = 35, median 19\.0 months/);
  assert.match(svg, /This patient&apos;s group — IL6 high \(&gt; 6\.53 pg\/mL\): n = 48, median 7\.8 months/);
  assert.ok(svg.includes("Reconstructed from the published summary statistics"), "label inside the image");

  const [pngDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(byTestId("km-export-png")).click(),
  ]);
  assert.equal(pngDownload.suggestedFilename(), "km-os-il6.png");
  const pngPath = `${ARTIFACTS}export-km-os-il6.png`;
  await pngDownload.saveAs(pngPath);
  const png = readFileSync(pngPath);
  assert.equal(png.subarray(1, 4).toString("ascii"), "PNG");
  // IHDR: width and height, big-endian, at bytes 16..24; twice the SVG's size.
  assert.equal(png.readUInt32BE(16), 1920);
  assert.ok(png.length > 20_000, `a drawn image, not a blank one (${png.length} bytes)`);
  assert.match(await textOf(page, "km-export-status"), /Saved km-os-il6\.png/);
  assert.deepEqual(errors, []);
  await context.close();
});
