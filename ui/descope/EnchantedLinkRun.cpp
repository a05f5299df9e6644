#include "EnchantedLinkRun.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"

#include "oidc/descope/DescopeNarration.h"

#include <utility>

namespace ui {

using namespace oidc::descope;

namespace {

bool isRunCancellation(const oidc::Error &error)
{
    return error.code == "POLL_CANCELLED" || error.code == "NET_CANCELLED";
}

} // namespace

EnchantedLinkRun::EnchantedLinkRun(QObject *parent) : QObject(parent)
{
    // Presentation mode's narration line says what each phase is about (ui/Presentation.h).
    connect(this, &EnchantedLinkRun::phaseChanged, this, [](Phase phase) {
        switch (phase) {
        case Phase::Starting: Presentation::narrate(descopeNarration(DescopeMove::EnchantedLinkStart)); return;
        case Phase::Polling: Presentation::narrate(descopeNarration(DescopeMove::EnchantedLinkPolling)); return;
        case Phase::SignedIn: Presentation::narrate(descopeNarration(DescopeMove::SignedIn)); return;
        case Phase::Failed: Presentation::narrate(descopeNarration(DescopeMove::Refused)); return;
        case Phase::Idle:
        case Phase::Cancelled: return;
        }
    });
}

EnchantedLinkRun::~EnchantedLinkRun()
{
    // Cancelling answers at once (NET_CANCELLED, POLL_CANCELLED); nothing is reported any more.
    m_closing = true;
    std::exchange(m_operation, {}).cancel();
    std::exchange(m_verify, {}).cancel();
}

void EnchantedLinkRun::setClient(DescopeClient *client)
{
    if (m_client == client)
        return;
    cancel();
    ++m_verifySerial;
    std::exchange(m_verify, {}).cancel();
    m_client = client;
}

void EnchantedLinkRun::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void EnchantedLinkRun::start(const PasswordlessStart &start, const PollSettings &settings)
{
    // A run still going is abandoned quietly: its answers carry an older serial.
    const quint64 serial = ++m_runSerial;
    std::exchange(m_operation, {}).cancel();
    m_started.reset();
    m_loginId = qs(start.loginId);
    m_plan = normalizePollSettings(settings);
    if (!m_client) {
        end(failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", "no Descope project is chosen")));
        return;
    }
    setPhase(Phase::Starting);
    m_operation = m_client->startEnchantedLink(start, [this, serial](oidc::Result<EnchantedLinkStarted> answer) {
        if (m_closing || serial != m_runSerial)
            return;
        if (!answer)
            end(failedOutcome(answer.error()));
        else
            startPolling(*answer);
    });
}

void EnchantedLinkRun::startPolling(const EnchantedLinkStarted &started)
{
    const quint64 serial = m_runSerial;
    m_started = started;
    setPhase(Phase::Polling);
    Q_EMIT linkSent(started);
    if (!m_client || serial != m_runSerial) // a slot restarted or cancelled the run
        return;
    m_operation = m_client->pollEnchantedLink(
        started.pendingRef, m_plan.settings,
        [this, serial](const PollRecord &record) {
            if (!m_closing && serial == m_runSerial)
                Q_EMIT polled(record);
        },
        [this, serial](PolledSession polled) {
            if (!m_closing && serial == m_runSerial)
                end(std::move(polled.session));
        });
}

void EnchantedLinkRun::cancel()
{
    if (!isBusy())
        return;
    std::exchange(m_operation, {}).cancel(); // answers at once: end() runs
    if (isBusy()) // the client is gone, and its operations with it
        end(failedOutcome(oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled")));
}

void EnchantedLinkRun::end(SessionOutcome outcome)
{
    m_operation = {};
    const Phase phase = outcome.ok() ? Phase::SignedIn : isRunCancellation(outcome.result.error()) ? Phase::Cancelled : Phase::Failed;
    m_phase = phase;
    Q_EMIT finished(outcome);
    Q_EMIT phaseChanged(phase);
}

void EnchantedLinkRun::openLink(const QString &link)
{
    const quint64 serial = ++m_verifySerial;
    std::exchange(m_verify, {}).cancel(); // an earlier link's answer is no longer reported
    auto token = linkToken(toStd(link));
    if (!token) {
        Q_EMIT linkOpened(link, token.error());
        return;
    }
    if (!m_client) {
        Q_EMIT linkOpened(link, oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", "no Descope project is chosen"));
        return;
    }
    m_verify = m_client->verifyEnchantedLink(*token, [this, serial, link](oidc::Status status) {
        if (m_closing || serial != m_verifySerial)
            return;
        m_verify = {};
        Q_EMIT linkOpened(link, status);
    });
}

} // namespace ui

#include "moc_EnchantedLinkRun.cpp"
