// The sandbox panels (ui/sandbox) against a real sandbox on 127.0.0.1, hosted as the app hosts it
// (SandboxHost: the server on a thread of its own): messages delivered by OTP and enchanted-link
// sign-ins appear in the Inbox panel newest first; opening the right enchanted link from the
// panel completes the pending sign-in; a fault switched on in the Faults panel is listed by the
// FaultInjector and seen over HTTP. What a panel changes reaches the sandbox thread first: the
// tests settle() (a round trip to it) before they look.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "ui/sandbox/FaultText.h"
#include "ui/sandbox/FaultsPanel.h"
#include "ui/sandbox/InboxModel.h"
#include "ui/sandbox/InboxPanel.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/Inbox.h"
#include "sandbox/SandboxHost.h"
#include "sandbox/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpSocket>
#include <QThread>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>
#include <thread>

namespace tst_ui_sandbox {

using testing_ui::child;

struct HttpResult {
    int status = 0;
    QJsonObject json;
    QByteArray retryAfter;
};

class TestUiSandbox final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void inboxModelIsSound();
    void messagesAppearNewestFirst();
    void otpCodeCanBeCopied();
    void rightEnchantedLinkCompletesTheSignIn();
    void wrongEnchantedLinkKeepsItPending();
    void filterByLoginId();
    void clearEmptiesTheInbox();
    void everyFaultKindHasAToggleAndAnExplanation();
    void faultToggleIsListedAndSeenOverHttp();
    void clearAllAndUntick();
    void rotateKeys();
    void providerTextIsPlain();
    void answeredWhileTheGuiThreadIsBusy();
    void screenshots();

private:
    HttpResult post(const QString &path, const QJsonObject &body);
    // Waits until everything asked of the sandbox so far is done and its changes are in the snapshot.
    void settle();
    QString otpSignIn(const QString &loginId);
    QJsonObject enchantedSignIn(const QString &loginId);
    QPushButton *linkButton(ui::InboxPanel &panel, const QString &number);

    std::unique_ptr<sandbox::SandboxHost> m_host;
    QNetworkAccessManager m_network;
};

