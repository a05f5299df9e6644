// A provider profile as JSON (oidc/flow/ProfileJson): round trip, no secret either way, and a
// wrong member refused by name.

#include "oidc/flow/ProfileJson.h"

#include <gtest/gtest.h>

namespace {

using oidc::Json;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;

ProviderProfile manualProfile()
{
    ProviderProfile profile;
    profile.id = QStringLiteral("corp");
    profile.name = QStringLiteral("Corp IdP (by hand)");
    profile.kind = ProviderKind::Manual;
    profile.issuer = QStringLiteral("https://idp.example.com");
    profile.manualEndpoints.authorization = QStringLiteral("https://idp.example.com/authorize");
    profile.manualEndpoints.token = QStringLiteral("https://idp.example.com/token");
    profile.manualEndpoints.jwks = QStringLiteral("https://idp.example.com/jwks");
    profile.manualEndpoints.endSession = QStringLiteral("https://idp.example.com/logout");
    profile.clientId = QStringLiteral("playground");
    profile.clientSecret = QStringLiteral("s3cr3t-never-in-a-file");
    profile.authMethod = oidc::flow::ClientAuthMethod::ClientSecretBasic;
    profile.scope = QStringLiteral("openid email");
    profile.browserMode = oidc::flow::BrowserMode::System;
    profile.redirectPort = 8765;
    profile.redirectPath = QStringLiteral("/cb");
    profile.security.pkceMethod = oidc::PkceMethod::Plain;
    profile.security.verifierLength = 96;
    profile.security.useNonce = false;
    profile.security.leewaySeconds = 120;
    return profile;
}

TEST(ProfileJson, RoundTripsEverythingButTheSecret)
{
    const ProviderProfile profile = manualProfile();
    const Json json = oidc::flow::profileToJson(profile);
    EXPECT_EQ(json.dump().find("s3cr3t"), std::string::npos);
    EXPECT_FALSE(json.contains("clientSecret"));
    EXPECT_EQ(json["kind"], "manual");
    EXPECT_EQ(json["clientAuth"], "client_secret_basic");
    EXPECT_EQ(json["security"]["pkce"], "plain");
    EXPECT_FALSE(json.contains("descopeProjectId")); // not a Descope profile

    const auto again = oidc::flow::profileFromJson(json);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->id, profile.id);
    EXPECT_EQ(again->name, profile.name);
    EXPECT_EQ(again->kind, ProviderKind::Manual);
    EXPECT_EQ(again->issuer, profile.issuer);
    EXPECT_EQ(again->manualEndpoints.authorization, profile.manualEndpoints.authorization);
    EXPECT_EQ(again->manualEndpoints.token, profile.manualEndpoints.token);
    EXPECT_EQ(again->manualEndpoints.jwks, profile.manualEndpoints.jwks);
    EXPECT_EQ(again->manualEndpoints.endSession, profile.manualEndpoints.endSession);
    EXPECT_TRUE(again->manualEndpoints.userinfo.isEmpty());
    EXPECT_EQ(again->clientId, profile.clientId);
    EXPECT_TRUE(again->clientSecret.isEmpty());
    EXPECT_EQ(again->authMethod, profile.authMethod);
    EXPECT_EQ(again->scope, profile.scope);
    EXPECT_EQ(again->browserMode, oidc::flow::BrowserMode::System);
    EXPECT_EQ(again->redirectPort, 8765);
    EXPECT_EQ(again->redirectPath, QStringLiteral("/cb"));
    EXPECT_EQ(again->privateUseScheme, profile.privateUseScheme);
    EXPECT_TRUE(again->security.usePkce);
    EXPECT_EQ(again->security.pkceMethod, oidc::PkceMethod::Plain);
    EXPECT_EQ(again->security.verifierLength, 96);
    EXPECT_TRUE(again->security.useState);
    EXPECT_FALSE(again->security.useNonce);
    EXPECT_EQ(again->security.leewaySeconds, 120);
}

// The workspace file's names of the hand-typed endpoints, written and read: a file written before
// the endpoints became one table reads back whole.
TEST(ProfileJson, HandTypedEndpointsUnderTheirMemberNames)
{
    const Json endpoints = {{"issuer", "https://idp.example/{{tenant}}"}, {"authorization", "https://idp.example/authorize"},
                            {"token", "https://idp.example/token"},     {"userinfo", "https://idp.example/me"},
                            {"jwks", "https://idp.example/jwks"},       {"revocation", "https://idp.example/revoke"},
                            {"endSession", "https://idp.example/logout"}};
    const auto read = oidc::flow::profileFromJson(Json{{"kind", "manual"}, {"endpoints", endpoints}});
    ASSERT_TRUE(read.ok()) << read.error().message;
    const oidc::flow::ManualEndpoints &typed = read->manualEndpoints;
    EXPECT_EQ(typed.issuer, QStringLiteral("https://idp.example/{{tenant}}"));
    EXPECT_EQ(typed.authorization, QStringLiteral("https://idp.example/authorize"));
    EXPECT_EQ(typed.token, QStringLiteral("https://idp.example/token"));
    EXPECT_EQ(typed.userinfo, QStringLiteral("https://idp.example/me"));
    EXPECT_EQ(typed.jwks, QStringLiteral("https://idp.example/jwks"));
    EXPECT_EQ(typed.revocation, QStringLiteral("https://idp.example/revoke"));
    EXPECT_EQ(typed.endSession, QStringLiteral("https://idp.example/logout"));
    EXPECT_EQ(oidc::flow::profileToJson(*read)["endpoints"], endpoints);

    const auto wrong = oidc::flow::profileFromJson(Json{{"kind", "manual"}, {"endpoints", {{"jwks", 7}}}});
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("endpoints.jwks"), std::string::npos) << wrong.error().message;
}

