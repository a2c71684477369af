// The post-build steps (scripts/postbuild.mjs) on a saved sample of what
// Trunk and wasm-bindgen write (scripts/test/sample/, see its README.md), so
// that a tool upgrade that changes their output fails here, with a message
// naming the versions, rather than leaving a broken page.
//   node --test scripts/test/*.test.mjs
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runInNewContext } from "node:vm";
import {
  COHORT_BINDINGS,
  COHORT_LOADER,
  COHORT_WASM,
  PostbuildError,
  WORKERS,
  SINGLE_FILE,
  TEMPLATES,
  WRITTEN_FOR,
  checkInlineCode,
  cspHash,
  findStarter,
  postbuild,
  siteCsp,
  sri,
  withoutCssComments,
} from "../postbuild.mjs";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SAMPLE = fileURLToPath(new URL("sample/", import.meta.url));

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
  }
  return out.sort();
}

/** The sample as Trunk staged it: name → bytes (its README.md and VERSIONS are ours, not Trunk's). */
async function sample() {
  const staged = new Map();
  for (const name of await listFiles(SAMPLE)) {
    if (name === "README.md" || name === "VERSIONS") continue;
    staged.set(name, await readFile(join(SAMPLE, name)));
  }
  return staged;
}

async function templates() {
  const map = new Map();
  for (const path of [...TEMPLATES, "static/icons/icon.svg"]) map.set(path, await readFile(join(ROOT, path), "utf8"));
  return map;
}

const text = (staged, name) => staged.get(name).toString("utf8");

