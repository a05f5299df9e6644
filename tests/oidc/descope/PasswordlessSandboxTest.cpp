// Enchanted link, magic link and OTP end to end against the sandbox (descope-api.md §5–§7, §11):
// each happy path with its session checks, and the refusals — wrong code, wrong link, expired
// link, reused token, a pendingRef the server no longer knows — and step-up.

#include "SandboxClientTest.h"
#include "PollerTestHook.h"

#include "sandbox/SandboxContext.h"

#include "tests/support/EventLoop.h"

namespace oidc::descope {
namespace {

using test::kAlice;
using test::kAliceId;
using oidc::test::failsWith;
using oidc::test::succeeds;
using test::failedChecks;
using test::hasCheck;

PasswordlessStart startFor(const std::string &loginId, LoginOperation operation = LoginOperation::SignIn)
{
    PasswordlessStart start;
    start.loginId = loginId;
    start.operation = operation;
    return start;
}

class PasswordlessSandbox : public test::SandboxClientTest {
protected:
    void SetUp() override
    {
        SandboxClientTest::SetUp();
        PollerTestHook::setMinimumInterval(client(), 1);
    }
    // Polls `pendingRef` every 20 ms; after `pendingPolls` pending answers, clicks `link`.
    PolledSession pollAndClick(const std::string &pendingRef, const std::string &link, size_t pendingPolls)
    {
        std::optional<Status> clicked;
        auto polled = client().pollEnchantedLink(pendingRef, PollSettings{20, 30000, {"E062503"}}, [&](const PollRecord &record) {
            if (record.number == static_cast<int>(pendingPolls) && record.decision == PollDecision::Pending)
                (void)client().client().verifyEnchantedLink(linkToken(link).value(), [&](Status status) { clicked.emplace(std::move(status)); });
        });
        EXPECT_TRUE(clicked.has_value() && clicked->ok());
        return polled;
    }
};

TEST_F(PasswordlessSandbox, EnchantedLinkPendingThenVerified)
{
    auto started = client().startEnchantedLink(startFor(kAlice));
    ASSERT_TRUE(succeeds(started));
    EXPECT_EQ(started->linkId.size(), 2u);
    EXPECT_FALSE(started->maskedEmail.empty());
    EXPECT_EQ(started->maskedEmail.find("alice@"), std::string::npos); // masked
    const auto polled = pollAndClick(started->pendingRef, enchantedLink(kAlice, started->linkId), 3);
    ASSERT_TRUE(polled.session.ok()) << polled.session.result.error().summary() << failedChecks(polled.session);
    ASSERT_EQ(polled.polls.size(), 4u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(polled.polls[i].decision, PollDecision::Pending);
        EXPECT_EQ(polled.polls[i].status, 401);
        EXPECT_EQ(polled.polls[i].code, "E062503");
    }
    EXPECT_EQ(polled.polls[3].decision, PollDecision::Done);
    const DescopeSession &session = polled.session.result.value();
    EXPECT_EQ(session.userId, kAliceId);
    EXPECT_EQ(session.loginIds, std::vector<std::string>{kAlice});
    for (const char *id : {"session.signature", "session.iss", "session.exp", "session.drn"})
        EXPECT_TRUE(hasCheck(polled.session, id, true)) << id;
    EXPECT_EQ(session.session.claims()["amr"], Json::array({"email"}));
    EXPECT_GT(session.expiresAt, sandboxNow());
    ASSERT_TRUE(session.refreshExpiresAt.has_value());
    EXPECT_GT(*session.refreshExpiresAt, session.expiresAt);
    ASSERT_TRUE(client().client().session().has_value());
    EXPECT_EQ(client().client().session()->sessionJwt, session.sessionJwt);
}

TEST_F(PasswordlessSandbox, EnchantedLinkSignUpAndSignUpOrIn)
{
    auto started = client().startEnchantedLink(startFor("newcomer@example.com", LoginOperation::SignUp));
    ASSERT_TRUE(succeeds(started));
    const auto polled = pollAndClick(started->pendingRef, enchantedLink("newcomer@example.com", started->linkId), 1);
    ASSERT_TRUE(polled.session.ok()) << polled.session.result.error().summary();
    EXPECT_TRUE(polled.session.result->firstSeen);
    EXPECT_EQ(polled.session.result->loginIds, std::vector<std::string>{"newcomer@example.com"});
    auto again = client().startEnchantedLink(startFor("newcomer@example.com", LoginOperation::SignUpOrIn));
    ASSERT_TRUE(succeeds(again));
    const auto second = pollAndClick(again->pendingRef, enchantedLink("newcomer@example.com", again->linkId), 1);
    ASSERT_TRUE(second.session.ok());
    EXPECT_FALSE(second.session.result->firstSeen);
    EXPECT_TRUE(failsWith(client().startEnchantedLink(startFor(kAlice, LoginOperation::SignUp)), "E062107", ErrorCategory::Descope));
}

TEST_F(PasswordlessSandbox, EnchantedLinkWrongLinkReusedTokenAndUnknownPendingRef)
{
    auto started = client().startEnchantedLink(startFor(kAlice));
    ASSERT_TRUE(succeeds(started));
    const std::string wrong = enchantedLink(kAlice, started->linkId, true);
    EXPECT_TRUE(failsWith(client().verifyEnchantedLink(linkToken(wrong).value()), "E011003", ErrorCategory::Descope));
    const std::string right = linkToken(enchantedLink(kAlice, started->linkId)).value();
    ASSERT_TRUE(succeeds(client().verifyEnchantedLink(right)));
    auto polled = client().pollEnchantedLink(started->pendingRef, PollSettings{20, 10000, {"E062503"}});
    ASSERT_TRUE(polled.session.ok());
    // The session was handed out once: the pendingRef is spent, polling it again is refused at once.
    auto spent = client().pollEnchantedLink(started->pendingRef, PollSettings{20, 10000, {"E062503"}});
    ASSERT_TRUE(failsWith(spent.session.result, "E011003", ErrorCategory::Descope));
    EXPECT_EQ(spent.polls.size(), 1u);
    EXPECT_EQ(spent.polls[0].decision, PollDecision::Refused);
    EXPECT_TRUE(failsWith(client().verifyEnchantedLink(right), "E011003", ErrorCategory::Descope)); // reused
    auto unknown = client().pollEnchantedLink("never-issued", PollSettings{20, 10000, {"E062503"}});
    EXPECT_TRUE(failsWith(unknown.session.result, "E011003", ErrorCategory::Descope));
}

TEST_F(PasswordlessSandbox, EnchantedLinkExpired)
{
    auto started = client().startEnchantedLink(startFor(kAlice));
    ASSERT_TRUE(succeeds(started));
    advanceSandboxClock(11 * 60); // links live 10 minutes
    EXPECT_TRUE(failsWith(client().verifyEnchantedLink(linkToken(enchantedLink(kAlice, started->linkId)).value()), "E011003",
                          ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(client().pollEnchantedLink(started->pendingRef, PollSettings{20, 10000, {"E062503"}}).session.result, "E011003",
                          ErrorCategory::Descope));
}

struct MethodRow {
    const char *name;
    DeliveryMethod method;
    const char *loginId;
    const char *amr;
};

OIDCPLAY_PRINT_ROW_BY_NAME(MethodRow)


class MagicLinkSandbox : public test::SandboxClientTest, public ::testing::WithParamInterface<MethodRow> {};

TEST_P(MagicLinkSandbox, StartThenVerifyTheLinksToken_6)
{
    const MethodRow &row = GetParam();
    auto masked = client().startMagicLink(row.method, startFor(row.loginId));
    ASSERT_TRUE(succeeds(masked));
    EXPECT_FALSE(masked->masked().empty());
    const sandbox::InboxMessage message = latestMessage(row.loginId);
    ASSERT_EQ(message.links.size(), 1u);
    const auto outcome = client().verifyMagicLink(linkToken(message.links[0].url).value());
    ASSERT_TRUE(outcome.ok()) << outcome.result.error().summary() << failedChecks(outcome);
    EXPECT_EQ(outcome.result->session.claims()["amr"], Json::array({row.amr}));
    // The token is single-use.
    EXPECT_TRUE(failsWith(client().verifyMagicLink(linkToken(message.links[0].url).value()).result, "E011003", ErrorCategory::Descope));
}

INSTANTIATE_TEST_SUITE_P(Methods, MagicLinkSandbox,
                         ::testing::Values(MethodRow{"email", DeliveryMethod::Email, "alice@example.com", "email"},
                                           MethodRow{"sms", DeliveryMethod::Sms, "+15555550102", "sms"},
                                           MethodRow{"whatsapp", DeliveryMethod::WhatsApp, "+15555550103", "whatsapp"}),
                         oidc::test::RowName());

TEST_F(PasswordlessSandbox, MagicLinkExpired)
{
    ASSERT_TRUE(succeeds(client().startMagicLink(DeliveryMethod::Email, startFor(kAlice))));
    const std::string url = latestMessage(kAlice).links.at(0).url;
    advanceSandboxClock(11 * 60);
    EXPECT_TRUE(failsWith(client().verifyMagicLink(linkToken(url).value()).result, "E011003", ErrorCategory::Descope));
}

class OtpSandbox : public test::SandboxClientTest, public ::testing::WithParamInterface<MethodRow> {};

TEST_P(OtpSandbox, StartThenVerifyTheCode_7)
{
    const MethodRow &row = GetParam();
    ASSERT_TRUE(succeeds(client().startOtp(row.method, startFor(row.loginId))));
    const std::string code = latestMessage(row.loginId).code;
    ASSERT_EQ(code.size(), 6u);
    const auto outcome = client().verifyOtp(row.method, row.loginId, code);
    ASSERT_TRUE(outcome.ok()) << outcome.result.error().summary() << failedChecks(outcome);
    EXPECT_EQ(outcome.result->session.claims()["amr"], Json::array({row.amr}));
}

INSTANTIATE_TEST_SUITE_P(Methods, OtpSandbox,
                         ::testing::Values(MethodRow{"email", DeliveryMethod::Email, "alice@example.com", "email"},
                                           MethodRow{"sms", DeliveryMethod::Sms, "+15555550102", "sms"},
                                           MethodRow{"voice", DeliveryMethod::Voice, "+15555550102", "sms"},
                                           MethodRow{"whatsapp", DeliveryMethod::WhatsApp, "+15555550103", "whatsapp"}),
                         oidc::test::RowName());

TEST_F(PasswordlessSandbox, WrongOtpIsRefusedAndNothingIsKept)
{
    ASSERT_TRUE(succeeds(client().startOtp(DeliveryMethod::Email, startFor(kAlice))));
    std::string code = latestMessage(kAlice).code;
    code.back() = code.back() == '0' ? '1' : '0';
    const auto wrong = client().verifyOtp(DeliveryMethod::Email, kAlice, code);
    ASSERT_TRUE(failsWith(wrong.result, "E061102", ErrorCategory::Descope));
    EXPECT_EQ(wrong.result.error().httpStatus, 401);
    EXPECT_EQ(wrong.result.error().message.find(code), std::string::npos);
    EXPECT_FALSE(client().client().session().has_value());
}

// A disabled user's start is refused by the sandbox; the client returns it as a categorised
// Descope error (code, HTTP status, the reason) and nothing reaches the Inbox.
TEST_F(PasswordlessSandbox, ADisabledUsersStartIsACategorisedRefusal)
{
    sandbox::User *bob = server().context().state.user(test::kBobId);
    ASSERT_NE(bob, nullptr);
    bob->status = "disabled";
    const size_t delivered = server().inbox().size();
    const auto expectRefused = [](const Error &error) {
        EXPECT_EQ(error.category, ErrorCategory::Descope);
        EXPECT_EQ(error.code, "E011003");
        EXPECT_EQ(error.httpStatus, 401);
        EXPECT_NE(error.message.find("the user is disabled"), std::string::npos) << error.message;
    };
    const auto otp = client().startOtp(DeliveryMethod::Email, startFor(test::kBob));
    ASSERT_FALSE(otp.ok());
    expectRefused(otp.error());
    const auto magicLink = client().startMagicLink(DeliveryMethod::Sms, startFor(test::kBob, LoginOperation::SignUpOrIn));
    ASSERT_FALSE(magicLink.ok());
    expectRefused(magicLink.error());
    const auto enchanted = client().startEnchantedLink(startFor(test::kBob));
    ASSERT_FALSE(enchanted.ok());
    expectRefused(enchanted.error());
    EXPECT_EQ(server().inbox().size(), delivered);
}

TEST_F(PasswordlessSandbox, StepUpWithTheRefreshJwt_11)
{
    const DescopeSession first = signIn(kAlice);
    EXPECT_TRUE(first.session.claims().value("su", false) == false);
    PasswordlessStart stepUp = startFor(kAlice);
    stepUp.loginOptions.stepup = true;
    stepUp.loginOptions.refreshJwt = first.refreshJwt;
    ASSERT_TRUE(succeeds(client().startOtp(DeliveryMethod::Email, stepUp)));
    const auto outcome = client().verifyOtp(DeliveryMethod::Email, kAlice, latestMessage(kAlice).code);
    ASSERT_TRUE(outcome.ok()) << outcome.result.error().summary();
    EXPECT_EQ(outcome.result->session.claims()["su"], true);
    EXPECT_EQ(outcome.result->notes.at(0).claim, "su");
    EXPECT_NE(outcome.result->notes.at(0).meaning.find("stepped up"), std::string::npos);
    // Without the refresh JWT the client refuses before sending.
    stepUp.loginOptions.refreshJwt.clear();
    EXPECT_TRUE(failsWith(client().startOtp(DeliveryMethod::Email, stepUp), "DESCOPE_REFRESH_JWT_REQUIRED", ErrorCategory::Input));
}

TEST_F(PasswordlessSandbox, CustomClaimsComeBackUnderNsec)
{
    PasswordlessStart start = startFor(kAlice);
    start.loginOptions.customClaims = {{"favourite", "tea"}};
    ASSERT_TRUE(succeeds(client().startOtp(DeliveryMethod::Email, start)));
    const auto outcome = client().verifyOtp(DeliveryMethod::Email, kAlice, latestMessage(kAlice).code);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome.result->session.claims()["nsec"]["favourite"], "tea");
}

} // namespace
} // namespace oidc::descope
