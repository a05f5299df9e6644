// The Step-up area (ui/descope/StepUpPanel) against the built-in sandbox started in-process as the
// app starts it, driven through its widgets: without a session it says so and offers a sign-in;
// signed in by email OTP, a step-up by SMS OTP (the code filled from the panel's inbox) upgrades
// the session — su:true, amr gains sms and mfa, a new iat — shown side by side with the changed
// rows highlighted and every step-up check passed, and the stepped-up session is the app's
// current one. A magic link and an enchanted link (polled until the right numbered link is opened
// from the inbox) step up too, adding no method. A wrong code is refused with its Descope code and
// the session is not stepped up.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/CheckListModel.h"
#include "ui/MainWindow.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/NoSessionNotice.h"
#include "ui/descope/OtpCodeEdit.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/descope/ClaimDiffModel.h"
#include "ui/descope/StepUpPanel.h"

#include "sandbox/SandboxHost.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>

namespace tst_stepup {

using descope_testing::otpSignIn;
using descope_testing::waitFor;
using testing_ui::child;

constexpr int kSmsMethod = 1; // OtpStarter's DeliveryMethodCombo: Email, SMS, Voice, WhatsApp

// The before/after table of a step-up panel (ClaimDiffModel).
ui::ClaimDiffModel *diffOf(const QWidget &panel)
{
    return qobject_cast<ui::ClaimDiffModel *>(child<QTableView>(panel, "stepUpDiff")->model());
}

ui::ClaimDiffModel::Change changeOf(const ui::ClaimDiffModel &diff, const QString &claim)
{
    return static_cast<ui::ClaimDiffModel::Change>(diff.index(diff.rowOf(claim), 0).data(ui::ClaimDiffModel::ChangeRole).toInt());
}

class TestStepUp final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void withoutASessionItSaysSo();
    void stepUpWithOtpUpgradesTheSession();
    void wrongCodeDoesNotStepUp();
    void stepUpWithAMagicLink();
    void stepUpWithAnEnchantedLink();
    void screenshot();

private:
    ui::DescopeContext &descope() { return m_app->context->descope(); }
    sandbox::SandboxHost &host() { return *m_app->context->sandbox(); }
    void settle();
    QString refusalText(const QWidget &panel);
    // In `panel`'s OTP tab: start a step-up code by SMS and fill it from the inbox.
    void startSmsStepUp(QWidget &panel);
    // A step-up panel over alice's fresh email-OTP session.
    std::unique_ptr<ui::StepUpPanel> signedInPanel();
    // Waits for the stepped-up session in `panel` and checks that it is one.
    void expectSteppedUp(const QWidget &panel, const std::string &before);

    std::unique_ptr<testsupport::TestApp> m_app;
};

void TestStepUp::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    QVERIFY(waitFor([this] { return descope().hasProject(); }));
}

void TestStepUp::init()
{
    host().reset();
    settle();
    descope().clearSession();
}

void TestStepUp::cleanup()
{
    descope().clearSession();
}

void TestStepUp::settle()
{
    bool settled = false;
    QObject context;
    host().call<bool>(&context, [](sandbox::SandboxServer &) { return true; }, [&settled](bool) { settled = true; });
    QVERIFY(waitFor([&settled] { return settled; }, 10000));
}

QString TestStepUp::refusalText(const QWidget &panel)
{
    auto *banner = child<ui::RefusalBanner>(panel, "stepUpRefusal");
    return banner->isHidden() ? QString() : banner->text();
}

void TestStepUp::startSmsStepUp(QWidget &panel)
{
    auto *methods = child<QTabWidget>(panel, "stepUpMethods");
    methods->setCurrentIndex(0);
    QWidget &otp = *methods->currentWidget();
    // The login ID is the session's user.
    QCOMPARE(child<QLineEdit>(otp, "otpLoginId")->text(), QStringLiteral("alice@example.com"));
    QVERIFY(child<QWidget>(otp, "otpSignUp")->isHidden()); // a step-up signs in, never up
    child<QComboBox>(otp, "otpMethod")->setCurrentIndex(kSmsMethod);
    QTest::mouseClick(child<QPushButton>(otp, "otpStart"), Qt::LeftButton);
    auto *masked = child<QLabel>(otp, "otpMasked");
    QVERIFY2(waitFor([masked] { return !masked->text().isEmpty(); }), qPrintable(refusalText(panel)));
    QVERIFY2(masked->text().contains(QStringLiteral("SMS")), qPrintable(masked->text()));
    auto *inbox = child<QWidget>(otp, "otpInbox");
    QVERIFY(waitFor([inbox] { return !inbox->findChildren<QPushButton *>(QStringLiteral("panelInboxFill")).isEmpty(); }));
    QTest::mouseClick(inbox->findChildren<QPushButton *>(QStringLiteral("panelInboxFill")).first(), Qt::LeftButton);
    QCOMPARE(child<ui::OtpCodeEdit>(otp, "otpCode")->text().size(), 6);
}

