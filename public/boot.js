// Starts Quire. Trunk writes the module and wasm file names into
// <meta name="quire-js"> and <meta name="quire-wasm"> (see Trunk.toml's
// pattern_script); this external script loads them, so the page needs no
// inline script and runs under a strict Content-Security-Policy. In the
// single-file build (quire.html) the app is in the page instead (see
// below), and this script is inline too, allowed by its hash.
//
// Served over HTTP(S), it registers the service worker (public/sw.js)
// that keeps the app and the corpus files it checked, for offline use.
//
// It also owns the crash panel: when the app cannot start, or stops on an
// internal error (a Rust panic, reported by the app's panic hook as a
// `quire-crash` event, or a WebAssembly trap such as a stack overflow), it
// says which, and offers a way back. The panel is built from DOM nodes and
// text, never from HTML strings. The app itself is dead after a crash, so
// the panel's buttons are plain JavaScript.

/** The page without its query: the start page, with no state. */
const startPage = () => location.pathname;

let stopped = false;

/**
 * Shows the crash panel: `title`, a sentence, the technical `detail`,
 * and, for an internal error, ways back.
 */
function showCrash(kind, detail) {
  const box = document.getElementById('crash');
  if (!box || (stopped && kind !== 'internal')) return;
  stopped = true;
  box.replaceChildren();
  const el = (tag, text, attrs = {}) => {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };
  if (kind === 'internal') {
    box.append(
      el('h2', 'Quire stopped because of an internal error'),
      el('p', 'This view hit a fault and the page no longer responds. Nothing was sent anywhere. '
        + 'You can go back, try the same view again, or start afresh without the state that caused it.'),
    );
    const actions = el('p', '', { class: 'crash-actions' });
    const back = el('button', '← Go back', { type: 'button' });
    back.addEventListener('click', () => history.back());
    const again = el('button', 'Try again', { type: 'button' });
    again.addEventListener('click', () => location.reload());
    const fresh = el('a', 'Start again without this view', { href: startPage() });
    // A full page load: the app's own router must not handle this link.
    fresh.addEventListener('click', (e) => {
      e.preventDefault();
      location.assign(startPage());
    });
    actions.append(back, ' ', again, ' ', fresh);
    box.append(actions);
  } else {
    box.append(
      el('h2', 'Quire could not start in this browser'),
      el('p', 'It needs a browser with WebAssembly: any current Chrome, Firefox, Safari or Edge.'),
    );
  }
  const details = el('details');
  details.append(el('summary', 'Technical details'), el('pre', String(detail)));
  box.append(details);
  box.hidden = false;
  box.scrollIntoView?.({ block: 'start' });
  document.querySelector('#crash button, #crash a')?.focus?.();
}

// The app's panic hook (src/browser.rs) reports panics here.
window.addEventListener('quire-crash', (e) => showCrash('internal', e.detail));
// A WebAssembly trap (stack overflow, out of memory) is no panic: it
// surfaces as an uncaught RuntimeError from whatever event ran the app.
window.addEventListener('error', (e) => {
  if (e.error instanceof WebAssembly.RuntimeError) showCrash('internal', e.error);
});
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof WebAssembly.RuntimeError) showCrash('internal', e.reason);
});

// Leptos clones its compiled view templates through innerHTML: strings from
// the app's own code, never from the corpus, which is only ever inserted as
// text nodes. Trusted Types (required by the page's CSP) route them through
// this policy, which refuses anything that could run script.
// The only script URLs the page passes to a sink: its service worker's,
// and the indexing worker's loader ("Your documents").
const SERVICE_WORKER = 'sw.js';
const SCRIPTS = [SERVICE_WORKER, 'quire-worker_loader.js'];
if (window.trustedTypes?.createPolicy) {
  window.trustedTypes.createPolicy('default', {
    createHTML(html) {
      if (/<(script|iframe|object|embed|link|meta|base|form|style)\b|\son[a-z]+\s*=|javascript:/i.test(html)) {
        throw new TypeError('Quire refused to insert HTML that could run script');
      }
      return html;
    },
    createScriptURL(url) {
      const href = new URL(url, document.baseURI).href;
      if (!SCRIPTS.some((name) => href === new URL(name, document.baseURI).href)) {
        throw new TypeError(`Quire refused to load a script from ${url}`);
      }
      return url;
    },
  });
}
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
// The single-file build (quire.html, opened from disk) carries the app in
// the page: its module, inlined before this one, leaves its `init` in
// `quireInit`, and the wasm is a data block in base64. The normal build
// names its files in meta tags.
const embedded = document.getElementById('quire-wasm');
const fromBase64 = (text) => Uint8Array.fromBase64?.(text.trim())
  ?? Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
// Offline after a first visit (public/sw.js): served over HTTP(S), never
// from disk. The service worker keeps only what the page vouches for: the
// app's files once it started (hashed ones fetched with their integrity
// hashes, the page only if it names this app module), and each corpus file
// once the engine checked its hash (the app's `quire-keep` events).
const offline = !embedded && /^https?:$/.test(location.protocol) && 'serviceWorker' in navigator;
const worker = offline
  ? navigator.serviceWorker.register(SERVICE_WORKER).then(() => navigator.serviceWorker.ready).then((r) => r.active).catch(() => null)
  : Promise.resolve(null);
const keep = (message, transfer = []) => worker.then((w) => w?.postMessage(message, transfer)).catch(() => {});
window.addEventListener('quire-keep', (e) => {
  const { name, bytes } = e.detail ?? {};
  if (offline && typeof name === 'string' && bytes instanceof Uint8Array) {
    keep({ put: new URL(name, document.baseURI).href, bytes }, [bytes.buffer]);
  }
});
// Every corpus file of this build: the worker drops older builds' others.
window.addEventListener('quire-current', (e) => {
  if (offline && Array.isArray(e.detail)) {
    keep({ current: e.detail.filter((n) => typeof n === 'string').map((n) => new URL(n, document.baseURI).href) });
  }
});
/** The app's own files, with the integrity hashes their tags carry; the
 * page itself is kept only if it names this same app module. */
function appFiles() {
  const files = new Map();
  const add = (url, integrity = '') => {
    const key = url && new URL(url, document.baseURI).href;
    if (key && !files.get(key)) files.set(key, integrity);
  };
  for (const el of document.querySelectorAll('link[href], script[src]')) {
    add(el.getAttribute('href') ?? el.getAttribute('src'), el.integrity);
  }
  add(meta('quire-js'));
  add(meta('quire-wasm'));
  // Showing your documents (?src=mine): the indexing worker's files too
  // (named by Trunk after its bin, unhashed), so that files can be added
  // offline. Not for every visitor: its wasm is 1.5 MB.
  if (new URLSearchParams(location.search).get('src') === 'mine') {
    for (const name of ['quire-worker_loader.js', 'quire-worker.js', 'quire-worker_bg.wasm']) add(name);
  }
  const page = { url: new URL('./', document.baseURI).href, integrity: '', expect: meta('quire-js') };
  return [page, ...[...files].map(([url, integrity]) => ({ url, integrity }))];
}
try {
  const init = globalThis.quireInit ?? (await import(meta('quire-js'))).default;
  await init({ module_or_path: embedded ? fromBase64(embedded.textContent) : meta('quire-wasm') });
  if (offline) keep({ fetch: appFiles() });
} catch (error) {
  // A trap while the app started is an internal error; anything else
  // (no WebAssembly, the module could not be fetched or compiled) means
  // this browser cannot run Quire.
  showCrash(error instanceof WebAssembly.RuntimeError ? 'internal' : 'start', error);
}
