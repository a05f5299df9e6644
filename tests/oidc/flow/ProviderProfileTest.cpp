// Provider profiles persist everything but the secret (oidc/flow/ProviderProfile).

#include "oidc/flow/ProviderProfile.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

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

} // namespace
