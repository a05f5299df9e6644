#pragma once

// Where a social or SSO sign-in's page opens and how its redirect comes back
// (SocialBrowserChoice): the embedded browser, which intercepts the redirect URL before it loads
// (so it need not exist: any URL the project allows will do), or the system browser with a
// loopback listener on 127.0.0.1 (RFC 8252 §7.3; port 0: any free one). The note under it says
// plainly what a real Descope project asks: the redirect URL must be one it allows.
// Object names: socialBrowserCombo, socialRedirectEdit, socialPortSpin, socialRedirectNote.

#include "ui/descope/SocialSignInRun.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ui {

class SocialBrowserSettings final : public QWidget {
    Q_OBJECT
public:
    // The embedded browser's redirect URL to start with: a loopback URL the sandbox allows.
    static QString defaultEmbeddedRedirect() { return QStringLiteral("http://127.0.0.1") + SocialSignInRun::callbackPath(); }

    explicit SocialBrowserSettings(QWidget *parent = nullptr);

    [[nodiscard]] SocialBrowserChoice choice() const;
    void useSystemBrowser();
    // The note for the sandbox or for a real project (its project ID).
    void setProject(bool sandbox, const QString &projectId);

private:
    void showChoice();

    QComboBox *m_browser;
    QLineEdit *m_redirect;
    QSpinBox *m_port;
    QLabel *m_redirectLabel;
    QLabel *m_portLabel;
    QLabel *m_note;
    bool m_sandbox = true;
    QString m_projectId;
};

} // namespace ui
