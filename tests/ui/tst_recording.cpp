// The Recording area: a recording opened from its file (off the GUI thread) and stepped through —
// the steps with their outcomes, the selected step's checks and its exchanges as recorded
// (redacted) — a file that is not a recording said so; and what File ▸ Start recording keeps of a
// Descope area's calls (labelled by the area) when no flow step ran.

#include "FindChild.h"
#include "QtTestMain.h"

#include "ui/recording/RecordingSession.h"
#include "ui/recording/RecordingViewer.h"

#include "oidc/net/ExchangeLog.h"
#include "oidc/recording/Recorder.h"
#include "oidc/recording/RecordingJson.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace testing_ui;
using namespace oidc::recording;
using ui::RecordingViewer;

namespace {

const QByteArray kLiveAccessToken = "at-2YotnFZFEjr1zCsicMWpAA9x8y7z6w5vQ";

oidc::net::HttpExchange recordedExchange(std::optional<oidc::flow::FlowStep> step, const QString &label, const QString &url, int status,
                                         const QByteArray &body)
{
    oidc::net::HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(url);
    exchange.request.step = step;
    exchange.request.label = label;
    oidc::net::HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = body;
    exchange.response = response;
    return exchange;
}

// A code flow whose ID token failed its nonce check, recorded through the core's Recorder.
QString writeFlowRecording(const QTemporaryDir &dir)
{
    oidc::net::ExchangeLog log;
    Recorder recorder;
    recorder.attach(log);
    recorder.addReports({{oidc::flow::FlowStep::Discovery, true, QStringLiteral("metadata for the sandbox"), std::nullopt, {}}});
    log.add(recordedExchange(oidc::flow::FlowStep::Token, QStringLiteral("token (authorization_code)"), QStringLiteral("http://127.0.0.1:9/p/token"), 200,
                             "{\"access_token\": \"" + kLiveAccessToken + "\", \"token_type\": \"Bearer\"}"));
    oidc::flow::StepReport token{oidc::flow::FlowStep::Token, true, QStringLiteral("received access token"), std::nullopt, {}};
    oidc::flow::StepReport idToken{oidc::flow::FlowStep::IdToken, false, QStringLiteral("the nonce differs"),
                                   oidc::makeError(oidc::ErrorCategory::IdToken, "NONCE_MISMATCH", "the nonce differs"), {}};
    idToken.checks.push_back({"iss", "OIDC Core §3.1.3.7 #2", oidc::jwt::CheckOutcome::Pass, "matches", ""});
    idToken.checks.push_back({"nonce", "OIDC Core §3.1.3.7 #11", oidc::jwt::CheckOutcome::Fail, "differs", "NONCE_MISMATCH"});
    recorder.addReports({token, idToken});
    recorder.setLoginId("alice@example.com");
    recorder.finish(oidc::makeError(oidc::ErrorCategory::IdToken, "NONCE_MISMATCH", "the nonce differs"));
    const QString path = dir.filePath(QStringLiteral("flow.json"));
    const auto written = writeRecordingFile(recorder.recording(), path);
    return written.ok() ? path : QString();
}

} // namespace

class TestRecording final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void viewerStepsThroughARecordedFlow();
    void viewerSaysWhyAFileIsNotARecording();
    void sessionRecordsADescopeAreasCallsAsSteps();
};

