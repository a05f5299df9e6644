// Discovery and Descope endpoints (oidc/flow/ProviderMetadata): the pure halves, rows named after rp-checks K1, N2.

#include "FlowFixtures.h"

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/flow/ProviderMetadata.h"

#include <gtest/gtest.h>

namespace {

using namespace oidc;
using namespace oidc::flow;
using flowtest::response;

QByteArray metadataJson(const QString &issuer, const QString &base)
{
    Json json = {{"issuer", issuer.toStdString()},
                 {"authorization_endpoint", (base + QStringLiteral("/authorize")).toStdString()},
                 {"token_endpoint", (base + QStringLiteral("/token")).toStdString()},
                 {"userinfo_endpoint", (base + QStringLiteral("/userinfo")).toStdString()},
                 {"jwks_uri", (base + QStringLiteral("/jwks")).toStdString()},
                 {"code_challenge_methods_supported", {"S256"}},
                 {"authorization_response_iss_parameter_supported", true},
                 {"id_token_signing_alg_values_supported", {"RS256", "none", "HS256"}}};
    return QByteArray::fromStdString(json.dump());
}

// ---- Discovery (rp-checks K1, N2) ----

TEST(Discovery, WellKnownLocations)
{
    EXPECT_EQ(discoveryUrl(QStringLiteral("https://op.example/tenant/"), DiscoveryKind::OpenIdConnect).toString(),
              QStringLiteral("https://op.example/tenant/.well-known/openid-configuration"));
    EXPECT_EQ(discoveryUrl(QStringLiteral("https://op.example/tenant"), DiscoveryKind::Rfc8414).toString(),
              QStringLiteral("https://op.example/.well-known/oauth-authorization-server/tenant"));
    EXPECT_EQ(discoveryUrl(QStringLiteral("https://op.example"), DiscoveryKind::Rfc8414).toString(),
              QStringLiteral("https://op.example/.well-known/oauth-authorization-server"));
}

TEST(Discovery, K1_IssuerMismatchUsesNothing)
{
    const auto result = processDiscoveryResponse(response(200, metadataJson(QStringLiteral("https://evil.example"), QStringLiteral("https://evil.example"))),
                                                 QStringLiteral("https://op.example"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().category, ErrorCategory::Discovery);
    EXPECT_EQ(result.error().code, "DISCOVERY_ISSUER_MISMATCH");
    EXPECT_EQ(result.error().expected, "https://op.example");
}

TEST(Discovery, ValidMetadataAndAlgorithmsNeverIncludeNoneOrHmac)
{
    const auto result = processDiscoveryResponse(response(200, metadataJson(QStringLiteral("https://op.example"), QStringLiteral("https://op.example"))),
                                                 QStringLiteral("https://op.example"));
    ASSERT_TRUE(result.ok()) << result.error().summary();
    EXPECT_TRUE(result->authorizationResponseIssParameterSupported);
    EXPECT_EQ(result->tokenEndpoint.toString(), QStringLiteral("https://op.example/token"));
    EXPECT_EQ(result->idTokenAlgorithms(), std::vector<crypto::JwsAlgorithm>{crypto::JwsAlgorithm::RS256});
}

TEST(Discovery, N2_HttpEndpointOffLoopbackRefused)
{
    const auto result = processDiscoveryResponse(response(200, metadataJson(QStringLiteral("https://op.example"), QStringLiteral("http://op.example"))),
                                                 QStringLiteral("https://op.example"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "DISCOVERY_INSECURE_ENDPOINT");
    EXPECT_EQ(buildDiscoveryRequest(QStringLiteral("http://op.example"), DiscoveryKind::OpenIdConnect).error().code, "NET_INSECURE_URL");
    EXPECT_TRUE(buildDiscoveryRequest(QStringLiteral("http://127.0.0.1:8080"), DiscoveryKind::OpenIdConnect).ok());
    EXPECT_TRUE(buildDiscoveryRequest(QStringLiteral("http://localhost:8080/x"), DiscoveryKind::OpenIdConnect).ok());
}

TEST(Discovery, BadBodiesAreCategorised)
{
    EXPECT_EQ(processDiscoveryResponse(response(500, "<html>oops</html>"), QStringLiteral("https://op.example")).error().code, "DISCOVERY_HTTP_STATUS");
    EXPECT_EQ(processDiscoveryResponse(response(200, "[]"), QStringLiteral("https://op.example")).error().code, "DISCOVERY_JSON");
    EXPECT_EQ(processDiscoveryResponse(response(200, "{\"issuer\":"), QStringLiteral("https://op.example")).error().code, "DISCOVERY_JSON");
    EXPECT_EQ(processDiscoveryResponse(response(200, R"({"issuer":"https://op.example","scopes_supported":"openid"})"),
                                       QStringLiteral("https://op.example")).error().code,
              "DISCOVERY_FIELD_TYPE");
}

TEST(Descope, RegionalBaseUrlFromProjectId)
{
    // Vectors from descope-api.md §1.1 (Go's TestBaseURLForProjectID).
    EXPECT_EQ(descopeBaseUrl(QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z")).toString(), QStringLiteral("https://api.use1.descope.com"));
    EXPECT_EQ(descopeBaseUrl(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z")).toString(), QStringLiteral("https://api.descope.com"));
    EXPECT_EQ(descopeBaseUrl(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z"), QUrl(QStringLiteral("https://auth.example.com"))).toString(),
              QStringLiteral("https://auth.example.com"));
    EXPECT_EQ(descopeIssuer(QUrl(QStringLiteral("https://api.descope.com")), QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z")),
              QStringLiteral("https://api.descope.com/P2aAc4T2V93bddihGEx2Ryhc8e5Z"));
}

} // namespace
