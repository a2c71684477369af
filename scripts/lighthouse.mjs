// Lighthouse (mobile preset, Debian's Chromium) against the release build on a
// local static server; prints the category scores and the key timings.
//   node scripts/lighthouse.mjs [dist]
// Budgets (issue 5): Performance ≥ 98 with LCP ≤ 1.2 s, Accessibility 100,
// Best Practices 100, SEO ≥ 90. Exits non-zero when a budget is missed.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startServer } from "../e2e/static-server.mjs";

const dist = process.argv[2] ?? "dist";
const server = await startServer(dist);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const result = await lighthouse(server.url, { port: chrome.port, output: "json", logLevel: "error" });
  const { categories, audits } = result.lhr;
  const score = (id) => Math.round(categories[id].score * 100);
  const scores = {
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    seo: score("seo"),
  };
  const ms = (id) => audits[id].numericValue;
  console.log(`| Performance | Accessibility | Best Practices | SEO | FCP | LCP | TBT | CLS |`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  console.log(`| ${scores.performance} | ${scores.accessibility} | ${scores["best-practices"]} | ${scores.seo} | ` +
    `${(ms("first-contentful-paint") / 1000).toFixed(2)} s | ${(ms("largest-contentful-paint") / 1000).toFixed(2)} s | ` +
    `${ms("total-blocking-time").toFixed(0)} ms | ${audits["cumulative-layout-shift"].numericValue.toFixed(3)} |`);
  const lcpElement = audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet;
  if (lcpElement) console.log(`\nLCP element: ${lcpElement}`);
  const failing = Object.values(result.lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
    .map((a) => `${a.id}: ${a.title}`);
  if (failing.length) console.log(`\nFailing audits:\n- ${failing.join("\n- ")}`);
  const met = scores.performance >= 98 && ms("largest-contentful-paint") <= 1200 &&
    scores.accessibility === 100 && scores["best-practices"] === 100 && scores.seo >= 90;
  console.log(met ? "\nAll budgets met." : "\nA budget is missed.");
  process.exitCode = met ? 0 : 1;
} finally {
  await chrome.kill();
  await server.close();
}
