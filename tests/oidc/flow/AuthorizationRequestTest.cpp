// The authorization URL and its warnings (oidc/flow/AuthorizationRequest, rp-checks A8).

#include "oidc/flow/AuthorizationRequest.h"

#include <gtest/gtest.h>

#include <QUrlQuery>

namespace {

using namespace oidc;
using namespace oidc::flow;

// ---- Authorization request (rp-checks A8) ----

AuthorizationRequest sampleRequest()
{
    AuthorizationRequest request;
    request.authorizationEndpoint = QUrl(QStringLiteral("https://op.example/authorize?tenant=x"));
    request.clientId = QStringLiteral("client 1");
    request.redirectUri = QStringLiteral("http://127.0.0.1:5555/callback");
    request.scope = QStringLiteral("openid email");
    request.state = QStringLiteral("st+ate");
    request.nonce = QStringLiteral("n0");
    request.codeChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    request.prompt = QStringLiteral("none");
    request.maxAge = 60;
    request.descopeFlow = QStringLiteral("sign-up-or-in");
    request.extraParameters = {{QStringLiteral("custom"), QStringLiteral("a&b=c")}};
    return request;
}

TEST(Authorize, UrlCarriesEveryParameterEncoded)
{
    const auto url = buildAuthorizationUrl(sampleRequest());
    ASSERT_TRUE(url.ok());
    const QUrlQuery query(*url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("tenant")), QStringLiteral("x")); // endpoint's own query kept
    EXPECT_EQ(query.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), QStringLiteral("client 1"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+ate"));
    EXPECT_TRUE(url->toString(QUrl::FullyEncoded).contains(QStringLiteral("state=st%2Bate")));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("max_age")), QStringLiteral("60"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("flow")), QStringLiteral("sign-up-or-in"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("custom"), QUrl::FullyDecoded), QStringLiteral("a&b=c"));
    EXPECT_FALSE(query.hasQueryItem(QStringLiteral("login_hint")));
}

TEST(Authorize, CustomParameterMayNotRepeatAStandardOne)
{
    auto request = sampleRequest();
    request.extraParameters = {{QStringLiteral("state"), QStringLiteral("x")}};
    EXPECT_EQ(buildAuthorizationUrl(request).error().code, "AUTHZ_PARAM_DUPLICATE");
}

TEST(Authorize, A8_InsecureChoicesAreWarnings)
{
    auto request = sampleRequest();
    EXPECT_TRUE(authorizationWarnings(request, {QStringLiteral("S256")}).isEmpty());
    EXPECT_EQ(authorizationWarnings(request, {QStringLiteral("plain")}).size(), 1); // S256 not listed: still sent, warned
    request.codeChallengeMethod = PkceMethod::Plain;
    request.state.clear();
    request.nonce.clear();
    EXPECT_EQ(authorizationWarnings(request, {}).size(), 3);
}

} // namespace
