#include "AuthorizationChecker.h"

#include "ui/CheckListView.h"
#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace ui {

using oidc::descope::AuthorizationRequirements;

AuthorizationChecker::AuthorizationChecker(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_roles(new QLineEdit)
    , m_permissions(new QLineEdit)
    , m_tenant(new QComboBox)
    , m_verdict(toneLabel(QStringLiteral("authzVerdict"), Tone::Neutral))
    , m_checks(new CheckListView(QStringLiteral("authzChecks"), {.detailPane = true, .ruleColumn = false}))
{
    setObjectName(QStringLiteral("authzChecker"));
    m_roles->setObjectName(QStringLiteral("authzRoles"));
    m_roles->setPlaceholderText(QStringLiteral("e.g. admin"));
    m_roles->setClearButtonEnabled(true);
    m_permissions->setObjectName(QStringLiteral("authzPermissions"));
    m_permissions->setPlaceholderText(QStringLiteral("e.g. read:data, write:data"));
    m_permissions->setClearButtonEnabled(true);
    m_tenant->setObjectName(QStringLiteral("authzTenant"));
    m_tenant->setEditable(true);
    m_tenant->setInsertPolicy(QComboBox::NoInsert);
    m_tenant->lineEdit()->setPlaceholderText(QStringLiteral("none: project-level roles and permissions"));
    m_tenant->setToolTip(QStringLiteral("With a tenant, the user must belong to it and the roles and permissions are the tenant's "
                                        "(the token's tenants.<id>.roles / .permissions)."));
    connect(m_roles, &QLineEdit::textChanged, this, &AuthorizationChecker::check);
    connect(m_permissions, &QLineEdit::textChanged, this, &AuthorizationChecker::check);
    connect(m_tenant, &QComboBox::currentTextChanged, this, &AuthorizationChecker::check);
    connect(&m_context, &DescopeContext::sessionChanged, this, [this] {
        offerTenants();
        check();
    });

    auto *head = typeLabel(Type::Caption, QStringLiteral("What an API would require of the current session — each item is its own check, "
                                                         "as the SDKs' validateRoles / validatePermissions do."));
    head->setWordWrap(true);
    layout::attach(this, layout::column({head,
                                         layout::form({{QStringLiteral("Roles"), m_roles},
                                                       {QStringLiteral("Permissions"), m_permissions},
                                                       {QStringLiteral("Tenant"), m_tenant}},
                                                      {.margins = layout::kFlush}),
                                         m_verdict, layout::Item(m_checks, 1)},
                                        {.margins = QMargins(0, 6, 0, 0), .spacing = 6}));
    offerTenants();
    check();
}

std::vector<std::string> AuthorizationChecker::splitItems(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    std::vector<std::string> items;
    for (const QString &item : text.split(separators, Qt::SkipEmptyParts))
        items.push_back(item.toStdString());
    return items;
}

AuthorizationRequirements AuthorizationChecker::requirements() const
{
    AuthorizationRequirements required;
    required.roles = splitItems(m_roles->text());
    required.permissions = splitItems(m_permissions->text());
    required.tenant = m_tenant->currentText().trimmed().toStdString();
    return required;
}

void AuthorizationChecker::offerTenants()
{
    // The session's own tenants, to pick from; any other can be typed (and fails, as it should).
    const QString typed = m_tenant->currentText();
    QStringList tenants{QString()};
    if (const auto &session = m_context.session(); session && session->session.claims().contains("tenants")) {
        const oidc::Json &held = session->session.claims().at("tenants");
        if (held.is_object())
            for (auto it = held.begin(); it != held.end(); ++it)
                tenants << qs(it.key());
    }
    const QSignalBlocker blocker(m_tenant);
    m_tenant->clear();
    m_tenant->addItems(tenants);
    m_tenant->setCurrentText(typed);
}

void AuthorizationChecker::check()
{
    const auto &session = m_context.session();
    const AuthorizationRequirements required = requirements();
    if (!session) {
        m_checks->clear();
        m_verdict->setText(QStringLiteral("No session: the checks run against the current session once you sign in."));
        updateTone(m_verdict, Tone::Neutral);
        return;
    }
    if (required.empty()) {
        m_checks->clear();
        m_verdict->setText(QStringLiteral("Type the roles or permissions an API would require (and a tenant, if the API is a tenant's)."));
        updateTone(m_verdict, Tone::Neutral);
        return;
    }
    std::vector<oidc::jwt::ClaimCheck> checks = oidc::descope::checkAuthorization(session->session.claims(), required);
    if (const auto failure = oidc::descope::firstFailure(checks)) {
        m_verdict->setText(QStringLiteral("✘ 403 Forbidden — an API that requires this would refuse the session: %1 (%2)")
                               .arg(qs(failure->message), qs(failure->code)));
        updateTone(m_verdict, Tone::Bad);
    } else {
        m_verdict->setText(QStringLiteral("✔ Allowed — the session holds everything required: an API that requires this would answer."));
        updateTone(m_verdict, Tone::Good);
    }
    m_checks->setChecks(std::move(checks));
}

} // namespace ui

#include "moc_AuthorizationChecker.cpp"
