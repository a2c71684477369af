// First paint without waiting for the wasm: at build time the app is rendered
// once in headless Chromium (empty form, no fragment) and its DOM is written
// into index.html's <body>. The browser paints that static copy at once; when
// the wasm arrives, Yew replaces <body> with the live app in the same task,
// so there is no frame in between and no visible jump. Values typed into the
// static copy before then are carried over (see `prerender_shell.rs`).
import { chromium } from "playwright-core";
import { startServer } from "../e2e/static-server.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Marks the static copy, so the app and the tests can tell it from the live app. */
export const SHELL_MARKER = "data-prerendered";

/** Returns `html` with the app's rendered <body> content inserted. */
export async function withPrerenderedBody(html, builtDir) {
  const server = await startServer(builtDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="km-chart"] svg', { timeout: 30_000 });
    const body = await page.evaluate(() => {
      // Yew sets `checked` and `selected` as properties; the static copy
      // needs them as attributes to look the same.
      for (const input of document.querySelectorAll("input:checked")) input.setAttribute("checked", "");
      for (const option of document.querySelectorAll("option")) {
        if (option.selected) option.setAttribute("selected", "");
      }
      // The chart's drawing is the largest part of the markup and is redrawn
      // by the app anyway: keep an empty <svg> with the same viewBox, which
      // reserves exactly the same space, so nothing moves when it is drawn.
      for (const svg of document.querySelectorAll('[data-testid="km-chart"] > svg')) svg.replaceChildren();
      // Folded sections (the published tables, the model arithmetic) show
      // only their <summary> until opened, which the static copy is not
      // there long enough for: their contents would be a third of the page's
      // bytes, downloaded and laid out before the first paint for nothing.
      for (const details of document.querySelectorAll("details:not([open])")) {
        for (const child of [...details.children]) if (child.tagName !== "SUMMARY") child.remove();
      }
      // Only the app's own markup: Yew renders it as the body's content.
      const app = document.querySelector("body > .app");
      return app ? app.outerHTML : null;
    });
    if (!body) throw new Error("the app did not render a .app element");
    // A fixed-position status (no layout shift when it goes away with the
    // static copy); offline/start.js turns it into an alert if the wasm fails.
    const notice = '<p class="startup-notice" data-testid="startup-notice" role="status">Starting the calculator…</p>';
    const shell = body
      // Whatever order Yew wrote the app's attributes in.
      .replace(/^<div /, `<div ${SHELL_MARKER}="true" `)
      .replace(/<\/div>$/, () => `${notice}</div>`);
    if (!shell.includes(notice)) throw new Error("could not add the start-up notice");
    if (!shell.startsWith(`<div ${SHELL_MARKER}="true" `)) throw new Error("could not mark the static copy");
    if (!/<body>[\s\S]*<\/body>/.test(html)) throw new Error("index.html has no <body>");
    return html.replace("</body>", () => `${shell}\n</body>`);
  } finally {
    await browser.close();
    await server.close();
  }
}
