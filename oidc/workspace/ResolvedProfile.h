#pragma once

// A provider profile as it is used: every URL field its kind uses (the issuer, a Descope
// project's custom domain, the endpoints typed by hand) with its `{{variables}}` substituted
// (VariableSubstitution.h: the profile's built-ins and the workspace's variables for it).
//
// The profile a person edits, the workspace file and a recording keep the templates; what
// discovery, the flow, the Descope client and the CLI call is the resolved copy, made where
// the profile is used and never written back. Only resolveProfile makes a ResolvedProfile, so a
// caller holding one knows no `{{x}}` is left to be sent (ProviderProfile::providerSettings
// refuses a template with PROFILE_UNRESOLVED besides).
//
// Built-ins while resolving: {{issuer}} is the resolved issuer (the issuer field itself cannot
// use it: VARIABLE_UNSET there), the others as builtinVariables() gives them.
// Errors, the first field that fails, its message starting with the field's label
// ("token endpoint: {{tenant}} is not a variable of this profile …"):
//   VARIABLE_UNKNOWN  INPUT; actual: the name, expected: the names there are
//   VARIABLE_UNSET    INPUT; a built-in with no value yet; actual: the name

#include "oidc/Result.h"
#include "oidc/flow/ProviderProfile.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <utility>

namespace oidc::workspace {

class ResolvedProfile;

// `variables`: the workspace's variables for this profile; `redirectUri` as builtinVariables().
[[nodiscard]] Result<ResolvedProfile> resolveProfile(const flow::ProviderProfile &profile, const QMap<QString, QString> &variables,
                                                     const QString &redirectUri = {});

class ResolvedProfile final {
public:
    // The profile with its URL fields substituted (secret and every other field as given).
    [[nodiscard]] const flow::ProviderProfile &profile() const { return m_profile; }
    // The labels of the fields that held a variable, in the profile editor's order, each with
    // its resolved text ("issuer", "https://acme.example/…"): what the UI shows as "resolved".
    [[nodiscard]] const QList<std::pair<QString, QString>> &substituted() const { return m_substituted; }

private:
    friend Result<ResolvedProfile> resolveProfile(const flow::ProviderProfile &, const QMap<QString, QString> &, const QString &);
    flow::ProviderProfile m_profile;
    QList<std::pair<QString, QString>> m_substituted;
};

} // namespace oidc::workspace
