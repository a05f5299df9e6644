// An independent WebAuthn authenticator + client + verifier, for interop with sandbox/auth (the
// relying party) and oidc/webauthn (the software authenticator).
// It uses only Node's built-in crypto and a CBOR codec written below (RFC 8949, the subset
// WebAuthn needs), so nothing here shares code or assumptions with the C++ engine.
//
//   node webauthn-independent.mjs register <dir>
//       reads <dir>/config.json and <dir>/registration-options.json (Descope's options string:
//       {"publicKey": PublicKeyCredentialCreationOptions}); writes <dir>/registrations.json
//       (responses plus tampered variants, each with the error code the verifier must give) and
//       <dir>/node-authenticator.json (its private keys and counters)
//   node webauthn-independent.mjs assert <dir>
//       reads <dir>/authentication-options.json and node-authenticator.json; writes
//       <dir>/assertions.json the same way
//   node webauthn-independent.mjs verify <dir>
//       verifies <dir>/software.json: ceremonies of the C++ software authenticator
//       (oidc/webauthn), checked here per WebAuthn Level 3 §7.1/§7.2: the registration, three
//       assertions with a counter rising by one (the last after the authenticator went through its
//       file), the UV flag, the C++ decoded view of each ceremony byte for byte, and the
//       authenticator file (mode 0600, holding the registered key); exit status 1 on the first failure

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// ---- CBOR ---------------------------------------------------------------------------------

function head(major, n) {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(n, 1); return b; }
  if (n < 0x100000000) { const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(n, 1); return b; }
  const b = Buffer.alloc(9); b[0] = (major << 5) | 27; b.writeBigUInt64BE(BigInt(n), 1); return b;
}

// Maps are JS Maps so that integer keys and the (canonical) key order are kept as given.
function cborEncode(value) {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers');
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'boolean') return Buffer.from([value ? 0xf5 : 0xf4]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') { const b = Buffer.from(value, 'utf8'); return Buffer.concat([head(3, b.length), b]); }
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cborEncode)]);
  if (value instanceof Map) {
    const parts = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cborEncode(k), cborEncode(v));
    return Buffer.concat(parts);
  }
  throw new Error(`cannot encode ${typeof value}`);
}

// Returns [value, nextOffset]. Definite lengths only, as CTAP2 canonical CBOR requires.
function cborDecode(buf, at = 0) {
  if (at >= buf.length) throw new Error('CBOR truncated');
  const first = buf[at];
  const major = first >> 5;
  const info = first & 31;
  let pos = at + 1;
  let n;
  if (info < 24) n = info;
  else if (info === 24) { n = buf.readUInt8(pos); pos += 1; }
  else if (info === 25) { n = buf.readUInt16BE(pos); pos += 2; }
  else if (info === 26) { n = buf.readUInt32BE(pos); pos += 4; }
  else if (info === 27) { n = Number(buf.readBigUInt64BE(pos)); pos += 8; }
  else throw new Error(`unsupported CBOR additional info ${info}`);
  switch (major) {
    case 0: return [n, pos];
    case 1: return [-1 - n, pos];
    case 2: if (pos + n > buf.length) throw new Error('CBOR bytes truncated'); return [buf.subarray(pos, pos + n), pos + n];
    case 3: if (pos + n > buf.length) throw new Error('CBOR text truncated'); return [buf.subarray(pos, pos + n).toString('utf8'), pos + n];
    case 4: { const out = []; for (let i = 0; i < n; i++) { const [v, p] = cborDecode(buf, pos); out.push(v); pos = p; } return [out, pos]; }
    case 5: {
      const out = new Map();
      for (let i = 0; i < n; i++) {
        const [k, p1] = cborDecode(buf, pos); const [v, p2] = cborDecode(buf, p1);
        if (out.has(k)) throw new Error(`duplicate CBOR key ${k}`);
        out.set(k, v); pos = p2;
      }
      return [out, pos];
    }
    case 7:
      if (info === 20) return [false, pos];
      if (info === 21) return [true, pos];
      if (info === 22) return [null, pos];
      throw new Error('unsupported CBOR simple value');
    default: throw new Error(`unsupported CBOR major type ${major}`);
  }
}

