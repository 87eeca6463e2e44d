// Comparison, reuse, quotes and similarity, in Chromium, on the release
// build of tests/fixtures/reuse: three reports of one story that copy and
// reword a press-release line and carry the same quotes.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, params } from './helpers.mjs';

let app;
before(async () => { app = await start('dist-reuse'); });
after(async () => { await app?.close(); });
afterEach(async () => {
  const violations = await app.page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  assert.deepEqual(app.problems.splice(0), [], 'no page errors');
});

const THREE = '?cmp=wire&cmp=daily&cmp=weekly';
const passages = (page, side) =>
  page.locator(`article[data-side="${side}"] mark[data-passage]`).evaluateAll((ms) => ms.map((m) => [m.dataset.passage, m.textContent]));

test('three documents side by side: each shared passage has one number in every pane, near-matches show their changed words', async () => {
  await app.open(THREE);
  await app.page.waitForSelector('.compare-grid.n3');
  assert.equal(await app.page.locator('.compare-grid > article').count(), 3);
  assert.deepEqual(await app.page.locator('.col-head .side-badge').allTextContents(), ['A', 'B', 'C']);
  const [a, b, c] = [await passages(app.page, 'a'), await passages(app.page, 'b'), await passages(app.page, 'c')];
  const contract = (list) => list.find(([, t]) => t.startsWith('NHS England has signed a seven-year contract'));
  assert.ok(contract(a) && contract(b) && contract(c), JSON.stringify({ a, b, c }));
  assert.equal(contract(a)[0], contract(b)[0]);
  assert.equal(contract(a)[0], contract(c)[0]);
  // £330 million against £330m: a near-match, with the differing words marked.
  const n = contract(a)[0];
  assert.equal(await app.page.locator(`mark.passage.near[data-passage="${n}"]`).count(), 3);
  assert.match(await app.page.locator(`article[data-side="b"] mark[data-passage="${n}"] .changed`).first().textContent(), /^m$/);
  assert.equal(await app.page.locator(`article[data-side="a"] mark[data-passage="${n}"] .changed`).first().textContent(), 'million');
  // The inserted word is marked in the one copy that has it.
  const critics = b.find(([, t]) => t.startsWith('Critics'));
  assert.ok(critics);
  assert.deepEqual(await app.page.locator(`article[data-side="b"] mark[data-passage="${critics[0]}"] .changed`).allTextContents(), ['serious']);
  // The number cue does not rely on colour: ≈ and the number, on the first piece.
  assert.equal(await app.page.locator(`article[data-side="a"] mark[data-passage="${n}"][data-n]`).getAttribute('data-n'), `≈${n}`);
  // Copies of one passage sit level: their cells share a grid row.
  const rows = await app.page.locator(`mark[data-passage="${n}"]`).evaluateAll((ms) => ms.map((m) => m.closest('.cell').style.gridRow));
  assert.equal(new Set(rows).size, 1, JSON.stringify(rows));
  // The gutter links the row, and the minimap shows each document's copies.
  assert.ok(await app.page.locator(`.gutter button[data-passage="${n}"]`).count() >= 1);
  assert.equal(await app.page.locator(`svg.map rect[data-passage="${n}"]`).count(), 3);
  assert.match(await app.page.locator('.similarity').textContent(), /3 shared passages \(\d near\)/);
});

test('N and P step through the passages in every pane, and a reload keeps the place', async () => {
  await app.open(THREE);
  await app.page.waitForSelector('.compare-grid');
  const total = Number((await app.page.locator('.similarity').textContent()).match(/(\d+) shared passages/)[1]);
  await app.page.keyboard.press('n');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('p') === '1');
  assert.match(await app.page.locator('.hit-position').textContent(), new RegExp(`Passage 1 of ${total}`));
  // The class moves on the next frame after the URL: wait for all three.
  await app.page.waitForFunction(() => document.querySelectorAll('mark.current[data-passage="1"]').length === 3);
  await app.page.keyboard.press('n');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('p') === '2');
  await app.page.waitForSelector('mark.current[data-passage="2"]');
  assert.equal(await app.page.locator('mark.current[data-passage="1"]').count(), 0);
  await app.page.keyboard.press('p');
  await app.page.keyboard.press('p');
  // Before the first: round to the last.
  await app.page.waitForFunction((t) => new URLSearchParams(location.search).get('p') === String(t), total);
  await app.page.reload();
  await app.page.waitForSelector(`mark.current[data-passage="${total}"]`);
  // The buttons do the same.
  await app.page.locator('.hit-nav button', { hasText: 'Next' }).click();
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('p') === '1');
});

