// The Magic Link, OTP & TOTP area (ui/descope/MagicLinkOtpPanel) against the built-in sandbox
// started in-process as the app starts it, driven through its widgets as a person would: OTP
// started, the code filled from the panel's inbox, verified into a session with its checks (the
// app's current session); a wrong code refused with its Descope code, a rate limit explained, a
// call cancelled; a magic link verified from the inbox and pasted as a whole URL, then refused
// once used and once expired; TOTP signed up (QR code and key shown), its code from the built-in
// calculator verified, a wrong one refused. The code field and the calculator on their own too.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/CheckListModel.h"
#include "ui/MainWindow.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/AreaExchangeModel.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/MagicLinkOtpPanel.h"
#include "ui/descope/OtpCodeEdit.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/descope/TotpCalculator.h"

#include "oidc/crypto/Base32.h"
#include "oidc/jwt/ClaimChecks.h"
#include "oidc/otp/Totp.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxHost.h"
#include "sandbox/SandboxServer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace tst_otp {

using descope_testing::waitFor;
using testing_ui::child;

constexpr int kOtpTab = 0;
constexpr int kMagicLinkTab = 1;
constexpr int kTotpTab = 2;

QList<QPushButton *> buttonsIn(const QWidget &parent, const char *name)
{
    return parent.findChildren<QPushButton *>(QString::fromLatin1(name));
}

class TestOtp final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void codeFieldTakesPastedCodes();
    void calculatorShowsTheKeysCodeAndCountdown();
    void otpFilledFromTheInboxSignsIn();
    void wrongCodeIsRefusedWithItsDescopeCode();
    void rateLimitIsExplained();
    void disabledUserIsRefusedAtTheStart();
    void cancelWhileBusy();
    void magicLinkFromTheInbox();
    void magicLinkPastedAsAUrl();
    void usedAndExpiredLinksAreRefused();
    void totpSignUpThenCalculatorCodeSignsIn();
    void wrongTotpCodeIsRefused();
    void screenshot();

private:
    ui::DescopeContext &descope() { return m_app->context->descope(); }
    sandbox::SandboxHost &host() { return *m_app->context->sandbox(); }
    // Waits until everything asked of the sandbox so far is done (a round trip to its thread).
    void settle();
    QWidget &tab(int index);
    // Starts an OTP for the login ID by email and fills the code from the panel's inbox.
    void startOtpAndFill(const QString &loginId);
    // Waits for a trusted session other than `previous` in the panel's SessionView.
    void waitForSession(const QString &previous = {});
    QString refusalText();
    // The sandbox's newest magic link for `loginId` after message `afterId`.
    QString newestLink(const QString &loginId, quint64 afterId);
    void startMagicLink(const QString &loginId);

    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::MagicLinkOtpPanel> m_panel;
};

void TestOtp::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    QVERIFY(waitFor([this] { return descope().hasProject(); }));
}

void TestOtp::init()
{
    host().reset();
    settle();
    descope().clearSession();
    m_panel = std::make_unique<ui::MagicLinkOtpPanel>(descope());
    m_panel->resize(1200, 760);
    m_panel->show();
}

void TestOtp::cleanup()
{
    m_panel.reset();
    host().clearFaults();
    settle();
}

void TestOtp::settle()
{
    bool settled = false;
    QObject context;
    host().call<bool>(&context, [](sandbox::SandboxServer &) { return true; }, [&settled](bool) { settled = true; });
    QVERIFY(waitFor([&settled] { return settled; }, 10000));
}

QWidget &TestOtp::tab(int index)
{
    auto *tabs = child<QTabWidget>(*m_panel, "magicLinkOtpTabs");
    tabs->setCurrentIndex(index);
    return *tabs->currentWidget();
}

