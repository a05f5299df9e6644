// Descope's own Node SDK (@descope/node-sdk) against the built-in sandbox: the management calls
// of its README (tenant, user, accessKey, role, permission, sso settings), each followed by the
// auth-side effect it must have (a created user signs in with OTP through the SDK and the Inbox, a
// role added shows in the next session's claims, a deactivated key no longer exchanges, a deleted
// tenant leaves its users), then tenant SSO: saml.start with a tenant and with an email, the
// stand-in IdP page, saml.exchange; and the refusals (missing / wrong management key, a reused
// SSO code, a foreign redirect URL).
//
//   node descope-sdk-management.mjs <oidcplay-cli>
//
// Starts `<cli> sandbox --json` on 127.0.0.1:0 itself and stops it at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import DescopeClient from '@descope/node-sdk';
import { startJsonServer } from './lib-processes.mjs';

const cli = process.argv[2] ?? process.env.OIDCPLAY_CLI;
assert.ok(cli, 'usage: node descope-sdk-management.mjs <oidcplay-cli>');

let sandbox;
let info;
let sdk;
before(async () => {
  sandbox = await startJsonServer(cli, ['sandbox', '--json']);
  info = sandbox.info;
  assert.match(info.managementKey ?? '', /^M[A-Za-z0-9_-]{40,}$/, 'sandbox --json prints the management key');
  sdk = DescopeClient({ projectId: info.projectId, baseUrl: info.baseUrl, managementKey: info.managementKey, logger: undefined });
});
after(() => sandbox?.stop());

const claims = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const ok = (response, what) => {
  assert.equal(response.ok, true, `${what}: ${JSON.stringify(response.error)}`);
  return response.data;
};
const refused = (response, status, what) => {
  assert.equal(response.ok, false, `${what} must be refused`);
  assert.equal(response.code, status, `${what}: ${JSON.stringify(response.error)}`);
  assert.match(response.error?.errorCode ?? '', /^E\d{6}$/, `${what}: Descope's JSON error body`);
  return response.error;
};

// Signs in with OTP by email through the SDK, reading the code from the sandbox's Inbox.
async function otpSignIn(loginId) {
  ok(await sdk.otp.signIn.email(loginId), `otp.signIn ${loginId}`);
  const inbox = await (await fetch(new URL(`/sandbox/inbox?loginId=${encodeURIComponent(loginId)}`, info.baseUrl))).json();
  const code = inbox.messages[0]?.code;
  assert.ok(code, `an OTP for ${loginId} in the Inbox`);
  return sdk.otp.verify.email(loginId, code);
}

test('a missing or wrong management key is refused with 401 and Descope\'s error body', async () => {
  const wrong = DescopeClient({ projectId: info.projectId, baseUrl: info.baseUrl, managementKey: 'M-not-the-key' });
  const error = refused(await wrong.management.tenant.loadAll(), 401, 'wrong key');
  assert.ok(!JSON.stringify(error).includes(info.managementKey), 'the refusal never echoes the key');
  const response = await fetch(new URL('/v1/mgmt/tenant/all', info.baseUrl), { headers: { authorization: `Bearer ${info.projectId}` } });
  assert.equal(response.status, 401);
  assert.equal((await response.json()).errorCode, 'E011003');
});

test('tenants: create, create with ID, update, load, load all, search; unknown tenant refused', async () => {
  const { id } = ok(await sdk.management.tenant.create('Acme QA', ['acme-qa.test']), 'tenant.create');
  assert.match(id, /^T/);
  ok(await sdk.management.tenant.createWithId('umbrella', 'Umbrella', ['umbrella.test'], { tier: 'gold' }), 'tenant.createWithId');
  refused(await sdk.management.tenant.createWithId('umbrella', 'Umbrella again'), 400, 'a second tenant with the same ID');
  ok(await sdk.management.tenant.update('umbrella', 'Umbrella Corp', ['umbrella.test']), 'tenant.update');
  const loaded = ok(await sdk.management.tenant.load('umbrella'), 'tenant.load');
  assert.equal(loaded.name, 'Umbrella Corp');
  assert.deepEqual(loaded.selfProvisioningDomains, ['umbrella.test']);
  const all = ok(await sdk.management.tenant.loadAll(), 'tenant.loadAll');
  assert.ok(all.some((t) => t.id === id) && all.some((t) => t.id === 'umbrella'));
  const found = ok(await sdk.management.tenant.searchAll(['umbrella']), 'tenant.searchAll');
  assert.deepEqual(found.map((t) => t.id), ['umbrella']);
  refused(await sdk.management.tenant.load('no-such-tenant'), 400, 'an unknown tenant');
});

