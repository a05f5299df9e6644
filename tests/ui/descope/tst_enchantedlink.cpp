// The Enchanted Link area (ui/descope/EnchantedLinkPanel) in the main window, against the built-in
// sandbox started in-process as the app starts it, driven through its widgets as a person drives
// it: send the link, read the number shown, open a numbered link from the panel's inbox, watch
// the polls on the timeline and the session that arrives. Also the refusals: a wrong link (the
// sandbox refuses it, polling goes on), a link expired on the sandbox's clock (polling ends with
// the refusal), the polling timeout, Cancel, a start refusal, a project change mid-run; rate-
// limited and failing polls drawn as such; a pasted link as a QR code, opened from the panel.
// The sandbox polls at the real minimum interval (1 s): the tests wait seconds, never assert time.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/CheckListModel.h"
#include "ui/MainWindow.h"
#include "ui/descope/AreaExchangeModel.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PollTimeline.h"
#include "ui/descope/QrCodeView.h"
#include "ui/descope/SessionView.h"
#include "ui/flow/ProfileManager.h"
#include "ui/log/ExchangeLogModel.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxHost.h"
#include "sandbox/SandboxServer.h"
#include "sandbox/auth/QrCode.h"

#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPaintEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

namespace tst_enchantedlink {

using descope_testing::waitFor;
using oidc::descope::PollDecision;
using oidc::descope::PollRecord;
using testing_ui::child;

const QString kAlice = QStringLiteral("alice@example.com");
constexpr const char *kPendingSessionPath = "/v1/auth/enchantedlink/pending-session";

// Records the rectangles the timeline paints.
class PaintRecorder final : public QObject {
public:
    std::vector<QRect> rects;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            rects.push_back(static_cast<QPaintEvent *>(event)->rect());
        return QObject::eventFilter(watched, event);
    }
};

class TestEnchantedLink final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void rightLinkSignsIn();
    void wrongLinkIsRefusedAndPollingGoesOn();
    void cancelStopsPolling();
    void timeoutEndsPolling();
    void expiredLinkEndsPolling();
    void rateLimitedAndFailingPollsAreDrawn();
    void startRefusalIsShownAndNothingPolls();
    void projectChangeEndsTheRun();
    void pastedLinkBecomesAQrCodeAndOpensHere();
    void timelineRepaintsOnlyWhatMoves();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] sandbox::SandboxHost &host() const { return *m_app->context->sandbox(); }
    [[nodiscard]] QWidget &panel() const { return *m_panel; }
    [[nodiscard]] ui::PollTimeline &timeline() const { return *child<ui::PollTimeline>(panel(), "pollTimeline"); }
    [[nodiscard]] QLabel &status() const { return *child<QLabel>(panel(), "runStatus"); }
    [[nodiscard]] QLabel &refusal() const { return *child<QLabel>(panel(), "enchantedLinkRefusal"); }
    [[nodiscard]] QPushButton &cancelButton() const { return *child<QPushButton>(panel(), "cancelButton"); }
    [[nodiscard]] QPushButton &startButton() const { return *child<QPushButton>(panel(), "startButton"); }

    // Types the login ID, clicks Send link, waits for the number; returns it ("" on failure).
    QString sendLink(const QString &loginId = kAlice);
    // The inbox's link buttons in the panel (the newest message's three, once they arrived).
    [[nodiscard]] std::vector<QPushButton *> linkButtons() const;
    [[nodiscard]] QPushButton *linkButton(const QString &number, bool right) const;
    [[nodiscard]] bool waitForPolls(size_t count, int timeoutMs = 10000) const;
    [[nodiscard]] int pendingSessionRequests() const;
    // Runs `work` on the sandbox thread and waits until it has run.
    void onSandbox(std::function<void(sandbox::SandboxServer &)> work);

    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    QWidget *m_panel = nullptr;
};

