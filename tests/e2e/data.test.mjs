// The corpus is files in data/ beside the page, fetched and checked against
// the hash in their names: a damaged or missing file gives a clear message
// naming it, with a way to try again, never a blank page; once the file is
// right again, "Try again" loads the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, root, marks } from './helpers.mjs';

/** A copy of a built folder (in target/, removed by the caller). */
function copy(dist) {
  const to = path.join(root, 'target', `e2e-${path.basename(dist)}-${process.pid}`);
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(path.join(root, dist), to, { recursive: true });
  return to;
}

/** Every data file whose name starts with `kind-`. */
function dataFiles(dist, kind) {
  return fs.readdirSync(path.join(dist, 'data')).filter((f) => f.startsWith(`${kind}-`)).map((name) => ({ name, file: path.join(dist, 'data', name) }));
}

async function failure(app) {
  await app.page.goto(app.server.url);
  await app.page.waitForSelector('main.fatal', { timeout: 15000 });
  return app.page.textContent('main.fatal');
}

test('a damaged data file fetched on demand is named in a notice, and Try again fetches it once it is right', async () => {
  // dist-large is in parts (too big for one bundle), fetched as views need
  // them: every docs chunk is damaged, so the first result's text fails.
  const dist = copy('dist-large');
  const docs = dataFiles(dist, 'docs');
  const good = docs.map(({ file }) => fs.readFileSync(file));
  docs.forEach(({ file }, i) => {
    const bad = Buffer.from(good[i]);
    bad[bad.length >> 1] ^= 0x20;
    fs.writeFileSync(file, bad);
  });
  const app = await start(dist);
  try {
    await app.open('?q=nhs');
    await app.page.waitForSelector('.fetch-failed', { timeout: 15000 });
    const text = await app.page.textContent('.fetch-failed');
    assert.match(text, /Part of the corpus could not be loaded/);
    assert.ok(docs.some(({ name }) => text.includes(name)), `the notice names a docs file: ${text}`);
    assert.match(text, /damaged or incomplete/);
    assert.equal(await app.page.isVisible('#crash'), false, 'not the crash panel');
    // The search itself did not need the damaged files: its results are listed.
    assert.ok((await app.page.$$('.result')).length >= 1, 'the results are listed');
    docs.forEach(({ file }, i) => fs.writeFileSync(file, good[i]));
    await app.page.click('.fetch-failed button');
    await app.page.waitForSelector('.result mark');
    assert.equal(await app.page.isVisible('.fetch-failed'), false, 'the notice is gone');
    assert.deepEqual(app.problems.filter((p) => !p.includes('404')), []);
  } finally {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  }
});

test('a data file that stalls is given up after 20 s without a byte, named in the notice, and Try again fetches it', async () => {
  const app = await start('dist-large');
  const held = [];
  try {
    // Every docs chunk hangs (the server never answers): the results'
    // titles come, their snippets wait. (Real time: Playwright's fake
    // clock invoked one of wasm-bindgen's dropped closures here.)
    await app.page.route('**/data/docs-*', (route) => held.push(route));
    await app.open('?q=nhs');
    await app.page.waitForSelector('.result');
    await app.page.waitForFunction(() => /Fetching \d+ of \d+ files/.test(document.body.textContent), null, { timeout: 15000 });
    const asked = Date.now();
    assert.ok(held.length >= 1, 'a docs file was asked for');
    await app.page.waitForTimeout(12000);
    assert.equal(await app.page.isVisible('.fetch-failed'), false, 'not given up after 12 s');
    await app.page.waitForSelector('.fetch-failed', { timeout: 15000 });
    assert.ok(Date.now() - asked >= 19000, `given up after ${Date.now() - asked} ms`);
    const text = await app.page.textContent('.fetch-failed');
    assert.match(text, /data\/docs-[0-9a-f]{16}\.bin could not be fetched \(nothing received for 20 s\)/);
    assert.equal(await app.page.isVisible('#crash'), false, 'not the crash panel');
    // The connection is back: Try again fetches the text, and marks it.
    await app.page.unroute('**/data/docs-*');
    await app.page.click('.fetch-failed button');
    await app.page.waitForSelector('.result mark', { timeout: 15000 });
    assert.equal(await app.page.isVisible('.fetch-failed'), false, 'the notice is gone');
    assert.deepEqual(app.problems.filter((p) => !/abort/i.test(p)), []);
  } finally {
    await app.close();
  }
});

