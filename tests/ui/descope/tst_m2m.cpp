// The Client Credentials & M2M area (ui/descope/M2mPanel) against the built-in sandbox started
// in-process as the app starts it, driven through its widgets: client credentials with basic and
// post authentication and a wrong secret; an access key exchanged for a session JWT with its roles
// and checks, and a wrong key refused with its Descope code; the API tester's 200, 403 (with the
// role that is missing) and 401 (without a token), also with the app's Descope session; Cancel
// while busy; the automatic re-exchange and its stop after a failure; the exchange log labels the
// area's requests and shows no secret. Then client credentials against an independent provider
// (panva's oidc-provider, started on 127.0.0.1:0).

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/AreaListModel.h"
#include "ui/MainWindow.h"
#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/descope/ApiTester.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/M2mPanel.h"
#include "ui/descope/ReexchangeSchedule.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/flow/ClientAuthCombo.h"
#include "ui/flow/ProfileManager.h"

#include "oidc/net/ExchangeLog.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxHost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace tst_m2m {

using descope_testing::otpSignIn;
using descope_testing::waitFor;
using testing_ui::child;

constexpr int kTimeout = 20000;
const char *const kReaderKey = "SANDBOX-ONLY-ak-reader-0c1f5e7b2d9a";
const char *const kConfidentialSecret = "SANDBOX-ONLY:m2m+secret/7f3a";

// The checks' outcome by id ("pass", "fail", "skip", "absent").
QString m2mOutcome(const ui::CheckListView &view, const std::string &id)
{
    for (const auto &check : view.checks())
        if (check.id == id)
            return check.outcome == oidc::jwt::CheckOutcome::Pass   ? QStringLiteral("pass")
                : check.outcome == oidc::jwt::CheckOutcome::Fail ? QStringLiteral("fail")
                                                                  : QStringLiteral("skip");
    return QStringLiteral("absent");
}

// A claim of the decoded token tree, as compact JSON.
QString m2mClaim(const QTreeView &tree, const QString &name)
{
    const auto *model = qobject_cast<const ui::ClaimTreeModel *>(tree.model());
    return model->memberIndex(1, name).data(ui::ClaimTreeModel::JsonRole).toString();
}

// panva's oidc-provider on 127.0.0.1:0 (tests/node/oidc-provider-server.mjs); stops when stdin closes.
class OidcProviderProcess final {
public:
    OidcProviderProcess()
    {
        m_process.setProgram(QStringLiteral("node"));
        m_process.setArguments({QStringLiteral(OIDCPLAY_NODE_DIR "/oidc-provider-server.mjs")});
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return;
        QByteArray line;
        (void)waitFor([&] {
            if (m_process.canReadLine())
                line = m_process.readLine();
            return !line.isEmpty() || m_process.state() == QProcess::NotRunning;
        });
        issuer = QJsonDocument::fromJson(line).object().value(QStringLiteral("issuer")).toString();
    }
    ~OidcProviderProcess()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }
    QString issuer;

private:
    QProcess m_process;
};

class TestM2m final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void clientCredentialsShowTheToken();
    void accessKeyExchangeShowsTheJwtAndItsRoles();
    void apiTesterExplainsEachAnswer();
    void apiTesterSendsTheAppsSession();
    void wrongAccessKeyIsRefusedWithItsCode();
    void cancelStopsARequestInFlight();
    void automaticReexchangeStopsAfterTheFirstFailure();
    void exchangeLogLabelsTheAreaAndShowsNoSecret();
    void clientCredentialsAgainstOidcProvider();
    void reexchangeIsDueAtFourFifthsOfTheLifetime_data();
    void reexchangeIsDueAtFourFifthsOfTheLifetime();
    void theMainWindowOffersTheArea();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] sandbox::SandboxHost &host() const { return *m_app->context->sandbox(); }
    [[nodiscard]] QWidget &panel() const { return *m_panel; }
    void addFault(sandbox::FaultKind kind, const std::string &path, int remaining, int latencyMs = 0);
    void exchangeKey(int preset);
    void send(const QString &route, ui::ApiTester::TokenSource source);
    [[nodiscard]] QString verdict() const { return child<QLabel>(panel(), "apiVerdict")->text(); }
    [[nodiscard]] int logged(const QString &label) const;

    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::M2mPanel> m_panel;
};

void TestM2m::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    QVERIFY(waitFor([this] { return descope().hasProject(); }));
}

