#pragma once

// Secrets (client secrets, access keys, codes, verifiers, tokens, Authorization values) never
// reach logs or exports unredacted (rp-checks S1/S2). These helpers keep enough to tell values
// apart — a short prefix and the length — and nothing that can be replayed.

#include <QByteArray>
#include <QString>
#include <QUrl>

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
// Redacts the secret members of a JSON body (recursively). A body that does not parse (cut off
// mid-object, a form or an HTML page labelled JSON) is redacted as text (redactText): fail closed.
[[nodiscard]] QByteArray redactJsonBody(const QByteArray &body);

// Redacts text whose syntax is unknown or broken, failing closed: the value after every secret
// name in any syntax ("access_token": "…", refresh_token=…, client_secret: …; a quoted value cut
// off runs to the end of the text), and every token-shaped run wherever it stands: a JWT ("eyJ…")
// or kTokenShapedMinimum or more base64url/hex characters mixing letters and digits.
[[nodiscard]] std::string redactText(std::string_view text);
inline constexpr size_t kTokenShapedMinimum = 20;

// A short one-line preview of a response body for error messages (rp-checks T2: ~200
// characters), redacted (redactText) before it is cut. Every error preview of a body uses it.
[[nodiscard]] std::string redactedPreview(std::string_view body, size_t maxChars = 200);

// A URL for logs and messages: secret query and fragment members redacted (redactUrlEncoded),
// a password in the user info replaced.
[[nodiscard]] QString redactUrl(const QUrl &url);

} // namespace oidc
