#pragma once

// What the Session area does with the current Descope session, through the Session area's client
// (so its requests are the area's): refresh (reporting the claims before and after), me, local
// validation of a session JWT (the current one or a pasted one, against the project's keys), and
// logout of this session or of all the user's sessions — after which it tries the logged-out
// refresh JWT once more to show that Descope refuses it. One operation at a time; cancel() ends it
// (NET_CANCELLED is reported as cancelled, not as a refusal). Answers come as signals on the GUI
// thread; a refusal leaves the current session as it was. A new project cancels what runs.

#include "oidc/descope/DescopeClient.h"

#include <QObject>
#include <QString>

namespace ui {

class DescopeContext;

class SessionOperations final : public QObject {
    Q_OBJECT
public:
    enum class Operation { None, Refresh, Me, Validate, Logout, LogoutAll, RefreshAfterLogout };
    Q_ENUM(Operation)

    explicit SessionOperations(DescopeContext &context, QObject *parent = nullptr);
    ~SessionOperations() override;

    [[nodiscard]] Operation running() const { return m_running; }
    [[nodiscard]] bool isBusy() const { return m_running != Operation::None; }
    // "Refresh", "Logout of all sessions"… for buttons, statuses and banners.
    [[nodiscard]] static QString operationName(Operation operation);

    // Each needs a current session (validate: a JWT) and nothing running; false when it did not start.
    bool refresh();
    bool me();
    bool validate(const QString &sessionJwt);
    bool logout(oidc::descope::LogoutScope scope);
    void cancel();

Q_SIGNALS:
    void busyChanged(ui::SessionOperations::Operation running);
    // The refresh's outcome and the session JWT claims it replaced.
    void refreshed(const oidc::descope::SessionOutcome &outcome, const oidc::Json &claimsBefore);
    void userLoaded(const oidc::descope::DescopeUser &user);
    void validated(const oidc::descope::SessionOutcome &outcome);
    // Logged out; the refresh with the old refresh JWT follows (RefreshAfterLogout).
    void loggedOut(oidc::descope::LogoutScope scope);
    // The refresh after a logout: the error Descope answered, or none when it (wrongly) accepted it.
    void refreshAfterLogout(const std::optional<oidc::Error> &refusal);
    void refused(ui::SessionOperations::Operation operation, const oidc::Error &error);
    void cancelled(ui::SessionOperations::Operation operation);

private:
    [[nodiscard]] oidc::descope::DescopeClient *client() const;
    void begin(Operation operation);
    // Ends the running operation and returns which it was.
    Operation finish();
    // A failure: cancelled() for NET_CANCELLED, else refused().
    void report(Operation operation, const oidc::Error &error);
    void refreshWithLoggedOut(const std::string &refreshJwt);

    DescopeContext &m_context;
    Operation m_running = Operation::None;
    oidc::net::RequestHandle m_handle;
    bool m_closing = false; // the destructor's cancel reports nothing
};

} // namespace ui
