#include "BrowserPane.h"

#include "ui/UiText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"
#include "ui/browser/BrowserLoader.h"
#include "ui/browser/EmbeddedBrowser.h"
#include "ui/flow/RedactedUrl.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTime>
#include <QVBoxLayout>

namespace ui {

namespace {

QString displayUrl(const QUrl &url)
{
    return redactedUrlText(url);
}

// The pane's status line: plain and muted while all is well, boxed when something needs attention.
void statusTone(QLabel *label, Tone tone)
{
    constexpr int kMuted = -1; // not one of the Tone values: updateTone() restyles after it
    if (tone == Tone::Neutral) {
        if (label->property("tone").toInt() == kMuted && label->property("tone").isValid())
            return;
        setBox(label, Box::StatusLine, QStringLiteral("padding: 1px 0px;"));
        label->setProperty("tone", kMuted);
    } else {
        updateTone(label, tone);
    }
}

QListWidget *smallList(const QString &name)
{
    auto *list = new QListWidget;
    list->setObjectName(name);
    list->setFont(monospaceFont());
    list->setUniformItemSizes(true);
    list->setWordWrap(false);
    list->setTextElideMode(Qt::ElideMiddle);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    return list;
}

} // namespace

BrowserPane::BrowserPane(StoragePathFor storagePathFor, QWidget *parent)
    : QWidget(parent)
    , m_storagePathFor(std::move(storagePathFor))
    , m_status(plainLabel(QString()))
    , m_stack(new QStackedWidget)
    , m_placeholder(new QWidget)
    , m_placeholderText(plainLabel(QString()))
    , m_useSystemButton(new QPushButton(QStringLiteral("Use the system browser")))
    , m_copyUrlButton(new QPushButton(QStringLiteral("Copy URL")))
    , m_openAgainButton(new QPushButton(QStringLiteral("Open again")))
    , m_cancelButton(new QPushButton(QStringLiteral("Cancel")))
    , m_clearButton(new QPushButton(QStringLiteral("Clear browser session")))
    , m_hops(smallList(QStringLiteral("hopList")))
    , m_notes(smallList(QStringLiteral("browserNoteList")))
{
    setObjectName(QStringLiteral("browserPane"));
    m_status->setObjectName(QStringLiteral("browserStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumWidth(40);

    m_placeholderText->setObjectName(QStringLiteral("browserPlaceholderLabel"));
    m_placeholderText->setWordWrap(true);
    m_placeholderText->setAlignment(Qt::AlignCenter);
    m_placeholderText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_placeholderText->setMinimumWidth(40);
    applyType(m_placeholderText, Type::Caption);
    m_useSystemButton->setObjectName(QStringLiteral("useSystemBrowserButton"));
    m_useSystemButton->hide();
    auto *placeholderLayout = new QVBoxLayout(m_placeholder);
    placeholderLayout->addStretch(1);
    placeholderLayout->addWidget(m_placeholderText);
    placeholderLayout->addWidget(m_useSystemButton, 0, Qt::AlignHCenter);
    placeholderLayout->addStretch(1);
    m_placeholder->setAutoFillBackground(true);
    m_stack->addWidget(m_placeholder);
    m_stack->setObjectName(QStringLiteral("browserStack"));

    m_copyUrlButton->setObjectName(QStringLiteral("copyAuthorizationUrlButton"));
    m_openAgainButton->setObjectName(QStringLiteral("openAgainButton"));
    m_cancelButton->setObjectName(QStringLiteral("browserCancelButton"));
    m_clearButton->setObjectName(QStringLiteral("clearBrowserSessionButton"));
    m_clearButton->setToolTip(QStringLiteral(
        "Deletes this profile's cookies and cache: the provider no longer knows the browser, so prompt=none fails with login_required."));
    for (auto *button : {m_copyUrlButton, m_openAgainButton, m_cancelButton, m_clearButton, m_useSystemButton})
        button->setAutoDefault(false);
    m_copyUrlButton->setEnabled(false);
    m_openAgainButton->setEnabled(false);
    m_cancelButton->setEnabled(false);

    connect(m_copyUrlButton, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_waitingUrl.toString(QUrl::FullyEncoded)); });
    connect(m_openAgainButton, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(m_waitingUrl); });
    connect(m_cancelButton, &QPushButton::clicked, this, &BrowserPane::cancelRequested);
    connect(m_clearButton, &QPushButton::clicked, this, &BrowserPane::clearBrowserSession);
    connect(m_useSystemButton, &QPushButton::clicked, this, &BrowserPane::useSystemBrowserRequested);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_copyUrlButton);
    buttons->addWidget(m_openAgainButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    buttons->addWidget(m_clearButton);

    auto *hopsBox = new QWidget;
    auto *hopsLayout = new QVBoxLayout(hopsBox);
    hopsLayout->setContentsMargins(0, 4, 0, 0);
    hopsLayout->setSpacing(2);
    hopsLayout->addWidget(typeLabel(Type::Section, QStringLiteral("Navigation hops and notes")));
    hopsLayout->addWidget(m_hops, 2);
    hopsLayout->addWidget(m_notes, 1);
    m_notes->hide();

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("browserSplitter"));
    splitter->addWidget(m_stack);
    splitter->addWidget(hopsBox);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({520, 110});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    showIdle();
}

