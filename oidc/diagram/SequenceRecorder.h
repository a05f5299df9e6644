#pragma once

// Keeps a SequenceModel in step with an exchange log and the browser hops of the flows it is told
// about, and says what changed, so a view repaints one arrow rather than the diagram: the log's
// records as they are added (those already in it first), its clear(), and each hop addHop()
// receives (connect FlowSession::browserHop to it). The log dropping its oldest records changes
// nothing here: the diagram has limits of its own (SequenceLimits).

#include "oidc/diagram/SequenceModel.h"

#include <QObject>
#include <QPointer>

namespace oidc::net {
class ExchangeLog;
}

namespace oidc::diagram {

class SequenceRecorder final : public QObject {
    Q_OBJECT
public:
    explicit SequenceRecorder(net::ExchangeLog &log, QObject *parent = nullptr);
    SequenceRecorder(net::ExchangeLog &log, SequenceLimits limits, QObject *parent = nullptr);

    [[nodiscard]] const SequenceModel &model() const { return m_model; }

public Q_SLOTS:
    void addHop(const oidc::flow::BrowserHop &hop);

Q_SIGNALS:
    // New lanes: columns may have moved.
    void lanesChanged();
    void arrowsAppended(int first, int last);
    // A collapsed run grew (one more poll).
    void arrowChanged(int index);
    // The oldest `count` arrows went: every row moved up.
    void oldestDropped(int count);
    void cleared();

private:
    void addRecord(int index);
    void announce(const SequenceModel::Change &change);

    QPointer<net::ExchangeLog> m_log;
    SequenceModel m_model;
};

} // namespace oidc::diagram
