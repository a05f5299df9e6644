#pragma once

// JSON Web Keys (RFC 7517) and key sets, to and from OpenSSL EVP_PKEY.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/crypto/OpenSsl.h"

#include <string>
#include <string_view>
#include <vector>

namespace oidc::crypto {

struct JsonWebKey final {
    std::string kid;     // "kid", RFC 7517 §4.5 (may be empty)
    std::string kty;     // "kty", RFC 7517 §4.1: RSA, EC, OKP
    std::string alg;     // "alg", RFC 7517 §4.4 (may be empty: then any algorithm of the key type)
    std::string use;     // "use", RFC 7517 §4.2: sig / enc (may be empty)
    std::string crv;     // "crv" for EC and OKP keys
    std::vector<std::string> keyOps; // "key_ops", RFC 7517 §4.3
    int bits = 0;        // modulus or curve size
    bool hasPrivate = false;
    SharedPkey key;      // never null in a parsed key
    std::string source;  // where it came from ("JWKS #2", "PEM certificate") for display

    // True when this key may verify a JWS with `algorithm` (type, curve, alg and use agree).
    [[nodiscard]] bool usableFor(JwsAlgorithm algorithm) const;
    // Short description for people: "RSA 2048, kid abc, alg RS256".
    [[nodiscard]] std::string describe() const;
};

struct JsonWebKeySet final {
    std::vector<JsonWebKey> keys;
    // Keys that could not be used and why (RFC 7517 §5: ignore members you cannot use).
    std::vector<std::string> skipped;
};

// One JWK object. Errors (category KEYS): JWK_NOT_OBJECT, JWK_KTY_UNKNOWN, JWK_MEMBER (missing or
// bad member), JWK_CURVE_UNSUPPORTED, JWK_USE_ENC, JWK_RSA_TOO_SMALL, JWK_INVALID.
[[nodiscard]] Result<JsonWebKey> parseJwk(const Json &jwk);

// A JWKS document {"keys":[…]}. Unusable keys are skipped with a note. Fails only when the
// document is not JSON, has no "keys" array (JWKS_SHAPE), or has no usable key (JWKS_NO_USABLE_KEY).
[[nodiscard]] Result<JsonWebKeySet> parseJwks(std::string_view json);

// What a person pastes: a JWKS, a single JWK, or PEM (public key, RSA public key, certificate).
[[nodiscard]] Result<JsonWebKeySet> parseKeyMaterial(std::string_view text);

// PEM public key or certificate → key.
[[nodiscard]] Result<JsonWebKey> parsePem(std::string_view pem);

// The public members of a key as a JWK (kty, crv, n/e or x/y, kid, alg, use).
[[nodiscard]] Json publicJwk(const JsonWebKey &key);
// The whole key, private members included (sandbox fixtures, tests).
[[nodiscard]] Result<Json> privateJwk(const JsonWebKey &key);

// RFC 7638 thumbprint (SHA-256, base64url).
[[nodiscard]] std::string jwkThumbprint(const JsonWebKey &key);

enum class KeyKind { Rsa2048, Rsa3072, Rsa4096, EcP256, EcP384, EcP521, Ed25519 };
// A fresh key pair (the sandbox's signing keys, tests). RSA generation takes tens of
// milliseconds: never call it on the GUI thread.
[[nodiscard]] Result<JsonWebKey> generateKey(KeyKind kind, std::string kid, std::string alg);

} // namespace oidc::crypto
