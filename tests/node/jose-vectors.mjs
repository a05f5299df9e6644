// Interop vectors from an independent JOSE implementation (panva's jose).
//
//   node jose-vectors.mjs <output-dir>
//
// Writes <output-dir>/vectors.json: a public JWKS, private JWKs (so the C++ side can sign tokens
// that jose-verify-ours.mjs checks back), and one case per token with the outcome the C++ core
// must reach: "valid", or "invalid" with the exact error code (tests/oidc/InteropJoseTest.cpp).
// Every token is produced by jose itself or by node:crypto; nothing here calls into our code.
//
// Case options read by the C++ side (absent = default):
//   allowedAlgorithms  the SignaturePolicy allow-list; [] is the policy's own default (asymmetric
//                      algorithms only); absent: every supported algorithm incl. HS256
//   allowUnsigned      SignaturePolicy::allowUnsigned
//   withHmacSecret     false: no shared secret configured
//   withAccessToken / withCode  false: do not pass the access token / code for at_hash / c_hash
//   atHash / cHash     the left-half hashes jose-side, compared with oidc::jwt::halfHash
//   notesContain       a substring of the signature notes (ignored header parameters)

import { createHash, createPrivateKey, createPublicKey, randomBytes, sign as nodeSign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  SignJWT, UnsecuredJWT, base64url, calculateJwkThumbprint, exportJWK, exportSPKI, generateKeyPair, jwtVerify,
  importJWK, decodeProtectedHeader,
} from 'jose';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node jose-vectors.mjs <output-dir>');
  process.exit(2);
}

const issuer = 'https://issuer.example.com';
const audience = 'client-7Hq2';
const nonce = base64url.encode(randomBytes(32));
const accessToken = base64url.encode(randomBytes(32));
const code = base64url.encode(randomBytes(24));
const now = Math.floor(Date.now() / 1000);

// OIDC Core §3.1.3.6 / §3.3.2.11: left half of the hash named by the JWS alg, base64url.
// EdDSA over Ed25519 uses SHA-512 (as openid-client and oidc-provider do).
function digestFor(alg) {
  if (alg === 'EdDSA') return 'sha512';
  const bits = alg.slice(2);
  return { 256: 'sha256', 384: 'sha384', 512: 'sha512' }[bits];
}
function halfHash(alg, value) {
  const hash = createHash(digestFor(alg)).update(value, 'ascii').digest();
  return hash.subarray(0, hash.length / 2).toString('base64url');
}

function idTokenClaims(alg, overrides = {}) {
  // An unsigned token has no hash algorithm: give it the RS256 values, which a client must not
  // accept as proof of anything (HASH_ALG_UNKNOWN, fail closed).
  const hashAlg = alg === 'none' ? 'RS256' : alg;
  return {
    iss: issuer,
    sub: 'user-42',
    aud: audience,
    nonce,
    auth_time: now - 60,
    at_hash: halfHash(hashAlg, accessToken),
    c_hash: halfHash(hashAlg, code),
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    email_verified: true,
    ...overrides,
  };
}

async function signIdToken(alg, key, kid, { claims = {}, exp = now + 3600, iat = now, header = {} } = {}) {
  const jwt = new SignJWT(idTokenClaims(alg, claims))
    .setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}), ...header })
    .setIssuedAt(iat);
  if (exp !== null) jwt.setExpirationTime(exp); // null: no exp at all
  return jwt.sign(key);
}

// Re-encodes one part of a compact token without re-signing it.
function editPart(token, index, edit) {
  const parts = token.split('.');
  const json = JSON.parse(Buffer.from(parts[index], 'base64url').toString('utf8'));
  edit(json);
  parts[index] = Buffer.from(JSON.stringify(json)).toString('base64url');
  return parts.join('.');
}

const asymmetric = [
  // [alg, kid, publish alg in the JWKS?, generateKeyPair options]
  ['RS256', 'rsa-rs256', true, {}],
  ['RS384', 'rsa-rs384', true, {}],
  ['RS512', 'rsa-rs512', true, {}],
  ['PS256', 'rsa-ps256', false, {}], // no "alg" in the JWK: the key type alone decides
  ['PS384', 'rsa-ps384', true, {}],
  ['PS512', 'rsa-ps512', true, {}],
  ['ES256', 'ec-p256', true, {}],
  ['ES384', 'ec-p384', false, {}],
  ['ES512', 'ec-p521', true, {}],
  ['EdDSA', 'ed25519', true, { crv: 'Ed25519' }],
];

