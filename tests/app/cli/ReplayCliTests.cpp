// oidcplay-cli login --record and replay (issue 11) against the sandbox (`oidcplay-cli sandbox`,
// its own process): a recorded sign-in replays green; after a fault changes the sandbox's answer
// the replay goes red with exit 1, naming the step in its JSON and in its JUnit XML; a recorded
// fault is switched on again for the replay; a recording with no sandbox at its issuer replays
// against one the CLI starts; and the recording holds none of the run's live secrets. A Descope
// demo recorded through the core's client (as the app's Descope areas record it) replays green,
// its codes and links read from the sandbox's Inbox; a fault on one call turns it red naming that
// step; what cannot be replayed is refused with the list of what can.

#include "DescopeCliFixture.h"

#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/net/QtHttpTransport.h"
#include "oidc/recording/Recorder.h"
#include "oidc/recording/RecordingJson.h"

#include "oidc/crypto/Base32.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/otp/Totp.h"
#include "oidc/webauthn/Origin.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QXmlStreamReader>

namespace cli::descope_test {

namespace {

// What one recorded login printed and left.
struct RecordedLogin {
    CliRun run;
    std::string code; // the authorization code the browser carried back
};

Json readJsonFile(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return Json::parse(file.readAll().toStdString(), nullptr, false);
}

// The <testcase> names that hold a <failure>, read back by an XML parser.
std::vector<std::string> junitFailures(const QString &path, int *testCases)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader reader(&file);
    std::vector<std::string> failing;
    std::string current;
    *testCases = 0;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == QLatin1String("testcase")) {
            ++*testCases;
            current = reader.attributes().value(QLatin1String("name")).toString().toStdString();
        } else if (reader.isStartElement() && reader.name() == QLatin1String("failure")) {
            failing.push_back(current);
        }
    }
    EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString();
    return failing;
}

} // namespace

// A Descope demo recorded through the core's client, as a Descope area's client reports it
// (DescopeClient::actionReported → recordedDescopeStep): `demo` makes the calls.
class DemoRecording final {
public:
    DemoRecording(const QString &projectId, const QString &baseUrl, const QString &issuer)
        : m_client(m_transport, oidc::descope::DescopeProject::create(projectId, QUrl(baseUrl)).value())
        , m_recorder(std::string(oidc::recording::kKindDescopeDemo))
    {
        m_recorder.setTool("cli_tests");
        m_recorder.setSandbox({{"baseUrl", baseUrl.toStdString()}, {"issuer", issuer.toStdString()}, {"faults", Json::array()}});
        QObject::connect(&m_client.client(), &oidc::descope::DescopeClient::actionReported, &m_recorder,
                         [this](const oidc::descope::DescopeActionReport &report) {
                             m_recorder.addStep(oidc::recording::recordedDescopeStep(report, m_area));
                         });
    }

    oidc::descope::BlockingDescopeClient &client(const std::string &area)
    {
        m_area = area;
        return m_client;
    }

    void save(const QString &path)
    {
        m_recorder.finish(oidc::recording::outcomeOfSteps(m_recorder.recording().steps));
        ASSERT_TRUE(oidc::recording::writeRecordingFile(m_recorder.recording(), path).ok());
    }

private:
    oidc::net::QtHttpTransport m_transport;
    oidc::descope::BlockingDescopeClient m_client;
    oidc::recording::Recorder m_recorder;
    std::string m_area;
};

class ReplayCliTest : public DescopeCliTest {
protected:
    void SetUp() override { clearFaults(); }
    void TearDown() override { clearFaults(); }

    static void clearFaults() { EXPECT_EQ(http("DELETE", QStringLiteral("/sandbox/faults")).status, 200); }
    static void addFault(const Json &fault) { ASSERT_EQ(http("POST", QStringLiteral("/sandbox/faults"), fault).status, 201); }
    static QString issuer() { return s_baseUrl + QStringLiteral("/") + s_projectId; }

