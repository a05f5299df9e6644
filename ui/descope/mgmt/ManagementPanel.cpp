#include "ManagementPanel.h"

#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/mgmt/AccessKeysPage.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/descope/mgmt/QuickSetup.h"
#include "ui/descope/mgmt/RolesPage.h"
#include "ui/descope/mgmt/SsoPage.h"
#include "ui/descope/mgmt/TenantsPage.h"
#include "ui/descope/mgmt/UsersPage.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QCheckBox>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>

namespace ui {

ManagementPanel::ManagementPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_connection(std::make_unique<ManagementConnection>(context, this))
{
    setObjectName(QStringLiteral("mgmtPanel"));
    m_refusal = new RefusalBanner(QStringLiteral("mgmtRefusal"));
    m_quick = new QuickSetup(*m_connection);

    auto *body = new QSplitter(Qt::Vertical);
    body->setObjectName(QStringLiteral("mgmtBody"));
    body->setChildrenCollapsible(false);
    body->addWidget(buildTabs());
    body->addWidget(new AreaExchangeList(context, descope_area::kManagement));
    body->setStretchFactor(0, 4);
    body->setStretchFactor(1, 1);
    body->setSizes({470, 130});

    auto *header = new PanelHeader(Type::Title, tr("Users & Tenants"),
                                   tr("Set up the users, tenants, roles and access keys a demo or a reproduction needs, through Descope's "
                                      "management API."));
    layout::attach(this, layout::column({header, buildConnectionBox(), m_quick, m_refusal, layout::Item(body, 1)},
                                        {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    ManagementConnection *connection = m_connection.get();
    connect(connection, &ManagementConnection::readinessChanged, this, &ManagementPanel::followReadiness);
    connect(connection, &ManagementConnection::changed, this, &ManagementPanel::reloadAll);
    connect(connection, &ManagementConnection::busyChanged, m_cancel, &QPushButton::setEnabled);
    connect(connection, &ManagementConnection::refused, this, [this](const QString &what, const oidc::Error &error) {
        m_status->clear();
        m_refusal->showError(what, error);
    });
    connect(connection, &ManagementConnection::succeeded, this, [this](const QString &what) {
        m_refusal->dismiss();
        m_status->setText(tr("✔ %1: done").arg(what));
    });
    connect(connection, &ManagementConnection::declined, this, [this](const QString &what) {
        m_status->setText(tr("Not sent: you cancelled “%1”.").arg(what));
    });
    connect(m_reload, &QPushButton::clicked, this, &ManagementPanel::reloadAll);
    connect(m_cancel, &QPushButton::clicked, connection, &ManagementConnection::cancelAll);
    connect(connection, &ManagementConnection::keyForgotten, this, [this] {
        m_key->clear();
        const QSignalBlocker blocker(m_rememberKey);
        m_rememberKey->setChecked(false);
    });
    connect(connection, &ManagementConnection::keyRestored, this, [this](const QString &key) {
        m_key->setText(key); // masked (Password echo)
        const QSignalBlocker blocker(m_rememberKey);
        m_rememberKey->setChecked(true);
    });
    connect(m_rememberKey, &QCheckBox::toggled, this, [this](bool on) {
        m_connection->setTypedKey(m_key->text()); // what is in the field is what is kept
        m_connection->setRememberKey(on);
        m_rememberKey->setToolTip(m_connection->rememberNote());
    });
    connect(m_key, &QLineEdit::editingFinished, this, [this] { m_connection->setTypedKey(m_key->text()); });
    connect(m_tenants, &TenantsPage::tenantsLoaded, m_sso, &SsoPage::setTenants);
    connect(m_quick, &QuickSetup::testUserCreated, m_users, &UsersPage::selectAfterReload);
    connect(&m_context, &DescopeContext::projectChanged, m_quick, &QuickSetup::forget);
    m_cancel->setEnabled(false);
    followReadiness();
}

// The connection goes first: calls in flight are dropped before the pages they answer to.
ManagementPanel::~ManagementPanel()
{
    m_connection.reset();
}

QWidget *ManagementPanel::buildConnectionBox()
{
    m_project = typeLabel(Type::Caption);
    m_project->setObjectName(QStringLiteral("mgmtProject"));
    m_project->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_realBanner = toneLabel(QStringLiteral("mgmtRealProject"), Tone::Bad);
    m_key = mgmtLineEdit("mgmtKey", tr("the project's management key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setToolTip(tr("Sent as Authorization: Bearer <projectId>:<managementKey>; never logged"));
    m_rememberKey = new QCheckBox(tr("Remember in the keychain"));
    m_rememberKey->setObjectName(QStringLiteral("mgmtRememberKey"));
    m_rememberKey->setToolTip(m_connection->rememberNote());
    m_keyRow = layout::widget(layout::row({plainLabel(tr("Management key")), layout::Item(m_key, 1), m_rememberKey,
                                           typeLabel(Type::Caption, tr("Otherwise in memory only. Never in the workspace file."))},
                                          {.margins = layout::kFlush}));
    m_keyRow->setObjectName(QStringLiteral("mgmtKeyRow"));
    m_unavailable = toneLabel(QStringLiteral("mgmtUnavailable"), Tone::Warning);
    return layout::widget(layout::column({m_project, m_realBanner, m_keyRow, m_unavailable}, {.margins = layout::kFlush, .spacing = 6}));
}

QWidget *ManagementPanel::buildTabs()
{
    m_users = new UsersPage(*m_connection);
    m_tenants = new TenantsPage(*m_connection);
    m_roles = new RolesPage(*m_connection);
    m_keys = new AccessKeysPage(*m_connection);
    m_sso = new SsoPage(*m_connection);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mgmtTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_users, tr("Users"));
    m_tabs->addTab(m_tenants, tr("Tenants"));
    m_tabs->addTab(m_roles, tr("Roles && Permissions"));
    m_tabs->addTab(m_keys, tr("Access Keys"));
    m_tabs->addTab(m_sso, tr("Tenant SSO"));

    m_status = plainLabel(QString());
    m_status->setObjectName(QStringLiteral("mgmtStatus"));
    m_reload = mgmtButton("mgmtReload", tr("Reload"));
    m_reload->setToolTip(tr("Loads users, tenants, roles, permissions and access keys again"));
    m_cancel = mgmtButton("mgmtCancel", tr("Cancel"));
    m_cancel->setToolTip(tr("Cancels every request of this area still waiting for an answer"));
    m_tabs->setCornerWidget(layout::widget(layout::row({m_status, m_reload, m_cancel}, {.margins = QMargins(0, 0, 0, 2)})));
    return m_tabs;
}

void ManagementPanel::followReadiness()
{
    const bool real = m_connection->isRealProject();
    if (m_context.hasProject()) {
        m_project->setText(m_context.isSandbox()
                               ? tr("%1 · the sandbox's own management key (see the provider bar). Nothing here asks for confirmation: "
                                    "what you delete you can create again, and Reset in the provider bar restores the fixtures.")
                                     .arg(m_context.projectSummary())
                               : m_context.projectSummary());
    } else {
        m_project->clear();
    }
    m_project->setVisible(!m_project->text().isEmpty());
    m_realBanner->setText(real && m_context.hasProject()
                              ? tr("⚠ Real Descope project %1: every change here changes its real users, tenants, roles and keys at once. "
                                   "Deleting, deactivating, disabling or taking roles away asks first.")
                                    .arg(m_context.project()->projectId())
                              : QString());
    m_realBanner->setVisible(!m_realBanner->text().isEmpty());
    m_keyRow->setVisible(real && m_context.hasProject());
    m_unavailable->setText(m_connection->unavailableReason());
    m_unavailable->setVisible(!m_unavailable->text().isEmpty());
    m_refusal->dismiss();
    m_status->clear();
    const bool ready = m_connection->isReady();
    m_tabs->setEnabled(ready);
    m_quick->setEnabled(ready);
    m_reload->setEnabled(ready);
    if (ready) {
        reloadAll();
    } else {
        m_users->clear();
        m_tenants->clear();
        m_roles->clear();
        m_keys->clear();
        m_sso->clear();
    }
}

void ManagementPanel::reloadAll()
{
    if (!m_connection->isReady())
        return;
    m_users->reload();
    m_tenants->reload();
    m_roles->reload();
    m_keys->reload();
}

} // namespace ui

#include "moc_ManagementPanel.cpp"
