// End-to-end (issue 13): the Child–Pugh score from its parts and the
// bilirubin follow-up after radioembolization, both driven through the link
// (README, "Link format": inr, ascites, encephalopathy, uln, fu), in English
// and German with the same `data-value`s; a bad follow-up value reported
// beside itself with nothing else lost; the event marked on the
// time-to-liver-dysfunction chart; the course beside the study keeping its
// caveat in presentation mode; the parts and the grades on paper.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serveDist, openPage, byTestId, assertClean } from "./browser.mjs";

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

async function open(fragment, lang = "en") {
  const { page, record } = await openPage(browser, `${server.url}#${fragment}&lang=${lang}`);
  await page.waitForFunction((c) => document.documentElement.lang === c, lang);
  return { page, record };
}

/** `data-value` of each hook, `null` when absent. */
async function dataValues(page, ids) {
  return page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-value") ?? null])), ids);
}

// Bilirubin 40 µmol/L (2 points: 34.2–51.3), albumin 30 g/L (2: 28–35),
// INR 1,2 with a decimal comma (1: < 1.7), mild ascites (2), no
// encephalopathy (1): 8 points, B8, outside SORAMIC (eligibility A to B7).
const CHILD_PUGH = "il6=12&albumin=30&bilirubin=40&inr=1,2&ascites=mild&encephalopathy=none";
const CHILD_PUGH_HOOKS = [
  "child-pugh-score", "child-pugh-class", "applicability",
  "child-pugh-points-bilirubin", "child-pugh-points-albumin", "child-pugh-points-inr",
  "child-pugh-points-ascites", "child-pugh-points-encephalopathy",
];

test("the Child–Pugh score from its parts fills the class and applicability, the same in English and German", async () => {
  const results = {};
  for (const lang of ["en", "de"]) {
    const { page, record } = await open(CHILD_PUGH, lang);
    results[lang] = await dataValues(page, CHILD_PUGH_HOOKS);
    // No class was chosen by hand: the choice stays "unknown", the note says the score fills it.
    assert.ok(await page.locator(byTestId("child_pugh-unknown")).isChecked());
    assert.equal(await page.locator(byTestId("child-pugh-from-parts")).count(), 1);
    assert.notEqual(await page.locator(byTestId("child-pugh-parts")).getAttribute("open"), null, "the panel opens when a part is given");
    assertClean(record, server.url);
    await page.close();
  }
  assert.deepEqual(results.en, {
    "child-pugh-score": "8", "child-pugh-class": "B8", applicability: "outside",
    "child-pugh-points-bilirubin": "2", "child-pugh-points-albumin": "2", "child-pugh-points-inr": "1",
    "child-pugh-points-ascites": "2", "child-pugh-points-encephalopathy": "1",
  });
  assert.deepEqual(results.de, results.en);
});

test("the Child–Pugh boundaries in mg/dL and g/dL take the middle row", async () => {
  // 2.0 mg/dL × 17.1 = 34.2 µmol/L (2 points, boundary included); 2.8 g/dL =
  // 28 g/L (2, boundary included); INR 2.3 (2, boundary included); no
  // ascites (1), encephalopathy grade 3–4 (3): 10 points, C10.
  const { page, record } = await open("albumin=2.8&albumin_unit=g/dL&bilirubin=2.0&bilirubin_unit=mg/dL&inr=2.3&ascites=none&encephalopathy=grade3-4");
  assert.deepEqual(await dataValues(page, ["child-pugh-score", "child-pugh-class", "applicability"]), {
    "child-pugh-score": "10", "child-pugh-class": "C10", applicability: "outside",
  });
  assertClean(record, server.url);
  await page.close();
});

test("a class chosen by hand is kept, and a disagreement is said beside both", async () => {
  const { page, record } = await open(`${CHILD_PUGH}&child_pugh=A`);
  assert.ok(await page.locator(byTestId("child_pugh-A")).isChecked());
  assert.equal(await page.locator(byTestId("child-pugh-disagreement")).count(), 1);
  assert.equal(await page.locator(byTestId("child-pugh-disagreement-score")).count(), 1);
  assertClean(record, server.url);
  await page.close();
});

