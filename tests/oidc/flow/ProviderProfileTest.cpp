// Provider profiles persist everything but the secret (oidc/flow/ProviderProfile).

#include "oidc/flow/ProviderProfile.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <utility>
#include <vector>

namespace {

TEST(ProviderProfile, PersistsEverythingButTheSecret)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    oidc::flow::ProviderProfileStore store(settings);
    oidc::flow::ProviderProfile profile;
    profile.id = QStringLiteral("acme");
    profile.name = QStringLiteral("Acme (Descope)");
    profile.kind = oidc::flow::ProviderKind::DescopeProject;
    profile.descopeProjectId = QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
    profile.clientId = QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
    profile.clientSecret = QStringLiteral("K2-SECRET-ACCESS-KEY-DO-NOT-STORE");
    profile.authMethod = oidc::flow::ClientAuthMethod::ClientSecretPost;
    profile.browserMode = oidc::flow::BrowserMode::System;
    profile.redirectPort = 8765;
    profile.security.pkceMethod = oidc::PkceMethod::Plain;
    store.save(profile);
    store.setLastSelectedId(profile.id);

    QFile raw(dir.filePath(QStringLiteral("profiles.ini")));
    ASSERT_TRUE(raw.open(QIODevice::ReadOnly));
    EXPECT_FALSE(raw.readAll().contains("K2-SECRET-ACCESS-KEY-DO-NOT-STORE"));

    const auto loaded = store.load();
    ASSERT_EQ(loaded.size(), 1);
    const auto &again = loaded.first();
    EXPECT_EQ(again.name, profile.name);
    EXPECT_EQ(again.kind, oidc::flow::ProviderKind::DescopeProject);
    EXPECT_TRUE(again.clientSecret.isEmpty());
    EXPECT_EQ(again.authMethod, oidc::flow::ClientAuthMethod::ClientSecretPost);
    EXPECT_EQ(again.browserMode, oidc::flow::BrowserMode::System);
    EXPECT_EQ(again.redirectPort, 8765);
    EXPECT_EQ(again.security.pkceMethod, oidc::PkceMethod::Plain);
    EXPECT_EQ(again.effectiveIssuer(), QStringLiteral("https://api.use1.descope.com/Puse12aAc4T2V93bddihGEx2Ryhc8e5Z"));
    EXPECT_TRUE(again.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("plain")));
    EXPECT_EQ(store.lastSelectedId(), QStringLiteral("acme"));
    EXPECT_EQ(oidc::flow::ProviderProfile{}.providerSettings().error().code, "PROFILE_INCOMPLETE");
}

TEST(ProviderProfile, PersistsThePrivateUseSchemeMode)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    oidc::flow::ProviderProfileStore store(settings);
    oidc::flow::ProviderProfile profile;
    profile.id = QStringLiteral("native");
    EXPECT_EQ(profile.privateUseScheme, QStringLiteral("io.github.oidcplay")); // the default, RFC 8252 §7.1
    profile.browserMode = oidc::flow::BrowserMode::PrivateUseScheme;
    profile.privateUseScheme = QStringLiteral("com.example.oidcplay");
    store.save(profile);
    const auto loaded = store.load();
    ASSERT_EQ(loaded.size(), 1);
    EXPECT_EQ(loaded.first().browserMode, oidc::flow::BrowserMode::PrivateUseScheme);
    EXPECT_EQ(loaded.first().privateUseScheme, QStringLiteral("com.example.oidcplay"));
    EXPECT_EQ(oidc::flow::browserModeFromKey(QStringLiteral("private-use")), oidc::flow::BrowserMode::PrivateUseScheme);
    EXPECT_EQ(oidc::flow::browserModeFromKey(QStringLiteral("unknown")), oidc::flow::BrowserMode::Embedded);

    // Another app can claim the scheme (RFC 8252 §8.6): without PKCE S256 the profile says so.
    EXPECT_FALSE(profile.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("§8.6")));
    profile.security.usePkce = false;
    EXPECT_TRUE(profile.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("§8.6")));
}

