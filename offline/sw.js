// The service worker: makes the app work offline after the first visit.
//
// scripts/postbuild.mjs prepends `const BUILD = { id, files, onFirstUse }`
// to this file: the build id (a hash of the build) and every file of the
// build with its SHA-384 Subresource Integrity hash; `files` are cached at
// install, `onFirstUse` (the cohort tool, issue 5's size budget) when the page
// first asks for them, with the same integrity check. Each build therefore has its own cache,
// `soramic-il-calculator-<build id>`, filled only with files whose bytes match
// that build: a half-deployed update fails to install instead of mixing
// versions. A new version waits until the page asks it to take over (the
// page's "New version available — reload" button), so an open page never
// receives files from another build. The only requests it makes are its own
// same-origin precache fetches at install time and, for an `onFirstUse` file,
// the page's own request.
/* global BUILD */
const PREFIX = "soramic-il-calculator-";
const CACHE = PREFIX + BUILD.id;

/**
 * A file of this build, from the server. `no-cache` revalidates: the page has
 * just downloaded the files the install asks for, and a static host answers
 * "304 Not Modified" instead of sending them twice. `integrity` rejects a file
 * from another build.
 */
function fetchOfThisBuild(path, integrity) {
  return fetch(new Request(path, { cache: "no-cache", integrity }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        BUILD.files.map(async ([path, integrity]) => {
          const response = await fetchOfThisBuild(path, integrity);
          if (!response.ok) throw new Error(`precache ${path}: HTTP ${response.status}`);
          await cache.put(path, response);
        }),
      ),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      // The first install takes control of the page that registered it (same build).
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "activate-update") self.skipWaiting();
});

const scope = new URL(self.registration.scope);
const onFirstUse = new Map(BUILD.onFirstUse);

/** Fetches a file of this build that is cached when first used, and caches it. */
async function fetchOnFirstUse(cache, path, integrity) {
  const response = await fetchOfThisBuild(path, integrity);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      const path = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
      if (onFirstUse.has(path)) return fetchOnFirstUse(cache, path, onFirstUse.get(path));
      // The app's page, cached as the scope's address ("./"), whether asked
      // for as the folder or as index.html, with any query.
      if (request.mode === "navigate" && (path === "" || path === "index.html")) {
        const index = await cache.match("./");
        if (index) return index;
      }
      return fetch(request);
    })(),
  );
});
