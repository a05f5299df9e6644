#pragma once

// Decode → signature → claims, as one list of checks. The first failure becomes the error.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/ClaimChecks.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/jwt/SignatureVerifier.h"

#include <optional>
#include <vector>

namespace oidc::jwt {

struct JwtValidation final {
    std::optional<DecodedJwt> jwt;                 // absent when decoding failed
    std::optional<SignatureVerification> signature; // present when the signature verified
    std::vector<ClaimCheck> checks;                // "signature" first, then checkClaims()
    std::optional<Error> error;                    // decoding error or the first failed check

    [[nodiscard]] bool ok() const { return !error.has_value(); }
};

[[nodiscard]] JwtValidation validateJwt(std::string_view token, const crypto::JsonWebKeySet &keys,
                                        const SignaturePolicy &signaturePolicy, const ClaimCheckOptions &claimOptions,
                                        const JwtDecodeOptions &decodeOptions = {});

// The same for a token that is already decoded.
[[nodiscard]] JwtValidation validateDecoded(DecodedJwt jwt, const crypto::JsonWebKeySet &keys,
                                            const SignaturePolicy &signaturePolicy, const ClaimCheckOptions &claimOptions);

} // namespace oidc::jwt
