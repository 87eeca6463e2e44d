// Times "Your documents" in headless Chromium: files added in the page
// (the file picker), read and indexed by the worker, kept in the
// browser's storage, and the corpus shown. Three fresh browsers (empty
// storage) per file. Prints the worker's own time and memory (its last
// report, shown in the panel) and the wall clock from picking the file
// to the first result.
//   node scripts/bench-add.mjs DIST FILE...     (e.g. dist target/spam-1000.jsonl)
import { launch, root, SUB_PATH } from '../tests/e2e/helpers.mjs';
import { serve } from '../tests/e2e/server.mjs';
import path from 'node:path';
import fs from 'node:fs';

const [dist, ...files] = process.argv.slice(2);
const server = await serve(path.resolve(root, dist), SUB_PATH);
for (const file of files) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length;
  for (let run = 0; run < 3; run++) {
    const b = await launch();
    await b.page.goto(server.url + '?src=mine');
    await b.page.waitForSelector('.yours');
    const t0 = Date.now();
    await b.page.locator('.yours-add input[type=file]').first().setInputFiles(path.resolve(file));
    await b.page.waitForSelector('.result', { timeout: 600_000 });
    const wall = Date.now() - t0;
    const outcome = await b.page.locator('.yours-outcome').textContent();
    console.log(JSON.stringify({
      file: path.basename(file), lines, run, wall_to_first_result_ms: wall, worker: outcome, problems: b.problems.length,
    }));
    await b.close();
  }
}
await server.close();
