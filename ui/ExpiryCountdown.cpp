#include "ExpiryCountdown.h"

#include "ui/UiText.h"
#include "ui/widgets/SteadyText.h"

#include "oidc/HumanTime.h"

#include <QDateTime>
#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace ui {

ExpiryCountdown::ExpiryCountdown(QWidget *parent)
    : QWidget(parent)
    , m_text(new SteadyText) // its text changes every second, its shape seldom
    , m_label(m_text->label())
    , m_progress(new QProgressBar)
{
    setObjectName(QStringLiteral("expiryCountdown"));
    m_label->setObjectName(QStringLiteral("expiryLabel"));
    m_label->setWordWrap(true);
    QFont font = m_label->font();
    font.setWeight(QFont::DemiBold);
    m_label->setFont(font);
    m_progress->setObjectName(QStringLiteral("expiryProgress"));
    m_progress->setTextVisible(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_text);
    layout->addWidget(m_progress);

    m_timer.setInterval(1000);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ExpiryCountdown::refresh);
    clear();
}

void ExpiryCountdown::setKeepsSpace(bool keep)
{
    m_keepsSpace = keep;
    keepSpace();
}

void ExpiryCountdown::keepSpace()
{
    // What a one-line countdown takes: the label's line, the spacing, the bar.
    const QMargins label = m_label->contentsMargins();
    const int height = m_keepsSpace ? QFontMetrics(m_label->font()).height() + label.top() + label.bottom() + layout()->spacing()
                                          + m_progress->sizeHint().height()
                                    : 0;
    if (minimumHeight() != height)
        setMinimumHeight(height);
}

int64_t ExpiryCountdown::warningThreshold(int64_t lifetimeSeconds)
{
    return std::max<int64_t>(lifetimeSeconds / 10, 60);
}

void ExpiryCountdown::setTimes(std::optional<int64_t> issuedAt, std::optional<int64_t> expiresAt, std::optional<int64_t> notBefore)
{
    m_iat = issuedAt;
    m_exp = expiresAt;
    m_nbf = notBefore;
    if (m_text->isHidden())
        m_text->show();
    m_timer.start();
    refresh();
}

void ExpiryCountdown::clear()
{
    m_timer.stop();
    m_iat.reset();
    m_exp.reset();
    m_nbf.reset();
    // Nothing to count down: the token area already says why.
    m_text->clear();
    m_text->hide();
    m_progress->hide();
    setState(State::NoToken);
}

void ExpiryCountdown::setState(State state)
{
    m_state = state;
    // A palette change restyles and repaints the label and the bar: only when the colour changes,
    // not on every tick.
    if (m_shownState == state)
        return;
    m_shownState = state;
    Ink tone = Ink::Muted;
    switch (state) {
    case State::Valid: tone = Ink::Pass; break;
    case State::Expiring: tone = Ink::Warn; break;
    case State::Expired: tone = Ink::Fail; break;
    case State::NotYetValid: tone = Ink::Warn; break;
    case State::NoToken:
    case State::NoExpiry: break;
    }
    setInk(m_label, tone);
    // The bar's chunk in the same colour; refreshTones() re-applies the label's ink, this widget
    // re-applies the bar's on the palette change that a theme switch sends it (changeEvent).
    QPalette barPalette = m_progress->palette();
    barPalette.setColor(QPalette::Highlight, ink(tone));
    m_progress->setPalette(barPalette);
}

void ExpiryCountdown::refresh()
{
    const int64_t now = QDateTime::currentSecsSinceEpoch();
    Q_EMIT ticked(now);
    if (!m_exp) {
        m_text->setText(QStringLiteral("No exp claim: this token does not expire by itself."));
        m_progress->hide();
        setState(State::NoExpiry);
        return;
    }
    const int64_t exp = *m_exp;
    const QString at = qs(oidc::formatLocal(exp));
    const int64_t start = m_iat ? *m_iat : (m_nbf ? *m_nbf : exp);
    const int64_t lifetime = exp - start;

    State state = State::Valid;
    QString text;
    if (now >= exp) {
        state = State::Expired;
        text = QStringLiteral("Expired %1 — at %2").arg(qs(oidc::formatRelative(exp, now)), at);
    } else if (m_nbf && now < *m_nbf) {
        state = State::NotYetValid;
        text = QStringLiteral("Not valid yet: nbf is %1. Expires %2 — at %3")
                   .arg(qs(oidc::formatRelative(*m_nbf, now)), qs(oidc::formatRelative(exp, now)), at);
    } else {
        const int64_t left = exp - now;
        state = lifetime > 0 && left <= warningThreshold(lifetime) ? State::Expiring
              : lifetime <= 0 && left <= 60                        ? State::Expiring
                                                                   : State::Valid;
        text = QStringLiteral("Expires %1 — at %2").arg(qs(oidc::formatRelative(exp, now)), at);
    }
    m_text->setText(text);
    setState(state);

    if (lifetime > 0) {
        // The bar fills as the lifetime is used up: iat (or nbf) → exp.
        const int64_t clamped = std::min<int64_t>(lifetime, INT_MAX);
        const int64_t used = std::clamp<int64_t>(now - start, 0, clamped);
        // QProgressBar::setValue() repaints at once (QWidget::repaint) whenever its text changes:
        // a synchronous paint each tick, outside the main window's one paint per frame (callgrind of
        // bench/gui: more than a million instructions per tick). With its updates off it paints
        // nothing then; update() asks for the paint at the next frame instead.
        const bool paintNow = m_progress->updatesEnabled() && m_progress->isVisible();
        if (paintNow)
            m_progress->setUpdatesEnabled(false);
        m_progress->setRange(0, static_cast<int>(clamped));
        m_progress->setValue(static_cast<int>(used));
        m_progress->setFormat(QStringLiteral("%p% of the %1 lifetime used").arg(qs(oidc::formatDuration(lifetime))));
        if (paintNow) {
            m_progress->setUpdatesEnabled(true);
            m_progress->update();
        }
        if (m_progress->isHidden())
            m_progress->show();
    } else if (!m_progress->isHidden()) {
        m_progress->hide();
    }
}

void ExpiryCountdown::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (m_keepsSpace && (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange))
        keepSpace();
    // A theme switch: the state's colours again, in the new palette's light or dark value.
    if (event->type() == QEvent::PaletteChange && m_shownState) {
        const State state = *m_shownState;
        m_shownState.reset();
        setState(state);
    }
}

} // namespace ui

#include "moc_ExpiryCountdown.cpp"
