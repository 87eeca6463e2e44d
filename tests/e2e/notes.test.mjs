// Notes: a passage selected in the reader gets a note and tags, kept in
// this browser only; the passage is marked, the note listed beside the
// text and in the Notes view, searched, changed, deleted and brought
// back, exported as JSON and Markdown and imported (a hostile file gets
// a message). After the corpus is rebuilt with its text changed, each
// note is found at its passage's new place, or said to be lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, params, select, root } from './helpers.mjs';

const MAIL = '001_44a0b21695fca2fa';
const PASSAGE = 'Oxford Union debate in January last year that the NHS ‘makes people sick’ and compared the UK’s affection';

let app;
before(async () => { app = await start('dist'); });
after(async () => { await app?.close(); });

/** Writes a note on the passage selected: "Add a note", the text and
 * tags typed, saved with Ctrl+Enter. */
async function addNote(page, text, tags) {
  await page.locator('.cite-bar button.cite-note').click();
  const form = page.locator('form.note-form');
  await form.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the note has the focus');
  await page.keyboard.type(text);
  await form.locator('input').fill(tags);
  await form.locator('textarea').press('Control+Enter');
  await form.waitFor({ state: 'detached' });
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('button', { hasText: button }).click()]);
  return [file.suggestedFilename(), fs.readFileSync(await file.path(), 'utf8')];
}

