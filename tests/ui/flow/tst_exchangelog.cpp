// The exchange log area: the model (checked by QAbstractItemModelTester) follows the log as it
// grows and clears; the detail pane is redacted by default, reveals only when asked and only for
// the selected exchange; "Copy as curl" copies what is shown.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "ui/log/ExchangeLogModel.h"
#include "ui/log/ExchangeLogPanel.h"

#include "oidc/net/ExchangeLog.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace tst_exchangelog {

using oidc::net::ExchangeLog;
using oidc::net::HttpExchange;
using testing_ui::child;
using ui::ExchangeLogModel;

const QByteArray kSecret = "s3cr3t-client-secret-value";
const QByteArray kCode = "SplxlOBeZQQYbYS6WxSbIA-code";
const QByteArray kAccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

HttpExchange tokenExchange()
{
    HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("https://issuer.example/oauth2/token"));
    exchange.request.step = oidc::flow::FlowStep::Token;
    exchange.request.label = QStringLiteral("token (authorization_code)");
    exchange.request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    exchange.request.setHeader("Authorization", "Basic " + QByteArray("client:" + kSecret).toBase64());
    exchange.request.body = "grant_type=authorization_code&code=" + kCode + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback";
    oidc::net::HttpResponse response;
    response.status = 200;
    response.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    // Plain literals: moc reads raw strings as ordinary ones, and this one's `}` would end the namespace.
    response.body = "{\"access_token\":\"" + kAccessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
    exchange.response = response;
    exchange.startedMsSinceEpoch = 1'700'000'000'000;
    exchange.elapsedMs = 42;
    return exchange;
}

HttpExchange failedExchange()
{
    HttpExchange exchange;
    exchange.request.method = "GET";
    exchange.request.url = QUrl(QStringLiteral("https://issuer.example/userinfo?access_token=") + QString::fromLatin1(kAccessToken));
    exchange.request.step = oidc::flow::FlowStep::UserInfo;
    exchange.request.label = QStringLiteral("userinfo");
    exchange.error = oidc::makeError(oidc::ErrorCategory::Net, "NET_CONNECTION_REFUSED", "connection refused");
    exchange.startedMsSinceEpoch = 1'700'000'000'500;
    exchange.elapsedMs = 3;
    return exchange;
}

class TestExchangeLog final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelFollowsTheLog();
    void columnsShowRedactedValues();
    void detailIsRedactedUntilRevealed();
    void copyAsCurlCopiesWhatIsShown();
    void clearEmptiesTheLog();
    void defect13_oldestRowsAreDroppedAndCounted();
};

void TestExchangeLog::modelFollowsTheLog()
{
    ExchangeLog log;
    ExchangeLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), static_cast<int>(ExchangeLogModel::ColumnCount));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    log.add(tokenExchange());
    log.add(failedExchange());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(model.index(0, ExchangeLogModel::NumberColumn).data().toInt(), 1);
    QCOMPARE(model.index(1, ExchangeLogModel::NumberColumn).data(ExchangeLogModel::RecordIdRole).toInt(), 2);
    const QStringList headers = {QStringLiteral("#"), QStringLiteral("Time"), QStringLiteral("Step"), QStringLiteral("Method"),
                                 QStringLiteral("URL"), QStringLiteral("Status"), QStringLiteral("ms")};
    for (int column = 0; column < model.columnCount(); ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), headers.at(column));

    // A model made after the fact shows what the log already holds.
    ExchangeLogModel late(&log);
    QAbstractItemModelTester lateTester(&late, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(late.rowCount(), 2);
    log.clear();
    QCOMPARE(late.rowCount(), 0);
    QCOMPARE(model.rowCount(), 0);
    log.add(tokenExchange());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ExchangeLogModel::NumberColumn).data().toInt(), 3); // ids keep counting
}

