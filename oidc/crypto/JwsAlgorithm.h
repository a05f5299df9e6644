#pragma once

// JWS algorithms (RFC 7518 §3, RFC 8037 §3.1) and the raw sign/verify primitives behind them.

#include "oidc/Result.h"
#include "oidc/crypto/Digest.h"

#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::crypto {

enum class JwsAlgorithm {
    HS256, HS384, HS512,
    RS256, RS384, RS512,
    PS256, PS384, PS512,
    ES256, ES384, ES512,
    EdDSA,
    None,
};

enum class AlgorithmFamily { Hmac, RsaPkcs1, RsaPss, Ecdsa, EdDsa, None };

[[nodiscard]] std::optional<JwsAlgorithm> parseJwsAlgorithm(std::string_view name);
[[nodiscard]] std::string_view jwsAlgorithmName(JwsAlgorithm algorithm);
[[nodiscard]] AlgorithmFamily algorithmFamily(JwsAlgorithm algorithm);
// The digest behind the algorithm; EdDSA (Ed25519) maps to SHA-512, which is what OIDC's
// at_hash/c_hash use for it. None has no digest.
[[nodiscard]] std::optional<DigestAlgorithm> algorithmDigest(JwsAlgorithm algorithm);
// Every algorithm we can verify with a public key or a shared secret, in display order.
[[nodiscard]] const std::vector<JwsAlgorithm> &supportedAlgorithms();

// Verifies `signature` over `signingInput` with a public key. ECDSA signatures are in JOSE's
// raw R||S form (RFC 7518 §3.4); their length must match the curve. Errors: SIGNATURE_INVALID,
// SIGNATURE_LENGTH, KEY_ALG_MISMATCH.
// Each thread keeps the verification contexts of its last few keys and algorithms, set up once
// and copied per call (setting one up is about a fifth of an RS256 verification); a cached entry
// holds a reference to its key.
[[nodiscard]] Status verifySignature(JwsAlgorithm algorithm, EVP_PKEY *publicKey, std::string_view signingInput,
                                     std::string_view signature);
// Frees the calling thread's cached verification contexts and their key references (a worker
// thread calls it when it finishes, with its other OpenSSL state: ThreadState.h).
void releaseVerifyContextsOfThisThread();

// RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for "HS256")
// or larger MUST be used with this algorithm." A shorter key is refused (KEY_HMAC_TOO_SHORT, with
// the minimum and the key's length) unless the caller names the leniency.
enum class HmacKeyRule { HashLengthOrLonger, AllowShorter };
// The shortest key the rule allows for an HMAC algorithm: its hash output in bytes (32, 48, 64).
[[nodiscard]] size_t hmacMinimumKeyBytes(JwsAlgorithm algorithm);

// HMAC (RFC 7518 §3.2) with a caller-supplied secret; constant-time comparison. Errors:
// KEY_ALG_MISMATCH, KEY_HMAC_TOO_SHORT, SIGNATURE_INVALID.
[[nodiscard]] Status verifyHmac(JwsAlgorithm algorithm, std::string_view secret, std::string_view signingInput,
                                std::string_view signature, HmacKeyRule keyRule = HmacKeyRule::HashLengthOrLonger);

// Signing, used by the sandbox provider, the tests and the benchmarks.
[[nodiscard]] Result<std::string> signWithKey(JwsAlgorithm algorithm, EVP_PKEY *privateKey, std::string_view signingInput);
[[nodiscard]] Result<std::string> signHmac(JwsAlgorithm algorithm, std::string_view secret, std::string_view signingInput,
                                           HmacKeyRule keyRule = HmacKeyRule::HashLengthOrLonger);

} // namespace oidc::crypto
