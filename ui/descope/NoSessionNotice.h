#pragma once

// What a panel that starts from the current Descope session (Session, Step-up, M2M's session
// call) shows without one: "No Descope session yet — sign in first" and a "Sign in…" button that
// asks MainWindow for a sign-in area (DescopeContext::requestSignIn). Without a Descope project
// it says why instead (DescopeContext::unavailableReason) and has no button. It follows the
// context by itself: visible exactly while there is no session. Object names: the notice is
// noSessionNotice, its text noSessionText, its button noSessionSignIn.

#include <QWidget>

class QLabel;
class QPushButton;

namespace ui {

class DescopeContext;

class NoSessionNotice final : public QWidget {
    Q_OBJECT
public:
    explicit NoSessionNotice(DescopeContext &context, QWidget *parent = nullptr);

private:
    void follow();

    DescopeContext &m_context;
    QLabel *m_text;
    QPushButton *m_signIn;
};

} // namespace ui
