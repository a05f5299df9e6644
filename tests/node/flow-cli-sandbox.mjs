// oidcplay-cli against the built-in sandbox (oidcplay-cli sandbox on 127.0.0.1:0): the happy
// path, then the negative rows of rp-checks.md made by the sandbox's fault injection. Each must
// be refused with the right category and code, and no later request may use the tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { play } from './play-browser.mjs';
import { startJsonServer, run } from './lib-processes.mjs';

const cli = process.env.OIDCPLAY_CLI;
assert.ok(cli, 'OIDCPLAY_CLI must name the oidcplay-cli binary');
let sandbox;
let info;
before(async () => {
  sandbox = await startJsonServer(cli, ['sandbox', '--json']);
  info = sandbox.info;
});
after(() => sandbox?.stop());

const admin = (path, init = {}) => fetch(new URL(path, info.baseUrl), init);
const fault = async (body) => {
  const response = await admin('/sandbox/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `fault ${JSON.stringify(body)} refused: ${response.status} ${await response.text()}`);
};
const clearFaults = () => admin('/sandbox/faults', { method: 'DELETE' });

async function login(extra = [], { timeout = 20 } = {}) {
  let played;
  const result = await run(cli, ['login', '--issuer', info.issuer, '--client-id', info.projectId, '--no-browser', '--json', '--show-tokens',
    '--scope', 'openid profile email offline_access', '--timeout', String(timeout), ...extra], {
    onStderrLine(line) {
      if (!line.startsWith('authorize_url: ')) return;
      const url = line.slice('authorize_url: '.length);
      const port = new URL(new URL(url).searchParams.get('redirect_uri')).port;
      played = play(url, { login: 'alice@example.com', stopAt: `http://127.0.0.1:${port}` }).catch((error) => ({ error }));
    },
  });
  await played;
  return result;
}

const steps = (json) => json.steps.map((step) => step.step);

test('sandbox: discovery, code + PKCE, every ID-token check, userinfo with tenants and roles', async () => {
  await clearFaults();
  const result = await login();
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const json = result.json;
  for (const id of ['signature', 'iss', 'aud', 'exp', 'iat', 'sub', 'nonce', 'at_hash']) {
    assert.equal(json.checks.find((c) => c.id === id)?.outcome, 'pass', id);
  }
  assert.equal(json.claims.iss, info.issuer);
  assert.ok(json.userinfo.sub);
  assert.ok(json.tokens.refresh_token);
  // The refresh token works once (rotation), and the old one is then refused.
  const refreshed = await run(cli, ['token', 'refresh', '--issuer', info.issuer, '--client-id', info.projectId, '--refresh-token',
    json.tokens.refresh_token, '--json', '--show-tokens']);
  assert.equal(refreshed.code, 0, refreshed.stderr);
  const replay = await run(cli, ['token', 'refresh', '--issuer', info.issuer, '--client-id', info.projectId, '--refresh-token',
    json.tokens.refresh_token, '--json']);
  assert.equal(replay.code, 1);
  assert.equal(replay.json.error.code, 'TOKEN_PROVIDER_ERROR');
  assert.equal(replay.json.error.actual, 'invalid_grant');
});

const idTokenFaults = [
  ['expired-id-token', 'EXPIRED'],
  ['future-iat-id-token', 'IAT_FUTURE'],
  ['wrong-nonce', 'NONCE_MISMATCH'],
  ['wrong-audience', 'AUD_MISMATCH'],
  ['wrong-issuer', 'ISS_MISMATCH'],
  ['bad-signature', 'SIGNATURE_INVALID'],
  ['unknown-kid', 'KID_UNKNOWN'],
];
for (const [kind, code] of idTokenFaults) {
  test(`rp-checks: ${kind} → IDT ${code}, and no userinfo request follows`, async () => {
    await clearFaults();
    await fault({ kind, path: '/oauth2/v1/token', count: 1 });
    const result = await login();
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.json.error.category, 'IDT');
    assert.equal(result.json.error.code, code);
    assert.ok(!steps(result.json).includes('userinfo'), 'no request uses the refused tokens');
    assert.ok(!result.json.tokens, 'refused tokens are not reported as the session');
  });
}

