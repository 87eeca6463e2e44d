// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), and the release build
// served by server.mjs under a sub-path.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SUB_PATH = '/quire/demo/';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Chromium with a fresh profile, recording page errors, console
 * errors, requests and Content-Security-Policy violations. The service
 * worker (offline use) is blocked unless `serviceWorkers: 'allow'`: the
 * other tests see every fetch reach their server, as they measure it. */
export async function launch({ serviceWorkers = 'block' } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium',
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    serviceWorkers,
  });
  const problems = [];
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return {
    context,
    page,
    problems,
    requests,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Serves `dist` (relative to the repository, or absolute) and opens
 * Chromium on it. */
export async function start(dist = 'dist', options = {}) {
  const folder = path.resolve(root, dist);
  if (!fs.existsSync(path.join(folder, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: run scripts/test.sh, which builds it`);
  }
  const server = await serve(folder, SUB_PATH);
  const browser = await launch(options);
  return {
    ...browser,
    server,
    /** Opens the app with a query string such as "?q=nhs". */
    async open(query = '') {
      await browser.page.goto(server.url + query);
      await browser.page.waitForSelector('main#main');
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** "median …, p95 …, min …" of `times` (ms), with `digits` decimals. */
export function timeStats(times, digits = 1) {
  const xs = [...times].sort((x, y) => x - y);
  const at = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(digits);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${xs[0].toFixed(digits)} ms`;
}

/** The text of every mark matching `selector`, in document order. */
export async function marks(page, selector = 'mark') {
  return page.locator(selector).allTextContents();
}

/** Types into the search box like a user, and waits for the results. */
export async function search(page, text) {
  const box = page.locator('input[type="search"]');
  await box.fill('');
  await box.pressSequentially(text, { delay: 5 });
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, text);
}

/** The current URL's query parameters. */
export function params(page) {
  return new URL(page.url()).searchParams;
}

/** Selects the first occurrence of `text` in the article (across the
 * marks' elements), as a reader dragging over it would, and lets go. */
export async function select(page, text) {
  await page.evaluate((text) => {
    const article = document.querySelector('article.doc-body');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    const at = all.indexOf(text);
    if (at < 0) throw new Error(`not shown: ${text}`);
    const place = (i) => {
      const [node, from] = nodes.filter(([, from]) => from <= i).pop();
      return [node, i - from];
    };
    const range = document.createRange();
    range.setStart(...place(at));
    range.setEnd(...place(at + text.length));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    article.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, text);
}