    // `login --record` with the test as the browser (signInAsAlice).
    static RecordedLogin recordLogin(const QString &path)
    {
        auto process = startCli({QStringLiteral("login"), QStringLiteral("--issuer"), issuer(), QStringLiteral("--client-id"), s_projectId,
                                 QStringLiteral("--no-browser"), QStringLiteral("--json"), QStringLiteral("--show-tokens"), QStringLiteral("--scope"),
                                 QStringLiteral("openid profile email offline_access"), QStringLiteral("--timeout"), QStringLiteral("20"),
                                 QStringLiteral("--record"), path});
        std::string seen;
        const QUrl redirect = signInAsAlice(*process, seen);
        RecordedLogin recorded{collect(*process), QUrlQuery(redirect).queryItemValue(QStringLiteral("code")).toStdString()};
        recorded.run.err = seen + recorded.run.err;
        return recorded;
    }

    // Plays the browser for a CLI that printed its authorize_url: the sandbox's login page
    // answered as alice (the form carries the authorization request back, as the page's hidden
    // fields do), then the redirect delivered to the CLI's listener. The redirect is returned.
    static QUrl signInAsAlice(QProcess &process, std::string &seen)
    {
        waitForStderr(process, "authorize_url: ", seen);
        waitForStderr(process, "\n", seen);
        const QUrl authorize(QString::fromStdString(lineValue(seen, "authorize_url")));
        const WebAnswer page = exchange("GET", authorize, {}, {});
        EXPECT_EQ(page.status, 200) << page.body;
        EXPECT_NE(page.body.find("id=\"login\""), std::string::npos) << "the sandbox's login form";
        QUrlQuery form(authorize);
        form.addQueryItem(QStringLiteral("sandbox_action"), QStringLiteral("login"));
        form.addQueryItem(QStringLiteral("loginId"), QString::fromUtf8(kAliceEmail));
        const WebAnswer posted = exchange("POST", QUrl(authorize.toString(QUrl::RemoveQuery)), "Content-Type: application/x-www-form-urlencoded\r\n",
                                          form.toString(QUrl::FullyEncoded).toUtf8());
        EXPECT_EQ(posted.status, 302) << posted.body;
        const QUrl redirect(QString::fromStdString(posted.location));
        (void)exchange("GET", redirect, {}, {});
        return redirect;
    }

    static CliRun replay(const QString &path, QStringList extra = {})
    {
        return runCli(QStringList{QStringLiteral("replay"), path, QStringLiteral("--timeout"), QStringLiteral("20")} + extra);
    }

    // The recording at `path` replayed against this sandbox: green, exit 0, and in its JUnit XML
    // (written into `dir`) `testCases` cases — the recorded steps and the outcome — none failing.
    static void expectGreen(const QString &path, const QTemporaryDir &dir, int testCases)
    {
        const QString junit = dir.filePath(QStringLiteral("green.xml"));
        const CliRun green = replay(path, {QStringLiteral("--json"), QStringLiteral("--junit"), junit});
        ASSERT_EQ(green.exitCode, 0) << green.out << green.err;
        EXPECT_TRUE(green.json()["ok"].get<bool>());
        EXPECT_EQ(green.json()["against"], "sandbox " + issuer().toStdString());
        int written = 0;
        EXPECT_TRUE(junitFailures(junit, &written).empty());
        EXPECT_EQ(written, testCases);
    }

    // The recording at `path` replayed with the session JWT of `faultPath`'s next answer issued by
    // another issuer: red, exit 1, the first mismatch at step number `step` (`key`), which failed
    // with an IDT code and a failing session.iss check, and the JUnit XML's first failure named
    // `junitName`. The report, for what a test checks beyond that.
    static void expectIssMismatchAt(const QString &path, const QTemporaryDir &dir, const std::string &faultPath, size_t step,
                                    const std::string &key, const std::string &junitName, Json *report)
    {
        addFault({{"kind", "wrong-issuer"}, {"path", faultPath}, {"count", 1}});
        const QString junit = dir.filePath(QStringLiteral("red.xml"));
        const CliRun red = replay(path, {QStringLiteral("--json"), QStringLiteral("--junit"), junit});
        ASSERT_EQ(red.exitCode, 1) << red.out << red.err;
        *report = red.json();
        EXPECT_EQ((*report)["firstMismatch"]["step"], key);
        const Json &mismatched = (*report)["steps"][step];
        EXPECT_EQ(mismatched["replayed"].get<std::string>().rfind("failed IDT ", 0), 0u) << report->dump(1);
        bool issChecked = false;
        for (const Json &check : mismatched["checks"])
            issChecked = issChecked || (check["id"] == "session.iss" && !check["match"].get<bool>());
        EXPECT_TRUE(issChecked) << mismatched.dump(1);
        int testCases = 0;
        const auto failing = junitFailures(junit, &testCases);
        ASSERT_FALSE(failing.empty());
        EXPECT_EQ(failing.front(), junitName);
    }
};

