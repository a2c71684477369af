// Renders static/icons/icon.svg to the PNG sizes the web app manifest lists,
// with the same headless Chromium the end-to-end tests use. The PNGs are
// committed; run this again only after changing the SVG:
//   node scripts/make-icons.mjs
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { launch } from "../e2e/browser.mjs";

const ICONS = fileURLToPath(new URL("../static/icons/", import.meta.url));
const SIZES = [192, 512];

const svg = await readFile(`${ICONS}icon.svg`, "utf8");
const browser = await launch();
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    // The SVG is inlined in a page of exactly the icon's size; nothing is fetched.
    await page.setContent(
      `<!DOCTYPE html><style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: `${ICONS}icon-${size}.png`, omitBackground: false });
    await page.close();
    console.log(`wrote static/icons/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
