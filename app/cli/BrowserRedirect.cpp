#include "BrowserRedirect.h"

#include "CliOutput.h"

#include <QEventLoop>
#include <QProcess>
#include <QTimer>

#include <cstdio>

namespace cli {

using oidc::ErrorCategory;
using oidc::makeError;
using oidc::flow::RedirectWait;

BrowserRedirect::BrowserRedirect()
{
    QObject::connect(&m_wait, &RedirectWait::finished, &m_waiting, [this](const oidc::Result<QUrl> &redirect) {
        m_outcome = redirect;
        m_waiting.quit();
    });
    QObject::connect(&m_wait, &RedirectWait::note, &m_waiting,
                     [](const QString &description) { printErr("note: listener " + description.toStdString()); });
}

oidc::Result<quint16> BrowserRedirect::parsePort(const QString &text)
{
    bool numeric = false;
    const int port = text.toInt(&numeric);
    if (!numeric || port < 0 || port > 65535)
        return makeError(ErrorCategory::Input, "USAGE", "--redirect-port must be 0–65535", "0–65535", text.toStdString());
    return static_cast<quint16>(port);
}

oidc::Status BrowserRedirect::listen(quint16 port, const QString &path, int timeoutSeconds, RedirectWait::Judge judge)
{
    auto started = m_wait.listen(port, path, timeoutSeconds * 1000, std::move(judge));
    if (!started && port != 0) {
        oidc::Error error = started.error();
        error.message += " — use --redirect-port 0 and register the provider to allow any loopback port (RFC 8252 §7.3)";
        return error;
    }
    return started;
}

oidc::Result<QUrl> BrowserRedirect::openAndWait(const QString &url, bool noBrowser)
{
    if (noBrowser) {
        // One write, so that a script reading stderr line by line never sees half of it.
        const std::string line = "authorize_url: " + url.toStdString() + "\n";
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fflush(stderr);
    } else if (!QProcess::startDetached(QStringLiteral("xdg-open"), {url})) {
        printErr("warning: could not start a browser; open this URL yourself:");
        printErr("authorize_url: " + url.toStdString());
    }
    return wait();
}

oidc::Result<QUrl> BrowserRedirect::wait()
{
    if (!m_outcome)
        m_waiting.exec();
    if (!*m_outcome) {
        // The wait ended without a redirect to use: let the listener's page reach the browser
        // before the process ends. (After an accepted one, the caller's next request runs the
        // event loop while the success page is written.)
        QEventLoop flush;
        QTimer::singleShot(100, &flush, &QEventLoop::quit);
        flush.exec();
    }
    return *m_outcome;
}

} // namespace cli
