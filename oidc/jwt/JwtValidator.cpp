#include "JwtValidator.h"

#include <memory>
#include <string_view>

namespace oidc::jwt {

namespace {

constexpr std::string_view kSignatureRule =
    "signed with an allowed algorithm by a key from the configured key set; the header never picks the "
    "algorithm or the key (OIDC Core §3.1.3.7 #6–8, RFC 8725 §3.1)";

// The signature check's rule, written when read; its detail is given.
class SignatureRule final : public CheckTextSource {
public:
    [[nodiscard]] std::string rule(int) const override { return std::string(kSignatureRule); }
    [[nodiscard]] std::string detail(int) const override { return {}; }
};

ClaimCheck signatureOutcome(CheckOutcome outcome, std::string detail, std::string_view code = {})
{
    static const auto rule = std::make_shared<const SignatureRule>();
    ClaimCheck check("signature", outcome, code, rule, 0);
    check.setDetail(std::move(detail));
    return check;
}

ClaimCheck signatureCheck(const DecodedJwt &jwt, const crypto::JsonWebKeySet &keys, const SignaturePolicy &policy,
                          std::optional<SignatureVerification> &verified)
{
    const auto algorithm = crypto::parseJwsAlgorithm(jwt.alg);
    const auto family = algorithm ? crypto::algorithmFamily(*algorithm) : crypto::AlgorithmFamily::None;
    const bool needsKeys = family != crypto::AlgorithmFamily::Hmac && family != crypto::AlgorithmFamily::None;
    if (algorithm && needsKeys && keys.keys.empty())
        return signatureOutcome(CheckOutcome::Fail, "no verification keys given", "KEYS_MISSING");
    auto result = verifySignature(jwt, keys, policy);
    if (!result)
        return signatureOutcome(CheckOutcome::Fail,
                                result.error().message + (result.error().actual.empty() ? "" : " (got " + result.error().actual + ")"),
                                result.error().code);
    std::string detail;
    if (result->unsigned_) {
        detail = "UNSIGNED token accepted because unsigned tokens are allowed";
    } else {
        constexpr std::string_view kVerifiedWith = " verified with ";
        detail.reserve(jwt.alg.size() + kVerifiedWith.size() + result->keyDescription.size());
        detail.append(jwt.alg).append(kVerifiedWith).append(result->keyDescription);
    }
    for (const auto &note : result->notes)
        detail += "; " + note;
    verified = std::move(result).value();
    return signatureOutcome(CheckOutcome::Pass, std::move(detail));
}

} // namespace

JwtValidation validateDecoded(DecodedJwt jwt, const crypto::JsonWebKeySet &keys, const SignaturePolicy &signaturePolicy,
                              const ClaimCheckOptions &claimOptions)
{
    JwtValidation validation;
    validation.checks.reserve(12);
    validation.checks.push_back(signatureCheck(jwt, keys, signaturePolicy, validation.signature));
    appendClaimChecks(validation.checks, jwt, claimOptions);
    for (const auto &check : validation.checks) {
        if (check.outcome == CheckOutcome::Fail) {
            validation.error = makeError(ErrorCategory::IdToken, check.code, check.id + ": " + check.detail());
            break;
        }
    }
    validation.jwt = std::move(jwt);
    return validation;
}

JwtValidation validateJwt(std::string_view token, const crypto::JsonWebKeySet &keys, const SignaturePolicy &signaturePolicy,
                          const ClaimCheckOptions &claimOptions, const JwtDecodeOptions &decodeOptions)
{
    auto decoded = decodeJwt(trimToken(token), decodeOptions);
    if (!decoded) {
        JwtValidation validation;
        validation.error = decoded.error();
        return validation;
    }
    return validateDecoded(std::move(decoded).value(), keys, signaturePolicy, claimOptions);
}

} // namespace oidc::jwt
