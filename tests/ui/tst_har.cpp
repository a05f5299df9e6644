// HAR in the GUI: the Exchange Log's "Export HAR…" (redacted, or unredacted after a
// confirmation) and the HAR Analysis area opening the file (button slot and drag and drop), off
// the GUI thread with progress and Cancel. The findings shown are the core's for the same log.

#include "FindChild.h"
#include "QtTestMain.h"
#include "TestTokens.h"

#include "ui/Presentation.h"
#include "ui/har/HarAnalysisPanel.h"
#include "ui/har/HarExportDialog.h"
#include "ui/log/ExchangeLogPanel.h"

#include "oidc/har/HarAnalyzer.h"
#include "oidc/net/ExchangeLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QRadioButton>
#include <QScopeGuard>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

namespace tst_har {

using namespace testing_ui;
using oidc::Json;

constexpr qint64 kStartMs = 1'800'000'000'000;

oidc::net::HttpExchange exchange(const QByteArray &method, const QString &url, const QByteArray &form, int status, const QByteArray &body,
                                 qint64 atMs)
{
    oidc::net::HttpExchange out;
    out.request.method = method;
    out.request.url = QUrl(url);
    if (!form.isEmpty()) {
        out.request.setHeader("Content-Type", "application/x-www-form-urlencoded");
        out.request.body = form;
    }
    oidc::net::HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = body;
    out.response = response;
    out.startedMsSinceEpoch = atMs;
    out.elapsedMs = 15;
    return out;
}

// A token exchange without PKCE whose ID token had expired, and a refresh refused with 429.
void fillLog(oidc::net::ExchangeLog &log, std::string *idToken)
{
    static const auto key = makeKey(oidc::crypto::KeyKind::EcP256, "gui-har", "ES256");
    *idToken = signToken({{"alg", "ES256"}, {"kid", "gui-har"}}, {{"iss", "https://idp.test"}, {"aud", "app"}, {"sub", "u1"}, {"iat", 1'799'990'000},
                                                                {"exp", 1'799'993'600}},
                         key, oidc::crypto::JwsAlgorithm::ES256);
    log.add(exchange("POST", QStringLiteral("https://idp.test/token"), "grant_type=authorization_code&code=abc123def456ghi789&client_id=app", 200,
                     QByteArray::fromStdString(Json{{"id_token", *idToken}, {"token_type", "Bearer"}}.dump()), kStartMs));
    log.add(exchange("POST", QStringLiteral("https://idp.test/token"), "grant_type=refresh_token&refresh_token=rt-1&client_id=app", 429,
                     R"({"error":"slow_down"})", kStartMs + 5000));
}

QStringList shownCodes(const QTreeWidget *findings)
{
    QStringList codes;
    for (int row = 0; row < findings->topLevelItemCount(); ++row)
        codes << findings->topLevelItem(row)->text(1) + QLatin1Char('@') + findings->topLevelItem(row)->text(2);
    return codes;
}

QStringList coreCodes(const oidc::har::HarAnalysis &analysis)
{
    QStringList codes;
    for (const auto &finding : analysis.findings)
        codes << QString::fromStdString(finding.code) + QLatin1Char('@') + QString::number(finding.entry);
    return codes;
}

// Exports the whole log through the panel's dialog; `unredacted` confirms the second step.
QString exportThroughDialog(ui::ExchangeLogPanel &panel, const QString &path, bool unredacted)
{
    child<QPushButton>(panel, "exportHarButton")->click();
    auto *dialog = child<ui::HarExportDialog>(panel, "harExportDialog");
    child<QLineEdit>(*dialog, "harExportPathEdit")->setText(path);
    child<QCheckBox>(*dialog, "harExportSecretsCheck")->setChecked(unredacted);
    child<QPushButton>(*dialog, "harExportButton")->click();
    if (unredacted) {
        auto *confirm = child<QMessageBox>(*dialog, "harUnredactedConfirm");
        child<QPushButton>(*confirm, "harConfirmUnredactedButton")->click();
    }
    if (!QTest::qWaitFor([&] { return QFile::exists(path); }, 10000))
        return {};
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

bool openAndWait(ui::HarAnalysisPanel &panel, const QString &path)
{
    QSignalSpy finished(&panel, &ui::HarAnalysisPanel::finished);
    panel.openHar(path);
    return finished.wait(20000) && finished.first().first().toBool();
}

// A HAR of about `megabytes` MB written entry by entry, a 429 last.
void writeBigHar(const QString &path, int megabytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[)");
    const std::string body(256 * 1024, 'x');
    const int count = megabytes * 4;
    for (int i = 0; i <= count; ++i) {
        const Json entry = {{"startedDateTime", "2027-01-15T08:00:00.000Z"},
                            {"time", 1},
                            {"request", {{"method", "GET"}, {"url", "https://cdn.test/" + std::to_string(i) + ".js"}, {"headers", Json::array()}}},
                            {"response", {{"status", i == count ? 429 : 200}, {"headers", Json::array()},
                                          {"content", {{"size", body.size()}, {"mimeType", "text/javascript"}, {"text", body}}}}}};
        file.write((i ? "," : "") + QByteArray::fromStdString(entry.dump()));
    }
    file.write("]}}");
}

class TestHar final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unredactedExportThenOpenGivesTheCoresFindings();
    void redactedExportHasNoTokenAndKeepsWhatNeedsNone();
    void cancellingTheConfirmationWritesNothing();
    void presentingKeepsTheExportRedacted();
    void exportsTheSelectionOnly();
    void droppedFileIsAnalysed();
    void bigFileShowsProgressWhileTheGuiKeepsAnswering();
    void cancelStopsTheRead();
};

void TestHar::unredactedExportThenOpenGivesTheCoresFindings()
{
    oidc::net::ExchangeLog log;
    std::string idToken;
    fillLog(log, &idToken);
    std::vector<oidc::har::HarEntry> entries;
    for (const auto &record : log.records())
        entries.push_back(oidc::har::fromExchangeRecord(record, static_cast<int>(entries.size())));
    const auto expected = oidc::har::HarAnalyzer::analyze(entries);
    QCOMPARE(coreCodes(expected), (QStringList{QStringLiteral("PKCE_MISSING@0"), QStringLiteral("TOKEN_EXPIRED@0"), QStringLiteral("RATE_LIMITED@1")}));

    ui::ExchangeLogPanel logPanel(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("flow.har"));
    const QString text = exportThroughDialog(logPanel, path, true);
    QVERIFY(text.contains(QString::fromStdString(idToken)));

    ui::HarAnalysisPanel panel;
    QVERIFY(openAndWait(panel, path));
    auto *findings = child<QTreeWidget>(panel, "harFindingsList");
    QCOMPARE(shownCodes(findings), coreCodes(expected));
    QCOMPARE(child<QTreeWidget>(panel, "harExchangesList")->topLevelItemCount(), 2);
    QCOMPARE(child<QTreeWidget>(panel, "harTokensList")->topLevelItemCount(), 1);
    // The token's claims and the core's checks at the entry's time.
    QVERIFY(child<QTreeView>(panel, "harClaimTree")->model()->rowCount() > 0);
    QVERIFY(child<QPushButton>(panel, "harInspectButton")->isEnabled());
    QSignalSpy inspect(&panel, &ui::HarAnalysisPanel::inspectToken);
    child<QPushButton>(panel, "harInspectButton")->click();
    QCOMPARE(inspect.count(), 1);
    QCOMPARE(inspect.first().first().toString(), QString::fromStdString(idToken));
    // A finding selects its entry's exchange.
    findings->setCurrentItem(findings->topLevelItem(2));
    QCOMPARE(child<QTreeWidget>(panel, "harExchangesList")->currentItem()->text(0), QStringLiteral("1"));
}

void TestHar::redactedExportHasNoTokenAndKeepsWhatNeedsNone()
{
    oidc::net::ExchangeLog log;
    std::string idToken;
    fillLog(log, &idToken);
    ui::ExchangeLogPanel logPanel(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("redacted.har"));
    const QString text = exportThroughDialog(logPanel, path, false);
    QVERIFY(!text.isEmpty());
    QVERIFY(!text.contains(QString::fromStdString(idToken)));
    QVERIFY(!text.contains(QStringLiteral("abc123def456ghi789")));
    QVERIFY(text.contains(QStringLiteral("_redacted")));

    ui::HarAnalysisPanel panel;
    QVERIFY(openAndWait(panel, path));
    QCOMPARE(shownCodes(child<QTreeWidget>(panel, "harFindingsList")),
             (QStringList{QStringLiteral("PKCE_MISSING@0"), QStringLiteral("TOKENS_REDACTED@0"), QStringLiteral("RATE_LIMITED@1")}));
}

void TestHar::cancellingTheConfirmationWritesNothing()
{
    oidc::net::ExchangeLog log;
    std::string idToken;
    fillLog(log, &idToken);
    ui::ExchangeLogPanel logPanel(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("never.har"));
    child<QPushButton>(logPanel, "exportHarButton")->click();
    auto *dialog = child<ui::HarExportDialog>(logPanel, "harExportDialog");
    child<QLineEdit>(*dialog, "harExportPathEdit")->setText(path);
    child<QCheckBox>(*dialog, "harExportSecretsCheck")->setChecked(true);
    child<QPushButton>(*dialog, "harExportButton")->click();
    auto *confirm = child<QMessageBox>(*dialog, "harUnredactedConfirm");
    confirm->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QVERIFY(!QFile::exists(path));
}

void TestHar::presentingKeepsTheExportRedacted()
{
    oidc::net::ExchangeLog log;
    std::string idToken;
    fillLog(log, &idToken);
    ui::ExchangeLogPanel logPanel(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("presenting.har"));
    child<QPushButton>(logPanel, "exportHarButton")->click();
    auto *dialog = child<ui::HarExportDialog>(logPanel, "harExportDialog");
    auto *secrets = child<QCheckBox>(*dialog, "harExportSecretsCheck");
    secrets->setChecked(true);
    // Presenting is one state for the whole process: never leave it on for the next test.
    const auto stopPresenting = qScopeGuard([] { ui::Presentation::instance().setActive(false); });
    ui::Presentation::instance().setActive(true);
    QVERIFY(!secrets->isEnabled());
    QVERIFY(!secrets->isChecked());
    ui::Presentation::instance().setActive(false);
    QVERIFY(secrets->isEnabled());
    ui::Presentation::instance().setActive(true);
    // Even a box ticked behind the dialog's back writes a redacted file, without asking.
    secrets->setChecked(true);
    child<QLineEdit>(*dialog, "harExportPathEdit")->setText(path);
    child<QPushButton>(*dialog, "harExportButton")->click();
    QVERIFY(dialog->findChild<QMessageBox *>(QStringLiteral("harUnredactedConfirm")) == nullptr);
    // The dialog closes and deletes itself (with `secrets`) once the file is written.
    QVERIFY(QTest::qWaitFor([&] { return QFile::exists(path); }, 10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(!text.contains(QString::fromStdString(idToken)));
    QVERIFY(text.contains(QStringLiteral("_redacted")));
}

void TestHar::exportsTheSelectionOnly()
{
    oidc::net::ExchangeLog log;
    std::string idToken;
    fillLog(log, &idToken);
    ui::ExchangeLogPanel logPanel(log);
    logPanel.selectRow(1);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("selection.har"));
    child<QPushButton>(logPanel, "exportHarButton")->click();
    auto *dialog = child<ui::HarExportDialog>(logPanel, "harExportDialog");
    QVERIFY(child<QRadioButton>(*dialog, "harExportSelectionRadio")->isEnabled());
    child<QRadioButton>(*dialog, "harExportSelectionRadio")->setChecked(true);
    child<QLineEdit>(*dialog, "harExportPathEdit")->setText(path);
    child<QPushButton>(*dialog, "harExportButton")->click();
    QVERIFY(QTest::qWaitFor([&] { return QFile::exists(path); }, 10000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Json har = Json::parse(file.readAll().toStdString());
    QCOMPARE(har["log"]["entries"].size(), 1u);
    QCOMPARE(har["log"]["entries"][0]["response"]["status"].get<int>(), 429);
}

void TestHar::droppedFileIsAnalysed()
{
    oidc::net::ExchangeLog log;
    std::string idToken;
    fillLog(log, &idToken);
    ui::ExchangeLogPanel logPanel(log);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dropped.har"));
    QVERIFY(!exportThroughDialog(logPanel, path, false).isEmpty());

    ui::HarAnalysisPanel panel;
    panel.resize(900, 600);
    QSignalSpy finished(&panel, &ui::HarAnalysisPanel::finished);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&panel, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&panel, &drop);
    QVERIFY(finished.wait(20000));
    QCOMPARE(child<QTreeWidget>(panel, "harFindingsList")->topLevelItemCount(), 3);
}

void TestHar::bigFileShowsProgressWhileTheGuiKeepsAnswering()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.har"));
    writeBigHar(path, 60);
    ui::HarAnalysisPanel panel;
    panel.show();
    auto *progress = child<QProgressBar>(panel, "harProgress");
    QList<int> values;
    connect(progress, &QProgressBar::valueChanged, this, [&](int value) { values << value; });
    // The GUI thread answers while the file is read: a timer keeps firing.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(1);
    QSignalSpy finished(&panel, &ui::HarAnalysisPanel::finished);
    panel.openHar(path);
    QVERIFY(progress->isVisible());
    QVERIFY(child<QPushButton>(panel, "harCancelButton")->isEnabled());
    QVERIFY(finished.wait(60000));
    ticker.stop();
    QVERIFY(finished.first().first().toBool());
    QVERIFY2(std::any_of(values.begin(), values.end(), [](int v) { return v > 0 && v < 100; }), "no intermediate progress");
    QVERIFY2(ticks >= 5, qPrintable(QStringLiteral("%1 timer ticks during the read").arg(ticks)));
    QCOMPARE(shownCodes(child<QTreeWidget>(panel, "harFindingsList")), QStringList{QStringLiteral("RATE_LIMITED@240")});
    QVERIFY(!progress->isVisible());
}

void TestHar::cancelStopsTheRead()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.har"));
    writeBigHar(path, 40);
    ui::HarAnalysisPanel panel;
    QSignalSpy finished(&panel, &ui::HarAnalysisPanel::finished);
    panel.openHar(path);
    child<QPushButton>(panel, "harCancelButton")->click();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(child<QLabel>(panel, "harStatusLabel")->text(), QStringLiteral("Cancelled."));
    QTest::qWait(300); // the worker's late answer, if any, is dropped
    QCOMPARE(finished.count(), 1);
    QCOMPARE(child<QTreeWidget>(panel, "harFindingsList")->topLevelItemCount(), 0);
}

} // namespace tst_har

OIDCPLAY_QTEST_MAIN(tst_har, tst_har::TestHar)
#include "tst_har.moc"
