// Descope error bodies (oidc/descope/DescopeError.h, descope-api.md §1.4 and §13): the code as
// sent, the status, plain text, and no echo of a body that is not a Descope error.

#include "SpecVectors.h"

#include "oidc/descope/DescopeError.h"

namespace oidc::descope {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(DescopeRow)

net::HttpResponse answer(int status, QByteArray body, net::HeaderList headers = {})
{
    net::HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

struct DescopeRow {
    const char *name;
    int status;
    QByteArray body;
    const char *code;
    const char *message; // the whole message
};

class DescopeErrorBody : public ::testing::TestWithParam<DescopeRow> {};

TEST_P(DescopeErrorBody, BecomesACategorisedError)
{
    const auto &row = GetParam();
    const Error error = processDescopeError(answer(row.status, row.body));
    EXPECT_EQ(error.category, ErrorCategory::Descope);
    EXPECT_EQ(error.code, row.code);
    EXPECT_EQ(error.httpStatus, row.status);
    EXPECT_EQ(error.message, row.message);
    EXPECT_TRUE(error.actual.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Rows, DescopeErrorBody,
    ::testing::Values(
        DescopeRow{"enchanted_link_pending_13", 401,
                   R"({"errorCode":"E062503","errorDescription":"Unauthorized","errorMessage":"Pending session"})", "E062503",
                   "Descope error (HTTP 401): Unauthorized: Pending session"},
        DescopeRow{"wrong_otp_code_13", 401, R"({"errorCode":"E061102","errorDescription":"Wrong code"})", "E061102",
                   "Descope error (HTTP 401): Wrong code"},
        DescopeRow{"message_only", 400, R"({"errorCode":"E011002","errorDescription":"","errorMessage":"loginId is required"})",
                   "E011002", "Descope error (HTTP 400): loginId is required"},
        DescopeRow{"same_text_once", 400, R"({"errorCode":"E011003","errorDescription":"Bad","errorMessage":"Bad"})", "E011003",
                   "Descope error (HTTP 400): Bad"},
        DescopeRow{"code_only_1_4", 403, R"({"errorCode":"E000001"})", "E000001", "Descope error (HTTP 403): no description"},
        DescopeRow{"null_members", 404, R"({"errorCode":"E112102","errorDescription":null,"errorMessage":null})", "E112102",
                   "Descope error (HTTP 404): no description"},
        DescopeRow{"control_characters_become_plain_text", 400,
                   R"({"errorCode":"E011001","errorDescription":"line\none\u0007<b>bold</b>"})", "E011001",
                   "Descope error (HTTP 400): line one?<b>bold</b>"},
        DescopeRow{"sdk_timeout_code", 408, R"({"errorCode":"0","errorDescription":"timeout"})", "0",
                   "Descope error (HTTP 408): timeout"},
        DescopeRow{"empty_body", 502, "", "DESCOPE_ERROR_NOT_JSON", "HTTP 502 without a Descope error: the body is empty"},
        DescopeRow{"html_page", 502, "<html>Bad gateway</html>", "DESCOPE_ERROR_NOT_JSON",
                   "HTTP 502 without a Descope error: the body is not JSON (24 bytes)"},
        DescopeRow{"truncated_json", 500, R"({"errorCode":"E0)", "DESCOPE_ERROR_NOT_JSON",
                   "HTTP 500 without a Descope error: the body is not JSON (16 bytes)"},
        DescopeRow{"array", 400, "[1,2]", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: the body is a JSON array, not an object"},
        DescopeRow{"oauth_error_instead", 400, R"({"error":"invalid_grant"})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: errorCode is missing or not a string"},
        DescopeRow{"numeric_code", 400, R"({"errorCode":62503})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: errorCode is missing or not a string"},
        DescopeRow{"code_with_markup", 400, R"({"errorCode":"<E1>"})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: errorCode is not 1 to 16 letters and digits"},
        DescopeRow{"empty_code", 400, R"({"errorCode":""})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: errorCode is not 1 to 16 letters and digits"},
        DescopeRow{"long_code", 400, R"({"errorCode":"E01234567890123456"})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: errorCode is not 1 to 16 letters and digits"},
        DescopeRow{"object_description", 400, R"({"errorCode":"E1","errorDescription":{"a":1}})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: errorDescription or errorMessage is not a string"},
        DescopeRow{"duplicate_code", 400, R"({"errorCode":"E1","errorCode":"E2"})", "DESCOPE_ERROR_MALFORMED",
                   "HTTP 400 with a malformed Descope error: a member name occurs twice"}),
    test::RowName{});

// A body that is not a Descope error may echo what the request carried (a token, a code): the
// error must describe it without quoting it.
TEST(DescopeError, MalformedBodiesAreNeverQuoted)
{
    const QByteArray secret = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.c2ln";
    for (const QByteArray &body : {QByteArray("token=" + secret), QByteArray(R"({"echo":")" + secret + R"("})"),
                                   QByteArray(R"({"errorCode":")" + secret + R"("})"),
                                   QByteArray(R"({"errorCode":"E1","errorCode":")" + secret + R"("})")}) {
        const Error error = processDescopeError(answer(400, body));
        EXPECT_TRUE(error.code == "DESCOPE_ERROR_NOT_JSON" || error.code == "DESCOPE_ERROR_MALFORMED") << error.summary();
        EXPECT_EQ(error.summary().find("c2VjcmV0"), std::string::npos) << error.summary();
    }
}

TEST(DescopeError, ProviderTextIsBounded)
{
    const QByteArray body = R"({"errorCode":"E1","errorDescription":")" + QByteArray(5000, 'd') + R"(","errorMessage":")"
        + QByteArray(5000, 'm') + R"("})";
    const Error error = processDescopeError(answer(400, body));
    EXPECT_EQ(error.code, "E1");
    EXPECT_LT(error.message.size(), 600u) << error.message.size();
}

// descope-api.md §1.4: E130429 comes with Retry-After: <seconds>; a poller needs it.
TEST(DescopeError, RateLimitCarriesRetryAfter)
{
    const Error error = processDescopeError(
        answer(429, R"({"errorCode":"E130429","errorDescription":"Rate limit exceeded"})", {{"Retry-After", "17"}}));
    EXPECT_EQ(error.code, "E130429");
    EXPECT_EQ(error.httpStatus, 429);
    EXPECT_EQ(error.actual, "17");
    // A bare 429 from infrastructure: no Descope body, but the wait is still known.
    const Error bare = processDescopeError(answer(429, "", {{"retry-after", " 60 "}}));
    EXPECT_EQ(bare.code, "DESCOPE_ERROR_NOT_JSON");
    EXPECT_EQ(bare.actual, "60");
    // The HTTP-date form and nonsense are not seconds.
    EXPECT_TRUE(processDescopeError(answer(503, "", {{"Retry-After", "Fri, 31 Dec 1999 23:59:59 GMT"}})).actual.empty());
    EXPECT_TRUE(processDescopeError(answer(503, "", {{"Retry-After", "-5"}})).actual.empty());
    EXPECT_TRUE(processDescopeError(answer(503, "", {{"Retry-After", "12345678901"}})).actual.empty());
}

} // namespace
} // namespace oidc::descope
