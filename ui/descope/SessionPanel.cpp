#include "SessionPanel.h"

#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/AuthorizationChecker.h"
#include "ui/descope/ClaimDiffModel.h"
#include "ui/descope/ClaimDiffView.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/NoSessionNotice.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionValidatePane.h"
#include "ui/descope/SessionView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QDateTime>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStringList>
#include <QTabWidget>

namespace ui {

using oidc::descope::LogoutScope;
using Operation = SessionOperations::Operation;

namespace {

QString sessionPanelClock()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
}

QPushButton *sessionPanelButton(const QString &name, const QString &text, const QString &toolTip)
{
    auto *button = new QPushButton(text);
    button->setObjectName(name);
    button->setToolTip(toolTip);
    return button;
}

QString sessionPanelBusyText(Operation running)
{
    switch (running) {
    case Operation::None: return {};
    case Operation::Refresh: return QStringLiteral("Refreshing the session…");
    case Operation::Me: return QStringLiteral("Asking Descope who the session is (me)…");
    case Operation::Validate: return QStringLiteral("Validating the session JWT against the project's keys…");
    case Operation::Logout: return QStringLiteral("Logging out of this session…");
    case Operation::LogoutAll: return QStringLiteral("Logging out of all the user's sessions…");
    case Operation::RefreshAfterLogout: return QStringLiteral("Logged out. Trying the old refresh JWT once more…");
    }
    return {};
}

} // namespace

SessionPanel::SessionPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_operations(new SessionOperations(context, this))
    , m_project(typeLabel(Type::Caption))
    , m_status(toneLabel(QStringLiteral("sessionStatus"), Tone::Neutral))
    , m_refusal(new RefusalBanner(QStringLiteral("sessionRefusal")))
    , m_current(new SessionView(QStringLiteral("current")))
{
    setObjectName(QStringLiteral("sessionPanel"));
    m_project->setObjectName(QStringLiteral("sessionProject"));
    m_status->hide();
    connect(m_current, &SessionView::openInInspector, &m_context, &DescopeContext::requestInspect);

    auto *header = new PanelHeader(Type::Title, QStringLiteral("Session & Roles"),
                                   QStringLiteral("The app's current Descope session, from any sign-in area: refresh it and see what "
                                                  "changed, ask who it is, validate it locally with every check, check roles and "
                                                  "permissions, log out — then see the old refresh JWT refused."));
    auto *sessionSide = layout::widget(layout::column({typeLabel(Type::Heading, QStringLiteral("Current session")), layout::Item(m_current, 1)},
                                                      {.margins = QMargins(0, 0, 6, 0), .spacing = 4}));
    auto *sides = new QSplitter(Qt::Horizontal);
    sides->setChildrenCollapsible(false);
    sides->addWidget(sessionSide);
    sides->addWidget(buildTabs());
    sides->setStretchFactor(0, 1);
    sides->setStretchFactor(1, 1);
    auto *body = new QSplitter(Qt::Vertical);
    body->setChildrenCollapsible(false);
    body->addWidget(sides);
    body->addWidget(new AreaExchangeList(m_context, descope_area::kSession));
    body->setStretchFactor(0, 4);
    body->setStretchFactor(1, 1);

    layout::attach(this, layout::column({header, m_project, new NoSessionNotice(m_context), m_refusal, buildActions(), m_status,
                                         layout::Item(body, 1)},
                                        {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));
    connectOperations();
    connect(&m_context, &DescopeContext::sessionChanged, this, &SessionPanel::followSession);
    connect(&m_context, &DescopeContext::projectChanged, this, &SessionPanel::followSession);
    followSession();
}

QWidget *SessionPanel::buildActions()
{
    m_refresh = sessionPanelButton(QStringLiteral("sessionRefresh"), QStringLiteral("Refresh"),
                                   QStringLiteral("POST /v1/auth/refresh with the refresh JWT: a new session JWT; see what changed."));
    m_me = sessionPanelButton(QStringLiteral("sessionMe"), QStringLiteral("Me"),
                              QStringLiteral("GET /v1/auth/me with the refresh JWT: the user record."));
    m_validate = sessionPanelButton(QStringLiteral("sessionValidate"), QStringLiteral("Validate"),
                                    QStringLiteral("Validates the session JWT here, against the project's keys, with every check."));
    m_logout = sessionPanelButton(QStringLiteral("sessionLogout"), QStringLiteral("Logout"),
                                  QStringLiteral("POST /v1/auth/logout: ends this session; its refresh JWT stops working."));
    m_logoutAll = sessionPanelButton(QStringLiteral("sessionLogoutAll"), QStringLiteral("Logout all"),
                                     QStringLiteral("POST /v1/auth/logoutall: ends every session of the user, on every device."));
    m_cancel = sessionPanelButton(QStringLiteral("sessionCancel"), QStringLiteral("Cancel"), QStringLiteral("Cancels the request in flight."));
    m_cancel->setEnabled(false);
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        m_refusal->dismiss();
        m_operations->refresh();
    });
    connect(m_me, &QPushButton::clicked, this, [this] {
        m_refusal->dismiss();
        m_operations->me();
    });
    connect(m_validate, &QPushButton::clicked, this, [this] {
        m_refusal->dismiss();
        m_validatePane->useCurrentSession();
        m_tabs->setCurrentIndex(ValidateTab);
        m_operations->validate(m_validatePane->token());
    });
    connect(m_logout, &QPushButton::clicked, this, [this] {
        m_refusal->dismiss();
        m_operations->logout(LogoutScope::ThisSession);
    });
    connect(m_logoutAll, &QPushButton::clicked, this, [this] {
        m_refusal->dismiss();
        m_operations->logout(LogoutScope::AllSessions);
    });
    connect(m_cancel, &QPushButton::clicked, m_operations, &SessionOperations::cancel);
    return layout::widget(layout::row({m_refresh, m_me, m_validate, layout::Space{12}, m_logout, m_logoutAll, layout::Space{12}, m_cancel,
                                       layout::Stretch{}},
                                      {.margins = layout::kFlush}));
}

