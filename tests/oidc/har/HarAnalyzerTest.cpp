// oidc::har::HarAnalyzer on crafted HARs: one row per finding code, each from a clean flow with
// one thing changed, and the clean flow itself with no finding.

#include "HarFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace hartest;
using oidc::Json;
using oidc::har::ExchangeKind;
using oidc::har::HarAnalysis;
using oidc::har::Severity;

const oidc::har::HarFinding *findingFor(const HarAnalysis &analysis, std::string_view code)
{
    const auto it = std::find_if(analysis.findings.begin(), analysis.findings.end(), [&](const auto &finding) { return finding.code == code; });
    return it == analysis.findings.end() ? nullptr : &*it;
}

TEST(HarAnalyzer, CleanCodeFlowHasNoFindingAndListsEveryExchange)
{
    const HarAnalysis analysis = analyzeDocument(harDocument(cleanFlow()));
    EXPECT_TRUE(analysis.findings.empty()) << (analysis.findings.empty() ? "" : analysis.findings.front().message);
    EXPECT_TRUE(analysis.ok());
    EXPECT_EQ(analysis.entryCount, 5);
    std::vector<ExchangeKind> kinds;
    for (const auto &exchange : analysis.exchanges)
        kinds.push_back(exchange.kind);
    EXPECT_EQ(kinds, (std::vector<ExchangeKind>{ExchangeKind::Discovery, ExchangeKind::Jwks, ExchangeKind::Authorize, ExchangeKind::Callback,
                                                ExchangeKind::Token}));
    ASSERT_EQ(analysis.tokens.size(), 1u);
    EXPECT_EQ(analysis.tokens[0].name, "id_token");
    EXPECT_EQ(analysis.tokens[0].entry, 4);
}

struct FindingRow {
    const char *name;
    std::vector<Json> entries;
    std::string_view code;
    Severity severity;
    int entry;
};

std::vector<Json> withExtra(std::vector<Json> entries, std::vector<Json> extra)
{
    entries.insert(entries.end(), extra.begin(), extra.end());
    return entries;
}

std::vector<FindingRow> findingRows()
{
    namespace f = oidc::har::finding;
    const std::vector<Json> clean = cleanFlow();
    Json secondRedemption = clean[4];
    Json tooMany = harEntry({.method = "POST", .url = "https://idp.test/oauth/token", .requestMime = "application/x-www-form-urlencoded",
                             .requestBody = "grant_type=refresh_token&refresh_token=r1", .status = 429,
                             .responseHeaders = {{"Retry-After", "30"}}, .responseBody = R"({"error":"slow_down"})", .atSeconds = kT0 + 9});
    Json skewedDate = harEntry({.url = "https://idp.test/me", .responseHeaders = {{"Date", "Fri, 15 Jan 2027 08:10:00 GMT"}},
                                .responseBody = R"({"sub":"alice"})", .atSeconds = kT0 + 10});
    const std::string implicitToken = signedToken({{"iss", "https://idp.test"}, {"aud", "app-1"}, {"sub", "alice"}, {"exp", kT0 + 3600}});
    Json implicitRedirect = harEntry({.url = "https://idp.test/login/submit", .status = 302,
                                      .responseHeaders = {{"Location", "http://127.0.0.1:8765/cb#access_token=" + implicitToken + "&state=state-1"}},
                                      .responseMime = "text/html", .atSeconds = kT0 + 4});
    return {
        {"PkceMissingRfc7636", cleanFlow({.pkce = false}), f::kPkceMissing, Severity::Warning, 2},
        {"StateMismatchRfc6749Section10_12", cleanFlow({.callbackState = "forged"}), f::kStateMismatch, Severity::Error, 3},
        {"NonceMismatchOidcCore3_1_3_7_11", cleanFlow({.idTokenNonce = "replayed"}), f::kNonceMismatch, Severity::Error, 4},
        {"CodeReusedRfc6749Section4_1_2", withExtra(clean, {secondRedemption}), f::kCodeReused, Severity::Error, 5},
        {"TokenExpiredRfc7519Section4_1_4", cleanFlow({.idTokenExp = kT0 - 600, .idTokenIat = kT0 - 4200}), f::kTokenExpired, Severity::Error, 4},
        {"ClockSkewIatInTheFuture", cleanFlow({.idTokenIat = kT0 + 900}), f::kClockSkew, Severity::Warning, 4},
        {"ClockSkewDateHeader", withExtra(clean, {skewedDate}), f::kClockSkew, Severity::Warning, 5},
        {"RateLimitedRfc6585", withExtra(clean, {tooMany}), f::kRateLimited, Severity::Warning, 5},
        {"TokenInUrlRfc9700Section2_1_2", withExtra(clean, {implicitRedirect}), f::kTokenInUrl, Severity::Error, 5},
        {"IdtSignatureInvalidOidcCore3_1_3_7_6", cleanFlow({.badSignature = true}), f::kIdtSignatureInvalid, Severity::Error, 4},
    };
}

