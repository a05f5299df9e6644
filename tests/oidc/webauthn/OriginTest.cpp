// The RP ID an origin implies (W3C WebAuthn Level 3 §5.1.2).

#include "oidc/webauthn/Origin.h"

#include "TestSupport.h"

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

} // namespace
} // namespace oidc::webauthn
