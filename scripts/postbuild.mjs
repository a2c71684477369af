// Trunk post-build hook (Trunk.toml): turns Trunk's output into the site we
// ship, in $TRUNK_STAGING_DIR before Trunk moves it to dist/.
//
// 1. index.html gets a strict Content Security Policy and no inline script:
//    Trunk's inline module starter becomes an external `start-<hash>.js`
//    (from offline/start.js) loaded with Subresource Integrity, which also
//    fetches the wasm with SRI and registers the service worker. Asset links
//    become relative, so the site runs from any folder of any static host.
// 2. `sw.js` (from offline/sw.js) precaches the files of the site, each with
//    its SHA-384, in a cache named after the build id.
// 3. `calculator-offline.html`: the whole app in one file (wasm as base64, JS,
//    CSS, icon) with its own CSP made of hashes, for opening from file://.
// The build id (a hash of everything the build is made of) goes into both
// pages as <meta name="build-id">, which the app shows in its footer.
//
// Plain Node, no dependencies. Run by hand on a built folder:
//   TRUNK_STAGING_DIR=dist node scripts/postbuild.mjs
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { withPrerenderedBody } from "./prerender.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAGING = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!STAGING) fail("set TRUNK_STAGING_DIR (Trunk does) or pass the built folder");

/** The policy of the served site. 'self' only; 'wasm-unsafe-eval' compiles the wasm. */
const SITE_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // data: for the favicon, inlined so that Chromium's favicon re-fetch on
  // every fragment change is no request at all.
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The single file's policy: its one script and one style by hash, nothing fetched. */
const singleFileCsp = (scriptHash, styleHash) =>
  [
    "default-src 'none'",
    `script-src '${scriptHash}' 'wasm-unsafe-eval'`,
    `style-src '${styleHash}'`,
    "img-src data:",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

const SINGLE_FILE = "calculator-offline.html";
/** The cohort tool (src/bin/cohort_tool.rs): loaded when its view is first opened. */
const COHORT_BINDINGS = "cohort-tool.js";
const COHORT_WASM = "cohort-tool_bg.wasm";
/** Files the service worker caches when first used rather than at install. */
const ON_FIRST_USE = (name) => name.startsWith("cohort-tool") || name === "cohort-example.csv";

function fail(message) {
  console.error(`postbuild: ${message}`);
  process.exit(1);
}

const digest = (algorithm, bytes) => createHash(algorithm).update(bytes).digest("base64");
const sri = (bytes) => `sha384-${digest("sha384", bytes)}`;
const cspHash = (text) => `sha256-${digest("sha256", Buffer.from(text, "utf8"))}`;

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(relative(STAGING, path).split(sep).join("/"));
  }
  return out.sort();
}

const read = (name) => readFile(join(STAGING, name));
const write = (name, content) => writeFile(join(STAGING, name), content);

// --- What Trunk produced ----------------------------------------------------

let html = (await read("index.html")).toString("utf8");
// The static first paint is rendered from Trunk's own output, before any of
// the changes below (it needs Trunk's starter to run the app once).
html = await withPrerenderedBody(html, STAGING).catch((error) => fail(`prerender: ${error.message}`));
const trunkFiles = (await listFiles(STAGING)).filter((f) => f !== "sw.js" && !f.startsWith("start-") && f !== SINGLE_FILE);

const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
if (inlineScripts.length !== 1) fail(`expected Trunk's one inline starter script, found ${inlineScripts.length}`);
const [starterTag, starter] = inlineScripts[0];
const bindingsName = starter.match(/from\s+'\/?([^'/]+\.js)'/)?.[1];
const wasmName = starter.match(/module_or_path:\s*'\/?([^'/]+\.wasm)'/)?.[1];
if (!bindingsName || !wasmName) fail("could not find the bindings and wasm names in Trunk's starter script");
const bindings = await read(bindingsName);
const wasmBytes = await read(wasmName);
const cohortBindings = await read(COHORT_BINDINGS).catch(() => fail(`no ${COHORT_BINDINGS} (index.html's cohort-tool link)`));
const cohortWasm = await read(COHORT_WASM).catch(() => fail(`no ${COHORT_WASM}`));
const cohortToolTemplate = await readFile(join(ROOT, "offline/cohort-tool.js"), "utf8");
// Trunk's worker loader calls the bindings with a bare URL, which they log a
// deprecation warning for: the same two steps, with the current signature.
// A failure that would end as a rejected promise in the worker (the wasm not
// loading, a trap in an async step) is thrown again as an uncaught error: an
// unhandled rejection stays inside the worker, an uncaught error reaches the
// page's `Worker` error handler (src/components/cohort/runner.rs).
const COHORT_LOADER = "cohort-tool_loader.js";
const loader = (await read(COHORT_LOADER).catch(() => fail(`no ${COHORT_LOADER}`))).toString("utf8");
if (!loader.includes(COHORT_BINDINGS) || !loader.includes(COHORT_WASM)) fail(`${COHORT_LOADER} does not load ${COHORT_BINDINGS} and ${COHORT_WASM}`);
await write(
  COHORT_LOADER,
  `self.addEventListener("unhandledrejection", (event) => { throw event.reason; });\n` +
    `importScripts("./${COHORT_BINDINGS}");\nwasm_bindgen({ module_or_path: "./${COHORT_WASM}" });\n`,
);

