// Cite and link: text selected in the reader gives a link to that exact
// passage (a character range in the URL, which survives a reload and
// marks the passage) and a citation in BibTeX, RIS and CSL-JSON with the
// passage quoted; crafted ranges are ignored, never a crash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, params } from './helpers.mjs';

const MAIL = '001_44a0b21695fca2fa';
const STAR = '004_3b07e6a0073e5d47';
const PASSAGE = 'Oxford Union debate in January last year that the NHS ‘makes people sick’ and compared the UK’s affection';

let app;
before(async () => { app = await start('dist'); });
after(async () => { await app?.close(); });

/** Selects the first occurrence of `text` in the article (across the
 * marks' elements), as a reader dragging over it would, and lets go. */
async function select(page, text) {
  await page.evaluate((text) => {
    const article = document.querySelector('article.doc-body');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    const at = all.indexOf(text);
    if (at < 0) throw new Error(`not shown: ${text}`);
    const place = (i) => {
      const [node, from] = nodes.filter(([, from]) => from <= i).pop();
      return [node, i - from];
    };
    const range = document.createRange();
    range.setStart(...place(at));
    range.setEnd(...place(at + text.length));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    article.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, text);
}

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
  // Characters, not bytes or UTF-16 units: ‘ and ’ count one each.
  assert.equal(to - from, [...PASSAGE].length);
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
