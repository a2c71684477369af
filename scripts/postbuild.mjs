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
// Release builds (TRUNK_PROFILE=release, or run by hand) also get the static
// first paint (scripts/prerender.mjs); debug builds do not.
//
// The steps are pure functions of the files (`postbuild`, below), unit-tested
// against a saved sample of Trunk's and wasm-bindgen's output
// (scripts/test/postbuild.test.mjs); `main` does the file system.
//
// Plain Node, no dependencies. Run by hand on a built folder:
//   TRUNK_STAGING_DIR=dist node scripts/postbuild.mjs
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** A problem with the build's input: the hook prints it and fails the build. */
export class PostbuildError extends Error {}

function fail(message) {
  throw new PostbuildError(message);
}

/** The tool versions whose output this script reads (pinned by scripts/setup.sh and Trunk.toml). */
export const WRITTEN_FOR = { trunk: "0.21.14", wasmBindgen: "0.2.130" };

/** Trunk's or wasm-bindgen's output is not what this script was written for. */
function unexpected(message) {
  fail(
    `${message}. The post-build steps read the output of Trunk ${WRITTEN_FOR.trunk} and ` +
      `wasm-bindgen ${WRITTEN_FOR.wasmBindgen}: if either was upgraded, adapt scripts/postbuild.mjs ` +
      "and save a new sample of their output in scripts/test/sample/ (see its README.md)",
  );
}

/** The policy of the served site. 'self' only; 'wasm-unsafe-eval' compiles the wasm. */
export const SITE_CSP = [
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
export const singleFileCsp = (scriptHash, styleHash) =>
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

export const SINGLE_FILE = "calculator-offline.html";
/** The cohort tool (src/bin/cohort_tool.rs): loaded when its view is first opened. */
export const COHORT_BINDINGS = "cohort-tool.js";
export const COHORT_WASM = "cohort-tool_bg.wasm";
/** Trunk's loader shim for the cohort tool's worker. */
export const COHORT_LOADER = "cohort-tool_loader.js";
/** Files the service worker caches when first used rather than at install. */
// The cohort tool and the catalogs of languages other than English (issue 12)
// are fetched when first used, not at install: a first visit carries neither.
const ON_FIRST_USE = (name) => name.startsWith("cohort-tool") || name === "cohort-example.csv" || name.startsWith("lang/");
/** The templates and scripts the build is made of, besides Trunk's files (all in the build id). */
export const TEMPLATES = ["offline/start.js", "offline/cohort-tool.js", "offline/sw.js", "scripts/postbuild.mjs", "scripts/prerender.mjs"];

const digest = (algorithm, bytes) => createHash(algorithm).update(bytes).digest("base64");
/** A Subresource Integrity value (SHA-384). */
export const sri = (bytes) => `sha384-${digest("sha384", bytes)}`;
/** A CSP source for an inline script or style (SHA-256 of its text). */
export const cspHash = (text) => `sha256-${digest("sha256", Buffer.from(text, "utf8"))}`;

/**
 * Finds Trunk's inline module starter in index.html, and in it the names of
 * the bindings (wasm-bindgen's ES module) and of the wasm.
 */
export function findStarter(html) {
  const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  if (inlineScripts.length !== 1) unexpected(`expected Trunk's one inline starter script in index.html, found ${inlineScripts.length}`);
  const [tag, starter] = inlineScripts[0];
  const bindingsName = starter.match(/from\s+'\/?([^'/]+\.js)'/)?.[1];
  const wasmName = starter.match(/module_or_path:\s*'\/?([^'/]+\.wasm)'/)?.[1];
  if (!bindingsName || !wasmName) unexpected("could not find the bindings and wasm names in Trunk's starter script");
  return { tag, bindingsName, wasmName };
}

/**
 * Trunk's worker loader calls the bindings with a bare URL, which they log a
 * deprecation warning for: the same two steps, with the current signature.
 * A failure that would end as a rejected promise in the worker (the wasm not
 * loading, a trap in an async step) is thrown again as an uncaught error: an
 * unhandled rejection stays inside the worker, an uncaught error reaches the
 * page's `Worker` error handler (src/components/cohort/runner.rs).
 */
export function cohortLoader(trunkLoader) {
  if (!trunkLoader.includes(COHORT_BINDINGS) || !trunkLoader.includes(COHORT_WASM)) {
    unexpected(`${COHORT_LOADER} does not load ${COHORT_BINDINGS} and ${COHORT_WASM}`);
  }
  return (
    `self.addEventListener("unhandledrejection", (event) => { throw event.reason; });\n` +
    `importScripts("./${COHORT_BINDINGS}");\nwasm_bindgen({ module_or_path: "./${COHORT_WASM}" });\n`
  );
}

