#pragma once

// Secrets (client secrets, access keys, codes, verifiers, tokens, Authorization values) never
// reach logs or exports unredacted (rp-checks S1/S2). These helpers keep enough to tell values
// apart — a short prefix and the length — and nothing that can be replayed.

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>

namespace oidc {

// "eyJhbG…[redacted, 812 chars]"; values of 8 characters or fewer are hidden entirely.
[[nodiscard]] std::string redactSecret(std::string_view value);
[[nodiscard]] QString redactSecret(const QString &value);

// An Authorization header value: the scheme stays ("Bearer …[redacted]", "Basic …[redacted]").
[[nodiscard]] QByteArray redactAuthorization(const QByteArray &value);

// True for header, form-field, query and JSON member names whose values are secrets.
[[nodiscard]] bool isSecretName(std::string_view name);

// Redacts the secret members of a form-urlencoded body or a URL query ("code=…&state=…").
[[nodiscard]] QByteArray redactUrlEncoded(const QByteArray &text);
// Redacts the secret members of a JSON body (recursively); bodies that are not JSON come back as is.
[[nodiscard]] QByteArray redactJsonBody(const QByteArray &body);

} // namespace oidc
