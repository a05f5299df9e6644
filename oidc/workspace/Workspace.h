#pragma once

// A workspace: what one person or team keeps for a set of providers, in one readable JSON file
// that can be shared and committed (WorkspaceFile.h). It holds the provider profiles (each with
// its flow settings: browser, redirect, PKCE/state/nonce, leeway), named presets of authorize
// parameters, and per-profile variables for `{{name}}` substitution (VariableSubstitution.h).
// It never holds a secret: a profile's clientSecret is dropped on the way to the file and never
// read from it (oidc/flow/ProfileJson.h); secrets live in the OS keychain, outside the core.

#include "oidc/flow/ProviderProfile.h"

#include <QList>
#include <QMap>
#include <QString>

#include <utility>

namespace oidc::workspace {

// A named set of authorize parameters as the flow page's parameter table holds them (RFC 6749
// §4.1.1, OIDC Core §3.1.2.1: prompt, login_hint, max_age, acr_values, Descope's flow and tenant,
// custom keys), in the order they are sent. Values may contain `{{variables}}`.
struct AuthorizePreset final {
    QString name;
    QList<std::pair<QString, QString>> parameters;

    friend bool operator==(const AuthorizePreset &, const AuthorizePreset &) = default;
};

struct Workspace final {
    QString id;   // random, made when the workspace is created: the secrets' namespace (not a secret)
    QString name;
    QList<flow::ProviderProfile> profiles; // clientSecret is never part of a workspace
    QString currentProfile;                // the profile selected when it was saved
    QList<AuthorizePreset> presets;
    // Per profile id: variable name → value.
    QMap<QString, QMap<QString, QString>> variables;

    [[nodiscard]] const flow::ProviderProfile *profile(const QString &profileId) const;
};

} // namespace oidc::workspace
