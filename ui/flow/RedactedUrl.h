#pragma once

// A URL as the flow pages show it: the secrets in its query (code, tokens, id_token_hint…)
// redacted (rp-checks S1), and the rest percent-decoded so a person can read it.

#include "oidc/Redaction.h"

#include <QString>
#include <QUrl>

namespace ui {

[[nodiscard]] inline QString redactedUrlText(const QUrl &url)
{
    if (!url.hasQuery())
        return url.toDisplayString();
    const QByteArray redacted = oidc::redactUrlEncoded(url.query(QUrl::FullyEncoded).toLatin1());
    return url.toDisplayString(QUrl::RemoveQuery) + QLatin1Char('?') + QUrl::fromPercentEncoding(QByteArray(redacted).replace('+', ' '));
}

} // namespace ui
