#include "PrivateUseScheme.h"

#include <algorithm>

namespace oidc::flow {

namespace {

Error schemeError(const char *code, const std::string &message)
{
    return makeError(ErrorCategory::Input, code, message);
}

bool isLowerAlpha(QChar c)
{
    return c >= QLatin1Char('a') && c <= QLatin1Char('z');
}

} // namespace

Result<PrivateUseScheme> PrivateUseScheme::parse(const QString &scheme)
{
    if (scheme.isEmpty())
        return schemeError("SCHEME_EMPTY", "the private-use URI scheme is empty: use a reverse domain name such as io.github.oidcplay (RFC 8252 §7.1)");
    if (scheme.size() > kMaxLength)
        return schemeError("SCHEME_TOO_LONG", "the private-use URI scheme is longer than " + std::to_string(kMaxLength) + " characters");
    bool upper = false;
    for (qsizetype i = 0; i < scheme.size(); ++i) {
        const QChar c = scheme.at(i);
        const bool letter = isLowerAlpha(c) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        const bool allowed = letter || (i > 0 && (c.isDigit() || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('.')));
        if (!allowed || c.unicode() > 0x7f)
            return schemeError("SCHEME_CHARS", "a URI scheme starts with a letter and has only letters, digits, '+', '-' and '.' "
                                               "(RFC 3986 §3.1); '" + QString(c).toStdString() + "' at position " + std::to_string(i + 1) + " is not allowed");
        upper = upper || (letter && !isLowerAlpha(c));
    }
    if (upper)
        return schemeError("SCHEME_CASE", "write the private-use URI scheme in lower case: schemes compare case-insensitively "
                                          "(RFC 3986 §3.1) and the desktop registers the lower-case form");
    const QStringList labels = scheme.split(QLatin1Char('.'));
    const bool emptyLabel = std::any_of(labels.cbegin(), labels.cend(), [](const QString &label) { return label.isEmpty(); });
    if (labels.size() < 2 || emptyLabel)
        return schemeError("SCHEME_NOT_REVERSE_DOMAIN", "a private-use URI scheme is a reverse domain name the app controls, "
                                                        "with a dot and no empty label, e.g. io.github.oidcplay (RFC 8252 §7.1)");
    return PrivateUseScheme(scheme);
}

Status PrivateUseScheme::checkPath(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')) || path.startsWith(QStringLiteral("//")))
        return schemeError("SCHEME_PATH", "the redirect path after '<scheme>:' starts with exactly one '/' (RFC 8252 §7.1), e.g. /callback");
    return {};
}

QString PrivateUseScheme::redirectUri(const QString &path) const
{
    return m_name + QLatin1Char(':') + path;
}

bool PrivateUseScheme::owns(const QUrl &url) const
{
    return url.isValid() && url.scheme() == m_name;
}

bool PrivateUseScheme::matches(const QUrl &url, const QString &path) const
{
    return owns(url) && !url.hasFragment() && url.authority().isEmpty() && url.path() == path;
}

} // namespace oidc::flow
