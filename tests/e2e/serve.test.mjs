// The third way to open Quire: `scripts/serve.sh` (trunk serve, a debug
// build) with the default corpus, in Chromium, as someone working on Quire
// or on a corpus would. Its output goes to target/serve-dist, so the
// release builds the other tests read are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { launch, root, marks } from './helpers.mjs';

const PORT = 18080;

test('scripts/serve.sh builds and serves the app with the default corpus', { timeout: 30 * 60_000 }, async () => {
  const dist = path.join(root, 'target', 'serve-dist');
  const env = { ...process.env };
  delete env.CORPUS_DIR;
  const child = spawn(path.join(root, 'scripts', 'serve.sh'), ['--port', String(PORT), '--dist', dist], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-4000); });
  const url = `http://127.0.0.1:${PORT}/`;
  const browser = await launch({ serviceWorkers: 'allow' });
  try {
    // Up when it serves the built page (the first build compiles the app).
    let page = '';
    for (let i = 0; i < 25 * 60 && !page.includes('quire-wasm'); i++) {
      if (child.exitCode !== null) throw new Error(`scripts/serve.sh stopped (${child.exitCode}): ${log}`);
      page = await fetch(url).then((r) => (r.ok ? r.text() : ''), () => '');
      if (!page.includes('quire-wasm')) await new Promise((r) => setTimeout(r, 1000));
    }
    assert.ok(page.includes('quire-wasm'), `trunk serve did not come up: ${log}`);
    await browser.page.goto(`${url}?q=palantir`);
    await browser.page.waitForSelector('.result mark');
    assert.equal(await browser.page.locator('.result').count() > 0, true);
    for (const m of await marks(browser.page, '.result mark')) assert.match(m, /^palantir$/i);
    await browser.page.locator('.result-title a').first().click();
    await browser.page.waitForSelector('article.doc-body mark[data-hit]');
    assert.deepEqual(await browser.page.evaluate(() => window.__violations), []);
    assert.deepEqual(browser.problems.splice(0), []);
  } finally {
    await browser.close();
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
});
