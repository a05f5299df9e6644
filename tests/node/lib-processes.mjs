// Child processes for the tests: every one is killed when the test process ends.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const children = new Set();
const killAll = () => { for (const child of children) child.kill('SIGTERM'); };
process.on('exit', killAll);
process.on('SIGINT', () => { killAll(); process.exit(130); });
process.on('SIGTERM', () => { killAll(); process.exit(143); });

// Starts `command` and resolves with the first stdout line parsed as JSON.
export function startJsonServer(command, args, { timeoutMs = 20000, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${command} did not start: ${stderr}`)); }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try { resolve({ child, info: JSON.parse(line), stop: () => child.kill('SIGTERM') }); } catch (e) { reject(new Error(`bad first line ${line}: ${e}`)); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited ${code}: ${stderr}`)); });
  });
}

// Runs a command to completion; calls onStderrLine for each stderr line as it arrives.
export function run(command, args, { timeoutMs = 60000, onStderrLine, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    createInterface({ input: child.stderr }).on('line', (line) => { stderr += line + '\n'; onStderrLine?.(line, child); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      let json;
      try { json = JSON.parse(stdout); } catch { /* not JSON */ }
      resolve({ code: signal ? -1 : code, stdout, stderr, json });
    });
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}
