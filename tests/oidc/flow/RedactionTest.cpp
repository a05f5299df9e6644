// Redaction of secrets (oidc/Redaction, rp-checks S1/S2).

#include "oidc/Redaction.h"

#include <gtest/gtest.h>

namespace {

using namespace oidc;

// ---- Redaction (rp-checks S1/S2) ----

TEST(Redaction, SecretsNeverAppear)
{
    const std::string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl";
    const std::string redacted = redactSecret(token);
    EXPECT_EQ(redacted.find(token.substr(6)), std::string::npos);
    EXPECT_NE(redacted.find("[redacted, " + std::to_string(token.size()) + " chars]"), std::string::npos);
    EXPECT_EQ(redactSecret(std::string("short")), "[redacted]");
    EXPECT_EQ(redactAuthorization("Bearer abcdefghijkl"), QByteArray("Bearer [redacted, 12 chars]"));
    const QByteArray form = redactUrlEncoded("grant_type=authorization_code&code=SECRETCODE123&code_verifier=VERIFIERVERIFIER&redirect_uri=x");
    EXPECT_FALSE(form.contains("SECRETCODE123"));
    EXPECT_FALSE(form.contains("VERIFIERVERIFIER"));
    EXPECT_TRUE(form.contains("grant_type=authorization_code"));
    EXPECT_TRUE(form.contains("redirect_uri=x"));
    const QByteArray json = redactJsonBody(R"({"access_token":"AAAAAAAAAAAAAAAA","nested":{"refresh_token":"RRRRRRRRRRRRRRRR"},"token_type":"Bearer"})");
    EXPECT_FALSE(json.contains("AAAAAAAAAAAAAAAA"));
    EXPECT_FALSE(json.contains("RRRRRRRRRRRRRRRR"));
    EXPECT_TRUE(json.contains("Bearer"));
}

} // namespace