/** `node --check` on `source` as an ES module (or a classic script): throws on a syntax error. */
async function checkSyntax(source, ext = ".mjs") {
  const dir = await mkdtemp(join(tmpdir(), "postbuild-test-"));
  try {
    const file = join(dir, `script${ext}`);
    await writeFile(file, source);
    await run(process.execPath, ["--check", file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("the sample was written by the tool versions the build pins and postbuild.mjs is written for", async () => {
  const versions = Object.fromEntries(
    (await readFile(join(SAMPLE, "VERSIONS"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => line.split(/\s+/)),
  );
  const setup = await readFile(join(ROOT, "scripts/setup.sh"), "utf8");
  const trunk = setup.match(/^TRUNK_VERSION=(\S+)/m)?.[1];
  const wasmBindgen = setup.match(/^WASM_BINDGEN_VERSION=(\S+)/m)?.[1];
  const trunkToml = await readFile(join(ROOT, "Trunk.toml"), "utf8");
  const cargoToml = await readFile(join(ROOT, "Cargo.toml"), "utf8");
  const upgrade =
    "a tool was upgraded: save a new sample of its output (scripts/test/sample/README.md), " +
    "run these tests, adapt scripts/postbuild.mjs and its WRITTEN_FOR";
  assert.equal(trunk, versions.trunk, `scripts/setup.sh installs Trunk ${trunk}, the sample is Trunk ${versions.trunk}'s: ${upgrade}`);
  assert.equal(wasmBindgen, versions["wasm-bindgen"], `scripts/setup.sh installs wasm-bindgen ${wasmBindgen}, the sample is ${versions["wasm-bindgen"]}'s: ${upgrade}`);
  assert.match(trunkToml, new RegExp(`^wasm_bindgen = "${versions["wasm-bindgen"]}"$`, "m"), `Trunk.toml's wasm_bindgen: ${upgrade}`);
  assert.match(cargoToml, new RegExp(`^wasm-bindgen = "=${versions["wasm-bindgen"]}"$`, "m"), `Cargo.toml's wasm-bindgen: ${upgrade}`);
  assert.deepEqual(WRITTEN_FOR, { trunk: versions.trunk, wasmBindgen: versions["wasm-bindgen"] }, upgrade);
});

test("Trunk's starter names the bindings and the wasm of the sample", async () => {
  const staged = await sample();
  const { bindingsName, wasmName } = findStarter(text(staged, "index.html"));
  assert.ok(staged.has(bindingsName), `${bindingsName} is in the sample`);
  assert.ok(staged.has(wasmName), `${wasmName} is in the sample`);
  assert.match(bindingsName, /^soramic-il-calculator-[0-9a-f]+\.js$/);
  assert.match(wasmName, /^soramic-il-calculator-[0-9a-f]+_bg\.wasm$/);
});

/** The sample's stylesheets, in the order Trunk links them. */
const stylesheetsOf = (staged) => [...text(staged, "index.html").matchAll(/<link rel="stylesheet" href="\/([^"]+)"/g)].map((m) => m[1]);
const inlineScripts = (page) => [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attributes: m[1], body: m[2] }));
const inlineStyles = (page) => [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
/** The page's markup without the text of its inline script and style. */
const markupOf = (page) => page.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/g, "$1$2").replace(/(<style>)[\s\S]*?(<\/style>)/g, "$1$2");

test("the served index.html carries what its first paint needs: the style sheets and the start script inline, allowed by their hashes", async () => {
  const staged = await sample();
  const { writes, removes, buildId } = postbuild({ staged, templates: await templates() });
  const html = writes.get("index.html");
  // Trunk's inline starter is gone; the only script is the start script, inline.
  const scripts = inlineScripts(html);
  assert.equal(scripts.length, 1, html);
  assert.equal(scripts[0].attributes, ' type="module"');
  // Both of Trunk's stylesheets, in order and without their comments, in one <style>; no link left.
  const sheets = stylesheetsOf(staged);
  assert.equal(sheets.length, 2, "the sample links style.css and offline.css");
  const styles = inlineStyles(html);
  const comments = /\/\*[\s\S]*?\*\//g;
  assert.ok(sheets.every((name) => text(staged, name).includes("/*")), "the sample's sheets have comments");
  assert.deepEqual(styles, [sheets.map((name) => `${text(staged, name).replace(comments, "")}\n`).join("")]);
  assert.doesNotMatch(styles[0], /\/\*|\*\//, "no comment is left");
  assert.ok(styles[0].includes(".update-notice {") && styles[0].includes(":root {"), "the rules of both sheets are there");
  const markup = markupOf(html);
  assert.doesNotMatch(markup, /rel="stylesheet"/);
  assert.deepEqual([...removes].sort(), [...sheets].sort(), "the inlined stylesheets are not shipped");
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${siteCsp(cspHash(scripts[0].body), cspHash(styles[0]))}">`));
  assert.ok(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"), "the policy comes before what it governs");
  assert.ok(html.includes(`<meta name="build-id" content="${buildId}">`));
  assert.match(buildId, /^[0-9a-f]{16}$/);
  assert.doesNotMatch(markup, /\b(?:href|src)="\/(?!\/)/, "no root-relative link is left");
  assert.doesNotMatch(markup, /rel="(?:preload|modulepreload)"/, "Trunk's preloads are removed");
  assert.match(markup, /<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml;base64,/);
  assert.doesNotThrow(() => checkInlineCode(html, "index.html"));
});

test("an inline script or style not allowed by its hash, a style attribute or an event handler fails the build", async () => {
  const staged = await sample();
  const html = postbuild({ staged, templates: await templates() }).writes.get("index.html");
  const fails = (page, pattern) => assert.throws(() => checkInlineCode(page, "index.html"), (e) => e instanceof PostbuildError && pattern.test(e.message));
  fails(html.replace('<script type="module">', '<script type="module">void 0;'), /inline script <script type="module">.* not allowed by its hash/s);
  fails(html.replace("<style>", "<style>p{}"), /inline style <style>.* not allowed by its hash/s);
  fails(html.replace("</head>", '<script>alert(1)</script></head>'), /inline script <script>alert/);
  fails(html.replace("<body>", '<body style="color: red">'), /a style attribute/);
  fails(html.replace("<body>", '<body onload="go()">'), /an inline event handler/);
});

test("a style sheet whose comments cannot be stripped safely fails the build", () => {
  assert.equal(withoutCssComments("a { b: c } /* why */ d { e: f }", "x.css"), "a { b: c }  d { e: f }");
  for (const css of ['a::before { content: "/* not a comment */" }', "a { background: url(x/*y.png) }"]) {
    assert.throws(() => withoutCssComments(css, "x.css"), /x\.css has "\/\*" inside a string or url\(\)/, css);
  }
});

test("a style sheet or start script that would end its inline element early fails the build", async () => {
  const staged = await sample();
  const t = await templates();
  const [css] = stylesheetsOf(staged);
  const endsStyle = new Map(staged).set(css, Buffer.from("p { color: red } </style><script>alert(1)</script>"));
  // (Its integrity in index.html must match, as Trunk writes it.)
  const html = text(staged, "index.html").replace(/(href="\/[^"]+\.css" integrity=")[^"]+/, (m, start) => (m.includes(css) ? `${start}${sri(endsStyle.get(css))}` : m));
  endsStyle.set("index.html", Buffer.from(html));
  assert.throws(() => postbuild({ staged: endsStyle, templates: t }), /contains <\/script, <\/style or <!--/);
  const endsScript = new Map(t).set("offline/start.js", `${t.get("offline/start.js")}\n// "</script>"\n`);
  assert.throws(() => postbuild({ staged, templates: endsScript }), /offline\/start\.js contains <\/script/);
});

test("the start script fills every placeholder with this build's names and hashes and parses as a module", async () => {
  const staged = await sample();
  const { writes } = postbuild({ staged, templates: await templates() });
  const [{ body: start }] = inlineScripts(writes.get("index.html"));
  const { bindingsName, wasmName } = findStarter(text(staged, "index.html"));
  for (const expected of [
    `"./${bindingsName}"`,
    `"${sri(staged.get(bindingsName))}"`,
    `"./${wasmName}"`,
    `"${sri(staged.get(wasmName))}"`,
    `"./${COHORT_BINDINGS}"`,
    `"${sri(staged.get(COHORT_BINDINGS))}"`,
    `"./${COHORT_WASM}"`,
    `"${sri(staged.get(COHORT_WASM))}"`,
    "function installCohortTool(",
  ]) {
    assert.ok(start.includes(expected), `the start script has ${expected}`);
  }
  assert.doesNotMatch(start, /__[A-Z_]+__/);
  assert.deepEqual([...writes.keys()].filter((n) => n.startsWith("start-")), [], "no separate start script file");
  await checkSyntax(start);
});

test("each worker's loader (the cohort tool's, the workbook reader's) calls wasm-bindgen's no-modules bindings with the current signature", async () => {
  const staged = await sample();
  const { writes } = postbuild({ staged, templates: await templates() });
  assert.deepEqual(
    WORKERS.map((w) => w.loader),
    [COHORT_LOADER, "workbook-reader_loader.js"],
  );
  for (const { loader, bindings, wasm } of WORKERS) {
    const trunkLoader = text(staged, loader);
    assert.ok(trunkLoader.includes(bindings) && trunkLoader.includes(wasm), trunkLoader);
    assert.equal(
      writes.get(loader),
      `self.addEventListener("unhandledrejection", (event) => { throw event.reason; });\n` +
        `importScripts("./${bindings}");\nwasm_bindgen({ module_or_path: "./${wasm}" });\n`,
    );
    // The bindings it loads declare the global it calls, and take that signature.
    const workerBindings = text(staged, bindings);
    assert.match(workerBindings, /\bwasm_bindgen\b/);
    assert.match(workerBindings, /module_or_path/);
    await checkSyntax(workerBindings, ".cjs");
  }
});

test("the single file has one script (the bindings with the wasm inside, no export) and the site's style, allowed by hash", async () => {
  const staged = await sample();
  const { writes } = postbuild({ staged, templates: await templates() });
  const single = writes.get(SINGLE_FILE);
  assert.deepEqual(inlineStyles(single), inlineStyles(writes.get("index.html")));
  const scripts = [...single.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...single.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  assert.equal((single.match(/<script\b/g) ?? []).length, 1);
  assert.doesNotMatch(single, /<link\b(?![^>]*rel="icon")/, "nothing is linked but the inlined icon");
  const csp = single.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.ok(csp.includes(`script-src '${cspHash(scripts[0])}' 'wasm-unsafe-eval'`), csp);
  assert.ok(csp.includes(`style-src '${cspHash(styles[0])}'`), csp);
  assert.ok(csp.includes("connect-src 'none'"), csp);
  const { wasmName } = findStarter(text(staged, "index.html"));
  assert.ok(scripts[0].includes(`"${staged.get(wasmName).toString("base64")}"`), "the wasm is inside as base64");
  assert.ok(scripts[0].includes(`"${staged.get(COHORT_WASM).toString("base64")}"`), "the cohort tool's wasm too");
  assert.doesNotMatch(scripts[0], /^export\b/m, "the bindings' export list is removed");
  await checkSyntax(scripts[0]);
});

test("sw.js precaches every file of the site with its integrity, the cohort tool and the workbook reader on first use, and parses", async () => {
  const staged = await sample();
  const { writes, removes, buildId } = postbuild({ staged, templates: await templates() });
  const site = new Map([...staged, ...[...writes].map(([n, t]) => [n, Buffer.from(t)])]);
  for (const name of removes) site.delete(name);
  assert.ok(![...site.keys()].some((n) => n.endsWith(".css")), "the stylesheets are inside index.html, not precached");
  const sw = writes.get("sw.js");
  assert.ok(sw.startsWith("const BUILD = {"), sw.slice(0, 80));
  // The object literal, evaluated on its own (JSON round trip: plain arrays of this realm).
  const literal = sw.slice("const BUILD = ".length, sw.indexOf("};\n") + 1);
  const build = JSON.parse(JSON.stringify(runInNewContext(`(${literal})`)));
  assert.equal(build.id, buildId);
  const expected = [...site.keys()]
    .filter((n) => n !== "sw.js" && n !== SINGLE_FILE && !/^icons\/.*\.png$/.test(n))
    .sort()
    .map((n) => [n === "index.html" ? "./" : n, sri(site.get(n))]);
  const firstUse = (n) => n.startsWith("cohort-tool") || n.startsWith("workbook-reader") || n === "cohort-example.csv";
  assert.deepEqual(build.files, expected.filter(([n]) => !firstUse(n)));
  assert.deepEqual(build.onFirstUse, expected.filter(([n]) => firstUse(n)));
  assert.ok(build.onFirstUse.some(([n]) => n === COHORT_WASM));
  assert.ok(build.onFirstUse.some(([n]) => n === "workbook-reader_bg.wasm"));
  await checkSyntax(sw, ".cjs");
});

test("the build id changes with any byte of Trunk's output and stays the same otherwise", async () => {
  const staged = await sample();
  const t = await templates();
  const { buildId } = postbuild({ staged, templates: t });
  assert.equal(postbuild({ staged: await sample(), templates: t }).buildId, buildId);
  const css = [...staged.keys()].find((n) => n.endsWith(".css"));
  const changed = new Map(staged).set(css, Buffer.concat([staged.get(css), Buffer.from(" ")]));
  assert.throws(() => postbuild({ staged: changed, templates: t }), /wrong integrity/, "a changed stylesheet fails its integrity");
  const { wasmName } = findStarter(text(staged, "index.html"));
  const otherWasm = new Map(staged).set(wasmName, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0]));
  assert.notEqual(postbuild({ staged: otherWasm, templates: t }).buildId, buildId);
});

// What a tool upgrade could change: each fails the build with a message
// naming the versions the script is written for.
const namesTheVersions = (pattern) => (error) =>
  error instanceof PostbuildError &&
  pattern.test(error.message) &&
  error.message.includes(`Trunk ${WRITTEN_FOR.trunk}`) &&
  error.message.includes(`wasm-bindgen ${WRITTEN_FOR.wasmBindgen}`);

test("a different Trunk starter fails the build with a message naming the tool versions", async () => {
  const staged = await sample();
  const t = await templates();
  const html = text(staged, "index.html");
  const noModuleOrPath = new Map(staged).set("index.html", Buffer.from(html.replace(/module_or_path:\s*/, "")));
  assert.throws(() => postbuild({ staged: noModuleOrPath, templates: t }), namesTheVersions(/bindings and wasm names/));
  const twoScripts = new Map(staged).set("index.html", Buffer.from(html.replace("</head>", "<script>1</script></head>")));
  assert.throws(() => postbuild({ staged: twoScripts, templates: t }), namesTheVersions(/one inline starter script in index.html, found 2/));
});

test("bindings without wasm-bindgen's export list fail the build with a message naming the tool versions", async () => {
  const staged = await sample();
  const { bindingsName } = findStarter(text(staged, "index.html"));
  const bindings = text(staged, bindingsName).replace(/^export\s*\{[^}]*\};?\s*$/m, "");
  const changed = new Map(staged).set(bindingsName, Buffer.from(bindings));
  const t = await templates();
  assert.throws(() => postbuild({ staged: changed, templates: t }), namesTheVersions(/no default export/));
});

test("stylesheets that Trunk no longer links with a root-relative href and integrity fail the build with a message naming the tool versions", async () => {
  const staged = await sample();
  const t = await templates();
  const html = text(staged, "index.html");
  const noSheets = new Map(staged).set("index.html", Buffer.from(html.replace(/<link rel="stylesheet"[^>]*>/g, "")));
  assert.throws(() => postbuild({ staged: noSheets, templates: t }), namesTheVersions(/links no stylesheet/));
  const absolute = new Map(staged).set("index.html", Buffer.from(html.replace(/<link rel="stylesheet" href="\//, '<link rel="stylesheet" href="https://cdn.example/')));
  assert.throws(() => postbuild({ staged: absolute, templates: t }), namesTheVersions(/stylesheet link without a root-relative href/));
  const noIntegrity = new Map(staged).set("index.html", Buffer.from(html.replace(/(<link rel="stylesheet"[^>]*?) integrity="[^"]*"/, "$1")));
  assert.throws(() => postbuild({ staged: noIntegrity, templates: t }), namesTheVersions(/missing or wrong integrity/));
});

test("a cohort loader that loads other files fails the build with a message naming the tool versions", async () => {
  const staged = await sample();
  const changed = new Map(staged).set(COHORT_LOADER, Buffer.from('importScripts("./other.js");\n'));
  const t = await templates();
  assert.throws(() => postbuild({ staged: changed, templates: t }), namesTheVersions(/does not load/));
});

test("the hook renders the static first paint for release builds only: a debug build is post-processed without it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "postbuild-debug-"));
  try {
    await cp(SAMPLE, dir, { recursive: true });
    const { stdout } = await run(process.execPath, [join(ROOT, "scripts/postbuild.mjs")], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: "debug" },
    });
    assert.match(stdout, /debug build: no static first paint/);
    assert.match(stdout, /postbuild: build [0-9a-f]{16};/);
    const html = await readFile(join(dir, "index.html"), "utf8");
    assert.doesNotMatch(html, /data-prerendered/);
    assert.match(html, /<meta name="build-id"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the hook reports a problem as one line naming the file, and fails", async () => {
  const dir = await mkdtemp(join(tmpdir(), "postbuild-fail-"));
  try {
    await cp(SAMPLE, dir, { recursive: true });
    await rm(join(dir, COHORT_WASM));
    const failed = await run(process.execPath, [join(ROOT, "scripts/postbuild.mjs")], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: "debug" },
    }).then(
      () => null,
      (error) => error,
    );
    assert.ok(failed, "the hook fails");
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, new RegExp(`^postbuild: no ${COHORT_WASM}$`, "m"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