void TestM2m::init()
{
    host().reset();
    m_panel = std::make_unique<ui::M2mPanel>(descope());
    m_panel->resize(1240, 780);
    m_panel->show();
    // The sandbox's confidential client and access keys arrive from its thread, in one click.
    QVERIFY(waitFor([this] {
        return child<QLineEdit>(panel(), "ccClientSecret")->text() == QLatin1String(kConfidentialSecret)
            && !child<QLineEdit>(panel(), "akKey")->text().isEmpty();
    }));
}

void TestM2m::cleanup()
{
    m_panel.reset();
    descope().clearSession();
}

void TestM2m::addFault(sandbox::FaultKind kind, const std::string &path, int remaining, int latencyMs)
{
    sandbox::Fault fault;
    fault.kind = kind;
    fault.path = path;
    fault.remaining = remaining;
    fault.latencyMs = latencyMs;
    std::optional<int> added;
    host().addFault(fault, this, [&added](int id) { added = id; });
    QVERIFY(waitFor([&] { return added.has_value(); }));
}

void TestM2m::exchangeKey(int preset)
{
    auto *combo = child<QComboBox>(panel(), "akPreset");
    child<QTabWidget>(panel(), "m2mSources")->setCurrentIndex(1);
    combo->setCurrentIndex(preset);
    Q_EMIT combo->activated(preset);
    child<QPushButton>(panel(), "akExchange")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(panel(), "akExchange")->isEnabled(), kTimeout);
    QVERIFY2(child<QLabel>(panel(), "akSummary")->text().startsWith(QStringLiteral("✔ Trusted session")),
             qPrintable(child<QLabel>(panel(), "akSummary")->text() + QStringLiteral(" / ") + child<QLabel>(panel(), "akRefusal")->text()));
}

void TestM2m::send(const QString &route, ui::ApiTester::TokenSource source)
{
    auto *routes = child<QComboBox>(panel(), "apiRoute");
    const int index = routes->findText(route, Qt::MatchStartsWith);
    QVERIFY2(index >= 0, qPrintable(route));
    routes->setCurrentIndex(index);
    Q_EMIT routes->activated(index);
    auto *tokens = child<QComboBox>(panel(), "apiToken");
    tokens->setCurrentIndex(tokens->findData(static_cast<int>(source)));
    auto *sendButton = child<QPushButton>(panel(), "apiSend");
    QVERIFY2(sendButton->isEnabled(), qPrintable(child<QLabel>(panel(), "apiTokenNote")->text()));
    sendButton->click();
    QTRY_VERIFY_WITH_TIMEOUT(sendButton->isEnabled() && !verdict().startsWith(QStringLiteral("Waiting")), kTimeout);
}

int TestM2m::logged(const QString &label) const
{
    int count = 0;
    for (const auto &record : m_app->context->exchangeLog().records())
        if (record.label == label)
            ++count;
    return count;
}

void TestM2m::clientCredentialsShowTheToken()
{
    // The sandbox's confidential client is preset (its public client cannot use this grant).
    QCOMPARE(child<QLineEdit>(panel(), "ccClientId")->text(), QStringLiteral("sandbox-confidential-client"));
    QCOMPARE(child<QLineEdit>(panel(), "ccClientSecret")->echoMode(), QLineEdit::Password);
    auto *method = child<ui::ClientAuthCombo>(panel(), "ccAuthMethod");
    QCOMPARE(method->method(), oidc::flow::ClientAuthMethod::ClientSecretBasic);
    child<QLineEdit>(panel(), "ccScope")->setText(QStringLiteral("read:data"));
    auto *request = child<QPushButton>(panel(), "ccRequest");
    request->click();
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), kTimeout);
    auto *summary = child<QLabel>(panel(), "ccSummary");
    QVERIFY2(summary->text().startsWith(QStringLiteral("✔ Bearer access token")), qPrintable(summary->text()));
    QVERIFY(summary->text().contains(QStringLiteral("scope \"read:data\"")));
    QCOMPARE(summary->textFormat(), Qt::PlainText);
    QVERIFY(child<QLabel>(panel(), "ccProvider")->text().contains(QStringLiteral("/oauth2/v1/token")));
    QCOMPARE(child<ui::ExpiryCountdown>(panel(), "ccCountdown")->state(), ui::ExpiryCountdown::State::Valid);
    const auto &claims = *child<QTreeView>(panel(), "ccClaims");
    QCOMPARE(m2mClaim(claims, QStringLiteral("sub")), QStringLiteral("\"sandbox-confidential-client\""));
    QCOMPARE(m2mClaim(claims, QStringLiteral("roles")), QStringLiteral("[\"user\"]"));
    // The API tester now sends it.
    QCOMPARE(child<QComboBox>(panel(), "apiToken")->currentData().toInt(), static_cast<int>(ui::ApiTester::TokenSource::ClientCredentials));

    // client_secret_post, discovery already done.
    method->setMethod(oidc::flow::ClientAuthMethod::ClientSecretPost);
    child<QLineEdit>(panel(), "ccScope")->clear();
    request->click();
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), kTimeout);
    QVERIFY2(summary->text().startsWith(QStringLiteral("✔")), qPrintable(summary->text()));
    QVERIFY(!child<ui::RefusalBanner>(panel(), "ccRefusal")->isVisible());

    // A wrong secret: refused with the provider's error, the earlier token stays.
    const QString shown = summary->text();
    child<QLineEdit>(panel(), "ccClientSecret")->setText(QStringLiteral("not-the-secret"));
    request->click();
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), kTimeout);
    auto *refusal = child<ui::RefusalBanner>(panel(), "ccRefusal");
    QVERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().contains(QStringLiteral("invalid_client")), qPrintable(refusal->text()));
    QVERIFY(!refusal->text().contains(QStringLiteral("not-the-secret")));
    QCOMPARE(summary->text(), shown);
}

