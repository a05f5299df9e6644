#include "SsoTenantForm.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using oidc::descope::SsoRoute;
using oidc::descope::SsoTarget;

SsoTenantForm::SsoTenantForm(QWidget *parent)
    : QWidget(parent)
    , m_target(new QLineEdit)
    , m_kind(typeLabel(Type::Caption))
    , m_route(new QComboBox)
    , m_start(new QPushButton(QStringLiteral("Sign in with SSO")))
{
    m_target->setObjectName(QStringLiteral("ssoTargetEdit"));
    m_target->setPlaceholderText(QStringLiteral("Tenant ID or email; in the sandbox, Globex has SSO: pat@globex.test"));
    m_target->setToolTip(QStringLiteral("The \"tenant\" query parameter of the start"));
    m_kind->setObjectName(QStringLiteral("ssoTargetKind"));
    m_route->setObjectName(QStringLiteral("ssoRouteCombo"));
    m_route->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_route->setMinimumContentsLength(16);
    m_route->addItem(QStringLiteral("saml/authorize · what the SDKs call"), static_cast<int>(SsoRoute::Saml));
    m_route->addItem(QStringLiteral("sso/authorize · the newer path"), static_cast<int>(SsoRoute::Sso));
    m_route->setToolTip(QStringLiteral("The start and the exchange go through the same route. The tenant's SSO settings decide "
                                       "whether its IdP speaks SAML or OIDC; Descope speaks it, never the app."));
    m_start->setObjectName(QStringLiteral("ssoStartButton"));
    m_start->setToolTip(QStringLiteral("Start: Descope answers the tenant IdP's page, the browser goes there, the redirect brings a "
                                       "code, the exchange turns it into the session with the tenant in its claims."));

    layout::attach(this, layout::form({{QStringLiteral("Tenant or email"), m_target},
                                       {m_kind},
                                       {QStringLiteral("Route"), layout::row({layout::Item(m_route, 1), m_start}, {.margins = layout::kFlush})}},
                                      {.margins = layout::kFlush, .spacing = 6}));
    connect(m_start, &QPushButton::clicked, this, &SsoTenantForm::startRequested);
    connect(m_target, &QLineEdit::returnPressed, this, [this] {
        if (m_start->isEnabled())
            Q_EMIT startRequested();
    });
    connect(m_target, &QLineEdit::textChanged, this, &SsoTenantForm::showKind);
    showKind();
}

oidc::descope::SsoStart SsoTenantForm::startRequest() const
{
    oidc::descope::SsoStart start;
    start.tenantOrEmail = toStd(m_target->text().trimmed());
    start.route = static_cast<SsoRoute>(m_route->currentData().toInt());
    return start;
}

void SsoTenantForm::setReady(bool ready)
{
    m_ready = ready;
    m_target->setEnabled(ready);
    m_route->setEnabled(ready);
    m_start->setEnabled(ready);
}

void SsoTenantForm::setHint(const QString &hint)
{
    m_hint = hint;
    showKind();
}

void SsoTenantForm::showKind()
{
    const QString text = m_target->text().trimmed();
    if (text.isEmpty()) {
        const QString what = QStringLiteral("A tenant ID starts that tenant's SSO; an email lets Descope pick the tenant.");
        m_kind->setText(m_hint.isEmpty() ? what : what + QLatin1Char(' ') + m_hint);
        return;
    }
    if (oidc::descope::ssoTargetOf(toStd(text)) == SsoTarget::Email) {
        const QString domain = text.section(QLatin1Char('@'), -1);
        m_kind->setText(QStringLiteral("An email: Descope picks the tenant whose SSO settings own the domain “%1”.").arg(domain));
    } else {
        m_kind->setText(QStringLiteral("A tenant ID: Descope starts the SSO of tenant “%1”.").arg(text));
    }
}

} // namespace ui

#include "moc_SsoTenantForm.cpp"