void TestUiSandbox::initTestCase()
{
    m_host = std::make_unique<sandbox::SandboxHost>();
    QSignalSpy started(m_host.get(), &sandbox::SandboxHost::started);
    QSignalSpy failed(m_host.get(), &sandbox::SandboxHost::startFailed);
    m_host->start(0);
    QTRY_VERIFY_WITH_TIMEOUT(started.size() + failed.size() > 0, 30000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
}

void TestUiSandbox::init()
{
    m_host->reset();
    settle();
}

void TestUiSandbox::cleanupTestCase()
{
    m_host->stop();
    m_host.reset();
}

void TestUiSandbox::settle()
{
    // Both ways are first in, first out: the answer comes after every earlier change.
    bool settled = false;
    QObject context;
    m_host->call<bool>(&context, [](sandbox::SandboxServer &) { return true; }, [&settled](bool) { settled = true; });
    QTRY_VERIFY_WITH_TIMEOUT(settled, 10000);
}

HttpResult TestUiSandbox::post(const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(m_host->baseUrl().resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_host->projectId().toUtf8());
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResult result;
    if (!reply->isFinished() && !finished.wait(10000)) {
        reply->abort();
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.json = QJsonDocument::fromJson(reply->readAll()).object();
    result.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return result;
}

QString TestUiSandbox::otpSignIn(const QString &loginId)
{
    const auto result = post(QStringLiteral("/v1/auth/otp/signin/email"), QJsonObject{{QStringLiteral("loginId"), loginId}});
    if (result.status != 200)
        return {};
    return result.json.value(QStringLiteral("maskedEmail")).toString();
}

QJsonObject TestUiSandbox::enchantedSignIn(const QString &loginId)
{
    const auto result = post(QStringLiteral("/v1/auth/enchantedlink/signin/email"), QJsonObject{{QStringLiteral("loginId"), loginId}});
    return result.status == 200 ? result.json : QJsonObject{};
}

QPushButton *TestUiSandbox::linkButton(ui::InboxPanel &panel, const QString &number)
{
    const auto buttons = panel.findChildren<QPushButton *>(QStringLiteral("inboxOpenLink"));
    for (QPushButton *button : buttons) {
        if (button->property("linkNumber").toString() == number)
            return button;
    }
    return nullptr;
}

void TestUiSandbox::inboxModelIsSound()
{
    ui::InboxPanel panel(m_host.get());
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    QVERIFY(!enchantedSignIn(QStringLiteral("bob@example.com")).isEmpty());
    QCOMPARE(panel.model()->rowCount(), 2);
    panel.model()->setLoginFilter(QStringLiteral("bob"));
    QCOMPARE(panel.model()->rowCount(), 1);
    panel.model()->setLoginFilter({});
    m_host->clearInbox();
    settle();
    QCOMPARE(panel.model()->rowCount(), 0);
}

void TestUiSandbox::messagesAppearNewestFirst()
{
    ui::InboxPanel panel(m_host.get());
    panel.resize(1100, 650);
    panel.show();
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    QCOMPARE(panel.model()->rowCount(), 1);
    const QJsonObject link = enchantedSignIn(QStringLiteral("bob@example.com"));
    QVERIFY(link.contains(QStringLiteral("pendingRef")));
    QCOMPARE(panel.model()->rowCount(), 2);

    auto *model = panel.model();
    QCOMPARE(model->index(0, 0).data(ui::InboxModel::KindRole).toString(), QStringLiteral("enchanted-link"));
    QCOMPARE(model->index(0, 0).data(ui::InboxModel::LoginIdRole).toString(), QStringLiteral("bob@example.com"));
    QCOMPARE(model->index(1, 0).data(ui::InboxModel::KindRole).toString(), QStringLiteral("otp"));
    QVERIFY(model->index(0, 0).data(ui::InboxModel::MessageIdRole).toULongLong()
            > model->index(1, 0).data(ui::InboxModel::MessageIdRole).toULongLong());
    QVERIFY(model->index(0, ui::InboxModel::SummaryColumn).data().toString().contains(link.value(QStringLiteral("linkId")).toString()));
    QCOMPARE(model->index(0, ui::InboxModel::KindColumn).data().toString(), QStringLiteral("Enchanted link"));
    QCOMPARE(model->index(1, ui::InboxModel::KindColumn).data().toString(), QStringLiteral("One-time code"));

    // The selected message stays selected while a newer one arrives.
    const quint64 otpId = model->index(1, 0).data(ui::InboxModel::MessageIdRole).toULongLong();
    panel.selectMessage(otpId);
    QCOMPARE(panel.currentMessageId(), otpId);
    QVERIFY(!otpSignIn(QStringLiteral("bob@example.com")).isEmpty());
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(panel.currentMessageId(), otpId);
    QCOMPARE(child<QTreeView>(panel, "inboxList")->currentIndex().row(), 2);
}

void TestUiSandbox::otpCodeCanBeCopied()
{
    ui::InboxPanel panel(m_host.get());
    panel.show();
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    const auto &messages = m_host->inbox();
    QCOMPARE(messages.size(), size_t(1));
    const QString code = QString::fromStdString(messages.front().code);
    QVERIFY(!code.isEmpty());

    // Selecting the row in the view shows the code.
    child<QTreeView>(panel, "inboxList")->setCurrentIndex(panel.model()->index(0, 0));
    auto *codeLabel = panel.findChild<QLabel *>(QStringLiteral("inboxCode"));
    QVERIFY(codeLabel);
    QCOMPARE(codeLabel->text(), code);
    QVERIFY(codeLabel->isVisible());
    auto *copy = panel.findChild<QPushButton *>(QStringLiteral("inboxCopyCode"));
    QVERIFY(copy);
    QApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), code);

    // And the code signs in.
    const auto verified = post(QStringLiteral("/v1/auth/otp/verify/email"),
                               QJsonObject{{QStringLiteral("loginId"), QStringLiteral("alice@example.com")}, {QStringLiteral("code"), code}});
    QCOMPARE(verified.status, 200);
    QVERIFY(verified.json.contains(QStringLiteral("sessionJwt")));
}