TEST_F(ReplayCliTest, RecordThenReplayGreenThenAChangedFaultGoesRedNamingTheStep)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.json"));
    const RecordedLogin recorded = recordLogin(path);
    ASSERT_EQ(recorded.run.exitCode, 0) << recorded.run.out << recorded.run.err;

    // The recording: the settings without a secret, the login ID, the sandbox's (no) faults, the
    // checks with their outcomes, the exchanges — and none of the run's live values.
    const Json recording = readJsonFile(path);
    EXPECT_EQ(recording["oidcplayRecording"], 1);
    EXPECT_EQ(recording["kind"], "oidc-code-flow");
    EXPECT_EQ(recording["loginId"], kAliceEmail);
    EXPECT_EQ(recording["profile"]["clientId"], s_projectId.toStdString());
    EXPECT_EQ(recording["sandbox"]["faults"], Json::array());
    EXPECT_EQ(recording["outcome"]["ok"], true);
    std::vector<std::string> steps;
    for (const Json &step : recording["steps"])
        steps.push_back(step["step"].get<std::string>());
    EXPECT_EQ(steps, (std::vector<std::string>{"Discovery", "Keys", "Prepare", "Authorize", "Callback", "Token", "IdToken", "UserInfo"}));
    EXPECT_GE(recording["exchanges"].size(), 4u);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const Json tokens = recorded.run.json()["tokens"];
    ASSERT_FALSE(recorded.code.empty());
    for (const std::string &secret : {tokens["access_token"].get<std::string>(), tokens["id_token"].get<std::string>(),
                                      tokens["refresh_token"].get<std::string>(), recorded.code})
        EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(secret))) << "a live value in the recording: " << secret.substr(0, 12);

    // Replayed against the same sandbox: every step gives the recorded outcome (eight steps and
    // the outcome).
    ASSERT_NO_FATAL_FAILURE(expectGreen(path, dir, 9));

    // The sandbox now answers with an ID token for another nonce: red, exit 1, the ID token step named.
    addFault({{"kind", "wrong-nonce"}, {"path", "/oauth2/v1/token"}, {"count", 1}});
    const QString redJunit = dir.filePath(QStringLiteral("red.xml"));
    const CliRun red = replay(path, {QStringLiteral("--json"), QStringLiteral("--junit"), redJunit});
    ASSERT_EQ(red.exitCode, 1) << red.out << red.err;
    const Json report = red.json();
    EXPECT_FALSE(report["ok"].get<bool>());
    EXPECT_EQ(report["firstMismatch"]["step"], "IdToken");
    const Json &idToken = report["steps"][6];
    EXPECT_EQ(idToken["step"], "IdToken");
    EXPECT_EQ(idToken["verdict"], "mismatch");
    EXPECT_EQ(idToken["replayed"], "failed IDT NONCE_MISMATCH");
    int testCases = 0;
    const auto failing = junitFailures(redJunit, &testCases);
    ASSERT_FALSE(failing.empty());
    EXPECT_EQ(failing.front(), "ID token");

    // Without --json: one line per step on stdout, the mismatch named.
    addFault({{"kind", "wrong-nonce"}, {"path", "/oauth2/v1/token"}, {"count", 1}});
    const CliRun text = replay(path);
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_NE(text.out.find("MISMATCH  ID token: "), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("check nonce: pass when recorded, fail NONCE_MISMATCH in the replay"), std::string::npos) << text.out;
}

