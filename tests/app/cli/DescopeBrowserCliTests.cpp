// oidcplay-cli descope oauth / sso (issue 15) against the sandbox, the test playing the browser:
// it reads the URL the CLI prints with --no-browser, answers the sandbox's stand-in provider or IdP
// page with its plain form, and follows the redirect to the CLI's listener on 127.0.0.1, as a
// browser would; the CLI exchanges the code and prints the session.

#include "DescopeCliFixture.h"

#include <QFile>
#include <QTemporaryDir>

namespace cli::descope_test {

namespace {

constexpr const char *kGlobex = "T2SbxGlobex00000000000000001";

// The value of the first <input name="…" value="…"> in a page.
std::string formInput(const std::string &html, const std::string &name)
{
    const std::string marker = "name=\"" + name + "\" value=\"";
    const size_t at = html.find(marker);
    if (at == std::string::npos)
        return {};
    const size_t from = at + marker.size();
    return html.substr(from, html.find('"', from) - from);
}

QByteArray formBody(const std::vector<std::pair<QString, QString>> &fields)
{
    QUrlQuery query;
    for (const auto &[name, value] : fields)
        query.addQueryItem(name, QString::fromUtf8(QUrl::toPercentEncoding(value)));
    return query.toString(QUrl::FullyEncoded).toUtf8();
}

} // namespace

class DescopeBrowserCliTest : public DescopeCliTest {
protected:
    // The CLI started with --no-browser --json --show-tokens; `url` is the authorize_url it printed.
    struct Running {
        std::unique_ptr<QProcess> process;
        std::string seen;
        QUrl url;
    };
    static Running startBrowserCommand(const QStringList &words)
    {
        Running running;
        running.process = startCli(descope(words + QStringList{QStringLiteral("--no-browser"), QStringLiteral("--json"), QStringLiteral("--show-tokens")}));
        waitForStderr(*running.process, "authorize_url: ", running.seen);
        waitForStderr(*running.process, "\n", running.seen);
        running.url = QUrl(QString::fromStdString(lineValue(running.seen, "authorize_url")));
        EXPECT_TRUE(running.url.isValid()) << running.seen;
        return running;
    }

    // GET the stand-in page, then post its form with `fields` (plus its hidden "s" when it has
    // one): the redirect's Location, meant for the CLI's listener.
    static QUrl answerPage(const QUrl &page, std::vector<std::pair<QString, QString>> fields)
    {
        const WebAnswer shown = exchange("GET", page, {}, {});
        EXPECT_EQ(shown.status, 200) << shown.body;
        EXPECT_NE(shown.body.find("sandbox"), std::string::npos) << "the page says plainly that it is the sandbox";
        if (const std::string id = formInput(shown.body, "s"); !id.empty())
            fields.emplace_back(QStringLiteral("s"), QString::fromStdString(id));
        const WebAnswer posted = exchange("POST", QUrl(page.toString(QUrl::RemoveQuery)),
                                          "Content-Type: application/x-www-form-urlencoded\r\n", formBody(fields));
        EXPECT_EQ(posted.status, 302) << posted.body;
        return QUrl(QString::fromStdString(posted.location));
    }

    // Follows the redirect to the CLI's listener, then collects the run.
    static CliRun arriveAtListener(Running &running, const QUrl &redirect, int expectedStatus = 200)
    {
        EXPECT_EQ(redirect.host(), QStringLiteral("127.0.0.1")) << redirect.toString().toStdString();
        EXPECT_EQ(redirect.path(), QStringLiteral("/callback"));
        const WebAnswer landed = exchange("GET", redirect, {}, {});
        EXPECT_EQ(landed.status, expectedStatus) << landed.body;
        CliRun run = collect(*running.process);
        run.err = running.seen + run.err;
        return run;
    }

    static std::string codeOf(const QUrl &redirect) { return QUrlQuery(redirect).queryItemValue(QStringLiteral("code")).toStdString(); }

