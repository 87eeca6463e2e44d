// Cite and link: text selected in the reader gives a link to that exact
// passage (a character range in the URL, which survives a reload and
// marks the passage) and a citation in BibTeX, RIS and CSL-JSON with the
// passage quoted; crafted ranges are ignored, never a crash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, params, select } from './helpers.mjs';

const MAIL = '001_44a0b21695fca2fa';
const STAR = '004_3b07e6a0073e5d47';
const PASSAGE = 'Oxford Union debate in January last year that the NHS ‘makes people sick’ and compared the UK’s affection';
/** The Daily Mail article's text as the corpus file has it. */
const MAIL_TEXT = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus', `${MAIL}.txt`), 'utf8')
  .replace(/^\+\+\+[\s\S]*?\n\+\+\+\n/, '');

let app;
before(async () => { app = await start('dist'); });
after(async () => { await app?.close(); });

test('a passage selected in the reader is linked, marked after a reload, and cited in three formats', async () => {
  const { page } = app;
  // Entities marked and a query: the passage crosses marks of both.
  await app.open(`?q=oxford%20nhs&doc=${MAIL}&em=1`);
  await page.waitForSelector('article.doc-body .ent');
  await select(page, PASSAGE);
  await page.waitForSelector('.cite-bar');
  assert.equal(await page.locator('.cite-quote').textContent(), `“${PASSAGE}”`);
  const href = await page.locator('a.cite-link').getAttribute('href');
  const sel = new URLSearchParams(href).get('sel');
  assert.match(sel, /^\d+-\d+$/);
  const [from, to] = sel.split('-').map(Number);
  // Characters, not bytes or UTF-16 units: ‘ and ’ count one each; the
  // range is where the passage is in the file's text.
  assert.equal(to - from, [...PASSAGE].length);
  assert.equal(from, [...MAIL_TEXT.slice(0, MAIL_TEXT.indexOf(PASSAGE))].length);
  const url = await page.locator('input.cite-url').inputValue();
  assert.ok(url.startsWith(app.server.url.split('?')[0]) && url.endsWith(href), url);

  // The link, then a reload: the passage is marked, and only it.
  await page.locator('a.cite-link').click();
  await page.waitForFunction((s) => new URLSearchParams(location.search).get('sel') === s, sel);
  await page.reload();
  await page.waitForSelector('article.doc-body mark.cited');
  const marked = await page.locator('article.doc-body mark.cited').evaluateAll((els) => els.map((e) => e.textContent).join(''));
  assert.equal(marked, PASSAGE);
  assert.equal(params(page).get('q'), 'oxford nhs', 'the rest of the state is kept');
  assert.ok(await page.locator('article.doc-body mark.cited mark[data-hit], article.doc-body mark.cited .ent').count() > 0, 'hits and entities inside');
  const inView = await page.locator('#cited').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(inView, 'the cited passage is scrolled into view');
  // The bar cites the linked passage without a new selection.
  await page.waitForSelector('.cite-bar');

  // The three formats, each with the passage quoted and its link.
  const saved = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.cite-formats button', { hasText: button }).click()]);
    return [download.suggestedFilename(), fs.readFileSync(await download.path(), 'utf8')];
  };
  const [bibName, bib] = await saved('BibTeX');
  assert.equal(bibName, 'quire-citation.bib');
  assert.match(bib, /^@misc\{quire2024\w+,\n  title = \{Pro-Palestinian medics blockade/);
  assert.ok(bib.includes(`Quoted: “${PASSAGE}”`), bib);
  assert.ok(bib.includes(`sel=${sel}`), bib);
  const [, ris] = await saved('RIS');
  assert.match(ris, /^TY {2}- GEN\r\nTI {2}- Pro-Palestinian medics/);
  assert.ok(ris.includes('DA  - 2024/04/03/\r\n') && ris.includes(`Quoted: “${PASSAGE}”`) && ris.endsWith('ER  - \r\n'), ris);
  const [, json] = await saved('CSL-JSON');
  const [item] = JSON.parse(json);
  assert.deepEqual(item.issued, { 'date-parts': [[2024, 4, 3]] });
  assert.ok(item.note.includes(`“${PASSAGE}”`) && item.note.includes(`sel=${sel}`), item.note);
  assert.equal(app.problems.splice(0).length, 0);
});

test('an outlet\'s article is cited as a newspaper article; crafted ranges are ignored', async () => {
  const { page } = app;
  await app.open(`?doc=${STAR}`);
  await page.waitForSelector('article.doc-body p');
  const words = (await page.locator('article.doc-body p').nth(2).textContent()).split(/\s+/).slice(0, 8).join(' ');
  await select(page, words);
  await page.waitForSelector('.cite-bar');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.cite-formats button', { hasText: 'CSL-JSON' }).click()]);
  const [item] = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(item.type, 'article-newspaper');
  assert.equal(item['container-title'], 'Morning Star');
  for (const sel of ['999999-1000000', '5-3', '0-999999', 'x', '-1-4', '3']) {
    await app.open(`?doc=${STAR}&sel=${sel}`);
    await page.waitForSelector('article.doc-body p');
    assert.equal(await page.locator('mark.cited').count(), 0, sel);
  }
  assert.equal(app.problems.splice(0).length, 0);
});

test('a selection from the margin, a link made at a hit, and the bar reached with Tab', async () => {
  const { page } = app;
  await app.open(`?q=nhs&doc=${MAIL}&hit=6`);
  await page.waitForSelector('article.doc-body mark.current');
  // From inside a paragraph to the article itself, before the next one
  // (as a drag into the margin ends): the rest of that paragraph.
  const tail = await page.evaluate(() => {
    const article = document.querySelector('article.doc-body');
    const blocks = [...article.children];
    const p = blocks.find((b) => b.textContent.startsWith('Mr Thiel, 56'));
    const text = p.firstChild;
    const range = document.createRange();
    range.setStart(text, 9);
    range.setEnd(article, [...article.childNodes].indexOf(p) + 1);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    article.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return p.textContent.slice(9);
  });
  await page.waitForSelector('.cite-bar a.cite-link');
  const shown = (await page.locator('.cite-quote').textContent()).replace(/^“|( …)?”$/g, '');
  assert.ok(shown.length > 40 && tail.trim().startsWith(shown), `${shown} | ${tail}`);
  // Tab from the link past the note to the formats: the bar stays, Enter saves.
  await page.locator('a.cite-link').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'cite-url');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Add a note');
  await page.keyboard.press('Tab');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.ok(fs.readFileSync(await download.path(), 'utf8').includes(tail.trim().slice(0, 40)));
  // The link opens at the passage, not at the hit it was made from.
  await page.locator('a.cite-link').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).has('sel'));
  assert.equal(params(page).get('hit'), null);
  await page.reload();
  await page.waitForSelector('#cited');
  assert.equal((await page.locator('mark.cited').allTextContents()).join(''), tail.trim());
  assert.equal(app.problems.splice(0).length, 0);
});

// Headless Chromium has no caret browsing (F7): the selection is
// extended as it does, a character at a time, then a key is let go.
test('with the keyboard: a selection extended from the keyboard is cited too', async () => {
  const { page } = app;
  await app.open(`?doc=${MAIL}`);
  await page.waitForSelector('article.doc-body p');
  // Caret at the start of a paragraph, then Shift+End.
  await page.evaluate(() => {
    const p = document.querySelectorAll('article.doc-body p')[3];
    const range = document.createRange();
    range.setStart(p.firstChild, 0);
    range.collapse(true);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.evaluate(() => {
    for (let i = 0; i < 9; i++) getSelection().modify('extend', 'forward', 'character');
  });
  await page.keyboard.press('Shift');
  await page.waitForSelector('.cite-bar');
  const quote = await page.locator('.cite-quote').textContent();
  const start = (await page.locator('article.doc-body p').nth(3).textContent()).slice(0, 9);
  assert.equal(quote, `“${start.trim()}”`);
  assert.equal(app.problems.splice(0).length, 0);
});