void TestRecording::viewerStepsThroughARecordedFlow()
{
    QTemporaryDir dir;
    const QString path = writeFlowRecording(dir);
    QVERIFY(!path.isEmpty());
    RecordingViewer viewer;
    viewer.resize(1100, 700);
    viewer.show();
    QSignalSpy opened(&viewer, &RecordingViewer::opened);
    viewer.openRecording(path);
    QVERIFY(opened.wait(5000));
    QCOMPARE(opened.first().first().toBool(), true);

    auto *info = child<QLabel>(viewer, "recordingInfo");
    QVERIFY(info->text().contains(QStringLiteral("alice@example.com")));
    QVERIFY(info->text().contains(QStringLiteral("NONCE_MISMATCH")));
    auto *steps = child<QTableView>(viewer, "recordingStepTable");
    QCOMPARE(steps->model()->rowCount(), 3);
    QCOMPARE(steps->model()->index(2, 1).data().toString(), QStringLiteral("ID token"));
    QCOMPARE(steps->model()->index(2, 2).data().toString(), QStringLiteral("failed IDT NONCE_MISMATCH"));

    // The ID token step: its two checks, the failed one with its outcome.
    steps->setCurrentIndex(steps->model()->index(2, 1));
    auto *checks = child<QTableView>(viewer, "recordingChecksTable");
    QCOMPARE(checks->model()->rowCount(), 2);
    bool sawFailedNonce = false;
    for (int row = 0; row < checks->model()->rowCount(); ++row) {
        QString line;
        for (int column = 0; column < checks->model()->columnCount(); ++column)
            line += checks->model()->index(row, column).data().toString() + QLatin1Char(' ');
        sawFailedNonce |= line.contains(QStringLiteral("nonce")) && line.contains(QStringLiteral("differs"));
    }
    QVERIFY(sawFailedNonce);

    // The token step: its exchange, as recorded — redacted.
    steps->setCurrentIndex(steps->model()->index(1, 1));
    auto *exchanges = child<QTableView>(viewer, "recordingExchangeTable");
    QCOMPARE(exchanges->model()->rowCount(), 1);
    QCOMPARE(exchanges->model()->index(0, 2).data().toString(), QStringLiteral("200"));
    const QString text = child<QPlainTextEdit>(viewer, "recordingExchangeText")->toPlainText();
    QVERIFY(text.contains(QStringLiteral("http://127.0.0.1:9/p/token")));
    QVERIFY(text.contains(QStringLiteral("redacted")));
    QVERIFY(!text.contains(QString::fromLatin1(kLiveAccessToken)));
    // Discovery caused no recorded exchange.
    steps->setCurrentIndex(steps->model()->index(0, 1));
    QCOMPARE(exchanges->model()->rowCount(), 0);
}

void TestRecording::viewerSaysWhyAFileIsNotARecording()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"oidcplayRecording\": 1, \"kind\": ");
    file.close();
    RecordingViewer viewer;
    QSignalSpy opened(&viewer, &RecordingViewer::opened);
    viewer.openRecording(path);
    QVERIFY(opened.wait(5000));
    QCOMPARE(opened.first().first().toBool(), false);
    QVERIFY(child<QLabel>(viewer, "recordingInfo")->text().contains(QStringLiteral("RECORDING_NOT_JSON")));
    QCOMPARE(child<QTableView>(viewer, "recordingStepTable")->model()->rowCount(), 0);
}

void TestRecording::sessionRecordsADescopeAreasCallsAsSteps()
{
    oidc::net::ExchangeLog log;
    ui::RecordingSession session;
    QSignalSpy changed(&session, &ui::RecordingSession::recordingChanged);
    session.start(log, oidc::Json::array({{{"kind", "rate-limit"}}}), QStringLiteral("http://127.0.0.1:9/P"));
    QVERIFY(session.isRecording());
    log.add(recordedExchange(std::nullopt, QStringLiteral("Session · Descope refresh"), QStringLiteral("http://127.0.0.1:9/v1/auth/refresh"), 401,
                             "{\"errorCode\": \"E061301\"}"));
    log.add(recordedExchange(std::nullopt, QStringLiteral("Magic Link, OTP & TOTP · Descope otp signin"),
                             QStringLiteral("http://127.0.0.1:9/v1/auth/otp/signin/email"), 200, "{}"));
    const auto recording = session.stop();
    QVERIFY(!session.isRecording());
    QCOMPARE(changed.count(), 2);
    QVERIFY(recording.has_value());
    QVERIFY(recording->kind == kKindDescopeDemo);
    QCOMPARE(recording->steps.size(), size_t(2));
    QVERIFY(recording->steps[0].area == "Session");
    QCOMPARE(recording->steps[0].ok, false);
    QVERIFY(recording->steps[0].errorCode == "HTTP_401");
    QVERIFY(recording->steps[1].area == "Magic Link, OTP & TOTP");
    QVERIFY(recording->steps[1].ok);
    QCOMPARE(recording->exchanges.size(), size_t(2));
    QVERIFY(recording->sandbox["faults"][0]["kind"] == "rate-limit");
    QVERIFY(recording->outcome.has_value());
    QCOMPARE(recording->outcome->ok, false);
    // Nothing more is kept once it stopped.
    log.add(recordedExchange(std::nullopt, QStringLiteral("Session · Descope me"), QStringLiteral("http://127.0.0.1:9/v1/auth/me"), 200, "{}"));
    QVERIFY(!session.stop().has_value());
}

OIDCPLAY_QTEST_MAIN(tst_recording, TestRecording)
#include "tst_recording.moc"
