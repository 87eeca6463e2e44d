// Entities, as a reader uses them, on the default corpus: the Entities
// tab's counts checked against the corpus files read here (not by the
// engine), an entity's company and mentions, the reader opened at a
// mention, marking every entity, the facets, the CSV, crafted URLs, and
// the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, params } from './helpers.mjs';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'corpus');
const MAIL = '001_44a0b21695fca2fa';

/** Each corpus file's text (front matter left out), by id. */
const texts = new Map(fs.readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).map((n) => [
  n.replace(/\.txt$/, ''),
  fs.readFileSync(path.join(CORPUS, n), 'utf8').replace(/^\+\+\+[\s\S]*?\n\+\+\+\n/, ''),
]));
/** How many files match, and how often in all. */
const filesWith = (re) => [...texts.values()].filter((t) => re.test(t)).length;
const occurrences = (re) => [...texts.values()].reduce((n, t) => n + (t.match(new RegExp(re, 'g'))?.length ?? 0), 0);

let app;
before(async () => { app = await start('dist'); });
after(async () => { await app?.close(); });

/** The Entities tab's rows of one kind: [name, documents, in corpus]. */
async function rowsOf(page, kind) {
  return page.locator(`.entity-group[data-kind="${kind}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent.trim())));
}

test('the Entities tab counts the documents that name each entity, as the files say', async () => {
  const { page } = app;
  await app.open('?v=ents');
  await page.waitForSelector('.entity-group[data-kind="money"]');
  const summary = await page.locator('.entities-summary').textContent();
  assert.match(summary, /people, .* organisations, .* named in 5 documents\./, summary);
  const find = async (kind, name) => (await rowsOf(page, kind)).find((r) => r[0] === name);
  // Checked against the files: a name counts in a file that has its
  // surname (short forms take the full name).
  assert.deepEqual(await find('person', 'Peter Thiel'), ['Peter Thiel', String(filesWith(/Thiel/)), String(filesWith(/Thiel/))]);
  assert.deepEqual(await find('person', 'Alex Karp'), ['Alex Karp', String(filesWith(/Karp/)), String(filesWith(/Karp/))]);
  assert.deepEqual(await find('org', 'Palantir'), ['Palantir', '5', '5']);
  const money = filesWith(/£330 ?m(illion)?\b/);
  assert.equal(money, 4);
  assert.deepEqual(await find('money', '£330 million'), ['£330 million', String(money), String(money)]);
  // Most documents first, in every kind.
  for (const kind of ['person', 'org', 'place', 'money', 'when']) {
    const counts = (await rowsOf(page, kind)).map((r) => Number(r[1]));
    assert.ok(counts.length > 0, kind);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), kind);
  }
  // The counts follow the filters: one outlet's entities.
  await app.open('?v=ents&f=source:Foxglove');
  await page.waitForFunction(() => /named in 1 document\./.test(document.querySelector('.entities-summary')?.textContent ?? ''));
  const foxglove = [...texts.entries()].filter(([, t]) => /Foxglove/.test(t.slice(0, 400))).length;
  assert.ok(foxglove >= 1);
  const thiel = await find('person', 'Peter Thiel');
  assert.deepEqual(thiel?.slice(1), ['1', String(filesWith(/Thiel/))]);
  assert.equal(app.problems.splice(0).length, 0);
});

test('an entity: what it is named with, its mentions in context, each opening the reader at it', async () => {
  const { page } = app;
  await app.open('?v=ents');
  await page.locator('.entity-group[data-kind="person"] a', { hasText: 'Peter Thiel' }).click();
  await page.waitForSelector('.entity-focus table.kwic tbody tr');
  assert.equal(params(page).get('ent'), 'person:Peter Thiel');
  const status = await page.locator('.entity-focus .summary').textContent();
  assert.match(status, new RegExp(`Named in ${filesWith(/Thiel/)} of 5 documents\\.`), status);
  // Every mention, by full name or short form: as many lines as the
  // files have "Thiel".
  await page.waitForFunction((n) => document.querySelectorAll('.entity-focus table.kwic tbody tr').length === n, occurrences('Thiel'));
  const keywords = await page.locator('.entity-focus td.kwic-key').allTextContents();
  assert.ok(keywords.every((k) => k === 'Peter Thiel' || k === 'Thiel'), keywords.join('|'));
  // Named with it: Palantir, in every document that names Thiel; the
  // entity itself is not listed.
  const together = await rowsOf(page, 'org');
  assert.deepEqual(together.find((r) => r[0] === 'Palantir'), ['Palantir', String(filesWith(/Thiel/)), '5']);
  assert.ok(!(await rowsOf(page, 'person')).some((r) => r[0] === 'Peter Thiel'));

  // The second line of the Daily Mail article opens it at that mention.
  const lines = page.locator('.entity-focus table.kwic tbody tr');
  const inMail = lines.filter({ has: page.locator(`a[href*="doc=${MAIL}"]`) });
  assert.equal(await inMail.count(), texts.get(MAIL).match(/Thiel/g).length);
  const left = (await inMail.nth(1).locator('td.kwic-left').textContent()).replace(/\s+/g, '');
  await inMail.nth(1).locator('a').click();
  await page.waitForSelector('article.doc-body .ent.current');
  assert.equal(params(page).get('mn'), '1');
  assert.deepEqual(await page.locator('article.doc-body .ent.current').allTextContents(), ['Thiel']);
  // The same mention the line showed: the text before it ends with the
  // line's left context.
  const before = await page.locator('article.doc-body .ent.current').evaluate((el) => {
    const range = document.createRange();
    range.setStart(el.closest('article'), 0);
    range.setEndBefore(el);
    return range.toString().replace(/\s+/g, '');
  });
  assert.ok(left.length > 20 && before.endsWith(left), `${before.slice(-60)} | ${left}`);
  // Only the picked entity is marked, every mention of it, and the
  // current one is on screen.
  const picked = page.locator('article.doc-body .ent.picked');
  assert.equal(await picked.count(), texts.get(MAIL).match(/Thiel/g).length);
  assert.equal(await page.locator('article.doc-body .ent').count(), await picked.count());
  const inView = await page.locator('article.doc-body .ent.current').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(inView, 'the current mention is scrolled into view');

  // "Named here" lists the document's entities; marking them all keeps
  // the document open, and survives a reload (it is in the URL).
  const named = await page.locator('.doc-entities h2').textContent();
  const total = Number(named.match(/\((\d+)\)/)[1]);
  await page.locator('.doc-entities .mark-entities input').check();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('em') === '1');
  assert.equal(params(page).get('doc'), MAIL);
  await page.reload();
  await page.waitForSelector('article.doc-body .ent.current');
  const all = await page.locator('article.doc-body .ent').count();
  assert.ok(all > await picked.count() && all >= total, `${all} marks for ${total} entities`);
  const kinds = await page.locator('article.doc-body .ent').evaluateAll((els) => [...new Set(els.map((e) => e.className.match(/ent-(\w+)/)[1]))].sort());
  assert.deepEqual(kinds, ['money', 'org', 'person', 'place', 'when'].filter((k) => kinds.includes(k)));
  assert.ok(kinds.includes('person') && kinds.includes('org') && kinds.includes('money'), kinds.join());
  // Marks are text, not markup: the article's text is the file's.
  const shown = await page.locator('article.doc-body').evaluate((a) => a.textContent.replace(/\s+/g, ''));
  assert.equal(shown, texts.get(MAIL).replace(/\s+/g, ''));
  // Three layers at once: query hits, the picked entity, every entity.
  // The text is still the file's; every hit is marked; the current
  // mention may be split by a hit, never another mention.
  await app.open(`?q=thiel&doc=${MAIL}&v=ents&ent=person:Peter%20Thiel&em=1&mn=2`);
  await page.waitForSelector('article.doc-body mark .ent.current, article.doc-body .ent.current');
  assert.equal(await page.locator('article.doc-body').evaluate((a) => a.textContent.replace(/\s+/g, '')), texts.get(MAIL).replace(/\s+/g, ''));
  assert.equal(await page.locator('article.doc-body mark[data-hit]').count(), texts.get(MAIL).match(/Thiel/gi).length);
  const current = await page.locator('article.doc-body .ent.current').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.mention))].length + ':' + els.map((e) => e.textContent).join(''));
  assert.equal(current, '1:Thiel');
  // Stepping to a hit lets go of the mention.
  await page.keyboard.press('n');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('mn'));
  assert.equal(await page.locator('article.doc-body .ent.current').count(), 0);

  // A name in the list opens the Entities tab at it.
  await page.locator('.doc-entities a', { hasText: 'Alex Karp' }).click();
  await page.waitForSelector('.entity-focus h2');
  assert.equal(params(page).get('v'), 'ents');
  assert.equal(params(page).get('ent'), 'person:Alex Karp');
  assert.equal(app.problems.splice(0).length, 0);
});

test('entities are facets: ticking one keeps the documents that name it; the CSV lists them', async () => {
  const { page } = app;
  await app.open('');
  await page.waitForSelector('fieldset[data-facet="person"]');
  const legends = await page.locator('fieldset.facet legend').allTextContents();
  for (const label of ['People', 'Organisations', 'Places', 'Money']) assert.ok(legends.includes(label), legends.join());
  await page.locator('fieldset[data-facet="person"] label', { hasText: 'Peter Thiel' }).locator('input').check();
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, filesWith(/Thiel/));
  const ids = await page.evaluate(() => [...document.querySelectorAll('.result')].map((r) => r.dataset.id));
  for (const id of ids) assert.ok(/Thiel/.test(texts.get(id)), id);
  // The entity view's link does the same.
  await app.open('?v=ents&ent=person:Peter%20Thiel');
  await page.locator('.entity-focus a', { hasText: 'Show the documents that name it' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.result').length === n, filesWith(/Thiel/));
  assert.equal(params(page).get('f'), 'person:Peter Thiel');
  // The CSV: a row per entity.
  await app.open('?v=ents');
  await page.waitForSelector('.entity-group');
  const rows = await page.locator('.entity-group tbody tr').count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'kind,entity,documents,documents in corpus');
  assert.ok(lines.length - 1 >= rows, `${lines.length - 1} rows in the CSV, ${rows} shown`);
  assert.ok(lines.includes('person,Peter Thiel,3,3'), lines.slice(0, 5).join('\n'));
  assert.equal(app.problems.splice(0).length, 0);
});

test('crafted entity links show a message, never a crash', async () => {
  const { page } = app;
  await app.open('?v=ents&ent=person:Nobody%20Atall');
  await page.waitForSelector('.entity-focus .notice');
  assert.match(await page.locator('.entity-focus .notice').textContent(), /names no person “Nobody Atall”, or not in enough documents/);
  for (const query of ['?v=ents&ent=bogus:x', '?v=ents&ent=person:', `?v=ents&ent=org:${'a'.repeat(2100)}`]) {
    await app.open(query);
    await page.waitForSelector('.entity-group');
  }
  // A mention past the last: the document opens, nothing is current.
  await app.open(`?doc=${MAIL}&ent=person:Peter%20Thiel&mn=999`);
  await page.waitForSelector('article.doc-body .ent.picked');
  assert.equal(await page.locator('article.doc-body .ent.current').count(), 0);
  assert.equal(app.problems.splice(0).length, 0);
});

test('with the keyboard only: pick an entity, open a mention', async () => {
  const { page } = app;
  await app.open('?v=ents');
  await page.waitForSelector('.entity-group');
  let found = false;
  for (let i = 0; i < 300 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.textContent === 'Peter Thiel');
  }
  assert.ok(found, 'an entity can be reached with Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.entity-focus table.kwic tbody tr');
  let reached = false;
  for (let i = 0; i < 300 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => !!document.activeElement?.closest('td.kwic-key'));
  }
  assert.ok(reached, 'a mention can be reached with Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.doc-body .ent.current');
  assert.equal(params(page).get('mn'), '0');
  assert.equal(app.problems.splice(0).length, 0);
});

// Speakers through the entity layer (issue 12, item 7), on the default
// corpus: counted from tests/fixtures/speakers/quotes.tsv, attributed by hand.
test('the Quotes view joins one body under two names, and a role with its holder; scare quotes are no one’s', async () => {
  const { page } = app;
  await app.open('?v=quotes');
  await page.waitForSelector('.speaker');
  const speakers = await page.locator('.speaker').evaluateAll((s) => s.map((x) => x.dataset.speaker));
  for (const gone of ['BMA', 'Amnesty International UK', 'Prime Minister', 'IDF', 'NHS']) {
    assert.ok(!speakers.includes(gone), `${gone} is listed: ${speakers}`);
  }
  const quotesOf = (name) => page.locator(`.speaker[data-speaker="${name}"] .quote-text`).allTextContents();
  const bma = await quotesOf('British Medical Association');
  assert.equal(bma.length, 4, bma.join(' | '));
  assert.ok(bma.some((q) => q.includes('no faith')), 'the BMA’s quote in another article');
  assert.ok((await quotesOf('Amnesty International')).some((q) => q.includes('cease all contracts')));
  assert.ok((await quotesOf('Rishi Sunak')).some((q) => q.includes('thorough and transparent')));
  assert.ok((await quotesOf('Israel Defence Forces')).length > 0);
  const all = (await page.locator('.speaker .quote-text').allTextContents()).join(' | ');
  assert.ok(!/\bin house\b/.test(all), 'a scare quote of two words with no speaker is no quote');
  assert.deepEqual(app.problems.splice(0), []);
});
