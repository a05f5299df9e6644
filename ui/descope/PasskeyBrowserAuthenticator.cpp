#include "PasskeyBrowserAuthenticator.h"

#include "oidc/webauthn/BrowserCeremony.h"

#include <QDesktopServices>

namespace ui {

PasskeyBrowserAuthenticator::PasskeyBrowserAuthenticator(QObject *parent) : QObject(parent) {}

PasskeyBrowserAuthenticator::~PasskeyBrowserAuthenticator() = default;

oidc::Result<std::string> PasskeyBrowserAuthenticator::open()
{
    cancel();
    auto ceremony = std::make_unique<oidc::webauthn::BrowserCeremony>();
    if (auto opened = ceremony->open(); !opened)
        return opened.error();
    connect(ceremony.get(), &oidc::webauthn::BrowserCeremony::completed, this, &PasskeyBrowserAuthenticator::answered);
    connect(ceremony.get(), &oidc::webauthn::BrowserCeremony::failed, this, &PasskeyBrowserAuthenticator::refused);
    m_ceremony = std::move(ceremony);
    return m_ceremony->origin();
}

oidc::Status PasskeyBrowserAuthenticator::serve(const std::string &options, bool create)
{
    if (!m_ceremony)
        return oidc::makeError(oidc::ErrorCategory::Input, "BROWSER_CEREMONY_OPTIONS", "the ceremony's listener is not open");
    if (auto served = m_ceremony->serve(options, create); !served)
        return served;
    const bool opened = openInBrowser();
    Q_EMIT waiting(m_ceremony->pageUrl(), opened);
    return {};
}

bool PasskeyBrowserAuthenticator::openAgain()
{
    return isWaiting() && openInBrowser();
}

bool PasskeyBrowserAuthenticator::openInBrowser()
{
    const QUrl url = m_ceremony->pageUrl();
    return m_opener ? m_opener(url) : QDesktopServices::openUrl(url);
}

void PasskeyBrowserAuthenticator::cancel()
{
    if (!m_ceremony)
        return;
    m_ceremony->disconnect(this);
    m_ceremony->cancel();
    // Deleted on the next turn: cancel() may run inside one of the ceremony's own signals.
    m_ceremony.release()->deleteLater();
}

bool PasskeyBrowserAuthenticator::isWaiting() const
{
    return m_ceremony && m_ceremony->remainingMs() > 0;
}

QUrl PasskeyBrowserAuthenticator::pageUrl() const
{
    return m_ceremony ? m_ceremony->pageUrl() : QUrl();
}

int PasskeyBrowserAuthenticator::remainingMs() const
{
    return m_ceremony ? m_ceremony->remainingMs() : 0;
}

} // namespace ui

#include "moc_PasskeyBrowserAuthenticator.cpp"