test('permissions and roles: create, update, load all; a created user signs in with OTP and carries them', async () => {
  ok(await sdk.management.permission.create('reports:read', 'Read reports'), 'permission.create');
  ok(await sdk.management.permission.create('reports:tmp'), 'permission.create');
  ok(await sdk.management.permission.update('reports:tmp', 'reports:write', 'Write reports'), 'permission.update');
  const permissions = ok(await sdk.management.permission.loadAll(), 'permission.loadAll');
  assert.ok(permissions.some((p) => p.name === 'reports:write') && !permissions.some((p) => p.name === 'reports:tmp'));
  ok(await sdk.management.role.create('Analyst', 'Reads reports', ['reports:read']), 'role.create');
  ok(await sdk.management.role.create('Auditor', '', ['reports:read']), 'role.create');
  ok(await sdk.management.role.update('Auditor', 'Reviewer', 'Reviews', ['reports:read', 'reports:write']), 'role.update');
  ok(await sdk.management.role.create('UmbrellaAdmin', 'Umbrella only', ['reports:write'], 'umbrella'), 'role.create (tenant role)');
  const roles = ok(await sdk.management.role.loadAll(), 'role.loadAll');
  assert.equal(roles.find((r) => r.name === 'UmbrellaAdmin')?.tenantId, 'umbrella');
  assert.deepEqual(roles.find((r) => r.name === 'Reviewer')?.permissionNames, ['reports:read', 'reports:write']);
  refused(await sdk.management.role.create('Ghost', '', ['no:such']), 400, 'a role with an unknown permission');

  const user = ok(await sdk.management.user.create('qa.user@example.com', { email: 'qa.user@example.com', displayName: 'QA User', roles: ['Analyst'] }), 'user.create');
  assert.deepEqual(user.roleNames, ['Analyst']);
  const first = ok(await otpSignIn('qa.user@example.com'), 'OTP sign-in of the created user');
  assert.deepEqual(claims(first.sessionJwt).roles, ['Analyst']);
  assert.deepEqual(claims(first.sessionJwt).permissions, ['reports:read']);

  ok(await sdk.management.user.addRoles('qa.user@example.com', ['Reviewer']), 'user.addRoles');
  ok(await sdk.management.user.addTenantRoles('qa.user@example.com', 'umbrella', ['UmbrellaAdmin']), 'user.addTenantRoles');
  const second = ok(await otpSignIn('qa.user@example.com'), 'the next sign-in');
  const next = claims(second.sessionJwt);
  assert.deepEqual(next.roles, ['Analyst', 'Reviewer'], 'a role added shows in the next session');
  assert.deepEqual(next.tenants.umbrella, { roles: ['UmbrellaAdmin'], permissions: ['reports:write'] });

  ok(await sdk.management.user.removeRoles('qa.user@example.com', ['Analyst']), 'user.removeRoles');
  ok(await sdk.management.user.setRoles('qa.user@example.com', ['Reviewer']), 'user.setRoles');
  const third = ok(await otpSignIn('qa.user@example.com'), 'sign-in after removeRoles');
  assert.deepEqual(claims(third.sessionJwt).roles, ['Reviewer']);
  ok(await sdk.management.role.delete('Reviewer'), 'role.delete');
  assert.deepEqual(ok(await sdk.management.user.load('qa.user@example.com'), 'user.load').roleNames, [], 'a deleted role leaves its holders');
});