const keys = {};
const publicJwks = [];
const privateJwks = [];
const thumbprints = {};
for (const [alg, kid, publishAlg, options] of asymmetric) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { ...options, extractable: true });
  keys[alg] = { kid, publicKey, privateKey };
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', ...(publishAlg ? { alg } : {}) };
  publicJwks.push(jwk);
  privateJwks.push({ ...(await exportJWK(privateKey)), kid, alg });
  thumbprints[kid] = await calculateJwkThumbprint(jwk, 'sha256');
}
// A key the provider publishes for encryption only: must be skipped, never used (RFC 7517 §4.2).
{
  const { publicKey } = await generateKeyPair('RSA-OAEP', { extractable: true });
  publicJwks.push({ ...(await exportJWK(publicKey)), kid: 'rsa-enc', use: 'enc', alg: 'RSA-OAEP' });
}

// 64 bytes: RFC 7518 §3.2 wants a key at least as long as the hash, and HS512 is signed with it too.
const hmacSecret = randomBytes(64);
const attacker = await generateKeyPair('RS256', { extractable: true });
const attackerJwk = await exportJWK(attacker.publicKey);

const cases = [];
function add(name, token, expect, extra = {}) {
  cases.push({ name, token, expect: expect === 'valid' ? 'valid' : 'invalid', ...(expect === 'valid' ? {} : { code: expect }), ...extra });
}

for (const [alg] of asymmetric) {
  const { kid, privateKey } = keys[alg];
  const token = await signIdToken(alg, privateKey, kid);
  add(`${alg}_valid`, token, 'valid', { alg, atHash: halfHash(alg, accessToken), cHash: halfHash(alg, code) });
  add(`${alg}_tampered_payload`, editPart(token, 1, (c) => { c.sub = 'admin'; }), 'SIGNATURE_INVALID');
  const parts = token.split('.');
  const signature = Buffer.from(parts[2], 'base64url');
  signature[signature.length - 1] ^= 0x01;
  add(`${alg}_tampered_signature`, `${parts[0]}.${parts[1]}.${signature.toString('base64url')}`, 'SIGNATURE_INVALID');
  add(`${alg}_expired`, await signIdToken(alg, privateKey, kid, { exp: now - 3600, iat: now - 7200 }), 'EXPIRED');
}

// HS256 with a shared secret (never from the JWKS).
{
  const token = await signIdToken('HS256', hmacSecret, undefined);
  add('HS256_valid', token, 'valid', { alg: 'HS256', atHash: halfHash('HS256', accessToken), cHash: halfHash('HS256', code) });
  add('HS256_tampered_payload', editPart(token, 1, (c) => { c.aud = 'someone-else'; }), 'SIGNATURE_INVALID');
  add('HS256_wrong_secret', await signIdToken('HS256', randomBytes(32), undefined), 'SIGNATURE_INVALID');
  add('HS256_not_in_allow_list', token, 'ALG_NOT_ALLOWED', { allowedAlgorithms: ['RS256', 'ES256'] });
  add('HS256_no_secret_configured', token, 'HMAC_SECRET_MISSING', { withHmacSecret: false });
}

// Key confusion (CVE-2015-9235 family): HS256 keyed with the RSA public key, kid of the RSA key.
{
  const { kid, publicKey } = keys.RS256;
  const pem = await exportSPKI(publicKey);
  const jwkText = JSON.stringify(publicJwks.find((k) => k.kid === kid));
  const confused = await signIdToken('HS256', new TextEncoder().encode(pem), kid);
  add('key_confusion_HS256_with_RSA_PEM_default_policy', confused, 'ALG_NOT_ALLOWED', { allowedAlgorithms: [] });
  add('key_confusion_HS256_with_RSA_PEM_hs_allowed', confused, 'SIGNATURE_INVALID',
      { allowedAlgorithms: ['RS256', 'HS256'] });
  add('key_confusion_HS256_with_RSA_PEM_no_secret', confused, 'HMAC_SECRET_MISSING',
      { allowedAlgorithms: ['RS256', 'HS256'], withHmacSecret: false });
  add('key_confusion_HS256_with_RSA_JWK_text', await signIdToken('HS256', new TextEncoder().encode(jwkText), kid),
      'SIGNATURE_INVALID', { allowedAlgorithms: ['RS256', 'HS256'] });
}

