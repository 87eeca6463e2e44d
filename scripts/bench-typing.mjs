// Keystroke to painted results, in the release app, in Debian's headless
// Chromium: types queries into the search box one key at a time and times
// each key from its input event to the results in the DOM and to the next
// frame. A benchmark, not a test: it prints times and asserts none.
// scripts/bench.sh runs it on the SpamAssassin corpus; alone:
//   node scripts/bench-typing.mjs DIST [ROUNDS]
// where DIST is a release build (`CORPUS_DIR=... trunk build --release --dist DIST`).
import fs from 'node:fs';
import path from 'node:path';
import { start, timeStats } from '../tests/e2e/helpers.mjs';

const [dist, roundsArg] = process.argv.slice(2);
if (!dist || !fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('usage: node scripts/bench-typing.mjs DIST [ROUNDS]   (DIST: a release build of the app)');
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 3);
// Words, a phrase, a prefix and a typo, typed as people type them.
const QUERIES = ['mortgage rates', '"mailing list"', 'spamassassin razor', 'linux kern', 'pyhton'];

const app = await start(path.resolve(dist));
try {
  const { page } = app;
  await app.open();
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
  const toDom = keys.filter((k) => k.dom !== undefined && k.dom < k.frame).map((k) => k.dom - k.t0);
  for (const problem of app.problems) console.error(problem);
  console.log(`keystroke to results, ${keys.length} keys (${QUERIES.length} queries × ${ROUNDS}), Chromium headless (software raster):`);
  console.log(`  input event to results in the DOM: ${timeStats(toDom)}`);
  console.log(`  input event to the next frame:     ${timeStats(keys.map((k) => k.frame - k.t0))}`);
} finally {
  await app.close();
}