/**
 * The build id: every file Trunk wrote plus the templates and these scripts
 * (`[name, bytes]` pairs, in order), so any change to what the user receives
 * gives a new id, hence a new cache and an update notice.
 */
export function buildIdOf(entries) {
  const idHash = createHash("sha256");
  for (const [name, bytes] of entries) idHash.update(`${name}\0`).update(bytes).update("\0");
  return idHash.digest("hex").slice(0, 16);
}

/** offline/start.js with the build's file names and integrity hashes filled in. */
export function startScript(template, cohortToolTemplate, { bindingsName, bindings, wasmName, wasmBytes, cohortBindings, cohortWasm }) {
  const source = template
    .replace("__BINDINGS__", () => `./${bindingsName}`)
    .replace("__BINDINGS_INTEGRITY__", () => sri(bindings))
    .replace("__WASM__", () => `./${wasmName}`)
    .replace("__WASM_INTEGRITY__", () => sri(wasmBytes))
    .replace("__COHORT_BINDINGS__", () => `./${COHORT_BINDINGS}`)
    .replace("__COHORT_BINDINGS_INTEGRITY__", () => sri(cohortBindings))
    .replace("__COHORT_WASM__", () => `./${COHORT_WASM}`)
    .replace("__COHORT_WASM_INTEGRITY__", () => sri(cohortWasm))
    .replace("/*__COHORT_TOOL__*/", () => cohortToolTemplate);
  if (/__[A-Z_]+__/.test(source)) fail(`a placeholder is left in offline/start.js: ${source.match(/__[A-Z_]+__/)[0]}`);
  const name = `start-${createHash("sha256").update(source).digest("hex").slice(0, 16)}.js`;
  return { name, source };
}

/**
 * The served index.html: Trunk's starter replaced by the external start
 * script with SRI, relative links, no preloads, the icon inlined, the CSP and
 * the build id. `fileBytes(name)` gives a built file's bytes (to check the
 * stylesheets' integrity).
 */
export function siteIndexHtml(html, { starterTag, start, buildId, iconSvg, fileBytes }) {
  html = html.replace(starterTag, "");
  // Root-relative asset links (Trunk's default public URL "/") become relative.
  html = html.replace(/(\b(?:href|src)=")\/(?=[^"/])/g, "$1./");
  // Trunk preloads the bindings and the wasm from the page's head; the start
  // script fetches them itself, after the static first paint (see offline/start.js).
  html = html.replace(/\s*<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*>/g, "");
  // Every stylesheet Trunk emitted must carry the right integrity.
  for (const [tag, href] of html.matchAll(/<link\b[^>]*\bhref="\.\/([^"]+)"[^>]*>/g)) {
    if (!/\brel="stylesheet"/.test(tag)) continue;
    const integrity = tag.match(/\bintegrity="([^"]+)"/)?.[1];
    const bytes = fileBytes(href);
    if (!bytes) fail(`index.html links ${href}, which the build does not have`);
    if (integrity !== sri(bytes)) unexpected(`missing or wrong integrity on ${href}`);
  }
  const iconLink = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${Buffer.from(iconSvg).toString("base64")}">`;
  if (!/<link rel="icon"[^>]*>/.test(html)) fail('index.html has no <link rel="icon">');
  html = html.replace(/<link rel="icon"[^>]*>/, () => iconLink);
  const head = `<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">\n` + `  <meta name="build-id" content="${buildId}">`;
  if (!/<meta charset="utf-8">/i.test(html)) fail("index.html has no <meta charset> to put the CSP after");
  html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  ${head}`);
  html = html.replace(
    "</head>",
    () => `<script type="module" src="./${start.name}" integrity="${sri(Buffer.from(start.source))}" crossorigin="anonymous"></script>\n</head>`,
  );
  checkNoInlineCode(html, "index.html");
  return html;
}

/**
 * The single file's one script: the bindings (an ES module: inlined, their
 * export list goes and the starter calls the init function by its local
 * name), the wasm as base64, and the cohort tool likewise.
 */
export function singleFileScript(cohortToolTemplate, { bindingsName, bindings, wasmBytes, cohortBindings, cohortWasm, catalogs = {} }) {
  const bindingsText = bindings.toString("utf8");
  const exportList = bindingsText.match(/^export\s*\{([^}]*)\};?\s*$/m);
  const initName = exportList?.[1].match(/(\w+)\s+as\s+default/)?.[1];
  if (!initName) unexpected(`no default export (the init function) in an export list of ${bindingsName}`);
  const script =
    bindingsText.replace(exportList[0], () => "") +
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

// The text catalogs of the other languages (src/i18n.rs reads them here).
globalThis.soramicCatalogs = ${JSON.stringify(catalogs).replace(/</g, "\\u003c")};

const singleFileWasm = await ${initName}({ module_or_path: singleFileWasmBytes });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: singleFileWasm } }));
`;
  if (/<\/script|<!--/i.test(script)) fail("the bindings contain </script or <!--, which cannot be inlined");
  return script;
}

