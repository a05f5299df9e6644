#pragma once

// End to end against the built-in sandbox, in process on 127.0.0.1 (one per suite, reset before
// every test): the CLI's BlockingDescopeClient over the app's QtHttpTransport, every exchange in an
// ExchangeLog, the Inbox for codes and links, the FaultInjector for misbehaviour. The sandbox runs
// on the test's thread and answers while the client's calls spin their event loops.

#include "sandbox/Inbox.h"
#include "sandbox/SandboxServer.h"

#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"

#include "tests/support/TestSupport.h"

#include <memory>
#include <string>

namespace sandbox {
struct Fault;
}

namespace oidc::descope::test {

// The sandbox's fixture users (resources/sandbox/fixtures.json).
inline constexpr const char *kAlice = "alice@example.com"; // admin and user; admin of tenant Acme
inline constexpr const char *kAliceId = "U2SbxAlice000000000000000001";
inline constexpr const char *kBob = "bob@example.com";     // user; user of Acme, admin of Globex
inline constexpr const char *kBobId = "U2SbxBob00000000000000000001";
inline constexpr const char *kGlobex = "T2SbxGlobex00000000000000001";

class SandboxClientTest : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    static void TearDownTestSuite();
    void SetUp() override;
    void TearDown() override;

    static sandbox::SandboxServer &server() { return *s_server; }
    BlockingDescopeClient &client() { return *m_client; }
    // The transport the client uses (its exchanges are in redactedLog()), for other clients.
    net::QtHttpTransport &transport() { return *m_transport; }
    [[nodiscard]] DescopeProject project() const;
    [[nodiscard]] int64_t sandboxNow() const;
    // Moves the sandbox's clock (reset() puts it back): links and codes expire without waiting.
    void advanceSandboxClock(int64_t seconds);

    // The newest Inbox message for `loginId` (fails the test when there is none).
    [[nodiscard]] sandbox::InboxMessage latestMessage(const std::string &loginId) const;
    // The enchanted link whose number is `linkId`; with `wrong`, another one.
    [[nodiscard]] std::string enchantedLink(const std::string &loginId, const std::string &linkId, bool wrong = false) const;
    // An OTP sign-in by email: the session (fails the test otherwise).
    DescopeSession signIn(const std::string &loginId = "alice@example.com");
    void addFault(const sandbox::Fault &fault);

    // Every exchange as the log shows it (redacted), one text.
    [[nodiscard]] std::string redactedLog() const;
    // The sandbox's access keys (SANDBOX-ONLY secrets from the fixtures).
    static constexpr const char *kReaderKey = "SANDBOX-ONLY-ak-reader-0c1f5e7b2d9a";
    static constexpr const char *kAdminKey = "SANDBOX-ONLY-ak-admin-4b8e1a6f3c20";

private:
    static sandbox::SandboxServer *s_server;
    std::unique_ptr<net::QtHttpTransport> m_transport;
    std::unique_ptr<net::ExchangeLog> m_log;
    std::unique_ptr<BlockingDescopeClient> m_client;
};

// The failed check's id and detail, or "" when every check passed (for messages).
[[nodiscard]] std::string failedChecks(const SessionOutcome &outcome);
[[nodiscard]] bool hasCheck(const SessionOutcome &outcome, const std::string &id, bool passed);

} // namespace oidc::descope::test
