#include "AppStatusBar.h"

#include "ui/AppContext.h"
#include "ui/FirstPaintWatcher.h"
#include "ui/UiText.h"
#include "ui/flow/ProfileManager.h"
#include "ui/widgets/UnderPointer.h"

#include "oidc/net/ExchangeLog.h"

#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QPointer>

#include <algorithm>

namespace ui {

namespace {

QLabel *statusField(const QString &name, const QString &accessibleName)
{
    QLabel *label = plainLabel(QString());
    label->setObjectName(name);
    label->setAccessibleName(accessibleName);
    selectableUnderPointer(label);
    return label;
}

} // namespace

AppStatusBar::AppStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_provider(statusField(QStringLiteral("statusProvider"), QStringLiteral("Provider")))
    , m_sandbox(statusField(QStringLiteral("statusSandbox"), QStringLiteral("Sandbox state")))
    , m_exchange(statusField(QStringLiteral("statusLastExchange"), QStringLiteral("Last exchange")))
{
    setObjectName(QStringLiteral("appStatusBar"));
    setAccessibleName(QStringLiteral("Status bar"));
    setSizeGripEnabled(true);
    addWidget(m_provider);
    addWidget(m_sandbox);
    addPermanentWidget(m_exchange);
    m_exchange->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_exchange->installEventFilter(this);
    m_sandbox->hide();
}

void AppStatusBar::attach(AppContext *context, QWidget *window)
{
    m_context = context;
    ProfileManager &profiles = context->profiles();
    connect(&profiles, &ProfileManager::currentChanged, this, &AppStatusBar::showProvider);
    connect(&profiles, &ProfileManager::profileUpdated, this, &AppStatusBar::showProvider);
    connect(&profiles, &ProfileManager::profilesChanged, this, &AppStatusBar::showProvider);
    connect(context, &AppContext::sandboxStateChanged, this, &AppStatusBar::showSandbox);
    showProvider();
    showSandbox();
    m_exchange->setText(QStringLiteral("No exchange yet"));
    fitExchangeField();
    new FirstPaintWatcher(window, [bar = QPointer<AppStatusBar>(this)] {
        if (bar)
            bar->followExchangeLog();
    });
}

void AppStatusBar::showProvider()
{
    m_provider->setText(QStringLiteral("Provider: %1").arg(m_context->profiles().current().name));
}

void AppStatusBar::showSandbox()
{
    QString state;
    switch (m_context->sandboxState()) {
    case AppContext::SandboxState::NotStarted: state = QStringLiteral("starting soon"); break;
    case AppContext::SandboxState::Starting: state = QStringLiteral("starting"); break;
    case AppContext::SandboxState::Running: state = QStringLiteral("running at %1").arg(m_context->sandboxMessage()); break;
    case AppContext::SandboxState::Stopped: state = QStringLiteral("stopped"); break;
    case AppContext::SandboxState::Failed: state = QStringLiteral("failed"); break;
    }
    m_sandbox->setText(QStringLiteral("Sandbox: %1").arg(state));
    m_sandbox->setToolTip(plainToolTip(m_context->sandboxMessage()));
    m_sandbox->show();
}

void AppStatusBar::followExchangeLog()
{
    oidc::net::ExchangeLog &log = m_context->exchangeLog();
    connect(&log, &oidc::net::ExchangeLog::recordAdded, this, &AppStatusBar::showLastExchange);
    connect(&log, &oidc::net::ExchangeLog::cleared, this, &AppStatusBar::showLastExchange);
    showLastExchange();
}

void AppStatusBar::showLastExchange()
{
    const auto &records = m_context->exchangeLog().records();
    if (records.empty()) {
        m_exchange->setText(QStringLiteral("No exchange yet"));
        fitExchangeField();
        return;
    }
    const oidc::net::ExchangeRecord &last = records.back();
    const QString outcome = last.error ? qs(last.error->code) : QString::number(last.status);
    const qint64 second = last.startedMsSinceEpoch / 1000;
    if (second != m_shownSecond) {
        m_shownSecond = second;
        m_shownTime = QDateTime::fromMSecsSinceEpoch(second * 1000).toString(QStringLiteral("HH:mm:ss"));
    }
    m_exchange->setText(QStringLiteral("Last: %1 %2 · %3 · %4 ms · %5")
                            .arg(QString::fromLatin1(last.method), last.url.host(), outcome)
                            .arg(last.elapsedMs)
                            .arg(m_shownTime));
    fitExchangeField();
}

void AppStatusBar::fitExchangeField()
{
    // A label of fixed size changes its text without laying the status bar and the window out
    // again (Qt relays the layouts only for widgets whose size can change): during a flow the
    // newest exchange changes several times a second, its width by a few pixels. The field only
    // grows, to the widest text so far; the text keeps to its right edge, as before. A text of a
    // shape fitted already (the digits of the UI fonts have one width) is not measured again.
    QString shape = m_exchange->text();
    for (QChar &c : shape)
        if (c.isDigit())
            c = QLatin1Char('0');
    if (m_fittedShapes.contains(shape))
        return;
    m_fittedShapes.insert(shape);
    const QSize hint = m_exchange->sizeHint();
    if (hint.width() > m_exchange->minimumWidth() || hint.height() != m_exchange->minimumHeight())
        m_exchange->setFixedSize(std::max(hint.width(), m_exchange->minimumWidth()), hint.height());
}

bool AppStatusBar::eventFilter(QObject *watched, QEvent *event)
{
    // Another font or style (Appearance): measured again from the text shown, once the label has
    // taken the change in (its size hint is remembered until it handles this event).
    if (watched == m_exchange && (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_fittedShapes.clear();
                m_exchange->setMinimumSize(0, 0);
                m_exchange->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
                fitExchangeField();
            },
            Qt::QueuedConnection);
    }
    return QStatusBar::eventFilter(watched, event);
}

} // namespace ui

#include "moc_AppStatusBar.cpp"
