// oidcplay-cli descope … against the built-in sandbox, as scripts use it (DescopeCliFixture.h):
// the passwordless sign-ins, passkeys, sessions and access keys.

#include "DescopeCliFixture.h"

#include <QFile>
#include <QTemporaryDir>

namespace cli::descope_test {

TEST_F(DescopeCliTest, HelpOnEveryDescopeCommand)
{
    const std::vector<QStringList> commands = {{QStringLiteral("enchanted-link")},
                                               {QStringLiteral("magic-link")},
                                               {QStringLiteral("otp")},
                                               {QStringLiteral("totp"), QStringLiteral("verify")},
                                               {QStringLiteral("passkey"), QStringLiteral("signin")},
                                               {QStringLiteral("session"), QStringLiteral("validate")},
                                               {QStringLiteral("session"), QStringLiteral("refresh")},
                                               {QStringLiteral("access-key")}};
    for (const QStringList &words : commands) {
        const CliRun run = runCli(QStringList{QStringLiteral("descope")} + words + QStringList{QStringLiteral("--help")});
        EXPECT_EQ(run.exitCode, 0) << words.join(QLatin1Char(' ')).toStdString();
        EXPECT_EQ(run.out.rfind("Usage: oidcplay-cli descope " + words.join(QLatin1Char(' ')).toStdString(), 0), 0u) << run.out;
        EXPECT_NE(run.out.find("--project-id"), std::string::npos);
    }
    EXPECT_EQ(runCli({QStringLiteral("descope"), QStringLiteral("--help")}).exitCode, 0);
}

TEST_F(DescopeCliTest, AccessKeyExchangeIsASessionAndTheCallStatusIsData)
{
    const CliRun user = runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key"), QString::fromUtf8(kReaderAccessKey),
                                        QStringLiteral("--json"), QStringLiteral("--call"), s_baseUrl + QStringLiteral("/api/user")}));
    ASSERT_EQ(user.exitCode, 0) << user.out << user.err;
    const Json json = user.json();
    EXPECT_TRUE(json["ok"].get<bool>());
    EXPECT_EQ(json["session"]["userId"], kReaderKeyId);
    EXPECT_EQ(json["session"]["claims"]["permissions"], Json::array({"read:data"}));
    EXPECT_GT(json["session"]["expiresAt"].get<int64_t>(), 0);
    EXPECT_EQ(json["call"]["status"], 200);
    for (const char *id : {"session.signature", "session.iss", "session.exp", "session.drn"})
        EXPECT_EQ(check(json, id), "ok") << id;
    // Redacted without --show-tokens: no three-part JWT anywhere on stdout.
    EXPECT_NE(json["session"]["sessionJwt"].get<std::string>().find("[redacted"), std::string::npos);
    EXPECT_EQ(user.out.find(kReaderAccessKey), std::string::npos);

    const CliRun admin = runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key"), QString::fromUtf8(kReaderAccessKey),
                                         QStringLiteral("--json"), QStringLiteral("--call"), s_baseUrl + QStringLiteral("/api/admin")}));
    EXPECT_EQ(admin.exitCode, 0) << admin.out << admin.err;
    EXPECT_EQ(admin.json()["call"]["status"], 403);
}

