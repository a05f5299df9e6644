#include "ReexchangeSchedule.h"

#include "ui/UiText.h"

#include "oidc/HumanTime.h"

#include <QDateTime>

#include <cmath>

namespace ui {

std::optional<qint64> ReexchangeSchedule::delaySeconds(qint64 issuedAt, qint64 expiresAt, qint64 now)
{
    if (expiresAt <= issuedAt)
        return std::nullopt;
    const auto lifetime = static_cast<double>(expiresAt - issuedAt);
    const qint64 at = issuedAt + static_cast<qint64>(std::floor(lifetime * kLifetimeFraction));
    if (at - now < kMinimumDelaySeconds)
        return std::nullopt;
    return at - now;
}

ReexchangeSchedule::ReexchangeSchedule(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        setStatus(tr("Exchanging the key again…"));
        Q_EMIT due();
    });
    setStatus(tr("Automatic re-exchange is off."));
}

void ReexchangeSchedule::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    m_timer.stop();
    setStatus(enabled ? tr("On: the key is exchanged again at %1 % of each token's lifetime.").arg(static_cast<int>(kLifetimeFraction * 100))
                      : tr("Automatic re-exchange is off."));
    Q_EMIT enabledChanged(enabled);
}

void ReexchangeSchedule::tokenReceived(qint64 issuedAt, qint64 expiresAt, qint64 now)
{
    if (!m_enabled)
        return;
    const auto delay = delaySeconds(issuedAt, expiresAt, now);
    if (!delay) {
        m_timer.stop();
        setStatus(tr("Not renewed automatically: this token expires too soon (%1) to exchange the key again at %2 % of its lifetime.")
                      .arg(qs(oidc::formatRelative(expiresAt, now)))
                      .arg(static_cast<int>(kLifetimeFraction * 100)));
        return;
    }
    m_timer.start(std::chrono::seconds(*delay));
    setStatus(tr("Next re-exchange at %1 (in %2, at %3 % of the token's %4 lifetime).")
                  .arg(QDateTime::fromSecsSinceEpoch(now + *delay).toString(QStringLiteral("HH:mm:ss")),
                       qs(oidc::formatDuration(*delay)))
                  .arg(static_cast<int>(kLifetimeFraction * 100))
                  .arg(qs(oidc::formatDuration(expiresAt - issuedAt))));
}

void ReexchangeSchedule::failed(const QString &why)
{
    m_timer.stop();
    const bool wasEnabled = m_enabled;
    m_enabled = false;
    setStatus(tr("Stopped after a failed re-exchange (%1). The earlier token stays; exchange by hand to go on.").arg(why));
    if (wasEnabled)
        Q_EMIT enabledChanged(false);
}

void ReexchangeSchedule::disarm()
{
    m_timer.stop();
    if (m_enabled)
        setStatus(tr("On: waiting for the next exchange."));
}

void ReexchangeSchedule::setStatus(const QString &status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

} // namespace ui

#include "moc_ReexchangeSchedule.cpp"
