#pragma once

// One enchanted-link sign-in as the panel drives it (descope-api.md §5), over the core's
// DescopeClient: start (the number to show, the pending reference) → poll the pending session by
// the Poller's rules, every poll reported as it is decided → the session, or why not. Beside the
// polling, a link the user picked can be opened the way the link's page does it (verify): the
// right one lets the next poll succeed, a wrong one is refused and polling goes on as Descope
// decides. Nothing here re-implements a rule: interval limits, classification and the timeout
// are the core's, this object only sequences the calls and reports them.
//
// Every operation can be cancelled; each reports once. The client is not owned: when the project
// changes, setClient() cancels what runs on the old one.

#include "oidc/descope/DescopeClient.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace ui {

class EnchantedLinkRun final : public QObject {
    Q_OBJECT
public:
    enum class Phase {
        Idle,      // nothing started
        Starting,  // the start call is out
        Polling,   // the number is known, the pending session is polled
        SignedIn,  // polling ended with a session that passed every check
        Failed,    // the start was refused, or polling ended without a session
        Cancelled, // the user cancelled
    };
    Q_ENUM(Phase)

    explicit EnchantedLinkRun(QObject *parent = nullptr);
    ~EnchantedLinkRun() override;

    // The client of the current project; a change cancels what runs (nullptr: none).
    void setClient(oidc::descope::DescopeClient *client);
    [[nodiscard]] oidc::descope::DescopeClient *client() const { return m_client; }

    // Starts a sign-in (cancelling one that runs); polling begins as soon as the start answers.
    // `settings` are normalised by the core (normalizePollSettings); plan() says how.
    void start(const oidc::descope::PasswordlessStart &start, const oidc::descope::PollSettings &settings);
    // Cancels the start or the polling (POLL_CANCELLED ends it); nothing when idle or ended.
    void cancel();
    // Opens a link (or its bare token) as the link's page would: POST enchantedlink/verify.
    void openLink(const QString &link);

    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] bool isBusy() const { return m_phase == Phase::Starting || m_phase == Phase::Polling; }
    [[nodiscard]] const std::optional<oidc::descope::EnchantedLinkStarted> &started() const { return m_started; }
    [[nodiscard]] const oidc::descope::PollPlan &plan() const { return m_plan; }
    [[nodiscard]] QString loginId() const { return m_loginId; }

Q_SIGNALS:
    void phaseChanged(ui::EnchantedLinkRun::Phase phase);
    // The start answered: the number to show and where the email went. Polling starts now.
    void linkSent(const oidc::descope::EnchantedLinkStarted &started);
    // A poll as the Poller decided it.
    void polled(const oidc::descope::PollRecord &record);
    // The end of the run (a start refusal has no polls): the session, or the error and checks.
    void finished(const oidc::descope::SessionOutcome &outcome);
    // A link opened with openLink(): its answer (ok, or the refusal).
    void linkOpened(const QString &link, const oidc::Status &status);

private:
    void setPhase(Phase phase);
    void startPolling(const oidc::descope::EnchantedLinkStarted &started);
    void end(oidc::descope::SessionOutcome outcome);

    QPointer<oidc::descope::DescopeClient> m_client;
    oidc::descope::PollPlan m_plan;
    std::optional<oidc::descope::EnchantedLinkStarted> m_started;
    QString m_loginId;
    oidc::net::RequestHandle m_operation; // the start, then the polling
    oidc::net::RequestHandle m_verify;
    quint64 m_runSerial = 0;    // answers of an earlier run are dropped
    quint64 m_verifySerial = 0; // only the newest link's answer is reported
    Phase m_phase = Phase::Idle;
    bool m_closing = false;     // the destructor cancels: the answers it delivers are dropped
};

} // namespace ui
