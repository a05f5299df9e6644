#pragma once

// The waiting half of an enchanted link: the number the user must match, shown large, with where
// the email went; the polling timeline (PollTimeline) and its legend; the time left until the
// poller gives up, as a bar; the interval; and the last poll in words. It shows what the run
// reports (EnchantedLinkRun) and decides nothing.

#include "oidc/descope/DescopeSession.h"
#include "oidc/descope/EnchantedLinkApi.h"
#include "oidc/descope/PollRecord.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace ui {

class PollTimeline;

class PollingView final : public QWidget {
    Q_OBJECT
public:
    explicit PollingView(QWidget *parent = nullptr);

    void showSending(const QString &loginId);
    // The start answered: the number, and polling begins with `plan` (the core's normalised settings).
    void showLinkSent(const oidc::descope::EnchantedLinkStarted &started, const oidc::descope::PollPlan &plan);
    void addPoll(const oidc::descope::PollRecord &record);
    // The run ended: the timeline stops; the last line says how it ended.
    void showEnd(const oidc::descope::SessionOutcome &outcome);
    void clear();

    [[nodiscard]] PollTimeline *timeline() const { return m_timeline; }

private:
    QWidget *buildNumber();
    QWidget *buildLegend();
    void showRemaining(qint64 elapsedMs);

    QLabel *m_number;
    QLabel *m_numberCaption;
    PollTimeline *m_timeline;
    QProgressBar *m_remaining;
    QLabel *m_interval;
    QLabel *m_lastPoll;
    QLabel *m_warnings;
    bool m_sent = false;  // the start answered: polls follow
    int m_timeoutSeconds = 0;
    int m_shownLeft = -1; // seconds left as the bar shows them
};

} // namespace ui
