// The Users & Tenants area (ui/descope/mgmt/ManagementPanel) against the built-in sandbox started
// in-process as the app starts it, driven through its widgets, each change followed by the effect
// it must have on the auth side: a user created here signs in (OTP, the code from the sandbox's
// Inbox) with the role it was given; disabled, its sign-in is refused, enabled again it works; a
// tenant created here, given to the user with a tenant role, is in the next session's "tenants";
// an access key's cleartext is shown once, exchanges, and once deactivated is refused; the one-click
// test user and M2M key work. A real project (a Descope project profile pointed at the sandbox)
// shows its banner and asks before anything destructive — Cancel sends nothing — while the sandbox
// asks nothing; a wrong management key is refused with Descope's code and the form keeps what was
// typed; Cancel stops a call in flight. The provider bar shows the sandbox's key masked, reveals and
// copies it.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/ProviderBar.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementPanel.h"
#include "ui/descope/mgmt/SsoPage.h"
#include "ui/flow/ProfileManager.h"

#include "oidc/net/ExchangeLog.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/SandboxHost.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <memory>
#include <optional>

namespace tst_management {

using descope_testing::otpSignIn;
using descope_testing::waitFor;
using testing_ui::child;

constexpr int kTimeout = 20000;

enum MgmtTab { UsersTab, TenantsTab, RolesTab, KeysTab, SsoTab };

// The session's claim `name` (null when absent).
oidc::Json mgmtClaim(const oidc::descope::SessionOutcome &outcome, const char *name)
{
    const oidc::Json &claims = outcome.result->session.claims();
    const auto it = claims.find(name);
    return it == claims.end() ? oidc::Json() : *it;
}

bool mgmtHasString(const oidc::Json &array, const std::string &value)
{
    return array.is_array() && std::find(array.begin(), array.end(), oidc::Json(value)) != array.end();
}

class TestManagement final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aUserCreatedHereSignsInWithItsRole();
    void aDisabledUserCannotSignIn();
    void aTenantAndItsRoleShowInTheNextSession();
    void anAccessKeyIsShownOnceExchangesAndDeactivatedIsRefused();
    void oneClickTestUserAndM2mKeyWork();
    void rolesAndSsoSettingsRoundTrip();
    void parseMappingsRefusesALineWithoutARole();
    void destructiveChangesAreConfirmedOnlyOnARealProject();
    void aWrongManagementKeyIsRefusedAndTheFormKeepsItsInput();
    void cancelStopsACallInFlight();
    void theProviderBarShowsTheKeyMasked();
    void theMainWindowOffersTheArea();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] sandbox::SandboxHost &host() const { return *m_app->context->sandbox(); }
    [[nodiscard]] QWidget &panel() const { return *m_panel; }
    [[nodiscard]] QString refusal() const { return child<QLabel>(panel(), "mgmtRefusal")->text(); }
    [[nodiscard]] QString status() const { return child<QLabel>(panel(), "mgmtStatus")->text(); }
    [[nodiscard]] bool idle() const { return !child<QPushButton>(panel(), "mgmtCancel")->isEnabled(); }
    // The area's requests in the exchange log so far.
    [[nodiscard]] int areaRequests() const;
    void showTab(MgmtTab tab) const { child<QTabWidget>(panel(), "mgmtTabs")->setCurrentIndex(tab); }
    void setText(const char *name, const QString &text) const { child<QLineEdit>(panel(), name)->setText(text); }
    void click(const char *name) const { child<QPushButton>(panel(), name)->click(); }
    // The row of table `name` (a ManagementTable's view) with a cell equal to `text`; -1 when none.
    [[nodiscard]] int rowWith(const char *table, const QString &text) const;
    void selectRow(const char *table, const QString &text) const;
    void createUser(const QString &loginId, const QString &roles);
    void useRealProject(const QString &key);

    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::ManagementPanel> m_panel;
};

void TestManagement::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    QVERIFY(waitFor([this] { return descope().hasProject() && !host().managementKey().isEmpty(); }));
}