TEST_F(DescopeCliTest, AccessKeyRefusalsHaveTheirCategoryAndExitCode)
{
    const CliRun wrong = runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key"), QStringLiteral("not-a-key"),
                                         QStringLiteral("--json")}));
    EXPECT_EQ(wrong.exitCode, 1) << wrong.out << wrong.err;
    EXPECT_EQ(wrong.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(wrong.json()["error"]["code"].get<std::string>().substr(0, 1), "E");

    expectInputError(runCli(descope({QStringLiteral("access-key"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key"), QStringLiteral("k"),
                                     QStringLiteral("--custom-claims"), QStringLiteral("[1]"), QStringLiteral("--json")})));
    expectInputError(runCli(descope({QStringLiteral("access-key"), QStringLiteral("--no-such-option"), QStringLiteral("--json")})));
    expectInputError(runCli({QStringLiteral("descope"), QStringLiteral("session"), QStringLiteral("--json")}));
    expectInputError(runCli({QStringLiteral("descope"), QStringLiteral("no-such-command"), QStringLiteral("--json")}));

    // A closed port on loopback: no answer at all.
    const CliRun unreachable = runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key"), QString::fromUtf8(kReaderAccessKey),
                                               QStringLiteral("--json")},
                                              QStringLiteral("http://127.0.0.1:9")));
    EXPECT_EQ(unreachable.exitCode, 3) << unreachable.out << unreachable.err;
    EXPECT_EQ(unreachable.json()["error"]["category"], "NET");
}

TEST_F(DescopeCliTest, UnusableAnswersAndFailedSessionChecksExitOne)
{
    const QStringList exchange = {QStringLiteral("access-key"), QStringLiteral("--access-key"), QString::fromUtf8(kReaderAccessKey),
                                  QStringLiteral("--json")};
    const auto withFault = [&](const char *kind) {
        EXPECT_EQ(http("POST", QStringLiteral("/sandbox/faults"), {{"kind", kind}, {"path", "/v1/auth/accesskey/exchange"}, {"count", 1}}).status,
                  201);
        return runCli(descope(exchange));
    };
    const CliRun notJson = withFault("malformed-json");
    EXPECT_EQ(notJson.exitCode, 1) << notJson.out << notJson.err;
    EXPECT_EQ(notJson.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(notJson.json()["error"]["code"], "DESCOPE_ANSWER_NOT_JSON");

    for (const auto &[kind, id] : {std::pair{"bad-signature", "session.signature"}, std::pair{"wrong-issuer", "session.iss"}}) {
        const CliRun failed = withFault(kind);
        EXPECT_EQ(failed.exitCode, 1) << failed.out << failed.err;
        const Json json = failed.json();
        EXPECT_EQ(json["error"]["category"], "IDT") << kind;
        EXPECT_EQ(check(json, id), "failed") << kind;
        EXPECT_FALSE(json.contains("session")) << kind;
        EXPECT_EQ(json["claimsTrusted"], false) << kind;
    }
}

TEST_F(DescopeCliTest, SessionValidateChecksRolesAndNeverReportsAFailedSession)
{
    const CliRun exchanged = runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key"), QString::fromUtf8(kReaderAccessKey),
                                             QStringLiteral("--json"), QStringLiteral("--show-tokens")}));
    ASSERT_EQ(exchanged.exitCode, 0) << exchanged.err;
    const QString sessionJwt = QString::fromStdString(exchanged.json()["session"]["sessionJwt"].get<std::string>());
    ASSERT_EQ(sessionJwt.count(QLatin1Char('.')), 2);

    const CliRun held = runCli(descope({QStringLiteral("session"), QStringLiteral("validate"), QStringLiteral("--session-token"), sessionJwt,
                                        QStringLiteral("--roles"), QStringLiteral("user"), QStringLiteral("--permissions"),
                                        QStringLiteral("read:data"), QStringLiteral("--json")}));
    EXPECT_EQ(held.exitCode, 0) << held.out << held.err;
    EXPECT_EQ(check(held.json(), "roles.user"), "ok");
    EXPECT_EQ(check(held.json(), "permissions.read:data"), "ok");

    const CliRun foreign = runCli(descope({QStringLiteral("session"), QStringLiteral("validate"), QStringLiteral("--session-token"), sessionJwt,
                                           QStringLiteral("--roles"), QStringLiteral("admin"), QStringLiteral("--json")}));
    EXPECT_EQ(foreign.exitCode, 1) << foreign.out << foreign.err;
    const Json json = foreign.json();
    EXPECT_EQ(check(json, "roles.admin"), "failed");
    EXPECT_EQ(json["error"]["code"], "DESCOPE_ROLE_MISSING");
    EXPECT_FALSE(json.contains("session"));
    EXPECT_EQ(json["claimsTrusted"], false);
}

