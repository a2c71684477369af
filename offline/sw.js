// The service worker: makes the app work offline after the first visit.
//
// scripts/postbuild.mjs prepends `const BUILD = { id, files }` to this file:
// the build id (a hash of the build) and every file of the build with its
// SHA-384 Subresource Integrity hash. Each build therefore has its own cache,
// `soramic-il-calculator-<build id>`, filled only with files whose bytes match
// that build: a half-deployed update fails to install instead of mixing
// versions. A new version waits until the page asks it to take over (the
// page's "New version available — reload" button), so an open page never
// receives files from another build. The only requests it makes are its own
// same-origin precache fetches at install time.
/* global BUILD */
const PREFIX = "soramic-il-calculator-";
const CACHE = PREFIX + BUILD.id;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        BUILD.files.map(async ([path, integrity]) => {
          // `reload` skips the HTTP cache; `integrity` rejects a file from another build.
          const response = await fetch(new Request(path, { cache: "reload", integrity }));
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
      // The app's address itself (the scope, any query) is index.html.
      if (request.mode === "navigate" && url.pathname === scope.pathname) {
        const index = await cache.match("index.html");
        if (index) return index;
      }
      return fetch(request);
    })(),
  );
});