BrowserPane::~BrowserPane() = default;

void BrowserPane::setProfileId(const QString &profileId)
{
    if (m_profileId == profileId)
        return;
    m_profileId = profileId;
    m_hops->clear();
    if (EmbeddedBrowser *existing = browser(); existing && !m_system)
        m_stack->setCurrentWidget(existing);
    else
        showIdle();
}

void BrowserPane::setSystemMode(bool system)
{
    m_system = system;
    showIdle();
}

EmbeddedBrowser *BrowserPane::browser() const
{
    return m_browsers.value(m_profileId);
}

EmbeddedBrowser *BrowserPane::ensureBrowser()
{
    if (EmbeddedBrowser *existing = browser())
        return existing;
    QString error;
    EmbeddedBrowserFactory *factory = BrowserLoader::factory(&error);
    if (!factory) {
        m_unavailable = error;
        return nullptr;
    }
    const QString profile = m_profileId.isEmpty() ? QStringLiteral("default") : m_profileId;
    EmbeddedBrowser *created = factory->create(profile, m_storagePathFor(profile), nullptr);
    if (!created) {
        m_unavailable = QStringLiteral("The embedded browser could not be created. Use the system browser instead.");
        return nullptr;
    }
    created->setObjectName(QStringLiteral("embeddedBrowser"));
    m_stack->addWidget(created);
    m_browsers.insert(m_profileId, created);
    connect(created, &EmbeddedBrowser::navigationRequested, this, [this, created](const QUrl &url, const QString &kind, bool mainFrame) {
        if (!mainFrame || created != browser())
            return;
        addHop(kind, url);
        Q_EMIT navigated(url, kind);
    });
    connect(created, &EmbeddedBrowser::intercepted, this, [this, created](const QUrl &url) {
        if (created != browser())
            return;
        addHop(QStringLiteral("intercepted"), url);
        m_status->setText(QStringLiteral("Redirect to %1 intercepted: it was never loaded.").arg(url.toDisplayString(QUrl::RemoveQuery)));
        statusTone(m_status, Tone::Good);
        m_cancelButton->setEnabled(false);
        Q_EMIT intercepted(url);
    });
    connect(created, &EmbeddedBrowser::loadFinished, this, [this, created](const QUrl &url, bool ok) {
        if (created == browser())
            Q_EMIT pageLoaded(url, ok);
    });
    connect(created, &EmbeddedBrowser::consoleMessage, this, [this, created](const QString &level, const QString &message) {
        if (created != browser())
            return;
        // Warnings and errors only: CSP refusals and script errors explain a page that does nothing.
        if (level != QLatin1String("info"))
            addHopText(QStringLiteral("console"), level + QStringLiteral(": ") + message);
        Q_EMIT consoleMessage(level, message);
    });
    connect(created, &EmbeddedBrowser::sessionCleared, this, [this] {
        addHop(QStringLiteral("cleared"), QUrl(QStringLiteral("about:blank")));
    });
    return created;
}

bool BrowserPane::openEmbedded(const QUrl &url, const QList<QUrl> &interceptPrefixes)
{
    EmbeddedBrowser *view = ensureBrowser();
    if (!view) {
        m_status->setText(QStringLiteral("The embedded browser is unavailable."));
        statusTone(m_status, Tone::Bad);
        m_placeholderText->setText(m_unavailable);
        m_useSystemButton->show();
        m_stack->setCurrentWidget(m_placeholder);
        return false;
    }
    m_waitingUrl = url;
    view->setInterceptPrefixes(interceptPrefixes);
    m_stack->setCurrentWidget(view);
    QStringList prefixes;
    for (const QUrl &prefix : interceptPrefixes)
        prefixes << prefix.toDisplayString();
    m_status->setText(QStringLiteral("Browser profile “%1” · %2 is intercepted, never loaded")
                          .arg(view->profileName(), prefixes.join(QStringLiteral(", "))));
    statusTone(m_status, Tone::Neutral);
    m_copyUrlButton->setEnabled(true);
    m_openAgainButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    view->load(url);
    return true;
}