    // The tenant's SAML settings through the CLI: groups "ops" map to admin, everyone gets user.
    void configureGlobexSso()
    {
        ASSERT_TRUE(m_dir.isValid());
        const QString keyFile = m_dir.filePath(QStringLiteral("management.key"));
        QFile key(keyFile);
        ASSERT_TRUE(key.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        key.write(QByteArray::fromStdString(s_managementKey));
        key.close();
        const QString certFile = m_dir.filePath(QStringLiteral("idp.pem"));
        QFile cert(certFile);
        ASSERT_TRUE(cert.open(QIODevice::WriteOnly));
        cert.write("-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----\n");
        cert.close();
        const CliRun configured = runCli(descope({QStringLiteral("mgmt"), QStringLiteral("sso"), QStringLiteral("configure"), QStringLiteral("--tenant"),
                                                  QString::fromUtf8(kGlobex), QStringLiteral("--idp-url"), QStringLiteral("https://idp.globex.test/sso"),
                                                  QStringLiteral("--entity-id"), QStringLiteral("https://idp.globex.test"), QStringLiteral("--idp-cert-file"),
                                                  certFile, QStringLiteral("--role-mapping"), QStringLiteral("ops=admin"), QStringLiteral("--default-roles"),
                                                  QStringLiteral("user"), QStringLiteral("--domains"), QStringLiteral("globex.test"),
                                                  QStringLiteral("--management-key-file"), keyFile, QStringLiteral("--json")}));
        ASSERT_EQ(configured.exitCode, 0) << configured.out << configured.err;
        const CliRun loaded = runCli(descope({QStringLiteral("mgmt"), QStringLiteral("sso"), QStringLiteral("load"), QStringLiteral("--tenant"),
                                              QString::fromUtf8(kGlobex), QStringLiteral("--management-key-file"), keyFile, QStringLiteral("--json")}));
        ASSERT_EQ(loaded.exitCode, 0) << loaded.out << loaded.err;
        EXPECT_EQ(loaded.json()["result"]["saml"]["idpEntityId"], "https://idp.globex.test");
        EXPECT_EQ(loaded.json()["result"]["saml"]["idpCertificate"], "-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----");
    }

    QTemporaryDir m_dir;
};

TEST_F(DescopeBrowserCliTest, OAuthThroughTheStandInPageEndsInASocialSession)
{
    Running running = startBrowserCommand({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("github")});
    EXPECT_EQ(running.url.path(), QStringLiteral("/sandbox/social/github"));
    const QUrl redirect = answerPage(running.url, {{QStringLiteral("identity"), QString::fromUtf8(kAliceEmail)},
                                                   {QStringLiteral("action"), QStringLiteral("continue")}});
    EXPECT_FALSE(codeOf(redirect).empty());
    const CliRun run = arriveAtListener(running, redirect);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["provider"], "github");
    EXPECT_EQ(json["variant"], "authorize");
    EXPECT_EQ(json["redirectUri"], redirect.toString(QUrl::RemoveQuery).toStdString());
    EXPECT_EQ(json["session"]["userId"], kAliceUserId);
    EXPECT_EQ(json["session"]["claims"]["amr"], Json::array({"oauth"}));
    EXPECT_EQ(json["session"]["sessionJwt"].get<std::string>().find("[redacted"), std::string::npos) << "--show-tokens";
    for (const char *id : {"session.signature", "session.iss", "session.exp", "session.drn"})
        EXPECT_EQ(check(json, id), "ok") << id;
    // The code went to the CLI only, and never into its output.
    EXPECT_EQ(run.out.find(codeOf(redirect)), std::string::npos);
}

TEST_F(DescopeBrowserCliTest, OAuthSignUpWithATypedIdentityRedactsTokensByDefault)
{
    auto process = startCli(descope({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("gitlab"), QStringLiteral("--variant"),
                                     QStringLiteral("signup"), QStringLiteral("--no-browser"), QStringLiteral("--json")}));
    Running running{std::move(process), {}, {}};
    waitForStderr(*running.process, "authorize_url: ", running.seen);
    waitForStderr(*running.process, "\n", running.seen);
    const QUrl page(QString::fromStdString(lineValue(running.seen, "authorize_url")));
    const QUrl redirect = answerPage(page, {{QStringLiteral("email"), QStringLiteral("newcomer@example.com")},
                                            {QStringLiteral("name"), QStringLiteral("New Comer")},
                                            {QStringLiteral("action"), QStringLiteral("continue")}});
    const CliRun run = arriveAtListener(running, redirect);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["variant"], "signup");
    EXPECT_EQ(json["session"]["loginIds"], Json::array({"newcomer@example.com"}));
    EXPECT_NE(json["session"]["sessionJwt"].get<std::string>().find("[redacted"), std::string::npos);
    EXPECT_NE(json["session"]["refreshJwt"].get<std::string>().find("[redacted"), std::string::npos);
}