void TestEnchantedLink::initTestCase()
{
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    m_window = std::make_unique<ui::MainWindow>(m_app->context.get());
    m_window->resize(1280, 800);
    m_window->show();
    // Registered in the main window, in place of the "Not built yet" note.
    QVERIFY(m_window->showArea(ui::areas::kEnchantedLink.toString()));
    m_panel = m_window->areaPanel(ui::areas::kEnchantedLink.toString());
    QVERIFY(m_panel);
    QCOMPARE(m_panel->objectName(), QStringLiteral("enchantedLinkPanel"));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestEnchantedLink::init()
{
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(descope().hasProject());
    descope().clearSession();
    host().clearFaults();
    host().clearInbox();
    onSandbox([](sandbox::SandboxServer &server) { server.context().clock.setOffsetSeconds(0); });
    QVERIFY(waitFor([this] { return host().inbox().empty() && host().faults().empty(); }));
    child<QSpinBox>(panel(), "timeoutSpin")->setValue(600);
    child<QLineEdit>(panel(), "crossDeviceLinkEdit")->clear();
}

void TestEnchantedLink::cleanup()
{
    if (cancelButton().isEnabled())
        cancelButton().click();
}

void TestEnchantedLink::cleanupTestCase()
{
    m_window.reset();
    m_app.reset();
}

void TestEnchantedLink::onSandbox(std::function<void(sandbox::SandboxServer &)> work)
{
    bool done = false;
    host().call<bool>(
        this,
        [work = std::move(work)](sandbox::SandboxServer &server) {
            work(server);
            return true;
        },
        [&done](bool) { done = true; });
    QVERIFY(waitFor([&done] { return done; }));
}

QString TestEnchantedLink::sendLink(const QString &loginId)
{
    auto *loginEdit = child<QLineEdit>(panel(), "loginIdEdit");
    loginEdit->setText(loginId);
    startButton().click();
    auto *number = child<QLabel>(panel(), "linkNumberLabel");
    const bool shown = waitFor([number] {
        bool isNumber = false;
        number->text().toInt(&isNumber);
        return isNumber;
    });
    return shown ? number->text() : QString();
}

std::vector<QPushButton *> TestEnchantedLink::linkButtons() const
{
    std::vector<QPushButton *> buttons;
    for (QPushButton *button : panel().findChildren<QPushButton *>(QStringLiteral("panelInboxLink")))
        if (button->isVisibleTo(&panel()))
            buttons.push_back(button);
    return buttons;
}

QPushButton *TestEnchantedLink::linkButton(const QString &number, bool right) const
{
    for (QPushButton *button : linkButtons()) {
        if ((button->property("linkNumber").toString() == number) == right)
            return button;
    }
    return nullptr;
}

bool TestEnchantedLink::waitForPolls(size_t count, int timeoutMs) const
{
    return waitFor([this, count] { return timeline().polls().size() >= count; }, timeoutMs);
}

int TestEnchantedLink::pendingSessionRequests() const
{
    auto *model = child<QTableView>(panel(), "areaExchangesTable")->model();
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, ui::ExchangeLogModel::UrlColumn).data().toString() == QString::fromLatin1(kPendingSessionPath))
            ++count;
    return count;
}

