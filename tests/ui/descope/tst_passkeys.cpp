// The Passkeys area (ui/descope/PasskeysPanel) in the main window, against the built-in sandbox
// started in-process as the app starts it, driven through its widgets with the core's software
// authenticator: sign up (a registration the sandbox verifies, the file written with mode 0600),
// sign in (an assertion, the counter moving), add a device to the signed-in user and sign in with
// that second credential picked in the list, the ceremony decoded in the inspector (the flags
// spelled out, rpIdHash next to SHA-256 of the RP ID, the server's verdict and session), the
// authenticator's settings (attestation, UV against the options), the passkey domain of a real
// project, and refusals: each tamper switch refused by the sandbox with the rule it breaks and
// shown in the verdict, Cancel, and "Add a device" without a session. The authenticator's file
// lives in a temporary data directory.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/AreaExchangeModel.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PasskeyTamper.h"
#include "ui/descope/PasskeysPanel.h"
#include "ui/descope/SessionView.h"
#include "ui/flow/ProfileManager.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

namespace tst_passkeys {

using descope_testing::waitFor;
using testing_ui::child;

class TestPasskeys final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void signUpRegistersAndSignsIn();
    void signInAssertsWithTheStoredCredential();
    void addDeviceThenSignInWithTheSecondCredential();
    void addDeviceNeedsASession();
    void inspectorShowsFlagsHashMatchAndTheAcceptedSession();
    void inspectorShowsTheTamperedHashAndTheRefusal();
    void attestationIsShownAsChosen_data();
    void attestationIsShownAsChosen();
    void userVerificationFollowsTheSettingAndTheOptions_data();
    void userVerificationFollowsTheSettingAndTheOptions();
    void aRealProjectShowsItsPasskeyDomain();
    void signUpOrInRegistersANewUserAndSignsInAKnownOne();
    void anUnprotectedFileIsRefusedAndLeftAlone();
    void eachAlgorithmRegistersAndSigns_data();
    void eachAlgorithmRegistersAndSigns();
    void eachTamperSwitchIsRefusedWithItsRule_data();
    void eachTamperSwitchIsRefusedWithItsRule();
    void cancelLeavesTheSessionAlone();
    void deleteRemovesTheCredentialFromTheFile();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] QWidget &panel() const { return *m_panel; }
    [[nodiscard]] QTableWidget &credentials() const { return *child<QTableWidget>(panel(), "credentialsTable"); }
    [[nodiscard]] QLabel &status() const { return *child<QLabel>(panel(), "runStatus"); }
    [[nodiscard]] QLabel &refusal() const { return *child<QLabel>(panel(), "passkeyRefusal"); }
    [[nodiscard]] QString response() const { return child<QPlainTextEdit>(panel(), "ceremonyResponse")->toPlainText(); }
    [[nodiscard]] int counterOf(int row) const { return credentials().item(row, 3)->text().toInt(); }
    [[nodiscard]] int requests() const { return child<ui::AreaExchangeList>(panel(), "areaExchanges")->model()->rowCount(); }

    // Types the login ID, clicks `button`, waits until the ceremony has ended; true when it ended
    // accepted (a session, or an added device).
    bool runCeremony(const char *button, const QString &loginId);
    void setTamper(ui::PasskeyTamper tamper);
    void choose(const char *combo, const QString &text);
    // The response tree's row named `field` (searched depth first), or nullptr.
    [[nodiscard]] QTreeWidgetItem *responseRow(const QString &field) const;
    [[nodiscard]] QString verdict() const { return child<QLabel>(panel(), "ceremonyVerdict")->text(); }
    [[nodiscard]] QString hashMatch() const { return child<QLabel>(panel(), "ceremonyHashMatch")->text(); }

    QTemporaryDir m_dataDir;
    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    QWidget *m_panel = nullptr;
    QString m_user; // signed up by the first test, used by the next ones
};

