#pragma once

// Every HTTP exchange of the core, recorded for the exchange log, "copy as curl" and
// recordings. Raw values stay in memory for the user's own eyes; everything leaves this class
// redacted unless the caller asks to reveal (rp-checks S1/S2).
//
// A long session (an enchanted link polled for minutes, auto-refresh for a day) must not grow
// without bound: the log keeps the newest exchanges within ExchangeLogLimits, drops the oldest
// first, counts what it dropped and says so (oldestAboutToBeDropped / oldestDropped).

#include "oidc/net/HttpTransport.h"

#include <QObject>
#include <QString>

#include <deque>

namespace oidc::net {

struct ExchangeRecord final {
    int id = 0;
    std::optional<flow::FlowStep> step; // the flow step that caused it (HttpRequest::step)
    QString label;                  // shown in the Step column ("token (authorization_code)")
    QByteArray method;
    QUrl url;
    HeaderList requestHeaders;
    QByteArray requestBody;
    int status = 0;                 // 0 when no response
    HeaderList responseHeaders;
    QByteArray responseBody;
    std::optional<Error> error;
    qint64 startedMsSinceEpoch = 0;
    qint64 elapsedMs = 0;
};

enum class Reveal { Redacted, Secrets };

struct ExchangeLogLimits final {
    int maxRecords = 1000;                  // the newest exchanges kept
    qint64 maxBodyBytes = 32 * 1024 * 1024; // request and response bodies kept, all records together
};

class ExchangeLog final : public QObject {
    Q_OBJECT
public:
    explicit ExchangeLog(QObject *parent = nullptr);
    explicit ExchangeLog(ExchangeLogLimits limits, QObject *parent = nullptr);

    // Records every exchange `transport` completes from now on.
    void attach(HttpTransport &transport);
    // Appends (recordAdded), then drops the oldest records beyond the limits; the newest record
    // is always kept, even alone above maxBodyBytes.
    void add(const HttpExchange &exchange);
    // Empties the log and forgets what was dropped.
    void clear();

    [[nodiscard]] const std::deque<ExchangeRecord> &records() const { return m_records; }
    [[nodiscard]] int size() const { return static_cast<int>(m_records.size()); }
    [[nodiscard]] const ExchangeLogLimits &limits() const { return m_limits; }
    // Records dropped to stay within the limits since the log was created or last cleared.
    [[nodiscard]] int droppedCount() const { return m_dropped; }

    // Presentations of one record, redacted unless `reveal` says otherwise.
    [[nodiscard]] static QString url(const ExchangeRecord &record, Reveal reveal);
    [[nodiscard]] static HeaderList headers(const HeaderList &headers, Reveal reveal);
    [[nodiscard]] static QByteArray body(const QByteArray &body, const HeaderList &headers, Reveal reveal);
    [[nodiscard]] static QString requestText(const ExchangeRecord &record, Reveal reveal);  // HTTP/1.1 style
    [[nodiscard]] static QString responseText(const ExchangeRecord &record, Reveal reveal);
    // A curl command line that repeats the request (POSIX shell quoting).
    [[nodiscard]] static QString toCurl(const ExchangeRecord &record, Reveal reveal);
    [[nodiscard]] static QString shellQuote(const QString &text);

Q_SIGNALS:
    void recordAdded(int index);
    // The `count` oldest records (indexes 0 … count - 1) go: still readable during the first
    // signal, gone and counted in droppedCount() by the second (models remove their rows between).
    void oldestAboutToBeDropped(int count);
    void oldestDropped(int count);
    void cleared();

private:
    void dropBeyondLimits();

    ExchangeLogLimits m_limits;
    std::deque<ExchangeRecord> m_records;
    qint64 m_bodyBytes = 0;
    int m_dropped = 0;
    int m_nextId = 1;
};

} // namespace oidc::net
