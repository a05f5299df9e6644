// oidcplay-cli descope mgmt (issue 15) against the sandbox: each change followed by its effect on
// the auth side through the CLI (a created user signs in with its roles, a deactivated access key
// no longer exchanges), and the management key: read from a private file or the environment,
// refused clearly when missing, never echoed.

#include "DescopeCliFixture.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace cli::descope_test {

namespace {

// Looks like a management key, is not the sandbox's: it must never show in any output.
constexpr const char *kWrongKey = "M-wrong-Zq8VrT3nKx2LpW7sYb4HcJ9dFg6";

bool mentions(const CliRun &run, const std::string &text)
{
    return run.out.find(text) != std::string::npos || run.err.find(text) != std::string::npos;
}

} // namespace

class DescopeMgmtCliTest : public DescopeCliTest {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_keyFile = writeFile(QStringLiteral("management.key"), s_managementKey + "\n", QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    QString writeFile(const QString &name, const std::string &content, QFileDevice::Permissions permissions) const
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content.data(), static_cast<qint64>(content.size()));
        file.close();
        EXPECT_TRUE(QFile::setPermissions(path, permissions));
        return path;
    }

    // `descope mgmt WORDS… --management-key-file <the sandbox's key> --json`.
    CliRun mgmt(const QStringList &words) const
    {
        return runCli(descope(QStringList{QStringLiteral("mgmt")} + words
                              + QStringList{QStringLiteral("--management-key-file"), m_keyFile, QStringLiteral("--json")}));
    }
    // The same, which must succeed: its "result".
    Json mgmtOk(const QStringList &words) const
    {
        const CliRun run = mgmt(words);
        EXPECT_EQ(run.exitCode, 0) << words.join(QLatin1Char(' ')).toStdString() << "\n" << run.out << run.err;
        EXPECT_FALSE(mentions(run, s_managementKey)) << "the key is never printed";
        return run.exitCode == 0 ? run.json()["result"] : Json::object();
    }
    // The environment without DESCOPE_MANAGEMENT_KEY, plus `key` under that name when given.
    static QProcessEnvironment environmentWithKey(const QString &key = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DESCOPE_MANAGEMENT_KEY"));
        if (!key.isNull())
            environment.insert(QStringLiteral("DESCOPE_MANAGEMENT_KEY"), key);
        return environment;
    }

    QTemporaryDir m_dir;
    QString m_keyFile;
};