void TestStepUp::withoutASessionItSaysSo()
{
    ui::StepUpPanel panel(descope());
    panel.resize(1200, 760);
    panel.show();
    auto *notice = child<ui::NoSessionNotice>(panel, "noSessionNotice");
    QVERIFY(!notice->isHidden());
    QVERIFY(child<QLabel>(*notice, "noSessionText")->text().contains(QStringLiteral("No Descope session")));
    QVERIFY(!child<QTabWidget>(panel, "stepUpMethods")->isEnabled());
    QVERIFY(child<QLabel>(panel, "stepUpCurrent")->isHidden());
    // Its button asks for a sign-in area.
    QSignalSpy signIn(&descope(), &ui::DescopeContext::signInRequested);
    QTest::mouseClick(child<QPushButton>(*notice, "noSessionSignIn"), Qt::LeftButton);
    QCOMPARE(signIn.size(), 1);
    // What su is, in words, is there all the same.
    QVERIFY(child<QLabel>(panel, "stepUpExplanation")->text().contains(QStringLiteral("su")));

    // A sign-in elsewhere: the notice goes, the methods open.
    QVERIFY(otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, QStringLiteral("alice@example.com")).ok());
    QVERIFY(notice->isHidden());
    QVERIFY(child<QTabWidget>(panel, "stepUpMethods")->isEnabled());
    QVERIFY(child<QLabel>(panel, "stepUpCurrent")->text().contains(QStringLiteral("alice@example.com")));
}

void TestStepUp::stepUpWithOtpUpgradesTheSession()
{
    const auto signedIn = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, QStringLiteral("alice@example.com"));
    QVERIFY2(signedIn.ok(), signedIn.ok() ? "" : signedIn.result.error().summary().c_str());
    const auto before = *descope().session();
    QVERIFY(!before.session.claims().contains("su"));

    ui::StepUpPanel panel(descope());
    panel.resize(1200, 760);
    panel.show();
    QVERIFY(child<ui::NoSessionNotice>(panel, "noSessionNotice")->isHidden());
    startSmsStepUp(panel);
    QWidget &otp = *child<QTabWidget>(panel, "stepUpMethods")->widget(0);
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);

    auto *after = child<ui::SessionView>(panel, "stepUpAfter");
    QVERIFY2(waitFor([after] { return after->isTrusted(); }), qPrintable(refusalText(panel)));
    QVERIFY(refusalText(panel).isEmpty());

    // The app's current session is the stepped-up one: the same user, su:true, sms and mfa added.
    const auto &current = *descope().session();
    QCOMPARE(descope().sessionArea(), ui::descope_area::kStepUp.toString());
    QCOMPARE(current.userId, before.userId);
    QCOMPARE(current.session.claims().value("su", false), true);
    QCOMPARE(QString::fromStdString(current.session.claims().at("amr").dump()), QStringLiteral(R"(["email","sms","mfa"])"));
    QCOMPARE(after->sessionJwt(), QString::fromStdString(current.sessionJwt));
    QCOMPARE(child<ui::SessionView>(panel, "stepUpBefore")->sessionJwt(), QString::fromStdString(before.sessionJwt));

    // Side by side: su, amr, iat and exp changed and highlighted, sub not.
    ui::ClaimDiffModel *diff = diffOf(panel);
    QVERIFY(diff);
    for (const char *claim : {"su", "amr", "iat", "exp", "sub"})
        QVERIFY2(diff->rowOf(QString::fromLatin1(claim)) >= 0, claim);
    QCOMPARE(changeOf(*diff, QStringLiteral("su")), ui::ClaimDiffModel::Change::Added);
    QCOMPARE(changeOf(*diff, QStringLiteral("amr")), ui::ClaimDiffModel::Change::Changed);
    QCOMPARE(changeOf(*diff, QStringLiteral("sub")), ui::ClaimDiffModel::Change::Same);
    const int su = diff->rowOf(QStringLiteral("su"));
    const int sub = diff->rowOf(QStringLiteral("sub"));
    QCOMPARE(diff->index(su, ui::ClaimDiffModel::AfterColumn).data().toString(), QStringLiteral("true"));
    QVERIFY(diff->index(su, 0).data(Qt::BackgroundRole) != diff->index(sub, 0).data(Qt::BackgroundRole));
    QVERIFY(su < sub); // what changed comes first
    // What the step-up claims say, in words.
    const QString meanings = child<QLabel>(panel, "stepUpMeanings")->text();
    QVERIFY2(meanings.contains(QStringLiteral("su (Stepped up) absent → true: now stepped up")), qPrintable(meanings));
    QVERIFY2(meanings.contains(QStringLiteral("(sms)")), qPrintable(meanings));
    QVERIFY2(meanings.contains(QStringLiteral("sub (Subject) unchanged")), qPrintable(meanings));
    // Every step-up check passed.
    auto *checks = child<QTableView>(panel, "stepUpChecksTable");
    QCOMPARE(checks->model()->rowCount(), 3);
    for (int row = 0; row < 3; ++row) {
        const auto outcome = static_cast<oidc::jwt::CheckOutcome>(checks->model()->index(row, 0).data(ui::CheckListModel::OutcomeRole).toInt());
        QCOMPARE(outcome, oidc::jwt::CheckOutcome::Pass);
    }
    QCOMPARE(child<QTabWidget>(panel, "stepUpResults")->currentIndex(), 0);
    QVERIFY(child<QLabel>(panel, "stepUpCurrent")->text().contains(QStringLiteral("su true")));
}

