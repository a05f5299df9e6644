#pragma once

// Signature verification of a decoded JWS against a key set (RFC 7515 §5.2, RFC 8725 §3.1).
// The algorithm is checked against an allow-list from configuration or provider metadata; the
// token header never chooses it. Keys named in the header (jwk, jku, x5u, x5c) are never used.

#include "oidc/Result.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/Jwt.h"

#include <string>
#include <vector>

namespace oidc::jwt {

struct SignaturePolicy final {
    // Algorithms accepted. Empty means every asymmetric algorithm we support (HS* and none
    // are never implied; they must be listed).
    std::vector<crypto::JwsAlgorithm> allowedAlgorithms;
    // Leniency (a warning in the UI): accept alg "none" (an unsigned token) — rp-checks J2.
    bool allowUnsigned = false;
    // Shared secret for HS256/384/512, supplied by the user. Never taken from a JWKS.
    std::string hmacSecret;
    // Leniency (a warning in the UI): accept an HMAC secret shorter than the hash output (32, 48
    // or 64 bytes), which RFC 7518 §3.2 forbids; refused with KEY_HMAC_TOO_SHORT otherwise.
    bool allowShortHmacSecret = false;
};

struct SignatureVerification final {
    std::string algorithm;    // the verified "alg"
    std::string keyDescription; // which key verified it ("RSA 2048, kid …") or "shared secret"
    std::string kid;
    bool unsigned_ = false;   // alg "none" accepted under allowUnsigned
    std::vector<std::string> notes; // e.g. "header carries jku: ignored"
};

// Errors: ALG_NONE_REJECTED, ALG_UNKNOWN, ALG_NOT_ALLOWED, HMAC_SECRET_MISSING, KEY_HMAC_TOO_SHORT, KID_UNKNOWN (no key
// with the token's kid: the caller may refetch the JWKS once), NO_SUITABLE_KEY, SIGNATURE_INVALID,
// SIGNATURE_PRESENT_FOR_NONE.
[[nodiscard]] Result<SignatureVerification> verifySignature(const DecodedJwt &jwt, const crypto::JsonWebKeySet &keys,
                                                            const SignaturePolicy &policy);

// The header parameters that name keys we refuse to use, present in this token.
[[nodiscard]] std::vector<std::string> ignoredKeyHeaders(const DecodedJwt &jwt);

} // namespace oidc::jwt
