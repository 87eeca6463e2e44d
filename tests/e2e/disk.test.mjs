// Opening Quire from disk (file://), in Chromium, as a reader who was
// mailed the folder would: the single-file build (quire.html) works whole
// with nothing fetched, notes included; the normal build's page says what
// to do instead of staying blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, root, marks, search, params, select } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const onDisk = (dist, name) => {
  const file = path.join(root, dist, name);
  if (!fs.existsSync(file)) throw new Error(`${dist}/${name} is missing: run scripts/test.sh, which builds it`);
  return pathToFileURL(file).href;
};

/** Fails on a page error, a console error or a policy violation. */
async function assertClean(page, problems) {
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no Content-Security-Policy violations');
  assert.deepEqual(problems.splice(0), [], 'no page errors');
}

test('the normal build opened from disk says to open quire.html or to serve the folder', async () => {
  const { page, problems } = browser;
  await page.goto(onDisk('dist', 'index.html'));
  const note = page.locator('.disk-note');
  await note.waitFor({ state: 'visible' });
  const text = await note.textContent();
  assert.match(text, /cannot start from this copy on disk/);
  assert.match(text, /quire\.html/);
  assert.match(text, /serve this folder/);
  // The browser refused the app (that is the point): it did not start,
  // and no crash panel hides the note.
  await page.waitForTimeout(300);
  assert.equal(await page.locator('main#main, main.loading').count(), 0);
  assert.equal(await page.locator('#crash').isHidden(), true);
  assert.ok(problems.length > 0, 'Chromium reported the files it refused');
  problems.splice(0);
});

test('quire.html opened from disk: search, read, corpus views and compare work, and nothing is fetched', async () => {
  const { page, problems, requests } = browser;
  requests.splice(0);
  const url = onDisk('dist', 'quire.html');
  await page.goto(url);
  await page.waitForSelector('.result');
  assert.equal(await page.locator('.result').count(), 5);
  assert.equal(await page.locator('.disk-note').isHidden(), true);
  assert.match(await page.locator('.summary').textContent(), /All 5 documents/);

  // Search: the state goes into the URL's query, marks come from the engine.
  await search(page, 'genocide');
  await page.waitForSelector('.result mark');
  const inResults = await marks(page, '.result mark');
  assert.ok(inResults.length >= 2);
  for (const m of inResults) assert.match(m, /^genocide$/i);
  assert.ok(page.url().startsWith(url + '?'), page.url());

  // Read: a result opens its document with its hits marked, and a reload
  // of that URL comes back to the same place.
  await page.locator('.result-title a').first().click();
  await page.waitForSelector('article.doc-body mark[data-hit]');
  const doc = params(page).get('doc');
  assert.ok(doc);
  await page.reload();
  await page.waitForSelector('article.doc-body mark[data-hit]');
  assert.equal(params(page).get('doc'), doc);
  for (const m of await marks(page, 'article.doc-body mark[data-hit]')) assert.match(m, /^genocide$/i);

  // A note written from disk is kept over a reload (this browser's
  // storage works for a page on disk) and listed in the Notes view.
  await select(page, 'genocide');
  await page.locator('.cite-bar button.cite-note').click();
  await page.locator('form.note-form textarea').fill('noted from disk');
  await page.locator('form.note-form button[type=submit]').click();
  await page.waitForSelector('article.doc-body mark.note-mark');
  await page.reload();
  await page.waitForSelector('article.doc-body mark.note-mark');
  await page.goto(`${url}?v=notes`);
  await page.waitForSelector('.notes-all .note-text');
  assert.equal(await page.locator('.notes-all .note-text').textContent(), 'noted from disk');

  // The concordance and the corpus views.
  await page.goto(`${url}?q=palantir&v=kwic`);
  await page.waitForSelector('table.kwic tbody tr');
  for (const k of (await page.locator('tbody .kwic-key').allTextContents())) assert.match(k, /^palantir$/i);
  await page.goto(`${url}?v=quotes`);
  await page.waitForSelector('.speaker');
  await page.goto(`${url}?v=similar`);
  await page.waitForSelector('svg.matrix rect.cell');
  assert.equal(await page.locator('svg.matrix rect.cell').count(), 25);

  // Compare: a cell of the matrix opens two documents side by side.
  await page.locator('svg.matrix rect.cell:not(.self)').first().click();
  await page.waitForSelector('.compare-grid');
  assert.equal(params(page).getAll('cmp').length, 2);

  // Everything came from the one file: no other file, no network.
  const elsewhere = requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:'));
  assert.deepEqual(elsewhere, []);
  await assertClean(page, problems);
});

test('a hostile corpus as a single file stays text', async () => {
  const { page, problems } = browser;
  await page.goto(onDisk('dist-hostile', 'quire.html') + '?q=script');
  await page.waitForSelector('.result mark');
  const text = await page.locator('main').textContent();
  assert.ok(text.includes("<script>window.__pwned='title-script'</script>"));
  await page.goto(onDisk('dist-hostile', 'quire.html') + '?doc=front-matter');
  await page.waitForSelector('article.doc-body');
  assert.ok((await page.locator('article.doc-body').textContent()).includes("<script>window.__pwned='html-block'</script>"));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no corpus script ran');
  assert.equal(await page.locator('main script, main img, main iframe, main style').count(), 0);
  await assertClean(page, problems);
});

test('a single file missing a corpus file says which, and does not go blank', async () => {
  const { page, problems } = browser;
  // A copy of quire.html with the manifest's data block emptied.
  const html = fs.readFileSync(path.join(root, 'dist', 'quire.html'), 'utf8');
  const damaged = html.replace(/(data-quire-file="manifest\.bin">)[^<]*/, '$1');
  assert.notEqual(damaged, html);
  const file = path.join(fs.mkdtempSync(path.join(root, 'target', 'quire-disk-')), 'quire.html');
  fs.writeFileSync(file, damaged);
  try {
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('main.fatal');
    assert.match(await page.locator('main.fatal').textContent(), /manifest\.bin: not in this page/);
    await assertClean(page, problems);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

const debian = path.join(root, 'dist-debian', 'quire.html');
test('the 63,436 Debian package descriptions as one 49 MB file open from disk and search', { skip: !fs.existsSync(debian) && 'dist-debian was not built (the Debian corpus could not be prepared)' }, async () => {
  const { page, problems, requests } = browser;
  requests.splice(0);
  const url = pathToFileURL(debian).href;
  await page.goto(`${url}?q=python`, { timeout: 120_000 });
  await page.waitForSelector('.result mark', { timeout: 120_000 });
  assert.match(await page.locator('.summary').textContent(), /of 63436 documents/);
  for (const m of await marks(page, '.result .snippet mark')) assert.match(m, /^python/i);
  await page.locator('.result-title a').first().click();
  await page.waitForSelector('article.doc-body');
  assert.deepEqual(requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:')), []);
  await assertClean(page, problems);
});