// ---- helpers -------------------------------------------------------------------------------

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const unb64u = (text) => Buffer.from(text, 'base64url');
const sha256 = (data) => crypto.createHash('sha256').update(data).digest();
const readJson = (dir, name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
const writeJson = (dir, name, value) => fs.writeFileSync(path.join(dir, name), JSON.stringify(value, null, 2));
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };

const UP = 0x01, UV = 0x04, BE = 0x08, BS = 0x10, AT = 0x40;
const AAGUID = Buffer.from('node-independent', 'ascii'); // 16 bytes

function publicKeyOf(optionsText) {
  const options = JSON.parse(optionsText);
  return options.publicKey ?? options;
}

function generate(alg) {
  if (alg === -7) return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  if (alg === -257) return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (alg === -8) return crypto.generateKeyPairSync('ed25519');
  throw new Error(`unsupported alg ${alg}`);
}

// RFC 9052/9053 COSE_Key from a JWK, canonical key order 1, 3, -1, -2, -3.
function coseKey(publicKey, alg) {
  const jwk = publicKey.export({ format: 'jwk' });
  if (alg === -7) return cborEncode(new Map([[1, 2], [3, -7], [-1, 1], [-2, unb64u(jwk.x)], [-3, unb64u(jwk.y)]]));
  if (alg === -257) return cborEncode(new Map([[1, 3], [3, -257], [-1, unb64u(jwk.n)], [-2, unb64u(jwk.e)]]));
  return cborEncode(new Map([[1, 1], [3, -8], [-1, 6], [-2, unb64u(jwk.x)]]));
}

// WebAuthn signature formats (§6.5.6): ES256 DER (Node's default), RS256 PKCS#1 v1.5, Ed25519.
function sign(alg, privateKey, data) {
  return crypto.sign(alg === -8 ? null : 'sha256', data, privateKey);
}

function verify(alg, publicKey, data, signature) {
  return crypto.verify(alg === -8 ? null : 'sha256', data, alg === -7 ? { key: publicKey, dsaEncoding: 'der' } : publicKey, signature);
}

function clientData(type, challenge, origin) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

function flip(buf) {
  const out = Buffer.from(buf);
  out[out.length - 1] ^= 0x01;
  return out;
}

// ---- register --------------------------------------------------------------------------------

function makeRegistration(pk, credential, origin, fault = {}) {
  const rpId = pk.rp.id;
  const cdj = clientData(fault.type ?? 'webauthn.create', fault.challenge ?? pk.challenge, fault.origin ?? origin);
  const idLength = Buffer.alloc(2); idLength.writeUInt16BE(credential.id.length);
  const flags = ((UP | UV | AT) & ~(fault.clearFlags ?? 0)) | (fault.setFlags ?? 0);
  const authData = Buffer.concat([sha256(fault.rpId ?? rpId), Buffer.from([flags]), u32(0), AAGUID, idLength, credential.id,
                                  coseKey(credential.keys.publicKey, credential.alg)]);
  let attStmt = new Map();
  if (credential.fmt === 'packed') {
    let sig = sign(credential.alg, credential.keys.privateKey, Buffer.concat([authData, sha256(cdj)]));
    if (fault.corruptSignature) sig = flip(sig);
    attStmt = new Map([['alg', fault.attestationAlg ?? credential.alg], ['sig', sig]]);
  }
  const attestationObject = cborEncode(new Map([['fmt', fault.fmt ?? credential.fmt], ['attStmt', attStmt], ['authData', authData]]));
  const id = b64u(fault.id ?? credential.id);
  return JSON.stringify({
    id, rawId: id, type: 'public-key',
    response: { clientDataJSON: b64u(cdj), attestationObject: b64u(attestationObject), transports: ['internal'] },
    clientExtensionResults: {},
  });
}

