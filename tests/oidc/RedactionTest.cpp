// Redaction (rp-checks S1/S2): secrets never reach logs, error messages or exports. Whatever a
// body looks like — JSON, a form, cut off, mislabelled — redaction fails closed.

#include "SpecVectors.h"

#include "oidc/Redaction.h"
#include "oidc/flow/TokenEndpoint.h"
#include "oidc/net/ExchangeLog.h"

namespace oidc {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(TextRow)

// Live-looking values: a JWT, an opaque base64url token and a hex secret.
constexpr std::string_view kAccessToken =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1MSIsInNjb3BlIjoib3BlbmlkIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMDEyMzQ1Njc4OQ";
constexpr std::string_view kRefreshToken = "rt_8Zq3vN0pLw2XyT7aKc9dHf1GjM4sBu6E";
constexpr std::string_view kHexSecret = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

// The tail after the 6 characters redactSecret keeps, which must never appear.
std::string tailOf(std::string_view secret)
{
    return std::string(secret.substr(6));
}

::testing::AssertionResult hidesSecrets(std::string_view text)
{
    for (const auto secret : {kAccessToken, kRefreshToken, kHexSecret})
        if (text.find(tailOf(secret)) != std::string_view::npos)
            return ::testing::AssertionFailure() << "leaks " << secret.substr(0, 12) << "…: " << text;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult hidesSecrets(const QByteArray &text)
{
    return hidesSecrets(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

std::string truncatedTokenJson()
{
    // A token response cut off mid-object (a proxy dropped the connection, a size cap hit).
    return R"({"access_token":")" + std::string(kAccessToken) + R"(","refresh_token":")" + std::string(kRefreshToken) + R"(",)";
}

std::string formLabelledJson()
{
    return "access_token=" + std::string(kAccessToken) + "&token_type=bearer&refresh_token=" + std::string(kRefreshToken);
}

net::HttpResponse jsonResponse(int status, const std::string &body)
{
    net::HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QByteArray::fromStdString(body);
    return response;
}

// Forms, JSON bodies and Authorization headers (rp-checks S1/S2).
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

// Descope's password calls (the Node SDK's password.signUp / signIn / replace / update): every
// password member is hidden, the login ID stays readable.
TEST(Redaction, DescopePasswordBodies)
{
    const QByteArray body = redactJsonBody(
        R"({"loginId":"dana@example.com","password":"Pass-One-1","oldPassword":"Pass-Old-2","newPassword":"Pass-New-3"})");
    EXPECT_FALSE(body.contains("Pass-One-1"));
    EXPECT_FALSE(body.contains("Pass-Old-2"));
    EXPECT_FALSE(body.contains("Pass-New-3"));
    EXPECT_TRUE(body.contains("dana@example.com"));
    const std::string text = redactText(R"(sent {"loginId":"dana@example.com","newPassword":"Pass-New-3"})");
    EXPECT_EQ(text.find("Pass-New-3"), std::string::npos);
    EXPECT_TRUE(isSecretName("oldPassword"));
    EXPECT_TRUE(isSecretName("NEWPASSWORD"));
}

// The management API (issue 15): Bearer <projectId>:<managementKey> is hidden whole, and the
// access-key create answer's cleartext (shown once by Descope) never reaches the exchange log.
TEST(Redaction, ManagementKeyAndCreatedAccessKeyCleartext)
{
    const QByteArray header = redactAuthorization("Bearer P2SbxProject0000000000000001:MmanagementKEYmanagementKEY");
    EXPECT_FALSE(header.contains("MmanagementKEY"));
    EXPECT_FALSE(header.contains("P2SbxProject"));
    const QByteArray created = redactJsonBody(
        R"({"key":{"id":"K2abc","name":"ci","status":"active"},"cleartext":"K2abc.CLEARTEXTCLEARTEXTCLEARTEXT"})");
    EXPECT_FALSE(created.contains("CLEARTEXTCLEARTEXT"));
    EXPECT_TRUE(created.contains("\"name\":\"ci\""));
    const std::string text = redactText(R"({"projectId":"P2x","managementKey":"MsecretSECRETsecretSECRET"})");
    EXPECT_EQ(text.find("secretSECRET"), std::string::npos);
}

TEST(Redaction, TextKeepsWhatIsNotSecret)
{
    // Words, paths, host names and short values are what make an error readable: they stay.
    for (const std::string_view text : {std::string_view("<html><body>502 Bad Gateway</body></html>"),
                                        std::string_view(R"({"error":"invalid_grant","error_description":"code expired")"),
                                        std::string_view("authorization_response_iss_parameter_supported"),
                                        std::string_view("see https://op.example/.well-known/openid-configuration"),
                                        std::string_view("token_type=bearer&expires_in=3600")})
        EXPECT_EQ(redactText(text), text);
}

struct TextRow {
    const char *name;
    const char *text;
    const char *expected;
};

class RedactText : public ::testing::TestWithParam<TextRow> {};

TEST_P(RedactText, HidesSecretsInAnySyntax)
{
    EXPECT_EQ(redactText(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Syntaxes, RedactText,
    ::testing::Values(TextRow{"json_member", R"({"access_token": "abcdefghijkl", "x": 1)", R"({"access_token": "abcdef…[redacted, 12 chars]", "x": 1)"},
                      TextRow{"json_cut_inside_value", R"({"refresh_token":"abcdefghijkl)", R"({"refresh_token":"abcdef…[redacted, 12 chars])"},
                      TextRow{"json_escaped_quote", R"({"password":"ab\"cdefghij","n":2)", R"({"password":"ab\"cd…[redacted, 12 chars]","n":2)"},
                      TextRow{"form", "code=abcdefghijkl&state=s1", "code=abcdef…[redacted, 12 chars]&state=s1"},
                      TextRow{"header_line", "Authorization: Bearer abcdefghijkl\nX: y", "Authorization: Bearer…[redacted, 19 chars]\nX: y"},
                      TextRow{"short_value", "client_secret=abc", "client_secret=[redacted]"},
                      TextRow{"name_is_case_insensitive", "Client_Secret = 'abcdefghijkl'", "Client_Secret = 'abcdef…[redacted, 12 chars]'"},
                      TextRow{"name_without_value_is_text", "the code is wrong", "the code is wrong"},
                      TextRow{"longer_name_is_not_secret", "token_type=bearer&codes=12", "token_type=bearer&codes=12"},
                      TextRow{"jwt_anywhere", "got eyJhbGciOiJub25lIn0.e30. back", "got eyJhbG…[redacted, 24 chars] back"},
                      TextRow{"hex_run", "id 9f86d081884c7d659a2feaa0c55ad015 end", "id 9f86d0…[redacted, 32 chars] end"},
                      TextRow{"base64_with_padding", "k=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA== ok", "k=Zm9vYm…[redacted, 32 chars] ok"}),
    test::RowName{});

TEST(Redaction, PreviewIsRedactedThenBounded)
{
    const std::string body = "error: refresh_token=" + std::string(kRefreshToken) + " " + std::string(500, 'x');
    const std::string preview = redactedPreview(body, 60);
    EXPECT_TRUE(hidesSecrets(preview));
    EXPECT_TRUE(preview.starts_with("error: refresh_token=rt_8Zq…[redacted, 35 chars] xxx")) << preview;
    EXPECT_TRUE(preview.ends_with("…"));
    EXPECT_EQ(redactedPreview("<html>\n502</html>"), "<html> 502</html>");
}

TEST(Redaction, UrlQueryFragmentAndPassword)
{
    EXPECT_EQ(redactUrl(QUrl(QStringLiteral("https://user:pa55word@op.example/cb?code=abcdefghijkl&state=s1#access_token=abcdefghijkl&x=1"))),
              QStringLiteral("https://user:redacted@op.example/cb?code=abcdef%E2%80%A6%5Bredacted%2C%2012%20chars%5D&state=s1"
                             "#access_token=abcdef%E2%80%A6%5Bredacted%2C%2012%20chars%5D&x=1"));
    EXPECT_EQ(redactUrl(QUrl(QStringLiteral("https://op.example/jwks"))), QStringLiteral("https://op.example/jwks"));
}

TEST(Redaction, Defect3_UnparseableJsonBodiesFailClosed)
{
    for (const std::string &body : {truncatedTokenJson(), formLabelledJson(),
                                    // cut inside the first value: the rest of the text is the secret
                                    R"({"access_token":")" + std::string(kAccessToken).substr(0, 90),
                                    R"({"refresh_token" : ')" + std::string(kRefreshToken) + "' oops",
                                    "<html>token " + std::string(kAccessToken) + "</html>",
                                    "client_secret: " + std::string(kHexSecret) + "\nnext line"}) {
        const QByteArray redacted = redactJsonBody(QByteArray::fromStdString(body));
        EXPECT_TRUE(hidesSecrets(redacted)) << body;
    }
}

TEST(Redaction, Defect3_ExchangeLogShowsNoTokenFromABrokenBody)
{
    net::HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("https://op.example/token"));
    for (const std::string &body : {truncatedTokenJson(), formLabelledJson()}) {
        exchange.response = jsonResponse(200, body);
        net::ExchangeLog log;
        log.add(exchange);
        const auto &record = log.records().front();
        EXPECT_TRUE(hidesSecrets(net::ExchangeLog::responseText(record, net::Reveal::Redacted).toStdString())) << body;
        // The user's own eyes may still ask for the raw body.
        EXPECT_FALSE(hidesSecrets(net::ExchangeLog::responseText(record, net::Reveal::Secrets).toStdString()));
    }
}

TEST(Redaction, Defect3_TokenEndpointPreviewsAreRedacted)
{
    // TOKEN_JSON: a 200 whose body does not parse; TOKEN_HTTP_STATUS: an error page echoing a token.
    for (const auto &[status, body] : std::vector<std::pair<int, std::string>>{
             {200, truncatedTokenJson()},
             {200, formLabelledJson()},
             {500, "upstream said: refresh_token=" + std::string(kRefreshToken) + " is " + std::string(kAccessToken)}}) {
        const auto result = flow::processTokenResponse(jsonResponse(status, body), 0);
        ASSERT_FALSE(result.ok()) << body;
        EXPECT_TRUE(hidesSecrets(result.error().message)) << result.error().code;
        EXPECT_TRUE(hidesSecrets(result.error().summary())) << result.error().code;
    }
}

} // namespace
} // namespace oidc