/** The single file from the served index.html: its own CSP, the CSS and the script inline, no other link or script. */
export function singleFilePage(indexHtml, { script, fileBytes }) {
  const stylesheets = [...indexHtml.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="\.\/([^"]+)"[^>]*>/g)].map((m) => m[1]);
  let css = "";
  for (const name of stylesheets) {
    const text = fileBytes(name).toString("utf8");
    const urls = [...text.matchAll(/url\(\s*['"]?(?!data:)([^'")]+)/g)].map((m) => m[1]);
    if (urls.length) fail(`${name} refers to ${urls.join(", ")}: inline it as data: for the single file`);
    css += `${text}\n`;
  }
  const single = indexHtml
    .replace(
      /<meta http-equiv="Content-Security-Policy"[^>]*>/,
      () => `<meta http-equiv="Content-Security-Policy" content="${singleFileCsp(cspHash(script), cspHash(css))}">`,
    )
    .replace(/\s*<link\b(?![^>]*rel="icon")[^>]*>/g, "")
    .replace(/\s*<script\b[^>]*><\/script>/g, "")
    .replace(
      "</head>",
      // A function, not a string: the inlined code may contain `$&` and the like.
      () => `  <style>${css}</style>\n  <script type="module">${script}</script>\n</head>`,
    );
  if ((single.match(/<script\b/g) ?? []).length !== 1) fail("the single file should have exactly one script");
  return single;
}

/**
 * sw.js: offline/sw.js after `const BUILD = { id, files, onFirstUse }`, each
 * file of the site (`[name, bytes]`, sorted) with its integrity.
 *
 * Not precached: the single file (only ever downloaded, and a download
 * bypasses the service worker anyway) and the install icons (the page's own
 * icon is inlined). The cohort tool is cached when its view is first opened
 * (same build, same integrity checks): a first visit downloads the calculator
 * only (issue 5's size budget).
 */
export function serviceWorker(template, buildId, siteFiles) {
  const precache = [];
  const onFirstUse = [];
  for (const [name, bytes] of siteFiles) {
    if (name === "sw.js" || name === SINGLE_FILE || /^icons\/.*\.png$/.test(name)) continue;
    // index.html is cached under the site's own address ("./"), the URL the
    // first visit has just loaded: the install then revalidates it (304)
    // instead of downloading the same page again as "index.html".
    const entry = [name === "index.html" ? "./" : name, sri(bytes)];
    (ON_FIRST_USE(name) ? onFirstUse : precache).push(entry);
  }
  const list = (entries) => entries.map((entry) => `    ${JSON.stringify(entry)},\n`).join("");
  const source =
    `const BUILD = {\n  id: ${JSON.stringify(buildId)},\n  files: [\n${list(precache)}  ],\n` + `  onFirstUse: [\n${list(onFirstUse)}  ],\n};\n` + template;
  return { source, precache, onFirstUse };
}

/** A page under a strict CSP may not carry inline code: fail the build if it does. */
export function checkNoInlineCode(page, name) {
  const problems = [];
  for (const [tag, , body] of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (body.trim()) problems.push(`inline script ${tag.slice(0, 60)}`);
  }
  if (/<style\b/i.test(page)) problems.push("a <style> element");
  if (/\sstyle="/i.test(page)) problems.push("a style attribute");
  if (/\son[a-z]+="/i.test(page)) problems.push("an inline event handler");
  if (problems.length) fail(`${name} would break its CSP: ${problems.join("; ")}`);
}

/**
 * Every step, from what Trunk staged (`staged`: file name → bytes, with
 * index.html already carrying the static first paint, if any, as `indexHtml`)
 * and the project's templates (`templates`: path → text, `TEMPLATES` and
 * "static/icons/icon.svg"). Returns the files to write (name → text) and a
 * summary; changes nothing itself.
 */
export function postbuild({ staged, indexHtml = staged.get("index.html").toString("utf8"), templates }) {
  const get = (name, why) => staged.get(name) ?? fail(`no ${name}${why ? ` (${why})` : ""}`);
  const template = (path) => templates.get(path) ?? fail(`no template ${path}`);
  const starter = findStarter(indexHtml);
  const built = {
    bindingsName: starter.bindingsName,
    bindings: get(starter.bindingsName, "named in Trunk's starter"),
    wasmName: starter.wasmName,
    wasmBytes: get(starter.wasmName, "named in Trunk's starter"),
    cohortBindings: get(COHORT_BINDINGS, "index.html's cohort-tool link"),
    cohortWasm: get(COHORT_WASM),
    // Every language's catalog but English (compiled into the wasm), for the
    // single file, which cannot fetch them (issue 12).
    catalogs: Object.fromEntries(
      [...staged.keys()]
        .filter((name) => /^lang\/[a-z]{2}\.txt$/.test(name) && name !== "lang/en.txt")
        .map((name) => [name.slice(5, 7), staged.get(name).toString("utf8")]),
    ),
  };
  const writes = new Map();
  writes.set(COHORT_LOADER, cohortLoader(get(COHORT_LOADER).toString("utf8")));

  // Trunk's files as they are now (with the loader rewritten; index.html as
  // Trunk wrote it), then the templates.
  const trunkFiles = [...staged.keys()].filter((f) => f !== "sw.js" && !f.startsWith("start-") && f !== SINGLE_FILE).sort();
  const buildId = buildIdOf([
    ...trunkFiles.map((name) => [name, writes.has(name) ? Buffer.from(writes.get(name)) : staged.get(name)]),
    ...TEMPLATES.map((path) => [path, Buffer.from(template(path))]),
  ]);

  const cohortToolTemplate = template("offline/cohort-tool.js");
  const start = startScript(template("offline/start.js"), cohortToolTemplate, built);
  writes.set(start.name, start.source);
  const fileBytes = (name) => (writes.has(name) ? Buffer.from(writes.get(name)) : staged.get(name));
  const index = siteIndexHtml(indexHtml, {
    starterTag: starter.tag,
    start,
    buildId,
    iconSvg: template("static/icons/icon.svg"),
    fileBytes,
  });
  writes.set("index.html", index);

  const single = singleFilePage(index, { script: singleFileScript(cohortToolTemplate, built), fileBytes });
  writes.set(SINGLE_FILE, single);

  const siteFiles = [...new Set([...staged.keys(), ...writes.keys()])].sort().map((name) => [name, fileBytes(name)]);
  const sw = serviceWorker(template("offline/sw.js"), buildId, siteFiles);
  writes.set("sw.js", sw.source);

  const summary =
    `build ${buildId}; ${start.name}; sw.js precaches ${sw.precache.length} files ` +
    `(and ${sw.onFirstUse.length} when first used); ${SINGLE_FILE} ${single.length} bytes`;
  return { writes, buildId, summary };
}

// --- The hook: read the staging folder, prerender, write -------------------

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function listFiles(root, dir = root) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, path)));
    else out.push(relative(root, path).split(sep).join("/"));
  }
  return out.sort();
}