test('users: test user, update, email / phone / status, tenants, load, search, logout, delete', async () => {
  const testUser = ok(await sdk.management.user.createTestUser('robot@example.com', { email: 'robot@example.com' }), 'user.createTestUser');
  assert.equal(testUser.test, true);
  const user = ok(await sdk.management.user.create('dana@example.com', { email: 'dana@example.com', displayName: 'Dana' }), 'user.create');
  refused(await sdk.management.user.create('dana@example.com', { email: 'dana@example.com' }), 400, 'a second user with the same login ID');
  const updated = ok(await sdk.management.user.update('dana@example.com', { email: 'dana@example.com', displayName: 'Dana Scully', givenName: 'Dana' }), 'user.update');
  assert.equal(updated.name, 'Dana Scully');
  assert.equal(ok(await sdk.management.user.updateEmail('dana@example.com', 'dana@example.com', true), 'user.updateEmail').verifiedEmail, true);
  assert.equal(ok(await sdk.management.user.updatePhone('dana@example.com', '+15555550123', true), 'user.updatePhone').phone, '+15555550123');
  ok(await sdk.management.user.addTenant('dana@example.com', 'umbrella'), 'user.addTenant');
  assert.deepEqual(ok(await sdk.management.user.loadByUserId(user.userId), 'user.loadByUserId').userTenants.map((t) => t.tenantId), ['umbrella']);
  refused(await sdk.management.user.addTenant('dana@example.com', 'nowhere'), 400, 'an unknown tenant');
  ok(await sdk.management.user.removeTenant('dana@example.com', 'umbrella'), 'user.removeTenant');

  const plain = ok(await sdk.management.user.searchAll(), 'user.searchAll');
  assert.ok(plain.some((u) => u.userId === user.userId) && !plain.some((u) => u.test), 'test users only with withTestUser');
  const tests = ok(await sdk.management.user.search({ testUsersOnly: true }), 'user.search');
  assert.deepEqual(tests.users.map((u) => u.loginIds[0]), ['robot@example.com']);
  assert.equal(tests.total, 1);

  const session = ok(await otpSignIn('dana@example.com'), 'sign-in');
  ok(await sdk.management.user.logoutUser('dana@example.com'), 'user.logoutUser');
  assert.equal((await sdk.refresh(session.refreshJwt)).ok, false, 'logout ends the sessions');

  ok(await sdk.management.user.deactivate('dana@example.com'), 'user.deactivate');
  // A disabled user cannot sign in: the start is refused and no code is sent.
  const disabled = refused(await sdk.otp.signIn.email('dana@example.com'), 401, 'a disabled user\'s OTP start');
  assert.equal(disabled.errorCode, 'E011003');
  ok(await sdk.management.user.activate('dana@example.com'), 'user.activate');
  ok(await otpSignIn('dana@example.com'), 'enabled again');

  ok(await sdk.management.user.delete('dana@example.com'), 'user.delete');
  refused(await sdk.management.user.load('dana@example.com'), 400, 'a deleted user');
});

test('access keys: create (cleartext once), load, search, update, deactivate / activate, delete — and the exchange follows', async () => {
  const created = ok(await sdk.management.accessKey.create('ci-key', 0, [], [{ tenantId: 'umbrella', roleNames: ['UmbrellaAdmin'] }]), 'accessKey.create');
  assert.ok(created.cleartext);
  assert.equal(created.key.status, 'active');
  const id = created.key.id;
  const loaded = ok(await sdk.management.accessKey.load(id), 'accessKey.load');
  assert.ok(!JSON.stringify(loaded).includes(created.cleartext), 'the cleartext is shown only once');
  assert.ok(ok(await sdk.management.accessKey.searchAll(['umbrella']), 'accessKey.searchAll').some((k) => k.id === id));
  assert.equal(ok(await sdk.management.accessKey.update(id, 'ci-key-2', 'for CI'), 'accessKey.update').name, 'ci-key-2');

  const exchanged = await sdk.exchangeAccessKey(created.cleartext);
  assert.deepEqual(exchanged.token.tenants.umbrella.roles, ['UmbrellaAdmin']);
  ok(await sdk.management.accessKey.deactivate(id), 'accessKey.deactivate');
  await assert.rejects(sdk.exchangeAccessKey(created.cleartext), 'a deactivated key no longer exchanges');
  const raw = await fetch(new URL('/v1/auth/accesskey/exchange', info.baseUrl), { method: 'POST', headers: { authorization: `Bearer ${info.projectId}:${created.cleartext}` } });
  assert.equal(raw.status, 401);
  assert.equal((await raw.json()).errorCode, 'E062803');
  ok(await sdk.management.accessKey.activate(id), 'accessKey.activate');
  assert.ok((await sdk.exchangeAccessKey(created.cleartext)).jwt);
  ok(await sdk.management.accessKey.delete(id), 'accessKey.delete');
  await assert.rejects(sdk.exchangeAccessKey(created.cleartext), 'a deleted key no longer exchanges');
});

