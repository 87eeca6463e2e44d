// Keystroke to painted results, in the release app, in Debian's headless
// Chromium: types queries into the search box one key at a time and times
// each key from its input event to the results in the DOM and to the next
// frame. A benchmark, not a test: it prints times and asserts none.
// scripts/bench.sh runs it on the SpamAssassin corpus; alone:
//   node scripts/bench-typing.mjs DIST [ROUNDS]
// where DIST is a release build (`CORPUS_DIR=... trunk build --release --dist DIST`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { serve } = await import(path.join(root, 'tests/e2e/server.mjs'));

const [dist, roundsArg] = process.argv.slice(2);
if (!dist || !fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('usage: node scripts/bench-typing.mjs DIST [ROUNDS]   (DIST: a release build of the app)');
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 3);
// Words, a phrase, a prefix and a typo, typed as people type them.
const QUERIES = ['mortgage rates', '"mailing list"', 'spamassassin razor', 'linux kern', 'pyhton'];

const site = await serve(path.resolve(dist), '/bench/');
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(site.url);
  await page.waitForSelector('input[type=search]');
  await page.evaluate(() => {
    // Per input event: when it was created, when the page changed after
    // it, and when the next frame was done.
    window.__keys = [];
    let open = null;
    new MutationObserver(() => {
      if (open && open.dom === undefined) open.dom = performance.now();
    }).observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true, characterData: true });
    document.addEventListener('input', (e) => {
      const key = { t0: e.timeStamp };
      open = key;
      window.__keys.push(key);
      requestAnimationFrame(() => setTimeout(() => (key.frame = performance.now()), 0));
    }, { capture: true });
  });
  const input = page.locator('input[type=search]');
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      await input.fill('');
      await page.waitForTimeout(300);
      await input.pressSequentially(q, { delay: 120 });
      await page.waitForTimeout(300);
    }
  }
  const keys = (await page.evaluate(() => window.__keys)).filter((k) => k.frame !== undefined);
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${xs[xs.length - 1].toFixed(1)} ms`;
  };
  const toDom = keys.filter((k) => k.dom !== undefined && k.dom < k.frame).map((k) => k.dom - k.t0);
  console.log(`keystroke to results, ${keys.length} keys (${QUERIES.length} queries × ${ROUNDS}), Chromium headless (software raster):`);
  console.log(`  input event to results in the DOM: ${stats(toDom)}`);
  console.log(`  input event to the next frame:     ${stats(keys.map((k) => k.frame - k.t0))}`);
} finally {
  await context.close();
  await site.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