async function main() {
  const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
  if (!staging) fail("set TRUNK_STAGING_DIR (Trunk does) or pass the built folder");
  // To save a new sample of the tools' output for the tests (scripts/test/sample/README.md).
  if (process.env.SORAMIC_SAVE_TRUNK_OUTPUT) await cp(staging, process.env.SORAMIC_SAVE_TRUNK_OUTPUT, { recursive: true });
  const staged = new Map();
  for (const name of await listFiles(staging)) staged.set(name, await readFile(join(staging, name)));
  const templates = new Map();
  for (const path of [...TEMPLATES, "static/icons/icon.svg"]) templates.set(path, await readFile(join(ROOT, path), "utf8"));

  // The static first paint is rendered from Trunk's own output, before any
  // of the changes (it needs Trunk's starter to run the app once). Release
  // builds only: Trunk sets TRUNK_PROFILE to "release" or "debug".
  let indexHtml = (staged.get("index.html") ?? fail("no index.html")).toString("utf8");
  const profile = process.env.TRUNK_PROFILE ?? "release";
  if (profile === "release") {
    const { withPrerenderedBody } = await import("./prerender.mjs");
    indexHtml = await withPrerenderedBody(indexHtml, staging).catch((error) => fail(`prerender: ${error.message}`));
  } else {
    console.log(`postbuild: ${profile} build: no static first paint (release builds only)`);
  }

  const { writes, summary } = postbuild({ staged, indexHtml, templates });
  for (const [name, content] of writes) await writeFile(join(staging, name), content);
  console.log(`postbuild: ${summary}`);
}

// Run as a script (not imported by the tests). Real paths: the module's URL has symlinks resolved.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`postbuild: ${error instanceof PostbuildError ? error.message : error.stack}`);
    process.exit(1);
  });
}
