#include "SignatureVerifier.h"

#include <algorithm>
#include <array>
#include <optional>

namespace oidc::jwt {

using crypto::AlgorithmFamily;
using crypto::JwsAlgorithm;

namespace {

Error sigError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::IdToken, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

bool allowed(const SignaturePolicy &policy, JwsAlgorithm algorithm)
{
    if (policy.allowedAlgorithms.empty()) {
        const auto family = crypto::algorithmFamily(algorithm);
        return family != AlgorithmFamily::Hmac && family != AlgorithmFamily::None;
    }
    return std::find(policy.allowedAlgorithms.begin(), policy.allowedAlgorithms.end(), algorithm)
        != policy.allowedAlgorithms.end();
}

std::string allowedList(const SignaturePolicy &policy)
{
    std::string list;
    if (policy.allowedAlgorithms.empty())
        return "RS*, PS*, ES*, EdDSA";
    for (const auto algorithm : policy.allowedAlgorithms)
        list += (list.empty() ? "" : ", ") + std::string(crypto::jwsAlgorithmName(algorithm));
    return list;
}

} // namespace

std::vector<std::string> ignoredKeyHeaders(const DecodedJwt &jwt)
{
    // Found while the header was decoded (DecodedJwt::keyParameters), in the order of
    // kKeyHeaderParameters; no allocation when there are none (the usual token).
    std::vector<std::string> names;
    for (size_t i = 0; i < kKeyHeaderParameters.size(); ++i)
        if (jwt.keyParameters & (1U << i))
            names.emplace_back(kKeyHeaderParameters[i]);
    return names;
}

Result<SignatureVerification> verifySignature(const DecodedJwt &jwt, const crypto::JsonWebKeySet &keys,
                                              const SignaturePolicy &policy)
{
    SignatureVerification result;
    result.algorithm = jwt.alg;
    result.kid = jwt.kid;
    for (const auto &name : ignoredKeyHeaders(jwt))
        result.notes.push_back("header parameter \"" + name + "\" names a key: ignored (keys come only from the configured JWKS)");

    const auto algorithm = crypto::parseJwsAlgorithm(jwt.alg);
    if (!algorithm)
        return sigError("ALG_UNKNOWN", "the token uses an algorithm this client does not verify", allowedList(policy), jwt.alg);

    if (*algorithm == JwsAlgorithm::None) {
        if (!policy.allowUnsigned)
            return sigError("ALG_NONE_REJECTED", "the token is unsigned (alg \"none\") and unsigned tokens are not allowed",
                            allowedList(policy), "none");
        if (!jwt.signature.empty())
            return sigError("SIGNATURE_PRESENT_FOR_NONE", "alg \"none\" must have an empty signature");
        result.unsigned_ = true;
        result.keyDescription = "none (unsigned token accepted by option)";
        return result;
    }
    if (!allowed(policy, *algorithm))
        return sigError("ALG_NOT_ALLOWED", "the token's algorithm is not in the allowed list", allowedList(policy), jwt.alg);

    if (crypto::algorithmFamily(*algorithm) == AlgorithmFamily::Hmac) {
        if (policy.hmacSecret.empty())
            return sigError("HMAC_SECRET_MISSING", "an HMAC-signed token needs the shared secret", "a secret", "none given");
        const auto keyRule = policy.allowShortHmacSecret ? crypto::HmacKeyRule::AllowShorter : crypto::HmacKeyRule::HashLengthOrLonger;
        if (auto verified = crypto::verifyHmac(*algorithm, policy.hmacSecret, jwt.signingInput, jwt.signature, keyRule); !verified)
            return verified.error();
        result.keyDescription = "shared secret";
        if (const size_t minimum = crypto::hmacMinimumKeyBytes(*algorithm); policy.hmacSecret.size() < minimum)
            result.notes.push_back("the shared secret is " + std::to_string(policy.hmacSecret.size()) + " bytes, shorter than the "
                                   + std::to_string(minimum) + " RFC 7518 §3.2 requires for " + jwt.alg + ": accepted by option");
        return result;
    }

    // Candidates: with a kid, only keys carrying that kid; without one, every key fit for the alg.
    // Counted here and visited again below, in the key set's order, instead of collected.
    const auto kidMatches = [&jwt](const crypto::JsonWebKey &key) { return jwt.kid.empty() || key.kid == jwt.kid; };
    size_t candidates = 0;
    bool kidSeen = false;
    for (const auto &key : keys.keys) {
        if (!kidMatches(key))
            continue;
        kidSeen = true;
        if (key.usableFor(*algorithm))
            ++candidates;
    }
    const crypto::JsonWebKey *keyWithoutKid = nullptr;
    if (!jwt.kid.empty() && !kidSeen && keys.keys.size() == 1 && keys.keys.front().kid.empty()
        && keys.keys.front().usableFor(*algorithm)) {
        // A single key without a kid (a pasted PEM or JWK) may verify a token that names one.
        keyWithoutKid = &keys.keys.front();
        candidates = 1;
        kidSeen = true;
        result.notes.push_back("the key has no kid; it was tried for kid \"" + jwt.kid + "\"");
    }
    if (!kidSeen && jwt.kid.empty())
        // Nothing to select from: an empty key set is not a rotation a refetch by kid would fix.
        return sigError("NO_SUITABLE_KEY", "the key set is empty", jwt.alg + " key", "0 keys");
    if (!kidSeen)
        return sigError("KID_UNKNOWN", "no key in the key set has the token's kid", "a key with kid " + jwt.kid,
                        std::to_string(keys.keys.size()) + " keys, none matching");
    if (candidates == 0)
        return sigError("NO_SUITABLE_KEY", "no key in the key set can verify " + jwt.alg
                        + (jwt.kid.empty() ? std::string() : " with kid " + jwt.kid) + " (key type, curve, alg or use differ)",
                        jwt.alg + " key", std::to_string(keys.keys.size()) + " keys");

    // The last candidate's error is reported (there is at least one candidate here).
    std::optional<Error> last;
    const auto tryKey = [&](const crypto::JsonWebKey &key) {
        auto verified = crypto::verifySignature(*algorithm, key.key.get(), jwt.signingInput, jwt.signature);
        if (verified) {
            result.keyDescription = key.describe();
            return true;
        }
        last = verified.error();
        return false;
    };
    if (keyWithoutKid) {
        if (tryKey(*keyWithoutKid))
            return result;
    } else {
        for (const auto &key : keys.keys)
            if (kidMatches(key) && key.usableFor(*algorithm) && tryKey(key))
                return result;
    }
    return last ? std::move(*last) : sigError("SIGNATURE_INVALID", "signature invalid");
}

} // namespace oidc::jwt
