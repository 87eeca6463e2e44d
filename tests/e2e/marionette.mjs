// Debian's Firefox (firefox-esr), driven over Marionette, its own remote
// protocol (length-prefixed JSON on a local socket): playwright-core
// cannot drive a stock Firefox of this version, and no browser is ever
// downloaded. Just what the Firefox tests need: open a URL, run a script,
// type into an element (a file input takes a path), quit.
import net from 'node:net';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIREFOX = process.env.QUIRE_FIREFOX ?? '/usr/bin/firefox-esr';

/** A headless Firefox with a fresh profile. */
export async function firefox() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-firefox-'));
  // Port 0: Firefox picks a free one and writes it to MarionetteActivePort.
  fs.writeFileSync(path.join(profile, 'user.js'), [
    'user_pref("marionette.port", 0);',
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("app.update.disabledForTesting", true);',
  ].join('\n'));
  const proc = spawn(FIREFOX, ['--headless', '--marionette', '--no-remote', '--profile', profile], { stdio: 'ignore' });
  const portFile = path.join(profile, 'MarionetteActivePort');
  let socket = null;
  for (let i = 0; i < 300 && !socket; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!fs.existsSync(portFile)) continue;
    const port = Number(fs.readFileSync(portFile, 'utf8'));
    socket = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', () => resolve(null));
    });
  }
  if (!socket) {
    proc.kill();
    throw new Error(`${FIREFOX} did not start Marionette`);
  }
  let pending = Buffer.alloc(0);
  const waiting = new Map();
  let greeted;
  const greeting = new Promise((r) => { greeted = r; });
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const colon = pending.indexOf(':');
      if (colon < 0) return;
      const length = Number(pending.subarray(0, colon).toString());
      if (pending.length < colon + 1 + length) return;
      const message = JSON.parse(pending.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      pending = pending.subarray(colon + 1 + length);
      if (!Array.isArray(message)) {
        greeted(message);
        continue;
      }
      const [, id, error, result] = message;
      const w = waiting.get(id);
      waiting.delete(id);
      if (error) w?.reject(new Error(`${error.error}: ${error.message}`));
      else w?.resolve(result);
    }
  });
  await greeting;
  let next = 1;
  const send = (command, params = {}) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    const body = Buffer.from(JSON.stringify([0, id, command, params]));
    socket.write(`${body.length}:`);
    socket.write(body);
  });
  await send('WebDriver:NewSession', { capabilities: {} });
  const run = async (script, ...args) => (await send('WebDriver:ExecuteScript', { script, args })).value;
  return {
    goto: (url) => send('WebDriver:Navigate', { url }),
    run,
    /** Waits until `script` returns a truthy value, and returns it. */
    async until(script, ms = 60_000) {
      const started = Date.now();
      for (;;) {
        const value = await run(script);
        if (value) return value;
        if (Date.now() - started > ms) {
          const shown = await run('return document.body?.innerText ?? ""');
          throw new Error(`Firefox: timed out on ${script}\n${String(shown).slice(0, 1000)}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Types `text` into the first element matching `css` (a file input takes a path). */
    async type(css, text) {
      const found = await send('WebDriver:FindElement', { using: 'css selector', value: css });
      const element = Object.values(found.value ?? found)[0];
      await send('WebDriver:ElementSendKeys', { id: element, text });
    },
    async close() {
      await send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
      proc.kill();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