function register(dir) {
  const config = readJson(dir, 'config.json');
  const pk = publicKeyOf(fs.readFileSync(path.join(dir, 'registration-options.json'), 'utf8'));
  const offered = pk.pubKeyCredParams.map((p) => p.alg);
  const kinds = [
    { label: 'es256-packed', alg: -7, fmt: 'packed' },
    { label: 'es256-none', alg: -7, fmt: 'none' },
    { label: 'rs256-packed', alg: -257, fmt: 'packed' },
    { label: 'eddsa-none', alg: -8, fmt: 'none' },
  ];
  const entries = [];
  const state = [];
  for (const kind of kinds) {
    if (!offered.includes(kind.alg)) throw new Error(`the options do not offer alg ${kind.alg}`);
    const credential = { ...kind, id: crypto.randomBytes(32), keys: generate(kind.alg) };
    const otherOrigin = config.origin.replace('localhost', 'evil.localhost');
    const tampered = [
      ['origin of another site', { origin: otherOrigin }, 'WEBAUTHN_ORIGIN'],
      ['another challenge', { challenge: b64u(crypto.randomBytes(32)) }, 'WEBAUTHN_CHALLENGE'],
      ['type webauthn.get', { type: 'webauthn.get' }, 'WEBAUTHN_TYPE'],
      ['rpIdHash of another RP', { rpId: 'evil.example' }, 'WEBAUTHN_RPID_HASH'],
      ['UP flag clear', { clearFlags: UP }, 'WEBAUTHN_FLAGS_UP'],
      ['fmt fido-u2f', { fmt: 'fido-u2f' }, 'WEBAUTHN_ATTESTATION_FORMAT'],
      ['id differs from authData', { id: crypto.randomBytes(32) }, 'WEBAUTHN_CREDENTIAL_ID'],
    ];
    if (kind.fmt === 'packed') {
      tampered.push(['attestation signature flipped', { corruptSignature: true }, 'WEBAUTHN_ATTESTATION_SIGNATURE']);
      tampered.push(['attStmt alg of another key type', { attestationAlg: kind.alg === -7 ? -257 : -7 }, 'WEBAUTHN_ATTESTATION_ALG']);
    }
    entries.push({
      label: kind.label, alg: kind.alg, fmt: kind.fmt, aaguid: b64u(AAGUID), credentialId: b64u(credential.id),
      response: makeRegistration(pk, credential, config.origin),
      tampered: tampered.map(([what, fault, code]) => ({ what, code, response: makeRegistration(pk, credential, config.origin, fault) })),
    });
    state.push({
      label: kind.label, alg: kind.alg, credentialId: b64u(credential.id), userHandle: pk.user.id,
      privateKey: credential.keys.privateKey.export({ format: 'jwk' }), counter: 0,
    });
  }
  writeJson(dir, 'registrations.json', { entries });
  writeJson(dir, 'node-authenticator.json', state);
  console.log(`node: ${entries.length} registrations, ${entries.reduce((n, e) => n + e.tampered.length, 0)} tampered variants`);
}

// ---- assert ----------------------------------------------------------------------------------

function makeAssertion(pk, credential, origin, counter, fault = {}) {
  const cdj = clientData(fault.type ?? 'webauthn.get', fault.challenge ?? pk.challenge, fault.origin ?? origin);
  const flags = ((UP | UV) & ~(fault.clearFlags ?? 0)) | (fault.setFlags ?? 0);
  const authData = Buffer.concat([sha256(fault.rpId ?? pk.rpId), Buffer.from([flags]), u32(counter)]);
  let signature = sign(credential.alg, credential.key, Buffer.concat([authData, sha256(cdj)]));
  if (fault.corruptSignature) signature = flip(signature);
  const id = b64u(credential.id);
  return JSON.stringify({
    id, rawId: id, type: 'public-key',
    response: { clientDataJSON: b64u(cdj), authenticatorData: b64u(authData), signature: b64u(signature),
                userHandle: fault.userHandle ?? credential.userHandle },
    clientExtensionResults: {},
  });
}