void TestM2m::accessKeyExchangeShowsTheJwtAndItsRoles()
{
    exchangeKey(2); // m2m-admin
    const auto &claims = *child<QTreeView>(panel(), "akClaims");
    QCOMPARE(m2mClaim(claims, QStringLiteral("sub")), QStringLiteral("\"K2SbxAdmin000000000000000001\""));
    QCOMPARE(m2mClaim(claims, QStringLiteral("roles")), QStringLiteral("[\"admin\"]"));
    QVERIFY(m2mClaim(claims, QStringLiteral("permissions")).contains(QStringLiteral("write:data")));
    QVERIFY(m2mClaim(claims, QStringLiteral("tenants")).contains(QStringLiteral("T2SbxAcme0000000000000000001")));
    // Every check of the session JWT against the project's keys, shown, all passed.
    const auto &checks = *child<ui::CheckListView>(panel(), "akChecks");
    QCOMPARE(m2mOutcome(checks, "session.signature"), QStringLiteral("pass"));
    QCOMPARE(child<ui::ExpiryCountdown>(panel(), "akSessionCountdown")->state(), ui::ExpiryCountdown::State::Valid);
    // It is not the app's Descope session: an M2M token belongs to no user.
    QVERIFY(!descope().hasSession());

    // Scopes as the sample sends them come back under nsec; the tenant is selected.
    child<QLineEdit>(panel(), "akScopes")->setText(QStringLiteral("read:data  extra"));
    child<QLineEdit>(panel(), "akTenant")->setText(QStringLiteral("T2SbxAcme0000000000000000001"));
    exchangeKey(2);
    QCOMPARE(m2mClaim(claims, QStringLiteral("nsec")), QStringLiteral("{\"scope\":\"read:data extra\"}"));
    QCOMPARE(m2mClaim(claims, QStringLiteral("dct")), QStringLiteral("\"T2SbxAcme0000000000000000001\""));
}