void TestManagement::init()
{
    host().reset();
    m_panel = std::make_unique<ui::ManagementPanel>(descope());
    m_panel->resize(1240, 860);
    m_panel->show();
    // The lists load by themselves: the fixtures' users, tenants and access keys.
    QVERIFY(waitFor([this] { return rowWith("usrListTable", QStringLiteral("alice@example.com")) >= 0 && idle(); }));
    QVERIFY(rowWith("tenListTable", QStringLiteral("Acme Corp")) >= 0);
}

void TestManagement::cleanup()
{
    m_panel.reset();
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    host().clearFaults();
    descope().clearSession();
}

int TestManagement::areaRequests() const
{
    const QString prefix = ui::descope_area::kManagement.toString() + QStringLiteral(" · ");
    int count = 0;
    for (const auto &record : m_app->context->exchangeLog().records())
        count += record.label.startsWith(prefix) ? 1 : 0;
    return count;
}

int TestManagement::rowWith(const char *table, const QString &text) const
{
    const QAbstractItemModel *model = child<QTableView>(panel(), table)->model();
    for (int row = 0; row < model->rowCount(); ++row)
        for (int column = 0; column < model->columnCount(); ++column)
            if (model->index(row, column).data().toString() == text)
                return row;
    return -1;
}

void TestManagement::selectRow(const char *table, const QString &text) const
{
    const int row = rowWith(table, text);
    QVERIFY2(row >= 0, qPrintable(text));
    child<QTableView>(panel(), table)->selectRow(row);
}

void TestManagement::createUser(const QString &loginId, const QString &roles)
{
    showTab(UsersTab);
    click("usrNew");
    setText("usrLoginId", loginId);
    setText("usrEmail", loginId);
    setText("usrName", QStringLiteral("QA ") + loginId.section(QLatin1Char('@'), 0, 0));
    setText("usrRoles", roles);
    click("usrCreate");
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Create user %1: done").arg(loginId)), kTimeout);
    // The list reloads and selects the new user, its form filled from the answer.
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("usrListTable", loginId) >= 0 && idle(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(panel(), "usrLoginId")->text(), loginId, kTimeout);
    QVERIFY(child<QPushButton>(panel(), "usrSave")->isEnabled());
}

void TestManagement::useRealProject(const QString &key)
{
    oidc::flow::ProviderProfile real;
    real.name = QStringLiteral("Real project (the sandbox in disguise)");
    real.kind = oidc::flow::ProviderKind::DescopeProject;
    real.descopeProjectId = host().projectId();
    real.descopeCustomBase = host().baseUrl().toString();
    m_app->context->profiles().setCurrent(m_app->context->profiles().add(real));
    QVERIFY(!descope().isSandbox());
    QVERIFY(child<QLabel>(panel(), "mgmtRealProject")->isVisible());
    QVERIFY(child<QLabel>(panel(), "mgmtRealProject")->text().contains(QStringLiteral("Real Descope project")));
    QVERIFY(child<QWidget>(panel(), "mgmtKeyRow")->isVisible());
    // Without a key nothing can be sent, and the lists are empty.
    QVERIFY(!child<QTabWidget>(panel(), "mgmtTabs")->isEnabled());
    QVERIFY(child<QLabel>(panel(), "mgmtUnavailable")->text().contains(QStringLiteral("management key")));
    QCOMPARE(child<QTableView>(panel(), "usrListTable")->model()->rowCount(), 0);
    auto *field = child<QLineEdit>(panel(), "mgmtKey");
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    field->setText(key);
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(child<QTabWidget>(panel(), "mgmtTabs")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(idle(), kTimeout);
}

void TestManagement::aUserCreatedHereSignsInWithItsRole()
{
    const QString loginId = QStringLiteral("mgmt-carol@example.com");
    // Not yet a user: a sign-in is refused (OTP sign-in needs an existing user).
    QVERIFY(!otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId).ok());
    createUser(loginId, QStringLiteral("admin"));
    QVERIFY(!child<QLabel>(panel(), "mgmtRefusal")->isVisible());
    const auto outcome = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId);
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.result.error().summary().c_str());
    QVERIFY2(mgmtHasString(mgmtClaim(outcome, "roles"), "admin"), mgmtClaim(outcome, "roles").dump().c_str());
    QVERIFY(outcome.result->loginIds.front() == loginId.toStdString());
}

