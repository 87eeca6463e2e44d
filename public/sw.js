// Quire's service worker: a hosted Quire keeps working offline after a
// first visit. public/boot.js registers it (never from disk); its scope is
// the folder it is in, so it works under any sub-path.
//
// It never stores a response it fetched itself. The page puts into the
// cache only what it checked: the app's own files once the app started
// (the browser checked their integrity hashes), and each corpus file once
// the engine checked it against the hash in its name (src/browser.rs,
// `keep`). So a damaged or truncated response can never be kept.
//
// What it answers:
// - files named by their content's hash (`name-<hex>.ext`): the cache
//   first, since such a file never changes; the network if it is not kept;
// - the page itself and data/manifest.bin, which change with each build:
//   the network first, the kept copy when the network fails (offline).
const CACHE = 'quire-v1';
const HASHED = /-[0-9a-f]{8,}(_bg)?\.[a-z]+$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// What the page asks to keep: `put`, a corpus file the engine checked,
// with its bytes; `fetch`, the app's own files, fetched here with the
// integrity hashes the page's tags carry (so the browser checks them).
self.addEventListener('message', (event) => {
  const { put, bytes, fetch: files } = event.data ?? {};
  const inScope = (url) => typeof url === 'string' && url.startsWith(self.registration.scope);
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    if (inScope(put) && bytes instanceof Uint8Array) await cache.put(put, new Response(bytes));
    for (const { url, integrity } of Array.isArray(files) ? files : []) {
      if (!inScope(url) || (await cache.match(url))) continue;
      const response = await fetch(url, integrity ? { integrity } : {});
      if (response.ok) await cache.put(url, response);
    }
  })().catch(() => {}));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(caches.open(CACHE).then(async (cache) => (await cache.match(url.href)) ?? fetch(request)));
    return;
  }
  // The page (any query: the app's state is in it), the manifest.
  const key = request.mode === 'navigate' ? self.registration.scope : url.href;
  event.respondWith(
    fetch(request).catch(async (error) => {
      const kept = await (await caches.open(CACHE)).match(key);
      if (kept) return kept;
      throw error;
    }),
  );
});