TEST_F(DescopeCliTest, OtpReadsTheCodeFromStdinAndEndsInASession)
{
    auto process = startCli(descope({QStringLiteral("otp"), QStringLiteral("--method"), QStringLiteral("email"), QStringLiteral("--login-id"),
                                     QString::fromUtf8(kAliceEmail), QStringLiteral("--json")}));
    std::string seen;
    waitForStderr(*process, "code: ", seen);
    EXPECT_NE(seen.find("masked: "), std::string::npos);
    const CliRun run = answerPrompt(*process, seen, latestMessage(kAliceEmail).value("code", std::string()));
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["session"]["userId"], kAliceUserId);
    EXPECT_EQ(json["session"]["loginIds"], Json::array({kAliceEmail}));
    EXPECT_GT(json["session"]["refreshExpiresAt"].get<int64_t>(), json["session"]["expiresAt"].get<int64_t>() - 1);
    EXPECT_EQ(check(json, "session.signature"), "ok");
    EXPECT_EQ(check(json, "session.drn"), "ok");
    EXPECT_NE(json["session"]["sessionJwt"].get<std::string>().find("[redacted"), std::string::npos);
    EXPECT_NE(json["session"]["refreshJwt"].get<std::string>().find("[redacted"), std::string::npos);
    EXPECT_EQ(run.out.find("code: "), std::string::npos); // the prompt is on stderr only
}

TEST_F(DescopeCliTest, WrongOtpIsRefusedWithTheDescopeErrorCode)
{
    auto process = startCli(descope({QStringLiteral("otp"), QStringLiteral("--method"), QStringLiteral("email"), QStringLiteral("--login-id"),
                                     QString::fromUtf8(kAliceEmail), QStringLiteral("--json")}));
    std::string seen;
    waitForStderr(*process, "code: ", seen);
    const std::string code = latestMessage(kAliceEmail).value("code", std::string());
    const CliRun run = answerPrompt(*process, seen, code == "000000" ? "111111" : "000000");
    EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["error"]["category"], "DESCOPE");
    EXPECT_EQ(json["error"]["code"].get<std::string>().substr(0, 1), "E");
    EXPECT_FALSE(json.contains("session"));

    expectInputError(runCli(descope({QStringLiteral("otp"), QStringLiteral("--method"), QStringLiteral("pigeon"), QStringLiteral("--login-id"),
                                     QString::fromUtf8(kAliceEmail), QStringLiteral("--json")})));
}

TEST_F(DescopeCliTest, MagicLinkTakesTheWholeLinkOnStdinAndRefusesItsReuse)
{
    const QStringList words = {QStringLiteral("magic-link"), QStringLiteral("--method"), QStringLiteral("email"), QStringLiteral("--login-id"),
                               QString::fromUtf8(kAliceEmail), QStringLiteral("--json")};
    auto process = startCli(descope(words));
    std::string seen;
    waitForStderr(*process, "link or token: ", seen);
    EXPECT_NE(seen.find("masked: "), std::string::npos);
    const std::string link = latestMessage(kAliceEmail)["links"][0]["url"].get<std::string>();
    const CliRun run = answerPrompt(*process, seen, link);
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    EXPECT_EQ(run.json()["session"]["userId"], kAliceUserId);

    // The same link again: the token was used.
    auto again = startCli(descope(words));
    std::string seenAgain;
    waitForStderr(*again, "link or token: ", seenAgain);
    const CliRun reused = answerPrompt(*again, seenAgain, link);
    EXPECT_EQ(reused.exitCode, 1) << reused.out << reused.err;
    EXPECT_EQ(reused.json()["error"]["category"], "DESCOPE");
}