// Algorithm substitution: the header names a different alg than the key was made for.
{
  const rs = keys.RS256;
  const token = await signIdToken('RS256', rs.privateKey, rs.kid);
  add('alg_swapped_RS256_to_RS384_key_pins_alg', editPart(token, 0, (h) => { h.alg = 'RS384'; }), 'NO_SUITABLE_KEY');
  add('alg_swapped_RS256_to_PS256_key_pins_alg', editPart(token, 0, (h) => { h.alg = 'PS256'; }), 'NO_SUITABLE_KEY');
  add('RS256_token_kid_points_at_EC_key', editPart(token, 0, (h) => { h.kid = keys.ES256.kid; }), 'NO_SUITABLE_KEY');
  add('RS256_token_unknown_kid', editPart(token, 0, (h) => { h.kid = 'rotated-away'; }), 'KID_UNKNOWN');
  add('RS256_token_kid_points_at_enc_key', editPart(token, 0, (h) => { h.kid = 'rsa-enc'; }), 'KID_UNKNOWN');
  add('RS256_not_in_allow_list', token, 'ALG_NOT_ALLOWED', { allowedAlgorithms: ['ES256'] });
  add('alg_unknown_RS1', editPart(token, 0, (h) => { h.alg = 'RS1'; }), 'ALG_UNKNOWN');
  // The PS256 key is published without "alg": the key type fits RS256 too, so only the signature
  // itself can refuse this one.
  const ps = keys.PS256;
  const psToken = await signIdToken('PS256', ps.privateKey, ps.kid);
  add('alg_swapped_PS256_to_RS256_key_without_alg', editPart(psToken, 0, (h) => { h.alg = 'RS256'; }), 'SIGNATURE_INVALID');
  const es = keys.ES256;
  const esToken = await signIdToken('ES256', es.privateKey, es.kid);
  add('alg_swapped_ES256_to_ES384', editPart(esToken, 0, (h) => { h.alg = 'ES384'; }), 'NO_SUITABLE_KEY');
  // ES256 with a DER signature (what OpenSSL emits natively) instead of JOSE's R||S: wrong length.
  const [h, p] = esToken.split('.');
  const der = nodeSign('sha256', Buffer.from(`${h}.${p}`), { key: createPrivateKey({ key: privateJwks.find((k) => k.kid === es.kid), format: 'jwk' }), dsaEncoding: 'der' });
  add('ES256_DER_signature', `${h}.${p}.${der.toString('base64url')}`, 'SIGNATURE_LENGTH');
}

// Keys named by the token itself are never used (RFC 8725 §3.10 / rp-checks J3).
{
  const claims = idTokenClaims('RS256');
  const embedded = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', jwk: attackerJwk })
    .setIssuedAt(now).setExpirationTime(now + 3600).sign(attacker.privateKey);
  add('attacker_key_in_jwk_header_no_kid', embedded, 'SIGNATURE_INVALID');
  const embeddedKid = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'attacker', jwk: { ...attackerJwk, kid: 'attacker' } })
    .setIssuedAt(now).setExpirationTime(now + 3600).sign(attacker.privateKey);
  add('attacker_key_in_jwk_header_with_kid', embeddedKid, 'KID_UNKNOWN');
  const stolenKid = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys.RS256.kid, jku: 'https://attacker.example/jwks', x5u: 'https://attacker.example/cert.pem' })
    .setIssuedAt(now).setExpirationTime(now + 3600).sign(attacker.privateKey);
  add('attacker_jku_x5u_with_real_kid', stolenKid, 'SIGNATURE_INVALID');
  // And a legitimately signed token that merely carries jku is still valid (the header is ignored).
  const legit = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys.RS256.kid, jku: 'https://attacker.example/jwks' })
    .setIssuedAt(now).setExpirationTime(now + 3600).sign(keys.RS256.privateKey);
  add('RS256_with_ignored_jku', legit, 'valid', { alg: 'RS256', notesContain: 'jku' });
}