TEST_F(ReplayCliTest, ARecordedFaultIsSwitchedOnForTheReplayAndOffAfterIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audience.json"));
    addFault({{"kind", "wrong-audience"}, {"path", "/oauth2/v1/token"}, {"count", 1}});
    const RecordedLogin recorded = recordLogin(path);
    ASSERT_EQ(recorded.run.exitCode, 1) << recorded.run.out << recorded.run.err;
    const Json recording = readJsonFile(path);
    ASSERT_EQ(recording["sandbox"]["faults"].size(), 1u);
    EXPECT_EQ(recording["sandbox"]["faults"][0]["kind"], "wrong-audience");
    EXPECT_EQ(recording["outcome"]["error"]["code"], "AUD_MISMATCH");
    EXPECT_EQ(recording["loginId"], kAliceEmail) << "the refused ID token still names who signed in";

    // The fault was used up by the recorded run; the replay switches it on again.
    EXPECT_EQ(http("GET", QStringLiteral("/sandbox/faults")).body["faults"], Json::array());
    const CliRun again = replay(path, {QStringLiteral("--json")});
    ASSERT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_EQ(http("GET", QStringLiteral("/sandbox/faults")).body["faults"], Json::array()) << "nothing left on after the replay";
}

TEST_F(ReplayCliTest, WithNoSandboxAtTheRecordedIssuerItStartsOne)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("moved.json"));
    ASSERT_EQ(recordLogin(path).run.exitCode, 0);
    Json recording = readJsonFile(path);
    // A sandbox that is gone: port 1 on loopback never answers.
    const std::string gone = "http://127.0.0.1:1/" + s_projectId.toStdString();
    recording["sandbox"]["issuer"] = gone;
    recording["sandbox"]["baseUrl"] = "http://127.0.0.1:1";
    recording["profile"]["issuer"] = gone;
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray::fromStdString(recording.dump(2)));
    file.close();
    const CliRun replayed = replay(path, {QStringLiteral("--json")});
    ASSERT_EQ(replayed.exitCode, 0) << replayed.out << replayed.err;
    const std::string against = replayed.json()["against"].get<std::string>();
    EXPECT_EQ(against.rfind("sandbox http://127.0.0.1:", 0), 0u) << against;
    EXPECT_NE(against, "sandbox " + issuer().toStdString());
}

TEST_F(ReplayCliTest, AgainstAWorkspacesProfileTheBrowserIsTheUsers)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.json"));
    ASSERT_EQ(recordLogin(path).run.exitCode, 0);
    const QString workspace = dir.filePath(QStringLiteral("team.json"));
    QFile file(workspace);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(
        Json{{"oidcplayWorkspace", 1},
             {"profiles", Json::array({{{"id", "a"}, {"name", "Staging"}, {"kind", "issuer"}, {"issuer", issuer().toStdString()},
                                        {"clientId", s_projectId.toStdString()}},
                                       {{"id", "b"}, {"name", "Production"}, {"kind", "issuer"}, {"issuer", "https://idp.example"},
                                        {"clientId", "other"}}})}}
            .dump()));
    file.close();

    const CliRun ambiguous = replay(path, {QStringLiteral("--against"), workspace, QStringLiteral("--json")});
    EXPECT_EQ(ambiguous.exitCode, 2);
    EXPECT_NE(ambiguous.json()["error"]["message"].get<std::string>().find("--profile"), std::string::npos);

    auto process = startCli({QStringLiteral("replay"), path, QStringLiteral("--against"), workspace, QStringLiteral("--profile"),
                             QStringLiteral("Staging"), QStringLiteral("--no-browser"), QStringLiteral("--json"), QStringLiteral("--timeout"),
                             QStringLiteral("20")});
    std::string seen;
    (void)signInAsAlice(*process, seen);
    const CliRun replayed = collect(*process);
    ASSERT_EQ(replayed.exitCode, 0) << replayed.out << seen << replayed.err;
    EXPECT_EQ(replayed.json()["against"], "Staging");
    EXPECT_TRUE(replayed.json()["ok"].get<bool>());
}

