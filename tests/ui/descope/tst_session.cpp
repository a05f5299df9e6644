// The Session & Roles area against the built-in sandbox started in-process as the app starts it,
// driven through its widgets: a session from a sign-in (OTP, the code read from the sandbox's
// Inbox) becomes the panel's; Refresh shows what changed in the claims, Me the user record,
// Validate every check (and a tampered JWT failing), the roles / permissions / tenant checker
// passes and fails (403 for a missing role); Logout and Logout all end the session and the old
// refresh JWT is then refused. Without a session the notice offers a sign-in; "Show in Exchange
// Log" opens the log at the request.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/CheckListModel.h"
#include "ui/MainWindow.h"
#include "ui/descope/ClaimDiffModel.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/SessionPanel.h"
#include "ui/flow/ProfileManager.h"
#include "ui/log/ExchangeLogModel.h"
#include "ui/log/ExchangeLogPanel.h"

#include "oidc/jwt/ClaimChecks.h"
#include "oidc/net/ExchangeLog.h"
#include "sandbox/SandboxHost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>
#include <optional>

namespace tst_session {

using descope_testing::otpSignIn;
using descope_testing::waitFor;
using testing_ui::child;
namespace area = ui::descope_area;

constexpr int kTimeout = 20000;

// The check rows of a CheckListView's table: id → outcome.
QMap<QString, int> checkOutcomes(const QTableView &table)
{
    QMap<QString, int> outcomes;
    const QAbstractItemModel *model = table.model();
    for (int row = 0; row < model->rowCount(); ++row)
        outcomes.insert(model->index(row, ui::CheckListModel::CheckColumn).data().toString(),
                        model->index(row, 0).data(ui::CheckListModel::OutcomeRole).toInt());
    return outcomes;
}

class TestSession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void withoutASessionTheNoticeOffersASignIn();
    void showsTheSessionOfAnySignIn();
    void refreshShowsWhatChanged();
    void meShowsTheUser();
    void validateShowsEveryCheck();
    void aTamperedJwtFailsValidation();
    void roleCheckerPassesAndFails();
    void tenantChecks();
    void logoutThenRefreshIsRefused();
    void logoutAllEndsEverySession();
    void cancelLeavesTheSession();
    void showInExchangeLog();
    void screenshot();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    bool signIn(const QString &loginId);
    template <typename T>
    T *find(const char *name) { return child<T>(*m_panel, name); }
    void click(const char *name) { QTest::mouseClick(find<QPushButton>(name), Qt::LeftButton); }
    [[nodiscard]] QString status() { return find<QLabel>("sessionStatus")->text(); }

    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::SessionPanel> m_panel;
};

void TestSession::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    QVERIFY(descope().hasProject());
}

void TestSession::init()
{
    descope().clearSession();
    m_panel = std::make_unique<ui::SessionPanel>(descope());
    m_panel->resize(1100, 720);
    m_panel->show();
}

void TestSession::cleanup()
{
    m_panel.reset();
}

bool TestSession::signIn(const QString &loginId)
{
    const auto outcome = otpSignIn(descope(), area::kMagicLinkOtp, loginId);
    if (!outcome.ok())
        qWarning("sign-in failed: %s", outcome.result.error().summary().c_str());
    return outcome.ok() && descope().hasSession();
}

void TestSession::withoutASessionTheNoticeOffersASignIn()
{
    QVERIFY(find<QWidget>("noSessionNotice")->isVisible());
    for (const char *name : {"sessionRefresh", "sessionMe", "sessionValidate", "sessionLogout", "sessionLogoutAll"})
        QVERIFY2(!find<QPushButton>(name)->isEnabled(), name);
    QCOMPARE(find<QLabel>("currentSummary")->text(), QStringLiteral("No session."));
    QVERIFY(find<QLabel>("authzVerdict")->text().startsWith(QStringLiteral("No session")));
    QSignalSpy asked(&descope(), &ui::DescopeContext::signInRequested);
    click("noSessionSignIn");
    QCOMPARE(asked.size(), 1);
}

void TestSession::showsTheSessionOfAnySignIn()
{
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    QVERIFY(!find<QWidget>("noSessionNotice")->isVisible());
    QVERIFY(find<QLabel>("currentSummary")->text().startsWith(QStringLiteral("✔ Trusted session · alice@example.com")));
    QVERIFY(find<QLabel>("sessionProject")->text().contains(QStringLiteral("current session from the Magic Link, OTP & TOTP area")));
    QVERIFY(find<QPushButton>("sessionRefresh")->isEnabled());
    QVERIFY(checkOutcomes(*find<QTableView>("currentChecksTable")).contains(QStringLiteral("session.signature")));
}