void TestStepUp::wrongCodeDoesNotStepUp()
{
    QVERIFY(otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, QStringLiteral("alice@example.com")).ok());
    const std::string before = descope().session()->sessionJwt;
    ui::StepUpPanel panel(descope());
    panel.resize(1200, 760);
    panel.show();
    startSmsStepUp(panel);
    QWidget &otp = *child<QTabWidget>(panel, "stepUpMethods")->widget(0);
    auto *code = child<ui::OtpCodeEdit>(otp, "otpCode");
    code->setText(code->text() == QStringLiteral("000000") ? QStringLiteral("111111") : QStringLiteral("000000"));
    QTest::mouseClick(child<QPushButton>(otp, "otpVerify"), Qt::LeftButton);
    QVERIFY(waitFor([&] { return !refusalText(panel).isEmpty(); }));
    QVERIFY2(refusalText(panel).contains(QStringLiteral("E061102")), qPrintable(refusalText(panel)));
    QCOMPARE(descope().session()->sessionJwt, before);
    QVERIFY(!descope().session()->session.claims().contains("su"));
    QVERIFY(child<ui::SessionView>(panel, "stepUpAfter")->isEmpty());
    QCOMPARE(diffOf(panel)->rowCount(), 0);
    QVERIFY(child<QLabel>(panel, "stepUpMeanings")->isHidden());
}

std::unique_ptr<ui::StepUpPanel> TestStepUp::signedInPanel()
{
    const auto signedIn = otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, QStringLiteral("alice@example.com"));
    if (!signedIn.ok())
        qWarning("sign-in failed: %s", signedIn.result.error().summary().c_str());
    auto panel = std::make_unique<ui::StepUpPanel>(descope());
    panel->resize(1200, 760);
    panel->show();
    return panel;
}

void TestStepUp::expectSteppedUp(const QWidget &panel, const std::string &before)
{
    auto *after = child<ui::SessionView>(panel, "stepUpAfter");
    QVERIFY2(waitFor([after] { return after->isTrusted(); }), qPrintable(refusalText(panel)));
    QVERIFY(descope().session()->sessionJwt != before);
    QCOMPARE(descope().session()->session.claims().value("su", false), true);
    ui::ClaimDiffModel *diff = diffOf(panel);
    QCOMPARE(changeOf(*diff, QStringLiteral("su")), ui::ClaimDiffModel::Change::Added);
    // Email again: no method added, and the comparison says so.
    QCOMPARE(changeOf(*diff, QStringLiteral("amr")), ui::ClaimDiffModel::Change::Same);
    const QString meanings = child<QLabel>(panel, "stepUpMeanings")->text();
    QVERIFY2(meanings.contains(QStringLiteral("amr (Authentication methods) unchanged: no new method")), qPrintable(meanings));
}

