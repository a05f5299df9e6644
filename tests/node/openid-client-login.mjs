// The same login as `oidcplay-cli login --no-browser --json`, done by panva's openid-client:
// discovery, PKCE + state + nonce, a loopback listener on 127.0.0.1:0, the authorize URL on
// stderr ("authorize_url: …"), then code exchange with ID-token validation and userinfo.
// Used by bench/flow as the baseline.  node openid-client-login.mjs ISSUER CLIENT_ID [SCOPE]
import * as client from 'openid-client';
import http from 'node:http';

const [issuerUrl, clientId, scope = 'openid profile email'] = process.argv.slice(2);
const config = await client.discovery(new URL(issuerUrl), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
const verifier = client.randomPKCECodeVerifier();
const challenge = await client.calculatePKCECodeChallenge(verifier);
const state = client.randomState();
const nonce = client.randomNonce();

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const redirectUri = `http://127.0.0.1:${server.address().port}/callback`;
const callback = new Promise((resolve) => {
  server.on('request', (req, res) => {
    const url = new URL(req.url, redirectUri);
    if (url.pathname !== '/callback') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Signed in.</p>');
    resolve(url);
  });
});
const authorizeUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri, scope, code_challenge: challenge, code_challenge_method: 'S256', state, nonce,
});
process.stderr.write(`authorize_url: ${authorizeUrl.href}\n`);
const timer = setTimeout(() => { console.error('timeout'); process.exit(3); }, 30000);
const url = await callback;
server.close();
const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
const claims = tokens.claims();
const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
clearTimeout(timer);
process.stdout.write(JSON.stringify({ ok: true, sub: claims.sub, userinfo }) + '\n');