test("with a part unknown there is no score and no class hook", async () => {
  const { page, record } = await open("il6=12&albumin=30&bilirubin=40&inr=1.2&ascites=mild");
  assert.deepEqual(await dataValues(page, ["child-pugh-score", "child-pugh-class", "child-pugh-points-encephalopathy"]), {
    "child-pugh-score": null, "child-pugh-class": null, "child-pugh-points-encephalopathy": "unknown",
  });
  assertClean(record, server.url);
  await page.close();
});

// ULN 21 µmol/L, baseline 10 (normal): graded against the ULN. 1.5 × 21 =
// 31.5, 3 × 21 = 63, 10 × 21 = 210. 25 at 1 month: grade 1; "4x" at 2: not
// a number; 40 at 3: grade 2, the first grade ≥ 2 (the paper's liver
// dysfunction); 70 at 6: grade 3.
const FOLLOW_UP = "il6=12&bilirubin=10&uln=21&fu=25@1;4x@2;40@3;70@6";
const FOLLOW_UP_HOOKS = ["ctcae-grade-1", "ctcae-grade-2", "ctcae-grade-3", "ctcae-grade-4", "liver-dysfunction-event"];

test("follow-up values are graded by CTCAE v5 and the first grade ≥ 2 is the event, the same in English and German", async () => {
  const results = {};
  const course = {};
  for (const lang of ["en", "de"]) {
    const { page, record } = await open(FOLLOW_UP, lang);
    results[lang] = await dataValues(page, FOLLOW_UP_HOOKS);
    // The bad value is reported beside itself, and kept as typed.
    assert.equal(await page.locator(byTestId("followup-error-2")).count(), 1);
    for (const n of [1, 3, 4]) assert.equal(await page.locator(byTestId(`followup-error-${n}`)).count(), 0);
    assert.equal(await page.locator(byTestId("input-fu-value-2")).inputValue(), "4x");
    assert.equal(await page.locator(byTestId("input-fu-months-4")).inputValue(), "6");
    // The REILD criteria are asked, never answered.
    assert.equal(await page.locator(`${byTestId("reild-checklist")} li`).count(), 4);
    // The course beside the study: a whole percentage, with the caveat beside it.
    const share = await page.locator(byTestId("followup-course")).getAttribute("data-value");
    assert.match(share, /^\d{1,3}$/);
    course[lang] = share;
    assertClean(record, server.url);
    await page.close();
  }
  assert.deepEqual(results.en, {
    "ctcae-grade-1": "1", "ctcae-grade-2": null, "ctcae-grade-3": "2", "ctcae-grade-4": "3", "liver-dysfunction-event": "3",
  });
  assert.deepEqual(results.de, results.en);
  assert.equal(course.de, course.en);
});

test("an abnormal baseline is the reference, and without an event the hook says none", async () => {
  // Baseline 30 > ULN 21: graded against 30 (1.5 × 30 = 45). 44 at 1 month
  // and 45 at 2 months (upper end included): grade 1, no event.
  const { page, record } = await open("il6=3&bilirubin=30&uln=21&fu=44@1;45@2");
  assert.deepEqual(await dataValues(page, ["ctcae-grade-1", "ctcae-grade-2", "liver-dysfunction-event"]), {
    "ctcae-grade-1": "1", "ctcae-grade-2": "1", "liver-dysfunction-event": "none",
  });
  assertClean(record, server.url);
  await page.close();
});

