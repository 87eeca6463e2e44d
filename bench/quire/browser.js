// The harness's browser side: load the wasm engine and index.bin, answer queries.
import init, { Engine } from './pkg/quire_web.js';

let engine;

// The harness's query kinds in Quire's query language: prefix queries get their `*`;
// phrases keep their quotes; typos need nothing (long unknown words are corrected).
function toQuery(q) {
  return q.kind === 'prefix' ? `${q.q}*` : q.q;
}

export default {
  name: 'quire',
  async load(base) {
    const t0 = performance.now();
    const [, bytes] = await Promise.all([
      init({ module_or_path: base + 'quire_web_bg.wasm' }),
      fetch(base + 'index.bin').then((r) => r.arrayBuffer()),
    ]);
    const t1 = performance.now();
    engine = new Engine(new Uint8Array(bytes));
    return { fetch_ms: t1 - t0, deserialize_ms: performance.now() - t1 };
  },
  search(q, { limit = 10 } = {}) {
    const flat = engine.search(toQuery(q), limit).split('\0');
    const hits = [];
    for (let i = 1; i < flat.length; i += 2) hits.push({ id: flat[i], title: flat[i + 1] });
    return { count: Number(flat[0]), hits };
  },
};
