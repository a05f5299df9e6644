#include "PasskeyBrowserWait.h"

#include "ui/UiText.h"
#include "ui/descope/PasskeyRun.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

namespace {

QString minutesAndSeconds(int ms)
{
    const int seconds = (ms + 999) / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

PasskeyBrowserWait::PasskeyBrowserWait(PasskeyRun &run, QWidget *parent)
    : QWidget(parent)
    , m_run(run)
    , m_text(toneLabel(QStringLiteral("browserWaitText"), Tone::Neutral))
    , m_url(new QLineEdit)
    , m_copy(new QPushButton(QStringLiteral("Copy")))
    , m_openAgain(new QPushButton(QStringLiteral("Open again")))
{
    setObjectName(QStringLiteral("browserWait"));
    m_text->setWordWrap(true);
    m_url->setObjectName(QStringLiteral("browserUrl"));
    m_url->setReadOnly(true);
    m_url->setToolTip(QStringLiteral("The ceremony page, served by this app on 127.0.0.1 only; it works once"));
    m_copy->setObjectName(QStringLiteral("copyUrlButton"));
    m_openAgain->setObjectName(QStringLiteral("openAgainButton"));
    m_openAgain->setToolTip(QStringLiteral("Opens the page in the default browser again (if its tab was closed)"));
    layout::attach(this, layout::column({m_text, layout::row({layout::Item(m_url, 1), m_copy, m_openAgain}, {.margins = layout::kFlush})},
                                        {.margins = layout::kFlush, .spacing = 4}));
    hide();

    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &PasskeyBrowserWait::tick);
    connect(m_copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_url->text()); });
    connect(m_openAgain, &QPushButton::clicked, this, [this] {
        m_browserOpened = m_run.browser()->openAgain();
        tick();
    });
    connect(m_run.browser(), &PasskeyBrowserAuthenticator::waiting, this, &PasskeyBrowserWait::waiting);
    // Any end of the ceremony (answered, refused, timed out, cancelled) leaves the Signing phase.
    connect(&m_run, &PasskeyRun::phaseChanged, this, [this](PasskeyRun::Phase phase) {
        if (phase != PasskeyRun::Phase::Signing)
            stop();
    });
    connect(m_run.browser(), &PasskeyBrowserAuthenticator::answered, this, &PasskeyBrowserWait::stop);
}

void PasskeyBrowserWait::waiting(const QUrl &url, bool browserOpened)
{
    m_browserOpened = browserOpened;
    m_url->setText(url.toString());
    m_url->setCursorPosition(0);
    tick();
    m_clock.start();
    show();
}

void PasskeyBrowserWait::tick()
{
    const int remaining = m_run.browser()->remainingMs();
    if (remaining <= 0) {
        stop();
        return;
    }
    const QString left = minutesAndSeconds(remaining);
    if (m_browserOpened) {
        m_text->setText(QStringLiteral("Waiting for the browser: finish the passkey prompt there (%1 left). The page posts its answer "
                                       "back to this app, which then calls finish.")
                            .arg(left));
        updateTone(m_text, Tone::Neutral);
    } else {
        m_text->setText(QStringLiteral("The default browser could not be started: open this URL in a browser on this computer "
                                       "(%1 left).")
                            .arg(left));
        updateTone(m_text, Tone::Warning);
    }
}

void PasskeyBrowserWait::stop()
{
    m_clock.stop();
    hide();
}

} // namespace ui

#include "moc_PasskeyBrowserWait.cpp"