function assert(dir) {
  const config = readJson(dir, 'config.json');
  const pk = publicKeyOf(fs.readFileSync(path.join(dir, 'authentication-options.json'), 'utf8'));
  const allowed = new Set(pk.allowCredentials.map((c) => c.id));
  const state = readJson(dir, 'node-authenticator.json');
  const entries = [];
  for (const saved of state) {
    if (!allowed.has(saved.credentialId)) throw new Error(`${saved.label} is not in allowCredentials`);
    const credential = {
      alg: saved.alg, id: unb64u(saved.credentialId), userHandle: saved.userHandle,
      key: crypto.createPrivateKey({ key: saved.privateKey, format: 'jwk' }),
    };
    const responses = [];
    for (let i = 0; i < 2; i++) {
      saved.counter += 1;
      responses.push({ signCount: saved.counter, response: makeAssertion(pk, credential, config.origin, saved.counter) });
    }
    const next = saved.counter + 1; // what a tampered response claims, so only its defect stops it
    const tampered = [
      ['signature flipped', next, { corruptSignature: true }, 'WEBAUTHN_SIGNATURE'],
      ['type webauthn.create', next, { type: 'webauthn.create' }, 'WEBAUTHN_TYPE'],
      ['another challenge', next, { challenge: b64u(crypto.randomBytes(32)) }, 'WEBAUTHN_CHALLENGE'],
      ['origin of another site', next, { origin: config.origin.replace('localhost', 'evil.localhost') }, 'WEBAUTHN_ORIGIN'],
      ['rpIdHash of another RP', next, { rpId: 'evil.example' }, 'WEBAUTHN_RPID_HASH'],
      ['UP flag clear', next, { clearFlags: UP }, 'WEBAUTHN_FLAGS_UP'],
      ['BS without BE', next, { setFlags: BS }, 'WEBAUTHN_FLAGS_BACKUP'],
      ['userHandle of another user', next, { userHandle: b64u(Buffer.from('someone-else')) }, 'WEBAUTHN_USER_HANDLE'],
      ['counter not increased', saved.counter, {}, 'WEBAUTHN_COUNTER'],
    ];
    entries.push({
      label: saved.label, credentialId: saved.credentialId, responses,
      tampered: tampered.map(([what, counter, fault, code]) => ({ what, code, response: makeAssertion(pk, credential, config.origin, counter, fault) })),
    });
  }
  writeJson(dir, 'assertions.json', { entries });
  writeJson(dir, 'node-authenticator.json', state);
  console.log(`node: ${entries.length} credentials asserted, ${entries.reduce((n, e) => n + e.tampered.length, 0)} tampered variants`);
}

// ---- verify (the C++ software authenticator's output) -------------------------------------------

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function parseAuthData(authData) {
  check(authData.length >= 37, 'authenticator data shorter than 37 bytes');
  const out = { rpIdHash: authData.subarray(0, 32), flags: authData[32], counter: authData.readUInt32BE(33) };
  let pos = 37;
  if (out.flags & AT) {
    out.aaguid = authData.subarray(pos, pos + 16); pos += 16;
    const length = authData.readUInt16BE(pos); pos += 2;
    out.credentialId = authData.subarray(pos, pos + length); pos += length;
    const [key, next] = cborDecode(authData, pos);
    out.coseKey = key; pos = next;
  }
  check(pos === authData.length, 'trailing bytes in the authenticator data');
  return out;
}

