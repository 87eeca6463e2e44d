// Times the Keywords, Collocates, Trends and Entities views in headless Chromium on a built
// corpus (e.g. SpamAssassin, `with_corpus dist-spam …` as scripts/test.sh
// does): for each view, three fresh browsers, from opening the URL to the
// figures shown (cold: the documents are fetched), then the same view
// again in the same page after a change of setting made in the page (the
// minimum frequency, the window, the unit: warm; for Entities,
// the first entity picked: its company and mentions). Prints the bytes
// the page fetched for it.
//   node scripts/bench-explore.mjs DIST 'QUERY' ...
//   (e.g. dist-spam '?f=spam:true&v=keys' '?q=money&v=coll')
import path from 'node:path';
import { launch, root, SUB_PATH, timeStats } from '../tests/e2e/helpers.mjs';
import { serve } from '../tests/e2e/server.mjs';

const [dist, ...queries] = process.argv.slice(2);
const server = await serve(path.resolve(root, dist), SUB_PATH);

/** Waits for a keywords or collocates status that is not "Reading…"
 * (and says `says`). */
async function shown(page, says = '') {
  await page.waitForFunction((says) => {
    const s = document.querySelector('.keywords-summary, .collocates-summary, .trend-summary, .entities-summary');
    return s && !/^(Reading|Counting)/.test(s.textContent) && s.textContent.includes(says) && document.querySelector('table.stats tbody tr, table.entities tbody tr');
  }, says, { timeout: 600_000, polling: 20 });
}

for (const query of queries) {
  const cold = [];
  const warm = [];
  let bytes = 0;
  let summary = '';
  for (let run = 0; run < 3; run++) {
    const b = await launch();
    let fetched = 0;
    b.page.on('response', async (r) => {
      const length = Number((await r.allHeaders())['content-length'] ?? 0);
      fetched += length;
    });
    const t0 = Date.now();
    await b.page.goto(server.url + query);
    await shown(b.page);
    cold.push(Date.now() - t0);
    bytes = fetched;
    summary = await b.page.locator('.keywords-summary, .collocates-summary, .trend-summary, .entities-summary').textContent();
    if (query.includes('v=ents')) {
      // The first entity picked: what it is named with, and its lines.
      const href = await b.page.locator('.entity-group a').first().getAttribute('href');
      const t1 = Date.now();
      await b.page.evaluate((q) => {
        history.pushState(null, '', location.pathname + q);
        dispatchEvent(new PopStateEvent('popstate'));
      }, href);
      await b.page.waitForSelector('.entity-focus table.kwic tbody tr', { timeout: 600_000 });
      warm.push(Date.now() - t1);
      summary += ` | ${decodeURIComponent(href)}: ${await b.page.locator('.entity-focus .summary').textContent()}`;
      await b.close();
      continue;
    }
    // A change of setting, made as a reader makes it, recomputes from
    // what is loaded.
    const [control, value, says] = query.includes('v=keys')
      ? [b.page.getByRole('spinbutton', { name: /^Minimum frequency/ }), '4', 'at least 4 times']
      : query.includes('v=coll')
        ? [b.page.getByRole('spinbutton', { name: /^Words each side/ }), '4', 'within 4 on each side']
        : [b.page.getByRole('combobox', { name: /^Per/ }), 'year', 'Per year'];
    const t1 = Date.now();
    if (value === 'year') {
      await control.selectOption(value);
    } else {
      await control.fill(value);
      await control.press('Tab');
    }
    await shown(b.page, says);
    warm.push(Date.now() - t1);
    if (b.problems.length) console.error(b.problems);
    await b.close();
  }
  console.log(JSON.stringify({ query, cold: timeStats(cold, 0), warm: timeStats(warm, 0), fetched_mb: +(bytes / 1e6).toFixed(1), summary }));
}
await server.close();
