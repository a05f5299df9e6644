#pragma once

// Builds a Recording while a flow or a demo runs: fed by FlowSession's step reports (one channel,
// StepOutcome::reports) and by the exchange log, whose every new record it keeps redacted
// (HarWriter::entry with Reveal::Redacted, failing closed) with the step that caused it or the
// Descope area that sent it. The GUI's File ▸ Start recording and `oidcplay-cli login --record`
// both use it; a replay records itself with one too, to be compared with the recorded run.

#include "oidc/net/ExchangeLog.h"
#include "oidc/recording/Recording.h"

#include <QMetaObject>
#include <QObject>

namespace oidc::recording {

class Recorder final : public QObject {
    Q_OBJECT
public:
    explicit Recorder(std::string kind = std::string(kKindCodeFlow), QObject *parent = nullptr);

    // Keeps every exchange `log` adds from now on (until detach() or the recorder goes).
    void attach(const net::ExchangeLog &log);
    void detach();

    void addReports(const std::vector<flow::StepReport> &reports);
    // A Descope area's action: the exchanges no flow step tagged since the step before are its
    // own ("_step" its key, "_stepIndex" its index), as a call's exchanges come before its report.
    void addStep(RecordedStep step);
    void finish(const std::optional<Error> &error);
    void finish(RecordedOutcome outcome); // a demo's, as outcomeOfSteps gives it

    void setTool(std::string tool) { m_recording.tool = std::move(tool); }
    void setProfile(Json profile) { m_recording.profile = std::move(profile); }
    void setAuthorization(Json authorization) { m_recording.authorization = std::move(authorization); }
    void setLoginId(std::string loginId) { m_recording.loginId = std::move(loginId); }
    void setSandbox(Json sandbox) { m_recording.sandbox = std::move(sandbox); }

    [[nodiscard]] const Recording &recording() const { return m_recording; }
    [[nodiscard]] bool isEmpty() const { return m_recording.steps.empty() && m_recording.exchanges.empty(); }

Q_SIGNALS:
    void changed();

private:
    void addExchange(const net::ExchangeRecord &record);

    Recording m_recording;
    QMetaObject::Connection m_added;
    size_t m_untaggedFrom = 0; // the first exchange after the last step
};

} // namespace oidc::recording
