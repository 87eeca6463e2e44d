// A long comparison (two 1.5 MB digests that repeat one story) shows its
// progress, can be left at once, and completes when waited for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './helpers.mjs';

let app;
before(async () => { app = await start('dist-large'); });
after(async () => { await app?.close(); });

test('a long comparison shows progress, can be left, and completes', async () => {
  const { page } = app;
  await app.open('?q=contract&cmp=digest-a&cmp=digest-b');
  await page.waitForSelector('.comparing progress');
  const value = await page.locator('.comparing progress').getAttribute('value');
  assert.ok(Number(value) < 1000, `progress ${value}`);
  // The page answers while it compares: leave.
  await page.locator('.comparing a').click();
  await page.waitForSelector('.result');
  assert.equal(new URLSearchParams(new URL(page.url()).search).get('cmp'), null);
  assert.equal(await page.locator('.comparing').count(), 0);
  // Come back and wait: the comparison completes.
  await page.goBack();
  await page.waitForSelector('.comparing progress');
  await page.waitForSelector('article[data-side="b"] mark.passage', { timeout: 120_000 });
  assert.match(await page.locator('.similarity').textContent(), /shared passages/);
  assert.equal(await page.locator('#crash').isHidden(), true);
  assert.deepEqual(app.problems.splice(0), []);
});
