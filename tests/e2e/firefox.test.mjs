// The same build in Firefox (Debian's firefox-esr, over Marionette): the
// single file from disk, the normal build from disk (which Firefox runs:
// it lets a page read files beside it), and, served, documents added in
// the page and kept across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, SUB_PATH } from './helpers.mjs';
import { serve } from './server.mjs';
import { firefox } from './marionette.mjs';

let ff;
let server;
before(async () => {
  ff = await firefox();
  server = await serve(path.join(root, 'dist'), SUB_PATH);
});
after(async () => {
  await ff?.close();
  await server?.close();
});

const count = (css) => `return document.querySelectorAll(${JSON.stringify(css)}).length`;

test('Firefox: quire.html from disk searches, reads, and shows the corpus views', async () => {
  const page = pathToFileURL(path.join(root, 'dist/quire.html')).href;
  await ff.goto(page);
  assert.equal(await ff.until(count('.result')), 5);
  assert.match(await ff.run('return navigator.userAgent'), /Firefox\//);
  await ff.goto(`${page}?q=palantir`);
  await ff.until(count('.result mark'));
  assert.ok(await ff.run("return [...document.querySelectorAll('.result mark')].every((m) => /palantir/i.test(m.textContent))"));
  const link = await ff.run("return document.querySelector('.result-title a').getAttribute('href')");
  await ff.goto(page + link);
  await ff.until(count('article.doc-body mark'));
  await ff.goto(`${page}?q=nhs&v=kwic`);
  await ff.until(count('table.kwic tbody tr'));
  await ff.goto(`${page}?v=similar`);
  await ff.until(count('svg.matrix'));
  assert.equal(await ff.run("return document.getElementById('crash').hidden"), true, 'no crash panel');
});

test('Firefox: the normal build from disk shows the app or the note, never a blank page', async () => {
  await ff.goto(pathToFileURL(path.join(root, 'dist/index.html')).href);
  const shown = await ff.until(`
    if (document.querySelector('.result')) return 'app';
    const note = document.querySelector('.disk-note');
    if (note && getComputedStyle(note).display !== 'none' && note.innerText.includes('quire.html')) return 'note';
    return '';`);
  console.log(`Firefox, dist/index.html from disk: ${shown}`);
});

test('Firefox: served, a file added in the page is indexed, searched and kept across a reload', async () => {
  await ff.goto(`${server.url}?src=mine`);
  await ff.until(count('.yours'));
  await ff.type('.yours-add input[type=file]', path.join(root, 'corpus/003_049ef6860242a85c.txt'));
  assert.equal(await ff.until(count('.result')), 1);
  assert.match(await ff.run("return document.querySelector('.yours-outcome').textContent"), /^Done: 1 document indexed/);
  await ff.goto(`${server.url}?src=mine&q=palantir`);
  await ff.until(count('.result mark'));
  assert.equal(await ff.run("return document.getElementById('crash').hidden"), true, 'no crash panel');
});