// The hand-typed endpoints under the keys the store has always written ("manual/token" …): a
// profile saved before the endpoints became one table reads back whole, and a save writes them there.
TEST(ProviderProfile, PersistsTheHandTypedEndpointsUnderTheirOldKeys)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profiles.ini"));
    const std::vector<std::pair<QString, QString>> stored = {
        {QStringLiteral("manual/issuer"), QStringLiteral("https://idp.example/{{tenant}}")},
        {QStringLiteral("manual/authorization"), QStringLiteral("https://idp.example/authorize")},
        {QStringLiteral("manual/token"), QStringLiteral("https://idp.example/token")},
        {QStringLiteral("manual/userinfo"), QStringLiteral("https://idp.example/me")},
        {QStringLiteral("manual/jwks"), QStringLiteral("https://idp.example/jwks")},
        {QStringLiteral("manual/revocation"), QStringLiteral("https://idp.example/revoke")},
        {QStringLiteral("manual/endSession"), QStringLiteral("https://idp.example/logout")},
    };
    {
        QSettings old(path, QSettings::IniFormat);
        old.setValue(QStringLiteral("profiles/corp/kind"), QStringLiteral("manual"));
        for (const auto &[key, value] : stored)
            old.setValue(QStringLiteral("profiles/corp/") + key, value);
    }
    QSettings settings(path, QSettings::IniFormat);
    oidc::flow::ProviderProfileStore store(settings);
    const auto loaded = store.load();
    ASSERT_EQ(loaded.size(), 1);
    const oidc::flow::ManualEndpoints expected{.issuer = stored[0].second,
                                               .authorization = stored[1].second,
                                               .token = stored[2].second,
                                               .userinfo = stored[3].second,
                                               .jwks = stored[4].second,
                                               .revocation = stored[5].second,
                                               .endSession = stored[6].second};
    EXPECT_EQ(loaded.first().kind, oidc::flow::ProviderKind::Manual);
    EXPECT_EQ(loaded.first().manualEndpoints, expected);

    oidc::flow::ProviderProfile again = loaded.first();
    again.id = QStringLiteral("copy");
    store.save(again);
    for (const auto &[key, value] : stored)
        EXPECT_EQ(settings.value(QStringLiteral("profiles/copy/") + key).toString(), value) << key.toStdString();
}

// The table names every member of ManualEndpoints once, each with its metadata URL (but the issuer).
TEST(ProviderProfile, TheEndpointTableCoversEveryManualEndpoint)
{
    oidc::flow::ManualEndpoints viaTable;
    for (const oidc::flow::ManualEndpointField &field : oidc::flow::kManualEndpointFields)
        viaTable.*field.text = QString::fromLatin1(field.key);
    const oidc::flow::ManualEndpoints byHand{.issuer = QStringLiteral("issuer"),
                                             .authorization = QStringLiteral("authorization"),
                                             .token = QStringLiteral("token"),
                                             .userinfo = QStringLiteral("userinfo"),
                                             .jwks = QStringLiteral("jwks"),
                                             .revocation = QStringLiteral("revocation"),
                                             .endSession = QStringLiteral("endSession")};
    EXPECT_EQ(viaTable, byHand);

    const oidc::flow::ProviderMetadata metadata = byHand.metadata();
    EXPECT_EQ(metadata.issuer, QStringLiteral("issuer"));
    EXPECT_EQ(metadata.authorizationEndpoint, QUrl(QStringLiteral("authorization")));
    EXPECT_EQ(metadata.tokenEndpoint, QUrl(QStringLiteral("token")));
    EXPECT_EQ(metadata.userinfoEndpoint, QUrl(QStringLiteral("userinfo")));
    EXPECT_EQ(metadata.jwksUri, QUrl(QStringLiteral("jwks")));
    EXPECT_EQ(metadata.revocationEndpoint, QUrl(QStringLiteral("revocation")));
    EXPECT_EQ(metadata.endSessionEndpoint, QUrl(QStringLiteral("endSession")));
}

} // namespace