TEST_F(DescopeCliTest, TotpSignUpThenVerifyWithTheSecretComputedLocally)
{
    const QString loginId = QStringLiteral("totp-cli@example.com");
    const CliRun signUp = runCli(descope({QStringLiteral("totp"), QStringLiteral("signup"), QStringLiteral("--login-id"), loginId,
                                          QStringLiteral("--json")}));
    ASSERT_EQ(signUp.exitCode, 0) << signUp.out << signUp.err;
    const std::string key = signUp.json()["key"].get<std::string>();
    EXPECT_EQ(signUp.json()["provisioningUrl"].get<std::string>().rfind("otpauth://", 0), 0u);

    const CliRun verified = runCli(descope({QStringLiteral("totp"), QStringLiteral("verify"), QStringLiteral("--login-id"), loginId,
                                            QStringLiteral("--secret"), QString::fromStdString(key), QStringLiteral("--json")}));
    ASSERT_EQ(verified.exitCode, 0) << verified.out << verified.err;
    EXPECT_EQ(verified.json()["session"]["loginIds"], Json::array({loginId.toStdString()}));

    const CliRun wrong = runCli(descope({QStringLiteral("totp"), QStringLiteral("verify"), QStringLiteral("--login-id"), loginId,
                                         QStringLiteral("--code"), QStringLiteral("12345x"), QStringLiteral("--json")}));
    EXPECT_EQ(wrong.exitCode, 1) << wrong.out << wrong.err;
    EXPECT_EQ(wrong.json()["error"]["category"], "DESCOPE");
    expectInputError(runCli(descope({QStringLiteral("totp"), QStringLiteral("verify"), QStringLiteral("--login-id"), loginId,
                                     QStringLiteral("--code"), QStringLiteral("123456"), QStringLiteral("--secret"), QString::fromStdString(key),
                                     QStringLiteral("--json")})));
}

TEST_F(DescopeCliTest, SessionRefreshMeLogoutThenRefreshIsRefused)
{
    const Json signedIn = signInWithOtp();
    const QString refreshJwt = QString::fromStdString(signedIn["session"]["refreshJwt"].get<std::string>());
    ASSERT_EQ(refreshJwt.count(QLatin1Char('.')), 2);
    const auto session = [&](const char *subcommand, const QString &token) {
        return runCli(descope({QStringLiteral("session"), QString::fromUtf8(subcommand), QStringLiteral("--refresh-token"), token,
                               QStringLiteral("--json"), QStringLiteral("--show-tokens")}));
    };
    const CliRun refreshed = session("refresh", refreshJwt);
    ASSERT_EQ(refreshed.exitCode, 0) << refreshed.out << refreshed.err;
    EXPECT_EQ(refreshed.json()["session"]["userId"], kAliceUserId);
    EXPECT_EQ(check(refreshed.json(), "session.signature"), "ok");
    // The sandbox rotates refresh JWTs (and revokes the session when an old one comes back).
    const QString rotated = QString::fromStdString(refreshed.json()["session"]["refreshJwt"].get<std::string>());

    const CliRun me = session("me", rotated);
    ASSERT_EQ(me.exitCode, 0) << me.out << me.err;
    EXPECT_EQ(me.json()["user"]["userId"], kAliceUserId);

    EXPECT_EQ(session("logout", rotated).exitCode, 0);
    const CliRun after = session("refresh", rotated);
    EXPECT_EQ(after.exitCode, 1) << after.out << after.err;
    EXPECT_EQ(after.json()["error"]["category"], "DESCOPE");
}

TEST_F(DescopeCliTest, EnchantedLinkShowsTheNumberPollsAndEndsWhenTheLinkIsClicked)
{
    auto process = startCli(descope({QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                     QStringLiteral("--json")}));
    std::string seen;
    const std::string linkId = clickEnchantedLink(*process, seen);
    const CliRun run = collect(*process);
    ASSERT_EQ(run.exitCode, 0) << run.out << seen << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["linkId"], linkId);
    EXPECT_GE(json["polls"].get<int>(), 2);
    EXPECT_EQ(json["session"]["userId"], kAliceUserId);
    EXPECT_EQ(check(json, "session.signature"), "ok");
    EXPECT_EQ(run.out.find(lineValue(seen, "pending_ref")), std::string::npos);
}

