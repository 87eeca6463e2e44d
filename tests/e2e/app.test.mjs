// What users do, in Chromium, on the release build with the default corpus.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, marks, search, params, SUB_PATH } from './helpers.mjs';

let app;
before(async () => { app = await start('dist'); });
after(async () => { await app?.close(); });
afterEach(async () => {
  const violations = await app.page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  assert.deepEqual(app.problems.splice(0), [], 'no page errors');
});

const MAIL = '001_44a0b21695fca2fa';
const STAR = '004_3b07e6a0073e5d47';

test('the app starts under a sub-path and lists the whole corpus', async () => {
  await app.open();
  await app.page.waitForSelector('.result');
  assert.equal(await app.page.locator('.result').count(), 5);
  assert.match(await app.page.locator('.summary').textContent(), /All 5 documents/);
  assert.equal(await app.page.locator('input[type="search"]').count(), 1);
  assert.equal(await app.page.locator('#crash').isHidden(), true);
});

test('searching a word marks it in the results and in the document', async () => {
  await app.open();
  await search(app.page, 'genocide');
  await app.page.waitForSelector('.result mark');
  const inResults = await marks(app.page, '.result mark');
  assert.ok(inResults.length >= 2);
  for (const m of inResults) assert.match(m, /^genocide$/i);
  await app.page.locator('.result-title a').first().click();
  await app.page.waitForSelector('article.doc-body');
  assert.ok(params(app.page).get('doc'));
  const inDoc = await marks(app.page, 'article.doc-body mark[data-hit]');
  assert.ok(inDoc.length >= 1);
  for (const m of inDoc) assert.match(m, /^genocide$/i);
  assert.match(await app.page.locator('.hit-position').textContent(), /\d+ hits?/);
});

test('a phrase query matches only adjacent words', async () => {
  await app.open();
  await search(app.page, '"data platform"');
  await app.page.waitForSelector('.result mark');
  const results = app.page.locator('.result');
  const n = await results.count();
  assert.ok(n >= 3);
  for (let i = 0; i < n; i++) {
    const words = (await results.nth(i).locator('.snippet mark').allTextContents()).map((w) => w.toLowerCase());
    for (let j = 0; j < words.length; j += 2) {
      assert.deepEqual(words.slice(j, j + 2), ['data', 'platform']);
    }
  }
  // Both words are in these articles, but never in this order.
  await search(app.page, 'platform data');
  await app.page.waitForSelector('.result');
  assert.ok((await app.page.locator('.result').count()) >= 3);
  await search(app.page, '"platform data"');
  await app.page.waitForFunction(() => document.querySelector('.summary')?.textContent.includes('No documents match'));
  assert.equal(await app.page.locator('.result').count(), 0);
});

test('a stemmed form is found and marked', async () => {
  await app.open(`?q=contracts&doc=${STAR}`);
  await app.page.waitForSelector('article.doc-body mark[data-hit]');
  const words = new Set((await marks(app.page, 'article.doc-body mark[data-hit]')).map((w) => w.toLowerCase()));
  assert.ok(words.has('contract'), [...words].join());
  assert.ok(words.has('contracts'), [...words].join());
  assert.ok(words.has('contracted'), [...words].join());
  for (const w of words) assert.match(w, /^contract(s|ed)?$/);
  const title = await marks(app.page, '.doc-head h1 mark');
  assert.deepEqual(title, ['contracts']);
});

async function facetCounts(page, key) {
  const rows = page.locator(`fieldset[data-facet="${key}"] label`);
  const out = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const value = await rows.nth(i).locator('.facet-value').textContent();
    out[value] = Number(await rows.nth(i).locator('.count').textContent());
  }
  return out;
}

test('a facet narrows the results and its counts follow the query', async () => {
  await app.open();
  await app.page.waitForSelector('fieldset[data-facet="source"]');
  assert.deepEqual(await facetCounts(app.page, 'source'), { Foxglove: 1, 'Morning Star': 1 });
  await search(app.page, 'unison');
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 1);
  assert.deepEqual(await facetCounts(app.page, 'source'), { Foxglove: 0, 'Morning Star': 1 });
  await search(app.page, 'palantir');
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 5);
  await app.page.locator('fieldset[data-facet="source"] label', { hasText: 'Morning Star' }).locator('input').check();
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 1);
  assert.deepEqual(params(app.page).getAll('f'), ['source:Morning Star']);
  // Picking a second outlet widens (OR within a facet); its count said so.
  assert.deepEqual(await facetCounts(app.page, 'source'), { Foxglove: 1, 'Morning Star': 1 });
  await app.page.locator('fieldset[data-facet="source"] label', { hasText: 'Foxglove' }).locator('input').check();
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 2);
  // Counts in another facet are counted within the choice.
  assert.deepEqual(await facetCounts(app.page, 'year'), { 2024: 0 });
  await app.page.locator('.clear-all').click();
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 5);
});