test('a note on a passage is marked, kept over a reload, listed, searched, changed, deleted and undone, and exported', async () => {
  const { page } = app;
  await app.open(`?doc=${MAIL}`);
  await page.waitForSelector('article.doc-body p');
  assert.match(await page.locator('.doc-notes').textContent(), /Select a passage/);
  await select(page, PASSAGE);
  await addNote(page, 'Thiel said this at the Oxford Union.\nCheck the date <b>not bold</b>', ' #Thiel , quotes,thiel');
  // Marked in the text: exactly the passage, across whatever marks it.
  const marked = async () => (await page.locator('article.doc-body mark.note-mark').allTextContents()).join('');
  assert.equal(await marked(), PASSAGE);
  const item = page.locator('.doc-notes li.note-item');
  assert.equal(await item.count(), 1);
  assert.equal(await item.locator('.note-text').textContent(), 'Thiel said this at the Oxford Union.\nCheck the date <b>not bold</b>');
  assert.equal(await item.locator('b').count(), 0, 'a note is text, never HTML');
  assert.deepEqual(await item.locator('.note-tag').allTextContents(), ['#Thiel', '#quotes']);

  // Kept in this browser: a reload finds it.
  await page.reload();
  await page.waitForSelector('article.doc-body mark.note-mark');
  assert.equal(await marked(), PASSAGE);

  // Changed in the margin.
  await item.locator('button', { hasText: 'Edit' }).click();
  const form = item.locator('form.note-form');
  assert.equal(await form.locator('input').inputValue(), 'Thiel, quotes');
  await form.locator('textarea').fill('Thiel at the Oxford Union, January 2023. 👩‍⚕️ שלום');
  await form.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('.doc-notes .note-text')?.textContent.startsWith('Thiel at the Oxford Union, January'));

  // A second note, on another passage of another document.
  await app.open('?doc=004_3b07e6a0073e5d47');
  await page.waitForSelector('article.doc-body p');
  const second = await page.locator('article.doc-body p').nth(1).evaluate((p) => p.textContent.split(/\s+/).slice(0, 6).join(' '));
  await select(page, second);
  await addNote(page, 'Morning Star framing', 'framing');

  // The Notes view: both, newest first; searched by words and by tag.
  await app.open('?v=notes');
  await page.waitForSelector('.notes-all li.note-item');
  assert.equal(await page.locator('.notes-summary').textContent(), '2 notes');
  assert.deepEqual(await page.locator('.notes-all .note-text').allTextContents(), ['Morning Star framing', 'Thiel at the Oxford Union, January 2023. 👩‍⚕️ שלום']);
  await page.locator('input.notes-search').fill('oxford sick');
  await page.waitForFunction(() => document.querySelector('.notes-summary')?.textContent === '1 of 2 notes');
  assert.equal(params(page).get('nq'), 'oxford sick', 'the search is in the URL');
  await page.locator('input.notes-search').fill('');
  await page.locator('.note-tags a.note-tag', { hasText: '#framing' }).click();
  await page.waitForFunction(() => document.querySelector('.notes-summary')?.textContent === '1 of 2 notes');
  assert.equal(params(page).get('ntag'), 'framing');
  assert.equal(await page.locator('.note-tags a.note-tag.on').getAttribute('aria-current'), 'true');
  await page.locator('.note-tags a.note-tag.on').click();
  await page.waitForFunction(() => document.querySelector('.notes-summary')?.textContent === '2 notes');

  // Exported: the JSON file is the notebook; the Markdown quotes it.
  const [jsonName, json] = await download(page, 'Export JSON');
  assert.equal(jsonName, 'quire-notes.json');
  const file = JSON.parse(json);
  assert.equal(file.format, 'quire-notes');
  assert.equal(file.version, 1);
  const thiel = file.notes.find((n) => n.doc === MAIL);
  assert.equal(thiel.anchor.exact, PASSAGE);
  assert.equal([...thiel.anchor.prefix].length, 32);
  assert.deepEqual(thiel.tags, ['Thiel', 'quotes']);
  const [mdName, md] = await download(page, 'Export Markdown');
  assert.equal(mdName, 'quire-notes.md');
  assert.ok(md.startsWith('# Notes\n\n2 notes on 2 documents.'), md);
  assert.ok(md.includes(`> ${PASSAGE}\n`), md);
  assert.ok(md.includes(`&note=${thiel.id}`), 'each note links to its passage');

  // A note opens the reader at its passage, boxed and in view.
  await page.locator('.notes-all li.note-item', { hasText: 'Oxford Union' }).locator('a.note-show').click();
  await page.waitForSelector('#cited');
  assert.equal(params(page).get('note'), thiel.id);
  assert.equal((await page.locator('article.doc-body mark.cited').allTextContents()).join(''), PASSAGE);

  // Deleted, then brought back.
  await page.locator('.doc-notes button', { hasText: 'Delete' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article.doc-body mark.note-mark').length === 0);
  await page.locator('.note-undo button', { hasText: 'Undo' }).click();
  await page.waitForSelector('article.doc-body mark.note-mark');
  assert.equal(await marked(), PASSAGE);
  assert.equal(app.problems.splice(0).length, 0, 'no errors');
});

test('importing: a notes file is merged by id; a hostile or broken file gets a message and loses nothing', async () => {
  const { page } = app;
  await app.open('?v=notes');
  await page.waitForSelector('.notes-summary');
  const before = Number((await page.locator('.notes-summary').textContent()).split(' ')[0]) || 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-notes-'));
  const put = (name, text) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const importFile = async (file) => {
    await page.locator('.notes-bar input[type=file]').setInputFiles(file);
    await page.waitForFunction(() => {
      const t = document.querySelector('.imported')?.textContent ?? '';
      return t && t !== 'Reading the file…';
    });
    return page.locator('.imported').textContent();
  };
  assert.match(await importFile(put('broken.json', '{"format": "quire-notes", "notes": [')), /not a Quire notes file/);
  assert.match(await importFile(put('other.json', '{"format":"zotero","version":1,"notes":[]}')), /its format is “zotero”/);
  assert.match(await importFile(put('later.json', '{"format":"quire-notes","version":2,"notes":[]}')), /version 2/);
  const hostile = {
    format: 'quire-notes',
    version: 1,
    notes: [
      { id: 'h1', doc: MAIL, title: '<img src=x onerror="window.__pwned=1">', anchor: { exact: PASSAGE, prefix: '', suffix: '', start: 0 }, text: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">', tags: ['<b>x</b>', 'javascript:alert(1)'], created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' },
      { id: 'h2', doc: MAIL, anchor: { exact: 'x'.repeat(6000) } },
      { id: 'h3', doc: '', anchor: { exact: 'a' } },
      { id: 'h4', doc: 'no-such-doc', title: 'Gone', anchor: { exact: 'whatever' }, text: 'on a document this corpus lacks', updated: '2026-01-02' },
      'not an object',
    ],
  };
  const said = await importFile(put('hostile.json', JSON.stringify(hostile)));
  assert.match(said, /Imported: 2 new, 0 updated, 0 already here\. 3 left out: Note 2: its passage is empty or longer than 5000 characters\. Note 3: its document id is empty, too long or has control characters\. Note 5: invalid type/);
  assert.equal(await page.locator('.notes-summary').textContent(), `${before + 2} notes`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in a notes file runs');
  assert.equal(await page.locator('.notes-all img, .notes-all script, .notes-all b').count(), 0);
  // The same file again: nothing new.
  assert.match(await importFile(put('again.json', JSON.stringify(hostile))), /Imported: 0 new, 0 updated, 2 already here/);
  // The note on a document this corpus lacks opens a clear page.
  await page.locator('.notes-all li.note-item', { hasText: 'on a document this corpus lacks' }).locator('a.note-show').click();
  await page.waitForSelector('.not-found');
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(app.problems.splice(0), []);
});

test('with the keyboard alone: a note is written, and reached in the margin', async () => {
  const { page } = app;
  await app.open(`?doc=${MAIL}`);
  await page.waitForSelector('article.doc-body p');
  await select(page, 'Palantir');
  await page.locator('.cite-bar a.cite-link').focus();
  // Tab along the bar to "Add a note", Enter, type, Tab to the tags, Enter saves.
  for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Add a note'; i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Add a note');
  await page.keyboard.press('Enter');
  await page.waitForSelector('form.note-form textarea:focus');
  await page.keyboard.type('typed without a mouse');
  await page.keyboard.press('Tab');
  await page.keyboard.type('keyboard');
  await page.keyboard.press('Enter');
  await page.waitForSelector('form.note-form', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Add a note', null, { timeout: 5000 });
  const item = page.locator('.doc-notes li.note-item', { hasText: 'typed without a mouse' });
  assert.equal(await item.count(), 1);
  // Escape leaves an edit unchanged.
  await item.locator('button', { hasText: 'Edit' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.doc-notes form.note-form textarea:focus');
  await page.keyboard.type(' and more');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.doc-notes form.note-form', { state: 'detached' });
  assert.equal(await item.locator('.note-text').textContent(), 'typed without a mouse');
  await page.waitForFunction(() => document.activeElement?.classList.contains('note-edit'), null, { timeout: 5000 });
  // Deleted from the keyboard: the focus goes to Undo, Enter brings it back.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'note-delete');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Undo', null, { timeout: 5000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.doc-notes li.note-item >> text=typed without a mouse');
  assert.deepEqual(app.problems.splice(0), []);
});

test('after a rebuild that changed the text, each note is found at its passage, or said to be lost', async () => {
  // One page folder, its data/ replaced by the rebuilt corpus's: the
  // same browser storage, as for a site republished.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-notes-site-'));
  fs.cpSync(path.join(root, 'dist-notes'), site, { recursive: true });
  const fixture = await start(site);
  try {
    const { page } = fixture;
    const noted = [
      ['moves', 'The board met on Tuesday'],
      ['moves', 'Campaigners 👩‍⚕️ called it “a dark day for patients”, and שלום'],
      ['moves', 'the platform would be reviewed before any patient data'],
      ['goes', 'no data would leave the NHS without consent'],
    ];
    for (const [doc, passage] of noted) {
      await fixture.open(`?doc=${doc}`);
      await page.waitForSelector('article.doc-body p');
      await select(page, passage);
      await addNote(page, `on: ${passage}`, 'rebuild');
    }
    await fixture.open('?doc=moves');
    await page.waitForSelector('article.doc-body mark.note-mark');
    const before = await page.locator('article.doc-body mark.note-mark').evaluateAll((ms) => ms.map((m) => m.textContent));
    assert.deepEqual(before, noted.slice(0, 3).map(([, p]) => p));

    // Rebuilt: a paragraph added before, a passage also quoted earlier
    // in other words, lines wrapped again; the other article rewritten.
    fs.rmSync(path.join(site, 'data'), { recursive: true });
    fs.cpSync(path.join(root, 'target', 'notes-after'), path.join(site, 'data'), { recursive: true });
    await page.reload();
    await page.waitForSelector('article.doc-body p');
    assert.match(await page.locator('article.doc-body').textContent(), /^UPDATE: this article was corrected/);
    await page.waitForSelector('article.doc-body mark.note-mark');
    const marks = await page.locator('article.doc-body mark.note-mark').evaluateAll((ms) => ms.map((m) => [m.textContent, m.closest('[data-at]').textContent.slice(0, 12)]));
    assert.deepEqual(marks.map(([t]) => t.replace(/\s+/g, ' ')), noted.slice(0, 3).map(([, p]) => p));
    assert.equal(marks[0][1], 'The board me', 'the copy with its context, not the one in the update');
    assert.ok(marks[2][0].includes('\n'), 'found across the line break the rebuild put in it');
    assert.equal(await page.locator('.doc-notes .note-moved').count(), 3, 'each said to be found in changed text');
    assert.equal(await page.locator('.doc-notes a.note-show').count(), 3);

    await fixture.open('?doc=goes');
    await page.waitForSelector('.doc-notes li.note-item');
    assert.equal(await page.locator('article.doc-body mark.note-mark').count(), 0);
    assert.equal(await page.locator('.doc-notes .note-lost').textContent(), 'Its passage is no longer in the text.');
    // Lost, not gone: the Notes view still lists it with its passage.
    await fixture.open('?v=notes&ntag=rebuild');
    await page.waitForSelector('.notes-all li.note-item');
    assert.equal(await page.locator('.notes-summary').textContent(), '4 notes');
    assert.ok((await page.locator('.notes-all').textContent()).includes(noted[3][1]));
    assert.deepEqual(fixture.problems, []);
  } finally {
    await fixture.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
});