void TestPasskeys::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    // QStandardPaths::AppDataLocation on Linux: the authenticator's file goes under the temporary directory.
    qputenv("XDG_DATA_HOME", m_dataDir.path().toUtf8());
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    m_window = std::make_unique<ui::MainWindow>(m_app->context.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(m_window->showArea(ui::areas::kPasskeys.toString()));
    m_panel = m_window->areaPanel(ui::areas::kPasskeys.toString());
    QVERIFY(m_panel);
    QCOMPARE(m_panel->objectName(), QStringLiteral("passkeysPanel"));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(ui::PasskeysPanel::defaultAuthenticatorPath().startsWith(m_dataDir.path()));
    // The (missing) file was read off the GUI thread: the buttons come on once it was.
    QVERIFY(waitFor([this] { return child<QPushButton>(panel(), "signUpButton")->isEnabled(); }));
    QCOMPARE(credentials().rowCount(), 0);
    m_user = QStringLiteral("passkey-%1@example.com").arg(QDateTime::currentMSecsSinceEpoch());
}

void TestPasskeys::init()
{
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(descope().hasProject());
    descope().clearSession();
    setTamper(ui::PasskeyTamper::None);
    credentials().clearSelection();
}

void TestPasskeys::cleanupTestCase()
{
    m_window.reset();
    m_app.reset();
}

bool TestPasskeys::runCeremony(const char *button, const QString &loginId)
{
    child<QLineEdit>(panel(), "loginIdEdit")->setText(loginId);
    child<QLineEdit>(panel(), "displayNameEdit")->setText(QStringLiteral("Pat Passkey"));
    status().clear();
    child<QPushButton>(panel(), button)->click();
    auto *cancel = child<QPushButton>(panel(), "cancelButton");
    if (!waitFor([cancel] { return !cancel->isEnabled(); }))
        return false;
    if (!waitFor([this] { return child<QPushButton>(panel(), "signUpButton")->isEnabled(); }))
        return false;
    return !refusal().isVisible() && status().text().contains(QStringLiteral("Signed in")) != status().text().contains(QStringLiteral("Device added"));
}

void TestPasskeys::setTamper(ui::PasskeyTamper tamper)
{
    auto *combo = child<QComboBox>(panel(), "tamperCombo");
    combo->setCurrentIndex(combo->findData(static_cast<int>(tamper)));
}

void TestPasskeys::choose(const char *combo, const QString &text)
{
    auto *box = child<QComboBox>(panel(), combo);
    box->setCurrentIndex(box->findText(text));
    QVERIFY2(box->currentIndex() >= 0, qPrintable(text));
}

QTreeWidgetItem *TestPasskeys::responseRow(const QString &field) const
{
    auto *tree = child<QTreeWidget>(panel(), "ceremonyResponseTree");
    const QList<QTreeWidgetItem *> found = tree->findItems(field, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return found.isEmpty() ? nullptr : found.front();
}

void TestPasskeys::signUpRegistersAndSignsIn()
{
    const int before = requests();
    QVERIFY2(runCeremony("signUpButton", m_user), qPrintable(refusal().text() + status().text()));
    // The session is the app's current one, shown with its checks.
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().sessionArea(), ui::descope_area::kPasskeys.toString());
    QCOMPARE(descope().session()->loginIds.front(), m_user.toStdString());
    auto *session = child<ui::SessionView>(panel(), "session");
    QVERIFY(!session->isEmpty());
    QVERIFY(session->isTrusted());
    // One credential, in a file only its owner may read.
    QCOMPARE(credentials().rowCount(), 1);
    QCOMPARE(credentials().item(0, 1)->text(), QStringLiteral("localhost"));
    QCOMPARE(credentials().item(0, 5)->text(), m_user);
    const QString path = ui::PasskeysPanel::defaultAuthenticatorPath();
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser | QFile::ReadOwner | QFile::WriteOwner), QFileDevice::Permissions());
    // The inspector: the registration decoded by the core, the options beside it.
    QVERIFY(response().contains(QStringLiteral("\"webauthn.create\"")));
    QVERIFY(response().contains(QStringLiteral("\"credentialPublicKey\"")));
    QVERIFY(child<QPlainTextEdit>(panel(), "ceremonyOptions")->toPlainText().contains(QStringLiteral("\"pubKeyCredParams\"")));
    QVERIFY(child<QLabel>(panel(), "ceremonyCaption")->text().contains(QStringLiteral("http://localhost:")));
    // start and finish (and the keys) listed under Requests.
    QVERIFY(waitFor([&] { return requests() >= before + 2; }));
}