void TestEnchantedLink::rightLinkSignsIn()
{
    QVERIFY(!descope().hasSession());
    const int requestsBefore = pendingSessionRequests();
    const QString number = sendLink();
    QVERIFY2(!number.isEmpty(), qPrintable(status().text()));
    QVERIFY(!startButton().isEnabled());
    QVERIFY(cancelButton().isEnabled());
    QVERIFY(child<QLabel>(panel(), "linkNumberCaption")->text().contains(QStringLiteral("a***@example.com")));

    // The email: three numbered links, one of them the number shown.
    QVERIFY(waitFor([this] { return linkButtons().size() == 3; }));
    QVERIFY(linkButton(number, true));

    // Polls go out and come back "not yet" until the link is opened.
    QVERIFY(waitForPolls(2));
    for (const PollRecord &record : timeline().polls()) {
        QCOMPARE(record.decision, PollDecision::Pending);
        QCOMPARE(record.code, std::string("E062503"));
        QCOMPARE(record.status, 401);
    }
    QVERIFY(child<QLabel>(panel(), "lastPollLabel")->text().contains(QStringLiteral("E062503")));
    auto *remaining = child<QProgressBar>(panel(), "remainingBar");
    QCOMPARE(remaining->maximum(), 600);
    QVERIFY(remaining->value() < 600 && remaining->value() > 590);
    QVERIFY(remaining->text().contains(QStringLiteral("left of 10:00")));

    linkButton(number, true)->click();
    QVERIFY2(waitFor([this] { return status().text().startsWith(QStringLiteral("Signed in")); }), qPrintable(status().text()));
    QVERIFY(status().text().contains(kAlice));
    QVERIFY(refusal().isHidden());
    QVERIFY(child<QLabel>(panel(), "linkRefusal")->isHidden());

    // The last poll brought the session; the timeline stopped.
    QVERIFY(!timeline().isRunning());
    QCOMPARE(timeline().polls().back().decision, PollDecision::Done);
    QCOMPARE(timeline().polls().back().status, 200);
    QVERIFY(child<QLabel>(panel(), "lastPollLabel")->text().startsWith(QStringLiteral("Signed in after")));
    QVERIFY(startButton().isEnabled());
    QVERIFY(!cancelButton().isEnabled());

    // The session with every check passed, and it is the app's current Descope session.
    auto *view = child<ui::SessionView>(panel(), "session");
    QVERIFY(view->isTrusted());
    QVERIFY(child<QLabel>(*view, "sessionSummary")->text().startsWith(QStringLiteral("✔ Trusted session · alice@example.com")));
    auto *checks = qobject_cast<ui::CheckListModel *>(child<QTableView>(*view, "sessionChecksTable")->model());
    QVERIFY(checks->rowCount() > 0);
    for (const auto &check : checks->checks())
        QVERIFY2(check.outcome != oidc::jwt::CheckOutcome::Fail, check.id.c_str());
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().sessionArea(), ui::descope_area::kEnchantedLink.toString());
    QCOMPARE(descope().session()->loginIds.front(), std::string("alice@example.com"));
    QCOMPARE(view->sessionJwt().toStdString(), descope().session()->sessionJwt);

    // The requests: the start, the link's verify, one pending-session request per poll.
    auto *requests = child<QTableView>(panel(), "areaExchangesTable")->model();
    QCOMPARE(pendingSessionRequests() - requestsBefore, static_cast<int>(timeline().polls().size()));
    bool sawStart = false;
    bool sawVerify = false;
    for (int row = 0; row < requests->rowCount(); ++row) {
        const QString url = requests->index(row, ui::ExchangeLogModel::UrlColumn).data().toString();
        sawStart = sawStart || url == QStringLiteral("/v1/auth/enchantedlink/signin/email");
        sawVerify = sawVerify || url == QStringLiteral("/v1/auth/enchantedlink/verify");
    }
    QVERIFY(sawStart);
    QVERIFY(sawVerify);
}

