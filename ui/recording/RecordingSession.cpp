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
    m_log = &log;
    m_recorder->attach(log);
    m_sawFlowStep = false;
    m_exchanges = connect(&log, &oidc::net::ExchangeLog::recordAdded, this, &RecordingSession::onExchange);
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

void RecordingSession::onExchange(int index)
{
    if (!m_log || index < 0 || index >= m_log->size())
        return;
    const oidc::net::ExchangeRecord &record = m_log->records()[static_cast<size_t>(index)];
    if (record.step)
        return; // the flow's own: its step reports it
    // A Descope area's call: a step of its own, its answer the outcome.
    RecordedStep step;
    step.step = "descope";
    // AreaLabelTransport names the area: "<area> · <label>".
    const qsizetype dot = record.label.indexOf(QStringLiteral(" · "));
    step.area = dot > 0 ? record.label.left(dot).toStdString() : std::string("Descope");
    step.title = record.label.isEmpty() ? (record.method + " " + record.url.path().toUtf8()).toStdString() : record.label.toStdString();
    step.ok = record.status >= 200 && record.status < 300 && !record.error;
    step.summary = record.error ? record.error->code : "HTTP " + std::to_string(record.status);
    if (!step.ok) {
        step.errorCategory = record.error ? std::string(oidc::categoryName(record.error->category)) : "DESCOPE";
        step.errorCode = record.error ? record.error->code : "HTTP_" + std::to_string(record.status);
    }
    m_recorder->addStep(std::move(step));
}

std::optional<Recording> RecordingSession::stop()
{
    if (!m_recorder)
        return std::nullopt;
    disconnect(m_reports);
    disconnect(m_exchanges);
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
    RecordedOutcome outcome{true, {}, {}, {}};
    for (const RecordedStep &step : recording.steps)
        if (!step.ok)
            outcome = RecordedOutcome{false, step.errorCategory, step.errorCode, step.title + ": " + step.summary};
    recording.outcome = outcome;
    if (!m_sawFlowStep)
        recording.kind = std::string(kKindDescopeDemo);
    m_recorder.reset();
    m_log = nullptr;
    Q_EMIT recordingChanged(false);
    return recording;
}

} // namespace ui
