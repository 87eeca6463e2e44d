// The comparison target in the browser: two documents of about 10,000 words
// each, compared by the engine's wasm module (crates/web, `Comparer`) in
// Debian's headless Chromium; then, with --app, the whole compare view: the
// release app built with a corpus of just those two documents, timed from a
// click on a compare link to the painted grid. A benchmark, not a test: it
// prints times and asserts none. Run by scripts/bench.sh, which builds
// bench/quire/pkg-compare first; alone:
//   node scripts/bench-compare.mjs CORPUS.jsonl [RUNS] [--app]
// QUIRE_BENCH_KEEP=1 keeps the pair's corpus and build (its folder is
// printed); QUIRE_BENCH_DIST=DIR times an app already built from that corpus.
//
// The pair is the one `cargo bench -p quire-engine` measures natively
// (crates/engine/benches/engine.rs, `long_pair`): A is the corpus's first
// bodies of 50 words or more, in order, until 10,000 words; B alternates A's
// even-numbered bodies, one word in 25 changed, with bodies A does not use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, start, timeStats } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2);
const withApp = args.includes('--app');
const [corpus, runsArg] = args.filter((a) => a !== '--app');
if (!corpus) {
  console.error('usage: node scripts/bench-compare.mjs CORPUS.jsonl [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg ?? 30);
const WORDS = 10_000;

const words = (s) => s.split(/\s+/).filter(Boolean);
const bodies = fs
  .readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line).body ?? '')
  .filter((body) => words(body).length >= 50);
const count = (parts) => parts.reduce((n, p) => n + words(p).length, 0);
const a = [];
let k = 0;
while (count(a) < WORDS && bodies.length) a.push(bodies[k++ % bodies.length]);
const edited = (body) => words(body).map((w, i) => (i % 25 === 24 ? 'changed' : w)).join(' ');
const b = [];
for (let i = 0, fresh = k; count(b) < WORDS && bodies.length; fresh++) {
  if (i < k) {
    b.push(edited(bodies[i % bodies.length]));
    i += 2;
  }
  b.push(bodies[fresh % bodies.length]);
}
const [textA, textB] = [a.join('\n\n'), b.join('\n\n')];

// The engine alone: the module and an empty page, served from one origin.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-compare-'));
for (const f of ['quire_web.js', 'quire_web_bg.wasm']) {
  const from = path.join(root, 'bench/quire/pkg-compare', f);
  if (!fs.existsSync(from)) throw new Error(`${from} is missing: run scripts/bench.sh, which builds it`);
  fs.copyFileSync(from, path.join(site, f));
}
fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>compare bench</title>');
const bench = await start(site);
try {
  await bench.page.goto(bench.server.url);
  const result = await bench.page.evaluate(
    async ({ base, textA, textB, runs }) => {
      const { default: init, Comparer } = await import(base + 'quire_web.js');
      await init({ module_or_path: base + 'quire_web_bg.wasm' });
      const comparer = new Comparer();
      let summary;
      for (let i = 0; i < 3; i++) summary = comparer.compare(textA, textB); // warm-up
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        comparer.compare(textA, textB);
        times.push(performance.now() - t);
      }
      return { summary, times };
    },
    { base: bench.server.url, textA, textB, runs: RUNS },
  );
  const [passages, near, rows, similarity] = result.summary.split(' ');
  console.log(`compare two documents (${count(a)} and ${count(b)} words) in Chromium, ${RUNS} runs after 3 warm-ups:`);
  console.log(`  ${timeStats(result.times)}`);
  console.log(`  ${passages} shared passages (${near} near-matches), ${rows} aligned rows, similarity ${similarity}`);
  console.log('  (engine work only: analysis of both texts, passages, near-match diffs and rows; not the DOM)');
} finally {
  await bench.close();
  fs.rmSync(site, { recursive: true, force: true });
}
if (withApp) await app(Math.min(RUNS, 10));

/** The compare view of the release app, with the pair as its corpus. */
async function app(runs) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-app-'));
  let dist = process.env.QUIRE_BENCH_DIST;
  if (!dist) {
    const corpusDir = path.join(work, 'corpus');
    fs.mkdirSync(corpusDir);
    fs.writeFileSync(path.join(corpusDir, 'a.md'), `+++\ntitle = "Document A"\n+++\n${textA}\n`);
    fs.writeFileSync(path.join(corpusDir, 'b.md'), `+++\ntitle = "Document B"\n+++\n${textB}\n`);
    dist = path.join(work, 'dist');
    console.log('building the release app with the pair as its corpus (trunk build --release)...');
    execFileSync('trunk', ['build', '--release', '--dist', dist], {
      cwd: root,
      env: { ...process.env, CORPUS_DIR: corpusDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const view = await start(dist);
  try {
    await view.open();
    const times = await view.page.evaluate(async (runs) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const until = async (test) => {
        while (!test()) await new Promise((r) => setTimeout(r, 0));
      };
      const go = (href) => {
        const link = document.createElement('a');
        link.href = href;
        document.body.append(link);
        link.click();
        link.remove();
      };
      const out = [];
      for (let i = 0; i < runs + 1; i++) {
        go('?q=');
        await until(() => !document.querySelector('.compare-grid'));
        await frame();
        const t = performance.now();
        go('?cmp=a&cmp=b');
        await until(() => document.querySelector('.compare-grid mark[data-passage]'));
        const inDom = performance.now() - t;
        await frame(); // laid out and painted
        if (i > 0) out.push([performance.now() - t, inDom]); // the first run warms up
      }
      return out;
    }, runs);
    for (const problem of view.problems) console.error(problem);
    console.log(`compare view of the same two documents in the app, ${runs} runs after 1 warm-up:`);
    console.log(`  to the first painted frame: ${timeStats(times.map((t) => t[0]), 0)}`);
    console.log(`  to the grid in the DOM:     ${timeStats(times.map((t) => t[1]), 0)}`);
    console.log('  (click on a compare link to the first painted frame: comparison, aligned rows and marks in the DOM, layout)');
  } finally {
    await view.close();
    if (process.env.QUIRE_BENCH_KEEP) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}
