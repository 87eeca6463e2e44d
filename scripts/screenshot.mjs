// Takes the README's screenshots from a release build in dist/:
//   node scripts/screenshot.mjs   (after scripts/test.sh or trunk build --release)
import path from 'node:path';
import { start, root } from '../tests/e2e/helpers.mjs';

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
} finally {
  await app.close();
}