TEST_F(DescopeCliTest, EnchantedLinkPollingGoesOnAfterA429AndA5xx)
{
    const std::string pending = "/v1/auth/enchantedlink/pending-session";
    EXPECT_EQ(http("POST", QStringLiteral("/sandbox/faults"),
                   {{"faults", Json::array({{{"kind", "rate-limit"}, {"path", pending}, {"count", 1}, {"retryAfter", 1}}})}})
                  .status,
              201);
    auto process = startCli(descope({QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                     QStringLiteral("--json")}));
    std::string seen;
    waitForStderr(*process, "poll 1: 429 rate-limited", seen);
    EXPECT_EQ(http("POST", QStringLiteral("/sandbox/faults"), {{"kind", "server-error"}, {"path", pending}, {"count", 1}, {"status", 500}}).status, 201);
    waitForStderr(*process, "poll 2: 500 transient", seen);
    clickEnchantedLink(*process, seen);
    const CliRun run = collect(*process);
    ASSERT_EQ(run.exitCode, 0) << run.out << seen << run.err;
    EXPECT_GE(run.json()["polls"].get<int>(), 3);
    EXPECT_EQ(run.json()["session"]["userId"], kAliceUserId);
}

TEST_F(DescopeCliTest, EnchantedLinkPollingEndsOnSigtermAsCancelled)
{
    auto process = startCli(descope({QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                     QStringLiteral("--json")}));
    std::string seen;
    waitForStderr(*process, "poll 1: ", seen);
    process->terminate(); // SIGTERM
    const CliRun run = collect(*process);
    EXPECT_EQ(run.exitCode, 1) << run.out << seen << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["error"]["category"], "POLL");
    EXPECT_EQ(json["error"]["code"], "POLL_CANCELLED");
    EXPECT_GE(json["polls"].get<int>(), 1);
    EXPECT_EQ(json["linkId"], lineValue(seen, "link_id"));
}

TEST_F(DescopeCliTest, EnchantedLinkRaisesAShortIntervalAndTimesOutAsPoll)
{
    const CliRun run = runCli(descope({QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                       QStringLiteral("--interval-ms"), QStringLiteral("10"), QStringLiteral("--poll-timeout-ms"),
                                       QStringLiteral("2500"), QStringLiteral("--json")}));
    EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
    EXPECT_NE(run.err.find("warning: "), std::string::npos) << run.err;
    const Json json = run.json();
    EXPECT_EQ(json["error"]["category"], "POLL");
    EXPECT_EQ(json["error"]["code"], "POLL_TIMEOUT");
    // One poll a second at most (the minimum), the first after one interval: two within 2.5 s (10 ms would make hundreds).
    EXPECT_GE(json["polls"].get<int>(), 1);
    EXPECT_LE(json["polls"].get<int>(), 2);
    EXPECT_FALSE(json["linkId"].get<std::string>().empty());

    expectInputError(runCli(descope({QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                     QStringLiteral("--interval-ms"), QStringLiteral("soon"), QStringLiteral("--json")})));
}

class DescopePasskeyCliTest : public DescopeCliTest {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    CliRun passkey(const char *subcommand, const QString &loginId, const QStringList &extra = {}) const
    {
        return runCli(descope(QStringList{QStringLiteral("passkey"), QString::fromUtf8(subcommand), QStringLiteral("--login-id"), loginId,
                                          QStringLiteral("--authenticator"), authenticatorPath(), QStringLiteral("--json")}
                              + extra));
    }
    QString authenticatorPath() const { return m_dir.filePath(QStringLiteral("authenticator.json")); }
    QString writeFile(const QString &name, const std::string &content) const
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content.data(), static_cast<qint64>(content.size()));
        return path;
    }

    QTemporaryDir m_dir;
};

