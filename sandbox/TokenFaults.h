#pragma once

// What the fault injector asks the token issuer to get wrong in one token (rp-checks J1–J9, K2).

namespace sandbox {

struct TokenFaults final {
    bool expired = false;       // exp in the past (J7)
    bool futureIat = false;     // iat an hour ahead (J8)
    bool wrongNonce = false;    // nonce replaced (J9)
    bool wrongAudience = false; // aud replaced (J5)
    bool wrongIssuer = false;   // iss replaced (J4)
    bool badSignature = false;  // signature bytes flipped (J1)
    bool unknownKid = false;    // kid not in the JWKS (K2)

    [[nodiscard]] bool any() const
    {
        return expired || futureIat || wrongNonce || wrongAudience || wrongIssuer || badSignature || unknownKid;
    }
};

} // namespace sandbox
