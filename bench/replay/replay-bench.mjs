// Benchmark: `oidcplay-cli replay FILE` of a recorded authorization-code + PKCE login, end to end
// against the built-in sandbox (the recorded faults switched on, the sandbox's login page
// submitted by the CLI itself, every step compared), against a baseline in the same run: a plain
// `oidcplay-cli login` of the same flow, its browser played over HTTP by tests/node/play-browser.mjs.
// A third figure: the replay when no sandbox answers at the recorded issuer, so it starts its
// own (key generation included). Each run is a fresh process; prints medians and the ratio,
// never fails on timing.
//   node replay-bench.mjs OIDCPLAY_CLI [RUNS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = path.join(here, '..', '..', 'tests', 'node');
const { play } = await import(path.join(nodeDir, 'play-browser.mjs'));
const { startJsonServer, run } = await import(path.join(nodeDir, 'lib-processes.mjs'));

const [cli, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 15);
const sandbox = await startJsonServer(cli, ['sandbox', '--json']);
const { issuer, projectId } = sandbox.info;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidcplay-replay-bench-'));
const recording = path.join(dir, 'alice.json');
const moved = path.join(dir, 'moved.json');

async function timed(args, { playBrowser = false } = {}) {
  let played;
  const start = performance.now();
  const result = await run(cli, args, {
    timeoutMs: 30000,
    onStderrLine(line) {
      if (!playBrowser || !line.startsWith('authorize_url: ')) return;
      const url = line.slice('authorize_url: '.length);
      const port = new URL(new URL(url).searchParams.get('redirect_uri')).port;
      played = play(url, { login: 'alice@example.com', stopAt: `http://127.0.0.1:${port}` });
    },
  });
  await played;
  const ms = performance.now() - start;
  if (result.code !== 0) throw new Error(`${args[0]} failed (${result.code}): ${result.stderr}`);
  return ms;
}

const loginArgs = ['login', '--issuer', issuer, '--client-id', projectId, '--no-browser', '--json', '--timeout', '30'];
await timed([...loginArgs, '--record', recording], { playBrowser: true });
const gone = JSON.parse(fs.readFileSync(recording, 'utf8'));
gone.sandbox.issuer = `http://127.0.0.1:1/${projectId}`;
gone.profile.issuer = gone.sandbox.issuer;
fs.writeFileSync(moved, JSON.stringify(gone));
const replayArgs = ['replay', recording, '--json', '--timeout', '30'];
const ownSandboxArgs = ['replay', moved, '--json', '--timeout', '30'];

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const logins = [];
const replays = [];
const ownSandbox = [];
await timed(loginArgs, { playBrowser: true }); // warm-up (page cache, the sandbox's first signing)
await timed(replayArgs);
for (let i = 0; i < runs; i++) { // interleaved, so drift hits both alike
  logins.push(await timed(loginArgs, { playBrowser: true }));
  replays.push(await timed(replayArgs));
  ownSandbox.push(await timed(ownSandboxArgs));
}
sandbox.stop();
fs.rmSync(dir, { recursive: true, force: true });
const l = median(logins);
const r = median(replays);
const s = median(ownSandbox);
console.log(`recorded code flow, ${runs} runs each, median wall time (process start to the last check):`);
console.log(`  oidcplay-cli login (browser played by the bench)   ${l.toFixed(1)} ms`);
console.log(`  oidcplay-cli replay (signs in by itself, compares)  ${r.toFixed(1)} ms`);
console.log(`  oidcplay-cli replay, starting its own sandbox       ${s.toFixed(1)} ms`);
console.log(`  ratio replay / login = ${(r / l).toFixed(2)}  (the replay's own sign-in and comparison against the bench's browser; near 1 is expected)`);
