#pragma once

// `{{name}}` in the authorize parameters and the URLs a user types: the profile's own values
// (built-ins) and the workspace's variables for that profile. One pass, left to right: a value
// is inserted as it is, never substituted again, so a variable cannot expand into another.
// Secrets are never a variable: no built-in names the client secret, and callers never
// substitute into secret fields.
//
// `{{` not followed by a name and `}}` (JSON, a template of another tool) is left as typed.
// A name that is neither a built-in nor a variable is an error, never an empty string:
//   VARIABLE_UNKNOWN  INPUT; actual: the name, expected: the names there are
//   VARIABLE_UNSET    INPUT; a built-in with no value yet (redirect_uri before a port is
//                     chosen, client_id on a profile without one); actual: the name

#include "oidc/Result.h"
#include "oidc/flow/ProviderProfile.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace oidc::workspace {

struct VariableScope final {
    QMap<QString, QString> builtins;  // builtinVariables(); an empty value is VARIABLE_UNSET
    QMap<QString, QString> variables; // the workspace's variables for the profile
};

// client_id, issuer, scope, redirect_uri (`redirectUri`, else the profile's fixed port and path
// on 127.0.0.1, else empty), descope_project_id.
[[nodiscard]] QMap<QString, QString> builtinVariables(const flow::ProviderProfile &profile, const QString &redirectUri = {});
[[nodiscard]] QStringList builtinVariableNames();
// [A-Za-z_][A-Za-z0-9_]*, at most 64 characters.
[[nodiscard]] bool isValidVariableName(const QString &name);
// The `{{name}}` references in `text`, in order, without repeats.
[[nodiscard]] QStringList variablesIn(const QString &text);

[[nodiscard]] Result<QString> substituteVariables(const QString &text, const VariableScope &scope);

} // namespace oidc::workspace
