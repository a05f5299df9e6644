// oidcplay-cli against an independent OpenID Provider (panva's oidc-provider on 127.0.0.1:0):
// discovery, code + PKCE (this script plays the browser), refresh, userinfo, revocation,
// client credentials (basic and post), end session, and refusals.
//   node --test-reporter=spec flow-cli-oidc-provider.mjs  (with OIDCPLAY_CLI set)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { play } from './play-browser.mjs';
import { startJsonServer, run } from './lib-processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = process.env.OIDCPLAY_CLI;
assert.ok(cli, 'OIDCPLAY_CLI must name the oidcplay-cli binary');

let provider;
let issuer;
before(async () => {
  provider = await startJsonServer(process.execPath, [path.join(here, 'oidc-provider-server.mjs')]);
  issuer = provider.info.issuer;
});
after(() => provider?.stop());

// Runs `oidcplay-cli login --no-browser`, plays the browser as `login` once the URL appears.
async function login(extraArgs = [], { user = 'alice', tamper } = {}) {
  let played;
  const result = await run(cli, ['login', '--issuer', issuer, '--client-id', 'playground-public', '--no-browser', '--json',
    '--show-tokens', '--timeout', '30', ...extraArgs], {
    onStderrLine(line) {
      if (!line.startsWith('authorize_url: ')) return;
      let url = line.slice('authorize_url: '.length);
      if (tamper) url = tamper(url);
      played = play(url, { login: user, stopAt: 'http://127.0.0.1:' + new URL(new URL(url).searchParams.get('redirect_uri')).port });
    },
  });
  return { ...result, browser: played ? await played : undefined };
}

const checkOutcome = (json, id) => json.checks.find((check) => check.id === id)?.outcome;