void TestUiSandbox::rightEnchantedLinkCompletesTheSignIn()
{
    ui::InboxPanel panel(m_host.get());
    panel.show();
    const QJsonObject link = enchantedSignIn(QStringLiteral("bob@example.com"));
    const QString pendingRef = link.value(QStringLiteral("pendingRef")).toString();
    const QString linkId = link.value(QStringLiteral("linkId")).toString();
    QVERIFY(!pendingRef.isEmpty());
    QVERIFY(!linkId.isEmpty());

    const QJsonObject poll{{QStringLiteral("pendingRef"), pendingRef}};
    auto pending = post(QStringLiteral("/v1/auth/enchantedlink/pending-session"), poll);
    QCOMPARE(pending.status, 401);
    QCOMPARE(pending.json.value(QStringLiteral("errorCode")).toString(), QStringLiteral("E062503"));

    panel.selectMessage(panel.model()->index(0, 0).data(ui::InboxModel::MessageIdRole).toULongLong());
    QCOMPARE(panel.findChildren<QPushButton *>(QStringLiteral("inboxOpenLink")).size(), 3);
    QPushButton *right = linkButton(panel, linkId);
    QVERIFY(right);
    QVERIFY(right->isEnabled());
    QSignalSpy opened(&panel, &ui::InboxPanel::linkOpened);
    QTest::mouseClick(right, Qt::LeftButton);
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.at(0).at(1).toInt(), 200);
    QVERIFY(opened.at(0).at(2).toString().contains(QStringLiteral("Signed in")));
    auto *result = panel.findChild<QLabel *>(QStringLiteral("inboxLinkResult"));
    QVERIFY(result->text().startsWith(QStringLiteral("HTTP 200")));

    pending = post(QStringLiteral("/v1/auth/enchantedlink/pending-session"), poll);
    QCOMPARE(pending.status, 200);
    QVERIFY(pending.json.contains(QStringLiteral("sessionJwt")));
}

void TestUiSandbox::wrongEnchantedLinkKeepsItPending()
{
    ui::InboxPanel panel(m_host.get());
    panel.show();
    const QJsonObject link = enchantedSignIn(QStringLiteral("alice@example.com"));
    const QString linkId = link.value(QStringLiteral("linkId")).toString();
    panel.selectMessage(panel.model()->index(0, 0).data(ui::InboxModel::MessageIdRole).toULongLong());
    QPushButton *wrong = nullptr;
    for (QPushButton *button : panel.findChildren<QPushButton *>(QStringLiteral("inboxOpenLink"))) {
        if (button->property("linkNumber").toString() != linkId)
            wrong = button;
    }
    QVERIFY(wrong);
    QSignalSpy opened(&panel, &ui::InboxPanel::linkOpened);
    QTest::mouseClick(wrong, Qt::LeftButton);
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.at(0).at(1).toInt(), 401);
    const auto pending = post(QStringLiteral("/v1/auth/enchantedlink/pending-session"),
                              QJsonObject{{QStringLiteral("pendingRef"), link.value(QStringLiteral("pendingRef"))}});
    QCOMPARE(pending.status, 401);
    // A link that is not the sandbox's is never requested.
    QVERIFY(!panel.openLink(QUrl(QStringLiteral("http://example.com/?t=x"))));
}