void TestManagement::aDisabledUserCannotSignIn()
{
    const QString loginId = QStringLiteral("mgmt-erin@example.com");
    createUser(loginId, QString());
    auto *toggle = child<QPushButton>(panel(), "usrToggleStatus");
    QCOMPARE(toggle->text(), QStringLiteral("Disable"));
    toggle->click(); // the sandbox asks nothing
    QVERIFY(!panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm")));
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Disable user %1: done").arg(loginId)), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("usrListTable", QStringLiteral("disabled")) >= 0 && idle(), kTimeout);
    QTRY_VERIFY(child<QLabel>(panel(), "usrState")->text().startsWith(QStringLiteral("Disabled")));
    QCOMPARE(toggle->text(), QStringLiteral("Enable"));
    const auto refused = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.result.error().httpStatus, 401);
    QCOMPARE(refused.result.error().code, std::string("E011003")); // refused at the start: no code was sent

    toggle->click();
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Enable user %1: done").arg(loginId)), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(), kTimeout);
    QVERIFY(otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId).ok());
}

void TestManagement::aTenantAndItsRoleShowInTheNextSession()
{
    const QString tenantId = QStringLiteral("TqaTenant0001");
    showTab(TenantsTab);
    click("tenNew");
    setText("tenId", tenantId);
    setText("tenName", QStringLiteral("QA Tenant"));
    setText("tenDomains", QStringLiteral("qa-tenant.example"));
    click("tenCreate");
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("tenListTable", tenantId) >= 0 && idle(), kTimeout);
    QCOMPARE(rowWith("tenListTable", QStringLiteral("qa-tenant.example")), rowWith("tenListTable", tenantId));

    const QString loginId = QStringLiteral("mgmt-frank@example.com");
    createUser(loginId, QStringLiteral("user"));
    auto *tenants = child<QTableWidget>(panel(), "usrTenants");
    QCOMPARE(tenants->rowCount(), 0);
    click("usrTenantsAdd");
    QCOMPARE(tenants->rowCount(), 1);
    tenants->item(0, 0)->setText(tenantId);
    tenants->item(0, 1)->setText(QStringLiteral("admin"));
    click("usrSave"); // adds, takes nothing away: no question even on a real project
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Save user %1: done").arg(loginId)), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("usrListTable", tenantId + QStringLiteral(" (admin)")) >= 0 && idle(), kTimeout);

    const auto outcome = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId);
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.result.error().summary().c_str());
    const oidc::Json tenantClaims = mgmtClaim(outcome, "tenants");
    QVERIFY2(tenantClaims.contains(tenantId.toStdString()), tenantClaims.dump().c_str());
    QVERIFY2(mgmtHasString(tenantClaims[tenantId.toStdString()].value("roles", oidc::Json()), "admin"), tenantClaims.dump().c_str());
    QVERIFY(mgmtHasString(mgmtClaim(outcome, "roles"), "user"));

    // Deleting the tenant (no question in the sandbox) takes it from the user's next session.
    showTab(TenantsTab);
    selectRow("tenListTable", tenantId);
    click("tenDelete");
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("tenListTable", tenantId) < 0 && idle(), kTimeout);
    const auto after = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId);
    QVERIFY(after.ok());
    QVERIFY2(!mgmtClaim(after, "tenants").contains(tenantId.toStdString()), mgmtClaim(after, "tenants").dump().c_str());
}