TEST_F(DescopeMgmtCliTest, ACreatedUserSignsInThroughTheCliWithItsRoles)
{
    const Json tenant = mgmtOk({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Initech"),
                                QStringLiteral("--id"), QStringLiteral("initech"), QStringLiteral("--domains"), QStringLiteral("initech.test")});
    EXPECT_EQ(tenant["id"], "initech");
    mgmtOk({QStringLiteral("role"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("auditor"), QStringLiteral("--tenant"),
            QStringLiteral("initech"), QStringLiteral("--description"), QStringLiteral("reads the books")});
    const Json created = mgmtOk({QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--login-id"), QStringLiteral("zoe@initech.test"),
                                 QStringLiteral("--email"), QStringLiteral("zoe@initech.test"), QStringLiteral("--name"), QStringLiteral("Zoe"),
                                 QStringLiteral("--roles"), QStringLiteral("admin"), QStringLiteral("--tenant"), QStringLiteral("initech=auditor"),
                                 QStringLiteral("--verified-email")});
    EXPECT_EQ(created["user"]["roleNames"], Json::array({"admin"}));
    EXPECT_EQ(created["user"]["userTenants"][0]["tenantId"], "initech");

    const Json signedIn = signInWithOtp("zoe@initech.test");
    EXPECT_EQ(signedIn["session"]["claims"]["roles"], Json::array({"admin"}));
    EXPECT_EQ(signedIn["session"]["claims"]["tenants"]["initech"]["roles"], Json::array({"auditor"}));
    EXPECT_EQ(check(signedIn, "session.signature"), "ok");

    // A role added shows in the next session; a removed tenant is gone from it.
    mgmtOk({QStringLiteral("user"), QStringLiteral("roles"), QStringLiteral("add"), QStringLiteral("--login-id"), QStringLiteral("zoe@initech.test"),
            QStringLiteral("--roles"), QStringLiteral("user")});
    mgmtOk({QStringLiteral("user"), QStringLiteral("tenant"), QStringLiteral("remove"), QStringLiteral("--login-id"),
            QStringLiteral("zoe@initech.test"), QStringLiteral("--tenant"), QStringLiteral("initech")});
    const Json again = signInWithOtp("zoe@initech.test");
    EXPECT_EQ(again["session"]["claims"]["roles"], Json::array({"admin", "user"}));
    EXPECT_FALSE(again["session"]["claims"].value("tenants", Json::object()).contains("initech"));

    const Json loaded = mgmtOk({QStringLiteral("user"), QStringLiteral("load"), QStringLiteral("--user-id"),
                                QString::fromStdString(created["user"]["userId"].get<std::string>())});
    EXPECT_EQ(loaded["user"]["loginIds"], Json::array({"zoe@initech.test"}));
    const Json found = mgmtOk({QStringLiteral("user"), QStringLiteral("search"), QStringLiteral("--text"), QStringLiteral("zoe")});
    EXPECT_EQ(found["users"].size(), 1u);
}

TEST_F(DescopeMgmtCliTest, ADisabledUserCannotSignInUntilEnabled)
{
    mgmtOk({QStringLiteral("user"), QStringLiteral("status"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail), QStringLiteral("--status"),
            QStringLiteral("disabled")});
    // Refused at the start: no code is sent, so none is asked for.
    const CliRun refused = runCli(descope({QStringLiteral("otp"), QStringLiteral("--method"), QStringLiteral("email"), QStringLiteral("--login-id"),
                                           QString::fromUtf8(kAliceEmail), QStringLiteral("--json")}));
    EXPECT_EQ(refused.exitCode, 1) << refused.out << refused.err;
    EXPECT_EQ(refused.json()["error"]["httpStatus"], 401);
    EXPECT_EQ(refused.json()["error"]["code"], "E011003") << refused.out;
    EXPECT_EQ(refused.err.find("code: "), std::string::npos) << refused.err;
    mgmtOk({QStringLiteral("user"), QStringLiteral("status"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail), QStringLiteral("--status"),
            QStringLiteral("enabled")});
    EXPECT_EQ(signInWithOtp()["session"]["userId"], kAliceUserId);
    expectInputError(mgmt({QStringLiteral("user"), QStringLiteral("status"), QStringLiteral("--login-id"), QString::fromUtf8(kAliceEmail),
                           QStringLiteral("--status"), QStringLiteral("asleep")}));
}

TEST_F(DescopeMgmtCliTest, AnAccessKeyExchangesUntilDeactivated)
{
    const QString cleartextFile = m_dir.filePath(QStringLiteral("ci.key"));
    const CliRun created = mgmt({QStringLiteral("access-key"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("ci"),
                                 QStringLiteral("--roles"), QStringLiteral("user"), QStringLiteral("--cleartext-file"), cleartextFile});
    ASSERT_EQ(created.exitCode, 0) << created.out << created.err;
    const std::string keyId = created.json()["result"]["key"]["id"].get<std::string>();
    EXPECT_EQ(created.json()["result"]["cleartextFile"], cleartextFile.toStdString());
    EXPECT_FALSE(created.json()["result"].contains("cleartext"));
    EXPECT_EQ(QFile::permissions(cleartextFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    QFile file(cleartextFile);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const std::string cleartext = file.readAll().trimmed().toStdString();
    EXPECT_FALSE(cleartext.empty());
    EXPECT_FALSE(mentions(created, cleartext)) << "written to the file, not printed";
    // The file exists now: a second create refuses it before any key is made.
    expectInputError(mgmt({QStringLiteral("access-key"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("ci-2"),
                           QStringLiteral("--cleartext-file"), cleartextFile}));

    const auto exchange = [&] {
        return runCli(descope({QStringLiteral("access-key"), QStringLiteral("--access-key-file"), cleartextFile, QStringLiteral("--json")}));
    };
    const CliRun exchanged = exchange();
    ASSERT_EQ(exchanged.exitCode, 0) << exchanged.out << exchanged.err;
    EXPECT_EQ(exchanged.json()["session"]["userId"], keyId);
    EXPECT_EQ(exchanged.json()["session"]["claims"]["roles"], Json::array({"user"}));

    EXPECT_EQ(mgmtOk({QStringLiteral("access-key"), QStringLiteral("deactivate"), QStringLiteral("--id"), QString::fromStdString(keyId)}),
              Json::object());
    const CliRun refused = exchange();
    EXPECT_EQ(refused.exitCode, 1) << refused.out << refused.err;
    EXPECT_EQ(refused.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(mgmtOk({QStringLiteral("access-key"), QStringLiteral("load"), QStringLiteral("--id"), QString::fromStdString(keyId)})["key"]["status"],
              "inactive");

    mgmtOk({QStringLiteral("access-key"), QStringLiteral("activate"), QStringLiteral("--id"), QString::fromStdString(keyId)});
    EXPECT_EQ(exchange().exitCode, 0);
    mgmtOk({QStringLiteral("access-key"), QStringLiteral("delete"), QStringLiteral("--id"), QString::fromStdString(keyId)});
    EXPECT_EQ(exchange().exitCode, 1);

    // Without --cleartext-file the cleartext, shown this once, is printed.
    const Json printed = mgmtOk({QStringLiteral("access-key"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("printed")});
    EXPECT_FALSE(printed.value("cleartext", std::string()).empty());
}

TEST_F(DescopeMgmtCliTest, RolesPermissionsAndTenantsRoundTrip)
{
    mgmtOk({QStringLiteral("permission"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("export:data"),
            QStringLiteral("--description"), QStringLiteral("download reports")});
    mgmtOk({QStringLiteral("role"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("exporter"), QStringLiteral("--permissions"),
            QStringLiteral("export:data")});
    mgmtOk({QStringLiteral("role"), QStringLiteral("update"), QStringLiteral("--name"), QStringLiteral("exporter"), QStringLiteral("--new-name"),
            QStringLiteral("reporter"), QStringLiteral("--permissions"), QStringLiteral("export:data")});
    const Json roles = mgmtOk({QStringLiteral("role"), QStringLiteral("load-all")});
    const auto named = [](const Json &list, const std::string &name) {
        return std::any_of(list.begin(), list.end(), [&](const Json &item) { return item.value("name", std::string()) == name; });
    };
    EXPECT_TRUE(named(roles["roles"], "reporter")) << roles.dump();
    EXPECT_FALSE(named(roles["roles"], "exporter"));
    mgmtOk({QStringLiteral("permission"), QStringLiteral("update"), QStringLiteral("--name"), QStringLiteral("export:data"), QStringLiteral("--new-name"),
            QStringLiteral("export:all")});
    EXPECT_TRUE(named(mgmtOk({QStringLiteral("permission"), QStringLiteral("load-all")})["permissions"], "export:all"));
    mgmtOk({QStringLiteral("role"), QStringLiteral("delete"), QStringLiteral("--name"), QStringLiteral("reporter")});
    mgmtOk({QStringLiteral("permission"), QStringLiteral("delete"), QStringLiteral("--name"), QStringLiteral("export:all")});
    EXPECT_FALSE(named(mgmtOk({QStringLiteral("role"), QStringLiteral("load-all")})["roles"], "reporter"));

    mgmtOk({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Hooli"), QStringLiteral("--id"),
            QStringLiteral("hooli")});
    mgmtOk({QStringLiteral("tenant"), QStringLiteral("update"), QStringLiteral("--id"), QStringLiteral("hooli"), QStringLiteral("--name"),
            QStringLiteral("Hooli XYZ")});
    EXPECT_EQ(mgmtOk({QStringLiteral("tenant"), QStringLiteral("load"), QStringLiteral("--id"), QStringLiteral("hooli")})["name"], "Hooli XYZ");
    EXPECT_EQ(mgmtOk({QStringLiteral("tenant"), QStringLiteral("search"), QStringLiteral("--names"), QStringLiteral("Hooli XYZ")})["tenants"].size(), 1u);
    mgmtOk({QStringLiteral("tenant"), QStringLiteral("delete"), QStringLiteral("--id"), QStringLiteral("hooli")});
    const CliRun gone = mgmt({QStringLiteral("tenant"), QStringLiteral("load"), QStringLiteral("--id"), QStringLiteral("hooli")});
    EXPECT_EQ(gone.exitCode, 1) << gone.out << gone.err;
    EXPECT_EQ(gone.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(gone.json()["operation"], "tenant load");
}

TEST_F(DescopeMgmtCliTest, TheManagementKeyIsRequiredCheckedAndNeverEchoed)
{
    const QStringList loadAll = descope({QStringLiteral("mgmt"), QStringLiteral("tenant"), QStringLiteral("load-all"), QStringLiteral("--json")});

    const CliRun missing = runCli(loadAll, {}, environmentWithKey());
    expectInputError(missing);
    EXPECT_EQ(missing.json()["error"]["code"], "DESCOPE_MANAGEMENT_KEY_MISSING");
    EXPECT_NE(missing.json()["error"]["message"].get<std::string>().find("--management-key-file"), std::string::npos);

    const CliRun fromEnvironment = runCli(loadAll, {}, environmentWithKey(QString::fromStdString(s_managementKey)));
    EXPECT_EQ(fromEnvironment.exitCode, 0) << fromEnvironment.out << fromEnvironment.err;
    EXPECT_FALSE(mentions(fromEnvironment, s_managementKey));

    // A wrong key, from the environment or a file: Descope's refusal, and the key nowhere.
    const CliRun wrongInEnvironment = runCli(loadAll, {}, environmentWithKey(QString::fromUtf8(kWrongKey)));
    EXPECT_EQ(wrongInEnvironment.exitCode, 1) << wrongInEnvironment.out << wrongInEnvironment.err;
    EXPECT_EQ(wrongInEnvironment.json()["error"]["category"], "DESCOPE");
    EXPECT_EQ(wrongInEnvironment.json()["error"]["code"], "E011003");
    EXPECT_FALSE(mentions(wrongInEnvironment, kWrongKey));
    const QString wrongFile = writeFile(QStringLiteral("wrong.key"), kWrongKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const CliRun wrongInFile = runCli(loadAll + QStringList{QStringLiteral("--management-key-file"), wrongFile}, {}, environmentWithKey());
    EXPECT_EQ(wrongInFile.exitCode, 1) << wrongInFile.out << wrongInFile.err;
    EXPECT_EQ(wrongInFile.json()["error"]["httpStatus"], 401);
    EXPECT_FALSE(mentions(wrongInFile, kWrongKey));

    // The file: it must exist, hold a key and be its owner's alone.
    const auto withFile = [&](const QString &path) {
        return runCli(loadAll + QStringList{QStringLiteral("--management-key-file"), path}, {}, environmentWithKey());
    };
    const CliRun absent = withFile(m_dir.filePath(QStringLiteral("absent.key")));
    expectInputError(absent);
    EXPECT_EQ(absent.json()["error"]["code"], "DESCOPE_MANAGEMENT_KEY_FILE");
    const CliRun empty = withFile(writeFile(QStringLiteral("empty.key"), " \n", QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    expectInputError(empty);
    EXPECT_EQ(empty.json()["error"]["code"], "DESCOPE_MANAGEMENT_KEY_EMPTY");
    const CliRun readable = withFile(writeFile(QStringLiteral("open.key"), kWrongKey,
                                               QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    expectInputError(readable);
    EXPECT_EQ(readable.json()["error"]["code"], "DESCOPE_MANAGEMENT_KEY_FILE_PERMISSIONS");
    EXPECT_FALSE(mentions(readable, kWrongKey));
}

TEST_F(DescopeMgmtCliTest, EveryActionInTheUsageHasHelpAndMissingOptionsAreUsageErrors)
{
    const CliRun usage = runCli({QStringLiteral("descope"), QStringLiteral("--help")});
    ASSERT_EQ(usage.exitCode, 0);
    // "      tenant create|update|…" lines: the objects and actions from the command table.
    const QRegularExpression line(QStringLiteral("^      (tenant|user|access-key|role|permission|sso) (.+)$"), QRegularExpression::MultilineOption);
    int actions = 0;
    for (auto match = line.globalMatch(QString::fromStdString(usage.out)); match.hasNext();) {
        const auto found = match.next();
        for (const QString &action : found.captured(2).split(QLatin1Char('|'))) {
            const QStringList words = QStringList{QStringLiteral("descope"), QStringLiteral("mgmt"), found.captured(1)} + action.split(QLatin1Char(' '));
            const CliRun help = runCli(words + QStringList{QStringLiteral("--help")});
            EXPECT_EQ(help.exitCode, 0) << words.join(QLatin1Char(' ')).toStdString();
            EXPECT_EQ(help.out.rfind("Usage: oidcplay-cli " + words.join(QLatin1Char(' ')).toStdString(), 0), 0u) << help.out;
            EXPECT_NE(help.out.find("--management-key-file"), std::string::npos);
            ++actions;
        }
    }
    EXPECT_EQ(actions, 39);

    const CliRun noName = mgmt({QStringLiteral("tenant"), QStringLiteral("create")});
    expectInputError(noName);
    EXPECT_NE(noName.json()["error"]["message"].get<std::string>().find("--name"), std::string::npos);
    expectInputError(mgmt({QStringLiteral("user"), QStringLiteral("load"), QStringLiteral("--login-id"), QStringLiteral("a"), QStringLiteral("--user-id"),
                           QStringLiteral("b")}));
    expectInputError(mgmt({QStringLiteral("user"), QStringLiteral("roles"), QStringLiteral("--login-id"), QStringLiteral("a")}));
    expectInputError(mgmt({QStringLiteral("widget"), QStringLiteral("create")}));
    expectInputError(mgmt({QStringLiteral("sso"), QStringLiteral("configure"), QStringLiteral("--tenant"), QStringLiteral("t"), QStringLiteral("--idp-url"),
                           QStringLiteral("u"), QStringLiteral("--entity-id"), QStringLiteral("e"), QStringLiteral("--idp-cert-file"),
                           m_dir.filePath(QStringLiteral("absent.pem"))}));
    EXPECT_EQ(runCli({QStringLiteral("descope"), QStringLiteral("mgmt"), QStringLiteral("user"), QStringLiteral("--help")}).exitCode, 0);
}

} // namespace cli::descope_test