void TestUiSandbox::filterByLoginId()
{
    ui::InboxPanel panel(m_host.get());
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    QVERIFY(!otpSignIn(QStringLiteral("bob@example.com")).isEmpty());
    QVERIFY(!enchantedSignIn(QStringLiteral("ALICE@example.com")).isEmpty());
    auto *filter = panel.findChild<QLineEdit *>(QStringLiteral("inboxFilter"));
    QVERIFY(filter);
    filter->setText(QStringLiteral("Alice@"));
    QCOMPARE(panel.model()->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        QCOMPARE(panel.model()->index(row, 0).data(ui::InboxModel::LoginIdRole).toString().toLower(), QStringLiteral("alice@example.com"));
    // Live updates respect the filter.
    QVERIFY(!otpSignIn(QStringLiteral("bob@example.com")).isEmpty());
    QCOMPARE(panel.model()->rowCount(), 2);
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    QCOMPARE(panel.model()->rowCount(), 3);
    filter->clear();
    QCOMPARE(panel.model()->rowCount(), 5);
}

void TestUiSandbox::clearEmptiesTheInbox()
{
    ui::InboxPanel panel(m_host.get());
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    auto *clear = panel.findChild<QPushButton *>(QStringLiteral("inboxClear"));
    QVERIFY(clear);
    QVERIFY(clear->isEnabled());
    clear->click();
    settle();
    QCOMPARE(m_host->inbox().size(), size_t(0));
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(!clear->isEnabled());
}

void TestUiSandbox::everyFaultKindHasAToggleAndAnExplanation()
{
    ui::FaultsPanel panel(m_host.get());
    for (const sandbox::FaultKind kind : sandbox::FaultInjector::allKinds()) {
        QListWidgetItem *item = panel.kindItem(kind);
        QVERIFY(item);
        QCOMPARE(item->checkState(), Qt::Unchecked);
        const ui::FaultText text = ui::faultText(kind);
        QVERIFY(!text.label.isEmpty());
        QVERIFY(!text.effect.isEmpty());
        // "J1: …", "T2/T7: …": an rp-checks ID first.
        QVERIFY2(text.expectation.contains(QRegularExpression(QStringLiteral("^[A-Z][0-9]+(/[A-Z][0-9]+)?: "))),
                 qPrintable(text.expectation));
        panel.selectKind(kind);
        QCOMPARE(panel.selectedKind(), kind);
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("faultExpectation"))->text(), text.expectation);
    }
    QVERIFY(ui::faultText(sandbox::FaultKind::BadSignature).expectation.startsWith(QStringLiteral("J1: the app must refuse the ID token")));
}

void TestUiSandbox::faultToggleIsListedAndSeenOverHttp()
{
    ui::FaultsPanel panel(m_host.get());
    panel.show();
    QSignalSpy changed(m_host.get(), &sandbox::SandboxHost::faultsChanged);
    panel.selectKind(sandbox::FaultKind::RateLimit);
    panel.findChild<QComboBox *>(QStringLiteral("faultPath"))->setEditText(QStringLiteral("/v1/auth/otp/signin/{method}"));
    panel.findChild<QRadioButton *>(QStringLiteral("faultNextN"))->setChecked(true);
    panel.findChild<QSpinBox *>(QStringLiteral("faultCount"))->setValue(1);
    panel.findChild<QSpinBox *>(QStringLiteral("faultRetryAfter"))->setValue(7);
    panel.kindItem(sandbox::FaultKind::RateLimit)->setCheckState(Qt::Checked);
    settle();

    const auto &faults = m_host->faults();
    QCOMPARE(faults.size(), size_t(1));
    QCOMPARE(faults.front().kind, sandbox::FaultKind::RateLimit);
    QCOMPARE(faults.front().path, std::string("/v1/auth/otp/signin/{method}"));
    QCOMPARE(faults.front().remaining, 1);
    QCOMPARE(faults.front().retryAfterSeconds, 7);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 1);
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItem(0)->text(1), QStringLiteral("Rate limit (429)"));
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItem(0)->text(3), QStringLiteral("1 left"));

    // Another route is not affected; the matching one gets 429 + Retry-After once.
    QCOMPARE(post(QStringLiteral("/v1/auth/enchantedlink/signin/email"), QJsonObject{{QStringLiteral("loginId"), QStringLiteral("bob@example.com")}}).status, 200);
    const auto limited = post(QStringLiteral("/v1/auth/otp/signin/email"), QJsonObject{{QStringLiteral("loginId"), QStringLiteral("alice@example.com")}});
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.retryAfter, QByteArray("7"));
    // Used up: the list and the toggle follow faultsChanged.
    QTRY_VERIFY(m_host->faults().empty());
    QTRY_COMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 0);
    QCOMPARE(panel.kindItem(sandbox::FaultKind::RateLimit)->checkState(), Qt::Unchecked);
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());

    // A server error until cleared, added with the Add button.
    panel.selectKind(sandbox::FaultKind::ServerError);
    panel.findChild<QComboBox *>(QStringLiteral("faultPath"))->setEditText(QString());
    panel.findChild<QRadioButton *>(QStringLiteral("faultUntilCleared"))->setChecked(true);
    panel.findChild<QSpinBox *>(QStringLiteral("faultStatus"))->setValue(502);
    panel.findChild<QPushButton *>(QStringLiteral("faultAdd"))->click();
    settle();
    QCOMPARE(m_host->faults().size(), size_t(1));
    QCOMPARE(m_host->faults().front().remaining, -1);
    QCOMPARE(panel.kindItem(sandbox::FaultKind::ServerError)->checkState(), Qt::Checked);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(post(QStringLiteral("/v1/auth/otp/signin/email"), QJsonObject{{QStringLiteral("loginId"), QStringLiteral("alice@example.com")}}).status, 502);
    settle();
    QCOMPARE(m_host->faults().size(), size_t(1));
}

