#include "SessionClaims.h"

#include "oidc/jwt/ClaimCatalog.h"

#include <array>

namespace oidc::descope {

namespace {

// descope-api.md §2.2 (amr) and Go's AuthFactor* constants.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kAmrMethods = {{
    {"email", "an email link or code"},
    {"sms", "a text message code or link"},
    {"whatsapp", "a WhatsApp code or link"},
    {"webauthn", "a passkey"},
    {"totp", "an authenticator app code"},
    {"oauth", "a social login"},
    {"fed", "federated SSO, SAML or OIDC"},
    {"pwd", "a password"},
    {"mfa", "two or more different methods"},
    {"otp", "a one-time code"},
}};

std::string titleOf(std::string_view claim)
{
    const auto *info = jwt::claimInfo(claim);
    return info ? std::string(info->title) : std::string(claim);
}

ClaimNote stepUpNote(const Json &claims)
{
    ClaimNote note{"su", titleOf("su"), "absent", {}};
    const auto su = claims.find("su");
    if (su == claims.end()) {
        note.meaning = "no step-up: a plain login (a step-up login with the refresh JWT adds su:true)";
        return note;
    }
    note.value = su->dump();
    note.meaning = su->is_boolean() && su->get<bool>()
        ? "stepped up: issued by a step-up login, so the user re-authenticated just now (loginOptions.stepup)"
        : "su is present but not true: not a step-up session";
    return note;
}

ClaimNote methodsNote(const Json &claims)
{
    ClaimNote note{"amr", titleOf("amr"), "absent", {}};
    const auto amr = claims.find("amr");
    if (amr == claims.end() || !amr->is_array()) {
        note.meaning = amr == claims.end() ? "no amr: the token does not say how the user signed in" : "amr is not an array of methods";
        if (amr != claims.end())
            note.value = amr->dump();
        return note;
    }
    note.value = amr->dump();
    std::string methods;
    for (const auto &method : *amr)
        if (method.is_string())
            methods += (methods.empty() ? "" : "; ") + amrMeaning(method.get<std::string>());
    note.meaning = methods.empty() ? "amr lists no method" : "signed in with " + methods;
    return note;
}

} // namespace

std::string amrMeaning(std::string_view method)
{
    for (const auto &[name, meaning] : kAmrMethods)
        if (name == method)
            return std::string(meaning) + " (" + std::string(name) + ")";
    return "\"" + std::string(method) + "\"";
}

std::vector<ClaimNote> explainSessionClaims(const Json &claims)
{
    return {stepUpNote(claims), methodsNote(claims)};
}

} // namespace oidc::descope
