#pragma once

// What an enchanted-link sign-in sends (descope-api.md §5): the operation (sign in, sign up, sign
// up or in), the login ID (an email address: enchanted links are email only), the redirect URI
// the emailed links point at (empty: the project's setting), and how the app polls (interval and
// timeout, the core's defaults; the core raises an interval under its minimum and caps the
// timeout). Start and Cancel. The form checks nothing itself: the core refuses what it cannot
// send (DESCOPE_LOGIN_ID_MISSING, DESCOPE_REDIRECT_URL) and the panel shows why.

#include "oidc/descope/PasswordlessStart.h"
#include "oidc/descope/PollRecord.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ui {

class EnchantedLinkForm final : public QWidget {
    Q_OBJECT
public:
    explicit EnchantedLinkForm(QWidget *parent = nullptr);

    [[nodiscard]] oidc::descope::PasswordlessStart startRequest() const;
    [[nodiscard]] oidc::descope::PollSettings pollSettings() const;

    // While a sign-in runs: the fields are kept, Start is off and Cancel on.
    void setBusy(bool busy);
    // A login ID to start with when the field is empty (the sandbox's demo user).
    void suggestLoginId(const QString &loginId);

Q_SIGNALS:
    void startRequested();
    void cancelRequested();

private:
    QComboBox *m_operation;
    QLineEdit *m_loginId;
    QLineEdit *m_redirectUri;
    QDoubleSpinBox *m_interval;
    QSpinBox *m_timeout;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace ui
