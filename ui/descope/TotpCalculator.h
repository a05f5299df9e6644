#pragma once

// A built-in authenticator for people without an app at hand (RFC 6238): the current code of a
// base32 key and the seconds until it changes. Every rule is the core's (oidc/otp/Totp.h:
// secretFromKey, totp, totpStepAt): the HMAC runs off the GUI thread once per time step
// (oidc::runOffThread), the countdown is redrawn every second from the step's bounds. The key is
// a long-lived secret: it stays in this widget and is never logged.

#include "oidc/otp/Totp.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ui {

class TotpCalculator final : public QWidget {
    Q_OBJECT
public:
    explicit TotpCalculator(QWidget *parent = nullptr);

    // The key as Descope answers it (or as a person pastes it: grouped, any case).
    void setKey(const QString &key);
    [[nodiscard]] QString key() const;
    // The code shown now; empty while there is none (no key, a bad key, or computing).
    [[nodiscard]] QString currentCode() const { return m_shownCode; }

    // What a worker computes for one key and one moment: plain values, copied across threads.
    struct Computed final {
        QString key;
        QString code;
        oidc::otp::TotpStep step;
        QString error; // the core's error summary when the key is unusable
    };

Q_SIGNALS:
    // "Use this code": the code shown, for a verify field.
    void useCode(const QString &code);
    // A new code is shown (or none: empty).
    void codeChanged(const QString &code);

private:
    void tick();
    void compute(qint64 now);
    void apply(const Computed &computed);
    void showCountdown(qint64 now);
    void showNoCode(const QString &why);
    void showError(const QString &error);

    QLineEdit *m_keyEdit;
    QLabel *m_code;
    QProgressBar *m_countdown;
    QLabel *m_status;
    QLabel *m_error;
    QPushButton *m_use;
    QPushButton *m_copy;
    QTimer m_timer;
    std::optional<oidc::otp::TotpStep> m_step; // of the code shown
    QString m_shownCode;
    quint64 m_serial = 0;        // bumped on every computation: an older result is dropped
    bool m_computing = false;
};

} // namespace ui
