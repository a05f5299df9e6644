#include "SequenceRecorder.h"

#include "oidc/net/ExchangeLog.h"

namespace oidc::diagram {

SequenceRecorder::SequenceRecorder(net::ExchangeLog &log, QObject *parent) : SequenceRecorder(log, SequenceLimits{}, parent) {}

SequenceRecorder::SequenceRecorder(net::ExchangeLog &log, SequenceLimits limits, QObject *parent)
    : QObject(parent)
    , m_log(&log)
    , m_model(limits)
{
    for (const auto &record : log.records())
        (void)m_model.addExchange(record);
    connect(&log, &net::ExchangeLog::recordAdded, this, &SequenceRecorder::addRecord);
    connect(&log, &net::ExchangeLog::cleared, this, [this] {
        m_model.clear();
        Q_EMIT cleared();
    });
}

void SequenceRecorder::addRecord(int index)
{
    if (!m_log || index < 0 || index >= m_log->size())
        return;
    announce(m_model.addExchange(m_log->records()[static_cast<size_t>(index)]));
}

void SequenceRecorder::addHop(const oidc::flow::BrowserHop &hop)
{
    announce(m_model.addHop(hop));
}

void SequenceRecorder::announce(const SequenceModel::Change &change)
{
    if (change.lanesAdded)
        Q_EMIT lanesChanged();
    if (change.dropped > 0)
        Q_EMIT oldestDropped(change.dropped);
    if (change.updated >= 0)
        Q_EMIT arrowChanged(change.updated);
    if (change.firstAppended >= 0)
        Q_EMIT arrowsAppended(change.firstAppended, static_cast<int>(m_model.arrows().size()) - 1);
}

} // namespace oidc::diagram

#include "moc_SequenceRecorder.cpp"