void TestUiSandbox::clearAllAndUntick()
{
    ui::FaultsPanel panel(m_host.get());
    panel.findChild<QRadioButton *>(QStringLiteral("faultUntilCleared"))->setChecked(true);
    panel.kindItem(sandbox::FaultKind::BadSignature)->setCheckState(Qt::Checked);
    panel.kindItem(sandbox::FaultKind::Latency)->setCheckState(Qt::Checked);
    panel.kindItem(sandbox::FaultKind::WrongNonce)->setCheckState(Qt::Checked);
    settle();
    QCOMPARE(m_host->faults().size(), size_t(3));
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 3);

    // Unticking removes that kind only.
    panel.kindItem(sandbox::FaultKind::Latency)->setCheckState(Qt::Unchecked);
    settle();
    QCOMPARE(m_host->faults().size(), size_t(2));
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 2);

    auto *clearAll = panel.findChild<QPushButton *>(QStringLiteral("faultClearAll"));
    QVERIFY(clearAll->isEnabled());
    clearAll->click();
    settle();
    QVERIFY(m_host->faults().empty());
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 0);
    for (const sandbox::FaultKind kind : sandbox::FaultInjector::allKinds())
        QCOMPARE(panel.kindItem(kind)->checkState(), Qt::Unchecked);
    QVERIFY(!clearAll->isEnabled());

    // Faults added elsewhere (the HTTP API, the CLI) show up too.
    sandbox::Fault fault;
    fault.kind = sandbox::FaultKind::MalformedJson;
    m_host->addFault(fault);
    settle();
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 1);
    QCOMPARE(panel.kindItem(sandbox::FaultKind::MalformedJson)->checkState(), Qt::Checked);
    panel.findChild<QPushButton *>(QStringLiteral("sandboxReset"))->click();
    settle();
    QVERIFY(m_host->faults().empty());
    QCOMPARE(child<QTreeWidget>(panel, "activeFaults")->topLevelItemCount(), 0);
}

void TestUiSandbox::rotateKeys()
{
    ui::FaultsPanel panel(m_host.get());
    auto *key = panel.findChild<QLabel *>(QStringLiteral("sandboxKey"));
    const QString before = key->text();
    QVERIFY(before.contains(QStringLiteral("kid ")));
    QSignalSpy rotated(m_host.get(), &sandbox::SandboxHost::keysRotated);
    panel.findChild<QPushButton *>(QStringLiteral("sandboxRotateKeys"))->click();
    QVERIFY(rotated.wait(30000));
    QTRY_VERIFY(key->text() != before);
    QVERIFY(key->text().contains(rotated.at(0).at(0).toString()));
}

void TestUiSandbox::providerTextIsPlain()
{
    ui::InboxPanel inbox(m_host.get());
    ui::FaultsPanel faults(m_host.get());
    QVERIFY(!enchantedSignIn(QStringLiteral("bob@example.com")).isEmpty());
    inbox.selectMessage(inbox.model()->index(0, 0).data(ui::InboxModel::MessageIdRole).toULongLong());
    for (QWidget *panel : {static_cast<QWidget *>(&inbox), static_cast<QWidget *>(&faults)}) {
        for (const QLabel *label : panel->findChildren<QLabel *>())
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
    }
}