void TestEnchantedLink::wrongLinkIsRefusedAndPollingGoesOn()
{
    const QString number = sendLink();
    QVERIFY(!number.isEmpty());
    QVERIFY(waitFor([this] { return linkButtons().size() == 3; }));
    QVERIFY(waitForPolls(1));

    // The sandbox answers the wrong link's page with Descope's refusal, in words and with its code.
    QPushButton *wrong = linkButton(number, false);
    QVERIFY(wrong);
    const QString wrongNumber = wrong->property("linkNumber").toString();
    wrong->click();
    auto *linkRefusal = child<QLabel>(panel(), "linkRefusal");
    QVERIFY(waitFor([linkRefusal] { return !linkRefusal->isHidden(); }));
    const QString text = linkRefusal->text();
    QVERIFY2(text.contains(QStringLiteral("Opening link %1 refused").arg(wrongNumber)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("not the link whose number the app shows")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Descope error E011003 · HTTP 401")), qPrintable(text));
    QCOMPARE(linkRefusal->textFormat(), Qt::PlainText);

    // The sign-in stays pending: polling goes on, and the right link still completes it.
    const size_t polls = timeline().polls().size();
    QVERIFY(waitForPolls(polls + 2));
    QVERIFY(timeline().isRunning());
    QVERIFY(cancelButton().isEnabled());
    QCOMPARE(timeline().polls().back().decision, PollDecision::Pending);
    linkButton(number, true)->click();
    QVERIFY2(waitFor([this] { return status().text().startsWith(QStringLiteral("Signed in")); }), qPrintable(status().text()));
    QVERIFY(descope().hasSession());
}

void TestEnchantedLink::cancelStopsPolling()
{
    QVERIFY(!sendLink().isEmpty());
    QVERIFY(waitForPolls(1));
    cancelButton().click();
    QVERIFY(!timeline().isRunning());
    QVERIFY(startButton().isEnabled());
    QVERIFY(!cancelButton().isEnabled());
    QVERIFY(status().text().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(refusal().isHidden());
    QVERIFY(child<QLabel>(panel(), "lastPollLabel")->text().contains(QStringLiteral("POLL_CANCELLED")));

    // Nothing more is sent.
    const size_t polls = timeline().polls().size();
    const int requests = pendingSessionRequests();
    QTest::qWait(2500);
    QCOMPARE(timeline().polls().size(), polls);
    QCOMPARE(pendingSessionRequests(), requests);
    QVERIFY(!descope().hasSession());
}

void TestEnchantedLink::timeoutEndsPolling()
{
    child<QSpinBox>(panel(), "timeoutSpin")->setValue(2);
    QVERIFY(!sendLink().isEmpty());
    QCOMPARE(child<QProgressBar>(panel(), "remainingBar")->maximum(), 2);
    QVERIFY(waitFor([this] { return !refusal().isHidden(); }, 10000));
    QVERIFY2(refusal().text().contains(QStringLiteral("POLL POLL_TIMEOUT")), qPrintable(refusal().text()));
    QVERIFY(!timeline().isRunning());
    QVERIFY(!timeline().polls().empty());
    QCOMPARE(child<QProgressBar>(panel(), "remainingBar")->value(), 0);
    QVERIFY(status().text().startsWith(QStringLiteral("Not signed in")));
    QVERIFY(startButton().isEnabled());
    QVERIFY(!descope().hasSession());
}

void TestEnchantedLink::expiredLinkEndsPolling()
{
    const QString number = sendLink();
    QVERIFY(!number.isEmpty());
    QVERIFY(waitFor([this] { return linkButtons().size() == 3; }));
    QVERIFY(waitForPolls(1));
    // Past the link's lifetime on the sandbox's clock: the pending reference is no longer known,
    // which is a refusal, not "not yet": polling ends with it.
    onSandbox([](sandbox::SandboxServer &server) { server.context().clock.advance(server.fixtures().lifetimes.linkSeconds + 60); });
    QVERIFY(waitFor([this] { return !refusal().isHidden(); }, 10000));
    QVERIFY2(refusal().text().contains(QStringLiteral("unknown, expired or already used pendingRef")), qPrintable(refusal().text()));
    QVERIFY2(refusal().text().contains(QStringLiteral("Descope error E011003 · HTTP 400")), qPrintable(refusal().text()));
    QCOMPARE(timeline().polls().back().decision, PollDecision::Refused);
    QVERIFY(!timeline().isRunning());

    // The right link is expired too.
    linkButton(number, true)->click();
    auto *linkRefusal = child<QLabel>(panel(), "linkRefusal");
    QVERIFY(waitFor([linkRefusal] { return !linkRefusal->isHidden(); }));
    QVERIFY2(linkRefusal->text().contains(QStringLiteral("invalid, used or expired")), qPrintable(linkRefusal->text()));
    QVERIFY(!descope().hasSession());
}

void TestEnchantedLink::rateLimitedAndFailingPollsAreDrawn()
{
    sandbox::Fault limited;
    limited.kind = sandbox::FaultKind::RateLimit;
    limited.path = kPendingSessionPath;
    limited.remaining = 1;
    limited.retryAfterSeconds = 2;
    sandbox::Fault failing;
    failing.kind = sandbox::FaultKind::ServerError;
    failing.path = kPendingSessionPath;
    failing.remaining = 1;
    failing.status = 503;
    failing.retryAfterSeconds = 0;
    host().addFault(limited);
    host().addFault(failing);
    QVERIFY(waitFor([this] { return host().faults().size() == 2; }));

    const QString number = sendLink();
    QVERIFY(!number.isEmpty());
    QVERIFY(waitFor(
        [this] {
            const auto &polls = timeline().polls();
            return polls.size() >= 3 && polls.back().decision == PollDecision::Pending;
        },
        15000));
    const auto &polls = timeline().polls();
    const auto rateLimited = std::find_if(polls.begin(), polls.end(), [](const PollRecord &r) { return r.decision == PollDecision::RateLimited; });
    const auto transient = std::find_if(polls.begin(), polls.end(), [](const PollRecord &r) { return r.decision == PollDecision::Transient; });
    QVERIFY(rateLimited != polls.end());
    QVERIFY(transient != polls.end());
    QCOMPARE(rateLimited->status, 429);
    QCOMPARE(rateLimited->nextDelayMs, 2000); // Retry-After, more than one interval
    QCOMPARE(transient->status, 503);
    QCOMPARE(transient->nextDelayMs, 1000);
    QVERIFY(ui::PollTimeline::describe(*rateLimited).contains(QStringLiteral("Retry-After 2 s")));
    QVERIFY(timeline().isRunning());

    // Polling survived both: the right link completes the sign-in.
    QVERIFY(waitFor([this] { return linkButtons().size() == 3; }));
    linkButton(number, true)->click();
    QVERIFY2(waitFor([this] { return status().text().startsWith(QStringLiteral("Signed in")); }), qPrintable(status().text()));
}

void TestEnchantedLink::startRefusalIsShownAndNothingPolls()
{
    // No login ID: the core refuses to build the request; nothing is sent.
    const int requests = child<QTableView>(panel(), "areaExchangesTable")->model()->rowCount();
    child<QLineEdit>(panel(), "loginIdEdit")->clear();
    startButton().click();
    QVERIFY(!refusal().isHidden());
    QVERIFY2(refusal().text().contains(QStringLiteral("INPUT DESCOPE_LOGIN_ID_MISSING")), qPrintable(refusal().text()));
    QVERIFY(startButton().isEnabled());
    QCOMPARE(child<QTableView>(panel(), "areaExchangesTable")->model()->rowCount(), requests);

    // Sign-in of someone the project does not know: Descope's refusal, no polling.
    child<QLineEdit>(panel(), "loginIdEdit")->setText(QStringLiteral("nobody@example.com"));
    startButton().click();
    QVERIFY(waitFor([this] { return refusal().text().contains(QStringLiteral("E062108")); }));
    QVERIFY(refusal().text().contains(QStringLiteral("Sending the enchanted link refused")));
    QVERIFY(timeline().polls().empty());
    QVERIFY(!timeline().isRunning());
    QVERIFY(child<QLabel>(panel(), "lastPollLabel")->text().contains(QStringLiteral("No link was sent")));
}

void TestEnchantedLink::projectChangeEndsTheRun()
{
    QVERIFY(!sendLink().isEmpty());
    QVERIFY(waitForPolls(1));
    oidc::flow::ProviderProfile profile;
    profile.name = QStringLiteral("Some issuer");
    profile.kind = oidc::flow::ProviderKind::OidcIssuer;
    profile.issuer = QStringLiteral("https://issuer.example.com");
    m_app->context->profiles().setCurrent(m_app->context->profiles().add(profile));

    // The run on the old project's client ends at once; without a Descope project nothing starts.
    QVERIFY(!timeline().isRunning());
    QVERIFY(status().text().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(!child<QWidget>(panel(), "enchantedLinkForm")->isEnabled());
    QVERIFY(child<QLabel>(panel(), "projectLabel")->text().contains(QStringLiteral("not a Descope project")));
    QVERIFY(!child<QLabel>(panel(), "panelInboxUnavailable")->isHidden());

    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(child<QWidget>(panel(), "enchantedLinkForm")->isEnabled());
    QVERIFY(child<QLabel>(panel(), "projectLabel")->text().contains(host().projectId()));
}

void TestEnchantedLink::pastedLinkBecomesAQrCodeAndOpensHere()
{
    const QString number = sendLink();
    QVERIFY(!number.isEmpty());
    QVERIFY(waitFor([this] { return linkButtons().size() == 3; }));
    const QString link = linkButton(number, true)->property("linkUrl").toUrl().toString();
    QVERIFY(link.contains(QStringLiteral("?t=")));

    // A bare token: no QR code (a phone needs the whole link), but it can be opened here.
    auto *edit = child<QLineEdit>(panel(), "crossDeviceLinkEdit");
    auto *qr = child<ui::QrCodeView>(panel(), "qrCodeView");
    auto *open = child<QPushButton>(panel(), "openLinkHereButton");
    edit->setText(QStringLiteral("not-a-link-token"));
    QVERIFY(qr->isHidden());
    QVERIFY(open->isEnabled());

    // The whole link: its QR code, module for module libqrencode's, drawn with a light quiet zone
    // and the dark top-left finder pattern.
    edit->setText(link);
    QVERIFY(!qr->isHidden());
    QCOMPARE(qr->text(), link);
    const auto matrix = sandbox::auth::encodeQr(link.toStdString());
    QVERIFY(matrix.ok());
    QCOMPARE(qr->moduleCount(), matrix->size);
    QVERIFY(waitFor([qr] { return qr->isVisible() && qr->width() >= 100; }));
    const QImage image = qr->grab().toImage();
    const int side = std::min(image.width(), image.height());
    const int modules = matrix->size + 8;
    const int scale = side / modules;
    QVERIFY2(scale >= 1, qPrintable(QStringLiteral("%1x%2 for %3 modules").arg(image.width()).arg(image.height()).arg(modules)));
    const int originX = (image.width() - modules * scale) / 2;
    const int originY = (image.height() - modules * scale) / 2;
    const auto pixelDark = [&](int moduleX, int moduleY) {
        const QPoint at(originX + moduleX * scale + scale / 2, originY + moduleY * scale + scale / 2);
        return qGray(image.pixel(at)) < 128;
    };
    QVERIFY(!pixelDark(1, 1));         // quiet zone
    QVERIFY(pixelDark(4, 4));          // finder pattern's corner (module 0, 0)
    QVERIFY(!pixelDark(5, 5));         // its light ring (module 1, 1)
    QVERIFY(pixelDark(6, 6));          // its dark centre (module 2, 2)
    for (int y = 0; y < matrix->size; y += 3)
        for (int x = 0; x < matrix->size; x += 3)
            QCOMPARE(pixelDark(x + 4, y + 4), matrix->at(x, y));

    // "Open here" does what the link's page does: the next poll brings the session.
    open->click();
    QVERIFY2(waitFor([this] { return status().text().startsWith(QStringLiteral("Signed in")); }), qPrintable(status().text()));
    QVERIFY(descope().hasSession());
}

void TestEnchantedLink::timelineRepaintsOnlyWhatMoves()
{
    ui::PollTimeline &drawn = timeline();
    QVERIFY(!sendLink().isEmpty());
    QVERIFY(waitForPolls(1));
    PaintRecorder recorder;
    drawn.installEventFilter(&recorder);
    QTest::qWait(2500); // two more polls, and the "now" edge moving
    drawn.removeEventFilter(&recorder);
    QVERIFY(waitForPolls(3));

    // Each frame repaints the strip the "now" edge moved over, a poll its own mark: never the
    // whole timeline, and no more often than once per frame.
    QVERIFY2(recorder.rects.size() >= 10, qPrintable(QString::number(recorder.rects.size())));
    QVERIFY2(recorder.rects.size() <= 2500 / 16 + 5, qPrintable(QString::number(recorder.rects.size())));
    for (const QRect &rect : recorder.rects)
        QVERIFY2(rect.width() < drawn.width() / 4, qPrintable(QStringLiteral("%1 px of %2").arg(rect.width()).arg(drawn.width())));
}

} // namespace tst_enchantedlink

OIDCPLAY_QTEST_MAIN(tst_enchantedlink, tst_enchantedlink::TestEnchantedLink)
#include "tst_enchantedlink.moc"