class HarFindingRows : public ::testing::TestWithParam<FindingRow> {};

TEST_P(HarFindingRows, FlagsTheEntryWithTheStableCode)
{
    const FindingRow &row = GetParam();
    const HarAnalysis analysis = analyzeDocument(harDocument(row.entries));
    const auto *finding = findingFor(analysis, row.code);
    ASSERT_NE(finding, nullptr) << "codes: " << ::testing::PrintToString(codesOf(analysis));
    EXPECT_EQ(finding->severity, row.severity);
    EXPECT_EQ(finding->entry, row.entry);
    EXPECT_FALSE(finding->message.empty());
    EXPECT_EQ(analysis.ok(), row.severity != Severity::Error);
    // Findings never hold a token: no message has a whole JWT of the file.
    for (const auto &any : analysis.findings)
        for (const auto &token : analysis.tokens)
            EXPECT_EQ(any.message.find(token.value), std::string::npos) << any.code;
    // No message quotes the authorization code either.
    for (const auto &any : analysis.findings)
        EXPECT_EQ(any.message.find("SplxlOBeZQQYbYS6WxSbIA"), std::string::npos) << any.code;
}

INSTANTIATE_TEST_SUITE_P(Crafted, HarFindingRows, ::testing::ValuesIn(findingRows()),
                         [](const auto &row) { return std::string(row.param.name); });

TEST(HarAnalyzer, JsonOutputRedactsTokensUnlessAsked)
{
    const HarAnalysis analysis = analyzeDocument(harDocument(cleanFlow()));
    const std::string token = analysis.tokens.at(0).value;
    const Json hidden = analysis.toJson(false);
    EXPECT_EQ(hidden["ok"], true);
    EXPECT_EQ(hidden["exchanges"].size(), 5u);
    EXPECT_EQ(hidden.dump().find(token), std::string::npos);
    EXPECT_NE(analysis.toJson(true).dump().find(token), std::string::npos);
}

TEST(HarAnalyzer, ProviderRefusalIsPlainTextAndNotAnError)
{
    auto entries = cleanFlow();
    entries[4]["response"]["status"] = 400;
    entries[4]["response"]["content"]["text"] = R"({"error":"invalid_grant","error_description":"<b>code expired</b>"})";
    const HarAnalysis analysis = analyzeDocument(harDocument(entries));
    const auto *finding = findingFor(analysis, oidc::har::finding::kProviderError);
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->entry, 4);
    EXPECT_NE(finding->message.find("invalid_grant"), std::string::npos);
    EXPECT_TRUE(analysis.ok());
}

TEST(HarAnalyzer, RedactedTokensAreCountedNotChecked)
{
    auto entries = cleanFlow();
    entries[4]["response"]["content"]["text"] = R"({"access_token":"opaq…[redacted, 25 chars]","id_token":"eyJhbG…[redacted, 600 chars]"})";
    const HarAnalysis analysis = analyzeDocument(harDocument(entries));
    EXPECT_EQ(codesOf(analysis), std::vector<std::string>{"TOKENS_REDACTED"});
    EXPECT_TRUE(analysis.tokens.empty());
}

} // namespace