// The sandbox lives on a thread of its own: a sign-in is answered while the GUI thread is blocked
// (it waits for the client and turns no event), and the Inbox panel shows the message once the
// GUI thread turns again.
void TestUiSandbox::answeredWhileTheGuiThreadIsBusy()
{
    QThread *serverThread = nullptr;
    m_host->call<QThread *>(m_host.get(), [](sandbox::SandboxServer &server) { return server.thread(); },
                            [&serverThread](QThread *thread) { serverThread = thread; });
    QTRY_VERIFY(serverThread != nullptr);
    QVERIFY(serverThread != QThread::currentThread());

    ui::InboxPanel panel(m_host.get());
    const quint16 port = static_cast<quint16>(m_host->baseUrl().port());
    const QByteArray request = "POST /v1/auth/otp/signin/email HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
        + m_host->projectId().toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: 31\r\n\r\n{\"loginId\":\"alice@example.com\"}";
    QByteArray answer;
    std::thread client([&answer, port, request] {
        QTcpSocket socket; // the blocking API: this thread has no event loop
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        if (!socket.waitForConnected(5000))
            return;
        socket.write(request);
        while (socket.waitForReadyRead(10000))
            answer += socket.readAll();
    });
    client.join();
    QVERIFY2(answer.startsWith("HTTP/1.1 200 "), answer.constData());
    QCOMPARE(panel.model()->rowCount(), 0); // the GUI thread has not turned yet
    settle();
    QCOMPARE(panel.model()->rowCount(), 1);
    QCOMPARE(panel.model()->index(0, 0).data(ui::InboxModel::LoginIdRole).toString(), QStringLiteral("alice@example.com"));
}

// With OIDCPLAY_SCREENSHOT_DIR set, saves inbox.png and faults.png there (to look at them).
void TestUiSandbox::screenshots()
{
    const QString dir = qEnvironmentVariable("OIDCPLAY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("OIDCPLAY_SCREENSHOT_DIR is not set");
    ui::InboxPanel inbox(m_host.get());
    inbox.resize(1150, 620);
    inbox.show();
    QVERIFY(!otpSignIn(QStringLiteral("alice@example.com")).isEmpty());
    QCOMPARE(post(QStringLiteral("/v1/auth/otp/signin/sms"), QJsonObject{{QStringLiteral("loginId"), QStringLiteral("+15555550103")}}).status, 200);
    const QJsonObject link = enchantedSignIn(QStringLiteral("bob@example.com"));
    inbox.selectMessage(inbox.model()->index(0, 0).data(ui::InboxModel::MessageIdRole).toULongLong());
    QSignalSpy opened(&inbox, &ui::InboxPanel::linkOpened);
    QTest::mouseClick(linkButton(inbox, link.value(QStringLiteral("linkId")).toString()), Qt::LeftButton);
    QVERIFY(opened.wait(10000));
    QTest::qWait(50);
    QVERIFY(inbox.grab().save(QDir(dir).filePath(QStringLiteral("inbox.png"))));
    inbox.selectMessage(inbox.model()->index(1, 0).data(ui::InboxModel::MessageIdRole).toULongLong());
    QTest::qWait(50);
    QVERIFY(inbox.grab().save(QDir(dir).filePath(QStringLiteral("inbox-otp.png"))));

    ui::FaultsPanel faults(m_host.get());
    faults.resize(1000, 720);
    faults.show();
    faults.selectKind(sandbox::FaultKind::RateLimit);
    faults.findChild<QComboBox *>(QStringLiteral("faultPath"))->setEditText(QStringLiteral("/oauth2/v1/token"));
    faults.kindItem(sandbox::FaultKind::RateLimit)->setCheckState(Qt::Checked);
    faults.kindItem(sandbox::FaultKind::BadSignature)->setCheckState(Qt::Checked);
    QTest::qWait(50);
    QVERIFY(faults.grab().save(QDir(dir).filePath(QStringLiteral("faults.png"))));
    m_host->clearFaults();
    settle();
}

} // namespace tst_ui_sandbox

OIDCPLAY_QTEST_MAIN(tst_ui_sandbox, tst_ui_sandbox::TestUiSandbox)
#include "tst_ui_sandbox.moc"
