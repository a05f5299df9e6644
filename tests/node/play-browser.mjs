// Plays the user's browser over plain HTTP for the tests: follows redirects with a cookie jar,
// fills and submits login/consent forms (oidc-provider's dev interactions, the sandbox's hosted
// login page), and stops at the first redirect to `stopAt` (the app's loopback listener), which
// it then requests like a browser would. Usable as a module or as a command:
//   node play-browser.mjs URL LOGIN [STOP_PREFIX]   → prints {"final": "<url>", "status": N}
const MAX_HOPS = 20;

export class CookieJar {
  #cookies = new Map(); // host → Map(name → value)
  store(url, response) {
    const host = new URL(url).host;
    const jar = this.#cookies.get(host) ?? new Map();
    for (const line of response.headers.getSetCookie?.() ?? []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.#cookies.set(host, jar);
  }
  header(url) {
    const jar = this.#cookies.get(new URL(url).host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  clear() { this.#cookies.clear(); }
}

function decodeEntities(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function parseForm(html) {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const attr = (tag, name) => { const m = new RegExp(`${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag); return m ? decodeEntities(m[1]) : undefined; };
  const fields = [];
  for (const input of form[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
    const name = attr(input[2], 'name');
    const type = (attr(input[2], 'type') || '').toLowerCase();
    if (!name || ((type === 'submit' || input[1].toLowerCase() === 'button') && !attr(input[2], 'value'))) continue;
    fields.push([name, attr(input[2], 'value') ?? '']);
  }
  for (const select of form[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attr(select[1], 'name');
    const option = /<option\b[^>]*value="([^"]*)"/i.exec(select[2]);
    if (name) fields.push([name, option ? decodeEntities(option[1]) : '']);
  }
  return { action: attr(form[1], 'action'), method: (attr(form[1], 'method') || 'GET').toUpperCase(), fields };
}

// Follows `url` until a redirect points at `stopAt`; returns {final, status, body}.
export async function play(url, { login = 'alice', stopAt, jar = new CookieJar(), submitForms = true, fetchFinal = true } = {}) {
  let current = url;
  let method = 'GET';
  let body;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (stopAt && current.startsWith(stopAt)) {
      if (!fetchFinal) return { final: current, status: 0, body: '' };
      const response = await fetch(current, { redirect: 'manual' });
      return { final: current, status: response.status, body: await response.text() };
    }
    const headers = { cookie: jar.header(current), accept: 'text/html' };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(current, { method, body, headers, redirect: 'manual' });
    jar.store(current, response);
    method = 'GET';
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get('location'), current).href;
      continue;
    }
    const text = await response.text();
    const form = submitForms && response.status === 200 ? parseForm(text) : undefined;
    if (!form) return { final: current, status: response.status, body: text };
    const fields = new URLSearchParams();
    for (const [name, value] of form.fields) {
      if (['login', 'loginId', 'username'].includes(name)) fields.set(name, login);
      else if (name === 'password') fields.set(name, 'any');
      else fields.append(name, value);
    }
    if (form.fields.every(([name]) => name !== 'loginId') && /name="loginId"/.test(text)) fields.set('loginId', login);
    current = new URL(form.action || current, current).href;
    if (form.method === 'POST') { method = 'POST'; body = fields.toString(); }
    else { const next = new URL(current); next.search = fields.toString(); current = next.href; }
  }
  throw new Error(`more than ${MAX_HOPS} hops from ${url}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, login, stopAt] = process.argv.slice(2);
  play(url, { login, stopAt }).then(
    (result) => { process.stdout.write(JSON.stringify({ final: result.final, status: result.status }) + '\n'); },
    (error) => { console.error(String(error)); process.exit(1); });
}