// A workspace's profile with `{{variables}}` in its issuer: the replay calls the issuer the core's
// resolveProfile makes of it with the workspace's variables; an unknown one is refused naming the field.
TEST_F(ReplayCliTest, AgainstAWorkspacesProfileItsUrlVariablesAreResolved)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alice.json"));
    ASSERT_EQ(recordLogin(path).run.exitCode, 0);
    const QString port = QString::number(QUrl(s_baseUrl).port());
    const auto writeWorkspace = [&](const std::string &issuerTemplate) {
        const QString workspace = dir.filePath(QStringLiteral("templated.json"));
        QFile file(workspace);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray::fromStdString(
            Json{{"oidcplayWorkspace", 1},
                 {"profiles", Json::array({{{"id", "t"}, {"name", "Tenant"}, {"kind", "issuer"}, {"issuer", issuerTemplate},
                                            {"clientId", s_projectId.toStdString()}}})},
                 {"variables", {{"t", {{"port", port.toStdString()}, {"tenant", s_projectId.toStdString()}}}}}}
                .dump()));
        return workspace;
    };

    const QString workspace = writeWorkspace("http://127.0.0.1:{{port}}/{{tenant}}");
    auto process = startCli({QStringLiteral("replay"), path, QStringLiteral("--against"), workspace, QStringLiteral("--no-browser"),
                             QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("20")});
    std::string seen;
    (void)signInAsAlice(*process, seen);
    const CliRun replayed = collect(*process);
    ASSERT_EQ(replayed.exitCode, 0) << replayed.out << seen << replayed.err;
    EXPECT_TRUE(replayed.json()["ok"].get<bool>());
    EXPECT_EQ(replayed.json()["against"], "Tenant");
    EXPECT_EQ(seen.find("{{"), std::string::npos) << "discovery at the resolved issuer (its metadata must name it exactly): " << seen;

    const CliRun unknown = replay(path, {QStringLiteral("--against"), writeWorkspace("http://127.0.0.1:{{port}}/{{nope}}"), QStringLiteral("--json")});
    EXPECT_EQ(unknown.exitCode, 2) << unknown.out << unknown.err;
    EXPECT_EQ(unknown.json()["error"]["code"], "VARIABLE_UNKNOWN");
    EXPECT_EQ(unknown.json()["error"]["message"].get<std::string>().rfind("issuer: {{nope}}", 0), 0u) << unknown.out;
}

TEST_F(ReplayCliTest, ARecordedDescopeDemoReplaysGreenThenAFaultOnOneCallGoesRedNamingIt)
{
    using namespace oidc::descope;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.json"));
    std::string liveRefreshJwt;
    {
        DemoRecording demo(s_projectId, s_baseUrl, issuer());
        PasswordlessStart start;
        start.loginId = kAliceEmail;
        ASSERT_TRUE(demo.client("Magic Link, OTP & TOTP").startOtp(DeliveryMethod::Email, start).ok());
        const std::string code = latestMessage(kAliceEmail).value("code", std::string());
        const SessionOutcome signedIn = demo.client("Magic Link, OTP & TOTP").verifyOtp(DeliveryMethod::Email, kAliceEmail, code);
        ASSERT_TRUE(signedIn.ok()) << signedIn.result.error().summary();
        liveRefreshJwt = signedIn.result->refreshJwt;
        const SessionOutcome refreshed = demo.client("Session & Roles").refresh(liveRefreshJwt);
        ASSERT_TRUE(refreshed.ok());
        liveRefreshJwt = refreshed.result->refreshJwt; // rotated
        ASSERT_TRUE(demo.client("Session & Roles").me(liveRefreshJwt).ok());
        ASSERT_TRUE(demo.client("Client Credentials & M2M").exchangeAccessKey(kReaderAccessKey).ok());
        ASSERT_TRUE(demo.client("Session & Roles").logout(liveRefreshJwt, LogoutScope::ThisSession).ok());
        demo.save(path);
    }
    const Json recording = readJsonFile(path);
    EXPECT_EQ(recording["kind"], "descope-demo");
    std::vector<std::string> steps;
    for (const Json &step : recording["steps"])
        steps.push_back(step["step"].get<std::string>());
    EXPECT_EQ(steps, (std::vector<std::string>{"otp.start", "otp.verify", "session.refresh", "session.me", "accesskey.exchange", "session.logout"}));
    EXPECT_EQ(recording["steps"][1]["parameters"]["loginId"], kAliceEmail);
    EXPECT_FALSE(recording["steps"][1]["checks"].empty()) << "the session JWT's checks, as the core ran them";
    EXPECT_EQ(recording["steps"][4]["parameters"]["keyId"], kReaderKeyId);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_FALSE(bytes.contains(kReaderAccessKey)) << "the access key is found again by its ID, never recorded";
    EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(liveRefreshJwt)));

    // Replayed: the code read from the Inbox, the key from the sandbox's info; every step as
    // recorded (six calls and the outcome).
    ASSERT_NO_FATAL_FAILURE(expectGreen(path, dir, 7));

    // The OTP verify answers a session JWT from another issuer: red at that step, its check named;
    // the calls on the session after it had no session to use.
    Json report;
    ASSERT_NO_FATAL_FAILURE(expectIssMismatchAt(path, dir, "/v1/auth/otp/verify/email", 1, "otp.verify", "Magic Link, OTP & TOTP · OTP verify", &report));
    EXPECT_EQ(report["steps"][2]["replayed"], "failed SANDBOX REPLAY_NO_SESSION");
}

