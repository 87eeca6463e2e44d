// Nothing a reader does, and no link they follow, breaks Quire: random and
// hostile values for every URL key on every view, with the default and the
// hostile corpus, and every tab of every view for the corpus's most
// frequent words. The page always shows a view or a clear message, never
// the crash panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, root } from './helpers.mjs';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['q', 'f', 'sort', 'n', 'doc', 'hit', 'cmp', 'p', 'pick', 'dr', 'v', 'ks', 'rs', 'lay', 'only', 'qt', 'ref', 'kmin', 'kn', 'kp', 'cm', 'win', 'cmin', 'w', 'tq', 'tu', 'tm', 'tby', 'ent', 'em', 'mn', 'sel', 'nq', 'ntag', 'note'];

/** Values that broke, or could break, a parser, a number or a slice. */
const HOSTILE = [
  '', ' ', '-'.repeat(3000) + 'nhs', 'NOT '.repeat(1500) + 'nhs', '('.repeat(4000) + 'x', ')'.repeat(500), '"'.repeat(501),
  '-(' .repeat(800) + 'a', 'title:'.repeat(300) + 'x', 'a NEAR/99999999999 b', '"a b"~99999999999', 'x~9', '*', '**', '~',
  'date:..', 'date:2024-13-45..2023', 'date:0000..9999', '%', '%00', '\u0000', '\uffff', '\u00a0', '\u3000', '\u200f',
  'e\u0301', '👩\u200d⚕\ufe0f'.repeat(200), '﷽'.repeat(50), 'a'.repeat(30000), '<script>alert(1)</script>',
  'javascript:alert(1)', '99999999999999999999999', '18446744073709551616', '-1', '-0', '1e309', 'NaN', 'Infinity',
  '0', '1.5', '0x10', '../../etc/passwd', '::::', 'source:', ':x', 'kwic', 'reuse', 'quotes', 'similar', 'left', 'right',
  'free', '1', 'date', 'size', 'length', 'title', 'newest', '..', '2024..', '..2023-06', '2024-04..2024-01',
  'keys', 'coll', 'trend', 'logdice', 'mi', 't', '0.05', '0.0001', '10', '11', 'month', 'year', 'rate', 'hits', 'docs',
  'ents', 'person:Peter Thiel', 'org:Palantir', 'person:', 'org:' + 'a'.repeat(300), 'when:2024-04-03', 'person:e\u0301', '0-10', '10-5', '5-5005', '0-99999999', '3-4-5',
  'notes', 'n1abc', '#tag', 'x'.repeat(101),
  '2', '3', '4', 'source', 'year', 'person', 'tags', 'source & x', 'data platform', 'the platform'.repeat(100),
];

/** A random string of code points from every plane and class. */
function randomText(r) {
  const n = Math.floor(r() * 12);
  let s = '';
  for (let i = 0; i < n; i++) {
    const pick = r();
    if (pick < 0.4) s += String.fromCharCode(32 + Math.floor(r() * 95));
    else if (pick < 0.7) s += String.fromCodePoint(0xa0 + Math.floor(r() * 0x2f00));
    else if (pick < 0.85) s += String.fromCodePoint(0x1f300 + Math.floor(r() * 0x300));
    else s += HOSTILE[Math.floor(r() * HOSTILE.length)].slice(0, 50);
  }
  return s;
}

/** The documents' ids of a built corpus folder, from the built page. */
async function ids(page) {
  return page.evaluate(() => [...document.querySelectorAll('.result')].map((r) => r.dataset.id));
}

/** Views to start from, each a query string. */
function views(docIds) {
  const [a, b] = docIds;
  return ['', 'v=kwic&q=the', 'v=keys&q=nhs', 'v=coll&q=the', 'v=trend&q=nhs', 'v=reuse', 'v=quotes', 'v=similar', 'v=ents', 'v=ents&ent=person:Peter%20Thiel', 'v=notes&nq=the', `doc=${encodeURIComponent(a)}&q=the`, `cmp=${encodeURIComponent(a)}&cmp=${encodeURIComponent(b)}`];
}

/** A URL as a short label for messages. */
const label = (url) => (url.length > 300 ? `${url.slice(0, 300)}… (${url.length} characters)` : url);

/** Waits until the page shows a view, a message or the crash panel, and
 * asserts it is not the crash panel and nothing failed. One round trip. */
async function assertShowsAView(app, url) {
  const seen = await app.page.evaluate(async () => {
    const ready = () => document.querySelector('main#main > *, main.fatal, #crash:not([hidden])');
    for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 20));
    // Two frames: effects that run after the first render have run.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const crash = document.getElementById('crash');
    return { ready: !!ready(), crashed: !crash.hidden, crash: crash.textContent, violations: window.__violations.splice(0) };
  });
  assert.ok(seen.ready, `nothing shows for ${label(url)}`);
  assert.ok(!seen.crashed, `the crash panel shows for ${label(url)}: ${seen.crash}`);
  assert.deepEqual(app.problems.splice(0), [], `page errors for ${label(url)}`);
  assert.deepEqual(seen.violations, [], `CSP violations for ${label(url)}`);
}

/** Moves the app to `query` in place, as a link followed inside the app. */
async function navigate(page, query) {
  await page.evaluate((q) => {
    history.pushState(null, '', location.pathname + q);
    dispatchEvent(new PopStateEvent('popstate'));
  }, query);
}

