#pragma once

// Every HTTP exchange of the core, recorded for the exchange log, "copy as curl" and
// recordings. Raw values stay in memory for the user's own eyes; everything leaves this class
// redacted unless the caller asks to reveal (rp-checks S1/S2).

#include "oidc/net/HttpTransport.h"

#include <QObject>
#include <QString>

#include <vector>

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

class ExchangeLog final : public QObject {
    Q_OBJECT
public:
    explicit ExchangeLog(QObject *parent = nullptr);

    // Records every exchange `transport` completes from now on.
    void attach(HttpTransport &transport);
    void add(const HttpExchange &exchange);
    void clear();

    [[nodiscard]] const std::vector<ExchangeRecord> &records() const { return m_records; }
    [[nodiscard]] int size() const { return static_cast<int>(m_records.size()); }

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
    void cleared();

private:
    std::vector<ExchangeRecord> m_records;
    int m_nextId = 1;
};

} // namespace oidc::net