void TestManagement::anAccessKeyIsShownOnceExchangesAndDeactivatedIsRefused()
{
    showTab(KeysTab);
    setText("keyName", QStringLiteral("qa-key"));
    setText("keyRoles", QStringLiteral("admin"));
    auto *box = child<QWidget>(panel(), "keyCleartext");
    QVERIFY(!box->isVisible());
    click("keyCreate");
    QTRY_VERIFY_WITH_TIMEOUT(box->isVisible(), kTimeout);
    const QString cleartext = child<QLineEdit>(panel(), "keyCleartextValueEdit")->text();
    QVERIFY(!cleartext.isEmpty());
    QVERIFY(child<QLabel>(panel(), "keyCleartextWarning")->text().contains(QStringLiteral("only this once")));
    child<QPushButton>(panel(), "keyCleartextValueCopyButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), cleartext);
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("keyListTable", QStringLiteral("qa-key")) >= 0 && idle(), kTimeout);
    // The exchange log has the answer with the cleartext redacted.
    for (const auto &record : m_app->context->exchangeLog().records())
        QVERIFY(!QString::fromUtf8(oidc::net::ExchangeLog::body(record.responseBody, record.responseHeaders, oidc::net::Reveal::Redacted)).contains(cleartext));

    // Once forgotten it is nowhere in the panel.
    click("keyCleartextForget");
    QVERIFY(!box->isVisible());
    for (const QLineEdit *edit : panel().findChildren<QLineEdit *>())
        QVERIFY2(!edit->text().contains(cleartext), qPrintable(edit->objectName()));

    const auto exchange = [this](const QString &key) {
        std::optional<oidc::descope::SessionOutcome> answer;
        (void)descope().client(ui::descope_area::kM2m)->exchangeAccessKey(key.toStdString(), {}, [&answer](oidc::descope::SessionOutcome outcome) {
            answer = std::move(outcome);
        });
        (void)waitFor([&] { return answer.has_value(); });
        return answer.value_or(oidc::descope::failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NOT_RUN", "no answer")));
    };
    const auto exchanged = exchange(cleartext);
    QVERIFY2(exchanged.ok(), exchanged.ok() ? "" : exchanged.result.error().summary().c_str());
    QVERIFY(mgmtHasString(mgmtClaim(exchanged, "roles"), "admin"));

    selectRow("keyListTable", QStringLiteral("qa-key"));
    QVERIFY(!child<QPushButton>(panel(), "keyActivate")->isEnabled());
    click("keyDeactivate");
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Deactivate access key qa-key: done")), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("keyListTable", QStringLiteral("inactive")) >= 0 && idle(), kTimeout);
    const auto refused = exchange(cleartext);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.result.error().code, std::string("E062803"));
    // The cleartext was not shown again by anything that followed.
    QVERIFY(!box->isVisible());
}

void TestManagement::oneClickTestUserAndM2mKeyWork()
{
    click("quickTestUser");
    auto *loginId = child<QLineEdit>(panel(), "quickLoginIdEdit");
    QTRY_VERIFY_WITH_TIMEOUT(!loginId->text().isEmpty(), kTimeout);
    QVERIFY2(QRegularExpression(QStringLiteral("^test-[0-9a-f]{8}@example\\.com$")).match(loginId->text()).hasMatch(), qPrintable(loginId->text()));
    QVERIFY(child<QLabel>(panel(), "quickHint")->text().contains(QStringLiteral("Magic Link, OTP & TOTP")));
    child<QPushButton>(panel(), "quickLoginIdCopyButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), loginId->text());
    // The users list selects it.
    QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(panel(), "usrLoginId")->text(), loginId->text(), kTimeout);
    const auto signedIn = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, loginId->text());
    QVERIFY2(signedIn.ok(), signedIn.ok() ? "" : signedIn.result.error().summary().c_str());

    click("quickAccessKey");
    auto *cleartext = child<QLineEdit>(panel(), "quickCleartextValueEdit");
    QTRY_VERIFY_WITH_TIMEOUT(!cleartext->text().isEmpty(), kTimeout);
    QVERIFY(child<QLabel>(panel(), "quickCleartextHint")->text().contains(QStringLiteral("Client Credentials & M2M")));
    std::optional<bool> exchanged;
    (void)descope().client(ui::descope_area::kM2m)->exchangeAccessKey(cleartext->text().toStdString(), {},
                                                                        [&exchanged](oidc::descope::SessionOutcome outcome) { exchanged = outcome.ok(); });
    QVERIFY(waitFor([&] { return exchanged.has_value(); }));
    QVERIFY(*exchanged);
}

