// oidc::flow::validateCallback, the authorization response (RFC 6749 §4.1.2, RFC 9207) against a
// fixed pending authorization: the query as the loopback listener receives it, and the whole
// URL as the embedded browser intercepts it.

#include "FuzzSupport.h"

#include "oidc/flow/AuthorizationRequest.h"

#include <QString>
#include <QUrl>

using namespace oidc;

namespace {

const flow::PendingAuthorization &pending()
{
    static const flow::PendingAuthorization authorization = [] {
        flow::PendingAuthorization value;
        value.state = QStringLiteral("Zm9vYmFyLXN0YXRl");
        value.issuer = QStringLiteral("https://issuer.example");
        value.redirectUri = QStringLiteral("http://127.0.0.1:8765/callback");
        value.codeVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        value.nonce = QStringLiteral("n-0S6_WzA2Mj");
        return value;
    }();
    return authorization;
}

void check(const QUrl &url)
{
    const auto callback = flow::validateCallback(url, pending());
    if (callback) {
        fuzz::require(!callback->code().isEmpty(), "an accepted callback has a code");
        fuzz::require(callback->state() == pending().state, "an accepted callback carries the pending state");
    } else {
        fuzz::require(callback.error().category == ErrorCategory::Authz, "a refused callback is an AUTHZ error");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    // As oidc/flow/LoopbackRedirectListener builds it from the request target's query.
    QUrl listened(pending().redirectUri);
    listened.setQuery(QString::fromLatin1(bytes), QUrl::TolerantMode);
    check(listened);
    check(QUrl(QString::fromUtf8(bytes)));
    return 0;
}