void TestM2m::apiTesterExplainsEachAnswer()
{
    exchangeKey(1); // m2m-reader: role user, permission read:data
    QCOMPARE(child<QComboBox>(panel(), "apiToken")->currentData().toInt(), static_cast<int>(ui::ApiTester::TokenSource::AccessKey));
    QVERIFY(child<QLineEdit>(panel(), "apiUrl")->text().startsWith(host().baseUrl().toString()));

    send(QStringLiteral("/api/protected"), ui::ApiTester::TokenSource::AccessKey);
    QVERIFY2(verdict().startsWith(QStringLiteral("200 OK")), qPrintable(verdict()));
    QCOMPARE(child<QLabel>(panel(), "apiMessage")->text(), QStringLiteral("The API said: Protected API call succeeded!"));
    QVERIFY(child<QPlainTextEdit>(panel(), "apiBody")->toPlainText().contains(QStringLiteral("K2SbxReader00000000000000001")));

    send(QStringLiteral("/api/user"), ui::ApiTester::TokenSource::AccessKey);
    QVERIFY2(verdict().startsWith(QStringLiteral("200 OK")), qPrintable(verdict()));
    QCOMPARE(m2mOutcome(*child<ui::CheckListView>(panel(), "apiChecks"), "scope.read:data"), QStringLiteral("pass"));

    // 403 without the admin role: the sandbox's answer and which role was missing.
    send(QStringLiteral("/api/admin"), ui::ApiTester::TokenSource::AccessKey);
    QCOMPARE(verdict(), QStringLiteral("403 Forbidden: the token lacks the role \"admin\""));
    QCOMPARE(child<QLabel>(panel(), "apiMessage")->text(), QStringLiteral("The API said: Missing required role: 'admin'"));
    const auto &checks = *child<ui::CheckListView>(panel(), "apiChecks");
    QCOMPARE(m2mOutcome(checks, "role.admin"), QStringLiteral("fail"));
    QCOMPARE(m2mOutcome(checks, "exp"), QStringLiteral("pass"));
    QCOMPARE(child<QLabel>(panel(), "apiVerdict")->textFormat(), Qt::PlainText);

    // 401 without a token.
    send(QStringLiteral("/api/protected"), ui::ApiTester::TokenSource::None);
    QCOMPARE(verdict(), QStringLiteral("401 Unauthorized: no token was sent"));
    QCOMPARE(m2mOutcome(*child<ui::CheckListView>(panel(), "apiChecks"), "token.sent"), QStringLiteral("fail"));

    // The admin key passes /api/admin; a URL typed by hand is the user's own (no sample rule).
    exchangeKey(2);
    send(QStringLiteral("/api/admin"), ui::ApiTester::TokenSource::AccessKey);
    QVERIFY2(verdict().startsWith(QStringLiteral("200 OK")), qPrintable(verdict()));
    auto *url = child<QLineEdit>(panel(), "apiUrl");
    url->setText(host().baseUrl().toString() + QStringLiteral("/sandbox/ping"));
    Q_EMIT url->textEdited(url->text());
    QCOMPARE(child<QComboBox>(panel(), "apiRoute")->currentText(), QStringLiteral("Any URL (type it below)"));
    child<QComboBox>(panel(), "apiMethod")->setCurrentText(QStringLiteral("GET"));
    child<QPushButton>(panel(), "apiSend")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!verdict().startsWith(QStringLiteral("Waiting")), kTimeout);
    QVERIFY2(verdict().startsWith(QStringLiteral("200 OK: the API accepted the token")), qPrintable(verdict()));
    // A URL off this computer over http is refused before anything is sent.
    url->setText(QStringLiteral("http://api.example.com/x"));
    Q_EMIT url->textEdited(url->text());
    child<QPushButton>(panel(), "apiSend")->click();
    QVERIFY(child<ui::RefusalBanner>(panel(), "apiRefusal")->isVisible());
    QVERIFY(child<ui::RefusalBanner>(panel(), "apiRefusal")->text().contains(QStringLiteral("DESCOPE_CALL_URL")));
}

void TestM2m::apiTesterSendsTheAppsSession()
{
    auto *tokens = child<QComboBox>(panel(), "apiToken");
    tokens->setCurrentIndex(tokens->findData(static_cast<int>(ui::ApiTester::TokenSource::DescopeSession)));
    // No session yet: the notice says so, with its way to sign in, and nothing can be sent.
    QVERIFY(child<QWidget>(panel(), "noSessionNotice")->isVisible());
    QVERIFY(!child<QPushButton>(panel(), "apiSend")->isEnabled());
    const auto outcome = otpSignIn(descope(), ui::descope_area::kSession, QStringLiteral("bob@example.com"));
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.result.error().summary().c_str());
    QTRY_VERIFY(!child<QWidget>(panel(), "noSessionNotice")->isVisible());
    // bob holds the role user at project level and admin only in Globex: the sample counts a tenant's roles.
    send(QStringLiteral("/api/admin"), ui::ApiTester::TokenSource::DescopeSession);
    QVERIFY2(verdict().startsWith(QStringLiteral("200 OK")), qPrintable(verdict()));
    QCOMPARE(m2mOutcome(*child<ui::CheckListView>(panel(), "apiChecks"), "role.admin"), QStringLiteral("pass"));
}