test('comparing two articles marks the shared passages in both columns', async () => {
  await app.open('?q=palantir');
  await app.page.waitForSelector('.result');
  await app.page.locator(`.result[data-id="${MAIL}"] .compare-link`).click();
  await app.page.waitForSelector('.compare-tray');
  await app.page.locator(`.result[data-id="${STAR}"] .compare-link`).click();
  await app.page.waitForSelector('.compare-grid');
  assert.deepEqual(params(app.page).getAll('cmp'), [MAIL, STAR]);
  assert.equal(await app.page.locator('.compare-grid > article').count(), 2);
  const side = (s) => app.page.locator(`article[data-side="${s}"] mark[data-passage]`);
  const a = await side('a').evaluateAll((ms) => ms.map((m) => [m.dataset.passage, m.textContent]));
  const b = await side('b').evaluateAll((ms) => ms.map((m) => [m.dataset.passage, m.textContent]));
  assert.ok(a.length >= 2 && b.length >= 2, JSON.stringify({ a, b }));
  const norm = (t) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').replace(/\bblockaded\b/, 'blockade').trim();
  for (const [n, text] of a) {
    const twin = b.find(([m]) => m === n);
    assert.ok(twin, `passage ${n} is marked on both sides`);
    assert.equal(norm(twin[1]), norm(text));
  }
  assert.ok(a.some(([, t]) => t === 'system called the Federated Data'));
  assert.match(await app.page.locator('.similarity').textContent(), /\d+ shared passages · [\d.]+% of words shared/);
  // Clicking a passage makes it current in both columns.
  const last = await side('a').last().getAttribute('data-passage');
  await side('a').last().click();
  await app.page.waitForFunction((n) => new URLSearchParams(location.search).get('p') === n, last);
  // (the class moves on the next frame: wait for it; never moving fails)
  await app.page.waitForFunction((n) => document.querySelectorAll(`mark.current[data-passage="${n}"]`).length >= 2, last);
  // A third document joins from the results: the picks carry the two.
  await app.page.locator('a.add-from-results').click();
  await app.page.waitForSelector('.compare-tray');
  assert.deepEqual(params(app.page).getAll('pick'), [MAIL, STAR]);
  const third = await app.page.locator('.result').evaluateAll((rs, ids) => rs.map((r) => r.dataset.id).find((id) => !ids.includes(id)), [MAIL, STAR]);
  await app.page.locator(`.result[data-id="${third}"] .compare-link`).click();
  await app.page.waitForSelector('.compare-grid.n3');
  assert.deepEqual(params(app.page).getAll('cmp'), [MAIL, STAR, third]);
});

test('the document view steps through hits, then on to the next result', async () => {
  await app.open('?q=palantir');
  await app.page.waitForSelector('.result');
  await app.page.locator('.result-title a').first().click();
  await app.page.waitForSelector('article.doc-body mark[data-hit]');
  const total = await app.page.locator('article.doc-body mark[data-hit]').count();
  await app.page.keyboard.press('n');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('hit') === '0');
  await app.page.keyboard.press('n');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('hit') === '1');
  // The current mark moves on the next frame after the URL changes: wait
  // for it (a timeout fails the test if it never moves).
  await app.page.waitForSelector('article.doc-body mark.current[data-hit="1"]');
  const current = await app.page.locator('article.doc-body mark.current').evaluateAll((ms) => [...new Set(ms.map((m) => m.dataset.hit))]);
  assert.deepEqual(current, ['1']);
  assert.match(await app.page.locator('.hit-position').textContent(), new RegExp(`Hit 2 of ${total} · result 1 of 5`));
  await app.page.keyboard.press('p');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('hit') === '0');
  // Past the last hit, the next result opens at its first hit.
  for (let i = 1; i < total; i++) await app.page.keyboard.press('n');
  await app.page.waitForFunction((t) => new URLSearchParams(location.search).get('hit') === String(t - 1), total);
  const before = params(app.page).get('doc');
  await app.page.keyboard.press('n');
  await app.page.waitForFunction((d) => new URLSearchParams(location.search).get('doc') !== d, before);
  assert.equal(params(app.page).get('hit'), '0');
  await app.page.waitForSelector('article.doc-body mark.current[data-hit="0"]');
  // And back: the previous result, at its last hit.
  await app.page.keyboard.press('p');
  await app.page.waitForFunction((d) => new URLSearchParams(location.search).get('doc') === d, before);
  assert.equal(params(app.page).get('hit'), String(total - 1));
});

