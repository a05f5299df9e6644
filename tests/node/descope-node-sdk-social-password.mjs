// Descope's own Node SDK (@descope/node-sdk) against the built-in sandbox: social login through
// the stand-in provider page, and every password call.
//
//   node descope-node-sdk-social-password.mjs <oidcplay-cli>
//
// Starts `<cli> sandbox --json` on 127.0.0.1 port 0 itself, and stops it at the end (and after
// 60 s whatever happens). Exits non-zero on any failure.
import DescopeClient from '@descope/node-sdk';
import assert from 'node:assert/strict';
import { startJsonServer } from './lib-processes.mjs';

const [cli] = process.argv.slice(2);
if (!cli) {
  console.error('usage: node descope-node-sdk-social-password.mjs <oidcplay-cli>');
  process.exit(2);
}
const watchdog = setTimeout(() => {
  console.error('FAIL: timeout after 60 s');
  process.exit(3);
}, 60_000);

const unescape = (s) => s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

// The stand-in page as a person's browser sees it: GET it, post its form with `fields`, and
// return the redirect's URL (never followed: it is the app's callback).
async function answerStandIn(pageUrl, fields) {
  const page = await fetch(pageUrl, { redirect: 'manual' });
  assert.equal(page.status, 200, 'the stand-in page is shown');
  const html = await page.text();
  assert.doesNotMatch(html, /<script/i, 'the stand-in needs no script');
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  const action = new URL(unescape(form.match(/action="([^"]+)"/)[1]), pageUrl);
  const body = new URLSearchParams();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    body.append(unescape(name), unescape(value));
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const answer = await fetch(action, { method: 'POST', body, redirect: 'manual' });
  assert.equal(answer.status, 302, 'the stand-in redirects back');
  return { html, location: new URL(answer.headers.get('location')) };
}

function expectError(response, code, what) {
  assert.equal(response.ok, false, `${what}: refused`);
  assert.equal(response.error?.errorCode, code, `${what}: ${JSON.stringify(response.error)}`);
}

async function social(sdk) {
  const redirectUrl = 'http://127.0.0.1:53683/social/callback';

  // oauth.start → the stand-in → the redirect with a code → oauth.exchange.
  const started = await sdk.oauth.start.google(redirectUrl);
  assert.equal(started.ok, true, JSON.stringify(started.error));
  const { html, location } = await answerStandIn(started.data.url, { action: 'continue', email: 'frank@example.org', name: 'Frank Social' });
  assert.match(html, /This is not Google/);
  assert.equal(`${location.origin}${location.pathname}`, redirectUrl);
  const code = location.searchParams.get('code');
  assert.ok(code, 'the redirect carries a code');

  const exchanged = await sdk.oauth.exchange(code);
  assert.equal(exchanged.ok, true, JSON.stringify(exchanged.error));
  assert.equal(exchanged.data.firstSeen, true);
  assert.deepEqual(exchanged.data.user.OAuth, { google: true });
  assert.equal(exchanged.data.user.email, 'frank@example.org');
  const session = await sdk.validateSession(exchanged.data.sessionJwt);
  assert.deepEqual(session.token.amr, ['oauth']);
  assert.equal(session.token.sub, exchanged.data.user.userId);

  // The code works once.
  expectError(await sdk.oauth.exchange(code), 'E011003', 'a reused code');

  // The same person through GitHub (the provider's own start function): both providers.
  const again = await sdk.oauth.start('github', redirectUrl);
  const back = await answerStandIn(again.data.url, { action: 'continue', email: 'frank@example.org' });
  const second = await sdk.oauth.exchange(back.location.searchParams.get('code'));
  assert.equal(second.ok, true, JSON.stringify(second.error));
  assert.equal(second.data.user.userId, exchanged.data.user.userId);
  assert.deepEqual(second.data.user.OAuth, { github: true, google: true });
  const me = await sdk.me(second.data.refreshJwt);
  assert.deepEqual(me.data.OAuth, { github: true, google: true });

  // A demo identity, then Cancel, then a foreign redirect URL and an unknown provider.
  const alice = await sdk.oauth.start.slack(redirectUrl);
  const chosen = await answerStandIn(alice.data.url, { action: 'continue', identity: 'alice@example.com' });
  const aliceSession = await sdk.oauth.exchange(chosen.location.searchParams.get('code'));
  assert.equal(aliceSession.data.user.userId, 'U2SbxAlice000000000000000001');
  const cancelled = await answerStandIn((await sdk.oauth.start.apple(redirectUrl)).data.url, { action: 'cancel' });
  assert.equal(cancelled.location.searchParams.get('error'), 'access_denied');
  assert.equal(cancelled.location.searchParams.get('code'), null);
  expectError(await sdk.oauth.start.google('https://attacker.example/callback'), 'E011004', 'a foreign redirect URL');
  expectError(await sdk.oauth.start('myspace', redirectUrl), 'E011004', 'an unknown provider');
}

async function passwords(sdk, info) {
  const policy = await sdk.password.policy();
  assert.equal(policy.ok, true, JSON.stringify(policy.error));
  assert.equal(policy.data.minLength, 8);
  assert.equal(policy.data.uppercase, true);

  expectError(await sdk.password.signUp('grace@example.org', 'weak'), 'E011004', 'a weak password');
  const signedUp = await sdk.password.signUp('grace@example.org', 'Grace-Pass-1', { name: 'Grace Password' });
  assert.equal(signedUp.ok, true, JSON.stringify(signedUp.error));
  assert.equal(signedUp.data.user.password, true);
  assert.deepEqual((await sdk.validateSession(signedUp.data.sessionJwt)).token.amr, ['pwd']);

  expectError(await sdk.password.signIn('grace@example.org', 'Grace-Pass-2'), 'E011003', 'a wrong password');
  const signedIn = await sdk.password.signIn('grace@example.org', 'Grace-Pass-1');
  assert.equal(signedIn.ok, true, JSON.stringify(signedIn.error));
  await sdk.validateSession(signedIn.data.sessionJwt);

  const replaced = await sdk.password.replace('grace@example.org', 'Grace-Pass-1', 'Grace-Pass-3');
  assert.equal(replaced.ok, true, JSON.stringify(replaced.error));
  expectError(await sdk.password.signIn('grace@example.org', 'Grace-Pass-1'), 'E011003', 'the replaced password');

  const updated = await sdk.password.update('grace@example.org', 'Grace-Pass-4', replaced.data.refreshJwt);
  assert.equal(updated.ok, true, JSON.stringify(updated.error));
  assert.equal((await sdk.password.signIn('grace@example.org', 'Grace-Pass-4')).ok, true);

  // Reset: a magic link into the Inbox; verifying it signs in, and that session sets a new password.
  const sent = await sdk.password.sendReset('grace@example.org', 'http://127.0.0.1:53683/reset');
  assert.equal(sent.ok, true, JSON.stringify(sent.error));
  assert.equal(sent.data.resetMethod, 'magiclink');
  assert.equal(sent.data.maskedEmail, 'g***@example.org');
  const inbox = await (await fetch(`${info.baseUrl}/sandbox/inbox?loginId=grace%40example.org`)).json();
  const message = inbox.messages.find((m) => m.kind === 'password-reset');
  assert.ok(message, 'the reset message is in the Inbox');
  const token = new URL(message.links[0].url).searchParams.get('t');
  const verified = await sdk.magicLink.verify(token);
  assert.equal(verified.ok, true, JSON.stringify(verified.error));
  assert.equal((await sdk.password.update('grace@example.org', 'Grace-Pass-5', verified.data.refreshJwt)).ok, true);
  assert.equal((await sdk.password.signIn('grace@example.org', 'Grace-Pass-5')).ok, true);
}

const { info, stop } = await startJsonServer(cli, ['sandbox', '--json', '--port', '0']);
try {
  assert.match(info.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  const sdk = DescopeClient({ projectId: info.projectId, baseUrl: info.baseUrl, logger: { log() {}, debug() {}, warn() {}, error() {} } });
  await social(sdk);
  await passwords(sdk, info);
  console.log('PASS: @descope/node-sdk social login and passwords against the sandbox');
} catch (error) {
  console.error('FAIL:', error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  stop();
}