test('discover: metadata, keys, and http on loopback flagged', async () => {
  const result = await run(cli, ['discover', issuer, '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.json.issuer, issuer);
  assert.ok(result.json.keys.length >= 1);
  assert.ok(result.json.insecure_endpoints.includes('token_endpoint'));
});

test('discover: an issuer that does not match the metadata is refused', async () => {
  const result = await run(cli, ['discover', issuer + '/other', '--json']);
  assert.notEqual(result.code, 0);
  assert.equal(result.json.ok, false);
  assert.equal(result.json.error.category, 'DISCOVERY');
});

let session;
test('login: authorization code + PKCE, ID token checks, userinfo', async () => {
  const result = await login(['--scope', 'openid email profile offline_access', '--prompt', 'consent']);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const json = result.json;
  assert.equal(json.ok, true);
  for (const id of ['signature', 'iss', 'aud', 'exp', 'iat', 'sub', 'nonce']) assert.equal(checkOutcome(json, id), 'pass', id);
  assert.notEqual(checkOutcome(json, 'at_hash'), 'fail'); // optional in the code flow; checked when present
  assert.equal(json.claims.sub, 'alice');
  assert.equal(json.userinfo.sub, 'alice');
  assert.equal(json.userinfo.email, 'alice@example.test');
  assert.ok(json.tokens.refresh_token, 'offline_access gives a refresh token');
  assert.equal(result.browser.status, 200, 'the listener answered the browser');
  assert.doesNotMatch(result.browser.body, /code=|state=/, 'the success page echoes nothing');
  session = json;
});

test('login: tokens are redacted unless --show-tokens', async () => {
  let played;
  const result = await run(cli, ['login', '--issuer', issuer, '--client-id', 'playground-public', '--no-browser', '--json', '--timeout', '30'], {
    onStderrLine(line) {
      if (line.startsWith('authorize_url: ')) {
        const url = line.slice(15);
        played = play(url, { stopAt: 'http://127.0.0.1:' + new URL(new URL(url).searchParams.get('redirect_uri')).port });
      }
    },
  });
  await played;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.json.tokens.access_token, /\[redacted, \d+ chars\]$/);
  assert.match(result.json.tokens.id_token, /\[redacted/);
});

test('token refresh: new tokens, the new ID token validated', async () => {
  assert.ok(session, 'needs the login test');
  const result = await run(cli, ['token', 'refresh', '--issuer', issuer, '--client-id', 'playground-public', '--refresh-token',
    session.tokens.refresh_token, '--json', '--show-tokens']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.json.tokens.access_token);
  assert.notEqual(result.json.tokens.access_token, session.tokens.access_token);
  if (result.json.checks) assert.equal(checkOutcome(result.json, 'signature'), 'pass');
  session.refreshed = result.json.tokens;
});

test('userinfo, then revocation makes the access token unusable', async () => {
  const token = session.refreshed?.access_token ?? session.tokens.access_token;
  const info = await run(cli, ['userinfo', '--issuer', issuer, '--access-token', token, '--json']);
  assert.equal(info.code, 0, info.stderr);
  assert.equal(info.json.userinfo.sub, 'alice');
  const revoke = await run(cli, ['revoke', '--issuer', issuer, '--client-id', 'playground-public', '--token', token, '--hint', 'access_token', '--json']);
  assert.equal(revoke.code, 0, revoke.stderr);
  assert.equal(revoke.json.revoked, true);
  const after = await run(cli, ['userinfo', '--issuer', issuer, '--access-token', token, '--json']);
  assert.notEqual(after.code, 0);
  assert.equal(after.json.error.code, 'USERINFO_UNAUTHORIZED');
  assert.match(after.json.error.actual, /invalid_token/);
});

test('revocation of an unknown token is success (RFC 7009 §2.2)', async () => {
  const result = await run(cli, ['revoke', '--issuer', issuer, '--client-id', 'playground-public', '--token', 'not-a-real-token', '--json']);
  assert.equal(result.code, 0, result.stderr);
});

test('client credentials with client_secret_basic (secret with reserved characters)', async () => {
  const result = await run(cli, ['token', 'client-credentials', '--issuer', issuer, '--client-id', 'playground-basic', '--client-secret',
    'basic-secret-for-tests-only+/=', '--auth', 'basic', '--scope', 'api:read', '--json']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.json.tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(result.json.tokens.expires_in, 600);
});

test('client credentials with client_secret_post, and a wrong secret refused', async () => {
  const ok = await run(cli, ['token', 'client-credentials', '--issuer', issuer, '--client-id', 'playground-post', '--client-secret',
    'post-secret-for-tests-only', '--auth', 'post', '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  const wrong = await run(cli, ['token', 'client-credentials', '--issuer', issuer, '--client-id', 'playground-post', '--client-secret',
    'wrong', '--auth', 'post', '--json']);
  assert.equal(wrong.code, 1);
  assert.equal(wrong.json.error.category, 'TOKEN');
  assert.equal(wrong.json.error.code, 'TOKEN_PROVIDER_ERROR');
  assert.equal(wrong.json.error.actual, 'invalid_client');
});

test('end session: the logout URL is accepted and returns with our state', async () => {
  const result = await run(cli, ['logout-url', '--issuer', issuer, '--id-token-hint', session.tokens.id_token, '--post-logout-redirect-uri',
    'http://127.0.0.1/logout-callback', '--state', 'logout-state-123', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const url = new URL(result.json.logout_url);
  assert.equal(url.searchParams.get('state'), 'logout-state-123');
  assert.equal(url.searchParams.get('id_token_hint'), session.tokens.id_token);
  const browser = await play(url.href, { stopAt: 'http://127.0.0.1/logout-callback', fetchFinal: false });
  assert.match(browser.final, /^http:\/\/127\.0\.0\.1\/logout-callback\?state=logout-state-123/);
});

test('a provider refusal (prompt=none without a session) is an AUTHZ provider error and no token request follows', async () => {
  const result = await login(['--prompt', 'none']);
  assert.equal(result.code, 1, result.stdout);
  assert.equal(result.json.error.category, 'AUTHZ');
  assert.equal(result.json.error.code, 'AUTHZ_PROVIDER_ERROR');
  assert.match(result.json.error.message, /login_required/);
  assert.ok(!result.json.steps.some((step) => step.step === 'token'), 'no token request after the refusal');
});

test('a forged callback with the wrong state is refused and the real login still completes', async () => {
  let forged;
  let played;
  const result = await run(cli, ['login', '--issuer', issuer, '--client-id', 'playground-public', '--no-browser', '--json', '--timeout', '30'], {
    onStderrLine(line) {
      if (!line.startsWith('authorize_url: ')) return;
      const url = new URL(line.slice(15));
      const redirect = new URL(url.searchParams.get('redirect_uri'));
      forged = fetch(`${redirect.href}?code=stolen&state=wrong&iss=${encodeURIComponent(issuer)}`).then(async (r) => {
        const stray = await fetch(`http://127.0.0.1:${redirect.port}/favicon.ico`);
        played = play(url.href, { stopAt: `http://127.0.0.1:${redirect.port}` });
        return { status: r.status, stray: stray.status, body: await r.text() };
      });
    },
  });
  const forgedResult = await forged;
  await played;
  assert.equal(forgedResult.status, 400);
  assert.equal(forgedResult.stray, 404);
  assert.doesNotMatch(forgedResult.body, /stolen|wrong/, 'the error page echoes nothing');
  assert.match(result.stderr, /AUTHZ_STATE_MISMATCH/);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.json.ok, true);
});

test('the listener times out when the browser never comes back', async () => {
  const result = await run(cli, ['login', '--issuer', issuer, '--client-id', 'playground-public', '--no-browser', '--json', '--timeout', '2']);
  assert.notEqual(result.code, 0);
  assert.equal(result.json.error.code, 'LISTENER_TIMEOUT');
});
