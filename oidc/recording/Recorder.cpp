#include "Recorder.h"

#include "oidc/har/HarWriter.h"
#include "oidc/recording/RecordingJson.h"

#include <QDateTime>

namespace oidc::recording {

Recorder::Recorder(std::string kind, QObject *parent)
    : QObject(parent)
{
    m_recording.kind = std::move(kind);
    m_recording.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
}

void Recorder::attach(const net::ExchangeLog &log)
{
    detach();
    m_added = connect(&log, &net::ExchangeLog::recordAdded, this, [this, &log](int index) {
        if (index >= 0 && index < log.size())
            addExchange(log.records()[static_cast<size_t>(index)]);
    });
}

void Recorder::detach()
{
    disconnect(m_added);
}

void Recorder::addReports(const std::vector<flow::StepReport> &reports)
{
    m_untaggedFrom = m_recording.exchanges.size();
    for (const flow::StepReport &report : reports)
        m_recording.steps.push_back(recordedStep(report));
    if (!reports.empty())
        Q_EMIT changed();
}

void Recorder::addStep(RecordedStep step)
{
    Json &exchanges = m_recording.exchanges;
    for (size_t i = m_untaggedFrom; i < exchanges.size(); ++i) {
        if (!exchanges[i].contains("_step")) {
            exchanges[i]["_step"] = step.step;
            exchanges[i]["_stepIndex"] = m_recording.steps.size();
        }
    }
    m_untaggedFrom = exchanges.size();
    m_recording.steps.push_back(std::move(step));
    Q_EMIT changed();
}

void Recorder::finish(const std::optional<Error> &error)
{
    m_recording.outcome = recordedOutcome(error);
    Q_EMIT changed();
}

void Recorder::finish(RecordedOutcome outcome)
{
    m_recording.outcome = std::move(outcome);
    Q_EMIT changed();
}

void Recorder::addExchange(const net::ExchangeRecord &record)
{
    // The exchange log's own cap: a recording of a day's auto-refresh keeps the newest.
    if (m_recording.exchanges.size() >= kMaxRecordedExchanges) {
        m_recording.exchanges.erase(m_recording.exchanges.begin());
        m_untaggedFrom = m_untaggedFrom > 0 ? m_untaggedFrom - 1 : 0;
    }
    Json entry = har::HarWriter::entry(record, net::Reveal::Redacted);
    if (record.step)
        entry["_step"] = stepKey(*record.step);
    m_recording.exchanges.push_back(std::move(entry));
    Q_EMIT changed();
}

} // namespace oidc::recording

#include "moc_Recorder.cpp"
