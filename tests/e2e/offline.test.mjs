// Offline after a first visit, in Chromium: the service worker keeps the
// app and the corpus files the page checked, under the sub-path; once the
// host is gone, a reload still opens, searches and reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, marks, search, params, SUB_PATH } from './helpers.mjs';

let app;
before(async () => { app = await start('dist', { serviceWorkers: 'allow' }); });
after(async () => { await app?.close(); });

/** The URLs the service worker keeps, as paths. */
const kept = (page) => page.evaluate(async () => {
  const names = await caches.keys();
  const out = [];
  for (const name of names) {
    for (const request of await (await caches.open(name)).keys()) out.push(new URL(request.url).pathname);
  }
  return out.sort();
});

test('a first visit keeps the app and its corpus; with the host gone, the page still searches and reads', async () => {
  const { page, problems } = app;
  await app.open('?q=palantir');
  await page.waitForSelector('.result mark');
  // The worker runs under the sub-path, and keeps the page, the app's
  // files and the corpus's (manifest and bundle), nothing else.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, SUB_PATH);
  let files = [];
  for (let i = 0; i < 100; i++) {
    files = await kept(page);
    if (files.some((f) => f.endsWith('.wasm')) && files.some((f) => /\/data\/bundle-/.test(f))) break;
    await page.waitForTimeout(100);
  }
  const names = files.map((f) => f.slice(SUB_PATH.length));
  assert.ok(names.includes(''), `the page: ${names}`);
  assert.ok(names.includes('data/manifest.bin'), `${names}`);
  for (const kind of [/^quire-[0-9a-f]+\.js$/, /^quire-[0-9a-f]+_bg\.wasm$/, /^quire-[0-9a-f]+\.css$/, /^boot-[0-9a-f]+\.js$/, /^data\/bundle-[0-9a-f]+\.bin$/]) {
    assert.ok(names.some((n) => kind.test(n)), `${kind} in ${names}`);
  }
  const allowed = [/^$/, /^favicon\.svg$/, /^manifest\.webmanifest$/, /^quire-[0-9a-f]+(_bg\.wasm|\.js|\.css)$/, /^boot-[0-9a-f]+\.js$/, /^data\/(manifest|bundle-[0-9a-f]+)\.bin$/];
  for (const n of names) assert.ok(allowed.some((a) => a.test(n)), `nothing else is kept: ${n}`);

  await app.server.close();
  await page.reload();
  await page.waitForSelector('.result mark');
  for (const m of await marks(page, '.result mark')) assert.match(m, /^palantir$/i);
  await search(page, 'genocide');
  await page.waitForSelector('.result mark');
  await page.locator('.result-title a').first().click();
  await page.waitForSelector('article.doc-body mark[data-hit]');
  assert.ok(params(page).get('doc'));
  // A page of the app it never opened before, with another query, works too.
  await page.goto(`${app.server.url}?q=nhs&v=kwic`);
  await page.waitForSelector('table.kwic tbody tr');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems.splice(0), []);
});