void TestExchangeLog::columnsShowRedactedValues()
{
    ExchangeLog log;
    ExchangeLogModel model(&log);
    log.add(tokenExchange());
    log.add(failedExchange());
    QCOMPARE(model.index(0, ExchangeLogModel::StepColumn).data().toString(), QStringLiteral("token (authorization_code)"));
    QCOMPARE(model.index(0, ExchangeLogModel::MethodColumn).data().toString(), QStringLiteral("POST"));
    QCOMPARE(model.index(0, ExchangeLogModel::StatusColumn).data().toInt(), 200);
    QCOMPARE(model.index(0, ExchangeLogModel::MsColumn).data().toLongLong(), 42);
    QVERIFY(!model.index(0, ExchangeLogModel::TimeColumn).data().toString().isEmpty());
    QVERIFY(!model.index(0, ExchangeLogModel::StatusColumn).data(ExchangeLogModel::FailedRole).toBool());
    // The token in the query is never shown.
    const QString url = model.index(1, ExchangeLogModel::UrlColumn).data().toString();
    QVERIFY2(!url.contains(QString::fromLatin1(kAccessToken)), qPrintable(url));
    QVERIFY(url.contains(QStringLiteral("redacted")));
    QCOMPARE(model.index(1, ExchangeLogModel::StatusColumn).data().toString(), QStringLiteral("NET_CONNECTION_REFUSED"));
    QVERIFY(model.index(1, ExchangeLogModel::StatusColumn).data(ExchangeLogModel::FailedRole).toBool());
    QCOMPARE(model.index(1, ExchangeLogModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(), QColor(0xc6, 0x28, 0x28));
}

void TestExchangeLog::detailIsRedactedUntilRevealed()
{
    ExchangeLog log;
    log.add(tokenExchange());
    log.add(failedExchange());
    ui::ExchangeLogPanel panel(log);
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(!panel.isRevealed());
    panel.selectRow(0);
    const QString request = child<QPlainTextEdit>(panel, "logRequestText")->toPlainText();
    const QString response = child<QPlainTextEdit>(panel, "logResponseText")->toPlainText();
    QVERIFY(request.startsWith(QStringLiteral("POST https://issuer.example/oauth2/token")));
    QVERIFY2(!request.contains(QString::fromLatin1(kCode)) && !request.contains(QString::fromLatin1(QByteArray("client:" + kSecret).toBase64())),
             qPrintable(request));
    QVERIFY(request.contains(QStringLiteral("Authorization: Basic [redacted")));
    // The form is laid out one field per line, percent-decoded.
    QVERIFY2(request.contains(QStringLiteral("\ngrant_type = authorization_code\n")), qPrintable(request));
    QVERIFY(request.contains(QStringLiteral("\nredirect_uri = http://127.0.0.1:5000/callback")));
    QVERIFY(request.contains(QStringLiteral("\ncode = SplxlO…[redacted, %1 chars]\n").arg(kCode.size())));
    // JSON is indented.
    QVERIFY2(response.contains(QStringLiteral("\n  \"expires_in\": 300,\n")), qPrintable(response));
    QVERIFY(!response.contains(QString::fromLatin1(kAccessToken)));
    QVERIFY(response.startsWith(QStringLiteral("HTTP 200")));

    // Revealing is explicit and shows a warning.
    child<QPushButton>(panel, "revealSecretsButton")->click();
    QVERIFY(panel.isRevealed());
    QVERIFY(child<QPlainTextEdit>(panel, "logRequestText")->toPlainText().contains(QString::fromLatin1(kCode)));
    QVERIFY(child<QPlainTextEdit>(panel, "logResponseText")->toPlainText().contains(QString::fromLatin1(kAccessToken)));
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("revealWarningLabel"))->isVisible());

    // Another selection hides the secrets again.
    panel.selectRow(1);
    QVERIFY(!panel.isRevealed());
    QVERIFY(!child<QPlainTextEdit>(panel, "logRequestText")->toPlainText().contains(QString::fromLatin1(kAccessToken)));
    QVERIFY(child<QPlainTextEdit>(panel, "logResponseText")->toPlainText().contains(QStringLiteral("NET_CONNECTION_REFUSED")));
    panel.selectRow(0);
    QVERIFY(!panel.isRevealed());
    QVERIFY(!child<QPlainTextEdit>(panel, "logRequestText")->toPlainText().contains(QString::fromLatin1(kCode)));
}

