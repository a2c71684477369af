// The text catalogs as the language tests read them (crates/text/lang/<code>.txt),
// what a view shows, and which English sentences of the catalog it still shows.
// One copy for e2e/languages*.test.mjs.

import { readFileSync } from "node:fs";

export const LANGS = ["en", "de", "fr", "es", "it"];

/** The catalog entries of one language (`key` → text), as the app reads them. */
export function readCatalog(code) {
  const source = readFileSync(new URL(`../crates/text/lang/${code}.txt`, import.meta.url), "utf8");
  const entries = new Map();
  for (const line of source.split("\n")) {
    const match = line.match(/^([a-z0-9_.]+) = (.*)$/);
    if (match) entries.set(match[1], match[2].trim());
  }
  return entries;
}

export const CATALOGS = Object.fromEntries(LANGS.map((code) => [code, readCatalog(code)]));

/**
 * Every visible text under `rootSelector`, every wording attribute
 * (aria-label, title, data-label) and every option's text, with `<details>`
 * opened and whitespace collapsed; leaving out what sits under an element
 * marked lang="en" (a quotation of the paper) and under any of `skipped`
 * (views not moved into the catalog yet).
 */
export async function shownTexts(page, rootSelector, skipped = []) {
  return page.evaluate(
    ([rootSelector, skipped]) => {
      const root = document.querySelector(rootSelector);
      for (const details of root.querySelectorAll("details")) details.open = true;
      const squash = (t) => t.replace(/\s+/g, " ").trim();
      const quoted = (el) =>
        (el.closest("[lang]") !== document.documentElement && el.closest("[lang]")?.getAttribute("lang") === "en") ||
        skipped.some((selector) => el.closest(selector));
      const texts = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest("script, style, template, option") || quoted(el)) continue;
        if (!el.checkVisibility({ visibilityProperty: true }) && !el.closest(".visually-hidden")) continue;
        const text = squash(node.data);
        if (text) texts.push(text);
      }
      for (const el of root.querySelectorAll("[aria-label], [title], [data-label]")) {
        if (quoted(el)) continue;
        for (const name of ["aria-label", "title", "data-label"]) {
          const value = el.getAttribute(name);
          if (value) texts.push(squash(value));
        }
      }
      // Closed selects hide their options; they are read from the markup.
      for (const option of root.querySelectorAll("option")) if (!quoted(option)) texts.push(squash(option.textContent));
      return texts;
    },
    [rootSelector, skipped],
  );
}

/** English catalog sentences of at least four words that `code` words differently, as matchers. */
export function englishSentences(code) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const sentences = [];
  for (const [key, english] of CATALOGS.en) {
    if (english.split(/\s+/).length < 4 || CATALOGS[code].get(key) === english) continue;
    const pattern = escape(english).replace(/\\\{[a-z_]+\\\}/g, ".+?");
    sentences.push({ key, english, matcher: new RegExp(`^${pattern}$`) });
  }
  return sentences;
}

/** The texts that are one of those English sentences, as `key: text`. */
export function englishFound(texts, code) {
  const sentences = englishSentences(code);
  const found = [];
  for (const text of texts) {
    const hit = sentences.find((s) => s.matcher.test(text));
    if (hit) found.push(`${hit.key}: ${text}`);
  }
  return found;
}
