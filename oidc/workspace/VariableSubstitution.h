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

#include <utility>
#include <vector>

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

// Name/value pairs (the authorize parameter table's rows, a token or logout request's typed
// fields) with every value substituted, in the same order; names are taken as typed. The first
// value that fails is the error, its message starting with the parameter's name
// ("login_hint: {{user}} is not a variable…"); code, expected and actual as substituteVariables.
using Parameters = QList<std::pair<QString, QString>>;
[[nodiscard]] Result<Parameters> substituteParameters(const Parameters &parameters, const VariableScope &scope);

// A name the variable editor accepts for a profile's variable:
//   VARIABLE_NAME     INPUT; not [A-Za-z_][A-Za-z0-9_]*, or longer than 64 characters
//   VARIABLE_BUILTIN  INPUT; a built-in's name (the built-in would win, the variable never be used)
[[nodiscard]] Status checkVariableName(const QString &name);
// A profile's variables as typed in the editor, in order: each name's checkVariableName error,
// and VARIABLE_DUPLICATE (INPUT; actual: the name) for a name given twice. Empty: all saveable.
[[nodiscard]] std::vector<Error> checkVariables(const Parameters &variables);
// A variable that looks like a secret: its name is one secrets go by (oidc::isSecretName, or it
// contains secret, passw, token, api_key, private, credential) or its value is JWT-shaped. Variables are saved in the workspace
// file as plain text, so the editor warns; it does not refuse (a "tenant_key" may be harmless).
[[nodiscard]] bool looksLikeSecret(const QString &name, const QString &value);

} // namespace oidc::workspace