void TestPasskeys::signInAssertsWithTheStoredCredential()
{
    QCOMPARE(credentials().rowCount(), 1);
    const int counter = counterOf(0);
    QVERIFY2(runCeremony("signInButton", m_user), qPrintable(refusal().text() + status().text()));
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().session()->loginIds.front(), m_user.toStdString());
    QVERIFY(response().contains(QStringLiteral("\"webauthn.get\"")));
    QVERIFY(response().contains(QStringLiteral("\"signature\"")));
    QVERIFY(counterOf(0) > counter);
}

void TestPasskeys::addDeviceThenSignInWithTheSecondCredential()
{
    QVERIFY2(runCeremony("signInButton", m_user), qPrintable(refusal().text()));
    const std::string sessionJwt = descope().session()->sessionJwt;
    const QString firstId = credentials().item(0, 0)->text();
    QVERIFY(child<QPushButton>(panel(), "addDeviceButton")->isEnabled());
    QVERIFY2(runCeremony("addDeviceButton", m_user), qPrintable(refusal().text() + status().text()));
    QVERIFY(status().text().contains(QStringLiteral("Device added")));
    QCOMPARE(descope().session()->sessionJwt, sessionJwt); // an update answers no session
    QCOMPARE(credentials().rowCount(), 2);
    const int second = credentials().item(0, 0)->text() == firstId ? 1 : 0;
    const int first = 1 - second;
    QVERIFY(credentials().item(second, 0)->text() != firstId);

    // The second credential picked in the list signs; the first one's counter stays.
    descope().clearSession();
    credentials().selectRow(second);
    const int firstCounter = counterOf(first);
    const int secondCounter = counterOf(second);
    QVERIFY2(runCeremony("signInButton", m_user), qPrintable(refusal().text()));
    QVERIFY(descope().hasSession());
    QVERIFY(counterOf(second) > secondCounter);
    QCOMPARE(counterOf(first), firstCounter);
    QVERIFY(response().contains(credentials().item(second, 0)->text()));
}

void TestPasskeys::addDeviceNeedsASession()
{
    QVERIFY(!descope().hasSession());
    QVERIFY(!child<QPushButton>(panel(), "addDeviceButton")->isEnabled());
    // The note stands beside "Add a device", the one action that needs a session; signing up or
    // in needs none, so no panel-wide "no session" notice is shown.
    QVERIFY(child<QLabel>(panel(), "addDeviceNeedsSession")->isVisible());
    QVERIFY(!panel().findChild<QWidget *>(QStringLiteral("noSessionNotice")));
    QVERIFY(child<QPushButton>(panel(), "signInButton")->isEnabled());
    QVERIFY2(runCeremony("signInButton", m_user), qPrintable(refusal().text()));
    QVERIFY(child<QPushButton>(panel(), "addDeviceButton")->isEnabled());
    QVERIFY(!child<QLabel>(panel(), "addDeviceNeedsSession")->isVisible());
}

void TestPasskeys::signUpOrInRegistersANewUserAndSignsInAKnownOne()
{
    const int rows = credentials().rowCount();
    const QString newcomer = QStringLiteral("newcomer-") + m_user;
    QVERIFY2(runCeremony("signUpOrInButton", newcomer), qPrintable(refusal().text()));
    QCOMPARE(descope().session()->loginIds.front(), newcomer.toStdString());
    QVERIFY(response().contains(QStringLiteral("\"webauthn.create\"")));
    QCOMPARE(credentials().rowCount(), rows + 1);

    descope().clearSession();
    QVERIFY2(runCeremony("signUpOrInButton", newcomer), qPrintable(refusal().text()));
    QCOMPARE(descope().session()->loginIds.front(), newcomer.toStdString());
    QVERIFY(response().contains(QStringLiteral("\"webauthn.get\"")));
    QCOMPARE(credentials().rowCount(), rows + 1);
}

