// Sessions, validation, access keys and misbehaving answers end to end against the sandbox
// (descope-api.md §2, §4, §10): refresh rotates, logout ends refresh, roles and tenants as named
// checks, an access key's session and API calls, bad signatures, rotated keys, cut-off JSON, and
// an exchange log that shows no secret.

#include "SandboxClientTest.h"

#include "sandbox/FaultInjector.h"

#include "tests/support/EventLoop.h"

namespace oidc::descope {
namespace {

using test::kAlice;
using test::kBob;
using test::kGlobex;
using oidc::test::failsWith;
using oidc::test::succeeds;
using test::failedChecks;
using test::hasCheck;

using SessionSandbox = test::SandboxClientTest;

sandbox::Fault onOtpVerify(sandbox::FaultKind kind)
{
    sandbox::Fault fault;
    fault.kind = kind;
    fault.path = "/v1/auth/otp/verify/email";
    fault.remaining = 1;
    return fault;
}

TEST_F(SessionSandbox, RefreshRotatesMeAnswersTheUser_4)
{
    const DescopeSession first = signIn(kAlice);
    const auto refreshed = client().refresh(first.refreshJwt);
    ASSERT_TRUE(refreshed.ok()) << refreshed.result.error().summary() << failedChecks(refreshed);
    EXPECT_NE(refreshed.result->refreshJwt, first.refreshJwt);
    EXPECT_EQ(refreshed.result->refreshSource, TokenSource::Body);
    EXPECT_EQ(refreshed.result->userId, first.userId);
    EXPECT_EQ(client().client().session()->refreshJwt, refreshed.result->refreshJwt);
    auto me = client().me(refreshed.result->refreshJwt);
    ASSERT_TRUE(succeeds(me));
    EXPECT_EQ(me->userId, test::kAliceId);
    EXPECT_EQ(me->roleNames, (std::vector<std::string>{"admin", "user"}));
}

TEST_F(SessionSandbox, LogoutThenRefreshIsRefused)
{
    const DescopeSession session = signIn(kAlice);
    ASSERT_TRUE(succeeds(client().logout(session.refreshJwt, LogoutScope::ThisSession)));
    EXPECT_FALSE(client().client().session().has_value());
    const auto after = client().refresh(session.refreshJwt);
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.result.error().category, ErrorCategory::Descope);
    EXPECT_EQ(after.result.error().httpStatus, 401);
    EXPECT_TRUE(failsWith(client().me(session.refreshJwt), after.result.error().code, ErrorCategory::Descope));
}

TEST_F(SessionSandbox, LogoutAllEndsEverySession)
{
    const DescopeSession one = signIn(kAlice);
    const DescopeSession two = signIn(kAlice);
    ASSERT_TRUE(succeeds(client().logout(two.refreshJwt, LogoutScope::AllSessions)));
    EXPECT_FALSE(client().refresh(one.refreshJwt).ok());
    EXPECT_FALSE(client().refresh(two.refreshJwt).ok());
}

TEST_F(SessionSandbox, ValidateWithRolesPermissionsAndTenants)
{
    const DescopeSession alice = signIn(kAlice);
    const auto admin = client().validateSession(alice.sessionJwt, {{"admin"}, {"write:data"}, {}});
    ASSERT_TRUE(admin.ok()) << failedChecks(admin);
    EXPECT_TRUE(hasCheck(admin, "roles.admin", true));
    EXPECT_TRUE(hasCheck(admin, "permissions.write:data", true));
    EXPECT_EQ(admin.result->sessionSource, TokenSource::Given);

    const DescopeSession bob = signIn(kBob);
    const auto foreign = client().validateSession(bob.sessionJwt, {{"admin"}, {}, {}});
    ASSERT_TRUE(failsWith(foreign.result, "DESCOPE_ROLE_MISSING", ErrorCategory::IdToken));
    EXPECT_TRUE(hasCheck(foreign, "roles.admin", false));
    EXPECT_TRUE(hasCheck(foreign, "session.signature", true));
    EXPECT_EQ(foreign.untrustedClaims["sub"], test::kBobId);
    const auto inGlobex = client().validateSession(bob.sessionJwt, {{"admin"}, {"write:data"}, kGlobex});
    EXPECT_TRUE(inGlobex.ok()) << failedChecks(inGlobex);
    EXPECT_TRUE(hasCheck(inGlobex, std::string("tenant.") + kGlobex, true));
    const auto notMember = client().validateSession(alice.sessionJwt, {{"admin"}, {}, kGlobex});
    EXPECT_TRUE(failsWith(notMember.result, "DESCOPE_TENANT_NOT_ASSOCIATED", ErrorCategory::IdToken));
    EXPECT_TRUE(failsWith(client().validateSession(alice.refreshJwt, {}).result, "DESCOPE_DRN_MISMATCH", ErrorCategory::IdToken));
    EXPECT_TRUE(failsWith(client().validateSession("", {}).result, "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
}

TEST_F(SessionSandbox, AccessKeyExchangeAndApiCalls_10)
{
    AccessKeyOptions options;
    options.customClaims = {{"scope", "read:data"}};
    const auto reader = client().exchangeAccessKey(kReaderKey, options);
    ASSERT_TRUE(reader.ok()) << reader.result.error().summary() << failedChecks(reader);
    EXPECT_EQ(reader.result->userId, "K2SbxReader00000000000000001");
    EXPECT_TRUE(reader.result->refreshJwt.empty());
    EXPECT_EQ(reader.result->session.claims()["roles"], Json::array({"user"}));
    EXPECT_EQ(reader.result->session.claims()["nsec"]["scope"], "read:data");
    EXPECT_FALSE(client().client().session().has_value()); // an M2M session is not the user's
    const QUrl base = server().baseUrl();
    auto user = client().callWithSession(base.resolved(QUrl(QStringLiteral("/api/user"))), "GET", reader.result->sessionJwt);
    ASSERT_TRUE(succeeds(user));
    EXPECT_EQ(user->status, 200);
    auto admin = client().callWithSession(base.resolved(QUrl(QStringLiteral("/api/admin"))), "GET", reader.result->sessionJwt);
    ASSERT_TRUE(succeeds(admin));
    EXPECT_EQ(admin->status, 403);
    EXPECT_EQ(admin->body.find(reader.result->sessionJwt.substr(0, 30)), std::string::npos);

    const auto withTenant = client().exchangeAccessKey(kAdminKey, AccessKeyOptions{nullptr, "T2SbxAcme0000000000000000001"});
    ASSERT_TRUE(withTenant.ok()) << withTenant.result.error().summary();
    EXPECT_EQ(withTenant.result->session.claims()["k1"], "v1");
    EXPECT_TRUE(failsWith(client().exchangeAccessKey("SANDBOX-ONLY-not-a-key").result, "E062803", ErrorCategory::Descope));
}

TEST_F(SessionSandbox, BadSignatureIsNeverASession_J1)
{
    const DescopeSession good = signIn(kAlice);
    addFault(onOtpVerify(sandbox::FaultKind::BadSignature));
    PasswordlessStart start;
    start.loginId = kAlice;
    ASSERT_TRUE(client().startOtp(DeliveryMethod::Email, start).ok());
    const auto outcome = client().verifyOtp(DeliveryMethod::Email, kAlice, latestMessage(kAlice).code);
    ASSERT_TRUE(failsWith(outcome.result, "SIGNATURE_INVALID", ErrorCategory::IdToken));
    EXPECT_TRUE(hasCheck(outcome, "session.signature", false));
    EXPECT_EQ(outcome.untrustedClaims["sub"], test::kAliceId);
    EXPECT_EQ(client().client().session()->sessionJwt, good.sessionJwt); // the earlier session stays
}

TEST_F(SessionSandbox, RotatedKeysAreRefetchedOnce_K2)
{
    (void)signIn(kAlice); // the keys are now cached
    std::optional<Result<std::string>> rotated;
    server().rotateKeys([&](Result<std::string> kid) { rotated.emplace(std::move(kid)); });
    ASSERT_TRUE(oidc::test::spinUntil([&] { return rotated.has_value(); }, 10000));
    ASSERT_TRUE(rotated->ok());
    const DescopeSession after = signIn(kAlice);
    EXPECT_EQ(after.session.kid, **rotated);
    ASSERT_TRUE(client().client().keys().has_value());
    EXPECT_EQ(client().client().keys()->keys.size(), 2u); // the refetched set: new key and old one in its grace period

    addFault(onOtpVerify(sandbox::FaultKind::UnknownKid));
    PasswordlessStart start;
    start.loginId = kAlice;
    ASSERT_TRUE(client().startOtp(DeliveryMethod::Email, start).ok());
    const auto unknown = client().verifyOtp(DeliveryMethod::Email, kAlice, latestMessage(kAlice).code);
    EXPECT_TRUE(failsWith(unknown.result, "KID_UNKNOWN", ErrorCategory::Keys)); // within the refetch cooldown
}

TEST_F(SessionSandbox, CutOffJsonIsAnUnusableAnswer_T3)
{
    addFault(onOtpVerify(sandbox::FaultKind::MalformedJson));
    PasswordlessStart start;
    start.loginId = kAlice;
    ASSERT_TRUE(client().startOtp(DeliveryMethod::Email, start).ok());
    const std::string code = latestMessage(kAlice).code;
    const auto outcome = client().verifyOtp(DeliveryMethod::Email, kAlice, code);
    ASSERT_TRUE(failsWith(outcome.result, "DESCOPE_ANSWER_NOT_JSON", ErrorCategory::Descope));
    EXPECT_EQ(outcome.result.error().message.find("eyJ"), std::string::npos);
    // The log shows the half body redacted as text: it fails closed.
    const std::string log = redactedLog();
    EXPECT_NE(log.find("\"sessionJwt\""), std::string::npos);
    EXPECT_EQ(log.find("eyJhbGci"), std::string::npos);
}

TEST_F(SessionSandbox, TheExchangeLogShowsNoSecret_S1)
{
    const DescopeSession session = signIn(kAlice);
    const std::string code = latestMessage(kAlice).code;
    auto enrollment = client().signUpTotp("dana@example.com");
    ASSERT_TRUE(succeeds(enrollment));
    const auto reader = client().exchangeAccessKey(kReaderKey);
    ASSERT_TRUE(reader.ok());
    PasswordlessStart start;
    start.loginId = kBob;
    auto link = client().startEnchantedLink(start);
    ASSERT_TRUE(succeeds(link));
    const std::string log = redactedLog();
    ASSERT_NE(log.find("/v1/auth/otp/verify/email"), std::string::npos);
    for (const std::string &secret : {session.sessionJwt, session.refreshJwt, reader.result->sessionJwt, enrollment->key, link->pendingRef,
                                      std::string(kReaderKey)})
        EXPECT_EQ(log.find(secret.substr(0, 24)), std::string::npos) << "leaked: " << secret.substr(0, 12) << "…";
    EXPECT_EQ(log.find("\"code\":\"" + code + "\""), std::string::npos);
    EXPECT_EQ(log.find("secret=" + enrollment->key.substr(0, 8)), std::string::npos);
    const std::string image = enrollment->image.toBase64().toStdString();
    EXPECT_EQ(log.find(image.substr(image.size() / 2, 24)), std::string::npos); // the QR code of the secret
}

} // namespace
} // namespace oidc::descope