// An enchanted link, recorded twice: once opened in a browser (the link's page verifies it, so
// the recording has the start and the poll) and once verified by the app (start, verify, poll).
// The replay reads the link whose number its own start answered from the Inbox and opens it;
// green, then red at the poll whose session JWT comes from another issuer.
TEST_F(ReplayCliTest, AnEnchantedLinkSignInReplaysGreenThenAFaultedPollGoesRedNamingIt)
{
    using namespace oidc::descope;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("enchanted.json"));
    // The URL of the link numbered `linkId` in alice's newest message (`right`), or of another one.
    // The three links come in a random order, as a real enchanted-link email lists them: the
    // first is the right one only one time in three.
    const auto linkNumbered = [](const std::string &linkId, bool right) {
        const Json message = latestMessage(kAliceEmail);
        EXPECT_EQ(message.value("kind", std::string()), "enchanted-link");
        EXPECT_EQ(message.value("links", Json::array()).size(), 3u);
        for (const Json &link : message.value("links", Json::array()))
            if ((link.value("number", std::string()) == linkId) == right)
                return link["url"].get<std::string>();
        ADD_FAILURE() << "no link numbered " << linkId << " in " << message.dump();
        return std::string();
    };
    {
        DemoRecording demo(s_projectId, s_baseUrl, issuer());
        PollSettings poll;
        poll.timeoutMs = 20000;
        PasswordlessStart start;
        start.loginId = kAliceEmail;
        for (const bool inBrowser : {true, false}) {
            auto started = demo.client("Enchanted Link").startEnchantedLink(start);
            ASSERT_TRUE(started.ok()) << started.error().summary();
            const std::string url = linkNumbered(started->linkId, true);
            if (inBrowser) {
                const WebAnswer page = exchange("GET", QUrl(QString::fromStdString(url)), {}, {});
                ASSERT_EQ(page.status, 200) << page.body;
            } else {
                // In the app: first a link of another number (refused, still pending), then the right one.
                auto wrong = linkToken(linkNumbered(started->linkId, false));
                ASSERT_TRUE(wrong.ok());
                const oidc::Status refused = demo.client("Enchanted Link").verifyEnchantedLink(*wrong);
                ASSERT_FALSE(refused.ok());
                EXPECT_EQ(refused.error().httpStatus, 401);
                auto token = linkToken(url);
                ASSERT_TRUE(token.ok());
                ASSERT_TRUE(demo.client("Enchanted Link").verifyEnchantedLink(*token).ok());
            }
            const PolledSession polled = demo.client("Enchanted Link").pollEnchantedLink(started->pendingRef, poll);
            ASSERT_TRUE(polled.session.ok()) << polled.session.result.error().summary();
        }
        demo.save(path);
    }
    const Json recording = readJsonFile(path);
    std::vector<std::string> steps;
    for (const Json &step : recording["steps"])
        steps.push_back(step["step"].get<std::string>());
    EXPECT_EQ(steps, (std::vector<std::string>{"enchantedlink.start", "enchantedlink.poll", "enchantedlink.start", "enchantedlink.verify",
                                               "enchantedlink.verify", "enchantedlink.poll"}));
    EXPECT_FALSE(recording["steps"][3]["ok"].get<bool>());

    ASSERT_NO_FATAL_FAILURE(expectGreen(path, dir, 7)); // six calls and the outcome

    // The first poll's session JWT names another issuer: red at that poll, its check named; the
    // second sign-in is untouched.
    Json report;
    ASSERT_NO_FATAL_FAILURE(expectIssMismatchAt(path, dir, "/v1/auth/enchantedlink/pending-session", 1, "enchantedlink.poll",
                                                "Enchanted Link · Enchanted link session (polled)", &report));
    for (const size_t later : {3u, 4u, 5u})
        EXPECT_EQ(report["steps"][later]["verdict"], "match") << report["steps"][later].dump(1);
}