void TestOtp::startOtpAndFill(const QString &loginId)
{
    QWidget &otp = tab(kOtpTab);
    child<QLineEdit>(otp, "otpLoginId")->setText(loginId);
    child<QComboBox>(otp, "otpMethod")->setCurrentIndex(0); // email
    auto *start = child<QPushButton>(otp, "otpStart");
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    auto *masked = child<QLabel>(otp, "otpMasked");
    QVERIFY2(waitFor([masked] { return !masked->text().isEmpty(); }), qPrintable(refusalText()));
    QVERIFY2(masked->text().contains(QStringLiteral("@example.com")), qPrintable(masked->text()));
    QVERIFY2(!masked->text().contains(loginId), qPrintable(masked->text())); // masked, not the address
    // The code arrives in the panel's inbox; Fill puts it into the code field.
    auto *inbox = child<QWidget>(otp, "otpInbox");
    QVERIFY(waitFor([inbox] { return !buttonsIn(*inbox, "panelInboxFill").isEmpty(); }));
    QPushButton *fill = buttonsIn(*inbox, "panelInboxFill").first();
    const QString code = fill->property("code").toString();
    QCOMPARE(code.size(), 6);
    QTest::mouseClick(fill, Qt::LeftButton);
    QCOMPARE(child<ui::OtpCodeEdit>(otp, "otpCode")->text(), code);
}

void TestOtp::waitForSession(const QString &previous)
{
    auto *view = child<ui::SessionView>(*m_panel, "magicLinkOtpSession");
    QVERIFY2(waitFor([view, &previous] { return !view->isEmpty() && view->isTrusted() && view->sessionJwt() != previous; }),
             qPrintable(refusalText()));
    // Every check of the session JWT is listed, none failed.
    auto *checks = child<QTableView>(*view, "sessionChecksTable");
    QVERIFY(checks->model()->rowCount() >= 3);
    for (int row = 0; row < checks->model()->rowCount(); ++row) {
        const auto outcome = static_cast<oidc::jwt::CheckOutcome>(checks->model()->index(row, 0).data(ui::CheckListModel::OutcomeRole).toInt());
        QVERIFY2(outcome != oidc::jwt::CheckOutcome::Fail, qPrintable(checks->model()->index(row, 0).data().toString()));
    }
    // It is the app's current Descope session, from this area.
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().sessionArea(), ui::descope_area::kMagicLinkOtp.toString());
    QCOMPARE(QString::fromStdString(descope().session()->sessionJwt), view->sessionJwt());
}

QString TestOtp::refusalText()
{
    auto *banner = child<ui::RefusalBanner>(*m_panel, "magicLinkOtpRefusal");
    return banner->isHidden() ? QString() : banner->text();
}

QString TestOtp::newestLink(const QString &loginId, quint64 afterId)
{
    QString url;
    (void)waitFor([&] {
        for (const sandbox::InboxMessage &message : host().inbox()) {
            if (message.id > afterId && message.kind == "magic-link" && QString::fromStdString(message.loginId) == loginId
                && !message.links.empty()) {
                url = QString::fromStdString(message.links.front().url);
                return true;
            }
        }
        return false;
    });
    return url;
}

void TestOtp::startMagicLink(const QString &loginId)
{
    QWidget &link = tab(kMagicLinkTab);
    child<QLineEdit>(link, "magicLinkLoginId")->setText(loginId);
    QTest::mouseClick(child<QPushButton>(link, "magicLinkStart"), Qt::LeftButton);
    auto *masked = child<QLabel>(link, "magicLinkMasked");
    QVERIFY2(waitFor([masked] { return !masked->text().isEmpty(); }), qPrintable(refusalText()));
}

void TestOtp::codeFieldTakesPastedCodes()
{
    ui::OtpCodeEdit edit(QStringLiteral("code"));
    edit.show();
    for (const auto &[pasted, expected] : {std::pair{"123 456", "123456"}, std::pair{"123-456", "123456"}, std::pair{" 12 34 56\n", "123456"}}) {
        edit.clear();
        QApplication::clipboard()->setText(QString::fromLatin1(pasted));
        edit.paste();
        QCOMPARE(edit.text(), QString::fromLatin1(expected));
    }
    // Not a code: the paste is refused and what was there stays.
    QApplication::clipboard()->setText(QStringLiteral("Your code is 123456"));
    edit.paste();
    QCOMPARE(edit.text(), QStringLiteral("123456"));
    edit.clear();
    QTest::keyClicks(&edit, QStringLiteral("12a3-4"));
    QCOMPARE(edit.text(), QStringLiteral("1234"));
    QTest::keyClicks(&edit, QStringLiteral("56789"));
    QCOMPARE(edit.text(), QStringLiteral("12345678")); // at most eight digits
}