TEST_F(DescopePasskeyCliTest, SignUpCreatesAPrivateFileAndSignInUsesItWithTheCeremonyDecoded)
{
    const QString loginId = QStringLiteral("passkey-cli@example.com");
    const CliRun signUp = passkey("signup", loginId);
    ASSERT_EQ(signUp.exitCode, 0) << signUp.out << signUp.err;
    const Json registration = signUp.json();
    EXPECT_TRUE(registration["create"].get<bool>());
    EXPECT_EQ(registration["ceremony"]["clientData"]["type"], "webauthn.create") << registration["ceremony"].dump();
    EXPECT_EQ(registration["session"]["loginIds"], Json::array({loginId.toStdString()}));
    // Mode 0600 (the "User" flags are the owner's, seen by the owner).
    EXPECT_EQ(QFile::permissions(authenticatorPath()), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

    const CliRun signIn = passkey("signin", loginId);
    ASSERT_EQ(signIn.exitCode, 0) << signIn.out << signIn.err;
    const Json assertion = signIn.json();
    EXPECT_FALSE(assertion["create"].get<bool>());
    EXPECT_EQ(assertion["ceremony"]["clientData"]["type"], "webauthn.get");
    EXPECT_EQ(assertion["ceremony"]["credentialId"], registration["ceremony"]["credentialId"]);
    EXPECT_EQ(assertion["session"]["userId"], registration["session"]["userId"]);
    EXPECT_EQ(check(assertion, "session.signature"), "ok");
}

TEST_F(DescopePasskeyCliTest, RefusalsOfTheFileAndOfTheServer)
{
    // Signing in needs the credentials: a missing file is bad input.
    const CliRun missing = passkey("signin", QString::fromUtf8(kAliceEmail));
    expectInputError(missing);
    EXPECT_EQ(missing.json()["error"]["code"], "AUTHENTICATOR_FILE_MISSING");

    // A file others may read is refused, like ssh refuses an unprotected key.
    ASSERT_EQ(passkey("signup", QStringLiteral("open-file@example.com")).exitCode, 0);
    QFile::setPermissions(authenticatorPath(), QFile::permissions(authenticatorPath()) | QFile::ReadOther);
    const CliRun unprotected = passkey("signin", QStringLiteral("open-file@example.com"));
    expectInputError(unprotected);
    EXPECT_EQ(unprotected.json()["error"]["code"], "AUTHENTICATOR_FILE_PERMISSIONS");

    // Alice has no passkey: the server refuses the sign-in.
    QFile::setPermissions(authenticatorPath(), QFile::ReadOwner | QFile::WriteOwner);
    const CliRun noPasskey = passkey("signin", QString::fromUtf8(kAliceEmail));
    EXPECT_EQ(noPasskey.exitCode, 1) << noPasskey.out << noPasskey.err;
    EXPECT_EQ(noPasskey.json()["error"]["category"], "DESCOPE");
}

TEST_F(DescopePasskeyCliTest, UpdateAddsAPasskeyToASignedInUser)
{
    const Json signedIn = signInWithOtp();
    const QString refreshFile = writeFile(QStringLiteral("refresh.jwt"), signedIn["session"]["refreshJwt"].get<std::string>() + "\n");
    const CliRun updated = passkey("update", QString::fromUtf8(kAliceEmail), {QStringLiteral("--refresh-token-file"), refreshFile});
    ASSERT_EQ(updated.exitCode, 0) << updated.out << updated.err;
    EXPECT_TRUE(updated.json()["create"].get<bool>());
    EXPECT_FALSE(updated.json().contains("session")); // no MFA asked: the finish answers no session

    const CliRun signIn = passkey("signin", QString::fromUtf8(kAliceEmail));
    ASSERT_EQ(signIn.exitCode, 0) << signIn.out << signIn.err;
    EXPECT_EQ(signIn.json()["session"]["userId"], kAliceUserId);
}

TEST_F(DescopePasskeyCliTest, StepUpWithTheRefreshJwtAddsSuToOtpMagicLinkAndPasskeySessions)
{
    const Json signedIn = signInWithOtp();
    EXPECT_FALSE(signedIn["session"]["claims"].contains("su"));
    // Each step-up rotates the refresh JWT (the sandbox revokes a session whose old one comes back).
    QString refreshFile;
    const auto keepRefreshJwt = [&](const Json &result) {
        refreshFile = writeFile(QStringLiteral("refresh.jwt"), result["session"].value("refreshJwt", std::string()));
    };
    keepRefreshJwt(signedIn);
    const auto stepUp = [&] { return QStringList{QStringLiteral("--step-up"), QStringLiteral("--refresh-token-file"), refreshFile}; };

    const Json otp = signInWithOtp(kAliceEmail, stepUp());
    EXPECT_EQ(otp["session"]["claims"]["su"], true) << otp.dump();
    keepRefreshJwt(otp);

    auto magic = startCli(descope(QStringList{QStringLiteral("magic-link"), QStringLiteral("--method"), QStringLiteral("email"),
                                              QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail), QStringLiteral("--json"),
                                              QStringLiteral("--show-tokens")}
                                  + stepUp()));
    std::string seen;
    waitForStderr(*magic, "link or token: ", seen);
    const CliRun link = answerPrompt(*magic, seen, latestMessage(kAliceEmail)["links"][0]["url"].get<std::string>());
    ASSERT_EQ(link.exitCode, 0) << link.out << link.err;
    EXPECT_EQ(link.json()["session"]["claims"]["su"], true);
    keepRefreshJwt(link.json());

    auto enchanted = startCli(descope(QStringList{QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                                  QStringLiteral("--json"), QStringLiteral("--show-tokens")}
                                      + stepUp()));
    std::string seenPolls;
    clickEnchantedLink(*enchanted, seenPolls);
    const CliRun clicked = collect(*enchanted);
    ASSERT_EQ(clicked.exitCode, 0) << clicked.out << seenPolls << clicked.err;
    EXPECT_EQ(clicked.json()["session"]["claims"]["su"], true);
    keepRefreshJwt(clicked.json());

    ASSERT_EQ(passkey("update", QString::fromUtf8(kAliceEmail), {QStringLiteral("--refresh-token-file"), refreshFile}).exitCode, 0);
    const CliRun passkeyStepUp = passkey("signin", QString::fromUtf8(kAliceEmail), stepUp());
    ASSERT_EQ(passkeyStepUp.exitCode, 0) << passkeyStepUp.out << passkeyStepUp.err;
    EXPECT_EQ(passkeyStepUp.json()["session"]["claims"]["su"], true);
}

TEST_F(DescopePasskeyCliTest, StepUpNeedsItsRefreshJwtAndASignIn)
{
    const QString refreshFile = writeFile(QStringLiteral("refresh.jwt"), "a.b.c");
    const QStringList otp = {QStringLiteral("otp"), QStringLiteral("--method"), QStringLiteral("email"), QStringLiteral("--login-id"),
                             QString::fromUtf8(kAliceEmail), QStringLiteral("--json")};
    expectInputError(runCli(descope(otp + QStringList{QStringLiteral("--step-up")})));
    expectInputError(runCli(descope(otp + QStringList{QStringLiteral("--step-up"), QStringLiteral("--refresh-token-file"), refreshFile,
                                                      QStringLiteral("--signup-in")})));
    expectInputError(runCli(descope(QStringList{QStringLiteral("enchanted-link"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                                                QStringLiteral("--json"), QStringLiteral("--step-up"), QStringLiteral("--refresh-token-file"),
                                                m_dir.filePath(QStringLiteral("absent.jwt"))})));
    expectInputError(passkey("signup", QStringLiteral("new@example.com"), {QStringLiteral("--step-up"), QStringLiteral("--refresh-token-file"), refreshFile}));
}

} // namespace cli::descope_test
