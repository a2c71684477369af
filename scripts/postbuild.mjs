// Trunk post-build hook (Trunk.toml): turns Trunk's output into the site we
// ship, in $TRUNK_STAGING_DIR before Trunk moves it to dist/.
//
// 1. index.html gets a strict Content Security Policy, and everything its
//    first paint needs inside it: the style sheets and the start script (from
//    offline/start.js, in place of Trunk's starter) are inlined, each allowed
//    by its hash in the policy, so the first paint waits for no request but
//    the page's own (BENCHMARKS.md, "Time until results on a throttled
//    phone"). The start script fetches the bindings and the wasm with
//    Subresource Integrity and registers the service worker. Asset links
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
import { cp, readFile, readdir, rm, writeFile } from "node:fs/promises";
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

/**
 * The policy of the served site: its one inline script and one inline style
 * by hash; other scripts from 'self' only; 'wasm-unsafe-eval' compiles the wasm.
 */
export const siteCsp = (scriptHash, styleHash) =>
  [
    "default-src 'none'",
    `script-src 'self' '${scriptHash}' 'wasm-unsafe-eval'`,
    `style-src '${styleHash}'`,
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
/** The cohort tool (crates/cohort-tool): loaded when its view is first opened. */
export const COHORT_BINDINGS = "cohort-tool.js";
export const COHORT_WASM = "cohort-tool_bg.wasm";
/** Trunk's loader shim for the cohort tool's worker. */
export const COHORT_LOADER = "cohort-tool_loader.js";
/** The workbook reader (crates/workbook-reader, issue 15): a worker started when a workbook is opened. */
export const WORKBOOK_BINDINGS = "workbook-reader.js";
export const WORKBOOK_WASM = "workbook-reader_bg.wasm";
export const WORKBOOK_LOADER = "workbook-reader_loader.js";
/** The workers Trunk builds with a loader shim (index.html's `data-type="worker"` links). */
export const WORKERS = [
  { loader: COHORT_LOADER, bindings: COHORT_BINDINGS, wasm: COHORT_WASM },
  { loader: WORKBOOK_LOADER, bindings: WORKBOOK_BINDINGS, wasm: WORKBOOK_WASM },
];
/** Files the service worker caches when first used rather than at install. */
// The cohort tool, the workbook reader (issue 15) and the catalogs of
// languages other than English (issue 12) are fetched when first used, not
// at install: a first visit carries none of them.
const ON_FIRST_USE = (name) =>
  name.startsWith("cohort-tool") || name.startsWith("workbook-reader") || name === "cohort-example.csv" || name.startsWith("lang/");
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
 * page's `Worker` error handler (crates/cohort-tool/src/runner.rs, crates/cohort-tool/src/workbook_reader.rs).
 */
export function workerLoader(trunkLoader, { loader, bindings, wasm }) {
  if (!trunkLoader.includes(bindings) || !trunkLoader.includes(wasm)) {
    unexpected(`${loader} does not load ${bindings} and ${wasm}`);
  }
  return (
    `self.addEventListener("unhandledrejection", (event) => { throw event.reason; });\n` +
    `importScripts("./${bindings}");\nwasm_bindgen({ module_or_path: "./${wasm}" });\n`
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
  checkInlinable(source, "offline/start.js");
  return source;
}

/** Text inlined in a <script> or <style> must not end it early or open a comment. */
function checkInlinable(text, what) {
  if (/<\/(?:script|style)|<!--/i.test(text)) fail(`${what} contains </script, </style or <!--, which cannot be inlined`);
}

/**
 * What both pages share, from Trunk's index.html: Trunk's starter,
 * preloads and HTML comments removed, relative links, the icon inlined, the build id, and the
 * style sheets taken out of their links (each checked against its integrity)
 * as one text, `css`, to be inlined. `fileBytes(name)` gives a built file's
 * bytes. The page has no policy and no code yet (`withCode` adds them).
 */
export function pageWithoutCode(html, { starterTag, buildId, iconSvg, fileBytes }) {
  html = html.replace(starterTag, "");
  // The source's comments are for its readers: not sent to every phone.
  html = html.replace(/\s*<!--[\s\S]*?-->/g, "");
  // Root-relative asset links (Trunk's default public URL "/") become relative.
  html = html.replace(/(\b(?:href|src)=")\/(?=[^"/])/g, "$1./");
  // Trunk preloads the bindings and the wasm from the page's head; the start
  // script fetches them itself, after the static first paint (see offline/start.js).
  html = html.replace(/\s*<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*>/g, "");
  // Every stylesheet Trunk emitted must carry the right integrity; its text
  // is inlined (in this order), its link removed.
  const stylesheets = [];
  let css = "";
  html = html.replace(/\s*<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = tag.match(/\bhref="\.\/([^"]+)"/)?.[1];
    if (!href) unexpected(`a stylesheet link without a root-relative href: ${tag.trim()}`);
    const integrity = tag.match(/\bintegrity="([^"]+)"/)?.[1];
    const bytes = fileBytes(href);
    if (!bytes) fail(`index.html links ${href}, which the build does not have`);
    if (integrity !== sri(bytes)) unexpected(`missing or wrong integrity on ${href}`);
    const text = withoutCssComments(bytes.toString("utf8"), href);
    const urls = [...text.matchAll(/url\(\s*['"]?(?!data:)([^'")]+)/g)].map((m) => m[1]);
    // Inlined in both pages; the single file has nothing beside it to refer to.
    if (urls.length) fail(`${href} refers to ${urls.join(", ")}: inline it as data:`);
    checkInlinable(text, href);
    stylesheets.push(href);
    css += `${text}\n`;
    return "";
  });
  if (!stylesheets.length) unexpected("index.html links no stylesheet");
  const iconLink = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${Buffer.from(iconSvg).toString("base64")}">`;
  if (!/<link rel="icon"[^>]*>/.test(html)) fail('index.html has no <link rel="icon">');
  html = html.replace(/<link rel="icon"[^>]*>/, () => iconLink);
  if (!/<meta charset="utf-8">/i.test(html)) fail("index.html has no <meta charset> to put the CSP after");
  html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  <meta name="build-id" content="${buildId}">`);
  return { html, css, stylesheets };
}

/**
 * A style sheet without its comments (they explain the rules to the source's
 * readers; inlined, they would be sent with every page). Refused if a string
 * or url() holds a comment opener, where removing "comments" would cut it.
 */
export function withoutCssComments(css, name) {
  if (/(["'])[^"'\n]*\/\*[^"'\n]*\1|url\([^)]*\/\*/.test(css)) fail(`${name} has "/*" inside a string or url(): cannot strip its comments`);
  return css.replace(/\/\*[\s\S]*?\*\//g, "");
}

/**
 * A page from `pageWithoutCode`: the policy first (it must precede what it
 * governs), the style and the one module script inline at the end of the head.
 */
export function withCode(html, { csp, css, script }) {
  html = html.replace(/<meta charset="utf-8">/i, (m) => `${m}\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`);
  // A function, not a string: the inlined code may contain `$&` and the like.
  return html.replace("</head>", () => `  <style>${css}</style>\n  <script type="module">${script}</script>\n</head>`);
}

/** The served index.html: the start script and the style sheets inline, allowed by their hashes. */
export function siteIndexHtml(base, start) {
  const index = withCode(base.html, { csp: siteCsp(cspHash(start), cspHash(base.css)), css: base.css, script: start });
  checkInlineCode(index, "index.html");
  return index;
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
  checkInlinable(script, `${bindingsName} or the cohort tool's bindings`);
  return script;
}

/** The single file: its own CSP, the CSS and its one script inline, nothing linked but the inlined icon. */
export function singleFilePage(base, script) {
  const single = withCode(base.html.replace(/\s*<link\b(?![^>]*rel="icon")[^>]*>/g, ""), {
    csp: singleFileCsp(cspHash(script), cspHash(base.css)),
    css: base.css,
    script,
  });
  if ((single.match(/<script\b/g) ?? []).length !== 1) fail("the single file should have exactly one script");
  checkInlineCode(single, SINGLE_FILE);
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

/**
 * A page under a strict CSP: every inline script and style must be allowed
 * by its hash in the page's own policy, and no style attribute or inline
 * event handler (which a hash cannot allow) may be left: fail the build if not.
 */
export function checkInlineCode(page, name) {
  const csp = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1] ?? fail(`${name} has no CSP`);
  const sources = (directive) => csp.match(new RegExp(`(?:^|;)\\s*${directive}\\s+([^;]*)`))?.[1].trim().split(/\s+/) ?? [];
  const problems = [];
  for (const [kind, pattern] of [["script", /<script\b([^>]*)>([\s\S]*?)<\/script>/g], ["style", /<style\b([^>]*)>([\s\S]*?)<\/style>/g]]) {
    for (const [tag, attributes, body] of page.matchAll(pattern)) {
      if (kind === "script" && /\bsrc=/.test(attributes)) continue;
      if (!sources(`${kind}-src`).includes(`'${cspHash(body)}'`)) problems.push(`inline ${kind} ${tag.slice(0, 60)} not allowed by its hash`);
    }
  }
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
  for (const worker of WORKERS) {
    writes.set(worker.loader, workerLoader(get(worker.loader, "index.html's worker link").toString("utf8"), worker));
  }

  // Trunk's files as they are now (with the loader rewritten; index.html as
  // Trunk wrote it), then the templates.
  const trunkFiles = [...staged.keys()].filter((f) => f !== "sw.js" && f !== SINGLE_FILE).sort();
  const buildId = buildIdOf([
    ...trunkFiles.map((name) => [name, writes.has(name) ? Buffer.from(writes.get(name)) : staged.get(name)]),
    ...TEMPLATES.map((path) => [path, Buffer.from(template(path))]),
  ]);

  const cohortToolTemplate = template("offline/cohort-tool.js");
  const fileBytes = (name) => (writes.has(name) ? Buffer.from(writes.get(name)) : staged.get(name));
  const base = pageWithoutCode(indexHtml, { starterTag: starter.tag, buildId, iconSvg: template("static/icons/icon.svg"), fileBytes });
  const start = startScript(template("offline/start.js"), cohortToolTemplate, built);
  writes.set("index.html", siteIndexHtml(base, start));
  const single = singleFilePage(base, singleFileScript(cohortToolTemplate, built));
  writes.set(SINGLE_FILE, single);
  // The style sheets are inside both pages (comments removed): not served, not cached.
  const removes = new Set(base.stylesheets);

  const siteFiles = [...new Set([...staged.keys(), ...writes.keys()])]
    .filter((name) => !removes.has(name))
    .sort()
    .map((name) => [name, fileBytes(name)]);
  const sw = serviceWorker(template("offline/sw.js"), buildId, siteFiles);
  writes.set("sw.js", sw.source);

  const summary =
    `build ${buildId}; ${base.stylesheets.join(" and ")} and the start script inlined; sw.js precaches ${sw.precache.length} files ` +
    `(and ${sw.onFirstUse.length} when first used); ${SINGLE_FILE} ${single.length} bytes`;
  return { writes, removes, buildId, summary };
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

  const { writes, removes, summary } = postbuild({ staged, indexHtml, templates });
  for (const [name, content] of writes) await writeFile(join(staging, name), content);
  for (const name of removes) await rm(join(staging, name));
  console.log(`postbuild: ${summary}`);
}

// Run as a script (not imported by the tests). Real paths: the module's URL has symlinks resolved.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`postbuild: ${error instanceof PostbuildError ? error.message : error.stack}`);
    process.exit(1);
  });
}
