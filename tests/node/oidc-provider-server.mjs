// Starts panva's oidc-provider on 127.0.0.1, port 0, as an independent OpenID Provider for the
// tests. Prints one JSON line {issuer, clients} and serves until stdin closes, SIGTERM, or
// OIDCPLAY_TEST_SERVER_SECONDS (default 120) pass: it always stops by itself.
import Provider from 'oidc-provider';
import http from 'node:http';

const lifetime = Number(process.env.OIDCPLAY_TEST_SERVER_SECONDS || 120) * 1000;

const accounts = {
  alice: { sub: 'alice', email: 'alice@example.test', email_verified: true, name: 'Alice Example' },
  bob: { sub: 'bob', email: 'bob@example.test', email_verified: false, name: 'Bob Example' },
};

const clients = [
  {
    // Public native client: PKCE, any loopback port (RFC 8252 §7.3).
    client_id: 'playground-public',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/logout-callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  },
  {
    client_id: 'playground-basic',
    client_secret: 'basic-secret-for-tests-only+/=',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    redirect_uris: ['http://127.0.0.1/callback'],
    application_type: 'native',
    response_types: ['code'],
  },
  {
    client_id: 'playground-post',
    client_secret: 'post-secret-for-tests-only',
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  },
];

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients,
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, async claims() { return { ...account }; } };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'offline_access', 'email', 'profile', 'api:read'],
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
    },
    pkce: { required: () => true },
    issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    ttl: { AccessToken: 600, IdToken: 600, ClientCredentials: 600 },
    cookies: { keys: ['test-cookie-key-not-secret'] },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  process.stdout.write(JSON.stringify({ issuer, clients: clients.map(({ client_id, client_secret, token_endpoint_auth_method }) => ({ client_id, client_secret, token_endpoint_auth_method })) }) + '\n');
});

const stop = () => { server.close(); server.closeAllConnections?.(); process.exit(0); };
setTimeout(stop, lifetime).unref();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