// --- Build id -----------------------------------------------------------------

// Every file Trunk wrote plus the templates and this script: any change to
// what the user receives gives a new id, hence a new cache and an update notice.
const templates = ["offline/start.js", "offline/cohort-tool.js", "offline/sw.js", "scripts/postbuild.mjs", "scripts/prerender.mjs"];
const idHash = createHash("sha256");
for (const name of trunkFiles) idHash.update(`${name}\0`).update(await read(name)).update("\0");
for (const name of templates) idHash.update(`${name}\0`).update(await readFile(join(ROOT, name))).update("\0");
const buildId = idHash.digest("hex").slice(0, 16);

// --- index.html: external starter with SRI, relative links, CSP ---------------

const startSource = (await readFile(join(ROOT, "offline/start.js"), "utf8"))
  .replace("__BINDINGS__", () => `./${bindingsName}`)
  .replace("__BINDINGS_INTEGRITY__", () => sri(bindings))
  .replace("__WASM__", () => `./${wasmName}`)
  .replace("__WASM_INTEGRITY__", () => sri(wasmBytes))
  .replace("__COHORT_BINDINGS__", () => `./${COHORT_BINDINGS}`)
  .replace("__COHORT_BINDINGS_INTEGRITY__", () => sri(cohortBindings))
  .replace("__COHORT_WASM__", () => `./${COHORT_WASM}`)
  .replace("__COHORT_WASM_INTEGRITY__", () => sri(cohortWasm))
  .replace("/*__COHORT_TOOL__*/", () => cohortToolTemplate);
if (/__[A-Z_]+__/.test(startSource)) fail(`a placeholder is left in offline/start.js: ${startSource.match(/__[A-Z_]+__/)[0]}`);
const startName = `start-${createHash("sha256").update(startSource).digest("hex").slice(0, 16)}.js`;
await write(startName, startSource);

html = html.replace(starterTag, "");
// Root-relative asset links (Trunk's default public URL "/") become relative.
html = html.replace(/(\b(?:href|src)=")\/(?=[^"/])/g, "$1./");
// Trunk preloads the bindings and the wasm from the page's head; the start
// script fetches them itself, after the static first paint (see offline/start.js).
html = html.replace(/\s*<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*>/g, "");
// Every stylesheet and module Trunk emitted must carry the right integrity.
for (const [tag, href] of html.matchAll(/<link\b[^>]*\bhref="\.\/([^"]+)"[^>]*>/g)) {
  if (!/\brel="stylesheet"/.test(tag)) continue;
  const integrity = tag.match(/\bintegrity="([^"]+)"/)?.[1];
  if (integrity !== sri(await read(href))) fail(`missing or wrong integrity on ${href}`);
}
const iconSvg = await readFile(join(ROOT, "static/icons/icon.svg"));
const iconLink = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${iconSvg.toString("base64")}">`;
if (!/<link rel="icon"[^>]*>/.test(html)) fail("index.html has no <link rel=\"icon\">");
html = html.replace(/<link rel="icon"[^>]*>/, () => iconLink);
const head =
  `<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">\n` +
  `  <meta name="build-id" content="${buildId}">`;
html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  ${head}`);
html = html.replace(
  "</head>",
  () => `<script type="module" src="./${startName}" integrity="${sri(Buffer.from(startSource))}" crossorigin="anonymous"></script>\n</head>`,
);
if (!html.includes("Content-Security-Policy")) fail("index.html has no <meta charset> to put the CSP after");
checkNoInlineCode(html, "index.html");
await write("index.html", html);

// --- calculator-offline.html ---------------------------------------------------

// The bindings are an ES module; inlined, their export list goes and the
// starter calls the init function by its local name.
const exportList = bindings.toString("utf8").match(/^export\s*\{([^}]*)\};?\s*$/m);
const initName = exportList?.[1].match(/(\w+)\s+as\s+default/)?.[1];
if (!initName) fail(`no default export (the init function) in ${bindingsName}`);
const inlineScript =
  bindings.toString("utf8").replace(exportList[0], () => "") +
  `