QWidget *SessionPanel::buildTabs()
{
    m_diff = new ClaimDiffView(QStringLiteral("sessionDiff"));
    m_diff->clear(QStringLiteral("Refresh the session to see what changes in its claims."));
    m_checker = new AuthorizationChecker(m_context);
    m_validatePane = new SessionValidatePane(m_context);
    connect(m_validatePane, &SessionValidatePane::openInInspector, &m_context, &DescopeContext::requestInspect);
    connect(m_validatePane, &SessionValidatePane::validateRequested, this, [this](const QString &token) {
        m_refusal->dismiss();
        m_operations->validate(token);
    });
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("sessionTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->insertTab(ChangesTab, m_diff, QStringLiteral("What changed"));
    m_tabs->insertTab(MeTab, buildMeTab(), QStringLiteral("User (me)"));
    m_tabs->insertTab(RolesTab, m_checker, QStringLiteral("Roles && permissions"));
    m_tabs->insertTab(ValidateTab, m_validatePane, QStringLiteral("Validate a JWT"));
    m_tabs->setTabToolTip(ChangesTab, QStringLiteral("The session JWT's claims before and after the last refresh"));
    m_tabs->setTabToolTip(MeTab, QStringLiteral("The user record GET /v1/auth/me returned"));
    m_tabs->setTabToolTip(RolesTab, QStringLiteral("Roles, permissions and tenant an API would require, checked against the session"));
    m_tabs->setTabToolTip(ValidateTab, QStringLiteral("Local validation of the current or a pasted session JWT, every check shown"));
    return m_tabs;
}

QWidget *SessionPanel::buildMeTab()
{
    m_meSummary = plainLabel(QStringLiteral("Me asks Descope for the user record of the session (GET /v1/auth/me)."));
    m_meSummary->setObjectName(QStringLiteral("sessionMeSummary"));
    m_meSummary->setWordWrap(true);
    m_meSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meText = readOnlyText(QStringLiteral("sessionMeText"), QStringLiteral("The user record, as Descope sent it."));
    m_meText->setFont(monospaceFont());
    return layout::widget(layout::column({m_meSummary, layout::Item(m_meText, 1)}, {.margins = QMargins(0, 6, 0, 0), .spacing = 6}));
}

void SessionPanel::connectOperations()
{
    connect(m_operations, &SessionOperations::busyChanged, this, &SessionPanel::followBusy);
    connect(m_operations, &SessionOperations::refreshed, this, &SessionPanel::showRefreshed);
    connect(m_operations, &SessionOperations::userLoaded, this, &SessionPanel::showUser);
    connect(m_operations, &SessionOperations::validated, this, [this](const oidc::descope::SessionOutcome &outcome) {
        m_validatePane->showOutcome(outcome);
        m_tabs->setCurrentIndex(ValidateTab);
        setStatus(outcome.ok() ? QStringLiteral("✔ Valid at %1: every check of the session JWT passed.").arg(sessionPanelClock())
                               : QStringLiteral("✘ Not valid at %1: %2").arg(sessionPanelClock(), errorText(outcome.result.error())));
        updateTone(m_status, outcome.ok() ? Tone::Good : Tone::Bad);
    });
    connect(m_operations, &SessionOperations::loggedOut, this, &SessionPanel::showLoggedOut);
    connect(m_operations, &SessionOperations::refreshAfterLogout, this, &SessionPanel::showRefreshAfterLogout);
    connect(m_operations, &SessionOperations::refused, this, [this](Operation operation, const oidc::Error &error) {
        m_refusal->showError(SessionOperations::operationName(operation), error);
        setStatus(m_context.hasSession() ? QStringLiteral("The session is unchanged.") : QString());
    });
    connect(m_operations, &SessionOperations::cancelled, this, [this](Operation operation) {
        setStatus(QStringLiteral("%1 cancelled; nothing changed.").arg(SessionOperations::operationName(operation)));
    });
}

void SessionPanel::setStatus(const QString &text)
{
    m_status->setText(text);
    updateTone(m_status, Tone::Neutral);
    m_status->setVisible(!text.isEmpty());
}

void SessionPanel::followSession()
{
    const auto &session = m_context.session();
    QString project = m_context.projectSummary();
    if (session && !m_context.sessionArea().isEmpty())
        project += QStringLiteral(" · current session from the %1 area").arg(m_context.sessionArea());
    m_project->setText(project);
    if (session) {
        m_loggedOutAt.clear();
        m_current->showSession(*session);
    } else {
        m_current->clear(m_loggedOutAt.isEmpty() ? QStringLiteral("No session.") : m_loggedOutAt);
    }
    followBusy(m_operations->running());
}

void SessionPanel::followBusy(Operation running)
{
    const bool busy = running != Operation::None;
    const bool ready = !busy && m_context.hasSession();
    for (QPushButton *button : {m_refresh, m_me, m_validate, m_logout, m_logoutAll})
        button->setEnabled(ready);
    m_cancel->setEnabled(busy);
    m_validatePane->setBusy(busy || !m_context.hasProject());
    if (busy)
        setStatus(sessionPanelBusyText(running));
}

void SessionPanel::showRefreshed(const oidc::descope::SessionOutcome &outcome, const oidc::Json &claimsBefore)
{
    m_diff->setClaims(claimsBefore, outcome.result->session.claims());
    m_tabs->setCurrentIndex(ChangesTab);
    setStatus(QStringLiteral("✔ Refreshed at %1 · %2").arg(sessionPanelClock(), m_diff->model()->summary()));
    updateTone(m_status, Tone::Good);
}

void SessionPanel::showUser(const oidc::descope::DescopeUser &user)
{
    QStringList parts;
    if (!user.name.empty())
        parts << qs(user.name);
    if (!user.email.empty())
        parts << qs(user.email);
    if (!user.phone.empty())
        parts << qs(user.phone);
    QStringList loginIds;
    for (const std::string &loginId : user.loginIds)
        loginIds << qs(loginId);
    QStringList roles;
    for (const std::string &role : user.roleNames)
        roles << qs(role);
    parts << QStringLiteral("user %1").arg(qs(user.userId));
    parts << QStringLiteral("login IDs %1").arg(loginIds.join(QStringLiteral(", ")));
    parts << QStringLiteral("roles %1").arg(roles.isEmpty() ? QStringLiteral("none") : roles.join(QStringLiteral(", ")));
    m_meSummary->setText(parts.join(QStringLiteral(" · ")));
    m_meText->setPlainText(qs(user.raw.dump(2, ' ', false, oidc::Json::error_handler_t::replace)));
    m_tabs->setCurrentIndex(MeTab);
    setStatus(QStringLiteral("✔ Me answered at %1.").arg(sessionPanelClock()));
    updateTone(m_status, Tone::Good);
}

void SessionPanel::showLoggedOut(LogoutScope scope)
{
    m_loggedOutAt = scope == LogoutScope::AllSessions ? QStringLiteral("Logged out of all the user's sessions at %1.").arg(sessionPanelClock())
                                                      : QStringLiteral("Logged out of this session at %1.").arg(sessionPanelClock());
    if (!m_context.hasSession())
        m_current->clear(m_loggedOutAt);
}

void SessionPanel::showRefreshAfterLogout(const std::optional<oidc::Error> &refusal)
{
    if (!refusal) {
        setStatus(QStringLiteral("✘ %1 Yet Descope still accepted the old refresh JWT: the logout did not end the session.").arg(m_loggedOutAt));
        updateTone(m_status, Tone::Bad);
        return;
    }
    m_refusal->showError(SessionOperations::operationName(Operation::RefreshAfterLogout), *refusal);
    setStatus(QStringLiteral("✔ %1 The old refresh JWT was tried once more and Descope refused it, as it must (below).").arg(m_loggedOutAt));
    updateTone(m_status, Tone::Good);
}

} // namespace ui

#include "moc_SessionPanel.cpp"
