// Times opening the single-file build from disk (file://) in headless
// Chromium: page load to the first result, and a load with a query to its
// first marked result; three fresh browsers each.
//   node scripts/bench-disk.mjs DIST [QUERY]     (DIST/quire.html, e.g. dist-spam money)
import { launch, root } from '../tests/e2e/helpers.mjs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
const dist = process.argv[2];
const q = process.argv[3] ?? 'money';
for (let run = 0; run < 3; run++) {
  const b = await launch();
  const t0 = Date.now();
  await b.page.goto(pathToFileURL(path.resolve(root, dist, 'quire.html')).href, { timeout: 120000 });
  await b.page.waitForSelector('.result', { timeout: 120000 });
  const first = Date.now() - t0;
  const t1 = Date.now();
  await b.page.goto(pathToFileURL(path.resolve(root, dist, 'quire.html')).href + '?q=' + q, { timeout: 120000 });
  await b.page.waitForSelector('.result mark', { timeout: 120000 });
  const searched = Date.now() - t1;
  console.log(JSON.stringify({ dist, run, first_result_ms: first, reload_with_query_ms: searched, problems: b.problems.length }));
  await b.close();
}