void TestSession::refreshShowsWhatChanged()
{
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    const std::string before = descope().session()->sessionJwt;
    QTest::qWait(1100); // a new second: the new session JWT's iat and exp differ
    click("sessionRefresh");
    QVERIFY(!find<QPushButton>("sessionRefresh")->isEnabled()); // one operation at a time
    QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(QStringLiteral("✔ Refreshed at")), kTimeout);
    QVERIFY(descope().session()->sessionJwt != before);
    QCOMPARE(descope().sessionArea(), area::kSession.toString());

    auto *diff = qobject_cast<ui::ClaimDiffModel *>(find<QTableView>("sessionDiff")->model());
    const QStringList changed = diff->changedClaims();
    QVERIFY2(changed.contains(QStringLiteral("iat")) && changed.contains(QStringLiteral("exp")), qPrintable(changed.join(u',')));
    QVERIFY(!changed.contains(QStringLiteral("sub")));
    const int iat = diff->rowOf(QStringLiteral("iat"));
    QVERIFY(diff->index(iat, ui::ClaimDiffModel::ChangeColumn).data().toString().startsWith(u'+'));
    QVERIFY(diff->index(iat, 0).data(Qt::BackgroundRole).isValid()); // highlighted
    QVERIFY(!diff->index(diff->rowOf(QStringLiteral("sub")), 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(find<QLabel>("sessionDiffSummary")->text(), diff->summary());
    QCOMPARE(find<QTabWidget>("sessionTabs")->currentWidget()->objectName(), QStringLiteral("sessionDiffView"));

    find<QCheckBox>("sessionDiffOnlyChanged")->setChecked(true);
    QCOMPARE(diff->rowCount(), changed.size());
    QVERIFY(find<QLabel>("currentSummary")->text().startsWith(QStringLiteral("✔ Trusted session")));
}

void TestSession::meShowsTheUser()
{
    QVERIFY(signIn(QStringLiteral("bob@example.com")));
    click("sessionMe");
    QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(QStringLiteral("✔ Me answered")), kTimeout);
    const QString summary = find<QLabel>("sessionMeSummary")->text();
    QVERIFY2(summary.contains(QStringLiteral("bob@example.com")) && summary.contains(QStringLiteral("+15555550102")), qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("roles user")));
    QVERIFY(find<QPlainTextEdit>("sessionMeText")->toPlainText().contains(QString::fromStdString(descope().session()->userId)));
}

void TestSession::validateShowsEveryCheck()
{
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    click("sessionValidate");
    QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(QStringLiteral("✔ Valid at")), kTimeout);
    QCOMPARE(find<QPlainTextEdit>("validateJwt")->toPlainText(), QString::fromStdString(descope().session()->sessionJwt));
    QVERIFY(find<QLabel>("validatedSummary")->text().startsWith(QStringLiteral("✔ Trusted session")));
    const auto outcomes = checkOutcomes(*find<QTableView>("validatedChecksTable"));
    for (const char *id : {"session.signature", "session.iss", "session.exp", "session.nbf", "session.iat", "session.sub", "session.drn"}) {
        QVERIFY2(outcomes.contains(QString::fromLatin1(id)), id);
        QVERIFY2(outcomes.value(QString::fromLatin1(id)) != static_cast<int>(oidc::jwt::CheckOutcome::Fail), id);
    }
}

void TestSession::aTamperedJwtFailsValidation()
{
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    QString token = QString::fromStdString(descope().session()->sessionJwt);
    // Another subject in the payload: the signature no longer matches.
    const QStringList parts = token.split(u'.');
    QJsonDocument payload = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding));
    QJsonObject claims = payload.object();
    claims.insert(QStringLiteral("sub"), QStringLiteral("U2someoneelse00000000000000"));
    token = parts.at(0) + u'.' + QString::fromLatin1(QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + u'.' + parts.at(2);
    find<QPlainTextEdit>("validateJwt")->setPlainText(QStringLiteral("Bearer ") + token);
    click("validateRun");
    QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(QStringLiteral("✘ Not valid at")), kTimeout);
    QVERIFY(!find<QLabel>("validatedUntrusted")->isHidden());
    QCOMPARE(checkOutcomes(*find<QTableView>("validatedChecksTable")).value(QStringLiteral("session.signature")),
             static_cast<int>(oidc::jwt::CheckOutcome::Fail));
    // The session itself is untouched.
    QVERIFY(descope().hasSession());
    QVERIFY(find<QLabel>("currentSummary")->text().startsWith(QStringLiteral("✔ Trusted session")));
}

