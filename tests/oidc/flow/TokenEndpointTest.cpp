// Token requests and responses (oidc/flow/TokenEndpoint, rp-checks T1–T9, RFC 6749 §2.3.1).

#include "FlowFixtures.h"

#include "oidc/flow/TokenEndpoint.h"

#include <gtest/gtest.h>

namespace {

using namespace oidc;
using namespace oidc::flow;
using flowtest::response;
using flowtest::pendingFor;

// ---- Token endpoint (rp-checks T1–T9, RFC 6749 §2.3.1) ----

TEST(Token, FormUrlEncodingAndBasicCredentials)
{
    EXPECT_EQ(formUrlEncode(QStringLiteral("a b+c/=&é")), QByteArray("a+b%2Bc%2F%3D%26%C3%A9"));
    ClientCredentials client{QStringLiteral("my client"), QStringLiteral("p@ss w:rd+"), ClientAuthMethod::ClientSecretBasic};
    const auto request = buildClientCredentialsRequest(QUrl(QStringLiteral("https://op.example/token")), client, QStringLiteral("read write"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->method, QByteArray("POST"));
    EXPECT_EQ(request->header("Authorization"), "Basic " + QByteArray("my+client:p%40ss+w%3Ard%2B").toBase64());
    EXPECT_EQ(request->body, QByteArray("grant_type=client_credentials&scope=read+write"));
    EXPECT_FALSE(request->body.contains("client_secret"));
}

TEST(Token, PostAndNoneAuthentication)
{
    ClientCredentials post{QStringLiteral("c"), QStringLiteral("s"), ClientAuthMethod::ClientSecretPost};
    const auto request = buildRefreshRequest(QUrl(QStringLiteral("https://op.example/token")), post, QStringLiteral("rt"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->body, QByteArray("grant_type=refresh_token&refresh_token=rt&client_id=c&client_secret=s"));
    EXPECT_TRUE(request->header("Authorization").isEmpty());
    ClientCredentials none{QStringLiteral("c"), {}, ClientAuthMethod::None};
    EXPECT_EQ(buildClientCredentialsRequest(QUrl(QStringLiteral("https://op.example/token")), none, {}).error().code, "TOKEN_CLIENT_SECRET_MISSING");
}

TEST(Token, CodeExchangeNeedsAValidatedCallback)
{
    const auto callback = validateCallback(QUrl(QStringLiteral("http://127.0.0.1/cb?code=c%2B1&state=s1&iss=https%3A%2F%2Fop.example")), pendingFor());
    ASSERT_TRUE(callback.ok());
    ClientCredentials client{QStringLiteral("pub"), {}, ClientAuthMethod::None};
    const auto request = buildAuthorizationCodeRequest(QUrl(QStringLiteral("https://op.example/token")), client, *callback.callback, pendingFor());
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->body, QByteArray("grant_type=authorization_code&code=c%2B1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback"
                                        "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=pub"));
}

struct TokenRow {
    const char *name;
    int status;
    const char *body;
    const char *code;
};

class TokenResponseTest : public ::testing::TestWithParam<TokenRow> {};

TEST_P(TokenResponseTest, Processes)
{
    const auto &row = GetParam();
    const auto result = processTokenResponse(response(row.status, row.body), 1000);
    if (std::string(row.code).empty()) {
        ASSERT_TRUE(result.ok()) << result.error().summary();
        return;
    }
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().category, ErrorCategory::Token);
    EXPECT_EQ(result.error().code, row.code);
}

INSTANTIATE_TEST_SUITE_P(
    RpChecks, TokenResponseTest,
    ::testing::Values(TokenRow{"Valid", 200, R"({"access_token":"a","token_type":"Bearer","expires_in":60})", ""},
                      TokenRow{"T5_BearerCaseInsensitive", 200, R"({"access_token":"a","token_type":"BEARER"})", ""},
                      TokenRow{"T5_DPoP", 200, R"({"access_token":"a","token_type":"dpop"})", ""},
                      TokenRow{"T5_MacUnsupported", 200, R"({"access_token":"a","token_type":"mac"})", "TOKEN_TYPE_UNSUPPORTED"},
                      TokenRow{"T6_NoExpiresNoScope", 200, R"({"access_token":"a","token_type":"bearer"})", ""},
                      TokenRow{"T1_InvalidGrant", 400, R"({"error":"invalid_grant","error_description":"code reused"})", "TOKEN_PROVIDER_ERROR"},
                      TokenRow{"T1_InvalidClient", 401, R"({"error":"invalid_client"})", "TOKEN_PROVIDER_ERROR"},
                      TokenRow{"T2_HtmlFromProxy", 502, "<html>Bad Gateway</html>", "TOKEN_HTTP_STATUS"},
                      TokenRow{"T3_TruncatedJson", 200, R"({")", "TOKEN_JSON"},
                      TokenRow{"T3_Null", 200, "null", "TOKEN_JSON_NOT_OBJECT"},
                      TokenRow{"T3_Array", 200, "[]", "TOKEN_JSON_NOT_OBJECT"},
                      TokenRow{"T4_NoAccessToken", 200, R"({"token_type":"bearer"})", "TOKEN_ACCESS_TOKEN_MISSING"},
                      TokenRow{"T4_EmptyAccessToken", 200, R"({"access_token":"","token_type":"bearer"})", "TOKEN_ACCESS_TOKEN_MISSING"},
                      TokenRow{"T4_NumericTokenType", 200, R"({"access_token":"a","token_type":1})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_RefreshTokenNotString", 200, R"({"access_token":"a","token_type":"bearer","refresh_token":{}})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_ExpiresInString", 200, R"({"access_token":"a","token_type":"bearer","expires_in":"60"})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_ExpiresInOutOfRange_Fuzz", 200, R"({"access_token":"a","token_type":"bearer","expires_in":601e300})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T9_RedirectNotFollowed", 302, "", "TOKEN_REDIRECT"},
                      TokenRow{"J14_DuplicateNames", 200, R"({"access_token":"a","access_token":"b","token_type":"bearer"})", "TOKEN_JSON"}),
    [](const auto &row) { return std::string(row.param.name); });

// Issue 14, defect 5: an expires_in that no int64 holds (or that overflows when added to the time
// it was received) is refused like a negative one, instead of an unchecked double → qint64 cast.
TEST(Token, Defect5_ImplausiblyLargeExpiresInIsRefused)
{
    for (const char *value : {"1e300", "9223372036854775000", "18446744073709551615", "1e19", "315576001"}) {
        const QByteArray body = QByteArrayLiteral(R"({"access_token":"a","token_type":"Bearer","expires_in":)") + value + '}';
        const auto result = processTokenResponse(response(200, body), 1000);
        ASSERT_FALSE(result.ok()) << "expires_in " << value << " was accepted as " << result->expiresIn.value_or(0);
        EXPECT_EQ(result.error().code, "TOKEN_FIELD_TYPE") << value;
    }
    // Ten years is the longest lifetime taken at its word; fractions are cut to whole seconds.
    for (const auto &[value, seconds] : {std::pair{"315576000", qint64(315576000)}, std::pair{"59.9", qint64(59)}, std::pair{"0", qint64(0)}}) {
        const QByteArray body = QByteArrayLiteral(R"({"access_token":"a","token_type":"Bearer","expires_in":)") + value + '}';
        const auto result = processTokenResponse(response(200, body), 1000);
        ASSERT_TRUE(result.ok()) << value << ": " << result.error().summary();
        EXPECT_EQ(result->expiresIn, seconds) << value;
    }
}

TEST(Token, T2_PreviewIsBounded)
{
    const auto result = processTokenResponse(response(502, QByteArray(5000, 'x')), 0);
    ASSERT_FALSE(result.ok());
    EXPECT_LT(result.error().message.size(), 300u);
    EXPECT_EQ(result.error().httpStatus, 502);
}

} // namespace