void TestPasskeys::anUnprotectedFileIsRefusedAndLeftAlone()
{
    // A file others may read (its keys may be known): refused as ssh refuses such a key, never rewritten.
    const QString path = m_dataDir.filePath(QStringLiteral("unprotected.json"));
    const QByteArray content = R"({"format": "oidcplay-software-authenticator", "version": 1, "credentials": []})";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    ui::PasskeysPanel other(descope(), path);
    other.show();
    auto *banner = child<QLabel>(other, "passkeyRefusal");
    QVERIFY(waitFor([banner] { return banner->isVisible(); }));
    QVERIFY2(banner->text().contains(QStringLiteral("AUTHENTICATOR_FILE_PERMISSIONS")), qPrintable(banner->text()));
    child<QLineEdit>(other, "loginIdEdit")->setText(QStringLiteral("other-") + m_user);
    child<QPushButton>(other, "signUpButton")->click();
    QVERIFY(waitFor([&other] { return child<QPushButton>(other, "signUpButton")->isEnabled(); }));
    QVERIFY2(banner->text().contains(QStringLiteral("AUTHENTICATOR_FILE_PERMISSIONS")), qPrintable(banner->text()));
    QVERIFY(!descope().hasSession());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

void TestPasskeys::eachAlgorithmRegistersAndSigns_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<bool>("offered"); // in the sandbox's pubKeyCredParams (as Descope's: ES256, RS256)
    QTest::newRow("ES256") << QStringLiteral("ES256") << true;
    QTest::newRow("RS256") << QStringLiteral("RS256") << true;
    QTest::newRow("EdDSA") << QStringLiteral("EdDSA") << false;
}

void TestPasskeys::eachAlgorithmRegistersAndSigns()
{
    QFETCH(QString, algorithm);
    QFETCH(bool, offered);
    auto *combo = child<QComboBox>(panel(), "algorithmCombo");
    combo->setCurrentIndex(combo->findText(algorithm));
    QVERIFY(combo->currentIndex() >= 0);
    const QString user = algorithm.toLower() + QStringLiteral("-") + m_user;
    const int rows = credentials().rowCount();
    const bool accepted = runCeremony("signUpButton", user);
    combo->setCurrentIndex(0);
    if (!offered) {
        // The authenticator, not the server, refuses: no algorithm it may use is offered (§6.3.2 step 2).
        QVERIFY(!accepted);
        QVERIFY2(refusal().text().contains(QStringLiteral("The software authenticator refused")), qPrintable(refusal().text()));
        QVERIFY2(refusal().text().contains(QStringLiteral("AUTHENTICATOR_ALGORITHM")), qPrintable(refusal().text()));
        QCOMPARE(credentials().rowCount(), rows);
        QVERIFY(!descope().hasSession());
        return;
    }
    QVERIFY2(accepted, qPrintable(refusal().text()));
    const int row = credentials().rowCount() - 1;
    QCOMPARE(credentials().item(row, 5)->text(), user);
    QCOMPARE(credentials().item(row, 2)->text(), algorithm);
    QVERIFY(response().contains(QStringLiteral("\"algorithm\": \"%1\"").arg(algorithm)));

    descope().clearSession();
    credentials().selectRow(row);
    const int counter = counterOf(row);
    QVERIFY2(runCeremony("signInButton", user), qPrintable(refusal().text()));
    QCOMPARE(descope().session()->loginIds.front(), user.toStdString());
    QVERIFY(counterOf(row) > counter);
}

void TestPasskeys::eachTamperSwitchIsRefusedWithItsRule_data()
{
    QTest::addColumn<int>("tamper");
    QTest::addColumn<QString>("rule");
    QTest::newRow("wrong origin") << int(ui::PasskeyTamper::WrongOrigin) << QStringLiteral("WEBAUTHN_ORIGIN");
    QTest::newRow("wrong rpId hash") << int(ui::PasskeyTamper::WrongRpIdHash) << QStringLiteral("WEBAUTHN_RPID_HASH");
    QTest::newRow("UP cleared") << int(ui::PasskeyTamper::UserPresenceCleared) << QStringLiteral("WEBAUTHN_FLAGS_UP");
    QTest::newRow("signature flipped") << int(ui::PasskeyTamper::SignatureFlipped) << QStringLiteral("WEBAUTHN_SIGNATURE");
    QTest::newRow("stale challenge") << int(ui::PasskeyTamper::StaleChallenge) << QStringLiteral("WEBAUTHN_CHALLENGE");
    // Last: it rolls the stored counter back too, as a cloned authenticator would.
    QTest::newRow("counter rolled back") << int(ui::PasskeyTamper::CounterRolledBack) << QStringLiteral("WEBAUTHN_COUNTER");
}