void TestManagement::rolesAndSsoSettingsRoundTrip()
{
    showTab(RolesTab);
    setText("roleName", QStringLiteral("qa-auditor"));
    setText("roleDescription", QStringLiteral("Reads the audit trail"));
    setText("rolePermissions", QStringLiteral("read:data"));
    click("roleCreate");
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("roleListTable", QStringLiteral("qa-auditor")) >= 0 && idle(), kTimeout);
    QVERIFY(rowWith("roleListTable", QStringLiteral("Reads the audit trail")) >= 0);

    showTab(SsoTab);
    const QString acme = QStringLiteral("T2SbxAcme0000000000000000001");
    auto *tenant = child<QComboBox>(panel(), "ssoTenant");
    QVERIFY(tenant->findData(acme) >= 0); // the tenants page's list
    tenant->setCurrentIndex(tenant->findData(acme));
    setText("ssoIdpUrl", QStringLiteral("https://idp.acme.example/sso"));
    setText("ssoEntityId", QStringLiteral("urn:acme:idp"));
    setText("ssoDomains", QStringLiteral("acme-qa.example"));
    child<QPlainTextEdit>(panel(), "ssoMappings")->setPlainText(QStringLiteral("auditors, qa = qa-auditor"));
    click("ssoSave");
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(panel(), "ssoLoaded")->text().contains(QStringLiteral("ACS URL")) && idle(), kTimeout);
    // What was saved comes back from the load that followed.
    setText("ssoIdpUrl", QString());
    click("ssoLoad");
    QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(panel(), "ssoIdpUrl")->text(), QStringLiteral("https://idp.acme.example/sso"), kTimeout);
    QCOMPARE(child<QPlainTextEdit>(panel(), "ssoMappings")->toPlainText(), QStringLiteral("auditors, qa = qa-auditor"));
    QCOMPARE(child<QLineEdit>(panel(), "ssoDomains")->text(), QStringLiteral("acme-qa.example"));
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("tenListTable", QStringLiteral("SAML")) >= 0, kTimeout);

    // A mapping line without a role is refused before anything is sent.
    const int before = areaRequests();
    child<QPlainTextEdit>(panel(), "ssoMappings")->setPlainText(QStringLiteral("auditors ="));
    click("ssoSave");
    QVERIFY(refusal().contains(QStringLiteral("MGMT_SSO_MAPPING")));
    QCOMPARE(areaRequests(), before);
    QCOMPARE(child<QPlainTextEdit>(panel(), "ssoMappings")->toPlainText(), QStringLiteral("auditors ="));

    // A role deleted here is gone from the list (the sandbox asks nothing).
    showTab(RolesTab);
    click("roleNew");
    setText("roleName", QStringLiteral("qa-temporary"));
    click("roleCreate");
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("roleListTable", QStringLiteral("qa-temporary")) >= 0 && idle(), kTimeout);
    selectRow("roleListTable", QStringLiteral("qa-temporary"));
    click("roleDelete");
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Delete role qa-temporary: done")), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("roleListTable", QStringLiteral("qa-temporary")) < 0 && idle(), kTimeout);
}