TEST(ProfileJson, DescopeProfileKeepsItsProjectAndPkceOffReadsBack)
{
    ProviderProfile profile;
    profile.kind = ProviderKind::DescopeProject;
    profile.descopeProjectId = QStringLiteral("P2abc");
    profile.descopeCustomBase = QStringLiteral("https://auth.example.com");
    profile.security.usePkce = false;
    const auto again = oidc::flow::profileFromJson(oidc::flow::profileToJson(profile));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->descopeProjectId, QStringLiteral("P2abc"));
    EXPECT_EQ(again->descopeCustomBase, profile.descopeCustomBase);
    EXPECT_FALSE(again->security.usePkce);
    EXPECT_EQ(again->effectiveIssuer(), profile.effectiveIssuer());
}

TEST(ProfileJson, ThePrivateUseSchemeModeReadsBack)
{
    ProviderProfile profile;
    profile.browserMode = oidc::flow::BrowserMode::PrivateUseScheme;
    profile.privateUseScheme = QStringLiteral("com.example.playground");
    const Json json = oidc::flow::profileToJson(profile);
    EXPECT_EQ(json["browser"], "private-use");
    const auto again = oidc::flow::profileFromJson(json);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->browserMode, oidc::flow::BrowserMode::PrivateUseScheme);
    EXPECT_EQ(again->privateUseScheme, QStringLiteral("com.example.playground"));
}

TEST(ProfileJson, ASecretInAFileIsIgnoredAndDefaultsFillTheRest)
{
    const Json json = {{"kind", "issuer"}, {"issuer", "https://a.example"}, {"clientSecret", "smuggled"}, {"future", 1}};
    const auto profile = oidc::flow::profileFromJson(json);
    ASSERT_TRUE(profile.ok());
    EXPECT_TRUE(profile->clientSecret.isEmpty());
    EXPECT_EQ(profile->scope, ProviderProfile{}.scope);
    EXPECT_TRUE(profile->security.usePkce);
    EXPECT_EQ(profile->security.pkceMethod, oidc::PkceMethod::S256);
}

struct BadMember final {
    const char *name;
    Json json;
    const char *member; // named in the message
};

class ProfileJsonRefuses : public testing::TestWithParam<BadMember> {};

TEST_P(ProfileJsonRefuses, AWrongMemberByName)
{
    const auto profile = oidc::flow::profileFromJson(GetParam().json);
    ASSERT_FALSE(profile.ok());
    EXPECT_EQ(profile.error().code, "PROFILE_JSON_INVALID");
    EXPECT_EQ(profile.error().category, oidc::ErrorCategory::Input);
    EXPECT_NE(profile.error().message.find(GetParam().member), std::string::npos) << profile.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Members, ProfileJsonRefuses,
    testing::Values(BadMember{"NotAnObject", Json::array(), "object"},
                    BadMember{"UnknownKind", Json{{"kind", "saml"}}, "\"kind\""},
                    BadMember{"NumberForText", Json{{"clientId", 42}}, "\"clientId\""},
                    BadMember{"PortOutOfRange", Json{{"redirectPort", 70000}}, "\"redirectPort\""},
                    BadMember{"PortAsText", Json{{"redirectPort", "8080"}}, "\"redirectPort\""},
                    BadMember{"UnknownPkce", Json{{"security", {{"pkce", "S512"}}}}, "\"security.pkce\""},
                    BadMember{"ShortVerifier", Json{{"security", {{"verifierLength", 10}}}}, "\"security.verifierLength\""},
                    BadMember{"StateAsText", Json{{"security", {{"state", "yes"}}}}, "\"security.state\""},
                    BadMember{"SchemeWithoutADot", Json{{"privateUseScheme", "oidcplay"}}, "\"privateUseScheme\""},
                    BadMember{"EndpointsAsText", Json{{"endpoints", "https://x"}}, "\"endpoints\""},
                    BadMember{"EndpointAsNumber", Json{{"endpoints", {{"token", 1}}}}, "\"endpoints.token\""}),
    [](const testing::TestParamInfo<BadMember> &row) { return std::string(row.param.name); });

} // namespace