void TestSession::roleCheckerPassesAndFails()
{
    QVERIFY(signIn(QStringLiteral("bob@example.com")));
    auto *roles = find<QLineEdit>("authzRoles");
    auto *permissions = find<QLineEdit>("authzPermissions");
    auto *verdict = find<QLabel>("authzVerdict");
    QVERIFY(verdict->text().startsWith(QStringLiteral("Type the roles")));

    QTest::keyClicks(roles, QStringLiteral("user"));
    QVERIFY2(verdict->text().startsWith(QStringLiteral("✔ Allowed")), qPrintable(verdict->text()));
    QTest::keyClicks(permissions, QStringLiteral("read:data"));
    QVERIFY(verdict->text().startsWith(QStringLiteral("✔ Allowed")));
    QCOMPARE(checkOutcomes(*find<QTableView>("authzChecksTable")).value(QStringLiteral("permissions.read:data")),
             static_cast<int>(oidc::jwt::CheckOutcome::Pass));

    // bob is not an admin at project level: what /api/admin would answer is 403.
    roles->setText(QStringLiteral("user, admin"));
    QVERIFY2(verdict->text().startsWith(QStringLiteral("✘ 403 Forbidden")), qPrintable(verdict->text()));
    QVERIFY(verdict->text().contains(QStringLiteral("DESCOPE_ROLE_MISSING")));
    const auto outcomes = checkOutcomes(*find<QTableView>("authzChecksTable"));
    QCOMPARE(outcomes.value(QStringLiteral("roles.user")), static_cast<int>(oidc::jwt::CheckOutcome::Pass));
    QCOMPARE(outcomes.value(QStringLiteral("roles.admin")), static_cast<int>(oidc::jwt::CheckOutcome::Fail));
    permissions->setText(QStringLiteral("write:data"));
    QCOMPARE(checkOutcomes(*find<QTableView>("authzChecksTable")).value(QStringLiteral("permissions.write:data")),
             static_cast<int>(oidc::jwt::CheckOutcome::Fail));
}

void TestSession::tenantChecks()
{
    QVERIFY(signIn(QStringLiteral("bob@example.com")));
    auto *tenant = find<QComboBox>("authzTenant");
    // The session's tenants are offered.
    QVERIFY(tenant->findText(QStringLiteral("T2SbxGlobex00000000000000001")) >= 0);
    QVERIFY(tenant->findText(QStringLiteral("T2SbxAcme0000000000000000001")) >= 0);
    auto *verdict = find<QLabel>("authzVerdict");
    // bob is admin of Globex, a plain user at Acme.
    find<QLineEdit>("authzRoles")->setText(QStringLiteral("admin"));
    tenant->setCurrentText(QStringLiteral("T2SbxGlobex00000000000000001"));
    QVERIFY2(verdict->text().startsWith(QStringLiteral("✔ Allowed")), qPrintable(verdict->text()));
    tenant->setCurrentText(QStringLiteral("T2SbxAcme0000000000000000001"));
    QVERIFY(verdict->text().startsWith(QStringLiteral("✘ 403 Forbidden")));
    tenant->setCurrentText(QStringLiteral("T2SbxInitech000000000000001"));
    QVERIFY(verdict->text().contains(QStringLiteral("DESCOPE_TENANT_NOT_ASSOCIATED")));
}

void TestSession::logoutThenRefreshIsRefused()
{
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    click("sessionLogout");
    QTRY_VERIFY_WITH_TIMEOUT(!find<QLabel>("sessionRefusal")->isHidden(), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("sessionCancel")->isEnabled() == false, kTimeout);
    QVERIFY(!descope().hasSession());
    QVERIFY(find<QWidget>("noSessionNotice")->isVisible());
    const QString refusal = find<QLabel>("sessionRefusal")->text();
    QVERIFY2(refusal.startsWith(QStringLiteral("✘ Refresh with the logged-out refresh JWT refused:")), qPrintable(refusal));
    QVERIFY2(refusal.contains(QStringLiteral("Descope error E")) && refusal.contains(QStringLiteral("HTTP 401")), qPrintable(refusal));
    QVERIFY(status().contains(QStringLiteral("Logged out of this session at")));
    QVERIFY(status().contains(QStringLiteral("Descope refused it")));
    QVERIFY(find<QLabel>("currentSummary")->text().startsWith(QStringLiteral("Logged out of this session at")));
    QVERIFY(!find<QPushButton>("sessionRefresh")->isEnabled());

    // The Session area's requests: logout (200), then the refused refresh (401).
    const auto &records = m_app->context->exchangeLog().records();
    QCOMPARE(records.back().label, QStringLiteral("Session · Descope refresh"));
    QCOMPARE(records.back().status, 401);
    QCOMPARE(records[records.size() - 2].label, QStringLiteral("Session · Descope logout"));
    QCOMPARE(records[records.size() - 2].status, 200);
}