test('clicking a passage brings its twins into view, in aligned and in free layout', async () => {
  // Aligned: one scroll; the twin in the other pane is shown.
  await app.open('?cmp=wire&cmp=weekly');
  await app.page.waitForSelector('.compare-grid');
  await app.page.setViewportSize({ width: 1100, height: 420 });
  const quote = await passages(app.page, 'a').then((l) => l.find(([, t]) => t.startsWith('This is about'))[0]);
  await app.page.locator(`article[data-side="a"] mark[data-passage="${quote}"]`).first().click();
  await app.page.waitForFunction((q) => new URLSearchParams(location.search).get('p') === q, quote);
  await app.page.waitForFunction((q) => {
    const twin = document.querySelector(`article[data-side="b"] mark[data-passage="${q}"]`);
    const r = twin.getBoundingClientRect();
    return twin.classList.contains('current') && r.top >= 0 && r.bottom <= innerHeight;
  }, quote);
  // Free layout: each pane scrolls on its own, and the twin's pane follows.
  await app.page.locator('input.align-toggle').uncheck();
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('lay') === 'free');
  await app.page.waitForSelector('.compare-cols .compare-col');
  const column = app.page.locator('.compare-col').nth(1);
  await column.evaluate((c) => { c.scrollTop = c.scrollHeight; });
  const first = await passages(app.page, 'a').then((l) => l[0][0]);
  await app.page.locator(`article[data-side="a"] mark[data-passage="${first}"]`).first().click();
  await app.page.waitForFunction((n) => {
    const col = document.querySelectorAll('.compare-col')[1];
    const twin = col.querySelector(`mark[data-passage="${n}"]`);
    const r = twin.getBoundingClientRect(), c = col.getBoundingClientRect();
    return r.top >= c.top && r.bottom <= c.bottom;
  }, first);
  // Enter on a focused passage does the same.
  await app.page.locator(`article[data-side="b"] mark[data-passage="${quote}"]`).first().focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((q) => new URLSearchParams(location.search).get('p') === q, quote);
  await app.page.setViewportSize({ width: 1280, height: 900 });
});

test('"shared passages only" folds the rest away, and unfolds', async () => {
  await app.open('?cmp=wire&cmp=daily');
  await app.page.waitForSelector('.compare-grid');
  const cells = () => app.page.locator('.compare-grid .cell').evaluateAll((cs) => cs.map((c) => c.querySelector('mark[data-passage]') !== null));
  const before = await cells();
  assert.ok(before.includes(false), 'some paragraphs share nothing');
  await app.page.locator('input.only-toggle').check();
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('only') === '1');
  await app.page.waitForSelector('.fold');
  const after = await cells();
  assert.ok(after.length > 0 && !after.includes(false), JSON.stringify(after));
  assert.match(await app.page.locator('.fold').first().textContent(), /⋯ \d+ paragraphs? without shared passages/);
  assert.equal(await app.page.locator('mark[data-passage]').count(), await app.page.locator('mark[data-passage]').count());
  await app.page.reload();
  await app.page.waitForSelector('.fold');
  assert.equal(await app.page.locator('input.only-toggle').isChecked(), true);
  // A fold opens everything again.
  await app.page.locator('.fold button').first().click();
  await app.page.waitForFunction(() => !new URLSearchParams(location.search).has('only'));
  assert.equal(await app.page.locator('.fold').count(), 0);
  assert.deepEqual(await cells(), before);
});

