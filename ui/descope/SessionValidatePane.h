#pragma once

// Local validation of a session JWT, as an app's backend does it (descope-api.md §2.4): the
// current session's, or one pasted or dropped here, checked against the project's keys with every
// check shown (SessionView over the outcome: the claims, untrusted when a check failed). The pane
// only asks (validateRequested); SessionOperations validates and showOutcome() shows the answer.
// Object names: validateJwt (the token field), validateUseCurrent, validateRun, and the
// SessionView "validated" (validatedSummary, validatedChecksTable…).

#include "oidc/descope/DescopeSession.h"

#include <QWidget>

class QPushButton;

namespace ui {

class DescopeContext;
class SessionView;
class TokenEdit;

class SessionValidatePane final : public QWidget {
    Q_OBJECT
public:
    explicit SessionValidatePane(DescopeContext &context, QWidget *parent = nullptr);

    // The current session's JWT in the field (what the area's Validate button does first).
    void useCurrentSession();
    [[nodiscard]] QString token() const;
    void showOutcome(const oidc::descope::SessionOutcome &outcome);
    void setBusy(bool busy);
    [[nodiscard]] SessionView *view() const { return m_view; }

Q_SIGNALS:
    void validateRequested(const QString &sessionJwt);
    void openInInspector(const QString &token);

private:
    DescopeContext &m_context;
    TokenEdit *m_token;
    QPushButton *m_useCurrent;
    QPushButton *m_validate;
    SessionView *m_view;
};

} // namespace ui
