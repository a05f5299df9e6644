// An independent client against the built-in sandbox: panva's openid-client v6 (and jose for the
// signatures) completes discovery, authorization code + PKCE (driving the hosted login form over
// HTTP), token, userinfo, refresh, revocation and client_credentials.
//
//   node sandbox-openid-client.mjs <oidcplay-cli or the sandbox runner>
//
// Starts `<cli> sandbox --json` itself, reads its JSON line, and stops it with SIGTERM at the end
// (and after 60 s whatever happens). Exits non-zero on any failure.
import * as client from 'openid-client';
import * as jose from 'jose';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const [cli] = process.argv.slice(2);
if (!cli) {
  console.error('usage: node sandbox-openid-client.mjs <oidcplay-cli>');
  process.exit(2);
}

const child = spawn(cli, ['sandbox', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const childExit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
const watchdog = setTimeout(() => {
  console.error('FAIL: timeout after 60 s');
  child.kill('SIGKILL');
  process.exit(3);
}, 60_000);

function firstLine(stream) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: stream });
    lines.once('line', (line) => resolve(line));
    child.once('exit', () => reject(new Error('the sandbox exited before printing its JSON line')));
  });
}

// The hosted login page is a plain form: GET it, post its hidden fields back with loginId.
async function login(authorizeUrl, loginId) {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(page.status, 200, 'the authorize endpoint shows the login page');
  const html = await page.text();
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  assert.match(form, /id="login"/);
  const action = new URL(form.match(/action="([^"]+)"/)[1], authorizeUrl);
  const unescape = (s) => s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const fields = new URLSearchParams();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields.append(unescape(name), unescape(value));
  fields.append('loginId', loginId);
  const response = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
  assert.equal(response.status, 302, 'a successful login redirects');
  return new URL(response.headers.get('location'));
}

async function expectOAuthError(promise, error, what) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof client.ResponseBodyError, `${what}: ${e}`);
    assert.equal(e.error, error, what);
    return true;
  });
}

