// Takes the README's screenshots from a release build in dist/:
//   node scripts/screenshot.mjs   (after scripts/test.sh or trunk build --release)
import fs from 'node:fs';
import path from 'node:path';
import { start, root, select } from '../tests/e2e/helpers.mjs';

const app = await start('dist');
try {
  await app.page.setViewportSize({ width: 1280, height: 800 });
  await app.open('?q=%22federated%20data%20platform%22%20palantir');
  await app.page.waitForSelector('.result mark');
  await app.page.screenshot({ path: path.join(root, 'docs/search.png') });
  await app.open('?cmp=001_44a0b21695fca2fa&cmp=004_3b07e6a0073e5d47');
  await app.page.waitForSelector('.compare-grid mark[data-passage]');
  await app.page.screenshot({ path: path.join(root, 'docs/compare.png') });
  await app.open('?f=source:Morning%20Star&v=keys&w=palantir');
  await app.page.waitForSelector('table.keywords tbody tr');
  await app.page.waitForSelector('table.kwic tbody tr');
  await app.page.screenshot({ path: path.join(root, 'docs/keywords.png') });
  await app.open('?q=palantir&v=coll&w=data');
  await app.page.waitForSelector('table.collocates tbody tr');
  await app.page.waitForSelector('table.kwic tbody tr');
  await app.page.screenshot({ path: path.join(root, 'docs/collocates.png') });
  await app.open('?v=ents&ent=person:Peter%20Thiel');
  await app.page.waitForSelector('.entity-focus table.kwic tbody tr');
  await app.page.screenshot({ path: path.join(root, 'docs/entities.png') });
  await app.open('?doc=001_44a0b21695fca2fa&v=ents&ent=person:Peter%20Thiel&em=1&mn=1');
  await app.page.waitForSelector('article.doc-body .ent.current');
  await app.page.screenshot({ path: path.join(root, 'docs/entities-reader.png') });
  // Notes: two written in the reader, then the Notes tab with a tag picked.
  for (const [doc, passage, text, tags] of [
    ['001_44a0b21695fca2fa', 'Oxford Union debate in January last year', 'Thiel on the NHS at the Oxford Union: check the date against the Union’s own record.', 'thiel, to check'],
    ['004_3b07e6a0073e5d47', 'Palantir', 'How the Morning Star introduces the company.', 'framing, thiel'],
  ]) {
    await app.open(`?doc=${doc}`);
    await app.page.waitForSelector('article.doc-body p');
    await select(app.page, passage);
    await app.page.locator('.cite-bar button.cite-note').click();
    await app.page.locator('form.note-form textarea').fill(text);
    await app.page.locator('form.note-form input').fill(tags);
    await app.page.locator('form.note-form button[type=submit]').click();
    await app.page.waitForSelector('form.note-form', { state: 'detached' });
  }
  await app.open('?v=notes&ntag=thiel');
  await app.page.waitForSelector('.notes-all li.note-item');
  await app.page.screenshot({ path: path.join(root, 'docs/notes.png') });

} finally {
  await app.close();
}

// The default corpus has two dated articles: the trends are shown on the
// SpamAssassin mails (dist-spam, built as the closing notes say), if built.
if (fs.existsSync(path.join(root, 'dist-spam/index.html'))) {
  const spam = await start('dist-spam');
  try {
    await spam.page.setViewportSize({ width: 1280, height: 800 });
    await spam.open('?v=trend&tq=money&tq=linux&tq=free&dr=2002-01..2002-12');
    await spam.page.waitForSelector('table.trend-table tbody tr', { timeout: 120_000 });
    await spam.page.screenshot({ path: path.join(root, 'docs/trends.png') });
  } finally {
    await spam.close();
  }
}
