// The Recording area: a recording opened from its file (off the GUI thread) and stepped through —
// the steps with their outcomes, the selected step's checks and its exchanges as recorded
// (redacted) — a file that is not a recording said so; what File ▸ Start recording keeps of a
// Descope area's calls (the client's reports, by area) when no flow step ran; and "Replay against
// the sandbox": a Descope demo recorded through the core's client against an in-process sandbox
// replays green off the GUI thread, and red naming the step once a recorded fault changes an
// answer, the faults off again after.

#include "FindChild.h"
#include "QtTestMain.h"

#include "ui/recording/RecordingSession.h"
#include "ui/recording/RecordingViewer.h"

#include "oidc/descope/DescopeClient.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"
#include "oidc/recording/Recorder.h"
#include "oidc/recording/RecordingJson.h"

#include "sandbox/SandboxHost.h"

#include <QApplication>
#include <QPushButton>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace tst_recording {

using namespace testing_ui;
using namespace oidc::recording;
using ui::RecordingViewer;

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

class TestRecording final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void viewerStepsThroughARecordedFlow();
    void viewerSaysWhyAFileIsNotARecording();
    void sessionRecordsADescopeAreasCallsAsSteps();
    void viewerReplaysADescopeDemoAgainstTheSandbox();
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
    using namespace oidc::descope;
    oidc::net::ExchangeLog log;
    ui::RecordingSession session;
    QSignalSpy changed(&session, &ui::RecordingSession::recordingChanged);
    session.start(log, oidc::Json::array({{{"kind", "rate-limit"}}}), QStringLiteral("http://127.0.0.1:9/P"));
    QVERIFY(session.isRecording());
    // Each call's exchanges come before its client's report, which makes the step.
    log.add(recordedExchange(std::nullopt, QStringLiteral("Session · Descope refresh"), QStringLiteral("http://127.0.0.1:9/v1/auth/refresh"), 401,
                             "{\"errorCode\": \"E061301\"}"));
    session.addDescopeAction(QStringLiteral("Session & Roles"),
                             {std::string(action::kSessionRefresh), oidc::Json::object(),
                              oidc::makeError(oidc::ErrorCategory::Descope, "E061301", "the refresh JWT expired"), {}, {}});
    log.add(recordedExchange(std::nullopt, QStringLiteral("Magic Link, OTP & TOTP · Descope otp signin"),
                             QStringLiteral("http://127.0.0.1:9/v1/auth/otp/signin/email"), 200, "{}"));
    session.addDescopeAction(QStringLiteral("Magic Link, OTP & TOTP"),
                             {std::string(action::kOtpStart), {{"loginId", "alice@example.com"}, {"method", "email"}}, std::nullopt, {}, "sent to a***"});
    const auto recording = session.stop();
    QVERIFY(!session.isRecording());
    QCOMPARE(changed.count(), 2);
    QVERIFY(recording.has_value());
    QVERIFY(recording->kind == kKindDescopeDemo);
    QCOMPARE(recording->steps.size(), size_t(2));
    QVERIFY(recording->steps[0].step == "session.refresh");
    QVERIFY(recording->steps[0].area == "Session & Roles");
    QVERIFY(recording->steps[0].title == "Session & Roles · Session refresh");
    QCOMPARE(recording->steps[0].ok, false);
    QVERIFY(recording->steps[0].errorCode == "E061301");
    QVERIFY(recording->steps[1].step == "otp.start");
    QVERIFY(recording->steps[1].ok);
    QVERIFY(recording->steps[1].parameters["loginId"] == "alice@example.com");
    QCOMPARE(recording->exchanges.size(), size_t(2));
    QVERIFY(recording->exchanges[0]["_stepIndex"] == 0);
    QVERIFY(recording->exchanges[1]["_stepIndex"] == 1);
    QVERIFY(recording->sandbox["faults"][0]["kind"] == "rate-limit");
    QVERIFY(recording->outcome.has_value());
    QCOMPARE(recording->outcome->ok, false);
    QVERIFY(recording->outcome->errorCode == "E061301");
    // Nothing more is kept once it stopped.
    session.addDescopeAction(QStringLiteral("Session & Roles"), {std::string(action::kSessionMe), oidc::Json::object(), std::nullopt, {}, {}});
    QVERIFY(!session.stop().has_value());
}