TEST_F(DescopeBrowserCliTest, OAuthCancelAtTheStandInExitsOneWithTheDenial)
{
    Running running = startBrowserCommand({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("google")});
    const QUrl redirect = answerPage(running.url, {{QStringLiteral("action"), QStringLiteral("cancel")}});
    EXPECT_EQ(QUrlQuery(redirect).queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    const CliRun run = arriveAtListener(running, redirect, 400);
    EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
    const Json json = run.json();
    EXPECT_FALSE(json["ok"].get<bool>());
    EXPECT_EQ(json["error"]["code"], "DESCOPE_OAUTH_DENIED");
    EXPECT_EQ(json["error"]["category"], "INPUT");
    EXPECT_NE(json["error"]["actual"].get<std::string>().find("cancelled"), std::string::npos);
    EXPECT_FALSE(json.contains("session"));
}

TEST_F(DescopeBrowserCliTest, ACodeAlreadySpentIsRefused)
{
    Running running = startBrowserCommand({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("github")});
    const QUrl redirect = answerPage(running.url, {{QStringLiteral("identity"), QString::fromUtf8(kAliceEmail)},
                                                   {QStringLiteral("action"), QStringLiteral("continue")}});
    // Someone else exchanges the code first: the code works once.
    ASSERT_EQ(http("POST", QStringLiteral("/v1/auth/oauth/exchange"), {{"code", codeOf(redirect)}}).status, 200);
    const CliRun run = arriveAtListener(running, redirect);
    EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
    EXPECT_EQ(run.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(run.json()["error"]["httpStatus"], 401);
    EXPECT_FALSE(run.json().contains("session"));
    EXPECT_EQ(http("POST", QStringLiteral("/v1/auth/oauth/exchange"), {{"code", codeOf(redirect)}}).status, 401) << "and no second time";
}

TEST_F(DescopeBrowserCliTest, SsoByTenantGivesTheMappedRolesInTheTenant)
{
    configureGlobexSso();
    Running running = startBrowserCommand({QStringLiteral("sso"), QStringLiteral("--tenant"), QString::fromUtf8(kGlobex)});
    const QUrl redirect = answerPage(running.url, {{QStringLiteral("email"), QStringLiteral("dana@globex.test")},
                                                   {QStringLiteral("group"), QStringLiteral("ops")},
                                                   {QStringLiteral("action"), QStringLiteral("signin")}});
    const CliRun run = arriveAtListener(running, redirect);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["tenant"], kGlobex);
    EXPECT_EQ(json["endpoint"], "saml");
    EXPECT_EQ(json["session"]["loginIds"], Json::array({"dana@globex.test"}));
    EXPECT_EQ(json["session"]["claims"]["dct"], kGlobex);
    EXPECT_EQ(json["session"]["claims"]["tenants"][kGlobex]["roles"], Json::array({"user", "admin"}));
    EXPECT_EQ(check(json, "session.signature"), "ok");
}

TEST_F(DescopeBrowserCliTest, SsoByEmailFindsTheTenantThatOwnsTheDomain)
{
    configureGlobexSso();
    Running running = startBrowserCommand({QStringLiteral("sso"), QStringLiteral("--email"), QStringLiteral("erin@globex.test"),
                                           QStringLiteral("--endpoint"), QStringLiteral("sso")});
    const QUrl redirect = answerPage(running.url, {{QStringLiteral("email"), QStringLiteral("erin@globex.test")},
                                                   {QStringLiteral("action"), QStringLiteral("signin")}});
    const CliRun run = arriveAtListener(running, redirect);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["email"], "erin@globex.test");
    EXPECT_EQ(json["endpoint"], "sso");
    EXPECT_EQ(json["session"]["claims"]["tenants"][kGlobex]["roles"], Json::array({"user"}));

    // A domain no tenant owns: Descope refuses the start, nothing waits.
    const CliRun unknown = runCli(descope({QStringLiteral("sso"), QStringLiteral("--email"), QStringLiteral("x@nowhere.test"),
                                           QStringLiteral("--no-browser"), QStringLiteral("--json")}));
    EXPECT_EQ(unknown.exitCode, 1) << unknown.out << unknown.err;
    EXPECT_EQ(unknown.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(unknown.err.find("authorize_url"), std::string::npos);
}

TEST_F(DescopeBrowserCliTest, BadArgumentsAreRefusedBeforeAnyListenerOrCall)
{
    expectInputError(runCli(descope({QStringLiteral("oauth"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--variant"),
                                     QStringLiteral("update"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("Git Hub"), QStringLiteral("--no-browser"),
                                     QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--redirect-port"),
                                     QStringLiteral("70000"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("sso"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("sso"), QStringLiteral("--tenant"), QString::fromUtf8(kGlobex), QStringLiteral("--email"),
                                     QStringLiteral("a@globex.test"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("sso"), QStringLiteral("--tenant"), QString::fromUtf8(kGlobex), QStringLiteral("--endpoint"),
                                     QStringLiteral("oidc"), QStringLiteral("--json")})));
    for (const char *command : {"oauth", "sso"}) {
        const CliRun help = runCli({QStringLiteral("descope"), QString::fromUtf8(command), QStringLiteral("--help")});
        EXPECT_EQ(help.exitCode, 0);
        EXPECT_EQ(help.out.rfind(std::string("Usage: oidcplay-cli descope ") + command, 0), 0u) << help.out;
        EXPECT_NE(help.out.find("--no-browser"), std::string::npos);
    }
}

TEST_F(DescopeBrowserCliTest, NoRedirectWithinTheTimeoutExitsThree)
{
    const CliRun run = runCli(descope({QStringLiteral("oauth"), QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--no-browser"),
                                       QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--json")}));
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    EXPECT_EQ(run.json()["error"]["code"], "LISTENER_TIMEOUT");
    EXPECT_NE(run.err.find("authorize_url: "), std::string::npos);
}

} // namespace cli::descope_test