void BrowserPane::showWaiting(const QUrl &url, const QString &listenerUri, bool opened)
{
    m_waitingUrl = url;
    m_stack->setCurrentWidget(m_placeholder);
    m_useSystemButton->hide();
    // A loopback listener's http URI, or a private-use scheme's (RFC 8252 §7.1) the desktop hands over.
    const bool loopback = listenerUri.startsWith(QLatin1String("http"));
    const QString where = loopback ? QStringLiteral("listener at %1").arg(listenerUri) : QStringLiteral("redirect to %1").arg(listenerUri);
    m_status->setText(opened ? QStringLiteral("Waiting for the browser… (%1)").arg(where)
                             : QStringLiteral("The system browser could not be opened: copy the URL into a browser. %1").arg(where));
    statusTone(m_status, opened ? Tone::Neutral : Tone::Warning);
    m_placeholderText->setText(loopback ? QStringLiteral("Sign in in your browser. The redirect comes back to the loopback listener at\n%1\n"
                                                         "(127.0.0.1 only; any other path or a forged callback is listed below and the flow "
                                                         "keeps waiting).")
                                              .arg(listenerUri)
                                        : QStringLiteral("Sign in in your browser. The provider redirects to\n%1\nwhich the desktop hands to "
                                                         "this app (its desktop entry registers the scheme); a forged callback is listed "
                                                         "below and the flow keeps waiting.")
                                              .arg(listenerUri));
    m_copyUrlButton->setEnabled(true);
    m_openAgainButton->setEnabled(true);
    m_cancelButton->setEnabled(true);
    m_hops->addItem(QStringLiteral("%1  system browser  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), displayUrl(url)));
    m_hops->scrollToBottom();
}

void BrowserPane::showIdle()
{
    m_cancelButton->setEnabled(false);
    m_openAgainButton->setEnabled(false);
    m_useSystemButton->hide();
    m_clearButton->setVisible(!m_system);
    m_copyUrlButton->setEnabled(!m_waitingUrl.isEmpty());
    if (m_system) {
        m_status->setText(QStringLiteral("System browser · the redirect comes back to a loopback listener on 127.0.0.1 (RFC 8252 §7.3)."));
        m_placeholderText->setText(QStringLiteral("Step 5 opens the authorization URL in your default browser."));
        m_stack->setCurrentWidget(m_placeholder);
    } else if (EmbeddedBrowser *view = browser()) {
        m_status->setText(QStringLiteral("Embedded browser (profile %1).").arg(view->profileName()));
        m_stack->setCurrentWidget(view);
    } else {
        m_status->setText(QStringLiteral("Embedded browser · the redirect is intercepted and never loaded."));
        m_placeholderText->setText(QStringLiteral("The embedded browser starts when step 5 runs (Qt WebEngine is loaded on first use)."));
        m_stack->setCurrentWidget(m_placeholder);
    }
    statusTone(m_status, Tone::Neutral);
}

void BrowserPane::stop()
{
    if (EmbeddedBrowser *view = browser())
        view->stop();
    m_cancelButton->setEnabled(false);
    m_openAgainButton->setEnabled(false);
}

void BrowserPane::clearBrowserSession()
{
    // A browser that was never created has no cookies yet, but its storage may: create it to clear.
    EmbeddedBrowser *view = ensureBrowser();
    if (!view) {
        m_status->setText(QStringLiteral("The embedded browser is unavailable: %1").arg(m_unavailable));
        statusTone(m_status, Tone::Bad);
        return;
    }
    view->clearSession();
    m_status->setText(QStringLiteral("Browser session cleared (cookies and cache of profile %1): the provider no longer knows this browser.")
                          .arg(view->profileName()));
    statusTone(m_status, Tone::Neutral);
}

void BrowserPane::addHop(const QString &kind, const QUrl &url)
{
    addHopText(kind, displayUrl(url));
}

void BrowserPane::addHopText(const QString &kind, const QString &text)
{
    QString line = text;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    m_hops->addItem(QStringLiteral("%1  %2  %3").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), kind.leftJustified(11), line));
    m_hops->item(m_hops->count() - 1)->setToolTip(plainToolTip(text));
    if (kind == QLatin1String("console"))
        m_hops->item(m_hops->count() - 1)->setForeground(failColor());
    m_hops->scrollToBottom();
}

void BrowserPane::setNotes(const QStringList &notes)
{
    m_notes->clear();
    for (const QString &note : notes)
        m_notes->addItem(QStringLiteral("⚠ ") + note);
    m_notes->setVisible(!notes.isEmpty());
    if (!notes.isEmpty())
        m_notes->scrollToBottom();
}

} // namespace ui

#include "moc_BrowserPane.cpp"
