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
  SINGLE_FILE,
  SITE_CSP,
  TEMPLATES,
  WRITTEN_FOR,
  cspHash,
  findStarter,
  postbuild,
  sri,
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

test("the served index.html has the CSP and build id, no inline code, relative links, and the start script with its integrity", async () => {
  const staged = await sample();
  const { writes, buildId } = postbuild({ staged, templates: await templates() });
  const html = writes.get("index.html");
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">`));
  assert.ok(html.includes(`<meta name="build-id" content="${buildId}">`));
  assert.match(buildId, /^[0-9a-f]{16}$/);
  // Trunk's inline starter is gone; the only script is the external start script.
  const scripts = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/g)].map((m) => m[0]);
  assert.equal(scripts.length, 1, scripts.join("\n"));
  const startName = [...writes.keys()].find((n) => /^start-[0-9a-f]{16}\.js$/.test(n));
  assert.ok(startName, "a start-<hash>.js is written");
  assert.equal(
    scripts[0],
    `<script type="module" src="./${startName}" integrity="${sri(Buffer.from(writes.get(startName)))}" crossorigin="anonymous"></script>`,
  );
  assert.doesNotMatch(html, /\b(?:href|src)="\/(?!\/)/, "no root-relative link is left");
  assert.doesNotMatch(html, /rel="(?:preload|modulepreload)"/, "Trunk's preloads are removed");
  assert.match(html, /<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml;base64,/);
  // Every stylesheet is still linked with its integrity.
  const stylesheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
  assert.ok(stylesheets.length >= 1);
  for (const tag of stylesheets) {
    const href = tag.match(/href="\.\/([^"]+)"/)[1];
    assert.ok(tag.includes(`integrity="${sri(staged.get(href))}"`), tag);
  }
});

test("the start script fills every placeholder with this build's names and hashes and parses as a module", async () => {
  const staged = await sample();
  const { writes } = postbuild({ staged, templates: await templates() });
  const [startName, start] = [...writes].find(([n]) => n.startsWith("start-"));
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
    assert.ok(start.includes(expected), `${startName} has ${expected}`);
  }
  assert.doesNotMatch(start, /__[A-Z_]+__/);
  await checkSyntax(start);
});

test("the cohort tool's loader calls wasm-bindgen's no-modules bindings with the current signature", async () => {
  const staged = await sample();
  const trunkLoader = text(staged, COHORT_LOADER);
  assert.ok(trunkLoader.includes(COHORT_BINDINGS) && trunkLoader.includes(COHORT_WASM), trunkLoader);
  const { writes } = postbuild({ staged, templates: await templates() });
  assert.equal(
    writes.get(COHORT_LOADER),
    `self.addEventListener("unhandledrejection", (event) => { throw event.reason; });\n` +
      `importScripts("./${COHORT_BINDINGS}");\nwasm_bindgen({ module_or_path: "./${COHORT_WASM}" });\n`,
  );
  // The bindings it loads declare the global it calls, and take that signature.
  const cohortBindings = text(staged, COHORT_BINDINGS);
  assert.match(cohortBindings, /\bwasm_bindgen\b/);
  assert.match(cohortBindings, /module_or_path/);
  await checkSyntax(cohortBindings, ".cjs");
});

test("the single file has one script (the bindings with the wasm inside, no export) and one style, allowed by hash", async () => {
  const staged = await sample();
  const { writes } = postbuild({ staged, templates: await templates() });
  const single = writes.get(SINGLE_FILE);
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

test("sw.js precaches every file of the site with its integrity, the cohort tool on first use, and parses", async () => {
  const staged = await sample();
  const { writes, buildId } = postbuild({ staged, templates: await templates() });
  const site = new Map([...staged, ...[...writes].map(([n, t]) => [n, Buffer.from(t)])]);
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
  const firstUse = (n) => n.startsWith("cohort-tool") || n === "cohort-example.csv";
  assert.deepEqual(build.files, expected.filter(([n]) => !firstUse(n)));
  assert.deepEqual(build.onFirstUse, expected.filter(([n]) => firstUse(n)));
  assert.ok(build.onFirstUse.some(([n]) => n === COHORT_WASM));
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