test('a reload keeps the whole state', async () => {
  await app.open(`?q=nhs%20england&f=year%3A2024&sort=title&doc=${MAIL}&hit=2`);
  await app.page.waitForSelector('article.doc-body mark.current');
  const before = app.page.url();
  await app.page.reload();
  await app.page.waitForSelector('article.doc-body mark.current');
  assert.equal(app.page.url(), before);
  assert.equal(await app.page.locator('input[type="search"]').inputValue(), 'nhs england');
  assert.equal(await app.page.locator('article.doc-body mark.current').first().getAttribute('data-hit'), '2');
  // Back to the results: the query, filter and order are still there.
  await app.page.locator('a.back').click();
  await app.page.waitForSelector('.result');
  assert.equal(params(app.page).get('sort'), 'title');
  assert.equal(await app.page.locator('fieldset[data-facet="year"] input:checked').count(), 1);
  await app.page.reload();
  await app.page.waitForSelector('.result');
  assert.equal(await app.page.locator('select').inputValue(), 'title');
  const titles = await app.page.locator('.result-title').allTextContents();
  assert.deepEqual(titles, [...titles].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())));
  // A comparison with its current passage survives too.
  await app.open(`?cmp=${MAIL}&cmp=${STAR}&p=1`);
  await app.page.waitForSelector('mark.current[data-passage="1"]');
  await app.page.reload();
  await app.page.waitForSelector('mark.current[data-passage="1"]');
});

test('strange URLs give a clear message, not a blank page', async () => {
  await app.open('?doc=no-such-doc');
  assert.match(await app.page.locator('.not-found').textContent(), /No such document.*no-such-doc/s);
  await app.open('?cmp=a&cmp=b');
  assert.match(await app.page.locator('.not-found').textContent(), /Cannot compare/);
  await app.open('?hit=-3&sort=sideways&n=lots&f=nocolon&q=%22%22%20-');
  await app.page.waitForSelector('.result');
  assert.match(await app.page.locator('.notice').textContent(), /Not searched/);
  await app.open('?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  await app.page.waitForSelector('.summary');
  assert.equal(await app.page.locator('main script').count(), 0);
});

test('the page asks for nothing outside its own folder', async () => {
  const outside = app.requests.filter((u) => !u.startsWith(app.server.url));
  assert.deepEqual(outside, []);
  assert.ok(app.server.requests.length > 0);
  for (const r of app.server.requests) assert.ok(r.startsWith(SUB_PATH), r);
});

test('OR widens, NOT narrows, parentheses group', async () => {
  const count = async (q) => {
    await app.open(`?q=${encodeURIComponent(q)}`);
    await app.page.waitForSelector('.summary');
    return app.page.locator('.result').count();
  };
  assert.equal(await count('foxglove'), 1);
  assert.equal(await count('unison'), 1);
  assert.equal(await count('foxglove OR unison'), 2);
  assert.equal(await count('palantir NOT foxglove'), 4);
  assert.equal(await count('palantir -(foxglove OR unison)'), 3);
  assert.equal(await count('foxglove unison'), 0);
});

test('a typo is corrected, marked, and can be refused', async () => {
  await app.open('?q=palantri');
  await app.page.waitForSelector('.correction');
  assert.match(await app.page.locator('.correction').textContent(), /Showing results for palantir/);
  assert.equal(await app.page.locator('.result').count(), 5);
  for (const m of await marks(app.page, '.result mark')) assert.match(m, /^palantir$/i);
  await app.page.locator('.correction a').click();
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'palantri~0');
  await app.page.waitForFunction(() => document.querySelector('.summary')?.textContent.includes('No documents match'));
  // Explicit fuzzy matching marks the words it found.
  await app.open(`?q=${encodeURIComponent('contrakt~1')}&doc=${STAR}`);
  await app.page.waitForSelector('article.doc-body mark[data-hit]');
  for (const m of await marks(app.page, 'article.doc-body mark[data-hit]')) assert.match(m, /^contract$/i);
});

