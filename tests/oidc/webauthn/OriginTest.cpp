// The RP ID an origin implies (W3C WebAuthn Level 3 §5.1.2).

#include "oidc/webauthn/Origin.h"

#include "TestSupport.h"

#include <QUrl>

namespace oidc::webauthn {
namespace {

using test::failsWith;

TEST(RpIdForOrigin, Hosts)
{
    EXPECT_EQ(rpIdForOrigin("http://localhost:8443").value(), "localhost");
    EXPECT_EQ(rpIdForOrigin("https://Login.Example.COM").value(), "login.example.com");
    for (const char *origin : {"android:apk-key-hash:abc", "https://", "https://host/path", "https://host:port", "ftp://host",
                               "https://user@host"})
        EXPECT_TRUE(failsWith(rpIdForOrigin(origin), "WEBAUTHN_OPTIONS", oidc::ErrorCategory::Input)) << origin;
}

TEST(PageOriginFor, TheRpIdsPage)
{
    const QUrl sandbox(QStringLiteral("http://127.0.0.1:43123"));
    // The sandbox: its own page on localhost, registration and assertion alike.
    EXPECT_EQ(pageOriginFor(sandbox, R"({"publicKey": {"rp": {"id": "localhost", "name": "x"}}})"), "http://localhost:43123");
    EXPECT_EQ(pageOriginFor(sandbox, R"({"rpId": "localhost"})"), "http://localhost:43123");
    // A real project: https on the RP ID, whatever the base URL.
    EXPECT_EQ(pageOriginFor(QUrl(QStringLiteral("https://api.descope.com")), R"({"publicKey": {"rpId": "example.com"}})"), "https://example.com");
    // localhost behind a base URL that is not loopback http is not the sandbox's page.
    EXPECT_EQ(pageOriginFor(QUrl(QStringLiteral("https://api.descope.com")), R"({"rpId": "localhost"})"), "https://localhost");
    for (const char *options : {"not json", "[]", R"({"publicKey": 1})"})
        EXPECT_EQ(pageOriginFor(sandbox, options), "") << options;
}

TEST(PasskeyDomain, ParsedDefaultedAndItsOrigin)
{
    EXPECT_EQ(parsePasskeyDomain("Example.COM").value(), "example.com");
    EXPECT_EQ(parsePasskeyDomain("localhost").value(), "localhost");
    for (const char *text : {"", "https://example.com", "example.com:443", "example.com/login", "exa mple.com", "user@example.com"})
        EXPECT_TRUE(failsWith(parsePasskeyDomain(text), "WEBAUTHN_OPTIONS", oidc::ErrorCategory::Input)) << text;
    // A custom domain is the project's own host; Descope's API hosts serve no application page.
    EXPECT_EQ(defaultPasskeyDomain(QUrl(QStringLiteral("https://auth.example.com"))), "auth.example.com");
    EXPECT_EQ(defaultPasskeyDomain(QUrl(QStringLiteral("https://api.descope.com"))), "localhost");
    EXPECT_EQ(defaultPasskeyDomain(QUrl(QStringLiteral("https://api.euc1.descope.com"))), "localhost");
    EXPECT_EQ(passkeyOriginFor("example.com"), "https://example.com");
}

TEST(LocalhostCeremony, OnlyTheRpIdLocalhostWorksFromALocalhostPage)
{
    EXPECT_TRUE(localhostCeremonyFor("localhost").usable);
    for (const char *rpId : {"example.com", "auth.example.com", "127.0.0.1", "localhost.example.com", ""}) {
        const LocalhostCeremony ceremony = localhostCeremonyFor(rpId);
        EXPECT_FALSE(ceremony.usable) << rpId;
        EXPECT_NE(ceremony.explanation.find("software authenticator can claim any RP ID"), std::string::npos) << rpId;
    }
}

} // namespace
} // namespace oidc::webauthn
