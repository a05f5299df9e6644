#pragma once

// A private-use URI scheme for native-app redirects (RFC 8252 §7.1): a reverse domain name the
// app controls ("io.github.oidcplay"), so apps do not collide by accident; the redirect URI is
// "<scheme>:/callback", with one slash (§7.1: no authority). The desktop hands such a URL to the
// registered app (resources/desktop: x-scheme-handler/<scheme>), which makes it the third way a
// redirect comes back besides the embedded browser and the loopback listener.
// Another app may register the same scheme and receive the code (§8.6): PKCE is what keeps that
// code useless to it.

#include "oidc/Result.h"

#include <QString>
#include <QUrl>

namespace oidc::flow {

class PrivateUseScheme final {
public:
    static constexpr const char *kDefault = "io.github.oidcplay"; // the reverse of the app ID's domain
    static constexpr int kMaxLength = 128;

    // Errors (INPUT): SCHEME_EMPTY, SCHEME_CHARS (RFC 3986 §3.1: a letter, then letters, digits,
    // '+', '-', '.'), SCHEME_CASE (lower case only: the form the desktop and QUrl compare),
    // SCHEME_NOT_REVERSE_DOMAIN (§7.1: at least two dot-separated labels, none empty),
    // SCHEME_TOO_LONG.
    [[nodiscard]] static Result<PrivateUseScheme> parse(const QString &scheme);
    // A redirect path for "<scheme>:<path>": one leading slash and no second (§7.1; "//" would
    // start an authority). Error INPUT SCHEME_PATH.
    [[nodiscard]] static Status checkPath(const QString &path);

    [[nodiscard]] const QString &name() const { return m_name; }
    // "<scheme>:<path>", e.g. "io.github.oidcplay:/callback".
    [[nodiscard]] QString redirectUri(const QString &path) const;
    // `url` is "<scheme>:<path>" with any query: this scheme, no authority, that path.
    [[nodiscard]] bool matches(const QUrl &url, const QString &path) const;
    // `url` uses this scheme (whatever its path).
    [[nodiscard]] bool owns(const QUrl &url) const;

private:
    explicit PrivateUseScheme(QString name) : m_name(std::move(name)) {}

    QString m_name;
};

} // namespace oidc::flow
