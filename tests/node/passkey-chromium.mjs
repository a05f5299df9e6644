// Plays the user's system browser for the Passkeys area's system-browser path (issue 10): Debian's
// Chromium, headless, driven over the DevTools protocol (puppeteer-core), with a CDP virtual
// authenticator (WebAuthn.addVirtualAuthenticator: CTAP2, internal transport, resident keys, user
// verification, presence simulated) — so navigator.credentials.create/get on the app's ceremony
// page run for real, in a real browser, against real WebAuthn code.
//
// One browser, one tab and one authenticator for the whole run, so a credential created by one
// ceremony signs the next. Reads URLs on stdin, one per line, opens each in the tab and waits for
// the page's POST to a path ending in "/result"; prints one JSON line per URL:
//   {"url", "ok": true, "httpStatus": 200, "openToPostMs": 43.1, "pageStatus": "<the page's words>"}
//   {"url", "ok": false, "error": "net::ERR_CONNECTION_REFUSED …"}          (nothing answered)
// The first line is {"ready": true, "browser": "<version>"} or, when Chromium cannot start,
// {"skip": "<why>"} (then it exits 0: the caller reports the skip). Ends when stdin closes.
//   node passkey-chromium.mjs [--chromium PATH] [--timeout-ms N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => { const at = args.indexOf(name); return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback; };
const chromiumPath = option('--chromium', '/usr/bin/chromium');
const timeoutMs = Number(option('--timeout-ms', '30000'));
const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch (error) {
  print({ skip: `puppeteer-core is not installed (cd tests/node && npm ci): ${error.message}` });
  process.exit(0);
}

const profile = mkdtempSync(join(tmpdir(), 'oidcplay-chromium-'));
const removeProfile = () => rmSync(profile, { recursive: true, force: true });
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    timeout: 30000,
  });
} catch (error) {
  removeProfile();
  print({ skip: `Chromium (${chromiumPath}) cannot start: ${error.message.split('\n')[0]}` });
  process.exit(0);
}

const close = async () => {
  await browser.close().catch(() => {});
  removeProfile();
};
process.on('SIGTERM', () => { close().finally(() => process.exit(143)); });

const page = await browser.newPage();
const cdp = await page.createCDPSession();
await cdp.send('WebAuthn.enable', { enableUI: false });
const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
  options: {
    protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
    isUserVerified: true, automaticPresenceSimulation: true,
  },
});
print({ ready: true, browser: await browser.version(), authenticatorId });

// One ceremony: open the page, wait for its POST to …/result and for the page to say how it ended.
async function ceremony(url) {
  const posted = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/result'),
    { timeout: timeoutMs });
  posted.catch(() => {}); // a failed navigation answers first
  const opened = performance.now();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  } catch (error) {
    return { url, ok: false, error: error.message.split('\n')[0] };
  }
  let response;
  try {
    response = await posted;
  } catch (error) {
    return { url, ok: false, error: `no result was posted: ${error.message.split('\n')[0]}` };
  }
  const openToPostMs = Math.round((performance.now() - opened) * 10) / 10;
  const pageStatus = await page.waitForFunction(() => {
    const status = document.getElementById('status');
    return !status || ['done', 'error'].includes(status.className) ? (status ? status.textContent : '') : false;
  }, { timeout: 5000 }).then((handle) => handle.jsonValue()).catch(() => '');
  const credentials = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
  return { url, ok: response.status() === 200, httpStatus: response.status(), openToPostMs, pageStatus, credentials };
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  const url = line.trim();
  if (url) queue = queue.then(() => ceremony(url)).then(print, (error) => print({ url, ok: false, error: String(error) }));
});
lines.on('close', () => { queue.then(close).then(() => process.exit(0)); });
