// Keywords and collocates, as a reader uses them: on the explore fixture
// (tests/fixtures/explore, counted by hand in its README and below) every
// figure is checked; on the default corpus, each keyword's lines are as
// many as its counts say, and each collocate's lines hold the collocate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, params } from './helpers.mjs';

let fixture;
let corpus;
before(async () => {
  fixture = await start('dist-explore');
  corpus = await start('dist');
});
after(async () => {
  await fixture?.close();
  await corpus?.close();
});

/** The rows of a stats table (the one whose caption or class is given),
 * each as its cells' text. */
async function rows(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

/** Waits for the keywords or collocates to be counted. */
async function counted(page, selector) {
  await page.waitForFunction((s) => {
    const status = document.querySelector(s);
    return status && !status.textContent.startsWith('Reading');
  }, selector);
}

const here = 'table.keywords:nth-of-type(1)';
const there = 'table.keywords:nth-of-type(2)';

test('keywords of one outlet against another: the hand-counted figures, the lines, the CSV', async () => {
  const { page } = fixture;
  // Alpha Post: 24 words, palantir 3 times; Beta Times: 30 words, never.
  // G² = 2·3·ln(3 / (24·3/54)) = 4.87; p = erfc(√(4.87/2)) = 0.0274;
  // log ratio = log2((3/24) / (0.5/30)) = 2.91.
  for (const query of ['?f=source:Alpha%20Post&v=keys&ref=source:%22beta%20times%22', '?f=source:Alpha%20Post&v=keys']) {
    await fixture.open(query);
    await counted(page, '.keywords-summary');
    const summary = await page.locator('.keywords-summary').textContent();
    assert.match(summary, /These results: 24 words in 2 documents\. Reference, .*: 30 words in 2 documents\./, summary);
    assert.match(summary, /p < 0\.05 \(G² ≥ 3\.84\), seen at least 3 times/, summary);
    assert.deepEqual(await rows(page, here), [['palantir', '3 (1250.00)', '0 (0.00)', '4.87', '0.0274', '2.91']], query);
    assert.deepEqual(await rows(page, there), [], query);
  }
  // A stricter threshold: palantir is not key at p < 0.0001.
  await fixture.open('?f=source:Alpha%20Post&v=keys&kp=0.0001');
  await counted(page, '.keywords-summary');
  assert.deepEqual(await rows(page, here), []);
  assert.equal(await page.locator('p.notice', { hasText: 'No word is key at this threshold.' }).count(), 1);

  // A word opens its lines in both selections: 3 here, none there.
  await fixture.open('?f=source:Alpha%20Post&v=keys');
  await counted(page, '.keywords-summary');
  await page.locator(`${here} a`, { hasText: 'palantir' }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('w') === 'palantir');
  await page.waitForSelector('table.kwic tbody tr');
  const tables = page.locator('table.kwic');
  assert.equal(await tables.count(), 2);
  assert.deepEqual(await tables.nth(0).locator('tbody .kwic-key').allTextContents(), ['Palantir', 'Palantir', 'Palantir']);
  assert.equal(await tables.nth(1).locator('tbody tr').count(), 0);
  assert.equal(await page.locator(`${here} a[aria-current="true"]`).textContent(), 'palantir');
  // A line opens its document at that hit, the word marked.
  const second = await tables.nth(0).locator('.kwic-key a').nth(1).getAttribute('href');
  await tables.nth(0).locator('.kwic-key a').nth(1).click();
  await page.waitForSelector('article.doc-body mark.current');
  assert.equal(params(page).get('q'), 'palantir');
  assert.equal(params(page).get('hit'), new URLSearchParams(second).get('hit'));
  assert.equal(await page.locator('article.doc-body mark.current').first().textContent(), 'Palantir');

  // The CSV has every keyword with its figures.
  await fixture.open('?f=source:Alpha%20Post&v=keys&kmin=1&kp=0.05');
  await counted(page, '.keywords-summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
  assert.equal(csv[0], 'word,key_in,target,reference,target_per_10k,reference_per_10k,g2,p,log_ratio');
  assert.ok(csv[1].startsWith('palantir,target,3,0,1250.00,0.00,4.87,0.027'), csv[1]);
  assert.equal(fixture.problems.splice(0).length, 0);
});

test('key phrases: the hand-counted phrases, chosen with the keyboard, and the lines of one', async () => {
  const { page } = fixture;
  // Two-word phrases stop at full stops: Alpha Post has 20, Beta Times 26;
  // "the platform" 1 against 4 (G² 1.23): no phrase is key at p < 0.05.
  await fixture.open('?f=source:Alpha%20Post&v=keys&kmin=1');
  await counted(page, '.keywords-summary');
  const compare = page.getByRole('combobox', { name: /^Compare/ });
  await compare.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('kn') === '2');
  await page.waitForFunction(() => document.querySelector('.keywords-summary').textContent.includes('phrases'));
  const summary = await page.locator('.keywords-summary').textContent();
  assert.match(summary, /These results: 20 two-word phrases in 2 documents\. Reference, .*: 26 two-word phrases in 2 documents\./, summary);
  assert.deepEqual(await rows(page, here), []);
  assert.equal(await page.locator('p.notice', { hasText: 'No phrase is key at this threshold.' }).count(), 1);
  // A threshold changed in the page is said at once (the counts stay).
  await page.getByRole('combobox', { name: /^p </ }).selectOption('0.01');
  await page.waitForFunction(() => document.querySelector('.keywords-summary').textContent.includes('Key at p < 0.01 (G² ≥ 6.63), seen at least 1 time.'));
  assert.equal(await page.locator(`${here} thead th`).first().textContent(), 'Phrase');
  // The lines of one phrase: 1 here, 4 there.
  await fixture.open('?f=source:Alpha%20Post&v=keys&kn=2&kmin=1&w=the%20platform');
  await counted(page, '.keywords-summary');
  await page.waitForSelector('table.kwic tbody tr');
  const tables = page.locator('table.kwic');
  await page.waitForFunction(() => document.querySelectorAll('table.kwic')[1]?.querySelectorAll('tbody tr').length === 4);
  assert.deepEqual(await tables.nth(0).locator('tbody .kwic-key').allTextContents(), ['the platform']);
  assert.deepEqual(
    (await tables.nth(1).locator('tbody .kwic-key').allTextContents()).map((t) => t.toLowerCase()),
    ['the platform', 'the platform', 'the platform', 'the platform'],
  );
  // A line opens its document with the phrase searched and marked.
  await tables.nth(0).locator('.kwic-key a').first().click();
  await page.waitForSelector('article.doc-body mark.current');
  assert.equal(params(page).get('q'), '"the platform"');
  const current = await page.locator('article.doc-body mark.current').allTextContents();
  assert.equal(current.join(' '), 'the platform');
  assert.equal(fixture.problems.splice(0).length, 0);
});

test('collocates of a word: the hand-counted figures under each measure, and the lines of one', async () => {
  const { page } = fixture;
  // "platform": 5 hits in 54 words. Within 5 words, function words out, a
  // word in two hits' windows counted once: "cost" twice (right of both
  // hits in Beta two), 2 times in all: log-Dice 14 + log2(4/7) = 13.19,
  // MI log2(2·54/(5·2)) = 3.43, t (2 - 5·2/54)/√2 = 1.28.
  const expected = { logdice: '13.19', mi: '3.43', t: '1.28' };
  for (const [measure, score] of Object.entries(expected)) {
    await fixture.open(`?q=platform&v=coll&cm=${measure}`);
    await counted(page, '.collocates-summary');
    const summary = await page.locator('.collocates-summary').textContent();
    assert.match(summary, /^5 hits of the query; words within 5 on each side, seen at least 2 times; frequencies from 54 words in 4 documents\./, summary);
    assert.deepEqual(await rows(page, 'table.collocates'), [['cost', '2', '0', '2', '2', score]], measure);
  }
  // At least once: 14 words; trusts once, left, of 2 in all (12.19).
  await fixture.open('?q=platform&v=coll&cmin=1');
  await counted(page, '.collocates-summary');
  const all = await rows(page, 'table.collocates');
  assert.equal(all.length, 14, JSON.stringify(all));
  assert.deepEqual(all.find((r) => r[0] === 'trusts'), ['trusts', '1', '1', '0', '2', '12.19']);
  assert.deepEqual(all.at(-1), ['palantir', '1', '1', '0', '3', '12.00']);
  // A smaller window: 2 words each side.
  await fixture.open('?q=platform&v=coll&cmin=1&win=2');
  await counted(page, '.collocates-summary');
  const near = (await rows(page, 'table.collocates')).map((r) => r[0]).sort();
  // (palantir is three words before "platform" in Alpha two: out.)
  assert.deepEqual(near, ['cost', 'helped', 'joined', 'money', 'nurses', 'patients', 'safe', 'service', 'time']);

  // The lines of "cost": both hits of Beta two.
  await fixture.open('?q=platform&v=coll');
  await counted(page, '.collocates-summary');
  await page.locator('table.collocates a', { hasText: 'cost' }).click();
  await page.waitForSelector('table.kwic tbody tr');
  assert.equal(params(page).get('w'), 'cost');
  const lines = await rows(page, 'table.kwic');
  assert.equal(lines.length, 2);
  for (const line of lines) assert.match(line[3], /^Beta two/);
  assert.equal(fixture.problems.splice(0).length, 0);
});

test('on the default corpus, each keyword has as many lines as its counts, and each collocate stands near the word', async () => {
  const { page } = corpus;
  await corpus.open('?f=source:Morning%20Star&v=keys');
  await counted(page, '.keywords-summary');
  const keys = await rows(page, here);
  assert.ok(keys.length >= 5, JSON.stringify(keys));
  for (const [word, hereCount, thereCount] of keys.slice(0, 5)) {
    await corpus.open(`?f=source:Morning%20Star&v=keys&w=${encodeURIComponent(word)}`);
    await page.waitForSelector('table.kwic');
    await counted(page, '.keywords-summary');
    const tables = page.locator('table.kwic');
    const n = (cell) => Math.min(100, Number(cell.split(' ')[0]));
    await page.waitForFunction((want) => document.querySelectorAll('table.kwic')[0].querySelectorAll('tbody tr').length === want, n(hereCount));
    assert.equal(await tables.nth(1).locator('tbody tr').count(), n(thereCount), word);
  }
  // The same for key phrases of three words.
  await corpus.open('?f=source:Morning%20Star&v=keys&kn=3&kmin=2');
  await counted(page, '.keywords-summary');
  const phrases = await rows(page, here);
  assert.ok(phrases.length >= 3, JSON.stringify(phrases));
  for (const [phrase, hereCount, thereCount] of phrases.slice(0, 3)) {
    assert.equal(phrase.split(' ').length, 3, phrase);
    await corpus.open(`?f=source:Morning%20Star&v=keys&kn=3&kmin=2&w=${encodeURIComponent(phrase)}`);
    await page.waitForSelector('table.kwic');
    await counted(page, '.keywords-summary');
    const n = (cell) => Math.min(100, Number(cell.split(' ')[0]));
    await page.waitForFunction((want) => document.querySelectorAll('table.kwic')[0].querySelectorAll('tbody tr').length === want, n(hereCount));
    assert.equal(await page.locator('table.kwic').nth(1).locator('tbody tr').count(), n(thereCount), phrase);
  }
  await corpus.open('?q=palantir&v=coll');
  await counted(page, '.collocates-summary');
  const colls = await rows(page, 'table.collocates');
  assert.ok(colls.length >= 5, JSON.stringify(colls));
  const scores = colls.map((r) => Number(r[5]));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
  for (const [word, together, left, right, freq] of colls.slice(0, 3)) {
    assert.equal(Number(together), Number(left) + Number(right));
    assert.ok(Number(together) <= Number(freq), word);
    await corpus.open(`?q=palantir&v=coll&w=${encodeURIComponent(word)}`);
    await page.waitForSelector('table.kwic tbody tr');
    const lines = await rows(page, 'table.kwic');
    assert.ok(lines.length >= 1, word);
    assert.ok(lines.some((l) => (l[0] + ' ' + l[2]).toLowerCase().includes(word)), `${word}: ${JSON.stringify(lines[0])}`);
  }
  assert.equal(corpus.problems.splice(0).length, 0);
});

test('trends of two queries per month: the hand-counted table, the chart, its links and exports', async () => {
  const { page } = fixture;
  // January: Alpha one (12 words, palantir twice) and Beta one (12 words,
  // platform twice); February: Alpha two (12 words, palantir and platform
  // once) and Beta two (18 words, platform twice).
  const expected = {
    rate: [['2024-01', '833.33', '833.33', '24', '2'], ['2024-02', '333.33', '1000.00', '30', '2']],
    hits: [['2024-01', '2', '2', '24', '2'], ['2024-02', '1', '3', '30', '2']],
    docs: [['2024-01', '1', '1', '24', '2'], ['2024-02', '1', '2', '30', '2']],
  };
  for (const [measure, table] of Object.entries(expected)) {
    await fixture.open(`?v=trend&tq=palantir&tq=platform&tm=${measure}`);
    await page.waitForSelector('table.trend-table tbody tr');
    assert.deepEqual(await rows(page, 'table.trend-table'), table, measure);
  }
  const summary = await page.locator('.trend-summary').textContent();
  assert.equal(summary, 'Per month, 2 periods, 54 words in 4 dated documents.');
  assert.equal(await page.locator('.trend-legend a').count(), 2, 'added queries can be removed');
  assert.deepEqual(await page.locator('.trend-legend .trend-query').allTextContents(), ['palantir', 'platform']);
  // Two lines of two points, the points labelled with their figures.
  assert.equal(await page.locator('svg.trend-chart polyline').count(), 2);
  const labels = await page.locator('svg.trend-chart circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
  assert.deepEqual(labels, [
    'palantir, 2024-01: 2 hits, 1 document',
    'palantir, 2024-02: 1 hit, 1 document',
    'platform, 2024-01: 2 hits, 1 document',
    'platform, 2024-02: 3 hits, 2 documents',
  ]);

  // A figure of the table opens that query's documents of that period.
  await page.locator('table.trend-table tbody tr').nth(1).locator('td a').nth(1).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('dr') === '2024-02');
  assert.equal(params(page).get('q'), 'platform');
  await page.waitForSelector('.result');
  assert.deepEqual((await page.locator('.result h2, .result h3').allTextContents()).map((t) => t.trim()).sort(), ['Alpha two', 'Beta two']);

  // A point of the chart, chosen with the keyboard, does the same.
  await fixture.open('?v=trend&tq=palantir&tq=platform');
  await page.waitForSelector('svg.trend-chart circle');
  await page.locator('svg.trend-chart circle').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('dr') === '2024-01');
  assert.equal(params(page).get('q'), 'palantir');
  await page.waitForSelector('.result');
  assert.equal(await page.locator('.result').count(), 1);

  // Per year: one period. Removing a query keeps the other.
  await fixture.open('?v=trend&tq=palantir&tq=platform&tu=year');
  await page.waitForSelector('table.trend-table tbody tr');
  assert.deepEqual(await rows(page, 'table.trend-table'), [['2024', '555.56', '925.93', '54', '4']]);
  await page.locator('.trend-legend a[aria-label="Remove palantir"]').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).getAll('tq').join() === 'platform');
  await page.waitForFunction(() => document.querySelectorAll('svg.trend-chart polyline').length === 1);

  // Exports: the CSV's rows, and the chart as a standalone SVG.
  await fixture.open('?v=trend&tq=palantir&tq=platform');
  await page.waitForSelector('table.trend-table tbody tr');
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.locator('button.export', { hasText: 'CSV' }).click()]);
  const csv = fs.readFileSync(await csvFile.path(), 'utf8').split('\r\n');
  assert.deepEqual(csv.slice(0, 3), [
    'period,query,hits,per_10k_words,documents,words,all_documents',
    '2024-01,palantir,2,833.33,1,24,2',
    '2024-02,palantir,1,333.33,1,30,2',
  ]);
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.locator('button.export', { hasText: 'SVG' }).click()]);
  const svg = fs.readFileSync(await svgFile.path(), 'utf8');
  assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.equal(fixture.problems.splice(0).length, 0);
});

