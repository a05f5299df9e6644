#include "ResolvedProfile.h"

#include "oidc/workspace/VariableSubstitution.h"

#include <utility>

namespace oidc::workspace {

namespace {

Error naming(const char *label, Error error)
{
    error.message = std::string(label) + ": " + error.message;
    return error;
}

} // namespace

Result<ResolvedProfile> resolveProfile(const flow::ProviderProfile &profile, const QMap<QString, QString> &variables, const QString &redirectUri)
{
    ResolvedProfile resolved;
    resolved.m_profile = profile;
    flow::ProviderProfile &out = resolved.m_profile;
    VariableScope scope{builtinVariables(profile, redirectUri), variables};
    const auto issuerFirst = [](const flow::ProviderProfile::UrlField &field) { return QLatin1String(field.label).endsWith(QLatin1String("issuer")); };

    // The issuer fields first, without {{issuer}} (it is what they define); then {{issuer}} is
    // the resolved one for the endpoints (`{{issuer}}/oauth/token`).
    std::vector<flow::ProviderProfile::UrlField> fields = out.urlFields();
    scope.builtins[QStringLiteral("issuer")].clear();
    for (const auto &field : fields) {
        if (!issuerFirst(field))
            continue;
        auto text = substituteVariables(*field.text, scope);
        if (!text)
            return naming(field.label, text.error());
        *field.text = std::move(text).value();
    }
    scope.builtins[QStringLiteral("issuer")] = out.effectiveIssuer();
    for (const auto &field : fields) {
        if (issuerFirst(field))
            continue;
        auto text = substituteVariables(*field.text, scope);
        if (!text)
            return naming(field.label, text.error());
        *field.text = std::move(text).value();
    }
    // Listed in the editor's order, only where the text changed.
    flow::ProviderProfile typed = profile;
    const std::vector<flow::ProviderProfile::UrlField> typedFields = typed.urlFields();
    for (size_t i = 0; i < fields.size(); ++i)
        if (*fields[i].text != *typedFields[i].text)
            resolved.m_substituted.append({QString::fromLatin1(fields[i].label), *fields[i].text});
    return resolved;
}

} // namespace oidc::workspace