test("a ULN typed in mg/dL into the µmol/L panel is asked about, nothing graded until confirmed, and a value in mg/dL is warned about", async () => {
  // ULN 1,2 read as µmol/L: 1.2 mg/dL (× 17.1 = 20.5 µmol/L) is the usual
  // ULN. Against 1.2 µmol/L the normal baseline of 10 would count as
  // abnormal and 40 µmol/L as grade 3 (4 × baseline): held back.
  // "2,5" at 4 months: below 3 µmol/L, the bilirubin field's own warning.
  const { page, record } = await open("il6=12&bilirubin=10&uln=1,2&fu=40@3;2,5@4", "de");
  await page.waitForSelector(byTestId("warning-uln"));
  assert.match(await page.locator(byTestId("warning-uln")).textContent(), /1,2 µmol\/L ist keine übliche obere Normgrenze.*in mg\/dL wäre es eine/);
  assert.deepEqual(await dataValues(page, ["ctcae-grade-1", "ctcae-grade-2", "liver-dysfunction-event"]), {
    "ctcae-grade-1": null, "ctcae-grade-2": null, "liver-dysfunction-event": null,
  });
  assert.equal(await page.locator(byTestId("warning-fu-value-2")).count(), 1);
  assert.equal(await page.locator(byTestId("warning-fu-value-1")).count(), 0);
  // Confirmed as typed: graded against it, and the answer is in the link.
  await page.locator(byTestId("confirm-unit-uln")).click();
  await page.waitForSelector(byTestId("ctcae-grade-1"));
  assert.equal(await page.locator(byTestId("warning-uln")).count(), 0);
  assert.equal(await page.locator(byTestId("ctcae-grade-1")).getAttribute("data-value"), "3");
  assert.match(await page.evaluate(() => location.hash), /unit_confirmed=uln/);
  // A new ULN asks again; 21 (µmol/L) is usual and asks nothing.
  await page.locator(byTestId("input-uln")).fill("2");
  await page.waitForSelector(byTestId("warning-uln"));
  assert.doesNotMatch(await page.evaluate(() => location.hash), /unit_confirmed=uln/);
  await page.locator(byTestId("input-uln")).fill("21");
  await page.waitForSelector(byTestId("warning-uln"), { state: "detached" });
  assert.equal(await page.locator(byTestId("ctcae-grade-1")).getAttribute("data-value"), "2");
  assertClean(record, server.url);
  await page.close();
});

test("without the ULN nothing is graded; adding a value by hand writes it into the link", async () => {
  const { page, record } = await open("il6=12&bilirubin=10&fu=40@3");
  assert.deepEqual(await dataValues(page, ["ctcae-grade-1", "liver-dysfunction-event"]), {
    "ctcae-grade-1": null, "liver-dysfunction-event": null,
  });
  await page.locator(byTestId("input-uln")).fill("21");
  await page.locator(byTestId("followup-add")).click();
  await page.locator(byTestId("input-fu-value-2")).fill("70");
  await page.locator(byTestId("input-fu-months-2")).fill("1,5");
  // 70 > 63: grade 3 at 1.5 months, before the grade 2 at 3 months.
  await page.waitForSelector(`${byTestId("ctcae-grade-2")}[data-value="3"]`);
  assert.equal(await page.locator(byTestId("liver-dysfunction-event")).getAttribute("data-value"), "1.5");
  await page.waitForFunction(() => location.hash.includes("uln=21") && location.hash.includes("fu=40@3;70@1,5"));
  assertClean(record, server.url);
  await page.close();
});

test("presentation mode keeps the course with its caveat, and the print has the parts and the grades", async () => {
  const { page, record } = await open(`${CHILD_PUGH}&uln=21&fu=70@6`);
  await page.locator(byTestId("toggle-presentation")).click();
  const section = page.locator(byTestId("followup-course-section"));
  assert.ok(await section.isVisible(), "the course is shown in presentation mode");
  // The time-to-liver-dysfunction caveat is in the same paragraph.
  assert.match(await section.textContent(), /censored at their last laboratory follow-up/);
  await page.locator(byTestId("toggle-presentation")).click();
  await page.emulateMedia({ media: "print" });
  const printed = page.locator(byTestId("print-follow-up"));
  assert.ok(await printed.isVisible(), "the parts and grades are printed");
  const text = await printed.textContent();
  assert.match(text, /Child–Pugh B8 \(8 points\)/);
  // Baseline 40 > ULN 21: graded against 40; 70 > 1.5 × 40 = 60 and ≤ 3 × 40 = 120: grade 2.
  assert.match(text, /6 months 70 µmol\/L grade 2/);
  await page.emulateMedia({ media: "screen" });
  assertClean(record, server.url);
  await page.close();
});

test("the patient's event is marked on the time-to-liver-dysfunction chart by IL6, and only there", async () => {
  const { page, record } = await open(FOLLOW_UP);
  assert.equal(await page.locator(byTestId("km-followup-marker")).count(), 0, "not on overall survival");
  await page.locator(byTestId("km-endpoint-ttld")).check();
  await page.waitForSelector(byTestId("km-followup-marker"));
  assert.match(await page.locator(`${byTestId("km-followup-marker")} text`).textContent(), /this patient's event/);
  await page.locator(byTestId("km-marker-il8")).check();
  await page.waitForSelector(byTestId("km-followup-marker"), { state: "detached" });
  assertClean(record, server.url);
  await page.close();
});