void TestExchangeLog::copyAsCurlCopiesWhatIsShown()
{
    ExchangeLog log;
    log.add(tokenExchange());
    ui::ExchangeLogPanel panel(log);
    panel.selectRow(0);
    child<QPushButton>(panel, "copyCurlButton")->click();
    const QString redacted = QGuiApplication::clipboard()->text();
    QVERIFY2(redacted.startsWith(QStringLiteral("curl -X POST 'https://issuer.example/oauth2/token'")), qPrintable(redacted));
    QVERIFY(redacted.contains(QStringLiteral("--data-raw")));
    QVERIFY(!redacted.contains(QString::fromLatin1(kCode)));
    QCOMPARE(redacted, panel.curlText());

    child<QPushButton>(panel, "revealSecretsButton")->click();
    child<QPushButton>(panel, "copyCurlButton")->click();
    const QString revealed = QGuiApplication::clipboard()->text();
    QVERIFY(revealed.contains(QString::fromLatin1(kCode)));
    QVERIFY(revealed.contains(QStringLiteral("-H 'Authorization: Basic ")));
    QCOMPARE(revealed, ExchangeLog::toCurl(log.records().front(), oidc::net::Reveal::Secrets));
}

void TestExchangeLog::clearEmptiesTheLog()
{
    ExchangeLog log;
    log.add(tokenExchange());
    ui::ExchangeLogPanel panel(log);
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.selectRow(0);
    QVERIFY(child<QPushButton>(panel, "clearLogButton")->isEnabled());
    child<QPushButton>(panel, "clearLogButton")->click();
    QCOMPARE(log.size(), 0);
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(child<QPlainTextEdit>(panel, "logRequestText")->toPlainText().isEmpty());
    QVERIFY(!child<QPushButton>(panel, "copyCurlButton")->isEnabled());
    QVERIFY(panel.curlText().isEmpty());
    // New exchanges are followed.
    log.add(failedExchange());
    QCOMPARE(child<QTableView>(panel, "exchangeTable")->currentIndex().row(), 0);
    QVERIFY(child<QPlainTextEdit>(panel, "logRequestText")->toPlainText().startsWith(QStringLiteral("GET https://issuer.example/userinfo")));
}

void TestExchangeLog::defect13_oldestRowsAreDroppedAndCounted()
{
    ExchangeLog log(oidc::net::ExchangeLogLimits{3, 1 << 20});
    ui::ExchangeLogPanel panel(log);
    ExchangeLogModel *model = panel.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *dropped = panel.findChild<QLabel *>(QStringLiteral("droppedExchangesLabel"));
    QVERIFY(dropped);
    QVERIFY(dropped->isHidden());

    // While rows are about to go, they still show the records that go.
    QList<int> goingIds;
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [&](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            goingIds << model->index(row, ExchangeLogModel::NumberColumn).data(ExchangeLogModel::RecordIdRole).toInt();
    });
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 5; ++i)
        log.add(i % 2 ? failedExchange() : tokenExchange());
    QCOMPARE(goingIds, (QList<int>{1, 2}));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, ExchangeLogModel::NumberColumn).data().toInt(), 3);
    QCOMPARE(model->index(2, ExchangeLogModel::NumberColumn).data().toInt(), 5);
    QCOMPARE(child<QTableView>(panel, "exchangeTable")->currentIndex().row(), 2); // still following the newest
    QVERIFY(!dropped->isHidden());
    QCOMPARE(dropped->text(), QStringLiteral("2 older exchanges dropped"));
    QVERIFY(dropped->toolTip().contains(QStringLiteral("newest 3 exchanges")));
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("exchangeCountLabel"))->text(), QStringLiteral("3 exchanges"));

    child<QPushButton>(panel, "clearLogButton")->click();
    QVERIFY(dropped->isHidden());
    log.add(tokenExchange());
    QCOMPARE(model->rowCount(), 1);
}

} // namespace tst_exchangelog

OIDCPLAY_QTEST_MAIN(tst_exchangelog, tst_exchangelog::TestExchangeLog)
#include "tst_exchangelog.moc"
