#pragma once

// tests/node/passkey-chromium.mjs as a child process, for the system-browser passkey test and its
// benchmark: headless Chromium with a CDP virtual authenticator, one tab for the whole run. The
// first line says whether Chromium started (skipReason() otherwise); then open(url) hands it a
// ceremony page and nextResult() reads the JSON line it prints for it ({"ok", "openToPostMs", …}).
// Ends when this object is destroyed (stdin closes). Include as "tests/support/PasskeyChromium.h";
// define OIDCPLAY_NODE_DIR.

#include "tests/support/EventLoop.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUrl>

namespace oidc::test {

class PasskeyChromium final {
public:
    PasskeyChromium()
    {
        m_process.setProgram(QStringLiteral("node"));
        m_process.setArguments({QStringLiteral(OIDCPLAY_NODE_DIR "/passkey-chromium.mjs")});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_skipReason = QStringLiteral("node cannot start");
            return;
        }
        const QJsonObject first = nextResult(60000);
        if (first.value(QStringLiteral("ready")).toBool())
            m_version = first.value(QStringLiteral("browser")).toString();
        else
            m_skipReason = first.value(QStringLiteral("skip")).toString(QStringLiteral("passkey-chromium.mjs did not start"));
    }
    ~PasskeyChromium()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
    PasskeyChromium(const PasskeyChromium &) = delete;
    PasskeyChromium &operator=(const PasskeyChromium &) = delete;

    [[nodiscard]] bool isReady() const { return m_skipReason.isEmpty(); }
    [[nodiscard]] QString skipReason() const { return m_skipReason; }
    [[nodiscard]] QString version() const { return m_version; }

    void open(const QUrl &url) { m_process.write(url.toString(QUrl::FullyEncoded).toUtf8() + '\n'); }
    // The next line, or {} after `timeoutMs` (the event loop spins meanwhile).
    [[nodiscard]] QJsonObject nextResult(int timeoutMs = 30000)
    {
        QByteArray line;
        (void)spinUntil(
            [&] {
                if (m_process.canReadLine())
                    line = m_process.readLine();
                return !line.isEmpty() || m_process.state() == QProcess::NotRunning;
            },
            timeoutMs);
        return QJsonDocument::fromJson(line).object();
    }

private:
    QProcess m_process;
    QString m_skipReason;
    QString m_version;
};

} // namespace oidc::test
