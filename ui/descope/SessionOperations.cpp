#include "SessionOperations.h"

#include "ui/descope/DescopeContext.h"

#include "oidc/jwt/Jwt.h"

#include <optional>
#include <utility>

namespace ui {

using oidc::descope::DescopeUser;
using oidc::descope::LogoutScope;
using oidc::descope::SessionOutcome;

SessionOperations::SessionOperations(DescopeContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    // The old project's client is deleted later: cancelling now still reaches it.
    connect(&m_context, &DescopeContext::projectChanged, this, &SessionOperations::cancel);
}

SessionOperations::~SessionOperations()
{
    m_closing = true;
    m_handle.cancel();
}

QString SessionOperations::operationName(Operation operation)
{
    switch (operation) {
    case Operation::None: return {};
    case Operation::Refresh: return QStringLiteral("Refresh");
    case Operation::Me: return QStringLiteral("Me");
    case Operation::Validate: return QStringLiteral("Validation");
    case Operation::Logout: return QStringLiteral("Logout");
    case Operation::LogoutAll: return QStringLiteral("Logout of all sessions");
    case Operation::RefreshAfterLogout: return QStringLiteral("Refresh with the logged-out refresh JWT");
    }
    return {};
}

oidc::descope::DescopeClient *SessionOperations::client() const
{
    return m_context.client(descope_area::kSession);
}

void SessionOperations::begin(Operation operation)
{
    m_running = operation;
    Q_EMIT busyChanged(operation);
}

SessionOperations::Operation SessionOperations::finish()
{
    const Operation finished = std::exchange(m_running, Operation::None);
    m_handle = {};
    Q_EMIT busyChanged(Operation::None);
    return finished;
}

void SessionOperations::report(Operation operation, const oidc::Error &error)
{
    if (error.code == "NET_CANCELLED")
        Q_EMIT cancelled(operation);
    else
        Q_EMIT refused(operation, error);
}

void SessionOperations::cancel()
{
    m_handle.cancel();
}

bool SessionOperations::refresh()
{
    oidc::descope::DescopeClient *descope = client();
    const auto &session = m_context.session();
    if (isBusy() || !descope || !session)
        return false;
    const oidc::Json before = session->session.claims();
    const std::string refreshJwt = session->refreshJwt;
    begin(Operation::Refresh);
    // The client keeps the new session; DescopeContext makes it current.
    m_handle = descope->refresh(refreshJwt, [this, before](SessionOutcome outcome) {
        if (m_closing)
            return;
        const Operation operation = finish();
        if (!outcome.ok())
            report(operation, outcome.result.error());
        else
            Q_EMIT refreshed(outcome, before);
    });
    return true;
}

bool SessionOperations::me()
{
    oidc::descope::DescopeClient *descope = client();
    const auto &session = m_context.session();
    if (isBusy() || !descope || !session)
        return false;
    begin(Operation::Me);
    m_handle = descope->me(session->refreshJwt, [this](oidc::Result<DescopeUser> user) {
        if (m_closing)
            return;
        const Operation operation = finish();
        if (!user)
            report(operation, user.error());
        else
            Q_EMIT userLoaded(user.value());
    });
    return true;
}

bool SessionOperations::validate(const QString &sessionJwt)
{
    oidc::descope::DescopeClient *descope = client();
    const std::string token(oidc::jwt::trimToken(sessionJwt.toStdString()));
    if (isBusy() || !descope || token.empty())
        return false;
    begin(Operation::Validate);
    // Every check runs and is shown, passed or failed: a failed check is a result, not a refusal.
    m_handle = descope->validateSession(token, {}, [this](SessionOutcome outcome) {
        if (m_closing)
            return;
        const Operation operation = finish();
        if (!outcome.ok() && outcome.result.error().code == "NET_CANCELLED")
            Q_EMIT cancelled(operation);
        else
            Q_EMIT validated(outcome);
    });
    return true;
}

bool SessionOperations::logout(LogoutScope scope)
{
    oidc::descope::DescopeClient *descope = client();
    const auto &session = m_context.session();
    if (isBusy() || !descope || !session)
        return false;
    const std::string refreshJwt = session->refreshJwt;
    const std::string userId = session->userId;
    begin(scope == LogoutScope::AllSessions ? Operation::LogoutAll : Operation::Logout);
    m_handle = descope->logout(refreshJwt, scope, [this, scope, refreshJwt, userId](oidc::Status status) {
        if (m_closing)
            return;
        const Operation operation = finish();
        if (!status) {
            report(operation, status.error());
            return;
        }
        // The session is over (all of the user's, for logout-all): it is no longer current.
        const auto &current = m_context.session();
        if (current && (current->refreshJwt == refreshJwt || (scope == LogoutScope::AllSessions && current->userId == userId)))
            m_context.clearSession();
        Q_EMIT loggedOut(scope);
        refreshWithLoggedOut(refreshJwt);
    });
    return true;
}

void SessionOperations::refreshWithLoggedOut(const std::string &refreshJwt)
{
    oidc::descope::DescopeClient *descope = client();
    if (!descope)
        return;
    begin(Operation::RefreshAfterLogout);
    m_handle = descope->refresh(refreshJwt, [this](SessionOutcome outcome) {
        if (m_closing)
            return;
        const Operation operation = finish();
        if (!outcome.ok() && outcome.result.error().code == "NET_CANCELLED")
            Q_EMIT cancelled(operation);
        else if (!outcome.ok())
            Q_EMIT refreshAfterLogout(outcome.result.error());
        else
            Q_EMIT refreshAfterLogout(std::nullopt); // Descope still took it: shown as such
    });
}

} // namespace ui

#include "moc_SessionOperations.cpp"
