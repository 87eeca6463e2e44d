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

/** The first data file whose name starts with `kind-`. */
function dataFile(dist, kind) {
  const name = fs.readdirSync(path.join(dist, 'data')).find((f) => f.startsWith(`${kind}-`));
  assert.ok(name, `${dist}/data has a ${kind} file`);
  return { name, file: path.join(dist, 'data', name) };
}

async function failure(app) {
  await app.page.goto(app.server.url);
  await app.page.waitForSelector('main.fatal', { timeout: 15000 });
  return app.page.textContent('main.fatal');
}

test('a damaged data file is named in a clear message, and Try again loads the corpus once it is right', async () => {
  // dist-large is in parts (too big for one bundle): one docs chunk is damaged.
  const dist = copy('dist-large');
  const { name, file } = dataFile(dist, 'docs');
  const good = fs.readFileSync(file);
  const bad = Buffer.from(good);
  bad[bad.length >> 1] ^= 0x20;
  fs.writeFileSync(file, bad);
  const app = await start(dist);
  try {
    const text = await failure(app);
    assert.match(text, /The corpus could not be loaded/);
    assert.ok(text.includes(name), `the message names ${name}: ${text}`);
    assert.match(text, /damaged or incomplete/);
    assert.equal(await app.page.isVisible('#crash'), false, 'not the crash panel');
    fs.writeFileSync(file, good);
    await app.page.click('main.fatal button');
    await app.page.waitForSelector('main#main .result');
    assert.ok((await app.page.$$('.result')).length >= 2, 'the corpus is listed');
    assert.deepEqual(app.problems.filter((p) => !p.includes('404')), []);
  } finally {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  }
});

test('a missing data file or manifest gives a message with the HTTP status, never a blank page', async () => {
  const dist = copy('dist-large');
  const { name, file } = dataFile(dist, 'positions');
  fs.rmSync(file);
  const app = await start(dist);
  try {
    let text = await failure(app);
    assert.ok(text.includes(`data/${name} could not be fetched (HTTP 404`), text);
    assert.ok(await app.page.isVisible('main.fatal button'), 'Try again is offered');
    fs.rmSync(path.join(dist, 'data', 'manifest.bin'));
    text = await failure(app);
    assert.ok(text.includes('data/manifest.bin could not be fetched (HTTP 404'), text);
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

// Debian package descriptions (10,000 of the 63,436 the benchmark uses),
// converted by the peers harness and indexed in parts by scripts/test.sh.
const debian = path.join(root, 'dist-debian');
test('10,000 Debian package descriptions load and search under a sub-path', { skip: !fs.existsSync(debian) && 'dist-debian was not built (the Debian corpus could not be prepared)' }, async () => {
  const app = await start('dist-debian');
  try {
    await app.page.goto(app.server.url);
    await app.page.waitForSelector('.summary', { timeout: 60000 });
    assert.match(await app.page.locator('.summary').textContent(), /All 10000 documents/);
    const files = app.requests.filter((u) => u.includes('/data/')).length;
    assert.ok(files > 50, `the corpus came in parts (${files} files)`);
    await app.open('?q=python');
    await app.page.waitForSelector('.result mark');
    assert.match(await app.page.locator('.summary').textContent(), /^\d+ of 10000 documents$/);
    for (const m of await marks(app.page, '.result mark')) assert.match(m, /^python/i);
    await app.open('?q=%22library%20for%22');
    await app.page.waitForSelector('.result mark');
    await app.page.locator('.result-title a').first().click();
    await app.page.waitForSelector('article.doc-body mark[data-hit]');
    assert.deepEqual(app.problems, []);
  } finally {
    await app.close();
  }
});