test('rp-checks A1: wrong-state on the redirect → AUTHZ_STATE_MISMATCH, a stray callback: the login keeps waiting, the code is never redeemed', async () => {
  await clearFaults();
  await fault({ kind: 'wrong-state', count: 1 });
  const result = await login([], { timeout: 4 });
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /AUTHZ_STATE_MISMATCH/);
  assert.equal(result.json.error.code, 'LISTENER_TIMEOUT', 'the flow stayed pending until its timeout');
  assert.ok(!steps(result.json).includes('token'), 'no token request');
});

// Issue 14, defect 4: a callback that bears the login's state answers that login. When a later
// check fails, the login ends at once with that check's error instead of waiting for its timeout.
test('issue 14, defect 4: missing-iss (RFC 9207 advertised) ends the login at once with AUTHZ_ISS_MISSING', async () => {
  await clearFaults();
  await fault({ kind: 'missing-iss', count: 1 });
  const result = await login([], { timeout: 60 });
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.json.error.category, 'AUTHZ');
  assert.equal(result.json.error.code, 'AUTHZ_ISS_MISSING', 'refused at once, not kept waiting until LISTENER_TIMEOUT');
  assert.ok(!steps(result.json).includes('token'), 'no token request');
});

test('issue 14, defect 4: our state with another issuer ends the login with AUTHZ_ISS_MISMATCH; a callback without our state does not', async () => {
  await clearFaults();
  let answered;
  const result = await run(cli, ['login', '--issuer', info.issuer, '--client-id', info.projectId, '--no-browser', '--json', '--timeout', '60'], {
    onStderrLine(line) {
      if (!line.startsWith('authorize_url: ')) return;
      const authorize = new URL(line.slice('authorize_url: '.length));
      const callback = (state) => {
        const url = new URL(authorize.searchParams.get('redirect_uri'));
        url.search = new URLSearchParams({ code: 'mixed-up-code', state, iss: 'https://evil.example' }).toString();
        return fetch(url).then((response) => response.status);
      };
      // A stray callback (another request's state) first: it is listed and the login goes on.
      answered = callback('another-state').then(async (stray) => [stray, await callback(authorize.searchParams.get('state'))]);
    },
  });
  assert.deepEqual(await answered, [400, 400]);
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.json.error.category, 'AUTHZ');
  assert.equal(result.json.error.code, 'AUTHZ_ISS_MISMATCH', 'refused at once, not kept waiting until LISTENER_TIMEOUT');
  assert.match(result.stderr, /AUTHZ_STATE_MISMATCH/, 'the stray callback was reported');
  assert.ok(!steps(result.json).includes('token'), 'no token request');
});

test('rp-checks T3: malformed JSON from the token endpoint → TOKEN_JSON', async () => {
  await clearFaults();
  await fault({ kind: 'malformed-json', path: '/oauth2/v1/token', count: 1 });
  const result = await login();
  assert.equal(result.code, 1);
  assert.equal(result.json.error.category, 'TOKEN');
  assert.equal(result.json.error.code, 'TOKEN_JSON');
});

test('rp-checks T2/T7: a 502 from the token endpoint is reported with a preview and not retried', async () => {
  await clearFaults();
  await fault({ kind: 'server-error', path: '/oauth2/v1/token', status: 502, count: 1 });
  const result = await login();
  assert.equal(result.code, 1);
  assert.equal(result.json.error.code, 'TOKEN_HTTP_STATUS');
  assert.equal(result.json.error.httpStatus, 502);
  assert.equal(steps(result.json).filter((s) => s === 'token').length, 1, 'exactly one token attempt');
});

test('client credentials against the sandbox (confidential client, basic and post)', async () => {
  await clearFaults();
  const confidential = info.clients.find((c) => c.clientSecret || c.client_secret);
  assert.ok(confidential, JSON.stringify(info.clients));
  const id = confidential.clientId ?? confidential.client_id;
  const secret = confidential.clientSecret ?? confidential.client_secret;
  for (const auth of ['basic', 'post']) {
    const result = await run(cli, ['token', 'client-credentials', '--issuer', info.issuer, '--client-id', id, '--client-secret', secret,
      '--auth', auth, '--json']);
    assert.equal(result.code, 0, result.stderr);
  }
});