function coseToKeyObject(cose) {
  const kty = cose.get(1);
  const alg = cose.get(3);
  if (kty === 2 && alg === -7 && cose.get(-1) === 1)
    return { alg, key: crypto.createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: 'P-256', x: b64u(cose.get(-2)), y: b64u(cose.get(-3)) } }) };
  if (kty === 3 && alg === -257)
    return { alg, key: crypto.createPublicKey({ format: 'jwk', key: { kty: 'RSA', n: b64u(cose.get(-1)), e: b64u(cose.get(-2)) } }) };
  if (kty === 1 && alg === -8 && cose.get(-1) === 6)
    return { alg, key: crypto.createPublicKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed25519', x: b64u(cose.get(-2)) } }) };
  throw new Error(`unsupported COSE key kty ${kty} alg ${alg}`);
}

function verifyClientData(cdjBytes, type, challenge, origin) {
  const cdj = JSON.parse(cdjBytes.toString('utf8'));
  check(cdj.type === type, `clientDataJSON type ${cdj.type}`);
  check(cdj.challenge === challenge, 'clientDataJSON challenge differs');
  check(cdj.origin === origin, `clientDataJSON origin ${cdj.origin}`);
  check(cdj.crossOrigin !== true, 'crossOrigin');
}

// The C++ decoded ceremony view (oidc/webauthn/CeremonyView.h, toJson) against this script's own
// decoding of the same bytes: every byte string's hex and base64url, every flag, every COSE member.
function checkBytes(view, bytes, what) {
  check(view && view.hex === Buffer.from(bytes).toString('hex') && view.base64url === b64u(bytes) && view.length === bytes.length,
        `view: ${what} differs from the bytes`);
}

function checkFlagsView(view, flags) {
  const bits = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 };
  check(view.value === flags && view.hex === flags.toString(16).padStart(2, '0'), 'view: flags byte');
  for (const [name, bit] of Object.entries(bits)) check(view[name] === Boolean(flags & bit), `view: flag ${name}`);
}

function checkAuthDataView(view, bytes, parsed) {
  checkBytes(view.bytes, bytes, 'authenticatorData');
  checkBytes(view.rpIdHash, parsed.rpIdHash, 'rpIdHash');
  checkFlagsView(view.flags, parsed.flags);
  check(view.signCount === parsed.counter, 'view: signCount');
  if (!(parsed.flags & AT)) {
    check(view.credentialPublicKey === undefined && view.aaguid === undefined, 'view: attested data without AT');
    return;
  }
  checkBytes(view.aaguid, parsed.aaguid, 'aaguid');
  checkBytes(view.credentialId, parsed.credentialId, 'credentialId');
  const key = view.credentialPublicKey;
  const names = { 1: 'kty', 3: 'alg' };
  const members = [...parsed.coseKey.entries()];
  check(key.members.length === members.length, 'view: COSE member count');
  members.forEach(([label, value], i) => {
    const member = key.members[i];
    check(member.label === label, `view: COSE member ${i} label`);
    if (names[label]) check(member.name === names[label], `view: COSE label ${label} name`);
    if (Buffer.isBuffer(value)) checkBytes(member.bytes, value, `COSE member ${label}`);
    else check(member.value === value, `view: COSE member ${label} value`);
  });
  const { alg, key: publicKey } = coseToKeyObject(parsed.coseKey);
  check(key.algorithm === { [-7]: 'ES256', [-8]: 'EdDSA', [-257]: 'RS256' }[alg], 'view: key algorithm');
  const jwk = publicKey.export({ format: 'jwk' });
  for (const member of ['kty', 'crv', 'x', 'y', 'n', 'e']) check(key.jwk[member] === jwk[member], `view: jwk ${member}`);
}

function checkClientDataView(view, bytes, challenge) {
  check(view.text === bytes.toString('utf8'), 'view: clientDataJSON text');
  checkBytes(view.bytes, bytes, 'clientDataJSON');
  checkBytes(view.hash, sha256(bytes), 'clientDataJSON hash');
  const parsed = JSON.parse(bytes.toString('utf8'));
  check(view.type === parsed.type && view.origin === parsed.origin && view.crossOrigin === (parsed.crossOrigin === true), 'view: client data members');
  checkBytes(view.challenge, unb64u(challenge), 'challenge');
}

