// A corpus of HTML, script and javascript: URLs renders as inert text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, search } from './helpers.mjs';

let app;
before(async () => { app = await start('dist-hostile'); });
after(async () => { await app?.close(); });

async function assertInert(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no corpus script ran');
  const active = await page.locator('main script, main img, main iframe, main style, main object, main embed, main [onclick], main [onerror], main [onload], main [onmouseover]').count();
  assert.equal(active, 0, 'no element was made from corpus text');
  // The only SVGs are the app's own: date histogram, minimaps, matrix.
  assert.equal(await page.locator('main svg:not(.histogram svg):not(svg.map):not(svg.matrix)').count(), 0);
  const links = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of links) assert.ok(href.startsWith('?') || /^https?:\/\//.test(href), href);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
}

test('hostile titles, outlets and snippets are text in the results', async () => {
  await app.open();
  await app.page.waitForSelector('.result');
  assert.equal(await app.page.locator('.result').count(), 6);
  const text = await app.page.locator('main').textContent();
  assert.ok(text.includes("<script>window.__pwned='title-script'</script>"));
  assert.ok(text.includes('<b onmouseover='));
  await search(app.page, 'script');
  await app.page.waitForSelector('.result mark');
  await assertInert(app.page);
});

test('hostile documents are text in the reader, with no unsafe link', async () => {
  for (const id of ['front-matter', 'plain', 'rec-1', 'rec-2', 'page', 'report']) {
    await app.open(`?doc=${id}&q=pwned`);
    await app.page.waitForSelector('article.doc-body');
    await app.page.locator('article.doc-body').hover();
    await app.page.locator('article.doc-body').click({ position: { x: 5, y: 5 } });
    await assertInert(app.page);
  }
  await app.open('?doc=front-matter');
  await app.page.waitForSelector('article.doc-body');
  const body = await app.page.locator('article.doc-body').textContent();
  assert.ok(body.includes("<script>window.__pwned='html-block'</script>"));
  // Markdown decodes entities to the characters a reader sees, as text.
  assert.ok(body.includes('Entities stay text: <b> and &lt;script&gt;'), body);
  assert.equal(await app.page.locator('article b, article div').count(), 0);
  assert.equal(await app.page.locator('.doc-meta .inert-url').textContent(), "javascript:window.__pwned='url'");
  // An HTML file is its readable text: markup, scripts and the page's
  // menu are gone, escaped markup is text, and its metadata is inert.
  await app.open('?doc=page');
  await app.page.waitForSelector('article.doc-body');
  const page = await app.page.locator('article.doc-body').textContent();
  assert.ok(page.includes("Escaped markup stays text: <script>window.__pwned='html-escaped'</script> pwned"), page);
  assert.ok(page.includes('Visible text with bold and an inert link.'), page);
  assert.ok(page.includes("An image's alt text"), page);
  for (const gone of ['html-script', 'Site menu', 'frame text', 'Template text', 'svg-script', 'display: none']) {
    assert.ok(!page.includes(gone), gone);
  }
  assert.match(await app.page.locator('.doc-head h1').textContent(), /^Hostile page <script>window.__pwned='html-title'<\/script>$/);
  assert.equal(await app.page.locator('.doc-meta a').count(), 0, 'a javascript: canonical link is no link');
  await assertInert(app.page);
  // A Word file: its text with markup as text, no deleted text or field code.
  await app.open('?doc=report');
  await app.page.waitForSelector('article.doc-body');
  const report = await app.page.locator('article.doc-body').textContent();
  assert.ok(report.includes("<script>window.__pwned='docx-text'</script>"), report);
  assert.ok(report.includes('Cell one | Cell two') && !report.includes('Deleted words') && !report.includes('HYPERLINK'), report);
  assert.match(await app.page.locator('.doc-head h1').textContent(), /^Hostile report <b onmouseover=/);
  await assertInert(app.page);
  await app.open('?doc=plain');
  assert.equal(await app.page.locator('.doc-meta a').count(), 0, 'a data: URL is not a link');
  await app.open('?doc=rec-2');
  assert.equal(await app.page.locator('.doc-meta a').count(), 0, 'a javascript: URL in any case is not a link');
  await app.open('?doc=rec-1');
  const link = app.page.locator('.doc-meta a');
  assert.equal(await link.getAttribute('href'), 'https://example.org/safe');
  assert.match(await link.getAttribute('rel'), /noopener/);
});

test('the browser analyzer folds Unicode as the build did', async () => {
  const cases = [['muller', 'Müller'], ['FINANCE', 'ﬁnance'], ['nhs', 'ＮＨＳ'], ['ελληνικα', 'Ελληνικά'], ['नमस्ते', 'नमस्ते'], ['한국어', '한국어'], ['1', '①']];
  for (const [query, marked] of cases) {
    await app.open(`?doc=rec-2&q=${encodeURIComponent(query)}`);
    await app.page.waitForSelector('article.doc-body mark');
    const got = await app.page.locator('article.doc-body mark').allTextContents();
    assert.deepEqual(got, [marked], query);
  }
});

test('hostile text is inert in the reuse, quotes and similarity views', async () => {
  // Each view's own content, not a fixed delay: what is checked is there.
  const shown = { reuse: '.kwic-bar .summary', quotes: '.quotes-summary', similar: 'svg.matrix rect.cell' };
  for (const [view, selector] of Object.entries(shown)) {
    await app.open(`?v=${view}`);
    await app.page.waitForSelector(`.tabs a[aria-current="page"][href*="v=${view}"]`);
    await app.page.waitForSelector(selector);
    await assertInert(app.page);
  }
  assert.ok(await app.page.locator('svg.matrix rect.cell').count() >= 4);
});
