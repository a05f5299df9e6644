// FlowSession, the core as the GUI and the CLI drive it, against a fake transport: which
// callbacks and redirects it accepts, in which order, and what each step reports. The same
// session against a real provider is FlowSessionProviderTest.

#include "FakeTransport.h"

#include "oidc/flow/FlowSession.h"

#include <gtest/gtest.h>

#include <QUrlQuery>

namespace {

using namespace oidc;
using namespace oidc::flow;

constexpr auto kIssuer = "https://op.example";

// A provider typed by hand (no discovery request) that promises RFC 9207 iss.
ProviderSettings manualProvider()
{
    ProviderSettings provider;
    provider.kind = ProviderSettings::Kind::Manual;
    provider.manual.issuer = QString::fromLatin1(kIssuer);
    provider.manual.authorizationEndpoint = QUrl(QStringLiteral("https://op.example/authorize"));
    provider.manual.tokenEndpoint = QUrl(QStringLiteral("https://op.example/token"));
    provider.manual.jwksUri = QUrl(QStringLiteral("https://op.example/jwks"));
    provider.manual.endSessionEndpoint = QUrl(QStringLiteral("https://op.example/logout"));
    provider.manual.authorizationResponseIssParameterSupported = true;
    return provider;
}

class FlowSessionTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        session.setProvider(manualProvider());
        session.setClient({QStringLiteral("client"), {}, ClientAuthMethod::None});
        bool discovered = false;
        (void)session.discover([&](Result<ProviderMetadata> metadata) { discovered = metadata.ok(); });
        ASSERT_TRUE(discovered);
    }

    // Steps 2–4 with fixed values: the request is pending with state s1.
    void beginLogin()
    {
        AuthorizationRequest request = session.defaultAuthorizationRequest(QStringLiteral("http://127.0.0.1:5555/callback"), QStringLiteral("openid"));
        request.state = QStringLiteral("s1");
        request.nonce = QStringLiteral("n1");
        ASSERT_TRUE(session.beginAuthorization(request).ok());
    }

    static QUrl callback(const QString &query)
    {
        return QUrl(QStringLiteral("http://127.0.0.1:5555/callback?") + query);
    }

    flowtest::FakeTransport transport;
    FlowSession session{transport};
};

// Issue 14, defect 2: the first accepted callback consumes the request; a second one with the same
// state (pasted, or delivered by the embedded browser) is refused, before and after the token
// step started, and its code never reaches the token endpoint.
TEST_F(FlowSessionTest, Defect2_SpentAuthorizationRequestCannotBeRedeemedAgain)
{
    beginLogin();
    ASSERT_TRUE(session.acceptCallback(callback(QStringLiteral("code=first&state=s1&iss=https%3A%2F%2Fop.example"))).ok());
    const auto beforeExchange = session.acceptCallback(callback(QStringLiteral("code=second&state=s1&iss=https%3A%2F%2Fop.example")));
    ASSERT_FALSE(beforeExchange.ok());
    EXPECT_EQ(beforeExchange.error().code, "AUTHZ_ALREADY_COMPLETED");

    std::optional<Result<TokenSession>> exchanged;
    (void)session.exchangeCode([&](Result<TokenSession> result) { exchanged.emplace(std::move(result)); });
    ASSERT_EQ(transport.pending(), 1);
    EXPECT_TRUE(transport.sent().front()->request.body.contains("code=first"));

    // The token step has started: the request is spent all the same.
    const auto duringExchange = session.acceptCallback(callback(QStringLiteral("code=second&state=s1&iss=https%3A%2F%2Fop.example")));
    ASSERT_FALSE(duringExchange.ok()) << "a second callback was accepted while the first code was being exchanged";
    EXPECT_EQ(duringExchange.error().code, "AUTHZ_ALREADY_COMPLETED");
    EXPECT_EQ(duringExchange.error().category, ErrorCategory::Authz);

    transport.answer(400, R"({"error":"invalid_grant"})");
    ASSERT_TRUE(exchanged.has_value());
    EXPECT_EQ(exchanged->error().code, "TOKEN_PROVIDER_ERROR");
    const auto afterExchange = session.acceptCallback(callback(QStringLiteral("code=second&state=s1&iss=https%3A%2F%2Fop.example")));
    ASSERT_FALSE(afterExchange.ok());
    EXPECT_EQ(afterExchange.error().code, "AUTHZ_ALREADY_COMPLETED");
    // No second code can be exchanged: the second callback replaced nothing.
    std::optional<Result<TokenSession>> again;
    (void)session.exchangeCode([&](Result<TokenSession> result) { again.emplace(std::move(result)); });
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->error().code, "AUTHZ_NO_CODE");
    EXPECT_EQ(transport.sent().size(), 1u);

    // A new authorization request can be answered again.
    beginLogin();
    EXPECT_TRUE(session.acceptCallback(callback(QStringLiteral("code=third&state=s1&iss=https%3A%2F%2Fop.example"))).ok());
}

// Issue 14, defect 11: a rejected post-logout redirect (forged, or another logout's) does not
// spend the logout state, so the real redirect still confirms the logout.
TEST_F(FlowSessionTest, Defect11_RejectedLogoutRedirectDoesNotSpendTheState)
{
    const auto url = session.beginLogout(QStringLiteral("http://127.0.0.1:5555/logged-out"));
    ASSERT_TRUE(url.ok()) << url.error().summary();
    const QString state = QUrlQuery(*url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    ASSERT_FALSE(state.isEmpty());

    const Status forged = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out?state=forged")));
    ASSERT_FALSE(forged.ok());
    EXPECT_EQ(forged.error().code, "LOGOUT_STATE_MISMATCH");
    const Status missing = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out")));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "LOGOUT_STATE_MISSING");

    const Status real = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out?state=") + state));
    EXPECT_TRUE(real.ok()) << real.error().summary();
}

} // namespace