// Single-file start: the wasm is inside this script, so the page needs no fetch
// (which file:// pages cannot do) and this script's CSP hash also covers the wasm.
// (Names prefixed: they share one scope with the bindings' own.)
const singleFileBytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const singleFileWasmBytes = singleFileBytes("${wasmBytes.toString("base64")}");

${cohortToolTemplate}
// The cohort tool, inside this script too: its bindings in a scope of their
// own (they declare \`wasm_bindgen\`), its wasm as base64, decoded only when
// the cohort view is first opened. (No worker can start from file://: the
// tool then runs its analyses on the page.)
const singleFileCohortTool = (() => {
${cohortBindings.toString("utf8")}
return wasm_bindgen;
})();
const singleFileCohortWasmBase64 = "${cohortWasm.toString("base64")}";
installCohortTool(async () => {
  await singleFileCohortTool({ module_or_path: singleFileBytes(singleFileCohortWasmBase64) });
  return singleFileCohortTool;
});

const singleFileWasm = await ${initName}({ module_or_path: singleFileWasmBytes });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: singleFileWasm } }));
`;
if (/<\/script|<!--/i.test(inlineScript)) fail("the bindings contain </script or <!--, which cannot be inlined");
const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="\.\/([^"]+)"[^>]*>/g)].map((m) => m[1]);
let css = "";
for (const name of stylesheets) {
  const text = (await read(name)).toString("utf8");
  const urls = [...text.matchAll(/url\(\s*['"]?(?!data:)([^'")]+)/g)].map((m) => m[1]);
  if (urls.length) fail(`${name} refers to ${urls.join(", ")}: inline it as data: for the single file`);
  css += `${text}\n`;
}
let single = (await read("index.html")).toString("utf8");
single = single
  .replace(
    /<meta http-equiv="Content-Security-Policy"[^>]*>/,
    () => `<meta http-equiv="Content-Security-Policy" content="${singleFileCsp(cspHash(inlineScript), cspHash(css))}">`,
  )
  .replace(/\s*<link\b(?![^>]*rel="icon")[^>]*>/g, "")
  .replace(/\s*<script\b[^>]*><\/script>/g, "")
  .replace(
    "</head>",
    // A function, not a string: the inlined code may contain `$&` and the like.
    () =>
      `  <style>${css}</style>\n  <script type="module">${inlineScript}</script>\n</head>`,
  );
if ((single.match(/<script\b/g) ?? []).length !== 1) fail("the single file should have exactly one script");
await write(SINGLE_FILE, single);

// --- sw.js: precache list with integrity ---------------------------------------

// Not precached: the single file (only ever downloaded, and a download
// bypasses the service worker anyway) and the install icons (the page's own
// icon is inlined). The cohort tool is cached when its view is first opened
// (same build, same integrity checks): a first visit downloads the calculator
// only (issue 5's size budget).
const files = (await listFiles(STAGING)).filter(
  (f) => f !== "sw.js" && f !== SINGLE_FILE && !/^icons\/.*\.png$/.test(f),
);
const precache = [];
const onFirstUse = [];
for (const name of files) {
  // index.html is cached under the site's own address ("./"), the URL the
  // first visit has just loaded: the install then revalidates it (304)
  // instead of downloading the same page again as "index.html".
  const entry = [name === "index.html" ? "./" : name, sri(await read(name))];
  (ON_FIRST_USE(name) ? onFirstUse : precache).push(entry);
}
const list = (entries) => entries.map((entry) => `    ${JSON.stringify(entry)},\n`).join("");
const sw =
  `const BUILD = {\n  id: ${JSON.stringify(buildId)},\n  files: [\n${list(precache)}  ],\n` +
  `  onFirstUse: [\n${list(onFirstUse)}  ],\n};\n` +
  (await readFile(join(ROOT, "offline/sw.js"), "utf8"));
await write("sw.js", sw);

console.log(
  `postbuild: build ${buildId}; ${startName}; sw.js precaches ${precache.length} files ` +
    `(and ${onFirstUse.length} when first used); ` +
    `${SINGLE_FILE} ${single.length} bytes`,
);

/** A page under a strict CSP may not carry inline code: fail the build if it does. */
function checkNoInlineCode(page, name) {
  const problems = [];
  for (const [tag, , body] of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (body.trim()) problems.push(`inline script ${tag.slice(0, 60)}`);
  }
  if (/<style\b/i.test(page)) problems.push("a <style> element");
  if (/\sstyle="/i.test(page)) problems.push("a style attribute");
  if (/\son[a-z]+="/i.test(page)) problems.push("an inline event handler");
  if (problems.length) fail(`${name} would break its CSP: ${problems.join("; ")}`);
}
