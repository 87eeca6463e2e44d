// "Your documents": files and folders added in the page are read and
// indexed there (in a Web Worker), kept in the browser's private storage
// across reloads, searched with the same views as a built corpus,
// removed, and exported as one HTML file that opens from disk. Nothing
// is uploaded: every request goes to the page's own folder. The tests run
// in order on one browser, each starting from the library the one before
// left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { start, root, marks, search } from './helpers.mjs';

let app;
let folder;
before(async () => {
  app = await start('dist');
  // A folder as a user might drop it: the hostile fixture's files (markup,
  // scripts, a Word file), the default corpus in a subfolder, and files
  // that cannot be read: a PDF, a binary file, a broken JSON line.
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-yours-'));
  const mine = path.join(folder, 'clippings');
  fs.mkdirSync(path.join(mine, 'nhs'), { recursive: true });
  for (const name of fs.readdirSync(path.join(root, 'tests/fixtures/hostile'))) {
    if (name !== 'README.md') fs.copyFileSync(path.join(root, 'tests/fixtures/hostile', name), path.join(mine, name));
  }
  for (const name of fs.readdirSync(path.join(root, 'corpus')).filter((n) => n.endsWith('.txt'))) {
    fs.copyFileSync(path.join(root, 'corpus', name), path.join(mine, 'nhs', name));
  }
  fs.writeFileSync(path.join(mine, 'scan.pdf'), '%PDF-1.4 not read');
  fs.writeFileSync(path.join(mine, 'blob.txt'), Buffer.from([98, 0, 1, 2]));
  fs.writeFileSync(path.join(mine, 'broken.jsonl'), '{"id": "fine", "title": "Fine", "body": "A line that parses."}\n{not json\n');
});
after(async () => {
  await app?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

const results = (page) => page.locator('.result').count();

/** Waits for the indexing to end and the corpus to show `n` results. */
async function settled(page, n) {
  try {
    await page.waitForFunction((n) => document.querySelectorAll('.result').length === n
      && !document.querySelector('.yours-progress progress'), n, { timeout: 60_000 });
  } catch (e) {
    const shown = await page.locator('body').innerText().catch(() => '');
    throw new Error(`not ${n} results: ${e.message}\n${shown.slice(0, 2000)}`);
  }
}

async function assertInert(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no corpus script ran');
  assert.equal(await page.locator('main script, main iframe, main img, main [onerror], main [onload], main [onmouseover]').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no Content-Security-Policy violation');
}

test('a folder of mixed files, hostile ones among them, is indexed in the page, kept, searched and removed', async () => {
  const { page, requests, server } = app;
  await app.open();
  await page.waitForSelector('.result');
  await page.locator('a.yours-link', { hasText: 'Add documents' }).click();
  await page.waitForSelector('.yours');
  assert.match(await page.locator('.yours').textContent(), /Nothing is uploaded/);
  requests.splice(0);

  await page.locator('.yours-add input[type=file]').nth(1).setInputFiles(path.join(folder, 'clippings'));
  // 5 articles and 6 hostile documents; a file with a broken JSON line
  // gives none (as at build time), and is listed with its error.
  await settled(page, 11);
  // The page was loaded again with the new index, and says how it went.
  assert.match(await page.locator('.yours-outcome').textContent(), /^Done: 11 documents indexed in [0-9.]+ s \(memory used: [0-9.]+ [KM]B\)\.$/);
  const rows = page.locator('.yours-files tbody tr');
  assert.equal(await rows.count(), 13, 'every file is listed');
  const problems = await page.locator('.yours-problems li').allTextContents();
  const about = (name, pattern) => assert.ok(problems.some((p) => p.includes(name) && pattern.test(p)), `${name}: ${problems.join(' | ')}`);
  about('clippings/scan.pdf', /not a supported format/);
  about('clippings/blob.txt', /NUL bytes/);
  about('clippings/broken.jsonl', /^error: .*:2: not valid JSON/);
  assert.match(await page.locator('.yours-summary').textContent(), /^13 files, 11 documents, [0-9]+ KB; 3 files with problems/);
  await assertInert(page);
  const text = await page.locator('main').textContent();
  assert.ok(text.includes("<script>window.__pwned='author'</script>"), 'markup in metadata is shown as text');

  // The same engine and views: search with marks, the reader, a corpus view.
  await search(page, 'palantir');
  await page.waitForSelector('.result mark');
  assert.ok((await marks(page, '.result mark')).every((m) => /palantir/i.test(m)));
  assert.equal(new URL(page.url()).searchParams.get('src'), 'mine', 'the URL says which corpus');
  await page.locator('.result-title a').first().click();
  await page.waitForSelector('article.doc-body mark');
  await app.open('?src=mine&q=nhs&v=kwic');
  await page.waitForSelector('table.kwic tbody tr');
  await assertInert(page);
  // Entities of documents added in the page, found as at build time.
  await app.open('?src=mine&v=ents&ent=person:Peter%20Thiel');
  await page.waitForSelector('.entity-focus table.kwic tbody tr');
  assert.match(await page.locator('.entity-focus .summary').textContent(), /^Named in 3 of 11 documents\./);
  await assertInert(page);

  // Kept across a reload; the panel opens from the header.
  await app.open('?src=mine');
  await settled(page, 11);
  assert.equal(await page.locator('.yours').count(), 0, 'the panel is closed on a fresh load');
  await page.locator('button.yours-toggle').click();
  await page.waitForSelector('.yours-files');

  // Removed: one file, then its documents are gone (kept so after a reload).
  await page.getByRole('button', { name: 'Remove clippings/records.jsonl' }).click();
  await settled(page, 9);
  await app.open('?src=mine');
  await settled(page, 9);

  // Nothing was sent anywhere: every request was for the page's own files.
  const own = new URL(server.url);
  const foreign = requests.filter((u) => !u.startsWith(own.origin + own.pathname) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);

  // The published corpus is a link away, untouched.
  await page.locator('a.yours-link', { hasText: 'Published corpus' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.result').length === 5);
  assert.deepEqual(app.problems.filter((p) => !p.includes('deprecated')), []);
  app.problems.splice(0);
});

test('files dropped on the panel are added', async () => {
  const { page } = app;
  await app.open('?src=mine');
  await settled(page, 9);
  await page.locator('button.yours-toggle').click();
  const drop = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Dropped notes on the federated data platform.\n'], 'dropped-notes.txt', { type: 'text/plain' }));
    // A hostile name: text in the list, never markup.
    data.items.add(new File(['# Heading\n\nA second dropped file, e\u0301 \u{1F44D}\u{1F3FD} \u05E9\u05DC\u05D5\u05DD.\n'], '<img src=x onerror="window.__pwned=1">.md', { type: 'text/markdown' }));
    return data;
  });
  await page.locator('.yours').dispatchEvent('drop', { dataTransfer: drop });
  await settled(page, 11);
  await search(page, 'dropped');
  await page.waitForSelector('.result mark');
  assert.equal(await results(page), 2);
  await app.open('?src=mine');
  await settled(page, 11);
  await page.locator('button.yours-toggle').click();
  assert.ok((await page.locator('.yours-files').textContent()).includes('<img src=x onerror="window.__pwned=1">.md'));
  await assertInert(page);
});

test('an indexing can be cancelled, and the documents stay as they were', async () => {
  const { page } = app;
  const big = path.join(folder, 'big.jsonl');
  const line = (i) => JSON.stringify({ id: `big-${i}`, title: `Record ${i}`, body: `Record ${i} of a large file: ${'words of filler text '.repeat(40)}` });
  fs.writeFileSync(big, Array.from({ length: 40_000 }, (_, i) => line(i)).join('\n'));
  await app.open('?src=mine');
  await settled(page, 11);
  await page.locator('button.yours-toggle').click();
  await page.locator('.yours-add input[type=file]').first().setInputFiles(big);
  await page.waitForSelector('.yours-progress progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForSelector('.yours-outcome');
  assert.match(await page.locator('.yours-outcome').textContent(), /Stopped: nothing was added/);
  await app.open('?src=mine');
  await settled(page, 11);
  await page.locator('button.yours-toggle').click();
  assert.equal(await page.locator('.yours-files tbody tr').count(), 14, 'the big file was not added');
});

test('your documents are exported as one HTML file that opens from disk', async () => {
  const { page } = app;
  await app.open('?src=mine');
  await settled(page, 11);
  await page.locator('button.yours-toggle').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as one HTML file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'quire-your-documents.html');
  const saved = path.join(folder, 'export.html');
  await download.saveAs(saved);
  const size = fs.statSync(saved).size;
  console.log(`exported single file: ${(size / 1e6).toFixed(2)} MB for 11 documents`);
  await page.goto(pathToFileURL(saved).href);
  await page.waitForFunction(() => document.querySelectorAll('.result').length === 11);
  await search(page, 'dropped');
  await page.waitForSelector('.result mark');
  await assertInert(page);
  // From disk there is nowhere to keep files: no "Add documents".
  assert.equal(await page.locator('a.yours-link').count(), 0);
  app.problems.splice(0);
});

test('a damaged index or library in the browser gives a message and a way out, never a blank page', async () => {
  const { page } = app;
  await app.open('?src=mine');
  await settled(page, 11);
  /** Runs `change` on every file of this page's folders in the storage. */
  const damage = (what) => page.evaluate(async (what) => {
    const root = await navigator.storage.getDirectory();
    for await (const [name, folder] of root.entries()) {
      if (!name.startsWith('quire-')) continue;
      if (what === 'no index') {
        for await (const [sub] of folder.entries()) if (sub.startsWith('index-')) await folder.removeEntry(sub, { recursive: true });
        continue;
      }
      if (what === 'library') {
        const w = await (await folder.getFileHandle('library.bin')).createWritable();
        await w.write(new Uint8Array([9, 9, 9]));
        await w.close();
        continue;
      }
      for await (const [sub, index] of folder.entries()) {
        if (!sub.startsWith('index-')) continue;
        for await (const [, file] of index.entries()) {
          const bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
          bytes[bytes.length >> 1] ^= 0xff;
          const w = await file.createWritable();
          await w.write(bytes);
          await w.close();
        }
      }
    }
  }, what);
  await damage('index');
  await page.goto(app.server.url + '?src=mine');
  await page.waitForSelector('main.fatal');
  assert.match(await page.locator('main.fatal').textContent(), /(manifest|bundle)[-0-9a-f]*\.bin/, 'the damaged file is named');
  await damage('no index');
  await page.goto(app.server.url + '?src=mine');
  await page.waitForSelector('main.fatal');
  assert.match(await page.locator('main.fatal').textContent(), /index is missing from this browser/, 'never the published corpus instead');
  await damage('library');
  await page.goto(app.server.url + '?src=mine');
  await page.waitForSelector('main.fatal');
  assert.match(await page.locator('main.fatal').textContent(), /another version of Quire/);
  await page.getByRole('button', { name: 'Remove your documents from this browser' }).click();
  await page.waitForSelector('.yours');
  assert.equal(await page.locator('.yours-files').count(), 0, 'an empty library, ready for files');
  app.problems.splice(0);
});

test('two tabs adding files at once take turns: both files are kept', async () => {
  const { page, context } = app;
  await app.open('?src=mine');
  await page.waitForSelector('.yours');
  const other = await context.newPage();
  await other.goto(app.server.url + '?src=mine');
  await other.waitForSelector('.yours');
  const a = path.join(folder, 'tab-a.txt');
  const b = path.join(folder, 'tab-b.txt');
  fs.writeFileSync(a, 'Written in the first tab.\n');
  fs.writeFileSync(b, 'Written in the second tab.\n');
  await Promise.all([
    page.locator('.yours-add input[type=file]').first().setInputFiles(a),
    other.locator('.yours-add input[type=file]').first().setInputFiles(b),
  ]);
  await Promise.all([page, other].map((p) => p.waitForSelector('.result', { timeout: 60_000 })));
  await other.close();
  await app.open('?src=mine');
  await settled(page, 2);
  app.problems.splice(0);
});