test('a trend split by outlet: a line per outlet, each per its own words, chosen with the keyboard', async () => {
  const { page } = fixture;
  // "platform": Beta Times twice in January (Beta one, 12 words) and twice
  // in February (Beta two, 18 words); Alpha Post never in January (Alpha
  // one, 12 words) and once in February (Alpha two, 12 words). Beta first:
  // more of its documents match.
  await fixture.open('?v=trend&tq=platform');
  await page.waitForSelector('table.trend-table tbody tr');
  const split = page.getByRole('combobox', { name: /^Split by/ });
  await split.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('tby') === 'source');
  await page.waitForFunction(() => document.querySelectorAll('svg.trend-chart polyline').length === 2);
  assert.deepEqual(await page.locator('.trend-legend .trend-query').allTextContents(), ['Beta Times', 'Alpha Post']);
  assert.equal(await page.locator('.trend-legend a').count(), 0, 'a value is not removed');
  assert.deepEqual(await page.locator('table.trend-table thead th').allTextContents(), ['Period', 'Beta Times', 'Alpha Post', 'Words', 'Documents']);
  assert.deepEqual(await rows(page, 'table.trend-table'), [
    ['2024-01', '1666.67', '0.00', '24', '2'],
    ['2024-02', '1111.11', '833.33', '30', '2'],
  ]);
  const summary = await page.locator('.trend-summary').textContent();
  assert.match(summary, /“platform” split by Outlet: 2 values, those with the most documents matching, each per its own words\.$/, summary);
  assert.match(await page.locator('svg.trend-chart').getAttribute('aria-label'), /^Hits per 10,000 words of platform by Outlet/);

  // A figure opens that outlet's documents of that period.
  await page.locator('table.trend-table tbody tr').nth(1).locator('td a').nth(1).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('dr') === '2024-02');
  assert.equal(params(page).get('q'), 'platform');
  assert.deepEqual(new URL(page.url()).searchParams.getAll('f'), ['source:Alpha Post']);
  await page.waitForSelector('.result');
  assert.deepEqual((await page.locator('.result h2, .result h3').allTextContents()).map((t) => t.trim()), ['Alpha two']);

  // Another outlet filtered: a point opens its own outlet only.
  await fixture.open('?v=trend&tq=platform&tby=source&f=source:Alpha%20Post&f=source:Beta%20Times');
  await page.waitForSelector('table.trend-table tbody tr');
  await page.locator('table.trend-table tbody tr').nth(1).locator('td a').nth(0).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('dr') === '2024-02');
  assert.deepEqual(new URL(page.url()).searchParams.getAll('f'), ['source:Beta Times']);

  // The CSV names each line by its query and value, with its own words.
  await fixture.open('?v=trend&tq=platform&tby=source&tm=hits');
  await page.waitForSelector('table.trend-table tbody tr');
  assert.deepEqual(await rows(page, 'table.trend-table'), [['2024-01', '2', '0', '24', '2'], ['2024-02', '2', '1', '30', '2']]);
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.locator('button.export', { hasText: 'CSV' }).click()]);
  const csv = fs.readFileSync(await csvFile.path(), 'utf8').split('\r\n');
  assert.deepEqual(csv.slice(1, 5), [
    '2024-01,"platform source:""Beta Times""",2,1666.67,1,12,1',
    '2024-02,"platform source:""Beta Times""",2,1111.11,1,18,1',
    '2024-01,"platform source:""Alpha Post""",0,0.00,0,12,1',
    '2024-02,"platform source:""Alpha Post""",1,833.33,1,12,1',
  ]);
  // A key that is no facet draws the query whole, and says so.
  await fixture.open('?v=trend&tq=platform&tby=nothing');
  await page.waitForSelector('table.trend-table tbody tr');
  assert.match(await page.locator('.trend-summary').textContent(), /No facet “nothing” to split by\./);
  assert.equal(await page.locator('svg.trend-chart polyline').count(), 1);
  assert.equal(fixture.problems.splice(0).length, 0);
});

test('on the default corpus, the trend of the search says which documents have no date', async () => {
  const { page } = corpus;
  await corpus.open('?q=palantir&v=trend');
  await page.waitForSelector('table.trend-table tbody tr');
  const summary = await page.locator('.trend-summary').textContent();
  assert.match(summary, /^Per month, 1 period, [\d,]+ words in 2 dated documents\. 3 documents with no date/, summary);
  assert.equal(await page.locator('.trend-legend a').count(), 0, "the search's own query is not removed here");
  const [[period, rate]] = await rows(page, 'table.trend-table');
  assert.equal(period, '2024-04');
  assert.ok(Number(rate) > 0, rate);
  assert.equal(corpus.problems.splice(0).length, 0);
});
