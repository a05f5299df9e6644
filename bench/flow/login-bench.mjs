// Benchmark: a full authorization-code + PKCE login (discovery, JWKS, authorize, callback on a
// loopback listener, token, ID-token validation, userinfo) by `oidcplay-cli login` and, in the
// same run and against the same local provider, by panva's openid-client in Node. Both run as a
// fresh process per login; the same in-process player drives the provider's login pages.
// Prints medians and the ratio; never fails on timing.
//   node login-bench.mjs OIDCPLAY_CLI [RUNS]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = path.join(here, '..', '..', 'tests', 'node');
const { play } = await import(path.join(nodeDir, 'play-browser.mjs'));
const { startJsonServer, run } = await import(path.join(nodeDir, 'lib-processes.mjs'));

const [cli, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 15);
const provider = await startJsonServer(process.execPath, [path.join(nodeDir, 'oidc-provider-server.mjs')]);
const { issuer } = provider.info;

async function timedLogin(command, args) {
  let played;
  const start = performance.now();
  const result = await run(command, args, {
    timeoutMs: 30000,
    onStderrLine(line) {
      if (!line.startsWith('authorize_url: ')) return;
      const url = line.slice('authorize_url: '.length);
      const port = new URL(new URL(url).searchParams.get('redirect_uri')).port;
      played = play(url, { login: 'alice', stopAt: `http://127.0.0.1:${port}` });
    },
  });
  await played;
  const ms = performance.now() - start;
  if (result.code !== 0) throw new Error(`${command} failed (${result.code}): ${result.stderr}`);
  return ms;
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ours = [];
const theirs = [];
const oursArgs = ['login', '--issuer', issuer, '--client-id', 'playground-public', '--no-browser', '--json', '--timeout', '30'];
const theirsArgs = [path.join(nodeDir, 'openid-client-login.mjs'), issuer, 'playground-public'];
await timedLogin(cli, oursArgs); // warm-up both (page cache, provider JIT)
await timedLogin(process.execPath, theirsArgs);
for (let i = 0; i < runs; i++) { // interleaved, so drift hits both alike
  ours.push(await timedLogin(cli, oursArgs));
  theirs.push(await timedLogin(process.execPath, theirsArgs));
}
provider.stop();
const o = median(ours);
const t = median(theirs);
console.log(`login flow, ${runs} runs each, median wall time per login (process start to tokens + userinfo):`);
console.log(`  oidcplay-cli login        ${o.toFixed(1)} ms`);
console.log(`  openid-client (Node)      ${t.toFixed(1)} ms`);
console.log(`  ratio openid-client / oidcplay-cli = ${(t / o).toFixed(2)}  (> 1 means oidcplay-cli is faster; target > 1)`);
