// A profile's URLs resolved where it is used (oidc/workspace/ResolvedProfile): every URL field
// its kind has, `{{issuer}}` in the endpoints, the first failing field named, the typed profile
// untouched, and providerSettings() refusing a template that was not resolved.

#include "oidc/workspace/ResolvedProfile.h"

#include "oidc/flow/ProfileJson.h"
#include "oidc/workspace/WorkspaceFile.h"

#include <QString>

#include <gtest/gtest.h>

namespace {

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using oidc::workspace::resolveProfile;

const QMap<QString, QString> kVariables = {{QStringLiteral("tenant"), QStringLiteral("acme")},
                                           {QStringLiteral("region"), QStringLiteral("eu")}};

ProviderProfile manualProfile()
{
    ProviderProfile profile;
    profile.id = QStringLiteral("hand");
    profile.kind = ProviderKind::Manual;
    profile.issuer = QStringLiteral("https://{{tenant}}.idp.example/{{region}}");
    profile.manualEndpoints.issuer = profile.issuer;
    profile.manualEndpoints.authorization = QStringLiteral("{{issuer}}/authorize");
    profile.manualEndpoints.token = QStringLiteral("https://{{tenant}}.idp.example/oauth/token");
    profile.manualEndpoints.userinfo = QStringLiteral("https://api.{{region}}.idp.example/{{tenant}}/me");
    profile.manualEndpoints.jwks = QStringLiteral("{{issuer}}/.well-known/jwks.json");
    profile.manualEndpoints.revocation = QStringLiteral("https://{{tenant}}.idp.example/oauth/revoke");
    profile.manualEndpoints.endSession = QStringLiteral("https://{{tenant}}.idp.example/logout?client_id={{client_id}}");
    profile.clientId = QStringLiteral("web-app");
    profile.clientSecret = QStringLiteral("s3cret-{{tenant}}"); // never substituted: not a URL
    return profile;
}

TEST(ResolvedProfile, EveryManualEndpointIsSubstitutedAndTheTemplatesStay)
{
    const ProviderProfile typed = manualProfile();
    const auto resolved = resolveProfile(typed, kVariables);
    ASSERT_TRUE(resolved.ok()) << resolved.error().summary();
    const ProviderProfile &used = resolved->profile();
    EXPECT_EQ(used.issuer, QStringLiteral("https://acme.idp.example/eu"));
    EXPECT_EQ(used.manualEndpoints.issuer, QStringLiteral("https://acme.idp.example/eu"));
    EXPECT_EQ(used.manualEndpoints.authorization, QStringLiteral("https://acme.idp.example/eu/authorize"));
    EXPECT_EQ(used.manualEndpoints.token, QStringLiteral("https://acme.idp.example/oauth/token"));
    EXPECT_EQ(used.manualEndpoints.userinfo, QStringLiteral("https://api.eu.idp.example/acme/me"));
    EXPECT_EQ(used.manualEndpoints.jwks, QStringLiteral("https://acme.idp.example/eu/.well-known/jwks.json"));
    EXPECT_EQ(used.manualEndpoints.revocation, QStringLiteral("https://acme.idp.example/oauth/revoke"));
    EXPECT_EQ(used.manualEndpoints.endSession, QStringLiteral("https://acme.idp.example/logout?client_id=web-app"));
    EXPECT_EQ(used.clientSecret, typed.clientSecret);
    EXPECT_EQ(resolved->substituted().size(), 8);
    EXPECT_EQ(resolved->substituted().front().first, QStringLiteral("issuer"));

    // No write-back: the typed profile, its JSON and a workspace's file keep `{{x}}`.
    EXPECT_EQ(typed.manualEndpoints.token, QStringLiteral("https://{{tenant}}.idp.example/oauth/token"));
    EXPECT_EQ(manualProfile().manualEndpoints, typed.manualEndpoints);
    oidc::workspace::Workspace workspace;
    workspace.id = QStringLiteral("w1");
    workspace.profiles = {typed};
    workspace.variables = {{typed.id, kVariables}};
    const QByteArray file = oidc::workspace::serializeWorkspace(workspace);
    EXPECT_TRUE(file.contains("https://{{tenant}}.idp.example/oauth/token")) << file.constData();
    EXPECT_FALSE(file.contains("acme.idp.example"));
    const auto reread = oidc::workspace::parseWorkspace(file);
    ASSERT_TRUE(reread.ok());
    EXPECT_EQ(reread->profiles.front().manualEndpoints, typed.manualEndpoints);

    // The resolved copy is what can be sent; the typed one is refused.
    const auto settings = used.providerSettings();
    ASSERT_TRUE(settings.ok()) << settings.error().summary();
    EXPECT_EQ(settings->manual.tokenEndpoint, QUrl(QStringLiteral("https://acme.idp.example/oauth/token")));
    const auto refused = typed.providerSettings();
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "PROFILE_UNRESOLVED");
    EXPECT_EQ(refused.error().message.rfind("issuer: {{tenant}}", 0), 0u) << refused.error().message;
}

struct FieldCase {
    const char *name;
    void (*breakIt)(ProviderProfile &);
    const char *label;
};

class ResolvedProfileFields : public testing::TestWithParam<FieldCase> {};