void TestPasskeys::eachTamperSwitchIsRefusedWithItsRule()
{
    QFETCH(int, tamper);
    QFETCH(QString, rule);
    setTamper(static_cast<ui::PasskeyTamper>(tamper));
    QVERIFY(!runCeremony("signInButton", m_user));
    QVERIFY(!descope().hasSession());
    QVERIFY(refusal().isVisible());
    QVERIFY2(refusal().text().contains(QStringLiteral("The passkey finish refused")), qPrintable(refusal().text()));
    QVERIFY2(refusal().text().contains(rule), qPrintable(refusal().text()));
    QVERIFY(status().text().contains(ui::passkeyTamperRule(static_cast<ui::PasskeyTamper>(tamper))));
}

void TestPasskeys::cancelLeavesTheSessionAlone()
{
    child<QLineEdit>(panel(), "loginIdEdit")->setText(m_user);
    child<QPushButton>(panel(), "signInButton")->click();
    auto *cancel = child<QPushButton>(panel(), "cancelButton");
    QVERIFY(cancel->isEnabled());
    cancel->click();
    QVERIFY(!cancel->isEnabled());
    QVERIFY(status().text().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(!refusal().isVisible());
    QVERIFY(!descope().hasSession());
}

void TestPasskeys::inspectorShowsFlagsHashMatchAndTheAcceptedSession()
{
    QVERIFY2(runCeremony("signInButton", m_user), qPrintable(refusal().text()));
    // The options decoded on the left: the challenge and the RP ID of an assertion.
    auto *options = child<QTreeWidget>(panel(), "ceremonyOptionsTree");
    QVERIFY(!options->findItems(QStringLiteral("challenge"), Qt::MatchExactly).isEmpty());
    QCOMPARE(options->findItems(QStringLiteral("rpId"), Qt::MatchExactly).front()->text(1), QStringLiteral("localhost"));
    // The response on the right: the flags spelled out, the hash beside SHA-256("localhost").
    QTreeWidgetItem *up = responseRow(QStringLiteral("UP (User Present)"));
    QVERIFY(up);
    QVERIFY2(up->text(1).startsWith(QStringLiteral("set")), qPrintable(up->text(1)));
    QVERIFY(responseRow(QStringLiteral("BE (Backup Eligible)"))->text(1).startsWith(QStringLiteral("clear")));
    QVERIFY(responseRow(QStringLiteral("flags"))->text(1).contains(QStringLiteral("UP")));
    QCOMPARE(responseRow(QStringLiteral("SHA-256(\"localhost\")"))->text(1), responseRow(QStringLiteral("rpIdHash"))->text(1));
    QCOMPARE(responseRow(QStringLiteral("rpIdHash verdict"))->text(1), QStringLiteral("✔ match"));
    QVERIFY2(hashMatch().startsWith(QStringLiteral("✔ rpIdHash matches SHA-256(\"localhost\")")), qPrintable(hashMatch()));
    QVERIFY(responseRow(QStringLiteral("signature")));
    // The verdict: accepted, every comparison passed, the session decoded as everywhere else.
    QVERIFY2(verdict().startsWith(QStringLiteral("✔ Accepted")), qPrintable(verdict()));
    auto *checks = child<QTableView>(panel(), "ceremonyChecksTable");
    QCOMPARE(checks->model()->rowCount(), 6);
    QVERIFY(child<QLabel>(panel(), "ceremonySessionSummary")->text().contains(m_user));
}

void TestPasskeys::inspectorShowsTheTamperedHashAndTheRefusal()
{
    setTamper(ui::PasskeyTamper::WrongRpIdHash);
    QVERIFY(!runCeremony("signInButton", m_user));
    QCOMPARE(responseRow(QStringLiteral("rpIdHash verdict"))->text(1), QStringLiteral("✘ mismatch"));
    QVERIFY2(hashMatch().startsWith(QStringLiteral("✘ rpIdHash does not match")), qPrintable(hashMatch()));
    QVERIFY(responseRow(QStringLiteral("SHA-256(\"localhost\")"))->text(1) != responseRow(QStringLiteral("rpIdHash"))->text(1));
    // The server's refusal, as plain text with its code; the comparison that failed is the hash.
    QVERIFY2(verdict().contains(QStringLiteral("The passkey finish refused")), qPrintable(verdict()));
    QVERIFY2(verdict().contains(QStringLiteral("WEBAUTHN_RPID_HASH")), qPrintable(verdict()));
    // Descope's E011003 read as a ceremony refusal, not as a spent code or link.
    QVERIFY2(verdict().contains(QStringLiteral("Descope refused the ceremony")), qPrintable(verdict()));
    QVERIFY2(!verdict().contains(QStringLiteral("code or link")), qPrintable(verdict()));
    auto *model = child<QTableView>(panel(), "ceremonyChecksTable")->model();
    QStringList failed;
    for (int row = 0; row < model->rowCount(); ++row)
        for (int column = 0; column < model->columnCount(); ++column)
            if (model->index(row, column).data().toString().contains(QStringLiteral("WEBAUTHN_RPID_HASH")))
                failed << model->index(row, 0).data().toString();
    QVERIFY2(!failed.isEmpty(), "the rpIdHash comparison is not shown failed");

    // A challenge from an earlier ceremony: the challenge line says so.
    setTamper(ui::PasskeyTamper::StaleChallenge);
    QVERIFY(!runCeremony("signInButton", m_user));
    QTreeWidgetItem *challenge = responseRow(QStringLiteral("the options' challenge"));
    QVERIFY(challenge);
    QVERIFY2(challenge->text(1).startsWith(QStringLiteral("✘ differs")), qPrintable(challenge->text(1)));
    QVERIFY2(verdict().contains(QStringLiteral("WEBAUTHN_CHALLENGE")), qPrintable(verdict()));
}

void TestPasskeys::attestationIsShownAsChosen_data()
{
    QTest::addColumn<QString>("choice");
    QTest::addColumn<QString>("shown");
    QTest::newRow("none") << QStringLiteral("none") << QStringLiteral("fmt none (none)");
    QTest::newRow("packed self") << QStringLiteral("packed (self)") << QStringLiteral("fmt packed (self)");
    QTest::newRow("packed x5c") << QStringLiteral("packed (x5c)") << QStringLiteral("fmt packed (x5c)");
}

void TestPasskeys::attestationIsShownAsChosen()
{
    QFETCH(QString, choice);
    QFETCH(QString, shown);
    choose("attestationCombo", choice);
    const QString user = QStringLiteral("attested-%1-").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')) + m_user;
    const bool accepted = runCeremony("signUpButton", user);
    choose("attestationCombo", QStringLiteral("packed (self)"));
    QVERIFY2(accepted, qPrintable(refusal().text()));
    QTreeWidgetItem *attestation = responseRow(QStringLiteral("attestation"));
    QVERIFY(attestation);
    QCOMPARE(attestation->text(1), shown);
    QCOMPARE(responseRow(QStringLiteral("attStmt.x5c (DER)")) != nullptr, choice == QStringLiteral("packed (x5c)"));
    // The setting is the authenticator's: kept in its file.
    QFile file(ui::PasskeysPanel::defaultAuthenticatorPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray mode = choice == QStringLiteral("none") ? "none" : choice == QStringLiteral("packed (self)") ? "packed-self" : "packed-x5c";
    QVERIFY(file.readAll().contains("\"attestation\": \"" + mode + "\""));
}

void TestPasskeys::userVerificationFollowsTheSettingAndTheOptions_data()
{
    QTest::addColumn<bool>("verifying");
    QTest::addColumn<QString>("asked");
    QTest::addColumn<bool>("uv");
    QTest::newRow("off, discouraged") << false << QStringLiteral("discouraged") << false;
    QTest::newRow("on, discouraged") << true << QStringLiteral("discouraged") << false;
    QTest::newRow("on, preferred") << true << QStringLiteral("preferred") << true;
    QTest::newRow("off, server's default") << false << QStringLiteral("server's default") << false;
}

void TestPasskeys::userVerificationFollowsTheSettingAndTheOptions()
{
    QFETCH(bool, verifying);
    QFETCH(QString, asked);
    QFETCH(bool, uv);
    child<QCheckBox>(panel(), "userVerifyingCheck")->setChecked(verifying);
    choose("requestUserVerificationCombo", asked);
    const bool accepted = runCeremony("signInButton", m_user);
    child<QCheckBox>(panel(), "userVerifyingCheck")->setChecked(true);
    choose("requestUserVerificationCombo", QStringLiteral("server's default"));
    QVERIFY2(accepted, qPrintable(refusal().text()));
    if (asked != QStringLiteral("server's default"))
        QCOMPARE(child<QTreeWidget>(panel(), "ceremonyOptionsTree")->findItems(QStringLiteral("userVerification"), Qt::MatchExactly).front()->text(1),
                 asked);
    QTreeWidgetItem *flag = responseRow(QStringLiteral("UV (User Verified)"));
    QVERIFY(flag);
    QVERIFY2(flag->text(1).startsWith(uv ? QStringLiteral("set") : QStringLiteral("clear")), qPrintable(flag->text(1)));
}

void TestPasskeys::aRealProjectShowsItsPasskeyDomain()
{
    auto *box = child<QWidget>(panel(), "passkeyDomainBox");
    QVERIFY(!box->isVisible()); // the sandbox's RP ID is always localhost
    oidc::flow::ProviderProfile real;
    real.name = QStringLiteral("Custom domain project");
    real.kind = oidc::flow::ProviderKind::DescopeProject;
    real.descopeProjectId = QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z");
    real.descopeCustomBase = QStringLiteral("https://auth.example.com");
    m_app->context->profiles().setCurrent(m_app->context->profiles().add(real));
    QVERIFY(!descope().isSandbox());
    QVERIFY(box->isVisible());
    auto *domain = child<QLineEdit>(panel(), "passkeyDomainEdit");
    auto *note = child<QLabel>(panel(), "passkeyDomainNote");
    QCOMPARE(domain->text(), QStringLiteral("auth.example.com"));
    QVERIFY2(note->text().contains(QStringLiteral("https://auth.example.com")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("cannot run from the app's listener")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("software authenticator can claim any RP ID")), qPrintable(note->text()));
    domain->setText(QStringLiteral("localhost"));
    QVERIFY2(note->text().contains(QStringLiteral("a browser ceremony works")), qPrintable(note->text()));
    domain->setText(QStringLiteral("https://example.com/"));
    QVERIFY2(note->text().startsWith(QStringLiteral("Not a domain")), qPrintable(note->text()));
    // A start with a domain that is not one is refused before anything is sent.
    const int before = requests();
    child<QLineEdit>(panel(), "loginIdEdit")->setText(m_user);
    child<QPushButton>(panel(), "signInButton")->click();
    QVERIFY(refusal().isVisible());
    QVERIFY2(refusal().text().contains(QStringLiteral("The passkey domain refused")), qPrintable(refusal().text()));
    QCOMPARE(requests(), before);
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(!box->isVisible());
}

void TestPasskeys::deleteRemovesTheCredentialFromTheFile()
{
    QVERIFY(waitFor([this] { return child<QPushButton>(panel(), "signUpButton")->isEnabled(); }));
    const int rows = credentials().rowCount();
    QVERIFY(rows >= 1);
    credentials().selectRow(0);
    const QString id = credentials().item(0, 0)->text();
    child<QPushButton>(panel(), "deleteCredentialButton")->click();
    QVERIFY(waitFor([&] { return credentials().rowCount() == rows - 1; }));
    QFile file(ui::PasskeysPanel::defaultAuthenticatorPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(id.toUtf8()));
}

} // namespace tst_passkeys

OIDCPLAY_QTEST_MAIN(tst_passkeys, tst_passkeys::TestPasskeys)
#include "tst_passkeys.moc"