// The authenticator file the C++ side saved after its last assertion: mode 0600, the counter of
// that assertion, and the private key it holds is the registered credential's.
function checkAuthenticatorFile(file, credentialId, publicKey, counter) {
  const mode = fs.statSync(file).mode & 0o777;
  check(mode === 0o600, `authenticator file mode ${mode.toString(8)}`);
  const document = JSON.parse(fs.readFileSync(file, 'utf8'));
  check(document.format === 'oidcplay-software-authenticator', 'authenticator file format');
  const saved = document.credentials.find((c) => c.id === credentialId);
  check(saved, 'the credential is not in the authenticator file');
  check(saved.signCount === counter, `authenticator file counter ${saved.signCount}, expected ${counter}`);
  const privateKey = crypto.createPrivateKey({ format: 'jwk', key: saved.privateJwk });
  const fromFile = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  check(fromFile.equals(publicKey.export({ format: 'der', type: 'spki' })), 'the file holds another key than the registered one');
}

function verifyEntry(entry) {
  // Registration (§7.1).
  const createOptions = publicKeyOf(entry.registration.options);
  const registration = JSON.parse(entry.registration.response);
  check(registration.type === 'public-key' && registration.id === registration.rawId, 'credential id/rawId/type');
  const cdj = unb64u(registration.response.clientDataJSON);
  verifyClientData(cdj, 'webauthn.create', createOptions.challenge, entry.origin);
  const attestationBytes = unb64u(registration.response.attestationObject);
  const [attestation, end] = cborDecode(attestationBytes);
  check(end === attestationBytes.length, 'trailing bytes after the attestation object');
  const authDataBytes = attestation.get('authData');
  const authData = parseAuthData(authDataBytes);
  check(authData.rpIdHash.equals(sha256(entry.rpId)), 'rpIdHash');
  check(authData.flags & UP, 'UP flag');
  check(Boolean(authData.flags & UV) === entry.userVerifying, 'UV flag does not match the authenticator');
  check(authData.flags & AT, 'AT flag');
  check(authData.counter === 0, 'registration counter');
  check(b64u(authData.credentialId) === registration.id, 'credential id in authData');
  const { alg, key } = coseToKeyObject(authData.coseKey);
  check(createOptions.pubKeyCredParams.some((p) => p.alg === alg), 'alg not offered');
  const fmt = attestation.get('fmt');
  const attStmt = attestation.get('attStmt');
  const signed = Buffer.concat([authDataBytes, sha256(cdj)]);
  if (fmt === 'none') {
    check(attStmt.size === 0, 'none with a statement');
  } else if (fmt === 'packed') {
    const x5c = attStmt.get('x5c');
    if (x5c) {
      const certificate = new crypto.X509Certificate(x5c[0]);
      check(/OU=Authenticator Attestation/.test(certificate.subject), `attestation certificate subject ${certificate.subject}`);
      check(!certificate.ca, 'attestation certificate is a CA');
      check(verify(attStmt.get('alg'), certificate.publicKey, signed, attStmt.get('sig')), 'x5c attestation signature');
    } else {
      check(attStmt.get('alg') === alg, 'self attestation alg');
      check(verify(alg, key, signed, attStmt.get('sig')), 'self attestation signature');
    }
  } else {
    throw new Error(`fmt ${fmt}`);
  }
  check(fmt === entry.fmt, `fmt ${fmt}, expected ${entry.fmt}`);

  // The decoded view of the registration, byte for byte.
  const view = entry.registration.view;
  check(view.kind === 'registration', 'view: kind');
  checkBytes(view.credentialId, unb64u(registration.id), 'credential id');
  checkClientDataView(view.clientData, cdj, createOptions.challenge);
  checkAuthDataView(view.authenticatorData, authDataBytes, authData);
  checkBytes(view.attestation.object, attestationBytes, 'attestation object');
  check(view.attestation.fmt === fmt, 'view: fmt');
  if (fmt === 'packed') {
    check(view.attestation.alg === attStmt.get('alg'), 'view: attStmt alg');
    checkBytes(view.attestation.signature, attStmt.get('sig'), 'attStmt sig');
    check(view.attestation.kind === (attStmt.get('x5c') ? 'x5c' : 'self'), 'view: attestation kind');
  } else {
    check(view.attestation.signature === null && view.attestation.kind === 'none', 'view: none attestation');
  }

  // Authentication (§7.2): every assertion, the counter rising from 1 (the last one made by the
  // authenticator after it went through its file).
  check(entry.authentications.length >= 3, 'too few assertions');
  let counter = 0;
  for (const [i, authentication] of entry.authentications.entries()) {
    const getOptions = publicKeyOf(authentication.options);
    const assertion = JSON.parse(authentication.response);
    check(assertion.id === registration.id, 'assertion for another credential');
    const acdj = unb64u(assertion.response.clientDataJSON);
    verifyClientData(acdj, 'webauthn.get', getOptions.challenge, entry.origin);
    const aData = unb64u(assertion.response.authenticatorData);
    const parsed = parseAuthData(aData);
    check(parsed.rpIdHash.equals(sha256(getOptions.rpId)), 'assertion rpIdHash');
    check(parsed.flags & UP, 'assertion UP flag');
    check(Boolean(parsed.flags & UV) === entry.userVerifying, 'assertion UV flag does not match the authenticator');
    check(parsed.counter === counter + 1, `assertion ${i}: counter ${parsed.counter} after ${counter}`);
    counter = parsed.counter;
    check(assertion.response.userHandle === createOptions.user.id, 'userHandle');
    const signature = unb64u(assertion.response.signature);
    check(verify(alg, key, Buffer.concat([aData, sha256(acdj)]), signature), 'assertion signature');
    // And a flipped signature must not verify here either.
    check(!verify(alg, key, Buffer.concat([aData, sha256(acdj)]), flip(signature)), 'flipped signature verified');

    const aview = authentication.view;
    check(aview.kind === 'assertion' && aview.attestation === undefined, 'view: assertion kind');
    checkClientDataView(aview.clientData, acdj, getOptions.challenge);
    checkAuthDataView(aview.authenticatorData, aData, parsed);
    checkBytes(aview.signature, signature, 'signature');
    checkBytes(aview.userHandle, unb64u(assertion.response.userHandle), 'userHandle');
  }
  checkAuthenticatorFile(entry.authenticatorFile, registration.id, key, counter);
}

function verifySoftware(dir) {
  const { entries } = readJson(dir, 'software.json');
  check(entries.length >= 10, 'too few ceremonies');
  for (const required of ['ES256-none', 'ES256-packed-self', 'EdDSA-none', 'EdDSA-packed-self'])
    check(entries.some((e) => e.label === required), `no ${required} ceremony`);
  check(entries.some((e) => !e.userVerifying), 'no ceremony without user verification');
  for (const entry of entries) {
    try {
      verifyEntry(entry);
    } catch (error) {
      throw new Error(`${entry.label}: ${error.message}`);
    }
    console.log(`node verified ${entry.label}: registration, ${entry.authentications.length} assertions, decoded views, authenticator file`);
  }
}

// ---- main ------------------------------------------------------------------------------------

const [command, dir] = process.argv.slice(2);
try {
  if (!dir) throw new Error('usage: webauthn-independent.mjs register|assert|verify <dir>');
  if (command === 'register') register(dir);
  else if (command === 'assert') assert(dir);
  else if (command === 'verify') verifySoftware(dir);
  else throw new Error(`unknown command ${command}`);
} catch (error) {
  console.error(`webauthn-independent: ${error.message}`);
  process.exit(1);
}