function encode(pairs) {
  return '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

async function fuzzUrls(dist, seed, loads, perView) {
  const app = await start(dist);
  try {
    await app.open();
    await app.page.waitForSelector('.result');
    const docIds = await ids(app.page);
    assert.ok(docIds.length >= 2);
    const bases = views(docIds);
    const values = [...HOSTILE, ...docIds, 'palantir', 'nhs', 'f:source:Pulse', 'source:x'];
    // Every key with every hostile value on the results, and with a
    // rotating share of them on every other view, in place (as links
    // followed inside the app).
    for (const [b, base] of bases.entries()) {
      for (const [k, key] of KEYS.entries()) {
        const share = b === 0 ? values : values.filter((_, i) => (i + k + b) % perView === 0);
        for (const value of share) {
          const url = (base ? `?${base}&` : '?') + encode([[key, value]]).slice(1);
          await navigate(app.page, url);
          await assertShowsAView(app, url);
        }
      }
    }
    // Random combinations, each opened as a fresh page load.
    const r = rng(seed);
    for (let i = 0; i < loads; i++) {
      const pairs = [];
      const count = 1 + Math.floor(r() * 5);
      for (let j = 0; j < count; j++) {
        const key = r() < 0.9 ? KEYS[Math.floor(r() * KEYS.length)] : randomText(r);
        // Static hosts refuse very long URLs (431): full loads stay short.
        const value = (r() < 0.5 ? values[Math.floor(r() * values.length)] : randomText(r)).slice(0, 1500);
        pairs.push([key, value]);
      }
      const base = bases[Math.floor(r() * bases.length)];
      const url = (base ? `?${base}&` : '?') + encode(pairs).slice(1);
      await app.page.goto(app.server.url + url);
      await assertShowsAView(app, `${url} (seed ${seed}, load ${i})`);
    }
  } finally {
    await app.close();
  }
}

test('random and hostile values for every URL key, on every view, with the default corpus', async () => {
  await fuzzUrls('dist', 20261201, 120, 8);
});

test('random and hostile values for every URL key, on every view, with the hostile corpus', async () => {
  await fuzzUrls('dist-hostile', 8, 80, 16);
});

/** The corpus's `n` most frequent words, counted as a reader would. */
function frequentWords(n) {
  const dir = path.join(root, 'corpus');
  const counts = new Map();
  for (const name of fs.readdirSync(dir)) {
    if (name.toLowerCase().startsWith('readme')) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8').replace(/^\+\+\+[\s\S]*?\n\+\+\+\n/, '');
    // Words with their inner apostrophes, less a possessive 's, as the
    // analyzer reads them.
    for (const raw of text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []) {
      const w = raw.replace(/['’]s$/u, '');
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([w]) => w);
}

test('every tab of every view shows the 20 most frequent words of the corpus', async () => {
  const app = await start('dist');
  try {
    const { page } = app;
    const words = frequentWords(20);
    assert.ok(words.includes('nhs'), words.join());
    await app.open();
    for (const word of words) {
      const q = encodeURIComponent(word);
      await navigate(page, `?q=${q}`);
      await page.waitForSelector('.result mark');
      await assertShowsAView(app, `?q=${q}`);
      const [a, b] = await ids(page);
      for (const order of ['results', 'left', 'right', 'outlet', 'date']) {
        const url = `?q=${q}&v=kwic${order === 'results' ? '' : `&ks=${order}`}`;
        await navigate(page, url);
        await page.waitForSelector('table.kwic tbody tr');
        await assertShowsAView(app, url);
        const keywords = await page.locator('table.kwic .kwic-key mark').allTextContents();
        assert.ok(keywords.length > 0, url);
      }
      for (const tab of ['keys', 'coll', 'trend', 'reuse', 'quotes', 'similar', 'ents', 'notes']) {
        const url = `?q=${q}&v=${tab}`;
        await navigate(page, url);
        await page.waitForSelector('.tabs a[aria-current="page"]');
        await assertShowsAView(app, url);
      }
      for (const url of [`?q=${q}&doc=${encodeURIComponent(a)}`, `?q=${q}&cmp=${encodeURIComponent(a)}&cmp=${encodeURIComponent(b ?? a)}`]) {
        await navigate(page, url);
        await page.waitForSelector('article.doc-body');
        await assertShowsAView(app, url);
      }
    }
  } finally {
    await app.close();
  }
});

test('an internal error shows what happened and a way back, not "cannot start"', async () => {
  // A WebAssembly trap after start-up, as a stack overflow once was: the
  // crash panel says the app stopped, and offers back, retry and a fresh start.
  const app = await start('dist');
  try {
    await app.open('?q=nhs');
    await app.page.waitForSelector('.result');
    await app.page.evaluate(() => {
      setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); });
    });
    await app.page.waitForSelector('#crash:not([hidden])');
    const text = await app.page.locator('#crash').textContent();
    assert.match(text, /stopped because of an internal error/);
    assert.doesNotMatch(text, /could not start/);
    const fresh = app.page.locator('#crash a');
    assert.equal(await fresh.getAttribute('href'), new URL(app.server.url).pathname);
    assert.equal(await app.page.locator('#crash button').count(), 2);
    app.problems.splice(0);
    await fresh.click();
    await app.page.waitForSelector('.result');
    assert.equal(await app.page.locator('#crash').isHidden(), true);
    assert.equal(new URL(app.page.url()).search, '');
  } finally {
    await app.close();
  }
});
