// The other direction of the jose interop: tokens signed by our core are verified by panva's jose.
//
//   node jose-verify-ours.mjs <dir>
//
// Reads <dir>/ours.json, written by interop_jose_tests (tests/oidc/InteropJoseTest.cpp) with
// oidc::crypto::signWithKey / signHmac and the private JWKs from <dir>/vectors.json, and verifies
// each token with jose against the public JWKS, the issuer and the audience. It also checks the
// public JWKs our core exports (publicJwk) and their RFC 7638 thumbprints. Exits 1 on any mismatch.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { base64url, calculateJwkThumbprint, createLocalJWKSet, jwtVerify } from 'jose';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node jose-verify-ours.mjs <dir>');
  process.exit(2);
}

const vectors = JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8'));
const ours = JSON.parse(readFileSync(join(dir, 'ours.json'), 'utf8'));
const jwks = createLocalJWKSet(vectors.jwks);
const hmacSecret = base64url.decode(vectors.hmacSecret);

let failures = 0;
let checked = 0;
const fail = (name, why) => {
  failures += 1;
  console.error(`FAIL ${name}: ${why}`);
};

if (!Array.isArray(ours.tokens) || ours.tokens.length === 0) fail('ours.json', 'no tokens');
for (const entry of ours.tokens ?? []) {
  checked += 1;
  try {
    const key = entry.alg.startsWith('HS') ? hmacSecret : jwks;
    const { payload, protectedHeader } = await jwtVerify(entry.token, key, {
      issuer: vectors.issuer,
      audience: vectors.audience,
      algorithms: [entry.alg],
      currentDate: new Date(vectors.now * 1000),
    });
    if (protectedHeader.alg !== entry.alg) fail(entry.name, `alg ${protectedHeader.alg}`);
    if (payload.nonce !== vectors.nonce) fail(entry.name, 'nonce differs');
  } catch (error) {
    fail(entry.name, `${error.code ?? ''} ${error.message}`);
  }
  // A tampered copy must fail in jose too (proves the check above can fail).
  if (entry.tampered) {
    checked += 1;
    try {
      const key = entry.alg.startsWith('HS') ? hmacSecret : jwks;
      await jwtVerify(entry.tampered, key, { algorithms: [entry.alg], currentDate: new Date(vectors.now * 1000) });
      fail(`${entry.name} (tampered)`, 'jose accepted a tampered token');
    } catch (error) {
      if (error.code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') fail(`${entry.name} (tampered)`, `unexpected ${error.code}`);
    }
  }
}

for (const key of ours.publicJwks ?? []) {
  checked += 1;
  const published = vectors.jwks.keys.find((k) => k.kid === key.kid);
  if (!published) {
    fail(`publicJwk ${key.kid}`, 'no such kid in the jose JWKS');
    continue;
  }
  for (const member of ['kty', 'crv', 'n', 'e', 'x', 'y']) {
    if (published[member] !== key.jwk[member]) fail(`publicJwk ${key.kid}`, `member ${member} differs`);
  }
  const thumbprint = await calculateJwkThumbprint(published, 'sha256');
  if (thumbprint !== key.thumbprint) fail(`thumbprint ${key.kid}`, `jose ${thumbprint}, ours ${key.thumbprint}`);
}

console.log(`${checked} checks, ${failures} failures`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