async function run(info) {
  const issuer = new URL(info.issuer);
  const insecure = { execute: [client.allowInsecureRequests] }; // http on loopback only

  // Discovery.
  const config = await client.discovery(issuer, info.projectId, undefined, client.None(), insecure);
  const metadata = config.serverMetadata();
  assert.equal(metadata.issuer, info.issuer);
  assert.ok(metadata.supportsPKCE('S256'));
  assert.equal(metadata.authorization_response_iss_parameter_supported, true);
  const jwks = jose.createRemoteJWKSet(new URL(metadata.jwks_uri));

  // Authorization code + PKCE through the login form.
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const redirectUri = 'http://127.0.0.1:53682/callback'; // any loopback port (RFC 8252 §7.3)
  const authorizeUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: 'alice@example.com',
  });
  const callback = await login(authorizeUrl, 'alice@example.com');
  assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
  assert.equal(callback.searchParams.get('state'), state);
  assert.equal(callback.searchParams.get('iss'), info.issuer);
  assert.ok(callback.searchParams.get('code'));

  // Token: openid-client checks state, iss (RFC 9207), the ID token's claims and nonce.
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  assert.equal(claims.iss, info.issuer);
  assert.equal(claims.aud, info.projectId);
  assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
  // jose verifies the signatures against the served JWKS.
  await jose.jwtVerify(tokens.id_token, jwks, { issuer: info.issuer, audience: info.projectId, algorithms: ['RS256'] });
  const { payload: access } = await jose.jwtVerify(tokens.access_token, jwks, { issuer: info.issuer, algorithms: ['RS256'] });
  assert.equal(access.drn, 'DS');
  assert.equal(access.sub, claims.sub);

  // The same code a second time is refused.
  await expectOAuthError(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
    'invalid_grant', 'code reuse');

  // Start again: the reuse above revoked the first tokens.
  const verifier2 = client.randomPKCECodeVerifier();
  const state2 = client.randomState();
  const callback2 = await login(client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier2),
    code_challenge_method: 'S256',
    state: state2,
  }), 'bob@example.com');
  const tokens2 = await client.authorizationCodeGrant(config, callback2, { pkceCodeVerifier: verifier2, expectedState: state2 });
  const sub = tokens2.claims().sub;

  // UserInfo.
  const userinfo = await client.fetchUserInfo(config, tokens2.access_token, sub);
  assert.equal(userinfo.email, 'bob@example.com');
  assert.ok(userinfo.tenants && userinfo.roles, 'userinfo carries tenants and roles');

  // Refresh: rotation.
  const refreshed = await client.refreshTokenGrant(config, tokens2.refresh_token);
  assert.notEqual(refreshed.refresh_token, tokens2.refresh_token);
  assert.equal(refreshed.claims().sub, sub);
  await jose.jwtVerify(refreshed.id_token, jwks, { issuer: info.issuer, audience: info.projectId });

  // Revocation: the refresh token and the access tokens of its session stop working.
  await client.tokenRevocation(config, refreshed.refresh_token, { token_type_hint: 'refresh_token' });
  await expectOAuthError(client.refreshTokenGrant(config, refreshed.refresh_token), 'invalid_grant', 'revoked refresh token');
  await assert.rejects(client.fetchUserInfo(config, refreshed.access_token, sub), (e) => {
    assert.ok(e instanceof client.WWWAuthenticateChallengeError, `userinfo after revocation: ${e}`);
    assert.equal(e.cause[0].parameters.error, 'invalid_token');
    return true;
  });
  await client.tokenRevocation(config, 'not-a-token'); // RFC 7009 §2.2: 200

  // client_credentials: the confidential client with Basic and with post, and an access key as
  // the secret with the project ID as client ID.
  const confidential = info.clients.find((c) => c.type === 'confidential');
  for (const auth of [client.ClientSecretBasic(confidential.clientSecret), client.ClientSecretPost(confidential.clientSecret)]) {
    const m2m = await client.discovery(issuer, confidential.clientId, undefined, auth, insecure);
    const granted = await client.clientCredentialsGrant(m2m, { scope: 'read:data' });
    const { payload } = await jose.jwtVerify(granted.access_token, jwks, { issuer: info.issuer });
    assert.equal(payload.sub, confidential.clientId);
    const api = await fetch(new URL('/api/user', info.baseUrl), { method: 'POST', headers: { authorization: `Bearer ${granted.access_token}` } });
    assert.equal(api.status, 200, '/api/user accepts the read:data scope');
  }
  const key = info.accessKeys[0];
  const keyConfig = await client.discovery(issuer, info.projectId, undefined, client.ClientSecretBasic(key.accessKey), insecure);
  const keyToken = await client.clientCredentialsGrant(keyConfig);
  assert.equal((await jose.jwtVerify(keyToken.access_token, jwks)).payload.sub, key.id);
  const wrong = await client.discovery(issuer, confidential.clientId, undefined, client.ClientSecretBasic('wrong'), insecure);
  await assert.rejects(client.clientCredentialsGrant(wrong), (e) => {
    // 401 with WWW-Authenticate: Basic (RFC 6749 §5.2) surfaces as the challenge; the body says invalid_client.
    assert.ok(e instanceof client.WWWAuthenticateChallengeError, `wrong secret: ${e}`);
    assert.equal(e.status, 401);
    assert.equal(e.cause[0].scheme, 'basic');
    return true;
  });
  const wrongPost = await client.discovery(issuer, confidential.clientId, undefined, client.ClientSecretPost('wrong'), insecure);
  await expectOAuthError(client.clientCredentialsGrant(wrongPost), 'invalid_client', 'wrong secret (post)');
}

let failed = false;
try {
  const info = JSON.parse(await firstLine(child.stdout));
  await run(info);
  console.log('sandbox-openid-client: ok');
} catch (error) {
  failed = true;
  console.error('FAIL:', error);
} finally {
  child.kill('SIGTERM');
  const stopped = await Promise.race([childExit, new Promise((resolve) => setTimeout(() => resolve(null), 10_000))]);
  clearTimeout(watchdog);
  if (!stopped) {
    console.error('FAIL: the sandbox did not stop on SIGTERM');
    child.kill('SIGKILL');
    failed = true;
  } else if (stopped.code !== 0) {
    console.error(`FAIL: the sandbox exited with ${stopped.code ?? stopped.signal}`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}
