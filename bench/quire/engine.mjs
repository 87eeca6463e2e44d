// Quire as one more engine of the peers harness (../shared/bench/peers):
//   scripts/bench.sh   (builds what this needs, then runs the harness with --extra-engines bench/quire)
// build() indexes the corpus with the native `quire-index` (crates/indexer), which writes the
// same files the app serves from its data/ folder (a manifest, then parts named by the hash of
// their content, fetched on demand), and copies the engine's wasm module (crates/web, built by
// scripts/bench.sh) next to them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const indexer = path.join(root, 'target/release/quire-index');
const pkg = path.join(here, 'pkg');

export const name = 'quire';
export const browserEntry = 'browser.js';
export const features = {
  snippets: 'yes (engine spans of every matched token; snippets as data) — not used in this timing',
  phrase: 'yes ("quoted", anywhere in the query; positional index, fetched only for phrases)',
  prefix: 'yes (word*, fst range across dictionary shards)',
  fuzzy: 'yes (word~ / word~2; long words with no match are corrected automatically, Damerau-Levenshtein automata over the fst shards)',
  stemming: 'yes (English Snowball; terms stay unstemmed for prefix and fuzzy)',
  stopwords: 'no (every word is indexed, for phrases)',
  and_semantics: 'AND by default, across fields (title, body, metadata); OR, NOT, NEAR, field: and date: too',
};

export async function build({ docs, outDir }) {
  for (const f of [indexer, path.join(pkg, 'quire_web_bg.wasm')]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run scripts/bench.sh, which builds it`);
  }
  const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));
  fs.writeFileSync(path.join(corpus, 'corpus.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n'));
  // The whole build, corpus analysis (reuse, quotes, similarity) included, as the app ships it.
  const out = execFileSync(indexer, [corpus, outDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  fs.rmSync(corpus, { recursive: true, force: true });
  for (const f of ['quire_web_bg.wasm']) fs.copyFileSync(path.join(pkg, f), path.join(outDir, f));
  const { build_ms, serialize_ms, peak_mb } = JSON.parse(out.trim().split('\n').pop());
  return { build_ms, serialize_ms, peak_mb };
}

// The engine's code is the bundle; document text and titles are the store (fetched for the
// results shown); the corpus analysis serves the reuse, quotes and similarity views, never search.
export function classify(rel) {
  if (rel.endsWith('.wasm') || rel.endsWith('.js')) return 'bundle';
  if (/^(docs|titles)-/.test(rel)) return 'store';
  if (/^(reuse|quotes|similar)-/.test(rel)) return 'unused';
  return 'index';
}