void TestM2m::wrongAccessKeyIsRefusedWithItsCode()
{
    exchangeKey(1);
    const QString shown = child<QLabel>(panel(), "akSummary")->text();
    child<QLineEdit>(panel(), "akKey")->setText(QStringLiteral("SANDBOX-ONLY-not-a-key"));
    child<QPushButton>(panel(), "akExchange")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(panel(), "akExchange")->isEnabled(), kTimeout);
    auto *refusal = child<ui::RefusalBanner>(panel(), "akRefusal");
    QVERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().contains(QStringLiteral("E062803")), qPrintable(refusal->text()));
    QVERIFY(!refusal->text().contains(QStringLiteral("not-a-key")));
    // The earlier token stays, shown and in the API tester.
    QCOMPARE(child<QLabel>(panel(), "akSummary")->text(), shown);
    send(QStringLiteral("/api/protected"), ui::ApiTester::TokenSource::AccessKey);
    QVERIFY2(verdict().startsWith(QStringLiteral("200 OK")), qPrintable(verdict()));
}

void TestM2m::cancelStopsARequestInFlight()
{
    // The exchange waits five seconds in the sandbox: Cancel ends it at once, without a refusal.
    addFault(sandbox::FaultKind::Latency, "/v1/auth/accesskey/exchange", 1, 5000);
    child<QTabWidget>(panel(), "m2mSources")->setCurrentIndex(1);
    auto *exchange = child<QPushButton>(panel(), "akExchange");
    auto *cancel = child<QPushButton>(panel(), "akCancel");
    exchange->click();
    QVERIFY(!exchange->isEnabled());
    QVERIFY(cancel->isEnabled());
    QTest::qWait(200);
    cancel->click();
    QVERIFY(exchange->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(!child<ui::RefusalBanner>(panel(), "akRefusal")->isVisible());
    QVERIFY(!child<QLabel>(panel(), "akSummary")->text().startsWith(QStringLiteral("✔")));

    // The same for an API call.
    addFault(sandbox::FaultKind::Latency, "/api/protected", 1, 5000);
    auto *routes = child<QComboBox>(panel(), "apiRoute");
    routes->setCurrentIndex(0);
    Q_EMIT routes->activated(0);
    auto *tokens = child<QComboBox>(panel(), "apiToken");
    tokens->setCurrentIndex(tokens->findData(static_cast<int>(ui::ApiTester::TokenSource::None)));
    child<QPushButton>(panel(), "apiSend")->click();
    QVERIFY(child<QPushButton>(panel(), "apiCancel")->isEnabled());
    QTest::qWait(200);
    child<QPushButton>(panel(), "apiCancel")->click();
    QVERIFY(child<QPushButton>(panel(), "apiSend")->isEnabled());
    QCOMPARE(verdict(), QStringLiteral("Cancelled before the API answered."));

    // And for client credentials, during the token request.
    addFault(sandbox::FaultKind::Latency, "/oauth2/v1/token", 1, 5000);
    child<QPushButton>(panel(), "ccRequest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(panel(), "ccProvider")->text().contains(QStringLiteral("token endpoint")), kTimeout);
    QVERIFY(child<QPushButton>(panel(), "ccCancel")->isEnabled());
    child<QPushButton>(panel(), "ccCancel")->click();
    QVERIFY(child<QPushButton>(panel(), "ccRequest")->isEnabled());
    QVERIFY(!child<ui::RefusalBanner>(panel(), "ccRefusal")->isVisible());
}

void TestM2m::automaticReexchangeStopsAfterTheFirstFailure()
{
    // Tokens issued 230 s ago (the sandbox's clock runs behind): with a 300 s lifetime the
    // re-exchange at 80 % is due 10 s from now.
    std::optional<bool> shifted;
    host().call<bool>(
        this, [](sandbox::SandboxServer &server) { server.context().clock.setOffsetSeconds(-230); return true; },
        [&shifted](bool done) { shifted = done; });
    QVERIFY(waitFor([&] { return shifted.has_value(); }));
    const QString label = QStringLiteral("M2M · Descope access key exchange");
    child<QCheckBox>(panel(), "akAuto")->setChecked(true);
    exchangeKey(1);
    auto *renewal = child<QLabel>(panel(), "akRenewal");
    QVERIFY2(renewal->text().startsWith(QStringLiteral("Next re-exchange at")), qPrintable(renewal->text()));
    const int first = logged(label);
    const auto &claims = *child<QTreeView>(panel(), "akClaims");
    const QString firstIssued = m2mClaim(claims, QStringLiteral("iat"));
    // It happens by itself, and the new token replaces the old one.
    QTRY_VERIFY_WITH_TIMEOUT(logged(label) == first + 1 && child<QPushButton>(panel(), "akExchange")->isEnabled(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m2mClaim(claims, QStringLiteral("iat")) != firstIssued, kTimeout);
    QTRY_VERIFY2_WITH_TIMEOUT(renewal->text().startsWith(QStringLiteral("Next re-exchange at")), qPrintable(renewal->text()), kTimeout);
    QVERIFY(child<QCheckBox>(panel(), "akAuto")->isChecked());

    // The next one fails: it stops, says why, and never tries again by itself.
    addFault(sandbox::FaultKind::ServerError, "/v1/auth/accesskey/exchange", -1);
    QTRY_VERIFY_WITH_TIMEOUT(logged(label) == first + 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!child<QCheckBox>(panel(), "akAuto")->isChecked(), kTimeout);
    QVERIFY2(renewal->text().startsWith(QStringLiteral("Stopped after a failed re-exchange")), qPrintable(renewal->text()));
    QVERIFY(child<ui::RefusalBanner>(panel(), "akRefusal")->isVisible());
    QVERIFY(child<QLabel>(panel(), "akSummary")->text().startsWith(QStringLiteral("✔ Trusted session")));
    QTest::qWait(12000);
    QCOMPARE(logged(label), first + 2);
}

void TestM2m::exchangeLogLabelsTheAreaAndShowsNoSecret()
{
    child<QPushButton>(panel(), "ccRequest")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(panel(), "ccRequest")->isEnabled(), kTimeout);
    exchangeKey(1);
    send(QStringLiteral("/api/user"), ui::ApiTester::TokenSource::AccessKey);
    const auto &log = m_app->context->exchangeLog();
    QString everything;
    int area = 0;
    for (const auto &record : log.records()) {
        everything += oidc::net::ExchangeLog::requestText(record, oidc::net::Reveal::Redacted)
            + oidc::net::ExchangeLog::responseText(record, oidc::net::Reveal::Redacted) + oidc::net::ExchangeLog::toCurl(record, oidc::net::Reveal::Redacted);
        if (record.label.startsWith(QStringLiteral("M2M · ")))
            ++area;
    }
    QVERIFY(area >= 3);
    QVERIFY(logged(QStringLiteral("M2M · API call with a bearer token")) >= 1);
    for (const QString &secret : {QString::fromLatin1(kConfidentialSecret), QString::fromLatin1(kReaderKey),
                                  QString::fromLatin1(QByteArray(kConfidentialSecret).toBase64())})
        QVERIFY2(!everything.contains(secret), qPrintable(secret.left(12)));
    QVERIFY(!everything.contains(QStringLiteral("eyJhbGciOiJSUzI1NiIs")));
}

void TestM2m::clientCredentialsAgainstOidcProvider()
{
    OidcProviderProcess provider;
    QVERIFY2(!provider.issuer.isEmpty(), "oidc-provider did not start (cd tests/node && npm ci)");
    ui::ProfileManager &profiles = m_app->context->profiles();
    oidc::flow::ProviderProfile profile;
    profile.name = QStringLiteral("oidc-provider");
    profile.kind = oidc::flow::ProviderKind::OidcIssuer;
    profile.issuer = provider.issuer;
    profile.clientId = QStringLiteral("playground-basic");
    profile.clientSecret = QStringLiteral("basic-secret-for-tests-only+/=");
    profile.authMethod = oidc::flow::ClientAuthMethod::ClientSecretBasic;
    const QString id = profiles.add(profile);
    profiles.setCurrent(id);
    // The fields follow the provider: its client, no sandbox presets.
    QCOMPARE(child<QLineEdit>(panel(), "ccClientId")->text(), QStringLiteral("playground-basic"));
    QVERIFY(child<QComboBox>(panel(), "ccPreset")->isHidden());
    child<QLineEdit>(panel(), "ccScope")->setText(QStringLiteral("api:read"));
    auto *request = child<QPushButton>(panel(), "ccRequest");
    request->click();
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), kTimeout);
    auto *summary = child<QLabel>(panel(), "ccSummary");
    QVERIFY2(summary->text().startsWith(QStringLiteral("✔")), qPrintable(summary->text() + child<QLabel>(panel(), "ccRefusal")->text()));
    QVERIFY(summary->text().contains(QStringLiteral("scope \"api:read\"")));
    QVERIFY(child<QLabel>(panel(), "ccProvider")->text().contains(provider.issuer));

    // client_secret_post with the provider's post client; a wrong secret is refused.
    child<QLineEdit>(panel(), "ccClientId")->setText(QStringLiteral("playground-post"));
    child<QLineEdit>(panel(), "ccClientSecret")->setText(QStringLiteral("post-secret-for-tests-only"));
    child<ui::ClientAuthCombo>(panel(), "ccAuthMethod")->setMethod(oidc::flow::ClientAuthMethod::ClientSecretPost);
    child<QLineEdit>(panel(), "ccScope")->clear();
    request->click();
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), kTimeout);
    QVERIFY2(!child<ui::RefusalBanner>(panel(), "ccRefusal")->isVisible(), qPrintable(child<QLabel>(panel(), "ccRefusal")->text()));
    child<QLineEdit>(panel(), "ccClientSecret")->setText(QStringLiteral("wrong"));
    request->click();
    QTRY_VERIFY_WITH_TIMEOUT(request->isEnabled(), kTimeout);
    QVERIFY2(child<QLabel>(panel(), "ccRefusal")->text().contains(QStringLiteral("invalid_client")), qPrintable(child<QLabel>(panel(), "ccRefusal")->text()));
    // No Descope project here: the access-key tab says why.
    QVERIFY(!child<QLabel>(panel(), "akUnavailable")->isHidden());
    QVERIFY2(child<QLabel>(panel(), "akUnavailable")->text().contains(QStringLiteral("Descope project")),
             qPrintable(child<QLabel>(panel(), "akUnavailable")->text()));
    QVERIFY(!child<QPushButton>(panel(), "akExchange")->isEnabled());
    profiles.setCurrent(ui::ProfileManager::sandboxId());
    profiles.remove(id);
}

