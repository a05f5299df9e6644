#pragma once

// COSE_Key (RFC 8152 §7 / RFC 9052 §7, parameters from RFC 9053) ↔ OpenSSL keys, and the COSE
// signature formats WebAuthn uses (§6.5.6): ES256 signatures are ASN.1 DER ECDSA-Sig-Value
// (unlike JOSE's raw R||S), RS256 is RSASSA-PKCS1-v1_5 with SHA-256, EdDSA is Ed25519.

#include "Cbor.h"

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/crypto/OpenSsl.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oidc::webauthn {

// COSE algorithm identifiers (IANA "COSE Algorithms").
enum class CoseAlgorithm : int64_t {
    ES256 = -7,   // ECDSA P-256 with SHA-256 (kty EC2, crv 1)
    EdDSA = -8,   // Ed25519 (kty OKP, crv 6)
    RS256 = -257, // RSASSA-PKCS1-v1_5 with SHA-256 (kty RSA, at least 2048 bits)
};

[[nodiscard]] std::optional<CoseAlgorithm> coseAlgorithmFromInt(int64_t value); // nullopt: unsupported
[[nodiscard]] std::string_view coseAlgorithmName(CoseAlgorithm algorithm);       // "ES256", "EdDSA", "RS256"

// A credential public key.
struct CoseKey final {
    CoseAlgorithm algorithm = CoseAlgorithm::ES256;
    std::string encoded;                  // the COSE_Key CBOR exactly as received or produced
    oidc::crypto::SharedPkey publicKey;   // never null in a parsed key
    oidc::Json jwk;                       // the same public key as a JWK (RFC 7517), for display
};

// Parses a COSE_Key that spans all of `bytes`. Requires kty, alg (WebAuthn §6.5.1.1: the alg
// parameter MUST be present) and the members of the key type; refuses private members (d),
// compressed points, and a kty/crv that does not fit the alg. The key goes through the core's
// JWK validation (point on the curve, RSA ≥ 2048 bits). Error: WEBAUTHN_COSE_KEY (INPUT).
[[nodiscard]] oidc::Result<CoseKey> decodeCoseKey(std::string_view bytes);
// The same for a map already decoded (e.g. inside authenticator data); `encoded` is kept as given.
[[nodiscard]] oidc::Result<CoseKey> parseCoseKey(const cbor_item_t *map, std::string encoded);

// The public part of `key` as a COSE_Key for `algorithm`, in CTAP2 canonical order.
// Errors: WEBAUTHN_COSE_KEY (the key does not fit the algorithm), CBOR_ENCODE.
[[nodiscard]] oidc::Result<std::string> encodeCoseKey(EVP_PKEY *key, CoseAlgorithm algorithm);

// Verifies a WebAuthn signature (format per algorithm above) over `data`.
// Errors: WEBAUTHN_SIGNATURE (INPUT: malformed or wrong signature, key not fit for algorithm).
[[nodiscard]] oidc::Status verifyCoseSignature(CoseAlgorithm algorithm, EVP_PKEY *publicKey, std::string_view data,
                                               std::string_view signature);

// Signs in the same format (the software authenticator). Errors: OPENSSL/KEY_ALG_MISMATCH.
[[nodiscard]] oidc::Result<std::string> signCose(CoseAlgorithm algorithm, EVP_PKEY *privateKey, std::string_view data);

// ECDSA signature conversions between DER (WebAuthn, X.509) and raw R||S of `coordinateBytes`
// each (JOSE). derToRawEcdsa is strict: it refuses BER, trailing bytes and oversize integers.
[[nodiscard]] oidc::Result<std::string> derToRawEcdsa(std::string_view der, size_t coordinateBytes);
[[nodiscard]] oidc::Result<std::string> rawToDerEcdsa(std::string_view raw);

} // namespace oidc::webauthn
