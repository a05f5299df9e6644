#include "RecordingSession.h"

#include "ui/flow/FlowRunner.h"

#include "oidc/flow/ProfileJson.h"
#include "oidc/net/ExchangeLog.h"

#include <QCoreApplication>

namespace ui {

using namespace oidc::recording;

RecordingSession::RecordingSession(QObject *parent)
    : QObject(parent)
{
}

RecordingSession::~RecordingSession() = default;

void RecordingSession::start(const oidc::net::ExchangeLog &log, oidc::Json sandboxFaults, const QString &sandboxIssuer)
{
    m_recorder = std::make_unique<Recorder>(std::string(kKindCodeFlow));
    m_recorder->setTool("oidcplay " + QCoreApplication::applicationVersion().toStdString());
    if (!sandboxIssuer.isEmpty())
        m_recorder->setSandbox({{"issuer", sandboxIssuer.toStdString()}, {"faults", std::move(sandboxFaults)}});
    m_recorder->attach(log);
    m_sawFlowStep = false;
    follow();
    Q_EMIT recordingChanged(true);
}

void RecordingSession::watch(FlowRunner *runner)
{
    m_runner = runner;
    if (isRecording())
        follow();
}

void RecordingSession::follow()
{
    disconnect(m_reports);
    if (!m_runner || !m_recorder)
        return;
    m_recorder->setProfile(oidc::flow::profileToJson(m_runner->profile()));
    m_reports = connect(m_runner, &FlowRunner::stepReported, this, [this](const oidc::flow::StepReport &report) {
        m_sawFlowStep = true;
        m_recorder->addReports({report});
    });
}

void RecordingSession::addDescopeAction(const QString &area, const oidc::descope::DescopeActionReport &report)
{
    if (m_recorder)
        m_recorder->addStep(recordedDescopeStep(report, area.toStdString()));
}

std::optional<Recording> RecordingSession::stop()
{
    if (!m_recorder)
        return std::nullopt;
    disconnect(m_reports);
    m_recorder->detach();
    if (m_runner) {
        const auto &validation = m_runner->session().lastIdTokenValidation();
        std::string hint;
        if (const auto &defaults = m_runner->defaults())
            hint = defaults->loginHint.toStdString();
        m_recorder->setLoginId(recordedLoginId(hint, validation && validation->jwt ? validation->jwt->claims() : oidc::Json()));
    }
    // The run's outcome is its last failed step's, as a flow stops at its first failure.
    Recording recording = m_recorder->recording();
    recording.outcome = outcomeOfSteps(recording.steps);
    if (!m_sawFlowStep)
        recording.kind = std::string(kKindDescopeDemo);
    m_recorder.reset();
    Q_EMIT recordingChanged(false);
    return recording;
}

} // namespace ui

#include "moc_RecordingSession.cpp"
