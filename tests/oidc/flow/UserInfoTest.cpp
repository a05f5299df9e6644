// The UserInfo request and response (oidc/flow/UserInfo, rp-checks U1–U4).

#include "FlowFixtures.h"

#include "oidc/flow/UserInfo.h"

#include <gtest/gtest.h>

namespace {

using namespace oidc;
using namespace oidc::flow;
using flowtest::response;

// ---- UserInfo (rp-checks U1–U4) ----

TEST(UserInfo, Checks)
{
    const auto request = buildUserInfoRequest(QUrl(QStringLiteral("https://op.example/userinfo")), QStringLiteral("at"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->header("Authorization"), QByteArray("Bearer at"));
    EXPECT_TRUE(processUserInfoResponse(response(200, R"({"sub":"u1","email":"a@b"})"), "u1").ok());
    EXPECT_EQ(processUserInfoResponse(response(200, R"({"sub":"u2"})"), "u1").error().code, "USERINFO_SUB_MISMATCH");
    EXPECT_EQ(processUserInfoResponse(response(200, R"({"email":"a@b"})"), "u1").error().code, "USERINFO_SUB_MISSING");
    EXPECT_EQ(processUserInfoResponse(response(200, "[1]"), "u1").error().code, "USERINFO_NOT_OBJECT");
    const auto unauthorized = processUserInfoResponse(
        response(401, "", {{"WWW-Authenticate", R"(Bearer error="invalid_token", error_description="expired")"}}), "u1");
    EXPECT_EQ(unauthorized.error().code, "USERINFO_UNAUTHORIZED");
    EXPECT_NE(unauthorized.error().actual.find("invalid_token"), std::string::npos);
}

} // namespace