// Unsigned tokens.
{
  const unsigned = new UnsecuredJWT(idTokenClaims('none')).setIssuedAt(now).setExpirationTime(now + 3600).encode();
  add('alg_none_rejected', unsigned, 'ALG_NONE_REJECTED');
  add('alg_none_allowed_by_option', unsigned, 'valid', { alg: 'none', allowUnsigned: true, withAccessToken: false, withCode: false });
  add('alg_none_allowed_at_hash_fails_closed', unsigned, 'HASH_ALG_UNKNOWN', { allowUnsigned: true });
  const rsToken = await signIdToken('RS256', keys.RS256.privateKey, keys.RS256.kid);
  const [, payload, signature] = rsToken.split('.');
  const noneHeader = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
  add('alg_none_with_signature_kept', `${noneHeader}.${payload}.${signature}`, 'SIGNATURE_PRESENT_FOR_NONE', { allowUnsigned: true });
  add('alg_none_header_swap_default_policy', `${noneHeader}.${payload}.`, 'ALG_NONE_REJECTED', { allowedAlgorithms: [] });
}

// Claim failures on correctly signed tokens (first failing check wins: signature, iss, aud, azp, exp, nbf, iat, sub, nonce, auth_time, at_hash, c_hash).
{
  const { kid, privateKey } = keys.ES256;
  const claimCase = async (name, expect, options) => add(name, await signIdToken('ES256', privateKey, kid, options), expect);
  await claimCase('claims_wrong_issuer', 'ISS_MISMATCH', { claims: { iss: 'https://evil.example.com' } });
  await claimCase('claims_issuer_trailing_slash', 'ISS_MISMATCH', { claims: { iss: `${issuer}/` } });
  await claimCase('claims_missing_issuer', 'ISS_MISSING', { claims: { iss: undefined } });
  await claimCase('claims_wrong_audience', 'AUD_MISMATCH', { claims: { aud: 'other-client' } });
  await claimCase('claims_audience_array_one', 'valid', { claims: { aud: [audience] } });
  await claimCase('claims_audience_array_two_no_azp', 'AZP_MISSING', { claims: { aud: [audience, 'api://other'] } });
  await claimCase('claims_audience_array_two_with_azp', 'valid', { claims: { aud: [audience, 'api://other'], azp: audience } });
  await claimCase('claims_azp_mismatch', 'AZP_MISMATCH', { claims: { azp: 'other-client' } });
  await claimCase('claims_nbf_future', 'NOT_YET_VALID', { claims: { nbf: now + 600 } });
  await claimCase('claims_iat_future', 'IAT_FUTURE', { iat: now + 600 });
  await claimCase('claims_missing_sub', 'SUB_MISSING', { claims: { sub: undefined } });
  await claimCase('claims_wrong_nonce', 'NONCE_MISMATCH', { claims: { nonce: 'replayed' } });
  await claimCase('claims_missing_nonce', 'NONCE_MISSING', { claims: { nonce: undefined } });
  await claimCase('claims_wrong_at_hash', 'AT_HASH_MISMATCH', { claims: { at_hash: halfHash('ES256', 'another-access-token') } });
  await claimCase('claims_at_hash_with_wrong_digest', 'AT_HASH_MISMATCH', { claims: { at_hash: halfHash('ES512', accessToken) } });
  await claimCase('claims_wrong_c_hash', 'C_HASH_MISMATCH', { claims: { c_hash: halfHash('ES256', 'another-code') } });
  await claimCase('claims_expired_within_leeway', 'valid', { exp: now - 10, iat: now - 600 });
  await claimCase('claims_expired_past_leeway', 'EXPIRED', { exp: now - 31, iat: now - 600 });
  await claimCase('claims_exp_as_string', 'JWT_CLAIM_TYPE', { claims: { exp: String(now + 3600) }, exp: null });
  await claimCase('claims_no_exp', 'EXP_MISSING', { exp: null });
}

// Self-check: jose verifies its own valid tokens with the published JWKS, so a case marked
// "valid" is valid for an independent implementation too.
for (const c of cases.filter((c) => c.expect === 'valid' && c.alg && c.alg !== 'none' && c.alg !== 'HS256')) {
  const { kid } = decodeProtectedHeader(c.token);
  const jwk = publicJwks.find((k) => k.kid === kid);
  await jwtVerify(c.token, await importJWK({ ...jwk, alg: jwk.alg ?? c.alg }, c.alg), { issuer, audience, currentDate: new Date(now * 1000) });
}

const vectors = {
  generator: 'jose',
  now,
  issuer,
  audience,
  nonce,
  accessToken,
  code,
  hmacSecret: hmacSecret.toString('base64url'),
  jwks: { keys: publicJwks },
  privateJwks,
  thumbprints,
  cases,
};

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'vectors.json'), `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${cases.length} cases and ${publicJwks.length} keys to ${join(outDir, 'vectors.json')}`);