void TestOtp::calculatorShowsTheKeysCodeAndCountdown()
{
    ui::TotpCalculator calculator;
    calculator.show();
    QVERIFY(calculator.currentCode().isEmpty());
    QVERIFY(!child<QPushButton>(calculator, "totpCalculatorUse")->isEnabled());
    // "12345678901234567890" (RFC 6238's SHA-1 seed), grouped as apps show a key.
    calculator.setKey(QStringLiteral("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
    QVERIFY(waitFor([&calculator] { return !calculator.currentCode().isEmpty(); }));
    const std::string secret = "12345678901234567890";
    const int64_t now = oidc::jwt::unixNow();
    // The code may have turned over between the two readings: either step's code is right.
    const QString code = calculator.currentCode();
    QVERIFY2(code == QString::fromStdString(oidc::otp::totp(secret, now).value())
                 || code == QString::fromStdString(oidc::otp::totp(secret, now - 1).value()),
             qPrintable(code));
    auto *countdown = child<QProgressBar>(calculator, "totpCalculatorCountdown");
    QCOMPARE(countdown->maximum(), 30);
    QVERIFY(countdown->value() >= 1 && countdown->value() <= 30);
    QVERIFY(countdown->text().contains(QStringLiteral("left")));
    QString used;
    connect(&calculator, &ui::TotpCalculator::useCode, this, [&used](const QString &c) { used = c; });
    QTest::mouseClick(child<QPushButton>(calculator, "totpCalculatorUse"), Qt::LeftButton);
    QCOMPARE(used, calculator.currentCode());
    // A key that is not base32: said so, no code.
    calculator.setKey(QStringLiteral("not a key!"));
    auto *error = child<QLabel>(calculator, "totpCalculatorError");
    QVERIFY(waitFor([error] { return !error->isHidden(); }));
    QVERIFY2(error->text().contains(QStringLiteral("BASE32_INVALID")), qPrintable(error->text()));
    QVERIFY(calculator.currentCode().isEmpty());
}

void TestOtp::otpFilledFromTheInboxSignsIn()
{
    startOtpAndFill(QStringLiteral("alice@example.com"));
    QWidget &otp = tab(kOtpTab);
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);
    waitForSession();
    QVERIFY(child<QLabel>(*m_panel, "sessionSummary")->text().contains(QStringLiteral("alice@example.com")));
    QVERIFY(refusalText().isEmpty());
    // The requests are listed in the area: start, verify (and the project's keys).
    auto *exchanges = child<ui::AreaExchangeList>(*m_panel, "magicLinkOtpExchanges");
    QVERIFY(waitFor([exchanges] { return exchanges->model()->rowCount() >= 2; }));
}

void TestOtp::wrongCodeIsRefusedWithItsDescopeCode()
{
    // A first sign-in: the refusal must leave its session in place.
    startOtpAndFill(QStringLiteral("alice@example.com"));
    QWidget &otp = tab(kOtpTab);
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);
    waitForSession();
    const QString earlier = child<ui::SessionView>(*m_panel, "magicLinkOtpSession")->sessionJwt();

    startOtpAndFill(QStringLiteral("alice@example.com"));
    auto *code = child<ui::OtpCodeEdit>(otp, "otpCode");
    const QString right = code->text();
    code->setText(right == QStringLiteral("000000") ? QStringLiteral("111111") : QStringLiteral("000000"));
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);
    QVERIFY(waitFor([this] { return !refusalText().isEmpty(); }));
    QVERIFY2(refusalText().contains(QStringLiteral("E061102")), qPrintable(refusalText()));
    QVERIFY2(refusalText().contains(QStringLiteral("OTP verify")), qPrintable(refusalText()));
    QCOMPARE(child<ui::SessionView>(*m_panel, "magicLinkOtpSession")->sessionJwt(), earlier);
    QCOMPARE(QString::fromStdString(descope().session()->sessionJwt), earlier);

    // The right code still works, and the refusal goes away with the new attempt.
    code->setText(right);
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);
    waitForSession(earlier);
    QVERIFY(refusalText().isEmpty());
}

