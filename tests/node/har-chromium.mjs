// HAR files made by a real browser (issue 11): Debian's Chromium, headless, driven over the
// DevTools protocol (puppeteer-core, as passkey-chromium.mjs), signs in against the built-in
// sandbox's hosted OIDC login page (oidcplay-cli sandbox on 127.0.0.1:0). The script records
// the CDP Network events (requestWillBeSent with its redirectResponse, responseReceived,
// loadingFinished and the bodies) and writes them as HAR 1.2 itself, as DevTools' "Save all as
// HAR" does; then `oidcplay-cli har analyze` reads the file:
//   - the good flow (discovery, JWKS, authorize with PKCE/state/nonce, login, callback): no finding;
//   - an app that forwards the tokens in a redirect's fragment (an implicit-style redirect, made
//     by the test's own callback server after the same sign-in): TOKEN_IN_URL, exit 1.
// Skipped, with the reason, where Chromium cannot start.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startJsonServer } from './lib-processes.mjs';

const cli = process.env.OIDCPLAY_CLI;
const chromiumPath = process.env.OIDCPLAY_CHROMIUM ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'oidcplay-har-'));
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

let sandbox;
let info;
let browser;
let skipReason;
let callbackServer;
let callbackBase;
let forwardedToken;

before(async () => {
  sandbox = await startJsonServer(cli, ['sandbox', '--json']);
  info = sandbox.info;
  // The app's side: a loopback page for the callback, and a second one that forwards a token in
  // its redirect's fragment, as a misbuilt single-page app does.
  callbackServer = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (url.pathname === '/forward') {
      response.writeHead(302, { location: `/app#access_token=${forwardedToken}&token_type=Bearer` });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><p>signed in</p>');
  });
  await new Promise((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  callbackBase = `http://127.0.0.1:${callbackServer.address().port}`;
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer-core')).default;
  } catch (error) {
    skipReason = `puppeteer-core is not installed (cd tests/node && npm ci): ${error.message}`;
    return;
  }
  try {
    browser = await puppeteer.launch({
      executablePath: chromiumPath,
      headless: true,
      userDataDir: join(work, 'profile'),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      timeout: 30000,
    });
  } catch (error) {
    skipReason = `Chromium (${chromiumPath}) cannot start: ${error.message.split('\n')[0]}`;
  }
});

after(async () => {
  await browser?.close().catch(() => {});
  callbackServer?.close();
  sandbox?.stop();
  rmSync(work, { recursive: true, force: true });
});

const headerList = (headers = {}) => Object.entries(headers).map(([name, value]) => ({ name, value: String(value) }));