void TestM2m::reexchangeIsDueAtFourFifthsOfTheLifetime_data()
{
    QTest::addColumn<qint64>("issuedAt");
    QTest::addColumn<qint64>("expiresAt");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("delay"); // -1: not renewed automatically
    QTest::newRow("fresh 5 min token") << qint64(1000) << qint64(1300) << qint64(1000) << qint64(240);
    QTest::newRow("half-way") << qint64(1000) << qint64(1300) << qint64(1150) << qint64(90);
    QTest::newRow("exactly the minimum ahead") << qint64(1000) << qint64(1300) << qint64(1235) << qint64(5);
    QTest::newRow("too close: never a tight loop") << qint64(1000) << qint64(1300) << qint64(1236) << qint64(-1);
    QTest::newRow("past the renewal point") << qint64(1000) << qint64(1300) << qint64(1290) << qint64(-1);
    QTest::newRow("expired") << qint64(1000) << qint64(1300) << qint64(2000) << qint64(-1);
    QTest::newRow("lifetime too short") << qint64(1000) << qint64(1005) << qint64(1000) << qint64(-1);
    QTest::newRow("exp before iat") << qint64(1000) << qint64(900) << qint64(800) << qint64(-1);
}

void TestM2m::reexchangeIsDueAtFourFifthsOfTheLifetime()
{
    QFETCH(qint64, issuedAt);
    QFETCH(qint64, expiresAt);
    QFETCH(qint64, now);
    QFETCH(qint64, delay);
    QCOMPARE(ui::ReexchangeSchedule::delaySeconds(issuedAt, expiresAt, now).value_or(-1), delay);
}

void TestM2m::theMainWindowOffersTheArea()
{
    m_panel.reset();
    ui::MainWindow window(m_app->context.get());
    auto *areas = child<QListView>(window, "areaList")->model();
    const QModelIndex index = areas->index(qobject_cast<ui::AreaListModel *>(areas)->rowOf(QStringLiteral("client-credentials")), 0);
    QVERIFY(areas->flags(index) & Qt::ItemIsEnabled);
    QVERIFY(!index.data(ui::AreaListModel::NoteRole).toString().startsWith(QStringLiteral("Not built yet")));
    QVERIFY(window.showArea(QStringLiteral("client-credentials")));
    QVERIFY(window.findChild<ui::M2mPanel *>(QStringLiteral("m2mPanel")));
}

} // namespace tst_m2m

OIDCPLAY_QTEST_MAIN(tst_m2m, tst_m2m::TestM2m)
#include "tst_m2m.moc"