void TestOtp::rateLimitIsExplained()
{
    QCOMPARE(testsupport::postFault(host().baseUrl(), R"({"kind":"rate-limit","path":"/v1/auth/otp/signin/email","count":1,"retryAfter":7})"),
             201);
    QWidget &otp = tab(kOtpTab);
    child<QLineEdit>(otp, "otpLoginId")->setText(QStringLiteral("alice@example.com"));
    QTest::mouseClick(child<QPushButton>(otp, "otpStart"), Qt::LeftButton);
    QVERIFY(waitFor([this] { return !refusalText().isEmpty(); }));
    QVERIFY2(refusalText().contains(QStringLiteral("E130429")), qPrintable(refusalText()));
    QVERIFY2(refusalText().contains(QStringLiteral("429")), qPrintable(refusalText()));
    QVERIFY(child<QLabel>(otp, "otpMasked")->text().isEmpty());
    QVERIFY(!child<ui::OtpCodeEdit>(otp, "otpCode")->isEnabled());
}

void TestOtp::disabledUserIsRefusedAtTheStart()
{
    bool disabled = false;
    QObject context;
    host().call<bool>(
        &context,
        [](sandbox::SandboxServer &server) {
            sandbox::User *bob = server.context().state.user("U2SbxBob00000000000000000001");
            if (bob)
                bob->status = "disabled";
            return bob != nullptr;
        },
        [&disabled](bool done) { disabled = done; });
    QVERIFY(waitFor([&disabled] { return disabled; }, 10000));
    const quint64 before = descope_testing::newestInboxId(descope());

    QWidget &otp = tab(kOtpTab);
    child<QLineEdit>(otp, "otpLoginId")->setText(QStringLiteral("bob@example.com"));
    child<QComboBox>(otp, "otpMethod")->setCurrentIndex(0); // email
    QTest::mouseClick(child<QPushButton>(otp, "otpStart"), Qt::LeftButton);
    QVERIFY(waitFor([this] { return !refusalText().isEmpty(); }));
    // The sandbox's categorised refusal, in the banner's words: the reason, the code and status, the hint.
    QVERIFY2(refusalText().contains(QStringLiteral("the user is disabled")), qPrintable(refusalText()));
    QVERIFY2(refusalText().contains(QStringLiteral("Descope error E011003 · HTTP 401")), qPrintable(refusalText()));
    QVERIFY2(refusalText().contains(QStringLiteral("a disabled user is sent no code or link")), qPrintable(refusalText()));
    QVERIFY(child<QLabel>(otp, "otpMasked")->text().isEmpty());
    settle();
    QCOMPARE(descope_testing::newestInboxId(descope()), before); // nothing was sent
}

void TestOtp::cancelWhileBusy()
{
    QCOMPARE(testsupport::postFault(host().baseUrl(), R"({"kind":"latency","path":"/v1/auth/otp/signin/email","count":1,"ms":5000})"), 201);
    QWidget &otp = tab(kOtpTab);
    child<QLineEdit>(otp, "otpLoginId")->setText(QStringLiteral("alice@example.com"));
    auto *start = child<QPushButton>(otp, "otpStart");
    auto *cancel = child<QPushButton>(otp, "otpCancel");
    QVERIFY(cancel->isHidden());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(!cancel->isHidden());
    QVERIFY(!start->isEnabled());
    QTest::qWait(100);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(cancel->isHidden());
    QVERIFY(start->isEnabled());
    auto *status = child<QLabel>(otp, "otpStatus");
    QVERIFY2(status->text().contains(QStringLiteral("cancelled")), qPrintable(status->text()));
    QVERIFY(refusalText().isEmpty()); // a cancel is not a refusal
    QVERIFY(child<QLabel>(otp, "otpMasked")->text().isEmpty());
}

void TestOtp::magicLinkFromTheInbox()
{
    startMagicLink(QStringLiteral("bob@example.com"));
    QWidget &link = tab(kMagicLinkTab);
    auto *inbox = child<QWidget>(link, "magicLinkInbox");
    QVERIFY(waitFor([inbox] { return !buttonsIn(*inbox, "panelInboxLink").isEmpty(); }));
    QTest::mouseClick(buttonsIn(*inbox, "panelInboxLink").first(), Qt::LeftButton);
    waitForSession();
    QVERIFY(child<QLabel>(*m_panel, "sessionSummary")->text().contains(QStringLiteral("bob@example.com")));
}

