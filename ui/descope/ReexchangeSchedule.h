#pragma once

// When to exchange an access key again before its session JWT expires (an M2M client keeps a
// token with life left rather than calling with an expired one): at kLifetimeFraction of the
// token's lifetime, iat → exp. One shot per token: armed by each successful exchange while
// enabled; a failed re-exchange switches it off and says why (the next exchange is the user's:
// it never retries in a loop); a token that would be renewed sooner than kMinimumDelaySeconds
// from now is not renewed automatically at all.

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace ui {

class ReexchangeSchedule final : public QObject {
    Q_OBJECT
public:
    static constexpr double kLifetimeFraction = 0.8;
    static constexpr qint64 kMinimumDelaySeconds = 5;

    // Seconds from `now` to the re-exchange of a token issued at `issuedAt` that expires at
    // `expiresAt` (Unix seconds); nullopt when that is less than kMinimumDelaySeconds away.
    [[nodiscard]] static std::optional<qint64> delaySeconds(qint64 issuedAt, qint64 expiresAt, qint64 now);

    explicit ReexchangeSchedule(QObject *parent = nullptr);

    // Off: disarmed until enabled again and a token arrives.
    void setEnabled(bool enabled);
    // A successful exchange: armed for its token when enabled.
    void tokenReceived(qint64 issuedAt, qint64 expiresAt, qint64 now);
    // A failed automatic re-exchange: switched off, with `why` (plain text) in the status.
    void failed(const QString &why);
    // The token is gone (another project): disarmed, still enabled for the next one.
    void disarm();

    // Plain text: off, when the next re-exchange happens, or why it stopped.
    [[nodiscard]] QString status() const { return m_status; }

Q_SIGNALS:
    void due();
    void enabledChanged(bool enabled);
    void statusChanged(const QString &status);

private:
    void setStatus(const QString &status);

    QTimer m_timer;
    bool m_enabled = false;
    QString m_status;
};

} // namespace ui
