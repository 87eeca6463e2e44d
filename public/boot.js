// Starts Quire. Trunk writes the module and wasm file names into
// <meta name="quire-js"> and <meta name="quire-wasm"> (see Trunk.toml's
// pattern_script); this external script loads them, so the page needs no
// inline script and runs under a strict Content-Security-Policy.
const crash = (message) => {
  const box = document.getElementById('crash');
  if (box) {
    box.textContent = message;
    box.hidden = false;
  }
};
// Leptos clones its compiled view templates through innerHTML: strings from
// the app's own code, never from the corpus, which is only ever inserted as
// text nodes. Trusted Types (required by the page's CSP) route them through
// this policy, which refuses anything that could run script.
if (window.trustedTypes?.createPolicy) {
  window.trustedTypes.createPolicy('default', {
    createHTML(html) {
      if (/<(script|iframe|object|embed|link|meta|base|form|style)\b|\son[a-z]+\s*=|javascript:/i.test(html)) {
        throw new TypeError('Quire refused to insert HTML that could run script');
      }
      return html;
    },
  });
}
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
try {
  const { default: init } = await import(meta('quire-js'));
  await init({ module_or_path: meta('quire-wasm') });
} catch (error) {
  crash(`Quire could not start in this browser: ${error}. It needs a browser with WebAssembly (any current Chrome, Firefox, Safari or Edge).`);
}
