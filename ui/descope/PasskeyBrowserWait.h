#pragma once

// What the Passkeys area shows while the system browser runs a ceremony: the page's URL (to copy
// into another browser, or open again when the tab was closed), the time left before the
// ceremony's listener closes, and whether the browser could be started. It follows a run's
// browser (PasskeyBrowserAuthenticator): shown on waiting(), hidden when the ceremony ends.
// Cancel is the panel's. Object names: browserWait, browserWaitText, browserUrl, copyUrlButton,
// openAgainButton.

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class PasskeyRun;

class PasskeyBrowserWait final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyBrowserWait(PasskeyRun &run, QWidget *parent = nullptr);

private:
    void waiting(const QUrl &url, bool browserOpened);
    void tick();
    void stop();

    PasskeyRun &m_run;
    QLabel *m_text;
    QLineEdit *m_url;
    QPushButton *m_copy;
    QPushButton *m_openAgain;
    QTimer m_clock;
    bool m_browserOpened = false;
};

} // namespace ui