test('a missing data file or manifest gives a message with the HTTP status, never a blank page', async () => {
  const dist = copy('dist-large');
  const positions = dataFiles(dist, 'positions');
  for (const { file } of positions) fs.rmSync(file);
  const app = await start(dist);
  try {
    // A phrase reads positions.
    await app.open('?q=%22data%20platform%22');
    await app.page.waitForSelector('.fetch-failed', { timeout: 15000 });
    const text = await app.page.textContent('.fetch-failed');
    assert.ok(positions.some(({ name }) => text.includes(`data/${name} could not be fetched (HTTP 404`)), text);
    assert.ok(await app.page.isVisible('.fetch-failed button'), 'Try again is offered');
    fs.rmSync(path.join(dist, 'data', 'manifest.bin'));
    const fatal = await failure(app);
    assert.ok(fatal.includes('data/manifest.bin could not be fetched (HTTP 404'), fatal);
    assert.ok(await app.page.isVisible('main.fatal button'), 'Try again is offered');
  } finally {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  }
});

test('a small corpus is one bundle: the page fetches the manifest and one data file', async () => {
  const app = await start('dist');
  try {
    await app.open('?q=nhs');
    await app.page.waitForSelector('.result mark');
    const data = app.requests.filter((u) => u.includes('/data/')).map((u) => u.replace(/^.*\/data\//, ''));
    assert.equal(data.length, 2, data.join(', '));
    assert.equal(data[0], 'manifest.bin');
    assert.match(data[1], /^bundle-[0-9a-f]{16}\.bin$/);
  } finally {
    await app.close();
  }
});

// Debian package descriptions, all 63,436 the benchmark uses, converted by
// the peers harness and indexed in parts by scripts/test.sh. The page
// fetches the parts each view needs: a small share of 92 MB.
const debian = path.join(root, 'dist-debian');
test('63,436 Debian package descriptions load on demand and search under a sub-path', { skip: !fs.existsSync(debian) && 'dist-debian was not built (the Debian corpus could not be prepared)' }, async () => {
  const app = await start('dist-debian');
  try {
    const files = fs.readdirSync(path.join(debian, 'data'));
    const size = (names) => names.reduce((sum, n) => sum + fs.statSync(path.join(debian, 'data', n)).size, 0);
    const fetched = () => [...new Set(app.requests.filter((u) => u.includes('/data/')).map((u) => u.replace(/^.*\/data\//, '')))];
    const report = (what) => {
      const got = fetched();
      const line = `${what}: ${got.length} of ${files.length} files, ${(size(got) / 1024).toFixed(0)} KB of ${(size(files) / 1048576).toFixed(1)} MB`;
      console.log(`# ${line}`);
      return { count: got.length, bytes: size(got), line };
    };
    await app.page.goto(app.server.url);
    await app.page.waitForSelector('.result', { timeout: 60000 });
    const corpus = Number((await app.page.locator('.summary').textContent()).match(/^All (\d+) documents$/)?.[1]);
    assert.ok(corpus > 60000, `the whole corpus is listed (${corpus})`);
    // The first view: the manifest, the columns and facets it counts
    // with, and the first results' titles and text.
    const first = report('first view');
    assert.ok(files.length > 5000 && first.count <= 40 && first.bytes < 2 << 20, first.line);
    await app.open('?q=python');
    await app.page.waitForSelector('.result mark');
    assert.match(await app.page.locator('.summary').textContent(), new RegExp(`^\\d+ of ${corpus} documents$`));
    for (const m of await marks(app.page, '.result mark')) assert.match(m, /^python/i);
    await app.open('?q=%22library%20for%22');
    await app.page.waitForSelector('.result mark');
    await app.page.locator('.result-title a').first().click();
    await app.page.waitForSelector('article.doc-body mark[data-hit]');
    const after = report('then two searches and a document');
    assert.ok(after.bytes < size(files) / 10, after.line);
    // The similarity vectors of 63,436 documents are one large file: read
    // when the reader asks for documents like this one.
    assert.ok(!fetched().some((n) => n.startsWith('similar-')), 'no vectors yet');
    await app.page.click('button.find-similar');
    await app.page.waitForSelector('.more-like-this .similar-doc a', { timeout: 60000 });
    assert.ok(fetched().some((n) => n.startsWith('similar-')), 'the vectors were fetched');
    // Every view reached without a reload fetches what it reads: the tabs
    // of a search (the corpus analysis, the concordance's documents).
    await app.open('?q=python');
    await app.page.waitForSelector('.result mark');
    const tab = async (label, selector) => {
      await app.page.click(`nav.tabs a[data-tab="${label}"]`);
      await app.page.waitForSelector(selector, { timeout: 30000 });
    };
    await tab('Concordance', 'table.kwic mark');
    await tab('Reuse', 'li.cluster blockquote');
    await tab('Quotes', '.quotes-summary');
    await app.page.waitForFunction(() => !/Loading/.test(document.querySelector('.quotes-summary').textContent), null, { timeout: 30000 });
    await tab('Similarity', 'li.pair a');
    await tab('Documents', '.result mark');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