test('SSO settings and saml.start / the stand-in IdP / saml.exchange, by tenant and by email', async () => {
  ok(await sdk.management.tenant.createWithId('initech', 'Initech'), 'tenant.createWithId');
  ok(await sdk.management.role.create('Engineer', '', ['reports:read'], 'initech'), 'role.create (tenant role)');
  ok(await sdk.management.sso.configureSAMLSettings('initech', {
    idpUrl: 'https://idp.initech.test/sso', idpCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', entityId: 'https://idp.initech.test',
    roleMappings: [{ groups: ['eng'], roleName: 'Engineer' }],
  }, undefined, ['initech.test']), 'sso.configureSAMLSettings');
  const settings = ok(await sdk.management.sso.loadSettings('initech'), 'sso.loadSettings');
  assert.equal(settings.saml.idpSSOUrl, 'https://idp.initech.test/sso');
  assert.equal(settings.saml.idpEntityId, 'https://idp.initech.test');
  assert.deepEqual(settings.saml.groupsMapping.map((m) => [m.groups, m.roleName]), [[['eng'], 'Engineer']]);
  assert.deepEqual(settings.tenant.domains, ['initech.test']);
  const v1 = ok(await sdk.management.sso.getSettings('initech'), 'sso.getSettings');
  assert.deepEqual(v1.domains, ['initech.test']);

  const redirect = 'http://127.0.0.1:9/sso/callback';
  const started = ok(await sdk.saml.start('initech', redirect), 'saml.start (tenant)');
  const page = await (await fetch(started.url)).text();
  assert.match(page, /sandbox stand-in/i);
  assert.match(page, /Initech/);
  assert.ok(!/<script/i.test(page), 'no script on the stand-in page');
  const answer = await fetch(started.url, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'peter@initech.test', name: 'Peter', group: 'eng', action: 'signin' }),
  });
  assert.equal(answer.status, 302);
  const back = new URL(answer.headers.get('location'));
  assert.equal(back.origin + back.pathname, redirect);
  const code = back.searchParams.get('code');
  const session = ok(await sdk.saml.exchange(code), 'saml.exchange');
  assert.equal(session.user.SAML, true);
  assert.equal(session.firstSeen, true);
  const sessionClaims = claims(session.sessionJwt);
  assert.deepEqual(sessionClaims.tenants.initech.roles, ['Engineer'], 'the SSO role mapping gives the tenant roles');
  assert.equal(sessionClaims.dct, 'initech');
  refused(await sdk.saml.exchange(code), 401, 'a reused SSO code');

  // By email: the domain selects the tenant; Cancel comes back with error=access_denied.
  const byEmail = ok(await sdk.saml.start('someone@initech.test', redirect), 'saml.start (email)');
  const cancelled = await fetch(byEmail.url, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'cancel' }),
  });
  assert.equal(new URL(cancelled.headers.get('location')).searchParams.get('error'), 'access_denied');
  refused(await sdk.saml.start('initech', 'https://evil.example/cb'), 400, 'a foreign redirect URL');
  refused(await sdk.saml.start('nobody@unknown.test', redirect), 400, 'an email no tenant owns');

  ok(await sdk.management.sso.configureOIDCSettings('umbrella', { name: 'Umbrella IdP', clientId: 'umbrella-client', clientSecret: 's3cret', authUrl: 'https://idp.umbrella.test/auth' }, ['umbrella-sso.test']), 'sso.configureOIDCSettings');
  const oidcSettings = ok(await sdk.management.sso.loadSettings('umbrella'), 'sso.loadSettings (OIDC)');
  assert.equal(oidcSettings.oidc.clientId, 'umbrella-client');
  assert.equal(oidcSettings.oidc.clientSecret, undefined, 'the client secret is never shown again');
  ok(await sdk.management.sso.deleteSettings('initech'), 'sso.deleteSettings');
  refused(await sdk.saml.start('initech', redirect), 400, 'a tenant without SSO settings');
});

test('deleting a tenant removes it from its users', async () => {
  ok(await sdk.management.user.addTenant('qa.user@example.com', 'umbrella'), 'user.addTenant');
  ok(await sdk.management.tenant.delete('umbrella'), 'tenant.delete');
  const user = ok(await sdk.management.user.load('qa.user@example.com'), 'user.load');
  assert.deepEqual(user.userTenants, []);
  const session = ok(await otpSignIn('qa.user@example.com'), 'sign-in after the tenant went');
  assert.deepEqual(claims(session.sessionJwt).tenants, {});
});