void TestManagement::parseMappingsRefusesALineWithoutARole()
{
    const auto good = ui::SsoPage::parseMappings(QStringLiteral("a, b = admin\n\n c=user "));
    QVERIFY(good.ok());
    QCOMPARE(good->roleMappings.size(), size_t{2});
    QVERIFY(good->roleMappings[0].first == (std::vector<std::string>{"a", "b"}));
    QCOMPARE(good->roleMappings[1].second, std::string("user"));
    for (const QString &bad : {QStringLiteral("admins"), QStringLiteral("= admin"), QStringLiteral("a = b\ngroup =")}) {
        const auto refused = ui::SsoPage::parseMappings(bad);
        QVERIFY2(!refused.ok(), qPrintable(bad));
        QCOMPARE(refused.error().code, std::string("MGMT_SSO_MAPPING"));
    }
}

void TestManagement::destructiveChangesAreConfirmedOnlyOnARealProject()
{
    // The sandbox: deleted at once, no question.
    const QString sandboxUser = QStringLiteral("mgmt-gina@example.com");
    createUser(sandboxUser, QString());
    click("usrDelete");
    QVERIFY(!panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm")));
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("usrListTable", sandboxUser) < 0 && idle(), kTimeout);

    useRealProject(host().managementKey());
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("usrListTable", QStringLiteral("bob@example.com")) >= 0, kTimeout);
    showTab(UsersTab);
    selectRow("usrListTable", QStringLiteral("bob@example.com"));
    const int before = areaRequests();
    click("usrDelete");
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm"))) != nullptr);
    QVERIFY(confirm->text().contains(QStringLiteral("bob@example.com")));
    QVERIFY(confirm->informativeText().contains(host().projectId()));
    child<QPushButton>(*confirm, "mgmtConfirmCancel")->click();
    QTRY_VERIFY(status().contains(QStringLiteral("Not sent")));
    QTest::qWait(200);
    QCOMPARE(areaRequests(), before); // nothing sent
    click("mgmtReload");
    QTRY_VERIFY_WITH_TIMEOUT(idle(), kTimeout);
    QVERIFY(rowWith("usrListTable", QStringLiteral("bob@example.com")) >= 0);

    // Taking a role away asks too; adding one does not.
    selectRow("usrListTable", QStringLiteral("bob@example.com"));
    const QString roles = child<QLineEdit>(panel(), "usrRoles")->text();
    setText("usrRoles", roles.isEmpty() ? QStringLiteral("user") : roles + QStringLiteral(", user"));
    click("usrSave");
    QVERIFY(!panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm")));
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Save user bob@example.com: done")), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(idle(), kTimeout);
    setText("usrRoles", QString());
    click("usrSave");
    QTRY_VERIFY((confirm = panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm"))) != nullptr);
    QVERIFY2(confirm->text().contains(QStringLiteral("project roles")), qPrintable(confirm->text()));
    child<QPushButton>(*confirm, "mgmtConfirmCancel")->click();
    QTRY_VERIFY(!panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm")));

    // Confirmed, it is sent.
    selectRow("usrListTable", QStringLiteral("bob@example.com"));
    click("usrDelete");
    QTRY_VERIFY((confirm = panel().findChild<QMessageBox *>(QStringLiteral("mgmtConfirm"))) != nullptr);
    child<QPushButton>(*confirm, "mgmtConfirmGo")->click();
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QStringLiteral("Delete user bob@example.com: done")), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(rowWith("usrListTable", QStringLiteral("bob@example.com")) < 0 && idle(), kTimeout);

    // Back to the sandbox: the typed key is forgotten with its project.
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(!child<QLabel>(panel(), "mgmtRealProject")->isVisible());
    QVERIFY(child<QLineEdit>(panel(), "mgmtKey")->text().isEmpty());
}

void TestManagement::aWrongManagementKeyIsRefusedAndTheFormKeepsItsInput()
{
    useRealProject(QStringLiteral("not-the-management-key"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(panel(), "mgmtRefusal")->isVisible(), kTimeout);
    QVERIFY2(refusal().contains(QStringLiteral("Descope error E011003 · HTTP 401")), qPrintable(refusal()));
    QVERIFY(!refusal().contains(QStringLiteral("not-the-management-key")));
    showTab(UsersTab);
    setText("usrLoginId", QStringLiteral("kept@example.com"));
    setText("usrEmail", QStringLiteral("kept@example.com"));
    setText("usrRoles", QStringLiteral("admin"));
    child<QLabel>(panel(), "mgmtRefusal")->clear();
    click("usrCreate");
    QTRY_VERIFY_WITH_TIMEOUT(refusal().contains(QStringLiteral("Create user kept@example.com refused")), kTimeout);
    QVERIFY(refusal().contains(QStringLiteral("E011003")));
    QCOMPARE(child<QLineEdit>(panel(), "usrLoginId")->text(), QStringLiteral("kept@example.com"));
    QCOMPARE(child<QLineEdit>(panel(), "usrEmail")->text(), QStringLiteral("kept@example.com"));
    QCOMPARE(child<QLineEdit>(panel(), "usrRoles")->text(), QStringLiteral("admin"));
    // The exchange log shows no key.
    for (const auto &record : m_app->context->exchangeLog().records())
        for (const auto &[name, value] : oidc::net::ExchangeLog::headers(record.requestHeaders, oidc::net::Reveal::Redacted))
            QVERIFY(!value.contains("not-the-management-key"));
}

void TestManagement::cancelStopsACallInFlight()
{
    sandbox::Fault fault;
    fault.kind = sandbox::FaultKind::Latency;
    fault.path = "/v1/mgmt/tenant/create";
    fault.latencyMs = 5000;
    std::optional<int> added;
    host().addFault(fault, this, [&added](int id) { added = id; });
    QVERIFY(waitFor([&] { return added.has_value(); }));

    showTab(TenantsTab);
    setText("tenName", QStringLiteral("Slow Tenant"));
    click("tenCreate");
    auto *cancel = child<QPushButton>(panel(), "mgmtCancel");
    QVERIFY(cancel->isEnabled());
    cancel->click();
    QTRY_VERIFY(refusal().contains(QStringLiteral("NET_CANCELLED")));
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(child<QLineEdit>(panel(), "tenName")->text(), QStringLiteral("Slow Tenant"));
}

void TestManagement::theProviderBarShowsTheKeyMasked()
{
    ui::MainWindow window(m_app->context.get());
    auto *bar = window.findChild<ui::ProviderBar *>(QStringLiteral("providerBar"));
    QVERIFY(bar);
    const QString key = host().managementKey();
    auto *label = child<QLabel>(*bar, "providerMgmtKey");
    auto *reveal = child<QToolButton>(*bar, "providerMgmtKeyReveal");
    QVERIFY(!label->isHidden());
    QVERIFY2(!label->text().contains(key), qPrintable(label->text()));
    QVERIFY2(label->text().contains(QStringLiteral("redacted")), qPrintable(label->text()));
    reveal->click();
    QVERIFY(label->text().contains(key));
    reveal->click();
    QVERIFY(!label->text().contains(key));
    QGuiApplication::clipboard()->clear();
    child<QToolButton>(*bar, "providerMgmtKeyCopy")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), key);
    QVERIFY(!label->text().contains(key));

    // Another provider: no sandbox key to show; back again, it is masked again.
    reveal->click();
    oidc::flow::ProviderProfile real;
    real.name = QStringLiteral("Some project");
    real.kind = oidc::flow::ProviderKind::DescopeProject;
    real.descopeProjectId = QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z");
    m_app->context->profiles().setCurrent(m_app->context->profiles().add(real));
    QVERIFY(label->isHidden());
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(!label->isHidden());
    QVERIFY(!reveal->isChecked());
    QVERIFY(!label->text().contains(key));
}

void TestManagement::theMainWindowOffersTheArea()
{
    ui::MainWindow window(m_app->context.get());
    QVERIFY(window.showArea(ui::areas::kUsersTenants.toString()));
    QVERIFY(qobject_cast<ui::ManagementPanel *>(window.areaPanel(ui::areas::kUsersTenants.toString())));
}

} // namespace tst_management

OIDCPLAY_QTEST_MAIN(tst_management, tst_management::TestManagement)
#include "tst_management.moc"
