#include "CeremonyComparison.h"

#include "Origin.h"

#include "oidc/crypto/Digest.h"

#include <utility>

namespace oidc::webauthn {

namespace {

using jwt::CheckOutcome;
using jwt::ClaimCheck;

// The step numbers of the relying party's procedure for each comparison.
struct CeremonySteps final {
    const char *section;
    int type, challenge, origin, rpIdHash, userPresent, userVerified;
};
constexpr CeremonySteps kRegistrationSteps{"§7.1", 7, 8, 9, 13, 14, 15};
constexpr CeremonySteps kAssertionSteps{"§7.2", 11, 12, 13, 15, 16, 17};

std::string stepRule(const CeremonySteps &steps, int step, const std::string &what)
{
    return what + " (WebAuthn " + steps.section + " step " + std::to_string(step) + ")";
}

ClaimCheck compared(std::string id, std::string rule, bool matches, const std::string &expected, const std::string &actual, std::string code)
{
    ClaimCheck check;
    check.id = std::move(id);
    check.setRule(std::move(rule));
    check.outcome = matches ? CheckOutcome::Pass : CheckOutcome::Fail;
    check.setDetail(matches ? "matches: " + actual : "expected " + expected + ", the response has " + actual);
    if (!matches)
        check.code = std::move(code);
    return check;
}

const char *outcomeName(CheckOutcome outcome)
{
    switch (outcome) {
    case CheckOutcome::Pass: return "pass";
    case CheckOutcome::Fail: return "fail";
    case CheckOutcome::Skip: return "skip";
    }
    return "skip";
}

} // namespace

bool CeremonyComparison::allMatch() const
{
    for (const ClaimCheck &check : checks)
        if (!check.passed())
            return false;
    return true;
}

Json CeremonyComparison::toJson() const
{
    Json list = Json::array();
    for (const ClaimCheck &check : checks)
        list.push_back({{"id", check.id}, {"rule", check.rule()}, {"outcome", outcomeName(check.outcome)}, {"detail", check.detail()}, {"code", check.code}});
    return {{"rpId", rpId},
            {"expectedRpIdHash", expectedRpIdHash.toJson()},
            {"rpIdHashMatches", rpIdHashMatches},
            {"expectedType", expectedType},
            {"typeMatches", typeMatches},
            {"expectedChallenge", expectedChallenge.toJson()},
            {"challengeMatches", challengeMatches},
            {"expectedOrigin", expectedOrigin},
            {"originMatches", originMatches},
            {"checks", std::move(list)}};
}

CeremonyComparison compareCeremony(const CeremonyView &response, const CeremonyOptionsView &options, std::string_view expectedOrigin)
{
    const bool create = response.kind == CeremonyKind::Registration;
    const CeremonySteps &steps = create ? kRegistrationSteps : kAssertionSteps;
    CeremonyComparison comparison;
    comparison.rpId = options.rpId;
    if (comparison.rpId.empty())
        if (auto host = rpIdForOrigin(expectedOrigin))
            comparison.rpId = std::move(host).value();
    comparison.expectedRpIdHash = ByteString{crypto::sha256(comparison.rpId)};
    comparison.rpIdHashMatches = response.authenticatorData.rpIdHash.raw == comparison.expectedRpIdHash.raw;
    comparison.expectedType = create ? "webauthn.create" : "webauthn.get";
    comparison.typeMatches = response.clientData.type == comparison.expectedType;
    comparison.expectedChallenge = options.challenge;
    comparison.challengeMatches = response.clientData.challenge.raw == options.challenge.raw;
    comparison.expectedOrigin = std::string(expectedOrigin);
    comparison.originMatches = response.clientData.origin == comparison.expectedOrigin;

    auto &checks = comparison.checks;
    checks.push_back(compared("webauthn.type", stepRule(steps, steps.type, "clientDataJSON.type is " + comparison.expectedType),
                              comparison.typeMatches, comparison.expectedType, response.clientData.type, "WEBAUTHN_TYPE"));
    checks.push_back(compared("webauthn.challenge", stepRule(steps, steps.challenge, "clientDataJSON.challenge is the options' challenge"),
                              comparison.challengeMatches, options.challenge.base64Url(), response.clientData.challenge.base64Url(),
                              "WEBAUTHN_CHALLENGE"));
    checks.push_back(compared("webauthn.origin", stepRule(steps, steps.origin, "clientDataJSON.origin is the expected origin"),
                              comparison.originMatches, comparison.expectedOrigin, response.clientData.origin, "WEBAUTHN_ORIGIN"));
    checks.push_back(compared("webauthn.rpIdHash",
                              stepRule(steps, steps.rpIdHash, "authenticatorData.rpIdHash is SHA-256 of the RP ID \"" + comparison.rpId + "\""),
                              comparison.rpIdHashMatches, comparison.expectedRpIdHash.hex(), response.authenticatorData.rpIdHash.hex(),
                              "WEBAUTHN_RPID_HASH"));
    const AuthenticatorFlags &flags = response.authenticatorData.flags;
    checks.push_back(compared("webauthn.UP", stepRule(steps, steps.userPresent, "the UP flag is set"), flags.userPresent, "UP set",
                              flags.userPresent ? "UP set" : "UP clear", "WEBAUTHN_FLAGS_UP"));
    if (options.userVerification == "required") {
        checks.push_back(compared("webauthn.UV", stepRule(steps, steps.userVerified, "the UV flag is set (user verification required)"),
                                  flags.userVerified, "UV set", flags.userVerified ? "UV set" : "UV clear", "WEBAUTHN_FLAGS_UV"));
    } else {
        ClaimCheck skipped;
        skipped.id = "webauthn.UV";
        skipped.setRule(stepRule(steps, steps.userVerified, "the UV flag is set when the options require user verification"));
        skipped.outcome = CheckOutcome::Skip;
        skipped.setDetail("not required (userVerification: "
                          + (options.userVerification.empty() ? std::string("preferred, the default") : options.userVerification)
                          + "); UV is " + (flags.userVerified ? "set" : "clear"));
        checks.push_back(std::move(skipped));
    }
    return comparison;
}

} // namespace oidc::webauthn
