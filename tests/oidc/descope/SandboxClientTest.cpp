#include "SandboxClientTest.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/SandboxContext.h"

#include <algorithm>

namespace oidc::descope::test {

sandbox::SandboxServer *SandboxClientTest::s_server = nullptr;

void SandboxClientTest::SetUpTestSuite()
{
    s_server = new sandbox::SandboxServer();
    const auto started = s_server->start(0);
    ASSERT_TRUE(started.ok()) << started.error().summary();
}

void SandboxClientTest::TearDownTestSuite()
{
    delete s_server;
    s_server = nullptr;
}

void SandboxClientTest::SetUp()
{
    ASSERT_NE(s_server, nullptr);
    s_server->reset();
    m_transport = std::make_unique<net::QtHttpTransport>();
    m_log = std::make_unique<net::ExchangeLog>();
    m_log->attach(*m_transport);
    m_client = std::make_unique<BlockingDescopeClient>(*m_transport, project());
}

void SandboxClientTest::TearDown()
{
    m_client.reset();
    m_log.reset();
    m_transport.reset();
}

DescopeProject SandboxClientTest::project() const
{
    auto made = DescopeProject::create(s_server->projectId(), s_server->baseUrl());
    EXPECT_TRUE(made.ok());
    return std::move(made).value();
}

int64_t SandboxClientTest::sandboxNow() const
{
    return s_server->context().now();
}

void SandboxClientTest::advanceSandboxClock(int64_t seconds)
{
    s_server->context().clock.advance(seconds);
}

sandbox::InboxMessage SandboxClientTest::latestMessage(const std::string &loginId) const
{
    const auto messages = s_server->inbox().messages(loginId);
    EXPECT_FALSE(messages.empty()) << "no message for " << loginId;
    return messages.empty() ? sandbox::InboxMessage{} : messages.front();
}

std::string SandboxClientTest::enchantedLink(const std::string &loginId, const std::string &linkId, bool wrong) const
{
    for (const auto &link : latestMessage(loginId).links)
        if ((link.number == linkId) != wrong)
            return link.url;
    ADD_FAILURE() << "no enchanted link numbered " << linkId;
    return {};
}

DescopeSession SandboxClientTest::signIn(const std::string &loginId)
{
    PasswordlessStart start;
    start.loginId = loginId;
    EXPECT_TRUE(client().startOtp(DeliveryMethod::Email, start).ok());
    auto outcome = client().verifyOtp(DeliveryMethod::Email, loginId, latestMessage(loginId).code);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.result.error().summary());
    return outcome.ok() ? outcome.result.value() : DescopeSession{};
}

void SandboxClientTest::addFault(const sandbox::Fault &fault)
{
    s_server->faults().add(fault);
}

std::string SandboxClientTest::redactedLog() const
{
    std::string text;
    for (const auto &record : m_log->records())
        text += (net::ExchangeLog::requestText(record, net::Reveal::Redacted) + QLatin1Char('\n')
                 + net::ExchangeLog::responseText(record, net::Reveal::Redacted) + QLatin1Char('\n'))
                    .toStdString();
    return text;
}

std::string failedChecks(const SessionOutcome &outcome)
{
    std::string text;
    for (const auto &check : outcome.checks)
        if (!check.passed())
            text += check.id + ": " + check.detail() + "; ";
    return text;
}

bool hasCheck(const SessionOutcome &outcome, const std::string &id, bool passed)
{
    return std::any_of(outcome.checks.begin(), outcome.checks.end(),
                       [&](const jwt::ClaimCheck &check) { return check.id == id && check.passed() == passed; });
}

} // namespace oidc::descope::test
