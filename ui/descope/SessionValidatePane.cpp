#include "SessionValidatePane.h"

#include "ui/TokenEdit.h"
#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/SessionView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QPushButton>

namespace ui {

SessionValidatePane::SessionValidatePane(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_token(new TokenEdit)
    , m_useCurrent(new QPushButton(QStringLiteral("Use the current session")))
    , m_validate(new QPushButton(QStringLiteral("Validate")))
    , m_view(new SessionView(QStringLiteral("validated")))
{
    setObjectName(QStringLiteral("validatePane"));
    m_token->setObjectName(QStringLiteral("validateJwt"));
    m_token->setPlaceholderText(QStringLiteral("Paste or drop a session JWT (a \"Bearer \" prefix is fine)."));
    m_token->setFont(monospaceFont());
    m_token->setFixedHeight(m_token->fontMetrics().lineSpacing() * 3 + 12);
    m_useCurrent->setObjectName(QStringLiteral("validateUseCurrent"));
    m_validate->setObjectName(QStringLiteral("validateRun"));
    m_validate->setToolTip(QStringLiteral("Checks the JWT here, against the project's public keys (fetched once): signature, iss, exp, "
                                          "nbf, iat, sub, drn."));
    m_view->clear(QStringLiteral("Validate a session JWT to see every check."));
    connect(m_useCurrent, &QPushButton::clicked, this, &SessionValidatePane::useCurrentSession);
    connect(m_validate, &QPushButton::clicked, this, [this] { Q_EMIT validateRequested(token()); });
    connect(m_token, &TokenEdit::textChanged, this, [this] { m_validate->setEnabled(!token().isEmpty()); });
    connect(m_view, &SessionView::openInInspector, this, &SessionValidatePane::openInInspector);
    connect(&m_context, &DescopeContext::sessionChanged, this, [this] { m_useCurrent->setEnabled(m_context.hasSession()); });
    m_useCurrent->setEnabled(m_context.hasSession());
    m_validate->setEnabled(false);

    auto *caption = typeLabel(Type::Caption, QStringLiteral("What a backend does with the session JWT an app sends: verify it locally with the "
                                                            "project's keys, then trust its claims."));
    caption->setWordWrap(true);
    layout::attach(this, layout::column({caption, m_token, layout::row({m_useCurrent, m_validate, layout::Stretch{}}, {.margins = layout::kFlush}),
                                         layout::Item(m_view, 1)},
                                        {.margins = QMargins(0, 6, 0, 0), .spacing = 6}));
}

void SessionValidatePane::useCurrentSession()
{
    if (const auto &session = m_context.session())
        m_token->setPlainText(qs(session->sessionJwt));
}

QString SessionValidatePane::token() const
{
    return m_token->toPlainText().trimmed();
}

void SessionValidatePane::showOutcome(const oidc::descope::SessionOutcome &outcome)
{
    m_view->showOutcome(outcome);
}

void SessionValidatePane::setBusy(bool busy)
{
    m_validate->setEnabled(!busy && !token().isEmpty());
}

} // namespace ui

#include "moc_SessionValidatePane.cpp"