void TestOtp::magicLinkPastedAsAUrl()
{
    const quint64 before = descope_testing::newestInboxId(descope());
    startMagicLink(QStringLiteral("bob@example.com"));
    const QString url = newestLink(QStringLiteral("bob@example.com"), before);
    QVERIFY(url.contains(QStringLiteral("?t=")));
    QWidget &link = tab(kMagicLinkTab);
    auto *token = child<QLineEdit>(link, "magicLinkToken");
    token->setText(url);
    QVERIFY2(child<QLabel>(link, "magicLinkTokenNote")->text().contains(QStringLiteral("t parameter")),
             qPrintable(child<QLabel>(link, "magicLinkTokenNote")->text()));
    QTest::mouseClick(child<QPushButton>(link, "magicLinkVerify"), Qt::LeftButton);
    waitForSession();
}

void TestOtp::usedAndExpiredLinksAreRefused()
{
    // Used: the same link verified twice.
    quint64 before = descope_testing::newestInboxId(descope());
    startMagicLink(QStringLiteral("bob@example.com"));
    QString url = newestLink(QStringLiteral("bob@example.com"), before);
    QWidget &link = tab(kMagicLinkTab);
    auto *token = child<QLineEdit>(link, "magicLinkToken");
    token->setText(url);
    QTest::mouseClick(child<QPushButton>(link, "magicLinkVerify"), Qt::LeftButton);
    waitForSession();
    const QString signedIn = child<ui::SessionView>(*m_panel, "magicLinkOtpSession")->sessionJwt();
    QTest::mouseClick(child<QPushButton>(link, "magicLinkVerify"), Qt::LeftButton);
    QVERIFY(waitFor([this] { return !refusalText().isEmpty(); }));
    QVERIFY2(refusalText().contains(QStringLiteral("E011003")) && refusalText().contains(QStringLiteral("401")), qPrintable(refusalText()));
    QVERIFY2(refusalText().contains(QStringLiteral("used or expired")), qPrintable(refusalText()));
    QCOMPARE(child<ui::SessionView>(*m_panel, "magicLinkOtpSession")->sessionJwt(), signedIn);

    // Expired: the sandbox's clock moves past the link's lifetime (fixtures: 600 s).
    before = descope_testing::newestInboxId(descope());
    startMagicLink(QStringLiteral("bob@example.com"));
    QVERIFY(refusalText().isEmpty());
    url = newestLink(QStringLiteral("bob@example.com"), before);
    QCOMPARE(testsupport::postSandboxAdmin(host().baseUrl(), QStringLiteral("/sandbox/clock"), R"({"advanceSeconds":601})"), 200);
    // The token alone, pasted: the same refusal.
    token->setText(QUrlQuery(QUrl(url)).queryItemValue(QStringLiteral("t")));
    QVERIFY(child<QLabel>(link, "magicLinkTokenNote")->text().startsWith(QStringLiteral("A token")));
    QTest::mouseClick(child<QPushButton>(link, "magicLinkVerify"), Qt::LeftButton);
    QVERIFY(waitFor([this] { return !refusalText().isEmpty(); }));
    QVERIFY2(refusalText().contains(QStringLiteral("E011003")), qPrintable(refusalText()));
    QCOMPARE(QString::fromStdString(descope().session()->sessionJwt), signedIn);
}