// Records every request the page makes while `action` runs, as HAR 1.2 entries in request order.
async function recordHar(page, action) {
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const entries = [];
  const open = new Map(); // requestId → the entry whose response is awaited
  const pending = [];
  const finish = (entry, response, endTimestamp) => {
    entry.response = {
      status: response.status, statusText: response.statusText ?? '', httpVersion: response.protocol ?? 'HTTP/1.1', cookies: [],
      headers: headerList(response.headers), redirectURL: response.headers?.location ?? response.headers?.Location ?? '',
      headersSize: -1, bodySize: -1, content: { size: 0, mimeType: response.mimeType ?? '' },
    };
    entry.time = Math.max(0, (endTimestamp - entry._t0) * 1000);
    entry.timings = { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: entry.time, receive: 0 };
  };
  cdp.on('Network.requestWillBeSent', (event) => {
    const previous = open.get(event.requestId);
    if (previous && event.redirectResponse) finish(previous, event.redirectResponse, event.timestamp);
    const url = new URL(event.request.url);
    const entry = {
      startedDateTime: new Date(event.wallTime * 1000).toISOString(),
      time: 0,
      request: {
        method: event.request.method, url: event.request.url, httpVersion: 'HTTP/1.1', cookies: [],
        headers: headerList(event.request.headers), queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        headersSize: -1, bodySize: event.request.postData ? Buffer.byteLength(event.request.postData) : 0,
        ...(event.request.postData ? { postData: { mimeType: event.request.headers['Content-Type'] ?? '', text: event.request.postData } } : {}),
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
      _t0: event.timestamp,
    };
    entries.push(entry);
    open.set(event.requestId, entry);
  });
  cdp.on('Network.responseReceived', (event) => {
    const entry = open.get(event.requestId);
    if (entry) finish(entry, event.response, event.timestamp);
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = open.get(event.requestId);
    if (!entry?.response) return;
    pending.push(cdp.send('Network.getResponseBody', { requestId: event.requestId }).then(({ body, base64Encoded }) => {
      entry.response.content = { ...entry.response.content, size: base64Encoded ? Buffer.from(body, 'base64').length : Buffer.byteLength(body), text: body,
        ...(base64Encoded ? { encoding: 'base64' } : {}) };
    }, () => {}));
  });
  await action();
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last loadingFinished
  await Promise.all(pending);
  await cdp.detach();
  for (const entry of entries) {
    delete entry._t0;
    entry.response ??= { status: 0, statusText: '', httpVersion: '', cookies: [], headers: [], redirectURL: '', headersSize: -1, bodySize: -1,
      content: { size: 0, mimeType: '' } };
  }
  return { log: { version: '1.2', creator: { name: 'oidcplay tests (Chromium over CDP)', version: '1' }, pages: [], entries } };
}

// Discovery and keys as the app fetches them, then the authorization request, the hosted login
// page (alice), and the redirect to the callback.
async function signIn(page) {
  const metadata = await (await page.goto(info.discoveryUrl)).json();
  await page.goto(metadata.jwks_uri);
  const verifier = b64url(randomBytes(32));
  const authorize = new URL(metadata.authorization_endpoint);
  Object.entries({
    response_type: 'code', client_id: info.projectId, redirect_uri: `${callbackBase}/callback`, scope: 'openid email',
    state: b64url(randomBytes(16)), nonce: b64url(randomBytes(16)),
    code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
  }).forEach(([name, value]) => authorize.searchParams.set(name, value));
  await page.goto(authorize.href);
  await page.type('#loginId', 'alice@example.com');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#login button[type=submit]')]);
  assert.ok(page.url().startsWith(`${callbackBase}/callback?`), `the browser is at ${page.url()}`);
  return page.url();
}

async function analyze(har, name) {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(har));
  return run(cli, ['har', 'analyze', path, '--json']);
}

test('a browser-made HAR of a good sign-in has its exchanges and no finding', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const context = await browser.createBrowserContext(); // no session cookie from another test
  const page = await context.newPage();
  const har = await recordHar(page, () => signIn(page));
  await context.close();
  const result = await analyze(har, 'good.har');
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.equal(result.json.ok, true);
  assert.deepEqual(result.json.findings, []);
  const kinds = result.json.exchanges.map((exchange) => exchange.kind);
  for (const kind of ['discovery', 'jwks', 'authorize', 'callback']) assert.ok(kinds.includes(kind), `${kind} in ${kinds}`);
  assert.equal(result.json.entries, har.log.entries.length);
});

test('a token forwarded in a redirect fragment is TOKEN_IN_URL', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: 'k' }));
  const now = Math.floor(Date.now() / 1000);
  const claims = b64url(JSON.stringify({ iss: info.issuer, sub: 'alice', aud: info.projectId, iat: now, exp: now + 600 }));
  forwardedToken = `${header}.${claims}.${b64url(randomBytes(64))}`;
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const har = await recordHar(page, async () => {
    await signIn(page);
    await page.goto(`${callbackBase}/forward`);
  });
  await context.close();
  const result = await analyze(har, 'forwarded.har');
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.equal(result.json.ok, false);
  const forwarded = har.log.entries.findIndex((entry) => entry.request.url === `${callbackBase}/forward`);
  const inUrl = result.json.findings.filter((finding) => finding.code === 'TOKEN_IN_URL');
  assert.deepEqual(inUrl.map((finding) => finding.entry), [forwarded]);
  assert.equal(result.stdout.includes(forwardedToken), false, 'the token is redacted in the output');
});
