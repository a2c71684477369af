// ESLint (pinned in package.json) for the JavaScript that builds and ships the
// site: the post-build steps, the templates they fill in, and their tests.
// Run by scripts/test.sh: `eslint --max-warnings 0`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["dist/", "target/", "fuzz/", "node_modules/", "scripts/test/sample/"] },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  // Node scripts: the build hook, the prerenderer, tools and their tests.
  {
    files: ["**/*.mjs", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
  // Its page.evaluate() callbacks run in the page, not in Node.
  {
    files: ["scripts/prerender.mjs"],
    languageOptions: { globals: { ...globals.node, document: "readonly" } },
  },
  // The start script: a module in the page. postbuild.mjs appends
  // offline/cohort-tool.js to it, which declares `installCohortTool`.
  {
    files: ["offline/start.js"],
    languageOptions: {
      sourceType: "module",
      globals: { ...globals.browser, installCohortTool: "readonly" },
    },
  },
  // Pasted into the start script and into the single file's script: its one
  // top-level function is used there, not here.
  {
    files: ["offline/cohort-tool.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
    rules: { "no-unused-vars": ["error", { vars: "local" }] },
  },
  // The service worker (a classic worker script; postbuild.mjs prepends BUILD).
  {
    files: ["offline/sw.js"],
    languageOptions: { sourceType: "script", globals: globals.serviceworker },
  },
];