void TestRecording::viewerReplaysADescopeDemoAgainstTheSandbox()
{
    using namespace oidc::descope;
    sandbox::SandboxHost host;
    QSignalSpy started(&host, &sandbox::SandboxHost::started);
    host.start();
    QVERIFY(started.wait(20000));

    // The demo, recorded as a Descope area's client reports it: OTP sign-in, refresh, me.
    oidc::net::QtHttpTransport transport;
    auto project = DescopeProject::create(host.projectId(), host.baseUrl());
    QVERIFY(project.ok());
    DescopeClient client(transport, *project);
    Recorder recorder{std::string(kKindDescopeDemo)};
    recorder.setSandbox({{"issuer", host.issuer().toStdString()}, {"faults", oidc::Json::array()}});
    connect(&client, &DescopeClient::actionReported, &recorder,
            [&recorder](const DescopeActionReport &report) { recorder.addStep(recordedDescopeStep(report, "Magic Link, OTP & TOTP")); });
    PasswordlessStart start;
    start.loginId = "alice@example.com";
    bool sent = false;
    client.startOtp(DeliveryMethod::Email, start, [&sent](oidc::Result<MaskedAddress> masked) { sent = masked.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(sent && !host.inbox().empty(), 10000);
    std::optional<SessionOutcome> signedIn;
    client.verifyOtp(DeliveryMethod::Email, "alice@example.com", host.inbox().front().code, [&signedIn](SessionOutcome outcome) { signedIn = outcome; });
    QTRY_VERIFY_WITH_TIMEOUT(signedIn.has_value(), 10000);
    QVERIFY(signedIn->ok());
    bool refreshed = false;
    client.refresh(signedIn->result->refreshJwt, [&refreshed](SessionOutcome outcome) { refreshed = outcome.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(refreshed, 10000);
    recorder.finish(outcomeOfSteps(recorder.recording().steps));
    QCOMPARE(recorder.recording().steps.size(), size_t(3));

    RecordingViewer viewer(&host);
    viewer.resize(1100, 760);
    viewer.show();
    viewer.showRecording(recorder.recording(), QStringLiteral("otp-demo.json"));
    auto *replay = child<QPushButton>(viewer, "replayButton");
    QVERIFY(replay->isEnabled());
    QSignalSpy finished(&viewer, &RecordingViewer::replayFinished);
    replay->click();
    QVERIFY(viewer.isReplaying());
    QVERIFY(!replay->isEnabled());
    QVERIFY(child<QPushButton>(viewer, "cancelReplayButton")->isVisible());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(0).toBool(), true);
    QCOMPARE(finished.last().at(1).toBool(), true);
    auto *table = child<QTableView>(viewer, "replayTable");
    QCOMPARE(table->model()->rowCount(), 4); // three calls and the outcome
    for (int row = 0; row < 4; ++row)
        QCOMPARE(table->model()->index(row, 1).data().toString(), QStringLiteral("match"));
    auto *info = child<QLabel>(viewer, "replayInfo");
    QVERIFY(info->text().contains(QStringLiteral("Every step gave the recorded outcome")));
    QVERIFY(info->text().contains(host.issuer()));
    QVERIFY(replay->isEnabled());

    // A recorded fault the replay switches on: the OTP verify answers another issuer's session JWT.
    Recording faulty = recorder.recording();
    faulty.sandbox["faults"] = oidc::Json::array({{{"kind", "wrong-issuer"}, {"path", "/v1/auth/otp/verify/email"}, {"count", 1}}});
    viewer.showRecording(faulty, QStringLiteral("otp-demo.json"));
    replay->click();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(0).toBool(), true);
    QCOMPARE(finished.last().at(1).toBool(), false);
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("match"));
    QCOMPARE(table->model()->index(1, 1).data().toString(), QStringLiteral("mismatch"));
    QVERIFY(table->model()->index(1, 3).data().toString().contains(QStringLiteral("session.iss")));
    QVERIFY(info->text().contains(QStringLiteral("the first: Magic Link, OTP & TOTP · OTP verify")));
    QVERIFY(info->text().contains(QStringLiteral("wrong-issuer on /v1/auth/otp/verify/email")));
    QTRY_VERIFY_WITH_TIMEOUT(host.faults().empty(), 5000); // off again (used up, or removed)

    // A code flow is the CLI's to replay: the area says so.
    Recording flow;
    viewer.showRecording(flow, QStringLiteral("flow.json"));
    replay->click();
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(info->text().contains(QStringLiteral("oidcplay-cli replay")));
}

} // namespace tst_recording

OIDCPLAY_QTEST_MAIN(tst_recording, tst_recording::TestRecording)
#include "tst_recording.moc"
