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
    const auto validation = flow::validateCallback(url, pending());
    fuzz::require(!validation.checks.empty(), "every verdict comes with its checks");
    fuzz::require(validation.ok() == validation.callback.has_value(), "a callback exactly when every check passed");
    if (validation.callback) {
        fuzz::require(!validation.callback->code().isEmpty(), "an accepted callback has a code");
        fuzz::require(validation.callback->state() == pending().state, "an accepted callback carries the pending state");
        fuzz::require(validation.answersRequest, "an accepted callback answers the request");
    } else {
        fuzz::require(validation.error->category == ErrorCategory::Authz, "a refused callback is an AUTHZ error");
        bool failed = false;
        for (const auto &check : validation.checks)
            failed = failed || !check.passed();
        fuzz::require(failed, "a refusal names the check that failed");
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