TEST_F(ReplayCliTest, MagicLinkTotpPasswordAndPasskeySignInsReplayAgainstAFreshSandbox)
{
    using namespace oidc::descope;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kinds.json"));
    const std::string newUser = "replay-" + QString::number(QDateTime::currentMSecsSinceEpoch()).toStdString() + "@example.com";
    {
        // Recorded against a sandbox that is gone before the replay (port 1): the CLI starts a
        // fresh one, where the sign-ups are new again.
        DemoRecording demo(s_projectId, s_baseUrl, QStringLiteral("http://127.0.0.1:1/") + s_projectId);
        PasswordlessStart start;
        start.loginId = kAliceEmail;
        ASSERT_TRUE(demo.client("Magic Link, OTP & TOTP").startMagicLink(DeliveryMethod::Email, start).ok());
        auto token = linkToken(latestMessage(kAliceEmail)["links"][0]["url"].get<std::string>());
        ASSERT_TRUE(token.ok());
        ASSERT_TRUE(demo.client("Magic Link, OTP & TOTP").verifyMagicLink(*token).ok());

        auto enrolled = demo.client("Magic Link, OTP & TOTP").signUpTotp(newUser);
        ASSERT_TRUE(enrolled.ok()) << enrolled.error().summary();
        const auto totpCode = oidc::otp::totp(oidc::crypto::base32Decode(enrolled->key).value(), oidc::jwt::unixNow());
        ASSERT_TRUE(demo.client("Magic Link, OTP & TOTP").verifyTotp(newUser, *totpCode).ok());

        const std::string passwordUser = "pw-" + newUser;
        ASSERT_TRUE(demo.client("Passwords").signUpPassword(passwordUser, "Corr3ct-Horse-Battery").ok());
        ASSERT_TRUE(demo.client("Passwords").signInPassword(passwordUser, "Corr3ct-Horse-Battery").ok());

        oidc::webauthn::SoftwareAuthenticator authenticator;
        const std::string passkeyUser = "pk-" + newUser;
        for (const WebAuthnStartKind kind : {WebAuthnStartKind::SignUp, WebAuthnStartKind::SignIn}) {
            WebAuthnStart passkey;
            passkey.kind = kind;
            passkey.loginId = passkeyUser;
            auto started = demo.client("Passkeys").startWebAuthn(passkey);
            ASSERT_TRUE(started.ok()) << started.error().summary();
            const std::string origin = oidc::webauthn::pageOriginFor(QUrl(s_baseUrl), started->options);
            auto response = started->create ? authenticator.createCredential(started->options, origin) : authenticator.getAssertion(started->options, origin);
            ASSERT_TRUE(response.ok()) << response.error().summary();
            const SessionOutcome finished = demo.client("Passkeys").finishWebAuthn(
                started->create ? WebAuthnFinishKind::SignUp : WebAuthnFinishKind::SignIn, started->transactionId, *response);
            ASSERT_TRUE(finished.ok()) << finished.result.error().summary();
        }
        demo.save(path);
    }
    const CliRun replayed = replay(path, {QStringLiteral("--json")});
    ASSERT_EQ(replayed.exitCode, 0) << replayed.out << replayed.err;
    const Json report = replayed.json();
    EXPECT_NE(report["against"], "sandbox " + issuer().toStdString()) << "a sandbox of its own";
    std::vector<std::string> steps;
    for (const Json &step : report["steps"])
        steps.push_back(step["step"].get<std::string>());
    EXPECT_EQ(steps, (std::vector<std::string>{"magiclink.start", "magiclink.verify", "totp.signup",
                                               "totp.verify", "password.signup", "password.signin", "webauthn.start", "webauthn.finish",
                                               "webauthn.start", "webauthn.finish", "outcome"}));
}