void TestStepUp::stepUpWithAMagicLink()
{
    auto panel = signedInPanel();
    QVERIFY(descope().hasSession());
    const std::string before = descope().session()->sessionJwt;
    auto *methods = child<QTabWidget>(*panel, "stepUpMethods");
    methods->setCurrentIndex(1);
    QWidget &page = *methods->currentWidget();
    QVERIFY(child<QWidget>(page, "magicLinkSignUp")->isHidden());
    QTest::mouseClick(child<QPushButton>(page, "magicLinkStart"), Qt::LeftButton);
    auto *inbox = child<QWidget>(page, "magicLinkInbox");
    QVERIFY2(waitFor([inbox] { return !inbox->findChildren<QPushButton *>(QStringLiteral("panelInboxLink")).isEmpty(); }),
             qPrintable(refusalText(*panel)));
    QTest::mouseClick(inbox->findChildren<QPushButton *>(QStringLiteral("panelInboxLink")).first(), Qt::LeftButton);
    expectSteppedUp(*panel, before);
}

void TestStepUp::stepUpWithAnEnchantedLink()
{
    auto panel = signedInPanel();
    QVERIFY(descope().hasSession());
    const std::string before = descope().session()->sessionJwt;
    auto *methods = child<QTabWidget>(*panel, "stepUpMethods");
    methods->setCurrentIndex(2);
    QWidget &page = *methods->currentWidget();
    QTest::mouseClick(child<QPushButton>(page, "enchantedLinkStart"), Qt::LeftButton);
    auto *number = child<QLabel>(page, "enchantedLinkNumber");
    QVERIFY2(waitFor([number] { return !number->text().isEmpty(); }), qPrintable(refusalText(*panel)));
    QVERIFY(!child<QPushButton>(page, "enchantedLinkCancel")->isHidden()); // polling
    // The three numbered links arrive; the one with the number shown completes the poll.
    auto *inbox = child<QWidget>(page, "enchantedLinkInbox");
    QVERIFY(waitFor([inbox] { return inbox->findChildren<QPushButton *>(QStringLiteral("panelInboxLink")).size() == 3; }));
    QPushButton *right = nullptr;
    for (QPushButton *button : inbox->findChildren<QPushButton *>(QStringLiteral("panelInboxLink"))) {
        if (button->property("linkNumber").toString() == number->text())
            right = button;
    }
    QVERIFY(right);
    auto *polls = child<QLabel>(page, "enchantedLinkPolls");
    QVERIFY(waitFor([polls] { return polls->text().contains(QStringLiteral("pending")); }));
    QTest::mouseClick(right, Qt::LeftButton);
    expectSteppedUp(*panel, before);
    QVERIFY(child<QPushButton>(page, "enchantedLinkCancel")->isHidden());
    QVERIFY2(polls->text().contains(QStringLiteral("done")), qPrintable(polls->text()));
}

void TestStepUp::screenshot()
{
    const QString dir = qEnvironmentVariable("OIDCPLAY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("OIDCPLAY_SCREENSHOT_DIR is not set");
    QVERIFY(otpSignIn(descope(), ui::descope_area::kMagicLinkOtp, QStringLiteral("alice@example.com")).ok());
    QTest::qWait(1100); // a step-up a moment later: iat and exp move too
    ui::MainWindow window(m_app->context.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.showArea(ui::areas::kStepUp.toString()));
    auto *panel = qobject_cast<ui::StepUpPanel *>(window.areaPanel(ui::areas::kStepUp.toString()));
    QVERIFY(panel);
    startSmsStepUp(*panel);
    QTest::mouseClick(child<QPushButton>(*child<QTabWidget>(*panel, "stepUpMethods")->widget(0), "otpVerify"), Qt::LeftButton);
    auto *after = child<ui::SessionView>(*panel, "stepUpAfter");
    QVERIFY(waitFor([after] { return after->isTrusted(); }));
    QTest::qWait(300);
    QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("step-up.png"))));
}

} // namespace tst_stepup

OIDCPLAY_QTEST_MAIN(tst_stepup, tst_stepup::TestStepUp)
#include "tst_stepup.moc"