void TestOtp::totpSignUpThenCalculatorCodeSignsIn()
{
    QWidget &totp = tab(kTotpTab);
    child<QLineEdit>(totp, "totpLoginId")->setText(QStringLiteral("dana@example.com"));
    QTest::mouseClick(child<QPushButton>(totp, "totpSignUpButton"), Qt::LeftButton);
    auto *key = child<QLineEdit>(totp, "totpKeyEdit");
    QVERIFY2(waitFor([key] { return !key->text().isEmpty(); }), qPrintable(refusalText()));
    QVERIFY(oidc::crypto::base32Decode(key->text().toStdString()).ok());
    // The QR code is decoded and shown as a picture.
    auto *qr = child<QLabel>(totp, "totpQrImage");
    QVERIFY(waitFor([qr] { return !qr->pixmap().isNull(); }));
    QVERIFY2(child<QLabel>(totp, "totpQrNote")->text().contains(QStringLiteral("PNG")), qPrintable(child<QLabel>(totp, "totpQrNote")->text()));
    // The calculator took the key: its code goes into the code field and verifies.
    auto *calculator = child<ui::TotpCalculator>(totp, "totpCalculator");
    QCOMPARE(calculator->key(), key->text());
    QVERIFY(waitFor([calculator] { return !calculator->currentCode().isEmpty(); }));
    QTest::mouseClick(child<QPushButton>(totp, "totpCalculatorUse"), Qt::LeftButton);
    QCOMPARE(child<ui::OtpCodeEdit>(totp, "totpCode")->text().size(), 6);
    QTest::mouseClick(child<QPushButton>(totp, "totpVerify"), Qt::LeftButton);
    waitForSession();
    const auto amr = descope().session()->session.claims().at("amr");
    QCOMPARE(QString::fromStdString(amr.dump()), QStringLiteral(R"(["totp"])"));
}

void TestOtp::wrongTotpCodeIsRefused()
{
    QWidget &totp = tab(kTotpTab);
    child<QLineEdit>(totp, "totpLoginId")->setText(QStringLiteral("erin@example.com"));
    QTest::mouseClick(child<QPushButton>(totp, "totpSignUpButton"), Qt::LeftButton);
    auto *calculator = child<ui::TotpCalculator>(totp, "totpCalculator");
    QVERIFY2(waitFor([calculator] { return !calculator->currentCode().isEmpty(); }), qPrintable(refusalText()));
    // A code that is none of the window's three steps' codes.
    const auto secret = oidc::otp::secretFromKey(calculator->key().toStdString()).value();
    const int64_t now = oidc::jwt::unixNow();
    QString wrong;
    for (int candidate = 0; candidate < 10 && wrong.isEmpty(); ++candidate) {
        const std::string code(6, static_cast<char>('0' + candidate));
        bool inWindow = false;
        for (int64_t step = -2; step <= 2; ++step)
            inWindow = inWindow || oidc::otp::totp(secret, now + step * 30).value() == code;
        if (!inWindow)
            wrong = QString::fromStdString(code);
    }
    child<ui::OtpCodeEdit>(totp, "totpCode")->setText(wrong);
    QTest::mouseClick(child<QPushButton>(totp, "totpVerify"), Qt::LeftButton);
    QVERIFY(waitFor([this] { return !refusalText().isEmpty(); }));
    QVERIFY2(refusalText().contains(QStringLiteral("E061102")), qPrintable(refusalText()));
    QVERIFY2(refusalText().contains(QStringLiteral("TOTP verify")), qPrintable(refusalText()));
    QVERIFY(!descope().hasSession());
    QVERIFY(child<ui::SessionView>(*m_panel, "magicLinkOtpSession")->isEmpty());
}

void TestOtp::screenshot()
{
    const QString dir = qEnvironmentVariable("OIDCPLAY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("OIDCPLAY_SCREENSHOT_DIR is not set");
    m_panel.reset();
    ui::MainWindow window(m_app->context.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.showArea(ui::areas::kMagicLinkOtp.toString()));
    auto *panel = qobject_cast<ui::MagicLinkOtpPanel *>(window.areaPanel(ui::areas::kMagicLinkOtp.toString()));
    QVERIFY(panel);
    QWidget &otp = *child<QTabWidget>(*panel, "magicLinkOtpTabs")->widget(kOtpTab);
    QTest::mouseClick(child<QPushButton>(otp, "otpStart"), Qt::LeftButton);
    auto *inbox = child<QWidget>(otp, "otpInbox");
    QVERIFY(waitFor([inbox] { return !buttonsIn(*inbox, "panelInboxFill").isEmpty(); }));
    QTest::mouseClick(buttonsIn(*inbox, "panelInboxFill").first(), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);
    auto *view = child<ui::SessionView>(*panel, "magicLinkOtpSession");
    QVERIFY(waitFor([view] { return view->isTrusted(); }));
    QTest::qWait(300);
    QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("otp.png"))));
}

} // namespace tst_otp

OIDCPLAY_QTEST_MAIN(tst_otp, tst_otp::TestOtp)
#include "tst_otp.moc"