TEST_F(ReplayCliTest, WhatADemoCannotReplayIsRefusedWithWhatCan)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("social.json"));
    oidc::recording::Recording recording;
    recording.kind = std::string(oidc::recording::kKindDescopeDemo);
    recording.steps.push_back({"oauth.start", "Social Login & SSO · Social login start", "Social Login & SSO", true, "the provider's page", {}, {}, {},
                               {{"provider", "google"}}});
    ASSERT_TRUE(oidc::recording::writeRecordingFile(recording, path).ok());
    const CliRun refused = replay(path, {QStringLiteral("--json")});
    EXPECT_EQ(refused.exitCode, 2) << refused.out;
    EXPECT_EQ(refused.json()["error"]["code"], "REPLAY_UNSUPPORTED");
    const std::string message = refused.json()["error"]["message"].get<std::string>();
    EXPECT_NE(message.find("step 1 (Social Login & SSO · Social login start)"), std::string::npos) << message;
    EXPECT_NE(message.find("otp.start, otp.verify"), std::string::npos) << message;

    // A password sign-in without the replay's own sign-up before it: the password is not recorded.
    recording.steps = {{"password.signin", "Passwords · Password sign-in", "Passwords", true, "", {}, {}, {}, {{"loginId", kAliceEmail}}}};
    ASSERT_TRUE(oidc::recording::writeRecordingFile(recording, path).ok());
    const CliRun noPassword = replay(path, {QStringLiteral("--json")});
    EXPECT_EQ(noPassword.exitCode, 2);
    EXPECT_NE(noPassword.json()["error"]["message"].get<std::string>().find("the password is not recorded"), std::string::npos);

    // Against a profile: the sandbox's Inbox is the only one a replay can read.
    const CliRun profile = replay(path, {QStringLiteral("--against"), dir.filePath(QStringLiteral("p.json")), QStringLiteral("--json")});
    EXPECT_EQ(profile.exitCode, 2);
    EXPECT_NE(profile.json()["error"]["message"].get<std::string>().find("against the sandbox only"), std::string::npos);
}

TEST_F(ReplayCliTest, UnreadableOrForeignFilesAndBadArgumentsAreRefused)
{
    QTemporaryDir dir;
    const CliRun missing = replay(dir.filePath(QStringLiteral("absent.json")), {QStringLiteral("--json")});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_EQ(missing.json()["error"]["code"], "RECORDING_UNREADABLE");

    const QString har = dir.filePath(QStringLiteral("log.har"));
    QFile file(har);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"log": {"version": "1.2", "entries": []}})");
    file.close();
    const CliRun foreign = replay(har, {QStringLiteral("--json")});
    EXPECT_EQ(foreign.exitCode, 2);
    EXPECT_EQ(foreign.json()["error"]["code"], "RECORDING_NOT_A_RECORDING");

    EXPECT_EQ(runCli({QStringLiteral("replay")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("replay"), har, QStringLiteral("--timeout"), QStringLiteral("soon")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("replay"), QStringLiteral("--help")}).exitCode, 0);
}

} // namespace cli::descope_test
