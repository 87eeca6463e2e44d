// Accessibility: axe-core (npm, injected by the test) on every view, in light
// and dark mode, at WCAG 2.1 AA; and a journey made with the keyboard only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { start } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const MAIL = '001_44a0b21695fca2fa';
const STAR = '004_3b07e6a0073e5d47';

/** Imports two notes (one on the Daily Mail article) in the Notes view. */
async function importNotes(page) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quire-a11y-')), 'notes.json');
  const note = (id, exact, tags) => ({ id, doc: MAIL, title: 'Daily Mail', anchor: { exact, prefix: '', suffix: '', start: 0 }, text: `Note ${id}`, tags, updated: '2026-12-01' });
  fs.writeFileSync(file, JSON.stringify({ format: 'quire-notes', version: 1, notes: [note('a', 'Oxford Union debate', ['thiel']), note('b', 'Palantir', ['thiel', 'firms'])] }));
  await page.locator('.notes-bar input[type=file]').setInputFiles(file);
  await page.waitForSelector('.notes-all li.note-item');
}

/** Every view, with a selector that says it is shown. */
const VIEWS = [
  ['start page', '', '.result'],
  ['search results', '?q=palantir', '.result mark'],
  ['syntax help', '?q=nhs', '.result', async (page) => page.locator('.syntax-help summary').click()],
  ['concordance', '?q=nhs&v=kwic', 'table.kwic tbody tr'],
  ['keywords', `?f=source:Morning%20Star&v=keys&w=nhs`, 'table.keywords tbody tr'],
  ['collocates', '?q=palantir&v=coll&w=data', 'table.collocates tbody tr'],
  ['trends', '?v=trend&tq=palantir&tq=nhs', 'table.trend-table tbody tr'],
  ['reuse', '?v=reuse', '.tabs a[aria-current="page"]'],
  ['quotes', '?v=quotes', '.speaker'],
  ['similarity', '?v=similar', 'svg.matrix'],
  ['entities', '?v=ents', '.entity-group'],
  ['an entity', '?v=ents&ent=person:Peter%20Thiel', '.entity-focus table.kwic tbody tr'],
  ['document with entities marked', `?doc=${MAIL}&em=1&ent=person:Peter%20Thiel&mn=1`, 'article.doc-body .ent.current'],
  ['document with a passage cited', `?doc=${MAIL}&q=nhs&sel=300-420`, '.cite-bar'],
  ['document', `?q=palantir&doc=${STAR}`, 'article.doc-body mark'],
  ['comparison', `?cmp=${MAIL}&cmp=${STAR}`, 'article[data-side="b"]'],
  ['comparison, free layout', `?cmp=${MAIL}&cmp=${STAR}&lay=free&only=1`, 'article[data-side="b"]'],
  ['notes, none yet', '?v=notes', '.notes-summary'],
  ['notes', '?v=notes', '.notes-summary', importNotes],
  ['notes, a tag picked', '?v=notes&ntag=firms', '.notes-all li.note-item'],
  ['document with notes, one being written', `?doc=${MAIL}&sel=300-420`, 'article.doc-body mark.note-mark', async (page) => page.locator('button.cite-note').click()],
  ['not found', '?doc=no-such-document', '.not-found'],
  ['your documents, none yet', '?src=mine', '.yours'],
];

let app;
before(async () => { app = await start('dist'); });
after(async () => { await app?.close(); });

async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated by the test driver, not by the page: the page's CSP, which
    // allows no inline script, does not apply.
    await page.evaluate(AXE);
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.1 AA violation on any view, ${scheme} mode`, async () => {
    await app.page.emulateMedia({ colorScheme: scheme });
    const report = [];
    for (const [name, query, ready, act] of VIEWS) {
      await app.open(query);
      await app.page.waitForSelector(ready);
      if (act) await act(app.page);
      const found = await violations(app.page);
      report.push(`${name}: ${found.length === 0 ? 'none' : found.map((v) => `${v.id} (${v.nodes}: ${v.targets.join(', ')})`).join('; ')}`);
    }
    console.log(`axe, ${scheme} mode:\n  ${report.join('\n  ')}`);
    assert.ok(report.every((line) => line.endsWith(': none')), report.join('\n'));
    app.problems.splice(0);
  });
}

/** Presses Tab (or Shift+Tab, `backwards`) until the focused element
 * matches `selector`, then the other way if it was not found. */
async function tabTo(page, selector, { max = 80, backwards = false } = {}) {
  for (const back of [backwards, !backwards]) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
  }
  throw new Error(`${selector} cannot be reached with Tab`);
}

const focusVisible = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const style = el && getComputedStyle(el);
  return !!el && el !== document.body && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
});

test('a keyboard-only journey: search, open a result, step through hits, compare, step through passages, back', async () => {
  await app.page.emulateMedia({ colorScheme: 'light' });
  const { page } = app;
  await app.open();
  await page.waitForSelector('.result');
  // Search.
  await tabTo(page, 'input[type="search"]');
  await page.keyboard.type('palantir', { delay: 10 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'palantir');
  await page.waitForSelector('.result mark');
  // Open the first result.
  await tabTo(page, '.result-title a');
  assert.ok(await focusVisible(page), 'the focused link shows a focus ring');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.doc-body mark[data-hit]');
  // Step through its hits.
  const position = () => page.locator('.hit-position').textContent();
  await page.keyboard.press('n');
  await page.waitForFunction(() => /^Hit 1 of/.test(document.querySelector('.hit-position')?.textContent ?? ''));
  await page.keyboard.press('n');
  await page.waitForFunction(() => /^Hit 2 of/.test(document.querySelector('.hit-position')?.textContent ?? ''));
  await page.keyboard.press('p');
  await page.waitForFunction(() => /^Hit 1 of/.test(document.querySelector('.hit-position')?.textContent ?? ''));
  assert.match(await position(), /^Hit 1 of \d+/);
  await page.waitForSelector('mark.current');
  // Back to the results, pick one and compare it with another.
  await tabTo(page, 'a.back', { backwards: true });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.result .compare-link');
  await tabTo(page, `.result[data-id="${MAIL}"] .compare-link`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.result[data-id="${MAIL}"] .compare-link.picked`);
  await tabTo(page, `.result[data-id="${STAR}"] .compare-link`, { backwards: true });
  await page.keyboard.press('Enter');
  await page.waitForSelector('article[data-side="b"] mark.passage');
  // Step through the shared passages.
  await page.keyboard.press('n');
  await page.waitForFunction(() => /^Passage 1 of/.test(document.querySelector('.hit-position')?.textContent ?? ''));
  await page.keyboard.press('n');
  await page.waitForFunction(() => /^Passage 2 of/.test(document.querySelector('.hit-position')?.textContent ?? ''));
  await page.keyboard.press('p');
  await page.waitForFunction(() => /^Passage 1 of/.test(document.querySelector('.hit-position')?.textContent ?? ''));
  await page.waitForSelector('mark.passage.current');
  // A passage is reachable with Tab and Enter brings its twin into view.
  await tabTo(page, 'article[data-side="a"] mark.passage[tabindex]');
  await page.keyboard.press('Enter');
  // Back to the results.
  await tabTo(page, 'a.back', { backwards: true, max: 200 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.result mark');
  assert.equal(new URLSearchParams(new URL(page.url()).search).get('q'), 'palantir');
  assert.deepEqual(app.problems.splice(0), []);
});