void TestSession::logoutAllEndsEverySession()
{
    // Two sessions of bob's; logout-all from the second ends the first too.
    QVERIFY(signIn(QStringLiteral("bob@example.com")));
    const std::string first = descope().session()->refreshJwt;
    QVERIFY(signIn(QStringLiteral("bob@example.com")));
    QVERIFY(descope().session()->refreshJwt != first);
    click("sessionLogoutAll");
    QTRY_VERIFY_WITH_TIMEOUT(!find<QLabel>("sessionRefusal")->isHidden(), kTimeout);
    QVERIFY(!descope().hasSession());
    QVERIFY(status().contains(QStringLiteral("Logged out of all the user's sessions")));

    std::optional<oidc::descope::SessionOutcome> refreshed;
    (void)descope().client(area::kMagicLinkOtp)->refresh(first, [&refreshed](oidc::descope::SessionOutcome outcome) { refreshed = std::move(outcome); });
    QVERIFY(waitFor([&] { return refreshed.has_value(); }));
    QVERIFY(!refreshed->ok());
    QCOMPARE(refreshed->result.error().httpStatus, 401);
}

void TestSession::cancelLeavesTheSession()
{
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    const std::string before = descope().session()->sessionJwt;
    // A slow sandbox: the refresh is still in flight when Cancel is clicked.
    QCOMPARE(testsupport::postFault(m_app->context->sandbox()->baseUrl(),
                                    R"({"kind":"latency","path":"/v1/auth/refresh","ms":3000,"count":1})"),
             201);
    click("sessionRefresh");
    QVERIFY(find<QPushButton>("sessionCancel")->isEnabled());
    click("sessionCancel");
    QCOMPARE(status(), QStringLiteral("Refresh cancelled; nothing changed."));
    QVERIFY(find<QLabel>("sessionRefusal")->isHidden());
    QVERIFY(find<QPushButton>("sessionRefresh")->isEnabled());
    QVERIFY(descope().session()->sessionJwt == before);
    m_app->context->sandbox()->clearFaults();
}

void TestSession::showInExchangeLog()
{
    ui::MainWindow window(m_app->context.get());
    QVERIFY(window.showArea(ui::areas::kSession.toString()));
    auto *panel = qobject_cast<ui::SessionPanel *>(window.areaPanel(ui::areas::kSession.toString()));
    QVERIFY(panel);
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    QTest::mouseClick(child<QPushButton>(*panel, "sessionMe"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(*panel, "sessionStatus")->text().startsWith(QStringLiteral("✔ Me answered")), kTimeout);
    auto *table = child<QTableView>(*panel, "areaExchangesTable");
    QVERIFY(table->model()->rowCount() >= 1);
    const int last = table->model()->rowCount() - 1;
    QCOMPARE(table->model()->index(last, ui::ExchangeLogModel::StepColumn).data().toString(), QStringLiteral("Descope me"));
    table->selectRow(last);
    QTest::mouseClick(child<QPushButton>(*panel, "areaExchangesShow"), Qt::LeftButton);
    QCOMPARE(window.currentArea(), ui::areas::kExchangeLog.toString());
    auto *log = qobject_cast<ui::ExchangeLogPanel *>(window.areaPanel(ui::areas::kExchangeLog.toString()));
    QVERIFY(log);
    const QModelIndex selected = child<QTableView>(*log, "exchangeTable")->currentIndex();
    QCOMPARE(selected.data(ui::ExchangeLogModel::RecordIdRole).toInt(), table->model()->index(last, 0).data(ui::ExchangeLogModel::RecordIdRole).toInt());

    // The current session's "Open in JWT Inspector" opens the inspector with it.
    QVERIFY(window.showArea(ui::areas::kSession.toString()));
    QTest::mouseClick(child<QPushButton>(*panel, "currentInspect"), Qt::LeftButton);
    QCOMPARE(window.currentArea(), ui::areas::kJwtInspector.toString());
}

void TestSession::screenshot()
{
    const QString dir = qEnvironmentVariable("OIDCPLAY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("OIDCPLAY_SCREENSHOT_DIR is not set");
    ui::MainWindow window(m_app->context.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.showArea(ui::areas::kSession.toString()));
    auto *panel = window.areaPanel(ui::areas::kSession.toString());
    QVERIFY(signIn(QStringLiteral("alice@example.com")));
    QTest::qWait(1100);
    QTest::mouseClick(child<QPushButton>(*panel, "sessionRefresh"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(*panel, "sessionStatus")->text().startsWith(QStringLiteral("✔ Refreshed")), kTimeout);
    QTest::qWait(100);
    QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("session.png"))));
}

} // namespace tst_session

OIDCPLAY_QTEST_MAIN(tst_session, tst_session::TestSession)
#include "tst_session.moc"
