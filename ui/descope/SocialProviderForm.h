#pragma once

// What a social sign-in starts (OAuthApi.h): the provider — the list the core knows (core-js's
// OAuthProviders), or any name typed, since Descope takes custom providers too — and the start's
// variant: authorize (sign up or in), /signin, /signup, or /update, which adds the provider to
// the signed-in user and so needs the app's current session (its note says so while there is
// none). The form checks nothing itself: the core refuses a name it cannot send (DESCOPE_PROVIDER).
// Object names: providerCombo, oauthOperationCombo, socialStartButton, oauthUpdateNeedsSession.

#include "oidc/descope/OAuthApi.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace ui {

class SocialProviderForm final : public QWidget {
    Q_OBJECT
public:
    explicit SocialProviderForm(QWidget *parent = nullptr);

    // The provider and the variant (no redirect URL, no refresh JWT: the panel adds them).
    [[nodiscard]] oidc::descope::OAuthStart startRequest() const;
    // Start is on when `ready` (a project, nothing running) and, for /update, with a session.
    void setReady(bool ready, bool hasSession);

Q_SIGNALS:
    void startRequested();

private:
    void updateStart();

    QComboBox *m_provider;
    QComboBox *m_operation;
    QPushButton *m_start;
    QLabel *m_needsSession;
    bool m_ready = false;
    bool m_hasSession = false;
};

} // namespace ui
