#pragma once

// File ▸ Start recording … Stop recording and save: what the app records while it runs. The flow
// page's runner gives every step report (FlowRunner::stepReported, FlowSession's one channel) and
// its profile; the exchange log gives every exchange, redacted as it is recorded (Recorder). A
// Descope area's client reports each operation it ends (DescopeClient::actionReported, through
// DescopeContext with the area's name): a step of its own with what was asked (no secret), its
// outcome and its session checks, so a Descope demo opens as steps and replays
// (DescopeDemoReplay). The sandbox's faults at the start are kept. No widget: the window owns one
// and asks it.

#include "oidc/recording/Recorder.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace oidc::net {
class ExchangeLog;
}

namespace ui {

class FlowRunner;

class RecordingSession final : public QObject {
    Q_OBJECT
public:
    explicit RecordingSession(QObject *parent = nullptr);
    ~RecordingSession() override;

    // Starts a new recording of `log` (and of the runner, when one is watched); `sandboxFaults`
    // are the faults on now (FaultInjector JSON), `sandboxIssuer` empty without a sandbox.
    void start(const oidc::net::ExchangeLog &log, oidc::Json sandboxFaults, const QString &sandboxIssuer);
    // The flow page's runner, followed while recording (from start, or from when the page exists).
    void watch(FlowRunner *runner);
    [[nodiscard]] bool isRecording() const { return m_recorder != nullptr; }
    // A Descope area's operation (DescopeContext::actionReported): kept while recording.
    void addDescopeAction(const QString &area, const oidc::descope::DescopeActionReport &report);
    // Ends the recording: the run as it stands (no further report or exchange is added).
    [[nodiscard]] std::optional<oidc::recording::Recording> stop();

Q_SIGNALS:
    void recordingChanged(bool recording);

private:
    void follow();

    std::unique_ptr<oidc::recording::Recorder> m_recorder;
    QPointer<FlowRunner> m_runner;
    QMetaObject::Connection m_reports;
    bool m_sawFlowStep = false;
};

} // namespace ui