test('field scoping searches one field only', async () => {
  const ids = async (q) => {
    await app.open(`?q=${encodeURIComponent(q)}`);
    await app.page.waitForSelector('.summary');
    return app.page.locator('.result').evaluateAll((rs) => rs.map((r) => r.dataset.id).sort());
  };
  assert.deepEqual(await ids('source:foxglove'), ['002_ec4ee98b16b0e306']);
  assert.deepEqual(await ids('title:hackney'), ['003_049ef6860242a85c']);
  assert.equal((await ids('hackney')).length, 1);
  assert.deepEqual(await ids('source:"morning star" palantir'), [STAR]);
  // A document dated only to April 2024 may be of April 3: ranges match overlaps.
  assert.deepEqual(await ids('date:2024-04-03'), ['000_3f5d789f03dc4cae', MAIL]);
  assert.deepEqual(await ids('date:2024-04-04..'), ['000_3f5d789f03dc4cae']);
  assert.equal((await ids('date:2024')).length, 2);
  // A title-only query marks nothing in bodies.
  await app.open('?q=title:hackney');
  await app.page.waitForSelector('.result');
  assert.deepEqual(await marks(app.page, '.result .snippet mark'), []);
  assert.deepEqual(await marks(app.page, '.result-title mark'), ['Hackney']);
});

test('the date histogram filters by the periods picked', async () => {
  await app.open('?q=palantir');
  await app.page.waitForSelector('.histogram .bar');
  const bars = app.page.locator('.histogram .bar');
  const labels = await bars.evaluateAll((bs) => bs.map((b) => b.dataset.bucket));
  assert.ok(labels.includes('2024-04'), labels.join());
  await app.page.locator('.histogram .bar[data-bucket="2024-04"]').click();
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('dr') === '2024-04');
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 2);
  // The bar stays pickable (its count ignores the date filter) and clears on a second click.
  await app.page.locator('.histogram .bar[data-bucket="2024-04"]').click();
  await app.page.waitForFunction(() => !new URLSearchParams(location.search).has('dr'));
  await app.page.waitForFunction(() => document.querySelectorAll('.result').length === 5);
});

test('a result explains its rank', async () => {
  await app.open('?q=hackney%20palantir');
  await app.page.waitForSelector('.result .why');
  await app.page.locator('.result .why summary').first().click();
  await app.page.waitForSelector('.explanation table');
  const cells = await app.page.locator('.explanation td').allTextContents();
  assert.ok(cells.includes('hackney') && cells.includes('title') && cells.includes('body'), cells.join('|'));
  assert.match(await app.page.locator('.explanation .total').textContent(), /Total \d+\.\d\d/);
});

test('the concordance lists every occurrence, sorts, links and exports', async () => {
  await app.open('?q=palantir');
  await app.page.waitForSelector('.result');
  await app.page.locator('.tabs a', { hasText: 'Concordance' }).click();
  await app.page.waitForSelector('table.kwic tbody tr');
  assert.equal(params(app.page).get('v'), 'kwic');
  const keywords = await app.page.locator('.kwic-key').allTextContents();
  const rows = keywords.length - 1; // minus the header
  // Every hit in every result: as many lines as the documents' hit counts.
  let hits = 0;
  for (const id of ['000_3f5d789f03dc4cae', MAIL, '002_ec4ee98b16b0e306', '003_049ef6860242a85c', STAR]) {
    await app.open(`?q=palantir&doc=${id}`);
    await app.page.waitForSelector('.hit-position');
    hits += Number((await app.page.locator('.hit-position').textContent()).match(/(\d+) hits?/)[1]);
  }
  assert.equal(rows, hits);
  await app.open('?q=palantir&v=kwic');
  await app.page.waitForSelector('table.kwic tbody tr');
  for (const k of keywords.slice(1)) assert.match(k, /^palantir$/i);
  // Sorted by the word to the right.
  await app.page.locator('.kwic-bar select').selectOption('right');
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('ks') === 'right');
  const right = await app.page.locator('tbody td.kwic-right').allTextContents();
  const firstWords = right.map((r) => (r.toLowerCase().match(/[\p{L}\p{N}]+/u) || [''])[0]);
  assert.deepEqual(firstWords, [...firstWords].sort());
  // A line links to its hit in the document.
  const link = app.page.locator('tbody td.kwic-key a').first();
  const href = await link.getAttribute('href');
  assert.match(href, /[?&]doc=.*&hit=\d+/);
  // Export: a CSV with one row per line, built in the page.
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.locator('button.export').click()]);
  const csv = await (await import('node:fs')).promises.readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'id,title,outlet,date,left,keyword,right,hit,link');
  assert.equal(lines.length - 1, rows);
  assert.ok(lines.slice(1).every((l) => /,Palantir,|,palantir,/i.test(l)), lines[1]);
  assert.ok(lines[1].includes(`${app.server.url}?q=palantir`), lines[1]);
  await link.click();
  await app.page.waitForSelector('article.doc-body mark.current');
});
