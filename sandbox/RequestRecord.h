#pragma once

// One handled request, for the GUI's view of the sandbox. It carries no secret: the path
// without its query, never a header or a body (rp-checks S1).

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace sandbox {

struct RequestRecord final {
    quint64 id = 0;
    qint64 timestampMs = 0;   // Unix milliseconds (wall clock) when the request arrived
    QByteArray method;
    QByteArray path;          // without the query
    QByteArray route;         // the matched pattern ("/v1/auth/otp/verify/{method}"); empty for 404
    int status = 0;
    qint64 elapsedUs = 0;     // arrival to answer, including injected latency
    QString faults;           // names of the faults applied, comma-separated
};

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::RequestRecord)