test('the Reuse view lists shared passages with their likely source, and opens their comparison', async () => {
  await app.open('?v=reuse');
  await app.page.waitForSelector('.cluster');
  const first = app.page.locator('.cluster').first();
  assert.match(await first.locator('.cluster-head').textContent(), /3 documents/);
  assert.match(await first.locator('.cluster-text').textContent(), /seven-year contract/);
  // The earliest dated copy, the wire story of 1 May, is the likely source.
  assert.match(await first.locator('li', { hasText: 'likely source' }).textContent(), /Health service signs data platform deal/);
  // Sorted by date, the earliest first; by length, the longest first.
  await app.page.locator('select.reuse-sort').selectOption('length');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('rs') === 'length');
  const words = await app.page.locator('.cluster-head').evaluateAll((hs) => hs.map((h) => Number(h.textContent.match(/(\d+) words/)[1])));
  assert.deepEqual(words, [...words].sort((x, y) => y - x));
  await app.page.locator('select.reuse-sort').selectOption('size');
  await app.page.waitForSelector('.cluster');
  await app.page.locator('.cluster').first().locator('a.compare-cluster').click();
  await app.page.waitForSelector('.compare-grid');
  assert.deepEqual(params(app.page).getAll('cmp').sort(), ['daily', 'weekly', 'wire']);
  assert.equal(params(app.page).getAll('cmp')[0], 'wire', 'the likely source comes first');
  assert.ok(await app.page.locator('mark[data-passage]').count() >= 3);
});

test('the Quotes view groups quotes by speaker with the outlets that carried them', async () => {
  await app.open('?v=quotes');
  await app.page.waitForSelector('.speaker');
  const hollis = app.page.locator('.speaker[data-speaker="Jane Hollis"]');
  assert.equal(await hollis.locator('.quote-group').count(), 1, 'one quote, three copies');
  assert.match(await hollis.locator('.quote-text').textContent(), /giving clinicians the information they need/);
  assert.deepEqual(await hollis.locator('.carriers a').allTextContents(), ['Wire Service', 'Daily Ledger', 'Weekly Review']);
  const okafor = app.page.locator('.speaker[data-speaker="Sam Okafor"]');
  assert.equal(await okafor.locator('.quote-group').count(), 2);
  // A carrier opens the document at the quote.
  await hollis.locator('.carriers a', { hasText: 'Daily Ledger' }).click();
  await app.page.waitForSelector('article.doc-body mark.quote.current-quote');
  assert.equal(params(app.page).get('doc'), 'daily');
  assert.match(await app.page.locator('mark.quote').first().textContent(), /^This is about giving clinicians/);
  // A search narrows the view to the documents that match.
  await app.open('?v=quotes&q=consultation');
  await app.page.waitForSelector('.speaker');
  assert.deepEqual(await app.page.locator('.speaker').evaluateAll((s) => s.map((x) => x.dataset.speaker)), ['Jane Hollis', 'Sam Okafor']);
});

test('the similarity matrix opens a comparison and exports as CSV; documents list more like them', async () => {
  await app.open('?v=similar');
  await app.page.waitForSelector('svg.matrix');
  assert.equal(await app.page.locator('svg.matrix rect.cell').count(), 9);
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.locator('button.export').click()]);
  const csv = (await fs.promises.readFile(await download.path(), 'utf8')).trim().split('\n');
  assert.equal(csv.length, 3);
  for (const line of csv) assert.match(line, /^(wire|daily|weekly),(wire|daily|weekly),[01]\.\d{4}$/);
  await app.page.locator('svg.matrix rect.cell:not(.self)').first().click();
  await app.page.waitForSelector('.compare-grid');
  assert.equal(params(app.page).getAll('cmp').length, 2);

  await app.open('?doc=wire');
  await app.page.waitForSelector('.more-like-this li');
  const similar = await app.page.locator('.more-like-this li > a').allTextContents();
  assert.equal(similar.length, 2);
  assert.match(await app.page.locator('.more-like-this .score').first().textContent(), /^\d+%$/);
  assert.match(await app.page.locator('.more-like-this .terms').first().textContent(), /\w/);
  // Reused passages in the reader say where else they appear, with links.
  const reused = app.page.locator('.reused-passage').first();
  assert.match(await reused.textContent(), /Appears in 2 other documents/);
  assert.equal(await reused.locator('ul a').count(), 2);
  await app.page.locator('article.doc-body mark.reused').first().click();
  await app.page.waitForSelector('.reused-passage.current-reuse');
});
