// The harness's browser side: load the wasm engine and the index's manifest; each query
// fetches the parts it needs (dictionary shards, postings, positions only for phrases and
// NEAR, titles of the results shown), checked against the hash in their names.
import init, { Engine } from './pkg/quire_web.js';

let engine;
let base;
// Parts kept in memory past a query: least recently used dropped beyond this.
const BUDGET = 64 << 20;

const get = async (name) => {
  const r = await fetch(base + name);
  if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
};

// The harness's query kinds in Quire's query language: prefix queries get their `*`;
// phrases keep their quotes; typos need nothing (long unknown words are corrected).
function toQuery(q) {
  return q.kind === 'prefix' ? `${q.q}*` : q.q;
}

export default {
  name: 'quire',
  async load(url) {
    base = url;
    const t0 = performance.now();
    const [, manifest] = await Promise.all([init({ module_or_path: base + 'quire_web_bg.wasm' }), get('manifest.bin')]);
    const t1 = performance.now();
    engine = Engine.open(manifest);
    if (engine.bundle) engine.insertBundle(await get(engine.bundle));
    return { fetch_ms: t1 - t0, deserialize_ms: performance.now() - t1 };
  },
  async search(q, { limit = 10 } = {}) {
    const query = toQuery(q);
    // Infinity: the count alone, no titles.
    const shown = limit === Infinity ? 0 : limit;
    engine.evict(BUDGET);
    let out = engine.search(query, shown);
    for (let want = engine.wanted(); want.length; want = engine.wanted()) {
      const files = await Promise.all(want.map(async (name) => [name, await get(name)]));
      for (const [name, bytes] of files) engine.insert(name, bytes);
      out = engine.search(query, shown);
    }
    const flat = out.split('\0');
    const hits = [];
    for (let i = 1; i < flat.length; i += 2) hits.push({ id: flat[i], title: flat[i + 1] });
    return { count: Number(flat[0]), hits };
  },
};
