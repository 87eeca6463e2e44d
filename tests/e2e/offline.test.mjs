// Offline after a first visit, in Chromium: the service worker keeps the
// app and the corpus files the page checked, under the sub-path; once the
// host is gone, a reload still opens, searches and reads. After a rebuild,
// an online visit replaces what it kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, marks, search, params, root, SUB_PATH } from './helpers.mjs';

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

test('after a rebuild, an online visit keeps the new corpus and drops the old one; offline then shows the new one', async () => {
  // A copy of the build to rebuild under the browser's feet: the same
  // app, then another corpus (the reuse fixture's data/).
  const folder = path.join(root, 'target', 'offline-rebuild');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'dist'), folder, { recursive: true });
  const site = await start(folder, { serviceWorkers: 'allow' });
  try {
    const { page, problems } = site;
    const bundles = async () => (await kept(page)).filter((f) => /\/data\/bundle-/.test(f));
    const waitFor = async (ok) => {
      for (let i = 0; i < 100 && !ok(await bundles()); i++) await page.waitForTimeout(100);
      return bundles();
    };
    await site.open();
    await page.waitForSelector('.result');
    const [first] = await waitFor((b) => b.length === 1);
    assert.ok(first, 'the first build\'s bundle is kept');

    fs.rmSync(path.join(folder, 'data'), { recursive: true });
    fs.cpSync(path.join(root, 'dist-reuse', 'data'), path.join(folder, 'data'), { recursive: true });
    await page.reload();
    await page.waitForSelector('.result');
    assert.equal(await page.locator('.result').count(), 3, 'online, the new corpus');
    const now = await waitFor((b) => b.length === 1 && b[0] !== first);
    assert.equal(now.length, 1);
    assert.notEqual(now[0], first, 'the old bundle was dropped, the new one kept');

    await site.server.close();
    await page.reload();
    await page.waitForSelector('.result');
    assert.equal(await page.locator('.result').count(), 3, 'offline, the new corpus');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems.splice(0), []);
  } finally {
    await site.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('your documents: after an online visit, files are added, indexed and searched with the host gone', async () => {
  const site = await start('dist', { serviceWorkers: 'allow' });
  try {
    const { page, problems } = site;
    await site.open('?src=mine');
    await page.waitForSelector('.yours');
    // A page showing your documents also keeps the indexing worker's files.
    let files = [];
    for (let i = 0; i < 100; i++) {
      files = await kept(page);
      if (['quire-worker_loader.js', 'quire-worker.js', 'quire-worker_bg.wasm'].every((n) => files.includes(SUB_PATH + n))) break;
      await page.waitForTimeout(100);
    }
    for (const n of ['quire-worker_loader.js', 'quire-worker.js', 'quire-worker_bg.wasm']) {
      assert.ok(files.includes(SUB_PATH + n), `${n} in ${files}`);
    }
    await site.server.close();
    await page.reload();
    await page.waitForSelector('.yours');
    await page.locator('.yours-add input[type=file]').first().setInputFiles(path.join(root, 'corpus/003_049ef6860242a85c.txt'));
    await page.waitForSelector('.result', { timeout: 60_000 });
    assert.match(await page.locator('.yours-outcome').textContent(), /^Done: 1 document indexed/);
    await search(page, 'palantir');
    await page.waitForSelector('.result mark');
    assert.deepEqual(problems.filter((p) => !p.includes('deprecated')), []);
  } finally {
    await site.close();
  }
});