TEST_P(ResolvedProfileFields, AnUnknownVariableNamesTheField)
{
    ProviderProfile profile = manualProfile();
    GetParam().breakIt(profile);
    const auto resolved = resolveProfile(profile, kVariables);
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(resolved.error().code, "VARIABLE_UNKNOWN");
    EXPECT_EQ(resolved.error().category, oidc::ErrorCategory::Input);
    EXPECT_EQ(resolved.error().actual, "nope");
    EXPECT_EQ(resolved.error().message.rfind(std::string(GetParam().label) + ": {{nope}} is not a variable", 0), 0u) << resolved.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryUrlField, ResolvedProfileFields,
    testing::Values(
        FieldCase{"issuer", [](ProviderProfile &p) { p.issuer = QStringLiteral("https://{{nope}}.example"); }, "issuer"},
        FieldCase{"endpoints_issuer", [](ProviderProfile &p) { p.manualEndpoints.issuer = QStringLiteral("https://{{nope}}.example"); },
                  "endpoints' issuer"},
        FieldCase{"authorization", [](ProviderProfile &p) { p.manualEndpoints.authorization = QStringLiteral("https://x/{{nope}}"); },
                  "authorization endpoint"},
        FieldCase{"token", [](ProviderProfile &p) { p.manualEndpoints.token = QStringLiteral("https://x/{{nope}}"); }, "token endpoint"},
        FieldCase{"userinfo", [](ProviderProfile &p) { p.manualEndpoints.userinfo = QStringLiteral("https://x/{{nope}}"); }, "userinfo endpoint"},
        FieldCase{"jwks", [](ProviderProfile &p) { p.manualEndpoints.jwks = QStringLiteral("https://x/{{nope}}"); }, "JWKS URI"},
        FieldCase{"revocation", [](ProviderProfile &p) { p.manualEndpoints.revocation = QStringLiteral("https://x/{{nope}}"); },
                  "revocation endpoint"},
        FieldCase{"end_session", [](ProviderProfile &p) { p.manualEndpoints.endSession = QStringLiteral("https://x/{{nope}}"); },
                  "end-session endpoint"},
        FieldCase{"oidc_issuer",
                  [](ProviderProfile &p) {
                      p.kind = ProviderKind::OidcIssuer;
                      p.issuer = QStringLiteral("https://{{nope}}.example");
                  },
                  "issuer"},
        FieldCase{"descope_custom_domain",
                  [](ProviderProfile &p) {
                      p.kind = ProviderKind::DescopeProject;
                      p.descopeProjectId = QStringLiteral("P2abc");
                      p.descopeCustomBase = QStringLiteral("https://auth.{{nope}}.example");
                  },
                  "custom domain"}),
    [](const testing::TestParamInfo<FieldCase> &row) { return std::string(row.param.name); });

TEST(ResolvedProfile, AnUnsetBuiltinIsVariableUnsetAndTheIssuerCannotNameItself)
{
    ProviderProfile profile;
    profile.kind = ProviderKind::OidcIssuer;
    profile.issuer = QStringLiteral("https://idp.example/{{client_id}}");
    auto resolved = resolveProfile(profile, {});
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(resolved.error().code, "VARIABLE_UNSET");
    EXPECT_EQ(resolved.error().actual, "client_id");
    EXPECT_EQ(resolved.error().message.rfind("issuer: ", 0), 0u) << resolved.error().message;

    profile.issuer = QStringLiteral("{{issuer}}/x");
    resolved = resolveProfile(profile, {});
    ASSERT_FALSE(resolved.ok());
    EXPECT_EQ(resolved.error().code, "VARIABLE_UNSET");
    EXPECT_EQ(resolved.error().actual, "issuer");
}

TEST(ResolvedProfile, ADescopeCustomDomainAndAPlainProfile)
{
    ProviderProfile descope;
    descope.kind = ProviderKind::DescopeProject;
    descope.descopeProjectId = QStringLiteral("P2abc");
    descope.descopeCustomBase = QStringLiteral("https://auth.{{tenant}}.example");
    const auto resolved = resolveProfile(descope, kVariables);
    ASSERT_TRUE(resolved.ok()) << resolved.error().summary();
    EXPECT_EQ(resolved->profile().effectiveIssuer(), QStringLiteral("https://auth.acme.example/P2abc"));
    ASSERT_TRUE(resolved->profile().providerSettings().ok());
    EXPECT_EQ(descope.providerSettings().error().code, "PROFILE_UNRESOLVED");

    // Without a variable nothing changes and nothing is listed as substituted.
    ProviderProfile plain;
    plain.kind = ProviderKind::OidcIssuer;
    plain.issuer = QStringLiteral("https://idp.example");
    const auto same = resolveProfile(plain, {});
    ASSERT_TRUE(same.ok());
    EXPECT_TRUE(same->substituted().isEmpty());
    EXPECT_EQ(same->profile().issuer, plain.issuer);

    // A field the kind does not use is neither resolved nor refused.
    plain.manualEndpoints.token = QStringLiteral("https://{{nope}}/token");
    EXPECT_TRUE(resolveProfile(plain, {}).ok());
    EXPECT_TRUE(plain.providerSettings().ok());
}

TEST(ResolvedProfile, TemplatesSurviveTheProfileJsonRoundTrip)
{
    const ProviderProfile typed = manualProfile();
    const auto reread = oidc::flow::profileFromJson(oidc::flow::profileToJson(typed));
    ASSERT_TRUE(reread.ok());
    EXPECT_EQ(reread->manualEndpoints, typed.manualEndpoints);
    EXPECT_EQ(reread->issuer, typed.issuer);
}

} // namespace
