// Quire's service worker: a hosted Quire keeps working offline after a
// first visit. public/boot.js registers it (never from disk); its scope is
// the folder it is in, so it works under any sub-path.
//
// It stores only what the page vouches for:
// - each corpus file once the engine checked it against the hash in its
//   name (the page hands over the bytes: src/browser.rs, `keep`);
// - the app's files once the app started, which it fetches itself: hashed
//   files with the integrity hashes the page's tags carry (the browser
//   checks them); the page itself only when it names the same app module
//   as the page that is running (not a captive portal's page, nor a newer
//   build's whose files were never fetched). Files without a hash in their
//   name (the page, the web app manifest, the icon, data/manifest.bin) are
//   stored again on every visit; the app's hashed files of older builds
//   are dropped then, and so are corpus files the running build does not
//   have (the page lists them all once its manifest is read).
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
// integrity hashes the page's tags carry (so the browser checks them);
// `current`, every corpus file of the running build (others are dropped).
self.addEventListener('message', (event) => {
  const { put, bytes, fetch: files, current: data } = event.data ?? {};
  /** The URL, resolved, when it is inside this worker's scope. */
  const inScope = (url) => {
    try {
      const href = new URL(url, self.registration.scope).href;
      return href.startsWith(self.registration.scope) ? href : null;
    } catch {
      return null;
    }
  };
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const putUrl = inScope(put);
    if (putUrl && bytes instanceof Uint8Array) await cache.put(putUrl, new Response(bytes));
    if (Array.isArray(data)) {
      // The corpus files of the build that is running: any other under
      // data/ is an older build's.
      const keepData = new Set(data.map(inScope).filter(Boolean));
      const folder = new URL('data/', self.registration.scope).href;
      for (const request of await cache.keys()) {
        if (request.url.startsWith(folder) && !keepData.has(request.url)) await cache.delete(request);
      }
    }
    if (!Array.isArray(files)) return;
    const current = new Set();
    for (const { url, integrity, expect } of files) {
      const href = inScope(url);
      if (!href) continue;
      current.add(href);
      const hashed = HASHED.test(new URL(href).pathname);
      if (hashed && (await cache.match(href))) continue;
      // One file that fails (offline again, an integrity mismatch) does
      // not stop the others.
      try {
        const response = await fetch(href, integrity ? { integrity, cache: 'no-cache' } : { cache: 'no-cache' });
        if (!response.ok) continue;
        if (expect && !(await response.clone().text()).includes(expect)) continue;
        await cache.put(href, response);
      } catch {
        continue;
      }
    }
    // The app's hashed files of older builds (not the corpus's: data/).
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (HASHED.test(path) && !path.includes('/data/') && !current.has(request.url)) await cache.delete(request);
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
