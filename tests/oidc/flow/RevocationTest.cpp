// Revocation and end-session (oidc/flow/Revocation, rp-checks R1–R4).

#include "FlowFixtures.h"

#include "oidc/flow/Revocation.h"

#include <gtest/gtest.h>

#include <QUrlQuery>

namespace {

using namespace oidc;
using namespace oidc::flow;
using flowtest::response;

// ---- Revocation and logout (rp-checks R1–R4) ----

TEST(Revocation, Outcomes)
{
    ClientCredentials client{QStringLiteral("c"), {}, ClientAuthMethod::None};
    const auto request = buildRevocationRequest(QUrl(QStringLiteral("https://op.example/revoke")), client, QStringLiteral("tok"),
                                                TokenTypeHint::RefreshToken);
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->body, QByteArray("token=tok&token_type_hint=refresh_token&client_id=c"));
    EXPECT_TRUE(processRevocationResponse(response(200, "")).ok()); // R1: unknown tokens too
    EXPECT_EQ(processRevocationResponse(response(400, R"({"error":"unsupported_token_type"})")).error().code, "REVOKE_UNSUPPORTED_TOKEN_TYPE");
    const auto unavailable = processRevocationResponse(response(503, "", {{"Retry-After", "30"}}));
    EXPECT_EQ(unavailable.error().code, "REVOKE_UNAVAILABLE");
    EXPECT_EQ(unavailable.error().actual, "30");
    EXPECT_EQ(buildRevocationRequest(QUrl(), client, QStringLiteral("tok"), TokenTypeHint::None).error().code, "REVOKE_NO_ENDPOINT"); // R3
}

TEST(Logout, R4_StateMustComeBack)
{
    EndSessionRequest request{QUrl(QStringLiteral("https://op.example/logout")), QStringLiteral("id.tok.en"),
                              QStringLiteral("http://127.0.0.1:7000/logout"), QStringLiteral("ls1"), QStringLiteral("c")};
    const auto url = buildEndSessionUrl(request);
    ASSERT_TRUE(url.ok());
    const QUrlQuery query(*url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("id_token_hint")), QStringLiteral("id.tok.en"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded), QStringLiteral("http://127.0.0.1:7000/logout"));
    EXPECT_TRUE(validateLogoutCallback(QUrl(QStringLiteral("http://127.0.0.1:7000/logout?state=ls1")), QStringLiteral("ls1")).ok());
    EXPECT_EQ(validateLogoutCallback(QUrl(QStringLiteral("http://127.0.0.1:7000/logout?state=x")), QStringLiteral("ls1")).error().code,
              "LOGOUT_STATE_MISMATCH");
    EXPECT_EQ(validateLogoutCallback(QUrl(QStringLiteral("http://127.0.0.1:7000/logout")), QStringLiteral("ls1")).error().code,
              "LOGOUT_STATE_MISSING");
    EXPECT_EQ(buildEndSessionUrl({}).error().code, "TOKEN_NO_END_SESSION");
}

} // namespace
